//! UPnP (`libp2p-upnp` 0.2–0.7; reference §13): `NewExternalAddr { local_addr,
//! external_addr }`, `ExpiredExternalAddr { .. }`, `GatewayNotFound`,
//! `NonRoutableGateway`.

use super::transport::Addr;
use crate::debugfmt::Value;

const EVENTS: &[&str] = &[
    "NewExternalAddr",
    "ExpiredExternalAddr",
    "GatewayNotFound",
    "NonRoutableGateway",
];

pub fn kinds() -> Vec<String> {
    EVENTS.iter().map(|e| format!("upnp.{e}")).collect()
}

#[derive(Clone, Debug, PartialEq)]
pub struct Upnp {
    pub variant: String,
    pub local: Option<Addr>,
    pub external: Option<Addr>,
}

pub fn recognize(v: &Value<'_>) -> Option<(String, Upnp)> {
    let name = v.name().filter(|n| EVENTS.contains(n))?;
    let addr = |f| v.field(f).and_then(Addr::from_value);
    let (local, external) = (addr("local_addr"), addr("external_addr"));
    let has_addrs = local.is_some() && external.is_some();
    // the address variants need both addresses; the others are units
    if name.ends_with("ExternalAddr") != has_addrs || (!has_addrs && !v.items().is_empty()) {
        return None;
    }
    Some((
        format!("upnp.{name}"),
        Upnp {
            variant: name.into(),
            local,
            external,
        },
    ))
}
