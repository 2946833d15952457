//! Instants and durations as libp2p prints them, in exact integer nanoseconds.
//!
//! `std::time::Instant` prints `Instant { tv_sec: 674, tv_nsec: 920882446 }` on
//! Linux and macOS, `Instant { t: 15872.5850591s }` on Windows (a `Duration`
//! since boot) and `Instant(1234.5ms)` on wasm (`web_time`). None is a wall-clock
//! time: only differences mean anything. Durations are `Duration`'s Debug text
//! (`76.0568ms`, `250µs`, `1.5s`, `10ns`).

use std::fmt;

use crate::debugfmt::{Kind, Value};

/// Which platform's `Instant` printed this.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// `Instant { tv_sec, tv_nsec }`: Linux, macOS and other unix systems.
    Unix,
    /// `Instant { t: 1.5s }`: Windows.
    Windows,
    /// `Instant(1.5ms)`: wasm32 (`web_time`).
    Wasm,
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Clock::Unix => "Linux/macOS",
            Clock::Windows => "Windows",
            Clock::Wasm => "wasm",
        })
    }
}

/// A point on a monotonic clock, in nanoseconds since that clock's origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instant {
    pub nanos: u128,
    pub clock: Clock,
}

impl Instant {
    /// Reads any of the three printed forms; `None` for anything else.
    pub fn from_value(v: &Value<'_>) -> Option<Instant> {
        if v.name() != Some("Instant") {
            return None;
        }
        if let Some(t) = v.field("t") {
            return Some(Instant {
                nanos: duration_value(t)?,
                clock: Clock::Windows,
            });
        }
        if let (Some(sec), Some(nsec)) = (v.field("tv_sec"), v.field("tv_nsec")) {
            let nanos = u128::from(sec.as_u64()?) * 1_000_000_000 + u128::from(nsec.as_u64()?);
            return Some(Instant {
                nanos,
                clock: Clock::Unix,
            });
        }
        let nanos = duration_value(v.only()?)?;
        Some(Instant {
            nanos,
            clock: Clock::Wasm,
        })
    }

    /// Seconds since the clock's origin, as the instant would print them: `15872.5850591`.
    pub fn seconds(&self) -> String {
        let secs = self.nanos / 1_000_000_000;
        let frac = self.nanos % 1_000_000_000;
        let frac = format!("{frac:09}");
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            format!("{secs}")
        } else {
            format!("{secs}.{frac}")
        }
    }
}

/// The nanoseconds of a `Duration` value (`Kind::Duration`).
pub fn duration_value(v: &Value<'_>) -> Option<u128> {
    match v.kind {
        // a unit the grammar does not take (`Âµs`) leaves a bare token
        Kind::Duration(text) | Kind::Bare(text) => duration_nanos(text),
        _ => None,
    }
}

/// Parses `Duration`'s Debug text exactly: `76.0568ms` → 76 056 800 ns.
/// Digits beyond nanosecond precision are dropped.
pub fn duration_nanos(text: &str) -> Option<u128> {
    let (number, scale_digits) = if let Some(n) = text.strip_suffix("ns") {
        (n, 0)
    } else if let Some(n) = (text.strip_suffix("µs"))
        // as pasted through a Latin-1 terminal (its `Â` before the `µ`), or
        // typed (Greek `μ`, ASCII `u`)
        .map(|n| n.strip_suffix('Â').unwrap_or(n))
        .or_else(|| text.strip_suffix("μs"))
        .or_else(|| text.strip_suffix("us"))
    {
        (n, 3)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 6)
    } else {
        (text.strip_suffix('s')?, 9)
    };
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let scale = 10u128.pow(scale_digits);
    let mut nanos = int.parse::<u128>().ok()?.checked_mul(scale)?;
    let kept = &frac[..frac.len().min(scale_digits as usize)];
    if !kept.is_empty() {
        let pad = 10u128.pow(scale_digits - kept.len() as u32);
        nanos += kept.parse::<u128>().ok()? * pad;
    }
    Some(nanos)
}

/// `end − start` in nanoseconds, when both exist on the same clock and end ≥ start.
pub fn elapsed(start: Option<Instant>, end: Option<Instant>) -> Option<u128> {
    let (s, e) = (start?, end?);
    (s.clock == e.clock)
        .then(|| e.nanos.checked_sub(s.nanos))
        .flatten()
}

/// Milliseconds as a float for JSON (`75.9568`).
pub fn millis(nanos: u128) -> f64 {
    nanos as f64 / 1e6
}

/// A duration for people: `75.96 ms`, `8.49 s`, `250 µs`, `2 min 5 s`,
/// `2 min`, `1 h 30 min`, `48 h`.
pub fn human(nanos: u128) -> String {
    let ns = nanos as f64;
    if nanos < 1_000 {
        format!("{nanos} ns")
    } else if nanos < 1_000_000 {
        format!("{} µs", trim(ns / 1e3))
    } else if nanos < 1_000_000_000 {
        format!("{} ms", trim(ns / 1e6))
    } else if nanos < 120_000_000_000 {
        format!("{} s", trim(ns / 1e9))
    } else {
        let secs = nanos / 1_000_000_000;
        let (h, min, s) = (secs / 3600, secs / 60 % 60, secs % 60);
        // the seconds of an hour or more are noise; zero parts are left out
        match (h, min, s) {
            (0, min, 0) => format!("{min} min"),
            (0, min, s) => format!("{min} min {s} s"),
            (h, 0, _) => format!("{h} h"),
            (h, min, _) => format!("{h} h {min} min"),
        }
    }
}

/// Two decimals, trailing zeros dropped: 75.9568 → "75.96", 2.0 → "2".
fn trim(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debugfmt::parse;

    fn instant(text: &str) -> Instant {
        Instant::from_value(&parse(text).unwrap()).unwrap()
    }

    #[test]
    fn durations_are_exact_in_every_unit() {
        assert_eq!(duration_nanos("76.0568ms"), Some(76_056_800));
        assert_eq!(duration_nanos("250µs"), Some(250_000));
        // found by the review of pasted events: a Windows paste, a typed unit
        assert_eq!(duration_nanos("239.826Âµs"), Some(239_826));
        assert_eq!(duration_nanos("250us"), Some(250_000));
        assert_eq!(duration_nanos("250μs"), Some(250_000));
        assert_eq!(duration_nanos("1.5s"), Some(1_500_000_000));
        assert_eq!(duration_nanos("10ns"), Some(10));
        assert_eq!(duration_nanos("172800s"), Some(172_800_000_000_000));
        assert_eq!(duration_nanos("15872.5850591s"), Some(15_872_585_059_100));
        assert_eq!(duration_nanos("1.0000000019s"), Some(1_000_000_001));
        assert_eq!(duration_nanos("1.5"), None);
        assert_eq!(duration_nanos("x.5s"), None);
        assert_eq!(duration_nanos("ms"), None);
    }

    #[test]
    fn windows_seed_instants_give_75_9568_ms() {
        let start = instant("Instant { t: 15872.5850591s }");
        let end = instant("Instant { t: 15872.6610159s }");
        assert_eq!(start.clock, Clock::Windows);
        assert_eq!(elapsed(Some(start), Some(end)), Some(75_956_800));
        assert_eq!(millis(75_956_800), 75.9568);
        assert_eq!(start.seconds(), "15872.5850591");
    }

    #[test]
    fn unix_and_wasm_instants() {
        let start = instant("Instant { tv_sec: 674, tv_nsec: 920882446 }");
        let end = instant("Instant { tv_sec: 675, tv_nsec: 1 }");
        assert_eq!(start.clock, Clock::Unix);
        assert_eq!(elapsed(Some(start), Some(end)), Some(79_117_555));
        let wasm = instant("Instant(1234.5ms)");
        assert_eq!((wasm.clock, wasm.nanos), (Clock::Wasm, 1_234_500_000));
        assert!(Instant::from_value(&parse("Other { t: 1s }").unwrap()).is_none());
    }

    #[test]
    fn elapsed_needs_both_ends_on_one_clock_in_order() {
        let unix = instant("Instant { tv_sec: 1, tv_nsec: 0 }");
        let win = instant("Instant { t: 2s }");
        assert_eq!(elapsed(Some(unix), None), None);
        assert_eq!(elapsed(Some(unix), Some(win)), None);
        assert_eq!(elapsed(Some(win), Some(instant("Instant { t: 1s }"))), None);
    }

    #[test]
    fn human_durations() {
        assert_eq!(human(75_956_800), "75.96 ms");
        assert_eq!(human(8_490_000_000), "8.49 s");
        assert_eq!(human(250_000), "250 µs");
        assert_eq!(human(10), "10 ns");
        assert_eq!(human(125_000_000_000), "2 min 5 s");
        // found by the review of pasted events: `2 min 0 s`, `2880 min 0 s`
        assert_eq!(human(120_000_000_000), "2 min");
        assert_eq!(human(3_600_000_000_000), "1 h");
        assert_eq!(human(5_430_000_000_000), "1 h 30 min");
        assert_eq!(human(172_800_000_000_000), "48 h");
    }
}
