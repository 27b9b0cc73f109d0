//! News feeds (RSS 0.9x, 1.0 and 2.0, Atom, JSON Feed), parsed with
//! `feed-rs`: each item's link is an article to fetch, and the item's title,
//! author, date and summary travel with it as metadata.

use crosscheck_model::Metadata;

/// One item of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// The article's address (absolute: relative links are resolved against
    /// the feed's base).
    pub link: String,
    pub title: Option<String>,
    pub author: Option<String>,
    /// RFC 3339, in UTC as the feed parser gives it.
    pub published: Option<String>,
    /// Which field of the feed the date came from (`feed item published`).
    pub date_field: Option<&'static str>,
    pub summary: Option<String>,
}

impl FeedItem {
    /// The metadata the article fetched from [`FeedItem::link`] starts with.
    /// The feed's date is evidence for the publication date and says so; the
    /// page's own structured metadata, when it has some, outranks it.
    pub fn metadata(&self, feed_title: Option<&str>) -> Metadata {
        Metadata {
            url: Some(self.link.clone()),
            title: self.title.clone(),
            outlet: None,
            author: self.author.clone(),
            published: self.published.clone(),
            published_source: self.date_field.map(|f| match feed_title {
                Some(t) => format!("{f} of the feed {t:?}"),
                None => f.to_string(),
            }),
            crawled: None,
        }
    }
}

/// A parsed feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// `RSS 2.0`, `Atom`, `JSON Feed`...
    pub format: &'static str,
    pub title: Option<String>,
    pub items: Vec<FeedItem>,
    /// Items without a usable link (they name no article to fetch).
    pub without_link: usize,
}

/// Whether bytes look like a feed rather than a page: XML whose root is
/// `rss`, `rdf:RDF` or `feed`, or a JSON Feed object.
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('{') {
        return head.contains("jsonfeed.org/version");
    }
    // The first element after the prolog, comments and doctype.
    let mut rest = head;
    loop {
        let Some(i) = rest.find('<') else {
            return false;
        };
        rest = &rest[i + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        return rest.starts_with("rss") || rest.starts_with("rdf:rdf") || rest.starts_with("feed");
    }
}

/// Parse a feed fetched from (or saved from) `base`. A page of HTML, or
/// anything else that is not a feed, is an error with a one-line reason.
pub fn parse_feed(bytes: &[u8], base: Option<&str>) -> Result<Feed, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty feed".into());
    }
    if !looks_like_feed(bytes) {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
        return Err(
            if head.contains("<html") || head.contains("<!doctype html") {
                "not a feed: this is a web page (HTML)".into()
            } else {
                "not a feed (no rss, rdf:RDF or feed element, nor a JSON Feed)".into()
            },
        );
    }
    let parser = feed_rs::parser::Builder::new().base_uri(base).build();
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(bytes)))
        .map_err(|_| "internal error while parsing this feed (please report it)".to_string())?
        .map_err(|e| format!("invalid feed: {}", one_line(&e.to_string())))?;
    let format = match parsed.feed_type {
        feed_rs::model::FeedType::Atom => "Atom",
        feed_rs::model::FeedType::JSON => "JSON Feed",
        feed_rs::model::FeedType::RSS0 => "RSS 0.9x",
        feed_rs::model::FeedType::RSS1 => "RSS 1.0",
        feed_rs::model::FeedType::RSS2 => "RSS 2.0",
    };
    let date_word = match parsed.feed_type {
        feed_rs::model::FeedType::RSS2 | feed_rs::model::FeedType::RSS0 => "pubDate",
        feed_rs::model::FeedType::RSS1 => "dc:date",
        feed_rs::model::FeedType::JSON => "date_published",
        feed_rs::model::FeedType::Atom => "published",
    };
    let title = parsed
        .title
        .as_ref()
        .map(|t| clean(&t.content))
        .filter(|t| !t.is_empty());
    let mut items = Vec::new();
    let mut without_link = 0;
    for entry in &parsed.entries {
        let Some(link) = article_link(entry, base) else {
            without_link += 1;
            continue;
        };
        let (published, date_field) = match (entry.published, entry.updated) {
            (Some(p), _) => (Some(p), Some(date_word)),
            (None, Some(u)) => (Some(u), Some("updated")),
            (None, None) => (None, None),
        };
        items.push(FeedItem {
            link,
            title: entry
                .title
                .as_ref()
                .map(|t| clean(&t.content))
                .filter(|t| !t.is_empty()),
            author: entry
                .authors
                .iter()
                .filter_map(|a| a.name.as_deref().map(clean))
                .find(|n| !n.is_empty()),
            published: published.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            date_field: date_field.map(|f| match f {
                "updated" => "feed item updated",
                "pubDate" => "feed item pubDate",
                "dc:date" => "feed item dc:date",
                "date_published" => "feed item date_published",
                _ => "feed item published",
            }),
            summary: entry
                .summary
                .as_ref()
                .map(|s| clean(&s.content))
                .filter(|s| !s.is_empty()),
        });
    }
    Ok(Feed {
        format,
        title,
        items,
        without_link,
    })
}

/// The link of an entry that names its article: `rel="alternate"` (or no
/// rel) first, an http(s) address, resolved against the base.
fn article_link(entry: &feed_rs::model::Entry, base: Option<&str>) -> Option<String> {
    let rank = |l: &feed_rs::model::Link| match l.rel.as_deref() {
        None | Some("alternate") => 0,
        Some("self") | Some("related") => 2,
        Some(_) => 3,
    };
    let mut links: Vec<&feed_rs::model::Link> = entry
        .links
        .iter()
        .filter(|l| !matches!(l.rel.as_deref(), Some("enclosure" | "replies" | "edit")))
        .collect();
    links.sort_by_key(|l| rank(l));
    links
        .iter()
        .find_map(|l| absolute(l.href.trim(), base))
        // A guid that is a permalink is an address too (feed-rs keeps it as
        // the id); an id that is not an absolute address is no link.
        .or_else(|| absolute(entry.id.trim(), None))
}

fn absolute(href: &str, base: Option<&str>) -> Option<String> {
    let parsed = match url::Url::parse(href) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            url::Url::parse(base?).ok()?.join(href).ok()?
        }
        Err(_) => return None,
    };
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

/// Text of a feed field: markup removed (summaries are often HTML),
/// entities decoded, whitespace folded.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if in_tag => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_rss_item_gives_its_link_and_metadata() {
        let rss = br#"<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Harbor Line</title>
<item><title>Ferry &amp; pier reopen</title><link>https://harbor.example/ferry</link>
<dc:creator>Ana Ruiz</dc:creator><pubDate>Tue, 01 Dec 2026 09:30:00 +0000</pubDate>
<description>&lt;p&gt;The ferry is back.&lt;/p&gt;</description></item>
<item><title>No link here</title></item>
<item><title>Relative</title><link>/news/2</link></item>
</channel></rss>"#;
        let feed = parse_feed(rss, Some("https://harbor.example/rss.xml")).unwrap();
        assert_eq!(feed.format, "RSS 2.0");
        assert_eq!(feed.title.as_deref(), Some("Harbor Line"));
        assert_eq!(feed.without_link, 1);
        let first = &feed.items[0];
        assert_eq!(first.link, "https://harbor.example/ferry");
        assert_eq!(first.title.as_deref(), Some("Ferry & pier reopen"));
        assert_eq!(first.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(first.published.as_deref(), Some("2026-12-01T09:30:00Z"));
        assert_eq!(first.summary.as_deref(), Some("The ferry is back."));
        assert_eq!(feed.items[1].link, "https://harbor.example/news/2");
        let meta = first.metadata(feed.title.as_deref());
        assert_eq!(
            meta.published_source.as_deref(),
            Some("feed item pubDate of the feed \"Harbor Line\"")
        );
    }

    #[test]
    fn html_and_junk_are_not_feeds() {
        let err = parse_feed(b"<!DOCTYPE html><html><body>hi</body></html>", None).unwrap_err();
        assert!(err.contains("web page"), "{err}");
        assert!(parse_feed(b"", None).unwrap_err().contains("empty"));
        assert!(parse_feed(b"hello", None)
            .unwrap_err()
            .contains("not a feed"));
        let err = parse_feed(b"<rss><channel><item><title>x", None).unwrap_err();
        assert!(err.contains("invalid feed") && !err.contains('\n'), "{err}");
    }

    #[test]
    fn atom_and_json_feeds_are_read() {
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>A</title><link rel="alternate" href="https://a.example/1"/><link rel="edit" href="https://a.example/edit/1"/>
<updated>2026-11-30T10:00:00Z</updated><author><name>Bo</name></author></entry></feed>"#;
        let feed = parse_feed(atom, None).unwrap();
        assert_eq!(feed.format, "Atom");
        assert_eq!(feed.items[0].link, "https://a.example/1");
        assert_eq!(feed.items[0].date_field, Some("feed item updated"));
        let json = br#"{"version": "https://jsonfeed.org/version/1.1", "title": "J",
            "items": [{"id": "1", "url": "https://j.example/1", "title": "One", "date_published": "2026-11-29T08:00:00+01:00"}]}"#;
        let feed = parse_feed(json, None).unwrap();
        assert_eq!(feed.format, "JSON Feed");
        assert_eq!(
            feed.items[0].published.as_deref(),
            Some("2026-11-29T07:00:00Z")
        );
    }
}
