//! Unit tests per shape; the fixture sentences are checked in
//! `tests/timex_fixtures.rs`.

use super::*;

/// `(text, value, kind)` of every expression found.
fn run(text: &str, published: Option<&str>) -> Vec<(String, Option<String>, TimeKind)> {
    let tokens = crate::tokenize(text);
    find_times(text, &tokens, published)
        .into_iter()
        .map(|t| (text[t.start..t.end].to_string(), t.value, t.kind))
        .collect()
}

fn one(text: &str, published: &str) -> (String, String) {
    let got = run(text, Some(published));
    assert_eq!(got.len(), 1, "{text}: {got:?}");
    let (span, value, _) = got.into_iter().next().unwrap();
    (span, value.unwrap_or_default())
}

const P: &str = "2025-05-03"; // a Saturday

#[test]
fn full_dates() {
    assert_eq!(one("on May 5, 2025.", P).1, "2025-05-05");
    assert_eq!(one("on May 5 2025.", P).1, "2025-05-05");
    assert_eq!(one("on 5th May, 2025.", P).1, "2025-05-05");
    assert_eq!(one("on Jan. 9, 2024.", P).1, "2024-01-09");
    assert_eq!(
        one("on Mar. 9, 2024.", P),
        ("Mar. 9, 2024".into(), "2024-03-09".into())
    );
    assert_eq!(one("dated 2024-02-29.", P).1, "2024-02-29");
    assert!(run("dated 2025-02-29.", Some(P)).is_empty());
    assert_eq!(one("on 12/31/2024.", P).1, "2024-12-31");
}

#[test]
fn yearless_dates_take_the_nearest_past_year() {
    assert_eq!(one("on July 1.", P).1, "2025-07-01"); // 59 days ahead
                                                      // 62 days after publication: more than two months ahead, so last year.
    assert_eq!(one("on July 4.", P).1, "2024-07-04");
    assert_eq!(one("on December 12.", P).1, "2024-12-12");
}

#[test]
fn weekday_before_a_yearless_date_picks_the_year() {
    // 2024-12-12 is a Thursday; 2025-12-12 a Friday.
    assert_eq!(one("on Thursday, December 12.", P).1, "2024-12-12");
    assert_eq!(one("on Sunday, May 4.", P).1, "2025-05-04");
    // Past the two-month horizon, but the weekday says this year.
    assert_eq!(one("Saturday, July 5", "2025-04-17").1, "2025-07-05");
}

#[test]
fn months() {
    assert_eq!(one("in May.", P).1, "2025-05");
    assert_eq!(one("in June.", P).1, "2024-06");
    assert_eq!(one("next June.", P).1, "2025-06");
    assert_eq!(one("next May.", P).1, "2026-05");
    assert_eq!(one("this December.", P).1, "2025-12");
    assert_eq!(one("in early February 2024.", P).1, "2024-02");
    assert!(run("Mar is short", Some(P)).is_empty());
    assert!(run("June Carter sang.", Some(P)).is_empty());
}

#[test]
fn years_need_a_context() {
    assert_eq!(one("in 1999.", P).1, "1999");
    assert_eq!(one("2025’s budget", P).1, "2025");
    assert_eq!(one("from 2010-2014 the", P).1, "2010/2014");
    assert_eq!(one("in mid-2024.", P).1, "2024");
    assert_eq!(one("the mid-1980s.", P).1, "1980/1989");
    assert!(run("There were 2025 of them.", Some(P)).is_empty());
    assert!(run("rose to 2050 points.", Some(P)).is_empty());
    assert!(run("in 2025 percent", Some(P)).is_empty());
}

#[test]
fn weekdays() {
    assert_eq!(one("on Friday.", P).1, "2025-05-02");
    // A Saturday report's "on Saturday" is that day; "last Saturday" the
    // one before.
    assert_eq!(one("on Saturday.", P).1, "2025-05-03");
    assert_eq!(one("last Saturday.", P).1, "2025-04-26");
    assert_eq!(one("this past Saturday.", P).1, "2025-04-26");
    assert_eq!(one("this Saturday.", P).1, "2025-05-03");
    assert_eq!(one("next Saturday.", P).1, "2025-05-10");
    assert_eq!(one("this past Monday.", P).1, "2025-04-28");
    assert_eq!(one("They will meet Monday.", P).1, "2025-05-05");
    assert!(run("on saturday", Some(P)).is_empty());
}

#[test]
fn relative_words() {
    assert_eq!(one("Today, the", P).1, "2025-05-03");
    assert_eq!(one("tomorrow", P).1, "2025-05-04");
    assert_eq!(one("last night", P).1, "2025-05-02");
    assert_eq!(one("this morning", P).1, "2025-05-03");
    assert_eq!(one("next week", P).1, "2025-05-05/2025-05-11");
    assert_eq!(one("this weekend", P).1, "2025-05-03/2025-05-04");
    assert_eq!(one("next year", P).1, "2026");
    assert_eq!(one("last month", "2025-01-10").1, "2024-12");
    assert_eq!(one("a year ago", P).1, "2024");
    assert_eq!(one("six months ago", P).1, "2024-11");
    assert_eq!(one("later this year", P).1, "2025-05-03/2025-12-31");
    assert!(run("USA Today reported", Some(P)).is_empty());
}

#[test]
fn periods() {
    assert_eq!(one("over the past decade", P).1, "2015-05-03/2025-05-03");
    assert_eq!(one("in the next two years", P).1, "2025-05-03/2027-05-03");
    assert_eq!(one("the past week", P).1, "2025-04-26/2025-05-03");
    assert_eq!(one("past year", "2024-02-29").1, "2023-02-28/2024-02-29");
    assert_eq!(one("since last year", P).1, "2024/2025-05-03");
    assert_eq!(one("since Monday", P).1, "2025-04-28/2025-05-03");
    assert_eq!(
        one("since late January", P),
        ("since late January".into(), "2025-01/2025-05-03".into())
    );
    assert!(run("the Fourth of July parade", Some(P)).is_empty());
    assert_eq!(one("from March to April", P).1, "2025-03/2025-04");
    assert_eq!(one("from 1990 to 1995", P).1, "1990/1995");
    let got = run("in the past few years", Some(P));
    assert_eq!(got[0].1, None);
}

#[test]
fn without_publication_date() {
    let text = "On Saturday, last year and since 2020";
    let tokens = crate::tokenize(text);
    let got = find_times(text, &tokens, None);
    assert_eq!(got.len(), 3);
    assert!(got.iter().all(|t| t.value.is_none()));
    assert_eq!(
        got[0].note.as_deref(),
        Some("no publication date to resolve a weekday")
    );
    // A bad publication date is no publication date.
    let got = find_times(text, &tokens, Some("May 2025"));
    assert!(got.iter().all(|t| t.value.is_none()));
}

#[test]
fn tolerates_bad_tokens() {
    let text = "in May 2025";
    let bad = [crate::Token {
        start: 5,
        end: 99,
        kind: crate::TokenKind::Word,
    }];
    assert!(find_times(text, &bad, Some(P)).is_empty());
    assert!(find_times("", &[], Some(P)).is_empty());
}
