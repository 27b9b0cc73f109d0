//! `train-stance`: re-trains the shipped stance weights from
//! `../shared/corpora/fnc1-train`; see `crosscheck_bench::stance_train`.
//!
//! ```text
//! cargo run --release -p crosscheck-bench --bin train-stance -- [--corpus DIR] [--out FILE]
//! ```
//!
//! When the corpus folder is absent the program says so and exits 0.

use std::process::ExitCode;

use anyhow::Result;
use crosscheck_bench::cli;
use crosscheck_bench::extract_bench::project_root;
use crosscheck_bench::stance_train::{run, Options};

const USAGE: &str = "usage: train-stance [--corpus DIR] [--out FILE]
run as: cargo run --release -p crosscheck-bench --bin train-stance -- [OPTIONS]";

fn parse_args() -> Result<Options> {
    let root = project_root();
    let mut opts = Options {
        corpus: cli::shared_corpora(&root).join("fnc1-train"),
        out: root
            .join("crates")
            .join("corroborate")
            .join("src")
            .join("stance_weights.bin"),
    };
    cli::parse_flags(USAGE, |name, value| {
        match name {
            "--corpus" => opts.corpus = value.path()?,
            "--out" => opts.out = value.path()?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(opts)
}

fn main() -> ExitCode {
    cli::main_over_corpus(
        "train-stance",
        "fnc1-train",
        "fnc1-train",
        parse_args,
        |o| &o.corpus,
        run,
    )
}
