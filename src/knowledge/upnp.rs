//! UPnP: verdicts and sentences (reference §13, §17 rule 25).

use super::{Explanation, Verdict};
use crate::event::upnp::Upnp;

pub(super) fn explain(kind: &str, event: &Upnp) -> Explanation {
    let addr = |a: &Option<crate::event::transport::Addr>| {
        a.as_ref().map_or("?".to_owned(), |a| a.text.clone())
    };
    match event.variant.as_str() {
        "NewExternalAddr" => Explanation::new(
            kind,
            Verdict::Ok,
            format!("The router forwards {} to {}.", addr(&event.external), addr(&event.local)),
            "The UPnP gateway mapped a port: peers outside the LAN can reach this node at the external address, which the swarm now confirms.",
            "",
        ),
        "ExpiredExternalAddr" => Explanation::new(
            kind,
            Verdict::Expected,
            format!("The router's port mapping {} → {} expired.", addr(&event.external), addr(&event.local)),
            "The mapping was not renewed (the gateway went away or refused); the external address is withdrawn.",
            "",
        ),
        "GatewayNotFound" => Explanation::new(
            kind,
            Verdict::Expected,
            "No UPnP gateway on this network.",
            "Normal on servers, in clouds, in containers and on networks whose router has UPnP off. UPnP then does nothing.",
            "",
        ),
        _ => Explanation::new(
            kind,
            Verdict::Expected,
            "The UPnP gateway's own external address is private: it sits behind another NAT.",
            "Double NAT or carrier-grade NAT: a port mapping on this router would not make the node reachable, so UPnP does nothing.",
            "For reachability use a relay (with DCUtR hole punching) instead.",
        ),
    }
}
