//! Rendezvous (`libp2p-rendezvous` 0.14–0.18, identical shapes; reference §8):
//! the client's `Discovered`, `DiscoverFailed`, `Registered`, `RegisterFailed`,
//! `Expired`; the server's `DiscoverServed`, `DiscoverNotServed`,
//! `PeerRegistered`, `PeerNotRegistered`, `PeerUnregistered`,
//! `RegistrationExpired`. (`register()`'s `NoExternalAddresses`, a unit an app
//! logs, is recognised by `grammars/messages/api.json`.) Error codes (`Unavailable`, `InvalidTtl`, …) are facts of the event,
//! not part of its kind.

use super::transport::Addr;
use super::util::peer_id;
use crate::debugfmt::Value;

const CLIENT: &[&str] = &[
    "Discovered",
    "DiscoverFailed",
    "Registered",
    "RegisterFailed",
    "Expired",
];
const SERVER: &[&str] = &[
    "DiscoverServed",
    "DiscoverNotServed",
    "PeerRegistered",
    "PeerNotRegistered",
    "PeerUnregistered",
    "RegistrationExpired",
];

pub fn kinds() -> Vec<String> {
    CLIENT
        .iter()
        .chain(SERVER)
        .map(|e| format!("rendezvous.{e}"))
        .collect()
}

pub fn is_event_name(name: &str) -> bool {
    name == "RegistrationExpired"
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rendezvous {
    /// The variant: `RegisterFailed`, `Discovered`, …
    pub variant: String,
    /// The other side: the rendezvous node (client events), the enquirer or
    /// registering peer (server events), the expired peer.
    pub peer: Option<String>,
    pub namespace: Option<String>,
    /// `ErrorCode` of the failure variants.
    pub error: Option<String>,
    pub ttl: Option<u64>,
    pub registrations: Vec<Registration>,
}

/// One `Registration { namespace, record: PeerRecord { peer_id, addresses, .. }, ttl }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Registration {
    pub namespace: Option<String>,
    pub peer: Option<String>,
    pub addresses: Vec<Addr>,
    pub ttl: Option<u64>,
}

pub fn recognize(v: &Value<'_>) -> Option<(String, Rendezvous)> {
    let name = v.name()?;
    let peer_field = match name {
        "Discovered" | "DiscoverFailed" | "Registered" | "RegisterFailed" => "rendezvous_node",
        "Expired" | "PeerRegistered" | "PeerNotRegistered" | "PeerUnregistered" => "peer",
        "DiscoverServed" | "DiscoverNotServed" => "enquirer",
        "RegistrationExpired" => "",
        _ => return None,
    };
    let peer = v.field(peer_field).and_then(peer_id);
    if !peer_field.is_empty() && peer.is_none() {
        return None;
    }
    let registrations = match name {
        "Discovered" | "DiscoverServed" => v
            .field("registrations")?
            .items()
            .iter()
            .map(registration)
            .collect(),
        "PeerRegistered" => vec![registration(v.field("registration")?)],
        "RegistrationExpired" => vec![registration(v.only()?)],
        _ => Vec::new(),
    };
    let event = Rendezvous {
        variant: name.into(),
        peer,
        namespace: v.field("namespace").and_then(namespace),
        error: v.field("error").and_then(Value::name).map(str::to_owned),
        ttl: v.field("ttl").and_then(Value::as_u64),
        registrations,
    };
    Some((format!("rendezvous.{name}"), event))
}

/// `Namespace("llama")`, or `Some(Namespace(..))`.
fn namespace(v: &Value<'_>) -> Option<String> {
    let v = if v.name() == Some("Some") {
        v.only()?
    } else {
        v
    };
    v.only()?.text().map(|t| t.into_owned())
}

fn registration(v: &Value<'_>) -> Registration {
    let record = v.field("record");
    Registration {
        namespace: v.field("namespace").and_then(namespace),
        peer: record.and_then(|r| r.field("peer_id")).and_then(peer_id),
        addresses: record
            .and_then(|r| r.field("addresses"))
            .map(|a| a.items().iter().filter_map(Addr::from_value).collect())
            .unwrap_or_default(),
        ttl: v.field("ttl").and_then(Value::as_u64),
    }
}
