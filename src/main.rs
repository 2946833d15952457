//! The `p2plog` binary: parse the command line, run it, map the result to an
//! exit code. Everything else lives in the library.

use std::process::ExitCode;

use std::io::Write;

use clap::Parser;

mod allocator;

#[global_allocator]
static ALLOC: allocator::Allocator = allocator::Allocator;

fn main() -> ExitCode {
    let args: Vec<_> = std::env::args_os().collect();
    if let Some((typed, name)) = p2plog::cli::mistyped_command(&args) {
        let typed = p2plog::render::safe_line(&typed);
        let _ = writeln!(
            std::io::stderr(),
            "p2plog: `{typed}` is neither a file nor a command; did you mean `p2plog {name}`?"
        );
        return ExitCode::from(2);
    }
    let args = p2plog::cli::with_default_command(args);
    let cli = match p2plog::cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        // a usage error quotes the argument: its control characters escaped
        Err(e) if e.use_stderr() => {
            let _ = write!(std::io::stderr(), "{}", p2plog::cli::usage_error(&e));
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    match p2plog::app::run(cli) {
        Ok(code) => code,
        Err(err) => p2plog::app::report_error(&err),
    }
}
