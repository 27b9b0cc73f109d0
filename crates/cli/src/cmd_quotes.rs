//! `crosscheck quotes`: who said what, where and when, variants grouped.
//!
//! A *statement* is a quote together with the quotes that continue it (the
//! same statement interrupted by its attribution) and every variant of it
//! (the same statement in other words or another translation, as linked by
//! `crosscheck_nlp::link::quote_variants`). Each statement is printed once,
//! under its first (earliest) appearance, followed by every place it
//! appears; quotes nested in a quote (a speaker quoting someone) are shown
//! under the quote that contains them.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write as _;

use anyhow::Result;
use clap::{Args, ValueEnum};
use crosscheck_model::{quote_id, QuoteKind, UnionFind};
use crosscheck_store::{QuoteRecord, Store};
use serde_json::{json, Value};

use crate::exit::Exit;
use crate::{Cli, Format};

#[derive(Args, Debug)]
pub struct QuotesArgs {
    /// Only statements of this speaker: canonical name or alias,
    /// case-insensitive substring.
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only quotes in outlets whose name contains this (case-insensitive).
    #[arg(long)]
    pub outlet: Option<String>,
    /// Which quotes [default: direct and partial].
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindArg {
    Direct,
    Partial,
    Indirect,
    All,
}

impl KindArg {
    pub fn accepts(kind: Option<KindArg>, k: QuoteKind) -> bool {
        match kind {
            None => matches!(k, QuoteKind::Direct | QuoteKind::Partial),
            Some(KindArg::All) => true,
            Some(KindArg::Direct) => k == QuoteKind::Direct,
            Some(KindArg::Partial) => k == QuoteKind::Partial,
            Some(KindArg::Indirect) => k == QuoteKind::Indirect,
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

fn lower(s: &str) -> String {
    s.to_lowercase()
}

pub fn run(cli: &Cli, args: &QuotesArgs) -> Result<Exit> {
    let mut w = crate::output::Out::stdout();
    let store = crate::cmd_show::open_existing(cli)?;
    let mut quotes = Vec::new();
    let mut names: HashMap<String, Vec<String>> = HashMap::new();
    store.snapshot(&mut || {
        quotes = store.quotes()?;
        for e in store.entities()? {
            let mut all = vec![lower(&e.name)];
            all.extend(e.aliases.iter().map(|a| lower(a)));
            names.insert(e.id, all);
        }
        Ok(())
    })?;
    let speaker = args.speaker.as_deref().map(lower);
    let outlet = args.outlet.as_deref().map(lower);
    let keep = |u: &Unit<'_>| -> bool {
        let h = u.head();
        if !KindArg::accepts(args.kind, h.quote.kind) {
            return false;
        }
        if let Some(want) = &outlet {
            if !h.outlet.as_deref().is_some_and(|o| lower(o).contains(want)) {
                return false;
            }
        }
        if let Some(want) = &speaker {
            let Some(s) = &h.speaker else { return false };
            let mut candidates = vec![lower(&s.name)];
            if let Some(id) = &s.entity_id {
                candidates.extend(names.get(id).cloned().unwrap_or_default());
            }
            if !candidates.iter().any(|c| c.contains(want)) {
                return false;
            }
        }
        true
    };
    let st = build(&quotes, &keep);
    if args.format == Format::Json {
        let rows: Vec<Value> = st.groups.iter().map(|g| statement_json(&st, g)).collect();
        write!(w, "{}", crate::output::json_pretty(&rows)?)?;
        w.finish()?;
        return Ok(Exit::Ok);
    }
    let mut out = String::new();
    for g in &st.groups {
        statement_text(&st, g, &mut out);
        out.push('\n');
    }
    write!(w, "{out}")?;
    if !cli.quiet {
        let appearances: usize = st.groups.iter().map(Vec::len).sum();
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        writeln!(
            w,
            "{}, {}",
            plural(st.groups.len(), "statement", "statements"),
            plural(appearances, "appearance", "appearances")
        )?;
    }
    w.finish()?;
    Ok(Exit::Ok)
}

/// "Name (Role)", or "unattributed (reason)".
fn speaker_label(q: &QuoteRecord) -> String {
    match &q.speaker {
        Some(s) => match s.roles.first() {
            Some(role) => format!("{} ({role})", s.name),
            None => s.name.clone(),
        },
        None => format!(
            "unattributed ({})",
            q.quote
                .speaker_note
                .as_deref()
                .unwrap_or("no speaker found")
        ),
    }
}

pub fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn place(q: &QuoteRecord) -> String {
    format!(
        "{}, {}, {} {}..{}",
        q.outlet.as_deref().unwrap_or("unknown outlet"),
        q.published.as_deref().unwrap_or("no date"),
        q.document_id,
        q.quote.content.start,
        q.quote.content.end
    )
}

fn statement_text(st: &Statements, group: &[usize], out: &mut String) {
    use std::fmt::Write;
    let first = &st.units[group[0]];
    let h = first.head();
    let text = first.text();
    let _ = writeln!(out, "{}, {}:", speaker_label(h), h.quote.kind.as_str());
    let _ = writeln!(out, "  \"{}\"", normalise(&text));
    if let Some(cue) = first.cue() {
        let _ = writeln!(out, "  cue: {cue}");
    }
    for &i in group {
        let u = &st.units[i];
        let q = u.head();
        // A partial quote nested in an indirect attribution is the
        // reporter's sentence, not another speaker's quote.
        let within = if q.quote.nested_in.is_some() && q.quote.kind == QuoteKind::Direct {
            " (quoted within another quote)"
        } else {
            ""
        };
        let _ = writeln!(out, "  - {}{within}", place(q));
        let t = u.text();
        if normalise(&t) != normalise(&text) {
            let who = if q.speaker.as_ref().map(|s| &s.name) != h.speaker.as_ref().map(|s| &s.name)
            {
                format!(" ({})", speaker_label(q))
            } else {
                String::new()
            };
            let _ = writeln!(out, "    variant{who}: \"{}\"", normalise(&t));
        }
        nested_text(st, u, 2, out);
    }
}

fn nested_text(st: &Statements, u: &Unit, depth: usize, out: &mut String) {
    use std::fmt::Write;
    for &n in &u.nested {
        let inner = &st.units[n];
        let pad = "  ".repeat(depth);
        let _ = writeln!(
            out,
            "{pad}  quoting {}: \"{}\" ({}..{})",
            speaker_label(inner.head()),
            normalise(&inner.text()),
            inner.head().quote.content.start,
            inner.head().quote.content.end
        );
        nested_text(st, inner, depth + 1, out);
    }
}

fn unit_json(st: &Statements, u: &Unit) -> Value {
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

fn statement_json(st: &Statements, group: &[usize]) -> Value {
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

        let mut out = String::new();
        statement_text(&st, g, &mut out);
        assert_eq!(
            out,
            "Ann Lee (Mayor), direct:\n  \"We stay. … Bob said go.\"\n  cue: said\n  \
             - Outlet bbb, 2026-01-02, bbb 0..8\n      quoting unattributed (unnamed source): \"go\" (0..2)\n  \
             - Outlet aaa, 2026-01-03, aaa 0..10\n    variant: \"We remain.\"\n"
        );
        // A nested quote whose container is filtered out stands alone.
        let st = build(&quotes, &|u| u.head().speaker.is_none());
        assert_eq!(st.groups.len(), 1);
        assert_eq!(st.units[st.groups[0][0]].head().text, "go");
    }
}
