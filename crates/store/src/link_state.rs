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

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rusqlite::{params, Connection};

use crosscheck_model::names::{last_word, link_key};
use crosscheck_model::{EntityKind, LinkedEntity};

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

/// What an update reads of the document entities of one kind and link key
/// (the stored ones and those of this ingest's documents), without listing
/// them: a popular name's group has tens of thousands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredGroup {
    /// How often each exact name occurs.
    pub names: BTreeMap<String, usize>,
    /// Every name and alias.
    pub aliases: BTreeSet<String>,
    /// Document entities with this key.
    pub entities: usize,
    /// The linked entity of the group's stored members (one, as every
    /// group of a key is linked whole), if it has any.
    pub linked_id: Option<String>,
}

/// A stored group of document entities (kind, link key) whose members now
/// belong to the linked entity `entity_id`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MovedGroup {
    pub kind: EntityKind,
    pub key: String,
    pub entity_id: String,
}

/// What an update of the links changes: the linked entities `removed` are
/// replaced by `entities`, whose members are only the new documents'
/// entities (the stored members of a group stay, or move with it as
/// `moved` says), and the variants of the quotes `quotes` (document, quote
/// index) by `variants`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkUpdate {
    pub removed: Vec<String>,
    pub entities: Vec<LinkedEntity>,
    pub moved: Vec<MovedGroup>,
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
    /// The document entities with this kind and link key, summarised.
    fn group(&self, kind: EntityKind, key: &str) -> Result<StoredGroup, StoreError>;
    /// The document entities with this kind and link key that speak a
    /// quote (document, index), in order.
    fn speakers_with_key(
        &self,
        kind: EntityKind,
        key: &str,
    ) -> Result<Vec<(String, usize)>, StoreError>;
    /// The link keys of the persons named by several words, the last of
    /// which is `last` (those of this ingest's documents may be among them).
    fn person_keys_ending(&self, last: &str) -> Result<Vec<String>, StoreError>;
    /// These analysed documents with their quotes (and no entities): what
    /// finding quote variants reads.
    fn quote_documents(&self, ids: &[String]) -> Result<Vec<AnalysedDocument>, StoreError>;
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

    fn group(&self, kind: EntityKind, key: &str) -> Result<StoredGroup, StoreError> {
        // From the link-key index alone (migration 14): no table row is
        // read, and a group's rows come as one row per distinct name and
        // aliases.
        let mut stmt = self.0.prepare_cached(
            "SELECT name, aliases, count(*) FROM doc_entities \
             WHERE link_key = ?1 AND kind = ?2 GROUP BY name, aliases",
        )?;
        let mut rows = stmt.query(params![key, kind.as_str()])?;
        let mut group = StoredGroup::default();
        while let Some(r) = rows.next()? {
            let name: String = r.get(0)?;
            let aliases: String = r.get(1)?;
            let n = r.get::<_, i64>(2)? as usize;
            *group.names.entry(name.clone()).or_default() += n;
            group.entities += n;
            group
                .aliases
                .extend(crate::analysis::strings(&name, "aliases", &aliases)?);
            group.aliases.insert(name);
        }
        let mut linked = self.0.prepare_cached(
            "SELECT m.entity_id FROM doc_entities e JOIN linked_entity_members m \
               ON m.document_id = e.document_id AND m.entity_idx = e.idx \
             WHERE e.link_key = ?1 AND e.kind = ?2 LIMIT 1",
        )?;
        group.linked_id = linked
            .query_map(params![key, kind.as_str()], |r| r.get(0))?
            .next()
            .transpose()?;
        Ok(group)
    }

    fn speakers_with_key(
        &self,
        kind: EntityKind,
        key: &str,
    ) -> Result<Vec<(String, usize)>, StoreError> {
        let mut stmt = self.0.prepare_cached(
            "SELECT e.document_id, e.idx FROM doc_entities e \
             WHERE e.link_key = ?1 AND e.kind = ?2 AND EXISTS ( \
               SELECT 1 FROM quotes q \
               WHERE q.document_id = e.document_id AND q.speaker_idx = e.idx) \
             ORDER BY e.document_id, e.idx",
        )?;
        let speakers = stmt
            .query_map(params![key, kind.as_str()], |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)? as usize))
            })?
            .collect::<Result<Vec<(String, usize)>, _>>()?;
        Ok(speakers)
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

/// Write an update: entity rows upserted, each moved group's stored
/// members given their new entity (one statement over the link-key index,
/// none of them read), the new documents' entities added as members, the
/// removed entities that are not among the new ones deleted, and the
/// cleared quotes' variants replaced. A popular entity that gains a member
/// keeps its other rows.
pub(crate) fn write_update(conn: &Connection, u: &LinkUpdate) -> Result<(), StoreError> {
    let mut entity = conn.prepare_cached(
        "INSERT INTO linked_entities (id, name, kind, aliases) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, \
         aliases = excluded.aliases",
    )?;
    for e in &u.entities {
        let aliases = serde_json::to_string(&e.aliases)
            .map_err(|e| StoreError::Corrupt(format!("aliases: {e}")))?;
        entity.execute(params![e.id, e.name, e.kind.as_str(), aliases])?;
    }
    // Before the removed entities are deleted, which would take their
    // members with them.
    let mut moved = conn.prepare_cached(
        "UPDATE linked_entity_members SET entity_id = ?3 \
         WHERE (document_id, entity_idx) IN ( \
           SELECT document_id, idx FROM doc_entities WHERE link_key = ?1 AND kind = ?2) \
         AND entity_id <> ?3",
    )?;
    for g in &u.moved {
        moved.execute(params![g.key, g.kind.as_str(), g.entity_id])?;
    }
    let mut member = conn.prepare_cached(
        "INSERT INTO linked_entity_members (entity_id, document_id, entity_idx) \
         VALUES (?1, ?2, ?3) \
         ON CONFLICT (document_id, entity_idx) DO UPDATE SET entity_id = excluded.entity_id",
    )?;
    for e in &u.entities {
        for (doc, idx) in &e.members {
            member.execute(params![e.id, doc, *idx as i64])?;
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
