//! Which subtrees can never be article text, and which elements are named
//! like an article container. Both read the element's tag, flags and its
//! class/id/role/itemprop words.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use once_cell::sync::Lazy;

use super::super::dom::{Document, Tag, HIDDEN, NONE};

/// Class/id words (or word prefixes) of page chrome. A name is split into
/// words at non-alphanumerics; a word matches when it starts with one of
/// these, so "comments", "sharebar" and "relatedposts" match too.
const CHROME_PREFIXES: &[&str] = &[
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "sidebar",
    "footer",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "cookie",
    "consent",
    "newsletter",
    "subscri",
    "promo",
    "advert",
    "sponsor",
    "pagination",
    "popup",
    "modal",
    "outbrain",
    "taboola",
    "disqus",
    "byline",
    "authorbio",
    "caption",
    "gallery",
    "slideshow",
    "carousel",
    "signup",
    "paywall",
    "trending",
    "mostread",
    "mostpopular",
];

/// Words that match only whole: short ones that are also parts of common
/// words ("ad" in "head", "nav" in "canvas", "tag" in "tagline").
const CHROME_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adslot",
    "adunit",
    "advertising",
    "nav",
    "tags",
    "taglist",
    "toolbar",
    "skip",
    "readmore",
    "bio",
];

/// First words of taxonomy classes ("category-social-media", "tag-menu"):
/// they describe the content, not the element's role.
const TAXONOMY: &[&str] = &[
    "category", "tag", "postid", "post", "type", "format", "status",
];

/// Normalised class/id words of an article container.
const CONTENT_NAMES: &[&str] = &[
    "articlebody",
    "articlecontent",
    "articletext",
    "articlecopy",
    "entrycontent",
    "postcontent",
    "postbody",
    "posttext",
    "storybody",
    "storycontent",
    "storytext",
    "contentbody",
    "bodytext",
    "bodycopy",
    "articlemain",
    "mainarticle",
    "maincontent",
    "blogpost",
    "postentry",
    "richtext",
];

/// Words that, right before a chrome word, say the element is a layout
/// wrapper rather than chrome: "has-sidebar", "no-comments".
const LAYOUT_QUALIFIERS: &[&str] = &["has", "no", "with", "without", "show", "hide", "is"];

/// Whether the element's names mark it as chrome.
pub fn chrome_name(names: &str) -> bool {
    for class in names.split_ascii_whitespace() {
        let mut prev = "";
        for (i, word) in class
            .split(|c: char| !c.is_ascii_alphanumeric())
            .enumerate()
        {
            if word.is_empty() {
                continue;
            }
            if i == 0 && TAXONOMY.contains(&word) && class.len() > word.len() {
                break;
            }
            let first = word.as_bytes()[0] as usize;
            let hit = PREFIX_BY_FIRST[first].iter().any(|p| word.starts_with(p))
                || WORD_BY_FIRST[first].contains(&word);
            if hit && !LAYOUT_QUALIFIERS.contains(&prev) {
                return true;
            }
            prev = word;
        }
    }
    false
}

/// Whether the names mark an article container ("article-body",
/// "entry_content", "storyBody", itemprop "articleBody").
pub fn content_name(names: &str) -> bool {
    names.split_ascii_whitespace().any(|class| {
        // Normalise: alphanumerics only ("article__body" -> "articlebody").
        let mut norm = [0u8; 48];
        let mut n = 0;
        for b in class.bytes().filter(u8::is_ascii_alphanumeric) {
            if n == norm.len() {
                break;
            }
            norm[n] = b;
            n += 1;
        }
        let norm = &norm[..n];
        (0..n).any(|start| {
            let rest = &norm[start..];
            CONTENT_BY_FIRST[rest[0] as usize]
                .iter()
                .any(|c| rest.starts_with(c.as_bytes()))
        })
    })
}

/// A word list indexed by first byte: classes are many and short (utility
/// CSS), so each position is compared only with the words it can start.
type ByFirst = Lazy<Vec<Vec<&'static str>>>;

fn by_first(words: &[&'static str]) -> Vec<Vec<&'static str>> {
    let mut table = vec![Vec::new(); 256];
    for w in words {
        if let Some(&b) = w.as_bytes().first() {
            table[b as usize].push(*w);
        }
    }
    table
}

static CONTENT_BY_FIRST: ByFirst = Lazy::new(|| by_first(CONTENT_NAMES));
static PREFIX_BY_FIRST: ByFirst = Lazy::new(|| by_first(CHROME_PREFIXES));
static WORD_BY_FIRST: ByFirst = Lazy::new(|| by_first(CHROME_WORDS));

/// Tags whose subtree is never article text: controls, media, embeds.
fn non_text_tag(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Head | Button
            | Select
            | Option
            | Input
            | Label
            | Iframe
            | Svg
            | Math
            | Object
            | Canvas
            | Figcaption
            | Video
            | Audio
            | Textarea
            | Template
    )
}

/// Page-structure tags that hold chrome: dropped like chrome names, so not
/// when they wrap the article (whole pages inside one `<form>` exist).
fn chrome_tag(tag: Tag) -> bool {
    use Tag::*;
    matches!(tag, Nav | Aside | Form | Dialog | Menu | Footer)
}

/// What the second classification pass must not drop as chrome.
pub struct Protect {
    /// The element is, or wraps, an article container holding much of the
    /// page's prose.
    pub wraps_article: Vec<bool>,
    /// The element holds half of the page's prose.
    pub prose: Vec<bool>,
}

/// A fast multiply-rotate hasher for the class-string memo (the std
/// SipHash costs more than the classification it saves on long strings).
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Per-node facts from the classification passes.
pub struct Marks {
    /// The node and its subtree are not article text.
    pub dropped: Vec<bool>,
    /// Article container: `<article>`, `<main>`, role=main or a content name.
    pub container: Vec<bool>,
    /// Inside a link (`<a href>`).
    pub in_link: Vec<bool>,
}

/// Classify every node. Class/id names drop an element only when `names`
/// is given and does not protect it (see `body` module docs: an element
/// holding most of the page's prose is never chrome, whatever its name).
/// What each element's class/id/role/itemprop words say, read once.
pub struct Names {
    /// Article container: `<article>`, `<main>`, role=main or a content name.
    pub container: Vec<bool>,
    /// Named like chrome.
    pub chrome: Vec<bool>,
}

pub fn read_names(doc: &Document) -> Names {
    let n = doc.nodes.len();
    let mut container = vec![false; n];
    let mut chrome = vec![false; n];
    // Pages repeat the same class strings on many elements: classify each
    // distinct string once.
    let mut seen: HashMap<&str, (bool, bool), BuildHasherDefault<WordHasher>> = HashMap::default();
    for id in 0..n {
        let node = &doc.nodes[id];
        if node.is_text {
            continue;
        }
        let names = doc.names_of(id as u32);
        container[id] = matches!(node.tag, Tag::Article | Tag::Main);
        if !names.is_empty() {
            let (is_content, is_chrome) = *seen.entry(names).or_insert_with(|| {
                (
                    names.split_ascii_whitespace().any(|w| w == "main") || content_name(names),
                    chrome_name(names),
                )
            });
            container[id] |= is_content;
            chrome[id] = is_chrome;
        }
    }
    Names { container, chrome }
}

pub fn mark(doc: &Document, names: &Names, protect: Option<&Protect>) -> Marks {
    let n = doc.nodes.len();
    let container = &names.container;
    let mut dropped = vec![false; n];
    let mut in_link = vec![false; n];
    let mut in_article = vec![false; n];
    for id in 1..n {
        let node = &doc.nodes[id];
        let p = node.parent;
        if p == NONE {
            continue;
        }
        let p = p as usize;
        in_link[id] =
            in_link[p] || (node.tag == Tag::A && node.flags & super::super::dom::HREF != 0);
        in_article[id] = in_article[p] || container[id];
        if dropped[p] {
            dropped[id] = true;
            continue;
        }
        if node.is_text {
            continue;
        }
        let wraps = |p: &Protect| p.wraps_article[id] || matches!(node.tag, Tag::Html | Tag::Body);
        // Chrome tags are trusted unless they wrap an article container;
        // chrome names also yield to the prose share (`keep`).
        let structural = match protect {
            Some(pr) if !wraps(pr) => {
                chrome_tag(node.tag)
                    || (node.tag == Tag::Header && !in_article[p])
                    || (!pr.prose[id] && names.chrome[id])
            }
            _ => false,
        };
        dropped[id] = node.flags & HIDDEN != 0 || non_text_tag(node.tag) || structural;
    }
    Marks {
        dropped,
        container: container.clone(),
        in_link,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_names_match_words_not_substrings() {
        for yes in [
            " comments",
            " social-links",
            " relatedArticles",
            " ad-slot",
            " nav",
            " site_footer",
            " newsletter-signup",
            " tags",
        ] {
            assert!(chrome_name(&yes.to_ascii_lowercase()), "{yes}");
        }
        for no in [
            " article-header",
            " head",
            " shadow",
            " download",
            " canvas",
            " tagline",
            " has-sidebar",
            " no-comments",
            " headline",
            " lead",
        ] {
            assert!(!chrome_name(no), "{no}");
        }
    }

    #[test]
    fn content_names() {
        assert!(content_name(" article__body"));
        assert!(content_name(" entry-content"));
        assert!(content_name(" articlebody"));
        assert!(!content_name(" sidebar"));
    }
}
