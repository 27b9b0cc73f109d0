//! Finding stories: by id or id prefix, and in the order listings give.

use anyhow::{bail, Result};
use crosscheck_model::ClaimStatus;
use crosscheck_store::StoryRecord;

/// Shortest story id prefix accepted (after `s-`).
const MIN_PREFIX: usize = 4;

/// The stories a request names: the one whose id is `wanted` or starts with
/// it (with or without `s-`), or an error listing the candidates.
pub fn select<'a>(stories: &'a [StoryRecord], wanted: &str) -> Result<Option<&'a StoryRecord>> {
    let w = wanted.trim().to_ascii_lowercase();
    if let Some(s) = stories.iter().find(|s| s.id == w) {
        return Ok(Some(s));
    }
    let bare = w.strip_prefix("s-").unwrap_or(&w);
    if bare.len() < MIN_PREFIX {
        return Ok(None);
    }
    let found: Vec<&StoryRecord> = stories
        .iter()
        .filter(|s| s.id.strip_prefix("s-").unwrap_or(&s.id).starts_with(bare))
        .collect();
    match found.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one)),
        many => bail!(
            "story id {wanted} is ambiguous: it matches {}",
            many.iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Every story, largest first (most documents; then the stored order).
pub fn largest_first(stories: &[StoryRecord]) -> Vec<&StoryRecord> {
    let mut all: Vec<&StoryRecord> = stories.iter().collect();
    all.sort_by_key(|s| std::cmp::Reverse(s.documents.len()));
    all
}

/// A story as a list shows it: what it is about, when, how many documents
/// and outlets, and how many of its facts are confirmed, single-source or
/// contested.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct StorySummary {
    pub id: String,
    pub title: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub documents: usize,
    /// Its known outlets, in order of first publication.
    pub outlets: Vec<String>,
    /// Its documents of unknown outlet.
    pub unknown_outlet: usize,
    pub corroborated: usize,
    pub single_source: usize,
    pub contested: usize,
    pub role_conflicts: usize,
}

/// Which stories a listing shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryFilter {
    /// Stories with a document of an outlet whose name contains this (any
    /// case).
    pub outlet: Option<String>,
    /// Stories with at least one fact of this status.
    pub status: Option<ClaimStatus>,
}

/// One page of story summaries, largest first (most documents, then the
/// stored order), `limit` of them after the first `offset`; and whether
/// more follow. Findings are read only for the stories a status filter
/// needs and for those of the page.
pub fn story_page(
    store: &dyn crosscheck_store::Store,
    filter: &StoryFilter,
    offset: usize,
    limit: usize,
) -> Result<(Vec<StorySummary>, bool), crosscheck_store::StoreError> {
    let stories = store.stories()?;
    let needle = filter.outlet.as_ref().map(|o| o.trim().to_lowercase());
    let mut chosen: Vec<&StoryRecord> = largest_first(&stories)
        .into_iter()
        .filter(|s| {
            needle.as_ref().is_none_or(|n| {
                s.documents.iter().any(|d| {
                    d.outlet
                        .as_ref()
                        .is_some_and(|o| o.to_lowercase().contains(n))
                })
            })
        })
        .collect();
    let mut page = Vec::new();
    let mut skipped = 0;
    let mut more = false;
    for s in chosen.drain(..) {
        if filter.status.is_none() {
            if skipped < offset {
                skipped += 1;
                continue;
            }
            if page.len() == limit {
                more = true;
                break;
            }
        }
        let findings = store.story_findings(&s.id)?;
        if let Some(status) = filter.status {
            if findings.count(status) == 0 {
                continue;
            }
            if skipped < offset {
                skipped += 1;
                continue;
            }
            if page.len() == limit {
                more = true;
                break;
            }
        }
        let mut outlets: Vec<String> = Vec::new();
        let mut unknown_outlet = 0;
        for d in &s.documents {
            match &d.outlet {
                Some(o) if !outlets.contains(o) => outlets.push(o.clone()),
                Some(_) => {}
                None => unknown_outlet += 1,
            }
        }
        page.push(StorySummary {
            id: s.id.clone(),
            title: s.title.clone(),
            start: s.start.clone(),
            end: s.end.clone(),
            documents: s.documents.len(),
            outlets,
            unknown_outlet,
            corroborated: findings.count(ClaimStatus::Corroborated),
            single_source: findings.count(ClaimStatus::SingleSource),
            contested: findings.count(ClaimStatus::Contested),
            role_conflicts: findings.role_conflicts.len(),
        });
    }
    Ok((page, more))
}
