//! Wiring: reads what the command line names, runs the pipeline, hands the
//! result to a renderer and decides the exit code. Holds no parsing or analysis.

use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::cli::{Cli, ColorChoice, Command, ExplainArgs, Format};
use crate::{debugfmt, render};

/// An input that holds nothing p2plog can explain.
#[derive(Debug, thiserror::Error)]
#[error(
    "no libp2p event found in the input: expected Rust Debug output such as \
     `OutboundQueryProgressed {{ id: QueryId(1), .. }}` or `Behaviour(MyEvent: ..)`"
)]
pub struct NoEvent;

pub fn run(cli: Cli) -> Result<ExitCode> {
    colored::control::set_override(color_enabled(cli.color));
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Explain(args) => explain(&args, &mut out),
    }
}

/// Prints an error as `p2plog: <chain>` and returns exit code 2; a closed
/// stdout (`p2plog … | head`) is a quiet success.
pub fn report_error(err: &anyhow::Error) -> ExitCode {
    let broken_pipe = err
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe);
    if broken_pipe {
        return ExitCode::SUCCESS;
    }
    eprintln!("p2plog: {err:#}");
    ExitCode::from(2)
}

/// Colour from the flag, then `NO_COLOR`, then `CLICOLOR_FORCE`, then whether
/// stdout is a terminal. Decided once, here.
fn color_enabled(choice: ColorChoice) -> bool {
    let set = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("NO_COLOR") => false,
        ColorChoice::Auto if set("CLICOLOR_FORCE") => true,
        ColorChoice::Auto => io::stdout().is_terminal(),
    }
}

/// The event text: the argument, or all of stdin when it is absent or `-`.
fn event_text(arg: Option<&str>) -> Result<String> {
    match arg {
        Some(text) if text != "-" => Ok(text.to_owned()),
        _ => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .context("reading standard input")?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        }
    }
}

fn explain(args: &ExplainArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let text = event_text(args.event.as_deref())?;
    let found = debugfmt::find(&text);
    if found.is_empty() {
        return Err(NoEvent.into());
    }
    match args.format {
        Format::Text => render::tree::write_text(out, &text, &found)?,
        Format::Json => render::tree::write_json(out, &text, &found)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
