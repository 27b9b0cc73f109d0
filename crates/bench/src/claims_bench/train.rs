//! The `train-checkworthy` run: featurize the tuning part, cross-validate
//! the L2 strength, train on the whole tuning part, write the weights.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use crosscheck_claims::checkworthy::features::{featurize, Namespace};
use crosscheck_claims::checkworthy::train::{
    cross_validate, train_model, Confusion, CvResult, Example, FitOptions,
};
use sha2::{Digest, Sha256};

use super::data::{self, Sentence};

pub struct TrainOptions {
    /// The ClaimBuster folder (holds `train.json`).
    pub corpus: PathBuf,
    /// Where the weights go (`crates/claims/src/checkworthy/weights.bin`).
    pub out: PathBuf,
    /// The L2 strengths C to cross-validate.
    pub cs: Vec<f64>,
    /// Only cross-validate; write nothing.
    pub cv_only: bool,
    /// Namespaces left out (an ablation; implies `cv_only`).
    pub without: Vec<Namespace>,
}

/// `word`, `char`, `shape`.
pub fn parse_namespace(s: &str) -> Result<Namespace> {
    Ok(match s {
        "word" => Namespace::Word,
        "char" => Namespace::Char,
        "shape" => Namespace::Shape,
        _ => bail!("unknown namespace {s:?} (word, char, shape)"),
    })
}

/// The tuning sentences as training examples with their folds.
pub fn examples(tuning: &[Sentence], without: &[Namespace]) -> Vec<Example> {
    tuning
        .iter()
        .map(|s| Example {
            features: featurize(&s.text)
                .into_iter()
                .filter(|f| !without.contains(&f.ns))
                .collect(),
            label: s.check_worthy(),
            fold: data::cv_fold(s.sentence_id),
        })
        .collect()
}

/// The SHA-256 of `bytes` in hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Runs the training and returns the report.
pub fn run(opts: &TrainOptions) -> Result<String> {
    if opts.cs.is_empty() {
        bail!("no C to cross-validate");
    }
    let path = opts.corpus.join("train.json");
    let (tuning, held_out) = data::split(data::load_claimbuster(&path)?);
    let t0 = Instant::now();
    let examples = examples(&tuning, &opts.without);
    let positives = examples.iter().filter(|e| e.label).count();
    let mut r = format!(
        "Check-worthiness training on the ClaimBuster tuning part: {} sentences ({} check-worthy); \
         {} held-out sentences (id mod 5 = 3) not read.{}\n\n",
        examples.len(),
        positives,
        held_out.len(),
        if opts.without.is_empty() {
            String::new()
        } else {
            format!(" Without namespaces {:?}.", opts.without)
        }
    );
    let fit_opts = FitOptions::default();
    eprintln!(
        "cross-validating C in {:?} over 5 folds ({} sentences) ...",
        opts.cs,
        examples.len()
    );
    let results = cross_validate(&examples, &opts.cs, fit_opts);
    r.push_str("| C | mean fold F1 | pooled P | pooled R | pooled F1 |\n|---|---|---|---|---|\n");
    for res in &results {
        let mut pooled = Confusion::default();
        for f in &res.folds {
            pooled.tp += f.tp;
            pooled.fp += f.fp;
            pooled.fn_ += f.fn_;
            pooled.tn += f.tn;
        }
        let _ = writeln!(
            r,
            "| {} | {:.4} | {:.4} | {:.4} | {:.4} |",
            res.c,
            res.mean_f1(),
            pooled.precision(),
            pooled.recall(),
            pooled.f1()
        );
    }
    // The best mean F1; the first (smallest C in the order given) on a tie.
    let best = results
        .iter()
        .fold(None::<&CvResult>, |best, res| match best {
            Some(b) if b.mean_f1() >= res.mean_f1() => Some(b),
            _ => Some(res),
        })
        .context("no cross-validation result")?;
    let cv_seconds = t0.elapsed().as_secs_f64();
    let _ = writeln!(
        r,
        "\nChosen C = {} (5-fold CV F1 {:.4}); cross-validation took {cv_seconds:.1} s.",
        best.c,
        best.mean_f1()
    );
    if opts.cv_only || !opts.without.is_empty() {
        r.push_str("No weights written (--cv-only or --without).\n");
        return Ok(r);
    }
    let t1 = Instant::now();
    let (model, fit) = train_model(&examples, best.c, best.mean_f1(), fit_opts);
    let bytes = model.to_bytes();
    fs::write(&opts.out, &bytes).with_context(|| format!("writing {}", opts.out.display()))?;
    let _ = writeln!(
        r,
        "Trained on all {} tuning sentences in {:.1} s ({} L-BFGS iterations{}); \
         total {:.1} s.\nWrote {} ({} bytes), SHA-256 {}.",
        examples.len(),
        t1.elapsed().as_secs_f64(),
        fit.iterations,
        if fit.converged { "" } else { ", not converged" },
        t0.elapsed().as_secs_f64(),
        opts.out.display(),
        bytes.len(),
        sha256_hex(&bytes)
    );
    Ok(r)
}
