//! Request-response: verdicts and sentences (reference §12, §17 rule 24). It
//! carries custom protocols, so the explanations speak of "the protocol".
//! Defaults (libp2p-request-response 0.30): request timeout 10 s.

use super::text::short_peer;
use super::transport::leaf_words;
use super::{Context, Explanation, Verdict};
use crate::event::request_response::RequestResponse;
use crate::event::transport::Cause;

pub(super) fn explain(kind: &str, e: &RequestResponse, ctx: &Context) -> Explanation {
    // a failure printed with `Display` names no peer
    let (peer, who) = match e.peer.as_str() {
        "" => ("a peer".to_owned(), "A peer".to_owned()),
        p => (short_peer(p), format!("Peer {}", short_peer(p))),
    };
    let id = e.request_id.map_or(String::new(), |i| say!(ctx, " {i}"));
    let again = ctx.expected_once();
    let io = e
        .leaf
        .as_ref()
        .map_or(String::new(), |l| say!(ctx, ": {}", leaf_words(l)));
    let cbor_eof = e
        .leaf
        .as_ref()
        .is_some_and(|l| matches!(&l.cause, Cause::Other(name) if name == "Eof"));
    let (verdict, summary, explanation, advice): (Verdict, String, &str, &str) = match (e.variant.as_str(), e.detail.as_str()) {
        ("Message", "Request") => (Verdict::Ok, say!(ctx, "Received request{id} from {peer}."), "The app must answer it through the `ResponseChannel` (`send_response`); dropping the channel fails the request on both sides (`ResponseOmission`).", ""),
        ("Message", _) => (Verdict::Ok, say!(ctx, "Received the response to request{id} from {peer}."), "The request this node sent was answered.", ""),
        ("ResponseSent", _) => (Verdict::Ok, say!(ctx, "Sent the response to request{id} to {peer}."), "The response was written to the stream.", ""),
        ("InboundFailure", "UnsupportedProtocols") => (Verdict::Actionable, say!(ctx, "{who} asked for a request-response protocol this node does not offer (request{id})."), "The remote requested none of the protocol names this behaviour accepts: a protocol name or version mismatch between the nodes. (libp2p-request-response 0.30 declares this inbound variant but never builds it, and its CHANGELOG says it stopped being built in 0.25, libp2p 0.52: a log with it comes from an older libp2p or from the app's own code.)", "Make both sides use the same `StreamProtocol` names."),
        (_, "UnsupportedProtocols") => (Verdict::Actionable, say!(ctx, "{who} does not speak this request-response protocol (request{id})."), "The remote offered none of the protocol names this behaviour uses: a protocol name or version mismatch between the nodes, or the peer does not run the protocol.", "Make both sides use the same `StreamProtocol` names; send such requests only to peers whose identify protocols list it."),
        (_, "ResponseOmission") => (Verdict::Actionable, say!(ctx, "Request{id} from {peer} was never answered by this node."), "This node's app dropped the `ResponseChannel` without calling `send_response`: a bug in the local request handler. The requester sees an error (often an unexpected end of stream).", "Answer every inbound request, even with an error value of your protocol."),
        ("OutboundFailure", "DialFailure") => (again, say!(ctx, "Request{id} to {peer} failed: the peer could not be dialled."), "No connection to the peer existed and dialling it failed (see the dial error), or its address was unknown. Expected during churn.", "Make sure an address of the peer is known (`swarm.add_peer_address(peer_id, addr)`, or dial it first)."),
        ("InboundFailure", "Timeout") => (again, say!(ctx, "Request{id} from {peer} timed out."), "Reading the request or sending this node's response did not finish within the request timeout (10 s by default). Repeated timeouts mean this node's handler answers too slowly (`send_response` called late) or the link is slow.", ""),
        (_, "Timeout") => (again, say!(ctx, "Request{id} to {peer} timed out."), "No response within the request timeout (10 s by default). Repeated timeouts mean an overloaded remote or a handler that does not answer.", ""),
        (_, "ConnectionClosed") => (again, say!(ctx, "Request{id} with {peer} failed: the connection closed."), "The connection went away before the exchange finished. Expected during churn.", ""),
        // libp2p-request-response's cbor codec (cbor.rs `decode_into_io_error`):
        // it reads at most the size limit, then decodes; a remote that sent
        // nothing, or a value cut at the limit, ends early (field test:
        // rust-libp2p issue 6038; fixtures/request-response shows both)
        ("OutboundFailure", _) if cbor_eof => (again, say!(ctx, "Request{id} to {peer} failed: its response ended before the value did (the cbor codec's `Eof`)."), "The codec reads a response up to its size limit, then decodes it, and ran out of bytes: the remote closed the stream without answering (its app dropped the request: `ResponseOmission` on its side; or its own request timeout ran out first, shorter than this node's: `InboundFailure::Timeout` on its side), or the response was larger than the limit and cut there (10 MiB for responses, 1 MiB for requests; settable from libp2p 0.55 with `set_response_size_maximum`).", "Look at the remote's log for the request; if its responses can be large, raise the limit on this side, or send less per response."),
        ("InboundFailure", _) => (again, say!(ctx, "Request{id} from {peer} failed with an I/O error{io}."), "Reading the request or writing this node's response broke: the requester closed the stream or its connection went away.", ""),
        _ => (again, say!(ctx, "Request{id} to {peer} failed with an I/O error{io}."), "The stream broke; an unexpected end of stream often means the remote dropped the request without answering.", ""),
    };
    Explanation::new(
        kind,
        verdict,
        summary,
        say!(ctx, "{explanation}{}", ctx.repeat_note()),
        advice,
    )
}
