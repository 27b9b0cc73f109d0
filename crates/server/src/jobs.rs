//! Ingest jobs: an upload is stored in a temporary folder, answered at
//! once with `202 Accepted` and a job id, and ingested on a blocking
//! thread, one ingest at a time (the store takes one writer); the job's
//! state, progress and summary are read at `/api/v1/jobs/{id}`. Jobs live
//! as long as the server.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crosscheck_engine::pipeline::{ingest, IngestRequest};
use crosscheck_engine::Interrupt;
use crosscheck_ingest::Limits;
use crosscheck_store::SqliteStore;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Queued,
    Running,
    Done,
    Failed,
}

#[derive(Debug, Clone, Serialize)]
pub struct Job {
    pub id: String,
    pub state: JobState,
    /// The files uploaded.
    pub files: Vec<String>,
    /// Inputs read so far, of how many (after the job starts).
    pub done: usize,
    pub total: usize,
    /// The ingest's summary (as `crosscheck ingest --format json`), when done.
    pub summary: Option<serde_json::Value>,
    /// Why it failed.
    pub error: Option<String>,
}

#[derive(Default, Clone)]
pub struct Jobs {
    next: Arc<AtomicU64>,
    all: Arc<Mutex<BTreeMap<String, Job>>>,
    /// Held while an ingest writes: one at a time.
    writer: Arc<Mutex<()>>,
    /// Set when the server shuts down: a running ingest stops cleanly.
    pub interrupt: Interrupt,
}

impl Jobs {
    pub fn get(&self, id: &str) -> Option<Job> {
        self.all.lock().ok()?.get(id).cloned()
    }

    fn update(&self, id: &str, f: impl FnOnce(&mut Job)) {
        if let Ok(mut all) = self.all.lock() {
            if let Some(j) = all.get_mut(id) {
                f(j);
            }
        }
    }

    /// Queues the ingest of `folder` (whose files are `files`) into the
    /// database at `db`, and returns the job id at once.
    pub fn start(&self, db: PathBuf, folder: tempfile::TempDir, files: Vec<String>) -> String {
        let n = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let id = format!("j{n}");
        if let Ok(mut all) = self.all.lock() {
            all.insert(
                id.clone(),
                Job {
                    id: id.clone(),
                    state: JobState::Queued,
                    files,
                    done: 0,
                    total: 0,
                    summary: None,
                    error: None,
                },
            );
        }
        let jobs = self.clone();
        let job = id.clone();
        tokio::task::spawn_blocking(move || {
            let _writer = jobs.writer.lock();
            jobs.update(&job, |j| j.state = JobState::Running);
            let result = run(&jobs, &job, &db, folder.path().to_path_buf());
            jobs.update(&job, |j| match result {
                Ok(summary) => {
                    j.state = JobState::Done;
                    j.summary = Some(summary);
                }
                Err(e) => {
                    j.state = JobState::Failed;
                    j.error = Some(format!("{e:#}"));
                }
            });
            drop(folder);
        });
        id
    }
}

fn run(
    jobs: &Jobs,
    job: &str,
    db: &std::path::Path,
    folder: PathBuf,
) -> anyhow::Result<serde_json::Value> {
    let mut store = SqliteStore::open(db)?;
    let req = IngestRequest {
        paths: vec![folder],
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        limits: Limits::default(),
        interrupt: jobs.interrupt.clone(),
        follow_links: false,
    };
    let summary = ingest(&mut store, &req, &mut |done, total| {
        jobs.update(job, |j| {
            j.done = done;
            j.total = total;
        })
    })?;
    Ok(summary.to_json())
}
