//! [`Builder`]: explained events, in log order, folded into a [`Summary`]
//! in memory bounded by the number of distinct kinds, keys, peers and query
//! durations. The findings' sentences are [`super::findings`]' job.

use std::collections::BTreeMap;

use foldhash::HashMap;

use super::findings::{
    findings, group_name, importance, is_mirror, mirror_family, Group, NODES_COUNTED, NODES_NAMED,
    SUBJECTS,
};
use super::reach::Reaches;
use super::{
    natural, sort_kinds, Finding, KindCount, MixedNodes, PeerTrack, QueryStats, Source, Summary,
    Top, Truncated, Verdicts, MAX_KINDS, MORE_KINDS, TRUNCATED_LINES_KEPT,
};
use crate::knowledge::Verdict;
use crate::render::Report;
use crate::state::{replaces_first, replaces_last, time_key, TimeKey};

/// How many distinct failing keys, and peers, a summary counts.
const NAMES_COUNTED: usize = 50_000;

/// The most bytes of an event's summary sentence a finding keeps: libp2p's
/// longest are under 400, with names [`crate::input::clip`]ped; a peer's own
/// text in one is cut with `…`.
const SENTENCE_BYTES: usize = 2048;

/// How many top failing keys and peers a summary keeps.
const TOP: usize = 10;

/// How many distinct causes one kind's findings keep apart in a source; the
/// rest share [`OTHER_CAUSES`] (a cause can be a peer's own error message:
/// memory stays flat when every line brings a new one).
pub const CAUSES_PER_KIND: usize = 32;
/// The cause the causes past [`CAUSES_PER_KIND`] are grouped under.
pub const OTHER_CAUSES: &str = "other causes";

/// The distinct causes of each kind, up to [`CAUSES_PER_KIND`]: what the
/// summary groups findings by, and the brief mode says a sentence for.
#[derive(Debug, Default)]
pub struct Causes {
    by_kind: HashMap<String, foldhash::HashSet<String>>,
}

impl Causes {
    /// `cause`, or [`OTHER_CAUSES`] once `kind` has as many others.
    pub fn admit<'c>(&mut self, kind: &str, cause: &'c str) -> &'c str {
        let known = match self.by_kind.get_mut(kind) {
            Some(known) => known,
            None => self.by_kind.entry(kind.to_owned()).or_default(),
        };
        if known.contains(cause) {
            cause
        } else if known.len() < CAUSES_PER_KIND {
            known.insert(cause.to_owned());
            cause
        } else {
            OTHER_CAUSES
        }
    }

    pub fn clear(&mut self) {
        self.by_kind.clear();
    }
}

/// Folds reports into a [`Summary`].
#[derive(Debug, Default)]
pub struct Builder {
    summary: Summary,
    kinds: HashMap<String, Verdicts>,
    queries: BTreeMap<String, QueryStats>,
    /// The current source's finding groups by kind (and cause: `kind
    /// (cause)`), then by verdict severity; a finding is about one file.
    /// Boxed: a kind seldom has groups of more than one verdict, and the
    /// map's empty slots would hold four whole groups each (7 MB for 2000
    /// kinds).
    groups: HashMap<String, [Option<Box<Group>>; 4]>,
    /// The causes of each kind in `groups`.
    causes: Causes,
    /// The groups of the sources before the current one.
    earlier_groups: Vec<Group>,
    /// Whether each node of the current source reached a peer, and the
    /// findings of the earlier sources' nodes that did not.
    reaches: Reaches,
    unreached: Vec<Finding>,
    /// Actionable events per kad key and per subject (peer or address),
    /// for the top lists.
    keys: HashMap<String, u64>,
    peers: HashMap<String, u64>,
    /// Actionable events of the current source per subject that libp2p
    /// reports twice, as an event and as a log line ([`mirror_family`]), by
    /// the event kind both share: [events, log lines]. One failure logged
    /// both ways counts once: at the end of each source the larger number
    /// goes to `peers`.
    twice: HashMap<String, Vec<(&'static str, [u64; 2])>>,
    /// How many distinct unknown kinds `kinds` holds.
    unknown_kinds: usize,
    /// Node names by their peer id, from the logs' `local_peer_id` lines.
    node_ids: HashMap<String, String>,
    /// Peer tracks per source (as in `sources`), by node.
    tracks: Vec<BTreeMap<String, PeerTrack>>,
    node_set: foldhash::HashSet<String>,
    /// The [`time_key`]s of `first_time` and `last_time`.
    first_key: TimeKey,
    last_key: TimeKey,
}

impl Builder {
    /// Starts a new source; its lines are counted with [`Builder::line`].
    pub fn source(&mut self, name: &str) {
        self.fold_twice();
        self.finish_reaches();
        self.causes.clear();
        let groups = std::mem::take(&mut self.groups).into_values();
        (self.earlier_groups)
            .extend(groups.flat_map(|by_verdict| by_verdict.into_iter().flatten().map(|g| *g)));
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
            // the earliest and the latest: lines of several nodes, and
            // several files, need not be in order (stamps that cannot be
            // ordered: the first and the last line's)
            let key = time_key(t);
            let first = (self.summary.first_time.as_deref())
                .is_none_or(|k| replaces_first((t, key), (k, self.first_key)));
            if first {
                set(&mut self.summary.first_time, t);
                self.first_key = key;
            }
            let last = (self.summary.last_time.as_deref())
                .is_none_or(|k| replaces_last((t, key), (k, self.last_key)));
            if last {
                set(&mut self.summary.last_time, t);
                self.last_key = key;
            }
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

    /// Notes why the current source could not be read (to its end).
    pub fn read_error(&mut self, error: String) {
        if let Some(src) = self.summary.sources.last_mut() {
            src.error = Some(error);
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
        if counted == "connected" && count > 0 {
            self.reaches.connected(node);
        }
        match (track.source.as_str(), counted) {
            ("connected", "dht") => *track = PeerTrack::new(file, node, counted),
            ("dht", "connected") => return,
            _ => {}
        }
        track.push(line, count);
    }

    /// Counts an actionable event about `subject` of a kind libp2p reports
    /// twice: as the event of `family`, or (`line`) as its own log line.
    fn count_twice(&mut self, subject: &str, family: &'static str, line: bool) {
        let room = self.twice.len() < NAMES_COUNTED;
        let families = match self.twice.get_mut(subject) {
            Some(families) => families,
            None if room => self.twice.entry(subject.to_owned()).or_default(),
            None => return,
        };
        let k = match families.iter().position(|(f, _)| *f == family) {
            Some(k) => k,
            None => {
                families.push((family, [0; 2]));
                families.len() - 1
            }
        };
        families[k].1[usize::from(line)] += 1;
    }

    /// Adds the current source's [`Self::twice`] counts to `peers`.
    fn fold_twice(&mut self) {
        for (subject, families) in self.twice.drain() {
            let n = families
                .iter()
                .map(|(_, [events, lines])| events.max(lines))
                .sum();
            add_to(&mut self.peers, subject, n);
        }
    }

    /// Adds the findings of the current source's nodes that reached no
    /// peer, when it was read to its end: a connection may come later.
    fn finish_reaches(&mut self) {
        if let Some(source) = self.summary.sources.last() {
            let found = self.reaches.finish(&source.name);
            if source.error.is_none() {
                self.unreached.extend(found);
            }
        }
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
            // every bootstrap step is a lookup of its own, with fresh stats
            // (kad behaviour.rs: each refresh a new query): each counts, and
            // a refresh that timed out with others left is an Err
            let counted = q.last != Some(false) || q.query_type == "Bootstrap";
            if counted {
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
                    stats.add_duration((ms * 1e6).round() as u64, 1);
                }
            }
        }
        self.reaches.report(r);
        if e.verdict == Verdict::Ok {
            return;
        }
        // the top lists name what needs action: an expected event (an idle
        // connection closed, a dial the dialler cancelled) is no failure
        if e.verdict == Verdict::Actionable {
            if let Some(key) = e.query.as_ref().and_then(|q| q.key.as_deref()) {
                count_one(&mut self.keys, &crate::input::clip(key));
            } else if let Some(subject) = &r.subject {
                match mirror_family(&e.kind) {
                    Some((family, line)) => self.count_twice(subject, family, line),
                    None => count_one(&mut self.peers, subject),
                }
            }
        }
        let cause = (r.cause.as_deref()).map(|c| self.causes.admit(kind, c));
        let key = group_name(kind, cause);
        if !self.groups.contains_key(key.as_ref()) {
            self.groups.insert(key.to_string(), Default::default());
        }
        let by_verdict = self.groups.get_mut(key.as_ref()).expect("inserted above");
        let g = by_verdict[usize::from(e.verdict.severity())].get_or_insert_default();
        if g.count == 0 {
            g.kind = kind.to_owned();
            g.cause = cause.map(str::to_owned);
            g.verdict = Some(e.verdict);
            g.source = r.source.to_owned();
            g.first_line = r.line;
            g.first_summary = crate::input::clip_at(&e.summary, SENTENCE_BYTES).into_owned();
            g.first_subject = r.subject.clone();
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
            g.peers_counted += 1;
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
        self.fold_twice();
        self.finish_reaches();
        let mut s = std::mem::take(&mut self.summary);
        s.version = super::SUMMARY_VERSION;
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
        // in file order: ties keep it
        let last = (self.groups.into_values())
            .flat_map(|by_verdict| by_verdict.into_iter().flatten().map(|g| *g));
        let groups = self.earlier_groups.into_iter().chain(last);
        s.findings = findings(groups, &s.mixed_nodes, &self.node_ids);
        s.findings.append(&mut self.unreached);
        s.findings.sort_by(importance);
        s.top_failing_keys = top(self.keys);
        s.top_failing_peers = top(self.peers);
        name_nodes(&mut s.top_failing_peers, &self.node_ids);
        s.nodes.sort_by(|a, b| natural(a, b));
        s
    }
}

/// `kept` = `t`, its buffer reused.
fn set(kept: &mut Option<String>, t: &str) {
    let kept = kept.get_or_insert_with(String::new);
    kept.clear();
    kept.push_str(t);
}

/// Adds one to `name`'s count (allocating its key only the first time);
/// past [`NAMES_COUNTED`] distinct names, only to those already counted
/// (memory stays flat for a log of a million peers).
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

/// Adds `n` to `name`'s count, as [`count_one`] does one.
fn add_to(counts: &mut HashMap<String, u64>, name: String, n: u64) {
    let room = counts.len() < NAMES_COUNTED;
    match counts.get_mut(&name) {
        Some(count) => *count += n,
        None if room => {
            counts.insert(name, n);
        }
        None => {}
    }
}

pub(super) fn top(counts: HashMap<String, u64>) -> Vec<Top> {
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

/// Names the node of each peer id in `tops` that a log's `local_peer_id`
/// line showed.
pub(super) fn name_nodes(tops: &mut [Top], nodes: &HashMap<String, String>) {
    for t in tops {
        t.node = nodes.get(&t.name).cloned();
    }
}
