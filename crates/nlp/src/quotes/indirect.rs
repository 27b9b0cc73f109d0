//! Indirect attributions: reported speech and thought without quotation
//! marks. "X said (that) C", "C, X said", "C, said X", "according to X, C",
//! "..., saying C", and verbs of belief with a clause ("X believes that C").
//! Inside the content of an attribution, only a named or pronoun source
//! with a verb of saying starts another one.

use super::context::Words;
use super::cues::{
    cue, is_determiner, is_evidence_noun, is_noun_like, is_participle, is_pronoun, CueStrength,
};
use super::direct::is_cue_word;
use super::plausible_name;
use super::speaker::{self, People, SpanSet};
use crate::{DocQuote, EntityKind, QuoteKind, Sentence, Span, TokenKind};

/// Verbs whose object names the listener: "told reporters that ...".
fn takes_listener(base: &str) -> bool {
    matches!(
        base,
        "tell" | "ask" | "warn" | "assure" | "urge" | "remind" | "inform" | "thank"
    )
}

pub fn find_indirect(
    text: &str,
    words: &Words,
    sentences: &[Sentence],
    entities: &People,
    quotes: &[DocQuote],
) -> Vec<DocQuote> {
    let mut out: Vec<DocQuote> = Vec::new();
    let taken = taken_tokens(words, quotes);
    let stated = Stated::new(quotes);
    for s in sentences {
        let range = words.within(s.start, s.end);
        let (first, mut end) = (range.start, range.end);
        while end > first && words.tokens[end - 1].kind == TokenKind::Punct {
            end -= 1;
        }
        // "according to X" owns its sentence: read it first, so that a verb
        // inside "C, according to X" does not start an attribution of its
        // own.
        let according = |k: &usize| words.word(*k).eq_ignore_ascii_case("according");
        let order: Vec<usize> = (first..end)
            .filter(according)
            .chain((first..end).filter(|k| !according(k)))
            .collect();
        let sentence_first = out.len();
        let quote_cue_here = stated.cue_within(s.start, s.end);
        for k in order {
            if taken[k] {
                continue;
            }
            // "..., adding that ...": a participle after a quoted statement
            // carries on that statement's attribution.
            if quote_cue_here && is_participle(words.word(k)) {
                continue;
            }
            let found = according_to(words, first, end, k)
                .or_else(|| with_verb(words, first, end, k))
                .or_else(|| {
                    (k == first)
                        .then(|| name_colon(words, entities, first, end))
                        .flatten()
                })
                .or_else(|| headline_cue(words, first, end, k));
            let Some((source, cue_span, content)) = found else {
                continue;
            };
            // Inside the content of an attribution already found, only a
            // named or pronoun source with a verb of saying starts another
            // ("Officials said Trump told them ...").
            let inside = out[sentence_first..]
                .iter()
                .any(|p: &DocQuote| p.content.contains(&cue_span) || p.cue == Some(cue_span));
            let strong = matches!(cue(words.word(k)), Some((_, CueStrength::Speech)))
                && source.is_some_and(|s| {
                    let w = s.of(text);
                    is_pronoun(w) || w.starts_with(char::is_uppercase)
                });
            if (inside && !strong)
                || content.of(text).split_whitespace().count() < 2
                || stated.overlaps(content)
            {
                continue;
            }
            let who = speaker::resolve(text, entities, source, None);
            out.push(DocQuote {
                kind: QuoteKind::Indirect,
                content,
                source,
                cue: Some(cue_span),
                speaker: who.entity,
                speaker_note: who.note,
                nested_in: None,
                continues: None,
            });
        }
        // Keep text order within the sentence.
        out[sentence_first..].sort_by_key(|q| (q.content.start, q.content.end));
    }
    out
}

/// The tokens inside a quote (not a partial one) or starting its cue:
/// marked once, through a difference array over the token ranges, rather
/// than by asking every quote for every token.
fn taken_tokens(words: &Words, quotes: &[DocQuote]) -> Vec<bool> {
    let n = words.tokens.len();
    let mut depth = vec![0i32; n + 1];
    let mut cue_start = vec![false; n];
    for q in quotes.iter().filter(|q| q.kind != QuoteKind::Partial) {
        let inside = words.within(q.content.start, q.content.end);
        depth[inside.start] += 1;
        depth[inside.end] -= 1;
        if let Some(c) = q.cue {
            let k = words.at_or_after(c.start);
            if k < n && words.tokens[k].start == c.start {
                cue_start[k] = true;
            }
        }
    }
    let mut open = 0;
    (0..n)
        .map(|k| {
            open += depth[k];
            open > 0 || cue_start[k]
        })
        .collect()
}

/// The quotes found before the indirect attributions, indexed for the two
/// questions asked of them per sentence and per attribution.
struct Stated {
    /// Cue spans (start, end) of the quotes, sorted.
    cues: Vec<(usize, usize)>,
    /// Contents of the attributed quotes that are not partial.
    contents: SpanSet,
}

impl Stated {
    fn new(quotes: &[DocQuote]) -> Stated {
        let mut cues: Vec<(usize, usize)> = quotes
            .iter()
            .filter_map(|q| q.cue.map(|c| (c.start, c.end)))
            .collect();
        cues.sort_unstable();
        let contents = SpanSet::new(
            quotes
                .iter()
                .filter(|q| q.kind != QuoteKind::Partial && q.cue.is_some())
                .map(|q| q.content),
        );
        Stated { cues, contents }
    }

    /// Whether a quote has its cue inside `[start, end]` (a sentence).
    fn cue_within(&self, start: usize, end: usize) -> bool {
        let k = self.cues.partition_point(|c| c.0 < start);
        self.cues[k..]
            .iter()
            .take_while(|c| c.0 <= end)
            .any(|c| c.1 <= end)
    }

    /// Whether an attributed quote's content overlaps `span`.
    fn overlaps(&self, span: Span) -> bool {
        self.contents.overlaps(span)
    }
}

/// "is telling", "were saying": a participle after these is a finite verb.
fn is_progressive_aux(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "is" | "are" | "was" | "were" | "been" | "be" | "’s" | "'s" | "’re" | "'re" | "keeps"
    )
}

/// The comma right before token `i`, allowing closing quotation marks in
/// between ("... a psychiatrist,” according to Reuters").
fn comma_before(words: &Words, i: usize, floor: usize) -> Option<usize> {
    let mut j = i;
    while j > floor {
        j -= 1;
        match words.word(j) {
            "," => return Some(j),
            "”" | "\"" | "’" | "'" => continue,
            _ => return None,
        }
    }
    None
}

/// "C was claimed by X", "C has been endorsed by X": the source follows
/// "by", the content is the subject.
fn passive(words: &Words, first: usize, end: usize, k: usize) -> Option<Found> {
    let w = words.word(k);
    let participle_form = w.ends_with("ed")
        || matches!(
            w,
            "told" | "written" | "said" | "shown" | "known" | "found" | "thought"
        );
    if !participle_form || k == first || k + 2 >= end || words.word(k + 1) != "by" {
        return None;
    }
    // "groups backed by Ankara": a participle after its noun is passive too.
    let aux = matches!(
        words.word(k - 1).to_lowercase().as_str(),
        "was" | "were" | "is" | "are" | "been" | "be" | "being"
    );
    let after_noun = words.tokens[k - 1].kind == TokenKind::Word && !is_pronoun(words.word(k - 1));
    if !aux && !after_noun {
        return None;
    }
    let source = words.phrase_after(k + 2, end)?;
    let content = words.subject_before(k, first)?;
    Some((Some(source), words.span(k, k), content))
}

/// "Trump: Clinton Should Be Prosecuted" — a line that opens with a person's
/// or an organisation's name and a colon.
fn name_colon(words: &Words, entities: &People, first: usize, end: usize) -> Option<Found> {
    let colon = (first + 1..(first + 5).min(end)).find(|&i| words.is_punct(i, ":"))?;
    let name = words.span(first, colon - 1);
    if !plausible_name(name.of(words.text))
        || (first..colon).any(|i| !words.word(i).starts_with(char::is_uppercase))
    {
        return None;
    }
    let named = entities.ending_at(name).any(|e| {
        matches!(
            entities[e].kind,
            EntityKind::Person | EntityKind::Organization
        )
    });
    if !named || end < colon + 4 {
        return None;
    }
    Some((
        Some(name),
        words.span(colon, colon),
        words.span(colon + 1, end - 1),
    ))
}

/// "Rubio Says Abandoning Reform Was A Mistake" — in a headline written in
/// Title Case, a capitalised cue after a name.
fn headline_cue(words: &Words, first: usize, end: usize, k: usize) -> Option<Found> {
    if k == first || k + 2 >= end || !words.word(k).starts_with(char::is_uppercase) {
        return None;
    }
    if !matches!(cue(words.word(k)), Some((_, CueStrength::Speech))) || is_participle(words.word(k))
    {
        return None;
    }
    let capitalised = |i: usize| {
        words.word(i).starts_with(char::is_uppercase) || words.tokens[i].kind != TokenKind::Word
    };
    let wordy: Vec<usize> = (first..end)
        .filter(|&i| words.tokens[i].kind == TokenKind::Word)
        .collect();
    let title_case = wordy.len() >= 4
        && wordy.iter().filter(|&&i| capitalised(i)).count() * 10 >= wordy.len() * 8;
    let last = &words.text[words.tokens[end - 1].start..];
    if !title_case
        || last.trim_start().starts_with('.')
        || k - first > 5
        || !(first..k).all(capitalised)
    {
        return None;
    }
    Some((
        Some(words.span(first, k - 1)),
        words.span(k, k),
        words.span(k + 1, end - 1),
    ))
}

type Found = (Option<Span>, Span, Span);

/// "according to X, C" and "C, according to X".
fn according_to(words: &Words, first: usize, end: usize, k: usize) -> Option<Found> {
    if !words.word(k).eq_ignore_ascii_case("according") || k + 2 >= end || words.word(k + 1) != "to"
    {
        return None;
    }
    let clause_end = (k + 2..end)
        .find(|&i| words.is_punct(i, ","))
        .unwrap_or(end);
    let source = words
        .phrase_after(k + 2, clause_end)
        .or_else(|| (k + 2 < clause_end).then(|| words.span(k + 2, clause_end - 1)))?;
    let cue_span = words.span(k, k + 1);
    if k > first + 2 && comma_before(words, k, first).is_some() {
        // "C, according to X."
        return Some((Some(source), cue_span, words.span(first, k - 2)));
    }
    if clause_end + 1 < end {
        return Some((Some(source), cue_span, words.span(clause_end + 1, end - 1)));
    }
    None
}

/// A cue verb at `k`: "X said (that) C", "C, X said", "C, said X",
/// "..., saying C".
fn with_verb(words: &Words, first: usize, end: usize, k: usize) -> Option<Found> {
    if !is_cue_word(words, k, CueStrength::Belief) {
        return None;
    }
    let (base, strength) = cue(words.word(k))?;
    // A cue word after a determiner or a possessive is a noun ("the state",
    // "Trump’s remarks").
    if k > first && (is_determiner(words.word(k - 1)) || matches!(words.word(k - 1), "’s" | "'s"))
    {
        return None;
    }
    // "continue", "speak" and "talk" cue a quote ("he continued", "Arvelo
    // spoke in Velorian"), but alone they report no content ("continue
    // to", "spoke at the rally").
    if matches!(base, "continue" | "speak" | "talk") {
        return None;
    }
    let cue_span = words.span(k, k);
    // "C, said X." at the end of the sentence.
    if k > first + 2
        && comma_before(words, k, first).is_some()
        && strength == CueStrength::Speech
        && !is_participle(words.word(k))
    {
        if let Some(src) = words.phrase_after(k + 1, end) {
            let after_src = words.at_or_after(src.end);
            if after_src >= end || words.is_punct(after_src, ",") {
                return Some((Some(src), cue_span, words.span(first, k - 2)));
            }
        }
    }
    if let Some(found) = passive(words, first, end, k) {
        return Some(found);
    }
    let participle =
        is_participle(words.word(k)) && !(k > first && is_progressive_aux(words.word(k - 1)));
    let source = if participle {
        // "..., at one point calling the mayor a liar".
        let lowest = k.saturating_sub(1).max(first);
        // "... by saying he would ...".
        let after_by = k > first && words.word(k - 1) == "by";
        if k == first || !((lowest..k).any(|i| words.is_punct(i, ",")) || after_by) {
            return None;
        }
        words.sentence_subject(first, k)
    } else if k > first + 2 && words.word(k - 1) == "and" && !words.is_punct(k - 2, ",") {
        // "Reid caucused in Nevada and says he voted ...": the subject of
        // the first verb.
        words.sentence_subject(first, k)
    } else {
        words.subject_before(k, first)
    };
    let source = source?;
    // "TV shows never die": too often a noun. A verb after a pronoun ("he
    // shows") or after a source of evidence ("the poll shows", "the
    // report claims").
    let head = source
        .of(words.text)
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .to_lowercase();
    if is_noun_like(words.word(k)) && !is_pronoun(source.of(words.text)) && !is_evidence_noun(&head)
    {
        return None;
    }
    let src_first = words.at_or_after(source.start);
    // "C, X said." — the content is before.
    if src_first > first + 2
        && comma_before(words, src_first, first).is_some()
        && strength == CueStrength::Speech
        && (end - k <= 5 || words.is_punct(k + 1, ","))
        && !participle
    {
        return Some((Some(source), cue_span, words.span(first, src_first - 2)));
    }
    // "X said (to reporters) (that) C".
    let mut c = k + 1;
    if takes_listener(base) {
        while c < end
            && c < k + 5
            && !matches!(words.word(c), "that" | "," | ":")
            && words.tokens[c].kind == TokenKind::Word
            && cue(words.word(c)).is_none()
        {
            c += 1;
        }
    }
    while c < end && words.tokens[c].kind == TokenKind::Punct && matches!(words.word(c), "," | ":")
    {
        c += 1;
    }
    let introduced = c < end && matches!(words.word(c), "that" | "to");
    // "They think the progress is real", "He believes, for example, that":
    // a named or pronoun subject's belief needs no "that".
    let src_text = source.of(words.text);
    let personal = is_pronoun(src_text) || src_text.starts_with(char::is_uppercase);
    if strength == CueStrength::Belief
        && (!introduced && !personal || src_text.eq_ignore_ascii_case("you"))
    {
        return None;
    }
    if c < end && words.word(c) == "that" {
        c += 1;
    }
    if c >= end {
        return None;
    }
    Some((Some(source), cue_span, words.span(c, end - 1)))
}
