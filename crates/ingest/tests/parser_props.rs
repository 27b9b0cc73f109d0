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
        Item::Skipped(s) => !s.what.is_empty() && !s.what.contains('\n'),
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
        for (name, kind) in [("a.html", FileKind::Html), ("a.txt", FileKind::Text), ("a.json", FileKind::Json), ("a.jsonl", FileKind::JsonLines), ("a.warc", FileKind::Warc)] {
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

/// A small valid web archive: a warcinfo, a request and two page responses.
fn sample_warc() -> Vec<u8> {
    let record = |kind: &str, block: &str| {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://n.example/{kind}\r\n\
             WARC-Date: 2026-01-02T03:04:05Z\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    };
    let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>A page of the archive with words.</p></body></html>";
    [
        record("warcinfo", "software: test\r\n"),
        record("request", "GET / HTTP/1.1\r\n\r\n"),
        record("response", page),
        record("response", page),
    ]
    .concat()
    .into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn damaged_web_archives_end_as_items_with_one_line_reasons(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..12),
        cut in any::<prop::sample::Index>(),
        gzip in any::<bool>(),
    ) {
        let mut bytes = sample_warc();
        for (at, b) in &edits {
            let i = at.index(bytes.len());
            bytes[i] = *b;
        }
        bytes.truncate(cut.index(bytes.len() + 1));
        if gzip {
            use std::io::Write;
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&bytes).unwrap();
            bytes = e.finish().unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let items = write_and_read(&dir, "a.warc", &bytes, FileKind::Warc, gzip);
        prop_assert!(!items.is_empty());
        prop_assert!(one_line_failures(&items));
        // At most one item per record start, plus one for damage before the
        // first and one for bytes after the last.
        let starts = bytes.windows(5).filter(|w| w == b"WARC/").count();
        prop_assert!(gzip || items.len() <= starts + 2, "{} items for {} starts", items.len(), starts);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn damaged_feeds_parse_or_fail_with_one_line(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A &amp; B</title><link>https://n.example/a</link><pubDate>Tue, 01 Dec 2026 09:30:00 +0000</pubDate></item><item><link>/b</link></item></channel></rss>"#.to_vec();
        for (at, b) in &edits {
            let i = at.index(bytes.len());
            bytes[i] = *b;
        }
        bytes.truncate(cut.index(bytes.len() + 1));
        match crosscheck_ingest::parse_feed(&bytes, Some("https://n.example/feed")) {
            Ok(feed) => prop_assert!(feed.items.iter().all(|i| i.link.starts_with("http"))),
            Err(reason) => prop_assert!(!reason.is_empty() && !reason.contains('\n')),
        }
    }
}
