//! Errors of the store, each with a one-line message fit for a terminal.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not SQLite, or is another application's SQLite database.
    #[error("database {} is not a crosscheck database ({reason})", path.display())]
    NotADatabase { path: PathBuf, reason: String },

    /// The database was written by a newer crosscheck.
    #[error("database schema version {found} is newer than this program supports ({supported})")]
    TooNew { found: u32, supported: u32 },

    /// The directory that should hold a new database does not exist.
    #[error("cannot create database {}: directory {} does not exist", path.display(), dir.display())]
    MissingDirectory { path: PathBuf, dir: PathBuf },

    #[error("cannot open database {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    /// A document id prefix matches several documents.
    #[error("document id {prefix} is ambiguous: it matches {}", candidates.join(", "))]
    AmbiguousId {
        prefix: String,
        candidates: Vec<String>,
    },

    /// A document handed to the store breaks an invariant (caller bug); the
    /// whole batch is refused.
    #[error("invalid document {sha256}: {reason}")]
    InvalidDocument { sha256: String, reason: String },

    /// An analysis handed to the store does not fit its document (a span
    /// outside the text, an index outside the analysis): caller bug; the
    /// whole batch is refused.
    #[error("invalid analysis of document {id}: {reason}")]
    InvalidAnalysis { id: String, reason: String },

    /// A clustering handed to [`crate::Store::replace_clustering`] breaks an
    /// invariant (a document in two stories, an episode member outside its
    /// story, a copy of itself): caller bug; nothing is written.
    #[error("invalid clustering: {0}")]
    InvalidClustering(String),

    /// Findings handed to [`crate::Store::replace_corroboration`] or
    /// returned to [`crate::Store::recorroborate`] break an invariant (an
    /// unknown story, a document outside the story, an aligned claim with no
    /// claims): caller bug; nothing is written.
    #[error("invalid corroboration: {0}")]
    InvalidCorroboration(String),

    /// A stored row could not be read back (e.g. unknown format, bad JSON).
    #[error("corrupt database row: {0}")]
    Corrupt(String),

    /// A callback of [`crate::Store::for_each_document`] stopped the stream.
    #[error("aborted: {0}")]
    Aborted(String),

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
