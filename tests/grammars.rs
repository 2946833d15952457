//! The data in grammars/formats/ checks itself: every file loads with
//! `deny_unknown_fields`, every sample is read as its own format and yields
//! exactly the fields it declares, and every sample line was copied verbatim
//! from a fixture (the one exemption is named below and checked too).

use std::collections::{BTreeSet, HashSet};

use p2plog::format::{Formats, PLAIN};
use p2plog::grammars::GRAMMARS;

use crate::{fixtures, util};

/// Formats no fixture is written in, and the document their samples follow.
/// No fixture is captured through journald: its samples follow the format of
/// `journalctl -o short` as journalctl(1) describes it.
const SAMPLES_NOT_FROM_FIXTURES: &[(&str, &str)] = &[
    ("journald-short", "journalctl(1) -o short"),
    // no fixture runs a Substrate node: lines a user pasted
    (
        "substrate",
        "users' pasted logs: paritytech/subxt PR 1533, paritytech/cumulus issue 312, Darwinia's collator guide",
    ),
];

/// The ids every build must have: the formats issue 6 asks for, p2plog's
/// own explanation lines, and Substrate's.
const REQUIRED: [&str; 12] = [
    "docker-compose",
    "env-logger",
    "journald-short",
    "p2plog",
    PLAIN,
    "pretty-env-logger",
    "substrate",
    "tag",
    "tracing-fmt-compact",
    "tracing-fmt-full",
    "tracing-fmt-pretty",
    "tracing-json",
];

#[test]
fn every_format_file_loads_and_the_required_formats_exist() {
    let formats = Formats::builtin().unwrap_or_else(|e| panic!("{e}"));
    let ids: BTreeSet<&str> = formats.iter().map(|f| f.spec.id.as_str()).collect();
    assert_eq!(ids, REQUIRED.into_iter().collect());
    for f in formats.iter() {
        assert_eq!(
            f.file,
            format!("grammars/formats/{}.json", f.spec.id),
            "file named after its id"
        );
        assert_eq!(
            f.spec.schema.as_deref(),
            Some("../schema/format.schema.json")
        );
        assert!(!f.spec.title.is_empty() && !f.spec.description.is_empty());
    }
}

#[test]
fn every_sample_yields_its_declared_fields() {
    let formats = Formats::builtin().unwrap();
    let errors: Vec<String> = formats
        .iter()
        .flat_map(|f| formats.check_samples(&f.spec.id))
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "\n{}", errors.join("\n"));
}

#[test]
fn every_sample_line_occurs_verbatim_in_its_fixture() {
    let formats = Formats::builtin().unwrap();
    let all_lines = all_fixture_lines();
    let mut missing = Vec::new();
    for f in formats.iter() {
        let exempt = SAMPLES_NOT_FROM_FIXTURES
            .iter()
            .find(|(id, _)| *id == f.spec.id);
        for (k, sample) in f.spec.samples.iter().enumerate() {
            let at = format!("{}: samples[{k}]", f.file);
            if let Some((_, document)) = exempt {
                assert_eq!(
                    sample.source, *document,
                    "{at}: an exempt format's samples name its document"
                );
                assert!(
                    !all_lines.contains(&sample.line),
                    "{at}: the line is in a fixture after all: take it off the exemption list"
                );
                continue;
            }
            // p2plog's own output: the source is the command that wrote it
            let text = if let Some(args) = sample.source.strip_prefix("p2plog ") {
                let args: Vec<&str> = args.split(' ').collect();
                assert!(
                    args.iter().any(|a| a.starts_with("fixtures/")),
                    "{at}: {} reads no fixture",
                    sample.source
                );
                util::run(&args).stdout
            } else {
                let path = util::path(&sample.source);
                assert!(
                    sample.source.starts_with("fixtures/"),
                    "{at}: source {} is neither a fixture nor a p2plog command",
                    sample.source
                );
                if path.exists() {
                    fixtures::read(&path)
                } else {
                    String::new()
                }
            };
            if !text.lines().any(|l| l == sample.line) {
                missing.push(format!("{at}: not a line of {}", sample.source));
            }
        }
    }
    assert!(missing.is_empty(), "\n{}", missing.join("\n"));
}

/// Every line of every fixture log.
fn all_fixture_lines() -> HashSet<String> {
    let texts: Vec<String> = fixtures::pairs()
        .iter()
        .map(|(log, _)| fixtures::read(log))
        .collect();
    texts
        .iter()
        .flat_map(|t| t.lines().map(str::to_owned))
        .collect()
}

#[test]
fn the_exemptions_name_real_formats() {
    let formats = Formats::builtin().unwrap();
    for (id, _) in SAMPLES_NOT_FROM_FIXTURES {
        assert!(
            formats.get(id).is_some(),
            "{id} is exempt but does not exist"
        );
    }
}

#[test]
fn the_schema_lists_exactly_the_fields_the_loader_accepts() {
    let schema = GRAMMARS
        .iter()
        .find(|(path, _)| *path == "schema/format.schema.json")
        .expect("grammars/schema/format.schema.json exists")
        .1;
    let schema: serde_json::Value = serde_json::from_str(schema).unwrap();
    let keys = |v: &serde_json::Value| -> BTreeSet<String> {
        v["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    // Every property of every sample file is in the schema, and the
    // schema has no property the loader would refuse.
    let top = keys(&schema);
    for (path, text) in GRAMMARS.iter().filter(|(p, _)| p.starts_with("formats/")) {
        let file: serde_json::Value = serde_json::from_str(text).unwrap();
        for key in file.as_object().unwrap().keys() {
            assert!(top.contains(key), "{path}: `{key}` is not in the schema");
        }
    }
    let expected: BTreeSet<String> = [
        "$schema",
        "id",
        "title",
        "description",
        "url",
        "priority",
        "regex",
        "then",
        "json",
        "prefix",
        "inner_timestamps",
        "trailing_fields",
        "comma_fields",
        "trailer",
        "indented_trailer",
        "span_node_keys",
        "field_node_keys",
        "samples",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(top, expected);
}
