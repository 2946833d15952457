//! tracing-subscriber's pretty format (`fmt().pretty()`), the parts its
//! format file's regex cannot read: the fields, written `, key: value`
//! after the message, and the indented lines after the event, which name
//! its source location, thread and spans, innermost span first:
//!
//! ```text
//!   2026-11-25T10:00:00.000001Z  INFO libp2p_swarm: New listener address, listener: ListenerId(2)
//!     at libp2p-swarm-0.48.0/src/lib.rs:1130              ← trailer lines
//!     in libp2p_swarm::Swarm::poll
//!     in generator::swarm with node: "node-0"
//!                                                         ← ends the event
//! ```
//!
//! Which lines join into one record is the assembler's business; this
//! module only says what a line or a message holds.

use super::scan::{special, walk_on};

/// The bytes [`split_fields`] stops at: quotes, brackets and `,`.
const COMMA: [bool; 256] = special(b',');

/// Splits `message, key: value, key2: value2` into the message and the
/// fields text, which starts at the first key: after the first `, key: `
/// outside brackets and strings, or at `key: ` opening the text (an event
/// with no message). A key is a field name as tracing writes it: a
/// lower-case letter or `_`, then letters, digits, `_` and `.`; a message
/// like `Error: …` has none.
pub fn split_fields(text: &str) -> (&str, &str) {
    if key_len(text.as_bytes()).is_some() {
        return ("", text);
    }
    match next_key(text.as_bytes()) {
        Some(comma) => (&text[..comma], &text[comma + 2..]),
        None => (text, ""),
    }
}

/// The position of the first `, ` that a key follows, outside brackets and
/// strings.
fn next_key(bytes: &[u8]) -> Option<usize> {
    let mut depth = 0i64;
    walk_on(&COMMA, bytes, |k, b| {
        match b {
            b'{' | b'(' | b'[' => depth += 1,
            b'}' | b')' | b']' => depth -= 1,
            _ => {
                return depth == 0
                    && bytes.get(k + 1) == Some(&b' ')
                    && key_len(&bytes[k + 2..]).is_some()
            }
        }
        false
    })
}

/// The length of `key` when `bytes` starts with `key: `.
fn key_len(bytes: &[u8]) -> Option<usize> {
    let first = *bytes.first()?;
    if !(first.is_ascii_lowercase() || first == b'_') {
        return None;
    }
    let len = bytes
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.'))?;
    bytes[len..].starts_with(b": ").then_some(len)
}

/// The `key: value` pairs of a fields text, values as written (a quoted
/// string keeps its quotes). A value runs to the next `, key: ` outside
/// brackets and strings.
pub fn pairs(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let len = key_len(rest.as_bytes())?;
        let (key, value) = (&rest[..len], &rest[len + 2..]);
        let (value, after) = match next_key(value.as_bytes()) {
            Some(comma) => (&value[..comma], &value[comma + 2..]),
            None => (value, ""),
        };
        rest = after;
        Some((key, value))
    })
}

/// A trailer line without its indentation: four spaces, or the tab that
/// `unexpand` makes of them.
fn unindented(line: &str) -> Option<&str> {
    line.strip_prefix("    ")
        .or_else(|| line.strip_prefix('\t'))
}

/// Whether a line without a header is one of the lines the pretty format
/// writes after an event: four spaces, then `at ` (its source location),
/// `on ` (its thread) or `in ` (one of its spans).
pub fn is_trailer(line: &str) -> bool {
    unindented(line).is_some_and(|rest| ["at ", "on ", "in "].iter().any(|w| rest.starts_with(w)))
}

/// The fields of the span an `    in target::name with key: value` line
/// names, if it has any.
pub fn span_fields(line: &str) -> Option<&str> {
    let span = unindented(line)?.strip_prefix("in ")?;
    span.split_once(" with ").map(|(_, fields)| fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_start_at_the_first_key_outside_brackets() {
        let text = "New listener address, listener: ListenerId(2), address: /ip4/127.0.0.1/tcp/1";
        let (message, fields) = split_fields(text);
        assert_eq!(message, "New listener address");
        assert_eq!(
            pairs(fields).collect::<Vec<_>>(),
            [
                ("listener", "ListenerId(2)"),
                ("address", "/ip4/127.0.0.1/tcp/1")
            ]
        );
        // a Debug struct's own `, field: ` is inside its brackets
        let event = "ConnectionClosed { peer_id: PeerId(\"a, b: c\"), num_established: 0 }";
        assert_eq!(split_fields(event), (event, ""));
        assert_eq!(
            split_fields(&format!("{event}, node: x")),
            (event, "node: x")
        );
    }

    #[test]
    fn an_event_without_message_is_all_fields_and_a_capitalised_word_is_not_a_key() {
        assert_eq!(
            split_fields("local_peer_id: 12D3Koo"),
            ("", "local_peer_id: 12D3Koo")
        );
        let text = "Error: no route, and more";
        assert_eq!(split_fields(text), (text, ""));
        assert_eq!(
            pairs("node: \"node-0\", id: 3").collect::<Vec<_>>(),
            [("node", "\"node-0\""), ("id", "3")]
        );
    }

    #[test]
    fn trailer_lines_are_at_on_and_in_lines_indented_by_four() {
        assert!(is_trailer("    at src/main.rs:42"));
        assert!(is_trailer("    on main"));
        assert!(is_trailer("    in generator::swarm with node: \"node-0\""));
        assert!(!is_trailer("        at: 3,"));
        assert!(!is_trailer("    address: /ip4/1.2.3.4"));
        assert!(!is_trailer(""));
        assert!(is_trailer("\tin g::swarm with node: n"), "unexpanded");
        assert_eq!(
            span_fields("    in generator::swarm with node: \"node-0\""),
            Some("node: \"node-0\"")
        );
        assert_eq!(span_fields("    in libp2p_swarm::Swarm::poll"), None);
    }
}
