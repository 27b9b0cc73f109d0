//! Everything the CLI prints goes through here, because article text is
//! untrusted: a title holding `ESC ] 0 ; … BEL` must not retitle the
//! user's window, and a file name holding a newline must not break a
//! one-line message.
//!
//! - [`Out`] is standard output: buffered, with every control character
//!   that a terminal would act on made visible (`\u{1b}`), whatever the
//!   destination (a terminal, a pipe, a Markdown or HTML file), and with
//!   write errors returned instead of panicking: a closed pipe
//!   (`crosscheck claims | head`) ends the command normally, a full disk
//!   is a one-line error (see [`is_broken_pipe`]).
//! - [`one_line`] is for fields that a line must hold alone (a file name
//!   in a failure, a table cell): newlines and tabs are made visible too.
//! - [`json_pretty`] and [`JsonWriter`] write JSON whose strings escape
//!   the characters JSON allows raw but terminals act on (DEL, C1 controls,
//!   bidirectional overrides) as `\uXXXX`: the same values, safe to print.
//! - [`warn`] writes a line to standard error, made safe the same way; a
//!   failing standard error is ignored (there is nowhere left to report).

use std::fmt::Write as _;
use std::io::{self, Write};

pub use crosscheck_engine::json::{is_unsafe, json_pretty};

fn visible_escape(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

/// `s` with every unsafe character made visible; line feeds and tabs kept.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            visible_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// `s` made safe to hold one line: unsafe characters, line feeds and tabs
/// made visible (`\n`, `\t`).
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => visible_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Standard output of a command. Use it with `write!`/`writeln!` and `?`;
/// call [`Out::finish`] at the end so that a failed final flush is an error
/// too.
pub struct Out {
    inner: io::BufWriter<io::Stdout>,
    /// The first bytes of a UTF-8 sequence cut by the end of a write.
    carry: Vec<u8>,
}

impl Out {
    pub fn stdout() -> Out {
        Out {
            inner: io::BufWriter::with_capacity(64 * 1024, io::stdout()),
            carry: Vec::new(),
        }
    }

    /// Flush what is buffered; a failure (a full disk) is returned.
    pub fn finish(mut self) -> io::Result<()> {
        if !self.carry.is_empty() {
            let carry = std::mem::take(&mut self.carry);
            self.inner
                .write_all(String::from_utf8_lossy(&carry).as_bytes())?;
        }
        self.inner.flush()
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.carry);
        bytes.extend_from_slice(buf);
        // Keep an incomplete UTF-8 sequence at the end for the next write.
        let (text, rest) = match std::str::from_utf8(&bytes) {
            Ok(_) => (bytes.len(), 0),
            Err(e) if e.error_len().is_none() => (e.valid_up_to(), bytes.len() - e.valid_up_to()),
            Err(_) => (bytes.len(), 0),
        };
        let safe = visible(&String::from_utf8_lossy(&bytes[..text])).into_owned();
        self.inner.write_all(safe.as_bytes())?;
        self.carry = bytes[text..text + rest].to_vec();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Whether an error is a closed output pipe (the reader went away): a
/// normal end of the command, not a failure.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == io::ErrorKind::BrokenPipe)
    })
}

/// One line on standard error (a warning, an error, a failed input), made
/// safe to print.
pub fn warn(line: &str) {
    let mut e = io::stderr().lock();
    let _ = writeln!(e, "{}", one_line(line));
}

pub use crosscheck_engine::compare::rounded;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_in_article_text_are_made_visible() {
        let title = "Harbour \u{1b}]0;owned\u{7} fire\u{1b}[2J \u{9b}31m \u{202e}txt.exe";
        let v = visible(title);
        assert!(!v.chars().any(is_unsafe), "{v}");
        assert_eq!(
            v,
            "Harbour \\u{1b}]0;owned\\u{7} fire\\u{1b}[2J \\u{9b}31m \\u{202e}txt.exe"
        );
        assert_eq!(visible("line one\nline\ttwo"), "line one\nline\ttwo");
    }

    #[test]
    fn one_line_fields_cannot_break_the_line() {
        assert_eq!(one_line("a\nb.txt"), "a\\nb.txt");
        assert_eq!(one_line("cr\rhere\t"), "cr\\u{d}here\\t");
    }

    #[test]
    fn a_utf8_sequence_cut_between_writes_is_filtered_whole() {
        // U+009B (CSI) is 0xC2 0x9B in UTF-8; written in two pieces it
        // must still be caught.
        let mut out = Out {
            inner: io::BufWriter::new(io::stdout()),
            carry: Vec::new(),
        };
        out.write_all(b"x\xc2").unwrap();
        assert_eq!(out.carry, b"\xc2");
        out.write_all(b"\x9by").unwrap();
        assert!(out.carry.is_empty());
        assert_eq!(
            out.inner.buffer(),
            b"x\\u{9b}y",
            "{:?}",
            String::from_utf8_lossy(out.inner.buffer())
        );
        // Nothing reaches the real standard output in the test.
        let _ = out.inner.into_parts();
    }
}
