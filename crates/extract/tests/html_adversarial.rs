//! Adversarial property tests of `extract_html`: pages generated from a
//! grammar of tag soup (nested and unclosed elements, implied end tags, raw
//! text elements, comments, CDATA and doctypes cut anywhere, attributes with
//! and without quotes, entities valid and invalid, JSON-LD with broken JSON,
//! `<meta>` with odd charsets and impossible dates, multibyte, control and
//! NUL characters), and mutations (cuts, duplicated and flipped bytes) of
//! real pages. Whatever the page, extraction returns, deterministically, a
//! well-formed result (`support::check_extracted`).

use crosscheck_extract::extract_html;
use crosscheck_model::Metadata;
use proptest::prelude::*;

mod support;
use support::{check_extracted, config, made_of, page_words, words};

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(items).prop_map(str::to_string)
}

const TAGS: &[&str] = &[
    "html",
    "head",
    "body",
    "div",
    "p",
    "span",
    "a",
    "b",
    "i",
    "em",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tbody",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h6",
    "article",
    "main",
    "section",
    "header",
    "footer",
    "nav",
    "aside",
    "form",
    "button",
    "select",
    "option",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "time",
    "svg",
    "math",
    "iframe",
    "noscript",
    "textarea",
    "title",
    "xmp",
    "br",
    "img",
    "hr",
    "input",
    "meta",
    "link",
    "template",
    "DIV",
    "P",
    "Li",
    "x-widget",
    "font",
    "center",
    "marquee",
    "plaintext",
];

const ATTR_NAMES: &[&str] = &[
    "class",
    "id",
    "role",
    "itemprop",
    "hidden",
    "style",
    "aria-hidden",
    "href",
    "content",
    "property",
    "name",
    "datetime",
    "lang",
    "rel",
    "type",
    "charset",
    "http-equiv",
    "data-x",
    "CLASS",
    "on\u{e9}",
    "",
];

const ATTR_VALUES: &[&str] = &[
    "article-body",
    "articleBody",
    "byline",
    "date",
    "author",
    "nav",
    "sidebar",
    "share",
    "display:none",
    "true",
    "main",
    "headline",
    "datePublished",
    "canonical",
    "application/ld+json",
    "utf-8",
    "x-user-defined",
    "utf-16",
    "UTF-7",
    "bogus-charset",
    "",
    "https://news.example/2025/05/03/story",
    "javascript:void(0)",
    "a b  c",
    "\u{0}",
    "\"",
    "'",
    ">",
    "<p>",
    "&amp;",
    "&#x110000;",
    "caf\u{e9} \u{1F600}",
];

/// Dates as pages write them, and impossible ones.
const DATES: &[&str] = &[
    "2025-05-03",
    "2025-05-03T10:15:00Z",
    "2025-05-03T10:15:00+02:00",
    "May 3, 2025",
    "3 May 2025",
    "05/03/2025",
    "2025-13-45",
    "2025-02-30",
    "0000-00-00",
    "0000-01-01",
    "99999-01-01",
    "-0001-01-01",
    "2025-05-03T25:61:61+99:99",
    "1700000000",
    "1e309",
    "",
    "   ",
    "February 29, 2023",
    "2100-12-31",
    "1989-12-31",
    "\u{0660}\u{0662}\u{0660}\u{0665}-\u{0660}\u{0665}-\u{0660}\u{0663}",
    "2025\u{2010}05\u{2010}03",
];

const ENTITIES: &[&str] = &[
    "&amp;",
    "&amp",
    "&lt;",
    "&gt",
    "&nbsp;",
    "&quot;",
    "&eacute;",
    "&#x110000;",
    "&#0;",
    "&#xD800;",
    "&#xDFFF;",
    "&#99999999999999999999;",
    "&#x;",
    "&#;",
    "&#128;",
    "&#x9F;",
    "&#x1F600;",
    "&NotAnEntity;",
    "&CounterClockwiseContourIntegral;",
    "&",
    "&#",
    "&#x",
    "&#65",
    "&#x0000000041;",
];

/// Text, prose-like or not: multibyte, combining, RTL, emoji, controls.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => pick(&[
            "The council approved the budget on Monday after a long debate. ",
            "\u{201c}We will not pay,\u{201d} Mayor Ana Torres said on Saturday. ",
            "By Jane Roe",
            "Updated May 3, 2025 8:21 am ET",
            "According to the Dunmore Gazette, 75,000 people were evacuated. ",
            "Share this article",
            "Caf\u{e9} cr\u{e8}me bru\u{302}le\u{301}e ",
            "\u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{645}\u{631}\u{62d}\u{628}\u{627} ",
            "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} \u{1F1FA}\u{1F1F8} ",
            "\u{4e2d}\u{6587}\u{65b0}\u{95fb}\u{3002}",
            "According to the \u{130}stanbul \u{1e9e}un, \u{fb01}nance minister \u{1c5}ura \u{3a3}aid no. ",
            "\u{feff}\u{200b}\u{200d}\u{2028}\u{2029}",
            "\u{0}\u{1}\u{7}\u{1b}[0m\u{7f}\u{85}",
            "\r\n\r\n",
            "\t \u{a0} ",
        ]),
        2 => "[A-Za-z .,;:!?'\"0-9-]{0,60}",
        1 => "\\PC{0,20}",
        1 => any::<String>().prop_map(|s| s.chars().take(20).collect()),
        1 => pick(ENTITIES),
        1 => pick(DATES),
    ]
}

fn attr() -> impl Strategy<Value = String> {
    (pick(ATTR_NAMES), pick(ATTR_VALUES), 0..5u8).prop_map(|(n, v, q)| match q {
        0 => format!(" {n}"),
        1 => format!(" {n}={}", v.replace(' ', "")),
        2 => format!(" {n}=\"{v}\""),
        3 => format!(" {n}='{v}'"),
        _ => format!(" {n}=\"{v}"), // unterminated
    })
}

/// `<meta>`, `<time>`, `<link>`, `<html lang>` with odd values.
fn head_item() -> impl Strategy<Value = String> {
    prop_oneof![
        pick(&[
            "article:published_time",
            "datePublished",
            "date",
            "dc.date",
            "article:modified_time",
            "author",
            "og:site_name",
            "og:title",
        ])
        .prop_flat_map(|k| (Just(k), prop_oneof![pick(DATES), text()]))
        .prop_map(|(k, v)| format!("<meta property=\"{k}\" content=\"{v}\">")),
        pick(&[
            "utf-8",
            "UTF-16",
            "utf-16le",
            "iso-8859-1",
            "windows-1251",
            "x-user-defined",
            "shift_jis",
            "bogus",
            "",
            "utf-8\u{0}",
            "\u{e9}",
        ])
        .prop_map(|c| format!("<meta charset={c}>")),
        pick(DATES).prop_map(|d| format!("<time datetime=\"{d}\">{d}</time>")),
        pick(DATES).prop_map(|d| format!("<span class=\"date\">{d}</span>")),
        text().prop_map(|t| format!("<div class=\"byline\">By {t}</div>")),
        pick(ATTR_VALUES).prop_map(|v| format!("<link rel=canonical href=\"{v}\">")),
        pick(&["en", "en-US", "", "x y", "\u{e9}", "zz_ZZ", "EN"])
            .prop_map(|l| format!("<html lang=\"{l}\">")),
        text().prop_map(|t| format!("<title>{t}</title>")),
    ]
}

/// JSON-LD blocks, valid and broken.
fn json_ld() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        pick(DATES).prop_map(|d| format!("\"{d}\"")),
        pick(&[
            "123456789012345678901234567890",
            "1e99999",
            "-0",
            "null",
            "true",
            "[]",
            "{}",
            "\"\\u0000\"",
            "\"\\ud800\"",
            "\"\\udc00\\ud800\"",
            "\"\\uZZZZ\"",
            "\"a\\\"b\"",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            "{\"@type\":\"Person\",\"name\":\"Jane Roe\"}",
            "[{\"@type\":\"Person\",\"name\":\"\"},{\"name\":7}]",
            "\"</script>\"",
        ]),
    ];
    let field = (
        pick(&[
            "@type",
            "datePublished",
            "dateCreated",
            "dateModified",
            "author",
            "headline",
            "publisher",
            "@graph",
            "articleBody",
        ]),
        value,
    )
        .prop_map(|(k, v)| format!("\"{k}\":{v}"));
    (
        prop::collection::vec(field, 0..6),
        0..4u8,
        any::<prop::sample::Index>(),
    )
        .prop_map(|(fields, shape, cut)| {
            let body = format!("{{\"@type\":\"NewsArticle\",{}}}", fields.join(","));
            let json = match shape {
                0 => body,
                1 => format!("[{body},]"),               // trailing comma
                2 => format!("{{\"@graph\":[{body}]}}"), // nested graph
                _ => {
                    // Truncated, on a character boundary.
                    let mut at = cut.index(body.len() + 1);
                    while !body.is_char_boundary(at) {
                        at -= 1;
                    }
                    body[..at].to_string()
                }
            };
            format!("<script type=\"application/ld+json\">{json}</script>")
        })
}

/// Markup declarations and raw-text elements, possibly never closed.
fn special() -> impl Strategy<Value = String> {
    prop_oneof![
        pick(&[
            "<!doctype html>",
            "<!DOCTYPE",
            "<!-- a comment -->",
            "<!--",
            "<!--->",
            "<!-- -- --!>",
            "-->",
            "<![CDATA[ x < y ]]>",
            "<![CDATA[",
            "]]>",
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
            "<?php echo 1; ?>",
            "<script>var s = '</div><p>not text</p>';</script>",
            "<script>",
            "</script>",
            "<script><!--",
            "<style>p { color: red }</style>",
            "<style>",
            "<template><p>inert</p></template>",
            "<template>",
            "<textarea><p>raw</textarea>",
            "<noscript><p>Enable JavaScript</p></noscript>",
            "<svg><p/><circle/></svg>",
            "<math><mi>x</mi>",
            "<",
            "</",
            "</>",
            "< p>",
            "<3",
            "</3>",
            "<p/>",
            "<a <b>",
            "<div class=\"a\"class=b>",
            "<p =x>",
            "<br/ >",
            "\u{0}<p>",
        ]),
        json_ld(),
        head_item(),
    ]
}

#[derive(Debug, Clone)]
enum Node {
    Leaf(String),
    Element {
        tag: String,
        attrs: String,
        children: Vec<Node>,
        close: bool,
    },
}

fn node() -> impl Strategy<Value = Node> {
    let leaf = prop_oneof![
        3 => text().prop_map(Node::Leaf),
        1 => pick(ENTITIES).prop_map(Node::Leaf),
        2 => special().prop_map(Node::Leaf),
    ];
    leaf.prop_recursive(6, 96, 6, |inner| {
        (
            pick(TAGS),
            prop::collection::vec(attr(), 0..4),
            prop::collection::vec(inner, 0..6),
            prop::bool::weighted(0.7),
        )
            .prop_map(|(tag, attrs, children, close)| Node::Element {
                tag,
                attrs: attrs.concat(),
                children,
                close,
            })
    })
}

fn render(n: &Node, out: &mut String) {
    match n {
        Node::Leaf(s) => out.push_str(s),
        Node::Element {
            tag,
            attrs,
            children,
            close,
        } => {
            out.push('<');
            out.push_str(tag);
            out.push_str(attrs);
            out.push('>');
            for c in children {
                render(c, out);
            }
            if *close {
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
            }
        }
    }
}

/// A whole page from the grammar, possibly cut at any byte (on a character
/// boundary: the reader has decoded it) and with a deep run of one tag.
fn page() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(node(), 1..8),
        prop::option::weighted(0.3, any::<prop::sample::Index>()),
        prop::option::weighted(0.15, (pick(TAGS), 100..3000usize)),
    )
        .prop_map(|(nodes, cut, deep)| {
            let mut s = String::new();
            for (i, n) in nodes.iter().enumerate() {
                if i == nodes.len() / 2 {
                    if let Some((tag, depth)) = &deep {
                        s.push_str(&format!("<{tag}>").repeat(*depth));
                    }
                }
                render(n, &mut s);
            }
            if let Some(cut) = cut {
                let mut at = cut.index(s.len() + 1);
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                s.truncate(at);
            }
            s
        })
}

/// Record metadata as JSON lines give it, sometimes odd.
fn metadata() -> impl Strategy<Value = Metadata> {
    let field = || prop::option::weighted(0.3, prop_oneof![text(), pick(DATES)]);
    (
        field(),
        field(),
        field(),
        field(),
        field(),
        field(),
        field(),
    )
        .prop_map(
            |(url, title, outlet, author, published, published_source, crawled)| Metadata {
                url,
                title,
                outlet,
                author,
                published,
                published_source,
                crawled,
            },
        )
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn grammar_tag_soup_gives_a_well_formed_result(page in page()) {
        let e = extract_html(&page, &Metadata::default());
        check_extracted(&e, page.len())?;
        // Every kept word is made of the page's words (inline tags join
        // words: "A<b>var</b>" reads "Avar").
        let known = page_words(&page);
        for w in words(&e.text()) {
            prop_assert!(made_of(&w, &known), "word {:?} is not made of the page's words", w);
        }
        prop_assert_eq!(&e, &extract_html(&page, &Metadata::default()));
    }

    #[test]
    fn odd_record_metadata_gives_a_well_formed_result(page in page(), meta in metadata()) {
        let e = extract_html(&page, &meta);
        check_extracted(&e, page.len())?;
    }
}

// --- Mutations of real pages -------------------------------------------

/// The repository's own fixture pages (always present).
fn fixture_pages() -> &'static [String] {
    static PAGES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    PAGES.get_or_init(read_fixture_pages)
}

fn read_fixture_pages() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/chrome");
    let mut pages: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/fixtures/chrome")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned())
        .collect();
    pages.sort();
    assert!(!pages.is_empty());
    pages
}

/// The smallest pages of the shared article-extraction benchmark, when the
/// corpora are there (the caller says when they are not).
fn corpus_pages() -> &'static [String] {
    static PAGES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    PAGES.get_or_init(read_corpus_pages)
}

fn read_corpus_pages() -> Vec<String> {
    use std::io::Read;
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpora/article-extraction-benchmark/html"
    );
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(u64, std::path::PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.metadata().ok()?.len(), e.path())))
        .collect();
    files.sort();
    files
        .iter()
        .take(3)
        .filter_map(|(_, p)| {
            let gz = std::fs::read(p).ok()?;
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_end(&mut out)
                .ok()?;
            Some(String::from_utf8_lossy(&out).into_owned())
        })
        .collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Cut the page at a byte.
    Truncate(prop::sample::Index),
    /// Copy a stretch of the page to another place.
    Duplicate(prop::sample::Index, prop::sample::Index, usize),
    /// Flip one bit of a byte.
    Flip(prop::sample::Index, u8),
    /// Delete a stretch.
    Delete(prop::sample::Index, usize),
    /// Insert a markup fragment.
    Insert(prop::sample::Index, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let idx = any::<prop::sample::Index>;
    prop_oneof![
        idx().prop_map(Mutation::Truncate),
        (idx(), idx(), 1..400usize).prop_map(|(a, b, n)| Mutation::Duplicate(a, b, n)),
        (idx(), 0..8u8).prop_map(|(a, bit)| Mutation::Flip(a, bit)),
        (idx(), 1..200usize).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (idx(), prop_oneof![special(), pick(ENTITIES), text()])
            .prop_map(|(a, s)| Mutation::Insert(a, s)),
    ]
}

/// Apply mutations to the bytes; the result is decoded as the reader would
/// (invalid sequences replaced).
fn mutate(page: &str, muts: &[Mutation]) -> String {
    let mut b = page.as_bytes().to_vec();
    for m in muts {
        let len = b.len();
        match m {
            Mutation::Truncate(i) => b.truncate(i.index(len + 1)),
            Mutation::Duplicate(from, to, n) => {
                let from = from.index(len + 1);
                let piece = b[from..(from + n).min(len)].to_vec();
                let to = to.index(len + 1);
                b.splice(to..to, piece);
            }
            Mutation::Flip(i, bit) if len > 0 => b[i.index(len)] ^= 1 << bit,
            Mutation::Flip(..) => {}
            Mutation::Delete(i, n) => {
                let at = i.index(len + 1);
                b.drain(at..(at + n).min(len));
            }
            Mutation::Insert(i, s) => {
                let at = i.index(len + 1);
                b.splice(at..at, s.bytes());
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn mutated_fixture_pages_give_a_well_formed_result(
        which in any::<prop::sample::Index>(),
        muts in prop::collection::vec(mutation(), 1..12),
    ) {
        let pages = fixture_pages();
        let page = mutate(which.get::<String>(pages), &muts);
        let e = extract_html(&page, &Metadata::default());
        check_extracted(&e, page.len())?;
    }
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn mutated_benchmark_pages_give_a_well_formed_result(
        which in any::<prop::sample::Index>(),
        muts in prop::collection::vec(mutation(), 1..12),
    ) {
        let pages = corpus_pages();
        if pages.is_empty() {
            eprintln!("skipped: ../shared/corpora/article-extraction-benchmark is absent");
            return Ok(());
        }
        let page = mutate(which.get::<String>(pages), &muts);
        let e = extract_html(&page, &Metadata::default());
        check_extracted(&e, page.len())?;
    }
}

// --- Regressions: inputs the property tests found ----------------------

#[test]
fn class_words_split_over_lines_give_one_line_removal_details() {
    // Found by `grammar_tag_soup_gives_a_well_formed_result`: the raw class
    // value, line breaks and all, was quoted in a removed line's detail.
    let page = "<html><body hidden class=\"article-body><html><html>\r\n\r\n<html><html><script type=\"application/ld+json\">[";
    let e = extract_html(page, &Metadata::default());
    assert!(!e.removed_lines.is_empty());
    check_extracted(&e, page.len()).unwrap();
    let page = "<div class=\"menu\n\tnav\r\nlinks\"><a href=/>Home</a> <a href=/w>World</a></div>\
                <article><p>The council approved the budget on Monday after a long debate about the pier.</p></article>";
    let e = extract_html(page, &Metadata::default());
    let menu = e.removed_lines.iter().find(|r| r.text.contains("Home"));
    let menu = menu.expect("the menu is a removed line");
    assert!(!menu.detail.contains(['\n', '\r', '\t']), "{menu:?}");
    assert!(menu.detail.contains("menu nav links"), "{menu:?}");
}

#[test]
fn an_html_lang_that_is_no_language_code_is_not_the_language() {
    // Found by `grammar_tag_soup_gives_a_well_formed_result` ("x y") and the
    // benchmark-page mutations ("comwrap en", ""): `<html lang>` was taken
    // as the language whatever it held.
    for lang in ["x y", "", "comwrap en", "\u{e9}", "english"] {
        let page = format!("<html lang=\"{lang}\"><p>1 2 3</p>");
        let e = extract_html(&page, &Metadata::default());
        assert_eq!(e.language, None, "lang={lang:?}");
    }
    for (lang, code) in [
        ("en-US", "en"),
        ("EN", "en"),
        ("zh_Hant", "zh"),
        ("fil", "fil"),
    ] {
        let page = format!("<html lang=\"{lang}\"><p>1 2 3</p>");
        let e = extract_html(&page, &Metadata::default());
        assert_eq!(e.language.as_deref(), Some(code), "lang={lang:?}");
    }
}
