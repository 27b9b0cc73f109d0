//! Contradictions between the documents of a story.
//!
//! - Numbers and dates: two aligned facts of the same predicate class about
//!   a shared entity whose words overlap by at least
//!   [`align::WEAK_OVERLAP`], one giving an amount the other gives
//!   differently (same unit, more than 2% apart), or one resolved date the
//!   other gives differently (same precision, different value).
//! - Measures: two facts giving one quantity differently even in different
//!   words ("about 240 tonnes of solvent leaked", "monitors put the amount
//!   of solvent released at nearly 300 tonnes"): amounts of one unit (not a
//!   bare count) of the same measured thing ([`measure::measured`]) that no
//!   value satisfies both ([`measure::disagree`]: "more than 200" does not
//!   contradict 240), within a factor of [`MEASURE_RATIO`] of each other
//!   (a figure ten times another is another quantity, not a disputed one),
//!   in claims of different documents that share a predicate class and
//!   overlap by [`align::WEAK_OVERLAP`], name no different actors, and
//!   give no different times (a later count is an update, not a dispute).
//! - Titles: one person called "former X" in one document and "X" in
//!   another published within [`ROLE_WINDOW_DAYS`] (or undated): one of
//!   them is wrong about the person's office. And one person given two
//!   ranks of one office by different documents in that window ("Maritime
//!   Minister" against "Deputy Minister for Maritime Affairs";
//!   [`titles::conflict`]); two different portfolios are not a conflict, as
//!   one person may hold both.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crosscheck_cluster::timeline::day_number;
use crosscheck_model::EntityKind;

use crate::align::{self, claim, close, Parts};
use crate::{measure, sources, titles, ClaimRef, Contradiction, RoleConflict, StoryDoc};

/// Documents further apart than this may both be right about a title.
pub const ROLE_WINDOW_DAYS: i64 = 60;
/// Two figures of one measured thing further apart than this factor are
/// taken for two quantities, not one disputed.
pub const MEASURE_RATIO: f64 = 3.0;
/// Members of each group compared for a measure conflict (the first ones).
const MEASURE_SAMPLE: usize = 16;

/// For each aligned group, the claims of other groups that contradict it.
pub fn number_and_date_conflicts(
    docs: &[StoryDoc],
    groups: &[Vec<ClaimRef>],
) -> Vec<Vec<Contradiction>> {
    let mut out: Vec<Vec<Contradiction>> = vec![Vec::new(); groups.len()];
    let heads: Vec<Parts> = groups.iter().map(|g| align::parts(docs, g[0])).collect();
    // Numbers and dates: groups of one predicate class naming one entity
    // (the blocks), not all of one document.
    let mut by_class_entity: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (g, p) in heads.iter().enumerate() {
        if p.same_main_class(p) {
            let names: BTreeSet<&str> = p.entities.iter().map(|e| align::name_block(e)).collect();
            for name in names {
                by_class_entity.entry((p.class, name)).or_default().push(g);
            }
        }
    }
    for (g, h) in align::block_pairs(by_class_entity.into_values()) {
        if one_document(&groups[g], &groups[h]) || apart(docs, &groups[g], &groups[h]) {
            continue;
        }
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
    // Measures: groups giving an amount of one unit for one measured word.
    let mut by_measure: BTreeMap<(String, String), BTreeSet<usize>> = BTreeMap::new();
    for (g, members) in groups.iter().enumerate() {
        for &r in members.iter().take(MEASURE_SAMPLE) {
            let c = claim(docs, r);
            for a in c.amounts.iter().filter(|a| a.unit != "count") {
                for w in measure::measured(docs[r.0].text, c.span, a) {
                    by_measure.entry((a.unit.clone(), w)).or_default().insert(g);
                }
            }
        }
    }
    let pairs = align::block_pairs(
        by_measure
            .into_values()
            .map(|members| members.into_iter().collect::<Vec<usize>>()),
    );
    let mut parts: HashMap<ClaimRef, Parts> = HashMap::new();
    for &(g, h) in &pairs {
        for &r in groups[g].iter().chain(&groups[h]).take(2 * MEASURE_SAMPLE) {
            parts.entry(r).or_insert_with(|| align::parts(docs, r));
        }
    }
    for (g, h) in pairs {
        let already = out[g].iter().any(|c| c.claims == groups[h]);
        if already || apart(docs, &groups[g], &groups[h]) {
            continue;
        }
        if let Some((reason_g, reason_h)) = measure_conflict(docs, &parts, &groups[g], &groups[h]) {
            out[g].push(Contradiction {
                claims: groups[h].clone(),
                reason: reason_g,
            });
            out[h].push(Contradiction {
                claims: groups[g].clone(),
                reason: reason_h,
            });
        }
    }
    out
}

/// Both groups state what they state in one and the same document: a text
/// giving two figures for one thing is updating or distinguishing them,
/// not disputed by another source.
fn one_document(g: &[ClaimRef], h: &[ClaimRef]) -> bool {
    let d = g[0].0;
    g.iter().chain(h).all(|r| r.0 == d)
}

/// The two groups come from different developments of the story only (every
/// document's episode known, none shared): a figure that changes from one
/// development to the next is an update ("12 dead" on Tuesday, "15 dead" a
/// month later), not two sources disagreeing.
fn apart(docs: &[StoryDoc], g: &[ClaimRef], h: &[ClaimRef]) -> bool {
    let episodes = |x: &[ClaimRef]| -> Option<BTreeSet<usize>> {
        x.iter().map(|r| docs[r.0].episode).collect()
    };
    match (episodes(g), episodes(h)) {
        (Some(a), Some(b)) => a.is_disjoint(&b),
        _ => false,
    }
}

/// Two groups that give one measured quantity differently: the first pair
/// of their claims that does, as "X against Y" from each side.
fn measure_conflict(
    docs: &[StoryDoc],
    parts: &HashMap<ClaimRef, Parts>,
    g: &[ClaimRef],
    h: &[ClaimRef],
) -> Option<(String, String)> {
    for &x in g.iter().take(MEASURE_SAMPLE) {
        for &y in h.iter().take(MEASURE_SAMPLE) {
            let (Some(px), Some(py)) = (parts.get(&x), parts.get(&y)) else {
                continue;
            };
            if x.0 == y.0 {
                continue;
            }
            let (cx, cy) = (claim(docs, x), claim(docs, y));
            // One kind of fact about the same actors at the same time.
            if !px.shares_class(py)
                || px.overlap(py) < align::WEAK_OVERLAP
                || !px.entities.is_empty() && !py.entities.is_empty() && !px.shares_entity(py)
                || !px.time.is_empty() && !py.time.is_empty() && px.time != py.time
            {
                continue;
            }
            for ax in cx.amounts.iter().filter(|a| a.unit != "count") {
                // A figure the other claim also gives is agreed on.
                if cy.amounts.iter().any(|b| !measure::disagree(ax, b)) {
                    continue;
                }
                let wx = measure::measured(docs[x.0].text, cx.span, ax);
                for ay in cy.amounts.iter().filter(|b| measure::disagree(ax, b)) {
                    let (lo, hi) = (ax.value.min(ay.value), ax.value.max(ay.value));
                    if lo <= 0.0 || hi > MEASURE_RATIO * lo {
                        continue;
                    }
                    let wy = measure::measured(docs[y.0].text, cy.span, ay);
                    if wx.intersection(&wy).next().is_none() {
                        continue;
                    }
                    let tx = &docs[x.0].text[ax.start..ax.end];
                    let ty = &docs[y.0].text[ay.start..ay.end];
                    return Some((format!("{tx} against {ty}"), format!("{ty} against {tx}")));
                }
            }
        }
    }
    None
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
            if e.kind != EntityKind::Person {
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
    let is_place = place_words(docs);
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
        for (title, d) in rank_conflicts(docs, &list, &is_place) {
            push_side(&mut sides, &title, d);
        }
        let mut sides = merge_equivalent(sides, &is_place);
        for s in &mut sides {
            s.1.sort_by_key(|&d| sources::order_key(docs, d));
        }
        if sides.len() >= 2 {
            let chains = sides
                .iter()
                .map(|(_, ds)| sources::independent(docs, ds))
                .collect();
            out.push(RoleConflict {
                entity: name,
                sides,
                chains,
            });
        }
    }
    out
}

/// The titles of one person (as `role_conflicts` lists them) that give one
/// office at different ranks in documents published near each other, as
/// (title, document), the rank fewer documents give first.
fn rank_conflicts(
    docs: &[StoryDoc],
    list: &[(String, String, bool, usize)],
    is_place: &dyn Fn(&str) -> bool,
) -> Vec<(String, usize)> {
    let offices: Vec<Option<titles::Office>> = list.iter().map(|r| titles::office(&r.0)).collect();
    let mut involved = vec![false; list.len()];
    for x in 0..list.len() {
        for y in x + 1..list.len() {
            let (Some(a), Some(b)) = (&offices[x], &offices[y]) else {
                continue;
            };
            if list[x].3 != list[y].3
                && near(docs, list[x].3, list[y].3)
                && titles::conflict(a, b, is_place)
            {
                involved[x] = true;
                involved[y] = true;
            }
        }
    }
    // The documents giving each rank: the rank fewer of them give is the
    // one the others contradict, and is named first.
    let mut by_rank: BTreeMap<&BTreeSet<&str>, BTreeSet<usize>> = BTreeMap::new();
    for (k, r) in list.iter().enumerate() {
        if let (true, Some(o)) = (involved[k], &offices[k]) {
            by_rank.entry(&o.rank).or_default().insert(r.3);
        }
    }
    let mut out: Vec<(String, usize)> = list
        .iter()
        .enumerate()
        .filter(|&(k, _)| involved[k] && offices[k].is_some())
        .map(|(_, r)| (r.0.clone(), r.3))
        .collect();
    let rank_docs = |title: &str| {
        titles::office(title).map_or(0, |o| by_rank.get(&o.rank).map_or(0, BTreeSet::len))
    };
    out.sort_by_cached_key(|(t, d)| (rank_docs(t), sources::order_key(docs, *d)));
    out
}

/// Whether a title word only names one of the story's places ("veloria",
/// "velorian", "us"): outlets add and drop those freely, so they do not
/// tell one portfolio from another. Places are the entities of kind place,
/// and of no known kind (the entity stage cannot type every unfamiliar
/// country); people and organisations are left out, as an organisation's
/// name is often a portfolio ("Foreign Ministry"). A name counts whole and
/// by its words of four letters or more; a demonym is read as a name less
/// its last letter, of four letters or more ("mexic-an", "chin-ese").
fn place_words(docs: &[StoryDoc]) -> impl Fn(&str) -> bool {
    let mut names: BTreeSet<String> = BTreeSet::new();
    for doc in docs {
        let places = doc
            .analysis
            .entities
            .iter()
            .filter(|e| matches!(e.kind, EntityKind::Place | EntityKind::Other));
        for e in places {
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                let lower: String = n
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric() || c.is_whitespace())
                    .collect();
                names.extend(
                    lower
                        .split_whitespace()
                        .filter(|w| w.chars().count() >= 4)
                        .map(str::to_string),
                );
                names.insert(lower.split_whitespace().collect());
            }
        }
    }
    move |w: &str| {
        names.iter().any(|n| {
            n == w || {
                let stem: String = n
                    .chars()
                    .take(n.chars().count().saturating_sub(1))
                    .collect();
                stem.chars().count() >= 4 && w.starts_with(&stem)
            }
        })
    }
}

/// Sides that give one title in equivalent forms are one side ("President"
/// and "U.S. President": the same office, "former" or not, once places and
/// abbreviated qualifiers are set aside), named by the form most of their
/// documents give (then the fullest); in the order of their first side.
fn merge_equivalent(
    sides: Vec<(String, Vec<usize>)>,
    is_place: &dyn Fn(&str) -> bool,
) -> Vec<(String, Vec<usize>)> {
    let key = |title: &str| -> (bool, Vec<String>) {
        let (_, former) = office(title);
        let words = title
            .split(|c: char| c.is_whitespace() || c == '-')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'))
            .filter(|w| !w.is_empty())
            .filter(|w| {
                let lower = w.to_lowercase();
                // "U.S.", "U.K.": an abbreviated qualifier.
                let abbreviation =
                    w.contains('.') && w.chars().filter(|c| c.is_alphabetic()).count() <= 3;
                let qualifier = matches!(lower.as_str(), "former" | "ex" | "the")
                    || is_place(&lower)
                    || is_place(w)
                    || abbreviation;
                !qualifier
            })
            .map(str::to_lowercase)
            .collect();
        (former, words)
    };
    // (key, the forms with how many documents give each, documents).
    type Merged = ((bool, Vec<String>), Vec<(String, usize)>, Vec<usize>);
    let mut out: Vec<Merged> = Vec::new();
    for (title, documents) in sides {
        let k = key(&title);
        let n = documents.len();
        match out.iter_mut().find(|o| o.0 == k) {
            Some(o) => {
                o.1.push((title, n));
                for d in documents {
                    if !o.2.contains(&d) {
                        o.2.push(d);
                    }
                }
            }
            None => out.push((k, vec![(title, n)], documents)),
        }
    }
    // Named by the form most documents give, then the fullest.
    out.into_iter()
        .map(|(_, forms, d)| {
            let name = forms
                .iter()
                .max_by_key(|(t, n)| (*n, t.len()))
                .map(|f| f.0.clone())
                .unwrap_or_default();
            (name, d)
        })
        .collect()
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
    fn equivalent_titles_are_one_side() {
        let is_place = |w: &str| matches!(w, "veloria" | "velorian" | "mexico");
        let sides = vec![
            ("former U.S. President".to_string(), vec![0]),
            ("President".to_string(), vec![1, 2]),
            ("U.S. President".to_string(), vec![1, 3]),
            ("Velorian Deputy Minister".to_string(), vec![4]),
            ("Deputy Minister".to_string(), vec![5, 6]),
            ("Minister".to_string(), vec![7]),
        ];
        assert_eq!(
            merge_equivalent(sides, &is_place),
            vec![
                ("former U.S. President".to_string(), vec![0]),
                ("U.S. President".to_string(), vec![1, 2, 3]),
                ("Deputy Minister".to_string(), vec![4, 5, 6]),
                ("Minister".to_string(), vec![7]),
            ]
        );
    }

    #[test]
    fn offices() {
        assert_eq!(office("former U.S. President"), ("president".into(), true));
        assert_eq!(office("U.S. President"), ("president".into(), false));
        assert_eq!(office("Secretary of State"), ("state".into(), false));
        assert_eq!(office("ex-Minister"), ("minister".into(), true));
    }
}
