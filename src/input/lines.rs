//! Splitting a byte stream into physical lines, with a bounded amount of each
//! line kept in memory, and making the text of each line ready to parse.

use std::io::{self, BufRead, Read};

use memchr::memchr;

use super::{strip_ansi, InputError};

/// How many bytes of one line (its ending included) are kept for parsing. The
/// rest of a longer line is still handed out, in pieces, by
/// [`LineReader::tail`], so that it can be passed through.
pub const MAX_LINE: usize = 1024 * 1024;

/// Reads physical lines from a [`BufRead`] into a reusable [`LineBuf`]:
/// `\n` and `\r\n` endings, a last line without a newline, and lines of any
/// length with at most [`MAX_LINE`] bytes of each in memory.
pub struct LineReader<R> {
    name: String,
    inner: R,
    gzip: bool,
    cap: usize,
    /// Lines read so far; the number of the last one.
    number: u64,
    /// The current line was cut: its rest is still in `inner`.
    in_tail: bool,
    /// Bytes of the piece last returned by `tail` not yet consumed.
    tail_len: usize,
    /// An error to report at the next read: seen while peeking for gzip,
    /// or after the start of a line, which was returned first.
    early_error: Option<io::Error>,
}

/// The buffers one line is read into, reused from line to line so that
/// reading allocates only when a line is longer than any before it.
#[derive(Default)]
pub struct LineBuf {
    raw: Vec<u8>,
    text: String,
    scratch: String,
}

/// One physical line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'b> {
    /// 1-based, per source.
    pub number: u64,
    /// The bytes as read, with the line ending (`\n`, `\r\n`, or none at the
    /// end of the input). For a truncated line, only the first [`MAX_LINE`]
    /// bytes: the rest comes from [`LineReader::tail`].
    pub raw: &'b [u8],
    /// The text to parse: no line ending, invalid UTF-8 replaced by U+FFFD,
    /// ANSI escape sequences removed.
    pub text: &'b str,
    /// The line was longer than [`MAX_LINE`] bytes and `text` is its start.
    pub truncated: bool,
}

impl<R: super::Ready> LineReader<R> {
    /// Whether the next line is already read into memory (for a gzip input:
    /// decompressed), so that [`LineReader::read`] will not wait for it.
    pub fn line_ready(&self) -> bool {
        self.inner.line_ready()
    }
}

impl<R: BufRead> LineReader<R> {
    /// A reader named `name` (for error messages) over `inner`; `gzip` says
    /// whether `inner` decompresses, so that its errors read as corrupt data.
    pub fn new(name: &str, inner: R, gzip: bool) -> Self {
        Self::with_cap(name, inner, gzip, MAX_LINE)
    }

    /// As [`LineReader::new`], keeping at most `cap` bytes of a line.
    pub fn with_cap(name: &str, inner: R, gzip: bool, cap: usize) -> Self {
        LineReader {
            name: name.to_owned(),
            inner,
            gzip,
            cap: cap.max(1),
            number: 0,
            in_tail: false,
            tail_len: 0,
            early_error: None,
        }
    }

    /// The number of lines read so far.
    pub fn lines_read(&self) -> u64 {
        self.number
    }

    /// Makes the next [`LineReader::read`] fail with `err`.
    pub(crate) fn fail_with(&mut self, err: io::Error) {
        self.early_error = Some(err);
    }

    /// The next line, or `None` at the end of the input. The rest of a
    /// truncated previous line that was not taken with `tail` is skipped.
    pub fn read<'b>(&mut self, buf: &'b mut LineBuf) -> Result<Option<Line<'b>>, InputError> {
        if let Some(err) = self.early_error.take() {
            return Err(self.error(err));
        }
        while self.tail()?.is_some() {}
        let LineBuf { raw, text, scratch } = buf;
        raw.clear();
        let mut truncated = false;
        loop {
            let avail = match self.inner.fill_buf() {
                Ok(avail) => avail,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                // the part of a line read before the error is still a line
                // (a gzip file cut mid-line); the next read reports the error
                Err(e) if !raw.is_empty() => {
                    self.early_error = Some(e);
                    break;
                }
                Err(e) => return Err(self.error(e)),
            };
            if avail.is_empty() {
                break;
            }
            let (take, ends) = match memchr(b'\n', avail) {
                Some(k) => (k + 1, true),
                None => (avail.len(), false),
            };
            let room = self.cap - raw.len();
            if take > room {
                raw.extend_from_slice(&avail[..room]);
                self.inner.consume(room);
                truncated = true;
                self.in_tail = true;
                break;
            }
            raw.extend_from_slice(&avail[..take]);
            self.inner.consume(take);
            if ends {
                break;
            }
        }
        if raw.is_empty() {
            return Ok(None);
        }
        self.number += 1;
        let raw: &'b [u8] = raw;
        let mut text = decode(raw, text, scratch);
        if self.number == 1 {
            // a byte order mark, as Windows tools write one, is not text
            text = text.strip_prefix('\u{feff}').unwrap_or(text);
        }
        Ok(Some(Line {
            number: self.number,
            raw,
            text,
            truncated,
        }))
    }

    /// The next piece of the rest of a truncated line, as read (the last
    /// piece ends with the line ending), or `None` when the line is done.
    /// Lets the caller pass an over-long line through without holding it.
    pub fn tail(&mut self) -> Result<Option<&[u8]>, InputError> {
        self.inner.consume(std::mem::take(&mut self.tail_len));
        if !self.in_tail {
            return Ok(None);
        }
        // Measure the piece first, then borrow it: the borrow checker cannot
        // see that an error path does not keep the buffer borrowed.
        let measured = loop {
            match self.inner.fill_buf() {
                Ok(avail) => break Ok(piece_len(avail)),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => break Err(e),
            }
        };
        let (len, ends) = match measured {
            Ok(piece) => piece,
            Err(e) => {
                self.in_tail = false;
                return Err(self.error(e));
            }
        };
        if ends || len == 0 {
            self.in_tail = false;
        }
        if len == 0 {
            return Ok(None);
        }
        self.tail_len = len;
        let LineReader {
            inner,
            name,
            number,
            gzip,
            ..
        } = self;
        match inner.fill_buf() {
            Ok(avail) => Ok(Some(&avail[..len])),
            Err(e) => Err(read_error(name, *number, *gzip, e)),
        }
    }

    /// The rest of the input as read, whole (for a file that is not a log:
    /// a summary to merge), up to `limit` bytes; `false` when there were more.
    pub fn read_rest(&mut self, out: &mut Vec<u8>, limit: u64) -> Result<bool, InputError> {
        if let Some(err) = self.early_error.take() {
            return Err(self.error(err));
        }
        let read = (&mut self.inner)
            .take(limit.saturating_add(1))
            .read_to_end(out);
        read.map_err(|e| self.error(e))?;
        Ok(out.len() as u64 <= limit)
    }

    fn error(&self, source: io::Error) -> InputError {
        read_error(&self.name, self.number, self.gzip, source)
    }
}

/// A read error after `line` lines of `name`; from a gzip decoder, bad data
/// reads as corrupt gzip.
fn read_error(name: &str, line: u64, gzip: bool, source: io::Error) -> InputError {
    let name = name.to_owned();
    let corrupt = matches!(
        source.kind(),
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
    );
    if gzip && corrupt {
        InputError::CorruptGzip { name, line, source }
    } else {
        InputError::Read { name, line, source }
    }
}

/// The length of the piece of a line at the start of `avail` (up to and
/// including a newline), and whether it ends the line.
fn piece_len(avail: &[u8]) -> (usize, bool) {
    match memchr(b'\n', avail) {
        Some(k) => (k + 1, true),
        None => (avail.len(), false),
    }
}

/// The text of the line `raw` for parsing: no line ending, invalid UTF-8
/// replaced, ANSI escapes stripped. Borrows `raw` when nothing changes (the
/// common case: no allocation, one UTF-8 check); else uses the buffers.
fn decode<'b>(raw: &'b [u8], text: &'b mut String, scratch: &'b mut String) -> &'b str {
    let mut end = raw.len();
    if raw[..end].ends_with(b"\n") {
        end -= 1;
    }
    if raw[..end].ends_with(b"\r") {
        end -= 1;
    }
    let content = &raw[..end];
    let has_escape = memchr(0x1b, content).is_some();
    let decoded: &str = match std::str::from_utf8(content) {
        Ok(valid) if !has_escape => return valid,
        Ok(valid) => valid,
        Err(_) => {
            text.clear();
            for chunk in content.utf8_chunks() {
                text.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    text.push(char::REPLACEMENT_CHARACTER);
                }
            }
            if !has_escape {
                return text;
            }
            text
        }
    };
    strip_ansi(decoded, scratch);
    scratch
}
