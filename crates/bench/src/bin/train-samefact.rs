//! `train-samefact`: re-trains the same-fact judge's weights (`crates/samefact/model/judge.bin`) on
//! MSRP's training part and STS-B's training pairs; see `crosscheck_bench::samefact_bench`. Seeded and
//! single-threaded: the same bytes on every run.
//!
//! ```text
//! cargo run --release -p crosscheck-bench --bin train-samefact -- [--corpora DIR] [--out FILE]
//! ```
//!
//! When the corpora folder is absent the program says so and exits 0.

use std::process::ExitCode;

use anyhow::{Context, Result};
use crosscheck_bench::cli;
use crosscheck_bench::extract_bench::project_root;
use crosscheck_bench::samefact_bench::{msrp, stsb, train, SETTINGS};

const USAGE: &str = "usage: train-samefact [--corpora DIR] [--out FILE]
run as: cargo run --release -p crosscheck-bench --bin train-samefact -- [OPTIONS]";

fn main() -> ExitCode {
    let root = project_root();
    let mut corpora = cli::shared_corpora(&root);
    let mut out = root
        .join("crates")
        .join("samefact")
        .join("model")
        .join("judge.bin");
    let parsed = cli::parse_flags(USAGE, |name, value| {
        match name {
            "--corpora" => corpora = value.path()?,
            "--out" => out = value.path()?,
            _ => return Ok(false),
        }
        Ok(true)
    });
    if let Err(e) = parsed {
        return cli::finish("train-samefact", Err(e));
    }
    if !corpora.join("msrp").is_dir() || !corpora.join("stsb").is_dir() {
        println!(
            "train-samefact: skipped: no msrp and stsb corpora under {}",
            corpora.display()
        );
        return ExitCode::SUCCESS;
    }
    let result = (|| -> Result<String> {
        let (msrp_train, _) = msrp(&corpora)?;
        let stsb_train = stsb(&corpora, "sts-train.csv")?;
        let judge = train(&msrp_train, &stsb_train, &SETTINGS);
        let bytes = judge.to_bytes();
        std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
        Ok(format!(
            "wrote {} ({} weights, threshold {:.4}; {} MSRP and {} STS-B training pairs)",
            out.display(),
            judge.weights.len(),
            judge.threshold,
            msrp_train.len(),
            stsb_train.len()
        ))
    })();
    cli::finish("train-samefact", result)
}
