//! What the server's tests share: the repository, and a store of the demo
//! corpus with one hostile article beside it.

use std::path::{Path, PathBuf};

use crosscheck_engine::pipeline::{ingest, IngestRequest};
use crosscheck_engine::Interrupt;
use crosscheck_store::SqliteStore;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A new store in `dir` holding the demo corpus and the JSON-lines record
/// `hostile`; its path.
pub fn demo_store(dir: &Path, hostile: &str) -> PathBuf {
    let path = dir.join("demo.db");
    let record = dir.join("hostile.jsonl");
    std::fs::write(&record, hostile).unwrap();
    let mut store = SqliteStore::open(&path).unwrap();
    let req = IngestRequest {
        paths: vec![repo().join("demo/corpus"), record],
        jobs: 2,
        limits: Default::default(),
        interrupt: Interrupt::never(),
        follow_links: false,
    };
    let summary = ingest(&mut store, &req, &mut |_, _| {}).unwrap();
    assert!(summary.failures.is_empty(), "{:?}", summary.failures);
    path
}
