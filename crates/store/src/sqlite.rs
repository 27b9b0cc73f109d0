//! [`SqliteStore`]: the embedded backend of [`Store`].

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use crosscheck_model::Document;

use crate::analysis;
use crate::claims;
use crate::cluster_state;
use crate::corroboration;
use crate::fetchlog;
use crate::link_state;
use crate::links_write;
use crate::rows::{self, DOCUMENT_COLUMNS, MIN_PREFIX, PUBLISHED, SUMMARY_COLUMNS, UPSTREAM_SQL};
use crate::schema;
use crate::stories;
use crate::{
    AnalysedDocument, ClaimFilter, ClaimRecord, ClusterDocument, ClusterSource, Corroborate,
    Derive, DocumentStory, DocumentSummary, EntityRecord, FetchRecord, FindingsRecord, IdCollision,
    InsertOutcome, LinkSource, Links, NewDocument, QuoteRecord, SourceStatus, Store, StoreError,
    StoredAnalysis, StoryClustering, StoryDocument, StoryFindings, StoryRecord, Validators,
};

/// Most candidates listed by [`StoreError::AmbiguousId`].
const MAX_CANDIDATES: usize = 10;
/// Documents of the stories handed to the corroboration stage at once (a
/// story larger than this is a batch of its own): enough to keep every core
/// busy, few enough to bound the analyses in memory.
const CORROBORATE_BATCH_DOCS: usize = 1024;
/// Stored documents handed to [`Derive::analyses`] at once.
const DERIVE_ANALYSES: usize = 256;

/// A crosscheck database in one SQLite file (WAL mode), or in memory.
///
/// Each `SqliteStore` owns one connection; several stores (threads or
/// processes) may open the same file at once: writers serialise on SQLite's
/// write lock and wait up to 30 s for it.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    path: Option<PathBuf>,
}

impl SqliteStore {
    /// Open the database at `path`, creating the file if it does not exist
    /// (its directory must exist) and migrating it to the latest schema.
    /// Refuses, without modifying it, a file that is not SQLite, another
    /// application's SQLite database, or a newer crosscheck schema.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = schema::open_file(path)?;
        tracing::debug!(path = %path.display(), "opened database");
        Ok(SqliteStore {
            conn,
            path: Some(path.to_path_buf()),
        })
    }

    /// Open an existing database for reading only (see
    /// `schema::open_file_read_only`); every write fails. A database of an
    /// older schema is [`StoreError::NeedsUpgrade`].
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        let conn = schema::open_file_read_only(path)?;
        tracing::debug!(path = %path.display(), "opened database read-only");
        Ok(SqliteStore {
            conn,
            path: Some(path.to_path_buf()),
        })
    }

    /// A new, empty database that lives as long as this value.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        Ok(SqliteStore {
            conn: schema::open_memory()?,
            path: None,
        })
    }

    /// The schema version of the database (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        schema::schema_version(&self.conn)
    }

    /// The file this store was opened from; `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn load_document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        rows::load_document(&self.conn, id, true)
    }

    /// Insert a batch in one transaction (see [`Store::insert_documents`]);
    /// `staged` documents are hidden from readers until [`Store::rederive`].
    fn insert(&mut self, docs: &[NewDocument], staged: bool) -> Result<InsertOutcome, StoreError> {
        for new in docs {
            rows::validate(&new.doc)?;
            if let Some(a) = &new.analysis {
                check(&new.doc.id, &new.doc.text, a)?;
            }
        }
        let now = unix_now();
        // The write lock is taken up front, so the existence checks below
        // cannot be invalidated by a concurrent writer.
        let tx = self.write()?;
        let mut out = InsertOutcome::default();
        for new in docs {
            let doc = &new.doc;
            let stored_id: Option<String> = tx
                .prepare_cached("SELECT id FROM documents WHERE sha256 = ?1")?
                .query_row([&doc.sha256], |r| r.get(0))
                .optional()?;
            if let Some(id) = stored_id {
                out.unchanged.push(id);
                continue;
            }
            let holder: Option<String> = tx
                .prepare_cached("SELECT sha256 FROM documents WHERE id = ?1")?
                .query_row([&doc.id], |r| r.get(0))
                .optional()?;
            if let Some(existing_sha256) = holder {
                let collision = IdCollision {
                    id: doc.id.clone(),
                    sha256: doc.sha256.clone(),
                    existing_sha256,
                };
                tracing::warn!(%collision, "document refused");
                out.collisions.push(collision);
                continue;
            }
            rows::insert_document(&tx, new, now, staged)?;
            if let Some(a) = &new.analysis {
                analysis::insert_analysis(&tx, &doc.id, a)?;
            }
            out.inserted.push(doc.id.clone());
        }
        tx.commit()?;
        Ok(out)
    }

    /// Run `f` inside one read transaction (a consistent snapshot), unless a
    /// transaction is already open on this connection.
    fn read<T>(&self, f: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
        if !self.conn.is_autocommit() {
            return f();
        }
        let tx = self.conn.unchecked_transaction()?;
        let value = f()?;
        tx.commit()?;
        Ok(value)
    }

    /// Begin a write transaction that takes the write lock up front
    /// (IMMEDIATE), so what it reads cannot be changed by a concurrent writer
    /// before it commits.
    fn write(&mut self) -> Result<Transaction<'_>, StoreError> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// Refuse an analysis that does not fit its document (caller bug).
fn check(id: &str, text: &str, a: &StoredAnalysis) -> Result<(), StoreError> {
    analysis::check_analysis(text, &a.analysis).map_err(|reason| StoreError::InvalidAnalysis {
        id: id.to_string(),
        reason,
    })
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Ids (in id order) of the documents, staged ones included, with no
/// analysis or one older than `version`.
fn backlog(conn: &Connection, version: u32) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(
        // The planner, without statistics, would rather scan every row in
        // id order than sort the few it finds by the index (migration 14).
        "SELECT id FROM documents INDEXED BY documents_analysis_version \
         WHERE analysis_version IS NULL OR analysis_version < ?1 ORDER BY id",
    )?;
    let ids = stmt.query_map([version], |r| r.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}

/// Replace analyses (see [`Store::save_analyses`]). The caller holds the
/// transaction.
fn save_analyses_in(
    conn: &Connection,
    analyses: &[(String, StoredAnalysis)],
) -> Result<usize, StoreError> {
    let mut saved = 0;
    for (id, a) in analyses {
        match analysis::analysis_version(conn, id)? {
            None => continue,
            Some(Some(v)) if v >= a.version => continue,
            Some(_) => {}
        }
        check(id, &analysis::document_text(conn, id)?, a)?;
        analysis::delete_analysis(conn, id)?;
        analysis::insert_analysis(conn, id, a)?;
        saved += 1;
    }
    Ok(saved)
}

/// Replace every story's findings with what `compute` finds, reading the
/// stories in batches of about [`CORROBORATE_BATCH_DOCS`] documents (see
/// [`Store::recorroborate`]). The caller holds the transaction.
/// Corroborate the stored stories (`only` these, when given: the others
/// keep their findings), in story order, in batches.
fn corroborate_stories(
    conn: &Connection,
    compute: &mut Corroborate<'_>,
    only: Option<&HashSet<String>>,
) -> Result<usize, StoreError> {
    let mut ids = corroboration::story_ids(conn)?;
    match only {
        None => corroboration::delete_all(conn)?,
        Some(changed) => ids.retain(|id| changed.contains(id)),
    }
    let mut batch: Vec<(String, Vec<StoryDocument>)> = Vec::new();
    let mut docs_in_batch = 0;
    for (n, id) in ids.iter().enumerate() {
        let docs = corroboration::story_documents(conn, id)?;
        docs_in_batch += docs.len();
        batch.push((id.clone(), docs));
        let last = n + 1 == ids.len();
        if last || docs_in_batch >= CORROBORATE_BATCH_DOCS {
            let wanted: Vec<String> = batch.iter().map(|(id, _)| id.clone()).collect();
            let findings = compute(std::mem::take(&mut batch))?;
            docs_in_batch = 0;
            if findings.len() != wanted.len() {
                return Err(StoreError::InvalidCorroboration(format!(
                    "findings of {} stories returned for {}",
                    findings.len(),
                    wanted.len()
                )));
            }
            for (f, id) in findings.iter().zip(&wanted) {
                if &f.story_id != id {
                    return Err(StoreError::InvalidCorroboration(format!(
                        "findings of story {} returned for story {id}",
                        f.story_id
                    )));
                }
                corroboration::write_findings(conn, f)?;
            }
        }
    }
    Ok(ids.len())
}

impl Store for SqliteStore {
    fn known_sha256(&self, sha256: &[String]) -> Result<HashSet<String>, StoreError> {
        self.read(|| {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT 1 FROM documents WHERE sha256 = ?1")?;
            let mut known = HashSet::new();
            for h in sha256 {
                if !known.contains(h) && stmt.exists([h])? {
                    known.insert(h.clone());
                }
            }
            Ok(known)
        })
    }

    fn insert_documents(&mut self, docs: &[NewDocument]) -> Result<InsertOutcome, StoreError> {
        self.insert(docs, false)
    }

    fn stage_documents(&mut self, docs: &[NewDocument]) -> Result<InsertOutcome, StoreError> {
        self.insert(docs, true)
    }

    fn finding_totals(&self) -> Result<crate::FindingTotals, StoreError> {
        self.read(|| {
            let mut t = crate::FindingTotals::default();
            let mut stmt = self
                .conn
                .prepare("SELECT status, COUNT(*) FROM story_claims GROUP BY status")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
            for row in rows {
                let (status, n) = row?;
                let n = n.max(0) as usize;
                t.claims += n;
                match status.as_str() {
                    "corroborated" => t.corroborated += n,
                    "single_source" => t.single_source += n,
                    "contested" => t.contested += n,
                    _ => {}
                }
            }
            let conflicts: i64 =
                self.conn
                    .query_row("SELECT COUNT(*) FROM role_conflicts", [], |r| r.get(0))?;
            t.role_conflicts = conflicts.max(0) as usize;
            Ok(t)
        })
    }

    fn stored_urls(&self, urls: &[String]) -> Result<HashSet<String>, StoreError> {
        self.read(|| fetchlog::stored_urls(&self.conn, urls))
    }

    fn record_fetches(
        &mut self,
        fetches: &[FetchRecord],
        validators: &[(String, Validators)],
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        fetchlog::insert_fetches(&tx, fetches, validators, unix_now())?;
        tx.commit()?;
        Ok(())
    }

    fn validators(&self, url: &str) -> Result<Option<Validators>, StoreError> {
        fetchlog::validators(&self.conn, url)
    }

    fn fetch_log(&self, url: Option<&str>, limit: usize) -> Result<Vec<FetchRecord>, StoreError> {
        fetchlog::fetch_log(&self.conn, url, limit)
    }

    fn sources(&self) -> Result<Vec<SourceStatus>, StoreError> {
        self.read(|| fetchlog::sources(&self.conn))
    }

    fn staged_documents(&self) -> Result<usize, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM documents WHERE staged = 1", [], |r| {
                r.get(0)
            })?)
    }

    fn list_documents(&self) -> Result<Vec<DocumentSummary>, StoreError> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM documents WHERE {PUBLISHED} \
             ORDER BY published IS NULL, published, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], rows::summary_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn get_document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        let wanted = id.trim().to_ascii_lowercase();
        if wanted.is_empty() {
            return Ok(None);
        }
        self.read(|| {
            if let Some(doc) = self.load_document(&wanted)? {
                return Ok(Some(doc));
            }
            if wanted.len() < MIN_PREFIX || !rows::is_lower_hex(&wanted) {
                return Ok(None);
            }
            // Ids are prefixes of sha256, so one prefix search on sha256
            // covers id prefixes, longer prefixes and the exact sha256.
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT id FROM documents WHERE sha256 GLOB ?1 AND {PUBLISHED} \
                     ORDER BY id LIMIT ?2"
            ))?;
            let pattern = format!("{wanted}*");
            let ids = stmt
                .query_map(params![pattern, MAX_CANDIDATES + 1], |r| {
                    r.get::<_, String>(0)
                })?
                .collect::<Result<Vec<_>, _>>()?;
            match ids.as_slice() {
                [] => Ok(None),
                [only] => self.load_document(only),
                _ => {
                    let mut candidates = ids;
                    if candidates.len() > MAX_CANDIDATES {
                        candidates.truncate(MAX_CANDIDATES);
                        candidates.push("…".to_string());
                    }
                    Err(StoreError::AmbiguousId {
                        prefix: wanted.clone(),
                        candidates,
                    })
                }
            }
        })
    }

    fn for_each_document(
        &self,
        f: &mut dyn FnMut(Document) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.read(|| {
            let sql =
                format!("SELECT {DOCUMENT_COLUMNS} FROM documents WHERE {PUBLISHED} ORDER BY id");
            let mut stmt = self.conn.prepare(&sql)?;
            let mut up = self.conn.prepare_cached(UPSTREAM_SQL)?;
            let mut found = stmt.query([])?;
            while let Some(row) = found.next()? {
                let mut doc = rows::document_from_row(row)?;
                doc.upstream_sources = rows::upstream_sources(&mut up, &doc.id)?;
                f(doc)?;
            }
            Ok(())
        })
    }

    fn count_documents(&self) -> Result<usize, StoreError> {
        Ok(self.conn.query_row(
            &format!("SELECT count(*) FROM documents WHERE {PUBLISHED}"),
            [],
            |r| r.get(0),
        )?)
    }

    fn line_recurrence(
        &self,
        outlet_key: &str,
        fingerprints: &[u64],
    ) -> Result<HashMap<u64, u32>, StoreError> {
        self.read(|| {
            let mut stmt = self.conn.prepare_cached(
                "SELECT count(*) FROM page_lines WHERE outlet_key = ?1 AND fingerprint = ?2",
            )?;
            let mut counts = HashMap::new();
            for &fp in fingerprints {
                if counts.contains_key(&fp) {
                    continue;
                }
                let n: u32 = stmt
                    .query_row(params![outlet_key, rows::fingerprint_to_sql(fp)], |r| {
                        r.get(0)
                    })?;
                if n > 0 {
                    counts.insert(fp, n);
                }
            }
            Ok(counts)
        })
    }

    fn search(
        &self,
        query: &crate::SearchQuery,
        offset: usize,
        limit: usize,
    ) -> Result<crate::SearchPage, StoreError> {
        self.read(|| crate::search::search(&self.conn, query, offset, limit))
    }

    fn snapshot(&self, f: &mut dyn FnMut() -> Result<(), StoreError>) -> Result<(), StoreError> {
        self.read(f)
    }

    fn analysis_backlog(&self, version: u32) -> Result<Vec<String>, StoreError> {
        backlog(&self.conn, version)
    }

    fn save_analyses(
        &mut self,
        analyses: &[(String, StoredAnalysis)],
    ) -> Result<usize, StoreError> {
        let tx = self.write()?;
        let saved = save_analyses_in(&tx, analyses)?;
        tx.commit()?;
        Ok(saved)
    }

    fn get_analysis(&self, id: &str) -> Result<Option<StoredAnalysis>, StoreError> {
        self.read(|| {
            let Some(Some(version)) = analysis::analysis_version(&self.conn, id)? else {
                return Ok(None);
            };
            Ok(Some(StoredAnalysis {
                version,
                analysis: analysis::load_analysis(&self.conn, id)?,
            }))
        })
    }

    fn for_each_analysis(
        &self,
        f: &mut dyn FnMut(AnalysedDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.read(|| analysis::for_each_analysis(&self.conn, f, true))
    }

    fn replace_links(&mut self, links: &Links) -> Result<(), StoreError> {
        let tx = self.write()?;
        links_write::write_links(&tx, links)?;
        tx.commit()?;
        Ok(())
    }

    fn relink(
        &mut self,
        compute: &mut dyn FnMut(&dyn LinkSource) -> Result<Links, StoreError>,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        let links = compute(&analysis::LinkView(&tx))?;
        links_write::write_links(&tx, &links)?;
        tx.commit()?;
        Ok(())
    }

    fn for_each_cluster_document(
        &self,
        f: &mut dyn FnMut(ClusterDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.read(|| stories::for_each_cluster_document(&self.conn, f, true))
    }

    fn replace_clustering(&mut self, clustering: &StoryClustering) -> Result<(), StoreError> {
        let tx = self.write()?;
        stories::write_clustering(&tx, clustering, None)?;
        tx.commit()?;
        Ok(())
    }

    fn recluster(
        &mut self,
        compute: &mut dyn FnMut(&dyn ClusterSource) -> Result<StoryClustering, StoreError>,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        let clustering = compute(&stories::Source(&tx))?;
        stories::write_clustering(&tx, &clustering, None)?;
        tx.commit()?;
        Ok(())
    }

    fn for_each_story(
        &self,
        f: &mut dyn FnMut(StoryRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.read(|| stories::for_each_story(&self.conn, f))
    }

    fn story(&self, id: &str) -> Result<Option<crate::StoryRecord>, StoreError> {
        self.read(|| stories::story(&self.conn, id))
    }

    fn story_ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>, StoreError> {
        stories::story_ids_with_prefix(&self.conn, prefix, limit)
    }

    fn story_list(
        &self,
        filter: &crate::StoryListFilter,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<crate::StoryListing>, bool), StoreError> {
        self.read(|| stories::story_list(&self.conn, filter, offset, limit))
    }

    fn document_story(&self, id: &str) -> Result<DocumentStory, StoreError> {
        self.read(|| stories::document_story(&self.conn, id))
    }

    fn story_documents(&self, story_id: &str) -> Result<Vec<StoryDocument>, StoreError> {
        self.read(|| corroboration::story_documents(&self.conn, story_id))
    }

    fn replace_corroboration(&mut self, findings: &[StoryFindings]) -> Result<(), StoreError> {
        let tx = self.write()?;
        corroboration::write_corroboration(&tx, findings)?;
        tx.commit()?;
        Ok(())
    }

    fn recorroborate(&mut self, compute: &mut Corroborate<'_>) -> Result<(), StoreError> {
        let tx = self.write()?;
        corroborate_stories(&tx, compute, None)?;
        tx.commit()?;
        Ok(())
    }

    fn rederive(
        &mut self,
        analysis_version: u32,
        derive: &mut dyn Derive,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        let backlog = backlog(&tx, analysis_version)?;
        for ids in backlog.chunks(DERIVE_ANALYSES) {
            let mut docs = Vec::with_capacity(ids.len());
            for id in ids {
                docs.extend(rows::load_document(&tx, id, false)?);
            }
            let analyses = derive.analyses(docs)?;
            save_analyses_in(&tx, &analyses)?;
        }
        let keep = derive.findings_version();
        let t = std::time::Instant::now();
        let update = match &keep {
            Some(_) => derive.link_update(&link_state::LinkStateView(&tx))?,
            None => None,
        };
        match update {
            Some(update) => {
                tracing::debug!(seconds = t.elapsed().as_secs_f64(), "link update computed");
                let t = std::time::Instant::now();
                link_state::write_update(&tx, &update)?;
                derive.links_written(&link_state::LinkStateView(&tx))?;
                tracing::debug!(seconds = t.elapsed().as_secs_f64(), "link update written");
            }
            None => {
                let links = derive.links(&analysis::LinkView(&tx))?;
                tracing::debug!(seconds = t.elapsed().as_secs_f64(), "links computed");
                let t = std::time::Instant::now();
                links_write::write_links(&tx, &links)?;
                link_state::fill_keys(&tx)?;
                tracing::debug!(seconds = t.elapsed().as_secs_f64(), "links written");
            }
        }
        let t = std::time::Instant::now();
        let update = match &keep {
            Some(_) => derive.cluster_update(&cluster_state::StateView(&tx))?,
            None => None,
        };
        let changed = match (update, &keep) {
            (Some(update), Some(findings_version)) => {
                tracing::debug!(
                    seconds = t.elapsed().as_secs_f64(),
                    "cluster update computed"
                );
                let t = std::time::Instant::now();
                let written = cluster_state::write_update(&tx, &update, findings_version)?;
                derive.cluster_written(&cluster_state::StateView(&tx))?;
                tracing::debug!(
                    seconds = t.elapsed().as_secs_f64(),
                    "cluster update written"
                );
                Some(written)
            }
            _ => {
                let (clustering, snapshot) = derive.clustering(&stories::Source(&tx))?;
                tracing::debug!(seconds = t.elapsed().as_secs_f64(), "clustering computed");
                let t = std::time::Instant::now();
                let changed = stories::write_clustering(&tx, &clustering, keep.as_deref())?;
                let ids: Vec<String> = clustering.stories.iter().map(|s| s.id.clone()).collect();
                cluster_state::write_snapshot(&tx, &snapshot, &ids)?;
                tracing::debug!(seconds = t.elapsed().as_secs_f64(), "clustering written");
                changed
            }
        };
        corroborate_stories(&tx, &mut |batch| derive.findings(batch), changed.as_ref())?;
        tx.execute("UPDATE documents SET staged = 0 WHERE staged = 1", [])?;
        tx.commit()?;
        Ok(())
    }

    fn story_findings(&self, story_id: &str) -> Result<FindingsRecord, StoreError> {
        self.read(|| corroboration::story_findings(&self.conn, story_id))
    }

    fn for_each_speaker_quote(
        &self,
        entity_id: &str,
        f: &mut dyn FnMut(QuoteRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.read(|| analysis::for_each_quote_of(&self.conn, None, Some(entity_id), f))
    }

    fn entity(&self, id: &str) -> Result<Option<crate::EntityRecord>, StoreError> {
        self.read(|| analysis::entity(&self.conn, id))
    }

    fn entity_list(
        &self,
        name: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<crate::EntityListing>, usize), StoreError> {
        self.read(|| analysis::entity_list(&self.conn, name, offset, limit))
    }

    fn for_each_story_quote(
        &self,
        story_id: &str,
        f: &mut dyn FnMut(QuoteRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.read(|| analysis::for_each_quote(&self.conn, Some(story_id), f))
    }

    fn for_each_entity(
        &self,
        f: &mut dyn FnMut(EntityRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.read(|| analysis::for_each_entity(&self.conn, f))
    }

    fn for_each_quote(
        &self,
        f: &mut dyn FnMut(QuoteRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.read(|| analysis::for_each_quote(&self.conn, None, f))
    }

    fn for_each_claim(
        &self,
        filter: &ClaimFilter,
        f: &mut dyn FnMut(ClaimRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.read(|| claims::for_each_claim(&self.conn, filter, f))
    }
}

#[cfg(test)]
mod tests;
