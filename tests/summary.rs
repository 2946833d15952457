//! `p2plog summary`: totals and query timings against the truth files, exit
//! codes, every output format, merging.

use std::collections::BTreeMap;

use p2plog::knowledge::Verdict;
use p2plog::summary::Summary;

use crate::fixtures::{kad_kind, pairs, read, truths};
use crate::util::{p2plog, run, run_with_stdin, shell, stdout_at};

fn summary_json(files: &[&str]) -> Summary {
    let mut args = vec!["summary", "--format", "json"];
    args.extend_from_slice(files);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

/// The tag-format fixtures (one per scenario, gzip included).
fn tag_pairs() -> Vec<(std::path::PathBuf, std::path::PathBuf)> {
    pairs()
        .into_iter()
        .filter(|(log, _)| {
            log.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("tag.")
        })
        .collect()
}

#[test]
fn kad_totals_by_kind_equal_the_truth() {
    for (log, truth) in tag_pairs() {
        let s = summary_json(&[log.to_str().unwrap()]);
        let mut want: BTreeMap<String, u64> = BTreeMap::new();
        for t in truths(&truth).iter().filter(|t| t.protocol == "kad") {
            *want.entry(kad_kind(&t.variant)).or_default() += 1;
        }
        let got: BTreeMap<String, u64> = s
            .kinds
            .iter()
            .filter(|k| crate::fixtures::is_kad_event(&k.kind))
            .map(|k| (k.kind.clone(), k.verdicts.total()))
            .collect();
        assert_eq!(got, want, "{}", log.display());
        assert_eq!(
            s.lines,
            read(&log).lines().count() as u64,
            "{}",
            log.display()
        );
    }
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0 * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

#[test]
fn query_timings_equal_those_of_the_truth() {
    let mut checked = 0;
    for (log, truth) in tag_pairs() {
        let s = summary_json(&[log.to_str().unwrap()]);
        let mut by_type: BTreeMap<String, Vec<f64>> = BTreeMap::new();
        for t in truths(&truth) {
            let Some(q) = &t.query else { continue };
            // every bootstrap step counts (a lookup of its own)
            if q["last"].as_bool() == Some(true) || q["type"] == "Bootstrap" {
                let ms = q["duration_ms"].as_f64();
                by_type
                    .entry(q["type"].as_str().unwrap().to_owned())
                    .or_default()
                    .extend(ms);
            }
        }
        for (query_type, mut ms) in by_type {
            let got = s
                .queries
                .iter()
                .find(|q| q.query_type == query_type)
                .unwrap();
            if ms.is_empty() {
                continue;
            }
            ms.sort_by(f64::total_cmp);
            let close = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-3);
            assert!(
                close(got.p50_ms, percentile(&ms, 50.0)),
                "{} {query_type}: {got:?} vs {ms:?}",
                log.display()
            );
            assert!(
                close(got.p95_ms, percentile(&ms, 95.0)),
                "{} {query_type}",
                log.display()
            );
            assert!(
                close(got.max_ms, *ms.last().unwrap()),
                "{} {query_type}",
                log.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 15, "only {checked} query types checked");
}

#[test]
fn fail_on_actionable_fails_the_large_cluster_and_passes_a_small_one() {
    assert_eq!(
        run(&[
            "summary",
            "fixtures/cluster25/tag.log.gz",
            "--fail-on",
            "actionable"
        ])
        .code,
        1
    );
    assert_eq!(
        run(&["summary", "fixtures/cluster25/tag.log.gz"]).code,
        0,
        "the default is never"
    );
    assert_eq!(
        run(&[
            "summary",
            "fixtures/pair/tag.log",
            "--fail-on",
            "actionable"
        ])
        .code,
        0
    );
}

#[test]
fn a_missing_file_exits_2_after_summarising_the_others() {
    let r = run(&[
        "summary",
        "fixtures/missing.log",
        "fixtures/lone/tag.log",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("fixtures/missing.log") && r.stderr.starts_with("p2plog: "),
        "{}",
        r.stderr
    );
    let s: Summary = serde_json::from_str(&r.stdout).unwrap();
    assert!(s.events > 0);
    // found by the user-view review: the summary did not say a file was
    // missing; it is a source of no lines, with the error
    let names: Vec<_> = (s.sources.iter())
        .map(|src| (src.name.as_str(), src.lines > 0, src.error.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            (
                "fixtures/missing.log",
                false,
                Some("fixtures/missing.log: no such file")
            ),
            ("fixtures/lone/tag.log", true, None)
        ]
    );
}

/// The exception to the rule above: a kind longer than the width itself (an
/// odd variant name from a peer) wraps instead of padding every row of the
/// table to its length.
#[test]
fn a_kind_longer_than_the_width_still_wraps() {
    let name = format!("Q{}", "x".repeat(3000));
    let log = format!("[DHT] {name} {{ peer: PeerId(\"12D3KooWDQC3\") }}\n");
    let r = run_with_stdin(&["summary", "-", "--color", "never"], log.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Events by kind"), "{}", r.stdout);
    let widest = r
        .stdout
        .lines()
        .filter(|l| l.starts_with(['┌', '│', '╞', '└']))
        .map(|l| l.chars().count())
        .max()
        .unwrap();
    assert!(widest <= 200, "a table row {widest} characters wide");
}

/// Regression: when no file could be read, an empty summary ("p2plog
/// summary of ", 0 events) was printed as if the log were clean.
#[test]
fn only_missing_files_print_no_summary_and_exit_2() {
    for format in ["text", "json", "markdown", "github"] {
        let r = run(&["summary", "fixtures/missing.log", "--format", format]);
        assert_eq!(r.code, 2, "{format}");
        assert_eq!(r.stdout, "", "{format}");
        assert!(r.stderr.contains("fixtures/missing.log"), "{}", r.stderr);
    }
}

#[test]
fn text_output_has_every_table() {
    let r = run(&[
        "summary",
        "fixtures/cluster25/tracing-full.log.gz",
        "--color",
        "never",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for part in [
        "p2plog summary of",
        "Events by kind",
        "Kademlia queries",
        "Peers over time",
        "Findings",
        "Top failing keys",
        "kad.PutRecord.Timeout",
    ] {
        assert!(r.stdout.contains(part), "missing {part:?}:\n{}", r.stdout);
    }
}

/// Found by the third user-view review: lone's StartProviding counted "ok"
/// in the query table and actionable in the events table; the table counts
/// libp2p's Ok/Err, which its headers now say.
#[test]
fn the_query_table_says_it_counts_results_not_verdicts() {
    let r = run(&["summary", "fixtures/lone/tag.log", "--color", "never"]);
    let header = r.stdout.lines().find(|l| l.contains("┆ count ┆")).unwrap();
    let cells: Vec<&str> = header
        .split('┆')
        .map(|c| c.trim_matches([' ', '│']))
        .collect();
    assert_eq!(cells[..4], ["type", "count", "Ok", "Err"], "{header}");
    assert!(
        r.stdout.contains("not its\nverdict") || r.stdout.contains("not its verdict"),
        "{}",
        r.stdout
    );
}

/// Found by the user-view review: a log without node names said "one
/// node", a tracing log with one span "1 node".
#[test]
fn the_overview_counts_nodes_in_one_way() {
    let unnamed = run(&["summary", "fixtures/lone/tag.log", "--color", "never"]);
    assert!(
        unnamed
            .stdout
            .contains("18 lines, 18 events, 1 node, unnamed\n"),
        "{}",
        unnamed.stdout
    );
    let named = run(&[
        "summary",
        "fixtures/lone/tracing-full.log",
        "--color",
        "never",
    ]);
    assert!(
        named.stdout.contains(" events, 1 node, from "),
        "{}",
        named.stdout
    );
    // found by the code review: two unnamed logs, or none with events, are not "1 node"
    let two = run(&[
        "summary",
        "fixtures/lone/tag.log",
        "fixtures/lone-empty/tag.log",
        "--color",
        "never",
    ]);
    let lines: usize = ["fixtures/lone/tag.log", "fixtures/lone-empty/tag.log"]
        .iter()
        .map(|f| read(&crate::util::path(f)).lines().count())
        .sum();
    assert!(
        two.stdout.contains(&format!(
            "{lines} lines, {lines} events, no node names, from "
        )),
        "{}",
        two.stdout
    );
    // found by the code review: a missing file made one log "no node names"
    let missing = run(&[
        "summary",
        "fixtures/lone/tag.log",
        "fixtures/missing.log",
        "--color",
        "never",
    ]);
    assert!(
        missing.stdout.contains(" events, 1 node, unnamed"),
        "{}",
        missing.stdout
    );
    let empty = run_with_stdin(&["summary", "--color", "never"], b"");
    assert!(
        empty.stdout.contains("0 lines, 0 events, no node\n"),
        "{}",
        empty.stdout
    );
}

/// Regression: on a narrow terminal (or piped, at 100 columns) the query
/// table broke `GetClosestPeers` into `GetClosestPee` / `rs`; squeezed more,
/// its numbers were split across lines too.
/// The tables fit the terminal: at 80 columns and less, long kinds break
/// after a `.` and columns that do not fit go to a second table led by the
/// first column again; no name or number is ever cut inside.
#[test]
fn tables_fit_the_width_and_never_break_a_name_or_a_number() {
    let s = summary_json(&["fixtures/cluster25/compose.log.gz"]);
    for columns in [100, 80, 60] {
        let text = stdout_at(
            columns,
            &[
                "summary",
                "fixtures/cluster25/compose.log.gz",
                "--color",
                "never",
            ],
        );
        let rows: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with(['┌', '│', '╞', '└']))
            .collect();
        for row in &rows {
            assert!(
                row.chars().count() <= columns,
                "{columns} columns: {row}\n{text}"
            );
        }
        let cells = |line: &str| -> Vec<String> {
            line.split(['│', '┆'])
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .collect()
        };
        // a row whose only cell is the first column's continues the name above
        let mut names: Vec<String> = Vec::new();
        for row in rows.iter().filter(|l| l.starts_with('│')) {
            let c = cells(row);
            let continued = c.len() == 1 && names.last().is_some_and(|n| n.ends_with('.'));
            match (continued, c.first()) {
                (true, Some(rest)) => names.last_mut().unwrap().push_str(rest),
                (false, Some(first)) => names.push(first.clone()),
                _ => {}
            }
        }
        for k in &s.kinds {
            assert!(
                names.contains(&k.kind),
                "{columns} columns: {} broken:\n{text}",
                k.kind
            );
        }
        for q in &s.queries {
            // the query's cells, over every table its row is split into
            let row: Vec<String> = text
                .lines()
                .map(cells)
                .filter(|c| c.first() == Some(&q.query_type))
                .flat_map(|c| c.into_iter().skip(1))
                .collect();
            let p50 = q.p50_ms.map_or("-".to_owned(), |m| format!("{m:.2}"));
            let want = [
                q.count.to_string(),
                p50,
                q.requests.to_string(),
                q.failure.to_string(),
            ];
            let got = [&row[0], &row[3], &row[6], &row[8]];
            assert_eq!(
                got.map(String::as_str),
                want.each_ref().map(String::as_str),
                "{columns} columns:\n{text}"
            );
        }
    }
}

#[test]
fn github_output_has_at_most_ten_annotations_per_level() {
    // every notice counts, the "N more" and the totals ones too: the review
    // found 12 in the compose log, and GitHub drops those past 10
    for fixture in ["tracing-full", "compose"] {
        let file = format!("fixtures/cluster25/{fixture}.log.gz");
        let r = run(&["summary", &file, "--format", "github"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        for level in ["::error", "::warning", "::notice"] {
            let n = r.stdout.lines().filter(|l| l.starts_with(level)).count();
            assert!(n <= 10, "{file}: {n} {level} lines");
        }
    }
    let r = run(&[
        "summary",
        "fixtures/cluster25/tracing-full.log.gz",
        "--format",
        "github",
    ]);
    assert!(
        (r.stdout.lines())
            .any(|l| l.starts_with("::error title=fixtures/cluster25/tracing-full.log.gz%3A")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("::notice::p2plog: "),
        "{}",
        r.stdout
    );
    // the third review: "1 events in 1 lines"
    let one = "NewListenAddr { listener_id: ListenerId(1), address: /ip4/127.0.0.1/tcp/1 }\n";
    let r = crate::util::run_with_stdin(&["summary", "--format", "github"], one.as_bytes());
    assert_eq!(
        r.stdout.lines().last(),
        Some("::notice::p2plog: 1 event in 1 line: 0 actionable, 0 unknown, 0 expected, 1 ok"),
        "{}",
        r.stdout
    );
}

#[test]
fn markdown_output_snapshot() {
    let r = run(&["summary", "fixtures/lone/tag.log", "--format", "markdown"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!(r.stdout);
}

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
        let unnamed = ["tag.", "envlogger.", "pretty."]
            .iter()
            .any(|f| file.starts_with(f));
        let several = !scenario.starts_with("lone");
        let s = summary_json(&[log.to_str().unwrap()]);
        let flagged: Vec<&str> = s.mixed_nodes.iter().map(|m| m.node.as_str()).collect();
        let want: &[&str] = if unnamed && several { &[""] } else { &[] };
        assert_eq!(flagged, want, "{}", log.display());
    }
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

/// Found by review: one app type name of 150 characters without a dot
/// made every "Events by kind" table 93 characters wide at 80 columns,
/// split into four. It wraps in its cell instead.
#[test]
fn a_long_kind_without_dots_widened_every_table() {
    let mut log = std::fs::read_to_string(crate::util::path("fixtures/pair/tag.log")).unwrap();
    log += &format!("[APP] A{} {{ a: 1 }}\n", "x".repeat(150));
    let mut cmd = p2plog(&["summary", "-", "--color", "never"]);
    cmd.env("COLUMNS", "80");
    let out = crate::util::output_with_stdin(cmd, log.as_bytes());
    let text = String::from_utf8(out.stdout).unwrap();
    let rows = text.lines().filter(|l| l.starts_with(['┌', '│', '╞', '└']));
    assert!(rows.clone().all(|l| l.chars().count() <= 80), "{text}");
    let tables = rows.filter(|l| l.starts_with('┌')).count();
    // events by kind, kad queries in two, peers over time
    assert_eq!(tables, 4, "{text}");
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

/// Found by the user-view review: at 100 columns `p50 ms` broke into `p50` /
/// `ms` in cluster5's query table, though the README promises whole headers.
#[test]
fn every_table_header_is_one_line() {
    for (file, columns) in [
        ("fixtures/cluster5/compose.log", "100"),
        ("fixtures/cluster25/compose.log.gz", "80"),
        ("fixtures/pair/tracing-full.log", "60"),
    ] {
        let text = stdout_at(columns, &["summary", file, "--color", "never"]);
        let rows: Vec<&str> = (text.lines())
            .filter(|l| l.starts_with(['┌', '│', '╞', '└']))
            .collect();
        let tables = rows.iter().filter(|r| r.starts_with('┌')).count();
        assert!(tables >= 3, "{file}: {text}");
        for w in rows.windows(3).filter(|w| w[0].starts_with('┌')) {
            assert!(
                w[2].starts_with('╞'),
                "{file} at {columns}: {}\n{text}",
                w[1]
            );
        }
    }
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

/// Found by a review: with colour on (the default at a terminal) a
/// finding's heading wrapped sooner than without, its colour codes counted
/// as columns: `- ACTIONABLE …/compose.log.gz (lines` / `5746–5791)`.
#[test]
fn colour_codes_wrapped_a_finding_s_heading_early() {
    let summary = |colour: &str, columns: usize| {
        let args = [
            "summary",
            "fixtures/cluster25/compose.log.gz",
            "--color",
            colour,
        ];
        stdout_at(columns, &args)
    };
    let findings = |text: &str| text.split("\nFindings\n").nth(1).unwrap().to_owned();
    // a width the first heading just fits in
    let wide = findings(&summary("never", 200));
    let columns = wide.lines().next().unwrap().chars().count() + 1;
    let coloured = summary("always", columns);
    assert!(coloured.contains("\x1b["), "{coloured}");
    let plain = regex::Regex::new("\x1b\\[[0-9;]*m")
        .unwrap()
        .replace_all(&coloured, "");
    assert_eq!(findings(&plain), findings(&summary("never", columns)));
}

/// Found by the CI review: annotations named `file=<stdin>`, and the lines
/// of a `.gz` file, neither of which GitHub can show; they name the source
/// and line in the title instead. A plain file keeps `file=` and `line=`.
#[test]
fn github_annotations_pointed_at_stdin_and_inside_gzip_files() {
    let first = |r: &crate::util::Run| {
        (r.stdout.lines())
            .find(|l| l.starts_with("::error "))
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("no error: {}", r.stdout))
    };
    let file = run(&["summary", "fixtures/lone/tag.log", "--format", "github"]);
    assert!(
        first(&file).starts_with(
            "::error file=fixtures/lone/tag.log,line=14,title=kad.PutRecord.QuorumFailed "
        ),
        "{}",
        first(&file)
    );
    let log = std::fs::read("fixtures/lone/tag.log").unwrap();
    let stdin = crate::util::run_with_stdin(&["summary", "--format", "github"], &log);
    assert!(
        first(&stdin).starts_with("::error title=<stdin>%3A14%3A kad.PutRecord.QuorumFailed "),
        "{}",
        first(&stdin)
    );
    assert!(!stdin.stdout.contains("file="), "{}", stdin.stdout);
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

/// Found by the CI review: an empty log, or one written below the events'
/// log level, gave a clean summary that passed `--fail-on` in silence.
/// Every format now warns that it says nothing about the network (the exit
/// code stays 0: no event is not a failing event).
#[test]
fn a_log_without_events_passed_the_gate_in_silence() {
    for (input, read) in [
        (&b""[..], "The input is empty"),
        (
            b"1\n2\n3\n",
            "No libp2p event was found in the 3 lines read",
        ),
    ] {
        for (format, says) in [
            ("text", "Warning: "),
            ("markdown", "> **Warning:** "),
            ("github", "::warning title=no libp2p event::"),
        ] {
            let args = ["summary", "--format", format, "--fail-on", "actionable"];
            let r = run_with_stdin(&args, input);
            assert_eq!(r.code, 0, "{}", r.stderr);
            let out = r.stdout.replace('\n', " ");
            assert!(
                out.contains(&format!(
                    "{says}{read}, so this summary says nothing about the network"
                )),
                "{format}: {}",
                r.stdout
            );
        }
    }
    // a log with events says nothing of the kind; nor does a summary of a
    // file that could not be read, which says why instead
    let r = run(&["summary", "fixtures/lone/tag.log", "--format", "github"]);
    assert!(!r.stdout.contains("no libp2p event"), "{}", r.stdout);
    let r = run_with_stdin(&["summary", "-", "missing.log"], b"1\n");
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!r.stdout.contains("No libp2p event"), "{}", r.stdout);
}

/// Found by the CI review: "1 lines, 0 events"; and with `--peers`, a
/// finding said its count was "merged across the log's nodes", though the
/// count was the flag's.
#[test]
fn one_line_was_counted_as_lines_and_the_flag_s_count_as_merged() {
    let r = run_with_stdin(&["summary"], b"one line\n");
    assert!(r.stdout.contains("1 line, 0 events"), "{}", r.stdout);
    assert!(
        r.stdout.contains("<stdin>: 1 line (plain: 1)"),
        "{}",
        r.stdout
    );
    let r = run_with_stdin(&["summary", "--format", "markdown"], b"one line\n");
    assert!(
        r.stdout.contains("1 line from `<stdin>`; 0 events"),
        "{}",
        r.stdout
    );
    let log = "fixtures/cluster25/tag.log.gz";
    let merged = summary_json(&[log]);
    assert!(
        (merged.findings.iter()).any(|f| f.text.contains("(merged across the log's nodes")),
        "the fixture mixes nodes"
    );
    let flag = summary_json(&[log, "--peers", "50"]);
    for f in &flag.findings {
        assert!(!f.text.contains("merged across"), "{}", f.text);
    }
    assert!(flag
        .findings
        .iter()
        .any(|f| f.text.contains("50 peers (--peers)")));
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

/// The empty line tracing's pretty format writes after every event was
/// counted as a `plain` line: a user read that 158 lines of the log were not
/// understood.
#[test]
fn the_pretty_format_s_separator_lines_were_counted_as_plain() {
    let s = summary_json(&["fixtures/pair/tracing-pretty.log"]);
    let formats = &s.sources[0].formats;
    assert_eq!(formats.keys().collect::<Vec<_>>(), ["tracing-fmt-pretty"]);
    assert_eq!(formats["tracing-fmt-pretty"], s.lines);
    // an empty line elsewhere is still plain
    let log = "[2026-11-24T09:33:12Z INFO  generator] started\n\n";
    let r = run_with_stdin(&["summary", "--format", "json"], log.as_bytes());
    let s: Summary = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(s.sources[0].formats.get("plain"), Some(&1), "{}", r.stdout);
}

/// Found by the CLI review: the markdown had no bound, and GitHub refuses a
/// step summary over 1 MiB: 3000 app types with long names (unknown kinds)
/// made 1.26 MB, and the README's CI step failed.
#[test]
fn markdown_outgrew_github_s_step_summary_limit() {
    let log: String = (0..3000)
        .map(|i| format!("[APP] Thing{}{i} {{ a: 1 }}\n", "X".repeat(150)))
        .collect();
    let r = run_with_stdin(&["summary", "--format", "markdown"], log.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.len() < 100_000, "{} bytes", r.stdout.len());
    let rows = |heading: &str| {
        let section = r.stdout.split(heading).nth(1).unwrap();
        let section = section.split("\n### ").next().unwrap();
        let rows = section
            .lines()
            .filter(|l| l.starts_with("| `") || l.starts_with("- **"));
        (rows.count(), section.to_owned())
    };
    for (heading, what) in [
        ("### Findings", "findings"),
        ("### Events by kind", "kinds"),
    ] {
        let (n, section) = rows(heading);
        assert_eq!(n, 50, "{section}");
        assert!(
            section.contains(&format!(
                "Not shown: 1999 {what} (see `--format json` or text)."
            )),
            "{section}"
        );
    }
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
            "QUIC handshake timed out (5 s)",
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
