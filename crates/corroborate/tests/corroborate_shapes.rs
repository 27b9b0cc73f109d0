//! Fixtures written for the project: a contested number, a syndicated
//! copy, two reports of one outlet, two reports citing one wire, and an
//! undated report.

use crosscheck_claims::analyze_document;
use crosscheck_corroborate::{corroborate, Findings, Status, StoryDoc};
use crosscheck_model::DocAnalysis;

struct Doc {
    id: String,
    outlet: Option<String>,
    published: Option<String>,
    text: String,
    analysis: DocAnalysis,
    upstream: Vec<String>,
    copy_of: Option<usize>,
    episode: Option<usize>,
}

fn doc(id: &str, outlet: &str, date: Option<&str>, text: &str, upstream: &[&str]) -> Doc {
    Doc {
        id: id.into(),
        outlet: Some(outlet.into()),
        published: date.map(str::to_string),
        analysis: analyze_document(text, date),
        text: text.into(),
        upstream: upstream.iter().map(|u| u.to_string()).collect(),
        copy_of: None,
        episode: None,
    }
}

fn run(docs: &[Doc]) -> Findings {
    let story: Vec<StoryDoc> = docs
        .iter()
        .map(|d| StoryDoc {
            id: &d.id,
            outlet: d.outlet.as_deref(),
            published: d.published.as_deref(),
            text: &d.text,
            analysis: &d.analysis,
            upstream: &d.upstream,
            copy_of: d.copy_of,
            episode: d.episode,
        })
        .collect();
    corroborate(&story)
}

const KILLED_12: &str = "The fire at the Saltmere chemical port killed 12 workers on Tuesday, \
    the port authority said in a statement.";
const KILLED_15: &str = "The fire at the Saltmere chemical port killed 15 workers on Tuesday, \
    according to hospital officials in the city.";

#[test]
fn a_number_that_changes_between_developments_is_an_update_not_a_contest() {
    let mut docs = [
        doc("a", "Harbor Line", Some("2026-01-15"), KILLED_12, &[]),
        doc("b", "Coastal Times", Some("2026-03-02"), KILLED_15, &[]),
    ];
    docs[0].episode = Some(0);
    docs[1].episode = Some(1);
    let f = run(&docs);
    assert!(
        f.claims.iter().all(|c| c.contradictions.is_empty()),
        "{f:#?}"
    );
    // in one development the same two reports disagree
    docs[1].episode = Some(0);
    let f = run(&docs);
    assert!(
        f.claims.iter().all(|c| c.contradictions.len() == 1),
        "{f:#?}"
    );
}

#[test]
fn a_different_number_for_the_same_fact_is_contested() {
    let docs = [
        doc("a", "Harbor Line", Some("2026-01-15"), KILLED_12, &[]),
        doc("b", "Coastal Times", Some("2026-01-15"), KILLED_15, &[]),
    ];
    let f = run(&docs);
    assert_eq!(f.claims.len(), 2, "{f:#?}");
    for c in &f.claims {
        assert_eq!(c.status, Status::Contested, "{c:#?}");
        assert_eq!(c.contradictions.len(), 1);
        assert_eq!(c.contradictions[0].claims.len(), 1);
    }
    assert!(
        f.claims[0].contradictions[0].reason.contains("12")
            && f.claims[0].contradictions[0].reason.contains("15")
    );
}

#[test]
fn copies_one_outlet_and_one_wire_count_once() {
    let mut docs = vec![
        doc("a", "Harbor Line", Some("2026-01-15"), KILLED_12, &[]),
        doc("b", "Strait Report", Some("2026-01-16"), KILLED_12, &[]),
        doc(
            "c",
            "Harbor Line",
            Some("2026-01-16"),
            &KILLED_12.replace("in a statement", "on Tuesday evening"),
            &[],
        ),
        doc("d", "Coastal Times", None, KILLED_12, &["Meridian Wire"]),
        doc(
            "e",
            "Kestria Today",
            Some("2026-01-17"),
            KILLED_12,
            &["Meridian Wire"],
        ),
    ];
    docs[1].copy_of = Some(0);
    let f = run(&docs);
    assert_eq!(f.claims.len(), 1, "{f:#?}");
    let c = &f.claims[0];
    assert_eq!(c.documents, [0, 1, 2, 4, 3], "by date, the undated last");
    assert_eq!(c.status, Status::Corroborated);
    assert_eq!(c.sources.len(), 2, "{:#?}", c.sources);
    let reasons: Vec<&String> = c.sources.iter().flat_map(|s| &s.merged_because).collect();
    assert!(
        reasons.contains(&&"b is a copy of a".to_string()),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&&"same outlet: Harbor Line".to_string()),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&&"all cite Meridian Wire".to_string()),
        "{reasons:?}"
    );
    assert_eq!(
        c.outlets,
        [
            "Harbor Line",
            "Strait Report",
            "Kestria Today",
            "Coastal Times"
        ]
    );
}
