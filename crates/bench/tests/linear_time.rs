//! The per-document path runs in time linear in a paragraph's length: for
//! every long-text shape of `crosscheck_bench::linear`, four times the
//! input takes well under the sixteen times a quadratic scan would.
//! Timed in whatever build the tests run in (a debug build is slower but
//! grows alike); sizes stay small so that the test takes seconds.

#![cfg(feature = "nlp")]

use crosscheck_bench::linear::{fastest, run, Shape};

/// Four times the input may take at most this many times as long (linear
/// is 4, quadratic 16; the rest is noise on a shared machine).
const MAX_GROWTH_FOR_4X: f64 = 8.0;
const SMALL: usize = 40_000;

#[test]
fn long_paragraphs_of_every_shape_analyse_in_linear_time() {
    let mut report = Vec::new();
    for shape in Shape::ALL {
        let small = shape.text(SMALL);
        let large = shape.text(4 * SMALL);
        let (t_small, o_small) = fastest(3, || run(shape, &small));
        let (t_large, o_large) = fastest(3, || run(shape, &large));
        // The texts are analysed, not skipped: the larger has about four
        // times the findings.
        let found = |o: &crosscheck_bench::linear::Output| o.claims + o.quotes + o.mentions;
        assert!(
            found(&o_large) >= 3 * found(&o_small).max(1),
            "{}: {o_small:?} then {o_large:?}",
            shape.name()
        );
        let growth = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
        report.push(format!("{}: ×{growth:.1}", shape.name()));
        assert!(
            growth <= MAX_GROWTH_FOR_4X,
            "{}: 4× the text took {growth:.1}× the time ({t_small:?} → {t_large:?}); {}",
            shape.name(),
            report.join(", ")
        );
    }
    eprintln!("{}", report.join("\n"));
}

#[test]
fn a_document_does_not_contradict_itself() {
    // One text giving a different count in every sentence: updates, not a
    // dispute between sources (and not one contradiction per pair).
    let text = Shape::Numbers.text(20_000);
    let out = run(Shape::Numbers, &text);
    assert!(out.facts > 100, "{out:?}");
    let analysis = crosscheck_claims::analyze_document(&text, None);
    let docs = [crosscheck_corroborate::StoryDoc {
        id: "one",
        outlet: None,
        published: None,
        text: &text,
        analysis: &analysis,
        upstream: &[],
        copy_of: None,
        episode: None,
    }];
    let findings = crosscheck_corroborate::corroborate(&docs);
    let contradictions: usize = findings.claims.iter().map(|c| c.contradictions.len()).sum();
    assert_eq!(contradictions, 0);
    assert!(findings
        .claims
        .iter()
        .all(|c| c.status == crosscheck_corroborate::Status::SingleSource));
}
