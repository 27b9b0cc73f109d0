//! [`SqliteStore`]: the embedded backend of [`Store`].

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crosscheck_model::Document;

use crate::rows::{self, DOCUMENT_COLUMNS, MIN_PREFIX, SUMMARY_COLUMNS, UPSTREAM_SQL};
use crate::schema;
use crate::{DocumentSummary, IdCollision, InsertOutcome, NewDocument, Store, StoreError};

/// Most candidates listed by [`StoreError::AmbiguousId`].
const MAX_CANDIDATES: usize = 10;

/// A crosscheck database in one SQLite file (WAL mode), or in memory.
///
/// Each `SqliteStore` owns one connection; several stores (threads or
/// processes) may open the same file at once: writers serialise on SQLite's
/// write lock and wait up to 30 s for it.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    path: Option<PathBuf>,
}

impl SqliteStore {
    /// Open the database at `path`, creating the file if it does not exist
    /// (its directory must exist) and migrating it to the latest schema.
    /// Refuses, without modifying it, a file that is not SQLite, another
    /// application's SQLite database, or a newer crosscheck schema.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = schema::open_file(path)?;
        tracing::debug!(path = %path.display(), "opened database");
        Ok(SqliteStore {
            conn,
            path: Some(path.to_path_buf()),
        })
    }

    /// A new, empty database that lives as long as this value.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        Ok(SqliteStore {
            conn: schema::open_memory()?,
            path: None,
        })
    }

    /// The schema version of the database (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        schema::schema_version(&self.conn)
    }

    /// The file this store was opened from; `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn load_document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut found = stmt.query([id])?;
        let Some(row) = found.next()? else {
            return Ok(None);
        };
        let mut doc = rows::document_from_row(row)?;
        let mut up = self.conn.prepare_cached(UPSTREAM_SQL)?;
        doc.upstream_sources = rows::upstream_sources(&mut up, &doc.id)?;
        Ok(Some(doc))
    }

    /// Run `f` inside one read transaction (a consistent snapshot), unless a
    /// transaction is already open on this connection.
    fn read<T>(&self, f: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
        if !self.conn.is_autocommit() {
            return f();
        }
        let tx = self.conn.unchecked_transaction()?;
        let value = f()?;
        tx.commit()?;
        Ok(value)
    }
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

impl Store for SqliteStore {
    fn known_sha256(&self, sha256: &[String]) -> Result<HashSet<String>, StoreError> {
        self.read(|| {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT 1 FROM documents WHERE sha256 = ?1")?;
            let mut known = HashSet::new();
            for h in sha256 {
                if !known.contains(h) && stmt.exists([h])? {
                    known.insert(h.clone());
                }
            }
            Ok(known)
        })
    }

    fn insert_documents(&mut self, docs: &[NewDocument]) -> Result<InsertOutcome, StoreError> {
        for new in docs {
            rows::validate(&new.doc)?;
        }
        let now = unix_now();
        // IMMEDIATE: take the write lock up front, so the existence checks
        // below cannot be invalidated by a concurrent writer.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = InsertOutcome::default();
        for new in docs {
            let doc = &new.doc;
            let stored_id: Option<String> = tx
                .prepare_cached("SELECT id FROM documents WHERE sha256 = ?1")?
                .query_row([&doc.sha256], |r| r.get(0))
                .optional()?;
            if let Some(id) = stored_id {
                out.unchanged.push(id);
                continue;
            }
            let holder: Option<String> = tx
                .prepare_cached("SELECT sha256 FROM documents WHERE id = ?1")?
                .query_row([&doc.id], |r| r.get(0))
                .optional()?;
            if let Some(existing_sha256) = holder {
                let collision = IdCollision {
                    id: doc.id.clone(),
                    sha256: doc.sha256.clone(),
                    existing_sha256,
                };
                tracing::warn!(%collision, "document refused");
                out.collisions.push(collision);
                continue;
            }
            rows::insert_document(&tx, new, now)?;
            out.inserted.push(doc.id.clone());
        }
        tx.commit()?;
        Ok(out)
    }

    fn list_documents(&self) -> Result<Vec<DocumentSummary>, StoreError> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM documents \
             ORDER BY published IS NULL, published, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], rows::summary_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn get_document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        let wanted = id.trim().to_ascii_lowercase();
        if wanted.is_empty() {
            return Ok(None);
        }
        self.read(|| {
            if let Some(doc) = self.load_document(&wanted)? {
                return Ok(Some(doc));
            }
            if wanted.len() < MIN_PREFIX || !rows::is_lower_hex(&wanted) {
                return Ok(None);
            }
            // Ids are prefixes of sha256, so one prefix search on sha256
            // covers id prefixes, longer prefixes and the exact sha256.
            let mut stmt = self.conn.prepare_cached(
                "SELECT id FROM documents WHERE sha256 GLOB ?1 ORDER BY id LIMIT ?2",
            )?;
            let pattern = format!("{wanted}*");
            let ids = stmt
                .query_map(params![pattern, MAX_CANDIDATES + 1], |r| {
                    r.get::<_, String>(0)
                })?
                .collect::<Result<Vec<_>, _>>()?;
            match ids.as_slice() {
                [] => Ok(None),
                [only] => self.load_document(only),
                _ => {
                    let mut candidates = ids;
                    if candidates.len() > MAX_CANDIDATES {
                        candidates.truncate(MAX_CANDIDATES);
                        candidates.push("…".to_string());
                    }
                    Err(StoreError::AmbiguousId {
                        prefix: wanted.clone(),
                        candidates,
                    })
                }
            }
        })
    }

    fn for_each_document(
        &self,
        f: &mut dyn FnMut(Document) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.read(|| {
            let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY id");
            let mut stmt = self.conn.prepare(&sql)?;
            let mut up = self.conn.prepare_cached(UPSTREAM_SQL)?;
            let mut found = stmt.query([])?;
            while let Some(row) = found.next()? {
                let mut doc = rows::document_from_row(row)?;
                doc.upstream_sources = rows::upstream_sources(&mut up, &doc.id)?;
                f(doc)?;
            }
            Ok(())
        })
    }

    fn count_documents(&self) -> Result<usize, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?)
    }

    fn line_recurrence(
        &self,
        outlet_key: &str,
        fingerprints: &[u64],
    ) -> Result<HashMap<u64, u32>, StoreError> {
        self.read(|| {
            let mut stmt = self.conn.prepare_cached(
                "SELECT count(*) FROM page_lines WHERE outlet_key = ?1 AND fingerprint = ?2",
            )?;
            let mut counts = HashMap::new();
            for &fp in fingerprints {
                if counts.contains_key(&fp) {
                    continue;
                }
                let n: u32 = stmt
                    .query_row(params![outlet_key, rows::fingerprint_to_sql(fp)], |r| {
                        r.get(0)
                    })?;
                if n > 0 {
                    counts.insert(fp, n);
                }
            }
            Ok(counts)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::{document_id, sha256_hex, InputFormat, PageLines, UpstreamSource};

    fn new_doc(raw: &str) -> NewDocument {
        let sha256 = sha256_hex(raw.as_bytes());
        NewDocument {
            doc: Document {
                id: document_id(&sha256),
                source: format!("{raw}.txt"),
                sha256,
                format: InputFormat::PageText,
                url: None,
                outlet: Some("Outlet".into()),
                title: Some(raw.into()),
                author: None,
                published: None,
                date_evidence: Default::default(),
                language: Some("en".into()),
                text: format!("Text of {raw}."),
                upstream_sources: vec![UpstreamSource {
                    name: "Wire".into(),
                    cue: "according to".into(),
                    start: 0,
                    end: 4,
                }],
                removed: Default::default(),
                removed_lines: vec![],
                confidence: 0.5,
                warnings: vec![],
            },
            page_lines: Some(PageLines {
                outlet_key: "outlet".into(),
                fingerprints: vec![1, 2],
            }),
        }
    }

    fn count(store: &SqliteStore, table: &str) -> i64 {
        let sql = format!("SELECT count(*) FROM {table}");
        store.conn.query_row(&sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_sql_error_mid_batch_rolls_back_the_whole_batch() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        // Make the second document of the batch fail inside SQLite.
        store
            .conn
            .execute_batch(
                "CREATE TRIGGER fail_b BEFORE INSERT ON documents WHEN NEW.title = 'b' \
                 BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;",
            )
            .unwrap();
        let batch = [new_doc("a"), new_doc("b"), new_doc("c")];
        let err = store.insert_documents(&batch).unwrap_err();
        assert!(err.to_string().contains("simulated failure"), "{err}");
        for table in ["documents", "upstream_sources", "page_lines"] {
            assert_eq!(count(&store, table), 0, "{table}");
        }
        // The connection is usable afterwards and the batch can be retried.
        store.conn.execute_batch("DROP TRIGGER fail_b").unwrap();
        let out = store.insert_documents(&batch).unwrap();
        assert_eq!(out.inserted.len(), 3);
        assert_eq!(count(&store, "upstream_sources"), 3);
        assert_eq!(count(&store, "page_lines"), 6);
    }

    #[test]
    fn an_invalid_document_refuses_the_batch_before_writing() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let mut bad = new_doc("bad");
        bad.doc.id = "zz".into();
        let err = store.insert_documents(&[new_doc("ok"), bad]).unwrap_err();
        assert!(matches!(err, StoreError::InvalidDocument { .. }), "{err}");
        assert_eq!(store.count_documents().unwrap(), 0);
    }

    #[test]
    fn words_column_holds_the_word_count() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let d = new_doc("w");
        store.insert_documents(std::slice::from_ref(&d)).unwrap();
        let words: i64 = store
            .conn
            .query_row("SELECT words FROM documents", [], |r| r.get(0))
            .unwrap();
        assert_eq!(words as usize, d.doc.word_count());
        assert_eq!(store.list_documents().unwrap()[0].words, 3);
    }
}
