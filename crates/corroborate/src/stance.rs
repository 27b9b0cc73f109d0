//! Stance: does a document bear on a claim, and how?
//!
//! A document is related to a claim when their term vectors (content words
//! and entity names weighted by tf × idf over the documents checked,
//! `crosscheck_cluster::terms`) have a cosine of at least [`RELATED`].
//! The evidence is the document's sentence sharing the most rare words with
//! the claim. A related document then
//! - contradicts the claim when it speaks of a hoax, a fake, a denial or a
//!   debunking ([`DENIAL`] words at [`DENIAL_DENSITY`] per hundred words or
//!   more, or one in the evidence sentence);
//! - discusses it when it hedges ([`HEDGES`] at [`HEDGE_DENSITY`] per
//!   hundred words or more: "reportedly", "claims", "unconfirmed");
//! - supports it otherwise.
//!
//! Word lists written for this project. This reads cues, not meaning: a
//! report quoting a denial it then refutes reads as contradicting.

use crosscheck_cluster::terms::{cosine, Vocabulary};

/// Cosine from which a document bears on a claim.
pub const RELATED: f32 = 0.05;
/// Denial words per hundred words from which a document contradicts.
pub const DENIAL_DENSITY: f32 = 0.8;
/// Hedging words per hundred words from which a document only discusses.
pub const HEDGE_DENSITY: f32 = 0.5;

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

/// The stance of `doc` (whose sentences are `sentences`, byte spans) on
/// `claim`. `vocabulary` has counted every document checked (their
/// frequencies weigh the words); `claim` and `doc` are looked up in it.
pub fn judge(
    vocabulary: &mut Vocabulary,
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
    if score < RELATED {
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
    let words: Vec<String> = doc
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let per_hundred = |list: &[&str]| {
        let n = words.iter().filter(|w| list.contains(&w.as_str())).count();
        100.0 * n as f32 / words.len().max(1) as f32
    };
    let denial_in_evidence = evidence.is_some_and(|(s, e)| {
        doc[s..e]
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| DENIAL.contains(&w.to_lowercase().as_str()))
    });
    let stance = if per_hundred(DENIAL) >= DENIAL_DENSITY || denial_in_evidence {
        Stance::Contradicts
    } else if per_hundred(HEDGES) >= HEDGE_DENSITY {
        Stance::Discusses
    } else {
        Stance::Supports
    };
    Judgement {
        stance,
        score,
        evidence,
    }
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
