//! `crosscheck docs`.

use std::io::Write;

use anyhow::Result;
use crosscheck_store::Store;

use crate::exit::Exit;
use crate::output::{json_pretty, Out};
use crate::{table, Cli, Format};

pub fn run(cli: &Cli, format: Format) -> Result<Exit> {
    let store = crate::cmd_show::open_existing(cli)?;
    let docs = store.list_documents()?;
    let mut out = Out::stdout();
    if format == Format::Json {
        let rows: Vec<_> = docs
            .iter()
            .map(|d| {
                serde_json::json!({
                    "id": d.id, "source": d.source, "outlet": d.outlet, "published": d.published,
                    "title": d.title, "words": d.words, "language": d.language,
                })
            })
            .collect();
        write!(out, "{}", json_pretty(&rows)?)?;
        out.finish()?;
        return Ok(Exit::Ok);
    }
    let dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".to_string());
    let rows: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            vec![
                d.id.clone(),
                dash(&d.outlet),
                dash(&d.published),
                d.words.to_string(),
                dash(&d.title),
            ]
        })
        .collect();
    write!(
        out,
        "{}",
        table::render(
            &["id", "outlet", "date", "words", "title"],
            &rows,
            &[12, 24, 10, 7, 70]
        )
    )?;
    if !cli.quiet {
        writeln!(out, "{} documents", docs.len())?;
    }
    out.finish()?;
    Ok(Exit::Ok)
}
