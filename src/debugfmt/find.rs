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
                let err = Error::from_nom(text, nom::Err::Failure(e));
                found.push(Found {
                    start: k,
                    end: text.len(),
                    value: Err(err),
                });
                break;
            }
            Err(_) => k += path.len(),
        }
    }
    found
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}
