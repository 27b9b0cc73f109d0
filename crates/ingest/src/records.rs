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

pub(crate) fn record(src: &str, n: usize, raw: &str) -> Item {
    let at = format!("{src}#{n}");
    match parse_record(raw) {
        Ok(r) => Item::Doc(RawDocument {
            source: r.meta.url.clone().unwrap_or(at),
            sha256: sha256_hex(raw.as_bytes()),
            format: r.format,
            body: r.body,
            meta: r.meta,
            warnings: r.warnings,
        }),
        Err(reason) => Item::Failed(Failure::new(&at, reason)),
    }
}

/// A record's parts.
struct Record {
    format: InputFormat,
    body: String,
    meta: Metadata,
    warnings: Vec<String>,
}

/// A JSON object whose keys are each given once: `{"text": "a", "text":
/// "b"}` is ambiguous (which one did the producer mean?), so it is an
/// error rather than the last one silently winning.
struct UniqueKeys(Map<String, Value>);

impl<'de> serde::Deserialize<'de> for UniqueKeys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = UniqueKeys;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<UniqueKeys, A::Error> {
                let mut out = Map::new();
                while let Some(key) = map.next_key::<String>()? {
                    if out.contains_key(&key) {
                        return Err(serde::de::Error::custom(format!(
                            "field `{key}` is given twice"
                        )));
                    }
                    let value: Value = map.next_value()?;
                    out.insert(key, value);
                }
                Ok(UniqueKeys(out))
            }
        }
        d.deserialize_map(Visitor)
    }
}

const BODY_FIELDS: [(&str, InputFormat); 3] = [
    ("html", InputFormat::Html),
    ("page_text", InputFormat::PageText),
    ("text", InputFormat::CleanText),
];

fn parse_record(raw: &str) -> Result<Record, String> {
    let UniqueKeys(obj) = serde_json::from_str(raw).map_err(|e| {
        use serde_json::error::Category;
        match e.classify() {
            Category::Data => {
                let msg = e.to_string();
                // serde_json appends " at line L column C"; a record is one line.
                let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
                if msg.starts_with("field `") {
                    msg
                } else {
                    "a record must be a JSON object".to_string()
                }
            }
            _ => format!("invalid JSON: {e}"),
        }
    })?;
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
    // The rule files get: JSON escapes must not smuggle binary data in.
    crate::decode::check_decoded_text(&body).map_err(|e| format!("record's `{field}`: {e}"))?;
    let mut warnings = Vec::new();
    let mut meta_field = |key: &str| -> Result<Option<String>, String> {
        let Some(v) = string_field(&obj, key)? else {
            return Ok(None);
        };
        if v.contains('\0') {
            return Err(format!("field `{key}` holds a NUL character"));
        }
        // A URL holds no white space; a line break in one (`"a\nb"`) would
        // break every line that names the document's source.
        let unwanted = |c: char| is_control(c) || (key == "url" && c.is_whitespace());
        if v.chars().any(unwanted) {
            warnings.push(format!(
                "record field `{key}` held control characters (removed)"
            ));
            let clean: String = v.chars().filter(|c| !unwanted(*c)).collect();
            return Ok(Some(clean.trim().to_string()).filter(|c| !c.is_empty()));
        }
        Ok(Some(v))
    };
    let meta = Metadata {
        url: meta_field("url")?,
        title: meta_field("title")?,
        outlet: meta_field("outlet")?,
        author: meta_field("author")?,
        published: meta_field("published")?,
        ..Metadata::default()
    };
    Ok(Record {
        format,
        body,
        meta,
        warnings,
    })
}

/// A control character with no place in a one-line field (tabs and line
/// breaks are spacing, kept for the whitespace normaliser).
fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
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
    fn a_key_given_twice_is_an_error_of_its_record() {
        let text = "{\"text\":\"a\",\"text\":\"b\"}\n{\"title\":\"x\",\"title\":\"y\",\"text\":\"ok\"}\n{\"text\":\"fine\",\"n\":{\"k\":1,\"k\":2}}\n";
        let items = read_records("f.jsonl", text, false);
        let f = failures(&items);
        assert_eq!(f.len(), 2, "{items:?}");
        assert_eq!(f[0].source, "f.jsonl#1");
        assert_eq!(f[0].reason, "field `text` is given twice");
        assert_eq!(f[1].reason, "field `title` is given twice");
        // Keys repeated inside a nested object name nothing we read.
        assert_eq!(docs(&items).len(), 1);
    }

    #[test]
    fn json_escapes_cannot_smuggle_control_characters_past_the_file_rule() {
        let text = concat!(
            r#"{"text":"a NUL \u0000 in the body"}"#,
            "\n",
            r#"{"text":"\u001b\u001b\u001b\u001b\u001b short"}"#,
            "\n",
            r#"{"title":"Evil \u001b]0;owned\u0007 title","text":"A real article body that mentions one \u001b escape."}"#,
            "\n",
            r#"{"outlet":"A\u0000B","text":"Body."}"#,
        );
        let items = read_records("f.jsonl", text, false);
        let f = failures(&items);
        assert_eq!(f.len(), 3, "{items:?}");
        assert!(f[0].reason.contains("binary data"), "{}", f[0].reason);
        assert!(f[1].reason.contains("binary data"), "{}", f[1].reason);
        assert!(f[2].reason.contains("NUL"), "{}", f[2].reason);
        let d = docs(&items);
        assert_eq!(d[0].meta.title.as_deref(), Some("Evil ]0;owned title"));
        let items = read_records(
            "g.jsonl",
            "{\"url\":\"https://a.example/\\n1\",\"text\":\"Body.\"}",
            false,
        );
        assert_eq!(docs(&items)[0].source, "https://a.example/1");
        assert_eq!(
            d[0].warnings,
            vec!["record field `title` held control characters (removed)"]
        );
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
