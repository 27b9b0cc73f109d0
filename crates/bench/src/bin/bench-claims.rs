//! `bench-claims`: the claims benchmark. Scores the shipped check-worthiness
//! model (`crosscheck_claims::checkworthy::score`) on the never-tuned
//! held-out part of ClaimBuster, reports amount and time extraction on the
//! project's fixtures, and times the whole per-document analysis
//! (`crosscheck_claims::analyze_document`) on one core.
//!
//! ```text
//! cargo run --release -p crosscheck-bench --bin bench-claims -- [OPTIONS]
//! ```
//!
//! Options:
//! - `--corpus DIR`    the ClaimBuster folder (default: `../shared/corpora/claimbuster` from the project root)
//! - `--polnear DIR`   the PolNeAR folder whose dev texts are timed (default: `../shared/corpora/polnear`)
//! - `--repeat N`      timed passes; the fastest counts (default 3)
//! - `--out DIR`       where `results.md` goes (default: `target/bench/claims`)
//!
//! The table is printed on stdout and written to `target/bench/claims/results.md`.
//! When the corpus folder is absent the program says so and exits 0 (a fresh
//! clone without `../shared`). Exit 2 = bad arguments or an I/O error.
//!
//! # Data and split
//!
//! `train.json` holds 7,976 debate sentences, label 1 = check-worthy. The
//! held-out part is every sentence with `sentence_id % 5 == 3` (1,581); it is
//! never used to train or tune. The tuning part (the rest) trains the
//! shipped model and chooses its settings by 5-fold cross-validation, fold
//! `(sentence_id / 5) % 5` (`train-checkworthy`); its CV F1 is printed for
//! reference. `checkthat2019-task1-train.csv` (CLEF CheckThat! 2019 task 1
//! training lines, other debates and another labelling, 2.7% positive) is an
//! out-of-domain row, never tuned on.
//!
//! # Scores
//!
//! Check-worthiness: a sentence is predicted check-worthy when `score` ≥ 0.5
//! (`crosscheck_model::CHECKWORTHY`); precision, recall and F1 of the
//! check-worthy class, micro over the sentences. Amounts and times: the
//! fixtures' own scorers (`crosscheck_nlp::amounts::fixtures::evaluate`,
//! `crosscheck_nlp::timex::fixtures::score`), exact matches.
//!
//! # Speed
//!
//! As in `bench-quotes`: texts in memory, one thread, CPU seconds of the
//! thread, fastest of `--repeat` passes; `analyze_document(text, None)` over
//! the PolNeAR dev texts, and `score` alone over the held-out sentences.
//!
//! # Bars (from the issue)
//!
//! Held-out F1 ≥ 0.80; ≥ 300 documents per second on one core.

use std::process::ExitCode;

use anyhow::Result;
use crosscheck_bench::claims_bench::{default_corpus, run, Options};
use crosscheck_bench::cli;
use crosscheck_bench::extract_bench::project_root;

const USAGE: &str = "usage: bench-claims [--corpus DIR] [--polnear DIR] [--repeat N] [--out DIR]
run as: cargo run --release -p crosscheck-bench --bin bench-claims -- [OPTIONS]";

fn parse_args() -> Result<Options> {
    let root = project_root();
    let mut opts = Options {
        corpus: default_corpus(&root),
        polnear: crosscheck_bench::polnear::default_corpus(&root),
        repeat: 3,
        out_dir: root.join("target").join("bench").join("claims"),
    };
    cli::parse_flags(USAGE, |name, value| {
        match name {
            "--corpus" => opts.corpus = value.path()?,
            "--polnear" => opts.polnear = value.path()?,
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
        "bench-claims",
        "ClaimBuster",
        "claimbuster",
        parse_args,
        |o| &o.corpus,
        run,
    )
}
