//! Updates: documents ingested into a store that has stories are placed
//! into them (the cluster stage's stored state), and the result is what
//! one ingest of everything gives (titles aside: see `without_titles`).

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// Four unrelated stories, two reports each, written for this test.
const STORIES: [[&str; 2]; 4] = [
    [
        "The harbour authority of Marrowby closed the northern quay on Monday after divers found \
         cracks in the concrete piles that carry the grain terminal. Ships bound for the terminal \
         were sent to the southern berths while engineers measured the damage, and the authority \
         said repairs to the piles could take most of the summer.",
        "Engineers in Marrowby began shoring up the cracked piles under the grain terminal on \
         Tuesday, a day after the harbour authority closed the northern quay. Grain ships waited \
         at the southern berths, and the authority repeated that the quay would stay shut while \
         divers mapped every crack in the concrete.",
    ],
    [
        "Orchard growers in the Tessel valley lost much of their cherry crop to a hailstorm on \
         Saturday night, the growers' cooperative said. Hailstones the size of marbles stripped \
         blossom and young fruit from trees across four villages, and the cooperative asked the \
         regional government for emergency help for the growers hit worst.",
        "The regional government promised emergency payments to cherry growers in the Tessel \
         valley after Saturday's hailstorm destroyed blossom and fruit across four villages. The \
         growers' cooperative welcomed the help but said many orchards would bear no cherries at \
         all this year and some growers might not replant.",
    ],
    [
        "The city library of Quenford will open on Sundays from next month, the council's culture \
         committee decided on Wednesday. Librarians will staff the reading rooms and the children's \
         floor from noon, and the committee set aside money for two more librarians so that the \
         weekday opening hours do not shrink.",
        "Quenford's culture committee defended its plan to open the city library on Sundays, after \
         the librarians' union asked how the reading rooms would be staffed. The committee said the \
         two new librarians it funded on Wednesday would cover the Sunday hours and the children's \
         floor without cutting weekday opening.",
    ],
    [
        "Volunteers counted more than four hundred nesting terns on the gravel islands of Lake \
         Ardel this spring, the bird society reported, the highest count in a decade. The society \
         credited the fences that keep foxes off the islands and asked anglers to keep their boats \
         away from the nesting colonies until August.",
        "The bird society of Lake Ardel extended its fox fences to a third gravel island after \
         this spring's record count of nesting terns. Volunteers will watch the colonies at dawn \
         through July, and the society again asked anglers and boat owners to stay clear of the \
         islands while the chicks fledge.",
    ],
];

/// A new story, unrelated to the others.
const NEW_STORY: &str = "A ferry on the Pellow estuary ran aground on a sandbank at low tide on \
    Thursday morning with sixty passengers aboard, the coast guard said. Nobody was hurt, and the \
    passengers waited on deck for three hours until the rising tide floated the ferry free and it \
    returned under its own power to the Pellow landing.";

fn record(url: &str, outlet: &str, date: &str, title: &str, text: &str) -> String {
    serde_json::json!({
        "url": url,
        "outlet": outlet,
        "published": date,
        "title": title,
        "text": text,
    })
    .to_string()
}

/// The records of [`STORIES`]: two outlets, a day apart.
fn base_records() -> Vec<String> {
    let mut base = Vec::new();
    for (s, reports) in STORIES.iter().enumerate() {
        for (r, text) in reports.iter().enumerate() {
            base.push(record(
                &format!("https://news{r}.example/story{s}"),
                &format!("News {r}"),
                &format!("2026-03-{:02}", 10 + r),
                &format!("Story {s} report {r}"),
                text,
            ));
        }
    }
    base
}

fn write(dir: &Path, name: &str, records: &[String]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, records.join("\n") + "\n").unwrap();
    path
}

/// The story that holds a document, and the document's original.
fn story_of<'a>(export: &'a serde_json::Value, doc: &str) -> &'a serde_json::Value {
    export["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["document_ids"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d == doc)
        })
        .unwrap_or_else(|| panic!("{doc} is in no story"))
}

fn id_of(export: &serde_json::Value, url: &str) -> String {
    export["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["url"] == url)
        .unwrap_or_else(|| panic!("no document {url}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn updates_place_copies_backfills_and_new_stories_as_one_ingest_would() {
    let dir = tempfile::tempdir().unwrap();
    let base = write(dir.path(), "base.jsonl", &base_records());
    // A later copy of the harbour story's first report.
    let copy = write(
        dir.path(),
        "copy.jsonl",
        &[record(
            "https://wire.example/harbour",
            "Wire",
            "2026-03-14",
            "Harbour quay closed",
            STORIES[0][0],
        )],
    );
    // An earlier version of the library story's first report: it becomes
    // the original, and the story is named after it.
    let earlier = write(
        dir.path(),
        "earlier.jsonl",
        &[record(
            "https://early.example/library",
            "Early",
            "2026-03-01",
            "Library on Sundays",
            STORIES[2][0],
        )],
    );
    let new = write(
        dir.path(),
        "new.jsonl",
        &[record(
            "https://coast.example/ferry",
            "Coast",
            "2026-03-12",
            "Ferry aground",
            NEW_STORY,
        )],
    );

    let db = Db::new();
    assert!(db.ingest(&[&base]).status.success());
    let before = db.export();
    assert_eq!(before["stories"].as_array().unwrap().len(), 4, "{before:#}");
    let library = id_of(&before, "https://news0.example/story2");
    let terns = story_of(&before, &id_of(&before, "https://news0.example/story3")).clone();

    for (path, name) in [(&copy, "copy"), (&earlier, "earlier"), (&new, "new")] {
        let out = db.run(&["ingest", "--format", "json", path.to_str().unwrap()]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            summary["stories"]["placed_into_stored_stories"], 1,
            "{name}: placed by an update: {summary:#}"
        );
        assert_eq!(
            summary["corroboration"]["stories_corroborated"], 1,
            "{name}: only the story it changed is corroborated again: {summary:#}"
        );
    }
    let after = db.export();

    let wire = id_of(&after, "https://wire.example/harbour");
    let harbour = id_of(&after, "https://news0.example/story0");
    let story = story_of(&after, &wire);
    assert_eq!(story["id"], format!("s-{harbour}"));
    assert_eq!(story["document_ids"].as_array().unwrap().len(), 3);
    let copies = story["copies"].to_string();
    assert!(
        copies.contains(&wire) && copies.contains(&harbour),
        "{copies}"
    );

    let early = id_of(&after, "https://early.example/library");
    let story = story_of(&after, &library);
    assert_eq!(
        story["id"],
        format!("s-{early}"),
        "renamed after its earliest document"
    );
    assert_eq!(story["document_ids"][0], early.as_str());
    assert!(after["stories"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["id"] != format!("s-{library}")));

    let ferry = id_of(&after, "https://coast.example/ferry");
    assert_eq!(story_of(&after, &ferry)["id"], format!("s-{ferry}"));
    assert_eq!(after["stories"].as_array().unwrap().len(), 5);
    assert_eq!(
        story_of(&after, &id_of(&after, "https://news0.example/story3")),
        &terns,
        "a story no update touched is unchanged, findings and all"
    );

    let once = Db::new();
    let out = once.run(&[
        "ingest",
        "--format",
        "json",
        base.to_str().unwrap(),
        copy.to_str().unwrap(),
        earlier.to_str().unwrap(),
        new.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        summary["stories"]["placed_into_stored_stories"].is_null(),
        "a first ingest clusters everything"
    );
    assert_eq!(without_titles(once.export()), without_titles(after.clone()));

    let rebuilt = db.run(&["rebuild"]);
    assert!(rebuilt.status.success(), "{}", stderr(&rebuilt));
    assert_eq!(without_titles(db.export()), without_titles(after));
}

/// Surnames: a report that names a person only by surname is linked to the
/// one full name of that surname; a later report naming another person of
/// that surname makes it ambiguous. An update must link as one ingest of
/// everything does: entities, quotes and their variants, and the claims'
/// entities.
#[test]
fn updates_link_entities_and_quote_variants_as_one_ingest_would() {
    let dir = tempfile::tempdir().unwrap();
    let mut base = base_records();
    let statement = "“We will rebuild the quay before the grain harvest arrives,” said";
    base.push(record(
        "https://news0.example/vance",
        "News 0",
        "2026-03-12",
        "Harbour master speaks",
        &format!(
            "{statement} Teodora Vance, the harbour master of Marrowby, on Wednesday. \
             Vance said the divers had finished mapping the cracks in the piles."
        ),
    ));
    // A name whose spelling most reports will change: the linked entity's
    // name, and so its id, change with the update (its stored members move).
    base.push(record(
        "https://news0.example/engineer",
        "News 0",
        "2026-03-12",
        "Engineer on the piles",
        "José Ferreira, the chief engineer of the harbour, said on Wednesday that every cracked \
         pile under the grain terminal would be replaced before the autumn.",
    ));
    // Reprints, so that the update stays small beside the store (a quarter
    // of it at most, or everything is linked again).
    for (s, reports) in STORIES.iter().enumerate().skip(1) {
        base.push(record(
            &format!("https://wire.example/story{s}"),
            "Wire",
            "2026-03-12",
            &format!("Story {s}"),
            reports[1],
        ));
    }
    let base = write(dir.path(), "base.jsonl", &base);
    // The same number of reports spelling it without the accent, which the
    // name's tie-break prefers.
    let engineer = record(
        "https://news3.example/engineer",
        "News 3",
        "2026-03-13",
        "Piles to be replaced",
        "Jose Ferreira, the chief engineer of the harbour, said on Thursday that divers \
         had found no new cracks in the piles under the grain terminal.",
    );
    let later = write(
        dir.path(),
        "later.jsonl",
        &[
            record(
                "https://news1.example/vance",
                "News 1",
                "2026-03-13",
                "Quay to reopen",
                &format!(
                    "{statement} Teodora Vance on Wednesday, adding that \
                     the southern berths would take the grain ships until then."
                ),
            ),
            record(
                "https://news2.example/other-vance",
                "News 2",
                "2026-03-14",
                "Council budget",
                "Harlan Vance, the council treasurer of Quenford, presented the budget on \
                 Thursday. Vance said the library would get two more librarians.",
            ),
            engineer,
        ],
    );
    let db = Db::new();
    assert!(db.ingest(&[&base]).status.success());
    let stored = db.export();
    let out = db.run(&["ingest", "--format", "json", later.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        summary["stories"]["placed_into_stored_stories"], 3,
        "{summary:#}"
    );
    let updated = db.export();
    let once = Db::new();
    assert!(once.ingest(&[&base, &later]).status.success());
    let all = once.export();
    for part in ["documents", "entities", "quotes", "claims"] {
        assert_eq!(updated[part], all[part], "{part}");
    }
    let names: Vec<&str> = updated["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(
        names.contains(&"Teodora Vance") && names.contains(&"Harlan Vance"),
        "{names:?}"
    );
    let name_of = |export: &serde_json::Value, needle: &str| -> Vec<String> {
        export["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["name"].as_str())
            .filter(|n| n.contains(needle))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(name_of(&stored, "Ferreira"), ["José Ferreira"]);
    assert_eq!(name_of(&updated, "Ferreira"), ["Jose Ferreira"]);
    let variants = updated["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| !q["variant_of"].is_null())
        .count();
    assert!(
        variants >= 1,
        "the harbour master's statement, reported twice: {:#}",
        updated["quotes"]
    );
    // (The stories may differ here: the first ingest's nine documents put
    // the harbour master's report in a story of its own, and a full
    // clustering of all eleven weighs the words differently; the stories'
    // agreement with a rebuild is measured by `bench-scale --stream`.)
}
