//! The result of the cluster stage (the tables of migration 4): the
//! documents as the stage reads them, and the stories, episodes and copies it
//! finds, replaced as a whole.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension};

use crate::rows::PUBLISHED;
use crate::NewStory;

use crosscheck_model::EntityKind;

use crate::{
    ClusterDocument, ClusterSource, CopyGroup, CopyOf, DocumentStory, EpisodeRecord, StoreError,
    StoryClustering, StoryListFilter, StoryListing, StoryMember, StoryRecord,
};

/// Characters of a stored date the cluster stage reads (`YYYY-MM-DD`).
const DATE_CHARS: usize = 10;

/// The documents of the open transaction of `conn`, as a [`ClusterSource`].
pub(crate) struct Source<'a>(pub(crate) &'a Connection);

impl ClusterSource for Source<'_> {
    fn for_each_cluster_document(
        &self,
        f: &mut dyn FnMut(ClusterDocument) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        for_each_cluster_document(self.0, f, false)
    }
}

/// A stored date cut to its day; `None` when empty.
fn day(published: Option<String>) -> Option<String> {
    let p = published?;
    let d: String = p.trim().chars().take(DATE_CHARS).collect();
    (!d.is_empty()).then_some(d)
}

/// Every document in id order (with `published_only`, not the staged ones),
/// with the canonical names of the people, organisations and places it
/// names (linked name, else its own; each once).
pub(crate) fn for_each_cluster_document(
    conn: &Connection,
    f: &mut dyn FnMut(ClusterDocument) -> Result<(), StoreError>,
    published_only: bool,
) -> Result<(), StoreError> {
    let filter = if published_only { PUBLISHED } else { "1" };
    for_each_cluster_document_where(conn, f, filter)
}

/// [`for_each_cluster_document`] of the documents that meet an SQL
/// condition on `documents`.
pub(crate) fn for_each_cluster_document_where(
    conn: &Connection,
    f: &mut dyn FnMut(ClusterDocument) -> Result<(), StoreError>,
    filter: &str,
) -> Result<(), StoreError> {
    let mut docs = conn.prepare(&format!(
        "SELECT id, published, title, text FROM documents WHERE {filter} ORDER BY id"
    ))?;
    let names_sql = format!(
        "SELECT coalesce(l.name, e.name) FROM doc_entities e \
         LEFT JOIN linked_entity_members m ON m.document_id = e.document_id AND m.entity_idx = e.idx \
         LEFT JOIN linked_entities l ON l.id = m.entity_id \
         WHERE e.document_id = ?1 AND e.kind IN ('{}', '{}', '{}') ORDER BY e.idx",
        EntityKind::Person.as_str(),
        EntityKind::Organization.as_str(),
        EntityKind::Place.as_str()
    );
    let mut names = conn.prepare_cached(&names_sql)?;
    let mut rows = docs.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let mut entities: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut found = names.query([&id])?;
        while let Some(n) = found.next()? {
            let name: String = n.get(0)?;
            if seen.insert(name.clone()) {
                entities.push(name);
            }
        }
        f(ClusterDocument {
            published: day(r.get(1)?),
            title: r.get(2)?,
            text: r.get(3)?,
            entities,
            id,
        })?;
    }
    Ok(())
}

fn invalid(reason: String) -> StoreError {
    StoreError::InvalidClustering(reason)
}

/// Refuse a clustering that breaks an invariant (see
/// [`crate::Store::replace_clustering`]).
fn check(conn: &Connection, c: &StoryClustering) -> Result<(), StoreError> {
    let mut stored = conn.prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?;
    let mut exists = |id: &str| -> Result<(), StoreError> {
        if stored.exists([id])? {
            Ok(())
        } else {
            Err(invalid(format!("document {id} is not stored")))
        }
    };
    let mut story_ids: HashSet<&str> = HashSet::new();
    let mut in_story: HashSet<&str> = HashSet::new();
    for s in &c.stories {
        if !story_ids.insert(&s.id) {
            return Err(invalid(format!("story {} appears twice", s.id)));
        }
        if s.documents.is_empty() {
            return Err(invalid(format!("story {} has no documents", s.id)));
        }
        for d in &s.documents {
            exists(d)?;
            if !in_story.insert(d) {
                return Err(invalid(format!("document {d} is in two stories")));
            }
        }
        let members: HashSet<&str> = s.documents.iter().map(String::as_str).collect();
        let mut in_episode: HashSet<&str> = HashSet::new();
        for (i, e) in s.episodes.iter().enumerate() {
            for d in &e.documents {
                if !members.contains(d.as_str()) {
                    return Err(invalid(format!(
                        "episode {i} of story {} holds document {d}, which is not in the story",
                        s.id
                    )));
                }
                if !in_episode.insert(d) {
                    return Err(invalid(format!("document {d} is in two episodes")));
                }
            }
        }
    }
    let mut copied: HashSet<&str> = HashSet::new();
    for cp in &c.copies {
        exists(&cp.document_id)?;
        exists(&cp.original_id)?;
        if cp.document_id == cp.original_id {
            return Err(invalid(format!(
                "document {} is a copy of itself",
                cp.document_id
            )));
        }
        if !copied.insert(&cp.document_id) {
            return Err(invalid(format!(
                "document {} is a copy twice",
                cp.document_id
            )));
        }
        if !cp.similarity.is_finite() {
            return Err(invalid(format!(
                "copy {}: similarity is not a number",
                cp.document_id
            )));
        }
    }
    Ok(())
}

/// The digest of a story's corroboration input: its documents in order,
/// each one's copy relation and episode, under the version of the stages
/// that compute findings (see migration 12).
fn story_digest(s: &NewStory, copy_of: &HashMap<&str, &str>, version: &str) -> String {
    let mut episode_of: HashMap<&str, usize> = HashMap::new();
    for (idx, e) in s.episodes.iter().enumerate() {
        for d in &e.documents {
            episode_of.insert(d, idx);
        }
    }
    let mut input = format!("{version}\n{}\n", s.id);
    for d in &s.documents {
        let original = copy_of.get(d.as_str()).copied().unwrap_or("");
        let episode = episode_of
            .get(d.as_str())
            .map_or(String::new(), |e| e.to_string());
        input.push_str(&format!("{d}\t{original}\t{episode}\n"));
    }
    crosscheck_model::sha256_hex(input.as_bytes())
}

/// Replace the stories, episodes and copies. The caller holds the
/// transaction.
///
/// With `keep` (the version of the findings' stages), a story whose digest
/// ([`story_digest`]) is the one stored keeps its row, and with it its
/// findings; its title, dates, position and episodes are rewritten. Every
/// other stored story is deleted with its findings, and the ids of the
/// stories written anew are returned: those, and only those, need their
/// findings computed. Without `keep`, every story is written anew (digests
/// left empty, so none is kept next time) and `None` is returned.
pub(crate) fn write_clustering(
    conn: &Connection,
    c: &StoryClustering,
    keep: Option<&str>,
) -> Result<Option<HashSet<String>>, StoreError> {
    check(conn, c)?;
    crate::cluster_state::clear(conn)?;
    conn.execute_batch(
        "DELETE FROM copies; DELETE FROM episode_documents; DELETE FROM episodes; \
         DELETE FROM story_documents;",
    )?;
    let copy_of: HashMap<&str, &str> = c
        .copies
        .iter()
        .map(|cp| (cp.document_id.as_str(), cp.original_id.as_str()))
        .collect();
    let digests: Vec<Option<String>> = c
        .stories
        .iter()
        .map(|s| keep.map(|v| story_digest(s, &copy_of, v)))
        .collect();
    let mut kept: HashSet<String> = HashSet::new();
    match keep {
        None => conn.execute_batch("DELETE FROM stories;")?,
        Some(_) => {
            let stored: HashMap<String, Option<String>> = conn
                .prepare("SELECT id, digest FROM stories")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            for (s, digest) in c.stories.iter().zip(&digests) {
                if stored
                    .get(&s.id)
                    .is_some_and(|d| d.is_some() && d == digest)
                {
                    kept.insert(s.id.clone());
                }
            }
            let mut delete = conn.prepare_cached("DELETE FROM stories WHERE id = ?1")?;
            for id in stored.keys().filter(|id| !kept.contains(*id)) {
                delete.execute([id])?;
            }
            // Positions are unique: move the kept ones out of the way first.
            conn.execute("UPDATE stories SET position = -1 - position", [])?;
        }
    }
    let mut update = conn.prepare_cached(
        "UPDATE stories SET position = ?2, title = ?3, start_date = ?4, end_date = ?5 \
         WHERE id = ?1",
    )?;
    let mut written = HashSet::new();
    for (pos, (s, digest)) in c.stories.iter().zip(&digests).enumerate() {
        if kept.contains(&s.id) {
            update.execute(params![s.id, pos, s.title, s.start, s.end])?;
            write_members(conn, s)?;
        } else {
            write_story(conn, s, pos as i64, digest.as_deref())?;
            written.insert(s.id.clone());
        }
    }
    let mut copy = conn.prepare_cached(
        "INSERT INTO copies (document_id, original_id, similarity) VALUES (?1, ?2, ?3)",
    )?;
    for cp in &c.copies {
        copy.execute(params![
            cp.document_id,
            cp.original_id,
            f64::from(cp.similarity)
        ])?;
    }
    Ok(keep.map(|_| written))
}

/// Write the stories and copies of an update (see
/// [`crate::cluster_state::write_update`]): the removed stories and the
/// stored versions of the updated ones are deleted (with their findings),
/// the updated ones written anew with their digests, and every story's
/// position set again (by start date, undated last, then id: the order of a
/// full clustering). Returns the ids of the stories written.
pub(crate) fn write_story_update(
    conn: &Connection,
    u: &crate::ClusterUpdate,
    findings_version: &str,
) -> Result<HashSet<String>, StoreError> {
    let mut delete = conn.prepare_cached("DELETE FROM stories WHERE id = ?1")?;
    for id in u.removed.iter().chain(u.stories.iter().map(|(s, _)| &s.id)) {
        delete.execute([id])?;
    }
    let mut copy = conn.prepare_cached(
        "INSERT OR REPLACE INTO copies (document_id, original_id, similarity) VALUES (?1, ?2, ?3)",
    )?;
    for cp in &u.copies {
        copy.execute(params![
            cp.document_id,
            cp.original_id,
            f64::from(cp.similarity)
        ])?;
    }
    let stories: Vec<NewStory> = u.stories.iter().map(|(s, _)| s.clone()).collect();
    check(
        conn,
        &StoryClustering {
            stories,
            copies: Vec::new(),
        },
    )?;
    let mut original =
        conn.prepare_cached("SELECT original_id FROM copies WHERE document_id = ?1")?;
    let mut written = HashSet::new();
    for (i, (s, _)) in u.stories.iter().enumerate() {
        let mut originals: Vec<(String, String)> = Vec::new();
        for d in &s.documents {
            if let Some(o) = original
                .query_row([d], |r| r.get::<_, String>(0))
                .optional()?
            {
                originals.push((d.clone(), o));
            }
        }
        let copy_of: HashMap<&str, &str> = originals
            .iter()
            .map(|(d, o)| (d.as_str(), o.as_str()))
            .collect();
        let digest = story_digest(s, &copy_of, findings_version);
        write_story(conn, s, -1 - i as i64, Some(&digest))?;
        written.insert(s.id.clone());
    }
    // Only the stories whose place changed are moved (an update's new
    // stories, and those after them), each out of the way first, as
    // positions are unique; the new stories' places (-1 - i) lie between.
    conn.execute_batch(
        "UPDATE stories SET position = -1000000000 - r.n FROM \
           (SELECT id, row_number() OVER \
              (ORDER BY start_date IS NULL, start_date, id) - 1 AS n FROM stories) AS r \
         WHERE stories.id = r.id AND stories.position != r.n; \
         UPDATE stories SET position = -1000000000 - position WHERE position <= -1000000000;",
    )?;
    Ok(written)
}

/// Insert one story with its members and episodes.
fn write_story(
    conn: &Connection,
    s: &NewStory,
    position: i64,
    digest: Option<&str>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO stories (id, position, title, start_date, end_date, digest)          VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![s.id, position, s.title, s.start, s.end, digest])?;
    write_members(conn, s)
}

/// Insert a story's members and episodes.
fn write_members(conn: &Connection, s: &NewStory) -> Result<(), StoreError> {
    let mut member = conn.prepare_cached(
        "INSERT INTO story_documents (document_id, story_id, position) VALUES (?1, ?2, ?3)",
    )?;
    let mut episode = conn.prepare_cached(
        "INSERT INTO episodes (story_id, idx, title, start_date, end_date)          VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut episode_member = conn.prepare_cached(
        "INSERT INTO episode_documents (document_id, story_id, episode_idx, position)          VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, d) in s.documents.iter().enumerate() {
        member.execute(params![d, s.id, i])?;
    }
    for (idx, e) in s.episodes.iter().enumerate() {
        episode.execute(params![s.id, idx, e.title, e.start, e.end])?;
        for (i, d) in e.documents.iter().enumerate() {
            episode_member.execute(params![d, s.id, idx, i])?;
        }
    }
    Ok(())
}

/// A similarity read back as the `f32` it was written from.
fn similarity(v: f64) -> f32 {
    v as f32
}

/// Every story in order, with its documents, episodes and copy groups.
pub(crate) fn for_each_story(
    conn: &Connection,
    f: &mut dyn FnMut(StoryRecord) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut stories =
        conn.prepare("SELECT id, title, start_date, end_date FROM stories ORDER BY position")?;
    let mut rows = stories.query([])?;
    while let Some(r) = rows.next()? {
        f(story_record(
            conn,
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
        )?)?;
    }
    Ok(())
}

/// One story by its exact id.
pub(crate) fn story(conn: &Connection, id: &str) -> Result<Option<StoryRecord>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT id, title, start_date, end_date FROM stories WHERE id = ?1")?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => Ok(Some(story_record(
            conn,
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
        )?)),
        None => Ok(None),
    }
}

/// The ids of the stories whose id starts with `prefix`, at most `limit`.
pub(crate) fn story_ids_with_prefix(
    conn: &Connection,
    prefix: &str,
    limit: usize,
) -> Result<Vec<String>, StoreError> {
    let pattern = format!("{}*", prefix.replace(['*', '?', '['], ""));
    let mut stmt =
        conn.prepare_cached("SELECT id FROM stories WHERE id GLOB ?1 ORDER BY id LIMIT ?2")?;
    let ids = stmt
        .query_map(
            params![pattern, i64::try_from(limit).unwrap_or(i64::MAX)],
            |r| r.get(0),
        )?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(ids)
}

/// One page of the story listing, largest first (most documents, then the
/// stored order), and whether more follow: one query for the page, one per
/// listed story for its outlets.
pub(crate) fn story_list(
    conn: &Connection,
    filter: &StoryListFilter,
    offset: usize,
    limit: usize,
) -> Result<(Vec<StoryListing>, bool), StoreError> {
    let mut conds: Vec<String> = Vec::new();
    let mut values: Vec<rusqlite::types::Value> = Vec::new();
    if let Some(outlet) = &filter.outlet {
        let p = crate::search::like_pattern(outlet.trim());
        values.push(rusqlite::types::Value::Text(p));
        conds.push(format!(
            "EXISTS (SELECT 1 FROM story_documents x JOIN documents d ON d.id = x.document_id \
             WHERE x.story_id = s.id AND d.outlet LIKE ?{} ESCAPE '\\')",
            values.len()
        ));
    }
    if let Some(status) = filter.status {
        values.push(rusqlite::types::Value::Text(status.as_str().to_string()));
        conds.push(format!(
            "EXISTS (SELECT 1 FROM story_claims c WHERE c.story_id = s.id AND c.status = ?{})",
            values.len()
        ));
    }
    let condition = if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    };
    let n = values.len();
    values.push(rusqlite::types::Value::Integer(
        i64::try_from(limit + 1).unwrap_or(i64::MAX),
    ));
    values.push(rusqlite::types::Value::Integer(
        i64::try_from(offset).unwrap_or(i64::MAX),
    ));
    let count = |status: &str| {
        format!("(SELECT count(*) FROM story_claims c WHERE c.story_id = s.id AND c.status = '{status}')")
    };
    let sql = format!(
        "SELECT s.id, s.title, s.start_date, s.end_date, \
         (SELECT count(*) FROM story_documents sd WHERE sd.story_id = s.id) AS n, \
         {}, {}, {}, (SELECT count(*) FROM role_conflicts r WHERE r.story_id = s.id) \
         FROM stories s {condition} ORDER BY n DESC, s.position LIMIT ?{} OFFSET ?{}",
        count("corroborated"),
        count("single_source"),
        count("contested"),
        n + 1,
        n + 2
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut page = stmt
        .query_map(rusqlite::params_from_iter(values.iter()), |r| {
            Ok(StoryListing {
                id: r.get(0)?,
                title: r.get(1)?,
                start: r.get(2)?,
                end: r.get(3)?,
                documents: r.get(4)?,
                outlets: Vec::new(),
                unknown_outlet: 0,
                corroborated: r.get(5)?,
                single_source: r.get(6)?,
                contested: r.get(7)?,
                role_conflicts: r.get(8)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let more = page.len() > limit;
    page.truncate(limit);
    let mut outlets = conn.prepare_cached(
        "SELECT d.outlet FROM story_documents sd JOIN documents d ON d.id = sd.document_id \
         WHERE sd.story_id = ?1 ORDER BY sd.position",
    )?;
    for s in &mut page {
        let rows = outlets.query_map([&s.id], |r| r.get::<_, Option<String>>(0))?;
        for o in rows {
            match o? {
                Some(o) if !s.outlets.contains(&o) => s.outlets.push(o),
                Some(_) => {}
                None => s.unknown_outlet += 1,
            }
        }
    }
    Ok((page, more))
}

/// A story's record: its documents, episodes and copy groups.
fn story_record(
    conn: &Connection,
    id: String,
    title: String,
    start: Option<String>,
    end: Option<String>,
) -> Result<StoryRecord, StoreError> {
    let mut members = conn.prepare_cached(
        "SELECT sd.document_id, d.outlet, d.published, d.title, c.original_id, c.similarity \
         FROM story_documents sd JOIN documents d ON d.id = sd.document_id \
         LEFT JOIN copies c ON c.document_id = sd.document_id \
         WHERE sd.story_id = ?1 ORDER BY sd.position",
    )?;
    let mut episodes = conn.prepare_cached(
        "SELECT idx, title, start_date, end_date FROM episodes WHERE story_id = ?1 ORDER BY idx",
    )?;
    let mut episode_members = conn.prepare_cached(
        "SELECT episode_idx, document_id FROM episode_documents WHERE story_id = ?1 \
         ORDER BY episode_idx, position",
    )?;
    // Copies whose original is in the story, by the original's position,
    // then the copy's (a copy outside any story last, by id).
    let mut copies = conn.prepare_cached(
        "SELECT c.original_id, c.document_id, c.similarity FROM copies c \
         JOIN story_documents so ON so.document_id = c.original_id \
         LEFT JOIN story_documents sc ON sc.document_id = c.document_id \
         WHERE so.story_id = ?1 \
         ORDER BY so.position, sc.position IS NULL, sc.position, c.document_id",
    )?;
    let documents = members
        .query_map([&id], |m| {
            let original: Option<String> = m.get(4)?;
            let sim: Option<f64> = m.get(5)?;
            let document_id: String = m.get(0)?;
            Ok(StoryMember {
                copy_of: original.map(|original_id| CopyOf {
                    document_id: document_id.clone(),
                    original_id,
                    similarity: similarity(sim.unwrap_or(0.0)),
                }),
                id: document_id,
                outlet: m.get(1)?,
                published: m.get(2)?,
                title: m.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut eps = episodes
        .query_map([&id], |e| {
            Ok(EpisodeRecord {
                index: e.get(0)?,
                title: e.get(1)?,
                start: e.get(2)?,
                end: e.get(3)?,
                document_ids: Vec::new(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let at: HashMap<usize, usize> = eps.iter().enumerate().map(|(k, e)| (e.index, k)).collect();
    let mut found = episode_members.query([&id])?;
    while let Some(m) = found.next()? {
        let idx: usize = m.get(0)?;
        let k = at
            .get(&idx)
            .copied()
            .ok_or_else(|| StoreError::Corrupt(format!("story {id}: episode {idx} is missing")))?;
        eps[k].document_ids.push(m.get(1)?);
    }
    let mut groups: Vec<CopyGroup> = Vec::new();
    let mut found = copies.query([&id])?;
    while let Some(c) = found.next()? {
        let original_id: String = c.get(0)?;
        let copy = CopyOf {
            document_id: c.get(1)?,
            original_id: original_id.clone(),
            similarity: similarity(c.get(2)?),
        };
        match groups.last_mut() {
            Some(g) if g.original_id == original_id => g.copies.push(copy),
            _ => groups.push(CopyGroup {
                original_id,
                copies: vec![copy],
            }),
        }
    }
    Ok(StoryRecord {
        title,
        start,
        end,
        documents,
        episodes: eps,
        copies: groups,
        id,
    })
}

/// The story of one document and its copy relations.
pub(crate) fn document_story(conn: &Connection, id: &str) -> Result<DocumentStory, StoreError> {
    let mut out = DocumentStory::default();
    let mut story = conn.prepare_cached(
        "SELECT s.id, s.title FROM story_documents sd JOIN stories s ON s.id = sd.story_id \
         WHERE sd.document_id = ?1",
    )?;
    let mut found = story.query([id])?;
    if let Some(r) = found.next()? {
        out.story = Some((r.get(0)?, r.get(1)?));
    }
    let mut copy_of =
        conn.prepare_cached("SELECT original_id, similarity FROM copies WHERE document_id = ?1")?;
    let mut found = copy_of.query([id])?;
    if let Some(r) = found.next()? {
        out.copy_of = Some(CopyOf {
            document_id: id.to_string(),
            original_id: r.get(0)?,
            similarity: similarity(r.get(1)?),
        });
    }
    let mut copies = conn.prepare_cached(
        "SELECT document_id, similarity FROM copies WHERE original_id = ?1 ORDER BY document_id",
    )?;
    out.copies = copies
        .query_map([id], |r| {
            Ok(CopyOf {
                document_id: r.get(0)?,
                original_id: id.to_string(),
                similarity: similarity(r.get(1)?),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(out)
}
