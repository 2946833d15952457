//! Events in the shapes of libp2p 0.53–0.56 (reference §16) are recognised as
//! the same kinds as 0.57's. Each line is a 0.57 fixture line rewritten into
//! the older shape the reference describes (the rewrite is the rule under test).

use p2plog::event::swarm::{DialErr, Endpoint, ListenErr, Swarm};
use p2plog::event::{self, Detail, Event};

const B: &str = "12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8";
const C: &str = "12D3KooWS2YRYgfvDJezyWEe8dMWt8Hbkr1YzMC2eb3ViqQCQT9j";

fn one(text: &str) -> Event {
    let found = event::find(text);
    assert_eq!(found.len(), 1, "{text}");
    found.into_iter().next().unwrap().event
}

#[test]
fn dialer_without_port_use_is_libp2p_0_53() {
    let text = format!("ConnectionEstablished {{ peer_id: PeerId(\"{B}\"), connection_id: ConnectionId(1), endpoint: Dialer {{ address: /ip4/127.0.0.1/tcp/24001/p2p/{B}, role_override: Dialer }}, num_established: 1, concurrent_dial_errors: Some([]), established_in: 922.261µs }}");
    let e = one(&text);
    assert_eq!(e.kind, "swarm.ConnectionEstablished");
    let Detail::Swarm(Swarm::ConnectionEstablished {
        endpoint: Some(Endpoint::Dialer { address, .. }),
        ..
    }) = e.detail
    else {
        panic!("{:?}", e.detail)
    };
    assert_eq!(address.text, format!("/ip4/127.0.0.1/tcp/24001/p2p/{B}"));
}

#[test]
fn wrong_and_local_peer_id_with_endpoint_are_libp2p_0_55() {
    let text = format!("OutgoingConnectionError {{ connection_id: ConnectionId(3), peer_id: Some(PeerId(\"{C}\")), error: WrongPeerId {{ obtained: PeerId(\"{B}\"), endpoint: Dialer {{ address: /ip4/127.0.0.1/tcp/24001/p2p/{C}, role_override: Dialer, port_use: Reuse }} }} }}");
    let e = one(&text);
    assert_eq!(e.kind, "swarm.OutgoingConnectionError.WrongPeerId");
    let Detail::Swarm(Swarm::OutgoingConnectionError {
        error: DialErr::WrongPeerId { obtained, address },
        ..
    }) = e.detail
    else {
        panic!("{:?}", e.detail)
    };
    assert_eq!(obtained, B);
    assert_eq!(
        address.unwrap().text,
        format!("/ip4/127.0.0.1/tcp/24001/p2p/{C}")
    );
    let text = format!("OutgoingConnectionError {{ connection_id: ConnectionId(10), peer_id: Some(PeerId(\"{B}\")), error: LocalPeerId {{ endpoint: Dialer {{ address: /ip4/10.0.0.5/tcp/4001/p2p/{B}, role_override: Dialer }} }} }}");
    assert_eq!(one(&text).kind, "swarm.OutgoingConnectionError.LocalPeerId");
}

#[test]
fn incoming_connection_error_without_peer_id_is_libp2p_0_55() {
    let text = "IncomingConnectionError { connection_id: ConnectionId(4), local_addr: /ip4/127.0.0.1/tcp/24001, send_back_addr: /ip4/127.0.0.1/tcp/24000, error: Transport(Other(Custom { kind: Other, error: Other(Left(Right(Select(ProtocolError(IoError(Os { code: 32, kind: BrokenPipe, message: \"Broken pipe\" })))))) })) }";
    let e = one(text);
    assert_eq!(e.kind, "swarm.IncomingConnectionError.Transport");
    let Detail::Swarm(Swarm::IncomingConnectionError {
        error: ListenErr::Transport(leaf),
        peer,
        ..
    }) = e.detail
    else {
        panic!("{:?}", e.detail)
    };
    assert_eq!((leaf.cause.id(), peer), ("BrokenPipe".to_owned(), None));
}

#[test]
fn get_closest_peers_with_bare_peer_ids_is_libp2p_0_53() {
    let text = format!("OutboundQueryProgressed {{ id: QueryId(0), result: GetClosestPeers(Ok(GetClosestPeersOk {{ key: [0, 36, 8, 1], peers: [PeerId(\"{B}\")] }})), stats: QueryStats {{ requests: 1, success: 1, failure: 0, start: None, end: None }}, step: ProgressStep {{ count: 1, last: true }} }}");
    assert_eq!(one(&text).kind, "kad.GetClosestPeers.Ok");
}

#[test]
fn insufficient_peers_is_gossipsub_up_to_0_48() {
    assert_eq!(
        one("[GOSSIP] [ERROR] publish() failed: InsufficientPeers").kind,
        "gossipsub.PublishError.InsufficientPeers"
    );
    // 0.48-0.49 count failed messages in five fields
    let text = format!("Behaviour(KadNodeEvent: SlowPeer {{ peer_id: PeerId(\"{B}\"), failed_messages: FailedMessages {{ publish: 1, forward: 2, priority: 1, non_priority: 0, timeout: 3 }} }})");
    let e = one(&text);
    assert_eq!(e.kind, "gossipsub.SlowPeer");
    assert!(matches!(
        e.detail,
        Detail::Gossipsub(event::gossipsub::Gossipsub::SlowPeer { failed: 7, .. })
    ));
}

#[test]
fn identify_without_connection_id_is_libp2p_0_53() {
    let info = "Info { public_key: PublicKey { publickey: Ed25519(PublicKey(compressed): 82417e52b8fc0859276ca6e6f4c110f3fd39546de6a2bfcf2515d4d7febc1) }, protocol_version: \"/p2plog-fixture/1.0.0\", agent_version: \"rust-libp2p/0.44.2\", listen_addrs: [/ip4/127.0.0.1/tcp/24001], protocols: [\"/ipfs/id/push/1.0.0\", \"/ipfs/ping/1.0.0\", \"/ipfs/kad/1.0.0\", \"/ipfs/id/1.0.0\"], observed_addr: /ip4/127.0.0.1/tcp/24000 }";
    let cases = [
        (format!("Behaviour(KadNodeEvent: Received {{ peer_id: PeerId(\"{B}\"), info: {info} }})"), "identify.Received"),
        (format!("Behaviour(KadNodeEvent: Sent {{ peer_id: PeerId(\"{B}\") }})"), "identify.Sent"),
        (format!("Behaviour(KadNodeEvent: Error {{ peer_id: PeerId(\"{C}\"), error: NegotiationFailed }})"), "identify.Error.NegotiationFailed"),
    ];
    for (text, kind) in cases {
        assert_eq!(one(&text).kind, kind, "{text}");
    }
}

#[test]
fn request_response_without_connection_id_is_libp2p_0_54() {
    let text = format!("Behaviour(KadNodeEvent: OutboundFailure {{ peer: PeerId(\"{C}\"), request_id: OutboundRequestId(1), error: UnsupportedProtocols }})");
    assert_eq!(
        one(&text).kind,
        "request_response.OutboundFailure.UnsupportedProtocols"
    );
}

#[test]
fn relay_denials_without_status_are_libp2p_0_55() {
    let cases = [
        (format!("Behaviour(KadNodeEvent: ReservationReqDenied {{ src_peer_id: PeerId(\"{B}\") }})"), "relay.ReservationReqDenied"),
        (format!("Behaviour(KadNodeEvent: CircuitReqDenied {{ src_peer_id: PeerId(\"{B}\"), dst_peer_id: PeerId(\"{C}\") }})"), "relay.CircuitReqDenied"),
    ];
    for (text, kind) in cases {
        assert_eq!(one(&text).kind, kind, "{text}");
        // no status to name: no "(?)" in place of one
        let reports = p2plog::app::explain_text(&text, "test", &Default::default());
        let summary = &reports[0].explanation.summary;
        assert!(!summary.contains('('), "{summary}");
    }
}

#[test]
fn user_enums_and_single_behaviours_hide_nothing() {
    // `#[behaviour(to_swarm = "MyEvent")]` with a derived enum, and a one-protocol swarm
    let ping = format!(
        "Event {{ peer: PeerId(\"{B}\"), connection: ConnectionId(1), result: Ok(1.958592ms) }}"
    );
    for text in [
        format!("Behaviour(Ping({ping}))"),
        format!("Behaviour({ping})"),
        ping.clone(),
    ] {
        assert_eq!(one(&text).kind, "ping.Ok", "{text}");
    }
    let mdns =
        format!("Behaviour(Mdns(Discovered([(PeerId(\"{B}\"), /ip4/192.168.1.10/tcp/4001)])))");
    assert_eq!(one(&mdns).kind, "mdns.Discovered");
    assert_eq!(
        one("Behaviour(Upnp(GatewayNotFound))").kind,
        "upnp.GatewayNotFound"
    );
}

#[test]
fn addresses_quoted_by_multiaddr_0_18_1_are_read() {
    // multiaddr 0.18.0 and 0.18.1 (libp2p 0.53, 0.54) print an address as
    // `Debug` of its string; 0.18.2 prints it bare. Lines as users pasted
    // them: rust-libp2p PR 4568 (0.54), a 0.53 tutorial's log (rust_learn),
    // sigp/lighthouse issue 4538
    let lines = [
        (
            r#"2024-07-30T08:18:46.341037Z TRACE libp2p_swarm_test: event=NewExternalAddrOfPeer { peer_id: PeerId("12D3KooWNhk18fuyrDpxQFjQWJvjNm1n9BGy394dsBye6gnjensp"), address: "/ip4/127.0.0.1/tcp/41877" }"#,
            "swarm.NewExternalAddrOfPeer",
            "/ip4/127.0.0.1/tcp/41877",
        ),
        (
            r#"INFO  rust_learn::handlers          > Income swarm Event: NewListenAddr { listener_id: ListenerId(1), address: "/ip4/127.0.0.1/tcp/65248" }"#,
            "swarm.NewListenAddr",
            "/ip4/127.0.0.1/tcp/65248",
        ),
        (
            r#"INFO  rust_learn::handlers          > Income swarm Event: Behaviour(Mdns(Discovered([(PeerId("12D3KooWGEGJQhFaR4ZzJ15CUvMVVu1wcaGd3i7yzvHHYFexbfT7"), "/ip4/192.168.31.22/tcp/65247")])))"#,
            "mdns.Discovered",
            "/ip4/192.168.31.22/tcp/65247",
        ),
        (
            r#"Transport([("/ip4/x.x.x.x/tcp/9000/p2p/16Uiu2HAm414GH2X4sLtWyRujBak6euCdZiWfbjCRnpLyk4L4Hw6i", Other(Custom { kind: Other, error: Custom { kind: Other, error: Other(Left(Right(Select(ProtocolError(IoError(Os { code: 104, kind: ConnectionReset, message: "Connection reset by peer" })))))) } }))])"#,
            "swarm.DialError.Transport",
            "/ip4/x.x.x.x/tcp/9000/p2p/16Uiu2HAm414GH2X4sLtWyRujBak6euCdZiWfbjCRnpLyk4L4Hw6i",
        ),
    ];
    for (line, kind, address) in lines {
        let e = one(line);
        assert_eq!(e.kind, kind, "{line}");
        let detail = format!("{:?}", e.detail);
        assert!(detail.contains(&format!("text: {address:?}")), "{detail}");
    }
    // identify's list of them, and the address it observed
    let identify = r#"2024-07-30T08:18:46.340748Z TRACE libp2p_swarm_test: event=Behaviour(ClientEvent: Received { connection_id: ConnectionId(3), peer_id: PeerId("12D3KooWNhk18fuyrDpxQFjQWJvjNm1n9BGy394dsBye6gnjensp"), info: Info { public_key: PublicKey { publickey: Ed25519(PublicKey(compressed): bf758d6fb31a8657cf645537a3ac59fa217ec92cab6859314d679ef4516c99f) }, protocol_version: "/client", agent_version: "rust-libp2p/0.45.0", listen_addrs: ["/ip4/127.0.0.1/tcp/33827/p2p/12D3KooWMCvrNTXoXEvEqgYPY6nhaktfcW3aA8DcpnwpEjcBmb7j/p2p-circuit/p2p/12D3KooWNhk18fuyrDpxQFjQWJvjNm1n9BGy394dsBye6gnjensp", "/ip4/127.0.0.1/tcp/41877", "/memory/3580027937766908175"], protocols: ["/ipfs/id/1.0.0", "/ipfs/id/push/1.0.0"], observed_addr: "/p2p/12D3KooWDiSezdh4rhRgAZcKhWxD87gBJhkX2H7hzCLf69KEsv6H" } })"#;
    let Detail::Identify(p2plog::event::identify::Identify::Received { info, .. }) =
        one(identify).detail
    else {
        panic!("not identify.Received")
    };
    let listen: Vec<_> = info.listen_addrs.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(listen.len(), 3, "{listen:?}");
    assert_eq!(listen[2], "/memory/3580027937766908175");
    let observed = info.observed_addr.map(|a| a.text);
    assert_eq!(
        observed.as_deref(),
        Some("/p2p/12D3KooWDiSezdh4rhRgAZcKhWxD87gBJhkX2H7hzCLf69KEsv6H")
    );
}

#[test]
fn send_queue_full_in_the_words_of_gossipsub_0_49() {
    // gossipsub 0.48–0.49 (libp2p 0.55–0.56) name what was dropped, with a
    // `peer` field: firstbatchxyz/dkn-compute-node issue 177 (env_logger),
    // and the tracing form the same call writes
    let env_logger = "[WARN  libp2p_gossipsub::behaviour] Send Queue full. Could not send IDontWant(IDontWant { message_ids: [MessageId(d70001e518f515ee)] }).";
    let tracing = format!("2025-03-01T10:00:00.000000Z  WARN libp2p_gossipsub::behaviour: Send Queue full. Could not send Forward {{ message: RawMessage {{ topic: TopicHash {{ hash: \"a.b\" }} }}, timeout: Delay }}. peer={B}");
    for line in [env_logger, &tracing] {
        let e = one(line);
        assert_eq!(e.kind, "gossipsub.log.SendQueueFull", "{line}");
        let Detail::Message(m) = e.detail else {
            panic!("{line}")
        };
        let peer = m.fields.get("peer").map(String::as_str);
        assert_eq!(peer, (line == tracing).then_some(B), "{line}");
    }
}

#[test]
fn floodsub_events_are_not_gossipsubs() {
    // floodsub's `Subscribed` has gossipsub's name and a `Topic`, not a
    // `TopicHash` (a 0.53 tutorial's log, rust_learn)
    let floodsub = r#"INFO  rust_learn::handlers          > Income swarm Event: Behaviour(Floodsub(Subscribed { peer_id: PeerId("12D3KooWGEGJQhFaR4ZzJ15CUvMVVu1wcaGd3i7yzvHHYFexbfT7"), topic: Topic("recipes") }))"#;
    assert_eq!(one(floodsub).kind, "unknown.Subscribed");
    let gossipsub = floodsub.replace(r#"Topic("recipes")"#, r#"TopicHash { hash: "recipes" }"#);
    assert_eq!(one(&gossipsub).kind, "gossipsub.Subscribed");
    // a gossipsub paste cut inside its topic is still gossipsub's (found by
    // the review of the first fix)
    let cut = r#"Behaviour(Gossipsub(Subscribed { peer_id: PeerId("12D3KooWDQC3CsUTjqC9hn6mtouqisPzphVTym8sdRhaVkL6xzrH"), topic: TopicHash { ha"#;
    assert_eq!(one(cut).kind, "gossipsub.Subscribed");
}
