//! The fetch log (every HTTP request of a collection, with its outcome),
//! the HTTP validators of conditional requests, and which URLs are stored.

use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension};

use crate::StoreError;

/// One HTTP request and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchRecord {
    pub url: String,
    /// `feed`, `page` or `robots`.
    pub kind: String,
    /// Unix seconds when the request started.
    pub at: i64,
    /// The HTTP status; `None` when no response came.
    pub status: Option<u16>,
    /// Body bytes received.
    pub bytes: u64,
    pub millis: u64,
    /// Why the fetch gave nothing usable (a timeout, a cap, a refusal by
    /// robots.txt, a status); `None` for a success or a 304.
    pub error: Option<String>,
    /// The URL after redirects, when it differs.
    pub final_url: Option<String>,
}

/// What a server said identifies the version of a resource.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// The fetch history of one URL, as `crosscheck sources` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceStatus {
    pub url: String,
    pub kind: String,
    pub fetches: u64,
    /// Fetches that gave nothing usable.
    pub failures: u64,
    pub bytes: u64,
    /// The latest fetch.
    pub last: FetchRecord,
    /// When it last succeeded (or was unchanged).
    pub last_ok_at: Option<i64>,
}

pub(crate) fn insert_fetches(
    conn: &Connection,
    fetches: &[FetchRecord],
    validators: &[(String, Validators)],
    now: i64,
) -> Result<(), StoreError> {
    let mut log = conn.prepare_cached(
        "INSERT INTO fetch_log (url, kind, at, status, bytes, millis, error, final_url) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for f in fetches {
        log.execute(params![
            f.url,
            f.kind,
            f.at,
            f.status,
            f.bytes as i64,
            f.millis as i64,
            f.error,
            f.final_url
        ])?;
    }
    let mut val = conn.prepare_cached(
        "INSERT INTO http_validators (url, etag, last_modified, checked_at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, \
         last_modified = excluded.last_modified, checked_at = excluded.checked_at",
    )?;
    for (url, v) in validators {
        val.execute(params![url, v.etag, v.last_modified, now])?;
    }
    Ok(())
}

pub(crate) fn validators(conn: &Connection, url: &str) -> Result<Option<Validators>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT etag, last_modified FROM http_validators WHERE url = ?1")?
        .query_row([url], |r| {
            Ok(Validators {
                etag: r.get(0)?,
                last_modified: r.get(1)?,
            })
        })
        .optional()?)
}

const FETCH_COLUMNS: &str = "url, kind, at, status, bytes, millis, error, final_url";

fn fetch_from_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<FetchRecord> {
    Ok(FetchRecord {
        url: r.get(at)?,
        kind: r.get(at + 1)?,
        at: r.get(at + 2)?,
        status: r.get(at + 3)?,
        bytes: r.get::<_, i64>(at + 4)?.max(0) as u64,
        millis: r.get::<_, i64>(at + 5)?.max(0) as u64,
        error: r.get(at + 6)?,
        final_url: r.get(at + 7)?,
    })
}

/// The latest fetches of one URL (newest first), or of every URL.
pub(crate) fn fetch_log(
    conn: &Connection,
    url: Option<&str>,
    limit: usize,
) -> Result<Vec<FetchRecord>, StoreError> {
    let sql = format!(
        "SELECT {FETCH_COLUMNS} FROM fetch_log WHERE ?1 IS NULL OR url = ?1 \
         ORDER BY at DESC, id DESC LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![url, limit as i64], |r| fetch_from_row(r, 0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every URL fetched, with its counts and latest fetch: failing ones first,
/// then by URL.
pub(crate) fn sources(conn: &Connection) -> Result<Vec<SourceStatus>, StoreError> {
    let sql = format!(
        "WITH agg AS (\
           SELECT url, COUNT(*) AS n, \
             SUM(error IS NOT NULL) AS failed, SUM(bytes) AS bytes, \
             MAX(CASE WHEN error IS NULL THEN at END) AS ok_at, MAX(id) AS last_id \
           FROM fetch_log GROUP BY url) \
         SELECT agg.n, agg.failed, agg.bytes, agg.ok_at, {cols} \
         FROM agg JOIN fetch_log l ON l.id = agg.last_id \
         ORDER BY l.error IS NULL, l.url",
        cols = FETCH_COLUMNS
            .split(", ")
            .map(|c| format!("l.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| {
        let last = fetch_from_row(r, 4)?;
        Ok(SourceStatus {
            url: last.url.clone(),
            kind: last.kind.clone(),
            fetches: r.get::<_, i64>(0)?.max(0) as u64,
            failures: r.get::<_, i64>(1)?.max(0) as u64,
            bytes: r.get::<_, i64>(2)?.max(0) as u64,
            last_ok_at: r.get(3)?,
            last,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Which of these URLs a stored document (staged or not) has.
pub(crate) fn stored_urls(
    conn: &Connection,
    urls: &[String],
) -> Result<HashSet<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM documents WHERE url = ?1")?;
    let mut found = HashSet::new();
    for u in urls {
        if !found.contains(u) && stmt.exists([u])? {
            found.insert(u.clone());
        }
    }
    Ok(found)
}
