//! `bench-collect`: crosscheck's readers of web archives and feeds on the
//! shared fixtures (`../shared/corpora/feeds-warc`), side by side with the
//! Python peers most used for them, warcio and feedparser, on the same
//! files in the same run: what each accounts for (records, page responses,
//! failures; feeds parsed, linked and dated items) and how fast (fastest of
//! N passes over all files).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use crosscheck_ingest::{open_input, parse_feed, FileKind, InputFile, Item, Limits};

pub const WARCIO_VERSION: &str = "1.7.4";
pub const FEEDPARSER_VERSION: &str = "6.0.11";

pub struct Options {
    /// `feeds-warc` of the shared corpora.
    pub corpus: PathBuf,
    pub passes: usize,
    /// The Python environment of the peers.
    pub venv: PathBuf,
    pub out_dir: PathBuf,
}

/// What crosscheck's reader made of one archive.
#[derive(Default)]
struct WarcCount {
    records: usize,
    docs: usize,
    skipped: usize,
    failed: Vec<String>,
}

fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("LICENSE"))
        })
        .collect();
    out.sort();
    if out.is_empty() {
        anyhow::bail!("no files under {}", dir.display());
    }
    Ok(out)
}

fn read_warc(path: &Path) -> WarcCount {
    let file = InputFile {
        path: path.to_path_buf(),
        display: path.display().to_string(),
        kind: FileKind::Warc,
        gzip: true,
    };
    let mut c = WarcCount::default();
    for item in open_input(&file, &Limits::default()) {
        c.records += 1;
        match item {
            Item::Doc(_) => c.docs += 1,
            Item::Skipped(_) => c.skipped += 1,
            Item::Failed(f) => c.failed.push(f.reason),
        }
    }
    c
}

/// (parsed, linked items, dated items) of one feed.
fn read_feed(path: &Path) -> (bool, usize, usize) {
    let Ok(bytes) = std::fs::read(path) else {
        return (false, 0, 0);
    };
    match parse_feed(&bytes, Some("https://feeds.example/feed")) {
        Ok(f) => (
            true,
            f.items.len(),
            f.items.iter().filter(|i| i.published.is_some()).count(),
        ),
        Err(_) => (false, 0, 0),
    }
}

/// The fastest of `passes` runs of `f`, with its result.
fn fastest<T>(passes: usize, mut f: impl FnMut() -> T) -> (T, f64) {
    let mut best: Option<(T, f64)> = None;
    for _ in 0..passes.max(1) {
        let t = Instant::now();
        let out = f();
        let secs = t.elapsed().as_secs_f64();
        if best.as_ref().is_none_or(|(_, b)| secs < *b) {
            best = Some((out, secs));
        }
    }
    best.expect("at least one pass")
}

pub fn report(opts: &Options) -> Result<String> {
    let warcs = files(&opts.corpus.join("warc"))?;
    let feeds = files(&opts.corpus.join("feeds"))?;
    let warc_bytes: u64 = warcs
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let (ours_warc, warc_secs) = fastest(opts.passes, || {
        warcs.iter().map(|p| read_warc(p)).collect::<Vec<_>>()
    });
    let (ours_feeds, feed_secs) = fastest(opts.passes, || {
        feeds.iter().map(|p| read_feed(p)).collect::<Vec<_>>()
    });

    std::fs::create_dir_all(&opts.out_dir)?;
    let peers = run_peers(opts, &warcs, &feeds);

    let mut out = format!(
        "bench-collect: {} web archives ({:.1} MB compressed) and {} feeds of ../shared/corpora/feeds-warc, \
         fastest of {} passes over all files, one core.\n\n",
        warcs.len(),
        warc_bytes as f64 / 1e6,
        feeds.len(),
        opts.passes
    );
    out.push_str("| archive | records (crosscheck) | page documents | skipped | failed (with offset) | warcio records | warcio page responses | warcio |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (p, c) in warcs.iter().zip(&ours_warc) {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let key = p.display().to_string();
        let (wr, wd, we) = match &peers {
            Ok(v) => {
                let r = &v["warc"][&key];
                (
                    r["records"].to_string(),
                    r["docs"].to_string(),
                    r["error"]
                        .as_str()
                        .map_or("read to the end".to_string(), |e| format!("stopped: {e}")),
                )
            }
            Err(_) => ("-".into(), "-".into(), "-".into()),
        };
        out.push_str(&format!(
            "| {name} | {} | {} | {} | {} | {wr} | {wd} | {we} |\n",
            c.records,
            c.docs,
            c.skipped,
            c.failed.len()
        ));
    }
    let parsed = ours_feeds.iter().filter(|f| f.0).count();
    let items: usize = ours_feeds.iter().map(|f| f.1).sum();
    let dated: usize = ours_feeds.iter().map(|f| f.2).sum();
    out.push_str("\n| system | feeds parsed | linked items | dated items | archives s | feeds s | archive MB/s |\n|---|---:|---:|---:|---:|---:|---:|\n");
    out.push_str(&format!(
        "| crosscheck | {parsed} of {} | {items} | {dated} | {warc_secs:.3} | {feed_secs:.3} | {:.1} |\n",
        feeds.len(),
        warc_bytes as f64 / 1e6 / warc_secs.max(1e-9)
    ));
    match &peers {
        Ok(v) => {
            let fp = &v["feeds"];
            let (mut p, mut i, mut d) = (0, 0, 0);
            for f in &feeds {
                let r = &fp[f.display().to_string()];
                p += usize::from(r["ok"].as_bool().unwrap_or(false));
                i += r["items"].as_u64().unwrap_or(0) as usize;
                d += r["dated"].as_u64().unwrap_or(0) as usize;
            }
            let ws = v["_seconds"]["warc"].as_f64().unwrap_or(f64::NAN);
            let fs = v["_seconds"]["feeds"].as_f64().unwrap_or(f64::NAN);
            out.push_str(&format!(
                "| warcio {WARCIO_VERSION} + feedparser {FEEDPARSER_VERSION} (Python) | {p} of {} | {i} | {d} | {ws:.3} | {fs:.3} | {:.1} |\n",
                feeds.len(),
                warc_bytes as f64 / 1e6 / ws.max(1e-9)
            ));
        }
        Err(e) => out.push_str(&format!("\nPython peers not run: {e}\n")),
    }
    out.push_str(
        "\n- records (crosscheck): every record accounted for: a document, a counted skip or a failure named by its offset\n\
         - page documents: `response` records with a 2xx HTML payload; warcio's column counts the same (status 2xx, HTML media type)\n\
         - a damaged record: crosscheck fails it, named by its offset, and reads on; warcio's column says whether it read to the end (on the clipped archive it returns the cut payload as a whole response, without an error)\n\
         - linked items: items whose link is an absolute http(s) address (crosscheck resolves relative links against the feed's address)\n",
    );
    let failures: Vec<String> = warcs
        .iter()
        .zip(&ours_warc)
        .flat_map(|(p, c)| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            c.failed.iter().map(move |f| format!("- {name}: {f}"))
        })
        .collect();
    if !failures.is_empty() {
        out.push_str("\ncrosscheck's failures:\n");
        out.push_str(&failures.join("\n"));
        out.push('\n');
    }
    std::fs::write(opts.out_dir.join("results.md"), &out)?;
    Ok(out)
}

fn run_peers(opts: &Options, warcs: &[PathBuf], feeds: &[PathBuf]) -> Result<serde_json::Value> {
    let python = crate::python::ensure_pinned(
        &opts.venv,
        &[
            ("warcio", WARCIO_VERSION),
            ("feedparser", FEEDPARSER_VERSION),
        ],
    )
    .map_err(anyhow::Error::msg)?;
    let list = serde_json::json!({
        "warc": warcs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "feeds": feeds.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
    });
    let list_path = opts.out_dir.join("peers-in.json");
    let out_path = opts.out_dir.join("peers-out.json");
    std::fs::write(&list_path, serde_json::to_vec(&list)?)?;
    let passes = opts.passes.to_string();
    crate::python::run_script(
        &python,
        "run_collect.py",
        &[
            list_path.as_os_str(),
            out_path.as_os_str(),
            std::ffi::OsStr::new(&passes),
        ],
    )
    .map_err(anyhow::Error::msg)?;
    let bytes = std::fs::read(&out_path).with_context(|| out_path.display().to_string())?;
    Ok(serde_json::from_slice(&bytes)?)
}
