//! Fixtures shared by the integration tests.
#![allow(dead_code)]

use crosscheck_model::{
    document_id, sha256_hex, DateEvidence, Document, InputFormat, PageLines, RemovalReason,
    Removed, RemovedLine, UpstreamSource,
};
use crosscheck_store::NewDocument;

/// A document with every field set, derived from `raw` (its "raw bytes").
pub fn full_doc(raw: &str) -> Document {
    let sha256 = sha256_hex(raw.as_bytes());
    with_sha256(raw, &sha256)
}

/// A document with this sha256 (ids are its 12-hex prefix): for collisions.
pub fn with_sha256(raw: &str, sha256: &str) -> Document {
    Document {
        id: document_id(sha256),
        source: format!("corpus/{raw}.txt"),
        sha256: sha256.to_string(),
        format: InputFormat::PageText,
        url: Some(format!("https://example.org/{raw}")),
        outlet: Some("Example Herald".into()),
        title: Some(format!("Título «{raw}»")),
        author: Some("Ana Pérez".into()),
        published: Some("2025-03-01".into()),
        crawled: None,
        date_evidence: DateEvidence {
            source: Some("byline".into()),
            text: Some("March 1, 2025".into()),
            reason: Some("crawl date rejected".into()),
        },
        language: Some("es".into()),
        text: format!("Primer párrafo de {raw}.\n\nSegundo — con \"comillas\" y 75,000 tropas."),
        upstream_sources: vec![
            UpstreamSource {
                name: "USA Herald".into(),
                cue: "according to".into(),
                start: 3,
                end: 13,
            },
            UpstreamSource {
                name: "Associated Press".into(),
                cue: "contributions from".into(),
                start: 20,
                end: 36,
            },
        ],
        removed: Removed {
            boilerplate_lines: 7,
            duplicate_paragraphs: 2,
        },
        removed_lines: vec![
            RemovedLine {
                text: "Share on X".into(),
                reason: RemovalReason::Share,
                detail: String::new(),
            },
            RemovedLine {
                text: "Other headline — March 2".into(),
                reason: RemovalReason::HeadlineList,
                detail: "3 of 4 lines are headlines followed by a date".into(),
            },
        ],
        confidence: 0.73,
        warnings: vec!["title printed twice".into(), "crawl date ignored".into()],
    }
}

pub fn new_doc(doc: Document) -> NewDocument {
    NewDocument {
        doc,
        page_lines: None,
        analysis: None,
    }
}

pub fn with_lines(doc: Document, outlet_key: &str, fingerprints: &[u64]) -> NewDocument {
    NewDocument {
        doc,
        page_lines: Some(PageLines {
            outlet_key: outlet_key.into(),
            fingerprints: fingerprints.to_vec(),
        }),
        analysis: None,
    }
}

/// A 64-hex sha256 made of a 12-hex prefix and a tail digit, for collisions.
pub fn fake_sha256(prefix12: &str, tail: char) -> String {
    assert_eq!(prefix12.len(), 12);
    let mut s = prefix12.to_string();
    s.extend(std::iter::repeat_n(tail, 52));
    s
}
