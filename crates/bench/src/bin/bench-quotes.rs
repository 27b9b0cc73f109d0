//! `bench-quotes`: the PolNeAR attribution benchmark. Scores the quotes and
//! attributions of `crosscheck_nlp::analyze` against PolNeAR's gold
//! attributions, and times the whole per-document analysis on one core.
//!
//! ```text
//! cargo run --release -p crosscheck-bench --bin bench-quotes -- [OPTIONS]
//! ```
//!
//! Options:
//! - `--corpus DIR`   the PolNeAR folder (default: `../shared/corpora/polnear` from the project root)
//! - `--split NAME`   `dev` (default) or `train` (train is for tuning; dev is what we report)
//! - `--limit N`      only the first N documents
//! - `--repeat N`     timed passes of the analysis; the fastest counts (default 3)
//! - `--dump DIR`     write per document a readable diff of gold and predicted attributions
//!   (matched, missed, spurious, with span texts and the speaker verdict)
//! - `--diagnostics`  also print corpus diagnostics: shares without source, cue or content,
//!   the commonest cue spans, cue words and sources
//! - `--out DIR`      where `results.md` goes (default: `target/bench/quotes`)
//!
//! The tables are printed on stdout and written to `target/bench/quotes/results.md`.
//! When the corpus folder is absent the program says so and exits 0 (a fresh
//! clone without `../shared`). Exit 2 = bad arguments or an I/O error.
//!
//! # Gold
//!
//! Each `E` line of a brat `.ann` file is one gold attribution, with at most
//! one source, one cue and one content (the parts of `Content`, `Content2`, ...
//! together); any may be missing. Span offsets in PolNeAR are Unicode
//! character offsets (checked against every span's text; mismatches are
//! counted in the report) and are converted to byte offsets. Where an article
//! has several annotation files (agreement articles), the first in sorted
//! order is used, and the report names them. `Discard`, `Discuss` and the
//! `Attribution` trigger spans are not scored.
//!
//! # Direct quotes
//!
//! A gold attribution is a direct quote when its content (the hull of its
//! parts, trimmed of white space) starts with an opening quotation mark
//! (`“ " ‘ '`, also `« „`) or has one immediately before it, and ends with a
//! closing mark (`” " ’ '`, also `»`) or is followed by one after at most a
//! few punctuation marks (`,”`): the content is quoted words. "that Clinton
//! would “never” do it" is not one. A predicted quote is direct when its kind
//! is `Direct` (a `Partial` quote is a mixed quote in PolNeAR's terms). "All
//! attributions" compares every gold attribution with every predicted quote
//! that is not nested in another (PolNeAR gives each word to one
//! attribution), of any kind.
//!
//! # Spans
//!
//! Before comparing, every gold and predicted span is trimmed of white space,
//! of quotation marks at either end and of final punctuation (`. , : ;`),
//! repeatedly. A discontinuous gold span is its trimmed parts; its hull runs
//! from the first part's start to the last part's end.
//!
//! - Exact: the predicted span has the same start and end as the gold span
//!   (its hull, for a discontinuous one); one-to-one.
//! - Overlap: spans that share at least one character (with any part of a
//!   discontinuous gold span) are matched one-to-one, greedily by the largest
//!   number of shared characters.
//!
//! P = matched predictions / predictions, R = matched gold / gold, F1 their
//! harmonic mean, summed over the split (micro-averaged). For source and cue,
//! only gold attributions and predicted quotes that have one are counted. A
//! predicted span that does not fit the text counts as a prediction that
//! never matches.
//!
//! # Speaker right
//!
//! For each gold direct quote with a source: find the predicted direct quote
//! matched to it by content overlap (the direct-quote content matching
//! above). The speaker is right when (1) the predicted source span overlaps
//! the gold source span, or (2) the predicted speaker entity has a mention
//! overlapping the gold source span, or (3) the gold source contains a name
//! (a capitalised word that is not a pronoun, article or title) and the
//! speaker entity's canonical name shares such a word with it (surnames:
//! "Mrs. Clinton" and "Hillary Clinton"). Reported as a share of the matched
//! gold direct quotes with a source, and of all gold direct quotes with a
//! source (an unmatched quote counts as wrong); the bar uses the second.
//! Gold direct quotes without a source are left out of both and counted.
//!
//! # Speed
//!
//! `crosscheck_nlp::analyze` alone (texts already in memory) over every
//! document of the split on this one thread, in CPU seconds of the thread;
//! the fastest of `--repeat` passes. The scored results are the first pass's.
//!
//! # Bars (from the issue)
//!
//! Direct quotes: content F1 by overlap ≥ 0.85, speaker right ≥ 0.85 (of all
//! gold direct quotes with a source); all attributions: source F1 by overlap
//! ≥ 0.70; ≥ 300 documents per second on one core. The best published
//! figures are on PARC3, another corpus (speaker span F1 82.0 exact / 85.3
//! overlap, cue 82.3, content 59.3 exact / 83.3 overlap), printed beside ours.

use std::process::ExitCode;

use anyhow::{bail, Result};
use crosscheck_bench::cli;
use crosscheck_bench::extract_bench::project_root;
use crosscheck_bench::polnear::{default_corpus, run, Options};

const USAGE: &str = "usage: bench-quotes [--corpus DIR] [--split dev|train] [--limit N] [--repeat N] [--dump DIR] [--diagnostics] [--out DIR]
run as: cargo run --release -p crosscheck-bench --bin bench-quotes -- [OPTIONS]";

fn parse_args() -> Result<Options> {
    let root = project_root();
    let mut opts = Options {
        corpus: default_corpus(&root),
        split: "dev".into(),
        limit: None,
        repeat: 3,
        out_dir: root.join("target").join("bench").join("quotes"),
        dump: None,
        diagnostics: false,
    };
    cli::parse_flags(USAGE, |name, value| {
        match name {
            "--corpus" => opts.corpus = value.path()?,
            "--out" => opts.out_dir = value.path()?,
            "--dump" => opts.dump = Some(value.path()?),
            "--diagnostics" => opts.diagnostics = true,
            "--split" => {
                let v = value.string()?;
                if v != "dev" && v != "train" {
                    bail!("--split {v}: dev or train (the test split is not for viewing)");
                }
                opts.split = v;
            }
            "--limit" => opts.limit = Some(value.number()?),
            "--repeat" => opts.repeat = value.number()?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(opts)
}

fn main() -> ExitCode {
    cli::main_over_corpus(
        "bench-quotes",
        "PolNeAR",
        "polnear",
        parse_args,
        |o| &o.corpus,
        run,
    )
}
