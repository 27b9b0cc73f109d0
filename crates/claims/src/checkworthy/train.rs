//! Training the check-worthiness model: smooth idf, class-balanced
//! L2-regularised logistic regression by L-BFGS, k-fold cross-validation of
//! the L2 strength. Single-threaded with a fixed order of operations, so the
//! same examples always give the same weights.

use super::features::{vectorize, Feature, BUCKETS, FEATURE_VERSION};
use super::model::Model;

/// One training sentence: its features, label and cross-validation fold.
#[derive(Debug, Clone)]
pub struct Example {
    pub features: Vec<Feature>,
    pub label: bool,
    pub fold: usize,
}

/// Smooth idf per bucket, `ln((1 + n) / (1 + df)) + 1`, where df counts the
/// sentences having the bucket in any namespace.
pub fn idf(examples: &[&Example]) -> Vec<f32> {
    let mut df = vec![0u32; BUCKETS];
    let mut seen: Vec<u32> = Vec::new();
    for e in examples {
        seen.clear();
        seen.extend(e.features.iter().map(|f| f.bucket));
        seen.sort_unstable();
        seen.dedup();
        seen.iter().for_each(|&b| df[b as usize] += 1);
    }
    let n = examples.len() as f64;
    df.iter()
        .map(|&d| (((1.0 + n) / (1.0 + f64::from(d))).ln() + 1.0) as f32)
        .collect()
}

/// Sparse rows: the input vectors of a set of sentences.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    starts: Vec<usize>,
    buckets: Vec<u32>,
    values: Vec<f32>,
}

impl Rows {
    pub fn new<'a>(features: impl IntoIterator<Item = &'a [Feature]>, idf: &[f32]) -> Rows {
        let mut rows = Rows {
            starts: vec![0],
            ..Rows::default()
        };
        for f in features {
            for (b, v) in vectorize(f, idf) {
                rows.buckets.push(b);
                rows.values.push(v);
            }
            rows.starts.push(rows.buckets.len());
        }
        rows
    }

    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn row(&self, i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let (s, e) = (self.starts[i], self.starts[i + 1]);
        self.buckets[s..e]
            .iter()
            .zip(&self.values[s..e])
            .map(|(&b, &v)| (b as usize, f64::from(v)))
    }

    /// The linear score of row `i` under weights `w` (bias last).
    fn dot(&self, i: usize, w: &[f64]) -> f64 {
        w[w.len() - 1] + self.row(i).map(|(b, v)| w[b] * v).sum::<f64>()
    }
}

/// The fitted weights (bias last) and how the optimisation went.
#[derive(Debug, Clone)]
pub struct Fit {
    pub w: Vec<f64>,
    pub iterations: usize,
    pub converged: bool,
}

impl Fit {
    /// The probability of row `i` being positive.
    pub fn probability(&self, rows: &Rows, i: usize) -> f64 {
        let z = rows.dot(i, &self.w);
        1.0 / (1.0 + (-z).exp())
    }
}

/// The objective, Σ sᵢ·log(1 + e^(−yᵢzᵢ)) + ‖w‖² / 2C (bias not
/// penalised), with class-balanced sᵢ = n / (2·n_class), and its gradient.
fn objective(rows: &Rows, y: &[bool], s: [f64; 2], c: f64, w: &[f64], g: &mut [f64]) -> f64 {
    let d = w.len() - 1;
    let mut f = 0.0;
    g.iter_mut().for_each(|v| *v = 0.0);
    for (i, &yi) in y.iter().enumerate() {
        let sign = if yi { 1.0 } else { -1.0 };
        let m = sign * rows.dot(i, w);
        let loss = if m > 0.0 {
            (-m).exp().ln_1p()
        } else {
            -m + m.exp().ln_1p()
        };
        let weight = s[usize::from(yi)];
        f += weight * loss;
        // d loss / d z = −y·σ(−m)
        let dz = -sign * weight / (1.0 + m.exp());
        for (b, v) in rows.row(i) {
            g[b] += dz * v;
        }
        g[d] += dz;
    }
    let mut reg = 0.0;
    for (gj, wj) in g[..d].iter_mut().zip(&w[..d]) {
        reg += wj * wj;
        *gj += wj / c;
    }
    f + reg / (2.0 * c)
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Options of the optimiser.
#[derive(Debug, Clone, Copy)]
pub struct FitOptions {
    pub max_iterations: usize,
    /// Stop when the largest gradient component is below this times the
    /// number of rows.
    pub gradient_tolerance: f64,
    /// L-BFGS memory.
    pub memory: usize,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            max_iterations: 1000,
            gradient_tolerance: 1e-6,
            memory: 10,
        }
    }
}

/// Fits the class-balanced logistic regression by L-BFGS with a
/// backtracking (Armijo) line search, from zero weights.
pub fn fit(rows: &Rows, y: &[bool], c: f64, opts: FitOptions) -> Fit {
    let n = y.len() as f64;
    let pos = y.iter().filter(|&&v| v).count() as f64;
    let s = [n / (2.0 * (n - pos).max(1.0)), n / (2.0 * pos.max(1.0))];
    let dim = BUCKETS + 1;
    let mut w = vec![0.0; dim];
    let mut g = vec![0.0; dim];
    let mut f = objective(rows, y, s, c, &w, &mut g);
    let mut memory: Vec<(Vec<f64>, Vec<f64>, f64)> = Vec::new();
    let (mut w_new, mut g_new) = (vec![0.0; dim], vec![0.0; dim]);
    let tolerance = opts.gradient_tolerance * n.max(1.0);
    for it in 0..opts.max_iterations {
        if g.iter().all(|v| v.abs() <= tolerance) {
            return Fit {
                w,
                iterations: it,
                converged: true,
            };
        }
        // Two-loop recursion: d = −H·g.
        let mut d: Vec<f64> = g.iter().map(|v| -v).collect();
        let mut alphas = vec![0.0; memory.len()];
        for (k, (sk, yk, rho)) in memory.iter().enumerate().rev() {
            alphas[k] = rho * dot(sk, &d);
            d.iter_mut()
                .zip(yk)
                .for_each(|(di, yi)| *di -= alphas[k] * yi);
        }
        if let Some((sk, yk, _)) = memory.last() {
            let gamma = dot(sk, yk) / dot(yk, yk);
            d.iter_mut().for_each(|di| *di *= gamma);
        }
        for (k, (sk, yk, rho)) in memory.iter().enumerate() {
            let beta = rho * dot(yk, &d);
            d.iter_mut()
                .zip(sk)
                .for_each(|(di, si)| *di += (alphas[k] - beta) * si);
        }
        let mut slope = dot(&g, &d);
        if slope >= 0.0 {
            memory.clear();
            d = g.iter().map(|v| -v).collect();
            slope = dot(&g, &d);
        }
        let mut step = if memory.is_empty() {
            1.0 / dot(&g, &g).sqrt().max(1e-12)
        } else {
            1.0
        };
        let mut f_new = f;
        for _ in 0..60 {
            w_new
                .iter_mut()
                .zip(&w)
                .zip(&d)
                .for_each(|((wn, wi), di)| *wn = wi + step * di);
            f_new = objective(rows, y, s, c, &w_new, &mut g_new);
            if f_new <= f + 1e-4 * step * slope {
                break;
            }
            step *= 0.5;
        }
        if f_new > f {
            // No decrease along the direction: as good as it gets.
            return Fit {
                w,
                iterations: it,
                converged: true,
            };
        }
        let sk: Vec<f64> = w_new.iter().zip(&w).map(|(a, b)| a - b).collect();
        let yk: Vec<f64> = g_new.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&sk, &yk);
        if sy > 1e-12 {
            if memory.len() == opts.memory {
                memory.remove(0);
            }
            memory.push((sk, yk, 1.0 / sy));
        }
        std::mem::swap(&mut w, &mut w_new);
        std::mem::swap(&mut g, &mut g_new);
        f = f_new;
    }
    Fit {
        w,
        iterations: opts.max_iterations,
        converged: false,
    }
}

/// True/false positives and false negatives of the positive class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

impl Confusion {
    pub fn add(&mut self, predicted: bool, gold: bool) {
        match (predicted, gold) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall; 0 when both are 0.
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The cross-validation of one C: the confusion of each held-out fold.
#[derive(Debug, Clone)]
pub struct CvResult {
    pub c: f64,
    pub folds: Vec<Confusion>,
}

impl CvResult {
    /// The mean of the folds' F1.
    pub fn mean_f1(&self) -> f64 {
        self.folds.iter().map(Confusion::f1).sum::<f64>() / self.folds.len().max(1) as f64
    }
}

/// k-fold cross-validation of each C (folds from `Example::fold`; idf
/// learned on the training folds only), threshold 0.5.
pub fn cross_validate(examples: &[Example], cs: &[f64], opts: FitOptions) -> Vec<CvResult> {
    let k = examples.iter().map(|e| e.fold + 1).max().unwrap_or(0);
    let mut results: Vec<CvResult> = cs
        .iter()
        .map(|&c| CvResult {
            c,
            folds: Vec::new(),
        })
        .collect();
    for fold in 0..k {
        let (test, train): (Vec<&Example>, Vec<&Example>) =
            examples.iter().partition(|e| e.fold == fold);
        let idf = idf(&train);
        let train_rows = Rows::new(train.iter().map(|e| e.features.as_slice()), &idf);
        let test_rows = Rows::new(test.iter().map(|e| e.features.as_slice()), &idf);
        let y: Vec<bool> = train.iter().map(|e| e.label).collect();
        for r in &mut results {
            let model = fit(&train_rows, &y, r.c, opts);
            let mut confusion = Confusion::default();
            for (i, e) in test.iter().enumerate() {
                confusion.add(model.probability(&test_rows, i) >= 0.5, e.label);
            }
            r.folds.push(confusion);
        }
    }
    results
}

/// Trains on all `examples` with strength `c` and packs the model.
pub fn train_model(examples: &[Example], c: f64, cv_f1: f64, opts: FitOptions) -> (Model, Fit) {
    let all: Vec<&Example> = examples.iter().collect();
    let idf = idf(&all);
    let rows = Rows::new(all.iter().map(|e| e.features.as_slice()), &idf);
    let y: Vec<bool> = all.iter().map(|e| e.label).collect();
    let fit = fit(&rows, &y, c, opts);
    let model = Model {
        feature_version: FEATURE_VERSION,
        c: c as f32,
        cv_f1: cv_f1 as f32,
        train_size: examples.len() as u32,
        idf,
        weights: fit.w[..BUCKETS].iter().map(|&v| v as f32).collect(),
        bias: fit.w[BUCKETS] as f32,
    };
    (model, fit)
}
