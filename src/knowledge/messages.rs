//! libp2p's own log messages and the API errors apps log: the texts live with
//! the patterns in `grammars/messages/*.json` (`{capture}` placeholders filled
//! from the match); a pattern has a fixed verdict or names one of the rules
//! here ([`RULES`]).

use std::collections::BTreeMap;

use super::text::{count, short_peer};
use super::transport::cause_words;
use super::{swarm, Context, Explanation, Peers, Verdict};
use crate::event::message::{self, Decoded, Message};
use crate::event::time::human;
use crate::event::transport::Cause;

/// The verdict rules a pattern may name.
pub const RULES: &[&str] = &[
    "repeats",
    "kad.request-failed",
    "swarm.dial-failed",
    "swarm.dial-error-logged",
    "swarm.incoming-failed",
    "swarm.connection-closed",
    "swarm.listener-closed",
    "gossipsub.no-peers",
    "request-response.failure",
];

pub(super) fn explain(kind: &str, m: &Message, ctx: &Context) -> Explanation {
    let Some(pattern) = message::pattern(&m.pattern) else {
        return Explanation::new(
            kind,
            Verdict::Unknown,
            "A log message p2plog matched but cannot explain.",
            "",
            "",
        );
    };
    let text = |template: &str| {
        if ctx.brief {
            String::new()
        } else {
            fill(template, &m.fields)
        }
    };
    let mut e = Explanation::new(
        kind,
        fixed_verdict(pattern.verdict.as_deref()),
        text(&pattern.summary),
        text(&pattern.explanation),
        text(&pattern.advice),
    );
    if let Some(rule) = pattern.rule.as_deref() {
        apply(rule, &mut e, m, ctx);
    }
    // a panic's message on the next line (Rust 1.73 on), joined to it
    if let Some(quoted) = m
        .fields
        .get("message")
        .filter(|_| pattern.id == message::PANIC)
    {
        let quoted = crate::input::clip_at(quoted, 300);
        e.summary = say!(ctx, "{} Its message: {quoted}", e.summary);
    }
    if e.kind.ends_with(".NoKnownPeers") {
        connected_but_not_routed(&mut e, ctx);
    }
    e
}

/// An empty routing table although the log shows connections. kad adds a
/// peer it dialled only once the peer confirmed it speaks kad (identify),
/// so right after connecting the table can still be empty: an app's
/// `bootstrap()` may race that, and so may kad's first automatic
/// bootstrap, which a new listen address starts 500 ms ahead only when no
/// peer is connected (libp2p-kad 0.49 `behaviour.rs`, `bootstrap.rs`), so
/// its connections came up within those 500 ms. A later automatic warning
/// with connections up (kad's 5-minute timer) is a setup fault, and so is
/// one when every connected peer identified itself without kad.
fn connected_but_not_routed(e: &mut Explanation, ctx: &Context) {
    /// kad's periodic bootstrap comes 5 minutes after its start (the
    /// node's first line comes before): a warning sooner since the node's
    /// start is not the periodic one.
    const PERIODIC_MS: u64 = 4 * 60 * 1000;
    let Some(peers) = ctx.connected_peers.filter(|p| p.count > 0) else {
        return;
    };
    let automatic = e.kind.starts_with("kad.log.");
    // identify said none of them speaks kad: kad adds none while so
    let never = ctx.connected_without_kad;
    // the 5-minute timer's: by the time since the node's start when the
    // lines tell it, else an earlier warning since the node's (re)start
    let again = match ctx.since_start_ms {
        Some(ms) => ms >= PERIODIC_MS,
        None => ctx.repeats > 0,
    };
    let settled = automatic && (again || never.is_some());
    if settled {
        e.verdict = Verdict::Actionable;
    }
    let line = peers
        .line
        .map(|l| format!(" (line {l})"))
        .unwrap_or_default();
    let why = match (automatic, never) {
        (true, Some(line)) => format!(", and each of them identified itself without kad's protocol (the last at line {line}), so kad does not add them while they stay so: this node is not alone but cannot use the DHT"),
        _ if settled => ", and not at its start (kad's periodic bootstrap, or a warning before this one), so this node is not alone but cannot use the DHT".into(),
        (true, None) => " yet. kad's first automatic bootstrap runs 500 ms after a listen address came up with no peer connected, so these connections are younger than that and their peers may not have been confirmed yet: a `RoutingUpdated` soon after means they were; if none comes, kad's next bootstrap (every 5 minutes) warns again, and p2plog calls that one actionable".into(),
        (false, _) => " (a `bootstrap()` called right after dialling can come before kad has added a peer)".into(),
    };
    e.explanation.to_mut().push_str(&say!(
        ctx,
        " Here, though, the log shows {} connected{line}: none of them is in the routing table{why}. kad adds a peer by itself only when this node dialled it and it speaks kad (server mode), once identify confirmed that, or when the app calls `add_address` (`UnroutablePeer` events name peers it could not add).",
        count(peers.count, "peer"),
    ));
}

/// `"ok"`, `"expected"`, `"actionable"`; anything else is unknown.
pub fn fixed_verdict(v: Option<&str>) -> Verdict {
    match v {
        Some("ok") => Verdict::Ok,
        Some("expected") => Verdict::Expected,
        Some("actionable") => Verdict::Actionable,
        _ => Verdict::Unknown,
    }
}

/// Fills `{name}` placeholders (a lower-case identifier) from the captures, a
/// `peer` shortened; an optional capture that did not match reads "?". Other
/// braces (`ModeChanged { new_mode: Client }`) are text.
pub fn fill(template: &str, fields: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(after.len());
        if name_len == 0 || !after[name_len..].starts_with('}') {
            out.push('{');
            rest = after;
            continue;
        }
        let name = &after[..name_len];
        match fields.get(name) {
            Some(v) if name == "peer" => out.push_str(&short_peer(v)),
            Some(v) => out.push_str(v),
            None => out.push('?'),
        }
        rest = &after[name_len + 1..];
    }
    out.push_str(rest);
    out
}

/// Applies a verdict rule, refining the texts with what the rule found.
fn apply(rule: &str, e: &mut Explanation, m: &Message, ctx: &Context) {
    let peer = m.fields.get("peer").map(String::as_str);
    let from_swarm = |e: &mut Explanation, s: Explanation| {
        e.verdict = s.verdict;
        e.summary = s.summary;
        e.explanation = say!(ctx, "{} {}", e.explanation, s.explanation).into();
        e.advice = s.advice;
    };
    match (rule, &m.decoded) {
        ("repeats", _) => {
            e.verdict = ctx.expected_once();
            e.explanation.to_mut().push_str(&ctx.repeat_note());
        }
        ("kad.request-failed", decoded) => request_failed(e, decoded.as_ref(), ctx),
        // "to unknown peer" when the dial named no peer id (swarm 0.48
        // lib.rs:837-839); a `peer` field may be dropped by the log's format
        ("swarm.dial-failed", Some(Decoded::Dial(error))) => {
            let origin = match peer {
                Some(p) => swarm::Origin::Peer(p),
                None if m.fields.contains_key("no_peer") => swarm::Origin::AppAddress,
                None => swarm::Origin::UnnamedPeer,
            };
            let s = swarm::dial(&e.kind, origin, error, ctx);
            from_swarm(e, s);
        }
        // an app's own line: only a `peer` field (examples/dcutr's
        // `peer=Some(PeerId(..))`, or `None` for a dial of a bare address)
        // says who dialled
        ("swarm.dial-error-logged", Some(Decoded::Dial(error))) => {
            let origin = match peer {
                Some(p) => swarm::Origin::Peer(p),
                None if m.fields.contains_key("no_peer") => swarm::Origin::AppAddress,
                None => swarm::Origin::Unknown,
            };
            let s = swarm::dial(&e.kind, origin, error, ctx);
            from_swarm(e, s);
        }
        ("swarm.incoming-failed", Some(Decoded::Listen(error))) => {
            let s = swarm::incoming(&e.kind, None, error, ctx);
            from_swarm(e, s);
        }
        ("swarm.connection-closed", decoded) => {
            let cause = match decoded {
                Some(Decoded::Closed(c)) => c.as_ref(),
                _ => None,
            };
            let remaining = m.fields.get("total_peers").and_then(|t| t.parse().ok());
            let s = swarm::closed(&e.kind, peer.unwrap_or("?"), None, remaining, cause, ctx);
            from_swarm(e, s);
        }
        ("swarm.listener-closed", Some(Decoded::ListenerReason(leaf))) => {
            let s = swarm::listener_closed(&e.kind, &[], leaf.as_ref(), ctx);
            from_swarm(e, s);
        }
        ("gossipsub.no-peers", _) => no_peers(e, ctx.connected(None), ctx.since_start_ms),
        // a failure's `Display`: explained as its event is, from the kind
        // (`request_response.OutboundFailure.Timeout`) and the io cause
        ("request-response.failure", decoded) => {
            let mut parts = e.kind.splitn(3, '.').skip(1);
            let (variant, detail) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            let failure = crate::event::request_response::RequestResponse {
                variant: variant.into(),
                // or the id the app's own words name (`Request to <peer>`)
                peer: peer
                    .or(m.fields.get("named").map(String::as_str))
                    .unwrap_or("")
                    .into(),
                request_id: None,
                detail: detail.into(),
                leaf: match decoded {
                    Some(Decoded::Io(leaf)) => Some(leaf.clone()),
                    _ => None,
                },
            };
            let s = super::request_response::explain(&e.kind, &failure, ctx);
            from_swarm(e, s);
        }
        // the capture did not decode: keep the pattern's own texts
        _ => e.verdict = Verdict::Expected,
    }
}

/// How long after a node's first event a publish may still find no
/// subscriber without anything being wrong: a few gossipsub heartbeats (1 s
/// each by default).
const STARTUP_MS: u64 = 5_000;

/// kad's `Request to peer in query failed with …` (reference §3.5, §17 rule 11).
fn request_failed(e: &mut Explanation, decoded: Option<&Decoded>, ctx: &Context) {
    let again = ctx.expected_once();
    let cause = match decoded {
        Some(Decoded::Io(leaf)) => Some(&leaf.cause),
        _ => None,
    };
    let (verdict, why, advice): (Verdict, String, &str) = match cause {
        Some(Cause::Message(_, m)) if m == "protocol not supported" => (
            Verdict::Expected,
            "The peer refused kad (\"protocol not supported\"): it is a kad client (kad runs in client mode until the node has a confirmed external address), it runs no kad at all (a relay or rendezvous bootnode added to the routing table), or it uses another kad protocol name. Expected for such peers; when most peers answer this, every query fails in milliseconds.".into(),
            "Make the nodes that should answer kad servers (`kademlia.set_mode(Some(Mode::Server))` or a confirmed external address), and `add_address` only peers whose identify protocols include this node's kad protocol.",
        ),
        Some(Cause::Io(k)) if k == "TimedOut" => (
            again,
            "The peer did not answer within kad's 10 s request timeout: it is overloaded, hung, or the connection is stalled, or its record store refused a PUT_VALUE (it logs `Record not stored` at INFO and leaves the request unanswered).".into(),
            "If one peer keeps timing out, check that it is alive (ping failures, connection errors) and whether it logs `Record not stored`.",
        ),
        Some(Cause::Io(k)) if k == "UnexpectedEof" => (
            Verdict::Expected,
            "The peer closed the stream without answering: it reset it, or the message exceeded its maximum packet size (16 KiB by default), which is how oversized records fail.".into(),
            "If this happens on PUT_VALUE with large records, shrink them or raise `Config::set_max_packet_size` on every node.",
        ),
        Some(other) => (
            again,
            say!(ctx, "Cause: {}. The query counts the peer as failed and goes on with others.", cause_words(other)),
            "",
        ),
        None => (Verdict::Expected, String::new(), ""),
    };
    e.verdict = verdict;
    if !why.is_empty() {
        e.explanation = say!(ctx, "{} {why}", e.explanation).into();
    }
    e.explanation.to_mut().push_str(&ctx.repeat_note());
    e.advice = advice.to_owned().into();
}

/// gossipsub's `NoPeersSubscribedToTopic`/`InsufficientPeers` (rule 19):
/// expected with no connected peer (or in the first heartbeats after start),
/// actionable while peers are connected.
fn no_peers(e: &mut Explanation, connected: Option<Peers>, since_start_ms: Option<u64>) {
    e.peers = connected;
    match connected {
        // rule 19: subscriptions arrive in the first messages after peers
        // connect, so a publish in the node's first heartbeats may find none
        Some(p) if p.count > 0 && since_start_ms.is_some_and(|ms| ms < STARTUP_MS) => {
            e.verdict = Verdict::Expected;
            e.explanation.to_mut().push_str(&format!(
                " This node has {}, but it published {} after its first event: peers send their subscriptions once connected, and that early they may not have arrived yet.",
                p.describe(),
                human(u128::from(since_start_ms.unwrap_or(0)) * 1_000_000)
            ));
            e.advice = "Publish after the peers' `Subscribed` events (or retry); it is actionable if it persists after start-up.".into();
        }
        Some(p) if p.count > 0 => {
            e.verdict = Verdict::Actionable;
            e.explanation.to_mut().push_str(&format!(
                " This node has {}, yet none of them is subscribed to the topic (or, with peer scoring, all score below `publish_threshold`), so the mesh is not working as intended.",
                p.describe()
            ));
            e.advice = "Check that the peers subscribe to exactly the same topic (an `IdentTopic` and a `Sha256Topic` of one name have different hashes), that they run gossipsub (look for `GossipsubNotSupported`), and that publishing waits for their `Subscribed` events; a message published before that is lost.".into();
        }
        Some(p) => {
            e.verdict = Verdict::Expected;
            e.explanation.to_mut().push_str(&format!(
                " This node has {}: there is nobody to publish to.",
                p.describe()
            ));
            e.advice = "Connect to peers (and wait for their `Subscribed` events) before publishing, or treat this error as \"not yet\" and retry.".into();
        }
        None => {
            e.verdict = Verdict::Expected;
            e.explanation += " p2plog does not know how many peers this node had; with none connected, or in the first heartbeats after start (subscriptions arrive once peers connect), this is normal. It is actionable when it persists while peers are connected (`--peers N`).";
            e.advice = "Publish after peers have subscribed (wait for `Subscribed` events); if it persists while connected, check that all nodes use the same topic string and run gossipsub.".into();
        }
    }
}
