//! The one integration-test binary. Each module is one area:
//! - `util`: the hermetic command builder and text helpers;
//! - `readme`: the commands shown in README.md run as documented;
//! - `reference`: every Debug example of the researched reference parses;
//! - `scan`: pipe mode over the fixtures, its flags and exit codes;
//! - `summary`: totals and timings against the truth, every output format;
//! - `summary_findings`: the summary's findings, failing peers, several-nodes sign;
//! - `summary_sources`: summaries of several files, `--merge`, time spans;
//! - `cli`: commands, flags, output formats, exit codes and messages;
//! - `errors`: input errors a person can act on, and a closed output;
//! - `explain`: `p2plog explain` on the seed event and the kad examples;
//! - `field`: real users' logs from GitHub issues and docs (tests/data/field/);
//! - `fixtures`: the real fixtures and their truth files, through the parser;
//! - `grammars`: the data in grammars/ checks itself (samples, schema);
//! - `records`: every fixture log read as scan mode reads it (input + format);
//! - `inputs`: odd inputs through input + format (gzip, CRLF, bad UTF-8, huge lines);
//! - `hostile`: hostile and odd input end to end through scan and summary;
//! - `regression`: one test per bug found (by fuzzing or review), named after it;
//! - `terminal`: control characters from peers never reach the terminal raw;
//! - `formats_cli`: `p2plog formats`, `--detect` and `--grammars`;
//! - `catalog`: the long-form texts of `p2plog catalog` and their samples;
//! - `messages`: grammars/messages/ checks itself, its samples in the fixtures;
//! - `versions`: events in the shapes of libp2p 0.53–0.56;
//! - `protocols`: every swarm and protocol kind from its sample and from the
//!   fixtures' truth, the verdict rules, and a snapshot of the explanations per
//!   protocol.

mod catalog;
mod cli;
mod errors;
mod explain;
mod field;
mod fixtures;
mod formats_cli;
mod grammars;
mod hostile;
mod inputs;
mod messages;
mod protocols;
mod readme;
mod records;
mod reference;
mod regression;
mod scan;
mod summary;
mod summary_findings;
mod summary_sources;
mod terminal;
mod util;
mod versions;
