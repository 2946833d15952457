//! `debugfmt` on arbitrary bytes: never panics, and printing a parsed value is
//! stable (print → parse → print gives the same text).
#![no_main]

use libfuzzer_sys::fuzz_target;
use p2plog::debugfmt;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for found in debugfmt::find(&text) {
        assert!(found.start <= found.end && found.end <= text.len());
    }
    if let Ok(value) = debugfmt::parse(&text) {
        if value.is_truncated() {
            return;
        }
        let printed = value.to_string();
        let again = debugfmt::parse(&printed).expect("a printed value parses");
        assert_eq!(again.to_string(), printed);
        assert_eq!(again.compact(), value.compact());
    }
});
