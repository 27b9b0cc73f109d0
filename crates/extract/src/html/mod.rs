//! The HTML path: a saved web page to a clean article.
//!
//! The page is parsed once by our own forgiving single-pass parser (`dom`)
//! and its article chosen by `body` (see that module for the method); `head`
//! reads the metadata, `meta` picks each field from the best source; bylines
//! and "Updated ..." lines printed in the body are moved to `removed_lines`;
//! then language identification and upstream-source detection.

pub mod body;
pub mod dom;
pub mod head;
mod meta;
mod scan;
mod title;

use crosscheck_model::{Extracted, Metadata, RemovalReason, RemovedLine};
use once_cell::sync::Lazy;
use regex::Regex;

use crate::dates::{find_dates, is_date_line};

use crate::lang::detect_language;
use crate::upstream::find_upstream_sources;

/// Extract the article of a web page. Never fails: a page with no article
/// gives empty blocks, confidence 0 and a warning.
pub fn extract_html(html: &str, meta: &Metadata) -> Extracted {
    let mut out = Extracted::default();
    let head = head::scan(html);
    let body = body::extract_body(html);
    out.blocks = body.blocks;
    out.removed_lines = body.removed;
    drop_meta_lines(&mut out);
    out.confidence = body.confidence;
    out.warnings.extend(body.warnings);
    meta::fill(&mut out, meta, &head, body.headline.as_deref());
    let text = out.text();
    if text.trim().is_empty() {
        out.confidence = 0.0;
        if out.warnings.is_empty() {
            out.warnings.push("no article text found".to_string());
        }
    }
    out.warnings.extend(crate::dates::record_date_warning(meta));
    out.language = detect_language(&text).or_else(|| {
        // The primary subtag of `<html lang>` when it is a language code
        // (2 or 3 letters): pages write anything there ("", "x y"; found by
        // the property tests), and `language` is an ISO 639 code.
        head.html_lang
            .as_deref()
            .map(|l| l.trim().split(['-', '_']).next().unwrap_or(""))
            .filter(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphabetic()))
            .map(str::to_ascii_lowercase)
    });
    out.upstream_sources = find_upstream_sources(&text);
    out
}

static BYLINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?i:by|written by|words by)\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|van|von|and|&))*").unwrap()
});
static DATELINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?i:published|updated|last updated|posted|posted on|first published|modified)\b")
        .unwrap()
});

/// Remove blocks that are metadata printed in the body: a byline ("By Jane
/// Roe · 9 August 2025"), an "Updated 14.11.2025" line, a bare date. They
/// are kept as evidence in `removed_lines`, not as article text.
fn drop_meta_lines(out: &mut Extracted) {
    let mut kept = Vec::with_capacity(out.blocks.len());
    for b in std::mem::take(&mut out.blocks) {
        let words = crosscheck_model::count_words(&b.text);
        let has_date =
            || !find_dates(&b.text).is_empty() || b.text.chars().any(|c| c.is_ascii_digit());
        // Time stamps count their numbers as words ("Updated Nov. 19, 2019
        // 8:21 am ET / Original Nov. 19, 2019 8:02 am ET" is 16), so date
        // lines may be longer than bylines.
        let reason = if is_bare_url(&b.text) {
            Some(RemovalReason::Boilerplate)
        } else if words > 24 {
            None
        } else if is_date_line(&b.text) || (DATELINE.is_match(&b.text) && has_date()) {
            Some(RemovalReason::Dateline)
        } else if words <= 14 && BYLINE.is_match(&b.text) && !b.text.ends_with('.') {
            Some(RemovalReason::Byline)
        } else {
            None
        };
        match reason {
            Some(reason) => out.removed_lines.push(RemovedLine {
                text: b.text,
                reason,
                detail: "metadata line in the article body".into(),
            }),
            None => kept.push(b),
        }
    }
    out.blocks = kept;
}

/// A block that is nothing but a web address (a printed permalink).
fn is_bare_url(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
        && !t.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::{Block, BlockKind};

    #[test]
    fn an_article_page_gives_its_paragraphs_and_metadata() {
        let page = r#"<html lang="en"><head><title>Ferry service resumes | Harbor Line</title>
            <meta property="og:site_name" content="Harbor Line">
            <meta property="article:published_time" content="2026-03-04T08:00:00Z"></head>
            <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <article><h1>Ferry service resumes</h1>
            <p>The island ferry returned to its full timetable on Tuesday after three weeks of repairs to the northern pier, the port authority said.</p>
            <p>Passengers had been carried by a smaller chartered boat, which could take only a third of the usual numbers and no vehicles at all.</p>
            <p>According to the Coastal Times, the repairs cost more than the council had set aside for the whole year.</p></article>
            <footer>Copyright 2026 Harbor Line</footer></body></html>"#;
        let e = extract_html(page, &Metadata::default());
        let text = e.text();
        assert!(text.contains("island ferry returned"), "{text}");
        assert!(!text.contains("Copyright"), "{text}");
        assert_eq!(e.outlet.as_deref(), Some("Harbor Line"));
        assert_eq!(e.published.as_deref(), Some("2026-03-04"));
        assert_eq!(e.language.as_deref(), Some("en"));
        assert!(e.upstream_sources.iter().any(|u| u.name == "Coastal Times"));
    }

    #[test]
    fn record_metadata_wins_over_the_page() {
        let page = "<html><head><title>Page title</title></head><body><p>Some words here.</p></body></html>";
        let meta = Metadata {
            title: Some("Given title".into()),
            outlet: Some("Given Outlet".into()),
            published: Some("2024-01-02".into()),
            ..Default::default()
        };
        let e = extract_html(page, &meta);
        assert_eq!(e.title.as_deref(), Some("Given title"));
        assert_eq!(e.outlet.as_deref(), Some("Given Outlet"));
        assert_eq!(e.published.as_deref(), Some("2024-01-02"));
        assert_eq!(
            e.date_evidence.source.as_deref(),
            Some("record field published")
        );
    }

    #[test]
    fn a_feed_date_names_itself_and_yields_to_the_pages_own_metadata() {
        let meta = Metadata {
            published: Some("2026-11-30T23:10:00Z".into()),
            published_source: Some("feed item pubDate".into()),
            ..Default::default()
        };
        let bare = "<html><body><p>Some words here.</p></body></html>";
        let e = extract_html(bare, &meta);
        assert_eq!(e.published.as_deref(), Some("2026-11-30"));
        assert_eq!(e.date_evidence.source.as_deref(), Some("feed item pubDate"));
        let dated = r#"<html><head><meta property="article:published_time" content="2026-11-29T10:00:00Z"></head><body><p>Some words here.</p></body></html>"#;
        let e = extract_html(dated, &meta);
        assert_eq!(e.published.as_deref(), Some("2026-11-29"));
        assert_eq!(
            e.date_evidence.source.as_deref(),
            Some("meta[article:published_time]")
        );
    }

    #[test]
    fn an_empty_page_gives_a_warning_not_a_panic() {
        let e = extract_html("", &Metadata::default());
        assert!(e.blocks.is_empty());
        assert_eq!(e.confidence, 0.0);
        assert!(!e.warnings.is_empty());
    }

    #[test]
    fn bylines_and_update_lines_leave_the_body() {
        let blocks = [
            "By Jane Roe · 9 August 2025",
            "Updated 14.11.2025",
            "Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET",
            "https://harbor.example/2019/11/19/council-meets",
            "The council met.",
            "By the end of the day, Roe had gone home.",
        ]
        .map(|t| Block {
            kind: BlockKind::Paragraph,
            text: t.to_string(),
        });
        let mut e = Extracted {
            blocks: blocks.to_vec(),
            ..Default::default()
        };
        drop_meta_lines(&mut e);
        assert_eq!(
            e.text(),
            "The council met.\n\nBy the end of the day, Roe had gone home."
        );
        assert_eq!(e.removed_lines.len(), 4);
    }
}
