//! p2plog: explains rust-libp2p logs.
//!
//! The pipeline, one module per stage:
//! `debugfmt` (Rust `Debug` text → `Value`).

pub mod debugfmt;
