//! Prints `{:?}` of libp2p 0.57.1 event values built from the real types, one
//! per line as `<label>\t<Debug text>`: the `[built]` samples of p2plog's
//! catalog for events no fixture scenario can produce on loopback (timeouts
//! that take minutes, NAT outcomes, mDNS and UPnP, failures of private
//! protocols). Values are illustrative; the shapes are libp2p's.
//!
//! From this directory: `cargo run > ../../tests/data/built-examples.txt`
//! keeps the file's header lines too (they are printed first).

use std::io;

use libp2p::core::transport::{ListenerId, PortUse};
use libp2p::core::ConnectedPoint;
use libp2p::core::Endpoint;
use libp2p::identity::Keypair;
use libp2p::swarm::{ConnectionId, DialError, ListenError, StreamUpgradeError, SwarmEvent};
use libp2p::{gossipsub, identify, mdns, ping, relay, rendezvous, upnp, Multiaddr, PeerId};

fn peer(seed: u8) -> PeerId {
    let mut bytes = [seed; 32];
    bytes[0] = seed;
    Keypair::ed25519_from_bytes(bytes)
        .expect("32 bytes")
        .public()
        .to_peer_id()
}

fn addr(text: &str) -> Multiaddr {
    text.parse().expect("valid multiaddr")
}

fn show(label: &str, value: &dyn std::fmt::Debug) {
    println!("{label}\t{value:?}");
}

type Event = SwarmEvent<NodeEvent>;

/// A behaviour like an app's, so behaviour events print inside the real
/// `#[derive(NetworkBehaviour)]` wrapper: `Behaviour(NodeEvent: <event>)`.
/// Never built; only its generated event enum is used.
#[derive(libp2p::swarm::NetworkBehaviour)]
#[allow(dead_code)]
struct Node {
    identify: identify::Behaviour,
    ping: ping::Behaviour,
    gossipsub: gossipsub::Behaviour,
    mdns: mdns::tokio::Behaviour,
    upnp: upnp::tokio::Behaviour,
    relay: relay::Behaviour,
    relay_client: relay::client::Behaviour,
    rendezvous_client: rendezvous::client::Behaviour,
    rendezvous_server: rendezvous::server::Behaviour,
    autonat: libp2p::autonat::Behaviour,
    autonat_client: libp2p::autonat::v2::client::Behaviour,
    autonat_server: libp2p::autonat::v2::server::Behaviour,
}

/// Prints a behaviour event as the swarm hands it to the app.
fn event(label: &str, inner: NodeEvent) {
    show(label, &Event::Behaviour(inner));
}

fn swarm() {
    let (a, b) = (peer(1), peer(2));
    let dialer = ConnectedPoint::Dialer {
        address: addr(&format!("/ip4/192.168.1.20/tcp/4001/p2p/{b}")),
        role_override: Endpoint::Dialer,
        port_use: PortUse::Reuse,
    };
    show(
        "swarm.ConnectionClosed",
        &Event::ConnectionClosed {
            peer_id: b,
            connection_id: ConnectionId::new_unchecked(7),
            endpoint: dialer.clone(),
            num_established: 0,
            cause: None,
        },
    );
    show(
        "swarm.ExpiredListenAddr",
        &Event::ExpiredListenAddr {
            listener_id: ListenerId::next(),
            address: addr("/ip4/192.168.1.20/tcp/4001"),
        },
    );
    show(
        "swarm.ListenerClosed",
        &Event::ListenerClosed {
            listener_id: ListenerId::next(),
            addresses: vec![addr("/ip4/127.0.0.1/tcp/4001")],
            reason: Ok(()),
        },
    );
    show(
        "swarm.ListenerError",
        &Event::ListenerError {
            listener_id: ListenerId::next(),
            error: io::Error::from(io::ErrorKind::ConnectionAborted),
        },
    );
    show(
        "swarm.ExternalAddrExpired",
        &Event::ExternalAddrExpired {
            address: addr("/ip4/203.0.113.7/tcp/4001"),
        },
    );
    show(
        "swarm.OutgoingConnectionError.Aborted",
        &Event::OutgoingConnectionError {
            connection_id: ConnectionId::new_unchecked(9),
            peer_id: Some(b),
            error: DialError::Aborted,
        },
    );
    show(
        "swarm.OutgoingConnectionError.LocalPeerId",
        &Event::OutgoingConnectionError {
            connection_id: ConnectionId::new_unchecked(10),
            peer_id: Some(a),
            error: DialError::LocalPeerId {
                address: addr(&format!("/ip4/10.0.0.5/tcp/4001/p2p/{a}")),
            },
        },
    );
    show(
        "swarm.IncomingConnectionError.Aborted",
        &Event::IncomingConnectionError {
            connection_id: ConnectionId::new_unchecked(11),
            local_addr: addr("/ip4/0.0.0.0/tcp/4001"),
            send_back_addr: addr("/ip4/198.51.100.23/tcp/51234"),
            error: ListenError::Aborted,
            peer_id: None,
        },
    );
    show(
        "swarm.IncomingConnectionError.WrongPeerId",
        &Event::IncomingConnectionError {
            connection_id: ConnectionId::new_unchecked(12),
            local_addr: addr("/ip4/0.0.0.0/tcp/4001"),
            send_back_addr: addr("/ip4/198.51.100.23/tcp/51234"),
            error: ListenError::WrongPeerId {
                obtained: b,
                endpoint: ConnectedPoint::Listener {
                    local_addr: addr("/ip4/0.0.0.0/tcp/4001"),
                    send_back_addr: addr("/ip4/198.51.100.23/tcp/51234"),
                },
            },
            peer_id: None,
        },
    );
    show(
        "swarm.IncomingConnectionError.LocalPeerId",
        &Event::IncomingConnectionError {
            connection_id: ConnectionId::new_unchecked(13),
            local_addr: addr("/ip4/127.0.0.1/tcp/4001"),
            send_back_addr: addr("/ip4/127.0.0.1/tcp/50022"),
            error: ListenError::LocalPeerId {
                address: addr("/ip4/127.0.0.1/tcp/50022"),
            },
            peer_id: None,
        },
    );
}

fn identify() {
    let b = peer(2);
    let c = ConnectionId::new_unchecked(3);
    let errors: [(&str, StreamUpgradeError<identify::UpgradeError>); 3] = [
        ("identify.Error.Timeout", StreamUpgradeError::Timeout),
        (
            "identify.Error.Apply",
            StreamUpgradeError::Apply(identify::UpgradeError::StreamClosed),
        ),
        (
            "identify.Error.Io",
            StreamUpgradeError::Io(io::Error::from(io::ErrorKind::ConnectionReset)),
        ),
    ];
    for (label, error) in errors {
        event(
            label,
            NodeEvent::Identify(identify::Event::Error {
                connection_id: c,
                peer_id: b,
                error,
            }),
        );
    }
}

fn ping() {
    event(
        "ping.Failure.Timeout",
        NodeEvent::Ping(ping::Event {
            peer: peer(2),
            connection: ConnectionId::new_unchecked(4),
            result: Err(ping::Failure::Timeout),
        }),
    );
}

fn gossipsub() {
    event(
        "gossipsub.Unsubscribed",
        NodeEvent::Gossipsub(gossipsub::Event::Unsubscribed {
            peer_id: peer(2),
            topic: gossipsub::IdentTopic::new("llama-cluster").hash(),
        }),
    );
}

fn mdns() {
    let b = peer(2);
    event(
        "mdns.Expired",
        NodeEvent::Mdns(mdns::Event::Expired(vec![
            (b, addr("/ip4/192.168.1.10/tcp/4001")),
            (b, addr("/ip4/192.168.1.10/udp/4001/quic-v1")),
        ])),
    );
}

fn relay() {
    let (a, b) = (peer(1), peer(2));
    event(
        "relay.ReservationReqDenied",
        NodeEvent::Relay(relay::Event::ReservationReqDenied {
            src_peer_id: a,
            status: relay::StatusCode::ResourceLimitExceeded,
        }),
    );
    event(
        "relay.ReservationClosed",
        NodeEvent::Relay(relay::Event::ReservationClosed { src_peer_id: a }),
    );
    event(
        "relay.ReservationTimedOut",
        NodeEvent::Relay(relay::Event::ReservationTimedOut { src_peer_id: a }),
    );
    event(
        "relay.CircuitClosed",
        NodeEvent::Relay(relay::Event::CircuitClosed {
            src_peer_id: a,
            dst_peer_id: b,
            error: Some(io::Error::other("Max circuit bytes reached.")),
        }),
    );
    #[allow(deprecated)]
    {
        event(
            "relay.ReservationReqAcceptFailed",
            NodeEvent::Relay(relay::Event::ReservationReqAcceptFailed {
                src_peer_id: a,
                error: relay::inbound::hop::Error::StreamClosed,
            }),
        );
        event(
            "relay.ReservationReqDenyFailed",
            NodeEvent::Relay(relay::Event::ReservationReqDenyFailed {
                src_peer_id: a,
                error: relay::inbound::hop::Error::StreamClosed,
            }),
        );
        event(
            "relay.CircuitReqDenyFailed",
            NodeEvent::Relay(relay::Event::CircuitReqDenyFailed {
                src_peer_id: a,
                dst_peer_id: b,
                error: relay::inbound::hop::Error::StreamClosed,
            }),
        );
        event(
            "relay.CircuitReqAcceptFailed",
            NodeEvent::Relay(relay::Event::CircuitReqAcceptFailed {
                src_peer_id: a,
                dst_peer_id: b,
                error: relay::inbound::hop::Error::StreamClosed,
            }),
        );
        event(
            "relay.CircuitReqOutboundConnectFailed",
            NodeEvent::Relay(relay::Event::CircuitReqOutboundConnectFailed {
                src_peer_id: a,
                dst_peer_id: b,
                error: relay::outbound::stop::Error::Unsupported,
            }),
        );
    }
}

fn rendezvous() {
    let (a, b) = (peer(1), peer(2));
    let key = Keypair::ed25519_from_bytes([2; 32]).expect("32 bytes");
    let record = libp2p::core::PeerRecord::new(&key, vec![addr("/ip4/203.0.113.7/tcp/4001")])
        .expect("signing works");
    let ns = || rendezvous::Namespace::from_static("llama-cluster");
    let registration = rendezvous::Registration {
        namespace: ns(),
        record,
        ttl: 7200,
    };
    event(
        "rendezvous.DiscoverFailed",
        NodeEvent::RendezvousClient(rendezvous::client::Event::DiscoverFailed {
            rendezvous_node: a,
            namespace: Some(ns()),
            error: rendezvous::ErrorCode::Unavailable,
        }),
    );
    event(
        "rendezvous.Expired",
        NodeEvent::RendezvousClient(rendezvous::client::Event::Expired { peer: b }),
    );
    event(
        "rendezvous.DiscoverNotServed",
        NodeEvent::RendezvousServer(rendezvous::server::Event::DiscoverNotServed {
            enquirer: b,
            error: rendezvous::ErrorCode::InvalidCookie,
        }),
    );
    event(
        "rendezvous.PeerNotRegistered",
        NodeEvent::RendezvousServer(rendezvous::server::Event::PeerNotRegistered {
            peer: b,
            namespace: ns(),
            error: rendezvous::ErrorCode::InvalidTtl,
        }),
    );
    event(
        "rendezvous.PeerUnregistered",
        NodeEvent::RendezvousServer(rendezvous::server::Event::PeerUnregistered {
            peer: b,
            namespace: ns(),
        }),
    );
    event(
        "rendezvous.RegistrationExpired",
        NodeEvent::RendezvousServer(rendezvous::server::Event::RegistrationExpired(registration)),
    );
}

fn autonat() {
    event(
        "autonat.v2.Client.Ok",
        NodeEvent::AutonatClient(libp2p::autonat::v2::client::Event {
            tested_addr: addr("/ip4/203.0.113.7/tcp/4001"),
            bytes_sent: 0,
            server: peer(2),
            result: Ok(()),
        }),
    );
    event(
        "autonat.v2.Server.Ok",
        NodeEvent::AutonatServer(libp2p::autonat::v2::server::Event {
            all_addrs: vec![addr("/ip4/203.0.113.7/tcp/4001")],
            tested_addr: addr("/ip4/203.0.113.7/tcp/4001"),
            client: peer(2),
            data_amount: 0,
            result: Ok(()),
        }),
    );
    event(
        "autonat.v2.Server.Err",
        NodeEvent::AutonatServer(libp2p::autonat::v2::server::Event {
            all_addrs: vec![addr("/ip4/203.0.113.7/tcp/4001")],
            tested_addr: addr("/ip4/203.0.113.7/tcp/4001"),
            client: peer(2),
            data_amount: 0,
            result: Err(io::Error::from(io::ErrorKind::TimedOut)),
        }),
    );
    event(
        "autonat.StatusChanged.Private",
        NodeEvent::Autonat(libp2p::autonat::Event::StatusChanged {
            old: libp2p::autonat::NatStatus::Unknown,
            new: libp2p::autonat::NatStatus::Private,
        }),
    );
    event(
        "autonat.StatusChanged.Unknown",
        NodeEvent::Autonat(libp2p::autonat::Event::StatusChanged {
            old: libp2p::autonat::NatStatus::Public(addr("/ip4/203.0.113.7/tcp/4001")),
            new: libp2p::autonat::NatStatus::Unknown,
        }),
    );
}

fn upnp() {
    let (local, external) = (
        addr("/ip4/192.168.1.20/tcp/4001"),
        addr("/ip4/203.0.113.7/tcp/4001"),
    );
    event(
        "upnp.NewExternalAddr",
        NodeEvent::Upnp(upnp::Event::NewExternalAddr {
            local_addr: local.clone(),
            external_addr: external.clone(),
        }),
    );
    event(
        "upnp.ExpiredExternalAddr",
        NodeEvent::Upnp(upnp::Event::ExpiredExternalAddr {
            local_addr: local,
            external_addr: external,
        }),
    );
    event(
        "upnp.GatewayNotFound",
        NodeEvent::Upnp(upnp::Event::GatewayNotFound),
    );
    event(
        "upnp.NonRoutableGateway",
        NodeEvent::Upnp(upnp::Event::NonRoutableGateway),
    );
}

fn main() {
    println!("# Debug text of libp2p 0.57.1 events that no fixture scenario produces on loopback,");
    println!("# printed by tools/print-shapes (real types, illustrative values): one per line,");
    println!("# the kind p2plog must give it, a tab, then the text. Regenerate with");
    println!("# `cd tools/print-shapes && cargo run > ../../tests/data/built-examples.txt`.");
    swarm();
    identify();
    ping();
    gossipsub();
    mdns();
    relay();
    rendezvous();
    autonat();
    upnp();
}
