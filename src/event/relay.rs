//! Circuit relay v2 (`libp2p-relay` 0.17–0.22; reference §10). The server's
//! `relay::Event` (`ReservationReq*`, `Reservation*`, `CircuitReq*`,
//! `CircuitClosed`, `StatusChanged` since 0.22) and the client's
//! `relay::client::Event` (`ReservationReqAccepted { relay_peer_id, .. }`,
//! `OutboundCircuitEstablished`, `InboundCircuitEstablished`). Both have a
//! `ReservationReqAccepted`: the server's names `src_peer_id`, the client's
//! `relay_peer_id`. Kinds: `relay.<Variant>` for the server, `relay.client.<Variant>`
//! for the client. A failed reservation has no relay event: it closes the relay
//! listener (`swarm.ListenerClosed.Err`).
//!
//! Versions: up to relay 0.19 (libp2p 0.55) `ReservationReqDenied` and
//! `CircuitReqDenied` have no `status`, and `ReservationClosed`/`StatusChanged`
//! do not exist.

use super::transport::{leaf, Leaf};
use super::util::peer_id;
use crate::debugfmt::Value;

const SERVER: &[&str] = &[
    "ReservationReqAccepted",
    "ReservationReqAcceptFailed",
    "ReservationReqDenied",
    "ReservationReqDenyFailed",
    "ReservationClosed",
    "ReservationTimedOut",
    "CircuitReqDenied",
    "CircuitReqDenyFailed",
    "CircuitReqAccepted",
    "CircuitReqOutboundConnectFailed",
    "CircuitReqAcceptFailed",
    "CircuitClosed",
    "StatusChanged",
];
const CLIENT: &[&str] = &[
    "ReservationReqAccepted",
    "OutboundCircuitEstablished",
    "InboundCircuitEstablished",
];

pub fn kinds() -> Vec<String> {
    let server = SERVER.iter().map(|e| format!("relay.{e}"));
    server
        .chain(CLIENT.iter().map(|e| format!("relay.client.{e}")))
        .collect()
}

#[derive(Clone, Debug, PartialEq)]
pub struct Relay {
    /// `true` for `relay::client::Event`.
    pub client: bool,
    pub variant: String,
    /// The client that asked (server events), or the remote end of an inbound circuit.
    pub src: Option<String>,
    /// The circuit's destination (server circuit events).
    pub dst: Option<String>,
    /// The relay (client events).
    pub relay: Option<String>,
    /// `renewed`/`renewal`.
    pub renewed: Option<bool>,
    /// `StatusCode` of a denial, or the server's `Status` (`Enable`/`Disable`).
    pub status: Option<String>,
    /// The error of the `*Failed` variants and `CircuitClosed { error: Some(..) }`.
    pub error: Option<Leaf>,
    /// The circuit limit: (`duration` in ns, `data_in_bytes`).
    pub limit: Option<(Option<u128>, Option<u64>)>,
}

impl Relay {
    /// The client (server events) or the relay (client events).
    pub fn subject(&self) -> Option<&str> {
        self.relay.as_deref().or(self.src.as_deref())
    }
}

pub fn recognize(v: &Value<'_>) -> Option<(String, Relay)> {
    let name = v.name()?;
    let peer = |f| v.field(f).and_then(peer_id);
    let client = v.field("relay_peer_id").is_some() || v.field("limit").is_some();
    let known = if client {
        CLIENT.contains(&name)
    } else {
        SERVER.contains(&name)
    };
    if !known {
        return None;
    }
    let (src, dst, relay) = (
        peer("src_peer_id"),
        peer("dst_peer_id"),
        peer("relay_peer_id"),
    );
    // every variant but `StatusChanged` names a peer
    if src.is_none() && relay.is_none() && name != "StatusChanged" {
        return None;
    }
    let status = v.field("status").and_then(Value::name).map(str::to_owned);
    if name == "StatusChanged" && status.is_none() {
        return None;
    }
    let error = v.field("error").and_then(|e| match e.name() {
        Some("None") => None,
        _ => Some(leaf(e)),
    });
    let event = Relay {
        client,
        variant: name.into(),
        src,
        dst,
        relay,
        renewed: v
            .field("renewed")
            .or(v.field("renewal"))
            .and_then(|b| b.text())
            .map(|t| t == "true"),
        status,
        error,
        limit: v.field("limit").and_then(Value::only).map(limit),
    };
    let kind = if client {
        format!("relay.client.{name}")
    } else {
        format!("relay.{name}")
    };
    Some((kind, event))
}

// `Limit { duration: Some(120s), data_in_bytes: Some(131072) }`
fn limit(v: &Value<'_>) -> (Option<u128>, Option<u64>) {
    let inner = |f| v.field(f).and_then(Value::only);
    (
        inner("duration").and_then(super::time::duration_value),
        inner("data_in_bytes").and_then(Value::as_u64),
    )
}
