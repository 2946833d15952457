//! Reach: whether each node of a source reached any peer at all. A node
//! whose dials failed, and whose log shows no connection although it would
//! show one, gets one finding of kind [`NEVER_CONNECTED`], about the whole
//! log rather than one event:
//! the likely root of its other failures, and a failure of its own for
//! `--fail-on` (each failed dial alone may read as expected).
//!
//! Owns which kinds show a connection and which are failed dials; the
//! other findings are [`super::findings`]' job.

use foldhash::HashMap;

use super::findings::is_of;
use super::Finding;
use crate::knowledge::Verdict;

/// The kind of the finding about a node that reached no peer.
pub const NEVER_CONNECTED: &str = "summary.NeverConnected";

/// The kinds of findings about a whole log rather than a group of events:
/// `p2plog catalog` explains them, and `--allow` takes them.
pub const KINDS: &[&str] = &[NEVER_CONNECTED];

/// How many failed dials make a finding: one failed dial in an excerpt
/// says little about a node.
const DIALS: u64 = 2;

/// How many nodes of a source are followed; the rest get no finding.
const NODES: usize = crate::state::MAX_NODES;

/// Kinds of events that happen only over an established connection (a kind
/// or its prefix): one of them shows that the node reached a peer. Dial
/// failures, listen addresses, kad's routing table (`add_address` fills it
/// without a connection), API errors, and results that a failed dial can
/// cause (rendezvous' `RegisterFailed` and `DiscoverFailed`: request-response's
/// `DialFailure` becomes `ErrorCode::Unavailable`) are not among them.
const SHOW_A_CONNECTION: &[&str] = &[
    "swarm.ConnectionEstablished",
    "swarm.ConnectionClosed",
    "swarm.log.ConnectionEstablished",
    "swarm.log.ConnectionClosed",
    "swarm.log.IdleTimeoutHalved",
    "swarm.log.NoProtocolAgreed",
    "identify",
    "ping",
    "kad.InboundRequest",
    "kad.UnroutablePeer",
    "kad.RoutablePeer",
    "kad.PendingRoutablePeer",
    "kad.log.NewConnection",
    "kad.log.ConnectionModeChanged",
    "kad.log.InboundStreamDropped",
    "kad.log.RemoteProtocolChanged",
    "gossipsub.Subscribed",
    "gossipsub.Unsubscribed",
    "gossipsub.Message",
    "gossipsub.GossipsubNotSupported",
    "gossipsub.SlowPeer",
    "gossipsub.log.GraftFromDirectPeer",
    "gossipsub.log.OutboundStreamTimeout",
    "gossipsub.log.SendQueueFull",
    "request_response.Message",
    "request_response.ResponseSent",
    "request_response.InboundFailure",
    "request_response.OutboundFailure.ConnectionClosed",
    "request_response.OutboundFailure.Io",
    "request_response.OutboundFailure.Timeout",
    "request_response.OutboundFailure.UnsupportedProtocols",
    "relay",
    "dcutr",
    "autonat.InboundProbe",
    "autonat.OutboundProbe.Response",
    "autonat.StatusChanged.Public",
    "autonat.StatusChanged.Private",
    "autonat.v2.Client.Ok",
    "autonat.v2.Server",
    "rendezvous.Registered",
    "rendezvous.Discovered",
    "rendezvous.DiscoverServed",
    "rendezvous.DiscoverNotServed",
    "rendezvous.PeerRegistered",
    "rendezvous.PeerNotRegistered",
    "rendezvous.PeerUnregistered",
];

/// Whether `kind` is one of [`SHOW_A_CONNECTION`] (the first byte first:
/// most kinds differ there, and each event of a summary is looked up).
fn shows_a_connection(kind: &str) -> bool {
    let first = kind.as_bytes().first();
    (SHOW_A_CONNECTION.iter()).any(|k| k.as_bytes().first() == first && is_of(kind, k))
}

/// Whether an event of `kind` shows that the log would show the node's
/// connections too: libp2p-swarm's DEBUG lines (`Connection established`
/// is one of them; only `local_peer_id` is at INFO), or a `Dialing` event,
/// which an app prints with `Debug` when it prints every swarm event. An
/// app that logs only its dial errors says nothing of its connections.
/// Only lines in the words of libp2p 0.40 and later count, the versions
/// whose `Connection established` line p2plog reads: `Incoming connection
/// failed` reads the same in libp2p 0.30 to 0.39, whose `Connection
/// established: Connected { .. }` it does not (found by the review).
fn witnesses_connections(kind: &str) -> bool {
    kind == "swarm.Dialing"
        || kind.starts_with("swarm.log.")
            && !matches!(
                kind,
                "swarm.log.LocalPeerId" | "swarm.log.IncomingConnectionFailed"
            )
}

/// Whether `kind` is one of the signs of a node's start: its first
/// listen address, or libp2p-swarm's `local_peer_id` line.
fn is_start(kind: &str) -> bool {
    matches!(
        kind,
        "swarm.NewListenAddr" | "swarm.log.NewListenAddr" | "swarm.log.LocalPeerId"
    )
}

/// What one node's log showed of its reach.
#[derive(Debug, Default)]
struct Reach {
    connected: bool,
    /// The log would show a connection ([`witnesses_connections`]).
    witnessed: bool,
    /// The log shows the node's start before its first failed dial
    /// ([`is_start`]): it cannot have connected before the log began.
    from_start: bool,
    /// Failed dials reported as events (`OutgoingConnectionError`, the
    /// app's `DialError`), and as libp2p's own line; one dial may be both.
    events: u64,
    lines: u64,
    /// Dials the log shows starting (`Dialing`), and the dial errors of
    /// any kind that can end one (cancelled dials too): a started dial
    /// that no error ended may have connected, in words of the app's own.
    started: u64,
    ended: u64,
    first_line: u64,
    last_line: u64,
    /// The causes of the failed dials, of the events and of the lines,
    /// in order of appearance (the first [`CAUSES`]; the rest uncounted).
    causes: [Vec<(String, u64)>; 2],
}

/// How many distinct causes a node's finding names.
const CAUSES: usize = 4;

impl Reach {
    fn dials(&self) -> u64 {
        self.events.max(self.lines)
    }

    /// Every dial the log shows starting ended in an error.
    fn every_dial_ended(&self) -> bool {
        self.started <= self.ended.max(self.lines)
    }

    /// "2 connection refused, 1 timed out": the causes of whichever of
    /// events and lines counted more dials.
    fn causes(&self) -> String {
        let causes = &self.causes[usize::from(self.lines > self.events)];
        let named: Vec<String> = (causes.iter())
            .map(|(cause, n)| format!("{n} {}", crate::render::safe(cause)))
            .collect();
        named.join(", ")
    }
}

/// The reach of each node of the current source.
#[derive(Debug, Default)]
pub struct Reaches {
    by_node: HashMap<String, Reach>,
}

impl Reaches {
    fn node(&mut self, node: &str) -> Option<&mut Reach> {
        if !self.by_node.contains_key(node) && self.by_node.len() < NODES {
            self.by_node.insert(node.to_owned(), Reach::default());
        }
        self.by_node.get_mut(node)
    }

    /// Notes that `node` had a connection (its count of connected peers
    /// rose above zero).
    pub fn connected(&mut self, node: &str) {
        if let Some(r) = self.node(node) {
            r.connected = true;
        }
    }

    /// Notes one explained event (see [`Reaches::event`]).
    pub fn report(&mut self, r: &crate::render::Report<'_>) {
        let e = &r.explanation;
        let answered = e.query.as_ref().and_then(|q| q.success);
        let node = r.node.unwrap_or("");
        self.event(node, &e.kind, answered, r.line, r.cause.as_deref());
    }

    /// Notes one event of `node` (`""`: the unnamed one): `answered`, how
    /// many peers a kad query's stats say answered it; `cause`, a failed
    /// dial's.
    pub fn event(
        &mut self,
        node: &str,
        kind: &str,
        answered: Option<u64>,
        line: u64,
        cause: Option<&str>,
    ) {
        let shows_a_connection = answered.is_some_and(|n| n > 0) || shows_a_connection(kind);
        let ended_dial = (is_of(kind, "swarm.OutgoingConnectionError")
            || is_of(kind, "swarm.DialError"))
            && !kind.ends_with(".DialPeerConditionFalse");
        let failed_dial = ended_dial && !kind.ends_with(".Aborted");
        let failed_line = kind == "swarm.log.ConnectionAttemptFailed";
        let witness = witnesses_connections(kind);
        let start = is_start(kind);
        if !(shows_a_connection || ended_dial || failed_line || witness || start) {
            return;
        }
        let Some(r) = self.node(node) else { return };
        r.witnessed |= witness;
        r.from_start |= start && r.dials() == 0;
        r.started += u64::from(kind == "swarm.Dialing");
        r.ended += u64::from(ended_dial);
        if shows_a_connection {
            r.connected = true;
            return;
        }
        if !(failed_dial || failed_line) {
            return;
        }
        if r.dials() == 0 {
            r.first_line = line;
        }
        r.last_line = line;
        if failed_dial {
            r.events += 1;
        } else {
            r.lines += 1;
        }
        let causes = &mut r.causes[usize::from(failed_line)];
        let cause = cause.unwrap_or("other errors");
        match causes.iter().position(|(c, _)| c == cause) {
            Some(k) => causes[k].1 += 1,
            None if causes.len() < CAUSES => causes.push((cause.to_owned(), 1)),
            None => {}
        }
    }

    /// The findings of the source `source`, whose nodes are done.
    pub fn finish(&mut self, source: &str) -> Vec<Finding> {
        let mut nodes: Vec<(String, Reach)> = (self.by_node.drain())
            .filter(|(_, r)| {
                !r.connected && r.witnessed && r.dials() >= DIALS && r.every_dial_ended()
            })
            .collect();
        nodes.sort_by(|a, b| super::natural(&a.0, &b.0));
        (nodes.into_iter())
            .map(|(node, r)| {
                let who = match node.as_str() {
                    "" => String::new(),
                    name => format!(" on {}", crate::render::safe(name)),
                };
                // an excerpt may begin after the node connected
                let excerpt = match r.from_start {
                    true => "",
                    false => {
                        " (the log does not show the node's start: if it connected before \
                         the log begins, read the failures below on their own)"
                    }
                };
                Finding {
                    verdict: Verdict::Actionable,
                    kind: NEVER_CONNECTED.to_owned(),
                    cause: None,
                    count: r.dials(),
                    source: source.to_owned(),
                    first_line: r.first_line,
                    last_line: r.last_line,
                    text: format!(
                        "{NEVER_CONNECTED}{who}: {} dials failed ({}), and no connection to \
                         any peer shows in the log{excerpt}. A node that reaches no peer takes \
                         no part in the network, and any failed queries follow from that. \
                         Check that the peers it dials (its bootnodes) are up and reachable \
                         from this host, that each address's /p2p id is theirs, and that the \
                         node has the transports those addresses need.",
                        r.dials(),
                        r.causes(),
                    ),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REFUSED: Option<&str> = Some("connection refused");

    /// A failed dial of `kind` at `line`, refused.
    fn fail(r: &mut Reaches, node: &str, kind: &str, line: u64) {
        r.event(node, kind, None, line, REFUSED);
    }

    /// The nodes `r` has findings for, with their counts.
    fn unreached(r: &mut Reaches) -> Vec<(String, u64)> {
        (r.finish("x.log").into_iter())
            .map(|f| (f.text.split(':').next().unwrap().to_owned(), f.count))
            .collect()
    }

    #[test]
    fn two_failed_dials_and_no_connection_make_a_finding() {
        let mut r = Reaches::default();
        r.event("n", "swarm.Dialing", None, 1, None);
        fail(&mut r, "n", "swarm.OutgoingConnectionError.Transport", 2);
        // one failed dial is not enough (and finishing starts afresh)
        assert_eq!(unreached(&mut r), []);
        r.event("n", "swarm.Dialing", None, 3, None);
        fail(&mut r, "n", "swarm.OutgoingConnectionError.Transport", 4);
        fail(&mut r, "n", "swarm.OutgoingConnectionError.Transport", 5);
        r.event("n", "swarm.Dialing", None, 6, None);
        fail(&mut r, "n", "swarm.OutgoingConnectionError.Transport", 7);
        let f = r.finish("x.log");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].first_line, f[0].last_line, f[0].count), (4, 7, 3));
        assert!(f[0]
            .text
            .contains("on n: 3 dials failed (3 connection refused)"));
        assert_eq!(
            unreached(&mut r),
            [],
            "finish starts the next source afresh"
        );
    }

    #[test]
    fn any_sign_of_a_connection_makes_no_finding() {
        let signs: [(&str, Option<u64>); 4] = [
            ("swarm.ConnectionEstablished", None),
            ("identify.Received", None),
            ("swarm.log.ConnectionEstablished", None),
            ("kad.PutRecord.QuorumFailed", Some(1)),
        ];
        for (kind, answered) in signs {
            let mut r = Reaches::default();
            r.event("", "swarm.Dialing", None, 1, None);
            fail(&mut r, "", "swarm.DialError.Transport", 2);
            r.event("", kind, answered, 3, None);
            fail(&mut r, "", "swarm.DialError.Transport", 4);
            assert_eq!(unreached(&mut r), [], "{kind}");
        }
        let mut r = Reaches::default();
        r.event("", "swarm.Dialing", None, 1, None);
        fail(&mut r, "", "swarm.DialError.Transport", 2);
        fail(&mut r, "", "swarm.DialError.Transport", 4);
        r.connected("");
        assert_eq!(unreached(&mut r), []);
    }

    /// A query no peer answered, `add_address`'s routing update, or the
    /// node's own peer id line are no connection; the latter is at INFO,
    /// where `Connection established` is not, so it witnesses nothing.
    #[test]
    fn no_connection_is_seen_in_what_needs_none() {
        let mut r = Reaches::default();
        r.event("", "swarm.log.LocalPeerId", None, 1, None);
        r.event("", "kad.RoutingUpdated", None, 2, None);
        fail(&mut r, "", "swarm.OutgoingConnectionError.Transport", 3);
        fail(&mut r, "", "swarm.OutgoingConnectionError.Transport", 4);
        r.event("", "kad.PutRecord.QuorumFailed", Some(0), 5, None);
        assert_eq!(
            unreached(&mut r),
            [],
            "nothing shows the log would show a connection"
        );
        r.event("", "swarm.Dialing", None, 1, None);
        fail(&mut r, "", "swarm.OutgoingConnectionError.Transport", 3);
        fail(&mut r, "", "swarm.OutgoingConnectionError.Transport", 4);
        r.event("", "kad.RoutingUpdated", None, 5, None);
        r.event("", "kad.PutRecord.QuorumFailed", Some(0), 6, None);
        assert_eq!(unreached(&mut r), [(NEVER_CONNECTED.to_owned(), 2)]);
    }

    /// libp2p's own line for a failed dial witnesses its DEBUG lines, and
    /// counts with the event it repeats once; cancelled dials and dials
    /// the condition forbade count not at all.
    #[test]
    fn a_dial_logged_twice_counts_once_and_cancelled_dials_not_at_all() {
        let mut r = Reaches::default();
        for line in [1, 3] {
            fail(&mut r, "", "swarm.log.ConnectionAttemptFailed", line);
            r.event(
                "",
                "swarm.OutgoingConnectionError.Transport",
                None,
                line + 1,
                REFUSED,
            );
        }
        r.event("", "swarm.DialError.Aborted", None, 5, None);
        r.event("", "swarm.DialError.DialPeerConditionFalse", None, 6, None);
        r.event("", "swarm.OutgoingConnectionError.Aborted", None, 7, None);
        let f = r.finish("x.log");
        assert_eq!((f[0].count, f[0].last_line), (2, 4));
        assert!(f[0].text.contains("2 dials failed (2 connection refused)"));
        let mut r = Reaches::default();
        r.event("", "swarm.Dialing", None, 1, None);
        r.event("", "swarm.DialError.Aborted", None, 2, None);
        r.event("", "swarm.DialError.DialPeerConditionFalse", None, 3, None);
        assert_eq!(unreached(&mut r), []);
    }

    /// An app that prints swarm events with `Debug` but a connection in
    /// words of its own (`Connected to 12D3…`) shows a dial that started
    /// and never failed: it may have connected, and makes no finding.
    #[test]
    fn a_dial_that_started_and_did_not_fail_may_have_connected() {
        let mut r = Reaches::default();
        r.event("", "swarm.Dialing", None, 1, None);
        for line in [2, 4] {
            r.event("", "swarm.Dialing", None, line, None);
            r.event("", "swarm.DialError.Transport", None, line + 1, REFUSED);
        }
        assert_eq!(unreached(&mut r), []);
        // a cancelled dial ended too, though it is no failure
        r.event("", "swarm.Dialing", None, 1, None);
        r.event("", "swarm.OutgoingConnectionError.Aborted", None, 2, None);
        for line in [3, 5] {
            r.event("", "swarm.Dialing", None, line, None);
            r.event("", "swarm.DialError.Transport", None, line + 1, REFUSED);
        }
        assert_eq!(unreached(&mut r), [(NEVER_CONNECTED.to_owned(), 2)]);
    }

    /// Every kind named is one p2plog gives (or the start of some), so a
    /// renamed kind cannot silently drop out; and the handler's stream
    /// timeout and a connected peer's full send queue show a connection
    /// (libp2p-v0.56.0 protocols/gossipsub/src/handler.rs:528,
    /// behaviour.rs:2880-2896).
    #[test]
    fn the_kinds_that_show_a_connection_are_kinds() {
        let kinds = crate::event::kinds();
        for k in SHOW_A_CONNECTION {
            assert!(kinds.iter().any(|kind| is_of(kind, k)), "{k}");
        }
        for kind in [
            "gossipsub.log.OutboundStreamTimeout",
            "gossipsub.log.SendQueueFull",
        ] {
            let mut r = Reaches::default();
            r.event("", "swarm.Dialing", None, 1, None);
            fail(&mut r, "", "swarm.DialError.Transport", 2);
            fail(&mut r, "", "swarm.DialError.Transport", 3);
            r.event("", kind, None, 4, None);
            assert_eq!(unreached(&mut r), [], "{kind}");
        }
    }

    /// Found by the review: an excerpt that begins after the node connected
    /// read as a node that never did. Without the node's start in the log,
    /// the finding says so.
    #[test]
    fn an_excerpt_without_the_node_s_start_says_it_may_have_connected_before() {
        for (start, says) in [(Some("swarm.NewListenAddr"), false), (None, true)] {
            let mut r = Reaches::default();
            if let Some(kind) = start {
                r.event("", kind, None, 1, None);
            }
            for line in [2, 3] {
                fail(&mut r, "", "swarm.log.ConnectionAttemptFailed", line);
            }
            let text = &r.finish("x.log")[0].text;
            assert_eq!(
                text.contains("does not show the node's start"),
                says,
                "{text}"
            );
        }
    }

    /// libp2p 0.30 to 0.39 wrote `Incoming connection failed` in today's
    /// words, but their `Connection established` in words p2plog does not
    /// read: that line witnesses nothing.
    #[test]
    fn an_incoming_failure_line_of_any_version_witnesses_nothing() {
        let mut r = Reaches::default();
        r.event("", "swarm.log.IncomingConnectionFailed", None, 1, None);
        fail(&mut r, "", "swarm.DialError.Transport", 2);
        fail(&mut r, "", "swarm.DialError.Transport", 3);
        assert_eq!(unreached(&mut r), []);
    }
}
