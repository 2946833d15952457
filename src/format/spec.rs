//! The schema of `grammars/formats/*.json` (one definition: these serde types,
//! `deny_unknown_fields` everywhere) and loading the files, built in or from
//! a `--grammars` folder, with errors that name the file, the JSON path and
//! the problem. `grammars/README.md` documents every field in prose.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

/// One log line format.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FormatSpec {
    /// The JSON Schema the file follows (for editors; not used here).
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    /// Lower-case words joined by `-`; unique.
    pub id: String,
    pub title: String,
    pub description: String,
    /// Where the format is defined.
    #[serde(default)]
    pub url: Option<String>,
    /// When several formats fit a line, the lowest priority wins (ties: id).
    pub priority: u32,
    /// A regex anchored at the start of the line, with named captures among
    /// `time`, `level`, `target`, `spans`, `node`, `message`. Without a
    /// `message` capture, the message is the rest of the line after the match.
    #[serde(default)]
    pub regex: Option<String>,
    /// More regexes after `regex`, each matched where the one before ended
    /// (a header read in pieces: the regex crate's fastest engine, one-pass,
    /// takes only a regex with no choice left open at any byte).
    #[serde(default)]
    pub then: Vec<PieceSpec>,
    /// Instead of `regex`: the line is a JSON object with these keys.
    #[serde(default)]
    pub json: Option<JsonSpec>,
    /// The message is itself a line in another (non-prefix) format, as behind
    /// docker compose's `node-3  | ` or journald's `host ident[pid]: `.
    #[serde(default)]
    pub prefix: bool,
    /// Behind this prefix, the line may start with the prefix's own RFC 3339
    /// time stamp and a space (`docker compose logs --timestamps`): when the
    /// line does not read in any format as it is, it is read after the stamp,
    /// which is its time unless the line has its own.
    #[serde(default)]
    pub inner_timestamps: bool,
    /// Text after the message of the form `key=value key2=value2` is split
    /// off into fields (tracing's fmt output, `log` records from tracing).
    #[serde(default)]
    pub trailing_fields: bool,
    /// Text after the message of the form `, key: value, key2: value2` is
    /// split off into fields (tracing's pretty format).
    #[serde(default)]
    pub comma_fields: bool,
    /// The lines after an event indented by four spaces that start `at `,
    /// `on ` or `in ` belong to it (tracing's pretty format writes the
    /// source location, thread and spans there); the node is a
    /// `span_node_keys` field of the outermost `in` span that has one.
    #[serde(default)]
    pub trailer: bool,
    /// Every line after one of this format indented by four spaces or more
    /// belongs to it (p2plog's own explanation lines).
    #[serde(default)]
    pub indented_trailer: bool,
    /// Span fields naming the node, in order of preference (`name`, `node`).
    #[serde(default)]
    pub span_node_keys: Vec<String>,
    /// Event fields naming the node, in order of preference; the last
    /// occurrence counts (tracing's compact format appends span fields).
    #[serde(default)]
    pub field_node_keys: Vec<String>,
    /// Real lines in this format and what each must yield.
    pub samples: Vec<Sample>,
}

/// One regex of `then`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PieceSpec {
    /// Rust regex, not anchored with `^` (it is anchored where the regex
    /// before it ended); named captures as for `regex`.
    pub regex: String,
    /// Skipped when it does not match, or when the pieces after it do not
    /// match after it.
    #[serde(default)]
    pub optional: bool,
}

/// The keys of a JSON log line (tracing-subscriber's `fmt().json()`).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct JsonSpec {
    pub time: String,
    pub level: String,
    pub target: String,
    /// The object holding the event's fields (absent when flattened).
    pub fields: String,
    /// The message, inside `fields` or at the top level.
    pub message: String,
    /// The list of entered spans, outermost first: objects whose last `name`
    /// is the span's name and whose other keys are its fields.
    pub spans: String,
}

/// A sample line and what it must yield.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Sample {
    /// The line exactly as in `source` (escape sequences included).
    pub line: String,
    /// The file under `fixtures/` the line was copied from, or for a format
    /// no fixture is written in, the document that defines it.
    pub source: String,
    pub yields: Yields,
}

/// The fields a sample must yield; an absent one must be absent.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Yields {
    /// For prefix formats: the format of the inner line.
    #[serde(default)]
    pub inner: Option<String>,
    #[serde(default)]
    pub time: Option<String>,
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub spans: Option<String>,
    #[serde(default)]
    pub node: Option<String>,
    pub message: String,
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
}

/// A grammar file that cannot be used: which file, where in it, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {}{problem}", if .path.is_empty() { String::new() } else { format!("at `{}`: ", .path) })]
pub struct GrammarError {
    pub file: String,
    /// A JSON path such as `samples[2].yields.level`; empty for the file itself.
    pub path: String,
    pub problem: String,
}

impl GrammarError {
    pub fn new(file: &str, path: impl Into<String>, problem: impl Into<String>) -> Self {
        GrammarError {
            file: file.to_owned(),
            path: path.into(),
            problem: problem.into(),
        }
    }
}

/// Parses one format file's text; `file` names it in errors.
pub fn parse_spec(file: &str, text: &str) -> Result<FormatSpec, GrammarError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|err| {
        // `?` stands for a key the parser had not read yet (a syntax error);
        // the message has the line and column then.
        let path = err.path().to_string();
        let path = path.trim_end_matches('?').trim_end_matches('.');
        GrammarError::new(file, path, err.into_inner().to_string())
    })
}

/// The built-in formats, `grammars/formats/*.json` compiled into the binary,
/// each with its file name.
pub fn builtin_specs() -> Result<Vec<(String, FormatSpec)>, GrammarError> {
    crate::grammars::GRAMMARS
        .iter()
        .filter(|(path, _)| path.starts_with("formats/") && path.ends_with(".json"))
        .map(|(path, text)| {
            let file = format!("grammars/{path}");
            parse_spec(&file, text).map(|spec| (file, spec))
        })
        .collect()
}

/// The formats of a `--grammars DIR` folder: `DIR/formats/*.json`, in name
/// order. A missing `DIR`, or one without `formats/` (`--grammars
/// mine/formats` names the folder below), is an error.
pub fn dir_specs(dir: &Path) -> Result<Vec<(String, FormatSpec)>, GrammarError> {
    let shown = dir.display().to_string();
    if !dir.is_dir() {
        return Err(GrammarError::new(&shown, "", "not a folder"));
    }
    let formats = dir.join("formats");
    if !formats.is_dir() {
        let hint = if dir.file_name().is_some_and(|n| n == "formats") {
            let above = dir.parent().filter(|p| !p.as_os_str().is_empty());
            let above = above.map_or(".".to_owned(), |p| p.display().to_string());
            format!(": give the folder that holds it, `{above}`")
        } else {
            String::new()
        };
        return Err(GrammarError::new(
            &shown,
            "",
            format!("has no `formats/` folder (p2plog reads DIR/formats/*.json){hint}"),
        ));
    }
    let listing = std::fs::read_dir(&formats)
        .map_err(|e| GrammarError::new(&formats.display().to_string(), "", e.to_string()))?;
    let mut paths: Vec<_> = listing
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let file = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .map_err(|e| GrammarError::new(&file, "", e.to_string()))?;
            parse_spec(&file, &text).map(|spec| (file, spec))
        })
        .collect()
}
