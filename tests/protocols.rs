//! Every kind of the swarm and the other protocols (not kad's queries): the
//! catalog sample of each (a fixture line, else a `[built]`, reference or
//! `[src]` line, see grammars/explain/) is recognised as that kind, with the
//! verdict and leaf cause below; the verdict rules that depend on the context
//! (repeats, connected peers); the `[built]` examples; one readable snapshot of
//! the explanations per protocol.

use p2plog::event::message::Decoded;
use p2plog::event::swarm::{Closed, DialErr, ListenErr, Swarm};
use p2plog::event::{self, Detail, Event};
use p2plog::knowledge::{self, catalog, Context, PeerSource, Peers, Verdict};
use p2plog::render::{self, Report};

use crate::util::path;

/// The leaf cause id of an event that carries a transport or io error.
fn leaf(e: &Event) -> String {
    let l = match &e.detail {
        Detail::Swarm(Swarm::OutgoingConnectionError {
            error: DialErr::Transport(v),
            ..
        })
        | Detail::Swarm(Swarm::DialError(DialErr::Transport(v))) => {
            v.first().map(|a| a.leaf.clone())
        }
        Detail::Swarm(Swarm::IncomingConnectionError {
            error: ListenErr::Transport(l),
            ..
        }) => Some(l.clone()),
        Detail::Swarm(Swarm::ConnectionClosed {
            cause: Some(Closed::Io(l)),
            ..
        }) => Some(l.clone()),
        Detail::Swarm(Swarm::ListenerClosed { error: Some(l), .. })
        | Detail::Swarm(Swarm::ListenerError { error: l, .. })
        | Detail::Swarm(Swarm::TransportError(l)) => Some(l.clone()),
        Detail::Ping(p) => match &p.result {
            Err(event::ping::Failure::Other(l)) => Some(l.clone()),
            _ => None,
        },
        Detail::Message(m) => match &m.decoded {
            Some(Decoded::Io(l))
            | Some(Decoded::ListenerReason(Some(l)))
            | Some(Decoded::Listen(ListenErr::Transport(l)))
            | Some(Decoded::Closed(Some(Closed::Io(l)))) => Some(l.clone()),
            Some(Decoded::Dial(DialErr::Transport(v))) => v.first().map(|a| a.leaf.clone()),
            _ => None,
        },
        _ => None,
    };
    l.map(|l| l.cause.id()).unwrap_or_default()
}

/// The one event in `text`.
fn one_event(text: &str) -> Event {
    let found = event::find(text);
    let kinds: Vec<&str> = found.iter().map(|f| f.event.kind.as_str()).collect();
    assert_eq!(found.len(), 1, "{kinds:?} in {text}");
    found.into_iter().next().unwrap().event
}

/// The catalog sample of `kind`.
fn sample(kind: &str) -> &'static str {
    catalog::entry(kind)
        .unwrap_or_else(|| panic!("no catalog entry for {kind}"))
        .sample()
        .unwrap_or_else(|| panic!("no sample in {kind}"))
}

/// (kind, verdict with no context, leaf cause id or "").
const KINDS: &[(&str, Verdict, &str)] = &[
    ("app.panic", Verdict::Actionable, ""),
    (
        "autonat.InboundProbe.Error.InboundRequest",
        Verdict::Expected,
        "",
    ),
    ("autonat.InboundProbe.Error.Response", Verdict::Expected, ""),
    ("autonat.InboundProbe.Request", Verdict::Ok, ""),
    ("autonat.InboundProbe.Response", Verdict::Ok, ""),
    (
        "autonat.OutboundProbe.Error.NoAddresses",
        Verdict::Expected,
        "",
    ),
    (
        "autonat.OutboundProbe.Error.NoServer",
        Verdict::Expected,
        "",
    ),
    (
        "autonat.OutboundProbe.Error.OutboundRequest",
        Verdict::Expected,
        "",
    ),
    (
        "autonat.OutboundProbe.Error.Response",
        Verdict::Expected,
        "",
    ),
    ("autonat.OutboundProbe.Request", Verdict::Ok, ""),
    ("autonat.OutboundProbe.Response", Verdict::Ok, ""),
    ("autonat.StatusChanged.Private", Verdict::Actionable, ""),
    ("autonat.StatusChanged.Public", Verdict::Ok, ""),
    ("autonat.StatusChanged.Unknown", Verdict::Expected, ""),
    ("autonat.v2.Client.NoConnection", Verdict::Expected, ""),
    ("autonat.v2.Client.Ok", Verdict::Ok, ""),
    ("autonat.v2.Client.StreamFailed", Verdict::Expected, ""),
    ("autonat.v2.Server.Err", Verdict::Expected, ""),
    ("autonat.v2.Server.Ok", Verdict::Ok, ""),
    ("dcutr.Error.AttemptsExceeded", Verdict::Expected, ""),
    ("dcutr.Error.InboundError", Verdict::Expected, ""),
    ("dcutr.Error.OutboundError", Verdict::Expected, ""),
    ("dcutr.Ok", Verdict::Ok, ""),
    ("gossipsub.GossipsubNotSupported", Verdict::Expected, ""),
    ("gossipsub.Message", Verdict::Ok, ""),
    (
        "gossipsub.PublishError.AllQueuesFull",
        Verdict::Actionable,
        "",
    ),
    ("gossipsub.PublishError.Duplicate", Verdict::Expected, ""),
    (
        "gossipsub.PublishError.InsufficientPeers",
        Verdict::Expected,
        "",
    ),
    (
        "gossipsub.PublishError.MessageTooLarge",
        Verdict::Actionable,
        "",
    ),
    (
        "gossipsub.PublishError.NoPeersSubscribedToTopic",
        Verdict::Expected,
        "",
    ),
    ("gossipsub.SlowPeer", Verdict::Expected, ""),
    ("gossipsub.Subscribed", Verdict::Ok, ""),
    ("gossipsub.Unsubscribed", Verdict::Ok, ""),
    ("gossipsub.log.AlreadyPublished", Verdict::Expected, ""),
    ("gossipsub.log.GraftFromDirectPeer", Verdict::Expected, ""),
    ("gossipsub.log.OutboundStreamTimeout", Verdict::Expected, ""),
    ("gossipsub.log.SendQueueFull", Verdict::Expected, ""),
    ("identify.Error.Apply", Verdict::Expected, ""),
    ("identify.Error.Io", Verdict::Expected, ""),
    ("identify.Error.NegotiationFailed", Verdict::Expected, ""),
    ("identify.Error.Timeout", Verdict::Expected, ""),
    ("identify.Pushed", Verdict::Ok, ""),
    ("identify.Received", Verdict::Ok, ""),
    ("identify.Sent", Verdict::Ok, ""),
    ("kad.NoKnownPeers", Verdict::Expected, ""),
    ("kad.log.AddressRemoved", Verdict::Expected, ""),
    ("kad.log.ClientMode", Verdict::Actionable, ""),
    ("kad.log.ConnectionModeChanged", Verdict::Ok, ""),
    ("kad.log.InboundStreamDropped", Verdict::Expected, ""),
    ("kad.log.LastAddressUnreachable", Verdict::Expected, ""),
    ("kad.log.NewConnection", Verdict::Ok, ""),
    ("kad.log.NoKnownPeers", Verdict::Expected, ""),
    (
        "kad.log.ProviderNotStored.MaxProvidedKeys",
        Verdict::Actionable,
        "",
    ),
    ("kad.log.Reconfiguring", Verdict::Ok, ""),
    (
        "kad.log.RecordNotStored.MaxRecords",
        Verdict::Actionable,
        "",
    ),
    (
        "kad.log.RecordNotStored.ValueTooLarge",
        Verdict::Expected,
        "",
    ),
    ("kad.log.RecordStored", Verdict::Ok, ""),
    ("kad.log.RemoteProtocolChanged", Verdict::Ok, ""),
    ("kad.log.ReplicationFailed", Verdict::Expected, ""),
    (
        "kad.log.RequestFailed",
        Verdict::Expected,
        "ConnectionRefused",
    ),
    ("kad.log.ServerMode", Verdict::Ok, ""),
    ("kad.store.Error.MaxProvidedKeys", Verdict::Actionable, ""),
    ("kad.store.Error.MaxRecords", Verdict::Actionable, ""),
    ("kad.store.Error.ValueTooLarge", Verdict::Actionable, ""),
    ("mdns.Discovered", Verdict::Ok, ""),
    ("mdns.Expired", Verdict::Expected, ""),
    ("mdns.log.Discovered", Verdict::Ok, ""),
    ("mdns.log.Expired", Verdict::Expected, ""),
    ("ping.Failure.Other", Verdict::Actionable, "TimedOut"),
    ("ping.Failure.Timeout", Verdict::Actionable, ""),
    ("ping.Failure.Unsupported", Verdict::Expected, ""),
    ("ping.Ok", Verdict::Ok, ""),
    ("ping.log.Failure", Verdict::Expected, ""),
    ("relay.CircuitClosed", Verdict::Expected, ""),
    ("relay.CircuitReqAcceptFailed", Verdict::Expected, ""),
    ("relay.CircuitReqAccepted", Verdict::Ok, ""),
    ("relay.CircuitReqDenied", Verdict::Expected, ""),
    ("relay.CircuitReqDenyFailed", Verdict::Expected, ""),
    (
        "relay.CircuitReqOutboundConnectFailed",
        Verdict::Expected,
        "",
    ),
    ("relay.ReservationClosed", Verdict::Expected, ""),
    ("relay.ReservationReqAcceptFailed", Verdict::Expected, ""),
    ("relay.ReservationReqAccepted", Verdict::Ok, ""),
    ("relay.ReservationReqDenied", Verdict::Expected, ""),
    ("relay.ReservationReqDenyFailed", Verdict::Expected, ""),
    ("relay.ReservationTimedOut", Verdict::Expected, ""),
    ("relay.StatusChanged", Verdict::Ok, ""),
    ("relay.client.InboundCircuitEstablished", Verdict::Ok, ""),
    ("relay.client.OutboundCircuitEstablished", Verdict::Ok, ""),
    ("relay.client.ReservationReqAccepted", Verdict::Ok, ""),
    ("rendezvous.DiscoverFailed", Verdict::Expected, ""),
    ("rendezvous.DiscoverNotServed", Verdict::Expected, ""),
    ("rendezvous.DiscoverServed", Verdict::Ok, ""),
    ("rendezvous.Discovered", Verdict::Ok, ""),
    ("rendezvous.Expired", Verdict::Expected, ""),
    ("rendezvous.PeerNotRegistered", Verdict::Expected, ""),
    ("rendezvous.PeerRegistered", Verdict::Ok, ""),
    ("rendezvous.PeerUnregistered", Verdict::Ok, ""),
    (
        "rendezvous.RegisterError.NoExternalAddresses",
        Verdict::Actionable,
        "",
    ),
    ("rendezvous.RegisterFailed", Verdict::Expected, ""),
    ("rendezvous.Registered", Verdict::Ok, ""),
    ("rendezvous.RegistrationExpired", Verdict::Expected, ""),
    (
        "request_response.InboundFailure.ConnectionClosed",
        Verdict::Expected,
        "",
    ),
    ("request_response.InboundFailure.Io", Verdict::Expected, ""),
    (
        "request_response.InboundFailure.ResponseOmission",
        Verdict::Actionable,
        "",
    ),
    (
        "request_response.InboundFailure.Timeout",
        Verdict::Expected,
        "",
    ),
    (
        "request_response.InboundFailure.UnsupportedProtocols",
        Verdict::Actionable,
        "",
    ),
    ("request_response.Message.Request", Verdict::Ok, ""),
    ("request_response.Message.Response", Verdict::Ok, ""),
    (
        "request_response.OutboundFailure.ConnectionClosed",
        Verdict::Expected,
        "",
    ),
    (
        "request_response.OutboundFailure.DialFailure",
        Verdict::Expected,
        "",
    ),
    ("request_response.OutboundFailure.Io", Verdict::Expected, ""),
    (
        "request_response.OutboundFailure.Timeout",
        Verdict::Expected,
        "",
    ),
    (
        "request_response.OutboundFailure.UnsupportedProtocols",
        Verdict::Actionable,
        "",
    ),
    ("request_response.ResponseSent", Verdict::Ok, ""),
    ("swarm.ConnectionClosed", Verdict::Expected, ""),
    ("swarm.ConnectionClosed.Handler", Verdict::Expected, ""),
    ("swarm.ConnectionClosed.IO", Verdict::Expected, "Closed"),
    (
        "swarm.ConnectionClosed.KeepAliveTimeout",
        Verdict::Expected,
        "",
    ),
    ("swarm.ConnectionEstablished", Verdict::Ok, ""),
    ("swarm.DialError.Aborted", Verdict::Expected, ""),
    ("swarm.DialError.Denied", Verdict::Expected, ""),
    (
        "swarm.DialError.DialPeerConditionFalse",
        Verdict::Expected,
        "",
    ),
    ("swarm.DialError.NoAddresses", Verdict::Actionable, ""),
    (
        "swarm.DialError.Transport",
        Verdict::Expected,
        "ConnectionRefused",
    ),
    ("swarm.DialError.WrongPeerId", Verdict::Expected, ""),
    ("swarm.Dialing", Verdict::Ok, ""),
    ("swarm.ExpiredListenAddr", Verdict::Ok, ""),
    ("swarm.ExternalAddrConfirmed", Verdict::Ok, ""),
    ("swarm.ExternalAddrExpired", Verdict::Expected, ""),
    ("swarm.IncomingConnection", Verdict::Ok, ""),
    (
        "swarm.IncomingConnectionError.Aborted",
        Verdict::Expected,
        "",
    ),
    (
        "swarm.IncomingConnectionError.Denied",
        Verdict::Expected,
        "",
    ),
    (
        "swarm.IncomingConnectionError.LocalPeerId",
        Verdict::Expected,
        "",
    ),
    (
        "swarm.IncomingConnectionError.Transport",
        Verdict::Expected,
        "BrokenPipe",
    ),
    (
        "swarm.IncomingConnectionError.WrongPeerId",
        Verdict::Expected,
        "",
    ),
    ("swarm.ListenerClosed", Verdict::Expected, ""),
    (
        "swarm.ListenerClosed.Err",
        Verdict::Actionable,
        "Reservation.Unsupported",
    ),
    (
        "swarm.ListenerError",
        Verdict::Expected,
        "ConnectionAborted",
    ),
    ("swarm.NewExternalAddrCandidate", Verdict::Ok, ""),
    ("swarm.NewExternalAddrOfPeer", Verdict::Ok, ""),
    ("swarm.NewListenAddr", Verdict::Ok, ""),
    (
        "swarm.OutgoingConnectionError.Aborted",
        Verdict::Expected,
        "",
    ),
    (
        "swarm.OutgoingConnectionError.Denied",
        Verdict::Expected,
        "",
    ),
    (
        "swarm.OutgoingConnectionError.LocalPeerId",
        Verdict::Expected,
        "",
    ),
    (
        "swarm.OutgoingConnectionError.Transport",
        Verdict::Actionable,
        "ConnectionRefused",
    ),
    (
        "swarm.OutgoingConnectionError.WrongPeerId",
        Verdict::Expected,
        "",
    ),
    (
        "swarm.TransportError.MultiaddrNotSupported",
        Verdict::Actionable,
        "MultiaddrNotSupported",
    ),
    (
        "swarm.TransportError.Other",
        Verdict::Actionable,
        "AddrInUse",
    ),
    (
        "swarm.log.ConnectionAttemptFailed",
        Verdict::Actionable,
        "ConnectionRefused",
    ),
    ("swarm.log.ConnectionClosed", Verdict::Expected, ""),
    ("swarm.log.ConnectionEstablished", Verdict::Ok, ""),
    ("swarm.log.DiscardingAddresses", Verdict::Ok, ""),
    ("swarm.log.IdleTimeoutHalved", Verdict::Ok, ""),
    (
        "swarm.log.IncomingConnectionFailed",
        Verdict::Expected,
        "BrokenPipe",
    ),
    (
        "swarm.log.ListenerClosed",
        Verdict::Actionable,
        "Reservation.Unsupported",
    ),
    ("swarm.log.LocalPeerId", Verdict::Ok, ""),
    ("swarm.log.NewListenAddr", Verdict::Ok, ""),
    ("swarm.log.NoProtocolAgreed", Verdict::Expected, ""),
    ("swarm.log.RefreshedExternalAddress", Verdict::Ok, ""),
    ("upnp.ExpiredExternalAddr", Verdict::Expected, ""),
    ("upnp.GatewayNotFound", Verdict::Expected, ""),
    ("upnp.NewExternalAddr", Verdict::Ok, ""),
    ("upnp.NonRoutableGateway", Verdict::Expected, ""),
];

#[test]
fn every_kind_from_its_sample_with_verdict_and_leaf_cause() {
    let mut failures = Vec::new();
    for (kind, verdict, cause) in KINDS {
        let e = one_event(sample(kind));
        let ex = knowledge::explain(&e, &Context::default());
        let got = (e.kind.as_str(), ex.verdict, leaf(&e));
        if got != (*kind, *verdict, cause.to_string()) {
            failures.push(format!("{kind}: got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_table_covers_every_kind_outside_kad_queries() {
    let table: Vec<&str> = KINDS.iter().map(|(k, ..)| *k).collect();
    let all: Vec<String> = event::kinds()
        .into_iter()
        .filter(|k| !crate::fixtures::is_kad_event(k))
        .collect();
    assert_eq!(table, all);
}

#[test]
fn built_examples_are_their_kinds() {
    let text = std::fs::read_to_string(path("tests/data/built-examples.txt")).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(lines.len() >= 40, "{}", lines.len());
    for line in lines {
        let (kind, debug) = line.split_once('\t').unwrap();
        assert_eq!(one_event(debug).kind, kind, "{debug}");
    }
}

/// Explains `text` (one event) with a context.
fn verdict(text: &str, ctx: &Context) -> Verdict {
    knowledge::explain(&one_event(text), ctx).verdict
}

fn repeats(n: u64) -> Context {
    Context {
        repeats: n,
        ..Context::default()
    }
}

fn connected(n: u64) -> Context {
    let peers = Peers {
        count: n,
        source: PeerSource::LogConnected,
        line: Some(1),
    };
    Context {
        connected_peers: Some(peers),
        ..Context::default()
    }
}

#[test]
fn refused_dials_by_a_behaviour_are_expected_until_they_repeat() {
    let by_peer = r#"OutgoingConnectionError { connection_id: ConnectionId(2), peer_id: Some(PeerId("12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8")), error: Transport([(/ip4/127.0.0.1/tcp/24052/p2p/12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8, Other(Custom { kind: Other, error: Other(Left(Left(Left(Os { code: 111, kind: ConnectionRefused, message: "Connection refused" })))) }))]) }"#;
    assert_eq!(verdict(by_peer, &repeats(0)), Verdict::Expected);
    assert_eq!(verdict(by_peer, &repeats(1)), Verdict::Expected);
    assert_eq!(verdict(by_peer, &repeats(2)), Verdict::Actionable);
    // the same failure of an address the app dialled itself (a configured one)
    let by_app = by_peer.replace(
        r#"Some(PeerId("12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8"))"#,
        "None",
    );
    assert_eq!(verdict(&by_app, &repeats(0)), Verdict::Actionable);
}

#[test]
fn dns_addresses_without_dns_are_actionable_other_unsupported_ones_expected() {
    let dns = r#"OutgoingConnectionError { connection_id: ConnectionId(6), peer_id: Some(PeerId("12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8")), error: Transport([(/dns4/bootnode.invalid/tcp/4001/p2p/12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8, MultiaddrNotSupported(/dns4/bootnode.invalid/tcp/4001/p2p/12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8))]) }"#;
    let e = knowledge::explain(&one_event(dns), &Context::default());
    assert_eq!(e.verdict, Verdict::Actionable);
    assert!(e.advice.contains("with_dns"), "{}", e.advice);
    let webrtc = r#"OutgoingConnectionError { connection_id: ConnectionId(5), peer_id: Some(PeerId("12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8")), error: Transport([(/ip4/127.0.0.1/udp/5/webrtc-direct, MultiaddrNotSupported(/ip4/127.0.0.1/udp/5/webrtc-direct))]) }"#;
    assert_eq!(verdict(webrtc, &repeats(0)), Verdict::Expected);
}

#[test]
fn wrong_peer_id_is_actionable_when_it_repeats() {
    let e = sample("swarm.OutgoingConnectionError.WrongPeerId");
    assert_eq!(verdict(e, &repeats(0)), Verdict::Expected);
    assert_eq!(verdict(e, &repeats(1)), Verdict::Actionable);
}

#[test]
fn closed_connections_break_into_actionable_only_when_they_repeat() {
    let keepalive = sample("swarm.ConnectionClosed.KeepAliveTimeout");
    assert_eq!(verdict(keepalive, &repeats(5)), Verdict::Expected);
    let remote_close = sample("swarm.ConnectionClosed.IO");
    assert_eq!(verdict(remote_close, &repeats(5)), Verdict::Expected);
    let reset = r#"ConnectionClosed { peer_id: PeerId("12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8"), connection_id: ConnectionId(3), endpoint: Listener { local_addr: /ip4/10.0.0.1/tcp/4001, send_back_addr: /ip4/10.0.0.2/tcp/51000 }, num_established: 0, cause: Some(IO(Custom { kind: Other, error: Error(Io(Os { code: 104, kind: ConnectionReset, message: "Connection reset by peer" })) })) }"#;
    assert_eq!(verdict(reset, &repeats(0)), Verdict::Expected);
    assert_eq!(verdict(reset, &repeats(2)), Verdict::Actionable);
}

#[test]
fn no_peers_subscribed_depends_on_connected_peers() {
    let line = sample("gossipsub.PublishError.NoPeersSubscribedToTopic");
    let unknown = knowledge::explain(&one_event(line), &Context::default());
    assert_eq!(unknown.verdict, Verdict::Expected);
    assert!(
        unknown.explanation.contains("does not know how many peers"),
        "{}",
        unknown.explanation
    );
    assert_eq!(verdict(line, &connected(0)), Verdict::Expected);
    let three = knowledge::explain(&one_event(line), &connected(3));
    assert_eq!(three.verdict, Verdict::Actionable);
    assert_eq!(three.peers.map(|p| p.count), Some(3));
    let flag = Context {
        flag_peers: Some(2),
        ..Context::default()
    };
    assert_eq!(
        verdict(sample("gossipsub.PublishError.InsufficientPeers"), &flag),
        Verdict::Actionable
    );
}

#[test]
fn no_known_peers_and_ping_timeouts_become_actionable_when_they_persist() {
    for kind in ["kad.NoKnownPeers", "kad.log.NoKnownPeers"] {
        assert_eq!(
            verdict(sample(kind), &repeats(0)),
            Verdict::Expected,
            "{kind}"
        );
        assert_eq!(
            verdict(sample(kind), &repeats(2)),
            Verdict::Actionable,
            "{kind}"
        );
    }
    // libp2p-ping 0.48 handler.rs:284: the first failure of a series is
    // swallowed, so the first reported one is a repeat already
    let timeout = sample("ping.Failure.Timeout");
    assert_eq!(verdict(timeout, &repeats(0)), Verdict::Actionable);
}

#[test]
fn kad_request_failures_read_their_cause() {
    let refused = sample("kad.log.RequestFailed");
    let e = knowledge::explain(&one_event(refused), &repeats(9));
    assert_eq!(
        e.verdict,
        Verdict::Expected,
        "protocol not supported stays expected"
    );
    assert!(e.explanation.contains("client mode"), "{}", e.explanation);
    let timed_out = "Request to peer in query failed with Io(Kind(TimedOut)) peer=12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8 query=QueryId(3)";
    assert_eq!(verdict(timed_out, &repeats(0)), Verdict::Expected);
    assert_eq!(verdict(timed_out, &repeats(2)), Verdict::Actionable);
}

#[test]
fn a_log_message_holding_a_debug_value_is_one_event() {
    let line = sample("swarm.log.ConnectionAttemptFailed");
    assert!(line.contains("Transport(["), "{line}");
    let e = one_event(line);
    assert_eq!(e.kind, "swarm.log.ConnectionAttemptFailed");
    // a unit error inside a recognised event is the event's, not a message
    let probe = "Behaviour(NodeEvent: OutboundProbe(Error { probe_id: ProbeId(1), peer: None, error: NoAddresses }))";
    assert_eq!(
        one_event(probe).kind,
        "autonat.OutboundProbe.Error.NoAddresses"
    );
}

#[test]
fn identify_flags_peers_without_kad() {
    let client = sample("identify.Received");
    // to a node that runs kad (its log showed a kad event)
    let kad_node = Context {
        runs_kad: true,
        ..Context::default()
    };
    let e = knowledge::explain(&one_event(client), &kad_node);
    assert!(
        e.summary.contains("does NOT advertise a kad protocol"),
        "{}",
        e.summary
    );
    let server = sample("identify.Pushed");
    assert!(server.contains("/ipfs/kad/1.0.0"));
}

/// Renders the explanations of the catalog samples of `prefix`'s kinds.
fn explained(prefix: &str) -> String {
    colored::control::set_override(false);
    let mut out = String::new();
    for (kind, ..) in KINDS.iter().filter(|(k, ..)| k.starts_with(prefix)) {
        let text = sample(kind);
        let reports: Vec<Report> = p2plog::app::explain_text(text, "catalog", &Context::default());
        let mut bytes = Vec::new();
        render::text::write_full(&mut bytes, &reports, 100).unwrap();
        out += &format!(
            "$ p2plog explain '{text}'\n{}\n",
            String::from_utf8(bytes).unwrap()
        );
    }
    out
}

#[test]
fn swarm_explanations_snapshot() {
    insta::assert_snapshot!(explained("swarm."));
}

#[test]
fn identify_and_ping_explanations_snapshot() {
    insta::assert_snapshot!(explained("identify.") + &explained("ping."));
}

#[test]
fn gossipsub_and_mdns_explanations_snapshot() {
    insta::assert_snapshot!(explained("gossipsub.") + &explained("mdns."));
}

#[test]
fn rendezvous_explanations_snapshot() {
    insta::assert_snapshot!(explained("rendezvous."));
}

#[test]
fn autonat_explanations_snapshot() {
    insta::assert_snapshot!(explained("autonat."));
}

#[test]
fn relay_and_dcutr_explanations_snapshot() {
    insta::assert_snapshot!(explained("relay.") + &explained("dcutr."));
}

#[test]
fn request_response_and_upnp_explanations_snapshot() {
    insta::assert_snapshot!(explained("request_response.") + &explained("upnp."));
}

#[test]
fn log_message_explanations_snapshot() {
    insta::assert_snapshot!(
        explained("kad.log.") + &explained("kad.NoKnownPeers") + &explained("kad.store.")
    );
}

/// The kind a truth record stands for, and whether later segments may follow
/// (autonat's status, dcutr's error, relay's server or client side).
fn truth_kind(protocol: &str, variant: &[String]) -> Vec<String> {
    let v: Vec<&str> = variant
        .iter()
        .map(String::as_str)
        .filter(|s| *s != "Behaviour")
        .collect();
    let one = |k: String| vec![k];
    match (protocol, v.as_slice()) {
        ("swarm", ["ConnectionClosed", cause]) => one(format!("swarm.ConnectionClosed.{cause}")),
        ("swarm", ["ListenerClosed", "Err"]) => one("swarm.ListenerClosed.Err".into()),
        ("swarm", ["ListenerClosed", ..]) => one("swarm.ListenerClosed".into()),
        ("swarm", [e @ ("IncomingConnectionError" | "OutgoingConnectionError"), error, ..]) => {
            one(format!("swarm.{e}.{error}"))
        }
        ("swarm", [event, ..]) => one(format!("swarm.{event}")),
        ("identify", ["Error", error]) => one(format!("identify.Error.{error}")),
        ("identify", [event]) => one(format!("identify.{event}")),
        ("ping", ["Event", "Ok"]) => one("ping.Ok".into()),
        ("ping", ["Event", "Err", failure]) => one(format!("ping.Failure.{failure}")),
        ("dcutr", ["Event", "Ok"]) => one("dcutr.Ok".into()),
        ("dcutr", ["Event", "Err", ..]) => one("dcutr.Error.*".into()),
        ("gossipsub" | "rendezvous", [event, ..]) => one(format!("{protocol}.{event}")),
        ("relay", [event, ..]) => vec![format!("relay.{event}"), format!("relay.client.{event}")],
        ("autonat", ["StatusChanged", ..]) => one("autonat.StatusChanged.*".into()),
        ("autonat", [probe, "Error", error, ..]) => one(format!("autonat.{probe}.Error.{error}")),
        ("autonat", [probe, step, ..]) => one(format!("autonat.{probe}.{step}")),
        ("api", ["bootstrap", "Err", "NoKnownPeers"]) => one("kad.NoKnownPeers".into()),
        ("api", ["dial", "Err", error]) => one(format!("swarm.DialError.{error}")),
        ("api", ["listen_on", "Err", error]) => one(format!("swarm.TransportError.{error}")),
        ("api", ["publish", "Err", error]) => one(format!("gossipsub.PublishError.{error}")),
        ("api", ["put_record" | "start_providing", "Err", error]) => {
            one(format!("kad.store.Error.{error}"))
        }
        ("api", ["register", "Err", error]) => one(format!("rendezvous.RegisterError.{error}")),
        // a `DialError` the app printed with `Display`, the event's or `dial()`'s
        ("display", ["OutgoingConnectionError" | "dial", .., error])
            if !matches!(*error, "Other" | "MultiaddrNotSupported") =>
        {
            one(format!("swarm.DialError.{error}"))
        }
        ("display", ["OutgoingConnectionError", "Transport", ..]) => {
            one("swarm.DialError.Transport".into())
        }
        ("request_response", _) => one(format!("request_response.{}", v.join("."))),
        // a request-response failure the app printed with `Display`, the
        // line after its event
        ("display", [e @ ("OutboundFailure" | "InboundFailure"), error]) => {
            one(format!("request_response.{e}.{error}"))
        }
        ("kad", _) => one(crate::fixtures::kad_kind(variant)),
        _ => panic!("no kind for {protocol} {variant:?}"),
    }
}

fn matches_kind(want: &str, got: &str) -> bool {
    match want.strip_suffix('*') {
        Some(prefix) => got.starts_with(prefix),
        None => want == got,
    }
}

/// Every event the generator logged, in every format, is recognised as the
/// kind its truth record names; transport errors end in a known leaf cause.
#[test]
fn every_fixture_event_is_the_kind_its_truth_names() {
    use crate::fixtures::{message, pairs, read, truths};
    let (mut checked, mut failures, mut leaves) = (0, Vec::new(), 0);
    for (log, truth) in pairs() {
        let name = log.file_name().unwrap().to_string_lossy().into_owned();
        let format = name.split('.').next().unwrap().to_owned();
        let text = read(&log);
        let lines: Vec<&str> = text.lines().collect();
        for t in truths(&truth) {
            let body: Vec<String> = lines[t.line as usize - 1..t.end_line as usize]
                .iter()
                .map(|l| message(&format, l))
                .collect();
            let found = event::find(&body.join("\n"));
            let want = truth_kind(&t.protocol, &t.variant);
            let hit = found
                .iter()
                .find(|f| want.iter().any(|w| matches_kind(w, &f.event.kind)));
            match hit {
                Some(f) => {
                    let cause = leaf(&f.event);
                    if f.event.kind.ends_with(".Transport") || f.event.kind.ends_with(".IO") {
                        leaves += 1;
                        let known =
                            !cause.is_empty() && cause.chars().next().unwrap().is_ascii_uppercase();
                        if !known || cause.contains(' ') {
                            failures
                                .push(format!("{name}:{}: unknown leaf cause {cause:?}", t.line));
                        }
                    }
                }
                None => failures.push(format!(
                    "{}:{}: wants {want:?}, got {:?}",
                    log.display(),
                    t.line,
                    found.iter().map(|f| &f.event.kind).collect::<Vec<_>>()
                )),
            }
            checked += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked}:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
    assert!(checked > 30_000, "only {checked} events checked");
    assert!(leaves > 500, "only {leaves} transport errors checked");
}

/// The verdicts of the fixtures' transport failures, with their leaf causes:
/// refused dials of addresses the app configured are actionable, those of
/// learned addresses expected; DNS without a DNS transport actionable.
#[test]
fn fixture_dial_failures_by_cause_and_dialler() {
    let text = crate::fixtures::read(&path("fixtures/dial-failures/tag.log"));
    let mut got = Vec::new();
    for line in text
        .lines()
        .filter(|l| l.contains("OutgoingConnectionError"))
    {
        let e = one_event(line);
        let ex = knowledge::explain(&e, &Context::default());
        let by_app = line.contains("peer_id: None");
        got.push((leaf(&e), by_app, ex.verdict));
    }
    got.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    got.dedup();
    let want = [
        ("", false, Verdict::Expected), // WrongPeerId, once
        ("ConnectionRefused", false, Verdict::Expected),
        ("ConnectionRefused", true, Verdict::Actionable),
        ("HandshakeTimedOut", false, Verdict::Expected),
        ("MultiaddrNotSupported", true, Verdict::Actionable),
        ("MultiaddrNotSupported.Dns", false, Verdict::Actionable),
        ("MultiaddrNotSupported.Dns", true, Verdict::Actionable),
        ("Noise.Input", false, Verdict::Expected),
        ("Timeout", true, Verdict::Actionable),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(c, a, v)| (c.to_string(), *a, *v))
        .collect();
    assert_eq!(got, want);
}

/// `NoPeersSubscribedToTopic` in client-mode (published before anyone, then
/// while connected to a peer that is not subscribed): expected with no
/// connected peer, actionable with some; where the log names its nodes, the
/// connected count p2plog built equals the swarm's own (the truth's).
#[test]
fn no_peers_subscribed_follows_the_connected_peers_of_the_truth() {
    use crate::fixtures::{pairs, truths};
    let mut checked = 0;
    for (log, truth) in pairs()
        .into_iter()
        .filter(|(l, _)| l.starts_with(path("fixtures/client-mode")))
    {
        let r = crate::util::run(&["scan", "--format", "json", log.to_str().unwrap()]);
        let all: Vec<serde_json::Value> = r
            .stdout
            .lines()
            .filter(|l| l.starts_with('{'))
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        // each node's first timed event: where it started (rule 19's grace)
        let clock =
            |v: &serde_json::Value| v["time"].as_str().and_then(p2plog::state::clock_millis);
        let mut started = std::collections::HashMap::new();
        for v in &all {
            if let Some(ms) = clock(v) {
                started.entry(v["node"].to_string()).or_insert(ms);
            }
        }
        let reports: Vec<&serde_json::Value> = all
            .iter()
            .filter(|v| v["kind"] == "gossipsub.PublishError.NoPeersSubscribedToTopic")
            .collect();
        let want: Vec<_> = truths(&truth)
            .into_iter()
            .filter(|t| t.variant.iter().any(|v| v == "NoPeersSubscribedToTopic"))
            .collect();
        assert_eq!(reports.len(), want.len(), "{}", log.display());
        for (got, t) in reports.iter().zip(&want) {
            assert_eq!(got["line"], t.line, "{}", log.display());
            let start_up = clock(got)
                .zip(started.get(&got["node"].to_string()))
                .is_some_and(|(at, start)| at.saturating_sub(*start) < 5_000);
            let verdict = if t.connected_peers == 0 || start_up {
                "expected"
            } else {
                "actionable"
            };
            assert_eq!(got["verdict"], verdict, "{}:{}", log.display(), t.line);
            if got["node"].is_string() && t.connected_peers > 0 {
                assert_eq!(
                    got["peers"]["count"],
                    t.connected_peers,
                    "{}:{}",
                    log.display(),
                    t.line
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 30, "{checked}");
}

/// A failed STOP stream to the destination denies the source with the
/// destination's error as its status (relay 0.22 `to_status`): not "limits
/// or policy".
#[test]
fn circuit_denied_for_connection_failed_names_the_stop_stream() {
    let a = "12D3KooWDQC3CsUTjqC9hn6mtouqisPzphVTym8sdRhaVkL6xzrH";
    let b = "12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8";
    let event = |status: &str| {
        format!("CircuitReqDenied {{ src_peer_id: PeerId(\"{a}\"), dst_peer_id: PeerId(\"{b}\"), status: {status} }}")
    };
    let failed = crate::util::run(&["explain", "--color", "never", &event("ConnectionFailed")]);
    assert_eq!(failed.code, 0, "{}", failed.stderr);
    assert!(
        failed.stdout.contains("relay.CircuitReqDenied"),
        "{}",
        failed.stdout
    );
    assert!(failed.stdout.contains("STOP protocol"), "{}", failed.stdout);
    assert!(!failed.stdout.contains("policy"), "{}", failed.stdout);
    let limited = crate::util::run(&[
        "explain",
        "--color",
        "never",
        &event("ResourceLimitExceeded"),
    ]);
    assert!(limited.stdout.contains("limits"), "{}", limited.stdout);
}
