//! What the `nlp` stage finds in one document's clean text: entities with
//! their mentions, and quotes and attributions with their speakers. Every
//! span is a pair of byte offsets into the document's `text`, so each fact
//! can be traced to the words it came from.
//!
//! Indices (`speaker`, `nested_in`) point into the vectors of the same
//! [`DocAnalysis`]; store-wide ids are given later, when documents are
//! linked across the store (see [`LinkedEntity`]).

use serde::{Deserialize, Serialize};

use crate::DocClaim;

/// A half-open byte range `[start, end)` into a document's clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The spanned text, or "" when the span does not fit `text`.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "person" => Some(EntityKind::Person),
            "organization" | "organisation" | "org" => Some(EntityKind::Organization),
            "place" => Some(EntityKind::Place),
            "other" => Some(EntityKind::Other),
            _ => None,
        }
    }
}

/// Grammatical gender as the text shows it (a first name, an honorific, a
/// pronoun that was resolved to the person); used to resolve "she" and "he".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Female,
    Male,
}

/// How an entity is referred to at one place in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A proper name: "Claudia Sheinbaum", "Sheinbaum", "U.S.".
    Name,
    /// "she", "he", "they" resolved to the entity.
    Pronoun,
    /// A role description resolved to the entity: "the country's president".
    Description,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
}

impl Mention {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// One real-world entity as one document refers to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocEntity {
    /// The fullest name the document gives ("Claudia Sheinbaum"; for a
    /// country its standard name, "United States").
    pub name: String,
    pub kind: EntityKind,
    /// Other names the document uses for it ("Sheinbaum", "U.S.").
    pub aliases: Vec<String>,
    /// Titles and roles the document gives it ("Mexican President").
    pub roles: Vec<String>,
    pub gender: Option<Gender>,
    /// In text order.
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words inside quotation marks, or a block introduced by a colon, that
    /// form a whole statement.
    Direct,
    /// A fragment in quotation marks inside the reporter's own sentence
    /// ('Mexico would "never accept" the presence').
    Partial,
    /// A reported statement without quotation marks ("X said that ...",
    /// "according to X, ...").
    Indirect,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "direct" => Some(QuoteKind::Direct),
            "partial" => Some(QuoteKind::Partial),
            "indirect" => Some(QuoteKind::Indirect),
            _ => None,
        }
    }
}

/// A quote or an attribution: who (source), how (cue), what (content).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocQuote {
    pub kind: QuoteKind,
    /// The content: for quotes, the words inside the marks.
    pub content: Span,
    /// The words that name the speaker here ("Sheinbaum", "She", "a source").
    pub source: Option<Span>,
    /// The reporting words ("stated", "according to").
    pub cue: Option<Span>,
    /// Index into [`DocAnalysis::entities`] of the speaker.
    pub speaker: Option<usize>,
    /// Why there is no speaker entity, when there is none ("no source in the
    /// text", "unnamed source: a source").
    pub speaker_note: Option<String>,
    /// Index into [`DocAnalysis::quotes`] of the quote that contains this one
    /// (a speaker quoting someone else).
    pub nested_in: Option<usize>,
    /// Index into [`DocAnalysis::quotes`] of the quote this one continues:
    /// the same statement, interrupted by its attribution ("“A,” she said.
    /// “B.”") or carried on into the next paragraph.
    #[serde(default)]
    pub continues: Option<usize>,
}

/// Everything the `nlp` stage finds in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocAnalysis {
    pub entities: Vec<DocEntity>,
    pub quotes: Vec<DocQuote>,
    /// Filled by the `claims` stage, which runs after entities and quotes.
    #[serde(default)]
    pub claims: Vec<DocClaim>,
}

/// An entity of the whole store: the document entities that are one
/// real-world entity, under one canonical name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkedEntity {
    /// Stable id derived from the kind and the canonical name.
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    /// (document id, index into that document's entities).
    pub members: Vec<(String, usize)>,
}
