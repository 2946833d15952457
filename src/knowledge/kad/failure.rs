//! Failed kad queries: a quorum failure, a timeout, a GetRecord that found
//! nothing. Their verdict follows DESIGN.md's peer-count rule (`by_peers`),
//! with its exceptions for automatic republishing, partial successes and
//! lookups that got answers; the shared facts and helpers stay in the parent.

use super::super::text::{count, quorum_name};
use super::super::{Context, Explanation, PeerSource, Peers, Verdict};
use super::{
    by_peers, contacted, key_phrase, needed, no_kad_server, peers_reached, plain, quorum_unknown,
    timing, two_phase, REPLICATION_FACTOR,
};
use crate::event::kad::Query;
use crate::event::time::human;

/// Below this a failed query was refused, not timed out.
const FAST_NS: u128 = 1_000_000_000;
/// About the 10 s per-request (substream and FIND_NODE peer) timeout.
const REQUEST_TIMEOUT_NS: u128 = 9_500_000_000;
/// The default query timeout.
const QUERY_TIMEOUT_NS: u128 = 60_000_000_000;

/// What a failed query's duration says, given how it failed.
pub(super) fn speed_reading(q: &Query) -> Option<&'static str> {
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
    } else if s.failure == 0 && s.pending() == 0 {
        // a quorum failure where nobody failed: the quorum is too large
        "Every request that finished succeeded: no peer refused or timed out. The quorum asks for more \
         confirmations than the peers this query reached could give."
    } else if s.failure == 0 && ns >= REQUEST_TIMEOUT_NS {
        // a silent peer counts as a failure only when its request times out
        // while the query still runs (libp2p-kad 0.49 handler.rs, query.rs)
        "No request failed outright: the peers that never answered stopped holding the query up after \
         kad's 10 s peer timeout, and the query ended before their requests timed out. A silent peer \
         counts as a failure only when its request times out while the query still runs."
    } else if s.failure == 0 {
        "No request failed outright: the peers that never answered had not answered when the query \
         ended. A silent peer counts as a failure only when its request times out (10 s) while the \
         query still runs."
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

pub(super) fn verdict_sentence(
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

pub(super) fn failure(kind: &str, q: &Query, ctx: &Context) -> Explanation {
    // a GetRecord reports each record it finds as a step of its own (kad
    // 0.49 behaviour.rs, `GetRecordRes`: `step.next()` only with a record),
    // so a later step follows `count - 1` finds, whether the log shows them
    // (a paste may hold only this event) or not; with no peer answering
    // (`success: 0`) they were this node's own copy, which `get_record`
    // reports before asking anyone. A GetProviders steps on every answer,
    // empty or not: its steps count no finds.
    let stepped = match q.query_type.as_str() {
        "GetRecord" if q.stats.is_some_and(|s| s.success > 0) => {
            q.step.map_or(0, |s| s.count.saturating_sub(1))
        }
        _ => 0,
    };
    // the own copy, when the log showed it, is one of those steps
    let seen_in_log = ctx.earlier_finds + ctx.own_finds >= stepped;
    let ctx = &Context {
        earlier_finds: ctx.earlier_finds.max(stepped.saturating_sub(ctx.own_finds)),
        ..*ctx
    };
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
            Some(p) if p.source == PeerSource::Event => stats.success,
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
            // a bootstrap error logged without its event: no step to name,
            // but the refreshes left (as a finished step alone says them,
            // kad/mod.rs)
            let alone_left = match (q.step, q.bootstrap.as_ref().and_then(|b| b.1)) {
                (None, Some(n)) => Some(n),
                _ => None,
            };
            // a bootstrap step looks up a peer id, not a key
            let what = match q.query_type.as_str() {
                "Bootstrap" => match q.step {
                    Some(step) if step.count > 1 => {
                        say!(ctx, "Bootstrap step {} (a bucket refresh)", step.count)
                    }
                    _ if alone_left.is_some() => "A bootstrap step".to_owned(),
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
            let left = alone_left.map_or(String::new(), |n| {
                say!(ctx, " ({} left)", count(n, "bucket refresh"))
            });
            say!(
                ctx,
                "{what} timed out{took}{after}{left}{}.",
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
            "This query had already delivered {} {}, so the timeout only ended the search for more: a partial success. ",
            count(ctx.earlier_finds, "result"),
            if seen_in_log {
                "earlier in the log"
            } else if ctx.own_finds > 0 {
                // the own copy the log showed is left out of the count
                "from peers, in events of their own before this one (its step count says so)"
            } else {
                "in events of its own before this one (its step count says so; the first may be this node's own stored copy)"
            }
        );
    } else if q.query_type == "GetRecord" && q.outcome == "Timeout" && ctx.own_finds > 0 {
        explanation += "It delivered only this node's own stored copy (earlier in the log), which proves nothing about the DHT: no peer's. ";
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
        peers,
        ..plain(kind, verdict, summary, explanation, advice)
    }
}

/// A lookup (a bootstrap step, GetClosestPeers, a get, or a provider
/// announcement's, which times out only in its lookup) that timed out after
/// some peers answered: they did not fail it, the peers that did not answer
/// did. No lookup needs only one answer: it asks the closest peers it finds
/// until the 20 closest answered (query.rs, `num_results`), so the "needs
/// one answering peer" sentence would be wrong.
fn partial_lookup(q: &Query) -> bool {
    matches!(
        q.query_type.as_str(),
        "Bootstrap"
            | "GetClosestPeers"
            | "GetRecord"
            | "GetProviders"
            | "StartProviding"
            | "RepublishProvider"
    ) && q.outcome == "Timeout"
        && q.stats.is_some_and(|s| s.success > 0)
}

/// The actionable verdict's sentence for a [`partial_lookup`].
fn partial_sentence(q: &Query, stats: crate::event::kad::Stats, ctx: &Context) -> String {
    // query/peers/closest.rs: the lookup gives each peer `peer_timeout`,
    // 10 s, after which it no longer holds the lookup up; it ends when the
    // closest peers it found have answered, failed or run out their 10 s;
    // behaviour.rs `query_timeout` reports what it had
    let used = match q.query_type.as_str() {
        "Bootstrap" => ", and their answers were used (the peers it reached that run kad can enter the routing table)",
        "GetClosestPeers" => ", and their answers were used (the error carries the closest peers found so far)",
        // behaviour.rs: ADD_PROVIDER goes to the closest peers of a finished lookup
        "StartProviding" | "RepublishProvider" => ", but no peer was sent the provider record: kad sends it only to the closest peers a finished lookup found (it stays in this node's own store)",
        _ => "",
    };
    let why = match stats.duration() {
        Some(ns) if ns < REQUEST_TIMEOUT_NS => say!(ctx,
            "This one timed out after {}, before those 10 s were up: with a query timeout that short, a single peer that does not answer makes a lookup time out.",
            human(ns)
        ),
        _ => "A timeout that long means the lookup kept learning of new peers that did not answer (about three at a time, 10 s each): stale addresses, or nodes that are hung, overloaded or unreachable.".to_owned(),
    };
    say!(ctx,
        "Actionable: {} answered{used}, but the lookup did not finish. kad waits at most 10 s for each peer; a lookup ends when the closest peers it found have answered, failed or run out those 10 s. {why}",
        count(stats.success, "peer")
    )
}

/// A quorum failure where no request failed but some peers never answered.
fn silent_peers(q: &Query) -> bool {
    q.outcome == "QuorumFailed" && q.stats.is_some_and(|s| s.failure == 0 && s.pending() > 0)
}

/// `peers`: the count the verdict rests on, if any.
pub(super) fn failure_advice(
    q: &Query,
    verdict: Verdict,
    peers: Option<Peers>,
    ctx: &Context,
) -> String {
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
                    "This node knows just as many DHT peers as the query needs, so a single peer that fails is enough to fail it: find out why it did (a peer that refuses a record, its store full, logs `Record not stored` at INFO and never answers, so the request fails at kad's 10 s request timeout). "
                } else {
                    "This node knows just as many DHT peers as the query needs, so a single peer that fails is enough to fail it: find out why it did. "
                }
            }
            // more peers and still expected (an automatic republish): neither
            _ => {}
        }
    }
    // a quorum failure where no request failed: only the quorum is at fault
    let none_failed = q.outcome == "QuorumFailed"
        && q.stats
            .is_some_and(|s| s.requests > 0 && s.failure == 0 && s.pending() == 0);
    if none_failed {
        advice += "No peer failed: lower the quorum, or add kad servers. ";
    } else if silent_peers(q) {
        advice += "Check connectivity to the peers that did not answer (dial errors with Timeout or HandshakeTimedOut, ping failures): kad counts a silent peer as no failure. ";
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

pub(super) fn not_found(kind: &str, q: &Query, ctx: &Context) -> Explanation {
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
        repeats: None,
    }
}
