//! The only crate that knows SQL.
//!
//! Every stage reads and writes documents through the backend-neutral
//! [`Store`] trait. [`SqliteStore`] is the embedded backend (one SQLite file,
//! WAL mode, versioned migrations embedded in the binary); a PostgreSQL
//! backend can implement the same trait later without touching other crates.
//!
//! Guarantees of [`Store::insert_documents`]:
//! - one transaction per batch: a SQL error rolls back the whole batch;
//! - idempotent: a document whose `sha256` is already stored is "unchanged";
//! - an id collision (another `sha256` with the same id prefix) is reported
//!   per document in [`InsertOutcome::collisions`] and that document is
//!   skipped; the rest of the batch commits.

mod error;
mod rows;
mod schema;
mod sqlite;

use std::collections::{HashMap, HashSet};

use crosscheck_model::{Document, PageLines};

pub use error::StoreError;
pub use schema::LATEST_VERSION;
pub use sqlite::SqliteStore;

/// A document to insert, with the line fingerprints of its page if any.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDocument {
    pub doc: Document,
    pub page_lines: Option<PageLines>,
}

/// What [`Store::insert_documents`] did with each document of a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InsertOutcome {
    /// Ids of the documents stored by this call, in batch order.
    pub inserted: Vec<String>,
    /// Ids of the documents whose `sha256` was already stored (nothing written).
    pub unchanged: Vec<String>,
    /// Documents refused because another document already holds their id.
    pub collisions: Vec<IdCollision>,
}

/// A document whose id (a prefix of its `sha256`) is already taken by a
/// document with a different `sha256`. The stored document is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdCollision {
    pub id: String,
    /// The `sha256` of the refused document.
    pub sha256: String,
    /// The `sha256` of the document that holds the id.
    pub existing_sha256: String,
}

impl std::fmt::Display for IdCollision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "document id {} of sha256 {} is already taken by sha256 {}",
            self.id, self.sha256, self.existing_sha256
        )
    }
}

/// One line of `crosscheck list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSummary {
    pub id: String,
    pub source: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub words: usize,
    pub language: Option<String>,
}

/// A backend of the document store. Object-safe: stages hold a `Box<dyn Store>`.
pub trait Store: Send {
    /// Which of these sha256 values are already stored (to skip re-extraction).
    fn known_sha256(&self, sha256: &[String]) -> Result<HashSet<String>, StoreError>;

    /// Insert a batch in one transaction; duplicates by sha256 are unchanged,
    /// not errors. Id collisions are reported per document and skipped; any
    /// other error rolls back the whole batch.
    fn insert_documents(&mut self, docs: &[NewDocument]) -> Result<InsertOutcome, StoreError>;

    /// All documents, ordered by (published NULLS LAST, id) — deterministic.
    fn list_documents(&self) -> Result<Vec<DocumentSummary>, StoreError>;

    /// A document by id, unique id prefix (>= 4 hex chars) or exact sha256;
    /// `Ok(None)` if none; `Err(AmbiguousId{..})` if the prefix matches several.
    fn get_document(&self, id: &str) -> Result<Option<Document>, StoreError>;

    /// Every document in id order, streamed to the callback (export of large
    /// corpora without holding all in memory). An error returned by the
    /// callback (e.g. [`StoreError::Aborted`]) stops the stream and is returned.
    fn for_each_document(
        &self,
        f: &mut dyn FnMut(Document) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    fn count_documents(&self) -> Result<usize, StoreError>;

    /// For each fingerprint, the number of stored documents of this outlet
    /// key that contain it (absent = 0).
    fn line_recurrence(
        &self,
        outlet_key: &str,
        fingerprints: &[u64],
    ) -> Result<HashMap<u64, u32>, StoreError>;
}
