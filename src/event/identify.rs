//! Identify (`libp2p-identify` 0.44–0.48, libp2p 0.53–0.57; reference §4):
//! `Received`, `Sent`, `Pushed`, `Error`. Since 0.54 every variant has a
//! `connection_id`; 0.53's have none. `Error` carries a
//! `StreamUpgradeError<UpgradeError>`: `Timeout`, `Apply(..)`,
//! `NegotiationFailed`, `Io(..)`.
//!
//! Recognised by variant and fields (`peer_id` plus `info` or `error`), since the
//! derive wrapper hides the protocol.

use super::transport::{leaf, Addr, Leaf};
use super::util::peer_id;
use crate::debugfmt::Value;

const ERRORS: &[&str] = &["Timeout", "Apply", "NegotiationFailed", "Io"];

pub fn kinds() -> Vec<String> {
    let mut all: Vec<String> = ["Received", "Sent", "Pushed"]
        .iter()
        .map(|v| format!("identify.{v}"))
        .collect();
    all.extend(ERRORS.iter().map(|e| format!("identify.Error.{e}")));
    all
}

/// What a peer told about itself (`Info`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Info {
    pub agent_version: Option<String>,
    pub protocol_version: Option<String>,
    pub listen_addrs: Vec<Addr>,
    pub protocols: Vec<String>,
    /// How the remote sees this node.
    pub observed_addr: Option<Addr>,
}

impl Info {
    /// The Kademlia protocols among `protocols` (`/ipfs/kad/1.0.0`, or a
    /// custom name with a `kad` segment: `/myapp/kad/1.0.0`, Substrate's
    /// `/<genesis>/kad`).
    pub fn kad_protocols(&self) -> Vec<&str> {
        self.protocols
            .iter()
            .map(String::as_str)
            .filter(|p| is_kad(p))
            .collect()
    }

    /// Whether any of `protocols` is a Kademlia one (without collecting them:
    /// the network view asks this of every identify).
    pub fn serves_kad(&self) -> bool {
        self.protocols.iter().any(|p| is_kad(p))
    }
}

/// A protocol name with a `kad` segment: `/ipfs/kad/1.0.0`, `/myapp/kad/1.0.0`,
/// `/<genesis>/kad`.
fn is_kad(protocol: &str) -> bool {
    // a prebuilt searcher: most names hold no `kad` at all
    static KAD: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("kad"));
    let bytes = protocol.as_bytes();
    KAD.find_iter(bytes)
        .any(|at| at > 0 && bytes[at - 1] == b'/' && bytes.get(at + 3).is_none_or(|&b| b == b'/'))
}

#[derive(Clone, Debug, PartialEq)]
pub enum Identify {
    /// The remote answered our identify request. `peer` is `None` for the
    /// `Info` an app logged alone (rust-libp2p's identify example prints
    /// `Received {info:?}`), which names no peer.
    Received { peer: Option<String>, info: Info },
    /// We answered the remote's request.
    Sent { peer: String },
    /// We pushed our changed info to the remote.
    Pushed { peer: String, info: Info },
    Error {
        peer: String,
        /// `Timeout`, `Apply`, `NegotiationFailed`, `Io`.
        error: String,
        /// For `Apply(..)`/`Io(..)`: what went wrong inside.
        leaf: Option<Leaf>,
    },
}

impl Identify {
    /// The remote peer.
    pub fn subject(&self) -> Option<&str> {
        match self {
            Identify::Received { peer, .. } => peer.as_deref(),
            Identify::Sent { peer }
            | Identify::Pushed { peer, .. }
            | Identify::Error { peer, .. } => Some(peer),
        }
    }
}

pub fn recognize(v: &Value<'_>) -> Option<(String, Identify)> {
    let name = v.name()?;
    // an `Info` alone, as rust-libp2p's identify example prints it
    // (examples/identify/src/main.rs:71 at libp2p-v0.56.0, `println!("Received
    // {info:?}")`): a peer's answer, whose id the line leaves out. Its own
    // fields tell it from an app's `Info`: a `public_key` and an
    // `observed_addr` (identify's Info, protocols/identify/src/protocol.rs)
    if name == "Info" && v.field("public_key").is_some() && v.field("observed_addr").is_some() {
        let event = Identify::Received {
            peer: None,
            info: info(v)?,
        };
        return Some(("identify.Received".into(), event));
    }
    let peer = peer_id(v.field("peer_id")?)?;
    let event = match name {
        "Received" => Identify::Received {
            peer: Some(peer),
            info: info(v.field("info")?)?,
        },
        "Pushed" => Identify::Pushed {
            peer,
            info: info(v.field("info")?)?,
        },
        // 0.53 `Sent { peer_id }`; since 0.54 `Sent { connection_id, peer_id }`
        "Sent" if v.field("info").is_none() => Identify::Sent { peer },
        "Error" => {
            let error = v.field("error")?;
            let variant = error.name().filter(|n| ERRORS.contains(n))?;
            Identify::Error {
                peer,
                error: variant.into(),
                leaf: error.only().map(leaf),
            }
        }
        _ => return None,
    };
    let kind = match &event {
        Identify::Received { .. } => "identify.Received".into(),
        Identify::Sent { .. } => "identify.Sent".into(),
        Identify::Pushed { .. } => "identify.Pushed".into(),
        Identify::Error { error, .. } => format!("identify.Error.{error}"),
    };
    Some((kind, event))
}

// `"/ipfs/id/1.0.0"`, or the derived Debug of it in libp2p 0.52.0–0.52.3
// (libp2p-swarm 0.43.0–0.43.5; stream_protocol.rs:10 at libp2p-v0.52.3, a
// Debug of its own from 0.52.4): `StreamProtocol { inner: Right("/ipfs/id/1.0.0") }`
fn protocol<'a>(p: &'a Value<'_>) -> Option<std::borrow::Cow<'a, str>> {
    p.text().or_else(|| {
        let inner = p.field("inner")?;
        match inner.name()? {
            "Left" | "Right" => inner.only()?.text(),
            _ => None,
        }
    })
}

// `Info { public_key, protocol_version, agent_version, listen_addrs, protocols,
// observed_addr, signed_peer_record }`
fn info(v: &Value<'_>) -> Option<Info> {
    if v.name() != Some("Info") {
        return None;
    }
    let text = |f| v.field(f).and_then(Value::text).map(|t| t.into_owned());
    Some(Info {
        agent_version: text("agent_version"),
        protocol_version: text("protocol_version"),
        listen_addrs: v
            .field("listen_addrs")
            .map(|l| l.items().iter().filter_map(Addr::from_value).collect())
            .unwrap_or_default(),
        protocols: v
            .field("protocols")
            .map(|l| {
                l.items()
                    .iter()
                    .filter_map(|p| protocol(p).map(|t| t.into_owned()))
                    .collect()
            })
            .unwrap_or_default(),
        observed_addr: v.field("observed_addr").and_then(Addr::from_value),
    })
}
