//! `crosscheck entities`: the store-wide entities, with their names, roles
//! (and the documents that give them), mentions and documents.

use std::collections::BTreeSet;
use std::io::Write as _;

use anyhow::Result;
use clap::{Args, ValueEnum};
use crosscheck_model::EntityKind;
use crosscheck_store::{EntityRecord, Store};
use serde_json::json;

use crate::exit::Exit;
use crate::{table, Cli, Format};

#[derive(Args, Debug)]
pub struct EntitiesArgs {
    /// Only entities of this kind.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindArg {
    Person,
    #[value(alias = "organisation", alias = "org")]
    Organization,
    Place,
    Other,
}

impl KindArg {
    fn kind(self) -> EntityKind {
        match self {
            KindArg::Person => EntityKind::Person,
            KindArg::Organization => EntityKind::Organization,
            KindArg::Place => EntityKind::Place,
            KindArg::Other => EntityKind::Other,
        }
    }
}

fn mention_count(e: &EntityRecord) -> usize {
    e.members.iter().map(|m| m.entity.mentions.len()).sum()
}

fn documents(e: &EntityRecord) -> Vec<&str> {
    let set: BTreeSet<&str> = e.members.iter().map(|m| m.document_id.as_str()).collect();
    set.into_iter().collect()
}

/// (document id, publication date) of a document that gives a role.
type GivenBy = (String, Option<String>);

/// Each distinct role with the documents (and their dates) that give it,
/// in order of first appearance.
fn roles(e: &EntityRecord) -> Vec<(String, Vec<GivenBy>)> {
    let mut out: Vec<(String, Vec<GivenBy>)> = Vec::new();
    for m in &e.members {
        for title in &m.entity.roles {
            let at = (m.document_id.clone(), m.published.clone());
            match out.iter_mut().find(|(t, _)| t == title) {
                Some((_, docs)) => {
                    if !docs.contains(&at) {
                        docs.push(at);
                    }
                }
                None => out.push((title.clone(), vec![at])),
            }
        }
    }
    out
}

pub fn run(cli: &Cli, args: &EntitiesArgs) -> Result<Exit> {
    let mut w = crate::output::Out::stdout();
    let store = crate::cmd_show::open_existing(cli)?;
    let mut entities = store.entities()?;
    if let Some(k) = args.kind {
        entities.retain(|e| e.kind == k.kind());
    }
    // By kind, then the most widely reported first; ties by name and id.
    entities.sort_by(|a, b| {
        (a.kind, std::cmp::Reverse(documents(a).len()))
            .cmp(&(b.kind, std::cmp::Reverse(documents(b).len())))
            .then(mention_count(b).cmp(&mention_count(a)))
            .then(a.name.cmp(&b.name))
            .then(a.id.cmp(&b.id))
    });
    if args.format == Format::Json {
        let rows: Vec<_> = entities
            .iter()
            .map(|e| {
                json!({
                    "id": e.id,
                    "kind": e.kind.as_str(),
                    "name": e.name,
                    "aliases": e.aliases,
                    "roles": roles(e).iter().map(|(title, docs)| json!({
                        "title": title,
                        "documents": docs.iter().map(|(id, date)| json!({"document_id": id, "published": date})).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                    "mentions": mention_count(e),
                    "documents": documents(e),
                })
            })
            .collect();
        write!(w, "{}", crate::output::json_pretty(&rows)?)?;
        w.finish()?;
        return Ok(Exit::Ok);
    }
    let rows: Vec<Vec<String>> = entities
        .iter()
        .map(|e| {
            vec![
                e.kind.as_str().to_string(),
                e.name.clone(),
                mention_count(e).to_string(),
                documents(e).len().to_string(),
                e.aliases.join("; "),
            ]
        })
        .collect();
    write!(
        w,
        "{}",
        table::render(
            &["kind", "name", "mentions", "docs", "aliases"],
            &rows,
            &[12, 40, 8, 4, 60]
        )
    )?;
    // Roles and documents, per entity that has any role.
    let with_roles: Vec<&EntityRecord> = entities.iter().filter(|e| !roles(e).is_empty()).collect();
    if !with_roles.is_empty() {
        writeln!(w)?;
        writeln!(w, "Roles:")?;
        for e in with_roles {
            writeln!(w, "  {}", e.name)?;
            for (title, docs) in roles(e) {
                let at: Vec<String> = docs
                    .iter()
                    .map(|(id, date)| format!("{id} {}", date.as_deref().unwrap_or("no date")))
                    .collect();
                writeln!(w, "    {title}: {}", at.join(", "))?;
            }
        }
    }
    if !cli.quiet {
        writeln!(w)?;
        writeln!(w, "{} entities", entities.len())?;
    }
    w.finish()?;
    Ok(Exit::Ok)
}
