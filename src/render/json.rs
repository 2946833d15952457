//! JSON Lines: one object per explained event, exactly as DESIGN.md's "Output
//! contracts" names the fields. [`EventJson`] is both what is written and what
//! tests read back (unknown fields denied).

use std::borrow::Cow;
use std::io::{self, Write};

use serde::{Deserialize, Serialize};
use serde_json::ser::{CharEscape, CompactFormatter, Formatter, PrettyFormatter, Serializer};

use super::{safe, Report};
use crate::knowledge::{Peers, QueryFacts, Verdict};

/// One line of `--format json` output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventJson {
    pub source: String,
    pub line: u64,
    pub end_line: u64,
    pub node: Option<String>,
    pub time: Option<String>,
    pub kind: String,
    pub verdict: Verdict,
    pub summary: String,
    pub explanation: String,
    pub advice: String,
    pub peers: Option<Peers>,
    pub query: Option<QueryFacts>,
    /// Present when the event's line was longer than the input's cap: the
    /// line was parsed up to this many bytes (and passed through whole).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated_at: Option<u64>,
}

impl From<&Report> for EventJson {
    fn from(r: &Report) -> Self {
        let e = &r.explanation;
        // the writers below pass every string through `safe` on the way out
        let s = |t: &str| t.to_owned();
        EventJson {
            source: s(&r.source),
            line: r.line,
            end_line: r.end_line,
            node: r.node.as_deref().map(s),
            time: r.time.as_deref().map(s),
            kind: s(&e.kind),
            verdict: e.verdict,
            summary: s(&e.summary),
            explanation: s(&e.explanation),
            advice: s(&e.advice),
            peers: e.peers,
            query: e.query.clone().map(|mut q| {
                q.key = q.key.as_deref().map(s);
                q
            }),
            truncated_at: r.cut.map(|c| c.at),
        }
    }
}

/// Writes one JSON object per line.
pub fn write(out: &mut dyn Write, reports: &[Report]) -> io::Result<()> {
    for r in reports {
        write_line_safe(out, &EventJson::from(r))?;
    }
    Ok(())
}

/// Writes `value` as pretty JSON with every string, object keys included,
/// passed through [`safe`]: serde_json escapes only the controls below
/// U+0020 (as `\u001b`, which a reader decodes back to a raw ESC), and DEL
/// or a C1 control (U+009B is CSI) would otherwise be written raw.
pub fn write_pretty_safe(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    let mut ser = Serializer::with_formatter(&mut *out, Safe(PrettyFormatter::new()));
    value.serialize(&mut ser)?;
    writeln!(out)
}

/// As [`write_pretty_safe`], on one line.
pub fn write_line_safe(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    let mut ser = Serializer::with_formatter(&mut *out, Safe(CompactFormatter));
    value.serialize(&mut ser)?;
    writeln!(out)
}

/// A JSON formatter that writes strings as [`safe`] shows them: control
/// characters other than line feed and tab become the text `\x1b`.
struct Safe<F>(F);

impl<F: Formatter> Formatter for Safe<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // serde_json hands quotes, backslashes and controls below U+0020 to
        // `write_char_escape`: a fragment's only backslashes are `safe`'s
        match safe(fragment) {
            Cow::Borrowed(f) => w.write_all(f.as_bytes()),
            Cow::Owned(f) => w.write_all(f.replace('\\', "\\\\").as_bytes()),
        }
    }

    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        escape: CharEscape,
    ) -> io::Result<()> {
        let control = match escape {
            CharEscape::Backspace => 0x08,
            CharEscape::FormFeed => 0x0c,
            CharEscape::CarriageReturn => 0x0d,
            CharEscape::AsciiControl(b) => b,
            other => return self.0.write_char_escape(w, other),
        };
        write!(w, "\\\\x{control:02x}")
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_character_in_a_string_or_key_is_escaped_as_safe_shows_it() {
        let mut map = std::collections::BTreeMap::new();
        map.insert(
            "k\u{1b}",
            vec!["a\u{7f}b\u{9b}2J\u{1b}[31m\r\u{8}\u{c}\\ \"q\"\n\t"],
        );
        let mut out = Vec::new();
        write_line_safe(&mut out, &map).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            r#"{"k\\x1b":["a\\x7fb\\x9b2J\\x1b[31m\\x0d\\x08\\x0c\\ \"q\"\n\t"]}"#.to_owned()
                + "\n"
        );
        let back: std::collections::BTreeMap<String, Vec<String>> =
            serde_json::from_str(&text).unwrap();
        assert_eq!(
            back["k\\x1b"][0],
            "a\\x7fb\\x9b2J\\x1b[31m\\x0d\\x08\\x0c\\ \"q\"\n\t"
        );
        let mut pretty = Vec::new();
        write_pretty_safe(&mut pretty, &map).unwrap();
        let pretty = String::from_utf8(pretty).unwrap();
        assert!(pretty.starts_with("{\n  \"k\\\\x1b\": [\n"), "{pretty}");
    }
}
