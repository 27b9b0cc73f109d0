//! Tests of claims in [`SqliteStore`]: stored with their analysis, replaced
//! with it, listed, and the migration of a schema-2 database.

use super::*;
use crate::{ClaimFilter, Links, StoredAnalysis};
use crosscheck_model::{
    Amount, Approx, Attribution, AttributionKind, Direction, DocClaim, DocEntity, DocQuote,
    EntityKind, LinkedEntity, Mention, MentionKind, QuoteKind, Span, TimeExpr, TimeKind,
};

const TEXT: &str = "Ann Lee said the ministry’s budget rose by 15% to €2.5 billion on Saturday. \
Officials reportedly counted over 75,000 gang members, 10-20% more, in the past year. \
Ça coûte un tiers.";

fn span_of(needle: &str) -> Span {
    let start = TEXT.find(needle).unwrap_or_else(|| panic!("{needle:?}"));
    Span::new(start, start + needle.len())
}

fn mention(s: Span) -> Mention {
    Mention {
        start: s.start,
        end: s.end,
        kind: MentionKind::Name,
    }
}

fn amount(needle: &str, value: f64, unit: &str) -> Amount {
    let s = span_of(needle);
    Amount {
        start: s.start,
        end: s.end,
        value,
        high: None,
        unit: unit.into(),
        noun: None,
        approx: None,
        direction: None,
    }
}

fn time(needle: &str, value: Option<&str>, kind: TimeKind, note: Option<&str>) -> TimeExpr {
    let s = span_of(needle);
    TimeExpr {
        start: s.start,
        end: s.end,
        value: value.map(str::to_string),
        kind,
        note: note.map(str::to_string),
    }
}

/// Three claims: a named source with every field set, an unnamed hedged
/// one with a range and an unresolved period, and the outlet's own voice
/// with unicode text and every optional field empty.
fn claims_analysis() -> DocAnalysis {
    let first =
        span_of("Ann Lee said the ministry’s budget rose by 15% to €2.5 billion on Saturday.");
    let second = span_of(
        "Officials reportedly counted over 75,000 gang members, 10-20% more, in the past year.",
    );
    DocAnalysis {
        entities: vec![
            DocEntity {
                name: "Ann Lee".into(),
                kind: EntityKind::Person,
                aliases: vec![],
                roles: vec![],
                gender: None,
                mentions: vec![mention(span_of("Ann Lee"))],
            },
            DocEntity {
                name: "ministry".into(),
                kind: EntityKind::Organization,
                aliases: vec![],
                roles: vec![],
                gender: None,
                mentions: vec![mention(span_of("ministry"))],
            },
        ],
        quotes: vec![DocQuote {
            kind: QuoteKind::Indirect,
            content: span_of("the ministry’s budget rose by 15% to €2.5 billion on Saturday"),
            source: Some(span_of("Ann Lee")),
            cue: Some(span_of("said")),
            speaker: Some(0),
            speaker_note: None,
            nested_in: None,
            continues: None,
        }],
        claims: vec![
            DocClaim {
                span: first,
                subjects: vec![1, 0],
                predicate: Some("rise".into()),
                object: Some(span_of("by 15% to €2.5 billion")),
                amounts: vec![
                    Amount {
                        direction: Some(Direction::Increase),
                        ..amount("15%", 15.0, "percent")
                    },
                    amount("€2.5 billion", 2.5e9, "EUR"),
                ],
                time: Some(time(
                    "on Saturday",
                    Some("2025-03-15"),
                    TimeKind::Weekday,
                    None,
                )),
                attribution: Attribution {
                    kind: AttributionKind::Named,
                    entity: Some(0),
                    text: Some("Ann Lee".into()),
                    quote: Some(0),
                },
                hedges: vec![],
                checkworthiness: 0.8,
                key: "ministry budget|rise|15%".into(),
            },
            DocClaim {
                span: second,
                subjects: vec![],
                predicate: Some("count".into()),
                object: None,
                amounts: vec![
                    Amount {
                        noun: Some("gang member".into()),
                        approx: Some(Approx::Over),
                        ..amount("over 75,000", 75_000.0, "count")
                    },
                    Amount {
                        high: Some(20.0),
                        approx: Some(Approx::About),
                        direction: Some(Direction::Increase),
                        ..amount("10-20%", 10.0, "percent")
                    },
                ],
                time: Some(time(
                    "the past year",
                    None,
                    TimeKind::Period,
                    Some("no publication date"),
                )),
                attribution: Attribution {
                    kind: AttributionKind::Unnamed,
                    entity: None,
                    text: Some("Officials".into()),
                    quote: None,
                },
                hedges: vec!["reportedly".into()],
                checkworthiness: 0.55,
                key: "gang member|count|75000".into(),
            },
            DocClaim {
                span: span_of("Ça coûte un tiers."),
                subjects: vec![],
                predicate: None,
                object: None,
                amounts: vec![amount("un tiers", 1.0 / 3.0, "fraction")],
                time: None,
                attribution: Attribution::outlet(),
                hedges: vec![],
                checkworthiness: 0.1,
                key: "ça|coûter|⅓ — “x”".into(),
            },
        ],
    }
}

fn claims_doc(raw: &str, version: u32) -> NewDocument {
    let mut d = new_doc(raw);
    d.doc.text = TEXT.to_string();
    d.doc.published = Some("2025-03-16".into());
    d.analysis = Some(StoredAnalysis {
        version,
        analysis: claims_analysis(),
    });
    d
}

#[test]
fn claims_are_stored_with_their_analysis_and_read_back_unchanged() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let d = claims_doc("a", 2);
    store.insert_documents(std::slice::from_ref(&d)).unwrap();
    assert_eq!(count(&store, "claims"), 3);
    let got = store.get_analysis(&d.doc.id).unwrap().unwrap();
    assert_eq!(got, d.analysis.clone().unwrap());
    // Exactly, to the last bit of every number.
    let third = &got.analysis.claims[2];
    assert_eq!(third.amounts[0].value.to_bits(), (1.0f64 / 3.0).to_bits());
    assert_eq!(got.analysis.claims[1].checkworthiness, 0.55f32);
    let mut seen = Vec::new();
    store
        .for_each_analysis(&mut |a| {
            seen.push(a.analysis);
            Ok(())
        })
        .unwrap();
    assert_eq!(seen, vec![claims_analysis()]);
}

#[test]
fn claims_are_listed_with_their_document_and_the_entities_they_name() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let a = claims_doc("a", 1);
    let mut b = claims_doc("b", 1);
    b.doc.outlet = Some("Other Outlet".into());
    b.doc.published = None;
    let (ida, idb) = (a.doc.id.clone(), b.doc.id.clone());
    store.insert_documents(&[a, b]).unwrap();

    let all = store.claims(&ClaimFilter::default()).unwrap();
    assert_eq!(all.len(), 6);
    let mut order: Vec<(String, usize)> = all
        .iter()
        .map(|c| (c.document_id.clone(), c.index))
        .collect();
    let sorted = {
        let mut s = order.clone();
        s.sort();
        s
    };
    assert_eq!(order, sorted, "(document id, index) order");
    order.dedup();
    assert_eq!(order.len(), 6);

    let only_a = store
        .claims(&ClaimFilter {
            document_id: Some(ida.clone()),
            min_score: None,
        })
        .unwrap();
    assert_eq!(only_a.len(), 3);
    let c = &only_a[0];
    assert_eq!(c.outlet.as_deref(), Some("Outlet"));
    assert_eq!(c.published.as_deref(), Some("2025-03-16"));
    assert_eq!(c.title.as_deref(), Some("a"));
    assert_eq!(c.claim, claims_analysis().claims[0]);
    assert_eq!(
        c.text,
        "Ann Lee said the ministry’s budget rose by 15% to €2.5 billion on Saturday."
    );
    assert_eq!(c.object.as_deref(), Some("by 15% to €2.5 billion"));
    assert_eq!(c.amount_texts, vec!["15%", "€2.5 billion"]);
    assert_eq!(c.time_text.as_deref(), Some("on Saturday"));
    // Not linked yet: the document entities' names, no ids.
    let names: Vec<&str> = c.subjects.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["ministry", "Ann Lee"]);
    assert!(c.subjects.iter().all(|s| s.entity_id.is_none()));
    assert_eq!(c.source.as_ref().unwrap().name, "Ann Lee");
    assert_eq!(only_a[1].source, None);
    assert_eq!(only_a[2].amount_texts, vec!["un tiers"]);
    assert_eq!(only_a[2].time_text, None);
    assert_eq!(only_a[2].object, None);

    // Linked: the linked entity's id and canonical name.
    store
        .replace_links(&Links {
            entities: vec![LinkedEntity {
                id: "person-ann-lee".into(),
                name: "Ann Margaret Lee".into(),
                kind: EntityKind::Person,
                aliases: vec![],
                members: vec![(ida.clone(), 0)],
            }],
            variants: vec![],
        })
        .unwrap();
    let linked = store
        .claims(&ClaimFilter {
            document_id: Some(ida.clone()),
            min_score: Some(0.8),
        })
        .unwrap();
    assert_eq!(linked.len(), 1, "a score equal to the minimum is listed");
    let source = linked[0].source.as_ref().unwrap();
    assert_eq!(source.entity_id.as_deref(), Some("person-ann-lee"));
    assert_eq!(source.name, "Ann Margaret Lee");
    assert_eq!(source.index, 0);
    assert_eq!(linked[0].subjects[1], *source);
    assert_eq!(linked[0].subjects[0].entity_id, None);

    // The minimum score.
    let worthy = store
        .claims(&ClaimFilter {
            document_id: None,
            min_score: Some(0.5),
        })
        .unwrap();
    assert_eq!(worthy.len(), 4);
    assert!(worthy.iter().all(|c| c.claim.checkworthiness >= 0.5));
    let in_b = store
        .claims(&ClaimFilter {
            document_id: Some(idb.clone()),
            min_score: Some(0.56),
        })
        .unwrap();
    assert_eq!(in_b.len(), 1);
    assert_eq!(in_b[0].outlet.as_deref(), Some("Other Outlet"));
    assert_eq!(in_b[0].published, None);
    let none = store
        .claims(&ClaimFilter {
            document_id: Some("ffffffffffff".into()),
            min_score: None,
        })
        .unwrap();
    assert!(none.is_empty());
}

#[test]
fn reanalysing_a_document_replaces_its_claims() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let d = claims_doc("a", 1);
    let id = d.doc.id.clone();
    store.insert_documents(&[d]).unwrap();
    let mut fewer = claims_analysis();
    fewer.claims.remove(0);
    fewer.claims[0].checkworthiness = 0.9;
    let v2 = StoredAnalysis {
        version: 2,
        analysis: fewer,
    };
    assert_eq!(store.save_analyses(&[(id.clone(), v2.clone())]).unwrap(), 1);
    assert_eq!(store.get_analysis(&id).unwrap().unwrap(), v2);
    assert_eq!(count(&store, "claims"), 2);
    let listed = store.claims(&ClaimFilter::default()).unwrap();
    assert_eq!(listed[0].claim.checkworthiness, 0.9);
    assert_eq!(listed[0].index, 0);
    // An older analysis does not replace a newer one.
    let v1 = StoredAnalysis {
        version: 1,
        analysis: claims_analysis(),
    };
    assert_eq!(store.save_analyses(&[(id.clone(), v1)]).unwrap(), 0);
    assert_eq!(count(&store, "claims"), 2);
    let v3 = StoredAnalysis {
        version: 3,
        analysis: DocAnalysis::default(),
    };
    assert_eq!(store.save_analyses(&[(id.clone(), v3.clone())]).unwrap(), 1);
    assert_eq!(store.get_analysis(&id).unwrap().unwrap(), v3);
    assert_eq!(count(&store, "claims"), 0);
}

#[test]
fn claims_that_do_not_fit_their_analysis_refuse_the_batch() {
    type Breaker = fn(&mut DocClaim);
    let breakers: Vec<(&str, Breaker)> = vec![
        ("subject", |c| c.subjects.push(7)),
        ("source", |c| c.attribution.entity = Some(2)),
        ("quote", |c| c.attribution.quote = Some(1)),
        ("span", |c| c.span = Span::new(0, 10_000)),
        ("object", |c| c.object = Some(Span::new(5, 4))),
        ("amount", |c| c.amounts[0].end = 10_000),
        ("number", |c| c.amounts[0].value = f64::NAN),
        ("time", |c| {
            // Inside the "’" of "ministry’s": not a character boundary.
            let at = TEXT.find('’').unwrap() + 1;
            c.time.as_mut().unwrap().start = at;
        }),
        ("checkworthiness", |c| c.checkworthiness = f32::NAN),
    ];
    for (what, breaks) in breakers {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let mut bad = claims_doc("bad", 1);
        breaks(&mut bad.analysis.as_mut().unwrap().analysis.claims[0]);
        let err = store
            .insert_documents(&[claims_doc("ok", 1), bad])
            .unwrap_err();
        assert!(
            matches!(err, StoreError::InvalidAnalysis { .. }),
            "{what}: {err}"
        );
        assert_eq!(store.count_documents().unwrap(), 0, "{what}");
        assert_eq!(count(&store, "claims"), 0, "{what}");
    }
}

#[test]
fn a_schema_2_database_is_migrated_and_keeps_its_analyses() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    let old = claims_doc("old", 1);
    let mut without_claims = claims_analysis();
    without_claims.claims.clear();
    let v1 = StoredAnalysis {
        version: 1,
        analysis: without_claims,
    };
    {
        // A database as the release before claims wrote it: migrations 1
        // and 2, one document analysed by analysis version 1.
        let conn = Connection::open(&path).unwrap();
        for m in &schema::MIGRATIONS[..2] {
            conn.execute_batch(m.sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 2).unwrap();
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID)
            .unwrap();
        rows::insert_document(&conn, &old, 0, false).unwrap();
        // Today's writer fills the link keys of migration 13: add them for
        // it, then drop them, which leaves what schema 2 had.
        conn.execute_batch(
            "ALTER TABLE doc_entities ADD COLUMN link_key TEXT; \
             ALTER TABLE doc_entities ADD COLUMN link_last TEXT;",
        )
        .unwrap();
        crate::analysis::insert_analysis(&conn, &old.doc.id, &v1).unwrap();
        conn.execute_batch(
            "ALTER TABLE doc_entities DROP COLUMN link_key; \
             ALTER TABLE doc_entities DROP COLUMN link_last;",
        )
        .unwrap();
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'claims'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 0);
    }
    let mut store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(store.get_document(&old.doc.id).unwrap().unwrap(), old.doc);
    assert_eq!(store.get_analysis(&old.doc.id).unwrap(), Some(v1));
    assert!(store.claims(&ClaimFilter::default()).unwrap().is_empty());
    // The next analysis version re-analyses it, claims included.
    assert_eq!(store.analysis_backlog(2).unwrap(), vec![old.doc.id.clone()]);
    let v2 = StoredAnalysis {
        version: 2,
        analysis: claims_analysis(),
    };
    assert_eq!(
        store
            .save_analyses(&[(old.doc.id.clone(), v2.clone())])
            .unwrap(),
        1
    );
    assert_eq!(store.get_analysis(&old.doc.id).unwrap(), Some(v2));
    assert_eq!(store.claims(&ClaimFilter::default()).unwrap().len(), 3);
    drop(store);
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert!(store.analysis_backlog(2).unwrap().is_empty());
}
