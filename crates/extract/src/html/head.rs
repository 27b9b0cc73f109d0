//! Page metadata read straight from the markup: `<meta>` tags, JSON-LD,
//! `<link rel=canonical>`, `<html lang>`, `<title>`. A regex scan over the raw
//! page rather than a DOM query, because it is cheap and the head is usually
//! well-formed even when the body is not.

use once_cell::sync::Lazy;
use regex::Regex;
use serde_json::Value;

use super::scan::{attr, find_ci, raw_text_end, visible_text, RawTag, Tags};

/// What the markup declares about the page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct HeadMetadata {
    /// `(key, content)` of every `<meta>` with a `property`, `name` or
    /// `itemprop`; keys lower-cased.
    pub metas: Vec<(String, String)>,
    pub canonical: Option<String>,
    pub html_lang: Option<String>,
    pub title_tag: Option<String>,
    pub json_ld: JsonLd,
    /// `datetime` attributes of `<time>` elements, in page order.
    pub time_datetimes: Vec<String>,
    /// Visible text of `<time>` elements, in page order.
    pub time_texts: Vec<String>,
    /// Visible text of elements marked as bylines or authors, in page order.
    pub bylines: Vec<String>,
    /// The first `datePublished`-like key found anywhere in the page source.
    pub raw_published: Option<String>,
    /// Visible text of elements whose class or id marks a date, page order.
    pub date_texts: Vec<String>,
    /// Text of the first non-empty `<h1>`: usually the headline.
    pub h1: Option<String>,
    /// The visible text that follows the page's first `<h1>` (the headline),
    /// up to [`AFTER_HEADLINE_CHARS`]: where bylines and dates are printed.
    pub after_headline: Option<String>,
}

/// The fields of a JSON-LD article object crosscheck uses.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct JsonLd {
    pub date_published: Option<String>,
    pub date_created: Option<String>,
    pub date_modified: Option<String>,
    pub headline: Option<String>,
    /// Authors that are people (or untyped).
    pub authors: Vec<String>,
    /// Authors typed as organisations: a fallback when no person is named.
    pub org_authors: Vec<String>,
    pub publisher: Option<String>,
}

impl HeadMetadata {
    /// The first non-empty content of the given meta keys, in key order.
    pub fn meta(&self, keys: &[&str]) -> Option<(&str, &str)> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(key, v)| key == k && !v.trim().is_empty())
                .map(|(key, v)| (key.as_str(), v.trim()))
        })
    }
}

/// A `datePublished` key anywhere, also inside escaped JSON of script
/// state (`\"datePublished\":\"2025-01-02\"`).
static RAW_PUBLISHED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r#"(?:\\?"|(?-u:\b))(?:datePublished|date_published|publishedAt|published_at|publishDate|publishedDate|firstPublishedDate)(?:\\?")?\s*:\s*\\?"(\d{4}-\d{2}-\d{2}[^"\\]{0,30})"#).unwrap()
});

/// Scan a page for its declared metadata in one pass over its tags.
pub fn scan(html: &str) -> HeadMetadata {
    let mut out = HeadMetadata::default();
    let mut found = Found::default();
    let mut first_h1 = None;
    let mut tags = Tags::new(html, 0);
    while let Some(tag) = tags.next() {
        if tag.closing {
            continue;
        }
        match tag.name.as_str() {
            "meta" => {
                let key = attr(tag.raw, "property")
                    .or_else(|| attr(tag.raw, "name"))
                    .or_else(|| attr(tag.raw, "itemprop"));
                if let (Some(k), Some(v)) = (key, attr(tag.raw, "content")) {
                    out.metas.push((k.to_ascii_lowercase(), v));
                }
            }
            "link"
                if out.canonical.is_none()
                    && attr(tag.raw, "rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                out.canonical = attr(tag.raw, "href")
                    .map(|h| h.trim().to_string())
                    .filter(|h| !h.is_empty());
            }
            "html" if out.html_lang.is_none() => {
                out.html_lang = attr(tag.raw, "lang")
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty());
            }
            "title" if out.title_tag.is_none() => {
                let end = raw_text_end(html, "title", tag.end);
                let t = collapse_ws(&decode_entities(html.get(tag.end..end).unwrap_or("")));
                out.title_tag = (!t.is_empty()).then_some(t);
                tags.pos = end;
            }
            "script" | "style" | "noscript" | "template" | "textarea" => {
                let end = raw_text_end(html, &tag.name, tag.end);
                let is_ld = tag.name == "script"
                    && attr(tag.raw, "type")
                        .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
                if is_ld {
                    if let Ok(v) =
                        serde_json::from_str::<Value>(html.get(tag.end..end).unwrap_or("").trim())
                    {
                        read_json_ld(&v, &mut found, 0);
                    }
                }
                tags.pos = end;
            }
            "h1" => {
                first_h1.get_or_insert(tag.start);
                if out.h1.is_none() {
                    let text = inner_text(html, "h1", tag.end, 4000);
                    out.h1 = (!text.is_empty()).then_some(text);
                }
            }
            "time" => {
                if let Some(d) = attr(tag.raw, "datetime") {
                    out.time_datetimes.push(d.trim().to_string());
                }
                let text = inner_text(html, "time", tag.end, 400);
                if !text.is_empty() {
                    out.time_texts.push(text);
                }
            }
            _ => {}
        }
        read_marked_element(html, &tag, &mut out);
    }
    out.json_ld = found.merge();
    out.raw_published = RAW_PUBLISHED.captures(html).map(|c| c[1].to_string());
    out.after_headline = first_h1.map(|h| visible_text(html, h, h + 20_000, AFTER_HEADLINE_CHARS));
    out
}

/// Markers in class, id, rel or itemprop values of byline and date elements.
const BYLINE_MARKS: [&str; 2] = ["byline", "author"];
const DATE_MARKS: [&str; 8] = [
    "date",
    "time",
    "publish",
    "posted",
    "byline",
    "article-meta",
    "post-meta",
    "entry-meta",
];

/// Collect the text of elements whose class, id, rel or itemprop marks them
/// as a byline or a date.
fn read_marked_element(html: &str, tag: &RawTag, out: &mut HeadMetadata) {
    if out.bylines.len() >= 8 && out.date_texts.len() >= 20 {
        return;
    }
    let lower = tag.raw.to_ascii_lowercase();
    let maybe_byline = BYLINE_MARKS.iter().any(|m| lower.contains(m));
    let maybe_date = DATE_MARKS.iter().any(|m| lower.contains(m));
    if !maybe_byline && !maybe_date {
        return;
    }
    let values: String = ["class", "id", "rel", "itemprop"]
        .iter()
        .filter_map(|a| attr(tag.raw, a))
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    let is_byline_tag = matches!(tag.name.as_str(), "p" | "div" | "span" | "a" | "address");
    if is_byline_tag && out.bylines.len() < 8 && BYLINE_MARKS.iter().any(|m| has_word(&values, m)) {
        let text = inner_text(html, &tag.name, tag.end, 600);
        if !text.is_empty() {
            out.bylines.push(text);
        }
    }
    if out.date_texts.len() < 20 && DATE_MARKS.iter().any(|m| values.contains(m)) {
        // Text up to the first closing tag: the date itself, not the whole
        // block around it.
        let end = find_ci(html.as_bytes(), b"</", tag.end)
            .unwrap_or(html.len())
            .min(tag.end + 800);
        let text = visible_text(html, tag.end, end, 200);
        if !text.is_empty() {
            out.date_texts.push(text);
        }
    }
}

/// `word` occurs in `s` delimited by non-alphanumeric characters.
fn has_word(s: &str, word: &str) -> bool {
    s.match_indices(word).any(|(i, _)| {
        let before = s[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        let after = s[i + word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        before && after
    })
}

/// Visible text of an element: up to its closing tag, at most `max_bytes`
/// of markup.
fn inner_text(html: &str, name: &str, from: usize, max_bytes: usize) -> String {
    let end = raw_text_end(html, name, from).min(from + max_bytes);
    visible_text(html, from, end, 2000)
}

/// How much visible text after the headline counts as its byline area.
pub const AFTER_HEADLINE_CHARS: usize = 600;

const ARTICLE_TYPES: [&str; 8] = [
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "WebPage",
    "LiveBlogPosting",
];

/// JSON-LD objects found so far: article types, and bare `WebPage`s whose
/// dates are often the page's, not the story's.
#[derive(Default)]
struct Found {
    strong: JsonLd,
    weak: JsonLd,
}

impl Found {
    fn merge(self) -> JsonLd {
        let (s, w) = (self.strong, self.weak);
        JsonLd {
            date_published: s.date_published.or(w.date_published),
            date_created: s.date_created.or(w.date_created),
            date_modified: s.date_modified.or(w.date_modified),
            headline: s.headline.or(w.headline),
            org_authors: if s.org_authors.is_empty() {
                w.org_authors
            } else {
                s.org_authors
            },
            authors: if s.authors.is_empty() {
                w.authors
            } else {
                s.authors
            },
            publisher: s.publisher.or(w.publisher),
        }
    }
}

fn read_json_ld(v: &Value, found: &mut Found, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| read_json_ld(i, found, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                read_json_ld(g, found, depth + 1);
            }
            let types: Vec<&str> = match o.get("@type") {
                Some(Value::String(s)) => vec![s.as_str()],
                Some(Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).collect(),
                _ => vec![],
            };
            let is_article = types
                .iter()
                .any(|t| ARTICLE_TYPES.contains(t) || t.ends_with("Article"));
            if !is_article {
                return;
            }
            // A real article object outranks a WebPage wrapper.
            let weak = types.iter().all(|t| *t == "WebPage");
            let slot = if weak {
                &mut found.weak
            } else {
                &mut found.strong
            };
            let set = |slot: &mut Option<String>, val: Option<&Value>| {
                if slot.is_none() {
                    *slot = val
                        .and_then(|x| x.as_str())
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from);
                }
            };
            set(&mut slot.date_published, o.get("datePublished"));
            set(&mut slot.date_created, o.get("dateCreated"));
            set(&mut slot.date_modified, o.get("dateModified"));
            set(&mut slot.headline, o.get("headline"));
            if slot.authors.is_empty() && slot.org_authors.is_empty() {
                let (orgs, people): (Vec<_>, Vec<_>) = typed_names(o.get("author"))
                    .into_iter()
                    .partition(|(org, _)| *org);
                slot.authors = people.into_iter().map(|(_, n)| n).collect();
                slot.org_authors = orgs.into_iter().map(|(_, n)| n).collect();
            }
            if slot.publisher.is_none() {
                slot.publisher = names(o.get("publisher")).into_iter().next();
            }
        }
        _ => {}
    }
}

/// Names of a JSON-LD `author` value, each with whether it is typed as an
/// organisation.
fn typed_names(v: Option<&Value>) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    match v {
        Some(Value::String(s)) => out.push((false, s.trim().to_string())),
        Some(Value::Object(o)) => {
            let org = matches!(
                o.get("@type").and_then(|t| t.as_str()),
                Some("Organization" | "NewsMediaOrganization" | "Corporation")
            );
            if let Some(n) = o.get("name").and_then(|n| n.as_str()) {
                out.push((org, n.trim().to_string()));
            }
        }
        Some(Value::Array(a)) => a.iter().for_each(|x| out.extend(typed_names(Some(x)))),
        _ => {}
    }
    out.retain(|(_, s)| !s.is_empty());
    out
}

fn names(v: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    match v {
        Some(Value::String(s)) => out.push(s.trim().to_string()),
        Some(Value::Object(o)) => {
            if let Some(n) = o.get("name").and_then(|n| n.as_str()) {
                out.push(n.trim().to_string());
            }
        }
        Some(Value::Array(a)) => a.iter().for_each(|x| out.extend(names(Some(x)))),
        _ => {}
    }
    out.retain(|s| !s.is_empty());
    out
}

pub fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decode the handful of entities that occur in attribute values and titles.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // An entity is at most 10 bytes before its ';' (all ASCII), so
        // searching the first 12 bytes never splits a character.
        let end = rest.bytes().take(12).position(|b| b == b';');
        let decoded = end.and_then(|e| decode_entity(&rest[1..e]).map(|c| (c, e + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "copy" => '©',
        "reg" => '®',
        "laquo" => '«',
        "raquo" => '»',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "oacute" => 'ó',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "szlig" => 'ß',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="en-GB"><head>
<title>Port fire &amp; aftermath | Harbor Line</title>
<meta property="og:site_name" content="Harbor Line">
<meta name="author" content='Jane Roe'>
<meta property=article:published_time content="2026-02-03T09:00:00+01:00">
<link rel="canonical" href="https://harbor.example/a">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebPage","datePublished":"2020-01-01"},
 {"@type":"NewsArticle","headline":"Port fire","datePublished":"2026-02-03",
  "author":[{"@type":"Person","name":"Jane Roe"},{"name":"Ali Bay"}],"publisher":{"name":"Harbor Line"}}]}</script>
</head><body><time datetime="2026-02-03">Feb 3</time></body></html>"#;

    #[test]
    fn scan_reads_meta_tags_link_lang_title_json_ld_and_time() {
        let h = scan(PAGE);
        assert_eq!(
            h.meta(&["og:site_name"]),
            Some(("og:site_name", "Harbor Line"))
        );
        assert_eq!(h.meta(&["author"]).map(|m| m.1), Some("Jane Roe"));
        assert_eq!(
            h.meta(&["article:published_time"]).map(|m| m.1),
            Some("2026-02-03T09:00:00+01:00")
        );
        assert_eq!(h.canonical.as_deref(), Some("https://harbor.example/a"));
        assert_eq!(h.html_lang.as_deref(), Some("en-GB"));
        assert_eq!(
            h.title_tag.as_deref(),
            Some("Port fire & aftermath | Harbor Line")
        );
        assert_eq!(h.json_ld.date_published.as_deref(), Some("2026-02-03"));
        assert_eq!(h.json_ld.authors, vec!["Jane Roe", "Ali Bay"]);
        assert_eq!(h.json_ld.publisher.as_deref(), Some("Harbor Line"));
        assert_eq!(h.time_datetimes, vec!["2026-02-03"]);
    }

    #[test]
    fn broken_json_ld_and_entities_do_not_panic() {
        let h = scan("<script type=application/ld+json>{\"@type\":</script><title>&#x41;&#99999999;&bogus;</title>");
        assert_eq!(h.json_ld, JsonLd::default());
        assert_eq!(h.title_tag.as_deref(), Some("A&#99999999;&bogus;"));
        // A multi-byte character right after an '&' must not split.
        assert_eq!(decode_entities("&quot; —\u{a0}x &— y"), "\" —\u{a0}x &— y");
    }
}
