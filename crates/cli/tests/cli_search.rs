//! End-to-end: `crosscheck search` on the demo corpus.

mod common;

use common::*;

fn demo_db() -> Db {
    let db = Db::new();
    let out = db.ingest(&[&repo().join("demo/corpus")]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

fn json(db: &Db, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let out = db.run(&all);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_quote_is_found_with_its_sentence_and_words_marked() {
    let db = demo_db();
    let v = json(&db, &["\"Velorian water\""]);
    let items = v["items"].as_array().unwrap();
    assert!(!items.is_empty(), "{v}");
    let hit = &items[0];
    let sentence = hit["sentence"].as_str().unwrap();
    assert!(sentence.contains("Velorian water"), "{sentence}");
    let [s, e] =
        [&hit["highlights"][0][0], &hit["highlights"][0][1]].map(|x| x.as_u64().unwrap() as usize);
    assert_eq!(&sentence[s..e], "Velorian water");
    // The span is the document's: `show` gives the same text there.
    let id = hit["document_id"].as_str().unwrap();
    let doc = db.run(&["show", id, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&doc.stdout).unwrap();
    let text = doc["text"].as_str().unwrap();
    let (start, end) = (
        hit["start"].as_u64().unwrap() as usize,
        hit["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], sentence);
    assert_eq!(hit["outlet"], "Strait Report");
}

#[test]
fn fields_filter_and_pages_follow_their_cursor() {
    let db = demo_db();
    let all = json(&db, &["Arvelo"]);
    let total = all["total"].as_u64().unwrap();
    assert!(total >= 3, "{all}");
    // Pages of one, following `next`, give every hit once.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut args = vec!["Arvelo", "--limit", "1"];
        if let Some(c) = &cursor {
            args.extend_from_slice(&["--cursor", c]);
        }
        let page = json(&db, &args);
        for item in page["items"].as_array().unwrap() {
            seen.push(item["document_id"].as_str().unwrap().to_string());
        }
        match page["next"].as_str() {
            Some(n) => cursor = Some(n.to_string()),
            None => break,
        }
    }
    assert_eq!(seen.len() as u64, total);
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len());
    // An outlet filter keeps that outlet's documents only.
    let one = json(&db, &["Arvelo outlet:\"harbor line\""]);
    for item in one["items"].as_array().unwrap() {
        assert_eq!(item["outlet"], "Harbor Line");
    }
    // Excluding a word the others hold leaves fewer.
    let fewer = json(&db, &["Arvelo -warships"]);
    assert!(fewer["total"].as_u64().unwrap() < total);
    // A fact's status: the sentence shown states such a fact.
    let confirmed = json(&db, &["status:corroborated"]);
    assert!(confirmed["total"].as_u64().unwrap() > 0);
    for item in confirmed["items"].as_array().unwrap() {
        assert_eq!(item["status"], "corroborated", "{item}");
    }
}

#[test]
fn a_bad_query_is_a_usage_error_that_says_where() {
    let db = demo_db();
    for (q, says) in [
        (
            "\"unclosed",
            "quotation mark is not closed (at character 1)",
        ),
        ("AND", "AND needs a word"),
        ("x nofield:y", "there is no field nofield: (fields: outlet"),
        ("from:May", "from:May is not a date"),
    ] {
        let out = db.run(&["search", q]);
        assert_eq!(out.status.code(), Some(2), "{q}");
        let err = stderr(&out);
        assert!(err.contains(says), "{q}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    // Punctuation inside words is text, not an error.
    for q in ["COVID-19", "U.S.", "(Meridian Wire)", "50%", "a_b", "x*"] {
        let out = db.run(&["search", q]);
        assert!(out.status.success(), "{q}: {}", stderr(&out));
    }
    let out = db.run(&["search", "x", "--cursor", "zz"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad cursor"));
}
