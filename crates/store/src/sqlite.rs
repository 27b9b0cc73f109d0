//! [`SqliteStore`]: the embedded backend of [`Store`].

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crosscheck_model::Document;

use crate::analysis;
use crate::rows::{self, DOCUMENT_COLUMNS, MIN_PREFIX, SUMMARY_COLUMNS, UPSTREAM_SQL};
use crate::schema;
use crate::{
    AnalysedDocument, DocumentSummary, EntityRecord, IdCollision, InsertOutcome, Links,
    NewDocument, QuoteRecord, Store, StoreError, StoredAnalysis,
};

/// Most candidates listed by [`StoreError::AmbiguousId`].
const MAX_CANDIDATES: usize = 10;

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
        let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut found = stmt.query([id])?;
        let Some(row) = found.next()? else {
            return Ok(None);
        };
        let mut doc = rows::document_from_row(row)?;
        let mut up = self.conn.prepare_cached(UPSTREAM_SQL)?;
        doc.upstream_sources = rows::upstream_sources(&mut up, &doc.id)?;
        Ok(Some(doc))
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
        for new in docs {
            rows::validate(&new.doc)?;
            if let Some(a) = &new.analysis {
                check(&new.doc.id, &new.doc.text, a)?;
            }
        }
        let now = unix_now();
        // IMMEDIATE: take the write lock up front, so the existence checks
        // below cannot be invalidated by a concurrent writer.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
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
            rows::insert_document(&tx, new, now)?;
            if let Some(a) = &new.analysis {
                analysis::insert_analysis(&tx, &doc.id, a)?;
            }
            out.inserted.push(doc.id.clone());
        }
        tx.commit()?;
        Ok(out)
    }

    fn list_documents(&self) -> Result<Vec<DocumentSummary>, StoreError> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM documents \
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
            let mut stmt = self.conn.prepare_cached(
                "SELECT id FROM documents WHERE sha256 GLOB ?1 ORDER BY id LIMIT ?2",
            )?;
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
            let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY id");
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
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?)
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

    fn snapshot(&self, f: &mut dyn FnMut() -> Result<(), StoreError>) -> Result<(), StoreError> {
        self.read(f)
    }

    fn analysis_backlog(&self, version: u32) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM documents \
             WHERE analysis_version IS NULL OR analysis_version < ?1 ORDER BY id",
        )?;
        let ids = stmt.query_map([version], |r| r.get(0))?;
        Ok(ids.collect::<Result<_, _>>()?)
    }

    fn save_analyses(
        &mut self,
        analyses: &[(String, StoredAnalysis)],
    ) -> Result<usize, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut saved = 0;
        for (id, a) in analyses {
            match analysis::analysis_version(&tx, id)? {
                None => continue,
                Some(Some(v)) if v >= a.version => continue,
                Some(_) => {}
            }
            check(id, &analysis::document_text(&tx, id)?, a)?;
            analysis::delete_analysis(&tx, id)?;
            analysis::insert_analysis(&tx, id, a)?;
            saved += 1;
        }
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
        self.read(|| analysis::for_each_analysis(&self.conn, f))
    }

    fn replace_links(&mut self, links: &Links) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        analysis::write_links(&tx, links)?;
        tx.commit()?;
        Ok(())
    }

    fn relink(
        &mut self,
        compute: &mut dyn FnMut(&[AnalysedDocument]) -> Result<Links, StoreError>,
    ) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut docs = Vec::new();
        analysis::for_each_analysis(&tx, &mut |d| {
            docs.push(d);
            Ok(())
        })?;
        let links = compute(&docs)?;
        analysis::write_links(&tx, &links)?;
        tx.commit()?;
        Ok(())
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
        self.read(|| analysis::for_each_quote(&self.conn, f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LATEST_VERSION;
    use crosscheck_model::{document_id, sha256_hex, InputFormat, PageLines, UpstreamSource};

    fn new_doc(raw: &str) -> NewDocument {
        let sha256 = sha256_hex(raw.as_bytes());
        NewDocument {
            doc: Document {
                id: document_id(&sha256),
                source: format!("{raw}.txt"),
                sha256,
                format: InputFormat::PageText,
                url: None,
                outlet: Some("Outlet".into()),
                title: Some(raw.into()),
                author: None,
                published: None,
                date_evidence: Default::default(),
                language: Some("en".into()),
                text: format!("Text of {raw}."),
                upstream_sources: vec![UpstreamSource {
                    name: "Wire".into(),
                    cue: "according to".into(),
                    start: 0,
                    end: 4,
                }],
                removed: Default::default(),
                removed_lines: vec![],
                confidence: 0.5,
                warnings: vec![],
            },
            page_lines: Some(PageLines {
                outlet_key: "outlet".into(),
                fingerprints: vec![1, 2],
            }),
            analysis: None,
        }
    }

    fn count(store: &SqliteStore, table: &str) -> i64 {
        let sql = format!("SELECT count(*) FROM {table}");
        store.conn.query_row(&sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_sql_error_mid_batch_rolls_back_the_whole_batch() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        // Make the second document of the batch fail inside SQLite.
        store
            .conn
            .execute_batch(
                "CREATE TRIGGER fail_b BEFORE INSERT ON documents WHEN NEW.title = 'b' \
                 BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;",
            )
            .unwrap();
        let batch = [new_doc("a"), new_doc("b"), new_doc("c")];
        let err = store.insert_documents(&batch).unwrap_err();
        assert!(err.to_string().contains("simulated failure"), "{err}");
        for table in ["documents", "upstream_sources", "page_lines"] {
            assert_eq!(count(&store, table), 0, "{table}");
        }
        // The connection is usable afterwards and the batch can be retried.
        store.conn.execute_batch("DROP TRIGGER fail_b").unwrap();
        let out = store.insert_documents(&batch).unwrap();
        assert_eq!(out.inserted.len(), 3);
        assert_eq!(count(&store, "upstream_sources"), 3);
        assert_eq!(count(&store, "page_lines"), 6);
    }

    #[test]
    fn an_invalid_document_refuses_the_batch_before_writing() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let mut bad = new_doc("bad");
        bad.doc.id = "zz".into();
        let err = store.insert_documents(&[new_doc("ok"), bad]).unwrap_err();
        assert!(matches!(err, StoreError::InvalidDocument { .. }), "{err}");
        assert_eq!(store.count_documents().unwrap(), 0);
    }

    #[test]
    fn words_column_holds_the_word_count() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let d = new_doc("w");
        store.insert_documents(std::slice::from_ref(&d)).unwrap();
        let words: i64 = store
            .conn
            .query_row("SELECT words FROM documents", [], |r| r.get(0))
            .unwrap();
        assert_eq!(words as usize, d.doc.word_count());
        assert_eq!(store.list_documents().unwrap()[0].words, 3);
    }

    // ---- analyses and links ----

    use crate::{AnalysedDocument, Links, QuoteVariant, StoredAnalysis};
    use crosscheck_model::{
        DocAnalysis, DocEntity, DocQuote, EntityKind, Gender, LinkedEntity, Mention, MentionKind,
        QuoteKind, Span,
    };

    const SAID: &str = "Ann Lee said: \"We will stay.\" She added: \"Bob said 'go'.\"";

    fn said_doc(raw: &str) -> NewDocument {
        let mut d = new_doc(raw);
        d.doc.text = SAID.to_string();
        d
    }

    fn span_of(needle: &str) -> Span {
        let start = SAID.find(needle).unwrap();
        Span::new(start, start + needle.len())
    }

    fn sample_analysis() -> DocAnalysis {
        let ann = span_of("Ann Lee");
        let she = span_of("She");
        let bob = span_of("Bob");
        DocAnalysis {
            entities: vec![
                DocEntity {
                    name: "Ann Lee".into(),
                    kind: EntityKind::Person,
                    aliases: vec!["Lee".into()],
                    roles: vec!["Mayor".into()],
                    gender: Some(Gender::Female),
                    mentions: vec![
                        Mention {
                            start: ann.start,
                            end: ann.end,
                            kind: MentionKind::Name,
                        },
                        Mention {
                            start: she.start,
                            end: she.end,
                            kind: MentionKind::Pronoun,
                        },
                    ],
                },
                DocEntity {
                    name: "Bob".into(),
                    kind: EntityKind::Person,
                    aliases: vec![],
                    roles: vec![],
                    gender: None,
                    mentions: vec![Mention {
                        start: bob.start,
                        end: bob.end,
                        kind: MentionKind::Name,
                    }],
                },
            ],
            quotes: vec![
                DocQuote {
                    kind: QuoteKind::Direct,
                    content: span_of("We will stay."),
                    source: Some(ann),
                    cue: Some(span_of("said")),
                    speaker: Some(0),
                    speaker_note: None,
                    nested_in: None,
                    continues: None,
                },
                DocQuote {
                    kind: QuoteKind::Direct,
                    content: span_of("Bob said 'go'."),
                    source: Some(she),
                    cue: Some(span_of("added")),
                    speaker: Some(0),
                    speaker_note: None,
                    nested_in: None,
                    continues: Some(0),
                },
                DocQuote {
                    kind: QuoteKind::Partial,
                    content: span_of("go"),
                    source: Some(bob),
                    cue: None,
                    speaker: Some(1),
                    speaker_note: None,
                    nested_in: Some(1),
                    continues: None,
                },
                DocQuote {
                    kind: QuoteKind::Indirect,
                    content: span_of("We will stay"),
                    source: None,
                    cue: None,
                    speaker: None,
                    speaker_note: Some("no source in the text".into()),
                    nested_in: None,
                    continues: None,
                },
            ],
        }
    }

    fn analysed(raw: &str, version: u32) -> NewDocument {
        let mut d = said_doc(raw);
        d.analysis = Some(StoredAnalysis {
            version,
            analysis: sample_analysis(),
        });
        d
    }

    #[test]
    fn an_analysis_is_stored_with_its_document_and_read_back_unchanged() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let d = analysed("a", 3);
        let plain = said_doc("b");
        store.insert_documents(&[d.clone(), plain.clone()]).unwrap();
        let got = store.get_analysis(&d.doc.id).unwrap().unwrap();
        assert_eq!(got, d.analysis.clone().unwrap());
        assert_eq!(store.get_analysis(&plain.doc.id).unwrap(), None);
        assert_eq!(store.get_analysis("ffffffffffff").unwrap(), None);
        // Not analysed, or analysed by an older version: in the backlog.
        assert_eq!(
            store.analysis_backlog(3).unwrap(),
            vec![plain.doc.id.clone()]
        );
        let mut older = vec![plain.doc.id.clone(), d.doc.id.clone()];
        older.sort();
        assert_eq!(store.analysis_backlog(4).unwrap(), older);
        let mut seen = Vec::new();
        store
            .for_each_analysis(&mut |a| {
                seen.push(a);
                Ok(())
            })
            .unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].id, d.doc.id);
        assert_eq!(seen[0].text, SAID);
        assert_eq!(seen[0].outlet.as_deref(), Some("Outlet"));
        assert_eq!(seen[0].analysis, sample_analysis());
    }

    #[test]
    fn an_analysis_that_does_not_fit_its_text_refuses_the_batch() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let mut bad = analysed("bad", 1);
        bad.analysis.as_mut().unwrap().analysis.quotes[0].content = Span::new(0, 10_000);
        let err = store
            .insert_documents(&[analysed("ok", 1), bad])
            .unwrap_err();
        assert!(matches!(err, StoreError::InvalidAnalysis { .. }), "{err}");
        assert_eq!(store.count_documents().unwrap(), 0);
        let mut bad = analysed("bad", 1);
        bad.analysis.as_mut().unwrap().analysis.quotes[0].speaker = Some(7);
        assert!(store.insert_documents(&[bad]).is_err());
        // Mid-character span.
        let mut d = analysed("utf8", 1);
        d.doc.text = "é".into();
        let a = &mut d.analysis.as_mut().unwrap().analysis;
        a.entities.clear();
        a.quotes.truncate(1);
        a.quotes[0] = DocQuote {
            speaker: None,
            source: None,
            cue: None,
            continues: None,
            content: Span::new(0, 1),
            ..a.quotes[0].clone()
        };
        assert!(store.insert_documents(&[d]).is_err());
    }

    #[test]
    fn save_analyses_replaces_older_analyses_and_keeps_newer_ones() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let d = said_doc("a");
        let id = d.doc.id.clone();
        store.insert_documents(&[d]).unwrap();
        let v1 = StoredAnalysis {
            version: 1,
            analysis: sample_analysis(),
        };
        assert_eq!(store.save_analyses(&[(id.clone(), v1.clone())]).unwrap(), 1);
        assert_eq!(store.get_analysis(&id).unwrap().unwrap(), v1);
        // Same version again, or older: left alone. Unknown documents: skipped.
        let empty = StoredAnalysis {
            version: 1,
            analysis: DocAnalysis::default(),
        };
        assert_eq!(
            store
                .save_analyses(&[(id.clone(), empty), ("ffffffffffff".into(), v1.clone())])
                .unwrap(),
            0
        );
        assert_eq!(store.get_analysis(&id).unwrap().unwrap(), v1);
        let v2 = StoredAnalysis {
            version: 2,
            analysis: DocAnalysis::default(),
        };
        assert_eq!(store.save_analyses(&[(id.clone(), v2.clone())]).unwrap(), 1);
        assert_eq!(store.get_analysis(&id).unwrap().unwrap(), v2);
        for table in ["doc_entities", "entity_mentions", "quotes"] {
            assert_eq!(count(&store, table), 0, "{table}");
        }
        assert!(store.analysis_backlog(2).unwrap().is_empty());
    }

    fn links_for(a: &str, b: &str) -> Links {
        Links {
            entities: vec![
                LinkedEntity {
                    id: "person-ann-lee".into(),
                    name: "Ann Lee".into(),
                    kind: EntityKind::Person,
                    aliases: vec!["Lee".into(), "Mayor Lee".into()],
                    members: vec![(a.into(), 0), (b.into(), 0)],
                },
                LinkedEntity {
                    id: "person-bob".into(),
                    name: "Bob".into(),
                    kind: EntityKind::Person,
                    aliases: vec![],
                    members: vec![(a.into(), 1)],
                },
            ],
            variants: vec![QuoteVariant {
                document_id: b.into(),
                quote: 0,
                variant_of_document: a.into(),
                variant_of_quote: 0,
            }],
        }
    }

    #[test]
    fn links_are_replaced_as_a_whole_and_resolve_speakers_and_variants() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let (da, mut db) = (analysed("a", 1), analysed("b", 1));
        db.doc.published = Some("2026-01-02".into());
        let (a, b) = (da.doc.id.clone(), db.doc.id.clone());
        store.insert_documents(&[da, db]).unwrap();
        store.replace_links(&links_for(&a, &b)).unwrap();
        let entities = store.entities().unwrap();
        assert_eq!(entities.len(), 2);
        let ann = &entities[0];
        assert_eq!(ann.id, "person-ann-lee");
        assert_eq!(ann.aliases, vec!["Lee", "Mayor Lee"]);
        // Dated members first.
        assert_eq!(ann.members[0].document_id, b);
        assert_eq!(ann.members[0].published.as_deref(), Some("2026-01-02"));
        assert_eq!(ann.members[1].document_id, a);
        assert_eq!(ann.members[1].entity, sample_analysis().entities[0]);

        let quotes = store.quotes().unwrap();
        assert_eq!(quotes.len(), 8);
        let q = quotes
            .iter()
            .find(|q| q.document_id == b && q.index == 0)
            .unwrap();
        assert_eq!(q.text, "We will stay.");
        assert_eq!(q.cue.as_deref(), Some("said"));
        assert_eq!(q.source.as_deref(), Some("Ann Lee"));
        let sp = q.speaker.as_ref().unwrap();
        assert_eq!(sp.entity_id.as_deref(), Some("person-ann-lee"));
        assert_eq!(sp.name, "Ann Lee");
        assert_eq!(sp.roles, vec!["Mayor"]);
        assert_eq!(q.variant_of, Some((a.clone(), 0)));
        // Bob is linked in a only.
        let bob_b = quotes
            .iter()
            .find(|q| q.document_id == b && q.index == 2)
            .unwrap();
        assert_eq!(bob_b.speaker.as_ref().unwrap().entity_id, None);
        assert_eq!(bob_b.speaker.as_ref().unwrap().name, "Bob");
        assert_eq!(bob_b.quote.nested_in, Some(1));
        let unattributed = quotes.iter().find(|q| q.index == 3).unwrap();
        assert!(unattributed.speaker.is_none());

        // Replacing drops what is not in the new links.
        store.replace_links(&Links::default()).unwrap();
        assert!(store.entities().unwrap().is_empty());
        assert!(store
            .quotes()
            .unwrap()
            .iter()
            .all(|q| q.variant_of.is_none()
                && q.speaker.as_ref().is_none_or(|s| s.entity_id.is_none())));
        // A member that names no stored entity refuses the whole replacement.
        store.replace_links(&links_for(&a, &b)).unwrap();
        let mut broken = links_for(&a, &b);
        broken.entities[1].members.push((a.clone(), 9));
        assert!(store.replace_links(&broken).is_err());
        assert_eq!(store.entities().unwrap().len(), 2);
        assert_eq!(count(&store, "quote_variants"), 1);
    }

    #[test]
    fn relink_sees_every_analysed_document_and_a_failure_keeps_the_old_links() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let (da, db) = (analysed("a", 1), analysed("b", 1));
        let (a, b) = (da.doc.id.clone(), db.doc.id.clone());
        store.insert_documents(&[da, db, said_doc("c")]).unwrap();
        let mut ids = Vec::new();
        store
            .relink(&mut |docs: &[AnalysedDocument]| {
                ids = docs.iter().map(|d| d.id.clone()).collect();
                Ok(links_for(&a, &b))
            })
            .unwrap();
        let mut want = vec![a.clone(), b.clone()];
        want.sort();
        assert_eq!(ids, want);
        assert_eq!(store.entities().unwrap().len(), 2);
        let err = store
            .relink(&mut |_| Err(StoreError::Aborted("linker failed".into())))
            .unwrap_err();
        assert!(err.to_string().contains("linker failed"));
        assert_eq!(store.entities().unwrap().len(), 2);
        // Re-analysing a document drops its links with its old analysis.
        let v2 = StoredAnalysis {
            version: 2,
            analysis: DocAnalysis::default(),
        };
        store.save_analyses(&[(a.clone(), v2)]).unwrap();
        let entities = store.entities().unwrap();
        assert_eq!(entities.iter().map(|e| e.members.len()).sum::<usize>(), 1);
        assert_eq!(count(&store, "quote_variants"), 0);
    }

    #[test]
    fn a_schema_1_database_is_migrated_and_its_documents_are_in_the_backlog() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let old = new_doc("old");
        {
            // A database as the first release wrote it: migration 1 only.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(schema::MIGRATIONS[0].sql).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            conn.pragma_update(None, "application_id", schema::APPLICATION_ID)
                .unwrap();
            rows::insert_document(&conn, &old, 0).unwrap();
        }
        let mut store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
        assert_eq!(store.get_document(&old.doc.id).unwrap().unwrap(), old.doc);
        assert_eq!(store.analysis_backlog(1).unwrap(), vec![old.doc.id.clone()]);
        assert_eq!(store.get_analysis(&old.doc.id).unwrap(), None);
        let empty = StoredAnalysis {
            version: 1,
            analysis: DocAnalysis::default(),
        };
        assert_eq!(
            store
                .save_analyses(&[(old.doc.id.clone(), empty.clone())])
                .unwrap(),
            1
        );
        assert_eq!(store.get_analysis(&old.doc.id).unwrap(), Some(empty));
        assert!(store.analysis_backlog(1).unwrap().is_empty());
        drop(store);
        // Opening again is a no-op.
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
        assert!(store.analysis_backlog(1).unwrap().is_empty());
    }
}
