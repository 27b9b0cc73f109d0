//! End-to-end: corroboration in the pipeline and `crosscheck report` on the
//! demo corpus (`demo/README.md` says what a reader should find) and on the
//! seed corpus when the shared corpora are present: the briefing's sections
//! in text, Markdown, HTML and JSON, the story's findings in the export and
//! in `stories`, and the migration of a schema-4 database.

mod common;

use std::collections::BTreeMap;

use common::schema::{errors_against, schema};
use common::*;
use serde_json::Value;

fn demo_db() -> Db {
    let db = Db::new();
    let out = db.ingest(&[&repo().join("demo/corpus")]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

fn run_ok(db: &Db, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// The short ids (8 hex digits) of the documents whose source contains
/// each needle.
fn shorts(db: &Db, names: &[(&'static str, &str)]) -> BTreeMap<&'static str, String> {
    let docs = db.documents();
    names
        .iter()
        .map(|(name, needle)| {
            let d = docs
                .iter()
                .find(|d| d["source"].as_str().unwrap().contains(needle))
                .unwrap_or_else(|| panic!("no document from {needle}"));
            (*name, d["id"].as_str().unwrap()[..8].to_string())
        })
        .collect()
}

fn demo_shorts(db: &Db) -> BTreeMap<&'static str, String> {
    shorts(
        db,
        &[
            ("01", "01_straitreport"),
            ("02", "02_kestriatoday"),
            ("03", "03_newspulse"),
            ("04", "04_harborline"),
            ("05", "05_coastaltimes"),
            ("06", "06_harborline"),
            ("wire1", "meridianwire.example"),
            ("wire2", "kestria-civilian-help"),
            ("wire3", "veloria-kestria-saltmere-inspection-deal"),
        ],
    )
}

/// The lines of one section of the text briefing: from its heading (a line
/// that starts with `title`) to the next heading.
fn section<'a>(text: &'a str, title: &str) -> Vec<&'a str> {
    let mut lines = text.lines().skip_while(|l| !l.starts_with(title));
    let Some(_) = lines.next() else {
        panic!("no section {title} in:\n{text}");
    };
    lines
        .take_while(|l| l.is_empty() || l.starts_with(' '))
        .filter(|l| !l.is_empty())
        .collect()
}

/// The items of a section: each bullet with the lines under it, as one
/// string.
fn items(lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines {
        if l.trim_start().starts_with("• ") && l.starts_with("  •") {
            out.push(l.to_string());
        } else if let Some(last) = out.last_mut() {
            last.push('\n');
            last.push_str(l);
        }
    }
    out
}

fn item_with<'a>(items: &'a [String], needle: &str) -> &'a String {
    items
        .iter()
        .find(|i| i.contains(needle))
        .unwrap_or_else(|| panic!("no item with {needle:?} in {items:#?}"))
}

#[test]
fn the_demo_briefing_confirms_facts_by_independent_outlets_and_counts_copies_once() {
    let db = demo_db();
    let id = demo_shorts(&db);
    let text = run_ok(&db, &["report"]);
    // Headline, date span, outlets with their documents.
    assert!(
        text.contains(&format!(
            "s-{}",
            db.documents()
                .iter()
                .find(|d| d["id"].as_str().unwrap().starts_with(&id["wire1"]))
                .unwrap()["id"]
                .as_str()
                .unwrap()
        )),
        "{text}"
    );
    assert!(
        text.contains(" · 2026-01-16 – 2026-05-20 · 9 documents · 7 outlets\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("Strait Report [{} 2026-02-04]", id["01"])),
        "{text}"
    );
    // The three developments, each citing its documents.
    let timeline = section(&text, "TIMELINE");
    assert_eq!(timeline.len(), 6, "{timeline:#?}");
    assert!(timeline[1].contains(&format!("{} Meridian Wire 2026-01-16", id["wire1"])));
    assert!(timeline[4].starts_with("  2026-05-19 – 2026-05-20  "));

    // Confirmed: the offer, the 31-hour fire, the injured workers, the
    // solvent; each by several independent sources, with the documents
    // leaning on one upstream report counted once.
    let confirmed = items(&section(&text, "WHAT IS CONFIRMED"));
    let offer = item_with(&confirmed, "two patrol vessels and the firefighting");
    // Named as reporting chains: the wire and the two pages resting on
    // it, then the two outlets of their own.
    assert!(
        offer.contains(
            "3 independent reporting chains: Meridian Wire (Meridian Wire, Harborline News, \
             Kestria Today), The Coastal Times, Northgate Ledger · 5 documents"
        ),
        "{offer}"
    );
    assert!(
        offer.contains("3 of 5 documents count once: all cite Meridian Wire"),
        "{offer}"
    );
    for fact in [
        "burned for 31 hours",
        "Eleven dock workers",
        "about 240 tonnes",
    ] {
        let item = item_with(&confirmed, fact);
        assert!(item.contains("2 independent reporting chains: "), "{item}");
    }
    // The rejection is confirmed by four chains; what Arvelo told reporters with it, by
    // The Coastal Times alone.
    let rejection = item_with(&confirmed, "turned down Kestria's offer");
    assert!(
        rejection.contains("    in parts:")
            && rejection.contains(
                "“President Tomas Arvelo on Tuesday turned down Kestria's offer to send navy ships \
                 to Saltmere” (its main claim): 4 independent reporting chains"
            )
            && rejection.contains(
                "“telling reporters at the Amber Palace that the clean-up of the city's harbour \
                 would remain in Velorian hands.”: The Coastal Times only"
            ),
        "{rejection}"
    );
    // Every item cites its documents (short id, outlet, date), then gives
    // each further document's sentence.
    for item in &confirmed {
        // What parts of it each chain states comes after.
        let lines: Vec<&str> = item.lines().take_while(|l| *l != "    in parts:").collect();
        let sentences = lines.iter().filter(|l| l.starts_with("      ")).count();
        let last = lines[lines.len() - 1 - sentences].trim();
        let cites = last
            .strip_prefix('[')
            .and_then(|l| l.strip_suffix(']'))
            .unwrap_or_else(|| panic!("{item}"));
        assert_eq!(sentences + 1, cites.split("; ").count(), "{item}");
        for c in cites.split("; ") {
            let mut parts = c.split(' ');
            let short = parts.next().unwrap();
            assert!(id.values().any(|x| x == short), "{c} in {item}");
            assert!(c.ends_with(char::is_numeric), "{c}: a date last");
        }
    }

    // Single source: the four statistics of the machine-written site, no
    // source named; the wire copy merged with its original.
    let single = items(&section(&text, "SINGLE-SOURCE CLAIMS"));
    for stat in ["by 23%", "41% of Veloria", "reached 67%"] {
        let item = item_with(&single, stat);
        assert!(item.contains("only, no source named"), "{item}");
        assert!(item.contains(&format!("[{} ", id["03"])), "{item}");
    }
    let deal = item_with(&single, "joint inspections of chemical berths");
    assert!(
        deal.contains(&format!(
            "2 of 2 documents count once: {} is a copy of {}",
            id["wire3"], id["06"]
        )),
        "{deal}"
    );
    assert!(
        deal.contains("one source: Harborline News, Northgate Ledger"),
        "{deal}"
    );

    // Who said what: Arvelo's statement in both translations, Solvang's.
    let said = section(&text, "WHO SAID WHAT");
    let said = said.join("\n");
    assert!(said.contains("  Tomas Arvelo"), "{said}");
    assert!(said.contains("\"We thank our neighbours"), "{said}");
    assert!(
        said.contains("other wording: \"We are grateful to our neighbours"),
        "{said}"
    );
    assert!(said.contains("  Henrik Solvang"), "{said}");
    assert!(said.contains("  Marisol Deverra"), "{said}");

    // Outlet notes: the outlets' signals, each line a figure with its
    // documents; the filler site first, with the numbers no other outlet
    // carries, its repeated paragraph and its stock phrases.
    let notes = section(&text, "OUTLET NOTES (signals, not verdicts)");
    assert!(
        notes[0].starts_with(
            "  • PulseWave Digital: 4 of 4 check-worthy claims (100%) name no source, over 1 document ["
        ),
        "{notes:#?}"
    );
    assert!(notes[0].contains(&id["03"]), "{notes:#?}");
    let pulse: Vec<&&str> = notes
        .iter()
        .filter(|l| l.starts_with("  • PulseWave Digital: "))
        .collect();
    for figure in [
        "4 of 5 numbers in its claims (80%) appear in no document of another outlet of the same story, over 1 document: “23%”, “$310 million”, “41%”, “67%”",
        "1 duplicated paragraph in 1 of 1 document (0 in the clean text, 1 removed by the extractor)",
        "“The coming months will be critical”",
    ] {
        assert!(pulse.iter().any(|l| l.contains(figure)), "{figure}: {pulse:#?}");
    }
    // Strait Report's theme placeholder, removed by the extractor.
    assert!(
        notes.iter().any(
            |l| l.starts_with("  • Strait Report: 1 template or placeholder text")
                && l.contains("FooBar")
                && l.contains(&id["01"])
        ),
        "{notes:#?}"
    );
    // Every line cites its documents.
    for l in &notes {
        let cites = l.rsplit_once(" [").map(|(_, c)| c).unwrap_or_default();
        assert!(cites.ends_with(']') && cites.len() > 8, "{l}");
    }
}

#[test]
fn the_demo_briefing_finds_everything_demo_readme_lists() {
    let db = demo_db();
    let id = demo_shorts(&db);
    let text = run_ok(&db, &["report"]);
    // The rejection, worded differently by each outlet, is one confirmed
    // fact (not chained to the offer it rejects).
    let confirmed = items(&section(&text, "WHAT IS CONFIRMED"));
    let rejection = item_with(&confirmed, "reject");
    assert!(
        rejection.contains("independent reporting chains"),
        "{rejection}"
    );
    for doc in ["02", "03"] {
        assert!(rejection.contains(&id[doc]), "{doc}: {rejection}");
    }
    for doc in ["04", "wire1"] {
        assert!(
            !rejection.contains(&id[doc]),
            "the offer's {doc}: {rejection}"
        );
    }
    // The amount of solvent: nearly 300 tonnes (file 02 only) against the
    // port authority's 240, which stays confirmed.
    let contested = items(&section(&text, "CONTESTED POINTS"));
    let solvent = item_with(&contested, "nearly 300 tonnes against about 240 tonnes");
    assert!(solvent.contains(&format!("[{} ", id["02"])), "{solvent}");
    assert!(solvent.contains(&id["05"]), "{solvent}");
    // Each side with its chains, and the side more chains give.
    assert!(
        solvent.contains("'nearly 300 tonnes': 1 independent reporting chain ("),
        "{solvent}"
    );
    assert!(
        solvent.contains("'about 240 tonnes': 2 independent reporting chains ("),
        "{solvent}"
    );
    assert!(
        solvent.contains("; more give 'about 240 tonnes'"),
        "{solvent}"
    );
    assert!(!solvent.contains("contradicts itself"), "{solvent}");
    assert!(item_with(&confirmed, "about 240 tonnes").contains("independent reporting chains"));
    // The wrong title, file 03 first, against the others' title.
    let title = item_with(&contested, "Marisol Deverra");
    assert!(
        title.starts_with(&format!(
            "  • Marisol Deverra: 'Maritime Minister' [{} ",
            id["03"]
        )),
        "{title}"
    );
    assert!(
        title.contains("against 'Deputy Minister for Maritime Affairs' ["),
        "{title}"
    );
}

#[test]
fn the_seed_briefing_has_the_rejection_the_unsourced_statistics_and_the_wrong_title() {
    let Some((db, out)) = seeds_db() else {
        return;
    };
    assert!(matches!(out.status.code(), Some(0 | 3)), "{}", stderr(&out));
    let text = run_ok(&db, &["report"]);
    let confirmed = items(&section(&text, "WHAT IS CONFIRMED"));
    let rejection = item_with(
        &confirmed,
        "firmly rejected an offer of U.S. military assistance",
    );
    // Documents of unknown outlet are named by their id; the two pages
    // resting on the Wall Street Journal are one chain; the November page
    // and the undated page about a Pentagon directive are other
    // developments, not this rejection.
    assert!(
        rejection.contains(
            "2 independent reporting chains: Wall Street Journal (News Journos, 119337ec), \
             USA Herald (Thin Line News) · 3 documents"
        ),
        "{rejection}"
    );
    assert!(
        rejection.contains("2 of 3 documents count once: all cite Wall Street Journal"),
        "{rejection}"
    );
    // Each further document with the sentence that carries the fact.
    assert!(
        rejection.contains(
            "      119337ec: “Mexican President Claudia Sheinbaum has publicly declined an offer of \
             military assistance"
        ),
        "{rejection}"
    );
    // The designation is confirmed, as a part of Thin Line News's sentence; what it led to
    // rests on Thin Line News alone, and the briefing says which part each chain states.
    let part = item_with(&confirmed, "“Trump's recent designation of several cartels");
    assert!(
        part.contains("(part of a single-source claim below)")
            && part.contains(
                "2 independent reporting chains: USA Herald (Thin Line News), Wall Street Journal \
                 (119337ec) · 2 documents"
            ),
        "{part}"
    );
    let single = items(&section(&text, "SINGLE-SOURCE CLAIMS"));
    let designation = item_with(&single, "recent designation of several cartels");
    for line in [
        "    Thin Line News only, no source named [5ccdb50e Thin Line News 2025-05-05]",
        "      119337ec (in part): “Moreover, Trump has classified drug cartels",
        "    in parts:",
        "      “has already led to increased U.S. military presence along the southern border” \
         (its main claim): USA Herald (Thin Line News) only",
    ] {
        assert!(designation.contains(line), "{line} in {designation}");
    }
    // Confirming the rejection in a speech is not confirming the offer.
    assert!(
        !confirmed
            .iter()
            .any(|c| c.contains("during a speech in eastern Mexico")),
        "{confirmed:#?}"
    );
    let timeline = section(&text, "TIMELINE");
    assert!(
        timeline.iter().any(|l| l.starts_with("  undated  ")),
        "the Pentagon page is an undated development: {timeline:#?}"
    );
    let single = items(&section(&text, "SINGLE-SOURCE CLAIMS"));
    for stat in [
        "budget by 15%",
        "homicides by 12%",
        "$500 million aid package",
        "corruption by 20%",
    ] {
        let item = item_with(&single, stat);
        assert!(
            item.contains("AIWorldNewz.com only, no source named"),
            "{item}"
        );
    }
    let contested = section(&text, "CONTESTED POINTS").join("\n");
    let docs = db.documents();
    let wrong = docs
        .iter()
        .find(|d| {
            d["text"]
                .as_str()
                .unwrap()
                .contains("former U.S. President Donald Trump")
        })
        .unwrap();
    let wrong = &wrong["id"].as_str().unwrap()[..8];
    assert!(
        contested.contains(&format!(
            "  • Donald Trump: 'former U.S. President' [{wrong}] against "
        )),
        "{contested}"
    );
    assert!(contested.contains("'U.S. President' ["), "{contested}");
    // "President" and "U.S. President" are one side, not two; the reader is
    // told each side's independent reporting chains, by name, and which
    // side more of them give.
    assert!(!contested.contains("'President' ["), "{contested}");
    assert!(
        contested.contains(&format!(
            "'former U.S. President': 1 independent reporting chain (Wall Street Journal \
             ({wrong})); 'U.S. President': 3 independent reporting chains (Wall Street Journal \
             (News Journos), AIWorldNewz.com, New York Times ("
        )),
        "{contested}"
    );
    assert!(
        contested.contains(")); more give 'U.S. President'"),
        "{contested}"
    );

    // JSON: the same content; its facts and role conflicts validate.
    let v: Value = serde_json::from_str(&run_ok(&db, &["report", "--format", "json"])).unwrap();
    let b = &v.as_array().unwrap()[0];
    let stats = b["single_source"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            c["unattributed"] == true && c["outlets"] == serde_json::json!(["AIWorldNewz.com"])
        })
        .count();
    assert!(stats >= 4, "{stats}");
    assert_eq!(b["role_conflicts"][0]["entity"], "Donald Trump");
}

#[test]
fn the_briefing_in_json_holds_the_export_shapes_and_a_story_is_chosen_by_id_or_prefix() {
    let db = demo_db();
    let schema = schema();
    let all: Value = serde_json::from_str(&run_ok(&db, &["report", "--format", "json"])).unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 1);
    let b = &all[0];
    let story = b["id"].as_str().unwrap().to_string();
    let mut errors = Vec::new();
    for (key, def) in [
        ("confirmed", "story_claim"),
        ("single_source", "story_claim"),
        ("contested", "story_claim"),
        ("role_conflicts", "role_conflict"),
        ("timeline", "episode"),
    ] {
        for (i, x) in b[key].as_array().unwrap().iter().enumerate() {
            errors.extend(errors_against(&schema, def, x, &format!("{key}[{i}]")));
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(b["confirmed"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["status"] == "corroborated"));
    assert_eq!(b["documents"].as_array().unwrap().len(), 9);
    assert!(b["quotes"].as_array().unwrap().len() >= 4);
    assert!(!b["outlet_notes"].as_array().unwrap().is_empty());
    // One story by its id or a prefix (with or without `s-`): one object.
    for wanted in [
        story.clone(),
        story[..8].to_string(),
        story[2..8].to_string(),
    ] {
        let one: Value =
            serde_json::from_str(&run_ok(&db, &["report", &wanted, "--format", "json"])).unwrap();
        assert_eq!(one["id"], story.as_str(), "{wanted}");
    }
    for unknown in ["s-ffffffffffff", "ffff", "s-0"] {
        let out = db.run(&["report", unknown]);
        assert_eq!(out.status.code(), Some(4), "{unknown}");
        assert!(stderr(&out).contains("no story"), "{}", stderr(&out));
    }
}

#[test]
fn an_indirect_statement_is_listed_under_the_quote_it_reports() {
    let db = Db::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.jsonl");
    let lines = [
        serde_json::json!({
            "url": "https://coastal.example/a", "title": "Arvelo rejects warships",
            "outlet": "The Coastal Times", "published": "2026-02-03",
            "text": "Velorian President Tomas Arvelo on Tuesday rejected Kestria's offer of navy ships. \
                     \"Veloria will never allow foreign warships into the Brenn Strait,\" Arvelo told \
                     reporters at the Amber Palace.",
        }),
        serde_json::json!({
            "url": "https://ledger.example/b", "title": "Veloria says no to Kestrian ships",
            "outlet": "Northgate Ledger", "published": "2026-02-04",
            "text": "Velorian President Tomas Arvelo said on Tuesday that Veloria would never let \
                     foreign warships enter the Brenn Strait. He rejected Kestria's offer of navy ships.",
        }),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, body).unwrap();
    let out = db.ingest(&[&path]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = run_ok(&db, &["report"]);
    let who = section(&text, "WHO SAID WHAT").join("\n");
    assert!(
        who.contains(
            "• \"Veloria will never allow foreign warships into the Brenn Strait\" (told)"
        ) && who.contains(
            "reported as: “Veloria would never let foreign warships enter the Brenn Strait” \
                 (said)"
        ),
        "{who}"
    );
    // Not the rejection, which is no statement of the quote.
    assert!(!who.contains("reported as: “Kestria's offer"), "{who}");
}

#[test]
fn markdown_and_html_briefings_escape_the_documents_text() {
    let db = Db::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.jsonl");
    let record = serde_json::json!({
        "url": "https://odd.example/a",
        "title": "Port <b>fire</b> & \"smoke\" in *Saltmere*",
        "outlet": "Odd <Outlet>",
        "published": "2026-01-15",
        "text": "The port authority said on Thursday that 240 tonnes of solvent <script>alert(1)</script> leaked from two tanks at the eastern quay of Saltmere. \
                 Eleven workers were treated for smoke inhalation & two remain in hospital, the authority said.",
    });
    std::fs::write(&path, format!("{record}\n")).unwrap();
    let out = db.ingest(&[&path]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = run_ok(&db, &["report", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.trim_end().ends_with("</html>"), "{html}");
    assert!(
        html.contains("Port &lt;b&gt;fire&lt;/b&gt; &amp; &quot;smoke&quot;"),
        "{html}"
    );
    assert!(html.contains("Odd &lt;Outlet&gt;"), "{html}");
    assert!(
        html.contains("solvent &lt;script&gt;alert(1)&lt;/script&gt; leaked"),
        "{html}"
    );
    assert!(!html.contains("<b>fire"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<Outlet>"), "{html}");
    // Self-contained: no external asset, no script.
    for external in ["src=", "href=", "url(", "<link"] {
        assert!(!html.contains(external), "{external} in {html}");
    }
    let md = run_ok(&db, &["report", "--format", "md"]);
    assert!(
        md.starts_with("# Port \\<b\\>fire\\</b\\> & \"smoke\" in \\*Saltmere\\*\n"),
        "{md}"
    );
    for heading in [
        "## Timeline",
        "## What is confirmed",
        "## Single-source claims",
        "## Contested points",
        "## Who said what",
        "## Outlet notes (signals, not verdicts)",
    ] {
        assert!(md.contains(&format!("\n{heading}\n")), "{heading} in {md}");
    }
    assert!(
        md.contains("solvent \\<script\\>alert(1)\\</script\\> leaked"),
        "{md}"
    );
}

#[test]
fn markdown_and_html_give_each_document_s_sentence_and_each_side_s_chains() {
    let db = demo_db();
    let md = run_ok(&db, &["report", "--format", "md"]);
    let html = run_ok(&db, &["report", "--format", "html"]);
    for page in [&md, &html] {
        assert!(
            page.contains("“Port officials say about 240 tonnes of industrial solvent escaped from two damaged tanks.”"),
            "{page}"
        );
        assert!(page.contains(" (in part): “"), "{page}");
        assert!(
            page.contains("'nearly 300 tonnes': 1 independent reporting chain (")
                || page.contains("&#39;nearly 300 tonnes&#39;: 1 independent reporting chain (")
                || page.contains("&apos;nearly 300 tonnes&apos;: 1 independent reporting chain ("),
            "{page}"
        );
    }
}

#[test]
fn the_export_and_stories_carry_each_story_s_findings() {
    let db = demo_db();
    let v = db.export();
    let texts: BTreeMap<String, String> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().into(),
                d["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    let s = &v["stories"][0];
    let story = s["id"].as_str().unwrap();
    let claims = s["claims"].as_array().unwrap();
    assert!(claims.len() > 10, "{}", claims.len());
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, c) in claims.iter().enumerate() {
        assert_eq!(c["id"], format!("{story}-k{k}"));
        assert_eq!(
            c["independent_sources"].as_u64().unwrap() as usize,
            c["sources"].as_array().unwrap().len()
        );
        // Every piece of evidence is the span of its document it says.
        for e in c["evidence"].as_array().unwrap() {
            let text = &texts[e["document_id"].as_str().unwrap()];
            let (a, b) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[a..b], e["text"].as_str().unwrap());
        }
        assert_eq!(c["text"], c["evidence"][0]["text"]);
        *counts.entry(c["status"].as_str().unwrap()).or_default() += 1;
    }
    assert!(counts["corroborated"] >= 4, "{counts:?}");
    // `stories` shows the counts, in text and JSON.
    let listing = run_ok(&db, &["stories"]);
    assert!(
        listing.contains(&format!(
            "  facts: {} corroborated · {} single-source · {} contested · ",
            counts["corroborated"],
            counts["single_source"],
            counts.get("contested").copied().unwrap_or(0)
        )),
        "{listing}"
    );
    let json: Value = serde_json::from_str(&run_ok(&db, &["stories", "--format", "json"])).unwrap();
    assert_eq!(json[0]["counts"]["corroborated"], counts["corroborated"]);
    assert_eq!(json[0]["claims"], s["claims"]);
    // The ingest summary counts them too.
    let summary: Value = serde_json::from_str(&run_ok(
        &db,
        &[
            "ingest",
            "--format",
            "json",
            repo().join("demo/corpus").to_str().unwrap(),
        ],
    ))
    .unwrap();
    assert_eq!(
        summary["corroboration"]["corroborated"],
        counts["corroborated"]
    );
    assert_eq!(summary["corroboration"]["claims"], claims.len());
}

#[test]
fn a_database_of_schema_4_is_migrated_and_corroborated_by_the_next_ingest() {
    let fresh = demo_db();
    let old = Db::new();
    std::fs::copy(fresh.path(), old.path()).unwrap();
    {
        let conn = rusqlite::Connection::open(old.path()).unwrap();
        conn.execute_batch(&format!("{BACK_TO_SCHEMA_4} PRAGMA user_version = 4;"))
            .unwrap();
    }
    // Reading migrates; no findings until the next ingest.
    let text = run_ok(&old, &["report"]);
    assert!(text.contains("\nWHAT IS CONFIRMED (0)\n  none\n"), "{text}");
    assert!(old.export()["stories"][0]["claims"]
        .as_array()
        .unwrap()
        .is_empty());
    let s = run_ok(
        &old,
        &["ingest", repo().join("demo/corpus").to_str().unwrap()],
    );
    assert!(s.contains("ingested 0, unchanged 9, failed 0"), "{s}");
    assert!(s.contains("facts: "), "{s}");
    assert_eq!(
        old.run(&["export", "--format", "json"]).stdout,
        fresh.run(&["export", "--format", "json"]).stdout
    );
    assert_eq!(run_ok(&old, &["report"]), run_ok(&fresh, &["report"]));
}
