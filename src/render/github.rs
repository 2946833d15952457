//! `summary --format github`: GitHub Actions workflow commands. Actionable
//! findings become `::error`, unknown kinds `::warning`, expected ones
//! `::notice`, each with `file`, `line` and `title`. GitHub shows at most 10
//! annotations per level in a step, so at most 10 are written per level (the
//! findings are already grouped by kind and ranked), then one `::notice` line
//! says how many more there were, and a last one gives the totals. Those two
//! are notices as well: they count against the 10, so expected findings get
//! the room that is left. A source whose lines mix several nodes without
//! names is a `::warning` too, before the others.
//!
//! Escaping follows GitHub's rules: in the message `%`, `\r`, `\n`; in property
//! values also `:` and `,`. Control characters are escaped first, so a record
//! key from a peer cannot start a workflow command of its own.

use std::io::{self, Write};

use super::safe;
use crate::knowledge::Verdict;
use crate::summary::{Finding, Summary};

/// At most this many annotations per level.
pub const PER_LEVEL: usize = 10;

/// A workflow command's message.
pub fn escape_data(s: &str) -> String {
    let github = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    safe(&github).into_owned()
}

/// A workflow command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The `file=…,line=…,title=…` properties of an annotation. GitHub can
/// show a line only of a file in the repository: standard input, a
/// gzip-compressed log (whose lines are those of the text inside) and a
/// source that `--merge` labelled with its summary (`m1.json: node.log`)
/// are named in the title instead.
fn properties(s: &Summary, source: &str, line: Option<u64>, title: &str) -> String {
    let labelled = (s.sources.iter()).any(|src| src.labelled && src.name == source);
    let shown = source != "<stdin>" && !source.ends_with(".gz") && !labelled;
    match line {
        _ if !shown => {
            let at = line.map_or_else(String::new, |l| format!(":{l}"));
            format!(
                "title={}",
                escape_property(&format!("{source}{at}: {title}"))
            )
        }
        Some(line) => format!(
            "file={},line={line},title={}",
            escape_property(source),
            escape_property(title)
        ),
        None => format!(
            "file={},title={}",
            escape_property(source),
            escape_property(title)
        ),
    }
}

fn annotation(out: &mut dyn Write, s: &Summary, level: &str, f: &Finding) -> io::Result<()> {
    let title = match &f.cause {
        // a finding about a whole log counts no events of its kind
        _ if crate::summary::FINDING_KINDS.contains(&f.kind.as_str()) => {
            format!("{} ({})", f.kind, f.verdict.as_str())
        }
        Some(cause) => format!("{}: {cause} ({}× {})", f.kind, f.count, f.verdict.as_str()),
        None => format!("{} ({}× {})", f.kind, f.count, f.verdict.as_str()),
    };
    writeln!(
        out,
        "::{level} {}::{}",
        properties(s, &f.source, Some(f.first_line), &title),
        escape_data(&f.text)
    )
}

/// Writes the annotations for the summary's findings (groups of non-ok events,
/// most important first), then one line with the totals.
pub fn write(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    let findings = &s.findings;
    let mut left_out = 0;
    // a log that mixes nodes comes first among the warnings: it says how
    // far the rest can be trusted
    let mixed = s.mixed_nodes.iter().take(PER_LEVEL);
    for m in mixed.clone() {
        writeln!(
            out,
            "::warning {}::{}",
            properties(s, &m.source, Some(m.line), "several nodes in one view"),
            escape_data(&m.describe())
        )?;
    }
    left_out += s.mixed_nodes.len().saturating_sub(PER_LEVEL);
    // with no event there is no finding: the warnings have room
    if let Some(note) = s.no_events_note() {
        writeln!(
            out,
            "::warning title=no libp2p event::{}",
            escape_data(&note)
        )?;
    }
    // a log not read to its end comes first among the errors: the summary
    // is of part of it
    let unread: Vec<(&str, String)> = (s.sources.iter())
        .filter_map(|src| Some((src.name.as_str(), src.error_note()?)))
        .collect();
    for (name, note) in unread.iter().take(PER_LEVEL) {
        writeln!(
            out,
            "::error {}::{}",
            properties(s, name, None, "log not read to its end"),
            escape_data(note)
        )?;
    }
    left_out += unread.len().saturating_sub(PER_LEVEL);
    let of_level =
        |verdict| -> Vec<&Finding> { findings.iter().filter(|f| f.verdict == verdict).collect() };
    let errors = (
        of_level(Verdict::Actionable),
        PER_LEVEL.saturating_sub(unread.len()),
    );
    let warnings = (of_level(Verdict::Unknown), PER_LEVEL - mixed.len());
    let notices = of_level(Verdict::Expected);
    // the totals notice always follows; the "more" notice when anything
    // is left out (errors, warnings, or notices past the room of 9)
    let others_left = left_out
        + errors.0.len().saturating_sub(errors.1)
        + warnings.0.len().saturating_sub(warnings.1);
    let room = if others_left > 0 || notices.len() > PER_LEVEL - 1 {
        PER_LEVEL - 2
    } else {
        PER_LEVEL - 1
    };
    for (level, (of_level, room)) in [
        ("error", errors),
        ("warning", warnings),
        ("notice", (notices, room)),
    ] {
        for f in of_level.iter().take(room) {
            annotation(out, s, level, f)?;
        }
        left_out += of_level.len().saturating_sub(room);
    }
    if left_out > 0 {
        writeln!(out, "::notice::{left_out} more groups of events were not annotated (GitHub shows {PER_LEVEL} per level); run p2plog summary for all of them")?;
    }
    let truncated: Vec<String> = s
        .sources
        .iter()
        .filter_map(|src| {
            Some(format!(
                "; {}: {}",
                src.name,
                src.truncated.as_ref()?.describe()
            ))
        })
        .collect();
    let v = &s.verdicts;
    writeln!(
        out,
        "::notice::{}",
        escape_data(&format!(
            "p2plog: {} in {}: {} actionable, {} unknown, {} expected, {} ok{}{}",
            crate::knowledge::text::count(s.events, "event"),
            crate::knowledge::text::count(s.lines, "line"),
            v.actionable,
            v.unknown,
            v.expected,
            v.ok,
            match s.mirrored.total() {
                0 => String::new(),
                n => format!(" (including {n} of libp2p's own log lines that repeat an event)"),
            },
            truncated.concat()
        ))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::summary::Finding;

    fn finding(verdict: Verdict, n: u64) -> Finding {
        Finding {
            verdict,
            kind: format!("kad.Kind{n}"),
            cause: None,
            count: n,
            source: "node,1.log".into(),
            first_line: n,
            last_line: n,
            text: format!("text {n}"),
        }
    }

    /// The annotations for `actionable` and `expected` findings.
    fn annotations(actionable: u64, expected: u64) -> String {
        let findings = (1..=actionable).map(|n| finding(Verdict::Actionable, n));
        let findings = findings
            .chain((1..=expected).map(|n| finding(Verdict::Expected, n)))
            .collect();
        let s = Summary {
            findings,
            events: actionable + expected,
            ..Summary::default()
        };
        let mut out = Vec::new();
        write(&mut out, &s).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn at_most_ten_annotations_per_level_then_how_many_more() {
        let text = annotations(13, 3);
        assert_eq!(
            text.lines().filter(|l| l.starts_with("::error ")).count(),
            10
        );
        assert_eq!(
            text.lines()
                .filter(|l| l.starts_with("::notice file="))
                .count(),
            3
        );
        assert!(
            text.contains("::notice::3 more groups of events were not annotated"),
            "{text}"
        );
        assert!(text.lines().next().unwrap().starts_with(
            "::error file=node%2C1.log,line=1,title=kad.Kind1 (1× actionable)::text 1"
        ));
    }

    /// The review found 12 notices: ten expected findings, then the "more"
    /// and the totals notices, which GitHub dropped.
    #[test]
    fn the_more_and_totals_notices_count_against_the_ten() {
        let notices = |expected: u64, actionable: u64| {
            let text = annotations(actionable, expected);
            let count = |prefix: &str| text.lines().filter(|l| l.starts_with(prefix)).count();
            (count("::notice file="), count("::notice::"))
        };
        // nine findings and the totals; none left out
        assert_eq!(notices(9, 0), (9, 1));
        // eight findings, then "2 more" and the totals
        assert_eq!(notices(10, 0), (8, 2));
        assert_eq!(notices(30, 0), (8, 2));
        // errors left out: their "more" notice takes a place
        assert_eq!(notices(9, 11), (8, 2));
    }

    #[test]
    fn escaping_follows_github_rules() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        // a key that tries to inject a command stays inside the message
        assert_eq!(escape_data("x\n::error::pwned"), "x%0A::error::pwned");
        assert_eq!(escape_data("\u{1b}[2J"), "\\x1b[2J");
    }
}
