//! Dates as news pages write them: parsing one date string, and finding
//! dates inside running text.
//!
//! Only years in `1990..=2100` are accepted, and impossible dates
//! (`February 30`) are rejected. Numeric dates with slashes are read in US
//! order (`05/03/2025` is May 3) unless that is impossible and the day-first
//! reading is not.

use chrono::{Datelike, NaiveDate};
use once_cell::sync::Lazy;
use regex::Regex;

/// A date with a year found in running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub date: NaiveDate,
    /// Byte span of the date expression in the searched text.
    pub start: usize,
    pub end: usize,
}

const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC";

const WEEKDAYS: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY";

/// One regex for every supported form, so that a text is scanned once.
static DATE_RE: Lazy<Regex> = Lazy::new(|| {
    let pat = format!(
        r"(?x)
        (?-u:\b)(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?-u:\b)
        | (?-u:\b)(?P<sy>\d{{4}})[/.](?P<sm>\d{{1,2}})[/.](?P<sd>\d{{1,2}})(?-u:\b)
        | (?-u:\b)(?P<ua>\d{{1,2}})/(?P<ub>\d{{1,2}})/(?P<uy>\d{{4}})(?-u:\b)
        | (?P<mm>{m})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4}})(?-u:\b)
        | (?-u:\b)(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm>{m})\.?,?\s+(?P<dy>\d{{4}})(?-u:\b)
        ",
        m = MONTHS
    );
    Regex::new(&pat).expect("date regex")
});

/// A date without a year ("Saturday, July 5"), as page headers print the
/// day the page was viewed.
static YEARLESS_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"^(?:(?:{w}),?\s+)?(?:(?P<m1>{m})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{m})\.?)$",
        w = WEEKDAYS,
        m = MONTHS
    ))
    .expect("yearless regex")
});

static TIME_TAIL_RE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[\s,|·•–—-]*(?:(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4}|[+-]\d{2}:?\d{2})?)?\s*$")
        .expect("time tail regex")
});

static WEEKDAY_PREFIX_RE: Lazy<Regex> =
    Lazy::new(|| Regex::new(&format!(r"^(?:{WEEKDAYS}),?\s+")).expect("weekday regex"));

/// Month number from an English month name or abbreviation (any case).
pub fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    let m = match lower.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn ymd(y: &str, m: u32, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    let d: u32 = d.parse().ok()?;
    if !(1990..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

fn date_from_captures(c: &regex::Captures<'_>) -> Option<NaiveDate> {
    let g = |n: &str| c.name(n).map(|m| m.as_str());
    if let (Some(y), Some(m), Some(d)) = (g("iy"), g("im"), g("id")) {
        return ymd(y, m.parse().ok()?, d);
    }
    if let (Some(y), Some(m), Some(d)) = (g("sy"), g("sm"), g("sd")) {
        return ymd(y, m.parse().ok()?, d);
    }
    if let (Some(a), Some(b), Some(y)) = (g("ua"), g("ub"), g("uy")) {
        // US order first; day-first only when the US reading is impossible.
        return ymd(y, a.parse().ok()?, b).or_else(|| ymd(y, b.parse().ok()?, a));
    }
    if let (Some(m), Some(d), Some(y)) = (g("mm"), g("md"), g("my")) {
        return ymd(y, month_number(m)?, d);
    }
    if let (Some(d), Some(m), Some(y)) = (g("dd"), g("dm"), g("dy")) {
        return ymd(y, month_number(m)?, d);
    }
    None
}

/// Every date with a year in `text`, in order, with byte spans.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    DATE_RE
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let date = date_from_captures(&c)?;
            Some(FoundDate {
                date,
                start: whole.start(),
                end: whole.end(),
            })
        })
        .collect()
}

/// Parse one date or date-time string in a common news format and return
/// its calendar date (as written: an offset is not converted to UTC).
///
/// Accepts ISO 8601 (`2025-05-03`, `2025-05-03T10:00:00+02:00`), RFC 2822
/// (`Sat, 03 May 2025 10:00:00 GMT`), `May 3, 2025`, `3 May 2025`,
/// `Sept. 4, 2025`, `2025/05/03`, `05/03/2025` (US order) and a leading
/// weekday or trailing time (`Monday, May 5, 2025 10:00 AM`).
/// The warning for a record's `published` field that is not a date we
/// can read: the field is then not used, and the user must be told so
/// rather than see the date silently vanish.
pub fn record_date_warning(meta: &crosscheck_model::Metadata) -> Option<String> {
    let bad = meta
        .published
        .as_deref()
        .filter(|p| !p.trim().is_empty() && parse_date(p).is_none())?;
    Some(format!("record field published not understood: {bad:?}"))
}

pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s) {
        return in_range(dt.date_naive());
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return in_range(dt.date_naive());
    }
    // ISO 8601 variants that RFC 3339 refuses ("2020-04-12T18:00:00-0700",
    // "2024-11-26T00:00-05:00", "2025-07-09 11:50:26"): the calendar date
    // leads the string.
    if let Some(d) = iso_date_prefix(s) {
        return Some(d);
    }
    let rest = WEEKDAY_PREFIX_RE.find(s).map_or(s, |m| &s[m.end()..]);
    let found = find_dates(rest);
    let first = found.first()?;
    // The date must lead the string (after an optional weekday); what follows
    // may be a time or a zone, not more prose.
    if rest[..first.start].trim().is_empty() {
        Some(first.date)
    } else {
        None
    }
}

/// `YYYY-MM-DD` at the start of `s`, followed by nothing, `T` or a space.
fn iso_date_prefix(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() < 10 || !(b.len() == 10 || matches!(b[10], b'T' | b't' | b' ')) {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let d = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d").ok()?;
    in_range(d)
}

fn in_range(d: NaiveDate) -> Option<NaiveDate> {
    (1990..=2100).contains(&d.year()).then_some(d)
}

/// Whether `line` is nothing but a date without a year, optionally with a
/// weekday ("Saturday, July 5"): what page headers print as today's date.
pub fn is_yearless_date(line: &str) -> bool {
    let line = line.trim();
    if line.len() > 40 {
        return false;
    }
    match YEARLESS_RE.captures(line) {
        Some(c) => {
            let d = c.name("d1").or_else(|| c.name("d2")).map(|m| m.as_str());
            let m = c.name("m1").or_else(|| c.name("m2")).map(|m| m.as_str());
            match (
                d.and_then(|d| d.parse::<u32>().ok()),
                m.and_then(month_number),
            ) {
                (Some(d), Some(m)) => NaiveDate::from_ymd_opt(2024, m, d).is_some(),
                _ => false,
            }
        }
        None => false,
    }
}

/// Whether `line` is a date with a year and little else: at most a weekday,
/// a time and separator punctuation ("· May 5, 2025", "Monday, May 5, 2025
/// 10:00 AM").
pub fn is_date_line(line: &str) -> bool {
    let line = line.trim();
    if line.len() > 60 {
        return false;
    }
    let found = find_dates(line);
    let Some(first) = found.first() else {
        return false;
    };
    let before = &line[..first.start];
    let after = &line[first.end..];
    let before_ok = {
        let b = WEEKDAY_PREFIX_RE.find(before.trim_start_matches(|c: char| !c.is_alphanumeric()));
        let stripped = before.trim_start_matches(|c: char| !c.is_alphanumeric());
        stripped.is_empty() || b.is_some_and(|m| m.end() == stripped.len())
    };
    let after_ok = TIME_TAIL_RE.is_match(after);
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_common_news_formats() {
        assert_eq!(parse_date("2025-05-03"), Some(d(2025, 5, 3)));
        assert_eq!(parse_date("2025-05-03T23:30:00+02:00"), Some(d(2025, 5, 3)));
        assert_eq!(parse_date("2025-05-03T23:30:00Z"), Some(d(2025, 5, 3)));
        assert_eq!(parse_date("2025-05-03 10:00"), Some(d(2025, 5, 3)));
        assert_eq!(parse_date("May 3, 2025"), Some(d(2025, 5, 3)));
        assert_eq!(parse_date("3 May 2025"), Some(d(2025, 5, 3)));
        assert_eq!(parse_date("Sept. 4, 2025"), Some(d(2025, 9, 4)));
        assert_eq!(parse_date("2025/05/03"), Some(d(2025, 5, 3)));
        assert_eq!(parse_date("05/03/2025"), Some(d(2025, 5, 3)));
        assert_eq!(parse_date("25/03/2025"), Some(d(2025, 3, 25)));
        assert_eq!(
            parse_date("Monday, May 5, 2025 10:00 AM"),
            Some(d(2025, 5, 5))
        );
        assert_eq!(
            parse_date("Sat, 03 May 2025 10:00:00 GMT"),
            Some(d(2025, 5, 3))
        );
        assert_eq!(parse_date("December 1st, 2024"), Some(d(2024, 12, 1)));
    }

    #[test]
    fn rejects_impossible_and_out_of_range_dates() {
        assert_eq!(parse_date("February 30, 2025"), None);
        assert_eq!(parse_date("2025-13-01"), None);
        assert_eq!(parse_date("May 3, 1850"), None);
        assert_eq!(parse_date("2101-01-01"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("the meeting on May 3, 2025"), None);
    }

    #[test]
    fn finds_dates_with_spans_in_running_text() {
        let text = "Filed on March 2, 2024 and updated 2024-03-04; see also 7 June 2023.";
        let found = find_dates(text);
        assert_eq!(found.len(), 3);
        assert_eq!(&text[found[0].start..found[0].end], "March 2, 2024");
        assert_eq!(found[1].date, d(2024, 3, 4));
        assert_eq!(found[2].date, d(2023, 6, 7));
        assert!(find_dates("It may 3 times be enough in 2025").is_empty());
        // A month glued to the word before it (a byline without spaces).
        let glued = find_dates("Jane RoeMarch 2, 2024 Local");
        assert_eq!(glued.len(), 1);
        assert_eq!(glued[0].date, d(2024, 3, 2));
    }

    #[test]
    fn recognises_date_lines_and_yearless_header_dates() {
        assert!(is_date_line("May 5, 2025"));
        assert!(is_date_line("· May 5, 2025"));
        assert!(is_date_line("Monday, May 5, 2025 10:00 AM"));
        assert!(!is_date_line(
            "Published in the evening of May 5, 2025 by staff"
        ));
        assert!(is_yearless_date("Saturday, July 5"));
        assert!(is_yearless_date("July 5"));
        assert!(!is_yearless_date("July 5, 2025"));
        assert!(!is_yearless_date("February 31"));
    }

    #[test]
    fn iso_date_times_that_rfc3339_refuses_still_give_their_date() {
        for s in [
            "2020-04-12T18:00:00-0700",
            "2024-11-26T00:00-05:00",
            "2025-07-09 11:50:26",
            "2025-07-09",
        ] {
            assert!(parse_date(s).is_some(), "{s}");
        }
        assert_eq!(
            parse_date("2020-04-12T18:00:00-0700"),
            NaiveDate::from_ymd_opt(2020, 4, 12)
        );
        assert_eq!(parse_date("2025-02-30T00:00"), None);
        assert_eq!(parse_date("2025-07-09x"), None);
    }
}
