//! Stance: does a document bear on a claim, and how?
//!
//! A document is related to a claim when their term vectors (content words
//! and entity names weighted by tf × idf over the documents checked,
//! `crosscheck_cluster::terms`) have a cosine of at least [`RELATED`], and
//! the claim's words it contains are not all common ones, unless they carry
//! [`SHARE_OF_CLAIM`] of the claim's weight. A word is common when more than
//! half of the documents checked contain it ([`CommonWords`]): in a small
//! collection about one story ("harbour" in the reports of a port fire)
//! such a word says a document is about that story, not that it bears on a
//! claim sharing nothing else with it ("a giant crab was seen in a Kent
//! harbour"). The cosine cannot tell: with few documents, the idf of every
//! word is about the same. (In a large collection no content word is in
//! half of the documents; on FNC-1's 440 bodies the commonest is in 23%.)
//! The evidence is the document's sentence sharing the most rare words with
//! the claim. A related document contradicts the claim when it speaks of a
//! hoax, a fake, a denial or a debunking ([`DENIAL`] words at
//! [`DENIAL_DENSITY`] per hundred words or more, or one in the evidence
//! sentence); otherwise whether it supports or discusses it is the learned
//! model's call ([`crate::stance_model`]: words of the claim, the document
//! and the evidence, the claim's words repeated, and the densities of the
//! [`DENIAL`], [`HEDGES`] and negation cues), trained on FNC-1's training
//! set.
//!
//! Word lists written for this project.

use std::collections::{BTreeSet, HashMap, HashSet};

use crosscheck_cluster::terms::{cosine, words, Vocabulary};

use crate::stance_model::{self, StanceModel};

/// The stance the model's probabilities (supports, contradicts,
/// discusses) give.
pub fn stance_of(p: [f32; stance_model::CLASSES]) -> Stance {
    let best = (0..p.len()).fold(0, |b, k| if p[k] > p[b] { k } else { b });
    match best {
        0 => Stance::Supports,
        1 => Stance::Contradicts,
        _ => Stance::Discusses,
    }
}

/// Cosine from which a document bears on a claim.
pub const RELATED: f32 = 0.05;
/// Share of the claim's weight (the squared weights of its normalised
/// vector) that common words must carry to relate a document alone.
pub const SHARE_OF_CLAIM: f32 = 1.0 / 3.0;

/// Denial words per hundred words from which a document speaks of a
/// denial.
pub const DENIAL_DENSITY: f32 = 0.8;

/// Whether a document speaks of a hoax, a fake, a denial or a debunking:
/// [`DENIAL`] words at [`DENIAL_DENSITY`] per hundred words or more, or one
/// in the evidence sentence.
/// `doc_words` are the document's ([`stance_model::lower_words`]).
fn denies(doc_words: &[String], evidence: Option<&str>) -> bool {
    let is_denial = |w: &str| DENIAL.contains(&w.to_lowercase().as_str());
    stance_model::per_hundred(doc_words, DENIAL) >= DENIAL_DENSITY
        || evidence.is_some_and(|e| e.split(|c: char| !c.is_alphanumeric()).any(is_denial))
}

pub const DENIAL: &[&str] = &[
    "hoax",
    "hoaxes",
    "fake",
    "faked",
    "false",
    "falsely",
    "fabricated",
    "fabrication",
    "debunk",
    "debunked",
    "debunks",
    "untrue",
    "satire",
    "satirical",
    "baseless",
    "myth",
    "denied",
    "denies",
    "deny",
    "denial",
    "refuted",
    "refutes",
    "bogus",
    "doctored",
    "photoshopped",
    "misleading",
];

pub const HEDGES: &[&str] = &[
    "reportedly",
    "allegedly",
    "claim",
    "claims",
    "claimed",
    "claiming",
    "rumor",
    "rumour",
    "rumors",
    "rumours",
    "rumored",
    "purportedly",
    "apparently",
    "unconfirmed",
    "unverified",
    "supposedly",
    "may",
    "might",
    "could",
    "appears",
    "appear",
    "speculation",
    "alleged",
    "possibly",
    "unclear",
];

/// How a document bears on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stance {
    Supports,
    Contradicts,
    Discusses,
    Unrelated,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Contradicts => "contradicts",
            Stance::Discusses => "discusses",
            Stance::Unrelated => "unrelated",
        }
    }
}

/// A document's stance on a claim, how related it is, and the sentence
/// that bears on it most (byte span into the document's text).
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub stance: Stance,
    /// The cosine of claim and document.
    pub score: f32,
    pub evidence: Option<(usize, usize)>,
}

/// How many of the documents checked contain each of the claims' words.
#[derive(Debug, Clone, Default)]
pub struct CommonWords {
    docs: usize,
    df: HashMap<String, usize>,
}

impl CommonWords {
    /// Ready to count the words of these claims.
    pub fn new<'a>(claims: impl IntoIterator<Item = &'a str>) -> CommonWords {
        CommonWords {
            docs: 0,
            df: claims.into_iter().flat_map(words).map(|w| (w, 0)).collect(),
        }
    }

    /// Counts one document checked.
    pub fn count(&mut self, doc: &str) {
        self.docs += 1;
        let seen: HashSet<String> = words(doc).filter(|w| self.df.contains_key(w)).collect();
        for w in seen {
            if let Some(n) = self.df.get_mut(&w) {
                *n += 1;
            }
        }
    }

    /// More than half of the documents counted contain `word`.
    pub fn is_common(&self, word: &str) -> bool {
        self.df.get(word).is_some_and(|&n| 2 * n > self.docs)
    }
}

/// The stance of `doc` (whose sentences are `sentences`, byte spans) on
/// `claim`. `vocabulary` has counted every document checked (their
/// frequencies weigh the words); `claim` and `doc` are looked up in it.
/// No word is taken for a common one ([`judge_in`] with no counts).
pub fn judge(
    vocabulary: &mut Vocabulary,
    claim: &str,
    doc: &str,
    sentences: &[(usize, usize)],
) -> Judgement {
    judge_in(vocabulary, &CommonWords::default(), claim, doc, sentences)
}

/// [`judge`], knowing which of the claim's words are common among the
/// documents checked (`common` has counted them all).
pub fn judge_in(
    vocabulary: &mut Vocabulary,
    common: &CommonWords,
    claim: &str,
    doc: &str,
    sentences: &[(usize, usize)],
) -> Judgement {
    let cv = {
        let c = vocabulary.recount(claim, &[]);
        vocabulary.vector(&c)
    };
    let dv = {
        let c = vocabulary.recount(doc, &[]);
        vocabulary.vector(&c)
    };
    let score = cosine(&cv, &dv);
    if score < RELATED || !beyond_common_words(vocabulary, common, claim, &cv, doc) {
        return Judgement {
            stance: Stance::Unrelated,
            score,
            evidence: None,
        };
    }
    let evidence = sentences
        .iter()
        .filter(|(s, e)| s < e && doc.get(*s..*e).is_some())
        .map(|&(s, e)| {
            let sv = {
                let c = vocabulary.recount(&doc[s..e], &[]);
                vocabulary.vector(&c)
            };
            ((s, e), cosine(&cv, &sv))
        })
        .fold(
            None,
            |best: Option<((usize, usize), f32)>, (span, c)| match best {
                Some((_, b)) if b >= c => best,
                _ => Some((span, c)),
            },
        )
        .map(|(span, _)| span);
    let evidence_text = evidence.map(|(s, e)| &doc[s..e]);
    // A document that speaks of a hoax, a fake or a denial contradicts the
    // claim: the model seldom calls a denial itself (disagreeing pairs are
    // 6% of its training pairs, and it learns them by heart rather than
    // from their cues), and a missed debunking reads as support.
    // The document's words, read once for the cue and the model.
    let doc_words = stance_model::lower_words(doc);
    let stance = if denies(&doc_words, evidence_text) {
        Stance::Contradicts
    } else {
        let f = stance_model::features_of_words(claim, &doc_words, evidence_text);
        stance_of(StanceModel::shipped().probabilities(&f))
    };
    Judgement {
        stance,
        score,
        evidence,
    }
}

/// Whether the claim's words found in `doc` (anywhere, not only among the
/// heaviest terms its vector keeps) include one that is not common, or
/// carry [`SHARE_OF_CLAIM`] of the claim's weight (`cv`, the claim's
/// normalised vector).
fn beyond_common_words(
    vocabulary: &mut Vocabulary,
    common: &CommonWords,
    claim: &str,
    cv: &[(u32, f32)],
    doc: &str,
) -> bool {
    let mine: BTreeSet<String> = words(claim).collect();
    if mine.iter().all(|w| !common.is_common(w)) {
        // The usual case: the cosine has said it.
        return true;
    }
    let in_doc: HashSet<String> = words(doc).filter(|w| mine.contains(w)).collect();
    if in_doc.iter().any(|w| !common.is_common(w)) {
        return true;
    }
    let mut share = 0.0;
    for w in &in_doc {
        // The word's id: the one term of its own vector.
        let one = vocabulary.recount(w, &[]);
        let Some(&(id, _)) = vocabulary.vector(&one).first() else {
            continue;
        };
        if let Ok(k) = cv.binary_search_by_key(&id, |&(i, _)| i) {
            share += cv[k].1 * cv[k].1;
        }
    }
    share >= SHARE_OF_CLAIM
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge_one(claim: &str, docs: &[&str], which: usize) -> Judgement {
        let mut v = Vocabulary::default();
        for d in docs {
            v.count(d, &[]);
        }
        let doc = docs[which];
        let sentences: Vec<(usize, usize)> = doc
            .split_inclusive(". ")
            .scan(0, |at, s| {
                let span = (*at, *at + s.len());
                *at += s.len();
                Some(span)
            })
            .collect();
        judge(&mut v, claim, doc, &sentences)
    }

    const DOCS: &[&str] = &[
        "A giant crab was photographed in Whitstable harbour on Monday. The crab measured fifty feet across, the photographer said.",
        "The giant crab photo from Whitstable harbour is a hoax. The image was doctored, experts said, and the fake spread quickly.",
        "A photo reportedly shows a giant crab in Whitstable harbour. The claims could not be verified and the picture may be altered.",
        "Voters in Kestria elect a new parliament on Sunday after a long campaign about housing.",
    ];

    #[test]
    fn one_common_word_does_not_relate_a_document() {
        // A collection about one port: "harbour" is in every document.
        let docs = [
            "Fire crews fought the blaze at the harbour terminal of Saltmere for two days.",
            "The harbour of Saltmere reopened to shipping after the terminal fire was put out.",
            "Fishing boats stayed in the harbour while the Saltmere terminal burned.",
        ];
        let claims = [
            "A giant crab was seen in a Kent harbour",
            "The Saltmere terminal fire burned for two days",
        ];
        let mut v = Vocabulary::default();
        let mut common = CommonWords::new(claims);
        for d in docs {
            v.count(d, &[]);
            common.count(d);
        }
        // As `crosscheck check` does: a claim's words no document has
        // still weigh in its vector.
        for c in claims {
            v.count(c, &[]);
        }
        assert!(common.is_common("harbour") && !common.is_common("crab"));
        let whole = |d: &str| vec![(0, d.len())];
        for d in docs {
            let crab = judge_in(&mut v, &common, claims[0], d, &whole(d));
            assert_eq!(crab.stance, Stance::Unrelated, "{d}");
            // Common words carrying most of a claim still relate it.
            let fire = judge_in(&mut v, &common, claims[1], d, &whole(d));
            assert_ne!(fire.stance, Stance::Unrelated, "{d}");
            // Without the counts, the cosine alone relates the crab.
            assert_ne!(
                judge(&mut v, claims[0], d, &whole(d)).stance,
                Stance::Unrelated
            );
        }
    }

    #[test]
    fn stances_from_cues() {
        let claim = "Giant crab spotted in Whitstable harbour";
        assert_eq!(judge_one(claim, DOCS, 0).stance, Stance::Supports);
        assert_eq!(judge_one(claim, DOCS, 1).stance, Stance::Contradicts);
        assert_eq!(judge_one(claim, DOCS, 2).stance, Stance::Discusses);
        let j = judge_one(claim, DOCS, 3);
        assert_eq!((j.stance, j.evidence), (Stance::Unrelated, None));
        let (s, e) = judge_one(claim, DOCS, 0)
            .evidence
            .expect("a sentence bears on it");
        assert!(DOCS[0][s..e].starts_with("A giant crab was photographed"));
    }
}
