//! The fnc1-stories-dev bodies (`bodies.jsonl`: `{id, story, text}` per
//! line) and the cluster stage's input built from them.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};
use crosscheck_cluster::DocInput;
use crosscheck_model::{DocAnalysis, EntityKind};
use serde::Deserialize;

/// One article body with its gold story label.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub id: String,
    pub story: String,
    pub text: String,
}

/// Reads `bodies.jsonl`.
pub fn load_bodies(path: &Path) -> Result<Vec<Body>> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    parse_bodies(&text, &path.display().to_string())
}

/// Parses JSON lines of `{id, story, text}` (blank lines skipped). A line
/// that is not such an object, an empty id or story, or an id seen before
/// is an error naming `source` and the line number.
pub fn parse_bodies(text: &str, source: &str) -> Result<Vec<Body>> {
    let mut bodies = Vec::new();
    let mut ids = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = format!("{source} line {}", i + 1);
        let body: Body = serde_json::from_str(line)
            .with_context(|| format!("{at}: not a {{id, story, text}} JSON object"))?;
        if body.id.is_empty() || body.story.is_empty() {
            bail!("{at}: empty id or story");
        }
        if !ids.insert(body.id.clone()) {
            bail!("{at}: id {:?} seen before", body.id);
        }
        bodies.push(body);
    }
    if bodies.is_empty() {
        bail!("{source}: no bodies");
    }
    Ok(bodies)
}

/// The entity names the pipeline passes to the cluster stage: the names of
/// the people, organisations and places of the analysis, in order of first
/// appearance, each once.
pub fn entity_names(analysis: &DocAnalysis) -> Vec<String> {
    let mut seen = HashSet::new();
    analysis
        .entities
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EntityKind::Person | EntityKind::Organization | EntityKind::Place
            )
        })
        .filter(|e| seen.insert(e.name.as_str()))
        .map(|e| e.name.clone())
        .collect()
}

/// The cluster stage's input: no dates and no titles in this corpus.
pub fn doc_input(body: &Body, entities: Vec<String>) -> DocInput {
    DocInput {
        id: body.id.clone(),
        published: None,
        title: None,
        text: body.text.clone(),
        entities,
    }
}
