//! Turning the chosen root's subtree into blocks, in document order.

use crosscheck_model::{Block, BlockKind};

use super::super::dom::{collapse, Document, Tag};
use super::classify::Marks;
use super::score::is_block_owner;

/// A block whose link text is more than this share of its text is a link
/// list or a "read more" line, not article text ...
const MAX_LINK_SHARE: f32 = 0.8;
/// ... and so is a short block (under this many bytes) more than half links.
const SHORT_BLOCK: usize = 100;

struct Pending {
    text: String,
    link_chars: usize,
    chars: usize,
}

pub struct Emitted {
    pub blocks: Vec<Block>,
    /// Characters of the kept blocks, and of their link text.
    pub chars: usize,
    pub link_chars: usize,
}

/// Emit the blocks of `root`'s subtree, skipping dropped subtrees and h1
/// (the headline is reported apart).
pub fn emit(doc: &Document, marks: &Marks, root: u32) -> Emitted {
    let mut out = Emitted {
        blocks: Vec::new(),
        chars: 0,
        link_chars: 0,
    };
    let mut buf = Pending {
        text: String::new(),
        link_chars: 0,
        chars: 0,
    };
    // Open elements of the walk: (id, end of its subtree).
    let mut open: Vec<(u32, u32)> = Vec::new();
    let end = doc.nodes[root as usize].end;
    let mut k = root;
    while k < end {
        while let Some(&(id, e)) = open.last() {
            if e > k {
                break;
            }
            if is_block_owner(doc.nodes[id as usize].tag) {
                flush(doc, &open, &mut buf, &mut out);
            }
            open.pop();
        }
        let i = k as usize;
        let node = &doc.nodes[i];
        if marks.dropped[i] {
            k = node.end;
            continue;
        }
        if node.is_text {
            let t = doc.text_of(k);
            let chars = t.trim().len();
            // Source line breaks are spaces; only <br> breaks a line.
            if memchr::memchr(b'\n', t.as_bytes()).is_some() {
                buf.text
                    .extend(t.chars().map(|c| if c == '\n' { ' ' } else { c }));
            } else {
                buf.text.push_str(t);
            }
            buf.chars += chars;
            if marks.in_link[i] {
                buf.link_chars += chars;
            }
        } else {
            match node.tag {
                Tag::Br => buf.text.push('\n'),
                Tag::Td | Tag::Th | Tag::Img => buf.text.push(' '),
                t if is_block_owner(t) => flush(doc, &open, &mut buf, &mut out),
                _ => {}
            }
            open.push((k, node.end));
        }
        k += 1;
    }
    while let Some(&(id, _)) = open.last() {
        if is_block_owner(doc.nodes[id as usize].tag) {
            flush(doc, &open, &mut buf, &mut out);
        }
        open.pop();
    }
    flush(doc, &open, &mut buf, &mut out);
    out
}

/// The kind given by the innermost heading, list item or quote around the
/// text; `None` for an h1 (the headline, not a body block).
fn kind(doc: &Document, open: &[(u32, u32)]) -> Option<BlockKind> {
    for &(id, _) in open.iter().rev() {
        match doc.nodes[id as usize].tag {
            Tag::H1 => return None,
            Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => return Some(BlockKind::Heading),
            Tag::Li => return Some(BlockKind::ListItem),
            Tag::Blockquote => return Some(BlockKind::Quote),
            _ => {}
        }
    }
    Some(BlockKind::Paragraph)
}

fn flush(doc: &Document, open: &[(u32, u32)], buf: &mut Pending, out: &mut Emitted) {
    if buf.chars == 0 {
        buf.text.clear();
        buf.link_chars = 0;
        return;
    }
    let text = collapse_lines(&buf.text);
    let link_share = buf.link_chars as f32 / buf.chars as f32;
    let (chars, link_chars) = (buf.chars, buf.link_chars);
    buf.text.clear();
    buf.chars = 0;
    buf.link_chars = 0;
    let Some(kind) = kind(doc, open) else { return };
    if text.is_empty() || link_share > MAX_LINK_SHARE || (link_share > 0.5 && chars < SHORT_BLOCK) {
        return;
    }
    if out.blocks.last().is_some_and(|b| b.text == text) {
        return;
    }
    out.chars += chars;
    out.link_chars += link_chars;
    out.blocks.push(Block { kind, text });
}

/// Collapse whitespace within each line; `<br>` line breaks are kept as
/// single newlines, blank lines dropped.
fn collapse_lines(s: &str) -> String {
    let mut out = String::new();
    for line in s.split('\n') {
        let c = collapse(line);
        if c.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&c);
    }
    out
}
