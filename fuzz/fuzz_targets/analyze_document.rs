//! Any text gets an analysis the store accepts: every span inside the text
//! on character boundaries, every index inside its vector.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let a = crosscheck_claims::analyze_document(&text, Some("2025-05-05"));
    if let Err(e) = crosscheck_store::check_analysis(&text, &a) {
        panic!("analysis does not fit the text: {e}");
    }
});
