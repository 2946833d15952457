//! The command line, described with clap's derive API. It only describes:
//! reading files, deciding colour and running commands belong to `app`.

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
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Explain one pasted event (one line, or a multi-line `{:#?}` paste).
    ///
    /// Example: p2plog explain 'OutboundQueryProgressed { id: QueryId(27), .. }'
    Explain(ExplainArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The event text; read from standard input when absent or `-`.
    pub event: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
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
