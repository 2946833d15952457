//! `summary`: a whole log (or several) folded into one [`Summary`]: counts by
//! kind and verdict, kad query timings, peers over time per node, findings, the
//! keys and peers that fail most.
//!
//! A [`Builder`] takes the explained events in log order, in memory bounded by
//! the number of distinct kinds, keys, peers and query durations (not by the
//! number of lines). A `Summary` is plain data: serialised as the `summary
//! --format json` object (unknown fields denied when read back), and two
//! summaries merge (counts add; percentiles are recomputed from the kept
//! duration histograms). Rendering is `render`'s job.

mod build;
mod findings;
mod merge;
mod peers;
mod reach;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::knowledge::{text, Verdict};

pub use build::{Builder, Causes, CAUSES_PER_KIND, OTHER_CAUSES};
pub use findings::group_name;
pub use peers::{PeerBucket, PeerTrack};
pub use reach::{Reaches, KINDS as FINDING_KINDS, NEVER_CONNECTED};

/// Counts per verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verdicts {
    pub ok: u64,
    pub expected: u64,
    pub actionable: u64,
    pub unknown: u64,
}

impl Verdicts {
    pub fn add(&mut self, v: Verdict, n: u64) {
        *match v {
            Verdict::Ok => &mut self.ok,
            Verdict::Expected => &mut self.expected,
            Verdict::Actionable => &mut self.actionable,
            Verdict::Unknown => &mut self.unknown,
        } += n;
    }

    pub fn get(&self, v: Verdict) -> u64 {
        match v {
            Verdict::Ok => self.ok,
            Verdict::Expected => self.expected,
            Verdict::Actionable => self.actionable,
            Verdict::Unknown => self.unknown,
        }
    }

    pub fn total(&self) -> u64 {
        self.ok + self.expected + self.actionable + self.unknown
    }

    /// The most severe verdict with a non-zero count.
    pub fn worst(&self) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|&v| self.get(v) > 0)
    }

    fn merge(&mut self, o: &Verdicts) {
        // saturating: a hostile or corrupt summary file must not wrap a
        // count to zero and so defeat `--fail-on`
        self.ok = self.ok.saturating_add(o.ok);
        self.expected = self.expected.saturating_add(o.expected);
        self.actionable = self.actionable.saturating_add(o.actionable);
        self.unknown = self.unknown.saturating_add(o.unknown);
    }
}

/// One input file (or stdin).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub name: String,
    pub lines: u64,
    /// Lines per recognised line format id.
    pub formats: BTreeMap<String, u64>,
    /// Lines longer than the input's cap, parsed only up to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated: Option<Truncated>,
    /// Why the source could not be read, or not to its end (the summary
    /// holds what came before): `node.log.gz: corrupt gzip data after line
    /// 1611: …`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The name is `<summary>: <log>`, which `--merge` gives logs of one
    /// name from several summaries: not a path.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub labelled: bool,
}

impl Source {
    /// What a reader of the summary must know about a source that was not
    /// read to its end.
    pub fn error_note(&self) -> Option<String> {
        let error = self.error.as_deref()?;
        Some(match self.lines {
            0 => format!("{error}; nothing of it is summarised"),
            n => format!(
                "{error}; only its first {} are summarised",
                text::count(n, "line")
            ),
        })
    }
}

/// The lines of a source that were truncated for parsing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Truncated {
    /// How many.
    pub count: u64,
    /// The cap: each was parsed up to this many bytes.
    pub at_bytes: u64,
    /// The first few of them (at most [`TRUNCATED_LINES_KEPT`]).
    pub lines: Vec<u64>,
}

/// How many truncated line numbers a source keeps.
pub const TRUNCATED_LINES_KEPT: usize = 10;

impl Truncated {
    /// `3 lines truncated at 1048576 bytes (lines 2, 7, 9)`.
    pub fn describe(&self) -> String {
        let lines: Vec<String> = self.lines.iter().map(u64::to_string).collect();
        let more = if self.count > self.lines.len() as u64 {
            ", …"
        } else {
            ""
        };
        let noun = if self.count == 1 { "line" } else { "lines" };
        format!(
            "{} {noun} truncated at {} bytes for parsing ({noun} {}{more})",
            self.count,
            self.at_bytes,
            lines.join(", ")
        )
    }
}

/// Events of one kind, by verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindCount {
    pub kind: String,
    #[serde(flatten)]
    pub verdicts: Verdicts,
}

/// The kad queries of one type (`PutRecord`, `GetRecord`, …).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryStats {
    #[serde(rename = "type")]
    pub query_type: String,
    /// Final results (`last: true`, or results logged on their own); for
    /// `Bootstrap`, every step (each a lookup with stats of its own).
    pub count: u64,
    pub ok: u64,
    pub failed: u64,
    pub p50_ms: Option<f64>,
    pub p95_ms: Option<f64>,
    /// Exact, also once the histogram is rounded.
    pub max_ms: Option<f64>,
    pub requests: u64,
    pub success: u64,
    pub failure: u64,
    /// Durations of the final results with both instants, in nanoseconds →
    /// how many: what percentiles are computed from, and what merges.
    pub histogram_ns: BTreeMap<u64, u64>,
    /// Absent while the durations are exact; past [`HISTOGRAM_KEPT`]
    /// distinct ones they are rounded to this many significant digits (3,
    /// then fewer), so memory stays flat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub significant_digits: Option<u32>,
}

/// How many distinct durations a query type's histogram keeps exactly.
pub const HISTOGRAM_KEPT: usize = 4096;

/// `ns` rounded to `digits` significant digits (`None`: as it is).
fn round_to(ns: u64, digits: Option<u32>) -> u64 {
    // at least one digit: 10²⁰ does not fit a u64 (a merged summary's
    // `significant_digits` comes from a file)
    let Some(digits) = digits.map(|d| d.max(1)) else {
        return ns;
    };
    let len = ns.checked_ilog10().map_or(1, |l| l + 1);
    if len <= digits {
        return ns;
    }
    let unit = 10u64.pow(len - digits);
    (ns / unit + u64::from(ns % unit >= unit / 2)).saturating_mul(unit)
}

impl QueryStats {
    /// Counts `n` results that took `ns` nanoseconds.
    pub fn add_duration(&mut self, ns: u64, n: u64) {
        let ms = ns as f64 / 1e6;
        self.max_ms = Some(self.max_ms.map_or(ms, |max| max.max(ms)));
        self.count_duration(ns, n);
    }

    /// Counts `n` results that took `ns` nanoseconds in the histogram
    /// alone (a merged file's, whose maximum its `max_ms` says exactly).
    pub(crate) fn count_duration(&mut self, ns: u64, n: u64) {
        let slot = (self.histogram_ns)
            .entry(round_to(ns, self.significant_digits))
            .or_default();
        *slot = slot.saturating_add(n);
        while self.histogram_ns.len() > HISTOGRAM_KEPT {
            match self.significant_digits {
                None => self.coarsen(Some(3)),
                Some(d) if d > 1 => self.coarsen(Some(d - 1)),
                Some(_) => break,
            }
        }
    }

    /// Rounds the kept durations to `digits` significant digits, when that
    /// is coarser than they are.
    pub fn coarsen(&mut self, digits: Option<u32>) {
        let coarser = match (digits, self.significant_digits) {
            (Some(d), Some(now)) => d < now,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if !coarser {
            return;
        }
        self.significant_digits = digits;
        for (ns, n) in std::mem::take(&mut self.histogram_ns) {
            let slot = self.histogram_ns.entry(round_to(ns, digits)).or_default();
            *slot = slot.saturating_add(n);
        }
    }

    /// Nearest-rank percentile (`p` in 0..=100) of the kept durations, in ms.
    pub fn percentile_ms(&self, p: f64) -> Option<f64> {
        let total = (self.histogram_ns.values()).fold(0u64, |t, &n| t.saturating_add(n));
        if total == 0 {
            return None;
        }
        let rank = ((p / 100.0 * total as f64).ceil() as u64).clamp(1, total);
        let mut seen = 0;
        for (&ns, &n) in &self.histogram_ns {
            seen = n.saturating_add(seen);
            if seen >= rank {
                return Some(ns as f64 / 1e6);
            }
        }
        None
    }

    fn refresh(&mut self) {
        if self.max_ms.is_none() {
            let longest = self.histogram_ns.keys().next_back();
            self.max_ms = longest.map(|&ns| ns as f64 / 1e6);
        }
        // a rounded histogram may round past the exact maximum
        let capped = |p: Option<f64>| match (p, self.max_ms) {
            (Some(p), Some(max)) => Some(p.min(max)),
            (p, _) => p,
        };
        self.p50_ms = capped(self.percentile_ms(50.0));
        self.p95_ms = capped(self.percentile_ms(95.0));
    }
}

/// A sentence a person most needs, drawn from the whole log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub verdict: Verdict,
    pub kind: String,
    /// What the group's events share beyond their kind: the cause of a
    /// failed dial or of a connection closed by an I/O error ("connection
    /// refused"; past 32 causes of a kind in a file, "other causes").
    /// Absent for most kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    pub count: u64,
    pub source: String,
    pub first_line: u64,
    pub last_line: u64,
    pub text: String,
}

/// A view that holds several nodes' events (a log without node names that
/// interleaves them): its peer counts, repeats and query history are merged
/// across those nodes, and so are the verdicts that depend on them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MixedNodes {
    pub source: String,
    /// The node name the view is kept under (empty: the lines name none).
    pub node: String,
    /// The line that first showed it, and how.
    pub line: u64,
    pub sign: String,
}

impl Summary {
    /// How many sources had lines: a file that could not be read, or an
    /// empty one, adds no node and no file to tell tracks apart.
    pub fn sources_with_lines(&self) -> usize {
        self.sources.iter().filter(|src| src.lines > 0).count()
    }

    /// A warning when no event was found in what was read: a clean summary
    /// of a log without events (written below the events' log level, or
    /// empty) says nothing about the network, and would pass a CI gate.
    pub fn no_events_note(&self) -> Option<String> {
        let unread = self.sources.iter().any(|src| src.error.is_some());
        (self.events == 0 && !unread).then(|| {
            let read = match self.lines {
                0 => "The input is empty".to_owned(),
                1 => "No libp2p event was found in the 1 line read".to_owned(),
                n => format!("No libp2p event was found in the {n} lines read"),
            };
            format!(
                "{read}, so this summary says nothing about the network: does the node \
                 print its swarm events (`{{:?}}` or `{{:#?}}`), and does its log level let \
                 them through?"
            )
        })
    }

    /// "These include 663 of libp2p's own log lines that repeat an event it
    /// also emits (38 actionable, 255 expected, 370 ok)", when there are any.
    pub fn mirrored_note(&self) -> Option<String> {
        let m = &self.mirrored;
        (m.total() > 0).then(|| {
            format!(
                "These include {} of libp2p's own log lines that repeat an event it also \
                 emits ({} actionable, {} expected, {} ok)",
                m.total(),
                m.actionable,
                m.expected,
                m.ok
            )
        })
    }
}

impl MixedNodes {
    /// "fixtures/x.log seems to hold several nodes' events without node names: at line 12, QueryId(0) finished a second time. …"
    pub fn describe(&self) -> String {
        let whose = if self.node.is_empty() {
            "several nodes' events without node names".to_owned()
        } else {
            format!("several nodes' events under the one name {:?}", self.node)
        };
        format!(
            "{} seems to hold {whose}: at line {}, {}. Peer counts, repeated events and query \
             history are merged across those nodes, so verdicts that depend on them \
             can be wrong. Give p2plog each node's log on its own, or name the node in \
             its lines (a node field in a tracing span, or a docker compose prefix).",
            self.source, self.line, self.sign
        )
    }
}

/// A key or peer and how many actionable events concerned it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Top {
    pub name: String,
    pub count: u64,
    /// The node of the log whose peer id `name` is (its `local_peer_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
}

/// The version of the `summary --format json` object this p2plog writes
/// and reads. A change that an older p2plog would misread (or refuse, as a
/// field it does not know) raises it.
pub const SUMMARY_VERSION: u32 = 1;

/// The `summary --format json` object.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// [`SUMMARY_VERSION`] when written; summaries written before it
    /// existed read as 1.
    #[serde(default = "version_one")]
    pub version: u32,
    pub sources: Vec<Source>,
    pub lines: u64,
    pub events: u64,
    pub nodes: Vec<String>,
    /// Views that hold several nodes' events.
    #[serde(default)]
    pub mixed_nodes: Vec<MixedNodes>,
    /// First and last line timestamps, as the log wrote them.
    pub first_time: Option<String>,
    pub last_time: Option<String>,
    pub verdicts: Verdicts,
    /// Of `verdicts`: libp2p's own log lines that repeat an event libp2p
    /// also emits (`swarm.log.ConnectionAttemptFailed` beside
    /// `swarm.OutgoingConnectionError`), which findings fold into its finding.
    #[serde(default)]
    pub mirrored: Verdicts,
    /// Most severe first, then by count.
    pub kinds: Vec<KindCount>,
    pub queries: Vec<QueryStats>,
    pub peers: Vec<PeerTrack>,
    /// One per (file, kind, cause, verdict) group of non-ok events, and
    /// one per node that reached no peer ([`NEVER_CONNECTED`]), most
    /// important first.
    pub findings: Vec<Finding>,
    pub top_failing_keys: Vec<Top>,
    pub top_failing_peers: Vec<Top>,
    pub unknown_kinds: Vec<String>,
}

fn version_one() -> u32 {
    1
}

/// How many distinct unknown kinds a summary counts apart: a log with more
/// (an app that prints a new type name per line) counts the rest as
/// [`MORE_KINDS`], so memory stays flat. Known kinds are a few hundred.
pub const MAX_KINDS: usize = 2048;
/// The kind that the kinds past [`MAX_KINDS`] are counted under.
pub const MORE_KINDS: &str = "unknown.(more kinds)";

/// Most severe first, then the most events of that severity, then the
/// most events, then by name: 46 actionable pings before 28 actionable
/// bootstraps among 503 good ones.
fn sort_kinds(kinds: &mut [KindCount]) {
    kinds.sort_by(|a, b| {
        let worst = |k: &KindCount| {
            let v = &k.verdicts;
            v.worst().map_or((0, 0), |w| (w.severity(), v.get(w)))
        };
        worst(b)
            .cmp(&worst(a))
            .then(b.verdicts.total().cmp(&a.verdicts.total()))
            .then(a.kind.cmp(&b.kind))
    });
}

/// Names in the order a person counts: `node-2` before `node-10` (runs
/// of digits compare as numbers, the rest as text).
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    fn parts(s: &str) -> impl Iterator<Item = (bool, &str)> {
        let mut rest = s;
        std::iter::from_fn(move || {
            let digits = rest.starts_with(|c: char| c.is_ascii_digit());
            let end = rest
                .find(|c: char| c.is_ascii_digit() != digits)
                .unwrap_or(rest.len());
            let (part, tail) = rest.split_at(end);
            rest = tail;
            (!part.is_empty()).then_some((digits, part))
        })
    }
    fn number(p: &str) -> (usize, &str) {
        let p = p.trim_start_matches('0');
        (p.len(), p)
    }
    for pair in parts(a).zip(parts(b)) {
        let order = match pair {
            ((true, x), (true, y)) => number(x).cmp(&number(y)),
            ((_, x), (_, y)) => x.cmp(y),
        };
        if order.is_ne() {
            return order;
        }
    }
    parts(a).count().cmp(&parts(b).count()).then(a.cmp(b))
}
