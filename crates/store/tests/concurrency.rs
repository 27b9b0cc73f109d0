//! Several writers on one database file: threads and processes, each with
//! its own connection, inserting overlapping batches at once.

mod common;

use std::path::Path;
use std::sync::{Arc, Barrier};

use common::{full_doc, new_doc};
use crosscheck_store::{InsertOutcome, NewDocument, SqliteStore, Store};

const CHILD_DB: &str = "CROSSCHECK_STORE_TEST_CHILD_DB";
const CHILD_START: &str = "CROSSCHECK_STORE_TEST_CHILD_START";

/// Documents `start..start + 60`, in batches of 15. Writers started 30
/// apart overlap by half.
fn batches(start: usize) -> Vec<Vec<NewDocument>> {
    let docs: Vec<_> = (start..start + 60)
        .map(|i| new_doc(full_doc(&format!("doc{i}"))))
        .collect();
    docs.chunks(15).map(<[NewDocument]>::to_vec).collect()
}

fn write_all(path: &Path, start: usize) -> InsertOutcome {
    let mut store = SqliteStore::open(path).unwrap();
    let mut total = InsertOutcome::default();
    for batch in batches(start) {
        let out = store.insert_documents(&batch).unwrap();
        total.inserted.extend(out.inserted);
        total.unchanged.extend(out.unchanged);
        assert!(out.collisions.is_empty());
    }
    total
}

fn expected_ids(starts: &[usize]) -> Vec<String> {
    let mut ids: Vec<String> = starts
        .iter()
        .flat_map(|&s| s..s + 60)
        .map(|i| full_doc(&format!("doc{i}")).id)
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn stored_ids(path: &Path) -> Vec<String> {
    let store = SqliteStore::open(path).unwrap();
    let mut ids = Vec::new();
    store
        .for_each_document(&mut |d| {
            ids.push(d.id);
            Ok(())
        })
        .unwrap();
    ids
}

#[test]
fn threads_with_their_own_connections_store_the_union() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let starts = [0usize, 30, 60, 90];
    let barrier = Arc::new(Barrier::new(starts.len()));
    let handles: Vec<_> = starts
        .iter()
        .map(|&start| {
            let (path, barrier) = (path.clone(), Arc::clone(&barrier));
            // All threads open the (not yet existing) file at the same moment.
            std::thread::spawn(move || {
                barrier.wait();
                write_all(&path, start)
            })
        })
        .collect();
    let outcomes: Vec<InsertOutcome> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let expected = expected_ids(&starts);
    // Every document was inserted by exactly one writer.
    let mut inserted: Vec<String> = outcomes.iter().flat_map(|o| o.inserted.clone()).collect();
    inserted.sort();
    assert_eq!(inserted, expected);
    for o in &outcomes {
        assert_eq!(o.inserted.len() + o.unchanged.len(), 60);
    }
    assert_eq!(stored_ids(&path), expected);
}

/// Not a test of its own: the body of the child processes of
/// `processes_with_their_own_connections_store_the_union`.
#[test]
#[ignore = "run as a child process by processes_with_their_own_connections_store_the_union"]
fn child_process_writer() {
    let (Ok(path), Ok(start)) = (std::env::var(CHILD_DB), std::env::var(CHILD_START)) else {
        return;
    };
    let out = write_all(Path::new(&path), start.parse().unwrap());
    println!("CHILD-INSERTED {}", out.inserted.len());
}

#[test]
fn processes_with_their_own_connections_store_the_union() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let exe = std::env::current_exe().unwrap();
    let starts = [0usize, 30, 60];
    let children: Vec<_> = starts
        .iter()
        .map(|start| {
            std::process::Command::new(&exe)
                .args([
                    "child_process_writer",
                    "--exact",
                    "--ignored",
                    "--nocapture",
                ])
                .env(CHILD_DB, &path)
                .env(CHILD_START, start.to_string())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut inserted = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "child failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = stdout
            .lines()
            .find_map(|l| l.strip_prefix("CHILD-INSERTED "))
            .expect(&stdout);
        inserted += line.trim().parse::<usize>().unwrap();
    }
    let expected = expected_ids(&starts);
    assert_eq!(inserted, expected.len());
    assert_eq!(stored_ids(&path), expected);
}

const CHILD_LOOP_DB: &str = "CROSSCHECK_STORE_TEST_CHILD_LOOP_DB";
/// A fingerprint every document written by the looping child carries.
const SHARED_LINE: u64 = 1 << 40;

/// Not a test of its own: the body of the child process of
/// `a_killed_writer_loses_nothing_committed_and_leaves_no_half_document`.
#[test]
#[ignore = "run as a child process by a_killed_writer_loses_nothing_committed_and_leaves_no_half_document"]
fn child_process_writes_until_killed() {
    let Ok(path) = std::env::var(CHILD_LOOP_DB) else {
        return;
    };
    let mut store = SqliteStore::open(Path::new(&path)).unwrap();
    for batch in 0..100_000u64 {
        let docs: Vec<_> = (0..10)
            .map(|i| {
                let n = batch * 10 + i;
                common::with_lines(full_doc(&format!("loop{n}")), "herald", &[n, SHARED_LINE])
            })
            .collect();
        store.insert_documents(&docs).unwrap();
    }
}

#[test]
fn a_killed_writer_loses_nothing_committed_and_leaves_no_half_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("killed.db");
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["child_process_writes_until_killed", "--exact", "--ignored"])
        .env(CHILD_LOOP_DB, &path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let committed = loop {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let n = if path.exists() {
            SqliteStore::open(&path)
                .and_then(|s| s.count_documents())
                .unwrap_or(0)
        } else {
            0
        };
        if n >= 50 || std::time::Instant::now() > deadline {
            break n;
        }
    };
    child.kill().unwrap(); // SIGKILL: no destructor, no checkpoint
    child.wait().unwrap();
    assert!(committed >= 50, "the child wrote too slowly");

    let ok: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let store = SqliteStore::open(&path).unwrap();
    let count = store.count_documents().unwrap();
    assert!(
        count >= committed,
        "{count} < {committed}: a commit was lost"
    );
    assert_eq!(count % 10, 0, "a batch was half-written");
    let mut complete = 0;
    store
        .for_each_document(&mut |d| {
            assert_eq!(
                d.upstream_sources.len(),
                2,
                "document {} lost its upstream sources",
                d.id
            );
            complete += 1;
            Ok(())
        })
        .unwrap();
    assert_eq!(complete, count);
    let lines = store.line_recurrence("herald", &[SHARED_LINE]).unwrap();
    assert_eq!(lines.get(&SHARED_LINE).copied(), Some(count as u32));
}
