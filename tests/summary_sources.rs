//! `p2plog summary` of several files and `--merge` of summaries: time spans,
//! findings that point into their own file, sources that share a name, and
//! summaries written by other versions.

use std::collections::BTreeMap;

use p2plog::summary::Summary;

use crate::summary::summary_json;
use crate::util::{run, run_with_stdin, shell, stdout_at};

/// Found by a review: the span of several files was the first file's first
/// time to the last file's last, so it ran backwards when the later file
/// came first, and disagreed with `--merge` of the same files.
#[test]
fn the_time_span_of_several_files_ran_backwards() {
    let (relay, dials) = (
        "fixtures/relay/tracing-json.log",
        "fixtures/dial-failures/tag.log",
    );
    let span = |s: Summary| (s.first_time.unwrap(), s.last_time.unwrap());
    let both = span(summary_json(&[relay, dials]));
    assert!(both.0 < both.1, "{both:?}");
    assert_eq!(span(summary_json(&[dials, relay])), both);
    let (one, two) = (span(summary_json(&[relay])), span(summary_json(&[dials])));
    let earliest = one.0.clone().min(two.0.clone());
    assert_eq!(both, (earliest, one.1.max(two.1)));
}

/// Found by the review of that fix: it ordered any stamps by the text of
/// their date, so a journald log crossing into December ran `from Dec 1
/// 00:00:01 to Nov 30 23:59:59`. Only RFC 3339 stamps are reordered; others
/// keep the order of the lines.
#[test]
fn a_log_crossing_into_december_ended_in_november() {
    let line = |time: &str, port: u32| {
        format!("{time} host node[1]: [INFO  generator] Swarm event: NewListenAddr {{ listener_id: ListenerId(1), address: /ip4/127.0.0.1/tcp/{port} }}\n")
    };
    let log =
        line("Nov 30 23:59:58", 1) + &line("Nov 30 23:59:59", 2) + &line("Dec  1 00:00:01", 3);
    let r = run_with_stdin(&["summary", "--format", "json"], log.as_bytes());
    let s: Summary = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (s.first_time.as_deref(), s.last_time.as_deref()),
        (Some("Nov 30 23:59:58"), Some("Dec  1 00:00:01"))
    );
}

/// Found by the review of that fix: the last time became the latest
/// line's as soon as one stamp could not be ordered, so a file whose first
/// stamp is journald's ran `07:00:00Z` to `07:00:00Z` beside another running
/// 10:00–10:30, and `--merge` dropped its times. Stamps that can be ordered
/// now win over those that cannot, in one summary and in a merge alike.
#[test]
fn a_stamp_that_could_not_be_ordered_hid_the_others() {
    let dir = std::env::temp_dir().join(format!("p2plog-stamps-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let line = |time: &str, port: u32| {
        format!("{time}  INFO swarm: generator: NewListenAddr {{ listener_id: ListenerId(1), address: /ip4/127.0.0.1/tcp/{port} }}\n")
    };
    let (a, b) = (dir.join("a.log"), dir.join("b.log"));
    std::fs::write(
        &a,
        line("2026-11-24T10:00:00Z", 1) + &line("2026-11-24T10:30:00Z", 2),
    )
    .unwrap();
    let journald = "Nov 24 08:00:00 host node[1]: [INFO  generator] Swarm event: NewListenAddr { listener_id: ListenerId(1), address: /ip4/127.0.0.1/tcp/3 }\n";
    std::fs::write(&b, journald.to_owned() + &line("2026-11-24T07:00:00Z", 4)).unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let span = |s: Summary| (s.first_time.unwrap(), s.last_time.unwrap());
    let want = (
        "2026-11-24T07:00:00Z".to_owned(),
        "2026-11-24T10:30:00Z".to_owned(),
    );
    assert_eq!(span(summary_json(&[a, b])), want);
    let mut jsons = Vec::new();
    for (log, name) in [(a, "a.json"), (b, "b.json")] {
        let r = run(&["summary", "--format", "json", log]);
        let json = dir.join(name);
        std::fs::write(&json, r.stdout).unwrap();
        jsons.push(json.to_str().unwrap().to_owned());
    }
    assert_eq!(span(summary_json(&["--merge", &jsons[0], &jsons[1]])), want);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Stamps with UTC offsets were ordered by their local time of day: a
/// node an hour east of UTC, logging `10:30+01:00` (09:30Z), was taken
/// for the last line after `10:00Z`.
#[test]
fn local_time_stamps_were_ordered_without_their_utc_offset() {
    let line = |time: &str, port: u32| {
        format!("{time}  INFO swarm: generator: NewListenAddr {{ listener_id: ListenerId(1), address: /ip4/127.0.0.1/tcp/{port} }}\n")
    };
    let log = line("2026-11-24T10:00:00Z", 1)
        + &line("2026-11-24T10:30:00+01:00", 2)
        + &line("2026-11-24T09:45:00Z", 3);
    let r = run_with_stdin(&["summary", "--format", "json"], log.as_bytes());
    let s: Summary = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (s.first_time.as_deref(), s.last_time.as_deref()),
        (
            Some("2026-11-24T10:30:00+01:00"),
            Some("2026-11-24T10:00:00Z")
        )
    );
}

#[test]
fn merged_summaries_add_up() {
    let dir = std::env::temp_dir().join(format!("p2plog-merge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("a.json"), dir.join("b.json"));
    let bin = env!("CARGO_BIN_EXE_p2plog");
    let r = shell(&format!("{bin} summary --format json fixtures/lone/tag.log > {} && {bin} summary --format json fixtures/pair/tag.log > {}", a.display(), b.display()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let merged = summary_json(&["--merge", a.to_str().unwrap(), b.to_str().unwrap()]);
    let (one, two) = (
        summary_json(&["fixtures/lone/tag.log"]),
        summary_json(&["fixtures/pair/tag.log"]),
    );
    assert_eq!(merged.events, one.events + two.events);
    assert_eq!(merged.lines, one.lines + two.lines);
    let put = |s: &Summary| {
        s.queries
            .iter()
            .find(|q| q.query_type == "PutRecord")
            .map_or(0, |q| q.count)
    };
    assert_eq!(put(&merged), put(&one) + put(&two));
    let together = summary_json(&["fixtures/lone/tag.log", "fixtures/pair/tag.log"]);
    assert_eq!(
        (&merged.first_time, &merged.last_time),
        (&together.first_time, &together.last_time)
    );
    // found by the third review: --peers was ignored in silence
    let r = run(&["summary", "--merge", a.to_str().unwrap(), "--peers", "5"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("cannot be used with"), "{}", r.stderr);
    // like logs: `-` is stdin, gzip is read, a missing file is reported
    // (exit 2) while the others are merged
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &std::fs::read(&b).unwrap()).unwrap();
    std::fs::write(dir.join("b.json.gz"), gz.finish().unwrap()).unwrap();
    let r = shell(&format!(
        "{bin} summary --format json --merge - {}.gz missing.json < {}",
        b.display(),
        a.display()
    ));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr, "p2plog: missing.json: no such file\n");
    let mut again: Summary = serde_json::from_str(&r.stdout).unwrap();
    // found by the code review: the merged summary did not say a file was
    // missing; it is a source with the error
    let unread = again.sources.pop().unwrap();
    assert_eq!(
        (unread.name.as_str(), unread.lines, unread.error.as_deref()),
        ("missing.json", 0, Some("missing.json: no such file"))
    );
    assert_eq!(again, merged);
    // a summary written before `mixed_nodes` and a track's `file` existed
    let mut old: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&a).unwrap()).unwrap();
    old.as_object_mut().unwrap().remove("mixed_nodes");
    for track in old["peers"].as_array_mut().unwrap() {
        track.as_object_mut().unwrap().remove("file");
    }
    let older = dir.join("older.json");
    std::fs::write(&older, old.to_string()).unwrap();
    let again = summary_json(&["--merge", older.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(again.events, merged.events);
    let r = run(&["summary", "--merge", "fixtures/lone/tag.log"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("is not a `p2plog summary --format json` output"),
        "{}",
        r.stderr
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// Found by the user-view review: over several files, findings of one kind
/// were pooled across them and labelled with the first file, with line
/// numbers past its end and nodes it does not have.
#[test]
fn findings_of_several_files_point_into_their_own_file() {
    let files = [
        "fixtures/lone/tracing-full.log",
        "fixtures/pair/tracing-full.log",
        "fixtures/client-mode/tracing-full.log",
    ];
    let paths: Vec<String> = files
        .iter()
        .map(|f| crate::util::path(f).to_string_lossy().into_owned())
        .collect();
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let s = summary_json(&args);
    let lines: BTreeMap<&str, u64> = s
        .sources
        .iter()
        .map(|src| (src.name.as_str(), src.lines))
        .collect();
    for f in &s.findings {
        let in_file = lines.get(f.source.as_str()).copied().unwrap_or(0);
        assert!(
            f.first_line <= f.last_line && f.last_line <= in_file,
            "{} lines {}–{} of {} ({in_file} lines): {}",
            f.kind,
            f.first_line,
            f.last_line,
            f.source,
            f.text
        );
    }
    // the same kind in two files: two findings
    let sources = |kind: &str| {
        let mut of: Vec<&str> = (s.findings.iter())
            .filter(|f| f.kind == kind)
            .map(|f| f.source.as_str())
            .collect();
        of.sort();
        of.dedup();
        of.len()
    };
    assert!(sources("kad.log.RequestFailed") >= 2, "{:#?}", s.findings);
}

/// Found by the user-view review: in a summary of several files the node
/// column broke `fixtures/client-mode/tracing-full.` / `log: node-0`.
#[test]
fn a_file_and_node_label_breaks_after_the_file_name() {
    let text = stdout_at(
        "100",
        &[
            "summary",
            "fixtures/lone/tracing-full.log",
            "fixtures/client-mode/tracing-full.log",
            "--color",
            "never",
        ],
    );
    let peers = text.split("Peers over time").nth(1).unwrap();
    let first_cells: Vec<&str> = (peers.lines())
        .filter(|l| l.starts_with('│'))
        .filter_map(|l| l.split(['│', '┆']).nth(1))
        .map(str::trim)
        .collect();
    assert!(
        first_cells.contains(&"fixtures/client-mode/tracing-full.log:"),
        "{peers}"
    );
    assert!(first_cells.contains(&"node-0"), "{peers}");
    assert!(
        !first_cells.iter().any(|c| c.ends_with("tracing-full.")),
        "{peers}"
    );
    // a later review, at 80 columns: `fixtures/lone/tracing-full.` / `log:
    // node-0` and `fixtures/pair/tag.log: (the` / `log)`. The label breaks
    // after its `:`, and a file name too long for the column after a `/`.
    let text = stdout_at(
        "80",
        &[
            "summary",
            "fixtures/lone/tracing-full.log",
            "fixtures/pair/tag.log",
            "--color",
            "never",
        ],
    );
    let peers = text.split("Peers over time").nth(1).unwrap();
    // the first table (the trend goes to a second one)
    let table = peers.split("\n\n").next().unwrap();
    let first_cells: Vec<&str> = (table.lines())
        .filter(|l| l.starts_with('│'))
        .filter_map(|l| l.split(['│', '┆']).nth(1))
        .map(str::trim)
        .collect();
    assert_eq!(
        first_cells[1..],
        [
            "fixtures/lone/",
            "tracing-full.log:",
            "node-0",
            "fixtures/pair/tag.log:",
            "(the log)"
        ],
        "{peers}"
    );
}

/// Found by the code review: with findings per file, a file's libp2p
/// "Connection attempt … failed" lines were folded into another file's
/// dial finding (its count in the other file's text), and its own finding
/// vanished.
#[test]
fn libp2p_s_repeating_lines_fold_only_within_their_own_file() {
    let dir = std::env::temp_dir().join(format!("p2plog-fold-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fixture = crate::util::path("fixtures/dial-failures/tracing-full.log");
    let attempts: String = (std::fs::read_to_string(&fixture).unwrap().lines())
        .filter(|l| l.contains("Connection attempt to "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(!attempts.is_empty());
    let lines_only = dir.join("attempts.log");
    std::fs::write(&lines_only, &attempts).unwrap();
    let s = summary_json(&[lines_only.to_str().unwrap(), fixture.to_str().unwrap()]);
    let own: Vec<_> = (s.findings.iter())
        .filter(|f| f.source == lines_only.to_str().unwrap())
        .collect();
    assert!(
        own.iter()
            .any(|f| f.kind == "swarm.log.ConnectionAttemptFailed"),
        "{:#?}",
        s.findings
    );
    for f in s
        .findings
        .iter()
        .filter(|f| f.source != lines_only.to_str().unwrap())
    {
        assert!(
            f.text.matches("libp2p logged its own line").count() <= 1,
            "{}",
            f.text
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Found by the code review: findings that tie (same kind, verdict and count
/// in several files) came out last file first.
#[test]
fn tied_findings_of_several_files_keep_the_files_order() {
    let files = [
        "fixtures/lone/tag.log",
        "fixtures/lone/envlogger.log",
        "fixtures/lone/pretty.log",
    ];
    let paths: Vec<String> = (files.iter())
        .map(|f| crate::util::path(f).to_string_lossy().into_owned())
        .collect();
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let s = summary_json(&args);
    let order: Vec<usize> = (s.findings.iter())
        .filter(|f| f.kind == "kad.PutRecord.QuorumFailed")
        .map(|f| paths.iter().position(|p| *p == f.source).unwrap())
        .collect();
    assert_eq!(order.len(), 3, "{:#?}", s.findings);
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

/// Found by the CI review: machines of a matrix job each summarise
/// `node.log`, and the merged summary named both `node.log` (findings,
/// peers and annotations could not say which machine); and a file named
/// twice (`a.json a.json`, or `x.log x.log`) counted twice, in silence.
#[test]
fn merged_summaries_of_files_with_one_name_were_not_told_apart() {
    let dir = std::env::temp_dir().join(format!("p2plog-labels-{}", std::process::id()));
    let bin = env!("CARGO_BIN_EXE_p2plog");
    // m1's log mixes nodes (a mixed_nodes entry), m2's does not
    for (machine, fixture) in [
        ("m1", "cluster25/tag.log.gz"),
        ("m2", "pair/tracing-full.log"),
    ] {
        std::fs::create_dir_all(dir.join(machine)).unwrap();
        let log = dir.join(machine).join("node.log");
        std::fs::copy(format!("fixtures/{fixture}"), &log).unwrap();
        let json = shell(&format!(
            "cd {} && {bin} summary node.log --format json > ../{machine}.json",
            dir.join(machine).display(),
        ));
        assert_eq!(json.code, 0, "{}", json.stderr);
    }
    let (m1, m2) = (dir.join("m1.json"), dir.join("m2.json"));
    let (m1, m2) = (m1.to_str().unwrap(), m2.to_str().unwrap());
    let merged = summary_json(&["--merge", m1, m2]);
    let names: Vec<&str> = merged.sources.iter().map(|s| s.name.as_str()).collect();
    let labels = [format!("{m1}: node.log"), format!("{m2}: node.log")];
    assert_eq!(names, labels);
    assert!(merged.sources.iter().all(|s| s.labelled));
    let named = (merged.findings.iter().map(|f| &f.source))
        .chain(merged.peers.iter().map(|t| &t.file))
        .chain(merged.mixed_nodes.iter().map(|m| &m.source));
    assert!(!merged.mixed_nodes.is_empty());
    for name in named {
        assert!(labels.contains(name), "{name}");
    }
    let github = run(&["summary", "--merge", m1, m2, "--format", "github"]);
    assert!(!github.stdout.contains("file="), "{}", github.stdout);
    // merged again with its own merge: what that one came with is labelled
    let ab = dir.join("ab.json");
    let r = shell(&format!(
        "{bin} summary --merge --format json {m1} {m2} > {}",
        ab.display()
    ));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ab = ab.to_str().unwrap();
    let again = summary_json(&["--merge", m1, m2, ab]);
    let names: Vec<&str> = again.sources.iter().map(|s| s.name.as_str()).collect();
    let relabelled = [
        format!("{ab}: {m1}: node.log"),
        format!("{ab}: {m2}: node.log"),
    ];
    assert_eq!(names, [&labels[..], &relabelled[..]].concat());
    // a real path with `: ` in it is a file GitHub can show
    let odd = dir.join("run: 1.log");
    std::fs::copy("fixtures/lone/tag.log", &odd).unwrap();
    let odd = odd.to_str().unwrap();
    let r = run(&["summary", "--format", "github", odd]);
    assert!(r.stdout.starts_with("::error file="), "{}", r.stdout);
    // named twice: read once, and said; `-` and a missing file too
    let r = run_with_stdin(&["summary", "--merge", "--format", "json", m1, m1], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!("p2plog: {m1} is named twice; it is read once\n")
    );
    let once: Summary = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(once, summary_json(&["--merge", m1]));
    let log = "fixtures/lone/tag.log";
    let twice = summary_json(&[log, "./fixtures/lone/tag.log"]);
    assert_eq!(twice.events, summary_json(&[log]).events);
    let r = run_with_stdin(&["summary", "-", "-", "missing.log", "missing.log"], b"x\n");
    assert_eq!(
        r.stderr,
        "p2plog: - is named twice; it is read once\n\
         p2plog: missing.log is named twice; it is read once\n\
         p2plog: missing.log: no such file\n"
    );
    assert!(
        r.stdout
            .starts_with("p2plog summary of <stdin>, missing.log\n"),
        "{}",
        r.stdout
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// Found by the CI review: nothing in the JSON said which p2plog wrote it,
/// so a field a newer one adds would make an older `--merge` fail naming
/// that field. Summaries carry a version; a newer one is refused saying
/// so, and one written before versions existed reads as version 1.
#[test]
fn a_newer_summary_was_refused_naming_a_field() {
    let dir = std::env::temp_dir().join(format!("p2plog-version-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let written = summary_json(&["fixtures/lone/tag.log"]);
    assert_eq!(written.version, p2plog::summary::SUMMARY_VERSION);
    let mut value = serde_json::to_value(&written).unwrap();
    let object = value.as_object_mut().unwrap();
    object.remove("version");
    let older = dir.join("older.json");
    std::fs::write(&older, value.to_string()).unwrap();
    let again = summary_json(&["--merge", older.to_str().unwrap()]);
    assert_eq!(again, written);
    let object = value.as_object_mut().unwrap();
    object.insert("version".into(), 2.into());
    object.insert("p99_ms".into(), 1.into());
    let newer = dir.join("newer.json");
    std::fs::write(&newer, value.to_string()).unwrap();
    let r = run(&["summary", "--merge", newer.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert_eq!(
        r.stderr,
        format!(
            "p2plog: {} was written by a newer p2plog (summary version 2); this one reads version 1: merge with the newer one\n",
            newer.display()
        )
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// Found by the second review of hostile inputs: the markdown listed every
/// source and every source's note: 20 000 sources merged from other
/// machines made 1.48 MB, past GitHub's step summary limit.
#[test]
fn markdown_listed_every_source_of_a_merge() {
    let one = run(&["summary", "fixtures/lone/tag.log", "--format", "json"]);
    let mut json: serde_json::Value = serde_json::from_str(&one.stdout).unwrap();
    let source = json["sources"][0].clone();
    let sources: Vec<serde_json::Value> = (0..120)
        .map(|i| {
            let mut s = source.clone();
            // names and notes of 30 KB: a merged summary's are not clipped
            let long = "x".repeat(30_000);
            s["name"] = format!("machine-{i}/node.log{long}").into();
            // a source not read to its end has a note
            s["error"] = format!("machine-{i}/node.log: corrupt gzip data {long}").into();
            s
        })
        .collect();
    json["sources"] = sources.into();
    let dir = std::env::temp_dir().join(format!("p2plog-many-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("merged.json");
    std::fs::write(&file, json.to_string()).unwrap();
    let r = run(&[
        "summary",
        "--merge",
        file.to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.len() < 200_000, "{} bytes", r.stdout.len());
    assert_eq!(r.stdout.matches("/node.log").count(), 100, "{}", r.stdout);
    assert_eq!(
        r.stdout.matches("> **Error:** ").count(),
        50,
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains(", 70 more sources; "), "{}", r.stdout);
    assert!(r.stdout.contains("Not shown: 70 notes"), "{}", r.stdout);
}

/// Found by the new-user review: two logs that each had a `node-0` were
/// "6 nodes" over a peers table of 8 rows. Names are what is counted (the
/// same name in two logs may be one node or two), and the overview says so.
#[test]
fn several_logs_counted_their_node_names_as_nodes() {
    let (pair, cluster) = (
        "fixtures/pair/tracing-compact.log",
        "fixtures/cluster5/tracing-compact.log",
    );
    let overview = |files: &[&str]| {
        let mut args = vec!["summary", "--color", "never"];
        args.extend(files);
        let r = run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout.lines().nth(1).unwrap().to_owned()
    };
    let both = overview(&[pair, cluster]);
    assert!(both.contains(", 6 node names across 2 logs, "), "{both}");
    let one = overview(&[cluster]);
    assert!(one.contains(", 5 nodes, "), "{one}");
}

/// Found by the review of `--allow`: the gate counted only the kinds
/// table, so a summary for `--merge` whose totals count actionable events
/// that no kind does (a corrupt or edited file) passed `--fail-on
/// actionable`, which the totals alone used to fail.
#[test]
fn a_merged_summary_s_totals_beyond_its_kinds_still_fail_the_run() {
    let whole = run(&[
        "summary",
        "--format",
        "json",
        "fixtures/request-response/tag.log",
    ]);
    let mut summary: serde_json::Value = serde_json::from_str(&whole.stdout).unwrap();
    summary["kinds"] = serde_json::json!([]);
    let path = std::env::temp_dir().join(format!("p2plog-kindless-{}.json", std::process::id()));
    std::fs::write(&path, summary.to_string()).unwrap();
    let r = run(&[
        "summary",
        "--merge",
        "--fail-on",
        "actionable",
        path.to_str().unwrap(),
    ]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(r.code, 1, "{}", r.stderr);
}
