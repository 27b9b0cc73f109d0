//! New documents placed into the stories found before, without clustering
//! every stored document again.
//!
//! A full clustering (`clustering::compute_clustering`) leaves its state in
//! the store: the vocabulary with document frequencies, each document's term
//! vector, copy signature, date, title and lead, and each story's running
//! term sum. An update then does, for the documents stored since, what the
//! single pass of the full clustering does, against that state:
//!
//! 1. their terms are counted into the vocabulary and weighed with the
//!    document frequencies as they now are (stored vectors keep the weights
//!    they were given);
//! 2. in publication order, each finds its copies through the stored LSH band
//!    keys (a copy joins its original's story; an earlier copy becomes the
//!    group's original), or joins the most similar story found through the
//!    stored index of centroid terms, or opens a new story;
//! 3. each story that changed is described again (title, dates, episodes)
//!    from its members' stored states, and renamed when its first document
//!    changed.
//!
//! What a full clustering does and an update does not: weigh old vectors
//! with new document frequencies, and merge stories whose centroids came
//! together. A rebuild (`crosscheck rebuild`) or an ingest of many documents
//! at once (more than [`FULL_SHARE`] of the store) clusters everything
//! again. How much the two differ is measured by `bench-scale --drift`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crosscheck_cluster::copies::{self, Signature};
use crosscheck_cluster::stories::{best_story, INDEX_TERMS, POSTINGS};
use crosscheck_cluster::terms::{weigh, TermVec};
use crosscheck_cluster::{describe, DocInput, DocState, DocTerms, Params, StoryState};
use crosscheck_model::story_id;
use crosscheck_store::{
    ClusterState, ClusterUpdate, CopyOf, DocumentState, NewEpisode, NewStory, StoreError,
};
use rayon::prelude::*;

use crate::clustering::input;
use crate::interrupt::Interrupt;

/// The version of the cluster stage's state. Bump it when the stage
/// changes what it stores or how it weighs, places or describes: a state of
/// another version is not used (the next ingest clusters everything).
pub const CLUSTER_VERSION: &str = "1";

/// An ingest that adds more than this share of the documents already
/// clustered clusters everything again: the stored weights and stories are
/// then too little of what the result should rest on.
pub const FULL_SHARE: f64 = 0.25;

/// The stored state of a document, as the cluster stage uses it.
pub fn doc_state(d: &DocumentState) -> DocState {
    DocState {
        date: d.date.clone(),
        day: d.day,
        title: d.title.clone(),
        headline: d.headline,
        lead: d.lead.clone(),
        vector: d.vector.clone(),
        signature: d
            .signature
            .as_deref()
            .and_then(|s| Signature::try_from(s).ok()),
    }
}

/// A document's state as stored.
pub fn stored_state(id: String, s: DocState) -> DocumentState {
    DocumentState {
        band_keys: s
            .signature
            .as_ref()
            .map(|sig| copies::band_keys(sig).to_vec())
            .unwrap_or_default(),
        document_id: id,
        date: s.date,
        day: s.day,
        title: s.title,
        headline: s.headline,
        lead: s.lead,
        vector: s.vector,
        signature: s.signature.map(|sig| sig.to_vec()),
    }
}

/// A story's state as stored.
pub fn stored_story(id: &str, s: &StoryState) -> crosscheck_store::StoryState {
    crosscheck_store::StoryState {
        story_id: id.to_string(),
        sum: s.sum(),
        first_day: s.first_day,
        last_day: s.last_day,
        index_terms: s.index_terms(),
    }
}

/// Publication order: dated documents by day, then the undated; ties by id.
fn order_key(day: Option<i64>, id: &str) -> (bool, Option<i64>, String) {
    (day.is_none(), day, id.to_string())
}

/// Stories written anew by an update, with their states.
type Described = Vec<(NewStory, crosscheck_store::StoryState)>;

/// A story the update touched.
struct Touched {
    state: StoryState,
    /// Whether the story is stored (else it was opened by this update).
    stored: bool,
    /// Documents this update adds to it.
    added: Vec<String>,
}

/// The update: what it has read of the store and what it has changed.
struct Update<'a> {
    store: &'a dyn ClusterState,
    params: Params,
    /// States of the documents read or made (new ones included).
    docs: HashMap<String, DocState>,
    /// Band keys of the new documents placed so far, to find copies among
    /// them.
    bands: HashMap<u64, Vec<String>>,
    /// Copy relations as they now are (`None`: the document is no copy),
    /// for the documents read or changed.
    original: HashMap<String, Option<String>>,
    /// Copies of an original, for the originals read or changed.
    copies: HashMap<String, BTreeSet<String>>,
    /// The story of each document read or placed.
    story_of: HashMap<String, Option<String>>,
    stories: BTreeMap<String, Touched>,
    /// Stories read as candidates but not changed.
    read: HashMap<String, Option<StoryState>>,
    /// Copy relations set.
    copy_rows: BTreeMap<String, CopyOf>,
    /// Stories whose copy relations changed (their findings must be
    /// computed again).
    dirty: BTreeSet<String>,
}

impl Update<'_> {
    fn load_docs(&mut self, ids: &[String]) -> Result<(), StoreError> {
        let missing: Vec<String> = ids
            .iter()
            .filter(|id| !self.docs.contains_key(*id))
            .cloned()
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        for d in self.store.documents(&missing)? {
            let s = doc_state(&d);
            self.docs.insert(d.document_id, s);
        }
        Ok(())
    }

    fn original_of(&mut self, id: &str) -> Result<Option<String>, StoreError> {
        if let Some(o) = self.original.get(id) {
            return Ok(o.clone());
        }
        let o = self.store.original_of(id)?;
        self.original.insert(id.to_string(), o.clone());
        Ok(o)
    }

    fn copies_of(&mut self, id: &str) -> Result<BTreeSet<String>, StoreError> {
        if let Some(c) = self.copies.get(id) {
            return Ok(c.clone());
        }
        let c: BTreeSet<String> = self.store.copies_of(id)?.into_iter().collect();
        self.copies.insert(id.to_string(), c.clone());
        Ok(c)
    }

    fn story_of(&mut self, id: &str) -> Result<Option<String>, StoreError> {
        if let Some(s) = self.story_of.get(id) {
            return Ok(s.clone());
        }
        let s = self.store.story_of(id)?;
        self.story_of.insert(id.to_string(), s.clone());
        Ok(s)
    }

    /// The state of a story, read once.
    fn story_state(&mut self, id: &str) -> Result<Option<StoryState>, StoreError> {
        if let Some(t) = self.stories.get(id) {
            return Ok(Some(t.state.clone()));
        }
        if let Some(s) = self.read.get(id) {
            return Ok(s.clone());
        }
        let s = self
            .store
            .story(id)?
            .map(|s| StoryState::from_parts(s.sum, s.first_day, s.last_day));
        self.read.insert(id.to_string(), s.clone());
        Ok(s)
    }

    /// The originals of the copy groups a new document belongs to: the
    /// groups of the documents (stored or new) whose signatures it matches.
    fn copy_matches(&mut self, id: &str, sig: &Signature) -> Result<Vec<String>, StoreError> {
        let keys = copies::band_keys(sig);
        let mut candidates: BTreeSet<String> = self
            .store
            .copy_candidates(&keys, copies::PEERS)?
            .into_iter()
            .collect();
        for k in keys {
            if let Some(new) = self.bands.get(&k) {
                candidates.extend(new.iter().take(copies::PEERS).cloned());
            }
        }
        candidates.remove(id);
        let candidates: Vec<String> = candidates.into_iter().collect();
        self.load_docs(&candidates)?;
        let mut originals = BTreeSet::new();
        for c in candidates {
            let Some(other) = self.docs.get(&c).and_then(|d| d.signature.as_ref()) else {
                continue;
            };
            if copies::similarity(sig, other) >= self.params.copy {
                let original = self.original_of(&c)?.unwrap_or(c);
                originals.insert(original);
            }
        }
        Ok(originals.into_iter().collect())
    }

    /// Join a new document to the copy groups of `originals`: one group
    /// under its earliest member. Returns the story the document joins.
    fn join_copies(
        &mut self,
        id: &str,
        originals: &[String],
    ) -> Result<Option<String>, StoreError> {
        let mut members: BTreeSet<String> = BTreeSet::new();
        for o in originals {
            members.insert(o.clone());
            members.extend(self.copies_of(o)?);
        }
        members.insert(id.to_string());
        let ids: Vec<String> = members.iter().cloned().collect();
        self.load_docs(&ids)?;
        let day = |s: &Self, m: &str| s.docs.get(m).and_then(|d| d.day);
        let original = ids
            .iter()
            .min_by_key(|m| order_key(day(self, m), m))
            .cloned()
            .unwrap_or_else(|| id.to_string());
        // The story: the original's, or (the new document being the
        // earliest) that of the earliest of the others.
        let story = if original == id {
            let earliest = ids
                .iter()
                .filter(|m| *m != id)
                .min_by_key(|m| order_key(day(self, m), m))
                .cloned();
            match earliest {
                Some(e) => self.story_of(&e)?,
                None => None,
            }
        } else {
            self.story_of(&original)?
        };
        let original_sig = self.docs.get(&original).and_then(|d| d.signature);
        for o in originals {
            self.copies.insert(o.clone(), BTreeSet::new());
        }
        let mut group = BTreeSet::new();
        for m in ids.iter().filter(|m| **m != original) {
            let changed = self.original_of(m)?.as_deref() != Some(original.as_str());
            if changed && m != id {
                if let Some(s) = self.story_of(m)? {
                    self.dirty.insert(s);
                }
            }
            let sim = match (
                &original_sig,
                self.docs.get(m).and_then(|d| d.signature.as_ref()),
            ) {
                (Some(a), Some(b)) => copies::similarity(a, b),
                _ => self.params.copy,
            };
            self.original.insert(m.clone(), Some(original.clone()));
            self.copy_rows.insert(
                m.clone(),
                CopyOf {
                    document_id: m.clone(),
                    original_id: original.clone(),
                    similarity: sim,
                },
            );
            group.insert(m.clone());
        }
        self.original.insert(original.clone(), None);
        self.copies.insert(original, group);
        Ok(story)
    }

    /// The story a new document (not a copy) joins, if any.
    fn best_story(&mut self, v: &TermVec, day: Option<i64>) -> Result<Option<String>, StoreError> {
        let terms = crosscheck_cluster::terms::top(v, INDEX_TERMS);
        let mut candidates: BTreeSet<String> = self
            .store
            .story_candidates(&terms, POSTINGS)?
            .into_iter()
            .collect();
        for (id, t) in &self.stories {
            if t.state.index_terms().iter().any(|x| terms.contains(x)) {
                candidates.insert(id.clone());
            }
        }
        let mut states: Vec<(String, StoryState)> = Vec::new();
        for c in candidates {
            if let Some(s) = self.story_state(&c)? {
                states.push((c, s));
            }
        }
        let best = best_story(
            states.iter().enumerate().map(|(i, (_, s))| (i, s)),
            v,
            day,
            self.params.join,
        );
        Ok(best.map(|i| states[i].0.clone()))
    }

    /// Place one new document.
    fn place(&mut self, id: &str) -> Result<(), StoreError> {
        let Some(doc) = self.docs.get(id).cloned() else {
            return Ok(());
        };
        let mut story = None;
        if let Some(sig) = &doc.signature {
            let originals = self.copy_matches(id, sig)?;
            if !originals.is_empty() {
                story = self.join_copies(id, &originals)?;
            }
            for k in copies::band_keys(sig) {
                self.bands.entry(k).or_default().push(id.to_string());
            }
        }
        if story.is_none() && self.original_of(id)?.is_none() {
            story = self.best_story(&doc.vector, doc.day)?;
        }
        let key = match story {
            Some(s) => {
                let state = self.story_state(&s)?;
                let t = self.stories.entry(s.clone()).or_insert_with(|| Touched {
                    state: state.unwrap_or_else(|| StoryState::new(&Vec::new(), None)),
                    stored: true,
                    added: Vec::new(),
                });
                t.state.add(&doc.vector, doc.day);
                t.added.push(id.to_string());
                s
            }
            None => {
                let s = story_id(id);
                self.stories.insert(
                    s.clone(),
                    Touched {
                        state: StoryState::new(&doc.vector, doc.day),
                        stored: false,
                        added: vec![id.to_string()],
                    },
                );
                s
            }
        };
        self.story_of.insert(id.to_string(), Some(key));
        Ok(())
    }

    /// The touched and dirty stories described again, under their ids.
    fn stories(&mut self) -> Result<(Vec<String>, Described), StoreError> {
        let mut removed = Vec::new();
        let mut out = Vec::new();
        let keys: BTreeSet<String> = self
            .stories
            .keys()
            .cloned()
            .chain(self.dirty.iter().cloned())
            .collect();
        for key in keys {
            let (stored, added, state) = match self.stories.get(&key) {
                Some(t) => (t.stored, t.added.clone(), Some(t.state.clone())),
                None => (true, Vec::new(), None),
            };
            let mut members: Vec<String> = if stored {
                self.store.story_members(&key)?
            } else {
                Vec::new()
            };
            members.extend(added);
            self.load_docs(&members)?;
            let state = match state {
                Some(s) => s,
                None => match self.story_state(&key)? {
                    Some(s) => s,
                    None => continue,
                },
            };
            members.sort_by_key(|m| order_key(self.docs.get(m).and_then(|d| d.day), m));
            members.dedup();
            let states: Vec<&DocState> = members.iter().filter_map(|m| self.docs.get(m)).collect();
            if states.len() != members.len() {
                return Err(StoreError::Aborted(format!(
                    "story {key} has a document without a cluster state; run `crosscheck rebuild`"
                )));
            }
            let s = describe(&states);
            let Some(first) = members.first() else {
                continue;
            };
            let id = story_id(first);
            if stored && id != key {
                removed.push(key.clone());
            }
            let named = |docs: &[usize]| docs.iter().map(|&i| members[i].clone()).collect();
            let story = NewStory {
                id: id.clone(),
                title: s.title,
                start: s.start,
                end: s.end,
                episodes: s
                    .episodes
                    .iter()
                    .map(|e| NewEpisode {
                        title: e.title.clone(),
                        start: e.start.clone(),
                        end: e.end.clone(),
                        documents: named(&e.documents),
                    })
                    .collect(),
                documents: named(&s.documents),
            };
            out.push((story, stored_story(&id, &state)));
        }
        Ok((removed, out))
    }
}

/// The update that places this ingest's documents (staged, without a
/// cluster state), or `None` when everything must be clustered again: no
/// state, a state of another version or that misses stored documents, or
/// more new documents than [`FULL_SHARE`] of the clustered ones.
pub fn cluster_update(
    store: &dyn ClusterState,
    pool: &rayon::ThreadPool,
    interrupt: &Interrupt,
) -> Result<Option<ClusterUpdate>, StoreError> {
    let Some((version, counted)) = store.meta()? else {
        return Ok(None);
    };
    if version != CLUSTER_VERSION {
        return Ok(None);
    }
    let (clustered, all, new) = store.clustered()?;
    // Documents neither clustered nor new: the state is not the store's.
    if clustered + new != all || new as f64 > FULL_SHARE * clustered as f64 {
        return Ok(None);
    }
    let mut docs: Vec<DocInput> = Vec::with_capacity(new);
    store.for_each_new_document(&mut |d| {
        docs.push(input(d));
        Ok(())
    })?;
    interrupt.check()?;
    let made: Vec<(DocTerms, Option<Signature>)> = pool.install(|| {
        docs.par_iter()
            .map(|d| {
                (
                    DocTerms::of(&d.text, &d.entities),
                    copies::signature(&d.text),
                )
            })
            .collect()
    });
    // The vocabulary: every term of the new documents, with its id and its
    // document frequency counting them.
    let mut distinct: BTreeSet<&str> = BTreeSet::new();
    for (terms, _) in &made {
        distinct.extend(terms.terms().iter().map(|(t, _)| t.as_str()));
    }
    let distinct: Vec<&str> = distinct.into_iter().collect();
    let stored = store.terms(&distinct)?;
    let mut next = store.next_term_id()?;
    let mut vocabulary: HashMap<&str, (u32, u32)> = HashMap::with_capacity(distinct.len());
    for (t, s) in distinct.iter().zip(stored) {
        let entry = s.unwrap_or_else(|| {
            next += 1;
            (next - 1, 0)
        });
        vocabulary.insert(t, entry);
    }
    for (terms, _) in &made {
        for (t, _) in terms.terms() {
            if let Some(e) = vocabulary.get_mut(t.as_str()) {
                e.1 += 1;
            }
        }
    }
    let total = counted.saturating_add(docs.len() as u32);
    let mut update = Update {
        store,
        params: Params::default(),
        docs: HashMap::new(),
        bands: HashMap::new(),
        original: HashMap::new(),
        copies: HashMap::new(),
        story_of: HashMap::new(),
        stories: BTreeMap::new(),
        read: HashMap::new(),
        copy_rows: BTreeMap::new(),
        dirty: BTreeSet::new(),
    };
    let mut new_ids: Vec<(bool, Option<i64>, String)> = Vec::with_capacity(docs.len());
    for (d, (terms, signature)) in docs.iter().zip(&made) {
        let vector = weigh(
            terms
                .terms()
                .iter()
                .filter_map(|(t, c)| vocabulary.get(t.as_str()).map(|&(id, df)| (id, *c, df))),
            total,
        );
        let state = DocState::of(d, vector, *signature);
        new_ids.push(order_key(state.day, &d.id));
        update.docs.insert(d.id.clone(), state);
    }
    drop(docs);
    new_ids.sort();
    for (_, _, id) in &new_ids {
        interrupt.check()?;
        update.place(id)?;
    }
    let (removed, stories) = update.stories()?;
    let documents = new_ids
        .iter()
        .filter_map(|(_, _, id)| {
            let s = update.docs.get(id)?.clone();
            Some(stored_state(id.clone(), s))
        })
        .collect();
    let mut terms: Vec<(u32, String, u32)> = vocabulary
        .into_iter()
        .map(|(t, (id, df))| (id, t.to_string(), df))
        .collect();
    terms.sort_unstable();
    Ok(Some(ClusterUpdate {
        version,
        terms,
        docs: total,
        documents,
        copies: update.copy_rows.into_values().collect(),
        removed,
        stories,
    }))
}
