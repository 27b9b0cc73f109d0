//! `bench-ecb`: stories and sentence alignment on ECB+ (topics 1–35), beside their baselines; see
//! `crosscheck_bench::ecb_bench`.
//!
//! ```text
//! cargo run --release -p crosscheck-bench --bin bench-ecb -- [--corpus DIR]
//! ```
//!
//! When the corpus folder is absent the program says so and exits 0. Exit 2 = bad arguments or an I/O error.

use std::process::ExitCode;

use anyhow::Result;
use crosscheck_bench::cli;
use crosscheck_bench::ecb_bench::{run, Options};
use crosscheck_bench::extract_bench::project_root;

const USAGE: &str = "usage: bench-ecb [--corpus DIR]
run as: cargo run --release -p crosscheck-bench --bin bench-ecb -- [OPTIONS]";

fn parse_args() -> Result<Options> {
    let mut opts = Options {
        corpus: cli::shared_corpora(&project_root()).join("ecbplus"),
    };
    cli::parse_flags(USAGE, |name, value| {
        match name {
            "--corpus" => opts.corpus = value.path()?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(opts)
}

fn main() -> ExitCode {
    cli::main_over_corpus(
        "bench-ecb",
        "ECB+",
        "ecbplus",
        parse_args,
        |o| &o.corpus,
        run,
    )
}
