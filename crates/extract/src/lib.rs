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
