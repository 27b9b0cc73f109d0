//! Mapping between the claims of an analysis ([`DocClaim`]) and the
//! `claims` table of migration 3, and the claim listing of the CLI.

use rusqlite::{params, Connection, Row};

use crosscheck_model::{Amount, Attribution, AttributionKind, DocAnalysis, DocClaim, Span};

use crate::rows::{from_json, to_json};
use crate::{ClaimEntity, ClaimFilter, ClaimRecord, StoreError};

/// Check the claims of an analysis (see [`crate::check_analysis`]): every
/// span passes `span` (inside the text, on character boundaries), entity
/// and quote indices point into the analysis, numbers are finite.
pub(crate) fn check_claims(
    a: &DocAnalysis,
    span: &dyn Fn(&str, Span) -> Result<(), String>,
) -> Result<(), String> {
    let entity = |i: usize, what: &str, e: usize| -> Result<(), String> {
        if e >= a.entities.len() {
            return Err(format!("claim {i}: {what} {e} is not an entity"));
        }
        Ok(())
    };
    for (i, c) in a.claims.iter().enumerate() {
        span(&format!("claim {i}"), c.span)?;
        if let Some(o) = c.object {
            span(&format!("claim {i} object"), o)?;
        }
        for (j, am) in c.amounts.iter().enumerate() {
            span(&format!("claim {i} amount {j}"), am.span())?;
            if !am.value.is_finite() || am.high.is_some_and(|h| !h.is_finite()) {
                return Err(format!(
                    "claim {i} amount {j}: value is not a finite number"
                ));
            }
        }
        if let Some(t) = &c.time {
            span(&format!("claim {i} time"), Span::new(t.start, t.end))?;
        }
        for &s in &c.subjects {
            entity(i, "subject", s)?;
        }
        if let Some(e) = c.attribution.entity {
            entity(i, "source", e)?;
        }
        if let Some(q) = c.attribution.quote {
            if q >= a.quotes.len() {
                return Err(format!("claim {i}: quote {q} is not a quote"));
            }
        }
        if !c.checkworthiness.is_finite() {
            return Err(format!("claim {i}: checkworthiness is not a number"));
        }
    }
    Ok(())
}

/// Delete a document's claims. The caller holds the transaction.
pub(crate) fn delete_claims(conn: &Connection, id: &str) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM claims WHERE document_id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Write a document's claims. The caller holds the transaction, has checked
/// them against the text, and the document has no claim rows.
pub(crate) fn insert_claims(
    conn: &Connection,
    id: &str,
    claims: &[DocClaim],
) -> Result<(), StoreError> {
    if claims.is_empty() {
        return Ok(());
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO claims (document_id, idx, start_byte, end_byte, subjects, predicate, \
         object_start, object_end, amounts, time, attribution_kind, attribution_entity, \
         attribution_text, attribution_quote, hedges, checkworthiness, key) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    for (i, c) in claims.iter().enumerate() {
        let time = match &c.time {
            Some(t) => Some(to_json(t)?),
            None => None,
        };
        stmt.execute(params![
            id,
            i,
            c.span.start,
            c.span.end,
            to_json(&c.subjects)?,
            c.predicate,
            c.object.map(|s| s.start),
            c.object.map(|s| s.end),
            to_json(&c.amounts)?,
            time,
            c.attribution.kind.as_str(),
            c.attribution.entity,
            c.attribution.text,
            c.attribution.quote,
            to_json(&c.hedges)?,
            f64::from(c.checkworthiness),
            c.key,
        ])?;
    }
    Ok(())
}

/// Columns read by [`claim_from_row`], in its order.
const CLAIM_COLUMNS: &str = "c.start_byte, c.end_byte, c.subjects, c.predicate, \
     c.object_start, c.object_end, c.amounts, c.time, c.attribution_kind, \
     c.attribution_entity, c.attribution_text, c.attribution_quote, c.hedges, \
     c.checkworthiness, c.key";

/// A claim of document `id` from the [`CLAIM_COLUMNS`], the first at `first`.
fn claim_from_row(id: &str, r: &Row<'_>, first: usize) -> Result<DocClaim, StoreError> {
    let col = |i: usize| first + i;
    let subjects: String = r.get(col(2))?;
    let amounts: String = r.get(col(6))?;
    let time: Option<String> = r.get(col(7))?;
    let kind: String = r.get(col(8))?;
    let hedges: String = r.get(col(12))?;
    let score: f64 = r.get(col(13))?;
    let object = match (
        r.get::<_, Option<usize>>(col(4))?,
        r.get::<_, Option<usize>>(col(5))?,
    ) {
        (Some(s), Some(e)) => Some(Span::new(s, e)),
        _ => None,
    };
    Ok(DocClaim {
        span: Span::new(r.get(col(0))?, r.get(col(1))?),
        subjects: from_json(id, "claims.subjects", &subjects)?,
        predicate: r.get(col(3))?,
        object,
        amounts: from_json::<Vec<Amount>>(id, "claims.amounts", &amounts)?,
        time: match time {
            Some(t) => Some(from_json(id, "claims.time", &t)?),
            None => None,
        },
        attribution: Attribution {
            kind: AttributionKind::parse(&kind).ok_or_else(|| {
                StoreError::Corrupt(format!("document {id}: unknown attribution kind {kind:?}"))
            })?,
            entity: r.get(col(9))?,
            text: r.get(col(10))?,
            quote: r.get(col(11))?,
        },
        hedges: from_json(id, "claims.hedges", &hedges)?,
        checkworthiness: score as f32,
        key: r.get(col(14))?,
    })
}

/// The claims of a document, in index order (empty when it has none).
pub(crate) fn load_claims(conn: &Connection, id: &str) -> Result<Vec<DocClaim>, StoreError> {
    let sql = format!(
        "SELECT c.idx, {CLAIM_COLUMNS} FROM claims c WHERE c.document_id = ?1 ORDER BY c.idx"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    let mut claims = Vec::new();
    while let Some(r) = rows.next()? {
        let idx: usize = r.get(0)?;
        if idx != claims.len() {
            return Err(StoreError::Corrupt(format!(
                "document {id}: claim indices are not contiguous"
            )));
        }
        claims.push(claim_from_row(id, r, 1)?);
    }
    Ok(claims)
}

/// The entities of one document as claims name them: the linked entity's
/// id and canonical name where the document entity is linked, else the
/// document entity's name. Indexed by entity index.
fn document_entities(conn: &Connection, id: &str) -> Result<Vec<ClaimEntity>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.idx, e.name, l.id, l.name FROM doc_entities e \
         LEFT JOIN linked_entity_members m ON m.document_id = e.document_id AND m.entity_idx = e.idx \
         LEFT JOIN linked_entities l ON l.id = m.entity_id \
         WHERE e.document_id = ?1 ORDER BY e.idx",
    )?;
    let mut rows = stmt.query([id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let index: usize = r.get(0)?;
        let name: String = r.get(1)?;
        let linked_name: Option<String> = r.get(3)?;
        if index != out.len() {
            return Err(StoreError::Corrupt(format!(
                "document {id}: entity indices are not contiguous"
            )));
        }
        out.push(ClaimEntity {
            index,
            entity_id: r.get(2)?,
            name: linked_name.unwrap_or(name),
        });
    }
    Ok(out)
}

/// What the claims of one document need from it, read once per document.
struct DocContext {
    id: String,
    text: String,
    entities: Vec<ClaimEntity>,
}

/// The claims that pass `filter`, in (document id, index) order.
pub(crate) fn for_each_claim(
    conn: &Connection,
    filter: &ClaimFilter,
    f: &mut dyn FnMut(ClaimRecord) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let sql = format!(
        "SELECT c.document_id, c.idx, d.outlet, d.published, d.title, {CLAIM_COLUMNS} \
         FROM claims c JOIN documents d ON d.id = c.document_id \
         WHERE d.staged = 0 AND (?1 IS NULL OR c.document_id = ?1) \
           AND (?2 IS NULL OR c.checkworthiness >= ?2) \
         ORDER BY c.document_id, c.idx"
    );
    let mut stmt = conn.prepare(&sql)?;
    // The minimum compared as the f32 it is, stored like the scores.
    let min = filter.min_score.map(f64::from);
    let mut rows = stmt.query(params![filter.document_id, min])?;
    let mut cx: Option<DocContext> = None;
    while let Some(r) = rows.next()? {
        let document_id: String = r.get(0)?;
        let index: usize = r.get(1)?;
        let claim = claim_from_row(&document_id, r, 5)?;
        if cx.as_ref().is_none_or(|c| c.id != document_id) {
            cx = Some(DocContext {
                text: crate::analysis::document_text(conn, &document_id)?,
                entities: document_entities(conn, &document_id)?,
                id: document_id.clone(),
            });
        }
        let Some(cx) = cx.as_ref() else { continue };
        let entity = |i: usize| -> Result<ClaimEntity, StoreError> {
            cx.entities.get(i).cloned().ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "document {document_id}: claim {index} names a missing entity {i}"
                ))
            })
        };
        let subjects = claim
            .subjects
            .iter()
            .map(|&i| entity(i))
            .collect::<Result<Vec<_>, _>>()?;
        let source = match (claim.attribution.kind, claim.attribution.entity) {
            (AttributionKind::Named, Some(i)) => Some(entity(i)?),
            _ => None,
        };
        let text = &cx.text;
        f(ClaimRecord {
            outlet: r.get(2)?,
            published: r.get(3)?,
            title: r.get(4)?,
            text: claim.span.of(text).to_string(),
            object: claim.object.map(|s| s.of(text).to_string()),
            amount_texts: claim
                .amounts
                .iter()
                .map(|a| a.span().of(text).to_string())
                .collect(),
            time_text: claim
                .time
                .as_ref()
                .map(|t| Span::new(t.start, t.end).of(text).to_string()),
            subjects,
            source,
            claim,
            document_id,
            index,
        })?;
    }
    Ok(())
}
