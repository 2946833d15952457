//! Byte scanners shared by the line formats and the multi-line assembler:
//! bracket depth outside string literals, the `key=value` fields tracing and
//! `log` write after a message, and tracing's span chain `a{k=v}:b:`.
//!
//! They read Rust `Debug` text only as far as brackets and quotes go; what a
//! value means is `debugfmt`'s business.

/// Tracks bracket depth across text, outside `"…"` strings and `'x'` chars.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Depth(pub i64);

impl Depth {
    /// The depth after `text`. Strings do not span lines in `{:#?}` output
    /// (newlines are escaped), so each call starts outside any string.
    ///
    /// Every line of a source passes here: between quotes, the brackets are
    /// counted in a loop the compiler vectorises, and literals are skipped
    /// as `walk` skips them.
    pub fn after(self, text: &str) -> Depth {
        let bytes = text.as_bytes();
        let mut depth = self.0;
        let mut k = 0;
        loop {
            let quote = memchr::memchr2(b'"', b'\'', &bytes[k..]).map_or(bytes.len(), |q| k + q);
            depth += balance(&bytes[k..quote]);
            k = match bytes.get(quote) {
                None => return Depth(depth),
                Some(b'"') => string_end(bytes, quote + 1),
                Some(_) => char_end(bytes, quote).unwrap_or(quote + 1),
            };
        }
    }
}

/// Opening brackets less closing ones in `bytes` (no literals in it).
fn balance(bytes: &[u8]) -> i64 {
    // per byte +1, -1 or 0, summed in chunks that fit an i8
    bytes
        .chunks(127)
        .map(|chunk| {
            let sum: i8 = chunk
                .iter()
                .map(|&b| {
                    i8::from(matches!(b, b'{' | b'(' | b'['))
                        - i8::from(matches!(b, b'}' | b')' | b']'))
                })
                .sum();
            i64::from(sum)
        })
        .sum()
}

/// A byte table: quotes, brackets and `extra` are true.
pub(super) const fn special(extra: u8) -> [bool; 256] {
    let mut table = [false; 256];
    let bytes = b"\"'{}()[]";
    let mut k = 0;
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table[extra as usize] = true;
    table
}

/// The bytes `walk` stops at: quotes, brackets and `=`. Everything else is
/// skipped in a tight loop (these scans run on every line with fields).
const SPECIAL: [bool; 256] = special(b'=');

/// Calls `f(position, byte)` for every bracket and `=` outside string and
/// char literals, until `f` returns true; returns that position.
fn walk(bytes: &[u8], f: impl FnMut(usize, u8) -> bool) -> Option<usize> {
    walk_on(&SPECIAL, bytes, f)
}

/// [`walk`], stopping at the bytes `table` marks besides quotes.
pub(super) fn walk_on(
    table: &[bool; 256],
    bytes: &[u8],
    mut f: impl FnMut(usize, u8) -> bool,
) -> Option<usize> {
    let mut k = 0;
    while k < bytes.len() {
        if !table[bytes[k] as usize] {
            k += 1;
            continue;
        }
        match bytes[k] {
            b'"' => k = string_end(bytes, k + 1),
            b'\'' => k = char_end(bytes, k).unwrap_or(k + 1),
            b => {
                if f(k, b) {
                    return Some(k);
                }
                k += 1;
            }
        }
    }
    None
}

/// The position after the string whose contents start at `k`.
fn string_end(bytes: &[u8], mut k: usize) -> usize {
    while let Some(at) = memchr::memchr2(b'\\', b'"', bytes.get(k..).unwrap_or_default()) {
        k += at;
        if bytes[k] == b'"' {
            return k + 1;
        }
        k += 2;
    }
    bytes.len()
}

/// The position after a char literal (`'a'`, `'\n'`, `'\u{1f}'`, `'é'`) that
/// starts at `k`, or `None` when the quote is prose (`don't`).
fn char_end(bytes: &[u8], k: usize) -> Option<usize> {
    let rest = bytes.get(k + 1..)?;
    if rest.first() == Some(&b'\\') {
        let close = rest.iter().take(12).skip(2).position(|&b| b == b'\'')?;
        return Some(k + 1 + 2 + close + 1);
    }
    let width = match rest.first()? {
        b if *b < 0x80 => 1,
        b if *b >= 0xf0 => 4,
        b if *b >= 0xe0 => 3,
        _ => 2,
    };
    (rest.get(width) == Some(&b'\'')).then_some(k + 1 + width + 1)
}

/// Splits `message key=value key2=value2` into the message and the fields
/// text: the fields start at the first ` key=` outside brackets and strings
/// (or at `key=` opening the text). A `key` is a Rust identifier, dots allowed
/// (`log.target`). Without such a key, everything is message.
pub fn split_fields(text: &str) -> (&str, &str) {
    if memchr::memchr(b'=', text.as_bytes()).is_none() {
        return (text, "");
    }
    let bytes = text.as_bytes();
    let mut depth = 0i64;
    let mut key = 0;
    let found = walk(bytes, |k, b| {
        match b {
            b'{' | b'(' | b'[' => depth += 1,
            b'}' | b')' | b']' => depth -= 1,
            _ if depth == 0 => {
                if let Some(start) = key_before(bytes, k) {
                    key = start;
                    return true;
                }
            }
            _ => {}
        }
        false
    });
    match found {
        Some(_) => (text[..key].trim_end(), &text[key..]),
        None => (text, ""),
    }
}

/// For the `=` at `eq`: where its key starts, if `eq` ends ` key=` (or
/// `key=` at the start) and is not `==`.
fn key_before(bytes: &[u8], eq: usize) -> Option<usize> {
    if bytes.get(eq + 1) == Some(&b'=') {
        return None;
    }
    let is_key = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'.';
    let start = bytes[..eq]
        .iter()
        .rposition(|&b| !is_key(b))
        .map_or(0, |k| k + 1);
    let first = *bytes.get(start).filter(|_| start < eq)?;
    let spaced = start == 0 || bytes[start - 1] == b' ';
    (spaced && (first.is_ascii_alphabetic() || first == b'_')).then_some(start)
}

/// The length of `key` when `bytes` starts with `key=` (not `key==`).
fn key_len(bytes: &[u8]) -> Option<usize> {
    let first = *bytes.first()?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let len = bytes
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.'))?;
    (bytes[len] == b'=' && bytes.get(len + 1) != Some(&b'=')).then_some(len)
}

/// The `key=value` pairs of a fields text, values as written (a quoted
/// string keeps its quotes). A value runs to the next ` key=` outside
/// brackets and strings.
pub fn pairs(text: &str) -> Pairs<'_> {
    Pairs { rest: text }
}

/// Iterator returned by [`pairs`].
#[derive(Clone, Debug)]
pub struct Pairs<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Pairs<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let text = self.rest.trim_start();
        let len = key_len(text.as_bytes())?;
        let (key, value) = (&text[..len], &text[len + 1..]);
        let (value, rest) = match split_fields(value) {
            // the value itself cannot start the next pair
            ("", rest) => next_after_first(rest),
            (value, rest) => (value, rest),
        };
        self.rest = rest;
        Some((key, value))
    }
}

/// For a value that itself looks like `k=v` (`a=b=c`): the value runs to the
/// next pair after its first character.
fn next_after_first(text: &str) -> (&str, &str) {
    let first = text.chars().next().map_or(0, char::len_utf8);
    let (value, rest) = split_fields(&text[first..]);
    (&text[..first + value.len()], rest)
}

/// The span chain `node{name=a}:conn{peer=x y=z}:Swarm::poll:` as
/// `(name, fields text)` pairs, outermost first.
pub fn spans(chain: &str) -> Spans<'_> {
    Spans { rest: chain }
}

/// Iterator returned by [`spans`].
#[derive(Clone, Debug)]
pub struct Spans<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Spans<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let text = self.rest;
        let bytes = text.as_bytes();
        // The name runs to `{` or to a `:` that is not part of `::`.
        let mut k = 0;
        while k < bytes.len() {
            match bytes[k] {
                b'{' => break,
                b':' if bytes.get(k + 1) == Some(&b':') => k += 2,
                b':' => break,
                _ => k += 1,
            }
        }
        if k == 0 {
            return None;
        }
        let name = &text[..k];
        let mut fields = "";
        if bytes.get(k) == Some(&b'{') {
            let mut depth = 0i64;
            let close = walk(&bytes[k..], |_, b| {
                match b {
                    b'{' | b'(' | b'[' => depth += 1,
                    b'}' | b')' | b']' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map_or(bytes.len(), |c| k + c);
            fields = text.get(k + 1..close).unwrap_or("");
            k = (close + 1).min(bytes.len());
        }
        self.rest = text
            .get(k..)
            .map_or("", |r| r.strip_prefix(':').unwrap_or(r));
        Some((name, fields))
    }
}

/// A field value as a name: without the quotes of a Debug-printed string.
pub fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn depth_counts_the_brackets_walk_stops_at(
            text in r#"([\[\]{}()"'\\=a é]|\\"|'\\''|'x'){0,400}"#,
            start in -3i64..3,
        ) {
            let mut depth = start;
            walk(text.as_bytes(), |_, b| {
                match b {
                    b'{' | b'(' | b'[' => depth += 1,
                    b'}' | b')' | b']' => depth -= 1,
                    _ => {}
                }
                false
            });
            proptest::prop_assert_eq!(Depth(start).after(&text), Depth(depth));
        }
    }
}
