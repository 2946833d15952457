//! Ping (`libp2p-ping` 0.44–0.48; reference §5): `Event { peer, connection,
//! result: Result<Duration, Failure> }` with `Failure` = `Timeout` |
//! `Unsupported` | `Other { error }`. Recognised by its field set, since the
//! struct is named just `Event`.

use super::time::duration_value;
use super::transport::{leaf, Leaf};
use super::util::peer_id;
use crate::debugfmt::Value;

const FAILURES: &[&str] = &["Timeout", "Unsupported", "Other"];

pub fn kinds() -> Vec<String> {
    let mut all = vec!["ping.Ok".to_owned()];
    all.extend(FAILURES.iter().map(|f| format!("ping.Failure.{f}")));
    all
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ping {
    pub peer: String,
    pub connection: Option<u64>,
    /// The round trip in nanoseconds; `Ok(None)` when its text is no
    /// duration p2plog reads (a person's `fast`).
    pub result: Result<Option<u128>, Failure>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    Timeout,
    Unsupported,
    /// `Other { error }`: the error's leaf cause (e.g. `Custom { kind: TimedOut,
    /// error: "ping protocol negotiation timed out" }`).
    Other(Leaf),
}

/// `Event { peer: PeerId(..), connection: ConnectionId(1), result: Ok(239.826µs) }`
pub fn recognize(v: &Value<'_>) -> Option<(String, Ping)> {
    if v.name()? != "Event" || v.field("connection").is_none() {
        return None;
    }
    let peer = peer_id(v.field("peer")?)?;
    let result = v.field("result")?;
    let inner = result.only()?;
    let result = match result.name()? {
        // one odd field does not lose the event (DESIGN.md): the field set names it
        "Ok" => Ok(duration_value(inner)),
        "Err" => Err(match inner.name()? {
            "Timeout" => Failure::Timeout,
            "Unsupported" => Failure::Unsupported,
            "Other" => Failure::Other(leaf(inner.field("error").unwrap_or(inner))),
            _ => return None,
        }),
        _ => return None,
    };
    let kind = match &result {
        Ok(_) => "ping.Ok".to_owned(),
        Err(Failure::Timeout) => "ping.Failure.Timeout".into(),
        Err(Failure::Unsupported) => "ping.Failure.Unsupported".into(),
        Err(Failure::Other(_)) => "ping.Failure.Other".into(),
    };
    let connection = v
        .field("connection")
        .and_then(Value::only)
        .and_then(Value::as_u64);
    Some((
        kind,
        Ping {
            peer,
            connection,
            result,
        },
    ))
}
