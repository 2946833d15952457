//! `p2plog formats`: the list, `--detect` on every kind of fixture, and
//! `--grammars` with good and bad user format files.

use std::path::PathBuf;

use crate::util::run;

/// The format each fixture file name is written in.
const FIXTURE_FORMATS: &[(&str, &str)] = &[
    ("tag", "tag"),
    ("envlogger", "env-logger"),
    ("pretty", "env-logger"),
    ("tracing-full", "tracing-fmt-full"),
    ("tracing-compact", "tracing-fmt-compact"),
    ("tracing-json", "tracing-json"),
    ("compose", "docker-compose"),
];

/// A fresh folder under the system's temp dir.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("p2plog-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("formats")).unwrap();
    dir
}

#[test]
fn formats_lists_every_format_with_its_title() {
    let r = run(&["formats"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for id in [
        "tracing-json",
        "tracing-fmt-full",
        "env-logger",
        "docker-compose",
        "journald-short",
        "tag",
        "plain",
    ] {
        assert!(
            r.stdout.lines().any(|l| l.starts_with(id)),
            "{id} missing:\n{}",
            r.stdout
        );
    }
    assert!(
        r.stdout.contains("docker compose log prefix"),
        "{}",
        r.stdout
    );
}

#[test]
fn detect_names_the_format_of_every_fixture_kind() {
    for scenario in ["pair", "cluster25"] {
        for (file, id) in FIXTURE_FORMATS {
            let plain = format!("fixtures/{scenario}/{file}.log");
            let path = if crate::util::path(&plain).exists() {
                plain
            } else {
                format!("{plain}.gz")
            };
            let r = run(&["formats", "--detect", &path]);
            assert_eq!(r.code, 0, "{path}: {}", r.stderr);
            let first = r.stdout.lines().next().unwrap_or("");
            assert_eq!(first, format!("{path}: {id}"), "{}", r.stdout);
            assert!(
                r.stdout.contains(&format!("  {id}: "))
                    && r.stdout.contains("lines matched; first match line 1"),
                "{}",
                r.stdout
            );
        }
    }
}

#[test]
fn detect_explains_continuation_lines_and_prefixes() {
    let r = run(&[
        "formats",
        "--detect",
        "fixtures/pair/pretty.log",
        "fixtures/pair/compose.log",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("lines matched no format (continuation lines"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("behind the prefix: tracing-fmt-full"),
        "{}",
        r.stdout
    );
}

#[test]
fn detect_of_a_missing_file_is_an_input_error() {
    let r = run(&["formats", "--detect", "fixtures/no-such.log"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("fixtures/no-such.log: no such file"),
        "{}",
        r.stderr
    );
}

const GOOD: &str = r#"{
  "id": "my-app",
  "title": "my app",
  "description": "lines like `<node-1> INFO hello`",
  "priority": 5,
  "regex": "^<(?P<node>[\\w-]+)> (?P<level>[A-Z]+) ",
  "samples": [
    {"line": "<node-1> INFO hello", "source": "my app's README", "yields": {"node": "node-1", "level": "INFO", "message": "hello"}}
  ]
}"#;

#[test]
fn a_user_format_is_listed_and_used() {
    let dir = temp_dir("good");
    std::fs::write(dir.join("formats/my-app.json"), GOOD).unwrap();
    std::fs::write(dir.join("app.log"), "<node-1> INFO a\n<node-2> WARN b\n").unwrap();
    let grammars = dir.to_str().unwrap();
    let r = run(&["--grammars", grammars, "formats"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("my-app"), "{}", r.stdout);
    let log = dir.join("app.log");
    let r = run(&[
        "formats",
        "--grammars",
        grammars,
        "--detect",
        log.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("my-app: 2 of 2 lines matched"),
        "{}",
        r.stdout
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// Found by the review of hostile inputs: a user format's title was printed
/// with its line break raw, so it could start a line of its own.
#[test]
fn a_user_format_s_title_is_shown_on_one_line() {
    let dir = temp_dir("title");
    let format = GOOD.replace(
        r#""title": "my app""#,
        r#""title": "my app\n::error::x\u001b[2J""#,
    );
    std::fs::write(dir.join("formats/my-app.json"), format).unwrap();
    let r = run(&["--grammars", dir.to_str().unwrap(), "formats"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(r"my app\n::error::x\x1b[2J"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.lines().any(|l| l.trim_start().starts_with("::")),
        "{}",
        r.stdout
    );
}

#[test]
fn bad_user_formats_exit_2_naming_the_file_and_the_json_path() {
    let cases = [
        (
            "typo",
            GOOD.replace(r#""level": "INFO""#, r#""levle": "INFO""#),
            "at `samples[0].yields.levle`: unknown field `levle`",
        ),
        (
            "regex",
            GOOD.replace("(?P<level>", "(?P<level"),
            "at `regex`: ",
        ),
        (
            "sample",
            GOOD.replace(r#""message": "hello""#, r#""message": "bye""#),
            "at `samples[0].yields.message`: expected \"bye\", got \"hello\"",
        ),
        (
            "json",
            GOOD.replace("\"priority\": 5,", "\"priority\": 5"),
            "expected `,` or `}` at line 6 column 3",
        ),
        (
            "duplicate",
            GOOD.replace("my-app", "plain"),
            "at `id`: format id `plain` is already defined in grammars/formats/plain.json",
        ),
    ];
    for (name, text, problem) in cases {
        let dir = temp_dir(name);
        let file = dir.join("formats/mine.json");
        std::fs::write(&file, text).unwrap();
        let r = run(&["--grammars", dir.to_str().unwrap(), "formats"]);
        assert_eq!(r.code, 2, "{name}: {}", r.stdout);
        let want = format!("p2plog: {}: {problem}", file.display());
        assert!(
            r.stderr.starts_with(&want),
            "{name}:\n{}\nwanted\n{want}",
            r.stderr
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn a_missing_grammars_folder_is_an_error() {
    let r = run(&["--grammars", "no/such/dir", "formats"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no/such/dir: not a folder"),
        "{}",
        r.stderr
    );
}

/// Found by a review: `docker compose logs --timestamps` puts docker's own
/// RFC 3339 stamp before each service line, and the line behind it was
/// read as plain text: no level, target or time, libp2p's WARN lines not
/// reported. A line with a time of its own keeps it; one without (line 7)
/// takes docker's; a `{:#?}` event's lines, each stamped, still join.
#[test]
fn docker_compose_timestamps_hid_the_line_behind_them() {
    let log = "\
a  | 2026-11-24T09:55:43.609036Z 2026-11-24T09:55:43.609036Z  INFO swarm{node=a}: generator: NewListenAddr {
a  | 2026-11-24T09:55:43.609037Z     listener_id: ListenerId(
a  | 2026-11-24T09:55:43.609037Z         1,
a  | 2026-11-24T09:55:43.609037Z     ),
a  | 2026-11-24T09:55:43.609037Z     address: /ip4/127.0.0.1/tcp/22600,
a  | 2026-11-24T09:55:43.609037Z }
b  | 2026-11-24T09:55:44.1Z ConnectionClosed { peer_id: PeerId(\"12D3KooWDQC3CsUTjqC9hn6mtouqisPzphVTym8sdRhaVkL6xzrH\"), connection_id: ConnectionId(1), endpoint: Dialer { address: /ip4/127.0.0.1/tcp/1, role_override: Dialer, port_use: Reuse }, num_established: 0, cause: None }
b  | 2026-11-24T09:55:44.2+02:00 2026-11-24T09:55:58.281533Z  WARN libp2p_swarm: Some new warning
";
    let r = crate::util::run_with_stdin(&["scan", "--format", "json"], log.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let events: Vec<(u64, u64, String, String)> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or("").to_owned();
            (
                e["line"].as_u64().unwrap(),
                e["end_line"].as_u64().unwrap(),
                s("kind"),
                s("time"),
            )
        })
        .collect();
    let want = [
        (1, 6, "swarm.NewListenAddr", "2026-11-24T09:55:43.609036Z"),
        (7, 7, "swarm.ConnectionClosed", "2026-11-24T09:55:44.1Z"),
        (
            8,
            8,
            "unknown.log.libp2p_swarm",
            "2026-11-24T09:55:58.281533Z",
        ),
    ];
    let want: Vec<(u64, u64, String, String)> = want
        .iter()
        .map(|&(a, b, k, t)| (a, b, k.to_owned(), t.to_owned()))
        .collect();
    assert_eq!(events, want);
}

/// Found by a review: `--grammars mine/formats` (the folder below the
/// one to give) loaded nothing, silently.
#[test]
fn a_grammars_folder_without_formats_was_silently_empty() {
    let r = run(&["--grammars", "grammars/formats", "formats"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr.contains(
            "grammars/formats: has no `formats/` folder (p2plog reads DIR/formats/*.json): \
             give the folder that holds it, `grammars`"
        ),
        "{}",
        r.stderr
    );
    // from inside `grammars`: the folder above is `.`
    let bin = env!("CARGO_BIN_EXE_p2plog");
    let r = crate::util::shell(&format!("cd grammars && {bin} --grammars formats formats"));
    assert!(
        r.stderr.ends_with("give the folder that holds it, `.`\n"),
        "{}",
        r.stderr
    );
}

#[test]
fn docker_service_logs_name_the_task_as_the_node() {
    // `docker service logs` (swarm mode) prefixes `service.replica.task@host`:
    // lines from a public README's three-node run (libp2p 0.54)
    let log = "\
p2p_bootstrap.1.rdkrdx1epd5q@nixos    | 2024-12-15T14:34:09.839379Z  INFO libp2p_swarm: local_peer_id=12D3KooWKLEBQhKoiGeQG4svMKaPaLEjSDFwPBDgbD7t8qiax5wY
p2p_bootstrap.1.rdkrdx1epd5q@nixos    | 2024-12-15T14:34:10.341057Z  WARN libp2p_kad::behaviour: Failed to trigger bootstrap: No known peers.
";
    let r = crate::util::run_with_stdin(&["scan", "--format", "json"], log.as_bytes());
    for (line, kind) in r
        .stdout
        .lines()
        .zip(["swarm.log.LocalPeerId", "kad.log.NoKnownPeers"])
    {
        let e: p2plog::render::json::EventJson = serde_json::from_str(line).unwrap();
        assert_eq!(e.kind, kind);
        assert_eq!(
            e.node.as_deref(),
            Some("p2p_bootstrap.1.rdkrdx1epd5q@nixos")
        );
    }
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
}

#[test]
fn a_substrate_node_s_libp2p_warning_has_its_time_and_target() {
    // paritytech/substrate issue 13266: the node's own line, without the log
    // viewer's columns around it in the paste
    let line = "2023-01-29 08:26:23.804  WARN tokio-runtime-worker libp2p_kad::handler: New inbound substream to PeerId(\"12D3KooWEFGpfavsT8q2pRYkcRnZzLziwNnmH3ZG4wpw8BZgU5QR\") exceeds inbound substream limit. No older substream waiting to be reused. Dropping new substream.\n";
    let r = crate::util::run_with_stdin(&["scan", "--format", "json"], line.as_bytes());
    let e: p2plog::render::json::EventJson = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(e.kind, "kad.log.InboundStreamDropped");
    assert_eq!(e.time.as_deref(), Some("2023-01-29 08:26:23.804"));
}

/// Found by the live review: `tracing_subscriber::fmt().with_thread_ids(true)`
/// (`INFO ThreadId(01) swarm{node=node-1}: …`) made every line "plain": node
/// and time were lost, and each line got an `unknown.ThreadId` event. The
/// two logs are one real node's (libp2p 0.57.1), run with and without ids.
#[test]
fn thread_ids_made_tracing_lines_plain() {
    let events = |name: &str| -> Vec<(String, Option<String>)> {
        let file = format!("tests/data/thread-options/{name}.log");
        let detect = run(&["formats", "--detect", &file]);
        assert!(
            detect
                .stdout
                .contains("tracing-fmt-full: 29 of 29 lines matched"),
            "{}",
            detect.stdout
        );
        let r = run(&["scan", &file, "--format", "json"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        (r.stdout.lines())
            .map(|l| serde_json::from_str::<p2plog::render::json::EventJson>(l).unwrap())
            .map(|e| (e.kind, e.node))
            .collect()
    };
    let default = events("default");
    assert!(default
        .iter()
        .all(|(_, node)| node.as_deref() == Some("node-1")));
    assert_eq!(events("tids"), default);
}
