//! Upstream sources: the outlets and agencies an article names as where its
//! information came from ("according to the USA Herald", "a report by the
//! Wall Street Journal", "(Reuters) -", "contributions from ... the
//! Associated Press").
//!
//! A name only counts when it looks like an outlet: a known outlet or
//! agency, a name containing a news word (Times, Journal, Press, News...), or
//! a site name (`Example.com`). People ("according to Jane Roe"), officials
//! and generic words ("according to reports") are not sources; neither is
//! the outlet someone spoke *to* ("told the Daily Planet").

use crosscheck_model::UpstreamSource;
use once_cell::sync::Lazy;
use regex::Regex;

/// Cues after which the source's name follows.
static FORWARD_CUES: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?P<cue>according\s+to|(?:first\s+|originally\s+|as\s+)?reported\s+by|reports?\s+(?:from|by|in)|reporting\s+(?:from|by|in)|citing|(?:additional\s+)?(?:contributions?|reporting)\s+(?:from|by))\s+",
    )
    .expect("forward cue regex")
});

/// "X reported", "X first reported".
static BACKWARD_CUES: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?P<name>(?:[A-Z][\w.&'’-]*\s+(?:(?:of|for|de|del)\s+)?){0,5}[A-Z][\w.&'’-]*)\s+(?P<cue>(?:first\s+|originally\s+|previously\s+|exclusively\s+|also\s+)?(?:reported|reports)(?-u:\b)|contributed\s+to\s+this\s+report)",
    )
    .expect("backward cue regex")
});

/// Wire credits: "(Reuters) -", "WASHINGTON (AP) —".
static WIRE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"\((?P<name>AP|Reuters|AFP|UPI|Bloomberg|dpa|EFE|Xinhua|ANSA|Kyodo|TASS|CNN)\)\s*[-–—]",
    )
    .expect("wire regex")
});

const KNOWN: &[&str] = &[
    "reuters",
    "associated press",
    "ap",
    "afp",
    "agence france-presse",
    "agence france presse",
    "bloomberg",
    "cnn",
    "bbc",
    "nbc",
    "cbs",
    "abc",
    "msnbc",
    "npr",
    "pbs",
    "upi",
    "politico",
    "axios",
    "the hill",
    "hill",
    "al jazeera",
    "xinhua",
    "efe",
    "dpa",
    "ansa",
    "kyodo",
    "tass",
    "ria novosti",
    "el universal",
    "milenio",
    "reforma",
    "la jornada",
    "el país",
    "el pais",
    "proceso",
    "breitbart",
    "newsweek",
    "forbes",
    "semafor",
    "propublica",
    "vox",
    "vice",
    "univision",
    "telemundo",
    "infobae",
    "bild",
    "der spiegel",
    "spiegel",
    "le monde",
    "haaretz",
];

/// Words that make a capitalised name an outlet's name.
const OUTLET_WORDS: &[&str] = &[
    "news",
    "times",
    "post",
    "journal",
    "herald",
    "press",
    "tribune",
    "gazette",
    "telegraph",
    "guardian",
    "chronicle",
    "observer",
    "daily",
    "digital",
    "network",
    "radio",
    "television",
    "tv",
    "magazine",
    "wire",
    "media",
    "review",
    "bulletin",
    "courier",
    "examiner",
    "inquirer",
    "monitor",
    "standard",
    "star",
    "express",
    "independent",
    "economist",
    "agency",
    "broadcasting",
    "channel",
    "newsroom",
    "dispatch",
    "register",
    "insider",
    "weekly",
    "sentinel",
    "globe",
    "mail",
    "ledger",
    "newswire",
    "journos",
    "reporter",
];

/// Leading words that mark a person or an official, not an outlet.
const PERSON_TITLES: &[&str] = &[
    "president",
    "secretary",
    "minister",
    "ambassador",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "governor",
    "gov.",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "general",
    "gen.",
    "officials",
    "sources",
    "reports",
];

const CONNECTORS: &[&str] = &["of", "for", "de", "del", "la", "el", "&"];

/// Whether a capitalised name (without a leading "the") looks like a news
/// outlet or agency.
pub fn is_outlet_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    if lower.is_empty() {
        return false;
    }
    if KNOWN.contains(&lower.as_str()) {
        return true;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    if words.first().is_some_and(|w| PERSON_TITLES.contains(w)) {
        return false;
    }
    if words.len() == 1 {
        let w = words[0];
        let domain = w.rsplit_once('.').is_some_and(|(host, tld)| {
            !host.is_empty()
                && matches!(
                    tld,
                    "com" | "net" | "org" | "news" | "co" | "io" | "info" | "tv" | "uk" | "mx"
                )
        });
        return domain;
    }
    words
        .iter()
        .any(|w| OUTLET_WORDS.contains(&w.trim_end_matches(['.', ','])))
}

/// Scan a capitalised name forward from byte `pos`. Returns the name's span
/// (a leading "the" excluded). `allow_of` lets "of" join capitalised words
/// ("Voice of America"); list items turn it off to split "Jane Roe of the
/// Daily Planet".
fn scan_name(text: &str, pos: usize, allow_of: bool) -> Option<(usize, usize)> {
    let mut p = pos;
    let rest = text.get(p..)?;
    if rest.starts_with("the ") || rest.starts_with("The ") {
        p += 4;
    }
    let start = p;
    let mut end = p;
    let mut tokens = 0;
    loop {
        let rest = &text[p..];
        let tok_len = rest
            .find(|c: char| c.is_whitespace() || ",;:()\"“”!?[]{}".contains(c))
            .unwrap_or(rest.len());
        if tok_len == 0 {
            break;
        }
        let tok = &rest[..tok_len];
        let first = tok.chars().next()?;
        let is_connector = CONNECTORS.contains(&tok) && (allow_of || tok != "of");
        if is_connector {
            if tokens == 0 {
                break;
            }
            // Only when a capitalised word follows.
            let after = rest[tok_len..].trim_start();
            if !after.starts_with(|c: char| c.is_uppercase()) {
                break;
            }
            p += tok_len;
            p += text[p..].len() - text[p..].trim_start().len();
            continue;
        }
        if !first.is_uppercase() {
            break;
        }
        // Possessive ends the name: "the Daily Planet's report".
        let (tok_clean, stop) =
            if let Some(s) = tok.strip_suffix("'s").or_else(|| tok.strip_suffix("’s")) {
                (s, true)
            } else if let Some(s) = tok.strip_suffix('.') {
                // "Press." at a sentence end; keep "U.S." and "D.C.".
                if s.contains('.') || s.chars().count() == 1 {
                    (tok, false)
                } else {
                    (s, true)
                }
            } else {
                (tok, false)
            };
        end = p + tok_clean.len();
        tokens += 1;
        p += tok_len;
        if stop || tokens >= 7 {
            break;
        }
        let ws = text[p..].len() - text[p..].trim_start().len();
        if ws == 0 || text[p..p + ws].contains('\n') {
            break;
        }
        p += ws;
    }
    if tokens == 0 || end <= start {
        return None;
    }
    Some((start, end))
}

fn normalise_name(name: &str) -> String {
    match name {
        "AP" => "Associated Press".to_string(),
        _ => name.to_string(),
    }
}

/// Find the upstream sources `text` names. Returns **one entry per source
/// name** (compared case-insensitively), at its first mention, in order of
/// appearance; spans are byte offsets of the name in `text`.
pub fn find_upstream_sources(text: &str) -> Vec<UpstreamSource> {
    let mut found: Vec<UpstreamSource> = Vec::new();
    let mut push = |name: &str, cue: &str, start: usize, end: usize| {
        found.push(UpstreamSource {
            name: normalise_name(name),
            cue: cue
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
            start,
            end,
        });
    };

    for c in FORWARD_CUES.captures_iter(text) {
        let (Some(cue), Some(whole)) = (c.name("cue"), c.get(0)) else {
            continue;
        };
        let cue_lower = cue.as_str().to_lowercase();
        let is_list = cue_lower.starts_with("contribution")
            || cue_lower.starts_with("additional")
            || (cue_lower.starts_with("reporting") && cue_lower.ends_with("by"));
        if is_list {
            for (s, e) in scan_list(text, whole.end()) {
                push(&text[s..e], cue.as_str(), s, e);
            }
        } else if let Some((s, e)) = scan_name(text, whole.end(), true) {
            if is_outlet_name(&text[s..e]) {
                push(&text[s..e], cue.as_str(), s, e);
            }
        }
    }

    for c in BACKWARD_CUES.captures_iter(text) {
        let (Some(name), Some(cue)) = (c.name("name"), c.name("cue")) else {
            continue;
        };
        let mut s = name.start();
        let raw = name.as_str();
        let raw = if let Some(r) = raw.strip_prefix("The ") {
            s += 4;
            r
        } else {
            raw
        };
        // "told the Daily Planet reported" is not a thing, but "told the
        // Daily Planet" is never a source: check the words before.
        let before = text[..name.start()].trim_end();
        let before = before.strip_suffix("the").unwrap_or(before).trim_end();
        if before.ends_with("told") || before.ends_with("to") || before.ends_with("with") {
            continue;
        }
        if cue.as_str().starts_with("contributed") {
            // The credit list runs from the start of the sentence.
            let head = &text[..name.start()];
            let sentence_start = head.rfind(['.', '\n', '!', '?']).map_or(0, |i| i + 1);
            let list_start = sentence_start
                + (text[sentence_start..].len() - text[sentence_start..].trim_start().len());
            for (ls, le) in scan_list(text, list_start) {
                push(&text[ls..le], "contributed to this report", ls, le);
            }
        } else if is_outlet_name(raw) {
            push(raw, cue.as_str(), s, s + raw.len());
        }
    }

    for c in WIRE.captures_iter(text) {
        let Some(n) = c.name("name") else { continue };
        push(n.as_str(), "dateline", n.start(), n.end());
    }

    found.sort_by_key(|u| (u.start, u.end));
    let mut seen: Vec<String> = Vec::new();
    found.retain(|u| {
        let key = u.name.to_lowercase();
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
    found
}

/// Parse "Jane Roe of the Daily Planet, Reuters and the Associated Press":
/// the outlets of a credit list (people are skipped).
fn scan_list(text: &str, mut pos: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for _ in 0..8 {
        let Some((s, e)) = scan_name(text, pos, false) else {
            break;
        };
        let mut item = (s, e);
        let mut p = e;
        let rest = &text[p..];
        if let Some(r) = rest.strip_prefix(" of ") {
            let _ = r;
            if let Some((os, oe)) = scan_name(text, p + 4, true) {
                item = (os, oe);
                p = oe;
            }
        }
        if is_outlet_name(&text[item.0..item.1]) {
            out.push(item);
        }
        let rest = &text[p..];
        let sep = [", and ", ", ", " and ", " & "]
            .iter()
            .find(|s| rest.starts_with(**s));
        match sep {
            Some(sep) => pos = p + sep.len(),
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        find_upstream_sources(text)
            .into_iter()
            .map(|u| u.name)
            .collect()
    }

    #[test]
    fn according_to_an_outlet() {
        let t = "According to the Daily Planet, the mayor resigned on Friday.";
        let u = find_upstream_sources(t);
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].name, "Daily Planet");
        assert_eq!(u[0].cue, "according to");
        assert_eq!(&t[u[0].start..u[0].end], "Daily Planet");
    }

    #[test]
    fn generic_words_and_people_are_not_sources() {
        assert!(names("The bridge is closed, according to officials.").is_empty());
        assert!(names("The bridge is closed, according to reports.").is_empty());
        assert!(names("The bridge is closed, according to him.").is_empty());
        assert!(names("The bridge is closed, according to Jane Roe.").is_empty());
        assert!(
            names("The mayor told the Riverside Gazette that the bridge is closed.").is_empty()
        );
        assert!(names("According to President Jane Roe, the bridge is closed.").is_empty());
    }

    #[test]
    fn report_from_and_reported_forms() {
        assert_eq!(
            names("The news followed a report from The Wall Street Journal on Monday."),
            vec!["Wall Street Journal"]
        );
        assert_eq!(
            names("In response to a report by the Riverside Gazette, she spoke."),
            vec!["Riverside Gazette"]
        );
        assert_eq!(
            names("The Metro Times first reported the closure."),
            vec!["Metro Times"]
        );
        assert_eq!(
            names("As the Valley Herald reported, the dam held."),
            vec!["Valley Herald"]
        );
        assert_eq!(names("The mayor reported a surplus."), Vec::<String>::new());
    }

    #[test]
    fn credit_lists_keep_outlets_and_skip_people() {
        let t = "This report includes contributions from Jane Roe of Planet News Digital and the Associated Press.";
        assert_eq!(names(t), vec!["Planet News Digital", "Associated Press"]);
        let t = "John Doe of the Metro Times and Reuters contributed to this report.";
        assert_eq!(names(t), vec!["Metro Times", "Reuters"]);
    }

    #[test]
    fn wire_datelines() {
        let t = "SPRINGFIELD (AP) — The council voted on Friday.";
        let u = find_upstream_sources(t);
        assert_eq!(u[0].name, "Associated Press");
        assert_eq!(&t[u[0].start..u[0].end], "AP");
        assert_eq!(names("LONDON (Reuters) - Prices rose."), vec!["Reuters"]);
    }

    #[test]
    fn one_entry_per_name_in_order_of_first_mention() {
        let t = "According to the Metro Times, it rained. According to Reuters, it poured. The Metro Times reported floods.";
        assert_eq!(names(t), vec!["Metro Times", "Reuters"]);
    }

    #[test]
    fn site_names_and_odd_input() {
        assert_eq!(
            names("according to ExampleNews.com the vote passed"),
            vec!["ExampleNews.com"]
        );
        assert!(names("according to").is_empty());
        assert!(names("according to the ").is_empty());
        assert!(names("").is_empty());
    }
}
