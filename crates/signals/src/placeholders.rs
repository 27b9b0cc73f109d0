//! Template or placeholder text: what a page template or an unfinished draft
//! leaves in an article ("lorem ipsum", "[INSERT QUOTE]", "{{author}}", an
//! unfilled "%s", the "TK" and "XXX" marks of copy still to come, "Click
//! here", "Enter your email"), found in the clean text with their spans;
//! and the lines the extractor removed as theme placeholders.
//!
//! The patterns are written to miss rather than to flag real prose:
//! editorial brackets in quotes ("they [the cartels] said") name no
//! instruction word, "TK" before a capitalised word is a name ("TK
//! Maxx"), and "XXX" after a capitalised word is a Roman numeral ("Super
//! Bowl XXX").

use std::sync::LazyLock;

use crosscheck_model::export::{ExportSignal, SignalKind};
use crosscheck_model::{DocClaim, Document, RemovalReason, Span};

use crate::evidence::{build, claim_containing, in_text, removed};
use crate::text::{plural, quoted_list};

const KIND: SignalKind = SignalKind::PlaceholderText;

/// A further check of a match against its surroundings.
type Check = fn(text: &str, start: usize, end: usize) -> bool;

struct Pattern {
    what: &'static str,
    re: regex::Regex,
    check: Option<Check>,
}

fn always(_: &str, _: usize, _: usize) -> bool {
    true
}

/// The word after `end` does not start with a capital letter.
fn no_name_after(text: &str, _: usize, end: usize) -> bool {
    let next = text[end..].trim_start_matches([' ', '\u{a0}']);
    !next.starts_with(|c: char| c.is_uppercase())
}

/// The word before `start` does not start with a capital letter.
fn no_name_before(text: &str, start: usize, _: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    let word_start = before.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    !before[word_start..].starts_with(|c: char| c.is_uppercase())
}

/// Not glued to a number or word before it ("50%s" is no format string).
fn not_after_a_word(text: &str, start: usize, _: usize) -> bool {
    !text[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let p = |what: &'static str, re: &str, check: Option<Check>| Pattern {
        what,
        re: regex::Regex::new(re).expect("placeholder pattern"),
        check,
    };
    vec![
        p(
            "lorem ipsum: the dummy text of page templates",
            r"(?i)\blorem\s+ipsum\b|\bdolor\s+sit\s+amet\b",
            None,
        ),
        p(
            "a bracketed instruction to the writer",
            r"\[\s*(?i:insert|placeholder|todo|tbd|tk|fill\s+in|enter|add|your)\b[^\[\]\n]{0,80}\]",
            None,
        ),
        p(
            "a bracketed blank to fill",
            r"\[[A-Z ]{0,20}\b(?:NAME|CITY|DATE|COMPANY|LINK|URL|TITLE|HEADLINE|NUMBER|QUOTE|AMOUNT|SOURCE|X+)\b[A-Z ]{0,20}\]",
            None,
        ),
        p(
            "a template variable left unfilled",
            r"\{\{[^{}\n]{0,80}\}\}|\{%[^{}\n]{0,80}%\}|\$\{[A-Za-z_][\w.]{0,40}\}|%\([A-Za-z_]\w{0,30}\)[sd]|\{\d{1,2}\}",
            None,
        ),
        p(
            "an unfilled format specifier",
            r"%[sd]\b",
            Some(not_after_a_word),
        ),
        p(
            "TK: copy still to come",
            r"\bTK(?:TK)*\b",
            Some(no_name_after),
        ),
        p(
            "XXX: a figure still to fill in",
            r"\bX{3,}\b",
            Some(no_name_before),
        ),
        p(
            "XX: a figure still to fill in",
            r"[$€£]\s?XX*\b|\bXX+(?:\.X+)?\s?(?:%|percent\b|per\s+cent\b|million\b|billion\b)",
            None,
        ),
        p(
            "a call to action of a page template",
            r"(?i)\bclick\s+here\b|\benter\s+your\s+(?:e-?mail(?:\s+address)?|name)\b|\b(?:your|insert)\s+(?:text|content|headline|title|caption|name)\s+here\b|\b(?:sample|placeholder|dummy)\s+text\b",
            None,
        ),
        p(
            "a rendering error of a page template",
            r"\[object Object\]|\bundefined\s+(?:undefined|null)\b|\bNaN\b",
            None,
        ),
    ]
});

/// Template and placeholder text in `text`: (span, what it is), in text
/// order, overlapping matches dropped (the earlier pattern wins at one
/// place).
pub fn find(text: &str) -> Vec<(Span, &'static str)> {
    let mut out: Vec<(Span, &'static str)> = Vec::new();
    for p in PATTERNS.iter() {
        let check = p.check.unwrap_or(always);
        for m in p.re.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            if check(text, m.start(), m.end()) && !out.iter().any(|(s, _)| s.overlaps(&span)) {
                out.push((span, p.what));
            }
        }
    }
    out.sort_by_key(|(s, _)| (s.start, s.end));
    out
}

pub fn signal(doc: &Document, claims: &[DocClaim]) -> ExportSignal {
    let found = find(&doc.text);
    let mut evidence = Vec::new();
    for (span, what) in &found {
        let claim = claim_containing(claims, *span);
        evidence.extend(in_text(
            doc,
            claims,
            *span,
            claim,
            Some(format!("{what}; still in the clean text")),
        ));
    }
    let in_text_count = evidence.len();
    let words: Vec<String> = evidence.iter().map(|e| e.text.clone()).collect();
    let lines: Vec<_> = doc
        .removed_lines
        .iter()
        .filter(|l| l.reason == RemovalReason::Placeholder)
        .collect();
    for l in &lines {
        let why = if l.detail.is_empty() {
            "placeholder text"
        } else {
            l.detail.as_str()
        };
        evidence.push(removed(l, format!("removed by the extractor: {why}")));
    }
    let matches = if in_text_count == 0 {
        String::new()
    } else {
        format!(
            "{} in the clean text: {}",
            plural(
                in_text_count,
                "template or placeholder text",
                "template or placeholder texts"
            ),
            quoted_list(&words, 5)
        )
    };
    let removed_part = if lines.is_empty() {
        String::new()
    } else {
        format!(
            "{} removed by the extractor",
            plural(lines.len(), "placeholder line", "placeholder lines")
        )
    };
    let summary = match (matches.is_empty(), removed_part.is_empty()) {
        (true, true) => "no template or placeholder text".to_string(),
        (false, true) => matches,
        (true, false) => removed_part,
        (false, false) => format!("{matches}; {removed_part}"),
    };
    build(KIND, evidence.len(), None, summary, evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{claim, doc, removing};

    fn found(text: &str) -> Vec<&str> {
        find(text)
            .iter()
            .map(|(s, _)| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn finds_template_text_and_unfinished_copy() {
        let text = "Lorem ipsum dolor sit amet. The mayor said [INSERT QUOTE] on {{date}}. \
                    Turnout was XX% and the budget $XX million, TK. Posted by %s. \
                    Click here to read more, or enter your email address. [object Object]";
        assert_eq!(
            found(text),
            [
                "Lorem ipsum",
                "dolor sit amet",
                "[INSERT QUOTE]",
                "{{date}}",
                "XX%",
                "$XX",
                "TK",
                "%s",
                "Click here",
                "enter your email address",
                "[object Object]",
            ]
        );
    }

    #[test]
    fn leaves_real_prose_alone() {
        let text = "“They [the smugglers] left at dawn,” she said. TK Maxx opened a shop. \
                    Super Bowl XXX was in 1996. Turnout rose 50%s. The XXL size sold out. \
                    Prices rose 15% in March; NASA said nothing.";
        assert!(found(text).is_empty(), "{:?}", found(text));
    }

    #[test]
    fn the_signal_lists_matches_with_spans_and_removed_placeholder_lines() {
        let text = "The council met on Tuesday. Turnout was XX% of voters.";
        let d = removing(
            doc(text),
            RemovalReason::Placeholder,
            "Get the latest news from Acme about art and design.",
        );
        let claims = [claim(text, "Turnout was XX% of voters.", 0.6)];
        let s = signal(&d, &claims);
        assert_eq!(s.count, 2);
        assert_eq!(
            s.summary,
            "1 template or placeholder text in the clean text: “XX%”; 1 placeholder line removed by the extractor"
        );
        let e = &s.evidence[0];
        assert_eq!(&text[e.start.unwrap()..e.end.unwrap()], "XX%");
        assert_eq!(e.claim_id.as_deref(), Some("0123456789ab-c0"));
        assert_eq!(s.evidence[1].start, None);
        assert!(s.evidence[1].text.starts_with("Get the latest"));
        assert_eq!(
            signal(&doc("Plain words."), &[]).summary,
            "no template or placeholder text"
        );
    }
}
