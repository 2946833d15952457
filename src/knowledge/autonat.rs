//! AutoNAT v1 and v2: verdicts and sentences (reference §9, §17 rule 21).
//! v1 defaults (libp2p-autonat 0.16): `only_global_ips: true` (so on a LAN,
//! localhost or Docker no connected peer qualifies as a probe server), a probe
//! retried every 90 s, the status refreshed every 15 min, `confidence_max` 3.

use super::text::short_peer;
use super::{Context, Explanation, Verdict};
use crate::event::autonat::Autonat;
use crate::event::transport::AddrClass;

pub(super) fn explain(kind: &str, event: &Autonat, _ctx: &Context) -> Explanation {
    match event {
        Autonat::Probe { outbound, step, peer, address, error } => {
            // no peer: a client's error without a server (`NoServer`), or
            // an error an app logged alone (`OutboundRequest(Timeout)`)
            let peer = peer.as_deref().map_or_else(
                || match error {
                    Some((v, _)) if v == "OutboundRequest" => "the server (the line names none)".to_owned(),
                    Some((v, _)) if v == "InboundRequest" => "a client (the line names none)".to_owned(),
                    _ => "no server".to_owned(),
                },
                short_peer,
            );
            let addr = address.as_ref().map_or(String::new(), |a| format!(" {}", a.text));
            match (outbound, error) {
                (true, Some((variant, inner))) => outbound_error(kind, &peer, variant, inner.as_deref()),
                (false, Some((variant, inner))) => Explanation::new(
                    kind,
                    Verdict::Expected,
                    format!("A dial-back probe for {peer} failed: {variant}{}.", inner.as_deref().map_or(String::new(), |i| format!("({i})"))),
                    "This node, as an AutoNAT server, could not complete a client's probe: the request broke, or dialling the client back failed or was refused: a dial-back already under way, throttling, or a connection from the client that came through a relay or from a non-global IP (the server dials the IP it observed, not the ones the client named). That is the client's reachability, not a problem of this node.",
                    "",
                ),
                (true, None) if step == "Request" => ok(kind, format!("Asked {peer} to dial this node back."), "An AutoNAT probe: the server tries to reach this node's candidate addresses to tell whether it is publicly reachable."),
                (true, None) => ok(kind, format!("{peer} reached this node at{addr}."), "The probe succeeded: the address is reachable from that server, and the swarm confirms it as an external address right away. From status Unknown one such answer makes the node Public; an established Private status flips only once contradicting answers have used up its confidence (at most 3 by default)."),
                (false, None) if step == "Request" => ok(kind, format!("{peer} asked this node to dial it back at{addr}."), "This node is an AutoNAT server for that client; it now dials the addresses the client named."),
                (false, None) => ok(kind, format!("Dialled {peer} back at{addr}."), "The dial-back succeeded; the client learns that address is reachable."),
            }
        }
        Autonat::StatusChanged { old, new, address } => match new.as_str() {
            // a probe of a loopback, private, documentation or reserved
            // address succeeds only with `only_global_ips` off (v1
            // behaviour.rs:105, its `is_global_ip` at 595-641): a test or a LAN;
            // but for IPv6 see `v1_is_global_ip6`
            "Public" => ok(
                kind,
                match address {
                    Some(a) if matches!(a.class, AddrClass::Loopback | AddrClass::Private | AddrClass::Documentation | AddrClass::Reserved) => format!(
                        "AutoNAT status Public (was {old}): probe servers reached this node at {} ({}), which says nothing about the internet{}",
                        a.text,
                        super::transport::class_words(a.class),
                        if v1_is_global_ip6(&a.text) {
                            // 3fff::/20, an IPv4-mapped address (libp2p-autonat 0.16 v1/behaviour.rs:643-696)
                            ", although libp2p's `is_global_ip` counts it as global: servers dial it with `only_global_ips` on too."
                        } else {
                            ": servers dial such addresses only with `only_global_ips` off."
                        }
                    ),
                    Some(a) => format!("AutoNAT: this node is publicly reachable at {} (was {old}).", a.text),
                    None => format!("AutoNAT: this node is publicly reachable (was {old})."),
                },
                "A probe server dialled this node back (from status Unknown one answer is enough; from Private, enough answers to use up the confidence in the old status); the address is a confirmed external address, which turns kad into server mode.",
            ),
            // AutoNAT v1 only ever confirms addresses (as_client.rs:148) and
            // never withdraws one: kad's mode does not follow this status
            "Private" if old.starts_with("Public") => Explanation::new(
                kind,
                Verdict::Actionable,
                format!("AutoNAT: this node is NOT publicly reachable any more (was {old})."),
                "Probe servers can no longer dial this node back: it is now behind NAT or a firewall, or its address changed. AutoNAT v1 never withdraws an address it confirmed, so the earlier address stays a confirmed external address and kad stays in server mode (unless the app fixed kad's mode with `set_mode`). Actionable for a node meant to be reachable.",
                "Forward a port (or enable UPnP), or listen through a relay (`/p2p-circuit`) and let DCUtR upgrade connections. If the old address is no longer valid, remove it with `swarm.remove_external_address`.",
            ),
            "Private" => Explanation::new(
                kind,
                Verdict::Actionable,
                format!("AutoNAT: this node is NOT publicly reachable (was {old})."),
                "Probe servers could not dial this node back: it is behind NAT or a firewall, and others cannot connect to it. This status does not change kad's mode: unless the app fixed it with `set_mode`, kad is in client mode only while the node has no confirmed external address at all (from AutoNAT, a relay reservation, UPnP or the app), and AutoNAT v1 never withdraws one it confirmed. Actionable for a node meant to be reachable; normal for a client behind NAT.",
                "Forward a port (or enable UPnP), or listen through a relay (`/p2p-circuit`) and let DCUtR upgrade connections.",
            ),
            _ => Explanation::new(kind, Verdict::Expected, format!("AutoNAT status is unknown again (was {old})."), "rust-libp2p's AutoNAT v1 does not report this change: it ignores Unknown probe results, and when its public address expires it resets to Unknown silently (`as_client.rs`). A line like this comes from the app's own code or another implementation.", ""),
        },
        Autonat::Client { tested, server, error, .. } => {
            let addr = tested.as_ref().map_or("an address".to_owned(), |a| a.text.clone());
            let server = server.as_deref().map_or("?".to_owned(), short_peer);
            match error {
                None => ok(kind, format!("AutoNAT v2: {server} reached this node at {addr}."), "The address is reachable from outside; the swarm confirms it as an external address."),
                Some(e) => Explanation::new(
                    kind,
                    Verdict::Expected,
                    if e == "StreamFailed" {
                        format!("AutoNAT v2: {server} connected to this node at {addr}, but the dial-back stream failed ({e}).")
                    } else {
                        format!("AutoNAT v2: {server} could not reach this node at {addr} ({e}).")
                    },
                    "`NoConnection`: the server's dial-back failed, so that address is not reachable from outside (expected behind NAT). `StreamFailed`: the server connected, but the dial-back stream on that connection failed. Either way the address is marked failed and not tested again while the process runs (only untested candidates are probed, `client/behaviour.rs`). Only reachability failures are events; other errors are retried silently.",
                    if e == "StreamFailed" {
                        "No port needs forwarding: the server dials back with this node's peer id, so it reached this node. If it repeats, look at the link between the two (a dial-back stream that times out) rather than at the address."
                    } else {
                        "If the node should be reachable at that address, forward the port or fix the advertised address."
                    },
                ),
            }
        }
        Autonat::Server { tested, client, error } => {
            let client = client.as_deref().map_or("?".to_owned(), short_peer);
            let addr = tested.as_ref().map_or("an address".to_owned(), |a| a.text.clone());
            match error {
                None => ok(kind, format!("AutoNAT v2 server: tested {client}'s address {addr}."), "This node ran the client's test and sent it the result. `Ok(())` only means the answer was delivered: a failed dial-back is a normal answer too, so this says nothing about the client's reachability."),
                Some(_) => Explanation::new(kind, Verdict::Expected, format!("AutoNAT v2 server: the test of {client}'s address {addr} broke off."), "Sending the answer on the test stream failed (an I/O error), or no test began: the client's request could not be read, came as dial data first, or listed no address (libp2p then reports the error \"the tested address is not the observed address\", though a tested address other than the observed one is normal: the server asks for dial data first). A failed dial-back is not this error: it is answered normally (`Ok(())`). This says nothing about the client's reachability.", ""),
            }
        }
    }
}

fn ok(kind: &str, summary: String, explanation: &'static str) -> Explanation {
    Explanation::new(kind, Verdict::Ok, summary, explanation, "")
}

fn outbound_error(kind: &str, peer: &str, variant: &str, inner: Option<&str>) -> Explanation {
    let (summary, explanation, advice) = match variant {
        "NoServer" => (
            "AutoNAT found no server to probe with.".to_owned(),
            "No connected peer qualifies as a probe server. By default (`only_global_ips: true`) peers with private, loopback or Docker addresses never do, so on a LAN or localhost this repeats every 90 s forever. Expected in private deployments and early after start.",
            "In a private network set `only_global_ips: false` in `autonat::Config` (and run AutoNAT servers), or ignore it.",
        ),
        "NoAddresses" => (
            "AutoNAT had no address to test.".to_owned(),
            // v1 as_client.rs: the candidates plus every listen address
            "A probe tests this node's external address candidates (from identify's observed addresses) and all its listen addresses; it had neither: the node listens on no address and no peer has reported one yet, as for a client that only dials.",
            "If this node should be reachable, make it listen (`listen_on`); a node that only dials has no use for AutoNAT.",
        ),
        "OutboundRequest" => (
            format!("The AutoNAT probe request to {peer} failed ({}).", inner.unwrap_or("?")),
            "The request-response exchange with the server failed (dial failure, timeout, closed connection, or the peer runs no AutoNAT server).",
            "",
        ),
        _ => (
            format!("{peer} could not confirm this node's address ({}).", inner.unwrap_or("?")),
            response_error_words(inner),
            "",
        ),
    };
    Explanation::new(kind, Verdict::Expected, summary, explanation, advice)
}

/// A server's error answer (`Response(..)`). Only `DialError` counts towards
/// Private (v1 `as_client.rs`:315-317, 356-360): the other answers leave the
/// status and its confidence as they were.
fn response_error_words(inner: Option<&str>) -> &'static str {
    match inner {
        Some("DialError") => "`DialError`: the server could not dial this node back, evidence that it is behind NAT or a firewall. From status Unknown one such answer makes the node Private; an established Public status flips only once contradicting answers have used up its confidence (at most 3 by default).",
        Some("DialRefused") => "`DialRefused`: the server would not try to dial back (throttling, a dial-back already under way, or this node's connection to it came through a relay or from a non-global IP: the server dials the IP it observed, with the ports named; or no address named could be dialled that way, all of them relayed or without an IP). This says nothing about reachability: the NAT status stays as it was.",
        Some("BadRequest") => "`BadRequest`: the server rejected the request (for example a peer id mismatch). This says nothing about reachability: the NAT status stays as it was.",
        Some("InternalError") => "`InternalError`: the server failed on its side. This says nothing about reachability: the NAT status stays as it was.",
        _ => "`DialError`: the server could not dial this node back, evidence that it is behind NAT or a firewall; one such answer can make the node Private. `DialRefused` (the server would not try), `BadRequest` and `InternalError` say nothing about reachability and leave the NAT status as it was.",
    }
}

/// Whether AutoNAT v1's `is_global_ip` counts an `/ip6/` address as
/// global: a copy of libp2p-autonat 0.16 v1/behaviour.rs:643-696, which
/// reads the low nibble of the first segment as a multicast scope even for
/// unicast addresses, and so counts 3fff::/20 and IPv4-mapped addresses as
/// global although they are documentation or private ones.
fn v1_is_global_ip6(address: &str) -> bool {
    let Some(ip) = address
        .strip_prefix("/ip6/")
        .and_then(|rest| rest.split('/').next())
        .and_then(|ip| ip.parse::<std::net::Ipv6Addr>().ok())
    else {
        return false;
    };
    let first = ip.segments()[0];
    let unicast_global = !(ip.is_multicast()
        || ip.is_loopback()
        || first & 0xffc0 == 0xfe80
        || first & 0xfe00 == 0xfc00
        || ip.is_unspecified()
        || (first == 0x2001 && ip.segments()[1] == 0xdb8));
    match first & 0x000f {
        14 => true,
        1..=5 | 8 => false,
        _ => unicast_global,
    }
}

#[cfg(test)]
mod tests {
    use crate::knowledge::tests::{explained, PEER as P};

    fn response(error: &str) -> String {
        explained(&format!(
            "OutboundProbe(Error {{ probe_id: ProbeId(2), peer: Some({P}), error: Response({error}) }})"
        ))
        .explanation
        .into_owned()
    }

    /// as_client.rs:148: v1 confirms addresses and never withdraws them.
    #[test]
    fn private_does_not_put_kad_back_into_client_mode() {
        let was_public =
            explained("StatusChanged { old: Public(/ip4/1.2.3.4/tcp/4001), new: Private }")
                .explanation;
        assert!(
            was_public.contains("kad stays in server mode"),
            "{was_public}"
        );
        assert!(!was_public.contains("client mode"), "{was_public}");
        let was_unknown = explained("StatusChanged { old: Unknown, new: Private }").explanation;
        assert!(
            was_unknown.contains("does not change kad's mode"),
            "{was_unknown}"
        );
        assert!(!was_unknown.contains("falls back"), "{was_unknown}");
    }

    /// as_client.rs:356-360: only `DialError` maps to Private.
    #[test]
    fn only_a_dial_error_answer_counts_towards_private() {
        for refused in ["DialRefused", "BadRequest", "InternalError"] {
            let e = response(refused);
            assert!(e.contains("the NAT status stays as it was"), "{e}");
            assert!(!e.contains("makes the node Private"), "{e}");
        }
        let e = response("DialError");
        assert!(e.contains("makes the node Private"), "{e}");
    }
}
