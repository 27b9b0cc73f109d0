//! A document from raw bytes to clean, dated, attributed article.

use serde::{Deserialize, Serialize};

/// How the raw bytes of a document were interpreted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    /// A web page (`.html`, `.htm`, or a JSON record's `html` field).
    Html,
    /// A whole page copied as text out of a browser (`.txt`, or `page_text`).
    PageText,
    /// Article text that is already clean (a JSON record's `text` field).
    CleanText,
}

impl InputFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Html => "html",
            InputFormat::PageText => "page_text",
            InputFormat::CleanText => "clean_text",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "html" => Some(InputFormat::Html),
            "page_text" => Some(InputFormat::PageText),
            "clean_text" => Some(InputFormat::CleanText),
            _ => None,
        }
    }
}

/// Metadata that came with the input rather than from its text: the fields
/// of a JSON-lines record, or the URL a page was saved from. Extractors use
/// these in preference to what they find themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    /// As given by the record: any date or date-time string.
    pub published: Option<String>,
    /// Where `published` came from, when not a record field (`feed item
    /// pubDate`): it is shown as the date's evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_source: Option<String>,
    /// When a crawler fetched the page (a web archive's `WARC-Date`, a
    /// fetch's time): never taken for the publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crawled: Option<String>,
}

/// The kind of a block of article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    Quote,
}

/// One paragraph-level block of the clean article body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

/// Why a line of the input was not kept in the article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    Navigation,
    HeadlineList,
    Share,
    Subscribe,
    AdNotice,
    CookieNotice,
    CommentForm,
    Copyright,
    Address,
    Placeholder,
    TagCloud,
    AuthorBio,
    Caption,
    Byline,
    Dateline,
    Title,
    SiteName,
    TableOfContents,
    RecurringAcrossPages,
    DuplicateParagraph,
    ShortFragment,
    Boilerplate,
}

impl RemovalReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalReason::Navigation => "navigation",
            RemovalReason::HeadlineList => "headline_list",
            RemovalReason::Share => "share",
            RemovalReason::Subscribe => "subscribe",
            RemovalReason::AdNotice => "ad_notice",
            RemovalReason::CookieNotice => "cookie_notice",
            RemovalReason::CommentForm => "comment_form",
            RemovalReason::Copyright => "copyright",
            RemovalReason::Address => "address",
            RemovalReason::Placeholder => "placeholder",
            RemovalReason::TagCloud => "tag_cloud",
            RemovalReason::AuthorBio => "author_bio",
            RemovalReason::Caption => "caption",
            RemovalReason::Byline => "byline",
            RemovalReason::Dateline => "dateline",
            RemovalReason::Title => "title",
            RemovalReason::SiteName => "site_name",
            RemovalReason::TableOfContents => "table_of_contents",
            RemovalReason::RecurringAcrossPages => "recurring_across_pages",
            RemovalReason::DuplicateParagraph => "duplicate_paragraph",
            RemovalReason::ShortFragment => "short_fragment",
            RemovalReason::Boilerplate => "boilerplate",
        }
    }
}

/// A line (or paragraph) of the input that the extractor dropped, and why.
/// `crosscheck show --explain` lists these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedLine {
    pub text: String,
    pub reason: RemovalReason,
    /// A short human explanation of the evidence, e.g. "3 of 4 lines are
    /// headlines followed by a date".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

/// How the publication date was decided: where it came from, or why there is none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateEvidence {
    /// Where the date was found, e.g. `meta[article:published_time]`,
    /// `json-ld datePublished`, `byline`, `record field published`.
    pub source: Option<String>,
    /// The text the date was read from.
    pub text: Option<String>,
    /// When there is no date: why (what was seen and rejected, or that
    /// nothing was seen).
    pub reason: Option<String>,
}

/// An upstream source the text names as its origin ("according to the USA
/// Herald", "contributions from the Associated Press").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpstreamSource {
    /// The source's name as written, without a leading "the".
    pub name: String,
    /// The phrase that named it, e.g. "according to".
    pub cue: String,
    /// Byte span of the name in the clean text.
    pub start: usize,
    pub end: usize,
}

/// What counts of the input were dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub boilerplate_lines: usize,
    pub duplicate_paragraphs: usize,
}

/// The result of extracting one input: the article and everything learnt
/// about it. Extractors never fail on bad input; they return what they could
/// with a low confidence and warnings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    pub date_evidence: DateEvidence,
    /// ISO 639-1 code where one exists (`en`), else ISO 639-3.
    pub language: Option<String>,
    pub canonical_url: Option<String>,
    pub blocks: Vec<Block>,
    pub removed_lines: Vec<RemovedLine>,
    pub duplicate_paragraphs: usize,
    pub upstream_sources: Vec<UpstreamSource>,
    /// 0..=1: how sure the extractor is that `blocks` is the article.
    pub confidence: f32,
    pub warnings: Vec<String>,
}

impl Extracted {
    /// The clean article body: blocks separated by one blank line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            if b.text.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&b.text);
        }
        out
    }

    pub fn removed(&self) -> Removed {
        Removed {
            boilerplate_lines: self
                .removed_lines
                .iter()
                .filter(|r| r.reason != RemovalReason::DuplicateParagraph)
                .count(),
            duplicate_paragraphs: self.duplicate_paragraphs,
        }
    }
}

/// A stored document: an extracted article with its identity and provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Prefix of `sha256` (see [`crate::document_id`]).
    pub id: String,
    /// The path as given on the command line, the record's `url`, else `FILE#LINE`.
    pub source: String,
    /// SHA-256 of the raw bytes (the file, or the JSON-lines record).
    pub sha256: String,
    pub format: InputFormat,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub date_evidence: DateEvidence,
    /// When a crawler fetched the page (see [`Metadata::crawled`]).
    #[serde(default)]
    pub crawled: Option<String>,
    pub language: Option<String>,
    pub text: String,
    pub upstream_sources: Vec<UpstreamSource>,
    pub removed: Removed,
    pub removed_lines: Vec<RemovedLine>,
    pub confidence: f32,
    pub warnings: Vec<String>,
}

impl Document {
    /// Number of `\w+`-like words of the clean text.
    pub fn word_count(&self) -> usize {
        count_words(&self.text)
    }
}

/// Count runs of alphanumeric characters: a cheap, Unicode-aware word count.
pub fn count_words(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        let w = c.is_alphanumeric() || c == '_';
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_joins_blocks_with_one_blank_line_and_skips_empty_blocks() {
        let e = Extracted {
            blocks: vec![
                Block {
                    kind: BlockKind::Heading,
                    text: "Title".into(),
                },
                Block {
                    kind: BlockKind::Paragraph,
                    text: String::new(),
                },
                Block {
                    kind: BlockKind::Paragraph,
                    text: "Body.".into(),
                },
            ],
            ..Default::default()
        };
        assert_eq!(e.text(), "Title\n\nBody.");
    }

    #[test]
    fn removed_counts_duplicates_apart_from_boilerplate() {
        let line = |reason| RemovedLine {
            text: "x".into(),
            reason,
            detail: String::new(),
        };
        let e = Extracted {
            removed_lines: vec![
                line(RemovalReason::Share),
                line(RemovalReason::DuplicateParagraph),
            ],
            duplicate_paragraphs: 1,
            ..Default::default()
        };
        assert_eq!(
            e.removed(),
            Removed {
                boilerplate_lines: 1,
                duplicate_paragraphs: 1
            }
        );
    }

    #[test]
    fn count_words_counts_alphanumeric_runs() {
        assert_eq!(count_words("U.S. troops, 75,000 of them — très bien"), 9);
        assert_eq!(count_words(""), 0);
    }

    #[test]
    fn input_format_round_trips_through_its_name() {
        for f in [
            InputFormat::Html,
            InputFormat::PageText,
            InputFormat::CleanText,
        ] {
            assert_eq!(InputFormat::parse(f.as_str()), Some(f));
        }
    }
}

/// Fingerprints of the lines of a page-text document, grouped under the
/// outlet it appears to come from. Stored with the document so that lines
/// recurring across several pages of one outlet (menus, footers, prompts)
/// can be recognised as page chrome in documents ingested later.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageLines {
    /// Normalised outlet name (or site host) the lines are grouped under.
    pub outlet_key: String,
    /// One fingerprint per distinct normalised line.
    pub fingerprints: Vec<u64>,
}
