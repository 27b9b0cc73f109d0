//! The JSON API under `/api/v1`: each handler reads its parameters, calls
//! the engine on a blocking thread (in one read snapshot) and returns its
//! read model as JSON. Lists are `{"items": [...], "next": cursor|null}`.

use axum::body::{Body, Bytes};
use axum::extract::{FromRequestParts, Multipart, Path, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use crosscheck_engine::check::{check, Claim};
use crosscheck_engine::compare::{compare, rounded, Pair};
use crosscheck_engine::search::{search, SearchError};
use crosscheck_model::ClaimStatus;
use crosscheck_store::{ClaimFilter, Store, StoryListFilter};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::state::AppState;

/// Items per page unless asked.
pub const DEFAULT_LIMIT: usize = 20;
/// The most items one page holds.
pub const MAX_LIMIT: usize = 100;

/// Query parameters, with a malformed query string as an API error.
pub struct Q<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Q<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(t)| Q(t))
            .map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

/// JSON written with the engine's safe formatter (control and
/// bidirectional characters escaped).
pub fn json<T: Serialize + ?Sized>(status: StatusCode, value: &T) -> Response {
    let mut body = Vec::new();
    match crosscheck_engine::json::json_compact(&mut body, value) {
        Ok(()) => (
            status,
            [(header::CONTENT_TYPE, "application/json")],
            Body::from(body),
        )
            .into_response(),
        Err(e) => ApiError::internal(format!("cannot write JSON: {e}")).into_response(),
    }
}

fn ok<T: Serialize + ?Sized>(value: &T) -> Response {
    json(StatusCode::OK, value)
}

/// A list page as JSON.
#[derive(Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    pub cursor: Option<String>,
    pub limit: Option<usize>,
}

/// The offset a cursor stands for (cursors are opaque to callers).
pub fn offset(cursor: Option<&str>) -> Result<usize, ApiError> {
    match cursor {
        None | Some("") => Ok(0),
        Some(c) => c.parse::<usize>().map_err(|_| {
            ApiError::new(
                "bad_cursor",
                format!("bad cursor {c:?}: give the `next` of a page"),
            )
        }),
    }
}

pub fn limit(asked: Option<usize>) -> Result<usize, ApiError> {
    match asked {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(n) => Err(ApiError::bad_request(format!(
            "limit {n}: give 1 to {MAX_LIMIT}"
        ))),
    }
}

pub async fn health(State(s): State<AppState>) -> Response {
    let writes = if s.0.read_only {
        "read_only"
    } else if s.0.token.is_some() {
        "token"
    } else {
        "disabled"
    };
    if !s.0.db.exists() {
        return ok(&serde_json::json!({
            "status": "ok", "database": "none", "documents": 0, "writes": writes,
        }));
    }
    match s.read(|store| Ok(store.count_documents()?)).await {
        Ok(n) => ok(&serde_json::json!({
            "status": "ok", "database": "ready", "documents": n, "writes": writes,
        })),
        Err(e) => e.into_response(),
    }
}

#[derive(Deserialize)]
pub struct StoriesQuery {
    pub cursor: Option<String>,
    pub limit: Option<usize>,
    pub outlet: Option<String>,
    pub status: Option<String>,
}

/// Parses `status=` (corroborated, single_source, contested).
pub fn status_param(s: Option<&str>) -> Result<Option<ClaimStatus>, ApiError> {
    match s.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => ClaimStatus::parse(&v.replace('-', "_"))
            .map(Some)
            .ok_or_else(|| {
                ApiError::bad_request(format!(
                    "status {v:?}: give corroborated, single_source or contested"
                ))
            }),
    }
}

pub async fn stories(
    State(s): State<AppState>,
    Q(q): Q<StoriesQuery>,
) -> Result<Response, ApiError> {
    let from = offset(q.cursor.as_deref())?;
    let n = limit(q.limit)?;
    let filter = StoryListFilter {
        outlet: q.outlet.filter(|o| !o.trim().is_empty()),
        status: status_param(q.status.as_deref())?,
    };
    let (items, more) = s
        .read(move |store| Ok(store.story_list(&filter, from, n)?))
        .await?;
    let next = more.then(|| (from + items.len()).to_string());
    Ok(ok(&Page { items, next }))
}

pub async fn story(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let briefing = s.read(move |store| briefing_of(store, &id)).await?;
    Ok(ok(&briefing))
}

/// The briefing of the story an id or id prefix names.
pub fn briefing_of(
    store: &dyn Store,
    id: &str,
) -> Result<crosscheck_engine::briefing::Briefing, ApiError> {
    use crosscheck_engine::stories::{find, StoryLookup};
    match find(store, id)? {
        StoryLookup::Found(story) => Ok(crosscheck_engine::briefing::gather(store, &story)?),
        StoryLookup::NotFound => Err(ApiError::not_found(format!("no story {id}"))),
        StoryLookup::Ambiguous(ids) => Err(ApiError::new(
            "ambiguous_id",
            format!("story id {id} is ambiguous: it matches {}", ids.join(", ")),
        )),
    }
}

#[derive(Deserialize)]
pub struct DocumentQuery {
    pub explain: Option<bool>,
}

pub async fn document(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Q(q): Q<DocumentQuery>,
) -> Result<Response, ApiError> {
    let explain = q.explain.unwrap_or(false);
    let v = s
        .read(
            move |store| match crosscheck_engine::documents::document(store, &id)? {
                Some(view) => view
                    .to_json(explain)
                    .map_err(|e| ApiError::internal(e.to_string())),
                None => Err(ApiError::not_found(format!("no document {id}"))),
            },
        )
        .await?;
    Ok(ok(&v))
}

#[derive(Deserialize)]
pub struct SearchQueryParams {
    pub q: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<usize>,
}

/// Runs a search for the API or a page: query and cursor errors are the
/// caller's to fix.
pub async fn run_search(
    s: &AppState,
    q: String,
    cursor: Option<String>,
    n: usize,
) -> Result<crosscheck_engine::search::SearchResults, ApiError> {
    s.read(move |store| {
        search(store, &q, cursor.as_deref(), n).map_err(|e| match e {
            SearchError::Query(q) => ApiError::new("bad_query", format!("bad query: {q}")),
            SearchError::Cursor(_) => ApiError::new("bad_cursor", e.to_string()),
            SearchError::Store(e) => e.into(),
        })
    })
    .await
}

pub async fn search_api(
    State(s): State<AppState>,
    Q(p): Q<SearchQueryParams>,
) -> Result<Response, ApiError> {
    let q = p.q.unwrap_or_default();
    let n = limit(p.limit)?;
    let results = run_search(&s, q, p.cursor, n).await?;
    Ok(ok(&results))
}

#[derive(Deserialize)]
pub struct CheckParams {
    pub claim: Option<String>,
    pub all: Option<bool>,
}

/// One document's stance on the claim, with its outlet and date.
#[derive(Serialize)]
pub struct CheckRow {
    pub document_id: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub stance: &'static str,
    pub score: f64,
    pub evidence: Option<Evidence>,
}

#[derive(Serialize)]
pub struct Evidence {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
pub struct Checked {
    pub claim: String,
    pub documents_checked: usize,
    pub items: Vec<CheckRow>,
}

/// Which documents support, contradict or discuss a claim.
pub async fn run_check(s: &AppState, claim: String, all: bool) -> Result<Checked, ApiError> {
    if claim.trim().is_empty() {
        return Err(ApiError::bad_request("give the claim to check: ?claim=…"));
    }
    s.read(move |store| {
        let claims = [Claim {
            id: "claim".into(),
            text: claim.clone(),
        }];
        let found = check(store, &claims, all)?;
        let docs: std::collections::HashMap<String, crosscheck_store::DocumentSummary> = store
            .list_documents()?
            .into_iter()
            .map(|d| (d.id.clone(), d))
            .collect();
        let items = found
            .findings
            .into_iter()
            .map(|f| {
                let d = docs.get(&f.document_id);
                CheckRow {
                    outlet: d.and_then(|d| d.outlet.clone()),
                    published: d.and_then(|d| d.published.clone()),
                    title: d.and_then(|d| d.title.clone()),
                    document_id: f.document_id,
                    stance: f.stance.as_str(),
                    score: rounded(f.score),
                    evidence: f
                        .evidence
                        .map(|(start, end, text)| Evidence { text, start, end }),
                }
            })
            .collect();
        Ok(Checked {
            claim,
            documents_checked: found.documents,
            items,
        })
    })
    .await
}

pub async fn check_api(
    State(s): State<AppState>,
    Q(p): Q<CheckParams>,
) -> Result<Response, ApiError> {
    let checked = run_check(&s, p.claim.unwrap_or_default(), p.all.unwrap_or(false)).await?;
    Ok(ok(&checked))
}

#[derive(Deserialize)]
pub struct CompareParams {
    pub a: Option<String>,
    pub b: Option<String>,
}

/// The same-fact judge on two statements.
pub async fn run_compare(
    a: String,
    b: String,
) -> Result<crosscheck_engine::compare::Judged, ApiError> {
    if a.trim().is_empty() || b.trim().is_empty() {
        return Err(ApiError::bad_request("give two statements: ?a=…&b=…"));
    }
    AppState::compute(move || {
        compare(&[Pair {
            id: serde_json::Value::from(1),
            a,
            b,
        }])
        .pop()
        .ok_or_else(|| ApiError::internal("no verdict"))
    })
    .await
}

pub async fn compare_api(Q(p): Q<CompareParams>) -> Result<Response, ApiError> {
    let judged = run_compare(p.a.unwrap_or_default(), p.b.unwrap_or_default()).await?;
    Ok(ok(&judged))
}

#[derive(Deserialize)]
pub struct PairsBody {
    pub pairs: Vec<PairBody>,
}

#[derive(Deserialize)]
pub struct PairBody {
    pub id: serde_json::Value,
    pub a: String,
    pub b: String,
}

/// `POST /api/v1/compare` with `{"pairs": [{"id", "a", "b"}]}`: every
/// pair's verdict, in order (no write: no token needed).
pub async fn compare_pairs(body: Bytes) -> Result<Response, ApiError> {
    let parsed: PairsBody = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad_request(format!(
            "expected {{\"pairs\": [{{\"id\", \"a\", \"b\"}}]}}: {e}"
        ))
    })?;
    if parsed.pairs.len() > 10_000 {
        return Err(ApiError::new(
            "payload_too_large",
            "at most 10,000 pairs per request",
        ));
    }
    let pairs: Vec<Pair> = parsed
        .pairs
        .into_iter()
        .map(|p| Pair {
            id: p.id,
            a: p.a,
            b: p.b,
        })
        .collect();
    let judged = AppState::compute(move || Ok(compare(&pairs))).await?;
    Ok(ok(&judged))
}

pub async fn outlets(State(s): State<AppState>) -> Result<Response, ApiError> {
    let outlets = s
        .read(|store| Ok(crosscheck_engine::signals::all_signals(store)?.outlets))
        .await?;
    Ok(ok(&Page {
        items: outlets,
        next: None,
    }))
}

#[derive(Deserialize)]
pub struct EntitiesParams {
    pub q: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<usize>,
}

/// `GET /api/v1/entities`: a page of entities (most documents first) as the
/// export shapes them.
pub async fn entities(
    State(s): State<AppState>,
    Q(p): Q<EntitiesParams>,
) -> Result<Response, ApiError> {
    let from = offset(p.cursor.as_deref())?;
    let n = limit(p.limit)?;
    let name = p.q.filter(|q| !q.trim().is_empty());
    let (items, total) = s
        .read(move |store| {
            let (page, total) = store.entity_list(name.as_deref(), from, n)?;
            let mut items = Vec::new();
            for e in page {
                if let Some(record) = store.entity(&e.id)? {
                    items.push(crosscheck_engine::export::export_entity(&record));
                }
            }
            Ok((items, total))
        })
        .await?;
    let next = (from + items.len() < total).then(|| (from + items.len()).to_string());
    Ok(ok(&Page { items, next }))
}

#[derive(Deserialize)]
pub struct ClaimsParams {
    pub doc: Option<String>,
    pub min_score: Option<f32>,
    pub cursor: Option<String>,
    pub limit: Option<usize>,
}

pub async fn claims(
    State(s): State<AppState>,
    Q(p): Q<ClaimsParams>,
) -> Result<Response, ApiError> {
    let from = offset(p.cursor.as_deref())?;
    let n = limit(p.limit)?;
    let min_score = match p.min_score {
        Some(x) if !(0.0..=1.0).contains(&x) => {
            return Err(ApiError::bad_request("min_score: give 0 to 1"))
        }
        Some(x) => x,
        None => crosscheck_model::CHECKWORTHY,
    };
    let (items, total) = s
        .read(move |store| {
            let document_id = match &p.doc {
                None => None,
                Some(id) => match store.get_document(id)? {
                    Some(d) => Some(d.id),
                    None => return Err(ApiError::not_found(format!("no document {id}"))),
                },
            };
            let all = store.claims(&ClaimFilter {
                document_id,
                min_score: Some(min_score),
            })?;
            let total = all.len();
            let items: Vec<_> = all
                .iter()
                .skip(from)
                .take(n)
                .map(crosscheck_engine::export::export_claim)
                .collect();
            Ok((items, total))
        })
        .await?;
    let next = (from + items.len() < total).then(|| (from + items.len()).to_string());
    Ok(ok(&Page { items, next }))
}

#[derive(Deserialize)]
pub struct ExportParams {
    pub format: Option<String>,
}

/// A `Write` that sends what it is given down a channel, in pieces of
/// about 64 KiB: the export streams to the client while it is written.
struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    buf: Vec<u8>,
}

impl std::io::Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= 64 * 1024 {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::take(&mut self.buf));
        self.tx.blocking_send(Ok(chunk)).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away")
        })
    }
}

/// Streams a body written on a blocking thread by `write`.
fn streamed(
    content_type: &'static str,
    write: impl FnOnce(&mut ChannelWriter) -> anyhow::Result<()> + Send + 'static,
) -> Response {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    tokio::task::spawn_blocking(move || {
        let mut w = ChannelWriter {
            tx: tx.clone(),
            buf: Vec::new(),
        };
        let result = write(&mut w).and_then(|()| Ok(std::io::Write::flush(&mut w)?));
        if let Err(e) = result {
            tracing::warn!(error = %e, "export stopped");
            let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    (
        [(header::CONTENT_TYPE, content_type)],
        Body::from_stream(stream),
    )
        .into_response()
}

/// `GET /api/v1/export?format=jsonl|json`: the whole export, streamed
/// from one read snapshot.
pub async fn export(
    State(s): State<AppState>,
    Q(p): Q<ExportParams>,
) -> Result<Response, ApiError> {
    use crosscheck_engine::export::{write_export, ExportFormat};
    let (format, content_type) = match p.format.as_deref().unwrap_or("jsonl") {
        "jsonl" => (ExportFormat::Jsonl, "application/x-ndjson"),
        "json" => (ExportFormat::Json, "application/json"),
        other => {
            return Err(ApiError::bad_request(format!(
                "format {other:?}: give jsonl or json"
            )))
        }
    };
    if !s.0.db.exists() {
        return Err(ApiError::new(
            "no_database",
            "no database yet: ingest something first",
        ));
    }
    let db = s.0.db.clone();
    Ok(streamed(content_type, move |w| {
        let store = crosscheck_engine::open::open_existing(&db)?.store;
        write_export(&store, format, w)
    }))
}

/// `GET /api/v1/export/facts.csv`: one row per fact and document stating
/// it, for a spreadsheet.
pub async fn facts_csv(State(s): State<AppState>) -> Result<Response, ApiError> {
    if !s.0.db.exists() {
        return Err(ApiError::new(
            "no_database",
            "no database yet: ingest something first",
        ));
    }
    let db = s.0.db.clone();
    let mut response = streamed("text/csv; charset=utf-8", move |w| {
        let store = crosscheck_engine::open::open_existing(&db)?.store;
        let mut failed: Option<anyhow::Error> = None;
        store.snapshot(&mut || {
            if let Err(e) = crate::csv::write_facts(&store, w) {
                failed = Some(e);
            }
            Ok(())
        })?;
        failed.map_or(Ok(()), Err)
    });
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        header::HeaderValue::from_static("attachment; filename=\"facts.csv\""),
    );
    Ok(response)
}

/// A file name safe to keep: the last path component, letters, digits,
/// dots, dashes and underscores only (the extension tells the format).
pub fn safe_name(given: &str, index: usize) -> String {
    let base = given.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim_start_matches('.');
    let name = if cleaned.is_empty() {
        "upload.txt"
    } else {
        cleaned
    };
    format!("{index:03}-{name}")
}

/// Reads the multipart upload's `file` fields into a new temporary folder
/// (and the form's `token` field, for the web form).
pub async fn receive(
    mut form: Multipart,
) -> Result<(tempfile::TempDir, Vec<String>, Option<String>), ApiError> {
    let dir =
        tempfile::tempdir().map_err(|e| ApiError::internal(format!("no temporary folder: {e}")))?;
    let mut files = Vec::new();
    let mut token = None;
    while let Some(field) = form.next_field().await.map_err(upload_error)? {
        match field.name() {
            Some("token") => token = Some(field.text().await.map_err(upload_error)?),
            Some("file") | Some("files") => {
                let name = safe_name(field.file_name().unwrap_or("upload.txt"), files.len());
                let data = field.bytes().await.map_err(upload_error)?;
                if data.is_empty() {
                    continue;
                }
                std::fs::write(dir.path().join(&name), &data)
                    .map_err(|e| ApiError::internal(format!("cannot keep the upload: {e}")))?;
                files.push(name);
            }
            _ => {}
        }
    }
    Ok((dir, files, token))
}

fn upload_error(e: axum::extract::multipart::MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(
            "payload_too_large",
            "the upload is larger than the server accepts (512 MiB)",
        )
    } else {
        ApiError::bad_request(format!("the upload cannot be read: {}", e.body_text()))
    }
}

/// `POST /api/v1/ingest` (multipart, `file` fields; needs the token): 202
/// with the job to follow.
pub async fn ingest(
    State(s): State<AppState>,
    headers: HeaderMap,
    form: Multipart,
) -> Result<Response, ApiError> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    crate::auth::may_write(s.0.read_only, s.0.token.as_ref(), authorization, None)?;
    let (dir, files, _) = receive(form).await?;
    if files.is_empty() {
        return Err(ApiError::bad_request(
            "no file: send multipart fields named \"file\"",
        ));
    }
    let id = s.0.jobs.start(s.0.db.clone(), dir, files);
    let url = format!("/api/v1/jobs/{id}");
    let mut response = json(
        StatusCode::ACCEPTED,
        &serde_json::json!({"id": id, "status_url": url}),
    );
    if let Ok(v) = header::HeaderValue::from_str(&url) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(response)
}

pub async fn job(State(s): State<AppState>, Path(id): Path<String>) -> Result<Response, ApiError> {
    match s.0.jobs.get(&id) {
        Some(j) => Ok(ok(&j)),
        None => Err(ApiError::not_found(format!("no job {id}"))),
    }
}

pub async fn not_found() -> ApiError {
    ApiError::not_found("no such route (GET /api/v1/openapi.json lists them)")
}

#[derive(Deserialize)]
pub struct QuotesParams {
    pub speaker: Option<String>,
    pub outlet: Option<String>,
    pub kind: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<usize>,
}

/// `GET /api/v1/quotes`: statements (a quote, its continuations and its
/// variants) with every appearance, earliest first, as `quotes --format
/// json`.
pub async fn quotes(
    State(s): State<AppState>,
    Q(p): Q<QuotesParams>,
) -> Result<Response, ApiError> {
    use crosscheck_engine::quotes::{build, statement_json, KindFilter, QuoteQuery, SpeakerNames};
    let from = offset(p.cursor.as_deref())?;
    let n = limit(p.limit)?;
    let kinds = match p.kind.as_deref() {
        None | Some("") => KindFilter::Quoted,
        Some("direct") => KindFilter::Direct,
        Some("partial") => KindFilter::Partial,
        Some("indirect") => KindFilter::Indirect,
        Some("all") => KindFilter::All,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "kind {other:?}: give direct, partial, indirect or all"
            )))
        }
    };
    let query = QuoteQuery {
        speaker: p.speaker.filter(|x| !x.trim().is_empty()),
        outlet: p.outlet.filter(|x| !x.trim().is_empty()),
        kinds,
    };
    let (items, total) = s
        .read(move |store| {
            // A speaker filter reads only the quotes of the entities it
            // names (by the speaker index), not every quote of the store.
            let all = match &query.speaker {
                Some(name) => {
                    let mut all = Vec::new();
                    let (named, _) = store.entity_list(Some(name), 0, 50)?;
                    for e in named {
                        store.for_each_speaker_quote(&e.id, &mut |q| {
                            all.push(q);
                            Ok(())
                        })?;
                    }
                    all.sort_by(|a, b| (&a.document_id, a.index).cmp(&(&b.document_id, b.index)));
                    all.dedup_by(|a, b| a.document_id == b.document_id && a.index == b.index);
                    all
                }
                None => store.quotes()?,
            };
            // The quotes of named speakers are theirs already: the rest of
            // the query (kind, outlet) still applies, and needs no names.
            let query = QuoteQuery {
                speaker: None,
                ..query
            };
            let st = build(&all, &|u| query.accepts(u, &SpeakerNames::default()));
            let total = st.groups.len();
            let items: Vec<serde_json::Value> = st
                .groups
                .iter()
                .skip(from)
                .take(n)
                .map(|g| statement_json(&st, g))
                .collect();
            Ok((items, total))
        })
        .await?;
    let next = (from + items.len() < total).then(|| (from + items.len()).to_string());
    Ok(ok(&Page { items, next }))
}
