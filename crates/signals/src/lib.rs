//! Outlet signals: what a careful reader notes about how a text was made,
//! per document and per outlet, each figure with the evidence behind it and
//! never as a verdict.
//!
//! Pure functions over the model's types (no store, no I/O). For one
//! story, [`story_signals`] takes its documents (the stored [`Document`]
//! with its claims, story and copy relation) and gives each document six
//! signals ([`SignalKind::ALL`]):
//!
//! - `unattributed`: check-worthy claims stated in the outlet's own voice;
//! - `exclusive`: numbers of its claims that no document of another outlet
//!   of the story carries (normalised values, with a tolerance);
//! - `duplicates`: paragraphs the extractor removed as repeats, and
//!   paragraphs still repeated in the clean text;
//! - `placeholders`: template or placeholder text left in the clean text,
//!   and lines the extractor removed as placeholders;
//! - `chrome`: the share of the page's text that was page chrome (page
//!   text and HTML inputs only);
//! - `filler`: stock filler phrases of `lexicon/filler.txt`.
//!
//! [`outlet_signals`] sums the document signals per outlet, counting a
//! group of copies once within an outlet.

mod chrome;
mod duplicates;
mod evidence;
mod exclusive;
mod filler;
mod lexicon;
mod outlet;
mod placeholders;
mod text;
mod unattributed;

#[cfg(test)]
mod fixtures;

use crosscheck_model::export::{ExportDocumentSignals, SignalKind};
use crosscheck_model::{DocClaim, Document};

pub use exclusive::Carried;
pub use outlet::outlet_signals;

/// One document as the signals read it.
#[derive(Debug, Clone, Copy)]
pub struct DocInput<'a> {
    pub document: &'a Document,
    /// Its claims, every score, in the analysis' order (indices give the
    /// claim ids).
    pub claims: &'a [DocClaim],
    /// The story it belongs to, if clustered.
    pub story_id: Option<&'a str>,
    /// The document it is a copy of, if any.
    pub copy_of: Option<&'a str>,
}

/// The signals of the documents of one story (or of documents with no
/// story, each alone), in the given order. The numbers of each document
/// are compared with those of the other outlets among `docs`.
pub fn story_signals(docs: &[DocInput<'_>]) -> Vec<ExportDocumentSignals> {
    docs.iter()
        .enumerate()
        .map(|(i, d)| {
            let others = Carried::by_other_outlets(docs, i);
            document_signals(d, &others)
        })
        .collect()
}

/// The signals of one document, its numbers compared with `others` (what
/// the other outlets of its story carry).
pub fn document_signals(d: &DocInput<'_>, others: &Carried) -> ExportDocumentSignals {
    let doc = d.document;
    let signals = SignalKind::ALL
        .iter()
        .map(|kind| match kind {
            SignalKind::UnattributedClaims => unattributed::signal(doc, d.claims),
            SignalKind::ExclusiveNumbers => exclusive::signal(doc, d.claims, others),
            SignalKind::DuplicatedParagraphs => duplicates::signal(doc),
            SignalKind::PlaceholderText => placeholders::signal(doc, d.claims),
            SignalKind::PageChrome => chrome::signal(doc),
            SignalKind::FillerPhrases => filler::signal(doc, d.claims),
        })
        .collect();
    ExportDocumentSignals {
        document_id: doc.id.clone(),
        outlet: text::outlet_name(doc.outlet.as_deref()),
        story_id: d.story_id.map(str::to_string),
        copy_of: d.copy_of.map(str::to_string),
        signals,
    }
}
