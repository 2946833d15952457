//! The command line, described with clap's derive API. It only describes:
//! reading files, deciding colour and running commands belong to `app`.

use std::path::PathBuf;

use std::ffi::OsString;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::knowledge::catalog::KindPattern;

/// The arguments with `scan` put in front when none of them names a command
/// (or asks for help or the version): `p2plog node.log`, `node | p2plog`.
pub fn with_default_command(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    let mut args: Vec<OsString> = args.into_iter().collect();
    // `p2plog help [COMMAND] --help` asks for the help too (clap's `help`
    // takes only command names: "unrecognized subcommand '--help'")
    if args.get(1).is_some_and(|a| a == "help") {
        let rest = args.split_off(2);
        args.extend(rest.into_iter().filter(|a| a != "--help" && a != "-h"));
    }
    let cmd = Cli::command();
    let names: Vec<&str> = cmd
        .get_subcommands()
        .map(|c| c.get_name())
        .chain(["help"])
        .collect();
    let asks = |a: &OsString| {
        let a = a.to_string_lossy();
        names.contains(&a.as_ref()) || matches!(a.as_ref(), "-h" | "--help" | "-V" | "--version")
    };
    if !args.iter().skip(1).any(asks) {
        args.insert(1.min(args.len()), OsString::from("scan"));
    }
    explain_text_last(args)
}

/// `explain`'s text that starts with `-` but holds white space (a markdown
/// list's `- `, found by the field test) moved to the end behind `--`, so
/// that clap takes it as text; a flag never holds a space, and a mistyped
/// one keeps clap's message (`--peer`: "a similar argument exists").
fn explain_text_last(mut args: Vec<OsString>) -> Vec<OsString> {
    let Some(explain) = args.iter().position(|a| a == "explain") else {
        return args;
    };
    let end =
        (args.iter().skip(explain).position(|a| a == "--")).map_or(args.len(), |k| explain + k);
    let text = (explain + 1..end).find(|&k| {
        let a = args[k].to_string_lossy();
        a.starts_with('-') && a.contains(char::is_whitespace)
    });
    if let Some(k) = text {
        let text = args.remove(k);
        if end == args.len() + 1 {
            args.push(OsString::from("--"));
        }
        args.push(text);
    }
    args
}

/// The command `args` (as the user typed them) most likely misspell: their
/// first argument after the global options when it is not a file, has no
/// path or extension, and is
/// one or two edits from a command's name (`p2plog sumary x.log`). Without
/// this, `scan` would report "sumary: no such file".
pub fn mistyped_command(args: &[OsString]) -> Option<(String, String)> {
    // past the global options (`--color never`, `--grammars DIR`)
    let mut rest = args.iter().skip(1);
    let first = loop {
        let arg = rest.next()?.to_str()?;
        if matches!(arg, "--color" | "--grammars") {
            rest.next();
        } else if !(arg.starts_with("--color=") || arg.starts_with("--grammars=")) {
            break arg;
        }
    };
    if first.starts_with('-') || first.contains(['/', '.']) || std::path::Path::new(first).exists()
    {
        return None;
    }
    let cmd = Cli::command();
    let name = cmd
        .get_subcommands()
        .map(|c| c.get_name())
        .filter(|name| *name != first)
        .find(|name| strsim::levenshtein(first, name) <= 2)?;
    Some((first.to_owned(), name.to_owned()))
}

/// A usage error's message as p2plog prints it: the arguments it quotes
/// with their control characters escaped (`\n` too, so that a quoted
/// argument starts no line of its own), the rest of the message as clap wrote it.
pub fn usage_error(e: &clap::Error) -> String {
    use clap::error::ContextValue;
    let mut msg = e.to_string();
    let mut quoted: Vec<&str> = Vec::new();
    for (_, value) in e.context() {
        match value {
            ContextValue::String(s) => quoted.push(s),
            ContextValue::Strings(all) => quoted.extend(all.iter().map(String::as_str)),
            _ => {}
        }
    }
    for q in quoted {
        let shown = crate::render::safe_line(q);
        if shown != q {
            msg = msg.replace(q, &shown);
        }
    }
    crate::render::safe(&msg).into_owned()
}

/// Explains rust-libp2p logs: finds the Debug-printed libp2p events in them and
/// says whether each is ok, expected or needs action.
///
/// Without a command, p2plog scans standard input: `node 2>&1 | p2plog`.
#[derive(Debug, Parser)]
#[command(name = "p2plog", version, about)]
#[command(
    override_usage = "p2plog [OPTIONS] [FILE]...    (the same as `p2plog scan`)\n       p2plog [OPTIONS] <COMMAND>"
)]
#[command(after_help = EXIT_CODES_READING)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to colour the output [env: NO_COLOR, CLICOLOR_FORCE]
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Also read the log line formats in DIR/formats/*.json (schema: grammars/README.md)
    #[arg(long, value_name = "DIR", global = true)]
    pub grammars: Option<PathBuf>,
}

/// The exit codes, for a command's `--help`: those of every command, then
/// `tail`.
macro_rules! exit_codes {
    ($tail:literal) => {
        concat!(
            "Exit codes: 0 done, 1 an event at or above --fail-on was seen \
             (verdicts from most severe: actionable, unknown, expected, ok), 2 usage or input error",
            $tail
        )
    };
}

/// The exit codes of `explain`.
const EXIT_CODES: &str = exit_codes!(".");

/// The exit codes of scan and summary, which read logs from pipes.
const EXIT_CODES_READING: &str =
    exit_codes!(", 130 a second Ctrl-C while reading a pipe (the first lets the input end).");

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Pass a log through, with an explanation under every libp2p event.
    ///
    /// Every input line is written unchanged and in order (colour codes and
    /// all); each recognised event is followed by an indented verdict and
    /// summary; several files are each headed by `==> name <==`. Reading
    /// standard input (or a FIFO, `<(node)`), output is flushed whenever the
    /// input waits, so `tail -f node.log | p2plog` is live. Examples:
    ///
    ///   node 2>&1 | p2plog
    ///   p2plog scan fixtures/lone/tag.log --only actionable,expected
    ///   p2plog scan fixtures/cluster25/tracing-full.log.gz --format json --fail-on actionable
    #[command(verbatim_doc_comment, after_help = EXIT_CODES_READING)]
    Scan(ScanArgs),

    /// Summarise logs for people and CI: tables, JSON, markdown or GitHub annotations.
    ///
    /// Counts events by kind and verdict, times kad queries, follows each node's
    /// peers, and lists the findings that matter, with line numbers. Examples:
    ///
    ///   p2plog summary fixtures/cluster25/tag.log.gz
    ///   p2plog summary node.log --format markdown >> "$GITHUB_STEP_SUMMARY"
    ///   p2plog summary node.log --format github --fail-on actionable
    #[command(verbatim_doc_comment, after_help = EXIT_CODES_READING)]
    Summary(SummaryArgs),

    /// Explain pasted events (one line, or a multi-line `{:#?}` paste).
    ///
    /// Every libp2p event in the text gets a verdict (ok, expected, actionable,
    /// or unknown for a value p2plog does not know) and an explanation. Example:
    ///
    ///   p2plog explain "$(head -n 1 tests/data/seed-event.txt)" --peers 20
    #[command(verbatim_doc_comment, after_help = EXIT_CODES)]
    Explain(ExplainArgs),

    /// List every event kind p2plog knows, or print the full explanation of one.
    ///
    /// Example: p2plog catalog kad.PutRecord.QuorumFailed
    Catalog(CatalogArgs),

    /// List the log line formats p2plog recognises, or say which one a file uses.
    ///
    /// Example: p2plog formats --detect node.log
    Formats(FormatsArgs),

    /// Print a completion script for a shell.
    ///
    /// Example: p2plog completions bash > /etc/bash_completion.d/p2plog
    Completions(CompletionsArgs),
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct FormatsArgs {
    /// Say which format each FILE (`-` for stdin, gzip allowed) is in, and why.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub detect: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct CatalogArgs {
    /// A kind id such as `kad.PutRecord.QuorumFailed`; lists all kinds when absent.
    pub kind: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The event text; read from standard input when absent or `-`.
    // (a paste that starts with `-` is moved behind `--`: `explain_text_last`)
    pub event: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// The peer count to judge by (instead of the lower bound read from the event).
    #[arg(long, value_name = "N")]
    pub peers: Option<u64>,

    /// Exit with 1 when an event at or above this verdict was explained.
    #[arg(long, value_enum, default_value_t = FailOn::Never)]
    pub fail_on: FailOn,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Default, clap::Args)]
pub struct ScanArgs {
    /// Log files (`-` for standard input, the default; gzip allowed).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Output: the log with explanations (text), or one JSON object per event.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// The peer count to judge by, instead of the one the log shows.
    #[arg(long, value_name = "N")]
    pub peers: Option<u64>,

    /// Explain only events with these verdicts (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "VERDICT")]
    pub only: Vec<VerdictArg>,

    /// Write only the lines of explained events, not the whole log.
    #[arg(long)]
    pub events_only: bool,

    /// Under each event, also what happened and what to do.
    #[arg(long, short)]
    pub verbose: bool,

    /// Exit with 1 when an event at or above this verdict was seen.
    #[arg(long, value_enum, default_value_t = FailOn::Never)]
    pub fail_on: FailOn,

    /// Events of this kind never fail the run (repeatable; a trailing `*`
    /// takes a prefix: `swarm.OutgoingConnectionError.*`); they are still
    /// shown, and stderr counts those that reached --fail-on.
    #[arg(long, value_name = "KIND", requires = "fail_on", value_parser = KindPattern::new)]
    pub allow: Vec<KindPattern>,
}

#[derive(Debug, clap::Args)]
pub struct SummaryArgs {
    /// Log files (`-` for standard input; gzip allowed); with --merge, JSON summaries.
    #[arg(value_name = "FILE", default_value = "-")]
    pub files: Vec<PathBuf>,

    /// Output format: tables for people, JSON, markdown for
    /// $GITHUB_STEP_SUMMARY, or GitHub workflow annotations.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,

    /// The peer count to judge by, instead of the one the log shows.
    #[arg(long, value_name = "N")]
    pub peers: Option<u64>,

    /// Exit with 1 when an event at or above this verdict was seen.
    #[arg(long, value_enum, default_value_t = FailOn::Never)]
    pub fail_on: FailOn,

    /// Events of this kind never fail the run (repeatable; a trailing `*`
    /// takes a prefix: `swarm.OutgoingConnectionError.*`); they are still
    /// shown, and stderr counts those that reached --fail-on.
    #[arg(long, value_name = "KIND", requires = "fail_on", value_parser = KindPattern::new)]
    pub allow: Vec<KindPattern>,

    /// The FILEs are `summary --format json` outputs (of several machines) to combine;
    /// their verdicts were made when they were written, so `--peers` does not apply.
    #[arg(long, conflicts_with = "peers")]
    pub merge: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    Text,
    Json,
    Markdown,
    Github,
}

/// A verdict named on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum VerdictArg {
    Ok,
    Expected,
    Actionable,
    Unknown,
}

/// The least severe verdict that makes p2plog exit with 1; from most
/// severe: actionable, unknown (an event p2plog does not know), expected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Actionable,
    Unknown,
    Expected,
    #[default]
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn scan_is_the_default_command() {
        let parse = |args: &[&str]| {
            let args = std::iter::once("p2plog")
                .chain(args.iter().copied())
                .map(OsString::from);
            Cli::try_parse_from(with_default_command(args)).map(|c| c.command)
        };
        assert!(matches!(parse(&[]), Ok(Command::Scan(a)) if a.files.is_empty()));
        assert!(
            matches!(parse(&["--peers", "3", "x.log"]), Ok(Command::Scan(a)) if a.peers == Some(3))
        );
        assert!(matches!(
            parse(&["--color", "never", "summary", "x.log"]),
            Ok(Command::Summary(_))
        ));
        assert!(matches!(
            parse(&["--grammars", "/g", "formats"]),
            Ok(Command::Formats(_))
        ));
        assert!(parse(&["--help"]).is_err_and(|e| e.kind() == clap::error::ErrorKind::DisplayHelp));
    }
}
