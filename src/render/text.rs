//! The text form of explanations, for people: the kind and a coloured verdict,
//! the one-sentence summary, then labelled paragraphs wrapped to the width.

use std::io::{self, Write};

use colored::{ColoredString, Colorize};

use super::{cols, safe, Report};
use crate::knowledge::Verdict;

/// The verdict as a coloured word.
pub fn verdict_word(v: Verdict) -> ColoredString {
    let word = v.as_str().to_uppercase();
    match v {
        Verdict::Ok => word.green(),
        Verdict::Expected => word.cyan(),
        Verdict::Actionable => word.red().bold(),
        Verdict::Unknown => word.magenta(),
    }
}

/// Writes each report in full: header, summary, then what happened, timing,
/// peers and advice, wrapped to `width` columns.
pub fn write_full(out: &mut dyn Write, reports: &[Report], width: usize) -> io::Result<()> {
    for (n, r) in reports.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        let e = &r.explanation;
        let lines = if r.end_line > r.line {
            format!("lines {}-{}", r.line, r.end_line)
        } else {
            format!("line {}", r.line)
        };
        writeln!(
            out,
            "{} {}  {}",
            safe(&e.kind).bold(),
            verdict_word(e.verdict),
            lines.dimmed()
        )?;
        wrap_into(out, "", &safe(&e.summary), width)?;
        let peers = e.peers.map(|p| p.describe());
        let cut = r.cut.map(|c| c.to_string());
        // what the pasted line's prefix named, as JSON's `time` and `node`
        // give it: several pasted events of several nodes tell apart
        let logged = match (r.time, r.node) {
            (Some(t), Some(n)) => Some(format!("{t} on {n}")),
            (Some(t), None) => Some(t.to_owned()),
            (None, Some(n)) => Some(format!("on {n}")),
            (None, None) => None,
        };
        let facts = [
            ("logged", logged.as_deref()),
            ("timing", e.timing.as_deref()),
            ("peers", peers.as_deref()),
            ("input", cut.as_deref()),
        ];
        if facts.iter().any(|(_, f)| f.is_some()) {
            writeln!(out)?;
        }
        for (label, fact) in facts {
            if let Some(fact) = fact {
                wrap_into(out, &format!("  {:<8}", label), &safe(fact), width)?;
            }
        }
        let sections = [
            ("what happened", e.explanation.as_ref()),
            ("advice", e.advice.as_ref()),
        ];
        for (label, body) in sections.into_iter().filter(|(_, b)| !b.is_empty()) {
            writeln!(out)?;
            writeln!(out, "  {}", label.bold())?;
            wrap_into(out, "    ", &safe(body), width)?;
        }
    }
    Ok(())
}

/// Writes the brief explanation that scan mode puts under an event: an arrow,
/// the kind, the verdict and the summary, with the peer count; `verbose` adds
/// what happened and the advice.
pub fn write_brief(out: &mut dyn Write, r: &Report, verbose: bool, width: usize) -> io::Result<()> {
    let e = &r.explanation;
    let mut body = safe(&super::fold_named_addresses(&e.summary)).into_owned();
    if let Some(p) = e.peers {
        body.push_str(" [");
        body.push_str(&p.describe());
        body.push(']');
    }
    // what raised the verdict, where earlier events did: the same words
    // are EXPECTED the first time and ACTIONABLE the third
    if let Some(repeats) = e.repeats {
        body.push_str(" [");
        body.push_str(&repeats.describe());
        body.push(']');
    }
    if let Some(cut) = r.cut {
        body.push_str(&format!(" [line truncated at {} bytes]", cut.at));
    }
    let mut text = String::with_capacity(body.len() + 64);
    if colored::control::SHOULD_COLORIZE.should_colorize() {
        text.push_str(&format!(
            "  {} {} {} ",
            "↳".dimmed(),
            safe(&e.kind).bold(),
            verdict_word(e.verdict)
        ));
    } else {
        // what the coloured head prints with colour off, without `colored`
        text.push_str("  ↳ ");
        text.push_str(&safe(&e.kind));
        text.push(' ');
        text.push_str(&e.verdict.as_str().to_ascii_uppercase());
        text.push(' ');
    }
    // the head's colour codes take no columns; continuation lines indent by 4
    let head_cols = 6 + cols(&e.kind) + e.verdict.as_str().len();
    // greedy word wrap, as `wrap_into(out, "    ", rest, width)` would wrap
    // the words that do not fit on the first line
    let rest = width.saturating_sub(4).max(20);
    // a long kind leaves the head's line too little room (or none for the
    // first word): the summary starts on the next line instead of running
    // past the width
    let mut room = width.saturating_sub(head_cols);
    let first_word = body.split_whitespace().next().map_or(0, cols);
    if room < 20 || first_word > room {
        text.truncate(text.trim_end().len());
        text.push_str("\n    ");
        room = rest;
        // the summary now starts a line: `{peer} asked …`
        if let Some(defused) = defuse_line_start(&body) {
            body = defused;
        }
    }
    // the word-by-word wrap keeps a word that must not start a line
    // ([`may_start_line`]) on the line before
    // (its fast path counts characters: only for text whose characters
    // each take one column)
    if single_spaced(&body) && !body.contains(" ::") && narrow(&body) {
        wrap_spaced(&mut text, &body, room, rest);
    } else {
        wrap_words(&mut text, body.split_whitespace(), room, rest);
    }
    text.push('\n');
    out.write_all(text.as_bytes())?;
    if verbose {
        for (label, text) in [("what happened", &e.explanation), ("advice", &e.advice)] {
            if !text.is_empty() {
                writeln!(out, "    {}", label.bold())?;
                wrap_into(out, "      ", &safe(text), width)?;
            }
        }
    }
    Ok(())
}

/// Appends `words` to `text` joined by spaces, breaking the line (a newline
/// and a four-space indent) before a word that would make it longer than
/// `first` columns, `rest` after the first break; a longer word stands alone,
/// and a word that must not start a line ([`may_start_line`]) stays.
fn wrap_words<'a>(
    text: &mut String,
    words: impl Iterator<Item = &'a str>,
    first: usize,
    rest: usize,
) {
    let (mut limit, mut cols) = (first, 0);
    for w in words {
        let len = super::cols(w);
        if cols > 0 && cols + 1 + len > limit && may_start_line(w) {
            text.push_str("\n    ");
            (limit, cols) = (rest, 0);
        }
        if cols > 0 {
            text.push(' ');
            cols += 1;
        }
        text.push_str(w);
        cols += len;
    }
}

/// [`wrap_words`] of a [`single_spaced`] text's words, without splitting it
/// into words: each line ends at the last space within its limit.
fn wrap_spaced(text: &mut String, mut s: &str, first: usize, rest: usize) {
    let mut limit = first;
    // the character just past the limit, if the rest is longer than that
    while let Some(end) = char_start(s, limit) {
        let within = if s.as_bytes()[end] == b' ' {
            Some(end)
        } else {
            s[..end].rfind(' ')
        };
        // no space within the limit: the first word stands alone
        let Some(cut) = within.or_else(|| s[end..].find(' ').map(|k| end + k)) else {
            break;
        };
        text.push_str(&s[..cut]);
        text.push_str("\n    ");
        s = &s[cut + 1..];
        limit = rest;
    }
    text.push_str(s);
}

/// Whether each character of `s` takes one column: only those from
/// U+1100 on (a UTF-8 lead byte from 0xE1) may not, so only they are
/// looked up (`…` and `→` are in every other summary).
fn narrow(s: &str) -> bool {
    let mut rest = s;
    while let Some(k) = rest.bytes().position(|b| b >= 0xe1) {
        let Some(c) = rest[k..].chars().next() else {
            return true;
        };
        if unicode_width::UnicodeWidthChar::width(c) != Some(1) {
            return false;
        }
        rest = &rest[k + c.len_utf8()..];
    }
    true
}

/// Where the character `n` (counted from 0) of `s` starts, if `s` has more
/// than `n` characters: bytes counted, continuation bytes skipped.
fn char_start(s: &str, n: usize) -> Option<usize> {
    if s.len() <= n {
        return None;
    }
    let mut seen = 0;
    for (k, &b) in s.as_bytes().iter().enumerate() {
        if b & 0xc0 != 0x80 {
            if seen == n {
                return Some(k);
            }
            seen += 1;
        }
    }
    None
}

/// Whether `text`'s only white space is single spaces between words, so that
/// splitting at spaces finds the words `split_whitespace` would (cheaper).
fn single_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    // one pass: no two spaces in a row, no other ASCII white space
    let mut previous = 0u8;
    for &b in bytes {
        if (b == b' ' && previous == b' ') || (b != b' ' && b.is_ascii_whitespace()) {
            return false;
        }
        previous = b;
    }
    // white space beyond ASCII starts with one of these bytes in UTF-8
    // (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000)
    let lead = |b: &u8| matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3);
    !bytes
        .iter()
        .enumerate()
        .any(|(k, b)| lead(b) && text[k..].chars().next().is_some_and(char::is_whitespace))
}

/// Writes `text` as lines of at most `width` columns: the first starts with
/// `first`, the others with as many spaces.
pub fn wrap_into(out: &mut dyn Write, first: &str, text: &str, width: usize) -> io::Result<()> {
    let indent = cols(first);
    for (n, line) in wrap(text, width.saturating_sub(indent).max(20))
        .into_iter()
        .enumerate()
    {
        if n == 0 {
            writeln!(out, "{first}{line}")?;
        } else {
            writeln!(out, "{:indent$}{line}", "")?;
        }
    }
    Ok(())
}

/// Whether a wrapped line may start with `word`: not when it reads as a
/// GitHub workflow command (`::error::`), which the runner obeys at a line's
/// start, even when indented. Such a word comes from a peer (an agent version
/// of `x ::error::y`) and stays on the line before, however long that makes
/// it. (Commands that count anywhere in a line, `##[error]`, are broken by
/// [`crate::render::safe`].)
fn may_start_line(word: &str) -> bool {
    !word.starts_with("::")
}

/// `text`, which starts a line, with a leading `::` written `:\x3a` (as
/// [`crate::render::safe`] writes `##[` `#\x23[`): a summary that starts
/// with a peer's name, or a paragraph's first word, cannot be kept on the
/// line before. `None` when `text` does not start so.
fn defuse_line_start(text: &str) -> Option<String> {
    let start = text.len() - text.trim_start().len();
    text[start..]
        .starts_with("::")
        .then(|| format!("{}:\\x3a{}", &text[..start], &text[start + 2..]))
}

/// Greedy word wrap; words longer than `width` stand on their own line, and
/// a break never comes before a word that must not start a line
/// (`may_start_line`).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let defused = defuse_line_start(paragraph);
        let paragraph = defused.as_deref().unwrap_or(paragraph);
        let mut line = String::new();
        // columns of `line`, kept as words are added (not recounted per word)
        let mut cols = 0;
        for word in paragraph.split_whitespace() {
            let len = super::cols(word);
            if cols > 0 && cols + 1 + len > width && may_start_line(word) {
                lines.push(std::mem::take(&mut line));
                cols = 0;
            }
            if cols > 0 {
                line.push(' ');
                cols += 1;
            }
            line.push_str(word);
            cols += len;
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{
        char_start, may_start_line, single_spaced, wrap, wrap_spaced, wrap_words, write_brief,
    };
    use crate::knowledge::{Explanation, Verdict};
    use crate::render::Report;

    fn brief(summary: &str, width: usize) -> String {
        let explanation = Explanation::new("kad.X", Verdict::Expected, summary, "", "");
        let r = Report {
            source: "-",
            line: 1,
            end_line: 1,
            node: None,
            time: None,
            subject: None,
            cause: None,
            explanation,
            cut: None,
        };
        let mut out = Vec::new();
        write_brief(&mut out, &r, false, width).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_brief_explanation_wraps_under_its_head_with_a_four_space_indent() {
        // the head `  ↳ kad.X EXPECTED ` takes 19 columns; the first line has
        // room for the other 21, the others for 36
        let summary = "one two three four five six seven eight nine ten eleven twelve thirteen";
        assert_eq!(
            brief(summary, 40),
            "  ↳ kad.X EXPECTED one two three four\n    five six seven eight nine ten eleven\n    twelve thirteen\n"
        );
        // less than 20 columns left, or less than the first word: the
        // summary starts on the next line (it used to get 30 columns,
        // past the width)
        assert_eq!(
            brief(summary, 35),
            "  ↳ kad.X EXPECTED\n    one two three four five six\n    seven eight nine ten eleven\n    twelve thirteen\n"
        );
        assert_eq!(
            brief("/ip4/127.0.0.1/tcp/20001/p2p is", 40),
            "  ↳ kad.X EXPECTED\n    /ip4/127.0.0.1/tcp/20001/p2p is\n"
        );
        // white space other than single spaces is normalised, as before
        assert_eq!(brief(" a\t b\u{a0}c ", 80), "  ↳ kad.X EXPECTED a b c\n");
        assert_eq!(brief("", 80), "  ↳ kad.X EXPECTED \n");
    }

    proptest::proptest! {
        #[test]
        fn wrapping_a_single_spaced_text_at_its_spaces_is_word_wrap(
            words in proptest::collection::vec("[a-zé…→]{1,12}", 0..30),
            first in 1usize..40,
            rest in 1usize..40,
        ) {
            let body = words.join(" ");
            let (mut fast, mut slow) = (String::new(), String::new());
            wrap_spaced(&mut fast, &body, first, rest);
            wrap_words(&mut slow, body.split_whitespace(), first, rest);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn char_start_counts_characters_not_bytes() {
        assert_eq!(char_start("aé…b", 3), Some(6));
        assert_eq!(char_start("aé…b", 4), None);
        assert_eq!(char_start("", 0), None);
        for n in 0..5 {
            assert_eq!(
                char_start("x…yé", n),
                "x…yé".char_indices().nth(n).map(|(k, _)| k)
            );
        }
    }

    #[test]
    fn single_spaced_is_what_word_wrap_leaves_alone() {
        for text in ["a b c", "ä → b", "x", "", "Ping to 12D3…: 5 ms."] {
            assert!(single_spaced(text), "{text:?}");
            assert_eq!(wrap(text, 1000), [text]);
        }
        for text in [" a", "a ", "a  b", "a\tb", "a\nb", "a\u{a0}b", "a\u{3000}b"] {
            assert!(!single_spaced(text), "{text:?}");
            assert_ne!(wrap(text, 1000), [text], "{text:?}");
        }
    }

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(wrap("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
        assert_eq!(wrap("a verylongword b", 4), ["a", "verylongword", "b"]);
        assert_eq!(wrap("one\ntwo", 80), ["one", "two"]);
        // columns are characters, not bytes
        assert_eq!(wrap("äää ööö üüü", 7), ["äää ööö", "üüü"]);
    }

    #[test]
    fn a_ci_command_in_a_peer_s_words_never_starts_a_wrapped_line() {
        // an agent version of `::error::x ::error::x …`
        let text = format!("agent{}", " ::error::x pwned ::warning::y".repeat(8));
        let lines = wrap(&text, 12);
        assert!(lines.iter().all(|l| may_start_line(l)), "{lines:?}");
        assert_eq!(lines.len(), 9, "{lines:?}");
        assert_eq!(lines.join(" "), text);
        let brief = brief(&text, 40);
        assert!(
            brief.lines().all(|l| may_start_line(l.trim_start())),
            "{brief}"
        );
        assert_eq!(brief.lines().count(), 5, "{brief}");
        assert_eq!(wrap("a b ::c d", 3), ["a b ::c", "d"]);
    }

    #[test]
    fn a_ci_command_that_starts_a_paragraph_is_written_escaped() {
        // a summary that starts with a peer's short name: `{peer} asked …`
        assert_eq!(
            wrap("::error::pwned asked\n ::warning::x", 80),
            [r":\x3aerror::pwned asked", r":\x3awarning::x"]
        );
        let brief = brief("::error::pwned asked this node to dial it back", 10);
        assert!(
            brief.lines().all(|l| may_start_line(l.trim_start())),
            "{brief}"
        );
        assert!(brief.contains(r":\x3aerror::pwned"), "{brief}");
    }
}
