//! Unit tests of single rules. The lines here are hand-written on purpose,
//! one per rule; real lines are the format files' samples (tests/grammars.rs)
//! and the fixtures (tests/fixtures.rs).

use std::io::{self, Cursor};

use super::registry::Matcher;
use super::scan::{self, Depth};
use super::*;
use crate::input::LineReader;

fn formats() -> Formats {
    Formats::builtin().expect("the built-in formats load")
}

/// A record, flattened for comparison: (line, end_line, format, node, message, truncated).
type Flat = (u64, u64, String, Option<String>, String, bool);

#[derive(Default)]
struct Collect {
    raw: Vec<u8>,
    records: Vec<Flat>,
    /// Per record: the physical line of each line of its message, and how
    /// many physical lines it counts.
    lines: Vec<(Vec<u64>, u64)>,
}

impl Sink for Collect {
    fn raw(&mut self, _line: u64, bytes: &[u8]) -> io::Result<()> {
        self.raw.extend_from_slice(bytes);
        Ok(())
    }
    fn record(&mut self, r: &Record<'_>) -> io::Result<()> {
        let node = r.node.as_deref().map(str::to_owned);
        let format = r.line_format().to_owned();
        self.records.push((
            r.line,
            r.end_line,
            format,
            node,
            r.message.to_string(),
            r.truncated,
        ));
        let of = (0..r.message.split('\n').count()).map(|k| r.line_of(k));
        self.lines.push((of.collect(), r.line_count()));
        Ok(())
    }
}

impl Collect {
    /// Each record's first and last line and its node.
    fn lines_and_nodes(&self) -> Vec<(u64, u64, Option<&str>)> {
        (self.records.iter())
            .map(|r| (r.0, r.1, r.3.as_deref()))
            .collect()
    }
}

fn read(text: &str) -> Collect {
    let formats = formats();
    let mut lines = LineReader::new("t", Cursor::new(text.as_bytes().to_vec()), false);
    let mut sink = Collect::default();
    read_records(&mut lines, &formats, &mut sink).unwrap();
    assert_eq!(sink.raw, text.as_bytes(), "every byte passes through");
    sink
}

fn parse_one(text: &str) -> Record<'_> {
    static FORMATS: std::sync::OnceLock<Formats> = std::sync::OnceLock::new();
    LineParser::new(FORMATS.get_or_init(formats)).parse(1, text, false)
}

// --- scan

#[test]
fn depth_ignores_brackets_in_strings_and_chars() {
    assert_eq!(
        Depth::default().after("Foo { a: \"}}\", b: '{', c: ["),
        Depth(2)
    );
    assert_eq!(Depth(2).after("], }"), Depth(0));
    assert_eq!(Depth::default().after(r#"Key(b"\"(")"#), Depth(0));
    // an apostrophe in prose is not a char literal
    assert_eq!(Depth::default().after("don't { stop"), Depth(1));
    assert_eq!(Depth::default().after(r"c: '\'', d: '\u{7b}' {"), Depth(1));
}

#[test]
fn trailing_fields_split_at_the_first_key_outside_brackets() {
    let (m, f) = scan::split_fields(
        "New listener address listener=ListenerId(1) address=/ip4/1.2.3.4/tcp/1",
    );
    assert_eq!(m, "New listener address");
    let pairs: Vec<_> = scan::pairs(f).collect();
    assert_eq!(
        pairs,
        [
            ("listener", "ListenerId(1)"),
            ("address", "/ip4/1.2.3.4/tcp/1")
        ]
    );
    assert_eq!(
        scan::split_fields("Foo { a=1 } b==c"),
        ("Foo { a=1 } b==c", "")
    );
    assert_eq!(
        scan::split_fields("local_peer_id=12D3"),
        ("", "local_peer_id=12D3")
    );
    let endpoint = "endpoint=Dialer { address: /ip4/1.2.3.4, role: Dialer } total_peers=1";
    let pairs: Vec<_> = scan::pairs(endpoint).collect();
    assert_eq!(
        pairs,
        [
            ("endpoint", "Dialer { address: /ip4/1.2.3.4, role: Dialer }"),
            ("total_peers", "1")
        ]
    );
    let quoted: Vec<_> = scan::pairs(r#"reason="a b=c" n=1"#).collect();
    assert_eq!(quoted, [("reason", r#""a b=c""#), ("n", "1")]);
}

#[test]
fn span_chain_taken_apart() {
    let spans: Vec<_> =
        scan::spans("node{name=node-1}:conn{peer=12D3 addr=/ip4/1}:Swarm::poll").collect();
    assert_eq!(
        spans,
        [
            ("node", "name=node-1"),
            ("conn", "peer=12D3 addr=/ip4/1"),
            ("Swarm::poll", "")
        ]
    );
}

// --- single lines

/// Found by the second field test: a span whose name holds a space
/// (`swarm task{..}` in a nimiq node's log) put the line in the plain
/// format, without its time, level and target.
#[test]
fn a_span_name_with_a_space_read_as_no_span() {
    let r = parse_one(
        "2022-03-29T07:19:56.230534Z DEBUG swarm task{peer_id=PeerId(\"12D3KooWHfap\")}: libp2p_swarm: Connection closed",
    );
    assert_eq!(r.format, "tracing-fmt-full");
    assert_eq!(
        r.spans.as_deref(),
        Some("swarm task{peer_id=PeerId(\"12D3KooWHfap\")}")
    );
    assert_eq!(
        (r.target.as_deref(), &*r.message),
        (Some("libp2p_swarm"), "Connection closed")
    );
    // a struct in a message is no span
    let r = parse_one("2022-03-29T07:19:56.230534Z  INFO app: got Foo{x} y");
    assert_eq!(
        (r.target.as_deref(), &*r.message),
        (Some("app"), "got Foo{x} y")
    );
}

#[test]
fn full_format_node_from_the_outermost_span() {
    let r = parse_one(
        "2026-11-24T09:33:10.295052Z DEBUG node{name=node-1}:conn{peer=x}: libp2p_swarm: hello a=1",
    );
    assert_eq!(r.format, "tracing-fmt-full");
    assert_eq!(r.node.as_deref(), Some("node-1"));
    assert_eq!(r.spans.as_deref(), Some("node{name=node-1}:conn{peer=x}"));
    assert_eq!(
        (r.target.as_deref(), &*r.message),
        (Some("libp2p_swarm"), "hello")
    );
    assert_eq!(r.fields.get("a"), Some("1"));
}

#[test]
fn compact_format_node_from_the_last_name_field() {
    let r = parse_one(
        "2026-11-24T09:33:11Z  INFO node:Swarm::poll: libp2p_swarm: hi name=x name=node-2",
    );
    assert_eq!(r.format, "tracing-fmt-compact");
    assert_eq!(r.node.as_deref(), Some("node-2"));
}

#[test]
fn compose_prefix_names_the_node_and_the_inner_line_is_parsed() {
    let r = parse_one("node-3   | [2026-11-24T09:33:09Z WARN  libp2p_kad] oops");
    assert_eq!((r.format, r.inner), ("docker-compose", Some("env-logger")));
    assert_eq!(r.node.as_deref(), Some("node-3"));
    assert_eq!((r.level.as_deref(), &*r.message), (Some("WARN"), "oops"));
}

#[test]
fn json_line_with_escapes_and_duplicate_span_keys() {
    let line = r#"{"timestamp":"t","level":"INFO","fields":{"message":"PeerId(\"12D3\")","n":3},"target":"g","spans":[{"name":"node-1","name":"node"},{"name":"Swarm::poll"}]}"#;
    let r = parse_one(line);
    assert_eq!(r.format, "tracing-json");
    assert_eq!(&*r.message, "PeerId(\"12D3\")");
    assert_eq!(r.node.as_deref(), Some("node-1"));
    assert_eq!(r.fields.get("n"), Some("3"));
    // a span without a name field names no node
    let r = parse_one(r#"{"level":"INFO","fields":{"message":"m"},"spans":[{"name":"node"}]}"#);
    assert_eq!(r.node, None);
}

#[test]
fn json_that_is_not_a_log_line_is_plain() {
    assert_eq!(parse_one(r#"{"a": 1}"#).format, PLAIN);
    assert_eq!(parse_one(r#"{"level": "INFO", "#).format, PLAIN);
}

#[test]
fn tag_level_is_found_among_the_tags() {
    let r = parse_one("[DHT] [ERROR] [X] put_record() failed: MaxRecords");
    assert_eq!(r.format, "tag");
    assert_eq!(r.level.as_deref(), Some("ERROR"));
    assert_eq!(r.target.as_deref(), Some("[DHT] [ERROR] [X]"));
    assert_eq!(&*r.message, "put_record() failed: MaxRecords");
}

#[test]
fn mixed_sources_switch_format_and_back() {
    let c =
        read("[SWARM] a\n2026-11-24T09:34:18.976425Z  WARN libp2p_kad::behaviour: b\n[DHT] c\n");
    let formats: Vec<&str> = c.records.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(formats, ["tag", "tracing-fmt-compact", "tag"]);
}

// --- multi-line events

const PRETTY: &str = "\
[2026-11-24T09:33:12Z INFO  generator] Swarm event: NewListenAddr {
        listener_id: ListenerId(
            1,
        ),
        address: /ip4/127.0.0.1/tcp/20500,
    }
[2026-11-24T09:33:12Z INFO  generator] after
";

#[test]
fn a_pretty_event_is_joined_into_one_record() {
    let c = read(PRETTY);
    assert_eq!(c.records.len(), 2);
    let (line, end, format, _, message, truncated) = &c.records[0];
    assert_eq!(
        (*line, *end, format.as_str(), *truncated),
        (1, 6, "env-logger", false)
    );
    assert!(message.starts_with("Swarm event: NewListenAddr {\n        listener_id"));
    assert!(message.ends_with("tcp/20500,\n    }"));
    assert_eq!(c.records[1].0, 7);
}

#[test]
fn an_event_that_never_closes_does_not_swallow_the_file() {
    let text = "[2026-11-24T09:33:12Z INFO  g] Foo {\n    a: 1,\n[2026-11-24T09:33:12Z INFO  g] next\nlast\n";
    let c = read(text);
    let spans: Vec<(u64, u64, bool)> = c.records.iter().map(|r| (r.0, r.1, r.5)).collect();
    assert_eq!(spans, [(1, 2, true), (3, 3, false), (4, 4, false)]);
}

#[test]
fn an_unclosed_event_in_a_plain_file_is_bounded() {
    let mut text = String::from("Foo {\n");
    for _ in 0..(MAX_JOINED_LINES + 10) {
        text.push_str("    a: 1,\n");
    }
    let c = read(&text);
    assert_eq!(
        (c.records[0].0, c.records[0].1, c.records[0].5),
        (1, MAX_JOINED_LINES, true)
    );
    assert_eq!(c.records.len(), 1 + 11);
    let numbers: Vec<u64> = c.records[1..].iter().map(|r| r.0).collect();
    let expected: Vec<u64> = (MAX_JOINED_LINES + 1..=MAX_JOINED_LINES + 11).collect();
    assert_eq!(numbers, expected);
}

#[test]
fn interleaved_events_of_two_containers_are_joined_apart() {
    let text = "\
a  | Foo {
b  | Bar(
a  |     x: 1,
b  |     2,
b  | )
a  | }
";
    let c = read(text);
    let got = c.lines_and_nodes();
    assert_eq!(got, [(2, 5, Some("b")), (1, 6, Some("a"))]);
    assert_eq!(c.records[1].4, "Foo {\n    x: 1,\n}");
}

/// Found by fuzzing (the `stream` target): a joined record knew only its
/// first and last line, so the summary counted the other container's lines
/// in between twice, and events inside got line numbers of the wrong node.
#[test]
fn interleaved_events_know_the_physical_line_of_each_of_their_lines() {
    let text = "\
a  | Foo {
b  | Bar(
a  |     x: 1,
b  |     2,
b  | )
a  | }
c  | Baz(
c  |     3,
c  | )
";
    let c = read(text);
    assert_eq!(
        c.lines,
        [(vec![2, 4, 5], 3), (vec![1, 3, 6], 3), (vec![7, 8, 9], 3)]
    );
}

#[test]
fn compact_span_fields_after_the_closing_brace_name_the_node() {
    let text = "2026-11-24T09:33:11Z  INFO node: generator: Foo {\n    a: 1,\n} name=node-4\n";
    let c = read(text);
    assert_eq!(c.records.len(), 1);
    assert_eq!(c.records[0].3.as_deref(), Some("node-4"));
    assert_eq!(c.records[0].4, "Foo {\n    a: 1,\n}");
}

#[test]
fn a_line_ending_in_a_balanced_bracket_is_not_joined() {
    let c = read("[SWARM] Foo {}\n[SWARM] list: []\n  x\n");
    assert_eq!(c.records.len(), 3);
}

/// libp2p-dns 0.44 on prints a dial's errors as `Multiple dial errors
/// occurred:` and ` - <error>` lines; each was a line of its own, and the
/// dial error in the first unread (fixtures/display-errors, libp2p 0.57.1).
#[test]
fn a_display_error_list_on_the_next_lines_is_joined() {
    let text = "\
2026-11-25T23:06:12.082Z  INFO swarm: generator: Outgoing connection failed: Failed to negotiate transport protocol(s): [(/dns4/localhost/tcp/30352/p2p/12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8: : Multiple dial errors occurred:
 - Connection refused (os error 111): Multiple dial errors occurred:
 - Connection refused (os error 111): Connection refused (os error 111))] peer=None node=node-3
2026-11-25T23:06:12.130Z  WARN swarm: libp2p_kad::behaviour: Failed to trigger bootstrap: No known peers. node=node-3
";
    let c = read(text);
    assert_eq!(
        c.lines_and_nodes(),
        [(1, 3, Some("node-3")), (4, 4, Some("node-3"))]
    );
    assert!(!c.records[0].5, "not truncated");
    assert!(
        c.records[0].4.ends_with("(os error 111))]"),
        "{}",
        c.records[0].4
    );
    // a `:` ends many a line whose brackets are balanced: no join
    let c = read("[SWARM] listening on [a, b]:\n - x\n");
    assert_eq!(c.records.len(), 2);
}

// --- registry

#[test]
fn formats_are_sorted_by_priority_and_plain_is_last() {
    let formats = formats();
    let ids: Vec<&str> = formats.iter().map(|f| f.spec.id.as_str()).collect();
    assert_eq!(ids.last(), Some(&PLAIN));
    let priorities: Vec<u32> = formats.iter().map(|f| f.spec.priority).collect();
    assert!(priorities.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn a_bad_spec_names_the_json_path() {
    let err = spec::parse_spec("f.json", r#"{"id": "x", "title": "t", "description": "d", "priority": 1, "regex": "^", "samples": [{"line": "a", "source": "s", "yields": {"message": "a", "levle": "x"}}]}"#)
        .unwrap_err();
    assert_eq!(err.file, "f.json");
    assert_eq!(err.path, "samples[0].yields.levle");
    assert!(
        err.problem.contains("unknown field `levle`"),
        "{}",
        err.problem
    );
}

#[test]
fn a_regex_with_an_unknown_capture_is_refused() {
    let mut specs = spec::builtin_specs().unwrap();
    specs[0].1.regex = Some("^(?P<host>x)".into());
    specs[0].1.json = None;
    let err = Formats::compile(specs).unwrap_err();
    assert_eq!(err.path, "regex");
    assert!(
        err.problem.contains("unknown capture `host`"),
        "{}",
        err.problem
    );
}

/// A format `pieces` whose head is `^(?P<level>[A-Z]+) `, with `then`.
fn with_pieces(then: &[(&str, bool)]) -> Vec<(String, spec::FormatSpec)> {
    let mut specs = spec::builtin_specs().unwrap();
    let (_, s) = &mut specs[0];
    s.id = "pieces".into();
    s.priority = 0;
    s.json = None;
    s.prefix = false;
    s.trailing_fields = false;
    s.regex = Some("^(?P<level>[A-Z]+) ".into());
    s.then = then
        .iter()
        .map(|&(regex, optional)| spec::PieceSpec {
            regex: regex.into(),
            optional,
        })
        .collect();
    specs
}

#[test]
fn an_optional_piece_is_skipped_when_the_pieces_after_it_do_not_match() {
    let formats = Formats::compile(with_pieces(&[
        ("(?P<spans>[a-z]+:) ", true),
        ("(?P<target>[a-z]+:) ", false),
    ]))
    .unwrap();
    let mut parser = LineParser::new(&formats);
    let r = parser.parse(1, "INFO span: target: msg", false);
    assert_eq!(r.format, "pieces");
    assert_eq!(
        (r.spans.as_deref(), r.target.as_deref(), &*r.message),
        (Some("span"), Some("target"), "msg")
    );
    // the span piece fits `target: `, but then `msg x` is no target: the
    // line is read without spans
    let r = parser.parse(2, "INFO target: msg x", false);
    assert_eq!(r.format, "pieces");
    assert_eq!(
        (r.spans.as_deref(), r.target.as_deref(), &*r.message),
        (None, Some("target"), "msg x")
    );
    // a required piece that does not match: another format reads the line
    assert_ne!(parser.parse(3, "INFO msg x", false).format, "pieces");
}

#[test]
fn bad_pieces_are_refused_naming_the_piece() {
    for (then, path, problem) in [
        (vec![("^x", false)], "then[0].regex", "no `^`"),
        (
            vec![("(?P<host>x)", false)],
            "then[0].regex",
            "unknown capture `host`",
        ),
        (
            vec![("x", false), ("(?P<level>x)", true)],
            "then[1].regex",
            "capture `level` appears twice",
        ),
        (vec![("x", false); 5], "then", "at most 4 pieces"),
    ] {
        let err = Formats::compile(with_pieces(&then)).unwrap_err();
        assert_eq!(err.path, path);
        assert!(err.problem.contains(problem), "{}", err.problem);
    }
    let mut specs = with_pieces(&[("x", false)]);
    specs[0].1.regex = None;
    specs[0].1.json = spec::builtin_specs()
        .unwrap()
        .into_iter()
        .find_map(|(_, s)| s.json);
    let err = Formats::compile(specs).unwrap_err();
    assert_eq!(err.path, "then");
}
/// tracing's pretty format: the event's fields after `, `, then its
/// location and spans, innermost first, on lines of their own.
const TRACING_PRETTY: &str = "  2026-11-25T14:06:00.887897Z DEBUG libp2p_swarm: New listener address, listener: ListenerId(2)
    at src/lib.rs:1005
    in libp2p_swarm::Swarm::poll with peer: 12D3KooWA
    in generator::swarm with node: \"node-0\"

  2026-11-25T14:06:00.887901Z  WARN generator: dial() failed: AllQueuesFull(
    1,
)
    at src/net.rs:699 on main
    in generator::swarm with node: node-1
";

#[test]
fn a_tracing_pretty_event_takes_the_lines_after_it_and_their_node() {
    let c = read(TRACING_PRETTY);
    let flat = |line, end, format: &str, node: Option<&str>, message: &str| -> Flat {
        let node = node.map(str::to_owned);
        (
            line,
            end,
            format.to_owned(),
            node,
            message.to_owned(),
            false,
        )
    };
    assert_eq!(
        c.records,
        [
            flat(
                1,
                4,
                "tracing-fmt-pretty",
                Some("node-0"),
                "New listener address"
            ),
            // the empty line that ends an event is not its own, but it is
            // the format's
            flat(5, 5, "tracing-fmt-pretty", None, ""),
            // a `{:#?}` message is joined first; the input ends complete
            flat(
                6,
                10,
                "tracing-fmt-pretty",
                Some("node-1"),
                "dial() failed: AllQueuesFull(\n    1,\n)"
            ),
        ]
    );
    assert_eq!(c.lines[2], (vec![6, 7, 8], 5), "message lines, then all");
}

#[test]
fn a_tracing_pretty_event_ends_at_the_first_line_that_is_not_its() {
    let text = "  2026-11-25T14:06:00Z  INFO g: a, peer: x\n    at src/a.rs:1\nplain text\n    in g::s with node: n\n";
    let c = read(text);
    let spans: Vec<(u64, u64, Option<&str>, bool)> = c
        .records
        .iter()
        .map(|r| (r.0, r.1, r.3.as_deref(), r.5))
        .collect();
    assert_eq!(
        spans,
        [
            (1, 2, None, false),
            (3, 3, None, false),
            (4, 4, None, false)
        ]
    );
    // the fields are split once the event's lines are all read
    let formats = formats();
    let mut lines = LineReader::new("t", Cursor::new(text.as_bytes().to_vec()), false);
    struct Fields(Vec<(String, String)>);
    impl Sink for Fields {
        fn raw(&mut self, _: u64, _: &[u8]) -> io::Result<()> {
            Ok(())
        }
        fn record(&mut self, r: &Record<'_>) -> io::Result<()> {
            let pairs = r.fields.iter().map(|(k, v)| (k.to_owned(), v.to_owned()));
            self.0.extend(pairs);
            Ok(())
        }
    }
    let mut fields = Fields(Vec::new());
    read_records(&mut lines, &formats, &mut fields).unwrap();
    assert_eq!(fields.0, [("peer".to_owned(), "x".to_owned())]);
}

/// Found reading the diff: a pretty head longer than the line cap waited
/// for its trailer like any other, and went out as complete, its cut lost.
#[test]
fn a_tracing_pretty_head_cut_for_parsing_stays_truncated() {
    let long = "x".repeat(crate::input::MAX_LINE + 10);
    let text = format!(
        "  2026-11-25T14:06:00Z  INFO g: New listener address, node: n, pad: {long}\n    in g::swarm with node: m\n"
    );
    let c = read(&text);
    let got: Vec<(u64, u64, bool)> = c.records.iter().map(|r| (r.0, r.1, r.5)).collect();
    assert_eq!(got, [(1, 1, true), (2, 2, false)]);
    // and its fields are taken apart all the same (the review of the fix)
    assert_eq!(
        (c.records[0].3.as_deref(), c.records[0].4.as_str()),
        (Some("n"), "New listener address")
    );
}

/// Found by the review of the pretty format: `.with_target(false)` and
/// `.with_file(false)` heads were not read, `.without_time()` ones were
/// read as the compact format (no trailer, no node), a `node` field of the
/// event itself named no node, and an event took any number of span lines.
#[test]
fn tracing_pretty_heads_without_time_or_target_and_a_node_field() {
    let text = "  2026-11-25T14:06:03Z DEBUG  New listener address, listener: ListenerId(1)
    in swarm with node: \"node-0\"

  2026-11-25T14:06:03Z  INFO 679: bare line number
\tin g::swarm with node: node-1

   INFO g: no time
    in g::swarm with node: node-2

  DEBUG g: no time either, node: node-3
";
    let c = read(text);
    let got: Vec<(u64, u64, &str, Option<&str>, &str)> = (c.records.iter())
        .filter(|r| r.2 != "plain" && !r.4.is_empty())
        .map(|r| (r.0, r.1, r.2.as_str(), r.3.as_deref(), r.4.as_str()))
        .collect();
    let pretty = "tracing-fmt-pretty";
    assert_eq!(
        got,
        [
            (1, 2, pretty, Some("node-0"), "New listener address"),
            (4, 5, pretty, Some("node-1"), "bare line number"),
            (7, 8, pretty, Some("node-2"), "no time"),
            (10, 10, pretty, Some("node-3"), "no time either"),
        ]
    );
    let mut text = String::from("  2026-11-25T14:06:03Z  INFO g: x\n");
    text.push_str(&"    in g::s\n".repeat(MAX_JOINED_LINES as usize + 2));
    let c = read(&text);
    assert_eq!(
        (c.records[0].0, c.records[0].1, c.records[0].5),
        (1, MAX_JOINED_LINES, false)
    );
    assert_eq!(
        c.records.len(),
        1 + 3,
        "the lines past the cap are their own"
    );
}

/// Pretty events waiting for their span lines count against
/// [`MAX_OPEN_JOINS`], as joins do: past it, the oldest goes out first.
#[test]
fn tracing_pretty_events_waiting_for_span_lines_are_bounded() {
    #[derive(Default)]
    struct Order(Vec<(bool, u64)>);
    impl Sink for Order {
        fn raw(&mut self, line: u64, _: &[u8]) -> io::Result<()> {
            self.0.push((false, line));
            Ok(())
        }
        fn record(&mut self, r: &Record<'_>) -> io::Result<()> {
            self.0.push((true, r.line));
            Ok(())
        }
    }
    let text: String = (0..=MAX_OPEN_JOINS)
        .map(|k| format!("n{k:02} |   2026-11-25T14:06:00Z  INFO g: event {k}\n"))
        .collect();
    let formats = formats();
    let mut lines = LineReader::new("t", Cursor::new(text.into_bytes()), false);
    let mut order = Order::default();
    read_records(&mut lines, &formats, &mut order).unwrap();
    let last = MAX_OPEN_JOINS as u64 + 1;
    let first_out = order.0.iter().position(|e| *e == (true, 1)).unwrap();
    let last_in = order.0.iter().position(|e| *e == (false, last)).unwrap();
    assert!(first_out < last_in, "{:?}", order.0);
}

#[test]
fn tracing_pretty_events_of_two_containers_keep_their_own_lines() {
    let text = "\
a  |   2026-11-25T14:06:00Z  INFO g: one
b  |   2026-11-25T14:06:00Z  INFO g: two
a  |     in g::swarm with node: x
b  |     in g::swarm with node: y
a  |
";
    let c = read(text);
    let got = c.lines_and_nodes();
    // the prefix names the node; the span's field does not override it
    assert_eq!(
        got,
        [(1, 3, Some("a")), (5, 5, Some("a")), (2, 4, Some("b"))]
    );
}

/// What the pieces are for: each built-in regex and piece is one-pass, so
/// lines are captured by the one-pass engine, asked directly (a piece that is
/// not would still work, through the meta regex, three times slower on
/// tracing's lines).
#[test]
fn the_tracing_formats_pieces_are_one_pass() {
    let formats = formats();
    let mut checked = 0;
    for format in formats.iter() {
        let Matcher::Regex(pieces, _) = &format.matcher else {
            continue;
        };
        if pieces.len() < 2 {
            continue;
        }
        for (k, piece) in pieces.iter().enumerate() {
            assert!(piece.onepass.is_some(), "{}: piece {k}", format.spec.id);
            checked += 1;
        }
    }
    assert!(checked >= 6, "the tracing formats have three pieces each");
}

// --- never panic, never lose a byte

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Lines made of the characters the scanners care about, in any order:
    /// every byte passes through and every line gets into a record.
    #[test]
    fn any_text_passes_through_whole(text in r#"([\[\]{}()"'=: a-zA-Z0-9|\\\x1b\r\n-]|INFO |\[DHT\] |node-1 +\| |\{"level":"INFO"\}|  2026-11-25T14:06:00Z  INFO t: |    at |    in s with node: ){0,200}"#) {
        let c = read(&text);
        let lines = text.split_inclusive('\n').count() as u64;
        let mut covered = vec![false; lines as usize + 1];
        for r in &c.records {
            proptest::prop_assert!(r.0 >= 1 && r.0 <= r.1 && r.1 <= lines, "{:?}", r);
            covered[r.0 as usize] = true;
            for l in r.0..=r.1 {
                covered[l as usize] = true;
            }
        }
        proptest::prop_assert!(covered[1..].iter().all(|&c| c));
    }
}

/// `fmt().with_timer(uptime())` pads its seconds to four digits before the
/// point; the pretty format writes two spaces first. The width is all that
/// tells a full or compact line from a pretty one.
#[test]
fn uptime_stamps_are_told_apart_by_their_padding() {
    for (seconds, expected) in [("0", 3), ("12", 2), ("123", 1), ("1234", 0), ("12345", 0)] {
        let pad = " ".repeat(expected);
        for (lead, format) in [("", "tracing-fmt-compact"), ("  ", "tracing-fmt-pretty")] {
            let line = format!("{lead}{pad}{seconds}.012345678s  INFO g: a");
            let r = parse_one(&line);
            assert_eq!(
                (r.format, r.time.as_deref(), r.target.as_deref()),
                (format, Some(&*format!("{seconds}.012345678s")), Some("g")),
                "{line:?}"
            );
        }
    }
    // padding one short of the pretty format's is not the pretty format
    for line in [
        "    0.5s  INFO g: a",
        "   12.5s  INFO g: a",
        "  123.5s  INFO g: a",
    ] {
        assert_ne!(parse_one(line).format, "tracing-fmt-pretty", "{line:?}");
    }
}

/// p2plog's own explanation head names a kind (`protocol.Variant`): an
/// app's tree output (`  ↳ bootstrap OK`) is not one, found by a review.
#[test]
fn only_a_kind_and_a_verdict_make_a_p2plog_head() {
    for (line, format) in [
        (
            "  ↳ kad.PutRecord.QuorumFailed EXPECTED PutRecord of `k` failed",
            "p2plog",
        ),
        ("  ↳ unknown.Config UNKNOWN", "p2plog"),
        ("  ↳ bootstrap OK", "plain"),
        ("  ↳ kad.X fine", "plain"),
    ] {
        assert_eq!(parse_one(line).format, format, "{line:?}");
    }
}
