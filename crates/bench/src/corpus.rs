//! Loading the two extraction corpora into memory (decompressed), so that
//! the systems are timed on extraction alone.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::Deserialize;

pub const AEB_DIR: &str = "article-extraction-benchmark";
pub const WCXB_DIR: &str = "wcxb-dev-articles";

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum CorpusKind {
    #[serde(rename = "aeb")]
    Aeb,
    #[serde(rename = "wcxb")]
    Wcxb,
}

impl CorpusKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CorpusKind::Aeb => "aeb",
            CorpusKind::Wcxb => "wcxb",
        }
    }
}

/// The gold annotation of one page. AEB pages have only a body.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    /// `None` when the corpus has no body for the page (one WCXB page).
    pub body: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub with: Vec<String>,
    pub without: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub corpus: CorpusKind,
    pub id: String,
    pub path: PathBuf,
    pub url: Option<String>,
    pub html: String,
    pub gold: Gold,
}

impl Page {
    /// Unique across corpora: `aeb/<id>` or `wcxb/<id>`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.corpus.as_str(), self.id)
    }
}

/// Checks that both corpora are present under `dir`.
pub fn check_present(dir: &Path) -> Result<()> {
    for sub in [AEB_DIR, WCXB_DIR] {
        if !dir.join(sub).join("html").is_dir() {
            bail!(
                "corpus {} not found under {} — the benchmark needs ../shared/corpora \
                 (relative to the project root) or --corpora DIR",
                sub,
                dir.display()
            );
        }
    }
    Ok(())
}

fn gunzip(path: &Path) -> Result<String> {
    let file = fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .with_context(|| format!("decompressing {}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[derive(Deserialize)]
struct AebTruth {
    #[serde(rename = "articleBody")]
    article_body: Option<String>,
    url: Option<String>,
}

/// The first `limit` pages (by id) of the article-extraction-benchmark.
pub fn load_aeb(dir: &Path, limit: Option<usize>) -> Result<Vec<Page>> {
    let root = dir.join(AEB_DIR);
    let truth_path = root.join("ground-truth.json");
    let truth: BTreeMap<String, AebTruth> = serde_json::from_slice(
        &fs::read(&truth_path).with_context(|| format!("reading {}", truth_path.display()))?,
    )
    .with_context(|| format!("parsing {}", truth_path.display()))?;
    let mut pages = Vec::new();
    for (id, t) in truth.into_iter().take(limit.unwrap_or(usize::MAX)) {
        let path = root.join("html").join(format!("{id}.html.gz"));
        let html = gunzip(&path)?;
        pages.push(Page {
            corpus: CorpusKind::Aeb,
            id,
            path,
            url: t.url,
            html,
            gold: Gold {
                body: Some(t.article_body.unwrap_or_default()),
                ..Gold::default()
            },
        });
    }
    Ok(pages)
}

#[derive(Deserialize)]
struct WcxbTruth {
    url: Option<String>,
    title: Option<String>,
    author: Option<String>,
    publish_date: Option<String>,
    main_content: Option<String>,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

/// The first `limit` pages (by id) of the WCXB dev articles.
pub fn load_wcxb(dir: &Path, limit: Option<usize>) -> Result<Vec<Page>> {
    let root = dir.join(WCXB_DIR);
    let mut ids: Vec<String> = fs::read_dir(root.join("ground-truth"))
        .with_context(|| format!("listing {}", root.join("ground-truth").display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".json")
                .map(str::to_string)
        })
        .collect();
    ids.sort();
    ids.truncate(limit.unwrap_or(usize::MAX));
    let mut pages = Vec::with_capacity(ids.len());
    for id in ids {
        let gt_path = root.join("ground-truth").join(format!("{id}.json"));
        let t: WcxbTruth = serde_json::from_slice(&fs::read(&gt_path)?)
            .with_context(|| format!("parsing {}", gt_path.display()))?;
        let path = root.join("html").join(format!("{id}.html.gz"));
        let html = gunzip(&path)?;
        pages.push(Page {
            corpus: CorpusKind::Wcxb,
            id,
            path,
            url: non_empty(t.url),
            html,
            gold: Gold {
                body: t.main_content,
                title: non_empty(t.title),
                author: non_empty(t.author),
                date: non_empty(t.publish_date),
                with: t.with,
                without: t.without,
            },
        });
    }
    Ok(pages)
}
