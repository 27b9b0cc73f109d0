//! Main-text selection: which blocks of a page are its article.
//!
//! The method, in linear passes over the `dom` arena (no recursion; parents
//! precede children, so bottom-up sums are a reverse loop):
//!
//! 1. **Drop** what is never article text: controls, media, embeds, figure
//!    captions, and elements hidden by `hidden`, `aria-hidden` or
//!    `display:none`.
//! 2. **Score blocks.** Every block element (p, li, headings, a div with its
//!    own text, a table row, ...) owns the text directly inside it. Its value
//!    is its non-link text (halved without sentence punctuation), minus twice
//!    its link text, minus a fixed cost per block: prose is positive; menus,
//!    teaser lists and footers (many short or linked blocks) are negative.
//!    Each element sums the values of its subtree (`total`) and, apart, the
//!    positive ones (`positive`, its prose).
//! 3. **Drop chrome** by structure and name, then score again: nav, aside,
//!    form, footer, menu, dialog, headers outside an article, and elements
//!    whose class/id words name chrome (comments, share, related, sidebar,
//!    newsletter, ad, caption, gallery, ...), matched as whole words or word
//!    prefixes so that "article-header", "head" or "download" do not match.
//!    Two guards from step 2: an element wrapping a major article container
//!    (30% of the best container's prose) is never chrome, whatever its tag
//!    or name (whole pages sit in one `<form>`); an element holding half the
//!    page's prose is not chrome by name alone ("has-sidebar" layouts).
//! 4. **Choose the root.** Article containers are `<article>`, `<main>`,
//!    role=main and class/id/itemprop names like articleBody, entry-content,
//!    story-body. The container with the most prose is the root when it holds
//!    half the prose of the maximum-weight subtree (the element with the
//!    greatest `total`: widening it over chrome costs more than it gains);
//!    otherwise that subtree is. A root holding several substantial
//!    containers side by side (infinite scroll) keeps the one with the first
//!    h1, else the first; then it narrows to the innermost container keeping
//!    90% of its prose.
//! 5. **Emit** the root's blocks in document order: h2-h6 as headings, li as
//!    list items, blockquote as quotes, the rest as paragraphs; table cells
//!    joined into one block per row; `<br>` a line break. The h1 is the
//!    headline, not a block (neither corpus's gold text includes the title).
//!    Blocks over 80% link text (over 50% when short) and repeats of the
//!    previous block are dropped.

mod classify;
mod emit;
mod removed;
mod score;

use crosscheck_model::{Block, RemovedLine};

use super::dom::{Document, Tag};

/// The article of a page, as blocks, with the headline apart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    pub blocks: Vec<Block>,
    /// 0..=1: how sure we are that `blocks` is an article.
    pub confidence: f32,
    /// The text of the h1 that heads the article, if any.
    pub headline: Option<String>,
    pub warnings: Vec<String>,
    /// Page text left out of the article, line by line, with reasons.
    pub removed: Vec<RemovedLine>,
}

/// Extract the main text of a web page. Never fails or panics.
pub fn extract_body(html: &str) -> Body {
    let doc = Document::parse(html);
    let (marks, scores) = classify_and_score(&doc);
    let root = score::choose_root(&doc, &marks, &scores);
    let emitted = emit::emit(&doc, &marks, root);
    let headline = headline(&doc, &marks, root);
    let removed = removed::removed_lines(&doc, &marks, root);
    let mut warnings = Vec::new();
    if doc.depth_capped {
        warnings.push(format!(
            "markup nested deeper than {} elements was flattened",
            super::dom::MAX_DEPTH
        ));
    }
    if emitted.blocks.is_empty() {
        warnings.push("no article text found".to_string());
    }
    // Confidence grows with the amount of text kept (a full article has
    // over a thousand characters) and falls with its share of link text.
    let amount = (emitted.chars as f32 / 1500.0).min(1.0);
    let links = emitted.link_chars as f32 / emitted.chars.max(1) as f32;
    Body {
        blocks: emitted.blocks,
        confidence: (amount * (1.0 - links)).clamp(0.0, 1.0),
        headline,
        warnings,
        removed,
    }
}

/// Drop by tag and visibility and score; then drop chrome by structure
/// and name too, and score again. An element that wraps a major article
/// container (30% of the best container's prose) is never chrome, whatever
/// its tag or name: whole pages sit in one `<form>`. Nor is, by its name
/// alone, an element holding half of the page's prose ("has-sidebar").
fn classify_and_score(doc: &Document) -> (classify::Marks, score::Scores) {
    let names = classify::read_names(doc);
    let facts = score::text_facts(doc);
    let marks = classify::mark(doc, &names, None);
    let scores = score::score(doc, &marks, &facts);
    let page = scores.positive[0];
    let n = doc.nodes.len();
    let best_container = (0..n)
        .filter(|&i| marks.container[i])
        .map(|i| scores.positive[i])
        .fold(0.0f32, f32::max);
    let mut wraps_article = vec![false; n];
    for id in (1..n).rev() {
        if marks.container[id]
            && best_container > 0.0
            && scores.positive[id] >= 0.3 * best_container
        {
            wraps_article[id] = true;
        }
        if wraps_article[id] {
            wraps_article[doc.nodes[id].parent as usize] = true;
        }
    }
    let prose = scores
        .positive
        .iter()
        .map(|p| page > 0.0 && *p >= 0.5 * page)
        .collect();
    let protect = classify::Protect {
        wraps_article,
        prose,
    };
    let marks = classify::mark(doc, &names, Some(&protect));
    let scores = score::score(doc, &marks, &facts);
    (marks, scores)
}

/// The headline: the first visible h1 inside the root, else the last one
/// before it (in a page header the drop pass removed), else none.
fn headline(doc: &Document, marks: &classify::Marks, root: u32) -> Option<String> {
    let end = doc.nodes[root as usize].end;
    let visible = |id: u32| {
        let mut p = id;
        // Hidden h1s (and those in hidden wrappers) are not the headline;
        // walking up is bounded by the depth cap.
        while p != super::dom::NONE && p != 0 {
            if doc.nodes[p as usize].flags & super::dom::HIDDEN != 0 {
                return false;
            }
            p = doc.nodes[p as usize].parent;
        }
        true
    };
    let is_h1 = |id: u32| doc.nodes[id as usize].tag == Tag::H1 && !doc.nodes[id as usize].is_text;
    let inside = (root..end).find(|&id| is_h1(id) && !marks.dropped[id as usize] && visible(id));
    let before = || (1..root).rev().find(|&id| is_h1(id) && visible(id));
    inside
        .or_else(before)
        .map(|id| doc.subtree_text(id))
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests;

/// Debugging aid: the chosen root, and for each text node containing
/// `needle`, its ancestor path with drop marks.
#[doc(hidden)]
pub fn explain(html: &str, needle: &str) -> String {
    let doc = Document::parse(html);
    let (marks, scores) = classify_and_score(&doc);
    let root = score::choose_root(&doc, &marks, &scores);
    let path = |id: u32| {
        let mut parts = Vec::new();
        let mut p = id;
        while p != super::dom::NONE && p != 0 {
            let n = &doc.nodes[p as usize];
            if !n.is_text {
                parts.push(format!(
                    "{:?}[{}]{}{}{:.0}",
                    n.tag,
                    doc.names_of(p).trim(),
                    if marks.dropped[p as usize] { "!D" } else { "" },
                    if p == root { "!ROOT" } else { "" },
                    scores.total[p as usize]
                ));
            }
            p = n.parent;
        }
        parts.reverse();
        parts.join(" > ")
    };
    let mut out = format!("root: {}\n", path(root));
    if !needle.is_empty() {
        for id in 0..doc.nodes.len() as u32 {
            if doc.nodes[id as usize].is_text && doc.text_of(id).contains(needle) {
                out.push_str(&format!("hit: {}\n", path(id)));
            }
        }
    }
    out
}
