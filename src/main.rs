//! The `p2plog` binary: parse the command line, run it, map the result to an
//! exit code. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;

mod allocator;

#[global_allocator]
static ALLOC: allocator::Allocator = allocator::Allocator;

fn main() -> ExitCode {
    let args = p2plog::cli::with_default_command(std::env::args_os());
    let cli = p2plog::cli::Cli::parse_from(args);
    match p2plog::app::run(cli) {
        Ok(code) => code,
        Err(err) => p2plog::app::report_error(&err),
    }
}
