//! Time expressions: dates, months, years, weekdays, relative words and
//! periods, normalised against the document's publication date.
//!
//! [`find_times`] scans the tokens once, left to right; at each token it
//! tries the period shapes ([`relative`]: "since January", "the past year",
//! "last week", "yesterday") and then the calendar shapes ([`shapes`]:
//! "May 5, 2025", "in February", "in 2025", "on Saturday"). A match consumes
//! its tokens, so expressions never overlap.
//!
//! Resolution rules (news mostly speaks of the past):
//! - a bare weekday is the last such day on or before publication ("on
//!   Friday" in a Friday wire is that day);
//!   "this"/"coming" Saturday is the next one on or after it, "next
//!   Saturday" (or a future cue such as "will" earlier in the clause) the
//!   next one strictly after it;
//! - a bare month is the most recent such month not after publication
//!   (the next one not before it after a future cue);
//! - a month and day without a year take the publication year, or the year
//!   before when that would put the day more than 61 days after publication;
//! - decades are periods of years: "the 1990s" is `"1990/1999"`.
//!
//! Value formats are described in [`crosscheck_model::timex`].

pub mod calendar;
pub mod fixtures;
mod relative;
mod shapes;
pub mod words;

use crate::{Token, TokenKind};
use calendar::{Date, Val};
pub use crosscheck_model::timex::{TimeExpr, TimeKind};

/// Find the time expressions of `text`, given its tokens (from
/// [`crate::tokenize`]) and its publication date as `YYYY-MM-DD` (a
/// trailing time is ignored). Without a usable publication date, relative
/// expressions keep `value: None` and a note. Never panics.
pub fn find_times(text: &str, tokens: &[Token], published: Option<&str>) -> Vec<TimeExpr> {
    let cx = Cx {
        text,
        toks: tokens,
        published: published.and_then(Date::parse_iso),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match match_at(&cx, i, true) {
            Some(hit) if hit.last > i => {
                let (start, end) = (tokens[hit.first].start, tokens[hit.last - 1].end);
                if start < end && text.get(start..end).is_some() {
                    let (value, note) = match hit.val {
                        Ok(v) => (Some(v.to_string()), hit.note.map(str::to_string)),
                        Err(why) => (None, Some(why)),
                    };
                    out.push(TimeExpr {
                        start,
                        end,
                        value,
                        kind: hit.kind,
                        note,
                    });
                }
                i = hit.last;
            }
            _ => i += 1,
        }
    }
    out
}

/// One expression over tokens `first..last`.
pub(crate) struct Hit {
    pub first: usize,
    pub last: usize,
    pub kind: TimeKind,
    pub val: Result<Val, String>,
    /// A remark on a resolved value ("approximate").
    pub note: Option<&'static str>,
}

impl Hit {
    pub fn new(first: usize, last: usize, kind: TimeKind, val: Result<Val, String>) -> Hit {
        Hit {
            first,
            last,
            kind,
            val,
            note: None,
        }
    }
}

/// The expression starting at token `i`. `outer` allows the shapes that
/// contain other expressions ("since ...", "from ... to ...").
pub(crate) fn match_at(cx: &Cx, i: usize, outer: bool) -> Option<Hit> {
    if outer {
        if let Some(h) = relative::range_at(cx, i) {
            return Some(h);
        }
    }
    relative::relative_at(cx, i).or_else(|| shapes::calendar_at(cx, i))
}

pub(crate) struct Cx<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub published: Option<Date>,
}

impl<'a> Cx<'a> {
    /// Text of token `i`, or "" past the end or on a bad span.
    pub fn w(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    pub fn is(&self, i: usize, word: &str) -> bool {
        self.w(i).eq_ignore_ascii_case(word)
    }

    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        let w = self.w(i);
        words.iter().any(|x| x.eq_ignore_ascii_case(w))
    }

    /// Text of the token before `i`, or "".
    pub fn prev(&self, i: usize) -> &'a str {
        if i == 0 {
            ""
        } else {
            self.w(i - 1)
        }
    }

    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Tokens `i` and `i + 1` touch (no space between).
    pub fn touching(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// The publication date, or why a `what` cannot be resolved.
    pub fn need_pub(&self, what: &str) -> Result<Date, String> {
        self.published
            .ok_or_else(|| format!("no publication date to resolve {what}"))
    }

    /// The clause before token `i` speaks of the future ("will meet on
    /// Saturday"). Looks back at most 10 tokens, stopping at a sentence end.
    pub fn future_before(&self, i: usize) -> bool {
        let lo = i.saturating_sub(10);
        for j in (lo..i).rev() {
            let w = self.w(j);
            if matches!(w, "." | "!" | "?" | ";" | "“" | "”" | "\"") {
                return false;
            }
            if words::is_future_cue(w) {
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests;
