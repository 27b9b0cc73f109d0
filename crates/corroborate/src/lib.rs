//! Corroboration: what the documents of one story establish.
//!
//! [`corroborate`] takes a story's documents with their analyses (claims,
//! entities with roles), outlets, the upstream sources they name and the
//! copies among them, and returns:
//!
//! - aligned claims ([`align`]): the check-worthy claims of different
//!   documents that state the same thing, each group with its supporting
//!   documents, outlets and *independent* sources ([`sources`]: copies, one
//!   outlet's documents, and reports naming the same upstream source count
//!   once, with the reason), and a status: corroborated (two or more
//!   independent sources, and fewer stating it otherwise), single source,
//!   or contested (as many independent sources or more state it
//!   otherwise); when documents state only some checkable parts of a fact
//!   ([`partial`]), each part has its own documents and chains, and the
//!   status is the main part's;
//! - contradictions ([`conflicts`]): the same kind of fact about the same
//!   entities with a different number or date, one measured quantity
//!   given differently ([`measure`]), and a person given a title by one
//!   outlet that the others contradict ("former U.S. President" against
//!   "President", "Maritime Minister" against "Deputy Minister for
//!   Maritime Affairs" in the same weeks; [`titles`]).
//!
//! A pure function: the same documents give the same findings.

pub mod align;
pub mod conflicts;
pub mod developments;
pub mod measure;
pub mod partial;
pub mod sources;
pub mod stance;
pub mod stance_model;
pub mod titles;

use crosscheck_model::DocAnalysis;

/// One document of a story.
#[derive(Debug, Clone, Copy)]
pub struct StoryDoc<'a> {
    pub id: &'a str,
    pub outlet: Option<&'a str>,
    /// `YYYY-MM-DD` or `None`.
    pub published: Option<&'a str>,
    pub text: &'a str,
    pub analysis: &'a DocAnalysis,
    /// The names of the upstream sources the text names ("Wall Street
    /// Journal", "Associated Press").
    pub upstream: &'a [String],
    /// The index (in the story's documents) of the document this one is a
    /// copy of.
    pub copy_of: Option<usize>,
    /// The story's development (episode) the document reports, by index:
    /// claims of different developments are different facts unless one
    /// reports the other ([`align`]). `None` when unknown (one development).
    pub episode: Option<usize>,
}

/// A claim of a story: (document index, claim index in its analysis).
pub type ClaimRef = (usize, usize);

/// What the independent sources say of an aligned claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Two or more independent sources state it, and fewer contradict it
    /// (their claims are still listed in `contradictions`).
    Corroborated,
    /// One independent source states it.
    SingleSource,
    /// Sources disagree: a different number or date for the same thing,
    /// given by at least as many independent sources as this.
    Contested,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Corroborated => "corroborated",
            Status::SingleSource => "single_source",
            Status::Contested => "contested",
        }
    }
}

/// Documents that count as one source, and why they were merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Story document indices, earliest first.
    pub documents: Vec<usize>,
    /// Why these documents are one source ("copy of …", "same outlet …",
    /// "all cite Wall Street Journal"); empty for a single document.
    pub merged_because: Vec<String>,
    /// The reporting chain they are, by name: the upstream report they
    /// all rest on ("Wall Street Journal"), else their outlet, else the
    /// first document's id ([`sources::chain_name`]).
    pub chain: String,
}

/// The other side of a contested claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Contradiction {
    /// The claims that state it otherwise.
    pub claims: Vec<ClaimRef>,
    /// What differs ("15 percent against 12 percent").
    pub reason: String,
}

/// One fact as the story's documents state it.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignedClaim {
    /// The member claims, earliest document first.
    pub claims: Vec<ClaimRef>,
    /// The supporting documents, earliest first: those of the members, or
    /// with `parts`, those stating the main part.
    pub documents: Vec<usize>,
    /// Distinct outlet names of the supporting documents (known ones).
    pub outlets: Vec<String>,
    pub sources: Vec<Source>,
    pub status: Status,
    pub contradictions: Vec<Contradiction>,
    /// No member claim names a source: the outlets state it in their own
    /// voice.
    pub unattributed: bool,
    /// The representative claim's checkable parts with the documents
    /// stating each, when they differ ([`partial`]); `sources` and `status`
    /// are then the main part's. Empty when every document states all of
    /// it.
    pub parts: Vec<partial::FactPart>,
}

/// A person given conflicting titles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleConflict {
    /// The person's name as the documents give it.
    pub entity: String,
    /// (title, documents giving it) on each side.
    pub sides: Vec<(String, Vec<usize>)>,
    /// The independent reporting chains of each side's documents (as a
    /// fact's `sources`), in the order of `sides`.
    pub chains: Vec<Vec<Source>>,
}

/// Everything corroboration finds in one story.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Findings {
    pub claims: Vec<AlignedClaim>,
    pub role_conflicts: Vec<RoleConflict>,
}

/// Whether a fact with `own` independent sources is contested by its
/// contradictions: when the claims stating it otherwise have at least as
/// many independent sources. A figure two independent outlets give is not
/// undone by one outlet giving another; it stays corroborated, with the
/// contradiction listed, and the lone figure is the contested one.
fn contested(docs: &[StoryDoc], contradictions: &[Contradiction], own: usize) -> bool {
    if contradictions.is_empty() {
        return false;
    }
    let mut other: Vec<usize> = contradictions
        .iter()
        .flat_map(|c| c.claims.iter().map(|r| r.0))
        .collect();
    other.sort_by_key(|&d| sources::order_key(docs, d));
    other.dedup();
    sources::independent(docs, &other).len() >= own
}

/// The findings of one story.
pub fn corroborate(docs: &[StoryDoc]) -> Findings {
    let groups = align::align(docs);
    let contradictions = conflicts::number_and_date_conflicts(docs, &groups);
    let claims = groups
        .into_iter()
        .zip(contradictions)
        .map(|(claims, contradictions)| {
            let mut documents: Vec<usize> = claims.iter().map(|c| c.0).collect();
            documents.sort_by_key(|&d| sources::order_key(docs, d));
            documents.dedup();
            let mut outlets = sources::outlets(docs, &documents);
            let mut sources = sources::independent(docs, &documents);
            let parts = partial::fact_parts(docs, &claims, &documents);
            let mut status = if contested(docs, &contradictions, sources.len()) {
                Status::Contested
            } else if sources.len() >= 2 {
                Status::Corroborated
            } else {
                Status::SingleSource
            };
            // Confirmed only as far as its main part is: the documents,
            // outlets and chains counted are those stating it.
            if let Some(main) = parts.iter().find(|p| p.main) {
                if status == Status::Corroborated && main.sources.len() < 2 {
                    status = Status::SingleSource;
                }
                if status != Status::Contested {
                    documents = main.documents.clone();
                    outlets = sources::outlets(docs, &documents);
                    sources = main.sources.clone();
                }
            }
            let unattributed = claims.iter().all(|&(d, c)| {
                docs[d].analysis.claims[c].attribution.kind
                    == crosscheck_model::AttributionKind::Outlet
            });
            AlignedClaim {
                claims,
                documents,
                outlets,
                sources,
                status,
                contradictions,
                unattributed,
                parts,
            }
        })
        .collect();
    Findings {
        claims,
        role_conflicts: conflicts::role_conflicts(docs),
    }
}
