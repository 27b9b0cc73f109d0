//! Property tests of the whole per-document analysis: on any text, and on
//! news-like text full of quotation marks, colons and attributions, it never
//! panics, every span lies on character boundaries inside the text, every
//! index points into its vector, and the result is deterministic.

use crosscheck_model::{DocAnalysis, Span};
use crosscheck_nlp::analyze;
use proptest::prelude::*;

fn span_ok(text: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

fn check(text: &str, a: &DocAnalysis) -> Result<(), TestCaseError> {
    for e in &a.entities {
        for m in &e.mentions {
            prop_assert!(span_ok(text, m.span()));
        }
    }
    for (i, q) in a.quotes.iter().enumerate() {
        prop_assert!(span_ok(text, q.content) && !q.content.is_empty());
        for s in [q.source, q.cue].into_iter().flatten() {
            prop_assert!(span_ok(text, s));
        }
        prop_assert!(q.speaker.is_none_or(|e| e < a.entities.len()));
        prop_assert!(q.nested_in.is_none_or(|n| n < a.quotes.len() && n != i));
        prop_assert!(q.continues.is_none_or(|n| n < a.quotes.len() && n != i));
        prop_assert!(q.speaker.is_some() || q.speaker_note.is_some());
    }
    Ok(())
}

/// Pieces of news copy that exercise the attribution rules.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("''".to_string()),
        Just(", ".to_string()),
        Just(": ".to_string()),
        Just(".\n\n".to_string()),
        Just("\n".to_string()),
        Just(" said ".to_string()),
        Just(" she said".to_string()),
        Just("He told me ".to_string()),
        Just("According to the Dunmore Gazette".to_string()),
        Just("Mayor Ana Torres".to_string()),
        Just("Sen. Paul Lind (D-Ore.)".to_string()),
        Just(", stating:".to_string()),
        Just(" who ".to_string()),
        Just(" was reported by ".to_string()),
        Just("We will not pay".to_string()),
        Just(" and ".to_string()),
        Just("é".to_string()),
        "[a-zA-Z ]{1,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text(text in "\\PC{0,300}") {
        let a = analyze(&text);
        check(&text, &a)?;
    }

    #[test]
    fn news_like_text(pieces in proptest::collection::vec(piece(), 0..60)) {
        let text: String = pieces.concat();
        let a = analyze(&text);
        check(&text, &a)?;
        prop_assert_eq!(a, analyze(&text));
    }
}
