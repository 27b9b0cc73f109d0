//! `crosscheck signals`: outlet signals per document and per outlet, each
//! figure with its evidence, never a verdict (`crosscheck_signals` computes
//! them, `crosscheck_engine::signals` reads what they need from the store;
//! this module selects and prints them).
//!
//! The numbers of a document are compared with those of the other outlets
//! of its story, so signals are always computed a whole story at a time,
//! whatever is selected; the outlet figures are then summed over the
//! selected documents.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::Result;
use clap::Args;
use crosscheck_engine::signals::{all_signals, document_story_signals, story_document_signals};
use crosscheck_model::export::{
    ExportDocumentSignals, ExportOutletSignals, ExportSignal, ExportSignals,
};
use crosscheck_signals::outlet_signals;
use crosscheck_store::{DocumentSummary, Store, StoryRecord};

use crate::exit::Exit;
use crate::table::cut;
use crate::{Cli, Format};

#[derive(Args, Debug)]
pub struct SignalsArgs {
    /// Only this document (id, id prefix of 4+ hex digits, or sha256).
    #[arg(long, value_name = "ID")]
    pub doc: Option<String>,
    /// Only the documents of outlets whose name contains this (case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// Only the documents of this story (id or id prefix, with or without `s-`); the
    /// outlet figures are then the story's.
    #[arg(long, value_name = "ID")]
    pub story: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Characters of a piece of evidence shown in the text listing.
const EVIDENCE_CHARS: usize = 110;
/// Characters of a title shown.
const TITLE_CHARS: usize = 80;

/// What a request selects: the documents' signals and the story the
/// outlet figures are about, if one was named.
struct Selection {
    documents: Vec<ExportDocumentSignals>,
    story_id: Option<String>,
}

enum Selected {
    Some(Selection),
    NotFound(String),
}

fn select(store: &dyn Store, args: &SignalsArgs) -> Result<Selected> {
    let mut story: Option<StoryRecord> = None;
    if let Some(wanted) = &args.story {
        let stories = store.stories()?;
        match crosscheck_engine::stories::select(&stories, wanted)? {
            Some(s) => story = Some(s.clone()),
            None => {
                return Ok(Selected::NotFound(format!(
                    "no story {wanted} (`crosscheck stories` lists them)"
                )))
            }
        }
    }
    let doc_id = match &args.doc {
        None => None,
        Some(id) => match store.get_document(id)? {
            Some(d) => Some(d.id),
            None => return Ok(Selected::NotFound(format!("no document {id}"))),
        },
    };
    let mut documents = match (&story, &doc_id) {
        (Some(s), _) => story_document_signals(store, s)?,
        // One document: only its story is read.
        (None, Some(id)) => document_story_signals(store, id)?,
        (None, None) => all_signals(store)?.documents,
    };
    if let Some(id) = &doc_id {
        documents.retain(|d| &d.document_id == id);
    }
    if let Some(name) = &args.outlet {
        let needle = name.trim().to_lowercase();
        documents.retain(|d| {
            d.outlet
                .as_deref()
                .is_some_and(|o| o.to_lowercase().contains(&needle))
        });
    }
    Ok(Selected::Some(Selection {
        documents,
        story_id: story.map(|s| s.id),
    }))
}

pub fn run(cli: &Cli, args: &SignalsArgs) -> Result<Exit> {
    let mut w = crate::output::Out::stdout();
    let store = crate::cmd_show::open_existing(cli)?;
    let mut selected: Option<Selected> = None;
    let mut summaries: Vec<DocumentSummary> = Vec::new();
    let mut failure: Option<anyhow::Error> = None;
    store.snapshot(&mut || {
        match select(&store, args) {
            Ok(s) => selected = Some(s),
            Err(e) => failure = Some(e),
        }
        summaries = store.list_documents()?;
        Ok(())
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    let selection = match selected {
        Some(Selected::Some(s)) => s,
        Some(Selected::NotFound(why)) => {
            crate::output::warn(&format!("error: {why}"));
            return Ok(Exit::NotFound);
        }
        None => return Ok(Exit::Error),
    };
    let outlets = outlet_signals(&selection.documents, selection.story_id.as_deref());
    let signals = ExportSignals {
        documents: selection.documents,
        outlets,
    };
    if args.format == Format::Json {
        write!(w, "{}", crate::output::json_pretty(&signals)?)?;
        w.finish()?;
        return Ok(Exit::Ok);
    }
    let info: HashMap<&str, &DocumentSummary> =
        summaries.iter().map(|d| (d.id.as_str(), d)).collect();
    write!(w, "{}", render(&signals, &info))?;
    if signals.documents.is_empty() && !cli.quiet {
        writeln!(w, "no documents selected (`crosscheck docs` lists them)")?;
    }
    w.finish()?;
    Ok(Exit::Ok)
}

/// `364bd020 2025-11-19`: a short id and the date, if known.
fn cite_one(id: &str, info: &HashMap<&str, &DocumentSummary>) -> String {
    let short: String = id.chars().take(8).collect();
    match info.get(id).and_then(|d| d.published.as_deref()) {
        Some(p) => format!("{short} {}", p.chars().take(10).collect::<String>()),
        None => short,
    }
}

fn cite(ids: &[String], info: &HashMap<&str, &DocumentSummary>) -> String {
    let parts: Vec<String> = ids.iter().map(|id| cite_one(id, info)).collect();
    format!("[{}]", parts.join("; "))
}

fn render(s: &ExportSignals, info: &HashMap<&str, &DocumentSummary>) -> String {
    let mut out = String::new();
    if s.documents.is_empty() {
        return out;
    }
    out.push_str("OUTLETS (signals with their evidence, not verdicts)\n");
    for o in &s.outlets {
        outlet_text(o, info, &mut out);
    }
    out.push_str("\nDOCUMENTS\n");
    for d in &s.documents {
        document_text(d, info, &mut out);
    }
    out
}

fn outlet_text(o: &ExportOutletSignals, info: &HashMap<&str, &DocumentSummary>, out: &mut String) {
    let n = o.document_ids.len();
    let counted = o.counted_document_ids.len();
    let copies = if counted < n {
        format!(" ({} counted: copies of one text count once)", counted)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "\n{} · {} {}{copies} {}",
        o.outlet.as_deref().unwrap_or("outlet unknown"),
        n,
        if n == 1 { "document" } else { "documents" },
        cite(&o.document_ids, info)
    );
    if let Some(story) = &o.story_id {
        let _ = writeln!(out, "  in story {story}");
    }
    for sig in &o.signals {
        let cites = if sig.document_ids.is_empty() {
            String::new()
        } else {
            format!(" {}", cite(&sig.document_ids, info))
        };
        let _ = writeln!(out, "  • {}: {}{cites}", sig.kind.label(), sig.summary);
    }
}

fn document_text(
    d: &ExportDocumentSignals,
    info: &HashMap<&str, &DocumentSummary>,
    out: &mut String,
) {
    let summary = info.get(d.document_id.as_str());
    let mut head = vec![
        d.document_id.clone(),
        d.outlet.clone().unwrap_or_else(|| "outlet unknown".into()),
    ];
    if let Some(p) = summary.and_then(|s| s.published.as_deref()) {
        head.push(p.chars().take(10).collect());
    }
    if let Some(t) = summary.and_then(|s| s.title.as_deref()) {
        head.push(cut(t, TITLE_CHARS));
    }
    let _ = writeln!(out, "\n{}", head.join(" · "));
    let mut place = Vec::new();
    if let Some(s) = &d.story_id {
        place.push(format!("story {s}"));
    }
    if let Some(c) = &d.copy_of {
        place.push(format!("copy of {c}"));
    }
    if !place.is_empty() {
        let _ = writeln!(out, "  {}", place.join(" · "));
    }
    for sig in &d.signals {
        signal_text(sig, out);
    }
}

fn signal_text(sig: &ExportSignal, out: &mut String) {
    let _ = writeln!(out, "  • {}: {}", sig.kind.label(), sig.summary);
    for e in &sig.evidence {
        let words = format!("“{}”", cut(&e.text, EVIDENCE_CHARS));
        let at = match (e.start, e.end) {
            (Some(a), Some(b)) => format!("{a}..{b}"),
            _ => "removed".to_string(),
        };
        let detail = e
            .detail
            .as_deref()
            .map(|d| format!(" — {d}"))
            .unwrap_or_default();
        let _ = writeln!(out, "      {at}  {words}{detail}");
        if let Some(c) = &e.context {
            let _ = writeln!(
                out,
                "        in {}..{} “{}”",
                c.start,
                c.end,
                cut(&c.text, EVIDENCE_CHARS)
            );
        }
    }
}
