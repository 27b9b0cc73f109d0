//! What the article selection left out, line by line, with a reason: the
//! evidence `crosscheck show --explain` prints for a web page.

use crosscheck_model::{RemovalReason, RemovedLine};

use super::super::dom::{collapse, Document, Tag, NONE};
use super::classify::Marks;
use super::score::is_block_owner;

/// At most this many removed lines are kept per page: enough to explain
/// any page, bounded for pathological ones.
const MAX_LINES: usize = 400;

/// Every line of visible page text outside the article: text outside the
/// chosen root, or inside a dropped element. Text grouped by its block
/// element makes one line; the reason comes from the dropped element (its
/// tag and class/id words), else "outside the article".
pub fn removed_lines(doc: &Document, marks: &Marks, root: u32) -> Vec<RemovedLine> {
    let root_end = doc.nodes[root as usize].end;
    let mut out: Vec<RemovedLine> = Vec::new();
    let mut current: Option<(u32, u32, String)> = None; // (owner, reason node, text)
    let flush = |cur: Option<(u32, u32, String)>, out: &mut Vec<RemovedLine>| {
        if let Some((_, why, text)) = cur {
            let text = collapse(&text);
            if !text.is_empty() && out.len() < MAX_LINES {
                let (reason, detail) = reason(doc, why);
                out.push(RemovedLine {
                    text,
                    reason,
                    detail,
                });
            }
        }
    };
    for id in 1..doc.nodes.len() as u32 {
        let node = &doc.nodes[id as usize];
        if !node.is_text || doc.text_of(id).trim().is_empty() {
            continue;
        }
        let inside = id >= root && id < root_end;
        let dropped = dropped_ancestor(doc, marks, id);
        if inside && dropped.is_none() {
            continue;
        }
        let owner = block_owner(doc, id);
        let why = dropped.unwrap_or(owner);
        match &mut current {
            Some((o, _, text)) if *o == owner => {
                text.push(' ');
                text.push_str(doc.text_of(id));
            }
            _ => {
                flush(current.take(), &mut out);
                current = Some((owner, why, doc.text_of(id).to_string()));
            }
        }
    }
    flush(current, &mut out);
    out
}

fn dropped_ancestor(doc: &Document, marks: &Marks, id: u32) -> Option<u32> {
    let mut p = id;
    let mut found = None;
    while p != NONE && p != 0 {
        if marks.dropped[p as usize] {
            found = Some(p);
        }
        p = doc.nodes[p as usize].parent;
    }
    found
}

fn block_owner(doc: &Document, id: u32) -> u32 {
    let mut p = doc.nodes[id as usize].parent;
    while p != NONE && p != 0 {
        if is_block_owner(doc.nodes[p as usize].tag) {
            return p;
        }
        p = doc.nodes[p as usize].parent;
    }
    0
}

/// Why an element is not article text, from its tag and names.
fn reason(doc: &Document, id: u32) -> (RemovalReason, String) {
    let tag = doc.nodes[id as usize].tag;
    let names = doc.names_of(id);
    let has = |words: &[&str]| words.iter().any(|w| names.contains(w));
    let r = if tag == Tag::Nav || tag == Tag::Menu || has(&["nav", "menu", "breadcrumb"]) {
        RemovalReason::Navigation
    } else if has(&["cookie", "consent", "gdpr"]) {
        RemovalReason::CookieNotice
    } else if has(&["share", "social"]) {
        RemovalReason::Share
    } else if has(&["comment", "respond", "reply"]) {
        RemovalReason::CommentForm
    } else if has(&["newsletter", "subscribe", "signup", "paywall"]) {
        RemovalReason::Subscribe
    } else if has(&[
        "related",
        "recommend",
        "popular",
        "trending",
        "more-stories",
        "read-more",
    ]) {
        RemovalReason::HeadlineList
    } else if has(&["author-bio", "bio", "about-author"]) {
        RemovalReason::AuthorBio
    } else if tag == Tag::Figcaption || tag == Tag::Caption || has(&["caption", "credit"]) {
        RemovalReason::Caption
    } else if has(&["tags", "tag-list", "keywords"]) {
        RemovalReason::TagCloud
    } else if has(&["ad-", "advert", "sponsor", "promo"]) {
        RemovalReason::AdNotice
    } else if tag == Tag::Footer || has(&["footer", "copyright"]) {
        RemovalReason::Copyright
    } else if tag == Tag::H1 {
        RemovalReason::Title
    } else {
        RemovalReason::Boilerplate
    };
    let detail = if r == RemovalReason::Boilerplate && !doc.nodes[id as usize].is_text {
        let label = if names.is_empty() {
            format!("<{}>", tag_name(tag))
        } else {
            format!("<{}> {}", tag_name(tag), names.trim())
        };
        format!("outside the article: {label}")
    } else {
        format!("<{}> {}", tag_name(tag), names.trim())
            .trim()
            .to_string()
    };
    (r, detail)
}

fn tag_name(tag: Tag) -> String {
    format!("{tag:?}").to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use crate::html::body::extract_body;

    #[test]
    fn menus_footers_and_share_bars_are_listed_with_reasons() {
        let page = r#"<html><body><nav><a href="/">Home</a> <a href="/w">World</a></nav>
            <article><h1>Bridge reopens</h1>
            <p>The Kettle Bridge reopened to traffic on Monday after eleven weeks of repairs to its deck joints, the county said.</p>
            <p>Drivers had been diverted through Lower Easton, adding about ten minutes to each journey in both directions.</p>
            <div class="share-bar">Share on Facebook</div></article>
            <footer>Copyright 2025 Vale Media</footer></body></html>"#;
        let b = extract_body(page);
        let find = |t: &str| {
            b.removed
                .iter()
                .find(|r| r.text.contains(t))
                .map(|r| r.reason)
        };
        use crosscheck_model::RemovalReason::*;
        assert_eq!(find("Home World"), Some(Navigation), "{:?}", b.removed);
        assert_eq!(find("Share on Facebook"), Some(Share), "{:?}", b.removed);
        assert_eq!(find("Copyright 2025"), Some(Copyright), "{:?}", b.removed);
        assert!(b
            .removed
            .iter()
            .all(|r| !r.text.contains("Kettle Bridge reopened")));
    }
}
