//! Peers over time, per node: the peer count after each change, folded into a
//! few buckets of lines with min / average / max. Memory is bounded: past
//! [`MAX_POINTS`] changes, every other point is dropped.

use serde::{Deserialize, Serialize};

/// How many change points a track keeps before thinning them.
const MAX_POINTS: usize = 4096;
/// How many buckets a finished track has (fewer for short logs).
const BUCKETS: u64 = 12;

/// One node's peer count over the log.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeerTrack {
    /// The source (file) whose lines the buckets count.
    #[serde(default)]
    pub file: String,
    pub node: String,
    /// What was counted: `dht` (routing table) or `connected`.
    pub source: String,
    pub buckets: Vec<PeerBucket>,
    #[serde(skip)]
    points: Vec<(u64, u64)>,
}

/// The peer count over lines `from_line..=to_line`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeerBucket {
    pub from_line: u64,
    pub to_line: u64,
    pub min: u64,
    pub avg: f64,
    pub max: u64,
}

impl PeerTrack {
    pub fn new(file: &str, node: &str, source: &str) -> Self {
        PeerTrack {
            file: file.to_owned(),
            node: node.to_owned(),
            source: source.to_owned(),
            ..PeerTrack::default()
        }
    }

    /// The node's name for a table: "(the log)" for a source without node
    /// names, and the file first when a summary has several (`several`).
    pub fn label(&self, several: bool) -> String {
        let node = if self.node.is_empty() {
            "(the log)"
        } else {
            &self.node
        };
        if several {
            format!("{}: {node}", self.file)
        } else {
            node.to_owned()
        }
    }

    /// The count is `count` from `line` on.
    pub fn push(&mut self, line: u64, count: u64) {
        if self.points.last().is_some_and(|&(_, c)| c == count) {
            return;
        }
        if self.points.len() >= MAX_POINTS {
            let mut keep = 0;
            self.points.retain(|_| {
                keep += 1;
                keep % 2 == 1
            });
        }
        self.points.push((line, count));
    }

    /// Computes the buckets, up to `last_line` (at least the last change).
    pub fn finish(&mut self, last_line: u64) {
        let last = self
            .points
            .last()
            .map_or(last_line, |&(l, _)| l.max(last_line));
        self.buckets = self.bucketed(last);
    }

    /// Buckets up to `last_line`.
    fn bucketed(&self, last_line: u64) -> Vec<PeerBucket> {
        let Some(&(first, _)) = self.points.first() else {
            return Vec::new();
        };
        let span = last_line - first + 1;
        let n = BUCKETS.min(span);
        let mut buckets = Vec::with_capacity(n as usize);
        for b in 0..n {
            let from = first + span * b / n;
            let to = first + span * (b + 1) / n - 1;
            let at = |line: u64| {
                self.points
                    .iter()
                    .take_while(|&&(l, _)| l <= line)
                    .last()
                    .map_or(0, |&(_, c)| c)
            };
            let mut values = vec![(from, at(from))];
            values.extend(
                self.points
                    .iter()
                    .filter(|&&(l, _)| l > from && l <= to)
                    .copied(),
            );
            let min = values.iter().map(|v| v.1).min().unwrap_or(0);
            let max = values.iter().map(|v| v.1).max().unwrap_or(0);
            let mut weighted = 0.0;
            for (i, &(line, count)) in values.iter().enumerate() {
                let until = values.get(i + 1).map_or(to + 1, |v| v.0);
                weighted += count as f64 * (until - line) as f64;
            }
            let avg = (weighted / (to - from + 1) as f64 * 10.0).round() / 10.0;
            buckets.push(PeerBucket {
                from_line: from,
                to_line: to,
                min,
                avg,
                max,
            });
        }
        buckets
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_hold_min_avg_max_of_the_step_function() {
        let mut t = PeerTrack::new("a.log", "node-0", "dht");
        t.push(1, 0);
        t.push(5, 2);
        t.push(9, 1);
        t.push(12, 3);
        t.finish(12);
        assert_eq!(t.buckets.len(), 12);
        let b = t.buckets[4]; // line 5
        assert_eq!((b.from_line, b.min, b.max), (5, 2, 2));
        let b = t.buckets[0];
        assert_eq!(
            (b.from_line, b.to_line, b.min, b.avg, b.max),
            (1, 1, 0, 0.0, 0)
        );
        assert_eq!(t.buckets.last().map(|b| b.max), Some(3));
    }

    #[test]
    fn points_stay_bounded() {
        let mut t = PeerTrack::new("a.log", "n", "connected");
        for line in 0..100_000 {
            t.push(line, line % 7);
        }
        assert!(t.points.len() <= MAX_POINTS);
        t.finish(0);
        assert_eq!(t.buckets.len(), BUCKETS as usize);
    }
}
