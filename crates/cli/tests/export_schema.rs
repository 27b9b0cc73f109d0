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

#[test]
fn the_validator_rejects_a_broken_document() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("docs/export.schema.json")).unwrap(),
    )
    .unwrap();
    let bad = serde_json::json!({"schema_version": 1, "documents": [{"id": "XYZ", "published": "May 3"}]});
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
