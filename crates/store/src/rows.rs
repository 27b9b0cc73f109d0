//! Mapping between `crosscheck_model` types and table rows.

use rusqlite::{params, CachedStatement, Connection, Row};

use crosscheck_model::{Document, InputFormat, Removed, UpstreamSource};

use crate::{DocumentSummary, NewDocument, StoreError};

/// Columns read by [`document_from_row`], in its order.
pub(crate) const DOCUMENT_COLUMNS: &str = "id, sha256, source, format, url, outlet, title, \
     author, published, language, text, confidence, removed_boilerplate_lines, \
     removed_duplicate_paragraphs, date_evidence, warnings, removed_lines, crawled";

/// Columns read by [`summary_from_row`], in its order.
pub(crate) const SUMMARY_COLUMNS: &str = "id, source, outlet, published, title, words, language";

/// The condition on `documents` that keeps
/// what readers may see: documents an unfinished ingest has staged are not
/// shown until the ingest's derivation commits (`Store::rederive`).
pub(crate) const PUBLISHED: &str = "staged = 0";

/// Shortest id prefix accepted by lookups.
pub(crate) const MIN_PREFIX: usize = 4;

/// Refuse documents that break the invariants lookups rely on: `sha256` is
/// 64 lower-case hex digits and `id` is a prefix of it.
pub(crate) fn validate(doc: &Document) -> Result<(), StoreError> {
    let invalid = |reason: String| StoreError::InvalidDocument {
        sha256: doc.sha256.clone(),
        reason,
    };
    if doc.sha256.len() != 64 || !is_lower_hex(&doc.sha256) {
        return Err(invalid("sha256 is not 64 lower-case hex digits".into()));
    }
    if doc.id.len() < MIN_PREFIX || !doc.sha256.starts_with(&doc.id) {
        return Err(invalid(format!(
            "id {:?} is not a prefix of the sha256",
            doc.id
        )));
    }
    Ok(())
}

pub(crate) fn is_lower_hex(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Insert a document and its child rows. The caller holds the transaction
/// and has checked that neither the id nor the sha256 is taken.
pub(crate) fn insert_document(
    conn: &Connection,
    new: &NewDocument,
    ingested_at: i64,
    staged: bool,
) -> Result<(), StoreError> {
    let d = &new.doc;
    let date_evidence = to_json(&d.date_evidence)?;
    let warnings = to_json(&d.warnings)?;
    let removed_lines = to_json(&d.removed_lines)?;
    // `staged` and `crawled` are written only when set: their defaults
    // (published, unknown) are what documents of every earlier schema are,
    // and tests write those.
    let mut columns = String::new();
    let mut values = String::new();
    if staged {
        columns.push_str(", staged");
        values.push_str(", 1");
    }
    if d.crawled.is_some() {
        columns.push_str(", crawled");
        values.push_str(", ?20");
    }
    let sql = format!(
        "INSERT INTO documents (id, sha256, source, format, url, outlet, title, author, \
         published, language, text, confidence, words, removed_boilerplate_lines, \
         removed_duplicate_paragraphs, date_evidence, warnings, removed_lines, ingested_at\
         {columns}) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
         ?18, ?19{values})",
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let base = params![
        d.id,
        d.sha256,
        d.source,
        d.format.as_str(),
        d.url,
        d.outlet,
        d.title,
        d.author,
        d.published,
        d.language,
        d.text,
        f64::from(d.confidence),
        d.word_count(),
        d.removed.boilerplate_lines,
        d.removed.duplicate_paragraphs,
        date_evidence,
        warnings,
        removed_lines,
        ingested_at,
    ];
    match &d.crawled {
        Some(crawled) => {
            let mut all: Vec<&dyn rusqlite::ToSql> = base.to_vec();
            all.push(crawled);
            stmt.execute(all.as_slice())?
        }
        None => stmt.execute(base)?,
    };
    let mut up = conn.prepare_cached(
        "INSERT INTO upstream_sources (document_id, ord, name, cue, start_byte, end_byte) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (ord, u) in d.upstream_sources.iter().enumerate() {
        up.execute(params![d.id, ord, u.name, u.cue, u.start, u.end])?;
    }
    if let Some(lines) = &new.page_lines {
        let mut pl = conn.prepare_cached(
            "INSERT OR IGNORE INTO page_lines (outlet_key, fingerprint, document_id) \
             VALUES (?1, ?2, ?3)",
        )?;
        for fp in &lines.fingerprints {
            pl.execute(params![lines.outlet_key, fingerprint_to_sql(*fp), d.id])?;
        }
    }
    Ok(())
}

/// The document with this exact id and its upstream sources; with
/// `published_only`, `None` for a staged one.
pub(crate) fn load_document(
    conn: &Connection,
    id: &str,
    published_only: bool,
) -> Result<Option<Document>, StoreError> {
    let filter = if published_only { PUBLISHED } else { "1" };
    let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?1 AND {filter}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut found = stmt.query([id])?;
    let Some(row) = found.next()? else {
        return Ok(None);
    };
    let mut doc = document_from_row(row)?;
    let mut up = conn.prepare_cached(UPSTREAM_SQL)?;
    doc.upstream_sources = upstream_sources(&mut up, &doc.id)?;
    Ok(Some(doc))
}

/// Fingerprints are stored as the i64 with the same bits.
pub(crate) fn fingerprint_to_sql(fp: u64) -> i64 {
    fp as i64
}

/// A document from a row of [`DOCUMENT_COLUMNS`], without its upstream
/// sources (see [`upstream_sources`]).
pub(crate) fn document_from_row(row: &Row<'_>) -> Result<Document, StoreError> {
    let id: String = row.get(0)?;
    let format: String = row.get(3)?;
    let format = InputFormat::parse(&format)
        .ok_or_else(|| StoreError::Corrupt(format!("document {id}: unknown format {format:?}")))?;
    let confidence: f64 = row.get(11)?;
    let date_evidence: String = row.get(14)?;
    let warnings: String = row.get(15)?;
    let removed_lines: String = row.get(16)?;
    Ok(Document {
        sha256: row.get(1)?,
        source: row.get(2)?,
        format,
        url: row.get(4)?,
        outlet: row.get(5)?,
        title: row.get(6)?,
        author: row.get(7)?,
        published: row.get(8)?,
        language: row.get(9)?,
        text: row.get(10)?,
        confidence: confidence as f32,
        removed: Removed {
            boilerplate_lines: row.get(12)?,
            duplicate_paragraphs: row.get(13)?,
        },
        date_evidence: from_json(&id, "date_evidence", &date_evidence)?,
        warnings: from_json(&id, "warnings", &warnings)?,
        removed_lines: from_json(&id, "removed_lines", &removed_lines)?,
        crawled: row.get(17)?,
        upstream_sources: Vec::new(),
        id,
    })
}

pub(crate) const UPSTREAM_SQL: &str = "SELECT name, cue, start_byte, end_byte \
     FROM upstream_sources WHERE document_id = ?1 ORDER BY ord";

/// The upstream sources of a document, in text order; `stmt` is [`UPSTREAM_SQL`].
pub(crate) fn upstream_sources(
    stmt: &mut CachedStatement<'_>,
    id: &str,
) -> Result<Vec<UpstreamSource>, StoreError> {
    let rows = stmt.query_map([id], |r| {
        Ok(UpstreamSource {
            name: r.get(0)?,
            cue: r.get(1)?,
            start: r.get(2)?,
            end: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<DocumentSummary> {
    Ok(DocumentSummary {
        id: row.get(0)?,
        source: row.get(1)?,
        outlet: row.get(2)?,
        published: row.get(3)?,
        title: row.get(4)?,
        words: row.get(5)?,
        language: row.get(6)?,
    })
}

/// A value as a JSON column.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value)
        .map_err(|e| StoreError::Corrupt(format!("cannot encode JSON: {e}")))
}

/// A JSON column read back; a bad one is a corrupt store.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(
    id: &str,
    column: &str,
    text: &str,
) -> Result<T, StoreError> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Corrupt(format!("document {id}: column {column}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_keep_their_bits() {
        for fp in [0u64, 1, u64::MAX, 1 << 63, 0xdead_beef_cafe_f00d] {
            assert_eq!(fingerprint_to_sql(fp) as u64, fp);
        }
    }

    #[test]
    fn validate_requires_a_hex_sha256_and_an_id_prefix() {
        let sha = "ab".repeat(32);
        let doc = |id: &str, sha256: &str| Document {
            id: id.into(),
            source: "s".into(),
            sha256: sha256.into(),
            format: InputFormat::CleanText,
            url: None,
            outlet: None,
            title: None,
            author: None,
            published: None,
            date_evidence: Default::default(),
            crawled: None,
            language: None,
            text: String::new(),
            upstream_sources: vec![],
            removed: Removed::default(),
            removed_lines: vec![],
            confidence: 1.0,
            warnings: vec![],
        };
        assert!(validate(&doc(&sha[..12], &sha)).is_ok());
        assert!(validate(&doc("abab", &sha)).is_ok());
        assert!(validate(&doc("aba", &sha)).is_err());
        assert!(validate(&doc("cdcdcdcdcdcd", &sha)).is_err());
        assert!(validate(&doc("abab", "abab")).is_err());
        assert!(validate(&doc("ABAB", &sha.to_uppercase())).is_err());
    }
}
