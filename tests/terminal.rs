//! Terminal safety end to end: control characters (ESC, CSI, OSC 8
//! hyperlinks, BEL, backspace, `\r`, C1) inside the strings of events —
//! peer ids, agent and protocol versions, protocol names, multiaddrs, record
//! keys, gossipsub topics, error texts, node names, timestamps, file names —
//! never reach the terminal raw through anything p2plog writes itself: scan
//! text and JSON, explain, summary text, markdown, GitHub and JSON. Where
//! they are shown, they are escaped (`\x1b`). The user's own lines pass
//! through unchanged.
//!
//! The checks do not depend on the catalog's wording: whatever a renderer
//! chooses to show, it must not be raw; and each planted string carries a
//! tag, so wherever a tag is shown, what follows it is an escape.

use std::path::PathBuf;

use p2plog::render::json::EventJson;
use p2plog::summary::Summary;

use crate::util::{p2plog, raw_controls, Run};

/// Tags planted before control sequences in the strings of the log.
const TAGS: &[&str] = &[
    "PEER1", "PEER2", "PEER3", "ADDR1", "ADDR2", "AGENT1", "PROTO1", "PROTO2", "TOPIC1", "ERR1",
    "NODE1", "TIME1", "KEY1", "SRC1",
];

/// An OSC 8 hyperlink, as Rust's `Debug` writes it inside a string.
const OSC8: &str = r"\u{1b}]8;;http://evil.example\u{7}click\u{1b}]8;;\u{7}";

/// A log whose events carry control characters in every kind of string,
/// in `Debug`-escaped form (as libp2p's `{:?}` writes them) and raw (a bare
/// multiaddr, a JSON log line's fields), plus a coloured line of the user's.
fn hostile_log() -> String {
    let lines = [
        // a peer id and a multiaddr (raw BEL, backspace and C1 CSI)
        "[DHT] [EVENT] RoutingUpdated { peer: PeerId(\"PEER1\\u{1b}[1m\\u{9b}2J\"), is_new_peer: true, addresses: [/ip4/1.2.3.4/tcp/1/p2p/ADDR1\u{7}\u{8}\u{9b}2J], bucket_range: (Distance(1), Distance(2)), old_peer: None }".to_owned(),
        // a record key and a peer id in a failed put
        "[DHT] [EVENT] OutboundQueryProgressed { id: QueryId(1), result: PutRecord(Err(QuorumFailed { key: Key(b\"KEY1\\x1b]8;;http://evil\\x07\"), success: [PeerId(\"PEER2\\u{1b}[2J\")], quorum: 3 })), stats: QueryStats { requests: 3, success: 1, failure: 2, start: None, end: None }, step: ProgressStep { count: 1, last: true } }".to_owned(),
        // identify: agent and protocol versions, protocol names, addresses
        format!(
            "[SWARM] Behaviour(KadNodeEvent: Received {{ connection_id: ConnectionId(1), peer_id: PeerId(\"PEER3\\u{{1b}}[1m\"), info: Info {{ public_key: PublicKey {{ publickey: Ed25519(PublicKey(compressed): 51e2) }}, protocol_version: \"PROTO1\\u{{1b}}[2J\\r\", agent_version: \"AGENT1{OSC8}\\u{{8}}\\r\\u{{9b}}31m\", listen_addrs: [/ip4/127.0.0.1/tcp/22000], protocols: [\"PROTO2\\u{{1b}}[5m\\u{{7}}\"], observed_addr: /dns4/ADDR2\u{7}evil/tcp/1, signed_peer_record: None }} }})"
        ),
        // gossipsub: a topic
        "[SWARM] Behaviour(KadNodeEvent: Message { propagation_source: PeerId(\"PEER2\\u{1b}[1m\"), message_id: MessageId(3132), message: Message { data: 6869, source: None, sequence_number: Some(1), topic: TopicHash { hash: \"TOPIC1\\u{1b}]8;;x\\u{7}\" } } })".to_owned(),
        // an error text
        "[SWARM] OutgoingConnectionError { connection_id: ConnectionId(2), peer_id: Some(PeerId(\"PEER3\\u{1b}[1m\")), error: Transport([(/ip4/127.0.0.1/tcp/1, Other(Custom { kind: Other, error: \"ERR1\\u{1b}[31m boom\\r\" }))]) }".to_owned(),
        // the user's own coloured line, with a bell: passed through as is
        "\u{1b}[31mred\u{1b}[0m line \u{7} with a bell and \u{1b}]8;;http://x\u{1b}\\a link\u{1b}]8;;\u{1b}\\".to_owned(),
        // a JSON log line: node name and timestamp from the log line itself
        r#"{"timestamp":"TIME1\u009b2J\u001b[1m","level":"INFO","fields":{"message":"ModeChanged { new_mode: Server }"},"target":"generator","spans":[{"node":"NODE1\u001b[1m\u0007","name":"swarm"}]}"#.to_owned(),
        r#"{"timestamp":"TIME1\u009b2J\u001b[1m","level":"INFO","fields":{"message":"OutboundQueryProgressed { id: QueryId(1), result: Bootstrap(Err(Timeout { peer: PeerId(\"PEER1\\u{1b}[1m\"), num_remaining: Some(0) })), stats: QueryStats { requests: 2, success: 0, failure: 2, start: None, end: None }, step: ProgressStep { count: 1, last: true } }"},"target":"generator","spans":[{"node":"NODE1\u001b[1m\u0007","name":"swarm"}]}"#.to_owned(),
    ];
    lines.join("\n") + "\n"
}

/// The hostile log in a file whose name has an escape of its own.
fn hostile_file(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("p2plog-terminal-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("SRC1\u{1b}[31m.log");
    std::fs::write(&file, hostile_log()).unwrap();
    file
}

fn run_on(file: &PathBuf, args: &[&str]) -> Run {
    let mut cmd = p2plog(args);
    cmd.arg(file);
    let r: Run = cmd.output().unwrap().into();
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    assert!(r.stderr.is_empty(), "{args:?}: {}", r.stderr);
    r
}

/// What p2plog wrote itself: `out` without the input's lines, which scan
/// passes through (in order) among its own.
fn own_lines<'a>(out: &'a str, input: &str) -> Vec<&'a str> {
    let mut input = input.split('\n').peekable();
    let mut own = Vec::new();
    for line in out.split('\n') {
        if input.peek() == Some(&line) {
            input.next();
        } else {
            own.push(line);
        }
    }
    assert!(
        input.all(str::is_empty),
        "an input line did not pass through"
    );
    own
}

/// No raw control character, and every tag that is shown is followed by an
/// escape.
fn assert_safe(what: &str, own: &str) {
    assert_eq!(raw_controls(own), [], "{what}:\n{own}");
    for tag in TAGS {
        for (at, _) in own.match_indices(tag) {
            let after = &own[at + tag.len()..];
            assert!(
                after.starts_with('\\') || after.starts_with("%5C"),
                "{what}: {tag} is not followed by an escape: {}",
                &after[..after.len().min(40)]
            );
        }
    }
}

#[test]
fn scan_text_escapes_what_it_writes_and_passes_the_log_through_unchanged() {
    let file = hostile_file("scan");
    let input = hostile_log();
    let sgr = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    for extra in [&[][..], &["--verbose"][..]] {
        let mut args = vec!["scan", "--color", "always"];
        args.extend_from_slice(extra);
        let r = run_on(&file, &args);
        let own = own_lines(&r.stdout, &input);
        assert!(
            own.len() > 5,
            "{args:?}: too few explanations:\n{}",
            r.stdout
        );
        // colour is on: its SGR sequences are p2plog's own and allowed
        let plain = sgr.replace_all(&own.join("\n"), "").into_owned();
        assert_safe(&format!("scan {extra:?}"), &plain);
    }
    std::fs::remove_dir_all(file.parent().unwrap()).unwrap();
}

#[test]
fn scan_json_and_explain_escape_every_string() {
    let file = hostile_file("json");
    let r = run_on(&file, &["scan", "--format", "json"]);
    assert_safe("scan --format json", &r.stdout);
    let events: Vec<EventJson> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), 7, "{}", r.stdout);
    // source, node and time are data, shown escaped whatever the catalog says
    let mode = events.iter().find(|e| e.kind == "kad.ModeChanged").unwrap();
    assert_eq!(
        mode.source,
        file.display().to_string().replace('\u{1b}', "\\x1b")
    );
    assert_eq!(mode.node.as_deref(), Some("NODE1\\x1b[1m\\x07"));
    assert_eq!(mode.time.as_deref(), Some("TIME1\\x9b2J\\x1b[1m"));

    let input = hostile_log();
    let explain = |args: &[&str]| -> Run { crate::util::run_with_stdin(args, input.as_bytes()) };
    for args in [
        &["explain", "--color", "never"][..],
        &["explain", "--format", "json"][..],
    ] {
        let r = explain(args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_safe(&format!("{args:?}"), &r.stdout);
    }
    std::fs::remove_dir_all(file.parent().unwrap()).unwrap();
}

#[test]
fn every_summary_format_escapes_every_string() {
    let file = hostile_file("summary");
    for format in ["text", "markdown", "github", "json"] {
        let r = run_on(&file, &["summary", "--format", format, "--color", "never"]);
        assert_safe(&format!("summary --format {format}"), &r.stdout);
        // the file name is shown in every format, escaped (in JSON, the
        // backslash of the escape is itself escaped)
        let name = match format {
            "json" => r"SRC1\\x1b[31m.log",
            _ => r"SRC1\x1b[31m.log",
        };
        assert!(r.stdout.contains(name), "{format}:\n{}", r.stdout);
    }
    let r = run_on(&file, &["summary", "--format", "json"]);
    let s: Summary = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(s.nodes, ["NODE1\\x1b[1m\\x07"]);
    assert_eq!(s.first_time.as_deref(), Some("TIME1\\x9b2J\\x1b[1m"));
    assert!(s.events >= 7, "{}", r.stdout);
    std::fs::remove_dir_all(file.parent().unwrap()).unwrap();
}

/// A file name and a node name (from a JSON log line) that try to start
/// workflow commands of their own: every line of `--format github` is one
/// of p2plog's annotations, and the names arrive escaped as GitHub requires.
#[test]
fn github_annotations_cannot_be_injected_by_a_file_or_node_name() {
    let dir = std::env::temp_dir().join(format!("p2plog-github-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a,b:c%\n::error::INJECTED.log");
    let node = "n%,:\r\n::warning::INJECTED";
    let event = std::fs::read_to_string(crate::util::path("fixtures/lone/tag.log")).unwrap();
    let event = event.lines().find(|l| l.contains("QuorumFailed")).unwrap();
    let message = event.split_once("[EVENT] ").unwrap().1;
    let json_line = serde_json::json!({
        "timestamp": "2026-11-24T09:55:31.578955Z",
        "level": "INFO",
        "fields": { "message": message },
        "target": "generator",
        "spans": [{ "node": node, "name": "swarm" }],
    });
    std::fs::write(&file, format!("{event}\n{json_line}\n")).unwrap();
    let r = run_on(
        &file,
        &["summary", "--format", "github", "--fail-on", "never"],
    );
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines.len() >= 2, "{}", r.stdout);
    for line in &lines {
        let known = [
            "::error file=",
            "::warning file=",
            "::notice file=",
            "::notice::",
        ];
        assert!(known.iter().any(|k| line.starts_with(k)), "{line}");
        assert!(!line.contains("\r"), "{line:?}");
    }
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("::error::INJECTED") && !l.contains("%0A")),
        "{}",
        r.stdout
    );
    let dir_text = dir.display().to_string();
    let property = format!(
        "file={}/a%2Cb%3Ac%25%0A%3A%3Aerror%3A%3AINJECTED.log,",
        dir_text.replace(':', "%3A").replace(',', "%2C")
    );
    assert!(r.stdout.contains(&property), "{property}\n{}", r.stdout);
    // the node name is in the finding's text: % escaped, and its line
    // breaks written as escapes when the JSON line was read
    assert!(
        r.stdout.contains(r"on n%25,:\r\n::warning::INJECTED"),
        "{}",
        r.stdout
    );

    assert_eq!(raw_controls(&r.stdout), []);
    std::fs::remove_dir_all(dir).unwrap();
}

/// Colour on a pipe only when `CLICOLOR_FORCE` is set to something other
/// than `0`, and never with `NO_COLOR` (found by review: `0` forced it).
#[test]
fn colour_on_a_pipe_follows_clicolor_force_and_no_color() {
    let coloured = |vars: &[(&str, &str)]| {
        let mut cmd = crate::util::p2plog(&["scan", "fixtures/lone/tag.log"]);
        cmd.envs(vars.iter().copied());
        let out = cmd.output().unwrap();
        assert!(out.status.success());
        out.stdout.windows(2).any(|w| w == b"\x1b[")
    };
    assert!(!coloured(&[]));
    assert!(coloured(&[("CLICOLOR_FORCE", "1")]));
    assert!(!coloured(&[("CLICOLOR_FORCE", "0")]));
    assert!(!coloured(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
}

#[test]
fn a_summary_starting_with_a_peer_named_like_a_ci_command_is_defused() {
    // `{peer} asked this node to dial it back`: explain starts the summary
    // at the line's start, scan on a narrow terminal on a line of its own
    let event = r#"InboundProbe(Request { probe_id: ProbeId(0), peer: PeerId("::error::pwned"), addresses: [] })"#;
    let explained = crate::util::run(&["explain", "--color", "never", event]);
    let mut scan = p2plog(&["scan", "--color", "never"]);
    scan.env("COLUMNS", "50");
    let scanned = crate::util::output_with_stdin(scan, format!("{event}\n").as_bytes());
    let scanned = String::from_utf8_lossy(&scanned.stdout).into_owned();
    for out in [&explained.stdout, &scanned] {
        assert!(out.contains(r":\x3aerror::pwned"), "{out}");
        assert!(
            !out.lines().any(|l| l.trim_start().starts_with("::")),
            "{out}"
        );
    }
}
