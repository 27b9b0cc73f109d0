//! Finding stories: by id or id prefix, and in the order listings give.

use anyhow::{bail, Result};
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

/// What a story id or id prefix names.
#[derive(Debug)]
pub enum StoryLookup {
    Found(Box<StoryRecord>),
    NotFound,
    /// The prefix names several stories (the first few of them).
    Ambiguous(Vec<String>),
}

/// The story whose id is `wanted` or starts with it (with or without
/// `s-`, at least [`MIN_PREFIX`] characters after it), looked up in the
/// store without reading every story.
pub fn find(
    store: &dyn crosscheck_store::Store,
    wanted: &str,
) -> Result<StoryLookup, crosscheck_store::StoreError> {
    let w = wanted.trim().to_ascii_lowercase();
    if let Some(s) = store.story(&w)? {
        return Ok(StoryLookup::Found(Box::new(s)));
    }
    let bare = w.strip_prefix("s-").unwrap_or(&w);
    if bare.len() < MIN_PREFIX {
        return Ok(StoryLookup::NotFound);
    }
    let ids = store.story_ids_with_prefix(&format!("s-{bare}"), 5)?;
    match ids.as_slice() {
        [] => Ok(StoryLookup::NotFound),
        [one] => Ok(store
            .story(one)?
            .map_or(StoryLookup::NotFound, |s| StoryLookup::Found(Box::new(s)))),
        _ => Ok(StoryLookup::Ambiguous(ids)),
    }
}
