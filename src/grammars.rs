//! The files under `grammars/`, compiled into the binary by `build.rs`:
//! `GRAMMARS` lists `(path relative to grammars/, text)` in path order. The
//! modules that own each kind of file (`format` for `formats/`) parse them.

include!(concat!(env!("OUT_DIR"), "/grammars.rs"));
