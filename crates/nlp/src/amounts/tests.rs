//! Unit tests, one per shape; the fixture table is checked by
//! `tests/amounts_fixtures.rs`.

use super::*;
use crate::tokenize;

fn amounts(text: &str) -> Vec<(String, Amount)> {
    find_amounts(text, &tokenize(text))
        .into_iter()
        .map(|a| (text[a.start..a.end].to_string(), a))
        .collect()
}

fn one(text: &str) -> (String, Amount) {
    let mut found = amounts(text);
    assert_eq!(found.len(), 1, "{text:?}: {found:?}");
    found.remove(0)
}

#[test]
fn percent_with_direction_by() {
    let (t, a) = one("It is increasing its security budget by 15% in 2025.");
    assert_eq!(t, "15%");
    assert_eq!((a.value, a.unit.as_str()), (15.0, "percent"));
    assert_eq!(a.direction, Some(Direction::Increase));
}

#[test]
fn money_with_multiplier() {
    let (t, a) = one("a $500 million aid package");
    assert_eq!(t, "$500 million");
    assert_eq!((a.value, a.unit.as_str()), (5e8, "USD"));
    let (_, a) = one("a budget of ¥3.2tn");
    assert_eq!((a.value, a.unit.as_str()), (3.2e12, "JPY"));
    let (t, a) = one("fines of USD 40 million");
    assert_eq!(
        (t.as_str(), a.value, a.unit.as_str()),
        ("USD 40 million", 4e7, "USD")
    );
}

#[test]
fn counts_with_nouns() {
    let (_, a) = one("They arrested 120 suspected smugglers.");
    assert_eq!(a.noun.as_deref(), Some("smuggler"));
    let (_, a) = one("one soldier died");
    assert_eq!((a.value, a.noun.as_deref()), (1.0, Some("soldier")));
    let (_, a) = one("seventy-five casualties were reported");
    assert_eq!((a.value, a.noun.as_deref()), (75.0, Some("casualty")));
}

#[test]
fn spelled_numbers() {
    assert_eq!(
        one("two hundred and fifty thousand voters").1.value,
        250_000.0
    );
    assert_eq!(one("a million reasons").1.value, 1e6);
    assert_eq!(one("three dozen eggs").1.value, 36.0);
    assert_eq!(one("two thirds of members").1.value, 2.0 / 3.0);
}

#[test]
fn approximations() {
    assert_eq!(one("as many as 500 homes").1.approx, Some(Approx::Under));
    assert_eq!(one("in excess of $2bn").1.approx, Some(Approx::Over));
    assert_eq!(one("~30 km").1.approx, Some(Approx::About));
    assert_eq!(one("no more than 5 minutes").1.approx, Some(Approx::Under));
}

#[test]
fn directions() {
    assert_eq!(one("down 4%").1.direction, Some(Direction::Decrease));
    assert_eq!(one("up 4%").1.direction, Some(Direction::Increase));
    assert_eq!(one("a rise of 4%").1.direction, Some(Direction::Increase));
    assert_eq!(
        one("profits were 4% lower").1.direction,
        Some(Direction::Decrease)
    );
    assert_eq!(one("Exports slumped by about 9%.").1.direction, None);
    assert_eq!(one("He won by 4%.").1.direction, None);
}

#[test]
fn ranges() {
    let (t, a) = one("between $5 and $8 billion");
    assert_eq!(t, "between $5 and $8 billion");
    assert_eq!((a.value, a.high), (5e9, Some(8e9)));
    let found = amounts("from 5 to 8 percent");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1.unit.as_str()),
        ("5", "percent")
    );
    assert_eq!((found[1].1.value, found[1].1.high), (8.0, None));
    let (t, a) = one("10%-12%");
    assert_eq!((t.as_str(), a.high), ("10%-12%", Some(12.0)));
}

#[test]
fn not_amounts() {
    for text in [
        "in 2025",
        "since 2019, she said",
        "on March 3, 2024",
        "at 10 a.m.",
        "5/12/2024",
        "the 21st century",
        "Article 5 applies",
        "one of the officials",
        "the one thing",
        "a third time",
        "half-hour",
        "phone +44 7700",
        "the 2025–2026 season",
    ] {
        assert!(amounts(text).is_empty(), "{text:?}: {:?}", amounts(text));
    }
}

#[test]
fn years_with_counts_and_cues_stay() {
    assert_eq!(one("over 2000 people").1.value, 2000.0);
    assert_eq!(one("2000 people marched").1.value, 2000.0);
}

#[test]
fn headline_case() {
    let found = amounts("Fugitive Captured 1,600 Miles Away\nOver 120,000 Fake Shops Closed");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].1.unit, "mile");
    assert_eq!(found[1].1.approx, Some(Approx::Over));
}

#[test]
fn spans_are_in_order_and_disjoint() {
    let text = "Up to 40 flights, 12% of 300 routes and $5m, between 2 and 4 days.";
    let found = amounts(text);
    assert_eq!(found.len(), 5, "{found:?}");
    for w in found.windows(2) {
        assert!(w[0].1.end <= w[1].1.start);
    }
}
