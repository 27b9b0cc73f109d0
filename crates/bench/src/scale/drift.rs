//! `bench-scale --stream M`: what incremental updates cost and how far their
//! stories drift from a rebuild.
//!
//! For each size N, N + M documents are generated with one seed (so the
//! last M continue the stories of the first N, as a news stream does),
//! in files of `--batch` documents. The first N are ingested at once; the
//! next M one file (one batch) at a time, each timed. The store is then
//! copied and the copy rebuilt (`crosscheck rebuild`, which clusters every
//! document again), and the stories of the two are compared: BCubed
//! precision, recall and F1 of the updated store's stories against the
//! rebuild's (the bar: F1 ≥ 0.98), and the documents whose copy
//! relation differs.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};

use super::pool;
use super::run::{generated_in, ingest, remove_db, Measured, Options};
use crate::stories_bench::score::score;

/// The bar: BCubed F1 of the updated stories against a rebuild.
pub const BAR_BCUBED: f64 = 0.98;

/// One size's stream.
struct Streamed {
    base: usize,
    batches: Vec<Measured>,
    rebuild_seconds: f64,
    documents: usize,
    stories: (usize, usize),
    bcubed: (f64, f64, f64),
    copies_differ: usize,
}

/// Each document's story and original, as stored.
fn partition(db: &Path) -> Result<(HashMap<String, String>, HashMap<String, String>)> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .with_context(|| format!("cannot open {}", db.display()))?;
    let pairs = |sql: &str| -> Result<HashMap<String, String>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    };
    Ok((
        pairs("SELECT document_id, story_id FROM story_documents")?,
        pairs("SELECT document_id, original_id FROM copies")?,
    ))
}

fn copy_db(from: &Path, to: &Path) -> Result<()> {
    remove_db(to);
    for suffix in ["", "-wal"] {
        let mut a = from.as_os_str().to_owned();
        a.push(suffix);
        let mut b = to.as_os_str().to_owned();
        b.push(suffix);
        let a = PathBuf::from(a);
        if a.exists() {
            fs::copy(&a, PathBuf::from(b))
                .with_context(|| format!("cannot copy {}", a.display()))?;
        }
    }
    Ok(())
}

fn rebuild(opts: &Options, db: &Path) -> Result<f64> {
    let start = Instant::now();
    let out = Command::new(&opts.crosscheck)
        .arg("--db")
        .arg(db)
        .arg("rebuild")
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run {}", opts.crosscheck.display()))?;
    if !out.status.success() {
        bail!(
            "crosscheck rebuild failed: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        );
    }
    Ok(start.elapsed().as_secs_f64())
}

fn stream(opts: &Options, pool: &[pool::Article], base: usize) -> Result<Streamed> {
    let batch = opts.batch.max(1);
    if base % batch != 0 || opts.stream % batch != 0 {
        bail!(
            "--batch {batch} must divide the size {base} and --stream {}",
            opts.stream
        );
    }
    let total = base + opts.stream;
    let dir = opts
        .work
        .join(format!("stream-{total}-by{batch}-seed{}", opts.seed));
    let made = generated_in(pool, total, opts.seed, batch, &dir)?;
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let first = base / batch;
    if files.len() != total / batch {
        bail!(
            "{}: {} files, {} expected",
            dir.display(),
            files.len(),
            total / batch
        );
    }
    let db = opts.work.join(format!("stream-{base}.db"));
    remove_db(&db);
    eprintln!("ingesting {base} documents ...");
    ingest(
        opts,
        &db,
        &files[..first],
        &format!("stream-{base}"),
        base,
        made,
    )?;
    let mut batches = Vec::new();
    for (k, f) in files[first..].iter().enumerate() {
        eprintln!("batch {} of {} ...", k + 1, files.len() - first);
        let tag = format!("stream-{base}-batch{k}");
        batches.push(ingest(
            opts,
            &db,
            std::slice::from_ref(f),
            &tag,
            batch,
            made,
        )?);
    }
    let rebuilt = opts.work.join(format!("stream-{base}-rebuilt.db"));
    copy_db(&db, &rebuilt)?;
    eprintln!("rebuilding a copy ...");
    let rebuild_seconds = rebuild(opts, &rebuilt)?;
    let (stories, copies) = partition(&db)?;
    let (stories_rebuilt, copies_rebuilt) = partition(&rebuilt)?;
    let mut ids: Vec<&String> = stories_rebuilt.keys().collect();
    ids.sort();
    let gold: Vec<&str> = ids.iter().map(|d| stories_rebuilt[*d].as_str()).collect();
    // A document the update left out of every story is a story of its own.
    let predicted: Vec<String> = ids
        .iter()
        .map(|d| {
            stories
                .get(*d)
                .cloned()
                .unwrap_or_else(|| format!("alone {d}"))
        })
        .collect();
    let s = score(&gold, &predicted);
    let copies_differ = ids
        .iter()
        .filter(|d| copies.get(**d) != copies_rebuilt.get(**d))
        .count();
    let count = |m: &HashMap<String, String>| {
        let mut v: Vec<&String> = m.values().collect();
        v.sort();
        v.dedup();
        v.len()
    };
    if !opts.keep {
        remove_db(&db);
        remove_db(&rebuilt);
    }
    Ok(Streamed {
        base,
        batches,
        rebuild_seconds,
        documents: ids.len(),
        stories: (count(&stories), count(&stories_rebuilt)),
        bcubed: (s.bcubed_precision, s.bcubed_recall, s.bcubed_f1),
        copies_differ,
    })
}

fn stage(m: &Measured, name: &str) -> f64 {
    m.stages
        .iter()
        .find(|(s, _)| s == name)
        .map_or(0.0, |(_, v)| *v)
}

pub fn run(opts: &Options, pool: &[pool::Article]) -> Result<String> {
    let mut rows = Vec::new();
    for &base in &opts.sizes {
        rows.push(stream(opts, pool, base)?);
    }
    let mut out = format!(
        "Stream benchmark: a store of N generated documents (seed {}), then {} more of the same \
         stream in batches of {}, each ingested by `crosscheck ingest`; then the stories of the \
         updated store against a rebuild of a copy ({} cores).\n\n",
        opts.seed,
        opts.stream,
        opts.batch,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    );
    out.push_str(
        "| store | batches | mean s | max s | link s | cluster s | corroborate s | rebuild s \
         | stories (updated / rebuilt) | BCubed P | BCubed R | BCubed F1 | copies differ |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in &rows {
        let n = r.batches.len().max(1) as f64;
        let mean = |f: &dyn Fn(&Measured) -> f64| r.batches.iter().map(f).sum::<f64>() / n;
        let max = r.batches.iter().map(|m| m.wall_seconds).fold(0.0, f64::max);
        out.push_str(&format!(
            "| {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.1} | {} / {} | {:.4} | {:.4} | {:.4} | {} of {} |\n",
            r.base,
            r.batches.len(),
            mean(&|m| m.wall_seconds),
            max,
            mean(&|m| stage(m, "link")),
            mean(&|m| stage(m, "cluster")),
            mean(&|m| stage(m, "corroborate")),
            r.rebuild_seconds,
            r.stories.0,
            r.stories.1,
            r.bcubed.0,
            r.bcubed.1,
            r.bcubed.2,
            r.copies_differ,
            r.documents,
        ));
    }
    for r in &rows {
        out.push_str(&format!(
            "\nBar: stories of the updated store of {} against the rebuild, BCubed F1 ≥ {BAR_BCUBED}: {:.4} ({})\n",
            r.base,
            r.bcubed.2,
            if r.bcubed.2 >= BAR_BCUBED { "met" } else { "not met" }
        ));
        if let Some(last) = r.batches.last() {
            out.push_str(&format!("  last batch: {}\n", last.summary.join("; ")));
        }
    }
    fs::create_dir_all(&opts.out_dir)?;
    fs::write(opts.out_dir.join("stream.md"), &out)?;
    Ok(out)
}
