//! End-to-end: claims through the store, the `claims` and `show` commands
//! and the export, on a database built by hand (exact claims, written
//! through `crosscheck_store`): the output's shape and values. The whole
//! pipeline on the demo corpus is tested in `cli_claims_demo.rs`.

mod common;

use common::schema::{errors_against, schema};
use common::*;
use crosscheck_model::{
    document_id, sha256_hex, Amount, Approx, Attribution, AttributionKind, Direction, DocAnalysis,
    DocClaim, DocEntity, DocQuote, Document, EntityKind, InputFormat, LinkedEntity, Mention,
    MentionKind, QuoteKind, Span, TimeExpr, TimeKind,
};
use crosscheck_store::{Links, NewDocument, SqliteStore, Store, StoredAnalysis};
use serde_json::{json, Value};

const TEXT_A: &str =
    "Officials said the ministry’s budget rose by 15% to $500 million on Saturday.\n\n\
Over 75,000 gang members were reportedly detained in the past year, Ann Lee said.\n\n\
Ça coûte un tiers.";
const TEXT_B: &str = "Prices may double by 2030.";

fn span(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?}"));
    Span::new(start, start + needle.len())
}

fn amount(text: &str, needle: &str, value: f64, unit: &str) -> Amount {
    let s = span(text, needle);
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

fn time(text: &str, needle: &str, value: &str, kind: TimeKind) -> TimeExpr {
    let s = span(text, needle);
    TimeExpr {
        start: s.start,
        end: s.end,
        value: Some(value.into()),
        kind,
        note: None,
    }
}

fn entity(text: &str, name: &str, kind: EntityKind) -> DocEntity {
    let s = span(text, name);
    DocEntity {
        name: name.into(),
        kind,
        aliases: vec![],
        roles: vec![],
        gender: None,
        mentions: vec![Mention {
            start: s.start,
            end: s.end,
            kind: MentionKind::Name,
        }],
    }
}

fn claim(text: &str, words: &str, score: f32, key: &str) -> DocClaim {
    DocClaim {
        span: span(text, words),
        subjects: vec![],
        predicate: None,
        object: None,
        amounts: vec![],
        time: None,
        attribution: Attribution::outlet(),
        hedges: vec![],
        checkworthiness: score,
        key: key.into(),
    }
}

fn analysis_a() -> DocAnalysis {
    let t = TEXT_A;
    let detained = "Over 75,000 gang members were reportedly detained in the past year";
    DocAnalysis {
        entities: vec![
            entity(t, "Ann Lee", EntityKind::Person),
            entity(t, "ministry", EntityKind::Organization),
        ],
        quotes: vec![DocQuote {
            kind: QuoteKind::Indirect,
            content: span(t, detained),
            source: Some(span(t, "Ann Lee")),
            cue: Some(span(t, "said.")),
            speaker: Some(0),
            speaker_note: None,
            nested_in: None,
            continues: None,
        }],
        claims: vec![
            DocClaim {
                subjects: vec![1],
                predicate: Some("rise".into()),
                object: Some(span(t, "by 15% to $500 million")),
                amounts: vec![
                    Amount {
                        direction: Some(Direction::Increase),
                        ..amount(t, "15%", 15.0, "percent")
                    },
                    amount(t, "$500 million", 5e8, "USD"),
                ],
                time: Some(time(t, "on Saturday", "2025-03-15", TimeKind::Weekday)),
                attribution: Attribution {
                    kind: AttributionKind::Unnamed,
                    entity: None,
                    text: Some("Officials".into()),
                    quote: None,
                },
                ..claim(
                    t,
                    "Officials said the ministry’s budget rose by 15% to $500 million on Saturday.",
                    0.9,
                    "rise|ministry|15percent,500000000USD|2025-03-15",
                )
            },
            DocClaim {
                subjects: vec![0, 1],
                predicate: Some("detain".into()),
                amounts: vec![Amount {
                    noun: Some("gang member".into()),
                    approx: Some(Approx::Over),
                    ..amount(t, "Over 75,000", 75_000.0, "count")
                }],
                time: Some(TimeExpr {
                    note: Some("twelve months up to publication".into()),
                    ..time(
                        t,
                        "the past year",
                        "2024-03-16/2025-03-16",
                        TimeKind::Period,
                    )
                }),
                attribution: Attribution {
                    kind: AttributionKind::Named,
                    entity: Some(0),
                    text: Some("Ann Lee".into()),
                    quote: Some(0),
                },
                hedges: vec!["reportedly".into()],
                ..claim(
                    t,
                    detained,
                    0.7,
                    "detain||75000gang member|2024-03-16/2025-03-16",
                )
            },
            DocClaim {
                amounts: vec![amount(t, "un tiers", 1.0 / 3.0, "fraction")],
                ..claim(t, "Ça coûte un tiers.", 0.2, "coûter||⅓|")
            },
        ],
    }
}

fn analysis_b() -> DocAnalysis {
    let t = TEXT_B;
    DocAnalysis {
        claims: vec![DocClaim {
            predicate: Some("double".into()),
            time: Some(time(t, "by 2030", "2030", TimeKind::Year)),
            hedges: vec!["may".into()],
            // Exactly the default minimum: listed by default.
            ..claim(t, "Prices may double by 2030.", 0.5, "double|||2030")
        }],
        ..Default::default()
    }
}

fn document(raw: &str, text: &str, outlet: Option<&str>, date: Option<&str>) -> Document {
    let sha256 = sha256_hex(raw.as_bytes());
    Document {
        id: document_id(&sha256),
        source: format!("{raw}.txt"),
        sha256,
        format: InputFormat::CleanText,
        url: None,
        outlet: outlet.map(str::to_string),
        title: outlet.map(|_| format!("Title of {raw}")),
        author: None,
        published: date.map(str::to_string),
        crawled: None,
        date_evidence: Default::default(),
        language: Some("en".into()),
        text: text.into(),
        upstream_sources: vec![],
        removed: Default::default(),
        removed_lines: vec![],
        confidence: 1.0,
        warnings: vec![],
    }
}

/// A database with two documents and hand-built claims: returns it and the
/// ids of document A (outlet, date, three claims) and B (neither, one).
/// Ann Lee is linked; the ministry is not.
fn hand_built() -> (Db, String, String) {
    let db = Db::new();
    let a = document("a", TEXT_A, Some("Harbour Gazette"), Some("2025-03-16"));
    let b = document("b", TEXT_B, None, None);
    let (ida, idb) = (a.id.clone(), b.id.clone());
    let mut store = SqliteStore::open(&db.path()).unwrap();
    let new = |doc: Document, analysis: DocAnalysis| NewDocument {
        doc,
        page_lines: None,
        analysis: Some(StoredAnalysis {
            version: 2,
            analysis,
        }),
    };
    let out = store
        .insert_documents(&[new(a, analysis_a()), new(b, analysis_b())])
        .unwrap();
    assert_eq!(out.inserted.len(), 2);
    store
        .replace_links(&Links {
            entities: vec![LinkedEntity {
                id: "person-ann-lee".into(),
                name: "Ann Lee".into(),
                kind: EntityKind::Person,
                aliases: vec!["Lee".into()],
                members: vec![(ida.clone(), 0)],
            }],
            variants: vec![],
        })
        .unwrap();
    (db, ida, idb)
}

fn json_of(db: &Db, args: &[&str]) -> Value {
    let out = db.run(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

#[test]
fn the_export_carries_every_claim_with_its_amounts_time_and_attribution() {
    let (db, ida, idb) = hand_built();
    let v = db.export();
    let claims = v["claims"].as_array().unwrap();
    let ids: Vec<&str> = claims.iter().map(|c| c["id"].as_str().unwrap()).collect();
    let mut want = vec![
        format!("{ida}-c0"),
        format!("{ida}-c1"),
        format!("{ida}-c2"),
        format!("{idb}-c0"),
    ];
    want.sort();
    assert_eq!(ids, want, "every score, by document then position");
    let detained = "Over 75,000 gang members were reportedly detained in the past year";
    let s = span(TEXT_A, detained);
    let amount = span(TEXT_A, "Over 75,000");
    let period = span(TEXT_A, "the past year");
    let c1 = claims
        .iter()
        .find(|c| c["id"] == format!("{ida}-c1"))
        .unwrap();
    assert_eq!(
        c1,
        &json!({
            "id": format!("{ida}-c1"),
            "document_id": ida,
            "text": detained,
            "start": s.start,
            "end": s.end,
            "subjects": [
                {"name": "Ann Lee", "entity_id": "person-ann-lee"},
                {"name": "ministry", "entity_id": format!("{ida}-e1")},
            ],
            "predicate": "detain",
            "object": null,
            "amounts": [{
                "text": "Over 75,000", "value": 75000.0, "unit": "count", "approx": "over",
                "direction": null, "high": null, "noun": "gang member",
                "start": amount.start, "end": amount.end,
            }],
            "time": {
                "text": "the past year", "value": "2024-03-16/2025-03-16", "kind": "period",
                "note": "twelve months up to publication",
                "start": period.start, "end": period.end,
            },
            "attributed_to": {
                "kind": "named", "name": "Ann Lee", "entity_id": "person-ann-lee",
                "quote_id": format!("{ida}-q0"),
            },
            "hedged": true,
            "checkworthiness": 0.7,
            "key": "detain||75000gang member|2024-03-16/2025-03-16",
            "hedges": ["reportedly"],
            "object_start": null,
            "object_end": null,
        })
    );
    let c0 = claims
        .iter()
        .find(|c| c["id"] == format!("{ida}-c0"))
        .unwrap();
    assert_eq!(c0["object"], "by 15% to $500 million");
    assert_eq!(
        c0["attributed_to"],
        json!({"kind": "unnamed", "name": "Officials", "entity_id": null, "quote_id": null})
    );
    assert_eq!(c0["amounts"][0]["direction"], "increase");
    assert_eq!(c0["amounts"][1]["value"], 5e8);
    assert_eq!(c0["amounts"][1]["unit"], "USD");
    assert_eq!(c0["hedged"], false);
    let c2 = claims
        .iter()
        .find(|c| c["id"] == format!("{ida}-c2"))
        .unwrap();
    assert_eq!(c2["text"], "Ça coûte un tiers.");
    assert_eq!(c2["time"], Value::Null);
    assert_eq!(c2["predicate"], Value::Null);
    assert_eq!(c2["amounts"][0]["value"], 1.0 / 3.0);
    assert_eq!(
        c2["attributed_to"],
        json!({"kind": "outlet", "name": "Harbour Gazette", "entity_id": null, "quote_id": null})
    );
    assert_eq!(c2["key"], "coûter||⅓|");
    // The outlet of a document with no known outlet: null.
    let b0 = claims
        .iter()
        .find(|c| c["id"] == format!("{idb}-c0"))
        .unwrap();
    assert_eq!(b0["attributed_to"]["name"], Value::Null);
    assert_eq!(b0["time"]["value"], "2030");

    // The whole export, and each JSON line, validate against the schema.
    let schema = schema();
    let mut errors = Vec::new();
    common::schema::validate(&schema, &schema, &v, "$", &mut errors);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let out = db.run(&["export", "--format", "jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let claim_lines: Vec<&Value> = lines.iter().filter(|l| l["type"] == "claim").collect();
    assert_eq!(claim_lines.len(), 4);
    // Lines come in the documented order of their types.
    let order = [
        "document",
        "entity",
        "quote",
        "claim",
        "story",
        "document_signals",
        "outlet_signals",
    ];
    let ranks: Vec<usize> = lines
        .iter()
        .map(|l| {
            order
                .iter()
                .position(|t| l["type"] == *t)
                .unwrap_or_else(|| panic!("unknown line type: {l}"))
        })
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    for (line, obj) in claim_lines.iter().zip(claims) {
        let errors = errors_against(&schema, "claim", line, "line");
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        let mut line = (*line).clone();
        line.as_object_mut().unwrap().remove("type");
        assert_eq!(&line, obj);
    }
}

#[test]
fn claims_lists_check_worthy_claims_by_document_with_their_details() {
    let (db, ida, idb) = hand_built();
    let out = db.run(&["claims"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let want = format!(
        "Harbour Gazette | 2025-03-16 | {ida}
Title of a

  0.90  unnamed: Officials
    Officials said the ministry’s budget rose by 15% to $500 million on Saturday.
      amount:    15% (percent, increase)
      amount:    $500,000,000 USD
      time:      on Saturday → 2025-03-15
      subjects:  ministry
      predicate: rise → \"by 15% to $500 million\"
      key:       rise|ministry|15percent,500000000USD|2025-03-15

  0.70  named: Ann Lee, hedged (reportedly)
    Over 75,000 gang members were reportedly detained in the past year
      amount:    over 75,000 gang member
      time:      the past year → 2024-03-16/2025-03-16 (twelve months up to publication)
      subjects:  Ann Lee; ministry
      predicate: detain
      key:       detain||75000gang member|2024-03-16/2025-03-16

unknown outlet | no date | {idb}
(no title)

  0.50  outlet, hedged (may)
    Prices may double by 2030.
      time:      by 2030 → 2030
      predicate: double
      key:       double|||2030

3 claims in 2 documents (check-worthiness ≥ 0.50)
"
    );
    assert_eq!(text, want);
    // Every claim with --min-score 0; fewer above 0.8.
    let all = stdout(&db.run(&["claims", "--min-score", "0"]));
    assert!(
        all.contains("  0.20  outlet\n    Ça coûte un tiers.\n"),
        "{all}"
    );
    assert!(all.contains("      amount:    0.333 (fraction)\n"), "{all}");
    assert!(all.ends_with("4 claims in 2 documents (check-worthiness ≥ 0.00)\n"));
    let high = stdout(&db.run(&["--quiet", "claims", "--min-score", "0.8"]));
    assert_eq!(high.matches("\n  0.").count(), 1, "{high}");
    assert!(!high.contains("claims in"), "--quiet drops the summary");
}

#[test]
fn claims_json_is_the_exported_claims_that_pass_the_filters() {
    let (db, ida, idb) = hand_built();
    let export = db.export();
    let exported = export["claims"].as_array().unwrap();
    let pick = |want: &dyn Fn(&Value) -> bool| -> Value {
        Value::Array(exported.iter().filter(|c| want(c)).cloned().collect())
    };
    let default = json_of(&db, &["claims", "--format", "json"]);
    assert_eq!(
        default,
        pick(&|c| c["checkworthiness"].as_f64().unwrap() >= 0.5)
    );
    let mut got = scores(&default);
    got.sort_by(f64::total_cmp);
    assert_eq!(got, vec![0.5, 0.7, 0.9]);
    let all = json_of(&db, &["claims", "--min-score", "0", "--format", "json"]);
    assert_eq!(&all, &export["claims"]);
    let b = json_of(
        &db,
        &[
            "claims",
            "--doc",
            &idb[..6],
            "--min-score",
            "0",
            "--format",
            "json",
        ],
    );
    assert_eq!(b, pick(&|c| c["document_id"] == idb.as_str()));
    let a_high = json_of(
        &db,
        &[
            "claims",
            "--doc",
            &ida,
            "--min-score",
            "0.75",
            "--format",
            "json",
        ],
    );
    assert_eq!(a_high.as_array().unwrap().len(), 1);
    assert_eq!(a_high[0]["id"], format!("{ida}-c0"));
    let schema = schema();
    for c in all.as_array().unwrap() {
        let errors = errors_against(&schema, "claim", c, "claim");
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }
}

#[test]
fn show_lists_the_check_worthy_claims_of_a_document() {
    let (db, ida, _) = hand_built();
    let out = db.run(&["show", &ida]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let claims = text.split("Claims (").nth(1).expect("a claims section");
    assert!(claims.starts_with("2 check-worthy of 3;"), "{claims}");
    assert!(
        claims.contains("  #0 0.90 unnamed: Officials: \"Officials said the ministry’s budget"),
        "{claims}"
    );
    assert!(
        claims.contains("  #1 0.70 named: Ann Lee, hedged (reportedly): \"Over 75,000"),
        "{claims}"
    );
    assert!(!claims.contains("Ça coûte"), "{claims}");
    let json = json_of(&db, &["show", &ida, "--format", "json"]);
    assert_eq!(json["analysis"]["claims"].as_array().unwrap().len(), 3);
}

#[test]
fn claims_of_an_unknown_document_is_a_one_line_error() {
    let (db, _, _) = hand_built();
    for id in ["ffffffffffff", "nope"] {
        let out = db.run(&["claims", "--doc", id]);
        assert_eq!(out.status.code(), Some(4), "{id}");
        assert_eq!(stderr(&out), format!("error: no document {id}\n"));
        assert!(out.stdout.is_empty());
    }
    for bad in ["1.5", "-0.1", "NaN", "high"] {
        let out = db.run(&["claims", "--min-score", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
    }
    // A missing database, as for the other commands.
    let none = Db::new();
    assert_eq!(none.run(&["claims"]).status.code(), Some(1));
}
