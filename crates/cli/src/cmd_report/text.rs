//! The briefing as plain text for the terminal: a heading per section,
//! one bullet per item, and under it the lines that cite its documents
//! (`[short id outlet date; …]`).

use std::fmt::Write as _;

use crosscheck_engine::briefing::wording::{
    confirmed_parts, contest_notes, contested_pairs, merges, note_lines, paraphrase_line,
    part_lines, part_support_line, role_notes, role_sides, single_line, span, speaker_label,
    support_line, support_sentences, wordings,
};
use crosscheck_engine::briefing::{Briefing, SpeakerQuotes};
use crosscheck_model::ExportStoryClaim;

/// Every briefing, separated by a rule.
pub fn render(briefings: &[Briefing]) -> String {
    let mut out = String::new();
    for (i, b) in briefings.iter().enumerate() {
        if i > 0 {
            out.push_str("\n────────────────────────────────────────\n\n");
        }
        briefing(b, &mut out);
    }
    out
}

fn cite(b: &Briefing, ids: &[String]) -> String {
    format!("[{}]", b.cite(ids))
}

fn heading(out: &mut String, title: &str, n: Option<usize>) {
    match n {
        Some(n) => {
            let _ = writeln!(out, "\n{title} ({n})");
        }
        None => {
            let _ = writeln!(out, "\n{title}");
        }
    }
}

fn none(out: &mut String, empty: bool) {
    if empty {
        out.push_str("  none\n");
    }
}

fn briefing(b: &Briefing, out: &mut String) {
    let _ = writeln!(out, "{}", b.title);
    let docs = b.documents.len();
    let outlets = b.outlet_names();
    let _ = writeln!(
        out,
        "{} · {} · {docs} {} · {outlets} {}",
        b.id,
        span(b.start.as_deref(), b.end.as_deref()),
        if docs == 1 { "document" } else { "documents" },
        if outlets == 1 { "outlet" } else { "outlets" },
    );
    let listed: Vec<String> = b
        .outlets
        .iter()
        .map(|o| {
            let docs: Vec<String> = o
                .document_ids
                .iter()
                .map(|d| {
                    let doc = b.document(d);
                    let mut c = b.short(d);
                    if let Some(p) = doc.and_then(|x| x.published.as_deref()) {
                        c.push(' ');
                        c.push_str(p);
                    }
                    c
                })
                .collect();
            format!(
                "{} [{}]",
                o.name.as_deref().unwrap_or("outlet unknown"),
                docs.join("; ")
            )
        })
        .collect();
    let _ = writeln!(out, "Outlets: {}", listed.join(", "));

    heading(out, "TIMELINE", None);
    for e in &b.timeline {
        let _ = writeln!(
            out,
            "  {}  {}",
            span(e.start.as_deref(), e.end.as_deref()),
            e.title
        );
        let _ = writeln!(out, "      {}", cite(b, &e.document_ids));
    }
    none(out, b.timeline.is_empty());

    let parts = confirmed_parts(b);
    heading(
        out,
        "WHAT IS CONFIRMED",
        Some(b.confirmed.len() + parts.len()),
    );
    for c in &b.confirmed {
        let _ = writeln!(out, "  • {}", c.text);
        let _ = writeln!(out, "    {}", support_line(b, c));
        for (why, docs) in merges(b, c) {
            let _ = writeln!(out, "    {why} {}", cite(b, &docs));
        }
        let _ = writeln!(out, "    {}", cite(b, &c.supporting_documents));
        sentences_and_parts(out, b, c);
    }
    for (_, p) in &parts {
        let _ = writeln!(
            out,
            "  • “{}” (part of a single-source claim below)",
            p.text
        );
        let _ = writeln!(out, "    {}", part_support_line(b, p));
        let _ = writeln!(out, "    {}", cite(b, &p.supporting_documents));
    }
    none(out, b.confirmed.is_empty() && parts.is_empty());

    heading(out, "SINGLE-SOURCE CLAIMS", Some(b.single_source.len()));
    for c in &b.single_source {
        let _ = writeln!(out, "  • {}", c.text);
        let _ = writeln!(
            out,
            "    {} {}",
            single_line(b, c),
            cite(b, &c.supporting_documents)
        );
        for (why, docs) in merges(b, c) {
            let _ = writeln!(out, "    {why} {}", cite(b, &docs));
        }
        if !c.parts.is_empty() {
            sentences_and_parts(out, b, c);
        }
    }
    none(out, b.single_source.is_empty());

    let pairs = contested_pairs(b);
    heading(
        out,
        "CONTESTED POINTS",
        Some(pairs.len() + b.role_conflicts.len()),
    );
    for (c, x) in &pairs {
        let _ = writeln!(out, "  • {}", x.reason);
        let _ = writeln!(
            out,
            "    \"{}\" {}",
            c.text,
            cite(b, &c.supporting_documents)
        );
        let _ = writeln!(
            out,
            "    against \"{}\" {}",
            x.text,
            cite(b, &x.document_ids)
        );
        for note in contest_notes(b, c, x) {
            let _ = writeln!(out, "    {note}");
        }
    }
    for r in &b.role_conflicts {
        let Some((first, rest)) = role_sides(r) else {
            continue;
        };
        let others: Vec<String> = rest
            .iter()
            .map(|s| format!("'{}' {}", s.title, cite(b, &s.document_ids)))
            .collect();
        let _ = writeln!(
            out,
            "  • {}: '{}' {} against {}",
            r.entity,
            first.title,
            cite(b, &first.document_ids),
            others.join(", ")
        );
        for note in role_notes(b, r) {
            let _ = writeln!(out, "    {note}");
        }
    }
    none(out, pairs.is_empty() && b.role_conflicts.is_empty());

    heading(out, "WHO SAID WHAT", None);
    for s in &b.quotes {
        speaker(b, s, out);
    }
    none(out, b.quotes.is_empty());

    heading(out, "OUTLET NOTES (signals, not verdicts)", None);
    let notes = note_lines(b);
    for n in &notes {
        let _ = writeln!(out, "  • {}: {} {}", n.outlet, n.text, cite(b, n.documents));
    }
    none(out, notes.is_empty());
}

fn speaker(b: &Briefing, s: &SpeakerQuotes, out: &mut String) {
    let _ = writeln!(out, "  {}", speaker_label(s));
    for st in &s.statements {
        let (same, other) = wordings(st);
        let cue = st
            .cue
            .as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        let _ = writeln!(out, "    • \"{}\"{cue} {}", st.text, cite(b, &same));
        for (text, docs) in other {
            let _ = writeln!(out, "      other wording: \"{text}\" {}", cite(b, &docs));
        }
        for p in &st.paraphrases {
            let _ = writeln!(
                out,
                "      {} {}",
                paraphrase_line(p),
                cite(b, std::slice::from_ref(&p.document_id))
            );
        }
    }
}

/// Each further document's sentence of a fact, and its parts' support when
/// its documents state only some of it.
fn sentences_and_parts(out: &mut String, b: &Briefing, c: &ExportStoryClaim) {
    for (doc, sentence, whole) in support_sentences(c) {
        let part = if whole { "" } else { " (in part)" };
        let _ = writeln!(out, "      {}{part}: “{sentence}”", b.cite_one(doc));
    }
    if !c.parts.is_empty() {
        let _ = writeln!(out, "    in parts:");
        for line in part_lines(b, c) {
            let _ = writeln!(out, "      {line}");
        }
    }
}
