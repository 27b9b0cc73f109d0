//! `bench-stance`: claim stance on fnc1-stories-dev (FNC-1 score), through
//! the judge behind `crosscheck check`; see `crosscheck_bench::stance_bench`.
//!
//! ```text
//! cargo run --release -p crosscheck-bench --bin bench-stance -- [--corpus DIR] [--out DIR]
//! ```
//!
//! When the corpus folder is absent the program says so and exits 0. Exit 2
//! = bad arguments or an I/O error.

use std::process::ExitCode;

use anyhow::Result;
use crosscheck_bench::cli;
use crosscheck_bench::extract_bench::project_root;
use crosscheck_bench::stance_bench::{run, Options};
use crosscheck_bench::stories_bench::default_corpus;

const USAGE: &str = "usage: bench-stance [--corpus DIR] [--out DIR]
run as: cargo run --release -p crosscheck-bench --bin bench-stance -- [OPTIONS]";

fn parse_args() -> Result<Options> {
    let root = project_root();
    let mut opts = Options {
        corpus: default_corpus(&root),
        out_dir: root.join("target").join("bench").join("stance"),
    };
    cli::parse_flags(USAGE, |name, value| {
        match name {
            "--corpus" => opts.corpus = value.path()?,
            "--out" => opts.out_dir = value.path()?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(opts)
}

fn main() -> ExitCode {
    cli::main_over_corpus(
        "bench-stance",
        "fnc1-stories-dev",
        "fnc1-stories-dev",
        parse_args,
        |o| &o.corpus,
        run,
    )
}
