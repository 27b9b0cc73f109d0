//! `crosscheck ingest` and `crosscheck demo`.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use clap::Args;
use crosscheck_ingest::Limits;
use crosscheck_store::SqliteStore;

use crate::exit::Exit;
use crate::pipeline::{ingest, IngestRequest, Summary};
use crate::recluster::StoryCounts;
use crate::recorroborate::FindingCounts;
use crate::{Cli, Format};

#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Files and directories to ingest; `-` reads standard input.
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
}

pub fn run(cli: &Cli, args: &IngestArgs) -> Result<Exit> {
    let req = IngestRequest {
        paths: args.paths.clone(),
        jobs: args
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        limits: Limits {
            max_file_bytes: args.max_file_size,
            max_decompressed_bytes: args.max_decompressed_size,
        },
    };
    let summary = run_ingest(cli, &req)?;
    print_summary(&summary, args.format, cli.quiet)?;
    if args.timings {
        for (stage, secs) in &summary.timings {
            eprintln!("time: {stage}: {secs:.2} s");
        }
    }
    Ok(if summary.failures.is_empty() {
        Exit::Ok
    } else {
        Exit::SomeInputsFailed
    })
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

fn print_summary(s: &Summary, format: Format, quiet: bool) -> Result<()> {
    if format == Format::Json {
        let v = serde_json::json!({
            "ingested": s.inserted.iter().map(|(id, src)| serde_json::json!({"id": id, "source": src})).collect::<Vec<_>>(),
            "unchanged": s.unchanged,
            "analysed": s.analysed,
            "linked": {"entities": s.linked.0, "quote_variants": s.linked.1},
            "stories": {
                "stories": s.stories.stories,
                "documents": s.stories.documents,
                "copy_groups": s.stories.copy_groups,
                "copies": s.stories.copies,
            },
            "corroboration": {
                "claims": s.findings.claims,
                "corroborated": s.findings.corroborated,
                "single_source": s.findings.single_source,
                "contested": s.findings.contested,
                "role_conflicts": s.findings.role_conflicts,
            },
            "seconds": s.timings.iter().map(|(stage, secs)| serde_json::json!({"stage": stage, "seconds": secs})).collect::<Vec<_>>(),
            "failed": s.failures.iter().map(|f| serde_json::json!({"source": f.source, "reason": f.reason})).collect::<Vec<_>>(),
            "warnings": s.warnings.iter().map(|(src, w)| serde_json::json!({"source": src, "warning": w})).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    if quiet {
        for f in &s.failures {
            eprintln!("failed: {}: {}", f.source, f.reason);
        }
        return Ok(());
    }
    println!(
        "ingested {}, unchanged {}, failed {}",
        s.inserted.len(),
        s.unchanged,
        s.failures.len()
    );
    if s.analysed > 0 {
        println!("analysed {} stored documents", s.analysed);
    }
    println!("{}", stories_line(&s.stories));
    println!("{}", findings_line(&s.findings));
    for f in &s.failures {
        println!("  failed: {}: {}", f.source, f.reason);
    }
    for (src, w) in &s.warnings {
        println!("  warning: {src}: {w}");
    }
    Ok(())
}

/// `stories: 1 (9 documents), copy groups: 1 (1 copy)`.
fn stories_line(c: &StoryCounts) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "stories: {} ({}), copy groups: {} ({})",
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
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        limits: Limits::default(),
    };
    let summary = run_ingest(cli, &req)?;
    print_summary(&summary, Format::Table, false)?;
    println!();
    crate::cmd_docs::run(cli, Format::Table)?;
    println!();
    println!(
        "Try: crosscheck --db {db} show ID --explain\n     crosscheck --db {db} quotes\n     \
         crosscheck --db {db} entities\n     crosscheck --db {db} claims\n     \
         crosscheck --db {db} stories\n     crosscheck --db {db} report --format html > briefing.html",
        db = cli.db.display()
    );
    println!(
        "\nThe briefing (crosscheck --db {} report):\n",
        cli.db.display()
    );
    crate::cmd_report::run(
        cli,
        &crate::cmd_report::ReportArgs {
            story: None,
            format: crate::cmd_report::ReportFormat::Text,
        },
    )?;
    Ok(if summary.failures.is_empty() {
        Exit::Ok
    } else {
        Exit::SomeInputsFailed
    })
}
