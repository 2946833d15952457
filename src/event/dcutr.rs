//! DCUtR, direct connection upgrade through relay (`libp2p-dcutr` 0.11–0.15;
//! reference §11): `Event { remote_peer_id, result: Result<ConnectionId, Error> }`
//! with `Error { inner: AttemptsExceeded(u8) | InboundError(..) | OutboundError(..) }`.

use super::transport::{leaf, Leaf};
use super::util::peer_id;
use crate::debugfmt::{Kind, Value};

const ERRORS: &[&str] = &["AttemptsExceeded", "InboundError", "OutboundError"];

pub fn kinds() -> Vec<String> {
    let mut all = vec!["dcutr.Ok".to_owned()];
    all.extend(ERRORS.iter().map(|e| format!("dcutr.Error.{e}")));
    all
}

#[derive(Clone, Debug, PartialEq)]
pub struct Dcutr {
    /// `None` for an error logged without its event.
    pub peer: Option<String>,
    /// The direct connection's id, or why hole punching failed.
    pub result: Result<Option<u64>, Error>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    AttemptsExceeded(Option<u64>),
    /// `InboundError(..)`/`OutboundError(..)`: the variant and the inner cause
    /// (`Io(..)`, `Unsupported`, `Protocol(..)`).
    Stream {
        variant: String,
        leaf: Leaf,
    },
}

/// `Event { remote_peer_id: PeerId(..), result: Ok(ConnectionId(12)) }`, or
/// its error alone, `Error { inner: AttemptsExceeded(3) }`, as an app logs
/// the event's `result` (rust-libp2p PR 6272: "result: Err(Error { inner:
/// AttemptsExceeded(3) })").
pub fn recognize(v: &Value<'_>) -> Option<(String, Dcutr)> {
    let (peer, result) = match v.name()? {
        "Event" => {
            let peer = peer_id(v.field("remote_peer_id")?)?;
            let result = v.field("result")?;
            let inner = result.only()?;
            let result = match result.name()? {
                "Ok" => Ok(inner.only().and_then(Value::as_u64)),
                "Err" => Err(error(inner.field("inner").unwrap_or(inner))?),
                _ => return None,
            };
            (Some(peer), result)
        }
        // only with its one field, `inner`, holding one of the three errors
        "Error" if matches!(&v.kind, Kind::Struct { fields, .. } if fields.len() == 1) => {
            (None, Err(error(v.field("inner")?)?))
        }
        _ => return None,
    };
    let kind = match &result {
        Ok(_) => "dcutr.Ok".to_owned(),
        Err(Error::AttemptsExceeded(_)) => "dcutr.Error.AttemptsExceeded".into(),
        Err(Error::Stream { variant, .. }) => format!("dcutr.Error.{variant}"),
    };
    Some((kind, Dcutr { peer, result }))
}

/// `AttemptsExceeded(3)`, `InboundError(..)`, `OutboundError(..)`.
fn error(err: &Value<'_>) -> Option<Error> {
    Some(match err.name()? {
        "AttemptsExceeded" => Error::AttemptsExceeded(err.only().and_then(Value::as_u64)),
        variant @ ("InboundError" | "OutboundError") => Error::Stream {
            variant: variant.into(),
            leaf: leaf(err.only()?),
        },
        _ => return None,
    })
}
