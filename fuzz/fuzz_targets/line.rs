//! One line through the whole pipeline: `input` (lossy UTF-8, ANSI
//! stripping, the line cap) → `format` (the line's format and fields) →
//! `pipeline::Analyzer` (Debug values, events, verdicts) → `render` (scan's
//! brief text, explain's full text, JSON Lines). Never panics; what p2plog
//! writes itself has no raw control character; JSON reads back.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use p2plog::format::LineParser;
use p2plog::input::{self, LineBuf};
use p2plog::pipeline::Analyzer;
use p2plog::render::{self, json::EventJson};

#[path = "common.rs"]
mod common;
use common::{formats, has_raw_control};

fuzz_target!(|data: &[u8]| {
    let formats = formats();
    let mut source = input::from_reader("fuzz", Cursor::new(data.to_vec()));
    let mut buf = LineBuf::default();
    let Ok(Some(line)) = source.lines.read(&mut buf) else {
        return;
    };
    let mut parser = LineParser::new(formats);
    let record = parser.parse(line.number, line.text, line.truncated);
    let mut analyzer = Analyzer::new(None);
    let reports = analyzer.record("fuzz", &record);

    let mut text = Vec::new();
    for r in &reports {
        render::text::write_brief(&mut text, r, true, 80).unwrap();
    }
    render::text::write_full(&mut text, &reports, 80).unwrap();
    let text = String::from_utf8(text).expect("text output is UTF-8");
    assert!(!has_raw_control(&text), "raw control character in {text:?}");

    let mut json = Vec::new();
    render::json::write(&mut json, &reports).unwrap();
    let json = String::from_utf8(json).expect("JSON output is UTF-8");
    assert_eq!(json.lines().count(), reports.len());
    for (l, r) in json.lines().zip(&reports) {
        assert!(!has_raw_control(l), "raw control character in {l:?}");
        let back: EventJson = serde_json::from_str(l).expect("JSON output reads back");
        assert_eq!(back.kind, render::safe(&r.explanation.kind));
        assert!(back.line <= back.end_line);
    }
});
