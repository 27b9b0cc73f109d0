//! Titles as offices: what kind of office a title names, at what rank, in
//! what portfolio, so that two outlets' titles for one person can be
//! compared ("Maritime Minister" against "Deputy Minister for Maritime
//! Affairs": one office, two ranks).
//!
//! A title is read as `[rank] [words] head [for|of|to words]`: the head is
//! the last word before "for", "of" or "to" ("minister", "president",
//! "secretary"), the rank the words of [`RANKS`] before it ("deputy",
//! "vice"), and the rest its portfolio and place ("maritime", "affairs",
//! "foreign", "velorian").

use std::collections::BTreeSet;

/// Words that make a title a different office of the same kind: a deputy
/// minister is not the minister. Written for this project. ("Acting" and
/// "interim" are left out: outlets drop them from the same office.)
pub const RANKS: &[&str] = &[
    "deputy",
    "vice",
    "assistant",
    "associate",
    "junior",
    "under",
];

/// One title read as an office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    pub head: String,
    pub rank: BTreeSet<&'static str>,
    /// Portfolio and place words, lower case, without "the", "and".
    pub words: BTreeSet<String>,
}

/// The office a title names; `None` for a former office ("former
/// President", "ex-minister": that is another comparison) or a title with
/// no head word.
pub fn office(title: &str) -> Option<Office> {
    let lower = title.to_lowercase();
    let tokens: Vec<String> = lower
        .split(|c: char| c.is_whitespace() || c == '-' || c == '–')
        .map(|t| {
            let t = t
                .strip_suffix("'s")
                .or_else(|| t.strip_suffix("’s"))
                .unwrap_or(t);
            t.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
        .collect();
    if tokens
        .first()
        .is_some_and(|t| t == "former" || t == "ex" || t == "onetime")
    {
        return None;
    }
    let split = tokens
        .iter()
        .position(|t| matches!(t.as_str(), "for" | "of" | "to"))
        .unwrap_or(tokens.len());
    let (before, after) = tokens.split_at(split);
    let (head, pre) = before.split_last()?;
    let mut rank = BTreeSet::new();
    let mut words = BTreeSet::new();
    for t in pre {
        match RANKS.iter().find(|r| **r == t.as_str()) {
            Some(r) => {
                rank.insert(*r);
            }
            None => {
                words.insert(t.clone());
            }
        }
    }
    words.extend(
        after
            .iter()
            .filter(|t| !matches!(t.as_str(), "for" | "of" | "to" | "the" | "and"))
            .cloned(),
    );
    Some(Office {
        head: head.clone(),
        rank,
        words,
    })
}

/// Two titles that cannot both be right about one person at one time: the
/// same kind of office (head word), the same portfolio as far as both say
/// (one names none, or they share a word once place words are set aside),
/// and a different rank. Different portfolios ("Foreign Minister" and
/// "Deputy Prime Minister") may be two offices held at once, and are not
/// a conflict. `is_place` tells a word that only names a place or body
/// ("velorian", "kestria", "us"), which outlets add and drop freely.
pub fn conflict(a: &Office, b: &Office, is_place: &dyn Fn(&str) -> bool) -> bool {
    if a.head != b.head || a.rank == b.rank {
        return false;
    }
    let portfolio = |o: &Office| -> BTreeSet<String> {
        o.words.iter().filter(|w| !is_place(w)).cloned().collect()
    };
    let (pa, pb) = (portfolio(a), portfolio(b));
    pa.is_empty() || pb.is_empty() || pa.intersection(&pb).next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_place(_: &str) -> bool {
        false
    }

    #[test]
    fn offices_of_titles() {
        let o = office("Deputy Minister for Maritime Affairs").unwrap();
        assert_eq!(o.head, "minister");
        assert_eq!(o.rank, BTreeSet::from(["deputy"]));
        assert_eq!(
            o.words,
            BTreeSet::from(["maritime".to_string(), "affairs".to_string()])
        );
        let o = office("Veloria's deputy minister for maritime affairs").unwrap();
        assert!(o.words.contains("veloria"));
        assert_eq!(office("Secretary of State").unwrap().head, "secretary");
        assert_eq!(
            office("U.S. President").unwrap().words,
            BTreeSet::from(["us".to_string()])
        );
        assert_eq!(
            office("Vice-President").unwrap().rank,
            BTreeSet::from(["vice"])
        );
        assert_eq!(office("former U.S. President"), None);
    }

    #[test]
    fn a_rank_apart_in_one_portfolio_conflicts() {
        let t = |s: &str| office(s).unwrap();
        let c = |a: &str, b: &str| conflict(&t(a), &t(b), &no_place);
        assert!(c(
            "Maritime Minister",
            "Deputy Minister for Maritime Affairs"
        ));
        assert!(c("Minister", "Deputy Minister"));
        assert!(c("President", "Vice President"));
        assert!(c("Prime Minister", "Deputy Prime Minister"));
        // The same office, worded differently.
        assert!(!c(
            "Deputy Minister for Maritime Affairs",
            "deputy minister for maritime affairs"
        ));
        assert!(!c("Prime Minister", "Kestrian Prime Minister"));
        // Two offices one person may hold at once.
        assert!(!c("Foreign Minister", "Deputy Prime Minister"));
        // Different kinds of office.
        assert!(!c("Deputy Secretary", "Minister"));
    }

    #[test]
    fn place_words_do_not_make_a_portfolio() {
        let place = |w: &str| w == "kestrian";
        let (a, b) = (
            office("Kestrian Foreign Minister").unwrap(),
            office("Kestrian Deputy Prime Minister").unwrap(),
        );
        assert!(conflict(&a, &b, &no_place), "they share a word");
        assert!(!conflict(&a, &b, &place), "but only a place word");
    }
}
