//! The same-fact judge on paraphrase data: `train-samefact` fits its weights, `bench-compare` scores it.
//!
//! Data and splits (the held-out parts are never trained or tuned on):
//! - MSRP (`msrp/msr_paraphrase_train.txt`, 4,076 pairs): pairs whose `#1 ID % 5 == 3` are held out
//!   (about a fifth); the rest train.
//! - STS-B: `sts-train.csv` trains (score / 5 as a soft label), `sts-dev.csv` is scored.
//!
//! Everything goes through `crosscheck_samefact::{Statement, Judge}`, the functions `crosscheck compare`
//! and alignment call.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use crosscheck_samefact::{cosine, features, Embeddings, Judge, Statement};

/// One pair: two texts and a target in 0..1 (MSRP: 0 or 1; STS-B: score / 5).
#[derive(Debug, Clone)]
pub struct Pair {
    pub a: String,
    pub b: String,
    pub target: f32,
}

/// MSRP pairs: (training part, held-out part).
pub fn msrp(corpora: &Path) -> Result<(Vec<Pair>, Vec<Pair>)> {
    let path = corpora.join("msrp").join("msr_paraphrase_train.txt");
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let (mut train, mut held) = (Vec::new(), Vec::new());
    for (i, line) in text
        .trim_start_matches('\u{feff}')
        .lines()
        .enumerate()
        .skip(1)
    {
        let cols: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
        let [quality, id1, _, a, b] = cols.as_slice() else {
            bail!(
                "{} line {}: not 5 tab-separated columns",
                path.display(),
                i + 1
            );
        };
        let id1: u64 = id1
            .parse()
            .with_context(|| format!("line {}: #1 ID", i + 1))?;
        let pair = Pair {
            a: a.to_string(),
            b: b.to_string(),
            target: (*quality == "1") as u8 as f32,
        };
        if id1 % 5 == 3 {
            held.push(pair)
        } else {
            train.push(pair)
        }
    }
    Ok((train, held))
}

/// STS-B pairs of one file (`sts-train.csv` or `sts-dev.csv`), target = score / 5.
pub fn stsb(corpora: &Path, file: &str) -> Result<Vec<Pair>> {
    let path = corpora.join("stsb").join(file);
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let cols: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
        if cols.len() < 7 {
            bail!(
                "{} line {}: fewer than 7 tab-separated columns",
                path.display(),
                i + 1
            );
        }
        let score: f32 = cols[4]
            .parse()
            .with_context(|| format!("line {}: score", i + 1))?;
        out.push(Pair {
            a: cols[5].into(),
            b: cols[6].into(),
            target: score / 5.0,
        });
    }
    Ok(out)
}

pub struct TrainSettings {
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
    pub seed: u64,
    /// How much one STS-B pair weighs against one MSRP pair.
    pub stsb_weight: f32,
}

pub const SETTINGS: TrainSettings = TrainSettings {
    epochs: 30,
    learning_rate: 0.05,
    l2: 1e-4,
    seed: 20261202,
    stsb_weight: 0.5,
};

fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Logistic regression with soft targets by seeded SGD, then the threshold that maximises accuracy on
/// the MSRP training pairs.
pub fn train(msrp_train: &[Pair], stsb_train: &[Pair], s: &TrainSettings) -> Judge {
    let e = Embeddings::shipped();
    let mut examples: Vec<(Vec<f32>, f32, f32)> = Vec::new();
    for (pairs, weight) in [(msrp_train, 1.0), (stsb_train, s.stsb_weight)] {
        for p in pairs {
            let f = features(&Statement::with(e, &p.a), &Statement::with(e, &p.b));
            examples.push((f, p.target, weight));
        }
    }
    let mut judge = fit(&examples, s);
    let mut scored: Vec<(f32, bool)> = examples[..msrp_train.len()]
        .iter()
        .map(|(f, y, _)| (judge.score_features(f), *y > 0.5))
        .collect();
    judge.threshold = best_threshold(&mut scored);
    judge
}

/// Logistic regression by seeded SGD over examples (features, target in 0..1, weight); the threshold
/// is left at 0.5 for the caller to choose.
pub fn fit(examples: &[(Vec<f32>, f32, f32)], s: &TrainSettings) -> Judge {
    let n = examples.first().map_or(0, |e| e.0.len());
    let mut judge = Judge {
        weights: vec![0.0; n],
        threshold: 0.5,
    };
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut state = s.seed | 1;
    for epoch in 0..s.epochs {
        for i in (1..order.len()).rev() {
            let j = (next(&mut state) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let lr = s.learning_rate / (1.0 + epoch as f32 * 0.2);
        for &k in &order {
            let (f, y, w) = &examples[k];
            let g = (judge.score_features(f) - y) * w;
            for (wt, x) in judge.weights.iter_mut().zip(f) {
                *wt -= lr * (g * x + s.l2 * *wt);
            }
        }
    }
    judge
}

/// The cut that classifies most of `scored` right (score ≥ cut = positive).
pub fn best_threshold(scored: &mut [(f32, bool)]) -> f32 {
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    let positives = scored.iter().filter(|s| s.1).count();
    // cut below everything: every positive right
    let (mut right, mut best, mut cut) =
        (positives, positives, scored.first().map_or(0.5, |s| s.0));
    for i in 0..scored.len() {
        if scored[i].1 {
            right -= 1
        } else {
            right += 1
        }
        if right > best && (i + 1 == scored.len() || scored[i + 1].0 > scored[i].0) {
            best = right;
            cut = scored
                .get(i + 1)
                .map_or(scored[i].0 + 1e-6, |s| (s.0 + scored[i].0) / 2.0);
        }
    }
    cut
}

/// Accuracy and F1 of the positive class.
pub fn accuracy_f1(predicted: &[bool], gold: &[bool]) -> (f64, f64) {
    let mut tp = 0.0;
    let mut fp = 0.0;
    let mut fneg = 0.0;
    let mut right = 0.0;
    for (p, g) in predicted.iter().zip(gold) {
        right += (p == g) as u8 as f64;
        match (p, g) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fneg += 1.0,
            _ => {}
        }
    }
    let f1 = if tp == 0.0 {
        0.0
    } else {
        2.0 * tp / (2.0 * tp + fp + fneg)
    };
    (right / predicted.len().max(1) as f64, f1)
}

fn ranks(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
            j += 1;
        }
        for k in i..=j {
            r[idx[k]] = (i + j) as f64 / 2.0;
        }
        i = j + 1;
    }
    r
}

pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let cov: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx: f64 = x.iter().map(|a| (a - mx).powi(2)).sum();
    let vy: f64 = y.iter().map(|b| (b - my).powi(2)).sum();
    cov / (vx * vy).sqrt().max(1e-12)
}

pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    pearson(&ranks(x), &ranks(y))
}

/// The baseline: cosine of bags of lower-cased words, idf from the pairs' own sentences.
pub struct BagOfWords {
    idf: std::collections::HashMap<String, f64>,
}

impl BagOfWords {
    /// The idf of the words of `texts`.
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> BagOfWords {
        let mut df = std::collections::HashMap::new();
        let mut n = 0.0;
        for t in texts {
            n += 1.0;
            let words: std::collections::HashSet<String> = bow_words(t).into_iter().collect();
            for w in words {
                *df.entry(w).or_insert(0.0) += 1.0;
            }
        }
        BagOfWords {
            idf: df
                .into_iter()
                .map(|(w, d): (String, f64)| (w, (n / d).ln() + 1.0))
                .collect(),
        }
    }

    pub fn cosine(&self, a: &str, b: &str) -> f64 {
        let vec = |t: &str| {
            let mut m = std::collections::HashMap::new();
            for w in bow_words(t) {
                *m.entry(w.clone()).or_insert(0.0) += self.idf.get(&w).copied().unwrap_or(1.0);
            }
            m
        };
        let (x, y) = (vec(a), vec(b));
        let dot: f64 = x
            .iter()
            .map(|(w, v)| v * y.get(w).copied().unwrap_or(0.0))
            .sum();
        let nx: f64 = x.values().map(|v| v * v).sum::<f64>().sqrt();
        let ny: f64 = y.values().map(|v| v * v).sum::<f64>().sqrt();
        if nx == 0.0 || ny == 0.0 {
            0.0
        } else {
            dot / (nx * ny)
        }
    }
}

pub fn bow_words(t: &str) -> Vec<String> {
    t.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

pub struct Options {
    pub corpora: PathBuf,
}

/// `bench-compare`: MSRP held-out accuracy / F1 and STS-B dev correlations for the judge, the embedding
/// cosine alone and the bag-of-words cosine (their cuts chosen on the training pairs), and the speed.
pub fn run(o: &Options) -> Result<String> {
    let (msrp_train, msrp_held) = msrp(&o.corpora)?;
    let stsb_train = stsb(&o.corpora, "sts-train.csv")?;
    let stsb_dev = stsb(&o.corpora, "sts-dev.csv")?;
    let judge = Judge::shipped();
    let e = Embeddings::shipped();
    let bow = BagOfWords::new(
        [&msrp_train, &msrp_held, &stsb_train, &stsb_dev]
            .into_iter()
            .flatten()
            .flat_map(|p| [p.a.as_str(), p.b.as_str()]),
    );

    type Scorer<'a> = Box<dyn Fn(&Pair) -> f64 + 'a>;
    let systems: Vec<(&str, Scorer)> = vec![
        (
            "crosscheck compare (judge)",
            Box::new(|p: &Pair| {
                judge
                    .judge(&Statement::with(e, &p.a), &Statement::with(e, &p.b))
                    .score as f64
            }),
        ),
        (
            "static embedding cosine alone",
            Box::new(|p: &Pair| cosine(&e.sentence(&p.a), &e.sentence(&p.b)) as f64),
        ),
        (
            "bag-of-words cosine (baseline)",
            Box::new(|p: &Pair| bow.cosine(&p.a, &p.b)),
        ),
    ];
    let gold_held: Vec<bool> = msrp_held.iter().map(|p| p.target > 0.5).collect();
    let gold_dev: Vec<f64> = stsb_dev.iter().map(|p| p.target as f64 * 5.0).collect();
    let mut out = String::new();
    out.push_str(&format!(
        "bench-compare: MSRP held-out {} pairs (trained on {}), STS-B dev {} pairs (trained on {})\n\n",
        msrp_held.len(), msrp_train.len(), stsb_dev.len(), stsb_train.len()
    ));
    out.push_str("| system | MSRP accuracy | MSRP F1 | STS-B Spearman | STS-B Pearson |\n|---|---|---|---|---|\n");
    for (name, score) in &systems {
        let cut = if name.starts_with("crosscheck") {
            judge.threshold as f64
        } else {
            let mut s: Vec<(f32, bool)> = msrp_train
                .iter()
                .map(|p| (score(p) as f32, p.target > 0.5))
                .collect();
            best_threshold(&mut s) as f64
        };
        let predicted: Vec<bool> = msrp_held.iter().map(|p| score(p) >= cut).collect();
        let (acc, f1) = accuracy_f1(&predicted, &gold_held);
        let dev: Vec<f64> = stsb_dev.iter().map(score).collect();
        out.push_str(&format!(
            "| {name} | {acc:.3} | {f1:.3} | {:.3} | {:.3} |\n",
            spearman(&dev, &gold_dev),
            pearson(&dev, &gold_dev)
        ));
    }
    let majority = gold_held.iter().filter(|g| **g).count() as f64 / gold_held.len() as f64;
    out.push_str(&format!(
        "| always \"paraphrase\" | {majority:.3} | {:.3} | – | – |\n",
        2.0 * majority / (1.0 + majority)
    ));
    out.push_str("\nBars: MSRP accuracy ≥ 0.80 and F1 ≥ 0.85; STS-B Spearman ≥ 0.80.\n");

    let texts: Vec<&str> = stsb_dev
        .iter()
        .flat_map(|p| [p.a.as_str(), p.b.as_str()])
        .collect();
    let start = Instant::now();
    let statements: Vec<Statement> = texts.iter().map(|t| Statement::with(e, t)).collect();
    let analyse = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let mut same = 0usize;
    let mut judged = 0usize;
    for a in statements.iter().step_by(7) {
        for b in &statements {
            same += judge.judge(a, b).same as usize;
            judged += 1;
        }
    }
    let pairs = start.elapsed().as_secs_f64();
    out.push_str(&format!(
        "\nSpeed on one core: {:.0} statements/s analysed (tokens, embedding, words); {:.0} pairs/s judged ({} pairs, {} same)\n",
        texts.len() as f64 / analyse, judged as f64 / pairs, judged, same
    ));
    Ok(out)
}
