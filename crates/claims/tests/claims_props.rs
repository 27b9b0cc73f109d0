//! Property tests of the claims stage: on any text, and on news-like text
//! full of numbers, dates, attributions and semicolons, it never panics,
//! every span lies on character boundaries inside its claim, every index
//! points into its vector, scores are in [0, 1], and the result is
//! deterministic.

use crosscheck_claims::analyze_document;
use crosscheck_model::{DocAnalysis, Span};
use proptest::prelude::*;

fn span_ok(text: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

fn check(text: &str, a: &DocAnalysis) -> Result<(), TestCaseError> {
    let mut last = 0;
    for c in &a.claims {
        prop_assert!(span_ok(text, c.span) && !c.span.is_empty());
        prop_assert!(c.span.start >= last, "claims in text order");
        last = c.span.start;
        prop_assert!(c
            .object
            .is_none_or(|o| span_ok(text, o) && c.span.contains(&o)));
        for am in &c.amounts {
            prop_assert!(c.span.contains(&am.span()));
        }
        if let Some(t) = &c.time {
            prop_assert!(c.span.contains(&Span::new(t.start, t.end)));
        }
        prop_assert!(c.subjects.iter().all(|&e| e < a.entities.len()));
        prop_assert!(c.attribution.entity.is_none_or(|e| e < a.entities.len()));
        prop_assert!(c.attribution.quote.is_none_or(|q| q < a.quotes.len()));
        prop_assert!((0.0..=1.0).contains(&c.checkworthiness));
        prop_assert_eq!(c.key.matches('|').count(), 3);
    }
    Ok(())
}

/// Pieces of news copy that exercise the claim rules.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("The ministry raised its budget by 15%".to_string()),
        Just(" in 2025".to_string()),
        Just(" on Saturday".to_string()),
        Just(", officials said".to_string()),
        Just("According to the Dunmore Gazette, ".to_string()),
        Just("Mayor Ana Torres".to_string()),
        Just(" has classified ".to_string()),
        Just(" reportedly ".to_string()),
        Just(" may ".to_string()),
        Just("over 75,000 people".to_string()),
        Just("$500 million".to_string()),
        Just("; ".to_string()),
        Just(". ".to_string()),
        Just(".\n\n".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("?".to_string()),
        Just(", ".to_string()),
        Just(" which ".to_string()),
        Just("In a statement, ".to_string()),
        Just("Question: ".to_string()),
        Just(" will be ".to_string()),
        "[a-zA-Z ]{0,12}",
        "\\PC{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_text(text in "\\PC{0,300}") {
        let a = analyze_document(&text, Some("2025-05-05"));
        check(&text, &a)?;
    }

    #[test]
    fn news_like_text(pieces in prop::collection::vec(piece(), 0..40)) {
        let text: String = pieces.concat();
        let a = analyze_document(&text, Some("2025-05-05"));
        check(&text, &a)?;
        prop_assert_eq!(&a, &analyze_document(&text, Some("2025-05-05")));
    }

    #[test]
    fn any_publication_string(text in "[A-Za-z0-9 ,.]{0,120}", published in "\\PC{0,24}") {
        let a = analyze_document(&text, Some(&published));
        check(&text, &a)?;
    }
}
