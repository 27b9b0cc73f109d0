//! The five seed pages as a careful reader groups them: one story, its
//! dated developments on a timeline and an undated one, no copies. Skipped when the seeds are
//! absent.

#[path = "../../nlp/tests/support/mod.rs"]
mod support;

use crosscheck_cluster::{cluster, DocInput};
use crosscheck_extract::{clean_page_text, LineEvidence};
use crosscheck_model::{EntityKind, Metadata};

fn inputs() -> Option<Vec<DocInput>> {
    Some(
        support::seeds()?
            .into_iter()
            .map(|(name, raw)| {
                let doc = clean_page_text(&raw, &Metadata::default(), &LineEvidence::default());
                let text = doc.text();
                let mut entities: Vec<String> = crosscheck_nlp::analyze(&text)
                    .entities
                    .into_iter()
                    .filter(|e| e.kind != EntityKind::Other)
                    .map(|e| e.name)
                    .collect();
                entities.sort();
                entities.dedup();
                DocInput {
                    id: name,
                    published: doc.published.clone(),
                    title: doc.title.clone(),
                    text,
                    entities,
                }
            })
            .collect(),
    )
}

#[test]
fn the_seeds_are_one_story_with_dated_episodes() {
    let Some(docs) = inputs() else { return };
    let c = cluster(&docs);
    assert_eq!(c.stories.len(), 1, "{:#?}", c.stories);
    let story = &c.stories[0];
    assert_eq!(story.documents.len(), 5);
    assert_eq!(story.start.as_deref(), Some("2025-05-03"));
    assert_eq!(story.end.as_deref(), Some("2025-11-19"));
    assert!(story.title.contains("Mexic"), "{}", story.title);
    // The May reports are one development, November another.
    let dates: Vec<(Option<&str>, Option<&str>)> = story
        .episodes
        .iter()
        .map(|e| (e.start.as_deref(), e.end.as_deref()))
        .collect();
    assert_eq!(
        dates,
        [
            (Some("2025-05-03"), Some("2025-05-05")),
            (Some("2025-11-19"), Some("2025-11-19")),
            (None, None)
        ]
    );
    let names = |e: usize| -> Vec<&str> {
        let mut v: Vec<&str> = story.episodes[e]
            .documents
            .iter()
            .map(|&d| &docs[d].id[..3])
            .collect();
        v.sort();
        v
    };
    // The undated rewrite of the May news (its lead: Sheinbaum "declined an offer of military
    // assistance") joins May; the undated page about a Pentagon directive is a development of its
    // own, not the May offer, though its words are as close to the May reports.
    assert_eq!(names(0), ["001", "003", "004"], "{:#?}", story.episodes);
    assert_eq!(names(1), ["000"]);
    assert_eq!(names(2), ["002"]);
    // Rewrites of one event are not copies.
    assert!(c.copies.is_empty(), "{:?}", c.copies);
}
