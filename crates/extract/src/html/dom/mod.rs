//! A fast, forgiving HTML tree for text extraction.
//!
//! One pass over the bytes (memchr to find `<` and `&`) builds an arena of
//! nodes in document order. Only what extraction needs is kept: the tag (an
//! interned enum plus a name hash for unknown tags), a few flags (hidden,
//! link), the lower-cased class/id/role/itemprop words, and decoded text.
//! Scripts, styles and other raw-text elements are skipped while parsing.
//!
//! Because nodes are appended in document order and never moved, every
//! subtree is a contiguous range `id..node.end`, parents come before their
//! children, and bottom-up passes are a reverse loop over the arena: no
//! recursion anywhere, so any nesting depth is safe. Elements deeper than
//! `MAX_DEPTH` are attached to the element at that depth.
//!
//! Tree construction follows the HTML rules that matter for text: void
//! elements, implied end tags for p/li/dt/dd/tr/td/th/option/headings/a, and
//! end tags that close everything up to their open element within scope.
//! There is no adoption agency: misnested inline tags close what they close.

mod entities;
mod parser;
pub mod tags;
mod tree;

pub use tags::Tag;

/// No node: the "null" index for parent/child/sibling links.
pub const NONE: u32 = u32::MAX;

/// Elements nested deeper than this are attached to the element at this depth.
pub const MAX_DEPTH: usize = 512;

/// Node flags.
pub const HIDDEN: u8 = 1;
pub const HREF: u8 = 2;

#[derive(Debug, Clone)]
pub struct Node {
    pub tag: Tag,
    pub is_text: bool,
    pub flags: u8,
    pub parent: u32,
    pub first_child: u32,
    pub last_child: u32,
    pub next: u32,
    /// One past the last node of this node's subtree.
    pub end: u32,
    /// Text nodes: byte range into `Document::text`. Elements: byte range
    /// into `Document::names` (class, id, role and itemprop, lower-cased).
    pub start: u32,
    pub len: u32,
    /// FNV-1a of the lower-cased tag name (matches end tags of unknown tags).
    pub name_hash: u32,
}

#[derive(Debug, Default)]
pub struct Document {
    /// Node 0 is the document itself, an element with `Tag::Other`.
    pub nodes: Vec<Node>,
    pub text: String,
    pub names: String,
    pub title: Option<String>,
    /// Some elements were nested deeper than `MAX_DEPTH` and flattened.
    pub depth_capped: bool,
}

impl Document {
    /// Parse a page. Never fails; any input gives a tree.
    pub fn parse(html: &str) -> Document {
        parser::parse(html)
    }

    pub fn text_of(&self, id: u32) -> &str {
        let n = &self.nodes[id as usize];
        if !n.is_text {
            return "";
        }
        self.text
            .get(n.start as usize..(n.start + n.len) as usize)
            .unwrap_or("")
    }

    /// The class, id, role and itemprop values of an element, lower-cased
    /// and separated by spaces.
    pub fn names_of(&self, id: u32) -> &str {
        let n = &self.nodes[id as usize];
        if n.is_text {
            return "";
        }
        self.names
            .get(n.start as usize..(n.start + n.len) as usize)
            .unwrap_or("")
    }

    /// All text of a subtree, in document order, whitespace collapsed.
    pub fn subtree_text(&self, id: u32) -> String {
        let mut out = String::new();
        let end = self.nodes[id as usize].end;
        for k in id..end {
            if self.nodes[k as usize].is_text {
                out.push_str(self.text_of(k));
                out.push(' ');
            }
        }
        collapse(&out)
    }
}

/// Collapse runs of whitespace (including no-break spaces) to one space.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_whitespace()) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests;
