//! Claims: the checkable statements of one document, as a fact-checker
//! would underline them, each with its numbers and time normalised and its
//! attribution recorded.

use serde::{Deserialize, Serialize};

use crate::{Amount, Span, TimeExpr};

/// Who the document says a claim comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributionKind {
    /// A named source: a person or organisation entity of the document.
    Named,
    /// A source the text describes without naming ("officials said", "a
    /// source familiar with the matter").
    Unnamed,
    /// Nobody: the outlet states it in its own voice.
    Outlet,
}

impl AttributionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionKind::Named => "named",
            AttributionKind::Unnamed => "unnamed",
            AttributionKind::Outlet => "outlet",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "named" => Some(AttributionKind::Named),
            "unnamed" => Some(AttributionKind::Unnamed),
            "outlet" => Some(AttributionKind::Outlet),
            _ => None,
        }
    }
}

/// The source of one claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    pub kind: AttributionKind,
    /// Index into [`crate::DocAnalysis::entities`] of a named source.
    #[serde(default)]
    pub entity: Option<usize>,
    /// The words that give the source ("officials", "The New York Times",
    /// "Bukele"); `None` for the outlet.
    #[serde(default)]
    pub text: Option<String>,
    /// Index into [`crate::DocAnalysis::quotes`] of the quote or attribution
    /// the claim was found in.
    #[serde(default)]
    pub quote: Option<usize>,
}

impl Attribution {
    pub fn outlet() -> Self {
        Attribution {
            kind: AttributionKind::Outlet,
            entity: None,
            text: None,
            quote: None,
        }
    }
}

/// One claim of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocClaim {
    /// The claim's text: a sentence, or one clause of it.
    pub span: Span,
    /// Indices into [`crate::DocAnalysis::entities`] of the entities the
    /// claim is about (mentioned in its subject), in text order.
    pub subjects: Vec<usize>,
    /// The lemma of the main verb ("designate", "increase", "deny").
    pub predicate: Option<String>,
    /// What the predicate says of its subject: the words after the verb.
    pub object: Option<Span>,
    pub amounts: Vec<Amount>,
    /// The claim's time: the first resolved time expression in it, else
    /// the first one.
    pub time: Option<TimeExpr>,
    pub attribution: Attribution,
    /// The hedging words found ("reportedly", "may", "allegedly"); empty
    /// when the claim is stated outright.
    pub hedges: Vec<String>,
    /// How much a fact-checker would want this checked, in [0, 1]; 0.5 or
    /// more is check-worthy.
    pub checkworthiness: f32,
    /// The normalised form for matching the same fact across documents.
    pub key: String,
}

impl DocClaim {
    pub fn hedged(&self) -> bool {
        !self.hedges.is_empty()
    }
}

/// The score at and above which a claim is check-worthy and shown by default.
pub const CHECKWORTHY: f32 = 0.5;

/// What the independent sources of a story say of one fact (the
/// corroboration stage's verdict on an aligned claim).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// Two or more independent sources state it, and none contradicts it.
    Corroborated,
    /// One independent source states it.
    SingleSource,
    /// Sources disagree: a different number or date for the same thing.
    Contested,
}

impl ClaimStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Corroborated => "corroborated",
            ClaimStatus::SingleSource => "single_source",
            ClaimStatus::Contested => "contested",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "corroborated" => Some(ClaimStatus::Corroborated),
            "single_source" => Some(ClaimStatus::SingleSource),
            "contested" => Some(ClaimStatus::Contested),
            _ => None,
        }
    }
}
