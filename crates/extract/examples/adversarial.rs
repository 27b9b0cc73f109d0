//! Times `extract_body` on adversarial markup (deep nesting, unclosed tags).
use std::time::Instant;
fn main() {
    let cases = [
        ("div", "<div>".repeat(200_000) + "text"),
        ("li", "<ul><li>".repeat(100_000) + "text"),
        ("a", "<a href=x>".repeat(200_000) + "text"),
        (
            "span /div",
            "<span>".repeat(1000) + &"</div>".repeat(200_000),
        ),
        ("table", "<table><tr><td>".repeat(50_000) + "text"),
        ("h1", "<h1 hidden>x</h1>".repeat(100_000) + "<p>text</p>"),
        ("p b", "<p><b>".repeat(100_000)),
        (
            "attrs",
            format!("<div {}>x</div>", "class=a ".repeat(200_000)),
        ),
        ("lt", "<".repeat(1_000_000)),
        ("amp", "&".repeat(1_000_000)),
        ("comment", "<!--".repeat(300_000)),
        ("br", "<p>a<br>".repeat(100_000)),
    ];
    for (name, html) in cases {
        let t = Instant::now();
        let b = crosscheck_extract::html::body::extract_body(&html);
        println!("{name}: {:?} ({} blocks)", t.elapsed(), b.blocks.len());
    }
}
