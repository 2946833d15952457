//! Ping: verdicts and sentences (reference §5, §17 rule 18). Facts from
//! libp2p-ping 0.48: a ping every 15 s, a 20 s timeout, `Unsupported` reported
//! once per connection, and the first failure of a series swallowed (an `Err`
//! event is at least the second failure in a row, so it is actionable: the
//! link or the peer is in trouble, reference rule 18); failures do not close
//! the connection.

use super::text::short_peer;
use super::transport::leaf_words;
use super::{Context, Explanation, Verdict};
use crate::event::ping::{Failure, Ping};
use crate::event::time::human;

/// A round trip slower than this is worth a note.
const SLOW_NS: u128 = 1_000_000_000;

pub(super) fn explain(kind: &str, ping: &Ping, ctx: &Context) -> Explanation {
    let peer = short_peer(&ping.peer);
    match &ping.result {
        Ok(None) => Explanation::new(
            kind,
            Verdict::Ok,
            say!(ctx, "Ping to {peer} succeeded; its round trip is written in a form p2plog cannot read."),
            "The connection is alive. The round trip time is not written as a Rust `Duration` (`239.826µs`, `1.5s`), so it is not judged.",
            "",
        ),
        Ok(Some(rtt)) => {
            let slow = *rtt > SLOW_NS;
            Explanation::new(
                kind,
                Verdict::Ok,
                say!(ctx, "Ping to {peer}: round trip {}{}.", human(*rtt), if slow { ", slow" } else { "" }),
                if slow {
                    "The connection works, but a round trip over a second points to a congested or far link, or a busy peer."
                } else {
                    "The connection is alive; this is its latency (a ping every 15 s by default)."
                },
                "",
            )
        }
        Err(Failure::Unsupported) => Explanation::new(
            kind,
            Verdict::Expected,
            say!(ctx, "Peer {peer} does not support ping."),
            "The peer answered \"protocol not supported\" for `/ipfs/ping/1.0.0`. This is reported once per connection and changes nothing: ping does not keep or close connections.",
            "",
        ),
        // an `Err` is a repeat already: the handler swallows the first failure
        Err(Failure::Timeout) => Explanation::new(
            kind,
            Verdict::Actionable,
            say!(ctx, "Pings to {peer} time out."),
            say!(ctx, "No pong within the ping timeout (20 s by default), and since libp2p reports failures only from the second in a row on, this is at least the second. The link is degraded or the peer is frozen; ping itself does not close the connection.{}", ctx.repeat_note()),
            "Check the peer's health and the network path; if the peer is overloaded, compare with its own logs at the same time.",
        ),
        Err(Failure::Other(leaf)) => Explanation::new(
            kind,
            Verdict::Actionable,
            say!(ctx, "Ping to {peer} failed: {}.", leaf_words(leaf)),
            say!(ctx, "A ping stream could not be opened or broke (at least the second failure in a row).{}{}", other_words(leaf), ctx.repeat_note()),
            "Check whether the peer process is still responsive.",
        ),
    }
}

/// What a ping stream's own error adds to its words: the negotiation
/// timeout (ping's `handler.rs`) is the peer not answering at all.
fn other_words(leaf: &crate::event::transport::Leaf) -> &'static str {
    match &leaf.cause {
        crate::event::transport::Cause::Message(_, message)
            if message.contains("negotiation timed out") =>
        {
            " The peer did not even answer the protocol negotiation: it is hung or overloaded."
        }
        _ => "",
    }
}
