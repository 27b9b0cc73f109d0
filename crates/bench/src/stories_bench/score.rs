//! Clustering scores against gold story labels, as
//! `../shared/corpora/README.md` describes them: BCubed and pairwise
//! precision, recall and F1.

use std::collections::HashMap;
use std::hash::Hash;

use anyhow::{bail, Result};
use serde::Serialize;

/// The scores of one predicted labelling.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    pub documents: usize,
    pub predicted_clusters: usize,
    pub gold_clusters: usize,
    pub bcubed_precision: f64,
    pub bcubed_recall: f64,
    pub bcubed_f1: f64,
    pub pair_precision: f64,
    pub pair_recall: f64,
    pub pair_f1: f64,
}

/// Harmonic mean; 0 when both are 0.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Dense ids (0, 1, ... in order of first appearance) of arbitrary labels.
fn dense<L: Eq + Hash>(labels: &[L]) -> (Vec<usize>, usize) {
    let mut ids: HashMap<&L, usize> = HashMap::new();
    let v = labels
        .iter()
        .map(|l| {
            let n = ids.len();
            *ids.entry(l).or_insert(n)
        })
        .collect();
    (v, ids.len())
}

/// n choose 2.
fn pairs(n: usize) -> u64 {
    let n = n as u64;
    n * n.saturating_sub(1) / 2
}

/// Scores `predicted` (a cluster label per document) against `gold` (a story
/// label per document); only equality of labels matters.
///
/// BCubed: per document, precision = share of its predicted cluster that
/// shares its gold story, recall = share of its gold story inside its
/// predicted cluster; each averaged over the documents; F1 = harmonic mean
/// of the two averages. Pairwise: over all unordered document pairs, a pair
/// is predicted when both are in one cluster and true when both are in one
/// story; precision = TP/(TP+FP), recall = TP/(TP+FN), with the convention
/// of the corpus README: 1 when FP = FN = 0 (nothing to get wrong), else 0
/// when the denominator is 0 (all singletons predicted: precision 0). No
/// documents at all scores 1 everywhere.
pub fn score<G: Eq + Hash, P: Eq + Hash>(gold: &[G], predicted: &[P]) -> Scores {
    assert_eq!(gold.len(), predicted.len(), "one label per document");
    let n = gold.len();
    let (g, gold_clusters) = dense(gold);
    let (p, predicted_clusters) = dense(predicted);
    let mut gold_size = vec![0usize; gold_clusters];
    let mut pred_size = vec![0usize; predicted_clusters];
    let mut cell: HashMap<(usize, usize), usize> = HashMap::new();
    for (&gi, &pi) in g.iter().zip(&p) {
        gold_size[gi] += 1;
        pred_size[pi] += 1;
        *cell.entry((pi, gi)).or_default() += 1;
    }

    // BCubed: every document of a cell has the same per-document values.
    let (mut bp, mut br) = (0.0, 0.0);
    for (&(pi, gi), &k) in &cell {
        bp += k as f64 * k as f64 / pred_size[pi] as f64;
        br += k as f64 * k as f64 / gold_size[gi] as f64;
    }
    let (bp, br) = if n == 0 {
        (1.0, 1.0)
    } else {
        (bp / n as f64, br / n as f64)
    };

    let tp: u64 = cell.values().map(|&k| pairs(k)).sum();
    let predicted_pairs: u64 = pred_size.iter().map(|&k| pairs(k)).sum();
    let gold_pairs: u64 = gold_size.iter().map(|&k| pairs(k)).sum();
    let (fp, fn_) = (predicted_pairs - tp, gold_pairs - tp);
    let ratio = |num: u64, den: u64| {
        if fp == 0 && fn_ == 0 {
            1.0
        } else if den == 0 {
            0.0
        } else {
            num as f64 / den as f64
        }
    };
    let (pp, pr) = (ratio(tp, predicted_pairs), ratio(tp, gold_pairs));

    Scores {
        documents: n,
        predicted_clusters,
        gold_clusters,
        bcubed_precision: bp,
        bcubed_recall: br,
        bcubed_f1: f1(bp, br),
        pair_precision: pp,
        pair_recall: pr,
        pair_f1: f1(pp, pr),
    }
}

/// A cluster label per document, from clusters given as document indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The cluster of each document; a document in no cluster gets one of
    /// its own (numbered after the given clusters).
    pub labels: Vec<usize>,
    /// Documents in no cluster.
    pub unassigned: usize,
    /// Appearances of a document after its first (in another cluster or
    /// again in the same one); the first one counts.
    pub repeated: usize,
}

/// Turns clusters of document indices into one label per document of `n`.
/// An index out of range is an error; missing and repeated documents are
/// counted, not fatal, so that a faulty clustering is still scored.
pub fn assign<'a>(n: usize, clusters: impl IntoIterator<Item = &'a [usize]>) -> Result<Assignment> {
    let mut labels = vec![usize::MAX; n];
    let mut repeated = 0;
    let mut count = 0;
    for (k, docs) in clusters.into_iter().enumerate() {
        count = k + 1;
        for &d in docs {
            let Some(slot) = labels.get_mut(d) else {
                bail!("cluster {k} names document {d}, but there are only {n}");
            };
            if *slot == usize::MAX {
                *slot = k;
            } else {
                repeated += 1;
            }
        }
    }
    let mut unassigned = 0;
    for slot in labels.iter_mut().filter(|s| **s == usize::MAX) {
        *slot = count + unassigned;
        unassigned += 1;
    }
    Ok(Assignment {
        labels,
        unassigned,
        repeated,
    })
}
