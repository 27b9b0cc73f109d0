//! Fixtures written for the project: a wire story syndicated by three
//! outlets, two unrelated stories, an undated report, a story that returns
//! months later; and properties of the clustering on random input.

use crosscheck_cluster::{cluster, DocInput};
use proptest::prelude::*;

const FIRE: &str = "A fire at the Saltmere chemical port burned for thirty-one hours before \
    firefighters brought it under control on Wednesday, the port authority said. About 240 \
    tonnes of industrial solvent leaked from two damaged tanks into the harbour, and eleven \
    workers were treated for smoke inhalation. The coast guard deployed six vessels to contain \
    the spill, while environmental engineers tested the water along the northern breakwater. \
    Port director Jonas Rieker said the damaged tanks had been sealed and pumping would begin \
    within days.";

const ELECTION: &str = "Voters in Kestria elect a new parliament on Sunday after a campaign \
    dominated by housing costs and rail strikes. Polls give the Harbour Party a narrow lead over \
    the governing coalition of Prime Minister Henrik Solvang, whose ministers defended their \
    record on wages at a final rally in Port Alvar. Turnout in the advance vote reached a \
    record, the electoral commission said, and counting begins when polls close at nine.";

fn doc(id: &str, date: Option<&str>, title: &str, text: &str, entities: &[&str]) -> DocInput {
    DocInput {
        id: id.into(),
        published: date.map(str::to_string),
        title: Some(title.into()),
        text: text.into(),
        entities: entities.iter().map(|e| e.to_string()).collect(),
    }
}

#[test]
fn syndicated_copies_group_under_the_earliest_and_share_its_story() {
    let docs = [
        doc(
            "b",
            Some("2026-01-15"),
            "Port fire contained",
            &format!("Harbor Line. {FIRE} Share this."),
            &["Saltmere", "Jonas Rieker"],
        ),
        doc(
            "a",
            Some("2026-01-14"),
            "Saltmere fire under control",
            FIRE,
            &["Saltmere", "Jonas Rieker"],
        ),
        doc(
            "c",
            Some("2026-01-16"),
            "Fire at chemical port",
            &format!("{FIRE} Read more: weather."),
            &["Saltmere", "Jonas Rieker"],
        ),
        doc(
            "e",
            Some("2026-01-15"),
            "Kestria votes",
            ELECTION,
            &["Kestria", "Henrik Solvang", "Port Alvar"],
        ),
    ];
    let c = cluster(&docs);
    assert_eq!(c.copies.len(), 1, "{:?}", c.copies);
    assert_eq!(c.copies[0].original, 1, "the earliest version");
    let copies: Vec<usize> = c.copies[0].copies.iter().map(|x| x.0).collect();
    assert_eq!(copies, [0, 2]);
    assert_eq!(c.stories.len(), 2, "{:#?}", c.stories);
    assert_eq!(c.stories[0].documents, [1, 0, 2]);
    assert_eq!(c.stories[0].title, "Saltmere fire under control");
    assert_eq!(c.stories[1].documents, [3]);
}

#[test]
fn undated_reports_and_later_developments() {
    let follow_up = "Three weeks after the Saltmere chemical port fire, the port authority \
        said pumping of the leaked solvent from the harbour had finished. Jonas Rieker told \
        reporters the damaged tanks would be dismantled and the northern breakwater reopened to \
        fishing boats once engineers confirm the water is clean.";
    let docs = [
        doc(
            "a",
            Some("2026-01-14"),
            "Saltmere fire under control",
            FIRE,
            &["Saltmere", "Jonas Rieker"],
        ),
        doc(
            "u",
            None,
            "Port fire: what we know",
            &FIRE.replace("Wednesday", "midweek").replace("eleven", "11"),
            &["Saltmere", "Jonas Rieker"],
        ),
        doc(
            "f",
            Some("2026-02-06"),
            "Saltmere spill pumped out",
            follow_up,
            &["Saltmere", "Jonas Rieker"],
        ),
    ];
    let c = cluster(&docs);
    assert_eq!(c.stories.len(), 1, "{:#?}", c.stories);
    let s = &c.stories[0];
    assert_eq!(s.documents, [0, 2, 1], "dated by date, then the undated");
    assert_eq!(
        (s.start.as_deref(), s.end.as_deref()),
        (Some("2026-01-14"), Some("2026-02-06"))
    );
    let episodes: Vec<&[usize]> = s.episodes.iter().map(|e| e.documents.as_slice()).collect();
    assert_eq!(
        episodes,
        [&[0, 1][..], &[2][..]],
        "the undated report joins the first development"
    );
    assert_eq!(s.episodes[1].title, "Saltmere spill pumped out");
}

#[test]
fn empty_and_untitled_input() {
    assert!(cluster(&[]).stories.is_empty());
    let c = cluster(&[DocInput {
        id: "x".into(),
        text: "One two three four five six seven eight nine ten eleven twelve thirteen".into(),
        ..Default::default()
    }]);
    assert_eq!(c.stories.len(), 1);
    assert_eq!(
        c.stories[0].title,
        "One two three four five six seven eight nine ten eleven twelve…"
    );
    assert!(c.stories[0].episodes[0].start.is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_document_is_in_exactly_one_story(
        texts in prop::collection::vec("[a-e ]{0,200}", 0..30),
        dates in prop::collection::vec(prop::option::of("20[0-9]{2}-[01][0-9]-[0-3][0-9]"), 30),
    ) {
        let docs: Vec<DocInput> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| DocInput {
                id: i.to_string(),
                published: dates[i].clone(),
                text: t.clone(),
                ..Default::default()
            })
            .collect();
        let c = cluster(&docs);
        let mut seen = vec![0; docs.len()];
        for s in &c.stories {
            prop_assert!(!s.documents.is_empty());
            for &d in &s.documents {
                seen[d] += 1;
            }
            let in_episodes: usize = s.episodes.iter().map(|e| e.documents.len()).sum();
            prop_assert_eq!(in_episodes, s.documents.len());
        }
        prop_assert!(seen.iter().all(|&n| n == 1), "{:?}", seen);
        for g in &c.copies {
            prop_assert!(g.original < docs.len() && g.copies.iter().all(|x| x.0 < docs.len()));
        }
        prop_assert_eq!(&c, &cluster(&docs));
    }
}
