//! End-to-end: docs, show, export and exit codes.

mod common;

use common::*;

fn demo_db() -> Db {
    let db = Db::new();
    let out = db.ingest(&[&repo().join("demo/corpus")]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

#[test]
fn export_json_has_the_stable_contract() {
    let db = demo_db();
    let v = db.export();
    assert_eq!(v["schema_version"], 1);
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 9);
    for d in docs {
        for key in [
            "id",
            "source",
            "sha256",
            "outlet",
            "title",
            "author",
            "published",
            "language",
            "text",
            "upstream_sources",
            "removed",
        ] {
            assert!(d.get(key).is_some(), "missing {key} in {d}");
        }
        let text = d["text"].as_str().unwrap();
        assert!(
            !text.contains("\n\n\n"),
            "paragraphs are separated by one blank line"
        );
        assert_eq!(
            d["id"].as_str().unwrap(),
            &d["sha256"].as_str().unwrap()[..12]
        );
        if let Some(p) = d["published"].as_str() {
            assert!(
                p.len() == 10 && p.as_bytes()[4] == b'-' && p.as_bytes()[7] == b'-',
                "{p}"
            );
        }
        assert!(d["removed"]["boilerplate_lines"].is_u64());
        assert!(d["removed"]["duplicate_paragraphs"].is_u64());
    }
}

#[test]
fn export_jsonl_writes_one_document_per_line_to_a_file() {
    let db = demo_db();
    let path = db.dir.path().join("out.jsonl");
    let out = db.run(&["export", "--format", "jsonl", "-o", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // The documents come first, one per line; entity, quote, claim,
    // story and signals lines follow.
    let docs: Vec<_> = lines
        .iter()
        .take_while(|l| l["type"] == "document")
        .collect();
    assert_eq!(docs.len(), 9);
    for d in docs {
        assert!(d["id"].is_string());
        assert!(d["text"].is_string());
    }
    assert!(lines[9..].iter().all(|l| [
        "entity",
        "quote",
        "claim",
        "story",
        "document_signals",
        "outlet_signals"
    ]
    .contains(&l["type"].as_str().unwrap())));
}

#[test]
fn docs_lists_every_document_as_a_table_and_as_json() {
    let db = demo_db();
    let table = stdout(&db.run(&["docs"]));
    assert!(table.starts_with("id"), "{table}");
    assert!(table.contains("Harborline News"), "{table}");
    let json: serde_json::Value =
        serde_json::from_slice(&db.run(&["docs", "--format", "json"]).stdout).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 9);
    assert!(rows.iter().all(|r| r["words"].as_u64().unwrap() > 50));
}

#[test]
fn show_prints_the_text_and_explain_lists_removed_lines_with_reasons() {
    let db = demo_db();
    let docs = db.documents();
    let dump = docs
        .iter()
        .find(|d| {
            d["source"]
                .as_str()
                .unwrap()
                .ends_with("01_straitreport_rejection.txt")
        })
        .unwrap();
    let id = dump["id"].as_str().unwrap();
    let out = db.run(&["show", &id[..6], "--explain"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(s.contains(dump["title"].as_str().unwrap()));
    assert!(s.contains("Removed lines"), "{s}");
    let removed = s.split("Removed lines").nth(1).unwrap();
    assert!(
        removed
            .lines()
            .filter(|l| l.trim_start().starts_with('['))
            .count()
            > 10,
        "{removed}"
    );
}

#[test]
fn show_of_an_unknown_id_exits_4() {
    let db = demo_db();
    let out = db.run(&["show", "ffffffffffff"]);
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn reading_a_missing_database_is_an_error_not_a_new_file() {
    let db = Db::new();
    let out = db.run(&["docs"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no database"), "{}", stderr(&out));
    assert!(!db.path().exists());
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let db = Db::new();
    std::fs::write(db.path(), "not a database").unwrap();
    let out = db.run(&["docs"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(db.path()).unwrap(),
        "not a database"
    );
}

#[test]
fn the_demo_command_ingests_the_demo_corpus_and_lists_it() {
    let db = Db::new();
    let out = db.run(&["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(s.contains("ingested 9"), "{s}");
    assert!(s.contains("Strait Report"), "{s}");
    // It ends with the briefing of the story.
    let briefing = s
        .split_once("The briefing (crosscheck --db ")
        .unwrap_or_else(|| panic!("no briefing in {s}"))
        .1;
    for heading in [
        "\nTIMELINE\n",
        "\nWHAT IS CONFIRMED (",
        "\nSINGLE-SOURCE CLAIMS (",
        "\nCONTESTED POINTS (",
        "\nWHO SAID WHAT\n",
        "\nOUTLET NOTES (signals, not verdicts)\n",
    ] {
        assert!(briefing.contains(heading), "{heading} in {briefing}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let db = Db::new();
    assert_eq!(db.run(&["ingest"]).status.code(), Some(2));
    assert_eq!(db.run(&["no-such-command"]).status.code(), Some(2));
}

#[test]
fn explain_lists_the_chrome_of_a_web_page_with_reasons() {
    let db = demo_db();
    let docs = db.documents();
    let page = docs
        .iter()
        .find(|d| {
            d["source"]
                .as_str()
                .unwrap()
                .ends_with("04_harborline_offer.html")
        })
        .unwrap();
    let out = db.run(&["show", page["id"].as_str().unwrap(), "--explain"]);
    let s = stdout(&out);
    for reason in [
        "[cookie_notice",
        "[share",
        "[comment_form",
        "[headline_list",
    ] {
        assert!(s.contains(reason), "no {reason} line in:\n{s}");
    }
    assert!(page["removed"]["boilerplate_lines"].as_u64().unwrap() > 10);
}
