//! The `bench-claims` run: check-worthiness on the ClaimBuster held-out part
//! (and out of domain on CheckThat! 2019), amount and time extraction on the
//! project's fixtures, and the speed of the whole per-document analysis
//! (`crosscheck_claims::analyze_document`) on the PolNeAR dev texts. The
//! rules are documented at the top of `src/bin/bench-claims.rs`.

pub mod data;
pub mod train;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use crosscheck_claims::checkworthy::{self, train::Confusion};
use crosscheck_nlp::{amounts, timex};

use crate::polnear::loader;
use crate::polnear::table::Speed;
use crate::systems::thread_cpu_seconds;

pub struct Options {
    /// The ClaimBuster folder (`../shared/corpora/claimbuster`).
    pub corpus: PathBuf,
    /// The PolNeAR folder whose dev texts are timed.
    pub polnear: PathBuf,
    /// Timed passes of the analysis; the fastest counts.
    pub repeat: usize,
    /// Where `results.md` goes (`target/bench/claims`).
    pub out_dir: PathBuf,
}

/// The bars of the issue.
pub const BAR_F1: f64 = 0.80;
pub const BAR_DOCS_PER_SECOND: f64 = 300.0;

/// The confusion of the shipped `checkworthy::score` at 0.5 on labelled texts.
pub fn score_all<'a>(items: impl IntoIterator<Item = (&'a str, bool)>) -> Confusion {
    let mut c = Confusion::default();
    for (text, gold) in items {
        c.add(
            checkworthy::score(text) >= crosscheck_claims::CHECKWORTHY,
            gold,
        );
    }
    c
}

/// The confusion of the claims stage's own scores at 0.5: each text is
/// analysed as a document (`analyze_document`), and its score is its
/// highest claim score (0 when it yields no claim: a question, a fragment).
pub fn claim_scores<'a>(items: impl IntoIterator<Item = (&'a str, bool)>) -> Confusion {
    let mut c = Confusion::default();
    for (text, gold) in items {
        let best = crosscheck_claims::analyze_document(text, None)
            .claims
            .iter()
            .map(|c| c.checkworthiness)
            .fold(0.0f32, f32::max);
        c.add(best >= crosscheck_claims::CHECKWORTHY, gold);
    }
    c
}

/// CPU seconds of this thread for the fastest of `repeat` passes of `f`
/// over `texts` (the approach of `bench-quotes`).
pub fn time_passes<T>(texts: &[String], repeat: usize, mut f: impl FnMut(&str) -> T) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..repeat.max(1) {
        let t0 = thread_cpu_seconds();
        for t in texts {
            std::hint::black_box(f(std::hint::black_box(t)));
        }
        best = best.min(thread_cpu_seconds() - t0);
    }
    best
}

fn f3(x: f64) -> String {
    format!("{x:.3}")
}

fn met(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "not met"
    }
}

fn prf_row(r: &mut String, what: &str, n: usize, c: &Confusion, bar: &str) {
    let _ = writeln!(
        r,
        "| {what} | {n} | {} | {} | {} | {bar} |",
        f3(c.precision()),
        f3(c.recall()),
        f3(c.f1())
    );
}

/// Runs the benchmark and returns the report.
pub fn run(opts: &Options) -> Result<String> {
    let path = opts.corpus.join("train.json");
    eprintln!("loading {} ...", path.display());
    let (tuning, held_out) = data::split(data::load_claimbuster(&path)?);
    let model = checkworthy::shipped_model().map_err(|e| anyhow::anyhow!("{e}"))?;
    let held = score_all(held_out.iter().map(|s| (s.text.as_str(), s.check_worthy())));
    let positives = held_out.iter().filter(|s| s.check_worthy()).count();

    let mut r = format!(
        "Claims benchmark. Check-worthiness = `crosscheck_claims::checkworthy::score` (the shipped \
         weights, trained on the {} tuning sentences, C = {}) at threshold {}; P/R/F1 of the \
         check-worthy class.\n\n",
        model.train_size,
        model.c,
        crosscheck_claims::CHECKWORTHY
    );
    r.push_str("| measure | n | P | R | F1 | bar |\n|---|---|---|---|---|---|\n");
    prf_row(
        &mut r,
        &format!(
            "check-worthiness, ClaimBuster held-out part (id mod 5 = 3; {positives} check-worthy)"
        ),
        held_out.len(),
        &held,
        &format!("F1 ≥ {BAR_F1:.2}: **{}**", met(held.f1() >= BAR_F1)),
    );
    let claims = claim_scores(held_out.iter().map(|s| (s.text.as_str(), s.check_worthy())));
    prf_row(
        &mut r,
        "claim scores as shipped, same sentences (each analysed as a document: model + evidence \
         rules; the highest claim score, 0 when the sentence is no statement)",
        held_out.len(),
        &claims,
        "",
    );
    let _ = writeln!(
        r,
        "| reference: 5-fold CV on the tuning part (mean fold F1) | {} | – | – | {} | |",
        tuning.len(),
        f3(f64::from(model.cv_f1))
    );
    let checkthat_path = opts.corpus.join("checkthat2019-task1-train.csv");
    let mut notes = Vec::new();
    if checkthat_path.is_file() {
        let lines = data::load_checkthat(&checkthat_path)?;
        let c = score_all(lines.iter().map(|(t, l)| (t.as_str(), *l)));
        let pos = lines.iter().filter(|l| l.1).count();
        prf_row(
            &mut r,
            &format!("check-worthiness, CheckThat! 2019 task 1 train lines (out of domain, never tuned; {pos} check-worthy)"),
            lines.len(),
            &c,
            "",
        );
    } else {
        notes.push(format!(
            "no {}: CheckThat! row left out",
            checkthat_path.display()
        ));
    }
    let a = amounts::fixtures::evaluate();
    let _ = writeln!(
        r,
        "| amounts, project fixtures (exact match; {} found) | {} | {} | {} | – | |",
        a.found,
        a.expected,
        f3(a.precision()),
        f3(a.recall())
    );
    let t = timex::fixtures::score(timex::fixtures::FIXTURES);
    let _ = writeln!(
        r,
        "| time expressions, project fixtures (text, value, kind; {} found) | {} | {} | {} | – | |",
        t.found,
        t.expected,
        f3(t.precision()),
        f3(t.recall())
    );
    r.push_str(
        "| peer: none known — no published figure on this split of ClaimBuster's `train.json` \
         (see the notes) | | | | | |\n",
    );

    // Speed of scoring alone, and of the whole analysis.
    let sentences: Vec<String> = held_out.iter().map(|s| s.text.clone()).collect();
    let score_seconds = time_passes(&sentences, opts.repeat, checkworthy::score);
    r.push('\n');
    r.push_str("| speed (one core, CPU time, fastest pass) | items | CPU s | per second | bar |\n|---|---|---|---|---|\n");
    let _ = writeln!(
        r,
        "| `checkworthy::score`, held-out sentences | {} | {:.3} | {:.0} sentences/s ({:.1} µs each) | |",
        sentences.len(),
        score_seconds,
        sentences.len() as f64 / score_seconds.max(1e-9),
        1e6 * score_seconds / sentences.len().max(1) as f64
    );
    match polnear_texts(&opts.polnear) {
        Ok(texts) => {
            let seconds = time_passes(&texts, opts.repeat, |t| {
                crosscheck_claims::analyze_document(t, None)
            });
            let speed = Speed {
                docs: texts.len(),
                words: texts.iter().map(|t| t.split_whitespace().count()).sum(),
                seconds,
                passes: opts.repeat.max(1),
            };
            let _ = writeln!(
                r,
                "| `analyze_document`, PolNeAR dev texts | {} docs ({} words) | {:.3} | {:.0} docs/s ({:.0} words/s) | ≥ {BAR_DOCS_PER_SECOND:.0} docs/s: **{}** |",
                speed.docs,
                speed.words,
                speed.seconds,
                speed.docs_per_second(),
                speed.words_per_second(),
                met(speed.docs_per_second() >= BAR_DOCS_PER_SECOND)
            );
            let nlp_seconds = time_passes(&texts, opts.repeat, crosscheck_nlp::analyze);
            let _ = writeln!(
                r,
                "| of which `crosscheck_nlp::analyze` (entities, quotes) | {} docs | {:.3} | {:.0} docs/s | |",
                texts.len(),
                nlp_seconds,
                texts.len() as f64 / nlp_seconds.max(1e-9)
            );
        }
        Err(e) => {
            r.push_str("| `analyze_document`, PolNeAR dev texts | – | – | not measured | ≥ 300 docs/s: not measured |\n");
            notes.push(format!("speed not measured: {e:#}"));
        }
    }
    r.push('\n');
    notes.push(
        "the held-out part was never used for training or tuning: the feature set and the L2 \
         strength C were chosen by 5-fold cross-validation on the tuning part \
         (`train-checkworthy`); the loss weights are class-balanced"
            .into(),
    );
    notes.push(
        "peer: no published figure on this split is known. The ClaimBuster papers found \
         (Arslan et al., \"A Benchmark Dataset of Check-worthy Factual Claims\", arXiv:2004.14425; \
         Meng et al., \"Gradient-Based Adversarial Training on Transformer Networks for Detecting \
         Check-Worthy Factual Claims\", arXiv:2002.07725) evaluate other splits and set-ups of the \
         ClaimBuster data, and their abstracts give only relative gains"
            .into(),
    );
    if cfg!(debug_assertions) {
        notes.push("debug build: speeds are meaningless, run with --release".into());
    }
    for n in notes {
        let _ = writeln!(r, "- {n}");
    }

    fs::create_dir_all(&opts.out_dir)
        .with_context(|| format!("creating {}", opts.out_dir.display()))?;
    let out = opts.out_dir.join("results.md");
    fs::write(&out, &r).with_context(|| format!("writing {}", out.display()))?;
    Ok(r)
}

/// The texts of the PolNeAR dev split, as `bench-quotes` reads them.
fn polnear_texts(corpus: &Path) -> Result<Vec<String>> {
    if !corpus.is_dir() {
        anyhow::bail!("no PolNeAR corpus at {}", corpus.display());
    }
    let split = loader::load_split(corpus, "dev", None)?;
    Ok(split.docs.into_iter().map(|d| d.text).collect())
}

/// `../shared/corpora/claimbuster` next to the project root.
pub fn default_corpus(root: &Path) -> PathBuf {
    crate::cli::shared_corpora(root).join("claimbuster")
}

#[cfg(test)]
mod tests;
