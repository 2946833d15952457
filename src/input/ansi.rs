//! Removing ANSI (ECMA-48) escape sequences from a line before it is parsed:
//! colours and styles (`ESC [ … m`, any CSI), window titles and hyperlinks
//! (OSC `ESC ] … BEL` or `ESC ] … ESC \`), the other string sequences (DCS,
//! SOS, PM, APC, ended by `ESC \`), and the short `ESC (` … forms. The
//! original line is kept elsewhere for pass-through; this only feeds parsing.

use memchr::memchr;

const ESC: u8 = 0x1b;
const BEL: u8 = 0x07;

/// Writes `text` without its escape sequences into `out` (cleared first).
/// A sequence cut off by the end of the line is dropped, as a terminal would.
pub fn strip_ansi(text: &str, out: &mut String) {
    out.clear();
    let bytes = text.as_bytes();
    let mut k = 0;
    while let Some(at) = memchr(ESC, &bytes[k..]) {
        out.push_str(&text[k..k + at]);
        k += at + 1 + sequence_len(&bytes[k + at + 1..]);
    }
    out.push_str(&text[k..]);
}

/// The length of the escape sequence whose bytes after `ESC` start `rest`.
/// It ends just after an ASCII byte or at the end of the text, so cutting
/// there keeps UTF-8 valid.
fn sequence_len(rest: &[u8]) -> usize {
    match rest.first() {
        None => 0,
        Some(b'[') => 1 + csi_len(&rest[1..]),
        Some(b']') => 1 + string_len(&rest[1..], true),
        Some(b'P' | b'X' | b'^' | b'_') => 1 + string_len(&rest[1..], false),
        // nF: intermediate bytes, then one final byte (`ESC ( B`).
        Some(0x20..=0x2f) => {
            let inter = rest
                .iter()
                .take_while(|b| (0x20..=0x2f).contains(*b))
                .count();
            match rest.get(inter) {
                Some(0x30..=0x7e) => inter + 1,
                _ => inter,
            }
        }
        // Fp, Fe, Fs: one byte (`ESC 7`, `ESC M`, `ESC c`).
        Some(0x30..=0x7e) => 1,
        Some(_) => 0,
    }
}

/// CSI after `ESC [`: parameter bytes, intermediate bytes, one final byte.
/// Stops before any other byte (a malformed sequence keeps the text after it).
fn csi_len(rest: &[u8]) -> usize {
    let params = rest
        .iter()
        .take_while(|b| (0x30..=0x3f).contains(*b))
        .count();
    let inter = rest[params..]
        .iter()
        .take_while(|b| (0x20..=0x2f).contains(*b))
        .count();
    match rest.get(params + inter) {
        Some(0x40..=0x7e) => params + inter + 1,
        _ => params + inter,
    }
}

/// A string sequence: up to and including `ESC \` (or BEL, for OSC), or the
/// whole rest of the line when it is never ended.
fn string_len(rest: &[u8], bel_ends: bool) -> usize {
    let mut k = 0;
    while k < rest.len() {
        match rest[k] {
            BEL if bel_ends => return k + 1,
            ESC if rest.get(k + 1) == Some(&b'\\') => return k + 2,
            _ => k += 1,
        }
    }
    rest.len()
}
