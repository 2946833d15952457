//! Odd inputs through `input` + `format`, built from real fixtures: gzip,
//! CRLF, no final newline, invalid UTF-8, ANSI colours, an event that never
//! closes, a line of megabytes. Every byte must still pass through in order.

use std::io::{self, Cursor, Write};

use p2plog::format::{self, Formats, Record, Sink};
use p2plog::input::{self, MAX_LINE};

use crate::fixtures;

/// A record as compared here.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Flat {
    line: u64,
    end_line: u64,
    time: Option<String>,
    node: Option<String>,
    message: String,
    truncated: bool,
}

#[derive(Default)]
struct Collect {
    raw: Vec<u8>,
    records: Vec<Flat>,
}

impl Sink for Collect {
    fn raw(&mut self, _line: u64, bytes: &[u8]) -> io::Result<()> {
        self.raw.extend_from_slice(bytes);
        Ok(())
    }
    fn record(&mut self, r: &Record<'_>) -> io::Result<()> {
        self.records.push(Flat {
            line: r.line,
            end_line: r.end_line,
            time: r.time.as_deref().map(str::to_owned),
            node: r.node.as_deref().map(str::to_owned),
            message: r.message.to_string(),
            truncated: r.truncated,
        });
        Ok(())
    }
}

/// Reads `bytes` as a source; checks that they all pass through.
fn read(bytes: &[u8]) -> Vec<Flat> {
    let formats = Formats::builtin().unwrap();
    let mut source = input::from_reader("test", Cursor::new(bytes.to_vec()));
    let mut sink = Collect::default();
    format::read_records(&mut source.lines, &formats, &mut sink).unwrap();
    assert!(
        sink.raw == bytes,
        "the bytes passed through differ from the input"
    );
    sink.records
}

fn fixture(rel: &str) -> Vec<u8> {
    fixtures::read(&crate::util::path(rel)).into_bytes()
}

#[test]
fn gzip_input_gives_the_records_of_plain_input() {
    let plain = fixture("fixtures/pair/pretty.log");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&plain).unwrap();
    let gz = gz.finish().unwrap();
    let formats = Formats::builtin().unwrap();
    let mut source = input::from_reader("gz", Cursor::new(gz));
    assert!(source.gzip);
    let mut sink = Collect::default();
    format::read_records(&mut source.lines, &formats, &mut sink).unwrap();
    assert!(sink.raw == plain);
    assert_eq!(sink.records, read(&plain));
}

#[test]
fn crlf_line_endings_give_the_same_records() {
    let lf = fixture("fixtures/pair/pretty.log");
    let crlf: Vec<u8> = lf
        .iter()
        .flat_map(|&b| {
            if b == b'\n' {
                vec![b'\r', b'\n']
            } else {
                vec![b]
            }
        })
        .collect();
    assert_eq!(read(&crlf), read(&lf));
}

/// Found by the CLI review: a byte order mark (Windows tools write one)
/// made line 1 unreadable: in tracing-json its event was lost, in the full
/// format the line lost its node and time.
#[test]
fn a_byte_order_mark_hid_the_first_line() {
    for rel in [
        "fixtures/lone/tracing-json.log",
        "fixtures/lone/tracing-full.log",
    ] {
        let plain = fixture(rel);
        let bom = [&b"\xef\xbb\xbf"[..], &plain].concat();
        assert_eq!(read(&bom), read(&plain), "{rel}");
    }
}

#[test]
fn a_last_line_without_newline_is_read() {
    let full = fixture("fixtures/pair/envlogger.log");
    let cut = &full[..full.len() - 1];
    assert_eq!(read(cut), read(&full));
}

#[test]
fn invalid_utf8_is_replaced_in_one_record_only() {
    let good = fixture("fixtures/pair/tag.log");
    let mut bad = good.clone();
    let at = good.iter().position(|&b| b == b'\n').unwrap() / 2; // inside line 1
    bad[at] = 0xff;
    let (good, bad) = (read(&good), read(&bad));
    assert_eq!(good.len(), bad.len());
    assert!(bad[0].message.contains('\u{FFFD}'), "{:?}", bad[0]);
    assert_eq!(good[1..], bad[1..]);
}

#[test]
fn ansi_colours_do_not_change_the_records() {
    let coloured = fixture("fixtures/pair/tracing-full.log");
    let text = String::from_utf8(coloured.clone()).unwrap();
    let plain = regex::Regex::new("\x1b\\[[0-9;]*m")
        .unwrap()
        .replace_all(&text, "");
    assert!(plain.len() < text.len(), "the fixture has colours");
    assert_eq!(read(&coloured), read(plain.as_bytes()));
}

#[test]
fn an_event_that_never_closes_ends_at_the_next_header() {
    let text = String::from_utf8(fixture("fixtures/pair/pretty.log")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // drop the closing line of the first multi-line event
    let close = lines.iter().position(|l| *l == "    }").unwrap();
    let mut cut: Vec<&str> = lines.clone();
    cut.remove(close);
    let cut = cut.join("\n") + "\n";
    let (whole, broken) = (read(text.as_bytes()), read(cut.as_bytes()));
    let open = broken
        .iter()
        .position(|r| r.truncated)
        .expect("one record is truncated");
    assert_eq!(broken.iter().filter(|r| r.truncated).count(), 1);
    assert_eq!(
        broken[open].end_line as usize, close,
        "it ends on the line before the cut"
    );
    // every later record is the same, one line earlier
    let later = |rs: &[Flat], from: u64| -> Vec<String> {
        rs.iter()
            .filter(|r| r.line > from)
            .map(|r| r.message.clone())
            .collect()
    };
    assert_eq!(
        later(&broken, close as u64),
        later(&whole, close as u64 + 1)
    );
}

#[test]
fn a_line_of_megabytes_is_cut_for_parsing_and_passed_through() {
    let text = fixture("fixtures/pair/envlogger.log");
    let first = text.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut long = text[..first].to_vec();
    long.extend_from_slice(b"[2026-11-24T09:45:04Z INFO  generator] Swarm event: ");
    long.extend(std::iter::repeat_n(b'x', 3 * MAX_LINE));
    long.push(b'\n');
    long.extend_from_slice(&text[first..]);
    let records = read(&long);
    let cut = &records[1];
    assert!(
        cut.truncated && cut.message.len() < MAX_LINE,
        "{}",
        cut.message.len()
    );
    let shifted: Vec<String> = records[2..].iter().map(|r| r.message.clone()).collect();
    let original: Vec<String> = read(&text)[1..].iter().map(|r| r.message.clone()).collect();
    assert_eq!(shifted, original);
}
