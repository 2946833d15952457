//! `state`: the network view of each node, built from its events in log order.
//!
//! Owns, per node: the kad routing table (`RoutingUpdated`), kad mode
//! (`ModeChanged`), the peers it is connected to (`ConnectionEstablished` and
//! `ConnectionClosed`, by `num_established`), the history of its kad queries
//! by `QueryId`, the keys it stored, and how often each kind of event concerned
//! the same peer. From that it builds the [`Context`] an event is judged in.
//! Logs that interleave nodes keep one view per node; a source without node
//! names is one node, and a view notes the first sign that it holds several
//! ([`Mixed`]). It never prints and never reads the clock: time comes from
//! the log.

mod recent;

use std::collections::BTreeMap;

use foldhash::{HashMap, HashSet};

use crate::event::identify::{Identify, Info};
use crate::event::kad::Kad;
use crate::event::swarm::Swarm;
use crate::event::{Detail, Event};
use crate::input::clip;
use crate::knowledge::{Context, PeerSource, Peers};
use recent::Recent;

/// How many peers a view keeps in its routing table, and connected: far
/// more than kad's 256 buckets of 20, or a connection limit, allow; past it
/// a hostile log's new peers are not added (the counts stop growing).
const PEERS_KEPT: usize = 1 << 16;

/// How many nodes get a view of their own; see [`Network::admit`].
pub const MAX_NODES: usize = 4096;
/// The name the nodes past [`MAX_NODES`] share a view under.
pub const MORE_NODES: &str = "(more nodes)";

/// The views of every node seen so far.
#[derive(Debug, Default)]
pub struct Network {
    /// Each node's index in `views`, by name (`""`: the unnamed node).
    nodes: HashMap<String, usize>,
    views: Vec<Node>,
}

/// What one node's log has shown so far.
#[derive(Debug, Default)]
pub struct Node {
    /// Peers in the kad routing table ([`peer_key`]), and the line of the
    /// last change.
    routing: HashSet<u64>,
    routing_line: Option<u64>,
    /// Connections per peer, and the line of the last change.
    connections: HashMap<u64, u64>,
    connections_line: Option<u64>,
    /// A `ConnectionClosed` was seen: the log shows connections end
    /// ([`Sign::ConnectedAgain`]).
    closes_seen: bool,
    /// The addresses of its `NewListenAddr` events, not yet expired (the
    /// first [`LISTEN_KEPT`]), each with the listeners that reported it
    /// (two may share a port): [`Sign::DialledOwnListenAddr`].
    listening: HashMap<u64, Vec<Option<u64>>>,
    /// Peers whose last connection closed, with that line (the last
    /// [`recent::KEPT`] or more).
    left: Recent<u64, u64>,
    /// Peers whose last identify `Received` listed protocols but no kad one
    /// (kad clients, or nodes without kad), with that line.
    without_kad: HashMap<u64, u64>,
    /// How many peers of `routing` are in `without_kad`, and their identify
    /// lines (how many peers each), so that the latest is at hand as peers
    /// come and go.
    routing_without_kad: usize,
    routing_without_kad_lines: BTreeMap<u64, u32>,
    /// `Client` or `Server`, once a `ModeChanged` was seen.
    pub mode: Option<String>,
    /// A kad event or kad log line was seen: the node runs kad (kept
    /// across a restart: the same program).
    runs_kad: bool,
    /// Per query ([`find_key`]): reports that delivered a record or
    /// providers, from peers and from this node's own store.
    finds: HashMap<u64, (u64, u64)>,
    /// Keys this node stored with `PutRecord(Ok)`, by hash (the last
    /// [`recent::KEPT`] or more).
    published: Recent<u64, ()>,
    /// Per kind and subject, by [`seen_key`]: how many events were seen
    /// (for the last [`recent::KEPT`] or more pairs).
    seen: Recent<u64, u64>,
    /// How many events of this node were observed.
    pub events: u64,
    /// The clock time of the node's first event with a time stamp
    /// (milliseconds since midnight, as the log wrote it).
    first_time: Option<u64>,
    /// The peer id of the swarm's `local_peer_id=` line, once logged ([`clip`]ped).
    local_id: Option<String>,
    /// Ids of the queries whose last report was seen (kad counts them up
    /// per node, so one node finishes each id once).
    finished: HashSet<u64>,
    /// The first sign that this view holds several nodes' events.
    pub mixed: Option<Mixed>,
}

/// A sign that one view holds the events of several nodes: a log without
/// node names that interleaves them (several swarms in one process, or
/// several processes' logs concatenated). Peer counts, repeats and query
/// history are then merged across those nodes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mixed {
    /// The line that showed it.
    pub line: u64,
    pub sign: Sign,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sign {
    /// Another `local_peer_id` was logged: a second swarm, or this node
    /// restarted with a new key.
    LocalPeerIds { first: String, second: String },
    /// A query id finished a second time.
    QueryFinishedTwice(u64),
    /// `ConnectionEstablished` said `num_established: 1` for a peer that
    /// was already connected: another node's first connection to it, or,
    /// in a log that shows no connection close (`closes_seen`), maybe a
    /// reconnect of an app that does not log `ConnectionClosed`.
    ConnectedAgain { peer: String, closes_seen: bool },
    /// A connection this node dialled to an address it listens on was
    /// established: a node that dials itself fails (noise refuses the
    /// handshake, or the peer id is wrong), so another node listens there
    /// and logs to the same file.
    DialledOwnListenAddr { address: String },
}

impl Sign {
    /// The sign as a clause: "QueryId(3) finished a second time".
    pub fn describe(&self) -> String {
        match self {
            Sign::LocalPeerIds { first, second } => format!(
                "another local peer id was logged ({} after {}: a second swarm, or a restart with a new key)",
                crate::knowledge::text::short_peer(second),
                crate::knowledge::text::short_peer(first)
            ),
            Sign::QueryFinishedTwice(id) => format!("QueryId({id}) finished a second time"),
            Sign::ConnectedAgain { peer, closes_seen } => format!(
                "ConnectionEstablished counted a first connection to {}, which was already connected{}",
                crate::knowledge::text::short_peer(peer),
                if *closes_seen {
                    ""
                } else {
                    " (or the node reconnected and its app does not log ConnectionClosed: the log shows no connection closing)"
                }
            ),
            Sign::DialledOwnListenAddr { address } => format!(
                "a connection was dialled to {address} and established, an address the log's NewListenAddr said this node listens on (a node cannot connect to itself; unless two nodes on one host share that port, which libp2p-tcp's SO_REUSEPORT allows)"
            ),
        }
    }
}

/// A view keeps at most this many listen addresses, and this many listeners
/// of each.
const LISTEN_KEPT: usize = 1024;
const LISTENERS_KEPT: usize = 8;

/// A view keeps at most this many finished query ids, and queries with
/// finds; past it the set is cleared (a repeat of an id from before the
/// clearing goes unseen).
const FINISHED_KEPT: usize = 1 << 16;

impl Node {
    /// Notes the time stamp of one of the node's events: the first readable
    /// one is where the node started (parsed once, not per event).
    pub fn note_time(&mut self, time: &str) {
        if self.first_time.is_none() {
            self.first_time = stamp_millis(time);
        }
    }

    /// Milliseconds from the node's first timed event to a time stamp.
    /// `None` without a start or a readable clock time, or across midnight.
    pub fn since_start_ms(&self, time: &str) -> Option<u64> {
        stamp_millis(time)?.checked_sub(self.first_time?)
    }

    /// The peer id of the swarm's last `local_peer_id` line, if logged.
    pub fn local_id(&self) -> Option<&str> {
        self.local_id.as_deref()
    }

    /// Peers in the kad routing table, if any `RoutingUpdated` was seen.
    pub fn dht_peers(&self) -> Option<Peers> {
        self.routing_line.map(|line| Peers {
            count: self.routing.len() as u64,
            source: PeerSource::LogDht,
            line: Some(line),
        })
    }

    /// Connected peers, if any connection event was seen.
    pub fn connected_peers(&self) -> Option<Peers> {
        self.connections_line.map(|line| Peers {
            count: self.connections.len() as u64,
            source: PeerSource::LogConnected,
            line: Some(line),
        })
    }

    /// Records that `peer` now has `remaining` connections (0 = disconnected).
    pub fn set_connections(&mut self, peer: &str, remaining: u64, line: u64) {
        let peer = peer_key(peer);
        if remaining == 0 {
            if self.connections.remove(&peer).is_some() {
                *self.left.entry(peer) = line;
            }
        } else if let Some(n) = self.connections.get_mut(&peer) {
            *n = remaining;
        } else if self.connections.len() < PEERS_KEPT {
            self.connections.insert(peer, remaining);
        }
        self.connections_line = Some(line);
    }

    /// The context to judge `event` in: this view, before the event.
    pub fn context(&self, event: &Event, flag_peers: Option<u64>) -> Context {
        let subject = event.subject().map(peer_key);
        let mut ctx = Context {
            flag_peers,
            dht_peers: self.dht_peers(),
            connected_peers: self.connected_peers(),
            repeats: self.seen.get(&seen_key(event)).copied().unwrap_or(0),
            has_subject: event.subject().is_some(),
            runs_kad: self.runs_kad,
            // a view of several nodes has only the last one's id
            subject_is_self: self.mixed.is_none()
                && (self.local_id.as_deref())
                    .is_some_and(|id| event.subject().map(clip).as_deref() == Some(id)),
            connected_to_subject: subject
                .is_some_and(|peer| (self.connections.get(&peer)).is_some_and(|&n| n > 0)),
            subject_left: subject.and_then(|peer| self.left.get(&peer).copied()),
            no_kad_server: self.no_kad_server(),
            ..Context::default()
        };
        // a walk over the connections, for the one event that needs it
        if event.kind.ends_with(".NoKnownPeers") && self.mixed.is_none() {
            ctx.connected_without_kad = self.connected_without_kad();
        }
        if let Detail::Kad(Kad::Query(q)) = &event.detail {
            (ctx.earlier_finds, ctx.own_finds) = find_key(q, q.key.is_some())
                .and_then(|k| self.finds.get(&k))
                .copied()
                .unwrap_or_default();
            ctx.key_published = q
                .key
                .as_ref()
                .is_some_and(|k| self.published.get(&key_hash(&k.text)).is_some());
        }
        ctx
    }

    /// `listener` no longer listens on `address`; an address whose
    /// listener is not shown (`..`) is no longer listened on at all.
    fn stop_listening(&mut self, listener: Option<u64>, address: &str) {
        let key = peer_key(address);
        if let Some(listeners) = self.listening.get_mut(&key) {
            listeners.retain(|l| listener.is_some() && *l != listener);
            if listeners.is_empty() {
                self.listening.remove(&key);
            }
        }
    }

    /// Updates this view with `event`, seen at `line`.
    pub fn observe(&mut self, line: u64, event: &Event) {
        self.events += 1;
        *self.seen.entry(seen_key(event)) += 1;
        // kad's events, and kad's own log lines
        if event.kind.starts_with("kad.") {
            self.runs_kad = true;
        }
        // kad's "No known peers" (its own bootstrap's, or `bootstrap()`'s
        // error the app logged): the routing table is empty now, whatever
        // the log showed before (a restart the log does not mark, say); a
        // log without routing-table events still counts connected peers,
        // and a view of several nodes keeps the others' peers (found by
        // review: one node's line emptied a 20-node log's count)
        if event.kind.ends_with(".NoKnownPeers") && self.mixed.is_none() {
            self.routing_emptied();
            self.routing_line = self.routing_line.map(|_| line);
        }
        let kad = match &event.detail {
            Detail::Kad(kad) => kad,
            // `num_established` counts this peer's connections after the event
            Detail::Swarm(Swarm::NewListenAddr { listener, address }) => {
                let key = peer_key(&address.text);
                if self.listening.len() < LISTEN_KEPT || self.listening.contains_key(&key) {
                    let listeners = self.listening.entry(key).or_default();
                    if !listeners.contains(listener) && listeners.len() < LISTENERS_KEPT {
                        listeners.push(*listener);
                    }
                }
                return;
            }
            Detail::Swarm(Swarm::ExpiredListenAddr { listener, address }) => {
                self.stop_listening(*listener, &address.text);
                return;
            }
            // a closed listener's addresses expire without events of their own
            Detail::Swarm(Swarm::ListenerClosed {
                listener,
                addresses,
                ..
            }) => {
                for address in addresses {
                    self.stop_listening(*listener, &address.text);
                }
                return;
            }
            Detail::Swarm(Swarm::ConnectionEstablished {
                peer,
                num_established,
                endpoint,
                ..
            }) => {
                if let Some(address) = dialled_own_listen_addr(endpoint.as_ref(), &self.listening) {
                    self.note_mixed(line, || Sign::DialledOwnListenAddr {
                        address: clip(address).into_owned(),
                    });
                }
                if *num_established == Some(1) && self.connections.contains_key(&peer_key(peer)) {
                    let closes_seen = self.closes_seen;
                    self.note_mixed(line, || Sign::ConnectedAgain {
                        peer: clip(peer).into_owned(),
                        closes_seen,
                    });
                }
                self.set_connections(peer, num_established.unwrap_or(1), line);
                return;
            }
            // libp2p's own `Connection closed …` line: connections end here
            Detail::Message(_) if event.kind == "swarm.log.ConnectionClosed" => {
                self.closes_seen = true;
                return;
            }
            // `Swarm::new` logs it: a swarm starts here with nothing known
            // (a restart, or a second swarm in the process)
            Detail::Message(_) if event.kind == "swarm.log.LocalPeerId" => {
                let Some(id) = event.subject().map(clip) else {
                    return;
                };
                if let Some(first) = self.local_id.as_ref().filter(|&f| **f != *id) {
                    let first = first.clone();
                    self.note_mixed(line, || Sign::LocalPeerIds {
                        first,
                        second: id.clone().into_owned(),
                    });
                }
                self.local_id = Some(id.into_owned());
                self.restart(line);
                return;
            }
            Detail::Swarm(Swarm::ConnectionClosed {
                peer,
                num_established: Some(remaining),
                ..
            }) => {
                self.closes_seen = true;
                self.set_connections(peer, *remaining, line);
                return;
            }
            Detail::Identify(Identify::Received { peer, info }) => {
                // an `Info` logged alone names no peer to note it for
                if let Some(peer) = peer {
                    self.identified(peer, info, line, event.cut_short);
                }
                return;
            }
            _ => return,
        };
        match kad {
            Kad::RoutingUpdated { peer, old_peer, .. } => {
                // an address update of a known peer allocates nothing
                let peer = peer_key(peer);
                if !self.routing.contains(&peer) && self.routing.len() < PEERS_KEPT {
                    self.routing.insert(peer);
                    if let Some(&at) = self.without_kad.get(&peer) {
                        self.count_without_kad(Some(at), None);
                    }
                }
                if let Some(old) = old_peer.as_deref().map(peer_key) {
                    if self.routing.remove(&old) {
                        if let Some(&at) = self.without_kad.get(&old) {
                            self.count_without_kad(None, Some(at));
                        }
                    }
                }
                self.routing_line = Some(line);
            }
            Kad::ModeChanged { mode } => self.mode = Some(mode.clone()),
            Kad::Query(q) => {
                // a report whose step was cut off (a line over the cap) is no
                // proof that the query finished
                let last = q.step.is_some_and(|s| s.last);
                if let (Some(id), true) = (q.id, last && self.mixed.is_none()) {
                    if self.finished.len() >= FINISHED_KEPT {
                        self.finished.clear();
                    }
                    if !self.finished.insert(id) {
                        self.note_mixed(line, || Sign::QueryFinishedTwice(id));
                    }
                }
                // a copy from this node's own store, which kad reports
                // before asking any peer (`peer: None`, empty stats:
                // behaviour.rs get_record, get_providers), is no find of
                // the DHT's
                let own = q.found_at == Some(None) || q.stats.is_some_and(|s| s.requests == 0);
                let found = q.outcome == "FoundRecord" || q.providers.is_some_and(|n| n > 0);
                if found {
                    if self.finds.len() >= FINISHED_KEPT {
                        self.finds.clear();
                    }
                    // by key, and without it for the final event, which
                    // shows none (`FinishedWithNoAdditionalRecord`)
                    for k in [find_key(q, true), find_key(q, false)]
                        .into_iter()
                        .flatten()
                    {
                        let (peers, mine) = self.finds.entry(k).or_default();
                        *if own { mine } else { peers } += 1;
                    }
                }
                if let (true, "PutRecord", Some(key)) = (q.ok, q.query_type.as_str(), &q.key) {
                    self.published.entry(key_hash(&key.text));
                }
            }
            _ => {}
        }
    }
}

impl Node {
    /// A swarm started at `line`: no routing table, connections, mode or
    /// queries yet, and its start is the next time stamp (repeats and signs
    /// already seen stay).
    fn restart(&mut self, line: u64) {
        self.first_time = None;
        self.routing_emptied();
        // what peers said of kad may have changed while this node was down
        self.without_kad.clear();
        self.routing_line = self.routing_line.map(|_| line);
        self.connections.clear();
        self.connections_line = self.connections_line.map(|_| line);
        self.left.clear();
        self.mode = None;
        self.finds.clear();
        self.published.clear();
        self.finished.clear();
        // a restarted node listens anew (on a new container address, say)
        self.listening.clear();
        // kad's start-up bootstrap warns again: not a repeat of the one
        // before the restart (other events' repeats still count across it)
        *self.seen.entry(kind_key("kad.log.NoKnownPeers", None)) = 0;
    }

    /// The routing table holds no peer.
    fn routing_emptied(&mut self) {
        self.routing.clear();
        self.routing_without_kad = 0;
        self.routing_without_kad_lines.clear();
    }

    /// identify `Received` at `line`: whether the peer advertises kad. A
    /// list without protocols (elided) says nothing, and a cut-off one
    /// (`cut`) only that the peer serves kad: the rest of it is missing.
    fn identified(&mut self, peer: &str, info: &Info, line: u64, cut: bool) {
        let serves = info.serves_kad();
        if info.protocols.is_empty() || (cut && !serves) {
            return;
        }
        let peer = peer_key(peer);
        let in_routing = self.routing.contains(&peer);
        let earlier = self.without_kad.get(&peer).copied();
        if serves {
            self.without_kad.remove(&peer);
        } else if earlier.is_some() || self.without_kad.len() < PEERS_KEPT {
            self.without_kad.insert(peer, line);
        } else {
            return;
        }
        if in_routing {
            self.count_without_kad((!serves).then_some(line), earlier);
        }
    }

    /// A routing-table peer's identify line without kad: `added` (the peer
    /// now counts, by that line) and `removed` (its earlier line no longer
    /// does).
    fn count_without_kad(&mut self, added: Option<u64>, removed: Option<u64>) {
        let lines = &mut self.routing_without_kad_lines;
        if let Some(line) = removed {
            self.routing_without_kad -= 1;
            if let Some(n) = lines.get_mut(&line) {
                *n -= 1;
                if *n == 0 {
                    lines.remove(&line);
                }
            }
        }
        if let Some(line) = added {
            self.routing_without_kad += 1;
            *lines.entry(line).or_default() += 1;
        }
    }

    /// The line of the last identify without kad, when every connected
    /// peer's was such (none of them can enter the routing table).
    fn connected_without_kad(&self) -> Option<u64> {
        let mut last = None;
        for peer in self.connections.keys() {
            last = last.max(Some(*self.without_kad.get(peer)?));
        }
        last
    }

    /// When every peer in the (non-empty) routing table identified itself
    /// without a kad protocol: the line of the last such identify. (In a
    /// view of several nodes the table is their tables' union: if none of
    /// its peers serves kad, none of each node's does.)
    fn no_kad_server(&self) -> Option<u64> {
        let all = !self.routing.is_empty() && self.routing_without_kad == self.routing.len();
        let last = self.routing_without_kad_lines.last_key_value();
        last.filter(|_| all).map(|(&line, _)| line)
    }

    /// Keeps the first sign that this view holds several nodes.
    fn note_mixed(&mut self, line: u64, sign: impl FnOnce() -> Sign) {
        if self.mixed.is_none() {
            self.mixed = Some(Mixed { line, sign: sign() });
            self.finished = HashSet::default();
        }
    }
}

/// The key a query's finds are counted under: its id, type and (`with_key`)
/// key. Ids restart on every node, and a log without node names mixes the
/// nodes' `QueryId(3)`s: with the key, a bootstrap's timeout is no partial
/// success because some node's GetRecord 3 found records. A final event
/// that shows no key (`GetProviders(Ok(FinishedWithNoAdditionalRecord ..))`)
/// is looked up without it, and may then be mixed up in such a log (which
/// the mixed-nodes warning flags).
fn find_key(q: &crate::event::kad::Query, with_key: bool) -> Option<u64> {
    use std::hash::{BuildHasher, Hasher};
    let mut h = foldhash::quality::FixedState::with_seed(0x6669_6e64).build_hasher();
    h.write_u64(q.id?);
    h.write(q.query_type.as_bytes());
    h.write_u8(if with_key { 0xff } else { 0xfe });
    if with_key {
        h.write(q.key.as_ref().map_or("", |k| k.text.as_str()).as_bytes());
    }
    Some(h.finish())
}

/// A record key's 64-bit hash, for [`Node::published`] (a key can be up to
/// a line long; a collision would need about 2³² keys).
fn key_hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x6b65_7973).hash_one(key)
}

/// The address of an outbound connection that is one of `listening`
/// ([`Sign::DialledOwnListenAddr`]), without its `/p2p/<peer>`. Not a
/// hole-punched one, and not through a relay: a listen address through a
/// relay, written without this node's `/p2p`, is the circuit address of
/// every peer behind that relay.
fn dialled_own_listen_addr<'a>(
    endpoint: Option<&'a crate::event::swarm::Endpoint>,
    listening: &HashMap<u64, Vec<Option<u64>>>,
) -> Option<&'a str> {
    let Some(crate::event::swarm::Endpoint::Dialer {
        address,
        hole_punched: false,
    }) = endpoint
    else {
        return None;
    };
    let text = address.text.as_str();
    let bare = text.rfind("/p2p/").map_or(text, |at| &text[..at]);
    let own = !listening.is_empty()
        && !bare.contains("/p2p-circuit")
        && listening.contains_key(&peer_key(bare));
    own.then_some(bare)
}

/// What a view keeps of a peer id: a 64-bit hash, the same size however
/// long the id (a hostile log's ids can be a megabyte each).
fn peer_key(peer: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x7032_706c_6f67).hash_one(peer)
}

/// The key [`Node::seen`] counts an event under: a 64-bit hash of its kind
/// and subject. No strings are kept or compared per event (a subject can be
/// any of thousands of peers, and the lookup was a tenth of judging); two
/// pairs would share a count only on a hash collision, about n² / 2⁶⁵ for n
/// pairs: one in 10⁸ for a million.
fn seen_key(event: &Event) -> u64 {
    kind_key(&event.kind, event.subject())
}

/// [`seen_key`] of an event of `kind` about `subject`.
fn kind_key(kind: &str, subject: Option<&str>) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = foldhash::quality::FixedState::with_seed(0x7032_706c_6f67).build_hasher();
    h.write(kind.as_bytes());
    h.write_u8(0xff);
    h.write(subject.unwrap_or("").as_bytes());
    h.finish()
}

impl Network {
    /// The view of `node` (`None`: the source's only node).
    pub fn node(&self, node: Option<&str>) -> Option<&Node> {
        let k = *self.nodes.get(node.unwrap_or(""))?;
        self.views.get(k)
    }

    /// The name `node` is kept under: itself (its first
    /// [`crate::input::NAME_BYTES`]), or, once [`MAX_NODES`] views
    /// exist, [`MORE_NODES`] for a name not seen before (a log whose prefixes
    /// are all different keeps memory flat).
    pub fn admit<'a>(&self, node: Option<&'a str>) -> Option<&'a str> {
        // a longer name is known by its first bytes (borrowed: without `…`)
        match node.map(|n| crate::input::head(n, crate::input::NAME_BYTES)) {
            Some(n) if self.nodes.len() >= MAX_NODES && !self.nodes.contains_key(n) => {
                Some(MORE_NODES)
            }
            n => n,
        }
    }

    /// The view of `node`, created on first use.
    pub fn node_mut(&mut self, node: Option<&str>) -> &mut Node {
        let name = node.unwrap_or("");
        let k = match self.nodes.get(name) {
            Some(&k) => k,
            None => {
                self.views.push(Node::default());
                self.nodes.insert(name.to_owned(), self.views.len() - 1);
                self.views.len() - 1
            }
        };
        &mut self.views[k]
    }

    /// The names of the nodes seen, sorted (`""` is the unnamed node).
    pub fn node_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.nodes.keys().map(String::as_str).collect();
        names.sort();
        names
    }

    /// The context to judge `event` of `node` in: the view before the event.
    pub fn context(&self, node: Option<&str>, event: &Event, flag_peers: Option<u64>) -> Context {
        match self.node(node) {
            Some(n) => n.context(event, flag_peers),
            None => Context {
                flag_peers,
                ..Context::default()
            },
        }
    }

    /// Updates the view of `node` with `event`, seen at `line`.
    pub fn observe(&mut self, node: Option<&str>, line: u64, event: &Event) {
        self.node_mut(node).observe(line, event);
    }
}

/// The time of day in a line's time stamp, in milliseconds since midnight:
/// the first `HH:MM:SS` with an optional fraction, as RFC 3339
/// (`2026-11-24T09:56:43.8518Z`), env_logger and journald (`Nov 24 09:55:49`)
/// write it.
pub fn clock_millis(time: &str) -> Option<u64> {
    clock(time).map(|(_, ms)| ms)
}

/// A line's time stamp in milliseconds on its log's clock, to subtract one
/// from another: [`clock_millis`], or the seconds since start of tracing's
/// `uptime()` timer (`12.506019889s`, the padding trimmed).
pub fn stamp_millis(time: &str) -> Option<u64> {
    clock_millis(time).or_else(|| {
        // tracing's JSON keeps the padding in its `timestamp`
        let (secs, frac) = time.trim().strip_suffix('s')?.split_once('.')?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(secs) || !digits(frac) {
            return None;
        }
        let ms = frac.bytes().chain(std::iter::repeat(b'0')).take(3);
        let ms = ms.fold(0, |n, d| n * 10 + u64::from(d - b'0'));
        secs.parse::<u64>().ok()?.checked_mul(1000)?.checked_add(ms)
    })
}

/// Which of two line time stamps is earlier, when that can be told: both
/// start with an RFC 3339 date (`2026-11-24T09:56:43.85Z`, or with a space
/// for the `T`), and are ordered by the instant they name ([`time_key`]:
/// a UTC offset such as `+01:00` is applied, a stamp without one is taken
/// as UTC), then as text (finer than a millisecond; `09:55:55Z` comes
/// before `09:55:55.5Z`, which text order reverses). `None` for other
/// stamps (`Nov 24 10:00:01`: `Dec` sorts before `Nov` as text; a time of
/// day alone wraps at midnight).
pub fn time_order(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    keyed_time_order((a, time_key(a)), (b, time_key(b)))
}

/// What [`time_order`] reads of a time stamp, to keep beside it:
/// milliseconds since 1970-01-01T00:00Z, when the stamp starts with an
/// RFC 3339 date and time.
pub type TimeKey = Option<i64>;

/// Whether time stamp `new` is to replace `kept` as the first of a log:
/// one that can be ordered ([`time_order`]) wins over one that cannot, and
/// is replaced by an earlier one; of two that cannot, the first line's stays.
pub fn replaces_first(new: (&str, TimeKey), kept: (&str, TimeKey)) -> bool {
    match (new.1, kept.1) {
        (Some(_), Some(_)) => keyed_time_order(new, kept) == Some(std::cmp::Ordering::Less),
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// Whether time stamp `new` is to replace `kept` as the last of a log: as
/// [`replaces_first`], but by a later one, and of two that cannot be
/// ordered the later line's.
pub fn replaces_last(new: (&str, TimeKey), kept: (&str, TimeKey)) -> bool {
    match (new.1, kept.1) {
        (Some(_), Some(_)) => keyed_time_order(new, kept) != Some(std::cmp::Ordering::Less),
        (Some(_), None) | (None, None) => true,
        (None, Some(_)) => false,
    }
}

/// [`time_order`] of two time stamps and their [`time_key`]s.
pub fn keyed_time_order(
    (a, key_a): (&str, TimeKey),
    (b, key_b): (&str, TimeKey),
) -> Option<std::cmp::Ordering> {
    Some(key_a?.cmp(&key_b?).then_with(|| a.cmp(b)))
}

/// The [`TimeKey`] of a time stamp: `2026-11-24T10:55:43.6+01:00` has
/// the key of `2026-11-24T09:55:43.6Z`.
pub fn time_key(time: &str) -> TimeKey {
    let b = time.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let bytes = b.get(range)?;
        bytes
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| bytes.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let date = b.len() > 11 && b[4] == b'-' && b[7] == b'-' && matches!(b[10], b'T' | b' ');
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    if !date || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let (11, ms) = clock(time)? else {
        return None;
    };
    // the offset follows the seconds and their fraction: `Z`, `+01:00`, `-0530`
    let mut at = 19;
    if matches!(b.get(at), Some(b'.' | b',')) {
        at += 1 + b[at + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
    }
    let sign = match b.get(at) {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => 0,
    };
    let offset = if sign == 0 {
        0
    } else {
        let minutes = match b.get(at + 3) {
            Some(b':') => digits(at + 4..at + 6),
            // `+05`: hours alone
            None => Some(0),
            _ => digits(at + 3..at + 5),
        };
        match (digits(at + 1..at + 3), minutes) {
            (Some(h), Some(m)) if h < 24 && m < 60 => sign * (h * 60 + m) * 60_000,
            // a sign without hours and minutes is no offset
            _ => 0,
        }
    };
    Some(days_from_civil(year, month, day) * 86_400_000 + ms as i64 - offset)
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`); a day past the month's end counts on into the next.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Where the first `HH:MM:SS` of `time` starts, and [`clock_millis`].
fn clock(time: &str) -> Option<(usize, u64)> {
    let b = time.as_bytes();
    let two = |k: usize| -> Option<u64> {
        let (h, l) = (*b.get(k)?, *b.get(k + 1)?);
        (h.is_ascii_digit() && l.is_ascii_digit())
            .then(|| u64::from(h - b'0') * 10 + u64::from(l - b'0'))
    };
    let at_time = |k: usize| {
        b.get(k + 2) == Some(&b':')
            && b.get(k + 5) == Some(&b':')
            && two(k).is_some()
            && two(k + 3).is_some()
            && two(k + 6).is_some()
    };
    // RFC 3339 (`2026-11-24T09:56:43Z`) has it at 11: look there first
    let at = if at_time(11) {
        11
    } else {
        (0..b.len()).find(|&k| at_time(k))?
    };
    let (h, m, sec) = (two(at)?, two(at + 3)?, two(at + 6)?);
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let mut ms = (h * 3600 + m * 60 + sec) * 1000;
    if matches!(b.get(at + 8), Some(b'.' | b',')) {
        let digits = b[at + 9..].iter().take_while(|c| c.is_ascii_digit());
        for (scale, d) in [100, 10, 1].into_iter().zip(digits) {
            ms += u64::from(d - b'0') * scale;
        }
    }
    Some((at, ms))
}

#[cfg(test)]
mod tests;
