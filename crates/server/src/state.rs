//! What every handler shares: where the database is, who may write, the
//! ingest jobs; and running store work off the async threads.

use std::path::PathBuf;
use std::sync::Arc;

use crosscheck_store::{SqliteStore, Store};

use crate::auth::TokenHash;
use crate::error::ApiError;
use crate::jobs::Jobs;

#[derive(Clone)]
pub struct AppState(pub Arc<Shared>);

pub struct Shared {
    pub db: PathBuf,
    pub read_only: bool,
    pub token: Option<TokenHash>,
    pub jobs: Jobs,
}

impl AppState {
    pub fn new(db: PathBuf, read_only: bool, token: Option<TokenHash>) -> AppState {
        AppState(Arc::new(Shared {
            db,
            read_only,
            token,
            jobs: Jobs::default(),
        }))
    }

    /// Runs `f` on a blocking thread over the store opened read-only, in
    /// one read snapshot (a consistent view however many queries it makes).
    pub async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&SqliteStore) -> Result<T, ApiError> + Send + 'static,
    {
        let db = self.0.db.clone();
        tokio::task::spawn_blocking(move || {
            let store = crosscheck_engine::open::open_existing(&db)?.store;
            let mut f = Some(f);
            let mut result: Option<Result<T, ApiError>> = None;
            store.snapshot(&mut || {
                if let Some(f) = f.take() {
                    result = Some(f(&store));
                }
                Ok(())
            })?;
            result.unwrap_or_else(|| Err(ApiError::internal("the read did not run")))
        })
        .await
        .map_err(|e| ApiError::internal(format!("the read failed: {e}")))?
    }

    /// Runs `f` on a blocking thread without the store (the same-fact judge).
    pub async fn compute<T, F>(f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce() -> Result<T, ApiError> + Send + 'static,
    {
        tokio::task::spawn_blocking(f)
            .await
            .map_err(|e| ApiError::internal(format!("the work failed: {e}")))?
    }
}
