//! One fixture per claim shape, written for this project: attribution
//! (named, unnamed, outlet), hedging, the predicate, and keys shared by
//! paraphrases of one fact.

use crosscheck_claims::{analyze_document, AttributionKind, DocClaim};

fn claims(text: &str) -> Vec<(String, DocClaim)> {
    analyze_document(text, Some("2025-05-05"))
        .claims
        .into_iter()
        .map(|c| (c.span.of(text).to_string(), c))
        .collect()
}

fn only(text: &str) -> (String, DocClaim) {
    let mut all = claims(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

#[test]
fn attribution_kinds() {
    let (_, c) = only("Mayor Ana Torres said the city hired 300 new teachers in March.");
    assert_eq!(c.attribution.kind, AttributionKind::Named);
    assert_eq!(c.attribution.text.as_deref(), Some("Ana Torres"));

    let (span, c) = only("The city hired 300 new teachers in March, officials said.");
    assert_eq!(c.attribution.kind, AttributionKind::Unnamed, "{span}");
    // The claim is the whole statement, its attribution kept.
    assert_eq!(
        span,
        "The city hired 300 new teachers in March, officials said."
    );
    assert_eq!(c.predicate.as_deref(), Some("hire"), "{span}");

    let (_, c) = only("The city hired 300 new teachers in March.");
    assert_eq!(c.attribution.kind, AttributionKind::Outlet);
    assert_eq!(c.attribution.text, None);
    assert_eq!(c.predicate.as_deref(), Some("hire"));
    assert_eq!(
        c.time.as_ref().and_then(|t| t.value.as_deref()),
        Some("2025-03")
    );
    assert_eq!(c.amounts[0].noun.as_deref(), Some("teacher"));
}

#[test]
fn hedges_are_recorded() {
    let (_, c) = only("The minister reportedly resigned on Friday after the vote.");
    assert_eq!(c.hedges, ["reportedly"]);
    assert_eq!(c.predicate.as_deref(), Some("resign"));
    assert_eq!(
        c.time.as_ref().and_then(|t| t.value.as_deref()),
        Some("2025-05-02")
    );
    let (_, c) = only("The strike could cost the port $40 million a week.");
    assert_eq!(c.hedges, ["could"]);
    let (_, c) = only("The port lost $40 million in the week of the strike.");
    assert!(!c.hedged());
}

#[test]
fn paraphrases_share_a_key() {
    // (A sentence-initial unknown name with "'s" is not found as an entity:
    // the first fixture names Veloria later in its sentence.)
    let a = only("The government of Veloria raised the police budget by 15% in 2025.").1;
    let b = only("In 2025, Veloria's government increased the police budget by 15 percent.").1;
    assert_eq!(a.key, b.key);
    assert!(a.key.starts_with("increase|"), "{}", a.key);

    let a = only("President Mara Lind designated the Red Hand group a terrorist organisation.").1;
    let b = only("Mara Lind has classified the Red Hand group as a terrorist organisation.").1;
    assert_eq!(a.key, b.key);

    // A different number is a different fact.
    let c = only("The government of Veloria raised the police budget by 12% in 2025.").1;
    let d = only("The government of Veloria raised the police budget by 15% in 2025.").1;
    assert_ne!(c.key, d.key);
}

#[test]
fn objects_and_subjects() {
    let (_, c) =
        only("Mayor Ana Torres rejected the union's offer of a 5% raise, her office said.");
    assert_eq!(c.predicate.as_deref(), Some("reject"));
    let text = "Mayor Ana Torres rejected the union's offer of a 5% raise.";
    let (_, c) = only(text);
    assert_eq!(
        c.object.map(|o| o.of(text)),
        Some("the union's offer of a 5% raise")
    );
    let a = analyze_document(text, None);
    let names: Vec<&str> = a.claims[0]
        .subjects
        .iter()
        .map(|&e| a.entities[e].name.as_str())
        .collect();
    assert_eq!(names, ["Ana Torres"]);
}

#[test]
fn credit_lines_summaries_and_commentary_are_not_check_worthy() {
    for text in [
        "Arvelo spoke in Velorian; the translation is by The Coastal Times.",
        "This report also includes contributions from Adam Shaw of Fox News Digital and the Associated Press.",
        "In conclusion, Veloria's rejection of Kestrian naval support represents a pivotal moment in regional relations.",
        "Mexico's rejection of U.S. military assistance marks a critical moment in bilateral relations between the two nations.",
    ] {
        let all = claims(text);
        assert!(!all.is_empty(), "still a statement: {text}");
        for (span, c) in all {
            assert!(
                c.checkworthiness < crosscheck_claims::CHECKWORTHY,
                "{span}: {}",
                c.checkworthiness
            );
        }
    }
    // A statement of fact next to them still is.
    let (_, c) = only("Velorian port officials estimate that about 240 tonnes of industrial solvent leaked from two damaged tanks.");
    assert!(c.checkworthiness >= crosscheck_claims::CHECKWORTHY);
}
