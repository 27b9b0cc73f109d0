//! The same-fact judge: do two statements report one fact? A logistic regression over the cosine of the
//! two static embeddings and what embeddings blur — word and
//! word-pair overlap, whether the numbers agree, a negation on one side only, names on one side only, and
//! the length ratio. Trained by `train-samefact` (crates/bench) on MSRP's training pairs (the held-out
//! fifth aside) and STS-B's training pairs (score / 5 as a soft label); weights in `model/judge.bin`.
//!
//! The score is the model's probability of "same fact"; `same` is the score at or above the threshold the
//! training chose on its own pairs. Two statements whose numbers differ (each gives one the other lacks)
//! are never the same fact: their score is held to half the threshold.

use std::cmp::Ordering;
use std::sync::OnceLock;

use crate::embed::{cosine, Embeddings};

const MAGIC: &[u8; 8] = b"XCJDG1\0\0";
static SHIPPED: &[u8] = include_bytes!("../model/judge.bin");

/// Features of a pair. (The embeddings' element-wise product and difference, 512 more, were tried:
/// STS-B dev fell from 0.82 to 0.69 and MSRP from 0.744 to 0.720 — too many weights for 9,000 pairs.)
pub const FEATURES: usize = 14;

const STOP: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with", "from", "and", "or",
    "but", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that",
    "these", "those", "he", "she", "they", "his", "her", "their", "has", "have", "had", "will",
    "would", "said", "says", "say", "which", "who", "whom", "than", "then", "also", "into", "over",
    "after", "about", "there", "we", "i", "you", "our", "us", "him", "them", "so", "if", "up",
    "out", "s",
];
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "n't", "nor", "without", "denied", "denies", "deny",
];

/// One side of a comparison, analysed once (alignment compares a claim with many). Its sets are
/// sorted vectors without duplicates: a large story's alignment compares millions of pairs, and a
/// merge of two short sorted lists costs less than hashing every word of one into the other.
///
/// Words, word pairs and names are kept as 64-bit fingerprints ([`fingerprint`]): only how many
/// two statements share is asked of them, and integers compare faster than strings. Numbers stay
/// text, for the reasons a verdict gives.
pub struct Statement {
    embedding: Vec<f32>,
    words: Vec<u64>,
    pairs: Vec<u64>,
    numbers: Vec<String>,
    names: Vec<u64>,
    negated: bool,
    len: usize,
}

impl Statement {
    pub fn new(text: &str) -> Statement {
        Statement::with(Embeddings::shipped(), text)
    }

    pub fn with(embeddings: &Embeddings, text: &str) -> Statement {
        let tokens = raw_tokens(text);
        let mut words = Vec::new();
        let mut pairs = Vec::new();
        let mut numbers = Vec::new();
        let mut names = Vec::new();
        let mut negated = false;
        let mut prev: Option<String> = None;
        for (i, t) in tokens.iter().enumerate() {
            let lower = t.to_lowercase();
            if NEGATIONS.contains(&lower.as_str()) || lower.ends_with("n't") {
                negated = true;
            }
            if t.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                numbers.push(t.replace(',', ""));
            } else if i > 0
                && t.chars().next().is_some_and(char::is_uppercase)
                && !STOP.contains(&lower.as_str())
            {
                names.push(fingerprint(&[&lower]));
            }
            if let Some(p) = prev.take() {
                pairs.push(fingerprint(&[&p, &lower]));
            }
            if !STOP.contains(&lower.as_str()) {
                words.push(fingerprint(&[&lower]));
            }
            prev = Some(lower);
        }
        Statement {
            embedding: embeddings.sentence(text),
            words: set_of(words),
            pairs: set_of(pairs),
            numbers: set_of(numbers),
            names: set_of(names),
            negated,
            len: tokens.len(),
        }
    }
}

/// Words and numbers ("3.5", "1,200", "n't" split off as English writes it).
fn raw_tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let inner = (c == '.' || c == ',')
            && cur.chars().last().is_some_and(|p| p.is_ascii_digit())
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c.is_alphanumeric() || inner || (c == '\'' && !cur.is_empty()) {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    let mut split = Vec::with_capacity(out.len());
    for t in out {
        let lower = t.to_lowercase();
        if lower.ends_with("n't") && t.len() > 3 {
            split.push(t[..t.len() - 3].to_string());
            split.push("n't".to_string());
        } else if let Some(stem) = t.strip_suffix("'s") {
            split.push(stem.to_string());
        } else {
            split.push(t.trim_end_matches('\'').to_string());
        }
    }
    split.retain(|t| !t.is_empty());
    split
}

/// FNV-1a (64 bits) of words joined by a byte no UTF-8 text holds: the identity of a word or a
/// pair of words in a statement's sets. Two different words of one comparison share a fingerprint
/// with a chance of about one in 10^17.
fn fingerprint(words: &[&str]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            h = (h ^ 0xff).wrapping_mul(PRIME);
        }
        for &byte in w.as_bytes() {
            h = (h ^ u64::from(byte)).wrapping_mul(PRIME);
        }
    }
    h
}

/// A sorted set: the items sorted, each once.
fn set_of<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    items.sort_unstable();
    items.dedup();
    items
}

/// How many items two sorted sets share.
fn common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The items of sorted set `a` that sorted set `b` lacks, in order.
fn missing_from<'a, T: Ord>(a: &'a [T], b: &[T]) -> Vec<&'a T> {
    a.iter().filter(|x| b.binary_search(x).is_err()).collect()
}

fn jaccard<T: Ord>(a: &[T], b: &[T]) -> f32 {
    let inter = common(a, b);
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f32 / union as f32
    }
}

/// What the numbers of two statements say: (agree, differ, on one side only).
fn numbers(a: &Statement, b: &Statement) -> (bool, bool, bool) {
    match (a.numbers.is_empty(), b.numbers.is_empty()) {
        (true, true) => (false, false, false),
        (false, false) => {
            let shared = common(&a.numbers, &b.numbers);
            // Neither side's numbers are all the other's.
            let differ = shared < a.numbers.len() && shared < b.numbers.len();
            (!differ, differ, false)
        }
        _ => (false, false, true),
    }
}

/// The feature vector of a pair (symmetric in a and b).
pub fn features(a: &Statement, b: &Statement) -> Vec<f32> {
    feature_array(a, b).to_vec()
}

/// [`features`] without an allocation (alignment rates millions of pairs).
fn feature_array(a: &Statement, b: &Statement) -> [f32; FEATURES] {
    let cos = cosine(&a.embedding, &b.embedding);
    let inter = common(&a.words, &b.words) as f32;
    let least = a.words.len().min(b.words.len()).max(1) as f32;
    let (agree, differ, one_side) = numbers(a, b);
    let names_inter = common(&a.names, &b.names);
    let names_odd = a.names.len() + b.names.len() - 2 * names_inter;
    let ratio = ((a.len.max(1) as f32) / (b.len.max(1) as f32)).ln().abs();
    [
        cos,
        cos * cos,
        jaccard(&a.words, &b.words),
        inter / least,
        jaccard(&a.pairs, &b.pairs),
        agree as u8 as f32,
        differ as u8 as f32,
        one_side as u8 as f32,
        (a.negated != b.negated) as u8 as f32,
        names_odd as f32 / (names_odd + names_inter + 1) as f32,
        jaccard(&a.names, &b.names),
        ratio.min(3.0),
        cos * inter / least,
        1.0,
    ]
}

/// A judgement: `score` in 0..1, `same` when it reaches the threshold, and why in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub same: bool,
    pub score: f32,
    pub why: String,
}

/// A judgement without its reasons ([`Judge::rate`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rating {
    pub same: bool,
    pub score: f32,
}

pub struct Judge {
    pub weights: Vec<f32>,
    pub threshold: f32,
}

#[derive(Debug)]
pub struct BadWeights(pub &'static str);

impl Judge {
    pub fn shipped() -> &'static Judge {
        static JUDGE: OnceLock<Judge> = OnceLock::new();
        JUDGE.get_or_init(|| {
            Judge::from_bytes(SHIPPED).expect("the shipped judge weights are well formed")
        })
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Judge, BadWeights> {
        if bytes.len() < 16 || &bytes[..8] != MAGIC {
            return Err(BadWeights("not judge weights"));
        }
        let n = u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize;
        let threshold = f32::from_le_bytes(bytes[12..16].try_into().unwrap());
        let body = &bytes[16..];
        if body.len() != n * 4 {
            return Err(BadWeights("judge weights of the wrong size"));
        }
        let weights = body
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().unwrap()))
            .collect();
        Ok(Judge { weights, threshold })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend((self.weights.len() as u32).to_le_bytes());
        out.extend(self.threshold.to_le_bytes());
        for w in &self.weights {
            out.extend(w.to_le_bytes());
        }
        out
    }

    pub fn score_features(&self, f: &[f32]) -> f32 {
        let z: f32 = self.weights.iter().zip(f).map(|(w, x)| w * x).sum();
        1.0 / (1.0 + (-z).exp())
    }

    /// The verdict with its reasons in words (for a reader; [`Judge::rate`] when only the decision
    /// is needed).
    pub fn judge(&self, a: &Statement, b: &Statement) -> Verdict {
        let f = feature_array(a, b);
        let Rating { same, score } = self.rate_features(&f);
        Verdict {
            same,
            score,
            why: why(a, b, &f, same),
        }
    }

    /// The verdict without its reasons: alignment rates millions of pairs, and writing each
    /// one's reasons cost more than the rest of the judgement.
    pub fn rate(&self, a: &Statement, b: &Statement) -> Rating {
        self.rate_features(&feature_array(a, b))
    }

    fn rate_features(&self, f: &[f32]) -> Rating {
        let mut score = self.score_features(f);
        // Different numbers are different facts (or a contradiction), never one fact in other words:
        // the score is held to half the threshold, whatever the wording shares.
        if f[6] > 0.0 {
            score = score.min(self.threshold / 2.0);
        }
        Rating {
            same: score >= self.threshold,
            score,
        }
    }
}

/// Judge two texts with the shipped model.
pub fn compare(a: &str, b: &str) -> Verdict {
    Judge::shipped().judge(&Statement::new(a), &Statement::new(b))
}

fn why(a: &Statement, b: &Statement, f: &[f32], same: bool) -> String {
    let mut parts = vec![
        format!("meaning {:.2} alike", f[0]),
        format!("{:.0}% of words shared", f[3] * 100.0),
    ];
    if f[6] > 0.0 {
        let only = |x: &Statement, y: &Statement| {
            let v: Vec<&str> = missing_from(&x.numbers, &y.numbers)
                .into_iter()
                .map(String::as_str)
                .collect();
            v.join(", ")
        };
        parts.push(format!(
            "numbers differ ({} against {})",
            only(a, b),
            only(b, a)
        ));
    } else if f[5] > 0.0 {
        parts.push("same numbers".into());
    } else if f[7] > 0.0 {
        parts.push("numbers on one side only".into());
    }
    if f[8] > 0.0 {
        parts.push("a negation on one side only".into());
    }
    if f[9] >= 0.5 {
        parts.push("names differ".into());
    }
    format!(
        "{}: {}",
        if same { "same fact" } else { "different" },
        parts.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_numbers_and_split_negations() {
        assert_eq!(
            raw_tokens("Sales didn't rise 3.5% to 1,200 in Kestria's port."),
            vec!["Sales", "did", "n't", "rise", "3.5", "to", "1,200", "in", "Kestria", "port"]
        );
    }

    #[test]
    fn features_are_symmetric() {
        let a = Statement::new("Sheinbaum rejected the offer of U.S. troops on Monday.");
        let b = Statement::new("On Monday the Mexican president declined 2 proposals.");
        let (x, y) = (features(&a, &b), features(&b, &a));
        for (p, q) in x.iter().zip(&y) {
            assert!((p - q).abs() < 1e-5);
        }
    }

    #[test]
    fn weights_round_trip_and_bad_bytes_are_refused() {
        let j = Judge::shipped();
        let again = Judge::from_bytes(&j.to_bytes()).unwrap();
        assert_eq!(again.weights, j.weights);
        assert!(Judge::from_bytes(b"XCJDG1\0\0\x05\0\0\0\0\0\0\0").is_err());
    }

    #[test]
    fn paraphrases_are_the_same_fact_and_other_numbers_are_not() {
        let v = compare(
            "The president declined the proposal to send troops.",
            "The president rejected the offer to send troops.",
        );
        assert!(v.same, "{v:?}");
        let v = compare(
            "Three inspectors boarded the tanker on Tuesday.",
            "The harbour authority will publish its annual report in June.",
        );
        assert!(!v.same, "{v:?}");
        let v = compare(
            "The strike killed 12 people, officials said.",
            "The strike killed 40 people, officials said.",
        );
        assert!(v.why.contains("numbers differ (12 against 40)"), "{v:?}");
        assert!(!v.same && v.score < 0.5, "{v:?}");
    }
}
