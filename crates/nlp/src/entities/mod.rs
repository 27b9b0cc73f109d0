//! Entities of one document: people, organisations and places, with their
//! names, roles, gender and mentions (names, resolved pronouns and role
//! descriptions).

use crate::{DocEntity, Sentence, Span, Token};

/// Find the entities of `text`. Mentions are in text order.
pub fn find_entities(_text: &str, _sentences: &[Sentence], _tokens: &[Token]) -> Vec<DocEntity> {
    Vec::new()
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
