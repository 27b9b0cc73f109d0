//! The invariants every fuzz target checks, as panics (which libFuzzer
//! reports as crashes): the same invariants as the property tests'.

use crosscheck_model::Extracted;

/// Not empty, no line break.
pub fn one_line(s: &str) -> bool {
    !s.trim().is_empty() && !s.contains(['\n', '\r'])
}

/// The invariants of an extractor's result (see
/// `crates/extract/tests/support/mod.rs`, `check_extracted`).
pub fn check_extracted(e: &Extracted, input_len: usize) {
    assert!(
        e.confidence.is_finite() && (0.0..=1.0).contains(&e.confidence),
        "confidence {}",
        e.confidence
    );
    let mut joined = String::new();
    for b in &e.blocks {
        assert!(!b.text.trim().is_empty(), "blank block {b:?}");
        if !joined.is_empty() {
            joined.push_str("\n\n");
        }
        joined.push_str(&b.text);
    }
    let text = e.text();
    assert_eq!(text, joined);
    for (what, field) in [
        ("title", &e.title),
        ("outlet", &e.outlet),
        ("author", &e.author),
    ] {
        if let Some(v) = field {
            assert!(
                one_line(v) && v.trim() == v,
                "{what} is not a trimmed line: {v:?}"
            );
        }
    }
    match &e.published {
        Some(p) => {
            let d = chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d");
            assert!(p.len() == 10 && d.is_ok(), "published {p:?}");
            let year = chrono::Datelike::year(&d.unwrap());
            assert!((1990..=2100).contains(&year), "published {p:?}");
            assert!(e.date_evidence.source.is_some(), "{:?}", e.date_evidence);
        }
        None => assert!(
            e.date_evidence
                .reason
                .as_deref()
                .is_some_and(|r| !r.is_empty()),
            "no date and no reason: {:?}",
            e.date_evidence
        ),
    }
    if let Some(l) = &e.language {
        assert!(
            !l.is_empty() && !l.contains(char::is_whitespace),
            "language {l:?}"
        );
    }
    for u in &e.upstream_sources {
        assert!(
            u.start < u.end && text.get(u.start..u.end).is_some(),
            "upstream span {}..{} not in the text ({} bytes)",
            u.start,
            u.end,
            text.len()
        );
        assert!(
            !u.name.trim().is_empty() && !u.cue.trim().is_empty(),
            "{u:?}"
        );
        // The span is the name as written ("AP" is named in full).
        let written = &text[u.start..u.end];
        assert!(
            written == u.name || (written == "AP" && u.name == "Associated Press"),
            "upstream {u:?} spans {written:?}"
        );
    }
    assert!(e.removed_lines.len() <= input_len.max(1));
    for r in &e.removed_lines {
        assert!(!r.text.trim().is_empty(), "blank removed line {r:?}");
        assert!(!r.detail.contains('\n'), "{r:?}");
    }
    assert!(e.warnings.len() <= 8, "{:?}", e.warnings);
    for w in &e.warnings {
        assert!(one_line(w), "warning {w:?}");
    }
}
