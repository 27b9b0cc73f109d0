//! A document as a reader opens it: its metadata with the evidence for
//! each field, its clean text with the cited sentence highlighted in
//! context (and its quotes and check-worthy claims marked), then its
//! entities, quotes and claims, each linking back into the text; the lines
//! extraction removed on request.

use axum::extract::{Path, State};
use axum::response::Response;
use crosscheck_engine::documents::DocumentView;
use crosscheck_model::{QuoteKind, CHECKWORTHY};
use maud::{html, Markup};
use serde::Deserialize;

use super::{doc_link, encode, layout};
use crate::api::Q;
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct DocumentParams {
    start: Option<usize>,
    end: Option<usize>,
    explain: Option<bool>,
}

pub async fn page(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Q(p): Q<DocumentParams>,
) -> Response {
    super::page(view(&s, id, p).await)
}

/// What a marked stretch of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// The span the link asked for.
    Evidence,
    Quote,
    Claim,
}

/// Non-overlapping marks in text order: the evidence first, then quotes,
/// then check-worthy claims, each kept only where it overlaps nothing kept.
fn marks(
    view: &DocumentView,
    evidence: Option<(usize, usize)>,
) -> Vec<(usize, usize, Mark, String)> {
    let text = &view.document.text;
    let valid = |s: usize, e: usize| {
        s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    let mut wanted: Vec<(usize, usize, Mark, String)> = Vec::new();
    if let Some((s, e)) = evidence.filter(|&(s, e)| valid(s, e)) {
        wanted.push((s, e, Mark::Evidence, "the cited sentence".into()));
    }
    if let Some(a) = &view.analysis {
        for q in &a.analysis.quotes {
            let who = q
                .speaker
                .and_then(|i| a.analysis.entities.get(i))
                .map_or_else(|| "speaker not found".to_string(), |e| e.name.clone());
            let kind = match q.kind {
                QuoteKind::Direct => "quote",
                QuoteKind::Partial => "partial quote",
                QuoteKind::Indirect => "reported speech",
            };
            wanted.push((
                q.content.start,
                q.content.end,
                Mark::Quote,
                format!("{kind}: {who}"),
            ));
        }
        for c in &a.analysis.claims {
            if c.checkworthiness >= CHECKWORTHY {
                wanted.push((
                    c.span.start,
                    c.span.end,
                    Mark::Claim,
                    format!("claim, check-worthiness {:.2}", c.checkworthiness),
                ));
            }
        }
    }
    let mut kept: Vec<(usize, usize, Mark, String)> = Vec::new();
    for w in wanted {
        if valid(w.0, w.1) && kept.iter().all(|k| w.1 <= k.0 || k.1 <= w.0) {
            kept.push(w);
        }
    }
    kept.sort_by_key(|k| k.0);
    kept
}

/// The paragraphs of the text (split at blank lines) with their offsets.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while let Some(at) = text[start..].find("\n\n") {
        out.push((start, start + at));
        start += at + 2;
    }
    out.push((start, text.len()));
    out.retain(|&(s, e)| !text[s..e].trim().is_empty());
    out
}

/// The text of the paragraph holding `start..end`, before and after it.
pub fn paragraph_around(text: &str, start: usize, end: usize) -> (String, String) {
    if !(start < end
        && end <= text.len()
        && text.is_char_boundary(start)
        && text.is_char_boundary(end))
    {
        return (String::new(), String::new());
    }
    let from = text[..start].rfind("\n\n").map_or(0, |i| i + 2);
    let to = text[end..].find("\n\n").map_or(text.len(), |i| end + i);
    (text[from..start].to_string(), text[end..to].to_string())
}

/// The pieces of paragraph `ps..pe`: plain text, or text under a mark.
fn pieces<'a>(
    text: &'a str,
    (ps, pe): (usize, usize),
    marks: &'a [(usize, usize, Mark, String)],
) -> Vec<(Option<(Mark, &'a str)>, &'a str)> {
    let mut out = Vec::new();
    let mut at = ps;
    for m in marks.iter().filter(|m| m.0 < pe && ps < m.1) {
        let (s, e) = (m.0.max(ps), m.1.min(pe));
        if s < at {
            continue;
        }
        out.push((None, &text[at..s]));
        out.push((Some((m.2, m.3.as_str())), &text[s..e]));
        at = e;
    }
    out.push((None, &text[at..pe]));
    out
}

fn marked_text(text: &str, marks: &[(usize, usize, Mark, String)]) -> Markup {
    html! {
        div.text {
            @for para in paragraphs(text) {
                p {
                    @for (mark, piece) in pieces(text, para, marks) {
                        @match mark {
                            None => (piece),
                            Some((Mark::Evidence, why)) => mark #evidence title=(why) { (piece) },
                            Some((Mark::Quote, why)) => span.quote title=(why) { (piece) },
                            Some((Mark::Claim, why)) => span.claim title=(why) { (piece) },
                        }
                    }
                }
            }
        }
    }
}

async fn view(s: &AppState, id: String, p: DocumentParams) -> Result<Markup, ApiError> {
    let wanted = id.clone();
    let v = s
        .read(move |store| {
            crosscheck_engine::documents::document(store, &wanted)?
                .ok_or_else(|| ApiError::not_found(format!("no document {wanted}")))
        })
        .await?;
    let d = &v.document;
    let evidence = match (p.start, p.end) {
        (Some(s), Some(e)) => Some((s, e)),
        _ => None,
    };
    let marks = marks(&v, evidence);
    let explain = p.explain.unwrap_or(false);
    let date_note = match (&d.date_evidence.source, &d.date_evidence.reason) {
        (Some(src), _) => format!("from {src}"),
        (None, Some(reason)) => reason.clone(),
        _ => String::new(),
    };
    let title = d.title.clone().unwrap_or_else(|| "(untitled)".into());
    Ok(layout(
        &title,
        html! {
            article.document {
                h1 { (title) }
                dl.meta {
                    dt { "Outlet" } dd { (d.outlet.as_deref().unwrap_or("unknown")) }
                    dt { "Author" } dd { (d.author.as_deref().unwrap_or("—")) }
                    dt { "Published" } dd { (d.published.as_deref().unwrap_or("undated")) @if !date_note.is_empty() { " (" (date_note) ")" } }
                    dt { "Language" } dd { (d.language.as_deref().unwrap_or("—")) }
                    dt { "Source" } dd { code { (d.source) } }
                    dt { "Id" } dd { code { (d.id) } }
                    @if !d.upstream_sources.is_empty() {
                        dt { "Rests on" } dd {
                            @for (i, u) in d.upstream_sources.iter().enumerate() {
                                @if i > 0 { "; " }
                                a href=(doc_link(&d.id, Some((u.start, u.end)))) { (u.name) } " (" (u.cue) ")"
                            }
                        }
                    }
                    @if let Some((sid, stitle)) = &v.place.story {
                        dt { "Story" } dd { a href=(format!("/stories/{}", encode(sid))) { (stitle) } }
                    }
                    @if let Some(c) = &v.place.copy_of {
                        dt { "Copy of" } dd { a href=(doc_link(&c.original_id, None)) { code { (c.original_id) } } " (similarity " (format!("{:.2}", c.similarity)) ")" }
                    }
                    @if !v.place.copies.is_empty() {
                        dt { "Copies" } dd { @for c in &v.place.copies { a href=(doc_link(&c.document_id, None)) { code { (c.document_id) } } " " } }
                    }
                    dt { "Removed" } dd {
                        (d.removed.boilerplate_lines) " boilerplate lines, " (d.removed.duplicate_paragraphs) " duplicate paragraphs · "
                        @if explain { a href=(doc_link(&d.id, None)) { "hide them" } } @else { a href=(format!("/documents/{}?explain=true#removed", encode(&d.id))) { "show them" } }
                    }
                    @for w in &d.warnings { dt { "Warning" } dd { (w) } }
                }
                @if evidence.is_some() && !marks.iter().any(|m| m.2 == Mark::Evidence) {
                    p.error { "The span asked for is not in this document's text." }
                }
                p.legend { mark { "cited sentence" } " " span.quote { "quote" } " " span.claim { "check-worthy claim" } }
                (marked_text(&d.text, &marks))
                @if let Some(a) = &v.analysis {
                    section {
                        h2 { "Entities" }
                        ul {
                            @for e in &a.analysis.entities {
                                li {
                                    strong { (e.name) } " (" (e.kind.as_str()) ") "
                                    @for (i, m) in e.mentions.iter().enumerate().take(12) {
                                        a href=(doc_link(&d.id, Some((m.start, m.end)))) { (i + 1) } " "
                                    }
                                    @if !e.roles.is_empty() { "· " (e.roles.join("; ")) }
                                }
                            }
                        }
                    }
                    section {
                        h2 { "Quotes and attributions" }
                        ul {
                            @for q in &a.analysis.quotes {
                                li {
                                    (q.speaker.and_then(|i| a.analysis.entities.get(i)).map_or("speaker not found", |e| e.name.as_str()))
                                    ": "
                                    a href=(doc_link(&d.id, Some((q.content.start, q.content.end)))) {
                                        "“" (d.text.get(q.content.start..q.content.end).unwrap_or("")) "”"
                                    }
                                }
                            }
                        }
                    }
                    section {
                        h2 { "Claims" }
                        ol {
                            @for c in a.analysis.claims.iter().filter(|c| c.checkworthiness >= CHECKWORTHY) {
                                li {
                                    a href=(doc_link(&d.id, Some((c.span.start, c.span.end)))) { (d.text.get(c.span.start..c.span.end).unwrap_or("")) }
                                    span.meta { " " (format!("{:.2}", c.checkworthiness)) }
                                }
                            }
                        }
                    }
                }
                @if explain {
                    section #removed {
                        h2 { "Removed lines (" (d.removed_lines.len()) ")" }
                        ul { @for r in &d.removed_lines { li { code { (r.reason.as_str()) } @if !r.detail.is_empty() { " (" (r.detail) ")" } " " (r.text) } } }
                    }
                }
            }
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_context() {
        let t = "One.\n\nTwo has it here.\n\nThree.";
        assert_eq!(paragraphs(t), [(0, 4), (6, 22), (24, 30)]);
        let s = t.find("it").unwrap();
        assert_eq!(
            paragraph_around(t, s, s + 2),
            ("Two has ".into(), " here.".into())
        );
        assert_eq!(paragraph_around(t, 5, 99), (String::new(), String::new()));
    }
}
