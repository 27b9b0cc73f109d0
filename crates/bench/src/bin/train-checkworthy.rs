//! `train-checkworthy`: trains the check-worthiness model of
//! `crosscheck_claims::checkworthy` and writes its weights file.
//!
//! ```text
//! cargo run --release -p crosscheck-bench --bin train-checkworthy -- [OPTIONS]
//! ```
//!
//! Options:
//! - `--corpus DIR`   the ClaimBuster folder (default: `../shared/corpora/claimbuster` from the project root)
//! - `--out FILE`     the weights file (default: `crates/claims/src/checkworthy/weights.bin`)
//! - `--c LIST`       the L2 strengths C to cross-validate, comma-separated (default `0.3,1,2,3,5,10,30`)
//! - `--cv-only`      cross-validate and report; write nothing
//! - `--without LIST` leave out feature namespaces (`word,char,shape`) in the
//!   cross-validation, to measure what each brings (implies `--cv-only`)
//!
//! Reads only the tuning part of `train.json` (sentence ids not 3 mod 5; the
//! held-out part is for `bench-claims`). Featurizes each sentence, runs a
//! 5-fold cross-validation (fold `(id / 5) % 5`) of the class-balanced,
//! L2-regularised logistic regression for each C, picks the C with the best
//! mean fold F1 at threshold 0.5 (the smaller on a tie), trains on the whole
//! tuning part and writes the weights. Prints the CV figures, the time and
//! the file's size and SHA-256. Deterministic: the same data give
//! byte-identical weights. When the corpus folder is absent the program says
//! so and exits 0; exit 2 = bad arguments or an I/O error.

use std::process::ExitCode;

use anyhow::Result;
use crosscheck_bench::claims_bench::default_corpus;
use crosscheck_bench::claims_bench::train::{parse_namespace, run, TrainOptions};
use crosscheck_bench::cli;
use crosscheck_bench::extract_bench::project_root;

const USAGE: &str =
    "usage: train-checkworthy [--corpus DIR] [--out FILE] [--c LIST] [--cv-only] [--without LIST]
run as: cargo run --release -p crosscheck-bench --bin train-checkworthy -- [OPTIONS]";

fn parse_args() -> Result<TrainOptions> {
    let root = project_root();
    let mut opts = TrainOptions {
        corpus: default_corpus(&root),
        out: root.join("crates/claims/src/checkworthy/weights.bin"),
        cs: vec![0.3, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0],
        cv_only: false,
        without: Vec::new(),
    };
    cli::parse_flags(USAGE, |name, value| {
        match name {
            "--corpus" => opts.corpus = value.path()?,
            "--out" => opts.out = value.path()?,
            "--cv-only" => opts.cv_only = true,
            "--c" => {
                opts.cs = value
                    .string()?
                    .split(',')
                    .map(|c| {
                        c.trim()
                            .parse::<f64>()
                            .ok()
                            .filter(|c| *c > 0.0 && c.is_finite())
                            .ok_or_else(|| anyhow::anyhow!("--c {c}: not a positive number"))
                    })
                    .collect::<Result<_>>()?
            }
            "--without" => {
                opts.without = value
                    .string()?
                    .split(',')
                    .map(|s| parse_namespace(s.trim()))
                    .collect::<Result<_>>()?
            }
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(opts)
}

fn main() -> ExitCode {
    cli::main_over_corpus(
        "train-checkworthy",
        "ClaimBuster",
        "claimbuster",
        parse_args,
        |o| &o.corpus,
        run,
    )
}
