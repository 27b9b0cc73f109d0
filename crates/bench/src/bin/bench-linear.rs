//! `bench-linear`: time against length of the per-document path on long
//! generated texts (one paragraph of numbers, of quotes, …), at a size and
//! its doubles; see `crosscheck_bench::linear`. Needs no corpus.
//!
//! ```text
//! cargo run --release -p crosscheck-bench --bin bench-linear -- [--base BYTES] [--passes N]
//! ```
//!
//! Exit 2 = bad arguments.

use std::process::ExitCode;

use anyhow::Result;
use crosscheck_bench::cli;
use crosscheck_bench::linear::{report, Options};

const USAGE: &str = "usage: bench-linear [--base BYTES] [--passes N]
run as: cargo run --release -p crosscheck-bench --bin bench-linear -- [OPTIONS]
times texts of BYTES, 2×BYTES and 4×BYTES (default 1000000), fastest of N passes (default 3)";

fn parse_args() -> Result<Options> {
    let mut opts = Options {
        base: 1_000_000,
        passes: 3,
    };
    cli::parse_flags(USAGE, |name, value| {
        match name {
            "--base" => opts.base = value.number::<usize>()?.max(1000),
            "--passes" => opts.passes = value.number::<usize>()?.clamp(1, 20),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(opts)
}

fn main() -> ExitCode {
    cli::warn_if_debug_build();
    match parse_args() {
        Ok(opts) => cli::finish("bench-linear", report(&opts)),
        Err(e) => cli::finish("bench-linear", Err(e)),
    }
}
