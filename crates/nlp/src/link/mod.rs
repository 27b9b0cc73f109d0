//! Linking across documents: one canonical entity per real-world entity
//! across the store, and quotes that are variants of one statement.
//! Both are pure functions of the whole set of analysed documents, so the
//! result does not depend on the order in which documents were ingested.

use std::collections::{BTreeMap, BTreeSet};

mod variants;

pub use variants::{chain_head, quote_variants, variants_of, DocQuotes};

use crosscheck_model::names::link_key;
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
/// lexicographic order); the id is derived from the kind and that name. An
/// entity whose name has no letters or digits is an entity of its own (id
/// `<document id>-e<index>`), so every document entity belongs to exactly
/// one linked entity. The result does not depend on the order of `docs`.
pub fn link_entities(docs: &[AnalysedDoc]) -> Vec<LinkedEntity> {
    let mut linker = EntityLinker::default();
    for d in docs {
        linker.add(d.id, &d.analysis.entities);
    }
    linker.finish()
}

/// [`link_entities`] one document at a time: it keeps the entities' names
/// and a few bytes per mention, not the documents.
#[derive(Debug, Default)]
pub struct EntityLinker {
    doc_ids: Vec<String>,
    groups: BTreeMap<(EntityKind, String), Group>,
    /// Entities whose name has no letters or digits: (document, index, entity).
    alone: Vec<(u32, usize, DocEntity)>,
}

/// The document entities with one link key.
#[derive(Debug, Default)]
struct Group {
    /// (document, index into its entities).
    members: Vec<(u32, usize)>,
    /// How often each exact name occurs.
    names: BTreeMap<String, usize>,
    aliases: BTreeSet<String>,
    /// The link keys of the groups merged into this one (its own first),
    /// set by `finish`.
    keys: Vec<(EntityKind, String)>,
}

/// What linking needs of a group of document entities that share a kind and
/// a link key, without its members: how often each exact name occurs and
/// every alias (an update reads this of a stored group rather than its
/// thousands of members).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupSummary {
    pub names: BTreeMap<String, usize>,
    pub aliases: BTreeSet<String>,
}

/// A linked entity with the link keys of the groups it is made of (none for
/// an entity whose name has no letters or digits).
#[derive(Debug, Clone, PartialEq)]
pub struct KeyedEntity {
    pub entity: LinkedEntity,
    pub keys: Vec<(EntityKind, String)>,
}

impl EntityLinker {
    /// Add one document's entities. A document added twice counts twice.
    pub fn add(&mut self, doc_id: &str, entities: &[DocEntity]) {
        let all: Vec<(usize, &DocEntity)> = entities.iter().enumerate().collect();
        self.insert(doc_id, &all, true);
    }

    /// Add entities of one document, each with its index into the
    /// document's entities, counting their names and aliases into their
    /// groups or not (when a summary counts them).
    fn insert(&mut self, doc_id: &str, entities: &[(usize, &DocEntity)], count_names: bool) {
        let doc = u32::try_from(self.doc_ids.len()).unwrap_or(u32::MAX);
        self.doc_ids.push(doc_id.to_string());
        for &(i, e) in entities {
            let key = link_key(&e.name);
            if key.is_empty() {
                let lone = DocEntity {
                    mentions: Vec::new(),
                    ..e.clone()
                };
                self.alone.push((doc, i, lone));
                continue;
            }
            let g = self.groups.entry((e.kind, key)).or_default();
            g.members.push((doc, i));
            if count_names {
                *g.names.entry(e.name.clone()).or_default() += 1;
                g.aliases.insert(e.name.clone());
                g.aliases.extend(e.aliases.iter().cloned());
            }
        }
    }

    /// Count a group's names and aliases without adding members: with
    /// [`EntityLinker::add_members`], an update links a stored group from its
    /// summary. The names and aliases of members added by `add_members` must
    /// be in the summary, those added by `add` must not.
    pub fn add_summary(&mut self, kind: EntityKind, key: &str, summary: GroupSummary) {
        // (A key that no entity has makes no group.)
        if key.is_empty() || summary.names.is_empty() {
            return;
        }
        let g = self.groups.entry((kind, key.to_string())).or_default();
        for (name, n) in summary.names {
            *g.names.entry(name).or_default() += n;
        }
        g.aliases.extend(summary.aliases);
    }

    /// Add some of one document's entities as members only: their names and
    /// aliases are counted by a summary ([`EntityLinker::add_summary`]). An
    /// entity whose name has no letters or digits has no group and is added
    /// whole, as by `add`.
    pub fn add_members(&mut self, doc_id: &str, entities: &[(usize, &DocEntity)]) {
        self.insert(doc_id, entities, false);
    }

    /// The linked entities, sorted by kind, name and id.
    pub fn finish(self) -> Vec<LinkedEntity> {
        self.finish_keyed().into_iter().map(|k| k.entity).collect()
    }

    /// [`EntityLinker::finish`], each entity with the keys of its groups.
    pub fn finish_keyed(mut self) -> Vec<KeyedEntity> {
        // Surname-only people (and unknown one-word names): the one
        // multi-word person whose last word it is.
        let mut by_last: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (kind, k) in self.groups.keys() {
            if *kind == EntityKind::Person && k.contains(' ') {
                let last = k.rsplit(' ').next().unwrap_or("").to_string();
                by_last.entry(last).or_default().push(k.clone());
            }
        }
        let singles: Vec<(EntityKind, String)> = self
            .groups
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
            if let Some(moved) = self.groups.remove(&single) {
                let g = self.groups.entry(target).or_default();
                g.keys.push(single);
                g.members.extend(moved.members);
                for (name, n) in moved.names {
                    *g.names.entry(name).or_default() += n;
                }
                g.aliases.extend(moved.aliases);
            }
        }
        let doc_ids = &self.doc_ids;
        let mut out: Vec<KeyedEntity> = std::mem::take(&mut self.groups)
            .into_iter()
            .map(|((kind, key), mut g)| {
                let mut keys = vec![(kind, key)];
                keys.append(&mut g.keys);
                keys[1..].sort();
                KeyedEntity {
                    entity: linked(kind, g, doc_ids),
                    keys,
                }
            })
            .collect();
        for (doc, i, e) in self.alone {
            let doc_id = &doc_ids[doc as usize];
            out.push(KeyedEntity {
                entity: LinkedEntity {
                    id: crosscheck_model::document_entity_id(doc_id, i),
                    name: e.name,
                    kind: e.kind,
                    aliases: e.aliases,
                    members: vec![(doc_id.clone(), i)],
                },
                keys: Vec::new(),
            });
        }
        out.sort_by(|a, b| {
            let (a, b) = (&a.entity, &b.entity);
            (a.kind, &a.name, &a.id).cmp(&(b.kind, &b.name, &b.id))
        });
        out
    }
}

fn linked(kind: EntityKind, g: Group, doc_ids: &[String]) -> LinkedEntity {
    // Full names (several words) before surnames.
    let words = |s: &str| s.split_whitespace().count();
    let name = g
        .names
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
    let mut aliases = g.aliases;
    aliases.remove(&name);
    let mut members: Vec<(String, usize)> = g
        .members
        .iter()
        .map(|&(d, i)| (doc_ids[d as usize].clone(), i))
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
