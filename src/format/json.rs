//! JSON log lines (tracing-subscriber's `fmt().json()`), read with serde_json
//! in one pass with borrowing visitors: strings without escapes are borrowed
//! from the line, and nothing is built for keys the format does not use.
//!
//! tracing writes a span's fields and its name into one object, so a span
//! with a `name` field reads `{"name":"node-1","name":"node"}`: the keys
//! repeat, and the last `name` is the span's own. The visitors keep every
//! pair, which a `serde_json::Value` would not.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::record::{Fields, Record};
use super::spec::{FormatSpec, JsonSpec};
use crate::input::escape_controls;

/// The record of a JSON line, or `None` when the line is not a JSON object
/// with a level, a message or fields.
pub(crate) fn parse<'a>(
    text: &'a str,
    keys: &JsonSpec,
    spec: &'a FormatSpec,
) -> Option<Record<'a>> {
    let text = text.trim();
    if !(text.starts_with('{') && text.ends_with('}')) {
        return None;
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let line = Top { keys, spec }.deserialize(&mut de).ok()?;
    de.end().ok()?;
    if line.level.is_none() && line.message.is_none() && !line.has_fields {
        return None;
    }
    // a decoded string may hold control characters; only the message's
    // line breaks have a meaning (a `{:#?}` value)
    let mut fields: Pairs = (line.fields.into_iter())
        .map(|(k, v)| {
            let v = if k == keys.message {
                v
            } else {
                escape_controls(v)
            };
            (escape_controls(k), v)
        })
        .collect();
    let mut message = line.message;
    if let Some(k) = fields.iter().position(|(key, _)| *key == keys.message) {
        message = message.or(Some(fields.remove(k).1));
    }
    let node = line.node.map(escape_controls).or_else(|| {
        spec.field_node_keys.iter().find_map(|key| {
            let found = fields.iter().rev().find(|(k, _)| k == key);
            found.map(|(_, v)| v.clone())
        })
    });
    Some(Record {
        line: 0,
        end_line: 0,
        format: &spec.id,
        inner: None,
        time: line.time,
        level: line.level,
        target: line.target,
        spans: None,
        node,
        message: message.unwrap_or_default(),
        fields: if fields.is_empty() {
            Fields::None
        } else {
            Fields::Pairs(fields)
        },
        truncated: false,
        line_numbers: None,
        cut: None,
    })
}

type Pairs<'a> = Vec<(Cow<'a, str>, Cow<'a, str>)>;

/// What one JSON line holds for p2plog.
struct Line<'a> {
    time: Option<Cow<'a, str>>,
    level: Option<Cow<'a, str>>,
    target: Option<Cow<'a, str>>,
    message: Option<Cow<'a, str>>,
    fields: Pairs<'a>,
    has_fields: bool,
    node: Option<Cow<'a, str>>,
}

/// Any JSON value as text: strings as they decode (borrowed when they have
/// no escapes), anything else as compact JSON.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        de.deserialize_any(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Text(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Text(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Text(Cow::Owned(v)))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Text(Cow::Owned(v.to_string())))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Text(Cow::Owned(v.to_string())))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Text(Cow::Owned(v.to_string())))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Text(Cow::Owned(v.to_string())))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Text(Cow::Borrowed("null")))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let value = serde_json::Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(Text(Cow::Owned(value.to_string())))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let value = serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Text(Cow::Owned(value.to_string())))
    }
}

/// The top-level object, read with the format's key names.
struct Top<'k> {
    keys: &'k JsonSpec,
    spec: &'k FormatSpec,
}

impl<'de> DeserializeSeed<'de> for Top<'_> {
    type Value = Line<'de>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top<'_> {
    type Value = Line<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON log line")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let keys = self.keys;
        let mut line = Line {
            time: None,
            level: None,
            target: None,
            message: None,
            fields: Vec::new(),
            has_fields: false,
            node: None,
        };
        while let Some(Text(key)) = map.next_key::<Text<'de>>()? {
            let text = |map: &mut A| map.next_value::<Text<'de>>().map(|t| Some(t.0));
            if key == keys.time {
                line.time = text(&mut map)?;
            } else if key == keys.level {
                line.level = text(&mut map)?;
            } else if key == keys.target {
                line.target = text(&mut map)?;
            } else if key == keys.message {
                line.message = text(&mut map)?;
            } else if key == keys.fields {
                line.fields = map.next_value_seed(PairsSeed)?;
                line.has_fields = true;
            } else if key == keys.spans {
                line.node = map.next_value_seed(SpansSeed(&self.spec.span_node_keys))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(line)
    }
}

/// An object's pairs, in order, duplicates kept.
struct PairsSeed;

impl<'de> DeserializeSeed<'de> for PairsSeed {
    type Value = Pairs<'de>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PairsSeed {
    type Value = Pairs<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut pairs = Vec::new();
        while let Some((Text(k), Text(v))) = map.next_entry::<Text<'de>, Text<'de>>()? {
            pairs.push((k, v));
        }
        Ok(pairs)
    }
}

/// The span list; yields the node named by the outermost span that has one
/// of the keys (a span's last `name` is its own name, not a field).
struct SpansSeed<'k>(&'k [String]);

impl<'de> DeserializeSeed<'de> for SpansSeed<'_> {
    type Value = Option<Cow<'de, str>>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for SpansSeed<'_> {
    type Value = Option<Cow<'de, str>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of spans")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut node = None;
        while let Some(mut pairs) = seq.next_element_seed(PairsSeed)? {
            if node.is_some() {
                continue;
            }
            if let Some(last_name) = pairs.iter().rposition(|(k, _)| k == "name") {
                pairs.remove(last_name);
            }
            node = self.0.iter().find_map(|key| {
                let k = pairs.iter().position(|(k, _)| k == key)?;
                Some(pairs.swap_remove(k).1)
            });
        }
        Ok(node)
    }
}
