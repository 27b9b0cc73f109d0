//! Ingest: from paths on the command line (files, directories, gzip, JSON
//! lines, web archives, standard input) to raw documents, each with its source, the SHA-256
//! of its raw bytes and its text decoded to UTF-8.
//!
//! Ingest never panics on bad input: every file yields documents or one-line
//! failures, and a malformed JSON line fails alone while the other lines of its
//! file are kept.

mod content;
mod decode;
mod discover;
mod feed;
pub mod http;
mod jsonl;
mod limits;
mod read;
mod records;
mod stream;
pub mod warc;

pub use content::{dechunk, decode_content};
pub use decode::{decode_text, decode_with_charset, Decoded};
pub use discover::{discover, Discovery, FileKind, InputFile};
pub use feed::{looks_like_feed, parse_feed, Feed, FeedItem};
pub use limits::Limits;
pub use read::{open_input, read_input, read_stdin, Failure, Item, Items, RawDocument, Skip};
pub use records::read_records;

/// What the unit tests of several modules share.
#[cfg(test)]
mod test_support {
    use std::io::Write;

    /// `data` as one gzip member.
    pub(crate) fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }
}
