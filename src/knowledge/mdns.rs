//! mDNS: verdicts and sentences (reference §7, §17 rule 25). mDNS neither
//! connects nor adds peers to kad by itself (a dial by peer id uses its
//! addresses); records live 6 minutes and are refreshed every 5.

use super::text::{count, short_peer};
use super::{Explanation, Verdict};
use crate::event::mdns::Mdns;

pub(super) fn explain(kind: &str, event: &Mdns) -> Explanation {
    let peers = event.peers();
    let list = peers
        .iter()
        .map(|p| short_peer(p))
        .collect::<Vec<_>>()
        .join(", ");
    let addrs = count(event.entries.len() as u64, "address");
    if event.discovered {
        Explanation::new(
            kind,
            Verdict::Ok,
            format!("mDNS found {} on the local network ({addrs}): {list}.", count(peers.len() as u64, "peer")),
            "Peers on the same LAN answered a multicast query. mDNS does not dial them or add them to kad's routing table (the app must: `kademlia.add_address`), but a dial by peer id (`swarm.dial(peer_id)`, a request-response send) finds their mDNS addresses by itself.",
            "",
        )
    } else {
        Explanation::new(
            kind,
            Verdict::Expected,
            format!("mDNS records of {} expired ({addrs}): {list}.", count(peers.len() as u64, "peer")),
            "They did not answer this node's queries again within the TTL they announced (6 minutes by default): they left the LAN or multicast traffic was lost.",
            "",
        )
    }
}
