//! The real fixtures (fixtures/README.md): every event line a truth file lists
//! parses with the Debug parser, in every line format, and its value names
//! the event the truth file says was logged.

use std::io::Read;
use std::path::{Path, PathBuf};

use p2plog::debugfmt::{self, Kind};

use crate::util::path;

/// One record of a `.truth.jsonl` file (schema: fixtures/README.md).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // read for the schema check; not every field is asserted here
pub struct Truth {
    pub line: u64,
    pub end_line: u64,
    pub node: String,
    pub protocol: String,
    pub variant: Vec<String>,
    pub connected_peers: u64,
    pub routing_table: Option<u64>,
    pub kad_mode: Option<String>,
    pub query: Option<serde_json::Value>,
}

/// Reads a fixture file, gunzipping `.gz` files.
pub fn read(file: &Path) -> String {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    if file.extension().is_some_and(|e| e == "gz") {
        let mut text = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .unwrap();
        text
    } else {
        String::from_utf8(bytes).unwrap()
    }
}

/// Every (log, truth) pair under fixtures/, sorted.
pub fn pairs() -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for dir in std::fs::read_dir(path("fixtures")).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() || dir.ends_with("generator") {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap() {
            let truth = file.unwrap().path();
            let name = truth.file_name().unwrap().to_string_lossy().into_owned();
            if let Some(stem) = name
                .strip_suffix(".truth.jsonl")
                .or(name.strip_suffix(".truth.jsonl.gz"))
            {
                let gz = if name.ends_with(".gz") { ".gz" } else { "" };
                out.push((dir.join(format!("{stem}.log{gz}")), truth));
            }
        }
    }
    out.sort();
    assert!(out.len() >= 40, "fixtures went missing: {}", out.len());
    out
}

pub fn truths(file: &Path) -> Vec<Truth> {
    read(file)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}: {l}", file.display())))
        .collect()
}

/// The message text of a physical line, decoded just enough for this test:
/// ANSI colours stripped, a compose prefix cut, tracing JSON's message taken.
pub fn message(format: &str, line: &str) -> String {
    static ANSI: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new("\x1b\\[[0-9;]*m").unwrap());
    let line = ANSI.replace_all(line, "");
    match format {
        "compose" => line
            .split_once(" | ")
            .map_or(line.to_string(), |(_, rest)| rest.to_owned()),
        "tracing-json" => {
            let v: serde_json::Value = serde_json::from_str(&line).unwrap();
            v["fields"]["message"].as_str().unwrap_or("").to_owned()
        }
        _ => line.into_owned(),
    }
}

/// Whether a kind is one of kad's events or query results: not its log
/// lines (`kad.log.*`) nor an API error the app logged (`kad.NoKnownPeers`,
/// `kad.store.Error.*`: `api` truths), which grammars/messages/ describe.
pub fn is_kad_event(kind: &str) -> bool {
    kind.starts_with("kad.")
        && !kind.starts_with("kad.log.")
        && !kind.starts_with("kad.store.")
        && kind != "kad.NoKnownPeers"
}

/// The kind id a truth record's variant path stands for.
pub fn kad_kind(variant: &[String]) -> String {
    let v: Vec<&str> = variant
        .iter()
        .map(String::as_str)
        .filter(|s| *s != "Behaviour")
        .collect();
    match v.as_slice() {
        ["OutboundQueryProgressed", query, "Ok", ok, ..] if ok.ends_with("Ok") => {
            format!("kad.{query}.Ok")
        }
        ["OutboundQueryProgressed", query, _, outcome, ..] => format!("kad.{query}.{outcome}"),
        [event, rest @ ..] => std::iter::once(*event)
            .chain(rest.iter().copied())
            .fold("kad".to_owned(), |k, p| k + "." + p),
        [] => String::new(),
    }
}

/// The event name the truth's variant path says was logged.
fn logged_name(variant: &[String]) -> &str {
    match variant {
        [first, second, ..] if first == "Behaviour" => second,
        [first, ..] => first,
        [] => "",
    }
}

#[test]
fn every_truth_event_parses_in_every_format() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (log, truth) in pairs() {
        let format = log
            .file_name()
            .unwrap()
            .to_string_lossy()
            .split('.')
            .next()
            .unwrap()
            .to_owned();
        let text = read(&log);
        let lines: Vec<&str> = text.lines().collect();
        for t in truths(&truth) {
            assert!(
                t.line >= 1 && t.end_line >= t.line && t.end_line as usize <= lines.len(),
                "{}: {t:?}",
                log.display()
            );
            if t.protocol == "api" || t.protocol == "display" {
                // API return values, and errors printed with `Display`, are
                // the app's own words, not Debug events
                continue;
            }
            let body: Vec<String> = lines[t.line as usize - 1..t.end_line as usize]
                .iter()
                .map(|l| message(&format, l))
                .collect();
            let body = body.join("\n");
            let found = debugfmt::find(&body);
            let want = logged_name(&t.variant);
            let ok = found.iter().filter_map(|f| f.value.as_ref().ok()).any(|v| {
                let (inner, _) = p2plog::event::unwrap(v);
                let shaped = matches!(
                    inner.kind,
                    Kind::Struct { .. } | Kind::Tuple { .. } | Kind::Unit(_)
                );
                shaped && (inner.name() == Some(want) || v.name() == Some(want))
            });
            if !ok {
                failures.push(format!("{}:{} wants {want}: {body}", log.display(), t.line));
            }
            checked += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} events not parsed:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
    assert!(checked > 5000, "only {checked} events checked");
}

/// fixtures/README.md is written by `generator post` from its template: a
/// change to the template that was not regenerated (the DNS transport of
/// display-errors' node-3 went unmentioned so) leaves a line of the template
/// missing from the README.
#[test]
fn fixtures_readme_follows_its_template() {
    let template = read(&path("fixtures/generator/README.in.md"));
    let readme = read(&path("fixtures/README.md"));
    let mut rest = readme.as_str();
    for line in template.lines().filter(|l| !l.contains("{{")) {
        match rest.find(line) {
            Some(at) => rest = &rest[at + line.len()..],
            None => panic!(
                "fixtures/README.md lacks, or has out of order, this template line \
                 (run `generator post fixtures`):\n{line}"
            ),
        }
    }
}
