//! `bench-serve`: how fast the web interface and the API answer on a large
//! store. The server runs in this process on a loopback port, over a copy
//! of a store made by `gen-corpus` and `crosscheck ingest`; one client
//! times the pages a reader opens (the stories list, story pages, document
//! pages with a highlighted sentence, searches), with the same read models
//! called directly beside them (the baseline: what HTTP and rendering add).
//! Then several readers hit the API at once, first alone and then while an
//! upload is ingested (every ingest recomputes links, stories and findings
//! of the whole store in one write transaction, which readers must not wait
//! for).
//!
//! ```text
//! cargo run --release -p crosscheck-bench --bin gen-corpus -- --docs 100000 --out target/bench/serve/gen100k
//! cargo run --release -p crosscheck-cli -- --db target/bench/serve/100k.db ingest target/bench/serve/gen100k
//! cargo run --release -p crosscheck-bench --bin bench-serve -- [OPTIONS]
//! ```
//!
//! Options:
//! - `--db PATH`       the store (default `target/bench/serve/100k.db`); it is copied, never written
//! - `--samples N`     requests per kind of page (default 200)
//! - `--readers N`     concurrent API readers (default 4)
//! - `--seconds S`     length of each concurrent phase (default 10)
//! - `--upload N`      documents generated and uploaded in the write phase (default 1000)
//! - `--corpora DIR`   the shared corpora, for the upload (default `../shared/corpora`)
//!
//! When the store is absent the program says how to make it and exits 0.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use crosscheck_bench::cli;
use crosscheck_bench::extract_bench::project_root;
use crosscheck_bench::scale::generate::{generate, Spec};
use crosscheck_bench::scale::pool;
use crosscheck_store::Store;

const USAGE: &str = "usage: bench-serve [--db PATH] [--samples N] [--readers N] [--seconds S] [--upload N] [--corpora DIR]";
const TOKEN: &str = "cx_bench";

struct Opts {
    db: PathBuf,
    samples: usize,
    readers: usize,
    seconds: u64,
    upload: usize,
    corpora: PathBuf,
}

/// xorshift64*: a fixed, seedable sequence, so every run asks for the same
/// pages.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

/// Latencies of one kind of request, in milliseconds.
#[derive(Default)]
struct Timings(Vec<f64>);

impl Timings {
    fn add(&mut self, d: Duration) {
        self.0.push(d.as_secs_f64() * 1000.0);
    }

    fn quantile(&self, q: f64) -> f64 {
        let mut v = self.0.clone();
        v.sort_by(f64::total_cmp);
        if v.is_empty() {
            return f64::NAN;
        }
        v[((v.len() as f64 - 1.0) * q).round() as usize]
    }

    fn row(&self, what: &str, bar: Option<f64>) -> String {
        let p95 = self.quantile(0.95);
        let verdict = match bar {
            Some(b) if p95 < b => format!("p95 < {b} ms: met"),
            Some(b) => format!("p95 < {b} ms: **not met**"),
            None => String::new(),
        };
        format!(
            "| {what} | {} | {:.1} | {:.1} | {:.1} | {verdict} |\n",
            self.0.len(),
            self.quantile(0.5),
            p95,
            self.quantile(1.0)
        )
    }
}

/// What the benchmark asks for: story ids (random, and the largest),
/// document ids with a claim span to highlight, and two-word queries.
struct Sample {
    stories: Vec<String>,
    largest: String,
    documents: Vec<(String, Option<(usize, usize)>)>,
    queries: Vec<String>,
    total_docs: usize,
    total_stories: usize,
}

fn sample(db: &Path, n: usize) -> Result<Sample> {
    let store = crosscheck_engine::open::open_existing(db)?.store;
    let stories = store.stories()?;
    if stories.is_empty() {
        bail!("{} has no stories", db.display());
    }
    let mut rng = Rng(0x5eed);
    let ids: Vec<String> = stories.iter().map(|s| s.id.clone()).collect();
    let largest = stories
        .iter()
        .max_by_key(|s| s.documents.len())
        .map(|s| s.id.clone())
        .unwrap_or_default();
    let docs = store.list_documents()?;
    let mut documents = Vec::new();
    let mut queries = Vec::new();
    for _ in 0..n {
        let d = rng.pick(&docs);
        let span = store.get_analysis(&d.id)?.and_then(|a| {
            a.analysis
                .claims
                .first()
                .map(|c| (c.span.start, c.span.end))
        });
        documents.push((d.id.clone(), span));
        let words: Vec<String> = d
            .title
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| w.len() > 3)
            .collect();
        if words.len() >= 2 {
            let a = rng.pick(&words).clone();
            let b = rng.pick(&words).clone();
            queries.push(format!("{a} {b}"));
        } else if let Some(w) = words.first() {
            queries.push(w.clone());
        }
    }
    Ok(Sample {
        stories: (0..n).map(|_| rng.pick(&ids).clone()).collect(),
        largest,
        documents,
        queries,
        total_docs: docs.len(),
        total_stories: stories.len(),
    })
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Starts the server over `db` on a loopback port; its base URL.
fn start_server(db: PathBuf) -> Result<String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let state = crosscheck_server::AppState::new(
        db,
        false,
        Some(crosscheck_server::auth::TokenHash::of(TOKEN)),
    );
    crosscheck_server::spawn_on(listener, state)?;
    Ok(format!("http://{addr}"))
}

fn timed_get(agent: &ureq::Agent, url: &str) -> Result<Duration> {
    let t = Instant::now();
    let resp = agent
        .get(url)
        .call()
        .with_context(|| format!("GET {url}"))?;
    let _ = resp.into_string()?;
    Ok(t.elapsed())
}

/// API readers for `seconds`: requests done, errors, and their latencies.
fn readers(
    base: &str,
    s: &Sample,
    n: usize,
    seconds: u64,
    stop_early: Option<&AtomicBool>,
) -> (usize, usize, Timings, f64) {
    let done = AtomicUsize::new(0);
    let errors = AtomicUsize::new(0);
    let all = Mutex::new(Timings::default());
    let t0 = Instant::now();
    std::thread::scope(|scope| {
        for r in 0..n {
            let (done, errors, all) = (&done, &errors, &all);
            scope.spawn(move || {
                let agent = ureq::AgentBuilder::new()
                    .timeout(Duration::from_secs(120))
                    .build();
                let mut rng = Rng(0x1234 + r as u64);
                let mut mine = Timings::default();
                while t0.elapsed() < Duration::from_secs(seconds)
                    && !stop_early.is_some_and(|f| f.load(Ordering::Relaxed))
                {
                    let url = match rng.next() % 3 {
                        0 => format!("{base}/api/v1/stories/{}", rng.pick(&s.stories)),
                        1 => format!("{base}/api/v1/documents/{}", rng.pick(&s.documents).0),
                        _ => {
                            let q: &String = rng.pick(&s.queries);
                            format!("{base}/api/v1/search?q={}", encode(q))
                        }
                    };
                    match timed_get(&agent, &url) {
                        Ok(d) => {
                            mine.add(d);
                            done.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(_) => {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
                all.lock().unwrap().0.extend(mine.0);
            });
        }
    });
    let secs = t0.elapsed().as_secs_f64();
    (
        done.into_inner(),
        errors.into_inner(),
        all.into_inner().unwrap(),
        secs,
    )
}

fn upload_body(dir: &Path) -> Result<(String, Vec<u8>)> {
    let boundary = "XBENCHBOUNDARY";
    let mut body = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    for f in files {
        let name = f
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("upload.jsonl")
            .to_string();
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(&std::fs::read(&f)?);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Ok((format!("multipart/form-data; boundary={boundary}"), body))
}

fn run(o: &Opts) -> Result<String> {
    let work = project_root().join("target/bench/serve/work");
    std::fs::create_dir_all(&work)?;
    let db = work.join("copy.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    std::fs::copy(&o.db, &db).with_context(|| format!("copying {}", o.db.display()))?;
    eprintln!("sampling the store ...");
    let s = sample(&db, o.samples)?;
    let base = start_server(db.clone())?;
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(120))
        .build();
    // Warm the page cache and the server's first requests.
    for _ in 0..3 {
        timed_get(&agent, &format!("{base}/stories"))?;
    }
    eprintln!("timing pages ...");
    let mut list = Timings::default();
    let mut story = Timings::default();
    let mut document = Timings::default();
    let mut search = Timings::default();
    let mut largest = Timings::default();
    for i in 0..o.samples {
        list.add(timed_get(&agent, &format!("{base}/stories"))?);
        story.add(timed_get(
            &agent,
            &format!("{base}/stories/{}", s.stories[i]),
        )?);
        let (id, span) = &s.documents[i];
        let url = match span {
            Some((a, b)) => format!("{base}/documents/{id}?start={a}&end={b}"),
            None => format!("{base}/documents/{id}"),
        };
        document.add(timed_get(&agent, &url)?);
        if let Some(q) = s.queries.get(i) {
            search.add(timed_get(
                &agent,
                &format!("{base}/search?q={}", encode(q)),
            )?);
        }
        if i < 10 {
            largest.add(timed_get(&agent, &format!("{base}/stories/{}", s.largest))?);
        }
    }
    eprintln!("timing the read models directly ...");
    let store = crosscheck_engine::open::open_existing(&db)?.store;
    let all_stories = store.stories()?;
    let mut direct_story = Timings::default();
    let mut direct_document = Timings::default();
    let mut direct_search = Timings::default();
    for i in 0..o.samples {
        let t = Instant::now();
        if let Some(st) = all_stories.iter().find(|x| x.id == s.stories[i]) {
            crosscheck_engine::briefing::gather(&store, st)?;
        }
        direct_story.add(t.elapsed());
        let t = Instant::now();
        crosscheck_engine::documents::document(&store, &s.documents[i].0)?;
        direct_document.add(t.elapsed());
        if let Some(q) = s.queries.get(i) {
            let t = Instant::now();
            let _ = crosscheck_engine::search::search(&store, q, None, 20);
            direct_search.add(t.elapsed());
        }
    }
    drop(store);

    eprintln!("{} readers alone for {} s ...", o.readers, o.seconds);
    let (alone, alone_err, alone_t, alone_s) = readers(&base, &s, o.readers, o.seconds, None);

    eprintln!("generating {} documents to upload ...", o.upload);
    let upload_dir = work.join("upload");
    let _ = std::fs::remove_dir_all(&upload_dir);
    let articles = pool::load(&o.corpora)?;
    generate(
        &articles,
        &Spec {
            docs: o.upload,
            seed: 7,
            shard_docs: 500,
        },
        &upload_dir,
    )?;
    let (content_type, body) = upload_body(&upload_dir)?;
    let t_upload = Instant::now();
    let resp = agent
        .post(&format!("{base}/api/v1/ingest"))
        .set("Authorization", &format!("Bearer {TOKEN}"))
        .set("Content-Type", &content_type)
        .send_bytes(&body)
        .context("uploading")?;
    let job: serde_json::Value = resp.into_json()?;
    let status_url = format!("{base}{}", job["status_url"].as_str().unwrap_or(""));
    let ingest_done = Arc::new(AtomicBool::new(false));
    let watcher = {
        let flag = Arc::clone(&ingest_done);
        let agent = agent.clone();
        std::thread::spawn(move || -> Result<(String, f64)> {
            loop {
                let v: serde_json::Value = agent.get(&status_url).call()?.into_json()?;
                let state = v["state"].as_str().unwrap_or("").to_string();
                if state == "done" || state == "failed" {
                    flag.store(true, Ordering::Relaxed);
                    return Ok((state, t_upload.elapsed().as_secs_f64()));
                }
                std::thread::sleep(Duration::from_millis(250));
            }
        })
    };
    eprintln!("{} readers while the upload is ingested ...", o.readers);
    let (during, during_err, during_t, during_s) =
        readers(&base, &s, o.readers, 600, Some(&ingest_done));
    let (state, ingest_secs) = watcher.join().map_err(|_| anyhow::anyhow!("watcher"))??;

    let mut r = String::new();
    r.push_str(&format!(
        "Store: {} documents, {} stories (a copy of {}). One client, {} requests per kind; the read model called directly in the same process as the baseline.\n\n",
        s.total_docs,
        s.total_stories,
        o.db.display(),
        o.samples
    ));
    r.push_str("| request | n | p50 ms | p95 ms | max ms | bar |\n|---|---|---|---|---|---|\n");
    r.push_str(&list.row("page `/stories` (the list, first page)", None));
    r.push_str(&story.row("page `/stories/{id}` (random stories)", Some(200.0)));
    r.push_str(&largest.row("page `/stories/{id}` (the largest story)", None));
    r.push_str(&document.row(
        "page `/documents/{id}?start=&end=` (random documents)",
        Some(200.0),
    ));
    r.push_str(&search.row("page `/search?q=` (two title words)", Some(200.0)));
    r.push_str(&direct_story.row("baseline: `briefing::gather` directly", None));
    r.push_str(&direct_document.row("baseline: `documents::document` directly", None));
    r.push_str(&direct_search.row("baseline: `search::search` directly", None));
    r.push_str(&format!(
        "\n| API readers ({} threads: story, document, search JSON at random) | requests | errors | requests/s | p95 ms |\n|---|---|---|---|---|\n",
        o.readers
    ));
    r.push_str(&format!(
        "| alone, {alone_s:.0} s | {alone} | {alone_err} | {:.1} | {:.1} |\n",
        alone as f64 / alone_s,
        alone_t.quantile(0.95)
    ));
    r.push_str(&format!(
        "| while {} uploaded documents are ingested ({during_s:.0} s) | {during} | {during_err} | {:.1} | {:.1} |\n",
        o.upload,
        during as f64 / during_s,
        during_t.quantile(0.95)
    ));
    r.push_str(&format!(
        "\nThe upload's ingest job ended `{state}` after {ingest_secs:.0} s.\n"
    ));
    Ok(r)
}

fn main() -> ExitCode {
    cli::warn_if_debug_build();
    let root = project_root();
    let mut o = Opts {
        db: root.join("target/bench/serve/100k.db"),
        samples: 200,
        readers: 4,
        seconds: 10,
        upload: 1000,
        corpora: cli::shared_corpora(&root),
    };
    let parsed = cli::parse_flags(USAGE, |name, value| {
        match name {
            "--db" => o.db = value.path()?,
            "--samples" => o.samples = value.number()?,
            "--readers" => o.readers = value.number()?,
            "--seconds" => o.seconds = value.number()?,
            "--upload" => o.upload = value.number()?,
            "--corpora" => o.corpora = value.path()?,
            _ => return Ok(false),
        }
        Ok(true)
    });
    if let Err(e) = parsed {
        eprintln!("bench-serve: {e}");
        return ExitCode::from(2);
    }
    if !o.db.exists() {
        println!(
            "bench-serve: skipped: no store at {} (make one with gen-corpus and crosscheck ingest, as this program's doc says)",
            o.db.display()
        );
        return ExitCode::SUCCESS;
    }
    if o.samples == 0 || o.readers == 0 {
        eprintln!("bench-serve: --samples and --readers must be at least 1");
        return ExitCode::from(2);
    }
    match run(&o) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bench-serve: {e:#}");
            ExitCode::FAILURE
        }
    }
}
