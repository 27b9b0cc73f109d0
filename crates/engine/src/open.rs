//! Opening the embedded store the way every front end needs it.

use std::path::Path;

use anyhow::{bail, Result};
use crosscheck_store::{SqliteStore, Store, StoreError};

/// A store opened for reading, and how many documents an unfinished ingest
/// left staged (stored, not yet linked into stories: not shown until an
/// ingest or a rebuild completes them).
pub struct Opened {
    pub store: SqliteStore,
    pub staged: usize,
}

/// Open the database at `path` for reading, read-only (so that a store on
/// read-only media can be read); a missing file is an error, not a new
/// database. A database of an older schema is upgraded first when it can
/// be written.
pub fn open_existing(path: &Path) -> Result<Opened> {
    if !path.exists() {
        bail!(
            "no database at {} (run `crosscheck ingest` first, or give --db)",
            path.display()
        );
    }
    let store = match SqliteStore::open_read_only(path) {
        Err(StoreError::NeedsUpgrade { found }) => {
            let store = SqliteStore::open(path).map_err(|e| {
                anyhow::anyhow!(
                    "database schema version {found} is older than this program's and cannot \
                     be upgraded here: {e}"
                )
            })?;
            drop(store);
            SqliteStore::open_read_only(path)?
        }
        other => other?,
    };
    let staged = store.staged_documents()?;
    Ok(Opened { store, staged })
}

/// Open an existing database for writing; a missing file is an error.
pub fn open_writable(path: &Path) -> Result<SqliteStore> {
    if !path.exists() {
        bail!(
            "no database at {} (run `crosscheck ingest` first, or give --db)",
            path.display()
        );
    }
    Ok(SqliteStore::open(path)?)
}
