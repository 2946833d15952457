//! libp2p's own log messages, and the API errors apps log, recognised from
//! patterns kept as data in `grammars/messages/*.json` (described in
//! `grammars/README.md`, JSON schema in `grammars/schema/messages.schema.json`).
//!
//! A message is not a Debug value: `Failed to trigger bootstrap: No known
//! peers.` (kad's WARN), `Request to peer in query failed with Io(..) peer=..
//! query=QueryId(1)` (kad's DEBUG, one event even though it holds a Debug
//! value), `bootstrap() failed: NoKnownPeers` (an app logging a unit error).
//! Each pattern names a literal that every matching line contains; an
//! Aho-Corasick search for any of them is the prefilter (SIMD, about twice as
//! fast as a [`regex::RegexSet`] of the same literals), so a line that
//! contains none costs one scan and no regex. In the few lines that hold one,
//! the same search, resumed one byte after each literal it finds, visits every
//! place a literal starts (an overlapping search, byte by byte, took twice
//! as long on libp2p's long lines). The pattern's regex then
//! captures the facts, and a capture may be decoded as a typed Debug value
//! (`DialError`, `ListenError`, `ConnectionError`, an io error). Patterns
//! match one line at a time, so an API error with a field that `{:#?}`
//! spreads over lines (`AllQueuesFull(\n    1,\n)`) is read from its Debug
//! value instead ([`recognize_value`]).
//!
//! Compiled once, on first use; a file that fails to load is skipped at run
//! time and reported by [`errors`] (the tests require there are none).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use std::cell::RefCell;

use regex_automata::dfa::onepass;
use regex_automata::meta::{Cache, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, PatternID};
use serde::Deserialize;

use super::swarm::{self, Closed, DialErr, ListenErr};
use super::transport::{leaf, Leaf};
use crate::debugfmt;
use crate::grammars::GRAMMARS;

/// The pattern of a thread's panic (`thread 'main' panicked at …`), whose
/// message Rust 1.73 and later write on the next line ([`super::find`]
/// joins it as the `message` field).
pub const PANIC: &str = "api.panic";

/// One `grammars/messages/<area>.json` file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrammarFile {
    #[serde(rename = "$schema")]
    pub schema: String,
    /// What the file covers, e.g. "libp2p-kad's own log lines".
    pub description: String,
    pub patterns: Vec<Pattern>,
}

/// One message pattern.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    /// Unique, `<area>.<name>`: `kad.request-failed`.
    pub id: String,
    /// The kind id the message yields: `kad.log.RequestFailed`.
    pub kind: String,
    /// The tracing target that logs it, for people (`libp2p_kad::behaviour`);
    /// `null` for an app's own line.
    pub target: Option<String>,
    /// The level libp2p logs it at (`DEBUG`, `WARN`, …), for people.
    pub level: Option<String>,
    /// A substring every matching line contains: the prefilter.
    pub literal: String,
    /// Unanchored regex with named captures; `peer` is a peer id.
    pub regex: String,
    /// A capture that holds a Debug value, and how to read it.
    #[serde(default)]
    pub decode: Option<Decode>,
    /// A fixed verdict (`ok`, `expected`, `actionable`) …
    #[serde(default)]
    pub verdict: Option<String>,
    /// … or the id of a verdict rule in `knowledge` (exactly one of the two).
    #[serde(default)]
    pub rule: Option<String>,
    /// The kind (or kind prefix) of the event libp2p emits for the same
    /// occurrence right after logging this line (`swarm.OutgoingConnectionError`
    /// after `Connection attempt to peer failed`): a summary folds this
    /// message's finding into that event's.
    #[serde(default)]
    pub mirrors: Option<String>,
    /// Other kinds (or prefixes) the same occurrence may be logged as
    /// instead of `mirrors`: the error of the event, logged by the app on
    /// its own (`swarm.DialError.Transport`, in the `Display` form apps use).
    #[serde(default)]
    pub mirrors_also: Vec<String>,
    /// The text a message that may go on over the next lines of its record
    /// ends with: a `Display` error chain holding a list (libp2p-dns's
    /// `Multiple dial errors occurred:`, then ` - <error>` lines, inside a
    /// `DialError`'s `[(…)]`). Such a message goes on only over list lines
    /// (`[ \t]*- `), so that it never joins two log lines of a paste, and up
    /// to [`MULTILINE_MAX_LINES`]. The regex, which must start with the
    /// literal, not use `$`, and take list lines only (`\n[ \t]*- `), is
    /// matched from the literal on past the line, and only where this text
    /// follows within those lines.
    #[serde(default)]
    pub multiline: Option<String>,
    /// One sentence; `{capture}` placeholders are filled from the match.
    pub summary: String,
    pub explanation: String,
    #[serde(default)]
    pub advice: String,
    /// Real lines, each with the kind it must yield.
    pub samples: Vec<Sample>,
}

/// Which capture holds a Debug value, and what type it is.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decode {
    pub capture: String,
    #[serde(rename = "as")]
    pub as_type: DecodeAs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum DecodeAs {
    DialError,
    /// A `DialError` printed with `Display` ([`super::display`]).
    DialErrorDisplay,
    ListenError,
    ConnectionError,
    /// `ListenerClosed`'s `reason`: `Ok(())` or `Err(<io::Error>)`.
    ListenerReason,
    IoError,
}

/// A sample line and the kind it must yield.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sample {
    pub line: String,
    pub kind: String,
    /// Captures the match must yield (a subset).
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    /// The fixture file the line is copied from (`fixtures/relay/envlogger.log`),
    /// or, for a message no fixture shows, where it comes from (`reference
    /// §3.5 …`); the tests list those exemptions by pattern id.
    pub source: String,
}

/// A matched message.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// The pattern's id.
    pub pattern: String,
    /// The named captures that matched.
    pub fields: BTreeMap<String, String>,
    pub decoded: Option<Decoded>,
}

impl Message {
    /// The peer (or address) the message is about, from its captures, or
    /// the first address of a dial error it decoded.
    pub fn subject(&self) -> Option<&str> {
        let field = |name| self.fields.get(name).map(String::as_str);
        field("peer")
            .or_else(|| field("address"))
            .or(match &self.decoded {
                // a dial error without a peer: the address it dialled
                Some(Decoded::Dial(error)) => error.first_address(),
                _ => None,
            })
    }
}

/// A capture read as a typed value.
#[derive(Clone, Debug, PartialEq)]
pub enum Decoded {
    Dial(DialErr),
    Listen(ListenErr),
    /// `None`: the connection closed without error.
    Closed(Option<Closed>),
    /// `None` for `Ok(())`.
    ListenerReason(Option<Leaf>),
    Io(Leaf),
}

/// One pattern's compiled regex.
struct Matcher {
    regex: Regex,
    /// The regex starts with the literal: it is searched anchored where the
    /// prefilter found the literal (no search for where a match starts).
    at_literal: bool,
    /// The regex as a one-pass DFA, when it is one and `at_literal`: one
    /// anchored pass gives the captures (the meta regex makes two).
    onepass: Option<onepass::DFA>,
    /// The named captures: (group index, name).
    names: Vec<(usize, String)>,
}

/// The loaded, compiled patterns.
struct Compiled {
    patterns: Vec<(Pattern, Matcher)>,
    /// Where the next literal starts (leftmost-first: the kind with a SIMD
    /// prefilter).
    any: AhoCorasick,
    errors: Vec<String>,
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(compile);

fn compile() -> Compiled {
    let mut patterns = Vec::new();
    let mut errors = Vec::new();
    for (path, text) in files() {
        match serde_json::from_str::<GrammarFile>(text) {
            Ok(file) => {
                for p in file.patterns {
                    match Regex::new(&p.regex) {
                        Ok(regex) => {
                            let names = regex
                                .group_info()
                                .pattern_names(PatternID::ZERO)
                                .enumerate()
                                .filter_map(|(k, n)| Some((k, n?.to_owned())))
                                .collect();
                            let at_literal =
                                after_groups(&p.regex).starts_with(&regex::escape(&p.literal));
                            if p.multiline
                                .as_ref()
                                .is_some_and(|end| end.is_empty() || !at_literal)
                            {
                                errors.push(format!(
                                    "{path}: pattern {}: a multiline regex must start with its literal, and end with a text",
                                    p.id
                                ));
                                continue;
                            }
                            let onepass = at_literal
                                .then(|| onepass::DFA::new(&p.regex).ok())
                                .flatten();
                            let m = Matcher {
                                regex,
                                at_literal,
                                onepass,
                                names,
                            };
                            patterns.push((p, m))
                        }
                        Err(e) => errors.push(format!("{path}: pattern {}: {e}", p.id)),
                    }
                }
            }
            Err(e) => errors.push(format!("{path}: {e}")),
        }
    }
    let literals = prefixes(patterns.iter().map(|(p, _)| p.literal.as_str()));
    let any = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(&literals)
        .unwrap_or_else(|e| {
            errors.push(format!("prefilter: {e}"));
            AhoCorasick::new([""; 0]).expect("an empty automaton builds")
        });
    Compiled {
        patterns,
        any,
        errors,
    }
}

/// How many literals the prefilter searches for at most: past 64,
/// aho-corasick gives up its SIMD prefilter (Teddy), and the search of
/// every line takes twice as long.
const PREFILTER_LITERALS: usize = 64;

/// The distinct starts of `literals`, as long as they can be while there
/// are at most [`PREFILTER_LITERALS`] of them: where one starts, a literal
/// may start, which [`recognize_from`] then checks in full.
fn prefixes<'a>(literals: impl Iterator<Item = &'a str> + Clone) -> Vec<&'a str> {
    let cut = |l: &'a str, n: usize| l.char_indices().nth(n).map_or(l, |(at, _)| &l[..at]);
    let distinct = |n: usize| {
        let mut starts: Vec<&str> = literals.clone().map(|l| cut(l, n)).collect();
        starts.sort_unstable();
        starts.dedup();
        starts
    };
    [usize::MAX, 32, 24, 16, 12, 8, 6]
        .into_iter()
        .map(distinct)
        .find(|starts| starts.len() <= PREFILTER_LITERALS)
        .unwrap_or_else(|| distinct(4))
}

/// The message grammar files: (path under `grammars/`, text).
pub fn files() -> impl Iterator<Item = (&'static str, &'static str)> {
    GRAMMARS
        .iter()
        .copied()
        .filter(|(path, _)| path.starts_with("messages/") && path.ends_with(".json"))
        .filter(|(path, _)| !path.ends_with("schema.json"))
}

/// Every loaded pattern.
pub fn patterns() -> impl Iterator<Item = &'static Pattern> {
    COMPILED.patterns.iter().map(|(p, _)| p)
}

/// The pattern with this id.
pub fn pattern(id: &str) -> Option<&'static Pattern> {
    patterns().find(|p| p.id == id)
}

/// The most places in one line a pattern is tried at, from the left: a
/// line holds a message's literal once or twice, and a line of thousands
/// that never complete one (`Failed to negotiate transport protocol(s): [`
/// without `)]`) made each try scan to its end.
const MAX_STARTS: usize = 16;

/// Where the text a multiline message may span ends: after the line and
/// at most [`MULTILINE_MAX_LINES`] more, within [`MULTILINE_MAX_BYTES`]
/// past it, at a char boundary.
fn multiline_end(text: &str, line: usize) -> usize {
    let mut end = text.len().min(line + MULTILINE_MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let after = memchr::memchr_iter(b'\n', &text.as_bytes()[line..end]).nth(MULTILINE_MAX_LINES);
    after.map_or(end, |at| line + at)
}

/// A regex after the named groups it opens with: `(?P<error>Failed …`
/// starts, as a match does, with its literal. (Such a group must be
/// neither optional nor an alternation, which no pattern's is: the match
/// would not start with the literal then.)
fn after_groups(regex: &str) -> &str {
    let mut rest = regex;
    while let Some(name) = rest.strip_prefix("(?P<") {
        match name.split_once('>') {
            Some((_, after)) => rest = after,
            None => break,
        }
    }
    rest
}

/// Why a grammar file or pattern did not load (empty when all is well).
pub fn errors() -> &'static [String] {
    &COMPILED.errors
}

/// Every kind the patterns yield.
pub fn kinds() -> Vec<String> {
    patterns().map(|p| p.kind.clone()).collect()
}

/// Whether `text` holds any pattern's literal (else no line of it holds a
/// message).
pub fn any_literal(text: &str) -> bool {
    COMPILED.any.is_match(text)
}

/// The first message in `line` (one line of text, without its newline): its
/// byte range in the line, kind and facts. Cheap when nothing matches.
pub fn recognize(line: &str) -> Option<(std::ops::Range<usize>, String, Message)> {
    recognize_from(line, line.len(), &mut Ends::default())
}

/// Where, in one record, the end texts of multiline patterns
/// ([`Pattern::multiline`]) next occur, and where the run of list lines
/// after a line ends: searched once for all the record's lines, so that a
/// crafted record of thousands of lists that never close, or close past
/// their list, costs one scan, not one per line. [`super::find`] keeps one
/// per record and passes each line with the rest of the record: a place is
/// kept as an address in memory, the same whichever line's slice it was
/// found from.
#[derive(Default)]
pub struct Ends {
    /// (end text, searched from, found at)
    ends: Vec<(&'static str, usize, Option<usize>)>,
    /// (searched from, the newline that ends the list run)
    list: Option<(usize, usize)>,
}

impl Ends {
    /// The first place at or after `from` where `end` occurs in `text`.
    fn next(&mut self, text: &str, end: &'static str, from: usize) -> Option<usize> {
        let base = text.as_ptr() as usize;
        let search = |from: usize| {
            let found = memchr::memmem::find(&text.as_bytes()[from..], end.as_bytes());
            found.map(|at| base + from + at)
        };
        let at = base + from;
        let found = match self.ends.iter_mut().find(|(e, ..)| *e == end) {
            // nothing in [searched, found) holds it, nor anything after
            // `searched` when none was found
            Some((_, searched, found)) if *searched <= at && found.is_none_or(|f| f >= at) => {
                *found
            }
            Some((_, searched, found)) => {
                (*searched, *found) = (at, search(from));
                *found
            }
            None => {
                let found = search(from);
                self.ends.push((end, at, found));
                found
            }
        };
        found.map(|f| f - base)
    }

    /// The first newline at or after `from` that no list line follows
    /// (`[ \t]*- `), or the end of `text`: where a multiline message that
    /// starts at `from` must have ended.
    fn list_end(&mut self, text: &str, from: usize) -> usize {
        let base = text.as_ptr() as usize;
        let at = base + from;
        if let Some((searched, found)) = self.list {
            // every newline in [searched, found) is followed by a list line
            if searched <= at && at <= found {
                return found - base;
            }
        }
        let bytes = text.as_bytes();
        let listed = |next: &[u8]| {
            let item = next.iter().position(|&b| b != b' ' && b != b'\t');
            item.is_some_and(|k| next[k..].starts_with(b"- "))
        };
        let found = memchr::memchr_iter(b'\n', &bytes[from..])
            .map(|k| from + k)
            .find(|&nl| !listed(&bytes[nl + 1..]))
            .unwrap_or(bytes.len());
        self.list = Some((at, base + found));
        found
    }
}

/// How far past its line a [`Pattern::multiline`] message may go. A DNS
/// transport's list has two lines per error (the chain prints it twice),
/// and an error per address tried (up to 16 per address, libp2p-dns
/// `MAX_DIAL_ATTEMPTS`) of every address dialled. The patterns' regexes
/// follow the list's structure and stop at a line that is no list item; the
/// bound keeps a crafted record of thousands of list items that each open
/// a list and close none from being scanned to its end from each of them.
pub const MULTILINE_MAX_LINES: usize = 1024;
pub const MULTILINE_MAX_BYTES: usize = 64 * 1024;

/// The first message that starts in the first `line` bytes of `text` (a
/// line, without its newline, and the rest of its record): its byte range,
/// which a [`Pattern::multiline`] one may end past the line (up to
/// [`MULTILINE_MAX_LINES`] lines and [`MULTILINE_MAX_BYTES`] bytes), kind
/// and facts.
pub fn recognize_from(
    text: &str,
    line: usize,
    ends: &mut Ends,
) -> Option<(std::ops::Range<usize>, String, Message)> {
    let (line_len, line) = (line, &text[..line]);
    let compiled = &*COMPILED;
    // one fast scan first: most lines hold none of the literals
    let first = compiled.any.find(line)?.start();
    let mut best: Option<(std::ops::Range<usize>, String, Message)> = None;
    SCRATCH.with_borrow_mut(|scratch| {
        let Scratch { candidates, slots } = scratch;
        if slots.is_empty() {
            // the one-pass DFA's own captures when it has one (its regex, built
            // from the same pattern, has the same groups)
            slots.extend(compiled.patterns.iter().map(|(_, m)| {
                Slots {
                    caps: m
                        .onepass
                        .as_ref()
                        .map_or_else(|| m.regex.create_captures(), onepass::DFA::create_captures),
                    cache: m.regex.create_cache(),
                    onepass: m.onepass.as_ref().map(onepass::DFA::create_cache),
                }
            }));
        }
        // (pattern, where its literal starts), in pattern order, then by start
        candidates.clear();
        let mut next = Some(first);
        while let Some(at) = next {
            let rest = &line[at..];
            candidates.extend(
                compiled
                    .patterns
                    .iter()
                    .enumerate()
                    .filter(|(_, (p, _))| {
                        // the first byte first: most literals differ there
                        p.literal.as_bytes().first() == rest.as_bytes().first()
                            && rest.starts_with(&p.literal)
                    })
                    .map(|(k, _)| (k, at)),
            );
            let after = aho_corasick::Input::new(line).range(at + 1..);
            next = compiled.any.find(after).map(|m| m.start());
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut k = 0;
        while k < candidates.len() {
            let index = candidates[k].0;
            let starts = candidates[k..]
                .iter()
                .take_while(|c| c.0 == index)
                .map(|c| c.1);
            let n = starts.clone().count();
            let (pattern, matcher) = &compiled.patterns[index];
            let Slots {
                caps,
                cache,
                onepass,
            } = &mut slots[index];
            // a multiline pattern's haystack goes on past the line, and
            // only a start its end text follows within it can match
            let multiline = pattern.multiline.as_deref();
            let haystack = match multiline {
                Some(_) => &text[..multiline_end(text, line_len)],
                None => line,
            };
            // (the end text within the bound, and before the list's lines end)
            let mut ends_within = |at: usize| match multiline {
                Some(end) => ends.next(text, end, at).is_some_and(|e| {
                    e + end.len() <= haystack.len() && e < ends.list_end(text, at)
                }),
                None => true,
            };
            let found = if matcher.at_literal {
                // the leftmost match starts at the first literal it fits
                starts
                    .take(MAX_STARTS)
                    .filter(|&at| ends_within(at))
                    .any(|at| {
                        let input = Input::new(haystack).range(at..).anchored(Anchored::Yes);
                        let searched = match (&matcher.onepass, onepass.as_mut()) {
                            // fails only for an unanchored search, which this is not
                            (Some(dfa), Some(c)) => dfa.try_search(c, &input, caps).is_ok(),
                            _ => false,
                        };
                        if !searched {
                            matcher.regex.search_captures_with(cache, &input, caps);
                        }
                        caps.is_match()
                    })
            } else {
                matcher
                    .regex
                    .search_captures_with(cache, &Input::new(line), caps);
                caps.is_match()
            };
            k += n;
            let Some(whole) = found.then(|| caps.get_match()).flatten() else {
                continue;
            };
            let whole = whole.range();
            if best.as_ref().is_some_and(|(r, ..)| r.start <= whole.start) {
                continue;
            }
            best = Some((
                whole,
                pattern.kind.clone(),
                message(pattern, matcher, caps, haystack),
            ));
        }
    });
    best
}

/// What [`recognize`] reuses from line to line on one thread: the candidate
/// list, and per pattern its capture slots and its regex's cache (its own, so
/// the finder threads never share the regex's pool of caches).
#[derive(Default)]
struct Scratch {
    candidates: Vec<(usize, usize)>,
    slots: Vec<Slots>,
}

/// One pattern's capture slots and caches.
struct Slots {
    caps: Captures,
    cache: Cache,
    onepass: Option<onepass::Cache>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The message a pattern's match in `line` describes.
fn message(pattern: &Pattern, matcher: &Matcher, caps: &Captures, line: &str) -> Message {
    let fields: BTreeMap<String, String> = matcher
        .names
        .iter()
        .filter_map(|(k, name)| Some((name.clone(), line[caps.get_group(*k)?.range()].to_owned())))
        .collect();
    let decoded = pattern.decode.as_ref().and_then(|d| {
        let text = fields.get(&d.capture)?;
        decode(text, d.as_type)
    });
    Message {
        pattern: pattern.id.clone(),
        fields,
        decoded,
    }
}

/// An API error that `{:#?}` prints over several lines, which the
/// line-by-line patterns cannot match: `AllQueuesFull(\n    1,\n)`, read as
/// the message of the pattern that matches its one-line form.
pub fn recognize_value(v: &debugfmt::Value<'_>) -> Option<(String, Message)> {
    const SPREAD: &[(&str, &str, &str)] = &[("AllQueuesFull", "api.all-queues-full", "peers")];
    let name = v.name()?;
    let &(_, id, field) = SPREAD.iter().find(|(n, ..)| *n == name)?;
    let n = v.only()?.as_u64()?;
    let pattern = pattern(id)?;
    let message = Message {
        pattern: id.to_owned(),
        fields: BTreeMap::from([(field.to_owned(), n.to_string())]),
        decoded: None,
    };
    Some((pattern.kind.clone(), message))
}

/// Reads a captured Debug value as the pattern says.
fn decode(text: &str, as_type: DecodeAs) -> Option<Decoded> {
    // a line pasted into markdown ends its code span after the value
    // (`` `Connection attempt … Transport([..])` ``: found by the field test)
    let text = text.trim().trim_end_matches('`');
    if as_type == DecodeAs::DialErrorDisplay {
        return super::display::dial_error(text).map(Decoded::Dial);
    }
    let value = match debugfmt::parse(text) {
        Ok(value) => value,
        // an error printed with `Display` is still one, read from its words:
        // an io error (`Connection reset by peer (os error 104)`, as
        // request-response's `IO error on … stream: {e}`), or libp2p's
        // `Connection closed with error <words>` (not `None`, which says
        // this node closed it)
        Err(_) => {
            let leaf = super::display::leaf(text);
            return match as_type {
                DecodeAs::IoError => Some(Decoded::Io(leaf)),
                DecodeAs::ConnectionError => Some(Decoded::Closed(Some(Closed::Io(leaf)))),
                _ => None,
            };
        }
    };
    Some(match as_type {
        DecodeAs::DialError => Decoded::Dial(swarm::dial_error(&value)?),
        DecodeAs::DialErrorDisplay => return None, // read above
        DecodeAs::ListenError => Decoded::Listen(swarm::listen_error(&value)?),
        DecodeAs::ConnectionError => Decoded::Closed(Some(swarm::closed(&value))),
        DecodeAs::ListenerReason => Decoded::ListenerReason(match value.name() {
            Some("Err") => Some(leaf(value.only()?)),
            _ => None,
        }),
        DecodeAs::IoError => Decoded::Io(leaf(&value)),
    })
}

#[cfg(test)]
mod tests {
    use super::{prefixes, COMPILED, PREFILTER_LITERALS};

    /// Found by callgrind: the 65th literal cost every line's search its
    /// SIMD prefilter, 5% more instructions for the summary of a log.
    #[test]
    fn the_prefilter_searches_for_at_most_64_literals() {
        let literals = COMPILED.patterns.iter().map(|(p, _)| p.literal.as_str());
        assert!(
            literals.clone().count() > PREFILTER_LITERALS,
            "the test needs more"
        );
        assert!(COMPILED.any.patterns_len() <= PREFILTER_LITERALS);
        // every literal starts with one of them, so no start is missed
        let starts = prefixes(literals.clone());
        assert!(literals
            .clone()
            .all(|l| starts.iter().any(|s| l.starts_with(s))));
        // as long as they can be
        let few = ["Record not stored: MaxRecords", "Ping failure"];
        assert_eq!(
            prefixes(few.into_iter()),
            ["Ping failure", "Record not stored: MaxRecords"]
        );
        let many: Vec<String> = (0..100)
            .map(|n| format!("Connection {n:03} failed"))
            .collect();
        let starts = prefixes(many.iter().map(String::as_str));
        assert_eq!(starts.len(), 1, "{starts:?}");
        assert_eq!(starts[0], "Connection 0");
    }
}
