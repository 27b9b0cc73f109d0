//! A single forward pass over a page's tags, for metadata. Regexes over the
//! whole page were the slowest part of extraction (unicode-aware lazy
//! patterns over 100 KB pages); this scanner touches each byte about once,
//! finds tags with memchr and skips script, style and comment bodies.

/// One tag as written: its lower-case name and the raw text between `<` and `>`.
pub struct RawTag<'a> {
    pub name: String,
    pub closing: bool,
    pub raw: &'a str,
    /// Byte offsets of `<` and one past `>`.
    pub start: usize,
    pub end: usize,
}

/// Iterate over the tags of `html` from `pos`. Comments, doctypes and
/// processing instructions are skipped.
pub struct Tags<'a> {
    html: &'a str,
    pub pos: usize,
}

impl<'a> Tags<'a> {
    pub fn new(html: &'a str, pos: usize) -> Self {
        Tags { html, pos }
    }
}

impl<'a> Iterator for Tags<'a> {
    type Item = RawTag<'a>;

    fn next(&mut self) -> Option<RawTag<'a>> {
        let b = self.html.as_bytes();
        loop {
            let lt = self.pos + memchr::memchr(b'<', b.get(self.pos..)?)?;
            let rest = &b[lt..];
            if rest.starts_with(b"<!--") {
                self.pos = find(b, b"-->", lt + 4).map_or(b.len(), |e| e + 3);
                continue;
            }
            let gt = memchr::memchr(b'>', rest).map_or(b.len(), |g| lt + g + 1);
            self.pos = gt;
            let closing = rest.get(1) == Some(&b'/');
            let name_start = lt + 1 + usize::from(closing);
            let name_len = b[name_start.min(b.len())..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
                .count();
            if name_len == 0 {
                continue; // "<!doctype", "<?xml", a stray "<"
            }
            let name = self.html[name_start..name_start + name_len].to_ascii_lowercase();
            let raw_end = if gt > lt + 1 && b.get(gt - 1) == Some(&b'>') {
                gt - 1
            } else {
                gt
            };
            let raw = self.html.get(name_start + name_len..raw_end).unwrap_or("");
            return Some(RawTag {
                name,
                closing,
                raw,
                start: lt,
                end: gt,
            });
        }
    }
}

/// Case-insensitive search for an ASCII lower-case `needle` from `from`.
pub fn find_ci(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let first = needle.first()?;
    let mut i = from;
    while i + needle.len() <= hay.len() {
        let j = i + memchr::memchr2(*first, first.to_ascii_uppercase(), &hay[i..])?;
        if j + needle.len() <= hay.len() && hay[j..j + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(j);
        }
        i = j + 1;
    }
    None
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|i| i + from)
}

/// The end of a raw-text element's body (script, style): the offset of its
/// closing tag, or the end of the page.
pub fn raw_text_end(html: &str, name: &str, from: usize) -> usize {
    let needle = format!("</{name}");
    find_ci(html.as_bytes(), needle.as_bytes(), from).unwrap_or(html.len())
}

/// The value of attribute `name` in a tag's raw text, entity-decoded.
pub fn attr(raw: &str, name: &str) -> Option<String> {
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let k0 = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let key = &raw[k0..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            if key.is_empty() {
                i += 1;
            }
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let (v0, v1) = match b.get(i) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let end = memchr::memchr(q, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e);
                let r = (i + 1, end);
                i = end + 1;
                r
            }
            _ => {
                let s = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                (s, i)
            }
        };
        if key.eq_ignore_ascii_case(name) {
            return raw.get(v0..v1).map(super::head::decode_entities);
        }
    }
    None
}

/// Visible text of `html[from..to]`: tags removed (block tags become
/// spaces), script and style bodies skipped, entities decoded, whitespace
/// collapsed; at most `max_chars` characters.
pub fn visible_text(html: &str, from: usize, to: usize, max_chars: usize) -> String {
    let to = to.min(html.len());
    let mut out = String::new();
    let mut pos = from;
    let mut tags = Tags::new(html, from);
    while pos < to && out.len() < max_chars * 4 {
        let Some(tag) = tags.next() else {
            push_text(&mut out, html.get(pos..to).unwrap_or(""));
            break;
        };
        if tag.start >= to {
            push_text(&mut out, html.get(pos..to).unwrap_or(""));
            break;
        }
        push_text(&mut out, html.get(pos..tag.start).unwrap_or(""));
        out.push(' ');
        pos = tag.end;
        if !tag.closing
            && matches!(
                tag.name.as_str(),
                "script" | "style" | "noscript" | "template" | "svg"
            )
        {
            let end = raw_text_end(html, &tag.name, tag.end);
            pos = end;
            tags.pos = end;
        }
    }
    let text = super::head::collapse_ws(&super::head::decode_entities(&out));
    text.chars().take(max_chars).collect()
}

fn push_text(out: &mut String, s: &str) {
    out.push_str(s);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_found_and_comments_skipped() {
        let html = "<!doctype html><!-- <p> --><P class=x>Hi</P><br/>";
        let names: Vec<(String, bool)> = Tags::new(html, 0).map(|t| (t.name, t.closing)).collect();
        assert_eq!(
            names,
            vec![
                ("p".into(), false),
                ("p".into(), true),
                ("br".into(), false)
            ]
        );
    }

    #[test]
    fn attributes_are_read_in_every_quoting_style() {
        assert_eq!(
            attr(r#" property="og:title" content='A &amp; B'"#, "content").as_deref(),
            Some("A & B")
        );
        assert_eq!(
            attr(" name=author content=Jane", "content").as_deref(),
            Some("Jane")
        );
        assert_eq!(attr(" async defer src=x", "src").as_deref(), Some("x"));
        assert_eq!(attr(" hidden", "content"), None);
        assert_eq!(
            attr(" a=\"unterminated", "a").as_deref(),
            Some("unterminated")
        );
    }

    #[test]
    fn visible_text_skips_scripts_and_tags() {
        let html = "<h1>Title</h1><script>var a='<p>x</p>';</script><p>By <b>Jane</b> &middot; May 3, 2025</p>";
        assert_eq!(
            visible_text(html, 0, html.len(), 100),
            "Title By Jane · May 3, 2025"
        );
    }

    #[test]
    fn case_insensitive_search_finds_closing_tags() {
        assert_eq!(find_ci(b"abc</SCRIPT>", b"</script", 0), Some(3));
        assert_eq!(find_ci(b"abc", b"</script", 0), None);
    }
}
