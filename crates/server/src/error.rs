//! API errors: every failure is `{"message", "code", "type"}` with an HTTP
//! status, from one table ([`CODES`]) that the README and the OpenAPI
//! document list. Messages are for people and never hold SQL or a stack.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use crosscheck_store::StoreError;

/// (code, HTTP status, type, when).
pub const CODES: &[(&str, u16, &str, &str)] = &[
    (
        "bad_request",
        400,
        "invalid_request",
        "a parameter or body is missing or malformed",
    ),
    (
        "bad_query",
        400,
        "invalid_request",
        "the search query cannot be read; the message says where",
    ),
    (
        "bad_cursor",
        400,
        "invalid_request",
        "the cursor is not one a page gave",
    ),
    (
        "unauthorized",
        401,
        "authentication",
        "a write without a valid `Authorization: Bearer TOKEN`",
    ),
    (
        "read_only",
        403,
        "permission",
        "the server runs with --read-only",
    ),
    (
        "writes_disabled",
        403,
        "permission",
        "the server was started without --token-file: no write is accepted",
    ),
    (
        "not_found",
        404,
        "not_found",
        "no such story, document, job or route",
    ),
    (
        "method_not_allowed",
        405,
        "invalid_request",
        "the route does not take this method",
    ),
    (
        "ambiguous_id",
        409,
        "invalid_request",
        "an id prefix matches several stories or documents",
    ),
    (
        "payload_too_large",
        413,
        "invalid_request",
        "an upload is larger than the server accepts",
    ),
    (
        "no_database",
        503,
        "server",
        "no database yet: ingest something first",
    ),
    (
        "busy",
        503,
        "server",
        "the database is locked by a writer for longer than the wait",
    ),
    (
        "internal",
        500,
        "server",
        "anything else; the server log has the cause",
    ),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(code: &'static str, message: impl Into<String>) -> ApiError {
        debug_assert!(
            CODES.iter().any(|c| c.0 == code),
            "undocumented code {code}"
        );
        ApiError {
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new("bad_request", message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new("not_found", message)
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new("internal", message)
    }

    pub fn status(&self) -> StatusCode {
        let code = CODES.iter().find(|c| c.0 == self.code).map_or(500, |c| c.1);
        StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    pub fn kind(&self) -> &'static str {
        CODES
            .iter()
            .find(|c| c.0 == self.code)
            .map_or("server", |c| c.2)
    }

    pub fn body(&self) -> serde_json::Value {
        serde_json::json!({"message": self.message, "code": self.code, "type": self.kind()})
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status().is_server_error() {
            tracing::warn!(code = self.code, message = %self.message, "request failed");
        }
        (self.status(), Json(self.body())).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match &e {
            StoreError::AmbiguousId { .. } => ApiError::new("ambiguous_id", e.to_string()),
            _ if e.to_string().contains("locked") => ApiError::new("busy", e.to_string()),
            _ => ApiError::internal(e.to_string()),
        }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> Self {
        match e.downcast::<StoreError>() {
            Ok(s) => s.into(),
            Err(e) if e.to_string().starts_with("no database at") => {
                ApiError::new("no_database", "no database yet: ingest something first")
            }
            Err(e) => ApiError::internal(format!("{e:#}")),
        }
    }
}
