//! A paste for `explain` that starts inside a value: a `{:#?}` paste whose
//! first lines are missing opens indented (`    id: QueryId(1),`, or deeper
//! inside a field: `            Other(`),
//! a `{:?}` line cut short at its start on a field (`lt: PutRecord(…`), and
//! either closes more brackets than it opens. When its top-level fields are
//! those of a common event, the missing head is put back (the paste was
//! only its first line short); else its events are explained as far as
//! they go, and said to be partial. Finding and judging the events is the
//! pipeline's.

use crate::format::scan::Depth;
use crate::knowledge::Verdict;
use crate::render::Report;

/// Events printed with `{:#?}` whose top-level fields name them, the most
/// specific first: (name, fields that must all be there).
const HEADS: &[(&str, &[&str])] = &[
    ("OutboundQueryProgressed", &["id", "result", "stats"]),
    (
        "ConnectionEstablished",
        &[
            "peer_id",
            "endpoint",
            "num_established",
            "concurrent_dial_errors",
        ],
    ),
    (
        "ConnectionClosed",
        &["peer_id", "endpoint", "num_established", "cause"],
    ),
    (
        "IncomingConnectionError",
        &["local_addr", "send_back_addr", "error"],
    ),
    (
        "OutgoingConnectionError",
        &["connection_id", "peer_id", "error"],
    ),
];

/// How a paste starts inside a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Headless {
    /// The event whose first line alone is missing, if its fields tell.
    pub head: Option<&'static str>,
}

/// Whether `text` starts inside a value, and which.
pub fn headless(text: &str) -> Option<Headless> {
    // a selection that starts on the previous event's last line (`    }`)
    // before a whole event is not cut
    let tail = |l: &str| !l.trim().is_empty() && l.trim().bytes().all(|b| b"}),] ".contains(&b));
    let skipped = text.lines().take_while(|l| l.trim().is_empty() || tail(l));
    let at: usize = skipped.map(|l| l.len() + 1).sum();
    let rest = text.get(at..).unwrap_or("");
    if at > 0 && !rest.trim().is_empty() && Depth::default().after(rest).0 >= 0 {
        return None;
    }
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    let indent = first.len() - first.trim_start().len();
    // a `{:?}` line cut anywhere before a field (`lt: PutRecord(…), stats: …`);
    // a `{:#?}` paste that opens indented, on a field or inside one (`1,`,
    // `Other(`)
    let one_line = text.trim().lines().nth(1).is_none();
    if one_line && field_name(first).is_none() || !one_line && indent == 0 {
        return None;
    }
    let depth = Depth::default().after(text).0;
    if depth >= 0 {
        return None;
    }
    if one_line {
        // its first field name may be cut too: no head put back
        return Some(Headless { head: None });
    }
    // the fields at the first line's indentation are the value's own
    let fields: Vec<&str> = (text.lines())
        .filter(|l| l.len() - l.trim_start().len() == indent)
        .filter_map(field_name)
        .collect();
    let head = HEADS
        .iter()
        .find(|(_, needs)| needs.iter().all(|n| fields.contains(n)))
        .map(|(name, _)| *name)
        .filter(|_| depth == -1);
    Some(Headless { head })
}

/// `    result: PutRecord(` → `result`.
fn field_name(line: &str) -> Option<&str> {
    let (name, _) = line.trim_start().split_once(": ")?;
    let ident = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_';
    (!name.is_empty() && name.bytes().all(ident)).then_some(name)
}

/// The text to explain: `text` with its head put back, on a line of its
/// own before the first (so the paste's own lines keep their numbers when
/// counting starts at 0).
pub fn with_head(text: &str, head: &str) -> String {
    format!("{head} {{\n{text}")
}

/// Says in each report that the paste started inside a value; without a
/// head put back, drops the larger value's other fields (`QueryStats { .. }`
/// read on their own are no events) when a known event is among them.
pub fn mark(reports: &mut Vec<Report<'_>>, headless: Headless) {
    if headless.head.is_none() {
        let known = |r: &Report<'_>| r.explanation.verdict != Verdict::Unknown;
        if reports.iter().any(known) {
            reports.retain(known);
        }
    }
    for r in reports {
        // an event that starts on the head put back starts on the paste's first line
        r.line = r.line.max(1);
        let e = &mut r.explanation;
        // a transport error alone reads as `listen_on()`'s; inside a larger
        // value it is the dial's or the connection's whose head is missing
        if headless.head.is_none() && e.kind.starts_with("swarm.TransportError.") {
            if let Some(rest) = e.summary.strip_prefix("`listen_on()` failed: ") {
                e.summary = format!("a transport error (of the missing value: a dial, a listener, a connection): {rest}");
                e.advice = Default::default();
            }
        }
        let (summary, explanation) = match headless.head {
            Some(head) => {
                let a = if head.starts_with(['A', 'E', 'I', 'O', 'U']) { "an" } else { "a" };
                (
                    format!("Read as the rest of {a} `{head}` (the paste's first line is missing): "),
                    format!(
                        "The paste starts inside a value; its fields are those of {a} `{head}`, so \
                         p2plog put that first line back and read the whole event. "
                    ),
                )
            }
            None => (
                "The paste starts inside a value, so this may be incomplete: ".to_owned(),
                "The text begins inside a larger value (its first lines are missing): that value's \
                 other fields are not part of this explanation. "
                    .to_owned(),
            ),
        };
        e.summary.insert_str(0, &summary);
        e.explanation = format!("{explanation}{}", e.explanation).into();
    }
}
