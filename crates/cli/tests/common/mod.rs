//! Helpers shared by the end-to-end tests: run the real binary on a fresh
//! database in a temporary directory.
#![allow(dead_code)]

pub mod schema;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixture(rel: &str) -> PathBuf {
    repo().join("tests/fixtures").join(rel)
}

/// The shared corpora beside the project, if present.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = repo().join("../shared/corpora").join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "skipped: {} is absent (the shared corpora are not beside this checkout)",
            p.display()
        );
        None
    }
}

/// A fresh database with the five seed documents ingested, and the output
/// of that ingest (for the caller to check); `None` when the shared corpora
/// are absent.
pub fn seeds_db() -> Option<(Db, Output)> {
    let seeds = shared("seeds")?;
    let db = Db::new();
    let out = db.ingest(&[&seeds]);
    Some((db, out))
}

pub struct Db {
    pub dir: tempfile::TempDir,
}

impl Default for Db {
    fn default() -> Self {
        Self::new()
    }
}

impl Db {
    pub fn new() -> Db {
        Db {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("test.db")
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
        c.arg("--db")
            .arg(self.path())
            .env_remove("CROSSCHECK_DB")
            .stdin(Stdio::null());
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    pub fn ingest(&self, paths: &[&Path]) -> Output {
        let mut c = self.cmd();
        c.arg("--quiet").arg("ingest").arg("--jobs").arg("2");
        for p in paths {
            c.arg(p);
        }
        c.output().unwrap()
    }

    /// The export as parsed JSON.
    pub fn export(&self) -> serde_json::Value {
        let out = self.run(&["export", "--format", "json"]);
        assert!(
            out.status.success(),
            "export failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    pub fn documents(&self) -> Vec<serde_json::Value> {
        self.export()["documents"].as_array().unwrap().clone()
    }
}

/// SQL that takes a database back to schema 4: undoes migration 6 (staged
/// documents), 5 (corroboration) and what 7 to 14 added, children first.
pub const BACK_TO_SCHEMA_4: &str = "DROP INDEX documents_analysis_version; \
    DROP TABLE story_terms; DROP TABLE story_centroids; DROP TABLE copy_bands; \
    DROP TABLE cluster_documents; DROP TABLE cluster_terms; DROP TABLE cluster_meta; \
    DROP INDEX doc_entities_link_key; DROP INDEX doc_entities_link_last; \
    ALTER TABLE doc_entities DROP COLUMN link_key; ALTER TABLE doc_entities DROP COLUMN link_last; \
    DROP TRIGGER document_search_insert; DROP TRIGGER document_search_delete; \
    DROP TRIGGER document_search_update; DROP TABLE document_search; \
    DROP TABLE story_claim_part_chains; DROP TABLE story_claim_parts; \
    DROP INDEX documents_staged; \
    ALTER TABLE documents DROP COLUMN staged; DROP TABLE story_contradiction_claims; \
    DROP TABLE story_claim_contradictions; DROP TABLE story_claim_source_documents; \
    DROP TABLE story_claim_sources; DROP TABLE story_claim_documents; \
    DROP TABLE story_claim_members; DROP TABLE story_claims; \
    DROP TABLE role_conflict_chains; DROP TABLE role_conflict_documents; \
    DROP TABLE role_conflict_sides; \
    DROP TABLE role_conflicts; \
    DROP INDEX documents_url; ALTER TABLE documents DROP COLUMN crawled; \
    DROP TABLE fetch_log; DROP TABLE http_validators; \
    ALTER TABLE stories DROP COLUMN digest;";

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The document header lines of the text listing: `outlet | date | id`.
pub fn headers(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| {
            !l.starts_with(' ')
                && l.rsplit_once(" | ").is_some_and(|(_, id)| {
                    id.len() == 12 && id.bytes().all(|b| b.is_ascii_hexdigit())
                })
        })
        .collect()
}

/// The scores of the claims of the text listing (`  0.82  outlet`).
pub fn shown_scores(text: &str) -> Vec<f32> {
    text.lines()
        .filter(|l| l.len() > 2 && l.starts_with("  ") && l.as_bytes()[2].is_ascii_digit())
        .map(|l| l.split_whitespace().next().unwrap().parse().unwrap())
        .collect()
}

pub fn scores(claims: &serde_json::Value) -> Vec<f64> {
    claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["checkworthiness"].as_f64().unwrap())
        .collect()
}

/// An export without the titles of stories and episodes: an update places
/// new documents into the stored stories with the term weights of the
/// time, so a title (the member closest to the centroid) may be another
/// member's headline than a rebuild picks. Everything else must agree.
#[allow(dead_code)]
pub fn without_titles(mut export: serde_json::Value) -> serde_json::Value {
    for s in export["stories"].as_array_mut().unwrap() {
        s["title"] = serde_json::Value::Null;
        for e in s["episodes"].as_array_mut().unwrap() {
            e["title"] = serde_json::Value::Null;
        }
    }
    export
}
