//! `crosscheck quotes`: who said what, where and when, variants grouped.
//!
//! A *statement* is a quote together with the quotes that continue it (the
//! same statement interrupted by its attribution) and every variant of it
//! (the same statement in other words or another translation, as linked by
//! `crosscheck_nlp::link::quote_variants`). Each statement is printed once,
//! under its first (earliest) appearance, followed by every place it
//! appears; quotes nested in a quote (a speaker quoting someone) are shown
//! under the quote that contains them.

use std::io::Write as _;

use anyhow::Result;
use clap::{Args, ValueEnum};
use crosscheck_engine::quotes::{
    build, normalise, speaker_names, statement_json, KindFilter, QuoteQuery, SpeakerNames,
    Statements, Unit,
};
use crosscheck_model::QuoteKind;
use crosscheck_store::{QuoteRecord, Store};
use serde_json::Value;

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
    /// The engine's filter for `--kind` (default: direct and partial).
    pub fn filter(kind: Option<KindArg>) -> KindFilter {
        match kind {
            None => KindFilter::Quoted,
            Some(KindArg::All) => KindFilter::All,
            Some(KindArg::Direct) => KindFilter::Direct,
            Some(KindArg::Partial) => KindFilter::Partial,
            Some(KindArg::Indirect) => KindFilter::Indirect,
        }
    }
}

pub fn run(cli: &Cli, args: &QuotesArgs) -> Result<Exit> {
    let mut w = crate::output::Out::stdout();
    let store = crate::cmd_show::open_existing(cli)?;
    let mut quotes = Vec::new();
    let mut names = SpeakerNames::default();
    store.snapshot(&mut || {
        quotes = store.quotes()?;
        if args.speaker.is_some() {
            names = speaker_names(&store)?;
        }
        Ok(())
    })?;
    let query = QuoteQuery {
        speaker: args.speaker.clone(),
        outlet: args.outlet.clone(),
        kinds: KindArg::filter(args.kind),
    };
    let keep = |u: &Unit<'_>| query.accepts(u, &names);
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
