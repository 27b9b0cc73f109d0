//! Hedging: the words by which a text declines to state a claim outright
//! ("reportedly", "may", "allegedly", "is said to"). Written for this
//! project.

use crosscheck_nlp::Token;

use crate::lexicon::lower;

/// Single hedging words (lower case).
const WORDS: &[&str] = &[
    "reportedly",
    "allegedly",
    "purportedly",
    "supposedly",
    "apparently",
    "seemingly",
    "possibly",
    "potentially",
    "probably",
    "likely",
    "unlikely",
    "perhaps",
    "maybe",
    "may",
    "might",
    "could",
    "alleged",
    "unconfirmed",
    "rumored",
    "rumoured",
    "unverified",
    "suspected",
];

/// Hedging phrases: a word followed by one of the next words ("said to",
/// "appears to", "believed to").
const PHRASES: &[(&str, &[&str])] = &[
    ("said", &["to"]),
    ("believed", &["to"]),
    ("thought", &["to"]),
    ("appears", &["to", "that"]),
    ("appear", &["to", "that"]),
    ("appeared", &["to"]),
    ("seems", &["to", "that"]),
    ("seem", &["to"]),
    ("expected", &["to"]),
];

/// The hedges among the claim's tokens, in text order, lower case, each
/// once ("appears to" for a phrase).
pub fn find_hedges(text: &str, tokens: &[Token]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let w = lower(t.text(text));
        let w = w.as_ref();
        let hedge = if w == "may" && is_month(text, tokens, i) {
            None
        } else if WORDS.contains(&w) {
            Some(w.to_string())
        } else {
            PHRASES
                .iter()
                .find(|(head, _)| *head == w)
                .and_then(|(_, next)| {
                    let n = lower(tokens.get(i + 1)?.text(text));
                    next.contains(&n.as_ref()).then(|| format!("{w} {n}"))
                })
        };
        // "is said to" hedges; "said to reporters" does not.
        let hedge = hedge.filter(|h| {
            !h.starts_with("said ")
                || i > 0 && matches!(tokens[i - 1].text(text), "is" | "are" | "was" | "were")
        });
        if let Some(h) = hedge {
            if !found.contains(&h) {
                found.push(h);
            }
        }
    }
    found
}

/// "May" the month: capitalised inside a sentence, or before a number.
fn is_month(text: &str, tokens: &[Token], i: usize) -> bool {
    let capital = tokens[i].text(text).starts_with('M');
    let before_number = tokens
        .get(i + 1)
        .is_some_and(|t| t.text(text).starts_with(|c: char| c.is_ascii_digit()));
    capital && (i > 0 || before_number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hedges(s: &str) -> Vec<String> {
        find_hedges(s, &crosscheck_nlp::tokenize(s))
    }

    #[test]
    fn words_and_phrases() {
        assert_eq!(
            hedges("Trump's directive reportedly allows actions that could facilitate engagement."),
            ["reportedly", "could"]
        );
        assert_eq!(hedges("He is said to have left."), ["said to"]);
        assert_eq!(
            hedges("He said to reporters that it rained."),
            Vec::<String>::new()
        );
        assert_eq!(
            hedges("The deal appears to be off, officials may say."),
            ["appears to", "may"]
        );
        assert!(hedges("Mexico increased its budget by 15% in 2025.").is_empty());
        assert!(hedges("In May the budget rose; May 5 was a Monday.").is_empty());
        assert_eq!(hedges("May it rain? It may."), ["may"]);
    }
}
