//! The claims a careful fact-checker would underline in the five seed pages,
//! with their numbers and dates normalised and their attribution recorded.
//! Skipped when the seeds are absent.

#[path = "../../nlp/tests/support/mod.rs"]
mod support;

use crosscheck_claims::{analyze_document, AttributionKind, DocAnalysis, DocClaim, CHECKWORTHY};
use crosscheck_extract::{clean_page_text, LineEvidence};
use crosscheck_model::{Approx, Direction, Metadata};

struct Seed {
    text: String,
    a: DocAnalysis,
}

fn seeds() -> Option<Vec<Seed>> {
    Some(
        support::seeds()?
            .into_iter()
            .map(|(_, raw)| {
                let doc = clean_page_text(&raw, &Metadata::default(), &LineEvidence::default());
                let text = doc.text();
                let a = analyze_document(&text, doc.published.as_deref());
                Seed { text, a }
            })
            .collect(),
    )
}

/// The seed whose text contains `phrase`.
fn seed<'a>(all: &'a [Seed], phrase: &str) -> &'a Seed {
    all.iter()
        .find(|s| s.text.contains(phrase))
        .unwrap_or_else(|| panic!("no seed contains {phrase:?}"))
}

impl Seed {
    /// The claim whose text contains `phrase`.
    fn claim(&self, phrase: &str) -> &DocClaim {
        self.a
            .claims
            .iter()
            .find(|c| c.span.of(&self.text).contains(phrase))
            .unwrap_or_else(|| {
                let all: Vec<&str> = self
                    .a
                    .claims
                    .iter()
                    .map(|c| c.span.of(&self.text))
                    .collect();
                panic!("no claim contains {phrase:?}; claims: {all:#?}")
            })
    }

    fn source<'a>(&'a self, c: &'a DocClaim) -> Option<&'a str> {
        c.attribution.text.as_deref()
    }

    fn subjects(&self, c: &DocClaim) -> Vec<&str> {
        c.subjects
            .iter()
            .map(|&e| self.a.entities[e].name.as_str())
            .collect()
    }
}

#[test]
fn one_outlets_four_unsourced_statistics() {
    let Some(all) = seeds() else { return };
    let s = seed(&all, "security budget by 15%");
    // (phrase, value, unit, direction, time)
    let stats = [
        (
            "budget by 15%",
            15.0,
            "percent",
            Some(Direction::Increase),
            Some("2025"),
        ),
        (
            "homicides by 12%",
            12.0,
            "percent",
            Some(Direction::Decrease),
            None,
        ),
        ("$500 million aid package", 500_000_000.0, "USD", None, None),
        (
            "corruption by 20%",
            20.0,
            "percent",
            Some(Direction::Decrease),
            None,
        ),
    ];
    for (phrase, value, unit, direction, time) in stats {
        let c = s.claim(phrase);
        let what = c.span.of(&s.text);
        assert_eq!(
            c.attribution.kind,
            AttributionKind::Outlet,
            "{what}: no source is named"
        );
        assert!(
            c.checkworthiness >= CHECKWORTHY,
            "{what}: {}",
            c.checkworthiness
        );
        let a = c
            .amounts
            .iter()
            .find(|a| a.unit == unit && a.value == value)
            .unwrap_or_else(|| panic!("{what}: {:?}", c.amounts));
        assert_eq!(a.direction, direction, "{what}");
        if let Some(t) = time {
            assert_eq!(
                c.time.as_ref().and_then(|t| t.value.as_deref()),
                Some(t),
                "{what}"
            );
        }
    }
    // "over the past year", in an article of 2025-11-19.
    let c = s.claim("corruption by 20%");
    let t = c.time.as_ref().expect("the past year");
    assert_eq!(t.value.as_deref(), Some("2024-11-19/2025-11-19"));
    assert_eq!(
        s.claim("homicides by 12%").predicate.as_deref(),
        Some("launch")
    );
    assert!(s.claim("budget by 15%").key.contains("15percent+"));
}

#[test]
fn the_designation_reported_three_ways() {
    let Some(all) = seeds() else { return };
    // In the outlet's voice, with its month.
    let s = seed(&all, "recent designation of several cartels");
    let c = s.claim("recent designation of several cartels");
    assert!(c.key.starts_with("designate|"), "{}", c.key);
    assert!(s.subjects(c).contains(&"Trump"), "{:?}", s.subjects(c));
    assert_eq!(
        c.time.as_ref().and_then(|t| t.value.as_deref()),
        Some("2025-02")
    );
    assert!(c.checkworthiness >= CHECKWORTHY, "{}", c.checkworthiness);

    // In other words, by another outlet.
    let s = seed(&all, "has classified drug cartels");
    let c = s.claim("has classified drug cartels");
    assert_eq!(c.predicate.as_deref(), Some("classify"));
    assert!(c.key.starts_with("designate|donald trump|"), "{}", c.key);
    assert_eq!(s.subjects(c), ["Donald Trump"]);
    assert_eq!(c.attribution.kind, AttributionKind::Outlet);
    assert!(c.checkworthiness >= CHECKWORTHY, "{}", c.checkworthiness);

    // As the stance of a named official.
    let s = seed(&all, "categorizing drug cartels");
    let c = s.claim("categorizing drug cartels");
    assert!(c.key.starts_with("designate|"), "{}", c.key);
    assert_eq!(c.attribution.kind, AttributionKind::Named);
    assert_eq!(s.source(c), Some("Marco Rubio"));
}

#[test]
fn the_directive_citing_the_new_york_times() {
    let Some(all) = seeds() else { return };
    let s = seed(&all, "According to the New York Times");
    let c = s.claim("directive reportedly allows");
    assert_eq!(c.attribution.kind, AttributionKind::Named);
    assert_eq!(s.source(c), Some("The New York Times"));
    assert!(c.attribution.quote.is_some());
    assert!(c.hedged());
    assert_eq!(c.hedges, ["reportedly", "could"]);
    assert_eq!(c.predicate.as_deref(), Some("allow"));
    assert!(
        s.subjects(c).contains(&"Donald Trump"),
        "{:?}",
        s.subjects(c)
    );
}

#[test]
fn counts_and_weekdays_are_normalised() {
    let Some(all) = seeds() else { return };
    let s = seed(&all, "over 75,000 alleged gang members");
    let c = s.claim("75,000");
    let a = &c.amounts[0];
    assert_eq!((a.value, a.unit.as_str()), (75_000.0, "count"));
    assert_eq!(a.approx, Some(Approx::Over));
    assert_eq!(a.noun.as_deref(), Some("gang member"));
    assert!(c.checkworthiness >= CHECKWORTHY, "{}", c.checkworthiness);

    let s = seed(&all, "In a statement released on Saturday");
    let c = s.claim("In a statement released on Saturday");
    let t = c.time.as_ref().expect("on Saturday");
    assert_eq!(&s.text[t.start..t.end], "Saturday");
    assert_eq!(s.subjects(c), ["Anna Kelly"]);
}

#[test]
fn quoted_claims_are_their_speakers() {
    let Some(all) = seeds() else { return };
    let s = seed(&all, "According to the New York Times");
    let c = s.claim("The United States is not going to come to Mexico");
    assert_eq!(c.attribution.kind, AttributionKind::Named);
    assert_eq!(s.source(c), Some("Claudia Sheinbaum"));
    let s = seed(&all, "In a statement released on Saturday");
    let c = s.claim("has worked with President Sheinbaum");
    assert_eq!(s.source(c), Some("Anna Kelly"));
}

#[test]
fn filler_and_predictions_are_not_check_worthy() {
    let Some(all) = seeds() else { return };
    let s = seed(&all, "security budget by 15%");
    for phrase in [
        "The coming months will be critical",
        "This ongoing tension highlights the importance",
    ] {
        let c = s.claim(phrase);
        assert!(
            c.checkworthiness < CHECKWORTHY,
            "{phrase}: {}",
            c.checkworthiness
        );
    }
    // Headings, questions and FAQ lines are not claims at all; a question
    // someone is reported to ask ("Trump inquired, “How can we help…?”") is
    // the reporter's statement that it was asked.
    for s in &all {
        for c in &s.a.claims {
            let t = c.span.of(&s.text);
            let reported = t
                .rfind(['“', '"'])
                .is_some_and(|open| t[..open].trim_end().ends_with([',', ':']));
            assert!(
                (!t.ends_with('?') || reported) && !t.starts_with("Question:"),
                "{t}"
            );
            if t.ends_with('?') {
                assert_eq!(
                    c.attribution.kind,
                    AttributionKind::Outlet,
                    "a question states nothing of its asker: {t}"
                );
            }
        }
    }
}
