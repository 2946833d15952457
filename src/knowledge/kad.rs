//! Kademlia: verdicts and sentences for every kad kind.
//!
//! Facts used here come from libp2p-kad 0.49 (reference §3, §17): `put_record`
//! stores the record locally before any network activity; a query first looks
//! up the 20 closest peers (FIND_NODE, 10 s per peer), then a put sends PUT_VALUE
//! to the peers that answered; `quorum` is the evaluated count (`All` = 20,
//! `Majority` = 11 with the default replication factor); `requests − success −
//! failure` peers never answered; the 60 s query timeout is checked lazily and
//! per phase.

use super::text::{count, quorum_name, short_peer};
use super::{Context, Explanation, Peers, QueryFacts, Verdict};
use crate::event::kad::{Kad, Query};
use crate::event::time::{human, millis};

/// The replication factor libp2p uses unless configured (`K_VALUE`).
const REPLICATION_FACTOR: u64 = 20;
/// Below this a failed query was refused, not timed out.
const FAST_NS: u128 = 1_000_000_000;
/// About the 10 s per-request (substream and FIND_NODE peer) timeout.
const REQUEST_TIMEOUT_NS: u128 = 9_500_000_000;
/// The default query timeout.
const QUERY_TIMEOUT_NS: u128 = 60_000_000_000;

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

/// What a failed query's duration says, given how it failed.
fn speed_reading(q: &Query) -> Option<&'static str> {
    let s = q.stats?;
    if s.requests == 0 {
        return Some(
            "No peer was contacted at all: the routing table was empty when the query ran.",
        );
    }
    let ns = s.duration()?;
    Some(if q.outcome == "Timeout" {
        if ns < QUERY_TIMEOUT_NS {
            "The query timeout fired. libp2p checks it lazily, so the time shown is at least the \
             configured timeout: this node sets one shorter than the 60 s default (`set_query_timeout`)."
        } else {
            "The query timeout (60 s by default, checked lazily, so it can show up seconds late) fired \
             before enough peers answered."
        }
    } else if s.failure == 0 {
        // a quorum failure where nobody failed: the quorum is too large
        "Every request that finished succeeded: no peer refused or timed out. The quorum asks for more \
         confirmations than the peers this query reached could give."
    } else if ns < FAST_NS && s.failure == 1 {
        "That is far below kad's 10 s request timeout, so the peer that failed did so at once rather \
         than timing out: its dial was refused (a peer that went down stays in the routing table with its last \
         address), or it does not speak Kademlia (a rendezvous or relay bootnode added to the routing \
         table), or it is a kad node in client mode (\"protocol not supported\")."
    } else if ns < FAST_NS {
        "That is far below kad's 10 s request timeout, so the peers that failed did so at once rather \
         than timing out: their dials were refused (a peer that went down stays in the routing table with its last \
         address), or they do not speak Kademlia (a rendezvous or relay bootnode added to the routing \
         table), or they are kad nodes in client mode (\"protocol not supported\")."
    } else if ns < REQUEST_TIMEOUT_NS {
        "Slower than a refusal but below the 10 s request timeout: some peers answered slowly or dials took time."
    } else {
        "That is about the 10 s request timeout (or a multiple of it): peers did not answer and were given up on."
    })
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

fn verdict_sentence(
    verdict: Verdict,
    peers: Option<Peers>,
    needed: u64,
    quorum: bool,
    ctx: &Context,
) -> String {
    let need = if quorum {
        say!(ctx, "a quorum of {needed}")
    } else {
        "a lookup that needs one answering peer".to_owned()
    };
    if let (Some(line), Some(p)) = (no_kad_server(peers, ctx), peers) {
        let (none, each, what) = if p.count == 1 {
            ("that peer is not a kad server: it", " at line", "a kad client (kad's default until an external address is confirmed) or a node that runs no kad (a relay or rendezvous bootnode added with `add_address`)")
        } else {
            ("none of them is a kad server: each", ", last at line", "kad clients (kad's default until an external address is confirmed) or nodes that run no kad (relay or rendezvous bootnodes added with `add_address`)")
        };
        return say!(ctx,
            "Actionable: this node knows {}, but {none} identified itself without a kad protocol \
             (identify{each} {line}), as {what}. The query had no DHT peer to ask: a setup fault, not \
             a small network.",
            p.describe()
        );
    }
    let Some(known) = peers.map(|p| p.describe()) else {
        return say!(ctx,
            "Expected: no peer count is known (no `--peers`, no routing-table events before it, no query stats), \
             so nothing says the network could have satisfied {need}. Pass `--peers N` to judge it by the network's size."
        );
    };
    // a lower bound cannot show that the network is small (but a query that
    // contacted nobody shows an empty routing table)
    if let Some(p) = peers.filter(Peers::is_lower_bound) {
        if verdict != Verdict::Actionable {
            let asks = if quorum {
                say!(ctx, "{need} needs {needed} of them to store it")
            } else {
                "a lookup needs one of them to answer".to_owned()
            };
            return say!(ctx,
                "Expected as far as this event shows: its query contacted {}, and {asks}; the event \
                 alone does not say whether the network has more. If this node has more than {}, it \
                 is actionable: pass `--peers N`, or run p2plog over the node's whole log, whose \
                 routing-table events give the count.",
                count(p.count, "peer"),
                count(needed, "DHT peer")
            );
        }
    }
    match verdict {
        Verdict::Actionable => say!(ctx,
            "Actionable: this node knows {known}, more than {need} requires, so the network should have done better."
        ),
        // as many peers as needed: possible, but only if every one of them answers
        _ if quorum && peers.is_some_and(|p| p.count == needed && needed > 0) => say!(ctx,
            "Expected: this node knows {known}, just what {need} needs, so it succeeds only if every one \
             of them answers and stores it: one that is down, unreachable or not a kad server fails \
             it. It becomes actionable when the same failure shows up while the node knows more DHT \
             peers than that."
        ),
        _ if peers.is_some_and(|p| p.count == needed && needed > 0) => say!(ctx,
            "Expected: this node knows {known}, and the lookup needs an answer from one: a peer that is \
             down, unreachable or not a kad server leaves it without any. It becomes actionable when \
             the same failure shows up while the node knows more DHT peers than that."
        ),
        _ => say!(ctx,
            "Expected: this node knows {known}, and a network that small cannot satisfy {need}. It becomes \
             actionable when the same failure shows up while the node knows more DHT peers than that."
        ),
    }
}

fn failure(kind: &str, q: &Query, ctx: &Context) -> Explanation {
    let stats = q.stats.unwrap_or_default();
    let confirmations = q.confirmations.unwrap_or(0) as u64;
    // a pasted event may have no stats: then it says nothing about the peers
    let from_event = q
        .stats
        .map(|s| peers_reached(q, s.requests).max(confirmations))
        .or((confirmations > 0).then_some(confirmations));
    let peers = ctx.peers(from_event);
    let needed = needed(q);
    let key = key_phrase(q, ctx);
    let automatic_republish =
        q.query_type == "RepublishRecord" && q.quorum == Some(REPLICATION_FACTOR);
    let partial = partial_lookup(q);
    let verdict = if automatic_republish {
        // expected unless nobody stored it although DHT peers exist
        let dht_peers = match peers {
            Some(p) if p.source == super::PeerSource::Event => stats.success,
            Some(p) => p.count,
            None => 0,
        };
        if q.confirmations == Some(0) && dht_peers > 0 {
            Verdict::Actionable
        } else {
            Verdict::Expected
        }
    } else if ctx.earlier_finds > 0 {
        // a GetRecord/GetProviders that already delivered results: a partial success
        Verdict::Expected
    } else {
        by_peers(peers, needed, ctx)
    };

    let took = stats
        .duration()
        .map(|ns| say!(ctx, " in {}", human(ns)))
        .unwrap_or_default();
    let summary = match (q.outcome.as_str(), q.quorum) {
        // declared by kad 0.45–0.48 and never constructed (catalog entry)
        ("QuorumFailed", quorum) if q.query_type == "GetRecord" => {
            let quorum = quorum.map(|n| format!(" (quorum {n})")).unwrap_or_default();
            say!(ctx, "GetRecord of {key} reports QuorumFailed{quorum}, which libp2p itself never emits: fewer copies were found than the application asked for.")
        }
        ("QuorumFailed", quorum) => {
            let contacted = q.stats.map(|s| {
                let sent = if two_phase(q) {
                    count(s.requests, "request")
                } else {
                    say!(ctx, "{} contacted", count(s.requests, "peer"))
                };
                say!(ctx, " ({sent}, {} failed)", s.failure)
            });
            let short = match (q.confirmations, quorum) {
                (Some(n), Some(quorum)) => say!(
                    ctx,
                    "was confirmed by {n} of the {} its quorum requires",
                    count(quorum, "peer")
                ),
                (Some(n), None) => say!(
                    ctx,
                    "was confirmed by {}, fewer than its quorum requires",
                    count(n as u64, "peer")
                ),
                (None, _) => "was confirmed by fewer peers than its quorum requires".to_owned(),
            };
            say!(
                ctx,
                "{} of {key} {short}{}{took}.",
                q.query_type,
                contacted.unwrap_or_default()
            )
        }
        _ => {
            // a bootstrap step looks up a peer id, not a key
            let what = match q.query_type.as_str() {
                "Bootstrap" => match q.step {
                    Some(step) if step.count > 1 => {
                        say!(ctx, "Bootstrap step {} (a bucket refresh)", step.count)
                    }
                    _ => "Bootstrap".to_owned(),
                },
                query_type => say!(ctx, "{query_type} of {key}"),
            };
            let answered = q.stats.map(|s| {
                say!(
                    ctx,
                    "; {} of {} answered",
                    s.success,
                    count(s.requests, "contacted peer")
                )
            });
            let after = match ctx.earlier_finds {
                0 => String::new(),
                n => say!(ctx, " after delivering {}", count(n, "result")),
            };
            say!(
                ctx,
                "{what} timed out{took}{after}{}.",
                answered.unwrap_or_default()
            )
        }
    };

    let mut explanation = String::new();
    match q.query_type.as_str() {
        "PutRecord" => explanation += "put_record first stores the record in this node's own record store, then looks up the \
            closest peers to the key (FIND_NODE) and sends the record (PUT_VALUE) to the ones that answered \
            (put_record_to skips both the local store and the lookup). ",
        "RepublishRecord" => explanation += "This is kad's automatic re-publication of a record this node published \
            (every 22 h by default; 24 h in libp2p 0.53); it asks for Quorum::All, so it needs as many confirmations as the \
            replication factor (20 by default). ",
        "Bootstrap" => {
            explanation += "A bootstrap step is a lookup for this node's own id (then one per k-bucket to refresh). ";
            // kad computes the refreshes only after the self-lookup: none yet means it was that one
            if q.outcome == "Timeout" && matches!(q.bootstrap, Some((_, None))) {
                explanation += "This was the self-lookup, so with it timed out the bootstrap ends here without refreshing any bucket. ";
            }
            // behaviour.rs query_timeout: a refresh that times out with
            // targets left continues the bootstrap (`last: false`)
            if q.outcome == "Timeout" && q.step.is_some_and(|s| !s.last) {
                explanation += "This refresh's timeout does not end the bootstrap: kad goes on with the next bucket refresh under the same query id, and the bootstrap's last event has `last: true`. ";
            }
        }
        _ => {}
    }
    if q.query_type == "GetRecord" && q.outcome == "QuorumFailed" {
        explanation += "libp2p-kad 0.45–0.48 declared `GetRecordError::QuorumFailed` but no code path built it, and 0.49 removed it: `get_record` takes no quorum. An application built and logged this value itself. ";
    } else if let Some(quorum) = q.quorum {
        let confirmed = match q.confirmations {
            Some(n) => say!(ctx, "{n} of the {quorum}"),
            None => say!(ctx, "Fewer than the {quorum}"),
        };
        explanation += &say!(ctx,
            "{confirmed} remote copies required by `quorum: {quorum}` ({}) were confirmed; the record is still stored on this node{}. ",
            quorum_name(quorum),
            if q.query_type == "PutRecord" {
                " (unless it was sent with put_record_to)"
            } else {
                ""
            }
        );
    }
    if q.outcome == "Timeout"
        && matches!(
            q.query_type.as_str(),
            "PutRecord" | "RepublishRecord" | "StartProviding" | "RepublishProvider"
        )
    {
        explanation +=
            "On a timeout the stats cover only the phase that timed out (lookup or put). ";
    }
    if ctx.earlier_finds > 0 {
        explanation += &say!(ctx,
            "This query had already delivered {} earlier in the log, so the timeout only ended the search for more: a partial success. ",
            count(ctx.earlier_finds, "result")
        );
    } else if q.query_type == "GetRecord" && q.outcome == "Timeout" {
        explanation += "A GetRecord timeout does not mean the record is missing: earlier FoundRecord events of the same query id may have delivered copies. ";
    }
    if let Some(c) = contacted(q, ctx) {
        explanation += &c;
        explanation.push(' ');
    }
    if let Some(t) = timing(q, ctx) {
        explanation += &say!(ctx, "It took {t}. ");
    }
    if let Some(reading) = speed_reading(q) {
        explanation += reading;
        explanation.push(' ');
    }
    if automatic_republish {
        // its own rule (DESIGN.md): only a record nobody stored, with DHT peers known, is a problem
        explanation += "Automatic republishing uses Quorum::All, so it fails in any network with fewer than 20 kad servers near the key; that alone is no problem. ";
        explanation += &match (verdict, q.confirmations) {
            (Verdict::Actionable, _) => say!(ctx,
                "Actionable: no peer stored the record, although this node knows {}.",
                peers.map_or("peers".into(), |p| p.describe())
            ),
            (_, Some(0)) => "Expected: no peer stored it, but this node knows no DHT peer that could have.".to_owned(),
            (_, Some(n)) => say!(ctx, "Expected: {} stored it.", count(n as u64, "peer")),
            (_, None) => "Expected: it is a problem only if no peer stored the record while DHT peers are known, and this event does not show who stored it.".to_owned(),
        };
    } else if partial && verdict == Verdict::Actionable {
        explanation += &partial_sentence(q, stats, ctx);
    } else if ctx.earlier_finds == 0 {
        if quorum_unknown(q) {
            explanation += &say!(ctx,
                "The event does not show its quorum (cut off or elided), so p2plog judges it by the largest one a default configuration asks for, Quorum::All ({REPLICATION_FACTOR}). "
            );
        }
        let quorum = q.quorum.is_some() || quorum_unknown(q);
        explanation += &verdict_sentence(verdict, peers, needed, quorum, ctx);
    }

    let advice = failure_advice(q, verdict, peers, ctx);
    Explanation {
        kind: kind.to_owned(),
        verdict,
        summary,
        explanation: explanation.into(),
        advice: advice.into(),
        peers,
        query: None,
        timing: None,
    }
}

/// A lookup for peers (a bootstrap step, GetClosestPeers) that timed out
/// after some peers answered: they did not fail it, the peers that did not
/// answer did (the "needs one answering peer" sentence would be wrong).
fn partial_lookup(q: &Query) -> bool {
    matches!(q.query_type.as_str(), "Bootstrap" | "GetClosestPeers")
        && q.outcome == "Timeout"
        && q.stats.is_some_and(|s| s.success > 0)
}

/// The actionable verdict's sentence for a [`partial_lookup`].
fn partial_sentence(q: &Query, stats: crate::event::kad::Stats, ctx: &Context) -> String {
    // query.rs: the lookup's iterator (closest.rs) gives each peer
    // `peer_timeout`, 10 s, and ends when the closest ones have all
    // answered or failed; behaviour.rs `query_timeout` reports what it had
    let used = if q.query_type == "Bootstrap" {
        "the peers it reached that run kad can enter the routing table"
    } else {
        "the error carries the closest peers found so far"
    };
    let why = match stats.duration() {
        Some(ns) if ns < REQUEST_TIMEOUT_NS => say!(ctx,
            "This one timed out after {}, before those 10 s were up: with a query timeout that short, a single peer that does not answer makes a lookup time out.",
            human(ns)
        ),
        _ => "So peers among the closest did not answer within the query timeout: they left the network, or are overloaded or unreachable.".to_owned(),
    };
    say!(ctx,
        "Actionable: {} answered, and their answers were used ({used}), but the lookup did not finish. A lookup ends only when the closest peers it found have all answered or failed, and kad waits up to 10 s for each. {why}",
        count(stats.success, "peer")
    )
}

/// `peers`: the count the verdict rests on, if any.
fn failure_advice(q: &Query, verdict: Verdict, peers: Option<Peers>, ctx: &Context) -> String {
    let requests = q.stats.map(|s| s.requests);
    let fast = q
        .stats
        .and_then(|s| s.duration())
        .is_some_and(|ns| ns < FAST_NS);
    let mut advice = String::new();
    // (a timeout after earlier results is expected as a partial success, whatever the size)
    // (a lower bound from the event does not show the network is small)
    // with exactly as many peers as needed, the size is not the cause: one
    // of them failed (a full store refused the record, a peer left)
    let counted = peers.filter(|p| !p.is_lower_bound()).map(|p| p.count);
    if verdict == Verdict::Expected && ctx.earlier_finds == 0 {
        match counted {
            Some(n) if n < needed(q) => advice +=
                "The network is too small for this query to succeed, and that alone is no fault. ",
            Some(n) if n == needed(q) => {
                advice += if matches!(q.query_type.as_str(), "PutRecord" | "RepublishRecord") {
                    "This node knows just as many DHT peers as the query needs, so a single peer that fails is enough to fail it: find out why it did (a peer that refuses a record, its store full, logs `Record not stored` at INFO and never answers, so the put times out). "
                } else {
                    "This node knows just as many DHT peers as the query needs, so a single peer that fails is enough to fail it: find out why it did. "
                }
            }
            // more peers and still expected (an automatic republish): neither
            _ => {}
        }
    }
    // a quorum failure where no request failed: only the quorum is at fault
    let none_failed =
        q.outcome == "QuorumFailed" && q.stats.is_some_and(|s| s.requests > 0 && s.failure == 0);
    if none_failed {
        advice += "No peer failed: lower the quorum, or add kad servers. ";
    } else if requests == Some(0) {
        advice += "Give the node bootstrap peers: `kademlia.add_address(&peer_id, addr)` for peers that run kad, then `kademlia.bootstrap()`; check the dial errors of those addresses. ";
    } else if fast || q.outcome != "Timeout" || no_kad_server(peers, ctx).is_some() {
        let servers = match q.query_type.as_str() {
            "PutRecord" | "RepublishRecord" => "the nodes that should store records",
            "StartProviding" | "RepublishProvider" => "the nodes that should keep provider records",
            _ => "the nodes this one queries",
        };
        advice += &say!(ctx, "Make {servers} kad servers (`kademlia.set_mode(Some(Mode::Server))`, or confirm an external address), and `add_address` only peers whose identify protocols include `/ipfs/kad/1.0.0`, not relay or rendezvous bootnodes. To see which peer refused and why, run with RUST_LOG=libp2p_kad=debug and look for `Request to peer in query failed with …`. ");
    } else {
        advice += "Check connectivity to the peers that did not answer (dial errors with Timeout or HandshakeTimedOut, ping failures); if the network is just slow, raise `Config::set_query_timeout`. ";
    }
    if let Some(quorum) = q
        .quorum
        .filter(|&quorum| quorum > 1 && q.query_type == "PutRecord")
    {
        advice += &say!(ctx, "A quorum of {quorum} needs at least {quorum} kad servers near the key: use `Quorum::One` or `Quorum::N(k)` with k no larger than the number of DHT servers. ");
    }
    if q.query_type == "PutRecord"
        && q.confirmations == Some(0)
        && q.stats.is_some_and(|s| s.success > 0)
        && fast
    {
        advice += "If peers answered the lookup but every PUT failed, the record may exceed the receivers' 16 KiB message limit: shrink it or raise `set_max_packet_size` on all nodes. ";
    }
    advice.trim_end().to_owned()
}

fn not_found(kind: &str, q: &Query, ctx: &Context) -> Explanation {
    let stats = q.stats.unwrap_or_default();
    let answered = q.peers_found.unwrap_or(0) as u64;
    // what the event shows: an elided `closest_peers` and no stats say nothing
    let nobody_answered =
        (q.peers_found.is_some() || q.stats.is_some()) && answered == 0 && stats.success == 0;
    let peers = ctx.peers(Some(stats.requests));
    let verdict = if ctx.key_published {
        Verdict::Actionable
    } else if nobody_answered {
        by_peers(peers, 1, ctx)
    } else {
        Verdict::Expected
    };
    let key = key_phrase(q, ctx);
    let mut explanation = say!(ctx,
        "The lookup for {key} finished and no peer that answered (nor this node) holds the record. "
    );
    if let Some(c) = contacted(q, ctx) {
        explanation += &c;
        explanation.push(' ');
    }
    explanation += if ctx.key_published {
        "Actionable: this node stored this very key with a successful PutRecord earlier in the log, so the lookup should have found at least that copy's holders. "
    } else if nobody_answered {
        "Nobody answered, so this says nothing about the record: the DHT was not reachable. "
    } else {
        "This is normal when the key was never published, its publisher went offline and the record expired (48 h TTL by default; 36 h in libp2p 0.53), or it was published under a different key encoding. "
    };
    if nobody_answered && !ctx.key_published {
        explanation += &verdict_sentence(verdict, peers, 1, false, ctx);
    }
    Explanation {
        kind: kind.to_owned(),
        verdict,
        summary: if q.peers_found.is_some() || q.stats.is_some() {
            say!(
                ctx,
                "GetRecord of {key} found no record; {} answered.",
                count(answered, "peer")
            )
        } else {
            say!(ctx, "GetRecord of {key} found no record.")
        },
        explanation: explanation.into(),
        // nobody answered: the advice is the failed lookups' one, not about the record
        advice: if nobody_answered && !ctx.key_published {
            failure_advice(q, verdict, peers, ctx).into()
        } else {
            "If this key was just stored by a PutRecord that succeeded, compare the key bytes on both nodes; otherwise check that the publisher is online and republishing.".into()
        },
        peers: nobody_answered.then_some(peers).flatten(),
        query: None,
        timing: None,
    }
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
            "The record is stored on at least as many peers as its quorum asked for, and on this node too (unless it was sent with put_record_to).".into(),
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
                "The lookup ended. It reached no peer, so the copy it found came from this node's own record store: nothing shows the record on any other peer.".into()
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
            if local_only && ctx.earlier_finds > 0 {
                "The lookup ended. It reached no peer, so the providers it found came from this node's own store.".into()
            } else {
                "The lookup ended; `closest_peers` are the peers that answered.".into()
            },
        ),
        ("Bootstrap", _) => {
            let (peer, remaining) = q.bootstrap.clone().unwrap_or_default();
            // only what the event shows: no step, count or stats invented
            let step = q.step.map_or(String::new(), |s| say!(ctx, " step {}", s.count));
            let left = remaining.map_or(String::new(), |n| {
                say!(ctx, " ({} left)", count(n, "bucket refresh"))
            });
            let answered = q.stats.map_or(String::new(), |s| {
                say!(ctx, "; {} of {} answered", s.success, count(s.requests, "contacted peer"))
            });
            (
                say!(ctx, "Bootstrap{step} finished{left}{answered}."),
                say!(ctx,
                    "A bootstrap is a lookup of this node's own id followed by one lookup of a random id per k-bucket to refresh{}. `Bootstrap(Ok)` only means this step ended, not that anybody answered: look at `success`.",
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
        let said = local_only && (q.query_type == "GetRecord" || ctx.earlier_finds > 0);
        if matches!(q.query_type.as_str(), "GetRecord" | "GetProviders") {
            let only = if said {
                ": only this node's own store answered"
            } else {
                ""
            };
            e.summary = say!(
                ctx,
                "{} {} {key} reached no peer{only}.",
                q.query_type,
                if q.query_type == "GetRecord" {
                    "of"
                } else {
                    "for"
                }
            );
        }
        e.explanation.to_mut().push_str(&say!(
            ctx,
            " {}{}",
            if said {
                ""
            } else {
                "This query reached no peer. "
            },
            verdict_sentence(e.verdict, peers, 1, false, ctx)
        ));
        e.advice = failure_advice(q, e.verdict, peers, ctx).into();
    }
    e
}
