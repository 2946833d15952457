//! Finding Debug values inside free text: a log message such as
//! `[DHT] [EVENT] OutboundQueryProgressed { .. }`, `Failed to put record:
//! QuorumFailed { .. }` or tracing fields `query=QueryId(1) record=Key(b"..")`.
//!
//! A candidate is a path whose last segment starts with an upper-case letter,
//! directly followed by `(` or ` {`: the head of a derived `Debug` struct or
//! tuple. Prose (`Connection closed: peer left (3 retries)`) has none, so it
//! yields nothing. Values nested inside a found value are not reported again.

use super::parse;
use super::{Error, Value};

/// A Debug value found in a text, with its byte range in that text.
#[derive(Debug)]
pub struct Found<'a> {
    pub start: usize,
    pub end: usize,
    /// The value, or why the candidate could not be parsed (nesting too deep).
    pub value: Result<Value<'a>, Error>,
}

/// Every top-level struct or tuple value in `text`, in order.
pub fn find(text: &str) -> Vec<Found<'_>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut k = 0;
    while k < bytes.len() {
        let b = bytes[k];
        let boundary = k == 0 || !is_word_byte(bytes[k - 1]);
        if !(boundary && (b.is_ascii_alphabetic() || b == b'_')) {
            k += 1;
            continue;
        }
        let here = &text[k..];
        let Ok((after_path, path)) = parse::path(here) else {
            k += 1;
            continue;
        };
        let last = path.rfind(':').map_or(path, |k| &path[k + 1..]);
        let opens = after_path.starts_with('(') || after_path.starts_with(" {");
        if !(opens && last.starts_with(|c: char| c.is_ascii_uppercase())) {
            k += path.len();
            continue;
        }
        match parse::structured(here, 0) {
            Ok((rest, value)) => {
                let end = text.len() - rest.len();
                found.push(Found {
                    start: k,
                    end,
                    value: Ok(value),
                });
                k = end;
            }
            Err(nom::Err::Failure(e)) => {
                // nested too deep: skip the value when it closes on its
                // line, else up to where the parser gave up (or the end of
                // the line), not the rest of the text. What lies between
                // is inside the value; looking further for its end would
                // make a text of many deep lines quadratic.
                let err = Error::from_nom(text, nom::Err::Failure(e));
                let gave_up = match err {
                    Error::TooDeep { offset } => offset,
                    _ => k,
                };
                let line_len = memchr::memchr(b'\n', here.as_bytes()).unwrap_or(here.len());
                let end = match balanced_len(&here[..line_len]) {
                    Some(len) => k + len,
                    None => (k + line_len).max(gave_up),
                };
                found.push(Found {
                    start: k,
                    end,
                    value: Err(err),
                });
                k = end;
            }
            Err(_) => k += path.len(),
        }
    }
    found
}

/// The length of the value at the start of `text`: up to the bracket that
/// closes its first one, strings skipped; `None` when it never closes.
/// Iterative, for values too deep to parse.
fn balanced_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut k = 0;
    while k < bytes.len() {
        match bytes[k] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth <= 1 => return Some(k + 1),
            b')' | b']' | b'}' => depth -= 1,
            b'"' => {
                k += 1;
                while k < bytes.len() && bytes[k] != b'"' {
                    k += if bytes[k] == b'\\' { 2 } else { 1 };
                }
            }
            _ => {}
        }
        k += 1;
    }
    None
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}
