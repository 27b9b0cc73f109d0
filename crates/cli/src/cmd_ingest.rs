//! `crosscheck ingest` and `crosscheck demo`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use clap::Args;
use crosscheck_ingest::Limits;
use crosscheck_store::{SqliteStore, Store};

use crate::exit::Exit;
use crate::output::{one_line, Out};
use crate::{Cli, Format};
use crosscheck_engine::clustering::StoryCounts;
use crosscheck_engine::findings::FindingCounts;
use crosscheck_engine::pipeline::{ingest, IngestRequest, Summary};

#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Files, directories, web archives, feed files and http(s) URLs of
    /// pages or feeds to ingest; `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Largest input file read, in bytes.
    #[arg(long, default_value_t = Limits::default().max_file_bytes)]
    pub max_file_size: u64,
    /// Largest decompressed size of a gzip file, in bytes.
    #[arg(long, default_value_t = Limits::default().max_decompressed_bytes)]
    pub max_decompressed_size: u64,
    /// Summary format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Print the wall-clock time of each stage on standard error (even with --quiet).
    #[arg(long)]
    pub timings: bool,
    /// Follow symbolic links found under the folders given (by default they
    /// are skipped: a link may lead out of the corpus).
    #[arg(long, short = 'L')]
    pub follow: bool,
    #[command(flatten)]
    pub fetch: crate::cmd_collect::FetchArgs,
}

#[derive(Args, Debug)]
pub struct RebuildArgs {
    /// Worker threads (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Summary format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Worker threads: as asked (at most [`MAX_JOBS`]), else one per core.
pub fn jobs(asked: Option<usize>) -> usize {
    asked
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, MAX_JOBS)
}

/// Most worker threads: more only multiplies the memory held by documents
/// in flight without adding speed.
pub const MAX_JOBS: usize = 64;

pub fn run(cli: &Cli, args: &IngestArgs) -> Result<Exit> {
    let (targets, paths) = crosscheck_engine::collect::Targets::split(&args.paths);
    let req = IngestRequest {
        paths,
        jobs: jobs(args.jobs),
        limits: Limits::new(args.max_file_size, args.max_decompressed_size),
        interrupt: crate::interrupt::on_signals(),
        follow_links: args.follow,
    };
    let summary = if targets.is_empty() {
        let summary = run_ingest(cli, &req)?;
        print_summary(&summary, args.format, cli.quiet)?;
        summary
    } else {
        let fetcher = crosscheck_fetch::Fetcher::new(args.fetch.config());
        let mut store = SqliteStore::open(&cli.db)?;
        let collected = crosscheck_engine::collect::collect(
            &mut store,
            &fetcher,
            &targets,
            &req,
            &mut |_, _| {},
        )?;
        if args.format == Format::Json {
            let mut w = Out::stdout();
            write!(w, "{}", crate::output::json_pretty(&collected.to_json())?)?;
            w.finish()?;
        } else {
            if !cli.quiet {
                let mut w = Out::stdout();
                writeln!(
                    w,
                    "fetched: {} requests, {} pages; {} feed items already stored",
                    collected.requests, collected.pages, collected.known_items
                )?;
                crate::cmd_collect::print_feeds(&mut w, &collected.feeds)?;
                w.finish()?;
            }
            print_summary(&collected.ingest, args.format, cli.quiet)?;
        }
        collected.ingest
    };
    if args.timings {
        for (stage, secs) in &summary.timings {
            crate::output::warn(&format!("time: {stage}: {secs:.2} s"));
        }
    }
    Ok(exit_of(&summary))
}

fn exit_of(summary: &Summary) -> Exit {
    if summary.interrupted {
        Exit::Interrupted
    } else if summary.failures.is_empty() && summary.unlisted_failures == 0 {
        Exit::Ok
    } else {
        Exit::SomeInputsFailed
    }
}

/// `crosscheck rebuild`: the derivation step of an ingest alone.
pub fn rebuild(cli: &Cli, args: &RebuildArgs) -> Result<Exit> {
    let mut store = crate::cmd_show::open_writable(cli)?;
    let pool = crosscheck_engine::pipeline::worker_pool(jobs(args.jobs))?;
    let mut summary = Summary {
        resumed: store.staged_documents()?,
        ..Summary::default()
    };
    crosscheck_engine::pipeline::rebuild(
        &mut store,
        &pool,
        &crate::interrupt::on_signals(),
        &mut summary,
    )?;
    print_summary(&summary, args.format, cli.quiet)?;
    Ok(exit_of(&summary))
}

fn run_ingest(cli: &Cli, req: &IngestRequest) -> Result<Summary> {
    let mut store = SqliteStore::open(&cli.db)?;
    let bar = (!cli.quiet).then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} ingesting {pos}/{len} inputs [{bar:30}] {eta}",
            )
            .expect("static template")
            .progress_chars("=> "),
        );
        bar
    });
    let summary = ingest(&mut store, req, &mut |done, total| {
        if let Some(b) = &bar {
            b.set_length(total as u64);
            b.set_position(done as u64);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(summary)
}

pub fn print_summary(s: &Summary, format: Format, quiet: bool) -> Result<()> {
    let mut w = Out::stdout();
    if format == Format::Json {
        let v = s.to_json();
        write!(w, "{}", crate::output::json_pretty(&v)?)?;
        w.finish()?;
        return Ok(());
    }
    if quiet {
        for f in &s.failures {
            crate::output::warn(&format!("failed: {}: {}", f.source, f.reason));
        }
        if s.interrupted {
            crate::output::warn(INTERRUPTED);
        }
        return Ok(());
    }
    if s.interrupted {
        writeln!(w, "{INTERRUPTED}")?;
    } else if s.resumed > 0 {
        writeln!(
            w,
            "completed an interrupted ingest: {} documents it had stored are now shown",
            s.resumed
        )?;
    }
    writeln!(
        w,
        "ingested {}, unchanged {}, failed {}",
        s.inserted.len(),
        s.unchanged,
        s.failures.len() + s.unlisted_failures
    )?;
    if !s.skipped.is_empty() {
        let parts: Vec<String> = s
            .skipped
            .iter()
            .map(|(what, n)| format!("{n} {}", one_line(what)))
            .collect();
        writeln!(w, "skipped (not articles): {}", parts.join(", "))?;
    }
    if s.analysed > 0 {
        writeln!(w, "analysed {} stored documents", s.analysed)?;
    }
    writeln!(w, "{}", stories_line(&s.stories))?;
    writeln!(w, "{}", findings_line(&s.findings))?;
    if s.recorroborated < s.stories.stories {
        writeln!(
            w,
            "corroborated again: {} of {} stories (the others' documents did not change)",
            s.recorroborated, s.stories.stories
        )?;
    }
    for f in &s.failures {
        writeln!(
            w,
            "  failed: {}: {}",
            one_line(&f.source),
            one_line(&f.reason)
        )?;
    }
    if s.unlisted_failures > 0 {
        writeln!(
            w,
            "  failed: {} more (only the first {} of an input are listed)",
            s.unlisted_failures,
            crosscheck_engine::pipeline::MAX_LISTED_FAILURES
        )?;
    }
    for (src, warning) in &s.warnings {
        writeln!(w, "  warning: {}: {}", one_line(src), one_line(warning))?;
    }
    if !s.skipped_links.is_empty() {
        writeln!(
            w,
            "  skipped {} symbolic link{} under the folders given (--follow reads them), e.g. {}",
            s.skipped_links.len(),
            if s.skipped_links.len() == 1 { "" } else { "s" },
            one_line(&s.skipped_links[0])
        )?;
    }
    w.finish()?;
    Ok(())
}

/// What an interrupted run says (and `--quiet` prints on standard error).
const INTERRUPTED: &str = "interrupted: the store is as it was before this run (documents it \
    stored are kept, not shown yet); run the same ingest again, or `crosscheck rebuild`, to complete it";

/// `stories: 1 (9 documents), copy groups: 1 (1 copy)`.
fn stories_line(c: &StoryCounts) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let placed = match c.placed {
        Some(n) if n > 0 => format!(
            "; {} placed into the stored stories (`crosscheck rebuild` clusters everything again)",
            plural(n, "new document", "new documents")
        ),
        _ => String::new(),
    };
    format!(
        "stories: {} ({}), copy groups: {} ({}){placed}",
        c.stories,
        plural(c.documents, "document", "documents"),
        c.copy_groups,
        plural(c.copies, "copy", "copies")
    )
}

/// `facts: 40 (3 corroborated, 36 single-source, 1 contested), role conflicts: 1`.
fn findings_line(c: &FindingCounts) -> String {
    format!(
        "facts: {} ({} corroborated, {} single-source, {} contested), role conflicts: {}",
        c.claims, c.corroborated, c.single_source, c.contested, c.role_conflicts
    )
}

/// The demo corpus of this source tree.
fn default_demo_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo/corpus")
}

/// Ingest the demo corpus into the database, list what was found and print
/// the briefing.
pub fn demo(cli: &Cli, corpus: Option<&Path>) -> Result<Exit> {
    let corpus = corpus
        .map(Path::to_path_buf)
        .unwrap_or_else(default_demo_corpus);
    if !corpus.is_dir() {
        bail!(
            "demo corpus not found at {} (give --corpus DIR)",
            corpus.display()
        );
    }
    let req = IngestRequest {
        paths: vec![corpus],
        jobs: jobs(None),
        limits: Limits::default(),
        interrupt: crate::interrupt::on_signals(),
        follow_links: false,
    };
    let summary = run_ingest(cli, &req)?;
    print_summary(&summary, Format::Table, false)?;
    if summary.interrupted {
        return Ok(Exit::Interrupted);
    }
    let mut w = Out::stdout();
    writeln!(w)?;
    w.finish()?;
    crate::cmd_docs::run(cli, Format::Table)?;
    let mut w = Out::stdout();
    writeln!(w)?;
    writeln!(w,
        "Try: crosscheck --db {db} show ID --explain\n     crosscheck --db {db} quotes\n     \
         crosscheck --db {db} entities\n     crosscheck --db {db} claims\n     \
         crosscheck --db {db} stories\n     crosscheck --db {db} report --format html > briefing.html",
        db = cli.db.display()
    )?;
    writeln!(
        w,
        "\nThe briefing (crosscheck --db {} report):\n",
        cli.db.display()
    )?;
    w.finish()?;
    crate::cmd_report::run(
        cli,
        &crate::cmd_report::ReportArgs {
            story: None,
            format: crate::cmd_report::ReportFormat::Text,
        },
    )?;
    let mut w = Out::stdout();
    writeln!(
        w,
        "\nOpen it in a browser: crosscheck --db {} serve, then http://127.0.0.1:8080/",
        cli.db.display()
    )?;
    w.finish()?;
    Ok(if summary.failures.is_empty() {
        Exit::Ok
    } else {
        Exit::SomeInputsFailed
    })
}
