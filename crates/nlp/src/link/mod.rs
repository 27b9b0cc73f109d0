//! Linking across documents: one canonical entity per real-world entity
//! across the store, and quotes that are variants of one statement.
//! Both are pure functions of the whole set of analysed documents, so the
//! result does not depend on the order in which documents were ingested.

use std::collections::{BTreeMap, BTreeSet};

mod variants;

pub use variants::quote_variants;

use crosscheck_model::{sha256_hex, DocAnalysis, DocEntity, EntityKind, LinkedEntity};

/// One analysed document, as the linkers need it.
#[derive(Debug, Clone, Copy)]
pub struct AnalysedDoc<'a> {
    pub id: &'a str,
    /// `YYYY-MM-DD` when known.
    pub published: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub text: &'a str,
    pub analysis: &'a DocAnalysis,
}

/// A quote that repeats, in other words or another translation, a statement
/// first given by another quote: (document id, index into its quotes).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Variant {
    pub document_id: String,
    pub quote: usize,
    pub variant_of_document: String,
    pub variant_of_quote: usize,
}

/// Group the documents' entities into store-wide entities: entities of one
/// kind whose names agree once case, diacritics and punctuation are ignored
/// are one; a person known in a document only by a surname joins the one
/// person of the store whose full name ends with it. The canonical name is
/// the most frequent full name (ties: the longest, then the first in
/// lexicographic order); the id is derived from the kind and that name. The
/// result does not depend on the order of `docs`.
pub fn link_entities(docs: &[AnalysedDoc]) -> Vec<LinkedEntity> {
    // (document id, entity index, entity), in a fixed order.
    let mut items: Vec<(&str, usize, &DocEntity)> = docs
        .iter()
        .flat_map(|d| {
            d.analysis
                .entities
                .iter()
                .enumerate()
                .map(move |(i, e)| (d.id, i, e))
        })
        .filter(|(_, _, e)| !link_key(&e.name).is_empty())
        .collect();
    items.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut groups: BTreeMap<(EntityKind, String), Vec<usize>> = BTreeMap::new();
    for (n, (_, _, e)) in items.iter().enumerate() {
        groups
            .entry((e.kind, link_key(&e.name)))
            .or_default()
            .push(n);
    }
    // Surname-only people (and unknown one-word names): the one multi-word
    // person whose last word it is.
    let mut by_last: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (kind, k) in groups.keys() {
        if *kind == EntityKind::Person && k.contains(' ') {
            let last = k.rsplit(' ').next().unwrap_or("").to_string();
            by_last.entry(last).or_default().push(k.clone());
        }
    }
    let singles: Vec<(EntityKind, String)> = groups
        .keys()
        .filter(|(kind, k)| {
            matches!(kind, EntityKind::Person | EntityKind::Other) && !k.contains(' ')
        })
        .cloned()
        .collect();
    for single in singles {
        let Some(targets) = by_last.get(&single.1) else {
            continue;
        };
        if targets.len() != 1 {
            continue;
        }
        let target = (EntityKind::Person, targets[0].clone());
        if let Some(members) = groups.remove(&single) {
            groups.entry(target).or_default().extend(members);
        }
    }
    let mut out: Vec<LinkedEntity> = groups
        .into_iter()
        .map(|((kind, _), members)| linked(kind, &items, &members))
        .collect();
    out.sort_by(|a, b| (a.kind, &a.name, &a.id).cmp(&(b.kind, &b.name, &b.id)));
    out
}

fn linked(
    kind: EntityKind,
    items: &[(&str, usize, &DocEntity)],
    members: &[usize],
) -> LinkedEntity {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for &m in members {
        *counts.entry(items[m].2.name.as_str()).or_default() += 1;
    }
    // Full names (several words) before surnames.
    let words = |s: &str| s.split_whitespace().count();
    let name = counts
        .iter()
        .max_by(|a, b| {
            (words(a.0) > 1)
                .cmp(&(words(b.0) > 1))
                .then(a.1.cmp(b.1))
                .then(a.0.chars().count().cmp(&b.0.chars().count()))
                .then(b.0.cmp(a.0))
        })
        .map(|(n, _)| n.to_string())
        .unwrap_or_default();
    let mut aliases: BTreeSet<String> = BTreeSet::new();
    for &m in members {
        let e = items[m].2;
        aliases.insert(e.name.clone());
        aliases.extend(e.aliases.iter().cloned());
    }
    aliases.remove(&name);
    let mut members: Vec<(String, usize)> = members
        .iter()
        .map(|&m| (items[m].0.to_string(), items[m].1))
        .collect();
    members.sort();
    members.dedup();
    let digest = sha256_hex(format!("{}:{}", kind.as_str(), name.to_lowercase()).as_bytes());
    LinkedEntity {
        id: format!("e{}", &digest[..12]),
        name,
        kind,
        aliases: aliases.into_iter().collect(),
        members,
    }
}

/// A name as linking compares it: lower case, diacritics folded,
/// punctuation dropped ("U.S." and "US" agree), white space collapsed.
fn link_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            for l in c.to_lowercase() {
                out.push(crate::entities::fold(l));
            }
        } else if c.is_whitespace() || c == '-' {
            space = true;
        }
    }
    out
}
