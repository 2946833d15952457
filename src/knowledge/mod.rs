//! `knowledge`: what each kind of event means, whether it is ok, expected or
//! actionable, and what to do about it.
//!
//! Owns the verdict rules (DESIGN.md "Peer count and verdicts", reference §17),
//! the per-event sentences (summary, explanation, advice, built from the event's
//! own facts), and the long-form texts of `p2plog catalog` (data in
//! `grammars/explain/`). It does no I/O and formats nothing for a terminal: it
//! returns an [`Explanation`] that `render` prints.

/// `format!`, unless the caller asked for no sentences ([`Context::brief`]):
/// then an empty string, and no time spent building it.
macro_rules! say {
    ($ctx:expr, $($arg:tt)*) => {
        if $ctx.brief {
            String::new()
        } else {
            format!($($arg)*)
        }
    };
}

mod autonat;
pub mod catalog;
mod dcutr;
mod gossipsub;
mod identify;
mod kad;
mod mdns;
mod messages;
mod ping;
mod relay;
mod rendezvous;
mod request_response;
mod swarm;
pub(crate) mod text;
pub mod transport;
mod upnp;

pub use messages::{fill, fixed_verdict, RULES as MESSAGE_RULES};

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::event::{Detail, Event};

/// How much an event needs a person's attention, least severe first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Success or information.
    Ok,
    /// A failure that is normal in this situation (e.g. a network too small).
    Expected,
    /// A failure worth fixing.
    Actionable,
    /// Parsed, but p2plog does not know this event.
    Unknown,
}

impl Verdict {
    /// Every verdict, most severe first.
    pub const ALL: [Verdict; 4] = [
        Verdict::Actionable,
        Verdict::Unknown,
        Verdict::Expected,
        Verdict::Ok,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Expected => "expected",
            Verdict::Actionable => "actionable",
            Verdict::Unknown => "unknown",
        }
    }

    /// Most severe first, for tables and sorting.
    pub fn severity(self) -> u8 {
        match self {
            Verdict::Actionable => 3,
            Verdict::Unknown => 2,
            Verdict::Expected => 1,
            Verdict::Ok => 0,
        }
    }
}

/// Where a peer count came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeerSource {
    /// `--peers N`.
    Flag,
    /// The log so far: peers in the kad routing table (`RoutingUpdated`).
    LogDht,
    /// The log so far: connected peers (`ConnectionEstablished`/`Closed`).
    LogConnected,
    /// A lower bound read from the event itself (peers its query contacted).
    Event,
}

/// A peer count and its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Peers {
    pub count: u64,
    pub source: PeerSource,
    /// For counts from the log: the line the count was last updated at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

impl Peers {
    /// A count from the event's own stats: the peers its query contacted,
    /// which the network may exceed (none contacted: the routing table was
    /// empty, which is no bound but a fact).
    pub fn is_lower_bound(&self) -> bool {
        self.source == PeerSource::Event && self.count > 0
    }

    /// "1 peer (a lower bound from the event: peers its query contacted)".
    pub fn describe(&self) -> String {
        let n = text::count(self.count, "peer");
        match (self.source, self.line) {
            (PeerSource::Flag, _) => format!("{n} (from --peers)"),
            (PeerSource::LogDht, Some(l)) => format!(
                "{} (from the log: routing table at line {l})",
                text::count(self.count, "DHT peer")
            ),
            (PeerSource::LogDht, None) => format!(
                "{} (from the log's routing table)",
                text::count(self.count, "DHT peer")
            ),
            (PeerSource::LogConnected, Some(l)) => format!(
                "{} (from the log: connections at line {l})",
                text::count(self.count, "connected peer")
            ),
            (PeerSource::LogConnected, None) => format!(
                "{} (from the log's connections)",
                text::count(self.count, "connected peer")
            ),
            (PeerSource::Event, _) if self.count == 0 => {
                "no peer (from the event: its query contacted none)".to_owned()
            }
            (PeerSource::Event, _) => {
                format!("at least {n} (from the event: peers its query contacted)")
            }
        }
    }
}

/// What p2plog knows around an event: the `--peers` flag and the network view
/// built from the log so far (filled by `state`; empty for `explain`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Context {
    pub flag_peers: Option<u64>,
    /// Peers in the node's kad routing table, from `RoutingUpdated` events.
    pub dht_peers: Option<Peers>,
    /// Peers the node is connected to, from `ConnectionEstablished`/`Closed`.
    pub connected_peers: Option<Peers>,
    /// How many earlier events of the same kind concerned the same peer or
    /// address (for rules such as "actionable when it repeats").
    pub repeats: u64,
    /// Whether the event names a peer or address that `repeats` counted
    /// per; without one, every earlier event of its kind counts.
    pub has_subject: bool,
    /// For a kad query result: how many earlier reports of the same query id
    /// delivered a record or providers from a peer.
    pub earlier_finds: u64,
    /// … and from this node's own store, which kad reports first.
    pub own_finds: u64,
    /// For a kad query result: whether this node stored the same key
    /// successfully earlier (`PutRecord(Ok)`).
    pub key_published: bool,
    /// The node has an open connection to the peer the event is about (a
    /// failed dial to a connected peer only says that one address is bad).
    pub connected_to_subject: bool,
    /// The node was connected to the peer the event is about until this
    /// line, where its last connection closed (if it is not connected now,
    /// the peer left or restarted).
    pub subject_left: Option<u64>,
    /// Milliseconds since the node's first timed event, from the lines'
    /// time stamps (`None` without them).
    pub since_start_ms: Option<u64>,
    /// The node's log has shown a kad event or kad log line so far: it
    /// runs kad.
    pub runs_kad: bool,
    /// Every peer in the node's routing table identified itself without a
    /// kad protocol (a kad client, or a node without kad): the line of the
    /// last such identify. None of them can answer a kad query.
    pub no_kad_server: Option<u64>,
    /// For kad's `No known peers` warning only: every connected peer
    /// identified itself without a kad protocol, so kad cannot add any of
    /// them; the line of the last such identify.
    pub connected_without_kad: Option<u64>,
    /// The peer the event is about is this node itself (the id of its
    /// `local_peer_id` line).
    pub subject_is_self: bool,
    /// Only the verdict and the facts are wanted (kind, peers, query): the
    /// sentences may be left empty. The summary asks for them only for the
    /// first event of each kind and verdict.
    pub brief: bool,
}

/// Whether judging `event` needs [`Context::since_start_ms`] (only the
/// gossipsub publish errors, rule 19, and kad's `No known peers` warning),
/// so that other events skip reading the clock.
pub fn uses_start_time(event: &Event) -> bool {
    match &event.detail {
        Detail::Message(m) => {
            event.kind == "kad.log.NoKnownPeers"
                || crate::event::message::pattern(&m.pattern).and_then(|p| p.rule.as_deref())
                    == Some("gossipsub.no-peers")
        }
        _ => false,
    }
}

/// Earlier occurrences (same kind, same peer or address) after which a failure
/// that is expected once counts as repeated: the third occurrence.
pub const REPEATED: u64 = 2;

impl Context {
    /// Whether this failure repeats: [`REPEATED`] or more earlier occurrences.
    pub fn repeated(&self) -> bool {
        self.repeats >= REPEATED
    }

    /// The verdict of a failure that is expected once: actionable when it
    /// [repeats](Context::repeated).
    pub fn expected_once(&self) -> Verdict {
        if self.repeated() {
            Verdict::Actionable
        } else {
            Verdict::Expected
        }
    }

    /// "Events of this kind came N times before", or nothing when none did.
    pub(crate) fn repeat_note(&self) -> String {
        // counted per kind and subject: another cause of the same kind counts
        let whom = if self.has_subject {
            " for the same peer or address"
        } else {
            ""
        };
        match self.repeats {
            0 => String::new(),
            1 => format!(" An event of this kind came once before{whom}."),
            n => format!(" Events of this kind came {n} times before{whom}."),
        }
    }
}

impl Context {
    /// The peer count for DHT rules: the flag, else the routing table, else
    /// connected peers, else `from_event`.
    pub fn peers(&self, from_event: Option<u64>) -> Option<Peers> {
        self.first_of(self.dht_peers, self.connected_peers, from_event)
    }

    /// The peer count for connection rules: the flag, else connected peers,
    /// else the routing table, else `from_event`.
    pub fn connected(&self, from_event: Option<u64>) -> Option<Peers> {
        self.first_of(self.connected_peers, self.dht_peers, from_event)
    }

    /// The flag, else `first`, else `second`, else the event's count.
    fn first_of(
        &self,
        first: Option<Peers>,
        second: Option<Peers>,
        from_event: Option<u64>,
    ) -> Option<Peers> {
        let counted = |count, source| Peers {
            count,
            source,
            line: None,
        };
        let flag = self.flag_peers.map(|n| counted(n, PeerSource::Flag));
        let event = from_event.map(|n| counted(n, PeerSource::Event));
        flag.or(first).or(second).or(event)
    }
}

/// The facts of a kad query result, as the JSON contract names them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryFacts {
    pub id: Option<u64>,
    #[serde(rename = "type")]
    pub query_type: String,
    pub key: Option<String>,
    pub quorum: Option<u64>,
    pub confirmations: Option<u64>,
    pub requests: Option<u64>,
    pub success: Option<u64>,
    pub failure: Option<u64>,
    pub duration_ms: Option<f64>,
    pub last: Option<bool>,
}

/// Everything p2plog says about one event.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    pub kind: String,
    pub verdict: Verdict,
    /// One sentence with this event's facts.
    pub summary: String,
    /// What happened and why (borrowed when it is a fixed text).
    pub explanation: Cow<'static, str>,
    /// What to do (may be empty for ok events).
    pub advice: Cow<'static, str>,
    /// The peer count the verdict used, if it used one.
    pub peers: Option<Peers>,
    pub query: Option<QueryFacts>,
    /// How long it took, with the instants it came from, e.g.
    /// "75.96 ms (15872.5850591 s → 15872.6610159 s, Windows Instant)".
    pub timing: Option<String>,
    /// The earlier events of its kind (for the same peer or address, when
    /// it names one) that raised the verdict: without them it would be
    /// lower ([`explain`]). Not worked out for the summary's brief context.
    pub repeats: Option<Repeats>,
}

/// The earlier occurrences behind a verdict ([`Explanation::repeats`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Repeats {
    /// How many came before this one.
    pub before: u64,
    /// They were counted for the event's peer or address, not its kind.
    pub per_subject: bool,
}

impl Repeats {
    /// "3rd time for this peer or address", "2nd event of its kind".
    pub fn describe(&self) -> String {
        let n = self.before + 1;
        let suffix = match (n % 10, n % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        if self.per_subject {
            format!("{n}{suffix} time for this peer or address")
        } else {
            format!("{n}{suffix} event of its kind")
        }
    }
}

impl Explanation {
    /// An explanation without a peer count, query facts or timing.
    pub(crate) fn new(
        kind: &str,
        verdict: Verdict,
        summary: impl Into<String>,
        explanation: impl Into<Cow<'static, str>>,
        advice: impl Into<Cow<'static, str>>,
    ) -> Explanation {
        Explanation {
            kind: kind.to_owned(),
            verdict,
            summary: summary.into(),
            explanation: explanation.into(),
            advice: advice.into(),
            peers: None,
            query: None,
            timing: None,
            repeats: None,
        }
    }
}

/// Explains one event.
pub fn explain(event: &Event, ctx: &Context) -> Explanation {
    let mut e = explain_whole(event, ctx);
    // whether earlier occurrences raised the verdict: the same event judged
    // as if it came first gets a lower one (exact whatever rule counted
    // them, and only worked out for a verdict repeats can raise)
    if ctx.repeats > 0 && !ctx.brief && e.verdict != Verdict::Ok {
        let first = Context { repeats: 0, ..*ctx };
        if explain_whole(event, &first).verdict.severity() < e.verdict.severity() {
            e.repeats = Some(Repeats {
                before: ctx.repeats,
                per_subject: ctx.has_subject,
            });
        }
    }
    // sentences are joined with a space after each: none at the end
    let text = e.explanation.trim_end().len();
    if text < e.explanation.len() {
        e.explanation.to_mut().truncate(text);
    }
    if event.cut_short && !matches!(event.detail, Detail::Unknown { .. }) {
        e.summary = format!(
            "Cut off before its end, so this may be wrong: {}",
            e.summary
        );
        e.explanation = format!(
            "The text ends before this value closes: its later fields are missing, and a \
             missing field (a `cause`, a `result`, `step`) reads as absent. {}",
            e.explanation
        )
        .into();
    }
    e
}

/// What sets `event` apart from others of its kind, for the summary to
/// group by: the cause of a dial that failed at the transport ("connection
/// refused", "address not supported"), when every address failed alike, or
/// of a connection closed by an I/O error ("connection reset by the remote").
pub fn cause(event: &Event) -> Option<String> {
    use crate::event::message::Decoded;
    use crate::event::swarm::{Closed, DialErr, Swarm};
    // a dial's error: the event's, or the app's own log of it (either form)
    let dial = match &event.detail {
        Detail::Swarm(Swarm::OutgoingConnectionError { error, .. } | Swarm::DialError(error)) => {
            Some(error)
        }
        Detail::Message(m) => match &m.decoded {
            Some(Decoded::Dial(error)) => Some(error),
            _ => None,
        },
        _ => None,
    };
    match &event.detail {
        _ if dial.is_some() => {
            let Some(DialErr::Transport(errors)) = dial else {
                // libp2p's own line, one kind for every variant: the
                // variant's words, so that a summary groups and folds it
                // with the events of that variant (`WrongPeerId`, `Aborted`)
                let words = dial.and_then(|d| dial_variant_cause(d.variant()));
                return words
                    .filter(|_| event.kind.contains(".log."))
                    .map(str::to_owned);
            };
            let mut causes = errors
                .iter()
                .map(|e| transport::dial_cause_headline(&e.leaf.cause));
            let first = causes.next()?;
            causes.all(|c| c == first).then_some(first)
        }
        Detail::Swarm(Swarm::ConnectionClosed {
            cause: Some(Closed::Io(leaf)),
            ..
        }) => Some(transport::cause_headline(&leaf.cause)),
        Detail::Swarm(Swarm::ConnectionClosed {
            cause: Some(Closed::Handler(error)),
            ..
        }) => Some(format!("handler error {error}")),
        _ => None,
    }
}

/// The cause of a dial error other than `Transport`, by variant: what
/// [`cause`] says of libp2p's own line, which has one kind for them all.
pub const DIAL_VARIANT_CAUSES: &[(&str, &str)] = &[
    ("Aborted", "the dial was aborted"),
    ("WrongPeerId", "another peer id answered"),
    ("LocalPeerId", "the address is this node's own"),
    ("Denied", "a behaviour denied the connection"),
    ("NoAddresses", "no address was known"),
    ("DialPeerConditionFalse", "its peer condition was false"),
];

/// [`DIAL_VARIANT_CAUSES`]' words for `variant`.
pub fn dial_variant_cause(variant: &str) -> Option<&'static str> {
    DIAL_VARIANT_CAUSES
        .iter()
        .find(|(v, _)| *v == variant)
        .map(|(_, words)| *words)
}

/// [`explain`] for an event as if every field were there.
fn explain_whole(event: &Event, ctx: &Context) -> Explanation {
    let kind = event.kind.as_str();
    match &event.detail {
        Detail::Kad(kad) => kad::explain(kind, kad, ctx),
        Detail::Swarm(e) => swarm::explain(kind, e, ctx),
        Detail::Identify(e) => identify::explain(kind, e, ctx),
        Detail::Ping(e) => ping::explain(kind, e, ctx),
        Detail::Gossipsub(e) => gossipsub::explain(kind, e, ctx),
        Detail::Mdns(e) => mdns::explain(kind, e),
        Detail::Rendezvous(e) => rendezvous::explain(kind, e, ctx),
        Detail::Autonat(e) => autonat::explain(kind, e, ctx),
        Detail::Relay(e) => relay::explain(kind, e, ctx),
        Detail::Dcutr(e) => dcutr::explain(kind, e),
        Detail::RequestResponse(e) => request_response::explain(kind, e, ctx),
        Detail::Upnp(e) => upnp::explain(kind, e),
        Detail::Message(m) => messages::explain(kind, m, ctx),
        Detail::LogLine {
            target,
            level,
            message,
        } => Explanation {
            kind: event.kind.clone(),
            verdict: Verdict::Unknown,
            summary: format!(
                "libp2p's `{target}` logged at {level} a message p2plog has no pattern for: {}",
                crate::input::clip_at(message.trim(), 200)
            ),
            explanation: "This is one of libp2p's own log lines, at a level libp2p uses when \
                          something went wrong that it handled itself (a dropped stream, a packet \
                          not sent, a limit reached). p2plog knows no pattern for this message, so \
                          it cannot say whether it matters here."
                .into(),
            advice: "Look the message up in the crate's source (the target names the crate and \
                     module) to see when it is written; please report the line so p2plog can \
                     learn it."
                .into(),
            peers: None,
            query: None,
            timing: None,
            repeats: None,
        },
        Detail::Unknown {
            variant,
            truncated: true,
        } => Explanation {
            kind: event.kind.clone(),
            verdict: Verdict::Unknown,
            summary: format!("`{variant}` is cut off: the text ends before the value closes."),
            explanation: "Some of the value's brackets are never closed, so part of it is missing, and \
                          what is left does not say which event it is. A `{:#?}` event spans many \
                          lines, up to a `}` alone on its last line."
                .into(),
            advice: "Give p2plog the whole event, through its last closing bracket (a log line \
                     longer than 1 MiB is cut for parsing)."
                .into(),
            peers: None,
            query: None,
            timing: None,
            repeats: None,
        },
        Detail::Unknown { variant, .. } if crate::event::is_libp2p_event_name(variant) => Explanation {
            kind: event.kind.clone(),
            verdict: Verdict::Unknown,
            summary: format!("`{variant}` is a libp2p event, but this one does not read as libp2p prints it."),
            explanation: "Its fields are not those of libp2p's Debug output (their names, order or values \
                          differ), so p2plog cannot say what happened. The text may be wrapped (a terminal \
                          or `fold` broke its lines inside words), cut, or edited, or it comes from a \
                          libp2p version p2plog does not know."
                .into(),
            advice: "Give p2plog the event as the log wrote it: the log file's line, not a terminal's \
                     wrapped copy. If it is unchanged, please report it with the line so p2plog can \
                     learn this version."
                .into(),
            peers: None,
            query: None,
            timing: None,
            repeats: None,
        },
        Detail::Unknown { variant, .. } => Explanation {
            kind: event.kind.clone(),
            verdict: Verdict::Unknown,
            summary: format!("`{variant}` is not a libp2p event p2plog knows."),
            explanation: "p2plog parsed this Debug value but has no knowledge of its type. It may come from the \
                          application, a newer libp2p, or a protocol p2plog does not cover yet."
                .into(),
            advice: "If it is a libp2p event, please report it with the line so p2plog can learn it.".into(),
            peers: None,
            query: None,
            timing: None,
            repeats: None,
        },
    }
}

#[cfg(test)]
mod tests;
