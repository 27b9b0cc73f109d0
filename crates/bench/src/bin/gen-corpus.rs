//! `gen-corpus`: write N varied news documents, generated from the shared
//! corpora, as JSON-lines shards that `crosscheck ingest` reads (see
//! `crosscheck_bench::scale::generate` for what is in them).
//!
//! ```text
//! cargo run --release -p crosscheck-bench --bin gen-corpus -- --docs 100000 --out DIR [--seed N] [--shard N] [--corpora DIR]
//! ```

use std::process::ExitCode;

use anyhow::{bail, Result};
use crosscheck_bench::cli;
use crosscheck_bench::extract_bench::project_root;
use crosscheck_bench::scale::generate::{generate, Spec};
use crosscheck_bench::scale::pool;

const USAGE: &str =
    "usage: gen-corpus --docs N --out DIR [--seed N] [--shard DOCS_PER_FILE] [--corpora DIR]";

fn run() -> Result<String> {
    let root = project_root();
    let mut corpora = cli::shared_corpora(&root);
    let mut out = None;
    let mut spec = Spec {
        docs: 0,
        seed: 1,
        shard_docs: 1000,
    };
    cli::parse_flags(USAGE, |name, value| {
        match name {
            "--docs" => spec.docs = value.number()?,
            "--seed" => spec.seed = value.number()?,
            "--shard" => spec.shard_docs = value.number()?,
            "--out" => out = Some(value.path()?),
            "--corpora" => corpora = value.path()?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let Some(out) = out else {
        bail!("--out DIR is required\n{USAGE}");
    };
    if spec.docs == 0 || spec.shard_docs == 0 {
        bail!("--docs and --shard must be positive\n{USAGE}");
    }
    let pool = pool::load(&corpora)?;
    let stats = generate(&pool, &spec, &out)?;
    Ok(serde_json::to_string_pretty(&stats)?)
}

fn main() -> ExitCode {
    cli::finish("gen-corpus", run())
}
