//! The invented fixture sentences of `timex::fixtures`: every expected
//! expression is found with its exact span, value, kind and note, nothing
//! else is found; and `find_times` never panics on random input.

use crosscheck_nlp::timex::fixtures::{score, FIXTURES};
use crosscheck_nlp::{find_times, tokenize};
use proptest::prelude::*;

#[test]
fn fixtures_match_exactly() {
    let mut failures = Vec::new();
    for fx in FIXTURES {
        let tokens = tokenize(fx.text);
        let got = find_times(fx.text, &tokens, fx.published);
        let got_view: Vec<_> = got
            .iter()
            .map(|t| {
                (
                    &fx.text[t.start..t.end],
                    t.value.as_deref(),
                    t.kind,
                    t.note.as_deref(),
                )
            })
            .collect();
        let ok = got.len() == fx.expect.len()
            && got.iter().zip(fx.expect).all(|(g, x)| {
                &fx.text[g.start..g.end] == x.text
                    && g.value.as_deref() == x.value
                    && g.kind == x.kind
                    && match x.note {
                        Some(n) => g.note.as_deref().is_some_and(|gn| gn.contains(n)),
                        None => true,
                    }
            });
        if !ok {
            failures.push(format!("{:?}\n  got {:?}", fx.text, got_view));
        }
    }
    let s = score(FIXTURES);
    println!(
        "timex fixtures: precision {:.3} recall {:.3} ({} correct, {} found, {} expected)",
        s.precision(),
        s.recall(),
        s.correct,
        s.found,
        s.expected
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn serialises_for_the_export() {
    let text = "Prices have risen since January.";
    let got = find_times(text, &tokenize(text), Some("2025-05-03"));
    let json = serde_json::to_value(&got).unwrap();
    assert_eq!(json[0]["value"], "2025-01/2025-05-03");
    assert_eq!(json[0]["kind"], "period");
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("May".to_string()),
        Just("Saturday".to_string()),
        Just("since".to_string()),
        Just("the".to_string()),
        Just("past".to_string()),
        Just("last".to_string()),
        Just("from".to_string()),
        Just("to".to_string()),
        Just("ago".to_string()),
        Just("years".to_string()),
        Just("2025".to_string()),
        Just("1990s".to_string()),
        Just("mid-".to_string()),
        Just("/".to_string()),
        Just(",".to_string()),
        Just("Sept.".to_string()),
        Just("Mar".to_string()),
        Just(".".to_string()),
        "[0-9]{1,4}",
        "\\PC{0,6}",
    ]
}

proptest! {
    #[test]
    fn never_panics_spans_valid(
        words in prop::collection::vec(word(), 0..40),
        seps in prop::collection::vec(prop_oneof![Just(" "), Just(""), Just("\n"), Just("-")], 40),
        y in 0i32..10000, m in 0u32..14, d in 0u32..33,
        raw in "\\PC{0,80}",
    ) {
        let mut text = String::new();
        for (i, w) in words.iter().enumerate() {
            text.push_str(w);
            text.push_str(seps[i % seps.len()]);
        }
        text.push_str(&raw);
        let published = format!("{y:04}-{m:02}-{d:02}");
        for p in [Some(published.as_str()), None, Some("2025-05-03")] {
            let tokens = tokenize(&text);
            let got = find_times(&text, &tokens, p);
            let mut last_end = 0;
            for t in &got {
                prop_assert!(t.start < t.end && t.end <= text.len());
                prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                prop_assert!(t.start >= last_end, "overlap");
                prop_assert!(t.value.is_some() || t.note.is_some());
                last_end = t.end;
            }
        }
    }
}
