//! Presentation. Renderers are pure: they take finished values and write to a
//! `&mut dyn Write`; colour was decided before they run.

pub mod tree;
