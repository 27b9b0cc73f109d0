//! Alignment: the check-worthy claims of a story's documents that state
//! the same thing in different words.
//!
//! Words are compared after folding every verb form and event noun of the
//! claims stage's lexicon into its predicate class ("rejected", "declining",
//! "refusal" → `#reject`; "classified", "designation", "categorizing" →
//! `#designate`), so that paraphrases share them.
//!
//! Two claims of different documents are one fact when
//! - their content words overlap by half or more (Jaccard; a paraphrase or a
//!   rewrite), or
//! - they share an entity and the class of their main verbs (not a light
//!   one: "be", "have", "say") and overlap by at least [`WEAK_OVERLAP`], or
//!   the class of some verb or event noun and overlap by [`CLASS_OVERLAP`]
//!   (neither when only one of them gives amounts), or
//! - they give the same amounts and overlap by at least [`WEAK_OVERLAP`];
//!
//! unless they give different amounts of one unit, which makes them two
//! sides of a contradiction rather than one fact. Matches are joined
//! transitively. Claims are compared within blocks (a shared word, entity
//! or class) so that a large story is not an all-pairs step over its claims.

use std::collections::{BTreeSet, HashMap};

use crosscheck_claims::lexicon;
use crosscheck_cluster::terms::words;
use crosscheck_model::{DocClaim, UnionFind, CHECKWORTHY};

use crate::{sources, ClaimRef, StoryDoc};

/// Overlap for a match backed by a shared class and entity, or amounts.
pub const WEAK_OVERLAP: f32 = 0.15;
/// Overlap for a match backed by a shared entity and a class of some verb
/// or event noun (not the main verb's).
pub const CLASS_OVERLAP: f32 = 0.25;
/// Overlap that alone makes two claims one fact.
pub const STRONG_OVERLAP: f32 = 0.5;
/// Predicate classes too general to back a match.
const LIGHT: &[&str] = &["-", "be", "have", "say", "do", "make", "take", "come"];

/// What alignment compares of one claim.
pub struct Parts<'a> {
    pub class: &'a str,
    pub entities: BTreeSet<&'a str>,
    /// Amounts as the key writes them ("15percent+"), without direction.
    pub amounts: BTreeSet<String>,
    pub time: &'a str,
    pub words: BTreeSet<String>,
    /// The predicate classes of every verb and event noun in the claim.
    pub classes: BTreeSet<String>,
}

impl<'a> Parts<'a> {
    pub fn of(claim: &'a DocClaim, text: &'a str) -> Parts<'a> {
        let mut k = claim.key.split('|');
        let class = k.next().unwrap_or("-");
        let entities = k
            .next()
            .unwrap_or("")
            .split(',')
            .filter(|e| !e.is_empty())
            .collect();
        let amounts = claim
            .amounts
            .iter()
            .map(|a| format!("{}{}", a.value, a.unit))
            .collect();
        let time = k.nth(1).unwrap_or("");
        let words: BTreeSet<String> = text
            .get(claim.span.start..claim.span.end)
            .map(|t| words(t).map(fold_class).collect())
            .unwrap_or_default();
        let classes = words
            .iter()
            .filter_map(|w| w.strip_prefix('#'))
            .filter(|c| !LIGHT.contains(c))
            .map(str::to_string)
            .collect();
        Parts {
            class,
            entities,
            amounts,
            time,
            words,
            classes,
        }
    }

    /// Weighted Jaccard of the words: each word weighs its rarity among
    /// the story's claims (`weights`; a word missing there weighs 1), so
    /// the names and words every claim of the story repeats ("Sheinbaum",
    /// "military") do not make unrelated claims look alike.
    pub fn overlap_weighted(&self, other: &Parts, weights: &HashMap<String, f32>) -> f32 {
        let w = |t: &String| weights.get(t).copied().unwrap_or(1.0);
        let inter: f32 = self.words.intersection(&other.words).map(w).sum();
        let union: f32 = self.words.union(&other.words).map(w).sum();
        if union <= 0.0 {
            0.0
        } else {
            inter / union
        }
    }

    /// Plain Jaccard of the words.
    pub fn overlap(&self, other: &Parts) -> f32 {
        self.overlap_weighted(other, &HashMap::new())
    }

    /// The main verbs have one (not light) class, or the claims share the
    /// class of some verb or event noun.
    pub fn same_class(&self, other: &Parts) -> bool {
        self.class == other.class && !LIGHT.contains(&self.class)
            || self.classes.intersection(&other.classes).next().is_some()
    }

    /// The main verbs have one class that is not a light one.
    pub fn same_main_class(&self, other: &Parts) -> bool {
        self.class == other.class && !LIGHT.contains(&self.class)
    }

    /// They name one entity: the same name, or a surname alone and a full
    /// name ending in it ("trump" and "donald trump"), as the store-wide
    /// linker joins them.
    pub fn shares_entity(&self, other: &Parts) -> bool {
        self.entities
            .iter()
            .any(|a| other.entities.iter().any(|b| same_name(a, b)))
    }

    /// Both give amounts of one unit, and they differ.
    pub fn amounts_differ(&self, other: &Parts, claims: (&DocClaim, &DocClaim)) -> bool {
        claims.0.amounts.iter().any(|a| {
            claims.1.amounts.iter().any(|b| a.unit == b.unit)
                && !claims
                    .1
                    .amounts
                    .iter()
                    .any(|b| a.unit == b.unit && close(a.value, b.value))
        }) && self.amounts != other.amounts
    }
}

fn same_name(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    !short.contains(' ') && long.rsplit(' ').next() == Some(short)
}

/// A content word, or `#class` for a verb form or event noun of the claims
/// lexicon.
fn fold_class(w: String) -> String {
    if let Some(v) = lexicon::verb(&w) {
        return format!("#{}", v.class);
    }
    match lexicon::event_noun(&w) {
        Some(class) => format!("#{class}"),
        None => w,
    }
}

/// Two values within 2% of each other.
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.02 * a.abs().max(b.abs())
}

/// The check-worthy claims of the story.
pub fn checkworthy(docs: &[StoryDoc]) -> Vec<ClaimRef> {
    let mut out = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for (c, claim) in doc.analysis.claims.iter().enumerate() {
            if claim.checkworthiness >= CHECKWORTHY {
                out.push((d, c));
            }
        }
    }
    out
}

/// The aligned groups of check-worthy claims, each earliest document
/// first; groups ordered by their first claim.
pub fn align(docs: &[StoryDoc]) -> Vec<Vec<ClaimRef>> {
    let refs = checkworthy(docs);
    let parts: Vec<Parts> = refs
        .iter()
        .map(|&(d, c)| Parts::of(&docs[d].analysis.claims[c], docs[d].text))
        .collect();
    let weights = word_weights(&parts);
    let mut sets = UnionFind::new(refs.len());
    for (i, j) in candidate_pairs(&parts) {
        if refs[i].0 == refs[j].0 {
            continue;
        }
        let claims = (claim(docs, refs[i]), claim(docs, refs[j]));
        let (a, b) = (&parts[i], &parts[j]);
        let overlap = a.overlap_weighted(b, &weights);
        let differ = a.amounts_differ(b, claims);
        // A number is a claim's point: a claim with amounts and one without
        // are one fact only when their words say so.
        let one_sided = a.amounts.is_empty() != b.amounts.is_empty();
        let same = overlap >= STRONG_OVERLAP
            || !one_sided
                && a.shares_entity(b)
                && (overlap >= WEAK_OVERLAP && a.same_main_class(b)
                    || overlap >= CLASS_OVERLAP && a.same_class(b))
            || overlap >= WEAK_OVERLAP && !a.amounts.is_empty() && a.amounts == b.amounts;
        if same && !differ {
            sets.union(i, j);
        }
    }
    let mut groups: HashMap<usize, Vec<ClaimRef>> = HashMap::new();
    for (i, &r) in refs.iter().enumerate() {
        let root = sets.find(i);
        groups.entry(root).or_default().push(r);
    }
    let mut out: Vec<Vec<ClaimRef>> = groups.into_values().collect();
    for g in &mut out {
        g.sort_by_key(|&(d, c)| (sources::order_key(docs, d), c));
    }
    out.sort_by_key(|g| (sources::order_key(docs, g[0].0), g[0].1));
    out
}

/// Each word's weight among the story's claims: ln(1 + claims / claims
/// with the word).
pub fn word_weights(parts: &[Parts]) -> HashMap<String, f32> {
    let mut df: HashMap<&String, u32> = HashMap::new();
    for p in parts {
        for w in &p.words {
            *df.entry(w).or_default() += 1;
        }
    }
    let n = parts.len() as f32;
    df.into_iter()
        .map(|(w, d)| (w.clone(), (1.0 + n / d as f32).ln()))
        .collect()
}

pub fn claim<'a>(docs: &[StoryDoc<'a>], r: ClaimRef) -> &'a DocClaim {
    &docs[r.0].analysis.claims[r.1]
}

/// Pairs of claims sharing a block: a content word, an entity or a class.
/// A block's members are compared with at most [`BLOCK_PEERS`] others, so
/// a word in every claim does not make this quadratic.
fn candidate_pairs(parts: &[Parts]) -> Vec<(usize, usize)> {
    const BLOCK_PEERS: usize = 64;
    let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in parts.iter().enumerate() {
        let keys = p
            .words
            .iter()
            .map(|w| format!("w:{w}"))
            .chain(p.entities.iter().map(|e| format!("e:{e}")))
            .chain(std::iter::once(format!("c:{}", p.class)));
        for k in keys {
            blocks.entry(k).or_default().push(i);
        }
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut keys: Vec<&String> = blocks.keys().collect();
    keys.sort();
    for k in keys {
        let members = &blocks[k];
        for (y, &j) in members.iter().enumerate() {
            for &i in &members[y.saturating_sub(BLOCK_PEERS)..y] {
                pairs.push((i, j));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}
