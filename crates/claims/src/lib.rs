//! Claims: what a fact-checker would underline in one document.
//!
//! [`find_claims`] runs after the `nlp` stage (sentences, tokens, entities,
//! quotes): each sentence (or clause) asserting something checkable becomes
//! a [`DocClaim`] with its subject entities, predicate lemma, object,
//! amounts, time (resolved against the publication date), attribution,
//! hedging, a check-worthiness score and a key for matching the same fact
//! across documents. [`analyze_document`] is the whole per-document
//! analysis: `nlp::analyze` and then the claims.
//!
//! - [`candidates`]: which sentences and clauses are statements, and whose;
//! - [`predicate`]: the main verb, its subject and object;
//! - [`hedges`]: "reportedly", "may", "is said to";
//! - [`checkworthy`]: the check-worthiness model, and [`evidence`]: what
//!   the claim's anchors, tense and subject add to the model's score;
//! - [`key`]: the cross-document key;
//! - [`parts`]: the checkable parts of a claim, for partial support.

pub mod candidates;
pub mod checkworthy;
pub mod evidence;
pub mod hedges;
pub mod key;
pub mod lexicon;
pub mod parts;
pub mod predicate;

use crosscheck_model::{Amount, DocEntity, EntityKind, Span, TimeExpr};
use crosscheck_nlp::{find_amounts, find_times, split_sentences, tokenize, Sentence, Token};

pub use crosscheck_model::{Attribution, AttributionKind, DocAnalysis, DocClaim, CHECKWORTHY};

/// The whole per-document analysis of one clean text: entities, quotes and
/// claims. `published` is the document's publication date (`YYYY-MM-DD`; a
/// longer RFC 3339 timestamp is cut to its date), used to resolve relative
/// times.
pub fn analyze_document(text: &str, published: Option<&str>) -> DocAnalysis {
    let (mut analysis, sentences, tokens) = crosscheck_nlp::analyze_parts(text);
    analysis.claims = claims_of(text, &analysis, &sentences, &tokens, published);
    analysis
}

/// The claims of one document whose entities and quotes are in `analysis`,
/// in text order. Every statement is a claim; those scoring
/// [`CHECKWORTHY`] or more are the check-worthy ones.
pub fn find_claims(text: &str, analysis: &DocAnalysis, published: Option<&str>) -> Vec<DocClaim> {
    claims_of(
        text,
        analysis,
        &split_sentences(text),
        &tokenize(text),
        published,
    )
}

/// [`find_claims`] with the document's sentences and tokens already read.
fn claims_of(
    text: &str,
    analysis: &DocAnalysis,
    sentences: &[Sentence],
    tokens: &[Token],
    published: Option<&str>,
) -> Vec<DocClaim> {
    let published = published.map(|p| p.get(..10).unwrap_or(p));
    let amounts = find_amounts(text, tokens);
    let times = find_times(text, tokens, published);
    let mentions = mention_index(&analysis.entities);
    let amount_index = SpanIndex::new(amounts.iter().map(|a| a.span()));
    let time_index = SpanIndex::new(times.iter().map(|t| Span::new(t.start, t.end)));
    candidates::candidates(text, sentences, analysis)
        .into_iter()
        .map(|c| {
            let claim_tokens = within(tokens, c.content);
            let pred = predicate::main_verb(text, claim_tokens);
            let byte = |i: usize| claim_tokens.get(i).map_or(c.content.end, |t| t.start);
            let subject = match &pred {
                Some(p) => Span::new(byte(p.subject_start), byte(p.group_start)),
                None => c.content,
            };
            let subjects = subject_entities(text, &analysis.entities, &mentions, subject);
            let object = pred
                .as_ref()
                .and_then(|p| object_span(text, claim_tokens, p.object_start, c.content));
            let amounts: Vec<Amount> = amount_index
                .inside(c.content)
                .map(|i| amounts[i].clone())
                .collect();
            let time = claim_time(&times, time_index.inside(c.content));
            let class = predicate_class(text, claim_tokens, pred.as_ref());
            let in_claim: Vec<&DocEntity> = entities_in(&mentions, c.content)
                .into_iter()
                .map(|e| &analysis.entities[e])
                .collect();
            let key = key::claim_key(class.as_deref(), &in_claim, &amounts, time.as_ref());
            let hedges = hedges::find_hedges(text, claim_tokens);
            let evidence = evidence::Evidence {
                entities: in_claim.len(),
                amounts: amounts.len(),
                resolved_time: time.as_ref().is_some_and(|t| t.value.is_some()),
                prediction: is_prediction(text, claim_tokens, pred.as_ref(), &hedges),
                commentary: is_commentary(pred.as_ref())
                    && !has_actor(text, &analysis.entities, &mentions, subject)
                    || evidence::evaluative(c.span.of(text)),
                not_a_claim: evidence::not_a_claim(sentence_of(text, sentences, c.content)),
            };
            let model = checkworthy::score(c.span.of(text));
            DocClaim {
                span: c.span,
                subjects,
                predicate: pred.map(|p| p.lemma),
                object,
                amounts,
                time,
                attribution: c.attribution,
                hedges,
                checkworthiness: evidence::adjust(model, evidence),
                key,
            }
        })
        .collect()
}

/// Whether the claim predicts or prescribes rather than reports: its verb
/// group opens with a modal or "will", its verb is "need", or it "is
/// expected to" happen.
fn is_prediction(
    text: &str,
    tokens: &[Token],
    pred: Option<&predicate::Predicate>,
    hedges: &[String],
) -> bool {
    let modal = pred.is_some_and(|p| {
        let aux = tokens
            .get(p.group_start)
            .and_then(|t| lexicon::auxiliary(t.text(text)));
        matches!(
            aux,
            Some(
                "will" | "would" | "may" | "might" | "could" | "should" | "must" | "shall" | "can"
            )
        ) || p.lemma == "need"
    });
    modal || hedges.iter().any(|h| h == "expected to")
}

/// Whether the claim's verb is one of significance ("highlights",
/// "reflects", "marks"): commentary on the story itself unless a person or
/// organisation is its subject (see [`has_actor`]).
fn is_commentary(pred: Option<&predicate::Predicate>) -> bool {
    pred.is_some_and(|p| evidence::SIGNIFICANCE_VERBS.contains(&p.lemma.as_str()))
}

/// Whether a person or organisation is the subject itself, not a
/// possessor of it ("Sheinbaum's position", "Mexico's rejection").
fn has_actor(
    text: &str,
    entities: &[DocEntity],
    mentions: &[(usize, usize, usize)],
    subject: Span,
) -> bool {
    let lo = mentions.partition_point(|m| m.0 < subject.start);
    mentions[lo..]
        .iter()
        .take_while(|m| m.0 < subject.end)
        .any(|&(_, end, e)| {
            let after = text.get(end..).unwrap_or("");
            matches!(
                entities[e].kind,
                EntityKind::Person | EntityKind::Organization
            ) && !after.starts_with("'s")
                && !after.starts_with("’s")
        })
}

/// The text of the sentence a claim's span starts in (a clause of a
/// sentence split at semicolons is judged with its whole line: "Arvelo
/// spoke in Velorian; the translation is by …").
fn sentence_of<'a>(text: &'a str, sentences: &[Sentence], span: Span) -> &'a str {
    let i = sentences.partition_point(|s| s.start <= span.start);
    match i.checked_sub(1).map(|i| sentences[i]) {
        Some(s) if s.end >= span.end => &text[s.start..s.end],
        _ => span.of(text),
    }
}

/// The tokens inside `span` (tokens are sorted and do not overlap).
fn within(tokens: &[Token], span: Span) -> &[Token] {
    let lo = tokens.partition_point(|t| t.start < span.start);
    let hi = tokens.partition_point(|t| t.start < span.end);
    &tokens[lo..hi.max(lo)]
}

/// Every entity mention as (start, end, entity index), sorted by start.
fn mention_index(entities: &[DocEntity]) -> Vec<(usize, usize, usize)> {
    let mut v: Vec<(usize, usize, usize)> = entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.start, m.end, i)))
        .collect();
    v.sort_unstable();
    v
}

/// The entities with a mention inside `span`, in order of first mention.
fn entities_in(mentions: &[(usize, usize, usize)], span: Span) -> Vec<usize> {
    let lo = mentions.partition_point(|m| m.0 < span.start);
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for &(start, end, e) in &mentions[lo..] {
        if start >= span.end {
            break;
        }
        if end <= span.end && seen.insert(e) {
            out.push(e);
        }
    }
    out
}

/// The entities a subject phrase is about: those it mentions, less the
/// organisations and places that only qualify a person named after them
/// ("White House Deputy Press Secretary Anna Kelly", "U.S. Ambassador to
/// Mexico Ronald Johnson").
fn subject_entities(
    text: &str,
    entities: &[DocEntity],
    mentions: &[(usize, usize, usize)],
    subject: Span,
) -> Vec<usize> {
    let lo = mentions.partition_point(|m| m.0 < subject.start);
    let inside: Vec<(usize, usize, usize)> = mentions[lo..]
        .iter()
        .take_while(|m| m.0 < subject.end)
        .filter(|m| m.1 <= subject.end)
        .copied()
        .collect();
    // The person named first after a mention: if any person named after it
    // has nothing but words between, that one does (what stands between is
    // a prefix of the other's).
    let persons: Vec<usize> = inside
        .iter()
        .filter(|m| entities[m.2].kind == EntityKind::Person)
        .map(|m| m.0)
        .collect();
    let qualifies = |&(_, end, e): &(usize, usize, usize)| {
        let k = persons.partition_point(|&p_start| p_start < end);
        entities[e].kind != EntityKind::Person
            && persons.get(k).is_some_and(|&p_start| {
                !text[end..p_start].contains([',', ';', '(', ')'])
                    && !text[end..p_start].contains(" and ")
            })
    };
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for m in &inside {
        if !qualifies(m) && seen.insert(m.2) {
            out.push(m.2);
        }
    }
    out
}

/// The object: from `from` to the end of its clause (the next comma,
/// semicolon or dash, or the claim's end), without final punctuation.
fn object_span(text: &str, tokens: &[Token], from: usize, claim: Span) -> Option<Span> {
    let start = tokens.get(from)?.start;
    let end = tokens[from..]
        .iter()
        .find(|t| matches!(t.text(text), "," | ";" | "—" | "–" | "(" | ":"))
        .map_or(claim.end, |t| t.start);
    let s = &text[start..end];
    let trimmed =
        s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '"' | '”' | '’'));
    (!trimmed.is_empty()).then(|| Span::new(start, start + trimmed.len()))
}

/// The claim's time: its first resolved time expression, else its first.
fn claim_time(times: &[TimeExpr], inside: impl Iterator<Item = usize>) -> Option<TimeExpr> {
    let inside: Vec<usize> = inside.collect();
    inside
        .iter()
        .find(|&&i| times[i].value.is_some())
        .or(inside.first())
        .map(|&i| times[i].clone())
}

/// Spans found once per document (amounts, times), sorted by start so
/// that the ones inside a claim are found by binary search rather than by
/// a pass over all of them for every claim.
struct SpanIndex {
    /// (start, end, index in the original order), sorted.
    spans: Vec<(usize, usize, usize)>,
}

impl SpanIndex {
    fn new(spans: impl Iterator<Item = Span>) -> SpanIndex {
        let mut spans: Vec<(usize, usize, usize)> = spans
            .enumerate()
            .map(|(i, s)| (s.start, s.end, i))
            .collect();
        spans.sort_unstable();
        SpanIndex { spans }
    }

    /// The indices of the spans inside `span`, in their original order.
    fn inside(&self, span: Span) -> impl Iterator<Item = usize> {
        let lo = self.spans.partition_point(|s| s.0 < span.start);
        let mut found: Vec<usize> = self.spans[lo..]
            .iter()
            .take_while(|s| s.0 <= span.end)
            .filter(|s| s.1 <= span.end)
            .map(|s| s.2)
            .collect();
        found.sort_unstable();
        found.into_iter()
    }
}

/// Main verbs that say little of their own: the claim's class comes from
/// an event noun in its subject when there is one ("the designation ...
/// led to").
const LIGHT_VERBS: &[&str] = &[
    "be",
    "have",
    "cause",
    "come",
    "mark",
    "make",
    "take",
    "become",
    "do",
    "highlight",
    "underscore",
    "reflect",
];

/// The predicate class for the key.
fn predicate_class(
    text: &str,
    tokens: &[Token],
    pred: Option<&predicate::Predicate>,
) -> Option<String> {
    let light =
        pred.is_none_or(|p| LIGHT_VERBS.contains(&lexicon::class_of_lemma(&p.lemma).as_str()));
    if light {
        // The subject's event noun, or its gerund ("categorizing cartels as
        // terrorist organizations is necessary").
        let subject = pred.map_or(tokens, |p| &tokens[p.subject_start..p.group_start]);
        let event = subject.iter().find_map(|t| {
            let w = t.text(text);
            lexicon::event_noun(w).map(str::to_string).or_else(|| {
                lexicon::verb(w)
                    .filter(|v| v.kind == lexicon::FormKind::Gerund)
                    .map(|v| v.class.to_string())
            })
        });
        if event.is_some() {
            return event;
        }
    }
    pred.map(|p| lexicon::class_of_lemma(&p.lemma))
}
