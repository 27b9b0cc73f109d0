//! End-to-end: claims of the demo corpus (and of the seed corpus, when the
//! shared corpora are present) through ingest, the `claims` and `show`
//! commands and the export. These need claim extraction; the listings at the
//! default minimum need check-worthiness scores too. Exact output shapes are
//! tested on hand-built claims in `cli_claims.rs`.

mod common;

use std::collections::{BTreeMap, HashMap};

use common::schema::{errors_against, schema};
use common::*;
use serde_json::Value;

fn json_of(db: &Db, args: &[&str]) -> Value {
    let out = db.run(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

fn demo_db() -> Db {
    let db = Db::new();
    let out = db.ingest(&[&repo().join("demo/corpus")]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

/// Every claim of the store, as `claims --min-score 0 --format json`.
fn all_claims(db: &Db) -> Vec<Value> {
    let v = json_of(db, &["claims", "--min-score", "0", "--format", "json"]);
    let all = v.as_array().unwrap().clone();
    assert!(
        !all.is_empty(),
        "no claims at all: claim extraction finds nothing in the corpus"
    );
    all
}

#[test]
fn claims_lists_check_worthy_claims_of_the_demo_corpus() {
    let db = demo_db();
    let out = db.run(&["claims"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let listed = shown_scores(&text).len();
    assert!(
        listed > 0,
        "no check-worthy claim (score ≥ 0.50) in the demo corpus:\n{text}"
    );
    assert!(text.contains(&format!("{listed} claim")), "{text}");
    let docs: Vec<Value> = db.documents();
    let outlets: Vec<&str> = docs.iter().filter_map(|d| d["outlet"].as_str()).collect();
    let headers = headers(&text);
    assert!(!headers.is_empty(), "{text}");
    for h in headers {
        let id = h.rsplit(" | ").next().unwrap();
        assert!(docs.iter().any(|d| d["id"] == id), "{h}");
        assert!(
            outlets.iter().any(|o| h.starts_with(o)) || h.starts_with("unknown outlet"),
            "{h}"
        );
    }
}

#[test]
fn min_score_keeps_exactly_the_claims_scored_at_least_that() {
    let db = demo_db();
    let all = all_claims(&db);
    for min in [0.25f32, 0.5, 0.75, 0.9] {
        let got = json_of(
            &db,
            &[
                "claims",
                "--min-score",
                &min.to_string(),
                "--format",
                "json",
            ],
        );
        let want: Vec<Value> = all
            .iter()
            .filter(|c| c["checkworthiness"].as_f64().unwrap() as f32 >= min)
            .cloned()
            .collect();
        assert_eq!(got, Value::Array(want), "--min-score {min}");
        assert!(scores(&got).iter().all(|&s| s as f32 >= min));
        // The text listing shows the same number of claims, all ≥ min.
        let text = stdout(&db.run(&["claims", "--min-score", &min.to_string()]));
        let shown = shown_scores(&text);
        assert_eq!(shown.len(), got.as_array().unwrap().len(), "{text}");
        // Two decimals: a score just above min may print as min.
        assert!(shown.iter().all(|&s| s + 0.005 >= min), "{text}");
    }
}

#[test]
fn doc_keeps_the_claims_of_one_document() {
    let db = demo_db();
    let all = all_claims(&db);
    let mut per_doc: BTreeMap<String, usize> = BTreeMap::new();
    for c in &all {
        *per_doc
            .entry(c["document_id"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    let (id, n) = per_doc.iter().max_by_key(|(_, n)| **n).unwrap();
    let one = json_of(
        &db,
        &[
            "claims",
            "--doc",
            &id[..6],
            "--min-score",
            "0",
            "--format",
            "json",
        ],
    );
    assert_eq!(one.as_array().unwrap().len(), *n);
    assert!(one
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["document_id"] == id.as_str()));
    let text = stdout(&db.run(&["claims", "--doc", id, "--min-score", "0"]));
    let headers = headers(&text);
    assert_eq!(headers.len(), 1, "{text}");
    assert!(headers[0].ends_with(id.as_str()), "{text}");
    let out = db.run(&["claims", "--doc", "ffffff"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("no document ffffff"));
}

#[test]
fn the_demo_claims_validate_and_their_spans_and_ids_resolve() {
    let db = demo_db();
    let all = all_claims(&db);
    let export = db.export();
    assert_eq!(&Value::Array(all.clone()), &export["claims"]);
    let schema = schema();
    let texts: HashMap<&str, &str> = export["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["text"].as_str().unwrap()))
        .collect();
    let entities: HashMap<&str, &str> = export["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["name"].as_str().unwrap()))
        .collect();
    let quotes: Vec<&str> = export["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    let slice = |doc: &str, s: &Value, e: &Value| -> String {
        let text = texts[doc];
        let (s, e) = (s.as_u64().unwrap() as usize, e.as_u64().unwrap() as usize);
        text.get(s..e)
            .unwrap_or_else(|| panic!("{s}..{e} outside the text"))
            .to_string()
    };
    let mut last: Option<(String, usize)> = None;
    for c in &all {
        let errors = errors_against(&schema, "claim", c, c["id"].as_str().unwrap());
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        let doc = c["document_id"].as_str().unwrap();
        let (id_doc, n) = c["id"].as_str().unwrap().split_once("-c").unwrap();
        assert_eq!(id_doc, doc);
        let at = (doc.to_string(), n.parse::<usize>().unwrap());
        assert!(last.as_ref().is_none_or(|l| *l < at), "ordered, unique ids");
        last = Some(at);
        assert_eq!(
            slice(doc, &c["start"], &c["end"]),
            c["text"].as_str().unwrap()
        );
        for a in c["amounts"].as_array().unwrap() {
            assert_eq!(
                slice(doc, &a["start"], &a["end"]),
                a["text"].as_str().unwrap()
            );
        }
        if c["time"].is_object() {
            let t = &c["time"];
            assert_eq!(
                slice(doc, &t["start"], &t["end"]),
                t["text"].as_str().unwrap()
            );
        }
        if let Some(o) = c["object"].as_str() {
            assert_eq!(slice(doc, &c["object_start"], &c["object_end"]), o);
        }
        // After an ingest every document entity is linked, so every entity
        // a claim names is in `entities`, under the same name.
        for s in c["subjects"].as_array().unwrap() {
            let id = s["entity_id"].as_str().unwrap();
            assert_eq!(entities.get(id), s["name"].as_str().as_ref(), "{c}");
        }
        let by = &c["attributed_to"];
        if by["kind"] == "named" {
            if let Some(id) = by["entity_id"].as_str() {
                assert_eq!(entities.get(id), by["name"].as_str().as_ref(), "{c}");
            }
        } else {
            assert!(by["entity_id"].is_null(), "{c}");
        }
        if let Some(q) = by["quote_id"].as_str() {
            assert!(quotes.contains(&q), "{c}");
        }
        assert_eq!(
            c["hedged"].as_bool().unwrap(),
            !c["hedges"].as_array().unwrap().is_empty()
        );
    }
}

#[test]
fn show_of_a_demo_document_lists_its_claims() {
    let db = demo_db();
    all_claims(&db);
    let out = db.run(&["show", "2084e6"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("\nClaims ("), "{text}");
}

#[test]
fn a_database_of_schema_2_is_migrated_and_its_documents_analysed_again() {
    let corpus = repo().join("demo/corpus");
    let fresh = demo_db();
    all_claims(&fresh);
    // The same documents as the release before claims left them: schema 2,
    // analysis version 1, no claims table (nor the story tables of schema 4, nor
    // the corroboration tables of schema 5).
    let old = Db::new();
    std::fs::copy(fresh.path(), old.path()).unwrap();
    {
        let conn = rusqlite::Connection::open(old.path()).unwrap();
        conn.execute_batch(&format!(
            "{BACK_TO_SCHEMA_4} DROP TABLE claims; DROP TABLE copies; \
             DROP TABLE episode_documents; DROP TABLE episodes; DROP TABLE story_documents; \
             DROP TABLE stories; UPDATE documents SET analysis_version = 1; \
             PRAGMA user_version = 2;"
        ))
        .unwrap();
    }
    let before = old.export();
    assert!(before["claims"].as_array().unwrap().is_empty());
    let out = old.run(&["ingest", corpus.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(s.contains("ingested 0, unchanged 9, failed 0"), "{s}");
    assert!(s.contains("analysed 9 stored documents"), "{s}");
    assert_eq!(
        old.run(&["export", "--format", "json"]).stdout,
        fresh.run(&["export", "--format", "json"]).stdout
    );
}

#[test]
fn claims_lists_check_worthy_claims_of_the_seed_corpus() {
    let Some((db, out)) = seeds_db() else {
        return;
    };
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(3),
        "{}",
        stderr(&out)
    );
    let worthy = json_of(&db, &["claims", "--format", "json"]);
    assert!(
        !worthy.as_array().unwrap().is_empty(),
        "no check-worthy claim in the seed corpus"
    );
    assert!(scores(&worthy).iter().all(|&s| s >= 0.5));
}
