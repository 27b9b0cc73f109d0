//! The weights file: a logistic regression over the hashed features.
//!
//! Layout, all numbers little-endian:
//!
//! | bytes | what |
//! |---|---|
//! | 4 | magic `CCW1` |
//! | 2 | format version ([`FORMAT_VERSION`]) |
//! | 2 | feature version the model was trained with ([`FEATURE_VERSION`]) |
//! | 4 | bucket count (u32) |
//! | 4 | L2 strength C the model was trained with (f32) |
//! | 4 | its cross-validated F1 on the tuning part (f32) |
//! | 4 | number of training sentences (u32) |
//! | 4 × buckets | idf per bucket (f32) |
//! | 4 × buckets | weight per bucket (f32) |
//! | 4 | bias (f32) |
//!
//! Only bucket numbers and numbers learned from them are stored, never text.

use super::features::{for_each_value, tf, Feature, BUCKETS, FEATURE_VERSION};

pub const MAGIC: &[u8; 4] = b"CCW1";
pub const FORMAT_VERSION: u16 = 1;
const HEADER: usize = 4 + 2 + 2 + 4 + 4 + 4 + 4;

/// A trained model with what it was trained with.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub feature_version: u16,
    /// The L2 strength C (loss weight; the penalty is ‖w‖² / 2C).
    pub c: f32,
    /// Cross-validated F1 at threshold 0.5 on the tuning part.
    pub cv_f1: f32,
    pub train_size: u32,
    pub idf: Vec<f32>,
    pub weights: Vec<f32>,
    pub bias: f32,
}

impl Model {
    /// The probability that a sentence with these features is check-worthy;
    /// in [0, 1], never NaN.
    pub fn probability(&self, features: &[Feature]) -> f32 {
        let mut z = self.bias;
        for_each_value(features, &self.idf, |b, v| {
            z += self.weights.get(b as usize).copied().unwrap_or(0.0) * v;
        });
        sigmoid(z)
    }

    /// The weights file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + 8 * self.idf.len() + 4);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&self.feature_version.to_le_bytes());
        out.extend_from_slice(&(self.idf.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.c.to_le_bytes());
        out.extend_from_slice(&self.cv_f1.to_le_bytes());
        out.extend_from_slice(&self.train_size.to_le_bytes());
        for v in self.idf.iter().chain(&self.weights) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.bias.to_le_bytes());
        out
    }

    /// Reads a weights file; an error names what is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err("not a check-worthiness weights file (bad magic)".into());
        }
        let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]);
        let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap_or([0; 4]));
        let f32_at = |i: usize| f32::from_bits(u32_at(i));
        let format = u16_at(4);
        if format != FORMAT_VERSION {
            return Err(format!(
                "weights format {format}, this build reads {FORMAT_VERSION}"
            ));
        }
        let buckets = u32_at(8) as usize;
        if buckets != BUCKETS {
            return Err(format!("{buckets} buckets, the featurizer has {BUCKETS}"));
        }
        let want = HEADER + 8 * buckets + 4;
        if bytes.len() != want {
            return Err(format!("{} bytes, expected {want}", bytes.len()));
        }
        let array =
            |start: usize| -> Vec<f32> { (0..buckets).map(|k| f32_at(start + 4 * k)).collect() };
        let model = Model {
            feature_version: u16_at(6),
            c: f32_at(12),
            cv_f1: f32_at(16),
            train_size: u32_at(20),
            idf: array(HEADER),
            weights: array(HEADER + 4 * buckets),
            bias: f32_at(HEADER + 8 * buckets),
        };
        let finite = model
            .idf
            .iter()
            .chain(&model.weights)
            .all(|v| v.is_finite());
        if !finite || !model.bias.is_finite() {
            return Err("weights file holds a non-finite number".into());
        }
        Ok(model)
    }

    /// Whether the model was trained for this build's features.
    pub fn matches_features(&self) -> bool {
        self.feature_version == FEATURE_VERSION && self.idf.len() == BUCKETS
    }
}

/// A model laid out for scoring: each bucket's idf and weight side by side
/// (one memory access per feature), the bias apart.
#[derive(Debug, Clone)]
pub struct Packed {
    params: Vec<[f32; 2]>,
    bias: f32,
}

impl Packed {
    pub fn new(model: &Model) -> Packed {
        Packed {
            params: model
                .idf
                .iter()
                .zip(&model.weights)
                .map(|(&i, &w)| [i, w])
                .collect(),
            bias: model.bias,
        }
    }

    /// Same as [`Model::probability`] (up to rounding), in one pass over the
    /// features: per namespace, z += Σ tf·idf·w / ‖tf·idf‖.
    pub fn probability(&self, features: &[Feature]) -> f32 {
        let mut z = self.bias;
        let (mut dot, mut norm2) = (0.0f32, 0.0f32);
        let mut ns = features.first().map(|f| f.ns);
        let mut close = |dot: f32, norm2: f32| {
            if norm2 > 0.0 && norm2.is_finite() {
                z += dot / norm2.sqrt();
            }
        };
        for f in features {
            if Some(f.ns) != ns {
                close(dot, norm2);
                (dot, norm2, ns) = (0.0, 0.0, Some(f.ns));
            }
            let [idf, w] = self
                .params
                .get(f.bucket as usize)
                .copied()
                .unwrap_or([1.0, 0.0]);
            let v = tf(f.count) * idf;
            dot += v * w;
            norm2 += v * v;
        }
        close(dot, norm2);
        sigmoid(z)
    }
}

/// The logistic function, in [0, 1] for any input; NaN gives 0.
pub fn sigmoid(z: f32) -> f32 {
    if z.is_nan() {
        return 0.0;
    }
    let p = if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    };
    p.clamp(0.0, 1.0)
}
