//! JSON-lines files read line by line: a file of any size, with the size
//! cap applied to each record (a line), not to the file.

use std::io::{BufReader, Read};

use crate::decode::decode_text;
use crate::discover::InputFile;
use crate::limits::Limits;
use crate::read::{Failure, Item, Items};
use crate::records::record;
use crate::stream::{read_line_capped, Decompressed, Line};

/// The records of a `.jsonl` (or `.jsonl.gz`) file, one line at a time.
/// UTF-16 files (a byte-order mark says so) are read whole, as before.
pub(crate) fn open_json_lines(file: &InputFile, limits: &Limits) -> Items {
    let src = file.display.clone();
    let fail = |reason: String| -> Items {
        Box::new(std::iter::once(Item::Failed(Failure::new(&src, reason))))
    };
    let f = match std::fs::File::open(&file.path) {
        Ok(f) => f,
        Err(e) => return fail(format!("cannot open: {e}")),
    };
    let stream = match Decompressed::new(f) {
        Ok(s) => s,
        Err(e) => return fail(format!("cannot read: {e}")),
    };
    if file.gzip && !stream.is_gzip() {
        let empty = std::fs::metadata(&file.path).is_ok_and(|m| m.len() == 0);
        return fail(if empty {
            "empty file".to_string()
        } else {
            "not gzip data although the name ends in .gz".to_string()
        });
    }
    Box::new(JsonLines {
        src: src.clone(),
        input: BufReader::with_capacity(256 * 1024, stream),
        cap: limits.max_file_bytes,
        line: Vec::new(),
        number: 0,
        records: 0,
        done: false,
        utf16: None,
        limits: limits.clone(),
        file: file.clone(),
    })
}

struct JsonLines<R> {
    src: String,
    input: BufReader<R>,
    cap: u64,
    line: Vec<u8>,
    /// 1-based number of the last line read.
    number: usize,
    /// Items given (records and their failures).
    records: usize,
    done: bool,
    /// A UTF-16 file, read whole instead.
    utf16: Option<std::vec::IntoIter<Item>>,
    limits: Limits,
    file: InputFile,
}

impl<R: Read> Iterator for JsonLines<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if let Some(whole) = &mut self.utf16 {
            return whole.next();
        }
        while !self.done {
            let got = read_line_capped(&mut self.input, self.cap, &mut self.line);
            self.number += 1;
            let at = format!("{}#{}", self.src, self.number);
            match got {
                Err(e) => {
                    self.done = true;
                    self.records += 1;
                    return Some(Item::Failed(Failure::new(
                        &at,
                        format!("cannot read on from this line: {e}"),
                    )));
                }
                Ok(Line::End) => self.done = true,
                Ok(Line::TooLong(len)) => {
                    self.records += 1;
                    return Some(Item::Failed(Failure::new(
                        &at,
                        format!(
                            "record is {len} bytes, over the size cap of {} bytes (--max-file-size)",
                            self.cap
                        ),
                    )));
                }
                Ok(Line::Kept) => {
                    if self.number == 1
                        && (self.line.starts_with(b"\xff\xfe")
                            || self.line.starts_with(b"\xfe\xff"))
                    {
                        return self.read_whole_utf16();
                    }
                    let bytes = self
                        .line
                        .strip_prefix(b"\xef\xbb\xbf")
                        .unwrap_or(&self.line);
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    self.records += 1;
                    let text = match std::str::from_utf8(bytes) {
                        Ok(t) => std::borrow::Cow::Borrowed(t),
                        Err(_) => match decode_text(bytes, false) {
                            Ok(d) => std::borrow::Cow::Owned(d.text),
                            Err(reason) => return Some(Item::Failed(Failure::new(&at, reason))),
                        },
                    };
                    return Some(record(&self.src, self.number, text.trim()));
                }
            }
        }
        if self.records == 0 {
            self.records = 1;
            let reason = if self.number <= 1 && self.line.is_empty() && is_empty_file(&self.file) {
                "empty file"
            } else {
                "no records (an empty array, or only blank lines)"
            };
            return Some(Item::Failed(Failure::new(&self.src, reason)));
        }
        None
    }
}

impl<R: Read> JsonLines<R> {
    fn read_whole_utf16(&mut self) -> Option<Item> {
        let mut file = self.file.clone();
        file.kind = crate::discover::FileKind::Json;
        let mut whole = crate::read::read_input(&file, &self.limits).into_iter();
        let first = whole.next();
        self.utf16 = Some(whole);
        first
    }
}

fn is_empty_file(file: &InputFile) -> bool {
    std::fs::metadata(&file.path).is_ok_and(|m| m.len() == 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::FileKind;

    fn file(dir: &tempfile::TempDir, name: &str, data: &[u8]) -> InputFile {
        let path = dir.path().join(name);
        std::fs::write(&path, data).unwrap();
        InputFile {
            display: name.to_string(),
            path,
            kind: FileKind::JsonLines,
            gzip: name.ends_with(".gz"),
        }
    }

    #[test]
    fn the_cap_is_per_record_not_per_file() {
        let dir = tempfile::tempdir().unwrap();
        let line = format!("{{\"text\": \"{}\"}}\n", "word ".repeat(40));
        let mut data = line.repeat(30);
        data.push_str(&format!("{{\"text\": \"{}\"}}\n", "long ".repeat(400)));
        data.push_str(&line);
        let limits = Limits::new(1024, 1 << 20);
        let items: Vec<Item> =
            open_json_lines(&file(&dir, "big.jsonl", data.as_bytes()), &limits).collect();
        assert!(data.len() > 4 * 1024);
        assert_eq!(items.len(), 32);
        let docs = items.iter().filter(|i| matches!(i, Item::Doc(_))).count();
        assert_eq!(docs, 31);
        match &items[30] {
            Item::Failed(f) => {
                assert_eq!(f.source, "big.jsonl#31");
                assert!(f.reason.contains("size cap"), "{}", f.reason);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn blank_lines_a_bom_and_crlf_are_read_as_before() {
        let dir = tempfile::tempdir().unwrap();
        let data = b"\xef\xbb\xbf{\"text\": \"one\"}\r\n\r\n{\"text\": \"two\"}";
        let items: Vec<Item> =
            open_json_lines(&file(&dir, "a.jsonl", data), &Limits::default()).collect();
        let sources: Vec<&str> = items
            .iter()
            .map(|i| match i {
                Item::Doc(d) => d.source.as_str(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(sources, ["a.jsonl#1", "a.jsonl#3"]);
        let none: Vec<Item> =
            open_json_lines(&file(&dir, "b.jsonl", b"\n \n"), &Limits::default()).collect();
        assert!(matches!(&none[..], [Item::Failed(f)] if f.reason.contains("no records")));
        let empty: Vec<Item> =
            open_json_lines(&file(&dir, "c.jsonl", b""), &Limits::default()).collect();
        assert!(matches!(&empty[..], [Item::Failed(f)] if f.reason == "empty file"));
    }

    #[test]
    fn a_gzip_stream_is_read_line_by_line() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        for i in 0..100 {
            writeln!(e, "{{\"text\": \"record {i}\"}}").unwrap();
        }
        let gz = e.finish().unwrap();
        let items: Vec<Item> =
            open_json_lines(&file(&dir, "a.jsonl.gz", &gz), &Limits::default()).collect();
        assert_eq!(
            items.iter().filter(|i| matches!(i, Item::Doc(_))).count(),
            100
        );
        let cut: Vec<Item> = open_json_lines(
            &file(&dir, "b.jsonl.gz", &gz[..gz.len() / 2]),
            &Limits::default(),
        )
        .collect();
        assert!(
            matches!(cut.last(), Some(Item::Failed(f)) if f.reason.contains("gzip")),
            "{cut:?}"
        );
    }
}
