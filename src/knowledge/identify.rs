//! Identify: verdicts and sentences (reference §4, §17 rule 17). A `Received`
//! says which protocols the peer speaks; a peer without a kad protocol is the
//! client-mode symptom behind kad's "protocol not supported" failures, so the
//! summary says so.

use super::text::{count, short_peer};
use super::transport::{class_words, leaf_words};
use super::{Context, Explanation, Verdict};
use crate::event::identify::{Identify, Info};
use crate::event::transport::{is_oversized, Cause, Leaf};

pub(super) fn explain(kind: &str, event: &Identify, ctx: &Context) -> Explanation {
    match event {
        Identify::Received { peer, info } => received(kind, peer.as_deref(), info, ctx),
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
        Identify::Error { peer, error, leaf: Some(Leaf { cause: cause @ Cause::Message(_, message), .. }) } if is_oversized(cause) => {
            // protocol.rs:33: at most 4096 bytes, a constant
            let verdict = ctx.expected_once();
            Explanation::new(
                kind,
                verdict,
                say!(ctx, "Identify with peer {} failed: {error} (its message is too large).", short_peer(peer)),
                say!(ctx, "The peer's identify message was over identify's fixed 4096-byte limit (\"{message}\"): it lists too many listen addresses or protocols, so this fails every time with that peer. Expected once; actionable when it repeats.{}", ctx.repeat_note()),
                "If the peer is one of your nodes, make it advertise fewer listen addresses (not every interface and port) or protocols; the limit cannot be raised.",
            )
        }
        Identify::Error { peer, error, leaf } => {
            let (verdict, why) = match error.as_str() {
                "NegotiationFailed" => (
                    Verdict::Expected,
                    "The peer does not speak identify (it answered \"protocol not supported\"): it is not a full libp2p node, or runs a minimal protocol set.".to_owned(),
                ),
                _ => (
                    ctx.expected_once(),
                    if ctx.brief { String::new() } else { failure_words(error, leaf.as_ref()) },
                ),
            };
            Explanation::new(
                kind,
                verdict,
                // the cause, where the event has one: `Apply` alone says little
                match leaf {
                    Some(leaf) if !matches!(leaf.cause, Cause::Other(_)) => say!(ctx,
                        "Identify with peer {} failed: {error}, {}.",
                        short_peer(peer),
                        leaf_words(leaf)
                    ),
                    _ => say!(ctx, "Identify with peer {} failed: {error}.", short_peer(peer)),
                },
                say!(ctx, "{why}{}", ctx.repeat_note()),
                if verdict == Verdict::Actionable { "Check the connections to this peer (ConnectionClosed causes) and that both sides enable identify with the same protocol version." } else { "" },
            )
        }
    }
}

/// Why identify failed, for every error but `NegotiationFailed`
/// (libp2p-identify 0.48).
fn failure_words(error: &str, leaf: Option<&Leaf>) -> String {
    let inner = match leaf.map(|l| &l.cause) {
        Some(Cause::Other(name)) => name.as_str(),
        _ => "",
    };
    let why = match (error, inner) {
        // handler.rs:54,142,408-411: every exchange has 60 s (`STREAM_TIMEOUT`);
        // handler.rs:430-436 with swarm handler.rs:542: a stream not
        // negotiated within `SubstreamProtocol`'s 10 s
        ("Timeout", _) => "An identify exchange with the peer did not finish within 60 s (identify's stream timeout), or the peer did not accept the identify stream within 10 s. The peer is overloaded or hung, or the link stalled.".to_owned(),
        // protocol.rs:33 caps a message at 4096 bytes (prost-codec lib.rs:73-80);
        // the codec also carries the stream's read and write errors
        (_, "Codec") => "Reading or writing the identify message failed (`Codec`). Either the peer's message was over identify's 4096-byte limit (too many listen addresses or protocols) or malformed, which fails every time with that peer, or the stream broke in the middle of the message.".to_owned(),
        // protocol.rs:223-227: a missing or undecodable public key
        (_, "PublicKey") => "The peer's identify message had no valid public key (`PublicKey`): it is malformed, which fails every time with that peer.".to_owned(),
        _ => format!(
            "The identify exchange broke off{}; usually the connection was closing at the time.",
            leaf.map_or(String::new(), |l| format!(": {}", leaf_words(l)))
        ),
    };
    format!("{why} Expected once; actionable when it repeats for the same peer.")
}

fn received(kind: &str, peer: Option<&str>, info: &Info, ctx: &Context) -> Explanation {
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
            " It sees this node at {}. Identify passes that on as a `NewExternalAddrCandidate` the first time a connection shows it, with an ephemeral port replaced by this node's listen port (so the candidate that follows may differ), and again only if that connection reports a different address.",
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
            "{} identified itself as `{agent}` with {}.{kad_sentence}",
            peer.map_or_else(
                || "A peer (the line names none)".to_owned(),
                |peer| format!("Peer {}", short_peer(peer))
            ),
            count(info.protocols.len() as u64, "protocol")
        ),
        explanation,
        "",
    )
}

#[cfg(test)]
mod tests {
    use crate::knowledge::tests::{explained, PEER as P};

    fn explanation(error: &str) -> String {
        let text =
            format!("Error {{ connection_id: ConnectionId(16), peer_id: {P}, error: {error} }}");
        explained(&text).explanation.into_owned()
    }

    /// handler.rs:54,408-411: a timeout is a peer that did not answer, not
    /// a connection that closed.
    #[test]
    fn a_timeout_is_a_peer_that_did_not_answer() {
        let e = explanation("Timeout");
        assert!(e.contains("did not finish within 60 s"), "{e}");
        assert!(e.contains("within 10 s"), "{e}");
        assert!(!e.contains("connection was closing"), "{e}");
    }

    /// protocol.rs:33: identify messages are capped at 4096 bytes.
    #[test]
    fn a_codec_error_names_the_size_limit() {
        let e = explanation(
            "Apply(Codec(Error(Custom { kind: InvalidData, error: \"message with 5000b exceeds maximum of 4096b\" })))",
        );
        assert!(e.contains("4096-byte limit"), "{e}");
        assert!(e.contains("fails every time with that peer"), "{e}");
        assert!(!e.contains("connection was closing"), "{e}");
        // the codec's own message tells an oversized message from a broken
        // stream (prost-codec 0.4 lib.rs:73-80): named, not "either … or"
        assert!(
            e.contains("(\"message with 5000b exceeds maximum of 4096b\")"),
            "{e}"
        );
        assert!(!e.contains("Either"), "{e}");
        let broken = explanation("Apply(Codec(Error(Kind(UnexpectedEof))))");
        // the sentence states the verdict's rule: repeats for one peer
        // (Context::repeated), not "every peer fails"
        assert!(
            broken.contains("actionable when it repeats for the same peer"),
            "{broken}"
        );
        assert!(!broken.contains("every peer fails"), "{broken}");
        assert!(broken.contains("Either the peer's message"), "{broken}");
        // a stream that closed early still reads as a closing connection
        let closed = explanation("Apply(StreamClosed)");
        assert!(closed.contains("connection was closing"), "{closed}");
    }
}
