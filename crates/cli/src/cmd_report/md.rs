//! The briefing as Markdown: a `#` heading per story, `##` per section,
//! bullet lists with the citations as nested bullets. Text from the
//! documents is escaped so that it cannot turn into markup.

use std::fmt::Write as _;

use crosscheck_engine::briefing::wording::{
    confirmed_parts, contest_notes, contested_pairs, merges, note_lines, paraphrase_line,
    part_lines, part_support_line, role_notes, role_sides, single_line, span, speaker_label,
    support_line, support_sentences, wordings,
};
use crosscheck_engine::briefing::Briefing;
use crosscheck_model::ExportStoryClaim;

/// Every briefing, separated by a rule.
pub fn render(briefings: &[Briefing]) -> String {
    let mut out = String::new();
    for (i, b) in briefings.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        briefing(b, &mut out);
    }
    out
}

/// Text with Markdown's punctuation escaped; line breaks become spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// `(e8f7b90b News Journos 2025-05-03; …)` with the short ids as code.
fn cite(b: &Briefing, ids: &[String]) -> String {
    let parts: Vec<String> = ids
        .iter()
        .map(|id| {
            let (short, rest) = b.cite_parts(id);
            format!("`{short}`{}", escape(&rest))
        })
        .collect();
    format!("({})", parts.join("; "))
}

fn section(out: &mut String, title: &str, empty: bool) {
    let _ = writeln!(out, "\n## {title}\n");
    if empty {
        out.push_str("None.\n");
    }
}

fn briefing(b: &Briefing, out: &mut String) {
    let _ = writeln!(out, "# {}\n", escape(&b.title));
    let docs = b.documents.len();
    let _ = writeln!(
        out,
        "`{}` · {} · {docs} {} · {} {}\n",
        b.id,
        span(b.start.as_deref(), b.end.as_deref()),
        if docs == 1 { "document" } else { "documents" },
        b.outlet_names(),
        if b.outlet_names() == 1 {
            "outlet"
        } else {
            "outlets"
        },
    );
    out.push_str("Outlets:\n\n");
    for o in &b.outlets {
        let _ = writeln!(
            out,
            "- {} {}",
            escape(o.name.as_deref().unwrap_or("outlet unknown")),
            cite(b, &o.document_ids)
        );
    }

    section(out, "Timeline", b.timeline.is_empty());
    for e in &b.timeline {
        let _ = writeln!(
            out,
            "- **{}** {} {}",
            span(e.start.as_deref(), e.end.as_deref()),
            escape(&e.title),
            cite(b, &e.document_ids)
        );
    }

    let parts = confirmed_parts(b);
    section(
        out,
        "What is confirmed",
        b.confirmed.is_empty() && parts.is_empty(),
    );
    for c in &b.confirmed {
        let _ = writeln!(out, "- {}", escape(&c.text));
        let _ = writeln!(
            out,
            "  - {} {}",
            escape(&support_line(b, c)),
            cite(b, &c.supporting_documents)
        );
        for (why, docs) in merges(b, c) {
            let _ = writeln!(out, "  - {} {}", escape(&why), cite(b, &docs));
        }
        sentences_and_parts(out, b, c);
    }
    for (_, p) in &parts {
        let _ = writeln!(
            out,
            "- “{}” (part of a single-source claim below)",
            escape(&p.text)
        );
        let _ = writeln!(
            out,
            "  - {} {}",
            escape(&part_support_line(b, p)),
            cite(b, &p.supporting_documents)
        );
    }

    section(out, "Single-source claims", b.single_source.is_empty());
    for c in &b.single_source {
        let _ = writeln!(out, "- {}", escape(&c.text));
        let _ = writeln!(
            out,
            "  - {} {}",
            escape(&single_line(b, c)),
            cite(b, &c.supporting_documents)
        );
        for (why, docs) in merges(b, c) {
            let _ = writeln!(out, "  - {} {}", escape(&why), cite(b, &docs));
        }
        if !c.parts.is_empty() {
            sentences_and_parts(out, b, c);
        }
    }

    let pairs = contested_pairs(b);
    section(
        out,
        "Contested points",
        pairs.is_empty() && b.role_conflicts.is_empty(),
    );
    for (c, x) in &pairs {
        let _ = writeln!(out, "- {}", escape(&x.reason));
        let _ = writeln!(
            out,
            "  - “{}” {}",
            escape(&c.text),
            cite(b, &c.supporting_documents)
        );
        let _ = writeln!(
            out,
            "  - against “{}” {}",
            escape(&x.text),
            cite(b, &x.document_ids)
        );
        for note in contest_notes(b, c, x) {
            let _ = writeln!(out, "  - {}", escape(&note));
        }
    }
    for r in &b.role_conflicts {
        let Some((first, rest)) = role_sides(r) else {
            continue;
        };
        let others: Vec<String> = rest
            .iter()
            .map(|s| format!("‘{}’ {}", escape(&s.title), cite(b, &s.document_ids)))
            .collect();
        let _ = writeln!(
            out,
            "- {}: ‘{}’ {} against {}",
            escape(&r.entity),
            escape(&first.title),
            cite(b, &first.document_ids),
            others.join(", ")
        );
        for note in role_notes(b, r) {
            let _ = writeln!(out, "  - {}", escape(&note));
        }
    }

    section(out, "Who said what", b.quotes.is_empty());
    for s in &b.quotes {
        let _ = writeln!(out, "- **{}**", escape(&speaker_label(s)));
        for st in &s.statements {
            let (same, other) = wordings(st);
            let cue = st
                .cue
                .as_deref()
                .map(|c| format!(" ({})", escape(c)))
                .unwrap_or_default();
            let _ = writeln!(out, "  - “{}”{cue} {}", escape(&st.text), cite(b, &same));
            for (text, docs) in other {
                let _ = writeln!(
                    out,
                    "    - other wording: “{}” {}",
                    escape(&text),
                    cite(b, &docs)
                );
            }
            for p in &st.paraphrases {
                let _ = writeln!(
                    out,
                    "    - {} {}",
                    escape(&paraphrase_line(p)),
                    cite(b, std::slice::from_ref(&p.document_id))
                );
            }
        }
    }

    let notes = note_lines(b);
    section(
        out,
        "Outlet notes (signals, not verdicts)",
        notes.is_empty(),
    );
    for n in &notes {
        let _ = writeln!(
            out,
            "- {}: {} {}",
            escape(n.outlet),
            escape(n.text),
            cite(b, n.documents)
        );
    }
}

/// Each further document's sentence of a fact, and its parts' support when
/// its documents state only some of it.
fn sentences_and_parts(out: &mut String, b: &Briefing, c: &ExportStoryClaim) {
    for (doc, sentence, whole) in support_sentences(c) {
        let part = if whole { "" } else { " (in part)" };
        let _ = writeln!(
            out,
            "  - {}{part}: “{}”",
            cite(b, &[doc.to_string()]),
            escape(sentence)
        );
    }
    if !c.parts.is_empty() {
        let _ = writeln!(out, "  - in parts:");
        for line in part_lines(b, c) {
            let _ = writeln!(out, "    - {}", escape(&line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_punctuation_is_escaped() {
        assert_eq!(
            escape("a *b* [c](d) <e> #1 `f`\nnext"),
            "a \\*b\\* \\[c\\](d) \\<e\\> \\#1 \\`f\\` next"
        );
    }
}
