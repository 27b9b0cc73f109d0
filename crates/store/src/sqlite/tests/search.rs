//! Search: the index follows the documents, filters combine, a database of
//! schema 9 gets its documents indexed by the migration.

use super::*;
use crate::{SearchAtom, SearchFilters, SearchQuery};

fn words(ws: &[&str]) -> SearchQuery {
    SearchQuery {
        all: ws
            .iter()
            .map(|w| {
                vec![SearchAtom::Word {
                    text: w.to_string(),
                    prefix: false,
                }]
            })
            .collect(),
        ..SearchQuery::default()
    }
}

fn ids(store: &SqliteStore, q: &SearchQuery) -> Vec<String> {
    let mut v: Vec<String> = store
        .search(q, 0, 50)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.document.id)
        .collect();
    v.sort();
    v
}

#[test]
fn documents_are_found_by_words_prefixes_and_fields() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let mut a = new_doc("alpha");
    a.doc.text = "The harbour fire burned for 31 hours near Saltmere.".into();
    a.doc.outlet = Some("Harbor Line".into());
    a.doc.published = Some("2026-03-02".into());
    let mut b = new_doc("beta");
    b.doc.text = "México rejected the offer of ships; COVID-19 was not mentioned.".into();
    b.doc.outlet = Some("Coastal Times".into());
    b.doc.published = Some("2026-04-10".into());
    store.insert_documents(&[a.clone(), b.clone()]).unwrap();
    let (a, b) = (a.doc.id, b.doc.id);
    assert_eq!(ids(&store, &words(&["harbour"])), vec![a.clone()]);
    // Case and accents fold; a word of several tokens is a phrase.
    assert_eq!(ids(&store, &words(&["mexico"])), vec![b.clone()]);
    assert_eq!(ids(&store, &words(&["covid-19"])), vec![b.clone()]);
    let prefix = SearchQuery {
        all: vec![vec![SearchAtom::Word {
            text: "sal".into(),
            prefix: true,
        }]],
        ..SearchQuery::default()
    };
    assert_eq!(ids(&store, &prefix), vec![a.clone()]);
    // Either word; without a word; by outlet and date.
    let either = SearchQuery {
        all: vec![vec![
            SearchAtom::Word {
                text: "fire".into(),
                prefix: false,
            },
            SearchAtom::Phrase("the offer".into()),
        ]],
        ..SearchQuery::default()
    };
    let mut both = vec![a.clone(), b.clone()];
    both.sort();
    assert_eq!(ids(&store, &either), both);
    let mut without = either.clone();
    without.none = vec![SearchAtom::Word {
        text: "ships".into(),
        prefix: false,
    }];
    assert_eq!(ids(&store, &without), vec![a.clone()]);
    let fields = SearchQuery {
        filters: SearchFilters {
            outlet: vec!["coastal".into()],
            from: Some("2026-04".into()),
            to: Some("2026".into()),
            ..SearchFilters::default()
        },
        ..SearchQuery::default()
    };
    assert_eq!(ids(&store, &fields), vec![b.clone()]);
    let late = SearchQuery {
        filters: SearchFilters {
            to: Some("2026-03".into()),
            ..SearchFilters::default()
        },
        ..SearchQuery::default()
    };
    assert_eq!(ids(&store, &late), vec![a.clone()]);
    // LIKE's own characters are text.
    let percent = SearchQuery {
        filters: SearchFilters {
            outlet: vec!["%".into()],
            ..SearchFilters::default()
        },
        ..SearchQuery::default()
    };
    assert!(ids(&store, &percent).is_empty());
    // Paging: the total counts every match, a page holds `limit`.
    let page = store.search(&either, 1, 1).unwrap();
    assert_eq!((page.total, page.hits.len()), (2, 1));
}

#[test]
fn a_schema_9_database_gets_its_documents_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v9.db");
    let old = new_doc("gamma");
    {
        let conn = Connection::open(&path).unwrap();
        for m in &schema::MIGRATIONS[..9] {
            conn.execute_batch(m.sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 9).unwrap();
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID)
            .unwrap();
        rows::insert_document(&conn, &old, 0, false).unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(ids(&store, &words(&["gamma"])), [old.doc.id]);
}
