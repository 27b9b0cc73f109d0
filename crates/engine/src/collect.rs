//! Collecting from the web: URLs of pages and feeds, and feed files, into
//! the store.
//!
//! A URL is fetched (conditionally, with the validators of its last
//! successful fetch); what comes back is a feed (by its media type or its
//! first element) or a page. A feed's items name articles: each link not
//! stored already, and not named twice in this run (after the link is
//! normalised: no fragment, no `utm_*` parameters), is fetched, one request
//! at a time per host, and becomes a document with the item's title,
//! author and date as metadata. Every request, robots.txt ones included,
//! goes into the fetch log (`crosscheck sources`) before the documents are
//! ingested, so a collection gap is on record even if the ingest stops.

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::Result;
use crosscheck_fetch::{Fetch, Fetcher, Kind, Outcome, Request, Response};
use crosscheck_ingest::{
    decode_with_charset, http::charset_of, looks_like_feed, parse_feed, Failure, Feed, FeedItem,
    Item, RawDocument,
};
use crosscheck_model::{sha256_hex, InputFormat, Metadata};
use crosscheck_store::{FetchRecord, Store, Validators};

use crate::pipeline::{ingest_with, IngestRequest, Summary};

/// What to collect.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    /// `http(s)://` addresses: pages or feeds.
    pub urls: Vec<String>,
    /// Feed files saved on disk (their items' links are fetched).
    pub feed_files: Vec<PathBuf>,
}

impl Targets {
    pub fn is_empty(&self) -> bool {
        self.urls.is_empty() && self.feed_files.is_empty()
    }

    /// Split the inputs an ingest is given into web addresses, feed files
    /// and the other paths. A file named is a feed when its first element
    /// says so (`<rss>`, `<feed>`, `<rdf:RDF>`, a JSON Feed).
    pub fn split(inputs: &[PathBuf]) -> (Targets, Vec<PathBuf>) {
        let mut targets = Targets::default();
        let mut paths = Vec::new();
        for p in inputs {
            if is_url(p) {
                targets.urls.push(p.to_string_lossy().into_owned());
            } else if p.is_file() && head_is_feed(p) {
                targets.feed_files.push(p.clone());
            } else {
                paths.push(p.clone());
            }
        }
        (targets, paths)
    }
}

/// Whether an input names a web address.
fn is_url(input: &std::path::Path) -> bool {
    input
        .to_str()
        .is_some_and(|s| s.starts_with("http://") || s.starts_with("https://"))
}

fn head_is_feed(p: &std::path::Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(p)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .is_ok_and(|_| looks_like_feed(&head))
}

/// One feed read in a collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    pub source: String,
    /// `RSS 2.0`, `Atom`...; `None` when it could not be read.
    pub format: Option<&'static str>,
    pub title: Option<String>,
    pub items: usize,
    /// Items whose article was fetched in this run.
    pub new_items: usize,
    /// The feed was unchanged since its last fetch (HTTP 304).
    pub not_modified: bool,
    /// Items beyond [`MAX_ITEMS_PER_FEED`], fetched by a later run.
    pub left_for_next_run: usize,
    pub error: Option<String>,
}

/// What a collection did.
#[derive(Debug, Default)]
pub struct CollectSummary {
    pub feeds: Vec<FeedReport>,
    /// Requests made (robots.txt included).
    pub requests: usize,
    /// Pages fetched and handed to the ingest.
    pub pages: usize,
    /// Feed items not fetched: their article is stored, or named twice.
    pub known_items: usize,
    /// The ingest of what was fetched (its failures include the fetches
    /// that failed).
    pub ingest: Summary,
}

impl CollectSummary {
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = self.ingest.to_json();
        v["collected"] = serde_json::json!({
            "requests": self.requests,
            "pages": self.pages,
            "known_items": self.known_items,
            "feeds": self.feeds.iter().map(|f| serde_json::json!({
                "source": f.source,
                "format": f.format,
                "title": f.title,
                "items": f.items,
                "new_items": f.new_items,
                "not_modified": f.not_modified,
                "left_for_next_run": f.left_for_next_run,
                "error": f.error,
            })).collect::<Vec<_>>(),
        });
        v
    }
}

/// Fetch the targets, record every request in the fetch log, and ingest
/// the pages (with the paths of `req`, if any) in one run.
pub fn collect(
    store: &mut dyn Store,
    fetcher: &Fetcher,
    targets: &Targets,
    req: &IngestRequest,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<CollectSummary> {
    let mut out = CollectSummary::default();
    let mut failures: Vec<Failure> = Vec::new();
    // What the fetch log keeps (no bodies), and the validators to keep
    // once what they vouch for is stored: (URL, validators, feed report).
    let mut log: Vec<FetchRecord> = Vec::new();
    let mut validators: Vec<(String, crosscheck_fetch::Validators, Option<usize>)> = Vec::new();
    let mut pages: Vec<(Response, Metadata)> = Vec::new();
    // Articles named by feeds: (link, metadata, index of the feed's report).
    let mut articles: Vec<(String, Metadata, usize)> = Vec::new();
    // Every address fetched or to fetch in this run, so none is fetched twice.
    let mut seen: HashSet<String> = HashSet::new();

    let mut first: Vec<Request> = Vec::new();
    for u in &targets.urls {
        if seen.insert(u.clone()) {
            first.push(Request {
                url: u.clone(),
                kind: Kind::Feed,
                validators: validators_of(store, u)?,
            });
        }
    }
    let (fetched, robots) = fetcher.fetch_all(first);
    log.extend(robots.iter().map(log_record));
    for f in fetched {
        let f = relabel(f);
        log.push(log_record(&f));
        let url = f.request.url.clone();
        match f.outcome {
            Outcome::Failed(e) => {
                failures.push(Failure::new(&url, e.clone()));
                out.feeds.push(FeedReport::failed(&url, &e));
            }
            Outcome::NotModified if f.request.kind == Kind::Feed => {
                out.feeds.push(FeedReport::unchanged(&url))
            }
            Outcome::NotModified => {}
            Outcome::Fetched(r) if is_feed(&r) => {
                seen.insert(r.final_url.clone());
                match parse_feed(&r.body, Some(&r.final_url)) {
                    Ok(feed) => {
                        let index = out.feeds.len();
                        let (items, capped) = items_of(&feed, index);
                        articles.extend(items);
                        let mut report = FeedReport::read(&url, &feed);
                        report.left_for_next_run = capped;
                        out.feeds.push(report);
                        validators.push((url.clone(), r.validators.clone(), Some(index)));
                    }
                    Err(e) => {
                        failures.push(Failure::new(&url, e.clone()));
                        out.feeds.push(FeedReport::failed(&url, &e));
                    }
                }
            }
            Outcome::Fetched(r) => {
                seen.insert(r.final_url.clone());
                validators.push((url.clone(), r.validators.clone(), None));
                let meta = Metadata {
                    url: Some(r.final_url.clone()),
                    ..Metadata::default()
                };
                pages.push((r, meta));
            }
        }
    }
    for path in &targets.feed_files {
        let source = path.display().to_string();
        let parsed = std::fs::read(path)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|bytes| parse_feed(&bytes, None));
        match parsed {
            Ok(feed) => {
                let (items, _) = items_of(&feed, out.feeds.len());
                articles.extend(items);
                out.feeds.push(FeedReport::read(&source, &feed));
            }
            Err(e) => {
                failures.push(Failure::new(&source, e.clone()));
                out.feeds.push(FeedReport::failed(&source, &e));
            }
        }
    }

    // Each article once, and only those not stored.
    let named = articles.len();
    articles.retain(|(link, _, _)| seen.insert(link.clone()));
    let links: Vec<String> = articles.iter().map(|(l, _, _)| l.clone()).collect();
    let stored = store.stored_urls(&links)?;
    articles.retain(|(link, _, _)| !stored.contains(link));
    out.known_items = named - articles.len();
    // Feeds some of whose new articles were not fetched for a reason that
    // may pass: their validators are not kept, so that the next run reads
    // them again (their stored articles are then not fetched again).
    let mut incomplete: HashSet<usize> = HashSet::new();
    if req.interrupt.is_set() {
        incomplete.extend(articles.iter().map(|a| a.2));
    } else {
        let requests: Vec<Request> = articles
            .iter()
            .map(|(link, _, _)| Request {
                url: link.clone(),
                kind: Kind::Page,
                validators: crosscheck_fetch::Validators::default(),
            })
            .collect();
        let (fetched, robots) = fetcher.fetch_all(requests);
        log.extend(robots.iter().map(log_record));
        for (f, (link, meta, feed)) in fetched.into_iter().zip(articles) {
            log.push(log_record(&f));
            match f.outcome {
                Outcome::Fetched(r) => {
                    out.feeds[feed].new_items += 1;
                    pages.push((r, meta));
                }
                Outcome::Failed(e) => {
                    // A gone page or a refusal will not change by asking
                    // again; a timeout or a 5xx may.
                    if f.transient {
                        incomplete.insert(feed);
                    }
                    failures.push(Failure::new(&link, e));
                }
                Outcome::NotModified => {
                    incomplete.insert(feed);
                    failures.push(Failure::new(
                        &link,
                        "HTTP 304 Not Modified to an unconditional request",
                    ));
                }
            }
        }
    }
    for (i, report) in out.feeds.iter().enumerate() {
        if report.left_for_next_run > 0 {
            incomplete.insert(i);
        }
    }

    out.requests = log.len();
    store.record_fetches(&log, &[])?;
    let items: Vec<Item> = pages
        .into_iter()
        .map(|(r, meta)| page_item(&r, meta))
        .chain(failures.into_iter().map(Item::Failed))
        .collect();
    out.pages = items.iter().filter(|i| matches!(i, Item::Doc(_))).count();
    out.ingest = ingest_with(store, req, items, progress)?;
    // Validators vouch for what is stored: kept only when the ingest
    // completed, and for a feed only when all its new articles were fetched.
    if !out.ingest.interrupted {
        let keep: Vec<(String, Validators)> = validators
            .into_iter()
            .filter(|(_, v, feed)| !v.is_empty() && feed.is_none_or(|i| !incomplete.contains(&i)))
            .map(|(url, v, _)| {
                (
                    url,
                    Validators {
                        etag: v.etag,
                        last_modified: v.last_modified,
                    },
                )
            })
            .collect();
        store.record_fetches(&[], &keep)?;
    }
    Ok(out)
}

/// Articles fetched from one feed in one run; the rest wait for the next
/// (the feed's validators are then not kept, so it is read again).
pub const MAX_ITEMS_PER_FEED: usize = 500;

impl FeedReport {
    /// A feed of which nothing is known yet.
    fn of(source: &str) -> FeedReport {
        FeedReport {
            source: source.to_string(),
            format: None,
            title: None,
            items: 0,
            new_items: 0,
            not_modified: false,
            left_for_next_run: 0,
            error: None,
        }
    }

    fn read(source: &str, feed: &Feed) -> FeedReport {
        FeedReport {
            format: Some(feed.format),
            title: feed.title.clone(),
            items: feed.items.len(),
            ..FeedReport::of(source)
        }
    }

    fn unchanged(source: &str) -> FeedReport {
        FeedReport {
            not_modified: true,
            ..FeedReport::of(source)
        }
    }

    fn failed(source: &str, error: &str) -> FeedReport {
        FeedReport {
            error: Some(error.to_string()),
            ..FeedReport::of(source)
        }
    }
}

/// A first fetch was asked for as a feed; what came back says what it was.
fn relabel(mut f: Fetch) -> Fetch {
    if let Outcome::Fetched(r) = &f.outcome {
        if !is_feed(r) {
            f.request.kind = Kind::Page;
        }
    }
    f
}

fn validators_of(store: &dyn Store, url: &str) -> Result<crosscheck_fetch::Validators> {
    Ok(store
        .validators(url)?
        .map(|v| crosscheck_fetch::Validators {
            etag: v.etag,
            last_modified: v.last_modified,
        })
        .unwrap_or_default())
}

/// A response is a feed by its media type, or by its first element.
fn is_feed(r: &Response) -> bool {
    let media = r
        .content_type
        .as_deref()
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default();
    matches!(
        media.as_str(),
        "application/rss+xml"
            | "application/atom+xml"
            | "application/feed+json"
            | "application/rdf+xml"
    ) || (!media.starts_with("text/html") && looks_like_feed(&r.body))
}

/// The articles of a feed (the `index`th report): each item's link,
/// normalised, with the item's metadata; at most [`MAX_ITEMS_PER_FEED`],
/// with the number left out.
fn items_of(feed: &Feed, index: usize) -> (Vec<(String, Metadata, usize)>, usize) {
    let items: Vec<(String, Metadata, usize)> = feed
        .items
        .iter()
        .take(MAX_ITEMS_PER_FEED)
        .map(|item: &FeedItem| {
            let link = normalize_link(&item.link);
            let mut meta = item.metadata(feed.title.as_deref());
            meta.url = Some(link.clone());
            (link, meta, index)
        })
        .collect();
    let left = feed.items.len().saturating_sub(MAX_ITEMS_PER_FEED);
    (items, left)
}

/// A link as it is compared and stored: no fragment, no tracking
/// parameters (`utm_*`).
pub fn normalize_link(link: &str) -> String {
    let Ok(mut u) = url::Url::parse(link) else {
        return link.to_string();
    };
    u.set_fragment(None);
    let kept: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| !k.to_ascii_lowercase().starts_with("utm_"))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        u.set_query(None);
    } else if u.query_pairs().count() != kept.len() {
        u.query_pairs_mut().clear().extend_pairs(kept);
    }
    u.to_string()
}

/// A fetched page as the ingest reads it: HTML in its declared charset,
/// dated by the time it was fetched (never its publication date).
fn page_item(r: &Response, mut meta: Metadata) -> Item {
    let source = r.final_url.clone();
    let media = r
        .content_type
        .as_deref()
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase());
    let html = match media.as_deref() {
        Some("text/html") | Some("application/xhtml+xml") => true,
        None => crosscheck_ingest::http::looks_like_markup(&r.body),
        Some(other) => {
            return Item::Failed(Failure::new(&source, format!("not a web page ({other})")))
        }
    };
    if !html {
        return Item::Failed(Failure::new(&source, "not a web page (no media type)"));
    }
    if r.body.iter().all(u8::is_ascii_whitespace) {
        return Item::Failed(Failure::new(&source, "empty page"));
    }
    let charset = r.content_type.as_deref().and_then(charset_of);
    let decoded = match decode_with_charset(&r.body, true, charset.as_deref()) {
        Ok(d) => d,
        Err(e) => return Item::Failed(Failure::new(&source, e)),
    };
    meta.crawled = Some(now_rfc3339());
    if meta.url.is_none() {
        meta.url = Some(r.final_url.clone());
    }
    Item::Doc(RawDocument {
        source,
        sha256: sha256_hex(&r.body),
        format: InputFormat::Html,
        body: decoded.text,
        meta,
        warnings: decoded.warning.into_iter().collect(),
    })
}

fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// What the fetch log keeps of a fetch (not its body).
fn log_record(f: &Fetch) -> FetchRecord {
    FetchRecord {
        url: f.request.url.clone(),
        kind: f.request.kind.as_str().to_string(),
        at: f.at,
        status: f.status,
        bytes: f.bytes,
        millis: f.millis,
        error: f.error().map(str::to_string),
        final_url: f.final_url().map(str::to_string),
    }
}
