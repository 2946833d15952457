//! The network view: routing table, connections, query history, repeats, and
//! one view per node.

use super::*;
use crate::debugfmt::parse;
use crate::event::recognize;

fn event(text: &str) -> Event {
    recognize(&parse(text).unwrap()).unwrap()
}

fn routing(peer: &str, old: Option<&str>) -> Event {
    let old = old.map_or("None".to_owned(), |o| format!("Some(PeerId(\"{o}\"))"));
    event(&format!("RoutingUpdated {{ peer: PeerId(\"{peer}\"), is_new_peer: true, addresses: [], bucket_range: (Distance(1), Distance(2)), old_peer: {old} }}"))
}

const PUT_FAILED: &str = "OutboundQueryProgressed { id: QueryId(7), result: PutRecord(Err(QuorumFailed { key: Key(b\"/k\"), success: [], quorum: 1 })), stats: QueryStats { requests: 1, success: 0, failure: 1, start: None, end: None }, step: ProgressStep { count: 1, last: true } }";

#[test]
fn routing_updates_count_dht_peers_with_the_line() {
    let mut net = Network::default();
    net.observe(None, 3, &routing("A", None));
    net.observe(None, 5, &routing("B", None));
    net.observe(None, 6, &routing("A", None)); // an address update
    net.observe(None, 9, &routing("C", Some("B"))); // C evicts B
    let ctx = net.context(None, &event(PUT_FAILED), None);
    assert_eq!(
        ctx.dht_peers,
        Some(Peers {
            count: 2,
            source: PeerSource::LogDht,
            line: Some(9)
        })
    );
    assert_eq!(
        ctx.peers(Some(1)).map(|p| p.source),
        Some(PeerSource::LogDht)
    );
}

#[test]
fn connections_follow_num_established() {
    let mut net = Network::default();
    let node = net.node_mut(None);
    node.set_connections("A", 1, 2);
    node.set_connections("B", 2, 3);
    node.set_connections("A", 0, 7);
    assert_eq!(
        node.connected_peers(),
        Some(Peers {
            count: 1,
            source: PeerSource::LogConnected,
            line: Some(7)
        })
    );
    assert_eq!(
        Network::default()
            .context(None, &event(PUT_FAILED), None)
            .connected_peers,
        None
    );
}

#[test]
fn each_node_has_its_own_view() {
    let mut net = Network::default();
    net.observe(Some("node-1"), 1, &routing("A", None));
    net.observe(Some("node-2"), 2, &routing("A", None));
    net.observe(Some("node-2"), 3, &routing("B", None));
    let count = |n| {
        net.context(Some(n), &event(PUT_FAILED), None)
            .dht_peers
            .map(|p| p.count)
    };
    assert_eq!(
        (count("node-1"), count("node-2"), count("node-3")),
        (Some(1), Some(2), None)
    );
    assert_eq!(net.node_names(), ["node-1", "node-2"]);
}

#[test]
fn repeats_count_earlier_events_of_the_same_kind_and_subject() {
    let mut net = Network::default();
    let unroutable = event("UnroutablePeer { peer: PeerId(\"A\") }");
    assert_eq!(net.context(None, &unroutable, None).repeats, 0);
    net.observe(None, 1, &unroutable);
    net.observe(None, 2, &unroutable);
    net.observe(None, 3, &event("UnroutablePeer { peer: PeerId(\"B\") }"));
    assert_eq!(net.context(None, &unroutable, None).repeats, 2);
}

#[test]
fn query_history_remembers_finds_and_published_keys() {
    let mut net = Network::default();
    let found = "OutboundQueryProgressed { id: QueryId(10), result: GetRecord(Ok(FoundRecord(PeerRecord { peer: Some(PeerId(\"B\")), record: Record { key: Key(b\"/k\"), value: [1], publisher: None, expires: None } }))), stats: QueryStats { requests: 3, success: 1, failure: 0, start: None, end: None }, step: ProgressStep { count: 1, last: false } }";
    net.observe(None, 1, &event(found));
    let timeout_src = "OutboundQueryProgressed { id: QueryId(10), result: GetRecord(Err(Timeout { key: Key(b\"/k\") })), stats: QueryStats { requests: 3, success: 1, failure: 0, start: None, end: None }, step: ProgressStep { count: 2, last: true } }";
    let timeout = event(timeout_src);
    assert_eq!(net.context(None, &timeout, None).earlier_finds, 1);
    // the same id for another query type or key: another node's query
    let bootstrap = event("OutboundQueryProgressed { id: QueryId(10), result: Bootstrap(Err(Timeout { peer: PeerId(\"A\"), num_remaining: None })), stats: QueryStats { requests: 3, success: 1, failure: 0, start: None, end: None }, step: ProgressStep { count: 1, last: true } }");
    assert_eq!(net.context(None, &bootstrap, None).earlier_finds, 0);
    let other_key = event(&timeout_src.replace("/k", "/other"));
    assert_eq!(net.context(None, &other_key, None).earlier_finds, 0);
    // the final event of a GetProviders shows no key: its finds by id and
    // type (found by the user-view review)
    let providers = "OutboundQueryProgressed { id: QueryId(11), result: GetProviders(Ok(FoundProviders { key: Key(b\"/p\"), providers: {PeerId(\"B\")} })), stats: QueryStats { requests: 0, success: 0, failure: 0, start: None, end: None }, step: ProgressStep { count: 1, last: false } }";
    let finished = event("OutboundQueryProgressed { id: QueryId(11), result: GetProviders(Ok(FinishedWithNoAdditionalRecord { closest_peers: [] })), stats: QueryStats { requests: 1, success: 0, failure: 1, start: None, end: None }, step: ProgressStep { count: 2, last: true } }");
    assert_eq!(net.context(None, &finished, None).earlier_finds, 0);
    // providers from this node's own store (no request yet) are no find of
    // the DHT's (found by the kad review)
    net.observe(None, 3, &event(providers));
    let ctx = net.context(None, &finished, None);
    assert_eq!((ctx.earlier_finds, ctx.own_finds), (0, 1));
    net.observe(
        None,
        4,
        &event(&providers.replace("requests: 0, success: 0", "requests: 2, success: 1")),
    );
    assert_eq!(net.context(None, &finished, None).earlier_finds, 1);
    let local_record = found
        .replace("Some(PeerId(\"B\"))", "None")
        .replace("QueryId(10)", "QueryId(12)");
    net.observe(None, 5, &event(&local_record));
    let local_timeout = event(&timeout_src.replace("QueryId(10)", "QueryId(12)"));
    assert_eq!(net.context(None, &local_timeout, None).earlier_finds, 0);
    let put_ok = event("PutRecord(Ok(PutRecordOk { key: Key(b\"/k\") }))");
    assert!(!net.context(None, &put_ok, None).key_published);
    net.observe(None, 2, &put_ok);
    let not_found = event("GetRecord(Err(NotFound { key: Key(b\"/k\"), closest_peers: [] }))");
    assert!(net.context(None, &not_found, None).key_published);
}

#[test]
fn mode_changes_are_remembered() {
    let mut net = Network::default();
    net.observe(None, 1, &event("ModeChanged { new_mode: Server }"));
    assert_eq!(
        net.node(None).and_then(|n| n.mode.as_deref()),
        Some("Server")
    );
}

#[test]
fn swarm_connection_events_count_connected_peers() {
    let established = |peer: &str, n: u64| {
        event(&format!("ConnectionEstablished {{ peer_id: PeerId(\"{peer}\"), connection_id: ConnectionId(1), endpoint: Listener {{ local_addr: /ip4/127.0.0.1/tcp/1, send_back_addr: /ip4/127.0.0.1/tcp/2 }}, num_established: {n}, concurrent_dial_errors: None, established_in: 1ms }}"))
    };
    let closed = |peer: &str, n: u64| {
        event(&format!("ConnectionClosed {{ peer_id: PeerId(\"{peer}\"), connection_id: ConnectionId(1), endpoint: Listener {{ local_addr: /ip4/127.0.0.1/tcp/1, send_back_addr: /ip4/127.0.0.1/tcp/2 }}, num_established: {n}, cause: Some(KeepAliveTimeout) }}"))
    };
    let mut net = Network::default();
    net.observe(None, 1, &established("A", 1));
    net.observe(None, 2, &established("B", 1));
    net.observe(None, 3, &established("A", 2));
    net.observe(None, 4, &closed("A", 1));
    let count = |net: &Network| {
        net.node(None)
            .and_then(|n| n.connected_peers())
            .map(|p| (p.count, p.line))
    };
    assert_eq!(count(&net), Some((2, Some(4))));
    net.observe(None, 8, &closed("A", 0));
    assert_eq!(count(&net), Some((1, Some(8))));
}

#[test]
fn clock_times_are_read_from_every_time_stamp_format() {
    let at = |t: &str| clock_millis(t);
    let hms = |h: u64, m: u64, s: u64| (h * 3600 + m * 60 + s) * 1000;
    assert_eq!(at("2026-11-24T09:56:43.8518Z"), Some(hms(9, 56, 43) + 851));
    assert_eq!(at("2026-11-24T09:57:47Z"), Some(hms(9, 57, 47)));
    assert_eq!(at("Nov 24 09:55:49"), Some(hms(9, 55, 49)));
    assert_eq!(
        at("2026-11-24 09:55:49,25+01:00"),
        Some(hms(9, 55, 49) + 250)
    );
    // an uptime or nothing clock-like: no time of day
    for none in ["   0.123s", "", "12:34", "99:00:00", "ab:cd:ef"] {
        assert_eq!(at(none), None, "{none}");
    }
    // but tracing's uptime() is a time on the log's clock (found by a
    // review: uptime logs judged nothing by the time since start)
    assert_eq!(stamp_millis("12.506019889s"), Some(12_506));
    assert_eq!(stamp_millis("0.0008s"), Some(0));
    assert_eq!(stamp_millis("3.5s"), Some(3_500));
    // as tracing's JSON writes it, padding and all
    assert_eq!(stamp_millis("   0.001000000s"), Some(1));
    assert_eq!(stamp_millis("2026-11-24T09:57:47Z"), Some(hms(9, 57, 47)));
    for none in [".5s", "5.s", "1.2", "x.5s", "1.2.3s"] {
        assert_eq!(stamp_millis(none), None, "{none}");
    }
}

#[test]
fn time_stamps_are_ordered_by_date_then_time_of_day() {
    use std::cmp::Ordering::{Greater, Less};
    // a whole second before its fraction, which text order reverses
    assert_eq!(
        time_order("2026-11-24T09:55:55Z", "2026-11-24T09:55:55.5Z"),
        Some(Less)
    );
    assert_eq!(
        time_order("2026-11-24T09:55:56Z", "2026-11-24T09:55:55.5Z"),
        Some(Greater)
    );
    assert_eq!(
        time_order("2026-11-23T23:59:59Z", "2026-11-24 00:00:00"),
        Some(Less)
    );
    // finer than a millisecond: as text
    assert_eq!(
        time_order("2026-11-24T09:55:55.1234Z", "2026-11-24T09:55:55.1235Z"),
        Some(Less)
    );
    // found by the review of this rule: `Dec` sorts before `Nov` as text,
    // a time of day alone wraps at midnight, and formats differ: not ordered
    assert_eq!(time_order("Nov 30 23:59:58", "Dec  1 00:00:01"), None);
    assert_eq!(time_order("23:59:58.100", "00:00:01.000"), None);
    assert_eq!(time_order("2026-11-24T10:30:00Z", "Nov 24 10:00:01"), None);
    assert_eq!(time_order("   0.123s", "   0.2s"), None);
}

/// Nodes in different time zones (tracing's local-time stamps) used to be
/// ordered by their local time of day: 10:30+01:00 after 10:00Z.
#[test]
fn utc_offsets_are_applied_in_time_order() {
    use std::cmp::Ordering::{Greater, Less};
    let cases = [
        ("2026-11-24T10:30:00+01:00", "2026-11-24T10:00:00Z", Less),
        (
            "2026-11-24T05:00:00.250-05:00",
            "2026-11-24T10:00:00Z",
            Greater,
        ),
        ("2026-11-24T15:30:00+0530", "2026-11-24T10:00:00.001Z", Less),
        // across a day, a month and a year
        ("2026-12-01T00:30:00+01:00", "2026-11-30T23:45:00Z", Less),
        ("2026-12-31T23:30:00-01:00", "2027-01-01T00:15:00Z", Greater),
    ];
    for (a, b, order) in cases {
        assert_eq!(time_order(a, b), Some(order), "{a} vs {b}");
    }
    assert_eq!(
        time_key("2026-11-24T10:55:43.6+01:00"),
        time_key("2026-11-24T09:55:43.6Z")
    );
    assert_eq!(time_key("1970-01-01T00:00:01Z"), Some(1000));
    // found by the review of this rule: an offset of hours alone
    assert_eq!(
        time_key("2026-11-24T15:00:00+05"),
        time_key("2026-11-24T10:00:00Z")
    );
    assert_eq!(time_key("2000-03-01 00:00:00"), Some(951_868_800_000));
    // a sign without hours and minutes is no offset
    assert_eq!(
        time_key("2026-11-24T10:00:00+"),
        time_key("2026-11-24T10:00:00Z")
    );
    // not a date: no key, and no panic on short or odd stamps
    for none in [
        "2026-13-01T00:00:00Z",
        "2026-11-24",
        "2026-11-24T",
        "26-11-24T10:00:00Z",
        "é",
    ] {
        assert_eq!(time_key(none), None, "{none}");
    }
}

#[test]
fn a_time_stamp_that_can_be_ordered_wins_first_and_last() {
    let key = |t| (t, time_key(t));
    let (rfc, later, journald) = (
        "2026-11-24T07:00:00Z",
        "2026-11-24T10:00:00Z",
        "Nov 24 08:00:00",
    );
    assert!(replaces_first(key(rfc), key(journald)));
    assert!(!replaces_first(key(journald), key(rfc)));
    assert!(!replaces_first(key(later), key(rfc)));
    assert!(!replaces_first(key("Nov 24 07:00:00"), key(journald)));
    assert!(replaces_last(key(later), key(rfc)));
    assert!(!replaces_last(key(rfc), key(later)));
    assert!(!replaces_last(key(journald), key(rfc)));
    assert!(replaces_last(key("Nov 24 07:00:00"), key(journald)));
}

#[test]
fn the_start_is_the_first_timed_event() {
    let mut node = Node::default();
    assert_eq!(node.since_start_ms("2026-11-24T09:56:44Z"), None);
    node.note_time("no time here");
    node.note_time("2026-11-24T09:56:43.500Z");
    node.note_time("2026-11-24T09:59:00Z"); // later events do not move it
    assert_eq!(node.since_start_ms("2026-11-24T09:56:44Z"), Some(500));
    // before the start (another day's log appended): unknown
    assert_eq!(node.since_start_ms("2026-11-25T01:00:00Z"), None);
}

fn established(peer: &str, n: u64) -> Event {
    event(&format!("ConnectionEstablished {{ peer_id: PeerId(\"{peer}\"), connection_id: ConnectionId(1), endpoint: Listener {{ local_addr: /ip4/127.0.0.1/tcp/1, send_back_addr: /ip4/127.0.0.1/tcp/2 }}, num_established: {n}, concurrent_dial_errors: None, established_in: 1ms }}"))
}

fn closed(peer: &str, n: u64) -> Event {
    event(&format!("ConnectionClosed {{ peer_id: PeerId(\"{peer}\"), connection_id: ConnectionId(1), endpoint: Listener {{ local_addr: /ip4/127.0.0.1/tcp/1, send_back_addr: /ip4/127.0.0.1/tcp/2 }}, num_established: {n}, cause: Some(KeepAliveTimeout) }}"))
}

fn query(id: u64, last: bool) -> Event {
    event(
        &PUT_FAILED
            .replace("QueryId(7)", &format!("QueryId({id})"))
            .replace("last: true", &format!("last: {last}")),
    )
}

fn local_peer_id(id: &str) -> Event {
    let found = crate::pipeline::find_events(&format!("local_peer_id={id}"));
    found.into_iter().next().unwrap().event
}

fn mixed(net: &Network) -> Vec<(String, u64, Sign)> {
    let of = |n: &str| {
        let m = net.node(Some(n).filter(|n| !n.is_empty()))?.mixed.clone()?;
        Some((n.to_owned(), m.line, m.sign))
    };
    net.node_names().into_iter().filter_map(of).collect()
}

#[test]
fn one_node_s_own_events_show_no_sign_of_several_nodes() {
    let mut net = Network::default();
    let events = [
        local_peer_id("12D3KooWA"),
        established("A", 1),
        established("A", 2),
        closed("A", 1),
        closed("A", 0),
        established("A", 1),
        query(1, false),
        query(1, true),
        query(2, true),
        local_peer_id("12D3KooWA"),
    ];
    for (line, e) in (1..).zip(&events) {
        net.observe(None, line, e);
    }
    assert_eq!(mixed(&net), []);
}

#[test]
fn several_nodes_in_one_view_are_noticed_at_the_first_sign() {
    let signs = [
        (
            vec![local_peer_id("12D3KooWA"), local_peer_id("12D3KooWB")],
            Sign::LocalPeerIds {
                first: "12D3KooWA".into(),
                second: "12D3KooWB".into(),
            },
        ),
        (
            vec![query(3, true), query(3, true)],
            Sign::QueryFinishedTwice(3),
        ),
        (
            vec![established("P", 1), established("P", 1)],
            Sign::ConnectedAgain {
                peer: "P".into(),
                closes_seen: false,
            },
        ),
    ];
    for (events, sign) in signs {
        let mut net = Network::default();
        net.observe(Some("node-1"), 1, &events[0]);
        net.observe(Some("node-2"), 2, &events[1]);
        assert_eq!(mixed(&net), [], "{sign:?}: two named nodes");
        let mut net = Network::default();
        for (line, e) in (5..).zip(events.iter().chain(&events)) {
            net.observe(None, line, e);
        }
        // the first sign is kept
        assert_eq!(mixed(&net), [(String::new(), 6, sign.clone())]);
    }
}

/// A first connection to a connected peer in a log that shows no
/// connection close may be a reconnect of an app that does not log
/// `ConnectionClosed`, and the sign says so. Found by review: such an app
/// was told flatly that its log held several nodes.
#[test]
fn a_first_connection_again_without_closes_says_it_may_be_a_reconnect() {
    let sign = |events: &[Event]| {
        let mut net = Network::default();
        for (line, e) in (1..).zip(events) {
            net.observe(None, line, e);
        }
        mixed(&net)
    };
    let unclosed = sign(&[established("P", 1), established("P", 1)]);
    let want = Sign::ConnectedAgain {
        peer: "P".into(),
        closes_seen: false,
    };
    assert_eq!(unclosed, [(String::new(), 2, want.clone())]);
    assert!(want.describe().contains("does not log ConnectionClosed"));
    let closed = sign(&[closed("Q", 0), established("P", 1), established("P", 1)]);
    let want = Sign::ConnectedAgain {
        peer: "P".into(),
        closes_seen: true,
    };
    assert!(!want.describe().contains("ConnectionClosed"));
    assert_eq!(closed, [(String::new(), 3, want)]);
}

/// Found by review: one node's log across a restart (the same key logs
/// `local_peer_id` again, query ids start again at 0, the dead process's
/// connections are gone) read as several nodes.
#[test]
fn a_restart_of_one_node_starts_its_view_again_and_is_no_sign() {
    let mut net = Network::default();
    let run = [
        local_peer_id("12D3KooWA"),
        routing("B", None),
        established("B", 1),
        query(0, true),
    ];
    for (line, e) in (1..).zip(run.iter().chain(&run)) {
        net.observe(None, line, e);
    }
    assert_eq!(mixed(&net), []);
    let view = net.node(None).unwrap();
    assert_eq!(
        view.dht_peers().map(|p| (p.count, p.line)),
        Some((1, Some(6)))
    );
    assert_eq!(view.connected_peers().map(|p| p.count), Some(1));
    // the restarted swarm's start is the next time stamp
    let mut node = Node::default();
    node.note_time("2026-11-24T09:00:00Z");
    node.observe(1, &local_peer_id("12D3KooWA"));
    node.note_time("2026-11-24T10:00:00Z");
    assert_eq!(node.since_start_ms("2026-11-24T10:00:01Z"), Some(1000));
}

/// Found by review: a report whose line was cut before `step:` is no
/// proof that its query finished.
#[test]
fn a_report_cut_before_its_step_does_not_finish_the_query() {
    let mut net = Network::default();
    let cut = event(&PUT_FAILED.replace(", step: ProgressStep { count: 1, last: true }", ""));
    assert_eq!(cut.kind, "kad.PutRecord.QuorumFailed");
    net.observe(None, 1, &cut);
    net.observe(None, 2, &cut);
    assert_eq!(mixed(&net), []);
}

/// Found by a memory check: a view counted every (kind, peer) pair it ever
/// saw, so 1 000 000 distinct peers took 76 MB; what it remembers is now
/// bounded, and a peer seen lately is still counted as a repeat.
#[test]
fn a_view_remembers_a_bounded_number_of_peers() {
    let mut node = Node::default();
    let again = event("UnroutablePeer { peer: PeerId(\"again\") }");
    node.observe(1, &again);
    for k in 0..3 * recent::KEPT {
        let peer = format!("UnroutablePeer {{ peer: PeerId(\"p{k}\") }}");
        node.observe(k as u64 + 2, &event(&peer));
        let established = format!("ConnectionEstablished {{ peer_id: PeerId(\"c{k}\"), connection_id: ConnectionId(1), endpoint: Dialer {{ address: /ip4/127.0.0.1/tcp/1, role_override: Dialer, port_use: Reuse }}, num_established: 1, concurrent_dial_errors: None, established_in: 1ms }}");
        if k < PEERS_KEPT + 10 {
            node.observe(k as u64 + 2, &event(&established));
        }
        if k % 1000 == 0 {
            node.observe(k as u64 + 2, &again);
        }
    }
    assert!(node.seen.len() <= 2 * recent::KEPT, "{}", node.seen.len());
    assert_eq!(node.connections.len(), PEERS_KEPT);
    assert_eq!(
        node.context(&again, None).repeats,
        1 + 3 * recent::KEPT as u64 / 1000 + 1
    );
}

/// Found by the code review: in a view of several unnamed nodes, the last
/// `local_peer_id` made another node's dials to that id "self-dials".
#[test]
fn a_self_dial_is_told_only_in_a_view_of_one_node() {
    let dial = event("OutgoingConnectionError { connection_id: ConnectionId(1), peer_id: Some(PeerId(\"12D3KooWB\")), error: Transport([(/ip4/127.0.0.1/tcp/1, Other(Custom { kind: Other, error: Other(Left(Left(Left(Os { code: 111, kind: ConnectionRefused, message: \"Connection refused\" })))) }))]) }");
    let mut one = Network::default();
    one.observe(None, 1, &local_peer_id("12D3KooWB"));
    assert!(one.context(None, &dial, None).subject_is_self);
    let mut two = Network::default();
    two.observe(None, 1, &local_peer_id("12D3KooWA"));
    two.observe(None, 2, &local_peer_id("12D3KooWB"));
    assert!(!two.context(None, &dial, None).subject_is_self);
}

/// Found by the code review: kad's own log lines (`New outbound connection
/// … mode=client`) did not count as signs that the node runs kad.
#[test]
fn a_kad_log_line_shows_the_node_runs_kad() {
    let mut net = Network::default();
    let anything = local_peer_id("12D3KooWA");
    assert!(!net.context(None, &anything, None).runs_kad);
    let found = crate::pipeline::find_events("New outbound connection peer=12D3KooWB mode=client");
    let line = &found.first().expect("kad's log line").event;
    assert!(line.kind.starts_with("kad.log."), "{}", line.kind);
    net.observe(None, 1, line);
    assert!(net.context(None, &anything, None).runs_kad);
}

fn identified(peer: &str, protocols: &str) -> Event {
    event(&format!("Received {{ connection_id: ConnectionId(1), peer_id: PeerId(\"{peer}\"), info: Info {{ public_key: PublicKey {{ publickey: Ed25519(PublicKey(compressed): 51e2) }}, protocol_version: \"/p/1.0.0\", agent_version: \"a\", listen_addrs: [], protocols: [{protocols}], observed_addr: /ip4/127.0.0.1/tcp/1, signed_peer_record: None }} }}"))
}

/// Found by the user-view review: a lone node whose only routing-table peer
/// (a rendezvous bootnode) runs no kad was judged "network too small".
#[test]
fn a_routing_table_of_peers_without_kad_has_no_kad_server() {
    const NO_KAD: &str = "\"/ipfs/id/1.0.0\", \"/ipfs/ping/1.0.0\"";
    const KAD: &str = "\"/ipfs/id/1.0.0\", \"/ipfs/kad/1.0.0\"";
    let mut net = Network::default();
    let no_server = |net: &Network| net.context(None, &event(PUT_FAILED), None).no_kad_server;
    // identify before the routing table, then the table: counted at the insert
    net.observe(None, 2, &identified("A", NO_KAD));
    assert_eq!(no_server(&net), None, "an empty table");
    net.observe(None, 3, &routing("A", None));
    assert_eq!(no_server(&net), Some(2));
    // a second peer that serves kad
    net.observe(None, 4, &routing("B", None));
    net.observe(None, 5, &identified("B", KAD));
    assert_eq!(no_server(&net), None);
    // it switches to client mode; then the first one to server mode
    net.observe(None, 6, &identified("B", NO_KAD));
    assert_eq!(no_server(&net), Some(6));
    net.observe(None, 7, &identified("A", KAD));
    assert_eq!(no_server(&net), None);
    // an identify without protocols (elided, cut off) says nothing
    net.observe(None, 8, &identified("A", ""));
    assert_eq!(no_server(&net), None);
    // C, without kad, evicts A
    net.observe(None, 9, &identified("C", NO_KAD));
    net.observe(None, 10, &routing("C", Some("A")));
    assert_eq!(no_server(&net), Some(9));
}

/// Found by the code review: the cited identify line outlived its peer's
/// eviction, a restart kept the old run's evidence, a cut-off protocol list
/// counted as "no kad", and Substrate's `/<genesis>/kad` was no kad name.
#[test]
fn no_kad_evidence_follows_evictions_restarts_and_cut_lines() {
    const NO_KAD: &str = "\"/ipfs/id/1.0.0\", \"/ipfs/ping/1.0.0\"";
    let mut net = Network::default();
    let no_server = |net: &Network| net.context(None, &event(PUT_FAILED), None).no_kad_server;
    net.observe(None, 1, &identified("Z", NO_KAD));
    net.observe(None, 2, &identified("X", NO_KAD));
    net.observe(None, 3, &identified("Y", NO_KAD));
    net.observe(None, 4, &routing("X", None));
    net.observe(None, 5, &routing("Y", None));
    assert_eq!(no_server(&net), Some(3));
    // Z (identified at line 1) evicts Y: the table is {X, Z}, X's line is the last
    net.observe(None, 6, &routing("Z", Some("Y")));
    assert_eq!(no_server(&net), Some(2));
    // the node restarts: its new table's peers have said nothing yet
    net.observe(None, 7, &local_peer_id("12D3KooWA"));
    net.observe(None, 8, &routing("X", None));
    assert_eq!(no_server(&net), None);
    // an identify cut off inside its protocols says nothing of kad …
    let mut cut = identified("X", NO_KAD);
    cut.cut_short = true;
    net.observe(None, 9, &cut);
    assert_eq!(no_server(&net), None);
    // … and a whole one with a Substrate kad name serves kad
    net.observe(None, 10, &identified("X", NO_KAD));
    assert_eq!(no_server(&net), Some(10));
    net.observe(
        None,
        11,
        &identified("X", "\"/91b171bb/kad\", \"/ipfs/id/1.0.0\""),
    );
    assert_eq!(no_server(&net), None);
}

/// Found on the gossip fixture: two unnamed nodes that connect once, to
/// each other, showed no sign; the one that dialled reached an address the
/// log's `NewListenAddr` listed. Not a sign: a circuit through the relay
/// this node listens on, a hole-punched connection, an address that expired.
#[test]
fn a_connection_dialled_to_an_own_listen_address_is_a_sign() {
    let listen = |a: &str| {
        event(&format!(
            "NewListenAddr {{ listener_id: ListenerId(1), address: {a} }}"
        ))
    };
    // each to a peer of its own (a second first connection is another sign)
    let dialled = |a: &str, role: &str| {
        let peer = a.rsplit('/').next().unwrap();
        event(&format!("ConnectionEstablished {{ peer_id: PeerId(\"{peer}\"), connection_id: ConnectionId(1), endpoint: Dialer {{ address: {a}, role_override: {role}, port_use: Reuse }}, num_established: 1, concurrent_dial_errors: Some([]), established_in: 1ms }}"))
    };
    let circuit = "/ip4/10.0.0.1/tcp/4001/p2p/12D3KooWR/p2p-circuit";
    let quiet = [
        listen(&format!("{circuit}/p2p/12D3KooWA")),
        listen(circuit),
        listen("/ip4/127.0.0.1/tcp/4001"),
        dialled(&format!("{circuit}/p2p/12D3KooWB"), "Dialer"),
        dialled("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWC", "Listener"),
        dialled("/ip4/127.0.0.1/tcp/4002/p2p/12D3KooWD", "Dialer"),
        // (found by review) a closed listener's addresses, and those
        // before a restart, no longer count
        listen("/ip4/127.0.0.1/tcp/4003"),
        event("ListenerClosed { listener_id: ListenerId(1), addresses: [/ip4/127.0.0.1/tcp/4003], reason: Ok(()) }"),
        dialled("/ip4/127.0.0.1/tcp/4003/p2p/12D3KooWG", "Dialer"),
        listen("/ip4/172.18.0.3/tcp/4001"),
        local_peer_id("12D3KooWA"),
        local_peer_id("12D3KooWA"),
        dialled("/ip4/172.18.0.3/tcp/4001/p2p/12D3KooWH", "Dialer"),
        event("ExpiredListenAddr { listener_id: ListenerId(1), address: /ip4/127.0.0.1/tcp/4001 }"),
        dialled("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWE", "Dialer"),
    ];
    let mut net = Network::default();
    for (k, e) in quiet.iter().enumerate() {
        net.observe(None, k as u64 + 1, e);
    }
    assert_eq!(mixed(&net), []);
    net.observe(None, 20, &listen("/ip4/127.0.0.1/tcp/4001"));
    net.observe(
        None,
        21,
        &dialled("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWF", "Dialer"),
    );
    let want = Sign::DialledOwnListenAddr {
        address: "/ip4/127.0.0.1/tcp/4001".into(),
    };
    assert_eq!(mixed(&net), [(String::new(), 21, want)]);
}

/// Two listeners may share a port (libp2p-tcp sets `SO_REUSEPORT`), and so
/// report one address: when one of them closed, the address was taken for
/// no longer listened on.
#[test]
fn a_listen_address_shared_by_two_listeners_outlived_one_of_them() {
    let address = "/ip4/127.0.0.1/tcp/4001";
    let mut net = Network::default();
    for (line, text) in [
        format!("NewListenAddr {{ listener_id: ListenerId(1), address: {address} }}"),
        format!("NewListenAddr {{ listener_id: ListenerId(2), address: {address} }}"),
        format!("ListenerClosed {{ listener_id: ListenerId(1), addresses: [{address}], reason: Ok(()) }}"),
        format!("ConnectionEstablished {{ peer_id: PeerId(\"12D3KooWF\"), connection_id: ConnectionId(1), endpoint: Dialer {{ address: {address}/p2p/12D3KooWF, role_override: Dialer, port_use: Reuse }}, num_established: 1, concurrent_dial_errors: Some([]), established_in: 1ms }}"),
    ]
    .iter()
    .enumerate()
    {
        net.observe(None, line as u64 + 1, &event(text));
    }
    let want = Sign::DialledOwnListenAddr {
        address: address.into(),
    };
    assert_eq!(mixed(&net), [(String::new(), 4, want)]);
}

/// Found by the live review: a node restarted without a `local_peer_id`
/// line in the log (libp2p's INFO lines off) kept the old run's routing
/// table, so its queries that contacted nobody were judged with "2 DHT
/// peers" beside kad's own "No known peers." line. That line, and
/// `bootstrap()`'s `NoKnownPeers` the app logs, say the table is empty.
#[test]
fn no_known_peers_empties_the_routing_table() {
    for line in [
        "WARN libp2p_kad::behaviour: Failed to trigger bootstrap: No known peers.",
        "bootstrap() failed: NoKnownPeers",
    ] {
        let mut net = Network::default();
        net.observe(None, 1, &routing("A", None));
        net.observe(None, 2, &routing("B", None));
        let empty = crate::pipeline::find_events(line).remove(0).event;
        net.observe(None, 3, &empty);
        let ctx = net.context(None, &event(PUT_FAILED), None);
        assert_eq!(
            ctx.dht_peers,
            Some(Peers {
                count: 0,
                source: PeerSource::LogDht,
                line: Some(3)
            }),
            "{line}"
        );
        // peers added later count again
        net.observe(None, 4, &routing("C", None));
        let ctx = net.context(None, &event(PUT_FAILED), None);
        assert_eq!(ctx.dht_peers.map(|p| p.count), Some(1), "{line}");
        // (found by review) in a view of several nodes, one node's empty
        // table says nothing of the others' peers
        let mut two = Network::default();
        two.observe(None, 1, &routing("A", None));
        two.observe(
            None,
            2,
            &event(
                "NewListenAddr { listener_id: ListenerId(1), address: /ip4/127.0.0.1/tcp/4001 }",
            ),
        );
        two.observe(None, 3, &event("ConnectionEstablished { peer_id: PeerId(\"12D3KooWF\"), connection_id: ConnectionId(1), endpoint: Dialer { address: /ip4/127.0.0.1/tcp/4001/p2p/12D3KooWF, role_override: Dialer, port_use: Reuse }, num_established: 1, concurrent_dial_errors: Some([]), established_in: 1ms }"));
        assert_eq!(mixed(&two).len(), 1);
        two.observe(None, 4, &empty);
        let ctx = two.context(None, &event(PUT_FAILED), None);
        assert_eq!(ctx.dht_peers.map(|p| p.count), Some(1), "{line}");
        // a log that shows no routing-table event keeps no DHT count (the
        // connected peers stand in for it)
        let mut net = Network::default();
        net.observe(None, 1, &empty);
        let ctx = net.context(None, &event(PUT_FAILED), None);
        assert_eq!(ctx.dht_peers, None, "{line}");
    }
}
