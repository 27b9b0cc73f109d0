//! Deciding, line by line, what is page chrome: phrase and shape rules for
//! single lines, run rules for menus and headline lists, and the article
//! region (the densest stretch of prose).

use crosscheck_model::RemovalReason;
use once_cell::sync::Lazy;
use regex::Regex;

use super::lines::Line;

/// Why a line is chrome, with the evidence in words.
#[derive(Debug, Clone)]
pub(crate) struct Verdict {
    pub reason: RemovalReason,
    pub detail: String,
}

pub(crate) fn v(reason: RemovalReason, detail: impl Into<String>) -> Option<Verdict> {
    Some(Verdict {
        reason,
        detail: detail.into(),
    })
}

const NAV_EXACT: &[&str] = &[
    "close menu",
    "open menu",
    "menu",
    "main menu",
    "skip to content",
    "skip to main content",
    "toggle navigation",
    "search",
    "search for:",
    "back to top",
    "home",
    "sitemap",
    "previous article",
    "next article",
    "previous post",
    "next post",
    "load more",
];

const NAV_CONTAINS: &[&str] = &[
    "type above and press enter to search",
    "press esc to cancel",
    "skip to content",
];

const LIST_HEADERS: &[&str] = &[
    "editors picks",
    "editor's picks",
    "editor’s picks",
    "editors' picks",
    "latest headlines",
    "latest headlines:",
    "keep reading",
    "related posts",
    "related articles",
    "related stories",
    "related news",
    "related",
    "more recent coverage",
    "read more",
    "read next",
    "recommended",
    "recommended for you",
    "trending",
    "trending now",
    "popular posts",
    "most popular",
    "most read",
    "you may also like",
    "you might also like",
    "more stories",
    "more news",
    "latest news",
    "latest posts",
    "recent posts",
    "top stories",
    "don't miss",
    "don’t miss",
    "also read",
    "see also",
];

const LIST_PREFIXES: &[&str] = &[
    "related:",
    "read more:",
    "also read:",
    "see also:",
    "read also:",
    "more:",
];

const SOCIAL: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "(twitter)",
    "instagram",
    "pinterest",
    "linkedin",
    "email",
    "e-mail",
    "reddit",
    "whatsapp",
    "copy",
    "link",
    "bluesky",
    "vimeo",
    "tiktok",
    "youtube",
    "telegram",
    "tumblr",
    "threads",
    "print",
    "messenger",
    "flipboard",
    "share",
    "share.",
    "tweet",
    "mastodon",
    "rss",
    "snapchat",
];

const CAPTION_PREFIXES: &[&str] = &[
    "flick international",
    "getty images",
    "ap photo",
    "photo:",
    "image:",
    "photo by",
    "(photo",
    "credit:",
    "photograph:",
    "file photo",
    "reuters/",
    "shutterstock",
    "image source",
    "pictured:",
    "illustration:",
    "photo credit",
    "image caption",
    "caption:",
    "photo caption",
];

const CAPTION_CONTAINS: &[&str] = &[
    "(ap photo",
    "(reuters/",
    "getty images)",
    "/ getty images",
    "(photo:",
    "(photo by",
    "(file photo",
];

static STREET_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\d{1,6} (?:[A-Z][A-Za-z]*\.? ){1,5}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Lane|Ln|Drive|Dr|Way|Suite|Plaza|Square|Sq)\.?(?:,.*)?$")
        .expect("street regex")
});
static CITY_ZIP_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[A-Z][A-Za-z .'-]{1,40}, [A-Z]{2},? \d{5}(?:-\d{4})?$").expect("zip regex")
});
static BIO3_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[A-Z][\w’'-]+(?: [A-Z][\w’'.-]+){0,3} is an? (?:[a-z-]+ ){0,3}(?:reporter|writer|journalist|editor|correspondent|columnist|contributor)(?-u:\b)")
        .expect("bio3 regex")
});
/// "Jane Roe has covered health for the Daily Planet since 2018": a name,
/// then a verb of reporting.
static BIO_VERB_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[A-Z][\w’'-]+(?: [A-Z][\w’'.-]+){1,3} (?:has (?:covered|reported on|reported for|written about|written for|been writing)|covers|writes about|writes for|reports on|reports for|joined the)(?-u:\b)")
        .expect("bio verb regex")
});
/// Evidence that a name-and-verb sentence is about the writer.
static BIO_EVIDENCE_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?:\bsince (?:19|20)\d\d\b|\bfor the [A-Z]|\bfollow (?:her|him|them)\b|\b(?:reporter|correspondent|journalist|columnist|editor)\b)")
        .expect("bio evidence regex")
});
/// A photo credit closing a line: "(Jane Roe / Daily Planet)", "(Photo:
/// Jane Roe / Agency)".
static CREDIT_END_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"\((?:(?i:photo|image|picture|credit)s?:?\s*)?[A-Z][^()/]{1,60} / [A-Z][^()/]{1,60}\)\.?$",
    )
    .expect("credit regex")
});

/// Phrases that only subscription and newsletter prompts use; they count
/// even in a sentence.
const SUBSCRIBE_PHRASES: &[&str] = &[
    "sign up now",
    "sign up today",
    "sign up for free",
    "subscribe now",
    "subscribe today",
    "subscribe for unlimited",
    "unlimited access",
    "unlimited digital access",
    "become a subscriber",
    "already a subscriber",
    "start your free trial",
    "delivered to your inbox",
    "in your inbox every",
    "straight to your inbox",
    "subscribers only",
    "support our journalism",
];

/// Last words of a job title in an author box.
const JOB_TITLES: &[&str] = &[
    "correspondent",
    "reporter",
    "editor",
    "writer",
    "columnist",
    "journalist",
    "contributor",
    "photographer",
    "producer",
];

static BYLINE_RE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?:^|[a-z\s|·•])(?:By|BY)\s+[A-Z]").expect("byline regex"));
static COUNT_COMMENTS_RE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^\d+ (?:comments?|responses?|replies)$").expect("comments regex"));

/// Rules that look at one line alone.
pub(crate) fn line_rule(line: &Line) -> Option<Verdict> {
    use RemovalReason as R;
    let text = line.text.as_str();
    let body = line.body();
    if text.len() > 2000 {
        // A huge line is either prose or a tag cloud; nothing else applies.
        return tag_cloud(line);
    }
    let lower = body.to_lowercase();
    let lower = lower.as_str();
    let words = line.words;
    let prose = line.is_prose();

    if NAV_EXACT.contains(&lower) {
        return v(R::Navigation, "menu or navigation control");
    }
    if words <= 20 && NAV_CONTAINS.iter().any(|p| lower.contains(p)) {
        return v(R::Navigation, "search box prompt");
    }
    if lower.starts_with("you are here:") || lower.starts_with("you are here »") {
        return v(R::Navigation, "breadcrumb trail");
    }
    if words <= 30
        && !prose
        && (text.matches(" » ").count() >= 2 || text.matches(" > ").count() >= 2)
    {
        return v(R::Navigation, "breadcrumb trail (» separators)");
    }
    if words <= 8
        && (LIST_HEADERS.contains(&lower) || LIST_HEADERS.contains(&lower.trim_end_matches(':')))
    {
        return v(R::HeadlineList, "heading of a list of other articles");
    }
    if words <= 30 && LIST_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return v(R::HeadlineList, "link to another article");
    }
    if let Some(s) = share_line(lower, words) {
        return Some(s);
    }
    if words <= 40
        && (lower.contains("ad blocker")
            || lower.contains("adblock")
            || lower.contains("disable your ad"))
        || lower == "advertisement"
        || lower == "sponsored"
        || lower == "sponsored content"
        || (words <= 40 && lower.contains("displaying online advertisements"))
    {
        return v(R::AdNotice, "ad or ad-blocker notice");
    }
    if words <= 60
        && (lower.contains("we use cookies")
            || lower.contains("cookie policy")
            || lower.contains("cookie settings"))
        || lower == "accept all"
        || lower == "accept cookies"
    {
        return v(R::CookieNotice, "cookie notice");
    }
    if words <= 20
        && (lower.starts_with("leave a reply")
            || lower.starts_with("leave a comment")
            || lower.contains("your email address will not be published")
            || lower.contains("required fields are marked")
            || lower.starts_with("cancel reply")
            || lower == "post comment"
            || lower.starts_with("save my name, email")
            || lower.starts_with("comments are closed")
            || lower.starts_with("log in to comment")
            || lower.starts_with("join the conversation")
            || matches!(
                lower,
                "comment" | "comment *" | "name *" | "email *" | "website" | "comments"
            )
            || COUNT_COMMENTS_RE.is_match(lower))
    {
        return v(R::CommentForm, "comment form");
    }
    if words <= 30
        && (text.contains('©')
            || lower.starts_with("copyright")
            || lower.contains("all rights reserved")
            || lower.starts_with("(c) "))
    {
        return v(R::Copyright, "copyright notice");
    }
    if words <= 30
        && (lower.contains("foobar")
            || lower.contains("lorem ipsum")
            || lower.contains("304 north cardinal")
            || lower.starts_with("dorchester center, ma")
            || lower.contains("proudly powered by")
            || lower.contains("powered by wordpress")
            || lower.starts_with("designed by")
            || lower.starts_with("theme by"))
    {
        return v(R::Placeholder, "theme placeholder text");
    }
    if words <= 4
        && matches!(
            lower,
            "physical address" | "address" | "our address" | "postal address" | "contact us"
        )
    {
        return v(R::Address, "address heading");
    }
    if words <= 14
        && (STREET_RE.is_match(text) || CITY_ZIP_RE.is_match(text) || lower.starts_with("p.o. box"))
    {
        return v(R::Address, "postal address line");
    }
    if words <= 30
        && !prose
        && (lower.starts_with("subscribe")
            || lower.contains("newsletter")
            || lower.starts_with("sign up")
            || lower.starts_with("get the latest")
            || lower.contains("join our mailing list")
            || lower.contains("enter your email"))
    {
        return v(R::Subscribe, "subscribe prompt");
    }
    if words <= 40 && SUBSCRIBE_PHRASES.iter().any(|p| lower.contains(p)) {
        return v(R::Subscribe, "subscription or newsletter phrase");
    }
    if words <= 80 && BIO_VERB_RE.is_match(text) && BIO_EVIDENCE_RE.is_match(text) {
        return v(R::AuthorBio, "author biography (name, reporting verb)");
    }
    if job_title_line(line) {
        return v(R::AuthorBio, "job title of an author box");
    }
    if words <= 200 && (bio_as_the(lower) || (words <= 80 && BIO3_RE.is_match(text))) {
        return v(R::AuthorBio, "author biography");
    }
    if words <= 200 && bio_first_person(lower) {
        return v(R::AuthorBio, "first-person author biography");
    }
    if words <= 60
        && (CAPTION_PREFIXES.iter().any(|p| lower.starts_with(p))
            || CAPTION_CONTAINS.iter().any(|p| lower.contains(p))
            || CREDIT_END_RE.is_match(text))
    {
        return v(R::Caption, "image caption or credit");
    }
    if let Some(t) = tag_cloud(line) {
        return Some(t);
    }
    if line.reading_time {
        return v(R::Byline, "reading time");
    }
    if line.date_only {
        return v(R::Dateline, "date line");
    }
    if line.yearless_date {
        return v(
            R::Dateline,
            "date without a year (the day the page was viewed)",
        );
    }
    if words <= 20 && lower.starts_with("source:") && !crate::dates::find_dates(text).is_empty() {
        return v(R::Dateline, "source line with a date");
    }
    if words <= 14
        && (lower.starts_with("published")
            || lower.starts_with("updated")
            || lower.starts_with("posted on"))
        && !crate::dates::find_dates(text).is_empty()
    {
        return v(R::Dateline, "publication date line");
    }
    if let Some(d) = segmented_byline(line) {
        return Some(d);
    }
    if words <= 16
        && !prose
        && (BYLINE_RE.is_match(text)
            || lower.starts_with("written by")
            || lower.starts_with("posted by"))
    {
        return v(R::Byline, "byline");
    }
    if words <= 3 && is_site_name(text) {
        return v(R::SiteName, "site name");
    }
    if super::metadata::doubled_masthead(text).is_some() {
        return v(R::SiteName, "masthead (site name printed twice)");
    }
    None
}

/// "Jane Roe", "Tom de Vries": two to four words, capitalised (apart from
/// name particles), no digits or punctuation.
pub(crate) fn name_like(line: &Line) -> bool {
    let body = line.body();
    (2..=4).contains(&line.words)
        && !line.bullet
        && line.punctuation == 0
        && !body.chars().any(|c| c.is_ascii_digit())
        && body.split_whitespace().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                || matches!(w, "de" | "van" | "von" | "da" | "del" | "bin")
        })
}

/// "Health Correspondent", "Senior Political Reporter": a few capitalised
/// words ending in a journalist's job title, nothing else.
fn job_title_line(line: &Line) -> bool {
    let body = line.body();
    let Some(last) = body.split_whitespace().last() else {
        return false;
    };
    (1..=5).contains(&line.words)
        && !line.bullet
        && line.punctuation == 0
        && line.stopwords == 0
        && body
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
        && JOB_TITLES.contains(&last.to_lowercase().as_str())
}

/// Byline segments that name no person: "Staff report", "News desk".
pub(crate) const STAFF_PHRASES: &[&str] = &[
    "staff",
    "staff report",
    "staff reports",
    "staff writer",
    "staff reporter",
    "from staff reports",
    "news desk",
    "newsdesk",
    "news staff",
    "wire reports",
    "wire services",
    "agencies",
];

/// "Staff report | Daily Planet | May 6, 2025": a short line cut by `|`
/// or `·` into two to four parts, one of them a date and the others short
/// capitalised names or staff phrases.
fn segmented_byline(line: &Line) -> Option<Verdict> {
    let text = line.text.as_str();
    if line.words > 16 || line.is_prose() {
        return None;
    }
    let parts = byline_segments(text)?;
    let dated = parts
        .iter()
        .filter(|p| !crate::dates::find_dates(p).is_empty())
        .count();
    (dated == 1).then(|| Verdict {
        reason: RemovalReason::Byline,
        detail: format!(
            "byline: {} parts separated by | or ·, one a date",
            parts.len()
        ),
    })
}

/// The parts of a segmented byline, when every part but the date is a
/// short capitalised name or a staff phrase.
pub(crate) fn byline_segments(text: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = text
        .split(['|', '·'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if !(2..=4).contains(&parts.len()) {
        return None;
    }
    let ok = parts.iter().all(|p| {
        if !crate::dates::find_dates(p).is_empty() {
            return true;
        }
        let lower = p.to_lowercase();
        let words = p.split_whitespace().count();
        STAFF_PHRASES.contains(&lower.as_str())
            || ((1..=5).contains(&words)
                && !p.ends_with(['.', '!', '?', ':'])
                && p.split_whitespace().all(|w| {
                    w.starts_with(|c: char| c.is_uppercase())
                        || matches!(w, "by" | "of" | "the" | "and" | "de" | "van")
                }))
    });
    ok.then_some(parts)
}

/// "As the News Editor at Example, I am ...", "About the author".
fn bio_as_the(lower: &str) -> bool {
    if lower.starts_with("about the author") {
        return true;
    }
    if !["as the ", "as a ", "as an ", "as our "]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return false;
    }
    let head = match lower.char_indices().nth(200) {
        Some((i, _)) => &lower[..i],
        None => lower,
    };
    let Some(comma) = head.find(", i ") else {
        return false;
    };
    let role = &head[..comma];
    let after = &head[comma + 4..];
    (role.contains(" at ") || role.contains(" for ") || role.contains(" with "))
        && ["am ", "have ", "'ve ", "’ve ", "bring ", "cover "]
            .iter()
            .any(|p| after.starts_with(p))
}

fn bio_first_person(lower: &str) -> bool {
    let first_person =
        lower.contains(" i am ") || lower.starts_with("i am ") || lower.contains(", i am ");
    first_person
        && [
            "editor",
            "journalist",
            "reporter",
            "writer",
            "correspondent",
            "columnist",
        ]
        .iter()
        .any(|r| lower.contains(r))
}

fn share_line(lower: &str, words: usize) -> Option<Verdict> {
    if words > 30 {
        return None;
    }
    if lower == "share"
        || lower.starts_with("share.")
        || lower.starts_with("share this")
        || lower.starts_with("share on ")
    {
        return v(RemovalReason::Share, "share buttons");
    }
    let toks: Vec<&str> = lower.split_whitespace().collect();
    let social = toks
        .iter()
        .filter(|t| SOCIAL.contains(&t.trim_end_matches([',', '|'])))
        .count();
    if social >= 2 && social * 10 >= toks.len() * 6 {
        return v(
            RemovalReason::Share,
            format!("{social} of {} words are social network names", toks.len()),
        );
    }
    None
}

fn tag_cloud(line: &Line) -> Option<Verdict> {
    let lower_start = line.text.get(..5).map(|s| s.to_ascii_lowercase());
    if line.words <= 60
        && lower_start
            .as_deref()
            .is_some_and(|s| s.starts_with("tags:") || s.starts_with("tags "))
    {
        return v(RemovalReason::TagCloud, "tag list");
    }
    if line.words >= 12
        && line.punctuation == 0
        && !line.sentence_end
        && line.stopword_ratio() < 0.1
        && line.cap_ratio() >= 0.5
    {
        return v(
            RemovalReason::TagCloud,
            format!(
                "{} words, no sentence punctuation, {:.0}% capitalised",
                line.words,
                line.cap_ratio() * 100.0
            ),
        );
    }
    None
}

/// "Example.com": a line that is a site's domain name.
pub(crate) fn is_site_name(s: &str) -> bool {
    static RE: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"^[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:com|net|org|news|co|io|info|tv|us|uk|mx|media|online|site|press|today)$")
            .expect("site regex")
    });
    s.len() <= 60 && !s.contains(' ') && RE.is_match(s)
}

/// A descriptive image caption outside the article: no function words to
/// speak of and a describing verb.
pub(crate) fn looks_like_caption(line: &Line) -> bool {
    let lower = line.text.to_lowercase();
    line.words <= 40
        && line.stopword_ratio() < 0.2
        && [
            " featuring ",
            " depicting ",
            " showing ",
            " pictured ",
            " illustration of ",
            " seen here ",
        ]
        .iter()
        .any(|p| lower.contains(p))
}

#[cfg(test)]
#[path = "classify_tests.rs"]
mod tests;
