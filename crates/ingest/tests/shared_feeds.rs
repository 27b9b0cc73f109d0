//! The real feeds of `../shared/corpora/feeds-warc/feeds` (feed-rs's test
//! fixtures, from many publishers): every feed parses, or fails with a
//! one-line reason, and its items have links. Skipped with a message when
//! the corpora are absent.

use std::path::PathBuf;

use crosscheck_ingest::parse_feed;

#[test]
fn every_shared_feed_parses_with_linked_items() {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/feeds-warc/feeds");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let (mut feeds, mut items, mut dated, mut failed) = (0, 0, 0, Vec::new());
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        if !entry.file_type().is_file() || name.starts_with("LICENSE") {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        match parse_feed(&bytes, Some("https://feeds.example/feed")) {
            Ok(feed) => {
                feeds += 1;
                items += feed.items.len();
                dated += feed.items.iter().filter(|i| i.published.is_some()).count();
                for i in &feed.items {
                    assert!(i.link.starts_with("http"), "{name}: {}", i.link);
                }
            }
            Err(reason) => {
                assert!(!reason.contains('\n'), "{name}: {reason}");
                failed.push(format!("{name}: {reason}"));
            }
        }
    }
    eprintln!("{feeds} feeds, {items} items ({dated} dated); failed: {failed:?}");
    // The fixtures include a deliberately broken feed, a lone Atom entry
    // and plain XML files that are not feeds; everything else must parse.
    assert!(feeds >= 63, "{feeds} feeds parsed; failed: {failed:?}");
    assert!(failed.len() <= 5, "{failed:?}");
    assert!(
        items >= 90 && dated * 10 >= items * 8,
        "{items} items, {dated} dated"
    );
}
