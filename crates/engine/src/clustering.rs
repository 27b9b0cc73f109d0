//! The cluster stage in the ingest pipeline: copies and stories recomputed
//! from every stored document after linking, and stored as a whole (inside
//! the pipeline's one derivation transaction, `Store::rederive`).
//!
//! `crosscheck_cluster::Builder` reads the documents twice (term counts and
//! copy signatures, then term vectors); the store streams them in id order
//! inside its write transaction, so no text stays in memory, the result
//! depends only on what is stored (not on ingest order), and the last of two
//! concurrent ingests clusters everything both stored.

use std::panic::AssertUnwindSafe;

use anyhow::Result;
use crosscheck_cluster::{Builder, Clustering, DocInput, DocTerms, FirstPass, Params, Snapshot};
use crosscheck_model::story_id;
use crosscheck_store::{
    ClusterDocument, ClusterSnapshot, ClusterSource, CopyOf, NewEpisode, NewStory, StoreError,
    StoryClustering,
};

use crate::cluster_update::{stored_state, stored_story, CLUSTER_VERSION};

use crate::interrupt::Interrupt;
use rayon::prelude::*;

/// What clustering found, for the ingest summary.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StoryCounts {
    pub stories: usize,
    /// Documents in stories (every stored document).
    pub documents: usize,
    /// Documents that have copies.
    pub copy_groups: usize,
    /// Documents that are copies.
    pub copies: usize,
    /// When an update placed the new documents into the stored stories
    /// (`cluster_update`), how many; `None` when every document was
    /// clustered again.
    pub placed: Option<usize>,
}

impl StoryCounts {
    pub fn of(c: &StoryClustering) -> StoryCounts {
        let mut originals: Vec<&str> = c.copies.iter().map(|c| c.original_id.as_str()).collect();
        originals.sort_unstable();
        originals.dedup();
        StoryCounts {
            stories: c.stories.len(),
            documents: c.stories.iter().map(|s| s.documents.len()).sum(),
            copy_groups: originals.len(),
            copies: c.copies.len(),
            placed: None,
        }
    }
}

fn internal_error() -> StoreError {
    StoreError::Aborted("internal error while clustering documents (please report it)".into())
}

/// Run `f`, turning a panic of the cluster stage into an error.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, StoreError> {
    std::panic::catch_unwind(AssertUnwindSafe(f)).map_err(|_| internal_error())
}

pub(crate) fn input(d: ClusterDocument) -> DocInput {
    DocInput {
        id: d.id,
        published: d.published,
        title: d.title,
        text: d.text,
        entities: d.entities,
    }
}

/// Documents tokenised at once, on all workers, in each clustering pass.
const BATCH_DOCS: usize = 512;

/// The clustering of the documents of `source` (read twice, in id order),
/// with ids in place of positions, and the state to store for later updates
/// (see `cluster_update`). Each pass reads the documents in batches
/// whose costly part (tokenising, copy signatures) runs on `pool`; the
/// builder takes them in order, so the result does not depend on the
/// number of workers.
pub fn compute_clustering(
    source: &dyn ClusterSource,
    pool: &rayon::ThreadPool,
    interrupt: &Interrupt,
) -> Result<(StoryClustering, ClusterSnapshot), StoreError> {
    let mut builder = Builder::new(Params::default());
    let mut ids: Vec<String> = Vec::new();
    let mut batch: Vec<DocInput> = Vec::with_capacity(BATCH_DOCS);
    let mut count = |batch: &mut Vec<DocInput>, builder: &mut Builder| {
        interrupt.check()?;
        let firsts: Vec<FirstPass> =
            guarded(|| pool.install(|| batch.par_iter().map(FirstPass::of).collect()))?;
        for (doc, first) in batch.drain(..).zip(firsts) {
            guarded(|| builder.count_prepared(&doc, first))?;
            ids.push(doc.id);
        }
        Ok::<_, StoreError>(())
    };
    source.for_each_cluster_document(&mut |d| {
        batch.push(input(d));
        if batch.len() == BATCH_DOCS {
            count(&mut batch, &mut builder)?;
        }
        Ok(())
    })?;
    count(&mut batch, &mut builder)?;
    let mut seen = 0;
    let changed =
        || StoreError::Aborted("the documents changed between the two clustering passes".into());
    let vectorize = |batch: &mut Vec<DocInput>, builder: &mut Builder| {
        interrupt.check()?;
        let terms: Vec<DocTerms> = guarded(|| {
            pool.install(|| {
                batch
                    .par_iter()
                    .map(|d| DocTerms::of(&d.text, &d.entities))
                    .collect()
            })
        })?;
        batch.clear();
        for t in &terms {
            guarded(|| builder.vectorize_terms(t))?;
        }
        Ok::<_, StoreError>(())
    };
    source.for_each_cluster_document(&mut |d| {
        if ids.get(seen) != Some(&d.id) {
            return Err(changed());
        }
        seen += 1;
        batch.push(input(d));
        if batch.len() == BATCH_DOCS {
            vectorize(&mut batch, &mut builder)?;
        }
        Ok(())
    })?;
    vectorize(&mut batch, &mut builder)?;
    if seen != ids.len() {
        return Err(changed());
    }
    let (clustering, snapshot) = guarded(|| builder.finish_with_state())?;
    with_ids(&clustering, snapshot, ids)
}

/// The stage's result (positions into `ids`) as the store keeps it.
fn with_ids(
    c: &Clustering,
    snapshot: Snapshot,
    ids: Vec<String>,
) -> Result<(StoryClustering, ClusterSnapshot), StoreError> {
    let id = |i: usize| ids.get(i).cloned().ok_or_else(internal_error);
    let all = |docs: &[usize]| docs.iter().map(|&i| id(i)).collect::<Result<Vec<_>, _>>();
    let mut stories = Vec::with_capacity(c.stories.len());
    let mut story_states = Vec::with_capacity(c.stories.len());
    for (s, state) in c.stories.iter().zip(&snapshot.stories) {
        let documents = all(&s.documents)?;
        let Some(first) = documents.first() else {
            continue;
        };
        story_states.push(stored_story(&story_id(first), state));
        let episodes = s
            .episodes
            .iter()
            .map(|e| {
                Ok(NewEpisode {
                    title: e.title.clone(),
                    start: e.start.clone(),
                    end: e.end.clone(),
                    documents: all(&e.documents)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        stories.push(NewStory {
            id: story_id(first),
            title: s.title.clone(),
            start: s.start.clone(),
            end: s.end.clone(),
            documents,
            episodes,
        });
    }
    let mut copies = Vec::new();
    for g in &c.copies {
        for &(copy, similarity) in &g.copies {
            copies.push(CopyOf {
                document_id: id(copy)?,
                original_id: id(g.original)?,
                similarity,
            });
        }
    }
    copies.sort_by(|a, b| a.document_id.cmp(&b.document_id));
    if snapshot.documents.len() != ids.len() {
        return Err(internal_error());
    }
    let documents = ids
        .into_iter()
        .zip(snapshot.documents)
        .map(|(id, s)| stored_state(id, s))
        .collect();
    let snapshot = ClusterSnapshot {
        version: CLUSTER_VERSION.to_string(),
        terms: snapshot.terms,
        docs: snapshot.docs,
        documents,
        stories: story_states,
    };
    Ok((StoryClustering { stories, copies }, snapshot))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source of documents held in memory.
    struct Docs(Vec<ClusterDocument>);

    impl ClusterSource for Docs {
        fn for_each_cluster_document(
            &self,
            f: &mut dyn FnMut(ClusterDocument) -> Result<(), StoreError>,
        ) -> Result<(), StoreError> {
            self.0.iter().cloned().try_for_each(f)
        }
    }

    fn doc(id: &str, date: &str, text: &str) -> ClusterDocument {
        ClusterDocument {
            id: id.into(),
            published: Some(date.into()),
            title: Some(format!("Title {id}")),
            text: text.into(),
            entities: vec!["Saltmere".into()],
        }
    }

    fn pool() -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap()
    }

    #[test]
    fn story_ids_name_the_earliest_document_and_copies_point_to_the_original() {
        let wire = "The port of Saltmere reopened its eastern quay to shipping on Monday after \
            months of repairs, the port authority said, and the first tankers were expected \
            within days as inspectors finished their checks of the damaged chemical berths \
            and the coast guard lifted the last of its restrictions on the harbour approaches.";
        let other = "Farmers in the northern valleys reported an early harvest of apples this \
            autumn, with cooperatives warning that storage would run short before winter.";
        let docs = Docs(vec![
            doc("bbbbbbbbbbbb", "2026-04-28", wire),
            doc("aaaaaaaaaaaa", "2026-04-27", wire),
            doc("cccccccccccc", "2026-09-01", other),
        ]);
        let (c, snapshot) = compute_clustering(&docs, &pool(), &Interrupt::never()).unwrap();
        assert_eq!(snapshot.documents.len(), 3);
        assert_eq!(snapshot.stories.len(), 2);
        assert_eq!(snapshot.stories[0].story_id, "s-aaaaaaaaaaaa");
        assert_eq!(c.stories.len(), 2, "{c:#?}");
        assert_eq!(c.stories[0].id, "s-aaaaaaaaaaaa");
        assert_eq!(c.stories[0].documents, ["aaaaaaaaaaaa", "bbbbbbbbbbbb"]);
        assert_eq!(c.stories[1].id, "s-cccccccccccc");
        assert_eq!(c.copies.len(), 1);
        assert_eq!(c.copies[0].document_id, "bbbbbbbbbbbb");
        assert_eq!(c.copies[0].original_id, "aaaaaaaaaaaa");
        assert!(c.copies[0].similarity > 0.9);
        let counts = StoryCounts::of(&c);
        assert_eq!(
            counts,
            StoryCounts {
                stories: 2,
                documents: 3,
                copy_groups: 1,
                copies: 1,
                placed: None,
            }
        );
    }

    #[test]
    fn no_documents_no_stories() {
        let (c, _) = compute_clustering(&Docs(vec![]), &pool(), &Interrupt::never()).unwrap();
        assert_eq!(c, StoryClustering::default());
    }
}
