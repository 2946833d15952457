//! [`LineParser`]: one source's lines → [`Record`]s, one line at a time.
//!
//! The format is detected per source: the format of the last line with a
//! header is tried first; when it does not fit (mixed files happen: an app's
//! own `[TAG]` lines among tracing's warnings) every format is tried in
//! priority order and the first that fits is remembered. `plain` fits every
//! line and is tried last, without being remembered, so the continuation
//! lines of a multi-line event do not make the source "plain".

use std::borrow::Cow;

use regex::CaptureLocations;

use super::record::{Fields, Record};
use super::registry::{Format, Formats, Matcher};
use super::{json, scan};

/// Parses the lines of one source, remembering its format between lines.
#[derive(Debug)]
pub struct LineParser<'f> {
    formats: &'f Formats,
    current: Option<usize>,
    /// The format last seen behind a prefix (docker compose, journald).
    inner_current: Option<usize>,
    /// Reused capture slots, one per format (no allocation per line).
    locs: Vec<Option<CaptureLocations>>,
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
}

impl<'f> LineParser<'f> {
    pub fn new(formats: &'f Formats) -> Self {
        LineParser {
            formats,
            current: None,
            inner_current: None,
            locs: vec![None; formats.len()],
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
        let (regex, groups) = match &format.matcher {
            Matcher::Regex(regex, groups) => (regex, groups),
            Matcher::Json(spec) => return json::parse(text, spec, &format.spec),
        };
        let locs = self.locs[k].get_or_insert_with(|| regex.capture_locations());
        let matched = regex.captures_read(locs, text)?;
        let get = |group: Option<usize>| {
            let (start, end) = locs.get(group?)?;
            text.get(start..end)
        };
        let message = get(groups.message).unwrap_or(&text[matched.end()..]);
        let mut record = empty(&format.spec.id, message);
        record.time = get(groups.time).map(Cow::Borrowed);
        record.level = get(groups.level).map(Cow::Borrowed);
        record.target = get(groups.target).map(Cow::Borrowed);
        record.spans = get(groups.spans)
            .map(|s| s.strip_suffix(':').unwrap_or(s))
            .filter(|s| !s.is_empty())
            .map(Cow::Borrowed);
        record.node = get(groups.node).map(Cow::Borrowed);
        if format.spec.prefix {
            self.last.prefix_node = record.node.is_some();
            let inner = self.parse_text(message, true);
            return Some(merge(record, inner));
        }
        split_fields(&mut record, format);
        Some(record)
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

/// Splits trailing `key=value` fields off a regex format's message and finds
/// the node in the span fields or event fields, as `format` says.
pub(crate) fn split_fields<'a>(record: &mut Record<'a>, format: &Format) {
    let spec = &format.spec;
    if spec.trailing_fields {
        if let Cow::Borrowed(message) = record.message {
            let (message, fields) = scan::split_fields(message);
            record.message = Cow::Borrowed(message);
            if !fields.is_empty() {
                record.fields = Fields::Text(fields);
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
        if let Fields::Text(fields) = record.fields {
            record.node = field_node(fields, &spec.field_node_keys).map(Cow::Borrowed);
        }
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

/// The node named by the last event field among `keys`, tried in order.
pub(crate) fn field_node<'a>(fields: &'a str, keys: &[String]) -> Option<&'a str> {
    keys.iter().find_map(|key| {
        scan::pairs(fields)
            .filter(|(k, _)| k == key)
            .map(|(_, v)| scan::unquote(v))
            .last()
    })
}
