//! The material the scale generator recombines: the paragraphs of every
//! article body in the shared corpora (fnc1-stories-dev, PolNeAR, the WCXB
//! dev articles, the article-extraction benchmark). Nothing of it is copied
//! into the repository; the generated documents are written to a scratch
//! folder.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};

/// Paragraphs shorter than this (menus, datelines, captions) are left out.
const MIN_PARAGRAPH_CHARS: usize = 40;
/// Articles with fewer paragraphs than this are left out.
const MIN_PARAGRAPHS: usize = 3;

/// One article body as a list of paragraphs. `group` ties together the
/// articles of one real story where the corpus says so (fnc1's gold story),
/// else each article is a group of its own.
#[derive(Debug, Clone)]
pub struct Article {
    pub group: u32,
    pub paragraphs: Vec<String>,
}

/// Every usable article of the shared corpora under `corpora`.
pub fn load(corpora: &Path) -> Result<Vec<Article>> {
    let mut bodies: Vec<(Option<String>, String)> = Vec::new();
    fnc1(corpora, &mut bodies)?;
    polnear(corpora, &mut bodies)?;
    wcxb(corpora, &mut bodies)?;
    aeb(corpora, &mut bodies)?;
    let mut groups: std::collections::HashMap<String, u32> = Default::default();
    let mut out = Vec::new();
    for (n, (story, body)) in bodies.into_iter().enumerate() {
        let paragraphs: Vec<String> = body
            .split('\n')
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| p.chars().count() >= MIN_PARAGRAPH_CHARS)
            .collect();
        if paragraphs.len() < MIN_PARAGRAPHS {
            continue;
        }
        let next = u32::try_from(groups.len() + n).unwrap_or(u32::MAX);
        let group = match story {
            Some(s) => *groups.entry(s).or_insert(next),
            None => next,
        };
        out.push(Article { group, paragraphs });
    }
    if out.is_empty() {
        bail!("no article bodies found under {}", corpora.display());
    }
    Ok(out)
}

fn fnc1(corpora: &Path, out: &mut Vec<(Option<String>, String)>) -> Result<()> {
    let path = corpora.join("fnc1-stories-dev/bodies.jsonl");
    let text = read(&path)?;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: invalid JSON", path.display(), n + 1))?;
        let story = v["story"].as_str().map(|s| format!("fnc1:{s}"));
        if let Some(body) = v["text"].as_str() {
            out.push((story, body.to_string()));
        }
    }
    Ok(())
}

fn polnear(corpora: &Path, out: &mut Vec<(Option<String>, String)>) -> Result<()> {
    for part in ["train", "dev"] {
        let dir = corpora.join("polnear").join(part).join("text");
        for path in sorted_files(&dir)? {
            out.push((None, read(&path)?));
        }
    }
    Ok(())
}

fn wcxb(corpora: &Path, out: &mut Vec<(Option<String>, String)>) -> Result<()> {
    let dir = corpora.join("wcxb-dev-articles/ground-truth");
    for path in sorted_files(&dir)? {
        let v: serde_json::Value = serde_json::from_str(&read(&path)?)
            .with_context(|| format!("{}: invalid JSON", path.display()))?;
        if let Some(body) = v["main_content"].as_str() {
            out.push((None, body.to_string()));
        }
    }
    Ok(())
}

fn aeb(corpora: &Path, out: &mut Vec<(Option<String>, String)>) -> Result<()> {
    let path = corpora.join("article-extraction-benchmark/ground-truth.json");
    let v: serde_json::Value = serde_json::from_str(&read(&path)?)
        .with_context(|| format!("{}: invalid JSON", path.display()))?;
    let Some(map) = v.as_object() else {
        bail!("{}: not a JSON object", path.display());
    };
    // Sorted keys: the pool does not depend on the map's order.
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    for k in keys {
        if let Some(body) = map[k]["articleBody"].as_str() {
            out.push((None, body.to_string()));
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

fn sorted_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Ok(files)
}
