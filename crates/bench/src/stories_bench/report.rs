//! The markdown report of `bench-stories` and its JSON files
//! (`summary.json`, `clusters.json`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crosscheck_cluster::{Clustering, DocInput, Params};
use serde_json::{json, Value};

use super::data::Body;
use super::score::{Assignment, Scores};
use super::{Row, RowKind, Timing, BAR_BCUBED_F1, JOIN_GRID, MERGE_GRID};

pub(super) struct Input<'a> {
    pub bodies: &'a [Body],
    pub docs: &'a [DocInput],
    pub rows: &'a [Row],
    pub shipped_clustering: Option<&'a Clustering>,
    pub analysis: Timing,
    pub clustering: Option<Timing>,
}

fn f3(x: f64) -> String {
    format!("{x:.3}")
}

fn met(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "not met"
    }
}

impl RowKind {
    pub fn key(self) -> &'static str {
        match self {
            RowKind::Shipped => "shipped",
            RowKind::Grid => "grid",
            RowKind::Singletons => "baseline-singletons",
            RowKind::AllInOne => "baseline-all-in-one",
        }
    }

    fn label(self, params: Option<&Params>) -> String {
        match self {
            RowKind::Shipped => "**shipped** (`Params::default()`)".into(),
            RowKind::Grid if params == Some(&Params::default()) => "grid (= shipped)".into(),
            RowKind::Grid => "grid".into(),
            RowKind::Singletons => "baseline: every document alone".into(),
            RowKind::AllInOne => "baseline: all documents in one story".into(),
        }
    }
}

fn scores_of(row: &Row) -> Option<&Scores> {
    row.outcome.as_ref().ok().map(|(s, _)| s)
}

fn params_json(p: &Params) -> Value {
    json!({"join": p.join, "merge": p.merge, "copy": p.copy})
}

fn main_table(r: &mut String, rows: &[Row]) {
    r.push_str(
        "| run | join | merge | copy | stories (predicted / gold) | BCubed P | BCubed R | BCubed F1 \
         | pair P | pair R | pair F1 |\n|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for row in rows {
        let p = row.params.as_ref();
        let num = |f: fn(&Params) -> f32| p.map_or("–".into(), |p| format!("{:.2}", f(p)));
        let _ = write!(
            r,
            "| {} | {} | {} | {} | ",
            row.kind.label(p),
            num(|p| p.join),
            num(|p| p.merge),
            num(|p| p.copy)
        );
        let _ = match &row.outcome {
            Ok((s, _)) => writeln!(
                r,
                "{} / {} | {} | {} | {} | {} | {} | {} |",
                s.predicted_clusters,
                s.gold_clusters,
                f3(s.bcubed_precision),
                f3(s.bcubed_recall),
                f3(s.bcubed_f1),
                f3(s.pair_precision),
                f3(s.pair_recall),
                f3(s.pair_f1)
            ),
            Err(e) => writeln!(r, "not scored: {e} | – | – | – | – | – | – |"),
        };
    }
}

/// BCubed F1 (pairwise F1) over the grid: join down, merge across.
fn grid_matrix(r: &mut String, rows: &[Row]) {
    let shipped = Params::default();
    r.push_str("BCubed F1 (pairwise F1) over the grid; the shipped thresholds in bold:\n\n");
    r.push_str("| join \\ merge |");
    for m in MERGE_GRID {
        let _ = write!(r, " {m:.2} |");
    }
    r.push_str("\n|---|");
    r.push_str(&"---|".repeat(MERGE_GRID.len()));
    r.push('\n');
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for j in JOIN_GRID {
        let _ = write!(r, "| {j:.2} |");
        for m in MERGE_GRID {
            let row = rows.iter().find(|row| {
                row.kind == RowKind::Grid && row.params.is_some_and(|p| p.join == j && p.merge == m)
            });
            let cell = match row.and_then(scores_of) {
                Some(s) => {
                    lo = lo.min(s.bcubed_f1);
                    hi = hi.max(s.bcubed_f1);
                    format!("{} ({})", f3(s.bcubed_f1), f3(s.pair_f1))
                }
                None => "–".into(),
            };
            if j == shipped.join && m == shipped.merge {
                let _ = write!(r, " **{cell}** |");
            } else {
                let _ = write!(r, " {cell} |");
            }
        }
        r.push('\n');
    }
    if lo <= hi {
        let _ = writeln!(
            r,
            "\nOver the grid, BCubed F1 ranges from {} to {} (spread {}).",
            f3(lo),
            f3(hi),
            f3(hi - lo)
        );
    }
}

fn speed_table(r: &mut String, analysis: Timing, clustering: Option<Timing>) {
    let _ = writeln!(
        r,
        "| speed (one core, CPU time, fastest of {} passes) | documents | CPU s | documents/s |\n|---|---|---|---|",
        analysis.passes
    );
    let line = |r: &mut String, what: &str, t: &Timing| {
        let _ = writeln!(
            r,
            "| {what} | {} | {:.3} | {:.0} |",
            t.documents,
            t.cpu_seconds,
            t.docs_per_second()
        );
    };
    line(
        r,
        "`crosscheck_nlp::analyze` (for the entities passed in)",
        &analysis,
    );
    match clustering {
        Some(c) => {
            line(
                r,
                "`cluster_with(docs, &Params::default())`, one call over all documents",
                &c,
            );
            let both = Timing {
                cpu_seconds: analysis.cpu_seconds + c.cpu_seconds,
                ..c
            };
            line(r, "analysis + clustering", &both);
        }
        None => r.push_str("| `cluster_with`, shipped thresholds | – | – | not measured |\n"),
    }
}

/// The markdown report.
pub(super) fn render(input: &Input<'_>) -> String {
    let stories: std::collections::HashSet<&str> =
        input.bodies.iter().map(|b| b.story.as_str()).collect();
    let mut r = format!(
        "Story clustering benchmark: fnc1-stories-dev, {} bodies in {} gold stories. \
         `crosscheck_cluster::cluster_with` on `DocInput {{ published: None, title: None, text, \
         entities }}` (entities = names of the people, organisations and places found by \
         `crosscheck_nlp::analyze`); scored as `../shared/corpora/README.md` says.\n\n",
        input.bodies.len(),
        stories.len()
    );
    main_table(&mut r, input.rows);
    r.push('\n');
    grid_matrix(&mut r, input.rows);
    r.push('\n');

    let shipped = input.rows.first().and_then(scores_of);
    r.push_str("| bar | shipped | |\n|---|---|---|\n");
    let _ = writeln!(
        r,
        "| BCubed F1 ≥ {BAR_BCUBED_F1:.2} | {} | **{}** |\n",
        shipped.map_or("–".into(), |s| f3(s.bcubed_f1)),
        met(shipped.is_some_and(|s| s.bcubed_f1 >= BAR_BCUBED_F1))
    );
    speed_table(&mut r, input.analysis, input.clustering);
    r.push('\n');

    let mut notes = Vec::new();
    let entities: usize = input.docs.iter().map(|d| d.entities.len()).sum();
    let without = input.docs.iter().filter(|d| d.entities.is_empty()).count();
    notes.push(format!(
        "entities passed in: {:.1} per document on average; {without} documents with none",
        entities as f64 / input.docs.len().max(1) as f64
    ));
    if let Some(c) = input.shipped_clustering {
        let copies: usize = c.copies.iter().map(|g| g.copies.len()).sum();
        notes.push(format!(
            "shipped run: {} copy groups ({copies} copies); per-cluster details in clusters.json",
            c.copies.len()
        ));
    }
    for row in input.rows {
        if let Ok((_, a)) = &row.outcome {
            if a.unassigned > 0 || a.repeated > 0 {
                notes.push(format!(
                    "{} {}: {} documents in no story (scored as stories of their own), {} \
                     repeated appearances (the first counts)",
                    row.kind.label(row.params.as_ref()),
                    row.params
                        .map(|p| format!("join {:.2} merge {:.2}", p.join, p.merge))
                        .unwrap_or_default(),
                    a.unassigned,
                    a.repeated
                ));
            }
        }
    }
    notes.push(
        "BCubed: per-document precision and recall averaged over the documents, F1 = harmonic \
         mean of the averages. Pairwise: over all document pairs; precision is 0 when no pair \
         is predicted (the every-document-alone baseline)"
            .into(),
    );
    if cfg!(debug_assertions) {
        notes.push("debug build: speeds are meaningless, run with --release".into());
    }
    for n in notes {
        let _ = writeln!(r, "- {n}");
    }
    r
}

/// Every row's scores and the timings.
pub(super) fn summary_json(rows: &[Row], analysis: Timing, clustering: Option<Timing>) -> Value {
    let rows: Vec<Value> = rows
        .iter()
        .map(|row| {
            let mut v = json!({
                "run": row.kind.key(),
                "params": row.params.as_ref().map(params_json),
            });
            match &row.outcome {
                Ok((s, a)) => {
                    v["scores"] = json!(s);
                    v["unassigned"] = json!(a.unassigned);
                    v["repeated"] = json!(a.repeated);
                }
                Err(e) => v["error"] = json!(e),
            }
            v
        })
        .collect();
    json!({"rows": rows, "analysis": analysis, "clustering": clustering})
}

/// Counts of labels, largest first (ties by label).
fn counted<K: Ord + Clone + serde::Serialize>(items: impl IntoIterator<Item = K>) -> Vec<Value> {
    let mut counts: BTreeMap<K, usize> = BTreeMap::new();
    for k in items {
        *counts.entry(k).or_default() += 1;
    }
    let mut v: Vec<(K, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.into_iter().map(|(k, n)| json!([k, n])).collect()
}

/// The shipped clustering for error analysis: each predicted cluster with
/// the gold stories of its documents, and each gold story with the
/// predicted clusters it is split into. Ids and labels only, no text.
pub(super) fn clusters_json(
    bodies: &[Body],
    c: &Clustering,
    a: &Assignment,
    scores: &Scores,
) -> Value {
    let clusters: Vec<Value> = c
        .stories
        .iter()
        .enumerate()
        .map(|(k, story)| {
            let gold = counted(story.documents.iter().map(|&d| bodies[d].story.as_str()));
            let top = gold.first().and_then(|g| g[1].as_u64()).unwrap_or(0);
            json!({
                "cluster": k,
                "title": story.title,
                "size": story.documents.len(),
                "majority_story": gold.first().map(|g| g[0].clone()),
                "majority_share": top as f64 / story.documents.len().max(1) as f64,
                "gold": gold,
                "documents": story.documents.iter()
                    .map(|&d| json!({"id": bodies[d].id, "story": bodies[d].story}))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    let unassigned: Vec<&str> = (0..bodies.len())
        .filter(|&d| a.labels[d] >= c.stories.len())
        .map(|d| bodies[d].id.as_str())
        .collect();
    let mut by_story: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (d, b) in bodies.iter().enumerate() {
        by_story
            .entry(b.story.as_str())
            .or_default()
            .push(a.labels[d]);
    }
    let mut gold_stories: Vec<(usize, Value)> = by_story
        .into_iter()
        .map(|(story, labels)| {
            let split = counted(labels.iter().copied());
            let v = json!({"story": story, "size": labels.len(), "split_into": split.len(), "clusters": split});
            (labels.len(), v)
        })
        .collect();
    gold_stories.sort_by_key(|g| std::cmp::Reverse(g.0));
    // Copy groups are not checked by the scoring: an index out of range is
    // shown, not fatal.
    let id = |d: usize| {
        bodies
            .get(d)
            .map_or(format!("<no document {d}>"), |b| b.id.clone())
    };
    let copies: Vec<Value> = c
        .copies
        .iter()
        .map(|g| {
            json!({
                "original": id(g.original),
                "copies": g.copies.iter().map(|&(d, s)| json!([id(d), s])).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "params": params_json(&Params::default()),
        "scores": scores,
        "clusters": clusters,
        "unassigned_documents": unassigned,
        "gold_stories": gold_stories.into_iter().map(|(_, v)| v).collect::<Vec<_>>(),
        "copies": copies,
    })
}
