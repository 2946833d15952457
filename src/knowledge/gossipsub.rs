//! Gossipsub: verdicts and sentences for its events (reference §6, §17 rule 19).
//! The `publish()` errors are log messages (`messages.rs`, rule
//! `gossipsub.no-peers`).

use super::text::{count, short_peer};
use super::{Context, Explanation, Verdict};
use crate::event::gossipsub::Gossipsub;

pub(super) fn explain(kind: &str, event: &Gossipsub, ctx: &Context) -> Explanation {
    let topic = |t: &Option<String>| {
        t.as_deref()
            .map_or("a topic".to_owned(), |t| say!(ctx, "topic `{t}`"))
    };
    match event {
        Gossipsub::Message { from, source, topic: t, .. } => {
            let from_whom = match source {
                Some(s) if s == from => say!(ctx, "directly from its author {}", short_peer(from)),
                Some(s) => say!(ctx, "from author {}, forwarded by {}", short_peer(s), short_peer(from)),
                None => say!(ctx, "from an anonymous author, forwarded by {}", short_peer(from)),
            };
            Explanation::new(
                kind,
                Verdict::Ok,
                say!(ctx, "Received a message on {} {from_whom}.", topic(t)),
                "A published message reached this node through the mesh and passed validation. `propagation_source` is the neighbour that forwarded it; `message.source` is who published it.",
                "",
            )
        }
        Gossipsub::Subscribed { peer, topic: t } => Explanation::new(
            kind,
            Verdict::Ok,
            say!(ctx, "Peer {} subscribed to {}.", short_peer(peer), topic(t)),
            "The peer told this node it subscribes to the topic; messages published there can now go to it, and publishing no longer fails for lack of peers.",
            "",
        ),
        Gossipsub::Unsubscribed { peer, topic: t } => Explanation::new(
            kind,
            Verdict::Ok,
            say!(ctx, "Peer {} unsubscribed from {}.", short_peer(peer), topic(t)),
            "The peer told this node it left the topic; it no longer receives messages published there. (A peer that disconnects leaves no such event.)",
            "",
        ),
        Gossipsub::GossipsubNotSupported { peer } => Explanation::new(
            kind,
            Verdict::Expected,
            say!(ctx, "Peer {} does not speak gossipsub.", short_peer(peer)),
            "A connected peer accepted none of gossipsub's protocol versions. Infrastructure nodes (relays, rendezvous servers, bootnodes) often run no gossipsub; that is fine. A peer that should be in the mesh but shows this runs gossipsub under another protocol id or not at all.",
            "",
        ),
        Gossipsub::SlowPeer { peer, failed } => {
            let verdict = ctx.expected_once();
            Explanation::new(
                kind,
                verdict,
                say!(ctx, "Peer {} is slow: gossipsub dropped {} for it.", short_peer(peer), count(*failed, "message")),
                say!(ctx, "Its send queue was full, so gossipsub dropped messages for it (counted per heartbeat). Once is a burst; persistent means the peer or its link cannot keep up.{}", ctx.repeat_note()),
                "Check the peer's bandwidth and load; lower the publish rate, or raise the queue size (`ConfigBuilder::connection_handler_queue_len`).",
            )
        }
    }
}
