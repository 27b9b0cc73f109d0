//! What the cluster stage keeps between ingests (migration 13), so that new
//! documents are placed into the stories found before instead of every
//! stored document being clustered again.
//!
//! A full clustering ([`Derive::clustering`](crate::Derive::clustering))
//! writes the whole state ([`ClusterSnapshot`]); an update
//! ([`Derive::cluster_update`](crate::Derive::cluster_update)) reads what it
//! needs through [`ClusterState`] and returns a [`ClusterUpdate`], which is
//! written here. Writing stories by any other way (`replace_clustering`,
//! `recluster`) clears the state, so the next ingest clusters everything.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension};

use crate::{ClusterDocument, CopyOf, NewStory, StoreError};

/// One clustered document's state (see `crosscheck_cluster::DocState`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentState {
    pub document_id: String,
    /// `YYYY-MM-DD`, when the publication date is a valid date.
    pub date: Option<String>,
    /// Days since 1970-01-01.
    pub day: Option<i64>,
    pub title: String,
    pub headline: bool,
    pub lead: String,
    /// (term id, weight), sorted by id.
    pub vector: Vec<(u32, f32)>,
    pub signature: Option<Vec<u32>>,
    /// The LSH band keys of the signature (empty without one).
    pub band_keys: Vec<u64>,
}

/// One story's state: its running term sum and the days of its first and
/// last dated documents, and the terms it is found by.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryState {
    pub story_id: String,
    pub sum: Vec<(u32, f32)>,
    pub first_day: Option<i64>,
    pub last_day: Option<i64>,
    pub index_terms: Vec<u32>,
}

/// The whole state, as a full clustering leaves it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClusterSnapshot {
    /// The version of the cluster stage; state of another version is not
    /// used.
    pub version: String,
    /// Terms by id (id = position) with their document frequencies.
    pub terms: Vec<(String, u32)>,
    /// Documents counted in the frequencies.
    pub docs: u32,
    pub documents: Vec<DocumentState>,
    /// One per story of the clustering written with it.
    pub stories: Vec<StoryState>,
}

/// What an update changes: new or changed terms, the new documents' states,
/// copy relations set, and the stories written anew (with their states), in
/// place of the stored stories `removed`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClusterUpdate {
    /// The version of the cluster stage (as [`ClusterSnapshot::version`]).
    pub version: String,
    /// (id, term, document frequency).
    pub terms: Vec<(u32, String, u32)>,
    pub docs: u32,
    pub documents: Vec<DocumentState>,
    pub copies: Vec<CopyOf>,
    pub removed: Vec<String>,
    pub stories: Vec<(NewStory, StoryState)>,
}

/// The stored state, read inside the derivation's transaction.
pub trait ClusterState {
    /// The version of the stage that wrote the state and the documents it
    /// counted; `None` when there is no state.
    fn meta(&self) -> Result<Option<(String, u32)>, StoreError>;
    /// How many stored documents have a state, how many are stored, and
    /// how many staged ones (this ingest's) have none.
    fn clustered(&self) -> Result<(usize, usize, usize), StoreError>;
    /// The staged documents (this ingest's) without a state, in id order.
    fn for_each_new_document(
        &self,
        f: &mut dyn FnMut(ClusterDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
    /// Each term's (id, document frequency), `None` for a term not stored.
    fn terms(&self, terms: &[&str]) -> Result<Vec<Option<(u32, u32)>>, StoreError>;
    /// The id the next new term gets.
    fn next_term_id(&self) -> Result<u32, StoreError>;
    /// Documents whose signature shares one of these band keys: the first
    /// `per_key` of each key.
    fn copy_candidates(&self, keys: &[u64], per_key: usize) -> Result<Vec<String>, StoreError>;
    /// The states of these documents (those that have one).
    fn documents(&self, ids: &[String]) -> Result<Vec<DocumentState>, StoreError>;
    /// The original of a stored copy.
    fn original_of(&self, id: &str) -> Result<Option<String>, StoreError>;
    /// The stored copies of an original.
    fn copies_of(&self, id: &str) -> Result<Vec<String>, StoreError>;
    /// The story a document is in.
    fn story_of(&self, id: &str) -> Result<Option<String>, StoreError>;
    /// Stories found by one of these terms: for each term, the `per_term`
    /// whose last document is the most recent.
    fn story_candidates(&self, terms: &[u32], per_term: usize) -> Result<Vec<String>, StoreError>;
    fn story(&self, id: &str) -> Result<Option<StoryState>, StoreError>;
    /// A story's documents, in order.
    fn story_members(&self, id: &str) -> Result<Vec<String>, StoreError>;
    /// Stored stories, documents in stories, documents that have copies,
    /// and copies.
    fn totals(&self) -> Result<[usize; 4], StoreError>;
}

fn vector_blob(v: &[(u32, f32)]) -> Vec<u8> {
    let mut b = Vec::with_capacity(v.len() * 8);
    for &(id, w) in v {
        b.extend_from_slice(&id.to_le_bytes());
        b.extend_from_slice(&w.to_le_bytes());
    }
    b
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Aborted(format!(
        "the stored cluster state is damaged ({what}); run `crosscheck rebuild`"
    ))
}

fn vector_of(b: &[u8]) -> Result<Vec<(u32, f32)>, StoreError> {
    if b.len() % 8 != 0 {
        return Err(corrupt("a term vector"));
    }
    Ok(b.chunks_exact(8)
        .map(|c| {
            let id = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
            let w = f32::from_le_bytes([c[4], c[5], c[6], c[7]]);
            (id, w)
        })
        .collect())
}

fn signature_blob(s: &[u32]) -> Vec<u8> {
    s.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn signature_of(b: &[u8]) -> Result<Vec<u32>, StoreError> {
    if b.len() % 4 != 0 {
        return Err(corrupt("a signature"));
    }
    Ok(b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect())
}

/// A band key as SQLite stores it (a signed 64-bit integer).
fn key(k: u64) -> i64 {
    k as i64
}

/// Delete the whole state. The caller holds the transaction.
pub(crate) fn clear(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(
        "DELETE FROM cluster_meta; DELETE FROM copy_bands; DELETE FROM cluster_documents; \
         DELETE FROM cluster_terms; DELETE FROM story_terms; DELETE FROM story_centroids;",
    )?;
    Ok(())
}

/// Write the state of a full clustering, whose stories (`ids`, in the
/// snapshot's order) are stored already.
pub(crate) fn write_snapshot(
    conn: &Connection,
    s: &ClusterSnapshot,
    ids: &[String],
) -> Result<(), StoreError> {
    clear(conn)?;
    if ids.len() != s.stories.len() {
        return Err(StoreError::InvalidClustering(format!(
            "{} story states for {} stories",
            s.stories.len(),
            ids.len()
        )));
    }
    let mut term =
        conn.prepare_cached("INSERT INTO cluster_terms (id, term, df) VALUES (?1, ?2, ?3)")?;
    for (id, (t, df)) in s.terms.iter().enumerate() {
        term.execute(params![id as i64, t, df])?;
    }
    write_documents(conn, &s.documents)?;
    for (story, id) in s.stories.iter().zip(ids) {
        write_story_state(conn, id, story)?;
    }
    write_meta(conn, &s.version, s.docs)
}

fn write_meta(conn: &Connection, version: &str, docs: u32) -> Result<(), StoreError> {
    conn.execute(
        "INSERT OR REPLACE INTO cluster_meta (key, value) VALUES ('version', ?1), ('documents', ?2)",
        params![version, docs.to_string()],
    )?;
    Ok(())
}

fn write_documents(conn: &Connection, docs: &[DocumentState]) -> Result<(), StoreError> {
    let mut doc = conn.prepare_cached(
        "INSERT INTO cluster_documents \
         (document_id, date, day, title, headline, lead, vector, signature) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut band =
        conn.prepare_cached("INSERT OR IGNORE INTO copy_bands (key, n) VALUES (?1, ?2)")?;
    for d in docs {
        doc.execute(params![
            d.document_id,
            d.date,
            d.day,
            d.title,
            d.headline,
            d.lead,
            vector_blob(&d.vector),
            d.signature.as_deref().map(signature_blob),
        ])?;
        let n = conn.last_insert_rowid();
        for &k in &d.band_keys {
            band.execute(params![key(k), n])?;
        }
    }
    Ok(())
}

fn write_story_state(conn: &Connection, id: &str, s: &StoryState) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO story_centroids (story_id, sum, first_day, last_day) \
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, vector_blob(&s.sum), s.first_day, s.last_day])?;
    let mut term = conn.prepare_cached(
        "INSERT OR REPLACE INTO story_terms (term, story_id, last_day) VALUES (?1, ?2, ?3)",
    )?;
    for &t in &s.index_terms {
        term.execute(params![t, id, s.last_day])?;
    }
    Ok(())
}

/// Write an update: terms, the new documents' states, copies, and the
/// changed stories in place of the removed ones (see
/// [`crate::stories::write_story_update`]). Returns the ids of the stories
/// written anew.
pub(crate) fn write_update(
    conn: &Connection,
    u: &ClusterUpdate,
    findings_version: &str,
) -> Result<HashSet<String>, StoreError> {
    let mut term = conn.prepare_cached(
        "INSERT INTO cluster_terms (id, term, df) VALUES (?1, ?2, ?3) \
         ON CONFLICT (id) DO UPDATE SET df = excluded.df",
    )?;
    for (id, t, df) in &u.terms {
        term.execute(params![id, t, df])?;
    }
    write_documents(conn, &u.documents)?;
    let written = crate::stories::write_story_update(conn, u, findings_version)?;
    for (story, state) in &u.stories {
        conn.prepare_cached("DELETE FROM story_terms WHERE story_id = ?1")?
            .execute([&story.id])?;
        write_story_state(conn, &story.id, state)?;
    }
    write_meta(conn, &u.version, u.docs)?;
    Ok(written)
}

/// The state of the open transaction of `conn`.
pub(crate) struct StateView<'a>(pub(crate) &'a Connection);

fn document_state(r: &rusqlite::Row<'_>) -> Result<DocumentState, StoreError> {
    let vector: Vec<u8> = r.get(6)?;
    let signature: Option<Vec<u8>> = r.get(7)?;
    let signature = signature.as_deref().map(signature_of).transpose()?;
    Ok(DocumentState {
        document_id: r.get(0)?,
        date: r.get(1)?,
        day: r.get(2)?,
        title: r.get(3)?,
        headline: r.get(4)?,
        lead: r.get(5)?,
        vector: vector_of(&vector)?,
        signature,
        band_keys: Vec::new(),
    })
}

fn strings(
    stmt: &mut rusqlite::CachedStatement<'_>,
    p: impl rusqlite::Params,
) -> Result<Vec<String>, StoreError> {
    Ok(stmt
        .query_map(p, |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?)
}

impl ClusterState for StateView<'_> {
    fn meta(&self) -> Result<Option<(String, u32)>, StoreError> {
        let meta: HashMap<String, String> = self
            .0
            .prepare_cached("SELECT key, value FROM cluster_meta")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        match (meta.get("version"), meta.get("documents")) {
            (Some(v), Some(d)) => {
                let docs = d.parse().map_err(|_| corrupt("the document count"))?;
                Ok(Some((v.clone(), docs)))
            }
            _ => Ok(None),
        }
    }

    fn clustered(&self) -> Result<(usize, usize, usize), StoreError> {
        // By the indexes: a scan of the documents would read every text.
        let (with, all, new): (i64, i64, i64) = self.0.query_row(
            "SELECT (SELECT count(*) FROM cluster_documents), (SELECT count(*) FROM documents), \
             (SELECT count(*) FROM documents WHERE staged = 1 \
                AND id NOT IN (SELECT document_id FROM cluster_documents))",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok((with as usize, all as usize, new as usize))
    }

    fn for_each_new_document(
        &self,
        f: &mut dyn FnMut(ClusterDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        crate::stories::for_each_cluster_document_where(
            self.0,
            f,
            "staged = 1 AND id NOT IN (SELECT document_id FROM cluster_documents)",
        )
    }

    fn terms(&self, terms: &[&str]) -> Result<Vec<Option<(u32, u32)>>, StoreError> {
        let mut stmt = self
            .0
            .prepare_cached("SELECT id, df FROM cluster_terms WHERE term = ?1")?;
        terms
            .iter()
            .map(|t| {
                Ok(stmt
                    .query_row([t], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?)
            })
            .collect()
    }

    fn next_term_id(&self) -> Result<u32, StoreError> {
        let n: i64 = self.0.query_row(
            "SELECT coalesce(max(id) + 1, 0) FROM cluster_terms",
            [],
            |r| r.get(0),
        )?;
        u32::try_from(n).map_err(|_| corrupt("a term id"))
    }

    fn copy_candidates(&self, keys: &[u64], per_key: usize) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.0.prepare_cached(
            "SELECT d.document_id FROM copy_bands b JOIN cluster_documents d ON d.n = b.n \
             WHERE b.key = ?1 ORDER BY b.n LIMIT ?2",
        )?;
        let mut out: Vec<String> = Vec::new();
        for &k in keys {
            out.extend(strings(&mut stmt, params![key(k), per_key as i64])?);
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    fn documents(&self, ids: &[String]) -> Result<Vec<DocumentState>, StoreError> {
        let mut stmt = self.0.prepare_cached(
            "SELECT document_id, date, day, title, headline, lead, vector, signature \
             FROM cluster_documents WHERE document_id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let mut rows = stmt.query([id])?;
            if let Some(r) = rows.next()? {
                out.push(document_state(r)?);
            }
        }
        Ok(out)
    }

    fn original_of(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .0
            .prepare_cached("SELECT original_id FROM copies WHERE document_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    fn copies_of(&self, id: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.0.prepare_cached(
            "SELECT document_id FROM copies WHERE original_id = ?1 ORDER BY document_id",
        )?;
        strings(&mut stmt, [id])
    }

    fn story_of(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .0
            .prepare_cached("SELECT story_id FROM story_documents WHERE document_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    fn story_candidates(&self, terms: &[u32], per_term: usize) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.0.prepare_cached(
            "SELECT story_id FROM story_terms WHERE term = ?1 \
             ORDER BY last_day IS NULL, last_day DESC, story_id LIMIT ?2",
        )?;
        let mut out: Vec<String> = Vec::new();
        for &t in terms {
            out.extend(strings(&mut stmt, params![t, per_term as i64])?);
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    fn story(&self, id: &str) -> Result<Option<StoryState>, StoreError> {
        let row: Option<(Vec<u8>, Option<i64>, Option<i64>)> = self
            .0
            .prepare_cached(
                "SELECT sum, first_day, last_day FROM story_centroids WHERE story_id = ?1",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((sum, first_day, last_day)) = row else {
            return Ok(None);
        };
        Ok(Some(StoryState {
            story_id: id.to_string(),
            sum: vector_of(&sum)?,
            first_day,
            last_day,
            index_terms: Vec::new(),
        }))
    }

    fn story_members(&self, id: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.0.prepare_cached(
            "SELECT document_id FROM story_documents WHERE story_id = ?1 ORDER BY position",
        )?;
        strings(&mut stmt, [id])
    }

    fn totals(&self) -> Result<[usize; 4], StoreError> {
        let count = |sql: &str| -> Result<usize, StoreError> {
            let n: i64 = self.0.query_row(sql, [], |r| r.get(0))?;
            Ok(n as usize)
        };
        Ok([
            count("SELECT count(*) FROM stories")?,
            count("SELECT count(*) FROM story_documents")?,
            count("SELECT count(DISTINCT original_id) FROM copies")?,
            count("SELECT count(*) FROM copies")?,
        ])
    }
}
