//! Relative and period shapes: "yesterday", "last week", "next Saturday",
//! "two years ago", "the past three months", "in recent years", and the
//! ranges "since January", "from 2019 to 2021", "between 2019 and 2021".

use super::calendar::{Date, Point, Val};
use super::shapes::{resolve_month, resolve_weekday, Mode};
use super::words::{count_of, is_vague_count, month_of, unit_of, weekday_of, Unit};
use super::{match_at, Cx, Hit};
use crosscheck_model::timex::TimeKind;

/// How a month or weekday is anchored: as written, or "last"/"this"/"next".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rel {
    Bare,
    Last,
    This,
    Next,
}

const VAGUE: &str = "vague period: the text gives no length";

fn day(d: Date) -> Point {
    Point::Day(d)
}

/// "since X" (X to publication), "from X to Y", "between X and Y".
pub(crate) fn range_at(cx: &Cx, i: usize) -> Option<Hit> {
    if cx.is(i, "since") {
        // "since late January": the modifier does not move the start month.
        let j = if cx.is_any(i + 1, &["early", "late", "mid"]) {
            i + 2
        } else {
            i + 1
        };
        let inner = match_at(cx, j, false)?;
        let val = inner.val.and_then(|v| {
            let p = cx.need_pub("the end of a period")?;
            Ok(Val::Span(v.first(), day(p)))
        });
        return Some(Hit::new(i, inner.last, TimeKind::Period, val));
    }
    let joins: &[&str] = if cx.is(i, "from") {
        &["to", "until", "till", "through", "-", "–"]
    } else if cx.is(i, "between") {
        &["and"]
    } else {
        return None;
    };
    let a = match_at(cx, i + 1, false)?;
    if !cx.is_any(a.last, joins) {
        return None;
    }
    let b = match_at(cx, a.last + 1, false)?;
    let val = match (a.val, b.val) {
        (Ok(x), Ok(y)) => Ok(Val::Span(x.first(), y.last())),
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    Some(Hit::new(i, b.last, TimeKind::Period, val))
}

pub(crate) fn relative_at(cx: &Cx, i: usize) -> Option<Hit> {
    deictic_at(cx, i)
        .or_else(|| anchored_at(cx, i))
        .or_else(|| ago_at(cx, i))
        .or_else(|| span_at(cx, i))
}

/// "today", "yesterday", "tomorrow", "tonight", "last night", "this morning".
fn deictic_at(cx: &Cx, i: usize) -> Option<Hit> {
    let w = cx.w(i);
    let (shift, last) = if cx.is_any(i, &["today", "tonight"]) {
        (0, i + 1)
    } else if cx.is(i, "yesterday") {
        (-1, i + 1)
    } else if cx.is(i, "tomorrow") {
        (1, i + 1)
    } else if cx.is(i, "last") && cx.is(i + 1, "night") {
        (-1, i + 2)
    } else if cx.is(i, "this") && cx.is_any(i + 1, &["morning", "afternoon", "evening"]) {
        (0, i + 2)
    } else {
        return None;
    };
    // "USA Today", "the Today show": a capitalised name mid-sentence.
    let prev = cx.prev(i);
    if w.starts_with(|c: char| c.is_uppercase())
        && prev.starts_with(|c: char| c.is_alphabetic())
        && !prev.eq_ignore_ascii_case("and")
    {
        return None;
    }
    let val = cx
        .need_pub("a relative day")
        .map(|p| Val::At(day(p.add_days(shift))));
    Some(Hit::new(i, last, TimeKind::Relative, val))
}

/// "last/this/next" + week, weekend, month, year, a weekday or a month.
fn anchored_at(cx: &Cx, i: usize) -> Option<Hit> {
    let (rel, j) = if cx.is(i, "this") && cx.is(i + 1, "past") {
        (Rel::Last, i + 2)
    } else if cx.is(i, "last") {
        (Rel::Last, i + 1)
    } else if cx.is_any(i, &["this", "coming"]) {
        (Rel::This, i + 1)
    } else if cx.is(i, "next") {
        (Rel::Next, i + 1)
    } else if cx.is_any(i, &["earlier", "later"]) && cx.is(i + 1, "this") {
        return part_of_unit_at(cx, i);
    } else {
        return None;
    };
    let w = cx.w(j);
    if let Some(wd) = weekday_of(w) {
        let mode = match rel {
            Rel::Last => Mode::Past,
            Rel::Bare => Mode::Latest,
            Rel::This => Mode::This,
            Rel::Next => Mode::Next,
        };
        let val = resolve_weekday(cx, j, wd, mode);
        return Some(Hit::new(i, j + 1, TimeKind::Weekday, val));
    }
    if let Some((m, false)) = month_of(w) {
        let val = resolve_month(cx, j, m, rel);
        return Some(Hit::new(i, j + 1, TimeKind::Month, val));
    }
    let step = match rel {
        Rel::Last => -1,
        Rel::Next => 1,
        _ => 0,
    };
    let val = |f: &dyn Fn(Date) -> Val| cx.need_pub("a relative expression").map(f);
    let val = if cx.is(j, "week") {
        val(&|p| {
            let m = p.monday().add_days(7 * step);
            Val::Span(day(m), day(m.add_days(6)))
        })
    } else if cx.is(j, "weekend") {
        val(&|p| {
            let sat = p.monday().add_days(7 * step + 5);
            Val::Span(day(sat), day(sat.add_days(1)))
        })
    } else if cx.is(j, "month") {
        val(&|p| {
            let (y, m) = super::calendar::shift_month(p.y, p.m, step as i32);
            Val::At(Point::Month(y, m))
        })
    } else if cx.is(j, "year") {
        val(&|p| Val::At(Point::Year(p.y + step as i32)))
    } else {
        return None;
    };
    Some(Hit::new(i, j + 1, TimeKind::Relative, val))
}

/// "earlier this month" (start of the month to publication), "later this
/// year" (publication to the end of the year).
fn part_of_unit_at(cx: &Cx, i: usize) -> Option<Hit> {
    let earlier = cx.is(i, "earlier");
    let unit = cx.w(i + 2).to_ascii_lowercase();
    if !matches!(unit.as_str(), "week" | "month" | "year") {
        return None;
    }
    let val = cx.need_pub("a relative expression").map(|p| {
        let (lo, hi) = match unit.as_str() {
            "week" => (p.monday(), p.monday().add_days(6)),
            "month" => {
                let first = Date { d: 1, ..p };
                (first, first.add_months(1).add_days(-1))
            }
            _ => (Date { m: 1, d: 1, ..p }, Date { m: 12, d: 31, ..p }),
        };
        if earlier {
            Val::Span(day(lo), day(p))
        } else {
            Val::Span(day(p), day(hi))
        }
    });
    Some(Hit::new(i, i + 3, TimeKind::Period, val))
}

/// Publication moved back (`sign` -1) or forward by `n` units.
fn shifted(p: Date, unit: Unit, n: i64, sign: i64) -> Date {
    let months = |k: i64| p.add_months((sign * k).clamp(-12_000, 12_000) as i32);
    match unit {
        Unit::Day => p.add_days(sign * n),
        Unit::Week => p.add_days(sign * 7 * n),
        Unit::Month => months(n),
        Unit::Year => months(12 * n),
        Unit::Decade => months(120 * n),
    }
}

/// "two years ago", "a week ago", "three days ago".
fn ago_at(cx: &Cx, i: usize) -> Option<Hit> {
    let n = count_of(cx.w(i))?;
    let (unit, _) = unit_of(cx.w(i + 1))?;
    if !cx.is(i + 2, "ago") {
        return None;
    }
    let mut approx = false;
    let val = cx.need_pub("a relative expression").map(|p| {
        let d = shifted(p, unit, i64::from(n), -1);
        Val::At(match unit {
            Unit::Day => day(d),
            Unit::Week => {
                approx = true;
                day(d)
            }
            Unit::Month => Point::Month(d.y, d.m),
            Unit::Year | Unit::Decade => Point::Year(d.y),
        })
    });
    let mut h = Hit::new(i, i + 3, TimeKind::Relative, val);
    h.note = approx.then_some("approximate: the day a whole number of weeks before publication");
    Some(h)
}

/// "the past year", "over the last three months", "the next two years",
/// "the past few weeks" and "recent years" (vague), "the coming days".
fn span_at(cx: &Cx, i: usize) -> Option<Hit> {
    let the = cx.is(i, "the");
    let j = if the { i + 1 } else { i };
    if cx.is(j, "recent") {
        unit_of(cx.w(j + 1)).filter(|&(_, plural)| plural)?;
        return Some(Hit::new(i, j + 2, TimeKind::Period, Err(VAGUE.into())));
    }
    let forward = if cx.is_any(j, &["next", "coming"]) {
        true
    } else if cx.is(j, "past") || (the && cx.is(j, "last")) {
        false
    } else {
        return None;
    };
    // "next year" without "the" is a relative year, handled elsewhere.
    if !the && forward {
        return None;
    }
    let mut k = j + 1;
    let count = if let Some(n) = count_of(cx.w(k)).filter(|&n| n > 0) {
        k += 1;
        Some(n)
    } else if is_vague_count(cx.w(k)) {
        k += if cx.is(k + 1, "of") { 2 } else { 1 };
        None
    } else {
        None
    };
    let (unit, plural) = unit_of(cx.w(k))?;
    let val = match count {
        None if plural => Err(VAGUE.to_string()),
        _ => {
            let n = i64::from(count.unwrap_or(1));
            cx.need_pub("a period").map(|p| {
                if forward {
                    Val::Span(day(p), day(shifted(p, unit, n, 1)))
                } else {
                    Val::Span(day(shifted(p, unit, n, -1)), day(p))
                }
            })
        }
    };
    Some(Hit::new(i, k + 1, TimeKind::Period, val))
}
