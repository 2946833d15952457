//! Hostile and odd input end to end, through `p2plog scan`, `summary` and
//! `explain`: what input + format already handle (tests/inputs.rs,
//! src/input/tests.rs, src/format/tests.rs) is checked here at the command
//! line, as a user meets it. Bugs these found have their tests in
//! `regression`. The inputs are real fixture lines, cut or padded.

use std::io::{Read, Write};
use std::process::Stdio;

use p2plog::input::MAX_LINE;
use p2plog::render::json::EventJson;
use p2plog::summary::Summary;

use crate::util::{errors, output_with_stdin, p2plog, path, run, run_with_stdin, Run};

/// A real `QuorumFailed` line (tag format).
fn quorum_failed() -> String {
    let log = std::fs::read_to_string(path("fixtures/lone/tag.log")).unwrap();
    log.lines()
        .find(|l| l.contains("QuorumFailed"))
        .unwrap()
        .to_owned()
}

/// The lines p2plog passed through: all but its explanations, which are
/// one line each in [`scan`]'s output.
fn passed_through(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| !l.starts_with("  ↳ ")).collect()
}

fn explanations(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| l.starts_with("  ↳ ")).collect()
}

/// `p2plog scan` of `input`, so wide that each explanation is one line.
fn scan(input: &[u8]) -> Run {
    let mut cmd = p2plog(&["scan", "--color", "never"]);
    cmd.env("COLUMNS", "1000000");
    let r: Run = output_with_stdin(cmd, input).into();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(errors(&r.stderr).is_empty(), "{}", r.stderr);
    r
}

fn summary_json(input: &[u8]) -> Summary {
    let r = run_with_stdin(&["summary", "--format", "json"], input);
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

/// The raw output of `p2plog scan <extra>` on `input`.
fn scan_bytes(extra: &[&str], input: &[u8]) -> Vec<u8> {
    let mut args = vec!["scan", "--color", "never"];
    args.extend_from_slice(extra);
    let out = output_with_stdin(p2plog(&args), input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A deterministic byte generator (xorshift), so a failure can be replayed.
fn random_bytes(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

/// A last line without a newline is passed through with one added, once, so
/// that the explanation under it, or the next file, starts on a line of its own.
#[test]
fn a_last_line_without_newline_is_ended_once_before_its_explanation() {
    let event = quorum_failed();
    let r = scan(event.as_bytes());
    let (first, rest) = r.stdout.split_once('\n').unwrap();
    assert_eq!(first, event);
    assert!(rest.starts_with("  ↳ kad.PutRecord.QuorumFailed"), "{rest}");
    assert!(rest.ends_with('\n') && !rest.contains("\n\n"), "{rest:?}");
    let r = scan(b"no event, no newline");
    assert_eq!(r.stdout, "no event, no newline\n");
    let s = summary_json(event.as_bytes());
    assert_eq!((s.lines, s.events), (1, 1));
}

#[test]
fn an_empty_file_gives_empty_output_and_an_empty_summary() {
    let r = scan(b"");
    assert_eq!(r.stdout, "");
    let r = run_with_stdin(&["scan", "--format", "json"], b"");
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    let s = summary_json(b"");
    assert_eq!((s.lines, s.events, s.findings.len()), (0, 0, 0));
    let r = run_with_stdin(&["summary", "--color", "never"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("0 lines, 0 events"), "{}", r.stdout);
}

/// A million levels of nesting, on one line (cut at the line cap) and over
/// two million lines of a `{:#?}` event: no stack overflow, every line
/// passed through, the next event still explained.
#[test]
fn a_million_levels_of_nesting_neither_overflow_nor_swallow_the_next_event() {
    const DEPTH: usize = 1_000_000;
    let event = quorum_failed();
    let one_line = format!(
        "[DHT] [EVENT] {}{}\n{}{}\n{event}\n",
        "Some(".repeat(DEPTH),
        ")".repeat(DEPTH),
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    let many_lines = format!(
        "[2026-11-24T09:55:31Z INFO  generator] Swarm event: NewListenAddr {{\n{}{}    }}\n{event}\n",
        "        Some(\n".repeat(DEPTH),
        "        )\n".repeat(DEPTH)
    );
    for input in [&one_line, &many_lines] {
        let r = scan(input.as_bytes());
        let passed = passed_through(&r.stdout);
        assert_eq!(passed.len(), input.lines().count());
        assert!(passed == input.lines().collect::<Vec<_>>(), "lines changed");
        let last = explanations(&r.stdout);
        assert!(
            last.last()
                .is_some_and(|l| l.contains("kad.PutRecord.QuorumFailed")),
            "{last:?}"
        );
        let s = summary_json(input.as_bytes());
        assert_eq!(s.lines, input.lines().count() as u64);
    }
    let r = run_with_stdin(&["explain", "--format", "json"], one_line.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("kad.PutRecord.QuorumFailed"));
    // 24 MB of text: explain keeps its first 16 MiB and says so
    let r = run_with_stdin(&["explain", "--format", "json"], many_lines.as_bytes());
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("standard input holds more than 16777216 bytes of text"),
        "{}",
        r.stderr
    );
}

/// Random bytes (no `(` or `{`, so nothing can be an event): scan writes
/// them back byte for byte, and the summary counts their lines.
#[test]
fn random_binary_passes_through_byte_for_byte() {
    let mut bytes = random_bytes(1 << 20, 0x2545_f491_4f6c_dd1d);
    for b in &mut bytes {
        if matches!(*b, b'(' | b'{') {
            *b = b'?';
        }
    }
    bytes.push(b'\n');
    assert!(
        scan_bytes(&[], &bytes) == bytes,
        "the bytes came out changed"
    );
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
    assert_eq!(summary_json(&bytes).lines, lines);
}

/// Invalid UTF-8 and NUL bytes around and inside a real event: the line is
/// passed through as read, the event is still explained, the summary counts it.
#[test]
fn invalid_utf8_and_nul_bytes_are_passed_through_and_the_event_explained() {
    let event = quorum_failed();
    let mut input = b"\xff\xfe\x00 before \xc3\x28\n".to_vec();
    input.extend_from_slice(b"\x00\x00");
    input.extend_from_slice(event.as_bytes());
    input.extend_from_slice(b" \x80\x00\xbf trailing\n");
    let key = event.find("shard/1").unwrap();
    let mut inside = event.clone().into_bytes();
    inside.splice(key..key, *b"\x00\xff");
    input.extend_from_slice(&inside);
    input.push(b'\n');
    let json = run_with_stdin(&["scan", "--format", "json"], &input);
    let events: Vec<EventJson> = json
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<(u64, &str)> = events.iter().map(|e| (e.line, e.kind.as_str())).collect();
    assert_eq!(
        got,
        [
            (2, "kad.PutRecord.QuorumFailed"),
            (3, "kad.PutRecord.QuorumFailed")
        ]
    );
    // the key with a NUL and a bad byte is shown escaped or as hex, never raw
    assert!(crate::util::raw_controls(&json.stdout).is_empty());
    // byte for byte, with the explanations of these events left out
    let out = scan_bytes(&["--only", "unknown"], &input);
    assert!(out == input, "the bytes came out changed");
    assert_eq!(
        (summary_json(&input).lines, summary_json(&input).events),
        (3, 2)
    );
}

/// CRLF line endings: every line passes through with its `\r\n`, and the
/// events and verdicts are those of the LF file.
#[test]
fn crlf_lines_pass_through_with_their_endings_and_explain_the_same() {
    let lf = std::fs::read_to_string(path("fixtures/pair/pretty.log")).unwrap();
    let crlf = lf.replace('\n', "\r\n");
    let r = scan(crlf.as_bytes());
    let passed: Vec<&str> = r
        .stdout
        .split_inclusive('\n')
        .filter(|l| !l.starts_with("  ↳ "))
        .collect();
    assert_eq!(passed.concat(), crlf, "lines changed");
    let json = |input: &str| -> Vec<(u64, u64, String, String)> {
        let r = run_with_stdin(&["scan", "--format", "json"], input.as_bytes());
        r.stdout
            .lines()
            .map(|l| serde_json::from_str::<EventJson>(l).unwrap())
            .map(|e| (e.line, e.end_line, e.kind, e.verdict.as_str().to_owned()))
            .collect()
    };
    let (a, b) = (json(&lf), json(&crlf));
    assert!(a.len() > 10);
    assert_eq!(a, b);
    assert_eq!(
        summary_json(crlf.as_bytes()).lines,
        lf.lines().count() as u64
    );
}

/// A `{:#?}` event that never closes, in a file with headers and in one
/// without: it ends at the next header, or after a bounded number of lines,
/// every line is passed through and the events after it are explained.
#[test]
fn an_event_that_never_closes_does_not_swallow_the_rest_of_the_file() {
    let whole = std::fs::read_to_string(path("fixtures/pair/pretty.log")).unwrap();
    let lines: Vec<&str> = whole.lines().collect();
    let close = lines.iter().position(|l| *l == "    }").unwrap();
    let mut cut = lines.clone();
    cut.remove(close);
    let cut = cut.join("\n") + "\n";
    let explained = |input: &str| {
        let r = scan(input.as_bytes());
        assert!(passed_through(&r.stdout) == input.lines().collect::<Vec<_>>());
        // kind and verdict (the peer counts name lines, shifted by the cut)
        explanations(&r.stdout)
            .iter()
            .map(|l| l.split(' ').take(5).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
    };
    // the events after the cut are all explained as before
    let (cut, whole) = (explained(&cut), explained(&whole));
    let after = whole.len() - 10;
    assert!(cut.len() >= whole.len() - 1);
    assert_eq!(cut[cut.len() - after..], whole[whole.len() - after..]);

    // no headers at all: a join ends after MAX_JOINED_LINES lines
    let event = quorum_failed();
    let filler = "field: 1,\n".repeat(p2plog::format::MAX_JOINED_LINES as usize + 10);
    let plain = format!("Event {{\n{filler}{event}\n");
    let r = scan(plain.as_bytes());
    assert_eq!(passed_through(&r.stdout).len(), plain.lines().count());
    assert!(explanations(&r.stdout)
        .iter()
        .any(|l| l.contains("kad.PutRecord.QuorumFailed")));
    assert_eq!(
        summary_json(plain.as_bytes()).lines,
        plain.lines().count() as u64
    );
}

/// The peak memory (`VmHWM`, kB) of a running process.
#[cfg(target_os = "linux")]
fn peak_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Runs `p2plog <args>`, feeding it `event`, a space and `size` bytes of
/// `x`, a newline and `event` again; returns the peak memory (kB) measured
/// once all input is written, the lengths of the output lines, and the
/// output without the long line.
#[cfg(target_os = "linux")]
fn feed_long_line(args: &[&str], event: &str, size: usize) -> (u64, Vec<usize>, String) {
    let mut child = p2plog(args)
        .env("COLUMNS", "1000000")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let (mut lengths, mut short, mut len) = (Vec::new(), Vec::new(), 0usize);
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = stdout.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            for &b in &buf[..n] {
                if b == b'\n' {
                    lengths.push(len);
                    len = 0;
                } else {
                    len += 1;
                }
                if len < 1000 {
                    short.push(b);
                }
            }
        }
        (lengths, String::from_utf8_lossy(&short).into_owned())
    });
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(event.as_bytes()).unwrap();
    stdin.write_all(b" ").unwrap();
    let chunk = vec![b'x'; 1 << 20];
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len());
        stdin.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
    stdin.write_all(format!("\n{event}\n").as_bytes()).unwrap();
    let (peak, _) = peak_then_finish(child, stdin);
    let (lengths, short) = reader.join().unwrap();
    (peak, lengths, short)
}

/// Once everything is written to `stdin`, the peak memory (kB) of `child`,
/// then its output when it finished (successfully) without more input.
#[cfg(target_os = "linux")]
fn peak_then_finish(
    child: std::process::Child,
    mut stdin: std::process::ChildStdin,
) -> (u64, std::process::Output) {
    stdin.flush().unwrap();
    // all but a pipe buffer is read: the peak so far is the peak
    std::thread::sleep(std::time::Duration::from_millis(300));
    let peak = peak_kb(child.id());
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (peak, out)
}

/// A line of 100 MB: scan passes it through whole and explains its event
/// with a "line truncated at N bytes" marker; the summary says which line
/// was cut; p2plog's memory stays a small fraction of the line.
#[cfg(target_os = "linux")]
#[test]
fn a_100_mb_line_passes_through_whole_in_bounded_memory() {
    const SIZE: usize = 100 * 1024 * 1024;
    const BOUND_KB: u64 = 64 * 1024;
    let event = quorum_failed();
    let (peak, lengths, short) = feed_long_line(&["scan", "--color", "never"], &event, SIZE);
    assert!(peak < BOUND_KB, "scan peaked at {peak} kB");
    assert_eq!(
        lengths[0],
        event.len() + 1 + SIZE,
        "the long line was changed"
    );
    let cut = format!("[line truncated at {MAX_LINE} bytes]");
    let brief = short.split(&cut).count() - 1;
    assert_eq!(brief, 1, "one marker, under the long line: {short}");
    assert_eq!(passed_through(&short).len(), 2, "{short}");

    let (peak, _, short) = feed_long_line(&["summary", "--color", "never"], &event, SIZE);
    assert!(peak < BOUND_KB, "summary peaked at {peak} kB");
    assert!(
        short.contains(&format!(
            "1 line truncated at {MAX_LINE} bytes for parsing (line 1)"
        )),
        "{short}"
    );
}

/// The marker in every output that explains an event of a cut line, with
/// a line a little over the cap.
#[test]
fn a_cut_line_is_marked_in_json_explain_and_every_summary_format() {
    let event = quorum_failed();
    let input = format!("{event} {}\n{event}\n", "x".repeat(2 * MAX_LINE));
    let json = run_with_stdin(&["scan", "--format", "json"], input.as_bytes());
    let events: Vec<EventJson> = json
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let cut: Vec<Option<u64>> = events.iter().map(|e| e.truncated_at).collect();
    assert_eq!(cut, [Some(MAX_LINE as u64), None]);
    assert!(!json.stdout.lines().nth(1).unwrap().contains("truncated_at"));

    let r = run_with_stdin(&["explain", "--color", "never"], input.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let marker = format!(
        "line truncated at {MAX_LINE} bytes (of {}): only its start was parsed",
        event.len() + 2 + 2 * MAX_LINE
    );
    assert_eq!(r.stdout.matches(&marker).count(), 1, "{}", r.stdout);

    let s = summary_json(input.as_bytes());
    let t = s.sources[0].truncated.as_ref().unwrap();
    assert_eq!(
        (t.count, t.at_bytes, t.lines.as_slice()),
        (1, MAX_LINE as u64, &[1][..])
    );
    for format in ["markdown", "github"] {
        let r = run_with_stdin(&["summary", "--format", format], input.as_bytes());
        assert!(
            r.stdout.contains(&format!(
                "1 line truncated at {MAX_LINE} bytes for parsing (line 1)"
            )),
            "{format}: {}",
            r.stdout
        );
    }
    // nothing cut, nothing said
    let r = run(&["summary", "fixtures/lone/tag.log", "--format", "json"]);
    assert!(!r.stdout.contains("truncated"), "{}", r.stdout);
}

/// A log whose every line names a new type, or comes from a new docker
/// compose service, keeps the summary (and memory) bounded: past the caps
/// the rest are counted under one kind, or kept in one shared view, and the
/// totals still add up. (Peak memory is measured by benches/throughput.sh:
/// 200 000 of either stay under 32 MB.)
#[test]
fn a_new_kind_or_node_on_every_line_is_counted_within_bounds() {
    use p2plog::state::{MAX_NODES, MORE_NODES};
    use p2plog::summary::{MAX_KINDS, MORE_KINDS};
    let n = MAX_KINDS + 500;
    let mut kinds: String = (0..n)
        .map(|i| format!("[APP] Thing{i} {{ a: {i} }}\n"))
        .collect();
    // known kinds after the cap still count as themselves
    kinds +=
        "[SWARM] NewListenAddr { listener_id: ListenerId(1), address: /ip4/127.0.0.1/tcp/1 }\n";
    let s = summary_json(kinds.as_bytes());
    assert_eq!((s.events, s.kinds.len()), (n as u64 + 1, MAX_KINDS + 2));
    let more = s.kinds.iter().find(|k| k.kind == MORE_KINDS).unwrap();
    assert_eq!(more.verdicts.unknown, 500);
    assert!(s.kinds.iter().any(|k| k.kind == "swarm.NewListenAddr"));
    // every node's first connection to the same peer: no sign of mixed
    // nodes, though the nodes past the cap share one view
    let n = MAX_NODES + 500;
    let nodes: String = (0..n)
        .map(|i| format!("node-{i} | [SWARM] ConnectionEstablished {{ peer_id: PeerId(\"12D3KooWDQC3CsUTjqC9hn6mtouqisPzphVTym8sdRhaVkL6xzrH\"), connection_id: ConnectionId({i}), endpoint: Listener {{ local_addr: /ip4/127.0.0.1/tcp/1, send_back_addr: /ip4/127.0.0.1/tcp/2 }}, num_established: 1, concurrent_dial_errors: None, established_in: 1ms }}\n"))
        .collect();
    let s = summary_json(nodes.as_bytes());
    assert_eq!((s.events, s.nodes.len()), (n as u64, MAX_NODES + 1));
    assert!(s.nodes.iter().any(|name| name == MORE_NODES));
    assert_eq!(s.mixed_nodes, []);
    let text = run_with_stdin(&["summary", "-"], nodes.as_bytes()).stdout;
    assert!(
        text.contains(&format!(" events, more than {MAX_NODES} nodes")),
        "{text}"
    );
}

/// The peak memory (kB) of `summary --format <format>` over `log`, read
/// from standard input, and its output.
#[cfg(target_os = "linux")]
fn summary_peak(format: &str, log: &str) -> (u64, std::process::Output) {
    let mut child = p2plog(&["summary", "--format", format, "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(log.as_bytes()).unwrap();
    peak_then_finish(child, stdin)
}

/// Each kind's finding groups were kept as four whole groups, one per
/// verdict, inline in a hash map: with its empty slots, 2048 unknown kinds
/// took 10.5 MB more than one kind (now 5 MB, most of it the allocator's),
/// and a hostile log of new type names peaked at 37 MB. A group is now made
/// only for a verdict that was seen.
#[cfg(target_os = "linux")]
#[test]
fn every_new_kind_kept_four_finding_groups() {
    use p2plog::summary::MAX_KINDS;
    let pad = "X".repeat(200);
    let lines = |kind: &dyn Fn(usize) -> usize| -> String {
        (0..MAX_KINDS)
            .map(|i| format!("[APP] K{}{pad} {{ a: 1 }}\n", kind(i)))
            .collect()
    };
    let one = summary_peak("json", &lines(&|_| 0)).0;
    let many = summary_peak("json", &lines(&|i| i)).0;
    assert!(
        many < one + 8 * 1024,
        "{MAX_KINDS} kinds peaked at {many} kB, one kind at {one} kB"
    );
}

/// Found by a review: `--merge` kept every kind of every summary, so 30
/// summaries of 2100 new type names each gave 61 441 kinds (one summary of
/// the 30 logs: 2049) and took 5 s, searching lists. Kinds and nodes are now
/// capped as in one summary.
#[test]
fn merge_kept_every_kind_past_the_cap() {
    use p2plog::summary::{MAX_KINDS, MORE_KINDS};
    let dir = std::env::temp_dir().join(format!("p2plog-merge-cap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let n = MAX_KINDS + 52;
    let mut files = Vec::new();
    for machine in 0..3 {
        let log: String = (0..n)
            .map(|i| format!("m{machine} | [APP] M{machine}K{i} {{ a: 1 }}\n"))
            .collect();
        let r = run_with_stdin(&["summary", "--format", "json"], log.as_bytes());
        let file = dir.join(format!("{machine}.json"));
        std::fs::write(&file, r.stdout).unwrap();
        files.push(file.to_str().unwrap().to_owned());
    }
    let mut args = vec!["summary", "--format", "json", "--merge"];
    args.extend(files.iter().map(String::as_str));
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s: Summary = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(s.kinds.len(), MAX_KINDS + 1);
    assert_eq!(s.unknown_kinds.len(), MAX_KINDS + 1);
    let more = s.kinds.iter().find(|k| k.kind == MORE_KINDS).unwrap();
    assert_eq!(more.verdicts.unknown, 3 * n as u64 - MAX_KINDS as u64);
    assert_eq!(s.verdicts.unknown, 3 * n as u64);
    assert_eq!(s.nodes, ["m0", "m1", "m2"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Found by the review of hostile inputs: the caps bounded how many kinds,
/// keys and peers a summary keeps, not how long each is, so 2000 type names
/// of 200 KB took 3 GB, and the text table took 269 s to lay out one of
/// 1 MB. Names past [`NAME_BYTES`] are now clipped (with `…`) wherever they
/// are kept: the summary, the per-node views, the table.
#[cfg(target_os = "linux")]
#[test]
fn long_names_are_clipped_and_kept_in_bounded_memory() {
    use p2plog::input::NAME_BYTES;
    const EACH: usize = 400 * 1024;
    const BOUND_KB: u64 = 64 * 1024;
    let pad = "X".repeat(EACH);
    let mut log = String::new();
    for i in 0..48 {
        log += &format!("[APP] K{i}{pad} {{ a: 1 }}\n");
        log += &format!("[DHT] [EVENT] OutboundQueryProgressed {{ id: QueryId({i}), result: PutRecord(Err(QuorumFailed {{ key: Key(b\"/key/{i}/{pad}\"), success: [], quorum: 3 }})), stats: QueryStats {{ requests: 5, success: 0, failure: 5, start: None, end: None }}, step: ProgressStep {{ count: 1, last: true }} }}\n");
        log += &format!("[DHT] [EVENT] RoutingUpdated {{ peer: PeerId(\"12D3KooW{i}{pad}\"), is_new_peer: true, addresses: [], bucket_range: (Distance(1), Distance(2)), old_peer: None }}\n");
    }
    for format in ["json", "text"] {
        let (peak, out) = summary_peak(format, &log);
        assert!(peak < BOUND_KB, "{format}: peak {peak} kB");
        let stdout = String::from_utf8(out.stdout).unwrap();
        if format == "text" {
            assert!(stdout.contains("XXX…"), "{stdout}");
            continue;
        }
        let s: Summary = serde_json::from_str(&stdout).unwrap();
        let clipped = |name: &str| name.len() <= NAME_BYTES + '…'.len_utf8();
        let kinds: Vec<&str> = s.kinds.iter().map(|k| k.kind.as_str()).collect();
        assert_eq!(kinds.len(), 50);
        let keys: Vec<&str> = s.top_failing_keys.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(keys.len(), 10);
        for name in kinds.iter().chain(&keys) {
            assert!(clipped(name), "{} bytes: {}…", name.len(), &name[..40]);
        }
        assert!(kinds
            .iter()
            .any(|k| k.starts_with("unknown.K0XXX") && k.ends_with('…')));
        assert!(s
            .findings
            .iter()
            .all(|f| f.text.len() < 4 * NAME_BYTES + 2048));
        // the view's routing table counts 48 peers however long their ids
        let dht = s.peers.iter().find(|t| t.source == "dht").unwrap();
        assert_eq!(dht.buckets.last().unwrap().max, 48);
    }
}

/// Found by the code review: a closed connection's cause can be a peer's own
/// error message, and each distinct one was a finding of its own (200 000
/// lines with `error: "boom N"` took 665 MB and gave 200 000 findings).
#[test]
fn a_new_error_message_on_every_line_keeps_the_findings_few() {
    use p2plog::summary::{CAUSES_PER_KIND, OTHER_CAUSES};
    let n = CAUSES_PER_KIND + 40;
    let log: String = (0..n)
        .map(|k| {
            format!(
                "[SWARM] ConnectionClosed {{ peer_id: PeerId(\"12D3KooWDQC3CsUTjqC9hn6mtouqisPzphVTym8sdRhaVkL6xzrH\"), connection_id: ConnectionId({k}), endpoint: Dialer {{ address: /ip4/127.0.0.1/tcp/4001, role_override: Dialer, port_use: Reuse }}, num_established: 0, cause: Some(IO(Custom {{ kind: Other, error: \"boom {k}\" }})) }}\n"
            )
        })
        .collect();
    let s = summary_json(log.as_bytes());
    let closed: Vec<_> = (s.findings.iter())
        .filter(|f| f.kind == "swarm.ConnectionClosed.IO")
        .collect();
    assert_eq!(closed.iter().map(|f| f.count).sum::<u64>(), n as u64);
    assert_eq!(closed.len(), CAUSES_PER_KIND + 1, "{closed:#?}");
    let other = (closed.iter())
        .find(|f| f.cause.as_deref() == Some(OTHER_CAUSES))
        .expect("the rest share one finding");
    assert_eq!(other.count, 40);
    assert!(
        other
            .text
            .starts_with("swarm.ConnectionClosed.IO (other causes) 40 times"),
        "{}",
        other.text
    );
}

/// Found by the code review: 2048 distinct peer messages filled the brief
/// mode's record of the sentences said, so a later real finding had an
/// empty first sentence ("The first, at line 2101: " and nothing).
#[test]
fn many_peer_messages_leave_later_findings_their_first_sentence() {
    let mut log: String = (0..2100)
        .map(|k| {
            format!(
                "[SWARM] ConnectionClosed {{ peer_id: PeerId(\"12D3KooWDQC3CsUTjqC9hn6mtouqisPzphVTym8sdRhaVkL6xzrH\"), connection_id: ConnectionId({k}), endpoint: Dialer {{ address: /ip4/127.0.0.1/tcp/4001, role_override: Dialer, port_use: Reuse }}, num_established: 0, cause: Some(IO(Custom {{ kind: Other, error: \"boom {k}\" }})) }}\n"
            )
        })
        .collect();
    for k in 0..3 {
        log.push_str(&format!("[SWARM] OutgoingConnectionError {{ connection_id: ConnectionId({k}), peer_id: None, error: Transport([(/ip4/127.0.0.1/tcp/24052, Other(Custom {{ kind: Other, error: Other(Left(Left(Left(Os {{ code: 111, kind: ConnectionRefused, message: \"Connection refused\" }})))) }}))]) }}\n"));
    }
    let s = summary_json(log.as_bytes());
    let dial = (s.findings.iter())
        .find(|f| f.kind == "swarm.OutgoingConnectionError.Transport")
        .expect("a dial finding");
    assert!(
        dial.text
            .contains("The first, at line 2101: Could not connect to "),
        "{}",
        dial.text
    );
}

/// Found by the review of piped logs: `--events-only` kept a whole long
/// line in memory (300 MB of it at 831 MB RSS) to show it if its record had
/// an event. It keeps the first MAX_LINE bytes now, and says how many more
/// there were when it shows the line.
#[cfg(target_os = "linux")]
#[test]
fn events_only_kept_a_whole_long_line_in_memory() {
    const SIZE: usize = 100 * 1024 * 1024;
    const BOUND_KB: u64 = 64 * 1024;
    let event = quorum_failed();
    let args = ["scan", "--events-only", "--color", "never"];
    let (peak, lengths, short) = feed_long_line(&args, &event, SIZE);
    assert!(peak < BOUND_KB, "scan --events-only peaked at {peak} kB");
    let dropped = event.len() + 1 + SIZE - MAX_LINE;
    let note =
        format!(" … [p2plog: {dropped} more bytes of this line not kept with --events-only]");
    assert_eq!(lengths[0], MAX_LINE + note.len(), "{short}");
    assert_eq!(passed_through(&short).len(), 2, "{short}");
}

/// Found by the review of that fix: a line of exactly MAX_LINE bytes was
/// said to have "1 more bytes" (its newline), a cut could split a UTF-8
/// character before the note, and a newline that came in a piece of its
/// own put the note on a line of its own.
#[test]
fn events_only_cut_note_counted_the_newline_and_split_characters() {
    let event = quorum_failed();
    let pad = |n: usize, tail: &str| {
        format!(
            "{event} {}{tail}",
            "x".repeat(n - event.len() - 1 - tail.len())
        )
    };
    // exactly MAX_LINE bytes: whole, no note
    let exact = pad(MAX_LINE, "");
    let r = run_with_stdin(
        &["scan", "--events-only", "--color", "never"],
        format!("{exact}\n").as_bytes(),
    );
    assert_eq!(r.stdout.lines().next(), Some(exact.as_str()));
    // ten `é` across the cap: cut before the one it splits, 20 bytes said
    let wide = pad(MAX_LINE + 17, &"é".repeat(10));
    let out = output_with_stdin(
        p2plog(&["scan", "--events-only", "--color", "never"]),
        format!("{wide}\r\n").as_bytes(),
    );
    let text = String::from_utf8(out.stdout).expect("valid UTF-8");
    let first = text.lines().next().unwrap();
    let kept = MAX_LINE - 1;
    assert_eq!(&first[..kept], &wide[..kept]);
    assert_eq!(
        &first[kept..],
        format!(
            " … [p2plog: {} more bytes of this line not kept with --events-only]",
            wide.len() - kept
        )
    );
}

#[cfg(target_os = "linux")]
/// Found by the second review of hostile inputs: past its 16 MiB, explain
/// read standard input on to its end, to count the lines it dropped, so an
/// endless input (`yes`, /dev/zero: one line without end) never got an
/// answer. (`timeout` is a guard against a hang, not a measurement.)
#[test]
fn explain_of_endless_input_ends_at_its_cap() {
    let bin = env!("CARGO_BIN_EXE_p2plog");
    for input in ["yes", "cat /dev/zero"] {
        let r = crate::util::shell(&format!("{input} | timeout 120 '{bin}' explain"));
        assert_eq!(r.code, 2, "{input}: {}", r.stderr);
        assert!(
            r.stderr.contains(
                "standard input holds more than 16777216 bytes of text: the rest was not read"
            ),
            "{input}: {}",
            r.stderr
        );
    }
    // a line longer than the cap: its length is not known, and not given
    // as the cap's (found by the review of the fix)
    let long = "{ printf '%s ' \"$(grep -m1 QuorumFailed fixtures/lone/tag.log)\"; \
                head -c 20000000 /dev/zero | tr '\\0' a; echo; }";
    let r = crate::util::shell(&format!("{long} | timeout 120 '{bin}' explain"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("line truncated at 1048576 bytes (of more than were read)"),
        "{}",
        r.stdout
    );
}
