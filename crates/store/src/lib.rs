//! The only crate that knows SQL.
//!
//! Every stage reads and writes documents through the backend-neutral
//! [`Store`] trait. [`SqliteStore`] is the embedded backend (one SQLite file,
//! WAL mode, versioned migrations embedded in the binary); a PostgreSQL
//! backend can implement the same trait later without touching other crates.
//!
//! Guarantees of [`Store::insert_documents`]:
//! - one transaction per batch: a SQL error rolls back the whole batch;
//! - idempotent: a document whose `sha256` is already stored is "unchanged";
//! - an id collision (another `sha256` with the same id prefix) is reported
//!   per document in [`InsertOutcome::collisions`] and that document is
//!   skipped; the rest of the batch commits.
//!
//! A document's analysis ([`DocAnalysis`]: entities, mentions, quotes,
//! claims) is
//! stored with the document in the same transaction, or later by
//! [`Store::save_analyses`], always whole: a document is never stored
//! half-analysed. Store-wide links (entities across documents, quote
//! variants) are replaced as a whole by [`Store::relink`], the result of
//! the cluster stage (stories, episodes, copies) by [`Store::recluster`], and
//! that of the corroboration stage (per story: aligned claims, sources,
//! contradictions, role conflicts) by [`Store::recorroborate`]. An ingest
//! uses [`Store::stage_documents`] and then [`Store::rederive`], which
//! replaces all of those (and analyses of an older version) in one
//! transaction: readers see the complete state before an ingest or the
//! complete state after it, never a mixture, whatever interrupts it.

mod analysis;
mod claims;
mod cluster_state;
mod corroboration;
mod error;
mod fetchlog;
mod findings;
mod link_state;
mod links_write;
mod rows;
mod schema;
mod search;
mod sqlite;
mod stories;

use std::collections::{HashMap, HashSet};

use crosscheck_model::{
    ClaimStatus, DocAnalysis, DocClaim, DocEntity, DocQuote, Document, EntityKind, LinkedEntity,
    PageLines,
};

pub use analysis::check_analysis;
pub use cluster_state::{ClusterSnapshot, ClusterState, ClusterUpdate, DocumentState, StoryState};
pub use error::StoreError;
pub use fetchlog::{FetchRecord, SourceStatus, Validators};
pub use findings::{
    AlignedClaimRecord, ClaimEvidence, ClaimRef, ContradictionRecord, Corroborate, FactPartRecord,
    FindingsRecord, NewAlignedClaim, NewContradiction, RoleConflictRecord, RoleSide, SourceRecord,
    StoryDocument, StoryFindings,
};
pub use link_state::{LinkState, LinkUpdate, MovedGroup, StoredGroup};
pub use schema::LATEST_VERSION;
pub use search::{HitClaim, SearchAtom, SearchFilters, SearchHit, SearchPage, SearchQuery};
pub use sqlite::SqliteStore;

/// A document to insert, with the line fingerprints of its page if any
/// and its analysis (stored in the same transaction) if any.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDocument {
    pub doc: Document,
    pub page_lines: Option<PageLines>,
    pub analysis: Option<StoredAnalysis>,
}

/// A document's analysis with the version of the analyser that produced it
/// (stored in `documents.analysis_version`; documents analysed by an older
/// version are listed by [`Store::analysis_backlog`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredAnalysis {
    pub version: u32,
    pub analysis: DocAnalysis,
}

/// One analysed document, as the linkers need it ([`Store::relink`],
/// [`Store::for_each_analysis`]).
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysedDocument {
    pub id: String,
    /// `YYYY-MM-DD` when known.
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub text: String,
    pub analysis: DocAnalysis,
}

/// A quote that repeats a statement first given by another quote:
/// (document id, index into its quotes) of both.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct QuoteVariant {
    pub document_id: String,
    pub quote: usize,
    pub variant_of_document: String,
    pub variant_of_quote: usize,
}

/// Everything that links documents: replaced as a whole.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Links {
    pub entities: Vec<LinkedEntity>,
    pub variants: Vec<QuoteVariant>,
}

/// One document's view of a linked entity.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityMember {
    pub document_id: String,
    /// Index into that document's entities.
    pub index: usize,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub entity: DocEntity,
}

/// A linked entity with every document entity it groups, for listing and
/// export. Members are in (published NULLS LAST, document id, index) order.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRecord {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub members: Vec<EntityMember>,
}

/// The speaker of a quote: the document entity, and the linked entity it
/// belongs to when linked.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteSpeaker {
    /// Index into the document's entities.
    pub index: usize,
    /// The linked entity's id, `None` when the document entity is not linked.
    pub entity_id: Option<String>,
    /// The linked entity's canonical name, else the document entity's name.
    pub name: String,
    /// The roles the quote's document gives the speaker.
    pub roles: Vec<String>,
}

/// A quote with where and when it appeared, for listing and export.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRecord {
    pub document_id: String,
    /// Index into the document's quotes.
    pub index: usize,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub quote: DocQuote,
    /// The text of `quote.content`, `quote.cue`, `quote.source`.
    pub text: String,
    pub cue: Option<String>,
    pub source: Option<String>,
    pub speaker: Option<QuoteSpeaker>,
    /// (document id, quote index) of the quote this one is a variant of.
    pub variant_of: Option<(String, usize)>,
}

/// Which claims [`Store::for_each_claim`] lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimFilter {
    /// Only the claims of the document with this exact id.
    pub document_id: Option<String>,
    /// Only claims whose checkworthiness is at least this.
    pub min_score: Option<f32>,
}

/// An entity a claim names (a subject, or its named source): the document
/// entity, and the linked entity it belongs to when linked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimEntity {
    /// Index into the document's entities.
    pub index: usize,
    /// The linked entity's id, `None` when the document entity is not linked.
    pub entity_id: Option<String>,
    /// The linked entity's canonical name, else the document entity's name.
    pub name: String,
}

/// A claim with its document's outlet, date and title, its text and the
/// entities it names, for listing and export.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRecord {
    pub document_id: String,
    /// Index into the document's claims.
    pub index: usize,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub claim: DocClaim,
    /// The text of `claim.span`, of `claim.object`, of each amount and of
    /// the time expression.
    pub text: String,
    pub object: Option<String>,
    pub amount_texts: Vec<String>,
    pub time_text: Option<String>,
    /// The subjects, in the order of `claim.subjects`.
    pub subjects: Vec<ClaimEntity>,
    /// The named source (`claim.attribution.entity` of a named attribution).
    pub source: Option<ClaimEntity>,
}

/// One document as the cluster stage reads it
/// ([`ClusterSource::for_each_cluster_document`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClusterDocument {
    pub id: String,
    /// `YYYY-MM-DD` (the stored date cut to ten characters), or `None`.
    pub published: Option<String>,
    pub title: Option<String>,
    pub text: String,
    /// The canonical names of the people, organisations and places the
    /// document names: the linked entity's name, else the document entity's
    /// own; each name once, in the order of the document's entities.
    pub entities: Vec<String>,
}

/// The analysed documents as linking reads them, one at a time in id order
/// (a store's analyses do not fit in memory at once).
pub trait LinkSource {
    /// Every analysed document in id order, streamed to the callback, with
    /// what linking reads of its analysis: the entities *without their
    /// mentions* and the quotes; no claims. An error returned by the
    /// callback stops the stream and is returned.
    fn for_each_link_document(
        &self,
        f: &mut dyn FnMut(AnalysedDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
}

/// The documents as the cluster stage reads them: every stored document, in
/// id order, one at a time (no text needs to stay in memory; call it twice
/// for two passes).
pub trait ClusterSource {
    /// Every stored document in id order, streamed to the callback; an error
    /// returned by the callback stops the stream and is returned.
    fn for_each_cluster_document(
        &self,
        f: &mut dyn FnMut(ClusterDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
}

/// A document that is a copy of an earlier one, with the estimated share of
/// word shingles the two have in common.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyOf {
    pub document_id: String,
    pub original_id: String,
    pub similarity: f32,
}

/// A distinct dated development of a story, to store.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewEpisode {
    pub title: String,
    /// `YYYY-MM-DD`, `None` when no member is dated.
    pub start: Option<String>,
    pub end: Option<String>,
    /// Ids of members of the story, in the cluster stage's order.
    pub documents: Vec<String>,
}

/// A story to store.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewStory {
    /// `s-<id of the first document>` (`crosscheck_model::story_id`).
    pub id: String,
    pub title: String,
    pub start: Option<String>,
    pub end: Option<String>,
    /// Document ids in publication order (undated last).
    pub documents: Vec<String>,
    /// In date order; each document of the story in at most one.
    pub episodes: Vec<NewEpisode>,
}

/// What the cluster stage found: replaced as a whole
/// ([`Store::replace_clustering`], [`Store::recluster`]). Stories are kept in
/// the given order (by start date).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryClustering {
    pub stories: Vec<NewStory>,
    pub copies: Vec<CopyOf>,
}

/// A document of a story, for listing.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryMember {
    pub id: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    /// The document it is a copy of, when it is one.
    pub copy_of: Option<CopyOf>,
}

/// An episode of a stored story.
#[derive(Debug, Clone, PartialEq)]
pub struct EpisodeRecord {
    /// Position in the story, from 0.
    pub index: usize,
    pub title: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub document_ids: Vec<String>,
}

/// A document and its copies.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyGroup {
    pub original_id: String,
    /// In the order of the story's documents.
    pub copies: Vec<CopyOf>,
}

/// A story as a listing shows it: what it is about, when, how many
/// documents and outlets, and how many of its facts are confirmed,
/// single-source or contested.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StoryListing {
    pub id: String,
    pub title: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub documents: usize,
    /// Its known outlets, in the story's order.
    pub outlets: Vec<String>,
    /// Its documents of unknown outlet.
    pub unknown_outlet: usize,
    pub corroborated: usize,
    pub single_source: usize,
    pub contested: usize,
    pub role_conflicts: usize,
}

/// A linked entity as a listing shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EntityListing {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    /// The documents naming it.
    pub documents: usize,
}

/// Which stories a listing shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryListFilter {
    /// Stories with a document of an outlet whose name contains this (any
    /// case).
    pub outlet: Option<String>,
    /// Stories with at least one fact of this status.
    pub status: Option<ClaimStatus>,
}

/// A stored story with its documents, episodes and copy groups, for listing
/// and export.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryRecord {
    pub id: String,
    pub title: String,
    pub start: Option<String>,
    pub end: Option<String>,
    /// In publication order (undated last).
    pub documents: Vec<StoryMember>,
    pub episodes: Vec<EpisodeRecord>,
    /// The groups whose original is a document of this story, in the order
    /// of the originals.
    pub copies: Vec<CopyGroup>,
}

/// Where one document stands in the clustering ([`Store::document_story`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentStory {
    /// (story id, story title); `None` before the first clustering.
    pub story: Option<(String, String)>,
    /// The document this one is a copy of.
    pub copy_of: Option<CopyOf>,
    /// The documents that are copies of this one, by id.
    pub copies: Vec<CopyOf>,
}

/// What [`Store::insert_documents`] did with each document of a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InsertOutcome {
    /// Ids of the documents stored by this call, in batch order.
    pub inserted: Vec<String>,
    /// Ids of the documents whose `sha256` was already stored (nothing written).
    pub unchanged: Vec<String>,
    /// Documents refused because another document already holds their id.
    pub collisions: Vec<IdCollision>,
}

/// A document whose id (a prefix of its `sha256`) is already taken by a
/// document with a different `sha256`. The stored document is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdCollision {
    pub id: String,
    /// The `sha256` of the refused document.
    pub sha256: String,
    /// The `sha256` of the document that holds the id.
    pub existing_sha256: String,
}

impl std::fmt::Display for IdCollision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "document id {} of sha256 {} is already taken by sha256 {}",
            self.id, self.sha256, self.existing_sha256
        )
    }
}

/// One line of `crosscheck list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSummary {
    pub id: String,
    pub source: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub words: usize,
    pub language: Option<String>,
}

/// Counts over the stored findings of every story.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FindingTotals {
    pub claims: usize,
    pub corroborated: usize,
    pub single_source: usize,
    pub contested: usize,
    pub role_conflicts: usize,
}

/// The stages that [`Store::rederive`] runs, in this order, inside its one
/// transaction. Each may return an error (e.g. [`StoreError::Interrupted`])
/// to abandon the whole derivation, leaving the stored state as it was.
pub trait Derive {
    /// Analyse these stored documents (a batch of those with no analysis
    /// or an older one); the analyses returned replace theirs (a document
    /// missing from the result keeps what it has).
    fn analyses(
        &mut self,
        documents: Vec<Document>,
    ) -> Result<Vec<(String, StoredAnalysis)>, StoreError>;

    /// The links of every analysed document (see [`Store::relink`]).
    fn links(&mut self, source: &dyn LinkSource) -> Result<Links, StoreError>;

    /// The links of the documents staged by this ingest, made by changing
    /// only the stored links they touch, when the stored state allows it
    /// and an update is wanted; `None` links everything again
    /// ([`Derive::links`]). Only asked when [`Derive::findings_version`] is
    /// given.
    fn link_update(&mut self, _state: &dyn LinkState) -> Result<Option<LinkUpdate>, StoreError> {
        Ok(None)
    }

    /// Called once an update from [`Derive::link_update`] is written, with
    /// the links as they now are.
    fn links_written(&mut self, _state: &dyn LinkState) -> Result<(), StoreError> {
        Ok(())
    }

    /// The version of the stages that compute findings (with the analysis
    /// they read), when the stored findings of stories whose input did not
    /// change may be kept: only the stories the new clustering changed are
    /// then handed to [`Derive::findings`]. `None` computes the findings of
    /// every story again (a rebuild).
    fn findings_version(&self) -> Option<String> {
        None
    }

    /// The stories and copies of every document (see [`Store::recluster`]),
    /// and the state to keep for later updates (its stories in the order of
    /// the clustering's).
    fn clustering(
        &mut self,
        source: &dyn ClusterSource,
    ) -> Result<(StoryClustering, ClusterSnapshot), StoreError>;

    /// The documents without a cluster state placed into the stored
    /// stories, when the stored state allows it and an update is wanted;
    /// `None` clusters every document again ([`Derive::clustering`]). Only
    /// asked when [`Derive::findings_version`] is given.
    fn cluster_update(
        &mut self,
        _state: &dyn ClusterState,
    ) -> Result<Option<ClusterUpdate>, StoreError> {
        Ok(None)
    }

    /// Called once an update from [`Derive::cluster_update`] is written,
    /// with the state as it now is.
    fn cluster_written(&mut self, _state: &dyn ClusterState) -> Result<(), StoreError> {
        Ok(())
    }

    /// The findings of a batch of stories, in the batch's order (see
    /// [`Store::recorroborate`]).
    fn findings(
        &mut self,
        stories: Vec<(String, Vec<StoryDocument>)>,
    ) -> Result<Vec<StoryFindings>, StoreError>;
}

/// A backend of the document store. Object-safe: stages hold a `Box<dyn Store>`.
pub trait Store: Send {
    /// Which of these sha256 values are already stored (to skip re-extraction).
    fn known_sha256(&self, sha256: &[String]) -> Result<HashSet<String>, StoreError>;

    /// Insert a batch in one transaction; duplicates by sha256 are unchanged,
    /// not errors. Id collisions are reported per document and skipped; any
    /// other error rolls back the whole batch.
    fn insert_documents(&mut self, docs: &[NewDocument]) -> Result<InsertOutcome, StoreError>;

    /// [`Store::insert_documents`], but the documents are *staged*: stored
    /// (a re-run of an interrupted ingest skips them) and hidden from every
    /// reader until the next [`Store::rederive`] commits, so that readers
    /// never see documents without the stories and findings that include
    /// them. (The derivation itself reads them.)
    fn stage_documents(&mut self, docs: &[NewDocument]) -> Result<InsertOutcome, StoreError>;

    /// How many documents are staged (stored by an ingest that has not
    /// finished): readers do not see them yet.
    fn staged_documents(&self) -> Result<usize, StoreError>;

    /// How many facts (aligned claims) the stored findings hold, by status,
    /// and how many role conflicts.
    fn finding_totals(&self) -> Result<FindingTotals, StoreError>;

    /// Which of these URLs a stored document (staged or not) has: a feed
    /// item whose article is stored is not fetched again.
    fn stored_urls(&self, urls: &[String]) -> Result<HashSet<String>, StoreError>;

    /// Append fetches to the fetch log and keep the validators of the
    /// successful ones, in one transaction.
    fn record_fetches(
        &mut self,
        fetches: &[FetchRecord],
        validators: &[(String, Validators)],
    ) -> Result<(), StoreError>;

    /// The validators kept for a URL (for a conditional request).
    fn validators(&self, url: &str) -> Result<Option<Validators>, StoreError>;

    /// The latest fetches (newest first) of one URL, or of all.
    fn fetch_log(&self, url: Option<&str>, limit: usize) -> Result<Vec<FetchRecord>, StoreError>;

    /// Every URL fetched, with its counts and latest fetch, failing ones
    /// first.
    fn sources(&self) -> Result<Vec<SourceStatus>, StoreError>;

    /// One page of the documents matching a search, best first: `limit`
    /// hits after the first `offset`, with how many match in all.
    fn search(
        &self,
        query: &SearchQuery,
        offset: usize,
        limit: usize,
    ) -> Result<SearchPage, StoreError>;

    /// Recompute everything derived from the stored documents and replace
    /// it, all in one write transaction, so that readers see the complete
    /// state before it until it commits and the complete state after it
    /// from then on, and an interruption (an error of `derive`, a crash, a
    /// kill) leaves the state before it untouched: analyses of documents
    /// with none or one older than `analysis_version` ([`Derive::analyses`],
    /// staged documents included), then the links ([`Derive::links`]), the
    /// stories and copies ([`Derive::clustering`]) and each story's findings
    /// ([`Derive::findings`]); last, staged documents are published.
    fn rederive(
        &mut self,
        analysis_version: u32,
        derive: &mut dyn Derive,
    ) -> Result<(), StoreError>;

    /// All documents, ordered by (published NULLS LAST, id) — deterministic.
    fn list_documents(&self) -> Result<Vec<DocumentSummary>, StoreError>;

    /// A document by id, unique id prefix (>= 4 hex chars) or exact sha256;
    /// `Ok(None)` if none; `Err(AmbiguousId{..})` if the prefix matches several.
    fn get_document(&self, id: &str) -> Result<Option<Document>, StoreError>;

    /// Every document in id order, streamed to the callback (export of large
    /// corpora without holding all in memory). An error returned by the
    /// callback (e.g. [`StoreError::Aborted`]) stops the stream and is returned.
    fn for_each_document(
        &self,
        f: &mut dyn FnMut(Document) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    fn count_documents(&self) -> Result<usize, StoreError>;

    /// For each fingerprint, the number of stored documents of this outlet
    /// key that contain it (absent = 0).
    fn line_recurrence(
        &self,
        outlet_key: &str,
        fingerprints: &[u64],
    ) -> Result<HashMap<u64, u32>, StoreError>;

    /// Run `f` inside one read transaction, so that several reads (e.g. an
    /// export's documents, entities and quotes) see one consistent state.
    fn snapshot(&self, f: &mut dyn FnMut() -> Result<(), StoreError>) -> Result<(), StoreError>;

    /// Ids (in id order) of the documents with no analysis or an analysis
    /// older than `version`.
    fn analysis_backlog(&self, version: u32) -> Result<Vec<String>, StoreError>;

    /// Replace the analyses of stored documents, in one transaction. A
    /// document that is gone, or already analysed by a version at least as
    /// new, is left alone. Returns the number of documents written.
    fn save_analyses(&mut self, analyses: &[(String, StoredAnalysis)])
        -> Result<usize, StoreError>;

    /// The analysis of the document with this exact id; `None` when there is
    /// no such document or it has not been analysed.
    fn get_analysis(&self, id: &str) -> Result<Option<StoredAnalysis>, StoreError>;

    /// Every analysed document in id order, streamed to the callback.
    fn for_each_analysis(
        &self,
        f: &mut dyn FnMut(AnalysedDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Replace all links (linked entities and quote variants) in one
    /// transaction. Members and variants must name stored document entities
    /// and quotes, or nothing is written.
    fn replace_links(&mut self, links: &Links) -> Result<(), StoreError>;

    /// Recompute the links under the write lock: read every analysed
    /// document (id order), call `compute`, replace the links with its
    /// result, all in one transaction. Concurrent writers serialise, so the
    /// last one to commit links every document committed before it.
    fn relink(
        &mut self,
        compute: &mut dyn FnMut(&dyn LinkSource) -> Result<Links, StoreError>,
    ) -> Result<(), StoreError>;

    /// Every stored document in id order, as the cluster stage reads it
    /// (outside [`Store::recluster`]: a read transaction).
    fn for_each_cluster_document(
        &self,
        f: &mut dyn FnMut(ClusterDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Replace the stories, episodes and copies in one transaction. Every
    /// document named must be stored, belong to at most one story and one
    /// episode (of its story), and be a copy at most once (not of itself),
    /// or nothing is written.
    fn replace_clustering(&mut self, clustering: &StoryClustering) -> Result<(), StoreError>;

    /// Recompute the clustering under the write lock: `compute` reads every
    /// stored document (id order, as often as it needs) through the source
    /// it is given, and its result replaces the stored one, all in one
    /// transaction. Like [`Store::relink`], the last of concurrent writers
    /// clusters every document committed before it.
    fn recluster(
        &mut self,
        compute: &mut dyn FnMut(&dyn ClusterSource) -> Result<StoryClustering, StoreError>,
    ) -> Result<(), StoreError>;

    /// One story by its exact id, with its documents, episodes and copy
    /// groups.
    fn story(&self, id: &str) -> Result<Option<StoryRecord>, StoreError>;

    /// The ids of the stories whose id starts with `prefix` (at most `limit`,
    /// in id order): how a short id is resolved.
    fn story_ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>, StoreError>;

    /// One page of the story listing, largest first, with each story's
    /// outlets and counts of findings; and whether more follow.
    fn story_list(
        &self,
        filter: &StoryListFilter,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<StoryListing>, bool), StoreError>;

    /// Every story in order (by start date), with its documents, episodes
    /// and copy groups.
    fn for_each_story(
        &self,
        f: &mut dyn FnMut(StoryRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// The story of the document with this exact id and its copy relations.
    fn document_story(&self, id: &str) -> Result<DocumentStory, StoreError>;

    /// The documents of one story, in its order, as the corroboration stage
    /// reads them: text, analysis, upstream source names, copy relation.
    /// Empty for an unknown story.
    fn story_documents(&self, story_id: &str) -> Result<Vec<StoryDocument>, StoreError>;

    /// Replace the findings of every story in one transaction (stories not
    /// named have none). Every story named must be stored, once, and every
    /// document named must be one of its documents, or nothing is written.
    fn replace_corroboration(&mut self, findings: &[StoryFindings]) -> Result<(), StoreError>;

    /// Recompute the findings under the write lock, one story at a time:
    /// for each stored story in order, `compute` gets its id and its
    /// documents ([`Store::story_documents`]) and returns its findings,
    /// which are written before the next story is read (one story's
    /// analyses in memory at a time); the old findings are replaced as a
    /// whole, all in one transaction. An error of `compute`, or invalid
    /// findings, leaves the stored ones as they were.
    fn recorroborate(&mut self, compute: &mut Corroborate<'_>) -> Result<(), StoreError>;

    /// The stored findings of one story (empty when there are none).
    fn story_findings(&self, story_id: &str) -> Result<FindingsRecord, StoreError>;

    /// The quotes of the documents of one story, as [`Store::for_each_quote`]
    /// gives them.
    /// The quotes one linked entity is given as the speaker of.
    fn for_each_speaker_quote(
        &self,
        entity_id: &str,
        f: &mut dyn FnMut(QuoteRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// One linked entity by id, with its documents' entities.
    fn entity(&self, id: &str) -> Result<Option<EntityRecord>, StoreError>;

    /// One page of linked entities, most documents first, optionally those
    /// whose name or an alias contains `name`; and how many there are.
    fn entity_list(
        &self,
        name: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<EntityListing>, usize), StoreError>;

    fn for_each_story_quote(
        &self,
        story_id: &str,
        f: &mut dyn FnMut(QuoteRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Every linked entity in id order, with its members.
    fn for_each_entity(
        &self,
        f: &mut dyn FnMut(EntityRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Every quote in (document id, index) order, with its document's outlet
    /// and date, its speaker and the quote it is a variant of.
    fn for_each_quote(
        &self,
        f: &mut dyn FnMut(QuoteRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// The claims that pass `filter`, in (document id, index) order, with
    /// their document's outlet, date and title and the entities they name.
    fn for_each_claim(
        &self,
        filter: &ClaimFilter,
        f: &mut dyn FnMut(ClaimRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// [`Store::for_each_entity`], collected.
    fn entities(&self) -> Result<Vec<EntityRecord>, StoreError> {
        let mut out = Vec::new();
        self.for_each_entity(&mut |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// [`Store::for_each_quote`], collected.
    fn quotes(&self) -> Result<Vec<QuoteRecord>, StoreError> {
        let mut out = Vec::new();
        self.for_each_quote(&mut |q| {
            out.push(q);
            Ok(())
        })?;
        Ok(out)
    }

    /// [`Store::for_each_story`], collected.
    fn stories(&self) -> Result<Vec<StoryRecord>, StoreError> {
        let mut out = Vec::new();
        self.for_each_story(&mut |s| {
            out.push(s);
            Ok(())
        })?;
        Ok(out)
    }

    /// [`Store::for_each_claim`], collected.
    fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimRecord>, StoreError> {
        let mut out = Vec::new();
        self.for_each_claim(filter, &mut |c| {
            out.push(c);
            Ok(())
        })?;
        Ok(out)
    }
}
