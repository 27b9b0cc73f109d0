//! Tests of the cluster stage's tables in [`SqliteStore`]: the documents as
//! the stage reads them, stories, episodes and copies stored, replaced,
//! refused and read back, and the migration of a schema-3 database.

use super::*;
use crate::{
    ClusterDocument, ClusterSource, CopyGroup, CopyOf, DocumentStory, EpisodeRecord, Links,
    NewEpisode, NewStory, StoredAnalysis, StoryClustering, StoryMember, StoryRecord,
};
use crosscheck_model::{DocEntity, EntityKind, LinkedEntity};

const TEXT: &str = "Ann Lee met Bob in Saltmere on Tuesday. Lee and Bob toured the port.";

fn entity(name: &str, kind: EntityKind) -> DocEntity {
    DocEntity {
        name: name.into(),
        kind,
        aliases: vec![],
        roles: vec![],
        gender: None,
        mentions: vec![],
    }
}

/// A dated document with an analysis naming people, a place, a thing of
/// kind "other" and one name twice.
fn entity_doc(raw: &str, published: Option<&str>) -> NewDocument {
    let mut d = new_doc(raw);
    d.doc.text = TEXT.into();
    d.doc.published = published.map(str::to_string);
    d.analysis = Some(StoredAnalysis {
        version: 2,
        analysis: DocAnalysis {
            entities: vec![
                entity("Ann Lee", EntityKind::Person),
                entity("Bob", EntityKind::Person),
                entity("Tuesday Club", EntityKind::Other),
                entity("Saltmere", EntityKind::Place),
                entity("Ann Lee", EntityKind::Person),
            ],
            ..Default::default()
        },
    });
    d
}

fn ids(store: &SqliteStore) -> Vec<String> {
    let mut ids: Vec<String> = store
        .list_documents()
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    ids.sort();
    ids
}

fn cluster_documents(source: &dyn ClusterSource) -> Vec<ClusterDocument> {
    let mut out = Vec::new();
    source
        .for_each_cluster_document(&mut |d| {
            out.push(d);
            Ok(())
        })
        .unwrap();
    out
}

/// Two stories over `ids` (four documents): the first with two episodes
/// and a copy, the second undated.
fn sample(ids: &[String]) -> StoryClustering {
    StoryClustering {
        stories: vec![
            NewStory {
                id: format!("s-{}", ids[2]),
                title: "Fire at the port".into(),
                start: Some("2026-01-14".into()),
                end: Some("2026-02-03".into()),
                documents: vec![ids[2].clone(), ids[0].clone(), ids[1].clone()],
                episodes: vec![
                    NewEpisode {
                        title: "The fire".into(),
                        start: Some("2026-01-14".into()),
                        end: Some("2026-01-15".into()),
                        documents: vec![ids[2].clone(), ids[0].clone()],
                    },
                    NewEpisode {
                        title: "The refusal".into(),
                        start: Some("2026-02-03".into()),
                        end: Some("2026-02-03".into()),
                        documents: vec![ids[1].clone()],
                    },
                ],
            },
            NewStory {
                id: format!("s-{}", ids[3]),
                title: "Harvest".into(),
                start: None,
                end: None,
                documents: vec![ids[3].clone()],
                episodes: vec![NewEpisode {
                    title: "Harvest".into(),
                    start: None,
                    end: None,
                    documents: vec![ids[3].clone()],
                }],
            },
        ],
        copies: vec![CopyOf {
            document_id: ids[0].clone(),
            original_id: ids[2].clone(),
            similarity: 0.78125,
        }],
    }
}

fn four_documents() -> (SqliteStore, Vec<String>) {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let batch: Vec<NewDocument> = ["a", "b", "c", "d"].iter().map(|r| new_doc(r)).collect();
    store.insert_documents(&batch).unwrap();
    let ids = ids(&store);
    (store, ids)
}

#[test]
fn a_clustering_is_stored_and_read_back_in_order() {
    let (mut store, ids) = four_documents();
    assert!(store.stories().unwrap().is_empty());
    store.replace_clustering(&sample(&ids)).unwrap();
    let stories = store.stories().unwrap();
    let summaries = store.list_documents().unwrap();
    let member = |id: &String, copy_of: Option<CopyOf>| {
        let d = summaries.iter().find(|d| &d.id == id).unwrap();
        StoryMember {
            id: id.clone(),
            outlet: d.outlet.clone(),
            published: d.published.clone(),
            title: d.title.clone(),
            copy_of,
        }
    };
    let copy = sample(&ids).copies[0].clone();
    assert_eq!(
        stories[0],
        StoryRecord {
            id: format!("s-{}", ids[2]),
            title: "Fire at the port".into(),
            start: Some("2026-01-14".into()),
            end: Some("2026-02-03".into()),
            documents: vec![
                member(&ids[2], None),
                member(&ids[0], Some(copy.clone())),
                member(&ids[1], None),
            ],
            episodes: vec![
                EpisodeRecord {
                    index: 0,
                    title: "The fire".into(),
                    start: Some("2026-01-14".into()),
                    end: Some("2026-01-15".into()),
                    document_ids: vec![ids[2].clone(), ids[0].clone()],
                },
                EpisodeRecord {
                    index: 1,
                    title: "The refusal".into(),
                    start: Some("2026-02-03".into()),
                    end: Some("2026-02-03".into()),
                    document_ids: vec![ids[1].clone()],
                },
            ],
            copies: vec![CopyGroup {
                original_id: ids[2].clone(),
                copies: vec![copy.clone()],
            }],
        }
    );
    assert_eq!(stories[1].id, format!("s-{}", ids[3]));
    assert_eq!(
        (stories[1].start.as_deref(), stories[1].end.as_deref()),
        (None, None)
    );
    assert!(stories[1].copies.is_empty());
    assert_eq!(
        store.document_story(&ids[0]).unwrap(),
        DocumentStory {
            story: Some((format!("s-{}", ids[2]), "Fire at the port".into())),
            copy_of: Some(copy.clone()),
            copies: vec![],
        }
    );
    assert_eq!(
        store.document_story(&ids[2]).unwrap(),
        DocumentStory {
            story: Some((format!("s-{}", ids[2]), "Fire at the port".into())),
            copy_of: None,
            copies: vec![copy],
        }
    );
    assert_eq!(
        store.document_story("nosuchdoc").unwrap(),
        DocumentStory::default()
    );
}

#[test]
fn a_new_clustering_replaces_the_old_one_as_a_whole() {
    let (mut store, ids) = four_documents();
    store.replace_clustering(&sample(&ids)).unwrap();
    let one = StoryClustering {
        stories: vec![NewStory {
            id: format!("s-{}", ids[1]),
            title: "All".into(),
            documents: ids.clone(),
            episodes: vec![NewEpisode {
                title: "All".into(),
                documents: ids.clone(),
                ..Default::default()
            }],
            ..Default::default()
        }],
        copies: vec![],
    };
    store.replace_clustering(&one).unwrap();
    let stories = store.stories().unwrap();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].documents.len(), 4);
    assert!(stories[0].documents.iter().all(|d| d.copy_of.is_none()));
    assert_eq!(stories[0].episodes[0].document_ids, ids);
    assert_eq!(count(&store, "copies"), 0);
    assert_eq!(count(&store, "episodes"), 1);
    store
        .replace_clustering(&StoryClustering::default())
        .unwrap();
    assert!(store.stories().unwrap().is_empty());
    for table in [
        "stories",
        "story_documents",
        "episodes",
        "episode_documents",
        "copies",
    ] {
        assert_eq!(count(&store, table), 0, "{table}");
    }
}

#[test]
fn an_invalid_clustering_is_refused_and_nothing_is_written() {
    type Breaker = fn(&mut StoryClustering, &[String]);
    let breakers: [(&str, Breaker); 7] = [
        ("unknown document", |c, _| {
            c.stories[1].documents.push("0123456789ab".into())
        }),
        ("document in two stories", |c, ids| {
            c.stories[1].documents.push(ids[0].clone())
        }),
        ("episode member outside its story", |c, ids| {
            c.stories[1].episodes[0].documents.push(ids[0].clone())
        }),
        ("document in two episodes", |c, ids| {
            c.stories[0].episodes[1].documents.push(ids[0].clone())
        }),
        ("copy of itself", |c, _| {
            c.copies[0].original_id = c.copies[0].document_id.clone()
        }),
        ("copy twice", |c, _| c.copies.push(c.copies[0].clone())),
        ("empty story", |c, _| c.stories[1].documents.clear()),
    ];
    for (what, breaks) in breakers {
        let (mut store, ids) = four_documents();
        store.replace_clustering(&sample(&ids)).unwrap();
        let before = store.stories().unwrap();
        let mut bad = sample(&ids);
        breaks(&mut bad, &ids);
        let err = store.replace_clustering(&bad).unwrap_err();
        assert!(
            matches!(err, StoreError::InvalidClustering(_)),
            "{what}: {err}"
        );
        assert_eq!(store.stories().unwrap(), before, "{what}");
    }
}

#[test]
fn deleting_a_document_deletes_its_story_rows_and_copies() {
    let (mut store, ids) = four_documents();
    store.replace_clustering(&sample(&ids)).unwrap();
    // The original of the copy goes: the copy relation goes with it.
    store
        .conn
        .execute("DELETE FROM documents WHERE id = ?1", [&ids[2]])
        .unwrap();
    let stories = store.stories().unwrap();
    let members: Vec<&str> = stories[0].documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(members, [ids[0].as_str(), ids[1].as_str()]);
    assert_eq!(stories[0].episodes[0].document_ids, [ids[0].clone()]);
    assert_eq!(count(&store, "copies"), 0);
    assert_eq!(store.document_story(&ids[0]).unwrap().copy_of, None);
}

#[test]
fn the_cluster_stage_reads_every_document_with_its_entity_names() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let dated = entity_doc("dated", Some("2026-01-14T08:30:00+01:00"));
    let plain = new_doc("plain");
    store
        .insert_documents(&[dated.clone(), plain.clone()])
        .unwrap();
    // Bob is linked under a fuller canonical name.
    store
        .replace_links(&Links {
            entities: vec![LinkedEntity {
                id: "person:robert-bob".into(),
                name: "Robert Bob".into(),
                kind: EntityKind::Person,
                aliases: vec!["Bob".into()],
                members: vec![(dated.doc.id.clone(), 1)],
            }],
            variants: vec![],
        })
        .unwrap();
    let mut read = Vec::new();
    store
        .for_each_cluster_document(&mut |d| {
            read.push(d);
            Ok(())
        })
        .unwrap();
    let mut want = vec![
        ClusterDocument {
            id: dated.doc.id.clone(),
            published: Some("2026-01-14".into()),
            title: dated.doc.title.clone(),
            text: TEXT.into(),
            entities: vec!["Ann Lee".into(), "Robert Bob".into(), "Saltmere".into()],
        },
        ClusterDocument {
            id: plain.doc.id.clone(),
            published: None,
            title: plain.doc.title.clone(),
            text: plain.doc.text.clone(),
            entities: vec![],
        },
    ];
    want.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(read, want);
    // An error of the callback stops the stream and is returned.
    let mut calls = 0;
    let err = store
        .for_each_cluster_document(&mut |_| {
            calls += 1;
            Err(StoreError::Aborted("stop".into()))
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Aborted(_)), "{err}");
    assert_eq!(calls, 1);
}

#[test]
fn recluster_reads_the_documents_twice_and_stores_the_result() {
    let (mut store, ids) = four_documents();
    let mut passes = Vec::new();
    store
        .recluster(&mut |source| {
            passes.push(cluster_documents(source));
            passes.push(cluster_documents(source));
            Ok(sample(&ids))
        })
        .unwrap();
    assert_eq!(passes.len(), 2);
    assert_eq!(passes[0], passes[1]);
    let read: Vec<String> = passes[0].iter().map(|d| d.id.clone()).collect();
    assert_eq!(read, ids);
    assert_eq!(store.stories().unwrap().len(), 2);
    // An error of `compute`, or an invalid result, leaves the stored
    // clustering as it was.
    let before = store.stories().unwrap();
    let err = store
        .recluster(&mut |_| Err(StoreError::Aborted("no".into())))
        .unwrap_err();
    assert!(matches!(err, StoreError::Aborted(_)), "{err}");
    let err = store
        .recluster(&mut |_| {
            let mut c = sample(&ids);
            c.stories[0].documents.push(ids[3].clone());
            Ok(c)
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::InvalidClustering(_)), "{err}");
    assert_eq!(store.stories().unwrap(), before);
}

#[test]
fn a_schema_3_database_is_migrated_and_clustered_by_the_next_recluster() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    let batch: Vec<NewDocument> = ["a", "b", "c", "d"].iter().map(|r| new_doc(r)).collect();
    {
        // A database as the release before stories wrote it: migrations 1
        // to 3, four documents.
        let conn = Connection::open(&path).unwrap();
        for m in &schema::MIGRATIONS[..3] {
            conn.execute_batch(m.sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 3).unwrap();
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID)
            .unwrap();
        for d in &batch {
            rows::insert_document(&conn, d, 0, false).unwrap();
        }
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'stories'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 0);
    }
    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(store.count_documents().unwrap(), 4);
    assert!(store.stories().unwrap().is_empty());
    let ids = ids(&store);
    store.recluster(&mut |_| Ok(sample(&ids))).unwrap();
    assert_eq!(store.stories().unwrap().len(), 2);
    drop(store);
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(store.stories().unwrap().len(), 2);
}
