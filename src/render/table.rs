//! `summary` as text tables (comfy-table): overview, events by kind and
//! verdict, kad query timings, peers over time, findings, top failing keys
//! and peers. `width` fits the tables to the terminal; colour only when on.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};

use super::safe;
use super::text::{verdict_word, wrap_into};
use crate::knowledge::Verdict;
use crate::summary::{PeerTrack, Summary};

fn table(width: usize, header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width as u16)
        .set_header(header.iter().map(Cell::new));
    t
}

/// Writes a table no cell of which is broken inside a word: each column is
/// at least as wide as its longest cell and its header's longest word. Past
/// the width, headers wrap at their spaces, and then the table is wider than
/// the width (the terminal wraps the line) rather than split a kind or a
/// number across lines (`GetClosestPee`/`rs`, `5014.2`/`8`).
/// A cell wider than the width itself is the exception: it wraps.
fn write_table(out: &mut dyn Write, mut t: Table) -> io::Result<()> {
    let chars = |s: &str| s.chars().count();
    let mut least: Vec<usize> = t
        .header()
        .map(|header| {
            let words = |c: &Cell| c.content().split_whitespace().map(chars).max();
            header.cell_iter().map(|c| words(c).unwrap_or(0)).collect()
        })
        .unwrap_or_default();
    for row in t.row_iter() {
        for (k, cell) in row.cell_iter().enumerate() {
            if k >= least.len() {
                least.resize(k + 1, 0);
            }
            let longest = cell.content().lines().map(chars).max().unwrap_or(0);
            least[k] = least[k].max(longest);
        }
    }
    // a cell longer than the whole width (a peer's odd variant name) still
    // wraps, rather than pad every row of its table to its length
    let most = t.width().map_or(u16::MAX, |w| w.saturating_sub(4));
    for (k, longest) in least.into_iter().enumerate() {
        if let Some(column) = t.column_mut(k) {
            // the boundary counts the column's padding
            let longest = u16::try_from(longest).unwrap_or(u16::MAX);
            let least = longest.saturating_add(column.padding_width()).min(most);
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(least)));
        }
    }
    writeln!(out, "{t}")
}

fn num(n: u64) -> Cell {
    Cell::new(n).set_alignment(CellAlignment::Right)
}

fn ms(v: Option<f64>) -> Cell {
    Cell::new(v.map_or("-".to_owned(), |m| format!("{m:.2}"))).set_alignment(CellAlignment::Right)
}

/// `▁▂▃▅▇` for the bucket maxima of a track.
pub fn sparkline(track: &PeerTrack) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let top = track
        .buckets
        .iter()
        .map(|b| b.max)
        .max()
        .unwrap_or(0)
        .max(1);
    track
        .buckets
        .iter()
        .map(|b| BARS[((b.max * 7) / top) as usize])
        .collect()
}

pub fn write(out: &mut dyn Write, s: &Summary, width: usize) -> io::Result<()> {
    let sources: Vec<String> = s
        .sources
        .iter()
        .map(|src| safe(&src.name).into_owned())
        .collect();
    writeln!(out, "p2plog summary of {}", sources.join(", "))?;
    let span = match (&s.first_time, &s.last_time) {
        (Some(a), Some(b)) => format!(", from {} to {}", safe(a), safe(b)),
        _ => String::new(),
    };
    let unnamed_mixed = s.mixed_nodes.iter().any(|m| m.node.is_empty());
    let nodes = match (s.nodes.len(), unnamed_mixed) {
        (0, false) => "one node".to_owned(),
        (0, true) => "several nodes without names".to_owned(),
        (1, false) => "1 node".to_owned(),
        (n, false) => format!("{n} nodes"),
        (n, true) => format!("{n} nodes and lines without node names from several more"),
    };
    writeln!(out, "{} lines, {} events, {nodes}{span}", s.lines, s.events)?;
    for src in &s.sources {
        let formats: Vec<String> = src
            .formats
            .iter()
            .map(|(f, n)| format!("{f}: {n}"))
            .collect();
        if !formats.is_empty() {
            writeln!(
                out,
                "  {}: {} lines ({})",
                safe(&src.name),
                src.lines,
                formats.join(", ")
            )?;
        }
        if let Some(t) = &src.truncated {
            writeln!(out, "  {}: {}", safe(&src.name), t.describe())?;
        }
    }
    for m in &s.mixed_nodes {
        wrap_into(out, "Warning: ", &safe(&m.describe()), width)?;
    }
    let v = &s.verdicts;
    writeln!(
        out,
        "{} {}  {} {}  {} {}  {} {}",
        verdict_word(Verdict::Actionable),
        v.actionable,
        verdict_word(Verdict::Unknown),
        v.unknown,
        verdict_word(Verdict::Expected),
        v.expected,
        verdict_word(Verdict::Ok),
        v.ok
    )?;

    if !s.kinds.is_empty() {
        writeln!(out, "\nEvents by kind")?;
        let mut t = table(width, &["kind", "actionable", "unknown", "expected", "ok"]);
        for k in &s.kinds {
            let v = &k.verdicts;
            t.add_row(vec![
                Cell::new(safe(&k.kind)),
                num(v.actionable),
                num(v.unknown),
                num(v.expected),
                num(v.ok),
            ]);
        }
        write_table(out, t)?;
    }
    if !s.queries.is_empty() {
        writeln!(
            out,
            "\nKademlia queries (final results; durations from the events' instants)"
        )?;
        let mut t = table(
            width,
            &[
                "type", "count", "ok", "failed", "p50 ms", "p95 ms", "max ms", "requests",
                "success", "failure",
            ],
        );
        for q in &s.queries {
            t.add_row(vec![
                Cell::new(&q.query_type),
                num(q.count),
                num(q.ok),
                num(q.failed),
                ms(q.p50_ms),
                ms(q.p95_ms),
                ms(q.max_ms),
                num(q.requests),
                num(q.success),
                num(q.failure),
            ]);
        }
        write_table(out, t)?;
    }
    if !s.peers.is_empty() {
        writeln!(out, "\nPeers over time")?;
        let mut t = table(
            width,
            &["node", "counted", "lines", "min", "avg", "max", "trend"],
        );
        for track in &s.peers {
            let (Some(first), Some(last)) = (track.buckets.first(), track.buckets.last()) else {
                continue;
            };
            let min = track.buckets.iter().map(|b| b.min).min().unwrap_or(0);
            let max = track.buckets.iter().map(|b| b.max).max().unwrap_or(0);
            let avg = track.buckets.iter().map(|b| b.avg).sum::<f64>() / track.buckets.len() as f64;
            let node = if track.node.is_empty() {
                "(the log)"
            } else {
                &track.node
            };
            t.add_row(vec![
                Cell::new(safe(node)),
                Cell::new(&track.source),
                Cell::new(format!("{}–{}", first.from_line, last.to_line)),
                num(min),
                Cell::new(format!("{avg:.1}")).set_alignment(CellAlignment::Right),
                num(max),
                Cell::new(sparkline(track)),
            ]);
        }
        write_table(out, t)?;
    }
    if !s.findings.is_empty() {
        writeln!(out, "\nFindings")?;
        for f in &s.findings {
            let lines = if f.first_line == f.last_line {
                format!("line {}", f.first_line)
            } else {
                format!("lines {}–{}", f.first_line, f.last_line)
            };
            writeln!(
                out,
                "- {} {} ({lines})",
                verdict_word(f.verdict),
                safe(&f.source)
            )?;
            wrap_into(out, "  ", &safe(&f.text), width)?;
        }
    }
    for (title, top) in [
        ("Top failing keys", &s.top_failing_keys),
        ("Top failing peers", &s.top_failing_peers),
    ] {
        if !top.is_empty() {
            writeln!(out, "\n{title}")?;
            for t in top {
                writeln!(out, "  {:>5}  {}", t.count, safe(&t.name))?;
            }
        }
    }
    Ok(())
}
