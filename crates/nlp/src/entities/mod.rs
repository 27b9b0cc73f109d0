//! Entities of one document: people, organisations and places, with their
//! names, roles, gender and mentions (names, resolved pronouns and role
//! descriptions).
//!
//! The pipeline, each step linear in the text:
//! - [`units`]: tokens as words with their sentence, titles with their dot,
//!   "U.S.-Mexico" split, headings in Title Case marked;
//! - [`segment`]: runs of capitalised words split into known names
//!   (gazetteer), roles and titles, forms of address and unknown names;
//! - [`candidates`] and [`roles`]: one candidate per name, with its role
//!   (before the name or in an appositive), gender and kind evidence;
//! - [`cluster`]: headings and sentence openers kept only when the name is
//!   known; one entity per real-world entity, surnames joined to full names;
//! - [`places`]: demonyms of unknown places ("Velorian") and what makes
//!   an unknown name a place ("in Saltmere", "Veloria's coast guard");
//! - [`corefer`]: role descriptions and pronouns resolved to people.
//!
//! Word lists live in `lexicon/` and are loaded once by [`lexicon`].

mod candidates;
mod cluster;
mod corefer;
mod lexicon;
mod places;
mod roles;
mod segment;
mod units;

#[cfg(test)]
mod tests;

use crate::{DocEntity, Sentence, Span, Token};

/// Find the entities of `text`. Mentions are in text order; entities are in
/// the order of their first mention.
pub fn find_entities(text: &str, sentences: &[Sentence], tokens: &[Token]) -> Vec<DocEntity> {
    let (units, sents) = units::build_units(text, sentences, tokens);
    let cands = candidates::candidates(text, &units, &sents);
    let cands = cluster::accept(text, &units, cands);
    let mut entities = cluster::cluster(text, &units, &cands);
    corefer::resolve(text, &units, &mut entities);
    entities
}

/// The entity one of whose mentions lies inside `span` (the head of a
/// source phrase such as "White House Deputy Press Secretary Anna Kelly"),
/// preferring the last such mention.
pub fn entity_in(entities: &[DocEntity], span: Span) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, e) in entities.iter().enumerate() {
        for m in &e.mentions {
            if span.contains(&m.span()) && best.is_none_or(|(_, end)| m.end > end) {
                best = Some((i, m.end));
            }
        }
    }
    best.map(|(i, _)| i)
}
