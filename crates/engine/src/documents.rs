//! One document as a reader opens it: its clean text and metadata, its
//! analysis (entities, quotes, claims with their spans), its place among
//! the stories and copies, and on request the lines extraction removed.

use crosscheck_model::{Document, ExportDocument};
use crosscheck_store::{DocumentStory, Store, StoreError, StoredAnalysis};
use serde_json::{json, Value};

/// A stored document with what the store knows about it.
pub struct DocumentView {
    pub document: Document,
    /// `None` until the document is analysed.
    pub analysis: Option<StoredAnalysis>,
    pub place: DocumentStory,
}

/// The document with this id, id prefix or sha256, if stored (in the
/// caller's read snapshot).
pub fn document(store: &dyn Store, id: &str) -> Result<Option<DocumentView>, StoreError> {
    let Some(document) = store.get_document(id)? else {
        return Ok(None);
    };
    let analysis = store.get_analysis(&document.id)?;
    let place = store.document_story(&document.id)?;
    Ok(Some(DocumentView {
        document,
        analysis,
        place,
    }))
}

impl DocumentView {
    /// The document as JSON: the export's document object, with its
    /// analysis, story, copy relations and, with `explain`, the removed
    /// lines.
    pub fn to_json(&self, explain: bool) -> serde_json::Result<Value> {
        let mut v = serde_json::to_value(ExportDocument::from(&self.document))?;
        if explain {
            v["removed_lines"] = serde_json::to_value(&self.document.removed_lines)?;
        }
        if let Some(stored) = &self.analysis {
            v["analysis"] = serde_json::to_value(&stored.analysis)?;
        }
        v["story"] = match &self.place.story {
            Some((id, title)) => json!({"id": id, "title": title}),
            None => Value::Null,
        };
        v["copy_of"] = match &self.place.copy_of {
            Some(c) => json!({"original": c.original_id, "similarity": c.similarity}),
            None => Value::Null,
        };
        v["copies"] = self
            .place
            .copies
            .iter()
            .map(|c| json!({"document_id": c.document_id, "similarity": c.similarity}))
            .collect();
        Ok(v)
    }
}
