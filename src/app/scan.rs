//! `p2plog scan` (and `p2plog` alone): every line of the log goes out unchanged
//! and in order, each recognised event followed by its explanation; or, with
//! `--format json`, one JSON object per event. Reading standard input, the
//! output is flushed whenever the input waits, so a live log stays live.

use std::collections::VecDeque;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use colored::Colorize;

use super::gate::Gate;
use super::stream::{drive, Consumer, Item};
use super::{input_error, unless_written_badly, width};
use crate::cli::{Format, ScanArgs};
use crate::format::{Formats, ReadError};
use crate::input::MAX_LINE;
use crate::knowledge::Verdict;
use crate::pipeline::Analyzer;
use crate::render::{self, Report};

/// How many lines after an event's last line one explained in the same
/// words, of another kind, is taken for the same occurrence
/// ([`ScanSink::said_above`]).
const SAME_WITHIN: u64 = 3;

/// Receives one source's lines and records and writes the scan output.
struct ScanSink<'a> {
    out: &'a mut dyn Write,
    args: &'a ScanArgs,
    analyzer: Analyzer,
    name: &'a str,
    /// Flush after every batch (the input is a stream: a batch ends when
    /// the input waits).
    live: bool,
    width: usize,
    /// The width follows the terminal's, read again before each explanation
    /// (a window resized while a node runs): [`super::width_follows_terminal`].
    resizes: bool,
    /// With `--events-only`: the lines whose record has not come yet.
    pending: Pending,
    /// The exit code, from the events seen.
    gate: &'a mut Gate,
    /// Whether each node reached a peer: said at the end of the source.
    reaches: crate::summary::Reaches,
    /// The last bytes written did not end a line: raw bytes come in pieces
    /// (a long line, a batch), and the last line of a file may have no newline.
    line_open: bool,
    /// The last explanation written in full in text, if any.
    last: Option<Said>,
}

/// An explanation written in full ([`ScanSink::said_above`]); its strings
/// are written over for the next one, not made anew for each event.
#[derive(Debug, Default)]
struct Said {
    node: Option<String>,
    kind: String,
    verdict: Option<Verdict>,
    summary: String,
    line: u64,
    end_line: u64,
}

impl Said {
    fn set(&mut self, r: &Report<'_>) {
        let e = &r.explanation;
        match (&mut self.node, r.node) {
            (Some(node), Some(new)) => {
                node.clear();
                node.push_str(new);
            }
            (node, new) => *node = new.map(str::to_owned),
        }
        self.kind.clear();
        self.kind.push_str(&e.kind);
        self.summary.clear();
        self.summary.push_str(&e.summary);
        (self.verdict, self.line, self.end_line) = (Some(e.verdict), r.line, r.end_line);
    }
}

impl ScanSink<'_> {
    /// Ends the line being passed through, if it is open, so that what
    /// follows starts on a line of its own.
    fn end_line(&mut self) -> std::io::Result<()> {
        if std::mem::take(&mut self.line_open) {
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// The line whose explanation said the same of `r` just before: one
    /// occurrence reported twice, by another kind on the same node within
    /// [`SAME_WITHIN`] lines, in the same words and verdict. libp2p's own
    /// DEBUG line and the event it emits next (`Connection attempt to peer
    /// failed with …`, `OutgoingConnectionError { .. }`) were each explained
    /// in full, one under the other. The same kind again is a repeat, which
    /// is said in full.
    fn said_above(&self, r: &Report<'_>) -> Option<u64> {
        let last = self.last.as_ref()?;
        let e = &r.explanation;
        (last.node.as_deref() == r.node
            && last.kind != e.kind
            && last.verdict == Some(e.verdict)
            && last.summary == e.summary
            && r.line.saturating_sub(last.end_line) <= SAME_WITHIN)
            .then_some(last.line)
    }

    fn shown(&self, r: &Report<'_>) -> bool {
        let v = r.explanation.verdict;
        self.args.only.is_empty() || self.args.only.iter().any(|o| super::verdict(*o) == v)
    }
}

impl Consumer for ScanSink<'_> {
    fn raw(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match (self.args.format, self.args.events_only) {
            (Format::Json, _) => {}
            (Format::Text, true) => self.pending.push(bytes),
            (Format::Text, false) => {
                self.out.write_all(bytes)?;
                if !bytes.is_empty() {
                    self.line_open = !bytes.ends_with(b"\n");
                }
            }
        }
        Ok(())
    }

    fn item(&mut self, mut item: Item<'_>, text: &str) -> std::io::Result<()> {
        let found = std::mem::take(&mut item.found);
        let origin = item.origin(self.name, text);
        let reports = self.analyzer.judge(&origin, found);
        for c in self.analyzer.changes.drain(..) {
            if c.counted == "connected" && c.count > 0 {
                self.reaches.connected(&c.node);
            }
        }
        let mixed: Vec<String> = (self.analyzer.mixed.drain(..))
            .map(|(node, m)| {
                let note = crate::summary::MixedNodes {
                    source: self.name.to_owned(),
                    node,
                    line: m.line,
                    sign: m.sign.describe(),
                };
                render::safe_line(&note.describe()).into_owned()
            })
            .collect();
        for r in &reports {
            self.gate.see(&r.explanation.kind, r.explanation.verdict, 1);
            self.reaches.report(r);
        }
        let shown: Vec<&Report<'_>> = reports.iter().filter(|r| self.shown(r)).collect();
        if self.args.events_only && self.args.format == Format::Text {
            let lines = |n: u64| match &item.line_numbers {
                Some(numbers) => numbers.contains(&n),
                None => (item.line..=item.end_line).contains(&n),
            };
            let write = !shown.is_empty();
            if let Some(open) = self.pending.take(item.end_line, lines, write, self.out)? {
                self.line_open = open;
            }
        }
        if !shown.is_empty() {
            self.end_line()?;
            if self.resizes {
                self.width = width();
            }
        }
        for r in shown {
            match self.args.format {
                Format::Text => {
                    match self.said_above(r) {
                        Some(line) => {
                            let mut same = r.clone();
                            let e = &mut same.explanation;
                            e.summary =
                                format!("The same occurrence as line {line} above, logged twice.");
                            (e.peers, e.repeats) = (None, None);
                            render::text::write_brief(self.out, &same, false, self.width)?;
                            // (a third report of it points at the same line)
                            continue;
                        }
                        None => {
                            render::text::write_brief(self.out, r, self.args.verbose, self.width)?
                        }
                    }
                    self.last.get_or_insert_with(Said::default).set(r);
                }
                Format::Json => render::json::write(self.out, std::slice::from_ref(r))?,
            }
        }
        // on stderr, one line: the output is the log itself, or one object
        // per event; after the event and its explanation, at a terminal
        // where both show (it came between them: found by the live review;
        // once per view: the flush costs nothing)
        for note in mixed {
            self.out.flush()?;
            let _ = writeln!(std::io::stderr(), "p2plog: warning: {note}");
        }
        Ok(())
    }

    fn batch_done(&mut self) -> std::io::Result<()> {
        // live, a batch is what was read before the input waited
        if self.live {
            self.out.flush()?;
        }
        Ok(())
    }
}

pub fn run(args: &ScanArgs, grammars: Option<&Path>, out: &mut dyn Write) -> Result<ExitCode> {
    let formats = Formats::load(grammars)?;
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    super::read_pipes_to_end_on_interrupt(&files);
    let mut gate = Gate::new(args.fail_on, &args.allow);
    let mut failed = false;
    let written = scan_files(args, &files, &formats, out, &mut gate, &mut failed);
    super::say_spared(&gate);
    unless_written_badly(written, gate.exit_code(failed))
}

/// Scans `files` in turn to `out`, showing `gate` every event and noting
/// whether an input failed; stops at an output error.
fn scan_files(
    args: &ScanArgs,
    files: &[PathBuf],
    formats: &Formats,
    out: &mut dyn Write,
    gate: &mut Gate,
    failed: &mut bool,
) -> std::io::Result<()> {
    // several files as text: each starts with its name, as `tail` writes it
    let headed = files.len() > 1 && args.format == Format::Text;
    let mut first = true;
    for path in files {
        if path.as_os_str() == "-" {
            super::say_reading_terminal(
                "a log from the terminal; pipe a node's output in (`node 2>&1 | p2plog`), or end with Ctrl-D",
            );
        }
        let mut source = match crate::input::open(path) {
            Ok(source) => source,
            Err(e) => {
                *failed = input_error(&e);
                continue;
            }
        };
        if headed {
            let gap = if std::mem::take(&mut first) { "" } else { "\n" };
            let head = format!("==> {} <==", render::safe_line(&source.name));
            writeln!(out, "{gap}{}", head.bold())?;
            if source.live {
                out.flush()?;
            }
        }
        let mut sink = ScanSink {
            out: &mut *out,
            args,
            analyzer: Analyzer::new(args.peers),
            live: source.live,
            name: &source.name,
            width: width(),
            resizes: super::width_follows_terminal(),
            pending: Pending::default(),
            gate: &mut *gate,
            reaches: Default::default(),
            line_open: false,
            last: None,
        };
        let keep_raw = args.format == Format::Text;
        let live = sink.live;
        let result = drive(
            &mut source.lines,
            formats,
            live,
            keep_raw,
            super::progress(path, &source.name, true),
            &mut sink,
        );
        // a last line without a newline still ends before the next file
        let ended = sink.end_line();
        // a node that reached no peer: a finding about the whole log, on
        // stderr (stdout holds the log, or one JSON object per event); not
        // of a log read in part (a closed output, a read error), whose
        // connection may come after
        let found = sink.reaches.finish(&source.name);
        for f in found.into_iter().filter(|_| result.is_ok()) {
            gate.see(&f.kind, f.verdict, 1);
            let _ = writeln!(
                std::io::stderr(),
                "p2plog: {} (lines {}–{}): {}",
                render::safe_line(&f.source),
                f.first_line,
                f.last_line,
                f.text
            );
        }
        match result {
            // `node | p2plog` of a node that logs to stderr (env_logger's
            // default) shows its lines unexplained and reads nothing: said
            // at the end (found by the live review)
            Ok(stats)
                if stats.lines == 0 && path.as_os_str() == "-" && super::reads_a_pipe(path) =>
            {
                let _ = writeln!(
                    std::io::stderr(),
                    "p2plog: warning: standard input had no line: a node that logs to stderr (env_logger and \
                     tracing do by default) needs `node 2>&1 | p2plog`"
                );
            }
            // a file with nothing in it: said, as the summary says it, so
            // that an empty scan is not taken for a log without events
            // (found by the new-user review)
            Ok(stats) if stats.lines == 0 && path.as_os_str() != "-" => {
                let _ = writeln!(
                    std::io::stderr(),
                    "p2plog: warning: {} is empty",
                    crate::render::safe_line(&source.name)
                );
            }
            Ok(_) => {}
            Err(ReadError::Output(e)) => return Err(e),
            Err(ReadError::Input(e)) => *failed = input_error(&e),
        }
        ended?;
        out.flush()?;
    }
    Ok(())
}

/// With `--events-only`, the lines read whose record has not come yet, by
/// number: a record takes its own lines, to write them when it shows an
/// event, and the lines of another node's event still being joined stay
/// for theirs. A line keeps its first [`MAX_LINE`] bytes; past them it is
/// cut, and says so when shown, so that memory stays bounded.
#[derive(Debug)]
struct Pending {
    /// (line number, its bytes as read, bytes of it not kept), in order.
    lines: VecDeque<(u64, Vec<u8>, u64)>,
    /// The number of the line the next bytes read belong to.
    next: u64,
    /// Buffers of lines taken, for the next lines (not one allocation per
    /// line); at most [`SPARE_BUFFERS`], none larger than [`SPARE_BYTES`].
    spare: Vec<Vec<u8>>,
}

const SPARE_BUFFERS: usize = 64;
const SPARE_BYTES: usize = 64 * 1024;

impl Default for Pending {
    fn default() -> Self {
        Pending {
            lines: VecDeque::new(),
            next: 1,
            spare: Vec::new(),
        }
    }
}

impl Pending {
    fn push(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let len = memchr::memchr(b'\n', bytes).map_or(bytes.len(), |at| at + 1);
            let (piece, rest) = bytes.split_at(len);
            bytes = rest;
            if self.lines.back().is_none_or(|(n, ..)| *n != self.next) {
                let buffer = self.spare.pop().unwrap_or_default();
                self.lines.push_back((self.next, buffer, 0));
            }
            let Some((_, kept, cut)) = self.lines.back_mut() else {
                continue;
            };
            let mut room = MAX_LINE.saturating_sub(kept.len()).min(piece.len());
            // the line's ending is kept past the cap: a line of MAX_LINE
            // bytes is whole, and a cut counts only what the line said
            let ending = |b: &[u8]| match b {
                [.., b'\r', b'\n'] => 2,
                [.., b'\n'] => 1,
                _ => 0,
            };
            if piece.len() - room <= ending(piece) {
                room = piece.len();
            }
            kept.extend_from_slice(&piece[..room]);
            let dropped = &piece[room..];
            *cut += (dropped.len() - ending(dropped)) as u64;
            if piece.ends_with(b"\n") {
                self.next += 1;
            }
        }
    }

    /// Takes the lines (up to line `last`) for which `lines` holds, writing
    /// them to `out` when `write`; whether the last line written is open.
    fn take(
        &mut self,
        last: u64,
        lines: impl Fn(u64) -> bool,
        write: bool,
        out: &mut dyn Write,
    ) -> std::io::Result<Option<bool>> {
        let mut open = None;
        let mut k = 0;
        while let Some(&(n, ..)) = self.lines.get(k) {
            if n > last {
                break;
            }
            if !lines(n) {
                k += 1;
                continue;
            }
            let Some((_, mut bytes, cut)) = self.lines.remove(k) else {
                break;
            };
            if write {
                open = Some(write_line(out, &bytes, cut)?);
            }
            if self.spare.len() < SPARE_BUFFERS && bytes.capacity() <= SPARE_BYTES {
                bytes.clear();
                self.spare.push(bytes);
            }
        }
        Ok(open)
    }
}

/// Writes a kept line, `cut` bytes of it not kept; whether it is left open
/// (no line ending).
fn write_line(out: &mut dyn Write, bytes: &[u8], cut: u64) -> std::io::Result<bool> {
    if cut == 0 {
        out.write_all(bytes)?;
    } else {
        // the note ends the line (its ending, kept when it came in a
        // piece of its own, goes), which ends on a whole character
        let kept = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        let kept = kept.strip_suffix(b"\r").unwrap_or(kept);
        let whole = match std::str::from_utf8(kept) {
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            _ => kept.len(),
        };
        out.write_all(&kept[..whole])?;
        let more = cut + (kept.len() - whole) as u64;
        writeln!(
            out,
            " … [p2plog: {more} more bytes of this line not kept with --events-only]"
        )?;
    }
    Ok(cut == 0 && !bytes.ends_with(b"\n"))
}
