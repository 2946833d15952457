//! Findings: one sentence per group of non-ok events of one file (kind,
//! cause and verdict), most important first, with libp2p's repeating log
//! lines folded into the finding of the event they repeat in the same file.

use std::borrow::Cow;

use foldhash::HashMap;

use super::{Finding, MixedNodes};
use crate::knowledge::text::{count, count_range, short_peer};
use crate::knowledge::{PeerSource, Verdict};
use crate::render::safe;

/// One group of non-ok events of one kind (and cause) in one file, for findings.
#[derive(Debug, Default)]
pub(super) struct Group {
    pub(super) kind: String,
    pub(super) cause: Option<String>,
    pub(super) verdict: Option<Verdict>,
    pub(super) count: u64,
    pub(super) source: String,
    pub(super) first_line: u64,
    pub(super) last_line: u64,
    pub(super) first_summary: String,
    /// The peer (or address) the first event was about.
    pub(super) first_subject: Option<String>,
    pub(super) peers_min: Option<u64>,
    pub(super) peers_max: Option<u64>,
    pub(super) peer_source: Option<PeerSource>,
    /// How many of the events had a peer count.
    pub(super) peers_counted: u64,
    /// The first [`NODES_NAMED`] nodes the group's events came from.
    pub(super) nodes: Vec<String>,
    /// Every distinct node, by hash (up to [`NODES_COUNTED`]).
    pub(super) node_hashes: foldhash::HashSet<u64>,
    /// How often each peer, address or key was the subject (the first
    /// [`SUBJECTS`] distinct ones).
    pub(super) subjects: HashMap<String, u64>,
}

/// How many nodes a finding names; the rest are counted ("and 15 more").
pub(super) const NODES_NAMED: usize = 4;
/// How many distinct nodes a finding group counts, at most.
pub(super) const NODES_COUNTED: usize = 100_000;

/// How many distinct subjects a finding group counts.
pub(super) const SUBJECTS: usize = 64;

impl Group {
    /// The subject most of the group's events were about, when it is more than one event.
    fn top_subject(&self) -> Option<(&str, u64)> {
        let (name, &n) = self
            .subjects
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
        (n >= 2).then_some((name.as_str(), n))
    }
}

/// One sentence per (file, kind, cause, verdict) group of non-ok events,
/// most severe and most frequent first (ties in the groups' order). `mixed`: the sources whose unnamed view
/// holds several nodes, whose peer counts are merged across them;
/// `node_ids`: node names by peer id, to say whose id a subject is.
pub(super) fn findings(
    groups: impl Iterator<Item = Group>,
    mixed: &[MixedNodes],
    node_ids: &HashMap<String, String>,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = groups
        .filter_map(|g| {
            let kind = g.kind.clone();
            // the name the text gives the group: its kind, and its cause
            let named = group_name(&kind, g.cause.as_deref()).into_owned();
            let verdict = g.verdict?;
            let times = times(g.count);
            let more = g.node_hashes.len().saturating_sub(g.nodes.len());
            let nodes = match (g.nodes.as_slice(), more) {
                ([], _) => String::new(),
                (named, 0) => format!(" on {}", named.join(", ")),
                (named, more) => format!(
                    " on {} and {}",
                    named.join(", "),
                    count(more as u64, "more node")
                ),
            };
            let peers = match (g.peers_min, g.peers_max, g.peer_source) {
                (Some(lo), Some(hi), Some(source)) => {
                    let (noun, after) = peer_noun(source);
                    let counted = count_range(lo, hi, noun);
                    // "every time" only when every event had a count
                    let every = match g.count - g.peers_counted {
                        0 if g.count > 1 && lo == hi => "every time ".to_owned(),
                        0 => String::new(),
                        _ => format!("{} of them ", g.peers_counted),
                    };
                    // a count from --peers is the flag's, merged or not
                    let merged = g.nodes.is_empty()
                        && source != PeerSource::Flag
                        && mixed
                            .iter()
                            .any(|m| m.node.is_empty() && m.source == g.source);
                    let merged = if merged {
                        " (merged across the log's nodes: see the warning)"
                    } else {
                        ""
                    };
                    format!(", {every}with {counted}{after}{merged}")
                }
                _ => String::new(),
            };
            let whose = |subject: &str| match node_ids.get(subject) {
                Some(node) => format!("{} ({})", safe(subject), safe(node)),
                None => safe(subject).into_owned(),
            };
            let about = match g.top_subject() {
                // one event: its own sentence names whom it concerns
                _ if g.count == 1 => String::new(),
                Some((subject, n)) if n == g.count => {
                    format!(" All of them concerned {}.", whose(subject))
                }
                Some((subject, n)) => format!(" {n} of them concerned {}.", whose(subject)),
                None => String::new(),
            };
            // the first event's own sentence last, so that the peer it names
            // does not read as the one the counts are about; it names peers
            // short, so say which of the log's nodes that one is
            // (only when the sentence shows that id, and the counts above
            // did not name it already)
            let named_above =
                g.count > 1 && g.top_subject().map(|t| t.0) == g.first_subject.as_deref();
            let first_node = (g.first_subject.as_deref())
                .filter(|_| !named_above)
                .and_then(|s| Some((short_peer(s), node_ids.get(s)?)))
                .filter(|(short, _)| g.first_summary.contains(short.as_str()))
                .map_or(String::new(), |(short, node)| {
                    format!(" ({} is {}.)", safe(&short), safe(node))
                });
            let text = if g.count == 1 {
                format!(
                    "{named} once{nodes}{peers}, at line {}: {}{first_node}",
                    g.first_line, g.first_summary
                )
            } else {
                format!(
                    "{named} {times}{nodes}{peers}.{about} The first, at line {}: {}{first_node}",
                    g.first_line, g.first_summary
                )
            };
            Some(Finding {
                verdict,
                kind,
                cause: g.cause,
                count: g.count,
                source: g.source,
                first_line: g.first_line,
                last_line: g.last_line,
                text,
            })
        })
        .collect();
    out.sort_by(importance);
    fold_mirrored(&mut out);
    out
}

/// The order of findings: most severe first, a finding about the whole
/// log (a node that reached no peer: the root of the rest) before those
/// of events, then the most frequent, then by kind and cause.
pub(super) fn importance(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    let whole = |f: &Finding| super::FINDING_KINDS.contains(&f.kind.as_str());
    b.verdict
        .severity()
        .cmp(&a.verdict.severity())
        .then(whole(b).cmp(&whole(a)))
        .then(b.count.cmp(&a.count))
        .then(a.kind.cmp(&b.kind))
        .then(a.cause.cmp(&b.cause))
}

/// The name of a group of findings: its kind, and its cause when the
/// events have one (`swarm.OutgoingConnectionError.Transport (timed out)`).
pub fn group_name<'a>(kind: &'a str, cause: Option<&str>) -> Cow<'a, str> {
    match cause {
        Some(cause) => Cow::Owned(format!("{kind} ({cause})")),
        None => Cow::Borrowed(kind),
    }
}

/// libp2p's log lines that repeat an event, by kind, with the event kind
/// (or its prefix) they repeat and the other kinds the same occurrence may
/// be logged as: a message pattern's `mirrors` and `mirrors_also`
/// (`swarm.log.ConnectionAttemptFailed` → `swarm.OutgoingConnectionError`,
/// or an app's own `swarm.DialError.Transport`).
fn mirrors() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static MIRRORS: std::sync::OnceLock<HashMap<&'static str, Vec<&'static str>>> =
        std::sync::OnceLock::new();
    MIRRORS.get_or_init(|| {
        crate::event::message::patterns()
            .filter_map(|p| {
                let family = p.mirrors.as_deref()?;
                let also = p.mirrors_also.iter().map(String::as_str);
                Some((
                    p.kind.as_str(),
                    std::iter::once(family).chain(also).collect(),
                ))
            })
            .collect()
    })
}

/// Whether `kind` is a libp2p log line that repeats an event (a message
/// pattern with `mirrors`). Only message kinds (`*.log.*`) are looked up.
pub(super) fn is_mirror(kind: &str) -> bool {
    kind.contains(".log.") && mirrors().contains_key(kind)
}

/// For a kind that libp2p reports twice, as an event (or the app's log of
/// its error) and as a log line of its own: the event kind (prefix) both
/// share, and whether `kind` is the log line.
pub(super) fn mirror_family(kind: &str) -> Option<(&'static str, bool)> {
    if let Some(families) = mirrors().get(kind) {
        return Some((families[0], true));
    }
    let families = mirrors()
        .values()
        .find(|fs| fs.iter().any(|f| is_of(kind, f)))?;
    Some((families[0], false))
}

/// `kind` ends with the variant `variant` (`swarm.DialError.Aborted`).
fn is_of_variant(kind: &str, variant: &str) -> bool {
    kind.strip_suffix(variant).is_some_and(|k| k.ends_with('.'))
}

/// `kind` is `prefix` or a variant of it (`prefix.…`).
pub(super) fn is_of(kind: &str, prefix: &str) -> bool {
    kind.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// Folds the finding of a libp2p log line into the finding of the event
/// libp2p emits for the same occurrence (a message pattern's `mirrors`:
/// `swarm.log.ConnectionAttemptFailed` into `swarm.OutgoingConnectionError.*`)
/// when both are of one file and have the same verdict: one problem, one
/// finding. The event's finding with the most events takes it; `findings`
/// is sorted.
fn fold_mirrored(findings: &mut Vec<Finding>) {
    let mut k = 0;
    while k < findings.len() {
        let f = &findings[k];
        // the event findings the log line may belong to: its kind or a
        // variant of it, with the same verdict
        let mut into: Vec<usize> = match mirrors().get(f.kind.as_str()) {
            Some(families) => (findings.iter().enumerate())
                .filter(|(_, e)| {
                    families.iter().any(|p| is_of(&e.kind, p))
                        && e.verdict == f.verdict
                        && e.source == f.source
                })
                .map(|(i, _)| i)
                .collect(),
            None => Vec::new(),
        };
        // a line grouped by cause goes with the events of that cause (or
        // of none), when there are such
        if into.iter().any(|&i| findings[i].cause == f.cause) {
            into.retain(|&i| findings[i].cause == f.cause);
        } else if let Some(cause) = f.cause.as_deref() {
            // a line grouped by its dial error's variant (knowledge::cause)
            // goes with the events of that variant; a line with a cause no
            // event finding shares stays a finding of its own
            let variant = crate::knowledge::DIAL_VARIANT_CAUSES
                .iter()
                .find(|(_, words)| *words == cause)
                .map(|(variant, _)| *variant);
            into.retain(|i| variant.is_some_and(|v| is_of_variant(&findings[*i].kind, v)));
        }
        let Some(&first) = into.first() else {
            k += 1;
            continue;
        };
        let others: Vec<String> = into[1..]
            .iter()
            .map(|&i| group_name(&findings[i].kind, findings[i].cause.as_deref()).into_owned())
            .collect();
        let folded = findings.remove(k);
        let first = if first > k { first - 1 } else { first };
        let shared = match others.as_slice() {
            [] => String::new(),
            kinds => format!(", for these and the {} events", kinds.join(" and ")),
        };
        findings[first].text.push_str(&format!(
            " libp2p logged its own line for such events ({}) {}{shared} as well.",
            folded.kind,
            times(folded.count)
        ));
    }
}

/// "once", "38 times".
fn times(n: u64) -> String {
    match n {
        1 => "once".to_owned(),
        n => format!("{n} times"),
    }
}

/// How a finding names a peer count from `source`: the noun, and what
/// follows the counted noun.
fn peer_noun(source: PeerSource) -> (&'static str, &'static str) {
    match source {
        PeerSource::Flag => ("peer", " (--peers)"),
        PeerSource::LogDht => ("DHT peer", " in the routing table"),
        PeerSource::LogConnected => ("connected peer", ""),
        PeerSource::Event => ("peer", " contacted by the query"),
    }
}
