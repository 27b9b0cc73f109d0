//! End-to-end: the ingest command on good, repeated, concurrent and bad input.

mod common;

use std::io::Write;
use std::process::Stdio;

use common::*;

#[test]
fn ingesting_the_same_files_twice_is_a_no_op() {
    let db = Db::new();
    let corpus = repo().join("demo/corpus");
    let first = db.run(&["ingest", corpus.to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stdout(&first).contains("ingested 9, unchanged 0, failed 0"),
        "{}",
        stdout(&first)
    );
    let second = db.run(&["ingest", corpus.to_str().unwrap()]);
    assert!(second.status.success());
    assert!(
        stdout(&second).contains("ingested 0, unchanged 9, failed 0"),
        "{}",
        stdout(&second)
    );
}

#[test]
fn two_ingests_into_one_database_at_once_both_succeed_and_store_the_union() {
    let db = Db::new();
    let corpus = repo().join("demo/corpus");
    let chrome = fixture("chrome/nav_menu.txt");
    let spawn = |paths: &[&std::path::Path]| {
        let mut c = db.cmd();
        c.arg("--quiet")
            .arg("ingest")
            .args(paths)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c.spawn().unwrap()
    };
    let a = spawn(&[&corpus, &chrome]);
    let b = spawn(&[&corpus]);
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success(), "{}", stderr(&a));
    assert!(b.status.success(), "{}", stderr(&b));
    assert_eq!(db.documents().len(), 10);
}

#[test]
fn every_bad_input_gets_a_one_line_reason_and_the_good_records_are_kept() {
    let db = Db::new();
    let bad = |f: &str| fixture(&format!("bad/{f}"));
    let files = [
        "empty.txt",
        "whitespace_only.txt",
        "binary.html",
        "truncated.html.gz",
        "corrupt.txt.gz",
        "not_gzip.html.gz",
        "malformed_lines.jsonl",
        "invalid_utf8.txt",
        "deeply_nested.html",
        "malformed.html",
    ];
    let paths: Vec<_> = files.iter().map(|f| bad(f)).collect();
    let mut c = db.cmd();
    c.args(["ingest", "--format", "json"]).args(&paths);
    let out = c.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "some inputs failed: exit 3\n{}",
        stderr(&out)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let failed = summary["failed"].as_array().unwrap();
    let reason = |src: &str| -> String {
        failed
            .iter()
            .find(|f| f["source"].as_str().unwrap().ends_with(src))
            .map(|f| f["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no failure for {src}: {summary}"))
    };
    assert_eq!(reason("empty.txt"), "empty file");
    assert!(
        reason("whitespace_only.txt").contains("empty")
            || reason("whitespace_only.txt").contains("whitespace")
    );
    assert!(reason("binary.html").contains("binary"));
    assert!(reason("truncated.html.gz").contains("truncated gzip"));
    assert!(reason("corrupt.txt.gz").contains("gzip"));
    assert!(reason("not_gzip.html.gz").contains("not gzip"));
    assert!(reason("malformed_lines.jsonl#2").contains("invalid JSON"));
    for f in failed {
        assert!(
            !f["reason"].as_str().unwrap().contains('\n'),
            "one line: {f}"
        );
    }
    // The two valid records, the invalid-UTF-8 page, the nested and the
    // malformed pages are stored.
    let docs = db.documents();
    let sources: Vec<&str> = docs.iter().map(|d| d["source"].as_str().unwrap()).collect();
    assert!(
        sources.iter().any(|s| s.ends_with("invalid_utf8.txt")),
        "{sources:?}"
    );
    assert!(
        sources.iter().any(|s| s.ends_with("deeply_nested.html")),
        "{sources:?}"
    );
    assert!(
        sources.iter().any(|s| s.ends_with("malformed.html")),
        "{sources:?}"
    );
    let from_jsonl = docs
        .iter()
        .filter(|d| {
            d["source"]
                .as_str()
                .unwrap()
                .contains("malformed_lines.jsonl")
                || d["url"].is_string()
        })
        .count();
    assert!(from_jsonl >= 2, "{sources:?}");
    let warnings = summary["warnings"].as_array().unwrap();
    assert!(warnings
        .iter()
        .any(|w| w["warning"].as_str().unwrap().contains("not valid UTF-8")));
}

#[test]
fn a_gzip_bomb_is_refused_at_the_decompression_cap() {
    let db = Db::new();
    let path = db.dir.path().join("bomb.txt.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b'a'; 1 << 20];
    for _ in 0..64 {
        enc.write_all(&zeros).unwrap();
    }
    std::fs::write(&path, enc.finish().unwrap()).unwrap();
    let out = db.run(&[
        "ingest",
        "--max-decompressed-size",
        "8000000",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stdout(&out).contains("gzip bomb"), "{}", stdout(&out));
    assert!(db.documents().is_empty());
}

#[test]
fn a_file_over_the_size_cap_is_refused() {
    let db = Db::new();
    let path = db.dir.path().join("huge.txt");
    std::fs::write(&path, "A sentence of a very long page. ".repeat(100_000)).unwrap();
    let out = db.run(&[
        "ingest",
        "--max-file-size",
        "100000",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stdout(&out).contains("size cap"), "{}", stdout(&out));
}

#[test]
fn an_unreadable_path_is_reported_and_the_rest_ingested() {
    let db = Db::new();
    let good = repo().join("demo/corpus/01_straitreport_rejection.txt");
    let out = db.run(&["ingest", "/no/such/file.html", good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stdout(&out).contains("/no/such/file.html: cannot read path"),
        "{}",
        stdout(&out)
    );
    assert_eq!(db.documents().len(), 1);
}

#[test]
fn standard_input_is_ingested_as_json_lines_or_text() {
    let db = Db::new();
    let mut c = db.cmd();
    c.args(["--quiet", "ingest", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    let mut child = c.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"title\":\"Harbour reopens\",\"outlet\":\"Test Wire\",\"published\":\"2026-03-01\",\"text\":\"The harbour reopened on Sunday after a week of repairs to the sea wall.\"}\n")
        .unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
    let docs = db.documents();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["source"], "stdin#1");
    assert_eq!(docs[0]["outlet"], "Test Wire");
    assert_eq!(docs[0]["published"], "2026-03-01");
}

#[test]
fn the_same_input_gives_a_byte_identical_export() {
    let corpus = repo().join("demo/corpus");
    let export = |jobs: &str| {
        let db = Db::new();
        let out = db.run(&[
            "--quiet",
            "ingest",
            "--jobs",
            jobs,
            corpus.to_str().unwrap(),
        ]);
        assert!(out.status.success());
        db.run(&["export", "--format", "jsonl"]).stdout
    };
    assert_eq!(export("1"), export("2"));
}

#[test]
fn the_five_seeds_are_ingested_with_what_a_careful_reader_sees() {
    let Some((db, out)) = seeds_db() else {
        return;
    };
    assert!(out.status.success(), "{}", stderr(&out));
    let docs = db.documents();
    assert_eq!(docs.len(), 5);
    let by_file = |prefix: &str| {
        docs.iter()
            .find(|d| {
                d["source"]
                    .as_str()
                    .unwrap()
                    .contains(&format!("/{prefix}_"))
            })
            .unwrap_or_else(|| panic!("no seed {prefix}"))
    };
    let expect = [
        ("000", Some("AIWorldNewz.com"), Some("2025-11-19")),
        ("001", Some("Thin Line News"), Some("2025-05-05")),
        ("002", None, None),
        ("003", Some("News Journos"), Some("2025-05-03")),
        ("004", None, None),
    ];
    for (file, outlet, date) in expect {
        let d = by_file(file);
        if let Some(o) = outlet {
            assert_eq!(d["outlet"], o, "{file}");
        }
        assert_eq!(d["published"].as_str(), date, "{file}");
        assert!(d["title"].is_string(), "{file}");
        let text = d["text"].as_str().unwrap();
        for chrome in [
            "Leave a Reply",
            "Share. Facebook",
            "Ad Blocker Enabled",
            "More recent coverage",
            "Physical Address",
        ] {
            assert!(!text.contains(chrome), "{file} kept {chrome:?}");
        }
    }
    // The repeated paragraphs of seed 002 are kept once.
    assert!(
        by_file("002")["removed"]["duplicate_paragraphs"]
            .as_u64()
            .unwrap()
            >= 2
    );
    let ups: Vec<&str> = by_file("004")["upstream_sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    assert!(
        ups.contains(&"Associated Press") && ups.contains(&"Wall Street Journal"),
        "{ups:?}"
    );
}

/// Ingesting in batches keeps the findings of stories the later batches
/// leave alone, and gives what a rebuild from the stored documents gives:
/// the same stories, copies, episodes and findings (titles aside).
#[test]
fn incremental_ingests_give_what_a_rebuild_gives() {
    let corpus = repo().join("demo/corpus");
    let chrome = repo().join("tests/fixtures/chrome");
    let mut demo: Vec<std::path::PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    demo.sort();
    let (early, late) = demo.split_at(3);
    let db = Db::new();
    let mut first: Vec<&std::path::Path> = vec![chrome.as_path()];
    first.extend(early.iter().map(|p| p.as_path()));
    // Some of the chrome fixtures are pages without an article (exit 3).
    let ok = |o: &std::process::Output| matches!(o.status.code(), Some(0) | Some(3));
    assert!(ok(&db.ingest(&first)));
    let later: Vec<&std::path::Path> = late.iter().map(|p| p.as_path()).collect();
    let out = db.run(&[
        "ingest",
        "--format",
        "json",
        later[0].to_str().unwrap(),
        later[1].to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let stories = summary["stories"]["stories"].as_u64().unwrap();
    let again = summary["corroboration"]["stories_corroborated"]
        .as_u64()
        .unwrap();
    assert!(
        again >= 1 && again < stories,
        "{again} of {stories} stories corroborated again"
    );
    let rest: Vec<&std::path::Path> = later[2..].to_vec();
    assert!(db.ingest(&rest).status.success());
    let incremental = without_titles(db.export());

    let rebuilt = db.run(&["rebuild", "--format", "json"]);
    assert!(rebuilt.status.success(), "{}", stderr(&rebuilt));
    let summary: serde_json::Value = serde_json::from_slice(&rebuilt.stdout).unwrap();
    assert_eq!(
        summary["corroboration"]["stories_corroborated"], summary["stories"]["stories"],
        "a rebuild corroborates every story"
    );
    assert_eq!(without_titles(db.export()), incremental);

    let once = Db::new();
    let mut all: Vec<&std::path::Path> = vec![chrome.as_path()];
    all.extend(demo.iter().map(|p| p.as_path()));
    assert!(ok(&once.ingest(&all)));
    assert_eq!(
        without_titles(once.export()),
        incremental,
        "batches and one ingest agree"
    );
}

/// A file of endless bad records is counted, not listed line by line.
#[test]
fn failures_beyond_the_first_thousand_of_an_input_are_counted() {
    let db = Db::new();
    let file = db.dir.path().join("bad.jsonl");
    std::fs::write(&file, "not json\n".repeat(1500)).unwrap();
    let out = db.run(&["ingest", file.to_str().unwrap()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text.contains("ingested 0, unchanged 0, failed 1500"),
        "{text}"
    );
    assert!(
        text.contains("failed: 500 more (only the first 1000 of an input are listed)"),
        "{text}"
    );
    assert_eq!(text.matches("  failed: ").count(), 1001);
}
