//! Property tests: on random text with random (often broken) claims,
//! amounts and removed lines, computing the signals never panics, every
//! share is in [0, 1] and is `count / total`, and every piece of evidence
//! with a span is exactly those words of the document's text.

use crosscheck_model::export::{ExportDocumentSignals, SignalKind};
use crosscheck_model::{
    Amount, Attribution, AttributionKind, DateEvidence, DocClaim, Document, InputFormat,
    RemovalReason, Removed, RemovedLine, Span,
};
use crosscheck_signals::{outlet_signals, story_signals, DocInput};
use proptest::prelude::*;

/// Pieces that exercise every signal: filler phrases, placeholders,
/// numbers, repeated paragraphs, multi-byte characters, odd punctuation.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("only time will tell".to_string()),
        Just("In Today’s fast-paced world".to_string()),
        Just("lorem ipsum".to_string()),
        Just("[INSERT QUOTE]".to_string()),
        Just("{{name}}".to_string()),
        Just("%s".to_string()),
        Just("TK".to_string()),
        Just("XXX".to_string()),
        Just("$XX million".to_string()),
        Just("15%".to_string()),
        Just("\n\n".to_string()),
        Just("The ferry resumed service on Friday.".to_string()),
        Just("é’—…".to_string()),
        Just("'".to_string()),
        "[a-zA-Z]{1,8}",
        "\\PC{0,6}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|p| p.join(" "))
}

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(0.0),
        -1e12f64..1e12,
        (0u32..200).prop_map(f64::from),
    ]
}

fn amount() -> impl Strategy<Value = Amount> {
    (
        0usize..400,
        0usize..40,
        value(),
        prop::option::of(value()),
        prop_oneof![
            Just("percent"),
            Just("fraction"),
            Just("USD"),
            Just("count"),
            Just("tonne")
        ],
    )
        .prop_map(|(start, len, value, high, unit)| Amount {
            start,
            end: start + len,
            value,
            high,
            unit: unit.to_string(),
            noun: None,
            approx: None,
            direction: None,
        })
}

fn claim() -> impl Strategy<Value = DocClaim> {
    (
        0usize..400,
        0usize..200,
        prop_oneof![Just(f32::NAN), -1.0f32..2.0],
        prop::collection::vec(amount(), 0..3),
        prop_oneof![
            Just(AttributionKind::Outlet),
            Just(AttributionKind::Named),
            Just(AttributionKind::Unnamed)
        ],
    )
        .prop_map(|(start, len, score, amounts, kind)| DocClaim {
            span: Span::new(start, start + len),
            subjects: Vec::new(),
            predicate: None,
            object: None,
            amounts,
            time: None,
            attribution: Attribution {
                kind,
                entity: None,
                text: None,
                quote: None,
            },
            hedges: Vec::new(),
            checkworthiness: score,
            key: String::new(),
        })
}

fn reason() -> impl Strategy<Value = RemovalReason> {
    prop_oneof![
        Just(RemovalReason::Navigation),
        Just(RemovalReason::DuplicateParagraph),
        Just(RemovalReason::Placeholder),
        Just(RemovalReason::Copyright),
        Just(RemovalReason::Share),
    ]
}

fn document() -> impl Strategy<Value = (Document, Vec<DocClaim>, bool)> {
    (
        text(),
        prop::collection::vec(claim(), 0..8),
        prop::collection::vec((reason(), "\\PC{0,30}"), 0..6),
        prop_oneof![
            Just(InputFormat::Html),
            Just(InputFormat::PageText),
            Just(InputFormat::CleanText)
        ],
        prop_oneof![
            Just(None),
            Just(Some("Tide Courier")),
            Just(Some("Bay Herald")),
            Just(Some("  "))
        ],
        0usize..4,
        any::<bool>(),
    )
        .prop_map(|(text, claims, lines, format, outlet, dups, copy)| {
            let doc = Document {
                id: String::new(),
                source: String::new(),
                sha256: String::new(),
                format,
                url: None,
                outlet: outlet.map(str::to_string),
                title: None,
                author: None,
                published: None,
                crawled: None,
                date_evidence: DateEvidence::default(),
                language: None,
                text,
                upstream_sources: Vec::new(),
                removed: Removed {
                    boilerplate_lines: lines.len(),
                    duplicate_paragraphs: dups,
                },
                removed_lines: lines
                    .into_iter()
                    .map(|(reason, text)| RemovedLine {
                        text,
                        reason,
                        detail: String::new(),
                    })
                    .collect(),
                confidence: 0.5,
                warnings: Vec::new(),
            };
            (doc, claims, copy)
        })
}

fn check(doc: &Document, s: &ExportDocumentSignals) {
    assert_eq!(s.signals.len(), SignalKind::ALL.len());
    for (sig, kind) in s.signals.iter().zip(SignalKind::ALL) {
        assert_eq!(sig.kind, kind);
        if let Some(share) = sig.share {
            assert!((0.0..=1.0).contains(&share), "{kind:?} share {share}");
            let t = sig.total.expect("a share has a total");
            assert!(t > 0 && sig.count <= t, "{kind:?} {} of {t}", sig.count);
        }
        if !sig.applicable {
            assert_eq!(sig.count, 0);
            assert!(sig.summary.starts_with("not applicable"));
        }
        assert!(!sig.summary.is_empty());
        for e in &sig.evidence {
            if let (Some(a), Some(b)) = (e.start, e.end) {
                assert_eq!(doc.text.get(a..b), Some(e.text.as_str()), "{kind:?}");
            }
            if let Some(c) = &e.context {
                assert_eq!(doc.text.get(c.start..c.end), Some(c.text.as_str()));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn signals_never_panic_and_shares_stay_in_0_to_1(
        docs in prop::collection::vec(document(), 1..4)
    ) {
        let mut docs = docs;
        for (i, (d, _, _)) in docs.iter_mut().enumerate() {
            d.id = format!("{i:012x}");
        }
        let first = docs[0].0.id.clone();
        let inputs: Vec<DocInput<'_>> = docs
            .iter()
            .enumerate()
            .map(|(i, (d, c, copy))| DocInput {
                document: d,
                claims: c,
                story_id: Some("s-000000000000"),
                copy_of: (*copy && i > 0).then_some(first.as_str()),
            })
            .collect();
        let signals = story_signals(&inputs);
        prop_assert_eq!(signals.len(), docs.len());
        for ((d, _, _), s) in docs.iter().zip(&signals) {
            check(d, s);
        }
        for o in outlet_signals(&signals, Some("s-000000000000")) {
            prop_assert!(!o.counted_document_ids.is_empty());
            for s in &o.signals {
                if let Some(share) = s.share {
                    prop_assert!((0.0..=1.0).contains(&share));
                }
                prop_assert!(!s.summary.is_empty());
            }
        }
    }

    #[test]
    fn any_string_is_safe_as_a_text(text in "\\PC{0,400}") {
        let d = Document {
            id: "0123456789ab".into(),
            source: String::new(),
            sha256: String::new(),
            format: InputFormat::PageText,
            url: None,
            outlet: None,
            title: None,
            author: None,
            published: None,
            crawled: None,
            date_evidence: DateEvidence::default(),
            language: None,
            text,
            upstream_sources: Vec::new(),
            removed: Removed::default(),
            removed_lines: Vec::new(),
            confidence: 0.0,
            warnings: Vec::new(),
        };
        let s = story_signals(&[DocInput { document: &d, claims: &[], story_id: None, copy_of: None }]);
        check(&d, &s[0]);
    }
}
