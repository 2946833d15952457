//! A `DialError` printed with `Display` (`{error}`), as apps log it and as
//! rust-libp2p's own examples do (examples/dcutr: `Outgoing connection
//! failed: {error}`), read into the same [`DialErr`] as its `Debug` form.
//!
//! libp2p-swarm's `impl Display for DialError` (0.44–0.48, lib.rs) writes
//! `Dial error: …` sentences for most variants (0.31–0.43.3 wrote a
//! `DialPeerConditionFalse` as `condition <c> for dialing peer was false`)
//! and, for `Transport`,
//! `Failed to negotiate transport protocol(s): [(<addr>: <chain>)…]`, where
//! `<chain>` is each error's `Display` followed by those of its `source()`s,
//! each after `: `. The `TransportError::Other` wrapper prints nothing, so a
//! chain starts `: : Connection refused (os error 111)`. The cause is the
//! innermost message this module knows ([`leaf`]); which message means what
//! is data from the libp2p crates' `Display` impls, cited below. `Denied`
//! prints only `Dial error`, which names nothing, and `LocalPeerId` has no
//! kind of its own as a logged error (noise refuses a self-dial first, so no
//! fixture shows one): those are not read.
//!
//! The DNS transport (libp2p-dns 0.44 on, lib.rs:375) gathers a dial's
//! errors into `Multiple dial errors occurred:`, each error on a line of its
//! own after ` - `; the assembler joins those lines to the record, and a
//! chain is read as one line.

use super::swarm::{AddrError, DialErr};
use super::transport::{errno_kind, feature_not_enabled, Addr, Cause, Leaf, Stage};

const TRANSPORT: &str = "Failed to negotiate transport protocol(s): [";

/// libp2p 0.40–0.49 (libp2p-swarm 0.31–0.40) wrote a `Transport` error's list with `Debug`
/// after this (lib.rs `impl Display for DialError`, v0.45.0:1477; the
/// chain form above came with v0.50.0, rust-libp2p PR 2972).
const TRANSPORT_DEBUG: &str =
    "An error occurred while negotiating the transport protocol(s) on a connection: ";

/// Reads a `DialError`'s `Display` text; `None` when it is not one.
pub fn dial_error(text: &str) -> Option<DialErr> {
    if let Some(list) = text.strip_prefix(TRANSPORT) {
        return Some(DialErr::Transport(addr_errors(list)));
    }
    if let Some(list) = text.strip_prefix(TRANSPORT_DEBUG) {
        let (list, _) = crate::debugfmt::parse_prefix(list).ok()?;
        return Some(DialErr::Transport(super::swarm::addr_errors(&list)));
    }
    let rest = text.strip_prefix("Dial error: ")?;
    let sentence = rest.strip_suffix('.').unwrap_or(rest);
    Some(if sentence == "no addresses for peer" {
        DialErr::NoAddresses
    } else if sentence == "Pending connection attempt has been aborted" {
        DialErr::Aborted
    } else if let Some(rest) = sentence.strip_prefix("Unexpected peer ID ") {
        let (obtained, at) = rest.split_once(" at ")?;
        DialErr::WrongPeerId {
            obtained: obtained.to_owned(),
            address: addr(at),
        }
    } else if let Some(condition) = sentence
        .strip_prefix("condition ")
        .and_then(|rest| rest.strip_suffix(" for dialing peer was false"))
        .filter(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        // libp2p-swarm 0.31 to 0.43.3 (libp2p 0.40 to 0.52): the condition's
        // `Debug` (lib.rs:1581 at libp2p-v0.52.0)
        DialErr::DialPeerConditionFalse(condition.into())
    } else if let Some(when) =
        sentence.strip_prefix("dial condition was configured to only happen ")
    {
        // the sentence names the condition's parts; `Always` has none
        let condition = if when.starts_with("when both") {
            "DisconnectedAndNotDialing"
        } else if when.starts_with("when disconnected") {
            "Disconnected"
        } else if when.starts_with("if there is currently no ongoing dialing attempt") {
            "NotDialing"
        } else {
            "?"
        };
        DialErr::DialPeerConditionFalse(condition.into())
    } else {
        return None;
    })
}

/// An address as `{:?}` prints it: bare (multiaddr 0.18.2 on) or quoted
/// (0.18.0 and 0.18.1, libp2p 0.53 and 0.54); or, up to libp2p 0.55,
/// whose `WrongPeerId` printed the `ConnectedPoint`, an endpoint's
/// (`Dialer { address: "/ip4/…", role_override: Dialer }`).
fn addr(text: &str) -> Option<Addr> {
    let text = text.trim();
    if text.starts_with("Dialer {") || text.starts_with("Listener {") {
        return crate::debugfmt::parse(text)
            .ok()
            .and_then(|v| super::swarm::endpoint_address(&v));
    }
    let text = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    text.starts_with('/').then(|| Addr::new(text))
}

// `(/ip4/127.0.0.1/tcp/1: : Connection refused (os error 111))(/ip4/…: …)]`
// with whatever follows the list (the app's fields); a line cut inside the
// list keeps the addresses it names
fn addr_errors(list: &str) -> Vec<AddrError> {
    let mut out = Vec::new();
    let mut rest = list;
    while let Some(item) = rest.strip_prefix('(') {
        // an address never holds `: `, an IPv6 one only `::` before a digit
        let Some((address, after)) = item.split_once(": ") else {
            break;
        };
        // the next item starts `)(/`; the list ends at `)]`
        let end = after.find(")]");
        let (chain, next) = match after.find(")(/") {
            Some(n) if end.is_none_or(|e| n < e) => (&after[..n], &after[n + 1..]),
            _ => (&after[..end.unwrap_or(after.len())], ""),
        };
        out.push(AddrError {
            address: Addr::new(address),
            leaf: leaf(chain),
        });
        rest = next;
    }
    out
}

/// A message this module knows, with its cause and stage.
type Known = (&'static str, fn() -> Cause, Stage);

/// The messages this module knows: the last one in a chain (the innermost
/// error) decides.
const MESSAGES: &[Known] = &[
    // libp2p-core 0.44 transport/timeout.rs:197, `TransportTimeoutError::Timeout`
    (
        "Timeout has been reached",
        || Cause::DialTimeout,
        Stage::Unknown,
    ),
    // libp2p-quic 0.14 lib.rs:94, `Error::HandshakeTimedOut`
    (
        "Handshake with the remote timed out.",
        || Cause::QuicHandshakeTimedOut,
        Stage::Quic,
    ),
    // multistream-select negotiated.rs:390, `NegotiationError::Failed`
    (
        "Protocol negotiation failed.",
        || Cause::NegotiationFailed,
        Stage::Negotiation,
    ),
    // snow 0.10 error.rs:178, `Error::Input`: noise could not read a
    // handshake message (`Custom { kind: InvalidData, error: Input }`)
    (
        "input error",
        || Cause::Security("Input".into()),
        Stage::Upgrade,
    ),
    // libp2p-noise 0.47 lib.rs:239-243
    (
        "Remote authenticated with an unexpected public key",
        || Cause::Security("UnexpectedKey".into()),
        Stage::Upgrade,
    ),
    (
        "The signature of the remote identity's public key does not verify",
        || Cause::Security("BadSignature".into()),
        Stage::Upgrade,
    ),
    (
        "Authentication failed",
        || Cause::Security("AuthenticationFailed".into()),
        Stage::Upgrade,
    ),
    // hickory-net 0.26 error.rs:47 and :380 (libp2p-dns 0.45), the
    // resolver's `NetError::Dns` and `DnsError::NoRecordsFound`: the Debug
    // form's `ResolveError(..)`
    ("DNS error: ", resolve_error, Stage::Unknown),
    ("no records found for ", resolve_error, Stage::Unknown),
    // libp2p-dns 0.45 lib.rs:333: resolved, but to no address it can dial
    ("No Matching Records Found", resolve_error, Stage::Unknown),
    // hickory-net 0.26 error.rs:91, `NetError::Timeout`: no resolver answered
    ("request timed out", resolve_error, Stage::Unknown),
    // libp2p-dns 0.45 lib.rs:373, `Error::TooManyLookups`
    (
        "Too many DNS lookups",
        || Cause::Other("TooManyLookups".into()),
        Stage::Unknown,
    ),
];

fn resolve_error() -> Cause {
    Cause::Other("ResolveError".into())
}

/// The cause of one address's error chain (`: : Connection refused (os error
/// 111): Connection refused (os error 111)`).
pub fn leaf(chain: &str) -> Leaf {
    let chain = one_line(chain);
    let chain = chain.trim_start_matches([':', ' ']);
    // `TransportError::MultiaddrNotSupported` (libp2p-core transport.rs:551)
    if let Some(address) = chain.strip_prefix("Multiaddr is not supported: ") {
        let address = address.trim();
        return Leaf {
            cause: Cause::unsupported(Some(address)),
            stage: Stage::Unknown,
        };
    }
    if let Some(leaf) = relay_leaf(chain) {
        return leaf;
    }
    // libp2p-relay 0.22 priv_client/transport.rs:427, `Error::ResponseFromBehaviourCanceled`
    if chain.contains("Response from behaviour was canceled") {
        return Leaf {
            cause: Cause::RelayConnect("Canceled".into()),
            stage: Stage::Relay,
        };
    }
    // libp2p-noise 0.47 lib.rs:235 `InvalidKey` ("Invalid public key") of
    // libp2p-identity's "Key decoding error: cargo feature `rsa` is not enabled"
    if let Some(feature) = feature_not_enabled(chain) {
        return Leaf {
            cause: Cause::KeyTypeDisabled(feature.into()),
            stage: Stage::Unknown,
        };
    }
    // the upgrade that failed (libp2p-core upgrade/error.rs:59-60)
    let stage = if chain.contains("Multistream select failed") {
        Stage::Negotiation
    } else if chain.contains("Handshake failed") {
        Stage::Upgrade
    } else {
        Stage::Unknown
    };
    let known = MESSAGES
        .iter()
        .filter_map(|&(text, cause, stage)| Some((chain.rfind(text)?, cause(), stage)));
    let os = os_error(chain).map(|(at, cause)| (at, cause, Stage::Connect));
    match known.chain(os).max_by_key(|(at, ..)| *at) {
        Some((_, cause, own)) => Leaf {
            cause,
            stage: if stage == Stage::Unknown { own } else { stage },
        },
        None => Leaf {
            cause: Cause::Other(words(chain)),
            stage,
        },
    }
}

/// A relayed dial's error (libp2p-relay 0.22 `priv_client/transport.rs`
/// `Error::Connect` and `::Reservation`, their causes in
/// `protocol/outbound_hop.rs`), as the Debug form's `Connect(NoReservation)`.
fn relay_leaf(chain: &str) -> Option<Leaf> {
    const CAUSES: &[(&str, &str)] = &[
        (
            "Remote reported resource limit exceeded.",
            "ResourceLimitExceeded",
        ),
        (
            "Relay failed to connect to destination.",
            "ConnectionFailed",
        ),
        ("Relay has no reservation for destination.", "NoReservation"),
        ("Remote denied permission.", "PermissionDenied"),
        ("Remote does not support the `", "Unsupported"),
        ("Reservation refused.", "Refused"),
        ("IO error", "Io"),
        ("Protocol error", "Protocol"),
    ];
    let (connect, rest) = match chain.split_once("Failed to connect to destination.") {
        Some((_, rest)) => (true, rest),
        None => (false, chain.split_once("Failed to get Reservation.")?.1),
    };
    let cause = CAUSES
        .iter()
        .find(|(text, _)| rest.contains(text))
        .map_or("?", |&(_, name)| name)
        .to_owned();
    Some(Leaf {
        cause: if connect {
            Cause::RelayConnect(cause)
        } else {
            Cause::RelayReservation(cause)
        },
        stage: Stage::Relay,
    })
}

/// The last `<message> (os error <code>)` of a chain: where it starts, and
/// its cause (`std::io::Error`'s `Display` of an OS error).
fn os_error(chain: &str) -> Option<(usize, Cause)> {
    let end = chain.rfind(" (os error ")?;
    let code: u64 = chain[end + 11..].split(')').next()?.parse().ok()?;
    let start = chain[..end].rfind(": ").map_or(0, |s| s + 2);
    // the message first: codes differ between systems (ECONNREFUSED is 111
    // on Linux, 61 on macOS), strerror's words little
    let kind = strerror_kind(&chain[start..end]).or_else(|| errno_kind(code));
    let cause = match kind {
        Some("ConnectionRefused") => Cause::ConnectionRefused,
        Some(kind) => Cause::Io(kind.into()),
        // std has no kind for many codes (EMFILE is `Uncategorized`)
        None => Cause::Message(format!("os error {code}"), chain[start..end].to_owned()),
    };
    Some((start, cause))
}

/// The `io::ErrorKind` of an OS error's message, as Linux's and macOS'
/// `strerror` write it.
fn strerror_kind(message: &str) -> Option<&'static str> {
    Some(match message {
        "Connection refused" => "ConnectionRefused",
        "Connection timed out" | "Operation timed out" => "TimedOut",
        "No route to host" => "HostUnreachable",
        "Network is unreachable" => "NetworkUnreachable",
        "Connection reset by peer" => "ConnectionReset",
        "Broken pipe" => "BrokenPipe",
        "Address already in use" => "AddrInUse",
        "Cannot assign requested address" | "Can't assign requested address" => "AddrNotAvailable",
        "Permission denied" | "Operation not permitted" => "PermissionDenied",
        _ => return None,
    })
}

/// A chain as one line: libp2p-dns's `Multiple dial errors occurred:` (lib.rs:375)
/// dropped, and each ` - <error>` line after it (a log may indent it) one
/// more link.
fn one_line(chain: &str) -> std::borrow::Cow<'_, str> {
    if !chain.contains('\n') {
        return chain.into();
    }
    let links: Vec<&str> = chain
        .split('\n')
        .map(|line| line.trim_start())
        .map(|line| line.strip_prefix("- ").unwrap_or(line))
        .collect();
    links
        .join(": ")
        .replace("Multiple dial errors occurred:", "")
        .into()
}

/// A chain with its empty messages and repeats dropped: `Response from
/// behaviour was canceled: oneshot canceled`.
fn words(chain: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in chain.split(": ").map(str::trim) {
        if !part.is_empty() && parts.last() != Some(&part) {
            parts.push(part);
        }
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::transport::AddrClass;

    // the lines are real: fixtures/display-errors (libp2p 0.57.1)
    #[test]
    fn refused_addresses_read_as_connection_refused() {
        let text = "Failed to negotiate transport protocol(s): [(/ip4/127.0.0.1/tcp/30252/p2p/12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8: : Connection refused (os error 111): Connection refused (os error 111))] peer=None";
        let Some(DialErr::Transport(errors)) = dial_error(text) else {
            panic!("not read: {text}");
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].address.class, AddrClass::Loopback);
        assert!(errors[0]
            .address
            .text
            .ends_with("/p2p/12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8"));
        assert_eq!(errors[0].leaf.cause, Cause::ConnectionRefused);
        assert_eq!(errors[0].leaf.stage, Stage::Connect);
    }

    // libp2p-dns 0.44 on: every dial's errors gathered, each on its line
    #[test]
    fn a_dns_transport_list_reads_to_its_innermost_cause() {
        let text = "Failed to negotiate transport protocol(s): [(/dns4/localhost/tcp/30152/p2p/12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8: : Multiple dial errors occurred:\n     - Connection refused (os error 111): Multiple dial errors occurred:\n     - Connection refused (os error 111): Connection refused (os error 111))]";
        let Some(DialErr::Transport(errors)) = dial_error(text) else {
            panic!("not read");
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].address.class, AddrClass::Dns);
        assert_eq!(errors[0].leaf.cause, Cause::ConnectionRefused);
        let chain = ": : Multiple dial errors occurred:\n - DNS error: no records found for Query { name: Name(\"bootnode.invalid.\"), query_type: A, query_class: IN }: Multiple dial errors occurred:\n - DNS error: no records found for Query { name: Name(\"bootnode.invalid.\"), query_type: A, query_class: IN }";
        assert_eq!(leaf(chain).cause, Cause::Other("ResolveError".into()));
        for (chain, cause) in [
            (
                ": : Multiple dial errors occurred:\n - request timed out",
                "ResolveError",
            ),
            (
                ": : Multiple dial errors occurred:\n - Too many DNS lookups",
                "TooManyLookups",
            ),
            (": : No Matching Records Found", "ResolveError"),
        ] {
            assert_eq!(leaf(chain).cause, Cause::Other(cause.into()), "{chain}");
        }
        // an unknown error reads as its words, without the list's
        let chain = ": : Multiple dial errors occurred:\n - Out of cheese: Multiple dial errors occurred:\n - Out of cheese: Out of cheese";
        assert_eq!(leaf(chain).cause, Cause::Other("Out of cheese".into()));
    }

    #[test]
    fn each_address_of_a_list_gets_its_own_cause() {
        let text = "Failed to negotiate transport protocol(s): [(/ip4/10.0.0.1/udp/1/quic-v1: : Handshake with the remote timed out.: Handshake with the remote timed out.)(/ip6/::1/tcp/80: : Timeout has been reached)(/dns4/a.example/tcp/1: Multiaddr is not supported: /dns4/a.example/tcp/1)]";
        let Some(DialErr::Transport(errors)) = dial_error(text) else {
            panic!("not read");
        };
        let causes: Vec<(&str, Cause)> = errors
            .iter()
            .map(|e| (e.address.text.as_str(), e.leaf.cause.clone()))
            .collect();
        assert_eq!(
            causes,
            [
                ("/ip4/10.0.0.1/udp/1/quic-v1", Cause::QuicHandshakeTimedOut),
                ("/ip6/::1/tcp/80", Cause::DialTimeout),
                (
                    "/dns4/a.example/tcp/1",
                    Cause::MultiaddrNotSupported {
                        dns: true,
                        peer_id_only: false,
                        wildcard: false
                    }
                ),
            ]
        );
    }

    #[test]
    fn chains_read_to_their_innermost_known_message() {
        let cases = [
            (": : Handshake failed: Handshake failed: input error", Cause::Security("Input".into()), Stage::Upgrade),
            (": : Multistream select failed: Protocol negotiation failed.", Cause::NegotiationFailed, Stage::Negotiation),
            (": : No route to host (os error 113)", Cause::Io("HostUnreachable".into()), Stage::Connect),
            // macOS: ECONNREFUSED is 61, ETIMEDOUT 60
            (": : Connection refused (os error 61)", Cause::ConnectionRefused, Stage::Connect),
            (": : Operation timed out (os error 60)", Cause::Io("TimedOut".into()), Stage::Connect),
            (
                ": : Too many open files (os error 24)",
                Cause::Message("os error 24".into(), "Too many open files".into()),
                Stage::Connect,
            ),
            // a relayed dial, as relay 0.22's errors print it (the io
            // error around it repeats the outer message)
            (
                ": : Failed to connect to destination.: Failed to connect to destination.: Relay has no reservation for destination.",
                Cause::RelayConnect("NoReservation".into()),
                Stage::Relay,
            ),
            (
                ": : Failed to get Reservation.: Reservation refused.",
                Cause::RelayReservation("Refused".into()),
                Stage::Relay,
            ),
            (
                ": : Response from behaviour was canceled: Response from behaviour was canceled: oneshot canceled",
                Cause::RelayConnect("Canceled".into()),
                Stage::Relay,
            ),
        ];
        for (chain, cause, stage) in cases {
            assert_eq!(leaf(chain), Leaf { cause, stage }, "{chain}");
        }
    }

    #[test]
    fn dial_error_sentences_read_as_their_variants() {
        let p = "12D3KooWJapgaHRkME9b6EuJwKr2H9mr6pcDrnmsdq7vvgXQXui8";
        let a = "/ip4/127.0.0.1/tcp/30201/p2p/12D3KooWS2YRYgfvDJezyWEe8dMWt8Hbkr1YzMC2eb3ViqQCQT9j";
        assert_eq!(
            dial_error("Dial error: no addresses for peer."),
            Some(DialErr::NoAddresses)
        );
        assert_eq!(
            dial_error(&format!("Dial error: Unexpected peer ID {p} at {a}.")),
            Some(DialErr::WrongPeerId {
                obtained: p.into(),
                address: Some(Addr::new(a))
            })
        );
        // libp2p 0.53 to 0.55 print the endpoint (swarm lib.rs), its
        // address quoted by multiaddr 0.18.0 and 0.18.1 (libp2p 0.53, 0.54)
        for endpoint in [
            format!("Dialer {{ address: \"{a}\", role_override: Dialer }}"),
            format!("Dialer {{ address: {a}, role_override: Dialer, port_use: Reuse }}"),
        ] {
            assert_eq!(
                dial_error(&format!(
                    "Dial error: Unexpected peer ID {p} at {endpoint}."
                )),
                Some(DialErr::WrongPeerId {
                    obtained: p.into(),
                    address: Some(Addr::new(a))
                }),
                "{endpoint}"
            );
        }
        assert_eq!(
            dial_error("Dial error: dial condition was configured to only happen when disconnected (`PeerCondition::Disconnected`), but node is already connected, thus cancelling new dial."),
            Some(DialErr::DialPeerConditionFalse("Disconnected".into()))
        );
        // libp2p 0.52 and older (rust-libp2p issue 4407)
        assert_eq!(
            dial_error("Dial error: condition Disconnected for dialing peer was false."),
            Some(DialErr::DialPeerConditionFalse("Disconnected".into()))
        );
        assert_eq!(
            dial_error("Dial error: condition NotDialing for dialing peer was false"),
            Some(DialErr::DialPeerConditionFalse("NotDialing".into()))
        );
        assert_eq!(
            dial_error("Dial error: condition  for dialing peer was false."),
            None
        );
        // fixtures/display-errors: `disconnect_peer_id` during the dial
        assert_eq!(
            dial_error("Dial error: Pending connection attempt has been aborted."),
            Some(DialErr::Aborted)
        );
        // `Denied`, and `LocalPeerId`, which no kind stands for, stay unread
        assert_eq!(dial_error("Dial error"), None);
        assert_eq!(
            dial_error("Dial error: tried to dial local peer id at \"/ip4/127.0.0.1/tcp/1\"."),
            None
        );
    }
}
