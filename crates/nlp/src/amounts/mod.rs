//! Amounts: percentages, money, counts, measures and ranges, each with its
//! approximation ("over 75,000") and, when it is the size of a change, its
//! direction ("increasing its budget by 15%"). See
//! [`crosscheck_model::amount`] for the unit vocabulary.
//!
//! [`find_amounts`] walks the tokens once. At a number token or a number
//! word it reads the number ([`numbers`]: digits, multipliers, spelled-out
//! numbers, fractions), an optional range ("10-20%", "10 to 20 percent",
//! "between 10 and 20"), the unit before or after it ([`units`]), the
//! approximation cue before it and the direction of the change around it
//! ([`cues`]). A number is skipped when it is not an amount:
//!
//! - a year: 1800–2099 written without separator, with no unit, currency or
//!   cue, and either no counted noun or a preposition before it ("in 2025",
//!   "since 2019", "2019-2020", "the 2025 budget");
//! - a day of a date ("May 5", "5 May", "5/12/2024") or a time ("9:23 PM",
//!   "10 a.m.");
//! - an ordinal ("4th"; "second" is never read as a number), a decade
//!   ("1990s"), a version ("2.0.1", "version 2"), a phone number
//!   ("555-1234"), a score ("3-2");
//! - list numbering: a bare number first on its line followed by ".", ")"
//!   or a capitalised word ("2 Sheinbaum emphasized");
//! - an identifier: a bare number right after a capitalised word that does
//!   not start the sentence ("Flight 370", "Article 5"), or after "No.", "#";
//! - "one" as a pronoun or in a phrase ("one of them", "the one", "no one",
//!   "one another", "one day"), or with nothing counted after it;
//! - "half", "a third", "a quarter" that are not an amount: they need "by",
//!   "in", "than" or a cue before them, or "of", "the", a possessive after.

mod cues;
pub mod fixtures;
mod numbers;
mod units;

pub use crosscheck_model::{Amount, Approx, Direction};

use crate::{Token, TokenKind};
use numbers::{read_core, small_number};

/// Tokens and their text, with case-insensitive word look-ups.
pub(crate) struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Token],
}

impl<'a> Ctx<'a> {
    /// The text of token `i`, or "" past the end.
    fn s(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// Token `i` when it is a word.
    fn word(&self, i: usize) -> Option<&'a str> {
        (self.toks.get(i)?.kind == TokenKind::Word).then(|| self.s(i))
    }

    fn word_is(&self, i: usize, words: &[&str]) -> bool {
        self.word(i)
            .is_some_and(|w| words.iter().any(|x| x.eq_ignore_ascii_case(w)))
    }

    /// Only spaces (no line break) between token `j - 1` and token `j`.
    fn gap_is_space(&self, j: usize) -> bool {
        j > 0
            && self
                .text
                .get(self.toks[j - 1].end..self.toks[j].start)
                .is_some_and(|g| g.chars().all(|c| c == ' ' || c == '\u{a0}'))
    }
}

/// Find the amounts of `text`, in text order, each with its byte span.
/// `tokens` are `crate::tokenize(text)`. Linear in the number of tokens;
/// never panics.
pub fn find_amounts(text: &str, tokens: &[Token]) -> Vec<Amount> {
    let cx = Ctx { text, toks: tokens };
    let mut out = Vec::new();
    let (mut i, mut floor) = (0, 0);
    while i < tokens.len() {
        let kind = tokens[i].kind;
        let found = if kind == TokenKind::Punct {
            None
        } else {
            amount_at(&cx, i, floor)
        };
        match found {
            Some((amount, next)) => {
                if amount.start < amount.end && text.get(amount.start..amount.end).is_some() {
                    out.push(amount);
                }
                i = next.max(i + 1);
                floor = i;
            }
            None => i += 1,
        }
    }
    out
}

const FRACTION_NEXT: [&str; 12] = [
    "of", "the", "its", "their", "his", "her", "our", "a", "an", "all", "that", "those",
];

/// The amount whose number starts at token `i`, and the token after it.
/// No token before `floor` may belong to it.
fn amount_at(cx: &Ctx, i: usize, floor: usize) -> Option<(Amount, usize)> {
    let core = read_core(cx, i)?;
    let w = cx.s(i);
    if core.spelled
        && w.eq_ignore_ascii_case("one")
        && core.next == i + 1
        && cues::is_pronoun_one(cx, i)
    {
        return None;
    }
    let mut first = i;
    // "a dozen", "a million", "a third".
    if core.spelled
        && small_number(w).is_none()
        && !w.eq_ignore_ascii_case("half")
        && core.approx.is_none()
        && !w.contains('-')
        && i > floor
        && cx.word_is(i - 1, &["a", "an", "one"])
    {
        first = i - 1;
    }
    // Currency before the number: "US$5", "€ 5", "USD 40 million".
    let mut currency = core.currency;
    if first == i && i > floor {
        let p = i - 1;
        let glued = cx.toks[p].end == cx.toks[i].start;
        if currency == Some("USD") && glued {
            if let Some(code) = cx.word(p).and_then(units::dollar_prefix) {
                currency = Some(code);
                first = p;
            }
        } else if currency.is_none() && !core.spelled {
            let sign = cx.s(p).chars().next().and_then(units::currency_sign);
            let code = sign
                .filter(|_| cx.s(p).chars().count() == 1)
                .or_else(|| cx.word(p).and_then(units::iso_code));
            if let Some(code) = code {
                currency = Some(code);
                first = p;
            }
        }
    }
    let (unit1, after1) = match core.unit {
        Some(u) => (Some(u), core.next),
        None => match units::unit_after(cx, core.next) {
            Some((u, j)) => (Some(u), j),
            None => (None, core.next),
        },
    };
    let mut value = core.value;
    let mut high = core.high;
    let mut unit = unit1;
    let mut end = after1;
    let between = first > floor && cx.word_is(first - 1, &["between"]);
    let from = first > floor && cx.word_is(first - 1, &["from"]);
    // A range: "10 to 20 percent", "10%-20%", "between 10 and 20".
    let c = after1;
    let connector = matches!(cx.s(c), "-" | "–" | "—")
        || cx.word_is(c, &["to"])
        || (cx.word_is(c, &["and"]) && between);
    if high.is_none() && !core.fraction && core.approx.is_none() && connector {
        if let Some(hi) = read_core(cx, c + 1).filter(|h| h.high.is_none() && !h.fraction) {
            let (unit2, after2) = match hi.unit {
                Some(u) => (Some(u), hi.next),
                None => match units::unit_after(cx, hi.next) {
                    Some((u, j)) => (Some(u), j),
                    None => (None, hi.next),
                },
            };
            let mut lo = value;
            if let (None, Some(m)) = (core.mult, hi.mult) {
                if lo < hi.value / m {
                    lo *= m;
                }
            }
            // "from 5 to 8 percent": two amounts, the first in the unit of the second.
            if from && unit.is_none() && currency.is_none() {
                unit = unit2;
                currency = hi.currency;
            }
            let same_unit = unit1.is_none() || unit2.is_none() || unit1 == unit2;
            let same_money = currency.is_none() || hi.currency.is_none() || currency == hi.currency;
            let years = core.plain && hi.plain && cues::is_year(value);
            if years && unit1.is_none() && unit2.is_none() {
                return None;
            }
            if !from && same_unit && same_money && hi.value > lo && hi.approx.is_none() {
                value = lo;
                high = Some(hi.value);
                unit = unit1.or(unit2);
                currency = currency.or(hi.currency);
                end = after2;
                if between {
                    first -= 1;
                }
            }
        }
    }
    let mut approx = core.approx;
    if let Some((a, s)) = cues::approx_before(cx, first).filter(|&(_, s)| s >= floor) {
        approx = Some(a);
        first = s;
    }
    // The unit.
    let mut noun = None;
    let unit: String = if let Some(code) = currency {
        code.into()
    } else if unit == Some("basis_points") {
        value /= 100.0;
        high = high.map(|h| h / 100.0);
        "percentage_points".into()
    } else if core.fraction {
        "fraction".into()
    } else if let Some(u) = unit {
        u.into()
    } else {
        let mut j = end;
        if core.approx.is_some() && cx.word_is(j, &["of"]) {
            j += 1;
        }
        noun = units::counted_noun(cx, j, value == 1.0);
        "count".into()
    };
    let bare = unit == "count" && approx.is_none() && high.is_none();
    if !core.spelled && !keep_digits(cx, &core, first, bare, noun.is_some()) {
        return None;
    }
    if core.fraction && !w.contains('-') {
        let before =
            first > 0 && (cx.word_is(first - 1, &["by", "in", "than"]) || approx.is_some());
        if !before && !cx.word_is(end, &FRACTION_NEXT) && !cx.word_is(end, &["’s", "'s"]) {
            return None;
        }
    }
    if core.spelled && value == 1.0 && bare && noun.is_none() && high.is_none() {
        return None; // "one" with nothing counted
    }
    let percent = matches!(unit.as_str(), "percent" | "percentage_points" | "fraction");
    let direction = cues::direction(cx, first, end, percent);
    let span_end = cx.toks[end - 1].end;
    let amount = Amount {
        start: cx.toks[first].start,
        end: span_end,
        value,
        high,
        unit,
        noun,
        approx,
        direction,
    };
    Some((amount, end))
}

/// The skip rules for a number written in digits (see the module docs).
fn keep_digits(cx: &Ctx, core: &numbers::Core, first: usize, bare: bool, noun: bool) -> bool {
    let i = core.first;
    if core.currency.is_none() && cues::is_time(cx, i, core.next) {
        return false;
    }
    if bare && cues::is_date(cx, i, core.next, core.value) {
        return false;
    }
    if bare && core.plain && cues::is_year(core.value) {
        let prep = first > 0 && cues::is_year_preposition(cx.s(first - 1));
        if !noun || prep {
            return false;
        }
    }
    // Digit groups of a phone number: "+44 7700 900123".
    let after_number = i > 0
        && cx.toks[i - 1].kind == TokenKind::Number
        && cx.s(i - 1).starts_with(|c: char| c.is_ascii_digit());
    if bare && core.plain && after_number && cx.gap_is_space(i) {
        return false;
    }
    if bare && core.plain && cues::is_list_number(cx, i, core.next) {
        return false;
    }
    if bare && core.currency.is_none() && cues::is_identifier(cx, first, noun) {
        return false;
    }
    true
}

#[cfg(test)]
mod tests;
