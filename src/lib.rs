//! p2plog: explains rust-libp2p logs.
//!
//! The pipeline, one module per stage:
//! `debugfmt` (Rust `Debug` text → [`debugfmt::Value`]) → `render` (text and
//! JSON). `cli` describes the command line and `app` wires the stages together.

pub mod app;
pub mod cli;
pub mod debugfmt;
pub mod render;
