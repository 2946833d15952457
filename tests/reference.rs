//! Every example Debug value in shared/reference/libp2p-events.md, copied into
//! tests/data/reference-examples.txt, parses with a struct or tuple at the top,
//! and prints back as it was written (where no `…` was typed into it).

use p2plog::debugfmt::{self, Kind};

use crate::util;

/// The examples, with the reference's `\n` (in one-line renderings of `{:#?}`
/// output) turned back into line breaks.
fn examples() -> Vec<String> {
    let text = std::fs::read_to_string(util::path("tests/data/reference-examples.txt")).unwrap();
    let pretty_break = regex::Regex::new(r"\\n([ })\]])").unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| pretty_break.replace_all(l, "\n$1").into_owned())
        .collect()
}

#[test]
fn reference_examples_parse() {
    let examples = examples();
    assert!(examples.len() >= 240, "the data file lost its examples");
    let mut failures = Vec::new();
    for ex in &examples {
        match debugfmt::parse(ex) {
            Ok(v) if matches!(v.kind, Kind::Struct { .. } | Kind::Tuple { .. }) => {
                // a `…` typed into an example is spaced as its author liked
                if !ex.contains('…') && v.to_string() != *ex {
                    failures.push(format!("{ex}\n  prints back as\n{v}"));
                }
            }
            Ok(v) => failures.push(format!("{ex}\n  top level is {:?}", v.kind)),
            Err(e) => failures.push(format!("{ex}\n  {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples failed:\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n")
    );
}
