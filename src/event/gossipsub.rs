//! Gossipsub (`libp2p-gossipsub` 0.46–0.50; reference §6): `Message`,
//! `Subscribed`, `Unsubscribed`, `GossipsubNotSupported`, `SlowPeer` (0.48+).
//! The `publish()` errors an app logs (`NoPeersSubscribedToTopic` since 0.49,
//! `InsufficientPeers` up to 0.48 = libp2p 0.55) are unit values inside the app's
//! own message: `grammars/messages/api.json` recognises them.

use super::util::peer_id;
use crate::debugfmt::Value;

const EVENTS: &[&str] = &[
    "Message",
    "Subscribed",
    "Unsubscribed",
    "GossipsubNotSupported",
    "SlowPeer",
];
pub fn kinds() -> Vec<String> {
    EVENTS.iter().map(|e| format!("gossipsub.{e}")).collect()
}

#[derive(Clone, Debug, PartialEq)]
pub enum Gossipsub {
    Message {
        /// The neighbour that forwarded it.
        from: String,
        /// The original author (`None` in anonymous mode).
        source: Option<String>,
        topic: Option<String>,
        message_id: Option<String>,
    },
    Subscribed {
        peer: String,
        topic: Option<String>,
    },
    Unsubscribed {
        peer: String,
        topic: Option<String>,
    },
    GossipsubNotSupported {
        peer: String,
    },
    SlowPeer {
        peer: String,
        failed: u64,
    },
}

impl Gossipsub {
    /// The peer the event is about (a message's forwarding neighbour).
    pub fn subject(&self) -> Option<&str> {
        match self {
            Gossipsub::Message { from, .. } => Some(from),
            Gossipsub::Subscribed { peer, .. }
            | Gossipsub::Unsubscribed { peer, .. }
            | Gossipsub::GossipsubNotSupported { peer }
            | Gossipsub::SlowPeer { peer, .. } => Some(peer),
        }
    }
}

pub fn recognize(v: &Value<'_>) -> Option<(String, Gossipsub)> {
    let name = v.name()?;
    let peer = || v.field("peer_id").and_then(peer_id);
    let event = match name {
        "Message" => {
            let message = v.field("message")?;
            Gossipsub::Message {
                from: peer_id(v.field("propagation_source")?)?,
                source: message
                    .field("source")
                    .and_then(Value::only)
                    .and_then(peer_id),
                topic: message.field("topic").and_then(topic),
                message_id: v
                    .field("message_id")
                    .and_then(Value::only)
                    .map(|m| m.compact()),
            }
        }
        "Subscribed" => Gossipsub::Subscribed {
            peer: peer()?,
            topic: subscription_topic(v)?,
        },
        "Unsubscribed" => Gossipsub::Unsubscribed {
            peer: peer()?,
            topic: subscription_topic(v)?,
        },
        "GossipsubNotSupported" => Gossipsub::GossipsubNotSupported { peer: peer()? },
        // 0.50: `FailedMessages { priority, non_priority }`; 0.48–0.49 also
        // `publish, forward, timeout`
        "SlowPeer" => Gossipsub::SlowPeer {
            peer: peer()?,
            failed: match &v.field("failed_messages")?.kind {
                crate::debugfmt::Kind::Struct { fields, .. } => {
                    fields.iter().filter_map(|f| f.value.as_u64()).sum()
                }
                _ => 0,
            },
        },
        _ => return None,
    };
    Some((format!("gossipsub.{name}"), event))
}

/// The topic of a `Subscribed` or `Unsubscribed` (`None` inside when a paste
/// was cut in it); `None` for floodsub's events of the same names, whose
/// topic is a `Topic("recipes")`.
fn subscription_topic(v: &Value<'_>) -> Option<Option<String>> {
    let t = v.field("topic")?;
    (t.name() != Some("Topic")).then(|| topic(t))
}

/// `TopicHash { hash: "llama-cluster" }` → `llama-cluster`.
fn topic(v: &Value<'_>) -> Option<String> {
    v.field("hash")?.text().map(|t| t.into_owned())
}
