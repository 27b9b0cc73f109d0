//! Word tables for time expressions: months, weekdays, number words, units
//! and the words that make a bare number a year.

/// Month number of a capitalised (or all-caps) month name. `abbrev` is true
/// for "Jan", "Sept." and the like, which need a day or a year after them.
pub fn month_of(word: &str) -> Option<(u32, bool)> {
    let w = word.strip_suffix('.').unwrap_or(word);
    if !w.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
        return None;
    }
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if let Some(i) = FULL.iter().position(|m| m.eq_ignore_ascii_case(w)) {
        return Some((i as u32 + 1, false));
    }
    const ABBR: [(&str, u32); 12] = [
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ];
    ABBR.iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(w))
        .map(|&(_, m)| (m, true))
}

/// 0 = Monday ... 6 = Sunday, for a capitalised full weekday name.
pub fn weekday_of(word: &str) -> Option<u32> {
    if !word.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
        return None;
    }
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    DAYS.iter()
        .position(|d| d.eq_ignore_ascii_case(word))
        .map(|i| i as u32)
}

/// A count written as digits (up to 999) or a small number word.
pub fn count_of(word: &str) -> Option<u32> {
    if !word.is_empty() && word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse().ok();
    }
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    if let Some(i) = WORDS.iter().position(|n| n.eq_ignore_ascii_case(word)) {
        return Some(i as u32);
    }
    const MORE: [(&str, u32); 8] = [
        ("a", 1),
        ("an", 1),
        ("fifteen", 15),
        ("eighteen", 18),
        ("twenty", 20),
        ("thirty", 30),
        ("fifty", 50),
        ("hundred", 100),
    ];
    MORE.iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(word))
        .map(|&(_, v)| v)
}

/// Words that mean "a few" without saying how many.
pub fn is_vague_count(word: &str) -> bool {
    ["few", "several", "many", "couple", "some", "recent"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
    Decade,
}

/// A unit of time and whether it was written in the plural.
pub fn unit_of(word: &str) -> Option<(Unit, bool)> {
    const UNITS: [(&str, Unit); 5] = [
        ("day", Unit::Day),
        ("week", Unit::Week),
        ("month", Unit::Month),
        ("year", Unit::Year),
        ("decade", Unit::Decade),
    ];
    let (stem, plural) = match word.strip_suffix(['s', 'S']) {
        Some(s) => (s, true),
        None => (word, false),
    };
    UNITS
        .iter()
        .find(|(u, _)| u.eq_ignore_ascii_case(stem))
        .map(|&(_, u)| (u, plural))
}

/// A day of the month: "5", "05", "5th", "21st".
pub fn day_of(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th")
        || digits.is_empty()
        || digits.len() > 2
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// A four-digit year in 1900..=2100.
pub fn year_of(word: &str) -> Option<i32> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = word.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// Words before a bare four-digit number that make it a year.
pub fn is_year_preposition(word: &str) -> bool {
    [
        "in",
        "since",
        "until",
        "till",
        "by",
        "before",
        "after",
        "during",
        "through",
        "throughout",
        "from",
        "to",
        "between",
        "early",
        "late",
        "mid",
        "circa",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "year",
        "fiscal",
        "of",
        "and",
    ]
    .iter()
    .any(|w| w.eq_ignore_ascii_case(word))
}

/// Nouns before "of" that make the following number a year ("the end of 2024").
pub fn is_of_year_head(word: &str) -> bool {
    [
        "end",
        "start",
        "beginning",
        "middle",
        "half",
        "quarter",
        "rest",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "class",
        "part",
    ]
    .iter()
    .any(|w| w.eq_ignore_ascii_case(word))
}

/// Nouns after "the 2024 ..." that make the number a year.
pub fn is_year_event_noun(word: &str) -> bool {
    [
        "election",
        "elections",
        "budget",
        "season",
        "campaign",
        "census",
        "olympics",
        "midterms",
        "vote",
        "referendum",
        "summit",
        "report",
        "survey",
        "war",
        "law",
        "act",
        "agreement",
        "deal",
        "crisis",
        "attack",
        "attacks",
        "earthquake",
        "floods",
        "race",
        "primary",
        "contest",
        "edition",
        "film",
        "book",
        "study",
        "cup",
        "world",
    ]
    .iter()
    .any(|w| w.eq_ignore_ascii_case(word))
}

/// Words after a number that make it a quantity, not a year.
pub fn is_quantity_follower(word: &str) -> bool {
    if word == "%" {
        return true;
    }
    [
        "percent",
        "per",
        "people",
        "jobs",
        "votes",
        "troops",
        "cases",
        "deaths",
        "residents",
        "workers",
        "units",
        "homes",
        "tons",
        "tonnes",
        "km",
        "miles",
        "meters",
        "metres",
        "feet",
        "dollars",
        "euros",
        "pounds",
        "hours",
        "minutes",
        "points",
        "times",
        "members",
        "students",
        "patients",
        "soldiers",
        "civilians",
        "words",
        "pages",
    ]
    .iter()
    .any(|w| w.eq_ignore_ascii_case(word))
}

/// Words that mark a clause as speaking of the future.
pub fn is_future_cue(word: &str) -> bool {
    [
        "will",
        "’ll",
        "'ll",
        "shall",
        "scheduled",
        "upcoming",
        "due",
        "planned",
        "plans",
        "expected",
        "won't",
        "won’t",
        // "starting in July", "beginning Monday", "effective in June".
        "starting",
        "beginning",
        "effective",
    ]
    .iter()
    .any(|w| w.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        assert_eq!(month_of("February"), Some((2, false)));
        assert_eq!(month_of("Sept."), Some((9, true)));
        assert_eq!(month_of("JAN"), Some((1, true)));
        assert_eq!(month_of("may"), None);
        assert_eq!(month_of("Mayor"), None);
    }

    #[test]
    fn weekdays_counts_units() {
        assert_eq!(weekday_of("Saturday"), Some(5));
        assert_eq!(weekday_of("saturday"), None);
        assert_eq!(count_of("three"), Some(3));
        assert_eq!(count_of("18"), Some(18));
        assert_eq!(count_of("2025"), None);
        assert_eq!(unit_of("Months"), Some((Unit::Month, true)));
        assert_eq!(unit_of("hour"), None);
    }

    #[test]
    fn days_and_years() {
        assert_eq!(day_of("5th"), Some(5));
        assert_eq!(day_of("31"), Some(31));
        assert_eq!(day_of("32"), None);
        assert_eq!(day_of("5pm"), None);
        assert_eq!(day_of("é"), None);
        assert_eq!(year_of("2025"), Some(2025));
        assert_eq!(year_of("2,025"), None);
        assert_eq!(year_of("1850"), None);
    }
}
