//! [`LineParser`]: one source's lines → [`Record`]s, one line at a time.
//!
//! The format is detected per source: the format of the last line with a
//! header is tried first; when it does not fit (mixed files happen: an app's
//! own `[TAG]` lines among tracing's warnings) every format is tried in
//! priority order and the first that fits is remembered. `plain` fits every
//! line and is tried last, without being remembered, so the continuation
//! lines of a multi-line event do not make the source "plain".

use std::borrow::Cow;

use regex_automata::dfa::onepass;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};

use super::record::{Fields, Record};
use super::registry::{Format, Formats, Matcher, Piece};
use super::{json, pretty, scan};

/// Parses the lines of one source, remembering its format between lines.
#[derive(Debug)]
pub struct LineParser<'f> {
    formats: &'f Formats,
    current: Option<usize>,
    /// The format last seen behind a prefix (docker compose, journald).
    inner_current: Option<usize>,
    /// Reused capture slots and engine caches, one per piece of each format
    /// (no allocation per line).
    caps: Vec<Vec<Slots>>,
    last: Last,
}

/// Which formats read the last line parsed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Last {
    /// Index of the line's format in [`Formats`].
    pub format: usize,
    /// Index of the inner line's format, behind a prefix.
    pub inner: Option<usize>,
    /// The node was named by the prefix (docker compose's `node-3  | `).
    pub prefix_node: bool,
    /// Where the line behind a prefix starts, in bytes.
    pub inner_at: Option<usize>,
}

impl<'f> LineParser<'f> {
    pub fn new(formats: &'f Formats) -> Self {
        LineParser {
            formats,
            current: None,
            inner_current: None,
            caps: vec![Vec::new(); formats.len()],
            last: Last::default(),
        }
    }

    /// Which formats read the last line parsed.
    pub(crate) fn last(&self) -> Last {
        self.last
    }

    /// The record of line `number` whose text (ANSI stripped) is `text`.
    pub fn parse<'a>(&mut self, number: u64, text: &'a str, truncated: bool) -> Record<'a>
    where
        'f: 'a,
    {
        self.last = Last::default();
        let mut record = self.parse_text(text, false);
        record.line = number;
        record.end_line = number;
        record.truncated = truncated;
        record
    }

    /// The record of `text` in the format that fits it; `inner`: behind a
    /// prefix, where prefix formats are not tried again.
    fn parse_text<'a>(&mut self, text: &'a str, inner: bool) -> Record<'a>
    where
        'f: 'a,
    {
        let formats = self.formats;
        let cached = if inner {
            self.inner_current
        } else {
            self.current
        };
        let plain = formats.plain();
        let found = cached
            .and_then(|k| Some((k, self.try_format(k, text)?)))
            .or_else(|| {
                if !formats.may_fit(text) {
                    return None;
                }
                (0..formats.len())
                    .filter(|&k| Some(k) != cached && k != plain)
                    .filter(|&k| !(inner && formats.at(k).spec.prefix))
                    .find_map(|k| Some((k, self.try_format(k, text)?)))
            });
        let (k, record) = match found {
            Some((k, record)) => {
                *(if inner {
                    &mut self.inner_current
                } else {
                    &mut self.current
                }) = Some(k);
                (k, record)
            }
            // `plain`'s regex is `^` (checked when it loads): the whole line.
            None => (plain, empty(&formats.at(plain).spec.id, text)),
        };
        if inner {
            self.last.inner = Some(k);
        } else {
            self.last.format = k;
        }
        record
    }

    /// The record of `text` in format `k`, if it fits.
    pub(crate) fn try_format<'a>(&mut self, k: usize, text: &'a str) -> Option<Record<'a>>
    where
        'f: 'a,
    {
        let format: &'f Format = self.formats.at(k);
        let (pieces, groups) = match &format.matcher {
            Matcher::Regex(pieces, groups) => (pieces, groups),
            Matcher::Json(spec) => return json::parse(text, spec, &format.spec),
        };
        let caps = &mut self.caps[k];
        if caps.is_empty() {
            caps.extend(pieces.iter().map(Slots::new));
        }
        let end = match_pieces(pieces, caps, text, 0)?;
        let caps = &self.caps[k];
        let get = |group: Option<(usize, usize)>| {
            let (piece, index) = group?;
            let span = caps[piece].caps.get_group(index)?;
            text.get(span.range())
        };
        let message = get(groups.message).unwrap_or(&text[end..]);
        let mut record = empty(&format.spec.id, message);
        // a time group may hold the blanks around the stamp (tracing's
        // `uptime()` pads its seconds), or only blanks when there is none
        record.time = get(groups.time)
            .map(|t| t.trim_matches([' ', '\t']))
            .filter(|t| !t.is_empty())
            .map(Cow::Borrowed);
        record.level = get(groups.level).map(Cow::Borrowed);
        // a capture may take the `:` after a target or span chain: a piece
        // that stops before it cannot be one-pass
        let colon = |s: &'a str| s.strip_suffix(':').unwrap_or(s);
        record.target = get(groups.target).map(colon).map(Cow::Borrowed);
        record.spans = get(groups.spans)
            .map(colon)
            .filter(|s| !s.is_empty())
            .map(Cow::Borrowed);
        record.node = get(groups.node).map(Cow::Borrowed);
        if format.spec.prefix {
            self.last.prefix_node = record.node.is_some();
            // `message` is a slice of `text`
            let at = message.as_ptr() as usize - text.as_ptr() as usize;
            self.last.inner_at = Some(at);
            let mut inner = self.parse_text(message, true);
            // a line that reads in no format as it is may start with the
            // prefix's own time stamp
            let plain = self.last.inner == Some(self.formats.plain());
            let stamped = plain && format.spec.inner_timestamps;
            if let Some(n) = stamped.then(|| rfc3339_stamp(message)).flatten() {
                self.last.inner_at = Some(at + n);
                inner = self.parse_text(&message[n..], true);
                let stamp = message[..n].trim_end();
                inner.time = inner.time.or(Some(Cow::Borrowed(stamp)));
            }
            return Some(merge(record, inner));
        }
        // a format with trailer lines takes its fields apart once the
        // assembler has them all (its node is in the last ones)
        if !format.spec.trailer {
            split_fields(&mut record, format);
        }
        Some(record)
    }
}

/// The length of the RFC 3339 time stamp and the space that start `text`
/// (`2024-01-01T00:00:00.123456789Z `, docker's; or with an offset for the `Z`).
fn rfc3339_stamp(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let at = |k: usize, c: u8| b.get(k) == Some(&c);
    let date = digits(0..4) && at(4, b'-') && digits(5..7) && at(7, b'-') && digits(8..10);
    let time = at(10, b'T')
        && digits(11..13)
        && at(13, b':')
        && digits(14..16)
        && at(16, b':')
        && digits(17..19);
    if !(date && time) {
        return None;
    }
    let mut k = 19;
    if at(k, b'.') {
        k += 1 + b[k + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
    }
    if at(k, b'Z') {
        k += 1;
    } else if (at(k, b'+') || at(k, b'-'))
        && digits(k + 1..k + 3)
        && at(k + 3, b':')
        && digits(k + 4..k + 6)
    {
        k += 6;
    } else {
        return None;
    }
    at(k, b' ').then_some(k + 1)
}

/// Matches `pieces` one after another from byte `at` of `text`, each anchored
/// where the one before it ended; an optional piece is skipped (its captures
/// cleared) when it or the pieces after it do not match. The end of the
/// match, if all matched.
fn match_pieces(pieces: &[Piece], caps: &mut [Slots], text: &str, at: usize) -> Option<usize> {
    let Some((piece, rest)) = pieces.split_first() else {
        return Some(at);
    };
    let (slots, rest_caps) = caps.split_first_mut()?;
    let input = Input::new(text).range(at..).anchored(Anchored::Yes);
    let cap = &mut slots.caps;
    let searched = match (&piece.onepass, &mut slots.onepass) {
        // fails only for an unanchored search, which this is not
        (Some(dfa), Some(cache)) => dfa.try_search(cache, &input, cap).is_ok(),
        _ => false,
    };
    if !searched {
        piece.regex.search_captures(&input, cap);
    }
    if let Some(m) = cap.get_match() {
        if let Some(end) = match_pieces(rest, rest_caps, text, m.end()) {
            return Some(end);
        }
    }
    if !piece.optional {
        return None;
    }
    cap.set_pattern(None);
    match_pieces(rest, rest_caps, text, at)
}

/// One piece's capture slots, and its one-pass DFA's cache when it has one.
#[derive(Clone, Debug)]
struct Slots {
    caps: Captures,
    onepass: Option<onepass::Cache>,
}

impl Slots {
    fn new(piece: &Piece) -> Self {
        match &piece.onepass {
            Some(dfa) => Slots {
                caps: dfa.create_captures(),
                onepass: Some(dfa.create_cache()),
            },
            None => Slots {
                caps: piece.regex.create_captures(),
                onepass: None,
            },
        }
    }
}

/// A record of `message` alone, in format `id`, line numbers unset.
fn empty<'a>(id: &'a str, message: &'a str) -> Record<'a> {
    Record {
        line: 0,
        end_line: 0,
        format: id,
        inner: None,
        time: None,
        level: None,
        target: None,
        spans: None,
        node: None,
        message: Cow::Borrowed(message),
        fields: Fields::None,
        truncated: false,
        line_numbers: None,
        cut: None,
    }
}

/// A prefix record (`outer`) around the record of its inner line: the inner
/// line's fields win, except the node, which the prefix names for sure.
fn merge<'a>(outer: Record<'a>, inner: Record<'a>) -> Record<'a> {
    Record {
        inner: Some(inner.format),
        time: inner.time.or(outer.time),
        level: inner.level.or(outer.level),
        target: inner.target.or(outer.target),
        spans: inner.spans.or(outer.spans),
        node: outer.node.or(inner.node),
        message: inner.message,
        fields: inner.fields,
        ..outer
    }
}

/// [`split_fields`] for a record whose format has trailer lines: the
/// parser leaves its fields in the message, since its node may be in the
/// lines after it, and the assembler splits them once it has those. For a
/// record read without the assembler, or emitted without waiting.
pub(crate) fn split_held_fields(record: &mut Record<'_>, formats: &Formats) {
    if let Some(format) = formats.get(record.line_format()).filter(|f| f.spec.trailer) {
        split_fields(record, format);
    }
}

/// Splits trailing `key=value` (or `, key: value`) fields off a regex
/// format's message and finds the node in the span fields or event fields,
/// as `format` says.
pub(crate) fn split_fields<'a>(record: &mut Record<'a>, format: &Format) {
    let spec = &format.spec;
    if spec.trailing_fields || spec.comma_fields {
        if let Cow::Borrowed(message) = record.message {
            let (message, fields) = if spec.comma_fields {
                pretty::split_fields(message)
            } else {
                scan::split_fields(message)
            };
            record.message = Cow::Borrowed(message);
            if !fields.is_empty() {
                record.fields = if spec.comma_fields {
                    Fields::Comma(fields)
                } else {
                    Fields::Text(fields)
                };
            }
        }
    }
    if record.node.is_some() {
        return;
    }
    if let Some(Cow::Borrowed(spans)) = record.spans {
        record.node = span_node(spans, &spec.span_node_keys).map(Cow::Borrowed);
    }
    if record.node.is_none() {
        record.node = field_node(&record.fields, &spec.field_node_keys);
    }
}

/// The node named by the outermost span that has one of `keys`, tried in order.
pub(crate) fn span_node<'a>(spans: &'a str, keys: &[String]) -> Option<&'a str> {
    if keys.is_empty() {
        return None;
    }
    scan::spans(spans).find_map(|(_, fields)| {
        keys.iter().find_map(|key| {
            scan::pairs(fields)
                .find(|(k, _)| k == key)
                .map(|(_, v)| scan::unquote(v))
        })
    })
}

/// The node named by the last event field among `keys`, tried in order
/// (fields as written after the message; JSON names its node itself).
fn field_node<'a>(fields: &Fields<'a>, keys: &[String]) -> Option<Cow<'a, str>> {
    fn last<'a, I: Iterator<Item = (&'a str, &'a str)>>(
        pairs: impl Fn() -> I,
        keys: &[String],
    ) -> Option<Cow<'a, str>> {
        keys.iter().find_map(|key| {
            pairs()
                .filter(|(k, _)| k == key)
                .map(|(_, v)| Cow::Borrowed(scan::unquote(v)))
                .last()
        })
    }
    match *fields {
        Fields::Text(text) => last(|| scan::pairs(text), keys),
        Fields::Comma(text) => last(|| pretty::pairs(text), keys),
        _ => None,
    }
}
