//! The amount fixtures (`crosscheck_nlp::amounts::fixtures`): every expected
//! amount found exactly, nothing else found; precision and recall printed.
//! And a property test: any text, no panic, valid ordered spans.

use crosscheck_nlp::amounts::fixtures::{evaluate, FIXTURES};
use crosscheck_nlp::{find_amounts, tokenize};
use proptest::prelude::*;

#[test]
fn fixtures_precision_and_recall() {
    let score = evaluate();
    println!(
        "amount fixtures: {} sentences, expected {}, found {}, matched {}; precision {:.3}, recall {:.3}",
        FIXTURES.len(),
        score.expected,
        score.found,
        score.matched,
        score.precision(),
        score.recall()
    );
    for e in &score.errors {
        println!("  {e}");
    }
    assert!(score.expected >= 45, "fixtures shrank");
    assert!(score.errors.is_empty(), "{:#?}", score.errors);
}

#[test]
fn fixture_texts_are_exact_substrings() {
    for (text, expected) in FIXTURES {
        for e in expected.iter() {
            assert!(text.contains(e.text), "{:?} not in {text:?}", e.text);
        }
    }
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("over ".to_string()),
        Just("between ".to_string()),
        Just("a dozen ".to_string()),
        Just("half ".to_string()),
        Just("by ".to_string()),
        Just("% ".to_string()),
        Just("$".to_string()),
        Just("€".to_string()),
        Just("-".to_string()),
        Just(" to ".to_string()),
        Just(" and ".to_string()),
        Just("million ".to_string()),
        Just("one ".to_string()),
        Just("US".to_string()),
        Just(":".to_string()),
        Just("\n".to_string()),
        Just("’s ".to_string()),
        "[0-9]{1,6}",
        "[0-9]{1,3}(,[0-9]{3}){0,2}(\\.[0-9]{1,2})?(k|m|bn)?",
        "[a-zA-Z]{1,8} ",
        "\\PC{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]
    #[test]
    fn never_panics_and_spans_are_valid(pieces in proptest::collection::vec(piece(), 0..40)) {
        let text: String = pieces.concat();
        let found = find_amounts(&text, &tokenize(&text));
        let mut last = 0;
        for a in &found {
            prop_assert!(a.start < a.end && a.end <= text.len());
            prop_assert!(text.is_char_boundary(a.start) && text.is_char_boundary(a.end));
            prop_assert!(a.start >= last, "overlap in {text:?}: {found:?}");
            prop_assert!(a.value.is_finite());
            if let Some(h) = a.high {
                prop_assert!(h > a.value);
            }
            last = a.end;
        }
    }
}
