//! Story terms: what a document is about, as a short weighted vector.
//!
//! Content words (lower case, stop words of `stopwords.txt` left out, a
//! plural "-s" and a possessive folded) and the canonical names of the
//! entities a document mentions (as one term each, weighted up: a name is
//! stronger evidence of a shared story than a word). Weights are sublinear
//! tf × idf over the documents clustered together (with a prior, below); each vector keeps its
//! [`TOP_TERMS`] heaviest terms and is L2-normalised, so memory and the cost
//! of a comparison do not grow with document length.

use std::collections::HashMap;
use std::sync::LazyLock;

const STOPWORDS: &str = include_str!("stopwords.txt");

/// Terms kept per document vector.
pub const TOP_TERMS: usize = 40;
/// The idf prior: the corpus is taken to hold [`PRIOR_DOCS`] more
/// documents in which every term occurs [`PRIOR_DF`] times. A small store
/// (one story, five documents) cannot tell a story's own words from common
/// ones: plain idf would weigh the words all its documents share at zero
/// and split the story. The prior keeps weights nearly flat until the
/// corpus is large enough to be trusted, and fades as it grows.
const PRIOR_DOCS: f64 = 1000.0;
const PRIOR_DF: f64 = 10.0;
/// Weight of an entity name relative to a word.
const ENTITY_WEIGHT: f32 = 1.5;

static STOP: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    STOPWORDS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
});

/// A sparse vector: (term id, weight), sorted by term id, L2-normalised.
pub type TermVec = Vec<(u32, f32)>;

/// Interns terms to ids and counts in how many documents each appears.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
    df: Vec<u32>,
    docs: u32,
}

/// The raw term counts of one document, before weighting.
pub struct Counts(Vec<(u32, f32)>);

/// The terms of one document with their raw counts, in order of first
/// occurrence, made without the vocabulary (so on any thread): the costly
/// part of counting, tokenising, can run on several documents at once.
pub struct DocTerms(Vec<(String, f32)>);

impl DocTerms {
    /// The words of `text` (weight 1 each) and the names of `entities`
    /// (one term each, [`ENTITY_WEIGHT`]).
    pub fn of(text: &str, entities: &[String]) -> DocTerms {
        let mut at: HashMap<String, usize> = HashMap::new();
        let mut terms: Vec<(String, f32)> = Vec::new();
        let mut add = |term: String, weight: f32| match at.get(&term) {
            Some(&i) => terms[i].1 += weight,
            None => {
                at.insert(term.clone(), terms.len());
                terms.push((term, weight));
            }
        };
        for w in words(text) {
            add(w, 1.0);
        }
        for e in entities {
            add(format!("@{}", e.to_lowercase()), ENTITY_WEIGHT);
        }
        DocTerms(terms)
    }

    /// The terms and their raw counts, in order of first occurrence.
    pub fn terms(&self) -> &[(String, f32)] {
        &self.0
    }
}

/// The weighted, truncated, normalised vector of a document's terms, each
/// given as (id, raw count, document frequency), in a corpus of `docs`
/// documents.
pub fn weigh(terms: impl IntoIterator<Item = (u32, f32, u32)>, docs: u32) -> TermVec {
    let n = f64::from(docs);
    let v: Vec<(u32, f32)> = terms
        .into_iter()
        .map(|(id, c, df)| {
            let idf = ((n + PRIOR_DOCS) / (f64::from(df) + PRIOR_DF)).ln() as f32;
            (id, (1.0 + c.ln()) * idf)
        })
        .filter(|&(_, w)| w > 0.0)
        .collect();
    keep_heaviest(v, TOP_TERMS)
}

impl Vocabulary {
    /// Counts the terms of one document and records their document
    /// frequency (the first pass over the documents).
    pub fn count(&mut self, text: &str, entities: &[String]) -> Counts {
        self.count_terms(&DocTerms::of(text, entities))
    }

    /// Counts the terms of a document already counted (the second pass):
    /// no new term and no change to the frequencies.
    pub fn recount(&mut self, text: &str, entities: &[String]) -> Counts {
        self.recount_terms(&DocTerms::of(text, entities))
    }

    /// [`Vocabulary::count`] of terms made already.
    pub fn count_terms(&mut self, terms: &DocTerms) -> Counts {
        let counts = self.counts(terms, true);
        for &(id, _) in &counts.0 {
            self.df[id as usize] += 1;
        }
        self.docs += 1;
        counts
    }

    /// [`Vocabulary::recount`] of terms made already.
    pub fn recount_terms(&mut self, terms: &DocTerms) -> Counts {
        self.counts(terms, false)
    }

    fn counts(&mut self, terms: &DocTerms, intern: bool) -> Counts {
        let mut v: Vec<(u32, f32)> = terms
            .0
            .iter()
            .filter_map(|(term, weight)| {
                let id = if intern {
                    Some(self.intern(term))
                } else {
                    self.ids.get(term.as_str()).copied()
                };
                id.map(|id| (id, *weight))
            })
            .collect();
        v.sort_unstable_by_key(|&(id, _)| id);
        Counts(v)
    }

    fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.df.len() as u32;
        self.ids.insert(term.to_string(), id);
        self.df.push(0);
        id
    }

    /// The weighted, truncated, normalised vector of counted terms.
    pub fn vector(&self, counts: &Counts) -> TermVec {
        weigh(
            counts
                .0
                .iter()
                .map(|&(id, c)| (id, c, self.df[id as usize])),
            self.docs,
        )
    }

    /// The terms by id with their document frequencies, and the number of
    /// documents counted: what is stored for later updates.
    pub fn into_parts(self) -> (Vec<(String, u32)>, u32) {
        let mut terms: Vec<(String, u32)> = vec![(String::new(), 0); self.df.len()];
        for (term, id) in self.ids {
            terms[id as usize] = (term, self.df[id as usize]);
        }
        (terms, self.docs)
    }
}

/// Content words of a text: lower case, letters (and inner hyphens or
/// apostrophes), at least three letters, no stop words; "-'s" and a
/// plural "-s" folded.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        .filter_map(|raw| {
            let w = raw
                .trim_matches(|c: char| c == '-' || c == '\'' || c == '’')
                .to_lowercase();
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(&w)
                .to_string();
            if w.chars().count() < 3
                || !w.chars().next().is_some_and(char::is_alphabetic)
                || STOP.contains(w.as_str())
            {
                return None;
            }
            Some(fold_plural(w))
        })
}

fn fold_plural(w: String) -> String {
    if w.len() > 4
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        if let Some(stem) = w.strip_suffix("ies") {
            return format!("{stem}y");
        }
        return w[..w.len() - 1].to_string();
    }
    w
}

pub fn normalise(v: &mut [(u32, f32)]) {
    let norm = v.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, w)| *w /= norm);
    }
}

/// Cosine of two normalised sparse vectors sorted by id.
pub fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Sorts terms heaviest first, ties by id.
pub fn rank(v: &mut [(u32, f32)]) {
    v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
}

/// The `k` heaviest of some weighted terms as a vector: sorted by id and
/// normalised.
pub fn keep_heaviest(mut v: Vec<(u32, f32)>, k: usize) -> TermVec {
    rank(&mut v);
    v.truncate(k);
    v.sort_unstable_by_key(|&(id, _)| id);
    normalise(&mut v);
    v
}

/// The `k` heaviest terms of a vector, heaviest first.
pub fn top(v: &[(u32, f32)], k: usize) -> Vec<u32> {
    let mut t: Vec<(u32, f32)> = v.to_vec();
    rank(&mut t);
    t.into_iter().take(k).map(|(id, _)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_and_filter() {
        let w: Vec<String> =
            words("The Taliban's fighters, and 25 cartels' leaders said: Crabzilla!").collect();
        assert_eq!(w, ["taliban", "fighter", "cartel", "leader", "crabzilla"]);
    }

    #[test]
    fn vectors_are_normalised_and_rare_terms_weigh_more() {
        let mut voc = Vocabulary::default();
        let a = voc.count("crab harbour crab kent", &["Kent".into()]);
        let b = voc.count("harbour boats", &[]);
        let c = voc.count("harbour weather", &[]);
        let va = voc.vector(&a);
        let norm: f32 = va.iter().map(|x| x.1 * x.1).sum();
        assert!((norm - 1.0).abs() < 1e-5);
        let crab = voc.ids["crab"];
        let harbour = voc.ids["harbour"];
        let w = |id| va.iter().find(|x| x.0 == id).map_or(0.0, |x| x.1);
        assert!(w(crab) > w(harbour));
        assert!(cosine(&voc.vector(&b), &voc.vector(&c)) < 0.5);
        assert!((cosine(&va, &va) - 1.0).abs() < 1e-5);
    }
}
