//! Every fixture log read the way scan mode reads it: every byte passes
//! through in order, every line belongs to exactly one record, and each
//! event of the generator's truth file is one record spanning exactly its
//! lines (multi-line `{:#?}` events joined), from the node it names.

use std::io;
use std::path::Path;

use p2plog::format::{self, Formats, Record, Sink};
use p2plog::input;

use crate::fixtures;

#[derive(Default)]
struct Collect {
    raw: Vec<u8>,
    raw_lines: Vec<u64>,
    records: Vec<Flat>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Flat {
    line: u64,
    end_line: u64,
    node: Option<String>,
    format: String,
    truncated: bool,
}

impl Sink for Collect {
    fn raw(&mut self, line: u64, bytes: &[u8]) -> io::Result<()> {
        self.raw.extend_from_slice(bytes);
        if self.raw_lines.last() != Some(&line) {
            self.raw_lines.push(line);
        }
        Ok(())
    }
    fn record(&mut self, r: &Record<'_>) -> io::Result<()> {
        self.records.push(Flat {
            line: r.line,
            end_line: r.end_line,
            node: r.node.as_deref().map(str::to_owned),
            format: r.line_format().to_owned(),
            truncated: r.truncated,
        });
        Ok(())
    }
}

fn read(path: &Path, formats: &Formats) -> Collect {
    let mut source = input::open(path).unwrap();
    let mut sink = Collect::default();
    format::read_records(&mut source.lines, formats, &mut sink).unwrap();
    sink
}

/// The formats whose lines name the node (a span field or a prefix).
fn names_nodes(log: &Path) -> bool {
    let name = log.file_name().unwrap().to_string_lossy();
    [
        "tracing-full",
        "tracing-compact",
        "tracing-json",
        "tracing-pretty",
        "compose",
    ]
    .iter()
    .any(|f| name.starts_with(&format!("{f}.log")))
}

#[test]
fn there_are_fixtures_in_every_generated_format() {
    let names: Vec<String> = fixtures::pairs()
        .iter()
        .map(|(log, _)| log.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for f in [
        "tag",
        "envlogger",
        "tracing-full",
        "tracing-compact",
        "tracing-json",
        "pretty",
        "compose",
        "pretty-env-logger",
    ] {
        assert!(
            names.iter().any(|n| n.starts_with(&format!("{f}.log"))),
            "no {f} fixture"
        );
    }
}

#[test]
fn every_line_passes_through_once_in_order_and_belongs_to_one_record() {
    let formats = Formats::builtin().unwrap();
    for (log, _) in fixtures::pairs() {
        let c = read(&log, &formats);
        let shown = log.display();
        let bytes = fixtures::read(&log).into_bytes();
        assert!(
            c.raw == bytes,
            "{shown}: the bytes passed through differ from the file"
        );
        let lines = bytes.split(|b| *b == b'\n').count() as u64 - u64::from(bytes.ends_with(b"\n"));
        assert_eq!(c.raw_lines, (1..=lines).collect::<Vec<_>>(), "{shown}");
        // every line is the first line of one record or inside a joined one
        let mut owner = vec![0u32; lines as usize + 1];
        for r in &c.records {
            assert!(!r.truncated, "{shown}: record {r:?} is truncated");
            owner[r.line as usize] += 1;
        }
        for r in c.records.iter().filter(|r| r.end_line > r.line) {
            for l in r.line + 1..=r.end_line {
                if owner[l as usize] == 0 {
                    owner[l as usize] = 1;
                }
            }
        }
        let bad: Vec<usize> = (1..owner.len()).filter(|&l| owner[l] != 1).collect();
        assert!(
            bad.is_empty(),
            "{shown}: lines in no or several records: {bad:?}"
        );
    }
}

#[test]
fn every_truth_event_is_one_record_over_its_lines_from_its_node() {
    let formats = Formats::builtin().unwrap();
    let mut checked = 0;
    for (log, truth) in fixtures::pairs() {
        let c = read(&log, &formats);
        let shown = log.display();
        for event in fixtures::truths(&truth) {
            let Some(r) = c.records.iter().find(|r| r.line == event.line) else {
                panic!(
                    "{shown}: no record starts at line {} ({event:?})",
                    event.line
                );
            };
            assert_eq!(
                (r.line, r.end_line),
                (event.line, event.end_line),
                "{shown}: {event:?}"
            );
            if names_nodes(&log) {
                assert_eq!(
                    r.node.as_deref(),
                    Some(event.node.as_str()),
                    "{shown}: line {}",
                    event.line
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no truth events checked");
}
