//! Rendezvous: verdicts and sentences (reference §8, §17 rule 20). The client
//! reports every transport-level failure (not connected, dial failure, timeout,
//! a peer that is no rendezvous server) as `ErrorCode::Unavailable`.

use super::text::{count, short_peer};
use super::{Context, Explanation, Verdict};
use crate::event::rendezvous::Rendezvous;

pub(super) fn explain(kind: &str, e: &Rendezvous, ctx: &Context) -> Explanation {
    let peer = e.peer.as_deref().map_or("?".to_owned(), short_peer);
    let ns = e
        .namespace
        .as_deref()
        .map_or("a namespace".to_owned(), |n| say!(ctx, "namespace `{n}`"));
    let regs = count(e.registrations.len() as u64, "registration");
    let ok = |summary: String, explanation: &'static str| {
        Explanation::new(kind, Verdict::Ok, summary, explanation, "")
    };
    let code = e.error.as_deref().unwrap_or("?");
    match e.variant.as_str() {
        "Registered" => ok(
            say!(ctx, "Registered in {ns} at rendezvous node {peer} for {} s.", e.ttl.unwrap_or(0)),
            "Other peers that discover this namespace at that node now get this node's signed addresses, until the TTL runs out. libp2p's client registers again by itself only when its external addresses change: call `register()` again before the TTL ends to stay listed.",
        ),
        "Discovered" => {
            let peers: Vec<String> = e.registrations.iter().filter_map(|r| r.peer.as_deref().map(short_peer)).collect();
            ok(
                say!(ctx, "Discovered {regs} at rendezvous node {peer}{}.", if peers.is_empty() { String::new() } else { say!(ctx, ": {}", peers.join(", ")) }),
                "Each registration carries a peer's signed record with its addresses; the app can dial them. The cookie lets the next discover return only new registrations.",
            )
        }
        "RegisterFailed" | "DiscoverFailed" => {
            let what = if e.variant == "RegisterFailed" { "Registering in" } else { "Discovering" };
            let (verdict, why, advice) = failure(code, ctx);
            Explanation::new(kind, verdict, say!(ctx, "{what} {ns} at {peer} failed: {code}."), say!(ctx, "{why}{}", ctx.repeat_note()), advice)
        }
        "Expired" => Explanation::new(
            kind,
            Verdict::Expected,
            say!(ctx, "The registration of peer {peer} that this node discovered expired."),
            "Its TTL ran out without a renewal seen by this node; the peer may have left.",
            "",
        ),
        "DiscoverServed" => ok(say!(ctx, "Served {peer}'s discover request with {regs}."), "This node is a rendezvous server; it answered a client's query."),
        "PeerRegistered" => ok(say!(ctx, "Peer {peer} registered in {ns}."), "This rendezvous server now hands the peer's signed addresses to clients that discover the namespace."),
        "PeerUnregistered" => ok(say!(ctx, "Peer {peer} unregistered from {ns}."), "The client withdrew its registration."),
        "RegistrationExpired" => Explanation::new(kind, Verdict::Expected, "A registration on this rendezvous server expired.", "The registering peer did not register again within its TTL (libp2p's client does so by itself only when its external addresses change).", ""),
        _ => Explanation::new(
            kind,
            Verdict::Expected,
            say!(ctx, "Refused a request from {peer}: {code}."),
            "This rendezvous server rejected a client's request (bad namespace, TTL, cookie or record, or not authorised). The problem is on the client's side.",
            "",
        ),
    }
}

/// A client-side failure by error code.
fn failure(code: &str, ctx: &Context) -> (Verdict, String, &'static str) {
    if code == "Unavailable" {
        return (
            ctx.expected_once(),
            "`Unavailable` is what the client reports for any failure to talk to the node at all: not connected, the dial failed, a timeout, or the node runs no rendezvous server. A libp2p server also answers it when its limits are reached: 32 registrations per peer, 10 000 in all (since libp2p-rendezvous 0.17.1, a patch release under libp2p 0.56; server.rs:415-423 in 0.18); older servers have no limits. Expected while connecting; actionable when it persists.".into(),
            "Check that the node runs `rendezvous::server::Behaviour` and that this node is connected to it (dial it first; look for its dial errors); if it is, this node may hold 32 registrations there already (one per namespace).",
        );
    }
    let why = match code {
        "InvalidTtl" => "the TTL is outside what the server accepts (by default 2 h to 72 h)",
        "InvalidNamespace" => "the namespace is invalid (too long, at most 255 bytes)",
        "InvalidSignedPeerRecord" => "the signed peer record did not verify",
        "InvalidCookie" => "the discover cookie belongs to another namespace",
        // server.rs:286-287: the record's peer id is not the sender's
        "NotAuthorized" => "the signed peer record is not the sender's own",
        _ => "the server failed",
    };
    (
        Verdict::Actionable,
        say!(ctx, "The server refused the request: {why}."),
        "Fix the request the client sends (namespace, TTL, cookie), or ask the server's operator.",
    )
}
