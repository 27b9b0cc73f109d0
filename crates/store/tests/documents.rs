//! Documents through the `Store` API: round trip, idempotence, collisions,
//! lookups, ordering, streaming and line recurrence.

mod common;

use common::{fake_sha256, full_doc, new_doc, with_lines, with_sha256};
use crosscheck_model::{Document, InputFormat};
use crosscheck_store::{IdCollision, SqliteStore, Store, StoreError};

fn store() -> SqliteStore {
    SqliteStore::open_in_memory().unwrap()
}

#[test]
fn every_field_round_trips_through_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let mut docs = vec![full_doc("one"), full_doc("two")];
    // The other end of every optional field.
    docs[1].format = InputFormat::Html;
    docs[1].url = None;
    docs[1].outlet = None;
    docs[1].title = None;
    docs[1].author = None;
    docs[1].published = None;
    docs[1].language = None;
    docs[1].date_evidence = Default::default();
    docs[1].upstream_sources.clear();
    docs[1].removed_lines.clear();
    docs[1].warnings.clear();
    docs[1].confidence = 0.0;
    {
        let mut s = SqliteStore::open(&path).unwrap();
        let batch: Vec<_> = docs.iter().cloned().map(new_doc).collect();
        s.insert_documents(&batch).unwrap();
    }
    let s = SqliteStore::open(&path).unwrap();
    for d in &docs {
        assert_eq!(s.get_document(&d.id).unwrap().as_ref(), Some(d));
    }
    let mut streamed = Vec::new();
    s.for_each_document(&mut |d| {
        streamed.push(d);
        Ok(())
    })
    .unwrap();
    let mut expected = docs.clone();
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(streamed, expected);
    let summary = s.list_documents().unwrap();
    let one = summary.iter().find(|x| x.id == docs[0].id).unwrap();
    assert_eq!(one.source, docs[0].source);
    assert_eq!(one.outlet, docs[0].outlet);
    assert_eq!(one.published, docs[0].published);
    assert_eq!(one.title, docs[0].title);
    assert_eq!(one.language, docs[0].language);
    assert_eq!(one.words, docs[0].word_count());
}

#[test]
fn inserting_the_same_sha256_again_is_unchanged() {
    let mut s = store();
    let a = full_doc("a");
    let b = full_doc("b");
    let first = s.insert_documents(&[new_doc(a.clone())]).unwrap();
    assert_eq!(first.inserted, vec![a.id.clone()]);
    assert!(first.unchanged.is_empty());
    // Again, with a changed body: the stored document is kept as it was.
    let mut a2 = a.clone();
    a2.title = Some("changed".into());
    let second = s
        .insert_documents(&[new_doc(a2), new_doc(b.clone()), new_doc(b.clone())])
        .unwrap();
    assert_eq!(second.inserted, vec![b.id.clone()]);
    assert_eq!(second.unchanged, vec![a.id.clone(), b.id.clone()]);
    assert!(second.collisions.is_empty());
    assert_eq!(s.count_documents().unwrap(), 2);
    assert_eq!(s.get_document(&a.id).unwrap(), Some(a));
}

#[test]
fn an_id_collision_is_reported_and_the_rest_of_the_batch_commits() {
    let mut s = store();
    let first = with_sha256("first", &fake_sha256("abcdef012345", '1'));
    s.insert_documents(&[new_doc(first.clone())]).unwrap();
    let clash = with_sha256("clash", &fake_sha256("abcdef012345", '2'));
    let other = full_doc("other");
    let out = s
        .insert_documents(&[new_doc(clash.clone()), new_doc(other.clone())])
        .unwrap();
    assert_eq!(out.inserted, vec![other.id.clone()]);
    assert!(out.unchanged.is_empty());
    assert_eq!(
        out.collisions,
        vec![IdCollision {
            id: "abcdef012345".into(),
            sha256: clash.sha256.clone(),
            existing_sha256: first.sha256.clone(),
        }]
    );
    assert_eq!(s.get_document("abcdef012345").unwrap(), Some(first));
    assert!(s
        .known_sha256(std::slice::from_ref(&clash.sha256))
        .unwrap()
        .is_empty());
    assert_eq!(s.count_documents().unwrap(), 2);
}

#[test]
fn a_collision_inside_one_batch_keeps_the_first() {
    let mut s = store();
    let a = with_sha256("a", &fake_sha256("0123456789ab", 'c'));
    let b = with_sha256("b", &fake_sha256("0123456789ab", 'd'));
    let out = s
        .insert_documents(&[new_doc(a.clone()), new_doc(b)])
        .unwrap();
    assert_eq!(out.inserted, vec![a.id.clone()]);
    assert_eq!(out.collisions.len(), 1);
    assert_eq!(out.collisions[0].existing_sha256, a.sha256);
}

#[test]
fn known_sha256_reports_only_stored_hashes() {
    let mut s = store();
    let a = full_doc("a");
    s.insert_documents(&[new_doc(a.clone())]).unwrap();
    let asked = vec![a.sha256.clone(), full_doc("b").sha256, a.sha256.clone()];
    let known = s.known_sha256(&asked).unwrap();
    assert_eq!(known.len(), 1);
    assert!(known.contains(&a.sha256));
    assert!(s.known_sha256(&[]).unwrap().is_empty());
}

#[test]
fn documents_are_found_by_id_prefix_or_sha256() {
    let mut s = store();
    let a = with_sha256("a", &fake_sha256("aaaa11112222", '3'));
    let b = with_sha256("b", &fake_sha256("aaaa11119999", '4'));
    let c = with_sha256("c", &fake_sha256("cccc00000000", '5'));
    let batch: Vec<_> = [&a, &b, &c].into_iter().cloned().map(new_doc).collect();
    s.insert_documents(&batch).unwrap();
    let get = |q: &str| s.get_document(q).map(|d| d.map(|d| d.id));
    assert_eq!(get(&a.id).unwrap(), Some(a.id.clone()));
    assert_eq!(get("aaaa1111222").unwrap(), Some(a.id.clone()));
    assert_eq!(get("cccc").unwrap(), Some(c.id.clone()));
    assert_eq!(get("CCCC").unwrap(), Some(c.id.clone()));
    assert_eq!(get(&b.sha256).unwrap(), Some(b.id.clone()));
    assert_eq!(get(&b.sha256[..30]).unwrap(), Some(b.id.clone()));
    // Too short, not hex, unknown: none.
    assert_eq!(get("ccc").unwrap(), None);
    assert_eq!(get("cccz").unwrap(), None);
    assert_eq!(get("dddd").unwrap(), None);
    assert_eq!(get("").unwrap(), None);
    assert_eq!(get("cccc%").unwrap(), None);
    // A wrong tail on a full sha256 is not a match.
    assert_eq!(get(&fake_sha256("cccc00000000", '6')).unwrap(), None);
    match s.get_document("aaaa") {
        Err(StoreError::AmbiguousId { prefix, candidates }) => {
            assert_eq!(prefix, "aaaa");
            assert_eq!(candidates, vec![a.id.clone(), b.id.clone()]);
        }
        other => panic!("expected AmbiguousId, got {other:?}"),
    }
    let msg = s.get_document("aaaa1111").unwrap_err().to_string();
    assert_eq!(
        msg,
        "document id aaaa1111 is ambiguous: it matches aaaa11112222, aaaa11119999"
    );
}

#[test]
fn documents_are_listed_by_date_with_undated_last_then_by_id() {
    let mut s = store();
    let dated = |raw: &str, date: Option<&str>| {
        let mut d = full_doc(raw);
        d.published = date.map(str::to_string);
        d
    };
    let docs = [
        dated("u1", None),
        dated("late", Some("2025-09-01")),
        dated("early", Some("2025-01-15")),
        dated("u2", None),
        dated("early2", Some("2025-01-15")),
    ];
    s.insert_documents(&docs.iter().cloned().map(new_doc).collect::<Vec<_>>())
        .unwrap();
    let listed: Vec<(Option<String>, String)> = s
        .list_documents()
        .unwrap()
        .into_iter()
        .map(|d| (d.published, d.id))
        .collect();
    let mut expected: Vec<(Option<String>, String)> = docs
        .iter()
        .map(|d| (d.published.clone(), d.id.clone()))
        .collect();
    expected.sort_by(|a, b| (a.0.is_none(), &a.0, &a.1).cmp(&(b.0.is_none(), &b.0, &b.1)));
    assert_eq!(listed, expected);
    assert_eq!(listed[4].0, None);
    assert_eq!(listed[0].0.as_deref(), Some("2025-01-15"));
}

#[test]
fn line_recurrence_counts_documents_of_one_outlet() {
    let mut s = store();
    let big = u64::MAX - 1; // needs the full 64 bits
    s.insert_documents(&[
        with_lines(full_doc("p1"), "herald", &[1, 2, big]),
        with_lines(full_doc("p2"), "herald", &[2, big, big]),
        with_lines(full_doc("p3"), "other", &[1, 2]),
        new_doc(full_doc("p4")),
    ])
    .unwrap();
    let counts = s.line_recurrence("herald", &[1, 2, big, 3, 2]).unwrap();
    assert_eq!(counts.len(), 3);
    assert_eq!(counts[&1], 1);
    assert_eq!(counts[&2], 2);
    assert_eq!(counts[&big], 2);
    assert!(!counts.contains_key(&3));
    assert!(s.line_recurrence("nobody", &[1, 2]).unwrap().is_empty());
    assert!(s.line_recurrence("herald", &[]).unwrap().is_empty());
    // Re-inserting a stored document adds nothing.
    s.insert_documents(&[with_lines(full_doc("p1"), "herald", &[1, 3])])
        .unwrap();
    assert_eq!(s.line_recurrence("herald", &[1, 3]).unwrap().get(&3), None);
}

#[test]
fn a_callback_error_stops_the_stream() {
    let mut s = store();
    let batch: Vec<_> = (0..5)
        .map(|i| new_doc(full_doc(&format!("d{i}"))))
        .collect();
    s.insert_documents(&batch).unwrap();
    let mut seen = 0;
    let err = s
        .for_each_document(&mut |_d: Document| {
            seen += 1;
            if seen == 2 {
                return Err(StoreError::Aborted("broken pipe".into()));
            }
            Ok(())
        })
        .unwrap_err();
    assert_eq!(seen, 2);
    assert_eq!(err.to_string(), "aborted: broken pipe");
    // The store is still usable: the read transaction was closed.
    s.insert_documents(&[new_doc(full_doc("after"))]).unwrap();
    assert_eq!(s.count_documents().unwrap(), 6);
}

#[test]
fn the_store_works_as_a_boxed_trait_object_sent_to_another_thread() {
    let mut boxed: Box<dyn Store> = Box::new(store());
    boxed.insert_documents(&[new_doc(full_doc("x"))]).unwrap();
    let handle = std::thread::spawn(move || boxed.count_documents().unwrap());
    assert_eq!(handle.join().unwrap(), 1);
}

#[test]
fn an_empty_batch_is_fine() {
    let mut s = store();
    let out = s.insert_documents(&[]).unwrap();
    assert!(out.inserted.is_empty() && out.unchanged.is_empty() && out.collisions.is_empty());
    assert!(s.list_documents().unwrap().is_empty());
}
