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

/// Terms of a centroid used to find candidate stories.
const INDEX_TERMS: usize = 10;
/// Terms kept in a centroid.
const CENTROID_TERMS: usize = 60;
/// Stories kept per posting list (the most recent).
const POSTINGS: usize = 64;
/// Days after which a story is stale for a new dated document.
pub const STALE_DAYS: i64 = 90;
const STALE_PENALTY: f32 = 0.1;

#[derive(Clone)]
struct Story {
    sum: HashMap<u32, f32>,
    centroid: TermVec,
    members: Vec<usize>,
    /// Day of the first dated member (members come in publication order).
    first_day: Option<i64>,
    last_day: Option<i64>,
}

impl Story {
    fn new(doc: usize, v: &TermVec, day: Option<i64>) -> Story {
        let mut s = Story {
            sum: HashMap::new(),
            centroid: Vec::new(),
            members: Vec::new(),
            first_day: None,
            last_day: None,
        };
        s.add(doc, v, day);
        s
    }

    fn add(&mut self, doc: usize, v: &TermVec, day: Option<i64>) {
        for &(id, w) in v {
            *self.sum.entry(id).or_default() += w;
        }
        self.members.push(doc);
        self.days(day, day);
        self.recentre();
    }

    /// Another story's members and term sums become this one's.
    fn absorb(&mut self, other: &Story) {
        for (&id, &w) in &other.sum {
            *self.sum.entry(id).or_default() += w;
        }
        self.members.extend(&other.members);
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

/// The stories of the documents, as lists of document indices in `order`.
/// `copy_of[i]` is the original of a copy; `days[i]` its day number.
pub fn cluster_stories(
    vectors: &[TermVec],
    order: &[usize],
    days: &[Option<i64>],
    copy_of: &[Option<usize>],
    params: &Params,
) -> Vec<Vec<usize>> {
    let mut stories: Vec<Story> = Vec::new();
    let mut story_of: Vec<Option<usize>> = vec![None; vectors.len()];
    let mut index = Index::default();
    for &i in order {
        let v = &vectors[i];
        let joined = match copy_of[i].and_then(|o| story_of[o]) {
            Some(s) => Some(s),
            None => best_story(&stories, &index, v, days[i], params.join),
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
        index.add(s, &stories[s].centroid);
    }
    merge(&stories, params.merge)
}

fn best_story(
    stories: &[Story],
    index: &Index,
    v: &TermVec,
    day: Option<i64>,
    join: f32,
) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for s in index.candidates(v) {
        let story = &stories[s];
        let need = match (day, story.last_day) {
            (Some(d), Some(last)) if d - last > STALE_DAYS => join + STALE_PENALTY,
            _ => join,
        };
        let c = cosine(v, &story.centroid);
        if c >= need && best.is_none_or(|(_, b)| c > b) {
            best = Some((s, c));
        }
    }
    best.map(|(s, _)| s)
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
fn merge(stories: &[Story], threshold: f32) -> Vec<Vec<usize>> {
    let mut merged: Vec<Story> = Vec::new();
    let mut index = Index::default();
    for story in stories {
        let first_day = story.first_day;
        let mut best: Option<(usize, f32)> = None;
        for m in index.candidates(&story.centroid) {
            let need = match (first_day, merged[m].last_day) {
                (Some(d), Some(last)) if d - last > STALE_DAYS => threshold + STALE_PENALTY,
                _ => threshold,
            };
            let c = cosine(&story.centroid, &merged[m].centroid);
            if c >= need && best.is_none_or(|(_, b)| c > b) {
                best = Some((m, c));
            }
        }
        let m = match best {
            Some((m, _)) => {
                merged[m].absorb(story);
                m
            }
            None => {
                merged.push(story.clone());
                merged.len() - 1
            }
        };
        index.add(m, &merged[m].centroid);
    }
    merged.into_iter().map(|s| s.members).collect()
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
