//! Finding Debug values inside free text: a log message such as
//! `[DHT] [EVENT] OutboundQueryProgressed { .. }`, `Failed to put record:
//! QuorumFailed { .. }` or tracing fields `query=QueryId(1) record=Key(b"..")`.
//!
//! A candidate is a path whose last segment starts with an upper-case letter,
//! directly followed by `(` or ` {`: the head of a derived `Debug` struct or
//! tuple. Prose (`Connection closed: peer left (3 retries)`) has none, so it
//! yields nothing. Values nested inside a found value are not reported again,
//! nor values on the rest of a line after a head that is no value, or after
//! a value followed by a bracket nothing opened (a value closed early).

use super::parse;
use super::{Error, Value};

/// A Debug value found in a text, with its byte range in that text.
#[derive(Debug)]
pub struct Found<'a> {
    pub start: usize,
    pub end: usize,
    /// The value, or why there is none: nesting too deep; no value at the
    /// head, or the rest of a line after a value closed early (both run to
    /// the end of their line).
    pub value: Result<Value<'a>, Error>,
}

/// Every top-level struct or tuple value in `text`, in order.
pub fn find(text: &str) -> Vec<Found<'_>> {
    find_from(text, true)
}

/// [`find`]; `skip`: jump over the words that cannot head a value (see
/// [`restart`]) instead of reading each as a path. The same values either
/// way (a test compares the two); skipping, text without brackets costs one
/// `memchr2` (whole log lines: ~1.25 times the throughput).
fn find_from(text: &str, skip: bool) -> Vec<Found<'_>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut k = 0;
    // the next `(` or `{`, once the scan has skipped ahead to it
    let mut bracket: Option<usize> = None;
    while k < bytes.len() {
        if skip && bracket.is_none_or(|at| k > at) {
            let Some(at) = memchr::memchr2(b'(', b'{', &bytes[k..]) else {
                break;
            };
            bracket = Some(k + at);
            k = restart(bytes, k, k + at);
        }
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
                let (start, end) = (k, text.len() - rest.len());
                // a closing bracket that nothing on the line opened: the value
                // was closed early by text inside it (a peer's `/dns4/x] }
                // })` name), and what follows on the line is still inside it;
                // unless the line wrote the value in brackets of its own, and
                // the value holds no unquoted text (a multiaddr) that a peer
                // could have balanced those closers with
                let line = &text[end..];
                let line = &line[..memchr::memchr(b'\n', line.as_bytes()).unwrap_or(line.len())];
                let closed_early = stray_closer(line)
                    && !closes_span(&text[..start], line)
                    && (!bracketed(&text[..start], line) || holds_bare(&value));
                found.push(Found {
                    start,
                    end,
                    value: Ok(value),
                });
                k = end;
                if closed_early {
                    found.push(Found {
                        start: end,
                        end: end + line.len(),
                        value: Err(Error::Trailing { offset: end }),
                    });
                    k = end + line.len();
                    bracket = None;
                }
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
            // not a value: a broken one (`[/dns4/x } }) …`), whose inner
            // text is no value of its own. The rest of the line is skipped,
            // so that a peer's string that breaks the event around it (a
            // `/dns4/` name holding brackets in identify's `listen_addrs`)
            // cannot pass its own text off as an event.
            Err(e) => {
                let end = k + memchr::memchr(b'\n', here.as_bytes()).unwrap_or(here.len());
                found.push(Found {
                    start: k,
                    end,
                    value: Err(Error::from_nom(text, e)),
                });
                k = end;
                bracket = None;
            }
        }
    }
    found
}

/// Where a scan at `k` may go on without missing a value: every head is a path
/// directly before `(` or ` {`, and the next such bracket is at `bracket`, so
/// a head starts after the last byte before it that no path holds (paths are
/// identifier characters, `::` and `r#`; only generics, `<…>`, hold others:
/// with a `<` on the way, nothing is skipped). The scan never sees a path
/// start inside the bytes skipped, so the paths it reads are the same.
fn restart(bytes: &[u8], k: usize, bracket: usize) -> usize {
    let end = match bytes[bracket] {
        b'{' if bracket > k && bytes[bracket - 1] == b' ' => bracket - 1,
        b'{' => return bracket,
        _ => bracket,
    };
    let window = &bytes[k..end];
    if memchr::memchr(b'<', window).is_some() {
        return k;
    }
    let in_path = |b: &u8| is_word_byte(*b) || *b == b':' || *b == b'#';
    k + window
        .iter()
        .rposition(|b| !in_path(b))
        .map_or(0, |at| at + 1)
}

/// Whether the value that ends where `line` starts was written inside a
/// bracket of the text around it: `before` ends with the opener and `line`
/// starts with its closer (hoprnet's `… for peer 'None' (ConnectionId(72)):
/// <error>`), and nothing after that closer closes a bracket it did not
/// open. That closer is the text's own, not one left by a value closed
/// early, which leaves the value's own closers after it, unless a peer's
/// text in the value balanced them (the caller asks only of values
/// without such text).
fn bracketed(before: &str, line: &str) -> bool {
    let closer = match before.as_bytes().last() {
        Some(b'(') => b')',
        Some(b'[') => b']',
        Some(b'{') => b'}',
        _ => return false,
    };
    line.as_bytes().first() == Some(&closer) && !stray_closer(&line[1..])
}

/// Whether `value` holds unquoted text (`Kind::Bare`: a multiaddr, a
/// socket address): the only text in a Debug value that a peer can fill
/// with brackets, since strings are escaped.
fn holds_bare(value: &Value<'_>) -> bool {
    matches!(value.kind, super::value::Kind::Bare(_)) || value.children().any(holds_bare)
}

/// Whether `line` closes a bracket it did not open (strings skipped).
fn stray_closer(line: &str) -> bool {
    memchr::memchr3(b')', b']', b'}', line.as_bytes()).is_some() && closer_at(line, 0).is_some()
}

/// Whether the first bracket `line` closes that nothing on it opened is a
/// tracing span's (`run{peer=PeerId("..")}: target: …`), opened in the
/// line's head `before` the value: a span's name (after the head's start,
/// a space or the `:` between spans) touches its `{`, where a Debug struct
/// has ` {`, and the span ends `}:`. `before` stops where the value
/// starts: the value may hold a peer's text that closed it early (a
/// `/dns4/a{` in identify's addresses), the head before it is the logger's.
fn closes_span(before: &str, line: &str) -> bool {
    let head = &before[memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |n| n + 1)..];
    let Some(open) = memchr::memrchr(b'{', head.as_bytes()) else {
        return false;
    };
    let name = head[..open].trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
    let named = name.len() < open && (name.is_empty() || name.ends_with([' ', ':']));
    let closes = closer_at(line, 0).is_some_and(|at| line[at..].starts_with("}:"));
    named && closes && !head[open..].contains('}')
}

/// The length of the value at the start of `text`: up to the bracket that
/// closes its first one, strings skipped; `None` when it never closes.
/// Iterative, for values too deep to parse.
fn balanced_len(text: &str) -> Option<usize> {
    closer_at(text, 1).map(|k| k + 1)
}

/// Where in `text` the first closing bracket is that leaves at most `depth`
/// brackets open before it (strings skipped): 0, one it did not open.
fn closer_at(text: &str, depth: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut open = 0usize;
    let mut k = 0;
    while k < bytes.len() {
        match bytes[k] {
            b'(' | b'[' | b'{' => open += 1,
            b')' | b']' | b'}' if open <= depth => return Some(k),
            b')' | b']' | b'}' => open -= 1,
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What a scan found, comparable: ranges and values (or errors).
    fn summary(text: &str, skip: bool) -> Vec<(usize, usize, Result<String, Error>)> {
        find_from(text, skip)
            .into_iter()
            .map(|f| (f.start, f.end, f.value.map(|v| v.to_string())))
            .collect()
    }

    #[test]
    fn skipping_finds_heads_after_paths_raw_names_and_generics() {
        for text in [
            "a::B(1) then x.Foo(2) and é1a::C(3), r#Foo(4) r#x::Bar(5)",
            "Foo<(u8, String)>(1) and Vec<u8> { len: 2 } but not Foo:::(3)",
            "rtt < 10ms: Ping { rtt: 1 } x:::Bar(2) a→Bar(3) Some (4) Kind {",
        ] {
            assert_eq!(summary(text, true), summary(text, false), "{text}");
            assert!(!summary(text, true).is_empty(), "{text}");
        }
    }

    /// Text made of the pieces paths, values and their look-alikes are made of.
    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "Foo", "a", "x1", "::", ":", "(", ")", "{", "}", " ", " {", "<", ">", "r#", "#", "é",
            "→", "\"", "'", ",", ".", "=", "1", "\n", "Bar(", "Some", "[", "]", "..",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]
        #[test]
        fn skipping_finds_what_reading_every_word_finds(text in pieces()) {
            prop_assert_eq!(summary(&text, true), summary(&text, false));
        }

        #[test]
        fn skipping_agrees_on_any_text(text in "[A-Za-b_:#<> (){}\\[\\],.\"'=é→0-9\n]{0,120}") {
            prop_assert_eq!(summary(&text, true), summary(&text, false));
        }
    }
}
