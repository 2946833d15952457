//! The swarm (`libp2p-swarm` 0.44–0.48, libp2p 0.53–0.57): every `SwarmEvent`
//! variant but `Behaviour`, and the errors inside them — `DialError`,
//! `ListenError`, `ConnectionError`, `ConnectionDenied` with the connection-limits,
//! memory-limits and allow/block-list inner errors (reference §2, §14).
//!
//! Also the errors apps log on their own: a `DialError` returned by
//! `Swarm::dial` (`DialPeerConditionFalse(..)`, `Denied { .. }`, …) and the
//! `TransportError` returned by `Swarm::listen_on` (`Other(Custom { .. })`).
//! The unit `NoAddresses` has no Debug shape to find: `grammars/messages/api.json`
//! recognises it.
//!
//! Version shapes: `WrongPeerId`/`LocalPeerId` carry `endpoint: ConnectedPoint`
//! up to libp2p 0.55 and `address: Multiaddr` since 0.56 (both read into
//! `address`); `IncomingConnectionError.peer_id` exists since 0.56; the
//! `Dialer` endpoint has `port_use` since 0.54.

use super::time::duration_value;
use super::transport::{leaf, Addr, Cause, Leaf};
use super::util::peer_id;
use crate::debugfmt::Value;

mod errors;

pub(super) use errors::addr_errors;
pub use errors::{closed, dial_error, listen_error, AddrError, Closed, Denial, DialErr, ListenErr};

/// The `SwarmEvent` variants (but `Behaviour`).
const EVENTS: &[&str] = &[
    "ConnectionEstablished",
    "ConnectionClosed",
    "IncomingConnection",
    "IncomingConnectionError",
    "OutgoingConnectionError",
    "NewListenAddr",
    "ExpiredListenAddr",
    "ListenerClosed",
    "ListenerError",
    "Dialing",
    "NewExternalAddrCandidate",
    "ExternalAddrConfirmed",
    "ExternalAddrExpired",
    "NewExternalAddrOfPeer",
];

/// `DialError` variants that can be an `OutgoingConnectionError` event.
const DIAL_EVENT_ERRORS: &[&str] = &[
    "LocalPeerId",
    "Aborted",
    "WrongPeerId",
    "Denied",
    "Transport",
];
/// `DialError` variants that only `Swarm::dial` returns and that print as more
/// than a bare word (`NoAddresses` is a unit: `grammars/messages/api.json`).
const DIAL_RETURN_ERRORS: &[&str] = &["DialPeerConditionFalse"];
/// `ListenError` variants.
const LISTEN_ERRORS: &[&str] = &[
    "Aborted",
    "WrongPeerId",
    "LocalPeerId",
    "Denied",
    "Transport",
];

/// Every swarm kind id.
pub fn kinds() -> Vec<String> {
    let mut all: Vec<String> = EVENTS
        .iter()
        .filter(|e| !e.ends_with("ConnectionError"))
        .map(|e| format!("swarm.{e}"))
        .collect();
    all.extend(
        ["KeepAliveTimeout", "IO", "Handler"].map(|c| format!("swarm.ConnectionClosed.{c}")),
    );
    all.push("swarm.ListenerClosed.Err".into());
    all.extend(
        DIAL_EVENT_ERRORS
            .iter()
            .map(|e| format!("swarm.OutgoingConnectionError.{e}")),
    );
    all.extend(
        LISTEN_ERRORS
            .iter()
            .map(|e| format!("swarm.IncomingConnectionError.{e}")),
    );
    let returned = DIAL_RETURN_ERRORS
        .iter()
        .chain(["Aborted", "Denied", "Transport", "WrongPeerId"].iter());
    all.extend(returned.map(|e| format!("swarm.DialError.{e}")));
    all.extend(["Other", "MultiaddrNotSupported"].map(|e| format!("swarm.TransportError.{e}")));
    all
}

pub fn is_event_name(name: &str) -> bool {
    EVENTS.contains(&name)
}

/// A swarm event, or a swarm error an app logged.
#[derive(Clone, Debug, PartialEq)]
pub enum Swarm {
    ConnectionEstablished {
        peer: String,
        connection: Option<u64>,
        endpoint: Option<Endpoint>,
        /// Connections to this peer, this one included.
        num_established: Option<u64>,
        /// Errors of other addresses dialled in parallel (`None` for inbound).
        dial_errors: Vec<AddrError>,
        /// `established_in` in nanoseconds.
        established_in: Option<u128>,
    },
    ConnectionClosed {
        peer: String,
        connection: Option<u64>,
        endpoint: Option<Endpoint>,
        /// Connections to this peer that remain.
        num_established: Option<u64>,
        cause: Option<Closed>,
    },
    IncomingConnection {
        connection: Option<u64>,
        local: Option<Addr>,
        send_back: Option<Addr>,
    },
    IncomingConnectionError {
        connection: Option<u64>,
        local: Option<Addr>,
        send_back: Option<Addr>,
        error: ListenErr,
        /// Only since libp2p 0.56, and only for denials after authentication.
        peer: Option<String>,
    },
    OutgoingConnectionError {
        connection: Option<u64>,
        /// `None` when the app dialled an address without a peer id.
        peer: Option<String>,
        error: DialErr,
    },
    NewListenAddr {
        listener: Option<u64>,
        address: Addr,
    },
    ExpiredListenAddr {
        listener: Option<u64>,
        address: Addr,
    },
    ListenerClosed {
        listener: Option<u64>,
        addresses: Vec<Addr>,
        /// `None` for `reason: Ok(())`.
        error: Option<Leaf>,
    },
    ListenerError {
        listener: Option<u64>,
        error: Leaf,
    },
    Dialing {
        peer: Option<String>,
        connection: Option<u64>,
    },
    NewExternalAddrCandidate {
        address: Addr,
    },
    ExternalAddrConfirmed {
        address: Addr,
    },
    ExternalAddrExpired {
        address: Addr,
    },
    NewExternalAddrOfPeer {
        peer: String,
        address: Addr,
    },
    /// A `DialError` on its own: what `Swarm::dial` returned.
    DialError(DialErr),
    /// A `TransportError` on its own: what `Swarm::listen_on` returned.
    TransportError(Leaf),
    /// A pending connection's `Transport(<TransportError>)` on its own,
    /// after words that name a dial: libp2p 0.39 and older reported each
    /// address a dial failed on with it (`SwarmEvent::UnreachableAddr`,
    /// libp2p-swarm 0.30 lib.rs:212-221); since 0.40 it is only an incoming
    /// connection's (`ListenError::Transport`), a dial's come in a list.
    DialAttemptError(Leaf),
}

/// `ConnectedPoint`.
#[derive(Clone, Debug, PartialEq)]
pub enum Endpoint {
    Dialer {
        address: Addr,
        /// `role_override: Listener`: a hole-punched (DCUtR) connection.
        hole_punched: bool,
    },
    Listener {
        local: Addr,
        send_back: Addr,
    },
}

/// Reads a swarm event or a swarm error logged on its own.
pub fn recognize(v: &Value<'_>) -> Option<(String, Swarm)> {
    let name = v.name()?;
    let event = if is_event_name(name) {
        event(name, v)?
    } else if let Some(denial) = incoming_denial(name, v) {
        // a denial by an incoming limit can only be an incoming connection's
        incoming_alone(ListenErr::Denied(denial))
    } else if (DIAL_RETURN_ERRORS.contains(&name) && v.only().is_some())
        || is_bare_dial_error(name, v)
    {
        Swarm::DialError(dial_error(v)?)
    } else if is_bare_transport_error(name, v) {
        Swarm::TransportError(leaf(v))
    } else if let Some(inner) = v
        .only()
        .filter(|i| name == "Transport" && is_bare_transport_error(i.name().unwrap_or(""), i))
    {
        // `Transport(Other(..))`: a `ListenError` (an incoming connection's
        // error) on its own; `listen_on()` returns the error unwrapped
        incoming_alone(ListenErr::Transport(leaf(inner)))
    } else if name == "IO"
        && v.only()
            .and_then(Value::name)
            .is_some_and(|n| matches!(n, "Custom" | "Os" | "Kind" | "Error"))
    {
        // `ConnectionError::IO(..)`, a `ConnectionClosed` cause, logged
        // alone: the only `IO(io::Error)` variant of libp2p 0.52 to 0.57
        // (libp2p-swarm 0.47 connection/error.rs:30); an app's own error
        // enum may have one too, which `find` tells apart by the line
        lone_close(closed(v))
    } else {
        return None;
    };
    Some((kind_id(&event), event))
}

/// A `ConnectionClosed` cause logged without its event: no peer (`?`,
/// which the explanation words "an unknown peer"), connection or count.
fn lone_close(cause: Closed) -> Swarm {
    Swarm::ConnectionClosed {
        peer: "?".into(),
        connection: None,
        endpoint: None,
        num_established: None,
        cause: Some(cause),
    }
}

/// Whether an event is a `ConnectionClosed` cause logged alone (see
/// `lone_close`), and if so whether its cause is one a connection
/// breaks with: the multiplexer or QUIC closing it, or an io error
/// of a broken connection, not one an app's file or config reports.
pub fn lone_close_is_connection_s(event: &Swarm) -> Option<bool> {
    let Swarm::ConnectionClosed {
        peer,
        connection: None,
        num_established: None,
        cause: Some(Closed::Io(leaf)),
        ..
    } = event
    else {
        return None;
    };
    (peer == "?").then_some(match &leaf.cause {
        Cause::MuxerClosed
        | Cause::QuicApplicationClosed(_)
        | Cause::QuicConnectionClosed(_)
        | Cause::QuicTimedOut
        | Cause::QuicReset => true,
        Cause::Io(kind) => matches!(
            kind.as_str(),
            "BrokenPipe"
                | "ConnectionReset"
                | "ConnectionAborted"
                | "UnexpectedEof"
                | "NotConnected"
        ),
        _ => false,
    })
}

impl Swarm {
    /// The peer (or, without one, the address) the event is about, for
    /// counting repeats.
    pub fn subject(&self) -> Option<&str> {
        match self {
            // a cause logged alone names no peer (`?`, [`lone_close`])
            Swarm::ConnectionClosed { peer, .. } if peer == "?" => None,
            Swarm::ConnectionEstablished { peer, .. }
            | Swarm::ConnectionClosed { peer, .. }
            | Swarm::NewExternalAddrOfPeer { peer, .. } => Some(peer),
            Swarm::OutgoingConnectionError { peer, error, .. } => {
                peer.as_deref().or_else(|| error.first_address())
            }
            Swarm::IncomingConnectionError {
                peer, send_back, ..
            } => peer
                .as_deref()
                .or_else(|| send_back.as_ref().map(|a| host(&a.text))),
            Swarm::Dialing { peer, .. } => peer.as_deref(),
            Swarm::NewListenAddr { address, .. }
            | Swarm::ExpiredListenAddr { address, .. }
            | Swarm::NewExternalAddrCandidate { address }
            | Swarm::ExternalAddrConfirmed { address }
            | Swarm::ExternalAddrExpired { address } => Some(&address.text),
            Swarm::DialError(error) => error.first_address(),
            Swarm::IncomingConnection { .. }
            | Swarm::ListenerClosed { .. }
            | Swarm::ListenerError { .. }
            | Swarm::TransportError(_)
            | Swarm::DialAttemptError(_) => None,
        }
    }
}

/// `/ip4/1.2.3.4/tcp/5` → `/ip4/1.2.3.4`: an inbound connection's remote port
/// changes every time, its host does not.
fn host(addr: &str) -> &str {
    let mut slashes = addr.match_indices('/').skip(2);
    slashes.next().map_or(addr, |(i, _)| &addr[..i])
}

/// `Denied { cause: .. }`, `WrongPeerId { obtained, .. }`,
/// `Transport([(addr, err), ..])` logged without their event.
fn is_bare_dial_error(name: &str, v: &Value<'_>) -> bool {
    match name {
        "Denied" => v.field("cause").is_some(),
        "WrongPeerId" => v.field("obtained").is_some(),
        "Transport" => v.only().is_some_and(|list| {
            matches!(list.kind, crate::debugfmt::Kind::List { .. })
                && list.items().iter().all(|pair| pair.items().len() == 2)
        }),
        _ => false,
    }
}

/// `Transport(Other(..))` read alone as an incoming connection's error,
/// which the text before it calls a dial's (`Failed to reach <peer> via
/// <addr>, remaining 3 attempts, cause: Transport(..)`): a dial's on
/// libp2p 0.39 and older ([`Swarm::DialAttemptError`]).
pub fn as_dial_attempt(event: &Swarm) -> Option<(String, Swarm)> {
    match event {
        Swarm::IncomingConnectionError {
            connection: None,
            local: None,
            send_back: None,
            peer: None,
            error: ListenErr::Transport(leaf),
        } => {
            let dial = Swarm::DialAttemptError(leaf.clone());
            Some((kind_id(&dial), dial))
        }
        _ => None,
    }
}

/// An incoming connection's error logged without its event.
fn incoming_alone(error: ListenErr) -> Swarm {
    Swarm::IncomingConnectionError {
        connection: None,
        local: None,
        send_back: None,
        error,
        peer: None,
    }
}

/// `Denied { cause }` whose limit counts incoming connections
/// (connection-limits' `PendingIncoming`, `EstablishedIncoming`): a
/// `ListenError`, where a bare `Denied` reads as a dial's.
fn incoming_denial(name: &str, v: &Value<'_>) -> Option<Denial> {
    if name != "Denied" {
        return None;
    }
    match listen_error(v)? {
        ListenErr::Denied(d @ Denial::Limit { .. }) if d.is_incoming_limit() => Some(d),
        _ => None,
    }
}

/// `MultiaddrNotSupported(/dns4/..)`, or `Other(<io::Error>)` (what
/// `listen_on` returns).
fn is_bare_transport_error(name: &str, v: &Value<'_>) -> bool {
    let inner = v.only();
    match name {
        "MultiaddrNotSupported" => inner.and_then(Addr::from_value).is_some(),
        "Other" => inner
            .and_then(Value::name)
            .is_some_and(|n| matches!(n, "Custom" | "Os" | "Kind")),
        _ => false,
    }
}

fn kind_id(event: &Swarm) -> String {
    let tail = match event {
        Swarm::ConnectionClosed {
            cause: Some(Closed::KeepAliveTimeout),
            ..
        } => return "swarm.ConnectionClosed.KeepAliveTimeout".into(),
        Swarm::ConnectionClosed {
            cause: Some(Closed::Io(_)),
            ..
        } => return "swarm.ConnectionClosed.IO".into(),
        Swarm::ConnectionClosed {
            cause: Some(Closed::Handler(_)),
            ..
        } => return "swarm.ConnectionClosed.Handler".into(),
        Swarm::ListenerClosed { error: Some(_), .. } => return "swarm.ListenerClosed.Err".into(),
        Swarm::OutgoingConnectionError { error, .. } => {
            return ["swarm.OutgoingConnectionError.", error.variant()].concat()
        }
        Swarm::IncomingConnectionError { error, .. } => {
            return ["swarm.IncomingConnectionError.", error.variant()].concat()
        }
        Swarm::DialError(error) => return ["swarm.DialError.", error.variant()].concat(),
        Swarm::DialAttemptError(_) => return "swarm.DialError.Transport".into(),
        Swarm::TransportError(leaf) => {
            let variant = match leaf.cause {
                super::transport::Cause::MultiaddrNotSupported { .. } => "MultiaddrNotSupported",
                _ => "Other",
            };
            return format!("swarm.TransportError.{variant}");
        }
        Swarm::ConnectionEstablished { .. } => "ConnectionEstablished",
        Swarm::ConnectionClosed { .. } => "ConnectionClosed",
        Swarm::IncomingConnection { .. } => "IncomingConnection",
        Swarm::NewListenAddr { .. } => "NewListenAddr",
        Swarm::ExpiredListenAddr { .. } => "ExpiredListenAddr",
        Swarm::ListenerClosed { .. } => "ListenerClosed",
        Swarm::ListenerError { .. } => "ListenerError",
        Swarm::Dialing { .. } => "Dialing",
        Swarm::NewExternalAddrCandidate { .. } => "NewExternalAddrCandidate",
        Swarm::ExternalAddrConfirmed { .. } => "ExternalAddrConfirmed",
        Swarm::ExternalAddrExpired { .. } => "ExternalAddrExpired",
        Swarm::NewExternalAddrOfPeer { .. } => "NewExternalAddrOfPeer",
    };
    // one exact allocation (`format!` grows its buffer for these)
    ["swarm.", tail].concat()
}

/// `ConnectionId(7)`, `ListenerId(1)` → 7, 1.
fn id(v: &Value<'_>, field: &str) -> Option<u64> {
    v.field(field)?.only()?.as_u64()
}

pub(super) fn addr(v: &Value<'_>, field: &str) -> Option<Addr> {
    Addr::from_value(v.field(field)?)
}

/// `Some(PeerId(".."))` / `None` → the id, if any.
fn optional_peer(v: Option<&Value<'_>>) -> Option<String> {
    let v = v?;
    match v.name() {
        Some("Some") => peer_id(v.only()?),
        _ => peer_id(v),
    }
}

fn event(name: &str, v: &Value<'_>) -> Option<Swarm> {
    let connection = id(v, "connection_id");
    let listener = id(v, "listener_id");
    Some(match name {
        "ConnectionEstablished" => Swarm::ConnectionEstablished {
            peer: peer_id(v.field("peer_id")?)?,
            connection,
            endpoint: v.field("endpoint").and_then(endpoint),
            num_established: v.field("num_established").and_then(Value::as_u64),
            dial_errors: v
                .field("concurrent_dial_errors")
                .and_then(Value::only)
                .map(addr_errors)
                .unwrap_or_default(),
            established_in: v.field("established_in").and_then(duration_value),
        },
        "ConnectionClosed" => Swarm::ConnectionClosed {
            peer: peer_id(v.field("peer_id")?)?,
            connection,
            endpoint: v.field("endpoint").and_then(endpoint),
            num_established: v.field("num_established").and_then(Value::as_u64),
            cause: v.field("cause").and_then(Value::only).map(closed),
        },
        "IncomingConnection" => Swarm::IncomingConnection {
            connection,
            local: addr(v, "local_addr"),
            send_back: addr(v, "send_back_addr"),
        },
        "IncomingConnectionError" => Swarm::IncomingConnectionError {
            connection,
            local: addr(v, "local_addr"),
            send_back: addr(v, "send_back_addr"),
            error: listen_error(v.field("error")?)?,
            peer: optional_peer(v.field("peer_id")),
        },
        "OutgoingConnectionError" => Swarm::OutgoingConnectionError {
            connection,
            peer: optional_peer(v.field("peer_id")),
            error: dial_error(v.field("error")?)?,
        },
        "NewListenAddr" => Swarm::NewListenAddr {
            listener,
            address: addr(v, "address")?,
        },
        "ExpiredListenAddr" => Swarm::ExpiredListenAddr {
            listener,
            address: addr(v, "address")?,
        },
        "ListenerClosed" => {
            let reason = v.field("reason")?;
            Swarm::ListenerClosed {
                listener,
                addresses: v
                    .field("addresses")
                    .map(|a| a.items().iter().filter_map(Addr::from_value).collect())
                    .unwrap_or_default(),
                error: match reason.name() {
                    Some("Err") => Some(leaf(reason.only()?)),
                    _ => None,
                },
            }
        }
        "ListenerError" => Swarm::ListenerError {
            listener,
            error: leaf(v.field("error")?),
        },
        "Dialing" => Swarm::Dialing {
            peer: optional_peer(v.field("peer_id")),
            connection,
        },
        "NewExternalAddrCandidate" => Swarm::NewExternalAddrCandidate {
            address: addr(v, "address")?,
        },
        "ExternalAddrConfirmed" => Swarm::ExternalAddrConfirmed {
            address: addr(v, "address")?,
        },
        "ExternalAddrExpired" => Swarm::ExternalAddrExpired {
            address: addr(v, "address")?,
        },
        "NewExternalAddrOfPeer" => Swarm::NewExternalAddrOfPeer {
            peer: peer_id(v.field("peer_id")?)?,
            address: addr(v, "address")?,
        },
        _ => return None,
    })
}

// `Dialer { address, role_override, port_use }` (no `port_use` in 0.53),
// `Listener { local_addr, send_back_addr }`
fn endpoint(v: &Value<'_>) -> Option<Endpoint> {
    match v.name()? {
        "Dialer" => Some(Endpoint::Dialer {
            address: addr(v, "address")?,
            hole_punched: v.field("role_override").and_then(Value::name) == Some("Listener"),
        }),
        "Listener" => Some(Endpoint::Listener {
            local: addr(v, "local_addr")?,
            send_back: addr(v, "send_back_addr")?,
        }),
        _ => None,
    }
}

/// The address of an endpoint: the dialled one, or the remote's for a listener.
pub(super) fn endpoint_address(v: &Value<'_>) -> Option<Addr> {
    match endpoint(v)? {
        Endpoint::Dialer { address, .. } => Some(address),
        Endpoint::Listener { send_back, .. } => Some(send_back),
    }
}
