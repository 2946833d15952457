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
