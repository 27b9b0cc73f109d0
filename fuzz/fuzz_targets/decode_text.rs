//! Any bytes decode to text or are refused with a one-line reason.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for html in [false, true] {
        match crosscheck_ingest::decode_text(data, html) {
            Ok(d) => {
                assert!(!d.encoding.is_empty());
                assert!(
                    d.warning.as_deref().is_none_or(crosscheck_fuzz::one_line),
                    "{d:?}"
                );
            }
            Err(reason) => assert!(crosscheck_fuzz::one_line(&reason), "{reason:?}"),
        }
    }
});
