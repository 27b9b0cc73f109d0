//! JSON records: `{url, title, outlet, author, published}` and exactly one
//! body field, `html`, `page_text` or `text`.

use crosscheck_model::{sha256_hex, InputFormat, Metadata};
use serde_json::{value::RawValue, Map, Value};

use crate::read::{Failure, Item, RawDocument};

/// Read the records of a `.json` file (`whole_file`: one object, an array of
/// objects, or JSON lines) or a `.jsonl` file (JSON lines). Each bad record is
/// a failure named `FILE#N` (N = line, or 1-based array index); the other
/// records are kept.
pub fn read_records(src: &str, text: &str, whole_file: bool) -> Vec<Item> {
    let items = records_of(src, text, whole_file);
    if items.is_empty() {
        // `[]`, or a BOM and blank lines: a file never vanishes from the
        // summary without a word (found by the property tests).
        return vec![Item::Failed(Failure::new(
            src,
            "no records (an empty array, or only blank lines)",
        ))];
    }
    items
}

fn records_of(src: &str, text: &str, whole_file: bool) -> Vec<Item> {
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if whole_file && trimmed.starts_with('[') {
        return match serde_json::from_str::<Vec<&RawValue>>(trimmed) {
            Ok(items) => items
                .iter()
                .enumerate()
                .map(|(i, raw)| record(src, i + 1, raw.get()))
                .collect(),
            Err(e) => vec![Item::Failed(Failure::new(
                src,
                format!("invalid JSON array: {e}"),
            ))],
        };
    }
    if whole_file && serde_json::from_str::<&RawValue>(trimmed).is_ok() {
        return vec![record(src, 1, trimmed)];
    }
    text.split('\n')
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| record(src, i + 1, line.trim_start_matches('\u{feff}').trim()))
        .collect()
}

fn record(src: &str, n: usize, raw: &str) -> Item {
    let at = format!("{src}#{n}");
    match parse_record(raw) {
        Ok((format, body, meta)) => Item::Doc(RawDocument {
            source: meta.url.clone().unwrap_or(at),
            sha256: sha256_hex(raw.as_bytes()),
            format,
            body,
            meta,
            warnings: Vec::new(),
        }),
        Err(reason) => Item::Failed(Failure::new(&at, reason)),
    }
}

const BODY_FIELDS: [(&str, InputFormat); 3] = [
    ("html", InputFormat::Html),
    ("page_text", InputFormat::PageText),
    ("text", InputFormat::CleanText),
];

fn parse_record(raw: &str) -> Result<(InputFormat, String, Metadata), String> {
    let value: Value = serde_json::from_str(raw).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err("a record must be a JSON object".to_string());
    };
    let bodies: Vec<_> = BODY_FIELDS
        .iter()
        .filter(|(k, _)| obj.contains_key(*k))
        .collect();
    let (field, format) = match bodies[..] {
        [one] => *one,
        [] => return Err("record has no body field (html, page_text or text)".to_string()),
        _ => {
            let names: Vec<&str> = bodies.iter().map(|(k, _)| *k).collect();
            return Err(format!(
                "record has several body fields ({}); give exactly one",
                names.join(", ")
            ));
        }
    };
    let body = string_field(&obj, field)?.unwrap_or_default();
    if body.trim().is_empty() {
        return Err(format!("record's `{field}` is empty"));
    }
    let meta = Metadata {
        url: string_field(&obj, "url")?,
        title: string_field(&obj, "title")?,
        outlet: string_field(&obj, "outlet")?,
        author: string_field(&obj, "author")?,
        published: string_field(&obj, "published")?,
    };
    Ok((format, body, meta))
}

/// A string field; null or absent is None, blank is None, anything else is an error.
fn string_field(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
        Some(_) => Err(format!("field `{key}` must be a string")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(items: &[Item]) -> Vec<&RawDocument> {
        items
            .iter()
            .filter_map(|i| if let Item::Doc(d) = i { Some(d) } else { None })
            .collect()
    }

    fn failures(items: &[Item]) -> Vec<&Failure> {
        items
            .iter()
            .filter_map(|i| {
                if let Item::Failed(f) = i {
                    Some(f)
                } else {
                    None
                }
            })
            .collect()
    }

    #[test]
    fn each_body_field_selects_its_format_and_metadata_is_kept() {
        let text = concat!(
            r#"{"url":"https://a.example/1","title":"T","outlet":"A","author":"B","published":"2025-05-03","html":"<p>x</p>"}"#,
            "\n",
            r#"{"page_text":"Menu\nStory"}"#,
            "\n\n",
            r#"{"text":"Clean."}"#,
        );
        let items = read_records("f.jsonl", text, false);
        let d = docs(&items);
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].format, InputFormat::Html);
        assert_eq!(d[0].source, "https://a.example/1");
        assert_eq!(d[0].meta.published.as_deref(), Some("2025-05-03"));
        assert_eq!(d[1].format, InputFormat::PageText);
        assert_eq!(d[1].source, "f.jsonl#2");
        assert_eq!(d[2].format, InputFormat::CleanText);
        assert_eq!(d[2].source, "f.jsonl#4");
    }

    #[test]
    fn bad_lines_fail_alone_with_file_and_line() {
        let text = "{\"text\":\"ok\"}\n{not json\n{\"title\":\"no body\"}\n{\"html\":\"a\",\"text\":\"b\"}\n{\"text\":7}\n";
        let items = read_records("f.jsonl", text, false);
        assert_eq!(docs(&items).len(), 1);
        let f = failures(&items);
        assert_eq!(f.len(), 4);
        assert_eq!(f[0].source, "f.jsonl#2");
        assert!(f[0].reason.starts_with("invalid JSON"));
        assert!(f[1].reason.contains("no body field"));
        assert!(f[2].reason.contains("several body fields"));
        assert!(f[3].reason.contains("must be a string"));
    }

    #[test]
    fn a_json_file_may_hold_one_object_or_an_array() {
        assert_eq!(
            docs(&read_records("o.json", "{\"text\":\"one\"}", true)).len(),
            1
        );
        let items = read_records("a.json", "[{\"text\":\"one\"},{\"text\":\"two\"},3]", true);
        assert_eq!(docs(&items).len(), 2);
        assert_eq!(failures(&items)[0].source, "a.json#3");
    }

    #[test]
    fn an_empty_array_or_only_blank_lines_is_one_failure_not_nothing() {
        // Regression (property tests): `[]` gave no item at all.
        for (name, text, whole) in [
            ("e.json", "[]", true),
            ("e.json", " [ ] ", true),
            ("b.jsonl", "\n\r\n \n", false),
        ] {
            let items = read_records(name, text, whole);
            let f = failures(&items);
            assert_eq!((items.len(), f.len()), (1, 1), "{text:?}: {items:?}");
            assert_eq!(f[0].source, name);
            assert!(f[0].reason.contains("no records"), "{:?}", f[0]);
        }
    }

    #[test]
    fn identical_records_have_identical_hashes() {
        let items = read_records("f.jsonl", "{\"text\":\"same\"}\n{\"text\":\"same\"}", false);
        let d = docs(&items);
        assert_eq!(d[0].sha256, d[1].sha256);
    }
}
