//! Quotes that give one statement in different words: two outlets'
//! translations of the same remark, a quote shortened by one outlet, a
//! copy. Two quotes from different documents are variants when they have
//! the same speaker (one store-wide entity), share enough content words,
//! and were published close in time; a fragment of a few quoted words
//! ("would “never accept” the presence …") joins the earliest statement of
//! its speaker that holds them all. Each group of variants points to its
//! earliest quote (by publication date, then document id, then position).

use std::collections::{BTreeMap, HashMap, HashSet};

use crosscheck_model::{LinkedEntity, QuoteKind, Span, UnionFind};

use super::{AnalysedDoc, Variant};

/// Share of the shorter quote's content words that the longer one has.
const MIN_OVERLAP: f64 = 0.5;
/// And at least this many shared content words.
const MIN_SHARED: usize = 3;
/// Variants are published at most this many days apart (when both dates
/// are known).
const MAX_DAYS_APART: i64 = 45;
/// A looser overlap for quotes of one speaker in other documents published
/// at most `TRANSLATION_DAYS` apart (two translations of one remark).
const TRANSLATION_OVERLAP: f64 = 0.35;
const TRANSLATION_DAYS: i64 = 3;
/// Fewest content words of a fragment ("never accept") joined to the
/// statement it is taken from.
const MIN_FRAGMENT: usize = 2;
/// Words in more quotes of one speaker than this are too common to find
/// candidates by (they still count in the overlap).
const MAX_POSTINGS: usize = 400;

/// Function words that say nothing about which statement a quote is.
const STOPWORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "is", "are", "was", "were", "be", "been", "it", "its", "it's", "this", "that", "these",
    "those", "we", "you", "i", "he", "she", "they", "our", "your", "my", "his", "her", "their",
    "us", "them", "me", "him", "not", "no", "will", "would", "can", "could", "do", "does", "did",
    "have", "has", "had", "so", "as", "if", "than", "then", "there", "what", "which", "who", "all",
    "any", "just", "very", "also", "into", "about", "up", "out", "more", "most",
];

/// The quotes of one document that can have variants, reduced to what the
/// comparison needs, so that a whole store's quotes fit in memory without
/// their texts.
#[derive(Debug, Clone)]
pub struct DocQuotes {
    pub id: String,
    day: Option<i64>,
    quotes: Vec<QuoteWords>,
}

#[derive(Debug, Clone)]
struct QuoteWords {
    /// The first quote of the chain this part belongs to.
    quote: usize,
    /// A few quoted words inside the writer's sentence ("would “never
    /// accept”"): a fragment of a statement, not one.
    fragment: bool,
    /// Index into the document's entities.
    speaker: usize,
    /// Hashes of the distinct content words, sorted.
    words: Vec<u64>,
}

impl DocQuotes {
    /// The direct quotes of `doc` with a speaker and enough content words.
    /// Each part of a quote interrupted by its attribution is kept on its
    /// own (translations differ more over a long statement than over one
    /// sentence); a match links the whole quotes.
    pub fn of(doc: &AnalysedDoc) -> DocQuotes {
        let all = &doc.analysis.quotes;
        // Computed once for the document: a long text has thousands of
        // quotes, and looking up each one's nested quotes or chain head by
        // a pass over all of them was quadratic.
        let mut nested: Vec<Vec<Span>> = vec![Vec::new(); all.len()];
        for n in all {
            if let Some(p) = n.nested_in.filter(|&p| p < all.len()) {
                nested[p].push(n.content);
            }
        }
        let mut heads: Vec<usize> = Vec::with_capacity(all.len());
        for qi in 0..all.len() {
            let head = match all[qi].continues {
                Some(prev) if prev < qi => heads[prev],
                _ => chain_head(all, qi),
            };
            heads.push(head);
        }
        let quotes = all
            .iter()
            .enumerate()
            .filter(|(_, q)| q.kind != QuoteKind::Indirect)
            .filter_map(|(qi, q)| {
                let speaker = q.speaker?;
                let words = own_words(doc, qi, std::mem::take(&mut nested[qi]));
                let fragment = q.kind == QuoteKind::Partial && words.len() < MIN_SHARED;
                (words.len() >= MIN_SHARED || fragment && words.len() >= MIN_FRAGMENT).then(|| {
                    QuoteWords {
                        quote: heads[qi],
                        fragment,
                        speaker,
                        words,
                    }
                })
            })
            .collect();
        DocQuotes {
            id: doc.id.to_string(),
            day: doc.published.and_then(day_number),
            quotes,
        }
    }
}

struct Candidate<'a> {
    doc: usize,
    quote: usize,
    fragment: bool,
    day: Option<i64>,
    words: &'a [u64],
    doc_id: &'a str,
}

/// Link quotes of the same speaker with overlapping content and close dates.
/// `entities` is the output of [`super::link_entities`] for the same
/// documents. The result is sorted and does not depend on the order of
/// `docs`.
pub fn quote_variants(docs: &[AnalysedDoc], entities: &[LinkedEntity]) -> Vec<Variant> {
    let quotes: Vec<DocQuotes> = docs.iter().map(DocQuotes::of).collect();
    variants_of(&quotes, entities)
}

/// [`quote_variants`] over documents reduced by [`DocQuotes::of`].
pub fn variants_of(docs: &[DocQuotes], entities: &[LinkedEntity]) -> Vec<Variant> {
    // Only the entities that speak are looked up.
    let speakers: HashSet<(&str, usize)> = docs
        .iter()
        .flat_map(|d| d.quotes.iter().map(move |q| (d.id.as_str(), q.speaker)))
        .collect();
    let mut speaker_of: HashMap<(&str, usize), usize> = HashMap::new();
    for (n, e) in entities.iter().enumerate() {
        for (doc, idx) in &e.members {
            if let Some(&key) = speakers.get(&(doc.as_str(), *idx)) {
                speaker_of.insert(key, n);
            }
        }
    }
    drop(speakers);
    // Quotes grouped by store-wide speaker.
    let mut by_speaker: BTreeMap<usize, Vec<Candidate>> = BTreeMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for q in &doc.quotes {
            let Some(speaker) = speaker_of.get(&(doc.id.as_str(), q.speaker)) else {
                continue;
            };
            by_speaker.entry(*speaker).or_default().push(Candidate {
                doc: d,
                quote: q.quote,
                fragment: q.fragment,
                day: doc.day,
                words: &q.words,
                doc_id: &doc.id,
            });
        }
    }
    let mut out = Vec::new();
    for (_, mut quotes) in by_speaker {
        // A fixed order: earliest first, so that each group points to its
        // earliest quote.
        quotes.sort_by(|a, b| {
            (a.day.unwrap_or(i64::MAX), a.doc_id, a.quote).cmp(&(
                b.day.unwrap_or(i64::MAX),
                b.doc_id,
                b.quote,
            ))
        });
        let groups = group(&quotes);
        for members in groups.values() {
            let first = &quotes[members[0]];
            let mut seen = HashSet::from([(first.doc, first.quote)]);
            for &m in &members[1..] {
                let q = &quotes[m];
                if !seen.insert((q.doc, q.quote)) {
                    continue;
                }
                out.push(Variant {
                    document_id: docs[q.doc].id.clone(),
                    quote: q.quote,
                    variant_of_document: docs[first.doc].id.clone(),
                    variant_of_quote: first.quote,
                });
            }
        }
    }
    out.sort();
    out
}

/// The first quote of the chain of quotes that `qi` continues (what a
/// quote's variants are keyed by).
pub fn chain_head(quotes: &[crosscheck_model::DocQuote], mut qi: usize) -> usize {
    for _ in 0..quotes.len() {
        match quotes[qi].continues {
            Some(prev) if prev < quotes.len() && prev != qi => qi = prev,
            _ => break,
        }
    }
    qi
}

/// Union the speaker's quotes that are variants of each other; returns the
/// groups of two or more, keyed by their first member, members in order.
fn group(quotes: &[Candidate]) -> BTreeMap<usize, Vec<usize>> {
    let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, q) in quotes.iter().enumerate() {
        for &w in q.words {
            postings.entry(w).or_default().push(i);
        }
    }
    let mut sets = UnionFind::new(quotes.len());
    // The parts of one quote are one node.
    let mut first_part: HashMap<(usize, usize), usize> = HashMap::new();
    for (i, q) in quotes.iter().enumerate() {
        let first = *first_part.entry((q.doc, q.quote)).or_insert(i);
        sets.union(first, i);
    }
    // A fragment joins the earliest statement of the speaker holding all
    // its words, close in time, and no other: two statements that happen to
    // share "never accept" are not made one through it.
    for (i, q) in quotes.iter().enumerate().filter(|(_, q)| q.fragment) {
        // The quotes holding its first word, in order (earliest first).
        let holder = postings[&q.words[0]].iter().copied().find(|&j| {
            let other = &quotes[j];
            !other.fragment
                && (other.doc, other.quote) != (q.doc, q.quote)
                && close_in_time(q.day, other.day)
                && q.words.iter().all(|w| other.words.binary_search(w).is_ok())
        });
        if let Some(j) = holder {
            sets.union(i, j);
        }
    }
    for (i, q) in quotes.iter().enumerate().filter(|(_, q)| !q.fragment) {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for w in q.words {
            let list = &postings[w];
            if list.len() > MAX_POSTINGS {
                continue;
            }
            for &j in list.iter().filter(|&&j| j > i) {
                *shared.entry(j).or_default() += 1;
            }
        }
        let mut partners: Vec<usize> = shared
            .into_iter()
            .filter(|&(_, n)| n >= MIN_SHARED)
            .map(|(j, _)| j)
            .collect();
        partners.sort_unstable();
        for j in partners {
            let other = &quotes[j];
            if other.fragment {
                continue;
            }
            let same_quote = other.doc == q.doc && other.quote == q.quote;
            let overlap = overlap(q.words, other.words);
            let strict = close_in_time(q.day, other.day) && overlap >= MIN_OVERLAP;
            // Two translations of one remark share fewer words; reported
            // within days of each other by other outlets, a third of them
            // is enough.
            let translation = other.doc != q.doc
                && within_days(q.day, other.day, TRANSLATION_DAYS)
                && overlap >= TRANSLATION_OVERLAP;
            if !same_quote && (strict || translation) {
                sets.union(i, j);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..quotes.len() {
        let root = sets.find(i);
        groups.entry(root).or_default().push(i);
    }
    groups.retain(|_, members| members.len() > 1);
    groups
}

/// Share of the shorter quote's content words that the other has (0 when
/// fewer than `MIN_SHARED` words are shared).
fn overlap(a: &[u64], b: &[u64]) -> f64 {
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    let shorter = a.len().min(b.len()).max(1);
    if shared < MIN_SHARED {
        return 0.0;
    }
    shared as f64 / shorter as f64
}

/// Both dates known and at most `days` apart.
fn within_days(a: Option<i64>, b: Option<i64>, days: i64) -> bool {
    matches!((a, b), (Some(x), Some(y)) if (x - y).abs() <= days)
}

fn close_in_time(a: Option<i64>, b: Option<i64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= MAX_DAYS_APART,
        _ => true,
    }
}

/// The content words a quote's speaker says in their own voice: the words
/// of the quote outside any quote nested in it (a speaker quoting someone
/// else is not repeating that person's statement).
/// `inner` are the contents of the quotes nested in it.
fn own_words(doc: &AnalysedDoc, qi: usize, mut inner: Vec<Span>) -> Vec<u64> {
    let q = &doc.analysis.quotes[qi];
    let mut text = String::new();
    let mut at = q.content.start;
    inner.sort();
    for span in inner {
        if span.start >= at && span.end <= q.content.end {
            text.push_str(doc.text.get(at..span.start).unwrap_or(""));
            text.push(' ');
            at = span.end;
        }
    }
    text.push_str(doc.text.get(at..q.content.end).unwrap_or(""));
    content_words(&text)
}

/// The distinct content words of a text, lower-cased, as sorted hashes (a
/// collision between two words of one speaker's quotes is as rare as
/// 2^-64 per pair, and would only add one shared word).
fn content_words(text: &str) -> Vec<u64> {
    let mut words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.trim_matches(['\'', '’']).to_lowercase())
        .filter(|w| w.chars().count() > 1 && !STOPWORDS.contains(&w.as_str()))
        .map(|w| word_hash(&singular(&w)))
        .collect();
    words.sort();
    words.dedup();
    words
}

/// FNV-1a: stable across runs and machines (the std hasher is seeded).
fn word_hash(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A plural's singular, roughly ("waters" -> "water", "crews" -> "crew"),
/// so that two wordings of one statement share their nouns.
fn singular(word: &str) -> String {
    match word.strip_suffix('s') {
        Some(stem) if stem.chars().count() > 2 && !stem.ends_with(['s', 'u', 'i']) => {
            stem.to_string()
        }
        _ => word.to_string(),
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.get(..10)?.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::{
        DocAnalysis, DocEntity, DocQuote, EntityKind, Mention, MentionKind, Span,
    };

    fn doc_with_quote(text: &str, quote: &str) -> DocAnalysis {
        let start = text.find(quote).unwrap();
        DocAnalysis {
            entities: vec![DocEntity {
                name: "Tomas Arvelo".into(),
                kind: EntityKind::Person,
                aliases: vec![],
                roles: vec![],
                gender: None,
                mentions: vec![Mention {
                    start: 0,
                    end: 5,
                    kind: MentionKind::Name,
                }],
            }],
            quotes: vec![DocQuote {
                kind: QuoteKind::Direct,
                content: Span::new(start, start + quote.len()),
                source: None,
                cue: None,
                speaker: Some(0),
                speaker_note: None,
                nested_in: None,
                continues: None,
            }],
            ..Default::default()
        }
    }

    fn at<'a>(
        id: &'a str,
        date: &'a str,
        text: &'a str,
        analysis: &'a DocAnalysis,
    ) -> AnalysedDoc<'a> {
        AnalysedDoc {
            id,
            published: Some(date),
            outlet: None,
            text,
            analysis,
        }
    }

    fn linked() -> Vec<LinkedEntity> {
        vec![LinkedEntity {
            id: "e1".into(),
            name: "Tomas Arvelo".into(),
            kind: EntityKind::Person,
            aliases: vec![],
            members: vec![("a".into(), 0), ("b".into(), 0), ("c".into(), 0)],
        }]
    }

    #[test]
    fn translations_of_one_statement_are_variants_of_the_earliest() {
        let ta =
            "Arvelo said: “Our territory is not for sale, and our sovereignty is not negotiable.”";
        let tb =
            "Arvelo said: “Our territory is not for sale; our sovereignty cannot be negotiated.”";
        let tc = "Arvelo said: “The harbour will reopen next week for fishing boats.”";
        let (a, b, c) = (
            doc_with_quote(
                ta,
                "Our territory is not for sale, and our sovereignty is not negotiable.",
            ),
            doc_with_quote(
                tb,
                "Our territory is not for sale; our sovereignty cannot be negotiated.",
            ),
            doc_with_quote(tc, "The harbour will reopen next week for fishing boats."),
        );
        let docs = [
            at("b", "2026-01-18", tb, &b),
            at("a", "2026-01-17", ta, &a),
            at("c", "2026-01-18", tc, &c),
        ];
        let v = quote_variants(&docs, &linked());
        assert_eq!(
            v,
            vec![Variant {
                document_id: "b".into(),
                quote: 0,
                variant_of_document: "a".into(),
                variant_of_quote: 0
            }]
        );
        // Order of documents does not matter.
        let reversed = [docs[2], docs[1], docs[0]];
        assert_eq!(quote_variants(&reversed, &linked()), v);
    }

    #[test]
    fn a_fragment_joins_the_earliest_statement_holding_its_words() {
        let ta = "Arvelo said: “Velorian crews will guard the strait, and we will never accept warships.”";
        let tb = "Arvelo vowed that Veloria would “never accept” foreign warships.";
        let tc = "Arvelo said: “We will never accept a tax on fishing boats.”";
        let a = doc_with_quote(
            ta,
            "Velorian crews will guard the strait, and we will never accept warships.",
        );
        let mut b = doc_with_quote(tb, "never accept");
        b.quotes[0].kind = QuoteKind::Partial;
        let c = doc_with_quote(tc, "We will never accept a tax on fishing boats.");
        let docs = [
            at("a", "2026-01-17", ta, &a),
            at("b", "2026-01-18", tb, &b),
            at("c", "2026-01-19", tc, &c),
        ];
        // The fragment joins the first statement only: the third, which also holds "never
        // accept", stays its own.
        assert_eq!(
            quote_variants(&docs, &linked()),
            vec![Variant {
                document_id: "b".into(),
                quote: 0,
                variant_of_document: "a".into(),
                variant_of_quote: 0
            }]
        );
    }

    #[test]
    fn far_apart_dates_are_not_variants() {
        let ta = "“Our territory is not for sale, and our sovereignty is not negotiable.”";
        let a = doc_with_quote(
            ta,
            "Our territory is not for sale, and our sovereignty is not negotiable.",
        );
        let docs = [at("a", "2026-01-17", ta, &a), at("b", "2026-06-17", ta, &a)];
        assert!(quote_variants(&docs, &linked()).is_empty());
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(
            day_number("2026-03-01").unwrap() - day_number("2026-02-28").unwrap(),
            1
        );
        assert_eq!(day_number("2026-13-01"), None);
        assert_eq!(day_number("bad"), None);
    }

    #[test]
    fn translations_published_days_apart_need_fewer_shared_words() {
        let ta = "“The fire is out, the leak is contained, and we have the capacity to finish the clean-up ourselves.”";
        let tb = "“The fire has been extinguished, the spill is under control, and our own capacity is enough to complete the clean-up.”";
        let a = doc_with_quote(ta, &ta[3..ta.len() - 3]);
        let b = doc_with_quote(tb, &tb[3..tb.len() - 3]);
        let close = [at("a", "2026-02-03", ta, &a), at("b", "2026-02-04", tb, &b)];
        assert_eq!(quote_variants(&close, &linked()).len(), 1);
        // Weeks apart, the same words are not enough.
        let apart = [at("a", "2026-02-03", ta, &a), at("b", "2026-02-20", tb, &b)];
        assert!(quote_variants(&apart, &linked()).is_empty());
    }
}
