//! Block quotes: a paragraph without quotation marks, introduced by a
//! paragraph that ends in a colon after a verb of saying ("..., stating:").

use std::collections::HashSet;

use super::context::Words;
use super::direct::{before, Attribution};
use super::last_sentence_start;
use super::marks::Quoted;
use crate::{Sentence, Span};

/// Each block quote's content and the attribution of its introduction.
pub fn find_blocks(
    text: &str,
    words: &Words,
    sentences: &[Sentence],
    quoted: &[Quoted],
) -> Vec<(Span, Attribution)> {
    let mut paragraphs: Vec<Span> = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            paragraphs.push(Span::new(start + lead, start + lead + trimmed.len()));
        }
        start += line.len();
    }
    let top_level_opens: HashSet<usize> = quoted
        .iter()
        .filter(|q| q.parent.is_none())
        .map(|q| q.open)
        .collect();
    let mut out = Vec::new();
    for pair in paragraphs.windows(2) {
        let (intro, body) = (pair[0], pair[1]);
        let intro_text = intro.of(text);
        let body_text = body.of(text);
        // A list item ("six vessels patrolling the zone;") is not a quote.
        let ends_statement = body_text
            .trim_end_matches(['”', '"', '’', '\'', ')'])
            .ends_with(['.', '!', '?', '…']);
        if !intro_text.ends_with(':') || body_text.split_whitespace().count() < 5 || !ends_statement
        {
            continue;
        }
        // A paragraph in quotation marks is read as a quote by the marks.
        if top_level_opens.contains(&body.start) {
            continue;
        }
        let last_sentence = last_sentence_start(sentences, intro);
        let attr = before(words, last_sentence, intro.end, false);
        if attr.cue.is_some() {
            out.push((body, attr));
        }
    }
    out
}
