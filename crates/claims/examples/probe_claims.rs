//! Print the claims of text files:
//! `cargo run -p crosscheck-claims --example probe_claims -- [--raw] [--all] [--published YYYY-MM-DD] FILE...`.
//!
//! `--raw` cleans a browser text dump first, as ingest does; `--all` also
//! prints the claims below the check-worthy score.

use crosscheck_extract::{clean_page_text, LineEvidence};
use crosscheck_model::Metadata;

fn main() {
    let mut raw = false;
    let mut all = false;
    let mut published: Option<String> = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--raw" => raw = true,
            "--all" => all = true,
            "--published" => published = args.next(),
            _ => files.push(a),
        }
    }
    for path in files {
        let Ok(mut text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let mut date = published.clone();
        if raw {
            let doc = clean_page_text(&text, &Metadata::default(), &LineEvidence::default());
            if date.is_none() {
                date = doc.published.clone();
            }
            text = doc.text();
        }
        let date = date.map(|d| d.chars().take(10).collect::<String>());
        println!("== {path} (published {date:?})");
        let analysis = crosscheck_claims::analyze_document(&text, date.as_deref());
        for c in &analysis.claims {
            if !all && c.checkworthiness < crosscheck_claims::CHECKWORTHY {
                continue;
            }
            let subjects: Vec<&str> = c
                .subjects
                .iter()
                .map(|&i| analysis.entities[i].name.as_str())
                .collect();
            println!(
                "{:.2} [{}{}] {}",
                c.checkworthiness,
                c.attribution.kind.as_str(),
                c.attribution
                    .text
                    .as_deref()
                    .map(|t| format!(": {t}"))
                    .unwrap_or_default(),
                c.span.of(&text).replace('\n', " ")
            );
            println!(
                "      subj={subjects:?} pred={:?} obj={:?} hedges={:?}",
                c.predicate,
                c.object.map(|o| o.of(&text)),
                c.hedges
            );
            for a in &c.amounts {
                println!(
                    "      amount {:?} = {} {:?} {} {:?} {:?} {:?}",
                    &text[a.start..a.end],
                    a.value,
                    a.high,
                    a.unit,
                    a.noun,
                    a.approx,
                    a.direction
                );
            }
            if let Some(t) = &c.time {
                println!(
                    "      time {:?} = {:?} {:?}",
                    &text[t.start..t.end],
                    t.value,
                    t.note
                );
            }
            println!("      key {}", c.key);
        }
    }
}
