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

/// The test configuration of the adversarial property tests: `default_cases`
/// cases (kept small: the workspace's tests run unoptimised), or
/// `PROPTEST_CASES` when it is set, to search longer outside CI. In CI (`CI`
/// set) the seed is fixed, so a run there is deterministic; elsewhere it is
/// random (or `PROPTEST_RNG_SEED`), and a failure is saved in the test's
/// `.proptest-regressions` file to be replayed first next time.
pub fn config(default_cases: u32) -> ProptestConfig {
    let mut c = ProptestConfig {
        cases: default_cases,
        ..ProptestConfig::default()
    };
    if let Some(n) = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        c.cases = n;
    }
    if std::env::var_os("CI").is_some() && std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = proptest::test_runner::RngSeed::Fixed(0x00c0_55c4_ec4b);
    }
    c
}

/// Whether a one-line message: not empty, no line break.
pub fn one_line(s: &str) -> bool {
    !s.trim().is_empty() && !s.contains(['\n', '\r'])
}

/// The invariants of every extractor's result, whatever the input:
/// confidence in 0..=1, blocks not blank and `text()` made of them, metadata
/// fields trimmed single lines, a publication date that is a real
/// `YYYY-MM-DD` day in the accepted years with its evidence (or the reason
/// there is none), upstream spans on character boundaries of the text,
/// removed lines and warnings that say something in one line each.
pub fn check_extracted(
    e: &crosscheck_model::Extracted,
    input_len: usize,
) -> Result<(), TestCaseError> {
    prop_assert!(
        e.confidence.is_finite() && (0.0..=1.0).contains(&e.confidence),
        "confidence {}",
        e.confidence
    );
    let mut joined = String::new();
    for b in &e.blocks {
        prop_assert!(!b.text.trim().is_empty(), "blank block {:?}", b);
        if !joined.is_empty() {
            joined.push_str("\n\n");
        }
        joined.push_str(&b.text);
    }
    let text = e.text();
    prop_assert_eq!(&text, &joined);
    for (what, field) in [
        ("title", &e.title),
        ("outlet", &e.outlet),
        ("author", &e.author),
    ] {
        if let Some(v) = field {
            prop_assert!(
                one_line(v) && v.trim() == v,
                "{} is not a trimmed line: {:?}",
                what,
                v
            );
        }
    }
    match &e.published {
        Some(p) => {
            let d = chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d");
            prop_assert!(p.len() == 10 && d.is_ok(), "published {:?}", p);
            let year = chrono::Datelike::year(&d.unwrap());
            prop_assert!((1990..=2100).contains(&year), "published {:?}", p);
            prop_assert!(e.date_evidence.source.is_some(), "{:?}", e.date_evidence);
        }
        None => prop_assert!(
            e.date_evidence
                .reason
                .as_deref()
                .is_some_and(|r| !r.is_empty()),
            "no date and no reason: {:?}",
            e.date_evidence
        ),
    }
    if let Some(l) = &e.language {
        prop_assert!(
            !l.is_empty() && !l.contains(char::is_whitespace),
            "language {:?}",
            l
        );
    }
    for u in &e.upstream_sources {
        prop_assert!(
            u.start < u.end && text.get(u.start..u.end).is_some(),
            "upstream span {}..{} not in the text ({} bytes)",
            u.start,
            u.end,
            text.len()
        );
        prop_assert!(
            !u.name.trim().is_empty() && !u.cue.trim().is_empty(),
            "{:?}",
            u
        );
        // The span is the name as written ("AP" is named in full).
        let written = &text[u.start..u.end];
        prop_assert!(
            written == u.name || (written == "AP" && u.name == "Associated Press"),
            "upstream {:?} spans {:?}",
            u,
            written
        );
    }
    // Each removed line is one stretch of the input: there cannot be more of
    // them than input bytes, and each says something.
    prop_assert!(e.removed_lines.len() <= input_len.max(1));
    for r in &e.removed_lines {
        prop_assert!(!r.text.trim().is_empty(), "blank removed line {:?}", r);
        prop_assert!(!r.detail.contains('\n'), "{:?}", r);
    }
    prop_assert!(e.warnings.len() <= 8, "{:?}", e.warnings);
    for w in &e.warnings {
        prop_assert!(one_line(w), "warning {:?}", w);
    }
    Ok(())
}
