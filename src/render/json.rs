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

impl From<&Report<'_>> for EventJson {
    fn from(r: &Report<'_>) -> Self {
        let e = &r.explanation;
        // the writers below pass every string through `safe` on the way out
        let s = |t: &str| t.to_owned();
        EventJson {
            source: s(r.source),
            line: r.line,
            end_line: r.end_line,
            node: r.node.map(s),
            time: r.time.map(s),
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

/// Writes one JSON object per line: the bytes `write_line_safe(&EventJson::from(r))`
/// writes (a test holds the two equal), built by hand into one buffer per
/// line. serde_json escapes strings a byte at a time, and the explanations
/// are most of a line: strings with nothing to escape are copied whole.
pub fn write(out: &mut dyn Write, reports: &[Report<'_>]) -> io::Result<()> {
    let mut line = Vec::with_capacity(2048);
    for r in reports {
        line.clear();
        event_line(&mut line, r)?;
        out.write_all(&line)?;
    }
    Ok(())
}

/// One report as a line of JSON, in [`EventJson`]'s field order.
fn event_line(b: &mut Vec<u8>, r: &Report<'_>) -> io::Result<()> {
    let e = &r.explanation;
    b.extend_from_slice(b"{\"source\":");
    string(b, r.source)?;
    write!(
        b,
        ",\"line\":{},\"end_line\":{},\"node\":",
        r.line, r.end_line
    )?;
    optional_string(b, r.node)?;
    b.extend_from_slice(b",\"time\":");
    optional_string(b, r.time)?;
    b.extend_from_slice(b",\"kind\":");
    string(b, &e.kind)?;
    write!(b, ",\"verdict\":\"{}\",\"summary\":", e.verdict.as_str())?;
    string(b, &e.summary)?;
    b.extend_from_slice(b",\"explanation\":");
    string(b, &e.explanation)?;
    b.extend_from_slice(b",\"advice\":");
    string(b, &e.advice)?;
    b.extend_from_slice(b",\"peers\":");
    match &e.peers {
        Some(p) => compact_safe(b, p)?,
        None => b.extend_from_slice(b"null"),
    }
    b.extend_from_slice(b",\"query\":");
    match &e.query {
        Some(q) => compact_safe(b, q)?,
        None => b.extend_from_slice(b"null"),
    }
    if let Some(cut) = r.cut {
        write!(b, ",\"truncated_at\":{}", cut.at)?;
    }
    b.extend_from_slice(b"}\n");
    Ok(())
}

fn optional_string(b: &mut Vec<u8>, s: Option<&str>) -> io::Result<()> {
    match s {
        Some(s) => string(b, s),
        None => {
            b.extend_from_slice(b"null");
            Ok(())
        }
    }
}

/// `s` as a JSON string: copied between quotes when no byte of it needs
/// escaping (no quote, backslash or possible control character), else as the
/// safe serializer writes it.
fn string(b: &mut Vec<u8>, s: &str) -> io::Result<()> {
    if plain(s) {
        b.push(b'"');
        b.extend_from_slice(s.as_bytes());
        b.push(b'"');
        Ok(())
    } else {
        compact_safe(b, s)
    }
}

/// Whether no character of `s` needs a JSON escape or [`safe`]'s: no `"`,
/// `\\`, nothing [`crate::input::may_hold_control`] suspects, no CI command.
fn plain(s: &str) -> bool {
    let special = |c: u8| (c < 0x20) | (c == b'"') | (c == b'\\') | (c == b'#') | (c >= 0x7f);
    // one vector pass for the common case; beyond ASCII may still be plain (…)
    !crate::input::any_byte(s.as_bytes(), special)
        || (memchr::memchr2(b'"', b'\\', s.as_bytes()).is_none()
            && !crate::input::may_hold_control(s, true)
            && !crate::input::holds_command(s))
}

/// `value` as compact JSON without a newline, strings passed through [`safe`].
fn compact_safe(b: &mut Vec<u8>, value: &(impl Serialize + ?Sized)) -> io::Result<()> {
    let mut ser = Serializer::with_formatter(&mut *b, Safe(CompactFormatter));
    value.serialize(&mut ser)?;
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
    use crate::format::Cut;
    use crate::knowledge::{Explanation, PeerSource};
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        // plain text, and text with quotes, backslashes, controls, C1 and `¢`,
        // hidden format characters and their neighbours (`…`, `؛`, `ﻼ`)
        prop_oneof![
            "[a-z ./:]{0,40}",
            "\\PC{0,20}",
            "[a\"\\\\\\x00-\\x1f\\x7f\\u{80}-\\u{a0}¢]{0,20}",
            "[a؛-؝\\u{2000}-\\u{206f}\\u{fef0}-\\u{ffff}\\u{e0000}-\\u{e0080}\\u{ad}]{0,20}"
        ]
    }

    /// What a random report is made of (a [`Report`] borrows its texts).
    #[derive(Debug)]
    struct Parts {
        strings: Vec<String>,
        numbers: Vec<u64>,
        some: Vec<bool>,
        verdict: Verdict,
        duration: f64,
    }

    prop_compose! {
        fn parts()(
            strings in proptest::collection::vec(text(), 8),
            numbers in proptest::collection::vec(any::<u64>(), 4),
            some in proptest::collection::vec(any::<bool>(), 5),
            verdict in 0..4u8,
            duration in any::<f64>(),
        ) -> Parts {
            let verdict = [Verdict::Ok, Verdict::Expected, Verdict::Actionable, Verdict::Unknown][verdict as usize];
            Parts { strings, numbers, some, verdict, duration }
        }
    }

    impl Parts {
        fn report(&self) -> Report<'_> {
            let Parts {
                strings,
                numbers,
                some,
                verdict,
                duration,
            } = self;
            let peers = some[2].then_some(Peers {
                count: numbers[2],
                source: PeerSource::LogDht,
                line: some[3].then_some(numbers[3]),
            });
            let query = some[4].then(|| QueryFacts {
                id: Some(numbers[0]),
                query_type: strings[6].clone(),
                key: Some(strings[7].clone()),
                quorum: None,
                confirmations: Some(1),
                requests: Some(numbers[1]),
                success: None,
                failure: Some(0),
                duration_ms: duration.is_finite().then_some(*duration),
                last: Some(some[0]),
            });
            let mut explanation = Explanation::new(
                &strings[1],
                *verdict,
                strings[2].clone(),
                strings[3].clone(),
                strings[4].clone(),
            );
            explanation.peers = peers;
            explanation.query = query;
            Report {
                source: &strings[0],
                line: numbers[0],
                end_line: numbers[1],
                node: some[0].then_some(strings[5].as_str()),
                time: some[1].then_some(strings[6].as_str()),
                subject: None,
                cause: None,
                explanation,
                cut: some[3].then_some(Cut {
                    at: numbers[2],
                    length: numbers[3],
                }),
            }
        }
    }

    proptest! {
        #[test]
        fn the_hand_written_json_line_is_what_serde_writes(parts in parts()) {
            let r = parts.report();
            let mut fast = Vec::new();
            write(&mut fast, std::slice::from_ref(&r)).unwrap();
            let mut serde = Vec::new();
            write_line_safe(&mut serde, &EventJson::from(&r)).unwrap();
            prop_assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(serde).unwrap());
        }
    }

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
