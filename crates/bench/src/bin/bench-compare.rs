//! `bench-compare`: the same-fact judge behind `crosscheck compare` and alignment, on MSRP's held-out
//! fifth and STS-B dev, beside the embedding cosine alone and a bag-of-words cosine; see
//! `crosscheck_bench::samefact_bench`.
//!
//! ```text
//! cargo run --release -p crosscheck-bench --bin bench-compare -- [--corpora DIR]
//! ```
//!
//! When the corpora are absent the program says so and exits 0. Exit 2 = bad arguments or an I/O error.

use std::process::ExitCode;

use crosscheck_bench::cli;
use crosscheck_bench::extract_bench::project_root;
use crosscheck_bench::samefact_bench::{run, Options};

const USAGE: &str = "usage: bench-compare [--corpora DIR]
run as: cargo run --release -p crosscheck-bench --bin bench-compare -- [OPTIONS]";

fn main() -> ExitCode {
    cli::warn_if_debug_build();
    let mut opts = Options {
        corpora: cli::shared_corpora(&project_root()),
    };
    if let Err(e) = cli::parse_flags(USAGE, |name, value| {
        match name {
            "--corpora" => opts.corpora = value.path()?,
            _ => return Ok(false),
        }
        Ok(true)
    }) {
        return cli::finish("bench-compare", Err(e));
    }
    if !opts.corpora.join("msrp").is_dir() || !opts.corpora.join("stsb").is_dir() {
        println!(
            "bench-compare: skipped: no msrp and stsb corpora under {}",
            opts.corpora.display()
        );
        return ExitCode::SUCCESS;
    }
    cli::finish("bench-compare", run(&opts))
}
