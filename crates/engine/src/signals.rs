//! Outlet signals read from the store: each document's, computed a whole
//! story at a time (a document's numbers are compared with the other
//! outlets' of its story), and each outlet's summed over documents
//! (`crosscheck_signals` computes them; this module reads what they need).

use std::collections::HashSet;

use crosscheck_model::export::{ExportDocumentSignals, ExportSignals};
use crosscheck_model::{DocClaim, Document};
use crosscheck_signals::{outlet_signals, story_signals, DocInput};
use crosscheck_store::{Store, StoreError, StoryRecord};

/// One document's stored text and claims, with its place in the clustering.
struct Loaded {
    doc: Document,
    claims: Vec<DocClaim>,
    copy_of: Option<String>,
}

fn load(
    store: &dyn Store,
    id: &str,
    copy_of: Option<String>,
) -> Result<Option<Loaded>, StoreError> {
    let Some(doc) = store.get_document(id)? else {
        return Ok(None);
    };
    // A document not analysed yet has no claims: its claim signals say so.
    let claims = store
        .get_analysis(&doc.id)?
        .map(|a| a.analysis.claims)
        .unwrap_or_default();
    Ok(Some(Loaded {
        doc,
        claims,
        copy_of,
    }))
}

fn compute(loaded: &[Loaded], story_id: Option<&str>) -> Vec<ExportDocumentSignals> {
    let inputs: Vec<DocInput<'_>> = loaded
        .iter()
        .map(|l| DocInput {
            document: &l.doc,
            claims: &l.claims,
            story_id,
            copy_of: l.copy_of.as_deref(),
        })
        .collect();
    story_signals(&inputs)
}

/// The signals of every document of one story, in the story's order (one
/// story's texts in memory at a time).
pub fn story_document_signals(
    store: &dyn Store,
    s: &StoryRecord,
) -> Result<Vec<ExportDocumentSignals>, StoreError> {
    let mut loaded = Vec::with_capacity(s.documents.len());
    for m in &s.documents {
        let copy_of = m.copy_of.as_ref().map(|c| c.original_id.clone());
        loaded.extend(load(store, &m.id, copy_of)?);
    }
    Ok(compute(&loaded, Some(&s.id)))
}

/// The signals of one document that belongs to no story (stored before
/// clustering ran): it has no other outlet to compare numbers with.
pub fn lone_document_signals(
    store: &dyn Store,
    id: &str,
) -> Result<Vec<ExportDocumentSignals>, StoreError> {
    let loaded: Vec<Loaded> = load(store, id, None)?.into_iter().collect();
    Ok(compute(&loaded, None))
}

/// Every document's signals, by document id, and every outlet's over all
/// its documents: the export's `signals` (the caller holds a snapshot).
pub fn all_signals(store: &dyn Store) -> Result<ExportSignals, StoreError> {
    let mut documents = Vec::new();
    let mut covered: HashSet<String> = HashSet::new();
    for s in store.stories()? {
        for d in story_document_signals(store, &s)? {
            covered.insert(d.document_id.clone());
            documents.push(d);
        }
    }
    for d in store.list_documents()? {
        if !covered.contains(&d.id) {
            documents.extend(lone_document_signals(store, &d.id)?);
        }
    }
    documents.sort_by(|a, b| a.document_id.cmp(&b.document_id));
    let outlets = outlet_signals(&documents, None);
    Ok(ExportSignals { documents, outlets })
}

/// The signals of one stored document's story (all of its documents), or
/// of the document alone when it belongs to no story.
pub fn document_story_signals(
    store: &dyn Store,
    id: &str,
) -> Result<Vec<ExportDocumentSignals>, StoreError> {
    match store.document_story(id)?.story {
        Some((sid, _)) => match store.story(&sid)? {
            Some(s) => story_document_signals(store, &s),
            None => lone_document_signals(store, id),
        },
        None => lone_document_signals(store, id),
    }
}

/// One outlet's signals over all its documents, and each of its documents'
/// signals with their evidence: computed over the stories its documents
/// belong to (and its documents in none), so that its numbers are compared
/// with the other outlets of each story. `None` when no document has this
/// outlet (exact name).
#[allow(clippy::type_complexity)]
pub fn outlet_page(
    store: &dyn Store,
    outlet: &str,
) -> Result<
    Option<(
        crosscheck_model::export::ExportOutletSignals,
        Vec<ExportDocumentSignals>,
    )>,
    StoreError,
> {
    let mine: HashSet<String> = store
        .list_documents()?
        .into_iter()
        .filter(|d| d.outlet.as_deref() == Some(outlet))
        .map(|d| d.id)
        .collect();
    if mine.is_empty() {
        return Ok(None);
    }
    let mut documents = Vec::new();
    let mut covered: HashSet<String> = HashSet::new();
    for s in store.stories()? {
        if !s.documents.iter().any(|d| mine.contains(&d.id)) {
            continue;
        }
        for d in story_document_signals(store, &s)? {
            if mine.contains(&d.document_id) {
                covered.insert(d.document_id.clone());
                documents.push(d);
            }
        }
    }
    let mut alone: Vec<&String> = mine.iter().filter(|id| !covered.contains(*id)).collect();
    alone.sort();
    for id in alone {
        documents.extend(lone_document_signals(store, id)?);
    }
    documents.sort_by(|a, b| a.document_id.cmp(&b.document_id));
    let summary = outlet_signals(&documents, None)
        .into_iter()
        .find(|o| o.outlet.as_deref() == Some(outlet));
    Ok(summary.map(|s| (s, documents)))
}
