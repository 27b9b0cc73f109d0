//! The seeds as one story, and the conclusions a careful reader draws from
//! them: what several independent outlets confirm (and which two lean on
//! one upstream report), which numbers only one outlet gives, which title
//! is contested. Skipped when the seeds are absent.

#[path = "../../nlp/tests/support/mod.rs"]
mod support;

use crosscheck_claims::analyze_document;
use crosscheck_corroborate::{corroborate, AlignedClaim, Findings, Status, StoryDoc};
use crosscheck_extract::{clean_page_text, LineEvidence};
use crosscheck_model::{DocAnalysis, Metadata};

struct Seed {
    id: String,
    outlet: Option<String>,
    published: Option<String>,
    text: String,
    analysis: DocAnalysis,
    upstream: Vec<String>,
}

fn seeds() -> Option<Vec<Seed>> {
    Some(
        support::seeds()?
            .into_iter()
            .map(|(name, raw)| {
                let doc = clean_page_text(&raw, &Metadata::default(), &LineEvidence::default());
                let text = doc.text();
                let analysis = analyze_document(&text, doc.published.as_deref());
                Seed {
                    id: name,
                    outlet: doc.outlet.clone(),
                    published: doc.published.clone(),
                    upstream: doc
                        .upstream_sources
                        .iter()
                        .map(|u| u.name.clone())
                        .collect(),
                    text,
                    analysis,
                }
            })
            .collect(),
    )
}

fn story(seeds: &[Seed]) -> Vec<StoryDoc<'_>> {
    seeds
        .iter()
        .map(|s| StoryDoc {
            id: &s.id,
            outlet: s.outlet.as_deref(),
            published: s.published.as_deref(),
            text: &s.text,
            analysis: &s.analysis,
            upstream: &s.upstream,
            copy_of: None,
        })
        .collect()
}

fn text<'a>(docs: &[StoryDoc<'a>], c: &AlignedClaim) -> &'a str {
    let (d, k) = c.claims[0];
    docs[d].analysis.claims[k].span.of(docs[d].text)
}

/// The aligned claim whose first claim contains `phrase`.
fn find<'f>(docs: &[StoryDoc], f: &'f Findings, phrase: &str) -> &'f AlignedClaim {
    f.claims
        .iter()
        .find(|c| {
            c.claims.iter().any(|&(d, k)| {
                docs[d].analysis.claims[k]
                    .span
                    .of(docs[d].text)
                    .contains(phrase)
            })
        })
        .unwrap_or_else(|| panic!("no aligned claim contains {phrase:?}"))
}

#[test]
#[ignore = "prints the findings of the seed story"]
fn dump() {
    let Some(seeds) = seeds() else { return };
    let docs = story(&seeds);
    let f = corroborate(&docs);
    for c in &f.claims {
        for &(d, k) in &c.claims {
            let claim = &docs[d].analysis.claims[k];
            let subjects: Vec<&str> = claim
                .subjects
                .iter()
                .map(|&e| docs[d].analysis.entities[e].name.as_str())
                .collect();
            eprintln!(
                "  {d}:{k} {} {subjects:?} | {}",
                claim.key,
                claim.span.of(docs[d].text)
            );
        }
        eprintln!(
            "{} docs={:?} sources={} outlets={:?} unattributed={} | {}",
            c.status.as_str(),
            c.documents,
            c.sources.len(),
            c.outlets,
            c.unattributed,
            text(&docs, c)
        );
        for s in c.sources.iter().filter(|s| s.documents.len() > 1) {
            eprintln!("    merged {:?}: {:?}", s.documents, s.merged_because);
        }
        for k in &c.contradictions {
            eprintln!("    contradicted by {:?}: {}", k.claims, k.reason);
        }
    }
    eprintln!("{:#?}", f.role_conflicts);
}

fn doc_of(docs: &[StoryDoc], phrase: &str) -> usize {
    docs.iter()
        .position(|d| d.text.contains(phrase))
        .unwrap_or_else(|| panic!("no seed contains {phrase:?}"))
}

#[test]
fn the_rejection_is_reported_by_every_outlet_two_leaning_on_one_report() {
    let Some(seeds) = seeds() else { return };
    let docs = story(&seeds);
    let f = corroborate(&docs);
    let c = find(&docs, &f, "firmly rejects any U.S. military intervention");
    assert_eq!(c.documents.len(), 5, "{c:#?}");
    assert_eq!(c.status, Status::Corroborated);
    // The two reports citing the Wall Street Journal count once.
    assert_eq!(c.sources.len(), 4, "{:#?}", c.sources);
    let merged: Vec<_> = c.sources.iter().filter(|s| s.documents.len() > 1).collect();
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].merged_because, ["all cite Wall Street Journal"]);
}

#[test]
fn the_designation_is_confirmed_by_two_independent_outlets() {
    let Some(seeds) = seeds() else { return };
    let docs = story(&seeds);
    let f = corroborate(&docs);
    let c = find(&docs, &f, "recent designation of several cartels");
    assert_eq!(c.status, Status::Corroborated, "{c:#?}");
    assert_eq!(
        c.documents,
        [
            doc_of(&docs, "recent designation"),
            doc_of(&docs, "has classified drug cartels")
        ]
    );
    assert_eq!(c.sources.len(), 2);
}

#[test]
fn four_statistics_rest_on_one_outlet_with_no_source() {
    let Some(seeds) = seeds() else { return };
    let docs = story(&seeds);
    let f = corroborate(&docs);
    let outlet = doc_of(&docs, "security budget by 15%");
    for phrase in [
        "budget by 15%",
        "homicides by 12%",
        "$500 million aid package",
        "corruption by 20%",
    ] {
        let c = find(&docs, &f, phrase);
        assert_eq!(c.status, Status::SingleSource, "{phrase}: {c:#?}");
        assert_eq!(c.documents, [outlet], "{phrase}");
        assert!(c.unattributed, "{phrase}: no source is named");
        assert!(c.contradictions.is_empty());
    }
}

#[test]
fn one_outlet_contradicts_the_others_on_a_title() {
    let Some(seeds) = seeds() else { return };
    let docs = story(&seeds);
    let f = corroborate(&docs);
    assert_eq!(f.role_conflicts.len(), 1, "{:#?}", f.role_conflicts);
    let r = &f.role_conflicts[0];
    assert_eq!(r.entity, "Donald Trump");
    let former = r
        .sides
        .iter()
        .find(|s| s.0 == "former U.S. President")
        .expect("the wrong title");
    assert_eq!(
        former.1,
        [doc_of(&docs, "former U.S. President Donald Trump")]
    );
    let others: usize = r
        .sides
        .iter()
        .filter(|s| !s.0.starts_with("former"))
        .map(|s| s.1.len())
        .sum();
    assert!(others >= 3, "{r:#?}");
}
