//! Recognition: unwrapping, kind ids, and the typed fields of kad events.

use super::kad::Kad;
use super::*;
use crate::debugfmt::parse;

const SEED: &str = "OutboundQueryProgressed { id: QueryId(27), result: PutRecord(Err(QuorumFailed { key: Key(b\"/llama-cluster/llama-cluster/shard/1\"), success: [], quorum: 1 })), stats: QueryStats { requests: 1, success: 0, failure: 1, start: Some(Instant { t: 15872.5850591s }), end: Some(Instant { t: 15872.6610159s }) }, step: ProgressStep { count: 1, last: true } }";

fn event(text: &str) -> Event {
    recognize(&parse(text).unwrap()).unwrap_or_else(|| panic!("not an event: {text}"))
}

fn query(text: &str) -> kad::Query {
    match event(text).detail {
        Detail::Kad(Kad::Query(q)) => *q,
        other => panic!("not a query: {other:?}"),
    }
}

#[test]
fn the_seed_event_is_a_put_record_quorum_failure_of_75_9568_ms() {
    let e = event(SEED);
    assert_eq!(
        (e.kind.as_str(), e.protocol, e.wrapper),
        ("kad.PutRecord.QuorumFailed", Protocol::Kad, None)
    );
    let q = query(SEED);
    assert_eq!(q.id, Some(27));
    assert_eq!(q.key.unwrap().text, "/llama-cluster/llama-cluster/shard/1");
    assert_eq!((q.quorum, q.confirmations), (Some(1), Some(0)));
    let stats = q.stats.unwrap();
    assert_eq!((stats.requests, stats.success, stats.failure), (1, 0, 1));
    assert_eq!(stats.duration(), Some(75_956_800));
    assert_eq!(
        q.step,
        Some(kad::Step {
            count: 1,
            last: true
        })
    );
}

#[test]
fn wrappers_are_peeled_and_named() {
    let derive = format!("Behaviour(KadNodeEvent: {SEED})");
    let e = event(&derive);
    assert_eq!(
        (e.kind.as_str(), e.wrapper.as_deref()),
        ("kad.PutRecord.QuorumFailed", Some("KadNodeEvent"))
    );
    let user = format!("Behaviour(Kademlia({SEED}))");
    let e = event(&user);
    assert_eq!(
        (e.kind.as_str(), e.wrapper.as_deref()),
        ("kad.PutRecord.QuorumFailed", Some("Kademlia"))
    );
    let single = format!("SwarmEvent::Behaviour({SEED})");
    assert_eq!(event(&single).kind, "kad.PutRecord.QuorumFailed");
    let pretty = "Behaviour(\n    KadNodeEvent: ModeChanged { new_mode: Server },\n)";
    assert_eq!(event(pretty).kind, "kad.ModeChanged");
}

/// Found by the source audit: an app's own enum printed without
/// `Behaviour(..)`, or an enum variant inside the derive's wrapper, was
/// `unknown.Kademlia` / `unknown.Ping`.
#[test]
fn an_app_enum_variant_around_an_event_is_peeled_anywhere() {
    const PING: &str =
        "Event { peer: PeerId(\"12D3KooW\"), connection: ConnectionId(3), result: Ok(1.2ms) }";
    for (text, kind, wrapper) in [
        (
            format!("Kademlia({SEED})"),
            "kad.PutRecord.QuorumFailed",
            "Kademlia",
        ),
        (format!("Ping({PING})"), "ping.Ok", "Ping"),
        (
            format!("Behaviour(MyEvent: Ping({PING}))"),
            "ping.Ok",
            "MyEvent",
        ),
    ] {
        let e = event(&text);
        assert_eq!(
            (e.kind.as_str(), e.wrapper.as_deref()),
            (kind, Some(wrapper)),
            "{text}"
        );
    }
    // a variant around something that is no event stays unknown
    assert_eq!(event("Wrap(Thing { a: 1 })").kind, "unknown.Wrap");
    // found by the code review: `ListenError::Transport` printed alone read
    // as a failed `listen_on()`; error layers are not an app's variants. It
    // is an incoming connection's error (second field test)
    let text = "Transport(Other(Custom { kind: Other, error: Timeout }))";
    assert_eq!(event(text).kind, "swarm.IncomingConnectionError.Transport");
    let text = "Left(Other(Custom { kind: Other, error: Timeout }))";
    assert!(
        event(text).kind.starts_with("unknown."),
        "{}",
        event(text).kind
    );
    // a denial alone is a dial's unless its limit counts incoming
    // connections (second field test: an incoming limit read as a dial)
    let denied = |kind: &str| {
        let text = format!("Denied {{ cause: ConnectionDenied {{ inner: Exceeded {{ limit: 5, kind: {kind} }} }} }}");
        event(&text).kind
    };
    assert_eq!(
        denied("EstablishedIncoming"),
        "swarm.IncomingConnectionError.Denied"
    );
    assert_eq!(
        denied("PendingIncoming"),
        "swarm.IncomingConnectionError.Denied"
    );
    assert_eq!(denied("PendingOutgoing"), "swarm.DialError.Denied");
}

#[test]
fn building_blocks_are_not_events_but_unknown_structs_are() {
    for block in [
        "QueryId(1)",
        "PeerId(\"12D3KooW\")",
        "Key(b\"k\")",
        "Some(1)",
    ] {
        assert_eq!(recognize(&parse(block).unwrap()), None, "{block}");
    }
    let e = event("FancyEvent { a: 1 }");
    assert_eq!(
        (e.kind.as_str(), e.protocol),
        ("unknown.FancyEvent", Protocol::Unknown)
    );
}

#[test]
fn kind_ids_of_every_query_result() {
    let cases = [
        ("PutRecord(Ok(PutRecordOk { key: Key(b\"k\") }))", "kad.PutRecord.Ok"),
        ("PutRecord(Err(Timeout { key: Key(b\"k\"), success: [], quorum: 1 }))", "kad.PutRecord.Timeout"),
        ("RepublishRecord(Err(QuorumFailed { key: Key(b\"k\"), success: [], quorum: 20 }))", "kad.RepublishRecord.QuorumFailed"),
        ("GetRecord(Ok(FoundRecord(PeerRecord { peer: None, record: Record { key: Key(b\"k\"), value: [1], publisher: None, expires: None } })))", "kad.GetRecord.FoundRecord"),
        ("GetRecord(Ok(FinishedWithNoAdditionalRecord { cache_candidates: {} }))", "kad.GetRecord.FinishedWithNoAdditionalRecord"),
        ("GetRecord(Err(NotFound { key: Key(b\"k\"), closest_peers: [] }))", "kad.GetRecord.NotFound"),
        ("GetRecord(Err(Timeout { key: Key(b\"k\") }))", "kad.GetRecord.Timeout"),
        ("GetRecord(Err(QuorumFailed { key: Key(b\"k\"), records: [], quorum: 2 }))", "kad.GetRecord.QuorumFailed"),
        ("Bootstrap(Ok(BootstrapOk { peer: PeerId(\"1A\"), num_remaining: 0 }))", "kad.Bootstrap.Ok"),
        ("Bootstrap(Err(Timeout { peer: PeerId(\"1A\"), num_remaining: None }))", "kad.Bootstrap.Timeout"),
        ("GetClosestPeers(Ok(GetClosestPeersOk { key: [1], peers: [PeerInfo { peer_id: PeerId(\"B\"), addrs: [] }] }))", "kad.GetClosestPeers.Ok"),
        ("GetClosestPeers(Ok(GetClosestPeersOk { key: [1], peers: [PeerId(\"B\")] }))", "kad.GetClosestPeers.Ok"),
        ("GetClosestPeers(Err(Timeout { key: [1], peers: [] }))", "kad.GetClosestPeers.Timeout"),
        ("GetProviders(Ok(FoundProviders { key: Key(b\"k\"), providers: {} }))", "kad.GetProviders.FoundProviders"),
        ("GetProviders(Ok(FinishedWithNoAdditionalRecord { closest_peers: [] }))", "kad.GetProviders.FinishedWithNoAdditionalRecord"),
        ("GetProviders(Err(Timeout { key: Key(b\"k\"), closest_peers: [] }))", "kad.GetProviders.Timeout"),
        ("StartProviding(Ok(AddProviderOk { key: Key(b\"k\") }))", "kad.StartProviding.Ok"),
        ("StartProviding(Err(Timeout { key: Key(b\"k\") }))", "kad.StartProviding.Timeout"),
        ("RepublishProvider(Ok(AddProviderOk { key: Key(b\"k\") }))", "kad.RepublishProvider.Ok"),
        ("RepublishProvider(Err(Timeout { key: Key(b\"k\") }))", "kad.RepublishProvider.Timeout"),
    ];
    for (result, kind) in cases {
        let text = format!("OutboundQueryProgressed {{ id: QueryId(3), result: {result}, stats: QueryStats {{ requests: 0, success: 0, failure: 0, start: None, end: None }}, step: ProgressStep {{ count: 1, last: true }} }}");
        assert_eq!(event(&text).kind, kind, "{result}");
        // the result logged on its own is the same kind
        assert_eq!(event(result).kind, kind, "bare {result}");
    }
}

#[test]
fn kind_ids_of_the_other_kad_events() {
    let cases = [
        ("InboundRequest { request: FindNode { num_closer_peers: 0 } }", "kad.InboundRequest.FindNode"),
        ("InboundRequest { request: GetRecord { num_closer_peers: 1, present_locally: true } }", "kad.InboundRequest.GetRecord"),
        ("InboundRequest { request: PutRecord { source: PeerId(\"A\"), connection: ConnectionId(1), record: None } }", "kad.InboundRequest.PutRecord"),
        ("RoutingUpdated { peer: PeerId(\"A\"), is_new_peer: true, addresses: [/ip4/127.0.0.1/tcp/1], bucket_range: (Distance(1), Distance(2)), old_peer: None }", "kad.RoutingUpdated"),
        ("UnroutablePeer { peer: PeerId(\"A\") }", "kad.UnroutablePeer"),
        ("RoutablePeer { peer: PeerId(\"A\"), address: /ip4/127.0.0.1/tcp/1 }", "kad.RoutablePeer"),
        ("PendingRoutablePeer { peer: PeerId(\"A\"), address: /ip4/127.0.0.1/tcp/1 }", "kad.PendingRoutablePeer"),
        ("ModeChanged { new_mode: Client }", "kad.ModeChanged"),
        ("QuorumFailed { key: Key(b\"k\"), success: [], quorum: 1 }", "kad.PutRecord.QuorumFailed"),
    ];
    for (text, kind) in cases {
        assert_eq!(event(text).kind, kind, "{text}");
    }
}

#[test]
fn typed_fields_of_lookups_and_bootstrap() {
    let q = query("GetRecord(Ok(FoundRecord(PeerRecord { peer: None, record: Record { key: Key(b\"/k\"), value: [1], publisher: None, expires: None } })))");
    assert_eq!(
        (q.found_at, q.key.map(|k| k.text)),
        (Some(None), Some("/k".to_owned()))
    );
    let q = query("GetProviders(Ok(FoundProviders { key: Key(b\"k\"), providers: {PeerId(\"A\"), PeerId(\"B\")} }))");
    assert_eq!(q.providers, Some(2));
    let q = query("GetRecord(Err(NotFound { key: Key(b\"k\"), closest_peers: [PeerId(\"B\")] }))");
    assert_eq!(q.peers_found, Some(1));
    let q = query("Bootstrap(Err(Timeout { peer: PeerId(\"1A\"), num_remaining: Some(3) }))");
    assert_eq!(q.bootstrap, Some(("1A".to_owned(), Some(3))));
    let q = query("RepublishRecord(Err(QuorumFailed { key: Key(b\"/small\"), success: [PeerId(\"B\")], quorum: 20 }))");
    assert_eq!((q.quorum, q.confirmations), (Some(20), Some(1)));
}

#[test]
fn elided_lists_and_fields_are_unknown_not_empty() {
    // `[..]`, `{..}`, `[A, ..]` and a bare token hide how many there were
    for success in ["[..]", "[PeerId(\"B\"), ..]", "s"] {
        let q = query(&format!(
            "PutRecord(Err(QuorumFailed {{ key: Key(b\"/k\"), success: {success}, quorum: 2 }}))"
        ));
        assert_eq!(q.confirmations, None, "{success}");
    }
    let q = query("GetProviders(Ok(FoundProviders { key: Key(b\"k\"), providers: {..} }))");
    assert_eq!(q.providers, None);
    let q = query("GetRecord(Err(NotFound { key: Key(b\"k\"), closest_peers: [..] }))");
    assert_eq!(q.peers_found, None);
    // a FoundRecord whose `peer` is elided is not the local store (`peer: None`)
    assert_eq!(query("GetRecord(Ok(FoundRecord(..)))").found_at, None);
    // written out in full, empty is empty
    let q = query("PutRecord(Err(QuorumFailed { key: Key(b\"/k\"), success: [], quorum: 2 }))");
    assert_eq!(q.confirmations, Some(0));
}

#[test]
fn the_kind_list_holds_every_kad_kind_once() {
    // kad's events and query results (its log lines and the API errors
    // `NoKnownPeers` and `store::Error` come from grammars/messages/)
    let from_messages = |k: &str| {
        k.starts_with("kad.log.") || k.starts_with("kad.store.") || k == "kad.NoKnownPeers"
    };
    let all: Vec<String> = kinds()
        .into_iter()
        .filter(|k| k.starts_with("kad.") && !from_messages(k))
        .collect();
    assert_eq!(all.len(), 32);
    let mut dedup = all.clone();
    dedup.dedup();
    assert_eq!(dedup, all);
    for kind in [
        "kad.PutRecord.QuorumFailed",
        "kad.InboundRequest.PutRecord",
        "kad.ModeChanged",
        "kad.GetRecord.QuorumFailed",
    ] {
        assert!(all.iter().any(|k| k == kind), "{kind}");
    }
}

#[test]
fn a_message_is_matched_at_the_first_of_its_literals_where_it_fits() {
    // the regex starts with its literal: it is tried where each occurrence
    // of the literal starts, and the first that fits is the match
    let line = "Record stored: many bytes; Record stored: 11 bytes record=Key(b\"/k\")";
    let (range, kind, m) = message::recognize(line).unwrap();
    assert_eq!(kind, "kad.log.RecordStored");
    assert_eq!(range.start, line.rfind("Record stored").unwrap());
    assert_eq!(m.fields["bytes"], "11");
    assert_eq!(m.fields["key"], "/k");
    // a regex that does not start with its literal is searched in the line
    let (range, kind, _) = message::recognize("x New inbound connection peer=P").unwrap();
    assert_eq!((range.start, kind.as_str()), (2, "kad.log.NewConnection"));
}

#[test]
fn a_literal_that_starts_inside_another_is_still_found() {
    // the prefilter resumes one byte after each literal it finds, not after
    // its end: `discarding addresses…` starts at the last byte of
    // `Connection closed`, whose pattern does not fit
    let line = "Connection closediscarding addresses from `NetworkBehaviour` because \
        `DialOpts::extend_addresses_through_behaviour is `false` for connection";
    let (range, kind, _) = message::recognize(line).unwrap();
    assert_eq!(
        (range.start, kind.as_str()),
        (16, "swarm.log.DiscardingAddresses")
    );
    // two literals at one place: `New ` and `New listener address `
    let line = "New listener address listener=ListenerId(1) address=/ip4/1.2.3.4/tcp/1";
    let (_, kind, m) = message::recognize(line).unwrap();
    assert_eq!(kind, "swarm.log.NewListenAddr");
    assert_eq!(m.fields["address"], "/ip4/1.2.3.4/tcp/1");
}

/// The lazy captures of the message patterns are written in segments, lazy
/// only where what follows the capture can start (a space, a `.`, a `:`):
/// the backtracker then tries the rest of the pattern at those bytes alone,
/// two to three times faster than `.+?` on long errors. Each must capture
/// what `.+?` would.
const SEGMENTED: [&str; 3] = [
    r".[^ \n]*(?: [^ \n]*)*?",
    r".[^ .\n]*(?:[ .][^ .\n]*)*?",
    r".[^:\n]*(?::[^:\n]*)*?",
];

/// Each pattern written with [`SEGMENTED`] captures: (id, its regex, the
/// same with `.+?`).
fn segmented_patterns() -> Vec<(String, regex::Regex, regex::Regex)> {
    message::patterns()
        .filter(|p| SEGMENTED.iter().any(|s| p.regex.contains(s)))
        .map(|p| {
            let lazy = SEGMENTED
                .iter()
                .fold(p.regex.clone(), |r, s| r.replace(s, ".+?"));
            let compile = |r: &str| regex::Regex::new(r).unwrap();
            (p.id.clone(), compile(&p.regex), compile(&lazy))
        })
        .collect()
}

/// The group spans of `re`'s first match in `line`.
fn spans(re: &regex::Regex, line: &str) -> Option<Vec<Option<(usize, usize)>>> {
    let caps = re.captures(line)?;
    Some(
        caps.iter()
            .map(|g| g.map(|m| (m.start(), m.end())))
            .collect(),
    )
}

#[test]
fn segmented_lazy_captures_capture_what_dot_plus_lazy_would_in_every_fixture() {
    use std::io::Read;
    let patterns = segmented_patterns();
    assert!(patterns.len() >= 6, "{}", patterns.len());
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut matched = 0;
    for scenario in std::fs::read_dir(root).unwrap() {
        for file in std::fs::read_dir(scenario.unwrap().path())
            .into_iter()
            .flatten()
        {
            let path = file.unwrap().path();
            let name = path.to_string_lossy().into_owned();
            let mut log = String::new();
            if name.ends_with(".log") {
                log = std::fs::read_to_string(&path).unwrap();
            } else if name.ends_with(".log.gz") {
                let gz = std::fs::File::open(&path).unwrap();
                flate2::read::GzDecoder::new(gz)
                    .read_to_string(&mut log)
                    .unwrap();
            }
            for line in log.lines() {
                for (id, segmented, lazy) in &patterns {
                    let got = spans(segmented, line);
                    assert_eq!(got, spans(lazy, line), "{id} in {name}: {line}");
                    matched += usize::from(got.is_some());
                }
            }
        }
    }
    assert!(matched > 1000, "{matched}");
}

proptest::proptest! {
    #[test]
    fn segmented_lazy_captures_capture_what_dot_plus_lazy_would_in_any_line(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "Connection attempt to peer failed with ", "Request to peer in query failed with ",
            "Incoming connection failed: ", "Connection closed with error ", ": Connected { endpoint: Dialer { address: /ip4/1 }, peer_id: PeerId(\"P\") }",
            "Listener closed listener=ListenerId(1) reason=", " ", ".", ":", ": ", "x", "é", "\n",
            "peer=", " peer=P", " query=QueryId(3)", " a_b=", "=", "Io(Custom { kind: Other })", " total_peers=2",
        ][..]), 0..14),
    ) {
        let line = pieces.concat();
        for (id, segmented, lazy) in segmented_patterns() {
            proptest::prop_assert_eq!(spans(&segmented, &line), spans(&lazy, &line), "{} in {:?}", id, line);
        }
    }
}

/// A multiline message spans at most `MULTILINE_MAX_LINES` more lines: a
/// record of thousands of lines that each open a dial error list and close
/// none is not scanned to its end from each of them.
#[test]
fn a_multiline_message_ends_within_its_bound() {
    let list = |n: usize| {
        let mut text = String::from("Outgoing connection failed: Failed to negotiate transport protocol(s): [(/ip4/10.0.0.1/tcp/1: : Multiple dial errors occurred:");
        for _ in 0..n {
            text.push_str("\n - Connection refused (os error 111)");
        }
        text.push_str(")]");
        text
    };
    let short = list(message::MULTILINE_MAX_LINES);
    let line = short.find('\n').unwrap();
    let (range, kind, _) =
        message::recognize_from(&short, line, &mut message::Ends::default()).unwrap();
    assert_eq!(
        (range.end, kind.as_str()),
        (short.len(), "swarm.DialError.Transport")
    );
    let long = list(message::MULTILINE_MAX_LINES + 1);
    assert_eq!(
        message::recognize_from(&long, line, &mut message::Ends::default()),
        None
    );
}

/// A pattern is tried at its literal's first 16 places in a line: a line
/// of thousands of dial error lists that never close took seconds, each
/// try scanning to the line's end.
#[test]
fn a_pattern_is_tried_at_the_first_places_of_its_literal() {
    let line = |bad: usize| {
        let mut text = "Dial error: Unexpected peer ID ! ".repeat(bad);
        text.push_str("Dial error: Unexpected peer ID 12D3KooWA at /ip4/127.0.0.1/tcp/1.");
        text
    };
    let kind = |text: &str| message::recognize(text).map(|(_, kind, _)| kind);
    assert_eq!(
        kind(&line(15)).as_deref(),
        Some("swarm.DialError.WrongPeerId")
    );
    assert_eq!(kind(&line(16)), None);
}

/// Found by review: a multiline pattern took in the next log line of a
/// paste (a dial error cut short, then another, complete one: one event
/// with the second's cause on the first's address), and a list of more
/// than 32 lines (16 addresses, each error printed twice) was no event.
/// The pattern takes only the list's lines, up to the bound.
#[test]
fn a_dial_error_list_takes_its_own_lines_only_and_all_of_them() {
    let cut = "Outgoing connection failed: Failed to negotiate transport protocol(s): [(/ip4/1.2.3.4/tcp/1: : Handshake with the remote timed o";
    let whole = "Outgoing connection failed: Failed to negotiate transport protocol(s): [(/ip4/5.6.7.8/tcp/1: : Connection refused (os error 111))]";
    let text = format!("{cut}\n{whole}");
    let found = find(&text);
    let at: Vec<(usize, &str)> = found
        .iter()
        .map(|l| (l.start, l.event.kind.as_str()))
        .collect();
    assert_eq!(at, [(cut.len() + 1 + 28, "swarm.DialError.Transport")]);
    let mut long =
        String::from("Outgoing connection failed: Failed to negotiate transport protocol(s): [");
    for i in 0..20 {
        long.push_str(&format!("(/ip4/10.0.0.{i}/tcp/4001: : Multiple dial errors occurred:\n     - Connection refused (os error 111): Multiple dial errors occurred:\n     - Connection refused (os error 111): Connection refused (os error 111))"));
    }
    long.push(']');
    let found = find(&long);
    let Some(Detail::Message(m)) = found.first().map(|l| &l.event.detail) else {
        panic!("no event: {found:?}");
    };
    let Some(message::Decoded::Dial(super::swarm::DialErr::Transport(errors))) = &m.decoded else {
        panic!("not read: {m:?}");
    };
    assert_eq!((found.len(), errors.len()), (1, 20));
    // two lists in one record: the end text's place, searched once, is
    // searched again past the first
    let two = format!("{long}\n{long}");
    let starts: Vec<usize> = find(&two).iter().map(|l| l.start).collect();
    assert_eq!(starts, [28, long.len() + 1 + 28]);
}

/// Found by the review of the port-0 reading: a relayed or WebSocket
/// address with port 0 or `0.0.0.0` in it read as a listen address, while
/// its `MultiaddrNotSupported` says no transport handles the whole (a relay
/// client dials the relay through the swarm; WebSocket wraps TCP's refusal).
#[test]
fn only_addresses_their_transport_refuses_as_is_are_wildcards() {
    use super::transport::is_wildcard;
    let id = "12D3KooWDQC3CsUTjqC9hn6mtouqisPzphVTym8sdRhaVkL6xzrH";
    for wildcard in [
        "/ip4/127.0.0.1/tcp/0".to_owned(),
        format!("/ip4/0.0.0.0/tcp/4001/p2p/{id}"),
        "/ip6/::/tcp/0".to_owned(),
        "/ip4/1.2.3.4/udp/0/quic-v1".to_owned(),
        format!("/ip4/0.0.0.0/udp/4001/quic-v1/p2p/{id}"),
        "/ip4/1.2.3.4/udp/0/webrtc-direct/certhash/uEiAx".to_owned(),
    ] {
        assert!(is_wildcard(&wildcard), "{wildcard}");
    }
    for other in [
        format!("/ip4/0.0.0.0/tcp/1/p2p/{id}/p2p-circuit/p2p/{id}"),
        "/ip4/1.2.3.4/tcp/0/ws".to_owned(),
        "/ip4/1.2.3.4/udp/0".to_owned(),
        "/ip4/1.2.3.4/tcp/4001".to_owned(),
        "/dns4/x/tcp/0".to_owned(),
    ] {
        assert!(!is_wildcard(&other), "{other}");
    }
}

/// Found by the review of the libp2p 0.39 dial reading: libp2p's own line
/// of that version (`Connection attempt to <peer> via <addr> failed with
/// …`, v0.39.1 swarm/src/lib.rs:653) did not count as naming a dial, and
/// "dialog" or "reachable" did.
#[test]
fn the_words_before_a_lone_transport_error_name_a_dial_as_whole_words() {
    for dial in [
        "Connection attempt to PeerId(\"12D3KooW\") via \"/ip4/1.2.3.4/tcp/1\" failed with ",
        "Failed to reach 12D3KooW via /ip4/1.2.3.4/tcp/1, remaining 3 attempts, cause: ",
        "Dialing failed: ",
        "outgoing connection error: ",
    ] {
        assert!(names_a_dial(dial), "{dial}");
    }
    for other in [
        "connection error on dialog stream: ",
        "Node is now reachable, error: ",
        "Address /ip4/1.2.3.4/tcp/1 became unreachable; error ",
        "incoming connection failed after dialing: ",
        "",
    ] {
        assert!(!names_a_dial(other), "{other}");
    }
}
