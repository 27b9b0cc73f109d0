//! The export validates against `docs/export.schema.json`, checked by a small
//! validator for the subset of JSON Schema the file uses (`common::schema`).

mod common;

use common::schema::{schema, validate};
use common::*;
use serde_json::Value;

#[test]
fn the_export_of_the_demo_corpus_validates_against_the_published_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("docs/export.schema.json")).unwrap(),
    )
    .unwrap();
    let db = Db::new();
    assert!(db.ingest(&[&repo().join("demo/corpus")]).status.success());
    let export = db.export();
    let mut errors = Vec::new();
    validate(&schema, &schema, &export, "$", &mut errors);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // Waits on claim extraction (crosscheck_claims::find_claims): the demo
    // corpus states facts, so its export holds claims to validate.
    assert!(
        !export["claims"].as_array().unwrap().is_empty(),
        "no claims in the demo export"
    );
    assert!(
        !export["stories"].as_array().unwrap().is_empty(),
        "no stories in the demo export"
    );
    assert!(
        !export["stories"][0]["claims"]
            .as_array()
            .unwrap()
            .is_empty(),
        "no corroboration in the demo export"
    );
}

#[test]
fn every_jsonl_line_validates_against_the_definition_its_type_names() {
    let schema = schema();
    let db = Db::new();
    assert!(db.ingest(&[&repo().join("demo/corpus")]).status.success());
    let out = db.run(&["export", "--format", "jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut errors = Vec::new();
    let mut types = std::collections::BTreeSet::new();
    for (i, line) in stdout(&out).lines().enumerate() {
        let v: Value = serde_json::from_str(line).unwrap();
        let t = v["type"]
            .as_str()
            .expect("a type on every line")
            .to_string();
        let def = serde_json::json!({ "$ref": format!("#/$defs/{t}") });
        assert!(schema["$defs"].get(&t).is_some(), "unknown type {t}");
        validate(&schema, &def, &v, &format!("line {}", i + 1), &mut errors);
        types.insert(t);
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(
        types.contains("document")
            && types.contains("quote")
            && types.contains("claim")
            && types.contains("story"),
        "{types:?}"
    );
}

#[test]
fn the_validator_rejects_broken_entities_and_quotes() {
    let schema = schema();
    let bad = serde_json::json!({
        "schema_version": 1,
        "documents": [],
        "entities": [{"id": "e", "name": "X", "kind": "planet", "aliases": "X", "roles": [{"title": 3}], "mentions": [{"document_id": "abc", "start": -1, "end": "9"}]}],
        "quotes": [{"id": "q1", "document_id": "0123456789ab", "speaker": 7, "cue": null, "text": "t", "start": 1.5, "end": 2, "nested_in": "x", "variant_of": null, "kind": "rumour"}]
    });
    let mut errors = Vec::new();
    validate(&schema, &schema, &bad, "$", &mut errors);
    for want in [
        "$.entities[0].kind",
        "$.entities[0].aliases",
        "$.entities[0].roles[0]: missing required key document_id",
        "$.entities[0].roles[0].title",
        "$.entities[0].mentions[0].document_id",
        "$.entities[0].mentions[0].start",
        "$.entities[0].mentions[0].end",
        "$.quotes[0].id",
        "$.quotes[0]: missing required key speaker_entity_id",
        "$.quotes[0].speaker",
        "$.quotes[0].start",
        "$.quotes[0].nested_in",
        "$.quotes[0].kind",
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(want)),
            "no error at {want}: {errors:#?}"
        );
    }
    let missing = serde_json::json!({"schema_version": 1, "documents": []});
    let mut errors = Vec::new();
    validate(&schema, &schema, &missing, "$", &mut errors);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("missing required key quotes")),
        "{errors:?}"
    );
}

#[test]
fn the_validator_rejects_a_broken_document() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("docs/export.schema.json")).unwrap(),
    )
    .unwrap();
    let bad = serde_json::json!({"schema_version": 1, "documents": [{"id": "XYZ", "published": "May 3"}], "entities": [], "quotes": []});
    let mut errors = Vec::new();
    validate(&schema, &schema, &bad, "$", &mut errors);
    assert!(errors
        .iter()
        .any(|e| e.contains("missing required key text")));
    assert!(errors.iter().any(|e| e.contains("$.documents[0].id")));
    assert!(errors
        .iter()
        .any(|e| e.contains("$.documents[0].published")));
}

#[test]
fn the_validator_rejects_broken_claims() {
    let schema = schema();
    let bad = serde_json::json!({
        "schema_version": 1, "documents": [], "entities": [], "quotes": [],
        "claims": [{
            "id": "0123456789ab-q1", "document_id": "0123456789ab", "text": "t", "start": 0, "end": -1,
            "subjects": [{"name": "X"}], "predicate": 3, "object": null,
            "amounts": [{"text": "5", "value": "5", "unit": "count", "approx": "roughly", "direction": null}],
            "time": {"text": "today"},
            "attributed_to": {"kind": "someone", "name": null, "entity_id": null, "quote_id": "x"},
            "hedged": "no", "checkworthiness": 1.5, "key": "k"
        }]
    });
    let mut errors = Vec::new();
    validate(&schema, &schema, &bad, "$", &mut errors);
    for want in [
        "$.claims[0].id",
        "$.claims[0].end",
        "$.claims[0].subjects[0]: missing required key entity_id",
        "$.claims[0].predicate",
        "$.claims[0].amounts[0].value",
        "$.claims[0].amounts[0].approx",
        "$.claims[0].time: missing required key value",
        "$.claims[0].attributed_to.kind",
        "$.claims[0].attributed_to.quote_id",
        "$.claims[0].hedged",
        "$.claims[0].checkworthiness",
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(want)),
            "no error at {want}: {errors:#?}"
        );
    }
    let missing =
        serde_json::json!({"schema_version": 1, "documents": [], "entities": [], "quotes": []});
    let mut errors = Vec::new();
    validate(&schema, &schema, &missing, "$", &mut errors);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("missing required key claims")),
        "{errors:?}"
    );
}

#[test]
fn the_validator_rejects_broken_stories() {
    let schema = schema();
    let bad = serde_json::json!({
        "schema_version": 1, "documents": [], "entities": [], "quotes": [], "claims": [],
        "stories": [{
            "id": "0123456789ab", "title": 3, "start": "May 3", "end": null,
            "document_ids": ["xyz"],
            "episodes": [{"id": "s-0123456789ab-q0", "start": null, "end": null, "document_ids": []}],
            "copies": [{"original": "0123456789ab", "copies": [{"document_id": "0123456789ab", "similarity": 1.5}]}]
        }]
    });
    let mut errors = Vec::new();
    validate(&schema, &schema, &bad, "$", &mut errors);
    for want in [
        "$.stories[0].id",
        "$.stories[0].title",
        "$.stories[0].start",
        "$.stories[0].document_ids[0]",
        "$.stories[0].episodes[0].id",
        "$.stories[0].episodes[0]: missing required key title",
        "$.stories[0].copies[0].copies[0].similarity",
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(want)),
            "no error at {want}: {errors:#?}"
        );
    }
    let missing = serde_json::json!({"schema_version": 1, "documents": [], "entities": [], "quotes": [], "claims": []});
    let mut errors = Vec::new();
    validate(&schema, &schema, &missing, "$", &mut errors);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("missing required key stories")),
        "{errors:?}"
    );
}

#[test]
fn the_validator_rejects_broken_story_claims_and_role_conflicts() {
    let schema = schema();
    let story = |claims: Value, role_conflicts: Value| {
        serde_json::json!({
            "schema_version": 1, "documents": [], "entities": [], "quotes": [], "claims": [],
            "stories": [{
                "id": "s-0123456789ab", "title": "t", "start": null, "end": null,
                "document_ids": [], "episodes": [], "copies": [],
                "claims": claims, "role_conflicts": role_conflicts
            }]
        })
    };
    let bad = story(
        serde_json::json!([{
            "id": "s-0123456789ab-c0", "text": 3, "status": "likely",
            "supporting_documents": ["xyz"], "outlets": "Harborline",
            "independent_sources": 0,
            "evidence": [{"document_id": "0123456789ab", "text": "t", "start": -1}],
            "contradictions": [{"text": "t", "document_ids": [], "reason": null}],
            "unattributed": "yes",
            "sources": [{"document_ids": ["0123456789ab"]}]
        }]),
        serde_json::json!([{"entity": "Ann Lee", "sides": [{"title": "Mayor", "document_ids": ["x"]}]}]),
    );
    let mut errors = Vec::new();
    validate(&schema, &schema, &bad, "$", &mut errors);
    let at = "$.stories[0].claims[0]";
    for want in [
        format!("{at}.id"),
        format!("{at}.text"),
        format!("{at}.status"),
        format!("{at}.supporting_documents[0]"),
        format!("{at}.outlets"),
        format!("{at}.independent_sources"),
        format!("{at}.evidence[0]: missing required key end"),
        format!("{at}.evidence[0].start"),
        format!("{at}.contradictions[0].reason"),
        format!("{at}.unattributed"),
        format!("{at}.sources[0]: missing required key merged_because"),
        "$.stories[0].role_conflicts[0].sides[0].document_ids[0]".to_string(),
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(&want)),
            "no error at {want}: {errors:#?}"
        );
    }
    // A story without its findings is refused too.
    let mut missing = story(serde_json::json!([]), serde_json::json!([]));
    let s = missing["stories"][0].as_object_mut().unwrap();
    s.remove("claims");
    s.remove("role_conflicts");
    let mut errors = Vec::new();
    validate(&schema, &schema, &missing, "$", &mut errors);
    for key in ["claims", "role_conflicts"] {
        assert!(
            errors
                .iter()
                .any(|e| e.contains(&format!("missing required key {key}"))),
            "{errors:?}"
        );
    }
}
