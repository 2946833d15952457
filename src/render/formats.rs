//! `p2plog formats`: the list of log line formats, and what `--detect` found
//! in a file. Plain text; nothing is computed here.

use std::io::{self, Write};

use super::safe_line;
use crate::format::{Detection, Formats, PLAIN};

/// Every format: `id  title`, then its description, indented and wrapped.
pub fn write_list(out: &mut dyn Write, formats: &Formats, width: usize) -> io::Result<()> {
    let id_width = formats.iter().map(|f| f.spec.id.len()).max().unwrap_or(0);
    for f in formats.iter() {
        writeln!(out, "{:id_width$}  {}", f.spec.id, safe_line(&f.spec.title))?;
        for line in wrap(&f.spec.description, width.saturating_sub(4).max(20)) {
            writeln!(out, "    {}", safe_line(&line))?;
        }
        if let Some(url) = &f.spec.url {
            writeln!(out, "    {}", safe_line(url))?;
        }
    }
    Ok(())
}

/// `name: <format>` and the counts behind it.
pub fn write_detection(out: &mut dyn Write, name: &str, d: &Detection) -> io::Result<()> {
    let name = safe_line(name);
    let Some(best) = d.best() else {
        let lines = d.lines;
        return writeln!(
            out,
            "{name}: {PLAIN}: no line of {lines} matched a known format"
        );
    };
    writeln!(out, "{name}: {}", best.id)?;
    let of = if d.more {
        format!("the first {}", d.lines)
    } else {
        d.lines.to_string()
    };
    for f in &d.formats {
        write!(
            out,
            "  {}: {} of {of} lines matched; first match line {}",
            f.id, f.matched, f.first_line
        )?;
        if !f.inner.is_empty() {
            let inner: Vec<String> = f.inner.iter().map(|(id, n)| format!("{id} {n}")).collect();
            write!(out, "; behind the prefix: {}", inner.join(", "))?;
        }
        writeln!(out)?;
    }
    if d.unmatched > 0 {
        writeln!(
            out,
            "  {} lines matched no format (continuation lines of multi-line events, or other text)",
            d.unmatched
        )?;
    }
    Ok(())
}

/// `text` in lines of at most `width` characters, broken at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    // split at single spaces so that runs of spaces inside a word survive
    for word in text.split(' ') {
        if !line.is_empty() && super::cols(&line) + 1 + super::cols(word) > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
