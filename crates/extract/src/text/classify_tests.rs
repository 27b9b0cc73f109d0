//! Tests of the single-line and run rules.

use super::super::lines::split_lines;
use super::*;
use crate::text::runs::{article_region, run_rules};

fn rule(s: &str) -> Option<RemovalReason> {
    let lines = split_lines(s);
    line_rule(&lines[0]).map(|v| v.reason)
}

#[test]
fn single_line_chrome_kinds() {
    use RemovalReason as R;
    assert_eq!(rule("Close Menu"), Some(R::Navigation));
    assert_eq!(
        rule("Type above and press Enter to search. Press Esc to cancel."),
        Some(R::Navigation)
    );
    assert_eq!(
        rule("You are here: Home » Town » Council Votes"),
        Some(R::Navigation)
    );
    assert_eq!(rule("Editors Picks"), Some(R::HeadlineList));
    assert_eq!(
        rule("Share. Facebook Twitter Pinterest LinkedIn Email"),
        Some(R::Share)
    );
    assert_eq!(rule("Facebook X (Twitter) Instagram"), Some(R::Share));
    assert_eq!(rule("Subscribe to Updates"), Some(R::Subscribe));
    assert_eq!(rule("Ad Blocker Enabled!"), Some(R::AdNotice));
    assert_eq!(rule("Leave a Reply"), Some(R::CommentForm));
    assert_eq!(
        rule("Your email address will not be published. Required fields are marked *"),
        Some(R::CommentForm)
    );
    assert_eq!(
        rule("Copyright 2023, Example Media LLC"),
        Some(R::Copyright)
    );
    assert_eq!(
        rule("© 2024 The Daily Planet. All rights reserved."),
        Some(R::Copyright)
    );
    assert_eq!(rule("Physical Address"), Some(R::Address));
    assert_eq!(rule("12 Harbour Road"), Some(R::Address));
    assert_eq!(rule("Springfield, IL 62704"), Some(R::Address));
    assert_eq!(
        rule("Get the latest creative news from FooBar about art and design."),
        Some(R::Placeholder)
    );
    assert_eq!(rule("As the Senior Editor at Daily Planet, I am committed to bringing readers the news that matters every day."), Some(R::AuthorBio));
    assert_eq!(
        rule("Jane Roe is a staff reporter covering city hall for the Daily Planet."),
        Some(R::AuthorBio)
    );
    assert_eq!(
        rule("Getty Images A quiet harbour at dawn with fishing boats."),
        Some(R::Caption)
    );
    assert_eq!(rule("By Jane Roe March 2, 2024"), Some(R::Byline));
    assert_eq!(
        rule("Jane RoeBy Jane RoeMarch 2, 2024 Local 4 Mins Read"),
        Some(R::Byline)
    );
    assert_eq!(rule("4 Mins Read"), Some(R::Byline));
    assert_eq!(rule("March 2, 2024"), Some(R::Dateline));
    assert_eq!(rule("Tuesday, March 4"), Some(R::Dateline));
    assert_eq!(rule("DailyPlanet.com"), Some(R::SiteName));
    assert_eq!(rule("Daily PlanetDaily Planet"), Some(R::SiteName));
    assert_eq!(
        rule("Harbour Boats Fishing Weather Town Council Budget Bridge Repairs Local Politics Schools Transport Winter"),
        Some(R::TagCloud)
    );
}

#[test]
fn article_prose_and_headings_are_not_chrome() {
    assert_eq!(rule("The council voted on Tuesday to repair the old harbour bridge before the winter storms."), None);
    assert_eq!(rule("Why the Bridge Matters"), None);
    assert_eq!(rule("Residents said the newsletter from the council arrived late, and many missed the meeting entirely."), None);
}

#[test]
fn headline_lists_menus_and_tables_of_contents() {
    let text = "Editors Picks\n\nHarbour Festival Draws Record Crowds\n\nMarch 1, 2024\n\nNew Ferry Route Opens to the Islands\n\nFebruary 27, 2024\n  • Home\n  • Town\n  • Sport\nContents\n1) The Vote\n2) What Comes Next\n";
    let lines = split_lines(text);
    let mut verdicts: Vec<Option<Verdict>> = lines.iter().map(line_rule).collect();
    run_rules(&lines, &mut verdicts);
    let reasons: Vec<_> = verdicts
        .iter()
        .map(|v| v.as_ref().map(|v| v.reason))
        .collect();
    use RemovalReason as R;
    assert!(
        reasons[..5].iter().all(|r| *r == Some(R::HeadlineList)),
        "{reasons:?}"
    );
    assert!(
        reasons[5..8].iter().all(|r| *r == Some(R::Navigation)),
        "{reasons:?}"
    );
    assert!(
        reasons[8..].iter().all(|r| *r == Some(R::TableOfContents)),
        "{reasons:?}"
    );
}

#[test]
fn captions_by_prefix_and_by_closing_credit() {
    use RemovalReason as R;
    assert_eq!(
        rule("Image caption: Ducks on the frozen mill pond at Orrin Vale."),
        Some(R::Caption)
    );
    assert_eq!(
        rule("Caption: The new footbridge seen from the east bank."),
        Some(R::Caption)
    );
    assert_eq!(
        rule("Ferry passengers queue at the pier in Marlow Cove on Sunday. (Photo: Ana Kell / Cove Daily)"),
        Some(R::Caption)
    );
    assert_eq!(
        rule("A lorry waits at the closed border post near Vesk. (Ivo Tran / Vesk Post)"),
        Some(R::Caption)
    );
    // A sentence with an aside in brackets is not a caption.
    assert_eq!(
        rule("The mayor said the plan (drawn up last year) would be revised before the vote in June."),
        None
    );
}

#[test]
fn subscription_phrases_count_even_in_sentences() {
    use RemovalReason as R;
    assert_eq!(
        rule("Get our best stories delivered to your inbox every Friday. Sign up today!"),
        Some(R::Subscribe)
    );
    assert_eq!(
        rule("Like what you read? Become a subscriber and get unlimited access for 3 crowns."),
        Some(R::Subscribe)
    );
    assert_eq!(
        rule("The library said members could sign up for evening classes at the front desk."),
        None
    );
}

#[test]
fn author_boxes_name_title_and_bio() {
    use RemovalReason as R;
    assert_eq!(rule("Senior Transport Reporter"), Some(R::AuthorBio));
    assert_eq!(rule("Letter to the Editor"), None);
    assert_eq!(
        rule("Mara Quist has reported on farming for the Dunmere Post since 2016. Follow him for more."),
        Some(R::AuthorBio)
    );
    // A source in the story, not the writer.
    assert_eq!(
        rule("Dr Ivo Brandt has worked at the clinic since 2011 and said the queues were longer."),
        None
    );
    let text = "Mara Quist\nFarming Correspondent\n";
    let lines = split_lines(text);
    let mut verdicts: Vec<Option<Verdict>> = lines.iter().map(line_rule).collect();
    run_rules(&lines, &mut verdicts);
    assert!(verdicts
        .iter()
        .all(|v| v.as_ref().is_some_and(|v| v.reason == R::AuthorBio)));
}

#[test]
fn segmented_bylines() {
    use RemovalReason as R;
    assert_eq!(
        rule("Staff report | Orrin Vale Star | June 2, 2024"),
        Some(R::Byline)
    );
    assert_eq!(
        rule("News desk · Dunmere Post · 3 March 2023"),
        Some(R::Byline)
    );
    assert_eq!(rule("Fares rise | Buses slower"), None);
    assert_eq!(
        byline_segments("Staff report | Orrin Vale Star | June 2, 2024").map(|p| p.len()),
        Some(3)
    );
}

#[test]
fn region_is_the_densest_prose() {
    assert_eq!(article_region(&[-5, 10, -2, 20, -30, 5]), Some((1, 3, 28)));
    assert_eq!(article_region(&[-1, -2]), None);
    assert_eq!(article_region(&[]), None);
}
