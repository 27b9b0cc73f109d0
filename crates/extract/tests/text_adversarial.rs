//! Adversarial property tests of the text-dump path (`clean_page_text`,
//! `clean_text`, `page_lines`, `LineEvidence`): dumps generated from lines of
//! page chrome and prose, dates in many formats (and impossible ones),
//! bylines, repeated paragraphs, CR/LF mixes, lines of punctuation, long
//! lines, empty lines, control and combining characters, RTL text, emoji and
//! zero-width joiners; and cross-document evidence from several such pages
//! of one outlet. Whatever the dump, cleaning returns, deterministically, a
//! well-formed result (`support::check_extracted`) whose blocks are text of
//! the input.

use crosscheck_extract::{clean_page_text, clean_text, page_lines, LineEvidence};
use crosscheck_model::Metadata;
use proptest::prelude::*;

mod support;
use support::{check_extracted, config};

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(items).prop_map(str::to_string)
}

const CHROME: &[&str] = &[
    "Close Menu",
    "  \u{2022} Home",
    "\u{2022} World",
    "Share. Facebook Twitter WhatsApp Email",
    "Sign up for our newsletter",
    "We use cookies to improve your experience. Accept",
    "Advertisement",
    "\u{a9} 2025 The Dunmore Gazette. All rights reserved.",
    "Leave a comment",
    "Tags: council, budget, harbour",
    "1) Council Backs Plan to Rebuild the Old Pier",
    "6 Mins Read",
    "Skip to content",
    "THE DUNMORE GAZETTE",
    "Loading...",
    "Photo: Jane Roe / Reuters",
    "Read more",
    "Related Stories",
    "Table of Contents",
    "123 Harbour Street, Dunmore DN1 2AB",
];

const PROSE: &[&str] = &[
    "The council approved the budget on Monday after a long debate about the harbour and the old pier.",
    "\u{201c}We will not pay for it,\u{201d} Mayor Ana Torres said on Saturday, according to the Dunmore Gazette.",
    "Officials said more than 75,000 people had been evacuated by Tuesday evening, the ministry reported.",
    "The plan, which will cost $500 million, is expected to be finished by 2027, a spokesman told reporters.",
    "Le conseil a approuv\u{e9} le budget lundi apr\u{e8}s un long d\u{e9}bat sur le port.",
    "\u{645}\u{62c}\u{644}\u{633} \u{627}\u{644}\u{645}\u{62f}\u{64a}\u{646}\u{629} \u{648}\u{627}\u{641}\u{642} \u{639}\u{644}\u{649} \u{627}\u{644}\u{645}\u{64a}\u{632}\u{627}\u{646}\u{64a}\u{629} \u{64a}\u{648}\u{645} \u{627}\u{644}\u{627}\u{62b}\u{646}\u{64a}\u{646}.",
    "\u{5d4}\u{5de}\u{5d5}\u{5e2}\u{5e6}\u{5d4} \u{5d0}\u{5d9}\u{5e9}\u{5e8}\u{5d4} \u{5d0}\u{5ea} \u{5d4}\u{5ea}\u{5e7}\u{5e6}\u{5d9}\u{5d1} \u{5d1}\u{5d9}\u{5d5}\u{5dd} \u{5e9}\u{5e0}\u{5d9}.",
    "\u{5e02}\u{8bae}\u{4f1a}\u{5468}\u{4e00}\u{6279}\u{51c6}\u{4e86}\u{9884}\u{7b97}\u{3002}",
    "The cafe\u{301} owner, Zoe\u{308} Brontë, said the za\u{308}hlung was late \u{1F600} again.",
    "ACCORDING TO THE \u{130}STANBUL TIMES, the \u{fb01}nance minister \u{1c5}ura said the plan would cost \u{3a3}1.2bn.",
    "Families \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} waited \u{1F1FA}\u{1F1F8} at the border\u{200b} for hours\u{2060} in the rain.",
];

/// Dates as pages print them, and impossible ones.
const DATES: &[&str] = &[
    "May 3, 2025",
    "Saturday, July 5",
    "2025-05-03",
    "2025-13-45",
    "0000-01-01",
    "99999-01-01",
    "05/03/2025",
    "31/02/2025",
    "3rd of May 2025",
    "Updated 14.11.2025 08:21",
    "Published: 2025-05-03T10:15:00Z",
    "February 30, 2024",
    "Posted on 12 May 2024 by admin",
    "MAY 3, 2025 | 8:21 AM ET",
    "1 hour ago",
    "Year 0",
    "2025/05/03",
];

const BYLINES: &[&str] = &[
    "By Jane Roe",
    "By Jane RoeMarch 5, 2024",
    "By JANE ROE and Ali Bay, Political Editor",
    "Written by Zo\u{eb} de la Cruz \u{b7} 9 August 2025",
    "By",
    "Jane Roe is the political editor of the Gazette.",
    "Reporting by Reuters; editing by Jane Roe",
    "With contributions from the Associated Press",
];

/// One line of a dump (without its line break).
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => pick(CHROME),
        5 => pick(PROSE),
        2 => pick(DATES),
        2 => pick(BYLINES),
        2 => Just(String::new()),
        1 => "[ \t\u{a0}]{1,6}",
        1 => "[.,;:!?\u{2014}\u{2013}\u{2022}\u{b7}*#=_|/\\\\-]{1,40}",
        1 => "\\PC{0,80}",
        1 => any::<String>().prop_map(|s| s.chars().take(40).collect()),
        1 => "[\u{0}-\u{1f}\u{7f}-\u{9f}\u{200b}-\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{feff}]{1,12}",
        1 => "[a\u{300}-\u{36f}]{1,30}",
        // A long line: a paragraph repeated (bounded: a very long paragraph
        // is a speed question, tested elsewhere).
        1 => (prop::sample::select(PROSE), 2..30usize).prop_map(|(p, n)| p.repeat(n)),
        1 => "[A-Z][a-z]{2,9}( [A-Z][a-z]{2,9}){1,6}",
    ]
}

/// Line breaks of every convention, mixed.
fn newline() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        6 => Just("\n"),
        2 => Just("\r\n"),
        1 => Just("\r"),
        1 => Just("\n\n"),
        1 => Just("\n\r\n\r"),
        1 => Just("\u{2028}"),
        1 => Just("\u{85}"),
        1 => Just("\u{c}"),
    ]
}

/// A dump: lines with mixed breaks; some lines (paragraphs, menus) repeated
/// later in the page.
fn dump() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((line(), newline()), 0..60),
        prop::collection::vec(
            (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
            0..6,
        ),
    )
        .prop_map(|(mut lines, repeats)| {
            for (from, to) in repeats {
                if !lines.is_empty() {
                    let l = from.get(&lines).clone();
                    let at = to.index(lines.len() + 1);
                    lines.insert(at, l);
                }
            }
            lines.iter().map(|(l, nl)| format!("{l}{nl}")).collect()
        })
}

fn meta() -> impl Strategy<Value = Metadata> {
    let f = || prop::option::weighted(0.25, prop_oneof![pick(DATES), pick(BYLINES), line()]);
    (
        prop::option::weighted(
            0.3,
            pick(&[
                "https://www.dunmore.example/2025/05/03/pier",
                "not a url",
                "",
                "https://",
            ]),
        ),
        f(),
        f(),
        f(),
        f(),
        f(),
    )
        .prop_map(
            |(url, title, outlet, author, published, published_source)| Metadata {
                url,
                title,
                outlet,
                author,
                published,
                published_source,
                crawled: None,
            },
        )
}

fn ws_norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Blocks are text of the input (whitespace collapsed), and the result is
/// well formed.
fn check_cleaned(input: &str, e: &crosscheck_model::Extracted) -> Result<(), TestCaseError> {
    check_extracted(e, input.len())?;
    let norm = ws_norm(input);
    for b in &e.blocks {
        prop_assert!(
            norm.contains(&ws_norm(&b.text)),
            "block not in the input: {:?}",
            b.text
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(192))]

    #[test]
    fn generated_dumps_clean_to_well_formed_results(text in dump(), meta in meta()) {
        let e = clean_page_text(&text, &meta, &LineEvidence::default());
        check_cleaned(&text, &e)?;
        prop_assert_eq!(&e, &clean_page_text(&text, &meta, &LineEvidence::default()));
        let c = clean_text(&text, &meta);
        check_cleaned(&text, &c)?;
    }

    #[test]
    fn page_lines_are_sorted_distinct_fingerprints(text in dump(), meta in meta()) {
        let p = page_lines(&text, &meta);
        prop_assert!(p.fingerprints.windows(2).all(|w| w[0] < w[1]));
        prop_assert_eq!(p.outlet_key.trim(), p.outlet_key.as_str());
        prop_assert_eq!(&p, &page_lines(&text, &meta));
    }

    #[test]
    fn dumps_with_evidence_from_pages_of_their_outlet_clean_to_well_formed_results(
        pages in prop::collection::vec(dump(), 1..5),
        twice in any::<bool>(),
    ) {
        let meta = Metadata {
            outlet: Some("Dunmore Gazette".into()),
            ..Metadata::default()
        };
        let mut evidence = LineEvidence::default();
        for p in &pages {
            evidence.add(&page_lines(p, &meta));
        }
        let target = &pages[0];
        let e = clean_page_text(target, &meta, &evidence);
        check_cleaned(target, &e)?;
        if twice {
            // Adding a document again counts it once.
            let mut again = evidence.clone();
            again.add(&page_lines(target, &meta));
            prop_assert_eq!(&e, &clean_page_text(target, &meta, &again));
        }
    }
}
