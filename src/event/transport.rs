//! Transport errors, read down to their leaf cause, and addresses by class.
//!
//! A dial error prints the whole stack of wrappers the app's transport builder
//! put around the real failure (reference §2.4):
//! `Other(Custom { kind: Other, error: Other(Left(Left(Left(Os { code: 111, kind:
//! ConnectionRefused, .. })))) })`. The `Left`/`Right` path depends on the order
//! of `.with_tcp(..).with_quic()`, `.with_relay_client(..)` and `.with_dns()`, so
//! it means nothing on its own: [`leaf`] skips the wrappers and returns the
//! innermost meaningful [`Cause`] with the [`Stage`] it happened in (connecting,
//! protocol negotiation, the security or multiplexer upgrade, QUIC, the relay).
//! [`AddrClass`] says whether an address is loopback, private, documentation,
//! reserved, public, a DNS name or relayed. Wording for people is `knowledge`'s job; this module only
//! names things.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::debugfmt::{Kind, Value};

/// Where an address points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AddrClass {
    /// 127.0.0.0/8, ::1.
    Loopback,
    /// 10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT), 169.254/16,
    /// fc00::/7, fe80::/10: reachable only inside a LAN, VPN or NAT.
    Private,
    /// 192.0.2/24, 198.51.100/24, 203.0.113/24 (RFC 5737), 2001:db8::/32
    /// (RFC 3849) and 3fff::/20 (RFC 9637): examples in documentation, which
    /// no host on the internet has.
    Documentation,
    /// Other IPv4 special-purpose ranges that are not globally reachable:
    /// 0/8, 192.0.0/24 (but .9 and .10), 198.18/15 (benchmarking, RFC 2544),
    /// 240/4 (future use) and the broadcast address.
    Reserved,
    /// Any other IP address.
    Public,
    /// 0.0.0.0 or :: (a listen address meaning "every interface").
    Unspecified,
    /// `/dns`, `/dns4`, `/dns6`, `/dnsaddr`: needs a DNS transport to dial.
    Dns,
    /// Contains `/p2p-circuit`: reached through a relay.
    Relayed,
    /// Anything else (`/memory/..`, `/unix/..`, a bare `/p2p/<id>`).
    Other,
    /// Left out of a pasted text (`(..., HandshakeTimedOut)`).
    Elided,
}

/// An address that is only a peer id (`/p2p/<id>`, or `/p2p/<a>/p2p/<b>`),
/// with no IP, DNS or other transport part for any transport to dial. A
/// connection the relay client accepted has such a remote address,
/// `/p2p/<src>` (libp2p-relay 0.21 priv_client/transport.rs:405): identify
/// tells the peer it sees it there, and DCUtR keeps that candidate to
/// hole-punch (libp2p-dcutr 0.14 behaviour.rs:369-379 leaves out only
/// `/p2p-circuit` addresses).
pub fn is_peer_id_only(addr: &str) -> bool {
    addr.starts_with("/p2p/") && addr.split('/').skip(1).step_by(2).all(|p| p == "p2p")
}

/// An IP address with port 0 (`/ip4/127.0.0.1/tcp/0`, `/udp/0/quic-v1`) or
/// the unspecified IP (`/ip4/0.0.0.0/…`, `/ip6/::/…`): a listen address,
/// "any port", "every interface", that no transport dials. libp2p-tcp
/// refuses both in `dial` with `MultiaddrNotSupported` (libp2p 0.56
/// transports/tcp/src/lib.rs:350-351), QUIC and WebRTC alike
/// (quic/src/transport.rs:141, webrtc/src/tokio/transport.rs:135).
pub fn is_wildcard(addr: &str) -> bool {
    let mut parts = addr.split('/').skip(1);
    let ip = match (parts.next(), parts.next()) {
        (Some("ip4" | "ip6"), Some(ip)) => ip,
        _ => return false,
    };
    let (Some(proto @ ("tcp" | "udp")), Some(port)) = (parts.next(), parts.next()) else {
        return false;
    };
    // what the transport that refuses them dials: TCP bare, QUIC and
    // WebRTC over UDP, with the peer's id after; not a relayed address,
    // whose relay is dialled through the swarm (a relay client refuses
    // the whole), nor WebSocket, whose refusal of TCP's comes back
    // wrapped (websocket framed.rs: `InvalidMultiaddr`)
    let rest: Vec<&str> = parts.collect();
    let dialled_as_is = match (proto, rest.as_slice()) {
        ("tcp", [] | ["p2p", _]) => true,
        ("udp", ["quic" | "quic-v1"] | ["quic" | "quic-v1", "p2p", _]) => true,
        ("udp", ["webrtc-direct", tail @ ..]) => tail
            .chunks(2)
            .all(|pair| matches!(pair, ["certhash", _] | ["p2p", _])),
        _ => false,
    };
    dialled_as_is
        && (port == "0"
            || ip
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_unspecified()))
}

impl AddrClass {
    /// Classifies a multiaddr's text, e.g. `/ip4/192.168.1.2/tcp/4001`.
    pub fn of(addr: &str) -> AddrClass {
        if memchr::memmem::find(addr.as_bytes(), b"/p2p-circuit").is_some() {
            return AddrClass::Relayed;
        }
        let mut parts = addr.split('/').skip(1);
        match (parts.next(), parts.next()) {
            (Some("ip4"), Some(ip)) => ip.parse().map_or(AddrClass::Other, class_v4),
            (Some("ip6"), Some(ip)) => ip.parse().map_or(AddrClass::Other, class_v6),
            (Some("dns" | "dns4" | "dns6" | "dnsaddr"), _) => AddrClass::Dns,
            _ => AddrClass::Other,
        }
    }

    /// The class as one lower-case word (for JSON and tests).
    pub fn id(self) -> &'static str {
        match self {
            AddrClass::Loopback => "loopback",
            AddrClass::Private => "private",
            AddrClass::Documentation => "documentation",
            AddrClass::Reserved => "reserved",
            AddrClass::Public => "public",
            AddrClass::Unspecified => "unspecified",
            AddrClass::Dns => "dns",
            AddrClass::Relayed => "relayed",
            AddrClass::Other => "other",
            AddrClass::Elided => "elided",
        }
    }
}

/// The ranges are those libp2p's own `is_global` leaves out (libp2p 0.56
/// protocols/autonat/src/v1/behaviour.rs:595-641, core/src/transport/
/// global_only.rs:134-146; the latter counts 192.0.0.9 and .10 as not
/// global too); neither leaves out multicast, which is `Public` here too.
fn class_v4(ip: Ipv4Addr) -> AddrClass {
    let [a, b, c, d] = ip.octets();
    if ip.is_loopback() {
        AddrClass::Loopback
    } else if ip.is_unspecified() {
        AddrClass::Unspecified
    } else if ip.is_private() || ip.is_link_local() || (a == 100 && (64..128).contains(&b)) {
        AddrClass::Private
    } else if ip.is_documentation() {
        AddrClass::Documentation
    } else if a == 0
        || (a, b, c) == (192, 0, 0) && !matches!(d, 9 | 10)
        || (a == 198 && b & 0xfe == 18)
        || a >= 240
    {
        AddrClass::Reserved
    } else {
        AddrClass::Public
    }
}

fn class_v6(ip: Ipv6Addr) -> AddrClass {
    let first = ip.segments()[0];
    if ip.is_loopback() {
        AddrClass::Loopback
    } else if ip.is_unspecified() {
        AddrClass::Unspecified
    } else if first & 0xfe00 == 0xfc00 || first & 0xffc0 == 0xfe80 {
        AddrClass::Private
    } else if (first, ip.segments()[1]) == (0x2001, 0xdb8)
        || (first == 0x3fff && ip.segments()[1] & 0xf000 == 0)
    {
        // 3fff::/20: the first 16 bits 3fff, the next 4 zero
        AddrClass::Documentation
    } else if let Some(v4) = ip.to_ipv4_mapped() {
        class_v4(v4)
    } else {
        AddrClass::Public
    }
}

/// A multiaddr and its class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Addr {
    pub text: String,
    pub class: AddrClass,
}

impl Addr {
    /// An address a text leaves out (`..`, `...`, `…`).
    pub fn elided(marker: &str) -> Addr {
        Addr {
            text: marker.to_owned(),
            class: AddrClass::Elided,
        }
    }

    pub fn new(text: &str) -> Addr {
        Addr {
            text: text.to_owned(),
            class: AddrClass::of(text),
        }
    }

    /// A multiaddr value as an address: printed bare (multiaddr 0.18.2 on,
    /// Sept. 2024), or quoted, as `Debug` of a `String` (0.18.0 and 0.18.1,
    /// which libp2p 0.53 and 0.54 were released with).
    pub fn from_value(v: &Value<'_>) -> Option<Addr> {
        match v.kind {
            Kind::Bare(text) if text.starts_with('/') => Some(Addr::new(text)),
            Kind::Str(text) if text.starts_with('/') => Some(Addr::new(&v.text()?)),
            _ => None,
        }
    }
}

/// The innermost meaningful cause of a transport, connection or stream error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// `Os { kind: ConnectionRefused }`: nothing listens on that port.
    ConnectionRefused,
    /// The transport's own `Timeout` (`TransportTimeout`, 10 s with the
    /// SwarmBuilder): the connection was not complete in time.
    DialTimeout,
    /// QUIC `HandshakeTimedOut` (5 s by default).
    QuicHandshakeTimedOut,
    /// An OS-level `io::ErrorKind` with no better name here: `TimedOut`,
    /// `HostUnreachable`, `NetworkUnreachable`, `ConnectionReset`, `BrokenPipe`,
    /// `UnexpectedEof`, `AddrInUse`, `AddrNotAvailable`, `PermissionDenied`, …
    Io(String),
    /// noise could not read a handshake message (`Io(Custom { kind: InvalidData,
    /// error: Input })`, snow's input error) or failed otherwise (`Noise(..)`,
    /// `AuthenticationFailed`, `BadSignature`, …): the variant name.
    Security(String),
    /// noise `InvalidKey(DecodingError { msg: "cargo feature `rsa` is not
    /// enabled" })`: the remote's key is of a type this node's libp2p was
    /// built without (libp2p-identity 0.2–0.3 error.rs `missing_feature`);
    /// the feature's name.
    KeyTypeDisabled(String),
    /// multistream-select `Select(Failed)`: no protocol in common.
    NegotiationFailed,
    /// multistream-select `Select(ProtocolError(..))` without an io cause:
    /// `InvalidMessage`, `InvalidProtocol`, `TooManyProtocols`.
    NegotiationProtocol(String),
    /// `MultiaddrNotSupported(addr)`: no transport of this build can dial
    /// it; `dns`, a `/dns…` name; `peer_id_only`, an address with no
    /// transport part at all, only `/p2p/<id>` (see [`is_peer_id_only`]);
    /// `wildcard`, port 0 or the unspecified IP, which no transport dials
    /// (see [`is_wildcard`]).
    MultiaddrNotSupported {
        dns: bool,
        peer_id_only: bool,
        wildcard: bool,
    },
    /// yamux `Error(Closed)`: the remote closed the connection.
    MuxerClosed,
    /// QUIC closed by the remote application (`ApplicationClosed`), with its code.
    QuicApplicationClosed(String),
    /// QUIC closed by the remote's transport (`ConnectionClosed`), with its code.
    QuicConnectionClosed(String),
    /// QUIC idle timeout: no packets for the idle period.
    QuicTimedOut,
    /// QUIC stateless reset (the remote lost the connection's state).
    QuicReset,
    /// A relay reservation was refused: `Reservation(Unsupported)`, …
    RelayReservation(String),
    /// A relayed connection failed: `Connect(NoReservation)`, …
    RelayConnect(String),
    /// An io error with a message of its own, e.g. `Custom { kind:
    /// ConnectionRefused, error: "protocol not supported" }`: (kind, message).
    Message(String, String),
    /// Anything else: the innermost name or text.
    Other(String),
    /// The text ends inside the cause, before anything that names it.
    CutOff,
}

impl Cause {
    /// `MultiaddrNotSupported` of `address` (`None`: the text names none).
    pub fn unsupported(address: Option<&str>) -> Cause {
        Cause::MultiaddrNotSupported {
            dns: address.is_some_and(|a| AddrClass::of(a) == AddrClass::Dns),
            peer_id_only: address.is_some_and(is_peer_id_only),
            wildcard: address.is_some_and(is_wildcard),
        }
    }

    /// A stable one-word id (the libp2p/std name where there is one).
    pub fn id(&self) -> String {
        match self {
            Cause::ConnectionRefused => "ConnectionRefused".into(),
            Cause::DialTimeout => "Timeout".into(),
            Cause::QuicHandshakeTimedOut => "HandshakeTimedOut".into(),
            Cause::Io(kind) => kind.clone(),
            Cause::Security(name) => format!("Noise.{name}"),
            Cause::KeyTypeDisabled(feature) => format!("KeyTypeDisabled.{feature}"),
            Cause::NegotiationFailed => "Select.Failed".into(),
            Cause::NegotiationProtocol(name) => format!("Select.{name}"),
            Cause::MultiaddrNotSupported { dns: true, .. } => "MultiaddrNotSupported.Dns".into(),
            Cause::MultiaddrNotSupported {
                peer_id_only: true, ..
            } => "MultiaddrNotSupported.PeerIdOnly".into(),
            Cause::MultiaddrNotSupported { wildcard: true, .. } => {
                "MultiaddrNotSupported.Wildcard".into()
            }
            Cause::MultiaddrNotSupported { .. } => "MultiaddrNotSupported".into(),
            Cause::MuxerClosed => "Closed".into(),
            Cause::QuicApplicationClosed(_) => "ApplicationClosed".into(),
            Cause::QuicConnectionClosed(_) => "ConnectionClosed".into(),
            Cause::QuicTimedOut => "Quic.TimedOut".into(),
            Cause::QuicReset => "Quic.Reset".into(),
            Cause::RelayReservation(name) => format!("Reservation.{name}"),
            Cause::RelayConnect(name) => format!("Connect.{name}"),
            Cause::Message(kind, _) => kind.clone(),
            Cause::Other(name) => name.clone(),
            Cause::CutOff => "CutOff".into(),
        }
    }
}

/// Where in setting up (or running) a connection a cause happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Opening the socket or connection itself (the OS said no).
    Connect,
    /// multistream-select: agreeing on the security or multiplexer protocol.
    Negotiation,
    /// The security or multiplexer handshake after negotiation (`Apply(..)`).
    Upgrade,
    /// Inside QUIC.
    Quic,
    /// Inside the relay client.
    Relay,
    /// On a connection that was already open (a `ConnectionClosed` cause).
    Established,
    /// Nothing tells (a timeout around everything, an error on an open connection).
    Unknown,
}

/// The innermost cause of an error, with the stage it happened in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
    pub cause: Cause,
    pub stage: Stage,
}

/// Wrappers that add nothing: the type-erased transport, `Either`, the timeout
/// layer's `Other`, io and muxer boxes, QUIC's `Connection(ConnectionError(..))`.
const WRAPPERS: &[&str] = &[
    "Other",
    "Left",
    "Right",
    "Transport",
    "IO",
    "Io",
    "IoError",
    "Connection",
    "ConnectionError",
    "Reach",
    "ConnectError",
    "Error",
    "Some",
    "Err",
    "A",
    "B",
    // libp2p-webrtc's `Error::UDPMux(io::Error)` (tokio/error.rs)
    "UDPMux",
    // libp2p up to 0.35's (libp2p-dns up to 0.27) `DnsErr::Underlying(TErr)`: the transport
    // under it failed (libp2p v0.35.1 transports/dns/src/lib.rs:215)
    "Underlying",
];

/// Reads any transport, connection or io error down to its leaf cause.
/// `Other(Custom { kind: Other, error: Other(Left(Left(Left(Os { code: 111,
/// kind: ConnectionRefused, .. })))) })` → `ConnectionRefused` at `Connect`.
pub fn leaf(v: &Value<'_>) -> Leaf {
    descend(v, Stage::Unknown, 0, false)
}

/// Like [`leaf`], for an error on a connection that was already open.
pub fn leaf_established(v: &Value<'_>) -> Leaf {
    descend(v, Stage::Established, 0, false)
}

/// Deep enough for every builder; stops a pathological value from recursing far.
const MAX_WRAPPERS: usize = 64;

/// `cut`: the text ends where `v` does, inside the value around it, so a
/// bare name that ends it may be a fragment (`Left(L`).
fn descend(v: &Value<'_>, stage: Stage, depth: usize, cut: bool) -> Leaf {
    let at = |cause| Leaf { cause, stage };
    let Some(name) = v.name() else {
        // a `Custom` error's message, or some odd scalar
        let text = v
            .text()
            .map(|t| t.into_owned())
            .unwrap_or_else(|| v.compact());
        return at(Cause::Other(text));
    };
    if depth > MAX_WRAPPERS {
        return at(Cause::Other(name.to_owned()));
    }
    // the text ends right after `inner` when it ends inside `v`
    let next = |inner: &Value<'_>, stage| descend(inner, stage, depth + 1, v.is_cut_short());
    // QUIC's own errors happen in QUIC, unless the connection was already open
    let quic = if stage == Stage::Established {
        Stage::Established
    } else {
        Stage::Quic
    };
    match name {
        // `Os { code: 111, kind: Conn` cut before or inside its kind (no
        // `message`, nor a `,` after the kind): the code still says
        "Os" if cut_before(v, "message") && !(v.field("kind").is_some() && ends_a_field(v)) => {
            Leaf {
                cause: errno_kind_of(v).map_or(Cause::CutOff, |kind| match kind {
                    "ConnectionRefused" => Cause::ConnectionRefused,
                    kind => Cause::Io(kind.into()),
                }),
                stage: if stage == Stage::Unknown {
                    Stage::Connect
                } else {
                    stage
                },
            }
        }
        // `Kind(UnexpectedE`, `Custom { kind: Oth`: the kind is a fragment
        "Kind" if v.is_cut_short() => at(Cause::CutOff),
        // (`Custom { kind: Other, ` says nothing until its error)
        "Custom"
            if cut_in_last_field(v, "error")
                || cut_before(v, "error") && io_kind(v) == Some("Other") =>
        {
            at(Cause::CutOff)
        }
        "Os" | "Kind" | "Custom" | "Error" if io_kind(v).is_some() => io_leaf(v, stage, depth),

        "Timeout" => at(Cause::DialTimeout),
        "HandshakeTimedOut" => Leaf {
            cause: Cause::QuicHandshakeTimedOut,
            stage: quic,
        },
        "MultiaddrNotSupported" => {
            let address = v.only().and_then(Addr::from_value);
            at(Cause::unsupported(
                address.as_ref().map(|a| a.text.as_str()),
            ))
        }
        "Select" => match v.only() {
            Some(inner) if inner.name() == Some("Failed") => Leaf {
                cause: Cause::NegotiationFailed,
                stage: Stage::Negotiation,
            },
            Some(inner) => next(inner, Stage::Negotiation),
            None => at(Cause::Other(name.into())),
        },
        "ProtocolError" => match v.only() {
            Some(inner) if inner.name() == Some("IoError") => next(inner, Stage::Negotiation),
            Some(inner) => Leaf {
                cause: Cause::NegotiationProtocol(inner.name().unwrap_or("ProtocolError").into()),
                stage: Stage::Negotiation,
            },
            None => at(Cause::Other(name.into())),
        },
        "Apply" => match v.only() {
            Some(inner) => next(inner, Stage::Upgrade),
            None => at(Cause::Other(name.into())),
        },
        // noise's own errors (`Noise(snow::Error)`, `AuthenticationFailed`, …)
        "Noise"
        | "InvalidKey"
        | "InvalidLength"
        | "UnexpectedKey"
        | "BadSignature"
        | "AuthenticationFailed"
        | "InvalidPayload"
        | "SigningError" => {
            let detail = v.only().and_then(Value::name).unwrap_or(name);
            // (a key type's words say the handshake already: no stage)
            match disabled_key_type(v) {
                Some(feature) => Leaf {
                    cause: Cause::KeyTypeDisabled(feature),
                    stage: Stage::Unknown,
                },
                None => Leaf {
                    cause: Cause::Security(detail.into()),
                    stage: Stage::Upgrade,
                },
            }
        }
        // libp2p-relay 0.22 priv_client/transport.rs:427: the relay client
        // dropped the circuit request (priv_client.rs:279-281,
        // priv_client/handler.rs:233)
        "ResponseFromBehaviourCanceled" => Leaf {
            cause: Cause::RelayConnect("Canceled".into()),
            stage: Stage::Relay,
        },
        "Reservation" | "Connect" => {
            let inner = v.only().and_then(Value::name).unwrap_or("?").to_owned();
            let cause = if name == "Reservation" {
                Cause::RelayReservation(inner)
            } else {
                Cause::RelayConnect(inner)
            };
            Leaf {
                cause,
                stage: Stage::Relay,
            }
        }
        "ApplicationClosed" | "ConnectionClosed" => {
            let code = v
                .only()
                .and_then(|c| c.field("error_code"))
                .map(|c| c.compact())
                .unwrap_or_default();
            let cause = if name == "ApplicationClosed" {
                Cause::QuicApplicationClosed(code)
            } else {
                Cause::QuicConnectionClosed(code)
            };
            Leaf { cause, stage: quic }
        }
        "TimedOut" => Leaf {
            cause: Cause::QuicTimedOut,
            stage: quic,
        },
        "Reset" => Leaf {
            cause: Cause::QuicReset,
            stage: quic,
        },
        "Closed" => at(Cause::MuxerClosed),
        // yamux's `Decode(FrameDecodeError)`: its `Io` is a plain I/O error
        // (a reset, an EOF inside a frame), not a decoding problem
        "Decode" => match v.only() {
            Some(inner) if inner.name() == Some("Io") => next(inner, stage),
            _ => at(Cause::Other(v.compact())),
        },
        // libp2p-dns (`.with_dns()`): `Dial([<error per resolved address>])`
        // for every dial, `/ip4` ones too; the first attempt's cause stands
        // for them (they are the same host's addresses)
        "Dial" => match v.only().and_then(|list| list.items().first()) {
            Some(first) => next(first, stage),
            None => at(Cause::Other(name.into())),
        },
        // prost-codec's `Codec(Error(<io error>))` (identify): an oversized
        // message names itself, "message with 5000b exceeds maximum of
        // 4096b" (prost-codec 0.4 lib.rs:73-80); other errors stay `Codec`
        "Codec" => match v.only().map(|inner| next(inner, stage)) {
            Some(leaf) if is_oversized(&leaf.cause) => leaf,
            _ => at(Cause::Other(name.into())),
        },
        _ if WRAPPERS.contains(&name) => match v.only() {
            Some(inner) => next(inner, stage),
            None if cut || v.is_cut_short() => at(Cause::CutOff),
            None => at(Cause::Other(name.into())),
        },
        // a bare name that ends a cut text is a fragment, not the cause
        _ if cut && matches!(v.kind, Kind::Unit(_)) => at(Cause::CutOff),
        _ => at(Cause::Other(name.into())),
    }
}

/// Whether the text ends inside an io error struct's `kind`, its last
/// field: no `later` field follows, nor a `,` that would end the kind.
fn cut_in_last_field(v: &Value<'_>, later: &str) -> bool {
    cut_before(v, later) && !ends_a_field(v)
}

/// Whether the text of cut `v` ends with a `,`: its last field is whole.
fn ends_a_field(v: &Value<'_>) -> bool {
    v.raw.0.trim_end().ends_with(',')
}

/// The cargo feature of noise's `InvalidKey(DecodingError { msg: "cargo
/// feature `rsa` is not enabled", source: None })`.
fn disabled_key_type(v: &Value<'_>) -> Option<String> {
    if v.name() != Some("InvalidKey") {
        return None;
    }
    let msg = v.only()?.field("msg")?.text()?;
    feature_not_enabled(&msg).map(str::to_owned)
}

/// `rsa` of libp2p-identity's "cargo feature `rsa` is not enabled".
pub fn feature_not_enabled(text: &str) -> Option<&str> {
    let rest = &text[text.find("cargo feature `")? + "cargo feature `".len()..];
    let end = rest.find("` is not enabled")?;
    Some(&rest[..end])
}

/// Whether the text ends inside `v` before its field `later`.
fn cut_before(v: &Value<'_>, later: &str) -> bool {
    v.is_cut_short() && v.field(later).is_none()
}

/// The `io::ErrorKind` of an `Os { code, .. }` error whose `kind` was cut
/// off, from the Linux errno (the codes libp2p's dials meet; other systems
/// number them otherwise).
fn errno_kind_of(v: &Value<'_>) -> Option<&'static str> {
    errno_kind(v.field("code")?.as_u64()?)
}

/// The `io::ErrorKind` of an OS error code: Linux's, and Windows' socket
/// errors (`WSAE…`, 100xx), which no Linux code reaches.
pub fn errno_kind(code: u64) -> Option<&'static str> {
    Some(match code {
        111 | 10061 => "ConnectionRefused",
        110 | 10060 => "TimedOut",
        113 | 10065 => "HostUnreachable",
        101 | 10051 => "NetworkUnreachable",
        104 | 10054 => "ConnectionReset",
        32 => "BrokenPipe",
        98 | 10048 => "AddrInUse",
        99 | 10049 => "AddrNotAvailable",
        13 | 10013 => "PermissionDenied",
        _ => return None,
    })
}

/// A codec's refusal of a message over its size limit.
pub fn is_oversized(cause: &Cause) -> bool {
    matches!(cause, Cause::Message(_, m) if m.starts_with("message with ") && m.contains("b exceeds maximum of "))
}

/// The `kind` of an io::Error value: `Os { kind, .. }`, `Kind(kind)`,
/// `Custom { kind, error }`, std's `Error { kind, message }`.
fn io_kind<'a>(v: &Value<'a>) -> Option<&'a str> {
    match v.name()? {
        "Kind" => v.only()?.name(),
        "Os" | "Custom" | "Error" => v.field("kind")?.name(),
        _ => None,
    }
}

// `Os { code: 111, kind: ConnectionRefused, .. }`, `Kind(UnexpectedEof)`,
// `Custom { kind: Other, error: <boxed error> }`, `Error { kind, message }`
fn io_leaf(v: &Value<'_>, stage: Stage, depth: usize) -> Leaf {
    let kind = io_kind(v).unwrap_or("Other");
    let stage = if stage == Stage::Unknown && v.name() == Some("Os") {
        Stage::Connect
    } else {
        stage
    };
    if v.name() == Some("Custom") {
        let inner = v.field("error");
        match inner.map(|i| &i.kind) {
            // `Custom { kind: ConnectionRefused, error: "protocol not supported" }`
            Some(Kind::Str(_)) => {
                let message = inner.and_then(Value::text).unwrap_or_default();
                return Leaf {
                    cause: Cause::Message(kind.into(), message.into_owned()),
                    stage,
                };
            }
            // noise's handshake errors travel as `Custom { kind: InvalidData, error: Input }`
            Some(Kind::Unit(name)) if kind == "InvalidData" => {
                return Leaf {
                    cause: Cause::Security((*name).into()),
                    stage: Stage::Upgrade,
                };
            }
            // the error is the last field: cut when `v` is
            Some(_) => {
                let inner = inner.expect("matched Some");
                return descend(inner, stage, depth + 1, v.is_cut_short());
            }
            None => {}
        }
    }
    // std has no kind for EMFILE and many more: only the OS message says
    // (`Os { code: 24, kind: Uncategorized, message: "Too many open files" }`)
    let message = (kind == "Uncategorized")
        .then(|| v.field("message").and_then(Value::text))
        .flatten();
    let cause = match (kind, message) {
        ("ConnectionRefused", _) => Cause::ConnectionRefused,
        (_, Some(message)) => Cause::Message(kind.into(), message.into_owned()),
        (other, None) => Cause::Io(other.into()),
    };
    Leaf { cause, stage }
}

#[cfg(test)]
mod tests;
