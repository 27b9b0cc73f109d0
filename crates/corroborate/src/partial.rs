//! Partial support: which documents state which part of a fact.
//!
//! A fact is named by its representative claim (the first member). When
//! that claim has several checkable parts (`crosscheck_claims::parts`: "the
//! designation of the cartels as terrorist organizations" / "has led to
//! more patrols" / "including night flights"), each other document of the
//! fact is asked, part by part, whether it states it: the same-fact judge
//! on the part against the document's sentence and its own parts. A
//! document the judge finds stating the whole claim states its main part,
//! and the others as the judge finds each; one it finds stating nothing
//! (alignment joined it by its rules) states the part it comes nearest. The fact's status is its *main* part's, the one
//! holding the claim's main verb (`parts_and_main`): another outlet reporting
//! the designation alone does not confirm what the designation led to.

use crosscheck_claims::parts::{checkable_parts, parts_and_main};
use crosscheck_samefact::{Judge, Statement};

use crate::{sources, ClaimRef, Source, StoryDoc};

/// One checkable part of a fact and the documents stating it.
#[derive(Debug, Clone, PartialEq)]
pub struct FactPart {
    /// Byte span in the text of the representative claim's document.
    pub span: (usize, usize),
    /// The documents stating it, earliest first (the representative's
    /// among them).
    pub documents: Vec<usize>,
    /// Their independent reporting chains.
    pub sources: Vec<Source>,
    /// The part holding the claim's main verb: the fact's status is this
    /// part's.
    pub main: bool,
}

/// The parts of the fact made of `claims` (representative first) over its
/// `documents`, with the documents stating each; empty when the
/// representative is one part, or every document states every part.
pub fn fact_parts(docs: &[StoryDoc], claims: &[ClaimRef], documents: &[usize]) -> Vec<FactPart> {
    let Some(&(hd, hc)) = claims.first() else {
        return Vec::new();
    };
    if documents.len() < 2 {
        return Vec::new();
    }
    let head = &docs[hd].analysis.claims[hc];
    let Some(sentence) = docs[hd].text.get(head.span.start..head.span.end) else {
        return Vec::new();
    };
    let (ranges, main) = parts_and_main(sentence);
    if ranges.len() < 2 {
        return Vec::new();
    }
    let judge = Judge::shipped();
    let whole = Statement::new(sentence);
    let pieces: Vec<Statement> = ranges
        .iter()
        .map(|r| Statement::new(&sentence[r.clone()]))
        .collect();
    let mut stated: Vec<Vec<usize>> = vec![Vec::new(); ranges.len()];
    for &d in documents {
        let mut states = vec![d == hd; ranges.len()];
        for &(md, mc) in claims.iter().filter(|r| r.0 == d && d != hd) {
            let Some(other) = docs[md].text.get(
                docs[md].analysis.claims[mc].span.start..docs[md].analysis.claims[mc].span.end,
            ) else {
                continue;
            };
            let other_whole = Statement::new(other);
            // The whole stated: its main claim is; the other parts only as
            // the judge finds each (the whole can match on its main claim
            // alone).
            let whole_same = judge.rate(&whole, &other_whole).same;
            let mut theirs: Vec<Statement> = checkable_parts(other)
                .into_iter()
                .filter(|r| r.len() < other.len())
                .map(|r| Statement::new(&other[r]))
                .collect();
            theirs.push(other_whole);
            let best: Vec<(bool, f32)> = pieces
                .iter()
                .map(|p| {
                    theirs.iter().fold((false, 0f32), |(same, score), q| {
                        let v = judge.rate(p, q);
                        (same || v.same, score.max(v.score))
                    })
                })
                .collect();
            if whole_same || best.iter().any(|b| b.0) {
                states[main] |= whole_same;
                for (s, b) in states.iter_mut().zip(&best) {
                    *s |= b.0;
                }
            } else {
                // Joined by the rules, stated by the judge nowhere: the
                // part it comes nearest, the first of equals.
                let nearest =
                    (0..best.len()).fold(0, |k, j| if best[j].1 > best[k].1 { j } else { k });
                states[nearest] = true;
            }
        }
        for (k, s) in states.into_iter().enumerate() {
            if s {
                stated[k].push(d);
            }
        }
    }
    if stated.iter().all(|s| s.len() == documents.len()) {
        return Vec::new();
    }
    ranges
        .iter()
        .zip(stated)
        .enumerate()
        .map(|(k, (r, mut documents))| {
            documents.sort_by_key(|&d| sources::order_key(docs, d));
            FactPart {
                span: (head.span.start + r.start, head.span.start + r.end),
                sources: sources::independent(docs, &documents),
                documents,
                main: k == main,
            }
        })
        .collect()
}
