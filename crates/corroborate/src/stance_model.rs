//! The learned part of stance: among documents related to a claim, which
//! support it, contradict it or discuss it. A multinomial logistic
//! regression over hashed features of the claim, the document and its
//! evidence sentence (the words of each, the word pairs of the claim and
//! the evidence, the claim's words the document repeats, and the densities
//! of denial, hedging and negation cues), trained by
//! `train-stance` (crates/bench) on the related pairs of FNC-1's training
//! set. The shipped weights (`stance_weights.bin`) hold bucket numbers'
//! weights only, no text; see `STANCE_WEIGHTS.md` for their provenance.

use std::sync::OnceLock;

use crate::stance::{DENIAL, HEDGES};

/// Hash buckets of the features.
pub const DIM: usize = 1 << 15;
/// The classes, in the order of the model's outputs.
pub const CLASSES: usize = 3;
const MAGIC: &[u8; 8] = b"CCSTNC01";

/// Words that negate what follows.
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "nothing", "none", "neither", "nor", "isn't", "wasn't", "aren't",
    "weren't", "doesn't", "didn't", "don't", "won't", "cannot", "can't",
];

/// Hashed features: (bucket, value).
pub type Features = Vec<(u32, f32)>;

fn fnv1a(parts: &[&str]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(0x0100_0193);
        }
        for b in p.bytes() {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h % DIM as u32
}

/// A text's words, lower case (apostrophes kept: "isn't").
pub fn lower_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// How many of `words` per hundred are in `list`.
pub fn per_hundred(words: &[String], list: &[&str]) -> f32 {
    100.0 * words.iter().filter(|w| list.contains(&w.as_str())).count() as f32
        / words.len().max(1) as f32
}

/// The features of (claim, document, evidence sentence).
pub fn features(claim: &str, doc: &str, evidence: Option<&str>) -> Features {
    features_of_words(claim, &lower_words(doc), evidence)
}

/// [`features`] with the document's words already read ([`lower_words`]).
pub fn features_of_words(claim: &str, doc_words: &[String], evidence: Option<&str>) -> Features {
    let claim_words = lower_words(claim);
    let evidence_words = evidence.map(lower_words).unwrap_or_default();
    let mut out: Vec<(u32, f32)> = Vec::new();
    let bag = |ns: &str, words: &[String], out: &mut Vec<(u32, f32)>| {
        let mut counts: std::collections::BTreeMap<&str, f32> = Default::default();
        for w in words {
            *counts.entry(w.as_str()).or_default() += 1.0;
        }
        let norm = counts
            .values()
            .map(|c| (1.0 + c).ln().powi(2))
            .sum::<f32>()
            .sqrt()
            .max(1e-6);
        for (w, c) in counts {
            out.push((fnv1a(&[ns, w]), (1.0 + c).ln() / norm));
        }
    };
    bag("c", &claim_words, &mut out);
    bag("d", doc_words, &mut out);
    bag("e", &evidence_words, &mut out);
    // The claim's words the document repeats, and those it does not.
    let in_doc: std::collections::HashSet<&str> = doc_words.iter().map(String::as_str).collect();
    let repeated: Vec<String> = claim_words
        .iter()
        .filter(|w| in_doc.contains(w.as_str()))
        .cloned()
        .collect();
    bag("r", &repeated, &mut out);
    // Word pairs of the claim and of the evidence ("not true", "was
    // fake", "is reportedly").
    let pairs = |words: &[String]| -> Vec<String> {
        words
            .windows(2)
            .map(|w| format!("{} {}", w[0], w[1]))
            .collect()
    };
    bag("c2", &pairs(&claim_words), &mut out);
    bag("e2", &pairs(&evidence_words), &mut out);
    let share = repeated.len() as f32 / claim_words.len().max(1) as f32;
    out.push((fnv1a(&["x", "repeated share"]), share));
    for (name, value) in [
        ("denial density", per_hundred(doc_words, DENIAL)),
        ("hedge density", per_hundred(doc_words, HEDGES)),
        ("denial in evidence", per_hundred(&evidence_words, DENIAL)),
        ("hedge in evidence", per_hundred(&evidence_words, HEDGES)),
        ("denial in claim", per_hundred(&claim_words, DENIAL)),
        ("hedge in claim", per_hundred(&claim_words, HEDGES)),
        (
            "negation in evidence",
            per_hundred(&evidence_words, NEGATIONS),
        ),
        ("negation density", per_hundred(doc_words, NEGATIONS)),
    ] {
        out.push((fnv1a(&["x", name]), (value / 2.0).min(3.0)));
        out.push((fnv1a(&["x", name, "any"]), f32::from(u8::from(value > 0.0))));
    }
    out.push((fnv1a(&["x", "bias"]), 1.0));
    out
}

/// Weights: `CLASSES` rows of `DIM`.
#[derive(Debug, Clone, PartialEq)]
pub struct StanceModel {
    pub weights: Vec<f32>,
}

impl StanceModel {
    pub fn zeros() -> StanceModel {
        StanceModel {
            weights: vec![0.0; CLASSES * DIM],
        }
    }

    /// The model shipped in the crate.
    pub fn shipped() -> &'static StanceModel {
        static MODEL: OnceLock<StanceModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            StanceModel::from_bytes(include_bytes!("stance_weights.bin"))
                .expect("the shipped stance weights are well formed (a test reads them)")
        })
    }

    /// Class probabilities (supports, contradicts, discusses).
    pub fn probabilities(&self, f: &[(u32, f32)]) -> [f32; CLASSES] {
        let mut z = [0f32; CLASSES];
        for (k, zk) in z.iter_mut().enumerate() {
            let row = &self.weights[k * DIM..(k + 1) * DIM];
            *zk = f.iter().map(|&(i, v)| row[i as usize] * v).sum();
        }
        let max = z.iter().copied().fold(f32::MIN, f32::max);
        let e: Vec<f32> = z.iter().map(|v| (v - max).exp()).collect();
        let s: f32 = e.iter().sum();
        [e[0] / s, e[1] / s, e[2] / s]
    }

    /// The weights as bytes: a magic tag, then little-endian f32s.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<StanceModel, String> {
        let body = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or("not a stance weights file")?;
        if body.len() != CLASSES * DIM * 4 {
            return Err(format!(
                "stance weights: {} bytes, expected {}",
                body.len(),
                CLASSES * DIM * 4
            ));
        }
        Ok(StanceModel {
            weights: body
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        })
    }
}

/// Settings of [`train`].
#[derive(Debug, Clone, Copy)]
pub struct TrainSettings {
    pub epochs: usize,
    pub learning_rate: f32,
    /// L2 penalty per example on the weights an example touches.
    pub l2: f32,
    /// Weight of each class's examples in the loss (rare classes count
    /// more).
    pub class_weight: [f32; CLASSES],
    pub seed: u64,
}

/// Trains by stochastic gradient descent in a fixed, seeded order: the
/// same examples and settings give the same weights, byte for byte.
pub fn train(examples: &[(Features, usize)], s: TrainSettings) -> StanceModel {
    let mut m = StanceModel::zeros();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut state = s.seed | 1;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for epoch in 0..s.epochs {
        for i in (1..order.len()).rev() {
            let j = (next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let lr = s.learning_rate / (1.0 + epoch as f32);
        for &x in &order {
            let (f, y) = &examples[x];
            let p = m.probabilities(f);
            let cw = s.class_weight[*y];
            for (k, pk) in p.iter().enumerate() {
                let g = cw * (pk - f32::from(u8::from(k == *y)));
                let row = &mut m.weights[k * DIM..(k + 1) * DIM];
                for &(i, v) in f {
                    let w = &mut row[i as usize];
                    *w -= lr * (g * v + s.l2 * *w);
                }
            }
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_load_and_round_trip() {
        let m = StanceModel::shipped();
        assert_eq!(m.weights.len(), CLASSES * DIM);
        assert_eq!(&StanceModel::from_bytes(&m.to_bytes()).unwrap(), m);
        assert!(StanceModel::from_bytes(b"CCSTNC01").is_err());
        assert!(StanceModel::from_bytes(b"nonsense").is_err());
    }

    #[test]
    fn training_is_deterministic_and_learns_a_cue() {
        let ex = |claim: &str, doc: &str, y: usize| (features(claim, doc, None), y);
        let data = vec![
            ex(
                "Shark seen in harbour",
                "The shark was seen in the harbour.",
                0,
            ),
            ex(
                "Shark seen in harbour",
                "The shark story is a hoax, fake.",
                1,
            ),
            ex(
                "Shark seen in harbour",
                "A shark was reportedly seen, unconfirmed.",
                2,
            ),
            ex("Bear seen in town", "The bear was seen in the town.", 0),
            ex("Bear seen in town", "The bear story is a hoax, fake.", 1),
            ex(
                "Bear seen in town",
                "A bear was reportedly seen, unconfirmed.",
                2,
            ),
        ];
        let s = TrainSettings {
            epochs: 30,
            learning_rate: 0.5,
            l2: 1e-4,
            class_weight: [1.0; CLASSES],
            seed: 7,
        };
        let a = train(&data, s);
        assert_eq!(a.to_bytes(), train(&data, s).to_bytes());
        let p = a.probabilities(&features(
            "Wolf seen in park",
            "The wolf story is a hoax, fake.",
            None,
        ));
        assert!(p[1] > p[0] && p[1] > p[2], "{p:?}");
    }
}
