//! Shared by the seed tests: the five seed pages (third-party text dumps in
//! ../shared, never copied into the repository), cleaned as the ingest
//! pipeline cleans them.

#![allow(dead_code)]

use std::path::PathBuf;

use crosscheck_extract::{clean_page_text, LineEvidence};
use crosscheck_model::Metadata;

pub const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpora/seeds");

/// (file name, raw text) of every seed, sorted by name; `None` (with a
/// message) when the seeds are absent.
pub fn seeds() -> Option<Vec<(String, String)>> {
    let Ok(entries) = std::fs::read_dir(SEEDS) else {
        eprintln!("skipping: seed corpus not found at {SEEDS}");
        return None;
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        eprintln!("skipping: no seed in {SEEDS}");
        return None;
    }
    Some(
        paths
            .into_iter()
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).unwrap())
            })
            .collect(),
    )
}

/// The clean article text of a raw dump.
pub fn clean(raw: &str) -> String {
    clean_page_text(raw, &Metadata::default(), &LineEvidence::default()).text()
}
