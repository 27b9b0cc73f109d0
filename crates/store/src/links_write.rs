//! Writing the links (linked entities, their members, quote variants) as
//! the difference from what is stored: after an ingest of a few documents
//! nearly every row is already right, and rewriting a million of them cost
//! most of the link stage. Each table is read once in key order and merged
//! with the new rows sorted the same way (no map of the stored rows is
//! held), then only the rows that differ are deleted, updated or inserted.
//! The result is the table a full rewrite gives.

use std::borrow::Cow;

use rusqlite::{params, Connection};

use crate::{Links, QuoteVariant, StoreError};

/// A row's key: a document and an index into its entities or quotes.
type DocKey<'a> = (Cow<'a, str>, i64);

/// What a merge of stored and new rows finds: keys to delete, rows to
/// insert or update.
struct Diff<K, V> {
    delete: Vec<K>,
    insert: Vec<(K, V)>,
    update: Vec<(K, V)>,
}

/// Merge `stored` (in key order) with `new` (sorted by key, keys unique).
fn diff<K: Ord + Clone, V: PartialEq + Clone>(
    stored: impl Iterator<Item = Result<(K, V), StoreError>>,
    new: &[(K, V)],
) -> Result<Diff<K, V>, StoreError> {
    let mut d = Diff {
        delete: Vec::new(),
        insert: Vec::new(),
        update: Vec::new(),
    };
    let mut new_iter = new.iter().peekable();
    for row in stored {
        let (k, v) = row?;
        loop {
            match new_iter.peek() {
                Some((nk, _)) if *nk < k => {
                    let (nk, nv) = new_iter.next().expect("peeked");
                    d.insert.push((nk.clone(), nv.clone()));
                }
                Some((nk, nv)) if *nk == k => {
                    if *nv != v {
                        d.update.push((k.clone(), nv.clone()));
                    }
                    new_iter.next();
                    break;
                }
                _ => {
                    d.delete.push(k.clone());
                    break;
                }
            }
        }
    }
    d.insert.extend(new_iter.cloned());
    Ok(d)
}

/// Replace the stored links with `links`, writing only what changed. The
/// caller holds the transaction.
pub(crate) fn write_links(conn: &Connection, links: &Links) -> Result<(), StoreError> {
    let empty: bool = conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM linked_entities) \
         AND NOT EXISTS (SELECT 1 FROM quote_variants)",
        [],
        |r| r.get(0),
    )?;
    if empty {
        // The first links of a store: nothing to compare, and no need to
        // hold the rows sorted (a million documents' members are many).
        return insert_all(conn, links);
    }
    // Entities: id -> (name, kind, aliases JSON).
    let mut entities: Vec<(Cow<str>, (String, String, String))> = links
        .entities
        .iter()
        .map(|e| {
            let aliases = serde_json::to_string(&e.aliases)
                .map_err(|e| StoreError::Corrupt(format!("aliases: {e}")))?;
            Ok((
                Cow::Borrowed(e.id.as_str()),
                (e.name.clone(), e.kind.as_str().to_string(), aliases),
            ))
        })
        .collect::<Result<_, StoreError>>()?;
    entities.sort_by(|a, b| a.0.cmp(&b.0));
    entities.dedup_by(|a, b| a.0 == b.0);
    let entity_diff = {
        let mut stmt =
            conn.prepare("SELECT id, name, kind, aliases FROM linked_entities ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                Cow::Owned(r.get::<_, String>(0)?),
                (r.get(1)?, r.get(2)?, r.get(3)?),
            ))
        })?;
        diff(rows.map(|r| r.map_err(StoreError::from)), &entities)?
    };
    // Members: (document, entity index) -> entity id.
    let mut members: Vec<(DocKey, Cow<str>)> = links
        .entities
        .iter()
        .flat_map(|e| {
            e.members.iter().map(move |(doc, idx)| {
                (
                    (Cow::Borrowed(doc.as_str()), *idx as i64),
                    Cow::Borrowed(e.id.as_str()),
                )
            })
        })
        .collect();
    members.sort_by(|a, b| a.0.cmp(&b.0));
    let member_diff = {
        let mut stmt = conn.prepare(
            "SELECT document_id, entity_idx, entity_id FROM linked_entity_members \
             ORDER BY document_id, entity_idx",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                (Cow::Owned(r.get::<_, String>(0)?), r.get(1)?),
                Cow::Owned(r.get::<_, String>(2)?),
            ))
        })?;
        diff(rows.map(|r| r.map_err(StoreError::from)), &members)?
    };
    drop(members);
    // Variants: (document, quote) -> (document, quote) it is a variant of.
    let mut variants: Vec<(DocKey, DocKey)> = links
        .variants
        .iter()
        .map(|v| {
            (
                (Cow::Borrowed(v.document_id.as_str()), v.quote as i64),
                (
                    Cow::Borrowed(v.variant_of_document.as_str()),
                    v.variant_of_quote as i64,
                ),
            )
        })
        .collect();
    variants.sort_by(|a, b| a.0.cmp(&b.0));
    let variant_diff = {
        let mut stmt = conn.prepare(
            "SELECT document_id, quote_idx, variant_of_document, variant_of_quote \
             FROM quote_variants ORDER BY document_id, quote_idx",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                (Cow::Owned(r.get::<_, String>(0)?), r.get(1)?),
                (Cow::Owned(r.get::<_, String>(2)?), r.get(3)?),
            ))
        })?;
        diff(rows.map(|r| r.map_err(StoreError::from)), &variants)?
    };

    // New and changed entities first (members refer to them), members
    // next, and last the entities no longer there (their remaining members
    // go with them).
    let mut ins = conn.prepare_cached(
        "INSERT INTO linked_entities (id, name, kind, aliases) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (id, (name, kind, aliases)) in &entity_diff.insert {
        ins.execute(params![id, name, kind, aliases])?;
    }
    let mut upd = conn.prepare_cached(
        "UPDATE linked_entities SET name = ?2, kind = ?3, aliases = ?4 WHERE id = ?1",
    )?;
    for (id, (name, kind, aliases)) in &entity_diff.update {
        upd.execute(params![id, name, kind, aliases])?;
    }
    let mut del = conn.prepare_cached(
        "DELETE FROM linked_entity_members WHERE document_id = ?1 AND entity_idx = ?2",
    )?;
    for (doc, idx) in &member_diff.delete {
        del.execute(params![doc, idx])?;
    }
    let mut upd = conn.prepare_cached(
        "UPDATE linked_entity_members SET entity_id = ?3 WHERE document_id = ?1 AND entity_idx = ?2",
    )?;
    for ((doc, idx), entity) in &member_diff.update {
        upd.execute(params![doc, idx, entity])?;
    }
    let mut ins = conn.prepare_cached(
        "INSERT INTO linked_entity_members (entity_id, document_id, entity_idx) VALUES (?1, ?2, ?3)",
    )?;
    for ((doc, idx), entity) in &member_diff.insert {
        ins.execute(params![entity, doc, idx])?;
    }
    let mut del = conn.prepare_cached("DELETE FROM linked_entities WHERE id = ?1")?;
    for id in &entity_diff.delete {
        del.execute([id])?;
    }
    let mut del = conn
        .prepare_cached("DELETE FROM quote_variants WHERE document_id = ?1 AND quote_idx = ?2")?;
    for (doc, q) in &variant_diff.delete {
        del.execute(params![doc, q])?;
    }
    let mut upd = conn.prepare_cached(
        "UPDATE quote_variants SET variant_of_document = ?3, variant_of_quote = ?4 \
         WHERE document_id = ?1 AND quote_idx = ?2",
    )?;
    for ((doc, q), (of_doc, of_q)) in &variant_diff.update {
        upd.execute(params![doc, q, of_doc, of_q])?;
    }
    let mut ins = conn.prepare_cached(
        "INSERT INTO quote_variants (document_id, quote_idx, variant_of_document, variant_of_quote) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for ((doc, q), (of_doc, of_q)) in &variant_diff.insert {
        ins.execute(params![doc, q, of_doc, of_q])?;
    }
    Ok(())
}

/// Write every link into empty tables.
fn insert_all(conn: &Connection, links: &Links) -> Result<(), StoreError> {
    let mut ent = conn.prepare_cached(
        "INSERT INTO linked_entities (id, name, kind, aliases) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut mem = conn.prepare_cached(
        "INSERT INTO linked_entity_members (entity_id, document_id, entity_idx) \
         VALUES (?1, ?2, ?3)",
    )?;
    for e in &links.entities {
        let aliases = serde_json::to_string(&e.aliases)
            .map_err(|e| StoreError::Corrupt(format!("aliases: {e}")))?;
        ent.execute(params![e.id, e.name, e.kind.as_str(), aliases])?;
        for (doc, idx) in &e.members {
            mem.execute(params![e.id, doc, idx])?;
        }
    }
    insert_variants(conn, &links.variants)
}

/// Insert quote variants.
pub(crate) fn insert_variants(
    conn: &Connection,
    variants: &[QuoteVariant],
) -> Result<(), StoreError> {
    let mut var = conn.prepare_cached(
        "INSERT INTO quote_variants (document_id, quote_idx, variant_of_document, \
         variant_of_quote) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for v in variants {
        var.execute(params![
            v.document_id,
            v.quote,
            v.variant_of_document,
            v.variant_of_quote
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merge_finds_deletes_inserts_and_updates() {
        let stored = vec![(1, 'a'), (2, 'b'), (4, 'd'), (6, 'f')];
        let new = vec![(0, 'z'), (2, 'b'), (3, 'c'), (4, 'x'), (7, 'g')];
        let d = diff(stored.into_iter().map(Ok), &new).unwrap();
        assert_eq!(d.delete, vec![1, 6]);
        assert_eq!(d.insert, vec![(0, 'z'), (3, 'c'), (7, 'g')]);
        assert_eq!(d.update, vec![(4, 'x')]);
        let empty = diff(std::iter::empty(), &new).unwrap();
        assert_eq!(empty.insert.len(), 5);
        let gone = diff(vec![(1, 'a')].into_iter().map(Ok), &[]).unwrap();
        assert_eq!(gone.delete, vec![1]);
    }
}
