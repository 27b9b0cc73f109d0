//! Time against length: the per-document path (extraction, analysis, and
//! corroboration of the document as a story of its own) on long texts of
//! one shape each ([`shapes`]), at a size and its doubles. A scan that
//! looks back through the whole paragraph for every number, quote or
//! mention makes the time grow with the square of the length; each
//! doubling of the input must at most about double the time.

pub mod shapes;

use std::time::{Duration, Instant};

use crosscheck_corroborate::{corroborate, StoryDoc};
use crosscheck_extract::{clean_page_text, extract_html, LineEvidence};
use crosscheck_model::Metadata;

pub use shapes::Shape;

/// What one run of the per-document path produced, to show it did the
/// work (and to keep the optimiser from dropping it).
#[derive(Debug, Clone, Copy, Default)]
pub struct Output {
    pub claims: usize,
    pub quotes: usize,
    pub entities: usize,
    /// Mentions of the entities (one per name, title or pronoun).
    pub mentions: usize,
    pub facts: usize,
}

/// Extracts, analyses and corroborates one document of the shape's text.
pub fn run(shape: Shape, text: &str) -> Output {
    let meta = Metadata::default();
    let extracted = if shape.is_html() {
        extract_html(text, &meta)
    } else {
        clean_page_text(text, &meta, &LineEvidence::default())
    };
    let body = extracted.text();
    let analysis = crosscheck_claims::analyze_document(&body, None);
    let docs = [StoryDoc {
        id: "long",
        outlet: None,
        published: None,
        text: &body,
        analysis: &analysis,
        upstream: &[],
        copy_of: None,
        episode: None,
    }];
    let findings = corroborate(&docs);
    Output {
        claims: analysis.claims.len(),
        quotes: analysis.quotes.len(),
        entities: analysis.entities.len(),
        mentions: analysis.entities.iter().map(|e| e.mentions.len()).sum(),
        facts: findings.claims.len(),
    }
}

/// The linear reference: splitting the same text into tokens and
/// sentences, which is one pass.
pub fn reference(text: &str) -> usize {
    crosscheck_nlp::tokenize(text).len() + crosscheck_nlp::split_sentences(text).len()
}

/// The fastest of `passes` runs of `f`, with its last result.
pub fn fastest<T>(passes: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..passes.max(1) {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed());
        out = Some(r);
    }
    (best, out.expect("at least one pass"))
}

/// How the time grew from one size to the next (the sizes doubling).
pub fn growth(times: &[Duration]) -> Vec<f64> {
    times
        .windows(2)
        .map(|w| w[1].as_secs_f64() / w[0].as_secs_f64().max(1e-9))
        .collect()
}

/// Options of `bench-linear`.
pub struct Options {
    /// The smallest size, in bytes; the others are its double and its
    /// quadruple.
    pub base: usize,
    pub passes: usize,
}

/// A doubling is linear when the time at most about doubles: up to this
/// factor (a quadratic step gives 4, and allocation and caches add a
/// little to the larger sizes).
pub const LINEAR_GROWTH: f64 = 2.6;

/// The `bench-linear` report: a markdown table of time against size for
/// every shape and for the one-pass reference.
pub fn report(opts: &Options) -> anyhow::Result<String> {
    use std::fmt::Write;
    let sizes = [opts.base, 2 * opts.base, 4 * opts.base];
    let mb = |b: usize| format!("{}", (b as f64 / 1e5).round() / 10.0);
    let mut out = String::new();
    writeln!(
        out,
        "| text | {} MB s | {} MB s | {} MB s | ×2 size: × time | ×4 size: × time | claims / quotes / facts at {} MB | growth |",
        mb(sizes[0]),
        mb(sizes[1]),
        mb(sizes[2]),
        mb(sizes[2])
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|---|")?;
    let mut all_linear = true;
    let mut row = |name: &str, times: &[Duration], what: String| -> anyhow::Result<()> {
        let g = growth(times);
        let linear = g.iter().all(|&x| x <= LINEAR_GROWTH);
        let reference = what == "–";
        if !reference {
            all_linear &= linear;
        }
        writeln!(
            out,
            "| {name} | {:.3} | {:.3} | {:.3} | {:.2} | {:.2} | {what} | {} |",
            times[0].as_secs_f64(),
            times[1].as_secs_f64(),
            times[2].as_secs_f64(),
            g[0],
            g[1],
            match (reference, linear) {
                (true, _) => "(reference: a few milliseconds, allocation-bound)",
                (false, true) => "linear",
                (false, false) => "**faster than linear**",
            }
        )?;
        Ok(())
    };
    for shape in Shape::ALL {
        let mut times = Vec::new();
        let mut last = Output::default();
        for &size in &sizes {
            let text = shape.text(size);
            let (t, o) = fastest(opts.passes, || run(shape, &text));
            times.push(t);
            last = o;
        }
        row(
            shape.name(),
            &times,
            format!("{} / {} / {}", last.claims, last.quotes, last.facts),
        )?;
    }
    let mut times = Vec::new();
    for &size in &sizes {
        let text = Shape::Numbers.text(size);
        times.push(fastest(opts.passes, || reference(&text)).0);
    }
    row(
        "reference: tokens and sentences of the numbers text (one pass)",
        &times,
        "–".into(),
    )?;
    writeln!(
        out,
        "\nTime: extraction, analysis (`analyze_document`) and corroboration of the text as a story \
         of its own, one thread, fastest of {} passes. Growth: linear when each doubling of the \
         size at most {LINEAR_GROWTH}× the time.{}",
        opts.passes,
        if all_linear {
            ""
        } else {
            "\n\n**Some shape grows faster than linear.**"
        }
    )?;
    Ok(out)
}
