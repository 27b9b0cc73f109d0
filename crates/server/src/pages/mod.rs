//! The web interface: server-rendered pages (maud escapes every value it
//! is given, so article text is always text), plain links and forms, no
//! script. Each page calls the same engine read models as the API.

mod directory;
mod document;
mod story;

use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use crosscheck_store::Store;
use maud::{html, Markup, DOCTYPE};
use serde::Deserialize;

use crate::api::{self, Q};
use crate::error::ApiError;
use crate::state::AppState;

const STYLE: &str = include_str!("style.css");

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/stories") }))
        .route("/assets/style.css", get(style))
        .route("/stories", get(stories))
        .route("/stories/{id}", get(story::page))
        .route("/stories/{id}/facts/{fact}", get(story::fact_page))
        .route("/documents/{id}", get(document::page))
        .route("/entities", get(directory::entities))
        .route("/entities/{id}", get(directory::entity))
        .route("/outlets", get(directory::outlets))
        .route("/outlets/{name}", get(directory::outlet))
        .route("/search", get(search))
        .route("/check", get(check))
        .route("/compare", get(compare))
        .route(
            "/upload",
            get(upload_form)
                .post(upload)
                .layer(axum::extract::DefaultBodyLimit::max(
                    crate::routes::UPLOAD_LIMIT,
                )),
        )
        .route("/jobs/{id}", get(job))
}

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

/// A query-string value, percent-encoded (everything but unreserved
/// characters).
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The link to a document, with a span of its text highlighted.
pub fn doc_link(id: &str, span: Option<(usize, usize)>) -> String {
    match span {
        Some((s, e)) => format!("/documents/{}?start={s}&end={e}#evidence", encode(id)),
        None => format!("/documents/{}", encode(id)),
    }
}

/// Every page: the header with the sections, the content, the footer.
pub fn layout(title: &str, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · crosscheck" }
                link rel="stylesheet" href="/assets/style.css";
            }
            body {
                header {
                    a.brand href="/stories" { "crosscheck" }
                    nav {
                        a href="/stories" { "Stories" }
                        a href="/search" { "Search" }
                        a href="/entities" { "People" }
                        a href="/outlets" { "Outlets" }
                        a href="/check" { "Check a claim" }
                        a href="/compare" { "Compare" }
                        a href="/upload" { "Upload" }
                    }
                    form.search action="/search" method="get" {
                        input type="search" name="q" placeholder="Search documents and facts" aria-label="Search";
                    }
                }
                main { (content) }
                footer { "Every line cites the documents it comes from. Signals are observations, not verdicts." }
            }
        }
    }
}

/// A page answering with an error status.
pub fn error_page(e: &ApiError) -> Response {
    let page = layout(
        "Error",
        html! {
            h1 { (match e.status().as_u16() { 404 => "Not found", 400 => "That cannot be read", 401 | 403 => "Not allowed", _ => "Something failed" }) }
            p.error { (e.message) }
            p { a href="/stories" { "Back to the stories" } }
        },
    );
    (e.status(), page_response(page)).into_response()
}

fn page_response(m: Markup) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        m.into_string(),
    )
        .into_response()
}

/// A page, or its error as a page.
pub fn page(result: Result<Markup, ApiError>) -> Response {
    match result {
        Ok(m) => page_response(m),
        Err(e) => error_page(&e),
    }
}

pub async fn not_found() -> Response {
    error_page(&ApiError::not_found("there is no such page"))
}

fn status_label(s: crosscheck_model::ClaimStatus) -> &'static str {
    match s {
        crosscheck_model::ClaimStatus::Corroborated => "corroborated",
        crosscheck_model::ClaimStatus::SingleSource => "single source",
        crosscheck_model::ClaimStatus::Contested => "contested",
    }
}

#[derive(Deserialize, Default)]
struct StoriesParams {
    cursor: Option<String>,
    outlet: Option<String>,
    status: Option<String>,
}

async fn stories(State(s): State<AppState>, Q(p): Q<StoriesParams>) -> Response {
    page(stories_page(&s, p).await)
}

async fn stories_page(s: &AppState, p: StoriesParams) -> Result<Markup, ApiError> {
    if !s.0.db.exists() {
        return Ok(layout(
            "Stories",
            html! {
                h1 { "No stories yet" }
                p { "This server has no database yet. " a href="/upload" { "Upload articles" } " to ingest them, or run " code { "crosscheck ingest FOLDER" } "." }
            },
        ));
    }
    let from = api::offset(p.cursor.as_deref())?;
    let status = api::status_param(p.status.as_deref())?;
    let filter = crosscheck_store::StoryListFilter {
        outlet: p.outlet.clone().filter(|o| !o.trim().is_empty()),
        status,
    };
    let (items, more) = s
        .read(move |store| Ok(store.story_list(&filter, from, api::DEFAULT_LIMIT)?))
        .await?;
    let outlet = p.outlet.unwrap_or_default();
    let chosen = p.status.unwrap_or_default();
    let next = more.then(|| {
        format!(
            "/stories?cursor={}&outlet={}&status={}",
            from + items.len(),
            encode(&outlet),
            encode(&chosen)
        )
    });
    Ok(layout(
        "Stories",
        html! {
            h1 { "Stories" }
            form.filters action="/stories" method="get" {
                label { "Outlet " input type="text" name="outlet" value=(outlet); }
                label { "Facts "
                    select name="status" {
                        option value="" selected[chosen.is_empty()] { "any" }
                        option value="corroborated" selected[chosen == "corroborated"] { "with confirmed facts" }
                        option value="single_source" selected[chosen == "single_source"] { "with single-source claims" }
                        option value="contested" selected[chosen == "contested"] { "with contested points" }
                    }
                }
                button type="submit" { "Filter" }
            }
            @if items.is_empty() {
                p { "No story matches." }
            }
            ol.stories start=(from + 1) {
                @for st in &items {
                    li {
                        a.title href=(format!("/stories/{}", encode(&st.id))) { (st.title) }
                        div.meta {
                            (crosscheck_engine::briefing::wording::span(st.start.as_deref(), st.end.as_deref()))
                            " · " (st.documents) " " (if st.documents == 1 { "document" } else { "documents" })
                            " · " (st.outlets.join(", "))
                            @if st.unknown_outlet > 0 { " · " (st.unknown_outlet) " of unknown outlet" }
                        }
                        div.counts {
                            span.corroborated { (st.corroborated) " confirmed" }
                            span.single { (st.single_source) " single-source" }
                            span.contested { (st.contested + st.role_conflicts) " contested" }
                        }
                    }
                }
            }
            @if let Some(n) = next { p { a rel="next" href=(n) { "More stories" } } }
        },
    ))
}

#[derive(Deserialize, Default)]
struct SearchParams {
    q: Option<String>,
    cursor: Option<String>,
}

async fn search(State(s): State<AppState>, Q(p): Q<SearchParams>) -> Response {
    page(search_page(&s, p).await)
}

/// The sentence with its highlighted spans as `<mark>`.
fn marked(sentence: &str, highlights: &[[usize; 2]]) -> Markup {
    let pieces = crosscheck_engine::search::pieces(sentence, highlights);
    html! { @for (mark, text) in pieces { @if mark { mark { (text) } } @else { (text) } } }
}

async fn search_page(s: &AppState, p: SearchParams) -> Result<Markup, ApiError> {
    let q = p.q.unwrap_or_default();
    let form = html! {
        form.wide action="/search" method="get" {
            input type="search" name="q" value=(q) aria-label="Query" autofocus;
            button type="submit" { "Search" }
        }
        details.help {
            summary { "How to search" }
            p { code { "sheinbaum troops" } " both words · " code { "\"military aid\"" } " a phrase · " code { "troops OR soldiers" } " either · " code { "-warships" } " without · " code { "sovereign*" } " a prefix · fields " code { "outlet:" } " " code { "author:" } " " code { "entity:" } " " code { "speaker:" } " " code { "story:" } " " code { "status:corroborated" } " " code { "lang:en" } " " code { "from:2025-05" } " " code { "to:2025-11-19" } }
        }
    };
    if q.trim().is_empty() {
        return Ok(layout("Search", html! { h1 { "Search" } (form) }));
    }
    let results = match api::run_search(s, q.clone(), p.cursor.clone(), api::DEFAULT_LIMIT).await {
        Ok(r) => r,
        Err(e) if e.code == "bad_query" || e.code == "bad_cursor" => {
            return Ok(layout(
                "Search",
                html! { h1 { "Search" } (form) p.error { (e.message) } },
            ))
        }
        Err(e) => return Err(e),
    };
    let first = api::offset(p.cursor.as_deref())?;
    Ok(layout(
        &format!("Search: {q}"),
        html! {
            h1 { "Search" }
            (form)
            p.meta {
                @if results.total == 0 { "No document matches." }
                @else { (results.total) " " (if results.total == 1 { "document matches" } else { "documents match" }) "; " (first + 1) "–" (first + results.items.len()) ":" }
            }
            ol.hits start=(first + 1) {
                @for r in &results.items {
                    li {
                        a.title href=(doc_link(&r.document_id, Some((r.start, r.end)))) { (r.title.as_deref().unwrap_or("(untitled)")) }
                        div.meta {
                            (r.outlet.as_deref().unwrap_or("outlet unknown")) " · " (r.published.as_deref().unwrap_or("undated"))
                            " · " code { (r.document_id.chars().take(8).collect::<String>()) }
                            @if let Some(st) = r.status { " · " span class=(format!("status {}", st.as_str())) { (status_label(st)) } }
                        }
                        blockquote { (marked(&r.sentence, &r.highlights)) }
                    }
                }
            }
            @if let Some(n) = &results.next {
                p { a rel="next" href=(format!("/search?q={}&cursor={}", encode(&q), encode(n))) { "More results" } }
            }
        },
    ))
}

#[derive(Deserialize, Default)]
struct CheckParams {
    claim: Option<String>,
}

async fn check(State(s): State<AppState>, Q(p): Q<CheckParams>) -> Response {
    page(check_page(&s, p).await)
}

async fn check_page(s: &AppState, p: CheckParams) -> Result<Markup, ApiError> {
    let claim = p.claim.unwrap_or_default();
    let form = html! {
        form.wide action="/check" method="get" {
            textarea name="claim" rows="3" aria-label="Claim" placeholder="Paste a claim, e.g. Veloria refused the offer of warships." { (claim) }
            button type="submit" { "Check" }
        }
    };
    if claim.trim().is_empty() {
        return Ok(layout(
            "Check a claim",
            html! { h1 { "Check a claim" } p { "Which stored documents support, contradict or discuss it, with the sentence that bears on it." } (form) },
        ));
    }
    let checked = api::run_check(s, claim.clone(), false).await?;
    Ok(layout(
        "Check a claim",
        html! {
            h1 { "Check a claim" }
            (form)
            @if checked.items.is_empty() {
                p { "No stored document bears on it (" (checked.documents_checked) " checked)." }
            } @else {
                p.meta { (checked.items.len()) " of " (checked.documents_checked) " documents bear on it." }
                table.check {
                    thead { tr { th { "stance" } th { "score" } th { "document" } th { "sentence" } } }
                    tbody {
                        @for row in &checked.items {
                            tr {
                                td { span class=(format!("stance {}", row.stance)) { (row.stance) } }
                                td { (format!("{:.3}", row.score)) }
                                td {
                                    a href=(doc_link(&row.document_id, row.evidence.as_ref().map(|e| (e.start, e.end)))) { (row.title.as_deref().unwrap_or("(untitled)")) }
                                    div.meta { (row.outlet.as_deref().unwrap_or("outlet unknown")) " · " (row.published.as_deref().unwrap_or("undated")) }
                                }
                                td { @if let Some(e) = &row.evidence { (e.text) } }
                            }
                        }
                    }
                }
            }
        },
    ))
}

#[derive(Deserialize, Default)]
struct CompareParams {
    a: Option<String>,
    b: Option<String>,
}

async fn compare(Q(p): Q<CompareParams>) -> Response {
    page(compare_page(p).await)
}

async fn compare_page(p: CompareParams) -> Result<Markup, ApiError> {
    let (a, b) = (p.a.unwrap_or_default(), p.b.unwrap_or_default());
    let verdict = if a.trim().is_empty() || b.trim().is_empty() {
        None
    } else {
        Some(api::run_compare(a.clone(), b.clone()).await?)
    };
    Ok(layout(
        "Compare",
        html! {
            h1 { "Do two statements report one fact?" }
            form.wide action="/compare" method="get" {
                textarea name="a" rows="3" aria-label="First statement" { (a) }
                textarea name="b" rows="3" aria-label="Second statement" { (b) }
                button type="submit" { "Compare" }
            }
            @if let Some(v) = verdict {
                p.verdict class=(if v.same { "same" } else { "different" }) {
                    strong { (if v.same { "Same fact" } else { "Different" }) }
                    " (score " (format!("{:.3}", v.score)) ") — " (v.why)
                }
                p.meta { "The judge alignment uses: a static sentence embedding plus numbers, names, negation and overlap." }
            }
        },
    ))
}

async fn upload_form(State(s): State<AppState>) -> Response {
    let writes = !s.0.read_only && s.0.token.is_some();
    page(Ok(layout(
        "Upload",
        html! {
            h1 { "Upload articles to ingest" }
            @if !writes {
                p.error { (if s.0.read_only { "This server is read-only." } else { "This server takes no uploads: start it with --token-file PATH." }) }
            }
            form.wide action="/upload" method="post" enctype="multipart/form-data" {
                label { "Files (.html, .txt, .json, .jsonl, optionally .gz) " input type="file" name="file" multiple; }
                label { "Write token " input type="password" name="token" autocomplete="off"; }
                button type="submit" disabled[!writes] { "Ingest" }
            }
        },
    )))
}

async fn upload(State(s): State<AppState>, form: Multipart) -> Response {
    let result = async {
        let (dir, files, token) = api::receive(form).await?;
        crate::auth::may_write(s.0.read_only, s.0.token.as_ref(), None, token.as_deref())?;
        if files.is_empty() {
            return Err(ApiError::bad_request("choose at least one file"));
        }
        Ok(s.0.jobs.start(s.0.db.clone(), dir, files))
    }
    .await;
    match result {
        Ok(id) => Redirect::to(&format!("/jobs/{}", encode(&id))).into_response(),
        Err(e) => error_page(&e),
    }
}

async fn job(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(j) = s.0.jobs.get(&id) else {
        return error_page(&ApiError::not_found(format!("no job {id}")));
    };
    use crate::jobs::JobState;
    let running = matches!(j.state, JobState::Queued | JobState::Running);
    let m = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                @if running { meta http-equiv="refresh" content="2"; }
                title { "Ingest " (j.id) " · crosscheck" }
                link rel="stylesheet" href="/assets/style.css";
            }
            body {
                header { a.brand href="/stories" { "crosscheck" } }
                main {
                    h1 { "Ingest " (j.id) }
                    p.meta { (j.files.len()) " " (if j.files.len() == 1 { "file" } else { "files" }) ": " (j.files.join(", ")) }
                    @match j.state {
                        JobState::Queued => p { "Waiting for the ingest before it…" },
                        JobState::Running => p { "Ingesting: " (j.done) " of " (j.total) " inputs read. This page refreshes itself." progress max=(j.total.max(1)) value=(j.done) {} },
                        JobState::Done => {
                            p { "Done." }
                            @if let Some(sum) = &j.summary {
                                ul {
                                    li { (sum["ingested"].as_array().map_or(0, |a| a.len())) " documents ingested, " (sum["unchanged"]) " unchanged" }
                                    li { (sum["failed"].as_array().map_or(0, |a| a.len())) " failed" }
                                    @for f in sum["failed"].as_array().into_iter().flatten() {
                                        li.error { (f["source"].as_str().unwrap_or("")) ": " (f["reason"].as_str().unwrap_or("")) }
                                    }
                                    li { (sum["stories"]["stories"]) " stories; " (sum["corroboration"]["corroborated"]) " facts corroborated" }
                                }
                            }
                            p { a href="/stories" { "Read the stories" } }
                        },
                        JobState::Failed => p.error { "Failed: " (j.error.as_deref().unwrap_or("")) },
                    }
                }
            }
        }
    };
    let status = StatusCode::OK;
    (status, page_response(m)).into_response()
}
