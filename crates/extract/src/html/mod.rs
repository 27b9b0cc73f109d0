//! The HTML path: a saved web page to a clean article.
//!
//! Main-text extraction is delegated to rs-trafilatura, chosen by measurement
//! (see ARCHITECTURE.md and `bench-extract`); crosscheck adds its own metadata
//! reading (`head`), a guard against pathological nesting (`guard`), block
//! splitting, language identification and upstream-source detection, and
//! turns every failure of the library into a warning instead of an error.

mod guard;
pub mod head;
mod meta;

use crosscheck_model::{Block, BlockKind, Extracted, Metadata};

use crate::lang::detect_language;
use crate::upstream::find_upstream_sources;

/// Extract the article of a web page. Never fails: a page with no article
/// gives empty blocks, confidence 0 and a warning.
pub fn extract_html(html: &str, meta: &Metadata) -> Extracted {
    let mut out = Extracted::default();
    let (html, guard_warning) = guard::limit_nesting(html);
    out.warnings.extend(guard_warning);
    let head = head::scan(&html);
    let options = rs_trafilatura::Options {
        include_tables: true,
        url: meta.url.clone(),
        ..Default::default()
    };
    // The library is third-party code run on hostile input: a panic in it
    // must cost one document, not the whole ingest.
    let result = std::panic::catch_unwind(|| rs_trafilatura::extract_with_options(&html, &options));
    let lib = match result {
        Ok(Ok(r)) => Some(r),
        Ok(Err(e)) => {
            out.warnings.push(format!("no article found: {e}"));
            None
        }
        Err(_) => {
            out.warnings
                .push("the HTML extractor failed on this page".to_string());
            None
        }
    };
    if let Some(r) = &lib {
        out.blocks = blocks_from_text(&r.content_text);
        out.confidence = r.extraction_quality.clamp(0.0, 1.0) as f32;
    }
    meta::fill(&mut out, meta, &head, lib.as_ref().map(|r| &r.metadata));
    let text = out.text();
    if text.trim().is_empty() {
        out.confidence = 0.0;
        if out.warnings.is_empty() {
            out.warnings.push("no article text found".to_string());
        }
    }
    out.language = detect_language(&text).or_else(|| {
        head.html_lang
            .as_deref()
            .map(|l| l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase())
    });
    out.upstream_sources = find_upstream_sources(&text);
    out
}

/// Split extracted text into blocks at blank lines; whitespace inside a block
/// is collapsed. Lines starting with a list marker become list items.
fn blocks_from_text(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    for para in text.split("\n\n") {
        for line in split_list_lines(para) {
            let collapsed = head::collapse_ws(line);
            if collapsed.is_empty() {
                continue;
            }
            let kind = if is_list_marker(&collapsed) {
                BlockKind::ListItem
            } else {
                BlockKind::Paragraph
            };
            blocks.push(Block {
                kind,
                text: collapsed,
            });
        }
    }
    blocks
}

/// A paragraph whose lines are all list items is split into one block per
/// item; any other paragraph stays whole.
fn split_list_lines(para: &str) -> Vec<&str> {
    let lines: Vec<&str> = para.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() > 1 && lines.iter().all(|l| is_list_marker(l.trim())) {
        lines
    } else {
        vec![para]
    }
}

fn is_list_marker(line: &str) -> bool {
    line.starts_with("- ") || line.starts_with("• ") || line.starts_with("* ")
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn an_empty_page_gives_a_warning_not_a_panic() {
        let e = extract_html("", &Metadata::default());
        assert!(e.blocks.is_empty());
        assert_eq!(e.confidence, 0.0);
        assert!(!e.warnings.is_empty());
    }

    #[test]
    fn list_lines_become_list_items() {
        let b = blocks_from_text("Intro para.\n\n- one\n- two\n\nOutro.");
        let kinds: Vec<_> = b.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Paragraph
            ]
        );
    }
}
