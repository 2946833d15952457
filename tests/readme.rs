//! Every `p2plog …` (or `cargo run --release -- …`) command in README.md's
//! `sh` blocks runs, from the repository root, and exits as its comment says
//! (0 unless the comment says `exits N`).

use crate::util::{path, shell};

/// (command with the binary substituted, expected exit code).
fn commands() -> Vec<(String, i32)> {
    let readme = std::fs::read_to_string(path("README.md")).unwrap();
    let bin = env!("CARGO_BIN_EXE_p2plog");
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
            continue;
        }
        if !in_sh {
            continue;
        }
        let (cmd, comment) = line.split_once("  #").unwrap_or((line, ""));
        let cmd = cmd.trim();
        let rest = cmd
            .strip_prefix("p2plog ")
            .or(cmd.strip_prefix("cargo run --release -- "));
        let Some(rest) = rest else { continue };
        let code = comment
            .split_once("exits ")
            .and_then(|(_, n)| n.trim().parse().ok())
            .unwrap_or(0);
        out.push((format!("{bin} {rest}"), code));
    }
    out
}

#[test]
fn readme_commands_run_as_documented() {
    let cmds = commands();
    assert!(cmds.len() >= 3, "the README lost its examples: {cmds:?}");
    for (cmd, code) in cmds {
        let r = shell(&cmd);
        assert_eq!(r.code, code, "{cmd}\n{}", r.stderr);
        assert!(!r.stdout.is_empty(), "{cmd} printed nothing");
    }
}
