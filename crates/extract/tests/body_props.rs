//! Property tests of our HTML parser and main-text selection: any input,
//! however broken, parses and extracts without panicking; every kept word
//! comes from the page; the result is deterministic.

use crosscheck_extract::html::body::extract_body;
use crosscheck_extract::html::dom::{Document, NONE};
use proptest::prelude::*;

mod support;
use support::{made_of, page_words, tag_soup, words};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tag_soup_never_panics_and_keeps_only_page_words(page in tag_soup()) {
        let body = extract_body(&page);
        let known = page_words(&page);
        for b in &body.blocks {
            prop_assert!(!b.text.trim().is_empty());
            for w in words(&b.text) {
                prop_assert!(made_of(&w, &known), "{w:?} not made of page words");
            }
        }
        prop_assert!((0.0..=1.0).contains(&body.confidence));
    }

    #[test]
    fn arbitrary_strings_never_panic(page in "\\PC{0,600}") {
        let doc = Document::parse(&page);
        prop_assert_eq!(doc.nodes[0].end as usize, doc.nodes.len());
        let _ = extract_body(&page);
    }

    #[test]
    fn the_tree_is_well_formed(page in tag_soup()) {
        let doc = Document::parse(&page);
        for (id, n) in doc.nodes.iter().enumerate().skip(1) {
            // Parents come first and contain their children's ranges.
            prop_assert!(n.parent != NONE && (n.parent as usize) < id);
            let p = &doc.nodes[n.parent as usize];
            prop_assert!(p.end >= n.end && n.end as usize > id);
        }
    }

    #[test]
    fn extraction_is_deterministic(page in tag_soup()) {
        prop_assert_eq!(extract_body(&page), extract_body(&page));
    }
}
