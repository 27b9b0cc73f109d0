//! `bench-extract`: scores article extraction on the shared corpora, side by
//! side with rs-trafilatura, dom_smoothie and Python trafilatura.
//!
//! Run it in release mode (the speed column is meaningless otherwise):
//!
//! ```text
//! cargo run --release -p crosscheck-bench --bin bench-extract -- [OPTIONS]
//! ```
//!
//! Options:
//! - `--corpora DIR`   the corpora folder (default: `../shared/corpora` from the project root)
//! - `--systems LIST`  comma-separated: crosscheck,text-dump,rs-trafilatura,dom_smoothie,trafilatura
//!   (default: all)
//! - `--limit N`       only the first N pages of each corpus
//! - `--repeat N`      time N passes per system, Python included, and keep the fastest
//!   (default 3, the usual minimum-of-runs practice on a shared machine; results are the first
//!   pass's; caches inside an extractor may favour later passes)
//! - `--out DIR`       where the table and per-page details go (default: `target/bench/extract`)
//! - `--render KEY`    print the text-dump rendering of one page (`aeb/<id>` or `wcxb/<id>`) and exit
//!
//! The table is printed on stdout and written to `target/bench/extract/table.md`,
//! with `summary.json` and one `details-<system>.json` per system.
//!
//! Exit codes: 0 = table printed (a peer that could not run is a "not run" row);
//! 2 = bad arguments, corpora absent, or an I/O error.

use std::process::ExitCode;

use anyhow::{anyhow, Result};
use crosscheck_bench::cli;
use crosscheck_bench::extract_bench::{project_root, run, Options};
use crosscheck_bench::systems::SystemId;

const USAGE: &str =
    "usage: bench-extract [--corpora DIR] [--systems LIST] [--limit N] [--repeat N] [--out DIR] [--render KEY]
systems: crosscheck,text-dump,rs-trafilatura,dom_smoothie,trafilatura (default: all)
run as: cargo run --release -p crosscheck-bench --bin bench-extract -- [OPTIONS]";

fn parse_args() -> Result<Options> {
    let root = project_root();
    let mut opts = Options {
        corpora: cli::shared_corpora(&root),
        systems: SystemId::ALL.to_vec(),
        limit: None,
        repeat: 3,
        out_dir: root.join("target").join("bench").join("extract"),
        venv: root.join("target").join("bench").join("venv"),
        render: None,
    };
    cli::parse_flags(USAGE, |name, value| {
        match name {
            "--corpora" => opts.corpora = value.path()?,
            "--out" => opts.out_dir = value.path()?,
            "--render" => opts.render = Some(value.string()?),
            "--limit" => opts.limit = Some(value.number()?),
            "--repeat" => opts.repeat = value.number()?,
            "--systems" => {
                opts.systems = value
                    .string()?
                    .split(',')
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| SystemId::parse(s).ok_or_else(|| anyhow!("unknown system {s:?}")))
                    .collect::<Result<_>>()?;
            }
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(opts)
}

fn main() -> ExitCode {
    cli::warn_if_debug_build();
    cli::finish("bench-extract", parse_args().and_then(|opts| run(&opts)))
}
