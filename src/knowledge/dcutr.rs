//! DCUtR: verdicts and sentences (reference §11, §17 rule 23).

use super::text::short_peer;
use super::transport::leaf_words;
use super::{Explanation, Verdict};
use crate::event::dcutr::{Dcutr, Error};
use crate::event::transport::Cause;

pub(super) fn explain(kind: &str, event: &Dcutr) -> Explanation {
    let peer = event
        .peer
        .as_deref()
        .map_or_else(|| "a peer".to_owned(), short_peer);
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
            format!(
                "The DCUtR exchange {} started over the relayed connection failed. {} Traffic stays relayed.",
                if variant == "OutboundError" { "this node" } else { "the peer" },
                exchange_words(&leaf.cause)
            ),
            "",
        ),
    }
}

/// Why a DCUtR exchange failed, per error variant (libp2p-dcutr 0.15):
/// `Unsupported` (outbound only), `Protocol(..)` and `Io(..)`
/// (protocol/outbound.rs:99-112, protocol/inbound.rs:92-117).
fn exchange_words(cause: &Cause) -> &'static str {
    match cause {
        // handler/relayed.rs:170: the peer refused the protocol
        Cause::Other(name) if name == "Unsupported" => "`Unsupported`: the peer does not run DCUtR (it refused the protocol).",
        // outbound.rs:58-64, inbound.rs:46,70,85, and their codec's errors
        Cause::Other(name) if name == "Protocol" => "`Protocol`: the peer's message was unusable. `NoAddresses` means it sent no address candidates to punch to (identify has reported none to it yet; DCUtR offers only those candidates, not addresses already confirmed); `UnexpectedTypeSync` or `UnexpectedTypeConnect` a message of the wrong type; `Codec(..)` a malformed or oversized message, or a stream that broke while reading it.",
        // handler/relayed.rs:172,248-254,272-276: the 10 s stream and exchange timeouts
        Cause::Io(kind) if kind == "TimedOut" => "`Io(TimedOut)`: the exchange did not finish within 10 s; the peer, the relay or the relayed link is slow.",
        _ => "`Io`: the relayed stream broke, because the relay closed the circuit (its limits) or the peer went away.",
    }
}

#[cfg(test)]
mod tests {
    use crate::knowledge::tests::{explained, PEER as P};

    fn outbound(inner: &str) -> String {
        let text = format!(
            "Event {{ remote_peer_id: {P}, result: Err(Error {{ inner: OutboundError({inner}) }}) }}"
        );
        explained(&text).explanation.into_owned()
    }

    /// outbound.rs:99-106: `Io`, `Unsupported` and `Protocol` differ.
    #[test]
    fn an_outbound_error_is_worded_per_variant() {
        let unsupported = outbound("Unsupported");
        assert!(
            unsupported.contains("the peer does not run DCUtR"),
            "{unsupported}"
        );
        for other in [
            "Protocol(NoAddresses)",
            "Io(Kind(UnexpectedEof))",
            "Io(Kind(TimedOut))",
        ] {
            let e = outbound(other);
            assert!(!e.contains("runs no DCUtR"), "{e}");
            assert!(!e.contains("does not run DCUtR"), "{e}");
        }
        let protocol = outbound("Protocol(NoAddresses)");
        assert!(
            protocol.contains("sent no address candidates"),
            "{protocol}"
        );
        let io = outbound("Io(Kind(UnexpectedEof))");
        assert!(io.contains("the relayed stream broke"), "{io}");
        let timeout = outbound("Io(Kind(TimedOut))");
        assert!(timeout.contains("within 10 s"), "{timeout}");
    }

    /// Found by the code review: an inbound exchange also times out after
    /// 10 s (handler/relayed.rs:248-254); it said "closed the stream or sent
    /// something unexpected" for every error.
    #[test]
    fn an_inbound_error_is_worded_per_variant() {
        let inbound = |inner: &str| {
            let text = format!(
                "Event {{ remote_peer_id: {P}, result: Err(Error {{ inner: InboundError({inner}) }}) }}"
            );
            explained(&text).explanation.into_owned()
        };
        let timeout = inbound("Io(Kind(TimedOut))");
        assert!(
            timeout.contains("the peer started") && timeout.contains("within 10 s"),
            "{timeout}"
        );
        let protocol = inbound("Protocol(UnexpectedTypeConnect)");
        assert!(
            protocol.contains("a message of the wrong type"),
            "{protocol}"
        );
        assert!(
            !protocol.contains("closed the stream or sent"),
            "{protocol}"
        );
    }
}
