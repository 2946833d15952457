//! A hermetic way to run the `p2plog` binary: no colour or log variables leak
//! in from the developer's environment.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root (where `fixtures/` and `README.md` are).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file under the repository root.
pub fn path(rel: &str) -> PathBuf {
    root().join(rel)
}

/// Variables that would change p2plog's output if they leaked in.
const LEAKY: &[&str] = &[
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "RUST_LOG",
    "TERM",
    "COLUMNS",
    "GITHUB_ACTIONS",
];

/// `program` with a clean environment, run in the repository root.
fn hermetic(program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(root());
    for var in LEAKY {
        cmd.env_remove(var);
    }
    cmd
}

/// `p2plog <args>` with a clean environment, run in the repository root.
pub fn p2plog(args: &[&str]) -> Command {
    let mut cmd = hermetic(env!("CARGO_BIN_EXE_p2plog"));
    cmd.args(args);
    cmd
}

/// `sh -c <script>` with a clean environment, run in the repository root.
pub fn shell(script: &str) -> Run {
    hermetic("sh")
        .arg("-c")
        .arg(script)
        .output()
        .expect("sh runs")
        .into()
}

/// The finished run of a command.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Standard error without p2plog's warnings (a log that mixes nodes): the
/// errors alone.
pub fn errors(stderr: &str) -> String {
    let warning = |l: &&str| l.starts_with("p2plog: warning: ");
    stderr
        .split_inclusive('\n')
        .filter(|l| !warning(l))
        .collect()
}

/// Runs `p2plog <args>` with `stdin` as standard input.
pub fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Run {
    output_with_stdin(p2plog(args), stdin).into()
}

/// Runs `cmd` with `stdin` fed from another thread (so a large input cannot
/// dead-lock against a full output pipe) and its raw output.
pub fn output_with_stdin(mut cmd: Command, stdin: &[u8]) -> std::process::Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command runs");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // the child may exit before reading everything; that is not our failure
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().expect("the command finishes");
    writer.join().unwrap();
    out
}

/// The standard output of `p2plog <args>` for a terminal `columns` wide.
pub fn stdout_at(columns: impl ToString, args: &[&str]) -> String {
    let out = p2plog(args)
        .env("COLUMNS", columns.to_string())
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `p2plog <args>` with empty standard input.
pub fn run(args: &[&str]) -> Run {
    run_with_stdin(args, b"")
}

/// The control characters in `text` that a terminal acts on (all but line
/// feed and tab), for asserting that none reached the output.
pub fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .collect()
}
