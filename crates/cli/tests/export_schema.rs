//! The export validates against `docs/export.schema.json`, checked by a small
//! validator for the subset of JSON Schema the file uses (type, required,
//! properties, items, const, enum, pattern, minimum, maximum, $ref).

mod common;

use common::*;
use serde_json::Value;

fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let path = r.trim_start_matches("#/");
            path.split('/').fold(root, |node, key| &node[key])
        }
        None => schema,
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn validate(root: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    let schema = resolve(root, schema);
    if let Some(t) = schema.get("type") {
        let allowed: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let actual = type_name(v);
        let ok = allowed.contains(&actual) || (actual == "integer" && allowed.contains(&"number"));
        if !ok {
            errors.push(format!("{at}: type {actual}, expected {allowed:?}"));
            return;
        }
    }
    if let Some(c) = schema.get("const") {
        if c != v {
            errors.push(format!("{at}: {v} is not {c}"));
        }
    }
    if let Some(Value::Array(options)) = schema.get("enum") {
        if !options.contains(v) {
            errors.push(format!("{at}: {v} not in {options:?}"));
        }
    }
    if let (Some(p), Some(s)) = (schema.get("pattern").and_then(Value::as_str), v.as_str()) {
        if !regex::Regex::new(p).unwrap().is_match(s) {
            errors.push(format!("{at}: {s:?} does not match {p}"));
        }
    }
    if let (Some(min), Some(x)) = (schema.get("minimum").and_then(Value::as_f64), v.as_f64()) {
        if x < min {
            errors.push(format!("{at}: {x} < {min}"));
        }
    }
    if let (Some(max), Some(x)) = (schema.get("maximum").and_then(Value::as_f64), v.as_f64()) {
        if x > max {
            errors.push(format!("{at}: {x} > {max}"));
        }
    }
    if let (Some(Value::Array(req)), Some(obj)) = (schema.get("required"), v.as_object()) {
        for r in req.iter().filter_map(Value::as_str) {
            if !obj.contains_key(r) {
                errors.push(format!("{at}: missing required key {r}"));
            }
        }
    }
    if let (Some(Value::Object(props)), Some(obj)) = (schema.get("properties"), v.as_object()) {
        for (k, s) in props {
            if let Some(child) = obj.get(k) {
                validate(root, s, child, &format!("{at}.{k}"), errors);
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, child) in arr.iter().enumerate() {
            validate(root, items, child, &format!("{at}[{i}]"), errors);
        }
    }
}

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
}

fn schema() -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo().join("docs/export.schema.json")).unwrap())
        .unwrap()
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
        types.contains("document") && types.contains("quote"),
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
