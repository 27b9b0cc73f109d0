use super::*;
use crosscheck_model::BlockKind;

const PROSE: &str = "The council voted on Tuesday to extend the ferry timetable, after months of complaints from residents, who said the old schedule left them stranded.";

fn texts(b: &Body) -> Vec<&str> {
    b.blocks.iter().map(|b| b.text.as_str()).collect()
}

fn page(article: &str) -> String {
    format!(
        r#"<html><head><title>T</title></head><body>
        <header><a href="/">Home</a> <a href="/news">News</a></header>
        <nav><ul><li><a href="/a">World</a></li><li><a href="/b">Sport</a></li></ul></nav>
        <div class="layout has-sidebar"><main><article>{article}</article></main>
        <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/1">A story about something else entirely</a></li></ul></aside></div>
        <div class="comments"><p>{PROSE} (a reader)</p></div>
        <footer><p>Copyright 2026 The Paper. All rights reserved.</p></footer></body></html>"#
    )
}

#[test]
fn keeps_the_article_and_drops_the_chrome() {
    let html = page(&format!(
        "<h1>Ferry timetable extended</h1><p>{PROSE}</p><h2>What next</h2><p>{PROSE} Again.</p>\
         <ul><li>First point, with a comma.</li><li>Second point.</li></ul><blockquote>We are pleased, she said.</blockquote>"
    ));
    let b = extract_body(&html);
    assert_eq!(b.headline.as_deref(), Some("Ferry timetable extended"));
    let kinds: Vec<_> = b.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Paragraph,
            BlockKind::Heading,
            BlockKind::Paragraph,
            BlockKind::ListItem,
            BlockKind::ListItem,
            BlockKind::Quote
        ],
        "{:?}",
        texts(&b)
    );
    let all = texts(&b).join(" ");
    for chrome in ["Home", "World", "Most read", "reader", "Copyright"] {
        assert!(!all.contains(chrome), "{chrome}: {all}");
    }
    assert!(b.confidence > 0.0);
}

#[test]
fn finds_the_article_without_semantic_markup() {
    let html = format!(
        "<div id=top><a href=/>Home</a> | <a href=/x>Politics</a> | <a href=/y>Business</a></div>\
         <div class=wrap><div class=col><p>{PROSE}</p><p>{PROSE} More.</p><p>{PROSE} Most.</p></div>\
         <div class=col2><ul><li><a href=/1>Another headline that is linked</a></li><li><a href=/2>And one more linked headline</a></li></ul></div></div>"
    );
    let b = extract_body(&html);
    assert_eq!(b.blocks.len(), 3, "{:?}", texts(&b));
}

#[test]
fn hidden_and_link_dense_blocks_are_dropped() {
    let html = format!(
        "<article><p>{PROSE}</p><p style='display:none'>Hidden text.</p><p aria-hidden=true>Also hidden.</p>\
         <p>Read more: <a href=/z>the whole long linked story title here</a></p><div hidden>x</div></article>"
    );
    let b = extract_body(&html);
    assert_eq!(texts(&b), [PROSE]);
}

#[test]
fn whitespace_br_tables_and_duplicates() {
    let html = format!(
        "<article><p>{PROSE}</p><p>{PROSE} Second.</p><p>{PROSE} Third.</p><p>  one\n  two<br>three&nbsp;four </p><p>Same.</p><p>Same.</p>\
         <table><tr><td>Cell a</td><td>cell b</td></tr><tr><td>c</td><td>d</td></tr></table></article>"
    );
    let b = extract_body(&html);
    assert_eq!(
        texts(&b),
        [
            PROSE,
            &format!("{PROSE} Second."),
            &format!("{PROSE} Third."),
            "one two\nthree four",
            "Same.",
            "Cell a cell b",
            "c d"
        ]
    );
}

#[test]
fn empty_and_garbage_pages() {
    for html in [
        "",
        "<html><body></body></html>",
        "<!-- x",
        "<script>p</script>",
        "<div><a href=x>Home</a></div>",
    ] {
        let b = extract_body(html);
        assert!(b.blocks.is_empty(), "{html}: {:?}", b.blocks);
        assert_eq!(b.confidence, 0.0);
        assert!(!b.warnings.is_empty());
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let html = "<div>".repeat(100_000) + PROSE + &"</div>".repeat(100_000);
    let b = extract_body(&html);
    assert_eq!(texts(&b), [PROSE]);
    let html = "<ul><li>".repeat(50_000) + PROSE;
    assert!(!extract_body(&html).blocks.is_empty());
}

#[test]
fn short_pages_are_kept_whole() {
    for (html, want) in [
        ("<div>text", vec!["text"]),
        ("<div><div>text", vec!["text"]),
        ("<p>a<br><p>b<br>", vec!["a", "b"]),
        ("<ul><li><ul><li>text", vec!["text"]),
    ] {
        assert_eq!(texts(&extract_body(html)), want, "{html}");
    }
}
