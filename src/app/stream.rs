//! One source read on five threads, so that a file uses both cores: a reader
//! (input, line formats, joining multi-line events), three finders (Debug values
//! → events: [`pipeline::find_events`], no state), which take the batches in
//! turn, and the caller's thread, which takes them back in the same turn (so
//! in input order), judges and writes. Batches travel through small bounded channels,
//! so memory does not grow with the file. Reading a stream (`live`), a batch
//! is also sent whenever the input waits, so that nothing read is held back.

use std::io::{self, BufRead, Write};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use crate::format::{read_records, Cut, Formats, ReadError, Record, Sink, Stats};
use crate::input::LineReader;
use crate::pipeline::{self, Found, Origin};

/// Records per batch.
const BATCH_RECORDS: usize = 256;
/// Batches in flight between two threads.
const IN_FLIGHT: usize = 2;
/// Raw bytes, or record text, a batch may hold before it is sent (a 100 MB
/// line arrives in pieces and leaves in pieces). Small, with few batches in
/// flight, so that peak memory stays flat (~25 MB) whatever the file size.
const BATCH_BYTES: usize = 1 << 18;

/// A piece of a batch's `text`: its byte range.
type Span = std::ops::Range<usize>;

/// One record, owned so that it can cross threads; its texts are spans of the
/// batch's one `text` buffer (no allocation per record).
#[derive(Debug)]
pub struct Item<'f> {
    pub line: u64,
    pub end_line: u64,
    /// The physical lines of a record whose lines are not consecutive
    /// ([`Record::line_numbers`]: rare, so owned).
    pub line_numbers: Option<Vec<u64>>,
    /// How many physical lines the record was read from.
    pub lines: u64,
    /// The record's line was cut for parsing ([`Record::cut`]).
    pub cut: Option<Cut>,
    /// The line format of the record (`tracing-fmt-full`, …).
    pub format: &'f str,
    node: Option<Span>,
    time: Option<Span>,
    pub libp2p: bool,
    /// One of libp2p's WARN or ERROR lines: its target and level
    /// ([`pipeline::libp2p_warning`]).
    warning: Option<(Span, Span)>,
    /// The text events are looked for in ([`pipeline::searched_text`]).
    message: Span,
    pub found: Vec<Found>,
    /// How many bytes of the batch's `raw` come before this record's end.
    raw_end: usize,
}

impl Item<'_> {
    /// Where this record's events were logged; `text` is its batch's text.
    pub fn origin<'a>(&'a self, source: &'a str, text: &'a str) -> Origin<'a> {
        Origin {
            source,
            line: self.line,
            end_line: self.end_line,
            node: self.node.clone().map(|s| &text[s]),
            time: self.time(text),
            libp2p: self.libp2p,
            line_numbers: self.line_numbers.as_deref(),
            cut: self.cut,
        }
    }

    /// The record's time stamp, as written; `text` is its batch's text.
    pub fn time<'a>(&self, text: &'a str) -> Option<&'a str> {
        self.time.clone().map(|s| &text[s])
    }
}

#[derive(Debug, Default)]
struct Batch<'f> {
    raw: Vec<u8>,
    /// The items' nodes, times and messages, one after the other.
    text: String,
    items: Vec<Item<'f>>,
}

/// What the caller's thread does with the source, in order.
pub trait Consumer {
    /// Bytes of input lines, as read (only when `keep_raw`).
    fn raw(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// A record and the events found in it, right after its raw bytes;
    /// `text` holds its node, time and message ([`Item::origin`]).
    fn item(&mut self, item: Item<'_>, text: &str) -> io::Result<()>;
    /// A batch is done: when live, a batch ends when it is full or when the
    /// input waits, so everything read so far has been handed over.
    fn batch_done(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// How many finder threads share the parsing. Three on two cores: the caller
/// takes batches back in turn, so a finder whose batch is done waits; with a
/// third the scheduler has work for the core meanwhile (summary ~5% faster
/// than with two, scan the same; four is no better and holds more batches).
const FINDERS: usize = 3;

/// A progress line on stderr for a large file read at a terminal: bytes read
/// (of the whole, when known), at most four times a second, cleared at the end.
#[derive(Debug)]
pub struct Progress {
    pub name: String,
    /// The size of the input, when it is a plain file.
    pub total: Option<u64>,
    read: u64,
    shown: Option<std::time::Instant>,
}

impl Progress {
    pub fn new(name: &str, total: Option<u64>) -> Self {
        Progress {
            name: name.to_owned(),
            total,
            read: 0,
            shown: None,
        }
    }

    fn advance(&mut self, bytes: usize) {
        self.read += bytes as u64;
        let now = std::time::Instant::now();
        if self
            .shown
            .is_some_and(|t| now.duration_since(t).as_millis() < 250)
        {
            return;
        }
        self.shown = Some(now);
        let _ = write!(std::io::stderr(), "\r{}", self.line());
    }

    /// `node.log: 59 MB (26%)`.
    fn line(&self) -> String {
        let mb = self.read as f64 / 1e6;
        match self.total.filter(|&t| t > 0) {
            Some(t) => format!(
                "{}: {mb:.0} MB ({}%)",
                crate::render::safe_line(&self.name),
                self.read * 100 / t
            ),
            None => format!("{}: {mb:.0} MB", crate::render::safe_line(&self.name)),
        }
    }

    fn finish(&self) {
        if self.shown.is_some() {
            let _ = write!(std::io::stderr(), "\r\x1b[K");
        }
    }
}

/// The reader thread's sink: owned items in batches, sent to the finders in turn.
struct Batcher<'f> {
    progress: Option<Progress>,
    formats: &'f Formats,
    keep_raw: bool,
    live: bool,
    batch: Batch<'f>,
    out: Vec<SyncSender<Batch<'f>>>,
    sent: usize,
    /// Batches the caller's thread is done with, emptied: their buffers are
    /// used again rather than freed on one thread and made on another.
    spent: Receiver<Batch<'f>>,
}

impl Batcher<'_> {
    fn send(&mut self) -> io::Result<()> {
        let next = self.spent.try_recv().unwrap_or_default();
        let batch = std::mem::replace(&mut self.batch, next);
        let to = &self.out[self.sent % self.out.len()];
        self.sent += 1;
        to.send(batch)
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the output stopped"))
    }
}

impl<'f> Sink for Batcher<'f> {
    fn raw(&mut self, _line: u64, bytes: &[u8]) -> io::Result<()> {
        if let Some(p) = &mut self.progress {
            p.advance(bytes.len());
        }
        if self.keep_raw {
            self.batch.raw.extend_from_slice(bytes);
            if self.batch.raw.len() >= BATCH_BYTES {
                self.send()?;
            }
        }
        Ok(())
    }

    fn record(&mut self, rec: &Record<'_>) -> io::Result<()> {
        let format = self
            .formats
            .get(rec.line_format())
            .map_or("plain", |f| f.spec.id.as_str());
        let text = &mut self.batch.text;
        let mut span = |piece: &str| {
            text.push_str(piece);
            text.len() - piece.len()..text.len()
        };
        let node = rec.node.as_deref().map(&mut span);
        let time = rec.time.as_deref().map(&mut span);
        let warning = pipeline::libp2p_warning(rec).map(|(t, l)| (span(t), span(l)));
        let start = text.len();
        pipeline::push_searched_text(rec, text);
        let message = start..text.len();
        self.batch.items.push(Item {
            line: rec.line,
            end_line: rec.end_line,
            line_numbers: rec.line_numbers.map(<[u64]>::to_vec),
            lines: rec.line_count(),
            cut: rec.cut,
            format,
            node,
            time,
            libp2p: pipeline::is_libp2p_stack(rec.target.as_deref()),
            warning,
            message,
            found: Vec::new(),
            raw_end: self.batch.raw.len(),
        });
        if self.batch.items.len() >= BATCH_RECORDS || self.batch.text.len() >= BATCH_BYTES {
            self.send()?;
        }
        Ok(())
    }

    fn line_done(&mut self, ready: &dyn Fn() -> bool) -> io::Result<()> {
        // live, what was read goes out before the input waits, records and
        // the lines of an event still being joined alike
        let held = !self.batch.raw.is_empty() || !self.batch.items.is_empty();
        if self.live && held && !ready() {
            self.send()?;
        }
        Ok(())
    }
}

/// Finds the events of every record of each batch.
fn find<'f>(batches: Receiver<Batch<'f>>, out: SyncSender<Batch<'f>>) {
    for mut batch in batches {
        for item in &mut batch.items {
            let text = &batch.text;
            let warning = item.warning.clone();
            let warning = warning.map(|(target, level)| (&text[target], &text[level]));
            item.found = pipeline::find_record_events(&text[item.message.clone()], warning);
        }
        if out.send(batch).is_err() {
            return;
        }
    }
}

/// Reads every line of `lines` and hands raw bytes and items to `consumer`
/// in input order.
pub fn drive<R: BufRead + crate::input::Ready + Send>(
    lines: &mut LineReader<R>,
    formats: &Formats,
    live: bool,
    keep_raw: bool,
    progress: Option<Progress>,
    consumer: &mut dyn Consumer,
) -> Result<Stats, ReadError> {
    std::thread::scope(|scope| {
        let mut to_finders = Vec::new();
        let mut from_finders = Vec::new();
        // room for every batch there can be (in the channels, one per
        // finder, the reader's and the caller's): none is ever dropped and
        // made again, which let peak memory grow to ~37 MB
        let (to_reader, spent) = sync_channel(FINDERS * (2 * IN_FLIGHT + 1) + 2);
        for _ in 0..FINDERS {
            let (to_finder, from_reader) = sync_channel(IN_FLIGHT);
            let (to_main, from_finder) = sync_channel(IN_FLIGHT);
            scope.spawn(move || find(from_reader, to_main));
            to_finders.push(to_finder);
            from_finders.push(from_finder);
        }
        let reader = scope.spawn(move || {
            let batch = Batch::default();
            let mut sink = Batcher {
                progress,
                formats,
                keep_raw,
                live,
                batch,
                out: to_finders,
                sent: 0,
                spent,
            };
            let stats = read_records(lines, formats, &mut sink);
            if let Some(p) = &sink.progress {
                p.finish();
            }
            // what was read before an input error (a corrupt gzip) is still
            // written; after an output error nobody is listening
            let pending = !sink.batch.raw.is_empty() || !sink.batch.items.is_empty();
            let sent = match &stats {
                Err(ReadError::Output(_)) => Ok(()),
                _ if pending => sink.send(),
                _ => Ok(()),
            };
            let stats = stats?;
            sent.map_err(ReadError::Output)?;
            Ok::<Stats, ReadError>(stats)
        });
        let consumed = consume(&from_finders, &to_reader, consumer);
        drop(from_finders);
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // an output error stops everything; it wins over the reader's view of it
        consumed.map_err(ReadError::Output)?;
        read
    })
}

/// The caller's side: raw bytes and items, in order; each batch, emptied,
/// goes back to the reader. On an error the receiver is dropped, which stops
/// the other threads.
fn consume<'f>(
    finders: &[Receiver<Batch<'f>>],
    reader: &SyncSender<Batch<'f>>,
    consumer: &mut dyn Consumer,
) -> io::Result<()> {
    // the batches went to the finders in turn: take them back in the same turn
    let mut turn = 0;
    while let Ok(mut batch) = finders[turn % finders.len()].recv() {
        turn += 1;
        let mut written = 0;
        for item in batch.items.drain(..) {
            consumer.raw(&batch.raw[written..item.raw_end])?;
            written = item.raw_end;
            consumer.item(item, &batch.text)?;
        }
        consumer.raw(&batch.raw[written..])?;
        consumer.batch_done()?;
        batch.raw.clear();
        batch.text.clear();
        // the channel has room for every batch; the reader may be gone
        let _ = reader.try_send(batch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_line_says_megabytes_and_percent() {
        let mut p = Progress::new("node.log", Some(200_000_000));
        p.read = 59_000_000;
        assert_eq!(p.line(), "node.log: 59 MB (29%)");
        p.total = None;
        assert_eq!(p.line(), "node.log: 59 MB");
    }

    #[test]
    fn progress_line_escapes_the_file_name() {
        let p = Progress::new("a\nb\x1b[2J.log", None);
        assert_eq!(p.line(), "a\\nb\\x1b[2J.log: 0 MB");
    }
}
