//! Any JSON file's text gives its records: in JSON-lines mode each non-blank
//! line is one document or one failure named FILE#LINE; every failure's
//! reason is one line.
#![no_main]

use crosscheck_ingest::{read_records, Item};
use libfuzzer_sys::fuzz_target;

fn check(items: &[Item]) {
    assert!(!items.is_empty());
    for i in items {
        match i {
            Item::Doc(d) => {
                assert_eq!(d.sha256.len(), 64);
                assert!(!d.body.trim().is_empty(), "{d:?}");
            }
            Item::Failed(f) => {
                assert!(crosscheck_fuzz::one_line(&f.reason), "{f:?}");
                assert!(f.source.starts_with("f.json"), "{f:?}");
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // A `.json` file: one object, an array, or JSON lines.
    check(&read_records("f.json", &text, true));
    // A `.jsonl` file: one item per non-blank line, named by its line.
    let items = read_records("f.jsonl", &text, false);
    check(&items);
    let lines: Vec<usize> = text
        .split('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| i + 1)
        .collect();
    if lines.is_empty() {
        assert_eq!(items.len(), 1);
        return;
    }
    assert_eq!(items.len(), lines.len());
    for (item, n) in items.iter().zip(lines) {
        match item {
            Item::Failed(f) => assert_eq!(f.source, format!("f.jsonl#{n}")),
            Item::Doc(d) if d.meta.url.is_none() => assert_eq!(d.source, format!("f.jsonl#{n}")),
            Item::Doc(_) => {}
        }
    }
});
