//! The main verb of a claim, found without a parser: skip an introductory
//! phrase, then take the first verb group after a subject. A verb group
//! is an auxiliary or modal with the verb it carries ("has expanded",
//! "could establish", "was designated"), or a finite verb form ("rejects",
//! "classified"). Listed verbs come from `lexicon/predicates.txt` and the
//! reporting verbs of the quotes stage; an unlisted lower-case word ending
//! in "-ed" after a subject counts too, with a guessed lemma.

use crosscheck_nlp::quotes::cues;
use crosscheck_nlp::{Token, TokenKind};

use crate::lexicon::{self, FormKind};

/// The main verb of one claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Predicate {
    pub lemma: String,
    /// Index (into the claim's tokens) of the first token of the subject:
    /// after any introductory phrase.
    pub subject_start: usize,
    /// Index of the verb group's first token (the auxiliary, if any).
    pub group_start: usize,
    /// Index of the token after the verb group: where the object starts.
    pub object_start: usize,
}

/// The lemma and class-relevant form of a word as a verb, if it may be
/// one; with the word after it, a listed phrasal verb ("reached out").
fn verb_lemma(word: &str, next: Option<&str>) -> Option<(String, FormKind)> {
    if let Some(p) = next.and_then(|next| lexicon::phrasal(word, next)) {
        return Some((p.lemma, p.kind));
    }
    if let Some(v) = lexicon::verb(word) {
        return Some((v.lemma.to_string(), v.kind));
    }
    if let Some((base, _)) = cues::cue(word) {
        let lower = lexicon::lower(word);
        let kind = if lower == base {
            FormKind::Base
        } else if lower.ends_with("ing") {
            FormKind::Gerund
        } else if lower.ends_with('s') {
            FormKind::Finite
        } else {
            FormKind::Past
        };
        return Some((base.to_string(), kind));
    }
    let lower = lexicon::lower(word);
    if lower.len() > 4 && lower.ends_with("ed") && word.chars().all(|c| c.is_lowercase()) {
        return Some((guess_lemma_ed(&lower), FormKind::Past));
    }
    None
}

/// The base form of an unlisted "-ed" word: "celebrated" → "celebrate",
/// "stopped" → "stop", "carried" → "carry", "visited" → "visit".
fn guess_lemma_ed(word: &str) -> String {
    if let Some(s) = word.strip_suffix("ied") {
        return format!("{s}y");
    }
    guess_lemma(&word[..word.len() - 2])
}

/// The base form of an unlisted "-ing" word: "solving" → "solve".
fn guess_lemma_ing(word: &str) -> String {
    guess_lemma(&word[..word.len() - 3])
}

/// The base form from the stem left by "-ed" or "-ing": undouble a final
/// consonant, restore a silent "e" after typical endings.
fn guess_lemma(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 2 {
        return stem.to_string();
    }
    if n >= 3 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z' | b'f') {
        return stem[..n - 1].to_string();
    }
    let vowel = |c: u8| b"aeiou".contains(&c);
    // Endings that are almost always followed by a silent "e".
    let silent_e = [
        "v", "z", "c", "ur", "ir", "rg", "dg", "ng", "rs", "ps", "ls",
    ]
    .iter()
    .any(|e| stem.ends_with(e))
        && !stem.ends_with("ong");
    // Consonant, one vowel, consonant ("escap", "clos", "hop"): a silent
    // "e", except after the unstressed endings of longer verbs ("visit",
    // "open", "enter", "travel", "budget", "focus").
    let cvc = n >= 3
        && !vowel(b[n - 3])
        && vowel(b[n - 2])
        && !vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && ![
            "it", "en", "er", "on", "el", "et", "ol", "al", "om", "ic", "us", "it", "ed",
        ]
        .iter()
        .any(|e| stem.ends_with(e));
    if silent_e || cvc {
        format!("{stem}e")
    } else {
        stem.to_string()
    }
}

/// The main verb of the claim whose tokens are `tokens`.
pub fn main_verb(text: &str, tokens: &[Token]) -> Option<Predicate> {
    let word = |i: usize| tokens[i].text(text);
    let subject_start = intro_end(text, tokens);
    let mut i = subject_start;
    let mut seen_subject = false;
    while i < tokens.len() {
        let w = word(i);
        // A relative clause after a comma is part of the subject: skip it.
        if seen_subject && matches!(w, "who" | "which") && i > 0 && word(i - 1) == "," {
            i = next_comma(text, tokens, i + 1).map_or(tokens.len(), |c| c + 1);
            continue;
        }
        if matches!(w, ";" | ":") {
            return None;
        }
        if let Some(aux) = lexicon::auxiliary(w) {
            if seen_subject || i == subject_start && aux != "do" {
                return Some(group_from_aux(text, tokens, subject_start, i, aux));
            }
        }
        if tokens[i].kind == TokenKind::Word && seen_subject {
            if let Some((lemma, kind)) = verb_lemma(w, tokens.get(i + 1).map(|t| t.text(text))) {
                let prev = word(i - 1);
                let finite = match kind {
                    FormKind::Finite => !lexicon::is_determiner(prev),
                    FormKind::Past => !lexicon::is_determiner(prev) && prev != ",",
                    FormKind::Base => lexicon::takes_base_verb(prev),
                    FormKind::Gerund => false,
                };
                if finite {
                    return Some(Predicate {
                        lemma,
                        subject_start,
                        group_start: i,
                        object_start: particle_end(text, tokens, i + 1),
                    });
                }
            }
        }
        if tokens[i].kind != TokenKind::Punct {
            seen_subject = true;
        }
        i += 1;
    }
    None
}

/// The verb group that starts with the auxiliary at `at`.
fn group_from_aux(
    text: &str,
    tokens: &[Token],
    subject_start: usize,
    at: usize,
    aux: &str,
) -> Predicate {
    let mut j = at + 1;
    // "will be critical": after "be" only a participle is a verb.
    let mut copula = false;
    while j < tokens.len() && j <= at + 4 {
        let w = tokens[j].text(text);
        copula |= matches!(w, "be" | "been" | "being");
        if let Some((lemma, kind)) = verb_lemma(w, tokens.get(j + 1).map(|t| t.text(text))) {
            let carried = match if copula { "be" } else { aux } {
                // "is designated", "has expanded", "is growing"
                "be" | "have" => {
                    kind != FormKind::Base || lemma == lexicon::lower(w) && is_past_like(w)
                }
                // "will continue", "could establish", "did not address"
                _ => kind == FormKind::Base || lemma == lexicon::lower(w),
            };
            if carried && lemma != "be" && lemma != "have" {
                return Predicate {
                    lemma,
                    subject_start,
                    group_start: at,
                    object_start: particle_end(text, tokens, j + 1),
                };
            }
        }
        let lower = lexicon::lower(w);
        if (aux == "be" || copula) && lower.len() > 5 && lower.ends_with("ing") && lower == w {
            return Predicate {
                lemma: guess_lemma_ing(&lower),
                subject_start,
                group_start: at,
                object_start: particle_end(text, tokens, j + 1),
            };
        }
        if !lexicon::is_verb_group_filler(w) {
            if aux != "be" && aux != "have" && !copula && tokens[j].kind == TokenKind::Word {
                // A modal carries an unlisted base verb ("will navigate").
                let lemma = w.to_lowercase();
                if w.chars().all(|c| c.is_lowercase()) {
                    return Predicate {
                        lemma,
                        subject_start,
                        group_start: at,
                        object_start: particle_end(text, tokens, j + 1),
                    };
                }
            }
            break;
        }
        j += 1;
    }
    let lemma = match aux {
        "be" | "have" | "do" => aux.to_string(),
        _ => "be".to_string(),
    };
    Predicate {
        lemma,
        subject_start,
        group_start: at,
        object_start: at + 1,
    }
}

fn is_past_like(word: &str) -> bool {
    let w = lexicon::lower(word);
    w.ends_with("ed") || w.ends_with("en")
}

/// Skip a particle or "to" right after the verb ("pointed to", "stepped
/// down"), so the object starts at the thing the verb is about.
fn particle_end(text: &str, tokens: &[Token], mut j: usize) -> usize {
    while j < tokens.len()
        && matches!(
            lexicon::lower(tokens[j].text(text)).as_ref(),
            "to" | "out" | "down" | "up" | "off" | "that" | "as" | "for"
        )
    {
        j += 1;
    }
    j
}

/// Where the subject starts: after an introductory phrase that ends at a
/// comma within the first 25 tokens ("In a statement released on Saturday,
/// White House ...").
fn intro_end(text: &str, tokens: &[Token]) -> usize {
    let Some(first) = tokens.first() else {
        return 0;
    };
    if !lexicon::opens_intro(first.text(text)) {
        return 0;
    }
    match next_comma(text, tokens, 1) {
        Some(c) if c < 25 && c + 1 < tokens.len() => c + 1,
        _ => 0,
    }
}

fn next_comma(text: &str, tokens: &[Token], from: usize) -> Option<usize> {
    (from..tokens.len()).find(|&k| tokens[k].text(text) == ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lemma(s: &str) -> Option<String> {
        let tokens = crosscheck_nlp::tokenize(s);
        main_verb(s, &tokens).map(|p| p.lemma)
    }

    #[test]
    fn finds_the_main_verb_of_common_shapes() {
        let cases = [
            ("Trump has classified drug cartels as foreign terrorist organizations.", "classify"),
            ("Mexican President Claudia Sheinbaum firmly rejects any U.S. military intervention.", "reject"),
            ("In a statement released on Saturday, Anna Kelly detailed ongoing efforts.", "detail"),
            ("The U.S. Northern Command has significantly expanded its border operations.", "expand"),
            ("Mexico's stance draws international criticism.", "draw"),
            ("The U.S. has announced a $500 million aid package.", "announce"),
            ("Many suggest that cartel influence has compromised governance.", "suggest"),
            ("Trump's order could establish a framework for military operations.", "establish"),
            ("The rejection comes amid escalating border tensions.", "come"),
            ("Mexico is not solving the problem.", "solve"),
            ("Bukele's crackdown, which began in 2022, has gained attention.", "gain"),
            ("The plan was approved by Congress.", "approve"),
            ("Authorities celebrated the partnership.", "celebrate"),
            ("Trump reached out to Sheinbaum on Friday.", "reach out"),
            ("The minister has stepped down after the vote.", "step down"),
            ("Mexico turned down the offer.", "turn down"),
        ];
        for (s, want) in cases {
            assert_eq!(lemma(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn a_phrasal_verb_has_its_own_class() {
        assert_eq!(lexicon::class_of_lemma("reach out"), "call");
        assert_eq!(lexicon::class_of_lemma("turn down"), "reject");
        assert_eq!(lexicon::class_of_lemma("reach"), "reach");
        // Without its particle the verb is itself.
        assert_eq!(lemma("The talks reached a deal."), Some("reach".into()));
    }

    #[test]
    fn copula_and_no_verb() {
        assert_eq!(lemma("The report is long."), Some("be".into()));
        assert_eq!(
            lemma("The coming months will be critical."),
            Some("be".into())
        );
        assert_eq!(
            lemma("The plan will be approved soon."),
            Some("approve".into())
        );
        assert_eq!(lemma("Strategic decisions shape regional security"), None);
        assert_eq!(lemma(""), None);
    }

    #[test]
    fn guessed_lemmas() {
        assert_eq!(guess_lemma_ed("celebrated"), "celebrate");
        assert_eq!(guess_lemma_ed("stopped"), "stop");
        assert_eq!(guess_lemma_ed("carried"), "carry");
        assert_eq!(guess_lemma_ed("visited"), "visit");
        assert_eq!(guess_lemma_ed("achieved"), "achieve");
        assert_eq!(guess_lemma_ed("expressed"), "express");
        assert_eq!(guess_lemma_ing("solving"), "solve");
        assert_eq!(guess_lemma_ed("escaped"), "escape");
        assert_eq!(guess_lemma_ed("treated"), "treat");
        assert_eq!(guess_lemma_ed("helped"), "help");
        assert_eq!(guess_lemma_ed("operated"), "operate");
        assert_eq!(guess_lemma_ed("closed"), "close");
        assert_eq!(guess_lemma_ed("challenged"), "challenge");
        assert_eq!(guess_lemma_ed("belonged"), "belong");
        assert_eq!(guess_lemma_ed("focused"), "focus");
        assert_eq!(guess_lemma_ed("limited"), "limit");
        assert_eq!(guess_lemma_ing("stopping"), "stop");
    }
}
