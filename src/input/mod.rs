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
mod gzip;
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
    let hidden = |c: char| c.is_control() || is_hidden(c);
    let command = holds_command(&text);
    if !command && (!may_hold_control(&text, true) || !text.contains(hidden)) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() || is_hidden(c) => push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    if command {
        out = defuse_commands(&out);
    }
    Cow::Owned(out)
}

/// Whether `text` holds a CI workflow command that a runner obeys anywhere
/// in a line, not only at its start: GitHub's older `##[error]…` syntax, and
/// Azure Pipelines' `##vso[…]`. (GitHub's `::error::` counts only at the
/// start of a line, which a peer's text never reaches: see
/// `render::text::may_start_line`.)
pub(crate) fn holds_command(text: &str) -> bool {
    // two searches: matches of `##` alone do not overlap, and `###[` holds
    // its `##[` at the second `#`; most text holds no `#`, and one memchr
    // costs less than setting up either search (1% of the summary's
    // instructions: every peer id and string goes through here)
    let bytes = text.as_bytes();
    memchr::memchr(b'#', bytes).is_some()
        && (memchr::memmem::find(bytes, b"##[").is_some()
            || memchr::memmem::find(bytes, b"##vso[").is_some())
}

/// `text` with the commands [`holds_command`] finds broken by writing their
/// second `#` as an escape: `#\x23[error]`.
pub(crate) fn defuse_commands(text: &str) -> String {
    text.replace("##[", "#\\x23[")
        .replace("##vso[", "#\\x23vso[")
}

/// Writes `c` as the text `\x1b` (up to U+00FF) or `\u{202e}`.
pub(crate) fn push_escape(out: &mut String, c: char) {
    use std::fmt::Write;
    let n = c as u32;
    let _ = if n < 0x100 {
        write!(out, "\\x{n:02x}")
    } else {
        write!(out, "\\u{{{n:x}}}")
    };
}

/// The most bytes of a name from a log (a kind, peer id, key, node, cause)
/// that p2plog keeps: libp2p's longest names are under 200 bytes (a
/// multiaddr with two certhashes). Past it a name is cut by [`clip`] (a
/// node's name by [`head`], without `…`: it is borrowed from the line), so that
/// what p2plog holds follows how many names a log has, not how long they are.
pub const NAME_BYTES: usize = 256;

/// `name`, or its first [`NAME_BYTES`] (on a character boundary) and `…`
/// when longer: two names that share those bytes are counted as one.
pub fn clip(name: &str) -> Cow<'_, str> {
    clip_at(name, NAME_BYTES)
}

/// [`clip`] of an owned name, without a copy when it is short.
pub fn clip_owned(name: String) -> String {
    match clip(&name) {
        Cow::Borrowed(_) => name,
        Cow::Owned(clipped) => clipped,
    }
}

/// `text`, or its first `max` bytes (on a character boundary) and `…`.
pub fn clip_at(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    Cow::Owned(format!("{}…", head(text, max)))
}

/// The first `max` bytes of `text` at most, ending on a character boundary.
pub fn head(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Whether `text` may hold a control character (with `breaks`, also `\n`
/// and `\t`) or a hidden format character ([`is_hidden`]). One pass over the
/// bytes in 32-byte chunks without early exit, which the compiler turns into
/// vector instructions (every string p2plog shows passes): ASCII text is
/// decided there; only text with a character beyond ASCII has those
/// characters looked at.
pub(crate) fn may_hold_control(text: &str, breaks: bool) -> bool {
    let bytes = text.as_bytes();
    let ascii = |b: u8| (b < 0x20 && (breaks || (b != b'\n' && b != b'\t'))) | (b == 0x7f);
    if !any_byte(bytes, |b| ascii(b) | (b >= 0x80)) {
        return false;
    }
    // `…` and `–` are beyond ASCII too: only the characters tell, and the
    // ASCII runs between them are skipped
    if any_byte(bytes, ascii) {
        return true;
    }
    let mut rest = text;
    while let Some(k) = rest.bytes().position(|b| b >= 0x80) {
        let Some(c) = rest[k..].chars().next() else {
            break;
        };
        if c.is_control() || is_hidden(c) {
            return true;
        }
        rest = &rest[k + c.len_utf8()..];
    }
    false
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

/// The characters that are not control characters but still change how a
/// line looks without showing themselves (Unicode's format characters, and
/// the line and paragraph separators): the bidirectional embeddings,
/// overrides, isolates and marks (a peer's string holding U+202E would show
/// the rest of a line reversed), zero-width spaces and joiners, the soft
/// hyphen, the byte-order mark and the tag characters; and Unicode's other
/// default-ignorable code points, which show nothing either: the Hangul
/// fillers (`\u{3164}` makes a name that looks empty), the variation
/// selectors, the combining grapheme joiner. Written as `\u{202e}` so that
/// two strings that look alike on screen are told apart.
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}'
        | '\u{890}'..='\u{891}' | '\u{8e2}' | '\u{115f}'..='\u{1160}' | '\u{17b4}'..='\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{3164}'
        | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{ffa0}' | '\u{fff0}'..='\u{fffb}'
        | '\u{110bd}' | '\u{110cd}' | '\u{13430}'..='\u{1343f}' | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e0fff}')
}

/// A buffered reader that can tell whether its next line is already in
/// memory, so that reading it will not wait for the writer (a live log).
pub trait Ready {
    fn line_ready(&self) -> bool;
}

impl<R> Ready for BufReader<R> {
    fn line_ready(&self) -> bool {
        memchr::memchr(b'\n', self.buffer()).is_some()
    }
}

impl<T: AsRef<[u8]>> Ready for io::Cursor<T> {
    /// In memory: never waits.
    fn line_ready(&self) -> bool {
        true
    }
}

impl<R: Ready + ?Sized> Ready for Box<R> {
    fn line_ready(&self) -> bool {
        (**self).line_ready()
    }
}

/// What a [`Source`] reads from: a buffered reader that is [`Ready`].
pub trait Input: BufRead + Ready + Send {}

impl<R: BufRead + Ready + Send> Input for R {}

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
    /// Whether the input may arrive while it is read: standard input, a
    /// FIFO, a socket or a terminal (`p2plog <(node)`), not a regular file.
    pub live: bool,
    pub lines: LineReader<Box<dyn Input>>,
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("name", &self.name)
            .field("gzip", &self.gzip)
            .field("live", &self.live)
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
    Ok(Source {
        live: !meta.is_file(),
        ..from_reader(&path.display().to_string(), file)
    })
}

/// Wraps any reader (a file, stdin, bytes in memory) as a live [`Source`]
/// named `name`, decompressing it when it starts with gzip's magic bytes. A read
/// error while peeking at those bytes is reported by the first
/// [`LineReader::read`].
pub fn from_reader(name: &str, mut reader: impl Read + Send + 'static) -> Source {
    let (head, peek_error) = read_head(&mut reader);
    let gzip = head == GZIP_MAGIC;
    let head = io::Cursor::new(head).chain(reader);
    let plain = BufReader::with_capacity(BUF_SIZE, head);
    let reader: Box<dyn Input> = if gzip {
        let decoder = gzip::Members::new(plain);
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
        live: true,
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
