//! Checking claims against the stored documents (`crosscheck check`, the
//! server's "check a claim"): for each claim, how each document bears on
//! it — supports, contradicts, discusses or unrelated — with the sentence
//! that bears on it (`crosscheck_corroborate::stance`).

use std::cmp::Ordering;

use crosscheck_cluster::terms::Vocabulary;
use crosscheck_corroborate::stance::{judge_in, CommonWords, Stance};
use crosscheck_store::{Store, StoreError};

/// One claim to check.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub id: String,
    pub text: String,
}

/// One document's judgement on one claim.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Index into the claims checked.
    pub claim: usize,
    pub document_id: String,
    pub stance: Stance,
    pub score: f32,
    /// Byte span into the document's text, and the text it covers.
    pub evidence: Option<(usize, usize, String)>,
}

/// What a check found: the findings, by claim, contradicting first, then
/// supporting, then discussing (each by score); and how many documents
/// were checked.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    pub findings: Vec<Finding>,
    pub documents: usize,
}

/// Checks every claim against every stored document, in the caller's read
/// snapshot. Unrelated documents are kept only with `all`.
pub fn check(store: &dyn Store, claims: &[Claim], all: bool) -> Result<Checked, StoreError> {
    let mut findings: Vec<Finding> = Vec::new();
    // Pass 1: the frequencies of the words over every stored document, and
    // of the claims' words (a word in most documents is the story's, not
    // evidence that a document bears on a claim).
    let mut vocabulary = Vocabulary::default();
    let mut common = CommonWords::new(claims.iter().map(|c| c.text.as_str()));
    let mut documents = 0;
    store.for_each_cluster_document(&mut |d| {
        vocabulary.count(&d.text, &[]);
        common.count(&d.text);
        documents += 1;
        Ok(())
    })?;
    // The claims' own words too, so that a word no document uses still
    // weighs in the claim's vector instead of vanishing from it.
    for claim in claims {
        vocabulary.count(&claim.text, &[]);
    }
    // Pass 2: every claim against each document, one document at a time.
    store.for_each_cluster_document(&mut |d| {
        let sentences: Vec<(usize, usize)> = crosscheck_nlp::split_sentences(&d.text)
            .into_iter()
            .map(|s| (s.start, s.end))
            .collect();
        for (i, claim) in claims.iter().enumerate() {
            let j = judge_in(&mut vocabulary, &common, &claim.text, &d.text, &sentences);
            if j.stance == Stance::Unrelated && !all {
                continue;
            }
            let evidence = j
                .evidence
                .and_then(|(s, e)| d.text.get(s..e).map(|t| (s, e, t.to_string())));
            findings.push(Finding {
                claim: i,
                document_id: d.id.clone(),
                stance: j.stance,
                score: j.score,
                evidence,
            });
        }
        Ok(())
    })?;
    findings.sort_by(order);
    Ok(Checked {
        findings,
        documents,
    })
}

fn stance_rank(s: Stance) -> u8 {
    match s {
        Stance::Contradicts => 0,
        Stance::Supports => 1,
        Stance::Discusses => 2,
        Stance::Unrelated => 3,
    }
}

fn order(a: &Finding, b: &Finding) -> Ordering {
    a.claim
        .cmp(&b.claim)
        .then(stance_rank(a.stance).cmp(&stance_rank(b.stance)))
        .then(b.score.partial_cmp(&a.score).unwrap_or(Ordering::Equal))
        .then(a.document_id.cmp(&b.document_id))
}
