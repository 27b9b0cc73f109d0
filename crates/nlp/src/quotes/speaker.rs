//! From the words naming a source to the speaker entity: the entity that
//! heads the source phrase (a name, a resolved pronoun or a role
//! description found by the entity analysis), else our own fallback for
//! pronouns (the nearest person before, of matching gender; inside a quote,
//! "I" and "we" are the quote's speaker and "he" or "she" someone the
//! speaker talks about), else no speaker, with the reason.

use crate::{DocEntity, EntityKind, MentionKind, Span};
use crosscheck_model::Gender;

/// The document's entities, with the quoted stretches of its text: a name
/// inside quotation marks is not what "she" in the narrative refers to.
pub struct People<'a> {
    pub entities: &'a [DocEntity],
    pub quoted: &'a [Span],
}

impl std::ops::Deref for People<'_> {
    type Target = [DocEntity];

    fn deref(&self) -> &[DocEntity] {
        self.entities
    }
}

pub struct Speaker {
    pub entity: Option<usize>,
    pub note: Option<String>,
}

impl Speaker {
    fn found(entity: Option<usize>) -> Self {
        Speaker { entity, note: None }
    }

    fn none(note: String) -> Self {
        Speaker {
            entity: None,
            note: Some(note),
        }
    }
}

/// Who `source` (a span of `text`) refers to. `outer` is the speaker of the
/// quote this source stands inside, if any.
pub fn resolve(text: &str, people: &People, source: Option<Span>, outer: Option<usize>) -> Speaker {
    let entities = people.entities;
    let Some(source) = source else {
        return Speaker::none("no speaker in the text".into());
    };
    let words = source.of(text);
    let lower = words.to_lowercase();
    if outer.is_some() && matches!(lower.as_str(), "i" | "we") {
        return Speaker::found(outer);
    }
    let gender = match lower.as_str() {
        "she" => Some(Gender::Female),
        "he" => Some(Gender::Male),
        _ => None,
    };
    if matches!(lower.as_str(), "who" | "which") {
        return match antecedent(text, entities, source) {
            Some(e) => Speaker::found(Some(e)),
            None => Speaker::none(format!("unnamed source: the antecedent of “{words}”")),
        };
    }
    // "he" and "she" are resolved here, by gender and nearness in the
    // narrative; other sources by the entity that heads them.
    if gender.is_none() {
        if let Some(e) = head_entity(text, entities, source) {
            return Speaker::found(Some(e));
        }
    }
    if let Some(g) = gender {
        let found = match outer {
            // Inside a quote, "he" is someone the speaker talks about: the
            // most named person of that gender other than the speaker.
            Some(o) => most_mentioned(entities, g, Some(o)),
            None => nearest_before(people, g, source.start),
        };
        if found.is_some() {
            return Speaker::found(found);
        }
        return Speaker::none(format!("pronoun “{words}” not resolved to a named person"));
    }
    let first = lower.split_whitespace().next().unwrap_or("");
    let unnamed = matches!(
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
            | "another"
            | "other"
            | "others"
    ) || !words.chars().any(char::is_uppercase);
    if unnamed {
        Speaker::none(format!("unnamed source: {words}"))
    } else {
        Speaker::none(format!("source not resolved to a named entity: {words}"))
    }
}

/// The entity the source phrase is headed by: a mention that ends the
/// phrase ("White House Deputy Press Secretary Anna Kelly"; "El Salvador's
/// president" as a description) or stands before its apposition ("Chris
/// Brownell, an audience member"). A name inside a phrase with another head
/// ("one Clinton aide", "U.S. policy experts") is not the speaker.
fn head_entity(text: &str, entities: &[DocEntity], source: Span) -> Option<usize> {
    let phrase = source.of(text).trim_end_matches(['.', ',', ' ']);
    let mut phrase_end = source.start + phrase.len();
    let mut source = source;
    // "Matthew Prince, chief executive of CloudFlare": the name before the
    // apposition heads the phrase; "her adviser, Jake Sullivan": the name
    // in it does.
    if let Some(comma) = phrase.find(',') {
        if phrase[..comma].contains(char::is_uppercase) {
            phrase_end = source.start + comma;
            source = Span::new(source.start, phrase_end);
        } else {
            source = Span::new(source.start + comma + 1, phrase_end);
        }
    }
    let mut best: Option<(usize, usize)> = None;
    for (i, e) in entities.iter().enumerate() {
        for m in &e.mentions {
            if !source.contains(&m.span()) {
                continue;
            }
            let rest = text.get(m.end..phrase_end).unwrap_or("").trim_start();
            let heads = rest.is_empty() || rest.starts_with([',', '(']);
            if heads && best.is_none_or(|(_, start)| m.start < start) {
                best = Some((i, m.start));
            }
        }
    }
    best.map(|(i, _)| i)
}

/// The entity named right before a relative pronoun ("Mitt Romney, who").
fn antecedent(text: &str, entities: &[DocEntity], source: Span) -> Option<usize> {
    let before = text.get(..source.start)?;
    let end = before.trim_end_matches([' ', ',']).len();
    if source.start - end > 3 {
        return None;
    }
    entities
        .iter()
        .position(|e| e.mentions.iter().any(|m| m.end == end))
}

fn compatible(e: &DocEntity, g: Gender) -> bool {
    e.kind == EntityKind::Person && e.gender.is_none_or(|x| x == g)
}

/// How far back (bytes) a person of the pronoun's known gender beats a
/// nearer person whose gender is unknown.
const GENDER_WINDOW: usize = 600;

/// The person a "he" or "she" at `pos` refers to: the person of matching
/// gender mentioned last before it in the narrative (mentions inside
/// quotation marks do not count); within the last few sentences, a person
/// whose gender is known to match beats one whose gender is unknown.
fn nearest_before(people: &People, g: Gender, pos: usize) -> Option<usize> {
    let in_quotes = |s: Span| people.quoted.iter().any(|q| q.contains(&s));
    let mut best: Option<(bool, usize, usize)> = None;
    for (i, e) in people.entities.iter().enumerate() {
        if !compatible(e, g) {
            continue;
        }
        let last = e
            .mentions
            .iter()
            .filter(|m| m.end <= pos && m.kind != MentionKind::Pronoun && !in_quotes(m.span()))
            .map(|m| m.end)
            .max();
        let Some(end) = last else { continue };
        let known = e.gender == Some(g) && pos - end <= GENDER_WINDOW;
        let key = (known, end, i);
        if best.is_none_or(|b| (key.0, key.1) > (b.0, b.1)) {
            best = Some(key);
        }
    }
    best.map(|b| b.2)
}

/// The person of compatible gender named most often, other than `except`.
fn most_mentioned(entities: &[DocEntity], g: Gender, except: Option<usize>) -> Option<usize> {
    let names = |e: &DocEntity| {
        e.mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Name)
            .count()
    };
    entities
        .iter()
        .enumerate()
        .filter(|(i, e)| Some(*i) != except && compatible(e, g))
        .max_by_key(|(i, e)| (names(e), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}
