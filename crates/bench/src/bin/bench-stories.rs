//! `bench-stories`: the story-clustering benchmark. Clusters the 440
//! fnc1-stories-dev article bodies with `crosscheck_cluster::cluster_with`
//! and scores the stories against the gold story labels.
//!
//! ```text
//! cargo run --release -p crosscheck-bench --bin bench-stories -- [OPTIONS]
//! ```
//!
//! Options:
//! - `--corpus DIR`    the fnc1-stories-dev folder (default: `../shared/corpora/fnc1-stories-dev` from the project root)
//! - `--repeat N`      timed passes; the fastest counts (default 3)
//! - `--out DIR`       where the results go (default: `target/bench/stories`)
//!
//! The report is printed on stdout and written to `results.md`; every row's
//! scores and the timings go to `summary.json`, and the shipped run's
//! clusters with the gold stories of their documents (ids and labels, no
//! text) to `clusters.json`, for error analysis. When the corpus folder is
//! absent the program says so and exits 0 (a fresh clone without
//! `../shared`). Exit 2 = bad arguments or an I/O error.
//!
//! # Input
//!
//! `bodies.jsonl`: `{id, story, text}` per line (FNC-1 test bodies, 57 gold
//! stories). The corpus has no dates and no titles, so every `DocInput` has
//! `published: None` and `title: None`; its entities are what the pipeline
//! passes: the names (`DocEntity.name`) of the people, organisations and
//! places `crosscheck_nlp::analyze` finds in the text, each once.
//!
//! # Rows
//!
//! The shipped thresholds (`Params::default()`) first; then a sensitivity
//! grid, `join` ∈ {0.15, 0.20, 0.25, 0.30} × `merge` ∈ {0.20, 0.25, 0.30,
//! 0.35}, the copy threshold at its default, to show how flat the result is
//! around the shipped values; then two baselines: every document a story of
//! its own, and all documents in one story. A clustering that panics or
//! names a document that does not exist is reported, not scored; documents
//! it leaves out count as stories of their own.
//!
//! # Scores (`../shared/corpora/README.md`)
//!
//! BCubed: per document, precision = share of its predicted story that
//! shares its gold story, recall = share of its gold story inside its
//! predicted story; both averaged over the documents; F1 = harmonic mean of
//! the two averages. Pairwise: precision, recall and F1 over all document
//! pairs (same predicted story vs same gold story; precision 0 when no pair
//! is predicted). The number of predicted and gold stories is shown.
//!
//! # Speed
//!
//! Texts in memory, one thread, CPU seconds of the thread, fastest of
//! `--repeat` passes: `crosscheck_nlp::analyze` over the bodies, and one
//! `cluster_with` call over all of them with the shipped thresholds.
//!
//! # Bar (from the issue)
//!
//! BCubed F1 ≥ 0.90 with the shipped thresholds.

use std::process::ExitCode;

use anyhow::Result;
use crosscheck_bench::cli;
use crosscheck_bench::extract_bench::project_root;
use crosscheck_bench::stories_bench::{default_corpus, run, Options};

const USAGE: &str = "usage: bench-stories [--corpus DIR] [--repeat N] [--out DIR]
run as: cargo run --release -p crosscheck-bench --bin bench-stories -- [OPTIONS]";

fn parse_args() -> Result<Options> {
    let root = project_root();
    let mut opts = Options {
        corpus: default_corpus(&root),
        repeat: 3,
        out_dir: root.join("target").join("bench").join("stories"),
    };
    cli::parse_flags(USAGE, |name, value| {
        match name {
            "--corpus" => opts.corpus = value.path()?,
            "--out" => opts.out_dir = value.path()?,
            "--repeat" => opts.repeat = value.number()?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(opts)
}

fn main() -> ExitCode {
    cli::main_over_corpus(
        "bench-stories",
        "fnc1-stories-dev",
        "fnc1-stories-dev",
        parse_args,
        |o| &o.corpus,
        run,
    )
}
