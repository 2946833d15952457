//! Plain words for transport failures: the leaf [`Cause`] of an error, the
//! [`Stage`] it happened in, and the [`AddrClass`] of an address. Shared by the
//! swarm explanations and the swarm log messages; the verdicts are theirs.
//!
//! Facts (libp2p 0.57, reference §2.4): the SwarmBuilder wraps every transport
//! in a 10 s `TransportTimeout`; QUIC gives up a handshake after 5 s
//! (`libp2p-quic-0.14.0/src/config.rs`); noise's handshake errors reach the
//! swarm as `Custom { kind: InvalidData, error: <snow error> }`.

use crate::event::swarm::AddrError;
use crate::event::transport::{AddrClass, Cause, Leaf, Stage};

/// The cause in a few plain words: "connection refused: nothing listens on that port …".
pub fn cause_words(cause: &Cause) -> String {
    match cause {
        Cause::ConnectionRefused => "connection refused: nothing listens on that port (the peer is down, the port is wrong, or a firewall rejects the connection)".into(),
        Cause::DialTimeout => "timed out: the connection was not complete within the transport timeout (10 s with the SwarmBuilder); packets are dropped (firewall, NAT, dead host) or the remote accepted the connection but never finished the handshake".into(),
        Cause::QuicHandshakeTimedOut => "QUIC handshake timed out (5 s by default): no QUIC answer, because UDP is blocked, the peer is down, or nothing listens on that UDP port".into(),
        Cause::Io(kind) => io_words(kind),
        Cause::Security(name) => security_words(name),
        Cause::KeyTypeDisabled(feature) => format!("key type `{feature}` not built in: the remote's public key is of type `{feature}`, and this node's libp2p was built without its `{feature}` cargo feature (\"cargo feature `{feature}` is not enabled\"), so the security handshake cannot verify the remote"),
        Cause::NegotiationFailed => "no protocol in common: the remote accepts none of the security or multiplexer protocols this node offers (noise/TLS, yamux), it is not a libp2p node, or it closed the stream during negotiation".into(),
        Cause::NegotiationProtocol(name) => format!("protocol negotiation broke ({name}): the remote does not speak multistream-select properly, so it is likely not a libp2p node"),
        Cause::MultiaddrNotSupported { dns: true, .. } => "no DNS resolution for a `/dns…` name: the address is not supported because this node's transport was built without DNS (`SwarmBuilder::with_dns()`)".into(),
        Cause::MultiaddrNotSupported { peer_id_only: true, .. } => "address not supported: it is only a peer id (`/p2p/…`), with no IP, DNS or other transport part, so no transport can dial it".into(),
        Cause::MultiaddrNotSupported { .. } => "address not supported: no transport this node was built with handles it".into(),
        Cause::MuxerClosed => "the remote closed the connection (yamux `Closed`): its idle timeout, a `disconnect`, a clean shutdown, or its process exited or crashed (the OS closed the socket)".into(),
        Cause::QuicApplicationClosed(code) => format!("the remote closed the QUIC connection (application close{}): its idle timeout, a `disconnect`, or a clean shutdown", code_words(code)),
        Cause::QuicConnectionClosed(code) if code.contains("APPLICATION_ERROR") => format!("the remote's QUIC stack closed the connection (code {code}); on an incoming connection during the handshake this usually means the dialler tried several of this node's addresses at once (libp2p dials up to 8 concurrently) and dropped this one"),
        Cause::QuicConnectionClosed(code) => format!("the remote's QUIC stack closed the connection with a transport error{}", code_words(code)),
        Cause::QuicTimedOut => "QUIC idle timeout: no packets arrived for the idle period, so the peer vanished or the network broke".into(),
        Cause::QuicReset => "QUIC stateless reset: the remote no longer knows the connection (it restarted)".into(),
        Cause::RelayReservation(inner) => relay_reservation_words(inner),
        Cause::RelayConnect(inner) => relay_connect_words(inner),
        Cause::Message(kind, message) if message == "protocol not supported" => {
            format!("the remote does not support the protocol (\"{message}\", {kind})")
        }
        Cause::Message(_, message) if is_fd_limit(message) => format!("\"{message}\": this process reached its limit of open files and sockets (`ulimit -n`), so it could not open a socket for the connection"),
        Cause::Message(kind, message) => format!("\"{message}\" ({kind})"),
        Cause::Other(text) if text == "ResolveError" => "DNS resolution failed: the name does not exist, has no address records of a kind this node can dial, or the resolver is unreachable".into(),
        Cause::Other(text) if text == "TooManyLookups" => "DNS resolution needed more than 32 lookups (a CNAME or `dnsaddr` chain that does not end)".into(),
        Cause::Other(text) => format!("`{text}`"),
        Cause::CutOff => "a cause the text cuts off before it is named".into(),
    }
}

/// ", code 0x1" of a QUIC close, or nothing when the text leaves the code
/// out (`ConnectionClosed(..)`).
fn code_words(code: &str) -> String {
    if code.is_empty() {
        String::new()
    } else {
        format!(", code {code}")
    }
}

/// [`cause_words`] for a failed dial: some OS errors mean something else
/// when this node connects than when it listens (an address in use, not
/// available, a permission denied).
pub fn dial_cause_words(cause: &Cause) -> String {
    match cause {
        Cause::Io(kind) => dial_io_words(kind).map_or_else(|| cause_words(cause), str::to_owned),
        // a listen address is fine to listen on: only a dial refuses it
        Cause::MultiaddrNotSupported {
            wildcard: true,
            dns: false,
            peer_id_only: false,
        } => "address not supported (port 0, or `0.0.0.0` or `::`): port 0 (\"any free port\") and the unspecified IP (`0.0.0.0`, `::`, \"every interface\") are what a node listens on, not addresses it can be reached at, so libp2p's TCP, QUIC and WebRTC transports refuse to dial them".into(),
        _ => cause_words(cause),
    }
}

/// The first part of [`cause_words`], for a one-line summary: up to its
/// `: ` ("connection refused"). A message or name quoted from the log is
/// whole (`"tls: handshake failure"` must not end at its colon).
pub fn cause_headline(cause: &Cause) -> String {
    headline(cause, cause_words(cause))
}

/// [`cause_headline`] for a failed dial (see [`dial_cause_words`]).
pub fn dial_cause_headline(cause: &Cause) -> String {
    headline(cause, dial_cause_words(cause))
}

fn headline(cause: &Cause, words: String) -> String {
    match cause {
        // the OS message alone: the summary groups dials by it
        Cause::Message(_, message) if is_fd_limit(message) => format!("\"{message}\""),
        Cause::Message(..) | Cause::Other(_) => words,
        _ => match words.split_once(": ") {
            Some((head, _)) => head.to_owned(),
            None => words,
        },
    }
}

/// An `io::ErrorKind` in plain words.
fn io_words(kind: &str) -> String {
    let words = match kind {
        "TimedOut" => "the operating system timed out the TCP connection: the remote acknowledged nothing (a connection attempt, or data and keep-alives on an open connection)",
        "HostUnreachable" => "no route to the host",
        "NetworkUnreachable" => "network unreachable (for example an IPv6 address without IPv6 connectivity)",
        "ConnectionReset" => "connection reset by the remote: it crashed or restarted, or a NAT or firewall dropped the connection",
        "ConnectionAborted" => "connection aborted",
        "BrokenPipe" => "the remote hung up (broken pipe)",
        "UnexpectedEof" => "the remote closed the stream in the middle of an exchange (unexpected end of file)",
        "AddrInUse" => "address already in use: another socket holds that port",
        "AddrNotAvailable" => "cannot use that address: it is not an address of this machine",
        "PermissionDenied" => "permission denied (a privileged port, or a sandbox)",
        "NotConnected" => "not connected",
        "InvalidData" => "invalid data from the remote",
        // std maps EMFILE (24), ENFILE, ENOBUFS, EAFNOSUPPORT, … to no kind
        "Uncategorized" => "OS error `Uncategorized` (its `message` says which): \"Too many open files\" (code 24) means this process reached its limit of open files and sockets (`ulimit -n`)",
        _ => return format!("I/O error `{kind}`"),
    };
    words.to_owned()
}

/// The OS errors of `connect()` (and of binding a dial socket to the listen
/// port, libp2p-tcp 0.45 lib.rs:379-413) whose listen meaning does not fit.
fn dial_io_words(kind: &str) -> Option<&'static str> {
    Some(match kind {
        // port reuse: the dial binds to the listen port (lib.rs:379-392)
        "AddrInUse" => "local address in use: the local address and port of this dial (with port reuse, the listen port) already serve a connection to that remote address, or one that has not fully closed",
        // connect(2) EADDRNOTAVAIL; a port-reuse clash is retried without
        // binding (lib.rs:400-412), so what is left is this machine's
        "AddrNotAvailable" => "cannot assign a local address: this machine had no free local port for the connection (too many connections, or many not fully closed), or the address a port-reuse dial binds to is gone",
        // connect(2) EACCES/EPERM
        "PermissionDenied" => "permission denied: a local firewall rule or a sandbox blocks the connection, or the address is a broadcast address",
        _ => return None,
    })
}

/// noise's failures.
fn security_words(name: &str) -> String {
    let why = match name {
        "Input" => "a handshake message had the wrong size for its step (snow's input error); seen when a node dials itself (the connection loops back to it), or when the remote agreed on `/noise` but sent something else",
        "AuthenticationFailed" | "BadSignature" | "UnexpectedKey" => "the remote's identity did not verify",
        "InvalidKey" | "InvalidLength" => "the remote sent an invalid key",
        "InvalidPayload" => "the remote sent a handshake payload noise could not decode",
        _ => "the handshake did not complete",
    };
    format!("the security handshake (noise) failed with `{name}`: {why}")
}

fn relay_reservation_words(inner: &str) -> String {
    let why = match inner {
        "Unsupported" => "the relay does not offer the relay (HOP) protocol: it is not a relay, or it runs libp2p 0.57, whose relay server turns HOP on only once it has a confirmed external address",
        "ResourceLimitExceeded" => "the relay's reservation limits are reached",
        "Refused" => "the relay refused the reservation",
        "Io" => "the reservation request failed at the I/O level (often a timeout)",
        "Protocol" => "the relay broke the reservation protocol",
        _ => "the reservation failed",
    };
    format!("relay reservation failed (`{inner}`): {why}")
}

fn relay_connect_words(inner: &str) -> String {
    let why = match inner {
        "NoReservation" => "the destination has no reservation at that relay",
        // priv_client.rs:279-281 (a failed dial of the relay drops it),
        // priv_client/handler.rs:233 (a handler at capacity), a closed
        // relay connection
        "Canceled" => "this node's relay client dropped the request before the relay answered (`ResponseFromBehaviourCanceled`, \"oneshot canceled\"): its connection to the relay failed or closed first, or it had too many circuit requests in flight",
        "ConnectionFailed" => "the relay could not reach the destination",
        "ResourceLimitExceeded" => "the relay's circuit limits are reached",
        "PermissionDenied" => "the relay does not allow this circuit",
        "Unsupported" => "the relay does not offer the relay (HOP) protocol",
        _ => "the relayed connection failed",
    };
    format!("relayed connection failed (`{inner}`): {why}")
}

/// "while negotiating protocols", or nothing when the stage adds nothing.
pub fn stage_words(stage: Stage) -> &'static str {
    match stage {
        Stage::Negotiation => " while negotiating the security or multiplexer protocol",
        Stage::Upgrade => " during the security or multiplexer handshake",
        Stage::Connect | Stage::Quic | Stage::Relay | Stage::Established | Stage::Unknown => "",
    }
}

/// The leaf in words, with its stage: "the remote hung up (broken pipe) while negotiating …".
pub fn leaf_words(leaf: &Leaf) -> String {
    // a failed negotiation names its stage itself
    let stage = match leaf.cause {
        Cause::NegotiationFailed | Cause::NegotiationProtocol(_) => "",
        _ => stage_words(leaf.stage),
    };
    format!("{}{stage}", cause_words(&leaf.cause))
}

/// [`leaf_words`] for an incoming connection: the remote dialled and this
/// node accepted, so a timeout is the remote's unfinished handshake. The
/// SwarmBuilder's 10 s (libp2p 0.57.1 builder/phase/swarm.rs:5, build.rs:28)
/// also covers inbound upgrades (libp2p-core 0.44 transport/timeout.rs:124-138).
pub fn incoming_leaf_words(leaf: &Leaf) -> String {
    match leaf.cause {
        Cause::DialTimeout => format!(
            "timed out: the remote connected but did not finish the handshake within the transport timeout (10 s with the SwarmBuilder){}",
            stage_words(leaf.stage)
        ),
        _ => leaf_words(leaf),
    }
}

/// The address class as a phrase: "loopback", "a private-range address", …
pub fn class_words(class: AddrClass) -> &'static str {
    match class {
        AddrClass::Loopback => "loopback, this machine",
        AddrClass::Private => "a private-range address: LAN, VPN or behind NAT",
        AddrClass::Documentation => "a documentation-range address, for examples and test networks, not routed on the internet",
        AddrClass::Reserved => "a reserved address, not routed on the internet",
        AddrClass::Public => "a public address",
        AddrClass::Unspecified => "every interface",
        AddrClass::Dns => "a DNS name",
        AddrClass::Relayed => "a relayed address, through a relay",
        AddrClass::Other => "a non-IP address",
        AddrClass::Elided => "left out of the text",
    }
}

/// One line per dialled address: "`/ip4/127.0.0.1/tcp/1` (loopback, this machine): connection refused: …".
pub fn per_address(errors: &[AddrError]) -> String {
    let lines: Vec<String> = errors
        .iter()
        .map(|e| {
            format!(
                "`{}` ({}): {}{}.",
                e.address.text,
                class_words(e.address.class),
                dial_cause_words(&e.leaf.cause),
                stage_words(e.leaf.stage)
            )
        })
        .collect();
    lines.join("\n")
}

/// Whether a dial's cause lies on this machine (its ports, file limit,
/// firewall), before the peer was reached.
pub fn is_local_dial_error(cause: &Cause) -> bool {
    match cause {
        Cause::Io(k) => k == "Uncategorized" || dial_io_words(k).is_some(),
        Cause::Message(k, _) => k == "Uncategorized",
        _ => false,
    }
}

/// The OS message of EMFILE and ENFILE: the process (or the system) has as
/// many files and sockets open as it may.
pub fn is_fd_limit(message: &str) -> bool {
    matches!(
        message,
        "Too many open files" | "Too many open files in system"
    )
}

/// Whether a cause means "could not reach the host at all" (as opposed to a refusal).
pub fn is_unreachable(cause: &Cause) -> bool {
    matches!(cause, Cause::DialTimeout | Cause::QuicHandshakeTimedOut)
        || matches!(cause, Cause::Io(k) if matches!(k.as_str(), "TimedOut" | "HostUnreachable" | "NetworkUnreachable"))
}
