//! `p2plog scan` (and `p2plog` alone): every line passes through in order, the
//! events found match the truth files, peer counts come from the log, output
//! is live on a pipe, and the flags and exit codes do what they say.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::time::{Duration, Instant};

use p2plog::knowledge::Verdict;
use p2plog::render::json::EventJson;

use crate::fixtures::{pairs, read, truths};
use crate::util::{p2plog, run, run_with_stdin, stdout_at};

/// `p2plog scan FILE --color never` with very wide lines, so each explanation
/// is one line starting with `  ↳ `.
fn scan_text(file: &str, extra: &[&str]) -> crate::util::Run {
    let mut args = vec!["scan", file, "--color", "never"];
    args.extend_from_slice(extra);
    let out = p2plog(&args).env("COLUMNS", "100000").output().unwrap();
    out.into()
}

fn scan_json(file: &str, extra: &[&str]) -> Vec<EventJson> {
    let mut args = vec!["scan", file, "--format", "json"];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn every_input_line_passes_through_in_order() {
    for (log, _) in pairs() {
        let file = log.to_str().unwrap();
        let r = scan_text(file, &[]);
        assert_eq!(r.code, 0, "{file}: {}", r.stderr);
        let passed: Vec<&str> = r
            .stdout
            .lines()
            .filter(|l| !l.starts_with("  ↳ "))
            .collect();
        let input = read(&log);
        let input: Vec<&str> = input.lines().collect();
        assert_eq!(passed.len(), input.len(), "{file}");
        assert!(passed == input, "{file}: lines changed or reordered");
        assert!(
            r.stdout.lines().any(|l| l.starts_with("  ↳ ")),
            "{file}: no explanation"
        );
    }
}

/// Whether a fixture's lines say which node logged them (`tag`, `envlogger`,
/// `pretty` and `pretty-env-logger` lines do not: fixtures/README.md).
fn names_nodes(log: &std::path::Path) -> bool {
    let name = log.file_name().unwrap().to_string_lossy();
    !["tag", "envlogger", "pretty"]
        .iter()
        .any(|f| name.starts_with(f))
}

#[test]
fn events_found_match_the_truth_files() {
    for (log, truth) in pairs() {
        let file = log.to_str().unwrap();
        let events = scan_json(file, &[]);
        for t in truths(&truth).iter().filter(|t| t.protocol != "api") {
            let at: Vec<&EventJson> = events.iter().filter(|e| e.line == t.line).collect();
            let [e] = at.as_slice() else {
                panic!("{file}:{}: {} events for {:?}", t.line, at.len(), t.variant)
            };
            assert_eq!(e.end_line, t.end_line, "{file}:{}", t.line);
            if t.protocol == "kad" {
                assert!(e.kind.starts_with("kad."), "{file}:{}: {}", t.line, e.kind);
            }
            if names_nodes(&log) {
                assert_eq!(
                    e.node.as_deref(),
                    Some(t.node.as_str()),
                    "{file}:{}",
                    t.line
                );
            }
        }
    }
}

/// Where the log names its nodes (or has one node), the DHT peer count a kad
/// query result is judged by is the node's routing table as the generator saw it.
#[test]
fn dht_peer_counts_agree_with_the_truth() {
    let mut checked = 0;
    for (log, truth) in pairs() {
        let file = log.to_str().unwrap();
        let one_node = ["/lone/", "/lone-empty/", "/bootnodes-down/"]
            .iter()
            .any(|dir| file.contains(dir));
        if !(one_node || names_nodes(&log)) {
            continue;
        }
        let events = scan_json(file, &[]);
        for t in truths(&truth).iter().filter(|t| t.query.is_some()) {
            let e = events.iter().find(|e| e.line == t.line).unwrap();
            let Some(peers) = e
                .peers
                .filter(|p| serde_json::to_string(&p.source).unwrap() == "\"log-dht\"")
            else {
                continue;
            };
            assert_eq!(Some(peers.count), t.routing_table, "{file}:{}", t.line);
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} peer counts checked");
}

#[test]
fn only_filters_explanations_and_events_only_drops_other_lines() {
    let r = scan_text("fixtures/pair/tag.log", &["--only", "expected"]);
    let kinds: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("  ↳ ")).collect();
    assert!(
        !kinds.is_empty() && kinds.iter().all(|l| l.contains(" EXPECTED ")),
        "{kinds:#?}"
    );
    assert_eq!(
        r.stdout.lines().count() - kinds.len(),
        read(std::path::Path::new("fixtures/pair/tag.log"))
            .lines()
            .count()
    );
    let r = scan_text(
        "fixtures/pair/tag.log",
        &["--only", "expected", "--events-only"],
    );
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2 * kinds.len(), "{}", r.stdout);
    assert!(lines
        .chunks(2)
        .all(|pair| pair[0].starts_with('[') && pair[1].starts_with("  ↳ ")));
    let json = scan_json("fixtures/lone/tag.log", &["--only", "ok"]);
    assert!(!json.is_empty() && json.iter().all(|e| e.verdict.as_str() == "ok"));
}

#[test]
fn verbose_adds_what_happened_and_advice() {
    let r = scan_text(
        "fixtures/pair/tag.log",
        &["--verbose", "--only", "expected"],
    );
    assert!(
        r.stdout.contains("    what happened\n") && r.stdout.contains("    advice\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn fail_on_sets_the_exit_code() {
    let file = "fixtures/cluster25/tag.log.gz";
    assert_eq!(run(&["scan", file, "--format", "json"]).code, 0);
    assert_eq!(
        run(&["scan", file, "--format", "json", "--fail-on", "actionable"]).code,
        1
    );
    assert_eq!(
        run(&[
            "scan",
            "fixtures/pair/tag.log",
            "--format",
            "json",
            "--fail-on",
            "actionable"
        ])
        .code,
        0
    );
    assert_eq!(
        run(&[
            "scan",
            "fixtures/pair/tag.log",
            "--format",
            "json",
            "--fail-on",
            "expected"
        ])
        .code,
        1
    );
}

#[test]
fn p2plog_alone_scans_stdin() {
    let line = std::fs::read_to_string("fixtures/lone/tag.log").unwrap();
    let r = run_with_stdin(&["--color", "never"], line.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("  ↳ kad.PutRecord.QuorumFailed ACTIONABLE"),
        "{}",
        r.stdout
    );
}

#[test]
fn missing_file_is_reported_and_the_others_still_scanned() {
    let r = run(&[
        "scan",
        "fixtures/no-such.log",
        "fixtures/lone/tag.log",
        "--color",
        "never",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("fixtures/no-such.log"), "{}", r.stderr);
    assert!(
        r.stdout.contains("QuorumFailed"),
        "the other file was not scanned"
    );
}

/// Several files as text: each starts with a `==> name <==` line (and a
/// blank line before it, after the first), as `tail` writes them; the rest
/// is each file's own scan. One file, or JSON, has no such line.
#[test]
fn several_files_are_each_headed_by_their_name() {
    let (a, b) = ("fixtures/lone/tag.log", "fixtures/client-mode/tag.log");
    let both = scan_text(a, &[b]);
    assert_eq!(both.code, 0, "{}", both.stderr);
    let (one, other) = (scan_text(a, &[]).stdout, scan_text(b, &[]).stdout);
    assert!(!one.contains("==>"), "{one}");
    assert_eq!(
        both.stdout,
        format!("==> {a} <==\n{one}\n==> {b} <==\n{other}")
    );
    let json = run(&["scan", a, b, "--format", "json"]);
    assert!(!json.stdout.contains("==>"), "{}", json.stdout);
}

/// `node | p2plog`, its input still open.
fn piped_scan() -> (std::process::Child, std::process::ChildStdin) {
    let mut child = p2plog(&["--color", "never"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    (child, stdin)
}

/// The lines of `child`'s output as they come, read on a thread of their
/// own, and that thread.
fn output_lines(
    child: &mut std::process::Child,
) -> (
    std::sync::mpsc::Receiver<String>,
    std::thread::JoinHandle<()>,
) {
    let out = BufReader::new(child.stdout.take().unwrap());
    let (lines, got) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in out.lines() {
            if lines.send(line.unwrap()).is_err() {
                return;
            }
        }
    });
    (got, reader)
}

/// `node | p2plog`: the explanation of the first event arrives while the
/// writer is still running.
#[test]
fn pipe_output_is_live() {
    let (mut child, mut stdin) = piped_scan();
    let event = std::fs::read_to_string("fixtures/lone/tag.log").unwrap();
    let first = event
        .lines()
        .find(|l| l.contains("QuorumFailed"))
        .unwrap()
        .to_owned();
    let started = Instant::now();
    writeln!(stdin, "{first}").unwrap();
    stdin.flush().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert_eq!(line.trim_end(), first);
    line.clear();
    out.read_line(&mut line).unwrap();
    assert!(line.starts_with("  ↳ kad.PutRecord.QuorumFailed"), "{line}");
    // the writer is still open: the answer came before the input ended
    assert!(started.elapsed() < Duration::from_secs(20));
    writeln!(stdin, "more").unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

/// Found by the review of piped logs: only `-` was read live, so `p2plog
/// <(node)` or a FIFO showed nothing until the node exited.
#[test]
fn a_fifo_is_read_live_as_standard_input_is() {
    let dir = std::env::temp_dir().join(format!("p2plog-fifo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("node.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.unwrap().success());
    let mut child = p2plog(&["--color", "never", fifo.to_str().unwrap()])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // opening blocks until p2plog has opened the other end
    let mut writer = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    let log = std::fs::read_to_string("fixtures/lone/tag.log").unwrap();
    let first = log.lines().find(|l| l.contains("QuorumFailed")).unwrap();
    writeln!(writer, "{first}").unwrap();
    let (got, reader) = output_lines(&mut child);
    // a guard against a hang, not a measurement: the answer comes at once
    let wait = Duration::from_secs(20);
    assert_eq!(got.recv_timeout(wait).as_deref(), Ok(first));
    let explained = got.recv_timeout(wait).unwrap();
    assert!(
        explained.starts_with("  ↳ kad.PutRecord.QuorumFailed"),
        "{explained}"
    );
    drop(writer);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `node | p2plog`: the lines of a `{:#?}` event still being written come
/// through before its closing line is (they were held until the next line).
#[test]
fn pipe_output_passes_the_first_lines_of_an_unfinished_event_through() {
    let (mut child, mut stdin) = piped_scan();
    let pretty = std::fs::read_to_string("fixtures/pair/pretty.log").unwrap();
    let head = pretty
        .lines()
        .find(|l| l.ends_with("NewListenAddr {"))
        .unwrap();
    writeln!(stdin, "{head}\n        listener_id: ListenerId(").unwrap();
    stdin.flush().unwrap();
    let (got, reader) = output_lines(&mut child);
    // a guard against a hang, not a measurement: the lines come at once
    let wait = Duration::from_secs(20);
    assert_eq!(got.recv_timeout(wait).as_deref(), Ok(head));
    let second = got.recv_timeout(wait);
    assert_eq!(second.as_deref(), Ok("        listener_id: ListenerId("));
    writeln!(
        stdin,
        "            1,\n        ),\n        address: /ip4/127.0.0.1/tcp/22500,\n    }}"
    )
    .unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
    let rest: Vec<String> = got.try_iter().collect();
    assert!(
        rest.last()
            .unwrap()
            .starts_with("  ↳ swarm.NewListenAddr OK"),
        "{rest:?}"
    );
}

/// libp2p's connection tasks log in spans such as
/// `new_established_connection{remote_addr=… peer=12D3…}` that are not under
/// the node's span: that `peer` is the remote, not the node that logged.
#[test]
fn remote_peer_in_a_connection_span_is_not_taken_for_the_node() {
    for (log, truth) in pairs().into_iter().filter(|(log, _)| names_nodes(log)) {
        let nodes: std::collections::BTreeSet<String> =
            truths(&truth).into_iter().map(|t| t.node).collect();
        for e in scan_json(log.to_str().unwrap(), &[]) {
            if let Some(node) = &e.node {
                assert!(
                    nodes.contains(node),
                    "{}:{}: node {node} is not one of {nodes:?}",
                    log.display(),
                    e.line
                );
            }
        }
    }
}

/// tracing writes a message's fields after it (`… failed with Io(..)
/// peer=12D3… query=QueryId(0)`); the format splits them off, and the message
/// patterns still need them.
#[test]
fn tracing_fields_split_off_the_message_still_reach_the_patterns() {
    let events = scan_json("fixtures/client-mode/tracing-full.log", &[]);
    let failed: Vec<&EventJson> = events
        .iter()
        .filter(|e| e.kind == "kad.log.RequestFailed")
        .collect();
    assert!(!failed.is_empty());
    for e in failed {
        assert!(e.summary.contains("to peer 12D3KooW"), "{}", e.summary);
        assert!(!e.summary.contains("query ?"), "{}", e.summary);
    }
}

#[test]
fn a_publish_without_subscribers_is_expected_only_in_the_first_seconds() {
    // the fixture's node-1 publishes 11 ms after its first event (line 53);
    // the same line a minute later is no start-up race any more
    let log = read(&crate::util::path("fixtures/client-mode/tracing-full.log"));
    let lines: Vec<&str> = log.lines().take(53).collect();
    let early = lines[52];
    assert!(early.contains("NoPeersSubscribedToTopic") && early.contains("09:56:43.851816"));
    let late = early.replace("09:56:43.851816", "09:57:43.851816");
    let input = format!("{}\n{late}\n", lines.join("\n"));
    let r = run_with_stdin(&["scan", "--format", "json"], input.as_bytes());
    let verdicts: Vec<(u64, Verdict)> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<EventJson>(l).unwrap())
        .filter(|e| e.kind == "gossipsub.PublishError.NoPeersSubscribedToTopic")
        .filter(|e| e.node.as_deref() == Some("node-1"))
        .map(|e| (e.line, e.verdict))
        .collect();
    assert_eq!(
        verdicts[verdicts.len() - 2..],
        [(53, Verdict::Expected), (54, Verdict::Actionable)]
    );
}

/// Found by the second user-view review: some explanations ended with a
/// space (each sentence is followed by one).
#[test]
fn no_sentence_ends_with_white_space() {
    for (log, _) in pairs() {
        let r = run(&["scan", log.to_str().unwrap(), "--format", "json"]);
        for line in r.stdout.lines() {
            let e: EventJson = serde_json::from_str(line).unwrap();
            for text in [&e.summary, &e.explanation, &e.advice] {
                assert_eq!(text.trim_end(), text.as_str(), "{}: {line}", log.display());
            }
        }
    }
}

/// Found by the second user-view review: node-0 dialling its own
/// `/p2p/<own id>` address was explained as a stale address a behaviour
/// learned, though the log's `local_peer_id` line names that id.
#[test]
fn a_dial_to_the_node_s_own_id_is_called_a_self_dial() {
    let r = run(&[
        "scan",
        "fixtures/dial-failures/tracing-compact.log",
        "--format",
        "json",
    ]);
    let own_id = (r.stdout.lines())
        .map(|l| serde_json::from_str::<EventJson>(l).unwrap())
        .find(|e| e.kind == "swarm.log.LocalPeerId" && e.node.as_deref() == Some("node-0"))
        .map(|e| e.summary)
        .unwrap();
    let selves: Vec<EventJson> = (r.stdout.lines())
        .map(|l| serde_json::from_str::<EventJson>(l).unwrap())
        .filter(|e| e.kind == "swarm.OutgoingConnectionError.Transport")
        .filter(|e| {
            e.explanation
                .contains("The peer dialled is this node itself")
        })
        .collect();
    assert_eq!(selves.len(), 1, "{}", r.stdout);
    let e = &selves[0];
    assert!(
        e.advice.starts_with("Leave this node's own addresses out"),
        "{}",
        e.advice
    );
    // and it is the id that node-0's own line names
    let short = e
        .summary
        .split("peer ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    let (head, tail) = short.split_once('…').unwrap();
    assert!(
        own_id.contains(head) && own_id.contains(tail),
        "{own_id} / {short}"
    );
}

/// Found by the user-view review: a `{:#?}` event cut off by another
/// thread's line had its explanation printed after that line, which had
/// already been passed through when the cut became known. It comes right
/// under the event's last line, from a file and from a pipe.
#[test]
fn a_cut_off_event_is_explained_before_the_line_that_cut_it() {
    let log = "[2026-11-24T09:55:31Z INFO  generator] Swarm event: NewListenAddr {\n        listener_id: ListenerId(\n            1,\n[2026-11-24T09:55:31Z DEBUG other] interleaved line from another thread\n        ),\n    }\n";
    for args in [&["scan", "--color", "never"][..], &["--color", "never"]] {
        let r = crate::util::run_with_stdin(args, log.as_bytes());
        let lines: Vec<&str> = r.stdout.lines().collect();
        assert!(
            lines[3].starts_with("  ↳ unknown.NewListenAddr") && lines[4].contains("interleaved"),
            "{}",
            r.stdout
        );
        assert_eq!(lines.len(), 7, "{}", r.stdout);
    }
}

/// Found by the code review: a join ended because one more started (past
/// `MAX_OPEN_JOINS` at once) was explained after the line that started it.
#[test]
fn a_join_ended_for_room_is_explained_before_the_line_that_needed_it() {
    let n = p2plog::format::MAX_OPEN_JOINS + 1;
    let log: String = (0..n)
        .map(|i| format!("node-{i} | [SWARM] NewListenAddr {{\n"))
        .collect();
    let r = crate::util::run_with_stdin(&["scan", "--color", "never"], log.as_bytes());
    let lines: Vec<&str> = r.stdout.lines().collect();
    let first = lines.iter().position(|l| l.starts_with("  ↳ ")).unwrap();
    assert_eq!(first, n - 1, "{}", r.stdout);
    assert!(
        lines[first + 1].starts_with(&format!("node-{} |", n - 1)),
        "{}",
        r.stdout
    );
}

/// Found by a review: the explanation's first line holds the kind and the
/// verdict, and with a long kind (`kad.GetProviders.FinishedWithNoAdditionalRecord`)
/// it ran to 87 columns at 80, and 63 at 60. The summary now starts on
/// the next line when the head leaves it less than 20 columns.
#[test]
fn an_explanation_under_a_long_kind_ran_past_the_width() {
    for columns in [60usize, 80] {
        let text = stdout_at(
            columns,
            &[
                "scan",
                "fixtures/lone/tag.log",
                "--events-only",
                "--color",
                "never",
            ],
        );
        assert!(text.contains("FinishedWithNoAdditionalRecord"), "{text}");
        // the explanations' lines; the log's own lines are as they were
        for line in text.lines().filter(|l| l.starts_with("  ")) {
            let long_word = line.split(' ').any(|w| w.chars().count() > columns / 2);
            assert!(
                line.chars().count() <= columns || long_word,
                "{columns} columns: {line}"
            );
        }
    }
}

/// Found by the review of piped logs: the "several nodes" warning went to
/// stderr before the lines it names were written out of stdout's buffer, so
/// at a terminal it showed above them; then (the live review) it came
/// between the line and its explanation.
#[test]
fn the_several_nodes_warning_follows_the_line_it_names() {
    let bin = env!("CARGO_BIN_EXE_p2plog");
    let r = crate::util::shell(&format!(
        "head -8 fixtures/pair/envlogger.log | {bin} --color never 2>&1"
    ));
    assert_eq!(r.code, 0, "{}", r.stdout);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let warned = lines
        .iter()
        .position(|l| l.starts_with("p2plog: warning: <stdin> seems to hold several nodes"))
        .unwrap();
    // the second node's `local_peer_id` is the sign, line 4 of the input
    let sign = lines
        .iter()
        .position(|l| l.contains("local_peer_id=12D3KooWDQC3"))
        .unwrap();
    assert_eq!(warned, sign + 2, "{}", r.stdout);
    assert!(lines[sign + 1].starts_with("  ↳ "), "{}", r.stdout);
}

/// Found by the review of the pretty format: `.pretty().without_time()`
/// writes `   INFO target: …`, which the compact format (tried first) took,
/// so no event got its node and libp2p's `, key: value` fields were not
/// split. The fixture's events, their time stamps taken out, keep their
/// lines and nodes.
#[test]
fn pretty_lines_without_time_were_read_as_the_compact_format() {
    let stamp = regex::Regex::new(r"(?m)^  \x1b\[2m[0-9TZ:.-]+\x1b\[0m ").unwrap();
    let log = read(std::path::Path::new("fixtures/pair/tracing-pretty.log"));
    let untimed = stamp.replace_all(&log, "  ");
    assert_ne!(untimed, log);
    let r = crate::util::run_with_stdin(&["scan", "--format", "json"], untimed.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let events: Vec<EventJson> = (r.stdout.lines())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let truth = truths(std::path::Path::new(
        "fixtures/pair/tracing-pretty.truth.jsonl",
    ));
    for t in truth.iter().filter(|t| t.protocol != "api") {
        let e = events.iter().find(|e| e.line == t.line).unwrap();
        assert_eq!(
            (e.end_line, e.node.as_deref(), e.time.as_deref()),
            (t.end_line, Some(t.node.as_str()), None),
            "line {}",
            t.line
        );
    }
}

/// Found by a review: with tracing's `uptime()` timer the time since a
/// node's start was never known, so start-up verdicts changed: the same
/// log with its stamps turned into uptimes called 3 publish errors at
/// start-up actionable instead of expected.
#[test]
fn uptime_stamps_judged_nothing_by_the_time_since_start() {
    let log = "fixtures/client-mode/tracing-full.log";
    let text = std::fs::read_to_string(crate::util::path(log)).unwrap();
    // `\x1b[2m2026-11-24T09:56:46.447986Z` -> `\x1b[2m   0.000000000s`
    let dim = "\x1b[2m";
    let seconds = |line: &str| -> f64 {
        let clock = &line[dim.len() + 11..dim.len() + 26];
        let (h, m, s) = (&clock[..2], &clock[3..5], &clock[6..]);
        let n = |x: &str| x.parse::<f64>().unwrap();
        n(h) * 3600.0 + n(m) * 60.0 + n(s)
    };
    let first = seconds(text.lines().next().unwrap());
    let uptime: String = text
        .lines()
        .map(|line| {
            let up = seconds(line) - first;
            let (s, ns) = (up.trunc() as u64, (up.fract() * 1e9).round() as u64);
            format!("{dim}{s:4}.{ns:09}s{}\n", &line[dim.len() + 27..])
        })
        .collect();
    let verdicts = |stdout: &str| -> Vec<(u64, Verdict)> {
        stdout
            .lines()
            .map(|l| serde_json::from_str::<EventJson>(l).unwrap())
            .map(|e| (e.line, e.verdict))
            .collect()
    };
    let r = run_with_stdin(&["scan", "--format", "json"], uptime.as_bytes());
    assert!(
        r.stdout.contains("\"time\":\"0.000000000s\""),
        "{}",
        &r.stdout[..300]
    );
    let clock = crate::util::run(&["scan", "--format", "json", log]);
    assert_eq!(verdicts(&r.stdout), verdicts(&clock.stdout));
}

/// Found by the live review: `p2plog <(node-a) <(node-b)` read node-b only
/// once node-a had ended, and node-b, its pipe full, stopped meanwhile. The
/// inputs are still read in turn, but p2plog says so at the start; a file
/// after a pipe waits harmlessly (found by review).
#[test]
fn a_pipe_before_another_held_it_back_in_silence() {
    let dir = std::env::temp_dir().join(format!("p2plog-fifos-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = |name: &str| {
        let path = dir.join(name);
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        assert!(made.unwrap().success());
        path.to_str().unwrap().to_owned()
    };
    let (a, b) = (fifo("node-a.fifo"), fifo("node-b.fifo"));
    for (args, warned) in [
        (vec![a.as_str(), b.as_str()], true),
        (vec![a.as_str(), "fixtures/lone/tag.log"], false),
    ] {
        let child = p2plog(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // p2plog opens the pipes in turn: each write waits for its reader
        for pipe in args.iter().filter(|p| p.ends_with(".fifo")) {
            let mut writer = std::fs::OpenOptions::new().write(true).open(pipe).unwrap();
            writeln!(writer, "a line").unwrap();
        }
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        let says = format!("inputs are read one after another: those after {a} wait until it ends");
        assert_eq!(stderr.contains(&says), warned, "{args:?}: {stderr}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Found by the live review: `node | p2plog` of a node that logs to stderr
/// (env_logger's default) showed the node's lines unexplained, and p2plog,
/// reading nothing, said nothing.
#[test]
fn a_pipe_without_a_line_did_not_hint_at_2_to_1() {
    let hint = "needs `node 2>&1 | p2plog`";
    let empty = run_with_stdin(&["scan"], b"");
    assert_eq!(empty.code, 0);
    assert!(empty.stderr.contains(hint), "{}", empty.stderr);
    let one = run_with_stdin(&["scan"], b"a line\n");
    assert!(!one.stderr.contains(hint), "{}", one.stderr);
    // (found by review) an empty file on stdin is no pipe
    let bin = env!("CARGO_BIN_EXE_p2plog");
    let file = crate::util::shell(&format!("{bin} scan < /dev/null"));
    assert!(!file.stderr.contains(hint), "{}", file.stderr);
}

/// Found by the new-user review: `p2plog scan empty.log` printed nothing
/// and said nothing (the summary of it warns), which reads as a log
/// without events. The next file is still read.
#[test]
fn an_empty_file_scanned_to_silence() {
    let dir = std::env::temp_dir().join(format!("p2plog-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (empty, full) = (dir.join("empty.log"), dir.join("full.log"));
    std::fs::write(&empty, "").unwrap();
    std::fs::write(&full, "a line\n").unwrap();
    let r = run(&["scan", empty.to_str().unwrap(), full.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let warning = format!("p2plog: warning: {} is empty\n", empty.display());
    assert_eq!(r.stderr, warning);
    assert!(r.stdout.contains("a line"), "{}", r.stdout);
}

/// pretty_env_logger's lines (`INFO  libp2p_swarm > …`, after a time) were
/// read as plain text: no time, level or target, so the summary had no time
/// span and libp2p's own lines could not be told from an app's. Each
/// scenario written in it reads as the same events, with times, as the
/// tracing format with the same log filter.
#[test]
fn pretty_env_logger_lines_lost_their_time_and_target() {
    let kinds = |log: &str| {
        let r = run(&["scan", "--format", "json", log]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let events: Vec<EventJson> = (r.stdout.lines())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let mut kinds: Vec<String> = events.iter().map(|e| e.kind.clone()).collect();
        kinds.sort();
        (kinds, events)
    };
    for scenario in ["pair", "dial-failures"] {
        let (pretty, events) = kinds(&format!("fixtures/{scenario}/pretty-env-logger.log"));
        let (tracing, _) = kinds(&format!("fixtures/{scenario}/tracing-compact.log"));
        assert_eq!(pretty, tracing, "{scenario}");
        assert!(events.iter().all(|e| e.time.is_some()), "{scenario}");
    }
}

/// Found by earlier reviews, left open until now: with libp2p's DEBUG
/// lines on, each failed dial was explained twice in full, under libp2p's
/// own `Connection attempt to peer failed with …` and under the event the
/// app logs next, in the same words. The second now points at the first;
/// a repeat of one kind (another dial) is still explained in full.
#[test]
fn an_occurrence_logged_twice_was_explained_twice() {
    let text = read(&crate::util::path(
        "fixtures/dial-failures/tracing-compact.log",
    ));
    let log: String = text
        .lines()
        .skip(9)
        .take(4)
        .map(|l| format!("{l}\n"))
        .collect();
    for verbose in [false, true] {
        let mut args = vec!["scan", "--color", "never"];
        if verbose {
            args.push("--verbose");
        }
        let r = run_with_stdin(&args, log.as_bytes());
        assert_eq!(r.code, 0, "{}", r.stderr);
        let full = "Could not connect to an address (no peer id) at";
        assert_eq!(r.stdout.matches(full).count(), 1, "{}", r.stdout);
        assert!(
            r.stdout.contains(
                "  ↳ swarm.OutgoingConnectionError.Transport ACTIONABLE The same occurrence as line 1 above, logged\n    twice.\n"
            ),
            "{}",
            r.stdout
        );
        // the next dial, to a peer, in full under libp2p's line
        let again = "Could not connect to peer 12D3KooW…QXui8 at";
        assert_eq!(r.stdout.matches(again).count(), 1, "{}", r.stdout);
        assert_eq!(
            r.stdout.matches("what happened").count(),
            usize::from(verbose) * 2
        );
    }
}
