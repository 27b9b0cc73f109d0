//! Full-text search over the stored documents (`Store::search`): the
//! request in structured form, as the engine parses it from the query
//! language, and the SQLite implementation over the FTS5 index of
//! migration 10. Another backend answers the same request with its own
//! index.

use crosscheck_model::ClaimStatus;
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::rows::{self, SUMMARY_COLUMNS};
use crate::{DocumentSummary, StoreError};

/// One thing to find in a document's title or text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchAtom {
    /// A word (any case or accents); with `prefix`, any word it begins.
    /// A "word" of several tokens ("COVID-19", "U.S.") matches them in a row.
    Word { text: String, prefix: bool },
    /// Words in this order, next to each other.
    Phrase(String),
}

/// Which documents a search may return, besides its words. Several values
/// of one field are alternatives; different fields must all hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFilters {
    /// Outlet names containing one of these (case-insensitive).
    pub outlet: Vec<String>,
    /// Author names containing one of these.
    pub author: Vec<String>,
    /// Documents naming an entity whose name or alias contains one of these.
    pub entity: Vec<String>,
    /// Documents quoting a speaker whose name contains one of these.
    pub speaker: Vec<String>,
    /// Documents of the story with one of these ids or id prefixes.
    pub story: Vec<String>,
    /// Documents stating a fact of one of these statuses.
    pub status: Vec<ClaimStatus>,
    /// Documents in one of these languages (ISO 639-1 code, as stored).
    pub lang: Vec<String>,
    /// Published on or after this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub from: Option<String>,
    /// Published on or before this date (the whole month or year when one
    /// is given).
    pub to: Option<String>,
}

/// A search request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Clauses a document must all match; each clause is matched by any
    /// of its atoms (`a OR b`).
    pub all: Vec<Vec<SearchAtom>>,
    /// Atoms a document must not match.
    pub none: Vec<SearchAtom>,
    pub filters: SearchFilters,
}

/// A story fact one of a hit's sentences states: the member claim's byte
/// span in the document's text and the fact's status.
#[derive(Debug, Clone, PartialEq)]
pub struct HitClaim {
    pub start: usize,
    pub end: usize,
    pub status: ClaimStatus,
}

/// One matching document, with what showing the hit needs.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub document: DocumentSummary,
    pub author: Option<String>,
    pub text: String,
    /// The ranking score, higher is better (BM25 with the title weighing
    /// twice the text; 0 when the query has no words).
    pub score: f64,
    /// The spans of the document's claims that state a story fact.
    pub claims: Vec<HitClaim>,
}

/// One page of hits, best first, and how many documents match in all.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    pub total: usize,
}

/// An FTS5 string: the text in double quotes, inner quotes doubled. The
/// tokenizer then reads it as one word or a phrase of its tokens, so no
/// character of the user's text is FTS5 syntax.
fn fts_string(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn fts_atom(a: &SearchAtom) -> String {
    match a {
        SearchAtom::Word { text, prefix: true } => format!("{} *", fts_string(text)),
        SearchAtom::Word { text, .. } | SearchAtom::Phrase(text) => fts_string(text),
    }
}

fn fts_any(atoms: &[SearchAtom]) -> String {
    let parts: Vec<String> = atoms.iter().map(fts_atom).collect();
    format!("({})", parts.join(" OR "))
}

/// `%text%` for LIKE with `\` as the escape character.
pub(crate) fn like_pattern(text: &str) -> String {
    let mut p = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// The SQL condition on `d` (documents) and its parameters for the filters.
fn filter_sql(f: &SearchFilters, params: &mut Vec<Value>) -> Vec<String> {
    let mut conds = Vec::new();
    let mut any = |values: &[String], cond: &str, params: &mut Vec<Value>, pattern: bool| {
        if values.is_empty() {
            return;
        }
        let ors: Vec<String> = values
            .iter()
            .map(|v| {
                let value = if pattern {
                    like_pattern(v)
                } else {
                    v.to_string()
                };
                params.push(Value::Text(value));
                cond.replace("?", &format!("?{}", params.len()))
            })
            .collect();
        conds.push(format!("({})", ors.join(" OR ")));
    };
    any(&f.outlet, "d.outlet LIKE ? ESCAPE '\\'", params, true);
    any(&f.author, "d.author LIKE ? ESCAPE '\\'", params, true);
    any(
        &f.entity,
        "EXISTS (SELECT 1 FROM doc_entities e WHERE e.document_id = d.id \
         AND (e.name LIKE ? ESCAPE '\\' OR e.aliases LIKE ? ESCAPE '\\'))",
        params,
        true,
    );
    any(
        &f.speaker,
        "EXISTS (SELECT 1 FROM quotes q JOIN doc_entities e \
         ON e.document_id = q.document_id AND e.idx = q.speaker_idx \
         WHERE q.document_id = d.id AND e.name LIKE ? ESCAPE '\\')",
        params,
        true,
    );
    let stories: Vec<String> = f
        .story
        .iter()
        .map(|s| {
            let bare = s.trim().to_ascii_lowercase();
            let bare = bare.strip_prefix("s-").unwrap_or(&bare).to_string();
            format!("s-{}%", bare.replace(['%', '_', '\\'], ""))
        })
        .collect();
    any(
        &stories,
        "EXISTS (SELECT 1 FROM story_documents sd WHERE sd.document_id = d.id \
         AND sd.story_id LIKE ?)",
        params,
        false,
    );
    let statuses: Vec<String> = f.status.iter().map(|s| s.as_str().to_string()).collect();
    any(
        &statuses,
        "EXISTS (SELECT 1 FROM story_claim_members m JOIN story_claims c \
         ON c.story_id = m.story_id AND c.idx = m.claim \
         WHERE m.document_id = d.id AND c.status = ?)",
        params,
        false,
    );
    let langs: Vec<String> = f.lang.iter().map(|l| l.to_ascii_lowercase()).collect();
    any(&langs, "lower(d.language) = ?", params, false);
    if let Some(from) = &f.from {
        params.push(Value::Text(from.clone()));
        let n = params.len();
        conds.push(format!(
            "(d.published IS NOT NULL AND substr(d.published, 1, length(?{n})) >= ?{n})"
        ));
    }
    if let Some(to) = &f.to {
        params.push(Value::Text(to.clone()));
        let n = params.len();
        conds.push(format!(
            "(d.published IS NOT NULL AND substr(d.published, 1, length(?{n})) <= ?{n})"
        ));
    }
    conds
}

/// One page of the documents matching `q`, best first: `limit` hits after
/// skipping `offset`.
pub(crate) fn search(
    conn: &Connection,
    q: &SearchQuery,
    offset: usize,
    limit: usize,
) -> Result<SearchPage, StoreError> {
    let mut params: Vec<Value> = Vec::new();
    let matching = !q.all.is_empty();
    let mut from = String::from("documents d");
    let mut score = String::from("0.0");
    if matching {
        let expr: Vec<String> = q.all.iter().map(|c| fts_any(c)).collect();
        params.push(Value::Text(expr.join(" AND ")));
        from = format!(
            "document_search JOIN documents d ON d.rowid = document_search.rowid \
             AND document_search MATCH ?{}",
            params.len()
        );
        score = "-bm25(document_search, 2.0, 1.0)".to_string();
    }
    let mut conds = vec![format!("d.{}", rows::PUBLISHED)];
    if !q.none.is_empty() {
        params.push(Value::Text(fts_any(&q.none)));
        conds.push(format!(
            "d.rowid NOT IN (SELECT rowid FROM document_search WHERE document_search MATCH ?{})",
            params.len()
        ));
    }
    conds.extend(filter_sql(&q.filters, &mut params));
    let condition = conds.join(" AND ");
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM {from} WHERE {condition}"),
        rusqlite::params_from_iter(params.iter()),
        |r| r.get(0),
    )?;
    let columns: Vec<String> = SUMMARY_COLUMNS
        .split(", ")
        .map(|c| format!("d.{c}"))
        .collect();
    let n = params.len();
    params.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
    params.push(Value::Integer(i64::try_from(offset).unwrap_or(i64::MAX)));
    let sql = format!(
        "SELECT {}, d.author, d.text, {score} AS score FROM {from} WHERE {condition} \
         ORDER BY score DESC, d.published IS NULL, d.published DESC, d.id \
         LIMIT ?{} OFFSET ?{}",
        columns.join(", "),
        n + 1,
        n + 2
    );
    let mut stmt = conn.prepare(&sql)?;
    let found = stmt.query_map(rusqlite::params_from_iter(params.iter()), |row| {
        Ok(SearchHit {
            document: rows::summary_from_row(row)?,
            author: row.get(7)?,
            text: row.get(8)?,
            score: row.get(9)?,
            claims: Vec::new(),
        })
    })?;
    let mut hits: Vec<SearchHit> = found.collect::<Result<_, _>>()?;
    let mut claims = conn.prepare_cached(
        "SELECT cl.start_byte, cl.end_byte, c.status FROM story_claim_members m \
         JOIN story_claims c ON c.story_id = m.story_id AND c.idx = m.claim \
         JOIN claims cl ON cl.document_id = m.document_id AND cl.idx = m.claim_idx \
         WHERE m.document_id = ?1 ORDER BY cl.start_byte",
    )?;
    for h in &mut hits {
        let rows = claims.query_map([&h.document.id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (start, end, status) = row?;
            let (Ok(start), Ok(end), Some(status)) = (
                usize::try_from(start),
                usize::try_from(end),
                ClaimStatus::parse(&status),
            ) else {
                continue;
            };
            h.claims.push(HitClaim { start, end, status });
        }
    }
    Ok(SearchPage {
        hits,
        total: usize::try_from(total).unwrap_or(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_never_fts_syntax() {
        let w = |t: &str, prefix| SearchAtom::Word {
            text: t.into(),
            prefix,
        };
        assert_eq!(fts_atom(&w("COVID-19", false)), "\"COVID-19\"");
        assert_eq!(fts_atom(&w("say \"no", true)), "\"say \"\"no\" *");
        assert_eq!(
            fts_any(&[w("a", false), SearchAtom::Phrase("b c".into())]),
            "(\"a\" OR \"b c\")"
        );
        assert_eq!(like_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}
