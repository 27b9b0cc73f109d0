//! Title, outlet, author, date and canonical URL of a web page, each from the
//! most trustworthy place that has it: the record's own fields first, then
//! structured data (JSON-LD, `<meta>`), then what the extractor library read
//! from the page body, then the URL.

use crosscheck_model::{DateEvidence, Extracted, Metadata};
use once_cell::sync::Lazy;
use regex::Regex;

use super::head::{collapse_ws, HeadMetadata};
use crate::dates::{find_dates, parse_date};

/// `<meta>` keys that carry the publication date, most specific first.
const DATE_METAS: [&str; 16] = [
    "article:published_time",
    "og:article:published_time",
    "article.published",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "og:published_time",
    "date",
];

const MODIFIED_METAS: [&str; 3] = ["article:modified_time", "og:updated_time", "datemodified"];

const SITE_METAS: [&str; 3] = ["og:site_name", "application-name", "twitter:site"];
const AUTHOR_METAS: [&str; 5] = [
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
];

pub fn fill(out: &mut Extracted, meta: &Metadata, head: &HeadMetadata, headline: Option<&str>) {
    out.canonical_url = meta.url.clone().or_else(|| head.canonical.clone());
    out.outlet = first_text([
        meta.outlet.clone(),
        head.meta(&SITE_METAS[..2]).map(|(_, v)| v.to_string()),
        head.json_ld.publisher.clone(),
        out.canonical_url.as_deref().and_then(host),
    ]);
    out.title = match &meta.title {
        Some(t) if !t.trim().is_empty() => Some(collapse_ws(t)),
        _ => super::title::choose(head, headline, out.outlet.as_deref()),
    };
    // People before organisations; structured data before visible bylines.
    let structured = |v: String| clean_author_with(&v, true);
    out.author = meta
        .author
        .clone()
        .and_then(structured)
        .or_else(|| {
            (!head.json_ld.authors.is_empty())
                .then(|| head.json_ld.authors.join(", "))
                .and_then(structured)
        })
        .or_else(|| {
            head.meta(&AUTHOR_METAS)
                .map(|(_, v)| v.to_string())
                .filter(|v| !looks_like_url(v))
                .and_then(structured)
        })
        .or_else(|| {
            head.bylines
                .iter()
                .find_map(|b| clean_author(&byline_names(b)))
        })
        .or_else(|| {
            (!head.json_ld.org_authors.is_empty())
                .then(|| head.json_ld.org_authors.join(", "))
                .and_then(structured)
        });
    let (published, evidence) = publication_date(meta, head, out.canonical_url.as_deref());
    out.published = published;
    out.date_evidence = evidence;
}

fn first_text<const N: usize>(candidates: [Option<String>; N]) -> Option<String> {
    candidates
        .into_iter()
        .flatten()
        .map(|s| collapse_ws(&s))
        .find(|s| !s.is_empty())
}

/// An author field as pages fill it: "By Jane Roe, Political Editor", a
/// whole bio sentence, a list of names. Keep the names; refuse what is not a
/// name list (too long, digits, a sentence).
pub fn clean_author(raw: &str) -> Option<String> {
    clean_author_with(raw, false)
}

/// Words that label a byline rather than name anyone.
const NOT_NAMES: [&str; 12] = [
    "by",
    "written by",
    "author",
    "authors",
    "the author",
    "posted by",
    "admin",
    "editor",
    "staff",
    "contributor",
    "guest author",
    "anonymous",
];

/// `structured`: the value comes from metadata meant to hold a name (JSON-LD,
/// `<meta name=author>`), so user handles ("q_admin") are accepted too.
fn clean_author_with(raw: &str, structured: bool) -> Option<String> {
    let s = collapse_ws(raw);
    let s = s
        .strip_prefix("By ")
        .or_else(|| s.strip_prefix("by "))
        .unwrap_or(&s);
    // A bio sentence: keep what comes before its verb.
    let s = [
        " is ",
        " was ",
        " has ",
        " writes ",
        " covers ",
        " reports ",
    ]
    .iter()
    .fold(s, |acc, cut| acc.split(cut).next().unwrap_or(acc));
    let names: Vec<String> = s
        .split([',', ';', '|', '\n'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" & "))
        .map(|p| {
            p.trim()
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        })
        .filter(|p| !NOT_NAMES.contains(&p.to_lowercase().as_str()))
        .filter(|p| is_name(p) || (structured && is_handle(p)))
        .collect();
    let mut unique: Vec<String> = Vec::new();
    for n in names {
        if !unique.contains(&n) {
            unique.push(n);
        }
    }
    (!unique.is_empty()).then(|| unique.join(", "))
}

/// The names part of a byline: "By Jane Roe · 9 August 2025" -> "Jane Roe".
fn byline_names(byline: &str) -> String {
    let s = byline.trim();
    let s = s
        .strip_prefix("By ")
        .or_else(|| s.strip_prefix("by "))
        .or_else(|| s.strip_prefix("BY "))
        .unwrap_or(s);
    let s = s.split(['·', '|', '—', '–', '•']).next().unwrap_or(s);
    // "Jane Roe 9 August 2025": the names end where the date begins.
    let s = s.split(|c: char| c.is_ascii_digit()).next().unwrap_or(s);
    s.trim().trim_end_matches([',', '-']).trim().to_string()
}

/// A user name as CMSs print it: one token of letters, digits, `_`, `.`, `-`.
fn is_handle(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && !s.contains(' ')
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
        && s.chars().any(|c| c.is_alphabetic())
        && crate::dates::month_number(s).is_none()
}

/// One to five words, starting with capitals (particles like "de", "van"
/// allowed), no digits: a person's or a desk's name.
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 5
        || s.chars().any(|c| c.is_ascii_digit())
        || s.contains('@')
        || (words.len() == 1 && crate::dates::month_number(s).is_some())
    {
        return false;
    }
    const PARTICLES: [&str; 8] = ["de", "da", "van", "von", "der", "bin", "al", "la"];
    let titled = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || PARTICLES.contains(w))
        .count();
    titled == words.len()
        && words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.")
}

fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .trim_start_matches("www.");
    (host.contains('.') && !host.is_empty()).then(|| host.to_ascii_lowercase())
}

static URL_DATE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)").unwrap());

fn evidence(source: &str, text: &str) -> DateEvidence {
    DateEvidence {
        source: Some(source.to_string()),
        text: Some(text.to_string()),
        reason: None,
    }
}

type Dated = (Option<String>, DateEvidence);

fn publication_date(meta: &Metadata, head: &HeadMetadata, url: Option<&str>) -> Dated {
    let ymd = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let mut rejected = Vec::new();
    // A record's own field outranks the page; a date given beside the page
    // by someone else (a feed item's date, `published_source`) comes after
    // the page's structured metadata, which is about this very article.
    let given = |rejected: &mut Vec<String>| -> Option<Dated> {
        let p = meta.published.as_ref()?;
        let source = meta
            .published_source
            .as_deref()
            .unwrap_or("record field published");
        match parse_date(p) {
            Some(d) => Some((Some(ymd(d)), evidence(source, p))),
            None => {
                rejected.push(format!("{source} {p:?} is not a date"));
                None
            }
        }
    };
    if meta.published_source.is_none() {
        if let Some(found) = given(&mut rejected) {
            return found;
        }
    }
    let structured = [head
        .json_ld
        .date_published
        .as_deref()
        .map(|v| ("json-ld datePublished".to_string(), v))]
    .into_iter()
    .chain(
        DATE_METAS
            .iter()
            .map(|k| head.meta(&[k]).map(|(k, v)| (format!("meta[{k}]"), v))),
    )
    .chain([head
        .json_ld
        .date_created
        .as_deref()
        .map(|v| ("json-ld dateCreated".to_string(), v))])
    .flatten();
    for (source, value) in structured {
        match parse_date(value) {
            Some(d) => return (Some(ymd(d)), evidence(&source, value)),
            None => rejected.push(format!("{source} {value:?} is not a date")),
        }
    }
    if meta.published_source.is_some() {
        if let Some(found) = given(&mut rejected) {
            return found;
        }
    }
    if let Some(v) = &head.raw_published {
        if let Some(d) = parse_date(v) {
            return (Some(ymd(d)), evidence("datePublished in page data", v));
        }
    }
    // The byline area under the headline: the first date with a year.
    if let Some(text) = &head.after_headline {
        if let Some(found) = find_dates(text).first() {
            let quote: String = text[found.start..found.end].to_string();
            return (
                Some(ymd(found.date)),
                evidence("date under the headline", &quote),
            );
        }
    }
    let times = head
        .time_datetimes
        .iter()
        .map(|t| ("time[datetime]", t))
        .chain(head.time_texts.iter().map(|t| ("time element text", t)));
    for (source, value) in times {
        if let Some(d) = parse_date(value) {
            return (Some(ymd(d)), evidence(source, value));
        }
    }
    // A visible date in an element marked as a date or byline: the first
    // one with a year, in page order.
    for text in &head.date_texts {
        if let Some(found) = find_dates(text).first() {
            return (Some(ymd(found.date)), evidence("date element text", text));
        }
    }
    if let Some(c) = url.and_then(|u| URL_DATE.captures(u)) {
        let text = format!("{}-{}-{}", &c[1], &c[2], &c[3]);
        if let Some(d) = parse_date(&format!("{}-{:0>2}-{:0>2}", &c[1], &c[2], &c[3])) {
            return (Some(ymd(d)), evidence("url", &text));
        }
    }
    // Last resort: only a modification date is given; the text we hold is
    // that version's.
    let modified = head
        .json_ld
        .date_modified
        .as_deref()
        .map(|v| ("json-ld dateModified", v))
        .into_iter()
        .chain(
            MODIFIED_METAS
                .iter()
                .filter_map(|k| head.meta(&[k]).map(|(_, v)| ("meta modified time", v))),
        );
    for (source, value) in modified {
        if let Some(d) = parse_date(value) {
            return (Some(ymd(d)), evidence(source, value));
        }
    }
    let reason = if rejected.is_empty() {
        "no publication date in the page's metadata, body or URL".to_string()
    } else {
        format!("no usable publication date: {}", rejected.join("; "))
    };
    (
        None,
        DateEvidence {
            source: None,
            text: None,
            reason: Some(reason),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_are_cleaned_to_names() {
        assert_eq!(
            clean_author("By Jane Roe, Political Editor").as_deref(),
            Some("Jane Roe, Political Editor")
        );
        assert_eq!(
            clean_author("Ines Calder is political editor of the Times.").as_deref(),
            Some("Ines Calder")
        );
        assert_eq!(
            clean_author("Ali Bay and Jo de la Cruz").as_deref(),
            Some("Ali Bay, Jo de la Cruz")
        );
        assert_eq!(clean_author("posted on 12 May 2024 by admin"), None);
    }

    #[test]
    fn host_strips_scheme_www_and_path() {
        assert_eq!(
            host("https://www.Example.com/a/b?c").as_deref(),
            Some("example.com")
        );
        assert_eq!(host("nonsense"), None);
    }

    #[test]
    fn a_url_date_is_the_last_resort() {
        let head = HeadMetadata::default();
        let (d, ev) = publication_date(
            &Metadata::default(),
            &head,
            Some("https://x.example/2025/09/04/story/"),
        );
        assert_eq!(d.as_deref(), Some("2025-09-04"));
        assert_eq!(ev.source.as_deref(), Some("url"));
    }

    #[test]
    fn no_date_records_a_reason() {
        let (d, ev) = publication_date(&Metadata::default(), &HeadMetadata::default(), None);
        assert!(d.is_none());
        assert!(ev.reason.unwrap().contains("no publication date"));
    }
}
