//! `crosscheck report`: the briefing of a story, in the order a reader
//! asks: what happened and when (headline, date span, outlets, timeline),
//! what is confirmed by independent sources, what rests on one source,
//! where the sources disagree, who said what, and signals about outlets.
//! Every line cites its documents (short id, outlet, date).
//!
//! `brief` gathers the content once (one read snapshot); `text`, `md` and
//! `html` render it; JSON is the gathered content as it is.

mod html;
mod md;
mod text;

use std::io::Write as _;

use anyhow::Result;
use clap::{Args, ValueEnum};
use crosscheck_store::{Store, StoryRecord};

pub use crosscheck_engine::briefing::{self as brief, Briefing};
use crosscheck_engine::stories::{largest_first, select};

use crate::exit::Exit;
use crate::Cli;

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The story: its id or an id prefix (`s-0476d3`, `0476d3`). Default:
    /// every story, largest first.
    pub story: Option<String>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// Plain text for the terminal.
    Text,
    /// Markdown: headings and bullet lists.
    #[value(alias = "markdown")]
    Md,
    /// One self-contained HTML page (no external assets).
    Html,
    /// The same content as JSON: one object for a STORY, else an array.
    Json,
}

pub fn run(cli: &Cli, args: &ReportArgs) -> Result<Exit> {
    let mut w = crate::output::Out::stdout();
    let store = crate::cmd_show::open_existing(cli)?;
    let mut briefings: Vec<Briefing> = Vec::new();
    let mut stories: Vec<StoryRecord> = Vec::new();
    store.snapshot(&mut || {
        stories = store.stories()?;
        Ok(())
    })?;
    let chosen: Vec<&StoryRecord> = match &args.story {
        Some(wanted) => match select(&stories, wanted)? {
            Some(s) => vec![s],
            None => {
                crate::output::warn(&format!(
                    "error: no story {wanted} (`crosscheck stories` lists them)"
                ));
                return Ok(Exit::NotFound);
            }
        },
        None => largest_first(&stories),
    };
    store.snapshot(&mut || {
        for s in &chosen {
            briefings.push(brief::gather(&store, s)?);
        }
        Ok(())
    })?;
    let out = match args.format {
        ReportFormat::Json if args.story.is_some() => crate::output::json_pretty(&briefings[0])?,
        ReportFormat::Json => crate::output::json_pretty(&briefings)?,
        ReportFormat::Text => text::render(&briefings),
        ReportFormat::Md => md::render(&briefings),
        ReportFormat::Html => html::render(&briefings),
    };
    write!(w, "{out}")?;
    if briefings.is_empty() && args.format == ReportFormat::Text && !cli.quiet {
        writeln!(
            w,
            "no stories (`crosscheck ingest` groups the stored documents into stories)"
        )?;
    }
    w.finish()?;
    Ok(Exit::Ok)
}
