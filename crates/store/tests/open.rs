//! Opening database files: creation, migrations, refusals, WAL.

mod common;

use std::path::Path;

use common::{full_doc, new_doc};
use crosscheck_store::{SqliteStore, Store, StoreError, LATEST_VERSION};

fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

/// Every file of the directory with its length and a hash of its bytes, to
/// show that nothing was touched or created.
fn snapshot(dir: &Path) -> Vec<(String, usize, u64)> {
    use std::hash::{Hash, Hasher};
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = std::fs::read(e.path()).unwrap();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            (
                e.file_name().to_string_lossy().into_owned(),
                bytes.len(),
                h.finish(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn opening_creates_a_migrated_database_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let s = SqliteStore::open(&path).unwrap();
    assert!(path.is_file());
    assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(s.path(), Some(path.as_path()));
    let mode: String = raw(&path)
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn reopening_keeps_the_data_and_does_not_migrate_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let d = full_doc("kept");
    SqliteStore::open(&path)
        .unwrap()
        .insert_documents(&[new_doc(d.clone())])
        .unwrap();
    for _ in 0..3 {
        let s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
        assert_eq!(s.count_documents().unwrap(), 1);
        assert_eq!(s.get_document(&d.id).unwrap(), Some(d.clone()));
    }
    let tables: i64 = raw(&path)
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // Migration 1: documents, upstream_sources, page_lines; migration 2:
    // doc_entities, entity_mentions, quotes, linked_entities,
    // linked_entity_members, quote_variants; migration 3: claims;
    // migration 4: stories, story_documents, episodes, episode_documents,
    // copies; migration 5: story_claims, story_claim_members,
    // story_claim_documents, story_claim_sources,
    // story_claim_source_documents, story_claim_contradictions,
    // story_contradiction_claims, role_conflicts, role_conflict_sides,
    // role_conflict_documents; migration 8: role_conflict_chains;
    // migration 9: story_claim_parts, story_claim_part_chains; migration
    // 10: document_search and the five shadow tables of its FTS5 index
    // (data, idx, docsize, config; no content table: the text is the
    // documents'); migration 11: fetch_log, http_validators; migration 13:
    // cluster_meta, cluster_terms, cluster_documents, copy_bands,
    // story_centroids, story_terms.
    assert_eq!(tables, 41);
}

#[test]
fn an_empty_existing_file_becomes_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
}

#[test]
fn a_newer_schema_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(SqliteStore::open(&path).unwrap());
    raw(&path)
        .pragma_update(None, "user_version", LATEST_VERSION + 1)
        .unwrap();
    let before = snapshot(dir.path());
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::TooNew {
                found,
                supported: LATEST_VERSION
            } if found == LATEST_VERSION + 1
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "database schema version {} is newer than this program supports ({LATEST_VERSION})",
            LATEST_VERSION + 1
        )
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        (
            "notes.txt",
            b"Mexico's president rejected the offer.\n".repeat(40),
        ),
        ("short.db", b"hello".to_vec()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let before = snapshot(dir.path());
        let err = SqliteStore::open(&path).unwrap_err();
        assert!(
            matches!(err, StoreError::NotADatabase { .. }),
            "{name}: {err:?}"
        );
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!(
                "database {} is not a crosscheck database (",
                path.display()
            )),
            "{msg}"
        );
        assert_eq!(snapshot(dir.path()), before, "{name}");
    }
}

#[test]
fn another_applications_sqlite_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.db");
    raw(&plain)
        .execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('hi');")
        .unwrap();
    let marked = dir.path().join("marked.db");
    raw(&marked)
        .execute_batch("PRAGMA application_id = 1234; CREATE TABLE t (x);")
        .unwrap();
    let wal = dir.path().join("wal.db");
    raw(&wal)
        .execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x);")
        .unwrap();
    for path in [plain, marked, wal] {
        let before = snapshot(dir.path());
        let err = SqliteStore::open(&path).unwrap_err();
        assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
        assert!(err.to_string().contains("another application"), "{err}");
        assert_eq!(snapshot(dir.path()), before);
    }
}

#[test]
fn a_missing_directory_is_an_error_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("c.db");
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::MissingDirectory { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert!(!dir.path().join("missing").exists());
}

#[test]
fn a_directory_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let err = SqliteStore::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
}
