//! The result of the corroboration stage (the tables of migration 5): a
//! story's documents as the stage reads them, one story at a time, and the
//! findings it returns, replaced as a whole.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection};

use crosscheck_model::ClaimStatus;

use crate::findings::{
    AlignedClaimRecord, ClaimEvidence, ContradictionRecord, FactPartRecord, FindingsRecord,
    RoleConflictRecord, RoleSide, SourceRecord, StoryDocument, StoryFindings,
};
use crate::rows::{from_json, to_json};
use crate::StoreError;

/// Characters of a stored date the stage reads (`YYYY-MM-DD`).
const DATE_CHARS: usize = 10;

/// Every child table of `story_claims` and `role_conflicts`, children
/// first, for deleting everything.
const TABLES: &[&str] = &[
    "story_claim_part_chains",
    "story_claim_parts",
    "story_contradiction_claims",
    "story_claim_contradictions",
    "story_claim_source_documents",
    "story_claim_sources",
    "story_claim_documents",
    "story_claim_members",
    "story_claims",
    "role_conflict_chains",
    "role_conflict_documents",
    "role_conflict_sides",
    "role_conflicts",
];

/// The stored stories' ids, in order.
pub(crate) fn story_ids(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("SELECT id FROM stories ORDER BY position")?;
    let ids = stmt.query_map([], |r| r.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}

/// The documents of one story in its order (publication order), each with
/// its analysis, upstream source names and copy relation.
pub(crate) fn story_documents(
    conn: &Connection,
    story_id: &str,
) -> Result<Vec<StoryDocument>, StoreError> {
    let mut docs = conn.prepare_cached(
        "SELECT d.id, d.outlet, d.published, d.title, d.text, c.original_id, e.episode_idx \
         FROM story_documents sd JOIN documents d ON d.id = sd.document_id \
         LEFT JOIN copies c ON c.document_id = sd.document_id \
         LEFT JOIN episode_documents e ON e.document_id = sd.document_id AND e.story_id = sd.story_id \
         WHERE sd.story_id = ?1 ORDER BY sd.position",
    )?;
    let mut upstream = conn
        .prepare_cached("SELECT name FROM upstream_sources WHERE document_id = ?1 ORDER BY ord")?;
    let mut out = Vec::new();
    let mut rows = docs.query([story_id])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let published: Option<String> = r.get(2)?;
        let mut names: Vec<String> = Vec::new();
        let mut found = upstream.query([&id])?;
        while let Some(u) = found.next()? {
            let name: String = u.get(0)?;
            if !names.contains(&name) {
                names.push(name);
            }
        }
        out.push(StoryDocument {
            analysis: crate::analysis::load_analysis(conn, &id)?,
            outlet: r.get(1)?,
            published: published
                .map(|p| p.trim().chars().take(DATE_CHARS).collect::<String>())
                .filter(|p| !p.is_empty()),
            title: r.get(3)?,
            text: r.get(4)?,
            upstream: names,
            copy_of: r.get(5)?,
            episode: r
                .get::<_, Option<i64>>(6)?
                .and_then(|e| usize::try_from(e).ok()),
            id,
        });
    }
    Ok(out)
}

fn invalid(reason: String) -> StoreError {
    StoreError::InvalidCorroboration(reason)
}

/// Refuse findings that break an invariant: an unknown story, a document
/// that is not the story's, an aligned claim or contradiction with no
/// claims, a role conflict side with no documents (or a chain holding a
/// document the side does not give).
fn check(conn: &Connection, f: &StoryFindings) -> Result<(), StoreError> {
    let mut members = conn.prepare_cached(
        "SELECT document_id FROM story_documents WHERE story_id = ?1 ORDER BY position",
    )?;
    let docs: HashSet<String> = members
        .query_map([&f.story_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let stored = conn
        .prepare_cached("SELECT 1 FROM stories WHERE id = ?1")?
        .exists([&f.story_id])?;
    if !stored {
        return Err(invalid(format!("story {} is not stored", f.story_id)));
    }
    let known = |d: &str| -> Result<(), StoreError> {
        if docs.contains(d) {
            Ok(())
        } else {
            Err(invalid(format!(
                "document {d} is not in story {}",
                f.story_id
            )))
        }
    };
    for (k, c) in f.claims.iter().enumerate() {
        if c.claims.is_empty() {
            return Err(invalid(format!(
                "claim {k} of {} has no claims",
                f.story_id
            )));
        }
        for r in &c.claims {
            known(&r.document_id)?;
        }
        for d in c
            .documents
            .iter()
            .chain(c.sources.iter().flat_map(|s| &s.documents))
        {
            known(d)?;
        }
        check_parts(conn, f, k, c)?;
        for x in &c.contradictions {
            if x.claims.is_empty() {
                return Err(invalid(format!(
                    "a contradiction of claim {k} of {} has no claims",
                    f.story_id
                )));
            }
            for r in &x.claims {
                known(&r.document_id)?;
            }
        }
    }
    for r in &f.role_conflicts {
        for s in &r.sides {
            if s.documents.is_empty() {
                return Err(invalid(format!(
                    "role conflict {} of {}: side {:?} has no documents",
                    r.entity, f.story_id, s.title
                )));
            }
            for d in &s.documents {
                known(d)?;
            }
            if let Some(d) = s
                .chains
                .iter()
                .flat_map(|c| &c.documents)
                .find(|d| !s.documents.contains(d))
            {
                return Err(invalid(format!(
                    "role conflict {} of {}: a chain of side {:?} holds {d}, not one of the side's documents",
                    r.entity, f.story_id, s.title
                )));
            }
        }
    }
    Ok(())
}

/// Refuse parts of a fact that are not inside its representative claim,
/// overlap or come out of order, hold a document the fact does not, or a
/// chain holding a document its part does not; and more or fewer than one
/// main part.
fn check_parts(
    conn: &Connection,
    f: &StoryFindings,
    k: usize,
    c: &crate::findings::NewAlignedClaim,
) -> Result<(), StoreError> {
    if c.parts.is_empty() {
        return Ok(());
    }
    let bad = |why: String| Err(invalid(format!("claim {k} of {}: {why}", f.story_id)));
    let first = &c.claims[0];
    let span: Option<(usize, usize)> = conn
        .prepare_cached(
            "SELECT start_byte, end_byte FROM claims WHERE document_id = ?1 AND idx = ?2",
        )?
        .query_row(params![first.document_id, first.claim], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .ok();
    let Some((start, end)) = span else {
        return bad(format!(
            "its claim {}/{} is not stored",
            first.document_id, first.claim
        ));
    };
    if c.parts.iter().filter(|p| p.main).count() != 1 {
        return bad("its parts do not have one main part".into());
    }
    let mut at = start;
    for p in &c.parts {
        if p.start < at || p.end < p.start || p.end > end {
            return bad(format!(
                "part {}..{} is not inside its claim {start}..{end}, in order",
                p.start, p.end
            ));
        }
        at = p.end;
        if let Some(d) = p
            .documents
            .iter()
            .find(|d| !c.claims.iter().any(|m| &m.document_id == *d))
        {
            return bad(format!(
                "a part names document {d}, which no claim of the fact is from"
            ));
        }
        if let Some(d) = p
            .sources
            .iter()
            .flat_map(|s| &s.documents)
            .find(|d| !p.documents.contains(d))
        {
            return bad(format!(
                "a part's chain holds {d}, not one of the part's documents"
            ));
        }
    }
    Ok(())
}

/// Delete every finding. The caller holds the transaction.
pub(crate) fn delete_all(conn: &Connection) -> Result<(), StoreError> {
    for t in TABLES {
        conn.execute(&format!("DELETE FROM {t}"), [])?;
    }
    Ok(())
}

/// Write the findings of one story (after [`delete_all`]). The caller holds
/// the transaction.
pub(crate) fn write_findings(conn: &Connection, f: &StoryFindings) -> Result<(), StoreError> {
    check(conn, f)?;
    let s = &f.story_id;
    let mut claim = conn.prepare_cached(
        "INSERT INTO story_claims \
         (story_id, idx, status, unattributed, document_id, claim_idx, outlets) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut member = conn.prepare_cached(
        "INSERT INTO story_claim_members (story_id, claim, position, document_id, claim_idx) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut document = conn.prepare_cached(
        "INSERT INTO story_claim_documents (story_id, claim, position, document_id) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut source = conn.prepare_cached(
        "INSERT INTO story_claim_sources (story_id, claim, idx, merged_because, chain) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut source_doc = conn.prepare_cached(
        "INSERT INTO story_claim_source_documents \
         (story_id, claim, source, position, document_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut contradiction = conn.prepare_cached(
        "INSERT INTO story_claim_contradictions (story_id, claim, idx, reason) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut other = conn.prepare_cached(
        "INSERT INTO story_contradiction_claims \
         (story_id, claim, contradiction, position, document_id, claim_idx) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut part = conn.prepare_cached(
        "INSERT INTO story_claim_parts \
         (story_id, claim, idx, start_byte, end_byte, main, documents) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut part_chain = conn.prepare_cached(
        "INSERT INTO story_claim_part_chains \
         (story_id, claim, part, idx, chain, merged_because, documents) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (k, c) in f.claims.iter().enumerate() {
        let first = &c.claims[0];
        claim.execute(params![
            s,
            k,
            c.status.as_str(),
            c.unattributed,
            first.document_id,
            first.claim,
            to_json(&c.outlets)?
        ])?;
        for (i, r) in c.claims.iter().enumerate() {
            member.execute(params![s, k, i, r.document_id, r.claim])?;
        }
        for (i, d) in c.documents.iter().enumerate() {
            document.execute(params![s, k, i, d])?;
        }
        for (j, src) in c.sources.iter().enumerate() {
            source.execute(params![s, k, j, to_json(&src.merged_because)?, src.chain])?;
            for (i, d) in src.documents.iter().enumerate() {
                source_doc.execute(params![s, k, j, i, d])?;
            }
        }
        for (j, p) in c.parts.iter().enumerate() {
            part.execute(params![
                s,
                k,
                j,
                p.start,
                p.end,
                p.main,
                to_json(&p.documents)?
            ])?;
            insert_chains(&mut part_chain, s, k, j, &p.sources)?;
        }
        for (j, x) in c.contradictions.iter().enumerate() {
            contradiction.execute(params![s, k, j, x.reason])?;
            for (i, r) in x.claims.iter().enumerate() {
                other.execute(params![s, k, j, i, r.document_id, r.claim])?;
            }
        }
    }
    let mut conflict = conn
        .prepare_cached("INSERT INTO role_conflicts (story_id, idx, entity) VALUES (?1, ?2, ?3)")?;
    let mut side = conn.prepare_cached(
        "INSERT INTO role_conflict_sides (story_id, conflict, idx, title) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut side_doc = conn.prepare_cached(
        "INSERT INTO role_conflict_documents (story_id, conflict, side, position, document_id) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut side_chain = conn.prepare_cached(
        "INSERT INTO role_conflict_chains \
         (story_id, conflict, side, idx, chain, merged_because, documents) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (k, r) in f.role_conflicts.iter().enumerate() {
        conflict.execute(params![s, k, r.entity])?;
        for (j, sd) in r.sides.iter().enumerate() {
            side.execute(params![s, k, j, sd.title])?;
            for (i, d) in sd.documents.iter().enumerate() {
                side_doc.execute(params![s, k, j, i, d])?;
            }
            insert_chains(&mut side_chain, s, k, j, &sd.chains)?;
        }
    }
    Ok(())
}

/// Inserts the reporting chains of one fact part or role-conflict side:
/// `stmt` takes (story, parent, child, index, chain, merge reasons JSON,
/// documents JSON).
fn insert_chains(
    stmt: &mut rusqlite::CachedStatement<'_>,
    story: &str,
    parent: usize,
    child: usize,
    chains: &[SourceRecord],
) -> Result<(), StoreError> {
    for (i, c) in chains.iter().enumerate() {
        stmt.execute(params![
            story,
            parent,
            child,
            i,
            c.chain,
            to_json(&c.merged_because)?,
            to_json(&c.documents)?
        ])?;
    }
    Ok(())
}

/// Replace every finding with `all` (one entry per story at most). The
/// caller holds the transaction.
pub(crate) fn write_corroboration(
    conn: &Connection,
    all: &[StoryFindings],
) -> Result<(), StoreError> {
    let mut seen: HashSet<&str> = HashSet::new();
    for f in all {
        if !seen.insert(&f.story_id) {
            return Err(invalid(format!("story {} appears twice", f.story_id)));
        }
    }
    delete_all(conn)?;
    for f in all {
        write_findings(conn, f)?;
    }
    Ok(())
}

/// Reads the words and span of stored claims, holding the texts of the
/// documents read so far (one story's).
struct Evidence<'c> {
    conn: &'c Connection,
    texts: HashMap<String, String>,
}

impl Evidence<'_> {
    fn of(&mut self, document_id: String, claim: usize) -> Result<ClaimEvidence, StoreError> {
        let (start, end): (usize, usize) = self
            .conn
            .prepare_cached(
                "SELECT start_byte, end_byte FROM claims WHERE document_id = ?1 AND idx = ?2",
            )?
            .query_row(params![document_id, claim], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if !self.texts.contains_key(&document_id) {
            let text = crate::analysis::document_text(self.conn, &document_id)?;
            self.texts.insert(document_id.clone(), text);
        }
        let text = self.texts[&document_id]
            .get(start..end)
            .ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "document {document_id}: claim {claim} is outside the text"
                ))
            })?
            .to_string();
        Ok(ClaimEvidence {
            document_id,
            claim,
            start,
            end,
            text,
        })
    }
}

/// The parts stored for one fact, with their chains.
fn fact_parts(
    conn: &Connection,
    story_id: &str,
    claim: usize,
) -> Result<Vec<FactPartRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT idx, start_byte, end_byte, main, documents FROM story_claim_parts \
         WHERE story_id = ?1 AND claim = ?2 ORDER BY idx",
    )?;
    let rows: Vec<(usize, usize, usize, bool, String)> = stmt
        .query_map(params![story_id, claim], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut chains = conn.prepare_cached(
        "SELECT chain, merged_because, documents FROM story_claim_part_chains \
         WHERE story_id = ?1 AND claim = ?2 AND part = ?3 ORDER BY idx",
    )?;
    let mut out = Vec::new();
    for (idx, start, end, main, documents) in rows {
        let found: Vec<(String, String, String)> = chains
            .query_map(params![story_id, claim, idx], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        let sources = chain_records(story_id, found)?;
        out.push(FactPartRecord {
            start,
            end,
            main,
            documents: from_json(story_id, "part documents", &documents)?,
            sources,
        });
    }
    Ok(out)
}

/// The reporting chains stored for one side of a role conflict.
fn side_chains(
    conn: &Connection,
    story_id: &str,
    conflict: usize,
    side: usize,
) -> Result<Vec<SourceRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT chain, merged_because, documents FROM role_conflict_chains \
         WHERE story_id = ?1 AND conflict = ?2 AND side = ?3 ORDER BY idx",
    )?;
    let rows = stmt.query_map(params![story_id, conflict, side], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    chain_records(story_id, rows.collect::<Result<_, _>>()?)
}

/// Stored reporting chains, (name, merge reasons JSON, documents JSON)
/// rows, as records.
fn chain_records(
    story_id: &str,
    rows: Vec<(String, String, String)>,
) -> Result<Vec<SourceRecord>, StoreError> {
    rows.into_iter()
        .map(|(chain, merged, documents)| {
            Ok(SourceRecord {
                documents: from_json(story_id, "chain documents", &documents)?,
                merged_because: from_json(story_id, "chain merged_because", &merged)?,
                chain,
            })
        })
        .collect()
}

fn strings_of(
    conn: &Connection,
    sql: &str,
    p: &[&dyn rusqlite::ToSql],
) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(p, |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The (text, number) rows of a query.
fn pairs(
    conn: &Connection,
    sql: &str,
    p: &[&dyn rusqlite::ToSql],
) -> Result<Vec<(String, usize)>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(p, |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The stored findings of one story.
pub(crate) fn story_findings(
    conn: &Connection,
    story_id: &str,
) -> Result<FindingsRecord, StoreError> {
    let mut ev = Evidence {
        conn,
        texts: HashMap::new(),
    };
    let mut heads = conn.prepare_cached(
        "SELECT idx, status, unattributed, outlets FROM story_claims \
         WHERE story_id = ?1 ORDER BY idx",
    )?;
    let heads: Vec<(usize, String, bool, String)> = heads
        .query_map([story_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut out = FindingsRecord::default();
    for (k, status, unattributed, outlets) in heads {
        let status = ClaimStatus::parse(&status).ok_or_else(|| {
            StoreError::Corrupt(format!("story {story_id}: claim status {status:?}"))
        })?;
        let mut claims = Vec::new();
        for (d, c) in pairs(
            conn,
            "SELECT document_id, claim_idx FROM story_claim_members \
             WHERE story_id = ?1 AND claim = ?2 ORDER BY position",
            params![story_id, k],
        )? {
            claims.push(ev.of(d, c)?);
        }
        let documents = strings_of(
            conn,
            "SELECT document_id FROM story_claim_documents \
             WHERE story_id = ?1 AND claim = ?2 ORDER BY position",
            params![story_id, k],
        )?;
        let mut sources = Vec::new();
        let chains = strings_of(
            conn,
            "SELECT chain FROM story_claim_sources WHERE story_id = ?1 AND claim = ?2 ORDER BY idx",
            params![story_id, k],
        )?;
        for (j, merged) in numbered(conn, story_id, k, "story_claim_sources", "merged_because")? {
            sources.push(SourceRecord {
                chain: chains.get(j).cloned().unwrap_or_default(),
                documents: strings_of(
                    conn,
                    "SELECT document_id FROM story_claim_source_documents \
                     WHERE story_id = ?1 AND claim = ?2 AND source = ?3 ORDER BY position",
                    params![story_id, k, j],
                )?,
                merged_because: from_json(story_id, "merged_because", &merged)?,
            });
        }
        let mut contradictions = Vec::new();
        for (j, reason) in numbered(conn, story_id, k, "story_claim_contradictions", "reason")? {
            let mut side = Vec::new();
            for (d, c) in pairs(
                conn,
                "SELECT document_id, claim_idx FROM story_contradiction_claims \
                 WHERE story_id = ?1 AND claim = ?2 AND contradiction = ?3 ORDER BY position",
                params![story_id, k, j],
            )? {
                side.push(ev.of(d, c)?);
            }
            contradictions.push(ContradictionRecord {
                claims: side,
                reason,
            });
        }
        out.claims.push(AlignedClaimRecord {
            index: k,
            status,
            claims,
            documents,
            outlets: from_json(story_id, "outlets", &outlets)?,
            sources,
            contradictions,
            unattributed,
            parts: fact_parts(conn, story_id, k)?,
        });
    }
    let conflicts: Vec<(usize, String)> = pairs(
        conn,
        "SELECT entity, idx FROM role_conflicts WHERE story_id = ?1 ORDER BY idx",
        params![story_id],
    )?
    .into_iter()
    .map(|(entity, idx)| (idx, entity))
    .collect();
    for (k, entity) in conflicts {
        let mut sides = Vec::new();
        for (title, j) in pairs(
            conn,
            "SELECT title, idx FROM role_conflict_sides \
             WHERE story_id = ?1 AND conflict = ?2 ORDER BY idx",
            params![story_id, k],
        )? {
            sides.push(RoleSide {
                title,
                documents: strings_of(
                    conn,
                    "SELECT document_id FROM role_conflict_documents \
                     WHERE story_id = ?1 AND conflict = ?2 AND side = ?3 ORDER BY position",
                    params![story_id, k, j],
                )?,
                chains: side_chains(conn, story_id, k, j)?,
            });
        }
        out.role_conflicts
            .push(RoleConflictRecord { entity, sides });
    }
    Ok(out)
}

/// (idx, `column`) of the rows of a per-claim table, in order.
fn numbered(
    conn: &Connection,
    story_id: &str,
    claim: usize,
    table: &str,
    column: &str,
) -> Result<Vec<(usize, String)>, StoreError> {
    let sql = format!(
        "SELECT {column}, idx FROM {table} WHERE story_id = ?1 AND claim = ?2 ORDER BY idx"
    );
    Ok(pairs(conn, &sql, params![story_id, claim])?
        .into_iter()
        .map(|(text, idx)| (idx, text))
        .collect())
}
