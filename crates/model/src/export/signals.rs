//! Outlet signals as exported (`signals` of the export, `crosscheck
//! signals --format json`): per document and per outlet, what a careful
//! reader would note about how a text was made (claims that name no
//! source, numbers no other outlet carries, duplicated paragraphs, template
//! text, page chrome, stock filler phrases), each figure with the evidence
//! behind it. A signal is an observation with its counts, never a verdict
//! about the outlet.

use serde::{Deserialize, Serialize};

/// `signals` of the export: every document's signals, and the signals of
/// each outlet over its documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExportSignals {
    /// By document id.
    pub documents: Vec<ExportDocumentSignals>,
    /// By outlet name, documents of unknown outlet last (each alone).
    pub outlets: Vec<ExportOutletSignals>,
}

/// What a signal measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// Check-worthy claims stated in the outlet's own voice: no named or
    /// unnamed source.
    UnattributedClaims,
    /// Numbers in the document's claims that no document of another outlet
    /// of its story carries.
    ExclusiveNumbers,
    /// Paragraphs printed more than once: removed by the extractor, or
    /// still repeated in the clean text.
    DuplicatedParagraphs,
    /// Template or placeholder text ("lorem ipsum", "[INSERT …]", "{{…}}",
    /// an unfilled "%s").
    PlaceholderText,
    /// The share of the page that was chrome (menus, share lines, prompts…).
    PageChrome,
    /// Stock filler phrases ("only time will tell").
    FillerPhrases,
}

impl SignalKind {
    pub const ALL: [SignalKind; 6] = [
        SignalKind::UnattributedClaims,
        SignalKind::ExclusiveNumbers,
        SignalKind::DuplicatedParagraphs,
        SignalKind::PlaceholderText,
        SignalKind::PageChrome,
        SignalKind::FillerPhrases,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::UnattributedClaims => "unattributed_claims",
            SignalKind::ExclusiveNumbers => "exclusive_numbers",
            SignalKind::DuplicatedParagraphs => "duplicated_paragraphs",
            SignalKind::PlaceholderText => "placeholder_text",
            SignalKind::PageChrome => "page_chrome",
            SignalKind::FillerPhrases => "filler_phrases",
        }
    }

    /// A short label for listings ("claims with no source named").
    pub fn label(self) -> &'static str {
        match self {
            SignalKind::UnattributedClaims => "claims with no source named",
            SignalKind::ExclusiveNumbers => "numbers no other outlet carries",
            SignalKind::DuplicatedParagraphs => "duplicated paragraphs",
            SignalKind::PlaceholderText => "template or placeholder text",
            SignalKind::PageChrome => "page chrome",
            SignalKind::FillerPhrases => "stock filler phrases",
        }
    }
}

/// One signal of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportSignal {
    pub kind: SignalKind,
    /// False when the signal says nothing about this document (page chrome
    /// of a clean-text record, numbers when no other outlet is in its
    /// story); `count` is then 0.
    pub applicable: bool,
    /// How many: claims, numbers, paragraphs, matches, or (page chrome)
    /// characters.
    pub count: usize,
    /// Out of how many, when the count is part of a whole (check-worthy
    /// claims, numbers in claims, characters of the input); else null.
    pub total: Option<usize>,
    /// `count / total` in [0, 1]; null when there is no whole or it is 0.
    pub share: Option<f64>,
    /// The figure in words ("3 of 7 check-worthy claims name no source").
    pub summary: String,
    /// What justifies the figure.
    pub evidence: Vec<ExportSignalEvidence>,
}

/// One piece of evidence: words of the document's clean text with their
/// span, or a line the extractor removed (no span).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportSignalEvidence {
    pub text: String,
    /// `text[start..end]` of the document's clean text; null for a removed
    /// line or a count by reason.
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// The claim the words belong to (`<document id>-c<index>`), if any.
    pub claim_id: Option<String>,
    /// The sentence (claim) around the words, when it is not the words
    /// themselves.
    pub context: Option<ExportSignalContext>,
    /// What the evidence shows ("15 percent, increase; no other outlet
    /// gives it", "removed by the extractor as a duplicate paragraph").
    pub detail: Option<String>,
}

/// A span of a document's clean text with its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSignalContext {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// The signals of one document (and one `document_signals` line of
/// `--format jsonl`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportDocumentSignals {
    pub document_id: String,
    pub outlet: Option<String>,
    /// The story the document belongs to, whose other outlets the numbers
    /// are compared with; null before clustering.
    pub story_id: Option<String>,
    /// The document this one is a copy of.
    pub copy_of: Option<String>,
    /// One per kind, in the order of [`SignalKind::ALL`].
    pub signals: Vec<ExportSignal>,
}

/// The signals of one outlet over its documents (and one `outlet_signals`
/// line of `--format jsonl`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportOutletSignals {
    /// Null for a document of unknown outlet (each is an outlet of its own).
    pub outlet: Option<String>,
    /// The story the figures are about; null when they are over all the
    /// outlet's documents.
    pub story_id: Option<String>,
    /// Every document of the outlet in scope.
    pub document_ids: Vec<String>,
    /// The documents counted: of several copies of one text, the outlet's
    /// first counts and the others are left out.
    pub counted_document_ids: Vec<String>,
    /// One per kind, in the order of [`SignalKind::ALL`].
    pub signals: Vec<ExportOutletSignal>,
}

/// One signal of an outlet: the sums over its counted documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportOutletSignal {
    pub kind: SignalKind,
    /// False when it applies to none of the counted documents.
    pub applicable: bool,
    pub count: usize,
    pub total: Option<usize>,
    /// `count / total` in [0, 1], or null.
    pub share: Option<f64>,
    /// The figure in words, with the number of documents behind it.
    pub summary: String,
    /// The documents behind the figure: the counted documents the signal
    /// applies to (their per-document signals hold the evidence).
    pub document_ids: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::LineType;

    #[test]
    fn kinds_and_line_types_serialise_as_the_schema_names_them() {
        for kind in SignalKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        assert_eq!(
            serde_json::to_string(&LineType::DocumentSignals).unwrap(),
            "\"document_signals\""
        );
        assert_eq!(
            serde_json::to_string(&LineType::OutletSignals).unwrap(),
            "\"outlet_signals\""
        );
        assert_eq!(
            serde_json::to_string(&LineType::Story).unwrap(),
            "\"story\""
        );
    }
}
