//! The types of the corroboration stage's result as the store keeps it
//! (migration 5): per story, the aligned claims and the role conflicts.
//! Written by [`crate::Store::recorroborate`] /
//! [`crate::Store::replace_corroboration`], read by
//! [`crate::Store::story_findings`].

use crosscheck_model::{ClaimStatus, DocAnalysis};

use crate::StoreError;

/// The corroboration stage as [`crate::Store::recorroborate`] calls it: a
/// batch of stories (id and documents) in, their findings out in the same
/// order (a batch, so that the stage can work on several stories at once).
pub type Corroborate<'a> =
    dyn FnMut(Vec<(String, Vec<StoryDocument>)>) -> Result<Vec<StoryFindings>, StoreError> + 'a;

/// One document of a story as the corroboration stage reads it
/// ([`crate::Store::story_documents`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryDocument {
    pub id: String,
    pub outlet: Option<String>,
    /// `YYYY-MM-DD` (the stored date cut to ten characters), or `None`.
    pub published: Option<String>,
    pub title: Option<String>,
    pub text: String,
    /// Empty when the document has not been analysed.
    pub analysis: DocAnalysis,
    /// The names of the upstream sources its text names, each once, in
    /// text order.
    pub upstream: Vec<String>,
    /// The document this one is a copy of (which may be outside the story).
    pub copy_of: Option<String>,
    /// The index of the story's episode (development) the document is in.
    pub episode: Option<usize>,
}

/// A claim of a document: (document id, index into its claims).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClaimRef {
    pub document_id: String,
    pub claim: usize,
}

/// Documents that count as one independent source, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceRecord {
    /// Earliest first.
    pub documents: Vec<String>,
    /// Why they were merged; empty for a single document.
    pub merged_because: Vec<String>,
    /// The reporting chain they form, by name (empty in findings stored
    /// before schema 7).
    pub chain: String,
}

/// The other side of a contested fact, to store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewContradiction {
    pub claims: Vec<ClaimRef>,
    pub reason: String,
}

/// A checkable part of a fact whose documents state only some of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactPartRecord {
    /// Byte span in the text of the document of the fact's representative
    /// claim, inside that claim.
    pub start: usize,
    pub end: usize,
    /// The part holding the claim's main verb: the fact's status is its.
    pub main: bool,
    /// The documents stating it, earliest first.
    pub documents: Vec<String>,
    /// Their independent reporting chains.
    pub sources: Vec<SourceRecord>,
}

/// One fact as a story's documents state it, to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAlignedClaim {
    pub status: ClaimStatus,
    /// The member claims, earliest document first; the first is the
    /// representative. Never empty.
    pub claims: Vec<ClaimRef>,
    /// The supporting documents, earliest first.
    pub documents: Vec<String>,
    pub outlets: Vec<String>,
    pub sources: Vec<SourceRecord>,
    pub contradictions: Vec<NewContradiction>,
    pub unattributed: bool,
    /// Its checkable parts when its documents state only some of them
    /// (empty otherwise); `sources` and `status` are the main part's.
    pub parts: Vec<FactPartRecord>,
}

/// One side of a role conflict: a title and the documents that give it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleSide {
    pub title: String,
    pub documents: Vec<String>,
    /// The side's documents as independent reporting chains (empty in
    /// findings stored before schema 8).
    pub chains: Vec<SourceRecord>,
}

/// A person given conflicting titles by a story's documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleConflictRecord {
    pub entity: String,
    pub sides: Vec<RoleSide>,
}

/// What corroboration found in one story, to store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryFindings {
    pub story_id: String,
    pub claims: Vec<NewAlignedClaim>,
    pub role_conflicts: Vec<RoleConflictRecord>,
}

/// A stored claim with its words and span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimEvidence {
    pub document_id: String,
    /// Index into the document's claims.
    pub claim: usize,
    pub start: usize,
    pub end: usize,
    /// `text[start..end]` of the document.
    pub text: String,
}

/// The other side of a stored contested fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContradictionRecord {
    pub claims: Vec<ClaimEvidence>,
    pub reason: String,
}

/// A stored aligned claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlignedClaimRecord {
    /// Position in the story, from 0.
    pub index: usize,
    pub status: ClaimStatus,
    /// The member claims, the representative first.
    pub claims: Vec<ClaimEvidence>,
    pub documents: Vec<String>,
    pub outlets: Vec<String>,
    pub sources: Vec<SourceRecord>,
    pub contradictions: Vec<ContradictionRecord>,
    pub unattributed: bool,
    /// As [`NewAlignedClaim::parts`] (none in findings stored before
    /// schema 9).
    pub parts: Vec<FactPartRecord>,
}

/// What corroboration found in one stored story; empty before the first
/// corroboration (or for an unknown story).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindingsRecord {
    pub claims: Vec<AlignedClaimRecord>,
    pub role_conflicts: Vec<RoleConflictRecord>,
}

impl FindingsRecord {
    /// The number of aligned claims of this status.
    pub fn count(&self, status: ClaimStatus) -> usize {
        self.claims.iter().filter(|c| c.status == status).count()
    }
}
