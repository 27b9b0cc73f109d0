//! Shared types of the crosscheck pipeline.
//!
//! This crate does no I/O: it defines what a document is at each stage
//! (raw input, extracted article, stored document) and the shape of the JSON
//! export. Every other crate depends on it; it depends on nothing of ours.

pub mod amount;
pub mod analysis;
pub mod claim;
pub mod document;
pub mod export;
pub mod hash;
pub mod names;
pub mod timex;
pub mod unionfind;

pub use amount::{Amount, Approx, Direction};
pub use analysis::{
    DocAnalysis, DocEntity, DocQuote, EntityKind, Gender, LinkedEntity, Mention, MentionKind,
    QuoteKind, Span,
};
pub use claim::{Attribution, AttributionKind, ClaimStatus, DocClaim, CHECKWORTHY};
pub use document::{
    count_words, Block, BlockKind, DateEvidence, Document, Extracted, InputFormat, Metadata,
    PageLines, RemovalReason, Removed, RemovedLine, UpstreamSource,
};
pub use export::{
    claim_id, document_entity_id, episode_id, quote_id, story_claim_id, story_id, Export,
    ExportAmount, ExportAttribution, ExportClaim, ExportClaimEntity, ExportClaimPart,
    ExportContradiction, ExportCopy, ExportCopyGroup, ExportDocument, ExportEntity, ExportEpisode,
    ExportEvidence, ExportLine, ExportMention, ExportQuote, ExportRole, ExportRoleConflict,
    ExportRoleSide, ExportSource, ExportStory, ExportStoryClaim, ExportTime, LineType,
    SCHEMA_VERSION,
};
pub use hash::{document_id, sha256_hex};
pub use timex::{TimeExpr, TimeKind};
pub use unionfind::UnionFind;
