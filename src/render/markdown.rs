//! `summary --format markdown`: GitHub-flavoured Markdown for
//! `$GITHUB_STEP_SUMMARY`. Table cells are escaped (`|`, line breaks, control
//! characters) so log text cannot break the layout.

use std::io::{self, Write};

use super::safe;
use super::table::sparkline;
use crate::summary::Summary;

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    safe(text).replace('|', "\\|").replace('\n', " ")
}

pub fn write(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    let v = &s.verdicts;
    writeln!(out, "## p2plog summary\n")?;
    let names: Vec<String> = s
        .sources
        .iter()
        .map(|src| format!("`{}`", cell(&src.name)))
        .collect();
    writeln!(
        out,
        "{} lines from {}; {} events: **{} actionable**, {} unknown, {} expected, {} ok.\n",
        s.lines,
        names.join(", "),
        s.events,
        v.actionable,
        v.unknown,
        v.expected,
        v.ok
    )?;
    for src in &s.sources {
        if let Some(t) = &src.truncated {
            writeln!(out, "`{}`: {}.\n", cell(&src.name), t.describe())?;
        }
    }
    if !s.findings.is_empty() {
        writeln!(out, "### Findings\n")?;
        for f in &s.findings {
            writeln!(
                out,
                "- **{}** `{}` line {}: {}",
                f.verdict.as_str(),
                cell(&f.source),
                f.first_line,
                cell(&f.text)
            )?;
        }
        writeln!(out)?;
    }
    if !s.kinds.is_empty() {
        writeln!(out, "### Events by kind\n\n| kind | actionable | unknown | expected | ok |\n| --- | ---: | ---: | ---: | ---: |")?;
        for k in &s.kinds {
            let v = &k.verdicts;
            writeln!(
                out,
                "| `{}` | {} | {} | {} | {} |",
                cell(&k.kind),
                v.actionable,
                v.unknown,
                v.expected,
                v.ok
            )?;
        }
        writeln!(out)?;
    }
    if !s.queries.is_empty() {
        writeln!(out, "### Kademlia queries\n\n| type | count | ok | failed | p50 ms | p95 ms | max ms |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |")?;
        let ms = |v: Option<f64>| v.map_or("-".to_owned(), |m| format!("{m:.2}"));
        for q in &s.queries {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                q.query_type,
                q.count,
                q.ok,
                q.failed,
                ms(q.p50_ms),
                ms(q.p95_ms),
                ms(q.max_ms)
            )?;
        }
        writeln!(out)?;
    }
    if !s.peers.is_empty() {
        writeln!(
            out,
            "### Peers over time\n\n| node | counted | trend | max |\n| --- | --- | --- | ---: |"
        )?;
        for t in &s.peers {
            let max = t.buckets.iter().map(|b| b.max).max().unwrap_or(0);
            writeln!(
                out,
                "| {} | {} | {} | {max} |",
                cell(&t.node),
                t.source,
                sparkline(t)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
