//! Property tests of our HTML parser and main-text selection: any input,
//! however broken, parses and extracts without panicking; every kept word
//! comes from the page; the result is deterministic.

use std::collections::HashSet;

use crosscheck_extract::html::body::extract_body;
use crosscheck_extract::html::dom::{Document, NONE};
use proptest::prelude::*;

/// Tag soup: fragments of real markup in random order, many unclosed.
fn tag_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<div class=\"article-body\">".to_string()),
        Just("</div>".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<li>".to_string()),
        Just("<ul>".to_string()),
        Just("</ul>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("</td></tr></table>".to_string()),
        Just("<td>".to_string()),
        Just("<h1>".to_string()),
        Just("<h2>".to_string()),
        Just("</h2>".to_string()),
        Just("<article>".to_string()),
        Just("</article>".to_string()),
        Just("<aside class=sidebar>".to_string()),
        Just("<nav><a href='/'>Home</a></nav>".to_string()),
        Just("<a href=x>".to_string()),
        Just("</a>".to_string()),
        Just("<br>".to_string()),
        Just("<br/>".to_string()),
        Just("<svg/>".to_string()),
        Just("<script>var x = '<p>';</script>".to_string()),
        Just("<style>".to_string()),
        Just("<!-- comment".to_string()),
        Just("-->".to_string()),
        Just("<![CDATA[".to_string()),
        Just("<p hidden style=\"display:none\" aria-hidden=true>".to_string()),
        Just("<div class=\"unterminated".to_string()),
        Just("&#xFFFFFFFF;&amp&nbsp;&#0;&".to_string()),
        Just("<".to_string()),
        Just("</".to_string()),
        "[A-Za-z ,.]{0,80}".prop_map(|s| s),
        "\\PC{0,40}".prop_map(|s| s),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Decoded character references can add characters that are not in the
/// source text (é from &eacute;); compare against the decoded page text.
fn page_words(html: &str) -> HashSet<String> {
    let doc = Document::parse(html);
    let mut all = words(&doc.subtree_text(0));
    all.extend(words(html));
    all.into_iter().collect()
}

/// Whether `w` is a concatenation of words of `set` (text on both sides of
/// an inline tag joins, as in a browser: `in<em>Starship` reads "inStarship").
fn made_of(w: &str, set: &HashSet<String>) -> bool {
    let chars: Vec<char> = w.chars().collect();
    let mut ok = vec![false; chars.len() + 1];
    ok[0] = true;
    for end in 1..=chars.len() {
        ok[end] = (0..end)
            .any(|start| ok[start] && set.contains(&chars[start..end].iter().collect::<String>()));
    }
    ok[chars.len()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tag_soup_never_panics_and_keeps_only_page_words(page in tag_soup()) {
        let body = extract_body(&page);
        let known = page_words(&page);
        for b in &body.blocks {
            prop_assert!(!b.text.trim().is_empty());
            for w in words(&b.text) {
                prop_assert!(made_of(&w, &known), "{w:?} not made of page words");
            }
        }
        prop_assert!((0.0..=1.0).contains(&body.confidence));
    }

    #[test]
    fn arbitrary_strings_never_panic(page in "\\PC{0,600}") {
        let doc = Document::parse(&page);
        prop_assert_eq!(doc.nodes[0].end as usize, doc.nodes.len());
        let _ = extract_body(&page);
    }

    #[test]
    fn the_tree_is_well_formed(page in tag_soup()) {
        let doc = Document::parse(&page);
        for (id, n) in doc.nodes.iter().enumerate().skip(1) {
            // Parents come first and contain their children's ranges.
            prop_assert!(n.parent != NONE && (n.parent as usize) < id);
            let p = &doc.nodes[n.parent as usize];
            prop_assert!(p.end >= n.end && n.end as usize > id);
        }
    }

    #[test]
    fn extraction_is_deterministic(page in tag_soup()) {
        prop_assert_eq!(extract_body(&page), extract_body(&page));
    }
}
