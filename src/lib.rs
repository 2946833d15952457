//! p2plog: explains rust-libp2p logs.
//!
//! The pipeline, one module per stage:
//! `debugfmt` (Rust `Debug` text → [`debugfmt::Value`]) → `event` (a typed
//! [`event::Event`] with a kind id) → `knowledge` (verdict and
//! [`knowledge::Explanation`]) → `render` (text and JSON). `cli` describes the command line and `app` wires the stages together.

pub mod app;
pub mod cli;
pub mod debugfmt;
pub mod event;
pub mod format;
pub mod grammars;
pub mod input;
pub mod knowledge;
pub mod pipeline;
pub mod render;
pub mod state;
pub mod summary;
