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

    /// A reader opened a database of an older schema, which only a writer
    /// can migrate.
    #[error("database schema version {found} is older than this program's; it must be upgraded by a command that writes (e.g. `crosscheck rebuild`)")]
    NeedsUpgrade { found: u32 },

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

    /// The caller asked to stop (Ctrl-C, SIGTERM) during a long operation;
    /// what it was writing is rolled back.
    #[error("interrupted")]
    Interrupted,

    /// An SQLite error, described by its code without the SQL text (which
    /// is logged at debug level): `database error: the disk is full`.
    #[error("database error: {}", describe(.0))]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        tracing::debug!(error = %e, "SQLite error");
        StoreError::Sqlite(e)
    }
}

/// An SQLite error in words a user can act on: the common conditions by
/// name, others by SQLite's own message, never the statement.
fn describe(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let code = match e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
        _ => None,
    };
    let named = match code {
        Some(C::DiskFull) => Some("the disk is full"),
        Some(C::ReadOnly) => Some("the database is read-only here"),
        Some(C::DatabaseBusy | C::DatabaseLocked) => {
            Some("the database is locked by another process (waited 30 s)")
        }
        Some(C::CannotOpen) => Some("the database file cannot be opened"),
        Some(C::PermissionDenied) => Some("permission denied"),
        Some(C::DatabaseCorrupt | C::NotADatabase) => Some("the database file is corrupt"),
        Some(C::SystemIoFailure) => Some("an I/O error occurred"),
        Some(C::OutOfMemory) => Some("out of memory"),
        _ => None,
    };
    if let Some(n) = named {
        return n.to_string();
    }
    match e {
        rusqlite::Error::SqliteFailure(f, Some(msg)) => {
            format!("{msg} (SQLite code {})", f.extended_code)
        }
        rusqlite::Error::SqliteFailure(f, None) => format!("SQLite code {}", f.extended_code),
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        other => other.to_string(),
    }
}
