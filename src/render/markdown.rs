//! `summary --format markdown`: GitHub-flavoured Markdown for
//! `$GITHUB_STEP_SUMMARY`. Table cells are escaped (`|`, line breaks, control
//! characters) so log text cannot break the layout.

use std::io::{self, Write};

use super::safe;
use super::table::sparkline;
use crate::knowledge::text::count;
use crate::summary::Summary;

/// Text from a log shown literally in Markdown, also in a table cell: every
/// character Markdown or HTML would act on is backslash-escaped (a key
/// holding `` `</code><img …> `` stays text), line breaks become spaces.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in safe(text).chars() {
        match c {
            '\n' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text from a log as a code span: delimited by more backticks than it
/// holds in a row, so it cannot close the span early.
fn code(text: &str) -> String {
    fenced(safe(text).replace('\n', " "))
}

/// [`code`] in a table cell: `|` escaped, which GitHub undoes inside a code
/// span in a table (and only there: elsewhere the backslash would show).
fn code_cell(text: &str) -> String {
    fenced(safe(text).replace('\n', " ").replace('|', "\\|"))
}

fn fenced(text: String) -> String {
    let longest = (text.split(|c| c != '`')).map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// The most findings, and rows of a table, the Markdown shows: GitHub
/// refuses a step summary over 1 MiB, and a log of thousands of app types
/// (unknown kinds) or nodes would pass it. The rest is counted in a line.
pub const MAX_ROWS: usize = 50;

/// The line under a list cut at [`MAX_ROWS`], if it was.
fn more(out: &mut dyn Write, total: usize, what: &str) -> io::Result<()> {
    if total > MAX_ROWS {
        let rest = count((total - MAX_ROWS) as u64, what);
        writeln!(out, "\n_Not shown: {rest} (see `--format json` or text)._")?;
    }
    Ok(())
}

pub fn write(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    let v = &s.verdicts;
    writeln!(out, "## p2plog summary\n")?;
    // a source's name and note as long as a log's names may be: a merged
    // summary's are not clipped when read
    let name = |src: &crate::summary::Source| code(&crate::input::clip(&src.name));
    let mut names: Vec<String> = s.sources.iter().take(MAX_ROWS).map(name).collect();
    if s.sources.len() > MAX_ROWS {
        names.push(count((s.sources.len() - MAX_ROWS) as u64, "more source"));
    }
    writeln!(
        out,
        "{} from {}; {}: **{} actionable**, {} unknown, {} expected, {} ok.\n",
        count(s.lines, "line"),
        names.join(", "),
        count(s.events, "event"),
        v.actionable,
        v.unknown,
        v.expected,
        v.ok
    )?;
    if let Some(note) = s.no_events_note() {
        // p2plog's own words: nothing in them to escape
        writeln!(out, "> **Warning:** {note}\n")?;
    }
    if let Some(note) = s.mirrored_note() {
        writeln!(out, "{note}.\n")?;
    }
    // the notes of at most MAX_ROWS sources, counting the others
    let noted = s
        .sources
        .iter()
        .filter(|src| src.truncated.is_some() || src.error_note().is_some());
    for src in noted.clone().take(MAX_ROWS) {
        if let Some(t) = &src.truncated {
            writeln!(out, "{}: {}.\n", name(src), t.describe())?;
        }
        if let Some(note) = src.error_note() {
            let note = crate::input::clip_at(&note, 4 * crate::input::NAME_BYTES);
            writeln!(out, "> **Error:** {}.\n", cell(&note))?;
        }
    }
    more(out, noted.count(), "note")?;
    for m in &s.mixed_nodes {
        writeln!(out, "> **Warning:** {}\n", cell(&m.describe()))?;
    }
    if !s.findings.is_empty() {
        writeln!(out, "### Findings\n")?;
        for f in s.findings.iter().take(MAX_ROWS) {
            writeln!(
                out,
                "- **{}** {} line {}: {}",
                f.verdict.as_str(),
                code(&f.source),
                f.first_line,
                cell(&f.text)
            )?;
        }
        more(out, s.findings.len(), "finding")?;
        writeln!(out)?;
    }
    if !s.kinds.is_empty() {
        writeln!(out, "### Events by kind\n\n| kind | actionable | unknown | expected | ok |\n| --- | ---: | ---: | ---: | ---: |")?;
        for k in s.kinds.iter().take(MAX_ROWS) {
            let v = &k.verdicts;
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                code_cell(&k.kind),
                v.actionable,
                v.unknown,
                v.expected,
                v.ok
            )?;
        }
        more(out, s.kinds.len(), "kind")?;
        writeln!(out)?;
    }
    if !s.queries.is_empty() {
        writeln!(out, "### Kademlia queries\n\nEach query once, by its final result (`Ok` or `Err` as libp2p reported it, not its verdict), and each bootstrap step, a lookup of its own; requests, success and failure are its `QueryStats`, summed.\n\n| type | count | Ok | Err | p50 ms | p95 ms | max ms | requests | success | failure |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")?;
        use super::ms_text as ms;
        for q in &s.queries {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                cell(&q.query_type),
                q.count,
                q.ok,
                q.failed,
                ms(q.p50_ms, q.significant_digits),
                ms(q.p95_ms, q.significant_digits),
                ms(q.max_ms, None),
                q.requests,
                q.success,
                q.failure
            )?;
        }
        writeln!(out)?;
    }
    if !s.peers.is_empty() {
        writeln!(
            out,
            "### Peers over time\n\n| node | counted | trend | max |\n| --- | --- | --- | ---: |"
        )?;
        for t in s.peers.iter().take(MAX_ROWS) {
            let max = t.buckets.iter().map(|b| b.max).max().unwrap_or(0);
            let node = cell(&t.label(s.sources_with_lines() > 1));
            writeln!(
                out,
                "| {node} | {} | {} | {max} |",
                cell(&t.source),
                sparkline(t)
            )?;
        }
        more(out, s.peers.len(), "node")?;
        writeln!(out)?;
    }
    for (title, top) in [
        ("Top failing keys", &s.top_failing_keys),
        ("Top failing peers and addresses", &s.top_failing_peers),
    ] {
        if top.is_empty() {
            continue;
        }
        // a peer id may be one of the nodes': its name, when any is
        let nodes = top.iter().any(|t| t.node.is_some());
        let (head, rule) = if nodes {
            (" node |", " --- |")
        } else {
            ("", "")
        };
        writeln!(
            out,
            "### {title}\n\n| actionable events | name |{head}\n| ---: | --- |{rule}"
        )?;
        for t in top {
            let node = match &t.node {
                Some(node) => format!(" {} |", code_cell(node)),
                None if nodes => " |".to_owned(),
                None => String::new(),
            };
            writeln!(out, "| {} | {} |{node}", t.count, code_cell(&t.name))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{cell, code, code_cell};

    #[test]
    fn log_text_cannot_close_a_code_span_or_open_html() {
        let key = "a`</code><img src=x onerror=alert(1)>`|b";
        assert_eq!(
            cell(key),
            r"a\`\</code\>\<img src=x onerror=alert(1)\>\`\|b"
        );
        assert_eq!(code("x`y``z"), "```x`y``z```");
        assert_eq!(code_cell("`a|b"), "`` `a\\|b ``");
        // found by a review: outside a table GitHub shows the backslash of
        // `\|` in a code span, so a file name `a|b.log` read `a\|b.log`
        assert_eq!(code("`a|b"), "`` `a|b ``");
        assert_eq!(code("node-1"), "`node-1`");
        assert_eq!(cell("two\nlines"), "two lines");
    }
}
