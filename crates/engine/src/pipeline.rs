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
//! date) by the worker that extracted it and stored with its analysis in the
//! same transaction, *staged*: readers do not see it yet. Then, in one
//! transaction ([`derive`], `Store::rederive`): stored documents with no
//! analysis, or one made by an older [`ANALYSIS_VERSION`], are analysed
//! again (backfill); the links between documents (store-wide entities, quote
//! variants) are recomputed from every stored analysis, then the stories and
//! copies from every stored document ([`crate::clustering`]), then the
//! findings of each story ([`crate::findings`]), so none of them
//! depends on the order in which documents were ingested; and the staged
//! documents are published. Readers see the complete state before the
//! ingest until that transaction commits, and the complete state after it
//! from then on. A stop asked for by Ctrl-C or SIGTERM ([`Interrupt`]) is
//! honoured between batches and inside the derivation (which then rolls
//! back); the staged documents stay, and the next ingest or `crosscheck
//! rebuild` completes the work.

use std::collections::{HashMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;

use anyhow::{Context, Result};
use crosscheck_extract::{clean_page_text, clean_text, extract_html, page_lines, LineEvidence};
use crosscheck_ingest::{
    discover, open_input, read_stdin, Failure, FileKind, InputFile, Item, Limits, RawDocument,
};
use crosscheck_model::{document_id, DocAnalysis, Document, InputFormat, PageLines};
use crosscheck_store::{
    check_analysis, ClusterSnapshot, ClusterSource, ClusterState, ClusterUpdate, Derive,
    LinkSource, LinkState, LinkUpdate, Links, NewDocument, Store, StoreError, StoredAnalysis,
    StoryClustering, StoryDocument, StoryFindings,
};
use rayon::prelude::*;

use crate::cluster_update::cluster_update;
use crate::clustering::{compute_clustering, StoryCounts};
use crate::findings::{batch_findings, FindingCounts};
use crate::interrupt::Interrupt;
use crate::linking::{compute_links, link_update};

/// Files per chunk: enough to keep every core busy, few enough to bound memory.
const CHUNK_FILES: usize = 256;
/// Bytes of input files per chunk (a gzip file counts four times its size):
/// a chunk of large JSON-lines files is read whole, so files alone do not
/// bound memory.
const CHUNK_BYTES: u64 = 64 * 1024 * 1024;
/// Documents extracted, analysed and stored per transaction: their analyses
/// are held in memory until they are stored.
const BATCH_DOCS: usize = 2048;
/// Bytes of raw bodies per transaction: a web archive's pages are large.
const BATCH_BYTES: usize = 256 * 1024 * 1024;
/// Failures listed per chunk of input (a file read piece by piece is a
/// chunk): a JSON-lines file of a billion bad lines is counted, not listed.
pub const MAX_LISTED_FAILURES: usize = 1000;
/// Kinds of skipped pieces named in the summary.
const MAX_SKIP_KINDS: usize = 64;
/// Worker stack: extraction walks trees; deep (already flattened) markup
/// still needs more than the default 2 MiB.
const WORKER_STACK: usize = 64 * 1024 * 1024;

/// Version of the per-document analysis, stored with each document
/// (`documents.analysis_version`). Bump it whenever
/// `crosscheck_claims::analyze_document` (or the `crosscheck_nlp::analyze` it
/// runs) gives different results for the same text (new rules, fixed bugs):
/// the next `ingest` then analyses every stored document again.
/// Version 2: claims. Version 3: roles in an apposition before the name,
/// and that name as the speaker; quoted terms not speech.
pub const ANALYSIS_VERSION: u32 = 3;

/// Version of the stages that compute a story's findings from its
/// documents (`crosscheck_corroborate` and [`crate::findings`]). Stored
/// findings of a story whose documents did not change are kept across
/// ingests only while this (and [`ANALYSIS_VERSION`]) is the same: bump it
/// whenever those stages give different findings for the same documents.
pub const FINDINGS_VERSION: u32 = 1;

pub struct IngestRequest {
    pub paths: Vec<PathBuf>,
    pub jobs: usize,
    pub limits: Limits,
    /// Set when the user asks to stop (Ctrl-C, SIGTERM).
    pub interrupt: Interrupt,
    /// Follow symbolic links found under the directories given.
    pub follow_links: bool,
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
    /// The findings stored after the run (of every story).
    pub findings: FindingCounts,
    /// Stories whose findings this run computed (the others' documents did
    /// not change, and they kept theirs).
    pub recorroborated: usize,
    /// Wall-clock seconds of each stage, in order.
    pub timings: Vec<(&'static str, f64)>,
    /// Documents an earlier, unfinished ingest had staged, published by
    /// this one.
    pub resumed: usize,
    /// The run stopped early at the user's request: what it stored is
    /// staged, and the links, stories and findings are those of before it.
    pub interrupted: bool,
    /// Symbolic links under the directories given, not followed.
    pub skipped_links: Vec<String>,
    /// Pieces of inputs that are rightly not documents (a web archive's
    /// request records), counted by what they are.
    pub skipped: std::collections::BTreeMap<String, usize>,
    /// Failures beyond the first [`MAX_LISTED_FAILURES`] of an input:
    /// counted, not listed.
    pub unlisted_failures: usize,
}

impl Summary {
    /// The summary as the CLI's `--format json` and the API's ingest jobs
    /// give it.
    pub fn to_json(&self) -> serde_json::Value {
        let s = self;
        serde_json::json!({
            "ingested": s.inserted.iter().map(|(id, src)| serde_json::json!({"id": id, "source": src})).collect::<Vec<_>>(),
            "unchanged": s.unchanged,
            "analysed": s.analysed,
            "linked": {"entities": s.linked.0, "quote_variants": s.linked.1},
            "stories": {
                "stories": s.stories.stories,
                "documents": s.stories.documents,
                "copy_groups": s.stories.copy_groups,
                "copies": s.stories.copies,
                "placed_into_stored_stories": s.stories.placed,
            },
            "corroboration": {
                "claims": s.findings.claims,
                "corroborated": s.findings.corroborated,
                "single_source": s.findings.single_source,
                "contested": s.findings.contested,
                "role_conflicts": s.findings.role_conflicts,
                "stories_corroborated": s.recorroborated,
            },
            "seconds": s.timings.iter().map(|(stage, secs)| serde_json::json!({"stage": stage, "seconds": secs})).collect::<Vec<_>>(),
            "failed": s.failures.iter().map(|f| serde_json::json!({"source": f.source, "reason": f.reason})).collect::<Vec<_>>(),
            "warnings": s.warnings.iter().map(|(src, w)| serde_json::json!({"source": src, "warning": w})).collect::<Vec<_>>(),
            "resumed": s.resumed,
            "interrupted": s.interrupted,
            "skipped_links": s.skipped_links,
            "unlisted_failures": s.unlisted_failures,
            "skipped": s.skipped.iter().map(|(what, n)| serde_json::json!({"what": what, "count": n})).collect::<Vec<_>>(),
        })
    }
}

/// The raw documents of this run already handled, by SHA-256: a second
/// copy of the same bytes is unchanged, unless the first one failed, in
/// which case it fails for the same reason (and is not counted as a
/// document stored).
#[derive(Default)]
struct Seen {
    /// SHA-256 → the source that first had these bytes.
    first: HashMap<String, String>,
    /// SHA-256 → the failure of that first source.
    failed: HashMap<String, String>,
}

/// A unit of work: a file, or items read already (standard input, which
/// can be read only once; pages fetched from the web).
enum Input {
    File(InputFile),
    Items(Vec<Item>),
}

impl Input {
    /// Whether the input is read piece by piece ([`open_input`]): a web
    /// archive or a JSON-lines file of any size.
    fn streams(&self) -> bool {
        matches!(self, Input::File(f) if matches!(f.kind, FileKind::Warc | FileKind::JsonLines))
    }

    /// The input's items; items read already are copied one at a time as
    /// they are asked for (fetched pages are large; a whole copy would
    /// double them).
    fn open(&self, limits: &Limits) -> Box<dyn Iterator<Item = Item> + Send + '_> {
        match self {
            Input::File(f) => open_input(f, limits),
            Input::Items(items) => Box::new(items.iter().cloned()),
        }
    }
}

/// Run an ingest of the paths of `req`. `progress(done, total)` is called
/// after each chunk.
pub fn ingest(
    store: &mut dyn Store,
    req: &IngestRequest,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Summary> {
    ingest_with(store, req, Vec::new(), progress)
}

/// [`ingest`], with items read already (pages fetched from the web) added
/// after the paths' files.
pub fn ingest_with(
    store: &mut dyn Store,
    req: &IngestRequest,
    read_already: Vec<Item>,
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
    let found = discover(&paths, req.follow_links);
    summary.failures.extend(found.failures);
    summary.skipped_links = found.skipped_links;
    let mut inputs: Vec<Input> = found.files.into_iter().map(Input::File).collect();
    if use_stdin {
        inputs.push(Input::Items(read_stdin(&req.limits)));
    }
    if !read_already.is_empty() {
        inputs.push(Input::Items(read_already));
    }
    let pool = worker_pool(req.jobs)?;

    let mut clock = Stopwatch::start();
    summary.resumed = store.staged_documents()?;
    let evidence = gather_evidence(store, &pool, &inputs, &req.limits)?;
    summary.timings.push(("line evidence", clock.lap()));
    let total = inputs.len();
    let mut done = 0;
    let mut seen = Seen::default();
    progress(0, total);
    for chunk in chunks(&inputs) {
        if req.interrupt.is_set() {
            summary.interrupted = true;
            return Ok(summary);
        }
        let mut batch = Vec::new();
        let mut batch_bytes = 0;
        // Failures of this chunk listed so far.
        let mut listed = 0;
        let mut items: Box<dyn Iterator<Item = Item> + Send + '_> =
            if chunk.len() == 1 && chunk[0].streams() {
                chunk[0].open(&req.limits)
            } else {
                let read: Vec<Item> = pool.install(|| {
                    chunk
                        .par_iter()
                        .flat_map_iter(|i| i.open(&req.limits))
                        .collect()
                });
                Box::new(read.into_iter())
            };
        loop {
            let item = items.next();
            let full = batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES;
            if (item.is_none() || full) && !batch.is_empty() {
                if req.interrupt.is_set() {
                    summary.interrupted = true;
                    return Ok(summary);
                }
                store_batch(store, &pool, &batch, &evidence, &mut seen, &mut summary)?;
                batch.clear();
                batch_bytes = 0;
            }
            match item {
                None => break,
                Some(Item::Failed(f)) => {
                    listed += 1;
                    if listed <= MAX_LISTED_FAILURES {
                        summary.failures.push(f);
                    } else {
                        summary.unlisted_failures += 1;
                    }
                }
                Some(Item::Skipped(s)) => {
                    // The words come from the input (a media type): a
                    // hostile file must not grow the summary without end.
                    let what = if summary.skipped.contains_key(&s.what)
                        || summary.skipped.len() < MAX_SKIP_KINDS
                    {
                        s.what
                    } else {
                        "other pieces that are not articles".to_string()
                    };
                    *summary.skipped.entry(what).or_default() += 1;
                }
                Some(Item::Doc(d)) => {
                    batch_bytes += d.body.len();
                    batch.push(d);
                }
            }
        }
        done += chunk.len();
        progress(done, total);
    }
    summary
        .timings
        .push(("read, extract, analyse, store", clock.lap()));
    derive(store, &pool, &req.interrupt, &mut summary)?;
    Ok(summary)
}

/// Recompute what is derived from the stored documents (analyses of an
/// older version, links, stories) and publish the staged documents, in one
/// transaction (`Store::rederive`); the findings are computed again only
/// for the stories whose documents changed (the others keep theirs). An
/// interruption rolls it all back and is reported in `summary.interrupted`.
pub fn derive(
    store: &mut dyn Store,
    pool: &rayon::ThreadPool,
    interrupt: &Interrupt,
    summary: &mut Summary,
) -> Result<()> {
    derive_with(store, pool, interrupt, summary, false)
}

/// [`derive`], with the findings of every story computed again:
/// `crosscheck rebuild`.
pub fn rebuild(
    store: &mut dyn Store,
    pool: &rayon::ThreadPool,
    interrupt: &Interrupt,
    summary: &mut Summary,
) -> Result<()> {
    derive_with(store, pool, interrupt, summary, true)
}

fn derive_with(
    store: &mut dyn Store,
    pool: &rayon::ThreadPool,
    interrupt: &Interrupt,
    summary: &mut Summary,
    everything: bool,
) -> Result<()> {
    let start = std::time::Instant::now();
    let mut d = Derivation {
        pool,
        interrupt,
        summary: Summary::default(),
        marks: Vec::new(),
        everything,
    };
    match store.rederive(ANALYSIS_VERSION, &mut d) {
        Ok(()) => {}
        Err(StoreError::Interrupted) => {
            summary.interrupted = true;
            return Ok(());
        }
        Err(e) => {
            return Err(anyhow::Error::new(e)
                .context("documents stored, but deriving links, stories and findings failed"))
        }
    }
    // Stage times from the moments each step started (a step that never
    // ran, such as corroboration of a store with no story, took 0 s).
    let mut marks = vec![("analyse stored documents", start)];
    marks.extend(d.marks.iter().copied());
    let end = std::time::Instant::now();
    for stage in ["analyse stored documents", "link", "cluster", "corroborate"] {
        let secs = match marks.iter().position(|m| m.0 == stage) {
            Some(i) => {
                let next = marks.get(i + 1).map_or(end, |m| m.1);
                next.duration_since(marks[i].1).as_secs_f64()
            }
            None => 0.0,
        };
        summary.timings.push((stage, secs));
    }
    summary.analysed = d.summary.analysed;
    summary.warnings.extend(d.summary.warnings);
    summary.linked = d.summary.linked;
    summary.stories = d.summary.stories;
    summary.recorroborated = d.summary.recorroborated;
    // The findings of the stories not corroborated again count too.
    summary.findings = store.finding_totals()?.into();
    Ok(())
}

/// The pipeline's steps inside `Store::rederive`, with what they found.
struct Derivation<'a> {
    pool: &'a rayon::ThreadPool,
    interrupt: &'a Interrupt,
    /// What the steps found (analysed, warnings, links, stories, findings).
    summary: Summary,
    /// When each step after the analyses started.
    marks: Vec<(&'static str, std::time::Instant)>,
    /// Compute the findings of every story, changed or not.
    everything: bool,
}

impl Derivation<'_> {
    fn mark(&mut self, stage: &'static str) {
        if self.marks.last().is_none_or(|m| m.0 != stage) {
            self.marks.push((stage, std::time::Instant::now()));
        }
    }
}

impl Derive for Derivation<'_> {
    fn analyses(
        &mut self,
        docs: Vec<Document>,
    ) -> Result<Vec<(String, StoredAnalysis)>, StoreError> {
        self.interrupt.check()?;
        if self.summary.analysed == 0 {
            tracing::info!("analysing stored documents");
        }
        let results: Vec<Result<DocAnalysis, Failure>> = self.pool.install(|| {
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
                Err(f) => self.summary.warnings.push((f.source, f.reason)),
            }
        }
        self.summary.analysed += batch.len();
        Ok(batch)
    }

    fn links(&mut self, source: &dyn LinkSource) -> Result<Links, StoreError> {
        self.mark("link");
        let links = compute_links(source, self.interrupt)?;
        self.summary.linked = (links.entities.len(), links.variants.len());
        Ok(links)
    }

    fn link_update(&mut self, state: &dyn LinkState) -> Result<Option<LinkUpdate>, StoreError> {
        self.mark("link");
        // Stored documents analysed again may have lost entities: the
        // groups they left are not among those new entities touch.
        if self.summary.analysed > 0 {
            return Ok(None);
        }
        link_update(state, self.interrupt)
    }

    fn links_written(&mut self, state: &dyn LinkState) -> Result<(), StoreError> {
        self.summary.linked = state.totals()?;
        Ok(())
    }

    fn findings_version(&self) -> Option<String> {
        (!self.everything)
            .then(|| format!("analysis {ANALYSIS_VERSION}, findings {FINDINGS_VERSION}"))
    }

    fn clustering(
        &mut self,
        source: &dyn ClusterSource,
    ) -> Result<(StoryClustering, ClusterSnapshot), StoreError> {
        self.mark("cluster");
        let (c, snapshot) = compute_clustering(source, self.pool, self.interrupt)?;
        self.summary.stories = StoryCounts::of(&c);
        Ok((c, snapshot))
    }

    fn cluster_update(
        &mut self,
        state: &dyn ClusterState,
    ) -> Result<Option<ClusterUpdate>, StoreError> {
        self.mark("cluster");
        let update = cluster_update(state, self.pool, self.interrupt)?;
        self.summary.stories.placed = update.as_ref().map(|u| u.documents.len());
        Ok(update)
    }

    fn cluster_written(&mut self, state: &dyn ClusterState) -> Result<(), StoreError> {
        let [stories, documents, copy_groups, copies] = state.totals()?;
        self.summary.stories = StoryCounts {
            stories,
            documents,
            copy_groups,
            copies,
            placed: self.summary.stories.placed,
        };
        Ok(())
    }

    fn findings(
        &mut self,
        stories: Vec<(String, Vec<StoryDocument>)>,
    ) -> Result<Vec<StoryFindings>, StoreError> {
        self.mark("corroborate");
        self.interrupt.check()?;
        self.summary.recorroborated += stories.len();
        batch_findings(&stories, self.pool, &mut self.summary.findings)
    }
}

/// The workers of a run: `jobs` threads with stacks deep enough for the
/// extractors.
pub fn worker_pool(jobs: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .stack_size(WORKER_STACK)
        .build()
        .context("cannot start worker threads")
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
/// [`CHUNK_BYTES`] bytes (a chunk has at least one input); an input read
/// piece by piece is a chunk of its own.
fn chunks(inputs: &[Input]) -> Vec<&[Input]> {
    let weight = |i: &Input| match i {
        Input::Items(_) => 0,
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
        let alone = input.streams() || (n > 0 && inputs[n - 1].streams());
        if n > start && (alone || n - start >= CHUNK_FILES || bytes.saturating_add(w) > CHUNK_BYTES)
        {
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
    seen: &mut Seen,
    summary: &mut Summary,
) -> Result<()> {
    let shas: Vec<String> = raws.iter().map(|r| r.sha256.clone()).collect();
    let known = store.known_sha256(&shas)?;
    let mut fresh: Vec<&RawDocument> = Vec::new();
    // Copies of bytes first seen in this run, decided once the first is built.
    let mut repeats: Vec<&RawDocument> = Vec::new();
    for r in raws {
        if known.contains(&r.sha256) {
            summary.unchanged += 1;
        } else if seen.first.contains_key(&r.sha256) {
            repeats.push(r);
        } else {
            seen.first.insert(r.sha256.clone(), r.source.clone());
            fresh.push(r);
        }
    }
    let built: Vec<Result<NewDocument, Failure>> = pool.install(|| {
        fresh
            .par_iter()
            .map(|r| build_document(r, evidence))
            .collect()
    });
    let mut batch = Vec::new();
    for (r, b) in fresh.iter().zip(built) {
        match b {
            Ok(doc) => batch.push(doc),
            Err(f) => {
                seen.failed.insert(r.sha256.clone(), f.reason.clone());
                summary.failures.push(f);
            }
        }
    }
    for r in repeats {
        match seen.failed.get(&r.sha256) {
            Some(reason) => {
                let first = seen.first.get(&r.sha256).map_or("?", String::as_str);
                summary.failures.push(Failure::new(
                    &r.source,
                    format!("same bytes as {first}, which failed: {reason}"),
                ));
            }
            None => summary.unchanged += 1,
        }
    }
    let outcome = store
        .stage_documents(&batch)
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

/// Line evidence for text dumps: the page lines of every new text dump of
/// this run, plus how often those lines occur in stored documents.
fn gather_evidence(
    store: &dyn Store,
    pool: &rayon::ThreadPool,
    inputs: &[Input],
    limits: &Limits,
) -> Result<LineEvidence> {
    let may_hold_text = |i: &&Input| match i {
        Input::Items(_) => true,
        Input::File(f) => !matches!(f.kind, FileKind::Html | FileKind::Warc),
    };
    let candidates: Vec<&Input> = inputs.iter().filter(may_hold_text).collect();
    let mut lines: Vec<(String, PageLines)> = pool.install(|| {
        candidates
            .par_iter()
            .flat_map_iter(|i| i.open(limits))
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
        crawled: raw.meta.crawled.clone(),
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
