//! Generators and checks shared by the HTML property tests.
#![allow(dead_code)]

use std::collections::HashSet;

use crosscheck_extract::html::dom::Document;
use proptest::prelude::*;

/// Tag soup: fragments of real markup in random order, many unclosed.
pub fn tag_soup() -> impl Strategy<Value = String> {
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
        Just("<meta property=\"article:published_time\" content=\"2025-13-45\">".to_string()),
        Just("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",".to_string()),
        Just("<time datetime=\"x\">".to_string()),
        Just("<title>&quot; —\u{a0}&— ’</title>".to_string()),
        Just("<".to_string()),
        Just("</".to_string()),
        "[A-Za-z ,.]{0,80}".prop_map(|s| s),
        "\\PC{0,40}".prop_map(|s| s),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

pub fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Decoded character references can add characters that are not in the
/// source text (é from &eacute;); compare against the decoded page text.
pub fn page_words(html: &str) -> HashSet<String> {
    let doc = Document::parse(html);
    let mut all = words(&doc.subtree_text(0));
    all.extend(words(html));
    all.into_iter().collect()
}

/// Whether `w` is a concatenation of words of `set` (text on both sides of
/// an inline tag joins, as in a browser: `in<em>Starship` reads "inStarship").
pub fn made_of(w: &str, set: &HashSet<String>) -> bool {
    let chars: Vec<char> = w.chars().collect();
    let mut ok = vec![false; chars.len() + 1];
    ok[0] = true;
    for end in 1..=chars.len() {
        ok[end] = (0..end)
            .any(|start| ok[start] && set.contains(&chars[start..end].iter().collect::<String>()));
    }
    ok[chars.len()]
}
