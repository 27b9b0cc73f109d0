//! `crosscheck serve`: the HTTP API under `/api/v1` and the web interface
//! a newsroom reads in a browser, both thin over the engine. Only this
//! crate knows HTTP. Pages are rendered on the server (maud templates,
//! every piece of article text escaped), work without JavaScript and load
//! nothing from elsewhere: a Content-Security-Policy forbids scripts,
//! inline styles and outside requests, and the one style sheet is in the
//! binary.

pub mod api;
pub mod auth;
pub mod csv;
pub mod error;
pub mod jobs;
pub mod pages;
pub mod routes;
pub mod state;

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result};
use axum::http::{header, HeaderValue, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;

pub use state::AppState;

/// The policy every response carries: nothing but this server's own
/// style sheet, images and forms; no script at all.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    pub addr: SocketAddr,
    pub read_only: bool,
    /// The file holding the write token's hash (made, with a new token, when
    /// absent).
    pub token_file: Option<PathBuf>,
}

async fn security_headers(req: Request<axum::body::Body>, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// The whole application: API, pages, the style sheet, and the 404s.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(routes::api_router())
        .route("/api", axum::routing::any(api::not_found))
        .route("/api/{*rest}", axum::routing::any(api::not_found))
        .merge(pages::router())
        .fallback(pages::not_found)
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// Runs the server until Ctrl-C or SIGTERM; a running ingest then stops
/// cleanly (its transaction rolls back, what it stored stays staged).
pub async fn serve(config: Config) -> Result<()> {
    let token = match &config.token_file {
        None => None,
        Some(path) => {
            let (hash, new) = auth::load_or_create(path)?;
            if let Some(token) = new {
                eprintln!(
                    "new write token (shown once; {} holds only its hash):\n{token}",
                    path.display()
                );
            }
            Some(hash)
        }
    };
    let state = AppState::new(config.db.clone(), config.read_only, token);
    let interrupt = state.0.jobs.interrupt.clone();
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    let local = listener.local_addr()?;
    eprintln!(
        "crosscheck: serving {} on http://{local}/ (Ctrl-C stops)",
        config.db.display()
    );
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            interrupt.set();
        })
        .await
        .context("the server stopped")?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

pub use tokio::runtime::Runtime;

/// The runtime `serve` runs on: worker threads for connections, and the
/// blocking pool the store work goes to.
pub fn runtime() -> std::io::Result<Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("crosscheck-server")
        .build()
}

/// Serves `state` on an already bound listener from a thread of its own,
/// until the process ends (tests and benchmarks: a port of their choosing,
/// no signal handling).
pub fn spawn_on(
    listener: std::net::TcpListener,
    state: AppState,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    listener.set_nonblocking(true)?;
    let rt = runtime()?;
    Ok(std::thread::spawn(move || {
        rt.block_on(async move {
            match tokio::net::TcpListener::from_std(listener) {
                Ok(l) => {
                    if let Err(e) = axum::serve(l, app(state)).await {
                        tracing::warn!(error = %e, "the server stopped");
                    }
                }
                Err(e) => tracing::warn!(error = %e, "cannot serve on the listener"),
            }
        });
    }))
}
