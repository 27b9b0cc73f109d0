//! `crosscheck show`.

use std::io::Write;

use anyhow::Result;
use crosscheck_model::DocAnalysis;
use crosscheck_store::SqliteStore;

use crate::exit::Exit;
use crate::output::{json_pretty, one_line, Out};
use crate::{Cli, Format};

/// Open the database for reading (see `crosscheck_engine::open`), with a
/// note on standard error when an unfinished ingest left documents staged.
pub fn open_existing(cli: &Cli) -> Result<SqliteStore> {
    let opened = crosscheck_engine::open::open_existing(&cli.db)?;
    if opened.staged > 0 && !cli.quiet {
        crate::output::warn(&format!(
            "note: {} documents stored by an ingest that did not finish are not shown yet \
             (run it again, or `crosscheck rebuild`, to complete it)",
            opened.staged
        ));
    }
    Ok(opened.store)
}

/// Open an existing database for writing; a missing file is an error.
pub fn open_writable(cli: &Cli) -> Result<SqliteStore> {
    crosscheck_engine::open::open_writable(&cli.db)
}

pub fn run(cli: &Cli, id: &str, explain: bool, format: Format) -> Result<Exit> {
    let store = open_existing(cli)?;
    let Some(view) = crosscheck_engine::documents::document(&store, id)? else {
        crate::output::warn(&format!("error: no document {id}"));
        return Ok(Exit::NotFound);
    };
    let doc = &view.document;
    let place = &view.place;
    let mut out = Out::stdout();
    if format == Format::Json {
        write!(out, "{}", json_pretty(&view.to_json(explain)?)?)?;
        out.finish()?;
        return Ok(Exit::Ok);
    }
    let or_dash = |s: &Option<String>| one_line(s.as_deref().unwrap_or("-"));
    writeln!(out, "id:        {}", doc.id)?;
    writeln!(out, "source:    {}", one_line(&doc.source))?;
    writeln!(out, "title:     {}", or_dash(&doc.title))?;
    writeln!(out, "outlet:    {}", or_dash(&doc.outlet))?;
    writeln!(out, "author:    {}", or_dash(&doc.author))?;
    let date_note = match (&doc.date_evidence.source, &doc.date_evidence.reason) {
        (Some(src), _) => format!(" (from {src})"),
        (None, Some(reason)) => format!(" ({reason})"),
        _ => String::new(),
    };
    writeln!(out, "published: {}{}", or_dash(&doc.published), date_note)?;
    if let Some(crawled) = &doc.crawled {
        writeln!(out, "crawled:   {}", one_line(crawled))?;
    }
    writeln!(out, "language:  {}", or_dash(&doc.language))?;
    if !doc.upstream_sources.is_empty() {
        let mut names: Vec<&str> = Vec::new();
        for u in &doc.upstream_sources {
            if !names.contains(&u.name.as_str()) {
                names.push(&u.name);
            }
        }
        writeln!(out, "upstream:  {}", names.join("; "))?;
    }
    if let Some((id, title)) = &place.story {
        writeln!(out, "story:     {id} ({title})")?;
    }
    if let Some(c) = &place.copy_of {
        writeln!(
            out,
            "copy of:   {} (similarity {:.2})",
            c.original_id, c.similarity
        )?;
    }
    if !place.copies.is_empty() {
        let copies: Vec<String> = place
            .copies
            .iter()
            .map(|c| format!("{} (similarity {:.2})", c.document_id, c.similarity))
            .collect();
        writeln!(out, "copies:    {}", copies.join(", "))?;
    }
    writeln!(
        out,
        "removed:   {} boilerplate lines, {} duplicate paragraphs",
        doc.removed.boilerplate_lines, doc.removed.duplicate_paragraphs
    )?;
    for w in &doc.warnings {
        writeln!(out, "warning:   {}", one_line(w))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", doc.text)?;
    if let Some(stored) = &view.analysis {
        print_analysis(&mut out, &doc.text, &stored.analysis)?;
        crate::cmd_claims::print_document_claims(&mut out, &doc.text, &stored.analysis)?;
    }
    if explain {
        writeln!(out)?;
        writeln!(out, "Removed lines ({}):", doc.removed_lines.len())?;
        for r in &doc.removed_lines {
            let detail = if r.detail.is_empty() {
                String::new()
            } else {
                format!(" ({})", r.detail)
            };
            let text: String = r.text.chars().take(100).collect();
            let more = if r.text.chars().count() > 100 {
                "…"
            } else {
                ""
            };
            writeln!(
                out,
                "  [{}{}] {}{}",
                r.reason.as_str(),
                one_line(&detail),
                one_line(&text),
                more
            )?;
        }
    }
    out.finish()?;
    Ok(Exit::Ok)
}

/// The document's entities and who said what in it, each with its byte
/// span in the text above.
fn print_analysis(out: &mut Out, text: &str, a: &DocAnalysis) -> std::io::Result<()> {
    if !a.entities.is_empty() {
        writeln!(out)?;
        writeln!(out, "Entities ({}):", a.entities.len())?;
        for e in &a.entities {
            let roles = if e.roles.is_empty() {
                String::new()
            } else {
                format!(" — {}", e.roles.join("; "))
            };
            writeln!(
                out,
                "  {} {} ({} mentions){roles}",
                e.kind.as_str(),
                e.name,
                e.mentions.len()
            )?;
        }
    }
    if a.quotes.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Quotes and attributions ({}):", a.quotes.len())?;
    for (i, q) in a.quotes.iter().enumerate() {
        let who = match q.speaker {
            Some(e) => a.entities[e].name.clone(),
            None => format!(
                "unattributed ({})",
                q.speaker_note.as_deref().unwrap_or("no speaker")
            ),
        };
        let cue = q
            .cue
            .map(|c| format!(" [{}]", c.of(text)))
            .unwrap_or_default();
        let mut links = String::new();
        if let Some(n) = q.nested_in {
            links.push_str(&format!(", inside #{n}"));
        }
        if let Some(c) = q.continues {
            links.push_str(&format!(", continues #{c}"));
        }
        writeln!(
            out,
            "  #{i} {} {who}{cue}: \"{}\" ({}..{}{links})",
            q.kind.as_str(),
            q.content.of(text),
            q.content.start,
            q.content.end
        )?;
    }
    Ok(())
}
