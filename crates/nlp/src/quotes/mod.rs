//! Quotes and attributions of one document: direct quotes (straight or
//! curly marks, colon-introduced blocks, quotes continued across
//! paragraphs, nested and partial quotes) and indirect attributions
//! ("X said that ...", "according to X, ..."), each with its source, cue
//! and content spans and its speaker entity.
//!
//! The rules follow how news copy attributes speech: the attribution
//! stands right after the quote ("“...,” she said") or right before it
//! ("She stated, “...”", "..., stating:"); a quote with none continues the
//! previous speaker's quote; inside a quote, "I" is its speaker.

mod block;
mod context;
pub mod cues;
mod direct;
mod indirect;
mod marks;
mod speaker;

use speaker::People;

use context::Words;
use direct::{after, before, colon_intro, is_whole_statement, sentence_start, Attribution};
use marks::Quoted;

use crate::{DocEntity, DocQuote, EntityKind, QuoteKind, Sentence, Span, Token};

pub use marks::find_quoted;

/// Find the quotes and attributions of `text`, in text order of content.
pub fn find_quotes(
    text: &str,
    sentences: &[Sentence],
    tokens: &[Token],
    entities: &[DocEntity],
) -> Vec<DocQuote> {
    let words = Words::new(text, tokens);
    let quoted = marks::find_quoted(text);
    let quoted_spans: Vec<Span> = quoted.iter().map(|q| q.inner).collect();
    let people = People::new(entities, &quoted_spans);
    let entities = &people;
    let mut out: Vec<DocQuote> = Vec::new();
    for (content, attr) in block::find_blocks(text, &words, sentences, &quoted) {
        let who = speaker::resolve(text, entities, attr.source, None);
        out.push(DocQuote {
            kind: QuoteKind::Direct,
            content,
            source: attr.source,
            cue: attr.cue,
            speaker: who.entity,
            speaker_note: who.note,
            nested_in: None,
            continues: None,
        });
    }
    let blocks = out.len();
    let mut qmap: Vec<Option<usize>> = vec![None; quoted.len()];
    for (qi, q) in quoted.iter().enumerate() {
        // Blocks are whole paragraphs in text order: the one that may hold
        // the quote is the last starting before it.
        let in_block = || {
            let b = out[..blocks].partition_point(|o| o.content.start <= q.inner.start);
            b.checked_sub(1)
                .filter(|&b| out[b].content.contains(&q.inner))
        };
        let parent = q.parent.and_then(|p| qmap[p]).or_else(in_block);
        if let Some(quote) = read_quote(
            text, &words, sentences, entities, &quoted, qi, parent, &out, &qmap,
        ) {
            qmap[qi] = Some(out.len());
            out.push(quote);
        }
    }
    out.extend(indirect::find_indirect(
        text, &words, sentences, entities, &out,
    ));
    attach_partials(text, &words, sentences, entities, &mut out);
    share_speakers(&mut out);
    in_text_order(out)
}

/// The first part of a statement continued in a later quote takes the
/// speaker named after the later part ("“We are ready. ¶ “And we have the
/// workers,” said Torres.").
fn share_speakers(out: &mut [DocQuote]) {
    for i in (0..out.len()).rev() {
        let Some(p) = out[i].continues else { continue };
        if p < out.len()
            && p != i
            && out[p].source.is_none()
            && out[p].cue.is_none()
            && out[i].speaker.is_some()
        {
            let later = out[i].clone();
            let first = &mut out[p];
            (first.source, first.cue, first.speaker, first.speaker_note) =
                (later.source, later.cue, later.speaker, later.speaker_note);
        }
    }
}

/// Words that, with a person as the subject, report what the person says
/// of a quoted term ("made it clear", "called them", "dubbed it") besides
/// the verbs of saying and thinking.
const SAYING_WORDS: &[&str] = &[
    "clear",
    "called",
    "calls",
    "calling",
    "dubbed",
    "termed",
    "labeled",
    "labelled",
    "described",
    "branded",
    "vowed",
    "pledged",
    "promised",
];

/// A partial quote inside an indirect attribution belongs to it ("Cruz
/// says he is “effectively tied for second place”"): it is nested in that
/// attribution and has its speaker. Otherwise its attribution is a cue
/// anywhere earlier in its sentence, or the person the sentence is about
/// ("Sheinbaum made it clear that Mexico would “never accept” ...") when
/// a verb of saying or thinking says so; a partial quote with neither is a
/// scare quote, a term or a title and is dropped.
fn attach_partials(
    text: &str,
    words: &Words,
    sentences: &[Sentence],
    entities: &People,
    out: &mut Vec<DocQuote>,
) {
    let mut drop = vec![false; out.len()];
    let hosts = Hosts::new(out);
    for i in 0..out.len() {
        let q = &out[i];
        // Partial quotes, and direct quotes with no attribution of their
        // own ("Reporters noted the change from the slogan, “Make ...”").
        let unattributed_direct =
            q.kind == QuoteKind::Direct && q.cue.is_none() && q.source.is_none();
        if !(q.kind == QuoteKind::Partial || unattributed_direct) || q.nested_in.is_some() {
            continue;
        }
        if let Some(host) = hosts.containing(sentences, q.content) {
            let h = out[host].clone();
            let q = &mut out[i];
            q.nested_in = Some(host);
            if q.cue.is_none() {
                (q.source, q.cue, q.speaker, q.speaker_note) =
                    (h.source, h.cue, h.speaker, h.speaker_note);
            }
            continue;
        }
        if q.kind == QuoteKind::Direct || q.cue.is_some() || q.source.is_some() {
            continue;
        }
        let floor = sentence_start(sentences, q.content.start)
            .max(words.paragraph_of(q.content.start).start);
        let open = text[..q.content.start]
            .trim_end_matches(|c: char| !c.is_alphanumeric() && !c.is_whitespace())
            .len();
        let mut attr = before(words, floor, open.max(floor), true);
        if !attr.found() {
            let first = words.at_or_after(floor);
            let quote_at = words.at_or_after(q.content.start);
            let subject = words.sentence_subject(first, quote_at);
            let who = speaker::resolve(text, entities, subject, None);
            // The person the sentence is about speaks only through a verb of
            // saying or thinking, or "made it clear": "Trump has classified
            // the cartels as “foreign terrorist” organizations" quotes a
            // term, not Trump.
            let says = subject.is_some_and(|s| {
                (words.at_or_after(s.end)..quote_at).any(|k| {
                    direct::is_cue_word(words, k, cues::CueStrength::Belief)
                        || SAYING_WORDS.contains(&words.word(k).to_lowercase().as_str())
                })
            });
            if says
                && who
                    .entity
                    .is_some_and(|e| entities[e].kind == EntityKind::Person)
            {
                attr.source = subject;
            }
        }
        if !attr.found() {
            drop[i] = true;
            continue;
        }
        let who = speaker::resolve(text, entities, attr.source, None);
        let q = &mut out[i];
        (q.source, q.cue, q.speaker, q.speaker_note) =
            (attr.source, attr.cue, who.entity, who.note);
    }
    if drop.iter().any(|d| *d) {
        remove_quotes(out, &drop);
    }
}

/// The indirect attributions, sorted by content start: each lies inside
/// one sentence, so those that may contain a span are the ones starting in
/// its sentence before it.
struct Hosts {
    /// (content start, index in the quotes) of the indirect ones.
    starts: Vec<(usize, usize)>,
    contents: Vec<Span>,
}

impl Hosts {
    fn new(out: &[DocQuote]) -> Hosts {
        let mut starts: Vec<(usize, usize)> = out
            .iter()
            .enumerate()
            .filter(|(_, h)| h.kind == QuoteKind::Indirect)
            .map(|(i, h)| (h.content.start, i))
            .collect();
        starts.sort_unstable();
        Hosts {
            starts,
            contents: out.iter().map(|q| q.content).collect(),
        }
    }

    /// The first indirect attribution (in quote order) whose content
    /// contains `span`.
    fn containing(&self, sentences: &[Sentence], span: Span) -> Option<usize> {
        let from = sentence_start(sentences, span.start);
        let a = self.starts.partition_point(|h| h.0 < from);
        let b = self.starts.partition_point(|h| h.0 <= span.start);
        self.starts[a..b.max(a)]
            .iter()
            .filter(|h| self.contents[h.1].contains(&span))
            .map(|h| h.1)
            .min()
    }
}

/// Remove the quotes marked in `drop`, renumbering references; a reference
/// to a removed quote becomes `None`.
fn remove_quotes(out: &mut Vec<DocQuote>, drop: &[bool]) {
    let mut new_index = vec![None; out.len()];
    let mut n = 0;
    for (i, d) in drop.iter().enumerate() {
        if !d {
            new_index[i] = Some(n);
            n += 1;
        }
    }
    let old = std::mem::take(out);
    for (i, mut q) in old.into_iter().enumerate() {
        if drop[i] {
            continue;
        }
        q.nested_in = q.nested_in.and_then(|p| new_index[p]);
        q.continues = q.continues.and_then(|p| new_index[p]);
        out.push(q);
    }
}

/// One quoted stretch as a quote, or `None` when it is not one (a title or
/// a scare-quoted word with no speaker).
#[allow(clippy::too_many_arguments)]
fn read_quote(
    text: &str,
    words: &Words,
    sentences: &[Sentence],
    entities: &People,
    quoted: &[Quoted],
    qi: usize,
    parent: Option<usize>,
    out: &[DocQuote],
    read: &[Option<usize>],
) -> Option<DocQuote> {
    let q = &quoted[qi];
    let para = words.paragraph_of(q.open);
    let mut floor = sentence_start(sentences, q.open).max(para.start);
    let mut ceiling = para.end;
    if let Some(p) = parent {
        floor = floor.max(out[p].content.start);
        ceiling = ceiling.min(out[p].content.end);
    }
    // Another quote earlier in the sentence bounds the words before this one.
    if let Some(prev) = quoted[..qi]
        .iter()
        .rev()
        .find(|p| p.parent == q.parent && p.after <= q.open)
    {
        floor = floor.max(prev.after);
    }
    if let Some(next) = quoted[qi + 1..].iter().find(|n| n.open >= q.after) {
        ceiling = ceiling.min(next.open);
    }
    let whole = is_whole_statement(text, floor, q);
    let mut attr = after(words, q, ceiling);
    if !attr.found() {
        attr = before(words, floor, q.open, false);
    }
    if !attr.found() && text[floor..q.open].trim().is_empty() {
        attr = before_previous_sentence(text, words, sentences, q.open, para);
    }
    if !attr.found() {
        attr = headline_colon(words, para, q.open);
    }
    if !attr.found() && text[floor..q.open].trim_end().ends_with([':', ',']) {
        attr = colon_intro(words, floor, q.open);
    }
    if !attr.found() && q.continues.is_none() && text[para.start..q.open].trim().is_empty() {
        attr = intro_paragraph(text, words, sentences, para);
    }
    let outer = parent.and_then(|p| out[p].speaker);
    let mut continues = None;
    let mut inherited: Option<&DocQuote> = None;
    // A quote carried on from the previous paragraph is one statement with
    // it, whichever part names the speaker (see `share_speakers`).
    let carried = q.continues.and_then(|c| read[c]);
    if carried.is_some() && parent.is_none() {
        continues = carried;
    }
    if !attr.found() && parent.is_none() {
        if let Some(c) = carried {
            inherited = Some(&out[c]);
        } else if whole {
            if let Some((i, prev)) = previous_statement(text, words, sentences, out, q, para) {
                if words.paragraph_of(prev.content.start) == para {
                    continues = Some(i);
                }
                inherited = Some(prev);
            }
        }
    }
    if !attr.found() && inherited.is_none() && whole && parent.is_none() {
        attr = next_sentence(words, sentences, q);
    }
    let content = trim_content(text, q.inner);
    if !content.of(text).contains(char::is_alphanumeric) {
        return None;
    }
    let n_words = content.of(text).split_whitespace().count();
    // A short quoted line standing alone, without a final stop, is a
    // subheading or a pull quote, not a statement.
    let rest = text.get(q.after..para.end).unwrap_or("");
    let alone = text[para.start..q.open].trim().is_empty() && rest.trim().is_empty();
    if alone && !attr.found() && n_words <= 6 && !content.of(text).ends_with(['.', '!', '?']) {
        return None;
    }
    // A partial quote without attribution is kept for now: it may sit in
    // an indirect attribution (see `attach_partials`).
    if whole && !attr.found() && inherited.is_none() && (n_words <= 3 || parent.is_some()) {
        return None;
    }
    let (source, cue, who) = match inherited {
        Some(prev) => (
            prev.source,
            prev.cue,
            speaker::Speaker {
                entity: prev.speaker,
                note: prev.speaker_note.clone(),
            },
        ),
        None => (
            attr.source,
            attr.cue,
            speaker::resolve(text, entities, attr.source, outer),
        ),
    };
    Some(DocQuote {
        kind: if whole {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        },
        content,
        source,
        cue,
        speaker: who.entity,
        speaker_note: who.note,
        nested_in: parent,
        continues,
    })
}

/// "Kasich: ‘We Are Going All The Way’" — a headline or transcript line
/// that opens with a name and a colon right before the quote.
fn headline_colon(words: &Words, para: Span, open: usize) -> Attribution {
    let attr = headline_colon_words(words, para, open);
    match attr.source {
        Some(src) if plausible_name(src.of(words.text)) => attr,
        _ => Attribution::default(),
    }
}

/// Whether a capitalised phrase before a colon can name a speaker: not a
/// function word ("And:", "See:", "Note:") and not a shouted headline.
pub(crate) fn plausible_name(phrase: &str) -> bool {
    let first = phrase
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    let function_word = matches!(
        first.as_str(),
        "and"
            | "but"
            | "see"
            | "ever"
            | "name"
            | "note"
            | "update"
            | "updated"
            | "so"
            | "yes"
            | "no"
            | "then"
            | "now"
            | "here"
            | "there"
            | "this"
            | "that"
            | "it"
            | "editor"
            | "watch"
            | "read"
            | "related"
            | "source"
            | "photo"
            | "video"
            | "q"
            | "a"
            | "the"
            | "question"
            | "answer"
            | "warning"
            | "breaking"
            | "correction"
    );
    let letters: Vec<char> = phrase.chars().filter(|c| c.is_alphabetic()).collect();
    let shouted = letters.len() > 12 && letters.iter().all(|c| c.is_uppercase());
    !function_word && !shouted && phrase.split_whitespace().count() <= 4
}

fn headline_colon_words(words: &Words, para: Span, open: usize) -> Attribution {
    let range = words.within(para.start, open);
    if range.len() < 2 || range.len() > 6 || !words.is_punct(range.end - 1, ":") {
        return Attribution::default();
    }
    let name_end = range.end - 1;
    let all_caps = (range.start..name_end).all(|k| {
        words
            .word(k)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
    });
    if !all_caps {
        return Attribution::default();
    }
    Attribution {
        source: Some(words.span(range.start, name_end - 1)),
        cue: Some(words.span(name_end, name_end)),
    }
}

/// The sentence right after a quote names its speaker ("“...” ¶ Arvelo
/// spoke in Velorian; ..."): it opens with a name or a pronoun and a verb
/// of saying.
fn next_sentence(words: &Words, sentences: &[Sentence], q: &Quoted) -> Attribution {
    let i = sentences.partition_point(|s| s.start < q.after);
    let Some(s) = sentences.get(i) else {
        return Attribution::default();
    };
    let range = words.within(s.start, s.end);
    let window = (range.start + 5).min(range.end);
    let Some(k) = (range.start + 1..window)
        .find(|&k| direct::is_cue_word(words, k, cues::CueStrength::Speech))
    else {
        return Attribution::default();
    };
    match words.subject_before(k, range.start) {
        Some(src)
            if src.start == words.tokens[range.start].start
                && src.of(words.text).starts_with(char::is_uppercase) =>
        {
            Attribution {
                source: Some(src),
                cue: Some(words.span(k, k)),
            }
        }
        _ => Attribution::default(),
    }
}

/// A quote that opens its paragraph after a paragraph ending in a colon
/// ("Cruz called them on it:").
fn intro_paragraph(text: &str, words: &Words, sentences: &[Sentence], para: Span) -> Attribution {
    let before_para = text[..para.start].trim_end();
    if !before_para.ends_with(':') {
        return Attribution::default();
    }
    let intro = words.paragraph_of(before_para.len().saturating_sub(1));
    let last = last_sentence_start(sentences, intro);
    let attr = before(words, last, intro.end, false);
    if attr.found() {
        return attr;
    }
    colon_intro(words, last, intro.end)
}

/// The attribution at the end of the previous sentence of the paragraph,
/// when it leads into the quote ("And you know what I said to him? ‘No...").
fn before_previous_sentence(
    text: &str,
    words: &Words,
    sentences: &[Sentence],
    open: usize,
    para: Span,
) -> Attribution {
    let i = sentences.partition_point(|s| s.start <= open);
    if i < 2 {
        return Attribution::default();
    }
    let prev = sentences[i - 2];
    if prev.start < para.start || !prev.text(text).ends_with([':', '?', ',']) {
        return Attribution::default();
    }
    before(words, prev.start, prev.end, false)
}

/// The last top-level direct quote before `q` that this one may carry on:
/// in the same paragraph with only its attribution in between, or in the
/// previous paragraph.
fn previous_statement<'a>(
    text: &str,
    words: &Words,
    sentences: &[Sentence],
    out: &'a [DocQuote],
    q: &Quoted,
    para: Span,
) -> Option<(usize, &'a DocQuote)> {
    let (i, prev) = out.iter().enumerate().rev().find(|(_, o)| {
        o.nested_in.is_none() && o.kind == QuoteKind::Direct && o.content.end <= q.open
    })?;
    let prev_para = words.paragraph_of(prev.content.start);
    if prev_para == para {
        // “A,” said X, a spokeswoman for Y. “B.” — only the attribution
        // stands between the two parts.
        let gap = &text[prev.content.end..q.open];
        let attribution_between = prev
            .cue
            .is_some_and(|c| c.start >= prev.content.end && c.end <= q.open);
        // No sentence starts between the two parts (the sentence splitter
        // knows "Mr." and "Fla." do not end one).
        let from = sentences.partition_point(|s| s.start <= prev.content.end);
        let one_sentence = !sentences[from..]
            .iter()
            .take_while(|s| s.start < q.open)
            .any(|s| !text[s.start..q.open].trim().is_empty());
        return (gap.split_whitespace().count() <= 40 && attribution_between && one_sentence)
            .then_some((i, prev));
    }
    // The previous paragraph, with nothing else between.
    let between = &text[prev_para.end..para.start];
    (between.trim().is_empty() && prev.speaker.is_some()).then_some((i, prev))
}

/// The start of the last sentence starting inside `para`, or the
/// paragraph's start.
pub(crate) fn last_sentence_start(sentences: &[Sentence], para: Span) -> usize {
    let k = sentences.partition_point(|s| s.start < para.end);
    match k.checked_sub(1).map(|i| sentences[i]) {
        Some(s) if s.start >= para.start => s.start,
        _ => para.start,
    }
}

/// Drop a trailing comma from quoted words ("It’s true," -> "It’s true").
fn trim_content(text: &str, span: Span) -> Span {
    let s = span.of(text);
    let t = s.trim_end_matches([',', ' ']);
    Span::new(span.start, span.start + t.len())
}

/// Sort quotes by content start and renumber `nested_in` and `continues`.
fn in_text_order(quotes: Vec<DocQuote>) -> Vec<DocQuote> {
    let mut order: Vec<usize> = (0..quotes.len()).collect();
    order.sort_by_key(|&i| (quotes[i].content.start, quotes[i].content.end, i));
    let mut new_index = vec![0; quotes.len()];
    for (n, &i) in order.iter().enumerate() {
        new_index[i] = n;
    }
    order
        .iter()
        .map(|&i| {
            let mut q = quotes[i].clone();
            q.nested_in = q.nested_in.map(|p| new_index[p]);
            q.continues = q.continues.map(|p| new_index[p]);
            q
        })
        .collect()
}
