//! The summary: totals, query timings and percentiles, findings, tops, merge,
//! and the JSON round trip.

use super::*;
use crate::knowledge::{Explanation, PeerSource, Peers, QueryFacts};
use crate::render::Report;

fn report(
    line: u64,
    kind: &str,
    verdict: Verdict,
    ms: Option<f64>,
    key: Option<&str>,
    peers: Option<u64>,
) -> Report<'static> {
    let query_type = kind.split('.').nth(1).unwrap_or("").to_owned();
    let query = kind.starts_with("kad.PutRecord").then(|| QueryFacts {
        id: Some(line),
        query_type,
        key: key.map(str::to_owned),
        quorum: Some(1),
        confirmations: Some(0),
        requests: Some(2),
        success: Some(1),
        failure: Some(1),
        duration_ms: ms,
        last: Some(true),
    });
    Report {
        source: "node.log",
        line,
        end_line: line,
        node: Some("node-1"),
        time: None,
        subject: key.map(str::to_owned),
        cause: None,
        explanation: Explanation {
            kind: kind.into(),
            verdict,
            summary: format!("summary of line {line}."),
            explanation: "".into(),
            advice: "".into(),
            peers: peers.map(|count| Peers {
                count,
                source: PeerSource::LogDht,
                line: None,
            }),
            query,
            timing: None,
            repeats: None,
        },
        cut: None,
    }
}

fn sample() -> Summary {
    let mut b = Builder::default();
    b.source("node.log");
    for _ in 0..10 {
        b.line(Some("tag"), None);
    }
    b.event(&report(
        1,
        "kad.PutRecord.QuorumFailed",
        Verdict::Expected,
        Some(10.0),
        Some("/a"),
        Some(1),
    ));
    b.event(&report(
        2,
        "kad.PutRecord.QuorumFailed",
        Verdict::Expected,
        Some(30.0),
        Some("/a"),
        Some(0),
    ));
    b.event(&report(
        3,
        "kad.PutRecord.Ok",
        Verdict::Ok,
        Some(20.0),
        Some("/b"),
        None,
    ));
    b.event(&report(
        4,
        "kad.PutRecord.QuorumFailed",
        Verdict::Actionable,
        Some(40.0),
        Some("/c"),
        Some(9),
    ));
    b.event(&report(
        5,
        "unknown.Thing",
        Verdict::Unknown,
        None,
        None,
        None,
    ));
    b.peers_at("node-1", "dht", 1, 1);
    b.peers_at("node-1", "dht", 4, 9);
    b.finish()
}

#[test]
fn totals_by_verdict_and_kind_most_severe_first() {
    let s = sample();
    assert_eq!((s.lines, s.events), (10, 5));
    assert_eq!(
        s.verdicts,
        Verdicts {
            ok: 1,
            expected: 2,
            actionable: 1,
            unknown: 1
        }
    );
    let kinds: Vec<_> = s
        .kinds
        .iter()
        .map(|k| (k.kind.as_str(), k.verdicts.total()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("kad.PutRecord.QuorumFailed", 3),
            ("unknown.Thing", 1),
            ("kad.PutRecord.Ok", 1)
        ]
    );
    assert_eq!(s.unknown_kinds, ["unknown.Thing"]);
    assert_eq!(s.sources[0].formats.get("tag"), Some(&10));
    assert_eq!(s.nodes, ["node-1"]);
}

#[test]
fn query_timings_use_nearest_rank_percentiles() {
    let s = sample();
    let [q] = s.queries.as_slice() else {
        panic!("{:?}", s.queries)
    };
    assert_eq!(
        (q.query_type.as_str(), q.count, q.ok, q.failed),
        ("PutRecord", 4, 1, 3)
    );
    assert_eq!(
        (q.p50_ms, q.p95_ms, q.max_ms),
        (Some(20.0), Some(40.0), Some(40.0))
    );
    assert_eq!((q.requests, q.success, q.failure), (8, 4, 4));
}

#[test]
fn findings_group_by_kind_and_verdict_with_peer_ranges() {
    let s = sample();
    let texts: Vec<_> = s
        .findings
        .iter()
        .map(|f| (f.verdict, f.count, f.first_line, f.last_line))
        .collect();
    assert_eq!(texts[0], (Verdict::Actionable, 1, 4, 4));
    let expected = s
        .findings
        .iter()
        .find(|f| f.verdict == Verdict::Expected)
        .unwrap();
    assert_eq!(
        (expected.count, expected.first_line, expected.last_line),
        (2, 1, 2)
    );
    // the counts first, the first event's own sentence (which may name
    // another peer than the one most of them concerned) last
    assert_eq!(
        expected.text,
        "kad.PutRecord.QuorumFailed 2 times on node-1, with 0–1 DHT peers in the routing table. \
         All of them concerned /a. The first, at line 1: summary of line 1."
    );
    // only actionable events count: /a failed twice, as expected
    // (found by the user-view review: harmless events led "Top failing")
    assert_eq!(
        s.top_failing_keys,
        [Top {
            name: "/c".into(),
            count: 1,
            node: None
        }]
    );
}

#[test]
fn peers_over_time_per_node() {
    let s = sample();
    let [t] = s.peers.as_slice() else { panic!() };
    assert_eq!((t.node.as_str(), t.source.as_str()), ("node-1", "dht"));
    assert_eq!(t.buckets.iter().map(|b| b.max).max(), Some(9));
}

#[test]
fn merging_adds_counts_and_recomputes_percentiles() {
    let merged = sample().merge(sample());
    assert_eq!((merged.lines, merged.events), (20, 10));
    assert_eq!(merged.verdicts.expected, 4);
    let q = &merged.queries[0];
    assert_eq!((q.count, q.histogram_ns.values().sum::<u64>()), (8, 8));
    assert_eq!((q.p50_ms, q.max_ms), (Some(20.0), Some(40.0)));
    assert_eq!(merged.top_failing_keys[0].count, 2);
    assert_eq!(merged.sources.len(), 2);
}

#[test]
fn merged_findings_are_ordered_as_one_summary_orders_them() {
    let finding = |kind: &str| Finding {
        verdict: Verdict::Actionable,
        kind: kind.to_owned(),
        cause: None,
        count: 3,
        source: "node.log".to_owned(),
        first_line: 1,
        last_line: 9,
        text: String::new(),
    };
    let one = |kind: &str| Summary {
        findings: vec![finding(kind)],
        ..Summary::default()
    };
    let merged = one("swarm.ListenerError").merge(one("kad.GetRecord.NotFound"));
    let kinds: Vec<&str> = merged.findings.iter().map(|f| f.kind.as_str()).collect();
    assert_eq!(kinds, ["kad.GetRecord.NotFound", "swarm.ListenerError"]);
}

#[test]
fn json_reads_back_with_unknown_fields_denied() {
    let s = sample();
    let text = serde_json::to_string(&s).unwrap();
    let back: Summary = serde_json::from_str(&text).unwrap();
    assert_eq!(back.kinds, s.kinds);
    assert_eq!(back.queries, s.queries);
    let extra = text.replacen("{", "{\"surprise\":1,", 1);
    assert!(serde_json::from_str::<Summary>(&extra).is_err());
}

#[test]
fn libp2p_log_lines_fold_into_the_finding_of_their_swarm_event() {
    let mut b = Builder::default();
    b.source("node.log");
    let failed = |line, kind: &str, verdict| report(line, kind, verdict, None, None, None);
    for line in [1, 3] {
        b.event(&failed(
            line,
            "swarm.log.ConnectionAttemptFailed",
            Verdict::Actionable,
        ));
        b.event(&failed(
            line + 1,
            "swarm.OutgoingConnectionError.Transport",
            Verdict::Actionable,
        ));
    }
    // no expected dial error to fold into: this one stays
    b.event(&failed(
        9,
        "swarm.log.ConnectionAttemptFailed",
        Verdict::Expected,
    ));
    // a node that reached a peer (one that did not is a finding of its own)
    b.event(&failed(10, "swarm.ConnectionEstablished", Verdict::Ok));
    let s = b.finish();
    let kinds: Vec<_> = s
        .findings
        .iter()
        .map(|f| (f.kind.as_str(), f.verdict))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "swarm.OutgoingConnectionError.Transport",
                Verdict::Actionable
            ),
            ("swarm.log.ConnectionAttemptFailed", Verdict::Expected)
        ]
    );
    assert!(
        s.findings[0].text.ends_with(
            " libp2p logged its own line for such events (swarm.log.ConnectionAttemptFailed) 2 times as well."
        ),
        "{}",
        s.findings[0].text
    );
    // the counts by kind still hold every event
    assert_eq!(s.events, 6);
}

/// Found by the user-view review: a peer with 9 failed dials ranked with 18
/// among the top failing peers (each dial also logged by libp2p's DEBUG
/// line), while its finding said 9. A failure logged both ways counts once;
/// the log lines alone still count, and other failures add up.
#[test]
fn top_failing_peers_count_a_failure_logged_twice_once() {
    let mut b = Builder::default();
    b.source("node.log");
    let about = |line, kind: &str, peer: &str| Report {
        subject: Some(peer.to_owned()),
        ..report(line, kind, Verdict::Actionable, None, None, None)
    };
    for line in 0..9 {
        b.event(&about(line, "swarm.log.ConnectionAttemptFailed", "A"));
        b.event(&about(line, "swarm.OutgoingConnectionError.Transport", "A"));
    }
    b.event(&about(20, "swarm.ConnectionClosed.IO", "A"));
    for line in 30..33 {
        b.event(&about(line, "swarm.log.ConnectionAttemptFailed", "B"));
    }
    let s = b.finish();
    let tops: Vec<_> = (s.top_failing_peers.iter())
        .map(|t| (t.name.as_str(), t.count))
        .collect();
    assert_eq!(tops, [("A", 10), ("B", 3)]);
    // found by the code review: only within one file; one file's events
    // and another's log lines are different failures
    let mut b = Builder::default();
    b.source("app.log");
    for line in 0..5 {
        b.event(&about(line, "swarm.OutgoingConnectionError.Transport", "A"));
    }
    b.source("debug.log");
    for line in 0..5 {
        b.event(&about(line, "swarm.log.ConnectionAttemptFailed", "A"));
    }
    assert_eq!(b.finish().top_failing_peers[0].count, 10);
}

/// Review: libp2p's 160 close lines were told as if all belonged to the 84
/// keep-alive closes, when 76 were the IO closes' own.
#[test]
fn a_log_line_shared_by_several_event_findings_names_them_all() {
    let mut b = Builder::default();
    b.source("node.log");
    let closed = |line, kind: &str| report(line, kind, Verdict::Expected, None, None, None);
    for (line, kind) in [
        (1, "swarm.ConnectionClosed.KeepAliveTimeout"),
        (3, "swarm.ConnectionClosed.KeepAliveTimeout"),
        (5, "swarm.ConnectionClosed.IO"),
    ] {
        b.event(&closed(line, "swarm.log.ConnectionClosed"));
        b.event(&closed(line + 1, kind));
    }
    let s = b.finish();
    assert_eq!(s.findings.len(), 2, "{:#?}", s.findings);
    assert!(
        s.findings[0].text.ends_with(
            " libp2p logged its own line for such events (swarm.log.ConnectionClosed) 3 times, \
             for these and the swarm.ConnectionClosed.IO events as well."
        ),
        "{}",
        s.findings[0].text
    );
}

#[test]
fn a_finding_names_four_nodes_and_counts_the_rest() {
    let mut b = Builder::default();
    b.source("node.log");
    for (line, node) in ["a", "b", "c", "d", "e", "f", "a"].into_iter().enumerate() {
        let mut r = report(
            line as u64 + 1,
            "kad.UnroutablePeer",
            Verdict::Expected,
            None,
            None,
            None,
        );
        r.node = Some(node);
        b.event(&r);
    }
    let s = b.finish();
    assert!(
        s.findings[0]
            .text
            .starts_with("kad.UnroutablePeer 7 times on a, b, c, d and 2 more nodes."),
        "{}",
        s.findings[0].text
    );
}

/// Found by the review of hostile inputs: `--merge` added counts with
/// wrapping arithmetic, so a crafted summary could wrap `actionable` to 0
/// and defeat `--fail-on` (and a debug build panicked on the histogram).
#[test]
fn merge_wrapped_counts_around() {
    let one = sample();
    assert!(one.verdicts.actionable > 0 && !one.queries.is_empty());
    let mut huge = one.clone();
    huge.verdicts.actionable = u64::MAX - 1;
    huge.lines = u64::MAX;
    for q in &mut huge.queries {
        for n in q.histogram_ns.values_mut() {
            *n = u64::MAX;
        }
    }
    let merged = one.merge(huge);
    assert_eq!(merged.verdicts.actionable, u64::MAX);
    assert_eq!(merged.lines, u64::MAX);
    assert!(merged.queries.iter().all(|q| q.p50_ms.is_some()));
}

/// Regression (review of the summary as a user reads it): a node's
/// connected count was pushed into its `dht` track (node-1's routing table
/// "fell" to 5 in cluster25 while it held 19), and each track ended at the
/// node's last change instead of the end of the log.
#[test]
fn a_track_follows_the_count_verdicts_use_to_the_end_of_its_source() {
    let mut b = Builder::default();
    b.source("a.log");
    b.lines(30, None, None);
    b.peers_at("n", "connected", 1, 3);
    b.peers_at("n", "dht", 5, 1);
    b.peers_at("n", "connected", 9, 7);
    b.peers_at("n", "dht", 12, 2);
    b.source("b.log");
    b.lines(8, None, None);
    b.peers_at("n", "connected", 2, 4);
    let s = b.finish();
    let tracks: Vec<_> = s
        .peers
        .iter()
        .map(|t| {
            let max = t.buckets.iter().map(|b| b.max).max();
            let span = (t.buckets[0].from_line, t.buckets.last().unwrap().to_line);
            (t.file.as_str(), t.source.as_str(), span, max)
        })
        .collect();
    assert_eq!(
        tracks,
        [
            ("a.log", "dht", (5, 30), Some(2)),
            ("b.log", "connected", (2, 8), Some(4))
        ]
    );
    assert_eq!(s.peers[0].label(true), "a.log: n");
}

#[test]
fn node_names_sort_as_a_person_counts() {
    let mut names = vec![
        "node-10", "node-2", "node-1", "bootnode", "node-02", "relay", "node-19",
    ];
    names.sort_by(|a, b| natural(a, b));
    assert_eq!(
        names,
        ["bootnode", "node-1", "node-02", "node-2", "node-10", "node-19", "relay"]
    );
}

/// Found by the user-view review: "5 times …, every time with 1 connected
/// peer" when two of the five events had no peer count at all.
#[test]
fn every_time_is_said_only_when_every_event_had_a_peer_count() {
    let finding = |peers: &[Option<u64>]| {
        let mut b = Builder::default();
        b.source("node.log");
        for (k, &p) in peers.iter().enumerate() {
            b.line(None, None);
            b.event(&report(
                k as u64 + 1,
                "gossipsub.X",
                Verdict::Expected,
                None,
                None,
                p,
            ));
        }
        b.finish().findings.remove(0).text
    };
    let all = finding(&[Some(1), Some(1), Some(1)]);
    assert!(
        all.contains("3 times on node-1, every time with 1 DHT peer"),
        "{all}"
    );
    let some = finding(&[None, Some(1), None, Some(1)]);
    assert!(
        some.contains("4 times on node-1, 2 of them with 1 DHT peer"),
        "{some}"
    );
}

#[test]
fn durations_round_to_significant_digits() {
    assert_eq!(round_to(5_226_551_234, Some(3)), 5_230_000_000);
    assert_eq!(round_to(5_226_551_234, None), 5_226_551_234);
    assert_eq!(round_to(999_500, Some(3)), 1_000_000);
    assert_eq!(round_to(42, Some(3)), 42);
    assert_eq!(round_to(0, Some(1)), 0);
    assert_eq!(round_to(u64::MAX, Some(2)), 18_000_000_000_000_000_000);
    // 1845 × 10¹⁶ does not fit: it stays at the top
    assert_eq!(round_to(u64::MAX, Some(4)), u64::MAX);
}

/// Found by a memory check: every distinct duration was a histogram entry,
/// so a long log's million queries kept a million of them. Past
/// HISTOGRAM_KEPT they are rounded; counts and percentiles stay close.
#[test]
fn a_histogram_of_many_distinct_durations_stays_small() {
    let mut q = QueryStats::default();
    let n: u64 = 50_000;
    for k in 0..n {
        // 1 ms to about 6 s, all distinct
        q.add_duration(1_000_000 + k * 123_457, 1);
    }
    q.refresh();
    assert!(
        q.histogram_ns.len() <= HISTOGRAM_KEPT,
        "{}",
        q.histogram_ns.len()
    );
    assert_eq!(q.significant_digits, Some(3));
    assert_eq!(q.histogram_ns.values().sum::<u64>(), n);
    let exact_p50 = (1_000_000 + (n / 2 - 1) * 123_457) as f64 / 1e6;
    let p50 = q.p50_ms.unwrap();
    assert!(
        (p50 - exact_p50).abs() / exact_p50 < 0.005,
        "{p50} vs {exact_p50}"
    );
    // merged with an exact one: the coarser precision holds for both
    let mut exact = QueryStats::default();
    exact.add_duration(1_234_567, 1);
    let merged = Summary {
        queries: vec![exact],
        ..Summary::default()
    }
    .merge(Summary {
        queries: vec![q],
        ..Summary::default()
    });
    let m = &merged.queries[0];
    assert_eq!(m.significant_digits, Some(3));
    assert!(m.histogram_ns.contains_key(&1_230_000));
    assert_eq!(m.histogram_ns.values().sum::<u64>(), n + 1);
}

/// Found by the code review: a merged summary's `significant_digits: 0`
/// asked for 10²⁰, which overflows a u64.
#[test]
fn zero_significant_digits_from_a_file_round_to_one() {
    assert_eq!(round_to(1_234, Some(0)), 1_000);
    // 2 × 10¹⁹ does not fit: it stays at the top
    assert_eq!(round_to(15_000_000_000_000_000_000, Some(0)), u64::MAX);
}

/// A finding's first sentence names a peer short; the finding says which of
/// the log's nodes it is, but only when the sentence shows that id and the
/// counts before it did not name it already.
#[test]
fn the_node_of_a_short_peer_id_is_said_once_and_only_when_shown() {
    let id = "12D3KooWS2YRYgfvDJezyWEe8dMWt8Hbkr1YzMC2eb3ViqQCQT9j";
    let finding = |summary: &str, times: u64| {
        let mut b = Builder::default();
        b.source("node.log");
        b.node_id("node-2", id);
        for k in 0..times {
            b.line(None, None);
            let mut r = report(
                k + 1,
                "ping.Failure.Other",
                Verdict::Expected,
                None,
                None,
                None,
            );
            r.subject = Some(id.to_owned());
            r.explanation.summary = summary.to_owned();
            b.event(&r);
        }
        b.finish().findings.remove(0).text
    };
    let shown = "Ping to 12D3KooW…CQT9j failed.";
    assert!(finding(shown, 1).ends_with("failed. (12D3KooW…CQT9j is node-2.)"));
    // the sentence does not show the id: nothing to say
    assert!(!finding("GetClosestPeers found 0 peers.", 1).contains(" is node-2"));
    // "All of them concerned <id> (node-2)" said it already
    let all = finding(shown, 3);
    assert_eq!(all.matches("node-2").count(), 1, "{all}");
    assert!(
        all.contains(&format!("All of them concerned {id} (node-2).")),
        "{all}"
    );
}

/// A summary of several files caps nodes per file, so merge does not cap
/// them again (a review found merge capping the total at 4096, where one
/// summary of the same two files had 8193): the union, each name once.
#[test]
fn merged_nodes_are_the_union_of_the_summaries() {
    use crate::state::{MAX_NODES, MORE_NODES};
    let nodes = |prefix: &str, n: usize| Summary {
        nodes: (0..n)
            .map(|i| format!("{prefix}{i}"))
            .chain([MORE_NODES.to_owned()])
            .collect(),
        ..Summary::default()
    };
    let merged = nodes("a", MAX_NODES).merge(nodes("b", MAX_NODES));
    assert_eq!(merged.nodes.len(), 2 * MAX_NODES + 1);
    assert_eq!(merged.nodes.iter().filter(|n| *n == MORE_NODES).count(), 1);
    assert!(merged.nodes.iter().any(|n| n == "b4095"));
}

/// Found by the CI review: past HISTOGRAM_KEPT distinct durations the
/// maximum came from the rounded histogram, so a slowest query of 4996.3 ms
/// read `5000.00`, as if it had hit a 5 s timeout. It is kept exact, also
/// through a merge, and rounded percentiles show only their kept digits.
#[test]
fn the_longest_duration_was_rounded_up_with_the_histogram() {
    let mut q = QueryStats::default();
    for k in 0..5000u64 {
        q.add_duration(4_996_300_000 - k * 1_000, 1);
    }
    q.refresh();
    assert_eq!(q.significant_digits, Some(3));
    assert_eq!(q.max_ms, Some(4996.3));
    // the review of the fix: p95 rounded to 5000 stood above the maximum
    assert_eq!(q.p95_ms, Some(4996.3));
    let merged = Summary {
        queries: vec![QueryStats {
            query_type: q.query_type.clone(),
            ..QueryStats::default()
        }],
        ..Summary::default()
    }
    .merge(Summary {
        queries: vec![q],
        ..Summary::default()
    });
    assert_eq!(merged.queries[0].max_ms, Some(4996.3));
    let p50 = merged.queries[0].p50_ms;
    assert_eq!(crate::render::ms_text(p50, Some(3)), "4990");
    assert_eq!(crate::render::ms_text(Some(12.34), Some(3)), "12.3");
    assert_eq!(crate::render::ms_text(Some(0.6468), Some(3)), "0.65");
    assert_eq!(crate::render::ms_text(Some(4996.3), None), "4996.30");
}

/// Found by the CI review: kinds sorted by their worst verdict, then by all
/// their events, so 28 actionable bootstraps among 503 good ones came
/// before 46 actionable pings. The count at the worst verdict comes first.
#[test]
fn kinds_of_one_severity_were_sorted_by_their_ok_events() {
    let kind = |name: &str, actionable, ok| KindCount {
        kind: name.to_owned(),
        verdicts: Verdicts {
            actionable,
            ok,
            ..Verdicts::default()
        },
    };
    let mut kinds = vec![
        kind("kad.Bootstrap.Ok", 28, 503),
        kind("ping.Ok", 0, 900),
        kind("ping.Failure.Other", 46, 0),
    ];
    sort_kinds(&mut kinds);
    let order: Vec<&str> = kinds.iter().map(|k| k.kind.as_str()).collect();
    assert_eq!(order, ["ping.Failure.Other", "kad.Bootstrap.Ok", "ping.Ok"]);
}
