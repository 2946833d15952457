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

mod peers;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};

use serde::{Deserialize, Serialize};

use crate::knowledge::text::{count, count_range};
use crate::knowledge::{PeerSource, Verdict};
use crate::render::safe;
use crate::render::Report;

pub use peers::{PeerBucket, PeerTrack};

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
        [
            Verdict::Actionable,
            Verdict::Unknown,
            Verdict::Expected,
            Verdict::Ok,
        ]
        .into_iter()
        .find(|&v| self.get(v) > 0)
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
    /// Final results (`last: true`, or results logged on their own).
    pub count: u64,
    pub ok: u64,
    pub failed: u64,
    pub p50_ms: Option<f64>,
    pub p95_ms: Option<f64>,
    pub max_ms: Option<f64>,
    pub requests: u64,
    pub success: u64,
    pub failure: u64,
    /// Durations of the final results with both instants, in nanoseconds →
    /// how many: what percentiles are computed from, and what merges.
    pub histogram_ns: BTreeMap<u64, u64>,
}

impl QueryStats {
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
        self.p50_ms = self.percentile_ms(50.0);
        self.p95_ms = self.percentile_ms(95.0);
        self.max_ms = self
            .histogram_ns
            .keys()
            .next_back()
            .map(|&ns| ns as f64 / 1e6);
    }
}

/// A sentence a person most needs, drawn from the whole log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub verdict: Verdict,
    pub kind: String,
    /// What the group's events share beyond their kind: a failed dial's
    /// cause ("connection refused"). Absent for most kinds.
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

/// A key or peer and how many non-ok events concerned it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Top {
    pub name: String,
    pub count: u64,
    /// The node of the log whose peer id `name` is (its `local_peer_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
}

/// The `summary --format json` object.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
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
    /// One per (kind, verdict) group of non-ok events, most important first.
    pub findings: Vec<Finding>,
    pub top_failing_keys: Vec<Top>,
    pub top_failing_peers: Vec<Top>,
    pub unknown_kinds: Vec<String>,
}

/// How many distinct unknown kinds a summary counts apart: a log with more
/// (an app that prints a new type name per line) counts the rest as
/// [`MORE_KINDS`], so memory stays flat. Known kinds are a few hundred.
pub const MAX_KINDS: usize = 2048;
/// The kind that the kinds past [`MAX_KINDS`] are counted under.
pub const MORE_KINDS: &str = "unknown.(more kinds)";
/// How many distinct failing keys, and peers, a summary counts.
const NAMES_COUNTED: usize = 50_000;

/// How many top failing keys and peers a summary keeps.
const TOP: usize = 10;

/// One group of non-ok events of one kind, for findings.
#[derive(Debug, Default)]
struct Group {
    kind: String,
    cause: Option<String>,
    verdict: Option<Verdict>,
    count: u64,
    source: String,
    first_line: u64,
    last_line: u64,
    first_summary: String,
    peers_min: Option<u64>,
    peers_max: Option<u64>,
    peer_source: Option<PeerSource>,
    /// The first [`NODES_NAMED`] nodes the group's events came from.
    nodes: Vec<String>,
    /// Every distinct node, by hash (up to [`NODES_COUNTED`]).
    node_hashes: foldhash::HashSet<u64>,
    /// How often each peer, address or key was the subject (the first
    /// [`SUBJECTS`] distinct ones).
    subjects: HashMap<String, u64>,
}

/// How many nodes a finding names; the rest are counted ("and 15 more").
const NODES_NAMED: usize = 4;
/// How many distinct nodes a finding group counts, at most.
const NODES_COUNTED: usize = 100_000;

/// How many distinct subjects a finding group counts.
const SUBJECTS: usize = 64;

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

/// Folds reports into a [`Summary`].
#[derive(Debug, Default)]
pub struct Builder {
    summary: Summary,
    kinds: HashMap<String, Verdicts>,
    queries: BTreeMap<String, QueryStats>,
    /// Finding groups by kind (and cause: `kind (cause)`), then by verdict
    /// severity.
    groups: HashMap<String, [Option<Group>; 4]>,
    keys: HashMap<String, u64>,
    peers: HashMap<String, u64>,
    /// How many distinct unknown kinds `kinds` holds.
    unknown_kinds: usize,
    /// Node names by their peer id, from the logs' `local_peer_id` lines.
    node_ids: HashMap<String, String>,
    /// Peer tracks per source (as in `sources`), by node.
    tracks: Vec<BTreeMap<String, PeerTrack>>,
    node_set: foldhash::HashSet<String>,
}

impl Builder {
    /// Starts a new source; its lines are counted with [`Builder::line`].
    pub fn source(&mut self, name: &str) {
        self.summary.sources.push(Source {
            name: name.to_owned(),
            ..Source::default()
        });
    }

    /// Counts one line of the current source, in `format` (if known), at `time`.
    pub fn line(&mut self, format: Option<&str>, time: Option<&str>) {
        self.lines(1, format, time);
    }

    /// Counts `n` lines of the current source (one record), in `format`, at `time`.
    pub fn lines(&mut self, n: u64, format: Option<&str>, time: Option<&str>) {
        self.summary.lines += n;
        if let Some(src) = self.summary.sources.last_mut() {
            src.lines += n;
            if let Some(f) = format {
                match src.formats.get_mut(f) {
                    Some(count) => *count += n,
                    None => {
                        src.formats.insert(f.to_owned(), n);
                    }
                }
            }
        }
        if let Some(t) = time {
            if self.summary.first_time.is_none() {
                self.summary.first_time = Some(t.to_owned());
            }
            // every record has a time: the last one's buffer is reused
            let last = self.summary.last_time.get_or_insert_with(String::new);
            last.clear();
            last.push_str(t);
        }
    }

    /// Notes that line `line` of the current source was cut for parsing.
    pub fn truncated(&mut self, line: u64, at_bytes: u64) {
        if let Some(src) = self.summary.sources.last_mut() {
            let t = src.truncated.get_or_insert_with(Truncated::default);
            t.count += 1;
            t.at_bytes = at_bytes;
            if t.lines.len() < TRUNCATED_LINES_KEPT {
                t.lines.push(line);
            }
        }
    }

    /// Notes that the view of `node` in the current source holds several
    /// nodes, as first shown at `line`.
    pub fn mixed(&mut self, node: &str, line: u64, sign: String) {
        let source = self.summary.sources.last().map(|s| s.name.clone());
        self.summary.mixed_nodes.push(MixedNodes {
            source: source.unwrap_or_default(),
            node: node.to_owned(),
            line,
            sign,
        });
    }

    /// Notes that `node` has the peer id `id` (its `local_peer_id` line).
    pub fn node_id(&mut self, node: &str, id: &str) {
        if self.node_ids.len() < crate::state::MAX_NODES {
            self.node_ids.insert(id.to_owned(), node.to_owned());
        }
    }

    /// Records a node's peer count at `line` of the current source (called
    /// as the network view changes). A node's track follows the count kad
    /// verdicts use: its routing table once one is seen (`dht`), until then
    /// its connections; the first `dht` count restarts a `connected` track.
    pub fn peers_at(&mut self, node: &str, counted: &str, line: u64, count: u64) {
        let file = self.summary.sources.last().map_or("", |s| s.name.as_str());
        self.tracks
            .resize_with(self.summary.sources.len().max(1), BTreeMap::new);
        let tracks = self.tracks.last_mut().expect("resized above");
        if !tracks.contains_key(node) {
            tracks.insert(node.to_owned(), PeerTrack::new(file, node, counted));
        }
        let track = tracks.get_mut(node).expect("inserted above");
        match (track.source.as_str(), counted) {
            ("connected", "dht") => *track = PeerTrack::new(file, node, counted),
            ("dht", "connected") => return,
            _ => {}
        }
        track.push(line, count);
    }

    /// Adds one explained event.
    pub fn event(&mut self, r: &Report<'_>) {
        let e = &r.explanation;
        self.summary.events += 1;
        self.summary.verdicts.add(e.verdict, 1);
        if is_mirror(&e.kind) {
            self.summary.mirrored.add(e.verdict, 1);
        }
        // past MAX_KINDS unknown kinds, new unknown ones share one
        let kind = match self.kinds.get_mut(e.kind.as_str()) {
            Some(v) => {
                v.add(e.verdict, 1);
                e.kind.as_str()
            }
            None => {
                let unknown = e.kind.starts_with("unknown.");
                let kind = if !unknown || self.unknown_kinds < MAX_KINDS {
                    self.unknown_kinds += usize::from(unknown);
                    e.kind.as_str()
                } else {
                    MORE_KINDS
                };
                self.kinds
                    .entry(kind.to_owned())
                    .or_default()
                    .add(e.verdict, 1);
                kind
            }
        };
        if let Some(node) = &r.node {
            if !self.node_set.contains(*node) {
                self.node_set.insert((*node).to_owned());
                self.summary.nodes.push((*node).to_owned());
            }
        }
        if let Some(q) = &e.query {
            let is_final = q.last != Some(false);
            if is_final {
                if !self.queries.contains_key(&q.query_type) {
                    let stats = QueryStats {
                        query_type: q.query_type.clone(),
                        ..QueryStats::default()
                    };
                    self.queries.insert(q.query_type.clone(), stats);
                }
                let stats = self.queries.get_mut(&q.query_type).expect("inserted above");
                stats.count += 1;
                let failed = e.kind.ends_with(".QuorumFailed")
                    || e.kind.ends_with(".Timeout")
                    || e.kind.ends_with(".NotFound");
                if failed {
                    stats.failed += 1
                } else {
                    stats.ok += 1
                }
                stats.requests += q.requests.unwrap_or(0);
                stats.success += q.success.unwrap_or(0);
                stats.failure += q.failure.unwrap_or(0);
                if let Some(ms) = q.duration_ms {
                    *stats
                        .histogram_ns
                        .entry((ms * 1e6).round() as u64)
                        .or_default() += 1;
                }
            }
        }
        if e.verdict == Verdict::Ok {
            return;
        }
        if let Some(key) = e.query.as_ref().and_then(|q| q.key.as_deref()) {
            count_one(&mut self.keys, key);
        } else if let Some(subject) = &r.subject {
            count_one(&mut self.peers, subject);
        }
        let key = group_name(kind, r.cause.as_deref());
        if !self.groups.contains_key(key.as_ref()) {
            self.groups.insert(key.to_string(), Default::default());
        }
        let by_verdict = self.groups.get_mut(key.as_ref()).expect("inserted above");
        let g = by_verdict[usize::from(e.verdict.severity())].get_or_insert_default();
        if g.count == 0 {
            g.kind = kind.to_owned();
            g.cause = r.cause.clone();
            g.verdict = Some(e.verdict);
            g.source = r.source.to_owned();
            g.first_line = r.line;
            g.first_summary = e.summary.clone();
        }
        g.count += 1;
        g.last_line = r.line;
        if let Some(subject) = &r.subject {
            if let Some(n) = g.subjects.get_mut(subject.as_str()) {
                *n += 1;
            } else if g.subjects.len() < SUBJECTS {
                g.subjects.insert(subject.clone(), 1);
            }
        }
        if let Some(p) = e.peers {
            g.peers_min = Some(g.peers_min.map_or(p.count, |m| m.min(p.count)));
            g.peers_max = Some(g.peers_max.map_or(p.count, |m| m.max(p.count)));
            g.peer_source = Some(p.source);
        }
        if let Some(node) = &r.node {
            if g.node_hashes.len() < NODES_COUNTED {
                let hash = std::hash::BuildHasher::hash_one(
                    &foldhash::quality::FixedState::with_seed(0),
                    node,
                );
                if g.node_hashes.insert(hash) && g.nodes.len() < NODES_NAMED {
                    g.nodes.push((*node).to_owned());
                }
            }
        }
    }

    /// The finished summary.
    pub fn finish(mut self) -> Summary {
        let mut s = std::mem::take(&mut self.summary);
        let mut kinds: Vec<KindCount> = self
            .kinds
            .into_iter()
            .map(|(kind, verdicts)| KindCount { kind, verdicts })
            .collect();
        sort_kinds(&mut kinds);
        s.unknown_kinds = kinds
            .iter()
            .filter(|k| k.verdicts.unknown > 0)
            .map(|k| k.kind.clone())
            .collect();
        s.kinds = kinds;
        s.queries = self
            .queries
            .into_values()
            .map(|mut q| {
                q.refresh();
                q
            })
            .collect();
        // every track of a source runs to its last line: one timeline
        s.peers = (self.tracks.into_iter().enumerate())
            .flat_map(|(k, tracks)| {
                let last_line = s.sources.get(k).map_or(0, |src| src.lines);
                let mut tracks: Vec<PeerTrack> = tracks.into_values().collect();
                tracks.sort_by(|a, b| natural(&a.node, &b.node));
                tracks.into_iter().map(move |mut t| {
                    t.finish(last_line);
                    t
                })
            })
            .collect();
        s.findings = findings(self.groups, &s.mixed_nodes, &self.node_ids);
        s.top_failing_keys = top(self.keys);
        s.top_failing_peers = top(self.peers);
        name_nodes(&mut s.top_failing_peers, &self.node_ids);
        s.nodes.sort_by(|a, b| natural(a, b));
        s
    }
}

/// Most severe first, then the most frequent, then by name.
fn sort_kinds(kinds: &mut [KindCount]) {
    kinds.sort_by(|a, b| {
        let worst = |k: &KindCount| k.verdicts.worst().map_or(0, Verdict::severity);
        worst(b)
            .cmp(&worst(a))
            .then(b.verdicts.total().cmp(&a.verdicts.total()))
            .then(a.kind.cmp(&b.kind))
    });
}

/// Adds one to `name`'s count (allocating its key only the first time).
/// Counts `name`; past [`NAMES_COUNTED`] distinct names, only those
/// already counted (memory stays flat for a log of a million peers).
fn count_one(counts: &mut HashMap<String, u64>, name: &str) {
    let room = counts.len() < NAMES_COUNTED;
    match counts.get_mut(name) {
        Some(n) => *n += 1,
        None if room => {
            counts.insert(name.to_owned(), 1);
        }
        None => {}
    }
}

fn top(counts: HashMap<String, u64>) -> Vec<Top> {
    let mut all: Vec<Top> = counts
        .into_iter()
        .map(|(name, count)| Top {
            name,
            count,
            node: None,
        })
        .collect();
    all.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    all.truncate(TOP);
    all
}

/// One sentence per (kind, cause, verdict) group of non-ok events, most
/// severe and most frequent first. `mixed`: the sources whose unnamed view
/// holds several nodes, whose peer counts are merged across them;
/// `node_ids`: node names by peer id, to say whose id a subject is.
fn findings(
    groups: HashMap<String, [Option<Group>; 4]>,
    mixed: &[MixedNodes],
    node_ids: &HashMap<String, String>,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = groups
        .into_values()
        .flat_map(|by_verdict| by_verdict.into_iter().flatten())
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
                    let every = if g.count > 1 && lo == hi {
                        "every time "
                    } else {
                        ""
                    };
                    let merged = g.nodes.is_empty()
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
                    format!(" Every one concerned {}.", whose(subject))
                }
                Some((subject, n)) => format!(" {n} of them concerned {}.", whose(subject)),
                None => String::new(),
            };
            // the first event's own sentence last, so that the peer it names
            // does not read as the one the counts are about
            let text = if g.count == 1 {
                format!(
                    "{named} once{nodes}{peers}, at line {}: {}",
                    g.first_line, g.first_summary
                )
            } else {
                format!(
                    "{named} {times}{nodes}{peers}.{about} The first, at line {}: {}",
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
    out.sort_by(|a, b| {
        b.verdict
            .severity()
            .cmp(&a.verdict.severity())
            .then(b.count.cmp(&a.count))
            .then(a.kind.cmp(&b.kind))
            .then(a.cause.cmp(&b.cause))
    });
    fold_mirrored(&mut out);
    out
}

/// The name of a group of findings: its kind, and its cause when the
/// events have one (`swarm.OutgoingConnectionError.Transport (timed out)`).
pub fn group_name<'a>(kind: &'a str, cause: Option<&str>) -> Cow<'a, str> {
    match cause {
        Some(cause) => Cow::Owned(format!("{kind} ({cause})")),
        None => Cow::Borrowed(kind),
    }
}

/// Whether `kind` is a libp2p log line that repeats an event (a message
/// pattern with `mirrors`). Only message kinds (`*.log.*`) are looked up.
fn is_mirror(kind: &str) -> bool {
    static MIRRORS: std::sync::OnceLock<foldhash::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    kind.contains(".log.")
        && MIRRORS
            .get_or_init(|| {
                crate::event::message::patterns()
                    .filter(|p| p.mirrors.is_some())
                    .map(|p| p.kind.as_str())
                    .collect()
            })
            .contains(kind)
}

/// Folds the finding of a libp2p log line into the finding of the event
/// libp2p emits for the same occurrence (a message pattern's `mirrors`:
/// `swarm.log.ConnectionAttemptFailed` into `swarm.OutgoingConnectionError.*`)
/// when both have the same verdict: one problem, one finding. The event's
/// finding with the most events takes it; `findings` is sorted.
fn fold_mirrored(findings: &mut Vec<Finding>) {
    let mirrors: HashMap<&str, &str> = crate::event::message::patterns()
        .filter_map(|p| Some((p.kind.as_str(), p.mirrors.as_deref()?)))
        .collect();
    let mut k = 0;
    while k < findings.len() {
        let f = &findings[k];
        // the event findings the log line may belong to: its kind or a
        // variant of it, with the same verdict
        let into: Vec<usize> = match mirrors.get(f.kind.as_str()) {
            Some(prefix) => (findings.iter().enumerate())
                .filter(|(_, e)| {
                    let named = e.kind == *prefix
                        || (e.kind.strip_prefix(prefix)).is_some_and(|r| r.starts_with('.'));
                    named && e.verdict == f.verdict
                })
                .map(|(i, _)| i)
                .collect(),
            None => Vec::new(),
        };
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

impl Summary {
    /// Combines summaries of several machines: counts add, percentiles are
    /// recomputed from the duration histograms, findings and tops re-ranked.
    pub fn merge(mut self, other: Summary) -> Summary {
        self.sources.extend(other.sources);
        self.lines = self.lines.saturating_add(other.lines);
        self.events = self.events.saturating_add(other.events);
        for n in other.nodes {
            if !self.nodes.contains(&n) {
                self.nodes.push(n);
            }
        }
        self.nodes.sort_by(|a, b| natural(a, b));
        self.mixed_nodes.extend(other.mixed_nodes);
        self.first_time = min_opt(self.first_time, other.first_time);
        self.last_time = max_opt(self.last_time, other.last_time);
        self.verdicts.merge(&other.verdicts);
        self.mirrored.merge(&other.mirrored);
        for k in other.kinds {
            match self.kinds.iter_mut().find(|m| m.kind == k.kind) {
                Some(m) => m.verdicts.merge(&k.verdicts),
                None => self.kinds.push(k),
            }
        }
        sort_kinds(&mut self.kinds);
        for q in other.queries {
            match self
                .queries
                .iter_mut()
                .find(|m| m.query_type == q.query_type)
            {
                Some(m) => {
                    m.count = m.count.saturating_add(q.count);
                    m.ok = m.ok.saturating_add(q.ok);
                    m.failed = m.failed.saturating_add(q.failed);
                    m.requests = m.requests.saturating_add(q.requests);
                    m.success = m.success.saturating_add(q.success);
                    m.failure = m.failure.saturating_add(q.failure);
                    for (ns, n) in q.histogram_ns {
                        let slot = m.histogram_ns.entry(ns).or_default();
                        *slot = slot.saturating_add(n);
                    }
                    m.refresh();
                }
                None => self.queries.push(q),
            }
        }
        self.queries.sort_by(|a, b| a.query_type.cmp(&b.query_type));
        self.peers.extend(other.peers);
        self.findings.extend(other.findings);
        self.findings.sort_by(|a, b| {
            b.verdict
                .severity()
                .cmp(&a.verdict.severity())
                .then(b.count.cmp(&a.count))
        });
        self.top_failing_keys = merge_top(self.top_failing_keys, other.top_failing_keys);
        self.top_failing_peers = merge_top(self.top_failing_peers, other.top_failing_peers);
        for k in other.unknown_kinds {
            if !self.unknown_kinds.contains(&k) {
                self.unknown_kinds.push(k);
            }
        }
        self
    }
}

fn merge_top(a: Vec<Top>, b: Vec<Top>) -> Vec<Top> {
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut nodes: HashMap<String, String> = HashMap::new();
    for t in a.into_iter().chain(b) {
        if let Some(node) = t.node {
            nodes.insert(t.name.clone(), node);
        }
        let n = counts.entry(t.name).or_default();
        *n = n.saturating_add(t.count);
    }
    let mut merged = top(counts);
    name_nodes(&mut merged, &nodes);
    merged
}

/// Names the node of each peer id in `tops` that a log's `local_peer_id`
/// line showed.
fn name_nodes(tops: &mut [Top], nodes: &HashMap<String, String>) {
    for t in tops {
        t.node = nodes.get(&t.name).cloned();
    }
}

fn min_opt(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_opt(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}
