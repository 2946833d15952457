//! The read loop of one source: lines from `input`, passed through to a
//! [`Sink`] as read, parsed by a [`LineParser`], joined by the assembler, and
//! each finished [`Record`] handed to the sink after its last line.

use std::io::{self, BufRead};

use super::assemble::{Assembler, Emit};
use super::parse::LineParser;
use super::record::{Cut, Record};
use super::registry::Formats;
use crate::input::{InputError, LineBuf, LineReader, Ready};

/// Receives a source's bytes and records, in output order: the bytes of
/// each line as soon as it is read, and each record right after the bytes
/// of its last line. Writing every `raw` call reproduces the input exactly.
pub trait Sink {
    /// Bytes of line `line` as read, its ending included. An over-long line
    /// comes in several calls with the same number.
    fn raw(&mut self, line: u64, bytes: &[u8]) -> io::Result<()>;
    /// A finished record.
    fn record(&mut self, record: &Record<'_>) -> io::Result<()>;
    /// A line and the records it finished were handed over; `ready` tells
    /// whether the next line is in memory already. A sink that batches can
    /// pass on what it holds when it is not, so that a live log's lines are
    /// not held back while the input waits (the first lines of a `{:#?}`
    /// event being joined, which no record follows yet).
    fn line_done(&mut self, _ready: &dyn Fn() -> bool) -> io::Result<()> {
        Ok(())
    }
}

/// Why reading a source stopped.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("writing the output")]
    Output(#[source] io::Error),
}

/// What reading a source found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub lines: u64,
    pub records: u64,
    /// Records joined from more than one line.
    pub joined: u64,
    /// Records marked truncated.
    pub truncated: u64,
}

/// Reads every line of `lines`, handing bytes and records to `sink`.
pub fn read_records<R: BufRead + Ready>(
    lines: &mut LineReader<R>,
    formats: &Formats,
    sink: &mut impl Sink,
) -> Result<Stats, ReadError> {
    let mut parser = LineParser::new(formats);
    let mut assembler = Assembler::new(formats);
    let mut buf = LineBuf::default();
    let mut out = Counting {
        sink,
        stats: Stats::default(),
    };
    // on an input error the events being joined still end (truncated), so
    // that what was read is all handed over
    let read = (|| -> Result<(), ReadError> {
        while let Some(line) = lines.read(&mut buf)? {
            let mut record = parser.parse(line.number, line.text, line.truncated);
            // an event this line cuts off goes out before the line
            assembler
                .end_cut_off(&record, parser.last(), &mut out)
                .map_err(ReadError::Output)?;
            out.sink
                .raw(line.number, line.raw)
                .map_err(ReadError::Output)?;
            let mut length = line.raw.len() as u64;
            if line.truncated {
                while let Some(piece) = lines.tail()? {
                    length += piece.len() as u64;
                    out.sink
                        .raw(line.number, piece)
                        .map_err(ReadError::Output)?;
                }
            }
            out.stats.lines += 1;
            if line.truncated {
                record.cut = Some(Cut {
                    at: line.raw.len() as u64,
                    length,
                });
            }
            assembler
                .push(&record, parser.last(), &mut out)
                .map_err(ReadError::Output)?;
            (out.sink)
                .line_done(&|| lines.line_ready())
                .map_err(ReadError::Output)?;
        }
        Ok(())
    })();
    if let Err(ReadError::Output(e)) = read {
        return Err(ReadError::Output(e));
    }
    assembler.finish(&mut out).map_err(ReadError::Output)?;
    read?;
    Ok(out.stats)
}

/// Counts what passes to the sink.
struct Counting<'s, S> {
    sink: &'s mut S,
    stats: Stats,
}

impl<S: Sink> Emit for Counting<'_, S> {
    fn emit(&mut self, record: &Record<'_>) -> io::Result<()> {
        self.stats.records += 1;
        self.stats.joined += u64::from(record.end_line > record.line);
        self.stats.truncated += u64::from(record.truncated);
        self.sink.record(record)
    }
}
