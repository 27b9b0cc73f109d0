//! End-to-end: `crosscheck check` on the demo corpus (which documents bear on
//! a claim, their stance and evidence), claims files, and their errors.

mod common;

use std::collections::HashMap;

use common::*;
use serde_json::Value;

const REJECTION: &str = "Veloria rejected the Kestrian offer of navy ships";

fn demo_db() -> Db {
    let db = Db::new();
    let out = db.ingest(&[&repo().join("demo/corpus")]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

fn check_json(db: &Db, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let out = db.run(&all);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}\n{}", stdout(&out)))
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn the_rejection_is_supported_with_evidence_inside_the_documents() {
    let db = demo_db();
    let rows = check_json(&db, &[REJECTION]);
    let texts: HashMap<String, String> = db
        .documents()
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let supports: Vec<&Value> = rows.iter().filter(|r| r["stance"] == "supports").collect();
    assert!(supports.len() >= 2, "{rows:#?}");
    for r in &rows {
        let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["claim_id", "document_id", "evidence", "score", "stance"]
        );
        assert_eq!(r["claim_id"], "claim");
        assert!(
            ["supports", "contradicts", "discusses"].contains(&r["stance"].as_str().unwrap()),
            "{r}"
        );
        let score = r["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score), "{r}");
        assert_eq!((score * 1000.0).round() / 1000.0, score, "{r}");
        let text = &texts[r["document_id"].as_str().unwrap()];
        let ev = &r["evidence"];
        let (start, end) = (
            ev["start"].as_u64().unwrap() as usize,
            ev["end"].as_u64().unwrap() as usize,
        );
        assert!(start < end && end <= text.len(), "{r}");
        assert_eq!(&text[start..end], ev["text"].as_str().unwrap(), "{r}");
    }
    // Order: stance (contradicts, supports, discusses), then score.
    let rank = |s: &str| {
        ["contradicts", "supports", "discusses"]
            .iter()
            .position(|x| *x == s)
    };
    let keys: Vec<(usize, f64)> = rows
        .iter()
        .map(|r| {
            (
                rank(r["stance"].as_str().unwrap()).unwrap(),
                -r["score"].as_f64().unwrap(),
            )
        })
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
    // One evidence sentence speaks of the rejection itself.
    assert!(
        supports.iter().any(|r| {
            let t = r["evidence"]["text"].as_str().unwrap().to_lowercase();
            t.contains("rejected") || t.contains("turned down")
        }),
        "{supports:#?}"
    );

    let out = db.run(&["check", REJECTION]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with(&format!("claim: {REJECTION}\n")), "{text}");
    let last = text.lines().last().unwrap();
    assert!(
        last.starts_with(&format!("{} documents bear on it: ", rows.len()))
            && last.contains(&format!("{} support", supports.len())),
        "{text}"
    );
    assert!(text.contains("Kestria Today"), "{text}");
}

#[test]
fn an_unrelated_claim_finds_nothing_but_all_lists_every_document() {
    let db = demo_db();
    let claim = "A giant crab was seen in Kent";
    assert_eq!(check_json(&db, &[claim]), Vec::<Value>::new());
    let out = db.run(&["check", claim]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("no stored document bears on it"));

    let all = check_json(&db, &[claim, "--all"]);
    assert_eq!(all.len(), db.documents().len());
    assert!(all
        .iter()
        .all(|r| r["stance"] == "unrelated" && r["evidence"].is_null()));
}

/// The brief's unrelated claim shares one word ("harbour") with several
/// demo documents, where it is common (the story is a port's): that word
/// alone does not make them bear on it.
#[test]
fn a_claim_sharing_one_common_word_is_unrelated() {
    let db = demo_db();
    let rows = check_json(&db, &["A giant crab was seen in a Kent harbour"]);
    assert_eq!(rows, Vec::<Value>::new());
}

#[test]
fn a_claims_file_keeps_its_ids_and_order() {
    let db = demo_db();
    let file = db.dir.path().join("claims.jsonl");
    std::fs::write(
        &file,
        format!(
            "{{\"id\": \"rejection\", \"text\": \"{REJECTION}\"}}\n\n\
             {{\"id\": \"crab\", \"text\": \"A giant crab was seen in Kent\"}}\n"
        ),
    )
    .unwrap();
    let rows = check_json(&db, &["--claims", file.to_str().unwrap()]);
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r["claim_id"] == "rejection"),
        "{rows:#?}"
    );
    assert_eq!(
        rows,
        check_json(&db, &[REJECTION])
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r["claim_id"] = "rejection".into();
                r
            })
            .collect::<Vec<_>>()
    );

    let all = check_json(&db, &["--claims", file.to_str().unwrap(), "--all"]);
    let ids: Vec<&str> = all
        .iter()
        .map(|r| r["claim_id"].as_str().unwrap())
        .collect();
    let first_crab = ids.iter().position(|i| *i == "crab").unwrap();
    assert!(ids[..first_crab].iter().all(|i| *i == "rejection"));
    assert!(ids[first_crab..].iter().all(|i| *i == "crab"));

    let out = db.run(&["check", "--claims", file.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(text.contains(&format!("rejection: {REJECTION}")), "{text}");
    assert!(
        text.contains("crab: A giant crab was seen in Kent"),
        "{text}"
    );
}

#[test]
fn a_bad_claims_line_is_a_usage_error_naming_its_line() {
    let db = demo_db();
    let file = db.dir.path().join("bad.jsonl");
    std::fs::write(
        &file,
        format!("{{\"id\": \"a\", \"text\": \"{REJECTION}\"}}\n{{\"id\": \"b\"}}\n"),
    )
    .unwrap();
    let out = db.run(&[
        "check",
        "--claims",
        file.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("bad.jsonl line 2"), "{err}");

    std::fs::write(&file, "not json\n").unwrap();
    let out = db.run(&["check", "--claims", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("line 1"), "{}", stderr(&out));

    let out = db.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_empty_database_says_so() {
    let db = Db::new();
    let empty = db.dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    db.ingest(&[&empty]);
    assert!(db.path().exists());
    let out = db.run(&["check", REJECTION]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("no documents stored"),
        "{}",
        stdout(&out)
    );
    assert_eq!(check_json(&db, &[REJECTION]), Vec::<Value>::new());
}
