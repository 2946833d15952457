//! The transport-error table: full Debug text → per address, the leaf cause,
//! its stage and the address class. Rows marked [run] are copied from the
//! fixtures (libp2p 0.57.1, `.with_tcp(..).with_quic()` and `with_relay_client`);
//! the others are the reference's shapes or single-rule variations of them.

use super::*;
use crate::debugfmt::parse;
use crate::event::swarm::{self, Closed, DialErr, ListenErr};

/// `(class, cause id, stage)` of each address of a `DialError::Transport`.
fn dial(text: &str) -> Vec<(AddrClass, String, Stage)> {
    match swarm::dial_error(&parse(text).unwrap()) {
        Some(DialErr::Transport(errors)) => errors
            .into_iter()
            .map(|e| (e.address.class, e.leaf.cause.id(), e.leaf.stage))
            .collect(),
        other => panic!("not a transport dial error: {other:?}"),
    }
}

/// A table row: the Debug text, then per address (class, cause id, stage).
type Row = (&'static str, &'static [(AddrClass, &'static str, Stage)]);

#[test]
fn dial_errors_read_down_to_their_leaf_per_address() {
    use AddrClass::*;
    use Stage::*;
    let table: &[Row] = &[
        // [run] nothing listens on the port
        (
            r#"Transport([(/ip4/127.0.0.1/tcp/24052, Other(Custom { kind: Other, error: Other(Left(Left(Left(Os { code: 111, kind: ConnectionRefused, message: "Connection refused" })))) }))])"#,
            &[(Loopback, "ConnectionRefused", Connect)],
        ),
        // libp2p-dns wraps every dial's errors in `Dial([..])`
        (
            r#"Transport([(/ip4/127.0.0.1/tcp/24052, Other(Custom { kind: Other, error: Other(Left(Dial([Transport(Left(Left(Os { code: 111, kind: ConnectionRefused, message: "Connection refused" })))]))) }))])"#,
            &[(Loopback, "ConnectionRefused", Connect)],
        ),
        (
            r#"Transport([(/dns4/nonexistent.invalid/tcp/4001, Other(Custom { kind: Other, error: Other(Left(ResolveError(ResolveError { kind: Message("no record found") }))) }))])"#,
            &[(Dns, "ResolveError", Unknown)],
        ),
        // [run] QUIC port nobody listens on
        (
            r#"Transport([(/ip4/127.0.0.1/udp/24052/quic-v1/p2p/12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8, Other(Custom { kind: Other, error: Other(Right(HandshakeTimedOut)) }))])"#,
            &[(Loopback, "HandshakeTimedOut", Quic)],
        ),
        // [run] a TCP port that accepts but never speaks
        (
            r#"Transport([(/ip4/127.0.0.1/tcp/24050, Other(Custom { kind: Other, error: Timeout }))])"#,
            &[(Loopback, "Timeout", Unknown)],
        ),
        // [run] dialling this node's own address: noise cannot read the handshake
        (
            r#"Transport([(/ip4/127.0.0.1/tcp/24000/p2p/12D3KooWDQC3CsUTjqC9hn6mtouqisPzphVTym8sdRhaVkL6xzrH, Other(Custom { kind: Other, error: Other(Left(Left(Right(Apply(Io(Custom { kind: InvalidData, error: Input })))))) }))])"#,
            &[(Loopback, "Noise.Input", Upgrade)],
        ),
        // [run] no WebRTC transport
        (
            r#"Transport([(/ip4/127.0.0.1/udp/5/webrtc-direct, MultiaddrNotSupported(/ip4/127.0.0.1/udp/5/webrtc-direct))])"#,
            &[(Loopback, "MultiaddrNotSupported", Unknown)],
        ),
        // [run] a DNS name without `.with_dns()`
        (
            r#"Transport([(/dns4/bootnode.invalid/tcp/4001, MultiaddrNotSupported(/dns4/bootnode.invalid/tcp/4001))])"#,
            &[(Dns, "MultiaddrNotSupported.Dns", Unknown)],
        ),
        // [run] a circuit to a peer without reservation (relay client stack)
        (
            r#"Transport([(/ip4/127.0.0.1/tcp/27300/p2p/12D3KooWKtnvKWEWTqCnyXnCatUgUt3ES6Jy7BEk3nWV92MGTEab/p2p-circuit/p2p/12D3KooWEc9qWtf4Y6ANWWCh2K9eWnxM9pK1vqZrvBWPKBwUU9pb, Other(Custom { kind: Other, error: Other(Left(Left(Left(Connect(NoReservation))))) }))])"#,
            &[(Relayed, "Connect.NoReservation", Relay)],
        ),
        // the same leaf under a deeper builder path (`with_dns` adds a layer)
        (
            r#"Transport([(/ip4/10.1.2.3/tcp/4001, Other(Custom { kind: Other, error: Other(Right(Left(Left(Left(Left(Os { code: 111, kind: ConnectionRefused, message: "Connection refused" })))))) }))])"#,
            &[(Private, "ConnectionRefused", Connect)],
        ),
        // OS-level failures, by address class
        (
            r#"Transport([(/ip4/192.168.1.20/tcp/4001, Other(Custom { kind: Other, error: Other(Left(Left(Left(Os { code: 113, kind: HostUnreachable, message: "No route to host" })))) })), (/ip4/203.0.113.7/tcp/4001, Other(Custom { kind: Other, error: Other(Left(Left(Left(Os { code: 110, kind: TimedOut, message: "Connection timed out" })))) })), (/ip6/2001:db8::1/tcp/4001, Other(Custom { kind: Other, error: Other(Left(Left(Left(Os { code: 101, kind: NetworkUnreachable, message: "Network is unreachable" })))) }))])"#,
            &[
                (Private, "HostUnreachable", Connect),
                (Documentation, "TimedOut", Connect),
                (Documentation, "NetworkUnreachable", Connect),
            ],
        ),
        // multistream-select: no common protocol, and a remote that is not libp2p
        (
            r#"Transport([(/ip4/100.64.0.9/tcp/4001, Other(Custom { kind: Other, error: Other(Left(Left(Right(Select(Failed))))) })), (/ip4/172.16.5.4/tcp/4001, Other(Custom { kind: Other, error: Other(Left(Right(Select(ProtocolError(InvalidMessage))))) }))])"#,
            &[
                (Private, "Select.Failed", Negotiation),
                (Private, "Select.InvalidMessage", Negotiation),
            ],
        ),
        // public, link-local and unique-local IPv6, the edge of 172.16/12
        (
            r#"Transport([(/ip4/172.32.0.1/tcp/1, Other(Custom { kind: Other, error: Timeout })), (/ip6/fe80::1/tcp/1, Other(Custom { kind: Other, error: Timeout })), (/ip6/fd00::1/tcp/1, Other(Custom { kind: Other, error: Timeout })), (/ip6/::1/tcp/1, Other(Custom { kind: Other, error: Timeout }))])"#,
            &[
                (Public, "Timeout", Unknown),
                (Private, "Timeout", Unknown),
                (Private, "Timeout", Unknown),
                (Loopback, "Timeout", Unknown),
            ],
        ),
    ];
    for (text, want) in table {
        let got = dial(text);
        let want: Vec<_> = want
            .iter()
            .map(|(c, id, s)| (*c, id.to_string(), *s))
            .collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn listen_and_connection_errors_read_down_to_their_leaf() {
    // [run] the dialler hung up while negotiating (it had reached the wrong peer)
    let text = r#"Transport(Other(Custom { kind: Other, error: Other(Left(Right(Select(ProtocolError(IoError(Os { code: 32, kind: BrokenPipe, message: "Broken pipe" })))))) }))"#;
    match swarm::listen_error(&parse(text).unwrap()) {
        Some(ListenErr::Transport(leaf)) => {
            assert_eq!(
                (leaf.cause.id(), leaf.stage),
                ("BrokenPipe".into(), Stage::Negotiation)
            )
        }
        other => panic!("{other:?}"),
    }
    // [run] QUIC simultaneous dial: one side's connection is closed by the other
    let text = r#"Transport(Other(Custom { kind: Other, error: Other(Right(Connection(ConnectionError(ConnectionClosed(ConnectionClose { error_code: APPLICATION_ERROR, frame_type: None, reason: b"" }))))) }))"#;
    match swarm::listen_error(&parse(text).unwrap()) {
        Some(ListenErr::Transport(leaf)) => {
            assert_eq!(
                leaf.cause,
                Cause::QuicConnectionClosed("APPLICATION_ERROR".into())
            )
        }
        other => panic!("{other:?}"),
    }
    let closed = |t: &str| swarm::closed(&parse(t).unwrap());
    let cases = [
        // [run]
        (
            r#"IO(Custom { kind: Other, error: Error(Closed) })"#,
            "Closed",
        ),
        (
            r#"IO(Custom { kind: Other, error: Connection(ConnectionError(ApplicationClosed(ApplicationClose { error_code: 0, reason: b"" }))) })"#,
            "ApplicationClosed",
        ),
        (
            r#"IO(Custom { kind: Other, error: Connection(ConnectionError(TimedOut)) })"#,
            "Quic.TimedOut",
        ),
        (
            r#"IO(Custom { kind: Other, error: Error(Io(Os { code: 104, kind: ConnectionReset, message: "Connection reset by peer" })) })"#,
            "ConnectionReset",
        ),
        // fixtures/cluster25: yamux's `Decode(Io(..))` is an I/O error, not a decoding one
        (
            r#"IO(Custom { kind: Other, error: Error(Decode(Io(Os { code: 104, kind: ConnectionReset, message: "Connection reset by peer" }))) })"#,
            "ConnectionReset",
        ),
    ];
    for (text, id) in cases {
        match closed(text) {
            Closed::Io(leaf) => {
                assert_eq!(
                    (leaf.cause.id(), leaf.stage),
                    (id.to_owned(), Stage::Established),
                    "{text}"
                )
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(closed("KeepAliveTimeout"), Closed::KeepAliveTimeout);
}

#[test]
fn io_errors_with_messages_and_relay_reservations() {
    let l = leaf(
        &parse(r#"Io(Custom { kind: ConnectionRefused, error: "protocol not supported" })"#)
            .unwrap(),
    );
    assert_eq!(
        l.cause,
        Cause::Message("ConnectionRefused".into(), "protocol not supported".into())
    );
    let l = leaf(&parse("Io(Kind(TimedOut))").unwrap());
    assert_eq!(l.cause, Cause::Io("TimedOut".into()));
    // [run] a relay listener's reservation refused
    let l = leaf(
        &parse("Custom { kind: Other, error: Other(Left(Left(Left(Reservation(Unsupported))))) }")
            .unwrap(),
    );
    assert_eq!(
        (l.cause.id(), l.stage),
        ("Reservation.Unsupported".into(), Stage::Relay)
    );
}

#[test]
fn address_classes() {
    use AddrClass::*;
    for (addr, class) in [
        ("/ip4/127.0.0.1/tcp/1", Loopback),
        ("/ip4/10.0.0.1/tcp/1", Private),
        ("/ip4/172.31.255.255/tcp/1", Private),
        ("/ip4/192.168.0.1/udp/1/quic-v1", Private),
        ("/ip4/100.127.0.1/tcp/1", Private),
        ("/ip4/100.128.0.1/tcp/1", Public),
        ("/ip4/169.254.1.1/tcp/1", Private),
        ("/ip4/8.8.8.8/tcp/53", Public),
        // RFC 5737's three documentation ranges and their edges
        ("/ip4/192.0.2.7/tcp/1", Documentation),
        ("/ip4/198.51.100.255/tcp/1", Documentation),
        ("/ip4/203.0.113.7/tcp/4001", Documentation),
        ("/ip4/203.0.114.1/tcp/1", Public),
        ("/ip4/192.0.3.1/tcp/1", Public),
        // the rest of what libp2p's `is_global_ip` leaves out
        ("/ip4/198.18.0.1/tcp/1", Reserved),
        ("/ip4/198.19.255.255/tcp/1", Reserved),
        ("/ip4/198.20.0.1/tcp/1", Public),
        ("/ip4/192.0.0.8/tcp/1", Reserved),
        ("/ip4/192.0.0.9/tcp/1", Public),
        ("/ip4/0.1.2.3/tcp/1", Reserved),
        ("/ip4/240.0.0.1/tcp/1", Reserved),
        ("/ip4/255.255.255.255/udp/1", Reserved),
        ("/ip6/2001:db8::1/tcp/1", Documentation),
        ("/ip6/2001:db9::1/tcp/1", Public),
        ("/ip6/3fff:fff::1/tcp/1", Documentation),
        // 3fff::/20 ends at 3fff:fff:ffff:..., 3ff0::/12 is not all of it
        ("/ip6/3fff:1000::1/tcp/1", Public),
        ("/ip6/3ff0::1/tcp/1", Public),
        ("/ip6/::ffff:203.0.113.9/tcp/1", Documentation),
        ("/ip4/0.0.0.0/tcp/0", Unspecified),
        ("/ip6/::/tcp/0", Unspecified),
        ("/ip6/fc00::5/tcp/1", Private),
        ("/ip6/febf::1/tcp/1", Private),
        ("/ip6/fec0::1/tcp/1", Public),
        ("/ip6/::ffff:192.168.1.1/tcp/1", Private),
        ("/dns/example.com/tcp/1", Dns),
        ("/dnsaddr/bootstrap.libp2p.io", Dns),
        (
            "/ip4/1.2.3.4/tcp/1/p2p/12D3KooWA/p2p-circuit/p2p/12D3KooWB",
            Relayed,
        ),
        ("/memory/1", Other),
        ("/ip4/not-an-ip/tcp/1", Other),
    ] {
        assert_eq!(AddrClass::of(addr), class, "{addr}");
    }
}

#[test]
fn odd_values_never_panic_and_stay_bounded() {
    let deep = format!(
        "{}Os {{ code: 1, kind: PermissionDenied, message: \"x\" }}{}",
        "Left(".repeat(100),
        ")".repeat(100)
    );
    if let Ok(v) = parse(&deep) {
        let _ = leaf(&v);
    }
    for text in [
        "Left(1)",
        "Other(\"text\")",
        "Custom { kind: Other }",
        "Select(Weird(1, 2))",
        "[]",
    ] {
        let _ = leaf(&parse(text).unwrap());
    }
}
