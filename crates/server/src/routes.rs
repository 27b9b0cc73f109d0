//! The API's routes, in one table: the router is built from it and the
//! OpenAPI document (`/api/v1/openapi.json`) is generated from it, so the
//! two cannot drift apart. Response schemas reuse the export's JSON Schema
//! (`docs/export.schema.json`) for the shapes it defines.

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, MethodRouter};
use serde_json::{json, Map, Value};

use crate::api;
use crate::error::CODES;
use crate::state::AppState;

/// The largest upload an ingest takes.
pub const UPLOAD_LIMIT: usize = 512 * 1024 * 1024;

/// What a route does, for the router.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    Health,
    OpenApi,
    Stories,
    Story,
    Document,
    Search,
    Check,
    Compare,
    ComparePairs,
    Quotes,
    Outlets,
    Entities,
    Claims,
    Export,
    FactsCsv,
    Ingest,
    Job,
}

/// One parameter: name, where (`query` or `path`), required, type, what.
pub type Param = (&'static str, &'static str, bool, &'static str, &'static str);

pub struct Route {
    pub endpoint: Endpoint,
    pub method: &'static str,
    pub path: &'static str,
    pub summary: &'static str,
    pub params: &'static [Param],
    /// (status, description, content type, schema).
    pub ok: (u16, &'static str, &'static str, fn() -> Value),
    /// Error codes this route can answer with, besides `internal`.
    pub errors: &'static [&'static str],
    /// Needs `Authorization: Bearer TOKEN`.
    pub write: bool,
}

const PAGE: [Param; 2] = [
    (
        "cursor",
        "query",
        false,
        "string",
        "the `next` of the previous page",
    ),
    (
        "limit",
        "query",
        false,
        "integer",
        "items per page, 1 to 100 (default 20)",
    ),
];

pub const ROUTES: &[Route] = &[
    Route {
        endpoint: Endpoint::Health,
        method: "get",
        path: "/api/v1/health",
        summary: "Whether the server is up, whether it has a database and how it takes writes",
        params: &[],
        ok: (200, "up", "application/json", health_schema),
        errors: &[],
        write: false,
    },
    Route {
        endpoint: Endpoint::OpenApi,
        method: "get",
        path: "/api/v1/openapi.json",
        summary: "This document",
        params: &[],
        ok: (200, "the OpenAPI 3.1 document", "application/json", any_object),
        errors: &[],
        write: false,
    },
    Route {
        endpoint: Endpoint::Stories,
        method: "get",
        path: "/api/v1/stories",
        summary: "Stories, largest first, with their counts of confirmed, single-source and contested facts",
        params: &[
            PAGE[0],
            PAGE[1],
            ("outlet", "query", false, "string", "stories with a document of an outlet whose name contains this"),
            ("status", "query", false, "string", "stories with a fact of this status: corroborated, single_source, contested"),
        ],
        ok: (200, "a page of stories", "application/json", stories_schema),
        errors: &["bad_request", "bad_cursor", "no_database"],
        write: false,
    },
    Route {
        endpoint: Endpoint::Story,
        method: "get",
        path: "/api/v1/stories/{id}",
        summary: "A story's briefing: timeline, confirmed, single-source and contested facts, who said what, outlet notes",
        params: &[("id", "path", true, "string", "story id or id prefix (with or without `s-`)")],
        ok: (200, "the briefing", "application/json", briefing_schema),
        errors: &["not_found", "ambiguous_id", "no_database"],
        write: false,
    },
    Route {
        endpoint: Endpoint::Document,
        method: "get",
        path: "/api/v1/documents/{id}",
        summary: "A document: clean text, metadata, entities, quotes and claims with their spans, story and copies",
        params: &[
            ("id", "path", true, "string", "document id, id prefix (4+ hex digits) or sha256"),
            ("explain", "query", false, "boolean", "add the lines extraction removed, with why"),
        ],
        ok: (200, "the document", "application/json", document_schema),
        errors: &["not_found", "ambiguous_id", "bad_request", "no_database"],
        write: false,
    },
    Route {
        endpoint: Endpoint::Search,
        method: "get",
        path: "/api/v1/search",
        summary: "Full-text search over documents and facts (the README's query language), best first",
        params: &[
            ("q", "query", true, "string", "the query: words, \"phrases\", OR, -word, pre*, fields outlet: author: entity: speaker: story: status: lang: from: to:"),
            PAGE[0],
            PAGE[1],
        ],
        ok: (200, "a page of hits", "application/json", search_schema),
        errors: &["bad_query", "bad_cursor", "bad_request", "no_database"],
        write: false,
    },
    Route {
        endpoint: Endpoint::Check,
        method: "get",
        path: "/api/v1/check",
        summary: "Which stored documents support, contradict or discuss a claim, with the sentence that bears on it",
        params: &[
            ("claim", "query", true, "string", "the claim"),
            ("all", "query", false, "boolean", "list unrelated documents too"),
        ],
        ok: (200, "the documents that bear on it", "application/json", check_schema),
        errors: &["bad_request", "no_database"],
        write: false,
    },
    Route {
        endpoint: Endpoint::Compare,
        method: "get",
        path: "/api/v1/compare",
        summary: "Whether two statements report one fact (the judge alignment uses)",
        params: &[
            ("a", "query", true, "string", "one statement"),
            ("b", "query", true, "string", "the other"),
        ],
        ok: (200, "the verdict", "application/json", judged_schema),
        errors: &["bad_request"],
        write: false,
    },
    Route {
        endpoint: Endpoint::ComparePairs,
        method: "post",
        path: "/api/v1/compare",
        summary: "The verdict on each of many pairs: body {\"pairs\": [{\"id\", \"a\", \"b\"}]}, at most 10,000",
        params: &[],
        ok: (200, "the verdicts, in order", "application/json", judged_list_schema),
        errors: &["bad_request", "payload_too_large"],
        write: false,
    },
    Route {
        endpoint: Endpoint::Quotes,
        method: "get",
        path: "/api/v1/quotes",
        summary: "Who said what: statements (a quote, its continuations and variants) with every appearance, earliest first",
        params: &[
            ("speaker", "query", false, "string", "the speaker's name or an alias contains this"),
            ("outlet", "query", false, "string", "the outlet's name contains this"),
            ("kind", "query", false, "string", "direct, partial, indirect or all (default: direct and partial)"),
            PAGE[0],
            PAGE[1],
        ],
        ok: (200, "a page of statements", "application/json", quotes_schema),
        errors: &["bad_request", "bad_cursor", "no_database"],
        write: false,
    },
    Route {
        endpoint: Endpoint::Outlets,
        method: "get",
        path: "/api/v1/outlets",
        summary: "Every outlet's signals over its documents, each figure with the documents behind it",
        params: &[],
        ok: (200, "the outlets", "application/json", outlets_schema),
        errors: &["no_database"],
        write: false,
    },
    Route {
        endpoint: Endpoint::Entities,
        method: "get",
        path: "/api/v1/entities",
        summary: "The people, organisations and places of the store, one per real-world entity, most documents first",
        params: &[
            ("q", "query", false, "string", "only those whose name or an alias contains this"),
            PAGE[0],
            PAGE[1],
        ],
        ok: (200, "a page of entities", "application/json", entities_schema),
        errors: &["bad_request", "bad_cursor", "no_database"],
        write: false,
    },
    Route {
        endpoint: Endpoint::Claims,
        method: "get",
        path: "/api/v1/claims",
        summary: "Claims by document, in text order, with their spans, attribution, amounts and time",
        params: &[
            ("doc", "query", false, "string", "only this document's (id, prefix or sha256)"),
            ("min_score", "query", false, "number", "only claims scored at least this, 0 to 1 (default 0.5: check-worthy)"),
            PAGE[0],
            PAGE[1],
        ],
        ok: (200, "a page of claims", "application/json", claims_schema),
        errors: &["bad_request", "bad_cursor", "not_found", "no_database"],
        write: false,
    },
    Route {
        endpoint: Endpoint::Export,
        method: "get",
        path: "/api/v1/export",
        summary: "Everything, streamed: JSON lines (default) or one JSON object, as `crosscheck export`",
        params: &[("format", "query", false, "string", "jsonl or json")],
        ok: (200, "the export (docs/export.schema.json)", "application/x-ndjson", any_object),
        errors: &["bad_request", "no_database"],
        write: false,
    },
    Route {
        endpoint: Endpoint::FactsCsv,
        method: "get",
        path: "/api/v1/export/facts.csv",
        summary: "Facts × documents as CSV: one row per fact and document stating it, with the sentence and its span",
        params: &[],
        ok: (200, "the spreadsheet", "text/csv", csv_schema),
        errors: &["no_database"],
        write: false,
    },
    Route {
        endpoint: Endpoint::Ingest,
        method: "post",
        path: "/api/v1/ingest",
        summary: "Upload files to ingest (multipart, fields named `file`); answered at once with the job to follow",
        params: &[],
        ok: (202, "the job", "application/json", accepted_schema),
        errors: &["bad_request", "unauthorized", "read_only", "writes_disabled", "payload_too_large"],
        write: true,
    },
    Route {
        endpoint: Endpoint::Job,
        method: "get",
        path: "/api/v1/jobs/{id}",
        summary: "An ingest job: queued, running (inputs read of how many), done (the summary) or failed (why)",
        params: &[("id", "path", true, "string", "the job id the ingest gave")],
        ok: (200, "the job", "application/json", job_schema),
        errors: &["not_found"],
        write: false,
    },
];

fn handler(e: Endpoint) -> MethodRouter<AppState> {
    match e {
        Endpoint::Health => get(api::health),
        Endpoint::OpenApi => get(|| async { api::json(axum::http::StatusCode::OK, &openapi()) }),
        Endpoint::Stories => get(api::stories),
        Endpoint::Story => get(api::story),
        Endpoint::Document => get(api::document),
        Endpoint::Search => get(api::search_api),
        Endpoint::Check => get(api::check_api),
        Endpoint::Compare => get(api::compare_api),
        Endpoint::ComparePairs => {
            post(api::compare_pairs).layer(DefaultBodyLimit::max(64 * 1024 * 1024))
        }
        Endpoint::Quotes => get(api::quotes),
        Endpoint::Outlets => get(api::outlets),
        Endpoint::Entities => get(api::entities),
        Endpoint::Claims => get(api::claims),
        Endpoint::Export => get(api::export),
        Endpoint::FactsCsv => get(api::facts_csv),
        Endpoint::Ingest => post(api::ingest).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        Endpoint::Job => get(api::job),
    }
}

/// The API's router, built from [`ROUTES`].
pub fn api_router() -> axum::Router<AppState> {
    let mut paths: Vec<&str> = Vec::new();
    for r in ROUTES {
        if !paths.contains(&r.path) {
            paths.push(r.path);
        }
    }
    let mut router = axum::Router::new();
    for path in paths {
        let mut methods: Option<MethodRouter<AppState>> = None;
        for r in ROUTES.iter().filter(|r| r.path == path) {
            let h = handler(r.endpoint);
            methods = Some(match methods {
                None => h,
                Some(m) => m.merge(h),
            });
        }
        if let Some(m) = methods {
            router = router.route(path, m.fallback(method_not_allowed));
        }
    }
    router
}

async fn method_not_allowed() -> crate::error::ApiError {
    crate::error::ApiError::new("method_not_allowed", "this route does not take this method")
}

// Schemas.

fn r(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn nullable(t: &str) -> Value {
    json!({"type": [t, "null"]})
}

fn page_of(item: Value) -> Value {
    json!({
        "type": "object",
        "required": ["items", "next"],
        "properties": {"items": {"type": "array", "items": item}, "next": nullable("string")},
    })
}

fn any_object() -> Value {
    json!({"type": "object"})
}

fn csv_schema() -> Value {
    json!({"type": "string"})
}

fn health_schema() -> Value {
    json!({
        "type": "object",
        "required": ["status", "database", "documents", "writes"],
        "properties": {
            "status": {"const": "ok"},
            "database": {"enum": ["none", "ready"]},
            "documents": {"type": "integer"},
            "writes": {"enum": ["token", "disabled", "read_only"]},
        },
    })
}

fn stories_schema() -> Value {
    page_of(json!({
        "type": "object",
        "required": ["id", "title", "start", "end", "documents", "outlets", "unknown_outlet", "corroborated", "single_source", "contested", "role_conflicts"],
        "properties": {
            "id": r("story_id"), "title": {"type": "string"},
            "start": r("nullable_date"), "end": r("nullable_date"),
            "documents": {"type": "integer"}, "outlets": r("strings"),
            "unknown_outlet": {"type": "integer"}, "corroborated": {"type": "integer"},
            "single_source": {"type": "integer"}, "contested": {"type": "integer"},
            "role_conflicts": {"type": "integer"},
        },
    }))
}

fn briefing_schema() -> Value {
    json!({
        "type": "object",
        "required": ["id", "title", "documents", "outlets", "timeline", "confirmed", "single_source", "contested", "role_conflicts", "quotes", "outlet_notes"],
        "properties": {
            "id": r("story_id"), "title": {"type": "string"},
            "start": r("nullable_date"), "end": r("nullable_date"),
            "documents": {"type": "array", "items": {"type": "object", "required": ["id", "short_id"], "properties": {
                "id": r("document_id"), "short_id": {"type": "string"}, "outlet": r("nullable_string"),
                "published": r("nullable_date"), "title": r("nullable_string"), "copy_of": r("nullable_string"),
            }}},
            "outlets": {"type": "array", "items": {"type": "object", "properties": {"name": r("nullable_string"), "document_ids": r("document_ids")}}},
            "timeline": {"type": "array", "items": r("episode")},
            "confirmed": {"type": "array", "items": r("story_claim")},
            "single_source": {"type": "array", "items": r("story_claim")},
            "contested": {"type": "array", "items": r("story_claim")},
            "role_conflicts": {"type": "array", "items": r("role_conflict")},
            "quotes": {"type": "array", "items": {"type": "object"}},
            "outlet_notes": {"type": "array", "items": r("outlet_signals")},
        },
    })
}

fn document_schema() -> Value {
    json!({"allOf": [r("document"), {"type": "object", "properties": {
        "analysis": {"type": "object"},
        "removed_lines": {"type": "array", "items": {"type": "object"}},
        "story": {"type": ["object", "null"], "properties": {"id": r("story_id"), "title": {"type": "string"}}},
        "copy_of": {"type": ["object", "null"]},
        "copies": {"type": "array", "items": {"type": "object"}},
    }}]})
}

fn search_schema() -> Value {
    json!({
        "type": "object",
        "required": ["items", "next", "total"],
        "properties": {
            "items": {"type": "array", "items": {"type": "object",
                "required": ["document_id", "score", "sentence", "start", "end", "highlights", "status"],
                "properties": {
                    "document_id": r("document_id"), "title": r("nullable_string"), "outlet": r("nullable_string"),
                    "author": r("nullable_string"), "published": r("nullable_date"), "language": r("nullable_string"),
                    "score": {"type": "number"}, "sentence": {"type": "string"},
                    "start": r("offset"), "end": r("offset"),
                    "highlights": {"type": "array", "items": {"type": "array", "items": r("offset"), "minItems": 2, "maxItems": 2}},
                    "status": {"enum": ["corroborated", "single_source", "contested", null]},
                }}},
            "next": nullable("string"),
            "total": {"type": "integer"},
        },
    })
}

fn check_schema() -> Value {
    json!({
        "type": "object",
        "required": ["claim", "documents_checked", "items"],
        "properties": {
            "claim": {"type": "string"}, "documents_checked": {"type": "integer"},
            "items": {"type": "array", "items": {"type": "object", "required": ["document_id", "stance", "score"], "properties": {
                "document_id": r("document_id"), "outlet": r("nullable_string"), "published": r("nullable_date"),
                "title": r("nullable_string"),
                "stance": {"enum": ["supports", "contradicts", "discusses", "unrelated"]},
                "score": {"type": "number"},
                "evidence": {"type": ["object", "null"], "properties": {"text": {"type": "string"}, "start": r("offset"), "end": r("offset")}},
            }}},
        },
    })
}

fn judged_schema() -> Value {
    json!({
        "type": "object",
        "required": ["id", "same", "score", "why"],
        "properties": {"id": {}, "same": {"type": "boolean"}, "score": {"type": "number", "minimum": 0, "maximum": 1}, "why": {"type": "string"}},
    })
}

fn judged_list_schema() -> Value {
    json!({"type": "array", "items": judged_schema()})
}

fn quotes_schema() -> Value {
    page_of(json!({
        "type": "object",
        "required": ["speaker", "kind", "text", "appearances"],
        "properties": {
            "speaker": r("nullable_string"), "speaker_entity_id": r("nullable_string"), "role": r("nullable_string"),
            "speaker_note": r("nullable_string"), "kind": {"enum": ["direct", "partial", "indirect"]},
            "text": {"type": "string"}, "cue": r("nullable_string"),
            "appearances": {"type": "array", "items": {"type": "object", "required": ["quote_id", "document_id", "start", "end"], "properties": {
                "quote_id": r("quote_id"), "document_id": r("document_id"), "start": r("offset"), "end": r("offset"),
                "outlet": r("nullable_string"), "published": r("nullable_date"), "text": {"type": "string"},
            }}},
        },
    }))
}

fn outlets_schema() -> Value {
    page_of(r("outlet_signals"))
}

fn entities_schema() -> Value {
    page_of(r("entity"))
}

fn claims_schema() -> Value {
    page_of(r("claim"))
}

fn accepted_schema() -> Value {
    json!({"type": "object", "required": ["id", "status_url"], "properties": {"id": {"type": "string"}, "status_url": {"type": "string"}}})
}

fn job_schema() -> Value {
    json!({
        "type": "object",
        "required": ["id", "state", "files", "done", "total"],
        "properties": {
            "id": {"type": "string"}, "state": {"enum": ["queued", "running", "done", "failed"]},
            "files": r("strings"), "done": {"type": "integer"}, "total": {"type": "integer"},
            "summary": {"type": ["object", "null"]}, "error": nullable("string"),
        },
    })
}

fn error_schema() -> Value {
    let codes: Vec<&str> = CODES.iter().map(|c| c.0).collect();
    let mut types: Vec<&str> = CODES.iter().map(|c| c.2).collect();
    types.sort_unstable();
    types.dedup();
    json!({
        "type": "object",
        "required": ["message", "code", "type"],
        "properties": {"message": {"type": "string"}, "code": {"enum": codes}, "type": {"enum": types}},
    })
}

/// The export schema's definitions, with their references pointed at the
/// OpenAPI document's components.
fn export_definitions() -> Map<String, Value> {
    const SCHEMA: &str = include_str!("../../../docs/export.schema.json");
    let text = SCHEMA.replace("#/$defs/", "#/components/schemas/");
    let v: Value = serde_json::from_str(&text).unwrap_or_default();
    v.get("$defs")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// The OpenAPI 3.1 document of the API.
pub fn openapi() -> Value {
    let mut paths = Map::new();
    for route in ROUTES {
        let params: Vec<Value> = route
            .params
            .iter()
            .map(|(name, at, required, t, what)| {
                json!({"name": name, "in": at, "required": required, "description": what, "schema": {"type": t}})
            })
            .collect();
        let mut responses = Map::new();
        let (status, description, content_type, schema) = route.ok;
        responses.insert(
            status.to_string(),
            json!({"description": description, "content": {content_type: {"schema": schema()}}}),
        );
        for code in route.errors.iter().chain(std::iter::once(&"internal")) {
            if let Some((_, status, _, when)) = CODES.iter().find(|c| c.0 == *code) {
                let entry = responses
                    .entry(status.to_string())
                    .or_insert_with(|| json!({"description": "", "content": {"application/json": {"schema": r("error")}}}));
                let d = entry["description"].as_str().unwrap_or("").to_string();
                let more = format!("`{code}`: {when}");
                entry["description"] = Value::String(if d.is_empty() {
                    more
                } else {
                    format!("{d}; {more}")
                });
            }
        }
        let mut op = json!({
            "operationId": format!("{:?}", route.endpoint),
            "summary": route.summary,
            "parameters": params,
            "responses": responses,
        });
        if route.endpoint == Endpoint::Ingest {
            op["requestBody"] = json!({"required": true, "content": {"multipart/form-data": {"schema": {
                "type": "object", "properties": {"file": {"type": "array", "items": {"type": "string", "format": "binary"}}},
            }}}});
        }
        if route.endpoint == Endpoint::ComparePairs {
            op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": {
                "type": "object", "required": ["pairs"], "properties": {"pairs": {"type": "array", "items": {
                    "type": "object", "required": ["id", "a", "b"], "properties": {"id": {}, "a": {"type": "string"}, "b": {"type": "string"}},
                }}},
            }}}});
        }
        if route.write {
            op["security"] = json!([{"bearer": []}]);
        }
        let entry = paths
            .entry(route.path.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        entry[route.method] = op;
    }
    let mut schemas = export_definitions();
    schemas.insert("error".into(), error_schema());
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "crosscheck",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "What independent outlets confirm, story by story. Every span is a byte offset into the document's clean `text`. Lists are {\"items\", \"next\"}; pass `next` as `cursor` for the following page (null at the end). Errors are {\"message\", \"code\", \"type\"}.",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    })
}
