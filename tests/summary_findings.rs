//! `p2plog summary`'s findings: one per cause, libp2p's own repeating lines
//! folded into the events they repeat, failing peers and addresses, and the
//! sign of several unnamed nodes in one log.

use std::collections::BTreeMap;

use p2plog::knowledge::Verdict;
use p2plog::summary::Summary;

use crate::fixtures::pairs;
use crate::summary::summary_json;
use crate::util::{run, run_with_stdin};

/// Logs of several nodes whose lines name no node (tag, env_logger and
/// pretty of every scenario but `lone*`, which log one node) are flagged;
/// one node's log and logs that name their nodes are not. `gossip`'s tag
/// log, which prints no `local_peer_id` line and whose two nodes run no
/// query and connect once, to each other, showed no sign: a connection
/// dialled to an address the log's own `NewListenAddr` listed is one.
#[test]
fn a_log_that_mixes_unnamed_nodes_is_flagged_and_no_other() {
    for (log, _) in pairs() {
        let scenario = log.parent().unwrap().file_name().unwrap().to_string_lossy();
        let file = log.file_name().unwrap().to_string_lossy();
        let unnamed = ["tag.", "envlogger.", "pretty.", "pretty-env-logger."]
            .iter()
            .any(|f| file.starts_with(f));
        let several = !scenario.starts_with("lone") && scenario != "bootnodes-down";
        let s = summary_json(&[log.to_str().unwrap()]);
        let flagged: Vec<&str> = s.mixed_nodes.iter().map(|m| m.node.as_str()).collect();
        let want: &[&str] = if unnamed && several { &[""] } else { &[] };
        assert_eq!(flagged, want, "{}", log.display());
    }
}

/// A node that dialled and reached no peer, in a log that would show its
/// connections, is one finding, the first: `bootnodes-down`'s node-0
/// (in every format) and `display-errors`' node-3, which dials only a
/// closed port and names that do not resolve (in the formats that name
/// nodes; in the others its lines merge with nodes that connected). No
/// other fixture node is without a connection.
#[test]
fn a_node_that_reached_no_peer_is_the_first_finding() {
    for (log, _) in pairs() {
        let scenario = log.parent().unwrap().file_name().unwrap().to_string_lossy();
        let file = log.file_name().unwrap().to_string_lossy();
        let named = file.starts_with("tracing-") || file.starts_with("compose.");
        let s = summary_json(&[log.to_str().unwrap()]);
        let never: Vec<(usize, &str)> = (s.findings.iter().enumerate())
            .filter(|(_, f)| f.kind == "summary.NeverConnected")
            .map(|(k, f)| (k, f.text.as_str()))
            .collect();
        let expected = match &*scenario {
            "bootnodes-down" if named => Some("summary.NeverConnected on node-0: "),
            "bootnodes-down" => Some("summary.NeverConnected: "),
            "display-errors" if named => Some("summary.NeverConnected on node-3: "),
            _ => None,
        };
        match (expected, never.as_slice()) {
            (None, []) => {}
            (Some(start), [(0, text)]) => {
                assert!(text.starts_with(start), "{}: {text}", log.display());
                assert!(
                    text.contains("connection refused"),
                    "{}: {text}",
                    log.display()
                );
            }
            (_, found) => panic!("{}: {found:?}", log.display()),
        }
    }
}

/// Found by review: an app that prints swarm events with `{:?}` but its
/// connections in words of its own (`Connected to 12D3…`) connected once
/// and failed twice, and got "never connected", failing `--fail-on
/// actionable` in summary and scan. A `Dialing` that no dial error ended
/// may have connected.
#[test]
fn a_node_that_connected_in_its_own_words_is_not_never_connected() {
    let a = "12D3KooWKSr7ppRTdmZiV1dmgCMdRhDnhEGH3SQSepCAHh21EcdC";
    let b = "12D3KooWEDm8xdNXBg4HiuGcPS6YqpZUeoRaCJCgrxjTQ6i8Y6Nw";
    let dialing = |peer: &str, id: u32| {
        format!("[2026-11-26T10:31:30Z INFO  app] Swarm event: Dialing {{ peer_id: Some(PeerId(\"{peer}\")), connection_id: ConnectionId({id}) }}\n")
    };
    let refused = |id: u32| {
        format!("[2026-11-26T10:31:31Z INFO  app] Swarm event: OutgoingConnectionError {{ connection_id: ConnectionId({id}), peer_id: Some(PeerId(\"{b}\")), error: Transport([(/ip4/127.0.0.1/tcp/32161/p2p/{b}, Other(Custom {{ kind: Other, error: Other(Left(Left(Os {{ code: 111, kind: ConnectionRefused, message: \"Connection refused\" }}))) }}))]) }}\n")
    };
    let connected = format!("[2026-11-26T10:31:30Z INFO  app] Connected to {a}\n");
    let log = [
        dialing(a, 1),
        connected,
        dialing(b, 2),
        refused(2),
        dialing(b, 3),
        refused(3),
    ]
    .concat();
    for command in ["summary", "scan"] {
        let r = run_with_stdin(&[command, "--fail-on", "actionable"], log.as_bytes());
        assert_eq!(r.code, 0, "{command}: {}", r.stderr);
        assert!(!r.stdout.contains("NeverConnected"), "{}", r.stdout);
        assert!(!r.stderr.contains("NeverConnected"), "{}", r.stderr);
    }
    // without the dial that did not fail, the node is never connected
    let lone = log
        .lines()
        .skip(2)
        .map(|l| format!("{l}\n"))
        .collect::<String>();
    let r = run_with_stdin(&["summary", "--fail-on", "actionable"], lone.as_bytes());
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("summary.NeverConnected: 2 dials failed"));
}

#[test]
fn every_output_warns_of_a_log_that_mixes_unnamed_nodes() {
    let text = run(&["summary", "fixtures/pair/tag.log"]).stdout;
    assert!(
        text.contains("97 lines, 97 events, several nodes without names (see the warning)\n")
            && text.contains("Warning: fixtures/pair/tag.log seems to hold several nodes' events without node names: at line 10, a"),
        "{text}"
    );
    // findings say their peer counts are merged, where the view is mixed
    let merged = "(merged across the log's nodes: see the warning)";
    let json = |f: &str| summary_json(&[f]).findings.into_iter().map(|f| f.text);
    assert!(json("fixtures/cluster5/tag.log").any(|t| t.contains(merged)));
    assert!(!json("fixtures/cluster5/compose.log").any(|t| t.contains(merged)));
    let one = run(&["summary", "fixtures/lone/tracing-compact.log"]).stdout;
    assert!(one.contains("31 lines, 31 events, 1 node, from "), "{one}");
    let github = run(&["summary", "fixtures/pair/tag.log", "--format", "github"]).stdout;
    assert!(
        github.starts_with(
            "::warning file=fixtures/pair/tag.log,line=10,title=several nodes in one view::"
        ),
        "{github}"
    );
    let markdown = run(&["summary", "fixtures/pair/tag.log", "--format", "markdown"]).stdout;
    assert!(
        markdown.contains("\n> **Warning:** fixtures/pair/tag.log seems to hold"),
        "{markdown}"
    );
    // scan: once on standard error, which leaves the output as it was
    for format in ["text", "json"] {
        let r = run(&["scan", "fixtures/pair/tag.log", "--format", format]);
        let warnings = r
            .stderr
            .matches("p2plog: warning: fixtures/pair/tag.log seems to hold several nodes")
            .count();
        assert_eq!(
            (r.code, warnings, r.stderr.lines().count()),
            (0, 1, 1),
            "{}",
            r.stderr
        );
        let named = run(&["scan", "fixtures/pair/compose.log", "--format", format]);
        assert_eq!((named.code, named.stderr.as_str()), (0, ""));
    }
}

/// Found by a user-view review: the dial failures of one kind were one
/// finding named after the first ("connection refused"), which hid the
/// address this node has no transport for and the timeout. Each cause is a
/// finding of its own, with its own first sentence.
#[test]
fn failed_dials_are_findings_per_cause() {
    let s = summary_json(&["fixtures/dial-failures/tracing-full.log"]);
    let transport: Vec<(&str, &str)> = s
        .findings
        .iter()
        .filter(|f| f.kind == "swarm.OutgoingConnectionError.Transport")
        .filter(|f| f.verdict == p2plog::knowledge::Verdict::Actionable)
        .map(|f| (f.cause.as_deref().unwrap_or(""), f.text.as_str()))
        .collect();
    let mut causes: Vec<&str> = transport.iter().map(|t| t.0).collect();
    causes.sort();
    // the /dns4 addresses without a DNS transport are not the webrtc one
    assert_eq!(
        causes,
        [
            "address not supported",
            "connection refused",
            "no DNS resolution for a `/dns…` name",
            "timed out"
        ],
        "{transport:#?}"
    );
    for (cause, text) in transport {
        let named = format!("swarm.OutgoingConnectionError.Transport ({cause}) ");
        assert!(text.starts_with(&named), "{text}");
        assert!(text.contains("Could not connect to "), "{text}");
        assert!(text.contains(&format!(": {cause}.")), "{text}");
    }
    // and an annotation titled with its cause
    let github = run(&[
        "summary",
        "fixtures/dial-failures/tracing-full.log",
        "--format",
        "github",
    ]);
    for cause in [
        "address not supported",
        "connection refused",
        "no DNS resolution for a `/dns…` name",
        "timed out",
    ] {
        let title = format!("title=swarm.OutgoingConnectionError.Transport%3A {cause} (");
        assert!(github.stdout.contains(&title), "{}", github.stdout);
    }
}

/// Found by a user-view review: "swarm.ConnectionClosed.IO 76 times",
/// explained by its first event as yamux `Closed`, hid five connections
/// reset by crashed peers.
#[test]
fn connections_closed_by_io_errors_are_findings_per_cause() {
    let s = summary_json(&["fixtures/cluster25/tracing-full.log.gz"]);
    let closed: BTreeMap<&str, u64> = (s.findings.iter())
        .filter(|f| f.kind == "swarm.ConnectionClosed.IO")
        .map(|f| (f.cause.as_deref().unwrap_or(""), f.count))
        .collect();
    assert_eq!(
        closed,
        BTreeMap::from([
            ("connection reset by the remote", 5),
            ("the remote closed the connection (yamux `Closed`)", 71)
        ])
    );
}

/// Found by a user-view review: "ACTIONABLE 100" above findings that add up
/// to 62, because libp2p's own log line for a failed dial counts beside the
/// event. The totals say how many such lines they include.
#[test]
fn totals_say_how_many_of_libp2p_s_own_repeating_lines_they_include() {
    let file = "fixtures/cluster25/tracing-full.log.gz";
    let s = summary_json(&[file]);
    let mirrors: Vec<&str> = p2plog::event::message::patterns()
        .filter(|p| p.mirrors.is_some())
        .map(|p| p.kind.as_str())
        .collect();
    let mut want = p2plog::summary::Verdicts::default();
    for k in s
        .kinds
        .iter()
        .filter(|k| mirrors.contains(&k.kind.as_str()))
    {
        for v in [
            Verdict::Ok,
            Verdict::Expected,
            Verdict::Actionable,
            Verdict::Unknown,
        ] {
            want.add(v, k.verdicts.get(v));
        }
    }
    assert!(want.actionable > 0, "{want:?}");
    assert_eq!(s.mirrored, want);
    let text = run(&["summary", file, "--color", "never"]).stdout;
    let said = format!("These include {} of libp2p's own log lines", want.total());
    assert!(text.contains(&said), "{text}");
    let markdown = run(&["summary", file, "--format", "markdown"]).stdout;
    assert!(markdown.contains(&said), "{markdown}");
    let github = run(&["summary", file, "--format", "github"]).stdout;
    let notice = format!("(including {} of libp2p's own log lines", want.total());
    assert!(github.contains(&notice), "{github}");
}

/// Found by a user-view review: the top failing peers were bare peer ids,
/// though the log names each node's id (`local_peer_id`); in cluster25 the
/// top ones are the crashed nodes, which the list now says.
#[test]
fn failing_peers_that_are_the_log_s_own_nodes_are_named() {
    let file = "fixtures/cluster25/compose.log.gz";
    let log = crate::fixtures::read(&crate::util::path(file));
    // `node-3   | … libp2p_swarm: local_peer_id=12D3…`
    let id_of = |node: &str| {
        let prefix = format!("{node} ");
        log.lines()
            .filter(|l| l.starts_with(&prefix))
            .find_map(|l| l.split("local_peer_id=").nth(1))
            .map(|id| id.split_whitespace().next().unwrap_or(id).to_owned())
    };
    let s = summary_json(&[file]);
    let named: Vec<(&str, &str)> = s
        .top_failing_peers
        .iter()
        .filter_map(|t| Some((t.name.as_str(), t.node.as_deref()?)))
        .collect();
    assert!(named.len() >= 5, "{:?}", s.top_failing_peers);
    for (id, node) in &named {
        assert_eq!(id_of(node).as_deref(), Some(*id), "{node}");
    }
    let text = run(&["summary", file, "--color", "never"]).stdout;
    let (id, node) = named[0];
    assert!(text.contains(&format!("{id} ({node})")), "{text}");
    // a finding's first sentence names peers short: it says which node each
    // is, truly (found by a review: "Could not connect to peer 12D3KooW…9Crm9")
    let mut said = 0;
    for f in &s.findings {
        for part in f.text.split(" (").skip(1) {
            let Some((short, node)) = part.split_once(" is ") else {
                continue;
            };
            let Some(node) = node.strip_suffix(".)").or(node.split(".)").next()) else {
                continue;
            };
            if !short.starts_with("12D3KooW") || !node.starts_with("node-") {
                continue;
            }
            let id = id_of(node).unwrap();
            let (head, tail) = short.split_once('…').unwrap();
            assert!(
                id.starts_with(head) && id.ends_with(tail),
                "{short} is not {node}: {}",
                f.text
            );
            said += 1;
        }
    }
    assert!(said >= 3, "{:#?}", s.findings);
}

/// Found by the user-view review: a healthy cluster's summary listed
/// `/ip4/127.0.0.1` as its top failing address, from QUIC dials the dialler
/// cancelled itself (expected "however often it happens").
#[test]
fn top_failing_lists_hold_only_actionable_events() {
    let healthy = summary_json(&["fixtures/cluster5/compose.log"]);
    assert_eq!(healthy.verdicts.actionable, 0);
    assert!(
        healthy.top_failing_peers.is_empty(),
        "{:?}",
        healthy.top_failing_peers
    );
    assert!(
        healthy.top_failing_keys.is_empty(),
        "{:?}",
        healthy.top_failing_keys
    );
    let text = run(&[
        "summary",
        "fixtures/cluster5/compose.log",
        "--color",
        "never",
    ]);
    assert!(!text.stdout.contains("Top failing"), "{}", text.stdout);
    // a cluster with crashed (15–19) and hung (10–14) nodes names them all,
    // and no healthy one
    let crashed = summary_json(&["fixtures/cluster25/compose.log.gz"]);
    let mut nodes: Vec<u32> = (crashed.top_failing_peers.iter())
        .map(|t| {
            let node = t.node.as_deref().unwrap_or("");
            node.trim_start_matches("node-").parse().unwrap_or(0)
        })
        .collect();
    nodes.sort();
    assert_eq!(
        nodes,
        (10..20).collect::<Vec<u32>>(),
        "{:?}",
        crashed.top_failing_peers
    );
}

/// Found by the audit of the summary: the app's `Display` dial errors and
/// libp2p's own `Connection attempt … failed` lines for the same dials
/// were two findings each, and the transport failures one finding whatever
/// their cause.
#[test]
fn display_dial_errors_were_counted_twice_and_not_split_by_cause() {
    let s = summary_json(&["fixtures/display-errors/tracing-compact.log"]);
    let kinds: Vec<(&str, Option<&str>)> = (s.findings.iter())
        .map(|f| (f.kind.as_str(), f.cause.as_deref()))
        .collect();
    assert!(
        !kinds
            .iter()
            .any(|(k, _)| *k == "swarm.log.ConnectionAttemptFailed"),
        "{kinds:?}"
    );
    let transport: Vec<_> = (s.findings.iter())
        .filter(|f| f.kind == "swarm.DialError.Transport")
        .collect();
    let mut causes: Vec<&str> = transport
        .iter()
        .filter_map(|f| f.cause.as_deref())
        .collect();
    causes.sort();
    assert_eq!(
        causes,
        [
            "DNS resolution failed: the name does not exist, has no address records of a kind this node can dial, or the resolver is unreachable",
            "QUIC handshake timed out (5 s by default)",
            "connection refused",
            "connection refused",
            "no DNS resolution for a `/dns…` name",
            "the security handshake (noise) failed with `Input`",
            "timed out",
        ]
    );
    for f in &transport {
        assert_eq!(
            f.text.matches("libp2p logged its own line").count(),
            1,
            "{}",
            f.text
        );
    }
}

/// Found by a review: `Display` dial errors without a `peer` field had no
/// subject, so three dials of three addresses were "the same peer keeps
/// failing" (actionable) from the third on.
#[test]
fn display_dial_errors_without_a_peer_were_one_failing_peer() {
    let log: String = (1..=3)
        .map(|i| format!("[2026-11-25T20:22:31Z WARN  app] Failed to dial: Failed to negotiate transport protocol(s): [(/ip4/1.2.3.{i}/tcp/1: : Connection refused (os error 111): Connection refused (os error 111))]\n"))
        .collect();
    let r = crate::util::run_with_stdin(
        &[
            "summary",
            "--format",
            "json",
            "--fail-on",
            "actionable",
            "-",
        ],
        log.as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    let s: Summary = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!((s.verdicts.expected, s.verdicts.actionable), (3, 0));
}

/// Found by a review: the several-nodes sign said "the log shows no
/// connection closing" of a log whose connections close only in libp2p's
/// own `Connection closed …` lines.
#[test]
fn libp2p_s_connection_closed_lines_did_not_count_as_closes() {
    let read = |f: &str| std::fs::read_to_string(crate::util::path(f)).unwrap();
    let lone = read("fixtures/lone/tag.log");
    let established = lone
        .lines()
        .find(|l| l.contains("ConnectionEstablished"))
        .unwrap();
    let pair = read("fixtures/pair/tracing-compact.log");
    let closed = pair
        .lines()
        .find(|l| l.contains("Connection closed with error"))
        .unwrap();
    // the same unnamed node's: no span, no node field
    let closed = closed.replace("swarm:Swarm::poll: ", "");
    let closed = closed.rsplit_once(" node=").unwrap().0;
    let log = format!("{established}\n{closed}\n{established}\n");
    let r = run_with_stdin(&["summary", "--format", "json", "-"], log.as_bytes());
    let s: Summary = serde_json::from_str(&r.stdout).unwrap();
    let signs: Vec<&str> = s.mixed_nodes.iter().map(|m| m.sign.as_str()).collect();
    assert_eq!(signs.len(), 1, "{signs:?}");
    assert!(
        signs[0].ends_with("which was already connected"),
        "{signs:?}"
    );
}

/// libp2p's own `Connection attempt … failed with Aborted.` line was folded
/// into the app's WrongPeerId finding ("logged its own line … 2 times"):
/// lines of dial errors other than `Transport` had no cause to tell them
/// apart, now their variant.
#[test]
fn a_dial_error_log_line_was_folded_into_another_variant_s_finding() {
    let s = summary_json(&["fixtures/display-errors/tracing-compact.log"]);
    let text = |kind: &str| {
        let f = s.findings.iter().find(|f| f.kind == kind).unwrap();
        f.text.clone()
    };
    let once = "libp2p logged its own line for such events (swarm.log.ConnectionAttemptFailed) once as well.";
    for kind in ["swarm.DialError.WrongPeerId", "swarm.DialError.Aborted"] {
        assert!(text(kind).ends_with(once), "{kind}: {}", text(kind));
    }
}

/// Found by review: a dial-failure line of a variant no event finding
/// shares (an Aborted line in a log whose app logged no Aborted event) was
/// folded into the first finding of the family, which then claimed the
/// others' events as well. It stays a finding of its own, its cause in
/// words.
#[test]
fn a_dial_failure_line_no_event_shares_stays_its_own_finding() {
    let log = std::fs::read_to_string(crate::util::path(
        "fixtures/dial-failures/tracing-compact.log",
    ))
    .unwrap();
    let aborted = "2026-11-24T09:56:27.000000Z DEBUG swarm:Swarm::poll: libp2p_swarm: Connection attempt to peer failed with Aborted. peer=12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8 node=node-0\n";
    let r = run_with_stdin(
        &["summary", "--format", "json", "-"],
        format!("{log}{aborted}").as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s: Summary = serde_json::from_str(&r.stdout).unwrap();
    let own = s
        .findings
        .iter()
        .find(|f| f.kind == "swarm.log.ConnectionAttemptFailed");
    assert_eq!(
        own.and_then(|f| f.cause.as_deref()),
        Some("the dial was aborted"),
        "{:?}",
        s.findings.iter().map(|f| &f.text).collect::<Vec<_>>()
    );
    assert!(!s.findings.iter().any(|f| f.text.contains("for these and")));
}
