//! Benchmark programs that score crosscheck on the shared corpora
//! (`../shared/corpora`), side by side with peer tools.
//!
//! `bench-extract` scores article extraction on the article-extraction-benchmark
//! and the WCXB dev articles; see [`extract_bench`]. `bench-quotes` scores
//! quotes and attributions on PolNeAR; see [`polnear`].

#[cfg(feature = "nlp")]
pub mod claims_bench;
pub mod cli;
pub mod collect_bench;
pub mod corpus;
#[cfg(feature = "nlp")]
pub mod ecb_bench;
pub mod evaluate;
#[cfg(feature = "nlp")]
pub mod linear;
pub mod polnear;
pub mod python;
pub mod render_text;
pub mod samefact_bench;
pub mod scale;
pub mod score;
#[cfg(feature = "nlp")]
pub mod stance_bench;
#[cfg(feature = "nlp")]
pub mod stance_train;
#[cfg(feature = "nlp")]
pub mod stories_bench;
pub mod systems;
pub mod table;

pub mod extract_bench {
    //! The `bench-extract` run: load, extract, score, print, write.

    use std::fs;
    use std::path::{Path, PathBuf};

    use anyhow::{Context, Result};

    use crate::corpus::{self, Page};
    use crate::evaluate::evaluate;
    use crate::systems::{self, RunResult, SystemId};
    use crate::table::{self, Measured, Row};

    pub struct Options {
        pub corpora: PathBuf,
        pub systems: Vec<SystemId>,
        pub limit: Option<usize>,
        /// Timed passes per system; the fastest counts.
        pub repeat: usize,
        /// Where the table and details go (`target/bench/extract`).
        pub out_dir: PathBuf,
        /// The Python virtual environment (`target/bench/venv`).
        pub venv: PathBuf,
        /// Print this page's text-dump rendering instead of benchmarking.
        pub render: Option<String>,
    }

    /// The project root: two levels above this crate.
    pub fn project_root() -> PathBuf {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = here.join("..").join("..");
        root.canonicalize().unwrap_or(root)
    }

    fn run_system(id: SystemId, pages: &[Page], opts: &Options) -> RunResult {
        eprintln!("running {} on {} pages ...", id.label(), pages.len());
        match id {
            SystemId::Crosscheck => systems::run_crosscheck(pages, opts.repeat),
            SystemId::TextDump => systems::run_text_dump(pages, opts.repeat),
            SystemId::RsTrafilatura => systems::run_rs_trafilatura(pages, opts.repeat),
            SystemId::DomSmoothie => systems::run_dom_smoothie(pages, opts.repeat),
            SystemId::Trafilatura => {
                crate::python::run_trafilatura(pages, &opts.venv, &opts.out_dir, opts.repeat)
            }
        }
    }

    /// Runs the benchmark and returns the report (table, notes, bars).
    pub fn run(opts: &Options) -> Result<String> {
        corpus::check_present(&opts.corpora)?;
        fs::create_dir_all(&opts.out_dir)
            .with_context(|| format!("creating {}", opts.out_dir.display()))?;
        eprintln!("loading corpora from {} ...", opts.corpora.display());
        let mut pages = corpus::load_aeb(&opts.corpora, opts.limit)?;
        pages.extend(corpus::load_wcxb(&opts.corpora, opts.limit)?);
        if let Some(key) = &opts.render {
            let page = pages
                .iter()
                .find(|p| &p.key() == key)
                .with_context(|| format!("no page {key}"))?;
            return Ok(crate::render_text::render_text(&page.html));
        }

        let mut rows = Vec::new();
        let mut notes = Vec::new();
        // Table order is fixed whatever the order on the command line.
        for id in SystemId::ALL
            .into_iter()
            .filter(|id| opts.systems.contains(id))
        {
            let outcome = match run_system(id, &pages, opts) {
                Ok(run) => {
                    let (metrics, details) = evaluate(&pages, &run.predictions);
                    let path = opts.out_dir.join(format!("details-{}.json", id.key()));
                    fs::write(&path, serde_json::to_vec_pretty(&details)?)
                        .with_context(|| format!("writing {}", path.display()))?;
                    notes.extend(run.note.map(|n| format!("{}: {n}", id.label())));
                    Ok(Measured {
                        metrics,
                        pages: pages.len(),
                        seconds: run.seconds,
                        wall_seconds: run.wall_seconds,
                    })
                }
                Err(reason) => {
                    eprintln!("{}: not run: {reason}", id.label());
                    notes.push(format!("{}: not run: {reason}", id.label()));
                    Err(reason)
                }
            };
            rows.push(Row {
                system: id,
                outcome,
            });
        }

        let aeb = pages
            .iter()
            .filter(|p| p.corpus == corpus::CorpusKind::Aeb)
            .count();
        let no_body = pages.iter().filter(|p| p.gold.body.is_none()).count();
        let mut report =
            format!(
            "Extraction benchmark: {aeb} article-extraction-benchmark pages, {} WCXB dev article \
             pages ({no_body} without a gold body, left out of WCXB P/R/F1){}.\n\n",
            pages.len() - aeb,
            opts.limit.map(|n| format!("; --limit {n}")).unwrap_or_default()
        );
        report.push_str(&table::render(&rows));
        report.push('\n');
        report.push_str(&format!(
            "- pages/s: pages per CPU-second of the one extracting thread, extraction call only \
             (pages decompressed in memory first{}); wall-clock seconds are in summary.json\n",
            if opts.repeat > 1 {
                format!("; fastest of {} passes", opts.repeat)
            } else {
                String::new()
            }
        ));
        for n in &notes {
            report.push_str(&format!("- {n}\n"));
        }
        report.push('\n');
        report.push_str(&table::bars(&rows));

        let summary: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| match &r.outcome {
                Ok(m) => serde_json::json!({
                    "system": r.system.key(), "metrics": m.metrics,
                    "pages": m.pages, "cpu_seconds": m.seconds, "wall_seconds": m.wall_seconds, "pages_per_second": m.pages_per_second(),
                }),
                Err(reason) => serde_json::json!({"system": r.system.key(), "not_run": reason}),
            })
            .collect();
        fs::write(
            opts.out_dir.join("summary.json"),
            serde_json::to_vec_pretty(&summary)?,
        )?;
        fs::write(opts.out_dir.join("table.md"), &report)?;
        Ok(report)
    }
}
