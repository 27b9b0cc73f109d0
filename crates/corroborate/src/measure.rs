//! What an amount measures, so that two outlets' figures for one quantity
//! can be compared even when their sentences share no verb: "about 240
//! tonnes of industrial solvent leaked" and "monitors put the amount of
//! solvent released at nearly 300 tonnes" both measure solvent in tonnes.
//!
//! The measured thing is read from the words around the amount, not from a
//! parse: the phrase after "of" right after it ("240 tonnes *of industrial
//! solvent*", "41% *of Veloria's chemical imports*"), or, when the amount
//! is not followed by one, the phrase after a measure noun of the claim
//! ("the *amount of solvent* released … at 300 tonnes", "the *number of
//! workers* treated rose to 15"). A phrase runs to the first punctuation,
//! function word or (after its first word) participle, at most
//! [`PHRASE_WORDS`] words.

use std::collections::BTreeSet;

use crosscheck_cluster::terms::words;
use crosscheck_model::{Amount, Approx, Span};

/// Words of a measured phrase at most.
pub const PHRASE_WORDS: usize = 3;

/// Nouns that name a quantity of what follows them ("the number of …").
/// Written for this project.
const MEASURE_NOUNS: &[&str] = &[
    "amount",
    "amounts",
    "number",
    "numbers",
    "quantity",
    "quantities",
    "volume",
    "volumes",
    "total",
    "toll",
    "tally",
    "share",
    "level",
    "levels",
    "count",
];

/// Words that end a measured phrase.
const PHRASE_END: &[&str] = &[
    "and", "or", "but", "from", "in", "into", "at", "on", "to", "by", "with", "for", "of", "that",
    "which", "who", "was", "were", "is", "are", "had", "has", "have", "been", "be", "after",
    "before", "during", "since", "as", "than", "while", "when", "per",
];

/// Determiners skipped at the start of a phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "that",
];

/// The content words (lower case, plurals folded) of what `amount`
/// measures in the claim `span` of `text`; empty when nothing says.
pub fn measured(text: &str, span: Span, amount: &Amount) -> BTreeSet<String> {
    let claim = text.get(span.start..span.end).unwrap_or("");
    let after = text.get(amount.end..span.end).unwrap_or("");
    let direct = after
        .split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("of"));
    if direct {
        let rest = after.trim_start().get(2..).unwrap_or("");
        return phrase_words(rest);
    }
    // A measure noun before or after the amount: "the amount of X".
    let tokens: Vec<&str> = claim.split_whitespace().collect();
    let mut out = BTreeSet::new();
    for (i, t) in tokens.iter().enumerate() {
        let bare = t
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if MEASURE_NOUNS.contains(&bare.as_str())
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.eq_ignore_ascii_case("of"))
            && !t.ends_with([',', '.', ';', ':'])
        {
            out.extend(phrase_words(&tokens[i + 2..].join(" ")));
        }
    }
    out
}

/// The content words of the phrase at the start of `s`.
fn phrase_words(s: &str) -> BTreeSet<String> {
    let mut taken: Vec<&str> = Vec::new();
    for raw in s.split_whitespace() {
        let bare = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        let lower = bare.to_lowercase();
        if taken.is_empty() && DETERMINERS.contains(&lower.as_str()) {
            continue;
        }
        // After its first word, a participle ends the noun phrase: "of
        // industrial solvent | leaked", "of solvent | released into".
        let participle = lower.len() > 4 && (lower.ends_with("ed") || lower.ends_with("ing"));
        if bare.is_empty()
            || PHRASE_END.contains(&lower.as_str())
            || participle && !taken.is_empty()
        {
            break;
        }
        taken.push(bare);
        if taken.len() == PHRASE_WORDS || raw.ends_with([',', '.', ';', ':', ')', '"']) {
            break;
        }
    }
    words(&taken.join(" ")).collect()
}

/// The values an amount allows, widened by 2% (the tolerance of
/// [`crate::align::close`]): "more than 200" allows 200 and up, "between
/// 240 and 300" both ends and what lies between, "about 240" 240.
pub fn range(a: &Amount) -> (f64, f64) {
    let (lo, hi) = match a.approx {
        Some(Approx::Over) => (a.value, f64::INFINITY),
        Some(Approx::Under) => (0.0, a.value),
        _ => (a.value, a.high.unwrap_or(a.value).max(a.value)),
    };
    (lo - 0.02 * lo.abs(), hi + 0.02 * hi.abs())
}

/// Two amounts of one unit that no value satisfies both.
pub fn disagree(a: &Amount, b: &Amount) -> bool {
    let (x, y) = (range(a), range(b));
    a.unit == b.unit && (x.1 < y.0 || y.1 < x.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount_at(text: &str, phrase: &str, value: f64, unit: &str) -> Amount {
        let start = text.find(phrase).unwrap();
        Amount {
            start,
            end: start + phrase.len(),
            value,
            high: None,
            unit: unit.into(),
            noun: None,
            approx: None,
            direction: None,
        }
    }

    fn of(text: &str, phrase: &str, value: f64, unit: &str) -> Vec<String> {
        let a = amount_at(text, phrase, value, unit);
        measured(text, Span::new(0, text.len()), &a)
            .into_iter()
            .collect()
    }

    #[test]
    fn the_phrase_after_of_or_after_a_measure_noun() {
        assert_eq!(
            of(
                "About 240 tonnes of industrial solvent leaked from two tanks.",
                "240 tonnes",
                240.0,
                "tonne"
            ),
            ["industrial", "solvent"]
        );
        assert_eq!(
            of(
                "Monitors put the amount of solvent released at nearly 300 tonnes.",
                "300 tonnes",
                300.0,
                "tonne"
            ),
            ["solvent"]
        );
        assert_eq!(
            of(
                "The port handles 41% of the country's chemical imports.",
                "41%",
                41.0,
                "percent"
            ),
            ["chemical", "country", "import"]
        );
        // Nothing says what is measured.
        assert!(of("Trade fell by 23% last year.", "23%", 23.0, "percent").is_empty());
    }

    #[test]
    fn ranges_follow_the_approximation() {
        let mut a = amount_at("x 200 y", "200", 200.0, "tonne");
        let mut b = amount_at("x 240 y", "240", 240.0, "tonne");
        assert!(disagree(&a, &b));
        a.approx = Some(Approx::Over);
        assert!(!disagree(&a, &b), "more than 200 allows 240");
        a.approx = None;
        a.high = Some(300.0);
        assert!(!disagree(&a, &b), "between 200 and 300 allows 240");
        b.unit = "percent".into();
        assert!(!disagree(&a, &b), "different units are not compared");
    }
}
