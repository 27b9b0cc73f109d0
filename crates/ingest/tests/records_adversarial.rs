//! Adversarial property tests of JSON records (`read_input` of `.json` and
//! `.jsonl` files) and of `decode_text`. Records are generated as JSON
//! objects with every field of every type (several body fields, duplicate
//! keys, nested objects, deep arrays, huge numbers, `\u0000` and lone
//! surrogate escapes), then written valid or broken (truncated, trailing
//! commas, a BOM in the middle), as JSON lines with LF, CRLF and blank lines.
//! Every non-blank line ends as one document or one failure named
//! `FILE#LINE` with a one-line reason. Decoding arbitrary bytes (BOMs,
//! declared charsets, UTF-16 fragments) gives text or a one-line reason.

use crosscheck_ingest::{decode_text, read_input, FileKind, InputFile, Item, Limits};
use proptest::prelude::*;

/// `default_cases` cases, or `PROPTEST_CASES`; a fixed seed in CI (`CI` set)
/// so a run there is deterministic.
fn config(default_cases: u32) -> ProptestConfig {
    let mut c = ProptestConfig {
        cases: default_cases,
        ..ProptestConfig::default()
    };
    if let Some(n) = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        c.cases = n;
    }
    if std::env::var_os("CI").is_some() && std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = proptest::test_runner::RngSeed::Fixed(0x00c0_55c4_ec4b);
    }
    c
}

fn one_line(s: &str) -> bool {
    !s.trim().is_empty() && !s.contains(['\n', '\r'])
}

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(items).prop_map(str::to_string)
}

const KEYS: &[&str] = &[
    "url",
    "title",
    "outlet",
    "author",
    "published",
    "html",
    "page_text",
    "text",
    "extra",
    "",
    "TEXT",
    "text\\u0000",
];

/// A JSON scalar or string as written in the file (escapes included).
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => pick(&[
            "\"The council approved the budget on Monday.\"",
            "\"<p>The council approved the budget.</p>\"",
            "\"Close Menu\\nThe council approved the budget.\\r\\n\"",
            "\"https://news.example/2025/05/03/story\"",
            "\"2025-05-03\"",
            "\"2025-13-45\"",
            "\"\"",
            "\"   \"",
            "\"\\u0000\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud83d\\ude00\"",
            "\"\\u00e9\\u200d\\ufeff\"",
            "\"\\uZZ\"",
            "\"\\x41\"",
            "\"a\\\\\"",
            "\"\u{feff}in\u{feff}side\"",
            "\"\u{1F468}\u{200D}\u{1F469} \u{5e9}\u{5dc}\u{5d5}\u{5dd}\"",
        ]),
        2 => pick(&[
            "null",
            "true",
            "false",
            "0",
            "-0",
            "1.5e308",
            "1e400",
            "-1e400",
            "123456789012345678901234567890",
            "0.0000000000000000000000000001",
            "01",
            "NaN",
            "Infinity",
            "'single'",
        ]),
        1 => "[A-Za-z0-9 .,]{0,30}".prop_map(|s| format!("\"{s}\"")),
        1 => any::<String>().prop_map(|s| serde_json::to_string(&s.chars().take(30).collect::<String>()).unwrap()),
    ]
}

/// A JSON value: scalars, arrays and objects, nested.
fn value() -> impl Strategy<Value = String> {
    scalar().prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((pick(KEYS), inner), 0..5).prop_map(|kv| {
                let fields: Vec<String> = kv.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    })
}

/// A record's object: mostly record fields, sometimes anything.
fn record_object() -> impl Strategy<Value = String> {
    let field = prop_oneof![
        4 => (pick(KEYS), scalar()),
        1 => (pick(KEYS), value()),
        // A deep array: beyond serde_json's recursion limit, sometimes.
        1 => (pick(KEYS), (1..400usize).prop_map(|n| format!("{}1{}", "[".repeat(n), "]".repeat(n)))),
    ];
    prop::collection::vec(field, 0..7).prop_map(|kv| {
        let fields: Vec<String> = kv.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        format!("{{{}}}", fields.join(","))
    })
}

/// A record as a line of the file: valid, or broken in one of the ways files
/// are broken.
fn record_line() -> impl Strategy<Value = String> {
    (record_object(), 0..8u8, any::<prop::sample::Index>()).prop_map(|(obj, how, at)| {
        let mut cut = at.index(obj.len() + 1);
        while !obj.is_char_boundary(cut) {
            cut -= 1;
        }
        match how {
            0 => obj[..cut].to_string(),                            // truncated
            1 => format!("{},}}", &obj[..obj.len() - 1]),           // trailing comma
            2 => format!("{}\u{feff}{}", &obj[..cut], &obj[cut..]), // BOM inside
            3 => format!("\u{feff}{obj}"),                          // BOM first
            4 => format!("  {obj}\t "),                             // padded
            5 => format!("[{obj}]"),                                // not an object
            _ => obj,
        }
    })
}

fn newline() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        4 => Just("\n"),
        2 => Just("\r\n"),
        1 => Just("\n\n"),
        1 => Just("\n \t\r\n"),
        1 => Just("\r"),
    ]
}

fn read(dir: &tempfile::TempDir, name: &str, bytes: &[u8], kind: FileKind) -> Vec<Item> {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    read_input(
        &InputFile {
            display: name.to_string(),
            path,
            kind,
            gzip: false,
        },
        &Limits::default(),
    )
}

/// The invariants of every item: a document has a 64-hex SHA-256 and a
/// non-blank body; a failure a one-line reason.
fn check_items(items: &[Item]) -> Result<(), TestCaseError> {
    prop_assert!(!items.is_empty());
    for i in items {
        match i {
            Item::Doc(d) => {
                prop_assert!(
                    d.sha256.len() == 64 && d.sha256.bytes().all(|b| b.is_ascii_hexdigit())
                );
                prop_assert!(!d.body.trim().is_empty());
                prop_assert!(d.warnings.iter().all(|w| one_line(w)));
            }
            Item::Failed(f) => {
                prop_assert!(one_line(&f.reason), "reason {:?}", f.reason);
                prop_assert!(!f.source.is_empty());
            }
            Item::Skipped(s) => prop_assert!(false, "a JSON record skipped: {s:?}"),
        }
    }
    Ok(())
}

/// The 1-based numbers of the lines of `text` that are not blank: one item
/// each, in order.
fn record_lines(text: &str) -> Vec<usize> {
    text.split('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| i + 1)
        .collect()
}

fn source_line(item: &Item, file: &str) -> Option<usize> {
    let source = match item {
        Item::Failed(f) => &f.source,
        Item::Doc(d) if d.meta.url.is_none() => &d.source,
        Item::Doc(_) | Item::Skipped(_) => return None, // named by its url
    };
    source.strip_prefix(file)?.strip_prefix('#')?.parse().ok()
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn every_json_line_is_one_document_or_one_failure_named_by_its_line(
        lines in prop::collection::vec((record_line(), newline()), 0..12),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let text: String = lines.iter().map(|(l, nl)| format!("{l}{nl}")).collect();
        let items = read(&dir, "r.jsonl", text.as_bytes(), FileKind::JsonLines);
        check_items(&items)?;
        let Ok(decoded) = decode_text(text.as_bytes(), false) else {
            // Refused whole (no content, or binary): one failure.
            prop_assert!(matches!(&items[..], [Item::Failed(f)] if f.source == "r.jsonl"));
            return Ok(());
        };
        let expected = record_lines(&decoded.text);
        if expected.is_empty() {
            prop_assert!(matches!(&items[..], [Item::Failed(f)] if f.source == "r.jsonl"));
            return Ok(());
        }
        prop_assert_eq!(items.len(), expected.len(), "{:?}", items);
        for (item, n) in items.iter().zip(&expected) {
            if let Some(at) = source_line(item, "r.jsonl") {
                prop_assert_eq!(at, *n);
            } else {
                prop_assert!(matches!(item, Item::Doc(_)), "failure not named FILE#LINE: {:?}", item);
            }
        }
    }

    #[test]
    fn a_json_file_gives_its_records_or_one_line_failures_named_by_file(
        records in prop::collection::vec(record_line(), 0..6),
        shape in 0..4u8,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let text = match shape {
            0 => format!("[{}]", records.join(",")),
            1 => format!("[\n{}\n]", records.join(",\n")),
            2 => records.first().cloned().unwrap_or_default(),
            _ => records.join("\r\n"),
        };
        let items = read(&dir, "r.json", text.as_bytes(), FileKind::Json);
        check_items(&items)?;
        for item in &items {
            if let Item::Failed(f) = item {
                let n = f.source.strip_prefix("r.json").unwrap_or("?");
                prop_assert!(n.is_empty() || n[1..].parse::<usize>().is_ok_and(|n| n >= 1), "{:?}", f);
            }
        }
    }

    #[test]
    fn pages_and_dumps_with_boms_give_a_document_with_text_or_one_failure(
        parts in prop::collection::vec(prop_oneof![
            Just(b"\xef\xbb\xbf".to_vec()),
            Just(b"\xff\xfe".to_vec()),
            Just(b" \r\n\t".to_vec()),
            Just("\u{3000}\u{a0}".as_bytes().to_vec()),
            Just(b"<p>Text</p>".to_vec()),
            any::<String>().prop_map(|s| s.encode_utf16().flat_map(u16::to_le_bytes).take(20).collect()),
            prop::collection::vec(any::<u8>(), 0..20),
        ], 0..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let bytes = parts.concat();
        for (name, kind) in [("p.html", FileKind::Html), ("p.txt", FileKind::Text)] {
            let items = read(&dir, name, &bytes, kind);
            prop_assert_eq!(items.len(), 1);
            check_items(&items)?;
        }
    }

    #[test]
    fn decoding_bytes_with_boms_charsets_and_utf16_gives_text_or_a_reason(
        parts in prop::collection::vec(prop_oneof![
            Just(b"\xef\xbb\xbf".to_vec()),
            Just(b"\xff\xfe".to_vec()),
            Just(b"\xfe\xff".to_vec()),
            Just(b"<meta charset=\"utf-16\">".to_vec()),
            Just(b"<meta charset=shift_jis>".to_vec()),
            Just(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">".to_vec()),
            Just(b"<meta charset=x-user-defined>".to_vec()),
            Just(b"<meta charset=iso-2022-kr>".to_vec()),
            Just(b"<meta charset=\"hz-gb-2312\">".to_vec()),
            Just(b"<meta charset=\"".to_vec()),
            Just(b"<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?>".to_vec()),
            Just(b"<?xml encoding=".to_vec()),
            Just(b"\x1b$B".to_vec()),
            Just("Caf\u{e9} \u{1F600} \u{5e9}\u{5dc}\u{5d5}\u{5dd}".as_bytes().to_vec()),
            "[ -~]{0,40}".prop_map(String::into_bytes),
            any::<String>().prop_map(|s| s.encode_utf16().flat_map(u16::to_le_bytes).take(40).collect()),
            any::<String>().prop_map(|s| s.encode_utf16().flat_map(u16::to_be_bytes).take(40).collect()),
            prop::collection::vec(any::<u8>(), 0..40),
            prop::collection::vec(0x80..=0xffu8, 0..40),
        ], 0..12),
        html in any::<bool>(),
    ) {
        let bytes = parts.concat();
        match decode_text(&bytes, html) {
            Ok(d) => {
                prop_assert!(!d.encoding.is_empty());
                prop_assert!(d.warning.as_deref().is_none_or(one_line), "{:?}", d.warning);
                // Without a BOM (or ISO-2022 escapes) the text's ASCII
                // letters and digits survive: a declaration never erases it.
                let bom = [&b"\xef\xbb\xbf"[..], b"\xff\xfe", b"\xfe\xff"].iter().any(|b| bytes.starts_with(b));
                if !bom && !bytes.contains(&0x1b) && bytes.iter().any(u8::is_ascii_alphanumeric) {
                    prop_assert!(d.text.chars().any(char::is_alphanumeric), "{:?} -> {:?}", bytes, d);
                }
                // Valid UTF-8 with no BOM and no declaration is kept as is.
                if !html && !bytes.starts_with(b"\xef\xbb\xbf") && !bytes.starts_with(b"\xff\xfe") && !bytes.starts_with(b"\xfe\xff") {
                    if let Ok(s) = std::str::from_utf8(&bytes) {
                        prop_assert_eq!(d.text.as_str(), s);
                    }
                }
            }
            Err(reason) => prop_assert!(one_line(&reason), "{:?}", reason),
        }
    }
}
