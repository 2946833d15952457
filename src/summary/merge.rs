//! Summaries of several machines combined (`summary --merge`).

use foldhash::{HashMap, HashMapExt};

use super::build::{name_nodes, top};
use super::findings::importance;
use super::{natural, sort_kinds, Summary, Top};
use crate::state::time_order;

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
                    m.coarsen(q.significant_digits);
                    for (ns, n) in q.histogram_ns {
                        m.add_duration(ns, n);
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

fn min_opt(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(std::cmp::min_by(a, b, |a, b| time_order(a, b))),
        (a, b) => a.or(b),
    }
}

fn max_opt(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(std::cmp::max_by(a, b, |a, b| time_order(a, b))),
        (a, b) => a.or(b),
    }
}
