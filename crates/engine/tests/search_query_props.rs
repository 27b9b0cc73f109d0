//! The search query parser on any text: a query or an error that points
//! inside the query, never a panic.

use crosscheck_engine::search::parse;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn any_text_parses_or_says_where(q in "\\PC{0,40}") {
        match parse(&q) {
            Ok(parsed) => prop_assert!(!parsed.all.is_empty() || parsed.filters != Default::default()),
            Err(e) => prop_assert!(e.at >= 1 && e.at <= q.chars().count().max(1) + 1, "{e:?} for {q:?}"),
        }
    }

    #[test]
    fn query_syntax_pieces_in_any_order(parts in proptest::collection::vec(
        prop_oneof![
            Just("a"), Just("OR"), Just("AND"), Just("NOT"), Just("-"), Just("-b"), Just("\""),
            Just("c*"), Just("*"), Just("outlet:"), Just("outlet:x"), Just("status:contested"),
            Just("from:2025"), Just("to:2025-13"), Just(":"), Just("\"p q\""), Just("lang:en"),
        ],
        0..8,
    )) {
        let q = parts.join(" ");
        if let Err(e) = parse(&q) {
            prop_assert!(e.at >= 1 && e.at <= q.chars().count().max(1) + 1, "{e:?} for {q:?}");
        }
    }
}
