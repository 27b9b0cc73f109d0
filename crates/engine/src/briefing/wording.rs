//! The briefing's sentences that every renderer shows the same way (text,
//! Markdown, HTML, the web pages): how a fact's support, its reporting
//! chains, its parts and a contest are said in words a reader follows.

use std::collections::HashSet;

use crosscheck_model::export::SignalKind;
use crosscheck_model::{
    ExportClaimPart, ExportContradiction, ExportRoleConflict, ExportRoleSide, ExportSource,
    ExportStoryClaim,
};

use super::{BriefParaphrase, BriefStatement, Briefing, SpeakerQuotes};

/// `Name (role)`, or `No speaker found`.
pub fn speaker_label(s: &SpeakerQuotes) -> String {
    match (&s.speaker, &s.role) {
        (Some(n), Some(r)) => format!("{n} ({r})"),
        (Some(n), None) => n.clone(),
        (None, _) => "No speaker found".to_string(),
    }
}

/// The documents of a statement's appearances that give its first
/// wording, and the other wordings with theirs.
pub fn wordings(s: &BriefStatement) -> (Vec<String>, Vec<(String, Vec<String>)>) {
    let mut same: Vec<String> = Vec::new();
    let mut other: Vec<(String, Vec<String>)> = Vec::new();
    for a in &s.appearances {
        match &a.variant {
            None => {
                if !same.contains(&a.document_id) {
                    same.push(a.document_id.clone());
                }
            }
            Some(v) => match other.iter_mut().find(|(t, _)| t == v) {
                Some((_, docs)) if !docs.contains(&a.document_id) => {
                    docs.push(a.document_id.clone())
                }
                Some(_) => {}
                None => other.push((v.clone(), vec![a.document_id.clone()])),
            },
        }
    }
    (same, other)
}

/// The merged sources of a fact: ("2 of 3 documents count once: all cite
/// Wall Street Journal", their documents), one per source of several
/// documents.
pub fn merges(b: &Briefing, c: &ExportStoryClaim) -> Vec<(String, Vec<String>)> {
    let n = c.supporting_documents.len();
    c.sources
        .iter()
        .filter(|s| s.document_ids.len() > 1)
        .map(|s| {
            let why: Vec<String> = s.merged_because.iter().map(|m| b.shorten_ids(m)).collect();
            (
                format!(
                    "{} of {n} documents count once: {}",
                    s.document_ids.len(),
                    why.join("; ")
                ),
                s.document_ids.clone(),
            )
        })
        .collect()
}

/// The sentence that carries a fact in each supporting document after the
/// first (whose sentence is the fact's headline), and whether it states the
/// whole of the headline or a part of it: the same-fact judge's verdict
/// on the two sentences. A fact joined through a shared event ("the
/// designation" / "the designation led to Special Forces preparations")
/// is supported in part by the shorter report, and the reader sees which.
pub fn support_sentences(c: &ExportStoryClaim) -> Vec<(&str, &str, bool)> {
    let judge = crosscheck_samefact::Judge::shipped();
    let headline = crosscheck_samefact::Statement::new(&c.text);
    let first = c.evidence.first().map(|e| e.document_id.as_str());
    let mut seen: HashSet<&str> = first.into_iter().collect();
    c.evidence
        .iter()
        .filter(|e| seen.insert(e.document_id.as_str()))
        .map(|e| {
            let whole = e.text == c.text
                || judge
                    .rate(&headline, &crosscheck_samefact::Statement::new(&e.text))
                    .same;
            (e.document_id.as_str(), e.text.as_str(), whole)
        })
        .collect()
}

/// `reported as: “Veloria would never let foreign warships in” (said)`:
/// an indirect statement under the quote it reports (unescaped).
pub fn paraphrase_line(p: &BriefParaphrase) -> String {
    let cue = p
        .cue
        .as_deref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    format!("reported as: “{}”{cue}", p.text)
}

/// What supports one part of a fact: `2 independent reporting chains:
/// USA Herald (Thin Line News), Wall Street Journal (119337ec)`, or
/// `USA Herald (Thin Line News) only`.
pub fn part_support(b: &Briefing, p: &ExportClaimPart) -> String {
    let listed = chain_list(b, &p.sources);
    match p.sources.len() {
        0 => "no document".to_string(),
        1 => format!("{listed} only"),
        n => format!("{n} independent reporting chains: {listed}"),
    }
}

/// The lines of a fact's parts, when its documents state only some of
/// them: `“has already led to more patrols” (its main claim): Thin Line
/// News only`.
pub fn part_lines(b: &Briefing, c: &ExportStoryClaim) -> Vec<String> {
    c.parts
        .iter()
        .map(|p| {
            let main = if p.main { " (its main claim)" } else { "" };
            format!("“{}”{main}: {}", p.text, part_support(b, p))
        })
        .collect()
}

/// Parts that two or more independent chains state, of facts whose main
/// claim rests on one: what is confirmed of a single-source claim (“the
/// designation” of “the designation has led to more patrols”).
pub fn confirmed_parts(b: &Briefing) -> Vec<(&ExportStoryClaim, &ExportClaimPart)> {
    b.single_source
        .iter()
        .flat_map(|c| c.parts.iter().map(move |p| (c, p)))
        .filter(|(_, p)| !p.main && p.sources.len() >= 2)
        .collect()
}

/// `2 independent reporting chains: USA Herald (Thin Line News), Wall
/// Street Journal (119337ec) · 2 documents` for a confirmed part.
pub fn part_support_line(b: &Briefing, p: &ExportClaimPart) -> String {
    let d = p.supporting_documents.len();
    format!(
        "{} · {d} {}",
        part_support(b, p),
        if d == 1 { "document" } else { "documents" }
    )
}

/// `2 independent reporting chains: Wall Street Journal (News Journos,
/// 119337ec), USA Herald (Thin Line News) · 3 documents`.
pub fn support_line(b: &Briefing, c: &ExportStoryClaim) -> String {
    let n = c.sources.len().max(c.independent_sources);
    let d = c.supporting_documents.len();
    format!(
        "{n} independent reporting {}: {} · {d} {}",
        if n == 1 { "chain" } else { "chains" },
        chains(b, c),
        if d == 1 { "document" } else { "documents" }
    )
}

/// The reporting chains of a fact, each named with its documents by
/// outlet (or id, when the outlet is unknown): "Wall Street Journal (News
/// Journos, 119337ec), USA Herald (Thin Line News)". A chain named after
/// its only outlet lists just the outlet ("Harborline News", or "Harborline
/// News ×2" for two of its documents).
pub fn chains(b: &Briefing, c: &ExportStoryClaim) -> String {
    chain_list(b, &c.sources)
}

/// Reporting chains, each with its documents by outlet or id.
fn chain_list(b: &Briefing, sources: &[ExportSource]) -> String {
    sources
        .iter()
        .map(|s| {
            let members = member_names(b, &s.document_ids);
            let chain = match (s.chain.is_empty(), members.first()) {
                (false, _) => b.shorten_ids(&s.chain),
                // Findings stored before chains were named.
                (true, Some(first)) => first.0.clone(),
                (true, None) => "outlet unknown".to_string(),
            };
            let listed = listed(&members);
            if members.len() == 1 && members[0].0 == chain {
                listed
            } else {
                format!("{chain} ({listed})")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Documents by outlet, or by short id when the outlet is unknown, with
/// how many documents each name stands for; in order.
fn member_names(b: &Briefing, ids: &[String]) -> Vec<(String, usize)> {
    let mut members: Vec<(String, usize)> = Vec::new();
    for id in ids {
        let name = doc_name(b, id, id);
        match members.iter_mut().find(|(m, _)| *m == name) {
            Some((_, k)) => *k += 1,
            None => members.push((name, 1)),
        }
    }
    members
}

/// A document as the briefing names it: its outlet, else the short id of
/// `fallback` (itself, or the original it copies).
fn doc_name(b: &Briefing, id: &str, fallback: &str) -> String {
    b.document(id)
        .and_then(|d| d.outlet.clone())
        .unwrap_or_else(|| b.shorten_ids(fallback))
}

fn listed(members: &[(String, usize)]) -> String {
    members
        .iter()
        .map(|(m, k)| {
            if *k > 1 {
                format!("{m} ×{k}")
            } else {
                m.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `Harborline News only, no source named`: the outlet of a single-source
/// fact, or the id of a document of unknown outlet (`one source: A, B` when
/// a copy or a shared upstream report joins several), and whether it names
/// a source.
pub fn single_line(b: &Briefing, c: &ExportStoryClaim) -> String {
    let members = member_names(b, &c.supporting_documents);
    let names: Vec<String> = members.iter().map(|m| m.0.clone()).collect();
    let only = match names.as_slice() {
        [] => "outlet unknown".to_string(),
        [one] => format!("{one} only"),
        many => format!("one source: {}", many.join(", ")),
    };
    if c.unattributed {
        format!("{only}, no source named")
    } else {
        only
    }
}

/// The contested facts as pairs (this side, the other side), each pair
/// once.
pub fn contested_pairs(b: &Briefing) -> Vec<(&ExportStoryClaim, &ExportContradiction)> {
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut out = Vec::new();
    for c in &b.contested {
        for x in &c.contradictions {
            if let Some(other) = &x.claim_id {
                let pair = if c.id < *other {
                    (c.id.clone(), other.clone())
                } else {
                    (other.clone(), c.id.clone())
                };
                if !seen.insert(pair) {
                    continue;
                }
            }
            out.push((c, x));
        }
    }
    out
}

/// How a reader weighs a contested figure or date: each side's independent
/// reporting chains, named ("'nearly 300 tonnes': 1 independent reporting
/// chain (Meridian Wire (Kestria Today)); 'about 240 tonnes': 2 …"), which
/// side more chains give, and a document that gives both (it contradicts
/// itself). The other side's chains are those of its fact, when it is one
/// of the story's.
pub fn contest_notes(b: &Briefing, c: &ExportStoryClaim, x: &ExportContradiction) -> Vec<String> {
    let other = x.claim_id.as_deref().and_then(|id| {
        b.confirmed
            .iter()
            .chain(&b.single_source)
            .chain(&b.contested)
            .find(|f| f.id == id)
    });
    let labels: Vec<&str> = x.reason.split(" against ").collect();
    let (mine, theirs) = match labels.as_slice() {
        [a, b] => (format!("'{a}'"), format!("'{b}'")),
        _ => ("this side".to_string(), "the other side".to_string()),
    };
    let side = |label: &str, sources: &[ExportSource]| {
        let n = sources.len();
        format!(
            "{label}: {n} independent reporting {} ({})",
            if n == 1 { "chain" } else { "chains" },
            chain_list(b, sources)
        )
    };
    let mut out = Vec::new();
    if let Some(o) = other {
        out.push(format!(
            "{}; {}; {}",
            side(&mine, &c.sources),
            side(&theirs, &o.sources),
            more_give(&[(&mine, c.sources.len()), (&theirs, o.sources.len())])
        ));
    }
    for id in c
        .supporting_documents
        .iter()
        .filter(|d| x.document_ids.contains(d))
    {
        out.push(format!(
            "{} gives both: it contradicts itself",
            b.cite_one(id)
        ));
    }
    out
}

/// Which side more independent chains give ("more give 'X'"), or that no
/// side leads ("as many give each: undecided").
fn more_give(sides: &[(&str, usize)]) -> String {
    let most = sides.iter().map(|s| s.1).max().unwrap_or(0);
    match sides
        .iter()
        .filter(|s| s.1 == most)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [one] => format!("more give {}", one.0),
        _ => "as many give each: undecided".to_string(),
    }
}

/// A role conflict's first side (the title the others contradict) and the
/// rest; `None` for a conflict with no sides.
pub fn role_sides(r: &ExportRoleConflict) -> Option<(&ExportRoleSide, &[ExportRoleSide])> {
    r.sides.split_first()
}

/// What a reader weighs a role conflict by: how many independent sources
/// give each side (a copy and its original, and one outlet's documents,
/// count once), which side more of them give, and a document that gives
/// more than one side (it contradicts itself).
pub fn role_notes(b: &Briefing, r: &ExportRoleConflict) -> Vec<String> {
    let sources = |ids: &[String]| -> usize {
        let mut names: Vec<String> = ids
            .iter()
            .map(|id| {
                let original = b.document(id).and_then(|d| d.copy_of.as_deref());
                doc_name(b, id, original.unwrap_or(id))
            })
            .collect();
        names.sort();
        names.dedup();
        names.len()
    };
    // Each side's independent reporting chains, named ("'U.S. President': 3
    // independent reporting chains: Wall Street Journal (News Journos),
    // AIWorldNewz.com, ee92d6ec"); findings stored before chains were kept
    // for role conflicts count outlets and copies only.
    let counts: Vec<(String, usize, String)> = r
        .sides
        .iter()
        .map(|s| {
            if s.sources.is_empty() {
                (s.title.clone(), sources(&s.document_ids), String::new())
            } else {
                (s.title.clone(), s.sources.len(), chain_list(b, &s.sources))
            }
        })
        .collect();
    let mut out = vec![counts
        .iter()
        .map(|(t, n, named)| {
            let noun = match (named.is_empty(), *n == 1) {
                (true, true) => "source",
                (true, false) => "sources",
                (false, true) => "reporting chain",
                (false, false) => "reporting chains",
            };
            if named.is_empty() {
                format!("'{t}': {n} independent {noun}")
            } else {
                format!("'{t}': {n} independent {noun} ({named})")
            }
        })
        .collect::<Vec<_>>()
        .join("; ")];
    let titles: Vec<String> = counts.iter().map(|c| format!("'{}'", c.0)).collect();
    let sides: Vec<(&str, usize)> = titles
        .iter()
        .zip(&counts)
        .map(|(t, c)| (t.as_str(), c.1))
        .collect();
    out[0].push_str(&format!("; {}", more_give(&sides)));
    for id in on_several_sides(r) {
        out.push(format!(
            "{} gives more than one of these titles: it contradicts itself",
            b.cite_one(id)
        ));
    }
    out
}

/// The documents that give more than one side of a role conflict, in the
/// order they first appear.
pub fn on_several_sides(r: &ExportRoleConflict) -> Vec<&String> {
    let mut seen: Vec<&String> = Vec::new();
    let mut several: Vec<&String> = Vec::new();
    for s in &r.sides {
        for id in &s.document_ids {
            if seen.contains(&id) {
                if !several.contains(&id) {
                    several.push(id);
                }
            } else {
                seen.push(id);
            }
        }
    }
    several
}

/// `2025-05-03 – 2025-11-19`, one date, or `undated`.
pub fn span(start: Option<&str>, end: Option<&str>) -> String {
    match (start, end) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) | (None, Some(a)) => a.to_string(),
        (None, None) => "undated".to_string(),
    }
}

/// One line of the outlet notes: the outlet, one of its signals in words,
/// and the documents behind the figure.
pub struct NoteLine<'a> {
    pub outlet: &'a str,
    pub text: &'a str,
    pub documents: &'a [String],
}

/// The outlet notes as lines, outlet by outlet: each signal that applies
/// and found something, and the share of claims naming no source even when
/// it is 0 (the figure to read the others against).
pub fn note_lines(b: &Briefing) -> Vec<NoteLine<'_>> {
    let mut out = Vec::new();
    for o in &b.outlet_notes {
        let outlet = o.outlet.as_deref().unwrap_or("outlet unknown");
        for s in &o.signals {
            if s.applicable && (s.count > 0 || s.kind == SignalKind::UnattributedClaims) {
                out.push(NoteLine {
                    outlet,
                    text: &s.summary,
                    documents: &s.document_ids,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_on_two_sides_contradicts_itself() {
        let side = |title: &str, ids: &[&str]| ExportRoleSide {
            title: title.into(),
            document_ids: ids.iter().map(|s| s.to_string()).collect(),
            sources: Vec::new(),
        };
        let r = ExportRoleConflict {
            entity: "Donald Trump".into(),
            sides: vec![
                side("former U.S. President", &["a", "b"]),
                side("U.S. President", &["b", "c"]),
                side("President-elect", &["c", "d"]),
            ],
        };
        assert_eq!(on_several_sides(&r), ["b", "c"]);
        let apart = ExportRoleConflict {
            entity: "Donald Trump".into(),
            sides: vec![
                side("former U.S. President", &["a"]),
                side("U.S. President", &["c"]),
            ],
        };
        assert!(on_several_sides(&apart).is_empty());
    }
}
