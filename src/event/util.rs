//! Reading libp2p's building blocks out of values: peer ids, record keys.

use crate::debugfmt::{unescape_bytes, Kind, Value};

/// The base58 text of `PeerId("12D3KooW…")` (also accepts a bare string).
pub fn peer_id(v: &Value<'_>) -> Option<String> {
    let inner = if v.name() == Some("PeerId") {
        v.only()?
    } else {
        v
    };
    match inner.kind {
        Kind::Str(_) | Kind::Bare(_) => inner.text().map(|t| t.into_owned()),
        _ => None,
    }
}

/// The peer ids in a list or set of `PeerId(..)` values.
pub fn peer_ids(v: &Value<'_>) -> Vec<String> {
    v.items().iter().filter_map(peer_id).collect()
}

/// The items of a list, set or tuple written out in full: `None` for a
/// value that is not one (`success: s`) or elides some (`[..]`,
/// `[PeerId("A"), ..]`), whose count is not known.
pub fn complete_items<'v, 'a>(v: &'v Value<'a>) -> Option<&'v [Value<'a>]> {
    match &v.kind {
        Kind::Tuple { name: None, .. } | Kind::List { .. } | Kind::Braced { .. } => {
            let items = v.items();
            let elided = items.iter().any(|i| matches!(i.kind, Kind::Elided(_)));
            (!elided).then_some(items)
        }
        _ => None,
    }
}

/// A kad record key (or a lookup key), made readable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordKey {
    /// Printable keys as text; a peer-id key as its base58 id; anything else as
    /// `0x` + the first 16 bytes in hex + `…`.
    pub text: String,
    pub len: usize,
    /// Whether `text` is the whole key as text.
    pub printable: bool,
}

impl RecordKey {
    /// `Key(b"/llama/shard/1")`, a bare byte string, or a decimal byte list
    /// (`GetClosestPeersOk.key`).
    pub fn from_value(v: &Value<'_>) -> Option<RecordKey> {
        let inner = if v.name() == Some("Key") {
            v.only()?
        } else {
            v
        };
        let bytes: Vec<u8> = match &inner.kind {
            Kind::ByteStr(body) => unescape_bytes(body).into_owned(),
            Kind::List { items, .. } => items
                .iter()
                .map(|i| i.as_u64().and_then(|n| u8::try_from(n).ok()))
                .collect::<Option<_>>()?,
            _ => return None,
        };
        Some(RecordKey::from_bytes(&bytes))
    }

    pub fn from_bytes(bytes: &[u8]) -> RecordKey {
        let len = bytes.len();
        if let Ok(text) = std::str::from_utf8(bytes) {
            if !text.is_empty() && !text.chars().any(char::is_control) {
                return RecordKey {
                    text: text.to_owned(),
                    len,
                    printable: true,
                };
            }
        }
        // a peer id as key (bootstrap and closest-peer lookups): an identity or
        // sha2-256 multihash, shown as the id libp2p would display
        let multihash =
            matches!(bytes, [0x00, n, ..] | [0x12, n, ..] if usize::from(*n) + 2 == len);
        let text = if multihash {
            base58(bytes)
        } else {
            let hex: String = bytes.iter().take(16).map(|b| format!("{b:02x}")).collect();
            format!("0x{hex}{}", if len > 16 { "…" } else { "" })
        };
        RecordKey {
            text,
            len,
            printable: false,
        }
    }
}

/// Bitcoin-alphabet base58, as peer ids are displayed.
fn base58(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    let mut digits: Vec<u8> = Vec::new(); // little-endian base-58 digits
    for &b in bytes {
        let mut carry = u32::from(b);
        for d in digits.iter_mut() {
            carry += u32::from(*d) << 8;
            *d = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let ones = std::iter::repeat_n('1', zeros);
    ones.chain(digits.iter().rev().map(|&d| ALPHABET[d as usize] as char))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debugfmt::parse;

    fn key(text: &str) -> RecordKey {
        RecordKey::from_value(&parse(text).unwrap()).unwrap()
    }

    #[test]
    fn printable_keys_are_text() {
        let k = key(r#"Key(b"/llama-cluster/llama-cluster/shard/1")"#);
        assert_eq!(
            (k.text.as_str(), k.len, k.printable),
            ("/llama-cluster/llama-cluster/shard/1", 36, true)
        );
    }

    #[test]
    fn binary_keys_are_a_hex_prefix_with_the_length() {
        let k = key(r#"Key(b"\x12 \x8f\0abc\n")"#);
        assert_eq!(
            (k.text.as_str(), k.len, k.printable),
            ("0x12208f006162630a", 8, false)
        );
        let long = key(&format!("Key(b\"{}\")", "\\x01".repeat(20)));
        assert_eq!(long.text, format!("0x{}…", "01".repeat(16)));
    }

    #[test]
    fn peer_id_keys_print_as_peer_ids() {
        // the identity multihash of an ed25519 key, as kad's GetClosestPeers prints it
        let list = "[0, 36, 8, 1, 18, 32, 129, 9, 38, 12, 136, 255, 175, 151, 190, 164, 229, 43, 170, 219, 40, 5, 119, 94, 135, 86, 151, 156, 112, 143, 129, 30, 215, 48, 31, 234, 138, 179]";
        let k = key(list);
        assert!(k.text.starts_with("12D3KooW"), "{}", k.text);
        assert_eq!((k.len, k.printable), (38, false));
    }

    #[test]
    fn base58_matches_known_vectors() {
        assert_eq!(base58(b"hello world"), "StV1DL6CwTryKyV");
        assert_eq!(base58(&[0, 0, 1]), "112");
        assert_eq!(base58(&[]), "");
    }

    #[test]
    fn peer_ids_are_read_from_values() {
        let v = parse(r#"[PeerId("12D3KooWA"), PeerId("12D3KooWB")]"#).unwrap();
        assert_eq!(peer_ids(&v), ["12D3KooWA", "12D3KooWB"]);
        assert_eq!(peer_id(&parse("QueryId(1)").unwrap()), None);
    }
}
