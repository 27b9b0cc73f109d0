//! The JSON export contract (`crosscheck export`), documented by
//! `docs/export.schema.json`. Keys listed here stay stable; later stages add keys.

use serde::{Deserialize, Serialize};

use crate::document::{DateEvidence, Document, Removed};

/// Version of the export format. Bumped only when a key changes meaning or is
/// removed; adding keys keeps the version.
pub const SCHEMA_VERSION: u32 = 1;

/// `crosscheck export --format json`: one object.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Export {
    pub schema_version: u32,
    pub documents: Vec<ExportDocument>,
}

/// One document of the export (and one line of `--format jsonl`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportDocument {
    pub id: String,
    pub source: String,
    pub sha256: String,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    /// `YYYY-MM-DD` or null.
    pub published: Option<String>,
    pub language: Option<String>,
    /// The clean article body, paragraphs separated by one blank line.
    pub text: String,
    /// Names of the upstream sources the text cites.
    pub upstream_sources: Vec<String>,
    pub removed: Removed,
    // Keys beyond the stable contract of schema version 1.
    pub url: Option<String>,
    pub format: String,
    pub date_evidence: DateEvidence,
    pub confidence: f32,
    pub warnings: Vec<String>,
}

impl From<&Document> for ExportDocument {
    fn from(d: &Document) -> Self {
        let mut upstream: Vec<String> = Vec::new();
        for u in &d.upstream_sources {
            if !upstream.contains(&u.name) {
                upstream.push(u.name.clone());
            }
        }
        ExportDocument {
            id: d.id.clone(),
            source: d.source.clone(),
            sha256: d.sha256.clone(),
            outlet: d.outlet.clone(),
            title: d.title.clone(),
            author: d.author.clone(),
            published: d.published.clone(),
            language: d.language.clone(),
            text: d.text.clone(),
            upstream_sources: upstream,
            removed: d.removed,
            url: d.url.clone(),
            format: d.format.as_str().to_string(),
            date_evidence: d.date_evidence.clone(),
            confidence: d.confidence,
            warnings: d.warnings.clone(),
        }
    }
}
