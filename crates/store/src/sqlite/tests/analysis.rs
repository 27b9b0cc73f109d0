//! Tests of analyses and links in [`SqliteStore`].

use super::*;
use crate::{Links, QuoteVariant, StoredAnalysis};
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
        ..Default::default()
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
    assert!(store.quotes().unwrap().iter().all(
        |q| q.variant_of.is_none() && q.speaker.as_ref().is_none_or(|s| s.entity_id.is_none())
    ));
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
        .relink(&mut |source| {
            source.for_each_link_document(&mut |d| {
                // Linking reads entities and quotes, not mentions or claims.
                assert!(d.analysis.claims.is_empty());
                assert!(d.analysis.entities.iter().all(|e| e.mentions.is_empty()));
                ids.push(d.id);
                Ok(())
            })?;
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
