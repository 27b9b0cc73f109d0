//! The generated documents as the inputs crosscheck reads: an HTML page
//! with navigation, an aside and a footer, or a browser text dump with a
//! menu, share and subscribe lines and related headlines around the text.

use super::generate::Doc;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub(super) fn html_page(doc: &Doc, outlet: &str, date: Option<&str>) -> String {
    let mut h = String::with_capacity(doc.paragraphs.iter().map(String::len).sum::<usize>() + 800);
    h.push_str("<!doctype html><html><head><meta charset=\"utf-8\">");
    h.push_str(&format!(
        "<title>{} | {}</title><meta property=\"og:site_name\" content=\"{}\">",
        escape(&doc.title),
        escape(outlet),
        escape(outlet)
    ));
    if let Some(d) = date {
        h.push_str(&format!(
            "<meta property=\"article:published_time\" content=\"{d}T08:00:00Z\">"
        ));
    }
    h.push_str(
        "</head><body><header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> \
                <a href=\"/politics\">Politics</a> <a href=\"/business\">Business</a> \
                <a href=\"/sport\">Sport</a></nav></header><main><article>",
    );
    h.push_str(&format!("<h1>{}</h1>", escape(&doc.title)));
    for p in &doc.paragraphs {
        h.push_str(&format!("<p>{}</p>", escape(p)));
    }
    h.push_str(
        "</article><aside><h2>Most read</h2><ul><li><a href=\"/a\">Weather warning \
                issued for the weekend</a></li><li><a href=\"/b\">Local team wins the \
                cup</a></li></ul></aside></main><footer><p>Subscribe to our newsletter</p>",
    );
    h.push_str(&format!(
        "<p>&copy; {} All rights reserved.</p></footer></body></html>",
        escape(outlet)
    ));
    h
}

pub(super) fn page_text(doc: &Doc, outlet: &str, date: Option<&str>, related: &[String]) -> String {
    let mut lines = vec![
        outlet.to_string(),
        "Home | World | Politics | Business | Sport | Opinion".to_string(),
        "Search".to_string(),
        doc.title.clone(),
    ];
    if let Some(d) = date {
        lines.push(format!("Published {d}"));
    }
    lines.push(String::new());
    for p in &doc.paragraphs {
        lines.push(p.clone());
        lines.push(String::new());
    }
    lines.push("Share this article".to_string());
    lines.push("Subscribe to our newsletter".to_string());
    lines.push("Related".to_string());
    lines.extend(related.iter().cloned());
    lines.push(format!("© {outlet}. All rights reserved."));
    lines.join("\n")
}
