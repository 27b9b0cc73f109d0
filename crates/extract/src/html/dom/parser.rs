//! The single-pass tokenizer and tree builder behind `Document::parse`.

use memchr::{memchr, memmem};

use super::entities::decode_into;
use super::tags::{lookup, Tag};
use super::{Document, Node, HIDDEN, HREF, NONE};

pub(super) struct Builder {
    pub(super) doc: Document,
    pub(super) stack: Vec<u32>,
    /// Number of open svg/math elements: inside them `<x/>` is self-closing.
    pub(super) foreign: u32,
    /// Open elements per bucket of name hash: an end tag whose bucket is
    /// empty closes nothing, without a walk down the stack.
    pub(super) open_names: [u32; 64],
    /// A `<head>` may still be open: body content closes it.
    pub(super) head_open: bool,
}

pub fn parse(html: &str) -> Document {
    let mut b = Builder {
        doc: Document {
            nodes: Vec::with_capacity(html.len() / 40 + 8),
            text: String::with_capacity(html.len() / 3),
            names: String::with_capacity(html.len() / 20),
            title: None,
            depth_capped: false,
        },
        stack: vec![0],
        foreign: 0,
        open_names: [0; 64],
        head_open: false,
    };
    b.doc.nodes.push(new_node(Tag::Other, false, NONE));
    let bytes = html.as_bytes();
    let mut pos = 0; // next byte not yet consumed
    let mut text_start = 0; // start of pending text
    while pos < bytes.len() {
        let Some(off) = memchr(b'<', &bytes[pos..]) else {
            break;
        };
        let lt = pos + off;
        let next = bytes.get(lt + 1).copied().unwrap_or(b' ');
        let is_markup = match next {
            b'!' | b'?' => true,
            b'/' => bytes.len() > lt + 2,
            c => c.is_ascii_alphabetic(),
        };
        if !is_markup || lt + 1 >= bytes.len() {
            pos = lt + 1; // a literal '<' in text
            continue;
        }
        b.flush_text(&html[text_start..lt]);
        let end = match next {
            b'!' | b'?' => b.markup_decl(html, lt),
            b'/' if bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) => b.end_tag(html, lt),
            b'/' => skip_to_gt(bytes, lt + 2), // "</>" or "</3": bogus comment
            _ => b.start_tag(html, lt),
        };
        pos = end.max(lt + 1);
        text_start = pos;
    }
    if text_start < bytes.len() {
        b.flush_text(&html[text_start..]);
    }
    b.finish()
}

pub(super) fn new_node(tag: Tag, is_text: bool, parent: u32) -> Node {
    Node {
        tag,
        is_text,
        flags: 0,
        parent,
        first_child: NONE,
        last_child: NONE,
        next: NONE,
        end: 0,
        start: 0,
        len: 0,
        name_hash: 0,
    }
}

fn skip_to_gt(bytes: &[u8], from: usize) -> usize {
    match bytes.get(from..).and_then(|r| memchr(b'>', r)) {
        Some(off) => from + off + 1,
        None => bytes.len(),
    }
}

fn fnv(name: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &c in name {
        h = (h ^ u32::from(c)).wrapping_mul(0x0100_0193);
    }
    h
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Read a tag name at `i`: returns its lower-cased bytes and the end index.
fn tag_name(bytes: &[u8], i: usize, buf: &mut Vec<u8>) -> usize {
    buf.clear();
    let mut j = i;
    while j < bytes.len() && !is_ws(bytes[j]) && bytes[j] != b'/' && bytes[j] != b'>' {
        buf.push(bytes[j].to_ascii_lowercase());
        j += 1;
    }
    j
}

impl Builder {
    fn flush_text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let parent = self.top();
        let last = self.doc.nodes[parent as usize].last_child;
        // Text split by a comment is one text node, as in the DOM.
        let merge = last != NONE && {
            let n = &self.doc.nodes[last as usize];
            n.is_text && (n.start + n.len) as usize == self.doc.text.len()
        };
        let start = self.doc.text.len();
        if raw.bytes().all(is_ws) {
            self.doc.text.push(' ');
        } else if raw.contains('&') {
            decode_into(raw, &mut self.doc.text);
        } else {
            self.doc.text.push_str(raw);
        }
        let added = (self.doc.text.len() - start) as u32;
        if merge {
            self.doc.nodes[last as usize].len += added;
        } else {
            let mut n = new_node(Tag::Other, true, parent);
            n.start = start as u32;
            n.len = added;
            self.append(n);
        }
    }

    /// `<!...>` and `<?...>`: comments, CDATA, doctype, bogus comments.
    fn markup_decl(&mut self, html: &str, lt: usize) -> usize {
        let bytes = html.as_bytes();
        let rest = &bytes[lt..];
        if rest.starts_with(b"<!--") {
            // "<!-->" and "<!--->" are complete (empty) comments.
            if rest.get(4) == Some(&b'>') {
                return lt + 5;
            }
            if rest.get(4..6) == Some(b"->") {
                return lt + 6;
            }
            // An unterminated comment runs to the end, as in browsers.
            return match memmem::find(&rest[4..], b"-->") {
                Some(off) => lt + 4 + off + 3,
                None => bytes.len(),
            };
        }
        if rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"<![cdata[") {
            let (content_end, end) = match memmem::find(&rest[9..], b"]]>") {
                Some(off) => (lt + 9 + off, lt + 9 + off + 3),
                None => (bytes.len(), bytes.len()),
            };
            if let Some(t) = html.get(lt + 9..content_end) {
                self.flush_text(t);
            }
            return end;
        }
        skip_to_gt(bytes, lt + 2)
    }

    fn end_tag(&mut self, html: &str, lt: usize) -> usize {
        let bytes = html.as_bytes();
        let mut name = Vec::new();
        let after = tag_name(bytes, lt + 2, &mut name);
        let end = skip_to_gt(bytes, after);
        let tag = lookup(&name);
        match tag {
            Tag::Br => self.open(Tag::Br, fnv(b"br"), 0, 0, 0, false),
            Tag::Body | Tag::Html => {}
            _ => {
                let hash = fnv(&name);
                let boundary: fn(Tag) -> bool = if matches!(
                    tag,
                    Tag::Table
                        | Tag::Tr
                        | Tag::Td
                        | Tag::Th
                        | Tag::Thead
                        | Tag::Tbody
                        | Tag::Tfoot
                        | Tag::Caption
                ) {
                    |t| matches!(t, Tag::Table | Tag::Html)
                } else if tag.is_block() {
                    |t| matches!(t, Tag::Td | Tag::Th | Tag::Table | Tag::Caption | Tag::Html)
                } else {
                    |t| t.is_block()
                };
                if self.open_names[(hash % 64) as usize] > 0 {
                    self.close_matching(|n| n.name_hash == hash, boundary, usize::MAX);
                }
            }
        }
        end
    }

    fn start_tag(&mut self, html: &str, lt: usize) -> usize {
        let bytes = html.as_bytes();
        let mut name = Vec::new();
        let mut i = tag_name(bytes, lt + 1, &mut name);
        let tag = lookup(&name);
        let hash = fnv(&name);
        let mut flags = 0u8;
        let names_start = self.doc.names.len();
        let mut seen = 0u8; // attributes already read (the first one wins)
        let mut self_closing = false;
        loop {
            while i < bytes.len() && (is_ws(bytes[i]) || bytes[i] == b'/') {
                self_closing = bytes[i] == b'/';
                i += 1;
            }
            if i >= bytes.len() {
                // A tag cut off by the end of the input is dropped.
                self.doc.names.truncate(names_start);
                return bytes.len();
            }
            if bytes[i] == b'>' {
                i += 1;
                break;
            }
            self_closing = false;
            let name_start = i;
            i += 1; // a name is at least one byte, even '='
            while i < bytes.len() && !is_ws(bytes[i]) && !matches!(bytes[i], b'=' | b'>' | b'/') {
                i += 1;
            }
            let attr = &bytes[name_start..i];
            while i < bytes.len() && is_ws(bytes[i]) {
                i += 1;
            }
            let mut value: &[u8] = b"";
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && is_ws(bytes[i]) {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => match memchr(q, &bytes[i + 1..]) {
                        Some(off) => {
                            value = &bytes[i + 1..i + 1 + off];
                            i += off + 2;
                        }
                        None => {
                            self.doc.names.truncate(names_start);
                            return bytes.len();
                        }
                    },
                    _ => {
                        let s = i;
                        while i < bytes.len() && !is_ws(bytes[i]) && bytes[i] != b'>' {
                            i += 1;
                        }
                        value = &bytes[s..i];
                    }
                }
            }
            self.attribute(attr, value, &mut flags, &mut seen);
        }
        let names_len = (self.doc.names.len() - names_start) as u32;
        if tag.is_raw_text() {
            return self.raw_text(html, i, &name, tag);
        }
        let void = tag.is_void()
            || (self_closing && (self.foreign > 0 || matches!(tag, Tag::Svg | Tag::Math)));
        self.open(tag, hash, flags, names_start as u32, names_len, void);
        i
    }

    fn attribute(&mut self, attr: &[u8], value: &[u8], flags: &mut u8, seen: &mut u8) {
        const NAMES: [&[u8]; 4] = [b"class", b"id", b"role", b"itemprop"];
        let lower = |a: &[u8], b: &[u8]| a.eq_ignore_ascii_case(b);
        if let Some(k) = NAMES.iter().position(|n| lower(attr, n)) {
            if *seen & (1 << k) != 0 {
                return;
            }
            *seen |= 1 << k;
            // The value lies between ASCII delimiters of a &str, so it is
            // valid UTF-8. Its words (class words may be split over lines)
            // are kept lower-cased and one space apart: the names are quoted
            // in one-line removal details (found by the property tests).
            if let Ok(v) = std::str::from_utf8(value) {
                for word in v.split_ascii_whitespace() {
                    self.doc.names.push(' ');
                    let start = self.doc.names.len();
                    self.doc.names.push_str(word);
                    self.doc.names[start..].make_ascii_lowercase();
                }
            }
        } else if lower(attr, b"href") {
            *flags |= HREF;
        } else if lower(attr, b"hidden") {
            *flags |= HIDDEN;
        } else if lower(attr, b"aria-hidden") {
            if value.eq_ignore_ascii_case(b"true") {
                *flags |= HIDDEN;
            }
        } else if lower(attr, b"style") {
            let compact: Vec<u8> = value
                .iter()
                .filter(|c| !is_ws(**c))
                .map(u8::to_ascii_lowercase)
                .collect();
            if memmem::find(&compact, b"display:none").is_some()
                || memmem::find(&compact, b"visibility:hidden").is_some()
            {
                *flags |= HIDDEN;
            }
        }
    }

    /// Content of script/style/title/...: up to the matching end tag.
    fn raw_text(&mut self, html: &str, from: usize, name: &[u8], tag: Tag) -> usize {
        let bytes = html.as_bytes();
        let mut i = from;
        let (content_end, end) = loop {
            match memchr(b'<', &bytes[i.min(bytes.len())..]) {
                None => break (bytes.len(), bytes.len()),
                Some(off) => {
                    let lt = i + off;
                    let after = lt + 2 + name.len();
                    if bytes.get(lt + 1) == Some(&b'/')
                        && bytes
                            .get(lt + 2..after)
                            .is_some_and(|n| n.eq_ignore_ascii_case(name))
                        && bytes
                            .get(after)
                            .is_none_or(|c| is_ws(*c) || matches!(c, b'>' | b'/'))
                    {
                        break (lt, skip_to_gt(bytes, after));
                    }
                    i = lt + 1;
                }
            }
        };
        if tag == Tag::Title && self.doc.title.is_none() {
            let mut t = String::new();
            decode_into(html.get(from..content_end).unwrap_or(""), &mut t);
            self.doc.title = Some(super::collapse(&t));
        }
        end
    }
}
