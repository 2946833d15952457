//! A multi-line stream with state: several lines (several nodes, multi-line
//! `{:#?}` events, formats switching) read as `p2plog scan` and `p2plog
//! summary` read them: `format::read_records` with a sink that keeps one
//! `Analyzer` for the source, renders every report (brief text and JSON)
//! and folds it into a summary, rendered at the end as a table, markdown and
//! GitHub annotations. Never panics; every byte passes through in order;
//! what p2plog writes itself has no raw control character.
#![no_main]

use std::io::{self, Cursor};

use libfuzzer_sys::fuzz_target;
use p2plog::format::{self, Record, Sink};
use p2plog::input;
use p2plog::pipeline::Analyzer;
use p2plog::render;
use p2plog::summary::Builder;

#[path = "common.rs"]
mod common;
use common::{formats, has_raw_control};

struct Scan {
    analyzer: Analyzer,
    builder: Builder,
    raw: Vec<u8>,
    /// Everything p2plog writes itself.
    own: Vec<u8>,
    last_line: u64,
}

impl Sink for Scan {
    fn raw(&mut self, line: u64, bytes: &[u8]) -> io::Result<()> {
        assert!(line >= self.last_line, "lines go backwards");
        self.last_line = line;
        self.raw.extend_from_slice(bytes);
        Ok(())
    }

    fn record(&mut self, rec: &Record<'_>) -> io::Result<()> {
        assert!(rec.line <= rec.end_line && rec.end_line <= self.last_line);
        self.builder.lines(
            rec.line_count(),
            Some(rec.line_format()),
            rec.time.as_deref(),
        );
        let reports = self.analyzer.record("fuzz", rec);
        for r in &reports {
            assert!(rec.line <= r.line && r.line <= r.end_line && r.end_line <= rec.end_line);
            render::text::write_brief(&mut self.own, r, false, 80)?;
            render::json::write(&mut self.own, std::slice::from_ref(r))?;
            self.builder.event(r);
        }
        for c in self.analyzer.changes.drain(..) {
            self.builder.peers_at(&c.node, c.counted, c.line, c.count);
        }
        Ok(())
    }
}

fuzz_target!(|data: &[u8]| {
    let formats = formats();
    let mut source = input::from_reader("fuzz", Cursor::new(data.to_vec()));
    let mut sink = Scan {
        analyzer: Analyzer::new(None),
        builder: Builder::default(),
        raw: Vec::new(),
        own: Vec::new(),
        last_line: 0,
    };
    sink.builder.source("fuzz");
    let stats = match format::read_records(&mut source.lines, formats, &mut sink) {
        Ok(stats) => stats,
        // input that starts with gzip's magic bytes is read as gzip: when it
        // is not valid gzip, an error is the right answer (tests/errors.rs)
        Err(_) if data.starts_with(&[0x1f, 0x8b]) => return,
        Err(e) => panic!("{e}"),
    };
    assert!(
        sink.raw == data,
        "the bytes passed through differ from the input"
    );
    assert_eq!(stats.lines, sink.last_line);

    let summary = std::mem::take(&mut sink.builder).finish();
    assert_eq!(summary.lines, stats.lines);
    render::table::write(&mut sink.own, &summary, 80).unwrap();
    render::markdown::write(&mut sink.own, &summary).unwrap();
    render::github::write(&mut sink.own, &summary).unwrap();
    render::json::write_pretty_safe(&mut sink.own, &summary).unwrap();
    assert!(
        !has_raw_control(&String::from_utf8_lossy(&sink.own)),
        "raw control character in {:?}",
        String::from_utf8_lossy(&sink.own)
    );
});
