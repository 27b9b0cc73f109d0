//! From the words naming a source to the speaker entity: a name or a
//! resolved pronoun found by the entity analysis, else our own fallback for
//! pronouns (the nearest person before, of matching gender; inside a quote,
//! "I" and "we" are the quote's speaker), else no speaker with the reason.

use crate::entities::entity_in;
use crate::{DocEntity, EntityKind, Span};
use crosscheck_model::Gender;

pub struct Speaker {
    pub entity: Option<usize>,
    pub note: Option<String>,
}

/// Who `source` (a span of `text`) refers to. `outer` is the speaker of the
/// quote this source stands inside, if any.
pub fn resolve(
    text: &str,
    entities: &[DocEntity],
    source: Option<Span>,
    outer: Option<usize>,
) -> Speaker {
    let Some(source) = source else {
        return Speaker {
            entity: None,
            note: Some("no speaker in the text".into()),
        };
    };
    let words = source.of(text);
    let lower = words.to_lowercase();
    if outer.is_some() && matches!(lower.as_str(), "i" | "we") {
        return Speaker {
            entity: outer,
            note: None,
        };
    }
    if let Some(e) = entity_in(entities, source) {
        if outer.is_none() || Some(e) != outer || !matches!(lower.as_str(), "he" | "she") {
            return Speaker {
                entity: Some(e),
                note: None,
            };
        }
    }
    let gender = match lower.as_str() {
        "she" => Some(Gender::Female),
        "he" => Some(Gender::Male),
        _ => None,
    };
    if let Some(g) = gender {
        let found = match outer {
            // Inside a quote, "he" is someone the speaker talks about: the
            // most mentioned person of that gender other than the speaker.
            Some(o) => most_mentioned(entities, g, Some(o)),
            None => nearest_before(entities, g, source.start),
        };
        if found.is_some() {
            return Speaker {
                entity: found,
                note: None,
            };
        }
        return Speaker {
            entity: None,
            note: Some(format!("pronoun “{words}” not resolved to a named person")),
        };
    }
    let first = lower.split_whitespace().next().unwrap_or("");
    let note = if matches!(
        first,
        "a" | "an"
            | "one"
            | "two"
            | "three"
            | "some"
            | "several"
            | "many"
            | "officials"
            | "sources"
            | "source"
            | "aides"
            | "people"
            | "experts"
            | "analysts"
            | "critics"
            | "they"
    ) {
        format!("unnamed source: {words}")
    } else {
        format!("source not resolved to a named entity: {words}")
    };
    Speaker {
        entity: None,
        note: Some(note),
    }
}

fn compatible(e: &DocEntity, g: Gender) -> bool {
    e.kind == EntityKind::Person && e.gender.is_none_or(|x| x == g)
}

/// The person of matching gender with the last name mention before `pos`;
/// a person whose gender is known beats one whose gender is not.
fn nearest_before(entities: &[DocEntity], g: Gender, pos: usize) -> Option<usize> {
    let mut best: Option<(bool, usize, usize)> = None;
    for (i, e) in entities.iter().enumerate() {
        if !compatible(e, g) {
            continue;
        }
        if let Some(m) = e
            .mentions
            .iter()
            .filter(|m| m.end <= pos)
            .map(|m| m.end)
            .max()
        {
            let key = (e.gender.is_some(), m, i);
            if best.is_none_or(|b| (key.1, key.0) > (b.1, b.0)) {
                best = Some(key);
            }
        }
    }
    best.map(|b| b.2)
}

fn most_mentioned(entities: &[DocEntity], g: Gender, except: Option<usize>) -> Option<usize> {
    entities
        .iter()
        .enumerate()
        .filter(|(i, e)| Some(*i) != except && compatible(e, g) && e.gender.is_some())
        .max_by_key(|(i, e)| (e.mentions.len(), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}
