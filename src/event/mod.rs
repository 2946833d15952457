//! `event`: a parsed Debug [`Value`] → a typed [`Event`] with a stable kind id.
//!
//! Owns what libp2p's types look like: unwrapping `SwarmEvent::Behaviour(..)`,
//! the `#[derive(NetworkBehaviour)]` wrapper `Behaviour(MyEvent: inner)` and user
//! enums `Behaviour(Kademlia(inner))`; recognising the protocol of the inner event
//! from its variant and field names (reference §15); and reading its fields into
//! owned, typed data. It does not judge (that is `knowledge`), track anything
//! across lines (`state`) or print (`render`).
//!
//! Kind ids are `<protocol>.<Variant>[.<Result>][.<Error>]`, with
//! `OutboundQueryProgressed`, `Ok`/`Err` and wrappers left out:
//! `kad.PutRecord.QuorumFailed`, `kad.RoutingUpdated`. A struct-shaped value that
//! no protocol claims is `unknown.<Variant>`.
//!
//! The scheme, for every protocol:
//!
//! * `<protocol>.<Variant>` for an event variant: `swarm.Dialing`,
//!   `identify.Received`, `gossipsub.Message`. A struct named just `Event` (ping,
//!   dcutr, autonat v2) leaves its name out, as kad leaves out
//!   `OutboundQueryProgressed`.
//! * An event that carries a libp2p error enum or a `Result` adds, one level,
//!   the variant that decides what to do: `.Ok` for success where the event is
//!   a result (`ping.Ok`), else the error's variant, under its type name where
//!   the event has none (`ping.Failure.Timeout`, `dcutr.Error.AttemptsExceeded`)
//!   or under the event's (`swarm.OutgoingConnectionError.Transport`,
//!   `swarm.ConnectionClosed.KeepAliveTimeout`, `swarm.ConnectionClosed.IO`,
//!   `swarm.ListenerClosed.Err`, `identify.Error.NegotiationFailed`,
//!   `request_response.OutboundFailure.DialFailure`).
//! * Finer facts are not part of the kind, so kinds stay few and stable: the
//!   leaf cause of a transport error (it depends on the app's transport stack),
//!   wire-level codes (rendezvous `ErrorCode`, relay `StatusCode`), addresses.
//! * Errors an app logs from an API call that returned them (not events) are
//!   `<protocol>.<ErrorType>.<Variant>`: `swarm.DialError.NoAddresses`,
//!   `gossipsub.PublishError.NoPeersSubscribedToTopic`,
//!   `rendezvous.RegisterError.NoExternalAddresses`; `kad.NoKnownPeers` (a type
//!   of its own).
//! * libp2p's own log lines are `<protocol>.log.<Name>`: `kad.log.RequestFailed`,
//!   `swarm.log.ConnectionAttemptFailed` ([`message`]).
//! * Where two protocols' variants share a name, the owner's path tells them
//!   apart: `relay.ReservationReqAccepted` (server) and
//!   `relay.client.ReservationReqAccepted`, `autonat.v2.Client.*`.

pub mod autonat;
pub mod dcutr;
pub mod display;
pub mod gossipsub;
pub mod identify;
pub mod kad;
pub mod mdns;
pub mod message;
pub mod ping;
pub mod relay;
pub mod rendezvous;
pub mod request_response;
pub mod swarm;
pub mod time;
pub mod transport;
pub mod upnp;
mod util;

pub use util::{peer_id, RecordKey};

use crate::debugfmt::{Kind, Value};

/// The libp2p protocol (or layer) an event belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Protocol {
    Swarm,
    Kad,
    Identify,
    Ping,
    Gossipsub,
    Mdns,
    Rendezvous,
    Autonat,
    Relay,
    Dcutr,
    RequestResponse,
    Upnp,
    /// Not libp2p's: the app's own failure (a panic).
    App,
    Unknown,
}

/// Every protocol but `Unknown`.
const PROTOCOLS: &[Protocol] = &[
    Protocol::Swarm,
    Protocol::Kad,
    Protocol::Identify,
    Protocol::Ping,
    Protocol::Gossipsub,
    Protocol::Mdns,
    Protocol::Rendezvous,
    Protocol::Autonat,
    Protocol::Relay,
    Protocol::Dcutr,
    Protocol::RequestResponse,
    Protocol::Upnp,
    Protocol::App,
];

impl Protocol {
    /// The prefix of this protocol's kind ids.
    pub fn id(self) -> &'static str {
        match self {
            Protocol::Swarm => "swarm",
            Protocol::Kad => "kad",
            Protocol::Identify => "identify",
            Protocol::Ping => "ping",
            Protocol::Gossipsub => "gossipsub",
            Protocol::Mdns => "mdns",
            Protocol::Rendezvous => "rendezvous",
            Protocol::Autonat => "autonat",
            Protocol::Relay => "relay",
            Protocol::Dcutr => "dcutr",
            Protocol::RequestResponse => "request_response",
            Protocol::Upnp => "upnp",
            Protocol::App => "app",
            Protocol::Unknown => "unknown",
        }
    }

    /// The protocol of a kind id (its first segment).
    pub fn of_kind(kind: &str) -> Protocol {
        // (a byte loop: the kind is short, and a char search costs more)
        let dot = kind.bytes().position(|b| b == b'.').unwrap_or(kind.len());
        let prefix = &kind[..dot];
        PROTOCOLS
            .iter()
            .copied()
            .find(|p| p.id() == prefix)
            .unwrap_or(Protocol::Unknown)
    }
}

/// A recognised libp2p event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The stable kind id, e.g. `kad.PutRecord.QuorumFailed`.
    pub kind: String,
    pub protocol: Protocol,
    /// The derive wrapper's enum name (`MyBehaviourEvent`) or the user enum's
    /// variant (`Kademlia`) the event was found inside, if any.
    pub wrapper: Option<String>,
    pub detail: Detail,
    /// The text ended before the value closed (a partial paste, a line cut
    /// at the cap): the fields after the cut are missing.
    pub cut_short: bool,
    /// Found inside an `Ok(..)` or `Err(..)`: an app's logged `Result`, or,
    /// in libp2p's own lines, a part of its message
    /// ([`Event::is_message_part`]).
    pub in_result: bool,
}

/// What each protocol's events carry.
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    Swarm(swarm::Swarm),
    Kad(kad::Kad),
    Identify(identify::Identify),
    Ping(ping::Ping),
    Gossipsub(gossipsub::Gossipsub),
    Mdns(mdns::Mdns),
    Rendezvous(rendezvous::Rendezvous),
    Autonat(autonat::Autonat),
    Relay(relay::Relay),
    Dcutr(dcutr::Dcutr),
    RequestResponse(request_response::RequestResponse),
    Upnp(upnp::Upnp),
    /// A libp2p log message or a logged API error, from `grammars/messages/`.
    Message(message::Message),
    /// One of libp2p's own WARN or ERROR lines that holds no event and no
    /// message p2plog knows: its target, level and text.
    LogLine {
        target: String,
        level: String,
        message: String,
    },
    /// A struct- or tuple-shaped value no protocol claims: its variant name,
    /// and whether the text ended before the value closed (a partial paste).
    Unknown {
        variant: String,
        truncated: bool,
    },
}

impl Event {
    /// Whether, in one of libp2p's own log lines, this value is a part of
    /// the message rather than an event: an unknown value, or one inside a
    /// `Result` (kad's `Replicating record failed: Err(QuorumFailed { .. })`
    /// is its hourly replication of a record, not the app's `PutRecord`).
    pub fn is_message_part(&self) -> bool {
        self.in_result || matches!(self.detail, Detail::Unknown { .. })
    }

    /// The peer (or address) an event is about, for counting repeats.
    pub fn subject(&self) -> Option<&str> {
        match &self.detail {
            Detail::Swarm(e) => e.subject(),
            Detail::Kad(k) => k.subject(),
            Detail::Identify(e) => e.subject(),
            Detail::Ping(e) => Some(&e.peer),
            Detail::Gossipsub(e) => e.subject(),
            Detail::Rendezvous(e) => e.peer.as_deref(),
            Detail::Autonat(e) => e.subject(),
            Detail::Relay(e) => e.subject(),
            Detail::Dcutr(e) => e.peer.as_deref(),
            Detail::RequestResponse(e) => Some(&e.peer),
            Detail::Message(m) => m.subject(),
            Detail::Mdns(_) | Detail::Upnp(_) | Detail::Unknown { .. } | Detail::LogLine { .. } => {
                None
            }
        }
    }
}

/// Every kind id p2plog can produce (but `unknown.*`), sorted.
pub fn kinds() -> Vec<String> {
    let mut all = kad::kinds();
    for more in [
        swarm::kinds(),
        identify::kinds(),
        ping::kinds(),
        gossipsub::kinds(),
        mdns::kinds(),
        rendezvous::kinds(),
        autonat::kinds(),
        relay::kinds(),
        dcutr::kinds(),
        request_response::kinds(),
        upnp::kinds(),
        message::kinds(),
    ] {
        all.extend(more);
    }
    all.sort();
    all.dedup();
    all
}

/// Turns a found Debug value into an event, or `None` when the value is a
/// building block (`QueryId(1)`, `PeerId("..")`) rather than an event.
pub fn recognize(value: &Value<'_>) -> Option<Event> {
    let (inner, wrapper) = unwrap(value);
    // a value the text cut off is cut at its outermost bracket too
    let cut_short = value.is_cut_short();
    // an app's enum variant around an event, printed without `Behaviour(..)`
    // (`Kademlia(UnroutablePeer { .. })`) or inside the derive's wrapper
    // (`Behaviour(MyEvent: Ping(Event { .. }))`): tried only when the value
    // itself is no event
    let (typed, wrapper) = match typed_by_name(inner) {
        Some(t) => (Some(t), wrapper),
        None => {
            match user_variant(inner).and_then(|(name, item)| Some((name, typed_by_name(item)?))) {
                Some((name, t)) => (Some(t), wrapper.or_else(|| Some(name.to_owned()))),
                None => (None, wrapper),
            }
        }
    };
    if let Some((kind, detail)) = typed {
        return Some(Event {
            protocol: Protocol::of_kind(&kind),
            kind,
            wrapper: wrapper.map(crate::input::clip_owned),
            detail,
            cut_short,
            in_result: false,
        });
    }
    // no event as it stands (the rare case, so checked last): `{:?}` of
    // `swarm.next().await`, `Some(ConnectionClosed { .. })`, or a path as a
    // person writes it, `SwarmEvent::ConnectionClosed { .. }`, where
    // derive's Debug prints the variant's name alone
    if let (Some("Some"), Some(item)) = (value.name(), value.only()) {
        if item.name().is_some() {
            return recognize(item);
        }
    }
    // a `Result` an app logged, `result: Err(Error { inner: .. })`: its
    // value when that is a libp2p one (an unknown inside stays unreported,
    // as it was: `Err(..)` holds any error of the app's). Only a struct,
    // whose field names tell libp2p's apart: a tuple variant inside
    // (`Err(Other(Os { .. }))`, any app's io error) is too generic to be
    // read as a failed `listen_on()` (review of the Result reading)
    if let (Some("Ok" | "Err"), Some(item)) = (value.name(), value.only()) {
        if item.name().is_some() && matches!(item.kind, crate::debugfmt::Kind::Struct { .. }) {
            return recognize(item)
                .filter(|e| !matches!(e.detail, Detail::Unknown { .. }))
                .map(|e| Event {
                    in_result: true,
                    ..e
                });
        }
    }
    if let Some(short) = value.name().and_then(last_segment) {
        return recognize(&value.renamed(short));
    }
    // an app's type names are kept, and counted, up to a length
    let wrapper = wrapper.map(crate::input::clip_owned);
    let variant = crate::input::clip(event_like(inner)?);
    Some(Event {
        kind: crate::input::clip_owned(format!("unknown.{variant}")),
        protocol: Protocol::Unknown,
        wrapper,
        detail: Detail::Unknown {
            variant: variant.into_owned(),
            truncated: cut_short,
        },
        cut_short,
        in_result: false,
    })
}

/// [`typed`], or else [`typed`] of the value under the last segment of its
/// name: an event written inside a wrapper with its path, as in a match arm
/// (`Behaviour(kad::Event::OutboundQueryProgressed { .. })`).
fn typed_by_name(v: &Value<'_>) -> Option<(String, Detail)> {
    typed(v).or_else(|| typed(&v.renamed(last_segment(v.name()?)?)))
}

/// Asks each protocol, in turn, whether the value is one of its events. Each
/// checks field names as well as the variant, so the order only matters for
/// speed. (An early return per protocol: a chain of `or_else`s would move the
/// large result through every later link.)
fn typed(v: &Value<'_>) -> Option<(String, Detail)> {
    macro_rules! try_protocol {
        ($module:ident, $detail:path) => {
            if let Some((kind, detail)) = $module::recognize(v) {
                return Some((kind, $detail(detail)));
            }
        };
    }
    try_protocol!(swarm, Detail::Swarm);
    try_protocol!(kad, Detail::Kad);
    try_protocol!(identify, Detail::Identify);
    try_protocol!(ping, Detail::Ping);
    try_protocol!(gossipsub, Detail::Gossipsub);
    try_protocol!(mdns, Detail::Mdns);
    try_protocol!(rendezvous, Detail::Rendezvous);
    try_protocol!(autonat, Detail::Autonat);
    try_protocol!(relay, Detail::Relay);
    try_protocol!(dcutr, Detail::Dcutr);
    try_protocol!(request_response, Detail::RequestResponse);
    try_protocol!(upnp, Detail::Upnp);
    if let Some((kind, m)) = message::recognize_value(v) {
        return Some((kind, Detail::Message(m)));
    }
    None
}

/// A recognised event and where it is in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    pub event: Event,
}

/// Every event in `text`, in order: Debug values that are events, and libp2p's
/// log messages (and logged API errors) from `grammars/messages/`. A message
/// that contains a Debug value (`Request to peer in query failed with Io(..)`)
/// is one event, the message; a message pattern that only matches inside a
/// recognised Debug event (a `NoAddresses` inside an autonat probe error) is
/// not reported.
pub fn find(text: &str) -> Vec<Located> {
    if is_rustc_snippet(text) {
        return Vec::new();
    }
    let mut messages = Vec::new();
    // a multi-line text (a `{:#?}` event) is scanned for the literals once
    let lines = if memchr::memchr(b'\n', text.as_bytes()).is_none() || message::any_literal(text) {
        text
    } else {
        ""
    };
    // the lines, each with its newline (split by memchr: `split_inclusive`
    // searched each long line byte by byte, 1% of the summary)
    let mut from = 0;
    let line_ends = memchr::memchr_iter(b'\n', lines.as_bytes()).map(|at| at + 1);
    let line_ends = line_ends.chain((!lines.is_empty()).then_some(lines.len()));
    let mut ends = message::Ends::default();
    for end in line_ends {
        // (a multiline message's lines are its own)
        if end <= from {
            continue;
        }
        let start = from;
        let body = lines[start..end].trim_end_matches(['\n', '\r']);
        let found = message::recognize_from(&lines[start..], body.len(), &mut ends);
        from = end;
        if let Some((range, kind, message)) = found {
            from = from.max(start + range.end);
            messages.push(Located {
                start: start + range.start,
                end: start + range.end,
                event: Event {
                    protocol: Protocol::of_kind(&kind),
                    kind,
                    wrapper: None,
                    detail: Detail::Message(message),
                    cut_short: false,
                    in_result: false,
                },
            });
        }
    }
    panic_messages(text, &mut messages);
    // every struct or tuple has a `(` or `{`: lines without either cost one memchr
    let debug = if memchr::memchr2(b'(', b'{', text.as_bytes()).is_some() {
        crate::debugfmt::find(text)
    } else {
        Vec::new()
    };
    let mut events = Vec::with_capacity(debug.len() + messages.len());
    for found in debug {
        let Ok(value) = &found.value else {
            // a broken value: a message inside it is a fragment too
            messages.retain(|m| !(found.start <= m.start && m.end <= found.end));
            continue;
        };
        let Some(mut event) = recognize(value) else {
            continue;
        };
        let (start, end) = (found.start, found.end);
        // `IO(..)` alone is a closed connection's cause only where the
        // line, or the io error itself, says it is a connection's
        if let Detail::Swarm(lone) = &event.detail {
            if swarm::lone_close_is_connection_s(lone) == Some(false)
                && !names_a_closed_connection(&text[..start])
            {
                event.kind = "unknown.IO".into();
                event.protocol = Protocol::Unknown;
                event.detail = Detail::Unknown {
                    variant: "IO".into(),
                    truncated: event.cut_short,
                };
            }
        }
        if let Detail::Swarm(lone) = &event.detail {
            if let Some((kind, dial)) =
                swarm::as_dial_attempt(lone).filter(|_| names_a_dial(&text[..start]))
            {
                event.kind = kind;
                event.detail = Detail::Swarm(dial);
            }
        }
        if messages.iter().any(|m| m.start <= start && end <= m.end) {
            continue;
        }
        // an app's own wrapper that a message starts before and reaches
        // into (`Failed to publish: Network(GossipsubPublish(Duplicate))`,
        // the message `publish … Duplicate`) is that message's, no unknown
        // of its own; a message wholly inside an unknown value (a peer's
        // string) is not read, below
        let unknown = matches!(event.detail, Detail::Unknown { .. });
        if unknown && messages.iter().any(|m| m.start < start && start < m.end) {
            continue;
        }
        messages.retain(|m| !(start <= m.start && m.end <= end));
        events.push(Located { start, end, event });
    }
    events.extend(messages);
    events.sort_by_key(|l| l.start);
    events
}

/// Whether the words on the line before a value (`before` ends where it
/// starts) say it is a dial's, not an incoming connection's: whole words
/// (not the "dial" of "dialog", nor "reachable"), libp2p 0.39's own
/// `Connection attempt to <peer> via <addr> failed with …` among them.
fn names_a_dial(before: &str) -> bool {
    let line = &before[memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |n| n + 1)..];
    // the words, lower case, each between single spaces
    let mut words = String::from(" ");
    for word in line
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words.push_str(&word.to_ascii_lowercase());
        words.push(' ');
    }
    let has = |phrases: &[&str]| phrases.iter().any(|p| words.contains(&format!(" {p} ")));
    has(&[
        "dial",
        "dialing",
        "dialling",
        "dialed",
        "dialled",
        "failed to reach",
        "could not reach",
        "outgoing",
        "outbound",
        "connect to",
        "connecting to",
        "connection attempt to",
    ]) && !has(&["incoming", "inbound", "listen", "listener", "listening"])
}

/// Whether the words on the line before a value say it is a connection's
/// close cause (`cause: Some(IO(..))`, `Connection closed: IO(..)`).
fn names_a_closed_connection(before: &str) -> bool {
    let line = &before[memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |n| n + 1)..];
    line.split(|c: char| !c.is_ascii_alphabetic())
        .map(str::to_ascii_lowercase)
        .any(|w| {
            matches!(
                w.as_str(),
                "cause" | "closed" | "connection" | "disconnected" | "connectionclosed"
            )
        })
}

/// Rust 1.73 and later write a panic's message on the line after its head
/// (`thread 'main' panicked at src/main.rs:4:5:`), which the assembler
/// joins to it: that line is the panic's `message`, and what it quotes
/// (`called `Result::unwrap()` on an `Err` value: …`) is no event of its own.
fn panic_messages(text: &str, messages: &mut Vec<Located>) {
    // (where the panic starts, where its message line ends, that line)
    let mut joined = Vec::new();
    for m in messages.iter() {
        let Detail::Message(message) = &m.event.detail else {
            continue;
        };
        let after = &text[m.end..];
        let next = after
            .strip_prefix("\r\n")
            .or_else(|| after.strip_prefix('\n'));
        let Some(next) = next.filter(|_| message.pattern == message::PANIC) else {
            continue;
        };
        let line = next.split('\n').next().unwrap_or(next);
        if !line.trim().is_empty() {
            joined.push((
                m.start,
                text.len() - next.len() + line.len(),
                line.trim().to_owned(),
            ));
        }
    }
    for (start, end, quoted) in joined {
        messages.retain(|o| o.start <= start || o.start >= end);
        if let Some(m) = messages.iter_mut().find(|o| o.start == start) {
            m.end = end;
            if let Detail::Message(message) = &mut m.event.detail {
                message.fields.insert("message".to_owned(), quoted);
            }
        }
    }
}

/// Peels `SwarmEvent::Behaviour(..)`, `Behaviour(MyEvent: inner)` and
/// `Behaviour(Kademlia(inner))` off a value, returning the inner event and the
/// wrapper's name.
pub fn unwrap<'v, 'a>(value: &'v Value<'a>) -> (&'v Value<'a>, Option<String>) {
    fn last_segment<'a>(v: &Value<'a>) -> Option<&'a str> {
        v.name().map(|n| n.rsplit(':').next().unwrap_or(n))
    }
    if last_segment(value) != Some("Behaviour") {
        return (value, None);
    }
    let Some(item) = value.only() else {
        return (value, None);
    };
    match &item.kind {
        // the derive wrapper: `MyBehaviourEvent: Inner { .. }`
        Kind::Pair(pair) => (&pair.1, pair.0.text().map(|t| t.into_owned())),
        // a user enum `Kademlia(Inner { .. })`, unless the item is an event itself
        Kind::Tuple { name: Some(_), .. } if !is_event_name(item) => match item.only() {
            Some(inner) if inner.name().is_some() => (inner, last_segment(item).map(str::to_owned)),
            _ => (item, None),
        },
        _ => (item, None),
    }
}

/// The name after a path's last `::` (`kad::Event::ModeChanged` →
/// `ModeChanged`), when the name is a path outside generics.
fn last_segment(name: &str) -> Option<&str> {
    // names are short: a byte loop, not a call to memchr
    let at = name.bytes().rposition(|b| b == b':')?;
    (!name[..at].contains('<'))
        .then(|| &name[at + 1..])
        .filter(|short| !short.is_empty())
}

/// `Kademlia(inner)`: a one-item tuple, not a building block (`Some`, `Ok`,
/// `PeerId`, …), an error wrapper (`Transport`, `Left`, …) nor an event,
/// around a named value; its name and item.
fn user_variant<'v, 'a>(v: &'v Value<'a>) -> Option<(&'a str, &'v Value<'a>)> {
    let Kind::Tuple { name: Some(_), .. } = &v.kind else {
        return None;
    };
    let name = event_like(v)?;
    let item = v.only()?;
    let wrapper = ERROR_WRAPPERS.contains(&name);
    (item.name().is_some() && !wrapper && !is_event_name(v)).then_some((name, item))
}

/// Variants that wrap libp2p's errors, never an event: `ListenError::Transport`
/// and `DialError::Transport` printed alone, `Either`'s sides, io and
/// transport error layers. Inside them is an error, not the event an app's
/// enum variant holds.
const ERROR_WRAPPERS: &[&str] = &[
    "Transport",
    "Left",
    "Right",
    "Other",
    "Io",
    "Apply",
    "Select",
    "Custom",
];

/// A line of source code that rustc quotes in a diagnostic, after its line
/// number: `7 |         SwarmEvent::ConnectionClosed { .. } => …`, which
/// `cargo run 2>&1 | p2plog` shows when the node's build warns (found by
/// the live review). Code, not an event.
fn is_rustc_snippet(text: &str) -> bool {
    let rest = text.trim_start_matches(' ');
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && {
        let after = &rest[digits..];
        after == " |" || after.starts_with(" | ")
    }
}

/// Whether a value's name is a known libp2p event head (so a 1-tuple of it is
/// the event, not a user enum variant wrapping one).
fn is_event_name(v: &Value<'_>) -> bool {
    v.name()
        .is_some_and(|n| is_libp2p_event_name(n) || EVENT_TUPLES.contains(&n))
}

/// Whether `name` is the variant name of a kad, swarm, autonat or
/// rendezvous event: names no app type is likely to have (unlike
/// `Message`, `Received`, or the tuple events' `Discovered`, `Expired`).
pub fn is_libp2p_event_name(name: &str) -> bool {
    kad::is_event_name(name)
        || swarm::is_event_name(name)
        || autonat::is_event_name(name)
        || rendezvous::is_event_name(name)
}

/// Tuple-shaped events of other protocols (mDNS, autonat v1, rendezvous server).
const EVENT_TUPLES: &[&str] = &[
    "Discovered",
    "Expired",
    "InboundProbe",
    "OutboundProbe",
    "RegistrationExpired",
];

/// Building blocks that appear on their own in log text (tracing fields such as
/// `query=QueryId(1)`) but are not events.
const NOT_EVENTS: &[&str] = &[
    "QueryId",
    "PeerId",
    "ConnectionId",
    "ListenerId",
    "Key",
    "Some",
    "None",
    "Ok",
    "Err",
    "Instant",
    "Multiaddr",
    "TopicHash",
    "MessageId",
    "StreamProtocol",
    "Distance",
    "Namespace",
    "Dialer",
    "Listener",
    "Connected",
    "ProbeId",
    "Limit",
    "Cookie",
    "OutboundRequestId",
    "InboundRequestId",
    // tracing-subscriber's `.with_thread_ids(true)`: `ThreadId(01)` on every line
    "ThreadId",
];

/// The variant name of a value that looks like an event: a named struct, or a
/// named tuple that is not a known building block.
fn event_like<'a>(v: &Value<'a>) -> Option<&'a str> {
    let name = v.name()?;
    // after the last `::` (a char split: a `&str` pattern sets up a searcher)
    let last = name.rsplit(':').next().unwrap_or(name);
    let shaped = matches!(v.kind, Kind::Struct { .. } | Kind::Tuple { .. });
    (shaped && !NOT_EVENTS.contains(&last) && last.starts_with(|c: char| c.is_ascii_uppercase()))
        .then_some(last)
}

#[cfg(test)]
mod tests;
