//! The router without a socket: every endpoint and error of the API, the
//! OpenAPI document against the routes, and the pages (escaping, the
//! highlighted evidence, the security headers), on the demo corpus.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use crosscheck_server::auth::TokenHash;
use crosscheck_server::{app, AppState, CONTENT_SECURITY_POLICY};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use common::{demo_store, repo};

const TOKEN: &str = "cx_test_token";

/// An article whose title and text try to run script in a page.
const HOSTILE: &str = r#"{"title": "<script>alert('title')</script> Harbour <b>fire</b>", "outlet": "Evil <i>Outlet</i>", "published": "2026-03-01", "text": "The mayor said the harbour fire was out <img src=x onerror=alert(1)> by noon on Sunday. Officials confirmed that 40 people were evacuated from the docks, according to the port authority. Read more at javascript:alert(2) or <a href=\"javascript:alert(3)\">here</a>."}"#;

/// The demo corpus and the hostile article, ingested once for every test.
fn db() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = demo_store(dir.path(), HOSTILE);
        (dir, path)
    });
    path
}

fn state(path: &Path, token: bool, read_only: bool) -> AppState {
    AppState::new(
        path.to_path_buf(),
        read_only,
        token.then(|| TokenHash::of(TOKEN)),
    )
}

async fn send(state: AppState, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response = app(state).oneshot(req).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (status, headers, body)
}

async fn get(uri: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    send(
        state(db(), true, false),
        Request::get(uri).body(Body::empty()).unwrap(),
    )
    .await
}

async fn get_json(uri: &str) -> (StatusCode, Value) {
    let (status, headers, body) = get(uri).await;
    assert_eq!(headers[header::CONTENT_TYPE], "application/json", "{uri}");
    (
        status,
        serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{uri}: {e}")),
    )
}

async fn get_page(uri: &str) -> (StatusCode, String) {
    let (status, headers, body) = get(uri).await;
    assert_eq!(
        headers[header::CONTENT_SECURITY_POLICY],
        CONTENT_SECURITY_POLICY,
        "{uri}"
    );
    (status, String::from_utf8(body).unwrap())
}

/// An error is `{"message", "code", "type"}` with this code.
fn assert_error(v: &Value, code: &str) {
    assert_eq!(v["code"], code, "{v}");
    assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
    assert!(v["type"].is_string(), "{v}");
    assert_eq!(v.as_object().unwrap().len(), 3, "{v}");
}

#[tokio::test]
async fn health_without_and_with_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let (status, _, body) = send(
        state(&dir.path().join("none.db"), false, false),
        Request::get("/api/v1/health").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        (v["database"].as_str(), v["writes"].as_str()),
        (Some("none"), Some("disabled"))
    );
    let (status, v) = get_json("/api/v1/health").await;
    assert_eq!(status, 200);
    assert_eq!(v["documents"], 10);
    assert_eq!(v["writes"], "token");
    // A read on a server with no database says so.
    let (status, _, body) = send(
        state(&dir.path().join("none.db"), false, false),
        Request::get("/api/v1/stories").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, 503);
    assert_error(&serde_json::from_slice(&body).unwrap(), "no_database");
}

#[tokio::test]
async fn stories_list_filters_pages_and_briefing() {
    let (status, v) = get_json("/api/v1/stories").await;
    assert_eq!(status, 200);
    let items = v["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(v["next"].is_null());
    let demo = items
        .iter()
        .find(|s| s["documents"] == 9)
        .expect("the demo story");
    assert!(demo["corroborated"].as_u64().unwrap() > 0);
    // Pages of one follow `next` to the end.
    let (_, first) = get_json("/api/v1/stories?limit=1").await;
    assert_eq!(first["items"].as_array().unwrap().len(), 1);
    let next = first["next"].as_str().expect("a second page");
    let (_, second) = get_json(&format!("/api/v1/stories?limit=1&cursor={next}")).await;
    assert_ne!(first["items"][0]["id"], second["items"][0]["id"]);
    let (_, none) = get_json("/api/v1/stories?outlet=no%20such%20outlet").await;
    assert!(none["items"].as_array().unwrap().is_empty());
    let (_, contested) = get_json("/api/v1/stories?status=contested").await;
    assert!(contested["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["contested"].as_u64().unwrap() > 0));
    for (uri, code) in [
        ("/api/v1/stories?limit=0", "bad_request"),
        ("/api/v1/stories?limit=x", "bad_request"),
        ("/api/v1/stories?cursor=zz", "bad_cursor"),
        ("/api/v1/stories?status=true", "bad_request"),
        ("/api/v1/stories/s-ffffffffffff", "not_found"),
    ] {
        let (status, v) = get_json(uri).await;
        assert!(status.is_client_error(), "{uri}: {status}");
        assert_error(&v, code);
    }
    let id = demo["id"].as_str().unwrap();
    let (status, b) = get_json(&format!("/api/v1/stories/{}", &id[2..10])).await;
    assert_eq!(status, 200);
    assert_eq!(b["id"], id);
    let confirmed = b["confirmed"].as_array().unwrap();
    assert!(!confirmed.is_empty());
    assert!(confirmed[0]["evidence"].as_array().unwrap().len() >= 2);
}

#[tokio::test]
async fn documents_search_check_compare_and_lists() {
    let (_, hits) = get_json("/api/v1/search?q=%22Velorian%20water%22").await;
    let hit = &hits["items"][0];
    let id = hit["document_id"].as_str().unwrap();
    let (status, doc) = get_json(&format!("/api/v1/documents/{id}")).await;
    assert_eq!(status, 200);
    let text = doc["text"].as_str().unwrap();
    let (s, e) = (
        hit["start"].as_u64().unwrap() as usize,
        hit["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], hit["sentence"].as_str().unwrap());
    assert!(doc["analysis"]["claims"].is_array() && doc["story"]["id"].is_string());
    assert!(doc.get("removed_lines").is_none());
    let (_, explained) = get_json(&format!("/api/v1/documents/{id}?explain=true")).await;
    assert!(explained["removed_lines"].is_array());
    let (status, v) = get_json("/api/v1/documents/ffffffffffff").await;
    assert_eq!(status, 404);
    assert_error(&v, "not_found");
    for (uri, code) in [
        ("/api/v1/search?q=%22unclosed", "bad_query"),
        ("/api/v1/search?q=AND", "bad_query"),
        ("/api/v1/search", "bad_query"),
        ("/api/v1/search?q=x&cursor=-1", "bad_cursor"),
        ("/api/v1/check", "bad_request"),
        ("/api/v1/compare?a=x", "bad_request"),
        ("/api/v1/claims?min_score=2", "bad_request"),
        ("/api/v1/claims?doc=ffffffffffff", "not_found"),
        ("/api/v1/export?format=xml", "bad_request"),
        ("/api/v1/jobs/j999", "not_found"),
    ] {
        let (status, v) = get_json(uri).await;
        assert!(status.is_client_error(), "{uri}: {status}");
        assert_error(&v, code);
    }
    let (_, v) = get_json("/api/v1/search?q=%22unclosed").await;
    assert!(
        v["message"].as_str().unwrap().contains("at character 1"),
        "{v}"
    );
    let (_, checked) =
        get_json("/api/v1/check?claim=Veloria%20refused%20the%20Kestrian%20warships").await;
    let rows = checked["items"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows
        .iter()
        .any(|r| r["stance"] == "supports" || r["stance"] == "discusses"));
    let (_, judged) = get_json(
        "/api/v1/compare?a=Veloria%20declined%20the%20proposal&b=Veloria%20rejected%20the%20offer",
    )
    .await;
    assert!(
        judged["same"].is_boolean() && judged["score"].is_number() && judged["why"].is_string()
    );
    let (status, _, body) = send(
        state(db(), false, false),
        Request::post("/api/v1/compare")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"pairs": [{"id": "p1", "a": "12 ships", "b": "40 ships"}, {"id": 2, "a": "x", "b": "x"}]}"#))
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let pairs: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(pairs[0]["id"], "p1");
    assert_eq!(pairs[1]["id"], 2);
    let (status, _, body) = send(
        state(db(), false, false),
        Request::post("/api/v1/compare")
            .body(Body::from("{"))
            .unwrap(),
    )
    .await;
    assert_eq!(status, 400);
    assert_error(&serde_json::from_slice(&body).unwrap(), "bad_request");
    let (_, outlets) = get_json("/api/v1/outlets").await;
    assert!(outlets["items"].as_array().unwrap().len() >= 7);
    let (_, entities) = get_json("/api/v1/entities?limit=5").await;
    assert_eq!(entities["items"].as_array().unwrap().len(), 5);
    assert!(entities["next"].is_string());
    let (_, claims) = get_json(&format!("/api/v1/claims?doc={id}&min_score=0")).await;
    assert!(claims["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["document_id"] == id));
}

#[tokio::test]
async fn exports_stream_lines_and_a_spreadsheet() {
    let (status, headers, body) = get("/api/v1/export").await;
    assert_eq!(status, 200);
    assert_eq!(headers[header::CONTENT_TYPE], "application/x-ndjson");
    let text = String::from_utf8(body).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["type"], "document");
    assert_eq!(lines.iter().filter(|l| l["type"] == "document").count(), 10);
    let (_, _, body) = get("/api/v1/export?format=json").await;
    let all: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(all["documents"].as_array().unwrap().len(), 10);
    let (status, headers, body) = get("/api/v1/export/facts.csv").await;
    assert_eq!(status, 200);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = String::from_utf8(body).unwrap();
    assert!(csv.starts_with("story_id,story_title,fact_id,status,"));
    assert!(csv.lines().count() > 10);
    assert!(csv.contains(",corroborated,"));
}

async fn upload(state: AppState, auth: Option<&str>) -> (StatusCode, Value) {
    let boundary = "XBOUNDARY";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../new story.txt\"\r\nContent-Type: text/plain\r\n\r\nHarbour Gazette\n\nThe harbour pilots of Saltmere went on strike on Monday, the pilots' union said. About 30 ships waited outside the port, according to the harbour master.\r\n--{boundary}--\r\n"
    );
    let mut req = Request::post("/api/v1/ingest").header(
        header::CONTENT_TYPE,
        format!("multipart/form-data; boundary={boundary}"),
    );
    if let Some(a) = auth {
        req = req.header(header::AUTHORIZATION, a);
    }
    let (status, _, body) = send(state, req.body(Body::from(body)).unwrap()).await;
    (status, serde_json::from_slice(&body).unwrap())
}

#[tokio::test]
async fn uploads_need_the_token_and_become_a_job() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let (status, v) = upload(state(&path, false, false), Some("Bearer x")).await;
    assert_eq!(status, 403);
    assert_error(&v, "writes_disabled");
    let (status, v) = upload(state(&path, true, true), Some(&format!("Bearer {TOKEN}"))).await;
    assert_eq!(status, 403);
    assert_error(&v, "read_only");
    let (status, v) = upload(state(&path, true, false), None).await;
    assert_eq!(status, 401);
    assert_error(&v, "unauthorized");
    let (status, v) = upload(state(&path, true, false), Some("Bearer wrong")).await;
    assert_eq!(status, 401);
    assert_error(&v, "unauthorized");
    let s = state(&path, true, false);
    let (status, v) = upload(s.clone(), Some(&format!("Bearer {TOKEN}"))).await;
    assert_eq!(status, 202, "{v}");
    let job = v["status_url"].as_str().unwrap().to_string();
    let mut done = Value::Null;
    for _ in 0..600 {
        let (_, _, body) = send(s.clone(), Request::get(&job).body(Body::empty()).unwrap()).await;
        let v: Value = serde_json::from_slice(&body).unwrap();
        if v["state"] == "done" || v["state"] == "failed" {
            done = v;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(done["state"], "done", "{done}");
    assert_eq!(done["files"][0], "000-new_story.txt");
    assert_eq!(done["summary"]["ingested"].as_array().unwrap().len(), 1);
    let (_, _, body) = send(
        s,
        Request::get("/api/v1/health").body(Body::empty()).unwrap(),
    )
    .await;
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["documents"], 1);
}

#[tokio::test]
async fn wrong_methods_and_unknown_routes_are_json_errors() {
    let (status, _, body) = send(
        state(db(), true, false),
        Request::builder()
            .method(Method::DELETE)
            .uri("/api/v1/stories")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, 405);
    assert_error(
        &serde_json::from_slice(&body).unwrap(),
        "method_not_allowed",
    );
    for uri in ["/api/v1/nope", "/api/v2/stories", "/api"] {
        let (status, v) = get_json(uri).await;
        assert_eq!(status, 404, "{uri}");
        assert_error(&v, "not_found");
    }
    let (status, page) = get_page("/no/such/page").await;
    assert_eq!(status, 404);
    assert!(page.contains("Not found"));
}

/// Every `$ref` in `v` names a schema of `schemas`.
fn refs_resolve(v: &Value, schemas: &serde_json::Map<String, Value>, at: &str) {
    match v {
        Value::Object(m) => {
            if let Some(r) = m.get("$ref").and_then(Value::as_str) {
                let name = r
                    .strip_prefix("#/components/schemas/")
                    .unwrap_or_else(|| panic!("{at}: {r}"));
                assert!(schemas.contains_key(name), "{at}: {r}");
            }
            for (k, x) in m {
                refs_resolve(x, schemas, &format!("{at}/{k}"));
            }
        }
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| refs_resolve(x, schemas, &format!("{at}/{i}"))),
        _ => {}
    }
}

#[tokio::test]
async fn the_openapi_document_matches_the_routes() {
    let (status, doc) = get_json("/api/v1/openapi.json").await;
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    refs_resolve(&doc, schemas, "#");
    let paths = doc["paths"].as_object().unwrap();
    for route in crosscheck_server::routes::ROUTES {
        let op = &paths[route.path][route.method];
        assert!(op["summary"].is_string(), "{} {}", route.method, route.path);
        let responses = op["responses"].as_object().unwrap();
        assert!(responses.contains_key(&route.ok.0.to_string()));
        assert!(responses.contains_key("500"));
        for p in op["parameters"].as_array().unwrap() {
            if p["in"] == "path" {
                assert!(route
                    .path
                    .contains(&format!("{{{}}}", p["name"].as_str().unwrap())));
            }
        }
        // Every documented route is served: a request never gets the
        // router's "no such route".
        let uri = route.path.replace("{id}", "zzzz");
        let method = Method::from_bytes(route.method.to_uppercase().as_bytes()).unwrap();
        let (status, _, body) = send(
            state(db(), false, true),
            Request::builder()
                .method(method)
                .uri(&uri)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        assert!(
            !(status == 404
                && v["message"]
                    .as_str()
                    .is_some_and(|m| m.starts_with("no such route"))),
            "{uri} is documented but not served"
        );
        assert_ne!(status, 405, "{uri}");
    }
    // Every error code the server can give is documented.
    let codes = doc["components"]["schemas"]["error"]["properties"]["code"]["enum"]
        .as_array()
        .unwrap();
    assert_eq!(codes.len(), crosscheck_server::error::CODES.len());
}

#[tokio::test]
async fn pages_show_the_briefing_the_evidence_and_search() {
    let (status, list) = get_page("/stories").await;
    assert_eq!(status, 200);
    assert!(list.contains("Veloria and Kestria agree joint inspections"));
    let (_, v) = get_json("/api/v1/stories").await;
    let demo = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["documents"] == 9)
        .unwrap()
        .clone();
    let id = demo["id"].as_str().unwrap();
    let (status, story) = get_page(&format!("/stories/{id}")).await;
    assert_eq!(status, 200);
    assert!(story.contains("What is confirmed") && story.contains("Who said what"));
    // A citation opens the document with the fact's sentence highlighted.
    let (_, b) = get_json(&format!("/api/v1/stories/{id}")).await;
    let e = &b["confirmed"][0]["evidence"][0];
    let link = format!(
        "/documents/{}?start={}&amp;end={}#evidence",
        e["document_id"].as_str().unwrap(),
        e["start"],
        e["end"]
    );
    assert!(story.contains(&link), "no link {link}");
    let (status, doc) = get_page(&link.replace("&amp;", "&").replace("#evidence", "")).await;
    assert_eq!(status, 200);
    let marked = format!(
        "<mark id=\"evidence\" title=\"the cited sentence\">{}</mark>",
        e["text"].as_str().unwrap()
    );
    assert!(doc.contains(&marked), "{marked}");
    // Side by side.
    let (status, side) = get_page(&format!("/stories/{id}/facts/0")).await;
    assert_eq!(status, 200);
    assert!(side.matches("<section class=\"column\">").count() >= 2);
    // Search finds a quote and marks its words.
    let (status, found) = get_page("/search?q=%22Velorian+water%22").await;
    assert_eq!(status, 200);
    assert!(found.contains("<mark>Velorian water</mark>"), "{found}");
    let (_, bad) = get_page("/search?q=%22unclosed").await;
    assert!(bad.contains("not closed"));
    let (_, check) = get_page("/check?claim=Veloria+refused+the+warships").await;
    assert!(check.contains("documents bear on it"));
    let (_, compare) =
        get_page("/compare?a=Veloria+declined+the+proposal&b=Veloria+rejected+the+offer").await;
    assert!(compare.contains("score"));
    let (status, css) = get_page("/assets/style.css").await;
    assert_eq!(status, 200);
    assert!(css.contains("mark"));
}

/// The tags of a page: each `<…>`.
fn tags(page: &str) -> impl Iterator<Item = &str> {
    page.split('<')
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or(rest))
}

#[tokio::test]
async fn speakers_entities_and_outlets() {
    let (status, v) = get_json("/api/v1/quotes?speaker=arvelo").await;
    assert_eq!(status, 200);
    let items = v["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|s| s["speaker"] == "Tomas Arvelo"), "{v}");
    let (_, v) = get_json("/api/v1/quotes?kind=nonsense").await;
    assert_error(&v, "bad_request");
    let entity = items[0]["speaker_entity_id"].as_str().unwrap().to_string();
    let (status, people) = get_page("/entities?q=arvelo").await;
    assert_eq!(status, 200);
    assert!(people.contains("Tomas Arvelo"));
    let (status, page) = get_page(&format!("/entities/{entity}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("What they are quoted as saying") && page.contains("#evidence"));
    let (status, _) = get_page("/entities/nobody").await;
    assert_eq!(status, 404);
    let (status, outlets) = get_page("/outlets").await;
    assert_eq!(status, 200);
    assert!(outlets.contains("/outlets/Strait%20Report"));
    let (status, outlet) = get_page("/outlets/Strait%20Report").await;
    assert_eq!(status, 200);
    assert!(outlet.contains("Signals") && outlet.contains("Documents over time"));
    let (status, _) = get_page("/outlets/No%20Such%20Outlet").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn article_text_is_never_markup_on_a_page() {
    let (_, hits) = get_json("/api/v1/search?q=mayor+evacuated").await;
    let id = hits["items"][0]["document_id"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, v) = get_json("/api/v1/stories").await;
    let story = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"].as_str().unwrap().contains("script"))
        .map(|s| s["id"].as_str().unwrap().to_string());
    let mut pages = vec![
        format!("/documents/{id}"),
        format!("/documents/{id}?explain=true"),
        "/stories".to_string(),
        "/search?q=mayor".to_string(),
        "/search?q=%3Cscript%3E".to_string(),
        "/outlets".to_string(),
        "/outlets/Evil%20%3Ci%3EOutlet%3C%2Fi%3E".to_string(),
        "/entities".to_string(),
        "/check?claim=%3Cscript%3Ealert(1)%3C/script%3E+mayor".to_string(),
    ];
    if let Some(s) = story {
        pages.push(format!("/stories/{s}"));
    }
    for uri in pages {
        let (status, page) = get_page(&uri).await;
        assert_eq!(status, 200, "{uri}");
        let lower = page.to_lowercase();
        assert!(!lower.contains("<script"), "{uri}");
        assert!(!lower.contains("<img"), "{uri}");
        assert!(
            !lower.contains("<b>fire") && !lower.contains("<i>outlet"),
            "{uri}"
        );
        assert!(!lower.contains("href=\"javascript:"), "{uri}");
        // Escaped, the words may show as text; inside a tag, never.
        assert!(
            !tags(&lower).any(|t| t.contains("onerror") || t.contains("javascript:")),
            "{uri}"
        );
    }
    let (_, doc) = get_page(&format!("/documents/{id}")).await;
    assert!(doc.contains("&lt;script&gt;"));
}

#[test]
fn the_readme_lists_every_error_code() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    for (code, status, kind, _) in crosscheck_server::error::CODES {
        let row = format!("| `{code}` | {status} | {kind} |");
        assert!(readme.contains(&row), "README lacks {row}");
    }
}

/// The OpenAPI document passes openapi-spec-validator (PyPI), when a Python
/// with it is at hand: `CROSSCHECK_OPENAPI_PYTHON`, else `python3`
/// (`.ci/run` makes a virtual environment with it).
#[tokio::test]
async fn the_openapi_document_passes_a_validator() {
    let python = std::env::var("CROSSCHECK_OPENAPI_PYTHON").unwrap_or_else(|_| "python3".into());
    let probe = std::process::Command::new(&python)
        .args(["-c", "import openapi_spec_validator"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!(
            "skipped: no openapi-spec-validator for {python} (pip install openapi-spec-validator)"
        );
        return;
    }
    let (_, doc) = get_json("/api/v1/openapi.json").await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("openapi.json");
    std::fs::write(&path, serde_json::to_vec(&doc).unwrap()).unwrap();
    let out = std::process::Command::new(&python)
        .args([
            "-c",
            "import json, sys; from openapi_spec_validator import validate; validate(json.load(open(sys.argv[1]))); print('valid')",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
