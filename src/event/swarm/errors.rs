//! The errors inside swarm events: `DialError`, `ListenError`, `ConnectionError`
//! and `ConnectionDenied`'s inner errors (connection-limits, memory limits,
//! allow/block list), read into owned values. Transport errors inside them go
//! to [`super::super::transport::leaf`].

use super::super::transport::{leaf, leaf_established, Addr, Leaf};
use super::super::util::peer_id;
use super::{addr, endpoint_address};
use crate::debugfmt::{Kind, Value};

/// One address of a failed dial and why it failed.
#[derive(Clone, Debug, PartialEq)]
pub struct AddrError {
    pub address: Addr,
    pub leaf: Leaf,
}

/// `DialError`.
#[derive(Clone, Debug, PartialEq)]
pub enum DialErr {
    LocalPeerId {
        address: Option<Addr>,
    },
    NoAddresses,
    /// The `PeerCondition` that was false: `Disconnected`, `NotDialing`, …
    DialPeerConditionFalse(String),
    Aborted,
    WrongPeerId {
        obtained: String,
        address: Option<Addr>,
    },
    Denied(Denial),
    Transport(Vec<AddrError>),
}

impl DialErr {
    /// The first address the error names, if any.
    pub fn first_address(&self) -> Option<&str> {
        match self {
            DialErr::Transport(list) => list.first().map(|a| a.address.text.as_str()),
            DialErr::WrongPeerId { address, .. } | DialErr::LocalPeerId { address } => {
                address.as_ref().map(|a| a.text.as_str())
            }
            _ => None,
        }
    }

    /// The variant name.
    pub fn variant(&self) -> &'static str {
        match self {
            DialErr::LocalPeerId { .. } => "LocalPeerId",
            DialErr::NoAddresses => "NoAddresses",
            DialErr::DialPeerConditionFalse(_) => "DialPeerConditionFalse",
            DialErr::Aborted => "Aborted",
            DialErr::WrongPeerId { .. } => "WrongPeerId",
            DialErr::Denied(_) => "Denied",
            DialErr::Transport(_) => "Transport",
        }
    }
}

/// `ListenError`.
#[derive(Clone, Debug, PartialEq)]
pub enum ListenErr {
    Aborted,
    WrongPeerId {
        obtained: String,
        address: Option<Addr>,
    },
    LocalPeerId {
        address: Option<Addr>,
    },
    Denied(Denial),
    Transport(Leaf),
}

impl ListenErr {
    pub fn variant(&self) -> &'static str {
        match self {
            ListenErr::Aborted => "Aborted",
            ListenErr::WrongPeerId { .. } => "WrongPeerId",
            ListenErr::LocalPeerId { .. } => "LocalPeerId",
            ListenErr::Denied(_) => "Denied",
            ListenErr::Transport(_) => "Transport",
        }
    }
}

/// The inner error of `ConnectionDenied { inner }`.
#[derive(Clone, Debug, PartialEq)]
pub enum Denial {
    /// connection-limits `Exceeded { limit, kind }`; kind is `EstablishedPerPeer`, …
    Limit { kind: String, limit: Option<u64> },
    /// memory-connection-limits `MemoryUsageLimitExceeded { .. }`.
    Memory { used: Option<u64>, max: Option<u64> },
    /// allow-block-list `Blocked { peer }`.
    Blocked { peer: Option<String> },
    /// allow-block-list `NotAllowed { peer }`.
    NotAllowed { peer: Option<String> },
    /// Another behaviour's error: its Debug text.
    Other(String),
}

impl Denial {
    /// A connection-limits limit on incoming connections (`PendingIncoming`,
    /// `EstablishedIncoming`).
    pub fn is_incoming_limit(&self) -> bool {
        matches!(self, Denial::Limit { kind, .. } if kind.ends_with("Incoming"))
    }
}

/// `ConnectionError`: why an open connection closed.
#[derive(Clone, Debug, PartialEq)]
pub enum Closed {
    KeepAliveTimeout,
    Io(Leaf),
    /// libp2p 0.52 and older: a protocol handler closed the connection
    /// with its error (`Handler(Left(Apply(Right(NoAddressesInReservation))))`,
    /// libp2p-swarm 0.43 connection/error.rs:37); the error without the
    /// `Either` and upgrade wrappers, as written.
    Handler(String),
}

// `[(/ip4/../tcp/1, Other(Custom { .. })), ..]`
pub(in crate::event) fn addr_errors(list: &Value<'_>) -> Vec<AddrError> {
    let items = list.items();
    let mut out = Vec::new();
    for (k, item) in items.iter().enumerate() {
        match (item.items(), &item.kind) {
            ([a, e], _) => {
                // a paste may elide the address (`(..., HandshakeTimedOut)`)
                let address = match a.kind {
                    Kind::Elided(marker) => Addr::elided(marker),
                    _ => match Addr::from_value(a) {
                        Some(address) => address,
                        None => continue,
                    },
                };
                out.push(AddrError {
                    address,
                    leaf: leaf(e),
                });
            }
            // or the pair itself, its cause after it: `[..., Timeout]`
            (_, Kind::Elided(marker)) => {
                if let Some(cause) = items.get(k + 1).filter(|c| c.items().len() != 2) {
                    out.push(AddrError {
                        address: Addr::elided(marker),
                        leaf: leaf(cause),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

// `address: ..` (0.56+) or `endpoint: Dialer { address, .. }` (≤ 0.55)
fn error_address(v: &Value<'_>) -> Option<Addr> {
    addr(v, "address").or_else(|| v.field("endpoint").and_then(endpoint_address))
}

/// Reads a `DialError` value.
pub fn dial_error(v: &Value<'_>) -> Option<DialErr> {
    Some(match v.name()? {
        "LocalPeerId" => DialErr::LocalPeerId {
            address: error_address(v),
        },
        "NoAddresses" => DialErr::NoAddresses,
        "DialPeerConditionFalse" => {
            DialErr::DialPeerConditionFalse(v.only().and_then(Value::name).unwrap_or("?").into())
        }
        "Aborted" => DialErr::Aborted,
        "WrongPeerId" => DialErr::WrongPeerId {
            obtained: peer_id(v.field("obtained")?)?,
            address: error_address(v),
        },
        "Denied" => DialErr::Denied(denial(v.field("cause")?)),
        "Transport" => DialErr::Transport(addr_errors(v.only()?)),
        _ => return None,
    })
}

/// Reads a `ListenError` value.
pub fn listen_error(v: &Value<'_>) -> Option<ListenErr> {
    Some(match v.name()? {
        "Aborted" => ListenErr::Aborted,
        "WrongPeerId" => ListenErr::WrongPeerId {
            obtained: peer_id(v.field("obtained")?)?,
            address: error_address(v),
        },
        "LocalPeerId" => ListenErr::LocalPeerId {
            address: error_address(v),
        },
        "Denied" => ListenErr::Denied(denial(v.field("cause")?)),
        "Transport" => ListenErr::Transport(leaf(v.only()?)),
        _ => return None,
    })
}

/// Reads a `ConnectionError` value: `KeepAliveTimeout`, `IO(<io::Error>)`
/// or (libp2p 0.52 and older) `Handler(<the handler's error>)`.
pub fn closed(v: &Value<'_>) -> Closed {
    match v.name() {
        Some("KeepAliveTimeout") => Closed::KeepAliveTimeout,
        Some("Handler") if v.only().is_some() => {
            // inside `Handler`, the combined handlers' `Either`s and the
            // upgrade's `Apply` say only which behaviour's handler it was
            let mut err = v;
            while let (Some("Handler" | "Left" | "Right" | "Apply"), Some(inner)) =
                (err.name(), err.only())
            {
                err = inner;
            }
            // (a long error, as its name, or its first 120 bytes: the line
            // stays readable whatever a peer's string in it holds)
            let text = err.compact();
            Closed::Handler(match err.name() {
                Some(name) if text.len() > 120 => format!("{name}(..)"),
                _ => crate::input::clip_at(&text, 120).into_owned(),
            })
        }
        _ => Closed::Io(leaf_established(v)),
    }
}

// `ConnectionDenied { inner: Exceeded { limit: 1, kind: EstablishedPerPeer } }`
fn denial(v: &Value<'_>) -> Denial {
    let inner = v.field("inner").unwrap_or(v);
    let peer = || inner.field("peer").and_then(peer_id);
    match inner.name() {
        Some("Exceeded") => Denial::Limit {
            kind: inner
                .field("kind")
                .and_then(Value::name)
                .unwrap_or("?")
                .into(),
            limit: inner.field("limit").and_then(Value::as_u64),
        },
        Some("MemoryUsageLimitExceeded") => Denial::Memory {
            used: inner
                .field("process_physical_memory_bytes")
                .and_then(Value::as_u64),
            max: inner.field("max_allowed_bytes").and_then(Value::as_u64),
        },
        Some("Blocked") => Denial::Blocked { peer: peer() },
        Some("NotAllowed") => Denial::NotAllowed { peer: peer() },
        _ => Denial::Other(inner.compact()),
    }
}
