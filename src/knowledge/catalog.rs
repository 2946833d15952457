//! The long-form explanation of every kind, `p2plog catalog [KIND]` (as
//! `rustc --explain`): one Markdown file per kind in `grammars/explain/`,
//! embedded at build time. Each file opens with `# <kind>: <title>` and holds a
//! real sample event in a fenced `log` block under `## Example`.

use crate::grammars::GRAMMARS;

/// One catalogued kind.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub kind: &'static str,
    pub title: &'static str,
    /// The whole Markdown text.
    pub text: &'static str,
}

impl Entry {
    /// The sample event: the first fenced `log` block.
    pub fn sample(&self) -> Option<&'static str> {
        let start = self.text.find("```log\n")? + "```log\n".len();
        let len = self.text[start..].find("\n```")?;
        Some(&self.text[start..start + len])
    }
}

/// Every catalogued kind, sorted by kind id.
pub fn entries() -> Vec<Entry> {
    let mut entries: Vec<Entry> = GRAMMARS
        .iter()
        .filter(|(path, _)| path.starts_with("explain/") && path.ends_with(".md"))
        .filter_map(|(_, text)| {
            let heading = text.lines().next()?.strip_prefix("# ")?;
            let (kind, title) = heading.split_once(": ")?;
            Some(Entry { kind, title, text })
        })
        .collect();
    entries.sort_by_key(|e| e.kind);
    entries
}

/// The entry of one kind.
pub fn entry(kind: &str) -> Option<Entry> {
    entries().into_iter().find(|e| e.kind == kind)
}

/// A kind id, or a prefix of kind ids ending in `*`, as `--allow` takes it:
/// `swarm.OutgoingConnectionError.Transport`, `request_response.*`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindPattern {
    /// The kind, or the prefix before the `*`.
    text: String,
    prefix: bool,
}

/// A `--allow` pattern that names no kind.
#[derive(Debug, thiserror::Error)]
#[error("no kind in the catalog matches `{0}`; `p2plog catalog` lists them all")]
pub struct NoSuchKind(String);

impl KindPattern {
    /// Reads `text`, which must match a catalogued kind, or a kind of
    /// events p2plog does not know (`unknown.<Name>`, whose names are the
    /// log's own): a typo must not let every event through unnoticed.
    pub fn new(text: &str) -> Result<Self, NoSuchKind> {
        let pattern = match text.strip_suffix('*') {
            Some(prefix) => KindPattern {
                text: prefix.to_owned(),
                prefix: true,
            },
            None => KindPattern {
                text: text.to_owned(),
                prefix: false,
            },
        };
        let known = entries().iter().any(|e| pattern.matches(e.kind));
        let open = pattern.text.starts_with("unknown.") && pattern.text.len() > "unknown.".len()
            || pattern.prefix && "unknown.".starts_with(&pattern.text);
        if known || open {
            Ok(pattern)
        } else {
            Err(NoSuchKind(text.to_owned()))
        }
    }

    pub fn matches(&self, kind: &str) -> bool {
        if self.prefix {
            kind.starts_with(&self.text)
        } else {
            kind == self.text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::KindPattern;

    #[test]
    fn a_kind_pattern_matches_its_kind_or_its_prefix() {
        let one = KindPattern::new("swarm.ConnectionClosed.IO").unwrap();
        assert!(one.matches("swarm.ConnectionClosed.IO"));
        assert!(!one.matches("swarm.ConnectionClosed.IO.More"));
        let all = KindPattern::new("swarm.ConnectionClosed*").unwrap();
        assert!(all.matches("swarm.ConnectionClosed.KeepAliveTimeout"));
        assert!(!all.matches("swarm.Dialing"));
    }

    #[test]
    fn a_kind_pattern_that_matches_no_kind_is_refused() {
        for typo in [
            "swarm.OutgoingConectionError.Transport",
            "kad.PutRecord",
            "",
            "*x",
        ] {
            let e = KindPattern::new(typo).unwrap_err();
            assert!(e.to_string().contains("p2plog catalog"), "{e}");
        }
        // the names of unknown events are the log's own
        for open in ["unknown.PartyId", "unknown.*", "unkn*", "*"] {
            KindPattern::new(open).unwrap();
        }
        KindPattern::new("unknown.").unwrap_err();
    }
}
