//! Presentation. Renderers are pure: they take finished reports and write to a
//! `&mut dyn Write`. Colour was decided once, before they run (`app`); every
//! string that came from a log is passed through [`safe`] so that control
//! characters from peers never reach the terminal raw.

pub mod formats;
pub mod github;
pub mod json;
pub mod markdown;
pub mod table;
pub mod text;

use std::borrow::Cow;

use crate::format::Cut;
use crate::knowledge::Explanation;

/// One explained event and where it was found.
#[derive(Clone, Debug)]
pub struct Report {
    /// The file name, `-` for stdin, `<argument>` for `explain`'s argument.
    pub source: String,
    pub line: u64,
    pub end_line: u64,
    pub node: Option<String>,
    pub time: Option<String>,
    /// The peer, address or key the event is about (for grouping).
    pub subject: Option<String>,
    pub explanation: Explanation,
    /// The event's line was longer than the input's cap and cut for parsing.
    pub cut: Option<Cut>,
}

/// Escapes control characters (ESC, BEL, backspace, `\r`, C1 controls, …) as
/// `\x1b`-style text; line breaks and tabs are kept.
pub fn safe(text: &str) -> Cow<'_, str> {
    let bad = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.contains(bad) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if bad(c) {
            let n = c as u32;
            if n < 0x100 {
                out.push_str(&format!("\\x{n:02x}"));
            } else {
                out.push_str(&format!("\\u{{{n:x}}}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            safe("a\u{1b}[31mb\u{7}c\rd\u{8}"),
            "a\\x1b[31mb\\x07c\\x0dd\\x08"
        );
        assert_eq!(
            safe("osc \u{1b}]8;;http://x\u{1b}\\"),
            "osc \\x1b]8;;http://x\\x1b\\"
        );
        assert_eq!(safe("c1 \u{9b}"), "c1 \\x9b");
        assert_eq!(safe("kept\n\ttabs"), "kept\n\ttabs");
    }
}
