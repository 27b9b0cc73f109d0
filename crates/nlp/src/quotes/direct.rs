//! Direct and partial quotes: each quoted stretch, or block introduced by a
//! line ending in a colon, with the source and cue found around it.

use super::context::Words;
use super::cues::{
    cue, ends_subject, is_evidence_noun, is_noun_like, is_participle, is_pronoun, CueStrength,
};
use super::marks::Quoted;
use crate::{Sentence, Span, TokenKind};

/// Where a quote's attribution was found.
#[derive(Debug, Clone, Copy, Default)]
pub struct Attribution {
    pub source: Option<Span>,
    pub cue: Option<Span>,
}

impl Attribution {
    pub fn found(&self) -> bool {
        self.cue.is_some() || self.source.is_some()
    }
}

/// Start of the sentence containing byte `pos`.
pub fn sentence_start(sentences: &[Sentence], pos: usize) -> usize {
    let i = sentences.partition_point(|s| s.start <= pos);
    if i == 0 {
        0
    } else {
        sentences[i - 1].start
    }
}

/// An attribution right after a closing mark: "“...,” she said", "“...,”
/// said Sen. Ted Cruz", up to the end of the sentence.
pub fn after(words: &Words, q: &Quoted, ceiling: usize) -> Attribution {
    if !q.closed {
        return Attribution::default();
    }
    let range = words.within(q.after, ceiling);
    let mut i = range.start;
    let mut end = range.end;
    if let Some(stop) = (range.start..range.end).find(|&k| {
        let w = words.word(k);
        words.tokens[k].kind == TokenKind::Punct && matches!(w, "." | "!" | "?" | "“" | "\"" | ";")
    }) {
        end = stop;
    }
    while i < end
        && words.tokens[i].kind == TokenKind::Punct
        && matches!(words.word(i), "," | "—" | "–" | "”" | "’" | "'" | "\"")
    {
        i += 1;
    }
    let window = (i + 25).min(end);
    let Some(k) = (i..window).find(|&k| is_cue_word(words, k, CueStrength::Speech)) else {
        return Attribution::default();
    };
    if is_participle(words.word(k)) {
        return Attribution::default();
    }
    // After a quote that ends its own sentence ("...?” Her reply
    // emphasized the ..."), only a short attribution belongs to it: the cue
    // must end the clause.
    let inner = q
        .inner
        .of(words.text)
        .trim_end_matches(['”', '"', '’', '\'']);
    if inner.ends_with(['.', '?', '!']) && k + 1 < end && !ends_clause(words, k + 1) {
        return Attribution::default();
    }
    let cue_span = Some(words.span(k, k));
    if k == i {
        return match words.phrase_after(k + 1, end) {
            Some(source) => Attribution {
                source: Some(source),
                cue: cue_span,
            },
            None => Attribution::default(),
        };
    }
    match words.subject_before(k, i) {
        Some(s) if s.start == words.tokens[i].start => Attribution {
            source: Some(s),
            cue: cue_span,
        },
        // "“...,” another friend, Mariam Emara, told CNN": a description
        // and a comma before the name; "“...,” the Florida senator and
        // candidate said": a longer phrase than the scan found.
        Some(s) if text_is_apposition(words, i, s.start) || plain_words(words, i, s.start) => {
            Attribution {
                source: Some(Span::new(words.tokens[i].start, s.end)),
                cue: cue_span,
            }
        }
        _ => Attribution::default(),
    }
}

/// Whether the words from token `i` up to byte `until` are a few words
/// with no punctuation.
fn plain_words(words: &Words, i: usize, until: usize) -> bool {
    let between = &words.text[words.tokens[i].start..until];
    between.split_whitespace().count() <= 6
        && !between.contains(|c: char| c.is_ascii_punctuation() || matches!(c, '“' | '”'))
        && between
            .split_whitespace()
            .all(|w| !ends_subject(w) && !is_pronoun(w))
}

/// Whether the words from token `i` up to byte `until` are a short
/// description ending in a comma.
fn text_is_apposition(words: &Words, i: usize, until: usize) -> bool {
    let between = &words.text[words.tokens[i].start..until];
    let trimmed = between.trim_end();
    trimmed.ends_with(',')
        && trimmed.split_whitespace().count() <= 6
        && !trimmed[..trimmed.len() - 1].contains([',', '.', ';', '“', '”', '"'])
}

/// Whether token `k` may follow a cue that ends its clause: punctuation,
/// an adverb, a preposition, a name ("said Sheinbaum") or a pronoun.
fn ends_clause(words: &Words, k: usize) -> bool {
    let w = words.word(k);
    words.tokens[k].kind == TokenKind::Punct
        || w.chars().next().is_some_and(char::is_uppercase)
        || w.ends_with("ly")
        || matches!(
            w,
            "in" | "on"
                | "at"
                | "to"
                | "during"
                | "of"
                | "after"
                | "before"
                | "from"
                | "with"
                | "while"
                | "when"
                | "as"
                | "according"
                | "he"
                | "she"
                | "they"
                | "later"
                | "again"
                | "then"
                | "today"
                | "yesterday"
                | "recently"
                | "last"
                | "this"
                | "told"
                | "reporters"
        )
}

/// A lower-case cue verb at token `k` of at least the given strength.
pub fn is_cue_word(words: &Words, k: usize, min: CueStrength) -> bool {
    let w = words.word(k);
    if w.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    // "her adopted home state", "spontaneous chants": nouns, unless a
    // pronoun is their subject.
    if is_noun_like(w)
        && k > 0
        && words.tokens[k - 1].kind != TokenKind::Punct
        && !is_pronoun(words.word(k - 1))
        && !is_evidence_noun(&words.word(k - 1).to_lowercase())
    {
        return false;
    }
    match cue(w) {
        Some((_, CueStrength::Speech)) => true,
        Some((_, CueStrength::Belief)) => min == CueStrength::Belief,
        None => false,
    }
}

/// An attribution before an opening mark, in the words from `floor` up to
/// `open`: "She stated, “", "Trump inquired, “", "..., stating:". With
/// `anywhere`, the cue may be anywhere in those words (partial quotes).
pub fn before(words: &Words, floor: usize, open: usize, anywhere: bool) -> Attribution {
    let range = words.within(floor, open);
    let mut end = range.end;
    while end > range.start && words.tokens[end - 1].kind == TokenKind::Punct {
        end -= 1;
    }
    if end == range.start {
        return Attribution::default();
    }
    let lowest = if anywhere {
        range.start
    } else {
        end.saturating_sub(6).max(range.start)
    };
    let Some(k) = (lowest..end)
        .rev()
        .find(|&k| is_cue_word(words, k, CueStrength::Speech))
    else {
        return Attribution::default();
    };
    let source = if is_participle(words.word(k)) {
        // "Spicer said, adding, “...”": the subject of the finite cue
        // before the participle, else of the sentence.
        let finite = (range.start..k).rev().find(|&j| {
            is_cue_word(words, j, CueStrength::Speech)
                && !is_participle(words.word(j))
                && words.is_punct(j + 1, ",")
        });
        finite
            .and_then(|j| words.subject_before(j, range.start))
            .or_else(|| words.sentence_subject(range.start, k))
    } else {
        words.subject_before(k, range.start)
    };
    Attribution {
        source,
        cue: Some(words.span(k, k)),
    }
}

/// "And Mr. Christie gloated: “...": words ending in a colon right before
/// the quote, with no known cue. The source is the subject of the
/// introducing sentence; the cue is the verb before the colon when it looks
/// like one, else the colon.
pub fn colon_intro(words: &Words, floor: usize, colon_end: usize) -> Attribution {
    let range = words.within(floor, colon_end);
    if range.len() < 2
        || !(words.is_punct(range.end - 1, ":") || words.is_punct(range.end - 1, ","))
    {
        return Attribution::default();
    }
    // Before a comma only "X cracked, “...": a past-tense verb right
    // after its subject.
    if words.is_punct(range.end - 1, ",") {
        let verb = range.end - 2;
        let w = words.word(verb);
        if !(w.ends_with("ed") && w.chars().all(|c| c.is_ascii_lowercase())) {
            return Attribution::default();
        }
        return match words.subject_before(verb, range.start) {
            Some(src)
                if src.end == words.tokens[verb - 1].end
                    && src.of(words.text).starts_with(char::is_uppercase) =>
            {
                Attribution {
                    source: Some(src),
                    cue: Some(words.span(verb, verb)),
                }
            }
            _ => Attribution::default(),
        };
    }
    let colon = range.end - 1;
    let verb = colon - 1;
    let w = words.word(verb);
    let verb_like = words.tokens[verb].kind == TokenKind::Word
        && w.chars().next().is_some_and(char::is_lowercase)
        && (w.ends_with("ed") || w.ends_with('s') || cue(w).is_some());
    let source = if verb_like {
        words.subject_before(verb, range.start)
    } else {
        None
    }
    .or_else(|| words.sentence_subject(range.start, colon));
    let cue_at = if verb_like && source.is_some_and(|s| s.end <= words.tokens[verb].start) {
        verb
    } else {
        colon
    };
    match source {
        Some(s) => Attribution {
            source: Some(s),
            cue: Some(words.span(cue_at, cue_at)),
        },
        None => Attribution::default(),
    }
}

/// Whether a quote reads as a whole statement (direct) rather than a
/// fragment inside the reporter's sentence (partial): it opens its
/// sentence or follows a comma, colon or dash.
pub fn is_whole_statement(text: &str, floor: usize, q: &Quoted) -> bool {
    let lead = text[floor..q.open].trim_end();
    lead.is_empty() || lead.ends_with([',', ':', '—', '–', '?'])
}
