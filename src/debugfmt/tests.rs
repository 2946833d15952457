//! Tests of the Debug grammar: one per rule (accepts, leaves the right rest,
//! rejects), round trips of values printed by Rust itself, and properties.

use super::parse::{self, PResult};
use super::*;

/// Runs a rule and returns (rest, printed value); panics on failure.
fn ok<'a>(rule: impl Fn(&'a str) -> PResult<'a, Value<'a>>, input: &'a str) -> (&'a str, String) {
    let (rest, v) = rule(input).unwrap_or_else(|e| panic!("{input:?} rejected: {e:?}"));
    (rest, v.compact())
}

fn kind_of(input: &str) -> Kind<'_> {
    parse(input)
        .unwrap_or_else(|e| panic!("{input:?}: {e}"))
        .kind
}

// ---- tokens ----

#[test]
fn ident_accepts_words_and_raw_identifiers() {
    assert_eq!(parse::ident("tv_sec: 1"), Ok((": 1", "tv_sec")));
    assert_eq!(parse::ident("r#type)"), Ok((")", "r#type")));
    assert_eq!(parse::ident("_x"), Ok(("", "_x")));
    assert!(parse::ident("9lives").is_err());
    assert!(parse::ident("-x").is_err());
}

#[test]
fn path_accepts_segments_and_generics() {
    assert_eq!(
        parse::path("libp2p_kad::Mode::Server,"),
        Ok((",", "libp2p_kad::Mode::Server"))
    );
    assert_eq!(
        parse::path("PhantomData<(u8, u16)>)"),
        Ok((")", "PhantomData<(u8, u16)>"))
    );
    assert_eq!(parse::path("Name {"), Ok((" {", "Name")));
    assert!(parse::path("::x").is_err());
}

#[test]
fn generics_need_a_closing_bracket_on_the_same_line() {
    assert_eq!(parse::generics("<u8>x"), Ok(("x", "<u8>")));
    assert!(parse::generics("<u8\n>").is_err());
    assert!(parse::generics("u8>").is_err());
}

#[test]
fn number_keeps_huge_integers_as_text() {
    let big = "57896044618658097711785492504343953926634992332820282019728792003956564819968";
    assert_eq!(parse::number(big), Ok(("", (big, false))));
    assert_eq!(parse::number("-3.25e-7,"), Ok((",", ("-3.25e-7", true))));
    assert_eq!(parse::number("12.x"), Ok((".x", ("12", false))));
    assert!(parse::number("x1").is_err());
}

#[test]
fn numeric_reads_durations_in_every_unit() {
    for (text, want) in [
        ("10ns", Kind::Duration("10ns")),
        ("250µs", Kind::Duration("250µs")),
        ("76.0568ms", Kind::Duration("76.0568ms")),
        ("1.5s", Kind::Duration("1.5s")),
        ("172800s", Kind::Duration("172800s")),
        ("-12", Kind::Int("-12")),
        ("1e20", Kind::Float("1e20")),
        ("-inf", Kind::Float("-inf")),
    ] {
        let (rest, v) = parse::numeric(text).unwrap();
        assert_eq!((rest, v.kind), ("", want), "{text}");
    }
    // a unit must end the token: `1sec` is a number followed by other text
    assert_eq!(parse::numeric("1sec").unwrap().0, "sec");
    assert!(parse::numeric("ms").is_err());
}

#[test]
fn duration_unit_accepts_only_std_units() {
    assert_eq!(parse::duration_unit("µs)"), Ok((")", "µs")));
    assert!(parse::duration_unit("us").is_err());
    assert!(parse::duration_unit("min").is_err());
}

#[test]
fn string_keeps_escapes_and_stops_at_the_closing_quote() {
    assert_eq!(
        ok(parse::string, r#""a \"b\" \u{1b}", x"#),
        (", x", r#""a \"b\" \u{1b}""#.into())
    );
    assert!(parse::string(r#""unterminated"#).is_err());
    assert!(parse::string("x").is_err());
}

#[test]
fn char_accepts_escapes_and_rejects_words() {
    assert_eq!(ok(parse::char_lit, r"'\'')"), (")", r"'\''".into()));
    assert_eq!(ok(parse::char_lit, r"'\u{0}'"), ("", r"'\u{0}'".into()));
    assert!(parse::char_lit("'ab'").is_err());
    assert!(parse::char_lit("''").is_err());
}

#[test]
fn byte_string_accepts_hex_escapes() {
    assert_eq!(
        ok(parse::byte_string, r#"b"\0\x12\xffa\n\"")"#),
        (")", r#"b"\0\x12\xffa\n\"""#.into())
    );
    assert!(parse::byte_string(r#""x""#).is_err());
}

#[test]
fn socket_v6_is_an_address_not_a_list() {
    assert_eq!(
        ok(parse::socket_v6, "[::1]:4001, x"),
        (", x", "[::1]:4001".into())
    );
    assert!(parse::socket_v6("[1, 2]").is_err());
    assert_eq!(kind_of("([::1]:4001,)"), kind_of("([::1]:4001,)"));
    let v = parse("Foo([::1]:4001)").unwrap();
    assert_eq!(v.only().unwrap().kind, Kind::Bare("[::1]:4001"));
}

#[test]
fn bare_stops_at_the_delimiter_of_its_depth() {
    assert_eq!(
        ok(parse::bare, "/ip4/127.0.0.1/tcp/1 }"),
        (" }", "/ip4/127.0.0.1/tcp/1".into())
    );
    assert_eq!(ok(parse::bare, "a(b, c) d, e"), (", e", "a(b, c) d".into()));
    assert_eq!(
        ok(parse::bare, r#"x "a, b" y)"#),
        (")", r#"x "a, b" y"#.into())
    );
    // gossipsub pads short hex with spaces before the comma: keep them
    assert_eq!(
        ok(parse::bare, "6869    , source"),
        (", source", "6869    ".into())
    );
    // but not before a trailing comma: they belong to the container
    assert_eq!(ok(parse::bare, "6869  \n,\n}"), ("  \n,\n}", "6869".into()));
    assert_eq!(ok(parse::bare, "6869 ,"), (" ,", "6869".into()));
    assert_eq!(
        ok(parse::bare, "127.0.0.1:4001: x"),
        (": x", "127.0.0.1:4001".into())
    );
    assert!(parse::bare(", x").is_err());
    assert!(parse::bare("  )").is_err());
}

// ---- containers ----

#[test]
fn struct_body_accepts_compact_pretty_and_elided() {
    let (rest, (fields, layout)) = parse::struct_body(" a: 1, b: x }z", 0).unwrap();
    assert_eq!((rest, fields.len(), layout.pretty), ("z", 2, false));
    let (_, (fields, layout)) = parse::struct_body(" a: 1, .. }", 0).unwrap();
    assert_eq!(fields[1].value.kind, Kind::Elided(".."));
    assert!(!layout.truncated);
    let (rest, (fields, layout)) = parse::struct_body("\n    a: 1,\n    ..\n}", 0).unwrap();
    assert_eq!((rest, fields.len(), layout.pretty), ("", 2, true));
    // a person's `…` in a pasted event, even between fields
    let (_, (fields, _)) = parse::struct_body(" a: 1, …, b: 2 }", 0).unwrap();
    let names: Vec<_> = fields.iter().map(|f| f.name).collect();
    assert_eq!(names, ["a", "", "b"]);
    assert!(parse::struct_body(" a: 1 ]", 0).is_err());
    assert!(parse::struct_body(" 1: 2 }", 0).is_err());
}

#[test]
fn elision_accepts_two_dots_or_an_ellipsis() {
    assert_eq!(ok(parse::elision, "..)"), (")", "..".into()));
    assert_eq!(ok(parse::elision, "… }"), (" }", "…".into()));
    assert!(parse::elision(".x").is_err());
    assert!(parse::value("Right(..)", 0)
        .is_ok_and(|(_, v)| v.only().unwrap().kind == Kind::Elided("..")));
    assert!(parse("Config { a: 1, .. }").unwrap().is_non_exhaustive());
    assert!(!parse("Config { a: 1 }").unwrap().is_non_exhaustive());
}

#[test]
fn field_needs_a_name_and_a_colon() {
    let (rest, f) = parse::field("quorum: 1, x", 0).unwrap();
    let f = f.unwrap();
    assert_eq!(
        (rest, f.name, f.value.kind),
        (", x", "quorum", Kind::Int("1"))
    );
    assert!(parse::field("quorum 1", 0).is_err());
}

#[test]
fn items_accept_trailing_commas_and_pairs() {
    let (rest, (items, layout)) = parse::items("\n    1,\n    2,\n]!", ']', 0).unwrap();
    assert_eq!((rest, items.len(), layout.pretty), ("!", 2, true));
    let (_, (items, _)) = parse::items("Distance(7): PeerId(\"x\")}", '}', 0).unwrap();
    assert!(matches!(items[0].kind, Kind::Pair(_)));
    assert!(parse::items("1 2]", ']', 0)
        .is_ok_and(|(_, (items, _))| items[0].kind == Kind::Bare("1 2")));
    assert!(
        parse::items("1; 2)", ']', 0).is_ok_and(|(r, _)| r == ")")
            || parse::items("1; 2)", ']', 0).is_err()
    );
}

#[test]
fn item_reads_the_derive_wrapper_as_a_pair() {
    let (rest, v) = parse::item("KadNodeEvent: ModeChanged { new_mode: Server })", 0).unwrap();
    assert_eq!(rest, ")");
    let Kind::Pair(pair) = v.kind else {
        panic!("not a pair: {v:?}")
    };
    assert_eq!(pair.0.kind, Kind::Unit("KadNodeEvent"));
    assert_eq!(pair.1.name(), Some("ModeChanged"));
}

#[test]
fn named_decides_between_struct_tuple_and_unit() {
    assert!(matches!(kind_of("Name { a: 1 }"), Kind::Struct { .. }));
    assert!(matches!(
        kind_of("Name(1)"),
        Kind::Tuple {
            name: Some("Name"),
            ..
        }
    ));
    assert_eq!(kind_of("None"), Kind::Unit("None"));
    assert_eq!(kind_of("true"), Kind::Bool(true));
    assert_eq!(kind_of("NaN"), Kind::Float("NaN"));
    assert_eq!(kind_of("inf"), Kind::Float("inf"));
    assert!(parse::named("(x)", 0).is_err());
}

#[test]
fn structured_dispatches_on_the_first_character() {
    assert!(matches!(kind_of("[1, 2]"), Kind::List { .. }));
    assert!(matches!(kind_of("{1, 2}"), Kind::Braced { .. }));
    assert!(matches!(kind_of("(1, 2)"), Kind::Tuple { name: None, .. }));
    assert!(matches!(kind_of("()"), Kind::Tuple { name: None, .. }));
    assert_eq!(kind_of("b\"k\""), Kind::ByteStr("k"));
    assert!(parse::structured("/ip4/1.2.3.4", 0).is_err());
    assert!(parse::structured("", 0).is_err());
}

#[test]
fn value_falls_back_to_bare_for_odd_text() {
    let (rest, v) = parse::value("0102abcd)", 0).unwrap();
    assert_eq!((rest, v.kind), (")", Kind::Bare("0102abcd")));
    let (_, v) = parse::value("127.0.0.1:4001, x", 0).unwrap();
    assert_eq!(v.kind, Kind::Bare("127.0.0.1:4001"));
    let (_, v) = parse::value("68656c6c6f20776f72.., x", 0).unwrap();
    assert_eq!(v.kind, Kind::Bare("68656c6c6f20776f72.."));
}

// ---- the public edge ----

#[test]
fn parse_rejects_trailing_text_and_empty_input() {
    assert_eq!(parse("Foo(1) bar"), Err(Error::Trailing { offset: 7 }));
    assert_eq!(parse("   \n"), Err(Error::Empty));
    assert!(matches!(parse("Foo { a: 1 ]"), Err(Error::Syntax { .. })));
    let (v, rest) = parse_prefix("  Foo(1) total_peers=1").unwrap();
    assert_eq!((v.compact().as_str(), rest), ("Foo(1)", " total_peers=1"));
}

#[test]
fn nesting_is_capped_without_overflowing_the_stack() {
    let deep = format!("{}{}", "Some(".repeat(100_000), ")".repeat(100_000));
    assert!(matches!(parse(&deep), Err(Error::TooDeep { .. })));
    let list = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(parse(&list), Err(Error::TooDeep { .. })));
    let ok_depth = format!("{}1{}", "Some(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
    assert!(parse(&ok_depth).is_ok());
}

#[test]
fn truncated_events_keep_their_head_and_say_so() {
    let cut = "OutboundQueryProgressed { id: QueryId(27), result: PutRecord(Err(QuorumFailed { key: Key(b\"/llama";
    let v = parse(cut).unwrap();
    assert!(v.is_truncated());
    let result = v.field("result").unwrap();
    assert_eq!(result.name(), Some("PutRecord"));
    assert_eq!(
        result.only().and_then(Value::only).and_then(Value::name),
        Some("QuorumFailed")
    );
    assert!(!parse("Foo(1)").unwrap().is_truncated());
    // the outermost value's own brackets tell, whatever depth the cut is at
    for end in [30, 50, 70, cut.len()] {
        let v = parse(&cut[..end]).unwrap();
        assert!(v.is_cut_short() && v.is_truncated(), "{}", &cut[..end]);
    }
    assert!(!parse("Foo(Bar { a: [1] })").unwrap().is_cut_short());
}

/// Found by the DESIGN.md audit: a text cut inside a field's name
/// (`… connection_`) or before its `:` failed the whole struct, so the
/// event was lost; cut anywhere, the head stays.
#[test]
fn a_cut_inside_a_field_name_lost_the_whole_value() {
    let cut = "ConnectionEstablished { peer_id: PeerId(\"12D3KooW\"), connection_id: ConnectionId(1), endpoint: Dialer { address: /ip4/1.2.3.4/tcp/1 } }";
    let head = "ConnectionEstablished {".len();
    for end in head..cut.len() {
        let v = parse(&cut[..end]).unwrap_or_else(|e| panic!("{}: {e:?}", &cut[..end]));
        assert_eq!(v.name(), Some("ConnectionEstablished"), "{}", &cut[..end]);
        assert!(v.is_cut_short(), "{}", &cut[..end]);
    }
}

#[test]
fn spans_point_into_the_input() {
    let text = "Foo { a: Bar(1), b: \"x\" }";
    let v = parse(text).unwrap();
    assert_eq!(v.span(text), Some(0..text.len()));
    let bar = v.field("a").unwrap();
    assert_eq!(&text[bar.span(text).unwrap()], "Bar(1)");
    assert_eq!(v.span("other"), None);
}

#[test]
fn text_keeps_control_characters_escaped() {
    assert_eq!(
        unescape_printable(r#"v\n::error::x\"q\""#),
        r#"v\n::error::x"q""#
    );
    assert_eq!(
        unescape_printable(r"a\u{1b}[2J\r\t\0\x07"),
        r"a\x1b[2J\r\t\0\x07"
    );
    let v = parse(r#"Some("agent\n::error::forged")"#).unwrap();
    assert_eq!(v.only().unwrap().text().unwrap(), r"agent\n::error::forged");
}

#[test]
fn unescape_resolves_rust_escapes() {
    assert_eq!(unescape(r#"a\"b\\c\n\u{1b}\0"#), "a\"b\\c\n\u{1b}\0");
    assert_eq!(unescape(r"\x41\xff"), "A\u{fffd}");
    assert_eq!(unescape("plain"), "plain");
    assert_eq!(unescape(r"\q"), r"\q");
}

#[test]
fn find_picks_values_out_of_free_text() {
    let texts = [
        (
            "[DHT] [EVENT] OutboundQueryProgressed { id: QueryId(1) }",
            vec!["OutboundQueryProgressed { id: QueryId(1) }"],
        ),
        (
            "Failed to put record: QuorumFailed { quorum: 1 }",
            vec!["QuorumFailed { quorum: 1 }"],
        ),
        (
            "Swarm event: Behaviour(MyBehaviourEvent: ModeChanged { new_mode: Server })",
            vec!["Behaviour(MyBehaviourEvent: ModeChanged { new_mode: Server })"],
        ),
        (
            "bootstrap query=QueryId(1) record=Key(b\"k\") x",
            vec!["QueryId(1)", "Key(b\"k\")"],
        ),
        (
            "libp2p_swarm::SwarmEvent::Dialing { connection_id: ConnectionId(1) }",
            vec!["libp2p_swarm::SwarmEvent::Dialing { connection_id: ConnectionId(1) }"],
        ),
        ("Connection closed: peer left (3 retries)", vec![]),
        ("Failed to trigger bootstrap: No known peers.", vec![]),
        ("NotADebug value", vec![]),
    ];
    for (text, want) in texts {
        let got: Vec<&str> = find(text).iter().map(|f| &text[f.start..f.end]).collect();
        assert_eq!(got, want, "in {text:?}");
    }
}

/// Found by the second field test (an `#[instrument]` span with a peer id,
/// a user's `swarm task{peer_id=PeerId(..)}` span): the span's `}` after
/// a value in its fields read as a bracket nothing opened, and hid the
/// rest of the line, the event with it. A closer that is no span's still
/// hides it.
#[test]
fn a_span_field_value_hid_the_event_after_the_span() {
    let found = |text: &'static str| -> Vec<(&str, bool)> {
        find(text)
            .iter()
            .map(|f| (&text[f.start..f.end], f.value.is_ok()))
            .collect()
    };
    assert_eq!(
        found("WARN run{peer=PeerId(\"a\")}: app: Foo(1)"),
        [("PeerId(\"a\")", true), ("Foo(1)", true)]
    );
    assert_eq!(
        found("a{x=Some(1)}:b{y=Bar(2)}: app: Foo(1)"),
        [("Some(1)", true), ("Bar(2)", true), ("Foo(1)", true)]
    );
    // a struct's ` {`, a closer that no `}:` follows, a span closed before
    for text in [
        "x {peer=PeerId(\"a\")}: app: Foo(1)",
        "run{peer=PeerId(\"a\")}) app: Foo(1)",
        "run{a=1} PeerId(\"a\")}: app: Foo(1)",
        // a peer's `/dns4/a{`: no span's name
        "x /dns4/a{peer=PeerId(\"a\")}: app: Foo(1)",
    ] {
        let got = found(text);
        assert_eq!(got.len(), 2, "{text}: {got:?}");
        assert!(!got[1].1, "{text}: {got:?}");
    }
}

#[test]
fn find_reports_a_too_deep_value_as_an_error() {
    let text = format!("x {}", "Some(".repeat(1000));
    let found = find(&text);
    assert_eq!(found.len(), 1);
    assert!(matches!(found[0].value, Err(Error::TooDeep { .. })));
}

/// Found by the hostile-input tests: `find` stopped at a value nested too
/// deep, so `explain` lost every event after it in the same text.
#[test]
fn find_went_no_further_than_a_too_deep_value() {
    let deep = format!("{}1{}", "Some(".repeat(1000), ")".repeat(1000));
    let open = "Some(".repeat(1000);
    let text = format!("a {deep} \"(\" b Foo(1)\nnever {open} closes Bar(2)\nBaz(3)");
    let found = find(&text);
    let got: Vec<(&str, bool)> = found
        .iter()
        .map(|f| (&text[f.start..f.end], f.value.is_ok()))
        .collect();
    let unclosed = format!("{open} closes Bar(2)");
    assert_eq!(
        got,
        [
            (deep.as_str(), false),
            ("Foo(1)", true),
            (unclosed.as_str(), false),
            ("Baz(3)", true)
        ],
        "a value that never closes hides the rest of its line only"
    );
    // deep lines: each failure skips what the parser read (so a text of
    // many deep lines is not quadratic); the values found are deeper parts
    // of the same value
    let lines = format!("Foo {{\n{}Bar(1)", "  Some(\n".repeat(10_000));
    let found = find(&lines);
    assert!(found.len() < 10_000 / 64, "{}", found.len());
    assert!(found[..found.len() - 1].iter().all(|f| f.value.is_err()));
}

// ---- round trips of values printed by Rust ----

/// Found by fuzzing (`debugfmt`): a bare token kept the white space before
/// a trailing comma (`{x\n,}`), printing put it before the closing bracket
/// (`{x\n}`), and parsing that dropped it: print → parse → print changed.
#[test]
fn a_bare_token_before_a_trailing_comma_did_not_print_stably() {
    for text in [
        "{\u{FFFD}\n,}",
        "[ab  ,]",
        "(ab\t,)",
        "Foo { a: 0102  ,\n}",
        "{x\n,\n}",
    ] {
        let printed = parse(text).unwrap().to_string();
        let again = parse(&printed).unwrap().to_string();
        assert_eq!(again, printed, "{text:?}");
    }
    // padding before a comma between items is still kept
    assert_eq!(parse("[0102ab  , c]").unwrap().to_string(), "[0102ab  , c]");
}

/// Found by fuzzing (`debugfmt`): a field whose value is a lone colon
/// (`a {e::}`) printed as `a { e: : }`, which did not parse: a bare token
/// stopped at a colon followed by a space even as its first character.
#[test]
fn a_lone_colon_value_did_not_parse_once_printed() {
    for text in ["a {e::}", "[x, :]", "Foo(:)"] {
        let printed = parse(text).unwrap().to_string();
        let again = parse(&printed).unwrap_or_else(|e| panic!("{printed:?}: {e}"));
        assert_eq!(again.to_string(), printed, "{text:?}");
    }
    // `Name: value` still splits at the colon
    assert_eq!(
        ok(parse::bare, "MyEvent: Inner"),
        (": Inner", "MyEvent".into())
    );
}

/// Found by fuzzing (`debugfmt`, after 888 495 runs): a value ending in a
/// colon right before the closing bracket (`Outbutbo { key: [5::]::}`) printed
/// with the space Rust puts there (`[5::]:: }`), and that colon-space then
/// split the token as if a `Name: value` pair began, with no value to follow.
/// The re-run found the same after a list (`[5:: :t]:}`): `at_delimiter` took
/// that colon-space for a pair's too. Both now need a value after the `: `.
#[test]
fn a_bare_token_ending_in_a_colon_did_not_parse_once_printed() {
    for text in [
        "Outbutbo { key: [5::::::::]::}\n",
        // and a list before such a colon (after 617 471 runs of the re-run)
        "Outbo { key: [5::::::: :t::]:}\n",
        "Foo(x::)",
        "[a:, b:]",
        "{k: v:}",
    ] {
        let printed = parse(text).unwrap().to_string();
        let again = parse(&printed).unwrap_or_else(|e| panic!("{printed:?}: {e}"));
        assert_eq!(again.to_string(), printed, "{text:?}");
    }
    // a colon-space with a value after it still splits
    assert_eq!(ok(parse::bare, "[5::]: Inner"), (": Inner", "[5::]".into()));
}

#[allow(dead_code)] // the look-alikes exist to be printed
mod roundtrip {
    use super::super::parse;
    use std::collections::{BTreeMap, BTreeSet, HashMap};
    use std::fmt;
    use std::time::{Duration, Instant};

    /// Parses `{:?}` and `{:#?}` of `value` and checks both print back byte for byte,
    /// and that the compact form of the pretty parse is the `{:?}` text.
    fn assert_roundtrip(value: &dyn fmt::Debug) {
        let compact = format!("{value:?}");
        let pretty = format!("{value:#?}");
        for text in [&compact, &pretty] {
            let parsed = parse(text).unwrap_or_else(|e| panic!("{text}\n{e}"));
            assert_eq!(parsed.to_string(), *text);
            assert!(!parsed.is_truncated(), "{text}");
        }
        assert_eq!(parse(&pretty).unwrap().compact(), compact);
    }

    /// libp2p's `PeerId`: a manual `debug_tuple` over the base58 text.
    struct PeerId(&'static str);
    impl fmt::Debug for PeerId {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.debug_tuple("PeerId").field(&self.0).finish()
        }
    }

    /// `Multiaddr`: Debug is Display, unquoted.
    struct Multiaddr(&'static str);
    impl fmt::Debug for Multiaddr {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.0)
        }
    }

    /// `bytes::Bytes`: an escaped byte string.
    struct Bytes(&'static [u8]);
    impl fmt::Debug for Bytes {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("b\"")?;
            for &b in self.0 {
                match b {
                    b'\n' => f.write_str("\\n")?,
                    b'\r' => f.write_str("\\r")?,
                    b'\t' => f.write_str("\\t")?,
                    b'\\' | b'"' => write!(f, "\\{}", b as char)?,
                    b'\0' => f.write_str("\\0")?,
                    0x20..0x7f => write!(f, "{}", b as char)?,
                    _ => write!(f, "\\x{b:02x}")?,
                }
            }
            f.write_str("\"")
        }
    }

    #[derive(Debug)]
    struct Key(Bytes);

    #[derive(Debug)]
    struct QueryId(usize);

    #[derive(Debug)]
    struct QueryStats {
        requests: u32,
        success: u32,
        failure: u32,
        start: Option<Instant>,
        end: Option<Instant>,
    }

    #[derive(Debug)]
    enum PutRecordError {
        QuorumFailed {
            key: Key,
            success: Vec<PeerId>,
            quorum: std::num::NonZeroUsize,
        },
    }

    #[derive(Debug)]
    enum QueryResult {
        PutRecord(Result<(), PutRecordError>),
    }

    #[derive(Debug)]
    enum KadEvent {
        OutboundQueryProgressed {
            id: QueryId,
            result: QueryResult,
            stats: QueryStats,
        },
        ModeChanged {
            new_mode: Mode,
        },
    }

    #[derive(Debug)]
    enum Mode {
        Server,
    }

    /// What `#[derive(NetworkBehaviour)]` generates: `Name: {inner:?}`.
    enum MyBehaviourEvent {
        Kademlia(KadEvent),
    }
    impl fmt::Debug for MyBehaviourEvent {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            match self {
                MyBehaviourEvent::Kademlia(ev) => write!(f, "MyBehaviourEvent: {ev:?}"),
            }
        }
    }

    #[derive(Debug)]
    #[allow(dead_code)]
    enum ConnectedPoint {
        Dialer {
            address: Multiaddr,
            role_override: Endpoint,
        },
    }

    #[derive(Debug)]
    enum Endpoint {
        Dialer,
    }

    #[derive(Debug)]
    #[allow(dead_code)]
    enum SwarmEvent {
        Behaviour(MyBehaviourEvent),
        ConnectionEstablished {
            peer_id: PeerId,
            endpoint: ConnectedPoint,
            num_established: std::num::NonZeroU32,
            concurrent_dial_errors: Option<Vec<(Multiaddr, std::io::Error)>>,
            established_in: Duration,
        },
    }

    struct NonExhaustive;
    impl fmt::Debug for NonExhaustive {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.debug_struct("Config")
                .field("a", &1)
                .finish_non_exhaustive()
        }
    }

    struct Empty;
    impl fmt::Debug for Empty {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.debug_struct("Empty").finish_non_exhaustive()
        }
    }

    #[derive(Debug)]
    struct Unit;

    const PEER: &str = "12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq";

    #[test]
    fn std_scalars_and_strings() {
        assert_roundtrip(&(
            1u8,
            -2i64,
            u128::MAX,
            1.5f64,
            1e-7f64,
            1e20f64,
            f64::NAN,
            f64::INFINITY,
        ));
        assert_roundtrip(&(
            f64::NEG_INFINITY,
            -0.0f64,
            true,
            false,
            'x',
            '\'',
            '\u{0}',
            '\n',
        ));
        assert_roundtrip(&(
            "plain",
            "quote \" backslash \\ tab \t nl \n esc \u{1b}[31m",
            "\u{7f}\u{200b}",
        ));
        assert_roundtrip(&(Unit, (), (1,), ((), ((),)), String::new()));
    }

    #[test]
    fn durations_in_every_unit() {
        let ds = [
            Duration::from_nanos(10),
            Duration::from_micros(250),
            Duration::from_nanos(76_056_800),
            Duration::from_millis(1500),
            Duration::from_secs(172_800),
            Duration::new(1, 1),
            Duration::ZERO,
        ];
        assert_roundtrip(&ds);
    }

    #[test]
    fn options_results_and_collections() {
        let ok: Result<Option<u8>, String> = Ok(Some(3));
        let err: Result<(), String> = Err("x".into());
        assert_roundtrip(&(ok, err, None::<u8>, vec![1, 2, 3], Vec::<u8>::new()));
        let map: BTreeMap<&str, Vec<u8>> = [("a", vec![1]), ("b", vec![])].into();
        let set: BTreeSet<u32> = [1, 2].into();
        let hash: HashMap<u8, PeerId> = [(7, PeerId(PEER))].into();
        assert_roundtrip(&(map, set, hash, BTreeMap::<u8, u8>::new()));
    }

    #[test]
    fn io_errors_and_instants() {
        let refused = std::io::Error::from_raw_os_error(111);
        let custom = std::io::Error::other("protocol not supported");
        let kind = std::io::Error::from(std::io::ErrorKind::UnexpectedEof);
        assert_roundtrip(&(refused, custom, kind));
        assert_roundtrip(&Instant::now());
    }

    #[test]
    fn structs_non_exhaustive_and_empty() {
        assert_roundtrip(&NonExhaustive);
        assert_roundtrip(&Empty);
        assert_roundtrip(&vec![NonExhaustive]);
    }

    #[test]
    fn libp2p_look_alikes() {
        let start = Instant::now();
        let event = KadEvent::OutboundQueryProgressed {
            id: QueryId(27),
            result: QueryResult::PutRecord(Err(PutRecordError::QuorumFailed {
                key: Key(Bytes(b"/llama-cluster/llama-cluster/shard/1")),
                success: vec![PeerId(PEER)],
                quorum: 1.try_into().unwrap(),
            })),
            stats: QueryStats {
                requests: 1,
                success: 0,
                failure: 1,
                start: Some(start),
                end: None,
            },
        };
        assert_roundtrip(&event);
        assert_roundtrip(&Key(Bytes(b"\0\x12\xffa\n\"\\ ")));
        assert_roundtrip(&SwarmEvent::Behaviour(MyBehaviourEvent::Kademlia(event)));
        assert_roundtrip(&SwarmEvent::Behaviour(MyBehaviourEvent::Kademlia(
            KadEvent::ModeChanged {
                new_mode: Mode::Server,
            },
        )));
        assert_roundtrip(&SwarmEvent::ConnectionEstablished {
            peer_id: PeerId(PEER),
            endpoint: ConnectedPoint::Dialer {
                address: Multiaddr("/ip6/::1/udp/1/quic-v1/p2p-circuit/p2p/12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq"),
                role_override: Endpoint::Dialer,
            },
            num_established: 1.try_into().unwrap(),
            concurrent_dial_errors: Some(vec![(
                Multiaddr("/ip4/127.0.0.1/tcp/1"),
                std::io::Error::from_raw_os_error(111),
            )]),
            established_in: Duration::from_nanos(1_218_007),
        });
    }

    #[test]
    fn map_keys_can_be_any_value() {
        #[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
        struct Distance(u128);
        let m: BTreeMap<Distance, PeerId> = [(Distance(u128::MAX), PeerId(PEER))].into();
        assert_roundtrip(&m);
        let sockets = vec![
            std::net::SocketAddr::from(([127, 0, 0, 1], 4001)),
            std::net::SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, 4001)),
        ];
        assert_roundtrip(&sockets);
    }
}

// ---- properties ----

mod properties {
    use super::super::{find, parse, Field, Kind, Layout, Raw, Value};
    use proptest::prelude::*;

    fn leak(s: String) -> &'static str {
        Box::leak(s.into_boxed_str())
    }

    fn value(kind: Kind<'static>) -> Value<'static> {
        Value { kind, raw: Raw("") }
    }

    fn upper_ident() -> impl Strategy<Value = &'static str> {
        "[A-Z][A-Za-z0-9_]{0,8}"
            .prop_filter("keyword", |s| s != "NaN")
            .prop_map(leak)
    }

    fn scalar() -> impl Strategy<Value = Value<'static>> {
        prop_oneof![
            upper_ident().prop_map(|s| value(Kind::Unit(s))),
            any::<bool>().prop_map(|b| value(Kind::Bool(b))),
            any::<i128>().prop_map(|n| value(Kind::Int(leak(n.to_string())))),
            any::<f64>().prop_map(|x| value(Kind::Float(leak(format!("{x:?}"))))),
            any::<u64>().prop_map(|n| value(Kind::Duration(leak(format!("{:?}", std::time::Duration::from_nanos(n)))))),
            any::<String>().prop_map(|s| {
                let q = format!("{s:?}");
                value(Kind::Str(leak(q[1..q.len() - 1].to_string())))
            }),
            any::<char>().prop_map(|c| {
                let q = format!("{c:?}");
                value(Kind::Char(leak(q[1..q.len() - 1].to_string())))
            }),
            "[a-z/ ]{0,10}".prop_map(|s| value(Kind::ByteStr(leak(s)))),
            prop_oneof![
                Just("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq"),
                Just("/ip6/::1/udp/1/quic-v1"),
                Just("127.0.0.1:4001"),
                Just("[::1]:4001"),
                Just("0102abcd"),
                Just("68656c6c6f20776f72.."),
            ]
            .prop_map(|s| value(Kind::Bare(s))),
        ]
    }

    /// Trees as Rust prints them: pretty nodes only under pretty parents, empty
    /// containers compact, pairs only as items.
    fn tree() -> impl Strategy<Value = Value<'static>> {
        scalar()
            .prop_recursive(5, 48, 5, |inner| {
                let items = prop::collection::vec(inner.clone(), 0..4);
                let pairs = prop::collection::vec(
                    (inner.clone(), inner.clone())
                        .prop_map(|(k, v)| value(Kind::Pair(Box::new((k, v))))),
                    1..3,
                );
                let fields = prop::collection::vec(
                    ("[a-z_][a-z0-9_]{0,6}".prop_map(leak), inner.clone()),
                    0..4,
                );
                prop_oneof![
                    (upper_ident(), fields, any::<bool>()).prop_map(
                        |(name, fields, non_exhaustive)| {
                            let mut fields: Vec<_> = fields
                                .into_iter()
                                .map(|(name, value)| Field { name, value })
                                .collect();
                            if non_exhaustive {
                                let value = value(Kind::Elided(".."));
                                fields.push(Field { name: "", value });
                            }
                            let layout = Layout::default();
                            value(Kind::Struct {
                                name,
                                fields,
                                layout,
                            })
                        }
                    ),
                    (prop::option::of(upper_ident()), items.clone())
                        .prop_filter("a named tuple has items", |(n, i)| n.is_none()
                            || !i.is_empty())
                        .prop_map(|(name, items)| value(Kind::Tuple {
                            name,
                            items,
                            layout: Layout::default()
                        })),
                    items.clone().prop_map(|items| value(Kind::List {
                        items,
                        layout: Layout::default()
                    })),
                    items.prop_map(|items| value(Kind::Braced {
                        items,
                        layout: Layout::default()
                    })),
                    pairs.prop_map(|items| value(Kind::Braced {
                        items,
                        layout: Layout::default()
                    })),
                    (upper_ident(), inner).prop_map(|(n, v)| value(Kind::Tuple {
                        name: Some("Behaviour"),
                        items: vec![value(Kind::Pair(Box::new((value(Kind::Unit(n)), v))))],
                        layout: Layout::default(),
                    })),
                ]
            })
            .prop_filter("the root is a container", |v| {
                matches!(
                    v.kind,
                    Kind::Struct { .. }
                        | Kind::Tuple { .. }
                        | Kind::List { .. }
                        | Kind::Braced { .. }
                )
            })
    }

    /// Marks every non-empty container pretty (as `{:#?}` would print it).
    fn prettify(v: &mut Value<'static>) {
        let has_body = !v.items().is_empty()
            || matches!(&v.kind, Kind::Struct { fields, .. } if !fields.is_empty());
        match &mut v.kind {
            Kind::Struct { fields, layout, .. } => {
                layout.pretty = has_body;
                fields.iter_mut().for_each(|f| prettify(&mut f.value));
            }
            Kind::Tuple {
                items,
                layout,
                name,
            } => {
                // the derive wrapper's inner event stays compact, as libp2p prints it
                layout.pretty = has_body;
                if *name != Some("Behaviour") {
                    items.iter_mut().for_each(prettify);
                }
            }
            Kind::List { items, layout } | Kind::Braced { items, layout } => {
                layout.pretty = has_body;
                items.iter_mut().for_each(prettify);
            }
            Kind::Pair(pair) => {
                prettify(&mut pair.0);
                prettify(&mut pair.1);
            }
            _ => {}
        }
    }

    proptest! {
        #[test]
        fn printed_trees_parse_back_equal(tree in tree()) {
            let text = tree.to_string();
            let parsed = parse(&text).map_err(|e| TestCaseError::fail(format!("{text}\n{e}")))?;
            prop_assert_eq!(&parsed, &tree, "{}", &text);
            prop_assert_eq!(parsed.to_string(), text.clone());
        }

        #[test]
        fn pretty_trees_parse_back_equal(mut tree in tree()) {
            prettify(&mut tree);
            let text = tree.to_string();
            let parsed = parse(&text).map_err(|e| TestCaseError::fail(format!("{text}\n{e}")))?;
            prop_assert_eq!(parsed.to_string(), text.clone());
            prop_assert_eq!(parsed.compact(), tree.compact());
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC*") {
            let _ = parse(&text);
            let _ = find(&text);
        }

        #[test]
        fn debug_like_noise_never_panics(text in "[A-Za-z(){}\\[\\],: \"'\\\\b0-9.\n-]{0,80}") {
            if let Ok(v) = parse(&text) {
                let _ = v.to_string();
                let _ = v.compact();
            }
            for f in find(&text) {
                prop_assert!(f.start <= f.end && f.end <= text.len());
            }
        }
    }
}
