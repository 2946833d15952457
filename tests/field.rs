//! Logs of real users, not of the fixtures' generator: lines pasted into
//! GitHub issues and project docs (tests/data/field/, each file's source
//! below), found by the field test of p2plog against them. Each test is
//! named after what p2plog got wrong.

use p2plog::knowledge::Verdict;
use p2plog::render::json::EventJson;

use crate::util::{path, run, run_with_stdin};

/// A user's log kept in tests/data/field/.
fn field_log(name: &str) -> String {
    std::fs::read_to_string(path(&format!("tests/data/field/{name}.log"))).unwrap()
}

/// Asserts that `text` holds `words`, showing the text when it does not.
fn says(text: &str, words: impl AsRef<str>) {
    let words = words.as_ref();
    assert!(text.contains(words), "no {words:?} in:\n{text}");
}

/// Asserts that `text` does not hold `words`, showing the text when it does.
fn never_says(text: &str, words: &str) {
    assert!(!text.contains(words), "{words:?} in:\n{text}");
}

/// The events `p2plog scan --format json` finds in `text`.
fn events(text: &str) -> Vec<EventJson> {
    let r = run_with_stdin(&["scan", "--format", "json"], text.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    (r.stdout.lines())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// https://github.com/BitcreditProtocol/Bitcredit-Core/issues/194: a node
/// built without libp2p's `rsa` feature dialled an RSA-keyed bootstrap
/// node. It read as a routine noise failure (`DecodingError`), expected,
/// with advice to check the address; the build lacks a key type, so every
/// such peer fails alike, in both directions.
#[test]
fn a_key_type_not_built_in_read_as_a_routine_noise_failure() {
    let log = field_log("rsa-feature");
    let incoming = "IncomingConnectionError { connection_id: ConnectionId(3), local_addr: /ip4/0.0.0.0/tcp/4001, send_back_addr: /ip4/1.2.3.4/tcp/5555, error: Transport(Other(Custom { kind: Other, error: Other(Left(Right(Apply(InvalidKey(DecodingError { msg: \"cargo feature `ecdsa` is not enabled\", source: None }))))) })), peer_id: None }";
    // the same error in `Display`, as libp2p-swarm and libp2p-noise write it
    let display = "Outgoing connection failed: Failed to negotiate transport protocol(s): [(/ip4/1.2.3.4/tcp/4001/p2p/QmcZf59bWwK5XFi76CZX8cbJ4BhTzzA3gU1ZjYZcYW3dwt: : Handshake failed: Invalid public key: Key decoding error: cargo feature `rsa` is not enabled)]";
    for (text, feature) in [(log.as_str(), "rsa"), (incoming, "ecdsa"), (display, "rsa")] {
        let found = events(text);
        assert_eq!(found.len(), 1, "{text}");
        let e = &found[0];
        assert_eq!(e.verdict, Verdict::Actionable, "{text}");
        says(&e.summary, format!("key type `{feature}` not built in"));
        says(
            &e.advice,
            format!("Enable libp2p's `{feature}` cargo feature"),
        );
    }
    assert!(run(&["explain", &log]).stdout.contains("ACTIONABLE"));
}

/// A doc on rust-libp2p's hole-punch interop test failures (found by text
/// search; the index names no repository): libp2p's own dial-failure line,
/// its `peer` field dropped and its address elided (`...`). It read as a
/// dial of "an address (no peer id)", actionable, of "0 addresses" with the
/// cause lost; the line says "to peer", so a peer id was dialled ("to
/// unknown peer" otherwise, swarm 0.48 lib.rs:837-839). And a QUIC close
/// whose code was elided read "with transport error .".
#[test]
fn an_elided_paste_lost_its_cause_and_read_as_a_configured_address() {
    let log = field_log("hole-punch-elided");
    let found = events(&log);
    assert_eq!(found.len(), 2, "{log}");
    let (dial, incoming) = (&found[0], &found[1]);
    assert_eq!(dial.kind, "swarm.log.ConnectionAttemptFailed");
    assert_eq!(dial.verdict, Verdict::Expected);
    assert_eq!(
        dial.summary,
        "Could not connect to a peer at ...: QUIC handshake timed out (5 s by default)."
    );
    assert!(
        incoming
            .summary
            .ends_with("closed the connection with a transport error."),
        "{}",
        incoming.summary
    );
    // the same line naming no peer is the app's dial of a bare address
    let unknown = events(
        "Connection attempt to unknown peer failed with Transport([(..., HandshakeTimedOut)])",
    );
    assert_eq!(unknown[0].verdict, Verdict::Actionable);
    says(&unknown[0].summary, "an address (no peer id)");
}

/// A Miasma daemon test report (found by text search; the index names no
/// repository): libp2p's dial-failure line wrapped by hand, so the line
/// holds only `Transport([`. It said "all 0 addresses failed".
#[test]
fn a_dial_error_cut_at_its_list_said_all_0_addresses_failed() {
    let log = field_log("wrapped-dial-error");
    let found = events(&log);
    let line = found
        .iter()
        .find(|e| e.kind == "swarm.log.ConnectionAttemptFailed")
        .unwrap();
    assert_eq!(
        line.summary,
        "Could not connect to a peer: every address failed (the text names none)."
    );
    // the joined value itself reads whole
    assert!(found.iter().any(|e| e
        .summary
        .ends_with(": QUIC handshake timed out (5 s by default).")));
}

/// A "relay dial failure" report of a p2p VPN (found by text search; the
/// index names no repository), which its author wrote because the line told
/// them nothing: a circuit the relay client dropped before the relay
/// answered, "Response from behaviour was canceled: oneshot canceled"
/// (libp2p-relay 0.22 priv_client/transport.rs:427), was quoted as is.
#[test]
fn a_relay_circuit_the_client_dropped_was_quoted_not_explained() {
    let log = field_log("relay-canceled");
    let found = events(&log);
    assert_eq!(found.len(), 1, "{log}");
    says(
        &found[0].explanation,
        "its connection to the relay failed or closed first",
    );
    says(&found[0].advice, "closed connection to the relay");
    // the Debug form says the same
    let debug = events("OutgoingConnectionError { connection_id: ConnectionId(7), peer_id: Some(PeerId(\"12D3KooWCFXhNVdJVf1cZf7TA6NYgkrD51YL7gDNiVLhf1ANd9wX\")), error: Transport([(/ip4/144.76.30.57/tcp/4001/p2p/12D3KooWRwrs3M34JNnRwGqhhocQs5xSYQk8kmci59fmYjhg9q4v/p2p-circuit/p2p/12D3KooWCFXhNVdJVf1cZf7TA6NYgkrD51YL7gDNiVLhf1ANd9wX, Right(ResponseFromBehaviourCanceled(Canceled)))]) }");
    assert!(
        debug[0]
            .summary
            .ends_with("relayed connection failed (`Canceled`)."),
        "{}",
        debug[0].summary
    );
}

/// A test report in Spanish (found by text search; the index names no
/// repository) lists libp2p's errors as a markdown list: `p2plog explain
/// "$(cat report.md)"` was refused by clap as an unknown argument `- `,
/// because the text starts with `-`; then (review) its error, written
/// `Transport([..., Timeout])` inside a code span, was not read. A mistyped
/// flag keeps clap's message.
#[test]
fn explain_refused_a_paste_that_starts_with_a_dash() {
    let report = field_log("markdown-list");
    let r = run(&["explain", &report, "--format", "json", "--peers", "3"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let e: EventJson = serde_json::from_str(r.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(e.kind, "swarm.log.ConnectionAttemptFailed");
    assert_eq!(e.summary, "Could not connect to a peer at ...: timed out.");
    let r = run(&["explain", "--peer", "3", &report]);
    assert_eq!(r.code, 2);
    says(&r.stderr, "a similar argument exists: '--peers'");
    // after `--` a word is text, whatever it starts with
    let r = run(&["explain", "--", "--bogus"]);
    says(&r.stderr, "no libp2p event found");
}

/// https://github.com/Quantus-Network/chain/pull/215 logs kad results
/// without their event: `Bootstrap(Ok(BootstrapOk { .., num_remaining: 2
/// }))` read "Bootstrap finished (2 bucket refreshes left)", and told to
/// "look at `success`", which the text does not have.
#[test]
fn a_bootstrap_result_alone_read_as_finished_with_refreshes_left() {
    let log = field_log("bootstrap-result-alone");
    let e = &events(&log)[0];
    assert_eq!(
        e.summary,
        "A bootstrap step finished (2 bucket refreshes left)."
    );
    never_says(&e.explanation, "look at `success`");
}

/// A docker swarm test of QUIC, kad and gossipsub (found by text search;
/// the index names no repository): a bootstrap step whose only peer failed
/// in 0.45 ms did not say that such a failure is a refusal, as a failed
/// query's explanation does (DESIGN.md: timing refines the explanation).
#[test]
fn a_bootstrap_step_refused_at_once_did_not_say_so() {
    let log = field_log("bootstrap-refused");
    let e = &events(&log)[0];
    assert_eq!(e.kind, "kad.Bootstrap.Ok");
    says(&e.explanation, "did so at once rather than timing out");
}

/// The README of a WebRTC ping server (found by text search; the index
/// names no repository; its author wrapped the line): a WebRTC listener
/// closed by `UDPMux(Os { .., kind: ConnectionReset, .. })` said only
/// "closed: `UDPMux`"; libp2p-webrtc's `Error::UDPMux` wraps the io error.
#[test]
fn a_webrtc_listener_s_error_stopped_at_its_udp_mux_wrapper() {
    let log = field_log("webrtc-listener");
    let e = &events(&log)[0];
    assert_eq!(e.kind, "swarm.ListenerClosed.Err");
    says(&e.summary, "closed: connection reset by the remote");
}

/// https://github.com/libp2p/rust-libp2p/issues/6038: a request whose
/// response failed with the cbor codec's `Eof { name: "array", expect:
/// Small(1) }` read as "an I/O error: `Eof`"; the codec ran out of bytes
/// (nothing sent, or a response cut at its size limit). The event is the
/// issue's error in `OutboundFailure`'s shape.
#[test]
fn a_cbor_response_cut_short_read_as_a_plain_io_error() {
    let event = "OutboundFailure { peer: PeerId(\"16Uiu2HAmVAfDDmVSK8ScJf1yrrWiYSVPVy7QBbNcJEhLv5iXQomM\"), connection_id: ConnectionId(3), request_id: OutboundRequestId(1), error: Io(Custom { kind: UnexpectedEof, error: Eof { name: \"array\", expect: Small(1) } }) }";
    let e = &events(event)[0];
    assert_eq!(e.kind, "request_response.OutboundFailure.Io");
    assert!(
        e.summary
            .ends_with("its response ended before the value did (the cbor codec's `Eof`)."),
        "{}",
        e.summary
    );
    says(&e.explanation, "10 MiB for responses");
}

/// A nockchain node's log (https://github.com/vasyagun/nockchain,
/// README.md): its app prints `bootstrap()`'s error with `Display`, "Failed
/// to bootstrap: No known peers.", which was no event.
#[test]
fn no_known_peers_printed_with_display_was_no_event() {
    let line = "I (10:15:18) nc: Failed to bootstrap: No known peers.";
    let found = events(line);
    assert_eq!(found.len(), 1, "{line}");
    assert_eq!(found[0].kind, "kad.NoKnownPeers");
}

/// https://github.com/libp2p/rust-libp2p/issues/2590: a relayed dial failed
/// on libp2p 0.43, whose `DialError` `Display` wrote the `Transport` list
/// with `Debug` (swarm v0.45.0 lib.rs:1477). The lone `Other(..)` in the
/// list read as a failed `listen_on()`, actionable, "during the
/// handshake", which `listen_on()` never does; it is the dial's address
/// error, and a bare `TransportError` whose cause is a connection's reads
/// as one.
#[test]
fn a_dial_address_error_read_as_a_failed_listen_on() {
    let found = events(&field_log("old-dial-error-display"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, "swarm.DialError.Transport");
    says(&found[0].summary, "/p2p-circuit/");
    says(&found[0].summary, "UnexpectedEof");
    let bare = "dial failed: Other(Custom { kind: Other, error: Timeout })";
    let found = events(bare);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].verdict, Verdict::Expected);
    never_says(&found[0].summary, "listen_on");
    // a bind error is still `listen_on()`'s
    let bind = "Other(Os { code: 98, kind: AddrInUse, message: \"Address in use\" })";
    let found = events(bind);
    assert_eq!(found[0].verdict, Verdict::Actionable);
    says(&found[0].summary, "`listen_on()` failed");
}

/// https://github.com/nimiq/core-rs-albatross/issues/741: libp2p's own
/// `Connection closed` lines under a `swarm task{peer_id=PeerId(..)}`
/// span. The span's `}` after the peer id read as a bracket nothing had
/// opened, and hid the rest of each line: no event in scan or explain.
#[test]
fn a_span_holding_a_peer_id_hid_the_event_after_it() {
    let log = field_log("span-with-peer");
    let found = events(&log);
    let kinds: Vec<&str> = found.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["swarm.log.ConnectionClosed"; 2]);
    let first = log.lines().next().unwrap();
    let r = run(&["explain", first]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    says(&r.stdout, "swarm.log.ConnectionClosed");
}

/// https://github.com/libp2p/rust-libp2p/issues/4153: identify's info on
/// libp2p 0.52.0–0.52.3, whose `StreamProtocol` derived `Debug`
/// (`StreamProtocol { inner: Right("/ipfs/id/1.0.0") }`). The protocols
/// read as none: "0 protocols", and, had kad been among them, "advertises
/// no kad protocol".
#[test]
fn protocols_of_libp2p_0_52_read_as_none() {
    let log = field_log("identify-0.52");
    let found = events(&log);
    assert_eq!(found.len(), 1);
    says(&found[0].summary, "with 3 protocols");
    let kad = log.replace("/libp2p/autonat/1.0.0", "/ipfs/kad/1.0.0");
    let r = run(&["explain", &kad]);
    never_says(&r.stdout, "no kad protocol");
    says(&r.stdout, "/ipfs/kad/1.0.0");
}

/// https://github.com/nimiq/core-rs-albatross/pull/666: a validator's
/// `publish()` returned `Duplicate` inside its app's own error enum, and
/// gossipsub said why in its pre-0.53 words (`… published. Msg-id <id>`).
/// The enum around the error was reported again as an unknown event, which
/// `--format github` turns into a warning; the message id read as `?`.
#[test]
fn a_wrapped_publish_error_was_unknown_too() {
    let found = events(&field_log("publish-duplicate"));
    let kinds: Vec<&str> = found.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "gossipsub.PublishError.Duplicate",
            "gossipsub.log.AlreadyPublished",
            "gossipsub.PublishError.Duplicate"
        ]
    );
    says(
        &found[1].summary,
        "(id 3133373630303630393431323431363133353136)",
    );
}

/// Libp2p values that users logged without the event around them were
/// unknown events (a warning each in `--format github`), though p2plog
/// knows them inside it: kad's `BootstrapOk { .. }`
/// (https://github.com/libp2p/rust-libp2p/issues/2121), AutoNAT's probe
/// `Request { probe_id, .. }` and `Error { probe_id, .. }`
/// (https://github.com/libp2p/rust-libp2p/issues/3986), an incoming
/// connection's `Transport(Other(..))`
/// (https://github.com/nimiq/core-rs-albatross/issues/446).
#[test]
fn libp2p_values_logged_alone_were_unknown() {
    let kinds = |name: &str| -> Vec<String> {
        events(&field_log(name))
            .into_iter()
            .map(|e| e.kind)
            .collect()
    };
    assert_eq!(kinds("bootstrap-ok-alone"), ["kad.Bootstrap.Ok"; 3]);
    assert_eq!(
        kinds("autonat-probes-alone"),
        [
            "autonat.OutboundProbe.Request",
            "autonat.OutboundProbe.Error.OutboundRequest",
            "autonat.OutboundProbe.Request"
        ]
    );
    assert_eq!(
        kinds("incoming-error-alone"),
        ["swarm.IncomingConnectionError.Transport"]
    );
    // the server's side: its request lists the addresses to dial back
    let server = "Request { probe_id: ProbeId(3), peer: PeerId(\"12D3KooWAbnBXNeWyy3HAqpV7aFfos9Wv4sPapetvz2Z9oYJ9U81\"), addresses: [/ip4/1.2.3.4/tcp/4001] }";
    let found = events(server);
    assert_eq!(found[0].kind, "autonat.InboundProbe.Request");
    // found by the review: an app's own shapes, and kad's `GetRecordOk` of
    // 0.49 and older (a struct whose fields say the opposite of the enum's)
    for other in [
        "Request { probe_id: 5, user: \"bob\" }",
        "GetRecordOk { records: [], cache_candidates: {} }",
    ] {
        let found = events(other);
        assert!(
            found[0].kind.starts_with("unknown."),
            "{other}: {}",
            found[0].kind
        );
    }
}

/// Found by the review of the fix above: a message wholly inside an unknown
/// value (a peer's string) became an event in the unknown's place.
#[test]
fn a_message_inside_an_unknown_value_became_an_event() {
    let line = "INFO app: event: Behaviour(MyProto(Hello { peer: PeerId(\"12D3KooWAbnBXNeWyy3HAqpV7aFfos9Wv4sPapetvz2Z9oYJ9U81\"), agent: \"Failed to trigger bootstrap: No known peers.\" }))";
    let kinds: Vec<String> = events(line).into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, ["unknown.Hello"]);
}

/// Found by the review of the request-response `Display` patterns: other
/// libraries use the same words (an HTTP client's `Timeout while waiting
/// for a response`), and an io error printed with `Display` read as its
/// first word (`Connection`).
#[test]
fn request_response_words_of_other_libraries_read_as_its_failures() {
    for other in [
        "ERROR reqwest_client: Timeout while waiting for a response from https://api.example.com",
        "WARN grpc: Connection was closed before a response was received",
    ] {
        assert_eq!(events(other).len(), 0, "{other}");
    }
    let io = "WARN app: Outbound request failed: IO error on outbound stream: Connection reset by peer (os error 104) peer=12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8 node=node-0";
    let found = events(io);
    assert_eq!(found[0].kind, "request_response.OutboundFailure.Io");
    says(&found[0].summary, "connection reset");
    says(&found[0].summary, "12D3KooW…QXui8");
    // the app's own words may name the peer before the failure's
    let named = "[2026-11-26T03:41:18Z WARN  generator] Request to 12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8 failed: Timeout while waiting for a response";
    says(
        &events(named)[0].summary,
        "Request to 12D3KooW…QXui8 timed out",
    );
}

/// Found by the review of the closed-connection summary: libp2p's line with
/// an error that is no Debug value read as no error, and the summary said
/// this node had closed the connection.
#[test]
fn an_error_in_words_read_as_a_local_close() {
    let line = "DEBUG libp2p_swarm: Connection closed with error connection is closed: Connected { endpoint: Dialer { address: /ip4/1.2.3.4/tcp/1, role_override: Dialer }, peer_id: PeerId(\"12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8\") }";
    let found = events(line);
    assert_eq!(found[0].kind, "swarm.log.ConnectionClosed");
    never_says(&found[0].summary, "this node closed it");
    says(&found[0].summary, "connection is closed");
}

/// https://github.com/paritytech/polkadot-sdk/issues/7184: a Kusama
/// validator on libp2p 0.54.1 logs a bootstrap step's error without its
/// event, "Libp2p => DHT bootstrap error: Timeout { peer: .., num_remaining:
/// Some(7) }" (polkadot-sdk's discovery.rs prints the `BootstrapError` with
/// `{e:?}`). It read as an unknown event `Timeout`, a warning in `--format
/// github`, though p2plog knows the same error inside its event.
#[test]
fn a_bootstrap_timeout_logged_alone_was_an_unknown_timeout() {
    let found = events(&field_log("bootstrap-timeout-alone"));
    let kinds: Vec<&str> = found.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["kad.Bootstrap.Timeout", "kad.log.ReplicationFailed"]
    );
    assert_eq!(
        found[0].summary,
        "A bootstrap step timed out (7 bucket refreshes left)."
    );
    // (review) judged as the same error inside its event is, without a
    // peer count: expected
    assert_eq!(found[0].verdict, Verdict::Expected);
    // other kad errors named `Timeout` are no bootstrap's
    let put = "Timeout { key: Key(b\"k\"), success: [], quorum: 1 }";
    never_says(&events(put)[0].kind, "Bootstrap");
}

/// https://github.com/libp2p/rust-libp2p/pull/6272: DCUtR's hole punch
/// dialled `/p2p/<peer id>`, an address with no transport part, which a
/// relayed connection gives (the relay client's `send_back_addr`, libp2p
/// 0.56 relay priv_client/transport.rs:405, reported by identify as the
/// observed address, kept by DCUtR's candidates, dcutr behaviour.rs:369).
/// p2plog said "no transport this node was built with handles it" and
/// advised enabling QUIC, WebRTC or WebSocket: no transport dials it.
#[test]
fn a_peer_id_only_address_read_as_a_transport_not_built_in() {
    let found = events(&field_log("hole-punch-peer-id-only"));
    let e = found
        .iter()
        .find(|e| e.kind == "swarm.log.ConnectionAttemptFailed")
        .unwrap();
    says(&e.explanation, "only a peer id");
    never_says(&e.explanation, "not built with");
    never_says(&e.advice, "Enable the transport");
    // the event and the `Display` form alike
    let event = "OutgoingConnectionError { connection_id: ConnectionId(9), peer_id: Some(PeerId(\"12D3KooWH3uVF6wv47WnArKHk5p6cvgCJEb74UTmxztmQDc298L3\")), error: Transport([(/p2p/12D3KooWH3uVF6wv47WnArKHk5p6cvgCJEb74UTmxztmQDc298L3, MultiaddrNotSupported(/p2p/12D3KooWH3uVF6wv47WnArKHk5p6cvgCJEb74UTmxztmQDc298L3))]) }";
    let display = "Outgoing connection failed: Failed to negotiate transport protocol(s): [(/p2p/12D3KooWH3uVF6wv47WnArKHk5p6cvgCJEb74UTmxztmQDc298L3: : Multiaddr is not supported: /p2p/12D3KooWH3uVF6wv47WnArKHk5p6cvgCJEb74UTmxztmQDc298L3)]";
    for text in [event, display] {
        let e = &events(text)[0];
        says(&e.explanation, "only a peer id");
        never_says(&e.advice, "Enable the transport");
    }
    // an address of a transport this build lacks still says so
    let webrtc = event.replace(
        "(/p2p/12D3KooWH3uVF6wv47WnArKHk5p6cvgCJEb74UTmxztmQDc298L3, MultiaddrNotSupported(/p2p/",
        "(/ip4/1.2.3.4/udp/1/webrtc-direct/p2p/12D3KooWH3uVF6wv47WnArKHk5p6cvgCJEb74UTmxztmQDc298L3, MultiaddrNotSupported(/ip4/1.2.3.4/udp/1/webrtc-direct/p2p/",
    );
    says(&events(&webrtc)[0].advice, "Enable the transport");
}

/// https://github.com/libp2p/rust-libp2p/pull/6272: an app logged DCUtR's
/// `Event::result` alone, "DCUTR to \"<peer>\" result: Err(Error { inner:
/// AttemptsExceeded(3) })": the hole punch's outcome, and the line a user
/// most wants explained, was no event at all. A `Result` around a libp2p
/// value hid it (an `Err(..)` is no event, and its value was not looked
/// into), and DCUtR's `Error` was read only inside its event.
#[test]
fn a_result_logged_alone_hid_the_libp2p_error_in_it() {
    let found = events(&field_log("hole-punch-peer-id-only"));
    let kinds: Vec<&str> = found.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "swarm.log.ConnectionAttemptFailed",
            "dcutr.Error.AttemptsExceeded"
        ]
    );
    assert_eq!(
        found[1].summary,
        "Hole punching to a peer gave up after 3 attempts; traffic stays relayed."
    );
    // kad's errors in a `Result` too; an app's own error in one stays unreported
    let bootstrap = "DHT bootstrap error: Err(Timeout { peer: PeerId(\"1AWmbDZr2zafuegydwsdp68JFvC24FfREM6H9YqLkHnVMx\"), num_remaining: Some(7) })";
    assert_eq!(events(bootstrap)[0].kind, "kad.Bootstrap.Timeout");
    assert_eq!(events("put failed: Err(MyError { code: 3 })").len(), 0);
    // (found by review) nor does an app's io error in libp2p's tuple
    // shapes: `Other(..)` alone reads as a transport error, in a `Result`
    // it is any app's
    let io = "r: Err(Other(Os { code: 2, kind: NotFound, message: \"No such file\" }))";
    assert_eq!(events(io).len(), 0);
    // an `Error` of other fields is not DCUtR's
    let other = events("Error { inner: AttemptsExceeded(3), code: 1 }");
    assert_eq!(other[0].kind, "unknown.Error");
}

/// https://github.com/libp2p/rust-libp2p/pull/3964 (a user's listener log,
/// libp2p 0.52): `Connection closed with error Handler(..(NoAddressesInReservation))`
/// read as an I/O error, "the connection broke … a NAT forgot the mapping".
/// libp2p 0.52's `ConnectionError::Handler` is a protocol handler closing
/// the connection (here relay's client: the relay listed no address).
#[test]
fn a_handler_closing_the_connection_read_as_a_broken_link() {
    let found = events(&field_log("relay-handler-close"));
    assert_eq!(found.len(), 1);
    let e = &found[0];
    assert_eq!(e.kind, "swarm.log.ConnectionClosed");
    says(
        &e.summary,
        "a protocol handler failed (`NoAddressesInReservation`)",
    );
    says(&e.explanation, "`ConnectionError::Handler`");
    says(&e.explanation, "no confirmed external address");
    never_says(&e.explanation, "NAT");
    // the event of that version alike, grouped by its handler's error
    let event = "ConnectionClosed { peer_id: PeerId(\"12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN\"), connection_id: ConnectionId(3), endpoint: Dialer { address: \"/ip4/1.2.3.4/tcp/4001\", role_override: Dialer }, num_established: 0, cause: Some(Handler(Left(Right(Apply(Custom { kind: Other, error: \"boom\" }))))) }";
    let e = &events(event)[0];
    assert_eq!(e.kind, "swarm.ConnectionClosed.Handler");
    says(&e.summary, "(`Custom { kind: Other, error: \"boom\" }`)");
    // (found by review) an error without a name is cut like a named one
    let long = event.replace(
        "Apply(Custom { kind: Other, error: \"boom\" })",
        &format!("{:?}", "x".repeat(300)),
    );
    let e = &events(&long)[0];
    says(&e.summary, format!("(`\"{}…`)", "x".repeat(119)));
    let summary = run_with_stdin(&["summary", "--color", "never"], event.as_bytes());
    says(
        &summary.stdout,
        "swarm.ConnectionClosed.Handler (handler error Custom { kind: Other, error: \"boom\" })",
    );
}

/// https://github.com/hoprnet/hoprnet/issues/6173: hoprd writes the
/// connection id in brackets before a failed dial's `DialError` in
/// `Display` ("outgoing connection error for peer 'None'
/// (ConnectionId(72)): Failed to negotiate transport protocol(s): [..]").
/// The `)` after `ConnectionId(72)` read as a value closed early, and the
/// rest of the line, the error, as inside it: two ERROR lines, no event.
#[test]
fn a_connection_id_in_brackets_hid_the_dial_error_after_it() {
    let found = events(&field_log("connection-id-in-brackets"));
    let summaries: Vec<&str> = found.iter().map(|e| e.summary.as_str()).collect();
    assert_eq!(
        summaries,
        [
            "Could not connect to a peer at /ip4/178.254.1.203/tcp/9091: connection refused.",
            "Could not connect to a peer at /ip4/162.19.247.195/tcp/9091: connection refused."
        ]
    );
    // a value a peer's text closed early (`/dns4/x] })…`) leaves its own
    // closers after that text: the rest of its line stays hidden
    let early =
        "(Received { info: [/dns4/x] }) Failed to trigger bootstrap: No known peers./tcp/1] })";
    let kinds: Vec<String> = events(early).into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, ["unknown.Received"]);
}

/// https://github.com/libp2p/rust-libp2p/issues/2122: an app on libp2p
/// 0.39 logs `SwarmEvent::UnreachableAddr`, "Failed to reach <peer> via
/// <addr>, remaining 3 attempts, cause: Transport(Other(..Timeout..))".
/// The lone `Transport(..)` read as an incoming connection's error, "the
/// remote connected but did not finish the handshake", with scanners to
/// blame; up to libp2p 0.39 each address of a failed dial was reported
/// with that value (libp2p-swarm 0.30 lib.rs:212-221).
#[test]
fn a_dial_s_error_of_libp2p_0_39_read_as_an_incoming_connection_s() {
    let found = events(&field_log("dial-attempt-alone"));
    assert_eq!(found.len(), 1);
    let e = &found[0];
    assert_eq!(e.kind, "swarm.DialError.Transport");
    assert_eq!(e.verdict, Verdict::Expected);
    assert_eq!(e.summary, "A dial failed at one address: timed out.");
    says(&e.explanation, "`SwarmEvent::UnreachableAddr`");
    never_says(&e.summary, "incoming");
    // words of an incoming connection keep its reading
    let incoming = "Incoming connection from /ip4/1.2.3.4/tcp/5 failed to dial back: Transport(Other(Custom { kind: Other, error: Timeout }))";
    assert_eq!(
        events(incoming)[0].kind,
        "swarm.IncomingConnectionError.Transport"
    );
}

/// https://github.com/paritytech/substrate/issues/1825: substrate's
/// "Failed to reach peer … => Transport(Other(Custom { .., error:
/// Other(A(Transport(Underlying(B(Kind(ConnectionRefused)))))) }))", the
/// line wrapped by the terminal inside the kind. The cause read as
/// `Underlying`, the wrapper libp2p-dns up to 0.27 (libp2p 0.35) put around the error of
/// the transport under it (`DnsErr::Underlying`), not a cause.
#[test]
fn libp2p_dns_s_old_wrapper_read_as_the_cause() {
    let log = field_log("dns-underlying");
    let e = &events(&log)[0];
    never_says(&e.summary, "Underlying");
    says(&e.summary, "cuts off");
    // the line as libp2p wrote it, before the terminal wrapped it
    let whole = log.replace("ConnectionRefuse\nd", "ConnectionRefused");
    let e = &events(&whole)[0];
    assert_eq!(
        e.summary,
        "A dial failed at one address: connection refused."
    );
}

/// https://github.com/libp2p/rust-libp2p/issues/5981 (a Subspace node,
/// thousands of times) and
/// https://github.com/libp2p/rust-libp2p/issues/3048 (libp2p 0.49's
/// wording): kad's WARN that it dropped a kad stream a peer opened, the
/// connection's 32 inbound kad streams all busy (libp2p-kad 0.49
/// handler.rs:521-541), was an unknown libp2p warning, with no word on
/// what it costs (the peer's request gets no answer) or why it repeats.
#[test]
fn kad_s_dropped_inbound_stream_was_an_unknown_warning() {
    let log = field_log("kad-inbound-stream-dropped");
    let found = events(&log);
    assert_eq!(found.len(), 1);
    let e = &found[0];
    assert_eq!(e.kind, "kad.log.InboundStreamDropped");
    assert_eq!(e.verdict, Verdict::Expected);
    says(&e.summary, "32 inbound kad streams");
    says(&e.explanation, "no timeout for inbound streams");
    // the third time for the same peer it is actionable
    let found = events(&log.repeat(3));
    assert_eq!(found[1].verdict, Verdict::Expected);
    assert_eq!(found[2].verdict, Verdict::Actionable);
    // libp2p 0.49 and older named the peer in the message
    let old = "2022-10-20T09:54:15.538792Z  WARN libp2p_kad::handler: New inbound substream to PeerId(\"12D3KooWNwexVxD22CAdxv5CAkxrD3QgUqhycYAE1e1NH2sLbZ7v\") exceeds inbound substream limit. No older substream waiting to be reused. Dropping new substream.    ";
    assert_eq!(events(old)[0].kind, "kad.log.InboundStreamDropped");
}

/// https://github.com/libp2p/rust-libp2p/issues/2347: libp2p-swarm's own
/// DEBUG line of a failed dial as libp2p 0.40–0.52 wrote it, naming the
/// peer with `Debug` ("Connection attempt to PeerId(\"12D3…\") failed
/// with Transport([..])", libp2p v0.45.0 swarm/src/lib.rs:732). Only its
/// error was read: "Could not connect to a peer", "logged without its
/// event, so p2plog cannot tell who dialled", though the line names the
/// peer, and a repeat for that peer was never counted.
#[test]
fn libp2p_0_52_s_dial_failure_line_lost_its_peer() {
    let log = field_log("dial-failure-peer-in-debug");
    let found = events(&log);
    assert_eq!(found.len(), 1);
    let e = &found[0];
    assert_eq!(e.kind, "swarm.log.ConnectionAttemptFailed");
    assert_eq!(
        e.summary,
        "Could not connect to peer 12D3KooW…mvas5: all 3 addresses failed."
    );
    never_says(&e.explanation, "cannot tell who dialled");
    // the third time for that peer it is actionable
    assert_eq!(events(&log.repeat(3))[2].verdict, Verdict::Actionable);
}

/// https://github.com/paritytech/substrate/pull/12529: a zombienet node
/// on libp2p 0.52 logs "libp2p_kad::handler: Remote 12D3… no longer
/// supports our kademlia protocol" at INFO, as libp2p-kad 0.44 wrote it
/// with the peer in the message (libp2p-v0.52.0 protocols/kad/src/
/// handler.rs:806-817). It was no event: a kad server turning client, the
/// clue to the DHT queries that then came back empty, went unexplained.
#[test]
fn kad_s_remote_protocol_line_of_libp2p_0_52_was_no_event() {
    let found = events(&field_log("kad-remote-protocol-0.52"));
    let kinds: Vec<&str> = found.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["kad.log.RemoteProtocolChanged"]);
    assert_eq!(
        found[0].summary,
        "The remote peer no longer supports this node's kad protocol."
    );
}

/// rust-libp2p v0.56.0's dcutr example (`RUST_LOG=info dcutr-example
/// --mode dial --secret-key-seed 2 --relay-address /ip4/127.0.0.1/tcp/4001/p2p/<relay>
/// --remote-peer-id <listener>`, built with Rust 1.95, `2>&1`): it panics on
/// an event its match does not expect. Rust 1.95 writes the thread's id
/// after its name (`thread 'main' (16835) panicked at …:`), which the panic
/// pattern did not allow: the crash went unexplained and the panic's
/// message, a `NewExternalAddrOfPeer` event, read as an ok event of its own.
#[test]
fn a_panic_with_the_thread_s_id_was_no_panic() {
    let log = field_log("example-panic");
    let found = events(&log);
    assert_eq!(found.len(), 1, "{log}");
    let e = &found[0];
    assert_eq!((e.kind.as_str(), e.line, e.end_line), ("app.panic", 3, 4));
    assert_eq!(e.verdict, Verdict::Actionable);
    says(
        &e.summary,
        "Thread `main` panicked at examples/dcutr/src/main.rs:164:26",
    );
    says(&e.summary, "Its message: NewExternalAddrOfPeer {");
}

/// rust-libp2p v0.56.0's rendezvous example (`RUST_LOG=debug` for
/// `rendezvous-example`, `rzv-register`, then `rzv-discover`, `2>&1`):
/// `rzv-register` registers its external address `/ip4/127.0.0.1/tcp/0`
/// (rzv-register.rs:59), so `rzv-discover` dials port 0, which libp2p-tcp
/// refuses with `MultiaddrNotSupported` (tcp/src/lib.rs:350-351, port 0 or
/// the unspecified IP). It read as a transport this node was not built
/// with, with advice to enable QUIC, WebRTC or WebSocket. And the ping
/// example told to dial such an address itself (`ping-example
/// /ip4/127.0.0.1/tcp/0`, tests/data/field/dial-port-0.log) alike.
#[test]
fn a_dial_of_port_0_read_as_a_missing_transport() {
    let log = field_log("rendezvous-port-0");
    let found = events(&log);
    let dials: Vec<_> = (found.iter())
        .filter(|e| e.kind.contains("ConnectionAttemptFailed") || e.kind.contains("Outgoing"))
        .collect();
    assert_eq!(dials.len(), 2, "{log}");
    for e in dials {
        assert_eq!(e.verdict, Verdict::Expected);
        says(
            &e.summary,
            "address not supported (port 0, or `0.0.0.0` or `::`)",
        );
        says(&e.explanation, "the fix is on the peer's side");
        never_says(&e.explanation, "was not built with");
        never_says(&e.advice, "with_quic");
        says(&e.advice, "`NewListenAddr`");
    }
    let own = &events(&field_log("dial-port-0"))[0];
    assert_eq!(own.verdict, Verdict::Actionable);
    says(&own.explanation, "The app dialled a listen address");
    never_says(&own.advice, "with_quic");
    // a QUIC listen address that no transport of the build handles is
    // still a missing transport: only a dial refuses port 0
    let listen = "listen_on failed: MultiaddrNotSupported(/ip4/0.0.0.0/udp/0/quic-v1)";
    let r = run(&["explain", "--format", "json", listen]);
    says(
        &r.stdout,
        "no transport this node was built with handles it",
    );
}

/// rust-libp2p v0.56.0's identify example (`identify-example` and
/// `identify-example /ip4/127.0.0.1/tcp/<port>`, `2>&1`; the dialling
/// side's whole output): it prints the `Info` of a `Received` event alone
/// (`println!("Received {info:?}")`, examples/identify/src/main.rs:71),
/// which read as `unknown.Info`, "not a libp2p event p2plog knows", the
/// one event that example shows.
#[test]
fn the_identify_example_s_info_was_unknown() {
    let log = field_log("identify-example");
    let found = events(&log);
    assert_eq!(found.len(), 1, "{log}");
    let e = &found[0];
    assert_eq!(
        (e.kind.as_str(), e.verdict),
        ("identify.Received", Verdict::Ok)
    );
    assert_eq!(
        e.summary,
        "A peer (the line names none) identified itself as `rust-libp2p/0.47.0` with 2 protocols."
    );
    says(
        &e.explanation,
        "It sees this node at /ip4/127.0.0.1/tcp/48584.",
    );
    // an app's own `Info` of other fields stays unknown
    assert_eq!(
        events("Info { version: 3, name: \"x\" }")[0].kind,
        "unknown.Info"
    );
}

/// rust-libp2p v0.56.0's distributed-key-value-store example, two of them
/// found by mDNS (`RUST_LOG=info`, `2>&1`; the second node's output, after
/// `GET my-key`, `GET_PROVIDERS my-key` and `GET nokey` on its stdin): it
/// prints a failed query's error alone (`eprintln!("Failed to get record:
/// {err:?}")`, main.rs:123), and `NotFound { key, closest_peers }` read as
/// `unknown.NotFound`, while a `QuorumFailed` so printed was read.
#[test]
fn the_kv_store_example_s_not_found_was_unknown() {
    let log = field_log("kv-store-not-found");
    let found = events(&log);
    let e = found.last().unwrap();
    assert_eq!((e.kind.as_str(), e.line), ("kad.GetRecord.NotFound", 10));
    assert_eq!(e.verdict, Verdict::Expected);
    says(
        &e.summary,
        "GetRecord of `nokey` found no record; 1 peer answered.",
    );
    // the other query errors of the same example, by their fields
    // (kad behaviour.rs:2996-3143 at libp2p-v0.56.0)
    let peer = "PeerId(\"12D3KooWBB6JoEFbkn9gbrMT93Nts3Vs827cJ2vw8acg5jJdF1qH\")";
    for (line, kind) in [
        (
            format!("Failed to put record: Timeout {{ key: Key(b\"k\"), success: [{peer}], quorum: 3 }}"),
            "kad.PutRecord.Timeout",
        ),
        (
            format!("Failed to get providers: Timeout {{ key: Key(b\"k\"), closest_peers: [{peer}] }}"),
            "kad.GetProviders.Timeout",
        ),
        (
            "Timeout { key: [1, 2], peers: [] }".to_owned(),
            "kad.GetClosestPeers.Timeout",
        ),
    ] {
        assert_eq!(events(&line)[0].kind, kind, "{line}");
    }
    // GetRecord's and StartProviding's `Timeout { key }` cannot be told apart
    assert_eq!(
        events("Timeout { key: Key(b\"k\") }")[0].kind,
        "unknown.Timeout"
    );
}

/// rust-libp2p v0.56.0's rendezvous example (`RUST_LOG=info rzv-register`
/// beside `rendezvous-example`, `2>&1`; its whole output): ten seconds
/// after registering it logs at ERROR "Lost connection to rendezvous point"
/// with the close's cause printed with `Display`, `ConnectionError::
/// KeepAliveTimeout`'s "Connection closed due to expired keep-alive
/// timeout." (swarm connection/error.rs:41), which was no event: an ERROR
/// line left unexplained, where its `Debug` form reads as the routine
/// idle close it is.
#[test]
fn an_idle_close_printed_with_display_was_no_event() {
    let log = field_log("rendezvous-keep-alive");
    let found = events(&log);
    let e = found.last().unwrap();
    assert_eq!(
        (e.kind.as_str(), e.line, e.verdict),
        (
            "swarm.ConnectionClosed.KeepAliveTimeout",
            4,
            Verdict::Expected
        )
    );
    says(&e.summary, "closed because it was idle");
    says(&e.explanation, "10 s by default since libp2p 0.55");
}

/// rust-libp2p v0.56.0's ping example (`RUST_LOG=debug ping-example` and
/// `RUST_LOG=debug ping-example /ip4/127.0.0.1/tcp/<port>`, `2>&1`; the
/// listener's lines around its first ping): the example's idle timeout of
/// `u64::MAX` seconds is more than `Instant` can hold, and libp2p-swarm
/// logs each halving of it (connection.rs:509-521), `duration=
/// 18446744073709551615s` and all, in pairs after every ping: the most
/// frequent line of that output, and no event, so nothing told a newcomer
/// it is harmless.
#[test]
fn the_ping_example_s_halved_idle_timeout_was_unexplained() {
    let log = field_log("ping-idle-timeout");
    let found = events(&log);
    let halved: Vec<_> = (found.iter())
        .filter(|e| e.kind == "swarm.log.IdleTimeoutHalved")
        .collect();
    assert_eq!(halved.len(), 4, "{log}");
    for e in halved {
        assert_eq!(e.verdict, Verdict::Ok);
        says(&e.summary, "the connection never closes for being idle");
    }
    assert_eq!(found.last().unwrap().kind, "ping.Ok");
}

/// rust-libp2p v0.56.0's ipfs-kad example, offline (`RUST_LOG=debug
/// ipfs-kad put-pk-record`, `2>&1`; field test 5): every dial of the four
/// bootnodes failed, the example exited with an error, and
/// `summary --fail-on actionable` passed: each failed DNS lookup alone is
/// expected. That no peer was ever reached is now a finding that fails the
/// gate, in summary and in scan (on stderr), unless `--allow`ed.
#[test]
fn a_node_that_never_reached_a_peer_passed_fail_on_actionable() {
    let log = field_log("ipfs-kad-offline");
    let gate = ["--fail-on", "actionable"];
    let summary = run_with_stdin(
        &[&["summary", "--format", "json"][..], &gate].concat(),
        log.as_bytes(),
    );
    assert_eq!(summary.code, 1, "{}", summary.stderr);
    let s: serde_json::Value = serde_json::from_str(&summary.stdout).unwrap();
    assert_eq!(
        s["verdicts"]["actionable"], 0,
        "no single event is actionable"
    );
    let first = &s["findings"][0];
    assert_eq!(first["kind"], "summary.NeverConnected");
    assert_eq!(
        (first["first_line"].as_u64(), first["last_line"].as_u64()),
        (Some(55), Some(78))
    );
    says(
        first["text"].as_str().unwrap(),
        "4 dials failed (4 DNS resolution failed",
    );
    let scan = run_with_stdin(&[&["scan"][..], &gate].concat(), log.as_bytes());
    assert_eq!(scan.code, 1, "{}", scan.stderr);
    says(
        &scan.stderr,
        "p2plog: <stdin> (lines 55–78): summary.NeverConnected: 4 dials failed",
    );
    never_says(&scan.stdout, "summary.NeverConnected");
    // its annotation's title counts no events: the dials are in its text
    let github = run_with_stdin(&["summary", "--format", "github"], log.as_bytes());
    says(
        github.stdout.lines().next().unwrap(),
        "title=<stdin>%3A55%3A summary.NeverConnected (actionable)::",
    );
    let allowed = [&gate[..], &["--allow", "summary.NeverConnected"]].concat();
    for command in ["summary", "scan"] {
        let r = run_with_stdin(&[&[command][..], &allowed].concat(), log.as_bytes());
        assert_eq!(r.code, 0, "{command}: {}", r.stderr);
    }
}

/// hoprnet issue 6173: the node's log shows only its dial errors, and it
/// was connected: it disconnected a peer just before. Without
/// libp2p-swarm's DEBUG lines or the node's `Dialing` events the log
/// cannot show a connection, so its failed dials make no "never
/// connected" finding.
#[test]
fn an_app_s_own_dial_errors_alone_say_nothing_of_its_connections() {
    let log = field_log("connection-id-in-brackets");
    let r = run_with_stdin(&["summary", "--format", "json"], log.as_bytes());
    let s: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let kinds: Vec<&str> = (s["findings"].as_array().unwrap().iter())
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"swarm.DialError.Transport"), "{kinds:?}");
    assert!(!kinds.contains(&"summary.NeverConnected"), "{kinds:?}");
}

/// The identify example's field log above: the peer listens at
/// /ip4/192.0.2.2 (the test machine's own interface), a documentation
/// range of RFC 5737, which the explanation called "a public address";
/// a dial that timed out at 203.0.113.7 or 2001:db8::1 likewise. libp2p's
/// own `is_global_ip` leaves these ranges out (libp2p 0.56
/// protocols/autonat/src/v1/behaviour.rs:595-641).
#[test]
fn documentation_addresses_were_called_public() {
    let e = &events(&field_log("identify-example"))[0];
    says(
        &e.explanation,
        "/ip4/192.0.2.2/tcp/41005 (a documentation-range address, for examples and test networks, not routed on the internet)",
    );
    let dial = "OutgoingConnectionError { connection_id: ConnectionId(3), peer_id: Some(PeerId(\"12D3KooWBB6JoEFbkn9gbrMT93Nts3Vs827cJ2vw8acg5jJdF1qH\")), error: Transport([(/ip4/203.0.113.7/tcp/4001/p2p/12D3KooWBB6JoEFbkn9gbrMT93Nts3Vs827cJ2vw8acg5jJdF1qH, Other(Custom { kind: Other, error: Other(Left(Left(Left(Os { code: 110, kind: TimedOut, message: \"Connection timed out\" })))) })), (/ip6/2001:db8::1/tcp/4001/p2p/12D3KooWBB6JoEFbkn9gbrMT93Nts3Vs827cJ2vw8acg5jJdF1qH, Other(Custom { kind: Other, error: Other(Left(Left(Left(Os { code: 110, kind: TimedOut, message: \"Connection timed out\" })))) }))]) }";
    let e = &events(dial)[0];
    let text = format!("{}\n{}", e.summary, e.explanation);
    never_says(&text, "public");
    says(&text, "Documentation-range addresses");
    // RFC 6598's shared address space stays private-range (carrier-grade NAT)
    let e =
        &events("NewListenAddr { listener_id: ListenerId(1), address: /ip4/100.64.1.2/tcp/4001 }")
            [0];
    says(&e.summary, "(a private-range address");
}

/// libp2p-gossipsub's handler timeout, as users pasted it (the Fleek
/// Network ursa node guide; rust-libp2p issue 3690, WebRTC): the WARN of
/// libp2p-gossipsub 0.44.3 and older (handler.rs:576 at its tag, after
/// which the handler closes the connection) was an unknown libp2p warning,
/// and the DEBUG line of 0.44.4 on (libp2p-gossipsub-0.50.1 handler.rs:523)
/// was not an event at all.
#[test]
fn gossipsub_s_dial_upgrade_timeout_was_an_unknown_warning() {
    let old =
        "2023-04-19T14:44:43.499924Z  WARN libp2p_gossipsub::handler: Dial upgrade error Timeout\n";
    let found = events(old);
    assert_eq!(found.len(), 1);
    let e = &found[0];
    assert_eq!(e.kind, "gossipsub.log.OutboundStreamTimeout");
    assert_eq!(e.verdict, Verdict::Expected);
    says(&e.summary, "closed the whole connection");
    says(&e.explanation, "within 10 s");
    // libp2p 0.51's `libp2p-gossipsub = "0.44.0"` takes 0.44.4 (May 2023),
    // which keeps the connection: the version that closes it is gossipsub's
    says(&e.summary, "(libp2p-gossipsub 0.44.3 and older)");
    says(&e.explanation, "libp2p 0.51 resolves to it too");
    // the third time it is actionable
    let found = events(&old.repeat(3));
    assert_eq!(found[2].verdict, Verdict::Actionable);
    // libp2p-gossipsub 0.44.4 on, at DEBUG, and the text of issue 3690 (a
    // branch of pull request 3625) with its period
    for new in [
        "2026-01-01T00:00:00.000000Z DEBUG libp2p_gossipsub::handler: Dial upgrade error: Protocol negotiation timeout\n",
        "[2023-03-27T18:00:16Z DEBUG libp2p_gossipsub::handler] Dial upgrade error: Protocol negotiation timeout.\n",
    ] {
        let e = &events(new)[0];
        assert_eq!(e.kind, "gossipsub.log.OutboundStreamTimeout", "{new}");
        says(&e.summary, "the connection stays up");
        says(&e.explanation, "The maximum number of outbound substream attempts");
        says(&e.explanation, "libp2p-gossipsub 0.44.3 and older logged a WARN");
    }
    // the other Debug values of the old WARN are not this kind
    assert_ne!(
        events("2023-04-19T14:44:43.499924Z  WARN libp2p_gossipsub::handler: Dial upgrade error Upgrade(Select(Failed))\n")[0].kind,
        "gossipsub.log.OutboundStreamTimeout"
    );
}

/// A perp-dex orchestrator's deployment log (journald, tracing's compact
/// format inside; found by text search, the index names no repository)
/// and a doc on a patched libp2p-swarm quoting its WARN lines verbatim
/// (likewise): a line whose message starts with a word of capitals and a
/// colon, `libp2p_gossipsub::behaviour: GRAFT: ignoring request from direct
/// peer`, was read as the span `libp2p_gossipsub::behaviour` and the target
/// `GRAFT`, so libp2p's warning was no event at all; `D9-DEGRADE:` after
/// `libp2p_swarm::handler::either:` lost its unknown libp2p warning alike.
#[test]
fn a_message_starting_with_capitals_read_as_the_target() {
    let log = field_log("journald-graft-direct");
    let found = events(&log);
    let graft: Vec<_> = (found.iter())
        .filter(|e| e.kind == "gossipsub.log.GraftFromDirectPeer")
        .collect();
    assert_eq!(graft.len(), 8, "{log}");
    says(&graft[0].summary, "from a direct peer");
    // without the journald prefix too
    let line = log.lines().find(|l| l.contains("GRAFT")).unwrap();
    let bare = &line[line.find("2026-").unwrap()..];
    assert_eq!(events(bare)[0].kind, "gossipsub.log.GraftFromDirectPeer");
    let log = field_log("either-side-mismatch");
    let found = events(&log);
    assert_eq!(found.len(), 2, "{log}");
    assert_eq!(found[0].kind, "unknown.log.libp2p_swarm");
    // a span before the target still reads as one
    let spanned = "2026-11-24T09:54:58.999835Z DEBUG node:Swarm::poll: libp2p_swarm: New listener address listener=ListenerId(2) address=/ip4/127.0.0.1/tcp/20301";
    assert_eq!(events(spanned)[0].kind, "swarm.log.NewListenAddr");
}

/// https://github.com/sigp/anchor/pull/660: the `Display` of a
/// `DialPeerConditionFalse(DisconnectedAndNotDialing)` (libp2p-swarm 0.44+
/// lib.rs, `impl fmt::Display for DialError`) pasted without its
/// `(`PeerCondition::…`)` names and its closing `, thus cancelling new
/// dial.` was no event; the words that are left name the condition.
#[test]
fn a_dial_condition_error_without_its_last_words_was_no_event() {
    let log = field_log("anchor-dial-condition");
    let found = events(&log);
    let e = (found.iter())
        .find(|e| e.kind == "swarm.DialError.DialPeerConditionFalse")
        .unwrap_or_else(|| panic!("{log}"));
    assert_eq!(e.verdict, Verdict::Expected);
    says(&e.summary, "`DisconnectedAndNotDialing` was false");
    // each condition's sentence, cut where its words end
    for (cut, condition) in [
        (
            "when disconnected, but node is already connected",
            "`Disconnected`",
        ),
        (
            "if there is currently no ongoing dialing attempt, but a dial is in progress",
            "`NotDialing`",
        ),
    ] {
        let text = format!("Dial error: dial condition was configured to only happen {cut}");
        let found = events(&text);
        assert_eq!(found.len(), 1, "{text}");
        says(&found[0].summary, condition);
    }
}

/// libp2p-mdns's own INFO lines: an Avail `libp2p_test_tool`'s output
/// (env_logger, libp2p-mdns 0.34–0.44, behaviour.rs:301 at
/// libp2p-v0.52.0), a TUI chat app's debug tab and rust-libp2p v0.56.0's
/// key-value store example (tracing, libp2p-mdns 0.45–0.49,
/// libp2p-mdns-0.49.0 behaviour.rs:335), and the `expired` line of
/// rust-libp2p issue 3309 (behaviour.rs:317 at libp2p-v0.52.0): none was
/// an event.
#[test]
fn mdns_s_own_discovery_lines_were_no_event() {
    let found = events(&field_log("avail-test-tool-mdns"));
    let e = (found.iter())
        .find(|e| e.kind == "mdns.log.Discovered")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(e.verdict, Verdict::Ok);
    says(&e.summary, "/ip4/172.16.3.4/udp/37000/quic-v1");
    says(&e.explanation, "same link");
    // the tracing form, with and without its address field
    let found = events(&field_log("kv-store-not-found"));
    let e = (found.iter())
        .find(|e| e.kind == "mdns.log.Discovered")
        .unwrap_or_else(|| panic!("{found:?}"));
    says(&e.summary, "/ip4/192.0.2.2/tcp/41021/p2p/");
    let found = events(&field_log("tui-debug-tab"));
    let discovered = found.iter().filter(|e| e.kind == "mdns.log.Discovered");
    assert_eq!(discovered.count(), 2, "{found:?}");
    // the app's own `mDNS discovered: <peer> at <address>` is not libp2p's
    let app = "[19:52:43.497] mDNS discovered: 12D3KooWRGLthXYB1JWz1kttzeV4W8pgNcUvT65gSSRZAVAFwVd3 at /ip4/10.201.0.2/tcp/46125/p2p/12D3KooWRGLthXYB1JWz1kttzeV4W8pgNcUvT65gSSRZAVAFwVd3\n";
    assert!(events(app).is_empty());
    // expiry: the env_logger form of rust-libp2p issue 3309
    let expired = "[2023-01-06T01:20:23Z INFO  libp2p_mdns::behaviour] expired: 12D3KooWQ9fYo4U7eckzGsftxA69bC2iQUg5jjSwxVvQNCgiqMKp /ip4/192.168.122.1/tcp/33273\n";
    let found = events(expired);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].kind, "mdns.log.Expired");
    assert_eq!(found[0].verdict, Verdict::Expected);
    says(&found[0].explanation, "last connection to it closed");
}

/// libp2p-swarm 0.31 to 0.43.3 (libp2p 0.40 to 0.52) wrote a false dial
/// condition as `Dial error: condition {c:?} for dialing peer was false.`
/// (lib.rs:1581 at libp2p-v0.52.0; the text of rust-libp2p issue 4407):
/// no event, where the newer sentence is a DialPeerConditionFalse.
#[test]
fn libp2p_0_52_s_dial_condition_error_was_no_event() {
    for (line, condition) in [
        (
            "Dial error: condition Disconnected for dialing peer was false\n",
            "`Disconnected`",
        ),
        (
            // the other condition that can fail, as lib.rs:1581 writes it
            "Dial error: condition NotDialing for dialing peer was false.\n",
            "`NotDialing`",
        ),
    ] {
        let found = events(line);
        assert_eq!(found.len(), 1, "{line}");
        let e = &found[0];
        assert_eq!(e.kind, "swarm.DialError.DialPeerConditionFalse", "{line}");
        assert_eq!(e.verdict, Verdict::Expected);
        says(&e.summary, condition);
        says(&e.explanation, "`Disconnected` up to libp2p 0.52");
    }
}
