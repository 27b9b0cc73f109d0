//! From candidates to the document's entities: headings and sentence
//! openers kept only when the name is known, one entity per canonical name
//! (gazetteer names by their standard name, people by their fullest name,
//! surnames joined to the one person who bears them).

use std::collections::{HashMap, HashSet};

use crosscheck_model::{DocEntity, EntityKind, Gender, Mention, MentionKind};

use super::candidates::Cand;
use super::places::place_score;
use super::units::{UKind, Unit};

/// Keep the candidates a careful reader would: names in ordinary sentences;
/// in headings and at sentence starts only names found elsewhere.
pub(crate) fn accept(text: &str, units: &[Unit], cands: Vec<Cand>) -> Vec<Cand> {
    let lower: HashSet<&str> = units
        .iter()
        .filter(|u| u.kind == UKind::Word && !u.cap && !u.caps)
        .map(|u| u.key.as_str())
        .collect();
    let mut known: HashSet<String> = HashSet::new();
    for c in &cands {
        if !c.title_line && !c.initial_only {
            known.insert(c.key.clone());
            if c.gaz.is_none() && c.person && c.ub - c.ua >= 2 {
                if let Some(u) = units.get(c.ub - 1) {
                    known.insert(u.key.clone());
                }
            }
        }
    }
    let mut out = Vec::with_capacity(cands.len());
    for c in cands {
        if c.title_line {
            if c.gaz.is_some() || known.contains(&c.key) {
                out.push(c);
            } else {
                sub_names(text, units, &c, &known, &mut out);
            }
        } else if c.initial_only {
            if (known.contains(&c.key) || c.speech) && !lower.contains(c.key.as_str()) {
                out.push(c);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Known names inside a heading's run ("Claudia Sheinbaum Rejects ...").
fn sub_names(text: &str, units: &[Unit], c: &Cand, known: &HashSet<String>, out: &mut Vec<Cand>) {
    let mut a = c.ua;
    while a < c.ub {
        let mut found = None;
        for b in (a + 1..=c.ub).rev() {
            let k = units[a..b]
                .iter()
                .map(|u| u.key.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            if known.contains(&k) {
                found = Some((b, k));
                break;
            }
        }
        match found {
            Some((b, k)) => {
                let mut s = c.clone();
                s.ua = a;
                s.ub = b;
                s.start = units[a].start;
                s.end = units[b - 1].end;
                s.surface = super::candidates::collapse(&text[s.start..s.end]);
                s.gaz = super::lexicon::LEX.gaz.get(&k).filter(|g| {
                    !g.demonym && (!g.short || !s.surface.chars().any(char::is_lowercase))
                });
                s.kind = s.gaz.map(|g| g.kind);
                s.key = k;
                out.push(s);
                a = b;
            }
            None => a += 1,
        }
    }
}

/// A person's name key without initials ("donald j trump" -> "donald trump").
fn person_key(units: &[Unit], c: &Cand) -> String {
    let parts: Vec<&str> = units[c.ua..c.ub]
        .iter()
        .filter(|u| u.key.chars().count() > 1)
        .map(|u| u.key.as_str())
        .collect();
    if parts.is_empty() {
        c.key.clone()
    } else {
        parts.join(" ")
    }
}

/// Words that, alone, may stand for an outlet named in full earlier.
const SHORT_OUTLETS: &[&str] = &["post", "times", "journal", "herald", "tribune", "globe"];

pub(crate) fn cluster(text: &str, units: &[Unit], cands: &[Cand]) -> Vec<DocEntity> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut singles: Vec<usize> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        let k = match c.gaz {
            Some(g) => format!("g:{}:{}", g.kind.as_str(), g.canonical),
            None if c.ub - c.ua >= 2 => format!("n:{}", person_key(units, c)),
            None => {
                singles.push(i);
                continue;
            }
        };
        let g = *by_key.entry(k).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    // Surnames: the one person group whose last name it is.
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    for (g, members) in groups.iter().enumerate() {
        let c = &cands[members[0]];
        if c.gaz.is_none() && members.iter().any(|&m| cands[m].person) {
            let last = units[c.ub - 1].key.as_str();
            let e = by_last.entry(last).or_default();
            if !e.contains(&g) {
                e.push(g);
            }
        }
    }
    let mut single_groups: HashMap<String, usize> = HashMap::new();
    for i in singles {
        let c = &cands[i];
        let target = match by_last.get(c.key.as_str()) {
            Some(v) if v.len() == 1 => Some(v[0]),
            _ if SHORT_OUTLETS.contains(&c.key.as_str()) => {
                outlet_group(units, cands, &groups, &c.key)
            }
            _ => None,
        };
        let g = match target {
            Some(g) => g,
            None => *single_groups.entry(c.key.clone()).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            }),
        };
        groups[g].push(i);
    }
    let mut out: Vec<DocEntity> = groups
        .iter()
        .filter(|m| !m.is_empty())
        .map(|m| entity(text, units, cands, m))
        .collect();
    out.sort_by_key(|e| e.mentions.first().map(|m| m.start).unwrap_or(usize::MAX));
    out
}

/// The one organisation group whose name ends with `word` ("The New York
/// Post" for "the Post").
fn outlet_group(
    units: &[Unit],
    cands: &[Cand],
    groups: &[Vec<usize>],
    word: &str,
) -> Option<usize> {
    let mut found = None;
    for (g, m) in groups.iter().enumerate() {
        let Some(&first) = m.first() else { continue };
        let c = &cands[first];
        let org = c.gaz.is_some_and(|g| g.kind == EntityKind::Organization)
            || c.kind == Some(EntityKind::Organization);
        let last = match c.gaz {
            Some(gz) => gz.canonical.rsplit(' ').next().map(super::lexicon::key),
            None => units.get(c.ub - 1).map(|u| u.key.clone()),
        };
        if org && c.ub - c.ua >= 2 && last.as_deref() == Some(word) {
            if found.is_some() {
                return None;
            }
            found = Some(g);
        }
    }
    found
}

/// The kind of a name that nothing in it marks: a place when the text puts
/// a one-word name in a place more often than it makes it speak ("said
/// Veloria would", "Velorian", "to Veloria", "Veloria's coast guard"), a
/// person when it speaks, else other.
fn unmarked_kind(units: &[Unit], cs: &[&Cand]) -> EntityKind {
    let speech = 2 * cs.iter().filter(|c| c.speech).count() as u32;
    if cs.iter().all(|c| c.ub == c.ua + 1) {
        let nation = cs.iter().any(|c| units[c.ua].nation);
        let (mut strong, mut weak) = (3 * u32::from(nation), 0);
        for c in cs {
            let (s, w) = place_score(units, c.ua);
            strong += s;
            weak += w;
        }
        // "to" and "from" alone are not enough ("news from FooBar").
        if strong >= 2 && strong + weak > speech {
            return EntityKind::Place;
        }
    }
    if speech > 0 {
        EntityKind::Person
    } else {
        EntityKind::Other
    }
}

fn entity(text: &str, units: &[Unit], cands: &[Cand], members: &[usize]) -> DocEntity {
    let cs: Vec<&Cand> = members.iter().map(|&i| &cands[i]).collect();
    let gaz = cs.iter().find_map(|c| c.gaz);
    let person = cs.iter().any(|c| c.person);
    let kind = match gaz {
        Some(g) => g.kind,
        None if person => EntityKind::Person,
        None => cs
            .iter()
            .find_map(|c| c.kind)
            .unwrap_or_else(|| unmarked_kind(units, &cs)),
    };
    let name = match gaz {
        Some(g) => g.canonical.clone(),
        None => {
            let body: Vec<&&Cand> = cs.iter().filter(|c| !c.title_line).collect();
            let pool: Vec<&&Cand> = if body.is_empty() {
                cs.iter().collect()
            } else {
                body
            };
            // The fullest name, written in ordinary case if it can be.
            let best = pool
                .into_iter()
                .max_by_key(|c| {
                    let lower = c.surface.chars().any(char::is_lowercase);
                    (c.ub - c.ua, lower, std::cmp::Reverse(c.start))
                })
                .expect("a group has members");
            text[best.start..best.end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        }
    };
    let mut aliases: Vec<String> = Vec::new();
    let mut roles: Vec<String> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::new();
    let (mut female, mut male) = (0, 0);
    for c in &cs {
        let surface = text[c.start..c.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for a in [Some(surface), c.title_alias.clone()].into_iter().flatten() {
            if a != name && !aliases.contains(&a) {
                aliases.push(a);
            }
        }
        if let Some(r) = &c.role {
            if !roles.iter().any(|x| x.eq_ignore_ascii_case(r)) {
                roles.push(r.clone());
            }
        }
        match c.gender {
            Some(Gender::Female) => female += 1,
            Some(Gender::Male) => male += 1,
            None => {}
        }
        mentions.push(Mention {
            start: c.start,
            end: c.end,
            kind: MentionKind::Name,
        });
    }
    mentions.sort();
    mentions.dedup();
    let gender = if kind != EntityKind::Person {
        None
    } else if female > male {
        Some(Gender::Female)
    } else if male > female {
        Some(Gender::Male)
    } else {
        None
    };
    DocEntity {
        name,
        kind,
        aliases,
        roles,
        gender,
        mentions,
    }
}
