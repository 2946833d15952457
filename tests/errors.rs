//! Errors a person can act on: a missing file, a directory, a file without
//! read permission, a gzip file corrupt half-way, a bad `--grammars` file.
//! Each is one line on stderr, `p2plog: ` and what to look at, exit code 2,
//! never a panic or a backtrace (even with `RUST_BACKTRACE=1`); the other
//! files are still read, and what was read of a corrupt one is kept. And a
//! closed output (`p2plog … | head`) is a quiet success.

use std::path::{Path, PathBuf};

use p2plog::summary::Summary;

use crate::fixtures;
use crate::util::{errors, p2plog, path, shell, Run};

/// `p2plog <args>` with `RUST_BACKTRACE=1`, checking that stderr holds
/// only `p2plog: ` lines: no panic, no backtrace.
fn run_loud(args: &[&str]) -> Run {
    let r: Run = p2plog(args)
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap()
        .into();
    for line in r.stderr.lines() {
        assert!(line.starts_with("p2plog: "), "{args:?}: {}", r.stderr);
    }
    assert!(!r.stderr.contains("panicked") && !r.stderr.contains("backtrace"));
    r
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("p2plog-errors-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_missing_file_and_a_directory_are_named_and_the_other_file_still_read() {
    for command in ["scan", "summary"] {
        let r = run_loud(&[
            command,
            "fixtures/no-such.log",
            "fixtures",
            "fixtures/lone/tag.log",
            "--color",
            "never",
        ]);
        assert_eq!(r.code, 2, "{command}");
        assert_eq!(
            r.stderr,
            "p2plog: fixtures/no-such.log: no such file\n\
             p2plog: fixtures: is a directory, not a log file\n",
            "{command}"
        );
        assert!(r.stdout.contains("QuorumFailed"), "{command}: {}", r.stdout);
    }
}

/// `chmod 000` does not stop root, so when the tests run as root the
/// command runs as `nobody` (with `setpriv`); without `setpriv` this one
/// case is skipped, saying why.
#[test]
fn a_file_without_read_permission_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("perm");
    let file = dir.join("secret.log");
    std::fs::copy(path("fixtures/lone/tag.log"), &file).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    let privileged = std::fs::File::open(&file).is_ok();
    let bin = env!("CARGO_BIN_EXE_p2plog");
    let file_text = file.display().to_string();
    let r: Run = if !privileged {
        run_loud(&["scan", &file_text])
    } else if Path::new("/usr/bin/setpriv").exists() || Path::new("/bin/setpriv").exists() {
        let r: Run = std::process::Command::new("setpriv")
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                bin,
                "scan",
            ])
            .arg(&file)
            .env("RUST_BACKTRACE", "1")
            .current_dir(std::env::temp_dir())
            .output()
            .unwrap()
            .into();
        r
    } else {
        eprintln!(
            "skipped a_file_without_read_permission_is_named: running as root, where \
             chmod 000 does not deny reading, and no setpriv to run as nobody"
        );
        std::fs::remove_dir_all(dir).unwrap();
        return;
    };
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!("p2plog: {file_text}: permission denied\n")
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// The number in `… after line N: …`.
fn line_reached(stderr: &str) -> usize {
    let (_, rest) = stderr.split_once("after line ").expect(stderr);
    rest.split(':').next().unwrap().parse().unwrap()
}

/// A gzip file cut half-way, and one with garbage in the middle: the lines
/// before the damage (and the part of the line it cut) are scanned and
/// summarised, the message names the file and the line reached, and the
/// exit code is 2.
#[test]
fn a_gzip_file_corrupt_half_way_keeps_what_was_read_and_names_the_line() {
    let dir = temp_dir("gzip");
    let whole = std::fs::read(path("fixtures/cluster25/tag.log.gz")).unwrap();
    let text = fixtures::read(&path("fixtures/cluster25/tag.log.gz"));
    let lines: Vec<&str> = text.lines().collect();
    let half = whole.len() / 2;
    let cut = dir.join("cut.log.gz");
    std::fs::write(&cut, &whole[..half]).unwrap();
    let mut garbled = whole.clone();
    for b in &mut garbled[half..half + 64] {
        *b ^= 0x55;
    }
    let bad = dir.join("garbled.log.gz");
    std::fs::write(&bad, &garbled).unwrap();
    for file in [&cut, &bad] {
        let name = file.display().to_string();
        let r = run_loud(&["scan", &name, "--color", "never", "--only", "unknown"]);
        assert_eq!(r.code, 2, "{name}");
        assert!(
            errors(&r.stderr)
                .starts_with(&format!("p2plog: {name}: corrupt gzip data after line ")),
            "{}",
            r.stderr
        );
        let reached = line_reached(&r.stderr);
        let passed: Vec<&str> = r.stdout.lines().filter(|l| !l.starts_with("  ")).collect();
        assert!(reached > 100, "{name}: {reached}");
        assert_eq!(
            passed.len(),
            reached,
            "{name}: the lines read were all written"
        );
        if file == &cut {
            // the last line is the part of it read before the cut
            assert!(reached < lines.len());
            let (last, before) = passed.split_last().unwrap();
            assert!(before == &lines[..reached - 1], "{name}: lines changed");
            assert!(lines[reached - 1].starts_with(last), "{name}: {last}");
        }

        let r = run_loud(&["summary", &name, "--format", "json"]);
        assert_eq!(r.code, 2, "{name}");
        assert_eq!(line_reached(&r.stderr), reached);
        let s: Summary = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(
            s.lines, reached as u64,
            "{name}: the summary is of what was read"
        );
        assert!(s.events > 0);
        // found by the user-view review: only stderr said so, and a
        // markdown summary in $GITHUB_STEP_SUMMARY read as a whole clean log
        let error = s.sources[0].error.as_deref().unwrap_or_default();
        assert!(
            error.starts_with(&format!("{name}: corrupt gzip data after line {reached}")),
            "{error}"
        );
        let note = format!("only its first {reached} lines are summarised");
        for (format, says) in [
            ("markdown", "> **Error:** "),
            // GitHub cannot show a line of a compressed file: the title names it
            ("github", "::error title="),
            ("text", "Error: "),
        ] {
            let r = run_loud(&["summary", &name, "--format", format, "--color", "never"]);
            assert_eq!(r.code, 2, "{format}");
            let out = r.stdout.replace("\n       ", " ");
            assert!(out.contains(says) && out.contains(&note), "{format}: {out}");
        }
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// A bad `--grammars` file stops scan and summary before any output, naming
/// the file, the JSON path and the problem.
#[test]
fn a_bad_grammars_file_stops_scan_and_summary_naming_file_and_json_path() {
    let dir = temp_dir("grammars");
    let formats = dir.join("formats");
    std::fs::create_dir_all(&formats).unwrap();
    let spec = std::fs::read_to_string(path("grammars/formats/tag.json")).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&spec).unwrap();
    json["id"] = serde_json::json!("mine");
    json["priority"] = serde_json::json!("high");
    std::fs::write(formats.join("mine.json"), json.to_string()).unwrap();
    let dir_text = dir.display().to_string();
    for command in ["scan", "summary"] {
        let r = run_loud(&["--grammars", &dir_text, command, "fixtures/lone/tag.log"]);
        assert_eq!(r.code, 2, "{command}");
        assert!(r.stdout.is_empty(), "{command}: {}", r.stdout);
        assert!(
            r.stderr.contains("mine.json") && r.stderr.contains("priority"),
            "{command}: {}",
            r.stderr
        );
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// `p2plog … | head -1`: p2plog's writes fail with a broken pipe; it stops
/// quietly with exit code 0. The exit code is read inside the pipeline.
#[test]
fn a_closed_output_is_a_quiet_success() {
    let bin = env!("CARGO_BIN_EXE_p2plog");
    for args in [
        "scan fixtures/cluster25/tag.log.gz",
        "scan fixtures/cluster25/tag.log.gz --format json",
        "fixtures/cluster5/tracing-full.log --verbose",
        "summary fixtures/cluster25/tag.log.gz --format json",
    ] {
        let dir = temp_dir("pipe");
        let (err, code) = (dir.join("stderr"), dir.join("code"));
        let script = format!(
            "{{ RUST_BACKTRACE=1 {bin} {args} 2>'{}'; echo $? >'{}'; }} | head -1",
            err.display(),
            code.display()
        );
        let r = shell(&script);
        assert_eq!(r.code, 0, "{args}: {}", r.stderr);
        assert_eq!(r.stdout.lines().count(), 1, "{args}");
        let stderr = errors(&std::fs::read_to_string(&err).unwrap());
        let code = std::fs::read_to_string(&code).unwrap();
        assert_eq!((code.trim(), stderr.as_str()), ("0", ""), "{args}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}

/// Found by the hostile-input audit: a write to a failing stderr panicked,
/// so an input error exited 101, and a warning turned a good run into 101.
#[test]
fn a_failing_stderr_changes_no_exit_code() {
    let status = |args: &[&str]| {
        let full = std::fs::File::create("/dev/full").unwrap();
        crate::util::p2plog(args)
            .stdout(std::process::Stdio::null())
            .stderr(full)
            .status()
            .unwrap()
            .code()
    };
    assert_eq!(status(&["summary", "no-such-file.log"]), Some(2));
    // cluster25's tag log warns that it holds several unnamed nodes
    assert_eq!(status(&["scan", "fixtures/cluster25/tag.log.gz"]), Some(0));
}

/// Found by review: a log read in part, because its output closed
/// (`scan … | head`) or its gzip data broke off, got "never connected"
/// for a node whose connection came after the part read, and `--fail-on
/// actionable` failed the run. A finding about a whole log needs it read
/// to its end.
#[test]
fn a_log_read_in_part_is_not_never_connected() {
    use std::io::Write;
    let dir = temp_dir("never-connected");
    let mut log = std::fs::read_to_string(path("fixtures/bootnodes-down/tag.log")).unwrap();
    for k in 0..200_000 {
        log.push_str(&format!("filler line {k} {}\n", k * 7919 % 104_729));
    }
    log.push_str("[SWARM] ConnectionEstablished { peer_id: PeerId(\"12D3KooWKSr7ppRTdmZiV1dmgCMdRhDnhEGH3SQSepCAHh21EcdC\"), connection_id: ConnectionId(9), endpoint: Dialer { address: /ip4/127.0.0.1/tcp/32060, role_override: Dialer, port_use: Reuse }, num_established: 1, concurrent_dial_errors: Some([]), established_in: 1.2ms }\n");
    let file = dir.join("late.log");
    std::fs::write(&file, &log).unwrap();
    let bin = env!("CARGO_BIN_EXE_p2plog");
    // read whole, the node connected
    let allowed = "--allow 'swarm.*' --allow 'kad.*'";
    let args = format!("scan '{}' --fail-on actionable {allowed}", file.display());
    let r = shell(&format!("{bin} {args} >/dev/null"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (err, code) = (dir.join("stderr"), dir.join("code"));
    let script = format!(
        "{{ {bin} {args} 2>'{}'; echo $? >'{}'; }} | head -1",
        err.display(),
        code.display()
    );
    shell(&script);
    let stderr = std::fs::read_to_string(&err).unwrap();
    assert!(!stderr.contains("NeverConnected"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&code).unwrap().trim(), "0");
    // a gzip file cut before the connection
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(log.as_bytes()).unwrap();
    let whole = gz.finish().unwrap();
    let cut = dir.join("cut.log.gz");
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    let name = cut.display().to_string();
    for command in ["summary", "scan"] {
        let r = p2plog(&[command, &name, "--fail-on", "actionable"])
            .args(["--allow", "swarm.*", "--allow", "kad.*"])
            .output()
            .unwrap();
        let r: Run = r.into();
        assert_eq!(r.code, 2, "{command}: {}", r.stderr);
        assert!(!r.stdout.contains("NeverConnected"), "{command}");
        assert!(
            !r.stderr.contains("NeverConnected"),
            "{command}: {}",
            r.stderr
        );
    }
    std::fs::remove_dir_all(dir).unwrap();
}
