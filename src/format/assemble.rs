//! Joining the lines of one multi-line `{:#?}` event into one [`Record`].
//!
//! ```text
//! [2026-11-24T09:33:12Z INFO  generator] Swarm event: NewListenAddr {   ← head
//!         listener_id: ListenerId(                                      ← continuation
//!             1,
//!         ),
//!         address: /ip4/127.0.0.1/tcp/20500,
//!     }                                                                 ← depth back to 0
//! ```
//!
//! A join starts when a record's message ends with `{`, `(` or `[`, or with
//! a `:` that a list on the next lines follows, and its bracket depth
//! (outside strings) is above 0. Continuation lines are lines
//! in which no format found a header (`plain`, also behind a docker compose
//! prefix); each adds its text to the message until the depth is back to 0.
//! Joins are kept per node when the node comes from a prefix, so events of
//! two containers interleaved by docker compose are joined apart.
//!
//! `{:#?}` indents every line of a value deeper than its closing bracket,
//! so the indentation of the first continuation line also bounds the join:
//! a line that closes a bracket left of it ends the join even when the
//! count is off (a peer's bracket in a DNS name, which a multiaddr prints
//! raw), and a line left of it that closes nothing is not part of it.
//!
//! A format with a `trailer` (tracing's pretty format) writes lines after
//! each event: where it was logged and in which spans, the node among
//! them. Its record, once its message is complete, waits for them; the
//! first line that is not one ends it (an empty line, normally).
//!
//! A join ends early, and its record is marked truncated, when a line with a
//! header arrives for the same node (the event never closed), or a line
//! without one that its indentation puts outside the value, when it reaches
//! [`MAX_JOINED_LINES`] or [`MAX_JOINED_BYTES`], or at the end of the input;
//! later lines become records of their own. Lines are never held back: the
//! caller passes every line through as it is read, and the record of an
//! event comes after its last line.

use std::borrow::Cow;
use std::io;

use super::parse::{split_fields, split_held_fields, Last};
use super::pretty;
use super::record::{Fields, Record};
use super::registry::{Formats, PLAIN};
use super::scan::{unquote, Depth};
use super::spec::FormatSpec;

/// The most lines one event is joined from.
pub const MAX_JOINED_LINES: u64 = 5000;
/// The most bytes of message one joined event holds.
pub const MAX_JOINED_BYTES: usize = 1024 * 1024;
/// The most events joined at once (one per node); beyond, the oldest ends.
pub const MAX_OPEN_JOINS: usize = 32;

/// Where finished records go.
pub(crate) trait Emit {
    fn emit(&mut self, record: &Record<'_>) -> io::Result<()>;
}

/// An event being joined.
#[derive(Debug)]
struct Open {
    /// The node its prefix named, if any: joins are kept per prefix node.
    key: Option<String>,
    format: usize,
    inner: Option<usize>,
    line: u64,
    end_line: u64,
    /// The physical line of each line of the message.
    numbers: Vec<u64>,
    time: Option<String>,
    level: Option<String>,
    target: Option<String>,
    spans: Option<String>,
    node: Option<String>,
    message: String,
    depth: Depth,
    /// The indentation of the first continuation line: `{:#?}` indents
    /// every line of the value deeper than its closing bracket.
    indent: Option<usize>,
    /// The message is complete: the record is not truncated. An open join
    /// whose message is complete waits for its trailer lines.
    complete: bool,
    /// The node the outermost span of the trailer lines names so far.
    span_node: Option<String>,
    /// A panic's head (`thread 'main' panicked at src/main.rs:4:5:`),
    /// which takes the next line without a header: the message Rust 1.73
    /// and later write there.
    panic: bool,
}

impl Open {
    /// Whether a header-less line is part of this join by its indentation:
    /// once the first continuation line set it, a line less indented that
    /// does not close a bracket is not (`{:#?}` never writes one). A log
    /// whose lines lost their indentation sets 0, and brackets alone decide.
    ///
    /// Without indentation, the shape of the line still tells: `{:#?}`
    /// ends every line of a value but the head with `,` or an opening
    /// bracket, or starts it with a closing one, so a line at column 0
    /// that does neither (an app's `NewListenAddr { .. }` after its own
    /// `config {`) is not part of the join, which would otherwise hold
    /// every later line back.
    fn fits(&self, message: &str) -> bool {
        let indent = indentation(message);
        let first = self.indent.unwrap_or(indent);
        if first == 0 && !closes_at(message) && !ends_pretty_line(message) {
            return false;
        }
        indent >= first || closes_at(message)
    }

    /// Whether a continuation line is the value's last by its indentation:
    /// it closes a bracket left of the first continuation line. A peer's
    /// bracket in a bare value (a DNS name in a multiaddr is printed raw)
    /// leaves the count off, and the indentation still ends the join.
    fn ends_by_indent(&self, message: &str, indent: usize) -> bool {
        self.indent
            .is_some_and(|first| indent < first && closes_at(message))
    }
}

/// The columns of the spaces and tabs a line starts with, a tab to the
/// next multiple of 8 (`unexpand` turns `{:#?}`'s spaces into tabs): a
/// byte loop, every continuation line passes here.
fn indentation(message: &str) -> usize {
    let mut cols = 0;
    for b in message.bytes() {
        match b {
            b' ' => cols += 1,
            b'\t' => cols = (cols / 8 + 1) * 8,
            _ => break,
        }
    }
    cols
}

/// Whether a line ends as `{:#?}` ends a line inside a value: with `,` or
/// an opening bracket.
fn ends_pretty_line(message: &str) -> bool {
    matches!(
        message.trim_end().as_bytes().last(),
        Some(b',' | b'{' | b'(' | b'[')
    )
}

/// Whether a line starts with a closing bracket after its indentation.
fn closes_at(message: &str) -> bool {
    matches!(
        message.trim_start_matches([' ', '\t']).as_bytes().first(),
        Some(b'}' | b')' | b']')
    )
}

/// Joins multi-line events; see the module documentation.
#[derive(Debug)]
pub(crate) struct Assembler<'f> {
    formats: &'f Formats,
    open: Vec<Open>,
    /// The trailer format whose record the line just read ended, when that
    /// line is blank: the separator the format writes after each event is
    /// counted as one of its lines, not as `plain`.
    separator: Option<usize>,
}

impl<'f> Assembler<'f> {
    pub fn new(formats: &'f Formats) -> Self {
        Assembler {
            formats,
            open: Vec::new(),
            separator: None,
        }
    }

    /// Ends the joins that the record of a line just read ends before it
    /// is passed on, so that their explanations come right under their last
    /// lines: the open join of its source or node when the line cannot
    /// continue it (it has a header), and the oldest join when the line
    /// starts one more than [`MAX_OPEN_JOINS`]. Then [`Self::push`] the
    /// record.
    pub fn end_cut_off(
        &mut self,
        record: &Record<'_>,
        last: Last,
        out: &mut impl Emit,
    ) -> io::Result<()> {
        let key = join_key(record, last);
        if let Some(k) = self.open.iter().position(|o| o.key.as_deref() == key) {
            let open = &self.open[k];
            let spec = self.spec(open.inner, open.format);
            let continued = continues(record)
                && if open.panic {
                    true
                } else if !open.complete {
                    open.fits(&record.message)
                } else if spec.indented_trailer {
                    record.message.starts_with("    ")
                } else {
                    pretty::is_trailer(&record.message)
                };
            if continued {
                return Ok(());
            }
            let open = self.open.remove(k);
            // a blank line, not another format's line whose message is empty
            // (p2plog's own `  ↳` head)
            let blank = record.format == PLAIN && is_blank(&record.message);
            if spec.trailer && open.complete && blank {
                self.separator = Some(open.format);
            }
            self.close(open, out)?;
        }
        let full = self.open.len() >= MAX_OPEN_JOINS;
        if full && (starts_join(record).is_some() || self.has_trailer(last)) {
            let oldest = self.open.remove(0);
            self.close(oldest, out)?;
        }
        Ok(())
    }

    /// Takes the record of the line just passed through, after
    /// [`Self::end_cut_off`] saw it, and emits the records it completes
    /// (possibly none, while an event is being joined).
    pub fn push(&mut self, record: &Record<'_>, last: Last, out: &mut impl Emit) -> io::Result<()> {
        // an open join of this key is one the record continues: end_cut_off
        // closed any other, and made room for a new one
        let key = join_key(record, last);
        if let Some(format) = self.separator.take() {
            let format = self.formats.at(format).spec.id.as_str();
            return out.emit(&Record {
                format,
                ..record.clone()
            });
        }
        if let Some(k) = self.open.iter().position(|o| o.key.as_deref() == key) {
            return self.extend(k, record, out);
        }
        if panic_head(record) {
            let mut open = start(record, key, last, Depth::default());
            (open.complete, open.panic) = (true, true);
            self.open.push(open);
            return Ok(());
        }
        if let Some(depth) = starts_join(record) {
            self.open.push(start(record, key, last, depth));
            return Ok(());
        }
        if self.has_trailer(last) {
            if record.truncated {
                // a head cut for parsing goes out as it is, truncated: what
                // follows it is not known to be its
                let mut record = record.clone();
                split_held_fields(&mut record, self.formats);
                return out.emit(&record);
            }
            let mut open = start(record, key, last, Depth::default());
            open.complete = true;
            self.open.push(open);
            return Ok(());
        }
        out.emit(record)
    }

    /// Whether the format of the line just read writes trailer lines.
    fn has_trailer(&self, last: Last) -> bool {
        let spec = self.spec(last.inner, last.format);
        spec.trailer || spec.indented_trailer
    }

    /// The spec of the format that read a line's header (the inner one
    /// behind a prefix).
    fn spec(&self, inner: Option<usize>, format: usize) -> &'f FormatSpec {
        &self.formats.at(inner.unwrap_or(format)).spec
    }

    /// Ends every open join (the input ended): their records are truncated.
    pub fn finish(&mut self, out: &mut impl Emit) -> io::Result<()> {
        for open in std::mem::take(&mut self.open) {
            self.close(open, out)?;
        }
        Ok(())
    }

    /// Adds a continuation line to open join `k`, or a trailer line once
    /// its message is complete.
    fn extend(&mut self, k: usize, record: &Record<'_>, out: &mut impl Emit) -> io::Result<()> {
        let spec = self.spec(self.open[k].inner, self.open[k].format);
        let open = &mut self.open[k];
        open.end_line = record.line;
        open.numbers.push(record.line);
        let too_long =
            open.numbers.len() as u64 >= MAX_JOINED_LINES || open.message.len() >= MAX_JOINED_BYTES;
        if open.panic {
            open.message.push('\n');
            open.message.push_str(&record.message);
            let open = self.open.remove(k);
            return self.close(open, out);
        }
        if open.complete {
            if let Some(fields) = pretty::span_fields(&record.message) {
                let node = spec.span_node_keys.iter().find_map(|key| {
                    pretty::pairs(fields)
                        .find(|(k, _)| k == key)
                        .map(|(_, v)| v)
                });
                if let Some(node) = node {
                    let kept = open.span_node.get_or_insert_with(String::new);
                    kept.clear();
                    kept.push_str(unquote(node));
                }
            }
            // trailer lines past the cap are lines of their own
            if too_long {
                let open = self.open.remove(k);
                self.close(open, out)?;
            }
            return Ok(());
        }
        open.message.push('\n');
        open.message.push_str(&record.message);
        open.depth = open.depth.after(&record.message);
        let indent = indentation(&record.message);
        let closed = open.depth.0 <= 0 || open.ends_by_indent(&record.message, indent);
        open.indent.get_or_insert(indent);
        open.complete = closed;
        // a message complete at the cap does not wait for trailer lines
        if (closed && !spec.trailer) || too_long {
            let open = self.open.remove(k);
            self.close(open, out)?;
        }
        Ok(())
    }

    /// Emits the record of `open`: truncated unless its message was complete.
    fn close(&self, open: Open, out: &mut impl Emit) -> io::Result<()> {
        fn text(s: &Option<String>) -> Option<Cow<'_, str>> {
            s.as_deref().map(Cow::Borrowed)
        }
        let id = |k: usize| self.formats.at(k).spec.id.as_str();
        let mut record = Record {
            line: open.line,
            end_line: open.end_line,
            format: id(open.format),
            inner: open.inner.map(id),
            time: text(&open.time),
            level: text(&open.level),
            target: text(&open.target),
            spans: text(&open.spans),
            node: text(&open.node).or(text(&open.span_node)),
            message: Cow::Borrowed(&open.message),
            fields: Fields::None,
            truncated: !open.complete,
            line_numbers: interleaved(&open.numbers).then_some(&open.numbers[..]),
            cut: None,
        };
        // tracing's compact format writes span fields after the closing
        // `}`, the pretty format fields after the message
        split_fields(
            &mut record,
            self.formats.at(open.inner.unwrap_or(open.format)),
        );
        out.emit(&record)
    }
}

/// Whether the lines of a join are not consecutive (another node's lines
/// came between them).
fn interleaved(numbers: &[u64]) -> bool {
    numbers.windows(2).any(|w| w[1] != w[0] + 1)
}

/// Whether a message ends with an opening bracket.
fn opens(message: &str) -> bool {
    matches!(
        message.trim_end().as_bytes().last(),
        Some(b'{' | b'(' | b'[')
    )
}

fn start(record: &Record<'_>, key: Option<&str>, last: Last, depth: Depth) -> Open {
    let owned = |s: &Option<Cow<'_, str>>| s.as_deref().map(str::to_owned);
    Open {
        key: key.map(str::to_owned),
        format: last.format,
        inner: last.inner,
        line: record.line,
        end_line: record.end_line,
        numbers: vec![record.line],
        time: owned(&record.time),
        level: owned(&record.level),
        target: owned(&record.target),
        spans: owned(&record.spans),
        node: owned(&record.node),
        message: record.message.clone().into_owned(),
        depth,
        indent: None,
        complete: false,
        span_node: None,
        panic: false,
    }
}

/// Whether a record is a panic's head whose message is on the next line
/// (Rust 1.73 on: `thread 'main' panicked at src/main.rs:4:5:`; newer
/// Rusts, 1.95 for one, write the thread's id after its name: `thread
/// 'main' (16835) panicked at …:`).
fn panic_head(record: &Record<'_>) -> bool {
    let message = record.message.trim_end();
    !record.truncated
        && message.ends_with(':')
        && message.starts_with("thread '")
        && message.contains(" panicked at ")
}

/// The bracket depth a record leaves open, when it starts a join: its
/// message ends inside a `{`, `(` or `[`, with the bracket or with a `:`
/// that a list on the next lines follows (libp2p-dns 0.44 on, `Display` of
/// its `Error::Dial`: `Multiple dial errors occurred:` and ` - <error>`
/// lines, inside a `DialError`'s `[(<address>: …)]`).
fn starts_join(record: &Record<'_>) -> Option<Depth> {
    if record.truncated || !(opens(&record.message) || record.message.ends_with(':')) {
        return None;
    }
    Some(Depth::default().after(&record.message)).filter(|depth| depth.0 > 0)
}

/// Whether a line holds nothing but spaces and tabs.
fn is_blank(message: &str) -> bool {
    message.bytes().all(|b| b == b' ' || b == b'\t')
}

/// Whether a record can continue an open join: a line without a header
/// (read as `plain`), not cut for parsing.
fn continues(record: &Record<'_>) -> bool {
    !record.truncated && record.line_format() == PLAIN
}

/// The join a record belongs to: one per docker compose node, else one.
fn join_key<'r>(record: &'r Record<'_>, last: Last) -> Option<&'r str> {
    if last.prefix_node {
        record.node.as_deref()
    } else {
        None
    }
}
