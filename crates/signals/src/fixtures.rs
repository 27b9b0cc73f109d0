//! Builders for the unit tests: documents and claims over short fictional
//! texts written for these tests.

use crosscheck_model::{
    Amount, Attribution, AttributionKind, DateEvidence, DocClaim, Document, InputFormat,
    RemovalReason, Removed, RemovedLine, Span,
};

/// A page-text document with id `0123456789ab` of outlet "Tide Courier".
pub fn doc(text: &str) -> Document {
    doc_as("0123456789ab", Some("Tide Courier"), text)
}

pub fn doc_as(id: &str, outlet: Option<&str>, text: &str) -> Document {
    Document {
        id: id.to_string(),
        source: format!("{id}.txt"),
        sha256: format!("{id}{}", "0".repeat(52)),
        format: InputFormat::PageText,
        url: None,
        outlet: outlet.map(str::to_string),
        title: None,
        author: None,
        published: None,
        date_evidence: DateEvidence::default(),
        crawled: None,
        language: Some("en".into()),
        text: text.to_string(),
        upstream_sources: Vec::new(),
        removed: Removed::default(),
        removed_lines: Vec::new(),
        confidence: 1.0,
        warnings: Vec::new(),
    }
}

/// Add a removed line (and count it as the extractor does).
pub fn removing(mut d: Document, reason: RemovalReason, line: &str) -> Document {
    d.removed_lines.push(RemovedLine {
        text: line.to_string(),
        reason,
        detail: String::new(),
    });
    if reason == RemovalReason::DuplicateParagraph {
        d.removed.duplicate_paragraphs += 1;
    } else {
        d.removed.boilerplate_lines += 1;
    }
    d
}

/// The span of the first occurrence of `words` in `text`.
pub fn span_of(text: &str, words: &str) -> Span {
    let start = text
        .find(words)
        .unwrap_or_else(|| panic!("{words:?} not in {text:?}"));
    Span::new(start, start + words.len())
}

/// A claim in the outlet's voice over the first occurrence of `sentence`.
pub fn claim(text: &str, sentence: &str, score: f32) -> DocClaim {
    DocClaim {
        span: span_of(text, sentence),
        subjects: Vec::new(),
        predicate: None,
        object: None,
        amounts: Vec::new(),
        time: None,
        attribution: Attribution::outlet(),
        hedges: Vec::new(),
        checkworthiness: score,
        key: String::new(),
    }
}

pub fn named(mut c: DocClaim, entity: usize) -> DocClaim {
    c.attribution = Attribution {
        kind: AttributionKind::Named,
        entity: Some(entity),
        text: Some("the mayor".into()),
        quote: None,
    };
    c
}

pub fn unnamed(mut c: DocClaim, words: &str) -> DocClaim {
    c.attribution = Attribution {
        kind: AttributionKind::Unnamed,
        entity: None,
        text: Some(words.into()),
        quote: None,
    };
    c
}

/// Add an amount over the first occurrence of `words` in `text`.
pub fn amount(mut c: DocClaim, text: &str, words: &str, value: f64, unit: &str) -> DocClaim {
    let s = span_of(text, words);
    c.amounts.push(Amount {
        start: s.start,
        end: s.end,
        value,
        high: None,
        unit: unit.into(),
        noun: None,
        approx: None,
        direction: None,
    });
    c
}
