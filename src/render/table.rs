//! `summary` as text tables (comfy-table): overview, events by kind and
//! verdict, kad query timings, peers over time, findings, top failing keys
//! and peers. `width` fits the tables to the terminal; colour only when on.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};

use super::safe_line;
use super::text::{verdict_word, wrap, wrap_into};
use crate::input::clip;
use crate::knowledge::text::count;
use crate::knowledge::Verdict;
use crate::summary::{PeerTrack, Summary};

/// A table's header and rows, laid out to the width when written.
struct Grid {
    header: Vec<&'static str>,
    rows: Vec<Vec<Cell>>,
}

/// The longest piece of a first-column name (between dots or spaces) that
/// the column makes room for (libp2p's longest is 30 characters).
const LONGEST_PIECE: usize = 32;

/// Characters of borders and padding a table adds: `│ a ┆ b │` is three per
/// column and one.
fn frame(columns: usize) -> usize {
    3 * columns + 1
}

impl Grid {
    fn new(header: &[&'static str]) -> Self {
        Grid {
            header: header.to_vec(),
            rows: Vec::new(),
        }
    }

    fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    /// Writes the table within `width` without breaking a word or a number
    /// inside (`GetClosestPee`/`rs`, `5014.2`/`8`): each column is at least
    /// as wide as its longest cell and its header. When that is too wide,
    /// names in the first column break after a `.` or a space
    /// (`kad.GetRecord.`/`FinishedWithNoAdditionalRecord`); when still too
    /// wide, the columns that do not fit go to a further table, led by the
    /// first column again. A single column wider than the width (a peer's odd
    /// variant name) wraps.
    fn write(mut self, out: &mut dyn Write, width: usize) -> io::Result<()> {
        let chars = super::cols;
        let widest_line = |c: &Cell| c.content().lines().map(chars).max().unwrap_or(0);
        let widest_word = |s: &str| s.split_whitespace().map(chars).max().unwrap_or(0);
        let most = width.saturating_sub(frame(1));
        // a header stays on one line (`p50 ms`, `log lines`): they are short
        let mut least: Vec<usize> = self.header.iter().map(|h| chars(h)).collect();
        for row in &self.rows {
            for (k, cell) in row.iter().enumerate().take(least.len()) {
                least[k] = least[k].max(widest_line(cell)).min(most);
            }
        }
        let all: usize = least.iter().sum::<usize>() + frame(least.len());
        if all > width && !least.is_empty() {
            let room = width.saturating_sub(all - least[0]);
            // the longest piece between dots or spaces, up to what a name of libp2p
            // needs (`FinishedWithNoAdditionalRecord`): a longer one (an
            // app's odd type name) wraps rather than widen every table
            let piece = |c: &Cell| {
                c.content()
                    .split_inclusive(['.', ' '])
                    .map(|p| chars(p.trim_end()))
                    .max()
            };
            let pieces = self.rows.iter().filter_map(|r| r.first().and_then(piece));
            let longest = pieces.max().unwrap_or(0).min(room.max(LONGEST_PIECE));
            let fit = longest.max(room).max(widest_word(self.header[0]));
            if fit < least[0] {
                for row in &mut self.rows {
                    if let Some(first) = row.first_mut() {
                        *first = Cell::new(break_name(&first.content(), fit));
                    }
                }
                least[0] = fit;
            }
        }
        // the columns of each table: the first, then as many as fit
        let used = |g: &[usize]| g.iter().map(|&j| least[j]).sum::<usize>() + frame(g.len());
        let mut groups: Vec<Vec<usize>> = vec![vec![0]];
        for (k, &w) in least.iter().enumerate().skip(1) {
            match groups.last_mut() {
                Some(g) if g.len() == 1 || used(g) + w + 3 <= width => g.push(k),
                _ => groups.push(vec![0, k]),
            }
        }
        for (n, columns) in groups.iter().enumerate() {
            if n > 0 {
                writeln!(out)?;
            }
            let mut t = Table::new();
            t.load_preset(UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(u16::try_from(width).unwrap_or(u16::MAX))
                .set_header(columns.iter().map(|&k| Cell::new(self.header[k])));
            for row in &self.rows {
                t.add_row(columns.iter().filter_map(|&k| row.get(k).cloned()));
            }
            for (j, &k) in columns.iter().enumerate() {
                if let Some(column) = t.column_mut(j) {
                    // the boundary counts the column's padding
                    let least = u16::try_from(least[k]).unwrap_or(u16::MAX);
                    let least = least.saturating_add(column.padding_width());
                    column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(least)));
                }
            }
            writeln!(out, "{t}")?;
        }
        Ok(())
    }
}

/// `kad.GetRecord.FinishedWithNoAdditionalRecord` in lines of at most `fit`
/// characters: broken at spaces, and a word longer than a line after its
/// `.`s (a piece longer still stands alone). A `file: node` label that does
/// not fit breaks after the `:`, and its file name after a `/`
/// (`fixtures/lone/` / `tracing-full.log:` / `(the log)`).
fn break_name(name: &str, fit: usize) -> String {
    // the last `: `: a file name may hold one (`x: y.log: node-0`)
    match name.rsplit_once(": ") {
        Some((file, node)) if super::cols(name) > fit => format!(
            "{}\n{}",
            break_at(&format!("{file}:"), fit, '/'),
            break_at(node, fit, '.')
        ),
        _ => break_at(name, fit, '.'),
    }
}

/// [`break_name`]'s lines, breaking a word after `mark`.
fn break_at(name: &str, fit: usize, mark: char) -> String {
    let chars = super::cols;
    let mut out = String::with_capacity(name.len() + 4);
    let mut line = 0;
    for word in name.split(' ').filter(|w| !w.is_empty()) {
        if line > 0 && line + 1 + chars(word) > fit {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        for piece in word.split_inclusive(mark) {
            if line > 0 && line + chars(piece) > fit {
                out.push('\n');
                line = 0;
            }
            out.push_str(piece);
            line += chars(piece);
        }
    }
    out
}

/// A name from a log (or from JSON read back by `--merge`) as a cell: on one
/// line, and [`clip`]ped, since laying out a cell takes time that grows with
/// the square of its longest word.
fn name(text: &str) -> Cell {
    Cell::new(safe_line(&clip(text)))
}

fn num(n: u64) -> Cell {
    Cell::new(n).set_alignment(CellAlignment::Right)
}

fn ms(v: Option<f64>, digits: Option<u32>) -> Cell {
    Cell::new(super::ms_text(v, digits)).set_alignment(CellAlignment::Right)
}

/// `▁▂▃▅▇`: each bucket's lowest count, against the track's highest. The
/// lowest, not the highest: a node that lost its peers shows it (a review
/// found a bootnode drawn `████████████` though its last bucket fell to 0).
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
        // (a merged JSON may hold any numbers: min past max must not panic)
        .map(|b| BARS[(u128::from(b.min.min(top)) * 7 / u128::from(top)) as usize])
        .collect()
}

pub fn write(out: &mut dyn Write, s: &Summary, width: usize) -> io::Result<()> {
    let sources: Vec<String> = s
        .sources
        .iter()
        .map(|src| safe_line(&src.name).into_owned())
        .collect();
    let title = format!("p2plog summary of {}", sources.join(", "));
    wrap_into(out, "", &title, width)?;
    let span = match (&s.first_time, &s.last_time) {
        (Some(a), Some(b)) => format!(", from {} to {}", safe_line(a), safe_line(b)),
        _ => String::new(),
    };
    let unnamed_mixed = s.mixed_nodes.iter().any(|m| m.node.is_empty());
    let more = s.nodes.iter().any(|n| n == crate::state::MORE_NODES);
    // several logs may each have a `node-0`: their names are counted, and
    // a name in several logs (the same node, or another) counts once
    let logs = s.sources_with_lines();
    let (node, across) = match logs {
        0 | 1 => ("node", String::new()),
        n => ("node name", format!(" across {n} logs")),
    };
    let named = match s.nodes.len() - usize::from(more) {
        n if more => format!("more than {n} {node}s{across}"),
        1 => format!("1 {node}{across}"),
        n => format!("{n} {node}s{across}"),
    };
    let nodes = match (s.nodes.is_empty(), unnamed_mixed) {
        (true, false) if s.events == 0 => "no node".to_owned(),
        // a file without node names is one node (or a warning says not)
        (true, false) if s.sources_with_lines() > 1 => "no node names".to_owned(),
        (true, false) => "1 node, unnamed".to_owned(),
        (true, true) => "several nodes without names (see the warning)".to_owned(),
        (false, false) => named,
        (false, true) => format!("{named}, and lines without node names from several more"),
    };
    let overview = format!(
        "{}, {}, {nodes}{span}",
        count(s.lines, "line"),
        count(s.events, "event")
    );
    wrap_into(out, "", &overview, width)?;
    for src in &s.sources {
        let formats: Vec<String> = src
            .formats
            .iter()
            .map(|(f, n)| format!("{}: {n}", safe_line(f)))
            .collect();
        if !formats.is_empty() {
            let line = format!(
                "{}: {} ({})",
                safe_line(&src.name),
                count(src.lines, "line"),
                formats.join(", ")
            );
            wrap_into(out, "  ", &line, width)?;
        }
        if let Some(t) = &src.truncated {
            writeln!(out, "  {}: {}", safe_line(&src.name), t.describe())?;
        }
        if let Some(note) = src.error_note() {
            wrap_into(out, "Error: ", &safe_line(&note), width)?;
        }
    }
    for m in &s.mixed_nodes {
        wrap_into(out, "Warning: ", &safe_line(&m.describe()), width)?;
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
    if let Some(note) = s.no_events_note() {
        wrap_into(out, "", &format!("Warning: {note}"), width)?;
    }
    if let Some(note) = s.mirrored_note() {
        let note = format!("{note}; a finding counts them with that event.");
        wrap_into(out, "", &note, width)?;
    }

    if !s.kinds.is_empty() {
        writeln!(out, "\nEvents by kind")?;
        let mut t = Grid::new(&["kind", "actionable", "unknown", "expected", "ok"]);
        for k in &s.kinds {
            let v = &k.verdicts;
            t.row(vec![
                name(&k.kind),
                num(v.actionable),
                num(v.unknown),
                num(v.expected),
                num(v.ok),
            ]);
        }
        t.write(out, width)?;
    }
    if !s.queries.is_empty() {
        writeln!(out)?;
        let title =
            "Kademlia queries (each counted once, by its final result: Ok or Err as libp2p \
                     reported it, not its verdict, and each bootstrap step, a lookup of its own; durations \
                     from the events' instants)";
        wrap_into(out, "", title, width)?;
        let mut t = Grid::new(&[
            "type", "count", "Ok", "Err", "p50 ms", "p95 ms", "max ms", "requests", "success",
            "failure",
        ]);
        for q in &s.queries {
            t.row(vec![
                name(&q.query_type),
                num(q.count),
                num(q.ok),
                num(q.failed),
                ms(q.p50_ms, q.significant_digits),
                ms(q.p95_ms, q.significant_digits),
                ms(q.max_ms, None),
                num(q.requests),
                num(q.success),
                num(q.failure),
            ]);
        }
        t.write(out, width)?;
    }
    if !s.peers.is_empty() {
        writeln!(out, "\nPeers over time")?;
        let mut t = Grid::new(&["node", "counted", "log lines", "min", "avg", "max", "trend"]);
        for track in &s.peers {
            let (Some(first), Some(last)) = (track.buckets.first(), track.buckets.last()) else {
                continue;
            };
            let min = track.buckets.iter().map(|b| b.min).min().unwrap_or(0);
            let max = track.buckets.iter().map(|b| b.max).max().unwrap_or(0);
            let avg = track.buckets.iter().map(|b| b.avg).sum::<f64>() / track.buckets.len() as f64;
            let node = track.label(s.sources_with_lines() > 1);
            t.row(vec![
                name(&node),
                name(&track.source),
                Cell::new(format!("{}–{}", first.from_line, last.to_line)),
                num(min),
                Cell::new(format!("{avg:.1}")).set_alignment(CellAlignment::Right),
                num(max),
                Cell::new(sparkline(track)),
            ]);
        }
        t.write(out, width)?;
    }
    if !s.findings.is_empty() {
        writeln!(out, "\nFindings")?;
        for f in &s.findings {
            let lines = if f.first_line == f.last_line {
                format!("line {}", f.first_line)
            } else {
                format!("lines {}–{}", f.first_line, f.last_line)
            };
            // wrapped without colour (its codes take no columns), then the
            // verdict that starts the first line is coloured
            let word = f.verdict.as_str().to_uppercase();
            let head = format!("{word} {} ({lines})", safe_line(&f.source));
            let mut first = true;
            for line in wrap(&head, width.saturating_sub(2).max(20)) {
                match line.strip_prefix(&word).filter(|_| first) {
                    Some(rest) => writeln!(out, "- {}{rest}", verdict_word(f.verdict))?,
                    None => writeln!(out, "{}{line}", if first { "- " } else { "  " })?,
                }
                first = false;
            }
            wrap_into(
                out,
                "  ",
                &safe_line(&super::fold_named_addresses(&f.text)),
                width,
            )?;
        }
    }
    for (title, top) in [
        ("Top failing keys", &s.top_failing_keys),
        ("Top failing peers and addresses", &s.top_failing_peers),
    ] {
        if !top.is_empty() {
            writeln!(out, "\n{title}")?;
            for t in top {
                match &t.node {
                    Some(node) => writeln!(
                        out,
                        "  {:>5}  {} ({})",
                        t.count,
                        safe_line(&t.name),
                        safe_line(node)
                    )?,
                    None => writeln!(out, "  {:>5}  {}", t.count, safe_line(&t.name))?,
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::sparkline;
    use crate::summary::PeerTrack;

    #[test]
    fn the_trend_shows_a_drop_to_zero() {
        let mut track = PeerTrack::new("pair/compose.log", "bootnode", "connected");
        for (line, count) in [(1, 1), (2, 2), (100, 0)] {
            track.push(line, count);
        }
        track.finish(100);
        let trend = sparkline(&track);
        assert!(trend.starts_with('▄'), "{trend}");
        assert!(trend.contains('█'), "{trend}");
        assert!(trend.ends_with('▁'), "{trend}");
        // found by a review: a merged JSON bucket with min past every max
        // indexed past the bars (exit 101)
        track.buckets[0].min = track.buckets[0].max + 5;
        assert!(sparkline(&track).starts_with('█'));
        // and one near u64::MAX overflowed the multiplication
        track.buckets[0].max = u64::MAX / 2;
        track.buckets[0].min = u64::MAX;
        assert!(sparkline(&track).starts_with('█'));
    }

    #[test]
    fn a_label_breaks_after_its_last_colon() {
        assert_eq!(
            super::break_name("x: y.log: bootnode", 12),
            "x: y.log:\nbootnode"
        );
    }
}
