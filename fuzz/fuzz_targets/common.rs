//! What the `line` and `stream` targets share (included by `#[path]`).

use p2plog::format::Formats;

/// The built-in formats, loaded once, with colour off.
pub fn formats() -> &'static Formats {
    static FORMATS: std::sync::OnceLock<Formats> = std::sync::OnceLock::new();
    FORMATS.get_or_init(|| {
        colored::control::set_override(false);
        Formats::builtin().expect("the built-in formats load")
    })
}

/// Whether `text` holds a control character a terminal would act on.
pub fn has_raw_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}
