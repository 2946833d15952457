//! Regression tests: each is named after what broke, and says how it was
//! found (a fuzz target, or the review of hostile inputs). The inputs are
//! hand-written on purpose: each is the smallest that showed the bug.

use p2plog::knowledge::Verdict;
use p2plog::render::json::EventJson;
use p2plog::summary::Summary;

use crate::util::{raw_controls, run, run_with_stdin};

/// Two containers' `{:#?}` events interleaved by docker compose: `a` on
/// lines 1, 3, 5, 7-9 and `b` on lines 2, 4, 6.
const INTERLEAVED: &str = "\
a  | 2026-11-24T09:55:43.609036Z  INFO swarm{node=a}: generator: NewListenAddr {
b  | 2026-11-24T09:55:43.609037Z  INFO swarm{node=b}: generator: Behaviour(
a  |     listener_id: ListenerId(
b  |     KadNodeEvent: ModeChanged { new_mode: Server },
a  |         1,
b  | )
a  |     ),
a  |     address: /ip4/127.0.0.1/tcp/22600,
a  | }
";

/// Found by fuzzing (`stream`): the summary counted a joined event's lines
/// as `end_line - line + 1`, so the other container's lines in between were
/// counted twice (14 lines for a file of 9).
#[test]
fn summary_counted_the_lines_of_interleaved_events_twice() {
    let r = run_with_stdin(&["summary", "--format", "json"], INTERLEAVED.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s: Summary = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!((s.lines, s.sources[0].lines, s.events), (9, 9, 2));
    assert_eq!(s.sources[0].formats.values().sum::<u64>(), 9);
}

/// Found with the same input: an event's end line was its first line plus
/// the lines of its text, wrong when another container's lines came between.
#[test]
fn interleaved_events_ended_on_lines_of_the_other_container() {
    let r = run_with_stdin(&["scan", "--format", "json"], INTERLEAVED.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let events: Vec<EventJson> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // the kind's protocol prefix depends on the catalog: compare the variant
    let got: Vec<(u64, u64, Option<&str>, &str)> = events
        .iter()
        .map(|e| {
            let variant = e.kind.rsplit('.').next().unwrap();
            (e.line, e.end_line, e.node.as_deref(), variant)
        })
        .collect();
    assert_eq!(
        got,
        [
            (2, 6, Some("b"), "ModeChanged"),
            (1, 9, Some("a"), "NewListenAddr")
        ]
    );
}

/// Found reviewing hostile inputs: scan ended every piece of a line longer
/// than the input's cap (1 MiB) with a newline of its own, so a 3 MiB line
/// came out as four lines. It must pass through whole, like every line.
#[test]
fn scan_broke_a_line_longer_than_the_cap_into_pieces() {
    let event = std::fs::read_to_string(crate::util::path("fixtures/lone/tag.log")).unwrap();
    let event = event.lines().find(|l| l.contains("QuorumFailed")).unwrap();
    let long = format!("{event} {}", "x".repeat(3 * p2plog::input::MAX_LINE));
    let input = format!("{long}\n{event}\n");
    let r = run_with_stdin(&["scan", "--color", "never"], input.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    // explanations are indented; the input's lines are not
    let passed: Vec<&str> = r.stdout.lines().filter(|l| !l.starts_with("  ")).collect();
    assert_eq!(passed.len(), 2, "{:?}", &r.stdout[r.stdout.len() - 300..]);
    assert!(passed[0] == long, "the long line was changed");
    assert_eq!(passed[1], event);
    let after_long = r.stdout.lines().nth(1).unwrap();
    assert!(
        after_long.starts_with("  ↳ kad.PutRecord.QuorumFailed"),
        "{after_long}"
    );
}

/// Found by fuzzing (`stream`): `summary --format json` wrote strings with
/// serde_json's escaping alone, which leaves DEL and the C1 controls (U+009B
/// is CSI) raw: a timestamp or node name from a JSON log line reached the
/// terminal unescaped.
#[test]
fn summary_json_wrote_del_and_c1_controls_raw() {
    let line = r#"{"timestamp":"2026-11-24T09:58:42\u007f\u009b2J.998907Z","level":"INFO","fields":{"message":"ModeChanged { new_mode: Server }"},"target":"generator","spans":[{"node":"node\u009b31m-0\u001b[1m","name":"swarm"}]}"#;
    for format in ["json", "text", "markdown", "github"] {
        let r = run_with_stdin(&["summary", "--format", format], line.as_bytes());
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(raw_controls(&r.stdout), [], "summary --format {format}");
    }
    let r = run_with_stdin(&["summary", "--format", "json"], line.as_bytes());
    let s: Summary = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(s.events, 1, "{}", r.stdout);
    assert_eq!(
        s.first_time.as_deref(),
        Some("2026-11-24T09:58:42\\x7f\\x9b2J.998907Z")
    );
    assert_eq!(s.nodes, ["node\\x9b31m-0\\x1b[1m"]);
}

/// Found by the hostile-input tests: `find` gave up on a text at the first
/// value nested deeper than the parser's cap, so `explain` (which reads its
/// whole input as one text) lost every event after it.
#[test]
fn explain_lost_every_event_after_a_too_deep_value() {
    let event = std::fs::read_to_string(crate::util::path("fixtures/lone/tag.log")).unwrap();
    let event = event.lines().find(|l| l.contains("QuorumFailed")).unwrap();
    let deep = format!("{}1{}", "Some(".repeat(1000), ")".repeat(1000));
    let input = format!("[DHT] {deep}\n{event}\n");
    let r = run_with_stdin(&["explain", "--format", "json"], input.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let e: EventJson = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!((e.line, e.kind.as_str()), (2, "kad.PutRecord.QuorumFailed"));
}

/// The number in `… after line N: …`.
fn line_reached(stderr: &str) -> u64 {
    let (_, rest) = stderr.split_once("after line ").expect(stderr);
    rest.split(':').next().unwrap().parse().unwrap()
}

/// Found by tests/errors.rs after scan and summary moved to a reader thread:
/// on a corrupt gzip the reader returned the error and dropped the batch it
/// had not sent yet, so up to 256 records read before the damage were
/// neither written nor summarised.
#[test]
fn a_corrupt_gzip_lost_the_lines_read_in_its_last_batch() {
    let whole = std::fs::read(crate::util::path("fixtures/cluster25/tag.log.gz")).unwrap();
    // a file, not standard input: a stream is sent record by record
    let file = std::env::temp_dir().join(format!("p2plog-half-{}.log.gz", std::process::id()));
    std::fs::write(&file, &whole[..whole.len() / 2]).unwrap();
    let r = crate::util::run(&["summary", "--format", "json", file.to_str().unwrap()]);
    std::fs::remove_file(&file).unwrap();
    assert_eq!(r.code, 2, "{}", r.stderr);
    let s: Summary = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(s.lines, line_reached(&r.stderr));
}

/// Found with the same test: an input error ended the read before the
/// multi-line event being joined was handed over, so its lines were passed
/// through but never explained nor counted.
#[test]
fn an_event_being_joined_when_the_gzip_broke_was_lost() {
    use std::io::Write;
    let head = "[2026-11-24T09:55:31Z INFO  generator] Swarm event: Behaviour(\n        KadNodeEvent: ModeChanged { new_mode: Server },\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(head.as_bytes()).unwrap();
    gz.flush().unwrap(); // everything so far is decodable; no end follows
    let broken = gz.get_ref().clone();
    let r = run_with_stdin(&["summary", "--format", "json"], &broken);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(line_reached(&r.stderr), 2);
    let s: Summary = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!((s.lines, s.events), (2, 1), "{}", r.stdout);
    let r = run_with_stdin(&["scan", "--format", "json"], &broken);
    assert_eq!(r.code, 2);
    let e: EventJson = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!((e.line, e.kind.as_str()), (1, "kad.ModeChanged"));
}

/// Found by review: `explain` searched a pasted tracing-json line as it
/// stood, so the Debug value's quotes were JSON escapes (`Key(b\"…\")`):
/// the event was unknown, or no event was found at all (exit 2).
#[test]
fn explain_did_not_read_a_pasted_tracing_json_line() {
    let log =
        std::fs::read_to_string(crate::util::path("fixtures/cluster5/tracing-json.log")).unwrap();
    let line = log
        .lines()
        .find(|l| l.contains("ConnectionEstablished {"))
        .unwrap();
    for r in [
        crate::util::run(&["explain", "--format", "json", line]),
        run_with_stdin(&["explain", "--format", "json"], line.as_bytes()),
    ] {
        assert_eq!(r.code, 0, "{}", r.stderr);
        let e: EventJson = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
        assert_eq!(e.kind, "swarm.ConnectionEstablished", "{}", r.stdout);
    }
}

/// Found by the review of hostile inputs: a `\n` escape in a string a peer
/// controls (an identify agent version, a peer id, a JSON node name) came out
/// as a real line break in explanations and summaries, so a peer could start
/// a line of p2plog's output with `::error::`, a GitHub workflow command.
#[test]
fn an_escaped_line_break_from_a_peer_started_a_line_of_output() {
    let log = std::fs::read_to_string(crate::util::path("fixtures/pair/tag.log")).unwrap();
    let identify = log.lines().find(|l| l.contains("agent_version")).unwrap();
    let identify = identify
        .replacen(
            "agent_version: \"",
            "agent_version: \"v\\n::error::AGENT ",
            1,
        )
        .replacen(
            "protocols: [\"",
            "protocols: [\"/p\\n::error::PROTO\", \"",
            1,
        );
    assert!(identify.contains("::error::AGENT") && identify.contains("::error::PROTO"));
    let dial = "[SWARM] OutgoingConnectionError { connection_id: ConnectionId(2), \
        peer_id: Some(PeerId(\"x\\n::error::PEER\")), error: Transport([(/ip4/1.2.3.4/tcp/1, \
        Other(Custom { kind: Other, error: Other(Left(Left(Left(Os { code: 111, \
        kind: ConnectionRefused, message: \"Connection\\n::error::MSG\" })))) }))]) }";
    let json = r#"{"timestamp":"2026-11-24T09:55:55.456147Z","level":"INFO","fields":{"message":"Behaviour(KadNodeEvent: ModeChanged { new_mode: Server })","node":"n\n::error::NODE"}}"#;
    let input = format!("{identify}\n{dial}\n{json}\n");
    let runs = [
        run_with_stdin(&["scan", "--verbose"], input.as_bytes()),
        run_with_stdin(&["explain"], input.as_bytes()),
        run_with_stdin(&["summary", "--peers", "5"], input.as_bytes()),
        run_with_stdin(
            &["summary", "--peers", "5", "--format", "markdown"],
            input.as_bytes(),
        ),
    ];
    for r in runs {
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(forged(&r.stdout), [] as [&str; 0], "{}", r.stdout);
        assert!(r.stdout.contains("\\n::error::"), "{}", r.stdout);
    }
}

/// Found by the review of hostile inputs: a gzip file corrupt from its first
/// byte printed an empty summary ("0 lines, 0 events", all counts 0) beside
/// the error, which reads as a clean log.
#[test]
fn a_file_unreadable_from_its_first_byte_printed_an_empty_summary() {
    let dir = std::env::temp_dir().join(format!("p2plog-unreadable-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.log.gz");
    std::fs::write(&bad, b"\x1f\x8b\x08\x00not deflate at all").unwrap();
    for format in ["text", "json", "markdown", "github"] {
        let r = crate::util::run(&["summary", bad.to_str().unwrap(), "--format", format]);
        assert_eq!((r.code, r.stdout.as_str()), (2, ""), "{format}");
        assert!(r.stderr.contains("corrupt gzip data"), "{}", r.stderr);
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// Found by the review of hostile inputs: a file name (or any argument)
/// with an escape sequence reached the terminal raw in the error message.
#[test]
fn a_file_name_with_an_escape_sequence_reached_stderr_raw() {
    let r = crate::util::run(&["summary", "missing-\x1b[2J-\x07.log"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "p2plog: missing-\\x1b[2J-\\x07.log: no such file\n"
    );
    let r = crate::util::run(&["scan", "--only", "\x1b[2J"]);
    assert_eq!(r.code, 2);
    assert_eq!(raw_controls(&r.stderr), [], "{}", r.stderr);
}

/// Found by the review of hostile inputs: a peer's agent version holding
/// U+202E (right-to-left override; Debug writes it `\u{202e}`) was shown
/// raw, so a terminal displayed the rest of the line reversed.
#[test]
fn a_bidi_override_in_a_peer_s_agent_string_reversed_the_line() {
    let event = r#"Received { connection_id: ConnectionId(1), peer_id: PeerId("12D3KooWDQC3CsUTjqC9hn6mtouqisPzphVTym8sdRhaVkL6xzrH"), info: Info { public_key: PublicKey { publickey: Ed25519(PublicKey(compressed): 1) }, protocol_version: "ipfs/0.1.0", agent_version: "evil\u{202e}exe.txt", listen_addrs: [], protocols: [], observed_addr: /ip4/127.0.0.1/tcp/1, signed_peer_record: None } }"#;
    // as text, and as a JSON string (whose backslash is escaped)
    for (format, shown) in [("text", r"evil\u{202e}exe"), ("json", r"evil\\u{202e}exe")] {
        let r = run_with_stdin(&["explain", "--format", format], event.as_bytes());
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains(shown), "{}", r.stdout);
        assert!(!r.stdout.contains('\u{202e}'), "{}", r.stdout);
    }
}

/// The lines of `text` that a CI runner would read as a workflow command:
/// `::error::` at its start, even indented; `##[error]` or `##vso[`
/// anywhere.
fn forged(text: &str) -> Vec<&str> {
    let command =
        |l: &&str| l.trim_start().starts_with("::") || l.contains("##[") || l.contains("##vso[");
    text.lines().filter(command).collect()
}

/// An identify event whose agent version is `agent`.
fn identify_with_agent(agent: &str) -> String {
    format!(
        r#"Received {{ connection_id: ConnectionId(1), peer_id: PeerId("12D3KooWFL1HuS4qk6V8qANtSCs4xe4ECvCRtZA1LLb6TKoZqPop"), info: Info {{ public_key: PublicKey {{ publickey: Ed25519(PublicKey(compressed): 51e240) }}, protocol_version: "/p", agent_version: "{agent}", listen_addrs: [], protocols: [], observed_addr: /ip4/127.0.0.1/tcp/20001, signed_peer_record: None }} }}"#
    )
}

/// Found by the review of hostile inputs: the text renderer wrapped a
/// peer's string at its spaces, so an agent version of `::error::x
/// ::error::x …` began lines of the output (at column 0 in `explain`); and
/// (found by the review of that fix) `##[error]`, which GitHub's runner
/// obeys anywhere in a line, was written as it came, in text and JSON.
#[test]
fn wrapping_let_a_peer_s_words_start_a_line() {
    let event = identify_with_agent(&"::error::pwned ##[error]pwned ###[error]odd ".repeat(20));
    let log = format!("[SWARM] {event}\n");
    let runs = [
        run_with_stdin(&["explain"], event.as_bytes()),
        run_with_stdin(&["scan", "--verbose"], log.as_bytes()),
        run_with_stdin(&["explain", "--format", "json"], event.as_bytes()),
        run_with_stdin(&["scan", "--format", "json"], log.as_bytes()),
    ];
    for r in runs {
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("::error::pwned"), "{}", r.stdout);
        // `#\x23[`, its backslash doubled in JSON
        assert!(r.stdout.contains(r"x23[error]pwned"), "{}", r.stdout);
        // the log line itself is the input's: only p2plog's lines count
        let own = r.stdout.replace(log.trim_end(), "");
        assert_eq!(forged(&own), [] as [&str; 0], "{}", r.stdout);
    }
}

/// Found by the review of hostile inputs: characters that show nothing
/// (zero-width space and joiner, word joiner, byte-order mark, soft hyphen,
/// tag characters) reached the output raw, so two agent versions or peer ids
/// that differ could look the same.
#[test]
fn invisible_characters_from_a_peer_were_shown_raw() {
    let event = identify_with_agent(r"A\u{200b}B\u{200d}C\u{2060}D\u{feff}E\u{ad}F\u{e0041}G");
    for (format, shown) in [
        (
            "text",
            r"A\u{200b}B\u{200d}C\u{2060}D\u{feff}E\xadF\u{e0041}G",
        ),
        (
            "json",
            r"A\\u{200b}B\\u{200d}C\\u{2060}D\\u{feff}E\\xadF\\u{e0041}G",
        ),
    ] {
        let r = run_with_stdin(&["explain", "--format", format], event.as_bytes());
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains(shown), "{}", r.stdout);
        let hidden: Vec<char> = r
            .stdout
            .chars()
            .filter(|&c| p2plog::input::is_hidden(c))
            .collect();
        assert_eq!(hidden, [], "{}", r.stdout);
    }
}

/// Found by the review of hostile inputs: a line break in a file name was
/// printed raw by the text summary and by `formats --detect`, though ESC
/// was escaped there, so the name could start a line `::error::…`.
#[test]
fn a_line_break_in_a_file_name_started_a_line() {
    let dir = std::env::temp_dir().join(format!("p2plog-name-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a\n::error::x.log");
    std::fs::copy(crate::util::path("fixtures/pair/tag.log"), &file).unwrap();
    let file = file.to_str().unwrap();
    for args in [["summary", file], ["formats", "--detect"]] {
        let args: Vec<&str> = args
            .into_iter()
            .chain((args[0] == "formats").then_some(file))
            .collect();
        let r = crate::util::run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("a\\n::error::x.log"), "{}", r.stdout);
        assert_eq!(forged(&r.stdout), [] as [&str; 0], "{}", r.stdout);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Found by the review of hostile inputs: `summary --merge` showed the
/// strings of the JSON it read (a kind, a query type, a key, a format id)
/// with their line breaks raw, and a query type with its ESC raw, in text
/// and markdown; a very long name took the text table minutes to lay out.
#[test]
fn strings_read_by_merge_started_lines_and_drove_the_terminal() {
    let r = crate::util::run(&["summary", "--format", "json", "fixtures/pair/tag.log"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut summary: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    summary["queries"][0]["type"] = "\u{1b}[31m\n::error::q".into();
    summary["kinds"][0]["kind"] = "\u{1b}]0;x\u{7}\n::error::k".into();
    summary["top_failing_keys"] = serde_json::json!([{"name": "k\n::error::key", "count": 2}]);
    summary["sources"][0]["formats"] = serde_json::json!({"t\n::error::format\u{1b}[2J": 97});
    // a name longer than p2plog keeps: the table shows its first 256 bytes
    summary["kinds"][1]["kind"] = "K".repeat(100_000).into();
    let dir = std::env::temp_dir().join(format!("p2plog-merge-strings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("s.json");
    std::fs::write(&file, summary.to_string()).unwrap();
    for format in ["text", "markdown"] {
        let r = crate::util::run(&[
            "summary",
            "--merge",
            "--format",
            format,
            file.to_str().unwrap(),
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("::error::q"), "{}", r.stdout);
        assert_eq!(forged(&r.stdout), [] as [&str; 0], "{}", r.stdout);
        assert_eq!(raw_controls(&r.stdout), [], "{}", r.stdout);
        if format == "text" {
            assert!(
                r.stdout.contains(r"t\n::error::format\x1b[2J: 97"),
                "{}",
                r.stdout
            );
            let ks = r.stdout.matches('K').count();
            assert!((256..1000).contains(&ks), "{ks} K");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Found by the review of hostile inputs: clap's usage errors quote the
/// argument, and a line break in it was printed raw.
#[test]
fn a_usage_error_printed_the_argument_s_line_break_raw() {
    let r = crate::util::run(&["summary", "--format", "x\n::error::arg"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("'x\\n::error::arg'"), "{}", r.stderr);
    assert_eq!(forged(&r.stderr), [] as [&str; 0], "{}", r.stderr);
    // the rest of clap's message keeps its lines
    assert!(r.stderr.lines().count() > 2, "{}", r.stderr);
}

/// Found by the review of hostile inputs: `summary --merge` read its input
/// through the log reader, which cuts a line at 1 MiB, so it rejected a
/// valid summary with a longer line (a peer's long error message in a
/// finding), naming a control character that was not there.
#[test]
fn merge_rejected_a_summary_with_a_line_over_a_mib() {
    let r = crate::util::run(&["summary", "--format", "json", "fixtures/lone/tag.log"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut summary: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let long = "x".repeat(2 << 20);
    summary["findings"][0]["text"] = long.clone().into();
    let dir = std::env::temp_dir().join(format!("p2plog-merge-long-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("long.json");
    std::fs::write(&file, serde_json::to_string_pretty(&summary).unwrap()).unwrap();
    let r = crate::util::run(&[
        "summary",
        "--merge",
        "--format",
        "json",
        file.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let merged: Summary = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(merged.findings[0].text, long);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Found by a review of the verdicts: node-0 of the cluster25 log re-dialled
/// node-18 70 ms after their connection closed (node-18 crashed), and from
/// the third refused dial on it said "more than a stale address". What
/// happened: kad keeps a lost peer in its routing table with its last
/// address and dials it again in every lookup. Still actionable when it
/// repeats (the peer may be one of your nodes, down), and said why.
#[test]
fn refused_dials_to_a_peer_that_left_did_not_say_it_had_left() {
    let peer = "PeerId(\"12D3KooWSBo23GoUJPzxP73aexdVNURnjYB7o24f9eSpsVS2KmLx\")";
    let endpoint = "endpoint: Dialer { address: /ip4/127.0.0.1/tcp/26618, role_override: Dialer, port_use: Reuse }";
    let dial = format!("OutgoingConnectionError {{ connection_id: ConnectionId(9), peer_id: Some({peer}), error: Transport([(/ip4/127.0.0.1/tcp/26618/p2p/12D3KooWSBo23GoUJPzxP73aexdVNURnjYB7o24f9eSpsVS2KmLx, Other(Custom {{ kind: Other, error: Other(Left(Left(Left(Os {{ code: 111, kind: ConnectionRefused, message: \"Connection refused\" }})))) }}))]) }}\n");
    let history = format!(
        "ConnectionEstablished {{ peer_id: {peer}, connection_id: ConnectionId(1), {endpoint}, num_established: 1, concurrent_dial_errors: None, established_in: 1ms }}\n\
         ConnectionClosed {{ peer_id: {peer}, connection_id: ConnectionId(1), {endpoint}, num_established: 0, cause: None }}\n"
    );
    let last = |log: String| -> EventJson {
        let r = run_with_stdin(&["scan", "--format", "json"], log.as_bytes());
        assert_eq!(r.code, 0, "{}", r.stderr);
        serde_json::from_str(r.stdout.lines().last().unwrap()).unwrap()
    };
    let left = last(history.clone() + &dial.repeat(3));
    assert_eq!(left.verdict, Verdict::Actionable, "{}", left.explanation);
    assert!(
        left.explanation
            .contains("This node was connected to the peer until line 2")
            && left.explanation.contains("Actionable, as it repeats")
            && !left.explanation.contains("stale address"),
        "{}",
        left.explanation
    );
    let once = last(history + &dial);
    assert_eq!(once.verdict, Verdict::Expected, "{}", once.explanation);
    assert!(
        once.explanation.contains("Expected once"),
        "{}",
        once.explanation
    );
    // never connected: the third refusal is more than a stale address
    let never = last(dial.repeat(3));
    assert_eq!(never.verdict, Verdict::Actionable, "{}", never.explanation);
    assert!(
        never.explanation.contains("stale address"),
        "{}",
        never.explanation
    );
}

/// Found by the review of piped logs: in a `println!("{:#?}")` log, which
/// has no line headers, only the bracket count ended a join, so a bracket
/// in a peer's DNS name (a multiaddr prints it raw) kept it open for the
/// next 5000 lines, and no event in them was explained. `{:#?}` indents
/// every line deeper than the closing bracket: that now ends the join.
#[test]
fn a_peer_s_bracket_in_a_pretty_event_swallowed_the_events_after_it() {
    let pretty = std::fs::read_to_string("fixtures/pair/pretty.log").unwrap();
    let plain: String = pretty
        .lines()
        .map(|l| match l.find("] ") {
            Some(at) if l.starts_with("[2026") => l[at + 2..].trim_start_matches("Swarm event: "),
            _ => l,
        })
        .flat_map(|l| [l, "\n"])
        .collect();
    let addr = "listen_addrs: [/ip4/127.0.0.1/tcp/22500]";
    assert!(plain.contains(addr));
    let forged = plain.replacen(addr, "listen_addrs: [/dns4/x{{(.example/tcp/1]", 1);
    let kinds = |log: &str| -> Vec<String> {
        let r = run_with_stdin(&["scan", "--format", "json"], log.as_bytes());
        (r.stdout.lines())
            .map(|l| serde_json::from_str::<EventJson>(l).unwrap().kind)
            .collect()
    };
    let (want, got) = (kinds(&plain), kinds(&forged));
    assert!(want.len() > 90, "{want:?}");
    assert_eq!(got, want);
}

/// Found with it: a `{:#?}` event cut off in the middle (the node died
/// while printing) joined the header-less lines after it as its own.
#[test]
fn a_pretty_event_cut_off_took_the_next_events_lines() {
    let log = std::fs::read_to_string("fixtures/lone/tag.log").unwrap();
    let line = log.lines().find(|l| l.contains("QuorumFailed")).unwrap();
    let bare = &line[line.find("OutboundQueryProgressed").unwrap()..];
    let text = format!("NewListenAddr {{\n    listener_id: ListenerId(\n{bare}\n{bare}\n");
    let r = run_with_stdin(&["scan", "--format", "json"], text.as_bytes());
    let kinds: Vec<String> = (r.stdout.lines())
        .map(|l| serde_json::from_str::<EventJson>(l).unwrap().kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "unknown.NewListenAddr",
            "kad.PutRecord.QuorumFailed",
            "kad.PutRecord.QuorumFailed"
        ]
    );
}

/// Found by the review of piped logs: with `--events-only`, a line of
/// another container between the lines of a `{:#?}` event emptied the
/// lines kept for it, so only its closing line was shown.
#[test]
fn events_only_lost_the_lines_of_an_event_interleaved_with_another_node() {
    let b_head = "node-b  | [2026-11-24T09:54:59Z INFO  generator] Swarm event: Behaviour(";
    let b_item = "node-b  |         KadNodeEvent: RoutingUpdated { peer: PeerId(\"12D3KooWFL1HuS4qk6V8qANtSCs4xe4ECvCRtZA1LLb6TKoZqPop\"), is_new_peer: true, addresses: [], bucket_range: (Distance(0), Distance(1)), old_peer: None },";
    let b_close = "node-b  |     )";
    let a = |n| format!("node-a  | [2026-11-24T09:55:31Z INFO  generator] starting {n}");
    let log = [
        b_head.to_owned(),
        a(1),
        b_item.to_owned(),
        a(2),
        b_close.to_owned(),
    ]
    .join("\n")
        + "\n";
    let r = run_with_stdin(&["--events-only", "--color", "never"], log.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(&lines[..3], [b_head, b_item, b_close], "{}", r.stdout);
    assert!(
        lines[3].starts_with("  ↳ kad.RoutingUpdated OK"),
        "{}",
        r.stdout
    );
    assert_eq!(lines.len(), 4, "{}", r.stdout);
}

/// Found by the review of piped logs: wrapping counted characters, not
/// columns, so an agent version in Chinese (each character two columns)
/// made lines of 54 columns at 40.
#[test]
fn wide_characters_from_a_peer_overflowed_the_width() {
    let event = identify_with_agent(&"节点 节点 ".repeat(12));
    let log = format!("[SWARM] {event}\n");
    for args in [
        &["explain", "--color", "never"][..],
        &["scan", "--verbose", "--color", "never"][..],
    ] {
        let mut cmd = crate::util::p2plog(args);
        cmd.env("COLUMNS", "40");
        let out = crate::util::output_with_stdin(cmd, log.as_bytes());
        let out = String::from_utf8(out.stdout).unwrap();
        assert!(out.contains("节点"), "{out}");
        let own = out.replace(log.trim_end(), "");
        for line in own.lines() {
            let cols = p2plog::render::cols(line);
            // a single word longer than the width stands alone
            let one_word = !line.trim().contains(' ');
            assert!(cols <= 40 || one_word, "{cols} columns: {line}\n{out}");
        }
    }
}

/// Found by the review of that fix: a `{:#?}` event whose indentation was
/// turned into tabs (`unexpand`) was cut at its second line, a tab counted
/// as one column.
#[test]
fn a_pretty_event_indented_with_tabs_was_cut_at_its_second_line() {
    let event = "NewListenAddr {\n    listener_id: ListenerId(\n\t1,\n    ),\n    address: /ip4/127.0.0.1/tcp/22500,\n}\n";
    let r = run_with_stdin(&["scan", "--format", "json"], event.as_bytes());
    let [e]: [EventJson; 1] = (r.stdout.lines())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect::<Vec<_>>()
        .try_into()
        .unwrap();
    assert_eq!(
        (e.kind.as_str(), e.line, e.end_line),
        ("swarm.NewListenAddr", 1, 6)
    );
}

/// Found by the CI review: `scan --fail-on actionable | head` exited 0
/// after it had written an actionable event, since a closed output ended
/// the run as a quiet success before the exit code was decided. summary
/// and explain did the same when their output was closed before they wrote.
#[test]
fn fail_on_was_lost_when_the_output_closed_early() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    let mut log = std::fs::read("fixtures/lone/tag.log").unwrap();
    for k in 0..200_000 {
        log.extend_from_slice(format!("filler line {k}\n").as_bytes());
    }
    let mut child = crate::util::p2plog(&["scan", "--fail-on", "actionable", "--color", "never"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        // p2plog may stop reading once its output is closed
        let _ = stdin.write_all(&log);
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while stdout.read_line(&mut line).unwrap() > 0 && !line.contains("ACTIONABLE") {
        line.clear();
    }
    assert!(line.contains("ACTIONABLE"), "no actionable event written");
    drop(stdout);
    feeder.join().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(1), "scan");

    let seed = std::fs::read_to_string("tests/data/seed-event.txt").unwrap();
    let summary = [
        "summary",
        "--fail-on",
        "actionable",
        "fixtures/cluster25/tag.log.gz",
    ];
    let explain = ["explain", "--fail-on", "expected", &seed];
    for args in [&summary[..], &explain] {
        let mut child = crate::util::p2plog(args)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        assert_eq!(child.wait().unwrap().code(), Some(1), "{}", args[0]);
    }
}

/// Found by the CLI review: p2plog read its own explanation lines back as
/// events. A saved `node | p2plog | tee run.log`, summarised later, had 2
/// more actionable and 8 unknown events (`Io(Custom {…` inside explanation
/// text); an event pasted into `explain` with its `↳` line was explained
/// twice.
#[test]
fn p2plog_read_its_own_explanations_back_as_events() {
    for log in [
        "fixtures/dial-failures/tracing-compact.log",
        // found by a review: a `↳` head right after a pretty event was
        // taken for the pretty format's blank separator line
        "fixtures/client-mode/tracing-pretty.log",
    ] {
        read_back(log);
    }
    explain_read_back("fixtures/dial-failures/tracing-compact.log");
}

/// A log's summary, and that of its scan read back, have the same totals.
fn read_back(log: &str) {
    let totals = |input: &[u8]| {
        let r = run_with_stdin(&["summary", "--format", "json"], input);
        let s: Summary = serde_json::from_str(&r.stdout).unwrap();
        (s.verdicts, s.kinds, s.sources[0].formats.clone())
    };
    let raw = std::fs::read(crate::util::path(log)).unwrap();
    let (verdicts, kinds, _) = totals(&raw);
    for colour in ["never", "always"] {
        let scanned = crate::util::run(&["--color", colour, log]).stdout;
        let (again, again_kinds, formats) = totals(scanned.as_bytes());
        assert_eq!(
            (&again, &again_kinds),
            (&verdicts, &kinds),
            "--color {colour}"
        );
        let explained = scanned.lines().count() - raw.split(|&b| b == b'\n').count() + 1;
        assert_eq!(
            formats.get("p2plog"),
            Some(&(explained as u64)),
            "{formats:?}"
        );
    }
}

/// An event pasted with its explanation is explained once.
fn explain_read_back(log: &str) {
    let raw = std::fs::read(crate::util::path(log)).unwrap();
    let line = std::str::from_utf8(&raw)
        .unwrap()
        .lines()
        .find(|l| l.contains("dial() failed: NoAddresses"))
        .unwrap();
    let pasted = run_with_stdin(&["--color", "never"], line.as_bytes()).stdout;
    assert!(pasted.lines().count() > 2, "{pasted}");
    let r = run_with_stdin(&["explain", "--format", "json"], pasted.as_bytes());
    let reports: Vec<EventJson> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(reports.len(), 1, "{}", r.stdout);
    assert_eq!(reports[0].kind, "swarm.DialError.NoAddresses");
}

/// Found by the CLI review: `explain` of a paste of `docker compose logs`
/// in which two containers' `{:#?}` events interleave found only one event
/// (it searched the text as pasted), where scan finds both.
#[test]
fn explain_lost_an_event_of_an_interleaved_paste() {
    let r = run_with_stdin(&["explain", "--format", "json"], INTERLEAVED.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut got: Vec<(u64, u64, Option<String>, String)> = r
        .stdout
        .lines()
        .map(|l| {
            let e: EventJson = serde_json::from_str(l).unwrap();
            (e.line, e.end_line, e.node, e.kind)
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            (1, 9, Some("a".into()), "swarm.NewListenAddr".into()),
            (2, 6, Some("b".into()), "kad.ModeChanged".into()),
        ]
    );
}

/// Found by the second review: a `{:#?}` event cut off by the next log
/// line (a container killed mid-write) was reported by scan, as cut off,
/// but lost by explain: searched as one text, its open value swallowed the
/// next line's event. Such pastes are searched record by record now.
#[test]
fn explain_lost_an_event_cut_off_by_the_next_line() {
    let text = "\
2026-11-24T09:55:43.609036Z  INFO swarm{node=a}: generator: NewListenAddr {
    listener_id: ListenerId(1),
    address: /ip4/127.0.0.1/tcp/22600,
2026-11-24T09:55:43.609037Z  INFO swarm{node=b}: generator: Behaviour(KadNodeEvent: ModeChanged { new_mode: Server })
";
    let events = |command: &str| -> Vec<(u64, u64, Option<String>, String)> {
        let r = run_with_stdin(&[command, "--format", "json"], text.as_bytes());
        assert_eq!(r.code, 0, "{}", r.stderr);
        let mut got: Vec<_> = (r.stdout.lines())
            .map(|l| serde_json::from_str::<EventJson>(l).unwrap())
            .map(|e| (e.line, e.end_line, e.node, e.kind))
            .collect();
        got.sort();
        got
    };
    let scan = events("scan");
    assert_eq!(scan.len(), 2, "{scan:?}");
    assert_eq!(events("explain"), scan);
}

/// libp2p's own WARN and ERROR lines, as users pasted them: libp2p-mdns
/// (querymt issue 501). (libp2p-kad's dropped inbound stream, polkadot-sdk
/// issue 8333, was one: field test 4 gave it a pattern; libp2p-gossipsub's
/// `Dial upgrade error Timeout`, from a Fleek Network guide, was the other:
/// gossipsub.log.OutboundStreamTimeout explains it now.)
const LIBP2P_WARNINGS: &str = "\
2026-05-07T12:09:19.051859Z ERROR libp2p_mdns::behaviour::iface: error sending packet on iface address Required key not available (os error 126) address=10.8.0.5
";

#[test]
fn libp2p_warnings_without_a_pattern_were_not_reported() {
    // a summary of a log full of them said "no libp2p event was found"
    let scanned = run_with_stdin(&["scan", "--format", "json"], LIBP2P_WARNINGS.as_bytes());
    let kinds: Vec<(String, Verdict)> = scanned
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<EventJson>(l).unwrap())
        .map(|e| (e.kind, e.verdict))
        .collect();
    let want = |k: &str| (k.to_owned(), Verdict::Unknown);
    assert_eq!(kinds, [want("unknown.log.libp2p_mdns")]);
    let summary = run_with_stdin(
        &["summary", "--fail-on", "unknown"],
        LIBP2P_WARNINGS.as_bytes(),
    );
    assert_eq!(summary.code, 1, "{}", summary.stdout);
    // one that holds a Debug value, which is part of its message, not an
    // event (autonat v2's server, dial_request.rs: `"inbound request handle
    // failed: {:?}", e`): found by the review of this change
    let with_value = "2025-04-08T06:24:27Z  WARN libp2p_autonat::v2::server::handler::dial_request: inbound request handle failed: Io(Custom { kind: UnexpectedEof, error: \"eof\" })\n";
    for args in [
        &["scan", "--format", "json"][..],
        &["explain", "--format", "json"],
    ] {
        let r = run_with_stdin(args, with_value.as_bytes());
        let kinds: Vec<String> = (r.stdout.lines())
            .map(|l| serde_json::from_str::<EventJson>(l).unwrap().kind)
            .collect();
        assert_eq!(kinds, ["unknown.log.libp2p_autonat"], "{args:?}");
    }
    // explain says the same of each line
    for (line, (kind, _)) in LIBP2P_WARNINGS.lines().zip(&kinds) {
        let explained = run_with_stdin(&["explain", "--format", "json"], line.as_bytes());
        let e: EventJson = serde_json::from_str(explained.stdout.trim()).unwrap();
        assert_eq!(&e.kind, kind);
        assert!(e.summary.contains("logged at "), "{}", e.summary);
    }
    // below WARN, such a line is no event, and explain says what it is
    let debug = "[2023-08-30T00:46:02Z DEBUG libp2p_ping::handler] Inbound ping error: Custom { kind: WriteZero, error: \"7474e9b7/85: connection is closed\" }\n";
    assert_eq!(
        run_with_stdin(&["scan", "--format", "json"], debug.as_bytes()).stdout,
        ""
    );
    let explained = run_with_stdin(&["explain"], debug.as_bytes());
    assert_eq!(explained.code, 2);
    assert!(
        explained
            .stderr
            .contains("it is libp2p's own DEBUG line (`libp2p_ping::handler`)"),
        "{}",
        explained.stderr
    );
}

#[test]
fn explain_and_scan_disagreed_on_an_app_crate_named_libp2p_something() {
    // rust-libp2p issue 2122: the app's crate is `libp2p_sandbox`, not
    // libp2p's; its Debug values are the app's, reported by both
    let line = "[2021-07-08T13:47:25Z INFO  libp2p_sandbox] Failed to reach 12D3KooWNiCpQtkSmKHm9FtVCfZUswe4oFzbMyuGQb9ZzuTsMLLA via \"/ip4/10.156.0.36/tcp/2077/p2p/12D3KooWNiCpQtkSmKHm9FtVCfZUswe4oFzbMyuGQb9ZzuTsMLLA\", remaining 3 attempts, cause: Transport(Other(Custom { kind: Other, error: Timeout }))\n";
    let scanned = run_with_stdin(&["scan", "--format", "json"], line.as_bytes());
    let explained = run_with_stdin(&["explain", "--format", "json"], line.as_bytes());
    assert!(!scanned.stdout.is_empty());
    assert_eq!(scanned.stdout, explained.stdout);
}

/// Found by the second review of hostile inputs: Unicode's other
/// default-ignorable characters (a Hangul filler, a variation selector, the
/// combining grapheme joiner, a supplementary variation selector) reached
/// the output raw, so a node name or agent version could look empty or
/// like another.
#[test]
fn default_ignorable_characters_from_a_peer_were_shown_raw() {
    let event = identify_with_agent(r"A\u{3164}B\u{fe00}C\u{34f}D\u{e0100}E\u{115f}F");
    let r = run_with_stdin(&["explain"], event.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let shown = r"A\u{3164}B\u{fe00}C\u{34f}D\u{e0100}E\u{115f}F";
    assert!(r.stdout.contains(shown), "{}", r.stdout);
}

/// Found by the second review of hostile inputs: libp2p prints a multiaddr
/// bare, and a `/dns4/` name a peer advertises may hold any text, brackets
/// too. One that broke identify's event around it had its own text read as
/// an event (a QuorumFailed that failed `--fail-on actionable` on a clean
/// log) or as libp2p's message.
#[test]
fn a_peer_s_address_passed_its_own_text_off_as_an_event() {
    let log = std::fs::read_to_string(crate::util::path("fixtures/pair/tag.log")).unwrap();
    let address = "listen_addrs: [/ip4/127.0.0.1/tcp/22000]";
    assert!(log.contains(address));
    let fake_event = "OutboundQueryProgressed { id: QueryId(77), result: PutRecord(Err(QuorumFailed { key: Key(b\"FAKE\"), success: [], quorum: 1 })), stats: QueryStats { requests: 9, success: 0, failure: 9, start: None, end: None }, step: ProgressStep { count: 1, last: true } }";
    let fake_message = "Failed to trigger bootstrap: No known peers.";
    // a name that breaks the value, and one that closes it exactly (found
    // by the review of the first fix)
    let shapes = [
        |fake: &str| format!("listen_addrs: [/dns4/x }} }}) {fake}/tcp/22000]"),
        |fake: &str| format!("listen_addrs: [/dns4/x] }} }}) {fake} Z[/tcp/22000]"),
        // one that closes it and opens what reads as a tracing span's `{`,
        // then closes that (found by the review of the span fix)
        |fake: &str| format!("listen_addrs: [/dns4/x] }} }}, /dns4/a{{)) }}: {fake} Z[/tcp/22000]"),
    ];
    for (fake, shape) in [fake_event, fake_message]
        .into_iter()
        .flat_map(|f| shapes.map(|s| (f, s)))
    {
        let injected = shape(fake);
        let input = log.replacen(address, &injected, 1);
        let line = input.lines().position(|l| l.contains(fake)).unwrap() as u64 + 1;
        let r = run_with_stdin(&["scan", "--format", "json"], input.as_bytes());
        let on_line: Vec<String> = r
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<EventJson>(l).unwrap())
            .filter(|e| e.line == line)
            .map(|e| e.kind)
            .collect();
        // the broken event may be unknown; the peer's text is no event
        assert!(
            (on_line.iter()).all(|k| k == "identify.Received" || k.starts_with("unknown.")),
            "{injected}: {on_line:?}"
        );
        let clean = run_with_stdin(&["summary", "--fail-on", "actionable"], log.as_bytes());
        let attacked = run_with_stdin(&["summary", "--fail-on", "actionable"], input.as_bytes());
        assert_eq!((clean.code, attacked.code), (0, 0), "{injected}");
    }
}

/// Found by the review of the bracket fix (a value an app writes in
/// brackets, hoprnet's `(ConnectionId(72)): <error>`): a peer's `/dns4/`
/// name in an event the app logged in brackets closed the value, wrote an
/// event, and reopened brackets that the value's own closers balanced, so
/// its text read as the app's own and failed `--fail-on actionable`.
#[test]
fn a_peer_s_address_balanced_the_brackets_an_app_wrote_a_value_in() {
    let name = "a] }) OutgoingConnectionError { connection_id: ConnectionId(1), peer_id: None, \
                error: NoAddresses } ({ {[/dns4/b";
    let line = format!(
        "2024-04-12T07:48:38.442126Z INFO app: got identify (Info {{ public_key: PublicKey {{ \
         publickey: Ed25519(PublicKey(compressed): 7f5f) }}, protocol_version: \"/ipfs/id/1.0.0\", \
         agent_version: \"rust-libp2p/0.47.0\", listen_addrs: [/dns4/{name}, \
         /ip4/192.0.2.2/tcp/41005], protocols: [\"/ipfs/id/1.0.0\"], observed_addr: \
         /ip4/127.0.0.1/tcp/48584, signed_peer_record: None }}) from peer\n"
    );
    let r = run_with_stdin(
        &["scan", "--format", "json", "--fail-on", "actionable"],
        line.as_bytes(),
    );
    let kinds: Vec<String> = (r.stdout.lines())
        .map(|l| serde_json::from_str::<EventJson>(l).unwrap().kind)
        .collect();
    assert!(kinds.iter().all(|k| k.starts_with("unknown.")), "{kinds:?}");
    assert_eq!(r.code, 0, "{kinds:?}");
}

/// The line and kind of each event `p2plog <args>` (a `--format json`
/// scan) finds in `log` on standard input.
fn line_kinds(args: &[&str], log: &str) -> Vec<(u64, String)> {
    let r = run_with_stdin(args, log.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    (r.stdout.lines())
        .map(|l| serde_json::from_str::<EventJson>(l).unwrap())
        .map(|e| (e.line, e.kind))
        .collect()
}

/// Found by a review of real debug logs: the DNS resolver behind
/// libp2p-dns logs its queries with `{:?}` at DEBUG, and each one was an
/// `unknown.Query` event (failing `--fail-on unknown` for any node that
/// dials a `/dns` address). An app's own line with the same value still is.
#[test]
fn dns_resolver_debug_lines_were_unknown_events() {
    let log = "\
2025-04-05T21:43:06.934594Z DEBUG Transport::dial{address=/dnsaddr/boot.example.org}: hickory_resolver::name_server::name_server_pool: sending request: [Query { name: Name(\"a.boot.example.org.\"), query_type: AAAA, query_class: IN }]
2025-04-05T21:43:06.934600Z DEBUG hickory_proto::xfer::dns_exchange: response: Message { id: 1 }
2025-04-05T21:43:06.934700Z DEBUG my_app: got Query { name: Name(\"a.\") }
";
    let kinds = line_kinds(&["scan", "--format", "json"], log);
    assert_eq!(kinds, [(3, "unknown.Query".to_owned())]);
}

/// Found by trying a TRACE-level log: mio, under libp2p-tcp, logs each
/// socket it registers with a `Token(..)` (mio 1.2 poll.rs:576), and each
/// was an `unknown.Token` event in pipe mode and a warning in CI; polling,
/// under async-io, its notifier (polling 3.11 epoll.rs:81). An app's
/// own line with the same value still is.
#[test]
fn runtime_trace_lines_were_unknown_events() {
    let log = "\
2026-11-24T09:56:17.284322Z TRACE mio::poll: registering event source with poller: token=Token(1), interests=READABLE | WRITABLE
2026-11-24T09:56:17.284350Z TRACE polling::epoll: new epoll_fd=3 notifier=EventFd(OwnedFd { fd: 4 })
2026-11-24T09:56:17.284400Z TRACE my_app: polled Token(2)
";
    let kinds = line_kinds(&["scan", "--format", "json"], log);
    assert_eq!(kinds, [(3, "unknown.Token".to_owned())]);
}

/// Found by a review of `node | p2plog`: an app's own line ending in an
/// open bracket (`Starting node with config {`), followed by lines at
/// column 0, started a join that took every later line up to its cap, so
/// no explanation came until the input ended.
#[test]
fn a_plain_line_ending_in_a_bracket_held_back_later_explanations() {
    let log = "\
Starting node with config {
NewListenAddr { listener_id: ListenerId(1), address: /ip4/127.0.0.1/tcp/1 }
NewListenAddr { listener_id: ListenerId(2), address: /ip4/127.0.0.1/tcp/2 }
end
";
    let r = run_with_stdin(&["scan", "--color", "never"], log.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    // each explanation right under its event, before the next line
    for (k, port) in [(1, "tcp/1"), (3, "tcp/2")] {
        assert!(lines[k].starts_with("NewListenAddr"), "{}", r.stdout);
        assert!(
            lines[k + 1].contains("swarm.NewListenAddr") && lines[k + 1].contains(port),
            "{}",
            r.stdout
        );
    }
}

/// Found by a review: since Rust 1.73 a panic's message is on the line
/// after `thread '…' panicked at …:`, and that line's error was reported
/// as an unknown event of its own, the panic saying only where it happened.
#[test]
fn a_panic_message_on_the_next_line_was_an_event_of_its_own() {
    let log = "\
thread 'main' panicked at src/net.rs:42:9:
called `Result::unwrap()` on an `Err` value: Transport(Custom { kind: Other, error: \"x\" })
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace
";
    let r = run_with_stdin(&["scan", "--format", "json"], log.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let events: Vec<EventJson> = (r.stdout.lines())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), 1, "{}", r.stdout);
    let e = &events[0];
    assert_eq!((e.kind.as_str(), e.line, e.end_line), ("app.panic", 1, 2));
    assert!(e.summary.ends_with("Its message: called `Result::unwrap()` on an `Err` value: Transport(Custom { kind: Other, error: \"x\" })"), "{}", e.summary);
}

/// Found by the live review: `cargo run 2>&1 | p2plog` of a node whose
/// build warns: the source line rustc quotes (`7 |         SwarmEvent::
/// ConnectionClosed { .. } => …`) was read as a docker compose line of
/// service `7`, and its code as an unknown `ConnectionClosed` event. The
/// file is rustc 1.95's real output for a two-line crate.
#[test]
fn rustc_s_quoted_source_lines_were_events() {
    let warning = std::fs::read(crate::util::path("tests/data/cargo-warning.txt")).unwrap();
    let r = run_with_stdin(&["scan", "--color", "never"], &warning);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.as_bytes(), &warning[..]);
    // a line number alone (no code after it) and a compose service whose
    // name starts with digits stay what they were
    let compose = "1node  | [2026-11-24T09:56:02Z WARN  generator] dial() failed: NoAddresses\n";
    let r = run_with_stdin(&["scan", "--format", "json"], compose.as_bytes());
    let e: EventJson = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(e.node.as_deref(), Some("1node"));
}

/// Found by the new-user review: a lookup that reached no peer (here a
/// GetClosestPeers whose only peer refused, from the `dial-failures`
/// fixture) said "That is far below kad's 10 s request timeout" without
/// saying what was: its duration was only in `explain`'s timing line, so
/// `scan --verbose` and the JSON `explanation` never gave it.
#[test]
fn a_lookup_that_reached_nobody_said_far_below_without_its_duration() {
    let event = "OutboundQueryProgressed { id: QueryId(0), result: GetClosestPeers(Ok(GetClosestPeersOk { key: [0, 36, 8, 1], peers: [] })), stats: QueryStats { requests: 1, success: 0, failure: 1, start: Some(Instant { tv_sec: 2060, tv_nsec: 802868987 }), end: Some(Instant { tv_sec: 2060, tv_nsec: 804210813 }) }, step: ProgressStep { count: 1, last: true } }\n";
    let r = run_with_stdin(&["scan", "--format", "json"], event.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let e: EventJson = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(e.kind, "kad.GetClosestPeers.Ok");
    assert!(
        e.explanation.contains(
            "It took 1.34 ms (2060.802868987 s → 2060.804210813 s, a Linux/macOS Instant). That is far below"
        ),
        "{}",
        e.explanation
    );
}

/// Found by the new-user review: `explain` of several pasted lines of a
/// docker compose log (or any prefix naming a node and a time) wrote in
/// text neither node nor time, which its JSON gives: explanations of two
/// nodes' events could be told apart only by their line numbers.
#[test]
fn explain_text_did_not_say_which_node_logged_a_pasted_event() {
    let paste = "\
node-1 | 2026-11-24T09:55:58.333784Z  INFO swarm{node=node-1}: generator: NewListenAddr { listener_id: ListenerId(1), address: /ip4/127.0.0.1/tcp/23001 }
node-3 | 2026-11-24T09:55:58.333821Z  INFO swarm{node=node-3}: generator: NewListenAddr { listener_id: ListenerId(1), address: /ip4/127.0.0.1/tcp/23003 }
";
    let r = run_with_stdin(&["explain", "--color", "never"], paste.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let logged: Vec<&str> = (r.stdout.lines())
        .filter(|l| l.starts_with("  logged  "))
        .collect();
    assert_eq!(
        logged,
        [
            "  logged  2026-11-24T09:55:58.333784Z on node-1",
            "  logged  2026-11-24T09:55:58.333821Z on node-3"
        ],
        "{}",
        r.stdout
    );
}

/// Found by the new-user review: in pipe mode the same words ("Could not
/// connect to peer … connection refused.") were EXPECTED at first and
/// ACTIONABLE later, with nothing on the line saying why; only `--verbose`
/// said that it repeated. The brief line now says so when repeats raised
/// the verdict, and only then.
#[test]
fn a_verdict_raised_by_repeats_did_not_say_so_in_pipe_mode() {
    let dial = |n: u32| {
        format!(
            "OutgoingConnectionError {{ connection_id: ConnectionId({n}), peer_id: Some(PeerId(\"12D3KooWBvqXX3n1eVPgqH5HguSSBXxuHtgJwNVKFxATY5b9Crm9\")), error: Transport([(/ip4/127.0.0.1/tcp/26215/p2p/12D3KooWBvqXX3n1eVPgqH5HguSSBXxuHtgJwNVKFxATY5b9Crm9, Other(Custom {{ kind: Other, error: Other(Left(Left(Left(Os {{ code: 111, kind: ConnectionRefused, message: \"Connection refused\" }})))) }}))]) }}\n"
        )
    };
    let log: String = (1..=3).map(dial).collect();
    let r = run_with_stdin(
        &["scan", "--events-only", "--color", "never"],
        log.as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    // each event's brief, its lines joined
    let briefs: Vec<String> = r
        .stdout
        .split("\n  ↳ ")
        .skip(1)
        .map(|b| {
            b.split("\nOutgoing")
                .next()
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(briefs.len(), 3, "{}", r.stdout);
    assert!(
        briefs[0].contains(" EXPECTED ") && !briefs[0].contains("time for"),
        "{}",
        briefs[0]
    );
    assert!(
        briefs[1].contains(" EXPECTED ") && !briefs[1].contains("time for"),
        "{}",
        briefs[1]
    );
    assert!(
        briefs[2].contains(" ACTIONABLE ")
            && briefs[2].ends_with("refused. [3rd time for this peer or address]"),
        "{}",
        briefs[2]
    );
}

/// Found by the review of the `Result` reading (a `Result` an app logged is
/// its value's event): libp2p-kad's own DEBUG line for its hourly
/// replication of a record it holds, `Replicating record failed: {:?}`
/// (libp2p-kad 0.49 behaviour.rs:1796, a `PutRecordContext::Replicate`),
/// became `kad.PutRecord.QuorumFailed`, actionable once the node knew more
/// peers than the replication factor: `summary --fail-on actionable`
/// failed on a log whose app put nothing. In libp2p's own lines a value
/// inside a `Result` is part of the message, as an unknown one is; an
/// app's line with the same value is still its event, and a libp2p WARN
/// line holding only such a value is still reported as one.
#[test]
fn a_result_in_libp2p_s_own_line_was_an_event_of_the_app() {
    let value = "Err(QuorumFailed { key: Key(b\"k\"), success: [], quorum: 20 })";
    let log = format!(
        "\
2026-11-24T09:55:58.333784Z DEBUG libp2p_kad::behaviour: Replicating record failed: {value}
2026-11-24T09:55:58.333800Z  WARN libp2p_kad::behaviour: Some other warning: {value}
2026-11-24T09:55:58.333900Z  INFO my_app: put_record: {value}
"
    );
    let kinds = line_kinds(&["scan", "--peers", "30", "--format", "json"], &log);
    assert_eq!(
        kinds,
        [
            (2, "unknown.log.libp2p_kad".to_owned()),
            (3, "kad.PutRecord.QuorumFailed".to_owned())
        ]
    );
    // the DEBUG line alone fails no CI run
    let debug = log.lines().next().unwrap();
    let r = run_with_stdin(
        &["summary", "--peers", "30", "--fail-on", "actionable"],
        debug.as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
}

/// Found by the new-user review: a dial's one-line summary named its peer
/// and then gave the address with the whole id again (`/p2p/12D3KooW…` in
/// 52 characters), past an 80-column terminal. Pipe mode's line and the
/// summary's findings shorten an id they have named; the JSON, for tools,
/// keeps it whole (found by the review of a first fix that shortened it
/// everywhere).
#[test]
fn an_address_repeated_the_whole_peer_id_past_the_width() {
    let log = "fixtures/dial-failures/tracing-compact.log";
    let id = "12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8";
    let short = "/ip4/127.0.0.1/tcp/24352/p2p/12D3KooW…QXui8: connection refused.";
    let scan = run(&["scan", "--color", "never", log]);
    assert!(
        scan.stdout.contains(&format!("    {short}\n")),
        "{}",
        scan.stdout
    );
    let summary = run(&["summary", "--color", "never", log]);
    assert!(
        summary.stdout.contains("/p2p/12D3KooW…QXui8: connection"),
        "{}",
        summary.stdout
    );
    let json = run(&["scan", "--format", "json", log]);
    let whole = format!("/ip4/127.0.0.1/tcp/24352/p2p/{id}: connection refused.");
    assert!(json.stdout.contains(&whole), "{}", json.stdout);
    assert!(!json.stdout.contains("/p2p/12D3KooW…"), "{}", json.stdout);
}

/// Found by the audit of the explanations against libp2p 0.57: the catalog
/// said a node that only dials often has nothing for AutoNAT to test even
/// after a peer reported an observed address. With no listen address,
/// identify passes the observed address on as a candidate unchanged
/// (libp2p-identify 0.48 behaviour.rs `emit_new_external_addr_candidate_event`)
/// and AutoNAT v1 probes every candidate (libp2p-autonat 0.16 v1/behaviour.rs,
/// `NewExternalAddrCandidate` → `probe_address`).
#[test]
fn a_dial_only_node_was_said_to_have_nothing_to_test_after_identify() {
    let r = run(&["catalog", "autonat.OutboundProbe.Error.NoAddresses"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("often not then either"), "{}", r.stdout);
    assert!(r.stdout.contains("the next probe tests it"), "{}", r.stdout);
}

/// Found by the audit of the explanations against libp2p 0.57: the catalog
/// called the rendezvous server of libp2p-rendezvous 0.18 (libp2p 0.57) "a
/// libp2p 0.18 server", a libp2p release of 2020.
#[test]
fn a_rendezvous_crate_version_was_called_a_libp2p_version() {
    let r = run(&["catalog", "rendezvous.RegisterFailed"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("A libp2p 0.18"), "{}", r.stdout);
    assert!(
        r.stdout.contains("A libp2p-rendezvous 0.18\nserver"),
        "{}",
        r.stdout
    );
}

/// Found by the audit of the explanations against libp2p 0.57: the catalog
/// said an identify `Timeout` is actionable "when every peer times out",
/// while its verdict (`Context::expected_once`, the words of `explain`) is
/// actionable when it repeats for the same peer, as for the other identify
/// errors.
#[test]
fn an_identify_timeout_catalog_stated_another_rule_than_its_verdict() {
    let r = run(&["catalog", "identify.Error.Timeout"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stdout.contains("actionable when every peer times out"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("Expected once; actionable when it repeats for the same peer."),
        "{}",
        r.stdout
    );
}

/// Found by the audit of the explanations against libp2p 0.57: a DCUtR
/// `Protocol(NoAddresses)` was said to mean the peer had learned none of its
/// own external addresses. DCUtR sends only the address candidates identify
/// reported (libp2p-dcutr 0.15 behaviour.rs, `NewExternalAddrCandidate`),
/// never confirmed addresses, so a peer with a confirmed address sends none
/// as well.
#[test]
fn dcutr_no_addresses_was_said_to_mean_no_external_address() {
    let event = r#"Behaviour(NodeEvent: Event { remote_peer_id: PeerId("12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq"), result: Err(Error { inner: OutboundError(Protocol(NoAddresses)) }) })"#;
    let explained = run(&["explain", "--format", "json", event]);
    assert_eq!(explained.code, 0, "{}", explained.stderr);
    for text in [
        explained.stdout,
        run(&["catalog", "dcutr.Error.OutboundError"]).stdout,
    ] {
        assert!(
            !text.contains("none of its own external addresses"),
            "{text}"
        );
        assert!(text.contains("not addresses already confirmed"), "{text}");
    }
}

/// Found by a field test: an app that logs the `error` of AutoNAT v1's
/// `OutboundProbe(Error { probe_id, peer, error })` alone
/// (`OutboundRequest(Timeout)`) read as `unknown.OutboundRequest`. Its
/// variant and the request-response failure inside it name AutoNAT's
/// probe errors and no other libp2p type (libp2p-autonat 0.16
/// v1/behaviour/as_client.rs:43-55, as_server.rs:43-48).
#[test]
fn autonat_s_probe_error_logged_alone_was_unknown() {
    for (text, kind, says) in [
        (
            "AutoNAT probe failed: OutboundRequest(Timeout)",
            "autonat.OutboundProbe.Error.OutboundRequest",
            "The AutoNAT probe request to the server (the line names none) failed (Timeout).",
        ),
        (
            "OutboundRequest(Io(Custom { kind: UnexpectedEof, error: \"eof\" }))",
            "autonat.OutboundProbe.Error.OutboundRequest",
            "failed (Io)",
        ),
        (
            "InboundRequest(ResponseOmission)",
            "autonat.InboundProbe.Error.InboundRequest",
            "a client (the line names none)",
        ),
    ] {
        let r = run(&["explain", "--format", "json", text]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let e: EventJson = serde_json::from_str(r.stdout.trim()).unwrap();
        assert_eq!(
            (e.kind.as_str(), e.verdict),
            (kind, Verdict::Expected),
            "{text}"
        );
        assert!(e.summary.contains(says), "{}", e.summary);
    }
    // a failure no request-response direction has stays unknown
    let r = run(&[
        "explain",
        "--format",
        "json",
        "OutboundRequest(ResponseOmission)",
    ]);
    let e: EventJson = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(e.kind, "unknown.OutboundRequest");
}

/// Found by a field test: a `ConnectionClosed` cause an app logged alone,
/// `cause: Some(IO(Custom { .. }))` or `IO(Kind(BrokenPipe))`, read as
/// `unknown.IO`. `IO(io::Error)` is libp2p's `ConnectionError::IO`, the
/// only such variant in libp2p 0.52 to 0.57 (libp2p-swarm 0.47
/// connection/error.rs:30); an app's own `IO(..)` of a file error stays
/// unknown unless the line says it is a connection's.
#[test]
fn a_connection_closed_cause_logged_alone_was_unknown() {
    let kind = |text: &str| {
        let r = run(&["explain", "--format", "json", text]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let e: EventJson = serde_json::from_str(r.stdout.trim()).unwrap();
        (e.kind, e.verdict, e.summary)
    };
    for (text, says) in [
        (
            "cause: Some(IO(Custom { kind: Other, error: Connection(ConnectionReset) }))",
            "closed: `ConnectionReset`",
        ),
        ("IO(Kind(BrokenPipe))", "the remote hung up (broken pipe)"),
        // std prints an io::Error made from a constant message so
        // (found by the audit: the name `SimpleMessage` never shows)
        (
            "Connection closed: IO(Error { kind: BrokenPipe, message: \"connection closed by peer\" })",
            "the remote hung up (broken pipe)",
        ),
        (
            "connection closed: IO(Os { code: 2, kind: NotFound, message: \"No such file or directory\" })",
            "I/O error `NotFound`",
        ),
    ] {
        let (k, verdict, summary) = kind(text);
        assert_eq!((k.as_str(), verdict), ("swarm.ConnectionClosed.IO", Verdict::Expected), "{text}");
        assert!(summary.starts_with("The connection to an unknown peer closed"), "{summary}");
        assert!(summary.contains(says), "{summary}");
    }
    // an app's own io error, with nothing about a connection
    let (k, ..) =
        kind("IO(Os { code: 2, kind: NotFound, message: \"No such file or directory\" })");
    assert_eq!(k, "unknown.IO");
}
