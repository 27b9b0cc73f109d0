//! Words around a number: approximations before it ("over", "more than"),
//! the direction of a change it measures ("increasing X by", "a 12% drop"),
//! and the contexts in which a number is not an amount (years, dates,
//! times, list numbering, identifiers, "one of").

use super::Ctx;
use crate::TokenKind;
use crosscheck_model::{Approx, Direction};

/// Multi-word cues, longest first, as lowercase token sequences.
const APPROX_PHRASES: &[(&[&str], Approx)] = &[
    (&["in", "excess", "of"], Approx::Over),
    (&["no", "more", "than"], Approx::Under),
    (&["as", "many", "as"], Approx::Under),
    (&["as", "much", "as"], Approx::Under),
    (&["more", "than"], Approx::Over),
    (&["greater", "than"], Approx::Over),
    (&["at", "least"], Approx::Over),
    (&["upwards", "of"], Approx::Over),
    (&["less", "than"], Approx::Under),
    (&["fewer", "than"], Approx::Under),
    (&["up", "to"], Approx::Under),
    (&["at", "most"], Approx::Under),
    (&["close", "to"], Approx::About),
    (&["an", "estimated"], Approx::About),
    (&["some"], Approx::About),
    (&["over"], Approx::Over),
    (&["above"], Approx::Over),
    (&["exceeding"], Approx::Over),
    (&["under"], Approx::Under),
    (&["below"], Approx::Under),
    (&["about"], Approx::About),
    (&["around"], Approx::About),
    (&["roughly"], Approx::About),
    (&["nearly"], Approx::About),
    (&["almost"], Approx::About),
    (&["approximately"], Approx::About),
    (&["approx"], Approx::About),
    (&["circa"], Approx::About),
    (&["estimated"], Approx::About),
    (&["~"], Approx::About),
];

/// The approximation cue that ends right before token `i`: the cue and its
/// first token. "just"/"well" before a cue belong to it ("just over").
pub(super) fn approx_before(cx: &Ctx, i: usize) -> Option<(Approx, usize)> {
    for (words, approx) in APPROX_PHRASES {
        let n = words.len();
        if i < n {
            continue;
        }
        let start = i - n;
        if words
            .iter()
            .enumerate()
            .all(|(k, w)| cx.s(start + k).eq_ignore_ascii_case(w))
        {
            let start = if start > 0 && cx.word_is(start - 1, &["just", "well", "slightly"]) {
                start - 1
            } else {
                start
            };
            return Some((*approx, start));
        }
    }
    None
}

fn stem_direction(w: &str) -> Option<Direction> {
    const UP: [&str; 20] = [
        "increas", "rais", "rose", "rise", "risen", "rising", "boost", "grew", "grow", "expand",
        "expans", "hike", "hiking", "lift", "climb", "jump", "surg", "soar", "gain", "doubl",
    ];
    const DOWN: [&str; 22] = [
        "reduc", "cut", "decreas", "lower", "drop", "fell", "fall", "declin", "shrank", "shrink",
        "shrunk", "slash", "trim", "plung", "plummet", "sank", "sink", "sunk", "slid", "slip",
        "dip", "contract",
    ];
    let l = w.to_ascii_lowercase();
    if UP.iter().any(|s| l.starts_with(s)) {
        Some(Direction::Increase)
    } else if DOWN.iter().any(|s| l.starts_with(s)) {
        Some(Direction::Decrease)
    } else {
        None
    }
}

fn is_clause_break(s: &str) -> bool {
    matches!(
        s,
        "." | ";" | ":" | "!" | "?" | "\u{201c}" | "\u{201d}" | "\""
    )
}

/// The direction of the change whose size is the amount at tokens
/// `first..next` (`first` includes its approximation cue).
pub(super) fn direction(cx: &Ctx, first: usize, next: usize, percent: bool) -> Option<Direction> {
    if first > 0 {
        let p = first - 1;
        let w = cx.s(p);
        // "rose 3 percent", "down 20%", "up 5%".
        if w.eq_ignore_ascii_case("up") {
            return Some(Direction::Increase);
        }
        if w.eq_ignore_ascii_case("down") {
            return Some(Direction::Decrease);
        }
        if cx.toks[p].kind == TokenKind::Word {
            if let Some(d) = stem_direction(w) {
                return Some(d);
            }
        }
        // "increasing its budget by 15%": a change word within 8 tokens.
        if w.eq_ignore_ascii_case("by") {
            for k in (p.saturating_sub(8)..p).rev() {
                let s = cx.s(k);
                if is_clause_break(s) || cx.toks[k].kind == TokenKind::Number {
                    break;
                }
                if cx.toks[k].kind == TokenKind::Word {
                    if let Some(d) = stem_direction(s) {
                        return Some(d);
                    }
                }
            }
        }
        // "an increase of 15%".
        if w.eq_ignore_ascii_case("of") && p > 0 && cx.toks[p - 1].kind == TokenKind::Word {
            if let Some(d) = stem_direction(cx.s(p - 1)) {
                return Some(d);
            }
        }
    }
    // "a 12% drop", "a 15 percent increase", "20% higher".
    let mut j = next;
    if cx.s(j) == "-" {
        j += 1;
    }
    let w = cx.word(j)?;
    let l = w.to_ascii_lowercase();
    if percent {
        match l.as_str() {
            "higher" | "more" => return Some(Direction::Increase),
            "lower" | "less" | "fewer" => return Some(Direction::Decrease),
            _ => {}
        }
    }
    if matches!(
        l.as_str(),
        "increase" | "rise" | "jump" | "hike" | "gain" | "boost" | "surge" | "growth"
    ) {
        return Some(Direction::Increase);
    }
    if matches!(
        l.as_str(),
        "decrease" | "drop" | "fall" | "cut" | "reduction" | "decline" | "slump" | "plunge"
    ) {
        return Some(Direction::Decrease);
    }
    None
}

fn is_month(w: &str) -> bool {
    const MONTHS: [&str; 23] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
    ];
    let w = w.strip_suffix('.').unwrap_or(w);
    MONTHS.contains(&w) || w == "Dec"
}

/// A time of day: "9:23", "9 p.m.", "10am".
pub(super) fn is_time(cx: &Ctx, first: usize, next: usize) -> bool {
    let glued = |a: usize, b: usize| b < cx.toks.len() && cx.toks[a].end == cx.toks[b].start;
    let colon_after = cx.s(next) == ":" && glued(next - 1, next) && glued(next, next + 1);
    let colon_before = first >= 2 && cx.s(first - 1) == ":" && glued(first - 1, first);
    let clock = cx.word(next).is_some_and(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "a.m."
                | "p.m."
                | "a.m"
                | "p.m"
                | "am"
                | "pm"
                | "gmt"
                | "utc"
                | "est"
                | "edt"
                | "pst"
                | "o'clock"
                | "o’clock"
                | "hrs"
        )
    });
    colon_after || colon_before || clock
}

/// A day of a date: "May 5", "5 May", "5/12/2024", "May 5-7".
pub(super) fn is_date(cx: &Ctx, first: usize, next: usize, value: f64) -> bool {
    let glued = |a: usize, b: usize| b < cx.toks.len() && cx.toks[a].end == cx.toks[b].start;
    if (first > 0 && cx.s(first - 1) == "/" && glued(first - 1, first))
        || (cx.s(next) == "/" && glued(next - 1, next))
    {
        return true;
    }
    let day = (1.0..=31.0).contains(&value) && value.fract() == 0.0;
    day && ((first > 0 && is_month(cx.s(first - 1))) || cx.word(next).is_some_and(is_month))
}

/// A year standing alone: 1800–2099 written without separator, not
/// preceded by a cue or followed by a unit (checked by the caller).
pub(super) fn is_year(value: f64) -> bool {
    (1800.0..=2099.0).contains(&value) && value.fract() == 0.0
}

/// Words after which a year is named ("in 2025").
pub(super) fn is_year_preposition(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "from"
            | "of"
            | "during"
            | "before"
            | "after"
            | "early"
            | "late"
            | "mid"
            | "year"
            | "fiscal"
            | "through"
            | "to"
            | "and"
            | ","
    )
}

/// Only white space stands between the line's start and byte `pos`. Looks
/// back over that white space alone: searching back for the line break
/// through a long paragraph, for every number in it, made the analysis
/// quadratic in the paragraph's length.
fn starts_line(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
    before.is_empty() || before.ends_with('\n')
}

/// A list number at a line start: "2 Sheinbaum emphasized", "3. The".
pub(super) fn is_list_number(cx: &Ctx, first: usize, next: usize) -> bool {
    if !starts_line(cx.text, cx.toks[first].start) {
        return false;
    }
    matches!(cx.s(next), "." | ")")
        || cx
            .word(next)
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
}

/// A number that names something: "Article 5", "Flight 370", "version 2",
/// "No. 10", "Boeing 737".
pub(super) fn is_identifier(cx: &Ctx, first: usize, noun: bool) -> bool {
    if first == 0 {
        return false;
    }
    let p = first - 1;
    if cx.s(p) == "." && p > 0 && cx.word_is(p - 1, &["no", "nos", "vol", "art", "sec"]) {
        return true;
    }
    if cx.s(p) == "#" || cx.s(p) == "+" {
        return true;
    }
    let Some(w) = cx.word(p) else { return false };
    if cx.toks[p].end != cx.toks[first].start && w.eq_ignore_ascii_case("version")
        || w == "v"
        || w == "V"
    {
        return true;
    }
    if is_naming_word(w) {
        return true;
    }
    if noun {
        return false;
    }
    // A capitalised word right before, not at a sentence start.
    let at_start = p == 0
        || matches!(cx.s(p - 1), "." | "!" | "?" | "\n")
        || starts_line(cx.text, cx.toks[p].start);
    w.starts_with(|c: char| c.is_uppercase()) && !at_start && !is_month(w)
}

/// Words that name things by number ("Article 5", "Flight 370").
fn is_naming_word(w: &str) -> bool {
    matches!(
        w,
        "Article"
            | "Section"
            | "Chapter"
            | "Clause"
            | "Paragraph"
            | "Rule"
            | "Amendment"
            | "Title"
            | "Proposition"
            | "Resolution"
            | "Flight"
            | "Route"
            | "Highway"
            | "Interstate"
            | "Room"
            | "Gate"
            | "Terminal"
            | "Platform"
            | "Page"
            | "Phase"
            | "Level"
            | "Stage"
            | "Category"
            | "Grade"
            | "Channel"
            | "Episode"
            | "Season"
            | "Volume"
            | "Part"
            | "Item"
            | "Case"
            | "Ward"
            | "District"
            | "Zone"
            | "Lot"
            | "Version"
            | "Number"
            | "Model"
            | "Bus"
            | "Line"
            | "Block"
            | "Unit"
    )
}

/// "one" that is a pronoun or part of a phrase: "one of", "the one",
/// "no one", "one another", "one day".
pub(super) fn is_pronoun_one(cx: &Ctx, i: usize) -> bool {
    let before = i > 0
        && cx.word_is(
            i - 1,
            &[
                "the", "no", "any", "every", "each", "which", "this", "that", "another", "someone",
                "only", "last", "first", "such",
            ],
        );
    let after = cx
        .toks
        .get(i + 1)
        .is_none_or(|t| t.kind == TokenKind::Punct)
        || cx.word_is(
            i + 1,
            &[
                "of", "another", "who", "that", "which", "day", "time", "way", "thing", "or",
                "and", "is", "was", "has", "had", "would", "will", "can", "could", "might",
            ],
        );
    before || after
}
