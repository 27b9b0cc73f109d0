//! The briefing as one self-contained HTML page: inline style, no script,
//! no external asset; every piece of text from the documents escaped.

use std::fmt::Write as _;

use crosscheck_engine::briefing::wording::{
    confirmed_parts, contest_notes, contested_pairs, merges, note_lines, paraphrase_line,
    part_lines, part_support_line, role_notes, role_sides, single_line, span, speaker_label,
    support_line, support_sentences, wordings,
};
use crosscheck_engine::briefing::Briefing;
use crosscheck_model::ExportStoryClaim;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;\
max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#1d1d1f}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:1.8rem;\
border-bottom:1px solid #ddd;padding-bottom:.2rem}ul{padding-left:1.2rem}li{margin:.35rem 0}\
.meta{color:#555}.cite{color:#555;font-size:.88em}.cite code{background:#f2f2f2;\
padding:0 .2em;border-radius:3px}.detail{color:#333;font-size:.95em}\
.note{color:#8a5a00}article+article{border-top:3px double #bbb;margin-top:2.5rem}";

/// Every briefing on one page.
pub fn render(briefings: &[Briefing]) -> String {
    let mut out = String::new();
    let title = match briefings {
        [one] => escape(&one.title),
        _ => "crosscheck briefing".to_string(),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    for b in briefings {
        briefing(b, &mut out);
    }
    if briefings.is_empty() {
        out.push_str("<p>No stories.</p>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Text escaped for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `<span class="cite">(<code>e8f7b90b</code> News Journos 2025-05-03; …)</span>`.
fn cite(b: &Briefing, ids: &[String]) -> String {
    let parts: Vec<String> = ids
        .iter()
        .map(|id| {
            let (short, rest) = b.cite_parts(id);
            format!(
                "<code title=\"{}\">{}</code>{}",
                escape(id),
                escape(&short),
                escape(&rest)
            )
        })
        .collect();
    format!("<span class=\"cite\">({})</span>", parts.join("; "))
}

fn section(out: &mut String, title: &str, empty: bool) {
    let _ = writeln!(out, "<section>\n<h2>{}</h2>", escape(title));
    if empty {
        out.push_str("<p>None.</p>\n");
    }
}

fn end_section(out: &mut String) {
    out.push_str("</section>\n");
}

fn detail(text: &str, cites: &str) -> String {
    format!("<div class=\"detail\">{} {cites}</div>", escape(text))
}

fn briefing(b: &Briefing, out: &mut String) {
    let _ = writeln!(out, "<article id=\"{}\">", escape(&b.id));
    let _ = writeln!(out, "<h1>{}</h1>", escape(&b.title));
    let docs = b.documents.len();
    let _ = writeln!(
        out,
        "<p class=\"meta\"><code>{}</code> · {} · {docs} {} · {} {}</p>",
        escape(&b.id),
        escape(&span(b.start.as_deref(), b.end.as_deref())),
        if docs == 1 { "document" } else { "documents" },
        b.outlet_names(),
        if b.outlet_names() == 1 {
            "outlet"
        } else {
            "outlets"
        },
    );
    out.push_str("<p class=\"meta\">Outlets: ");
    let outlets: Vec<String> = b
        .outlets
        .iter()
        .map(|o| {
            format!(
                "{} {}",
                escape(o.name.as_deref().unwrap_or("outlet unknown")),
                cite(b, &o.document_ids)
            )
        })
        .collect();
    out.push_str(&outlets.join(", "));
    out.push_str("</p>\n");

    section(out, "Timeline", b.timeline.is_empty());
    list(
        out,
        b.timeline.iter().map(|e| {
            format!(
                "<strong>{}</strong> {} {}",
                escape(&span(e.start.as_deref(), e.end.as_deref())),
                escape(&e.title),
                cite(b, &e.document_ids)
            )
        }),
    );
    end_section(out);

    let parts = confirmed_parts(b);
    section(
        out,
        "What is confirmed",
        b.confirmed.is_empty() && parts.is_empty(),
    );
    list(
        out,
        b.confirmed
            .iter()
            .map(|c| {
                let mut li = format!(
                    "{}{}",
                    escape(&c.text),
                    detail(&support_line(b, c), &cite(b, &c.supporting_documents))
                );
                for (why, docs) in merges(b, c) {
                    li.push_str(&detail(&why, &cite(b, &docs)));
                }
                li.push_str(&sentences_and_parts(b, c));
                li
            })
            .chain(parts.iter().map(|(_, p)| {
                format!(
                    "“{}” (part of a single-source claim below){}",
                    escape(&p.text),
                    detail(&part_support_line(b, p), &cite(b, &p.supporting_documents))
                )
            })),
    );
    end_section(out);

    section(out, "Single-source claims", b.single_source.is_empty());
    list(
        out,
        b.single_source.iter().map(|c| {
            let mut li = format!(
                "{}{}",
                escape(&c.text),
                detail(&single_line(b, c), &cite(b, &c.supporting_documents))
            );
            for (why, docs) in merges(b, c) {
                li.push_str(&detail(&why, &cite(b, &docs)));
            }
            if !c.parts.is_empty() {
                li.push_str(&sentences_and_parts(b, c));
            }
            li
        }),
    );
    end_section(out);

    let pairs = contested_pairs(b);
    section(
        out,
        "Contested points",
        pairs.is_empty() && b.role_conflicts.is_empty(),
    );
    let mut items: Vec<String> = pairs
        .iter()
        .map(|(c, x)| {
            let notes: String = contest_notes(b, c, x)
                .iter()
                .map(|n| format!("<div class=\"detail\">{}</div>", escape(n)))
                .collect();
            format!(
                "{}{}{}{notes}",
                escape(&x.reason),
                detail(&format!("“{}”", c.text), &cite(b, &c.supporting_documents)),
                detail(&format!("against “{}”", x.text), &cite(b, &x.document_ids))
            )
        })
        .collect();
    for r in &b.role_conflicts {
        let Some((first, rest)) = role_sides(r) else {
            continue;
        };
        let others: Vec<String> = rest
            .iter()
            .map(|s| format!("‘{}’ {}", escape(&s.title), cite(b, &s.document_ids)))
            .collect();
        let notes: String = role_notes(b, r)
            .iter()
            .map(|n| format!("<div class=\"detail\">{}</div>", escape(n)))
            .collect();
        items.push(format!(
            "{}: ‘{}’ {} against {}{notes}",
            escape(&r.entity),
            escape(&first.title),
            cite(b, &first.document_ids),
            others.join(", ")
        ));
    }
    list(out, items.into_iter());
    end_section(out);

    section(out, "Who said what", b.quotes.is_empty());
    list(
        out,
        b.quotes.iter().map(|s| {
            let mut li = format!("<strong>{}</strong><ul>", escape(&speaker_label(s)));
            for st in &s.statements {
                let (same, other) = wordings(st);
                let cue = st
                    .cue
                    .as_deref()
                    .map(|c| format!(" ({})", escape(c)))
                    .unwrap_or_default();
                let _ = write!(li, "<li>“{}”{cue} {}", escape(&st.text), cite(b, &same));
                for (text, docs) in other {
                    li.push_str(&detail(
                        &format!("other wording: “{text}”"),
                        &cite(b, &docs),
                    ));
                }
                for p in &st.paraphrases {
                    li.push_str(&detail(
                        &paraphrase_line(p),
                        &cite(b, std::slice::from_ref(&p.document_id)),
                    ));
                }
                li.push_str("</li>");
            }
            li.push_str("</ul>");
            li
        }),
    );
    end_section(out);

    let notes = note_lines(b);
    section(
        out,
        "Outlet notes (signals, not verdicts)",
        notes.is_empty(),
    );
    list(
        out,
        notes.iter().map(|n| {
            format!(
                "<span class=\"note\">{}: {}</span> {}",
                escape(n.outlet),
                escape(n.text),
                cite(b, n.documents)
            )
        }),
    );
    end_section(out);
    out.push_str("</article>\n");
}

/// `<ul>` of already-escaped items; nothing for none.
fn list(out: &mut String, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        return;
    }
    out.push_str("<ul>\n");
    for i in items {
        let _ = writeln!(out, "<li>{i}</li>");
    }
    out.push_str("</ul>\n");
}

/// Each further document's sentence of a fact, and its parts' support when
/// its documents state only some of it.
fn sentences_and_parts(b: &Briefing, c: &ExportStoryClaim) -> String {
    let mut out = String::new();
    for (doc, sentence, whole) in support_sentences(c) {
        let part = if whole { "" } else { " (in part)" };
        out.push_str(&format!(
            "<div class=\"detail\">{}{part}: “{}”</div>",
            cite(b, &[doc.to_string()]),
            escape(sentence)
        ));
    }
    if !c.parts.is_empty() {
        out.push_str("<div class=\"detail\">in parts:</div>");
        for line in part_lines(b, c) {
            out.push_str(&format!(
                "<div class=\"detail\">&nbsp;&nbsp;{}</div>",
                escape(&line)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape("<script>alert(\"x & y\")</script> it's"),
            "&lt;script&gt;alert(&quot;x &amp; y&quot;)&lt;/script&gt; it&#39;s"
        );
    }

    #[test]
    fn an_empty_report_is_a_whole_page() {
        let page = render(&[]);
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.ends_with("</html>\n"));
        assert!(!page.contains("http"), "no external asset: {page}");
    }
}
