//! Any text dump cleans to a well-formed result, with and without
//! cross-document evidence that includes it, and as clean text.
#![no_main]

use crosscheck_extract::{clean_page_text, clean_text, page_lines, LineEvidence};
use crosscheck_model::Metadata;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let meta = Metadata::default();
    let e = clean_page_text(&text, &meta, &LineEvidence::default());
    crosscheck_fuzz::check_extracted(&e, text.len());

    // Evidence from two pages of one outlet: this one and its first half.
    let meta = Metadata {
        outlet: Some("Dunmore Gazette".into()),
        ..Metadata::default()
    };
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    let mut evidence = LineEvidence::default();
    evidence.add(&page_lines(&text, &meta));
    evidence.add(&page_lines(&text[..half], &meta));
    let e = clean_page_text(&text, &meta, &evidence);
    crosscheck_fuzz::check_extracted(&e, text.len());

    let c = clean_text(&text, &meta);
    crosscheck_fuzz::check_extracted(&c, text.len());
});
