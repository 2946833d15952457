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
pub struct Report<'a> {
    /// The file name, `<stdin>` for standard input, `<argument>` for
    /// `explain`'s argument.
    pub source: &'a str,
    pub line: u64,
    pub end_line: u64,
    pub node: Option<&'a str>,
    pub time: Option<&'a str>,
    /// The peer, address or key the event is about (for grouping).
    pub subject: Option<String>,
    /// What sets the event apart from others of its kind, for grouping:
    /// a failed dial's cause ("connection refused").
    pub cause: Option<String>,
    pub explanation: Explanation,
    /// The event's line was longer than the input's cap and cut for parsing.
    pub cut: Option<Cut>,
}

/// A duration in milliseconds for a table: two decimals, or as many as
/// the `digits` significant digits a rounded histogram kept (`5230`, not
/// `5230.00`).
pub fn ms_text(ms: Option<f64>, digits: Option<u32>) -> String {
    let Some(ms) = ms else {
        return "-".to_owned();
    };
    let decimals = match digits {
        Some(d) if ms >= 1.0 => (i64::from(d) - 1 - ms.log10().floor() as i64).clamp(0, 2),
        _ => 2,
    };
    format!("{ms:.*}", decimals as usize)
}

/// Escapes control characters (ESC, BEL, backspace, `\r`, C1 controls, …) as
/// `\x1b`-style text, and hidden format characters
/// ([`crate::input::is_hidden`]) as `\u{202e}`; line breaks and tabs are kept
/// (for prose: a name or a title goes through [`safe_line`]). A CI command
/// that counts anywhere in a line is broken: `##[error]` becomes
/// `#\x23[error]`.
pub fn safe(text: &str) -> Cow<'_, str> {
    let bad = |c: char| (c.is_control() && c != '\n' && c != '\t') || crate::input::is_hidden(c);
    let command = crate::input::holds_command(text);
    // a byte scan first (every string of every JSON line passes here)
    if !command && (!crate::input::may_hold_control(text, false) || !text.contains(bad)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if bad(c) {
            crate::input::push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    if command {
        out = crate::input::defuse_commands(&out);
    }
    Cow::Owned(out)
}

/// The columns `text` takes at a terminal: CJK and emoji take two (a
/// name from a peer may hold them), as comfy-table counts them.
pub fn cols(text: &str) -> usize {
    // most words are ASCII: a byte each (a tenth of scan's time otherwise)
    if text.is_ascii() {
        return text.len();
    }
    unicode_width::UnicodeWidthStr::width(text)
}

/// [`safe`] for what is shown on one line (a file name, a node, a kind, a
/// title): line breaks and tabs escaped too (`\n`), so that no part of it
/// starts a line of its own.
pub fn safe_line(text: &str) -> Cow<'_, str> {
    crate::input::escape_controls(Cow::Borrowed(text))
}

/// For a terminal line that has named a peer already (`peer 12D3KooW…QXui8
/// at /ip4/…/p2p/12D3KooWJap…QXui8`): the `/p2p/` tail of an address shortened
/// as that name is, so that the line does not run past the width with the
/// id a second time (found by the new-user review). Ids not named in the
/// text stay whole, and so do the JSON and `explain`'s answer.
pub fn fold_named_addresses(text: &str) -> Cow<'_, str> {
    const P2P: &str = "/p2p/";
    if !text.contains(P2P) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(P2P) {
        let (head, tail) = rest.split_at(at + P2P.len());
        out.push_str(head);
        let id_len = tail
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tail.len());
        let id = &tail[..id_len];
        let short = crate::knowledge::text::short_peer(id);
        // named: its short form stands elsewhere in the text (an address
        // holds the id whole)
        let named = id.len() > 16 && text.contains(short.as_str());
        out.push_str(if named { &short } else { id });
        rest = &tail[id_len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{fold_named_addresses, safe, safe_line};

    #[test]
    fn an_address_folds_only_the_peer_already_named() {
        let peer = "12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8";
        let other = "12D3KooWS2YRYgfvDJezyWEe8dMWt8Hbkr1YzMC2eb3ViqQCQT9j";
        let line = |named: &str, id: &str| {
            format!("Could not connect to peer {named} at /ip4/127.0.0.1/tcp/1/p2p/{id}: refused.")
        };
        assert_eq!(
            fold_named_addresses(&line("12D3KooW…QXui8", peer)),
            line("12D3KooW…QXui8", "12D3KooW…QXui8")
        );
        // another peer's address, or an id the line does not name, stays whole
        let unnamed = line("12D3KooW…QXui8", other);
        assert_eq!(fold_named_addresses(&unnamed), unnamed);
        let plain = "Listening on /ip4/127.0.0.1/tcp/1/p2p/".to_owned() + peer;
        assert_eq!(fold_named_addresses(&plain), plain);
        // a relayed address names two peers: each by itself
        let relayed =
            format!("peer 12D3KooW…CQT9j at /ip4/1.2.3.4/tcp/1/p2p/{peer}/p2p-circuit/p2p/{other}");
        assert_eq!(
            fold_named_addresses(&relayed),
            format!("peer 12D3KooW…CQT9j at /ip4/1.2.3.4/tcp/1/p2p/{peer}/p2p-circuit/p2p/12D3KooW…CQT9j")
        );
    }

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
        // 0xc2 starts C1 controls and ordinary characters alike
        assert_eq!(safe("5 ¢ ü"), "5 ¢ ü");
        // bidi controls would reorder the line; 0xd8 and 0xe2 start others too
        assert_eq!(
            safe("agent \u{202e}evil\u{2066}x\u{61c}"),
            "agent \\u{202e}evil\\u{2066}x\\u{61c}"
        );
        // a command GitHub's runner obeys anywhere in a line
        assert_eq!(
            safe("agent ##[error]x ##vso[y"),
            "agent #\\x23[error]x #\\x23vso[y"
        );
        assert_eq!(safe("# ## #[ ##"), "# ## #[ ##");
        // an odd run of `#` holds one too
        assert_eq!(safe("###[e] #####vso[x"), "##\\x23[e] ####\\x23vso[x");
        // invisible ones make two names look alike
        assert_eq!(
            safe("12D3\u{200b}Koo\u{feff}W\u{ad}\u{2060}\u{e0041}\u{2028}"),
            "12D3\\u{200b}Koo\\u{feff}W\\xad\\u{2060}\\u{e0041}\\u{2028}"
        );
        assert_eq!(safe("12D3KooW…9Crm9 – ؟ €"), "12D3KooW…9Crm9 – ؟ €");
    }

    proptest::proptest! {
        #[test]
        fn no_ci_command_is_left_whole(text in "[#\\[vso \"\\\\\n\t\u{1b}\u{200b}]{0,24}") {
            for shown in [safe(&text), safe_line(&text)] {
                proptest::prop_assert!(!shown.contains("##[") && !shown.contains("##vso["), "{:?}", shown);
            }
        }

        #[test]
        fn the_byte_scan_escapes_exactly_the_control_characters(text in "\\PC*|[\\x00-\\x7f\\u{80}-\\u{b0}¢؛-؝\\u{2000}-\\u{206f}\\u{fef0}-\\u{ffff}\\u{e0000}-\\u{e0080}]*") {
            let hidden = |c: char| crate::input::is_hidden(c) || (c.is_control() && c != '\n' && c != '\t');
            let escaped = text.chars().any(hidden);
            proptest::prop_assert_eq!(matches!(safe(&text), std::borrow::Cow::Owned(_)), escaped);
        }
    }
}
