//! The `bench-stance` run: claim stance on fnc1-stories-dev through
//! `crosscheck_corroborate::stance::judge`, the function behind
//! `crosscheck check`. Each (headline, body) pair of `stances.csv` is judged
//! with the headline as the claim; scored as the corpora README says (the
//! FNC-1 score: +0.25 for a right related/unrelated call, +0.75 more for the
//! right stance of a related pair, as a share of the best possible score).
//! Our stances map to FNC-1's: supports → agree, contradicts → disagree,
//! discusses → discuss, unrelated → unrelated.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use crosscheck_cluster::terms::Vocabulary;
use crosscheck_corroborate::stance::{judge, Stance, HEDGES};
use crosscheck_corroborate::stance_model::{lower_words, per_hundred};

use crate::claims_bench::data::parse_csv;
use crate::stories_bench::data::load_bodies;
use crate::systems::thread_cpu_seconds;

pub struct Options {
    /// The fnc1-stories-dev folder.
    pub corpus: PathBuf,
    /// Where `results.md` goes (`target/bench/stance`).
    pub out_dir: PathBuf,
}

pub const BAR: f64 = 0.83;

/// A body's sentences as byte spans.
type Sentences = Vec<(usize, usize)>;
pub const LABELS: [&str; 4] = ["agree", "disagree", "discuss", "unrelated"];

/// FNC-1's label for one of our stances.
pub fn label(s: Stance) -> &'static str {
    match s {
        Stance::Supports => "agree",
        Stance::Contradicts => "disagree",
        Stance::Discusses => "discuss",
        Stance::Unrelated => "unrelated",
    }
}

/// The FNC-1 relative score of predictions against gold labels.
pub fn fnc_score(pairs: &[(&str, &str)]) -> f64 {
    let (mut got, mut best) = (0.0, 0.0);
    for &(gold, pred) in pairs {
        best += if gold == "unrelated" { 0.25 } else { 1.0 };
        if (gold == "unrelated") == (pred == "unrelated") {
            got += 0.25;
        }
        if gold != "unrelated" && gold == pred {
            got += 0.75;
        }
    }
    if best == 0.0 {
        0.0
    } else {
        got / best
    }
}

/// Hedging words per hundred words from which the cue rules called a
/// document "discuss".
const HEDGE_DENSITY: f32 = 0.5;

fn hedge_density(text: &str) -> f32 {
    per_hundred(&lower_words(text), HEDGES)
}

/// (headline, body id, gold stance) rows of `stances.csv`.
fn load_stances(path: &std::path::Path) -> Result<Vec<(String, String, String)>> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut rows = Vec::new();
    for (i, r) in parse_csv(&text).into_iter().enumerate().skip(1) {
        match r.as_slice() {
            [h, b, s] if LABELS.contains(&s.as_str()) => {
                rows.push((h.clone(), b.clone(), s.clone()))
            }
            [] => {}
            _ => bail!(
                "{} row {}: not headline,body id,stance",
                path.display(),
                i + 1
            ),
        }
    }
    Ok(rows)
}

pub fn run(opts: &Options) -> Result<String> {
    let bodies = load_bodies(&opts.corpus.join("bodies.jsonl"))?;
    let rows = load_stances(&opts.corpus.join("stances.csv"))?;
    let t0 = thread_cpu_seconds();
    let mut vocabulary = Vocabulary::default();
    for b in &bodies {
        vocabulary.count(&b.text, &[]);
    }
    let sentences: std::collections::HashMap<&str, (&str, Sentences)> = bodies
        .iter()
        .map(|b| {
            let s = crosscheck_nlp::split_sentences(&b.text)
                .into_iter()
                .map(|s| (s.start, s.end))
                .collect();
            (b.id.as_str(), (b.text.as_str(), s))
        })
        .collect();
    let mut pairs: Vec<(&str, &str)> = Vec::with_capacity(rows.len());
    let mut texts: Vec<&str> = Vec::with_capacity(rows.len());
    for (headline, body, gold) in &rows {
        let Some((text, sents)) = sentences.get(body.as_str()) else {
            bail!("stances.csv names body {body}, which bodies.jsonl lacks");
        };
        let j = judge(&mut vocabulary, headline, text, sents);
        pairs.push((gold.as_str(), label(j.stance)));
        texts.push(text);
    }
    let seconds = thread_cpu_seconds() - t0;

    let score = fnc_score(&pairs);
    let related_only: Vec<(&str, &str)> = pairs
        .iter()
        .map(|&(g, p)| (g, if p == "unrelated" { p } else { "discuss" }))
        .collect();
    let all_unrelated: Vec<(&str, &str)> = pairs.iter().map(|&(g, _)| (g, "unrelated")).collect();
    // The judge before the learned model: the same relatedness and denial
    // cue, then hedging cues for "discuss", else "agree".
    let cue_rules: Vec<(&str, &str)> = pairs
        .iter()
        .zip(&texts)
        .map(|(&(g, p), text)| match p {
            "unrelated" | "disagree" => (g, p),
            _ if hedge_density(text) >= HEDGE_DENSITY => (g, "discuss"),
            _ => (g, "agree"),
        })
        .collect();
    let related_right = pairs
        .iter()
        .filter(|(g, p)| (*g == "unrelated") == (*p == "unrelated"))
        .count();

    let mut r = format!(
        "Stance benchmark: fnc1-stories-dev, {} (headline, body) pairs over {} bodies; the headline is the \
         claim, `crosscheck_corroborate::stance::judge` the judge (as `crosscheck check`).\n\n",
        rows.len(),
        bodies.len()
    );
    r.push_str("| system | FNC-1 score | related/unrelated right | bar |\n|---|---|---|---|\n");
    let _ = writeln!(
        r,
        "| crosscheck (relatedness, denial cue, learned stance model) | {score:.3} | {:.3} | ≥ {BAR:.2}: **{}** |",
        related_right as f64 / pairs.len().max(1) as f64,
        if score >= BAR { "met" } else { "not met" }
    );
    let _ = writeln!(
        r,
        "| baseline: the same relatedness and denial cue, then hedging cues (the judge before the model) | {:.3} | same | |",
        fnc_score(&cue_rules)
    );
    let _ = writeln!(
        r,
        "| crosscheck relatedness, every related pair `discuss` | {:.3} | same | |",
        fnc_score(&related_only)
    );
    let _ = writeln!(
        r,
        "| every pair `unrelated` | {:.3} | – | |",
        fnc_score(&all_unrelated)
    );
    r.push_str("| published: majority-class-style baseline / best system (full FNC-1 test set) | 0.752 / 0.820 | – | |\n\n");
    r.push_str("Confusion (rows gold, columns predicted):\n\n| gold \\ predicted | agree | disagree | discuss | unrelated |\n|---|---|---|---|---|\n");
    for g in LABELS {
        let counts: Vec<String> = LABELS
            .iter()
            .map(|p| {
                pairs
                    .iter()
                    .filter(|x| x.0 == g && x.1 == *p)
                    .count()
                    .to_string()
            })
            .collect();
        let _ = writeln!(r, "| {g} | {} |", counts.join(" | "));
    }
    let _ = writeln!(
        r,
        "\n- {:.0} pairs/s on one core (vocabulary, sentence splitting and judging; CPU time)",
        pairs.len() as f64 / seconds.max(1e-9)
    );
    fs::create_dir_all(&opts.out_dir)
        .with_context(|| format!("creating {}", opts.out_dir.display()))?;
    fs::write(opts.out_dir.join("results.md"), &r)?;
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnc_score_by_hand() {
        assert_eq!(
            fnc_score(&[("agree", "agree"), ("unrelated", "unrelated")]),
            1.0
        );
        // Related called related with the wrong stance: 0.25 of 1.
        assert_eq!(fnc_score(&[("agree", "discuss")]), 0.25);
        // Unrelated called related: 0 of 0.25; agree right: 1 of 1.
        assert_eq!(
            fnc_score(&[("unrelated", "agree"), ("agree", "agree")]),
            1.0 / 1.25
        );
        assert_eq!(fnc_score(&[]), 0.0);
    }
}
