//! Every page-chrome fixture: ingested through the real binary, its export
//! must match the fixture's `.expect.json` (title, outlet, author, date,
//! phrases kept, chrome dropped, repeats collapsed).

mod common;

use common::*;
use serde_json::Value;

fn check(name: &str) -> Vec<String> {
    let page = std::fs::read_dir(fixture("chrome"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_stem().unwrap() == name && p.extension().unwrap() != "json")
        .unwrap_or_else(|| panic!("no fixture {name}"));
    let expect: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture(&format!("chrome/{name}.expect.json"))).unwrap(),
    )
    .unwrap();
    let db = Db::new();
    let out = db.ingest(&[&page]);
    let mut problems = Vec::new();
    if !out.status.success() {
        return vec![format!("{name}: ingest failed: {}", stderr(&out))];
    }
    let docs = db.documents();
    let doc = &docs[0];
    let text = collapse(doc["text"].as_str().unwrap());
    for key in ["title", "outlet", "author", "published"] {
        let want = &expect[key];
        let got = &doc[key];
        let same = match (want.as_str(), got.as_str()) {
            (Some(w), Some(g)) => collapse(w).eq_ignore_ascii_case(&collapse(g)),
            _ => want == got,
        };
        if !same {
            problems.push(format!("{name}: {key} is {got}, expected {want}"));
        }
    }
    for phrase in expect["must_contain"].as_array().unwrap() {
        let p = collapse(phrase.as_str().unwrap());
        if !text.contains(&p) {
            problems.push(format!("{name}: lost article text {p:?}"));
        }
    }
    for phrase in expect["must_not_contain"].as_array().unwrap() {
        let p = collapse(phrase.as_str().unwrap());
        if text.contains(&p) {
            problems.push(format!("{name}: kept chrome {p:?}"));
        }
    }
    if let Some(once) = expect.get("at_most_once").and_then(|v| v.as_array()) {
        for phrase in once {
            let p = collapse(phrase.as_str().unwrap());
            if text.matches(&p).count() > 1 {
                problems.push(format!("{name}: {p:?} appears more than once"));
            }
        }
    }
    problems
}

macro_rules! fixture_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let problems = check(stringify!($name));
                assert!(problems.is_empty(), "\n{}", problems.join("\n"));
            }
        )*
    };
}

fixture_tests!(
    nav_menu,
    headline_list,
    share_line,
    subscribe_adblock,
    comment_form,
    copyright_address,
    placeholder,
    tag_cloud,
    author_bio,
    caption,
    repeated_paragraphs,
    crawl_date,
    page_nav_footer,
    page_cookie_share_comments,
    page_related_list,
    page_meta_dates,
    page_no_date,
    page_latin1,
    page_utf16_bom,
);
