//! Circuit relay v2: verdicts and sentences for the server's and the client's
//! events (reference §10, §17 rule 22). Facts from libp2p-relay 0.22: the
//! server starts with HOP disabled until it has a confirmed external address;
//! circuits are limited (by default 2 min and 128 KiB, both directions together).

use super::text::short_peer;
use super::transport::leaf_words;
use super::{Context, Explanation, Verdict};
use crate::event::relay::Relay;
use crate::event::time::human;

pub(super) fn explain(kind: &str, e: &Relay, ctx: &Context) -> Explanation {
    let p = |x: &Option<String>| x.as_deref().map_or("?".to_owned(), short_peer);
    let (src, dst, relay) = (p(&e.src), p(&e.dst), p(&e.relay));
    // relay ≤ 0.19 (libp2p ≤ 0.55) logs the denials without a status
    let status = e.status.as_deref().unwrap_or("");
    let code = if status.is_empty() {
        String::new()
    } else {
        format!(" ({status})")
    };
    let limit = e.limit.map_or(String::new(), |(d, bytes)| {
        let d = d.map_or("no time limit".to_owned(), |ns| say!(ctx, "at most {}", human(ns)));
        let b = bytes.map_or("no data limit".to_owned(), |b| say!(ctx, "{b} bytes in both directions together"));
        say!(ctx, " The circuit is limited: {d}, {b}; after that the relay closes it (DCUtR can move the traffic to a direct connection first).")
    });
    let ok = |summary: String, explanation: String| {
        Explanation::new(kind, Verdict::Ok, summary, explanation, "")
    };
    let expected = |summary: String, explanation: String| {
        Explanation::new(kind, Verdict::Expected, summary, explanation, "")
    };
    let error = e
        .error
        .as_ref()
        .map_or(String::new(), |l| say!(ctx, ": {}", leaf_words(l)));
    if e.client {
        return match e.variant.as_str() {
            "ReservationReqAccepted" => ok(
                say!(ctx, "Relay {relay} accepted this node's reservation{}.", if e.renewed == Some(true) { " renewal" } else { "" }),
                say!(ctx, "Other peers can now reach this node through the relay at its `/p2p-circuit` address, which becomes a listen and external address. The reservation is renewed automatically.{limit}"),
            ),
            "OutboundCircuitEstablished" => ok(
                say!(ctx, "Connected to a peer through relay {relay}."),
                say!(ctx, "This node dialled a `/p2p-circuit` address and the relay opened the circuit.{limit}"),
            ),
            _ => ok(
                say!(ctx, "Peer {src} connected to this node through its relay."),
                say!(ctx, "A relayed inbound connection arrived on this node's reservation.{limit}"),
            ),
        };
    }
    match e.variant.as_str() {
        "ReservationReqAccepted" => ok(say!(ctx, "Accepted a relay reservation{} from {src}.", if e.renewed == Some(true) { " renewal" } else { "" }), "This node relays for that client: peers can reach the client through this node.".into()),
        "ReservationReqDenied" => expected(
            say!(ctx, "Denied a relay reservation from {src}{code}."),
            say!(ctx, "`ResourceLimitExceeded` happens under load (per-peer and per-IP rate limits, the maximum number of reservations); other codes are policy.{}", ctx.repeat_note()),
        ),
        // relay 0.22 (libp2p 0.57) records every connection as `Reservation::None`
        // when it is established and emits this when any of them closes
        // (behaviour.rs on_connection_established/closed); relay 0.21 only
        // for a connection that held a reservation
        "ReservationClosed" => expected(say!(ctx, "A connection of {src} to this relay closed."), "With libp2p 0.56 this means the client's reservation ended with its connection; from 0.57 on the relay server emits it whenever any connection of a peer closes, whether it held a reservation or not, so it says nothing about reservations on its own.".into()),
        "ReservationTimedOut" => expected(say!(ctx, "The reservation of {src} timed out."), "The client did not renew it before it expired.".into()),
        "CircuitReqAccepted" => ok(say!(ctx, "Relaying a circuit from {src} to {dst}."), "Both ends are connected through this node; the circuit's limits apply.".into()),
        "CircuitReqDenied" => expected(
            say!(ctx, "Refused a circuit from {src} to {dst}{code}."),
            // a failed STOP stream to the destination denies the source with
            // the destination's error as its status (relay 0.22
            // protocol/outbound_stop.rs `to_status`, behaviour/handler.rs)
            match status {
                "NoReservation" => "The destination has no reservation at this relay (never made one, or it expired), so it cannot be reached through it.".into(),
                "ConnectionFailed" => "The relay could not reach the destination over its connection: the destination does not run the relay client (the STOP protocol), the stream broke, or it did not answer in time. `CircuitReqOutboundConnectFailed` comes with it where libp2p still emits that.".into(),
                "MalformedMessage" | "UnexpectedMessage" => "The destination answered the relay's STOP request with a message it could not read.".into(),
                _ => "The relay's limits or policy, or the destination, refused the circuit (`ResourceLimitExceeded`: a limit, at the relay or the destination; `PermissionDenied`: the destination refused); limits are expected under load.".into(),
            },
        ),
        "CircuitClosed" => expected(say!(ctx, "The circuit from {src} to {dst} closed{error}."), "Either end closed it, or a limit ended it.".into()),
        "StatusChanged" => {
            // relay behaviour.rs:366-404: only the automatic mode emits the
            // event; `set_status(Some(..))` (329-337) changes HOP silently
            if status == "Enable" {
                ok("This relay now offers reservations (HOP enabled).".into(), "Since libp2p 0.57 a relay server in automatic mode (the default, or after `set_status(None)`) enables HOP once the node has a confirmed external address. Forcing it with `set_status(Some(Status::Enable))` emits no event.".into())
            } else {
                expected("This relay stopped offering reservations (HOP disabled).".into(), "In automatic mode (the default, or after `set_status(None)`) the relay turns HOP off when the node has no confirmed external address any more; clients' reservations now fail with `Unsupported`. Forcing it with `set_status(Some(Status::Disable))` emits no event.".into())
            }
        }
        // the deprecated `*Failed` variants (relay `behaviour.rs`)
        "CircuitReqOutboundConnectFailed" => Explanation::new(
            kind,
            ctx.expected_once(),
            say!(ctx, "The relay could not open the circuit from {src} to {dst}{error}."),
            say!(ctx, "To connect a circuit the relay opens a STOP stream to the destination, and that failed: `Unsupported` means the destination does not run the relay client (the STOP protocol), `ResourceLimitExceeded` or `PermissionDenied` that it refused, `Io` that the stream broke or timed out, `Protocol(..)` that its answer broke the protocol. The source's circuit request was denied.{}", ctx.repeat_note()),
            "",
        ),
        _ => {
            let (answer, request) = match e.variant.as_str() {
                "ReservationReqAcceptFailed" => ("acceptance", "reservation request".to_owned()),
                "ReservationReqDenyFailed" => ("denial", "reservation request".to_owned()),
                "CircuitReqDenyFailed" => ("denial", say!(ctx, "circuit request to {dst}")),
                _ => ("acceptance", say!(ctx, "circuit request to {dst}")),
            };
            Explanation::new(
                kind,
                ctx.expected_once(),
                say!(ctx, "The relay could not send its {answer} of the {request} from {src}{error}."),
                say!(ctx, "Writing the answer on the request's stream failed, usually because the client's connection went away.{}", ctx.repeat_note()),
                "",
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::knowledge::tests::explained;

    fn explanation(text: &str) -> String {
        explained(text).explanation.into_owned()
    }

    /// behaviour.rs:329-337: `set_status(Some(..))` emits no `StatusChanged`.
    #[test]
    fn status_changed_comes_only_from_the_automatic_mode() {
        for status in ["Enable", "Disable"] {
            let e = explanation(&format!("StatusChanged {{ status: {status} }}"));
            assert!(e.contains("automatic mode"), "{e}");
            assert!(e.contains("emits no event"), "{e}");
            assert!(!e.contains("forces it"), "{e}");
            assert!(!e.contains("or `set_status` disabled it"), "{e}");
        }
    }
}
