//! Reading one input: size caps, gzip, decoding, and splitting JSON into records.

use std::io::Read;

use crosscheck_model::{sha256_hex, InputFormat, Metadata};

use crate::decode::decode_text;
use crate::discover::{FileKind, InputFile};
use crate::limits::Limits;
use crate::records::read_records;

/// A document as read, before extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDocument {
    /// The path as given, the record's `url`, else `FILE#LINE`.
    pub source: String,
    /// SHA-256 of the raw bytes: the file's (decompressed) content, or the
    /// JSON record's line.
    pub sha256: String,
    pub format: InputFormat,
    /// The body decoded to UTF-8: HTML, a page's text dump, or clean text.
    pub body: String,
    /// Metadata given with the input (JSON record fields).
    pub meta: Metadata,
    pub warnings: Vec<String>,
}

/// An input that yielded no document, with a one-line reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub source: String,
    pub reason: String,
}

impl Failure {
    pub fn new(source: &str, reason: impl Into<String>) -> Self {
        Failure {
            source: source.to_string(),
            reason: reason.into(),
        }
    }
}

/// A piece of an input that is, rightly, not a document: a web archive's
/// request or metadata record, a response that is not a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub source: String,
    /// What was skipped, the same words for every piece of its kind (they
    /// are counted by it): `request record`, `response with HTTP status 3xx`.
    pub what: String,
}

/// One outcome of reading an input. Nearly every item is a document, so
/// documents are not boxed (a box would cost an allocation each).
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::large_enum_variant)]
pub enum Item {
    Doc(RawDocument),
    Failed(Failure),
    Skipped(Skip),
}

/// The items of one input, read as they are asked for: a web archive record
/// by record and a JSON-lines file line by line, so that memory and the size
/// cap go by record, not by file; any other input whole.
pub type Items = Box<dyn Iterator<Item = Item> + Send>;

/// Open one file for reading item by item (see [`Items`]).
pub fn open_input(file: &InputFile, limits: &Limits) -> Items {
    match file.kind {
        FileKind::Warc => open_warc(file, limits),
        FileKind::JsonLines => crate::jsonl::open_json_lines(file, limits),
        FileKind::Html | FileKind::Text | FileKind::Json => {
            Box::new(read_input(file, limits).into_iter())
        }
    }
}

fn open_warc(file: &InputFile, limits: &Limits) -> Items {
    let src = file.display.clone();
    let opened = std::fs::File::open(&file.path)
        .map_err(|e| format!("cannot open: {e}"))
        .and_then(|f| {
            crate::warc::WarcRecords::new(&src, f, limits.max_file_bytes)
                .map_err(|e| format!("cannot read: {e}"))
        });
    match opened {
        Ok(records) => Box::new(records),
        Err(reason) => Box::new(std::iter::once(Item::Failed(Failure::new(&src, reason)))),
    }
}

/// Read one file into documents (one, or one per JSON record) and failures.
pub fn read_input(file: &InputFile, limits: &Limits) -> Vec<Item> {
    if matches!(file.kind, FileKind::Warc | FileKind::JsonLines) {
        return open_input(file, limits).collect();
    }
    let src = &file.display;
    let bytes = match read_capped(file, limits) {
        Ok(b) => b,
        Err(reason) => return vec![Item::Failed(Failure::new(src, reason))],
    };
    let bytes = if file.gzip && !bytes.is_empty() {
        match gunzip(&bytes, limits) {
            Ok(b) => b,
            Err(reason) => return vec![Item::Failed(Failure::new(src, reason))],
        }
    } else {
        bytes
    };
    from_bytes(src, &bytes, file.kind, limits.max_file_bytes)
}

/// Read standard input, sniffing gzip and the kind of content.
pub fn read_stdin(limits: &Limits) -> Vec<Item> {
    let src = "stdin";
    let mut bytes = Vec::new();
    let cap = limits.max_file_bytes;
    if let Err(e) = std::io::stdin()
        .lock()
        .take(cap + 1)
        .read_to_end(&mut bytes)
    {
        return vec![Item::Failed(Failure::new(
            src,
            format!("cannot read standard input: {e}"),
        ))];
    }
    if bytes.len() as u64 > cap {
        return vec![Item::Failed(Failure::new(
            src,
            format!("input is over the size cap of {cap} bytes"),
        ))];
    }
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        match gunzip(&bytes, limits) {
            Ok(b) => b,
            Err(reason) => return vec![Item::Failed(Failure::new(src, reason))],
        }
    } else {
        bytes
    };
    let kind = sniff_kind(&bytes);
    from_bytes(src, &bytes, kind, limits.max_file_bytes)
}

/// Guess what unnamed bytes hold: a web archive, JSON, HTML or text.
fn sniff_kind(bytes: &[u8]) -> FileKind {
    if crate::warc::looks_like_warc(bytes) {
        return FileKind::Warc;
    }
    let head: Vec<u8> = bytes
        .iter()
        .take(2048)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let first = head.iter().find(|b| !b.is_ascii_whitespace());
    let contains = |n: &[u8]| head.windows(n.len()).any(|w| w == n);
    match first {
        Some(b'{') | Some(b'[') => FileKind::Json,
        _ if contains(b"<!doctype html") || contains(b"<html") || contains(b"<body") => {
            FileKind::Html
        }
        _ => FileKind::Text,
    }
}

/// The items of an input read whole; `cap` bounds one web archive record.
fn from_bytes(src: &str, bytes: &[u8], kind: FileKind, cap: u64) -> Vec<Item> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        let reason = if bytes.is_empty() {
            "empty file"
        } else {
            "only whitespace"
        };
        return vec![Item::Failed(Failure::new(src, reason))];
    }
    match kind {
        FileKind::Json | FileKind::JsonLines => {
            return match decode_text(bytes, false) {
                Ok(d) => read_records(src, &d.text, kind == FileKind::Json),
                Err(reason) => vec![Item::Failed(Failure::new(src, reason))],
            }
        }
        FileKind::Warc => {
            return match crate::warc::WarcRecords::new(src, bytes, cap) {
                Ok(records) => records.collect(),
                Err(e) => vec![Item::Failed(Failure::new(src, format!("cannot read: {e}")))],
            }
        }
        FileKind::Html | FileKind::Text => {}
    }
    let is_html = kind == FileKind::Html;
    match decode_text(bytes, is_html) {
        Err(reason) => vec![Item::Failed(Failure::new(src, reason))],
        // Only a byte-order mark and whitespace (found by the property tests).
        Ok(d) if d.text.trim().is_empty() => {
            vec![Item::Failed(Failure::new(src, "only whitespace"))]
        }
        Ok(d) => vec![Item::Doc(RawDocument {
            source: src.to_string(),
            sha256: sha256_hex(bytes),
            format: if is_html {
                InputFormat::Html
            } else {
                InputFormat::PageText
            },
            body: d.text,
            meta: Metadata::default(),
            warnings: d.warning.into_iter().collect(),
        })],
    }
}

fn read_capped(file: &InputFile, limits: &Limits) -> Result<Vec<u8>, String> {
    let cap = limits.max_file_bytes;
    let f = std::fs::File::open(&file.path).map_err(|e| format!("cannot open: {e}"))?;
    if let Ok(m) = f.metadata() {
        if m.len() > cap {
            return Err(format!(
                "file is {} bytes, over the size cap of {cap} bytes (--max-file-size)",
                m.len()
            ));
        }
    }
    let mut bytes = Vec::new();
    f.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > cap {
        return Err(format!(
            "file is over the size cap of {cap} bytes (--max-file-size)"
        ));
    }
    Ok(bytes)
}

/// Decompress gzip (all members), refusing output beyond the cap. The
/// bytes being decompressed count against the budget that all workers
/// share (see `Limits`): a worker whose reservation cannot grow gives it
/// back and starts again once it holds the whole budget.
fn gunzip(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>, String> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Err("not gzip data although the name ends in .gz".to_string());
    }
    let budget = limits.budget();
    // Text compresses three to ten times; start from four and grow.
    let guess = (bytes.len() as u64).saturating_mul(4).max(64 * 1024);
    let mut reservation = budget.reserve(guess);
    loop {
        match decompress(bytes, limits.max_decompressed_bytes, &mut reservation) {
            Ok(out) => return Ok(out),
            Err(Stop::Failed(reason)) => return Err(reason),
            Err(Stop::Short) => {
                drop(reservation);
                reservation = budget.reserve_whole();
            }
        }
    }
}

/// Why [`decompress`] stopped.
enum Stop {
    /// The input is bad, or over the cap.
    Failed(String),
    /// The shared budget had no room for more output.
    Short,
}

fn decompress(
    bytes: &[u8],
    cap: u64,
    reservation: &mut crate::limits::Reservation<'_>,
) -> Result<Vec<u8>, Stop> {
    let mut decoder = flate2::read::MultiGzDecoder::new(bytes);
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match decoder.read(&mut buf) {
            Ok(0) => return Ok(out),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                return Err(Stop::Failed(
                    "truncated gzip: unexpected end of compressed data".to_string(),
                ))
            }
            Err(e) => return Err(Stop::Failed(format!("corrupt gzip: {e}"))),
        };
        let len = (out.len() + n) as u64;
        if len > cap {
            return Err(Stop::Failed(format!(
                "decompressed size exceeds the cap of {cap} bytes (gzip bomb?) \
                 (--max-decompressed-size)"
            )));
        }
        if len > reservation.bytes()
            && !reservation.try_grow(len.saturating_mul(2).min(cap))
            && !reservation.is_whole()
        {
            return Err(Stop::Short);
        }
        out.extend_from_slice(&buf[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::gzip as gz;

    fn file_with(dir: &tempfile::TempDir, name: &str, data: &[u8]) -> InputFile {
        let path = dir.path().join(name);
        std::fs::write(&path, data).unwrap();
        let (kind, gzip) = crate::discover::classify(name).unwrap();
        InputFile {
            display: path.display().to_string(),
            path,
            kind,
            gzip,
        }
    }

    fn failure(items: &[Item]) -> &str {
        match items {
            [Item::Failed(f)] => &f.reason,
            other => panic!("expected one failure, got {other:?}"),
        }
    }

    #[test]
    fn a_gzip_page_is_keyed_by_its_decompressed_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let page = b"<html><body><p>Hello</p></body></html>";
        let plain = read_input(&file_with(&dir, "a.html", page), &Limits::default());
        let packed = read_input(&file_with(&dir, "b.html.gz", &gz(page)), &Limits::default());
        match (&plain[..], &packed[..]) {
            ([Item::Doc(a)], [Item::Doc(b)]) => {
                assert_eq!(a.sha256, b.sha256);
                assert_eq!(a.format, InputFormat::Html);
                assert_eq!(b.body, String::from_utf8_lossy(page));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn truncated_gzip_is_refused_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let data = gz(&b"some text that compresses ".repeat(200));
        let cut = &data[..data.len() / 2];
        let items = read_input(&file_with(&dir, "t.txt.gz", cut), &Limits::default());
        assert!(failure(&items).contains("truncated gzip"), "{items:?}");
    }

    #[test]
    fn a_gzip_bomb_is_refused_at_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let data = gz(&vec![b'a'; 4 * 1024 * 1024]);
        let limits = Limits::new(Limits::default().max_file_bytes, 1024 * 1024);
        let items = read_input(&file_with(&dir, "bomb.txt.gz", &data), &limits);
        assert!(failure(&items).contains("gzip bomb"), "{items:?}");
    }

    #[test]
    fn a_file_over_the_size_cap_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let limits = Limits::new(10, Limits::default().max_decompressed_bytes);
        let items = read_input(&file_with(&dir, "big.txt", b"more than ten bytes"), &limits);
        assert!(failure(&items).contains("size cap"), "{items:?}");
    }

    #[test]
    fn gzip_bombs_read_at_once_share_one_cap() {
        // Four workers each decompressing a bomb hold, together, at most
        // one file's cap (plus one read buffer each) at any moment.
        let dir = tempfile::tempdir().unwrap();
        let data = gz(&vec![b'a'; 8 * 1024 * 1024]);
        let limits = Limits::new(Limits::default().max_file_bytes, 2 * 1024 * 1024);
        let files: Vec<InputFile> = (0..4)
            .map(|i| file_with(&dir, &format!("bomb{i}.txt.gz"), &data))
            .collect();
        std::thread::scope(|s| {
            let handles: Vec<_> = files
                .iter()
                .map(|f| s.spawn(|| read_input(f, &limits)))
                .collect();
            for h in handles {
                let items = h.join().unwrap();
                assert!(failure(&items).contains("gzip bomb"), "{items:?}");
            }
        });
        assert_eq!(limits.budget().used(), 0);
        assert!(limits.budget().peak() <= 2 * 1024 * 1024);
    }

    #[test]
    fn an_empty_gzip_file_says_empty() {
        let dir = tempfile::tempdir().unwrap();
        let items = read_input(&file_with(&dir, "e.html.gz", b""), &Limits::default());
        assert_eq!(failure(&items), "empty file");
    }

    #[test]
    fn plain_text_named_gz_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let items = read_input(
            &file_with(&dir, "x.html.gz", b"<p>not compressed</p>"),
            &Limits::default(),
        );
        assert!(failure(&items).contains("not gzip"), "{items:?}");
    }

    #[test]
    fn empty_and_whitespace_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            failure(&read_input(
                &file_with(&dir, "e.txt", b""),
                &Limits::default()
            )),
            "empty file"
        );
        assert_eq!(
            failure(&read_input(
                &file_with(&dir, "w.txt", b" \n\t\n"),
                &Limits::default()
            )),
            "only whitespace"
        );
    }

    #[test]
    fn a_file_of_only_a_bom_and_whitespace_is_refused() {
        // Regression (property tests): it gave a document with an empty body.
        let dir = tempfile::tempdir().unwrap();
        for (name, data) in [
            ("bom.txt", &b"\xef\xbb\xbf"[..]),
            ("bom.html", &b"\xef\xbb\xbf \r\n"[..]),
            ("bom16.txt", &b"\xff\xfe \x00\n\x00"[..]),
            ("bom.jsonl", &b"\xef\xbb\xbf\n\n"[..]),
        ] {
            let items = read_input(&file_with(&dir, name, data), &Limits::default());
            let reason = failure(&items);
            assert!(
                reason == "only whitespace" || reason.contains("no records"),
                "{name}: {reason}"
            );
        }
    }

    #[test]
    fn stdin_kind_is_sniffed() {
        assert_eq!(sniff_kind(b"  {\"text\": \"x\"}"), FileKind::Json);
        assert_eq!(sniff_kind(b"<!DOCTYPE html><html>"), FileKind::Html);
        assert_eq!(sniff_kind(b"Just a page of text"), FileKind::Text);
        assert_eq!(sniff_kind(b"\r\nWARC/1.1\r\n"), FileKind::Warc);
    }
}
