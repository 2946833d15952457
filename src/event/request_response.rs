//! Request-response (`libp2p-request-response` 0.26–0.30; reference §12):
//! `Message { peer, connection_id, message: Request | Response }`,
//! `OutboundFailure { peer, connection_id, request_id, error }`,
//! `InboundFailure { .. }`, `ResponseSent { .. }`. `connection_id` exists since
//! 0.28 (libp2p 0.55). Apps define their own protocols on top of it, so these
//! events can stand for any custom protocol.

use super::transport::{leaf, Leaf};
use super::util::peer_id;
use crate::debugfmt::Value;

const OUTBOUND: &[&str] = &[
    "DialFailure",
    "Timeout",
    "ConnectionClosed",
    "UnsupportedProtocols",
    "Io",
];
const INBOUND: &[&str] = &[
    "Timeout",
    "ConnectionClosed",
    "UnsupportedProtocols",
    "ResponseOmission",
    "Io",
];

pub fn kinds() -> Vec<String> {
    let mut all: Vec<String> = ["Message.Request", "Message.Response", "ResponseSent"]
        .iter()
        .map(|e| format!("request_response.{e}"))
        .collect();
    all.extend(
        OUTBOUND
            .iter()
            .map(|e| format!("request_response.OutboundFailure.{e}")),
    );
    all.extend(
        INBOUND
            .iter()
            .map(|e| format!("request_response.InboundFailure.{e}")),
    );
    all
}

#[derive(Clone, Debug, PartialEq)]
pub struct RequestResponse {
    /// `Message`, `OutboundFailure`, `InboundFailure`, `ResponseSent`.
    pub variant: String,
    pub peer: String,
    pub request_id: Option<u64>,
    /// For `Message`: `Request` or `Response`; for failures: the error variant.
    pub detail: String,
    /// For `Io(..)` failures: the io error's leaf cause.
    pub leaf: Option<Leaf>,
}

pub fn recognize(v: &Value<'_>) -> Option<(String, RequestResponse)> {
    let name = v.name()?;
    let peer = peer_id(v.field("peer")?)?;
    let request_id = |r: &Value<'_>| {
        r.field("request_id")
            .and_then(Value::only)
            .and_then(Value::as_u64)
    };
    let (detail, id, io) = match name {
        "Message" => {
            let message = v.field("message")?;
            let which = message
                .name()
                .filter(|m| matches!(*m, "Request" | "Response"))?;
            (which.to_owned(), request_id(message), None)
        }
        "OutboundFailure" | "InboundFailure" => {
            let error = v.field("error")?;
            let variant = error.name()?;
            let known = if name == "OutboundFailure" {
                OUTBOUND
            } else {
                INBOUND
            };
            if !known.contains(&variant) {
                return None;
            }
            (variant.to_owned(), request_id(v), error.only().map(leaf))
        }
        "ResponseSent" => (String::new(), request_id(v), None),
        _ => return None,
    };
    let kind = if detail.is_empty() {
        format!("request_response.{name}")
    } else {
        format!("request_response.{name}.{detail}")
    };
    Some((
        kind,
        RequestResponse {
            variant: name.into(),
            peer,
            request_id: id,
            detail,
            leaf: io,
        },
    ))
}
