//! Identify: verdicts and sentences (reference §4, §17 rule 17). A `Received`
//! says which protocols the peer speaks; a peer without a kad protocol is the
//! client-mode symptom behind kad's "protocol not supported" failures, so the
//! summary says so.

use super::text::{count, short_peer};
use super::transport::{class_words, leaf_words};
use super::{Context, Explanation, Verdict};
use crate::event::identify::{Identify, Info};

pub(super) fn explain(kind: &str, event: &Identify, ctx: &Context) -> Explanation {
    match event {
        Identify::Received { peer, info } => received(kind, peer, info, ctx),
        Identify::Sent { peer } => Explanation::new(
            kind,
            Verdict::Ok,
            say!(ctx, "Answered peer {}'s identify request.", short_peer(peer)),
            "The remote asked who this node is; it got this node's agent version, listen addresses, protocols and the address it is seen at.",
            "",
        ),
        Identify::Pushed { peer, info } => Explanation::new(
            kind,
            Verdict::Ok,
            say!(ctx,
                "Told peer {} about this node's changed info ({}, {}).",
                short_peer(peer),
                count(info.protocols.len() as u64, "protocol"),
                count(info.listen_addrs.len() as u64, "listen address")
            ),
            "Identify pushes an update when this node's protocols change, for example after kad switched to server mode or a relay turned on its HOP protocol, and, only with `push_listen_addr_updates` set (off by default), when its listen addresses change; an app can also push with `Behaviour::push`.",
            "",
        ),
        Identify::Error { peer, error, leaf } => {
            let (verdict, why) = match error.as_str() {
                "NegotiationFailed" => (
                    Verdict::Expected,
                    "The peer does not speak identify (it answered \"protocol not supported\"): it is not a full libp2p node, or runs a minimal protocol set.".to_owned(),
                ),
                _ => (
                    if ctx.repeated() { Verdict::Actionable } else { Verdict::Expected },
                    say!(ctx,
                        "The identify exchange broke off{}; usually the connection was closing at the time. Expected now and then; actionable when every peer fails.",
                        leaf.as_ref().map_or(String::new(), |l| say!(ctx, ": {}", leaf_words(l)))
                    ),
                ),
            };
            Explanation::new(
                kind,
                verdict,
                say!(ctx, "Identify with peer {} failed: {error}.", short_peer(peer)),
                say!(ctx, "{why}{}", ctx.repeat_note()),
                if verdict == Verdict::Actionable { "Check the connections to this peer (ConnectionClosed causes) and that both sides enable identify with the same protocol version." } else { "" },
            )
        }
    }
}

fn received(kind: &str, peer: &str, info: &Info, ctx: &Context) -> Explanation {
    if ctx.brief {
        return Explanation::new(kind, Verdict::Ok, String::new(), "", "");
    }
    let agent = info.agent_version.as_deref().unwrap_or("unknown agent");
    let kad = info.kad_protocols();
    // the missing kad protocol matters in the one-line summary only to a
    // node that runs kad (its log showed a kad event)
    let (kad_sentence, kad_note) = match (kad.is_empty(), ctx.runs_kad) {
        (true, true) => (
            " It does NOT advertise a kad protocol: it is a kad client (kad's default until an external address is confirmed) or runs no kad, so kad requests to it fail with \"protocol not supported\".".to_owned(),
            "",
        ),
        (true, false) => (
            String::new(),
            " It advertises no kad protocol: if this node runs kad, kad requests to the peer fail with \"protocol not supported\" (the peer is a kad client, kad's default until an external address is confirmed, or runs no kad).",
        ),
        (false, _) => (format!(" It is a kad server ({}).", kad.join(", ")), ""),
    };
    let mut explanation = format!(
        "The peer answered this node's identify request (or pushed an update of its info). Protocols: {}. Listen addresses: {}.",
        if info.protocols.is_empty() {
            "none".into()
        } else {
            info.protocols.join(", ")
        },
        if info.listen_addrs.is_empty() {
            "none".into()
        } else {
            info.listen_addrs
                .iter()
                .map(|a| format!("{} ({})", a.text, class_words(a.class)))
                .collect::<Vec<_>>()
                .join(", ")
        }
    );
    if let Some(observed) = &info.observed_addr {
        explanation += &format!(
            " It sees this node at {}; the swarm reports that as a `NewExternalAddrCandidate`.",
            observed.text
        );
    }
    explanation += kad_note;
    explanation += " Identify does not add the peer to kad: apps call `kademlia.add_address(&peer_id, addr)` with these listen addresses (only for peers that are kad servers).";
    if let Some(version) = agent.strip_prefix("rust-libp2p/") {
        explanation += &format!(" The default agent `rust-libp2p/{version}` carries the libp2p-identify crate's version, not libp2p's.");
    }
    Explanation::new(
        kind,
        Verdict::Ok,
        format!(
            "Peer {} identified itself as `{agent}` with {}.{kad_sentence}",
            short_peer(peer),
            count(info.protocols.len() as u64, "protocol")
        ),
        explanation,
        "",
    )
}
