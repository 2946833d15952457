//! `p2plog summary`: the logs folded into one summary (tables, JSON, markdown
//! or GitHub annotations), or, with `--merge`, JSON summaries combined.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use super::gate::Gate;
use super::stream::{drive, Consumer, Item};
use super::{error_chain, input_error, unless_written_badly, width};
use crate::cli::{SummaryArgs, SummaryFormat};
use crate::format::{Formats, ReadError};
use crate::knowledge::Verdict;
use crate::pipeline::Analyzer;
use crate::render;
use crate::summary::{Builder, Summary, SUMMARY_VERSION};

/// Feeds one source's records into the summary.
struct SummarySink<'a> {
    builder: &'a mut Builder,
    analyzer: Analyzer,
    name: String,
}

impl Consumer for SummarySink<'_> {
    fn raw(&mut self, _bytes: &[u8]) -> std::io::Result<()> {
        Ok(())
    }

    fn item(&mut self, mut item: Item<'_>, text: &str) -> std::io::Result<()> {
        let lines = item.lines;
        self.builder
            .lines(lines, Some(item.format), item.time(text));
        if let Some(cut) = item.cut {
            self.builder.truncated(item.line, cut.at);
        }
        let found = std::mem::take(&mut item.found);
        let origin = item.origin(&self.name, text);
        for r in self.analyzer.judge(&origin, found) {
            self.builder.event(&r);
        }
        for c in self.analyzer.changes.drain(..) {
            self.builder.peers_at(&c.node, c.counted, c.line, c.count);
        }
        for (node, m) in self.analyzer.mixed.drain(..) {
            self.builder.mixed(&node, m.line, m.sign.describe());
        }
        Ok(())
    }
}

/// Reads `summary --format json` files (`-`: stdin; gzip too) and merges
/// them. A file that cannot be read is reported and skipped (`failed`); one
/// that is not a summary ends the run: merging it would be a guess.
fn merged(files: &[PathBuf], failed: &mut bool) -> Result<Summary> {
    let mut read = Vec::new();
    // the files that could not be read are sources of the merged summary,
    // with their error: it covers part of what was asked for
    let mut unread = Vec::new();
    for path in files {
        let bytes = match read_whole(path) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => anyhow::bail!(
                "{} is larger than {} MiB: not a `p2plog summary --format json` output",
                path.display(),
                SUMMARY_BYTES >> 20
            ),
            Err(e) => {
                *failed = input_error(&e);
                unread.push(crate::summary::Source {
                    name: path.display().to_string(),
                    error: Some(error_chain(&e)),
                    ..Default::default()
                });
                continue;
            }
        };
        let not_one = || {
            format!(
                "{} is not a `p2plog summary --format json` output",
                path.display()
            )
        };
        let value: serde_json::Value = serde_json::from_slice(&bytes).with_context(not_one)?;
        // a newer summary may have fields this p2plog does not know: say
        // so rather than name the first one
        let version = value.get("version").and_then(serde_json::Value::as_u64);
        if let Some(v) = version.filter(|&v| v > u64::from(SUMMARY_VERSION)) {
            anyhow::bail!(
                "{} was written by a newer p2plog (summary version {v}); this one reads version {SUMMARY_VERSION}: merge with the newer one",
                path.display()
            );
        }
        let one: Summary = serde_json::from_value(value).with_context(not_one)?;
        read.push((path.display().to_string(), one));
    }
    Summary::label_shared_sources(&mut read);
    let mut total: Option<Summary> = None;
    for (_, one) in read {
        total = Some(match total {
            Some(t) => t.merge(one),
            None => one,
        });
    }
    let mut total = total.unwrap_or_default();
    // what this p2plog writes, whatever the versions it read
    total.version = SUMMARY_VERSION;
    total.sources.extend(unread);
    Ok(total)
}

/// The most bytes a summary to merge may have: p2plog's own are a few MB
/// at most, whatever the log (its caps bound them).
const SUMMARY_BYTES: u64 = 256 << 20;

/// A file's bytes, through the same input as logs (`-`, gzip, and the same
/// messages for a missing file or a directory) but not cut into lines: a
/// summary's line can be longer than a log line's cap. `None` when it is
/// longer than [`SUMMARY_BYTES`].
fn read_whole(path: &Path) -> Result<Option<Vec<u8>>, crate::input::InputError> {
    let mut source = crate::input::open(path)?;
    let mut bytes = Vec::new();
    let whole = source.lines.read_rest(&mut bytes, SUMMARY_BYTES)?;
    Ok(whole.then_some(bytes))
}

/// `files` with each file named again after its first time left out, and
/// said on stderr: read twice, its events would count twice.
fn once(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for path in files {
        // the file itself where it can be found, else the name (`-`, or a
        // missing file, reported once)
        let key = match path.as_os_str() == "-" {
            true => path.clone(),
            false => std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()),
        };
        if !seen.insert(key) {
            let name = crate::input::escape_controls(path.display().to_string().into());
            let _ = writeln!(
                std::io::stderr(),
                "p2plog: {name} is named twice; it is read once"
            );
            continue;
        }
        out.push(path.clone());
    }
    out
}

pub fn run(args: &SummaryArgs, grammars: Option<&Path>, out: &mut dyn Write) -> Result<ExitCode> {
    let mut failed = false;
    let files = once(&args.files);
    let summary = if args.merge {
        merged(&files, &mut failed)?
    } else {
        let formats = Formats::load(grammars)?;
        super::read_pipes_to_end_on_interrupt(&files);
        let mut builder = Builder::default();
        for path in &files {
            if path.as_os_str() == "-" {
                super::say_reading_terminal(
                    "a log from the terminal; pipe a node's output in (`node 2>&1 | p2plog`), or end with Ctrl-D",
                );
            }
            let mut source = match crate::input::open(path) {
                Ok(source) => source,
                Err(e) => {
                    failed = input_error(&e);
                    builder.source(&path.display().to_string());
                    builder.read_error(error_chain(&e));
                    continue;
                }
            };
            builder.source(&source.name);
            let mut sink = SummarySink {
                builder: &mut builder,
                analyzer: Analyzer::new(args.peers).brief(),
                name: source.name.clone(),
            };
            let live = source.live;
            match drive(
                &mut source.lines,
                &formats,
                live,
                false,
                super::progress(path, &source.name, false),
                &mut sink,
            ) {
                Ok(_) => {}
                Err(ReadError::Output(e)) => return Err(e.into()),
                Err(ReadError::Input(e)) => {
                    failed = input_error(&e);
                    sink.builder.read_error(error_chain(&e));
                }
            }
            // whose peer id is whose, for the top failing peers
            let network = sink.analyzer.network();
            for name in network.node_names().into_iter().filter(|n| !n.is_empty()) {
                if let Some(id) = network.node(Some(name)).and_then(|n| n.local_id()) {
                    builder.node_id(name, id);
                }
            }
        }
        builder.finish()
    };
    if failed && summary.lines == 0 {
        // no file could be read (or none had a line before its error): the
        // errors said why, and an empty summary would read as a clean log
        return Ok(Gate::new(args.fail_on, &args.allow).exit_code(failed));
    }
    let written = match args.format {
        SummaryFormat::Text => render::table::write(out, &summary, width()),
        SummaryFormat::Json => render::json::write_pretty_safe(out, &summary),
        SummaryFormat::Markdown => render::markdown::write(out, &summary),
        SummaryFormat::Github => render::github::write(out, &summary),
    };
    let mut gate = Gate::new(args.fail_on, &args.allow);
    for verdict in Verdict::ALL {
        let mut by_kind = 0u64;
        for k in &summary.kinds {
            gate.see(&k.kind, verdict, k.verdicts.get(verdict));
            by_kind = by_kind.saturating_add(k.verdicts.get(verdict));
        }
        // events the totals count and no kind does (a corrupt or edited
        // summary given to --merge) are of no kind --allow names: they
        // must not slip through the gate
        let rest = summary.verdicts.get(verdict).saturating_sub(by_kind);
        gate.see("(no kind)", verdict, rest);
    }
    // findings about a whole log (a node that reached no peer) count too
    for f in &summary.findings {
        if crate::summary::FINDING_KINDS.contains(&f.kind.as_str()) {
            gate.see(&f.kind, f.verdict, 1);
        }
    }
    super::say_spared(&gate);
    unless_written_badly(written.and_then(|()| out.flush()), gate.exit_code(failed))
}
