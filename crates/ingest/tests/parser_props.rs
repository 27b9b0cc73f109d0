//! Property tests of ingest's parsers: arbitrary bytes never panic, and every
//! input ends as documents or one-line failures.

use crosscheck_ingest::{decode_text, read_input, FileKind, InputFile, Item, Limits};
use proptest::prelude::*;

fn write_and_read(
    dir: &tempfile::TempDir,
    name: &str,
    bytes: &[u8],
    kind: FileKind,
    gzip: bool,
) -> Vec<Item> {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    read_input(
        &InputFile {
            display: name.to_string(),
            path,
            kind,
            gzip,
        },
        &Limits::default(),
    )
}

fn one_line_failures(items: &[Item]) -> bool {
    items.iter().all(|i| match i {
        Item::Failed(f) => !f.reason.is_empty() && !f.reason.contains('\n'),
        Item::Doc(d) => d.sha256.len() == 64,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048), html in any::<bool>()) {
        if let Ok(d) = decode_text(&bytes, html) {
            prop_assert!(!d.encoding.is_empty());
        }
    }

    #[test]
    fn arbitrary_files_of_every_kind_end_as_documents_or_one_line_failures(
        bytes in prop::collection::vec(any::<u8>(), 0..1024),
        gzip in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        for (name, kind) in [("a.html", FileKind::Html), ("a.txt", FileKind::Text), ("a.json", FileKind::Json), ("a.jsonl", FileKind::JsonLines)] {
            let items = write_and_read(&dir, name, &bytes, kind, gzip);
            prop_assert!(!items.is_empty());
            prop_assert!(one_line_failures(&items));
        }
    }

    #[test]
    fn json_lines_with_random_lines_keep_every_valid_record(
        lines in prop::collection::vec(prop_oneof![
            Just("{\"text\":\"A valid record about the harbour.\"}".to_string()),
            "\\PC{0,60}",
            Just("{\"html\":1}".to_string()),
            Just("[1,2".to_string()),
        ], 0..20)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let text = lines.join("\n");
        let items = write_and_read(&dir, "r.jsonl", text.as_bytes(), FileKind::JsonLines, false);
        prop_assert!(one_line_failures(&items));
        let valid = lines.iter().filter(|l| l.starts_with("{\"text\":\"A valid")).count();
        let docs = items.iter().filter(|i| matches!(i, Item::Doc(_))).count();
        prop_assert!(docs >= valid);
    }
}
