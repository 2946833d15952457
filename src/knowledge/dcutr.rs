//! DCUtR: verdicts and sentences (reference §11, §17 rule 23).

use super::text::short_peer;
use super::transport::leaf_words;
use super::{Explanation, Verdict};
use crate::event::dcutr::{Dcutr, Error};

pub(super) fn explain(kind: &str, event: &Dcutr) -> Explanation {
    let peer = short_peer(&event.peer);
    match &event.result {
        Ok(connection) => Explanation::new(
            kind,
            Verdict::Ok,
            format!(
                "Hole punching to {peer} succeeded{}: traffic can go direct instead of through the relay.",
                connection.map_or(String::new(), |c| format!(" (connection {c})"))
            ),
            "Both nodes dialled each other at the same moment through their NATs, coordinated over the relayed connection. The direct connection's endpoint shows `role_override: Listener` on one side.",
            "",
        ),
        Err(Error::AttemptsExceeded(n)) => Explanation::new(
            kind,
            Verdict::Expected,
            format!("Hole punching to {peer} gave up after {} attempts; traffic stays relayed.", n.map_or("its".into(), |n| n.to_string())),
            "Direct connections through NATs fail with symmetric NATs and carrier-grade NAT. The relayed connection keeps working, within the relay's circuit limits.",
            "Nothing to fix in the app; for direct connectivity, forward a port or enable UPnP on one side.",
        ),
        Err(Error::Stream { variant, leaf }) => Explanation::new(
            kind,
            Verdict::Expected,
            format!("Hole punching to {peer} failed: {variant} ({}).", leaf_words(leaf)),
            if variant == "OutboundError" {
                "The DCUtR exchange this node started over the relayed connection broke (`Unsupported`: the peer runs no DCUtR). Traffic stays relayed."
            } else {
                "The DCUtR exchange the peer started over the relayed connection broke: it closed the stream or sent something unexpected. Traffic stays relayed."
            },
            "",
        ),
    }
}
