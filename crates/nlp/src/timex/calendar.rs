//! Small proleptic-Gregorian date arithmetic: civil date <-> day number
//! (Howard Hinnant's `days_from_civil`), weekdays, month arithmetic, and the
//! points and periods a time expression resolves to.

use std::fmt;

/// A valid calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date, or `None` when it does not exist (February 30).
    pub fn new(y: i32, m: u32, d: u32) -> Option<Date> {
        (d >= 1 && d <= days_in_month(y, m)).then_some(Date { y, m, d })
    }

    /// `YYYY-MM-DD`, optionally followed by a time (`T...` or a space).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || (b.len() > 10 && b[10] != b'T' && b[10] != b' ') {
            return None;
        }
        if b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        Date::new(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date {
            y: y.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
            m,
            d,
        }
    }

    /// 0 = Monday ... 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.days() + 3).rem_euclid(7) as u32
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// Move by whole months, clamping the day (Mar 31 - 1 month = Feb 28).
    pub fn add_months(self, n: i32) -> Date {
        let (y, m) = shift_month(self.y, self.m, n);
        Date {
            y,
            m,
            d: self.d.min(days_in_month(y, m)),
        }
    }

    /// Monday of this date's week.
    pub fn monday(self) -> Date {
        self.add_days(-i64::from(self.weekday()))
    }
}

/// `(year, month)` moved by `n` months.
pub fn shift_month(y: i32, m: u32, n: i32) -> (i32, u32) {
    let total = i64::from(y) * 12 + i64::from(m) - 1 + i64::from(n);
    let y = total.div_euclid(12);
    (
        y.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
        (total.rem_euclid(12) + 1) as u32,
    )
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

/// A day, a month or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    Day(Date),
    Month(i32, u32),
    Year(i32),
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Point::Day(d) => d.fmt(f),
            Point::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Point::Year(y) => write!(f, "{y:04}"),
        }
    }
}

/// What an expression resolves to: one point or a period between two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Val {
    At(Point),
    Span(Point, Point),
}

impl Val {
    pub fn first(self) -> Point {
        match self {
            Val::At(p) | Val::Span(p, _) => p,
        }
    }

    pub fn last(self) -> Point {
        match self {
            Val::At(p) | Val::Span(_, p) => p,
        }
    }
}

impl fmt::Display for Val {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Val::At(p) => p.fmt(f),
            Val::Span(a, b) => write!(f, "{a}/{b}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Date {
        Date::new(y, m, dd).unwrap()
    }

    #[test]
    fn leap_years_and_month_lengths() {
        assert!(is_leap(2024) && is_leap(2000) && !is_leap(1900) && !is_leap(2025));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2025, 2), 28);
        assert_eq!(days_in_month(2025, 13), 0);
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(2025, 4, 31).is_none());
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(d(1970, 1, 1).days(), 0);
        assert_eq!(d(2000, 3, 1).days(), 11_017);
        for z in (-800_000..800_000).step_by(997) {
            assert_eq!(Date::from_days(z).days(), z);
        }
    }

    #[test]
    fn weekdays() {
        assert_eq!(d(2025, 5, 3).weekday(), 5); // Saturday
        assert_eq!(d(2026, 1, 1).weekday(), 3); // Thursday
        assert_eq!(d(1900, 1, 1).weekday(), 0); // Monday
        assert_eq!(d(2025, 5, 7).monday(), d(2025, 5, 5));
    }

    #[test]
    fn month_arithmetic_clamps() {
        assert_eq!(d(2025, 3, 31).add_months(-1), d(2025, 2, 28));
        assert_eq!(d(2025, 1, 15).add_months(-13), d(2023, 12, 15));
        assert_eq!(d(2024, 2, 29).add_months(12), d(2025, 2, 28));
        assert_eq!(shift_month(2025, 12, 1), (2026, 1));
    }

    #[test]
    fn parses_publication_dates() {
        assert_eq!(Date::parse_iso("2025-05-03"), Some(d(2025, 5, 3)));
        assert_eq!(Date::parse_iso("2025-05-03T10:00:00Z"), Some(d(2025, 5, 3)));
        assert_eq!(Date::parse_iso("2025-02-30"), None);
        assert_eq!(Date::parse_iso("2025-5-3"), None);
        assert_eq!(Date::parse_iso("é025-05-03"), None);
        assert_eq!(Date::parse_iso(""), None);
    }

    #[test]
    fn formats() {
        let v = Val::Span(Point::Month(2025, 1), Point::Day(d(2025, 5, 3)));
        assert_eq!(v.to_string(), "2025-01/2025-05-03");
        assert_eq!(Val::At(Point::Year(2025)).to_string(), "2025");
    }
}
