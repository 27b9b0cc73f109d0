//! Linking across documents: one canonical entity per real-world entity
//! across the store, and quotes that are variants of one statement.
//! Both are pure functions of the whole set of analysed documents, so the
//! result does not depend on the order in which documents were ingested.

use crosscheck_model::{DocAnalysis, LinkedEntity};

/// One analysed document, as the linkers need it.
#[derive(Debug, Clone, Copy)]
pub struct AnalysedDoc<'a> {
    pub id: &'a str,
    /// `YYYY-MM-DD` when known.
    pub published: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub text: &'a str,
    pub analysis: &'a DocAnalysis,
}

/// A quote that repeats, in other words or another translation, a statement
/// first given by another quote: (document id, index into its quotes).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Variant {
    pub document_id: String,
    pub quote: usize,
    pub variant_of_document: String,
    pub variant_of_quote: usize,
}

/// Group the documents' entities into store-wide entities.
pub fn link_entities(_docs: &[AnalysedDoc]) -> Vec<LinkedEntity> {
    Vec::new()
}

/// Link quotes of the same speaker with overlapping content and close dates.
/// `entities` is the output of [`link_entities`] for the same documents.
pub fn quote_variants(_docs: &[AnalysedDoc], _entities: &[LinkedEntity]) -> Vec<Variant> {
    Vec::new()
}
