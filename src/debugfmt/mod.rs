//! `debugfmt`: Rust `Debug` text → a [`Value`] tree with byte spans.
//!
//! Owns the syntax of `{:?}` and `{:#?}` output, including libp2p's quirks (bare
//! multiaddrs and socket addresses, the `Name: value` of the derive wrapper,
//! gossipsub's bare hex) and a lossless [`Kind::Bare`] for anything else. It
//! knows no libp2p type: deciding that a `Value` is a `QuorumFailed` belongs to
//! `event`. It never panics and never recurses deeper than [`MAX_DEPTH`].
//!
//! * [`parse()`]: the whole text is one value.
//! * [`parse_prefix`]: a value at the start of the text, and the rest.
//! * [`find()`]: every top-level Debug value inside free text such as a log message.

mod find;
mod parse;
#[cfg(test)]
mod tests;
mod value;

pub use find::{find, Found};
pub use parse::MAX_DEPTH;
pub use value::{unescape, unescape_bytes, unescape_printable, Field, Kind, Layout, Raw, Value};

use parse::{PError, Reason};

/// Why some text is not a Debug value. Offsets are bytes into the parsed text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("no Debug value: the text is empty")]
    Empty,
    #[error("not a Debug value: expected {expected} at byte {offset}")]
    Syntax {
        offset: usize,
        expected: &'static str,
    },
    #[error("Debug value nested deeper than {MAX_DEPTH} levels at byte {offset}")]
    TooDeep { offset: usize },
    #[error("unexpected text after the Debug value at byte {offset}")]
    Trailing { offset: usize },
}

impl Error {
    fn from_nom(text: &str, err: nom::Err<PError<'_>>) -> Self {
        let e = match err {
            nom::Err::Error(e) | nom::Err::Failure(e) => e,
            nom::Err::Incomplete(_) => unreachable!("only complete parsers are used"),
        };
        let offset = text.len() - e.input.len();
        match e.reason {
            Reason::TooDeep => Error::TooDeep { offset },
            Reason::Expected(expected) => Error::Syntax { offset, expected },
        }
    }
}

/// Parses a value at the start of `text` (after white space) and returns it with
/// the text that follows it.
pub fn parse_prefix(text: &str) -> Result<(Value<'_>, &str), Error> {
    let start = parse::skip_ws(text);
    if start.is_empty() {
        return Err(Error::Empty);
    }
    let (rest, value) = parse::structured(start, 0).map_err(|e| Error::from_nom(text, e))?;
    Ok((value, rest))
}

/// Parses `text` as exactly one value, with nothing but white space around it.
pub fn parse(text: &str) -> Result<Value<'_>, Error> {
    let (value, rest) = parse_prefix(text)?;
    let tail = parse::skip_ws(rest);
    if !tail.is_empty() {
        return Err(Error::Trailing {
            offset: text.len() - tail.len(),
        });
    }
    Ok(value)
}
