//! Which stretches of a document can be claims, and whose they are.
//!
//! Every sentence that reads as a statement is a candidate: headings (no
//! final punctuation), questions, FAQ lines and fragments of fewer than
//! five words are not. A sentence with top-level semicolons is split into
//! its clauses. When a quote or attribution of the `nlp` stage covers most
//! of a candidate, the candidate keeps the whole statement as its span and
//! takes the quoted content as what it states, with the quote's source as
//! its attribution ("C, officials said": the claim reads "C, officials
//! said", states C, attributed to officials); otherwise the outlet states
//! it.

use crosscheck_model::{Attribution, AttributionKind, DocAnalysis, DocQuote, QuoteKind, Span};
use crosscheck_nlp::quotes::cues;
use crosscheck_nlp::Sentence;

/// A claim's stretch of text and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The whole statement: the sentence or clause, with its attribution
    /// ("C, officials said"), never a fragment of it.
    pub span: Span,
    /// What is stated: the quoted or reported content when a quote or
    /// attribution is the source, else the whole statement. Predicate,
    /// amounts, time and key are read from it.
    pub content: Span,
    pub attribution: Attribution,
}

/// Share of a candidate a quote's content must cover to be its source
/// (a direct quote with its attribution after it covers about a third).
const COVER: f64 = 0.3;
/// Words a statement needs.
const MIN_WORDS: usize = 5;

pub fn candidates(text: &str, sentences: &[Sentence], analysis: &DocAnalysis) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut quotes = QuoteSweep::new(&analysis.quotes);
    for s in sentences {
        let span = trim(text, Span::new(s.start, s.end));
        if !is_statement(text[s.start..s.end].trim(), span.of(text)) {
            continue;
        }
        for part in clauses(text, span) {
            if !has_words(part.of(text), MIN_WORDS) {
                continue;
            }
            let (content, attribution) =
                match source_quote(text, part, &analysis.quotes, quotes.overlapping(part)) {
                    Some(q) => {
                        let quote = &analysis.quotes[q];
                        let inner = trim(
                            text,
                            Span::new(
                                quote.content.start.max(part.start),
                                quote.content.end.min(part.end),
                            ),
                        );
                        (inner, attribution_of(text, analysis, q))
                    }
                    None => (part, Attribution::outlet()),
                };
            if has_words(content.of(text), MIN_WORDS - 1) {
                out.push(Candidate {
                    span: part,
                    content,
                    attribution,
                });
            }
        }
    }
    out
}

/// Whether a sentence (`sentence` as split, `s` its trimmed body) reads
/// as a statement: it ends as one (not a heading,
/// not a question, unless the question is quoted: "Trump contacted her,
/// asking, “How can we help?”" states that he asked) and is not a FAQ line.
fn is_statement(sentence: &str, s: &str) -> bool {
    let unclosed = sentence.trim_end_matches(['"', '”', '’', '\'', ')', '»']);
    let ends = match unclosed.chars().next_back() {
        Some('.' | '!' | '…') => true,
        Some('?') => reports_a_question(sentence, unclosed.len()),
        _ => false,
    };
    ends && !(s.starts_with("Question:") || s.starts_with("Q:") || s.starts_with("Answer:"))
        && has_words(s, MIN_WORDS)
}

/// Whether a sentence whose question mark sits before closing quotation
/// marks at `close` reports the question: the quotation opens after a
/// comma or colon that ends a statement of its own words ("X asked her,
/// “…?”"), not at the sentence's start.
fn reports_a_question(s: &str, close: usize) -> bool {
    if close == s.len() {
        return false;
    }
    let Some(open) = s[..close].rfind(['“', '"']) else {
        return false;
    };
    let lead = s[..open].trim_end();
    lead.ends_with([',', ':']) && has_words(lead, MIN_WORDS - 2)
}

/// The clauses of a sentence split at semicolons outside quotation marks
/// and parentheses.
fn clauses(text: &str, span: Span) -> Vec<Span> {
    let s = span.of(text);
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '“' | '(' => depth += 1,
            '”' | ')' => depth -= 1,
            ';' if depth <= 0 => {
                parts.push(trim(text, Span::new(span.start + start, span.start + i)));
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(trim(text, Span::new(span.start + start, span.end)));
    if parts.len() > 1 && parts.iter().any(|p| !has_words(p.of(text), MIN_WORDS)) {
        return vec![span];
    }
    parts
}

/// The quote or attribution that is the source of `part`: among those whose
/// content covers at least [`COVER`] of it, a named speaker before an
/// unnamed one before none, then the innermost, then the widest cover.
fn source_quote(
    text: &str,
    part: Span,
    quotes: &[DocQuote],
    overlapping: &[usize],
) -> Option<usize> {
    let len = part.end - part.start;
    overlapping
        .iter()
        .map(|&i| (i, &quotes[i]))
        .filter_map(|(i, q)| {
            let cover = q
                .content
                .end
                .min(part.end)
                .saturating_sub(q.content.start.max(part.start));
            let enough = len > 0 && cover as f64 >= COVER * len as f64;
            let inner = Span::new(q.content.start.max(part.start), q.content.end.min(part.end));
            (enough && has_words(inner.of(text), MIN_WORDS - 1) && reports_a_statement(text, q))
                .then_some((i, q, cover))
        })
        .max_by_key(|(i, q, cover)| {
            let rank = if q.speaker.is_some() {
                2
            } else if q.source.is_some() {
                1
            } else {
                0
            };
            (rank, q.nested_in.is_some(), *cover, std::cmp::Reverse(*i))
        })
        .map(|(i, _, _)| i)
}

/// The quotes overlapping each part, for parts taken in text order: a
/// sweep over the quotes sorted by start that keeps those still open, so
/// that a document's candidates do not each look at every quote.
struct QuoteSweep {
    /// (content start, content end, index), sorted.
    order: Vec<(usize, usize, usize)>,
    next: usize,
    active: Vec<(usize, usize)>,
    found: Vec<usize>,
}

impl QuoteSweep {
    fn new(quotes: &[DocQuote]) -> QuoteSweep {
        let mut order: Vec<(usize, usize, usize)> = quotes
            .iter()
            .enumerate()
            .map(|(i, q)| (q.content.start, q.content.end, i))
            .collect();
        order.sort_unstable();
        QuoteSweep {
            order,
            next: 0,
            active: Vec::new(),
            found: Vec::new(),
        }
    }

    /// The quotes whose content overlaps `part`; parts must come in
    /// increasing order of start and of end.
    fn overlapping(&mut self, part: Span) -> &[usize] {
        while let Some(&(start, end, i)) = self.order.get(self.next) {
            if start >= part.end {
                break;
            }
            self.active.push((end, i));
            self.next += 1;
        }
        self.active.retain(|&(end, _)| end > part.start);
        self.found.clear();
        self.found.extend(self.active.iter().map(|a| a.1));
        &self.found
    }
}

/// Verbs that report a statement whatever follows them; other cues
/// ("expressed willingness", "announced a package", "praised the plan")
/// report a statement only before "that", and otherwise name an event
/// that is itself the outlet's claim.
const REPORTING: &[&str] = &[
    "say",
    "tell",
    "state",
    "add",
    "claim",
    "insist",
    "argue",
    "note",
    "declare",
    "warn",
    "write",
    "explain",
    "assert",
    "remark",
    "allege",
    "believe",
    "think",
    "indicate",
    "suggest",
    "contend",
    "testify",
    "respond",
    "reply",
    "conclude",
    "tweet",
    "post",
    "concede",
    "assure",
    "speculate",
    "affirm",
    "proclaim",
    "complain",
    "observe",
];

/// Whether a quote reports a statement (see [`REPORTING`]).
fn reports_a_statement(text: &str, quote: &DocQuote) -> bool {
    // A quoted question asks; it states nothing the claim could rest on.
    if quote
        .content
        .of(text)
        .trim_end_matches(['"', '”', '’', '\''])
        .ends_with('?')
    {
        return false;
    }
    if quote.kind != QuoteKind::Indirect {
        return true;
    }
    let Some(cue) = quote.cue else {
        return true;
    };
    let cue_text = cue.of(text).to_lowercase();
    if cue_text.starts_with("according") || quote.content.end <= cue.start {
        return true;
    }
    let between = text.get(cue.end..quote.content.start).unwrap_or("");
    if between
        .split_whitespace()
        .any(|w| w.eq_ignore_ascii_case("that"))
    {
        return true;
    }
    cue_text
        .split_whitespace()
        .filter_map(cues::cue)
        .any(|(base, _)| REPORTING.contains(&base))
}

/// The attribution a quote gives a claim.
fn attribution_of(text: &str, analysis: &DocAnalysis, q: usize) -> Attribution {
    let quote = &analysis.quotes[q];
    if let Some(e) = quote.speaker {
        return Attribution {
            kind: AttributionKind::Named,
            entity: Some(e),
            text: Some(analysis.entities[e].name.clone()),
            quote: Some(q),
        };
    }
    let described = quote
        .speaker_note
        .as_deref()
        .and_then(|n| n.strip_prefix("unnamed source: "))
        .map(str::to_string)
        .or_else(|| quote.source.map(|s| s.of(text).to_string()));
    match described {
        Some(words) => Attribution {
            kind: AttributionKind::Unnamed,
            entity: None,
            text: Some(words),
            quote: Some(q),
        },
        None => Attribution {
            quote: Some(q),
            ..Attribution::outlet()
        },
    }
}

/// A span without white space, quotation marks or a leading comma at its
/// ends (its final full stop is kept).
fn trim(text: &str, span: Span) -> Span {
    if span.start >= span.end || span.end > text.len() {
        return Span::new(span.start, span.start);
    }
    let s = span.of(text);
    let edge =
        |c: char| c.is_whitespace() || matches!(c, '"' | '“' | '”' | '‘' | '’' | '\'' | ',' | ':');
    let head = s.len() - s.trim_start_matches(edge).len();
    let body = s.trim_start_matches(edge).trim_end_matches(edge);
    Span::new(span.start + head, span.start + head + body.len())
}

/// Whether `s` has at least `n` words (runs of non-space with a letter or
/// digit); stops counting at `n`.
fn has_words(s: &str, n: usize) -> bool {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(n)
        .count()
        >= n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        let sentences = crosscheck_nlp::split_sentences(text);
        let analysis = crosscheck_nlp::analyze(text);
        candidates(text, &sentences, &analysis)
            .into_iter()
            .map(|c| c.span.of(text))
            .collect()
    }

    #[test]
    fn headings_questions_and_fragments_are_not_candidates() {
        let text = "Mexico Rejects the Offer\n\nWhat happens next for the two countries?\n\n\
                    Question: Why did Mexico refuse the offer of help?\n\nThanks a lot.\n\n\
                    The ministry raised its budget by 15% in 2025.";
        assert_eq!(
            spans(text),
            ["The ministry raised its budget by 15% in 2025."]
        );
    }

    #[test]
    fn a_reported_question_is_a_statement_of_its_reporter() {
        let text =
            "Trump contacted her directly, asking, “How can we help you fight drug trafficking?” \
                    “Will you accept our help?” Her office never answered that question.";
        let sentences = crosscheck_nlp::split_sentences(text);
        let analysis = crosscheck_nlp::analyze(text);
        let c = candidates(text, &sentences, &analysis);
        let spans: Vec<&str> = c.iter().map(|c| c.span.of(text)).collect();
        assert_eq!(
            spans,
            [
                "Trump contacted her directly, asking, “How can we help you fight drug trafficking?",
                "Her office never answered that question."
            ]
        );
        // The question is not what the claim states: the outlet states the call.
        assert_eq!(c[0].content, c[0].span);
        assert_eq!(c[0].attribution.kind, AttributionKind::Outlet, "{c:?}");
    }

    #[test]
    fn semicolons_split_clauses() {
        let text =
            "The army deployed 3,000 troops in March; the navy sent four ships to the coast.";
        assert_eq!(
            spans(text),
            [
                "The army deployed 3,000 troops in March",
                "the navy sent four ships to the coast."
            ]
        );
    }

    #[test]
    fn an_attributed_claim_keeps_its_attribution_and_states_the_content() {
        let text = "Officials said the ministry raised its budget by 15% in 2025.";
        let sentences = crosscheck_nlp::split_sentences(text);
        let analysis = crosscheck_nlp::analyze(text);
        let c = candidates(text, &sentences, &analysis);
        assert_eq!(c.len(), 1, "{c:?}");
        // The claim reads as the whole sentence, never a fragment ...
        assert_eq!(c[0].span.of(text), text);
        // ... and states what the officials said.
        assert_eq!(
            c[0].content.of(text),
            "the ministry raised its budget by 15% in 2025"
        );
        assert_eq!(c[0].attribution.kind, AttributionKind::Unnamed, "{c:?}");
    }
}
