//! `crosscheck search`: the documents and facts matching a query of the
//! engine's search language, best first, each with the sentence that
//! matches best and its matched words in [brackets].

use std::io::Write as _;

use anyhow::Result;
use clap::Args;
use crosscheck_engine::search::{search, SearchError, SearchResults, DEFAULT_LIMIT, MAX_LIMIT};

use crosscheck_store::Store;

use crate::exit::{usage_error, Exit};
use crate::output::{json_pretty, one_line};
use crate::{Cli, Format};

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The query: words, "phrases", a OR b, -word, pre*, and fields outlet:, author:,
    /// entity:, speaker:, story:, status: (corroborated, single_source, contested), lang:,
    /// from: and to: (YYYY, YYYY-MM or YYYY-MM-DD). Quote the whole query for the shell.
    pub query: String,
    /// Results per page (1 to 100).
    #[arg(long, default_value_t = DEFAULT_LIMIT)]
    pub limit: usize,
    /// The page after the one whose `next` this is.
    #[arg(long)]
    pub cursor: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(cli: &Cli, args: &SearchArgs) -> Result<Exit> {
    if !(1..=MAX_LIMIT).contains(&args.limit) {
        return usage_error(&format!("--limit must be 1 to {MAX_LIMIT}"));
    }
    let store = crate::cmd_show::open_existing(cli)?;
    let mut found: Option<Result<SearchResults, SearchError>> = None;
    store.snapshot(&mut || {
        found = Some(search(
            &store,
            &args.query,
            args.cursor.as_deref(),
            args.limit,
        ));
        Ok(())
    })?;
    let results = match found {
        Some(Ok(r)) => r,
        Some(Err(SearchError::Store(e))) => return Err(e.into()),
        Some(Err(e)) => return usage_error(&e.to_string()),
        None => return Ok(Exit::Ok),
    };
    let mut w = crate::output::Out::stdout();
    if args.format == Format::Json {
        write!(w, "{}", json_pretty(&results)?)?;
        w.finish()?;
        return Ok(Exit::Ok);
    }
    let first = args
        .cursor
        .as_deref()
        .and_then(|c| c.parse::<usize>().ok())
        .unwrap_or(0);
    match results.total {
        0 => writeln!(w, "no document matches")?,
        n => writeln!(
            w,
            "{n} document{} match{}; {}–{}:",
            if n == 1 { "" } else { "s" },
            if n == 1 { "es" } else { "" },
            first + 1,
            first + results.items.len()
        )?,
    }
    for (i, r) in results.items.iter().enumerate() {
        let id: String = r.document_id.chars().take(8).collect();
        let status = r
            .status
            .map(|s| format!(" · {}", s.as_str().replace('_', "-")))
            .unwrap_or_default();
        writeln!(
            w,
            "{}. {} — {}, {} [{id}]{status}",
            first + i + 1,
            one_line(r.title.as_deref().unwrap_or("(untitled)")),
            one_line(r.outlet.as_deref().unwrap_or("outlet unknown")),
            r.published.as_deref().unwrap_or("undated"),
        )?;
        writeln!(w, "   {}", one_line(&marked(&r.sentence, &r.highlights)))?;
    }
    if let Some(next) = &results.next {
        writeln!(w, "more: --cursor {next}")?;
    }
    w.finish()?;
    Ok(Exit::Ok)
}

/// The sentence with each highlighted span in brackets, white space made
/// single spaces.
fn marked(sentence: &str, highlights: &[[usize; 2]]) -> String {
    let mut out = String::new();
    for (mark, piece) in crosscheck_engine::search::pieces(sentence, highlights) {
        if mark {
            out.push('[');
            out.push_str(piece);
            out.push(']');
        } else {
            out.push_str(piece);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matched_words_are_bracketed() {
        assert_eq!(marked("a  COVID-19\ncase", &[[3, 11]]), "a [COVID-19] case");
        assert_eq!(marked("abc", &[[0, 1], [0, 2], [2, 9]]), "[a]bc");
    }
}
