//! What an update of the links reads and writes (the link keys of migration
//! 13), so that the entities of new documents are linked by reading only the
//! stored entities they can join, not every analysis.
//!
//! A linked entity is the group of document entities of one kind that share
//! a link key, with a person known only by a surname joined to the one full
//! name of that surname. So the groups a new entity changes are those of its
//! key and those that share its surname; the engine's `link_update` reads
//! them through [`LinkState`], links them again as a full linking would,
//! and returns a [`LinkUpdate`] that replaces them.

use std::collections::HashSet;

use rusqlite::{params, Connection};

use crosscheck_model::names::{last_word, link_key};
use crosscheck_model::{DocEntity, EntityKind, LinkedEntity};

use crate::{AnalysedDocument, QuoteVariant, StoreError};

/// The link key of an entity's name and, for a person of several words,
/// its last word (what `doc_entities.link_key` and `link_last` hold).
pub(crate) fn keys(name: &str, kind: EntityKind) -> (String, Option<String>) {
    let key = link_key(name);
    let last = match kind {
        EntityKind::Person => last_word(&key).map(str::to_string),
        _ => None,
    };
    (key, last)
}

/// A stored document entity, with the linked entity it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEntity {
    pub document_id: String,
    pub idx: usize,
    pub entity: DocEntity,
    pub linked_id: Option<String>,
}

/// What an update of the links changes: the linked entities `removed` are
/// replaced by `entities`, and the variants of the quotes `quotes` (document,
/// quote index) by `variants`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkUpdate {
    pub removed: Vec<String>,
    pub entities: Vec<LinkedEntity>,
    pub quotes: Vec<(String, usize)>,
    pub variants: Vec<QuoteVariant>,
}

/// The stored links, read inside the derivation's transaction.
pub trait LinkState {
    /// Whether every stored document entity has its link key (a store
    /// migrated from schema 12 has none until a full linking).
    fn keyed(&self) -> Result<bool, StoreError>;
    /// Documents staged by this ingest (not linked yet), and all documents.
    fn counts(&self) -> Result<(usize, usize), StoreError>;
    /// The staged analysed documents in id order, as linking reads them
    /// (entities without mentions, quotes).
    fn for_each_new_document(
        &self,
        f: &mut dyn FnMut(AnalysedDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
    /// The linked entities of documents (those of earlier ingests: this
    /// ingest's are not linked yet) with this kind and link key, each with
    /// what linking reads of it: its name, kind and aliases (no roles,
    /// gender or mentions).
    fn entities_with_key(
        &self,
        kind: EntityKind,
        key: &str,
    ) -> Result<Vec<StoredEntity>, StoreError>;
    /// The link keys of the persons named by several words, the last of
    /// which is `last` (those of this ingest's documents may be among them).
    fn person_keys_ending(&self, last: &str) -> Result<Vec<String>, StoreError>;
    /// These analysed documents with their quotes (and no entities): what
    /// finding quote variants reads.
    fn quote_documents(&self, ids: &[String]) -> Result<Vec<AnalysedDocument>, StoreError>;
    /// Which of these documents have a quote whose speaker is one of the
    /// given entity indices (document, indices).
    fn quoting(&self, speakers: &[(String, Vec<usize>)]) -> Result<Vec<String>, StoreError>;
    /// Which of these linked entity ids are stored.
    fn stored_ids(&self, ids: &[&str]) -> Result<Vec<String>, StoreError>;
    /// How many document entities a linked entity groups.
    fn members_of(&self, id: &str) -> Result<usize, StoreError>;
    /// Stored linked entities and quote variants.
    fn totals(&self) -> Result<(usize, usize), StoreError>;
    /// Stored document entities, and how many of them are linked.
    fn entity_totals(&self) -> Result<(usize, usize), StoreError>;
}

/// The links of the open transaction of `conn`.
pub(crate) struct LinkStateView<'a>(pub(crate) &'a Connection);

impl LinkState for LinkStateView<'_> {
    fn keyed(&self) -> Result<bool, StoreError> {
        Ok(self.0.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM doc_entities WHERE link_key IS NULL)",
            [],
            |r| r.get(0),
        )?)
    }

    fn counts(&self) -> Result<(usize, usize), StoreError> {
        // By the indexes (a scan of the documents would read every text);
        // the few documents without an analysis count as linked.
        let (staged, all): (i64, i64) = self.0.query_row(
            "SELECT (SELECT count(*) FROM documents WHERE staged = 1), \
                    (SELECT count(*) FROM documents)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((staged as usize, all as usize))
    }

    fn for_each_new_document(
        &self,
        f: &mut dyn FnMut(AnalysedDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        crate::analysis::for_each_link_document_where(self.0, "staged = 1", f)
    }

    fn entities_with_key(
        &self,
        kind: EntityKind,
        key: &str,
    ) -> Result<Vec<StoredEntity>, StoreError> {
        // Only what linking reads, which the link-key index holds
        // (migration 14): no table row is read.
        let mut stmt = self.0.prepare_cached(
            "SELECT e.idx, e.name, e.aliases, e.document_id, m.entity_id \
             FROM doc_entities e JOIN linked_entity_members m \
               ON m.document_id = e.document_id AND m.entity_idx = e.idx \
             WHERE e.link_key = ?1 AND e.kind = ?2 \
             ORDER BY e.document_id, e.idx",
        )?;
        let mut rows = stmt.query(params![key, kind.as_str()])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let document_id: String = r.get(3)?;
            let aliases: String = r.get(2)?;
            let entity = DocEntity {
                name: r.get(1)?,
                kind,
                aliases: crate::analysis::strings(&document_id, "aliases", &aliases)?,
                roles: Vec::new(),
                gender: None,
                mentions: Vec::new(),
            };
            out.push(StoredEntity {
                idx: r.get(0)?,
                document_id,
                entity,
                linked_id: r.get(4)?,
            });
        }
        Ok(out)
    }

    fn person_keys_ending(&self, last: &str) -> Result<Vec<String>, StoreError> {
        // The entities of this ingest's documents are not linked yet, but
        // their keys are among the new ones anyway: no need to read the
        // members to leave them out (the index alone answers; migration 14).
        let mut stmt = self.0.prepare_cached(
            "SELECT DISTINCT link_key FROM doc_entities \
             WHERE link_last = ?1 AND kind = ?2 ORDER BY link_key",
        )?;
        let keys = stmt
            .query_map(params![last, EntityKind::Person.as_str()], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(keys)
    }

    fn quote_documents(&self, ids: &[String]) -> Result<Vec<AnalysedDocument>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            crate::analysis::for_each_quote_document_with_id(self.0, id, &mut |d| {
                out.push(d);
                Ok(())
            })?;
        }
        Ok(out)
    }

    fn quoting(&self, speakers: &[(String, Vec<usize>)]) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.0.prepare_cached(
            "SELECT speaker_idx FROM quotes WHERE document_id = ?1 AND speaker_idx IS NOT NULL",
        )?;
        let mut out = Vec::new();
        for (doc, idx) in speakers {
            let found = stmt
                .query_map([doc], |r| r.get::<_, i64>(0))?
                .collect::<Result<Vec<i64>, _>>()?;
            if found.iter().any(|s| idx.iter().any(|i| *i as i64 == *s)) {
                out.push(doc.clone());
            }
        }
        Ok(out)
    }

    fn stored_ids(&self, ids: &[&str]) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .0
            .prepare_cached("SELECT 1 FROM linked_entities WHERE id = ?1")?;
        let mut out = Vec::new();
        for id in ids {
            if stmt.exists([id])? {
                out.push(id.to_string());
            }
        }
        Ok(out)
    }

    fn members_of(&self, id: &str) -> Result<usize, StoreError> {
        let n: i64 = self.0.query_row(
            "SELECT count(*) FROM linked_entity_members WHERE entity_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    fn totals(&self) -> Result<(usize, usize), StoreError> {
        let (e, v): (i64, i64) = self.0.query_row(
            "SELECT (SELECT count(*) FROM linked_entities), (SELECT count(*) FROM quote_variants)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((e as usize, v as usize))
    }

    fn entity_totals(&self) -> Result<(usize, usize), StoreError> {
        let (e, m): (i64, i64) = self.0.query_row(
            "SELECT (SELECT count(*) FROM doc_entities), \
                    (SELECT count(*) FROM linked_entity_members)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((e as usize, m as usize))
    }
}

/// Fill in the link keys a store migrated from schema 12 lacks (after a
/// full linking, so that the next ingest can be an update).
pub(crate) fn fill_keys(conn: &Connection) -> Result<(), StoreError> {
    let missing: Vec<(String, i64, String, String)> = conn
        .prepare("SELECT document_id, idx, name, kind FROM doc_entities WHERE link_key IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut update = conn.prepare_cached(
        "UPDATE doc_entities SET link_key = ?3, link_last = ?4 WHERE document_id = ?1 AND idx = ?2",
    )?;
    for (doc, idx, name, kind) in missing {
        let kind = EntityKind::parse(&kind).unwrap_or(EntityKind::Other);
        let (key, last) = keys(&name, kind);
        update.execute(params![doc, idx, key, last])?;
    }
    Ok(())
}

/// Write an update as the difference from what is stored: a popular
/// entity that gains a member keeps its other rows. Entity rows are
/// upserted, each entity's members compared with its stored ones (the new
/// ones upserted, which also moves a member from another entity, the
/// stale ones deleted), the removed entities that are not among the new
/// ones deleted, and the cleared quotes' variants replaced.
pub(crate) fn write_update(conn: &Connection, u: &LinkUpdate) -> Result<(), StoreError> {
    let mut entity = conn.prepare_cached(
        "INSERT INTO linked_entities (id, name, kind, aliases) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, \
         aliases = excluded.aliases",
    )?;
    let mut stored = conn.prepare_cached(
        "SELECT document_id, entity_idx FROM linked_entity_members WHERE entity_id = ?1",
    )?;
    let mut member = conn.prepare_cached(
        "INSERT INTO linked_entity_members (entity_id, document_id, entity_idx) \
         VALUES (?1, ?2, ?3) \
         ON CONFLICT (document_id, entity_idx) DO UPDATE SET entity_id = excluded.entity_id",
    )?;
    let mut stale = conn.prepare_cached(
        "DELETE FROM linked_entity_members \
         WHERE entity_id = ?1 AND document_id = ?2 AND entity_idx = ?3",
    )?;
    for e in &u.entities {
        let aliases = serde_json::to_string(&e.aliases)
            .map_err(|e| StoreError::Corrupt(format!("aliases: {e}")))?;
        entity.execute(params![e.id, e.name, e.kind.as_str(), aliases])?;
        let before: HashSet<(String, i64)> = stored
            .query_map([&e.id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let now: HashSet<(String, i64)> = e
            .members
            .iter()
            .map(|(d, i)| (d.clone(), *i as i64))
            .collect();
        for (doc, idx) in now.difference(&before) {
            member.execute(params![e.id, doc, idx])?;
        }
        for (doc, idx) in before.difference(&now) {
            stale.execute(params![e.id, doc, idx])?;
        }
    }
    let kept: HashSet<&str> = u.entities.iter().map(|e| e.id.as_str()).collect();
    let mut delete = conn.prepare_cached("DELETE FROM linked_entities WHERE id = ?1")?;
    for id in u.removed.iter().filter(|id| !kept.contains(id.as_str())) {
        delete.execute([id])?;
    }
    let mut variant = conn
        .prepare_cached("DELETE FROM quote_variants WHERE document_id = ?1 AND quote_idx = ?2")?;
    for (doc, q) in &u.quotes {
        variant.execute(params![doc, q])?;
    }
    crate::links_write::insert_variants(conn, &u.variants)
}
