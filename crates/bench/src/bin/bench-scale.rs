//! `bench-scale`: how ingest, clustering and corroboration grow with the
//! number of documents. For each size, documents are generated from the
//! shared corpora (`crosscheck_bench::scale::generate`: stories of
//! heavy-tailed sizes, copies and rewrites, three input formats) and
//! ingested by the `crosscheck` command into a fresh database; the table
//! gives wall-clock time, documents per second, peak memory (the process's
//! maximum resident set), database size and the seconds of each stage.
//!
//! ```text
//! cargo build --release -p crosscheck-cli
//! cargo run --release -p crosscheck-bench --bin bench-scale -- [OPTIONS]
//! ```
//!
//! Options:
//! - `--sizes N,N,...`  documents per run (default 10000,100000; the issue's
//!   bar is for 1000000, about 4 GB of input and an hour on 2 cores)
//! - `--seed N`         generator seed (default 1)
//! - `--jobs N`         worker threads of `crosscheck ingest` (default: all cores)
//! - `--crosscheck P`   the binary (default: `crosscheck` beside this program)
//! - `--work DIR`       generated documents and databases (default `target/bench/scale/work`)
//! - `--keep`           keep the databases
//! - `--update N`       after each size, ingest N new documents (seed + 1000)
//!   into its store and time the update (the issue's bar: 100 into 100000
//!   in under 5 s)
//! - `--stream M`       instead: for each size N, N + M documents of one
//!   stream; the last M ingested in batches after the first N, each timed,
//!   then the stories compared with a rebuild (BCubed; the issue's bar ≥ 0.98)
//! - `--batch B`        documents per batch of the stream (default 100)
//! - `--corpora DIR`    the shared corpora (default `../shared/corpora`)
//! - `--out DIR`        where the report goes (default `target/bench/scale`)
//!
//! When the corpora are absent the program says so and exits 0.

use std::process::ExitCode;

use anyhow::{Context, Result};
use crosscheck_bench::cli;
use crosscheck_bench::extract_bench::project_root;
use crosscheck_bench::scale::run::{run, Options};

const USAGE: &str =
    "usage: bench-scale [--sizes N,N,...] [--seed N] [--jobs N] [--crosscheck PATH] \
[--work DIR] [--keep] [--update N] [--stream M] [--batch B] [--corpora DIR] [--out DIR]
run as: cargo build --release -p crosscheck-cli && \
cargo run --release -p crosscheck-bench --bin bench-scale -- [OPTIONS]";

fn parse_args() -> Result<Options> {
    let root = project_root();
    let beside = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("crosscheck")))
        .unwrap_or_else(|| root.join("target/release/crosscheck"));
    let mut opts = Options {
        corpora: cli::shared_corpora(&root),
        sizes: vec![10_000, 100_000],
        seed: 1,
        jobs: None,
        crosscheck: beside,
        work: root.join("target/bench/scale/work"),
        out_dir: root.join("target/bench/scale"),
        keep: false,
        update: 0,
        stream: 0,
        batch: 100,
    };
    cli::parse_flags(USAGE, |name, value| {
        match name {
            "--sizes" => {
                let list = value.string()?;
                opts.sizes = list
                    .split(',')
                    .map(|s| s.trim().replace('_', "").parse::<usize>())
                    .collect::<Result<_, _>>()
                    .with_context(|| format!("--sizes {list}: not a list of numbers"))?;
            }
            "--seed" => opts.seed = value.number()?,
            "--jobs" => opts.jobs = Some(value.number()?),
            "--crosscheck" => opts.crosscheck = value.path()?,
            "--work" => opts.work = value.path()?,
            "--keep" => opts.keep = true,
            "--update" => opts.update = value.number()?,
            "--stream" => opts.stream = value.number()?,
            "--batch" => opts.batch = value.number()?,
            "--corpora" => opts.corpora = value.path()?,
            "--out" => opts.out_dir = value.path()?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(opts)
}

fn main() -> ExitCode {
    cli::main_over_corpus("bench-scale", "shared", "", parse_args, |o| &o.corpora, run)
}
