//! Ingest: from paths on the command line (files, directories, gzip, JSON
//! lines, standard input) to raw documents, each with its source, the SHA-256
//! of its raw bytes and its text decoded to UTF-8.
//!
//! Ingest never panics on bad input: every file yields documents or one-line
//! failures, and a malformed JSON line fails alone while the other lines of its
//! file are kept.

mod decode;
mod discover;
mod limits;
mod read;
mod records;

pub use decode::{decode_text, Decoded};
pub use discover::{discover, Discovery, FileKind, InputFile};
pub use limits::Limits;
pub use read::{read_input, read_stdin, Failure, Item, RawDocument};
pub use records::read_records;
