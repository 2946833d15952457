//! Verdict rules at several peer counts, one test per rule of DESIGN.md and
//! reference §17 (hand-written events, each testing a single rule); kad's
//! in `kad`.

mod kad;

use super::*;
use crate::debugfmt::parse;
use crate::event::recognize;

/// A peer id for hand-written events (node-0's in the fixtures).
pub(super) const PEER: &str = "PeerId(\"12D3KooWDQC3CsUTjqC9hn6mtouqisPzphVTym8sdRhaVkL6xzrH\")";

/// Explains `text` without context (as `p2plog explain` does).
pub(super) fn explained(text: &str) -> Explanation {
    verdict(text, None)
}

/// Explains `text` with `--peers` set to `peers` (or none).
fn verdict(text: &str, peers: Option<u64>) -> Explanation {
    let event = recognize(&parse(text).unwrap()).unwrap();
    explain(
        &event,
        &Context {
            flag_peers: peers,
            ..Context::default()
        },
    )
}

/// An `OutboundQueryProgressed` of `result`, with these stats, from second
/// `secs.0` to `secs.1`.
fn query(result: &str, requests: u64, success: u64, failure: u64, secs: (u64, u64)) -> String {
    format!(
        "OutboundQueryProgressed {{ id: QueryId(1), result: {result}, stats: QueryStats {{ requests: {requests}, success: {success}, failure: {failure}, start: Some(Instant {{ tv_sec: {}, tv_nsec: 0 }}), end: Some(Instant {{ tv_sec: {}, tv_nsec: 0 }}) }}, step: ProgressStep {{ count: 1, last: true }} }}",
        secs.0, secs.1
    )
}

/// Found by the fourth user-view review: out of file descriptors a listener
/// accepts nobody, which was only "expected".
#[test]
fn a_listener_out_of_file_descriptors_is_actionable_at_once() {
    let emfile = "ListenerError { listener_id: ListenerId(1), error: Custom { kind: Other, error: Other(Left(Left(Left(Os { code: 24, kind: Uncategorized, message: \"Too many open files\" })))) } }";
    let e = verdict(emfile, None);
    assert_eq!(e.verdict, Verdict::Actionable);
    assert!(e.advice.contains("ulimit -n"), "{}", e.advice);
    let other = "ListenerError { listener_id: ListenerId(1), error: Custom { kind: Other, error: Other(Left(Left(Left(Os { code: 103, kind: ConnectionAborted, message: \"Software caused connection abort\" })))) } }";
    assert_eq!(verdict(other, None).verdict, Verdict::Expected);
}

#[test]
fn unknown_events_get_the_unknown_verdict() {
    let e = verdict("SomethingNew { a: 1 }", None);
    assert_eq!(
        (e.kind.as_str(), e.verdict),
        ("unknown.SomethingNew", Verdict::Unknown)
    );
}

#[test]
fn flag_beats_the_log_which_beats_the_event() {
    let dht = Peers {
        count: 3,
        source: PeerSource::LogDht,
        line: Some(9),
    };
    let conn = Peers {
        count: 5,
        source: PeerSource::LogConnected,
        line: Some(8),
    };
    let ctx = Context {
        flag_peers: Some(7),
        dht_peers: Some(dht),
        ..Context::default()
    };
    assert_eq!(ctx.peers(Some(1)).map(|p| p.source), Some(PeerSource::Flag));
    let ctx = Context {
        dht_peers: Some(dht),
        connected_peers: Some(conn),
        ..Context::default()
    };
    assert_eq!(
        (ctx.peers(Some(1)), ctx.connected(Some(1))),
        (Some(dht), Some(conn))
    );
    let ctx = Context {
        connected_peers: Some(conn),
        ..Context::default()
    };
    assert_eq!(ctx.peers(Some(1)), Some(conn));
    assert!(dht.describe().contains("line 9"));
    assert_eq!(Context::default().peers(None), None);
    assert_eq!(
        Context::default().peers(Some(2)).map(|p| p.source),
        Some(PeerSource::Event)
    );
    // a query that contacted nobody: no "at least 0 peers"
    let none = Context::default().peers(Some(0)).unwrap().describe();
    assert_eq!(none, "no peer (from the event: its query contacted none)");
}

#[test]
fn a_quic_handshake_the_dialler_dropped_is_expected_however_often() {
    // fixtures/cluster5/tracing-full.log:230, a healthy cluster: the dialler's
    // TCP connection won and it dropped the QUIC attempt
    let dropped = "IncomingConnectionError { connection_id: ConnectionId(42), local_addr: /ip4/127.0.0.1/udp/23201/quic-v1, send_back_addr: /ip4/127.0.0.1/udp/23202/quic-v1, error: Transport(Other(Custom { kind: Other, error: Other(Right(Connection(ConnectionError(ConnectionClosed(ConnectionClose { error_code: APPLICATION_ERROR, frame_type: None, reason: b\"\" }))))) })), peer_id: None }";
    let event = recognize(&parse(dropped).unwrap()).unwrap();
    let often = Context {
        repeats: 10,
        ..Context::default()
    };
    let e = explain(&event, &often);
    assert_eq!(e.verdict, Verdict::Expected);
    assert!(
        e.explanation.contains("dialler closed the QUIC handshake"),
        "{}",
        e.explanation
    );
    // another transport failure that repeats stays actionable
    let reset = dropped.replace(
        "Other(Right(Connection(ConnectionError(ConnectionClosed(ConnectionClose { error_code: APPLICATION_ERROR, frame_type: None, reason: b\"\" })))))",
        "Other(Left(Right(Select(ProtocolError(IoError(Os { code: 32, kind: BrokenPipe, message: \"Broken pipe\" }))))))",
    );
    let event = recognize(&parse(&reset).unwrap()).unwrap();
    assert_eq!(explain(&event, &often).verdict, Verdict::Actionable);
}

#[test]
fn a_relayed_dial_without_reservation_gets_relay_advice() {
    // fixtures/relay/tag.log:122, a dial through a relay to a peer that
    // holds no reservation there
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/relay/tag.log");
    let log = std::fs::read_to_string(path).unwrap();
    let line = log.lines().nth(121).unwrap();
    let event = line.strip_prefix("[SWARM] ").unwrap();
    assert!(event.contains("NoReservation"), "{event}");
    let e = verdict(event, None);
    assert!(
        e.advice.contains("must hold a reservation at that relay"),
        "{}",
        e.advice
    );
    assert!(
        !e.advice.contains("listens on that address and port"),
        "{}",
        e.advice
    );
}

#[test]
fn dns_failures_are_worded() {
    use crate::event::transport::Cause;
    let words = |name: &str| super::transport::cause_words(&Cause::Other(name.into()));
    assert!(words("ResolveError").starts_with("DNS resolution failed"));
    assert!(words("TooManyLookups").contains("more than 32 lookups"));
    assert_eq!(words("Whatever"), "`Whatever`");
}

#[test]
fn a_repeat_without_a_subject_is_not_said_to_concern_the_same_peer() {
    let ctx = |has_subject| Context {
        repeats: 2,
        has_subject,
        ..Context::default()
    };
    assert_eq!(
        ctx(false).repeat_note(),
        " Events of this kind came 2 times before."
    );
    assert_eq!(
        ctx(true).repeat_note(),
        " Events of this kind came 2 times before for the same peer or address."
    );
    // found by the second user-view review: "It happened 1 time before" for
    // a DNS failure whose earlier event was a refused dial (same kind)
    let once = Context {
        repeats: 1,
        has_subject: true,
        ..Context::default()
    };
    assert_eq!(
        once.repeat_note(),
        " An event of this kind came once before for the same peer or address."
    );
    assert_eq!(Context::default().repeat_note(), "");
}

#[test]
fn a_cause_s_headline_keeps_a_quoted_message_whole() {
    use crate::event::transport::Cause;
    use transport::cause_headline;
    assert_eq!(
        cause_headline(&Cause::ConnectionRefused),
        "connection refused"
    );
    let tls = Cause::Message("Other".into(), "tls: handshake failure".into());
    assert_eq!(cause_headline(&tls), "\"tls: handshake failure\" (Other)");
    let path = Cause::Other("libp2p_tcp::Error".into());
    assert_eq!(cause_headline(&path), "`libp2p_tcp::Error`");
}

/// Found by the second user-view review: every identify `Received` of the
/// relay scenario, where no node runs kad, said in its summary that kad
/// requests to the peer fail. Said there only by a node that runs kad.
#[test]
fn a_peer_without_kad_matters_in_the_summary_only_to_a_kad_node() {
    let received = "Received { connection_id: ConnectionId(1), peer_id: PeerId(\"A\"), info: Info { public_key: PublicKey { publickey: Ed25519(PublicKey(compressed): 95b7) }, protocol_version: \"/p/1.0.0\", agent_version: \"rust-libp2p/0.48.0\", listen_addrs: [/ip4/127.0.0.1/tcp/25000], protocols: [\"/ipfs/id/1.0.0\", \"/ipfs/ping/1.0.0\"], observed_addr: /ip4/127.0.0.1/tcp/25001, signed_peer_record: None } }";
    let event = recognize(&parse(received).unwrap()).unwrap();
    let judge = |runs_kad| {
        let ctx = Context {
            runs_kad,
            ..Context::default()
        };
        explain(&event, &ctx)
    };
    let plain = judge(false);
    assert!(!plain.summary.contains("kad"), "{}", plain.summary);
    assert!(
        plain.explanation.contains("if this node runs kad"),
        "{}",
        plain.explanation
    );
    let kad = judge(true);
    assert!(
        kad.summary.contains("It does NOT advertise a kad protocol"),
        "{}",
        kad.summary
    );
}

/// Asserts that `text` holds every one of `has` and none of `lacks`.
fn says(text: &str, has: &[&str], lacks: &[&str]) {
    for h in has {
        assert!(text.contains(h), "no {h:?} in: {text}");
    }
    for l in lacks {
        assert!(!text.contains(l), "{l:?} in: {text}");
    }
}

/// Found by the second user-view review: sentences that libp2p's source
/// contradicts, or that read wrong.
#[test]
fn wording_follows_libp2p_s_source() {
    // kad-0.49 behaviour.rs: no address from an inbound connection
    let unroutable = verdict("UnroutablePeer { peer: PeerId(\"A\") }", None);
    says(
        &unroutable.explanation,
        &["never takes an address from an inbound connection"],
        &["ephemeral"],
    );
    // identify-0.48: a push for protocol changes; addresses only when configured
    let pushed = verdict("Pushed { connection_id: ConnectionId(3), peer_id: PeerId(\"A\"), info: Info { public_key: PublicKey { publickey: Ed25519(PublicKey(compressed): 95b7) }, protocol_version: \"/p/1.0.0\", agent_version: \"a\", listen_addrs: [], protocols: [], observed_addr: /ip4/127.0.0.1/tcp/1, signed_peer_record: None } }", None);
    says(
        &pushed.explanation,
        &["`push_listen_addr_updates` set (off by default)"],
        &["a new address was confirmed"],
    );
    let closed = verdict("ConnectionClosed { peer_id: PeerId(\"A\"), connection_id: ConnectionId(49), endpoint: Listener { local_addr: /ip4/127.0.0.1/tcp/1, send_back_addr: /ip4/127.0.0.1/tcp/2 }, num_established: 1, cause: None }", None);
    assert!(
        closed
            .summary
            .ends_with(" 1 connection to the peer remains."),
        "{}",
        closed.summary
    );
    // a get whose only find came from the local store says so
    let local = verdict(
        &query(
            "GetRecord(Ok(FinishedWithNoAdditionalRecord { cache_candidates: {} }))",
            1,
            0,
            1,
            (1, 1),
        ),
        None,
    );
    says(
        &local.explanation,
        &["came from this node's own record store"],
        &[],
    );
    assert_eq!(local.explanation.trim_end(), local.explanation);
}

/// Found by the swarm catalog audit against libp2p-swarm 0.48: who emits
/// `Dialing` and the external-address events, what closes a relay listener
/// with `Ok(())`, who can hold a TCP port libp2p listens on, what mDNS's
/// addresses are good for.
#[test]
fn swarm_wording_follows_swarm_0_48() {
    // lib.rs:1096: only a behaviour's `ToSwarm::Dial` pushes `Dialing`
    let dialing =
        explained("Dialing { peer_id: Some(PeerId(\"A\")), connection_id: ConnectionId(18) }");
    says(
        &dialing.explanation,
        &["emits no `Dialing`"],
        &["by the app or"],
    );
    // lib.rs:613: `remove_external_address` emits no event; AutoNAT never withdraws
    let expired = explained("ExternalAddrExpired { address: /ip4/203.0.113.7/tcp/4001 }");
    says(
        &expired.explanation,
        &["AutoNAT never withdraws", "emits no event"],
        &["or the app removed it"],
    );
    // relay priv_client/transport.rs:366: the relay connection's end closes with Ok(())
    let relayed = explained("ListenerClosed { listener_id: ListenerId(2), addresses: [/ip4/127.0.0.1/tcp/27000/p2p/A/p2p-circuit/p2p/B], reason: Ok(()) }");
    says(&relayed.explanation, &["connection to the relay ends"], &[]);
    says(
        &relayed.advice,
        &["listen on the circuit address again"],
        &[],
    );
    let plain = explained("ListenerClosed { listener_id: ListenerId(2), addresses: [/ip4/127.0.0.1/tcp/4001], reason: Ok(()) }");
    says(&plain.explanation, &["`remove_listener`"], &[]);
    assert_eq!(plain.advice, "");
    // tcp lib.rs:215-218: libp2p's TCP listeners share ports (SO_REUSEPORT)
    let in_use = explained("Other(Custom { kind: Other, error: Os { code: 98, kind: AddrInUse, message: \"Address already in use\" } })");
    says(
        &in_use.advice,
        &["TCP listeners share a port"],
        &["another listener of this node"],
    );
    // mdns behaviour.rs:225: a dial by peer id gets mDNS's addresses
    let found = explained("Discovered([(PeerId(\"A\"), /ip4/192.168.1.10/tcp/4001)])");
    says(
        &found.explanation,
        &["a dial by peer id"],
        &["the app must (`swarm.dial`"],
    );
}

/// Found by the third user-view review: "publicly reachable at
/// /ip4/127.0.0.1/…" (autonat v1 probes such addresses only with
/// `only_global_ips` off, behaviour.rs:105).
#[test]
fn autonat_public_at_a_non_global_address_says_so() {
    let local = explained("StatusChanged { old: Unknown, new: Public(/ip4/127.0.0.1/tcp/27000) }");
    says(
        &local.summary,
        &[
            "(loopback, this machine)",
            "says nothing about the internet",
        ],
        &["publicly reachable"],
    );
    let public = explained("StatusChanged { old: Unknown, new: Public(/ip4/1.2.3.4/tcp/4001) }");
    says(
        &public.summary,
        &["publicly reachable at /ip4/1.2.3.4/tcp/4001"],
        &["internet"],
    );
    // a documentation range is no more global (v1 behaviour.rs:595-641)
    let example =
        explained("StatusChanged { old: Unknown, new: Public(/ip4/203.0.113.7/tcp/4001) }");
    says(
        &example.summary,
        &[
            "(a documentation-range address",
            "says nothing about the internet",
        ],
        &["publicly reachable"],
    );
    // v1's `is_global_ip` counts 3fff::/20 and IPv4-mapped addresses as
    // global (libp2p-autonat 0.16 v1/behaviour.rs:643-696): servers dial them all the same
    for quirk in ["/ip6/3fff::7/tcp/4001", "/ip6/::ffff:192.168.1.7/tcp/4001"] {
        let global = explained(&format!(
            "StatusChanged {{ old: Unknown, new: Public({quirk}) }}"
        ));
        says(
            &global.summary,
            &[
                "says nothing about the internet",
                "with `only_global_ips` on too",
            ],
            &["only with `only_global_ips` off"],
        );
    }
    let db8 = explained("StatusChanged { old: Unknown, new: Public(/ip6/2001:db8::7/tcp/4001) }");
    says(
        &db8.summary,
        &["only with `only_global_ips` off"],
        &["on too"],
    );
}

#[test]
fn repeats_are_counted_in_english_ordinals() {
    let said = |before, per_subject| {
        Repeats {
            before,
            per_subject,
        }
        .describe()
    };
    assert_eq!(said(2, true), "3rd time for this peer or address");
    assert_eq!(said(1, false), "2nd event of its kind");
    let ordinals: Vec<String> = [0, 3, 10, 11, 12, 20, 21, 101, 110]
        .into_iter()
        .map(|before| said(before, false).split(' ').next().unwrap().to_owned())
        .collect();
    assert_eq!(
        ordinals,
        ["1st", "4th", "11th", "12th", "13th", "21st", "22nd", "102nd", "111th"]
    );
}
