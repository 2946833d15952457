//! The grammar: one nom parser per rule, from tokens up to values.
//!
//! Every rule works on `&str` and borrows what it returns. Containers recurse
//! through [`value`], which carries the nesting depth and stops at
//! [`MAX_DEPTH`] with a `Failure` (never a stack overflow). A value that none of
//! the rules accept becomes a [`Kind::Bare`] token reaching to the next delimiter
//! at its depth, so one odd field never loses the event around it. A container
//! that runs into the end of the text is returned with `truncated` set.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::{char, digit1};
use nom::combinator::recognize;
use nom::error::{ErrorKind, ParseError};
use nom::{Err, IResult, Parser};

use super::value::{Field, Kind, Layout, Value};

/// How deep containers may nest before parsing gives up.
pub const MAX_DEPTH: usize = 128;

/// What went wrong, and where (`input` is the text that could not be parsed).
#[derive(Debug, PartialEq)]
pub struct PError<'a> {
    pub input: &'a str,
    pub reason: Reason,
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Reason {
    Expected(&'static str),
    TooDeep,
}

impl<'a> ParseError<&'a str> for PError<'a> {
    fn from_error_kind(input: &'a str, kind: ErrorKind) -> Self {
        let expected = match kind {
            ErrorKind::Digit => "a digit",
            ErrorKind::Char => "a delimiter",
            ErrorKind::Tag => "a keyword",
            _ => "a Debug value",
        };
        PError {
            input,
            reason: Reason::Expected(expected),
        }
    }

    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }
}

pub type PResult<'a, T> = IResult<&'a str, T, PError<'a>>;

fn fail<'a, T>(input: &'a str, expected: &'static str) -> PResult<'a, T> {
    Err(Err::Error(PError {
        input,
        reason: Reason::Expected(expected),
    }))
}

/// The text `before` consumed to reach `rest`.
fn consumed<'a>(before: &'a str, rest: &'a str) -> &'a str {
    &before[..before.len() - rest.len()]
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The ASCII bytes of an identifier: letters, digits and `_`.
const IDENT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

// `QuorumFailed`, `tv_sec`, `_private`, `r#type`, `u8`, `größe`
pub fn ident(i: &str) -> PResult<'_, &str> {
    let body = i.strip_prefix("r#").unwrap_or(i);
    let prefix = i.len() - body.len();
    let starts = match body.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_alphabetic() || *b == b'_',
        Some(_) => body.starts_with(char::is_alphabetic),
        None => false,
    };
    if !starts {
        return fail(i, "an identifier");
    }
    // ASCII fast path; any other character falls back to Unicode's notion
    let ascii = body.bytes().position(|b| !IDENT[usize::from(b)]);
    let len = match ascii {
        Some(k) if body.as_bytes()[k] >= 0x80 => {
            body.find(|c: char| !is_ident_char(c)).unwrap_or(body.len())
        }
        Some(k) => k,
        None => body.len(),
    };
    let end = prefix + len;
    Ok((&i[end..], &i[..end]))
}

// `<u8>`, `<(u8, alloc::string::String)>`: balanced angle brackets on one line
pub fn generics(i: &str) -> PResult<'_, &str> {
    if !i.starts_with('<') {
        return fail(i, "`<`");
    }
    let mut depth = 0usize;
    for (k, c) in i.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => {
                depth -= 1;
                if depth == 0 {
                    return Ok((&i[k + 1..], &i[..k + 1]));
                }
            }
            '\n' | '{' | '}' => break,
            _ => {}
        }
    }
    fail(i, "a closing `>`")
}

// `Mode`, `libp2p_kad::Mode`, `PhantomData<u8>`
pub fn path(i: &str) -> PResult<'_, &str> {
    let (mut rest, _) = ident(i)?;
    while let Some(after) = rest.strip_prefix("::") {
        match ident(after) {
            Ok((after_ident, _)) => rest = after_ident,
            Err(_) => break,
        }
    }
    if rest.starts_with('<') {
        if let Ok((after, _)) = generics(rest) {
            rest = after;
        }
    }
    Ok((rest, consumed(i, rest)))
}

// `-12`, `3.25`, `1e-7`, `78` digits: the text, and whether it is a float
pub fn number(i: &str) -> PResult<'_, (&str, bool)> {
    let b = i.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut k = usize::from(b.first() == Some(&b'-'));
    let int = digits(k);
    if int == 0 {
        return fail(i, "a digit");
    }
    k += int;
    let mut float = false;
    if b.get(k) == Some(&b'.') && digits(k + 1) > 0 {
        k += 1 + digits(k + 1);
        float = true;
    }
    if matches!(b.get(k), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(k + 1), Some(b'+' | b'-')));
        let exp = digits(k + 1 + sign);
        if exp > 0 {
            k += 1 + sign + exp;
            float = true;
        }
    }
    Ok((&i[k..], (&i[..k], float)))
}

// `ns`, `µs` (U+00B5), `ms`, `s`: the unit of a `Duration`
pub fn duration_unit(i: &str) -> PResult<'_, &str> {
    let len = match i.as_bytes() {
        [b'n' | b'm', b's', ..] => 2,
        [0xc2, 0xb5, b's', ..] => 3,
        [b's', ..] => 1,
        _ => return fail(i, "a duration unit"),
    };
    Ok((&i[len..], &i[..len]))
}

// `76.0568ms`, `250µs`, `10ns`, `1.5s`, `-12`, `3.5`, `-inf`
pub fn numeric(i: &str) -> PResult<'_, Value<'_>> {
    if let Some(rest) = i.strip_prefix("-inf") {
        return Ok((rest, Value::new(Kind::Float(&i[..4]), &i[..4])));
    }
    let (rest, (_, float)) = number(i)?;
    let (rest, kind) = match duration_unit(rest) {
        Ok((rest, _)) if !rest.starts_with(is_ident_char) => {
            (rest, Kind::Duration(consumed(i, rest)))
        }
        _ if float => (rest, Kind::Float(consumed(i, rest))),
        _ => (rest, Kind::Int(consumed(i, rest))),
    };
    Ok((rest, Value::new(kind, consumed(i, rest))))
}

/// The body of a quoted literal up to its closing `quote`, skipping `\` escapes.
fn quoted_body(i: &str, quote: u8) -> PResult<'_, &str> {
    let bytes = i.as_bytes();
    let mut k = 0;
    while let Some(at) = memchr::memchr2(b'\\', quote, &bytes[k.min(bytes.len())..]) {
        k += at;
        if bytes[k] == quote {
            return Ok((&i[k + 1..], &i[..k]));
        }
        k += 2;
    }
    fail(i, "a closing quote")
}

// `"a \"quoted\" \u{1b} string"`
pub fn string(i: &str) -> PResult<'_, Value<'_>> {
    let (rest, (_, body)) = (char('"'), |i| quoted_body(i, b'"')).parse(i)?;
    Ok((rest, Value::new(Kind::Str(body), consumed(i, rest))))
}

// `'a'`, `'\''`, `'\u{1b}'`
pub fn char_lit(i: &str) -> PResult<'_, Value<'_>> {
    let (rest, (_, body)) = (char('\''), |i| quoted_body(i, b'\'')).parse(i)?;
    if body.is_empty() || (body.chars().count() > 1 && !body.starts_with('\\')) {
        return fail(i, "a char literal");
    }
    Ok((rest, Value::new(Kind::Char(body), consumed(i, rest))))
}

// `b"/llama-cluster/shard/1"`, `b"\0\x12\xffa\n\""`
pub fn byte_string(i: &str) -> PResult<'_, Value<'_>> {
    let (rest, (_, body)) = (tag("b\""), |i| quoted_body(i, b'"')).parse(i)?;
    Ok((rest, Value::new(Kind::ByteStr(body), consumed(i, rest))))
}

// `[::1]:4001`, `[fe80::1%2]:80`: a socket address, which must not parse as a list
pub fn socket_v6(i: &str) -> PResult<'_, Value<'_>> {
    let hex = |c: char| c.is_ascii_hexdigit() || c == ':' || c == '.' || c == '%';
    let (rest, text) = recognize((char('['), take_while1(hex), tag("]:"), digit1)).parse(i)?;
    Ok((rest, Value::new(Kind::Bare(text), text)))
}

/// Whether `rest` starts (after white space) where a value inside a container
/// must end: `,`, a closing bracket, the `: ` of a pair (with a value after
/// it, as [`bare`] splits), or the end of the text.
fn at_delimiter(rest: &str) -> bool {
    let t = skip_ws(rest);
    match t.as_bytes() {
        [] | [b',' | b')' | b']' | b'}', ..] => true,
        [b':', next, ..] => next.is_ascii_whitespace() && !closes(t[1..].trim_start()),
        [b':'] => true,
        _ => false,
    }
}

/// Whether `rest` ends the container or item it is in: nothing left, or a
/// closing bracket or comma next.
fn closes(rest: &str) -> bool {
    rest.is_empty() || rest.starts_with([')', ']', '}', ','])
}

// `/ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…`, `127.0.0.1:4001`, `0102abcd`,
// `68656c6c6f20776f72..`: verbatim up to the next `,` `)` `]` `}` or `: ` at
// this depth (a `: ` with a value after it). Trailing spaces are kept before
// a `,` (gossipsub pads hex with them) and dropped before a closing bracket,
// or a trailing `,` before one (they belong to the container: printed again,
// the comma may be gone).
pub fn bare(i: &str) -> PResult<'_, Value<'_>> {
    let bytes = i.as_bytes();
    let mut depth = 0usize;
    let mut k = 0;
    let mut comma = false;
    while k < bytes.len() {
        if !BARE_STOPS[usize::from(bytes[k])] {
            k += 1;
            continue;
        }
        match bytes[k] {
            b'"' => {
                k = quoted_body(&i[k + 1..], b'"')
                    .map_or(bytes.len(), |(rest, _)| i.len() - rest.len());
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth == 0 => break,
            b')' | b']' | b'}' => depth -= 1,
            b',' if depth == 0 => {
                comma = true;
                break;
            }
            // `Name: value` splits here, unless the token is only the colon
            // or no value follows (`x:: }`: the colon ends the token)
            b':' if depth == 0
                && k > 0
                && bytes.get(k + 1).is_some_and(u8::is_ascii_whitespace)
                && !closes(i[k + 1..].trim_start()) =>
            {
                break
            }
            _ => {}
        }
        k += 1;
    }
    let text = &i[..k];
    let trailing_comma = comma && {
        let after = i[k + 1..].trim_start();
        after.is_empty() || after.starts_with([')', ']', '}'])
    };
    let text = if comma && !trailing_comma {
        text
    } else {
        text.trim_end()
    };
    if text.trim().is_empty() {
        return fail(i, "a Debug value");
    }
    let rest = &i[text.len()..];
    Ok((rest, Value::new(Kind::Bare(text), text)))
}

/// The bytes [`bare`] looks at; it skips the others.
const BARE_STOPS: [bool; 256] = {
    let mut table = [false; 256];
    let stops = b"\"([{)]},:";
    let mut k = 0;
    while k < stops.len() {
        table[stops[k] as usize] = true;
        k += 1;
    }
    table
};

// ` `, `\n    `: white space between tokens
fn ws(i: &str) -> PResult<'_, &str> {
    let rest = skip_ws(i);
    Ok((rest, consumed(i, rest)))
}

/// Whether a container opened with the text `after_open` is in `{:#?}` form.
fn is_pretty(after_open: &str) -> bool {
    after_open.starts_with(['\n', '\r'])
}

/// After an item: white space, then `,` (and white space), or the `close`
/// bracket, or the end of the text. Returns the rest, and whether the
/// container ended (`Some(truncated)`).
fn separator(i: &str, close: char) -> PResult<'_, Option<bool>> {
    let (i, _) = ws(i)?;
    if i.is_empty() {
        return Ok((i, Some(true)));
    }
    if let Some(rest) = i.strip_prefix(close) {
        return Ok((rest, Some(false)));
    }
    let (i, _) = char(',')(i)?;
    let (i, _) = ws(i)?;
    match i.strip_prefix(close) {
        Some(rest) => Ok((rest, Some(false))),
        None if i.is_empty() => Ok((i, Some(true))),
        None => Ok((i, None)),
    }
}

// `v`, `k: v` (a map entry, or the `MyBehaviourEvent: Inner { .. }` of the
// derive wrapper): one item of a tuple, list or braces
pub fn item(i: &str, depth: usize) -> PResult<'_, Value<'_>> {
    let (rest, key) = value(i, depth)?;
    let after = rest.trim_start();
    match after.strip_prefix(':') {
        Some(after_colon)
            if after_colon.starts_with(char::is_whitespace) || after_colon.is_empty() =>
        {
            let (after_colon, _) = ws(after_colon)?;
            if after_colon.is_empty() {
                return Ok((rest, key));
            }
            let (rest, val) = value(after_colon, depth)?;
            let raw = consumed(i, rest);
            Ok((rest, Value::new(Kind::Pair(Box::new((key, val))), raw)))
        }
        _ => Ok((rest, key)),
    }
}

// the items of `(a, b)`, `[a, b]`, `{a, b}`, `{k: v}` after the opening
// bracket, up to and including `close`; compact or one per line
pub fn items(i: &str, close: char, depth: usize) -> PResult<'_, (Vec<Value<'_>>, Layout)> {
    let mut layout = Layout {
        pretty: is_pretty(i),
        truncated: false,
    };
    let mut out = Vec::new();
    let (mut i, _) = ws(i)?;
    if let Some(rest) = i.strip_prefix(close) {
        return Ok((rest, (out, layout)));
    }
    loop {
        if i.is_empty() {
            layout.truncated = true;
            return Ok((i, (out, layout)));
        }
        let (rest, v) = item(i, depth + 1)?;
        out.push(v);
        let (rest, end) = separator(rest, close)?;
        i = rest;
        if let Some(truncated) = end {
            layout.truncated = truncated;
            return Ok((i, (out, layout)));
        }
    }
}

// `..`, `...`, `…`: an elision, as `finish_non_exhaustive` writes it (or a person
// shortening a pasted event: `...` in a tuple or list, [`field`])
pub fn elision(i: &str) -> PResult<'_, Value<'_>> {
    let (rest, marker) = alt((tag("..."), tag(".."), tag("…"))).parse(i)?;
    Ok((rest, Value::new(Kind::Elided(marker), marker)))
}

// `name: value` in a struct, or an elision (a field with an empty name):
// `..` or `…`; prose's `Name { ... }` is no struct (`...` elides items of a
// tuple or list only: found by review)
pub fn field(i: &str, depth: usize) -> PResult<'_, Option<Field<'_>>> {
    if i.starts_with(['.', '…']) && !i.starts_with("...") {
        if let Ok((rest, value)) = elision(i) {
            if at_delimiter(rest) {
                return Ok((rest, Some(Field { name: "", value })));
            }
        }
    }
    let (rest, name) = ident(i)?;
    // the text ends inside the name or before its `:` (a paste cut short):
    // a cut field, not a failed struct (checked off the hot path: a whole
    // field's `:` follows its name)
    if !rest.starts_with(':') {
        let (end, _) = ws(rest)?;
        if end.is_empty() {
            return Ok((end, None));
        }
    }
    let (rest, _) = char(':')(rest)?;
    let (rest, _) = ws(rest)?;
    if rest.is_empty() {
        return Ok((rest, None));
    }
    let (rest, value) = value(rest, depth)?;
    Ok((rest, Some(Field { name, value })))
}

// the fields of `{ a: 1, b: 2, .. }` after the name's opening brace, compact or
// one per line, up to and including the `}`
pub fn struct_body(i: &str, depth: usize) -> PResult<'_, (Vec<Field<'_>>, Layout)> {
    let mut layout = Layout {
        pretty: is_pretty(i),
        truncated: false,
    };
    let mut fields = Vec::new();
    let (mut i, _) = ws(i)?;
    if let Some(rest) = i.strip_prefix('}') {
        return Ok((rest, (fields, layout)));
    }
    loop {
        if i.is_empty() {
            layout.truncated = true;
            return Ok((i, (fields, layout)));
        }
        let (rest, f) = field(i, depth + 1)?;
        let Some(f) = f else {
            layout.truncated = true;
            return Ok((rest, (fields, layout)));
        };
        fields.push(f);
        let (rest, end) = separator(rest, '}')?;
        i = rest;
        if let Some(truncated) = end {
            layout.truncated = truncated;
            return Ok((i, (fields, layout)));
        }
    }
}

// `Name { .. }`, `Name(..)`, `Name`, `true`, `NaN`: what follows a path
pub fn named(i: &str, depth: usize) -> PResult<'_, Value<'_>> {
    let (rest, name) = path(i)?;
    let kind_and_rest = if let Some(after) = rest.strip_prefix('(') {
        let (rest, (items, layout)) = items(after, ')', depth)?;
        let name = Some(name);
        (
            Kind::Tuple {
                name,
                items,
                layout,
            },
            rest,
        )
    } else if let Some(after) = rest.strip_prefix(" {") {
        let (rest, (fields, layout)) = struct_body(after, depth)?;
        let kind = Kind::Struct {
            name,
            fields,
            layout,
        };
        (kind, rest)
    } else {
        let kind = match name {
            "true" => Kind::Bool(true),
            "false" => Kind::Bool(false),
            "NaN" | "inf" => Kind::Float(name),
            _ => Kind::Unit(name),
        };
        (kind, rest)
    };
    let (kind, rest) = kind_and_rest;
    Ok((rest, Value::new(kind, consumed(i, rest))))
}

/// Opens a container: `(`, `[` or `{`, returning the kind built from its items.
fn bracketed<'a>(
    i: &'a str,
    depth: usize,
    close: char,
    build: fn(Vec<Value<'a>>, Layout) -> Kind<'a>,
) -> PResult<'a, Value<'a>> {
    let (rest, (list, layout)) = items(&i[1..], close, depth)?;
    Ok((rest, Value::new(build(list, layout), consumed(i, rest))))
}

// any value, chosen by its first character; no check of what follows it
pub fn structured(i: &str, depth: usize) -> PResult<'_, Value<'_>> {
    if depth > MAX_DEPTH {
        return Err(Err::Failure(PError {
            input: i,
            reason: Reason::TooDeep,
        }));
    }
    match i.as_bytes().first() {
        Some(b'"') => string(i),
        Some(b'\'') => char_lit(i),
        Some(b'b') if i.as_bytes().get(1) == Some(&b'"') => byte_string(i),
        Some(b'[') => socket_v6(i)
            .or_else(|_| bracketed(i, depth, ']', |items, layout| Kind::List { items, layout })),
        Some(b'{') => bracketed(i, depth, '}', |items, layout| Kind::Braced {
            items,
            layout,
        }),
        Some(b'(') => bracketed(i, depth, ')', |items, layout| Kind::Tuple {
            name: None,
            items,
            layout,
        }),
        Some(b'-' | b'0'..=b'9') => numeric(i),
        Some(b'.' | 0xe2) => elision(i),
        Some(_) => named(i, depth),
        None => fail(i, "a Debug value"),
    }
}

// a value inside a container: a structured value that ends at a delimiter, or
// else a bare token
pub fn value(i: &str, depth: usize) -> PResult<'_, Value<'_>> {
    match structured(i, depth) {
        Ok((rest, v)) if at_delimiter(rest) => Ok((rest, v)),
        Err(Err::Failure(e)) => Err(Err::Failure(e)),
        _ => bare(i),
    }
}

/// Skips leading white space (ASCII, as `{:#?}` writes it).
pub fn skip_ws(i: &str) -> &str {
    match i.as_bytes().first() {
        Some(b) if b.is_ascii_whitespace() => {
            i.trim_start_matches(|c: char| c.is_ascii_whitespace())
        }
        _ => i,
    }
}
