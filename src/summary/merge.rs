//! Summaries of several machines combined (`summary --merge`). Kinds are
//! capped as one summary of all the logs caps them ([`MAX_KINDS`]); nodes,
//! capped per file as a summary caps them, are the union of the summaries'
//! (a summary of several files has each file's own
//! [`MAX_NODES`](crate::state::MAX_NODES)); findings stay each file's own.

use foldhash::{HashMap, HashMapExt, HashSet};

use super::build::{name_nodes, top};
use super::findings::importance;
use super::{natural, sort_kinds, KindCount, Summary, Top, MAX_KINDS, MORE_KINDS};
use crate::state::{replaces_first, replaces_last, time_key};

impl Summary {
    /// Calls source `from` `to` wherever the summary names it.
    pub fn rename_source(&mut self, from: &str, to: &str) {
        let names = (self.sources.iter_mut().map(|s| &mut s.name))
            .chain(self.findings.iter_mut().map(|f| &mut f.source))
            .chain(self.mixed_nodes.iter_mut().map(|m| &mut m.source))
            .chain(self.peers.iter_mut().map(|p| &mut p.file));
        for name in names.filter(|n| *n == from) {
            *name = to.to_owned();
        }
    }

    /// Labels the logs that several of `summaries` name alike with the
    /// summary they come from (`m1.json: node.log`): machines of one
    /// matrix job each summarise their `node.log`. A label can meet a name
    /// a summary came with (one merged before, `ab.json` holding `m1.json:
    /// node.log`): then that one is labelled (`ab.json: m1.json: node.log`).
    pub fn label_shared_sources(summaries: &mut [(String, Summary)]) {
        // (summary, name) pairs this call gave
        let mut given: HashSet<(usize, String)> = HashSet::default();
        for _ in 0..4 {
            let mut holders: HashMap<String, Vec<usize>> = HashMap::new();
            for (k, (_, s)) in summaries.iter().enumerate() {
                let names: HashSet<&String> = s.sources.iter().map(|src| &src.name).collect();
                for name in names {
                    holders.entry(name.clone()).or_default().push(k);
                }
            }
            let mut renamed = false;
            for (name, holders) in holders.into_iter().filter(|(_, h)| h.len() > 1) {
                // labels given here stay when a name came so from a file
                let came = |k: &&usize| !given.contains(&(**k, name.clone()));
                let relabel: Vec<usize> = match holders.iter().filter(came).count() {
                    0 => holders,
                    _ => holders.iter().filter(came).copied().collect(),
                };
                for k in relabel {
                    let (label, s) = &mut summaries[k];
                    let to = format!("{label}: {name}");
                    s.rename_source(&name, &to);
                    for src in s.sources.iter_mut().filter(|src| src.name == to) {
                        src.labelled = true;
                    }
                    given.insert((k, to));
                    renamed = true;
                }
            }
            if !renamed {
                return;
            }
        }
    }

    /// Combines summaries of several machines: counts add, percentiles are
    /// recomputed from the duration histograms, findings and tops re-ranked.
    pub fn merge(mut self, other: Summary) -> Summary {
        self.sources.extend(other.sources);
        self.lines = self.lines.saturating_add(other.lines);
        self.events = self.events.saturating_add(other.events);
        merge_nodes(&mut self.nodes, other.nodes);
        self.mixed_nodes.extend(other.mixed_nodes);
        self.first_time = min_opt(self.first_time, other.first_time);
        self.last_time = max_opt(self.last_time, other.last_time);
        self.verdicts.merge(&other.verdicts);
        self.mirrored.merge(&other.mirrored);
        merge_kinds(&mut self.kinds, other.kinds);
        self.unknown_kinds = (self.kinds.iter())
            .filter(|k| k.verdicts.unknown > 0)
            .map(|k| k.kind.clone())
            .collect();
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
                    m.coarsen(q.significant_digits);
                    // each file's maximum is exact; its histogram may not be
                    m.max_ms = match (m.max_ms, q.max_ms) {
                        (Some(a), Some(b)) => Some(a.max(b)),
                        (a, b) => a.or(b),
                    };
                    for (ns, n) in q.histogram_ns {
                        m.count_duration(ns, n);
                    }
                    m.refresh();
                }
                None => self.queries.push(q),
            }
        }
        self.queries.sort_by(|a, b| a.query_type.cmp(&b.query_type));
        self.peers.extend(other.peers);
        self.findings.extend(other.findings);
        self.findings.sort_by(importance);
        self.top_failing_keys = merge_top(self.top_failing_keys, other.top_failing_keys);
        self.top_failing_peers = merge_top(self.top_failing_peers, other.top_failing_peers);
        self
    }
}

/// `other`'s kinds added to `kinds`; an unknown kind past [`MAX_KINDS`] is
/// counted under [`MORE_KINDS`].
fn merge_kinds(kinds: &mut Vec<KindCount>, other: Vec<KindCount>) {
    let is_unknown = |k: &str| k.starts_with("unknown.") && k != MORE_KINDS;
    let mut unknown = kinds.iter().filter(|k| is_unknown(&k.kind)).count();
    let mut index: HashMap<String, usize> = (kinds.iter().enumerate())
        .map(|(i, k)| (k.kind.clone(), i))
        .collect();
    for mut k in other {
        if !index.contains_key(&k.kind) && is_unknown(&k.kind) {
            if unknown < MAX_KINDS {
                unknown += 1;
            } else {
                k.kind = MORE_KINDS.to_owned();
            }
        }
        match index.get(&k.kind) {
            Some(&i) => kinds[i].verdicts.merge(&k.verdicts),
            None => {
                index.insert(k.kind.clone(), kinds.len());
                kinds.push(k);
            }
        }
    }
    sort_kinds(kinds);
}

/// `other`'s nodes added to `nodes` (found by hash), sorted.
fn merge_nodes(nodes: &mut Vec<String>, other: Vec<String>) {
    let mut seen: HashSet<String> = nodes.iter().cloned().collect();
    for n in other {
        if seen.insert(n.clone()) {
            nodes.push(n);
        }
    }
    nodes.sort_by(|a, b| natural(a, b));
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

/// The first of two first times, as one summary of both logs picks it
/// ([`replaces_first`]; `a` is of the log given first).
fn min_opt(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) if replaces_first((&b, time_key(&b)), (&a, time_key(&a))) => Some(b),
        (a, b) => a.or(b),
    }
}

/// The last of two last times ([`replaces_last`]; `b` is of the log given
/// last).
fn max_opt(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) if !replaces_last((&b, time_key(&b)), (&a, time_key(&a))) => Some(a),
        (a, b) => b.or(a),
    }
}
