//! Extraction: from a web page or a text dump to a clean article with its
//! title, outlet, author, publication date, language and upstream sources.

pub mod dates;
pub mod html;
pub mod lang;
pub mod text;
pub mod upstream;

pub use html::extract_html;
pub use text::{
    clean_page_text, clean_text,
    recurring::{line_fingerprint, page_lines, LineEvidence},
};

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::Metadata;

    #[test]
    fn an_unreadable_published_field_is_a_warning_on_every_path() {
        let meta = Metadata {
            published: Some("the day after tomorrow".into()),
            ..Metadata::default()
        };
        let body = "The harbour authority said on Monday that the berths would reopen \
                    after the fire, which burned for two days and closed the port.";
        let html = format!("<html><body><article><p>{body}</p></article></body></html>");
        let results = [
            extract_html(&html, &meta),
            clean_page_text(body, &meta, &LineEvidence::default()),
            clean_text(body, &meta),
            clean_text("", &meta),
        ];
        for (i, e) in results.iter().enumerate() {
            let warned = e
                .warnings
                .iter()
                .filter(|w| w.contains("published not understood"))
                .count();
            assert_eq!(warned, 1, "path {i}: {:?}", e.warnings);
            assert_eq!(e.published, None, "path {i}");
        }
    }
}
