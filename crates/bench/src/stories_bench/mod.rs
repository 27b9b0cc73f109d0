//! The `bench-stories` run: story clustering (`crosscheck_cluster`) on the
//! fnc1-stories-dev bodies, scored against the gold story labels (BCubed and
//! pairwise), with a sensitivity grid around the shipped thresholds, two
//! baselines and the speed of one core. The rules are documented at the top
//! of `src/bin/bench-stories.rs`.

pub mod data;
mod report;
pub mod score;

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use crosscheck_cluster::{cluster_with, Clustering, DocInput, Params};

use crate::claims_bench::time_passes;
use score::{assign, Assignment, Scores};

pub struct Options {
    /// The fnc1-stories-dev folder (`../shared/corpora/fnc1-stories-dev`).
    pub corpus: PathBuf,
    /// Timed passes of the analysis and of the shipped clustering; the
    /// fastest counts.
    pub repeat: usize,
    /// Where `results.md`, `clusters.json` and `summary.json` go
    /// (`target/bench/stories`).
    pub out_dir: PathBuf,
}

/// The bar of the issue: BCubed F1 of the shipped thresholds.
pub const BAR_BCUBED_F1: f64 = 0.90;

/// The sensitivity grid (the copy threshold stays at its default).
pub const JOIN_GRID: [f32; 4] = [0.15, 0.20, 0.25, 0.30];
pub const MERGE_GRID: [f32; 4] = [0.20, 0.25, 0.30, 0.35];

/// What one row of the table ran.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RowKind {
    Shipped,
    Grid,
    /// Every document a story of its own.
    Singletons,
    /// All documents in one story.
    AllInOne,
}

/// One scored row: the clustering's scores, or why there are none (the
/// clustering panicked or named a document that does not exist).
#[derive(Debug, Clone)]
pub struct Row {
    pub kind: RowKind,
    pub params: Option<Params>,
    pub outcome: Result<(Scores, Assignment), String>,
}

/// The grid's parameter sets, join-major, the copy threshold at its default.
pub fn grid() -> Vec<Params> {
    let shipped = Params::default();
    JOIN_GRID
        .iter()
        .flat_map(|&join| {
            MERGE_GRID.iter().map(move |&merge| Params {
                join,
                merge,
                ..shipped
            })
        })
        .collect()
}

/// Runs `cluster_with`, turning a panic into an error message.
fn cluster_caught(docs: &[DocInput], params: &Params) -> Result<Clustering, String> {
    catch_unwind(AssertUnwindSafe(|| cluster_with(docs, params))).map_err(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("panicked: {}", msg.chars().take(160).collect::<String>())
    })
}

/// Clusters with `params` and scores the result against `gold`.
fn scored_run(
    docs: &[DocInput],
    gold: &[&str],
    kind: RowKind,
    params: Params,
) -> (Row, Option<Clustering>) {
    eprintln!(
        "clustering with join {:.2}, merge {:.2}, copy {:.2} ...",
        params.join, params.merge, params.copy
    );
    let (outcome, clustering) = match cluster_caught(docs, &params) {
        Ok(c) => {
            let a = assign(docs.len(), c.stories.iter().map(|s| s.documents.as_slice()));
            let outcome = a
                .map(|a| (score::score(gold, &a.labels), a))
                .map_err(|e| format!("invalid clustering: {e:#}"));
            (outcome, Some(c))
        }
        Err(e) => (Err(e), None),
    };
    let row = Row {
        kind,
        params: Some(params),
        outcome,
    };
    (row, clustering)
}

/// A baseline row: `labels` scored against `gold`.
fn baseline(kind: RowKind, gold: &[&str], labels: Vec<usize>) -> Row {
    let a = Assignment {
        labels,
        unassigned: 0,
        repeated: 0,
    };
    Row {
        kind,
        params: None,
        outcome: Ok((score::score(gold, &a.labels), a)),
    }
}

/// The timing of one step over the corpus.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Timing {
    pub documents: usize,
    /// CPU seconds of the one working thread, fastest pass.
    pub cpu_seconds: f64,
    pub passes: usize,
}

impl Timing {
    pub fn docs_per_second(&self) -> f64 {
        self.documents as f64 / self.cpu_seconds.max(1e-9)
    }
}

/// Runs the benchmark and returns the report.
pub fn run(opts: &Options) -> Result<String> {
    let path = opts.corpus.join("bodies.jsonl");
    eprintln!("loading {} ...", path.display());
    let bodies = data::load_bodies(&path)?;
    let gold: Vec<&str> = bodies.iter().map(|b| b.story.as_str()).collect();
    let texts: Vec<String> = bodies.iter().map(|b| b.text.clone()).collect();
    let passes = opts.repeat.max(1);

    eprintln!("analysing {} bodies ...", bodies.len());
    let docs: Vec<DocInput> = bodies
        .iter()
        .map(|b| data::doc_input(b, data::entity_names(&crosscheck_nlp::analyze(&b.text))))
        .collect();
    let analysis = Timing {
        documents: texts.len(),
        cpu_seconds: time_passes(&texts, passes, crosscheck_nlp::analyze),
        passes,
    };

    let shipped = Params::default();
    let (shipped_row, shipped_clustering) = scored_run(&docs, &gold, RowKind::Shipped, shipped);
    let mut rows = vec![shipped_row];
    for params in grid() {
        rows.push(scored_run(&docs, &gold, RowKind::Grid, params).0);
    }
    let n = docs.len();
    rows.push(baseline(RowKind::Singletons, &gold, (0..n).collect()));
    rows.push(baseline(RowKind::AllInOne, &gold, vec![0; n]));

    // One call over the whole corpus per pass: `time_passes` is given a
    // one-item list and the closure ignores its item.
    let clustering = shipped_clustering.as_ref().map(|_| {
        eprintln!("timing the shipped clustering ...");
        Timing {
            documents: n,
            cpu_seconds: time_passes(&[String::new()], passes, |_| cluster_with(&docs, &shipped)),
            passes,
        }
    });

    let report = report::render(&report::Input {
        bodies: &bodies,
        docs: &docs,
        rows: &rows,
        shipped_clustering: shipped_clustering.as_ref(),
        analysis,
        clustering,
    });

    fs::create_dir_all(&opts.out_dir)
        .with_context(|| format!("creating {}", opts.out_dir.display()))?;
    let write = |name: &str, bytes: &[u8]| -> Result<()> {
        let out = opts.out_dir.join(name);
        fs::write(&out, bytes).with_context(|| format!("writing {}", out.display()))
    };
    write("results.md", report.as_bytes())?;
    let summary = report::summary_json(&rows, analysis, clustering);
    write("summary.json", &serde_json::to_vec_pretty(&summary)?)?;
    if let (Some(c), Some(Ok((scores, a)))) = (
        &shipped_clustering,
        rows.first().map(|r| r.outcome.as_ref()),
    ) {
        let details = report::clusters_json(&bodies, c, a, scores);
        write("clusters.json", &serde_json::to_vec_pretty(&details)?)?;
    } else {
        // No details of this run: leave none of an earlier one behind.
        let _ = fs::remove_file(opts.out_dir.join("clusters.json"));
    }
    Ok(report)
}

/// `../shared/corpora/fnc1-stories-dev` next to the project root.
pub fn default_corpus(root: &Path) -> PathBuf {
    crate::cli::shared_corpora(root).join("fnc1-stories-dev")
}

#[cfg(test)]
mod tests;
