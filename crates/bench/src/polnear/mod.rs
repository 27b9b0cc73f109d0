//! The `bench-quotes` run: load a PolNeAR split, analyse every article with
//! `crosscheck_nlp::analyze`, score the attributions, time the analysis,
//! print and write the tables. The scoring rules are documented at the top
//! of `src/bin/bench-quotes.rs`.

pub mod loader;
pub mod scorer;
pub mod table;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use crosscheck_model::DocAnalysis;

use crate::systems::thread_cpu_seconds;
use loader::{Doc, Split};
use scorer::{score_doc, DocScore, PredAttribution, Totals};
use table::Speed;

pub struct Options {
    /// The PolNeAR folder (`../shared/corpora/polnear`).
    pub corpus: PathBuf,
    /// `dev` (default) or `train`.
    pub split: String,
    pub limit: Option<usize>,
    /// Timed passes; the fastest counts.
    pub repeat: usize,
    /// Where `results.md` goes (`target/bench/quotes`).
    pub out_dir: PathBuf,
    /// Per-document diffs of gold and predicted attributions go here.
    pub dump: Option<PathBuf>,
    /// Print corpus diagnostics (cue words, sources, shares).
    pub diagnostics: bool,
}

/// The analysis under test; an empty one when built without the `nlp` feature.
pub fn analyze(text: &str) -> DocAnalysis {
    #[cfg(feature = "nlp")]
    {
        crosscheck_nlp::analyze(text)
    }
    #[cfg(not(feature = "nlp"))]
    {
        let _ = text;
        DocAnalysis::default()
    }
}

/// Analyses every document once (the results that are scored), then times
/// `repeat` passes of the analysis alone on this thread.
fn analyse_and_time(docs: &[Doc], repeat: usize) -> (Vec<DocAnalysis>, Speed) {
    let mut best = f64::INFINITY;
    let mut results = Vec::new();
    for pass in 0..repeat.max(1) {
        let t0 = thread_cpu_seconds();
        if pass == 0 {
            results = docs.iter().map(|d| analyze(&d.text)).collect();
        } else {
            for d in docs {
                std::hint::black_box(analyze(std::hint::black_box(&d.text)));
            }
        }
        best = best.min(thread_cpu_seconds() - t0);
    }
    let speed = Speed {
        docs: docs.len(),
        words: docs.iter().map(Doc::words).sum(),
        seconds: best,
        passes: repeat.max(1),
    };
    (results, speed)
}

/// Runs the benchmark and returns the report.
pub fn run(opts: &Options) -> Result<String> {
    eprintln!(
        "loading PolNeAR {} from {} ...",
        opts.split,
        opts.corpus.display()
    );
    let split = loader::load_split(&opts.corpus, &opts.split, opts.limit)?;
    eprintln!(
        "analysing {} documents ({} timed passes) ...",
        split.docs.len(),
        opts.repeat.max(1)
    );
    let (analyses, speed) = analyse_and_time(&split.docs, opts.repeat);
    let mut totals = Totals::default();
    let mut scores = Vec::new();
    for (doc, analysis) in split.docs.iter().zip(&analyses) {
        let s = score_doc(doc, analysis);
        totals.add(&s.totals);
        scores.push(s);
    }
    if let Some(dir) = &opts.dump {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        for ((doc, analysis), s) in split.docs.iter().zip(&analyses).zip(&scores) {
            let path = dir.join(format!("{}.txt", doc.name));
            fs::write(&path, dump_doc(doc, analysis, s))
                .with_context(|| format!("writing {}", path.display()))?;
        }
        eprintln!("wrote {} diffs to {}", scores.len(), dir.display());
    }

    let report = report(opts, &split, &totals, &speed);
    fs::create_dir_all(&opts.out_dir)
        .with_context(|| format!("creating {}", opts.out_dir.display()))?;
    let path = opts.out_dir.join("results.md");
    fs::write(&path, &report).with_context(|| format!("writing {}", path.display()))?;
    let mut out = report;
    if opts.diagnostics {
        out.push('\n');
        out.push_str(&diagnostics(&split, &scores));
    }
    Ok(out)
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "–".into()
    } else {
        format!("{:.1}%", 100.0 * a as f64 / b as f64)
    }
}

fn report(opts: &Options, split: &Split, t: &Totals, speed: &Speed) -> String {
    let mut r = String::new();
    let several: Vec<&Doc> = split
        .docs
        .iter()
        .filter(|d| !d.other_annotators.is_empty())
        .collect();
    let _ = writeln!(
        r,
        "PolNeAR attribution benchmark, {} split: {} documents{}; {} gold attributions, \
         {} of them direct quotes ({}); {} with a source ({} marked as having none), \
         {} with a cue, {} with a content. Predicted: {} quotes, grouped with the quotes that \
         continue them into {} attributions, {} of them direct quotes.\n",
        split.name,
        split.docs.len(),
        opts.limit
            .map(|n| format!(" (--limit {n})"))
            .unwrap_or_default(),
        t.gold_attributions,
        t.gold_direct,
        pct(t.gold_direct, t.gold_attributions),
        t.gold_with_source,
        t.gold_marked_no_source,
        t.gold_with_cue,
        t.gold_with_content,
        t.predicted_quotes,
        t.predicted_attributions,
        t.predicted_direct,
    );
    r.push_str("Span scores (source and cue counted only where the attribution has one):\n\n");
    r.push_str(&table::spans_table(t));
    r.push('\n');
    r.push_str(&table::reference_table(t));
    r.push('\n');
    r.push_str(&table::speaker_table(t));
    r.push('\n');
    r.push_str(&table::speed_table(speed));
    r.push('\n');
    r.push_str("Bars:\n\n");
    r.push_str(&table::bars_table(t, speed));
    r.push('\n');

    let st = &split.stats;
    let mut notes = Vec::new();
    if !several.is_empty() {
        notes.push(format!(
            "{} documents have several annotation files; the first in sorted order is used: {}",
            several.len(),
            several
                .iter()
                .map(|d| format!(
                    "{} ({} used; not {})",
                    d.name,
                    d.annotator,
                    d.other_annotators.join(", ")
                ))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    notes.push(format!(
        "offsets: read as Unicode character offsets and converted to byte offsets; {} of {} \
         annotated spans do not match their annotation's text ({} would not match read as byte offsets)",
        st.mismatched, st.spans, st.mismatched_as_bytes
    ));
    notes.extend(
        st.mismatch_examples
            .iter()
            .map(|e| format!("mismatch: {e}")),
    );
    if st.out_of_range > 0 {
        notes.push(format!(
            "{} spans past the end of their text, dropped",
            st.out_of_range
        ));
    }
    if st.dangling_refs + st.unknown > 0 {
        notes.push(format!(
            "{} references to undefined spans and {} unknown lines or roles, ignored",
            st.dangling_refs, st.unknown
        ));
    }
    notes.push(format!(
        "{} discontinuous spans (exact = the hull, overlap = any part); {} attributions with a \
         second content part; {} Discard and {} Discuss spans ignored",
        st.discontinuous, st.extra_content_roles, st.discard_spans, st.discuss_spans
    ));
    notes.push(format!(
        "{} gold direct quotes have no source (left out of the speaker shares)",
        t.speaker.without_source
    ));
    if t.predicted_unusable > 0 {
        notes.push(format!(
            "{} predicted spans do not fit the text or are empty once trimmed (counted as predictions, never matched)",
            t.predicted_unusable
        ));
    }
    if !split.unannotated.is_empty() || !split.orphans.is_empty() {
        notes.push(format!(
            "{} texts without annotations and {} annotation files without a text, left out",
            split.unannotated.len(),
            split.orphans.len()
        ));
    }
    if !cfg!(feature = "nlp") {
        notes.push("built without the `nlp` feature: the analysis is empty".into());
    }
    if cfg!(debug_assertions) {
        notes.push("debug build: speeds are meaningless, run with --release".into());
    }
    for n in notes {
        let _ = writeln!(r, "- {n}");
    }
    r
}

fn one_line(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 160 {
        let cut: String = s.chars().take(157).collect();
        format!("{cut}...")
    } else {
        s
    }
}

fn describe_prediction(doc: &Doc, a: &DocAnalysis, p: &PredAttribution) -> String {
    let text = doc.text.as_str();
    let span = |s: Option<crosscheck_model::Span>| match s {
        Some(s) => match text.get(s.start..s.end) {
            Some(t) => format!("{:?}", one_line(t)),
            None => format!("<bad span {}..{}>", s.start, s.end),
        },
        None => "–".into(),
    };
    let first = p.members.first().and_then(|&i| a.quotes.get(i));
    let speaker = match p.speaker.and_then(|i| a.entities.get(i)) {
        Some(e) => e.name.clone(),
        None => format!(
            "– ({})",
            first
                .and_then(|q| q.speaker_note.as_deref())
                .unwrap_or("no note")
        ),
    };
    let kinds: Vec<&str> = p
        .members
        .iter()
        .map(|&i| a.quotes[i].kind.as_str())
        .collect();
    let mut out = format!(
        "    predicted {} (quote {}): source {} | cue {} | speaker {}\n",
        kinds.join("+"),
        p.members
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join("+"),
        span(p.source),
        span(p.cue),
        speaker,
    );
    for c in &p.content {
        let _ = writeln!(
            out,
            "      content {} [{}..{}]",
            span(Some(*c)),
            c.start,
            c.end
        );
    }
    out
}

fn describe_gold(doc: &Doc, i: usize, direct: bool) -> String {
    let text = doc.text.as_str();
    let a = &doc.attributions[i];
    let g = |s: &Option<loader::GoldSpan>| match s {
        Some(s) => format!("{:?}", one_line(&s.text(text))),
        None => "–".into(),
    };
    let at = a
        .content
        .as_ref()
        .and_then(|c| c.hull())
        .map(|h| format!(" [{}..{}]", h.start, h.end))
        .unwrap_or_default();
    format!(
        "    gold {} {}: source {} | cue {}\n      content {}{at}\n",
        a.id,
        if direct { "direct" } else { "indirect" },
        g(&a.source),
        g(&a.cue),
        g(&a.content),
    )
}

/// A readable diff of one document's gold and predicted attributions,
/// aligned by content overlap.
pub fn dump_doc(doc: &Doc, analysis: &DocAnalysis, s: &DocScore) -> String {
    let mut out = format!(
        "{} (annotator {}): {} gold attributions ({} direct), {} predicted quotes in {} attributions\n",
        doc.name,
        doc.annotator,
        doc.attributions.len(),
        s.totals.gold_direct,
        analysis.quotes.len(),
        s.predicted.len()
    );
    let gold_of: HashMap<usize, usize> = s.content_matches.iter().copied().collect();
    let pred_matched: std::collections::HashSet<usize> =
        s.content_matches.iter().map(|&(_, p)| p).collect();
    out.push_str("\n== matched (content overlap)\n");
    for (&g, &p) in s.content_matches.iter().map(|(g, p)| (g, p)) {
        out.push_str(&describe_gold(doc, g, s.gold_direct[g]));
        out.push_str(&describe_prediction(doc, analysis, &s.predicted[p]));
        if let Some(v) = s.speaker[g] {
            let _ = writeln!(out, "    speaker {}", if v { "right" } else { "WRONG" });
        }
    }
    out.push_str("\n== missed (gold without a predicted content overlapping it)\n");
    for i in 0..doc.attributions.len() {
        if !gold_of.contains_key(&i) {
            out.push_str(&describe_gold(doc, i, s.gold_direct[i]));
        }
    }
    out.push_str("\n== spurious (predicted without a gold content overlapping it)\n");
    for (i, p) in s.predicted.iter().enumerate() {
        if !pred_matched.contains(&i) {
            out.push_str(&describe_prediction(doc, analysis, p));
        }
    }
    out
}

fn top(counts: HashMap<String, usize>, n: usize) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

/// Corpus diagnostics: shares, the commonest cue words and sources.
fn diagnostics(split: &Split, scores: &[DocScore]) -> String {
    let mut cues: HashMap<String, usize> = HashMap::new();
    let mut cue_words: HashMap<String, usize> = HashMap::new();
    let mut sources: HashMap<String, usize> = HashMap::new();
    let mut direct_cues: HashMap<String, usize> = HashMap::new();
    let (mut n, mut no_source, mut no_cue, mut no_content, mut disc_content) = (0, 0, 0, 0, 0);
    let (mut direct, mut direct_no_source, mut source_after_content, mut mixed) = (0, 0, 0, 0);
    for (doc, s) in split.docs.iter().zip(scores) {
        for (i, a) in doc.attributions.iter().enumerate() {
            n += 1;
            let is_direct = s.gold_direct[i];
            direct += usize::from(is_direct);
            no_source += usize::from(a.source.is_none());
            no_cue += usize::from(a.cue.is_none());
            no_content += usize::from(a.content.is_none());
            disc_content += usize::from(a.content.as_ref().is_some_and(|c| c.parts.len() > 1));
            if !is_direct
                && a.content.as_ref().is_some_and(|c| {
                    c.hull()
                        .is_some_and(|h| h.of(&doc.text).contains(['“', '”', '"']))
                })
            {
                mixed += 1;
            }
            if is_direct && a.source.is_none() {
                direct_no_source += 1;
            }
            if let (Some(src), Some(c)) = (&a.source, &a.content) {
                if src
                    .hull()
                    .zip(c.hull())
                    .is_some_and(|(s, c)| s.start >= c.end)
                {
                    source_after_content += 1;
                }
            }
            if let Some(c) = &a.cue {
                let t = one_line(&c.text(&doc.text)).to_lowercase();
                for w in t
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                {
                    *cue_words.entry(w.to_string()).or_default() += 1;
                }
                if is_direct {
                    *direct_cues.entry(t.clone()).or_default() += 1;
                }
                *cues.entry(t).or_default() += 1;
            }
            if let Some(src) = &a.source {
                let t = one_line(&src.text(&doc.text));
                *sources.entry(t).or_default() += 1;
            }
        }
    }
    let mut r = format!(
        "Diagnostics, {} split ({} gold attributions):\n\n",
        split.name, n
    );
    let _ = writeln!(r, "- without a source: {no_source} ({})", pct(no_source, n));
    let _ = writeln!(r, "- without a cue: {no_cue} ({})", pct(no_cue, n));
    let _ = writeln!(
        r,
        "- without a content: {no_content} ({})",
        pct(no_content, n)
    );
    let _ = writeln!(
        r,
        "- discontinuous content: {disc_content} ({})",
        pct(disc_content, n)
    );
    let _ = writeln!(
        r,
        "- direct quotes: {direct} ({}); of them without a source: {direct_no_source}",
        pct(direct, n)
    );
    let _ = writeln!(
        r,
        "- not direct but with quotation marks inside the content (mixed quotes: 'said he was “troubled”'): \
         {mixed} ({}); direct and mixed together: {}",
        pct(mixed, n),
        pct(direct + mixed, n)
    );
    let _ = writeln!(
        r,
        "- source after the content (\"..., X said\"): {source_after_content} ({} of those with both)",
        pct(source_after_content, n - no_source - no_content)
    );
    let list = |title: &str, v: Vec<(String, usize)>| {
        let mut s = format!("\n{title}:\n\n| # | text | count |\n|---|---|---|\n");
        for (i, (k, c)) in v.iter().enumerate() {
            let _ = writeln!(s, "| {} | {} | {c} |", i + 1, k.replace('|', "\\|"));
        }
        s
    };
    r.push_str(&list("Top 30 gold cue spans (lower-cased)", top(cues, 30)));
    r.push_str(&list("Top 30 words in gold cues", top(cue_words, 30)));
    r.push_str(&list(
        "Top 15 cue spans of direct quotes",
        top(direct_cues, 15),
    ));
    r.push_str(&list("Top 30 gold source spans", top(sources, 30)));
    r
}

/// `../shared/corpora/polnear` next to the project root.
pub fn default_corpus(root: &Path) -> PathBuf {
    crate::cli::shared_corpora(root).join("polnear")
}
