//! `crosscheck stories`: the documents grouped by what happened, each story
//! with its episodes on a timeline, its copies marked and the count of what
//! corroboration found (corroborated, single-source and contested facts,
//! role conflicts).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::Result;
use crosscheck_model::ClaimStatus;
use crosscheck_store::{FindingsRecord, Store, StoryMember, StoryRecord};

use crate::exit::Exit;
use crate::{table, Cli, Format};

/// Characters of a title shown.
const TITLE_CHARS: usize = 90;
/// Characters of an outlet shown.
const OUTLET_CHARS: usize = 24;

pub fn run(cli: &Cli, format: Format) -> Result<Exit> {
    let mut w = crate::output::Out::stdout();
    let store = crate::cmd_show::open_existing(cli)?;
    let mut stories: Vec<(StoryRecord, FindingsRecord)> = Vec::new();
    store.snapshot(&mut || {
        for s in store.stories()? {
            let f = store.story_findings(&s.id)?;
            stories.push((s, f));
        }
        Ok(())
    })?;
    if format == Format::Json {
        let v = stories
            .iter()
            .map(|(s, f)| story_json(s, f))
            .collect::<Result<Vec<_>>>()?;
        write!(w, "{}", crate::output::json_pretty(&v)?)?;
        w.finish()?;
        return Ok(Exit::Ok);
    }
    let mut out = String::new();
    for (i, (s, f)) in stories.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        story_text(s, f, &mut out);
    }
    write!(w, "{out}")?;
    if !cli.quiet {
        if stories.is_empty() {
            writeln!(
                w,
                "no stories (`crosscheck ingest` groups the stored documents into stories)"
            )?;
        } else {
            let documents: usize = stories.iter().map(|(s, _)| s.documents.len()).sum();
            writeln!(
                w,
                "\n{}, {}",
                plural(stories.len(), "story", "stories"),
                plural(documents, "document", "documents")
            )?;
        }
    }
    w.finish()?;
    Ok(Exit::Ok)
}

/// The export's story object (with its findings), with each document's
/// outlet, date, title and the document it is a copy of, and the counts of
/// its findings.
fn story_json(s: &StoryRecord, f: &FindingsRecord) -> Result<serde_json::Value> {
    let mut v = serde_json::to_value(crosscheck_engine::export::export_story(s, f))?;
    v["counts"] = serde_json::json!({
        "corroborated": f.count(ClaimStatus::Corroborated),
        "single_source": f.count(ClaimStatus::SingleSource),
        "contested": f.count(ClaimStatus::Contested),
        "role_conflicts": f.role_conflicts.len(),
    });
    v["documents"] = s
        .documents
        .iter()
        .map(|d| {
            serde_json::json!({
                "id": d.id,
                "outlet": d.outlet,
                "published": d.published,
                "title": d.title,
                "copy_of": d.copy_of.as_ref().map(|c| serde_json::json!({
                    "original": c.original_id,
                    "similarity": c.similarity,
                })),
            })
        })
        .collect();
    Ok(v)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `2026-01-16 – 2026-05-20`, one date when both are the same, `undated`.
pub use crosscheck_engine::briefing::wording::span as date_span;

/// `facts: 3 corroborated · 36 single-source · 1 contested · 1 role conflict`.
pub fn findings_summary(f: &FindingsRecord) -> String {
    format!(
        "facts: {} corroborated · {} single-source · {} contested · {}",
        f.count(ClaimStatus::Corroborated),
        f.count(ClaimStatus::SingleSource),
        f.count(ClaimStatus::Contested),
        plural(f.role_conflicts.len(), "role conflict", "role conflicts")
    )
}

/// A story: its title; id, dates, documents and outlets; the counts of its
/// findings; then each episode (dates, title, documents) with its documents
/// indented under it.
fn story_text(s: &StoryRecord, f: &FindingsRecord, out: &mut String) {
    let outlets: BTreeSet<&str> = s
        .documents
        .iter()
        .filter_map(|d| d.outlet.as_deref())
        .collect();
    let _ = writeln!(out, "{}", s.title);
    let _ = writeln!(
        out,
        "  {} · {} · {} · {}",
        s.id,
        date_span(s.start.as_deref(), s.end.as_deref()),
        plural(s.documents.len(), "document", "documents"),
        plural(outlets.len(), "outlet", "outlets")
    );
    let _ = writeln!(out, "  {}", findings_summary(f));
    let width = s
        .documents
        .iter()
        .map(|d| outlet(d).chars().count())
        .max()
        .unwrap_or(0);
    let by_id: HashMap<&str, &StoryMember> =
        s.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut listed: HashSet<&str> = HashSet::new();
    for e in &s.episodes {
        let _ = writeln!(
            out,
            "  {}  {} ({})",
            date_span(e.start.as_deref(), e.end.as_deref()),
            table::cut(&e.title, TITLE_CHARS),
            plural(e.document_ids.len(), "document", "documents")
        );
        for id in &e.document_ids {
            if let Some(d) = by_id.get(id.as_str()) {
                member_text(d, width, out);
                listed.insert(&d.id);
            }
        }
    }
    let rest: Vec<&StoryMember> = s
        .documents
        .iter()
        .filter(|d| !listed.contains(d.id.as_str()))
        .collect();
    if !rest.is_empty() {
        let _ = writeln!(
            out,
            "  in no episode ({})",
            plural(rest.len(), "document", "documents")
        );
        for d in rest {
            member_text(d, width, out);
        }
    }
}

fn outlet(d: &StoryMember) -> String {
    table::cut(d.outlet.as_deref().unwrap_or("-"), OUTLET_CHARS)
}

/// `    2026-05-20  Northgate Ledger  0123456789ab  Title — copy of … (similarity 0.93)`
fn member_text(d: &StoryMember, width: usize, out: &mut String) {
    let date: String = match &d.published {
        Some(p) => p.chars().take(10).collect(),
        None => "undated".to_string(),
    };
    let copy = d
        .copy_of
        .as_ref()
        .map(|c| {
            format!(
                " — copy of {} (similarity {:.2})",
                c.original_id, c.similarity
            )
        })
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "    {date:<10}  {:<width$}  {}  {}{copy}",
        outlet(d),
        d.id,
        table::cut(d.title.as_deref().unwrap_or("-"), TITLE_CHARS),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_store::{CopyOf, EpisodeRecord};

    fn member(id: &str, outlet: Option<&str>, date: Option<&str>) -> StoryMember {
        StoryMember {
            id: id.into(),
            outlet: outlet.map(str::to_string),
            published: date.map(str::to_string),
            title: Some(format!("Title {id}")),
            copy_of: None,
        }
    }

    #[test]
    fn date_spans() {
        assert_eq!(
            date_span(Some("2026-01-16"), Some("2026-05-20")),
            "2026-01-16 – 2026-05-20"
        );
        assert_eq!(
            date_span(Some("2026-01-16"), Some("2026-01-16")),
            "2026-01-16"
        );
        assert_eq!(date_span(None, None), "undated");
    }

    #[test]
    fn a_story_lists_its_episodes_and_marks_copies() {
        let mut copy = member("bbbbbbbbbbbb", Some("Northgate Ledger"), Some("2026-05-20"));
        copy.copy_of = Some(CopyOf {
            document_id: "bbbbbbbbbbbb".into(),
            original_id: "aaaaaaaaaaaa".into(),
            similarity: 0.934,
        });
        let s = StoryRecord {
            id: "s-aaaaaaaaaaaa".into(),
            title: "Deal signed".into(),
            start: Some("2026-05-19".into()),
            end: Some("2026-05-20".into()),
            documents: vec![
                member("aaaaaaaaaaaa", Some("Harborline"), Some("2026-05-19")),
                copy,
                member("cccccccccccc", None, None),
            ],
            episodes: vec![EpisodeRecord {
                index: 0,
                title: "Deal signed".into(),
                start: Some("2026-05-19".into()),
                end: Some("2026-05-20".into()),
                document_ids: vec!["aaaaaaaaaaaa".into(), "bbbbbbbbbbbb".into()],
            }],
            copies: vec![],
        };
        let mut out = String::new();
        story_text(&s, &FindingsRecord::default(), &mut out);
        assert_eq!(
            out,
            "Deal signed\n  \
             s-aaaaaaaaaaaa · 2026-05-19 – 2026-05-20 · 3 documents · 2 outlets\n  \
             facts: 0 corroborated · 0 single-source · 0 contested · 0 role conflicts\n  \
             2026-05-19 – 2026-05-20  Deal signed (2 documents)\n    \
             2026-05-19  Harborline        aaaaaaaaaaaa  Title aaaaaaaaaaaa\n    \
             2026-05-20  Northgate Ledger  bbbbbbbbbbbb  Title bbbbbbbbbbbb — copy of aaaaaaaaaaaa (similarity 0.93)\n  \
             in no episode (1 document)\n    \
             undated     -                 cccccccccccc  Title cccccccccccc\n"
        );
    }
}
