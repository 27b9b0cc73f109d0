//! Title, outlet, author and publication date read from a text dump.

use crosscheck_model::{DateEvidence, RemovalReason};
use once_cell::sync::Lazy;
use regex::Regex;

use super::classify::{is_site_name, Verdict};
use super::lines::Line;
use crate::dates;

/// "News JournosNews Journos" -> "News Journos": a masthead printed twice
/// with no space (a logo's text and its alt text).
pub(crate) fn doubled_masthead(s: &str) -> Option<String> {
    if s.len() > 120 || s.len() < 6 {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    if chars.len() % 2 != 0 {
        return None;
    }
    let (a, b) = chars.split_at(chars.len() / 2);
    if a != b || !a.iter().any(|c| c.is_alphabetic()) || a[0].is_whitespace() {
        return None;
    }
    let half: String = a.iter().collect();
    // One or a few capitalised words.
    let words = half.split_whitespace().count();
    ((1..=5).contains(&words) && half.starts_with(|c: char| c.is_uppercase()))
        .then(|| half.trim().to_string())
}

static COMPANY_SUFFIX_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i),?\s+(?:LLC|L\.L\.C\.|Inc\.?|Ltd\.?|Limited|Corp\.?|Corporation|GmbH|S\.A\.?|PLC|Co\.)$").expect("suffix regex")
});

/// "Copyright 2024, Example News LLC" -> "Example News".
pub(crate) fn copyright_holder(line: &str) -> Option<String> {
    // ASCII lower-casing keeps byte offsets valid for `line`.
    let lower = line.to_ascii_lowercase();
    let pos = [lower.find('©'), lower.find("copyright"), lower.find("(c) ")]
        .into_iter()
        .flatten()
        .min()?;
    let mut rest = &line[pos..];
    for marker in ["©", "Copyright", "COPYRIGHT", "copyright", "(c)", "(C)"] {
        if let Some(r) = rest.strip_prefix(marker) {
            rest = r;
        }
    }
    let rest = rest.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || ",-–©".contains(c)
    });
    let rest = rest.strip_prefix("by ").unwrap_or(rest);
    let rest = rest
        .strip_prefix("The ")
        .or_else(|| rest.strip_prefix("the "))
        .unwrap_or(rest);
    let end = rest
        .find(['|', '.', '·'])
        .into_iter()
        .chain(rest.to_ascii_lowercase().find("all rights reserved"))
        .min()
        .unwrap_or(rest.len());
    let mut holder = rest[..end].trim().trim_end_matches(',').trim().to_string();
    // "Inc." lost its dot to the cut above; strip company suffixes.
    holder = COMPANY_SUFFIX_RE.replace(&holder, "").trim().to_string();
    if let Some(h) = holder
        .strip_suffix(" Inc")
        .or_else(|| holder.strip_suffix(" Ltd"))
    {
        holder = h.trim().to_string();
    }
    let words = holder.split_whitespace().count();
    ((1..=6).contains(&words) && holder.starts_with(|c: char| c.is_uppercase())).then_some(holder)
}

/// A cheap outlet guess from a raw text: a site-name line or a doubled
/// masthead among the first lines, else a copyright holder among the last.
pub(crate) fn outlet_from_head(text: &str) -> Option<String> {
    let lines = || text.lines().map(str::trim).filter(|l| !l.is_empty());
    for l in lines().take(20) {
        if is_site_name(l) {
            return Some(l.to_string());
        }
        if let Some(m) = doubled_masthead(l) {
            return Some(m);
        }
    }
    let tail: Vec<&str> = text
        .lines()
        .rev()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(20)
        .collect();
    tail.iter().find_map(|l| copyright_holder(l))
}

/// Last words of newspaper names ("Ashby Gazette", "Daily Planet").
const OUTLET_NOUNS: &[&str] = &[
    "gazette",
    "courier",
    "chronicle",
    "herald",
    "observer",
    "times",
    "post",
    "news",
    "tribune",
    "journal",
    "standard",
    "express",
    "mail",
    "telegraph",
    "record",
    "guardian",
    "independent",
    "star",
    "sun",
    "echo",
    "advertiser",
    "press",
    "bulletin",
    "dispatch",
    "sentinel",
    "examiner",
    "register",
    "mirror",
    "globe",
    "monitor",
    "inquirer",
    "argus",
    "messenger",
    "planet",
    "daily",
    "weekly",
    "review",
    "today",
    "voice",
];

/// A short name made of capitalised words only, ending in a newspaper word.
fn outlet_shaped(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && !s
            .chars()
            .any(|c| c.is_ascii_digit() || ".,;:!?|".contains(c))
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
        && words
            .last()
            .is_some_and(|w| OUTLET_NOUNS.contains(&w.to_lowercase().as_str()))
}

/// The masthead: among the first lines of the page, before any prose, a
/// short all-capitalised name line that either ends in a newspaper word
/// ("Ashby Gazette") or opens the page right above a menu.
pub(crate) fn masthead_line(lines: &[Line], verdicts: &[Option<Verdict>]) -> Option<usize> {
    for (i, l) in lines.iter().enumerate().take(4) {
        if l.is_prose() || l.is_semi_prose() {
            return None;
        }
        if verdicts[i].is_some() || l.bullet || l.numbered {
            continue;
        }
        let body = l.body();
        let above_menu = i == 0
            && verdicts
                .get(1)
                .and_then(|v| v.as_ref())
                .is_some_and(|v| v.reason == RemovalReason::Navigation)
            && lines[1].bullet;
        let words = body.split_whitespace().count();
        let capitalised = (1..=5).contains(&words)
            && l.punctuation == 0
            && body
                .split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_uppercase()));
        // Another headline must follow before the prose, so that a
        // headline ending in "News" is never taken for the masthead.
        let headline_follows = lines
            .iter()
            .zip(verdicts)
            .skip(i + 1)
            .take_while(|(l, _)| !l.is_prose())
            .any(|(l, v)| v.is_none() && !l.bullet && l.is_headline_like());
        if headline_follows && (outlet_shaped(body) || (capitalised && above_menu)) {
            return Some(i);
        }
    }
    None
}

/// The outlet named in a segmented byline ("Staff report | Daily Planet |
/// May 6, 2025"): the part shaped like a newspaper name.
pub(crate) fn byline_outlet(text: &str) -> Option<String> {
    let parts = super::classify::byline_segments(text)?;
    parts
        .iter()
        .find(|p| dates::find_dates(p).is_empty() && outlet_shaped(p))
        .map(|p| p.to_string())
}

/// The outlet from the measured lines: the masthead, a site name or doubled
/// masthead anywhere near the top, an outlet named in a byline, else the
/// copyright holder.
pub(crate) fn outlet_from_lines(
    lines: &[Line],
    verdicts: &[Option<Verdict>],
    masthead: Option<usize>,
) -> Option<(String, &'static str)> {
    if let Some(i) = masthead {
        return Some((lines[i].body().to_string(), "masthead line"));
    }
    for l in lines.iter().take(40) {
        if l.words <= 3 && is_site_name(&l.text) {
            return Some((l.text.clone(), "site name line"));
        }
        if let Some(m) = doubled_masthead(&l.text) {
            return Some((m, "masthead"));
        }
    }
    let byline = lines
        .iter()
        .zip(verdicts)
        .take(60)
        .filter(|(_, v)| {
            v.as_ref()
                .is_some_and(|v| v.reason == RemovalReason::Byline)
        })
        .find_map(|(l, _)| byline_outlet(&l.text));
    if let Some(o) = byline {
        return Some((o, "byline"));
    }
    lines
        .iter()
        .rev()
        .filter(|l| l.words <= 30)
        .find_map(|l| copyright_holder(&l.text))
        .map(|h| (h, "copyright line"))
}

/// Byline name: "By Jane Roe March 2, 2024", "Jane RoeBy Jane RoeMarch 2,
/// 2024 Local 4 Mins Read", "Written by Jane Roe".
pub(crate) fn byline_author(line: &str) -> Option<String> {
    static BY: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"(?:(?-u:\b)|[a-z])(?:By|BY|Written by|Posted by)\s+").expect("by regex")
    });
    let m = BY.find_iter(line).last()?;
    let rest = &line[m.end()..];
    let mut name: Vec<&str> = Vec::new();
    for tok in rest.split_whitespace() {
        // Glued month: "EditorMay" -> "Editor" then stop.
        let mut tok_name = tok;
        let mut stop = false;
        if let Some(split) = glued_month(tok) {
            tok_name = &tok[..split];
            stop = true;
        }
        let clean = tok_name.trim_end_matches([',', '|', '·', '-']);
        let is_name = clean.starts_with(|c: char| c.is_uppercase())
            && !clean.chars().any(|c| c.is_ascii_digit())
            && !is_month_word(clean);
        if !clean.is_empty() && is_name {
            name.push(clean);
        } else if !clean.is_empty() && matches!(clean, "de" | "van" | "von" | "da" | "del" | "bin")
        {
            name.push(clean);
            continue;
        } else {
            break;
        }
        if stop || tok_name.len() != clean.len() || name.len() >= 4 {
            break;
        }
    }
    while name
        .last()
        .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_lowercase()))
    {
        name.pop();
    }
    (!name.is_empty()).then(|| name.join(" "))
}

fn is_month_word(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

/// Byte offset where a month name is glued to a word ("EditorMay").
fn glued_month(tok: &str) -> Option<usize> {
    let mut prev_lower = false;
    for (i, c) in tok.char_indices() {
        if c.is_uppercase() && prev_lower {
            let tail = &tok[i..];
            let word_end = tail
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(tail.len());
            if is_month_word(&tail[..word_end]) {
                return Some(i);
            }
        }
        prev_lower = c.is_lowercase();
    }
    None
}

/// The chosen title and the index of the line it was read from.
pub(crate) struct TitlePick {
    pub text: String,
    pub line: Option<usize>,
}

fn title_key(s: &str) -> String {
    s.to_lowercase()
}

/// Pick the headline: a headline-like line near the start of the article
/// region. A line printed twice wins; otherwise the candidate closest to
/// the body before the region (when a page prints two headline variants the
/// one right above the body is the article's own); otherwise an early
/// headline-like line inside the region.
pub(crate) fn pick_title(
    lines: &[Line],
    verdicts: &[Option<Verdict>],
    region_start: usize,
) -> Option<TitlePick> {
    let usable = |i: usize| {
        let l = &lines[i];
        let ok_verdict = verdicts[i]
            .as_ref()
            .is_none_or(|v| v.reason == RemovalReason::Title);
        ok_verdict && l.is_headline_like() && !l.bullet && !l.numbered && l.words >= 3
    };
    let lo = region_start.saturating_sub(12);
    let before: Vec<usize> = (lo..region_start.min(lines.len()))
        .filter(|&i| usable(i))
        .collect();
    let inside: Vec<usize> = (region_start..(region_start + 4).min(lines.len()))
        .filter(|&i| usable(i))
        .collect();
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for l in lines.iter().filter(|l| (3..=25).contains(&l.words)) {
        *counts.entry(title_key(&l.text)).or_insert(0) += 1;
    }
    let count = |i: usize| counts.get(&title_key(&lines[i].text)).copied().unwrap_or(0);
    let pick = before
        .iter()
        .rev()
        .chain(inside.iter())
        .copied()
        .find(|&i| count(i) >= 2)
        .or_else(|| before.last().copied())
        .or_else(|| inside.first().copied())?;
    Some(TitlePick {
        text: lines[pick].body().to_string(),
        line: Some(pick),
    })
}

/// Decide the publication date from byline / dateline lines near the title.
pub(crate) fn pick_date(
    lines: &[Line],
    verdicts: &[Option<Verdict>],
    title_line: Option<usize>,
    region_start: usize,
) -> (Option<String>, DateEvidence) {
    let n = lines.len();
    let (lo, hi) = match title_line {
        Some(t) => {
            let after_title = (t + 1..n).find(|&i| lines[i].is_prose()).unwrap_or(n);
            (t.saturating_sub(2), after_title.max(t + 1).min(n))
        }
        None => (region_start.saturating_sub(6), region_start.min(n)),
    };
    let is_header_line = |i: usize| {
        matches!(
            verdicts[i].as_ref().map(|v| v.reason),
            Some(RemovalReason::Dateline) | Some(RemovalReason::Byline)
        ) || (verdicts[i].is_none() && lines[i].date_only)
    };
    // Lines after the title first (bylines sit under the headline), then
    // the ones just above it.
    let order: Vec<usize> = match title_line {
        Some(t) => (t..hi).chain((lo..t).rev()).collect(),
        None => (lo..hi).rev().collect(),
    };
    for i in order {
        if !is_header_line(i) {
            continue;
        }
        if let Some(found) = dates::find_dates(&lines[i].text).first() {
            let lower = lines[i].text.to_lowercase();
            let source = if lower.starts_with("source:") {
                "source line"
            } else if lines[i].text.contains("By ") || lower.starts_with("written by") {
                "byline"
            } else {
                "dateline"
            };
            return (
                Some(found.date.format("%Y-%m-%d").to_string()),
                DateEvidence {
                    source: Some(source.into()),
                    text: Some(lines[i].text.clone()),
                    reason: None,
                },
            );
        }
    }
    // Nothing near the headline: say what was seen instead.
    let mut in_lists = 0;
    let mut elsewhere = 0;
    let mut yearless = 0;
    for (l, v) in lines.iter().zip(verdicts) {
        if l.yearless_date {
            yearless += 1;
            continue;
        }
        let count = dates::find_dates(&l.text).len();
        if v.as_ref()
            .is_some_and(|v| v.reason == RemovalReason::HeadlineList)
        {
            in_lists += count;
        } else {
            elsewhere += count;
        }
    }
    let mut parts = vec!["no date near the headline".to_string()];
    if in_lists > 0 {
        parts.push(format!("{in_lists} dates seen belong to headline lists"));
    }
    if yearless > 0 {
        parts.push(format!(
            "{yearless} date(s) without a year in the page header (the day the page was viewed)"
        ));
    }
    if elsewhere > 0 {
        parts.push(format!(
            "{elsewhere} date(s) in the article text are not publication dates"
        ));
    }
    if in_lists == 0 && yearless == 0 && elsewhere == 0 {
        parts.push("no dates in the page".to_string());
    }
    (
        None,
        DateEvidence {
            source: None,
            text: None,
            reason: Some(parts.join("; ")),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mastheads_and_copyright_holders() {
        assert_eq!(
            doubled_masthead("Daily PlanetDaily Planet").as_deref(),
            Some("Daily Planet")
        );
        assert_eq!(doubled_masthead("abcabc"), None);
        assert_eq!(doubled_masthead("Daily Planet"), None);
        assert_eq!(
            copyright_holder("Copyright 2023, Example Media LLC").as_deref(),
            Some("Example Media")
        );
        assert_eq!(
            copyright_holder("© 2024 The Daily Planet. Designed by The Daily Planet.").as_deref(),
            Some("Daily Planet")
        );
        assert_eq!(
            copyright_holder("© 2020-2024 Harbour News Inc. All rights reserved.").as_deref(),
            Some("Harbour News")
        );
        assert_eq!(copyright_holder("No notice here"), None);
    }

    #[test]
    fn mastheads_and_byline_outlets() {
        use super::super::classify::line_rule;
        use super::super::lines::split_lines;
        use super::super::runs::run_rules;
        let read = |text: &str| {
            let lines = split_lines(text);
            let mut verdicts: Vec<Option<Verdict>> = lines.iter().map(line_rule).collect();
            run_rules(&lines, &mut verdicts);
            let m = masthead_line(&lines, &verdicts);
            outlet_from_lines(&lines, &verdicts, m).map(|(o, _)| o)
        };
        let body = "The ferry company said on Monday that it would add a second boat to the island route from June.";
        assert_eq!(
            read(&format!(
                "Orrin Vale Herald\nSunday, May 4\n\nFerry route gets second boat\n\n{body}"
            ))
            .as_deref(),
            Some("Orrin Vale Herald")
        );
        assert_eq!(
            read(&format!(
                "Dunmere Weekend\n  • Home\n  • Sport\n\nFerry route gets second boat\n\n{body}"
            ))
            .as_deref(),
            Some("Dunmere Weekend")
        );
        // A headline ending in a newspaper word, with no other headline, is
        // the headline, not a masthead.
        assert_eq!(read(&format!("Island Gets Good News\n\n{body}")), None);
        assert_eq!(
            read(&format!(
                "Ferry route gets second boat\n\nWire services | Vesk Post | 4 May 2024\n\n{body}"
            ))
            .as_deref(),
            Some("Vesk Post")
        );
        assert_eq!(byline_outlet("Staff report | May 6, 2025"), None);
    }

    #[test]
    fn byline_authors() {
        assert_eq!(
            byline_author("By Jane Roe March 2, 2024").as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(
            byline_author("Jane RoeBy Jane RoeMarch 2, 2024 Local 4 Mins Read").as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(
            byline_author("Written by Tom de Vries | Staff").as_deref(),
            Some("Tom de Vries")
        );
        assert_eq!(byline_author("By staff"), None);
        assert_eq!(byline_author("no byline"), None);
    }
}
