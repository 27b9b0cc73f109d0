//! Pronouns and role descriptions resolved to the people they refer to.
//!
//! Descriptions ("the president", "the country's president", "El
//! Salvador's president", "the Mexican leader") go to the person whose
//! recorded role has that head word (and names that place, when one is
//! given), the most recently mentioned first. Pronouns ("she", "he", "her",
//! "his", "him") outside quotation marks go to a person of a compatible
//! gender: the first such person of the same sentence before the pronoun,
//! else of the nearest of the three previous sentences.

use std::collections::HashSet;

use crosscheck_model::{DocEntity, EntityKind, Gender, Mention, MentionKind};

use super::lexicon::{key, phrase_key, LEX};
use super::places::demonym_of;
use super::units::{UKind, Unit};
use crate::tokens::{tokenize, TokenKind};

fn pronoun_gender(k: &str) -> Option<Gender> {
    match k {
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        _ => None,
    }
}

/// Which units are inside quotation marks (reset at each paragraph). A
/// straight or single mark opens a quote after white space and closes one
/// after a word, so that apostrophes ("leaders’") are not quotes.
fn quoted(text: &str, units: &[Unit]) -> Vec<bool> {
    let mut out = Vec::with_capacity(units.len());
    let mut inside = false;
    let mut prev_end = 0;
    for u in units {
        let gap = text.get(prev_end..u.start).unwrap_or("");
        if gap.contains("\n\n") {
            inside = false;
        }
        let after_space = u.start == 0 || !gap.is_empty();
        prev_end = u.end;
        if u.kind == UKind::Punct {
            match u.key.as_str() {
                "“" | "«" => inside = true,
                "”" | "»" => inside = false,
                "\"" | "'" | "‘" if after_space => inside = true,
                "\"" | "'" if !after_space => inside = false,
                _ => {}
            }
        }
        out.push(inside);
    }
    out
}

/// Heads and places of one entity's roles.
struct RoleFacts {
    heads: HashSet<String>,
    places: HashSet<String>,
    /// Keys of the role's words, for demonyms the lists do not know.
    words: Vec<String>,
}

impl RoleFacts {
    /// The role names the place `p` ("Kestrian Prime Minister", Kestria).
    fn names(&self, p: &str) -> bool {
        self.places.contains(p) || {
            let k = key(p);
            self.words.iter().any(|w| demonym_of(w, &k))
        }
    }
}

fn role_facts(e: &DocEntity) -> RoleFacts {
    let mut heads = HashSet::new();
    let mut places = HashSet::new();
    let mut words = Vec::new();
    for r in &e.roles {
        let toks: Vec<&str> = tokenize(r)
            .into_iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text(r))
            .collect();
        for (i, w) in toks.iter().enumerate() {
            let k = key(w);
            words.push(k.clone());
            if LEX.role_heads.contains(&k) {
                heads.insert(k.clone());
            }
            // Places named in the role, one or two words long.
            for n in 1..=3 {
                if i + n > toks.len() {
                    break;
                }
                let (pk, _) = phrase_key(&toks[i..i + n].join(" "));
                if let Some(g) = LEX.gaz.get(&pk) {
                    if g.kind == EntityKind::Place {
                        places.insert(g.canonical.clone());
                    }
                }
            }
        }
    }
    RoleFacts {
        heads,
        places,
        words,
    }
}

/// Add description and pronoun mentions to `entities`.
pub(crate) fn resolve(text: &str, units: &[Unit], entities: &mut [DocEntity]) {
    descriptions(units, entities);
    pronouns(text, units, entities);
    for e in entities.iter_mut() {
        e.mentions.sort();
        e.mentions.dedup();
    }
}

/// The entity and start of every mention, in text order, of the given kind.
fn mention_index(entities: &[DocEntity], kind: EntityKind) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == kind)
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.start, i)))
        .collect();
    v.sort();
    v
}

fn descriptions(units: &[Unit], entities: &mut [DocEntity]) {
    let facts: Vec<RoleFacts> = entities.iter().map(role_facts).collect();
    if facts.iter().all(|f| f.heads.is_empty()) {
        return;
    }
    let people = mention_index(entities, EntityKind::Person);
    let places = mention_index(entities, EntityKind::Place);
    let mut found: Vec<(usize, Mention)> = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let Some((start_u, head_u, place, strict)) = description_at(units, entities, &places, i)
        else {
            i += 1;
            continue;
        };
        let head = &units[head_u].key;
        let start = units[start_u].start;
        let end = units[head_u].end;
        let fits = |e: usize| {
            let f = &facts[e];
            let head_ok = f.heads.contains(head)
                || (head == "leader" && f.heads.iter().any(|h| LEX.leaders.contains(h)));
            head_ok && entities[e].kind == EntityKind::Person
        };
        let placed = |e: usize| place.as_ref().is_none_or(|p| facts[e].names(p));
        // The most recently mentioned person whose role fits.
        let pick = |need_place: bool| {
            people
                .iter()
                .rev()
                .filter(|&&(s, _)| s < start)
                .map(|&(_, e)| e)
                .find(|&e| fits(e) && (!need_place || placed(e)))
        };
        let choice = pick(true).or_else(|| if strict { None } else { pick(false) });
        if let Some(e) = choice {
            found.push((
                e,
                Mention {
                    start,
                    end,
                    kind: MentionKind::Description,
                },
            ));
        }
        i = head_u + 1;
    }
    for (e, m) in found {
        entities[e].mentions.push(m);
    }
}

/// A description starting at unit `i`: (first unit, head unit, place,
/// whether the place is explicit).
fn description_at(
    units: &[Unit],
    entities: &[DocEntity],
    places: &[(usize, usize)],
    i: usize,
) -> Option<(usize, usize, Option<String>, bool)> {
    let u = &units[i];
    let sent = u.sent;
    let mut place: Option<String> = None;
    let mut strict = false;
    let mut q;
    if u.kind == UKind::Word && u.key == "the" {
        q = i + 1;
    } else if u.kind == UKind::Poss && i > 0 {
        // "El Salvador's president": the place mention ending before "'s".
        let e = entities.iter().find(|e| {
            e.kind == EntityKind::Place && e.mentions.iter().any(|m| m.end == units[i - 1].end)
        })?;
        let m = e.mentions.iter().find(|m| m.end == units[i - 1].end)?;
        place = Some(e.name.clone());
        strict = true;
        q = i + 1;
        let first = units.iter().position(|x| x.start == m.start)?;
        return finish(units, first, q, sent, place, strict);
    } else {
        return None;
    }
    // "the country's", "the nation's": the last place mentioned.
    if units
        .get(q)
        .is_some_and(|x| matches!(x.key.as_str(), "country" | "nation"))
        && units.get(q + 1).is_some_and(|x| x.kind == UKind::Poss)
    {
        let before = units[i].start;
        place = places
            .iter()
            .rev()
            .find(|&&(s, _)| s < before)
            .map(|&(_, e)| entities[e].name.clone());
        q += 2;
    }
    if let Some(g) = units.get(q).and_then(|x| LEX.gaz.get(&x.key)) {
        if g.demonym && units[q].cap {
            place = Some(g.canonical.clone());
            strict = true;
            q += 1;
        }
    } else if units.get(q).is_some_and(|x| x.demonym) {
        // "the Velorian president": the place named in the text.
        let w = &units[q].key;
        place = entities
            .iter()
            .find(|e| e.kind == EntityKind::Place && demonym_of(w, &key(&e.name)))
            .map(|e| e.name.clone());
        strict = place.is_some();
        q += 1;
    }
    finish(units, i, q, sent, place, strict)
}

fn finish(
    units: &[Unit],
    first: usize,
    mut q: usize,
    sent: usize,
    place: Option<String>,
    strict: bool,
) -> Option<(usize, usize, Option<String>, bool)> {
    // Up to two modifiers ("former", "deputy"), then the head.
    let mut mods = 0;
    while mods < 2
        && units.get(q).is_some_and(|x| {
            x.sent == sent
                && x.kind == UKind::Word
                && (LEX.role_mods.contains(&x.key) || x.key == "former")
                && !LEX.role_heads.contains(&x.key)
        })
    {
        q += 1;
        mods += 1;
    }
    let h = units.get(q)?;
    if h.sent != sent || h.kind != UKind::Word || !LEX.role_heads.contains(&h.key) {
        return None;
    }
    // "the President Donald Trump" is a role before a name, not a description.
    if units
        .get(q + 1)
        .is_some_and(|x| x.sent == sent && (x.is_name_like() || x.kind == UKind::Poss))
    {
        return None;
    }
    Some((first, q, place, strict))
}

/// The gender of a person's given name ("Henrik Solvang"), which a pronoun
/// may not contradict.
fn name_gender(e: &DocEntity) -> Option<Gender> {
    if e.kind != EntityKind::Person {
        return None;
    }
    let mut words = e.name.split_whitespace();
    let first = words.next()?;
    words.next()?;
    LEX.given.get(&key(first)).copied()
}

fn pronouns(text: &str, units: &[Unit], entities: &mut [DocEntity]) {
    let inside = quoted(text, units);
    // What is known of each entity's gender before any pronoun: its own,
    // else its given name's.
    let known: Vec<Option<Gender>> = entities
        .iter()
        .map(|e| e.gender.or_else(|| name_gender(e)))
        .collect();
    // (start, sentence, entity) of person mentions outside quotation marks
    // (or quoted alone: calls herself “Jasmine Tridevil”), in text order.
    let mut people: Vec<(usize, usize, usize)> = Vec::new();
    for (e, ent) in entities.iter().enumerate() {
        if ent.kind != EntityKind::Person {
            continue;
        }
        for m in &ent.mentions {
            let ui = units.partition_point(|u| u.start < m.start);
            let uj = units.partition_point(|u| u.start < m.end);
            let is_quote = |i: Option<usize>| {
                i.and_then(|i| units.get(i)).is_some_and(|u| {
                    u.kind == UKind::Punct && matches!(u.key.as_str(), "\"" | "“" | "”" | "'" | "‘")
                })
            };
            let quoted_alone = is_quote(ui.checked_sub(1)) && is_quote(Some(uj));
            if inside.get(ui).copied().unwrap_or(false) && !quoted_alone {
                continue;
            }
            let sent = units.get(ui).map(|u| u.sent).unwrap_or(0);
            people.push((m.start, sent, e));
        }
    }
    people.sort();
    let mut gender = known;
    for (ui, u) in units.iter().enumerate() {
        if u.kind != UKind::Word || inside[ui] {
            continue;
        }
        let Some(g) = pronoun_gender(&u.key) else {
            continue;
        };
        // Earlier mentions, including pronouns already resolved.
        let pos = people.partition_point(|&(s, _, _)| s < u.start);
        let mut best: Option<usize> = None;
        for back in 0..=3usize {
            let Some(sent) = u.sent.checked_sub(back) else {
                break;
            };
            let in_sent = people[..pos]
                .iter()
                .filter(|&&(_, s, _)| s == sent)
                .map(|&(_, _, e)| e);
            let mut unknown = None;
            for e in in_sent {
                match gender[e] {
                    Some(x) if x == g => {
                        best = Some(e);
                        break;
                    }
                    None if unknown.is_none() => unknown = Some(e),
                    _ => {}
                }
            }
            if best.is_none() {
                best = unknown;
            }
            if best.is_some() {
                break;
            }
        }
        let Some(e) = best else { continue };
        if gender[e].is_none() {
            gender[e] = Some(g);
        }
        if entities[e].gender.is_none() {
            entities[e].gender = gender[e];
        }
        entities[e].mentions.push(Mention {
            start: u.start,
            end: u.end,
            kind: MentionKind::Pronoun,
        });
        people.insert(pos, (u.start, u.sent, e));
    }
}
