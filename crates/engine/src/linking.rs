//! Linking in the ingest pipeline: entities across documents and quote
//! variants.
//!
//! A full linking ([`compute_links`]: the first ingest, `rebuild`, an ingest
//! that re-analyses stored documents or adds more than a quarter of the
//! store) reads every analysed document. Any other ingest is an update
//! ([`link_update`]): a linked entity is the group of document entities of
//! one kind that share a link key, with a person known only by a surname
//! joined to the one full name of that surname, and quote variants are
//! found among one linked speaker's quotes. So the only links a new
//! document can change are the groups of its entities' keys and of their
//! surnames, and the variants of those groups' quotes: the update reads a
//! summary of each of those groups from the store (migration 13 keeps every
//! document entity's key; a linked entity's name and id depend only on its
//! groups' spellings and aliases), links them again with the same linker,
//! and replaces them. The result is what a full linking gives.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::panic::AssertUnwindSafe;

use crosscheck_model::names::{last_word, link_key};
use crosscheck_model::{DocEntity, EntityKind, LinkedEntity};
use crosscheck_nlp::link::{
    chain_head, variants_of, AnalysedDoc, DocQuotes, EntityLinker, GroupSummary, Variant,
};
use crosscheck_store::{
    AnalysedDocument, LinkSource, LinkState, LinkUpdate, Links, MovedGroup, QuoteVariant,
    StoreError, StoredGroup,
};

use crate::cluster_update::FULL_SHARE;
use crate::interrupt::Interrupt;

fn aborted() -> StoreError {
    StoreError::Aborted("internal error while linking documents (please report it)".into())
}

/// The variants that name two existing quotes, each quote a variant once,
/// sorted.
fn checked_variants(
    variants: Vec<Variant>,
    quote_exists: &dyn Fn(&str, usize) -> bool,
) -> Vec<QuoteVariant> {
    let mut seen: HashSet<(String, usize)> = HashSet::new();
    let mut out_variants = Vec::new();
    for v in variants {
        let ok = quote_exists(&v.document_id, v.quote)
            && quote_exists(&v.variant_of_document, v.variant_of_quote)
            && (v.document_id != v.variant_of_document || v.quote != v.variant_of_quote)
            && seen.insert((v.document_id.clone(), v.quote));
        if !ok {
            tracing::debug!(?v, "quote variant dropped");
            continue;
        }
        out_variants.push(QuoteVariant {
            document_id: v.document_id,
            quote: v.quote,
            variant_of_document: v.variant_of_document,
            variant_of_quote: v.variant_of_quote,
        });
    }
    out_variants.sort();
    out_variants
}

fn doc_quotes(d: &AnalysedDocument) -> Result<DocQuotes, StoreError> {
    let run = || {
        DocQuotes::of(&AnalysedDoc {
            id: &d.id,
            published: d.published.as_deref(),
            outlet: d.outlet.as_deref(),
            text: &d.text,
            analysis: &d.analysis,
        })
    };
    std::panic::catch_unwind(AssertUnwindSafe(run)).map_err(|_| aborted())
}

/// The links of the analysed documents of `source`, read one at a time (only
/// the entities' names and the quotes' content words stay in memory): every
/// document entity belongs to exactly one linked entity, and variants that
/// name no stored quote, or a quote already given as a variant, are
/// dropped.
pub(crate) fn compute_links(
    source: &dyn LinkSource,
    interrupt: &Interrupt,
) -> Result<Links, StoreError> {
    let mut linker = EntityLinker::default();
    let mut quotes: Vec<DocQuotes> = Vec::new();
    // (entities, quotes) of each document, to check the linkers' output.
    let mut sizes: HashMap<String, (usize, usize)> = HashMap::new();
    source.for_each_link_document(&mut |d| {
        interrupt.check()?;
        let run = || linker.add(&d.id, &d.analysis.entities);
        std::panic::catch_unwind(AssertUnwindSafe(run)).map_err(|_| aborted())?;
        quotes.push(doc_quotes(&d)?);
        sizes.insert(
            d.id.clone(),
            (d.analysis.entities.len(), d.analysis.quotes.len()),
        );
        Ok(())
    })?;
    let run = || {
        let entities = linker.finish();
        let variants = variants_of(&quotes, &entities);
        (entities, variants)
    };
    let (entities, variants) =
        std::panic::catch_unwind(AssertUnwindSafe(run)).map_err(|_| aborted())?;
    drop(quotes);
    let members: usize = entities.iter().map(|e| e.members.len()).sum();
    let stored: usize = sizes.values().map(|s| s.0).sum();
    let fits = entities.iter().all(|e| {
        e.members
            .iter()
            .all(|(doc, i)| sizes.get(doc).is_some_and(|s| *i < s.0))
    });
    if members != stored || !fits {
        return Err(StoreError::Aborted(format!(
            "internal error: linking gave {members} entity members for {stored} document \
             entities (please report it)"
        )));
    }
    let quote_exists = |doc: &str, i: usize| sizes.get(doc).is_some_and(|s| i < s.1);
    Ok(Links {
        entities,
        variants: checked_variants(variants, &quote_exists),
    })
}

/// The groups a new entity of `kind` and `key` can change: its own, and,
/// through surnames, the full names of persons and the one-word names of
/// persons and others that share a last word with it.
fn affected_keys(
    state: &dyn LinkState,
    new: &BTreeSet<(EntityKind, String)>,
) -> Result<BTreeSet<(EntityKind, String)>, StoreError> {
    let mut lasts: BTreeSet<String> = BTreeSet::new();
    for (kind, key) in new {
        match last_word(key) {
            Some(last) if *kind == EntityKind::Person => {
                lasts.insert(last.to_string());
            }
            None if matches!(kind, EntityKind::Person | EntityKind::Other) => {
                lasts.insert(key.clone());
            }
            _ => {}
        }
    }
    let mut keys = new.clone();
    for last in lasts {
        keys.insert((EntityKind::Person, last.clone()));
        keys.insert((EntityKind::Other, last.clone()));
        for k in state.person_keys_ending(&last)? {
            keys.insert((EntityKind::Person, k));
        }
    }
    Ok(keys)
}

/// The links of the documents staged by this ingest, as changes to the
/// stored links, or `None` when everything must be linked again: keys
/// missing (a store of an older schema), nothing linked yet, or more new
/// documents than [`FULL_SHARE`] of the linked ones.
///
/// A stored group is read as a summary (its names' counts and its aliases,
/// which decide the linked entity's name and id) and not member by member:
/// the members of a group stay together, so a group that changes entity
/// moves as a whole ([`MovedGroup`]), and the new documents' entities are
/// the only members added.
pub fn link_update(
    state: &dyn LinkState,
    interrupt: &Interrupt,
) -> Result<Option<LinkUpdate>, StoreError> {
    let (new, all) = state.counts()?;
    let stored = all.saturating_sub(new);
    if stored == 0 || new as f64 > FULL_SHARE * stored as f64 || !state.keyed()? {
        return Ok(None);
    }
    let mut new_docs: Vec<AnalysedDocument> = Vec::with_capacity(new);
    state.for_each_new_document(&mut |d| {
        new_docs.push(d);
        Ok(())
    })?;
    interrupt.check()?;
    // Every stored entity but the new documents' must be linked already
    // (documents stored without staging would not be new here).
    let (stored_entities, linked) = state.entity_totals()?;
    let new_entities: usize = new_docs.iter().map(|d| d.analysis.entities.len()).sum();
    if linked + new_entities != stored_entities {
        return Ok(None);
    }
    // The new documents' entities of each key.
    let mut new_keys: BTreeMap<(EntityKind, String), usize> = BTreeMap::new();
    for d in &new_docs {
        for e in &d.analysis.entities {
            let key = link_key(&e.name);
            if !key.is_empty() {
                *new_keys.entry((e.kind, key)).or_default() += 1;
            }
        }
    }
    let keys = affected_keys(state, &new_keys.keys().cloned().collect())?;
    // Each group's summary (the new documents' entities included), and the
    // linked entity of its stored members with how many those are.
    let mut groups: Vec<((EntityKind, &str), StoredGroup)> = Vec::with_capacity(keys.len());
    let mut was: HashMap<(EntityKind, &str), (&str, usize)> = HashMap::new();
    // The stored entities these groups' members belong to, with how many.
    let mut removed: BTreeMap<String, usize> = BTreeMap::new();
    for (kind, key) in &keys {
        groups.push(((*kind, key.as_str()), state.group(*kind, key)?));
    }
    for ((kind, key), g) in &groups {
        let fresh = new_keys
            .get(&(*kind, key.to_string()))
            .copied()
            .unwrap_or(0);
        let stored = g.entities.checked_sub(fresh);
        match (stored, &g.linked_id) {
            (Some(0), None) => {}
            (Some(n), Some(id)) if n > 0 => {
                *removed.entry(id.clone()).or_default() += n;
                was.insert((*kind, key), (id.as_str(), n));
            }
            _ => {
                tracing::debug!(%key, "link group inconsistent; linking everything");
                return Ok(None);
            }
        }
    }
    // Every member of a linked entity replaced must be in these groups, or
    // it would lose its link: a group the closure missed falls back to a
    // full linking rather than to a wrong one.
    for (id, found) in &removed {
        if state.members_of(id)? != *found {
            tracing::debug!(entity = %id, "link update incomplete; linking everything");
            return Ok(None);
        }
    }
    interrupt.check()?;
    let run = || {
        let mut linker = EntityLinker::default();
        for ((kind, key), g) in &groups {
            let summary = GroupSummary {
                names: g.names.clone(),
                aliases: g.aliases.clone(),
            };
            linker.add_summary(*kind, key, summary);
        }
        for d in &new_docs {
            let all: Vec<(usize, &DocEntity)> = d.analysis.entities.iter().enumerate().collect();
            linker.add_members(&d.id, &all);
        }
        linker.finish_keyed()
    };
    let keyed = std::panic::catch_unwind(AssertUnwindSafe(run)).map_err(|_| aborted())?;
    // A new entity must not take the id of a stored one it does not
    // replace (a group the closure missed, which the write would merge
    // into it): link everything instead.
    let ids: Vec<&str> = keyed.iter().map(|k| k.entity.id.as_str()).collect();
    if state
        .stored_ids(&ids)?
        .iter()
        .any(|id| !removed.contains_key(id))
    {
        tracing::debug!("link update would clash with a stored entity; linking everything");
        return Ok(None);
    }
    let members: usize = keyed.iter().map(|k| k.entity.members.len()).sum();
    // (A group summarised from nothing would have no name.)
    let unnamed = keyed
        .iter()
        .any(|k| !k.keys.is_empty() && k.entity.name.is_empty());
    if members != new_entities || unnamed {
        return Err(StoreError::Aborted(format!(
            "internal error: linking gave {members} entity members for {new_entities} new \
             document entities{} (please report it)",
            if unnamed {
                ", and a group without a name"
            } else {
                ""
            }
        )));
    }
    // The stored groups whose members change entity.
    let mut moved = Vec::new();
    for k in &keyed {
        for (kind, key) in &k.keys {
            if let Some((id, _)) = was.get(&(*kind, key.as_str())) {
                if *id != k.entity.id {
                    moved.push(MovedGroup {
                        kind: *kind,
                        key: key.clone(),
                        entity_id: k.entity.id.clone(),
                    });
                }
            }
        }
    }
    moved.sort();
    // Quote variants are found among one linked speaker's quotes. They
    // change only for a speaker that the new documents quote, or whose
    // stored members are not those of one stored entity (two merged, one
    // split): a speaker that only gained members that say nothing keeps
    // its variants. The others' quotes are read and grouped again.
    let new_ids: HashSet<&str> = new_docs.iter().map(|d| d.id.as_str()).collect();
    let new_speakers: HashSet<(&str, usize)> = new_docs
        .iter()
        .flat_map(|d| {
            d.analysis
                .quotes
                .iter()
                .filter_map(move |q| q.speaker.map(|s| (d.id.as_str(), s)))
        })
        .collect();
    // Each of them with the members that speak, which is all that finding
    // variants reads of an entity.
    let mut regrouped: Vec<LinkedEntity> = Vec::new();
    for k in &keyed {
        let quoted = k
            .entity
            .members
            .iter()
            .any(|(d, i)| new_speakers.contains(&(d.as_str(), *i)));
        let before: BTreeSet<&str> = k
            .keys
            .iter()
            .filter_map(|(kind, key)| was.get(&(*kind, key.as_str())).map(|w| w.0))
            .collect();
        let stored: usize = k
            .keys
            .iter()
            .filter_map(|(kind, key)| was.get(&(*kind, key.as_str())).map(|w| w.1))
            .sum();
        let same = match before.iter().next() {
            Some(id) => before.len() == 1 && removed.get(*id) == Some(&stored),
            None => stored == 0,
        };
        if !quoted && same {
            continue;
        }
        let mut speaking = k.entity.members.clone();
        for (kind, key) in &k.keys {
            speaking.extend(state.speakers_with_key(*kind, key)?);
        }
        speaking.sort();
        speaking.dedup();
        regrouped.push(LinkedEntity {
            members: speaking,
            ..k.entity.clone()
        });
    }
    interrupt.check()?;
    let speakers: HashSet<(&str, usize)> = regrouped
        .iter()
        .flat_map(|e| e.members.iter().map(|(d, i)| (d.as_str(), *i)))
        .collect();
    // Only the stored documents that quote one of them are read.
    let stored_ids: Vec<String> = speakers
        .iter()
        .map(|(d, _)| *d)
        .filter(|d| !new_ids.contains(d))
        .collect::<BTreeSet<&str>>()
        .into_iter()
        .map(str::to_string)
        .collect();
    let mut docs = state.quote_documents(&stored_ids)?;
    docs.append(&mut new_docs);
    let mut quotes = Vec::new();
    let mut cleared = Vec::new();
    let mut sizes: HashMap<String, usize> = HashMap::new();
    for d in &docs {
        interrupt.check()?;
        let all = &d.analysis.quotes;
        // A variant row is keyed by its chain's first quote, and the parts
        // of a chain may have different speakers: clear a chain's row only
        // when every part's speaker is grouped again here (a row another
        // speaker's group gave stays; one found again replaces it below).
        let mut mixed: HashSet<usize> = HashSet::new();
        let mut ours: HashSet<usize> = HashSet::new();
        for (qi, q) in all.iter().enumerate() {
            let head = chain_head(all, qi);
            match q.speaker {
                Some(s) if speakers.contains(&(d.id.as_str(), s)) => {
                    ours.insert(head);
                }
                Some(_) => {
                    mixed.insert(head);
                }
                None => {}
            }
        }
        for head in ours.difference(&mixed) {
            cleared.push((d.id.clone(), *head));
        }
        sizes.insert(d.id.clone(), all.len());
        quotes.push(doc_quotes(d)?);
    }
    drop(docs);
    let run = || variants_of(&quotes, &regrouped);
    let variants = std::panic::catch_unwind(AssertUnwindSafe(run)).map_err(|_| aborted())?;
    let quote_exists = |doc: &str, i: usize| sizes.get(doc).is_some_and(|n| i < *n);
    let variants = checked_variants(variants, &quote_exists);
    // A variant found again replaces the stored row of its quote.
    let mut cleared: BTreeSet<(String, usize)> = cleared.into_iter().collect();
    cleared.extend(variants.iter().map(|v| (v.document_id.clone(), v.quote)));
    tracing::debug!(
        keys = keys.len(),
        moved = moved.len(),
        replaced = removed.len(),
        regrouped = regrouped.len(),
        documents_quoting = quotes.len(),
        "link update"
    );
    Ok(Some(LinkUpdate {
        removed: removed.into_keys().collect(),
        entities: keyed.into_iter().map(|k| k.entity).collect(),
        moved,
        quotes: cleared.into_iter().collect(),
        variants,
    }))
}
