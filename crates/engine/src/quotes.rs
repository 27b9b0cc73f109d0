//! Quote statements: who said what, where and when, variants grouped (the
//! read model of `crosscheck quotes`, the briefing's "who said what" and
//! the speaker pages).
//!
//! A *statement* is a quote together with the quotes that continue it (the
//! same statement interrupted by its attribution) and every variant of it
//! (the same statement in other words or another translation, as linked by
//! `crosscheck_nlp::link::quote_variants`). Each statement is printed once,
//! under its first (earliest) appearance, followed by every place it
//! appears; quotes nested in a quote (a speaker quoting someone) are shown
//! under the quote that contains them.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crosscheck_model::{quote_id, QuoteKind, UnionFind};
use crosscheck_store::{QuoteRecord, Store, StoreError};
use serde_json::{json, Value};

/// Which kinds of quote a listing shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KindFilter {
    /// Direct and partial quotes: what someone is quoted as saying.
    #[default]
    Quoted,
    Direct,
    Partial,
    Indirect,
    All,
}

impl KindFilter {
    pub fn accepts(self, k: QuoteKind) -> bool {
        match self {
            KindFilter::Quoted => matches!(k, QuoteKind::Direct | QuoteKind::Partial),
            KindFilter::All => true,
            KindFilter::Direct => k == QuoteKind::Direct,
            KindFilter::Partial => k == QuoteKind::Partial,
            KindFilter::Indirect => k == QuoteKind::Indirect,
        }
    }
}

type Key = (String, usize);

fn key(q: &QuoteRecord) -> Key {
    (q.document_id.clone(), q.index)
}

/// A quote and the quotes that continue it, in index order.
pub struct Unit<'a> {
    pub parts: Vec<&'a QuoteRecord>,
    /// Units nested in this one (indices into the unit list).
    pub nested: Vec<usize>,
}

impl Unit<'_> {
    pub fn head(&self) -> &QuoteRecord {
        self.parts[0]
    }

    pub fn text(&self) -> String {
        let texts: Vec<&str> = self.parts.iter().map(|q| q.text.as_str()).collect();
        texts.join(" … ")
    }

    pub fn cue(&self) -> Option<&str> {
        self.parts.iter().find_map(|q| q.cue.as_deref())
    }

    fn published_key(&self) -> (bool, String, String, usize) {
        let h = self.head();
        (
            h.published.is_none(),
            h.published.clone().unwrap_or_default(),
            h.document_id.clone(),
            h.index,
        )
    }
}

/// The statements: groups of units, each group's units in appearance order.
pub struct Statements<'a> {
    pub units: Vec<Unit<'a>>,
    /// Top-level groups, in order of first appearance.
    pub groups: Vec<Vec<usize>>,
}

/// Follow `continues` to the first quote of a chain (cycles are cut).
fn chain_root(by_key: &HashMap<Key, &QuoteRecord>, q: &QuoteRecord) -> Key {
    let mut at = key(q);
    let mut seen = BTreeSet::new();
    while seen.insert(at.clone()) {
        let Some(next) = by_key.get(&at).and_then(|r| r.quote.continues) else {
            break;
        };
        at = (at.0.clone(), next);
    }
    at
}

/// The statements of `quotes`: units (a quote and its continuations) that
/// `keep` accepts, nested units under their container, variants grouped.
pub fn build<'a>(quotes: &'a [QuoteRecord], keep: &dyn Fn(&Unit<'_>) -> bool) -> Statements<'a> {
    let by_key: HashMap<Key, &QuoteRecord> = quotes.iter().map(|q| (key(q), q)).collect();
    // Units: chains of continued quotes, keyed by their first quote.
    let mut chains: BTreeMap<Key, Vec<&QuoteRecord>> = BTreeMap::new();
    for q in quotes {
        chains.entry(chain_root(&by_key, q)).or_default().push(q);
    }
    let mut units: Vec<Unit> = Vec::new();
    let mut unit_of: HashMap<Key, usize> = HashMap::new();
    for (root, mut parts) in chains {
        parts.sort_by_key(|q| (q.index != root.1, q.index));
        let u = Unit {
            parts,
            nested: Vec::new(),
        };
        if !keep(&u) {
            continue;
        }
        for q in &u.parts {
            unit_of.insert(key(q), units.len());
        }
        units.push(u);
    }
    // Nesting: a unit whose first quote lies in a kept unit goes under it.
    let mut top = Vec::new();
    for i in 0..units.len() {
        let h = units[i].head();
        let container = h
            .quote
            .nested_in
            .and_then(|n| unit_of.get(&(h.document_id.clone(), n)).copied())
            .filter(|&c| c != i);
        match container {
            Some(c) => units[c].nested.push(i),
            None => top.push(i),
        }
    }
    // Variant groups. A nested quote that repeats a statement ("he told
    // me, ‘...’") also appears with that statement, besides under the
    // quote that contains it.
    let mut sets = UnionFind::new(units.len());
    for (i, unit) in units.iter().enumerate() {
        for q in &unit.parts {
            if let Some(&j) = q.variant_of.as_ref().and_then(|v| unit_of.get(v)) {
                sets.union(i, j);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..units.len() {
        let r = sets.find(i);
        groups.entry(r).or_default().push(i);
    }
    let is_top: HashSet<usize> = top.iter().copied().collect();
    let mut groups: Vec<Vec<usize>> = groups
        .into_values()
        .filter(|g| g.len() > 1 || is_top.contains(&g[0]))
        .collect();
    for g in &mut groups {
        g.sort_by_key(|&i| units[i].published_key());
    }
    groups.sort_by_key(|g| units[g[0]].published_key());
    for u in &mut units {
        u.nested.sort_by_key(|&i| i);
    }
    Statements { units, groups }
}

/// A quote's text with its white space runs made single spaces.
pub fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The names a speaker filter matches: each linked entity's canonical name
/// and aliases, in lower case, by entity id.
#[derive(Debug, Default, Clone)]
pub struct SpeakerNames(HashMap<String, Vec<String>>);

/// The speaker names of every linked entity of the store.
pub fn speaker_names(store: &dyn Store) -> Result<SpeakerNames, StoreError> {
    let mut names = HashMap::new();
    for e in store.entities()? {
        let mut all = vec![e.name.to_lowercase()];
        all.extend(e.aliases.iter().map(|a| a.to_lowercase()));
        names.insert(e.id, all);
    }
    Ok(SpeakerNames(names))
}

/// Which statements a listing shows.
#[derive(Debug, Clone, Default)]
pub struct QuoteQuery {
    /// The speaker's canonical name or an alias contains this (any case).
    pub speaker: Option<String>,
    /// The outlet's name contains this (any case).
    pub outlet: Option<String>,
    pub kinds: KindFilter,
}

impl QuoteQuery {
    /// Whether the unit (its first quote) passes the filters.
    pub fn accepts(&self, u: &Unit<'_>, names: &SpeakerNames) -> bool {
        let h = u.head();
        if !self.kinds.accepts(h.quote.kind) {
            return false;
        }
        if let Some(want) = self.outlet.as_deref().map(str::to_lowercase) {
            if !h
                .outlet
                .as_deref()
                .is_some_and(|o| o.to_lowercase().contains(&want))
            {
                return false;
            }
        }
        if let Some(want) = self.speaker.as_deref().map(str::to_lowercase) {
            let Some(s) = &h.speaker else { return false };
            let mut candidates = vec![s.name.to_lowercase()];
            if let Some(id) = &s.entity_id {
                candidates.extend(names.0.get(id).cloned().unwrap_or_default());
            }
            if !candidates.iter().any(|c| c.contains(&want)) {
                return false;
            }
        }
        true
    }
}

/// One appearance as JSON (the CLI's `quotes --format json`, the API).
pub fn unit_json(st: &Statements, u: &Unit) -> Value {
    let q = u.head();
    json!({
        "quote_id": quote_id(&q.document_id, q.index),
        "quote_ids": u.parts.iter().map(|p| quote_id(&p.document_id, p.index)).collect::<Vec<_>>(),
        "document_id": q.document_id,
        "outlet": q.outlet,
        "published": q.published,
        "start": q.quote.content.start,
        "end": q.quote.content.end,
        "kind": q.quote.kind.as_str(),
        "speaker": q.speaker.as_ref().map(|s| s.name.clone()),
        "speaker_entity_id": q.speaker.as_ref().and_then(|s| s.entity_id.clone()),
        "speaker_roles": q.speaker.as_ref().map(|s| s.roles.clone()).unwrap_or_default(),
        "speaker_note": q.quote.speaker_note,
        "source": q.source,
        "cue": u.cue(),
        "text": u.text(),
        "variant_of": q.variant_of.as_ref().map(|(d, i)| quote_id(d, *i)),
        "nested": u.nested.iter().map(|&n| unit_json(st, &st.units[n])).collect::<Vec<_>>(),
    })
}

/// One statement as JSON: its speaker, words and every appearance.
pub fn statement_json(st: &Statements, group: &[usize]) -> Value {
    let first = &st.units[group[0]];
    let h = first.head();
    json!({
        "speaker": h.speaker.as_ref().map(|s| s.name.clone()),
        "speaker_entity_id": h.speaker.as_ref().and_then(|s| s.entity_id.clone()),
        "role": h.speaker.as_ref().and_then(|s| s.roles.first().cloned()),
        "speaker_note": h.quote.speaker_note,
        "kind": h.quote.kind.as_str(),
        "text": first.text(),
        "cue": first.cue(),
        "appearances": group.iter().map(|&i| unit_json(st, &st.units[i])).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::{DocQuote, Span};
    use crosscheck_store::QuoteSpeaker;

    fn q(doc: &str, index: usize, date: &str, text: &str) -> QuoteRecord {
        QuoteRecord {
            document_id: doc.into(),
            index,
            outlet: Some(format!("Outlet {doc}")),
            published: Some(date.into()),
            quote: DocQuote {
                kind: QuoteKind::Direct,
                content: Span::new(0, text.len()),
                source: None,
                cue: None,
                speaker: Some(0),
                speaker_note: None,
                nested_in: None,
                continues: None,
            },
            text: text.into(),
            cue: Some("said".into()),
            source: None,
            speaker: Some(QuoteSpeaker {
                index: 0,
                entity_id: Some("ann".into()),
                name: "Ann Lee".into(),
                roles: vec!["Mayor".into()],
            }),
            variant_of: None,
        }
    }

    #[test]
    fn variants_continuations_and_nested_quotes_form_one_statement() {
        let mut quotes = vec![
            q("bbb", 0, "2026-01-02", "We stay."),
            q("bbb", 1, "2026-01-02", "Bob said go."),
            q("bbb", 2, "2026-01-02", "go"),
            q("aaa", 0, "2026-01-03", "We remain."),
            q("ccc", 0, "2026-01-01", "Other words."),
        ];
        quotes[1].quote.continues = Some(0);
        quotes[2].quote.nested_in = Some(1);
        quotes[2].speaker = None;
        quotes[2].quote.speaker_note = Some("unnamed source".into());
        // The later copy is a variant of the earlier one, whichever way the
        // linker points.
        quotes[3].variant_of = Some(("bbb".into(), 0));
        let st = build(&quotes, &|_| true);
        assert_eq!(st.groups.len(), 2);
        // Groups in date order: ccc (Jan 1), then the bbb/aaa statement.
        assert_eq!(st.units[st.groups[0][0]].head().document_id, "ccc");
        let g = &st.groups[1];
        let docs: Vec<&str> = g
            .iter()
            .map(|&i| st.units[i].head().document_id.as_str())
            .collect();
        assert_eq!(docs, ["bbb", "aaa"]);
        let first = &st.units[g[0]];
        assert_eq!(first.text(), "We stay. … Bob said go.");
        assert_eq!(first.nested.len(), 1);
        assert_eq!(st.units[first.nested[0]].head().text, "go");

        // A nested quote whose container is filtered out stands alone.
        let st = build(&quotes, &|u| u.head().speaker.is_none());
        assert_eq!(st.groups.len(), 1);
        assert_eq!(st.units[st.groups[0][0]].head().text, "go");
    }
}
