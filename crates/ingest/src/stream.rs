//! Reading big inputs piece by piece: a gzip stream member by member (so a
//! corrupt member costs only itself), and lines or blocks under a cap per
//! piece rather than per file.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];
const RAW_BUF: usize = 64 * 1024;

/// File bytes with their offset, and a look-ahead buffer that can be
/// searched (to find the next gzip member after a corrupt one).
pub(crate) struct Raw<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    /// Offset in the file of `buf[start]`.
    pos: u64,
    eof: bool,
}

impl<R: Read> Raw<R> {
    pub(crate) fn new(inner: R) -> Self {
        Raw {
            inner,
            buf: Vec::new(),
            start: 0,
            pos: 0,
            eof: false,
        }
    }

    /// The bytes read and not yet consumed.
    pub(crate) fn buffered(&self) -> &[u8] {
        &self.buf[self.start..]
    }

    pub(crate) fn inner(&self) -> &R {
        &self.inner
    }

    /// Drop what is buffered (and forget an end seen) to read on from the
    /// inner reader itself.
    pub(crate) fn discard(&mut self) -> &mut R {
        self.pos += (self.buf.len() - self.start) as u64;
        self.buf.clear();
        self.start = 0;
        self.eof = false;
        &mut self.inner
    }

    /// Buffer at least `n` bytes if the file has them; the buffered bytes.
    pub(crate) fn ensure(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.buf.len() - self.start < n && !self.eof {
            if self.start > 0 {
                self.buf.drain(..self.start);
                self.start = 0;
            }
            let old = self.buf.len();
            self.buf.resize(old + RAW_BUF, 0);
            let got = loop {
                match self.inner.read(&mut self.buf[old..]) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => break other,
                }
            };
            match got {
                Ok(0) => {
                    self.buf.truncate(old);
                    self.eof = true;
                }
                Ok(k) => self.buf.truncate(old + k),
                Err(e) => {
                    self.buf.truncate(old);
                    return Err(e);
                }
            }
        }
        Ok(&self.buf[self.start..])
    }

    /// Skip to the next gzip member header after the current position
    /// (with `step`, after the byte there: the failed member's own header);
    /// `false` when there is none (the position is then the end).
    fn seek_member(&mut self, step: bool) -> io::Result<bool> {
        if step && !self.ensure(1)?.is_empty() {
            self.consume(1);
        }
        loop {
            let avail = self.ensure(GZIP_MAGIC.len())?;
            if avail.len() < GZIP_MAGIC.len() {
                let n = avail.len();
                self.consume(n);
                return Ok(false);
            }
            match memchr::memchr(GZIP_MAGIC[0], avail) {
                Some(i) if avail[i..].starts_with(&GZIP_MAGIC) => {
                    self.consume(i);
                    return Ok(true);
                }
                Some(i) if avail.len() - i < GZIP_MAGIC.len() => self.consume(i),
                Some(i) => self.consume(i + 1),
                None => {
                    let n = avail.len();
                    self.consume(n);
                }
            }
        }
    }
}

impl<R: Read> Read for Raw<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        out[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Raw<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.buf.len() == self.start {
            self.ensure(1)?;
        }
        Ok(&self.buf[self.start..])
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.buf.len() - self.start);
        self.start += n;
        self.pos += n as u64;
    }
}

enum State<R> {
    /// Outside any gzip member (or reading a file that is not gzip).
    Raw(Raw<R>),
    Member(flate2::bufread::GzDecoder<Raw<R>>),
}

/// A file's bytes, decompressed when it is gzip (one member or many, as
/// web archives write one per record). A corrupt member is an error once;
/// [`Decompressed::resync`] then goes on at the next member.
pub(crate) struct Decompressed<R> {
    state: Option<State<R>>,
    gzip: bool,
    /// Decompressed bytes handed out so far.
    out_pos: u64,
    /// (decompressed offset, file offset) of the latest members' starts.
    members: VecDeque<(u64, u64)>,
}

impl<R: Read> Decompressed<R> {
    /// Open `inner`, gzip or not (told by its first bytes, whatever its name).
    pub(crate) fn new(inner: R) -> io::Result<Self> {
        let mut raw = Raw::new(inner);
        let gzip = raw.ensure(2)?.starts_with(&GZIP_MAGIC[..2]);
        Ok(Decompressed {
            state: Some(State::Raw(raw)),
            gzip,
            out_pos: 0,
            members: VecDeque::new(),
        })
    }

    pub(crate) fn is_gzip(&self) -> bool {
        self.gzip
    }

    /// Decompressed bytes read so far.
    pub(crate) fn position(&self) -> u64 {
        self.out_pos
    }

    /// The file offset of the gzip member that starts exactly at
    /// decompressed offset `at`, if one does.
    pub(crate) fn member_at(&self, at: u64) -> Option<u64> {
        self.members
            .iter()
            .find(|(out, _)| *out == at)
            .map(|(_, raw)| *raw)
    }

    /// (decompressed offset, file offset) of the start of the member read
    /// last.
    pub(crate) fn last_member(&self) -> Option<(u64, u64)> {
        self.members.back().copied()
    }

    /// After an error: go on at the next gzip member; `false` when there
    /// is none, or when the file is not gzip (nothing to resynchronise on).
    pub(crate) fn resync(&mut self) -> io::Result<bool> {
        let mut raw = match self.state.take() {
            Some(State::Raw(r)) => r,
            Some(State::Member(d)) => d.into_inner(),
            None => return Ok(false),
        };
        // A member that failed its trailer check was read to its end: the
        // next member starts right here and must not be stepped over.
        let failed_start = self.members.back().map(|m| m.1);
        let step = failed_start.is_none_or(|start| raw.pos <= start);
        let found = if self.gzip {
            raw.seek_member(step)
        } else {
            Ok(false)
        };
        self.state = Some(State::Raw(raw));
        found
    }
}

impl<R: Read> Read for Decompressed<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.state.take() {
                None => return Ok(0),
                Some(State::Raw(mut raw)) if !self.gzip => {
                    let n = raw.read(out);
                    self.state = Some(State::Raw(raw));
                    let n = n?;
                    self.out_pos += n as u64;
                    return Ok(n);
                }
                Some(State::Raw(mut raw)) => {
                    if let Err(e) = raw.ensure(GZIP_MAGIC.len()) {
                        self.state = Some(State::Raw(raw));
                        return Err(e);
                    }
                    let head = raw.buffered();
                    if head.is_empty() {
                        self.state = Some(State::Raw(raw));
                        return Ok(0);
                    }
                    if !head.starts_with(&GZIP_MAGIC) {
                        let at = raw.pos;
                        self.state = Some(State::Raw(raw));
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!("bytes at offset {at} are not a gzip member"),
                        ));
                    }
                    if self.members.len() == 8 {
                        self.members.pop_front();
                    }
                    self.members.push_back((self.out_pos, raw.pos));
                    self.state = Some(State::Member(flate2::bufread::GzDecoder::new(raw)));
                }
                Some(State::Member(mut dec)) => match dec.read(out) {
                    Ok(0) if !out.is_empty() => self.state = Some(State::Raw(dec.into_inner())),
                    Ok(n) => {
                        self.state = Some(State::Member(dec));
                        self.out_pos += n as u64;
                        return Ok(n);
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                        self.state = Some(State::Member(dec))
                    }
                    Err(e) => {
                        self.state = Some(State::Member(dec));
                        let kind = if e.kind() == io::ErrorKind::UnexpectedEof {
                            "truncated gzip"
                        } else {
                            "corrupt gzip"
                        };
                        return Err(io::Error::new(e.kind(), format!("{kind}: {e}")));
                    }
                },
            }
        }
    }
}

/// What [`read_line_capped`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// A line (in the buffer given), without its line end.
    Kept,
    /// A line longer than the cap, skipped: its length.
    TooLong(u64),
    End,
}

/// Read one line into `line` (cleared first), keeping at most `cap` bytes;
/// a longer line is read past (not kept) and reported with its length.
pub(crate) fn read_line_capped<R: BufRead>(
    r: &mut R,
    cap: u64,
    line: &mut Vec<u8>,
) -> io::Result<Line> {
    line.clear();
    let mut len: u64 = 0;
    let mut any = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match memchr::memchr(b'\n', avail) {
            Some(i) => (&avail[..i], Some(i + 1)),
            None => (avail, None),
        };
        len += chunk.len() as u64;
        if len <= cap {
            line.extend_from_slice(chunk);
        }
        let used = done.unwrap_or(chunk.len());
        r.consume(used);
        if done.is_some() {
            break;
        }
    }
    if !any {
        return Ok(Line::End);
    }
    if line.last() == Some(&b'\r') && len <= cap {
        line.pop();
    }
    if len > cap {
        line.clear();
        return Ok(Line::TooLong(len));
    }
    Ok(Line::Kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::gzip as gz;

    fn read_to_end(d: &mut Decompressed<&[u8]>) -> (Vec<u8>, Vec<String>) {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        let mut buf = [0u8; 7];
        loop {
            match d.read(&mut buf) {
                Ok(0) => return (out, errors),
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => {
                    errors.push(e.to_string());
                    if !d.resync().unwrap() {
                        return (out, errors);
                    }
                }
            }
        }
    }

    #[test]
    fn members_are_read_one_after_another_with_their_offsets() {
        let (a, b) = (gz(b"first member\n"), gz(b"second member\n"));
        let file = [a.clone(), b].concat();
        let mut d = Decompressed::new(&file[..]).unwrap();
        assert!(d.is_gzip());
        let (out, errors) = read_to_end(&mut d);
        assert_eq!(out, b"first member\nsecond member\n");
        assert!(errors.is_empty());
        assert_eq!(d.member_at(13), Some(a.len() as u64));
        assert_eq!(d.member_at(0), Some(0));
    }

    #[test]
    fn a_corrupt_member_is_skipped_and_the_next_one_read() {
        let mut bad = gz(b"this member will be damaged in its middle part");
        let mid = bad.len() / 2;
        for b in &mut bad[12..mid] {
            *b ^= 0x5a;
        }
        let file = [gz(b"one\n"), bad, gz(b"three\n")].concat();
        let mut d = Decompressed::new(&file[..]).unwrap();
        let (out, errors) = read_to_end(&mut d);
        assert_eq!(errors.len(), 1, "{errors:?}");
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.starts_with("one\n") && text.ends_with("three\n"),
            "{text:?}"
        );
    }

    #[test]
    fn plain_bytes_pass_through() {
        let mut d = Decompressed::new(&b"WARC/1.0\r\n"[..]).unwrap();
        assert!(!d.is_gzip());
        assert_eq!(read_to_end(&mut d).0, b"WARC/1.0\r\n");
    }

    #[test]
    fn long_lines_are_skipped_not_kept() {
        let data = b"short\r\nthis line is far too long\nok";
        let mut r = &data[..];
        let mut line = Vec::new();
        assert_eq!(read_line_capped(&mut r, 10, &mut line).unwrap(), Line::Kept);
        assert_eq!(line, b"short");
        assert_eq!(
            read_line_capped(&mut r, 10, &mut line).unwrap(),
            Line::TooLong(25)
        );
        assert_eq!(read_line_capped(&mut r, 10, &mut line).unwrap(), Line::Kept);
        assert_eq!(line, b"ok");
        assert_eq!(read_line_capped(&mut r, 10, &mut line).unwrap(), Line::End);
    }
}
