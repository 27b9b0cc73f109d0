//! Web archives (WARC 0.17 to 1.1, plain or gzip, one gzip member per record
//! or one for the whole file), read record by record.
//!
//! Every `response` record whose HTTP payload is a web page becomes a
//! document: its URL is `WARC-Target-URI`, its crawl date `WARC-Date`
//! (never taken for the publication date), its payload decoded from the
//! HTTP transfer and content codings and read in the charset the headers
//! declare. Other records (`warcinfo`, `request`, `metadata`, `revisit`,
//! `resource`, responses that are not pages or not a success) are skipped
//! and counted. A corrupt or truncated record fails alone, named by its
//! offset (of its gzip member in the file when it starts one, else of the
//! record in the decompressed stream), and reading goes on at the next
//! record.

use std::io::{self, BufRead, Read};

use crosscheck_model::{sha256_hex, InputFormat, Metadata};

use crate::decode::decode_with_charset;
use crate::http::{decode_payload, is_html_media, looks_like_markup, split_response};
use crate::read::{Failure, Item, RawDocument, Skip};
use crate::stream::{Decompressed, Raw};

/// Longest header line, and most header bytes, of one record.
const MAX_HEADER_LINE: usize = 64 * 1024;
const MAX_HEADER_BYTES: usize = 256 * 1024;

/// Whether bytes start like a web archive.
pub fn looks_like_warc(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !matches!(b, b'\r' | b'\n'))
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(b"WARC/")
}

/// The records of one web archive, as items: documents, skips, failures.
pub struct WarcRecords<R> {
    src: String,
    input: Cursor<R>,
    /// Largest record block kept, and largest decoded page.
    cap: u64,
    done: bool,
    /// Records seen, for the message of an empty or unreadable file.
    records: u64,
    /// The next record's failure, found while checking this one's member.
    pending: Option<(Offset, String)>,
}

impl<R: Read> WarcRecords<R> {
    pub fn new(src: &str, inner: R, cap: u64) -> io::Result<Self> {
        Ok(WarcRecords {
            src: src.to_string(),
            input: Cursor::new(Decompressed::new(inner)?),
            cap,
            done: false,
            records: 0,
            pending: None,
        })
    }

    fn failure_at(&self, at: &Offset, reason: impl std::fmt::Display) -> Item {
        Item::Failed(Failure::new(
            &format!("{}@{}", self.src, at.value),
            format!("record at {}: {reason}", at.describe()),
        ))
    }

    /// After a damaged record: on to the next record, or the end. A
    /// stream that breaks while the next record is sought is resynchronised
    /// on its next gzip member.
    fn recover(&mut self) {
        loop {
            match self.input.resync() {
                Ok(true) => return,
                Err(_) if self.input.broken => continue,
                Ok(false) | Err(_) => {
                    self.done = true;
                    return;
                }
            }
        }
    }

    fn next_record(&mut self) -> Option<Item> {
        if let Some((at, reason)) = self.pending.take() {
            self.records += 1;
            self.recover();
            return Some(self.failure_at(&at, reason));
        }
        // Blank lines between records.
        let at = match self.input.skip_blank_lines() {
            Ok(true) => self.input.offset(),
            Ok(false) => {
                self.done = true;
                if self.records == 0 {
                    return Some(Item::Failed(Failure::new(
                        &self.src,
                        "empty web archive: no records",
                    )));
                }
                return None;
            }
            Err(e) => {
                let at = self.input.offset();
                self.recover();
                return Some(self.failure_at(&at, e));
            }
        };
        self.records += 1;
        let header = match self.input.read_header() {
            Ok(h) => h,
            Err(e) => {
                self.recover();
                return Some(self.failure_at(&at, e));
            }
        };
        let Some(length) = header.content_length() else {
            self.recover();
            return Some(self.failure_at(&at, "no valid Content-Length"));
        };
        if length > self.cap {
            let reason = format!(
                "record is {length} bytes, over the size cap of {} bytes (--max-file-size)",
                self.cap
            );
            // A record that is its own gzip member ends where the next
            // member starts: go there rather than decompress its length.
            if at.member {
                self.input.broken = true;
                self.recover();
                return Some(self.failure_at(&at, reason));
            }
            return Some(match self.input.skip(length) {
                Ok(true) => self.failure_at(
                    &at,
                    format!(
                        "record is {length} bytes, over the size cap of {} bytes (--max-file-size)",
                        self.cap
                    ),
                ),
                Ok(false) => {
                    self.done = true;
                    self.failure_at(&at, "truncated record: the file ends inside it")
                }
                Err(e) => {
                    self.recover();
                    self.failure_at(&at, e)
                }
            });
        }
        let block = match self.input.take(length as usize) {
            Ok(b) if b.len() as u64 == length => b,
            Ok(b) => {
                self.done = true;
                return Some(self.failure_at(
                    &at,
                    format!(
                        "truncated record: {} of its {length} bytes before the file ends",
                        b.len()
                    ),
                ));
            }
            Err(e) => {
                self.recover();
                return Some(self.failure_at(&at, e));
            }
        };
        // Read up to the next record now: in a file of one gzip member per
        // record, that checks this member's trailer (a damaged member can
        // decode in full and fail only its checksum) before its record is
        // given out.
        let end = self.input.position();
        if let Err(e) = self.input.skip_blank_lines() {
            // The member that failed may be the next record's, decoded
            // while looking for it: then this record stands, and that one
            // fails when its turn comes.
            match self.input.raw.inner().last_member() {
                Some((out, file)) if out >= end => {
                    self.pending = Some((
                        Offset {
                            value: file,
                            member: true,
                            gzip: true,
                        },
                        e.to_string(),
                    ));
                }
                _ => {
                    self.recover();
                    return Some(self.failure_at(&at, e));
                }
            }
        }
        Some(self.record_item(&at, &header, &block))
    }

    fn record_item(&self, at: &Offset, header: &WarcHeader, block: &[u8]) -> Item {
        let kind = header.get("warc-type").unwrap_or("").to_ascii_lowercase();
        let skip = |what: String| {
            Item::Skipped(Skip {
                source: format!("{}@{}", self.src, at.value),
                what,
            })
        };
        if kind != "response" {
            let what = if kind.is_empty() {
                "untyped".to_string()
            } else {
                kind
            };
            return skip(format!("{what} record"));
        }
        let uri = header
            .get("warc-target-uri")
            .map(|u| u.trim_matches(['<', '>']).to_string())
            .filter(|u| !u.is_empty());
        let (head, body) = match split_response(block) {
            Ok(split) => split,
            Err(e) => {
                // A response record need not hold HTTP (`dns:` records).
                return if block.starts_with(b"HTTP/") {
                    self.failure_at(at, e)
                } else {
                    skip("response record without HTTP".into())
                };
            }
        };
        if !(200..300).contains(&head.status) {
            return skip(format!("response with HTTP status {}xx", head.status / 100));
        }
        let media = head.media_type();
        match &media {
            Some(m) if is_html_media(m) => {}
            None if looks_like_markup(body) => {}
            Some(m) => return skip(format!("response not a web page ({m})")),
            None => return skip("response not a web page (no media type)".into()),
        }
        let payload = match decode_payload(&head, body, self.cap) {
            Ok(p) => p,
            Err(e) => return self.failure_at(at, e),
        };
        let source = uri
            .clone()
            .unwrap_or_else(|| format!("{}@{}", self.src, at.value));
        if payload.bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Item::Failed(Failure::new(&source, "empty page in the web archive"));
        }
        let decoded = match decode_with_charset(&payload.bytes, true, head.charset().as_deref()) {
            Ok(d) => d,
            Err(e) => return Item::Failed(Failure::new(&source, e)),
        };
        let mut warnings = payload.warnings;
        warnings.extend(decoded.warning);
        Item::Doc(RawDocument {
            source,
            sha256: sha256_hex(&payload.bytes),
            format: InputFormat::Html,
            body: decoded.text,
            meta: Metadata {
                url: uri,
                crawled: header.get("warc-date").map(str::to_string),
                ..Metadata::default()
            },
            warnings,
        })
    }
}

impl<R: Read> Iterator for WarcRecords<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        self.next_record()
    }
}

/// Where a record starts.
struct Offset {
    value: u64,
    /// Whether `value` is a file offset of a gzip member (else an offset
    /// in the decompressed stream of a gzip file, or in a plain file).
    member: bool,
    gzip: bool,
}

impl Offset {
    fn describe(&self) -> String {
        match (self.gzip, self.member) {
            (true, true) => format!("byte {} (gzip member)", self.value),
            (true, false) => format!("decompressed byte {}", self.value),
            (false, _) => format!("byte {}", self.value),
        }
    }
}

/// A record's named fields.
struct WarcHeader {
    fields: Vec<(String, String)>,
}

impl WarcHeader {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn content_length(&self) -> Option<u64> {
        self.get("content-length")?.trim().parse().ok()
    }
}

/// The decompressed stream behind a buffer ([`Raw`]), so that records can
/// be read as lines and blocks and the buffer dropped on a
/// resynchronisation.
struct Cursor<R> {
    raw: Raw<Decompressed<R>>,
    /// The stream itself failed (a corrupt gzip member): only the next
    /// member can be trusted.
    broken: bool,
}

impl<R: Read> Cursor<R> {
    fn new(src: Decompressed<R>) -> Self {
        Cursor {
            raw: Raw::new(src),
            broken: false,
        }
    }

    fn buffered(&self) -> &[u8] {
        self.raw.buffered()
    }

    /// Read more; `false` at the end.
    fn fill(&mut self) -> io::Result<bool> {
        let before = self.buffered().len();
        match self.raw.ensure(before + 1) {
            Ok(now) => Ok(now.len() > before),
            Err(e) => {
                self.broken = true;
                Err(e)
            }
        }
    }

    /// Where the next unread byte starts.
    fn offset(&self) -> Offset {
        let src = self.raw.inner();
        let at = src.position() - self.buffered().len() as u64;
        match src.member_at(at) {
            Some(file_offset) => Offset {
                value: file_offset,
                member: true,
                gzip: true,
            },
            None => Offset {
                value: at,
                member: false,
                gzip: src.is_gzip(),
            },
        }
    }

    fn consume(&mut self, n: usize) {
        self.raw.consume(n);
    }

    /// The decompressed offset of the next unread byte.
    fn position(&self) -> u64 {
        self.raw.inner().position() - self.buffered().len() as u64
    }

    /// Skip CR and LF bytes; `false` at the end of the stream.
    fn skip_blank_lines(&mut self) -> io::Result<bool> {
        loop {
            let n = self
                .buffered()
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            self.consume(n);
            if !self.buffered().is_empty() {
                return Ok(true);
            }
            if !self.fill()? {
                return Ok(false);
            }
        }
    }

    /// One line without its line end; `None` at the end of the stream.
    fn read_line(&mut self, max: usize) -> io::Result<Option<String>> {
        loop {
            if let Some(i) = memchr::memchr(b'\n', self.buffered()) {
                if i > max {
                    return Err(invalid("header line too long"));
                }
                let line = &self.buffered()[..i];
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                let text = String::from_utf8_lossy(line).into_owned();
                self.consume(i + 1);
                return Ok(Some(text));
            }
            if self.buffered().len() > max {
                return Err(invalid("header line too long"));
            }
            if !self.fill()? {
                if self.buffered().is_empty() {
                    return Ok(None);
                }
                return Err(invalid("truncated record: the file ends in its header"));
            }
        }
    }

    /// The version line and the named fields up to the blank line.
    fn read_header(&mut self) -> io::Result<WarcHeader> {
        let version = self.read_line(MAX_HEADER_LINE)?.unwrap_or_default();
        if !version.starts_with("WARC/") {
            let shown: String = version.chars().take(40).collect();
            return Err(invalid(&format!("not a WARC record (it starts {shown:?})")));
        }
        let mut fields: Vec<(String, String)> = Vec::new();
        let mut bytes = 0;
        loop {
            let line = self
                .read_line(MAX_HEADER_LINE)?
                .ok_or_else(|| invalid("truncated record: the file ends in its header"))?;
            if line.is_empty() {
                return Ok(WarcHeader { fields });
            }
            bytes += line.len();
            if bytes > MAX_HEADER_BYTES {
                return Err(invalid("record header too long"));
            }
            if line.starts_with([' ', '\t']) {
                if let Some(last) = fields.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(line.trim());
                }
            } else if let Some((k, v)) = line.split_once(':') {
                fields.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
    }

    /// Up to `n` bytes (fewer only at the end of the stream).
    fn take(&mut self, n: usize) -> io::Result<Vec<u8>> {
        while self.buffered().len() < n {
            if !self.fill()? {
                break;
            }
        }
        let k = n.min(self.buffered().len());
        let out = self.buffered()[..k].to_vec();
        self.consume(k);
        Ok(out)
    }

    /// Read past `n` bytes without keeping them; `false` if the stream
    /// ended first.
    fn skip(&mut self, mut n: u64) -> io::Result<bool> {
        loop {
            let k = (self.buffered().len() as u64).min(n);
            self.consume(k as usize);
            n -= k;
            if n == 0 {
                return Ok(true);
            }
            if !self.fill()? {
                return Ok(false);
            }
        }
    }

    /// After a damaged record: the next gzip member when the stream broke,
    /// else the next line that starts a record. `false` when there is none.
    fn resync(&mut self) -> io::Result<bool> {
        if self.broken {
            self.broken = false;
            return self.raw.discard().resync();
        }
        loop {
            let found = self
                .buffered()
                .windows(7)
                .position(|w| w.starts_with(b"\nWARC/"));
            if let Some(i) = found {
                self.consume(i + 1);
                return Ok(true);
            }
            let keep = self.buffered().len().min(6);
            let n = self.buffered().len() - keep;
            self.consume(n);
            if !self.fill()? {
                return Ok(false);
            }
        }
    }
}

fn invalid(why: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::gzip as gz;

    pub(crate) fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
             WARC-Date: 2026-11-30T08:00:00Z\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn response(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut b = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        b.extend_from_slice(body);
        b
    }

    fn items(bytes: &[u8]) -> Vec<Item> {
        WarcRecords::new("t.warc", bytes, 1 << 20)
            .unwrap()
            .collect()
    }

    const PAGE: &[u8] =
        b"<html><head><title>T</title></head><body><p>Archived words.</p></body></html>";

    /// A response record of [`PAGE`] at `https://n.example/N`.
    fn page(n: u32) -> Vec<u8> {
        record(
            "response",
            &format!("https://n.example/{n}"),
            &response("Content-Type: text/html\r\n", PAGE),
        )
    }

    #[test]
    fn a_page_response_becomes_a_document_dated_by_its_crawl() {
        let file = [
            record("warcinfo", "", b"software: test\r\n"),
            record("request", "https://n.example/a", b"GET /a HTTP/1.1\r\n\r\n"),
            record(
                "response",
                "https://n.example/a",
                &response("Content-Type: text/html; charset=utf-8\r\n", PAGE),
            ),
            record(
                "response",
                "https://n.example/robots.txt",
                &response("Content-Type: text/plain\r\n", b"User-agent: *"),
            ),
            record("metadata", "https://n.example/a", b"fetchTimeMs: 10\r\n"),
        ]
        .concat();
        let got = items(&file);
        let docs: Vec<&RawDocument> = got
            .iter()
            .filter_map(|i| match i {
                Item::Doc(d) => Some(d),
                _ => None,
            })
            .collect();
        assert_eq!(docs.len(), 1, "{got:?}");
        assert_eq!(docs[0].source, "https://n.example/a");
        assert_eq!(docs[0].meta.url.as_deref(), Some("https://n.example/a"));
        assert_eq!(
            docs[0].meta.crawled.as_deref(),
            Some("2026-11-30T08:00:00Z")
        );
        assert_eq!(docs[0].meta.published, None);
        let skipped: Vec<&str> = got
            .iter()
            .filter_map(|i| match i {
                Item::Skipped(s) => Some(s.what.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            skipped,
            [
                "warcinfo record",
                "request record",
                "response not a web page (text/plain)",
                "metadata record"
            ]
        );
    }

    #[test]
    fn codings_and_charsets_are_undone() {
        let latin1 = b"<html><body><p>Caf\xe9 cr\xe8me</p></body></html>";
        let chunked = {
            let z = gz(latin1);
            let mut c = format!("{:x}\r\n", z.len()).into_bytes();
            c.extend_from_slice(&z);
            c.extend_from_slice(b"\r\n0\r\n\r\n");
            c
        };
        let file = record(
            "response",
            "https://n.example/c",
            &response(
                "Content-Type: text/html; charset=ISO-8859-1\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
                &chunked,
            ),
        );
        match &items(&file)[..] {
            [Item::Doc(d)] => assert!(d.body.contains("Café crème"), "{}", d.body),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_damaged_member_fails_alone_and_the_rest_is_read() {
        let first = gz(&page(1));
        let mut second = gz(&page(2));
        let mid = second.len() / 2;
        for b in &mut second[14..mid] {
            *b = b.wrapping_add(77);
        }
        let file = [first.clone(), second, gz(&page(3))].concat();
        let got = items(&file);
        let docs = got.iter().filter(|i| matches!(i, Item::Doc(_))).count();
        let fails: Vec<&Failure> = got
            .iter()
            .filter_map(|i| match i {
                Item::Failed(f) => Some(f),
                _ => None,
            })
            .collect();
        assert_eq!(docs, 2, "{got:?}");
        assert_eq!(fails.len(), 1, "{got:?}");
        assert_eq!(fails[0].source, format!("t.warc@{}", first.len()));
        assert!(
            fails[0].reason.contains("gzip member"),
            "{}",
            fails[0].reason
        );
    }

    #[test]
    fn a_member_that_fails_only_its_checksum_fails_alone() {
        let first = gz(&page(1));
        let mut second = gz(&page(2));
        let crc = second.len() - 8;
        second[crc] ^= 0xff;
        let file = [first.clone(), second, gz(&page(3))].concat();
        let got = items(&file);
        let sources: Vec<String> = got
            .iter()
            .map(|i| match i {
                Item::Doc(d) => d.source.clone(),
                Item::Failed(f) => format!("failed {}", f.source),
                Item::Skipped(s) => format!("skipped {}", s.source),
            })
            .collect();
        assert_eq!(
            sources,
            [
                "https://n.example/1".to_string(),
                format!("failed t.warc@{}", first.len()),
                "https://n.example/3".to_string()
            ]
        );
    }

    #[test]
    fn a_truncated_record_says_so_with_its_offset() {
        let whole = record(
            "response",
            "https://n.example/t",
            &response("Content-Type: text/html\r\n", PAGE),
        );
        let file = [record("warcinfo", "", b"x: y\r\n"), whole.clone()].concat();
        let cut = &file[..file.len() - 40];
        let got = items(cut);
        match &got[..] {
            [Item::Skipped(_), Item::Failed(f)] => {
                assert!(f.reason.contains("truncated record"), "{}", f.reason);
                assert_eq!(f.source, format!("t.warc@{}", file.len() - whole.len()));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn garbage_between_records_fails_once_and_reading_goes_on() {
        let page = record(
            "response",
            "https://n.example/g",
            &response("Content-Type: text/html\r\n", PAGE),
        );
        let file = [b"this is not a record\r\nnor this\r\n".to_vec(), page].concat();
        let got = items(&file);
        assert!(
            matches!(&got[..], [Item::Failed(_), Item::Doc(_)]),
            "{got:?}"
        );
    }

    #[test]
    fn an_empty_archive_and_an_oversized_record_are_one_line_each() {
        match &items(b"")[..] {
            [Item::Failed(f)] => assert!(f.reason.contains("no records")),
            other => panic!("{other:?}"),
        }
        let big = record("response", "https://n.example/b", &vec![b'a'; 4096]);
        let after = record("warcinfo", "", b"x: y\r\n");
        let file = [big, after].concat();
        let got: Vec<Item> = WarcRecords::new("t.warc", &file[..], 1024)
            .unwrap()
            .collect();
        assert!(
            matches!(&got[..], [Item::Failed(f), Item::Skipped(_)] if f.reason.contains("size cap")),
            "{got:?}"
        );
    }

    #[test]
    fn a_bomb_inside_a_record_is_refused() {
        let bomb = gz(&vec![b' '; 4 << 20]);
        let file = record(
            "response",
            "https://n.example/bomb",
            &response(
                "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                &bomb,
            ),
        );
        let got: Vec<Item> = WarcRecords::new("t.warc", &file[..], 1 << 20)
            .unwrap()
            .collect();
        match &got[..] {
            [Item::Failed(f)] => assert!(f.reason.contains("bomb"), "{}", f.reason),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn whole_file_gzip_is_read_too() {
        let file = gz(&[
            record("warcinfo", "", b"x: y\r\n"),
            record(
                "response",
                "https://n.example/w",
                &response("Content-Type: text/html\r\n", PAGE),
            ),
        ]
        .concat());
        let got = items(&file);
        assert!(
            matches!(&got[..], [Item::Skipped(_), Item::Doc(_)]),
            "{got:?}"
        );
    }
}
