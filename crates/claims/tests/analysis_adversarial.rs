//! Adversarial property tests of the whole per-document analysis
//! (`analyze_document`: entities, quotes, claims) on generated news-like
//! prose: sentences from a small grammar of names, titles, numbers, amounts,
//! dates and reporting cues; quotations in every kind of mark, nested,
//! unbalanced and left open across paragraphs; bylines, datelines, lists,
//! non-Latin scripts, combining marks, emoji, zero-width and control
//! characters. The publication date may be any string. Whatever the text,
//! the analysis returns, deterministically, and the store accepts it
//! (`crosscheck_store::check_analysis`: every span inside the text on
//! character boundaries, every index inside its vector).

use crosscheck_claims::analyze_document;
use proptest::prelude::*;

/// `default_cases` cases, or `PROPTEST_CASES`; a fixed seed in CI (`CI` set)
/// so a run there is deterministic.
fn config(default_cases: u32) -> ProptestConfig {
    let mut c = ProptestConfig {
        cases: default_cases,
        ..ProptestConfig::default()
    };
    if let Some(n) = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        c.cases = n;
    }
    if std::env::var_os("CI").is_some() && std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = proptest::test_runner::RngSeed::Fixed(0x00c0_55c4_ec4b);
    }
    c
}

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(items).prop_map(str::to_string)
}

const NAMES: &[&str] = &[
    "Ana Torres",
    "Mayor Ana Torres",
    "Torres",
    "Sen. Paul Lind (D-Ore.)",
    "White House Deputy Press Secretary Anna Kelly",
    "Dr. Zo\u{eb} de la Cruz",
    "J.R. Smith Jr.",
    "the Dunmore Gazette",
    "the U.S. Department of Veterans Affairs",
    "NATO",
    "El Salvador's president",
    "Velorian officials",
    "she",
    "He",
    "They",
    "Jos\u{e9} Mar\u{ed}a Aznar",
    "\u{41c}\u{430}\u{440}\u{438}\u{44f} \u{418}\u{432}\u{430}\u{43d}\u{43e}\u{432}\u{430}",
    "O\u{2019}Brien",
    // Letters whose case mapping changes their length in bytes.
    "\u{130}lhan \u{d6}zt\u{fc}rk",
    "\u{1c5}ura \u{1e9e}tra\u{df}e",
    "\u{fb01}NANCE MINISTER \u{3a3}\u{39f}\u{3a6}\u{399}\u{391}",
    "MCDONALD",
];

const VERBS: &[&str] = &[
    "said",
    "told reporters",
    "has classified",
    "raised",
    "will cut",
    "may have rejected",
    "reportedly approved",
    "denied that",
    "stated:",
    "wrote on X that",
    "is expected to announce",
    "did not",
];

const OBJECTS: &[&str] = &[
    "the budget by 15%",
    "$500 million",
    "\u{20ac}1.2bn in aid",
    "over 75,000 people",
    "3.5 per cent",
    "a 2-1 vote",
    "1,000,000,000,000,000,000,000 dollars",
    "99999999999999999999%",
    "-0.0 degrees",
    "\u{bd} of the 12 members",
    "the 1990s",
    "No. 10",
    "the plan",
    "nothing",
];

const TIMES: &[&str] = &[
    " on Saturday",
    " in 2025",
    " on May 3, 2025",
    " on 2025-13-45",
    " on February 30",
    " in the year 0",
    " by 99999",
    " last week",
    " at 8:21 a.m. ET",
    " on Sept. 31",
    " in Q3",
    " between 2019 and 2021",
];

/// Quotation marks, as pairs that may be mismatched.
const OPEN: &[&str] = &[
    "\u{201c}", "\"", "'", "\u{2018}", "\u{ab}", "\u{bb}", "\u{201e}", "\u{201a}", "''", "``",
    "\u{300c}", "\u{2039}", "\u{201f}", "",
];
const CLOSE: &[&str] = &[
    "\u{201d}", "\"", "'", "\u{2019}", "\u{bb}", "\u{ab}", "\u{201c}", "''", "\u{300d}",
    "\u{203a}", "",
];

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::option::weighted(
            0.3,
            pick(&[
                "According to the Dunmore Gazette, ",
                "In a statement, ",
                "However, ",
                "WASHINGTON (AP) \u{2014} ",
                "Question: ",
                "1. ",
            ]),
        ),
        pick(NAMES),
        pick(VERBS),
        pick(OBJECTS),
        prop::option::weighted(0.5, pick(TIMES)),
        prop::option::weighted(
            0.3,
            pick(&[
                ", officials said",
                ", she said",
                " \u{2014} which ",
                ", according to Reuters",
                "; ",
                " (AP)",
                " who ",
            ]),
        ),
        pick(&[". ", "? ", "! ", "", "... ", ".\u{201d} ", ":", ";"]),
    )
        .prop_map(|(o, n, v, ob, t, a, end)| {
            format!(
                "{}{n} {v} {ob}{}{}{end}",
                o.unwrap_or_default(),
                t.unwrap_or_default(),
                a.unwrap_or_default()
            )
        })
}

fn quote() -> impl Strategy<Value = String> {
    (
        pick(OPEN),
        prop::collection::vec(sentence(), 1..3),
        pick(CLOSE),
        pick(&[
            ", she said.",
            ", said Ana Torres, a spokeswoman.",
            " Torres told me.",
            ",\u{201d} ",
            "",
            " he added",
            ":",
        ]),
    )
        .prop_map(|(o, s, c, cue)| format!("{o}{}{c}{cue} ", s.concat().trim_end()))
}

fn noise() -> impl Strategy<Value = String> {
    prop_oneof![
        pick(&[
            "By Jane Roe\n",
            "Updated May 3, 2025 8:21 am ET\n",
            "\u{2022} ",
            "\u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{645}\u{631}\u{62d}\u{628}\u{627} ",
            "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} ",
            "e\u{301}\u{302}\u{303} ",
            "\u{200b}\u{200d}\u{2060}\u{feff}",
            "\u{0}\u{7}\u{1b}",
            "\r\n",
            "\u{2028}",
            "U.S.",
            "Mr.",
            " \u{2014} ",
            "(",
            ")",
            "\u{2019}s ",
        ]),
        "\\PC{0,12}",
        "[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8}){0,3}",
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![4 => sentence(), 3 => quote(), 2 => noise(), 1 => pick(OPEN), 1 => pick(CLOSE)],
        1..7,
    )
    .prop_map(|v| v.concat())
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(paragraph(), 0..6),
        pick(&["\n\n", "\n", "\r\n\r\n", " ", "\n\n\n"]),
    )
        .prop_map(|(ps, sep)| ps.join(&sep))
}

fn published() -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(
        0.8,
        prop_oneof![
            pick(&[
                "2025-05-05",
                "2025-13-45",
                "0000-01-01",
                "99999-01-01",
                "2025-02-29",
                "",
                "May 3, 2025",
                "1e9",
                "-2025-05-05",
                "2025-05-05T25:00:00Z",
            ]),
            "\\PC{0,16}",
        ],
    )
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn generated_news_text_gets_an_analysis_the_store_accepts(
        text in document(),
        published in published(),
    ) {
        let a = analyze_document(&text, published.as_deref());
        if let Err(e) = crosscheck_store::check_analysis(&text, &a) {
            return Err(TestCaseError::fail(format!("analysis does not fit the text: {e}")));
        }
        prop_assert_eq!(&a, &analyze_document(&text, published.as_deref()));
    }
}
