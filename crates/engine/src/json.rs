//! JSON that is safe to print anywhere: strings escape, beyond what JSON
//! requires, the characters a terminal acts on (DEL, C1 controls,
//! bidirectional overrides) as `\uXXXX` — the same values, since article
//! text is untrusted and JSON goes to terminals, files and browsers alike.

use std::io::{self, Write};

/// Whether a character must not reach a terminal raw: C0 controls other
/// than line feed and tab, DEL, C1 controls, and the bidirectional
/// embeddings, overrides and isolates that reorder what is displayed.
pub fn is_unsafe(c: char) -> bool {
    matches!(c, '\0'..='\u{08}' | '\u{0b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `c` as visible text: `\u{1b}`.
/// A JSON formatter that escapes, beyond what JSON requires, the
/// characters of [`is_unsafe`] (`\u001b` is escaped by JSON already; DEL,
/// C1 controls and bidirectional controls are not).
pub struct SafeFormatter<F>(pub F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for SafeFormatter<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{:04x}", u)?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `value` as indented JSON, terminal-safe, ending in a newline.
pub fn json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut buf = Vec::new();
    let fmt = SafeFormatter(serde_json::ser::PrettyFormatter::new());
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    value.serialize(&mut ser)?;
    buf.push(b'\n');
    // The serializer writes only valid UTF-8.
    Ok(String::from_utf8(buf).unwrap_or_default())
}

/// Write `value` as compact, terminal-safe JSON (no newline).
pub fn json_compact<T: serde::Serialize + ?Sized, W: Write + ?Sized>(
    w: &mut W,
    value: &T,
) -> serde_json::Result<()> {
    let fmt = SafeFormatter(serde_json::ser::CompactFormatter);
    let mut ser = serde_json::Serializer::with_formatter(w, fmt);
    value.serialize(&mut ser)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_escape_what_terminals_act_on_and_keep_their_value() {
        let s = "a\u{1b}b\u{7f}c\u{85}d\u{202e}e é “q”";
        let json = json_pretty(&serde_json::json!({ "t": s })).unwrap();
        assert!(!json.chars().any(is_unsafe), "{json}");
        assert!(json.contains("\\u001b") && json.contains("\\u007f") && json.contains("\\u0085"));
        assert!(json.contains("\\u202e") && json.contains("é “q”"));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["t"], s);
        let mut compact = Vec::new();
        json_compact(&mut compact, &s).unwrap();
        let back: String = serde_json::from_slice(&compact).unwrap();
        assert_eq!(back, s);
    }
}
