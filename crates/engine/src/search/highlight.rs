//! Which sentence of a hit to show, and which of its words matched: the
//! sentence matching the most of the query's clauses (the earliest on a
//! tie); with a `status:` filter, among the claims stating such a fact.
//! Words are compared as the index compares them, in lower case (accents
//! are not folded here, so "Mexico" does not mark "México").

use crosscheck_store::{HitClaim, SearchAtom, SearchQuery};

/// The sentence chosen: its byte span and the matched words' spans (both
/// of the document's text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Best {
    pub start: usize,
    pub end: usize,
    pub highlights: Vec<(usize, usize)>,
}

/// The words of `text` (runs of letters and digits) with their spans, in
/// lower case.
fn tokens(text: &str, offset: usize) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((offset + s, offset + i, text[s..i].to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The spans in `words` where `atom` matches.
fn matches(words: &[(usize, usize, String)], atom: &SearchAtom) -> Vec<(usize, usize)> {
    let (text, prefix) = match atom {
        SearchAtom::Word { text, prefix } => (text.as_str(), *prefix),
        SearchAtom::Phrase(text) => (text.as_str(), false),
    };
    let wanted: Vec<String> = tokens(text, 0).into_iter().map(|t| t.2).collect();
    let Some(last) = wanted.len().checked_sub(1) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in 0..words.len().saturating_sub(last) {
        let ok = wanted.iter().enumerate().all(|(k, w)| {
            let have = &words[i + k].2;
            if k == last && prefix {
                have.starts_with(w.as_str())
            } else {
                have == w
            }
        });
        if ok {
            out.push((words[i].0, words[i + last].1));
        }
    }
    out
}

/// The sentence of `text` to show for a hit of `q`: with a `status:`
/// filter, the claim of that status matching most (when one matches any
/// word, or the query has none), else the sentence matching most.
pub fn best_sentence(text: &str, q: &SearchQuery, claims: &[HitClaim]) -> Best {
    if !q.filters.status.is_empty() {
        let stating: Vec<(usize, usize)> = claims
            .iter()
            .filter(|c| q.filters.status.contains(&c.status))
            .map(|c| (c.start, c.end))
            .filter(|&(s, e)| {
                s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
            })
            .collect();
        if let Some((found, best)) = best_of(text, q, &stating) {
            if found > 0 || q.all.is_empty() {
                return best;
            }
        }
    }
    let mut spans: Vec<(usize, usize)> = crosscheck_nlp::split_sentences(text)
        .into_iter()
        .map(|s| (s.start, s.end))
        .collect();
    if spans.is_empty() {
        spans.push((0, text.len()));
    }
    best_of(text, q, &spans).map(|(_, b)| b).unwrap_or(Best {
        start: 0,
        end: 0,
        highlights: Vec::new(),
    })
}

/// Among `spans`, the one matching the most clauses (the first on a tie),
/// with how many it matches.
fn best_of(text: &str, q: &SearchQuery, spans: &[(usize, usize)]) -> Option<(usize, Best)> {
    let mut best: Option<(usize, Best)> = None;
    for &(start, end) in spans {
        let words = tokens(&text[start..end], start);
        let mut found = 0;
        let mut highlights = Vec::new();
        for clause in &q.all {
            let hits: Vec<(usize, usize)> =
                clause.iter().flat_map(|a| matches(&words, a)).collect();
            if !hits.is_empty() {
                found += 1;
                highlights.extend(hits);
            }
        }
        if best.as_ref().is_none_or(|(n, _)| found > *n) {
            highlights.sort_unstable();
            highlights.dedup();
            best = Some((
                found,
                Best {
                    start,
                    end,
                    highlights,
                },
            ));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::parse;
    use crosscheck_model::ClaimStatus;

    #[test]
    fn the_sentence_matching_most_clauses_is_shown_with_its_words_marked() {
        let text = "Troops moved north. Officials said COVID-19 cases rose among troops. \
                    The end.";
        let q = parse("covid-19 troop*").unwrap();
        let b = best_sentence(text, &q, &[]);
        assert_eq!(
            &text[b.start..b.end],
            "Officials said COVID-19 cases rose among troops."
        );
        let marked: Vec<&str> = b.highlights.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(marked, ["COVID-19", "troops"]);
    }

    #[test]
    fn a_status_filter_shows_the_claim_of_that_status() {
        let text = "Troops moved north. The army denied it. Troops were seen later.";
        let q = parse("troops status:contested").unwrap();
        let claims = [HitClaim {
            start: 40,
            end: text.len(),
            status: ClaimStatus::Contested,
        }];
        let b = best_sentence(text, &q, &claims);
        assert_eq!(&text[b.start..b.end], "Troops were seen later.");
        // When no claim of that status holds the words, the sentence that does.
        let q = parse("army status:contested").unwrap();
        let b = best_sentence(text, &q, &claims);
        assert_eq!(&text[b.start..b.end], "The army denied it.");
    }

    #[test]
    fn no_text_gives_an_empty_sentence() {
        let q = parse("x").unwrap();
        let b = best_sentence("", &q, &[]);
        assert_eq!((b.start, b.end), (0, 0));
    }
}
