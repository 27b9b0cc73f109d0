//! Mapping between the nlp stage's types ([`DocAnalysis`], [`LinkedEntity`])
//! and the tables of migration 2; the claims (migration 3) are in
//! [`crate::claims`].

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::rows::PUBLISHED;

use crosscheck_model::{
    DocAnalysis, DocEntity, DocQuote, EntityKind, Gender, Mention, MentionKind, QuoteKind, Span,
};

use crate::{
    AnalysedDocument, EntityMember, EntityRecord, LinkSource, QuoteRecord, QuoteSpeaker,
    StoreError, StoredAnalysis,
};

/// Check that an analysis fits its document's text: every span lies inside
/// `text` on character boundaries, and every index (`speaker`, `nested_in`,
/// a claim's subjects and source) points into the analysis. The store refuses an analysis that does not;
/// callers may check first to turn an analyser bug into a per-document
/// failure instead of a refused batch.
pub fn check_analysis(text: &str, a: &DocAnalysis) -> Result<(), String> {
    let span = |what: &str, s: Span| -> Result<(), String> {
        if s.start > s.end
            || s.end > text.len()
            || !text.is_char_boundary(s.start)
            || !text.is_char_boundary(s.end)
        {
            return Err(format!(
                "{what} span {}..{} does not fit the text ({} bytes)",
                s.start,
                s.end,
                text.len()
            ));
        }
        Ok(())
    };
    for (i, e) in a.entities.iter().enumerate() {
        for m in &e.mentions {
            span(&format!("entity {i} mention"), m.span())?;
        }
    }
    for (i, q) in a.quotes.iter().enumerate() {
        span(&format!("quote {i} content"), q.content)?;
        if let Some(s) = q.source {
            span(&format!("quote {i} source"), s)?;
        }
        if let Some(s) = q.cue {
            span(&format!("quote {i} cue"), s)?;
        }
        if let Some(sp) = q.speaker {
            if sp >= a.entities.len() {
                return Err(format!("quote {i}: speaker {sp} is not an entity"));
            }
        }
        if let Some(n) = q.nested_in {
            if n >= a.quotes.len() || n == i {
                return Err(format!("quote {i}: nested_in {n} is not another quote"));
            }
        }
        if let Some(n) = q.continues {
            if n >= a.quotes.len() || n == i {
                return Err(format!("quote {i}: continues {n} is not another quote"));
            }
        }
    }
    crate::claims::check_claims(a, &span)
}

fn gender_str(g: Gender) -> &'static str {
    match g {
        Gender::Female => "female",
        Gender::Male => "male",
    }
}

fn parse_gender(s: &str) -> Option<Gender> {
    match s {
        "female" => Some(Gender::Female),
        "male" => Some(Gender::Male),
        _ => None,
    }
}

fn mention_kind_str(k: MentionKind) -> &'static str {
    match k {
        MentionKind::Name => "name",
        MentionKind::Pronoun => "pronoun",
        MentionKind::Description => "description",
    }
}

fn parse_mention_kind(s: &str) -> Option<MentionKind> {
    match s {
        "name" => Some(MentionKind::Name),
        "pronoun" => Some(MentionKind::Pronoun),
        "description" => Some(MentionKind::Description),
        _ => None,
    }
}

fn corrupt(id: &str, what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("document {id}: unknown {what} {value:?}"))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value)
        .map_err(|e| StoreError::Corrupt(format!("cannot encode JSON: {e}")))
}

pub(crate) fn strings(id: &str, column: &str, text: &str) -> Result<Vec<String>, StoreError> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Corrupt(format!("{id}: column {column}: {e}")))
}

fn opt_span(start: Option<usize>, end: Option<usize>) -> Option<Span> {
    match (start, end) {
        (Some(s), Some(e)) => Some(Span::new(s, e)),
        _ => None,
    }
}

/// Delete a document's analysis rows (its links go with them) and mark it
/// not analysed.
pub(crate) fn delete_analysis(conn: &Connection, id: &str) -> Result<(), StoreError> {
    crate::claims::delete_claims(conn, id)?;
    conn.prepare_cached("DELETE FROM quotes WHERE document_id = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM doc_entities WHERE document_id = ?1")?
        .execute([id])?;
    conn.prepare_cached("UPDATE documents SET analysis_version = NULL WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Write a document's analysis rows and its analysis version. The caller
/// holds the transaction, has checked the analysis against the text, and
/// the document has no analysis rows.
pub(crate) fn insert_analysis(
    conn: &Connection,
    id: &str,
    stored: &StoredAnalysis,
) -> Result<(), StoreError> {
    let a = &stored.analysis;
    let mut ent = conn.prepare_cached(
        "INSERT INTO doc_entities \
         (document_id, idx, name, kind, gender, aliases, roles, link_key, link_last) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut men = conn.prepare_cached(
        "INSERT INTO entity_mentions (document_id, entity_idx, ord, start_byte, end_byte, kind) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, e) in a.entities.iter().enumerate() {
        let (key, last) = crate::link_state::keys(&e.name, e.kind);
        ent.execute(params![
            id,
            i,
            e.name,
            e.kind.as_str(),
            e.gender.map(gender_str),
            to_json(&e.aliases)?,
            to_json(&e.roles)?,
            key,
            last,
        ])?;
        for (ord, m) in e.mentions.iter().enumerate() {
            men.execute(params![
                id,
                i,
                ord,
                m.start,
                m.end,
                mention_kind_str(m.kind)
            ])?;
        }
    }
    let mut quo = conn.prepare_cached(
        "INSERT INTO quotes (document_id, idx, kind, content_start, content_end, source_start, \
         source_end, cue_start, cue_end, speaker_idx, speaker_note, nested_in, continues) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (i, q) in a.quotes.iter().enumerate() {
        quo.execute(params![
            id,
            i,
            q.kind.as_str(),
            q.content.start,
            q.content.end,
            q.source.map(|s| s.start),
            q.source.map(|s| s.end),
            q.cue.map(|s| s.start),
            q.cue.map(|s| s.end),
            q.speaker,
            q.speaker_note,
            q.nested_in,
            q.continues,
        ])?;
    }
    crate::claims::insert_claims(conn, id, &a.claims)?;
    conn.prepare_cached("UPDATE documents SET analysis_version = ?2 WHERE id = ?1")?
        .execute(params![id, stored.version])?;
    Ok(())
}

const ENTITY_SQL: &str = "SELECT idx, name, kind, gender, aliases, roles \
     FROM doc_entities WHERE document_id = ?1 ORDER BY idx";
const ONE_ENTITY_SQL: &str = "SELECT idx, name, kind, gender, aliases, roles \
     FROM doc_entities WHERE document_id = ?1 AND idx = ?2";
const MENTION_SQL: &str = "SELECT entity_idx, start_byte, end_byte, kind \
     FROM entity_mentions WHERE document_id = ?1 ORDER BY entity_idx, ord";
const ONE_MENTIONS_SQL: &str = "SELECT entity_idx, start_byte, end_byte, kind \
     FROM entity_mentions WHERE document_id = ?1 AND entity_idx = ?2 ORDER BY ord";
const QUOTE_SQL: &str = "SELECT idx, kind, content_start, content_end, source_start, \
     source_end, cue_start, cue_end, speaker_idx, speaker_note, nested_in, continues \
     FROM quotes WHERE document_id = ?1 ORDER BY idx";

pub(crate) fn entity_from_row(id: &str, r: &Row<'_>) -> Result<(usize, DocEntity), StoreError> {
    let idx: usize = r.get(0)?;
    let kind: String = r.get(2)?;
    let gender: Option<String> = r.get(3)?;
    let aliases: String = r.get(4)?;
    let roles: String = r.get(5)?;
    let entity = DocEntity {
        name: r.get(1)?,
        kind: EntityKind::parse(&kind).ok_or_else(|| corrupt(id, "entity kind", &kind))?,
        aliases: strings(id, "aliases", &aliases)?,
        roles: strings(id, "roles", &roles)?,
        gender: match gender {
            None => None,
            Some(g) => Some(parse_gender(&g).ok_or_else(|| corrupt(id, "gender", &g))?),
        },
        mentions: Vec::new(),
    };
    Ok((idx, entity))
}

fn mention_from_row(id: &str, r: &Row<'_>) -> Result<(usize, Mention), StoreError> {
    let kind: String = r.get(3)?;
    Ok((
        r.get(0)?,
        Mention {
            start: r.get(1)?,
            end: r.get(2)?,
            kind: parse_mention_kind(&kind).ok_or_else(|| corrupt(id, "mention kind", &kind))?,
        },
    ))
}

/// A quote of document `id` from the columns `kind, content_start,
/// content_end, source_start, source_end, cue_start, cue_end, speaker_idx,
/// speaker_note, nested_in, continues` of `quotes`, the first at `first`.
fn quote_from_row(id: &str, r: &Row<'_>, first: usize) -> Result<DocQuote, StoreError> {
    let col = |i: usize| first + i;
    let kind: String = r.get(col(0))?;
    Ok(DocQuote {
        kind: QuoteKind::parse(&kind).ok_or_else(|| corrupt(id, "quote kind", &kind))?,
        content: Span::new(r.get(col(1))?, r.get(col(2))?),
        source: opt_span(r.get(col(3))?, r.get(col(4))?),
        cue: opt_span(r.get(col(5))?, r.get(col(6))?),
        speaker: r.get(col(7))?,
        speaker_note: r.get(col(8))?,
        nested_in: r.get(col(9))?,
        continues: r.get(col(10))?,
    })
}

/// The analysis rows of a document (empty when it has none).
pub(crate) fn load_analysis(conn: &Connection, id: &str) -> Result<DocAnalysis, StoreError> {
    let mut a = load_entities_and_quotes(conn, id)?;
    let mut stmt = conn.prepare_cached(MENTION_SQL)?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let (idx, m) = mention_from_row(id, r)?;
        let e: &mut DocEntity = a.entities.get_mut(idx).ok_or_else(|| {
            StoreError::Corrupt(format!("document {id}: mention of a missing entity"))
        })?;
        e.mentions.push(m);
    }
    a.claims = crate::claims::load_claims(conn, id)?;
    Ok(a)
}

/// A document's entities (without their mentions) and quotes.
fn load_entities_and_quotes(conn: &Connection, id: &str) -> Result<DocAnalysis, StoreError> {
    let mut entities = Vec::new();
    let mut stmt = conn.prepare_cached(ENTITY_SQL)?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let (idx, e) = entity_from_row(id, r)?;
        if idx != entities.len() {
            return Err(StoreError::Corrupt(format!(
                "document {id}: entity indices are not contiguous"
            )));
        }
        entities.push(e);
    }
    Ok(DocAnalysis {
        entities,
        ..load_quotes(conn, id)?
    })
}

/// The analysis version of a document: `Ok(None)` when there is no such
/// document, `Ok(Some(None))` when it is not analysed.
pub(crate) fn analysis_version(
    conn: &Connection,
    id: &str,
) -> Result<Option<Option<u32>>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT analysis_version FROM documents WHERE id = ?1")?
        .query_row([id], |r| r.get::<_, Option<u32>>(0))
        .optional()?)
}

pub(crate) fn document_text(conn: &Connection, id: &str) -> Result<String, StoreError> {
    Ok(conn
        .prepare_cached("SELECT text FROM documents WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

/// The analysed documents of the open transaction of `conn`, as a
/// [`LinkSource`].
pub(crate) struct LinkView<'a>(pub &'a Connection);

impl LinkSource for LinkView<'_> {
    fn for_each_link_document(
        &self,
        f: &mut dyn FnMut(AnalysedDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        for_each_analysed(self.0, load_entities_and_quotes, f, false)
    }
}

/// Every analysed document in id order (with `published_only`, not the
/// staged ones).
pub(crate) fn for_each_analysis(
    conn: &Connection,
    f: &mut dyn FnMut(AnalysedDocument) -> Result<(), StoreError>,
    published_only: bool,
) -> Result<(), StoreError> {
    for_each_analysed(conn, load_analysis, f, published_only)
}

/// The analysed documents that meet an SQL condition on `documents`, in id
/// order, as linking reads them (entities without mentions, quotes).
pub(crate) fn for_each_link_document_where(
    conn: &Connection,
    filter: &str,
    f: &mut dyn FnMut(AnalysedDocument) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    analysed_where(conn, load_entities_and_quotes, f, filter, [])
}

/// The analysed document `id` (if it is one) with its quotes alone (what
/// finding quote variants reads: no entities, no claims).
pub(crate) fn for_each_quote_document_with_id(
    conn: &Connection,
    id: &str,
    f: &mut dyn FnMut(AnalysedDocument) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    analysed_where(conn, load_quotes, f, "id = ?1", [id])
}

fn load_quotes(conn: &Connection, id: &str) -> Result<DocAnalysis, StoreError> {
    let mut quotes = Vec::new();
    let mut stmt = conn.prepare_cached(QUOTE_SQL)?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        quotes.push(quote_from_row(id, r, 1)?);
    }
    Ok(DocAnalysis {
        entities: Vec::new(),
        quotes,
        claims: Vec::new(),
    })
}

/// Every analysed document in id order, with its analysis as `load` reads it.
fn for_each_analysed(
    conn: &Connection,
    load: fn(&Connection, &str) -> Result<DocAnalysis, StoreError>,
    f: &mut dyn FnMut(AnalysedDocument) -> Result<(), StoreError>,
    published_only: bool,
) -> Result<(), StoreError> {
    let filter = if published_only { PUBLISHED } else { "1" };
    analysed_where(conn, load, f, filter, [])
}

/// The analysed documents that meet `filter` (with `params`), in id order.
fn analysed_where(
    conn: &Connection,
    load: fn(&Connection, &str) -> Result<DocAnalysis, StoreError>,
    f: &mut dyn FnMut(AnalysedDocument) -> Result<(), StoreError>,
    filter: &str,
    params: impl rusqlite::Params,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, published, outlet, text FROM documents \
         WHERE analysis_version IS NOT NULL AND {filter} ORDER BY id"
    ))?;
    let mut rows = stmt.query(params)?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let analysis = load(conn, &id)?;
        f(AnalysedDocument {
            published: r.get(1)?,
            outlet: r.get(2)?,
            text: r.get(3)?,
            analysis,
            id,
        })?;
    }
    Ok(())
}

/// Every linked entity in id order with its members.
pub(crate) fn for_each_entity(
    conn: &Connection,
    f: &mut dyn FnMut(EntityRecord) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut stmt =
        conn.prepare("SELECT id, name, kind, aliases FROM linked_entities ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        f(entity_record(
            conn,
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
        )?)?;
    }
    Ok(())
}

/// One linked entity by id.
pub(crate) fn entity(conn: &Connection, id: &str) -> Result<Option<EntityRecord>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT id, name, kind, aliases FROM linked_entities WHERE id = ?1")?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => Ok(Some(entity_record(
            conn,
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
        )?)),
        None => Ok(None),
    }
}

/// One page of linked entities, most documents first (then by name),
/// optionally those whose name or an alias contains `name`; and how many
/// there are in all.
pub(crate) fn entity_list(
    conn: &Connection,
    name: Option<&str>,
    offset: usize,
    limit: usize,
) -> Result<(Vec<crate::EntityListing>, usize), StoreError> {
    let pattern = name.map(|n| crate::search::like_pattern(n.trim()));
    let filter = "(?1 IS NULL OR l.name LIKE ?1 ESCAPE '\\' OR l.aliases LIKE ?1 ESCAPE '\\')";
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM linked_entities l WHERE {filter}"),
        params![pattern],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT l.id, l.name, l.kind, \
         (SELECT count(DISTINCT m.document_id) FROM linked_entity_members m WHERE m.entity_id = l.id) AS n \
         FROM linked_entities l WHERE {filter} ORDER BY n DESC, l.name, l.id LIMIT ?2 OFFSET ?3"
    ))?;
    let rows = stmt
        .query_map(
            params![
                pattern,
                i64::try_from(limit).unwrap_or(i64::MAX),
                i64::try_from(offset).unwrap_or(i64::MAX)
            ],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, usize>(3)?,
                ))
            },
        )?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::new();
    for (id, name, kind, documents) in rows {
        let kind = EntityKind::parse(&kind).ok_or_else(|| corrupt(&id, "entity kind", &kind))?;
        out.push(crate::EntityListing {
            id,
            name,
            kind,
            documents,
        });
    }
    Ok((out, usize::try_from(total).unwrap_or(0)))
}

/// A linked entity's record: its documents' entities, by date.
fn entity_record(
    conn: &Connection,
    id: String,
    name: String,
    kind: String,
    aliases: String,
) -> Result<EntityRecord, StoreError> {
    let mut members = conn.prepare_cached(
        "SELECT m.document_id, m.entity_idx, d.published, d.outlet \
         FROM linked_entity_members m JOIN documents d ON d.id = m.document_id \
         WHERE m.entity_id = ?1 \
         ORDER BY d.published IS NULL, d.published, m.document_id, m.entity_idx",
    )?;
    let mut record = EntityRecord {
        name,
        kind: EntityKind::parse(&kind).ok_or_else(|| corrupt(&id, "entity kind", &kind))?,
        aliases: strings(&id, "aliases", &aliases)?,
        members: Vec::new(),
        id,
    };
    let found = members
        .query_map([&record.id], |m| {
            Ok((
                m.get::<_, String>(0)?,
                m.get::<_, usize>(1)?,
                m.get::<_, Option<String>>(2)?,
                m.get::<_, Option<String>>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for (document_id, index, published, outlet) in found {
        let entity = load_entity(conn, &document_id, index)?;
        record.members.push(EntityMember {
            document_id,
            index,
            published,
            outlet,
            entity,
        });
    }
    Ok(record)
}

fn load_entity(conn: &Connection, doc: &str, idx: usize) -> Result<DocEntity, StoreError> {
    let mut stmt = conn.prepare_cached(ONE_ENTITY_SQL)?;
    let mut rows = stmt.query(params![doc, idx])?;
    let Some(r) = rows.next()? else {
        return Err(StoreError::Corrupt(format!(
            "document {doc}: linked entity {idx} is missing"
        )));
    };
    let (_, mut entity) = entity_from_row(doc, r)?;
    let mut stmt = conn.prepare_cached(ONE_MENTIONS_SQL)?;
    let mut rows = stmt.query(params![doc, idx])?;
    while let Some(r) = rows.next()? {
        entity.mentions.push(mention_from_row(doc, r)?.1);
    }
    Ok(entity)
}

/// Every quote (of the documents of `story`, when given) in (document id,
/// index) order.
pub(crate) fn for_each_quote(
    conn: &Connection,
    story: Option<&str>,
    f: &mut dyn FnMut(QuoteRecord) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    for_each_quote_of(conn, story, None, f)
}

/// The quotes of a story, or of one speaker (a linked entity), or all.
pub(crate) fn for_each_quote_of(
    conn: &Connection,
    story: Option<&str>,
    speaker: Option<&str>,
    f: &mut dyn FnMut(QuoteRecord) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    // A speaker's quotes are found from its members (by index), and a
    // story's from its documents, not by reading every quote.
    let (from, speaker_join) = match (speaker, story) {
        (Some(_), _) => (
            "linked_entity_members s JOIN quotes q \
             ON q.document_id = s.document_id AND q.speaker_idx = s.entity_idx",
            "s.entity_id = ?2",
        ),
        (None, Some(_)) => (
            "story_documents sd JOIN quotes q ON q.document_id = sd.document_id",
            "sd.story_id = ?1 AND ?2 IS NULL",
        ),
        (None, None) => ("quotes q", "?2 IS NULL"),
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT q.document_id, q.idx, q.kind, q.content_start, q.content_end, q.source_start, \
         q.source_end, q.cue_start, q.cue_end, q.speaker_idx, q.speaker_note, q.nested_in, \
         q.continues, d.outlet, d.published, \
         e.name, e.roles, l.id, l.name, v.variant_of_document, v.variant_of_quote \
         FROM {from} JOIN documents d ON d.id = q.document_id \
         LEFT JOIN doc_entities e ON e.document_id = q.document_id AND e.idx = q.speaker_idx \
         LEFT JOIN linked_entity_members m \
           ON m.document_id = q.document_id AND m.entity_idx = q.speaker_idx \
         LEFT JOIN linked_entities l ON l.id = m.entity_id \
         LEFT JOIN quote_variants v ON v.document_id = q.document_id AND v.quote_idx = q.idx \
         WHERE d.staged = 0 AND {speaker_join} AND (?1 IS NULL OR q.document_id IN \
           (SELECT document_id FROM story_documents WHERE story_id = ?1)) \
         ORDER BY q.document_id, q.idx"
    ))?;
    let mut rows = stmt.query(params![story, speaker])?;
    let mut text_of: Option<(String, String)> = None;
    while let Some(r) = rows.next()? {
        let document_id: String = r.get(0)?;
        let index: usize = r.get(1)?;
        let quote = quote_from_row(&document_id, r, 2)?;
        if text_of.as_ref().is_none_or(|(id, _)| *id != document_id) {
            text_of = Some((document_id.clone(), document_text(conn, &document_id)?));
        }
        let text = text_of.as_ref().map_or("", |(_, t)| t.as_str());
        let speaker = match (quote.speaker, r.get::<_, Option<String>>(15)?) {
            (Some(index), Some(doc_name)) => {
                let roles: Option<String> = r.get(16)?;
                let linked: Option<String> = r.get(17)?;
                let linked_name: Option<String> = r.get(18)?;
                Some(QuoteSpeaker {
                    index,
                    entity_id: linked,
                    name: linked_name.unwrap_or(doc_name),
                    roles: strings(&document_id, "roles", roles.as_deref().unwrap_or("[]"))?,
                })
            }
            _ => None,
        };
        let variant_of = match (
            r.get::<_, Option<String>>(19)?,
            r.get::<_, Option<usize>>(20)?,
        ) {
            (Some(d), Some(i)) => Some((d, i)),
            _ => None,
        };
        f(QuoteRecord {
            outlet: r.get(13)?,
            published: r.get(14)?,
            text: quote.content.of(text).to_string(),
            cue: quote.cue.map(|s| s.of(text).to_string()),
            source: quote.source.map(|s| s.of(text).to_string()),
            quote,
            speaker,
            variant_of,
            document_id,
            index,
        })?;
    }
    Ok(())
}
