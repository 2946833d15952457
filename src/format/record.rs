//! [`Record`]: what a log line (or the lines of one multi-line event) says,
//! taken apart into time, level, target, spans, node, message and fields.

use std::borrow::Cow;

use super::{pretty, scan};

/// One logged message: a line, or the lines of one multi-line `{:#?}` event.
/// Text borrows from the line (or the assembler) where it can.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record<'a> {
    /// The first and last physical line, 1-based, per source.
    pub line: u64,
    pub end_line: u64,
    /// The id of the format of the line (`docker-compose`, `tracing-fmt-full`, …).
    pub format: &'a str,
    /// For a prefix format (docker compose, journald): the inner line's format.
    pub inner: Option<&'a str>,
    pub time: Option<Cow<'a, str>>,
    pub level: Option<Cow<'a, str>>,
    pub target: Option<Cow<'a, str>>,
    /// tracing's span chain as written: `node{name=a}:Swarm::poll`.
    pub spans: Option<Cow<'a, str>>,
    /// The node that logged it, when the line says (a compose prefix, a span
    /// field, a JSON span); otherwise the caller's default (the source).
    pub node: Option<Cow<'a, str>>,
    /// The message; for a multi-line event, its lines joined with `\n`.
    pub message: Cow<'a, str>,
    pub fields: Fields<'a>,
    /// The line was longer than [`crate::input::MAX_LINE`], or a multi-line
    /// event did not close (or was too long to join): the message is partial.
    pub truncated: bool,
    /// The physical line of each line of the message, when they are not
    /// `line..=end_line`: the lines of one multi-line event interleaved with
    /// another node's (docker compose). `None` for everything else.
    pub line_numbers: Option<&'a [u64]>,
    /// The line was longer than the input's line cap: only its start was
    /// parsed (it is still passed through whole).
    pub cut: Option<Cut>,
}

/// A line longer than the input's cap ([`crate::input::MAX_LINE`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cut {
    /// The bytes kept and parsed: the line is truncated at this many bytes.
    pub at: u64,
    /// The whole line's length in bytes, its ending included; `u64::MAX`
    /// when it was not read to its end (explain's cap).
    pub length: u64,
}

impl std::fmt::Display for Cut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.length {
            u64::MAX => write!(
                f,
                "line truncated at {} bytes (of more than were read): only its start was parsed",
                self.at
            ),
            length => write!(
                f,
                "line truncated at {} bytes (of {length}): only its start was parsed",
                self.at
            ),
        }
    }
}

impl Record<'_> {
    /// The physical line of line `k` (0-based) of the message.
    pub fn line_of(&self, k: usize) -> u64 {
        match self.line_numbers {
            Some(numbers) => numbers
                .get(k)
                .or(numbers.last())
                .copied()
                .unwrap_or(self.line),
            None => self.line.saturating_add(k as u64).min(self.end_line),
        }
    }

    /// How many physical lines the record was read from.
    pub fn line_count(&self) -> u64 {
        match self.line_numbers {
            Some(numbers) => numbers.len() as u64,
            None => self.end_line - self.line + 1,
        }
    }

    /// The format that recognised a header on the line (the inner one for a
    /// prefix format); `plain` when none did.
    pub fn line_format(&self) -> &str {
        self.inner.unwrap_or(self.format)
    }
}

/// The fields of an event besides its message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Fields<'a> {
    #[default]
    None,
    /// `key=value …` as written after the message; taken apart on reading.
    Text(&'a str),
    /// `key: value, …` as tracing's pretty format writes it after `, `.
    Comma(&'a str),
    /// Pairs already taken apart (from JSON), in order.
    Pairs(Vec<(Cow<'a, str>, Cow<'a, str>)>),
}

impl Fields<'_> {
    /// The pairs, in order; values as written (quoted strings keep quotes).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        let (text, comma, pairs) = match self {
            Fields::None => (None, None, &[][..]),
            Fields::Text(text) => (Some(scan::pairs(text)), None, &[][..]),
            Fields::Comma(text) => (None, Some(pretty::pairs(text)), &[][..]),
            Fields::Pairs(pairs) => (None, None, &pairs[..]),
        };
        text.into_iter()
            .flatten()
            .chain(comma.into_iter().flatten())
            .chain(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
    }

    /// The value of the last field called `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.iter()
            .filter(|(k, _)| *k == key)
            .map(|(_, v)| v)
            .last()
    }

    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}
