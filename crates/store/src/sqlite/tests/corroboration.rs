//! Tests of the corroboration stage's tables in [`SqliteStore`]: a story's
//! documents as the stage reads them, findings stored, read back, replaced
//! as a whole, refused, recomputed story by story, and the migration of a
//! schema-4 database.

use super::*;
use crate::{
    AlignedClaimRecord, ClaimEvidence, ClaimRef, ContradictionRecord, CopyOf, FactPartRecord,
    FindingsRecord, NewAlignedClaim, NewContradiction, NewEpisode, NewStory, RoleConflictRecord,
    RoleSide, SourceRecord, StoredAnalysis, StoryClustering, StoryFindings,
};
use crosscheck_model::{Attribution, ClaimStatus, DocClaim, DocQuote, QuoteKind, Span};

const TEXT: &str =
    "The port reopened on Monday. Solvent leaked for two days. About 240 tonnes leaked.";

fn claim(needle: &str) -> DocClaim {
    let start = TEXT.find(needle).unwrap();
    DocClaim {
        span: Span::new(start, start + needle.len()),
        subjects: vec![],
        predicate: None,
        object: None,
        amounts: vec![],
        time: None,
        attribution: Attribution::outlet(),
        hedges: vec![],
        checkworthiness: 0.9,
        key: "-|||".into(),
    }
}

/// A document with three claims and a quote, published on `date`, of `outlet`.
fn doc(raw: &str, date: &str, outlet: &str) -> NewDocument {
    let mut d = new_doc(raw);
    d.doc.text = TEXT.into();
    d.doc.published = Some(format!("{date}T08:00:00+01:00"));
    d.doc.outlet = Some(outlet.into());
    d.analysis = Some(StoredAnalysis {
        version: 2,
        analysis: DocAnalysis {
            claims: vec![
                claim("The port reopened on Monday."),
                claim("Solvent leaked for two days."),
                claim("About 240 tonnes leaked."),
            ],
            quotes: vec![DocQuote {
                kind: QuoteKind::Indirect,
                content: claim("About 240 tonnes leaked.").span,
                source: None,
                cue: None,
                speaker: None,
                speaker_note: Some("no speaker found".into()),
                nested_in: None,
                continues: None,
            }],
            ..Default::default()
        },
    });
    d
}

/// Four documents: a story of three (the third a copy of the first) and a
/// story of one.
fn stored() -> (SqliteStore, Vec<String>) {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let batch = vec![
        doc("a", "2026-01-14", "Harborline"),
        doc("b", "2026-01-15", "Strait Report"),
        doc("c", "2026-01-16", "Northgate"),
        doc("d", "2026-03-01", "Harborline"),
    ];
    let ids: Vec<String> = batch.iter().map(|d| d.doc.id.clone()).collect();
    store.insert_documents(&batch).unwrap();
    let story = |docs: &[&String]| NewStory {
        id: format!("s-{}", docs[0]),
        title: "Fire".into(),
        documents: docs.iter().map(|d| d.to_string()).collect(),
        episodes: vec![NewEpisode {
            title: "Fire".into(),
            documents: docs.iter().map(|d| d.to_string()).collect(),
            ..Default::default()
        }],
        ..Default::default()
    };
    store
        .replace_clustering(&StoryClustering {
            stories: vec![story(&[&ids[0], &ids[1], &ids[2]]), story(&[&ids[3]])],
            copies: vec![CopyOf {
                document_id: ids[2].clone(),
                original_id: ids[0].clone(),
                similarity: 0.9,
            }],
        })
        .unwrap();
    (store, ids)
}

fn r(d: &str, claim: usize) -> ClaimRef {
    ClaimRef {
        document_id: d.into(),
        claim,
    }
}

/// The first story's first chain: its first document and the copy of it.
fn harborline(ids: &[String]) -> SourceRecord {
    SourceRecord {
        documents: vec![ids[0].clone(), ids[2].clone()],
        merged_because: vec![format!("{} is a copy of {}", ids[2], ids[0])],
        chain: "Harborline".into(),
    }
}

/// The first story's second chain: its second document.
fn strait_report(ids: &[String]) -> SourceRecord {
    SourceRecord {
        documents: vec![ids[1].clone()],
        merged_because: vec![],
        chain: "Strait Report".into(),
    }
}

/// The first story's findings: the reopening corroborated by two sources
/// (the copy merged with its original), the leak contested by a claim of
/// the second document, and a role conflict.
fn findings(ids: &[String]) -> StoryFindings {
    StoryFindings {
        story_id: format!("s-{}", ids[0]),
        claims: vec![
            NewAlignedClaim {
                status: ClaimStatus::Corroborated,
                claims: vec![r(&ids[0], 0), r(&ids[1], 0), r(&ids[2], 0)],
                documents: ids[..3].to_vec(),
                outlets: vec![
                    "Harborline".into(),
                    "Strait Report".into(),
                    "Northgate".into(),
                ],
                sources: vec![harborline(ids), strait_report(ids)],
                contradictions: vec![],
                unattributed: true,
                // "The port reopened" by both chains, "on Monday." by
                // the first only.
                parts: vec![
                    FactPartRecord {
                        start: 0,
                        end: 17,
                        main: true,
                        documents: ids[..3].to_vec(),
                        sources: vec![harborline(ids), strait_report(ids)],
                    },
                    FactPartRecord {
                        start: 18,
                        end: 28,
                        main: false,
                        documents: vec![ids[0].clone(), ids[2].clone()],
                        sources: vec![harborline(ids)],
                    },
                ],
            },
            NewAlignedClaim {
                status: ClaimStatus::Contested,
                claims: vec![r(&ids[0], 2)],
                documents: vec![ids[0].clone()],
                outlets: vec!["Harborline".into()],
                sources: vec![SourceRecord {
                    documents: vec![ids[0].clone()],
                    merged_because: vec![],
                    chain: String::new(),
                }],
                contradictions: vec![NewContradiction {
                    claims: vec![r(&ids[1], 1)],
                    reason: "240 tonnes against two days".into(),
                }],
                unattributed: false,
                parts: vec![],
            },
        ],
        role_conflicts: vec![RoleConflictRecord {
            entity: "Ann Lee".into(),
            sides: vec![
                RoleSide {
                    title: "former Mayor".into(),
                    documents: vec![ids[1].clone()],
                    chains: vec![SourceRecord {
                        documents: vec![ids[1].clone()],
                        merged_because: vec![],
                        chain: "Valley Herald".into(),
                    }],
                },
                RoleSide {
                    title: "Mayor".into(),
                    documents: vec![ids[0].clone(), ids[2].clone()],
                    chains: vec![SourceRecord {
                        documents: vec![ids[0].clone(), ids[2].clone()],
                        merged_because: vec!["same outlet: Harborline".into()],
                        chain: "Harborline".into(),
                    }],
                },
            ],
        }],
    }
}

fn evidence(d: &str, claim: usize, needle: &str) -> ClaimEvidence {
    let start = TEXT.find(needle).unwrap();
    ClaimEvidence {
        document_id: d.into(),
        claim,
        start,
        end: start + needle.len(),
        text: needle.into(),
    }
}

fn rows_of_findings(store: &SqliteStore) -> i64 {
    [
        "story_claims",
        "story_claim_members",
        "story_claim_documents",
        "story_claim_sources",
        "story_claim_source_documents",
        "story_claim_contradictions",
        "story_contradiction_claims",
        "role_conflicts",
        "role_conflict_sides",
        "role_conflict_documents",
    ]
    .iter()
    .map(|t| count(store, t))
    .sum()
}

#[test]
fn a_story_is_read_with_its_documents_analyses_sources_and_copies() {
    let (store, ids) = stored();
    let docs = store.story_documents(&format!("s-{}", ids[0])).unwrap();
    let read: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(read, [&ids[0], &ids[1], &ids[2]]);
    assert_eq!(docs[0].published.as_deref(), Some("2026-01-14"));
    assert_eq!(docs[1].outlet.as_deref(), Some("Strait Report"));
    assert_eq!(docs[0].analysis.claims.len(), 3);
    assert_eq!(docs[0].text, TEXT);
    // "Wire" is named once, however often the text names it.
    assert_eq!(docs[0].upstream, ["Wire"]);
    assert_eq!(docs[2].copy_of.as_deref(), Some(ids[0].as_str()));
    assert_eq!(docs[0].copy_of, None);
    assert!(store.story_documents("s-nosuchstory").unwrap().is_empty());
}

#[test]
fn findings_are_stored_and_read_back_with_the_words_of_their_claims() {
    let (mut store, ids) = stored();
    let story = format!("s-{}", ids[0]);
    assert_eq!(
        store.story_findings(&story).unwrap(),
        FindingsRecord::default()
    );
    let f = findings(&ids);
    store
        .replace_corroboration(std::slice::from_ref(&f))
        .unwrap();
    let read = store.story_findings(&story).unwrap();
    assert_eq!(
        read.claims[0],
        AlignedClaimRecord {
            index: 0,
            status: ClaimStatus::Corroborated,
            claims: (0..3)
                .map(|d| evidence(&ids[d], 0, "The port reopened on Monday."))
                .collect(),
            documents: f.claims[0].documents.clone(),
            outlets: f.claims[0].outlets.clone(),
            sources: f.claims[0].sources.clone(),
            contradictions: vec![],
            unattributed: true,
            parts: f.claims[0].parts.clone(),
        }
    );
    assert_eq!(read.claims[1].status, ClaimStatus::Contested);
    assert!(!read.claims[1].unattributed);
    assert_eq!(
        read.claims[1].contradictions,
        [ContradictionRecord {
            claims: vec![evidence(&ids[1], 1, "Solvent leaked for two days.")],
            reason: "240 tonnes against two days".into(),
        }]
    );
    assert_eq!(read.role_conflicts, f.role_conflicts);
    assert_eq!(read.count(ClaimStatus::Contested), 1);
    // The other story has none.
    let other = store.story_findings(&format!("s-{}", ids[3])).unwrap();
    assert_eq!(other, FindingsRecord::default());
}

#[test]
fn new_findings_replace_the_old_ones_as_a_whole() {
    let (mut store, ids) = stored();
    store.replace_corroboration(&[findings(&ids)]).unwrap();
    let mut less = findings(&ids);
    less.claims.truncate(1);
    less.role_conflicts.clear();
    store.replace_corroboration(&[less]).unwrap();
    let read = store.story_findings(&format!("s-{}", ids[0])).unwrap();
    assert_eq!(read.claims.len(), 1);
    assert!(read.role_conflicts.is_empty());
    assert_eq!(count(&store, "story_claim_contradictions"), 0);
    store.replace_corroboration(&[]).unwrap();
    assert_eq!(rows_of_findings(&store), 0);
    // Replacing the stories drops the findings with them.
    store.replace_corroboration(&[findings(&ids)]).unwrap();
    assert!(rows_of_findings(&store) > 0);
    store
        .replace_clustering(&StoryClustering::default())
        .unwrap();
    assert_eq!(rows_of_findings(&store), 0);
}

#[test]
fn invalid_findings_are_refused_and_nothing_is_written() {
    type Breaker = fn(&mut Vec<StoryFindings>, &[String]);
    let breakers: [(&str, Breaker); 11] = [
        ("unknown story", |f, _| {
            f[0].story_id = "s-0123456789ab".into()
        }),
        ("story twice", |f, _| f.push(f[0].clone())),
        ("document of another story", |f, ids| {
            f[0].claims[0].documents.push(ids[3].clone())
        }),
        ("claim of another story", |f, ids| {
            f[0].claims[1].contradictions[0].claims.push(r(&ids[3], 0))
        }),
        ("aligned claim with no claims", |f, _| {
            f[0].claims[0].claims.clear()
        }),
        ("no such claim", |f, ids| {
            f[0].claims[0].claims.push(r(&ids[1], 7))
        }),
        ("a part beyond its claim", |f, _| {
            f[0].claims[0].parts[1].end = 40
        }),
        ("parts out of order", |f, _| f[0].claims[0].parts.swap(0, 1)),
        ("two main parts", |f, _| f[0].claims[0].parts[1].main = true),
        ("a part of a document no claim is from", |f, ids| {
            f[0].claims[0].parts[1].documents.push(ids[3].clone())
        }),
        (
            "a chain holding a document its side does not give",
            |f, ids| {
                f[0].role_conflicts[0].sides[0].chains[0]
                    .documents
                    .push(ids[0].clone())
            },
        ),
    ];
    for (what, breaks) in breakers {
        let (mut store, ids) = stored();
        store.replace_corroboration(&[findings(&ids)]).unwrap();
        let story = format!("s-{}", ids[0]);
        let before = store.story_findings(&story).unwrap();
        let mut bad = vec![findings(&ids)];
        breaks(&mut bad, &ids);
        let err = store.replace_corroboration(&bad).unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::InvalidCorroboration(_) | StoreError::Sqlite(_)
            ),
            "{what}: {err}"
        );
        assert_eq!(store.story_findings(&story).unwrap(), before, "{what}");
    }
}

#[test]
fn recorroborate_reads_stories_in_batches_and_replaces_every_finding() {
    let (mut store, ids) = stored();
    store.replace_corroboration(&[findings(&ids)]).unwrap();
    let mut seen: Vec<(String, usize)> = Vec::new();
    store
        .recorroborate(&mut |batch| {
            Ok(batch
                .into_iter()
                .map(|(id, docs)| {
                    seen.push((id.to_string(), docs.len()));
                    let mut f = StoryFindings {
                        story_id: id.to_string(),
                        ..Default::default()
                    };
                    if docs.len() == 1 {
                        f.claims.push(NewAlignedClaim {
                            status: ClaimStatus::SingleSource,
                            claims: vec![r(&docs[0].id, 1)],
                            documents: vec![docs[0].id.clone()],
                            outlets: vec![],
                            sources: vec![],
                            contradictions: vec![],
                            unattributed: true,
                            parts: vec![],
                        });
                    }
                    f
                })
                .collect())
        })
        .unwrap();
    assert_eq!(
        seen,
        [(format!("s-{}", ids[0]), 3), (format!("s-{}", ids[3]), 1)]
    );
    // The old findings of the first story are gone; the second has its own.
    let first = store.story_findings(&format!("s-{}", ids[0])).unwrap();
    assert_eq!(first, FindingsRecord::default());
    let second = store.story_findings(&format!("s-{}", ids[3])).unwrap();
    assert_eq!(
        second.claims[0].claims,
        [evidence(&ids[3], 1, "Solvent leaked for two days.")]
    );
    // An error of `compute`, or findings for another story, leave the
    // stored ones as they were.
    let err = store
        .recorroborate(&mut |_| Err(StoreError::Aborted("no".into())))
        .unwrap_err();
    assert!(matches!(err, StoreError::Aborted(_)), "{err}");
    let err = store
        .recorroborate(&mut |batch| {
            Ok(batch
                .iter()
                .map(|_| StoryFindings {
                    story_id: "s-elsewhere".into(),
                    ..Default::default()
                })
                .collect())
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::InvalidCorroboration(_)), "{err}");
    // Findings for fewer stories than were given are refused too.
    let err = store.recorroborate(&mut |_| Ok(Vec::new())).unwrap_err();
    assert!(matches!(err, StoreError::InvalidCorroboration(_)), "{err}");
    assert_eq!(
        store.story_findings(&format!("s-{}", ids[3])).unwrap(),
        second
    );
}

#[test]
fn re_analysing_a_document_drops_the_findings_that_cite_its_claims() {
    let (mut store, ids) = stored();
    store.replace_corroboration(&[findings(&ids)]).unwrap();
    let newer = StoredAnalysis {
        version: 3,
        analysis: DocAnalysis::default(),
    };
    store.save_analyses(&[(ids[1].clone(), newer)]).unwrap();
    let read = store.story_findings(&format!("s-{}", ids[0])).unwrap();
    // The contested claim lost its other side; the corroborated one lost a
    // member. Both are recomputed by the next `recorroborate`.
    assert_eq!(read.claims[0].claims.len(), 2);
    assert!(read.claims[1].contradictions[0].claims.is_empty());
}

#[test]
fn a_story_s_quotes_are_those_of_its_documents() {
    let (store, ids) = stored();
    let quotes_of = |story: &str| {
        let mut docs = Vec::new();
        store
            .for_each_story_quote(story, &mut |q| {
                assert_eq!(q.text, "About 240 tonnes leaked.");
                docs.push(q.document_id);
                Ok(())
            })
            .unwrap();
        docs.sort();
        docs
    };
    let mut first = ids[..3].to_vec();
    first.sort();
    assert_eq!(quotes_of(&format!("s-{}", ids[0])), first);
    assert_eq!(quotes_of(&format!("s-{}", ids[3])), [ids[3].clone()]);
    assert!(quotes_of("s-nosuchstory").is_empty());
    assert_eq!(store.quotes().unwrap().len(), 4);
}

#[test]
fn a_schema_4_database_is_migrated_and_corroborated_by_the_next_recorroborate() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    {
        // A database as the release before corroboration wrote it:
        // migrations 1 to 4, one document.
        let conn = Connection::open(&path).unwrap();
        for m in &schema::MIGRATIONS[..4] {
            conn.execute_batch(m.sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 4).unwrap();
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID)
            .unwrap();
        rows::insert_document(&conn, &new_doc("old"), 0, false).unwrap();
        conn.execute(
            "INSERT INTO stories (id, position, title) VALUES ('s-x', 0, 'Old')",
            [],
        )
        .unwrap();
    }
    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(
        store.story_findings("s-x").unwrap(),
        FindingsRecord::default()
    );
    let mut calls = 0;
    store
        .recorroborate(&mut |batch| {
            calls += batch.len();
            Ok(batch
                .into_iter()
                .map(|(id, _)| StoryFindings {
                    story_id: id,
                    ..Default::default()
                })
                .collect())
        })
        .unwrap();
    assert_eq!(calls, 1);
    drop(store);
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
}
