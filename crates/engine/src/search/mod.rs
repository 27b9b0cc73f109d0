//! Search over the stored documents and the facts they state
//! (`crosscheck search`, the API's `/search`, the web search page): the
//! query language ([`query`]) parsed into the store's request, the store's
//! ranked hits, and for each hit the sentence that matches best with the
//! matching words marked ([`highlight`]).

pub mod highlight;
pub mod query;

use crosscheck_model::ClaimStatus;
use crosscheck_store::{SearchHit, Store, StoreError};
use serde::Serialize;

pub use query::{parse, QueryError};

/// Hits per page unless the caller asks for another number.
pub const DEFAULT_LIMIT: usize = 20;
/// The most hits one page may hold.
pub const MAX_LIMIT: usize = 100;

/// One hit as every front end shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchResult {
    pub document_id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    /// Higher is better (BM25; 0 for a query of fields alone).
    pub score: f64,
    /// The sentence that matches best (the first one when only the title
    /// matches), as a byte span of the document's text.
    pub sentence: String,
    pub start: usize,
    pub end: usize,
    /// The matched words, as byte spans of `sentence`.
    pub highlights: Vec<[usize; 2]>,
    /// The status of the story fact the sentence states, if it states one.
    pub status: Option<ClaimStatus>,
}

/// One page of results and the cursor of the next (`None` at the end).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchResults {
    pub items: Vec<SearchResult>,
    pub next: Option<String>,
    /// How many documents match in all.
    pub total: usize,
}

/// Why a search could not run: the query or the cursor is wrong (the
/// user's to fix), or the store failed.
#[derive(Debug)]
pub enum SearchError {
    Query(QueryError),
    Cursor(String),
    Store(StoreError),
}

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SearchError::Query(e) => write!(f, "bad query: {e}"),
            SearchError::Cursor(c) => write!(f, "bad cursor {c:?}: give the `next` of a page"),
            SearchError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for SearchError {}

impl From<StoreError> for SearchError {
    fn from(e: StoreError) -> Self {
        SearchError::Store(e)
    }
}

/// The page of results for `query` that `cursor` points at (the first
/// page without one), `limit` results at most (1 to [`MAX_LIMIT`]).
pub fn search(
    store: &dyn Store,
    query: &str,
    cursor: Option<&str>,
    limit: usize,
) -> Result<SearchResults, SearchError> {
    let parsed = parse(query).map_err(SearchError::Query)?;
    let offset = match cursor {
        None => 0,
        Some(c) => c
            .parse::<usize>()
            .map_err(|_| SearchError::Cursor(c.to_string()))?,
    };
    let limit = limit.clamp(1, MAX_LIMIT);
    let page = store.search(&parsed, offset, limit)?;
    let items: Vec<SearchResult> = page.hits.into_iter().map(|h| result(h, &parsed)).collect();
    let seen = offset + items.len();
    let next = (seen < page.total && !items.is_empty()).then(|| seen.to_string());
    Ok(SearchResults {
        items,
        next,
        total: page.total,
    })
}

/// A result's sentence cut at its highlights: each piece, and whether it
/// is a matched word (spans out of order, overlapping or off a character
/// boundary are left unmarked).
pub fn pieces<'a>(sentence: &'a str, highlights: &[[usize; 2]]) -> Vec<(bool, &'a str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for &[s, e] in highlights {
        if s < at
            || e > sentence.len()
            || !sentence.is_char_boundary(s)
            || !sentence.is_char_boundary(e)
        {
            continue;
        }
        out.push((false, &sentence[at..s]));
        out.push((true, &sentence[s..e]));
        at = e;
    }
    out.push((false, &sentence[at..]));
    out
}

fn result(h: SearchHit, q: &crosscheck_store::SearchQuery) -> SearchResult {
    let best = highlight::best_sentence(&h.text, q, &h.claims);
    let status = h
        .claims
        .iter()
        .find(|c| c.start < best.end && best.start < c.end)
        .map(|c| c.status);
    SearchResult {
        document_id: h.document.id,
        title: h.document.title,
        outlet: h.document.outlet,
        author: h.author,
        published: h.document.published,
        language: h.document.language,
        score: (h.score * 1000.0).round() / 1000.0,
        sentence: h.text[best.start..best.end].to_string(),
        start: best.start,
        end: best.end,
        highlights: best
            .highlights
            .iter()
            .map(|&(s, e)| [s - best.start, e - best.start])
            .collect(),
        status,
    }
}
