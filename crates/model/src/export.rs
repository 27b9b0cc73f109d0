//! The JSON export contract (`crosscheck export`), documented by
//! `docs/export.schema.json`. Keys listed here stay stable; later stages add keys.

use serde::{Deserialize, Serialize};

use crate::amount::{Approx, Direction};
use crate::analysis::{EntityKind, MentionKind, QuoteKind};
use crate::claim::{AttributionKind, ClaimStatus};
use crate::document::{DateEvidence, Document, Removed};
use crate::timex::TimeKind;

pub mod signals;

pub use signals::{
    ExportDocumentSignals, ExportOutletSignal, ExportOutletSignals, ExportSignal,
    ExportSignalContext, ExportSignalEvidence, ExportSignals, SignalKind,
};

/// Version of the export format. Bumped only when a key changes meaning or is
/// removed; adding keys keeps the version.
pub const SCHEMA_VERSION: u32 = 1;

/// `crosscheck export --format json`: one object.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Export {
    pub schema_version: u32,
    pub documents: Vec<ExportDocument>,
    /// Store-wide entities, by id.
    #[serde(default)]
    pub entities: Vec<ExportEntity>,
    /// Quotes and attributions, by (document id, index in the document).
    #[serde(default)]
    pub quotes: Vec<ExportQuote>,
    /// Claims (every score), by (document id, index in the document).
    #[serde(default)]
    pub claims: Vec<ExportClaim>,
    /// Stories, by start date (undated last).
    #[serde(default)]
    pub stories: Vec<ExportStory>,
    /// Outlet signals: per document and per outlet, each with its evidence.
    #[serde(default)]
    pub signals: ExportSignals,
}

/// The `"type"` of each line of `crosscheck export --format jsonl`: one
/// `document` line per document, then one `entity` line per entity, one
/// `quote` line per quote, one `claim` line per claim and one `story` line
/// per story, then one `document_signals` line per document and one
/// `outlet_signals` line per outlet, each object shaped as in `--format json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LineType {
    Document,
    Entity,
    Quote,
    Claim,
    Story,
    #[serde(rename = "document_signals")]
    DocumentSignals,
    #[serde(rename = "outlet_signals")]
    OutletSignals,
}

/// One line of `--format jsonl`: the object with a `"type"` key first.
#[derive(Serialize)]
pub struct ExportLine<'a, T: Serialize> {
    #[serde(rename = "type")]
    pub line_type: LineType,
    #[serde(flatten)]
    pub item: &'a T,
}

/// The export id of a quote: `<document id>-q<index in the document>`.
pub fn quote_id(document_id: &str, index: usize) -> String {
    format!("{document_id}-q{index}")
}

/// The export id of a claim: `<document id>-c<index in the document>`.
pub fn claim_id(document_id: &str, index: usize) -> String {
    format!("{document_id}-c{index}")
}

/// The id of a document entity that is not linked to a store-wide entity:
/// `<document id>-e<index in the document>` (the id the linker gives an
/// entity of one document that it leaves out).
pub fn document_entity_id(document_id: &str, index: usize) -> String {
    format!("{document_id}-e{index}")
}

/// The id of a story: `s-<id of its earliest document>` (its first
/// member), stable as long as that document stays the earliest.
pub fn story_id(first_document_id: &str) -> String {
    format!("s-{first_document_id}")
}

/// The export id of an episode: `<story id>-e<index in the story>`.
pub fn episode_id(story_id: &str, index: usize) -> String {
    format!("{story_id}-e{index}")
}

/// The id of an aligned claim of a story: `<story id>-k<index in the
/// story>`.
pub fn story_claim_id(story_id: &str, index: usize) -> String {
    format!("{story_id}-k{index}")
}

/// Documents about one story: what happened, its developments on a
/// timeline, which documents are copies of others, and what its documents
/// establish (corroboration).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportStory {
    /// `s-<document id>` (see [`story_id`]).
    pub id: String,
    pub title: String,
    /// The first and last publication dates (`YYYY-MM-DD`) of its
    /// documents; null when none is dated.
    pub start: Option<String>,
    pub end: Option<String>,
    /// In publication order, undated last.
    pub document_ids: Vec<String>,
    /// Distinct dated developments, in date order.
    pub episodes: Vec<ExportEpisode>,
    /// The documents of the story that have copies, with their copies.
    pub copies: Vec<ExportCopyGroup>,
    /// The facts its documents state: each with its supporting documents,
    /// independent sources and status, in the order of their first
    /// document.
    #[serde(default)]
    pub claims: Vec<ExportStoryClaim>,
    /// People given conflicting titles by the story's documents.
    #[serde(default)]
    pub role_conflicts: Vec<ExportRoleConflict>,
}

/// One fact as a story's documents state it (an aligned claim).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportStoryClaim {
    /// `<story id>-k<index>` (see [`story_claim_id`]).
    pub id: String,
    /// The words of its first claim (the earliest document's).
    pub text: String,
    pub status: ClaimStatus,
    /// The documents that state it, earliest first.
    pub supporting_documents: Vec<String>,
    /// The known outlets of those documents, in their order.
    pub outlets: Vec<String>,
    /// The number of independent sources (`sources`).
    pub independent_sources: usize,
    /// Every claim that states it: document, words and span.
    pub evidence: Vec<ExportEvidence>,
    /// What other claims of the story state otherwise (status
    /// `contested`).
    pub contradictions: Vec<ExportContradiction>,
    // Keys beyond the contract.
    /// No claim names a source: the outlets state it in their own voice.
    pub unattributed: bool,
    /// The supporting documents grouped into independent sources.
    pub sources: Vec<ExportSource>,
    /// The first claim's checkable parts, when the documents state only
    /// some of them; `supporting_documents`, `outlets` and `sources` are
    /// then the main part's. Empty when every document states all of it.
    #[serde(default)]
    pub parts: Vec<ExportClaimPart>,
}

/// A checkable part of a fact whose documents state only some of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportClaimPart {
    /// `text[start..end]` of the document of the fact's first claim.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The part holding the claim's main verb: the fact's status is its.
    pub main: bool,
    /// The documents that state it, earliest first.
    pub supporting_documents: Vec<String>,
    /// Those documents as independent reporting chains.
    pub sources: Vec<ExportSource>,
}

/// One claim behind a story's fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportEvidence {
    pub document_id: String,
    /// `text[start..end]` of the document.
    pub text: String,
    pub start: usize,
    pub end: usize,
    // Keys beyond the contract.
    /// The claim's id in `claims` (see [`claim_id`]).
    pub claim_id: String,
}

/// The other side of a contested fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportContradiction {
    /// The words of the other side's first claim.
    pub text: String,
    /// The documents of the other side, earliest first.
    pub document_ids: Vec<String>,
    /// What differs ("about 240 tonnes against nearly 300 tonnes").
    pub reason: String,
    // Keys beyond the contract.
    /// The other side's id among the story's claims, when it is one.
    pub claim_id: Option<String>,
}

/// Documents that count as one source, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSource {
    pub document_ids: Vec<String>,
    /// Why they count once ("612397d04ccd is a copy of 0adefdaafa99",
    /// "same outlet: Harborline News", "all cite Meridian Wire"); empty for
    /// one document.
    pub merged_because: Vec<String>,
    /// The reporting chain they form, by name: the upstream report they
    /// rest on ("Wall Street Journal"), else their outlet, else the first
    /// document's id.
    #[serde(default)]
    pub chain: String,
}

/// A person given conflicting titles ("former U.S. President" against
/// "U.S. President" in the same weeks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRoleConflict {
    /// The person's name as the documents give it.
    pub entity: String,
    pub sides: Vec<ExportRoleSide>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRoleSide {
    pub title: String,
    pub document_ids: Vec<String>,
    // Keys beyond the contract.
    /// The side's documents as independent reporting chains (empty in
    /// findings stored before schema 8).
    #[serde(default)]
    pub sources: Vec<ExportSource>,
}

/// A distinct dated development of a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportEpisode {
    /// `<story id>-e<index>` (see [`episode_id`]).
    pub id: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub title: String,
    pub document_ids: Vec<String>,
}

/// A document (the earliest version) and its near-verbatim copies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportCopyGroup {
    /// The original's document id.
    pub original: String,
    pub copies: Vec<ExportCopy>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportCopy {
    pub document_id: String,
    /// The estimated share of word shingles the copy has in common with
    /// the original, in [0, 1].
    pub similarity: f32,
}

/// A store-wide entity: the entities of several documents that are one
/// real-world entity, under one canonical name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportEntity {
    /// Stable id: the linker's id, or `<document id>-e<index>` for an entity
    /// found in one document only and not linked.
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    /// Every title or role a document gives the entity, with that document.
    pub roles: Vec<ExportRole>,
    /// Every place the entity is referred to, in (document id, start) order.
    pub mentions: Vec<ExportMention>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRole {
    pub title: String,
    pub document_id: String,
}

/// A byte span of a document's `text` that refers to an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportMention {
    pub document_id: String,
    pub start: usize,
    pub end: usize,
    // Keys beyond the stable contract of schema version 1.
    pub kind: MentionKind,
}

/// A quote or an attribution: who (speaker), how (cue), what (text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportQuote {
    /// `<document id>-q<index>` (see [`quote_id`]).
    pub id: String,
    pub document_id: String,
    /// The speaker's canonical name, or null (see `speaker_note`).
    pub speaker: Option<String>,
    /// Id of the speaker's entity in `entities`, or null.
    pub speaker_entity_id: Option<String>,
    /// The reporting words ("said", "according to"), or null.
    pub cue: Option<String>,
    /// The content: `text[start..end]` of the document.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Id of the quote that contains this one (a speaker quoting someone).
    pub nested_in: Option<String>,
    /// Id of the quote that first gave this statement (another wording or
    /// translation), when this one is a variant.
    pub variant_of: Option<String>,
    // Keys beyond the stable contract of schema version 1.
    pub kind: QuoteKind,
    /// Why there is no speaker, when there is none.
    pub speaker_note: Option<String>,
    /// The words that name the speaker here, and their span.
    pub source: Option<String>,
    pub source_start: Option<usize>,
    pub source_end: Option<usize>,
    pub cue_start: Option<usize>,
    pub cue_end: Option<usize>,
    /// Id of the quote (same document) this one continues.
    pub continues: Option<String>,
}

/// A check-worthy (or not) statement of one document: what it says, about
/// whom, with which numbers and time, on whose word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportClaim {
    /// `<document id>-c<index>` (see [`claim_id`]).
    pub id: String,
    pub document_id: String,
    /// The claim: `text[start..end]` of the document.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The entities the claim is about, in text order.
    pub subjects: Vec<ExportClaimEntity>,
    /// The lemma of the main verb, or null.
    pub predicate: Option<String>,
    /// The words after the verb, or null.
    pub object: Option<String>,
    pub amounts: Vec<ExportAmount>,
    /// The claim's time, or null.
    pub time: Option<ExportTime>,
    pub attributed_to: ExportAttribution,
    /// Whether hedging words weaken the claim (see `hedges`).
    pub hedged: bool,
    /// How much a fact-checker would want this checked, in [0, 1]; 0.5 or
    /// more is check-worthy.
    pub checkworthiness: f32,
    /// The normalised form for matching the same fact across documents.
    pub key: String,
    // Keys beyond the contract.
    /// The hedging words ("reportedly", "may").
    pub hedges: Vec<String>,
    pub object_start: Option<usize>,
    pub object_end: Option<usize>,
}

/// An entity a claim names: its canonical name and its id in `entities`
/// (`<document id>-e<index>` when it is not linked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportClaimEntity {
    pub name: String,
    pub entity_id: String,
}

/// An amount of a claim, normalised (see [`crate::amount`] for the units).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportAmount {
    /// The words: `text[start..end]` of the document.
    pub text: String,
    pub value: f64,
    pub unit: String,
    pub approx: Option<Approx>,
    pub direction: Option<Direction>,
    // Keys beyond the contract.
    /// The upper end of a range.
    pub high: Option<f64>,
    /// The counted noun's singular (`unit` "count").
    pub noun: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// The time of a claim, resolved against the publication date (see
/// [`crate::timex`] for the value formats).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportTime {
    /// The words: `text[start..end]` of the document.
    pub text: String,
    /// ISO-8601-like date, month, year or `start/end` period; null when it
    /// could not be resolved (see `note`).
    pub value: Option<String>,
    // Keys beyond the contract.
    pub kind: TimeKind,
    pub note: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// Who a claim comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportAttribution {
    pub kind: AttributionKind,
    /// Named: the entity's canonical name; unnamed: the words that describe
    /// the source ("officials"); outlet: the document's outlet (null when
    /// unknown).
    pub name: Option<String>,
    /// Named: the id of the source in `entities`; otherwise null.
    pub entity_id: Option<String>,
    /// The quote or attribution (same document) the claim was found in.
    pub quote_id: Option<String>,
}

/// One document of the export (and one line of `--format jsonl`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportDocument {
    pub id: String,
    pub source: String,
    pub sha256: String,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    /// `YYYY-MM-DD` or null.
    pub published: Option<String>,
    pub language: Option<String>,
    /// The clean article body, paragraphs separated by one blank line.
    pub text: String,
    /// Names of the upstream sources the text cites.
    pub upstream_sources: Vec<String>,
    pub removed: Removed,
    // Keys beyond the stable contract of schema version 1.
    pub url: Option<String>,
    /// When a crawler fetched the page; absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crawled: Option<String>,
    pub format: String,
    pub date_evidence: DateEvidence,
    pub confidence: f32,
    pub warnings: Vec<String>,
}

impl From<&Document> for ExportDocument {
    fn from(d: &Document) -> Self {
        let mut upstream: Vec<String> = Vec::new();
        for u in &d.upstream_sources {
            if !upstream.contains(&u.name) {
                upstream.push(u.name.clone());
            }
        }
        ExportDocument {
            id: d.id.clone(),
            source: d.source.clone(),
            sha256: d.sha256.clone(),
            outlet: d.outlet.clone(),
            title: d.title.clone(),
            author: d.author.clone(),
            published: d.published.clone(),
            language: d.language.clone(),
            text: d.text.clone(),
            upstream_sources: upstream,
            removed: d.removed,
            url: d.url.clone(),
            crawled: d.crawled.clone(),
            format: d.format.as_str().to_string(),
            date_evidence: d.date_evidence.clone(),
            confidence: d.confidence,
            warnings: d.warnings.clone(),
        }
    }
}
