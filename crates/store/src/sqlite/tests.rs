//! Tests of the document side of [`SqliteStore`] and of migration; the
//! analyses and links are tested in `analysis`, claims in `claims`,
//! stories and copies in `stories`, findings in `corroboration`.

mod analysis;
mod claims;
mod corroboration;
mod search;
mod stories;

use super::*;
use crate::LATEST_VERSION;
use crosscheck_model::{
    document_id, sha256_hex, DocAnalysis, InputFormat, PageLines, UpstreamSource,
};

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
            crawled: None,
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
        analysis: None,
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

#[test]
fn a_schema_1_database_is_migrated_and_its_documents_are_in_the_backlog() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let old = new_doc("old");
    {
        // A database as the first release wrote it: migration 1 only.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(schema::MIGRATIONS[0].sql).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID)
            .unwrap();
        rows::insert_document(&conn, &old, 0, false).unwrap();
    }
    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(store.get_document(&old.doc.id).unwrap().unwrap(), old.doc);
    assert_eq!(store.analysis_backlog(1).unwrap(), vec![old.doc.id.clone()]);
    assert_eq!(store.get_analysis(&old.doc.id).unwrap(), None);
    let empty = StoredAnalysis {
        version: 1,
        analysis: DocAnalysis::default(),
    };
    assert_eq!(
        store
            .save_analyses(&[(old.doc.id.clone(), empty.clone())])
            .unwrap(),
        1
    );
    assert_eq!(store.get_analysis(&old.doc.id).unwrap(), Some(empty));
    assert!(store.analysis_backlog(1).unwrap().is_empty());
    drop(store);
    // Opening again is a no-op.
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert!(store.analysis_backlog(1).unwrap().is_empty());
}
