//! The swarm: verdicts and sentences for every swarm kind (reference §2, §17
//! rules 12–16).
//!
//! Who dialled matters: an `OutgoingConnectionError` with `peer_id: None` comes
//! from a dial the app made with a bare address (`swarm.dial(addr)`), since
//! behaviours always dial by peer id; such an address came from the app's own
//! configuration (a bootstrap list, a command line), so its failure is
//! actionable. Addresses behaviours learned (kad, identify, mdns) go stale
//! routinely, so their failures are expected until they repeat.

use super::text::short_peer;
use super::transport::{
    cause_headline, cause_words, class_words, is_fd_limit, leaf_words, per_address,
};
use super::{Context, Explanation, Verdict};
use crate::event::swarm::{Closed, DialErr, Endpoint, Swarm};
use crate::event::time::human;
use crate::event::transport::{Addr, Cause, Leaf, Stage};

mod dial;

pub(super) use dial::{dial, incoming, Origin};

pub(super) fn explain(kind: &str, event: &Swarm, ctx: &Context) -> Explanation {
    match event {
        Swarm::OutgoingConnectionError { peer, error, .. } => {
            let origin = peer.as_deref().map_or(Origin::AppAddress, Origin::Peer);
            dial(kind, origin, error, ctx)
        }
        Swarm::DialError(error) => {
            // `dial()` returned it; a bare `Transport([..])` is an event's error an
            // app logged, whose dialler is unknown
            let origin = if matches!(error, DialErr::Transport(_)) {
                Origin::Unknown
            } else {
                Origin::AppCall
            };
            dial(kind, origin, error, ctx)
        }
        Swarm::IncomingConnectionError {
            send_back, error, ..
        } => incoming(kind, send_back.as_ref(), error, ctx),
        Swarm::ConnectionClosed {
            peer,
            endpoint,
            num_established,
            cause,
            ..
        } => closed(
            kind,
            peer,
            endpoint.as_ref(),
            *num_established,
            cause.as_ref(),
            ctx,
        ),
        Swarm::ListenerClosed {
            addresses, error, ..
        } => listener_closed(kind, addresses, error.as_ref(), ctx),
        Swarm::TransportError(leaf) if from_connection(leaf) => connection_failed(kind, leaf),
        Swarm::TransportError(leaf) => listen_on_failed(kind, leaf),
        Swarm::DialAttemptError(leaf) => dial_attempt_failed(kind, leaf),
        other => lifecycle(kind, other, ctx),
    }
}

/// "peer 12D3KooW…NASuq" or "an unknown peer".
fn peer_words(peer: Option<&str>) -> String {
    peer.map_or("an unknown peer".into(), |p| {
        format!("peer {}", short_peer(p))
    })
}

/// Connection setup and address events: all ok or expected.
fn lifecycle(kind: &str, event: &Swarm, ctx: &Context) -> Explanation {
    let ok = |summary: String, explanation: &'static str| {
        Explanation::new(kind, Verdict::Ok, summary, explanation, "")
    };
    match event {
        Swarm::ConnectionEstablished {
            peer,
            endpoint,
            num_established,
            dial_errors,
            established_in,
            ..
        } => {
            let how = match endpoint {
                Some(e) if !ctx.brief => endpoint_words(e),
                _ => String::new(),
            };
            let took = established_in.map_or(String::new(), |ns| say!(ctx, " in {}", human(ns)));
            let n = num_established.unwrap_or(1);
            let mut explanation = say!(ctx,
                "Transport, security (noise/TLS) and multiplexer (yamux) setup all succeeded{took}; protocols can now open streams on it. `num_established: {n}` counts this peer's connections including this one{}.",
                if n > 1 { ", so this is an extra connection (for example both sides dialled at once)" } else { "" }
            );
            if !dial_errors.is_empty() {
                explanation += &say!(ctx,
                    " Other addresses dialled in parallel failed:\n{}",
                    per_address(dial_errors)
                );
            }
            Explanation::new(
                kind,
                Verdict::Ok,
                say!(ctx, "Connected to peer {}{how}.", short_peer(peer)),
                explanation,
                "",
            )
        }
        Swarm::IncomingConnection { send_back, .. } => ok(
            say!(ctx, "A connection is coming in from {}; its handshake is under way.", addr_text(send_back.as_ref())),
            "A listener accepted a socket. Security and multiplexer negotiation follow; the outcome is a `ConnectionEstablished` or an `IncomingConnectionError` with the same connection id.",
        ),
        Swarm::Dialing { peer, .. } => ok(
            say!(ctx, "Dialling {}.", match peer.as_deref() {
                Some(p) => say!(ctx, "peer {}", short_peer(p)),
                None => "an address (no peer id)".into(),
            }),
            "A behaviour started a dial (kad dials peers it wants to query, the relay client its relay); the app's own `swarm.dial(..)` emits no `Dialing`. Its outcome is a `ConnectionEstablished` or an `OutgoingConnectionError` with the same connection id.",
        ),
        Swarm::NewListenAddr { address, .. } => ok(
            say!(ctx, "Listening on {} ({}).", address.text, class_words(address.class)),
            "A listener now accepts connections on this address. Listening on 0.0.0.0 yields one of these per interface. Other peers learn it through identify.",
        ),
        Swarm::ExpiredListenAddr { address, .. } => ok(
            say!(ctx, "No longer listening on {}.", address.text),
            "The network interface behind this listen address went away (a VPN went down, DHCP changed the address); the listener goes on with its other addresses.",
        ),
        // out of file descriptors, accept() fails for every peer until some close
        Swarm::ListenerError { error, .. }
            if matches!(&error.cause, Cause::Message(_, m) if is_fd_limit(m)) =>
        {
            Explanation::new(
                kind,
                Verdict::Actionable,
                say!(ctx, "A listener could not accept a connection: {}.", leaf_words(error)),
                "The listener stays open, but while the process is at its limit of open files and sockets it cannot accept incoming connections (libp2p's TCP listener pauses 100 ms after such an error, then tries again).",
                "Raise the open-file limit (`ulimit -n`, or `LimitNOFILE` in a systemd unit; each connection holds a socket) and check whether connections pile up (a connection limit such as `libp2p::connection_limits` helps).",
            )
        }
        Swarm::ListenerError { error, .. } => {
            let verdict = ctx.expected_once();
            Explanation::new(
                kind,
                verdict,
                say!(ctx, "A listener reported an error: {}.", leaf_words(error)),
                say!(ctx, "The error did not close the listener; it goes on accepting connections.{}", ctx.repeat_note()),
                if verdict == Verdict::Actionable { "The error keeps coming: check the interface and the OS limits (open files, ports)." } else { "" },
            )
        }
        Swarm::NewExternalAddrCandidate { address } => ok(
            say!(ctx, "{} might be this node's external address (not confirmed).", address.text),
            "A behaviour, usually identify reporting how a remote peer saw this node, proposes this address. It is only a candidate: AutoNAT probes it and DCUtR offers it for hole punching, but unless the app set kad's mode, kad stays in client mode, and (since libp2p 0.57) a relay server stays off, until an address is confirmed (AutoNAT, a relay reservation, UPnP or `swarm.add_external_address`).",
        ),
        Swarm::ExternalAddrConfirmed { address } => ok(
            say!(ctx, "{} is now a confirmed external address of this node.", address.text),
            "Other peers can reach this node there. Behaviours react: kad switches to server mode (unless its mode was set), a libp2p 0.57 relay server starts offering reservations, identify advertises the address.",
        ),
        Swarm::ExternalAddrExpired { address } => Explanation::new(
            kind,
            Verdict::Expected,
            say!(ctx, "{} is no longer a confirmed external address.", address.text),
            "UPnP (a port mapping was lost) or the relay client (its relay connection closed, or since libp2p 0.57 its circuit listener) withdrew the address; AutoNAT never withdraws one, and `swarm.remove_external_address` emits no event. Without any confirmed external address kad falls back to client mode (unless the app set its mode).",
            "",
        ),
        Swarm::NewExternalAddrOfPeer { peer, address } => ok(
            say!(ctx, "Learned address {} of peer {}.", address.text, short_peer(peer)),
            "A behaviour learned where the peer listens: identify (the first time it sees each listen address), mDNS, rendezvous, or kad (moving a waiting peer into its routing table). Other behaviours, and later dials, can use it.",
        ),
        _ => ok(say!(ctx, "{kind}."), ""),
    }
}

pub(super) fn addr_text(addr: Option<&Addr>) -> String {
    addr.map_or("an unknown address".into(), |a| {
        format!("{} ({})", a.text, class_words(a.class))
    })
}

fn endpoint_words(e: &Endpoint) -> String {
    match e {
        Endpoint::Dialer {
            address,
            hole_punched: false,
        } => format!(" (this node dialled {})", address.text),
        Endpoint::Dialer { address, .. } => {
            format!(" (hole-punched by DCUtR, at {})", address.text)
        }
        Endpoint::Listener { send_back, .. } => {
            format!(" (accepted from {})", send_back.text)
        }
    }
}

/// `ConnectionClosed` and its log line (rule 14).
pub(super) fn closed(
    kind: &str,
    peer: &str,
    endpoint: Option<&Endpoint>,
    remaining: Option<u64>,
    cause: Option<&Closed>,
    ctx: &Context,
) -> Explanation {
    let how = match endpoint {
        Some(e) if !ctx.brief => endpoint_words(e),
        _ => String::new(),
    };
    let left = match remaining {
        Some(0) => " This node now has no connection to the peer.".to_owned(),
        Some(1) => " 1 connection to the peer remains.".to_owned(),
        Some(n) => say!(ctx, " {n} connections to the peer remain."),
        None => String::new(),
    };
    let (verdict, why, advice): (Verdict, String, &str) = match cause {
        None => (
            Verdict::Expected,
            "This node closed it on purpose (`disconnect_peer_id`, `close_connection`, or a behaviour asked) and the multiplexer shut down cleanly.".into(),
            "",
        ),
        Some(Closed::KeepAliveTimeout) => (
            Verdict::Expected,
            "This node closed it because no protocol needed it any more: no stream was open and no handler asked to keep it alive for the idle timeout (`with_idle_connection_timeout`: 10 s by default since libp2p 0.55; 0 s, closing at once, in 0.53 and 0.54). The peer sees its side close as `Error(Closed)` or a QUIC application close. Routine housekeeping.".into(),
            "Only if the app needs the connection to stay (a gossipsub mesh, a relay, a long-lived custom protocol) and sees it churn: raise it (`.with_swarm_config(|c| c.with_idle_connection_timeout(Duration::from_secs(60)))` on the `SwarmBuilder`), or keep a protocol active on it.",
        ),
        Some(Closed::Io(leaf)) => io_closed(leaf, ctx),
        Some(Closed::Handler(error)) => handler_closed(error, ctx),
    };
    Explanation::new(
        kind,
        verdict,
        say!(
            ctx,
            "The connection to {}{how} closed{}.{left}",
            peer_words(Some(peer).filter(|p| *p != "?")),
            closed_headline(cause)
        ),
        say!(ctx, "{why}{}", ctx.repeat_note()),
        advice,
    )
}

/// Why a connection closed, for its one-line summary (found by the second
/// field test: the line said only "closed", the cause was in the details).
fn closed_headline(cause: Option<&Closed>) -> String {
    match cause {
        None => " (this node closed it)".into(),
        Some(Closed::KeepAliveTimeout) => " (idle: no protocol kept it open)".into(),
        Some(Closed::Io(leaf)) => format!(": {}", cause_headline(&leaf.cause)),
        Some(Closed::Handler(error)) => format!(": a protocol handler failed (`{error}`)"),
    }
}

/// libp2p 0.52 and older: a handler closed the connection with its error
/// (found by the third field test: read as an I/O error, "the connection
/// broke … a NAT forgot the mapping").
fn handler_closed(error: &str, ctx: &Context) -> (Verdict, String, &'static str) {
    // libp2p-relay 0.16 protocol/outbound_hop.rs:123-124, a fatal upgrade
    // error, which its client handler turns into `Close` (handler.rs:458)
    let known = match error {
        "NoAddressesInReservation" => " It is libp2p-relay's: the relay accepted this node's reservation but listed no address of its own, which happens when the relay server has no confirmed external address.",
        _ => "",
    };
    (
        ctx.expected_once(),
        say!(ctx, "A protocol handler on this connection failed with `{error}` and closed the whole connection, with every protocol on it (libp2p 0.52 and older: `ConnectionError::Handler`; since 0.53 a handler can no longer close a connection).{known}"),
        "Find the protocol the error belongs to (the `Left`/`Right` nesting follows the order of the behaviours in the `NetworkBehaviour` derive) and why it failed. Upgrading to libp2p 0.53 or later keeps one protocol's failure from closing the connection.",
    )
}

fn io_closed(leaf: &Leaf, ctx: &Context) -> (Verdict, String, &'static str) {
    let remote_close = matches!(
        leaf.cause,
        Cause::MuxerClosed | Cause::QuicApplicationClosed(_)
    );
    if remote_close {
        return (
            Verdict::Expected,
            say!(ctx, "{}.", capitalized(&cause_words(&leaf.cause))),
            "",
        );
    }
    let verdict = ctx.expected_once();
    (
        verdict,
        say!(ctx, "The connection broke: {}. Once is expected (a peer crashed or a NAT forgot the mapping); frequent breaks mean an unstable network or crashing peers.", cause_words(&leaf.cause)),
        "If it keeps happening, check the network path (NAT timeouts, Wi-Fi, mobile) and whether the peer process crashes or restarts.",
    )
}

/// "the remote …" → "The remote …".
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// `ListenerClosed` and its log line (rule 15).
pub(super) fn listener_closed(
    kind: &str,
    addresses: &[Addr],
    error: Option<&Leaf>,
    ctx: &Context,
) -> Explanation {
    let on = if addresses.is_empty() {
        String::new()
    } else {
        say!(
            ctx,
            " on {}",
            addresses
                .iter()
                .map(|a| a.text.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let Some(leaf) = error else {
        let relayed = addresses.iter().any(|a| a.text.contains("/p2p-circuit"));
        let (explanation, advice) = if relayed {
            (
                "A relay listener closes without error when its connection to the relay ends: the reservation is gone, and this node can no longer be reached through that relay.",
                "If the node should stay reachable through the relay, listen on the circuit address again (the relay client does not do it by itself).",
            )
        } else {
            (
                "The listener was removed (`remove_listener`) or its transport stopped cleanly; a relay listener also closes so when its connection to the relay ends.",
                "",
            )
        };
        return Explanation::new(
            kind,
            Verdict::Expected,
            say!(ctx, "A listener{on} closed without error."),
            explanation,
            advice,
        );
    };
    let (verdict, explanation, advice) = match &leaf.cause {
        Cause::RelayReservation(inner) if inner == "Unsupported" => (
            Verdict::Actionable,
            "A relay listener (`listen_on(…/p2p-circuit)`) closes when its reservation fails: there is no relay event for that. Since libp2p 0.57 a relay server offers reservations only once it has a confirmed external address, so a fresh relay answers like a node that is not a relay at all.",
            "On the relay: confirm its external address (`swarm.add_external_address(addr)`) or force `relay::Behaviour::set_status(Some(Status::Enable))`; check that the relay node runs `relay::Behaviour` at all. Then listen on the circuit address again.",
        ),
        Cause::RelayReservation(_) => (
            ctx.expected_once(),
            "A relay listener (`listen_on(…/p2p-circuit)`) closes when its reservation fails; the relay refused or limited it.",
            "Retry later or use another relay; if it persists, raise the relay's reservation limits.",
        ),
        _ => (
            Verdict::Actionable,
            "The listener stopped with an error: this node no longer accepts connections there.",
            "Check the interface and port, then listen again.",
        ),
    };
    Explanation::new(
        kind,
        verdict,
        say!(ctx, "A listener{on} closed: {}.", leaf_words(leaf)),
        say!(ctx, "{explanation}{}", ctx.repeat_note()),
        advice,
    )
}

/// Whether a `TransportError`'s cause can only come from a connection: a
/// refusal, a timeout, a handshake, a remote that hung up. `listen_on()`
/// only binds (libp2p-tcp 0.45 lib.rs:276-283 `do_listen`: bind and listen; QUIC
/// binds a UDP socket), so its errors are the OS's bind errors and
/// `MultiaddrNotSupported`.
fn from_connection(leaf: &Leaf) -> bool {
    let connection_kind = |kind: &str| {
        matches!(
            kind,
            "ConnectionRefused"
                | "ConnectionReset"
                | "ConnectionAborted"
                | "TimedOut"
                | "UnexpectedEof"
                | "BrokenPipe"
                | "NotConnected"
                | "HostUnreachable"
                | "NetworkUnreachable"
        )
    };
    let stage = !matches!(leaf.stage, Stage::Connect | Stage::Unknown);
    stage
        || match &leaf.cause {
            Cause::Io(kind) | Cause::Message(kind, _) => connection_kind(kind),
            Cause::MultiaddrNotSupported { .. } | Cause::Other(_) | Cause::CutOff => false,
            _ => true,
        }
}

/// A `TransportError` on its own whose cause comes from a connection: an
/// element of a dial's `DialError::Transport` list, or an incoming
/// connection's `ListenError::Transport`, written without them.
fn connection_failed(kind: &str, leaf: &Leaf) -> Explanation {
    Explanation::new(
        kind,
        Verdict::Expected,
        format!("A connection failed at the transport: {}.", leaf_words(leaf)),
        "libp2p's `TransportError` on its own, without the event or error around it. A listener that cannot bind its port fails with one too, but this cause comes from a connection: it is one address's failure in a dial (`DialError::Transport` holds one per address tried) or an incoming connection's (`ListenError::Transport`).",
        "The text around it names the address and the peer: a stale address a behaviour learned fails like this routinely, a configured bootstrap or relay address should not. Log the whole event (`{:?}` of the `SwarmEvent`) to see which.",
    )
}

/// A dial's error at one address, in the shape libp2p 0.39 and older gave
/// it alone (`SwarmEvent::UnreachableAddr`).
fn dial_attempt_failed(kind: &str, leaf: &Leaf) -> Explanation {
    let stage = match leaf.cause {
        Cause::NegotiationFailed | Cause::NegotiationProtocol(_) => "",
        _ => super::transport::stage_words(leaf.stage),
    };
    Explanation::new(
        kind,
        Verdict::Expected,
        format!(
            "A dial failed at one address: {}.",
            super::transport::dial_cause_headline(&leaf.cause)
        ),
        format!(
            "libp2p's `Transport(..)` error of a pending connection, without the event around it, after words that name a dial. libp2p 0.39 and older reported each address a dial failed on with it alone (`SwarmEvent::UnreachableAddr`, whose `attempts_remaining` counts the addresses still to try); since libp2p 0.40 a dial's failures come together, one per address, in `DialError::Transport`, and this value alone is an incoming connection's. The cause: {}{stage}.",
            super::transport::dial_cause_words(&leaf.cause)
        ),
        "The text around it names the address and the peer: a stale address a behaviour learned fails like this routinely, a configured bootstrap or relay address should not. A dial that still has addresses to try may succeed at another.",
    )
}

/// `listen_on()` returned an error.
fn listen_on_failed(kind: &str, leaf: &Leaf) -> Explanation {
    let advice = match &leaf.cause {
        Cause::Io(k) if k == "AddrInUse" => "Another program holds the port (since libp2p 0.54 its TCP listeners share a port with each other, in 0.53 only with `tcp::Config::port_reuse(true)`; a QUIC port is taken by any UDP socket, this node's own too): pick another port, use port 0 for any free one, or stop the other program.",
        Cause::MultiaddrNotSupported { .. } => "Listen on an address of a transport this node was built with (`/ip4/0.0.0.0/tcp/0`, `/ip4/0.0.0.0/udp/0/quic-v1`).",
        _ => "Check the address and the interface it names.",
    };
    Explanation::new(
        kind,
        Verdict::Actionable,
        format!("`listen_on()` failed: {}.", leaf_words(leaf)),
        "The app asked to listen on an address and the transport could not open it: the node does not accept connections there.",
        advice,
    )
}
