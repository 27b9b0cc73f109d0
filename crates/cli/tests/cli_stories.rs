//! End-to-end: stories and copies of the demo corpus (and of the seed
//! corpus, when the shared corpora are present) through ingest, the
//! `stories` and `show` commands and the export. `demo/README.md` holds the
//! expected answer: one story in three developments (the offer in January,
//! the rejection in February, the agreement in May), and the Northgate
//! Ledger's May article (wire.jsonl record 3) a copy of file 06.

mod common;

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

/// The ids of the demo documents, by the names `demo/README.md` gives them
/// (`01` … `06` for the files, `wire1` … `wire3` for the records of
/// wire.jsonl).
fn demo_ids(db: &Db) -> std::collections::BTreeMap<&'static str, String> {
    let docs = db.documents();
    let find = |needle: &str| -> String {
        let d = docs
            .iter()
            .find(|d| d["source"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no document from {needle}"));
        d["id"].as_str().unwrap().to_string()
    };
    [
        ("01", "01_straitreport"),
        ("02", "02_kestriatoday"),
        ("03", "03_newspulse"),
        ("04", "04_harborline"),
        ("05", "05_coastaltimes"),
        ("06", "06_harborline"),
        ("wire1", "meridianwire.example"),
        ("wire2", "kestria-civilian-help"),
        ("wire3", "veloria-kestria-saltmere-inspection-deal"),
    ]
    .into_iter()
    .map(|(name, needle)| (name, find(needle)))
    .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn the_demo_corpus_is_one_story_in_three_episodes_with_the_wire_copy_marked() {
    let db = demo_db();
    let ids = demo_ids(&db);
    let id = |name: &str| ids[name].clone();
    let stories = json_of(&db, &["stories", "--format", "json"]);
    let schema = schema();
    let stories = stories.as_array().unwrap();
    assert_eq!(stories.len(), 1, "{stories:#?}");
    let s = &stories[0];
    let errors = errors_against(&schema, "story", s, "$");
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // Every document, in publication order: the Meridian Wire's offer story
    // (16 January) first, and the story is named after it.
    let docs = strings(&s["document_ids"]);
    assert_eq!(
        sorted(docs.clone()),
        sorted(ids.values().cloned().collect())
    );
    assert_eq!(docs[0], id("wire1"));
    assert_eq!(s["id"], format!("s-{}", id("wire1")));
    assert_eq!(
        (s["start"].as_str(), s["end"].as_str()),
        (Some("2026-01-16"), Some("2026-05-20"))
    );
    // The three developments.
    let episodes = s["episodes"].as_array().unwrap();
    let expected: [(&str, &str, &[&str]); 3] = [
        ("2026-01-16", "2026-01-17", &["wire1", "04"]),
        (
            "2026-02-03",
            "2026-02-05",
            &["01", "02", "03", "05", "wire2"],
        ),
        ("2026-05-19", "2026-05-20", &["06", "wire3"]),
    ];
    assert_eq!(episodes.len(), 3, "{episodes:#?}");
    for (k, (e, (start, end, members))) in episodes.iter().zip(expected).enumerate() {
        assert_eq!(e["id"], format!("s-{}-e{k}", id("wire1")));
        assert_eq!(
            (e["start"].as_str(), e["end"].as_str()),
            (Some(start), Some(end)),
            "episode {k}"
        );
        assert_eq!(
            sorted(strings(&e["document_ids"])),
            sorted(members.iter().map(|m| id(m)).collect()),
            "episode {k}"
        );
    }
    // The Northgate Ledger's May article is the Meridian Wire story of file
    // 06, reworded in its first paragraph: a copy, not an independent source.
    // The January offer stories (04 relays wire 1) are rewrites, not copies.
    let copies = s["copies"].as_array().unwrap();
    assert_eq!(copies.len(), 1, "{copies:#?}");
    assert_eq!(copies[0]["original"], id("06"));
    let group = copies[0]["copies"].as_array().unwrap();
    assert_eq!(group.len(), 1, "{group:#?}");
    assert_eq!(group[0]["document_id"], id("wire3"));
    let sim = group[0]["similarity"].as_f64().unwrap();
    assert!((0.5..=1.0).contains(&sim), "{sim}");
    // The listing's documents carry what the table shows.
    let wire3 = s["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id("wire3"))
        .unwrap();
    assert_eq!(wire3["outlet"], "Northgate Ledger");
    assert_eq!(wire3["copy_of"]["original"], id("06"));

    // The table: the story, its span, documents and outlets; each episode
    // with its documents; the copy marked.
    let out = db.run(&["stories"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "  s-{} · 2026-01-16 – 2026-05-20 · 9 documents · 7 outlets\n",
            id("wire1")
        )),
        "{text}"
    );
    for span in [
        "2026-01-16 – 2026-01-17",
        "2026-02-03 – 2026-02-05",
        "2026-05-19 – 2026-05-20",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(&format!("  {span}  "))),
            "{span}: {text}"
        );
    }
    let doc_lines: Vec<&str> = text.lines().filter(|l| l.starts_with("    20")).collect();
    assert_eq!(doc_lines.len(), 9, "{text}");
    let copy_line = doc_lines.iter().find(|l| l.contains(&id("wire3"))).unwrap();
    assert!(
        copy_line.starts_with("    2026-05-20  Northgate Ledger"),
        "{copy_line}"
    );
    assert!(
        copy_line.contains(&format!("— copy of {} (similarity {sim:.2})", id("06"))),
        "{copy_line}"
    );
    assert_eq!(text.matches("copy of").count(), 1, "{text}");
    assert!(text.ends_with("\n1 story, 9 documents\n"), "{text}");
}

#[test]
fn ingest_reports_the_stories_and_show_names_the_story_and_the_copy() {
    let db = Db::new();
    let out = db.run(&["ingest", repo().join("demo/corpus").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(
        s.contains("stories: 1 (9 documents), copy groups: 1 (1 copy)\n"),
        "{s}"
    );
    let summary = json_of(
        &db,
        &[
            "ingest",
            "--format",
            "json",
            repo().join("demo/corpus").to_str().unwrap(),
        ],
    );
    assert_eq!(
        summary["stories"],
        serde_json::json!({
            "stories": 1,
            "documents": 9,
            "copy_groups": 1,
            "copies": 1,
            // Nothing new: the update placed nothing.
            "placed_into_stored_stories": 0
        })
    );
    let ids = demo_ids(&db);
    let story = format!("s-{}", ids["wire1"]);

    let out = db.run(&["show", &ids["wire3"]]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(&format!("\nstory:     {story} (")), "{text}");
    assert!(
        text.contains(&format!("\ncopy of:   {} (similarity 0.", ids["06"])),
        "{text}"
    );
    let out = db.run(&["show", &ids["06"]]);
    let text = stdout(&out);
    assert!(
        text.contains(&format!("\ncopies:    {} (similarity 0.", ids["wire3"])),
        "{text}"
    );
    assert!(!text.contains("\ncopy of:"), "{text}");

    let v = json_of(&db, &["show", &ids["wire3"], "--format", "json"]);
    assert_eq!(v["story"]["id"], story);
    assert!(v["story"]["title"].is_string());
    assert_eq!(v["copy_of"]["original"], ids["06"]);
    let v = json_of(&db, &["show", &ids["05"], "--format", "json"]);
    assert_eq!(v["story"]["id"], story);
    assert!(v["copy_of"].is_null());
    assert_eq!(v["copies"], serde_json::json!([]));
}

#[test]
fn stories_depend_on_what_is_stored_not_on_the_order_of_ingests() {
    let corpus = repo().join("demo/corpus");
    let at_once = demo_db();
    // The May documents first: a story of their own, named after file 06;
    // the earlier documents then join it and the earliest names it.
    let later = Db::new();
    let may = [corpus.join("06_harborline_agreement.html.gz")];
    let out = later.ingest(&[&may[0]]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first = json_of(&later, &["stories", "--format", "json"]);
    assert_eq!(first.as_array().unwrap().len(), 1);
    let out = later.ingest(&[&corpus]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stories = |db: &Db| db.run(&["stories", "--format", "json"]).stdout;
    assert_eq!(stories(&at_once), stories(&later));
    assert_ne!(
        first[0]["id"],
        json_of(&later, &["stories", "--format", "json"])[0]["id"]
    );
}

#[test]
fn a_database_of_schema_3_is_migrated_and_clustered_by_the_next_ingest() {
    let fresh = demo_db();
    // The same documents as the release before stories left them: schema 3,
    // no story tables.
    let old = Db::new();
    std::fs::copy(fresh.path(), old.path()).unwrap();
    {
        let conn = rusqlite::Connection::open(old.path()).unwrap();
        conn.execute_batch(&format!(
            "{BACK_TO_SCHEMA_4} DROP TABLE copies; DROP TABLE episode_documents; \
             DROP TABLE episodes; DROP TABLE story_documents; DROP TABLE stories; \
             PRAGMA user_version = 3;"
        ))
        .unwrap();
    }
    // Reading migrates; there are no stories until the next ingest.
    let before = old.export();
    assert_eq!(before["stories"], serde_json::json!([]));
    let out = old.run(&["stories"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("no stories"), "{}", stdout(&out));
    let out = old.run(&["ingest", repo().join("demo/corpus").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(s.contains("ingested 0, unchanged 9, failed 0"), "{s}");
    assert!(s.contains("stories: 1 (9 documents)"), "{s}");
    assert_eq!(
        old.run(&["export", "--format", "json"]).stdout,
        fresh.run(&["export", "--format", "json"]).stdout
    );
}

#[test]
fn the_seed_corpus_is_one_story_of_all_five_documents() {
    let Some((db, out)) = seeds_db() else {
        return;
    };
    assert!(out.status.success(), "{}", stderr(&out));
    let stories = json_of(&db, &["stories", "--format", "json"]);
    let stories = stories.as_array().unwrap();
    assert_eq!(stories.len(), 1, "{stories:#?}");
    let s = &stories[0];
    let errors = errors_against(&schema(), "story", s, "$");
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let all: Vec<String> = db
        .documents()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(all.len(), 5);
    assert_eq!(sorted(strings(&s["document_ids"])), sorted(all));
    assert_eq!(
        (s["start"].as_str(), s["end"].as_str()),
        (Some("2025-05-03"), Some("2025-11-19"))
    );
    assert!(s["title"].as_str().unwrap().contains("Mexic"), "{s:#}");
    // May and November are two developments, and the undated page about a
    // Pentagon directive a third; rewrites are not copies.
    let spans: Vec<(Option<&str>, Option<&str>)> = s["episodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["start"].as_str(), e["end"].as_str()))
        .collect();
    assert_eq!(
        spans,
        [
            (Some("2025-05-03"), Some("2025-05-05")),
            (Some("2025-11-19"), Some("2025-11-19")),
            (None, None)
        ]
    );
    assert_eq!(s["copies"], serde_json::json!([]));
    let out = db.run(&["stories"]);
    let text = stdout(&out);
    assert!(text.contains(" · 5 documents · "), "{text}");
    assert!(!text.contains("copy of"), "{text}");
}
