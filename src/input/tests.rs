use std::io::{Cursor, Write};

use super::*;

/// Every line of `bytes` as (number, raw, text, truncated), read with a cap.
fn read_all(bytes: &[u8], cap: usize) -> Vec<(u64, Vec<u8>, String, bool)> {
    let mut reader = LineReader::with_cap("test", Cursor::new(bytes.to_vec()), false, cap);
    let mut buf = LineBuf::default();
    let mut out = Vec::new();
    while let Some(line) = reader.read(&mut buf).unwrap() {
        let mut raw = line.raw.to_vec();
        let (number, text, truncated) = (line.number, line.text.to_owned(), line.truncated);
        while let Some(piece) = reader.tail().unwrap() {
            raw.extend_from_slice(piece);
        }
        out.push((number, raw, text, truncated));
    }
    out
}

fn texts(bytes: &[u8]) -> Vec<String> {
    read_all(bytes, MAX_LINE).into_iter().map(|l| l.2).collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn source_texts(mut source: Source) -> Result<Vec<String>, InputError> {
    let mut buf = LineBuf::default();
    let mut out = Vec::new();
    while let Some(line) = source.lines.read(&mut buf)? {
        out.push(line.text.to_owned());
    }
    Ok(out)
}

#[test]
fn lf_crlf_and_a_last_line_without_newline() {
    let lines = read_all(b"a\nb\r\n\nc", MAX_LINE);
    let numbers: Vec<u64> = lines.iter().map(|l| l.0).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    assert_eq!(texts(b"a\nb\r\n\nc"), ["a", "b", "", "c"]);
    let raw: Vec<&[u8]> = lines.iter().map(|l| l.1.as_slice()).collect();
    assert_eq!(raw, [&b"a\n"[..], b"b\r\n", b"\n", b"c"]);
}

#[test]
fn empty_input_has_no_lines() {
    assert!(texts(b"").is_empty());
    assert_eq!(texts(b"\n"), [""]);
}

#[test]
fn invalid_utf8_is_replaced_in_text_and_kept_in_raw() {
    let lines = read_all(b"ok \xff\xfe end\n", MAX_LINE);
    assert_eq!(lines[0].2, "ok \u{FFFD}\u{FFFD} end");
    assert_eq!(lines[0].1, b"ok \xff\xfe end\n");
}

#[test]
fn ansi_colours_are_stripped_from_text_only() {
    let line = b"\x1b[2m2026-11-24T09:33:10Z\x1b[0m \x1b[32m INFO\x1b[0m x\n";
    let lines = read_all(line, MAX_LINE);
    assert_eq!(lines[0].2, "2026-11-24T09:33:10Z  INFO x");
    assert_eq!(lines[0].1, line);
}

#[test]
fn ansi_with_invalid_utf8_is_both_replaced_and_stripped() {
    assert_eq!(texts(b"\x1b[1m\xffx\x1b[0m"), ["\u{FFFD}x"]);
}

#[test]
fn escape_sequence_kinds() {
    let strip = |s: &str| {
        let mut out = String::new();
        strip_ansi(s, &mut out);
        out
    };
    assert_eq!(strip("a\x1b[38;5;208mb\x1b[0m"), "ab");
    assert_eq!(strip("a\x1b]0;title\x07b"), "ab");
    assert_eq!(strip("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\"), "link");
    assert_eq!(strip("a\x1b(Bb\x1b7c"), "abc");
    assert_eq!(strip("a\x1bPdata\x1b\\b"), "ab");
    // cut off by the end of the line
    assert_eq!(strip("a\x1b["), "a");
    assert_eq!(strip("a\x1b"), "a");
    assert_eq!(strip("a\x1b]never ended"), "a");
    // malformed CSI keeps what follows
    assert_eq!(strip("a\x1b[12\u{e9}b"), "a\u{e9}b");
    assert_eq!(strip("no escapes"), "no escapes");
}

#[test]
fn over_long_line_is_cut_for_parsing_and_passed_through_whole() {
    let long = format!("{}\nnext\n", "x".repeat(100));
    let lines = read_all(long.as_bytes(), 16);
    assert_eq!(lines.len(), 2);
    assert!(lines[0].3);
    assert_eq!(lines[0].2, "x".repeat(16));
    assert_eq!(lines[0].1.len(), 101);
    assert_eq!(lines[1], (2, b"next\n".to_vec(), "next".into(), false));
}

#[test]
fn rest_of_a_long_line_is_skipped_when_not_taken() {
    let long = format!("{}\nnext", "y".repeat(100));
    let mut reader = LineReader::with_cap("t", Cursor::new(long.into_bytes()), false, 10);
    let mut buf = LineBuf::default();
    assert!(reader.read(&mut buf).unwrap().unwrap().truncated);
    let next = reader.read(&mut buf).unwrap().unwrap();
    assert_eq!((next.number, next.text), (2, "next"));
    assert!(reader.read(&mut buf).unwrap().is_none());
}

#[test]
fn long_line_memory_stays_bounded() {
    // 8 MiB on one line, read with the default cap: the buffer holds MAX_LINE.
    let long = vec![b'z'; 8 * 1024 * 1024];
    let mut reader = LineReader::new("t", Cursor::new(long), false);
    let mut buf = LineBuf::default();
    let line = reader.read(&mut buf).unwrap().unwrap();
    assert!(line.truncated);
    assert_eq!(line.raw.len(), MAX_LINE);
    let mut rest = 0;
    while let Some(piece) = reader.tail().unwrap() {
        rest += piece.len();
    }
    assert_eq!(MAX_LINE + rest, 8 * 1024 * 1024);
}

#[test]
fn gzip_is_recognised_by_content() {
    let plain = b"one\ntwo\r\nthree".to_vec();
    let source = from_reader("x.log", Cursor::new(gzip(&plain)));
    assert!(source.gzip);
    assert_eq!(source_texts(source).unwrap(), ["one", "two", "three"]);
    let source = from_reader("x.gz", Cursor::new(plain));
    assert!(!source.gzip);
    assert_eq!(source_texts(source).unwrap(), ["one", "two", "three"]);
}

#[test]
fn concatenated_gzip_members_are_one_stream() {
    let mut both = gzip(b"a\n");
    both.extend(gzip(b"b\n"));
    let texts = source_texts(from_reader("x", Cursor::new(both))).unwrap();
    assert_eq!(texts, ["a", "b"]);
}

#[test]
fn corrupt_gzip_names_the_line_reached() {
    let text: String = (0..5000)
        .map(|k| format!("line {k} of some log\n"))
        .collect();
    let mut gz = gzip(text.as_bytes());
    let cut = gz.len() / 2;
    gz.truncate(cut);
    let err = source_texts(from_reader("cut.gz", Cursor::new(gz))).unwrap_err();
    let InputError::CorruptGzip { ref name, line, .. } = err else {
        panic!("expected CorruptGzip, got {err:?}");
    };
    assert_eq!(name, "cut.gz");
    assert!(line > 0 && line < 5000, "{line}");
    assert!(err
        .to_string()
        .starts_with("cut.gz: corrupt gzip data after line"));
}

/// `gzip -d` ignores zero bytes after the data (tape and block devices pad
/// files with them); p2plog called such a file corrupt, after its last line.
#[test]
fn zero_padding_after_gzip_data_is_ignored_and_other_bytes_are_not() {
    let mut padded = gzip(b"a\nb\n");
    padded.extend(gzip(b"c\n"));
    padded.extend([0u8; 1000]);
    let texts = source_texts(from_reader("x.gz", Cursor::new(padded.clone()))).unwrap();
    assert_eq!(texts, ["a", "b", "c"]);
    padded.push(7);
    let err = source_texts(from_reader("x.gz", Cursor::new(padded))).unwrap_err();
    assert!(
        matches!(err, InputError::CorruptGzip { line: 3, .. }),
        "{err:?}"
    );
}

#[test]
fn a_single_byte_input_is_not_mistaken_for_gzip() {
    let texts = source_texts(from_reader("x", Cursor::new(vec![0x1f]))).unwrap();
    assert_eq!(texts, ["\u{1f}"]);
}

#[test]
fn open_errors_are_typed() {
    let dir = std::env::temp_dir();
    assert!(matches!(
        open(dir.join("p2plog-no-such-file.log")),
        Err(InputError::NotFound { .. })
    ));
    assert!(matches!(open(&dir), Err(InputError::IsDirectory { .. })));
}

#[test]
fn decoded_strings_keep_line_breaks_and_hidden_characters_escaped() {
    let shown = |s: &str| escape_controls(s.into()).into_owned();
    assert_eq!(shown("a\nb\t\u{1b}"), "a\\nb\\t\\x1b");
    assert_eq!(shown("evil\u{202e}txt"), "evil\\u{202e}txt");
    assert_eq!(
        shown("zero\u{200b}width\u{feff}"),
        "zero\\u{200b}width\\u{feff}"
    );
    // characters that share a bidi control's lead byte are left alone
    assert_eq!(shown("12D3KooW…9Crm9 – ؛"), "12D3KooW…9Crm9 – ؛");
}

/// A reader that gives `data`, then fails (a gzip stream cut mid-line).
struct FailsAfter(Cursor<Vec<u8>>);

impl std::io::Read for FailsAfter {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.0.read(buf)? {
            0 => Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "cut",
            )),
            n => Ok(n),
        }
    }
}

#[test]
fn the_start_of_a_line_read_before_an_error_is_a_line_then_the_error() {
    let inner = std::io::BufReader::new(FailsAfter(Cursor::new(b"one\ntwo, cut".to_vec())));
    let mut reader = LineReader::new("cut.log.gz", inner, true);
    let mut buf = LineBuf::default();
    let one = reader
        .read(&mut buf)
        .unwrap()
        .map(|l| (l.number, l.text.to_owned()));
    assert_eq!(one, Some((1, "one".to_owned())));
    let two = reader
        .read(&mut buf)
        .unwrap()
        .map(|l| (l.number, l.raw.to_vec()));
    assert_eq!(two, Some((2, b"two, cut".to_vec())));
    let err = reader.read(&mut buf).unwrap_err().to_string();
    assert_eq!(err, "cut.log.gz: corrupt gzip data after line 2");
}

#[test]
fn a_name_longer_than_the_cap_is_clipped_on_a_character_boundary() {
    let short = "12D3KooWFL1HuS4qk6V8qANtSCs4xe4ECvCRtZA1LLb6TKoZqPop";
    assert!(matches!(super::clip(short), Cow::Borrowed(s) if s == short));
    let exact = "a".repeat(super::NAME_BYTES);
    assert_eq!(super::clip(&exact), exact);
    // a 2-byte character straddles the cap: cut before it
    let long = format!("{}é{}", "a".repeat(super::NAME_BYTES - 1), "b".repeat(1000));
    assert_eq!(
        super::clip(&long),
        format!("{}…", "a".repeat(super::NAME_BYTES - 1))
    );
}
