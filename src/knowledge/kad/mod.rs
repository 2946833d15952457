//! Kademlia: verdicts and sentences for every kad kind.
//!
//! Facts used here come from libp2p-kad 0.49 (reference §3, §17): `put_record`
//! stores the record locally before any network activity; a query first looks
//! up the 20 closest peers (FIND_NODE, 10 s per peer), then a put sends PUT_VALUE
//! to the peers that answered; `quorum` is the evaluated count (`All` = 20,
//! `Majority` = 11 with the default replication factor); `requests − success −
//! failure` peers never answered; the 60 s query timeout is checked lazily and
//! per phase.

use super::text::{count, short_peer};
use super::{Context, Explanation, Peers, QueryFacts, Verdict};
use crate::event::kad::{Kad, Query};
use crate::event::time::{human, millis};

mod failure;

use failure::{failure, failure_advice, not_found, speed_reading, verdict_sentence};

/// The replication factor libp2p uses unless configured (`K_VALUE`).
const REPLICATION_FACTOR: u64 = 20;

pub(super) fn explain(kind: &str, kad: &Kad, ctx: &Context) -> Explanation {
    match kad {
        Kad::Query(q) => query(kind, q, ctx),
        other => event(kind, other, ctx),
    }
}

/// An explanation without a peer count, query facts or timing.
fn plain(
    kind: &str,
    verdict: Verdict,
    summary: String,
    explanation: impl Into<std::borrow::Cow<'static, str>>,
    advice: impl Into<std::borrow::Cow<'static, str>>,
) -> Explanation {
    Explanation {
        kind: kind.to_owned(),
        verdict,
        summary,
        explanation: explanation.into(),
        advice: advice.into(),
        peers: None,
        query: None,
        timing: None,
        repeats: None,
    }
}

fn event(kind: &str, kad: &Kad, ctx: &Context) -> Explanation {
    match kad {
        Kad::RoutingUpdated { peer, is_new_peer: true, old_peer, .. } => plain(
            kind,
            Verdict::Ok,
            say!(ctx, "Peer {} joined the routing table{}.", short_peer(peer), match old_peer {
                Some(old) => say!(ctx, ", evicting {}", short_peer(old)),
                None => String::new(),
            }),
            "kad added the peer to its routing table: it now takes part in this node's queries. With \
             the default BucketInserts::OnConnected kad adds a peer only on a connection this node \
             dialled, once the peer is confirmed to speak kad (a kad stream succeeded, or identify \
             listed the protocol); `add_address` inserts a peer without that check, and a peer \
             waiting for a full bucket enters when an unreachable entry is evicted (`old_peer`).",
            "",
        ),
        Kad::RoutingUpdated { peer, .. } => plain(
            kind,
            Verdict::Ok,
            say!(ctx, "The addresses of routing-table peer {} were updated.", short_peer(peer)),
            "The peer was already in the routing table; kad learned a new address for it.",
            "",
        ),
        Kad::UnroutablePeer { peer } => plain(
            kind,
            Verdict::Expected,
            say!(ctx, "Peer {} speaks kad but has no known listen address, so it stays out of the routing table.", short_peer(peer)),
            "The peer connected to this node and was confirmed to speak kad (a kad stream \
             succeeded, or identify listed the protocol). kad never takes an address from an inbound connection, because it may be \
             specific to that connection (a TCP source port), so it knows none to share or dial \
             for this peer and does not put it in the routing table: this node's queries will not \
             use it.",
            "Usual fix: feed identify's `listen_addrs` to kad with `kademlia.add_address(&peer_id, addr)` \
             when an identify `Received` event arrives.",
        ),
        Kad::RoutablePeer { peer, .. } => plain(
            kind,
            Verdict::Ok,
            say!(ctx, "Peer {} could join the routing table but was not inserted.", short_peer(peer)),
            "The peer has a known address, but its k-bucket is full or the app inserts peers itself \
             (BucketInserts::Manual).",
            "",
        ),
        Kad::PendingRoutablePeer { peer, .. } => plain(
            kind,
            Verdict::Ok,
            say!(ctx, "Peer {} waits for a place in a full k-bucket.", short_peer(peer)),
            "Its bucket is full (20 peers by default) and its least recently connected entry is \
             disconnected. kad dials that entry; if it is still disconnected when the pending timeout \
             (60 s by default) has passed, this peer takes its place (a RoutingUpdated with \
             `old_peer`), otherwise this peer is dropped.",
            "",
        ),
        Kad::ModeChanged { mode } if mode == "Server" => plain(
            kind,
            Verdict::Ok,
            "kad switched to server mode: this node now answers DHT requests.".into(),
            "The swarm confirmed an external address (AutoNAT, a relay reservation, UPnP or \
             `add_external_address`), so kad accepts inbound requests and offers its protocol \
             (`/ipfs/kad/1.0.0` by default) to peers. Other peers can now store records on this node.",
            "",
        ),
        Kad::ModeChanged { .. } => plain(
            kind,
            Verdict::Actionable,
            "kad switched to client mode: this node no longer answers DHT requests.".into(),
            "kad runs in client mode when the swarm has no confirmed external address. This node \
             lost its last one, so other peers' queries to it now fail with \"protocol not \
             supported\" and it stores no records for them.",
            "If this node should serve the DHT, call `kademlia.set_mode(Some(Mode::Server))`, or keep \
             an external address confirmed (AutoNAT, `swarm.add_external_address`).",
        ),
        Kad::InboundRequest { request, num_closer_peers, .. } => plain(
            kind,
            Verdict::Ok,
            match (request.as_str(), num_closer_peers) {
                // ADD_PROVIDER gets no answer, and PUT_VALUE's answer only echoes the record
                ("AddProvider", _) => "Accepted a provider announcement (ADD_PROVIDER) from another peer.".to_owned(),
                ("PutRecord", _) => "Accepted a record (PUT_VALUE) from another peer.".to_owned(),
                (_, Some(0)) => say!(ctx, "Answered a {request} request from another peer, with no closer peers to offer."),
                (_, Some(n)) => say!(ctx, "Answered a {request} request from another peer, offering {}.", count(*n, "closer peer")),
                (_, None) => say!(ctx, "Answered a {request} request from another peer."),
            },
            if matches!(request.as_str(), "AddProvider" | "PutRecord") {
                "This node is a kad server and accepted what another peer sent: with the default \
                 StoreInserts::Unfiltered kad has already stored it (`record: None`); with FilterBoth \
                 the event carries it (`record: Some(..)`) for the application to store."
            } else {
                "This node is a kad server and served another peer's query. `num_closer_peers: 0` means \
                 its routing table had nobody else to offer, which is normal in networks of two or three nodes."
            },
            "",
        ),
        Kad::Query(_) => unreachable!("queries are explained by `query`"),
    }
}

/// The JSON facts of a query.
fn facts(q: &Query) -> QueryFacts {
    QueryFacts {
        id: q.id,
        query_type: q.query_type.clone(),
        key: q.key.as_ref().map(|k| k.text.clone()),
        quorum: q.quorum,
        confirmations: q.confirmations.map(|c| c as u64),
        requests: q.stats.map(|s| s.requests),
        success: q.stats.map(|s| s.success),
        failure: q.stats.map(|s| s.failure),
        duration_ms: q.stats.and_then(|s| s.duration()).map(millis),
        last: q.step.map(|s| s.last),
    }
}

/// "75.96 ms (15872.5850591 s → 15872.6610159 s, a Windows Instant)".
fn timing(q: &Query, ctx: &Context) -> Option<String> {
    let stats = q.stats?;
    let (start, end, ns) = (stats.start?, stats.end?, stats.duration()?);
    Some(say!(
        ctx,
        "{} ({} s → {} s, a {} Instant)",
        human(ns),
        start.seconds(),
        end.seconds(),
        start.clock
    ))
}

/// "the query contacted 1 peer: 0 answered, 1 failed"
fn contacted(q: &Query, ctx: &Context) -> Option<String> {
    let s = q.stats?;
    let mut text = if two_phase(q) {
        say!(
            ctx,
            "The query sent {}, its lookup's and its puts' together (libp2p adds up the stats of both phases): {} succeeded, {} failed",
            count(s.requests, "request"),
            s.success,
            s.failure
        )
    } else {
        say!(
            ctx,
            "The query contacted {}: {} answered, {} failed",
            count(s.requests, "peer"),
            s.success,
            s.failure
        )
    };
    if s.pending() > 0 {
        text += &say!(
            ctx,
            ", {} never answered (still in flight, or unresponsive for 10 s)",
            s.pending()
        );
    }
    Some(text + ".")
}

/// Whether the query's stats add up two phases: a put (PutRecord,
/// RepublishRecord) or provider announcement that got past its lookup,
/// whose stats are the lookup's merged with the puts' (kad `behaviour.rs`,
/// `get_closest_peers_stats.merge`). A timeout's cover only its phase, and
/// a lookup that no peer answered found nobody to put to.
fn two_phase(q: &Query) -> bool {
    let puts = matches!(
        q.query_type.as_str(),
        "PutRecord" | "RepublishRecord" | "StartProviding" | "RepublishProvider"
    );
    puts && q.outcome != "Timeout" && q.stats.is_some_and(|s| s.success > 0)
}

/// The fewest distinct peers the stats prove: a query asks a peer at most
/// once per phase, so a two-phase query reached at least half its requests.
fn peers_reached(q: &Query, requests: u64) -> u64 {
    if two_phase(q) {
        requests.div_ceil(2)
    } else {
        requests
    }
}

/// `key` in a sentence: "`/llama/shard/1`", or "the key 0x12…(38 bytes)".
fn key_phrase(q: &Query, ctx: &Context) -> String {
    match &q.key {
        Some(k) if k.printable => say!(ctx, "`{}`", k.text),
        Some(k) => say!(ctx, "key {} ({} bytes)", k.text, k.len),
        None => "the key".into(),
    }
}

/// "3 peers", or "peers" when the event elides the list.
fn found(n: Option<usize>, noun: &str) -> String {
    match n {
        Some(n) => count(n as u64, noun),
        None => format!("{noun}s"),
    }
}

/// The peers a query needs for success: the quorum of a put, one otherwise.
/// A put whose quorum was cut off is judged by the largest one a default
/// configuration asks for (`Quorum::All`), so a cut line is never judged
/// harsher than the whole one.
fn needed(q: &Query) -> u64 {
    match q.query_type.as_str() {
        "PutRecord" | "RepublishRecord" => q.quorum.unwrap_or(REPLICATION_FACTOR),
        _ => 1,
    }
}

/// A put whose event shows no quorum (cut off, or elided).
fn quorum_unknown(q: &Query) -> bool {
    matches!(q.query_type.as_str(), "PutRecord" | "RepublishRecord") && q.quorum.is_none()
}

fn query(kind: &str, q: &Query, ctx: &Context) -> Explanation {
    let mut e = match (q.query_type.as_str(), q.outcome.as_str()) {
        (_, "QuorumFailed" | "Timeout") => failure(kind, q, ctx),
        ("GetRecord", "NotFound") => not_found(kind, q, ctx),
        _ => success(kind, q, ctx),
    };
    if let Some(line) = no_kad_server(e.peers, ctx).filter(|_| e.verdict == Verdict::Actionable) {
        let none = match e.peers.map_or(0, |p| p.count) {
            1 => "The one peer in its routing table is not a kad server",
            _ => "No peer in its routing table is a kad server",
        };
        e.summary = say!(ctx, "{} {none} (identify at line {line}).", e.summary);
    }
    e.query = Some(facts(q));
    e.timing = timing(q, ctx);
    e
}

/// The DESIGN.md rule: expected when the network is too small (`P ≤ needed`),
/// unless the routing table holds no kad server at all (reference §17 rules
/// 2 and 8): then the table, not the network's size, is at fault.
fn by_peers(peers: Option<Peers>, needed: u64, ctx: &Context) -> Verdict {
    match peers {
        Some(p) if p.count > needed => Verdict::Actionable,
        _ if no_kad_server(peers, ctx).is_some() => Verdict::Actionable,
        _ => Verdict::Expected,
    }
}

/// With the count from the routing table: the line of the last identify
/// that showed that none of its peers serves kad.
fn no_kad_server(peers: Option<Peers>, ctx: &Context) -> Option<u64> {
    let from_table = peers.is_some_and(|p| p.source == super::PeerSource::LogDht && p.count > 0);
    ctx.no_kad_server.filter(|_| from_table)
}

/// Ok results; those that reached nobody are judged like failures.
fn success(kind: &str, q: &Query, ctx: &Context) -> Explanation {
    let stats = q.stats.unwrap_or_default();
    let key = key_phrase(q, ctx);
    // a lookup that got no answer at all; a bootstrap's every step has
    // stats of its own (behaviour.rs continues it with fresh ones). A get
    // that reached nobody found only what this node's own store holds
    // (kad answers from it first, with zero stats), which proves nothing
    // about the DHT: judged like the other lookups.
    let lookup = match (q.query_type.as_str(), q.outcome.as_str()) {
        ("Bootstrap", _) => true,
        ("StartProviding" | "RepublishProvider" | "GetClosestPeers", _)
        | ("GetRecord" | "GetProviders", "FinishedWithNoAdditionalRecord") => q.is_final(),
        _ => false,
    };
    let reached_nobody =
        lookup && stats.success == 0 && q.stats.is_some() && q.peers_found.is_none_or(|n| n == 0);
    // a get whose finds can only have come from this node's store (kad ends
    // a GetRecord this way only after a find: `found_a_record`)
    let local_only = q.is_final() && q.stats.is_some() && stats.success == 0;
    let (summary, explanation): (String, std::borrow::Cow<'static, str>) = match (q.query_type.as_str(), q.outcome.as_str()) {
        ("PutRecord" | "RepublishRecord", _) => (
            say!(ctx, "{} of {key} succeeded: enough peers confirmed the record.", q.query_type),
            "At least as many peers as its quorum asked for acknowledged the record, and it is stored on this node too (unless it was sent with put_record_to). An acknowledgement is no proof of storage: a peer also acknowledges a record that has expired, one that names the peer itself as publisher, and, when it filters records (`StoreInserts::FilterBoth`), one its app has yet to store (kad behaviour.rs `record_received`).".into(),
        ),
        ("GetRecord", "FoundRecord") => match &q.found_at {
            Some(None) => (
                say!(ctx, "GetRecord of {key} found the record in this node's own store."),
                "The first answer of a GetRecord comes from the local record store, before any network activity (all stats are zero). It does not prove that any other peer holds the record.".into(),
            ),
            Some(Some(peer)) => (
                say!(ctx, "GetRecord of {key} found a copy at peer {}.", short_peer(peer)),
                "One copy of the record arrived from that peer; more may follow as further events with the same query id.".into(),
            ),
            None => (say!(ctx, "GetRecord of {key} found a copy."), "".into()),
        },
        ("GetRecord", _) => (
            "GetRecord finished: no further copies of the record were found.".into(),
            if local_only {
                "The lookup ended. No peer answered it, so the copy it found came from this node's own record store: nothing shows the record on any other peer.".into()
            } else {
                "The lookup ended. `cache_candidates` lists close peers that did not have the record (candidates for a write-back with `put_record_to`).".into()
            },
        ),
        ("GetProviders", "FoundProviders") => match q.providers {
            Some(0) => (
                say!(ctx, "A peer answered GetProviders for {key} without any provider."),
                "kad emits FoundProviders for every response, even an empty one; this is not a find. A peer leaves out providers it has no address for: those that announced themselves without a confirmed external address and are not in its routing table.".into(),
            ),
            n if q.stats.is_some_and(|s| s.start.is_none() && s.requests == 0) => (
                say!(ctx, "GetProviders for {key} found {} in this node's own store.", found(n, "provider")),
                "get_providers first lists the providers this node already knows, before any network activity (all stats are zero); the lookup goes on and more answers may follow.".into(),
            ),
            n => (
                say!(ctx, "GetProviders for {key} found {}.", found(n, "provider")),
                "One peer's answer listed these providers; more may follow.".into(),
            ),
        },
        ("GetProviders", _) => (
            "GetProviders finished: no further providers were found.".into(),
            if local_only && ctx.own_finds > 0 {
                "The lookup ended. No peer answered it, so the providers it found came from this node's own store.".into()
            } else {
                "The lookup ended; `closest_peers` are the peers that answered.".into()
            },
        ),
        ("Bootstrap", _) => {
            let (peer, remaining) = q.bootstrap.clone().unwrap_or_default();
            // only what the event shows: no step, count or stats invented
            // (a result logged without its event has no step: "Bootstrap
            // finished (2 bucket refreshes left)" contradicted itself)
            let what = match (q.step, remaining) {
                (Some(s), _) => say!(ctx, "Bootstrap step {}", s.count),
                (None, Some(n)) if n > 0 => "A bootstrap step".to_owned(),
                (None, _) => "Bootstrap".to_owned(),
            };
            let left = remaining.map_or(String::new(), |n| {
                say!(ctx, " ({} left)", count(n, "bucket refresh"))
            });
            let answered = q.stats.map_or(String::new(), |s| {
                say!(ctx, "; {} of {} answered", s.success, count(s.requests, "contacted peer"))
            });
            let look = if q.stats.is_some() {
                "look at `success`"
            } else {
                "the event's `stats`, which this text leaves out, tell"
            };
            (
                say!(ctx, "{what} finished{left}{answered}."),
                say!(ctx,
                    "A bootstrap is a lookup of this node's own id followed by one lookup of a random id per k-bucket to refresh{}. `Bootstrap(Ok)` only means this step ended, not that anybody answered: {look}.",
                    if peer.is_empty() {
                        String::new()
                    } else {
                        say!(ctx, "; this step looked up {}", short_peer(&peer))
                    }
                )
                .into(),
            )
        }
        ("StartProviding" | "RepublishProvider", _) => (
            if q.stats.is_some() && stats.success == 0 {
                say!(ctx,
                    "No peer was told that this node provides {key} (0 of {} succeeded); the provider record is only in this node's store.",
                    count(stats.requests, "request")
                )
            } else if q.stats.is_some() {
                say!(ctx,
                    "Announced this node as a provider of {key}; {} of {} succeeded.",
                    stats.success,
                    count(stats.requests, "request")
                )
            } else {
                say!(ctx, "Announced this node as a provider of {key}.")
            },
            "The query looked up the closest peers (FIND_NODE), then sent ADD_PROVIDER to those that answered. \
             ADD_PROVIDER has no acknowledgement and counts as a success as soon as it is queued, so `success` \
             adds up the lookup's answers and the announcements; 0 means no peer was told.".into(),
        ),
        ("GetClosestPeers", _) => (
            say!(ctx, "GetClosestPeers found {}.", found(q.peers_found, "peer")),
            "These are the closest peers to the key that answered the lookup.".into(),
        ),
        _ => (say!(ctx, "{} finished: {}.", q.query_type, q.outcome), "".into()),
    };
    let mut e = plain(kind, Verdict::Ok, summary, explanation, "");
    if reached_nobody {
        let peers = ctx.peers(Some(peers_reached(q, stats.requests)));
        e.verdict = by_peers(peers, 1, ctx);
        e.peers = peers;
        // the gets' text on a find from the local store already says so
        let said = local_only && (q.query_type == "GetRecord" || ctx.own_finds > 0);
        if matches!(q.query_type.as_str(), "GetRecord" | "GetProviders") {
            let only = if said {
                ": only this node's own store answered"
            } else {
                ""
            };
            e.summary = say!(
                ctx,
                "{} {} {key} got no answer from any peer{only}.",
                q.query_type,
                if q.query_type == "GetRecord" {
                    "of"
                } else {
                    "for"
                }
            );
        }
        // (found by the field test: a bootstrap whose only peer failed in
        // 0.4 ms did not say that was a refusal, as a failed query does)
        let speed = speed_reading(q).map_or(String::new(), |s| format!("{s} "));
        // the reading ("That is far below kad's 10 s request timeout")
        // refers to the duration, which must be said first, as a failed
        // query's text does: scan's lines and JSON have no timing line
        let took = timing(q, ctx)
            .filter(|_| stats.requests > 0)
            .map_or(String::new(), |t| say!(ctx, "It took {t}. "));
        e.explanation.to_mut().push_str(&say!(
            ctx,
            " {}{took}{speed}{}",
            if said {
                ""
            } else {
                "No peer answered this query (a peer asked that failed or did not answer counts in `failure`). "
            },
            verdict_sentence(e.verdict, peers, 1, false, ctx)
        ));
        e.advice = failure_advice(q, e.verdict, peers, ctx).into();
    }
    e
}
