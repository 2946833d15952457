//! Kademlia (`libp2p-kad` 0.45–0.49, libp2p 0.53–0.57): every `kad::Event`
//! variant, every `QueryResult` with its Ok and Err types, `QueryStats` and
//! `ProgressStep` (reference §3). Shapes are identical across these versions but
//! for `GetClosestPeers`' peers (`[PeerId]` in 0.53, `[PeerInfo]` since 0.54) and
//! `GetRecord`'s never-emitted `QuorumFailed` (removed in 0.57).

use super::time::{elapsed, Instant};
use super::util::{complete_items, peer_id, peer_ids, RecordKey};
use crate::debugfmt::{Kind, Value};

/// The variant names of `kad::Event`.
const EVENTS: &[&str] = &[
    "OutboundQueryProgressed",
    "InboundRequest",
    "RoutingUpdated",
    "UnroutablePeer",
    "RoutablePeer",
    "PendingRoutablePeer",
    "ModeChanged",
];

/// The variant names of `kad::QueryResult`.
pub const QUERY_TYPES: &[&str] = &[
    "Bootstrap",
    "GetClosestPeers",
    "GetProviders",
    "StartProviding",
    "RepublishProvider",
    "GetRecord",
    "PutRecord",
    "RepublishRecord",
];

/// The variants of `kad::InboundRequest`.
const INBOUND_REQUESTS: &[&str] = &[
    "FindNode",
    "GetProvider",
    "AddProvider",
    "GetRecord",
    "PutRecord",
];

/// The error variants of the query results (`GetRecord`'s `QuorumFailed` is the
/// pre-0.57 one that libp2p declared but never emitted).
const ERRORS: &[&str] = &["QuorumFailed", "Timeout", "NotFound"];

/// Every kad kind id p2plog can produce.
pub fn kinds() -> Vec<String> {
    let outcomes: &[(&str, &[&str])] = &[
        ("Bootstrap", &["Ok", "Timeout"]),
        ("GetClosestPeers", &["Ok", "Timeout"]),
        (
            "GetProviders",
            &[
                "FoundProviders",
                "FinishedWithNoAdditionalRecord",
                "Timeout",
            ],
        ),
        ("StartProviding", &["Ok", "Timeout"]),
        ("RepublishProvider", &["Ok", "Timeout"]),
        (
            "GetRecord",
            &[
                "FoundRecord",
                "FinishedWithNoAdditionalRecord",
                "NotFound",
                "Timeout",
                "QuorumFailed",
            ],
        ),
        ("PutRecord", &["Ok", "QuorumFailed", "Timeout"]),
        ("RepublishRecord", &["Ok", "QuorumFailed", "Timeout"]),
    ];
    let queries = outcomes
        .iter()
        .flat_map(|(q, outs)| outs.iter().map(move |o| format!("kad.{q}.{o}")));
    let inbound = INBOUND_REQUESTS
        .iter()
        .map(|r| format!("kad.InboundRequest.{r}"));
    let events = EVENTS[2..].iter().map(|e| format!("kad.{e}"));
    queries.chain(inbound).chain(events).collect()
}

pub fn is_event_name(name: &str) -> bool {
    EVENTS.contains(&name)
}

/// A kad event.
#[derive(Clone, Debug, PartialEq)]
pub enum Kad {
    /// `OutboundQueryProgressed`, or a bare `QueryResult`/error an app logged.
    Query(Box<Query>),
    InboundRequest {
        /// `FindNode`, `GetProvider`, `AddProvider`, `GetRecord`, `PutRecord`.
        request: String,
        num_closer_peers: Option<u64>,
        /// `GetRecord`'s `present_locally`.
        present_locally: Option<bool>,
    },
    RoutingUpdated {
        peer: String,
        is_new_peer: bool,
        addresses: usize,
        old_peer: Option<String>,
    },
    UnroutablePeer {
        peer: String,
    },
    RoutablePeer {
        peer: String,
        address: Option<String>,
    },
    PendingRoutablePeer {
        peer: String,
        address: Option<String>,
    },
    ModeChanged {
        /// `Client` or `Server`.
        mode: String,
    },
}

impl Kad {
    /// The peer an event is about: the routing-table peer, or a query's key.
    pub fn subject(&self) -> Option<&str> {
        match self {
            Kad::RoutingUpdated { peer, .. }
            | Kad::UnroutablePeer { peer }
            | Kad::RoutablePeer { peer, .. }
            | Kad::PendingRoutablePeer { peer, .. } => Some(peer),
            Kad::Query(q) => q.key.as_ref().map(|k| k.text.as_str()),
            Kad::InboundRequest { .. } | Kad::ModeChanged { .. } => None,
        }
    }
}

/// One progress report (or the end) of a query this node started.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pub id: Option<u64>,
    /// The `QueryResult` variant: `PutRecord`, `GetRecord`, `Bootstrap`, …
    pub query_type: String,
    /// Whether the result is `Ok`.
    pub ok: bool,
    /// The kind id's last part: `Ok` for `XOk` structs, else the variant
    /// (`FoundRecord`, `FinishedWithNoAdditionalRecord`, `FoundProviders`,
    /// `QuorumFailed`, `Timeout`, `NotFound`).
    pub outcome: String,
    pub key: Option<RecordKey>,
    /// The evaluated quorum of a PutRecord/RepublishRecord error.
    pub quorum: Option<u64>,
    /// Peers that confirmed storing the record (PutRecord/RepublishRecord errors).
    pub confirmations: Option<usize>,
    /// Peers a lookup returned: `GetClosestPeers` peers, `NotFound`'s and
    /// `GetProviders`' `closest_peers`.
    pub peers_found: Option<usize>,
    /// Providers in a `FoundProviders` event.
    pub providers: Option<usize>,
    /// For `FoundRecord`: the peer that had the record; `None` = local store.
    pub found_at: Option<Option<String>>,
    /// `Bootstrap`'s `peer` (own id for the self-lookup, a random id for a
    /// bucket refresh) and `num_remaining`.
    pub bootstrap: Option<(String, Option<u64>)>,
    pub stats: Option<Stats>,
    pub step: Option<Step>,
}

/// `QueryStats`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Stats {
    pub requests: u64,
    pub success: u64,
    pub failure: u64,
    pub start: Option<Instant>,
    pub end: Option<Instant>,
}

impl Stats {
    /// `end − start` in nanoseconds (`QueryStats::duration()`).
    pub fn duration(&self) -> Option<u128> {
        elapsed(self.start, self.end)
    }

    /// Peers contacted that neither answered nor failed (`num_pending()`).
    pub fn pending(&self) -> u64 {
        self.requests.saturating_sub(self.success + self.failure)
    }
}

/// `ProgressStep`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub count: u64,
    pub last: bool,
}

impl Query {
    /// Whether this is the query's last report (or a bare result, which is final).
    pub fn is_final(&self) -> bool {
        self.step.is_none_or(|s| s.last)
    }
}

/// Reads a kad event, returning its kind id and detail.
pub fn recognize(v: &Value<'_>) -> Option<(String, Kad)> {
    let name = v.name()?;
    let detail = match name {
        "OutboundQueryProgressed" => {
            let mut query = query_result(v.field("result")?)?;
            query.id = v.field("id").and_then(Value::only).and_then(Value::as_u64);
            query.stats = v.field("stats").and_then(stats);
            query.step = v.field("step").and_then(step);
            Kad::Query(Box::new(query))
        }
        "InboundRequest" => {
            let request = v.field("request")?;
            let name = request.name().filter(|n| INBOUND_REQUESTS.contains(n))?;
            Kad::InboundRequest {
                request: name.to_owned(),
                num_closer_peers: request.field("num_closer_peers").and_then(Value::as_u64),
                present_locally: request.field("present_locally").and_then(as_bool),
            }
        }
        "RoutingUpdated" => Kad::RoutingUpdated {
            peer: peer_id(v.field("peer")?)?,
            is_new_peer: v.field("is_new_peer").and_then(as_bool)?,
            addresses: v.field("addresses").map_or(0, |a| a.items().len()),
            old_peer: v.field("old_peer").and_then(Value::only).and_then(peer_id),
        },
        "UnroutablePeer" => Kad::UnroutablePeer {
            peer: peer_id(v.field("peer")?)?,
        },
        "RoutablePeer" | "PendingRoutablePeer" => {
            let peer = peer_id(v.field("peer")?)?;
            let address = v.field("address").map(|a| a.compact());
            if name == "RoutablePeer" {
                Kad::RoutablePeer { peer, address }
            } else {
                Kad::PendingRoutablePeer { peer, address }
            }
        }
        "ModeChanged" => Kad::ModeChanged {
            mode: v
                .field("new_mode")?
                .name()
                .filter(|m| matches!(*m, "Client" | "Server"))?
                .to_owned(),
        },
        // an app logging the query result, or its error, on its own
        _ if QUERY_TYPES.contains(&name) => Kad::Query(Box::new(query_result(v)?)),
        "QuorumFailed" if v.field("quorum").is_some() => {
            Kad::Query(Box::new(error_fields(v, "PutRecord", "QuorumFailed")))
        }
        // a bootstrap step's `BootstrapError` alone, `Timeout { peer,
        // num_remaining }`, the only kad `Timeout` with these fields
        // (polkadot-sdk's substrate/client/network/src/discovery.rs logs it
        // as "Libp2p => DHT bootstrap error: {e:?}"; polkadot-sdk issue 7184)
        "Timeout" if v.field("peer").is_some() && v.field("num_remaining").is_some() => {
            Kad::Query(Box::new(error_fields(v, "Bootstrap", "Timeout")))
        }
        // the other query errors alone, as rust-libp2p's
        // distributed-key-value-store example prints them ("Failed to get
        // record: {err:?}", examples/distributed-key-value-store/src/main.rs:123
        // at libp2p-v0.56.0), where their fields tell the query type
        // (kad behaviour.rs:2948-3143): `NotFound { key, closest_peers }` is
        // GetRecord's alone; `Timeout { key, success, quorum }` PutRecord's,
        // `{ key, peers }` GetClosestPeers', `{ key, closest_peers }`
        // GetProviders'. GetRecord's and StartProviding's `Timeout { key }`
        // are the same shape, and stay unread
        "NotFound" if v.field("key").is_some() && v.field("closest_peers").is_some() => {
            Kad::Query(Box::new(error_fields(v, "GetRecord", "NotFound")))
        }
        "Timeout" if v.field("key").is_some() => {
            let query_type = if v.field("success").is_some() && v.field("quorum").is_some() {
                "PutRecord"
            } else if v.field("peers").is_some() {
                "GetClosestPeers"
            } else if v.field("closest_peers").is_some() {
                "GetProviders"
            } else {
                return None;
            };
            Kad::Query(Box::new(error_fields(v, query_type, "Timeout")))
        }
        // or its `Ok` value alone: `BootstrapOk { peer, num_remaining }`
        // (a user's bootstrap log, rust-libp2p issue 2121)
        _ if is_ok_struct(name, v) => Kad::Query(Box::new(ok_result(&name[..name.len() - 2], v))),
        _ => return None,
    };
    Some((kind_id(&detail), detail))
}

/// `PutRecordOk { key }`, `BootstrapOk { .. }`, `GetClosestPeersOk { .. }`:
/// a query type's `Ok` struct, with fields. `GetRecordOk` and
/// `GetProvidersOk` are enums since libp2p 0.50; their structs of 0.49 and
/// older (v0.45.0 kad behaviour.rs:2542) would read backwards.
fn is_ok_struct(name: &str, v: &Value<'_>) -> bool {
    let fields =
        matches!(&v.kind, crate::debugfmt::Kind::Struct { fields, .. } if !fields.is_empty());
    fields && matches!(name, "BootstrapOk" | "PutRecordOk" | "GetClosestPeersOk")
}

fn kind_id(detail: &Kad) -> String {
    match detail {
        Kad::Query(q) => ["kad.", &q.query_type, ".", &q.outcome].concat(),
        Kad::InboundRequest { request, .. } => ["kad.InboundRequest.", request].concat(),
        Kad::RoutingUpdated { .. } => "kad.RoutingUpdated".into(),
        Kad::UnroutablePeer { .. } => "kad.UnroutablePeer".into(),
        Kad::RoutablePeer { .. } => "kad.RoutablePeer".into(),
        Kad::PendingRoutablePeer { .. } => "kad.PendingRoutablePeer".into(),
        Kad::ModeChanged { .. } => "kad.ModeChanged".into(),
    }
}

// `PutRecord(Err(QuorumFailed { .. }))`, `GetRecord(Ok(FoundRecord(..)))`
fn query_result(v: &Value<'_>) -> Option<Query> {
    let query_type = v.name().filter(|n| QUERY_TYPES.contains(n))?;
    let result = v.only()?;
    let inner = result.only()?;
    match result.name()? {
        "Ok" => Some(ok_result(query_type, inner)),
        "Err" => {
            let outcome = inner.name().filter(|n| ERRORS.contains(n))?;
            Some(error_fields(inner, query_type, outcome))
        }
        _ => None,
    }
}

// `PutRecordOk { key }`, `BootstrapOk { peer, num_remaining }`,
// `FoundRecord(PeerRecord { peer, record })`, `FoundProviders { key, providers }`, …
fn ok_result(query_type: &str, inner: &Value<'_>) -> Query {
    let name = inner.name().unwrap_or("Ok");
    let outcome = if name.ends_with("Ok") { "Ok" } else { name };
    let mut q = Query {
        query_type: query_type.to_owned(),
        ok: true,
        outcome: outcome.to_owned(),
        ..Query::default()
    };
    let fields = if name == "FoundRecord" {
        inner.only()
    } else {
        Some(inner)
    };
    let Some(fields) = fields else { return q };
    q.key = fields.field("key").and_then(RecordKey::from_value);
    q.peers_found = fields
        .field("peers")
        .or(fields.field("closest_peers"))
        .and_then(complete_items)
        .map(<[Value]>::len);
    q.providers = fields
        .field("providers")
        .and_then(complete_items)
        .map(<[Value]>::len);
    if name == "FoundRecord" {
        let record = fields.field("record");
        q.key = record
            .and_then(|r| r.field("key"))
            .and_then(RecordKey::from_value);
        // `peer: None` is the local store; a missing (elided) field says nothing
        q.found_at = fields.field("peer").map(|p| p.only().and_then(peer_id));
    }
    if let Some(peer) = fields
        .field("peer")
        .filter(|_| name == "BootstrapOk")
        .and_then(peer_id)
    {
        q.bootstrap = Some((peer, fields.field("num_remaining").and_then(Value::as_u64)));
    }
    q
}

// `QuorumFailed { key, success, quorum }`, `Timeout { key, peers }`,
// `NotFound { key, closest_peers }`, Bootstrap's `Timeout { peer, num_remaining }`
fn error_fields(v: &Value<'_>, query_type: &str, outcome: &str) -> Query {
    let mut q = Query {
        query_type: query_type.to_owned(),
        ok: false,
        outcome: outcome.to_owned(),
        key: v.field("key").and_then(RecordKey::from_value),
        quorum: v.field("quorum").and_then(Value::as_u64),
        confirmations: v
            .field("success")
            .filter(|s| complete_items(s).is_some())
            .map(|s| peer_ids(s).len()),
        peers_found: v
            .field("closest_peers")
            .or(v.field("peers"))
            .and_then(complete_items)
            .map(<[Value]>::len),
        ..Query::default()
    };
    if let Some(peer) = v.field("peer").and_then(peer_id) {
        let remaining = v
            .field("num_remaining")
            .and_then(|n| n.only().or(Some(n)))
            .and_then(Value::as_u64);
        q.bootstrap = Some((peer, remaining));
    }
    q
}

// `QueryStats { requests: 1, success: 0, failure: 1, start: Some(Instant {..}), end: None }`
fn stats(v: &Value<'_>) -> Option<Stats> {
    let instant = |name| {
        v.field(name)
            .and_then(Value::only)
            .and_then(Instant::from_value)
    };
    Some(Stats {
        requests: v.field("requests")?.as_u64()?,
        success: v.field("success")?.as_u64()?,
        failure: v.field("failure")?.as_u64()?,
        start: instant("start"),
        end: instant("end"),
    })
}

// `ProgressStep { count: 1, last: true }`
fn step(v: &Value<'_>) -> Option<Step> {
    Some(Step {
        count: v.field("count")?.as_u64()?,
        last: as_bool(v.field("last")?)?,
    })
}

fn as_bool(v: &Value<'_>) -> Option<bool> {
    match v.kind {
        Kind::Bool(b) => Some(b),
        _ => None,
    }
}
