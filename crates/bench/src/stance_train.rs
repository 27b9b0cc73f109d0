//! `train-stance`: the stance model's weights from FNC-1's training set
//! (`../shared/corpora/fnc1-train`). Every related pair (agree, disagree,
//! discuss) becomes one example: the headline as the claim, the body as the
//! document, and the evidence sentence `stance::judge` picks, through
//! `stance_model::features`, the function the product uses. Training is
//! seeded and single-threaded, so the weights are the same bytes on every
//! run. Tuned by hand on fnc1-stories-dev (`bench-stance`), never on the
//! training pairs' scores.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use crosscheck_cluster::terms::Vocabulary;
use crosscheck_corroborate::stance::judge;
use crosscheck_corroborate::stance_model::{self, train, Features, TrainSettings};

use crate::claims_bench::data::parse_csv;

pub struct Options {
    /// The fnc1-train folder.
    pub corpus: PathBuf,
    /// Where the weights go (`crates/corroborate/src/stance_weights.bin`).
    pub out: PathBuf,
}

/// The settings of the shipped weights.
pub const SETTINGS: TrainSettings = TrainSettings {
    epochs: 6,
    learning_rate: 0.2,
    l2: 1e-6,
    // agree, disagree, discuss: 3,678, 840 and 8,909 pairs.
    class_weight: [1.5, 3.0, 1.0],
    seed: 20261202,
};

fn read_csv(path: &Path) -> Result<Vec<Vec<String>>> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(parse_csv(text.trim_start_matches('\u{feff}')))
}

/// The training examples: (features, class: 0 agree, 1 disagree, 2 discuss).
pub fn examples(corpus: &Path) -> Result<Vec<(Features, usize)>> {
    let mut bodies: HashMap<String, String> = HashMap::new();
    for (i, r) in read_csv(&corpus.join("train_bodies.csv"))?
        .into_iter()
        .enumerate()
        .skip(1)
    {
        match r.as_slice() {
            [id, body] => {
                bodies.insert(id.clone(), body.clone());
            }
            [] => {}
            _ => bail!("train_bodies.csv row {}: not Body ID,articleBody", i + 1),
        }
    }
    let mut ids: Vec<&String> = bodies.keys().collect();
    ids.sort();
    let mut vocabulary = Vocabulary::default();
    for id in &ids {
        vocabulary.count(&bodies[*id], &[]);
    }
    let sentences: HashMap<&str, Vec<(usize, usize)>> = ids
        .iter()
        .map(|id| {
            let s = crosscheck_nlp::split_sentences(&bodies[*id])
                .into_iter()
                .map(|s| (s.start, s.end))
                .collect();
            (id.as_str(), s)
        })
        .collect();
    let mut out = Vec::new();
    for (i, r) in read_csv(&corpus.join("train_stances.csv"))?
        .into_iter()
        .enumerate()
        .skip(1)
    {
        let (headline, body, stance) = match r.as_slice() {
            [h, b, s] => (h, b, s),
            [] => continue,
            _ => bail!(
                "train_stances.csv row {}: not Headline,Body ID,Stance",
                i + 1
            ),
        };
        let class = match stance.as_str() {
            "agree" => 0,
            "disagree" => 1,
            "discuss" => 2,
            "unrelated" => continue,
            other => bail!("train_stances.csv row {}: unknown stance {other:?}", i + 1),
        };
        let Some(text) = bodies.get(body) else {
            bail!(
                "train_stances.csv row {} names body {body}, which train_bodies.csv lacks",
                i + 1
            );
        };
        let j = judge(&mut vocabulary, headline, text, &sentences[body.as_str()]);
        let evidence = j.evidence.map(|(s, e)| &text[s..e]);
        out.push((stance_model::features(headline, text, evidence), class));
    }
    Ok(out)
}

/// Trains and writes the weights; returns a one-line summary.
pub fn run(opts: &Options) -> Result<String> {
    let examples = examples(&opts.corpus)?;
    let model = train(&examples, SETTINGS);
    let bytes = model.to_bytes();
    fs::write(&opts.out, &bytes).with_context(|| format!("writing {}", opts.out.display()))?;
    let right = examples
        .iter()
        .filter(|(f, y)| {
            let p = model.probabilities(f);
            (0..p.len()).fold(0, |b, k| if p[k] > p[b] { k } else { b }) == *y
        })
        .count();
    Ok(format!(
        "train-stance: {} related pairs, {} bytes of weights written to {}; training accuracy {:.3} \
         (not a measure: bench-stance scores fnc1-stories-dev)",
        examples.len(),
        bytes.len(),
        opts.out.display(),
        right as f64 / examples.len().max(1) as f64
    ))
}
