//! Alignment: the check-worthy claims of a story's documents that state
//! the same thing in different words.
//!
//! Words are compared after folding every verb form and event noun of the
//! claims stage's lexicon into its predicate class ("rejected", "declining",
//! "refusal" → `#reject`; "classified", "designation", "categorizing" →
//! `#designate`), so that paraphrases share them.
//!
//! Two claims of different documents are one fact ([`relate`]) when
//! - their content words overlap by half or more (Jaccard; a paraphrase or a
//!   rewrite), or
//! - they share an entity and the class of their main verbs (not a light
//!   one: "be", "have", "say") and overlap by at least [`WEAK_OVERLAP`], or
//!   the class of some verb or event noun and overlap by [`CLASS_OVERLAP`], or
//! - they report one event: the same main class, a subject they share (the
//!   place or actor the claim is about), another class they share (what
//!   the event was done to: "rejected Kestria's offer", "rejected the
//!   offer of Prime Minister Solvang") and another word, overlapping by
//!   [`EVENT_OVERLAP`];
//!   none of these when only one of them gives amounts, unless its amounts
//!   only count things the other names without a number ("an offer of three
//!   navy ships" and "an offer of navy ships"), or
//! - they give the same amounts and overlap by at least [`WEAK_OVERLAP`],
//!   or one quantity of one measured thing ("240 tonnes of solvent";
//!   [`Parts::shares_measure`]) and overlap by [`EVENT_OVERLAP`];
//!
//! unless they give different amounts of one unit, which makes them two
//! sides of a contradiction rather than one fact, or belong to different
//! developments of the story (episodes) without one reporting the other
//! ([`crate::developments`]).
//!
//! Matches are not simply joined transitively: a claim that states one fact
//! and mentions another ("Arvelo rejected Solvang's offer to send three
//! ships") matches the claims of both, and joining every match would chain
//! the offer and its rejection into one fact. So groups are built in two
//! steps ([`align`]). First the *cores*: matches between claims whose main
//! verbs have one class, or that give one measured quantity, strongest
//! first; two cores of several claims are joined only when at least half of
//! the pairs between them match (average link), so that one loose match
//! does not chain two facts. Then the claims left alone (whose main verb is
//! another class, often a weak one: "sparked debate after declining", "ends
//! weeks of uncertainty since … proposed") are attached, each to the core
//! member it matches best, and those that match no core pair up; two cores
//! are never joined through claims of different main verbs. Claims are
//! compared within blocks (a shared word, entity or class) so that a large
//! story is not an all-pairs step over its claims.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::OnceLock;

use crosscheck_claims::lexicon;
use crosscheck_claims::parts::checkable_parts;
use crosscheck_cluster::terms::words;
use crosscheck_model::{DocClaim, DocEntity, UnionFind, CHECKWORTHY};
use crosscheck_samefact::{Judge, Statement};
use rayon::prelude::*;

use crate::developments::Developments;
use crate::{measure, sources, ClaimRef, StoryDoc};

/// Overlap for a match backed by a shared class and entity, or amounts.
pub const WEAK_OVERLAP: f32 = 0.15;
/// Overlap for a match backed by a shared entity and a class of some verb
/// or event noun (not the main verb's).
pub const CLASS_OVERLAP: f32 = 0.25;
/// Overlap for a match backed by one event: the main class, a subject and
/// another class shared. Those three say most of it; the words need only
/// not be disjoint beyond them.
pub const EVENT_OVERLAP: f32 = 0.05;
/// Overlap that alone makes two claims one fact.
pub const STRONG_OVERLAP: f32 = 0.5;
/// A match of the rules stands only when the same-fact judge scores it at
/// least this: below it, 0.3% of MSRP's paraphrases (training part) and 7%
/// of its non-paraphrases.
pub const VETO_BELOW: f32 = 0.2;
/// The judge alone joins two claims whose main verbs are different
/// actions (two classes, neither light, neither in the other claim) only
/// at this score: a call to discuss assistance and the rejection of that
/// assistance read alike (0.65) and are two facts.
pub const DIFFERENT_ACTIONS_SAME: f32 = 0.8;
/// Statements scored at least this take part in alignment: below the
/// check-worthy cut they are not listed as facts of their own, but they
/// support one that is.
pub const SUPPORT_FLOOR: f32 = 0.0;
/// Predicate classes too general to back a match: among them the verbs of
/// saying and of emphasis, which two claims share whatever they say ("The
/// U.S. has highlighted its cooperation with Mexico" / "a report that
/// highlighted the growth of Mexican cartels").
const LIGHT: &[&str] = &[
    "-",
    "be",
    "have",
    "say",
    "do",
    "make",
    "take",
    "come",
    "announce",
    "highlight",
    "underscore",
    "underline",
];
/// Members of each side compared when two cores are joined (the first
/// ones), so that joining large groups stays cheap.
const LINK_SAMPLE: usize = 8;

/// What alignment compares of one claim.
pub struct Parts<'a> {
    pub class: &'a str,
    pub entities: BTreeSet<&'a str>,
    /// The entities of the claim's subject (lower case; places too: "Veloria
    /// rejected …" is about Veloria).
    pub subjects: BTreeSet<String>,
    /// Amounts as the key writes them ("15percent+"), without direction.
    pub amounts: BTreeSet<String>,
    /// For each amount, the words of what it counts ("navy ship"), when it
    /// is a count of a named thing.
    pub counted: Vec<Option<Vec<String>>>,
    /// The amounts that are not bare counts, with what they measure, when
    /// the claim says ([`measure::measured`]): (unit, value, words).
    pub measures: Vec<(&'a str, f64, BTreeSet<String>)>,
    pub time: &'a str,
    pub words: BTreeSet<String>,
    /// The predicate classes of every verb and event noun in the claim.
    pub classes: BTreeSet<String>,
    /// The claim's sentence.
    pub sentence: &'a str,
    /// The claim as the same-fact judge reads it, made on first use
    /// ([`Parts::statement`]): most of a large story's statements share no
    /// block with another outlet's, and analysing a sentence is the costly
    /// part of a comparison.
    statement: OnceLock<Statement>,
    /// The claim's checkable parts as the judge reads them, when it has
    /// several (`crosscheck_claims::parts`), made on first use.
    pieces: OnceLock<Vec<(Range<usize>, Statement)>>,
}

impl<'a> Parts<'a> {
    /// `entities` are those of the claim's document.
    pub fn of(claim: &'a DocClaim, text: &'a str, entities: &[DocEntity]) -> Parts<'a> {
        let mut k = claim.key.split('|');
        let class = k.next().unwrap_or("-");
        let key_entities = k
            .next()
            .unwrap_or("")
            .split(',')
            .filter(|e| !e.is_empty())
            .collect();
        let subjects = claim
            .subjects
            .iter()
            .filter_map(|&e| entities.get(e))
            .map(|e| e.name.to_lowercase())
            .collect();
        let amounts = claim
            .amounts
            .iter()
            .map(|a| format!("{}{}", a.value, a.unit))
            .collect();
        let counted = claim
            .amounts
            .iter()
            .map(|a| {
                (a.unit == "count")
                    .then_some(a.noun.as_deref())
                    .flatten()
                    .map(|n| words(n).map(fold_class).collect::<Vec<_>>())
                    .filter(|w| !w.is_empty())
            })
            .collect();
        let measures = claim
            .amounts
            .iter()
            .filter(|a| a.unit != "count")
            .map(|a| {
                (
                    a.unit.as_str(),
                    a.value,
                    measure::measured(text, claim.span, a),
                )
            })
            .filter(|m| !m.2.is_empty())
            .collect();
        let time = k.nth(1).unwrap_or("");
        let sentence = text.get(claim.span.start..claim.span.end).unwrap_or("");
        let phrasal = phrasal_heads(sentence);
        let words: BTreeSet<String> = words(sentence)
            .map(|w| match phrasal.iter().find(|(head, _)| *head == w) {
                Some((_, class)) => format!("#{class}"),
                None => fold_class(w),
            })
            .collect();
        let classes = words
            .iter()
            .filter_map(|w| w.strip_prefix('#'))
            .filter(|c| !LIGHT.contains(c))
            .map(str::to_string)
            .collect();
        Parts {
            class,
            entities: key_entities,
            subjects,
            amounts,
            counted,
            measures,
            time,
            words,
            classes,
            sentence,
            statement: OnceLock::new(),
            pieces: OnceLock::new(),
        }
    }

    /// The claim as the same-fact judge reads it.
    pub fn statement(&self) -> &Statement {
        self.statement.get_or_init(|| Statement::new(self.sentence))
    }

    /// Its checkable parts (byte ranges of the sentence) as the judge reads
    /// them; none when it is one.
    pub fn pieces(&self) -> &[(Range<usize>, Statement)] {
        self.pieces.get_or_init(|| {
            let ranges = checkable_parts(self.sentence);
            if ranges.len() < 2 {
                return Vec::new();
            }
            ranges
                .into_iter()
                .map(|r| (r.clone(), Statement::new(&self.sentence[r])))
                .collect()
        })
    }

    /// The part of this claim the judge finds stating `other` whole, with
    /// its score, the best of several (partial support: "the designation"
    /// of "the designation has led to more patrols").
    pub fn part_stating(&self, other: &Parts) -> Option<(f32, Range<usize>)> {
        let judge = Judge::shipped();
        self.pieces()
            .iter()
            .filter_map(|(r, p)| {
                let v = judge.rate(p, other.statement());
                v.same.then(|| (v.score, r.clone()))
            })
            .fold(None, |best, x| match best {
                Some(b) if b.0 >= x.0 => Some(b),
                _ => Some(x),
            })
    }

    /// Plain Jaccard of the words.
    pub fn overlap(&self, other: &Parts) -> f32 {
        let inter = self.words.intersection(&other.words).count();
        let union = self.words.len() + other.words.len() - inter;
        if union == 0 {
            0.0
        } else {
            inter as f32 / union as f32
        }
    }

    /// The main verbs have one (not light) class, or the claims share the
    /// class of some verb or event noun.
    /// They share a class, whichever verbs or event nouns give it: a
    /// measure conflict's two claims name one kind of fact ("spilled" /
    /// "put the amount released at") whatever their main verbs.
    pub fn shares_class(&self, other: &Parts) -> bool {
        self.same_main_class(other) || self.classes.intersection(&other.classes).next().is_some()
    }

    /// They share a class: their main verbs', or another when that cannot
    /// be two different actions about shared things. Two main verbs of
    /// different classes, neither light, are two actions ("reached out to
    /// discuss assistance" / "rejected an offer of assistance") unless the
    /// shared class is one side's main verb ("rejected the offer" / "the
    /// rejection sparked protests").
    pub fn same_class(&self, other: &Parts) -> bool {
        if self.same_main_class(other) {
            return true;
        }
        let mut shared = self.classes.intersection(&other.classes);
        if LIGHT.contains(&self.class) || LIGHT.contains(&other.class) {
            return shared.next().is_some();
        }
        shared.any(|c| c == self.class || c == other.class)
    }

    /// The main verbs are two actions: different classes, neither light,
    /// and neither named by the other claim ("the rejection" names reject).
    pub fn different_actions(&self, other: &Parts) -> bool {
        self.class != other.class
            && !LIGHT.contains(&self.class)
            && !LIGHT.contains(&other.class)
            && !self.classes.contains(other.class)
            && !other.classes.contains(self.class)
    }

    /// Both main verbs are light ("has highlighted its cooperation" /
    /// "released a report that highlighted the deterioration of
    /// coordination"): what each states is in its object, and one shared
    /// class there says little of whether the objects agree.
    pub fn both_light(&self, other: &Parts) -> bool {
        LIGHT.contains(&self.class) && LIGHT.contains(&other.class)
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

    /// Their subjects name one entity.
    pub fn shares_subject(&self, other: &Parts) -> bool {
        self.subjects
            .iter()
            .any(|a| other.subjects.iter().any(|b| same_name(a, b)))
    }

    /// One event: the same main class, a shared subject, another class
    /// shared (what was done, and to what), and some other word or name
    /// besides ("… the port of Saltmere"): one subject rejecting two
    /// different proposals shares the first three only.
    pub fn same_event(&self, other: &Parts) -> bool {
        if !self.same_main_class(other) || !self.shares_subject(other) {
            return false;
        }
        let subject_words: BTreeSet<String> = self
            .subjects
            .iter()
            .chain(&other.subjects)
            .flat_map(|s| words(s).collect::<Vec<_>>())
            .collect();
        let shared: Vec<&String> = self.words.intersection(&other.words).collect();
        let main = format!("#{}", self.class);
        shared.iter().any(|w| w.starts_with('#') && **w != main)
            && shared
                .iter()
                .any(|w| !w.starts_with('#') && !subject_words.contains(*w))
    }

    /// They give one quantity of one thing: an amount of one unit (not a
    /// bare count) and value, measuring something both name ("240 tonnes
    /// of solvent", "240 tonnes of industrial solvent"). A figure with its
    /// unit and what it measures says which fact this is more than any verb.
    pub fn shares_measure(&self, other: &Parts) -> bool {
        self.measures.iter().any(|(u, v, w)| {
            other.measures.iter().any(|(u2, v2, w2)| {
                u == u2 && close(*v, *v2) && w.intersection(w2).next().is_some()
            })
        })
    }

    /// Every amount of this claim counts something the other claim names
    /// without a number: the number is a detail of a thing both speak of
    /// ("three navy ships", "navy ships"), not the claim's point.
    pub fn counts_named_by(&self, other: &Parts) -> bool {
        !self.counted.is_empty()
            && self.counted.iter().all(|n| {
                n.as_ref()
                    .is_some_and(|ws| ws.iter().all(|w| other.words.contains(w)))
            })
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

/// Whether two claims (of different documents) whose words overlap by
/// `overlap` ([`Vocabulary::overlap`]) state one fact, and if so how
/// strongly.
pub fn relate(a: &Parts, b: &Parts, claims: (&DocClaim, &DocClaim), overlap: f32) -> Option<f32> {
    if a.amounts_differ(b, claims) {
        return None;
    }
    // A number is a claim's point: a claim with amounts and one without
    // are one fact only when their words say so, or when the number only
    // counts something the other names.
    let one_sided = a.amounts.is_empty() != b.amounts.is_empty()
        && !a.counts_named_by(b)
        && !b.counts_named_by(a);
    let same = overlap >= STRONG_OVERLAP
        || !one_sided
            && (a.shares_entity(b)
                && (overlap >= WEAK_OVERLAP && a.same_main_class(b)
                    || overlap >= CLASS_OVERLAP && a.same_class(b) && !a.both_light(b))
                || overlap >= EVENT_OVERLAP && a.same_event(b))
        || overlap >= WEAK_OVERLAP && !a.amounts.is_empty() && a.amounts == b.amounts
        || overlap >= EVENT_OVERLAP && a.shares_measure(b);
    let verdict = Judge::shipped().rate(a.statement(), b.statement());
    if same {
        // The rules see shared words and classes; the judge reads the sentences. A match it
        // scores as plainly different is two facts that share their actors ("confirmed her
        // rejection during a speech" / "confirmed the authenticity of Trump's offer").
        return (verdict.score >= VETO_BELOW).then_some(overlap);
    }
    // The learned judge: paraphrases that share few words ("declined the proposal" / "rejected the
    // offer"), never a number on one side only.
    if verdict.same
        && !one_sided
        && (!a.different_actions(b) || verdict.score >= DIFFERENT_ACTIONS_SAME)
    {
        return Some(verdict.score * STRONG_OVERLAP);
    }
    // One states a part of the other ("designated the valley a disaster zone" / "the designation
    // of the valley as a disaster zone has led to school closures"): a weaker match, which
    // `partial` then counts part by part. Tried only for claims that share a name and words, and
    // never with a number on one side only, in the part or the other claim.
    if a.shares_entity(b) && overlap >= WEAK_OVERLAP {
        let numberless = |c: &DocClaim, r: &Range<usize>| {
            c.amounts.iter().all(|x| {
                let at = x.span().start.saturating_sub(c.span.start);
                !r.contains(&at)
            })
        };
        return [(a, b, claims.0, claims.1), (b, a, claims.1, claims.0)]
            .into_iter()
            .filter_map(|(long, short, cl, cs)| {
                let (score, r) = long.part_stating(short)?;
                (cs.amounts.is_empty() && numberless(cl, &r)).then_some(score)
            })
            .reduce(f32::max)
            .map(|s| s * WEAK_OVERLAP);
    }
    None
}

fn same_name(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    !short.contains(' ') && long.rsplit(' ').next() == Some(short)
}

/// The verbs of a sentence that a particle makes a listed phrasal verb
/// ("reached out" → reached, call), lower case: the particle is a stop
/// word, so the word bag sees the verb alone, and "reach" is not "call".
fn phrasal_heads(sentence: &str) -> Vec<(String, &'static str)> {
    let raw: Vec<&str> = sentence
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    raw.windows(2)
        .filter_map(|w| {
            let p = lexicon::phrasal(w[0], w[1])?;
            Some((w[0].to_lowercase(), p.class))
        })
        .collect()
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

/// The statements of the story that alignment compares: every claim
/// scored at least [`SUPPORT_FLOOR`].
pub fn statements(docs: &[StoryDoc]) -> Vec<ClaimRef> {
    let mut out = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for (c, claim) in doc.analysis.claims.iter().enumerate() {
            if claim.checkworthiness >= SUPPORT_FLOOR {
                out.push((d, c));
            }
        }
    }
    out
}

/// The parts of a story claim.
pub fn parts<'a>(docs: &[StoryDoc<'a>], r: ClaimRef) -> Parts<'a> {
    let doc = &docs[r.0];
    Parts::of(claim(docs, r), doc.text, &doc.analysis.entities)
}

/// The aligned groups of check-worthy claims, each earliest document
/// first; groups ordered by their first claim.
pub fn align(docs: &[StoryDoc]) -> Vec<Vec<ClaimRef>> {
    let refs = statements(docs);
    // The pairs are rated on every core: stories are corroborated in
    // parallel too, but one story of hundreds of documents can take most of
    // an update's time alone. The result does not depend on the order in
    // which pairs are rated (the edges are sorted below).
    let parts: Vec<Parts> = refs.par_iter().map(|&r| parts(docs, r)).collect();
    let vocabulary = Vocabulary::of(&parts);
    let developments = Developments::of(docs);
    let related = |i: usize, j: usize| -> Option<f32> {
        if refs[i].0 == refs[j].0 || !developments.may_join(docs, refs[i], refs[j]) {
            return None;
        }
        let claims = (claim(docs, refs[i]), claim(docs, refs[j]));
        relate(&parts[i], &parts[j], claims, vocabulary.overlap(i, j))
    };
    // (overlap, i, j, a core match), strongest first. A core match is one
    // of the same main class, or of one measured quantity.
    let listed: Vec<bool> = refs
        .iter()
        .map(|&r| claim(docs, r).checkworthiness >= CHECKWORTHY)
        .collect();
    let mut edges: Vec<(f32, usize, usize, bool)> = candidate_pairs(&parts, &listed)
        .into_par_iter()
        .filter_map(|(i, j)| {
            let overlap = related(i, j)?;
            let (a, b) = (&parts[i], &parts[j]);
            Some((overlap, i, j, a.same_main_class(b) || a.shares_measure(b)))
        })
        .collect();
    edges.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut g = Grouping::new(refs.iter().map(|r| r.0).collect());
    for &(_, i, j, _) in edges.iter().filter(|e| e.3) {
        g.join_cores(i, j, &related);
    }
    // Attach to the existing cores first; then let the claims left alone
    // pair up (and take others in).
    for new_cores in [false, true] {
        for &(_, i, j, _) in edges.iter().filter(|e| !e.3) {
            g.attach(i, j, new_cores);
        }
    }
    let mut groups: HashMap<usize, Vec<ClaimRef>> = HashMap::new();
    for (i, &r) in refs.iter().enumerate() {
        let root = g.sets.find(i);
        groups.entry(root).or_default().push(r);
    }
    // A fact is listed when one of its statements is check-worthy; the
    // others support it (a short "Veloria said no." backs the full claim).
    let mut out: Vec<Vec<ClaimRef>> = groups
        .into_values()
        .filter(|g| {
            g.iter()
                .any(|&r| claim(docs, r).checkworthiness >= CHECKWORTHY)
        })
        .collect();
    for g in &mut out {
        g.sort_by_key(|&(d, c)| (sources::order_key(docs, d), c));
    }
    out.sort_by_key(|g| (sources::order_key(docs, g[0].0), g[0].1));
    out
}

/// Groups under construction: the sets, each root's members, and which
/// claims belong to a core (joined through a match of their own main class,
/// or paired when nothing else took them) rather than attached to one.
struct Grouping {
    /// The document of each claim.
    doc: Vec<usize>,
    sets: UnionFind,
    members: Vec<Vec<usize>>,
    core: Vec<bool>,
}

impl Grouping {
    fn new(doc: Vec<usize>) -> Grouping {
        let n = doc.len();
        Grouping {
            doc,
            sets: UnionFind::new(n),
            members: (0..n).map(|i| vec![i]).collect(),
            core: vec![false; n],
        }
    }

    fn union(&mut self, i: usize, j: usize) {
        let (a, b) = (self.sets.find(i), self.sets.find(j));
        if self.sets.union(a, b) {
            let (root, moved) = if self.sets.find(a) == a {
                (a, b)
            } else {
                (b, a)
            };
            let mut m = std::mem::take(&mut self.members[moved]);
            // The shorter list moves into the longer.
            if m.len() > self.members[root].len() {
                std::mem::swap(&mut m, &mut self.members[root]);
            }
            self.members[root].extend(m);
        }
    }

    /// Joins the cores of `i` and `j` (a match of one main class). Two
    /// groups of several claims are joined only when at least half of the
    /// pairs between them (of different documents, among the first
    /// [`LINK_SAMPLE`] members of each) match: one loose match is not
    /// enough to make two facts one.
    fn join_cores(&mut self, i: usize, j: usize, related: &dyn Fn(usize, usize) -> Option<f32>) {
        let (a, b) = (self.sets.find(i), self.sets.find(j));
        if a == b {
            return;
        }
        if self.members[a].len() > 1 && self.members[b].len() > 1 {
            let (mut pairs, mut matched) = (0, 0);
            for &x in self.members[a].iter().take(LINK_SAMPLE) {
                for &y in self.members[b].iter().take(LINK_SAMPLE) {
                    if self.doc[x] == self.doc[y] {
                        continue;
                    }
                    pairs += 1;
                    matched += usize::from(related(x, y).is_some());
                }
            }
            if 2 * matched < pairs {
                return;
            }
        }
        self.union(i, j);
        self.core[i] = true;
        self.core[j] = true;
    }

    /// Attaches a claim to a core through a match of different main
    /// classes: `i` or `j` alone, to a core member on the other side. Two
    /// groups with cores are never joined this way; two claims that are
    /// both alone pair up (and become a core) only when `new_cores`.
    fn attach(&mut self, i: usize, j: usize, new_cores: bool) {
        let (a, b) = (self.sets.find(i), self.sets.find(j));
        if a == b {
            return;
        }
        let has_core = |g: &Grouping, r: usize| g.members[r].iter().any(|&m| g.core[m]);
        match (has_core(self, a), has_core(self, b)) {
            (true, true) => {}
            (true, false) => {
                if self.core[i] && self.members[b].len() == 1 {
                    self.union(i, j);
                }
            }
            (false, true) => {
                if self.core[j] && self.members[a].len() == 1 {
                    self.union(i, j);
                }
            }
            (false, false) => {
                if new_cores && self.members[a].len() == 1 && self.members[b].len() == 1 {
                    self.union(i, j);
                    self.core[i] = true;
                    self.core[j] = true;
                }
            }
        }
    }
}

/// The words of a story's statements as numbers, with each word's weight
/// among them: ln(1 + statements / statements with the word), so that the
/// names and words every claim of the story repeats ("Sheinbaum",
/// "military") do not make unrelated claims look alike. A word's number
/// follows the words' order, so a statement's numbers are sorted as its
/// words are, and sums over them add in the same order.
pub struct Vocabulary {
    words: Vec<Vec<u32>>,
    weight: Vec<f32>,
}

impl Vocabulary {
    pub fn of(parts: &[Parts]) -> Vocabulary {
        let mut all: Vec<&str> = parts
            .iter()
            .flat_map(|p| p.words.iter().map(String::as_str))
            .collect();
        all.sort_unstable();
        let n = parts.len() as f32;
        let mut number: HashMap<&str, u32> = HashMap::new();
        let mut weight = Vec::new();
        for run in all.chunk_by(|a, b| a == b) {
            number.insert(run[0], weight.len() as u32);
            weight.push((1.0 + n / run.len() as f32).ln());
        }
        let words = parts
            .iter()
            .map(|p| p.words.iter().map(|w| number[w.as_str()]).collect())
            .collect();
        Vocabulary { words, weight }
    }

    /// Weighted Jaccard of the words of statements `i` and `j`.
    pub fn overlap(&self, i: usize, j: usize) -> f32 {
        let (a, b) = (&self.words[i], &self.words[j]);
        let w = |t: u32| self.weight[t as usize];
        let (mut x, mut y) = (0, 0);
        let (mut inter, mut union) = (0f32, 0f32);
        while x < a.len() || y < b.len() {
            match (a.get(x), b.get(y)) {
                (Some(&s), Some(&t)) if s == t => {
                    inter += w(s);
                    union += w(s);
                    x += 1;
                    y += 1;
                }
                (Some(&s), Some(&t)) if s < t => {
                    union += w(s);
                    x += 1;
                }
                (Some(&s), None) => {
                    union += w(s);
                    x += 1;
                }
                (_, Some(&t)) => {
                    union += w(t);
                    y += 1;
                }
                (None, None) => unreachable!("the loop runs while one side has words"),
            }
        }
        if union <= 0.0 {
            0.0
        } else {
            inter / union
        }
    }
}

pub fn claim<'a>(docs: &[StoryDoc<'a>], r: ClaimRef) -> &'a DocClaim {
    &docs[r.0].analysis.claims[r.1]
}

/// Pairs of statements sharing a block (a content word, an entity or a
/// class), at least one of them check-worthy (`listed`): a statement below
/// the cut only supports a fact, so two of them are never compared, which
/// keeps the pairs near those of the check-worthy claims alone. The
/// check-worthy claims of a block are compared as [`block_pairs`] does; each
/// other statement with at most [`BLOCK_PEERS`] of them per block.
fn candidate_pairs(parts: &[Parts], listed: &[bool]) -> Vec<(usize, usize)> {
    let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
    let keys = |p: &Parts| -> Vec<String> {
        p.words
            .iter()
            .map(|w| format!("w:{w}"))
            .chain(p.entities.iter().map(|e| format!("e:{e}")))
            .chain(std::iter::once(format!("c:{}", p.class)))
            .collect()
    };
    for (i, p) in parts.iter().enumerate().filter(|(i, _)| listed[*i]) {
        for k in keys(p) {
            blocks.entry(k).or_default().push(i);
        }
    }
    let mut pairs = Vec::new();
    for (j, p) in parts.iter().enumerate().filter(|(j, _)| !listed[*j]) {
        for k in keys(p) {
            if let Some(members) = blocks.get(&k) {
                pairs.extend(
                    members
                        .iter()
                        .take(BLOCK_PEERS)
                        .map(|&i| (i.min(j), i.max(j))),
                );
            }
        }
    }
    pairs.extend(block_pairs(blocks.into_values()));
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Members of a block each one is compared with (the ones before it), so
/// that a word, entity or class shared by every claim of a long text does
/// not make a step quadratic in the claims.
pub const BLOCK_PEERS: usize = 64;

/// The pairs (i < j) of items that share a block, each item paired with at
/// most [`BLOCK_PEERS`] members before it in each of its blocks; sorted,
/// without duplicates. Blocks list their members in increasing order.
pub fn block_pairs(blocks: impl IntoIterator<Item = Vec<usize>>) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for members in blocks {
        for (y, &j) in members.iter().enumerate() {
            for &i in &members[y.saturating_sub(BLOCK_PEERS)..y] {
                pairs.push((i.min(j), i.max(j)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The word a name is blocked under: its last, so that a surname alone and
/// the full name ending in it ([`Parts::shares_entity`]) share a block.
pub fn name_block(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}
