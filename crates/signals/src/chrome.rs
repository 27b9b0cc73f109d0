//! The share of a page that was page chrome: the text of the lines the
//! extractor removed as menus, headline lists, share lines, prompts,
//! copyright lines, bylines and the like (every removal reason but a
//! duplicate paragraph, which is its own signal), against all the text of
//! the input. Measured in visible characters (white space aside), so a menu
//! of twenty one-word lines weighs what its words weigh; lines are given
//! beside. Only a page (HTML or a page copied as text) has chrome: for a
//! clean-text record the signal does not apply.

use std::collections::BTreeMap;

use crosscheck_model::export::{ExportSignal, ExportSignalEvidence, SignalKind};
use crosscheck_model::{Document, InputFormat, RemovalReason};

use crate::evidence::{build, not_applicable};
use crate::text::{paragraphs, percent, plural, share, thousands, visible_chars};

const KIND: SignalKind = SignalKind::PageChrome;

fn is_chrome(reason: RemovalReason) -> bool {
    reason != RemovalReason::DuplicateParagraph
}

pub fn signal(doc: &Document) -> ExportSignal {
    if doc.format == InputFormat::CleanText {
        return not_applicable(KIND, "the input was clean article text, not a page");
    }
    // reason -> (lines, characters, first line)
    let mut by_reason: BTreeMap<&'static str, (usize, usize, &str)> = BTreeMap::new();
    let (mut chrome_chars, mut chrome_lines, mut other_chars) = (0, 0, 0);
    for l in &doc.removed_lines {
        let n = visible_chars(&l.text);
        if !is_chrome(l.reason) {
            other_chars += n;
            continue;
        }
        chrome_chars += n;
        chrome_lines += 1;
        let e = by_reason
            .entry(l.reason.as_str())
            .or_insert((0, 0, &l.text));
        e.0 += 1;
        e.1 += n;
    }
    let kept_lines = paragraphs(&doc.text).len();
    let total_chars = chrome_chars + other_chars + visible_chars(&doc.text);
    let total_lines = chrome_lines + kept_lines;
    if total_chars == 0 {
        return not_applicable(KIND, "the page had no text");
    }
    let mut reasons: Vec<(&str, (usize, usize, &str))> = by_reason.into_iter().collect();
    // Heaviest first; the reason's name breaks ties (the map's order).
    reasons.sort_by_key(|(_, (_, chars, _))| std::cmp::Reverse(*chars));
    let evidence: Vec<ExportSignalEvidence> = reasons
        .iter()
        .map(|(reason, (lines, chars, first))| ExportSignalEvidence {
            text: (*first).to_string(),
            start: None,
            end: None,
            claim_id: None,
            context: None,
            detail: Some(format!(
                "removed by the extractor as {}: {}, {} (the first shown)",
                reason.replace('_', " "),
                plural(*lines, "line", "lines"),
                plural(*chars, "character", "characters"),
            )),
        })
        .collect();
    let pct = share(chrome_chars, total_chars).map(percent).unwrap_or(0);
    let summary = if chrome_chars == 0 {
        format!(
            "no page chrome removed ({} of article text)",
            plural(total_chars, "character", "characters")
        )
    } else {
        format!(
            "{pct}% of the page's text was page chrome ({} of {} characters; {} of {} lines){}",
            thousands(chrome_chars),
            thousands(total_chars),
            thousands(chrome_lines),
            thousands(total_lines),
            match reasons.first() {
                Some((reason, _)) => format!(", mostly {}", reason.replace('_', " ")),
                None => String::new(),
            }
        )
    };
    build(KIND, chrome_chars, Some(total_chars), summary, evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{doc, removing};

    #[test]
    fn the_share_is_of_visible_characters_with_lines_beside() {
        let text = "Forty characters of article text here!!";
        let mut d = doc(text);
        for l in ["Home", "World", "Sport"] {
            d = removing(d, RemovalReason::Navigation, l);
        }
        d = removing(d, RemovalReason::Copyright, "© 2026 Tide Courier Ltd.");
        let s = signal(&d);
        assert!(s.applicable);
        let article = visible_chars(text);
        let chrome = 4 + 5 + 5 + visible_chars("© 2026 Tide Courier Ltd.");
        assert_eq!((s.count, s.total), (chrome, Some(chrome + article)));
        assert!(s.share.unwrap() > 0.0 && s.share.unwrap() < 1.0);
        assert!(
            s.summary.contains(&format!(
                "({chrome} of {} characters; 4 of 5 lines)",
                chrome + article
            )),
            "{}",
            s.summary
        );
        assert!(s.summary.ends_with(", mostly copyright"), "{}", s.summary);
        assert_eq!(s.evidence.len(), 2);
        assert_eq!(s.evidence[1].text, "Home");
        assert_eq!(
            s.evidence[1].detail.as_deref(),
            Some(
                "removed by the extractor as navigation: 3 lines, 14 characters (the first shown)"
            )
        );
    }

    #[test]
    fn a_clean_text_record_has_no_chrome_to_measure() {
        let mut d = doc("Clean article text.");
        d.format = InputFormat::CleanText;
        let s = signal(&d);
        assert!(!s.applicable);
        assert_eq!(
            s.summary,
            "not applicable: the input was clean article text, not a page"
        );
    }

    #[test]
    fn duplicate_paragraphs_are_text_but_not_chrome() {
        let d = removing(
            doc("Article text."),
            RemovalReason::DuplicateParagraph,
            "Article text.",
        );
        let s = signal(&d);
        assert_eq!((s.count, s.total), (0, Some(24)));
        assert!(
            s.summary.starts_with("no page chrome removed"),
            "{}",
            s.summary
        );
        assert!(!signal(&doc("")).applicable);
    }
}
