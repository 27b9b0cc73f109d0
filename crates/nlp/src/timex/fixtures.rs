//! Invented fixture sentences with their publication date and the time
//! expressions a reader would mark, as data, so that tests and benchmarks
//! can share them ([`score`] prints precision and recall).
//!
//! 2025-05-03 is a Saturday; 2025-05-07 a Wednesday.

use super::find_times;
use crosscheck_model::timex::TimeKind::{self, *};

/// One expected expression: its exact text, value, kind, and a substring
/// of the note (when one is expected).
#[derive(Debug, Clone, Copy)]
pub struct Expect {
    pub text: &'static str,
    pub value: Option<&'static str>,
    pub kind: TimeKind,
    pub note: Option<&'static str>,
}

#[derive(Debug, Clone, Copy)]
pub struct Fixture {
    pub text: &'static str,
    pub published: Option<&'static str>,
    /// Every expression of `text`, in order; empty for negative fixtures.
    pub expect: &'static [Expect],
}

const fn e(text: &'static str, value: &'static str, kind: TimeKind) -> Expect {
    Expect {
        text,
        value: Some(value),
        kind,
        note: None,
    }
}

const fn unresolved(text: &'static str, kind: TimeKind, note: &'static str) -> Expect {
    Expect {
        text,
        value: None,
        kind,
        note: Some(note),
    }
}

const fn f(text: &'static str, published: &'static str, expect: &'static [Expect]) -> Fixture {
    Fixture {
        text,
        published: Some(published),
        expect,
    }
}

const SAT: &str = "2025-05-03";
const WED: &str = "2025-05-07";

pub const FIXTURES: &[Fixture] = &[
    // Full dates.
    f(
        "The treaty was signed on May 5, 2025, in Lisbon.",
        SAT,
        &[e("May 5, 2025", "2025-05-05", Date)],
    ),
    f(
        "Voting closed on 5 May 2025 after a long count.",
        SAT,
        &[e("5 May 2025", "2025-05-05", Date)],
    ),
    f(
        "The filing, dated 2025-04-28, was unsealed.",
        SAT,
        &[e("2025-04-28", "2025-04-28", Date)],
    ),
    f(
        "A memo dated 04/11/2025 was leaked.",
        SAT,
        &[e("04/11/2025", "2025-04-11", Date)],
    ),
    f(
        "A memo dated 25/11/2024 was leaked.",
        SAT,
        &[e("25/11/2024", "2024-11-25", Date)],
    ),
    f(
        "It opened on Sept. 3, 2024, to crowds.",
        SAT,
        &[e("Sept. 3, 2024", "2024-09-03", Date)],
    ),
    f(
        "The vote on Tuesday, March 4, 2025 was close.",
        SAT,
        &[e("Tuesday, March 4, 2025", "2025-03-04", Date)],
    ),
    // Month and day without a year.
    f(
        "Talks began on April 28 and stalled.",
        SAT,
        &[e("April 28", "2025-04-28", Date)],
    ),
    f(
        "The deadline passed on December 12, officials said.",
        SAT,
        &[e("December 12", "2024-12-12", Date)],
    ),
    f(
        "The summit is on June 20 in Oslo.",
        SAT,
        &[e("June 20", "2025-06-20", Date)],
    ),
    f(
        "It happened on the 9th of March.",
        SAT,
        &[e("9th of March", "2025-03-09", Date)],
    ),
    // Months.
    f(
        "Prices rose in February and fell in March.",
        SAT,
        &[
            e("February", "2025-02", Month),
            e("March", "2025-03", Month),
        ],
    ),
    f(
        "The law passed in October.",
        SAT,
        &[e("October", "2024-10", Month)],
    ),
    f(
        "He resigned last February.",
        SAT,
        &[e("last February", "2025-02", Month)],
    ),
    f(
        "She took office last May.",
        SAT,
        &[e("last May", "2024-05", Month)],
    ),
    f(
        "The plant closed in January 2023.",
        SAT,
        &[e("January 2023", "2023-01", Month)],
    ),
    f(
        "Elections will be held in September.",
        SAT,
        &[e("September", "2025-09", Month)],
    ),
    f(
        "The ceasefire collapsed in mid-March.",
        SAT,
        &[e("mid-March", "2025-03", Month)],
    ),
    f("Sales peaked in May.", SAT, &[e("May", "2025-05", Month)]),
    f(
        "The new tariffs apply starting in July.",
        SAT,
        &[e("July", "2025-07", Month)],
    ),
    f(
        "Checks resume beginning Monday.",
        SAT,
        &[e("Monday", "2025-05-05", Weekday)],
    ),
    // Years and decades.
    f(
        "In 2025, the agency cut its forecast.",
        SAT,
        &[e("2025", "2025", Year)],
    ),
    f(
        "The city aims to be carbon neutral by 2030.",
        SAT,
        &[e("2030", "2030", Year)],
    ),
    f(
        "The 2024 election was disputed.",
        SAT,
        &[e("2024", "2024", Year)],
    ),
    f(
        "Growth slowed at the end of 2024.",
        SAT,
        &[e("2024", "2024", Year)],
    ),
    f(
        "The factory was built in the 1990s.",
        SAT,
        &[e("1990s", "1990/1999", Period)],
    ),
    f(
        "The rules held between 2019 and 2021.",
        SAT,
        &[e("between 2019 and 2021", "2019/2021", Period)],
    ),
    // Weekdays.
    f(
        "In a statement released on Saturday, the ministry denied it.",
        SAT,
        &[e("Saturday", "2025-05-03", Weekday)],
    ),
    f(
        "The ministry denied it on Friday.",
        SAT,
        &[e("Friday", "2025-05-02", Weekday)],
    ),
    f(
        "The minister spoke on Monday.",
        WED,
        &[e("Monday", "2025-05-05", Weekday)],
    ),
    f(
        "Officials said Wednesday that talks had failed.",
        WED,
        &[e("Wednesday", "2025-05-07", Weekday)],
    ),
    f(
        "The council will vote on Friday.",
        WED,
        &[e("Friday", "2025-05-09", Weekday)],
    ),
    f(
        "The council votes next Friday.",
        WED,
        &[e("next Friday", "2025-05-09", Weekday)],
    ),
    f(
        "Fans gather this Sunday.",
        WED,
        &[e("this Sunday", "2025-05-11", Weekday)],
    ),
    f(
        "The raid happened last Thursday.",
        WED,
        &[e("last Thursday", "2025-05-01", Weekday)],
    ),
    // Relative words.
    f(
        "The governor said today that aid was coming.",
        WED,
        &[e("today", "2025-05-07", Relative)],
    ),
    f(
        "Two people were arrested yesterday.",
        WED,
        &[e("yesterday", "2025-05-06", Relative)],
    ),
    f(
        "Protests continued last week.",
        WED,
        &[e("last week", "2025-04-28/2025-05-04", Relative)],
    ),
    f(
        "Inflation eased last month.",
        WED,
        &[e("last month", "2025-04", Relative)],
    ),
    f(
        "Exports fell last year and this year.",
        WED,
        &[
            e("last year", "2024", Relative),
            e("this year", "2025", Relative),
        ],
    ),
    f(
        "The firm was sold two years ago.",
        WED,
        &[e("two years ago", "2023", Relative)],
    ),
    f(
        "The bridge reopened three days ago.",
        WED,
        &[e("three days ago", "2025-05-04", Relative)],
    ),
    // Periods.
    f(
        "Rents have doubled over the past year.",
        "2025-11-19",
        &[e("the past year", "2024-11-19/2025-11-19", Period)],
    ),
    f(
        "Over the past three months, sales fell.",
        WED,
        &[e("the past three months", "2025-02-07/2025-05-07", Period)],
    ),
    f(
        "Prices have risen since January.",
        SAT,
        &[e("since January", "2025-01/2025-05-03", Period)],
    ),
    f(
        "She has led the party since 2019.",
        SAT,
        &[e("since 2019", "2019/2025-05-03", Period)],
    ),
    f(
        "The bank said earlier this month that rates would hold.",
        WED,
        &[e("earlier this month", "2025-05-01/2025-05-07", Period)],
    ),
    f(
        "Cases have risen in the last 10 days.",
        WED,
        &[e("the last 10 days", "2025-04-27/2025-05-07", Period)],
    ),
    f(
        "Attacks have grown in recent years.",
        WED,
        &[unresolved("recent years", Period, "vague")],
    ),
    f(
        "Talks resume in the coming weeks.",
        WED,
        &[unresolved("the coming weeks", Period, "vague")],
    ),
    f(
        "Deaths rose over the past few months.",
        WED,
        &[unresolved("the past few months", Period, "vague")],
    ),
    // No publication date.
    Fixture {
        text: "The minister resigned on Saturday, in February, and the fund was founded in 2019.",
        published: None,
        expect: &[
            unresolved("Saturday", Weekday, "no publication date"),
            unresolved("February", Month, "no publication date"),
            e("2019", "2019", Year),
        ],
    },
    Fixture {
        text: "The report is due next month, after talks on March 3, 2025.",
        published: None,
        expect: &[
            unresolved("next month", Relative, "no publication date"),
            e("March 3, 2025", "2025-03-03", Date),
        ],
    },
    // Negatives: amounts, numbers and names that are not times.
    f("The storm displaced 2,025 people.", SAT, &[]),
    f("Tickets cost $2025 each.", SAT, &[]),
    f("The company filed for Chapter 11 protection.", SAT, &[]),
    f("The 24-hour news cycle moved on.", SAT, &[]),
    f("Unemployment rose by 2000 jobs.", SAT, &[]),
    f("About 1999 residents signed the petition.", SAT, &[]),
    f("April Ryan asked the first question.", SAT, &[]),
    f("May I ask one more thing?", SAT, &[]),
    f(
        "Marchers filled the square, and they may march again.",
        SAT,
        &[],
    ),
    f("The Today show aired the interview.", SAT, &[]),
    f("The flight left at 9:23 PM from gate 12.", SAT, &[]),
    f("The turnout was 1950 of 2100 registered voters.", SAT, &[]),
];

/// Precision and recall of [`find_times`] on [`FIXTURES`]: a found
/// expression counts when its text, value and kind all match.
#[derive(Debug, Clone, Copy, Default)]
pub struct Score {
    pub expected: usize,
    pub found: usize,
    pub correct: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.correct as f64 / self.found as f64
        }
    }

    pub fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.correct as f64 / self.expected as f64
        }
    }
}

pub fn score(fixtures: &[Fixture]) -> Score {
    let mut s = Score::default();
    for fx in fixtures {
        let tokens = crate::tokenize(fx.text);
        let got = find_times(fx.text, &tokens, fx.published);
        s.expected += fx.expect.len();
        s.found += got.len();
        s.correct += got
            .iter()
            .filter(|g| {
                fx.expect.iter().any(|x| {
                    x.text == &fx.text[g.start..g.end]
                        && x.value == g.value.as_deref()
                        && x.kind == g.kind
                })
            })
            .count();
    }
    s
}
