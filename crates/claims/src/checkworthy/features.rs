//! The features of one sentence: hashed counts in three namespaces.
//!
//! The text is read once into tokens (words, numbers and single punctuation
//! marks; `’` and `‘` count as `'`). Each feature is hashed with its
//! namespace byte by FNV-1a 64 ([`hash_feature`]) into [`BUCKETS`] buckets
//! shared by all namespaces. The namespaces:
//!
//! 1. [`Namespace::Word`]: word unigrams and bigrams of the normalised text
//!    (lower-cased, every digit mapped to `0`), punctuation marks included.
//! 2. [`Namespace::Char`]: character n-grams of length 2 to 5 inside each
//!    white-space-separated chunk of the normalised text padded by a space
//!    on either side (as scikit-learn's `char_wb`: every substring of 2 to 5
//!    characters of the padded chunk).
//! 3. [`Namespace::Shape`]: unigrams to trigrams of word shapes ([`shape_of`]).
//!
//! Generic sentence cues (length buckets, a number, a percent, a currency, a
//! question mark, first person with a modal or "think") were tried as a
//! fourth namespace and left out: they did not raise the cross-validated F1
//! (0.740 with them, 0.743 without, at C = 3).
//!
//! Changing anything here changes the model's input: bump
//! [`FEATURE_VERSION`] and retrain (`train-checkworthy`); a unit test
//! checks that the shipped weights were trained for this version.

use std::cell::RefCell;

pub use super::tokens::{normalise, shape_of, tokenize, Shape, Tokens};

/// The version of the feature definition; the weights file records the one
/// it was trained with.
pub const FEATURE_VERSION: u16 = 1;
/// log2 of the number of hash buckets.
pub const BUCKET_BITS: u32 = 16;
/// The number of hash buckets, shared by all namespaces.
pub const BUCKETS: usize = 1 << BUCKET_BITS;
/// Only the first this many bytes of a sentence are read (cut at a
/// character boundary), so that a runaway "sentence" costs little.
pub const MAX_BYTES: usize = 4096;

/// A feature namespace; its number is hashed in front of the feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Namespace {
    Word = 1,
    Char = 2,
    Shape = 3,
}

impl Namespace {
    pub const ALL: [Namespace; 3] = [Self::Word, Self::Char, Self::Shape];
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
/// Separates the tokens of an n-gram inside the hashed bytes.
const SEPARATOR: u8 = 0x1f;

/// FNV-1a 64, fed byte by byte.
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new(ns: Namespace) -> Fnv {
        let mut h = Fnv(FNV_OFFSET);
        h.byte(ns as u8);
        h
    }
    fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    fn bytes(&mut self, s: &str) {
        self.raw(s.as_bytes());
    }
    fn raw(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.byte(b));
    }
    fn bucket(self) -> u32 {
        ((self.0 ^ (self.0 >> 32)) as u32) & (BUCKETS as u32 - 1)
    }
}

/// FNV-1a 64 over the namespace byte and the bytes of each part (parts
/// separated by 0x1F), folded to a bucket: `(h ^ (h >> 32)) mod BUCKETS`.
/// Platform-independent.
pub fn hash_feature(ns: Namespace, parts: &[&str]) -> u32 {
    let mut h = Fnv::new(ns);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.byte(SEPARATOR);
        }
        h.bytes(p);
    }
    h.bucket()
}

/// One hashed feature: its namespace, bucket and count in the sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feature {
    pub ns: Namespace,
    pub bucket: u32,
    pub count: f32,
}

/// `text` cut to at most [`MAX_BYTES`] bytes at a character boundary.
pub fn truncate(text: &str) -> &str {
    if text.len() <= MAX_BYTES {
        return text;
    }
    let mut end = MAX_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The hashed features of one sentence with their counts, one entry per
/// (namespace, bucket): the word features, then the shapes, then the
/// character n-grams, each in order of first occurrence.
pub fn featurize(sentence: &str) -> Vec<Feature> {
    let text = truncate(sentence);
    let tokens = tokenize(text);
    let mut keys: Vec<u32> = Vec::with_capacity(24 * tokens.len() + 8);
    let key = |ns: Namespace, h: Fnv| (ns as u32) << BUCKET_BITS | h.bucket();

    let word = Namespace::Word;
    for i in 0..tokens.len() {
        let mut h = Fnv::new(word);
        h.bytes(tokens.word(i));
        keys.push(key(word, h));
        if i + 1 < tokens.len() {
            h.byte(SEPARATOR);
            h.bytes(tokens.word(i + 1));
            keys.push(key(word, h));
        }
    }
    let shape = Namespace::Shape;
    for i in 0..tokens.len() {
        let mut h = Fnv::new(shape);
        for k in i..tokens.len().min(i + 3) {
            if k > i {
                h.byte(SEPARATOR);
            }
            h.bytes(tokens.shape(k));
            keys.push(key(shape, h));
        }
    }
    // Character n-grams: every substring of 2 to 5 characters of each
    // padded chunk (a chunk has at least 3 characters with its padding, so
    // this is scikit-learn's char_wb with ngram_range (2, 5)).
    let chunk_ns = Namespace::Char;
    let norm = normalise(text);
    let mut padded: Vec<u8> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    for chunk in norm.split_whitespace() {
        padded.clear();
        padded.push(b' ');
        padded.extend_from_slice(chunk.as_bytes());
        padded.push(b' ');
        if chunk.is_ascii() {
            for s in 0..padded.len() {
                let mut h = Fnv::new(chunk_ns);
                h.byte(padded[s]);
                for &b in padded[s + 1..].iter().take(4) {
                    h.byte(b);
                    keys.push(key(chunk_ns, h));
                }
            }
            continue;
        }
        // Character starts: bytes that are not UTF-8 continuation bytes.
        starts.clear();
        starts.extend((0..padded.len()).filter(|&i| padded[i] & 0xc0 != 0x80));
        starts.push(padded.len());
        let chars = starts.len() - 1;
        for s in 0..chars {
            let mut h = Fnv::new(chunk_ns);
            h.raw(&padded[starts[s]..starts[s + 1]]);
            for k in s + 1..chars.min(s + 5) {
                h.raw(&padded[starts[k]..starts[k + 1]]);
                keys.push(key(chunk_ns, h));
            }
        }
    }

    count_keys(&keys)
}

thread_local! {
    /// A count per (namespace, bucket), all zero between calls of
    /// [`count_keys`].
    static COUNTS: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// One feature per distinct key, in order of first occurrence, counted in
/// the thread's dense table of counts (reset before returning; a count
/// stops at 255).
fn count_keys(keys: &[u32]) -> Vec<Feature> {
    // Key k = namespace << BUCKET_BITS | bucket, namespaces 1 to 3.
    let slot = |k: u32| k as usize - BUCKETS;
    let count = |counts: &mut Vec<u8>| {
        if counts.is_empty() {
            counts.resize(3 * BUCKETS, 0);
        }
        let mut order: Vec<u32> = Vec::with_capacity(keys.len());
        for &k in keys {
            let c = &mut counts[slot(k)];
            if *c == 0 {
                order.push(k);
            }
            *c = c.saturating_add(1);
        }
        order
            .iter()
            .map(|&k| {
                let count = f32::from(std::mem::take(&mut counts[slot(k)]));
                let ns = match k >> BUCKET_BITS {
                    1 => Namespace::Word,
                    2 => Namespace::Char,
                    _ => Namespace::Shape,
                };
                Feature {
                    ns,
                    bucket: k & (BUCKETS as u32 - 1),
                    count,
                }
            })
            .collect()
    };
    COUNTS
        .try_with(|c| match c.try_borrow_mut() {
            Ok(mut counts) => count(&mut counts),
            Err(_) => count(&mut Vec::new()),
        })
        .unwrap_or_else(|_| count(&mut Vec::new()))
}

/// Sublinear tf: 1 + ln(count).
pub fn tf(count: f32) -> f32 {
    if count <= 1.0 {
        1.0
    } else {
        1.0 + count.ln()
    }
}

/// Calls `each(bucket, value)` for the model's input vector of one sentence:
/// per namespace, sublinear tf (1 + ln count) times the bucket's idf,
/// L2-normalised within the namespace. A bucket used by two namespaces comes
/// twice (the input vector is their sum).
pub fn for_each_value(features: &[Feature], idf: &[f32], mut each: impl FnMut(u32, f32)) {
    let idf_of = |b: u32| idf.get(b as usize).copied().unwrap_or(1.0);
    let mut start = 0;
    while start < features.len() {
        let ns = features[start].ns;
        let end = features[start..]
            .iter()
            .position(|f| f.ns != ns)
            .map_or(features.len(), |p| start + p);
        let group = &features[start..end];
        let norm2: f32 = group
            .iter()
            .map(|f| {
                let v = tf(f.count) * idf_of(f.bucket);
                v * v
            })
            .sum();
        let inv = if norm2 > 0.0 && norm2.is_finite() {
            1.0 / norm2.sqrt()
        } else {
            0.0
        };
        for f in group {
            each(f.bucket, tf(f.count) * idf_of(f.bucket) * inv);
        }
        start = end;
    }
}

/// The input vector of one sentence as (bucket, value) pairs
/// ([`for_each_value`]), in feature order.
pub fn vectorize(features: &[Feature], idf: &[f32]) -> Vec<(u32, f32)> {
    let mut out = Vec::with_capacity(features.len());
    for_each_value(features, idf, |b, v| out.push((b, v)));
    out
}
