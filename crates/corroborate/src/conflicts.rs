//! Contradictions between the documents of a story.
//!
//! - Numbers and dates: two aligned facts of the same predicate class about
//!   a shared entity whose words overlap by at least
//!   [`align::WEAK_OVERLAP`], one giving an amount the other gives
//!   differently (same unit, more than 2% apart), or one resolved date the
//!   other gives differently (same precision, different value).
//! - Titles: one person called "former X" in one document and "X" in
//!   another published within [`ROLE_WINDOW_DAYS`] (or undated): one of
//!   them is wrong about the person's office.

use std::collections::BTreeMap;

use crosscheck_cluster::timeline::day_number;

use crate::align::{self, claim, close, Parts};
use crate::{ClaimRef, Contradiction, RoleConflict, StoryDoc};

/// Documents further apart than this may both be right about a title.
pub const ROLE_WINDOW_DAYS: i64 = 60;

/// For each aligned group, the claims of other groups that contradict it.
pub fn number_and_date_conflicts(
    docs: &[StoryDoc],
    groups: &[Vec<ClaimRef>],
) -> Vec<Vec<Contradiction>> {
    let mut out: Vec<Vec<Contradiction>> = vec![Vec::new(); groups.len()];
    // Groups by predicate class, to compare only within a class.
    let mut by_class: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let heads: Vec<Parts> = groups
        .iter()
        .map(|g| Parts::of(claim(docs, g[0]), docs[g[0].0].text))
        .collect();
    for (g, p) in heads.iter().enumerate() {
        if p.same_main_class(p) {
            by_class.entry(p.class).or_default().push(g);
        }
    }
    for members in by_class.values() {
        for (x, &g) in members.iter().enumerate() {
            for &h in &members[x + 1..] {
                if let Some(reason) = conflict(docs, &groups[g], &groups[h], &heads[g], &heads[h]) {
                    out[g].push(Contradiction {
                        claims: groups[h].clone(),
                        reason: reason.clone(),
                    });
                    out[h].push(Contradiction {
                        claims: groups[g].clone(),
                        reason,
                    });
                }
            }
        }
    }
    out
}

fn conflict(
    docs: &[StoryDoc],
    g: &[ClaimRef],
    h: &[ClaimRef],
    a: &Parts,
    b: &Parts,
) -> Option<String> {
    if !a.shares_entity(b) || a.overlap(b) < align::WEAK_OVERLAP {
        return None;
    }
    let (ca, cb) = (claim(docs, g[0]), claim(docs, h[0]));
    for x in &ca.amounts {
        for y in cb.amounts.iter().filter(|y| y.unit == x.unit) {
            if !close(x.value, y.value)
                && !cb
                    .amounts
                    .iter()
                    .any(|z| z.unit == x.unit && close(z.value, x.value))
            {
                let tx = &docs[g[0].0].text[x.start..x.end];
                let ty = &docs[h[0].0].text[y.start..y.end];
                return Some(format!("{tx} against {ty}"));
            }
        }
    }
    match (&ca.time, &cb.time) {
        (Some(x), Some(y)) if x.kind == y.kind => match (&x.value, &y.value) {
            (Some(vx), Some(vy)) if vx != vy && vx.len() == vy.len() => {
                Some(format!("{vx} against {vy}"))
            }
            _ => None,
        },
        _ => None,
    }
}

/// People given a title by one document that others contradict.
pub fn role_conflicts(docs: &[StoryDoc]) -> Vec<RoleConflict> {
    // Person name → (title as written, base office, former?, document).
    let mut roles: BTreeMap<String, Vec<(String, String, bool, usize)>> = BTreeMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for e in &doc.analysis.entities {
            if e.kind != crosscheck_model::EntityKind::Person {
                continue;
            }
            for r in &e.roles {
                let (base, former) = office(r);
                if !base.is_empty() {
                    roles
                        .entry(e.name.clone())
                        .or_default()
                        .push((r.clone(), base, former, d));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (name, list) in roles {
        let formers: Vec<&(String, String, bool, usize)> = list.iter().filter(|r| r.2).collect();
        let mut sides: Vec<(String, Vec<usize>)> = Vec::new();
        for f in &formers {
            let current: Vec<usize> = list
                .iter()
                .filter(|r| !r.2 && r.1 == f.1 && r.3 != f.3 && near(docs, r.3, f.3))
                .map(|r| r.3)
                .collect();
            if current.is_empty() {
                continue;
            }
            push_side(&mut sides, &f.0, f.3);
            for r in list
                .iter()
                .filter(|r| !r.2 && r.1 == f.1 && current.contains(&r.3))
            {
                push_side(&mut sides, &r.0, r.3);
            }
        }
        if !sides.is_empty() {
            out.push(RoleConflict {
                entity: name,
                sides,
            });
        }
    }
    out
}

fn push_side(sides: &mut Vec<(String, Vec<usize>)>, title: &str, d: usize) {
    match sides.iter_mut().find(|s| s.0 == title) {
        Some(s) if !s.1.contains(&d) => s.1.push(d),
        Some(_) => {}
        None => sides.push((title.to_string(), vec![d])),
    }
}

/// The office a title names (its last word, lower case: "president",
/// "secretary") and whether it says "former" (or "ex-").
fn office(title: &str) -> (String, bool) {
    let lower = title.to_lowercase();
    let former =
        lower.starts_with("former ") || lower.starts_with("ex-") || lower.starts_with("ex ");
    let base = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    (base, former)
}

fn near(docs: &[StoryDoc], a: usize, b: usize) -> bool {
    match (
        docs[a].published.and_then(day_number),
        docs[b].published.and_then(day_number),
    ) {
        (Some(x), Some(y)) => (x - y).abs() <= ROLE_WINDOW_DAYS,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offices() {
        assert_eq!(office("former U.S. President"), ("president".into(), true));
        assert_eq!(office("U.S. President"), ("president".into(), false));
        assert_eq!(office("Secretary of State"), ("state".into(), false));
        assert_eq!(office("ex-Minister"), ("minister".into(), true));
    }
}
