//! The real web archives of `../shared/corpora/feeds-warc/warc`: every
//! record is accounted for (a document, a skip or a failure with its
//! offset). Skipped with a message when the corpora are absent.

use std::path::PathBuf;

use crosscheck_ingest::{open_input, FileKind, InputFile, Item, Limits};

fn corpus() -> Option<PathBuf> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/feeds-warc/warc");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

/// (documents, skipped, failed) of one archive.
fn read(dir: &std::path::Path, name: &str) -> (Vec<Item>, usize, usize, usize) {
    let file = InputFile {
        path: dir.join(name),
        display: name.to_string(),
        kind: FileKind::Warc,
        gzip: true,
    };
    let items: Vec<Item> = open_input(&file, &Limits::default()).collect();
    let count = |f: fn(&Item) -> bool| items.iter().filter(|i| f(i)).count();
    let docs = count(|i| matches!(i, Item::Doc(_)));
    let skipped = count(|i| matches!(i, Item::Skipped(_)));
    let failed = count(|i| matches!(i, Item::Failed(_)));
    (items, docs, skipped, failed)
}

#[test]
fn every_record_of_the_shared_archives_is_accounted_for() {
    let Some(dir) = corpus() else { return };
    // (file, records in it, of which page responses). The record counts
    // were read off the files with a separate reader (Python's gzip and
    // the Content-Length of each header).
    for (name, records, min_docs) in [
        ("resiliparse-warcfile.warc.gz", 50, 10),
        ("dolma-sample-0000.warc.gz", 48, 15),
        ("dolma-sample-0001.warc.gz", 34, 10),
        ("resiliparse-clueweb-quirk.warc.gz", 30, 20),
    ] {
        let (items, docs, skipped, failed) = read(&dir, name);
        eprintln!("{name}: {docs} documents, {skipped} skipped, {failed} failed");
        assert_eq!(docs + skipped + failed, records, "{name}: {items:#?}");
        assert!(docs >= min_docs, "{name}: {docs} documents");
        for i in &items {
            if let Item::Doc(d) = i {
                assert!(
                    d.meta.url.as_deref().is_some_and(|u| u.starts_with("http")),
                    "{name}: {:?}",
                    d.meta.url
                );
                assert!(d.meta.crawled.is_some(), "{name}");
                assert_eq!(d.meta.published, None);
            }
            if let Item::Failed(f) = i {
                assert!(
                    f.source.contains('@'),
                    "{name}: a failure without its offset: {f:?}"
                );
            }
        }
    }
}

#[test]
fn a_clipped_archive_fails_at_its_record_and_block_sized_records_are_skipped() {
    let Some(dir) = corpus() else { return };
    let (items, docs, _, failed) = read(&dir, "resiliparse-clipped.warc.gz");
    assert_eq!((docs, failed), (0, 1), "{items:?}");
    match &items[0] {
        Item::Failed(f) => {
            assert_eq!(f.source, "resiliparse-clipped.warc.gz@0");
            assert!(f.reason.contains("truncated"), "{}", f.reason);
        }
        other => panic!("{other:?}"),
    }
    let (items, docs, skipped, failed) = read(&dir, "resiliparse-block-sized-records.warc.gz");
    assert_eq!((docs, skipped, failed), (0, 3, 0), "{items:?}");
}
