//! Duplicated paragraphs: those the extractor removed as repeats of an
//! earlier paragraph (kept as removal evidence), and paragraphs still
//! repeated in the clean text (same words, case and punctuation aside; the
//! extractors drop most repeats, but not every path does, and a record's
//! text may repeat a paragraph with other punctuation).

use std::collections::HashMap;

use crosscheck_model::export::{ExportSignal, SignalKind};
use crosscheck_model::{Document, RemovalReason, Span};

use crate::evidence::{build, in_text, removed};
use crate::text::{paragraphs, plural, words};

const KIND: SignalKind = SignalKind::DuplicatedParagraphs;

/// Fewest words for a repeat to count (as the extractor's rule): a short
/// heading printed twice ("Summary") is no duplicated paragraph.
const MIN_WORDS: usize = 4;

/// The later copies of paragraphs repeated in the clean text, each with the
/// span of its first occurrence.
fn repeats(text: &str) -> Vec<(Span, Span)> {
    let mut first: HashMap<String, Span> = HashMap::new();
    let mut out = Vec::new();
    for (a, b) in paragraphs(text) {
        let w = words(&text[a..b]);
        if w.len() < MIN_WORDS {
            continue;
        }
        let key = w
            .iter()
            .map(|w| w.lower.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let here = Span::new(a, b);
        match first.get(&key) {
            Some(&earlier) => out.push((here, earlier)),
            None => {
                first.insert(key, here);
            }
        }
    }
    out
}

pub fn signal(doc: &Document) -> ExportSignal {
    let mut evidence = Vec::new();
    let lines: Vec<_> = doc
        .removed_lines
        .iter()
        .filter(|l| l.reason == RemovalReason::DuplicateParagraph)
        .collect();
    for l in &lines {
        evidence.push(removed(
            l,
            "removed by the extractor: repeats an earlier paragraph".into(),
        ));
    }
    // The stored count and the removal evidence agree when both come from
    // the extractor; take the larger in case a line was not kept.
    let removed_count = doc.removed.duplicate_paragraphs.max(lines.len());
    let present = repeats(&doc.text);
    for (here, earlier) in &present {
        let detail = format!(
            "still in the text: repeats the paragraph at bytes {}..{}",
            earlier.start, earlier.end
        );
        evidence.extend(in_text(doc, &[], *here, None, Some(detail)));
    }
    let count = removed_count + present.len();
    let summary = match (removed_count, present.len()) {
        (0, 0) => "no duplicated paragraph".to_string(),
        (r, 0) => format!(
            "{} printed twice, removed by the extractor",
            plural(r, "paragraph", "paragraphs")
        ),
        (0, p) => format!(
            "{} repeated in the clean text",
            plural(p, "paragraph", "paragraphs")
        ),
        (r, p) => format!(
            "{}: {r} removed by the extractor, {p} still repeated in the clean text",
            plural(r + p, "duplicated paragraph", "duplicated paragraphs")
        ),
    };
    build(KIND, count, None, summary, evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{doc, removing};

    #[test]
    fn counts_removed_repeats_and_repeats_left_in_the_text() {
        let text = "The ferry resumed service on Friday morning.\n\n\
                    Tickets are sold at the pier.\n\n\
                    The ferry resumed service, on Friday morning!\n\n\
                    Summary\n\nSummary";
        let d = removing(
            doc(text),
            RemovalReason::DuplicateParagraph,
            "Crews worked through the night to clear the slipway.",
        );
        let s = signal(&d);
        assert_eq!(s.count, 2);
        assert_eq!(s.total, None);
        assert_eq!(
            s.summary,
            "2 duplicated paragraphs: 1 removed by the extractor, 1 still repeated in the clean text"
        );
        assert_eq!(s.evidence[0].start, None);
        assert!(s.evidence[0].text.starts_with("Crews worked"));
        let e = &s.evidence[1];
        assert_eq!(
            &text[e.start.unwrap()..e.end.unwrap()],
            "The ferry resumed service, on Friday morning!"
        );
        assert_eq!(
            e.detail.as_deref(),
            Some("still in the text: repeats the paragraph at bytes 0..44")
        );
    }

    #[test]
    fn a_clean_text_has_none() {
        let s = signal(&doc("One paragraph here.\n\nAnother paragraph there."));
        assert_eq!(
            (s.count, s.summary.as_str()),
            (0, "no duplicated paragraph")
        );
        assert!(s.applicable);
    }

    #[test]
    fn the_stored_count_wins_when_lines_were_not_kept() {
        let mut d = doc("Text of the article body.");
        d.removed.duplicate_paragraphs = 2;
        let s = signal(&d);
        assert_eq!(s.count, 2);
        assert_eq!(
            s.summary,
            "2 paragraphs printed twice, removed by the extractor"
        );
    }
}
