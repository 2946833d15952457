//! Renders parsed Debug values as they are: the parse tree, for `explain` on
//! text that holds values. Text output is the `{:#?}`-style layout; JSON output is
//! one object per value with a typed tree.

use std::io::{self, Write};

use colored::Colorize;
use serde_json::{json, Map, Value as Json};

use crate::debugfmt::{Found, Kind, Value};

/// Writes each found value in an indented, one-item-per-line layout.
pub fn write_text(out: &mut dyn Write, text: &str, found: &[Found<'_>]) -> io::Result<()> {
    for (n, f) in found.iter().enumerate() {
        let line = text[..f.start].matches('\n').count() + 1;
        writeln!(out, "{} {} (line {line})", "value".bold(), n + 1)?;
        match &f.value {
            Ok(v) => {
                writeln!(out, "{}", v.pretty())?;
                if v.is_truncated() {
                    writeln!(
                        out,
                        "{}",
                        "(truncated: the text ends inside this value)".yellow()
                    )?;
                }
            }
            Err(e) => writeln!(out, "{}: {e}", "not parsed".red())?,
        }
    }
    Ok(())
}

/// Writes one JSON object per found value, one per line.
pub fn write_json(out: &mut dyn Write, text: &str, found: &[Found<'_>]) -> io::Result<()> {
    for f in found {
        let line = text[..f.start].matches('\n').count() + 1;
        let obj = match &f.value {
            Ok(v) => json!({ "line": line, "start": f.start, "end": f.end,
                             "truncated": v.is_truncated(), "value": tree(v) }),
            Err(e) => {
                json!({ "line": line, "start": f.start, "end": f.end, "error": e.to_string() })
            }
        };
        serde_json::to_writer(&mut *out, &obj)?;
        writeln!(out)?;
    }
    Ok(())
}

/// The typed JSON form of a value: `{"struct": name, "fields": {..}}`,
/// `{"tuple": name, "items": [..]}`, `{"str": "unescaped"}`, ...
pub fn tree(v: &Value<'_>) -> Json {
    let items = |items: &[Value<'_>]| Json::Array(items.iter().map(tree).collect());
    match &v.kind {
        Kind::Struct { name, fields, .. } => {
            let named = fields.iter().filter(|f| !f.name.is_empty());
            let fields: Map<String, Json> =
                named.map(|f| (f.name.to_owned(), tree(&f.value))).collect();
            json!({ "struct": name, "fields": fields, "non_exhaustive": v.is_non_exhaustive() })
        }
        Kind::Tuple {
            name, items: list, ..
        } => json!({ "tuple": name, "items": items(list) }),
        Kind::List { items: list, .. } => json!({ "list": items(list) }),
        Kind::Braced { items: list, .. } => json!({ "braced": items(list) }),
        Kind::Pair(pair) => json!({ "key": tree(&pair.0), "value": tree(&pair.1) }),
        Kind::Bool(b) => json!({ "bool": b }),
        Kind::Unit(s) => json!({ "unit": s }),
        Kind::Int(s) => json!({ "int": s }),
        Kind::Float(s) => json!({ "float": s }),
        Kind::Duration(s) => json!({ "duration": s }),
        Kind::Str(_) => json!({ "str": v.text() }),
        Kind::Char(_) => json!({ "char": v.text() }),
        Kind::ByteStr(_) => json!({ "bytes": v.text() }),
        Kind::Bare(s) => json!({ "bare": s }),
        Kind::Elided(s) => json!({ "elided": s }),
    }
}
