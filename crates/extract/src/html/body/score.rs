//! Choosing the article root: the element whose subtree has the greatest
//! total block value (a maximum-weight subtree).

use super::super::dom::{Document, Tag};
use super::classify::Marks;

/// What every block costs before its text pays for it: a page region made
/// of many short blocks (menus, teaser lists, footers) sums to a negative
/// value, so widening the root over it lowers the score.
const BLOCK_COST: f32 = 25.0;
/// Link text counts against a block this many times its length.
const LINK_PENALTY: f32 = 2.0;
/// An article container is the root when it holds this share of the prose
/// of the best subtree.
const CONTAINER_SHARE: f32 = 0.5;
/// A container with this much prose holds a whole article by itself (about
/// 2,000 characters of sentences), whatever else the page carries.
const FULL_ARTICLE: f32 = 2000.0;
/// A container inside the root with this share of its prose is an article
/// of its own.
const MAJOR_SHARE: f32 = 0.2;

/// Elements that own the text directly inside them as one block. Table
/// cells are not: a table row is one block.
pub fn is_block_owner(tag: Tag) -> bool {
    tag.is_block() && !matches!(tag, Tag::Td | Tag::Th)
}

/// Per-element sums over the blocks of its subtree.
pub struct Scores {
    /// Sum of block values in the subtree.
    pub total: Vec<f32>,
    /// Sum of the positive block values only (article-like text).
    pub positive: Vec<f32>,
}

/// The value of one block: prose pays by its length, link text and
/// fragments without sentence punctuation pay less, every block pays a cost.
pub fn block_value(text_len: u32, link_len: u32, punct: u32) -> f32 {
    let plain = text_len.saturating_sub(link_len) as f32;
    let prose = if punct > 0 { 1.0 } else { 0.5 };
    plain * prose - LINK_PENALTY * link_len as f32 - BLOCK_COST
}

/// Per-node text facts, read once: each node's block owner (its nearest
/// block ancestor), and for text nodes their trimmed length and sentence
/// punctuation.
pub struct TextFacts {
    owner: Vec<u32>,
    len: Vec<u32>,
    punct: Vec<u32>,
}

pub fn text_facts(doc: &Document) -> TextFacts {
    let n = doc.nodes.len();
    let mut owner = vec![0u32; n];
    let mut len = vec![0u32; n];
    let mut punct = vec![0u32; n];
    for id in 1..n {
        let node = &doc.nodes[id];
        let p = node.parent as usize;
        owner[id] = if is_block_owner(doc.nodes[p].tag) || p == 0 {
            p as u32
        } else {
            owner[p]
        };
        if node.is_text {
            let t = doc.text_of(id as u32);
            len[id] = t.trim().len() as u32;
            punct[id] = sentence_marks(t);
        }
    }
    TextFacts { owner, len, punct }
}

pub fn score(doc: &Document, marks: &Marks, facts: &TextFacts) -> Scores {
    let n = doc.nodes.len();
    // Own text of each block owner.
    let mut text_len = vec![0u32; n];
    let mut link_len = vec![0u32; n];
    let mut punct = vec![0u32; n];
    for id in 1..n {
        if doc.nodes[id].is_text && !marks.dropped[id] {
            let o = facts.owner[id] as usize;
            text_len[o] += facts.len[id];
            if marks.in_link[id] {
                link_len[o] += facts.len[id];
            }
            punct[o] += facts.punct[id];
        }
    }
    let mut total = vec![0f32; n];
    let mut positive = vec![0f32; n];
    for id in (1..n).rev() {
        if marks.dropped[id] || doc.nodes[id].is_text {
            continue;
        }
        if text_len[id] > 0 {
            let v = block_value(text_len[id], link_len[id], punct[id]);
            total[id] += v;
            positive[id] += v.max(0.0);
        }
        let p = doc.nodes[id].parent as usize;
        total[p] += total[id];
        positive[p] += positive[id];
    }
    Scores { total, positive }
}

/// Sentence punctuation: periods, commas and their CJK/Arabic kin followed
/// by a space or the end (so "3.5" and "a.b.c" do not count).
fn sentence_marks(t: &str) -> u32 {
    let b = t.as_bytes();
    let mut count = 0;
    for (i, &c) in b.iter().enumerate() {
        if matches!(c, b'.' | b',' | b'?' | b'!' | b';') {
            if b.get(i + 1)
                .is_none_or(|n| n.is_ascii_whitespace() || *n == b'"')
            {
                count += 1;
            }
        } else if c >= 0xE3 {
            count += u32::from(
                t.get(i..i + 3)
                    .is_some_and(|s| matches!(s, "。" | "、" | "，")),
            );
        }
    }
    count
}

/// The article root. When an article container (see `classify`) holds
/// most of the prose of the best subtree, it is the root: the innermost
/// container keeping 90% of the best container's prose. Otherwise the
/// maximum-weight subtree is.
pub fn choose_root(doc: &Document, marks: &Marks, scores: &Scores) -> u32 {
    let usable = |id: usize| !doc.nodes[id].is_text && !marks.dropped[id];
    let mut best = 0u32;
    for id in 1..doc.nodes.len() {
        // Only elements with prose: an empty one (total 0) must not beat a
        // page of short blocks (all negative), which is emitted whole.
        if usable(id) && scores.positive[id] > 0.0 && scores.total[id] > scores.total[best as usize]
        {
            best = id as u32;
        }
    }
    let mut container = None::<u32>;
    for id in 1..doc.nodes.len() {
        if usable(id) && marks.container[id] {
            let p = scores.positive[id];
            if container.is_none_or(|c| p > scores.positive[c as usize]) {
                container = Some(id as u32);
            }
        }
    }
    let mut root = best;
    if let Some(c) = container {
        let prose = scores.positive[c as usize];
        if prose > 0.0
            && (prose >= CONTAINER_SHARE * scores.positive[best as usize] || prose >= FULL_ARTICLE)
        {
            root = c;
        }
    }
    root = one_of_several(doc, marks, scores, root);
    // Narrow to the innermost container that keeps nearly all the prose.
    let prose = scores.positive[root as usize];
    for id in root + 1..doc.nodes[root as usize].end {
        let i = id as usize;
        if usable(i) && marks.container[i] && scores.positive[i] >= 0.9 * prose && prose > 0.0 {
            root = id;
        }
    }
    root
}

/// A root holding several substantial article containers side by side
/// (an infinite-scroll page, the next stories under the first) is narrowed
/// to one of them: the one with the first h1, else the first.
fn one_of_several(doc: &Document, marks: &Marks, scores: &Scores, root: u32) -> u32 {
    let floor = MAJOR_SHARE * scores.positive[root as usize];
    let end = doc.nodes[root as usize].end;
    let mut major = Vec::new();
    let mut id = root + 1;
    while id < end {
        let i = id as usize;
        if marks.dropped[i] {
            id = doc.nodes[i].end;
        } else if marks.container[i] && !doc.nodes[i].is_text {
            if scores.positive[i] > floor && floor > 0.0 {
                major.push(id);
            }
            id = doc.nodes[i].end; // outermost containers only
        } else {
            id += 1;
        }
    }
    if major.len() < 2 {
        return root;
    }
    let first_h1 =
        (root..end).find(|&k| doc.nodes[k as usize].tag == Tag::H1 && !marks.dropped[k as usize]);
    first_h1
        .and_then(|h| {
            major
                .iter()
                .copied()
                .find(|&m| m <= h && h < doc.nodes[m as usize].end)
        })
        .unwrap_or(major[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_beats_links_and_fragments() {
        assert!(block_value(200, 0, 3) > 100.0);
        assert!(block_value(60, 60, 0) < -100.0);
        assert!(block_value(12, 0, 0) < 0.0);
    }

    #[test]
    fn sentence_marks_ignore_decimals() {
        assert_eq!(sentence_marks("It rose 3.5 percent, they said."), 2);
        assert_eq!(sentence_marks("彼は言った。"), 1);
    }
}
