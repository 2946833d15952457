//! [`Formats`]: the format specs, checked and compiled once (each regex is
//! built here and never per line), in the order they are tried.

use std::path::Path;

use regex::RegexSet;
use regex_automata::dfa::onepass;
use regex_automata::meta::Regex;
use regex_automata::PatternID;

use super::spec::{self, FormatSpec, GrammarError, JsonSpec};

/// The id of the fallback format: the whole line is the message.
pub const PLAIN: &str = "plain";

/// The capture names a format regex may use.
pub const CAPTURES: [&str; 6] = ["time", "level", "target", "spans", "node", "message"];

/// Every known format, compiled, sorted by priority then id.
#[derive(Clone, Debug)]
pub struct Formats {
    formats: Vec<Format>,
    plain: usize,
    /// Every format but `plain` at once (JSON ones by their opening `{`): a
    /// line none of them can start, such as a continuation line of a
    /// multi-line event, is plain after one pass of one automaton.
    any: RegexSet,
}

/// One compiled format.
#[derive(Clone, Debug)]
pub struct Format {
    pub spec: FormatSpec,
    /// The file it was read from (`grammars/formats/env-logger.json`).
    pub file: String,
    pub(crate) matcher: Matcher,
}

impl Format {
    /// Whether lines of this format are JSON objects.
    pub fn is_json(&self) -> bool {
        matches!(self.matcher, Matcher::Json(_))
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Matcher {
    /// `regex` and the `then` pieces, in order, and where each capture is.
    Regex(Vec<Piece>, Groups),
    Json(JsonSpec),
}

/// One regex of a format: `regex`, anchored at the start of the line, or one
/// of `then`, anchored where the one before it ended.
#[derive(Clone, Debug)]
pub(crate) struct Piece {
    pub regex: Regex,
    /// The same regex as a one-pass DFA, when it is one (every shipped
    /// format's pieces but `tag`'s). Every line runs its format's pieces, and
    /// the meta regex would choose this engine anyway for an anchored search:
    /// asked directly, it skips the meta layer's checks and cache pool.
    pub onepass: Option<onepass::DFA>,
    pub optional: bool,
}

/// Where each capture of a format is: (piece, group index in that piece).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Groups {
    pub time: Option<(usize, usize)>,
    pub level: Option<(usize, usize)>,
    pub target: Option<(usize, usize)>,
    pub spans: Option<(usize, usize)>,
    pub node: Option<(usize, usize)>,
    pub message: Option<(usize, usize)>,
}

/// How many `then` pieces a format may have (optional ones are tried both
/// ways, so the cost of a line that does not fit grows with their number).
pub const MAX_PIECES: usize = 4;

impl Formats {
    /// The built-in formats.
    pub fn builtin() -> Result<Formats, GrammarError> {
        Formats::compile(spec::builtin_specs()?)
    }

    /// The built-in formats plus those of a `--grammars` folder, whose
    /// samples are checked too (a user's format must do what it claims).
    pub fn load(grammars: Option<&Path>) -> Result<Formats, GrammarError> {
        let mut specs = spec::builtin_specs()?;
        let builtin = specs.len();
        if let Some(dir) = grammars {
            specs.extend(spec::dir_specs(dir)?);
        }
        let user: Vec<String> = specs[builtin..].iter().map(|(_, s)| s.id.clone()).collect();
        let formats = Formats::compile(specs)?;
        for id in &user {
            if let Some(err) = formats.check_samples(id).into_iter().next() {
                return Err(err);
            }
        }
        Ok(formats)
    }

    /// Checks and compiles `(file, spec)` pairs.
    pub fn compile(specs: Vec<(String, FormatSpec)>) -> Result<Formats, GrammarError> {
        let mut formats = Vec::with_capacity(specs.len());
        for (file, spec) in specs {
            if let Some(other) = formats.iter().find(|f: &&Format| f.spec.id == spec.id) {
                let problem = format!(
                    "format id `{}` is already defined in {}",
                    spec.id, other.file
                );
                return Err(GrammarError::new(&file, "id", problem));
            }
            formats.push(compile_one(file, spec)?);
        }
        formats.sort_by(|a, b| (a.spec.priority, &a.spec.id).cmp(&(b.spec.priority, &b.spec.id)));
        let plain = formats
            .iter()
            .position(|f| f.spec.id == PLAIN)
            .ok_or_else(|| {
                GrammarError::new("grammars/formats", "", "the `plain` format is missing")
            })?;
        if formats[plain].spec.regex.as_deref() != Some("^") {
            let file = &formats[plain].file;
            return Err(GrammarError::new(
                file,
                "regex",
                "the `plain` format's regex must be `^`",
            ));
        }
        let patterns =
            formats
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != plain)
                .map(|(_, f)| match &f.matcher {
                    Matcher::Regex(..) => f.spec.regex.as_deref().unwrap_or("^"),
                    Matcher::Json(_) => r"^\s*\{",
                });
        let any = RegexSet::new(patterns)
            .map_err(|e| GrammarError::new("grammars/formats", "regex", e.to_string()))?;
        Ok(Formats {
            formats,
            plain,
            any,
        })
    }

    /// The formats in the order they are tried.
    pub fn iter(&self) -> impl Iterator<Item = &Format> {
        self.formats.iter()
    }

    pub fn get(&self, id: &str) -> Option<&Format> {
        self.formats.iter().find(|f| f.spec.id == id)
    }

    pub fn len(&self) -> usize {
        self.formats.len()
    }

    pub fn is_empty(&self) -> bool {
        self.formats.is_empty()
    }

    pub(crate) fn at(&self, index: usize) -> &Format {
        &self.formats[index]
    }

    pub(crate) fn plain(&self) -> usize {
        self.plain
    }

    /// Whether any format but `plain` could fit `text`.
    pub(crate) fn may_fit(&self, text: &str) -> bool {
        self.any.is_match(text)
    }
}

fn compile_one(file: String, spec: FormatSpec) -> Result<Format, GrammarError> {
    let fail = |path: &str, problem: String| Err(GrammarError::new(&file, path, problem));
    let id_ok = !spec.id.is_empty()
        && spec.id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if !id_ok {
        return fail(
            "id",
            format!("`{}` is not lower-case words joined by `-`", spec.id),
        );
    }
    if spec.samples.is_empty() {
        return fail("samples", "a format needs at least one sample line".into());
    }
    if !spec.then.is_empty() && spec.regex.is_none() {
        return fail("then", "`then` continues a `regex`".into());
    }
    if spec.then.len() > MAX_PIECES {
        return fail("then", format!("at most {MAX_PIECES} pieces"));
    }
    let matcher = match (&spec.regex, &spec.json) {
        (Some(pattern), None) => {
            if !pattern.starts_with('^') {
                return fail(
                    "regex",
                    "the regex must be anchored at the start of the line (`^…`)".into(),
                );
            }
            let mut pieces = Vec::new();
            let mut groups = Groups::default();
            let then = spec.then.iter().map(|p| (p.regex.as_str(), p.optional));
            for (k, (pattern, optional)) in std::iter::once((pattern.as_str(), false))
                .chain(then)
                .enumerate()
            {
                let path = if k == 0 {
                    "regex".to_owned()
                } else {
                    format!("then[{}].regex", k - 1)
                };
                if k > 0 && pattern.starts_with('^') {
                    return fail(
                        &path,
                        "a piece is anchored where the one before it ended: no `^`".into(),
                    );
                }
                let regex = match Regex::new(pattern) {
                    Ok(regex) => regex,
                    Err(err) => return fail(&path, err.to_string()),
                };
                add_groups(&mut groups, &regex, k)
                    .map_err(|problem| GrammarError::new(&file, &path, problem))?;
                let onepass = onepass::DFA::new(pattern).ok();
                pieces.push(Piece {
                    regex,
                    onepass,
                    optional,
                });
            }
            Matcher::Regex(pieces, groups)
        }
        (None, Some(json)) if !spec.prefix => Matcher::Json(json.clone()),
        (None, Some(_)) => return fail("prefix", "a JSON format cannot be a prefix format".into()),
        _ => return fail("", "give exactly one of `regex` and `json`".into()),
    };
    Ok(Format {
        spec,
        file,
        matcher,
    })
}

/// Records where the named captures of piece `piece` are.
fn add_groups(groups: &mut Groups, regex: &Regex, piece: usize) -> Result<(), String> {
    for (index, name) in regex
        .group_info()
        .pattern_names(PatternID::ZERO)
        .enumerate()
    {
        let Some(name) = name else { continue };
        let slot = match name {
            "time" => &mut groups.time,
            "level" => &mut groups.level,
            "target" => &mut groups.target,
            "spans" => &mut groups.spans,
            "node" => &mut groups.node,
            "message" => &mut groups.message,
            other => {
                return Err(format!(
                    "unknown capture `{other}`; captures are {}",
                    CAPTURES.join(", ")
                ))
            }
        };
        if slot.is_some() {
            return Err(format!("capture `{name}` appears twice"));
        }
        *slot = Some((piece, index));
    }
    Ok(())
}
