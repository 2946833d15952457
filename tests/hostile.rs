//! Hostile and odd input end to end, through `p2plog scan` and `summary`:
//! what input + format already handle (tests/inputs.rs, src/input/tests.rs,
//! src/format/tests.rs) is checked here at the command line, as a user
//! meets it. Bugs these found have their tests in `regression`.

use crate::util::run_with_stdin;

/// A last line without a newline is passed through with one added, once, so
/// that the explanation under it, or the next file, starts on a line of its own.
#[test]
fn a_last_line_without_newline_is_ended_once_before_its_explanation() {
    let event = std::fs::read_to_string(crate::util::path("fixtures/lone/tag.log")).unwrap();
    let event = event.lines().find(|l| l.contains("QuorumFailed")).unwrap();
    let r = run_with_stdin(&["scan", "--color", "never"], event.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (first, rest) = r.stdout.split_once('\n').unwrap();
    assert_eq!(first, event);
    assert!(rest.starts_with("  ↳ kad.PutRecord.QuorumFailed"), "{rest}");
    assert!(rest.ends_with('\n') && !rest.contains("\n\n"), "{rest:?}");
    let r = run_with_stdin(&["scan", "--color", "never"], b"no event, no newline");
    assert_eq!(r.stdout, "no event, no newline\n");
}
