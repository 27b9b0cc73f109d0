//! Calendar shapes: full dates, month and day, months, years, decades and
//! weekdays.

use super::calendar::{Date, Point, Val};
use super::words::{
    day_of, is_of_year_head, is_quantity_follower, is_year_event_noun, is_year_preposition,
    month_of, weekday_of, year_of,
};
use super::{Cx, Hit};
use crate::TokenKind;
use crosscheck_model::timex::TimeKind;

/// Prepositions and modifiers that make a bare "May" a month.
const MONTH_CONTEXT: &[&str] = &[
    "in", "since", "until", "till", "by", "through", "during", "of", "early", "late", "mid",
    "before", "after", "from", "to", "between", "and", "or", "on", "last", "this", "next",
];

pub(crate) fn calendar_at(cx: &Cx, i: usize) -> Option<Hit> {
    if let Some(wd) = weekday_of(cx.w(i)) {
        return weekday_at(cx, i, wd);
    }
    date_at(cx, i)
        .or_else(|| month_at(cx, i))
        .or_else(|| number_at(cx, i))
        .or_else(|| mid_at(cx, i))
}

/// A weekday: "Saturday", or "Saturday, May 3" (then a date, with the
/// weekday choosing the year when the text gives none).
fn weekday_at(cx: &Cx, i: usize, wd: u32) -> Option<Hit> {
    let j = if cx.w(i + 1) == "," { i + 2 } else { i + 1 };
    if let Some(mut h) = date_at(cx, j) {
        if let (Some(p), Ok(Val::At(Point::Day(d)))) = (cx.published, &h.val) {
            if d.weekday() != wd && h.note == Some(YEAR_GUESSED) {
                // The year nearest to publication whose date has that weekday.
                let alt = [p.y, p.y - 1, p.y + 1]
                    .into_iter()
                    .filter_map(|y| Date::new(y, d.m, d.d))
                    .filter(|a| a.weekday() == wd)
                    .min_by_key(|a| (a.days() - p.days()).abs());
                if let Some(alt) = alt {
                    h.val = Ok(Val::At(Point::Day(alt)));
                }
            }
        }
        h.first = i;
        h.note = None;
        return Some(h);
    }
    Some(Hit::new(
        i,
        i + 1,
        TimeKind::Weekday,
        resolve_weekday(cx, i, wd, Mode::Latest),
    ))
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Strictly before publication ("last Saturday", "this past Saturday").
    Past,
    /// On or before publication: a bare weekday ("on Saturday" in a
    /// Saturday report is that day, in news copy).
    Latest,
    /// On or after publication ("this Saturday").
    This,
    /// Strictly after publication ("next Saturday").
    Next,
}

pub(crate) fn resolve_weekday(cx: &Cx, i: usize, wd: u32, mode: Mode) -> Result<Val, String> {
    let p = cx.need_pub("a weekday")?;
    let mode = if mode == Mode::Latest && cx.future_before(i) {
        Mode::This
    } else {
        mode
    };
    let today = p.weekday() as i64;
    let wd = wd as i64;
    let shift = match mode {
        Mode::Past => -((today - wd - 1).rem_euclid(7) + 1),
        Mode::Latest => -((today - wd).rem_euclid(7)),
        Mode::This => (wd - today).rem_euclid(7),
        Mode::Next => (wd - today - 1).rem_euclid(7) + 1,
    };
    Ok(Val::At(Point::Day(p.add_days(shift))))
}

/// A month name at `i` (with a separate full stop for "Mar." and the like):
/// its number, whether abbreviated, and the next token index.
fn month_name(cx: &Cx, i: usize) -> Option<(u32, bool, usize)> {
    let (m, abbr) = month_of(cx.w(i))?;
    let next = if abbr && cx.w(i + 1) == "." && cx.touching(i) {
        i + 2
    } else {
        i + 1
    };
    Some((m, abbr, next))
}

pub(crate) const YEAR_GUESSED: &str = "year taken from the publication date";

/// A day without a year: the publication year, or the one before when that
/// puts the day more than 61 days after publication.
fn yearless(cx: &Cx, m: u32, d: u32) -> Option<Result<Val, String>> {
    let Ok(p) = cx.need_pub("a date without a year") else {
        // Still a date shape, but only when it exists in some year.
        Date::new(2000, m, d)?;
        return Some(Err(
            "no publication date to resolve a date without a year".into()
        ));
    };
    let date = Date::new(p.y, m, d).or_else(|| Date::new(p.y - 1, m, d))?;
    let date = if date.days() - p.days() > 61 {
        Date::new(date.y - 1, m, d).unwrap_or(date)
    } else {
        date
    };
    Some(Ok(Val::At(Point::Day(date))))
}

/// Full and yearless dates: "May 5, 2025", "5 May 2025", "May 5",
/// "5th of May", "2025-05-05", "05/05/2025".
fn date_at(cx: &Cx, i: usize) -> Option<Hit> {
    let w = cx.w(i);
    if let Some((m, _, j)) = month_name(cx, i) {
        let d = day_of(cx.w(j))?;
        if cx.w(j + 1) == ":" || is_quantity_follower(cx.w(j + 1)) {
            return None;
        }
        let k = if cx.w(j + 1) == "," { j + 2 } else { j + 1 };
        if let Some(y) = year_of(cx.w(k)) {
            let date = Date::new(y, m, d)?;
            return Some(Hit::new(
                i,
                k + 1,
                TimeKind::Date,
                Ok(Val::At(Point::Day(date))),
            ));
        }
        let val = yearless(cx, m, d)?;
        let mut h = Hit::new(i, j + 1, TimeKind::Date, val);
        h.note = Some(YEAR_GUESSED);
        return Some(h);
    }
    if let Some(d) = day_of(w) {
        if cx.kind(i) != Some(TokenKind::Number) {
            return None;
        }
        // "05/05/2025": US order unless only the day-first reading exists.
        if cx.w(i + 1) == "/" && cx.w(i + 3) == "/" && (i..i + 4).all(|k| cx.touching(k)) {
            let b = day_of(cx.w(i + 2)).filter(|_| cx.w(i + 2).len() <= 2)?;
            let y = year_of(cx.w(i + 4))?;
            let a = w.parse::<u32>().ok()?;
            let date = Date::new(y, a, b).or_else(|| Date::new(y, b, a))?;
            return Some(Hit::new(
                i,
                i + 5,
                TimeKind::Date,
                Ok(Val::At(Point::Day(date))),
            ));
        }
        let j = if cx.is(i + 1, "of") { i + 2 } else { i + 1 };
        let (m, _, k) = month_name(cx, j)?;
        let k2 = if cx.w(k) == "," { k + 1 } else { k };
        if let Some(y) = year_of(cx.w(k2)) {
            let date = Date::new(y, m, d)?;
            return Some(Hit::new(
                i,
                k2 + 1,
                TimeKind::Date,
                Ok(Val::At(Point::Day(date))),
            ));
        }
        let mut h = Hit::new(i, k, TimeKind::Date, yearless(cx, m, d)?);
        h.note = Some(YEAR_GUESSED);
        return Some(h);
    }
    iso_date(w).map(|d| Hit::new(i, i + 1, TimeKind::Date, Ok(Val::At(Point::Day(d)))))
}

fn iso_date(w: &str) -> Option<Date> {
    (w.len() == 10).then(|| Date::parse_iso(w))?
}

/// A month: "February 2025", "May of 2025", "in February".
fn month_at(cx: &Cx, i: usize) -> Option<Hit> {
    let (m, abbr, j) = month_name(cx, i)?;
    let k = if cx.is(j, "of") { j + 1 } else { j };
    if let Some(y) = year_of(cx.w(k)) {
        return Some(Hit::new(
            i,
            k + 1,
            TimeKind::Month,
            Ok(Val::At(Point::Month(y, m))),
        ));
    }
    let prev = cx.prev(i);
    // "the Fourth of July": a holiday name, not the month.
    if prev.eq_ignore_ascii_case("of") && i >= 2 && cx.is(i - 2, "Fourth") {
        return None;
    }
    let in_context = MONTH_CONTEXT.iter().any(|c| c.eq_ignore_ascii_case(prev));
    if abbr || (m == 5 && !in_context) {
        return None;
    }
    // "April Ryan", "June Carter": a first name, not a month.
    let next = cx.w(j);
    if !in_context
        && cx.kind(j) == Some(TokenKind::Word)
        && next.chars().next().is_some_and(|c| c.is_uppercase())
    {
        return None;
    }
    let val = resolve_month(cx, i, m, super::relative::Rel::Bare);
    Some(Hit::new(i, j, TimeKind::Month, val))
}

/// The month `m` relative to publication.
pub(crate) fn resolve_month(
    cx: &Cx,
    i: usize,
    m: u32,
    rel: super::relative::Rel,
) -> Result<Val, String> {
    use super::relative::Rel;
    let p = cx.need_pub("a month without a year")?;
    let future = rel == Rel::Bare && cx.future_before(i);
    let y = match rel {
        Rel::This => p.y,
        Rel::Last if m < p.m => p.y,
        Rel::Last => p.y - 1,
        Rel::Next if m > p.m => p.y,
        Rel::Next => p.y + 1,
        Rel::Bare if future && m < p.m => p.y + 1,
        Rel::Bare if !future && m > p.m => p.y - 1,
        Rel::Bare => p.y,
    };
    Ok(Val::At(Point::Month(y, m)))
}

/// Numbers: years in a year context, year ranges ("2019-2021"), decades
/// ("the 1990s").
fn number_at(cx: &Cx, i: usize) -> Option<Hit> {
    if cx.kind(i) != Some(TokenKind::Number) {
        return None;
    }
    let w = cx.w(i);
    if let Some(h) = decade(w) {
        return Some(Hit::new(i, i + 1, TimeKind::Period, Ok(h)));
    }
    if let Some((a, b)) = w.split_once('-') {
        let (a, b) = (year_of(a)?, year_of(b)?);
        if a >= b || !year_context(cx, i) {
            return None;
        }
        return Some(Hit::new(
            i,
            i + 1,
            TimeKind::Period,
            Ok(Val::Span(Point::Year(a), Point::Year(b))),
        ));
    }
    let y = year_of(w)?;
    year_context(cx, i).then(|| Hit::new(i, i + 1, TimeKind::Year, Ok(Val::At(Point::Year(y)))))
}

/// "1990s" as the period 1990/1999.
fn decade(w: &str) -> Option<Val> {
    let y = year_of(w.strip_suffix('s')?)?;
    (y % 10 == 0).then_some(Val::Span(Point::Year(y), Point::Year(y + 9)))
}

/// The number at `i` reads as a year: a preposition before it ("in",
/// "by", "the end of"), "the 2024 election", or "2025’s".
fn year_context(cx: &Cx, i: usize) -> bool {
    let next = cx.w(i + 1);
    if is_quantity_follower(next) || cx.w(i + 1) == "-" {
        return false;
    }
    if matches!(next, "’s" | "'s") {
        return true;
    }
    let prev = cx.prev(i);
    if prev.eq_ignore_ascii_case("of") {
        return i >= 2 && is_of_year_head(cx.w(i - 2));
    }
    if is_year_preposition(prev) {
        // "rose by 2000 jobs": a lowercase plural after it is a quantity.
        let ambiguous = ["by", "to", "from", "and"]
            .iter()
            .any(|p| p.eq_ignore_ascii_case(prev));
        let plural_next = cx.kind(i + 1) == Some(TokenKind::Word)
            && next.ends_with('s')
            && next.chars().next().is_some_and(|c| c.is_lowercase());
        return !(ambiguous && plural_next);
    }
    matches!(prev, "the" | "The" | "its" | "their" | "a") && is_year_event_noun(next)
}

/// "mid-February", "mid-2025", "mid-1990s" (one token).
fn mid_at(cx: &Cx, i: usize) -> Option<Hit> {
    let w = cx.w(i);
    let rest = w.strip_prefix("mid-").or_else(|| w.strip_prefix("Mid-"))?;
    let (kind, val) = if let Some(y) = year_of(rest) {
        (TimeKind::Year, Ok(Val::At(Point::Year(y))))
    } else if let Some(v) = decade(rest) {
        (TimeKind::Period, Ok(v))
    } else {
        let (m, abbr) = month_of(rest)?;
        if abbr {
            return None;
        }
        let y = year_of(cx.w(i + 1));
        match y {
            Some(y) => (TimeKind::Month, Ok(Val::At(Point::Month(y, m)))),
            None => (
                TimeKind::Month,
                resolve_month(cx, i, m, super::relative::Rel::Bare),
            ),
        }
    };
    let last = if kind == TimeKind::Month && year_of(cx.w(i + 1)).is_some() {
        i + 2
    } else {
        i + 1
    };
    Some(Hit::new(i, last, kind, val))
}
