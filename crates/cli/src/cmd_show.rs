//! `crosscheck show`.

use anyhow::{bail, Result};
use crosscheck_model::{DocAnalysis, ExportDocument};
use crosscheck_store::{SqliteStore, Store};

use crate::exit::Exit;
use crate::{Cli, Format};

/// Open the database for reading; a missing file is an error, not a new database.
pub fn open_existing(cli: &Cli) -> Result<SqliteStore> {
    if !cli.db.exists() {
        bail!(
            "no database at {} (run `crosscheck ingest` first, or give --db)",
            cli.db.display()
        );
    }
    Ok(SqliteStore::open(&cli.db)?)
}

pub fn run(cli: &Cli, id: &str, explain: bool, format: Format) -> Result<Exit> {
    let store = open_existing(cli)?;
    let Some(doc) = store.get_document(id)? else {
        eprintln!("error: no document {id}");
        return Ok(Exit::NotFound);
    };
    if format == Format::Json {
        let mut v = serde_json::to_value(ExportDocument::from(&doc))?;
        if explain {
            v["removed_lines"] = serde_json::to_value(&doc.removed_lines)?;
        }
        if let Some(stored) = store.get_analysis(&doc.id)? {
            v["analysis"] = serde_json::to_value(&stored.analysis)?;
        }
        let place = store.document_story(&doc.id)?;
        v["story"] = match &place.story {
            Some((id, title)) => serde_json::json!({"id": id, "title": title}),
            None => serde_json::Value::Null,
        };
        v["copy_of"] = match &place.copy_of {
            Some(c) => serde_json::json!({"original": c.original_id, "similarity": c.similarity}),
            None => serde_json::Value::Null,
        };
        v["copies"] = place
            .copies
            .iter()
            .map(|c| serde_json::json!({"document_id": c.document_id, "similarity": c.similarity}))
            .collect();
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(Exit::Ok);
    }
    let or_dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".to_string());
    println!("id:        {}", doc.id);
    println!("source:    {}", doc.source);
    println!("title:     {}", or_dash(&doc.title));
    println!("outlet:    {}", or_dash(&doc.outlet));
    println!("author:    {}", or_dash(&doc.author));
    let date_note = match (&doc.date_evidence.source, &doc.date_evidence.reason) {
        (Some(src), _) => format!(" (from {src})"),
        (None, Some(reason)) => format!(" ({reason})"),
        _ => String::new(),
    };
    println!("published: {}{}", or_dash(&doc.published), date_note);
    println!("language:  {}", or_dash(&doc.language));
    if !doc.upstream_sources.is_empty() {
        let mut names: Vec<&str> = Vec::new();
        for u in &doc.upstream_sources {
            if !names.contains(&u.name.as_str()) {
                names.push(&u.name);
            }
        }
        println!("upstream:  {}", names.join("; "));
    }
    let place = store.document_story(&doc.id)?;
    if let Some((id, title)) = &place.story {
        println!("story:     {id} ({title})");
    }
    if let Some(c) = &place.copy_of {
        println!(
            "copy of:   {} (similarity {:.2})",
            c.original_id, c.similarity
        );
    }
    if !place.copies.is_empty() {
        let copies: Vec<String> = place
            .copies
            .iter()
            .map(|c| format!("{} (similarity {:.2})", c.document_id, c.similarity))
            .collect();
        println!("copies:    {}", copies.join(", "));
    }
    println!(
        "removed:   {} boilerplate lines, {} duplicate paragraphs",
        doc.removed.boilerplate_lines, doc.removed.duplicate_paragraphs
    );
    for w in &doc.warnings {
        println!("warning:   {w}");
    }
    println!();
    println!("{}", doc.text);
    if let Some(stored) = store.get_analysis(&doc.id)? {
        print_analysis(&doc.text, &stored.analysis);
        crate::cmd_claims::print_document_claims(&doc.text, &stored.analysis);
    }
    if explain {
        println!();
        println!("Removed lines ({}):", doc.removed_lines.len());
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
            println!("  [{}{}] {}{}", r.reason.as_str(), detail, text, more);
        }
    }
    Ok(Exit::Ok)
}

/// The document's entities and who said what in it, each with its byte
/// span in the text above.
fn print_analysis(text: &str, a: &DocAnalysis) {
    if !a.entities.is_empty() {
        println!();
        println!("Entities ({}):", a.entities.len());
        for e in &a.entities {
            let roles = if e.roles.is_empty() {
                String::new()
            } else {
                format!(" — {}", e.roles.join("; "))
            };
            println!(
                "  {} {} ({} mentions){roles}",
                e.kind.as_str(),
                e.name,
                e.mentions.len()
            );
        }
    }
    if a.quotes.is_empty() {
        return;
    }
    println!();
    println!("Quotes and attributions ({}):", a.quotes.len());
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
        println!(
            "  #{i} {} {who}{cue}: \"{}\" ({}..{}{links})",
            q.kind.as_str(),
            q.content.of(text),
            q.content.start,
            q.content.end
        );
    }
}
