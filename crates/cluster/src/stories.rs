//! Stories: documents clustered incrementally, in publication order.
//!
//! Each document (in order: dated ones by date, then the undated) joins the
//! story whose centroid is most similar to its term vector, if the cosine
//! is at least `Params::join`, else it opens a new story. Candidate stories
//! come from an inverted index over the centroids' heaviest terms, each
//! posting list keeping the most recent [`POSTINGS`] stories, so a document
//! is compared with a bounded number of stories whatever the corpus size.
//! A story more than [`STALE_DAYS`] older than a dated document needs
//! [`STALE_PENALTY`] more similarity (the same words months apart are
//! often another event). A copy joins the story of its original.
//!
//! One pass of a single-link clusterer splits a story whose first
//! documents happened to share few words; a second pass merges stories
//! whose centroids have a cosine of at least `Params::merge`, candidates
//! again from the inverted index.

use std::collections::HashMap;

use crate::terms::{cosine, keep_heaviest, rank, top, TermVec};
use crate::Params;

/// Terms of a centroid (and of a document) used to find candidate stories.
pub const INDEX_TERMS: usize = 10;
/// Terms kept in a centroid.
const CENTROID_TERMS: usize = 60;
/// Stories kept per posting list (the most recent).
pub const POSTINGS: usize = 64;
/// Days after which a story is stale for a new dated document.
pub const STALE_DAYS: i64 = 90;
const STALE_PENALTY: f32 = 0.1;

/// What a story keeps to be compared with new documents: the running sum
/// of its members' vectors, its centroid and the days it spans. Stored
/// between ingests, so that a new document can be placed into the stories
/// found before (see the engine's `cluster_update`).
#[derive(Debug, Clone, PartialEq)]
pub struct StoryState {
    sum: HashMap<u32, f32>,
    centroid: TermVec,
    /// Day of the first dated member (members come in publication order).
    pub first_day: Option<i64>,
    pub last_day: Option<i64>,
}

impl StoryState {
    /// A story of one document.
    pub fn new(v: &TermVec, day: Option<i64>) -> StoryState {
        let mut s = StoryState::from_parts(Vec::new(), None, None);
        s.add(v, day);
        s
    }

    /// A story as stored: its term sums and days.
    pub fn from_parts(
        sum: Vec<(u32, f32)>,
        first_day: Option<i64>,
        last_day: Option<i64>,
    ) -> StoryState {
        let mut s = StoryState {
            sum: sum.into_iter().collect(),
            centroid: Vec::new(),
            first_day,
            last_day,
        };
        s.recentre();
        s
    }

    /// The term sums, sorted by term id (what is stored).
    pub fn sum(&self) -> Vec<(u32, f32)> {
        let mut v: Vec<(u32, f32)> = self.sum.iter().map(|(&k, &w)| (k, w)).collect();
        v.sort_unstable_by_key(|&(k, _)| k);
        v
    }

    pub fn centroid(&self) -> &TermVec {
        &self.centroid
    }

    /// The centroid's terms through which the story is found (heaviest
    /// first).
    pub fn index_terms(&self) -> Vec<u32> {
        top(&self.centroid, INDEX_TERMS)
    }

    /// A document's vector joins the story.
    pub fn add(&mut self, v: &TermVec, day: Option<i64>) {
        for &(id, w) in v {
            *self.sum.entry(id).or_default() += w;
        }
        self.days(day, day);
        self.recentre();
    }

    /// Another story's term sums and days become this one's.
    fn absorb(&mut self, other: &StoryState) {
        for (&id, &w) in &other.sum {
            *self.sum.entry(id).or_default() += w;
        }
        self.days(other.first_day, other.last_day);
        self.recentre();
    }

    fn days(&mut self, first: Option<i64>, last: Option<i64>) {
        if first.is_some() {
            self.first_day = self.first_day.min(first).or(first);
        }
        if last.is_some() {
            self.last_day = last.max(self.last_day);
        }
    }

    fn recentre(&mut self) {
        let mut c: Vec<(u32, f32)> = self.sum.iter().map(|(&k, &w)| (k, w)).collect();
        // Keep the running sum small: what falls far out of the centroid
        // will not come back.
        if c.len() > 4 * CENTROID_TERMS {
            rank(&mut c);
            for &(k, _) in &c[4 * CENTROID_TERMS..] {
                self.sum.remove(&k);
            }
        }
        self.centroid = keep_heaviest(c, CENTROID_TERMS);
    }

    /// The similarity a document of `day` needs to join: more when the
    /// story went stale.
    fn need(&self, day: Option<i64>, join: f32) -> f32 {
        match (day, self.last_day) {
            (Some(d), Some(last)) if d - last > STALE_DAYS => join + STALE_PENALTY,
            _ => join,
        }
    }
}

/// The candidate whose centroid is most similar to `v`, at least `join`
/// (more for a stale story); ties keep the first candidate.
pub fn best_story<'a, K: Copy>(
    candidates: impl IntoIterator<Item = (K, &'a StoryState)>,
    v: &TermVec,
    day: Option<i64>,
    join: f32,
) -> Option<K> {
    let mut best: Option<(K, f32)> = None;
    for (k, story) in candidates {
        let c = cosine(v, &story.centroid);
        if c >= story.need(day, join) && best.is_none_or(|(_, b)| c > b) {
            best = Some((k, c));
        }
    }
    best.map(|(k, _)| k)
}

#[derive(Clone)]
struct Story {
    state: StoryState,
    members: Vec<usize>,
}

impl Story {
    fn new(doc: usize, v: &TermVec, day: Option<i64>) -> Story {
        Story {
            state: StoryState::new(v, day),
            members: vec![doc],
        }
    }

    fn add(&mut self, doc: usize, v: &TermVec, day: Option<i64>) {
        self.state.add(v, day);
        self.members.push(doc);
    }

    fn absorb(&mut self, other: &Story) {
        self.state.absorb(&other.state);
        self.members.extend(&other.members);
    }
}

/// An inverted index from term to the stories whose centroid weighs it.
#[derive(Default)]
struct Index(HashMap<u32, Vec<usize>>);

impl Index {
    fn add(&mut self, story: usize, centroid: &TermVec) {
        for t in top(centroid, INDEX_TERMS) {
            let list = self.0.entry(t).or_default();
            if !list.contains(&story) {
                list.push(story);
                if list.len() > POSTINGS {
                    list.remove(0);
                }
            }
        }
    }

    fn candidates(&self, v: &TermVec) -> Vec<usize> {
        let mut c: Vec<usize> = top(v, INDEX_TERMS)
            .into_iter()
            .filter_map(|t| self.0.get(&t))
            .flatten()
            .copied()
            .collect();
        c.sort_unstable();
        c.dedup();
        c
    }
}

/// The stories of the documents, each its members (document indices, in
/// `order`) and its state. `copy_of[i]` is the original of a copy;
/// `days[i]` its day number.
pub fn cluster_stories(
    vectors: &[TermVec],
    order: &[usize],
    days: &[Option<i64>],
    copy_of: &[Option<usize>],
    params: &Params,
) -> Vec<(Vec<usize>, StoryState)> {
    let mut stories: Vec<Story> = Vec::new();
    let mut story_of: Vec<Option<usize>> = vec![None; vectors.len()];
    let mut index = Index::default();
    for &i in order {
        let v = &vectors[i];
        let joined = match copy_of[i].and_then(|o| story_of[o]) {
            Some(s) => Some(s),
            None => best_story(
                index
                    .candidates(v)
                    .into_iter()
                    .map(|s| (s, &stories[s].state)),
                v,
                days[i],
                params.join,
            ),
        };
        let s = match joined {
            Some(s) => {
                stories[s].add(i, v, days[i]);
                s
            }
            None => {
                stories.push(Story::new(i, v, days[i]));
                stories.len() - 1
            }
        };
        story_of[i] = Some(s);
        index.add(s, &stories[s].state.centroid);
    }
    merge(&stories, params.merge)
}

/// Merges stories whose centroids are similar; returns the members of each
/// resulting story, stories in order of their first member.
///
/// Stories are taken in order of their first member and each joins the
/// *merged* story whose centroid is most similar to its own (at least
/// `threshold`, plus [`STALE_PENALTY`] when it starts more than
/// [`STALE_DAYS`] after that story's last document), else stays apart. A
/// story must resemble what the merged story has become, not any one of
/// its parts: joining pairs transitively (single link) chains unrelated
/// stories through their generic words, and on a million generated
/// documents put more than half of them in one story.
fn merge(stories: &[Story], threshold: f32) -> Vec<(Vec<usize>, StoryState)> {
    let mut merged: Vec<Story> = Vec::new();
    let mut index = Index::default();
    for story in stories {
        let candidates = index
            .candidates(&story.state.centroid)
            .into_iter()
            .map(|m| (m, &merged[m].state));
        let m = match best_story(
            candidates,
            &story.state.centroid,
            story.state.first_day,
            threshold,
        ) {
            Some(m) => {
                merged[m].absorb(story);
                m
            }
            None => {
                merged.push(story.clone());
                merged.len() - 1
            }
        };
        index.add(m, &merged[m].state.centroid);
    }
    merged.into_iter().map(|s| (s.members, s.state)).collect()
}

/// The centroid of some documents' vectors (for titles and episodes).
pub fn centroid(vectors: &[TermVec], members: &[usize]) -> TermVec {
    let mut sum: HashMap<u32, f32> = HashMap::new();
    for &m in members {
        for &(id, w) in &vectors[m] {
            *sum.entry(id).or_default() += w;
        }
    }
    keep_heaviest(sum.into_iter().collect(), CENTROID_TERMS)
}
