//! Check-worthiness: how much a fact-checker would want a sentence checked.
//!
//! A logistic regression over hashed sparse features of the sentence
//! ([`features`]: word uni- and bigrams, character 2–5-grams within words,
//! word-shape uni- to trigrams), each namespace weighted
//! by sublinear tf × idf and L2-normalised. It was trained by
//! `train-checkworthy` (crate `crosscheck-bench`) on the ClaimBuster
//! sentences of the tuning part ([`train`]); the weights ship in
//! `weights.bin` ([`model`] describes the layout) and are parsed once.

pub mod features;
pub mod model;
pub mod tokens;
pub mod train;

#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use model::{Model, Packed};

/// The shipped weights file.
pub const WEIGHTS: &[u8] = include_bytes!("weights.bin");

type Shipped = Result<(Model, Packed), String>;

fn shipped() -> &'static Shipped {
    static MODEL: OnceLock<Shipped> = OnceLock::new();
    MODEL.get_or_init(|| {
        let m = Model::from_bytes(WEIGHTS)?;
        if !m.matches_features() {
            return Err(format!(
                "weights trained for feature version {}, this build has {}",
                m.feature_version,
                features::FEATURE_VERSION
            ));
        }
        let packed = Packed::new(&m);
        Ok((m, packed))
    })
}

/// The shipped model, parsed on first use; `Err` when the file does not
/// parse or was trained for other features (a unit test keeps it right).
pub fn shipped_model() -> Result<&'static Model, &'static str> {
    match shipped() {
        Ok((m, _)) => Ok(m),
        Err(e) => Err(e),
    }
}

/// The check-worthiness of one sentence, in [0, 1]; 0.5 or more is
/// check-worthy. Never NaN; 0 when the shipped weights are unusable.
pub fn score(sentence: &str) -> f32 {
    match shipped() {
        Ok((_, packed)) => packed.probability(&features::featurize(sentence)),
        Err(_) => 0.0,
    }
}
