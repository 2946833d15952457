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

/// The `run:` lines of the README's step that explains the node's log, run
/// as GitHub runs them (`sh -e`), on a fixture that has actionable events:
/// the markdown lands in `$GITHUB_STEP_SUMMARY`, the annotations on stdout,
/// and the step fails.
#[test]
fn readme_ci_step_writes_the_step_summary_and_fails_the_step() {
    let readme = std::fs::read_to_string(path("README.md")).unwrap();
    let yaml = readme
        .split("```yaml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a yaml block");
    let step = yaml
        .split("- name: Explain the node's log")
        .nth(1)
        .expect("the explaining step");
    let script: Vec<&str> = step
        .lines()
        .skip_while(|l| l.trim() != "run: |")
        .skip(1)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(script.len(), 2, "{step}");
    let bin = env!("CARGO_BIN_EXE_p2plog");
    let summary = std::env::temp_dir().join(format!("p2plog-step-summary-{}", std::process::id()));
    let _ = std::fs::remove_file(&summary);
    let script = script
        .join("\n")
        .replace("p2plog ", &format!("{bin} "))
        .replace("node.log", "fixtures/cluster25/tag.log.gz")
        .replace("$GITHUB_STEP_SUMMARY", &summary.display().to_string());
    let r = shell(&format!("set -e\n{script}"));
    let written = std::fs::read_to_string(&summary).unwrap_or_default();
    let _ = std::fs::remove_file(&summary);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(written.contains("| kind |"), "{written}");
    assert!(
        r.stdout.lines().any(|l| l.starts_with("::error ")),
        "{}",
        r.stdout
    );
}
