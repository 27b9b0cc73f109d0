//! The ingest pipeline: read inputs, skip what is stored, extract, analyse,
//! store, link.
//!
//! Inputs are processed in chunks of files so that memory stays bounded; each
//! chunk's documents are read and extracted in parallel on a dedicated pool
//! and then stored in one transaction. Cross-document evidence for text dumps
//! (lines that recur on several pages of one outlet) is gathered before any
//! document is cleaned, from the whole run and from the store, so that the
//! result does not depend on chunking or on thread scheduling.
//!
//! Each document is analysed (`crosscheck_claims::analyze_document`:
//! entities, quotes, claims; relative times resolved against its publication
//! date) by the worker that extracted it and stored with its analysis in the same
//! transaction. Stored documents with no analysis, or one made by an older
//! [`ANALYSIS_VERSION`], are analysed again after the new inputs (backfill).
//! Then the links between documents (store-wide entities, quote variants)
//! are recomputed from every stored analysis and replaced as a whole, and
//! then the stories and copies from every stored document
//! ([`crate::recluster`]), and last the findings of each story
//! ([`crate::recorroborate`]), so none of them depends on the order in which
//! documents were ingested.

use std::collections::{HashMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;

use anyhow::{Context, Result};
use crosscheck_extract::{clean_page_text, clean_text, extract_html, page_lines, LineEvidence};
use crosscheck_ingest::{
    discover, read_input, read_stdin, Failure, InputFile, Item, Limits, RawDocument,
};
use crosscheck_model::{document_id, DocAnalysis, Document, InputFormat, PageLines};
use crosscheck_nlp::link::{variants_of, AnalysedDoc, DocQuotes, EntityLinker};
use crosscheck_store::{
    check_analysis, LinkSource, Links, NewDocument, QuoteVariant, Store, StoreError, StoredAnalysis,
};
use rayon::prelude::*;

use crate::recluster::{recluster, StoryCounts};
use crate::recorroborate::{recorroborate, FindingCounts};

/// Files per chunk: enough to keep every core busy, few enough to bound memory.
const CHUNK_FILES: usize = 256;
/// Bytes of input files per chunk (a gzip file counts four times its size):
/// a chunk of large JSON-lines files is read whole, so files alone do not
/// bound memory.
const CHUNK_BYTES: u64 = 64 * 1024 * 1024;
/// Documents extracted, analysed and stored per transaction: their analyses
/// are held in memory until they are stored.
const BATCH_DOCS: usize = 2048;
/// Worker stack: extraction walks trees; deep (already flattened) markup
/// still needs more than the default 2 MiB.
const WORKER_STACK: usize = 64 * 1024 * 1024;

/// Version of the per-document analysis, stored with each document
/// (`documents.analysis_version`). Bump it whenever
/// `crosscheck_claims::analyze_document` (or the `crosscheck_nlp::analyze` it
/// runs) gives different results for the same text (new rules, fixed bugs):
/// the next `ingest` then analyses every stored document again.
/// Version 2: claims.
pub const ANALYSIS_VERSION: u32 = 2;

/// Stored documents analysed per transaction during a backfill.
const CHUNK_ANALYSES: usize = 256;

pub struct IngestRequest {
    pub paths: Vec<PathBuf>,
    pub jobs: usize,
    pub limits: Limits,
}

#[derive(Debug, Default)]
pub struct Summary {
    /// `(id, source)` of each new document.
    pub inserted: Vec<(String, String)>,
    pub unchanged: usize,
    pub failures: Vec<Failure>,
    /// `(source, warning)` of stored documents.
    pub warnings: Vec<(String, String)>,
    /// Stored documents (of earlier runs) analysed by this run.
    pub analysed: usize,
    /// What linking found: (linked entities, quote variants).
    pub linked: (usize, usize),
    /// What clustering found.
    pub stories: StoryCounts,
    /// What corroboration found.
    pub findings: FindingCounts,
    /// Wall-clock seconds of each stage, in order.
    pub timings: Vec<(&'static str, f64)>,
}

/// A unit of work: a file, or standard input.
enum Input {
    File(InputFile),
    Stdin,
}

impl Input {
    fn read(&self, limits: &Limits) -> Vec<Item> {
        match self {
            Input::File(f) => read_input(f, limits),
            Input::Stdin => read_stdin(limits),
        }
    }
}

/// Run an ingest. `progress(done, total)` is called after each chunk.
pub fn ingest(
    store: &mut dyn Store,
    req: &IngestRequest,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Summary> {
    let mut summary = Summary::default();
    let use_stdin = req.paths.iter().any(|p| p.as_os_str() == "-");
    let paths: Vec<PathBuf> = req
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let (files, failures) = discover(&paths);
    summary.failures.extend(failures);
    let mut inputs: Vec<Input> = files.into_iter().map(Input::File).collect();
    if use_stdin {
        inputs.push(Input::Stdin);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(req.jobs.max(1))
        .stack_size(WORKER_STACK)
        .build()
        .context("cannot start worker threads")?;

    // Standard input can be read only once, so it is read up front.
    let stdin_items: Option<Vec<Item>> = use_stdin.then(|| read_stdin(&req.limits));
    let read = |input: &Input| -> Vec<Item> {
        match input {
            Input::Stdin => stdin_items.clone().unwrap_or_default(),
            other => other.read(&req.limits),
        }
    };

    let mut clock = Stopwatch::start();
    let evidence = gather_evidence(store, &pool, &inputs, &read)?;
    summary.timings.push(("line evidence", clock.lap()));
    let total = inputs.len();
    let mut done = 0;
    let mut seen: HashSet<String> = HashSet::new();
    progress(0, total);
    for chunk in chunks(&inputs) {
        let items: Vec<Item> = pool.install(|| chunk.par_iter().flat_map_iter(&read).collect());
        let mut raws = Vec::new();
        for item in items {
            match item {
                Item::Failed(f) => summary.failures.push(f),
                Item::Doc(d) => raws.push(d),
            }
        }
        for batch in raws.chunks(BATCH_DOCS) {
            store_batch(store, &pool, batch, &evidence, &mut seen, &mut summary)?;
        }
        done += chunk.len();
        progress(done, total);
    }
    summary
        .timings
        .push(("read, extract, analyse, store", clock.lap()));
    backfill(store, &pool, &mut summary)?;
    summary
        .timings
        .push(("analyse stored documents", clock.lap()));
    summary.linked = relink(store).context("documents stored, but linking them failed")?;
    summary.timings.push(("link", clock.lap()));
    summary.stories =
        recluster(store, &pool).context("documents stored, but clustering them failed")?;
    summary.timings.push(("cluster", clock.lap()));
    summary.findings =
        recorroborate(store, &pool).context("documents stored, but corroborating them failed")?;
    summary.timings.push(("corroborate", clock.lap()));
    Ok(summary)
}

/// Wall-clock laps.
struct Stopwatch(std::time::Instant);

impl Stopwatch {
    fn start() -> Stopwatch {
        Stopwatch(std::time::Instant::now())
    }

    /// Seconds since the start or the last lap.
    fn lap(&mut self) -> f64 {
        let now = std::time::Instant::now();
        let secs = now.duration_since(self.0).as_secs_f64();
        self.0 = now;
        secs
    }
}

/// The inputs in chunks of at most [`CHUNK_FILES`] files and about
/// [`CHUNK_BYTES`] bytes (a chunk has at least one input).
fn chunks(inputs: &[Input]) -> Vec<&[Input]> {
    let weight = |i: &Input| match i {
        Input::Stdin => 0,
        Input::File(f) => {
            let size = std::fs::metadata(&f.path).map_or(0, |m| m.len());
            if f.gzip {
                size.saturating_mul(4)
            } else {
                size
            }
        }
    };
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (n, input) in inputs.iter().enumerate() {
        let w = weight(input);
        if n > start && (n - start >= CHUNK_FILES || bytes.saturating_add(w) > CHUNK_BYTES) {
            out.push(&inputs[start..n]);
            start = n;
            bytes = 0;
        }
        bytes = bytes.saturating_add(w);
    }
    if start < inputs.len() {
        out.push(&inputs[start..]);
    }
    out
}

/// Extract, analyse and store one batch of raw documents (one transaction),
/// skipping those already stored or seen earlier in this run.
fn store_batch(
    store: &mut dyn Store,
    pool: &rayon::ThreadPool,
    raws: &[RawDocument],
    evidence: &LineEvidence,
    seen: &mut HashSet<String>,
    summary: &mut Summary,
) -> Result<()> {
    let shas: Vec<String> = raws.iter().map(|r| r.sha256.clone()).collect();
    let known = store.known_sha256(&shas)?;
    let fresh: Vec<&RawDocument> = raws
        .iter()
        .filter(|r| {
            let fresh = !known.contains(&r.sha256) && seen.insert(r.sha256.clone());
            if !fresh {
                summary.unchanged += 1;
            }
            fresh
        })
        .collect();
    let built: Vec<Result<NewDocument, Failure>> = pool.install(|| {
        fresh
            .par_iter()
            .map(|r| build_document(r, evidence))
            .collect()
    });
    let mut batch = Vec::new();
    for b in built {
        match b {
            Ok(doc) => batch.push(doc),
            Err(f) => summary.failures.push(f),
        }
    }
    let outcome = store
        .insert_documents(&batch)
        .context("cannot store documents")?;
    summary.unchanged += outcome.unchanged.len();
    for c in &outcome.collisions {
        let source = batch
            .iter()
            .find(|b| b.doc.sha256 == c.sha256)
            .map_or("?", |b| b.doc.source.as_str());
        summary.failures.push(Failure::new(source, c.to_string()));
    }
    let inserted: HashSet<&str> = outcome.inserted.iter().map(String::as_str).collect();
    for b in &batch {
        if inserted.contains(b.doc.id.as_str()) {
            summary
                .inserted
                .push((b.doc.id.clone(), b.doc.source.clone()));
            for w in &b.doc.warnings {
                summary.warnings.push((b.doc.source.clone(), w.clone()));
            }
        }
    }
    Ok(())
}

/// Analyse the stored documents that have no analysis or an old one.
fn backfill(store: &mut dyn Store, pool: &rayon::ThreadPool, summary: &mut Summary) -> Result<()> {
    let backlog = store.analysis_backlog(ANALYSIS_VERSION)?;
    if !backlog.is_empty() {
        tracing::info!(documents = backlog.len(), "analysing stored documents");
    }
    for ids in backlog.chunks(CHUNK_ANALYSES) {
        let mut docs = Vec::new();
        for id in ids {
            if let Some(d) = store.get_document(id)? {
                docs.push(d);
            }
        }
        let results: Vec<Result<DocAnalysis, Failure>> = pool.install(|| {
            docs.par_iter()
                .map(|d| analyse(&d.source, &d.text, d.published.as_deref()))
                .collect()
        });
        let mut batch = Vec::new();
        for (d, r) in docs.iter().zip(results) {
            match r {
                Ok(analysis) => batch.push((
                    d.id.clone(),
                    StoredAnalysis {
                        version: ANALYSIS_VERSION,
                        analysis,
                    },
                )),
                Err(f) => summary.warnings.push((f.source, f.reason)),
            }
        }
        summary.analysed += store
            .save_analyses(&batch)
            .context("cannot store analyses")?;
    }
    Ok(())
}

/// The `YYYY-MM-DD` that starts a publication date or date-time (what the
/// time expressions are resolved against), or `None`.
fn publication_date(published: Option<&str>) -> Option<&str> {
    let day = published?.trim().get(..10)?;
    let b = day.as_bytes();
    let shape = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    });
    shape.then_some(day)
}

/// Analyse one document's clean text, published on `published` (a date or
/// date-time, if known). A panic inside the analyser, or an analysis that
/// does not fit the text, costs this document only.
fn analyse(source: &str, text: &str, published: Option<&str>) -> Result<DocAnalysis, Failure> {
    let date = publication_date(published);
    let run = || crosscheck_claims::analyze_document(text, date);
    let analysis = std::panic::catch_unwind(AssertUnwindSafe(run)).map_err(|_| {
        Failure::new(
            source,
            "internal error while analysing this document (please report it)",
        )
    })?;
    check_analysis(text, &analysis).map_err(|reason| {
        Failure::new(
            source,
            format!("internal error: invalid analysis ({reason}; please report it)"),
        )
    })?;
    Ok(analysis)
}

/// Recompute the links between documents from every stored analysis and
/// replace them (one transaction, under the write lock). Returns the number
/// of linked entities and quote variants.
pub fn relink(store: &mut dyn Store) -> Result<(usize, usize)> {
    let mut counts = (0, 0);
    store.relink(&mut |source| {
        let links = compute_links(source)?;
        counts = (links.entities.len(), links.variants.len());
        Ok(links)
    })?;
    Ok(counts)
}

/// The links of the analysed documents of `source`, read one at a time (only
/// the entities' names and the quotes' content words stay in memory): every
/// document entity belongs to exactly one linked entity, and variants that
/// name no stored quote, or a quote already given as a variant, are
/// dropped.
fn compute_links(source: &dyn LinkSource) -> Result<Links, StoreError> {
    let aborted =
        || StoreError::Aborted("internal error while linking documents (please report it)".into());
    let mut linker = EntityLinker::default();
    let mut quotes: Vec<DocQuotes> = Vec::new();
    // (entities, quotes) of each document, to check the linkers' output.
    let mut sizes: HashMap<String, (usize, usize)> = HashMap::new();
    source.for_each_link_document(&mut |d| {
        let run = || {
            linker.add(&d.id, &d.analysis.entities);
            DocQuotes::of(&AnalysedDoc {
                id: &d.id,
                published: d.published.as_deref(),
                outlet: d.outlet.as_deref(),
                text: &d.text,
                analysis: &d.analysis,
            })
        };
        let q = std::panic::catch_unwind(AssertUnwindSafe(run)).map_err(|_| aborted())?;
        quotes.push(q);
        sizes.insert(
            d.id.clone(),
            (d.analysis.entities.len(), d.analysis.quotes.len()),
        );
        Ok(())
    })?;
    let run = || {
        let entities = linker.finish();
        let variants = variants_of(&quotes, &entities);
        (entities, variants)
    };
    let (entities, variants) =
        std::panic::catch_unwind(AssertUnwindSafe(run)).map_err(|_| aborted())?;
    drop(quotes);
    let members: usize = entities.iter().map(|e| e.members.len()).sum();
    let stored: usize = sizes.values().map(|s| s.0).sum();
    let fits = entities.iter().all(|e| {
        e.members
            .iter()
            .all(|(doc, i)| sizes.get(doc).is_some_and(|s| *i < s.0))
    });
    if members != stored || !fits {
        return Err(StoreError::Aborted(format!(
            "internal error: linking gave {members} entity members for {stored} document \
             entities (please report it)"
        )));
    }
    let quote_exists = |doc: &str, i: usize| sizes.get(doc).is_some_and(|s| i < s.1);
    let mut seen: HashSet<(String, usize)> = HashSet::new();
    let mut out_variants = Vec::new();
    for v in variants {
        let ok = quote_exists(&v.document_id, v.quote)
            && quote_exists(&v.variant_of_document, v.variant_of_quote)
            && (v.document_id != v.variant_of_document || v.quote != v.variant_of_quote)
            && seen.insert((v.document_id.clone(), v.quote));
        if !ok {
            tracing::debug!(?v, "quote variant dropped");
            continue;
        }
        out_variants.push(QuoteVariant {
            document_id: v.document_id,
            quote: v.quote,
            variant_of_document: v.variant_of_document,
            variant_of_quote: v.variant_of_quote,
        });
    }
    out_variants.sort();
    Ok(Links {
        entities,
        variants: out_variants,
    })
}

/// Line evidence for text dumps: the page lines of every new text dump of
/// this run, plus how often those lines occur in stored documents.
fn gather_evidence(
    store: &dyn Store,
    pool: &rayon::ThreadPool,
    inputs: &[Input],
    read: &(dyn Fn(&Input) -> Vec<Item> + Sync),
) -> Result<LineEvidence> {
    let may_hold_text = |i: &&Input| match i {
        Input::Stdin => true,
        Input::File(f) => !matches!(f.kind, crosscheck_ingest::FileKind::Html),
    };
    let candidates: Vec<&Input> = inputs.iter().filter(may_hold_text).collect();
    let mut lines: Vec<(String, PageLines)> = pool.install(|| {
        candidates
            .par_iter()
            .flat_map_iter(|i| read(i))
            .filter_map(|item| match item {
                Item::Doc(d) if d.format == InputFormat::PageText => {
                    Some((d.sha256.clone(), page_lines(&d.body, &d.meta)))
                }
                _ => None,
            })
            .collect()
    });
    let shas: Vec<String> = lines.iter().map(|(s, _)| s.clone()).collect();
    let known = store.known_sha256(&shas)?;
    lines.retain(|(sha, _)| !known.contains(sha));
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    lines.dedup_by(|a, b| a.0 == b.0);
    let mut evidence = LineEvidence::default();
    for (_, pl) in &lines {
        evidence.add(pl);
    }
    // Stored pages of the same outlets.
    let mut by_outlet: std::collections::BTreeMap<&str, Vec<u64>> = Default::default();
    for (_, pl) in &lines {
        by_outlet
            .entry(pl.outlet_key.as_str())
            .or_default()
            .extend(&pl.fingerprints);
    }
    for (outlet, mut fps) in by_outlet {
        if outlet.is_empty() {
            continue;
        }
        fps.sort_unstable();
        fps.dedup();
        let counts = store.line_recurrence(outlet, &fps)?;
        evidence.add_stored(outlet, &counts);
    }
    Ok(evidence)
}

/// Extract one raw document. A panic inside an extractor costs this document
/// only, reported as a failure.
fn build_document(raw: &RawDocument, evidence: &LineEvidence) -> Result<NewDocument, Failure> {
    let mut new = extract_document(raw, evidence)?;
    let analysis = analyse(&new.doc.source, &new.doc.text, new.doc.published.as_deref())?;
    new.analysis = Some(StoredAnalysis {
        version: ANALYSIS_VERSION,
        analysis,
    });
    Ok(new)
}

/// Extract one raw document (no analysis yet).
fn extract_document(raw: &RawDocument, evidence: &LineEvidence) -> Result<NewDocument, Failure> {
    let run = || {
        let extracted = match raw.format {
            InputFormat::Html => extract_html(&raw.body, &raw.meta),
            InputFormat::PageText => clean_page_text(&raw.body, &raw.meta, evidence),
            InputFormat::CleanText => clean_text(&raw.body, &raw.meta),
        };
        let lines = (raw.format == InputFormat::PageText).then(|| page_lines(&raw.body, &raw.meta));
        (extracted, lines)
    };
    let (extracted, page_lines) =
        std::panic::catch_unwind(AssertUnwindSafe(run)).map_err(|_| {
            Failure::new(
                &raw.source,
                "internal error while extracting this document (please report it)",
            )
        })?;
    let text = extracted.text();
    if text.trim().is_empty() {
        let why = extracted
            .warnings
            .first()
            .cloned()
            .unwrap_or_else(|| "no article text found".to_string());
        return Err(Failure::new(&raw.source, why));
    }
    let mut warnings = raw.warnings.clone();
    warnings.extend(extracted.warnings.iter().cloned());
    let doc = Document {
        id: document_id(&raw.sha256),
        source: raw.source.clone(),
        sha256: raw.sha256.clone(),
        format: raw.format,
        url: raw
            .meta
            .url
            .clone()
            .or_else(|| extracted.canonical_url.clone()),
        outlet: extracted.outlet.clone(),
        title: extracted.title.clone(),
        author: extracted.author.clone(),
        published: extracted.published.clone(),
        date_evidence: extracted.date_evidence.clone(),
        language: extracted.language.clone(),
        removed: extracted.removed(),
        text,
        upstream_sources: extracted.upstream_sources,
        removed_lines: extracted.removed_lines,
        confidence: extracted.confidence,
        warnings,
    };
    Ok(NewDocument {
        doc,
        page_lines,
        analysis: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_date_is_the_day_of_a_date_or_date_time() {
        assert_eq!(publication_date(Some("2025-03-16")), Some("2025-03-16"));
        assert_eq!(
            publication_date(Some("2025-03-16T08:30:00+01:00")),
            Some("2025-03-16")
        );
        assert_eq!(
            publication_date(Some(" 2025-03-16 08:30")),
            Some("2025-03-16")
        );
        for bad in [
            "",
            "2025-03",
            "March 16, 2025",
            "16/03/2025",
            "2025/03/16",
            "é2025-03-16",
        ] {
            assert_eq!(publication_date(Some(bad)), None, "{bad:?}");
        }
        assert_eq!(publication_date(None), None);
    }
}
