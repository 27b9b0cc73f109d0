//! End-to-end: `crosscheck signals` on the demo corpus (`demo/README.md`
//! lists what a reader should notice: the machine-written site's repeated
//! paragraph, unsourced statistics and filler; the theme placeholder of
//! file 01; a clean-text record with no page around it), its filters and
//! exit codes, the `signals` of the export against the published schema,
//! and on the seed corpus, when present, the outlet that gives four
//! unsourced statistics.

mod common;

use std::collections::BTreeMap;

use common::schema::{errors_against, schema, validate};
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

fn json(db: &Db, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&run_ok(db, &all)).unwrap()
}

/// Document id by a needle of its source, and every document's text.
struct Docs {
    ids: BTreeMap<String, String>,
    texts: BTreeMap<String, String>,
}

impl Docs {
    fn of(db: &Db) -> Docs {
        let docs = db.documents();
        let ids = docs
            .iter()
            .map(|d| {
                (
                    d["source"].as_str().unwrap().to_string(),
                    d["id"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let texts = docs
            .iter()
            .map(|d| {
                (
                    d["id"].as_str().unwrap().to_string(),
                    d["text"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        Docs { ids, texts }
    }

    fn id(&self, needle: &str) -> &str {
        self.ids
            .iter()
            .find(|(source, _)| source.contains(needle))
            .map(|(_, id)| id.as_str())
            .unwrap_or_else(|| panic!("no document from {needle}"))
    }
}

fn doc_signals<'a>(signals: &'a Value, id: &str) -> &'a Value {
    signals["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["document_id"] == id)
        .unwrap_or_else(|| panic!("no signals for {id}"))
}

fn signal<'a>(doc: &'a Value, kind: &str) -> &'a Value {
    doc["signals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {doc}"))
}

fn outlet<'a>(signals: &'a Value, name: &str) -> &'a Value {
    signals["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["outlet"] == name)
        .unwrap_or_else(|| panic!("no outlet {name}"))
}

fn texts(evidence: &Value) -> Vec<&str> {
    evidence
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect()
}

/// Every span of evidence is the words it says, every share is
/// count / total in [0, 1], a signal that does not apply counts nothing.
fn check_spans_and_shares(signals: &Value, docs: &Docs) {
    for d in signals["documents"].as_array().unwrap() {
        let text = &docs.texts[d["document_id"].as_str().unwrap()];
        assert_eq!(d["signals"].as_array().unwrap().len(), 6, "{d}");
        for s in d["signals"].as_array().unwrap() {
            if let Some(share) = s["share"].as_f64() {
                let (c, t) = (s["count"].as_f64().unwrap(), s["total"].as_f64().unwrap());
                assert!((0.0..=1.0).contains(&share), "{s}");
                assert!((share - c / t).abs() < 1e-4, "{s}");
            }
            if s["applicable"] == false {
                assert_eq!(s["count"], 0, "{s}");
            }
            for e in s["evidence"].as_array().unwrap() {
                if let (Some(a), Some(b)) = (e["start"].as_u64(), e["end"].as_u64()) {
                    assert_eq!(&text[a as usize..b as usize], e["text"].as_str().unwrap());
                }
                if e["context"].is_object() {
                    let c = &e["context"];
                    let (a, b) = (c["start"].as_u64().unwrap(), c["end"].as_u64().unwrap());
                    assert_eq!(&text[a as usize..b as usize], c["text"].as_str().unwrap());
                }
            }
        }
    }
}

#[test]
fn the_demo_signals_show_the_filler_site_s_numbers_repeats_and_phrases_with_evidence() {
    let db = demo_db();
    let docs = Docs::of(&db);
    let all = json(&db, &["signals"]);
    assert_eq!(all["documents"].as_array().unwrap().len(), 9);
    check_spans_and_shares(&all, &docs);

    // File 03, the machine-written site: four statistics no other outlet
    // gives, each in a claim that names no source; its repeated paragraph,
    // removed by the extractor; its stock phrases.
    let pulse = doc_signals(&all, docs.id("03_newspulse"));
    let numbers = signal(pulse, "exclusive_numbers");
    assert_eq!(
        texts(&numbers["evidence"]),
        ["23%", "$310 million", "41%", "67%"]
    );
    for e in numbers["evidence"].as_array().unwrap() {
        let detail = e["detail"].as_str().unwrap();
        assert!(detail.ends_with("the claim names no source"), "{detail}");
        assert!(e["claim_id"].as_str().unwrap().starts_with(docs.id("03")));
        assert!(e["context"]["text"]
            .as_str()
            .unwrap()
            .contains(e["text"].as_str().unwrap()));
    }
    // Its four check-worthy claims (the closing "In conclusion, … a pivotal
    // moment" is commentary, not a claim) all name no source.
    let unsourced = signal(pulse, "unattributed_claims");
    assert_eq!(
        (&unsourced["count"], &unsourced["total"]),
        (&4.into(), &4.into())
    );
    let repeated = signal(pulse, "duplicated_paragraphs");
    assert_eq!(repeated["count"], 1);
    assert!(repeated["evidence"][0]["start"].is_null());
    assert!(repeated["evidence"][0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Veloria has firmly rejected Kestria's offer"));
    let filler = texts(&signal(pulse, "filler_phrases")["evidence"]);
    assert!(
        filler.contains(&"The coming months will be critical") && filler.contains(&"In conclusion"),
        "{filler:?}"
    );

    // File 01's theme placeholder, removed by the extractor; its chrome.
    let strait = doc_signals(&all, docs.id("01_straitreport"));
    let placeholder = signal(strait, "placeholder_text");
    assert_eq!(placeholder["count"], 1);
    assert!(placeholder["evidence"][0]["text"]
        .as_str()
        .unwrap()
        .contains("FooBar"));
    let chrome = signal(strait, "page_chrome");
    assert!(chrome["share"].as_f64().unwrap() > 0.3, "{chrome}");

    // The clean-text record (wire record 3) has no page: no chrome to
    // measure.
    let clean = doc_signals(&all, docs.id("veloria-kestria-saltmere-inspection-deal"));
    assert_eq!(signal(clean, "page_chrome")["applicable"], false);

    // Per outlet: each figure with its documents; Northgate Ledger's two
    // documents, of which only the page has chrome.
    let northgate = outlet(&all, "Northgate Ledger");
    assert_eq!(northgate["document_ids"].as_array().unwrap().len(), 2);
    assert_eq!(northgate["story_id"], Value::Null);
    let n_chrome = &northgate["signals"][4];
    assert_eq!(n_chrome["kind"], "page_chrome");
    assert_eq!(n_chrome["document_ids"].as_array().unwrap().len(), 1);
    let p = outlet(&all, "PulseWave Digital");
    let summary = p["signals"][1]["summary"].as_str().unwrap();
    assert!(
        summary.starts_with(
            "4 of 5 numbers in its claims (80%) appear in no document of another outlet"
        ),
        "{summary}"
    );

    // The text listing says the same, as observations with their evidence.
    let text = run_ok(&db, &["signals"]);
    assert!(text.starts_with("OUTLETS (signals with their evidence, not verdicts)\n"));
    assert!(
        text.contains("  • numbers no other outlet carries: 4 of 5 numbers in its claims (80%) appear in no document of another outlet of the same story, over 1 document: “23%”, “$310 million”, “41%”, “67%” ["),
        "{text}"
    );
    assert!(text.contains("\nDOCUMENTS\n"), "{text}");
    assert!(text.contains("“$310 million” — 310,000,000 USD; in no document of the 6 other outlets of its story; the claim names no source"), "{text}");
    for verdict in ["unreliable", "fake", "suspicious", "untrustworthy"] {
        assert!(!text.to_lowercase().contains(verdict), "{verdict}");
    }
}

#[test]
fn signals_select_a_document_an_outlet_or_a_story_and_unknown_ones_exit_4() {
    let db = demo_db();
    let docs = Docs::of(&db);
    let all = json(&db, &["signals"]);
    let pulse = docs.id("03_newspulse");

    // One document, by id prefix: the same signals as in the whole listing
    // (its numbers are still compared with its story's other outlets).
    let one = json(&db, &["signals", "--doc", &pulse[..6]]);
    assert_eq!(one["documents"].as_array().unwrap().len(), 1);
    assert_eq!(&one["documents"][0], doc_signals(&all, pulse));
    assert_eq!(one["outlets"][0]["outlet"], "PulseWave Digital");

    // One outlet, by a part of its name.
    let harbor = json(&db, &["signals", "--outlet", "HARBOR"]);
    let ids: Vec<&str> = harbor["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["document_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(harbor["documents"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["outlet"] == "Harborline News"));
    assert_eq!(harbor["outlets"].as_array().unwrap().len(), 1);

    // One story: its documents, the outlet figures marked with the story.
    let story = db.export()["stories"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let s = json(&db, &["signals", "--story", &story[2..10]]);
    assert_eq!(s["documents"].as_array().unwrap().len(), 9);
    assert!(s["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["story_id"] == story.as_str()));

    for args in [
        ["signals", "--doc", "ffffffff"],
        ["signals", "--story", "ffffffff"],
    ] {
        let out = db.run(&args);
        assert_eq!(out.status.code(), Some(4), "{args:?}");
        assert!(stderr(&out).starts_with("error: no "), "{}", stderr(&out));
    }
    let none = run_ok(&db, &["signals", "--outlet", "no such outlet"]);
    assert!(none.contains("no documents selected"), "{none}");
}

#[test]
fn the_export_carries_the_signals_and_they_validate_against_the_published_schema() {
    let db = demo_db();
    let schema = schema();
    let export = db.export();
    assert_eq!(export["signals"], json(&db, &["signals"]));
    let mut errors = Vec::new();
    validate(&schema, &schema, &export, "$", &mut errors);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(
        export["signals"]["documents"].as_array().unwrap().len(),
        export["documents"].as_array().unwrap().len()
    );

    // JSON lines: one document_signals line per document, one
    // outlet_signals line per outlet, last, each valid.
    let lines = run_ok(&db, &["export", "--format", "jsonl"]);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut last = String::new();
    for line in lines.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let t = v["type"].as_str().unwrap().to_string();
        if t.ends_with("_signals") {
            errors.extend(errors_against(&schema, &t, &v, &t));
        } else {
            assert!(!last.ends_with("_signals"), "{t} after {last}");
        }
        *counts.entry(t.clone()).or_default() += 1;
        last = t;
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(counts["document_signals"], 9);
    assert_eq!(
        counts["outlet_signals"],
        export["signals"]["outlets"].as_array().unwrap().len()
    );
}

#[test]
fn the_validator_rejects_broken_signals() {
    let schema = schema();
    let bad = serde_json::json!({
        "schema_version": 1, "documents": [], "entities": [], "quotes": [], "claims": [], "stories": [],
        "signals": {
            "documents": [{
                "document_id": "0123456789ab", "outlet": null, "story_id": "0123", "copy_of": null,
                "signals": [{
                    "kind": "verdict", "applicable": "yes", "count": -1, "total": null, "share": 1.5,
                    "summary": "s",
                    "evidence": [{"text": "t", "start": 0, "end": 1, "claim_id": "x", "detail": null}]
                }]
            }],
            "outlets": [{"outlet": "O", "story_id": null, "document_ids": ["xyz"], "signals": []}]
        }
    });
    let mut errors = Vec::new();
    validate(&schema, &schema, &bad, "$", &mut errors);
    let at = "$.signals.documents[0]";
    for want in [
        format!("{at}.story_id"),
        format!("{at}.signals[0].kind"),
        format!("{at}.signals[0].applicable"),
        format!("{at}.signals[0].count"),
        format!("{at}.signals[0].share"),
        format!("{at}.signals[0].evidence[0]: missing required key context"),
        format!("{at}.signals[0].evidence[0].claim_id"),
        "$.signals.outlets[0]: missing required key counted_document_ids".to_string(),
        "$.signals.outlets[0].document_ids[0]".to_string(),
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(&want)),
            "no error at {want}: {errors:#?}"
        );
    }
    let missing = serde_json::json!({"schema_version": 1, "documents": [], "entities": [], "quotes": [], "claims": [], "stories": []});
    let mut errors = Vec::new();
    validate(&schema, &schema, &missing, "$", &mut errors);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("missing required key signals")),
        "{errors:?}"
    );
}

#[test]
fn the_seed_outlet_giving_four_unsourced_statistics_shows_them_as_its_own_and_unsourced() {
    let Some((db, out)) = seeds_db() else {
        return;
    };
    assert!(matches!(out.status.code(), Some(0 | 3)), "{}", stderr(&out));
    let docs = Docs::of(&db);
    let (id, _) = docs
        .texts
        .iter()
        .find(|(_, t)| t.contains("security budget by 15%"))
        .expect("the document with the statistics");
    let all = json(&db, &["signals"]);
    check_spans_and_shares(&all, &docs);
    let d = doc_signals(&all, id);
    let outlet_name = d["outlet"].as_str().unwrap().to_string();

    // Numbers no other outlet carries: the four statistics, each in a claim
    // that names no source.
    let numbers = signal(d, "exclusive_numbers");
    let found = texts(&numbers["evidence"]);
    let stats = ["15%", "12%", "$500 million", "20%"];
    for stat in stats {
        assert!(found.contains(&stat), "{stat} not in {found:?}");
    }
    assert!(numbers["applicable"] == true && numbers["count"].as_u64().unwrap() >= 4);

    // Claims with no source named: the claims holding those numbers.
    let unsourced = signal(d, "unattributed_claims");
    let unsourced_claims: Vec<&str> = unsourced["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["claim_id"].as_str().unwrap())
        .collect();
    for e in numbers["evidence"].as_array().unwrap() {
        if stats.contains(&e["text"].as_str().unwrap()) {
            assert!(
                e["detail"]
                    .as_str()
                    .unwrap()
                    .ends_with("the claim names no source"),
                "{e}"
            );
            let claim = e["claim_id"].as_str().unwrap();
            assert!(
                unsourced_claims.contains(&claim),
                "{claim} in {unsourced_claims:?}"
            );
        }
    }

    // The same per outlet, in the listing and the briefing's notes.
    let o = outlet(&all, &outlet_name);
    let summary = o["signals"][1]["summary"].as_str().unwrap();
    for stat in stats {
        assert!(summary.contains(&format!("“{stat}”")), "{summary}");
    }
    let report = run_ok(&db, &["report"]);
    assert!(
        report.contains(&format!(
            "  • {outlet_name}: 4 of 4 numbers in its claims (100%) appear in no document of another outlet of the same story, over 1 document: “15%”, “12%”, “$500 million”, “20%” ["
        )),
        "{report}"
    );
    // No other document of the story lists those statistics as its own.
    for other in all["documents"].as_array().unwrap() {
        if other["document_id"] != id.as_str() {
            let theirs = texts(&signal(other, "exclusive_numbers")["evidence"])
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>();
            assert!(
                !theirs.iter().any(|t| stats.contains(&t.as_str())),
                "{theirs:?}"
            );
        }
    }
}
