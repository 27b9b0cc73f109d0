//! The `crosscheck` command. The only crate that parses arguments, draws
//! progress bars and decides exit codes; the work is done by the stage crates.

mod cmd_check;
mod cmd_claims;
mod cmd_collect;
mod cmd_compare;
mod cmd_docs;
mod cmd_entities;
mod cmd_export;
mod cmd_ingest;
mod cmd_quotes;
mod cmd_report;
mod cmd_search;
mod cmd_serve;
mod cmd_show;
mod cmd_signals;
mod cmd_stories;
mod exit;
mod interrupt;
mod jsonl;
mod output;
mod table;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// crosscheck: what independent outlets confirm, story by story.
#[derive(Parser, Debug)]
#[command(
    name = "crosscheck",
    version,
    about = "crosscheck: what independent outlets confirm, story by story.",
    long_about = "crosscheck: what independent outlets confirm, story by story.\n\n\
        Give it news articles (saved web pages, text copied out of a browser, JSON lines) and it \
        groups them into stories and tells, for each, which outlets covered it, who said what, \
        and for every factual claim how many independent sources support it, which rest on one \
        outlet alone and where the sources disagree. Every line cites the document and sentence \
        it came from.\n\n\
        Start with `crosscheck demo`, or `crosscheck ingest FOLDER` and then `crosscheck report`.",
    after_help = "Exit codes: 0 success, 1 error, 2 usage error, 3 some inputs failed, 4 not found.",
    max_term_width = 100
)]
pub struct Cli {
    /// The database file.
    #[arg(
        long,
        global = true,
        env = "CROSSCHECK_DB",
        default_value = "crosscheck.db"
    )]
    pub db: PathBuf,
    /// Print nothing but errors and requested output (no progress, no summary).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Ingest files and directories (.html .htm .txt .json .jsonl .warc, optionally .gz; `-` = stdin), feed files and http(s) URLs of pages or feeds.
    Ingest(cmd_ingest::IngestArgs),
    /// Follow feeds: fetch them every --every (conditionally), fetch their new items, ingest them.
    Watch(cmd_collect::WatchArgs),
    /// The fetch log: every URL fetched, with its status, failures and last success.
    Sources(cmd_collect::SourcesArgs),
    /// Recompute links, stories and findings from what is stored (and finish an interrupted ingest).
    Rebuild(cmd_ingest::RebuildArgs),
    /// List the stored documents: id, outlet, date, title, words.
    Docs {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Show one document's clean text (by id, id prefix or sha256).
    Show {
        id: String,
        /// List every removed line with the reason it was removed.
        #[arg(long)]
        explain: bool,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Who said what, where and when: quotes by speaker, variants grouped.
    Quotes(cmd_quotes::QuotesArgs),
    /// The people, organisations and places the documents name.
    Entities(cmd_entities::EntitiesArgs),
    /// Check-worthy claims by document: score, attribution, hedges, amounts, time.
    Claims(cmd_claims::ClaimsArgs),
    /// Search documents and facts: words, "phrases", OR, -word, pre*, and fields (outlet:, status:, from: …).
    Search(cmd_search::SearchArgs),
    /// Which stored documents support, contradict or discuss a claim, with the sentence that bears on it.
    Check(cmd_check::CheckArgs),
    /// Whether two statements report one fact (the judge alignment uses): same, score 0..1, why.
    Compare(cmd_compare::CompareArgs),
    /// Stories: the documents grouped by what happened, episodes on a timeline, copies marked.
    Stories {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// The briefing of a story: timeline, what is confirmed, single-source, contested, who said what.
    Report(cmd_report::ReportArgs),
    /// Outlet signals per document and per outlet, each with its evidence (not verdicts).
    Signals(cmd_signals::SignalsArgs),
    /// Export every document, entity, quote, claim and story as JSON (one object) or JSON lines.
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Write to this file instead of standard output (atomically).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Serve the API (/api/v1) and the web interface on 127.0.0.1:8080 (writes need a token).
    Serve(cmd_serve::ServeArgs),
    /// Ingest the demo corpus shipped with crosscheck and show what was found.
    Demo {
        /// The demo corpus folder (default: the one in this source tree).
        #[arg(long)]
        corpus: Option<PathBuf>,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Human-readable text.
    #[value(alias = "text")]
    Table,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Jsonl,
}

impl From<ExportFormat> for crosscheck_engine::export::ExportFormat {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Json => crosscheck_engine::export::ExportFormat::Json,
            ExportFormat::Jsonl => crosscheck_engine::export::ExportFormat::Jsonl,
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage(e),
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CROSSCHECK_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let result = match &cli.command {
        Command::Ingest(args) => cmd_ingest::run(&cli, args),
        Command::Rebuild(args) => cmd_ingest::rebuild(&cli, args),
        Command::Watch(args) => cmd_collect::watch(&cli, args),
        Command::Sources(args) => cmd_collect::sources(&cli, args),
        Command::Docs { format } => cmd_docs::run(&cli, *format),
        Command::Show {
            id,
            explain,
            format,
        } => cmd_show::run(&cli, id, *explain, *format),
        Command::Quotes(args) => cmd_quotes::run(&cli, args),
        Command::Entities(args) => cmd_entities::run(&cli, args),
        Command::Claims(args) => cmd_claims::run(&cli, args),
        Command::Search(args) => cmd_search::run(&cli, args),
        Command::Check(args) => cmd_check::run(&cli, args),
        Command::Compare(args) => cmd_compare::run(args),
        Command::Stories { format } => cmd_stories::run(&cli, *format),
        Command::Report(args) => cmd_report::run(&cli, args),
        Command::Signals(args) => cmd_signals::run(&cli, args),
        Command::Export { format, output } => cmd_export::run(&cli, *format, output.as_deref()),
        Command::Serve(args) => cmd_serve::run(&cli, args),
        Command::Demo { corpus } => cmd_ingest::demo(&cli, corpus.as_deref()),
    };
    match result {
        Ok(code) => code.into(),
        // The reader of our output went away (`crosscheck claims | head`):
        // a normal end.
        Err(e) if output::is_broken_pipe(&e) => exit::Exit::Ok.into(),
        Err(e) => {
            // A bare I/O error is a failed write of the output (reads and
            // the database give their own context).
            let what = if e.downcast_ref::<std::io::Error>().is_some() {
                "cannot write the output: "
            } else {
                ""
            };
            output::warn(&format!("error: {what}{}", error_line(&e)));
            exit::Exit::Error.into()
        }
    }
}

/// Help and version on standard output (a closed pipe is a normal end, a
/// full disk an error, as for any output); usage errors as clap prints
/// them, exit 2.
fn usage(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    use std::io::Write;
    if !matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        e.exit();
    }
    let mut out = output::Out::stdout();
    let written = write!(out, "{}", e.render()).and_then(|()| out.finish());
    match written {
        Err(io) if io.kind() != std::io::ErrorKind::BrokenPipe => {
            output::warn(&format!("error: cannot write the output: {io}"));
            exit::Exit::Error.into()
        }
        _ => exit::Exit::Ok.into(),
    }
}

/// An error and its causes on one line, each cause once: a message that
/// already quotes its cause (`cannot open database x: permission denied`)
/// is not followed by that cause again.
fn error_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain().map(|c| c.to_string()) {
        if cause.is_empty() || line.contains(&cause) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&cause);
    }
    line
}
