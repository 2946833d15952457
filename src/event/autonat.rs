//! AutoNAT (reference §9). v1 (`libp2p-autonat` 0.12–0.16, the crate root's
//! API): `InboundProbe(Request | Response | Error)`, `OutboundProbe(Request |
//! Response | Error)`, `StatusChanged { old, new }`. v2 (libp2p ≥ 0.54): the
//! client's `Event { tested_addr, bytes_sent, server, result }` and the server's
//! `Event { all_addrs, tested_addr, client, data_amount, result }`.
//!
//! Kinds: `autonat.<InboundProbe|OutboundProbe>.<Request|Response>`,
//! `autonat.<..>Probe.Error.<error variant>`, `autonat.StatusChanged.<new
//! status>`, `autonat.v2.<Client|Server>.<Ok|error>`.

use super::transport::Addr;
use super::util::peer_id;
use crate::debugfmt::Value;

const OUTBOUND_ERRORS: &[&str] = &["NoServer", "NoAddresses", "OutboundRequest", "Response"];
const INBOUND_ERRORS: &[&str] = &["InboundRequest", "Response"];

pub fn kinds() -> Vec<String> {
    let mut all = Vec::new();
    for probe in ["InboundProbe", "OutboundProbe"] {
        all.push(format!("autonat.{probe}.Request"));
        all.push(format!("autonat.{probe}.Response"));
    }
    all.extend(
        INBOUND_ERRORS
            .iter()
            .map(|e| format!("autonat.InboundProbe.Error.{e}")),
    );
    all.extend(
        OUTBOUND_ERRORS
            .iter()
            .map(|e| format!("autonat.OutboundProbe.Error.{e}")),
    );
    all.extend(["Public", "Private", "Unknown"].map(|s| format!("autonat.StatusChanged.{s}")));
    all.extend(
        [
            "Client.Ok",
            "Client.NoConnection",
            "Client.StreamFailed",
            "Server.Ok",
            "Server.Err",
        ]
        .map(|s| format!("autonat.v2.{s}")),
    );
    all
}

pub fn is_event_name(name: &str) -> bool {
    matches!(name, "InboundProbe" | "OutboundProbe")
}

#[derive(Clone, Debug, PartialEq)]
pub enum Autonat {
    /// v1 `InboundProbe(..)` (`outbound: false`) or `OutboundProbe(..)`.
    Probe {
        outbound: bool,
        /// `Request`, `Response` or `Error`.
        step: String,
        peer: Option<String>,
        /// The address a `Response` confirmed (or the probe asked about).
        address: Option<Addr>,
        /// For `Error`: the error variant (`NoServer`, `Response`, …) and the
        /// variant inside it, if any (`DialError`, `Timeout`, …).
        error: Option<(String, Option<String>)>,
    },
    /// v1 `StatusChanged { old, new }`: `Public(addr)`, `Private`, `Unknown`.
    StatusChanged {
        old: String,
        new: String,
        address: Option<Addr>,
    },
    /// v2 client: was `tested_addr` reachable from `server`?
    Client {
        tested: Option<Addr>,
        server: Option<String>,
        bytes_sent: Option<u64>,
        /// `None` for `Ok(())`, else `NoConnection` / `StreamFailed`.
        error: Option<String>,
    },
    /// v2 server: this node tested a `client`'s address.
    Server {
        tested: Option<Addr>,
        client: Option<String>,
        error: Option<String>,
    },
}

impl Autonat {
    /// The probe's other side.
    pub fn subject(&self) -> Option<&str> {
        match self {
            Autonat::Probe { peer, .. } => peer.as_deref(),
            Autonat::Client { server, .. } => server.as_deref(),
            Autonat::Server { client, .. } => client.as_deref(),
            Autonat::StatusChanged { .. } => None,
        }
    }
}

pub fn recognize(v: &Value<'_>) -> Option<(String, Autonat)> {
    let name = v.name()?;
    let (kind, event) = match name {
        "InboundProbe" | "OutboundProbe" => probe(name, v.only()?)?,
        "StatusChanged" => {
            let (old, new) = (v.field("old")?, v.field("new")?);
            let new_name = new
                .name()
                .filter(|n| matches!(*n, "Public" | "Private" | "Unknown"))?;
            (
                format!("autonat.StatusChanged.{new_name}"),
                Autonat::StatusChanged {
                    old: old.name()?.into(),
                    new: new_name.into(),
                    address: new.only().and_then(Addr::from_value),
                },
            )
        }
        "Event" if v.field("tested_addr").is_some() => v2(v)?,
        // a probe event logged without its `InboundProbe(..)` or
        // `OutboundProbe(..)` (rust-libp2p issue 3986), when its fields
        // tell which: the server's request lists the addresses to dial
        // back, the client's error may have no peer (as_server.rs:51-75,
        // as_client.rs:57-81 in libp2p-autonat 0.16); a `Response` has the
        // same fields on both sides, so it stays unknown
        "Request" | "Error" if is_probe(v) => {
            let peer = v.field("peer").and_then(Value::name);
            let outbound = match name {
                "Request" => v.field("addresses").is_none(),
                _ => matches!(peer, Some("Some" | "None")),
            };
            probe(
                if outbound {
                    "OutboundProbe"
                } else {
                    "InboundProbe"
                },
                v,
            )?
        }
        // a probe's error logged alone, as an app prints the `error` of
        // `OutboundProbe(Error { probe_id, peer, error })`: its variant
        // names no other libp2p type with a request-response failure in it
        // (libp2p-autonat 0.16 v1/behaviour/as_client.rs:43-55,
        // as_server.rs:43-48; libp2p-request-response 0.30 lib.rs:178-235)
        "OutboundRequest" | "InboundRequest" => {
            let failure = v.only()?.name()?;
            let outbound = name == "OutboundRequest";
            let variants: &[&str] = if outbound {
                &OUTBOUND_FAILURES
            } else {
                &INBOUND_FAILURES
            };
            variants.contains(&failure).then_some(())?;
            let probe = if outbound {
                "OutboundProbe"
            } else {
                "InboundProbe"
            };
            (
                format!("autonat.{probe}.Error.{name}"),
                Autonat::Probe {
                    outbound,
                    step: "Error".into(),
                    peer: None,
                    address: None,
                    error: Some((name.into(), Some(failure.into()))),
                },
            )
        }
        _ => return None,
    };
    Some((kind, event))
}

/// request-response's `OutboundFailure` and `InboundFailure` variants
/// (libp2p-request-response 0.30 lib.rs:178-195 and 218-235).
const OUTBOUND_FAILURES: [&str; 5] = [
    "DialFailure",
    "Timeout",
    "ConnectionClosed",
    "UnsupportedProtocols",
    "Io",
];
const INBOUND_FAILURES: [&str; 5] = [
    "Timeout",
    "ConnectionClosed",
    "UnsupportedProtocols",
    "ResponseOmission",
    "Io",
];

/// A probe event's own fields: `probe_id: ProbeId(n)` and a `peer` that is
/// a `PeerId(..)`, or for the client's error `Some(PeerId(..))` or `None`.
fn is_probe(v: &Value<'_>) -> bool {
    let id = v.field("probe_id").and_then(Value::name) == Some("ProbeId");
    let peer = v.field("peer").and_then(Value::name);
    id && matches!(peer, Some("PeerId" | "Some" | "None"))
}

// `Request { probe_id, peer, addresses }`, `Response { probe_id, peer, address }`,
// `Error { probe_id, peer, error }`
fn probe(name: &str, p: &Value<'_>) -> Option<(String, Autonat)> {
    let step = p
        .name()
        .filter(|s| matches!(*s, "Request" | "Response" | "Error"))?;
    p.field("probe_id")?;
    let peer = p.field("peer").and_then(|peer| match peer.name() {
        Some("Some") => peer.only().and_then(peer_id),
        _ => peer_id(peer),
    });
    let address = p.field("address").and_then(Addr::from_value).or_else(|| {
        p.field("addresses")?
            .items()
            .first()
            .and_then(Addr::from_value)
    });
    let error = p.field("error").and_then(|e| {
        let variant = e.name()?.to_owned();
        Some((variant, e.only().and_then(Value::name).map(str::to_owned)))
    });
    let kind = match &error {
        Some((variant, _)) => format!("autonat.{name}.Error.{variant}"),
        None => format!("autonat.{name}.{step}"),
    };
    let known = match (name, &error) {
        (_, None) => step != "Error",
        ("OutboundProbe", Some((e, _))) => OUTBOUND_ERRORS.contains(&e.as_str()),
        (_, Some((e, _))) => INBOUND_ERRORS.contains(&e.as_str()),
    };
    known.then(|| {
        (
            kind,
            Autonat::Probe {
                outbound: name == "OutboundProbe",
                step: step.into(),
                peer,
                address,
                error,
            },
        )
    })
}

// client `Event { tested_addr, bytes_sent, server, result }`,
// server `Event { all_addrs, tested_addr, client, data_amount, result }`
fn v2(v: &Value<'_>) -> Option<(String, Autonat)> {
    let result = v.field("result")?;
    let error = match result.name()? {
        "Ok" => None,
        "Err" => Some(
            result
                .only()
                .and_then(Value::name)
                .unwrap_or("Err")
                .to_owned(),
        ),
        _ => return None,
    };
    let tested = v.field("tested_addr").and_then(Addr::from_value);
    if let Some(server) = v.field("server") {
        let kind = match error.as_deref() {
            None => "autonat.v2.Client.Ok".to_owned(),
            Some(e @ ("NoConnection" | "StreamFailed")) => format!("autonat.v2.Client.{e}"),
            Some(_) => return None,
        };
        let event = Autonat::Client {
            tested,
            server: peer_id(server),
            bytes_sent: v.field("bytes_sent").and_then(Value::as_u64),
            error,
        };
        return Some((kind, event));
    }
    let client = peer_id(v.field("client")?);
    let kind = if error.is_some() {
        "autonat.v2.Server.Err"
    } else {
        "autonat.v2.Server.Ok"
    };
    Some((
        kind.into(),
        Autonat::Server {
            tested,
            client,
            error,
        },
    ))
}
