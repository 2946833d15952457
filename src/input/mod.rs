//! `input`: bytes → physical lines.
//!
//! Owns opening what the command line names (a file, or `-` for standard
//! input), recognising gzip by its magic bytes, splitting the bytes into lines
//! (`\n` or `\r\n`, a last line without a newline), counting them per source,
//! decoding them as lossy UTF-8, stripping ANSI escape sequences for parsing,
//! and capping how much of one line is kept in memory.
//!
//! It does not know what a line means: which log format a line is in, and
//! joining the lines of one multi-line `{:#?}` event, belong to `format`, which
//! reads the [`Line`]s this module yields.
//!
//! ```no_run
//! # fn main() -> Result<(), p2plog::input::InputError> {
//! use p2plog::input::{self, LineBuf};
//! let mut source = input::open("node.log.gz")?; // or "-" for stdin
//! let mut buf = LineBuf::default();
//! while let Some(line) = source.lines.read(&mut buf)? {
//!     // line.raw: the bytes as read; line.text: what to parse
//!     println!("{}: {}", line.number, line.text);
//! }
//! # Ok(()) }
//! ```

mod ansi;
mod lines;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

pub use ansi::strip_ansi;
pub use lines::{Line, LineBuf, LineReader, MAX_LINE};

/// `text` with its control characters written as escapes (`\n`, and `\x1b`
/// as [`crate::render::safe`] writes the others): for a value decoded from
/// an escape (a Debug string, a JSON string) that names or describes
/// something on one line of output. A line break from a peer must not start
/// a line there: CI reads a line `::error::…` as a workflow command.
pub fn escape_controls(text: Cow<'_, str>) -> Cow<'_, str> {
    let hidden = |c: char| c.is_control() || is_bidi_control(c);
    if !may_hold_control(text.as_bytes(), true) || !text.contains(hidden) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if is_bidi_control(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether `bytes` may hold a control character (with `breaks`, also `\n`
/// and `\t`) or a bidirectional formatting character ([`is_bidi_control`]):
/// the bytes below 0x20, 0x7f, and the lead bytes 0xc2 (U+0080–U+009F),
/// 0xd8 and 0xe2 (the bidi controls). In 32-byte chunks without early exit,
/// which the compiler turns into vector instructions (every string p2plog
/// shows passes); only when a lead byte is seen are the bytes after it read.
pub(crate) fn may_hold_control(bytes: &[u8], breaks: bool) -> bool {
    let ascii = |b: u8| (b < 0x20 && (breaks || (b != b'\n' && b != b'\t'))) | (b == 0x7f);
    let lead = |b: u8| (b == 0xc2) | (b == 0xd8) | (b == 0xe2);
    if !any_byte(bytes, |b| ascii(b) | lead(b)) {
        return false;
    }
    // '…' and '–' start with 0xe2 too: only the characters after a lead byte tell
    any_byte(bytes, ascii)
        || memchr::memchr3_iter(0xc2, 0xd8, 0xe2, bytes).any(|k| match bytes[k] {
            0xc2 => matches!(bytes.get(k + 1), Some(0x80..=0x9f)),
            b => bytes
                .get(k..k + if b == 0xd8 { 2 } else { 3 })
                .and_then(|c| std::str::from_utf8(c).ok())
                .and_then(|s| s.chars().next())
                .is_some_and(is_bidi_control),
        })
}

/// Whether any byte is `suspect`: in 32-byte chunks without early exit,
/// which the compiler turns into vector instructions.
#[inline(always)]
pub(crate) fn any_byte(bytes: &[u8], suspect: impl Fn(u8) -> bool) -> bool {
    let mut chunks = bytes.chunks_exact(32);
    let tail = chunks.remainder();
    chunks.any(|c| c.iter().fold(false, |seen, &b| seen | suspect(b)))
        || tail.iter().any(|&b| suspect(b))
}

/// The characters that reorder how text around them is displayed (the
/// bidirectional embeddings, overrides, isolates and marks): a peer's string
/// holding U+202E would show the rest of a line reversed.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The size of the read buffer for files, standard input and gzip output.
const BUF_SIZE: usize = 256 * 1024;

/// gzip's magic bytes (RFC 1952 §2.3.1).
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Why an input could not be read. Every variant names the input; read
/// errors also say how many lines had been read before it.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{}: no such file", .path.display())]
    NotFound { path: PathBuf },
    #[error("{}: is a directory, not a log file", .path.display())]
    IsDirectory { path: PathBuf },
    #[error("{}: permission denied", .path.display())]
    PermissionDenied { path: PathBuf },
    #[error("{}: cannot open", .path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{name}: corrupt gzip data after line {line}")]
    CorruptGzip {
        name: String,
        line: u64,
        #[source]
        source: io::Error,
    },
    #[error("{name}: read error after line {line}")]
    Read {
        name: String,
        line: u64,
        #[source]
        source: io::Error,
    },
}

/// One opened input: its display name and a reader over its lines.
pub struct Source {
    /// The path as given, or `<stdin>`.
    pub name: String,
    /// Whether the bytes were gzip-compressed.
    pub gzip: bool,
    pub lines: LineReader<Box<dyn BufRead + Send>>,
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("name", &self.name)
            .field("gzip", &self.gzip)
            .finish_non_exhaustive()
    }
}

/// Opens a file, or standard input for `-`. gzip is recognised by content,
/// whatever the file is called.
pub fn open(path: impl AsRef<Path>) -> Result<Source, InputError> {
    let path = path.as_ref();
    if path == Path::new("-") {
        return Ok(from_reader("<stdin>", io::stdin()));
    }
    let not_openable = |source: io::Error| match source.kind() {
        io::ErrorKind::NotFound => InputError::NotFound { path: path.into() },
        io::ErrorKind::PermissionDenied => InputError::PermissionDenied { path: path.into() },
        _ => InputError::Open {
            path: path.into(),
            source,
        },
    };
    let meta = std::fs::metadata(path).map_err(not_openable)?;
    if meta.is_dir() {
        return Err(InputError::IsDirectory { path: path.into() });
    }
    let file = File::open(path).map_err(not_openable)?;
    Ok(from_reader(&path.display().to_string(), file))
}

/// Wraps any reader (a file, stdin, bytes in memory) as a [`Source`] named
/// `name`, decompressing it when it starts with gzip's magic bytes. A read
/// error while peeking at those bytes is reported by the first
/// [`LineReader::read`].
pub fn from_reader(name: &str, mut reader: impl Read + Send + 'static) -> Source {
    let (head, peek_error) = read_head(&mut reader);
    let gzip = head == GZIP_MAGIC;
    let head = io::Cursor::new(head).chain(reader);
    let plain = BufReader::with_capacity(BUF_SIZE, head);
    let reader: Box<dyn BufRead + Send> = if gzip {
        let decoder = flate2::bufread::MultiGzDecoder::new(plain);
        Box::new(BufReader::with_capacity(BUF_SIZE, decoder))
    } else {
        Box::new(plain)
    };
    let mut lines = LineReader::new(name, reader, gzip);
    if let Some(err) = peek_error {
        lines.fail_with(err);
    }
    Source {
        name: name.to_owned(),
        gzip,
        lines,
    }
}

/// The first two bytes of `reader` (fewer at the end of input): a pipe may
/// deliver them one at a time.
fn read_head(reader: &mut impl Read) -> (Vec<u8>, Option<io::Error>) {
    let mut head = vec![0u8; GZIP_MAGIC.len()];
    let mut have = 0;
    while have < head.len() {
        match reader.read(&mut head[have..]) {
            Ok(0) => break,
            Ok(n) => have += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                head.truncate(have);
                return (head, Some(e));
            }
        }
    }
    head.truncate(have);
    (head, None)
}
