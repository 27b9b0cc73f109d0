//! Building signals and their evidence: spans of the clean text (checked
//! against it, so a stale or broken span never panics), the claim a span
//! belongs to, and removed lines.

use crosscheck_model::export::{
    ExportSignal, ExportSignalContext, ExportSignalEvidence, SignalKind,
};
use crosscheck_model::{claim_id, DocClaim, Document, RemovedLine, Span};

use crate::text::share;

/// A signal from its figures; the share is computed here so that every
/// signal's share is `count / total` in [0, 1].
pub fn build(
    kind: SignalKind,
    count: usize,
    total: Option<usize>,
    summary: String,
    evidence: Vec<ExportSignalEvidence>,
) -> ExportSignal {
    ExportSignal {
        kind,
        applicable: true,
        count,
        total,
        share: total.and_then(|t| share(count, t)),
        summary,
        evidence,
    }
}

/// A signal that says nothing about this document, and why.
pub fn not_applicable(kind: SignalKind, why: &str) -> ExportSignal {
    ExportSignal {
        kind,
        applicable: false,
        count: 0,
        total: None,
        share: None,
        summary: format!("not applicable: {why}"),
        evidence: Vec::new(),
    }
}

/// The words of `span` in the document, or `None` when the span does not
/// fit its text (an analysis made for another version of the text).
pub fn span_text(doc: &Document, span: Span) -> Option<&str> {
    if span.is_empty() {
        return None;
    }
    doc.text.get(span.start..span.end)
}

/// The index of the first claim whose span contains `span`.
pub fn claim_containing(claims: &[DocClaim], span: Span) -> Option<usize> {
    claims.iter().position(|c| c.span.contains(&span))
}

/// Evidence in the clean text: its words and span, the claim it belongs to
/// (index into `claims`; with that claim as its context when the claim is
/// larger than the words), and what it shows. `None` when the span does not
/// fit the text.
pub fn in_text(
    doc: &Document,
    claims: &[DocClaim],
    span: Span,
    claim: Option<usize>,
    detail: Option<String>,
) -> Option<ExportSignalEvidence> {
    let words = span_text(doc, span)?;
    let claim = claim.filter(|&i| i < claims.len());
    let context = claim
        .map(|i| claims[i].span)
        .filter(|c| *c != span)
        .and_then(|c| {
            span_text(doc, c).map(|t| ExportSignalContext {
                text: t.to_string(),
                start: c.start,
                end: c.end,
            })
        });
    Some(ExportSignalEvidence {
        text: words.to_string(),
        start: Some(span.start),
        end: Some(span.end),
        claim_id: claim.map(|i| claim_id(&doc.id, i)),
        context,
        detail,
    })
}

/// Evidence that the extractor removed a line: its words, no span.
pub fn removed(line: &RemovedLine, detail: String) -> ExportSignalEvidence {
    ExportSignalEvidence {
        text: line.text.clone(),
        start: None,
        end: None,
        claim_id: None,
        context: None,
        detail: Some(detail),
    }
}
