//! mDNS (`libp2p-mdns` 0.45–0.49; reference §7): `Discovered([(PeerId, Multiaddr)])`
//! and `Expired([(PeerId, Multiaddr)])`, one entry per (peer, address).

use super::transport::Addr;
use super::util::peer_id;
use crate::debugfmt::Value;

pub fn kinds() -> Vec<String> {
    vec!["mdns.Discovered".into(), "mdns.Expired".into()]
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mdns {
    /// `true` for `Discovered`, `false` for `Expired`.
    pub discovered: bool,
    pub entries: Vec<(String, Addr)>,
}

impl Mdns {
    /// The distinct peers, in order of appearance.
    pub fn peers(&self) -> Vec<&str> {
        let mut peers: Vec<&str> = Vec::new();
        for (p, _) in &self.entries {
            if !peers.contains(&p.as_str()) {
                peers.push(p);
            }
        }
        peers
    }
}

/// `Discovered([(PeerId(".."), /ip4/192.168.1.10/tcp/4001), ..])`
pub fn recognize(v: &Value<'_>) -> Option<(String, Mdns)> {
    let name = v.name()?;
    let discovered = match name {
        "Discovered" => true,
        "Expired" => false,
        _ => return None,
    };
    let list = v.only()?;
    if !matches!(list.kind, crate::debugfmt::Kind::List { .. }) {
        return None;
    }
    let entries = list
        .items()
        .iter()
        .map(|pair| match pair.items() {
            [p, a] => Some((peer_id(p)?, Addr::from_value(a)?)),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    Some((
        format!("mdns.{name}"),
        Mdns {
            discovered,
            entries,
        },
    ))
}
