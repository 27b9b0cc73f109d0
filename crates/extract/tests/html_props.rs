//! Property tests of the HTML path: any input, however broken, gives a
//! result without panicking; the kept text is made of the page's own words;
//! the result is deterministic.

use crosscheck_extract::extract_html;
use crosscheck_model::Metadata;
use proptest::prelude::*;

mod support;
use support::{made_of, tag_soup, words};

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_tag_soup_is_extracted_without_panic_and_deterministically(page in tag_soup()) {
        let a = extract_html(&page, &Metadata::default());
        let b = extract_html(&page, &Metadata::default());
        prop_assert_eq!(&a, &b);
        prop_assert!((0.0..=1.0).contains(&a.confidence));
        // Entities decode (HTML5 even decodes "&amp" without its semicolon).
        let decoded = page.replace("&amp", " ");
        let input_words: std::collections::HashSet<String> =
            words(&page).into_iter().chain(words(&decoded)).collect();
        // Inline markup joins text without a space, as browsers render it
        // ("A<b>var</b>" reads "Avar"), so a kept word is one or more words
        // of the page's source.
        for w in words(&a.text()) {
            prop_assert!(made_of(&w, &input_words), "word {:?} is not made of the page's words", w);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(page in "\\PC{0,400}") {
        let _ = extract_html(&page, &Metadata::default());
    }
}

#[test]
fn ten_thousand_nested_divs_do_not_overflow_the_stack() {
    let page = format!(
        "<html><body>{}<p>The council approved the budget on Monday after a long debate.</p>{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let e = extract_html(&page, &Metadata::default());
    assert!(e.text().contains("approved the budget"), "{:?}", e.text());
    assert!(e.warnings.iter().any(|w| w.contains("flattened")));
}

#[test]
fn a_huge_page_of_one_line_is_handled() {
    let page = format!("<p>{}</p>", "word ".repeat(400_000));
    let e = extract_html(&page, &Metadata::default());
    // Extracted or not, it must come back, with text made of the page.
    assert!(e.text().split_whitespace().all(|w| w == "word"));
}
