//! The text form of explanations, for people: the kind and a coloured verdict,
//! the one-sentence summary, then labelled paragraphs wrapped to the width.

use std::io::{self, Write};

use colored::{ColoredString, Colorize};

use super::{safe, Report};
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
        let facts = [
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
    let mut peers = e
        .peers
        .map(|p| format!(" [{}]", p.describe()))
        .unwrap_or_default();
    if let Some(cut) = r.cut {
        peers += &format!(" [line truncated at {} bytes]", cut.at);
    }
    let head = format!(
        "  {} {} {} ",
        "↳".dimmed(),
        safe(&e.kind).bold(),
        verdict_word(e.verdict)
    );
    let body = format!("{}{peers}", safe(&e.summary));
    // the head's colour codes take no columns; continuation lines indent by 4
    let head_cols = 6 + e.kind.chars().count() + e.verdict.as_str().len();
    let room = width.saturating_sub(head_cols).max(30);
    let mut words = body.split_whitespace().peekable();
    let mut first = String::new();
    // columns of `first`, kept as words are added (not recounted per word)
    let mut cols = 0;
    while let Some(w) = words.next_if(|w| cols == 0 || cols + 1 + w.chars().count() <= room) {
        if cols > 0 {
            first.push(' ');
            cols += 1;
        }
        first.push_str(w);
        cols += w.chars().count();
    }
    writeln!(out, "{head}{first}")?;
    let rest: Vec<&str> = words.collect();
    if !rest.is_empty() {
        wrap_into(out, "    ", &rest.join(" "), width)?;
    }
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

/// Writes `text` as lines of at most `width` columns: the first starts with
/// `first`, the others with as many spaces.
pub fn wrap_into(out: &mut dyn Write, first: &str, text: &str, width: usize) -> io::Result<()> {
    let indent = first.chars().count();
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

/// Greedy word wrap; words longer than `width` stand on their own line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        // columns of `line`, kept as words are added (not recounted per word)
        let mut cols = 0;
        for word in paragraph.split_whitespace() {
            let len = word.chars().count();
            if cols > 0 && cols + 1 + len > width {
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
    use super::wrap;

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(wrap("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
        assert_eq!(wrap("a verylongword b", 4), ["a", "verylongword", "b"]);
        assert_eq!(wrap("one\ntwo", 80), ["one", "two"]);
        // columns are characters, not bytes
        assert_eq!(wrap("äää ööö üüü", 7), ["äää ööö", "üüü"]);
    }
}
