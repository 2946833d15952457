//! Reads files through `input` and `format` (lines, format detection, fields,
//! multi-line joins) with a sink that only counts, and prints MB/s: the cost
//! of the stage before Debug parsing. `cargo run --release --example
//! read_records FILE...`; with `/usr/bin/time -v` for the peak RSS.

use std::io;
use std::time::Instant;

use p2plog::format::{self, Formats, Record, Sink};

#[derive(Default)]
struct Count {
    bytes: u64,
    message_bytes: u64,
}

impl Sink for Count {
    fn raw(&mut self, _line: u64, bytes: &[u8]) -> io::Result<()> {
        self.bytes += bytes.len() as u64;
        Ok(())
    }
    fn record(&mut self, record: &Record<'_>) -> io::Result<()> {
        self.message_bytes += record.message.len() as u64;
        Ok(())
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let formats = Formats::builtin()?;
    for path in std::env::args().skip(1) {
        let start = Instant::now();
        let mut source = p2plog::input::open(&path)?;
        let mut sink = Count::default();
        let stats = format::read_records(&mut source.lines, &formats, &mut sink)?;
        let secs = start.elapsed().as_secs_f64();
        let mb = sink.bytes as f64 / 1e6;
        println!(
            "{path}: {mb:.1} MB, {} lines, {} records ({} joined, {} truncated) in {secs:.2} s: {:.0} MB/s",
            stats.lines,
            stats.records,
            stats.joined,
            stats.truncated,
            mb / secs
        );
    }
    Ok(())
}
