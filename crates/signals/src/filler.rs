//! Stock filler phrases ("only time will tell", "in today's fast-paced
//! world"): the phrases of `lexicon/filler.txt` found in the clean text,
//! case-insensitively and at word boundaries, with their spans.

use crosscheck_model::export::{ExportSignal, SignalKind};
use crosscheck_model::{count_words, DocClaim, Document, Span};

use crate::evidence::{build, claim_containing, in_text};
use crate::lexicon::{Phrases, FILLER};
use crate::text::{plural, quoted_list, words, Word};

const KIND: SignalKind = SignalKind::FillerPhrases;

/// Whether only white space and hyphens lie between two words: a phrase
/// does not run across a comma or a sentence end.
fn joined(text: &str, a: &Word, b: &Word) -> bool {
    text.get(a.end..b.start).is_some_and(|gap| {
        gap.chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '–'))
    })
}

/// The phrases of `list` in `text`: (span, index of the phrase), in text
/// order, not overlapping (at each place the longest phrase wins).
pub fn find(text: &str, list: &Phrases) -> Vec<(Span, usize)> {
    let w = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let hit = list.by_first.get(&w[i].lower).and_then(|candidates| {
            candidates.iter().copied().find(|&p| {
                let phrase = &list.phrases[p];
                i + phrase.len() <= w.len()
                    && phrase.iter().enumerate().all(|(k, word)| {
                        w[i + k].lower == *word
                            && (k == 0 || joined(text, &w[i + k - 1], &w[i + k]))
                    })
            })
        });
        match hit {
            Some(p) => {
                let n = list.phrases[p].len();
                out.push((Span::new(w[i].start, w[i + n - 1].end), p));
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

pub fn signal(doc: &Document, claims: &[DocClaim]) -> ExportSignal {
    let found = find(&doc.text, &FILLER);
    let mut evidence = Vec::new();
    for (span, p) in &found {
        let phrase = FILLER.phrases[*p].join(" ");
        let claim = claim_containing(claims, *span);
        evidence.extend(in_text(
            doc,
            claims,
            *span,
            claim,
            Some(format!("stock filler phrase “{phrase}”")),
        ));
    }
    let count = evidence.len();
    let words_n = count_words(&doc.text);
    let summary = if count == 0 {
        format!(
            "no stock filler phrase in {}",
            plural(words_n, "word", "words")
        )
    } else {
        let said: Vec<String> = evidence.iter().map(|e| e.text.clone()).collect();
        format!(
            "{} in {}: {}",
            plural(count, "stock filler phrase", "stock filler phrases"),
            plural(words_n, "word", "words"),
            quoted_list(&said, 5)
        )
    };
    build(KIND, count, None, summary, evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{claim, doc};

    fn found(text: &str) -> Vec<&str> {
        find(text, &FILLER)
            .iter()
            .map(|(s, _)| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn phrases_match_whole_words_in_any_case() {
        let text = "It remains to be seen whether the ferry runs. In Today’s Fast-Paced World, \
                    ONLY TIME WILL TELL. The timetable will tell riders more.";
        assert_eq!(
            found(text),
            [
                "It remains to be seen",
                "In Today’s Fast-Paced World",
                "ONLY TIME WILL TELL"
            ]
        );
    }

    #[test]
    fn phrases_do_not_run_across_punctuation_or_inside_words() {
        assert!(found("Only time, will tell.").is_empty());
        assert!(found("It remains to be seenly.").is_empty());
        assert!(found("Sometime will tell.").is_empty());
        assert!(found("").is_empty());
    }

    #[test]
    fn the_signal_gives_each_phrase_with_its_span_and_claim() {
        let text = "The quay reopened on Monday. The coming months will be critical for the port.";
        let claims = [claim(
            text,
            "The coming months will be critical for the port.",
            0.3,
        )];
        let s = signal(&doc(text), &claims);
        assert_eq!(s.count, 1);
        let e = &s.evidence[0];
        assert_eq!(
            &text[e.start.unwrap()..e.end.unwrap()],
            "The coming months will be critical"
        );
        assert_eq!(e.claim_id.as_deref(), Some("0123456789ab-c0"));
        assert_eq!(
            e.detail.as_deref(),
            Some("stock filler phrase “the coming months will be critical”")
        );
        assert_eq!(
            s.summary,
            "1 stock filler phrase in 14 words: “The coming months will be critical”"
        );
        assert_eq!(
            signal(&doc("Plain."), &[]).summary,
            "no stock filler phrase in 1 word"
        );
    }
}
