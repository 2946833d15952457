//! Failed connections: `DialError` (the event's, `dial()`'s, or one logged on
//! its own) and `ListenError`, with the connection denials inside them (§17
//! rules 12 and 13). Who dialled decides much: see [`Origin`].

use super::super::text::short_peer;
use super::super::transport::{
    dial_cause_headline, incoming_leaf_words, is_fd_limit, is_local_dial_error, is_unreachable,
    leaf_words, per_address,
};
use super::super::{Context, Explanation, Verdict};
use super::addr_text;
use crate::event::swarm::{Denial, DialErr, ListenErr};
use crate::event::transport::{Addr, AddrClass, Cause, Leaf};

/// Who made a dial, as far as the event tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::knowledge) enum Origin<'a> {
    /// The app dialled a bare address (`peer_id: None`, "unknown peer").
    AppAddress,
    /// The app called `dial()`, which returned the error itself.
    AppCall,
    /// A dial of this peer id, by a behaviour or by the app.
    Peer(&'a str),
    /// A dial of a peer id the line does not name.
    UnnamedPeer,
    /// A `DialError` logged on its own: nothing says who dialled.
    Unknown,
}

impl Origin<'_> {
    fn by_app(self) -> bool {
        matches!(self, Origin::AppAddress | Origin::AppCall)
    }
}

/// "peer 12D3KooW…NASuq", "an address (no peer id)", "a peer".
fn whom(origin: Origin<'_>) -> String {
    match origin {
        Origin::Peer(p) => format!("peer {}", short_peer(p)),
        Origin::AppAddress => "an address (no peer id)".into(),
        Origin::AppCall | Origin::UnnamedPeer | Origin::Unknown => "a peer".into(),
    }
}

/// `DialError` in any of its forms (rule 12).
pub(in crate::knowledge) fn dial(
    kind: &str,
    origin: Origin<'_>,
    error: &DialErr,
    ctx: &Context,
) -> Explanation {
    let target = if ctx.brief {
        String::new()
    } else {
        whom(origin)
    };
    let app_dial = origin.by_app();
    let (verdict, summary, mut explanation, advice): (Verdict, String, String, &str) = match error {
        DialErr::Transport(errors) => return transport(kind, origin, errors, ctx),
        DialErr::WrongPeerId { obtained, address } => {
            let verdict = if ctx.repeats >= 1 { Verdict::Actionable } else { Verdict::Expected };
            (
                verdict,
                say!(ctx,
                    "Dialled {target} at {}, but the node there is {}.",
                    address.as_ref().map_or("its address", |a| a.text.as_str()),
                    short_peer(obtained)
                ),
                "The security handshake proved that the node at this address has a different peer id than the `/p2p/` part of the address (or the peer id dialled). Either the peer restarted with a new key on the same address, or the address book is stale, or two nodes took turns on one IP and port. Expected once after such a restart; actionable when it repeats.".into(),
                "Update the peer id in your configuration (bootstrap list, `add_address` calls) to the one obtained, or the address to where the expected peer now listens; a node that should keep its id must persist its key.",
            )
        }
        DialErr::LocalPeerId { address } => (
            if app_dial { Verdict::Actionable } else { Verdict::Expected },
            say!(ctx, "Dialled {target}, and the node at {} is this node itself.", address.as_ref().map_or("that address", |a| a.text.as_str())),
            "libp2p refuses a connection to itself. A behaviour can learn one of this node's own addresses from other peers; that is harmless. If the app dialled it, one of its configured addresses points at this node.".into(),
            "Remove this node's own address from its bootstrap or peer list.",
        ),
        DialErr::Aborted => (
            Verdict::Expected,
            say!(ctx, "The dial to {target} was aborted."),
            "The pending dial was cancelled while it was dialling: the app called `disconnect_peer_id`, or a behaviour closed all connections to the peer (`ToSwarm::CloseConnection` with `CloseConnection::All`).".into(),
            "",
        ),
        DialErr::Denied(denial) => {
            let (verdict, words) = denied(denial, ctx);
            (
                verdict,
                say!(ctx, "A behaviour refused the connection to {target}: {words}."),
                say!(ctx, "A `NetworkBehaviour` (connection-limits, memory-connection-limits, allow/block list, or your own) denied the connection before or right after it was established.{}", ctx.repeat_note()),
                "If the limit is too tight for your network, raise it; if the peer should be allowed, check the allow and block lists.",
            )
        }
        DialErr::NoAddresses => (
            Verdict::Actionable,
            "`dial()` found no address to dial.".into(),
            "No address was given and no behaviour knows one for the peer. Nothing was dialled.".into(),
            "Dial with an address, or add the peer's address to a behaviour (e.g. `kademlia.add_address`) first.",
        ),
        DialErr::DialPeerConditionFalse(condition) => (
            Verdict::Expected,
            say!(ctx, "`dial()` did nothing: the condition `{condition}` was false."),
            {
                let why = match condition.as_str() {
                    "Disconnected" => "the node is already connected to the peer",
                    "NotDialing" => "the node is already dialling the peer",
                    _ => "the node is already connected to the peer or dialling it",
                };
                say!(ctx, "The dial asked to dial only if the peer is `{condition}` (the default is `DisconnectedAndNotDialing`, `Disconnected` up to libp2p 0.52), and it is not: {why}. Nothing is wrong; no event follows.")
            },
            "To open another connection anyway, dial with `PeerCondition::Always`.",
        ),
    };
    if app_dial && verdict == Verdict::Actionable && !matches!(error, DialErr::NoAddresses) {
        explanation += " The app dialled this itself, so the address comes from its configuration.";
    }
    Explanation::new(kind, verdict, summary, explanation, advice)
}

/// A denial's verdict and words.
fn denied(denial: &Denial, ctx: &Context) -> (Verdict, String) {
    let repeat = ctx.expected_once();
    match denial {
        Denial::Limit { kind, limit } => {
            let at_most = limit.map_or(String::new(), |l| say!(ctx, ", at most {l}"));
            if kind == "EstablishedPerPeer" {
                (Verdict::Expected, say!(ctx, "connection limit `{kind}`{at_most} (a connection to this peer already exists: both sides dialled at once, or DCUtR or an AutoNAT dial-back opened a second one)"))
            } else {
                (
                    repeat,
                    say!(ctx, "connection limit `{kind}` reached{at_most}"),
                )
            }
        }
        Denial::Memory { used, max } => (
            Verdict::Actionable,
            say!(
                ctx,
                "the process uses too much memory ({} of {} bytes allowed)",
                used.map_or("?".into(), |u| u.to_string()),
                max.map_or("?".into(), |m| m.to_string())
            ),
        ),
        Denial::Blocked { peer } => (
            Verdict::Expected,
            say!(
                ctx,
                "peer {} is on the block list",
                peer.as_deref().map_or("?".into(), short_peer)
            ),
        ),
        Denial::NotAllowed { peer } => (
            Verdict::Expected,
            say!(
                ctx,
                "peer {} is not on the allow list",
                peer.as_deref().map_or("?".into(), short_peer)
            ),
        ),
        Denial::Other(text) => (repeat, say!(ctx, "`{text}`")),
    }
}

/// `Transport([(addr, error), ..])`: every address failed.
fn transport(
    kind: &str,
    origin: Origin<'_>,
    errors: &[crate::event::swarm::AddrError],
    ctx: &Context,
) -> Explanation {
    let app_dial = origin.by_app();
    let causes: Vec<&Cause> = errors.iter().map(|e| &e.leaf.cause).collect();
    let dns = causes
        .iter()
        .any(|c| matches!(c, Cause::MultiaddrNotSupported { dns: true, .. }));
    let unsupported = !causes.is_empty()
        && causes
            .iter()
            .all(|c| matches!(c, Cause::MultiaddrNotSupported { .. }));
    // listen addresses, port 0 or 0.0.0.0: no transport dials them
    let wildcard = unsupported
        && causes.iter().all(|c| {
            matches!(
                c,
                Cause::MultiaddrNotSupported {
                    wildcard: true,
                    dns: false,
                    peer_id_only: false,
                }
            )
        });
    // addresses that name no transport at all: no build could dial them
    let peer_id_only = unsupported
        && causes.iter().all(|c| {
            matches!(
                c,
                Cause::MultiaddrNotSupported {
                    peer_id_only: true,
                    ..
                }
            )
        });
    // a peer this node is connected to is up: only this address failed
    let connected = ctx.connected_to_subject && !app_dial;
    // out of file descriptors: every dial (and accept) fails until fixed
    let fd_limit = causes
        .iter()
        .any(|c| matches!(c, Cause::Message(_, m) if is_fd_limit(m)));
    // a peer this node was connected to and lost: kad keeps it in the
    // routing table with its last address (behaviour.rs `address_failed`)
    // and dials it again in lookups near it, so the failures repeat
    let left = ctx.subject_left.filter(|_| !connected && !app_dial);
    // a key type this build lacks: every peer with such a key fails alike
    let key_type = causes.iter().find_map(|c| match c {
        Cause::KeyTypeDisabled(feature) => Some(feature.as_str()),
        _ => None,
    });
    let verdict =
        if dns || fd_limit || key_type.is_some() || app_dial || (ctx.repeated() && !connected) {
            Verdict::Actionable
        } else {
            Verdict::Expected
        };
    let first = errors.first();
    let summary = match (errors.len(), first) {
        (1, Some(e)) => say!(
            ctx,
            "Could not connect to {} at {}: {}.",
            whom(origin),
            e.address.text,
            dial_cause_headline(&e.leaf.cause)
        ),
        // libp2p reports at least one; a text cut (or wrapped) inside the list
        (0, _) => say!(
            ctx,
            "Could not connect to {}: every address failed (the text names none).",
            whom(origin)
        ),
        (n, _) => say!(
            ctx,
            "Could not connect to {}: all {n} addresses failed.",
            whom(origin)
        ),
    };
    let mut explanation = if errors.is_empty() {
        "Every address tried failed at the transport, security or multiplexer level.\n".to_owned()
    } else {
        say!(
            ctx,
            "Every address tried failed at the transport, security or multiplexer level:\n{}\n",
            per_address(errors)
        )
    };
    explanation += &if fd_limit {
        "This process has as many files and sockets open as its limit allows, so every new connection fails until some close or the limit is raised. Actionable.".to_owned()
    } else if let Some(feature) = key_type {
        say!(ctx, "The remote's key is of type `{feature}`, which this node cannot check, whatever the address: every connection to a peer with such a key fails this way until the feature is enabled. Actionable.")
    } else if dns {
        "A `/dns…` address needs a transport built with `.with_dns()`; this one has none, so such addresses can never be dialled.".to_owned()
    } else if wildcard && !app_dial {
        "The peer gave out an address it listens on, not one it can be reached at: port 0, or `0.0.0.0` or `::`, as passed to `listen_on`, before the OS chose a port, and advertised as is (by `add_external_address` or in a rendezvous registration, as rust-libp2p's rendezvous example `rzv-register` does with `/ip4/127.0.0.1/tcp/0`). No build of libp2p can dial it; the peer's other addresses may still work. Expected here; the fix is on the peer's side.".to_owned()
    } else if wildcard {
        "The app dialled a listen address: port 0, or `0.0.0.0` or `::`, which no transport dials. Use the address the other node printed in its `NewListenAddr` (\"Listening on …\"), with its real IP and port.".to_owned()
    } else if peer_id_only && !app_dial {
        "An address that is only a peer id names no transport, so no build of libp2p can dial it. Such an address usually comes from a relayed connection: the relay client gives a connection it accepted the remote address `/p2p/<peer>`, identify tells the peer it was seen there, and DCUtR keeps that as a candidate to hole-punch (it leaves out only `/p2p-circuit` addresses), so a hole punch tries it and fails at once. The peer's other addresses may still work. Expected.".to_owned()
    } else if unsupported && !app_dial {
        "The peer advertises a transport this node was not built with; its other addresses may still work. Expected.".to_owned()
    } else if app_dial {
        "The app dialled this address itself (no peer id), so it comes from its configuration: a bootstrap or relay address that does not work is worth fixing.".to_owned()
    } else if ctx.subject_is_self {
        "The peer dialled is this node itself: the id is the one of its `local_peer_id` line. Something gave this node its own address (a bootstrap list shared by every node, or an address a peer reported back), so the dial loops back to it and fails, usually in the security handshake.".to_owned()
    } else if connected {
        "This node has an open connection to the peer, so the peer is up: only the address dialled here is bad (stale, or not reachable from this node). Expected.".to_owned()
    } else if let Some(line) = left {
        say!(ctx, "This node was connected to the peer until line {line}, where its last connection closed: the peer stopped, or restarted on another port. kad drops a peer's addresses as dials to them fail, except the last one, and keeps the peer in its routing table until another peer competes for its place in the bucket, so the lookups that come near it dial it again and fail like this. {}", if ctx.repeated() {
            "Actionable, as it repeats: if the peer is one of your nodes, it is still down (or came back on another port); if it is meant to be gone, these failures are harmless."
        } else {
            "Expected once; if it repeats and the peer is one of your nodes, it is still down."
        })
    } else if ctx.repeated() {
        "The same peer keeps failing, so this is more than a stale address.".to_owned()
    } else if origin == Origin::Unknown {
        "The error was logged without its event, so p2plog cannot tell who dialled: a stale address a behaviour learned fails like this routinely (expected), a configured bootstrap or relay address should not (actionable).".to_owned()
    } else if causes.iter().all(|c| matches!(c, Cause::ConnectionRefused)) {
        "The dial named a peer id: a behaviour (kad, identify, mdns) dialled an address it had learned, or the app dialled a `/p2p/` address. Refused dials are normal for stale addresses and for peers that restarted or left. Expected; actionable if it repeats for the same peer, or if the address is a configured bootstrap or relay node.".to_owned()
    } else if causes.iter().all(|c| is_unreachable(c)) {
        let private = errors.iter().any(|e| e.address.class == AddrClass::Private);
        let example = errors
            .iter()
            .any(|e| e.address.class == AddrClass::Documentation);
        say!(ctx, "The host could not be reached in time.{}{} Expected for addresses learned from other peers; actionable if it repeats or the address is a bootstrap node.", if private { " Private-range addresses are only reachable from the same network: peers behind NAT advertise them, and nobody outside can use them." } else { "" }, if example { " Documentation-range addresses (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) are not routed on the internet: only a test network that assigns them itself reaches one, and elsewhere they are examples copied from a text." } else { "" })
    } else {
        "Expected once for an address a behaviour learned; actionable if it repeats for the same peer.".to_owned()
    };
    explanation += &ctx.repeat_note();
    // a cause on this machine comes first: what else is true of the peer
    // does not help while this machine cannot open a connection
    let local = !causes.is_empty() && causes.iter().all(|c| is_local_dial_error(c));
    if fd_limit || local {
        return Explanation::new(kind, verdict, summary, explanation, local_advice(&causes));
    }
    if let Some(feature) = key_type {
        let advice = key_type_advice(feature, ctx);
        return Explanation::new(kind, verdict, summary, explanation, advice);
    }
    let advice = if ctx.subject_is_self && !dns {
        "Leave this node's own addresses out of the ones it dials: filter its own peer id (`swarm.local_peer_id()`) from bootstrap lists and from addresses learned from peers."
    } else if connected && !dns {
        "Nothing to fix unless this address is in the app's configuration; then correct it."
    } else if dns {
        "Build the transport with DNS (`SwarmBuilder::…with_dns()`), or configure `/ip4/…`/`/ip6/…` addresses instead."
    } else if wildcard {
        "Nothing to enable on this node. Dial or advertise the address a node reports in `NewListenAddr`, with the port the OS gave it and a real IP; if the peer is one of yours, have it advertise that address (or the one identify confirms as external) rather than the `/tcp/0` or `0.0.0.0` address it was told to listen on."
    } else if peer_id_only {
        "Nothing to enable: no transport dials an address without one. If your own code dials or advertises addresses learned from peers, leave out those that are only `/p2p/<peer id>`."
    } else if unsupported {
        "Enable the transport the address needs (e.g. `.with_quic()`, WebRTC, WebSocket) if you want to reach such addresses; otherwise ignore."
    } else if causes.iter().any(|c| matches!(c, Cause::Security(_))) {
        "Check that the address really belongs to the peer id dialled and is not this node's own; both sides must use the same security protocol (noise or TLS)."
    } else if causes
        .iter()
        .any(|c| matches!(c, Cause::NegotiationFailed | Cause::NegotiationProtocol(_)))
    {
        "Check that the remote is a libp2p node with the same security and multiplexer protocols (noise/TLS, yamux) and, for private networks, the same pre-shared key."
    } else if causes
        .iter()
        .any(|c| matches!(c, Cause::RelayConnect(inner) if inner == "NoReservation"))
    {
        "The destination must hold a reservation at that relay: it listens on `<relay address>/p2p-circuit` (`swarm.listen_on`) and keeps its connection to the relay open; check its relay client events (`ReservationReqAccepted`)."
    } else if causes
        .iter()
        .any(|c| matches!(c, Cause::RelayConnect(inner) if inner == "Canceled"))
    {
        "Look just before this line for this node's dial error or closed connection to the relay (the peer id before `/p2p-circuit`): the circuit needs that connection, and its failure says why. With many circuits at once, look for the warning \"Dropping in-flight connect request because we are at capacity\"."
    } else if causes
        .iter()
        .any(|c| matches!(c, Cause::RelayConnect(_) | Cause::RelayReservation(_)))
    {
        "Check the relay's own log for the circuit (`CircuitReqDenied`, limits) and that the destination is still connected to it."
    } else {
        "Check that the peer is running and listens on that address and port, that firewalls let it through, and that the address in your configuration is current."
    };
    Explanation::new(kind, verdict, summary, explanation, advice)
}

/// What to do when the remote's key type is not built in
/// ([`Cause::KeyTypeDisabled`]).
fn key_type_advice(feature: &str, ctx: &Context) -> String {
    say!(ctx, "Enable libp2p's `{feature}` cargo feature (`libp2p = {{ features = [\"{feature}\", …] }}`), or leave such peers out of the ones this node dials (a peer id that starts with `Qm` is the hash of a long key: RSA or ECDSA).")
}

/// What to check when every address failed on this machine itself
/// ([`is_local_dial_error`]), one hint per kind of error.
fn local_advice(causes: &[&Cause]) -> String {
    let mut hints: Vec<&str> = Vec::new();
    for cause in causes.iter().filter(|c| is_local_dial_error(c)) {
        let hint = match cause {
            Cause::Message(_, m) if is_fd_limit(m) => "the process's open-file limit (`ulimit -n`, or `LimitNOFILE` in a systemd unit; each connection holds a socket) and whether connections pile up (a connection limit such as `libp2p::connection_limits` helps)",
            Cause::Io(k) | Cause::Message(k, _) if k == "Uncategorized" => "the `message` of the error",
            Cause::Io(k) if k == "AddrNotAvailable" => "whether this machine ran out of local ports (many connections, or many not fully closed)",
            Cause::Io(k) if k == "AddrInUse" => "whether a connection between the same two addresses is still open or closing; a later dial can succeed",
            _ => "local firewall and sandbox rules",
        };
        if !hints.contains(&hint) {
            hints.push(hint);
        }
    }
    format!(
        "The dial failed on this machine, before it reached the peer. Check {}.",
        hints.join("; ")
    )
}

/// `IncomingConnectionError` and logged listen errors (rule 13).
pub(in crate::knowledge) fn incoming(
    kind: &str,
    from: Option<&Addr>,
    error: &ListenErr,
    ctx: &Context,
) -> Explanation {
    let from = addr_text(from);
    let repeat = ctx.expected_once();
    let (verdict, summary, explanation) = match error {
        // quinn closes a handshake the dialler dropped with APPLICATION_ERROR:
        // it dialled several addresses at once and kept another (or gave up)
        ListenErr::Transport(leaf)
            if matches!(&leaf.cause, Cause::QuicConnectionClosed(code) if code == "APPLICATION_ERROR") =>
        {
            (
                Verdict::Expected,
                say!(ctx, "An incoming connection from {from} failed: {}.", leaf_words(leaf)),
                "The dialler closed the QUIC handshake itself (a close with APPLICATION_ERROR while connecting): libp2p dials several addresses of a peer at once and drops the attempts it no longer needs once one connection is up. Expected, however often it happens.".to_owned(),
            )
        }
        ListenErr::Transport(leaf) if matches!(leaf.cause, Cause::KeyTypeDisabled(_)) => (
            Verdict::Actionable,
            say!(ctx, "An incoming connection from {from} failed: {}.", incoming_leaf_words(leaf)),
            "This node cannot check the remote's key type, so no peer with such a key can connect to it, nor it to them, until the cargo feature is enabled. Actionable.".to_owned(),
        ),
        ListenErr::Transport(leaf) => (
            repeat,
            say!(ctx, "An incoming connection from {from} failed: {}.", incoming_leaf_words(leaf)),
            say!(ctx, "The remote connected, but the connection failed before it was established. On public nodes scanners and incompatible clients cause this all the time; on a private network a peer that dialled the wrong peer id hangs up like this (its own side reports `WrongPeerId`).{}", ctx.repeat_note()),
        ),
        // swarm 0.48 lib.rs:1650-1674: declared, but no pending inbound error
        // maps to it, and pool.rs:683-723 has no expected peer id inbound
        ListenErr::WrongPeerId { obtained, .. } => (
            repeat,
            say!(ctx, "An incoming connection from {from} failed with `WrongPeerId` (the remote is {}).", short_peer(obtained)),
            "libp2p 0.57 never reports this error: libp2p-swarm 0.48 declares `ListenError::WrongPeerId` but never constructs it, since an incoming connection has no expected peer id to compare with. A log with it comes from another libp2p version or a custom build.".into(),
        ),
        ListenErr::LocalPeerId { .. } => (
            Verdict::Expected,
            say!(ctx, "An incoming connection from {from} turned out to be this node itself."),
            "This node dialled one of its own addresses; libp2p refuses the connection on both ends.".into(),
        ),
        ListenErr::Aborted => (
            Verdict::Expected,
            say!(ctx, "An incoming connection from {from} was aborted."),
            "The pending connection was cancelled before it was established. libp2p 0.57 aborts pending connections only for `disconnect_peer_id` or a behaviour's `CloseConnection::All`, by peer id, which a pending inbound connection does not have yet: that version never emits this.".into(),
        ),
        ListenErr::Denied(denial) => {
            let (verdict, words) = denied(denial, ctx);
            (
                verdict,
                say!(ctx, "A behaviour refused the incoming connection from {from}: {words}."),
                "A `NetworkBehaviour` (connection-limits, memory-connection-limits, allow/block list) denied the connection.".into(),
            )
        }
    };
    let advice = match error {
        ListenErr::Transport(Leaf {
            cause: Cause::KeyTypeDisabled(feature),
            ..
        }) => key_type_advice(feature, ctx),
        _ if verdict == Verdict::Actionable => "If a peer that should connect keeps failing, compare both sides' security and multiplexer protocols (and pre-shared key), and check its dial errors.".to_owned(),
        _ => String::new(),
    };
    Explanation::new(kind, verdict, summary, explanation, advice)
}

#[cfg(test)]
mod tests {
    use crate::knowledge::tests::{explained, PEER as P};
    use crate::knowledge::Explanation;

    fn incoming(error: &str) -> Explanation {
        explained(&format!(
            "IncomingConnectionError {{ connection_id: ConnectionId(1), local_addr: /ip4/127.0.0.1/tcp/4001, send_back_addr: /ip4/127.0.0.1/tcp/5555, error: {error}, peer_id: None }}"
        ))
    }

    fn dial_text(os_error: &str) -> String {
        format!(
            "OutgoingConnectionError {{ connection_id: ConnectionId(1), peer_id: Some({P}), error: Transport([(/ip4/1.2.3.4/tcp/4001/p2p/12D3KooWDQC3CsUTjqC9hn6mtouqisPzphVTym8sdRhaVkL6xzrH, Other(Custom {{ kind: Other, error: Other(Left(Left(Left({os_error})))) }}))]) }}"
        )
    }

    fn dial_failed(os_error: &str) -> Explanation {
        explained(&dial_text(os_error))
    }

    /// Found by the code review: out of file descriptors while connected to
    /// the peer, the advice was "Nothing to fix unless this address is in
    /// the app's configuration".
    #[test]
    fn a_dial_out_of_file_descriptors_advises_the_limit_even_when_connected() {
        let text =
            dial_text("Os { code: 24, kind: Uncategorized, message: \"Too many open files\" }");
        let event = crate::event::recognize(&crate::debugfmt::parse(&text).unwrap()).unwrap();
        let connected = crate::knowledge::Context {
            connected_to_subject: true,
            ..Default::default()
        };
        let e = crate::knowledge::explain(&event, &connected);
        assert_eq!(e.verdict, crate::knowledge::Verdict::Actionable);
        assert!(e.advice.contains("`ulimit -n`"), "{}", e.advice);
        assert!(!e.advice.contains("Nothing to fix"), "{}", e.advice);
    }

    /// connect(2) errors mean something else on a dial than on a listen
    /// (libp2p-tcp 0.45 lib.rs:379-413); `listen_on` keeps the listen words.
    #[test]
    fn local_os_errors_of_a_dial_are_worded_as_a_dial_s() {
        let all = |e: &Explanation| format!("{}\n{}\n{}", e.summary, e.explanation, e.advice);
        let files =
            dial_failed("Os { code: 24, kind: Uncategorized, message: \"Too many open files\" }");
        let text = all(&files);
        assert!(text.contains("`ulimit -n`"), "{text}");
        assert!(!text.contains("Check that the peer is running"), "{text}");
        assert!(!text.contains("I/O error `Uncategorized`"), "{text}");
        // the OS message tells EMFILE from other uncategorised errors: out
        // of descriptors, every dial fails, so it needs action at once
        assert_eq!(files.verdict, crate::knowledge::Verdict::Actionable);
        assert!(
            text.contains("\"Too many open files\": this process reached"),
            "{text}"
        );
        // found by the code review: the summary line (and the summary's
        // grouping by cause) took the whole sentence
        assert!(
            files.summary.ends_with(": \"Too many open files\"."),
            "{}",
            files.summary
        );
        let other = dial_failed(
            "Os { code: 97, kind: Uncategorized, message: \"Address family not supported by protocol\" }",
        );
        assert_eq!(other.verdict, crate::knowledge::Verdict::Expected);
        assert!(
            all(&other).contains("\"Address family not supported by protocol\" (Uncategorized)"),
            "{}",
            all(&other)
        );
        let cases = [
            (
                "Os { code: 99, kind: AddrNotAvailable, message: \"Cannot assign requested address\" }",
                "no free local port",
                "not an address of this machine",
            ),
            (
                "Os { code: 13, kind: PermissionDenied, message: \"Permission denied\" }",
                "a local firewall rule",
                "privileged port",
            ),
            (
                "Os { code: 98, kind: AddrInUse, message: \"Address already in use\" }",
                "local address in use",
                "another socket holds that port",
            ),
        ];
        for (os_error, right, wrong) in cases {
            let text = all(&dial_failed(os_error));
            assert!(text.contains(right), "{text}");
            assert!(!text.contains(wrong), "{text}");
            assert!(!text.contains("Check that the peer is running"), "{text}");
        }
        // listening keeps its own meaning
        let listen = explained(
            "Other(Custom { kind: Other, error: Other(Left(Left(Left(Os { code: 98, kind: AddrInUse, message: \"Address already in use\" })))) })",
        );
        assert!(
            listen.summary.contains("another socket holds that port"),
            "{}",
            listen.summary
        );
    }

    /// The remote dialled this node: a timeout is its unfinished handshake,
    /// within the 10 s transport timeout (libp2p-core 0.44 timeout.rs:124-138).
    #[test]
    fn an_incoming_timeout_is_the_remote_s_unfinished_handshake() {
        let e = incoming("Transport(Other(Custom { kind: Other, error: Timeout }))");
        assert!(
            e.summary
                .contains("the remote connected but did not finish the handshake within"),
            "{}",
            e.summary
        );
        assert!(e.summary.contains("10 s"), "{}", e.summary);
        assert!(
            !e.summary.contains("accepted the connection"),
            "{}",
            e.summary
        );
        assert!(!e.summary.contains("dead host"), "{}", e.summary);
        // a dial's timeout keeps the dial's words
        let dial = dial_failed("Timeout");
        assert!(
            dial.explanation.contains("dead host"),
            "{}",
            dial.explanation
        );
    }

    /// swarm 0.48 lib.rs:1650-1674: `ListenError::WrongPeerId` is never built.
    #[test]
    fn an_inbound_wrong_peer_id_is_not_from_libp2p_0_57() {
        let e = incoming(&format!("WrongPeerId {{ obtained: {P}, endpoint: Listener {{ local_addr: /ip4/127.0.0.1/tcp/4001, send_back_addr: /ip4/127.0.0.1/tcp/5555 }} }}"));
        assert_eq!(e.kind, "swarm.IncomingConnectionError.WrongPeerId");
        assert!(
            e.explanation
                .contains("libp2p 0.57 never reports this error"),
            "{}",
            e.explanation
        );
        assert!(
            e.explanation
                .contains("another libp2p version or a custom build"),
            "{}",
            e.explanation
        );
        assert!(
            !e.explanation
                .contains("did not match what this connection expected"),
            "{}",
            e.explanation
        );
    }
}
