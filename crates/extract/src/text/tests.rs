//! Tests of the text-dump path on fictional pages written for the project.

use super::*;
use proptest::prelude::*;

fn clean(text: &str) -> Extracted {
    clean_page_text(text, &Metadata::default(), &LineEvidence::default())
}

fn reason_of(e: &Extracted, needle: &str) -> Option<RemovalReason> {
    e.removed_lines
        .iter()
        .find(|r| r.text.contains(needle))
        .map(|r| r.reason)
}

const P1: &str = "The harbour council voted on Tuesday to rebuild the old stone pier, which has been closed since the storms of last winter damaged its foundations.";
const P2: &str = "Work is expected to begin in the spring, and the council said that the fishing fleet will be able to use the eastern quay while the repairs are carried out.";
const P3: &str = "Several residents told the meeting that they were worried about the cost, but the mayor said the town would apply for a regional grant to cover most of it.";
const P4: &str = "The pier was first built in the nineteenth century and has been repaired twice before, most recently after a ship struck it during a gale.";

/// A fictional page: header chrome, an article, footer chrome.
fn page() -> String {
    [
        "Close Menu",
        "Harbour TimesHarbour Times",
        "  • Home",
        "  • Town",
        "  • Sport",
        "  • Weather",
        "Editors Picks",
        "",
        "Lighthouse Keeper Retires After Forty Years",
        "",
        "March 1, 2024",
        "",
        "Ferry Timetable Changes for the Summer Season",
        "",
        "February 27, 2024",
        "Tuesday, March 12",
        "You are here: Harbour Times » Town » Council Backs Plan to Rebuild the Old Pier",
        "Council Backs Plan to Rebuild the Old Pier",
        "",
        "By Jane Roe March 5, 2024",
        "",
        P1,
        "",
        "Article Subheadings",
        "1) The Vote",
        "2) What Residents Said",
        "",
        "The Vote",
        "",
        P2,
        "",
        "What Residents Said",
        "",
        P3,
        "",
        P4,
        "",
        "Harbour Town Council Pier Storm Fishing Grant Mayor Budget Winter Repairs Boats Ferry Local News",
        "Share. Facebook Twitter Pinterest LinkedIn Email",
        "As the Town Reporter at Harbour Times, I am dedicated to covering every council meeting and local story for our readers.",
        "Keep Reading",
        "",
        "Town",
        "",
        "New Bus Route Links the Harbour and the Station",
        "",
        "4 Mins Read",
        "Town",
        "",
        "School Choir Wins Regional Competition in April",
        "",
        "3 Mins Read",
        "Subscribe to Updates",
        "Get the latest creative news from FooBar about art, design and business.",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "© 2024 Harbour Times. All rights reserved.",
        "Type above and press Enter to search. Press Esc to cancel.",
        "Ad Blocker Enabled!",
    ]
    .join("\n")
}

#[test]
fn fictional_page_keeps_the_article_and_reads_its_metadata() {
    let e = clean(&page());
    assert_eq!(
        e.title.as_deref(),
        Some("Council Backs Plan to Rebuild the Old Pier")
    );
    assert_eq!(e.outlet.as_deref(), Some("Harbour Times"));
    assert_eq!(e.author.as_deref(), Some("Jane Roe"));
    assert_eq!(e.published.as_deref(), Some("2024-03-05"));
    assert_eq!(e.date_evidence.source.as_deref(), Some("byline"));
    assert_eq!(e.language.as_deref(), Some("en"));
    let kinds: Vec<(BlockKind, &str)> =
        e.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
    assert_eq!(
        kinds,
        vec![
            (BlockKind::Paragraph, P1),
            (BlockKind::Heading, "The Vote"),
            (BlockKind::Paragraph, P2),
            (BlockKind::Heading, "What Residents Said"),
            (BlockKind::Paragraph, P3),
            (BlockKind::Paragraph, P4),
        ]
    );
    assert!(e.confidence > 0.5);
    assert!(e.warnings.is_empty(), "{:?}", e.warnings);
}

#[test]
fn fictional_page_chrome_is_removed_with_reasons() {
    use RemovalReason as R;
    let e = clean(&page());
    let cases = [
        ("Close Menu", R::Navigation),
        ("Harbour TimesHarbour Times", R::SiteName),
        ("• Town", R::Navigation),
        ("Editors Picks", R::HeadlineList),
        ("Lighthouse Keeper Retires", R::HeadlineList),
        ("March 1, 2024", R::HeadlineList),
        ("Tuesday, March 12", R::Dateline),
        ("You are here:", R::Navigation),
        ("By Jane Roe", R::Byline),
        ("Article Subheadings", R::TableOfContents),
        ("1) The Vote", R::TableOfContents),
        ("Harbour Town Council Pier Storm", R::TagCloud),
        ("Share. Facebook", R::Share),
        ("As the Town Reporter", R::AuthorBio),
        ("Keep Reading", R::HeadlineList),
        ("New Bus Route", R::HeadlineList),
        ("4 Mins Read", R::HeadlineList),
        ("Subscribe to Updates", R::Subscribe),
        ("FooBar", R::Placeholder),
        ("Leave a Reply", R::CommentForm),
        ("Your email address", R::CommentForm),
        ("© 2024", R::Copyright),
        ("Type above and press Enter", R::Navigation),
        ("Ad Blocker Enabled!", R::AdNotice),
        ("Council Backs Plan to Rebuild the Old Pier", R::Navigation),
    ];
    for (needle, reason) in cases {
        assert_eq!(reason_of(&e, needle), Some(reason), "{needle}");
    }
    assert!(e.removed_lines.iter().all(|r| !r.detail.is_empty()));
    let title_removals = e
        .removed_lines
        .iter()
        .filter(|r| r.reason == R::Title)
        .count();
    assert_eq!(title_removals, 1);
}

#[test]
fn crawl_date_and_headline_list_dates_are_not_publication_dates() {
    let text = [
        "Wednesday, June 4",
        "Editors Picks",
        "Lighthouse Keeper Retires After Forty Years",
        "March 1, 2024",
        "Ferry Timetable Changes for the Summer Season",
        "February 27, 2024",
        "Council Backs Plan to Rebuild the Old Pier",
        P1,
        P2,
        P3,
    ]
    .join("\n");
    let e = clean(&text);
    assert_eq!(e.published, None);
    let reason = e.date_evidence.reason.clone().unwrap();
    assert!(reason.contains("no date near the headline"), "{reason}");
    assert!(
        reason.contains("2 dates seen belong to headline lists"),
        "{reason}"
    );
    assert!(reason.contains("without a year"), "{reason}");
}

#[test]
fn record_fields_win_over_the_text() {
    let meta = Metadata {
        title: Some("Pier Plan Approved".into()),
        outlet: Some("The Harbour Times".into()),
        author: Some("J. Roe".into()),
        published: Some("2024-03-06T08:00:00+01:00".into()),
        url: Some("https://harbour.example/pier".into()),
        ..Metadata::default()
    };
    let e = clean_page_text(&page(), &meta, &LineEvidence::default());
    assert_eq!(e.title.as_deref(), Some("Pier Plan Approved"));
    assert_eq!(e.outlet.as_deref(), Some("The Harbour Times"));
    assert_eq!(e.author.as_deref(), Some("J. Roe"));
    assert_eq!(e.published.as_deref(), Some("2024-03-06"));
    assert_eq!(
        e.date_evidence.source.as_deref(),
        Some("record field published")
    );
    assert_eq!(
        e.canonical_url.as_deref(),
        Some("https://harbour.example/pier")
    );
    // The headline printed in the page is still not body text.
    assert!(!e.text().contains("Council Backs Plan"));
}

#[test]
fn unparseable_record_date_warns_and_falls_back_to_the_text() {
    let meta = Metadata {
        published: Some("sometime soon".into()),
        ..Default::default()
    };
    let e = clean_page_text(&page(), &meta, &LineEvidence::default());
    assert_eq!(e.published.as_deref(), Some("2024-03-05"));
    assert!(e.warnings.iter().any(|w| w.contains("published")));
}

#[test]
fn repeated_paragraphs_and_titles_are_collapsed() {
    let text = [
        P1,
        "Council Backs Plan to Rebuild the Old Pier",
        "",
        "Council Backs Plan to Rebuild the Old Pier",
        P2,
        P3,
        P2,
        P3,
    ]
    .join("\n");
    let e = clean(&text);
    assert_eq!(
        e.title.as_deref(),
        Some("Council Backs Plan to Rebuild the Old Pier")
    );
    assert_eq!(e.duplicate_paragraphs, 2);
    assert_eq!(e.blocks.len(), 3);
    assert_eq!(e.blocks[0].text, P1, "a lede before the title is kept");
    assert_eq!(e.removed().duplicate_paragraphs, 2);
    assert_eq!(
        e.removed_lines
            .iter()
            .filter(|r| r.reason == RemovalReason::DuplicateParagraph)
            .count(),
        2
    );
}

#[test]
fn address_placeholder_and_caption_lines() {
    let text = [
        "Physical Address",
        "",
        "12 Harbour Road",
        "Springfield, IL 62704",
        "",
        "Getty Images A quiet harbour at dawn with fishing boats and a stone pier.",
        "",
        "Council Backs Plan to Rebuild the Old Pier",
        "",
        P1,
        P2,
        P3,
    ]
    .join("\n");
    let e = clean(&text);
    assert_eq!(
        reason_of(&e, "Physical Address"),
        Some(RemovalReason::Address)
    );
    assert_eq!(
        reason_of(&e, "12 Harbour Road"),
        Some(RemovalReason::Address)
    );
    assert_eq!(
        reason_of(&e, "Springfield, IL"),
        Some(RemovalReason::Address)
    );
    assert_eq!(reason_of(&e, "Getty Images"), Some(RemovalReason::Caption));
    assert_eq!(e.text(), [P1, P2, P3].join("\n\n"));
}

#[test]
fn block_quotes_after_a_colon_and_list_items() {
    let text = [
        "Council Backs Plan to Rebuild the Old Pier",
        P1,
        "The mayor closed the meeting with a short statement, saying:",
        "We have waited long enough for this pier, and the town deserves a harbour it can be proud of again.",
        "Key points of the plan include the following ones:",
        "• The eastern quay stays open for the fishing fleet during the works.",
        "• A regional grant is expected to cover most of the cost of the repairs.",
        P2,
    ]
    .join("\n");
    let e = clean(&text);
    let kinds: Vec<BlockKind> = e.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        vec![
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::Quote,
            BlockKind::Paragraph,
            BlockKind::ListItem,
            BlockKind::ListItem,
            BlockKind::Paragraph
        ]
    );
    assert!(e.blocks[4].text.starts_with("The eastern quay"));
}

#[test]
fn recurring_lines_across_pages_of_one_outlet() {
    let meta = Metadata {
        outlet: Some("Harbour Times".into()),
        ..Default::default()
    };
    let chrome = "Harbour Times Community Noticeboard";
    let shared_prose = "Readers can send their letters to the editor by post or by email, and we print a selection of them every week in the weekend paper.";
    let mk = |n: u32| {
        format!("{chrome}\n{shared_prose}\nStory {n} Headline Goes Here\n{P1} Number {n}.\n{P2} Part {n}.\n{P3} Part {n}.")
    };
    let mut ev = LineEvidence::default();
    for n in 1..=2 {
        ev.add(&page_lines(&mk(n), &meta));
    }
    let doc = mk(9);
    let e = clean_page_text(&doc, &meta, &ev);
    assert_eq!(
        reason_of(&e, chrome),
        Some(RemovalReason::RecurringAcrossPages)
    );
    // Long prose needs three other pages.
    assert!(e.text().contains(shared_prose));
    ev.add(&page_lines(&mk(3), &meta));
    let e = clean_page_text(&doc, &meta, &ev);
    assert_eq!(
        reason_of(&e, shared_prose),
        Some(RemovalReason::RecurringAcrossPages)
    );
    // The document itself in the evidence does not count as another page.
    let mut ev2 = LineEvidence::default();
    ev2.add(&page_lines(&mk(1), &meta));
    ev2.add(&page_lines(&doc, &meta));
    let e = clean_page_text(&doc, &meta, &ev2);
    assert_ne!(
        reason_of(&e, chrome),
        Some(RemovalReason::RecurringAcrossPages)
    );
    // Another outlet's evidence does not count.
    let other = Metadata {
        outlet: Some("Valley Herald".into()),
        ..Default::default()
    };
    let e = clean_page_text(&doc, &other, &ev);
    assert_ne!(
        reason_of(&e, chrome),
        Some(RemovalReason::RecurringAcrossPages)
    );
}

#[test]
fn a_republished_article_is_not_taken_for_chrome() {
    let meta = Metadata {
        outlet: Some("Harbour Times".into()),
        ..Default::default()
    };
    let article = format!("Council Backs Plan to Rebuild the Old Pier\n{P1}\n{P2}\n{P3}\n{P4}");
    let mut ev = LineEvidence::default();
    for n in 1..=4 {
        ev.add(&page_lines(
            &format!("Edition {n} of the Harbour Times\n{article}"),
            &meta,
        ));
    }
    let e = clean_page_text(&article, &meta, &ev);
    assert_eq!(e.blocks.len(), 4);
}

#[test]
fn odd_inputs_do_not_panic() {
    for s in [
        "",
        " ",
        "\n\n\n",
        "\r\r",
        "\u{0}\u{1}\u{2}",
        "a",
        "·",
        "1)",
        "©",
        "By",
        "May 3, 2025",
        "\u{feff}",
    ] {
        let e = clean(s);
        assert!((0.0..=1.0).contains(&e.confidence));
        let _ = clean_text(s, &Metadata::default());
    }
    let e = clean("");
    assert!(e.warnings.iter().any(|w| w.contains("empty")));
    let e = clean("Home\nNews\nSport");
    assert!(e.blocks.is_empty());
    assert!(e.warnings.iter().any(|w| w.contains("no article region")));
}

#[test]
fn huge_inputs_are_handled() {
    // One huge line of prose.
    let line = P1.repeat(20_000);
    let e = clean(&line);
    assert_eq!(e.blocks.len(), 1);
    // About 10 MB of many lines.
    let mut big = String::new();
    while big.len() < 10_000_000 {
        big.push_str(&page());
        big.push('\n');
    }
    let e = clean(&big);
    assert!(!e.blocks.is_empty());
}

#[test]
fn clean_text_keeps_everything_but_duplicates() {
    let text = format!("Council Backs Plan to Rebuild the Old Pier\n\nBy Jane Roe | March 5, 2024\n\n{P1}\n\n{P2}\n\n{P2}\n\nAccording to the Valley Herald, the grant is likely.\n");
    let e = clean_text(&text, &Metadata::default());
    assert_eq!(
        e.title.as_deref(),
        Some("Council Backs Plan to Rebuild the Old Pier")
    );
    assert_eq!(e.published.as_deref(), Some("2024-03-05"));
    assert_eq!(e.author.as_deref(), Some("Jane Roe"));
    assert_eq!(e.duplicate_paragraphs, 1);
    assert_eq!(e.blocks.len(), 5);
    assert_eq!(e.upstream_sources[0].name, "Valley Herald");
    assert_eq!(e.language.as_deref(), Some("en"));
    let t = e.text();
    let u = &e.upstream_sources[0];
    assert_eq!(&t[u.start..u.end], "Valley Herald");
}

#[test]
fn clean_text_joins_wrapped_lines_within_paragraphs() {
    let text =
        "The council met on Tuesday\nand voted to rebuild the pier.\n\nWork starts   in spring.";
    let e = clean_text(text, &Metadata::default());
    assert_eq!(e.blocks.len(), 2);
    assert_eq!(
        e.blocks[0].text,
        "The council met on Tuesday and voted to rebuild the pier."
    );
    assert_eq!(e.blocks[1].text, "Work starts in spring.");
    let e = clean_text("One line.\nAnother line.", &Metadata::default());
    assert_eq!(e.blocks.len(), 2);
}

#[test]
fn upstream_spans_point_into_the_clean_text() {
    let text = [
        "Council Backs Plan to Rebuild the Old Pier",
        P1,
        "According to the Valley Herald, the regional grant has already been approved by the board of the fund.",
        P2,
    ]
    .join("\n");
    let e = clean(&text);
    let t = e.text();
    assert_eq!(e.upstream_sources.len(), 1);
    let u = &e.upstream_sources[0];
    assert_eq!(&t[u.start..u.end], "Valley Herald");
}

fn ws_norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn arb_page() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(P1.to_string()),
        Just(P2.to_string()),
        Just("Close Menu".to_string()),
        Just("  • Home".to_string()),
        Just("May 3, 2025".to_string()),
        Just("Saturday, July 5".to_string()),
        Just("Share. Facebook Twitter".to_string()),
        Just("Council Backs Plan to Rebuild the Old Pier".to_string()),
        Just("By Jane RoeMarch 5, 2024".to_string()),
        Just(String::new()),
        "[A-Za-z .,:;!?'\"•·©»()\\-0-9]{0,120}",
        "\\PC{0,60}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn page_text_never_panics_keeps_input_text_and_is_deterministic(s in arb_page()) {
        let e = clean(&s);
        let norm = ws_norm(&s);
        for b in &e.blocks {
            prop_assert!(!b.text.is_empty());
            prop_assert!(norm.contains(&b.text), "block not in input: {:?}", b.text);
        }
        prop_assert!((0.0..=1.0).contains(&e.confidence));
        let t = e.text();
        for u in &e.upstream_sources {
            prop_assert!(t.get(u.start..u.end).is_some());
        }
        prop_assert_eq!(e, clean(&s));
    }

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        let e = clean(&s);
        let norm = ws_norm(&s);
        for b in &e.blocks {
            prop_assert!(norm.contains(&b.text));
        }
        let c = clean_text(&s, &Metadata::default());
        for b in &c.blocks {
            prop_assert!(norm.contains(&b.text));
        }
        prop_assert_eq!(c, clean_text(&s, &Metadata::default()));
    }

    #[test]
    fn dates_and_upstream_never_panic(s in "\\PC{0,200}") {
        let _ = crate::dates::parse_date(&s);
        for d in crate::dates::find_dates(&s) {
            prop_assert!(s.get(d.start..d.end).is_some());
        }
        for u in crate::upstream::find_upstream_sources(&s) {
            prop_assert_eq!(s.get(u.start..u.end).map(|x| x.len()), Some(u.end - u.start));
        }
        let _ = crate::lang::detect_language(&s);
    }
}
