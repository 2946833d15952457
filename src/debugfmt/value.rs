//! The `Value` tree that `debugfmt` produces, and its `Display`.
//!
//! A `Value` borrows every piece of text from the parsed input: names, numbers,
//! string contents (still escaped), bare tokens. Each node also keeps the slice of
//! input it was parsed from (`raw`), which gives its byte span.
//!
//! `Display` prints a value the way Rust's `Debug` would have: compact nodes as
//! `{:?}` does, pretty nodes (parsed from `{:#?}` text) one item per line with four
//! spaces of indentation and trailing commas. So text printed by Rust parses and
//! prints back byte for byte. [`Value::compact`] prints the one-line form of any
//! value.

use std::borrow::Cow;
use std::fmt::{self, Write};
use std::ops::Range;

/// One parsed Debug value.
#[derive(Clone, Debug, PartialEq)]
pub struct Value<'a> {
    pub kind: Kind<'a>,
    /// The input text this value was parsed from. Ignored by `==`.
    pub raw: Raw<'a>,
}

/// The slice of input a [`Value`] came from. Two `Raw`s always compare equal, so
/// that trees compare by structure, not by where they were found.
#[derive(Clone, Copy, Debug, Default)]
pub struct Raw<'a>(pub &'a str);

impl PartialEq for Raw<'_> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// How a container was written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// Written by `{:#?}`: one item per line.
    pub pretty: bool,
    /// The closing bracket was missing: the text ended inside this container.
    pub truncated: bool,
}

/// A `name: value` field of a struct. The `..` of `finish_non_exhaustive` (or a
/// `…` someone typed into a pasted event) is a field with an empty name and a
/// [`Kind::Elided`] value.
#[derive(Clone, Debug, PartialEq)]
pub struct Field<'a> {
    pub name: &'a str,
    pub value: Value<'a>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind<'a> {
    /// A unit variant, unit struct or path: `None`, `Server`, `a::B`, `PhantomData<u8>`.
    Unit(&'a str),
    /// `true` / `false`.
    Bool(bool),
    /// An integer, sign included, as written: `-3`, a 78-digit `Distance`.
    Int(&'a str),
    /// A float as written: `1.5`, `1e-7`, `NaN`, `inf`, `-inf`.
    Float(&'a str),
    /// A `std::time::Duration`: `10ns`, `250µs`, `76.0568ms`, `1.5s`.
    Duration(&'a str),
    /// A string literal's contents, still escaped (without the quotes).
    Str(&'a str),
    /// A char literal's contents, still escaped (without the quotes).
    Char(&'a str),
    /// A byte string's contents, still escaped: `b"\x00a"` holds `\x00a`.
    ByteStr(&'a str),
    /// `Name { a: v, .. }`.
    Struct {
        name: &'a str,
        fields: Vec<Field<'a>>,
        layout: Layout,
    },
    /// `Name(a, b)` or, without a name, the tuple `(a, b)`; `()` is an empty tuple.
    Tuple {
        name: Option<&'a str>,
        items: Vec<Value<'a>>,
        layout: Layout,
    },
    /// `[a, b]`.
    List {
        items: Vec<Value<'a>>,
        layout: Layout,
    },
    /// `{a, b}` (a set) or `{k: v}` (a map, whose items are [`Kind::Pair`]s).
    Braced {
        items: Vec<Value<'a>>,
        layout: Layout,
    },
    /// `key: value` inside a tuple, list or braces: a map entry, or the
    /// `MyBehaviourEvent: Inner { .. }` of libp2p's derive wrapper.
    Pair(Box<(Value<'a>, Value<'a>)>),
    /// Anything else, kept verbatim: multiaddrs, socket addresses, hex, odd text.
    Bare(&'a str),
    /// `..` (`finish_non_exhaustive`, or a `Debug` impl that elides) or `…`.
    Elided(&'a str),
}

impl<'a> Value<'a> {
    pub fn new(kind: Kind<'a>, raw: &'a str) -> Self {
        Value {
            kind,
            raw: Raw(raw),
        }
    }

    /// The byte range of this value inside `base`, the text it was parsed from.
    /// `None` when the value was not parsed from `base`.
    pub fn span(&self, base: &str) -> Option<Range<usize>> {
        let start = (self.raw.0.as_ptr() as usize).checked_sub(base.as_ptr() as usize)?;
        let end = start + self.raw.0.len();
        (end <= base.len()).then_some(start..end)
    }

    /// The name of a struct, named tuple or unit: `QuorumFailed`, `Some`, `None`.
    pub fn name(&self) -> Option<&'a str> {
        match self.kind {
            Kind::Struct { name, .. } | Kind::Unit(name) => Some(name),
            Kind::Tuple { name, .. } => name,
            _ => None,
        }
    }

    /// This value under another name (a struct, named tuple or unit; others
    /// are returned as they are).
    pub fn renamed(&self, new: &'a str) -> Value<'a> {
        let mut value = self.clone();
        match &mut value.kind {
            Kind::Struct { name, .. } | Kind::Unit(name) => *name = new,
            Kind::Tuple {
                name: Some(name), ..
            } => *name = new,
            _ => {}
        }
        value
    }

    /// A struct's field by name.
    pub fn field(&self, name: &str) -> Option<&Value<'a>> {
        match &self.kind {
            Kind::Struct { fields, .. } => fields.iter().find(|f| f.name == name).map(|f| &f.value),
            _ => None,
        }
    }

    /// Whether a struct ends in `..` or elides fields with `…`.
    pub fn is_non_exhaustive(&self) -> bool {
        match &self.kind {
            Kind::Struct { fields, .. } => fields
                .iter()
                .any(|f| matches!(f.value.kind, Kind::Elided(_))),
            _ => false,
        }
    }

    /// The items of a tuple, list or set; for a map, its entries as `Pair`s.
    pub fn items(&self) -> &[Value<'a>] {
        match &self.kind {
            Kind::Tuple { items, .. } | Kind::List { items, .. } | Kind::Braced { items, .. } => {
                items
            }
            _ => &[],
        }
    }

    /// The single item of a one-item tuple such as `Some(x)` or `PeerId("..")`.
    pub fn only(&self) -> Option<&Value<'a>> {
        match self.items() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// Whether the end of the text cut this value off: checked on its own
    /// brackets only, which is enough for the outermost value (the text
    /// ended inside every value that holds the cut one).
    pub fn is_cut_short(&self) -> bool {
        match &self.kind {
            Kind::Struct { layout, .. }
            | Kind::Tuple { layout, .. }
            | Kind::List { layout, .. }
            | Kind::Braced { layout, .. } => layout.truncated,
            _ => false,
        }
    }

    /// Whether this value, or any value inside it, was cut off by the end of the text.
    pub fn is_truncated(&self) -> bool {
        let own = match &self.kind {
            Kind::Struct { layout, .. }
            | Kind::Tuple { layout, .. }
            | Kind::List { layout, .. }
            | Kind::Braced { layout, .. } => layout.truncated,
            _ => false,
        };
        own || self.children().any(|v| v.is_truncated())
    }

    /// The values directly inside this one.
    pub fn children(&self) -> Box<dyn Iterator<Item = &Value<'a>> + '_> {
        match &self.kind {
            Kind::Struct { fields, .. } => Box::new(fields.iter().map(|f| &f.value)),
            Kind::Pair(pair) => Box::new([&pair.0, &pair.1].into_iter()),
            _ => Box::new(self.items().iter()),
        }
    }

    /// The text of a scalar: a number's digits, a string's unescaped contents, a
    /// bare token, a unit's name. `None` for containers.
    pub fn text(&self) -> Option<Cow<'a, str>> {
        Some(match self.kind {
            Kind::Unit(s)
            | Kind::Int(s)
            | Kind::Float(s)
            | Kind::Duration(s)
            | Kind::Bare(s)
            | Kind::Elided(s) => Cow::Borrowed(s),
            Kind::Str(s) | Kind::Char(s) | Kind::ByteStr(s) => unescape_printable(s),
            Kind::Bool(true) => Cow::Borrowed("true"),
            Kind::Bool(false) => Cow::Borrowed("false"),
            _ => return None,
        })
    }

    /// An unsigned integer value (`Int`), if it fits.
    pub fn as_u64(&self) -> Option<u64> {
        match self.kind {
            Kind::Int(s) => s.parse().ok(),
            _ => None,
        }
    }

    /// The one-line `{:?}` form of this value, whatever form it was parsed from.
    pub fn compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None, false)
            .expect("writing to a String cannot fail");
        out
    }

    /// The `{:#?}` form of this value (one item per line), whatever form it was
    /// parsed from.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0), true)
            .expect("writing to a String cannot fail");
        out
    }

    /// Writes the value. `indent` is `None` to force the compact form, otherwise
    /// the indentation (in spaces) of the line this value starts on; `force`
    /// writes every non-empty container pretty.
    fn write(&self, out: &mut dyn Write, indent: Option<usize>, force: bool) -> fmt::Result {
        match &self.kind {
            Kind::Unit(s)
            | Kind::Int(s)
            | Kind::Float(s)
            | Kind::Duration(s)
            | Kind::Bare(s)
            | Kind::Elided(s) => out.write_str(s),
            Kind::Bool(b) => write!(out, "{b}"),
            Kind::Str(s) => write!(out, "\"{s}\""),
            Kind::Char(s) => write!(out, "'{s}'"),
            Kind::ByteStr(s) => write!(out, "b\"{s}\""),
            Kind::Pair(pair) => {
                pair.0.write(out, indent, force)?;
                out.write_str(": ")?;
                pair.1.write(out, indent, force)
            }
            Kind::Struct {
                name,
                fields,
                layout,
            } => {
                if let [only] = fields.as_slice() {
                    if let Kind::Elided(marker) = only.value.kind {
                        // `finish_non_exhaustive` with no fields is `Name { .. }`, even in `{:#?}`
                        return write!(out, "{name} {{ {marker} }}");
                    }
                }
                write!(out, "{name} {{")?;
                let body = fields.iter().map(Item::Field);
                write_items(out, indent, force, *layout, body, Brackets::STRUCT)
            }
            Kind::Tuple {
                name,
                items,
                layout,
            } => {
                out.write_str(name.unwrap_or(""))?;
                out.write_char('(')?;
                // Rust prints a one-element anonymous tuple as `(a,)`.
                let brackets = match (name, items.len()) {
                    (None, 1) => Brackets::LONE_TUPLE,
                    _ => Brackets::TUPLE,
                };
                write_items(
                    out,
                    indent,
                    force,
                    *layout,
                    items.iter().map(Item::Value),
                    brackets,
                )
            }
            Kind::List { items, layout } => {
                out.write_char('[')?;
                write_items(
                    out,
                    indent,
                    force,
                    *layout,
                    items.iter().map(Item::Value),
                    Brackets::LIST,
                )
            }
            Kind::Braced { items, layout } => {
                out.write_char('{')?;
                write_items(
                    out,
                    indent,
                    force,
                    *layout,
                    items.iter().map(Item::Value),
                    Brackets::BRACED,
                )
            }
        }
    }
}

/// One item of a container, for [`write_items`].
enum Item<'v, 'a> {
    Field(&'v Field<'a>),
    Value(&'v Value<'a>),
}

impl Item<'_, '_> {
    /// The `..` of a non-exhaustive struct, which `{:#?}` writes without a comma.
    fn is_elision(&self) -> bool {
        let value = match self {
            Item::Field(f) => &f.value,
            Item::Value(v) => v,
        };
        matches!(value.kind, Kind::Elided(_))
    }
}

/// What goes around a container's items in its compact form.
struct Brackets {
    /// Text after the opening bracket (already written) when there are items.
    open_pad: &'static str,
    close: &'static str,
    /// Text before `close` when there are items.
    close_pad: &'static str,
}

impl Brackets {
    const STRUCT: Brackets = Brackets {
        open_pad: " ",
        close: "}",
        close_pad: " ",
    };
    const TUPLE: Brackets = Brackets {
        open_pad: "",
        close: ")",
        close_pad: "",
    };
    const LONE_TUPLE: Brackets = Brackets {
        open_pad: "",
        close: ")",
        close_pad: ",",
    };
    const LIST: Brackets = Brackets {
        open_pad: "",
        close: "]",
        close_pad: "",
    };
    const BRACED: Brackets = Brackets {
        open_pad: "",
        close: "}",
        close_pad: "",
    };
}

/// Writes a container's items and closing bracket, compact or pretty.
fn write_items<'v, 'a: 'v>(
    out: &mut dyn Write,
    indent: Option<usize>,
    force: bool,
    mut layout: Layout,
    items: impl Iterator<Item = Item<'v, 'a>>,
    brackets: Brackets,
) -> fmt::Result {
    let mut items = items.peekable();
    let empty = items.peek().is_none();
    layout.pretty |= force && !empty;
    match indent.filter(|_| layout.pretty) {
        Some(indent) => {
            let inner = indent + 4;
            for item in items {
                out.write_char('\n')?;
                write!(out, "{:inner$}", "")?;
                let rest = item.is_elision();
                write_item(out, Some(inner), force, item)?;
                if !rest {
                    out.write_char(',')?;
                }
            }
            if !layout.truncated {
                if !empty {
                    write!(out, "\n{:indent$}", "")?;
                }
                out.write_str(brackets.close)?;
            }
        }
        None => {
            let mut count = 0;
            for (i, item) in items.enumerate() {
                out.write_str(if i == 0 { brackets.open_pad } else { ", " })?;
                write_item(out, None, false, item)?;
                count += 1;
            }
            if !layout.truncated {
                if count > 0 {
                    out.write_str(brackets.close_pad)?;
                }
                out.write_str(brackets.close)?;
            }
        }
    }
    Ok(())
}

fn write_item(
    out: &mut dyn Write,
    indent: Option<usize>,
    force: bool,
    item: Item<'_, '_>,
) -> fmt::Result {
    match item {
        Item::Field(f) => {
            if !f.name.is_empty() {
                write!(out, "{}: ", f.name)?;
            }
            f.value.write(out, indent, force)
        }
        Item::Value(v) => v.write(out, indent, force),
    }
}

impl fmt::Display for Value<'_> {
    /// Prints the value as Rust's `Debug` printed it: pretty where it was pretty.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Some(0), false)
    }
}

/// Resolves the escapes of a Debug string, char or byte string body
/// (`\n`, `\"`, `\'`, `\\`, `\0`, `\t`, `\r`, `\x7f`, `\u{1b}`). Bytes that are not
/// valid UTF-8 (`\xff`) become U+FFFD. Unknown escapes are kept as written.
pub fn unescape(s: &str) -> Cow<'_, str> {
    match unescape_bytes(s) {
        Cow::Borrowed(_) => Cow::Borrowed(s),
        Cow::Owned(bytes) => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
    }
}

/// [`unescape`], but a control character stays escaped (`\n`, `\u{1b}`):
/// the text of a string is shown to people, and a line break from a peer
/// (an agent version, an error message) must not start a line of p2plog's
/// output, where CI would read `::error::…` as a workflow command.
pub fn unescape_printable(s: &str) -> Cow<'_, str> {
    crate::input::escape_controls(unescape(s))
}

/// The bytes a Debug byte string body (`\0\x12\xffa\n`) stands for.
pub fn unescape_bytes(s: &str) -> Cow<'_, [u8]> {
    if !s.contains('\\') {
        return Cow::Borrowed(s.as_bytes());
    }
    let mut bytes = Vec::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('\\') {
        bytes.extend_from_slice(&rest.as_bytes()[..pos]);
        let esc = &rest[pos + 1..];
        let simple = |b: u8| Some((b, 1));
        let decoded: Option<(u8, usize)> = match esc.as_bytes().first() {
            Some(b'n') => simple(b'\n'),
            Some(b'r') => simple(b'\r'),
            Some(b't') => simple(b'\t'),
            Some(b'0') => simple(0),
            Some(&c @ (b'\\' | b'"' | b'\'')) => simple(c),
            Some(b'x') => esc
                .get(1..3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .map(|b| (b, 3)),
            _ => None,
        };
        let unicode = esc
            .strip_prefix("u{")
            .and_then(|e| e.split_once('}'))
            .and_then(|(hex, _)| {
                Some((
                    char::from_u32(u32::from_str_radix(hex, 16).ok()?)?,
                    hex.len() + 3,
                ))
            });
        let used = match (decoded, unicode) {
            (Some((b, used)), _) => {
                bytes.push(b);
                used
            }
            (None, Some((c, used))) => {
                bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                used
            }
            (None, None) => {
                bytes.push(b'\\');
                0
            }
        };
        rest = &esc[used..];
    }
    bytes.extend_from_slice(rest.as_bytes());
    Cow::Owned(bytes)
}
