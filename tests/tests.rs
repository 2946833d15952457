//! The one integration-test binary. Each module is one area:
//! - `util`: the hermetic command builder and text helpers;
//! - `reference`: every Debug example of the researched reference parses;
//! - `cli`: commands, flags, output formats, exit codes and messages;
//! - `explain`: `p2plog explain` on the seed event and the kad examples.

mod cli;
mod explain;
mod reference;
mod util;
