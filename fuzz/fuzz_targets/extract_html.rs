//! Any page (bytes decoded as the reader would) extracts to a well-formed result.
#![no_main]

use crosscheck_model::Metadata;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = String::from_utf8_lossy(data);
    let e = crosscheck_extract::extract_html(&page, &Metadata::default());
    crosscheck_fuzz::check_extracted(&e, page.len());
});
