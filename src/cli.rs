//! The command line, described with clap's derive API. It only describes:
//! reading files, deciding colour and running commands belong to `app`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Explains rust-libp2p logs: finds the Debug-printed libp2p events in them and
/// says whether each is ok, expected or needs action.
#[derive(Debug, Parser)]
#[command(name = "p2plog", version, about)]
#[command(
    after_help = "Exit codes: 0 done, 1 the --fail-on threshold was reached, 2 usage or input error."
)]
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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Explain pasted events (one line, or a multi-line `{:#?}` paste).
    ///
    /// Every libp2p event in the text gets a verdict (ok, expected, actionable)
    /// and an explanation. Example:
    ///
    ///   p2plog explain "$(head -n 1 tests/data/seed-event.txt)" --peers 20
    Explain(ExplainArgs),

    /// List every event kind p2plog knows, or print the full explanation of one.
    ///
    /// Example: p2plog catalog kad.PutRecord.QuorumFailed
    Catalog(CatalogArgs),

    /// List the log line formats p2plog recognises, or say which one a file uses.
    ///
    /// Example: p2plog formats --detect node.log
    Formats(FormatsArgs),
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
    pub event: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// The peer count to judge by (instead of the lower bound read from the event).
    #[arg(long, value_name = "N")]
    pub peers: Option<u64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
