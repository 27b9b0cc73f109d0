//! Invented sentences with the amounts they contain, for tests and for
//! measuring precision and recall ([`evaluate`]). Every shape of the
//! "amounts" issue has at least one positive fixture; the last fixtures
//! contain numbers that are not amounts (years, dates, times, ordinals,
//! list numbering, phone numbers, versions, identifiers, "one of").

use crosscheck_model::{Amount, Approx, Direction};

/// One expected amount: its exact text and its normalised reading.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExpectedAmount {
    pub text: &'static str,
    pub value: f64,
    pub high: Option<f64>,
    pub unit: &'static str,
    pub noun: Option<&'static str>,
    pub approx: Option<Approx>,
    pub direction: Option<Direction>,
}

const fn e(text: &'static str, value: f64, unit: &'static str) -> ExpectedAmount {
    ExpectedAmount {
        text,
        value,
        high: None,
        unit,
        noun: None,
        approx: None,
        direction: None,
    }
}

impl ExpectedAmount {
    const fn hi(self, high: f64) -> Self {
        ExpectedAmount {
            high: Some(high),
            ..self
        }
    }
    const fn noun(self, noun: &'static str) -> Self {
        ExpectedAmount {
            noun: Some(noun),
            ..self
        }
    }
    const fn over(self) -> Self {
        self.ap(Approx::Over)
    }
    const fn under(self) -> Self {
        self.ap(Approx::Under)
    }
    const fn about(self) -> Self {
        self.ap(Approx::About)
    }
    const fn ap(self, a: Approx) -> Self {
        ExpectedAmount {
            approx: Some(a),
            ..self
        }
    }
    const fn up(self) -> Self {
        ExpectedAmount {
            direction: Some(Direction::Increase),
            ..self
        }
    }
    const fn down(self) -> Self {
        ExpectedAmount {
            direction: Some(Direction::Decrease),
            ..self
        }
    }

    /// Does `found` (in `text`) read this amount?
    pub fn matches(&self, text: &str, found: &Amount) -> bool {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * a.abs().max(1.0);
        text.get(found.start..found.end) == Some(self.text)
            && close(found.value, self.value)
            && match (found.high, self.high) {
                (Some(a), Some(b)) => close(a, b),
                (None, None) => true,
                _ => false,
            }
            && found.unit == self.unit
            && found.noun.as_deref() == self.noun
            && found.approx == self.approx
            && found.direction == self.direction
    }
}

const PCT: &str = "percent";

/// Sentences and the amounts in them, in text order.
pub const FIXTURES: &[(&str, &[ExpectedAmount])] = &[
    // Changes with a direction.
    (
        "The ministry said it was increasing its road budget by 15% next year.",
        &[e("15%", 15.0, PCT).up()],
    ),
    (
        "Officials credited the scheme with reducing burglaries by 12% in two provinces.",
        &[
            e("12%", 12.0, PCT).down(),
            e("two", 2.0, "count").noun("province"),
        ],
    ),
    (
        "Unemployment fell 3 percent in the northern region.",
        &[e("3 percent", 3.0, PCT).down()],
    ),
    (
        "Ticket sales were down 20% compared with the spring.",
        &[e("20%", 20.0, PCT).down()],
    ),
    (
        "The council cut the parks budget by half.",
        &[e("half", 0.5, "fraction").down()],
    ),
    (
        "A 12% drop in exports worried the central bank.",
        &[e("12%", 12.0, PCT).down()],
    ),
    (
        "The agency reported a 15 percent increase in applications.",
        &[e("15 percent", 15.0, PCT).up()],
    ),
    (
        "Rents rose 2 percentage points faster than wages.",
        &[e("2 percentage points", 2.0, "percentage_points").up()],
    ),
    (
        "The company cut its workforce by 30% and raised prices by 5%.",
        &[e("30%", 30.0, PCT).down(), e("5%", 5.0, PCT).up()],
    ),
    (
        "Emissions were reduced last year by 20% across the sector.",
        &[e("20%", 20.0, PCT).down()],
    ),
    (
        "The central bank raised rates by 50 basis points.",
        &[e("50 basis points", 0.5, "percentage_points").up()],
    ),
    (
        "Sales grew by an estimated 8% in the quarter.",
        &[e("an estimated 8%", 8.0, PCT).about().up()],
    ),
    (
        "Spending on schools will increase by nearly a third.",
        &[e("nearly a third", 1.0 / 3.0, "fraction").about().up()],
    ),
    // Money.
    (
        "The lender announced a $500 million loan to the port authority.",
        &[e("$500 million", 5e8, "USD")],
    ),
    ("The fund holds €2bn in reserves.", &[e("€2bn", 2e9, "EUR")]),
    (
        "The town received 1.2 million pesos for repairs.",
        &[e("1.2 million pesos", 1.2e6, "MXN")],
    ),
    (
        "The firm paid US$3.5 million in fines.",
        &[e("US$3.5 million", 3.5e6, "USD")],
    ),
    (
        "The deal is worth £40m to the club.",
        &[e("£40m", 4e7, "GBP")],
    ),
    (
        "Each family will receive 300 dollars a month.",
        &[e("300 dollars", 300.0, "USD")],
    ),
    // Counts and approximations.
    (
        "Police have detained over 75,000 alleged gang members since the decree.",
        &[e("over 75,000", 75000.0, "count")
            .over()
            .noun("gang member")],
    ),
    (
        "Nearly a dozen reporters waited outside the courthouse.",
        &[e("Nearly a dozen", 12.0, "count").about().noun("reporter")],
    ),
    (
        "Two hundred protesters gathered in the square.",
        &[e("Two hundred", 200.0, "count").noun("protester")],
    ),
    (
        "Fewer than 300 households still lack power.",
        &[e("Fewer than 300", 300.0, "count")
            .under()
            .noun("household")],
    ),
    (
        "Up to 40 flights were cancelled on Tuesday.",
        &[e("Up to 40", 40.0, "count").under().noun("flight")],
    ),
    (
        "At least 14 people were injured in the collision.",
        &[e("At least 14", 14.0, "count").over().noun("person")],
    ),
    (
        "The plant employs some 3,500 workers.",
        &[e("some 3,500", 3500.0, "count").about().noun("worker")],
    ),
    (
        "Around 50k fans attended the final.",
        &[e("Around 50k", 5e4, "count").about().noun("fan")],
    ),
    (
        "Thousands of residents signed the petition.",
        &[e("Thousands", 1e3, "count").over().noun("resident")],
    ),
    (
        "Tens of thousands of demonstrators filled the avenue.",
        &[e("Tens of thousands", 1e4, "count")
            .over()
            .noun("demonstrator")],
    ),
    (
        "Half a million people lost power in the storm.",
        &[e("Half a million", 5e5, "count").noun("person")],
    ),
    (
        "In 2024 the city planted 5,000 trees.",
        &[e("5,000", 5000.0, "count").noun("tree")],
    ),
    // Percentages and fractions.
    (
        "Just over 40% of respondents agreed.",
        &[e("Just over 40%", 40.0, PCT).over()],
    ),
    (
        "Turnout was roughly three-quarters of registered voters.",
        &[e("roughly three-quarters", 0.75, "fraction").about()],
    ),
    (
        "More than half of the ballots were counted by noon.",
        &[e("More than half", 0.5, "fraction").over()],
    ),
    (
        "About 7 per cent of the loans were never repaid.",
        &[e("About 7 per cent", 7.0, PCT).about()],
    ),
    // Ranges.
    (
        "Between 10 and 20 volunteers are expected each weekend.",
        &[e("Between 10 and 20", 10.0, "count")
            .hi(20.0)
            .noun("volunteer")],
    ),
    (
        "Analysts expect growth of 10-20% over the decade.",
        &[e("10-20%", 10.0, PCT).hi(20.0).up()],
    ),
    (
        "Prices could rise 10 to 20 percent this winter.",
        &[e("10 to 20 percent", 10.0, PCT).hi(20.0).up()],
    ),
    (
        "The repairs will cost $10-20 million.",
        &[e("$10-20 million", 1e7, "USD").hi(2e7)],
    ),
    // Measures.
    (
        "Inspectors seized about 240 tonnes of fertiliser at the border.",
        &[e("about 240 tonnes", 240.0, "tonne").about()],
    ),
    (
        "The march covered 1,600 miles in six weeks.",
        &[
            e("1,600 miles", 1600.0, "mile"),
            e("six weeks", 6.0, "week"),
        ],
    ),
    (
        "The bridge is 12 kilometres long.",
        &[e("12 kilometres", 12.0, "kilometre")],
    ),
    (
        "She was sentenced to a 12-year term.",
        &[e("12-year", 12.0, "year")],
    ),
    (
        "The refinery processes 80,000 barrels a day.",
        &[e("80,000 barrels", 8e4, "barrel")],
    ),
    // Numbers that are not amounts.
    ("The reform was approved in 2025 after a long debate.", &[]),
    ("The summit opened on May 5 in the capital.", &[]),
    ("Voting closed at 9:23 PM local time.", &[]),
    ("The team finished in second place for the 4th time.", &[]),
    (
        "Intro line\n2 Ministers rejected the proposal on Monday.",
        &[],
    ),
    ("She was one of them, and the one who spoke first.", &[]),
    ("Call the hotline at 555-1234 for details.", &[]),
    ("The app was updated to version 2.1 last week.", &[]),
    ("The search for Flight 370 resumed in March 2014.", &[]),
    ("The 1990s were a decade of reform.", &[]),
    ("From 2019 to 2021 the ministry kept its budget flat.", &[]),
    ("No one expected the 2026 budget to pass.", &[]),
    ("The home side won 3-2 on Sunday.", &[]),
];

/// The result of running [`crate::find_amounts`] over [`FIXTURES`].
#[derive(Debug, Default)]
pub struct Score {
    pub expected: usize,
    pub found: usize,
    pub matched: usize,
    /// One line per missed or unexpected amount.
    pub errors: Vec<String>,
}

impl Score {
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.matched as f64 / self.found as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.matched as f64 / self.expected as f64
        }
    }
}

/// Run the extractor over every fixture and count expected, found and
/// exactly matching amounts (same text, value, range, unit, noun,
/// approximation and direction).
pub fn evaluate() -> Score {
    let mut score = Score::default();
    for (text, expected) in FIXTURES {
        let found = crate::find_amounts(text, &crate::tokenize(text));
        score.expected += expected.len();
        score.found += found.len();
        let mut used = vec![false; found.len()];
        for exp in expected.iter() {
            let hit = (0..found.len()).find(|&k| !used[k] && exp.matches(text, &found[k]));
            match hit {
                Some(k) => {
                    used[k] = true;
                    score.matched += 1;
                }
                None => score.errors.push(format!("missed {exp:?} in {text:?}")),
            }
        }
        for (k, f) in found.iter().enumerate() {
            if !used[k] {
                let t = text.get(f.start..f.end).unwrap_or("");
                score
                    .errors
                    .push(format!("unexpected {t:?} {f:?} in {text:?}"));
            }
        }
    }
    score
}
