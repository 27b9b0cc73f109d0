//! `bench-collect`: web archives and feeds, crosscheck's readers beside
//! warcio and feedparser (Python, installed from PyPI into
//! `target/bench/venv-collect` on first use); see
//! `crosscheck_bench::collect_bench`.
//!
//! ```text
//! cargo run --release -p crosscheck-bench --bin bench-collect -- [--corpus DIR] [--passes N]
//! ```
//!
//! When the corpus is absent the program says so and exits 0.

use std::process::ExitCode;

use anyhow::Result;
use crosscheck_bench::cli;
use crosscheck_bench::collect_bench::{report, Options};
use crosscheck_bench::extract_bench::project_root;

const USAGE: &str = "usage: bench-collect [--corpus DIR] [--passes N]
run as: cargo run --release -p crosscheck-bench --bin bench-collect -- [OPTIONS]";

fn parse_args() -> Result<Options> {
    let root = project_root();
    let mut opts = Options {
        corpus: cli::shared_corpora(&root).join("feeds-warc"),
        passes: 5,
        venv: root.join("target/bench/venv-collect"),
        out_dir: root.join("target/bench/collect"),
    };
    cli::parse_flags(USAGE, |name, value| {
        match name {
            "--corpus" => opts.corpus = value.path()?,
            "--passes" => opts.passes = value.number::<usize>()?.clamp(1, 50),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(opts)
}

fn main() -> ExitCode {
    cli::main_over_corpus(
        "bench-collect",
        "feeds-warc",
        "feeds-warc",
        parse_args,
        |o| o.corpus.as_path(),
        report,
    )
}
