//! `format`: physical lines → [`Record`]s (time, level, target, spans, node,
//! message, fields), driven by the format files in `grammars/formats/`.
//!
//! Owns which log line format a line is in (detected per source, re-checked
//! when a line does not fit), taking the line apart, and joining the lines of
//! one multi-line `{:#?}` event into one record, since that needs to know
//! where a line's message starts. It does not parse the `Debug` text inside a
//! message (`debugfmt` does) nor know any libp2p type (`event` does); reading
//! bytes is `input`'s.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use p2plog::format::{self, Formats, Record, Sink};
//! use p2plog::input;
//!
//! struct Print;
//! impl Sink for Print {
//!     fn raw(&mut self, _line: u64, _bytes: &[u8]) -> std::io::Result<()> {
//!         Ok(()) // scan mode writes these bytes: every line, unchanged, in order
//!     }
//!     fn record(&mut self, r: &Record<'_>) -> std::io::Result<()> {
//!         println!("{}..{} [{}] {:?}: {}", r.line, r.end_line, r.format, r.node, r.message);
//!         Ok(())
//!     }
//! }
//!
//! let formats = Formats::builtin()?;
//! let mut source = input::open("node.log")?;
//! let stats = format::read_records(&mut source.lines, &formats, &mut Print)?;
//! # Ok(()) }
//! ```

mod assemble;
mod detect;
mod json;
mod parse;
mod pretty;
mod record;
mod records;
mod registry;
mod samples;
pub mod scan;
pub mod spec;
#[cfg(test)]
mod tests;

pub use assemble::{MAX_JOINED_BYTES, MAX_JOINED_LINES, MAX_OPEN_JOINS};
pub use detect::{detect, Detection, FormatCount, DETECT_LINES};
pub(crate) use parse::split_held_fields;
pub use parse::LineParser;
pub use record::{Cut, Fields, Record};
pub use records::{read_records, ReadError, Sink, Stats};
pub use registry::{Format, Formats, CAPTURES, PLAIN};
pub use spec::{FormatSpec, GrammarError, JsonSpec, Sample, Yields};
