//! Tree building: where each new node goes, and which open elements a
//! start tag closes implicitly (the HTML rules that matter for text).

use super::parser::{new_node, Builder};
use super::tags::Tag;
use super::{Document, Node, MAX_DEPTH, NONE};

/// How far down the open stack implied-end-tag searches look; keeps tag
/// soup with thousands of open elements linear.
const SCOPE_LOOKBACK: usize = 64;

impl Builder {
    pub(super) fn top(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    pub(super) fn append(&mut self, mut node: Node) -> u32 {
        let id = self.doc.nodes.len() as u32;
        let parent = self.top();
        node.parent = parent;
        let p = &mut self.doc.nodes[parent as usize];
        let prev = p.last_child;
        p.last_child = id;
        if prev == NONE {
            p.first_child = id;
        } else {
            self.doc.nodes[prev as usize].next = id;
        }
        self.doc.nodes.push(node);
        id
    }

    /// Pop the stack up to and including the nearest open element that
    /// satisfies `is_match`, unless an element satisfying `stop` (or the
    /// search limit) comes first. Returns whether something was closed.
    /// Pop the open stack down to `depth` elements, keeping the counters.
    pub(super) fn pop_to(&mut self, depth: usize) {
        for &id in self.stack.get(depth..).unwrap_or(&[]) {
            let n = &self.doc.nodes[id as usize];
            if matches!(n.tag, Tag::Svg | Tag::Math) {
                self.foreign = self.foreign.saturating_sub(1);
            }
            let b = &mut self.open_names[(n.name_hash % 64) as usize];
            *b = b.saturating_sub(1);
        }
        self.stack.truncate(depth);
    }

    pub(super) fn close_matching(
        &mut self,
        is_match: impl Fn(&Node) -> bool,
        stop: impl Fn(Tag) -> bool,
        limit: usize,
    ) -> bool {
        let len = self.stack.len();
        for depth in (1..len).rev().take(limit) {
            let n = &self.doc.nodes[self.stack[depth] as usize];
            if is_match(n) {
                self.pop_to(depth);
                return true;
            }
            if stop(n.tag) {
                return false;
            }
        }
        false
    }

    pub(super) fn open(
        &mut self,
        tag: Tag,
        hash: u32,
        flags: u8,
        start: u32,
        len: u32,
        void: bool,
    ) {
        self.implied_end_tags(tag);
        let mut n = new_node(tag, false, NONE);
        n.flags = flags;
        n.start = start;
        n.len = len;
        n.name_hash = hash;
        let id = self.append(n);
        if !void && self.stack.len() > MAX_DEPTH {
            self.doc.depth_capped = true;
        } else if !void {
            if matches!(tag, Tag::Svg | Tag::Math) {
                self.foreign += 1;
            }
            self.open_names[(hash % 64) as usize] += 1;
            self.stack.push(id);
        }
    }

    fn implied_end_tags(&mut self, tag: Tag) {
        use Tag::*;
        if self.head_open && !matches!(tag, Meta | Link | Base) {
            // Anything but head metadata (the raw-text ones never get here)
            // starts the body, as in browsers: `<head>` is often left open.
            let doc = &self.doc;
            if let Some(depth) = self
                .stack
                .iter()
                .rposition(|&id| doc.nodes[id as usize].tag == Head)
            {
                self.pop_to(depth);
            }
            self.head_open = false;
        }
        if tag == Head {
            self.head_open = true;
        }
        let top_tag = self.doc.nodes[self.top() as usize].tag;
        if tag.closes_p() || matches!(tag, Li | Dt | Dd) {
            let scope =
                |t: Tag| matches!(t, Td | Th | Table | Caption | Button | Html | Body | Object);
            self.close_matching(|n| n.tag == P, scope, SCOPE_LOOKBACK);
        }
        match tag {
            Li => {
                self.close_matching(
                    |n| n.tag == Li,
                    |t| t.is_block() && !matches!(t, Div | P | Address),
                    SCOPE_LOOKBACK,
                );
            }
            Dt | Dd => {
                self.close_matching(
                    |n| matches!(n.tag, Dt | Dd),
                    |t| t.is_block() && !matches!(t, Div | P | Address),
                    SCOPE_LOOKBACK,
                );
            }
            Tr => {
                self.close_matching(
                    |n| n.tag == Tr,
                    |t| matches!(t, Table | Thead | Tbody | Tfoot),
                    SCOPE_LOOKBACK,
                );
            }
            Td | Th => {
                self.close_matching(
                    |n| matches!(n.tag, Td | Th),
                    |t| matches!(t, Tr | Table),
                    SCOPE_LOOKBACK,
                );
            }
            Thead | Tbody | Tfoot => {
                self.close_matching(
                    |n| matches!(n.tag, Thead | Tbody | Tfoot),
                    |t| t == Table,
                    SCOPE_LOOKBACK,
                );
            }
            Option if top_tag == Option => {
                self.pop_to(self.stack.len() - 1);
            }
            H1 | H2 | H3 | H4 | H5 | H6 if top_tag.is_heading() => {
                self.pop_to(self.stack.len() - 1);
            }
            A => {
                self.close_matching(
                    |n| n.tag == A,
                    |t| matches!(t, Td | Th | Table | Html),
                    SCOPE_LOOKBACK,
                );
            }
            _ => {}
        }
    }

    pub(super) fn finish(mut self) -> Document {
        // Subtree ends, bottom-up: a node's subtree ends where its last
        // child's does (children always come after their parent).
        let nodes = &mut self.doc.nodes;
        for id in (0..nodes.len()).rev() {
            let last = nodes[id].last_child;
            nodes[id].end = if last == NONE {
                id as u32 + 1
            } else {
                nodes[last as usize].end
            };
        }
        self.doc
    }
}
