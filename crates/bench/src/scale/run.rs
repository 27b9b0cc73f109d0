//! The `bench-scale` run: for each size, generate the documents (or reuse
//! the ones generated before with the same seed), ingest them into a fresh
//! database with the `crosscheck` command, and measure the wall-clock time,
//! the peak memory of the process and the time of each stage.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};

use super::generate::{generate, Spec, Stats};
use super::pool;

pub struct Options {
    pub corpora: PathBuf,
    pub sizes: Vec<usize>,
    pub seed: u64,
    pub jobs: Option<usize>,
    /// The `crosscheck` binary (a release build).
    pub crosscheck: PathBuf,
    /// Generated documents and databases (large: about 4 KB and 15 KB per
    /// document).
    pub work: PathBuf,
    /// Where the report goes.
    pub out_dir: PathBuf,
    /// Keep the databases (the generated documents are always kept for
    /// reuse).
    pub keep: bool,
    /// After each size, ingest this many new documents (another seed) into
    /// its store and time that update (0: no update).
    pub update: usize,
    /// Instead: for each size N, a stream of this many more documents of
    /// the same stories, ingested in batches after the first N, then
    /// compared with a rebuild (0: no stream; see [`super::drift`]).
    pub stream: usize,
    /// Documents per batch of the stream.
    pub batch: usize,
}

/// The bar of the issue for an update: 100 new documents into a store of
/// 100,000 in under five seconds, end to end.
const UPDATE_BAR_SECONDS: f64 = 5.0;

/// Bars of the issue for one million documents.
const BAR_DOCS: usize = 1_000_000;
const BAR_SECONDS: f64 = 30.0 * 60.0;
const BAR_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// Documents per generated file.
const SHARD_DOCS: usize = 1000;

#[derive(Debug, Clone, serde::Serialize)]
pub(super) struct Measured {
    pub(super) docs: usize,
    generated: Stats,
    pub(super) wall_seconds: f64,
    pub(super) peak_rss_bytes: u64,
    db_bytes: u64,
    /// The ingest summary lines (`ingested …`, `stories: …`, `facts: …`).
    pub(super) summary: Vec<String>,
    /// (stage, seconds) as the command printed them.
    pub(super) stages: Vec<(String, f64)>,
    /// The update after it, if one was asked for.
    update: Option<Box<Measured>>,
}

pub fn run(opts: &Options) -> Result<String> {
    if !opts.crosscheck.is_file() {
        bail!(
            "no crosscheck binary at {} (build it first: cargo build --release -p crosscheck-cli)",
            opts.crosscheck.display()
        );
    }
    fs::create_dir_all(&opts.work)
        .with_context(|| format!("cannot create {}", opts.work.display()))?;
    fs::create_dir_all(&opts.out_dir)
        .with_context(|| format!("cannot create {}", opts.out_dir.display()))?;
    eprintln!("loading the pool from {} ...", opts.corpora.display());
    let pool = pool::load(&opts.corpora)?;
    if opts.stream > 0 {
        return super::drift::run(opts, &pool);
    }
    let paragraphs: usize = pool.iter().map(|a| a.paragraphs.len()).sum();
    let mut rows = Vec::new();
    for &docs in &opts.sizes {
        let dir = opts.work.join(format!("docs-{docs}-seed{}", opts.seed));
        let made = generated(&pool, docs, opts.seed, &dir)?;
        let update = if opts.update > 0 {
            let udir = opts
                .work
                .join(format!("docs-{}-seed{}", opts.update, opts.seed + 1000));
            Some((
                generated(&pool, opts.update, opts.seed + 1000, &udir)?,
                udir,
            ))
        } else {
            None
        };
        rows.push(measure(opts, docs, made, &dir, update)?);
        fs::write(
            opts.out_dir.join("summary.json"),
            serde_json::to_vec_pretty(&rows)?,
        )?;
    }
    let report = render(opts, pool.len(), paragraphs, &rows);
    fs::write(opts.out_dir.join("results.md"), &report)?;
    Ok(report)
}

/// The generated documents of this size and seed: made now, or reused when
/// a complete earlier run left them (its `.stats.json` is written last).
fn generated(pool: &[pool::Article], docs: usize, seed: u64, dir: &Path) -> Result<Stats> {
    generated_in(pool, docs, seed, SHARD_DOCS, dir)
}

/// [`generated`] in files of `shard_docs` documents.
pub(super) fn generated_in(
    pool: &[pool::Article],
    docs: usize,
    seed: u64,
    shard_docs: usize,
    dir: &Path,
) -> Result<Stats> {
    // Beside the folder, not in it: the folder is what gets ingested.
    let stats_path = dir.with_extension("stats.json");
    if let Ok(bytes) = fs::read(&stats_path) {
        if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes) {
            if v["docs"].as_u64() == Some(docs as u64) {
                eprintln!("reusing {}", dir.display());
                return serde_json::from_value(v).context("stats.json");
            }
        }
    }
    if dir.exists() {
        fs::remove_dir_all(dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    eprintln!("generating {docs} documents into {} ...", dir.display());
    let t = Instant::now();
    let spec = Spec {
        docs,
        seed,
        shard_docs,
    };
    let stats = generate(pool, &spec, dir)?;
    eprintln!("  {:.1} s", t.elapsed().as_secs_f64());
    fs::write(&stats_path, serde_json::to_vec_pretty(&stats)?)?;
    Ok(stats)
}

fn measure(
    opts: &Options,
    docs: usize,
    generated: Stats,
    dir: &Path,
    update: Option<(Stats, PathBuf)>,
) -> Result<Measured> {
    let db = opts.work.join(format!("scale-{docs}.db"));
    remove_db(&db);
    eprintln!("ingesting {docs} documents ...");
    let mut m = ingest(
        opts,
        &db,
        &[dir.to_path_buf()],
        &format!("{docs}"),
        docs,
        generated,
    )?;
    if let Some((stats, udir)) = update {
        eprintln!(
            "updating the store of {docs} with {} new documents ...",
            stats.docs
        );
        let u = ingest(
            opts,
            &db,
            &[udir],
            &format!("{docs}-update"),
            stats.docs,
            stats,
        )?;
        m.update = Some(Box::new(u));
    }
    if !opts.keep {
        remove_db(&db);
    }
    Ok(m)
}

/// Run `crosscheck ingest INPUTS...` into `db` and measure it.
pub(super) fn ingest(
    opts: &Options,
    db: &Path,
    inputs: &[PathBuf],
    tag: &str,
    docs: usize,
    generated: Stats,
) -> Result<Measured> {
    let stdout_path = opts.work.join(format!("ingest-{tag}.out"));
    let stderr_path = opts.work.join(format!("ingest-{tag}.err"));
    let mut cmd = Command::new(&opts.crosscheck);
    cmd.arg("--db")
        .arg(db)
        .arg("ingest")
        .args(inputs)
        .arg("--timings");
    if let Some(j) = opts.jobs {
        cmd.arg("--jobs").arg(j.to_string());
    }
    cmd.stdin(Stdio::null())
        .stdout(fs::File::create(&stdout_path)?)
        .stderr(fs::File::create(&stderr_path)?);
    let start = Instant::now();
    let child = cmd
        .spawn()
        .with_context(|| format!("cannot run {}", opts.crosscheck.display()))?;
    let (status, peak_rss_bytes) = wait_with_peak_rss(child.id())?;
    let wall_seconds = start.elapsed().as_secs_f64();
    let stdout = fs::read_to_string(&stdout_path).unwrap_or_default();
    let stderr = fs::read_to_string(&stderr_path).unwrap_or_default();
    // Exit 3 = some inputs failed; the rest was stored.
    if !matches!(status, 0 | 3) {
        bail!(
            "crosscheck ingest exited with {status}: {}",
            stderr.lines().last().unwrap_or("")
        );
    }
    let db_bytes = [db.to_path_buf(), wal(db)]
        .iter()
        .filter_map(|p| fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let summary = stdout
        .lines()
        .filter(|l| {
            ["ingested ", "stories: ", "facts: ", "corroborated again: "]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .map(str::to_string)
        .collect();
    let stages = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("time: "))
        .filter_map(|l| {
            let (stage, secs) = l.rsplit_once(": ")?;
            Some((stage.to_string(), secs.trim_end_matches(" s").parse().ok()?))
        })
        .collect();
    let m = Measured {
        docs,
        generated,
        wall_seconds,
        peak_rss_bytes,
        db_bytes,
        summary,
        stages,
        update: None,
    };
    eprintln!(
        "  {:.1} s, peak {} MB",
        m.wall_seconds,
        m.peak_rss_bytes / (1024 * 1024)
    );
    Ok(m)
}

fn wal(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push("-wal");
    PathBuf::from(s)
}

pub(super) fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut s = db.as_os_str().to_owned();
        s.push(suffix);
        let _ = fs::remove_file(PathBuf::from(s));
    }
}

/// Wait for the child and return its exit code and its peak resident set
/// size (`wait4`'s `ru_maxrss`, in KiB on Linux).
#[cfg(unix)]
fn wait_with_peak_rss(pid: u32) -> Result<(i32, u64)> {
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; the pid is our own
    // child, not yet reaped (std's `Child::wait` is never called on it).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = libc::pid_t::try_from(pid).context("pid out of range")?;
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if rc < 0 {
        bail!("wait4 failed: {}", std::io::Error::last_os_error());
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    Ok((code, u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024))
}

#[cfg(not(unix))]
fn wait_with_peak_rss(_pid: u32) -> Result<(i32, u64)> {
    bail!("bench-scale measures peak memory with wait4, which needs a Unix system")
}

fn mb(bytes: u64) -> String {
    format!("{:.0}", bytes as f64 / (1024.0 * 1024.0))
}

fn render(opts: &Options, articles: usize, paragraphs: usize, rows: &[Measured]) -> String {
    let mut out = format!(
        "Scale benchmark: ingest plus clustering and corroboration (`crosscheck ingest` on a fresh \
         database), documents generated from {paragraphs} paragraphs of {articles} articles of \
         the shared corpora (seed {}), {} cores.\n\n",
        opts.seed,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    out.push_str(
        "| documents | input MB | copies + rewrites | wall s | docs/s | peak memory MB | database MB | stories |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for m in rows {
        let stories = m
            .summary
            .iter()
            .find_map(|l| l.strip_prefix("stories: "))
            .and_then(|l| l.split(' ').next())
            .unwrap_or("?");
        out.push_str(&format!(
            "| {} | {} | {} | {:.0} | {:.0} | {} | {} | {} |\n",
            m.docs,
            mb(m.generated.bytes),
            m.generated.copies + m.generated.rewrites,
            m.wall_seconds,
            m.docs as f64 / m.wall_seconds.max(1e-9),
            mb(m.peak_rss_bytes),
            mb(m.db_bytes),
            stories
        ));
    }
    out.push_str("\nSeconds per stage:\n\n");
    let stages: Vec<&str> = rows
        .first()
        .map(|m| m.stages.iter().map(|(s, _)| s.as_str()).collect())
        .unwrap_or_default();
    out.push_str(&format!("| documents | {} |\n", stages.join(" | ")));
    out.push_str(&format!("|---:|{}\n", "---:|".repeat(stages.len())));
    for m in rows {
        let cells: Vec<String> = stages
            .iter()
            .map(|s| {
                m.stages
                    .iter()
                    .find(|(n, _)| n == s)
                    .map_or("?".into(), |(_, v)| format!("{v:.1}"))
            })
            .collect();
        out.push_str(&format!("| {} | {} |\n", m.docs, cells.join(" | ")));
    }
    out.push_str("\nHow time grows with N:\n\n");
    for pair in rows.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let n_ratio = b.docs as f64 / a.docs as f64;
        let t_ratio = b.wall_seconds / a.wall_seconds.max(1e-9);
        out.push_str(&format!(
            "- {} → {} documents (×{:.0}): time ×{:.1}, exponent {:.2} (1.00 = linear)\n",
            a.docs,
            b.docs,
            n_ratio,
            t_ratio,
            t_ratio.ln() / n_ratio.ln()
        ));
    }
    out.push('\n');
    match rows.iter().find(|m| m.docs == BAR_DOCS) {
        Some(m) => out.push_str(&format!(
            "Bar: {BAR_DOCS} documents in under 30 minutes and 4 GB: {:.1} min ({}), peak {} MB ({})\n",
            m.wall_seconds / 60.0,
            if m.wall_seconds < BAR_SECONDS { "met" } else { "not met" },
            mb(m.peak_rss_bytes),
            if m.peak_rss_bytes < BAR_BYTES { "met" } else { "not met" },
        )),
        None => out.push_str(&format!(
            "Bar: {BAR_DOCS} documents in under 30 minutes and 4 GB: not measured in this run \
             (add {BAR_DOCS} to --sizes)\n"
        )),
    }
    let updates: Vec<(&Measured, &Measured)> = rows
        .iter()
        .filter_map(|m| m.update.as_deref().map(|u| (m, u)))
        .collect();
    if !updates.is_empty() {
        out.push_str(
            "\nUpdates: new documents (another seed) ingested into the store just built:\n\n",
        );
        let stages: Vec<&str> = updates[0]
            .1
            .stages
            .iter()
            .map(|(s, _)| s.as_str())
            .collect();
        out.push_str(&format!(
            "| store | new | wall s | {} |\n|---:|---:|---:|{}\n",
            stages.join(" | "),
            "---:|".repeat(stages.len())
        ));
        for (m, u) in &updates {
            let cells: Vec<String> = stages
                .iter()
                .map(|s| {
                    u.stages
                        .iter()
                        .find(|(n, _)| n == s)
                        .map_or("?".into(), |(_, v)| format!("{v:.1}"))
                })
                .collect();
            out.push_str(&format!(
                "| {} | {} | {:.1} | {} |\n",
                m.docs,
                u.docs,
                u.wall_seconds,
                cells.join(" | ")
            ));
        }
        if let Some((_, u)) = updates
            .iter()
            .find(|(m, u)| m.docs == 100_000 && u.docs == 100)
        {
            out.push_str(&format!(
                "\nBar: 100 new documents into a store of 100000 in under {UPDATE_BAR_SECONDS:.0} s: {:.1} s ({})\n",
                u.wall_seconds,
                if u.wall_seconds < UPDATE_BAR_SECONDS { "met" } else { "not met" }
            ));
        }
    }
    for m in rows {
        out.push_str(&format!(
            "\n{} documents: {}\n",
            m.docs,
            m.summary.join("; ")
        ));
        if let Some(u) = &m.update {
            out.push_str(&format!(
                "  update of {}: {}\n",
                u.docs,
                u.summary.join("; ")
            ));
        }
    }
    out
}
