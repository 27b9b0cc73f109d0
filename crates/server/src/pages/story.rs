//! A story's briefing as a page, each citation a link to the document with
//! the sentence that carries the fact highlighted; and one fact side by
//! side across its documents.

use axum::extract::{Path, State};
use axum::response::Response;
use crosscheck_engine::briefing::wording::{
    confirmed_parts, contest_notes, contested_pairs, merges, note_lines, paraphrase_line,
    part_lines, part_support_line, role_notes, role_sides, single_line, span, speaker_label,
    support_line, support_sentences, wordings,
};
use crosscheck_engine::briefing::Briefing;
use crosscheck_model::ExportStoryClaim;
use crosscheck_store::Store;
use maud::{html, Markup};

use super::{doc_link, encode, layout};
use crate::error::ApiError;
use crate::state::AppState;

async fn briefing(s: &AppState, id: String) -> Result<Briefing, ApiError> {
    s.read(move |store| crate::api::briefing_of(store, &id))
        .await
}

/// Citations: each document's short id, outlet and date, linked to it
/// (with the fact's sentence highlighted when `fact` is given).
fn cite(b: &Briefing, ids: &[String], fact: Option<&ExportStoryClaim>) -> Markup {
    html! {
        span.cite {
            "("
            @for (i, id) in ids.iter().enumerate() {
                @if i > 0 { "; " }
                @let (short, rest) = b.cite_parts(id);
                @let at = fact.and_then(|c| c.evidence.iter().find(|e| &e.document_id == id)).map(|e| (e.start, e.end));
                a href=(doc_link(id, at)) title=(id) { code { (short) } (rest) }
            }
            ")"
        }
    }
}

fn fact_link(b: &Briefing, c: &ExportStoryClaim) -> Markup {
    let k = c.id.rsplit("-k").next().unwrap_or("0");
    html! { a.side href=(format!("/stories/{}/facts/{}", encode(&b.id), encode(k))) { "side by side" } }
}

fn sentences_and_parts(b: &Briefing, c: &ExportStoryClaim) -> Markup {
    let sentences = support_sentences(c);
    let parts = part_lines(b, c);
    html! {
        @if !sentences.is_empty() {
            ul.sentences {
                @for (doc, text, in_part) in sentences {
                    li {
                        (cite(b, &[doc.to_string()], Some(c)))
                        @if in_part { " (in part)" }
                        ": “" (text) "”"
                    }
                }
            }
        }
        @if !parts.is_empty() {
            div.detail { "in parts:" }
            ul.parts { @for p in parts { li { (p) } } }
        }
    }
}

fn render(b: &Briefing) -> Markup {
    let parts = confirmed_parts(b);
    let pairs = contested_pairs(b);
    let notes = note_lines(b);
    let docs = b.documents.len();
    html! {
        article.briefing {
            h1 { (b.title) }
            p.meta {
                code { (b.id) } " · " (span(b.start.as_deref(), b.end.as_deref()))
                " · " (docs) " " (if docs == 1 { "document" } else { "documents" })
                " · " (b.outlet_names()) " " (if b.outlet_names() == 1 { "outlet" } else { "outlets" })
                " · " a href=(format!("/search?q={}", encode(&format!("story:{}", b.id)))) { "search in it" }
            }
            p.meta {
                "Outlets: "
                @for (i, o) in b.outlets.iter().enumerate() {
                    @if i > 0 { ", " }
                    @if let Some(name) = &o.name { a href=(format!("/outlets/{}", encode(name))) { (name) } } @else { "outlet unknown" }
                    " " (cite(b, &o.document_ids, None))
                }
            }
            section {
                h2 { "Timeline" }
                @if b.timeline.is_empty() { p { "None." } }
                ul { @for e in &b.timeline { li { strong { (span(e.start.as_deref(), e.end.as_deref())) } " " (e.title) " " (cite(b, &e.document_ids, None)) } } }
            }
            section #confirmed {
                h2 { "What is confirmed" }
                @if b.confirmed.is_empty() && parts.is_empty() { p { "None." } }
                ul.facts {
                    @for c in &b.confirmed {
                        li.fact.corroborated {
                            span.text { (c.text) }
                            div.detail { (support_line(b, c)) " " (cite(b, &c.supporting_documents, Some(c))) " · " (fact_link(b, c)) }
                            @for (why, ds) in merges(b, c) { div.detail { (why) " " (cite(b, &ds, Some(c))) } }
                            (sentences_and_parts(b, c))
                        }
                    }
                    @for (c, p) in &parts {
                        li.fact.corroborated {
                            "“" (p.text) "” (part of a single-source claim below)"
                            div.detail { (part_support_line(b, p)) " " (cite(b, &p.supporting_documents, Some(c))) }
                        }
                    }
                }
            }
            section #single {
                h2 { "Single-source claims" }
                @if b.single_source.is_empty() { p { "None." } }
                ul.facts {
                    @for c in &b.single_source {
                        li.fact.single {
                            span.text { (c.text) }
                            div.detail { (single_line(b, c)) " " (cite(b, &c.supporting_documents, Some(c))) }
                            @for (why, ds) in merges(b, c) { div.detail { (why) " " (cite(b, &ds, Some(c))) } }
                            @if !c.parts.is_empty() { (sentences_and_parts(b, c)) }
                        }
                    }
                }
            }
            section #contested {
                h2 { "Contested points" }
                @if pairs.is_empty() && b.role_conflicts.is_empty() { p { "None." } }
                ul.facts {
                    @for (c, x) in &pairs {
                        li.fact.contested {
                            (x.reason)
                            div.detail { "“" (c.text) "” " (cite(b, &c.supporting_documents, Some(c))) }
                            div.detail { "against “" (x.text) "” " (cite(b, &x.document_ids, None)) }
                            @for n in contest_notes(b, c, x) { div.detail { (n) } }
                        }
                    }
                    @for r in &b.role_conflicts {
                        @if let Some((first, rest)) = role_sides(r) {
                            li.fact.contested {
                                (r.entity) ": ‘" (first.title) "’ " (cite(b, &first.document_ids, None)) " against "
                                @for (i, side) in rest.iter().enumerate() {
                                    @if i > 0 { ", " }
                                    "‘" (side.title) "’ " (cite(b, &side.document_ids, None))
                                }
                                @for n in role_notes(b, r) { div.detail { (n) } }
                            }
                        }
                    }
                }
            }
            section #quotes {
                h2 { "Who said what" }
                @if b.quotes.is_empty() { p { "None." } }
                ul {
                    @for sq in &b.quotes {
                        li {
                            @if let Some(eid) = &sq.entity_id {
                                a href=(format!("/entities/{}", encode(eid))) { strong { (speaker_label(sq)) } }
                            } @else { strong { (speaker_label(sq)) } }
                            ul {
                                @for st in &sq.statements {
                                    @let (same, other) = wordings(st);
                                    @let first = st.appearances.first();
                                    li {
                                        @if let Some(a) = first {
                                            a href=(doc_link(&a.document_id, Some((a.start, a.end)))) { "“" (st.text) "”" }
                                        } @else { "“" (st.text) "”" }
                                        @if let Some(cue) = &st.cue { " (" (cue) ")" }
                                        " " (cite(b, &same, None))
                                        @for (text, ds) in other { div.detail { "other wording: “" (text) "” " (cite(b, &ds, None)) } }
                                        @for p in &st.paraphrases { div.detail { a href=(doc_link(&p.document_id, Some((p.start, p.end)))) { (paraphrase_line(p)) } } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            section #notes {
                h2 { "Outlet notes (signals, not verdicts)" }
                @if notes.is_empty() { p { "None." } }
                ul { @for n in &notes { li { span.note { (n.outlet) ": " (n.text) } " " (cite(b, n.documents, None)) } } }
            }
        }
    }
}

async fn story_view(s: &AppState, id: String) -> Result<Markup, ApiError> {
    let b = briefing(s, id).await?;
    Ok(layout(&b.title, render(&b)))
}

pub async fn page(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    super::page(story_view(&s, id).await)
}

/// One fact side by side: each document's sentence in its paragraph.
pub async fn fact_page(
    State(s): State<AppState>,
    Path((id, fact)): Path<(String, String)>,
) -> Response {
    super::page(fact_view(&s, id, fact).await)
}

async fn fact_view(s: &AppState, id: String, fact: String) -> Result<Markup, ApiError> {
    let b = briefing(s, id.clone()).await?;
    let wanted = format!("{}-k{fact}", b.id);
    let c = b
        .confirmed
        .iter()
        .chain(&b.single_source)
        .chain(&b.contested)
        .find(|c| c.id == wanted)
        .cloned()
        .ok_or_else(|| ApiError::not_found(format!("no fact {fact} in story {id}")))?;
    // Each document's first evidence, in its paragraph.
    let mut seen = std::collections::HashSet::new();
    let evidence: Vec<_> = c
        .evidence
        .iter()
        .filter(|e| seen.insert(e.document_id.clone()))
        .cloned()
        .collect();
    let ids: Vec<String> = evidence.iter().map(|e| e.document_id.clone()).collect();
    let texts = s
        .read(move |store| {
            let mut out = Vec::new();
            for id in &ids {
                out.push(store.get_document(id)?.map(|d| d.text).unwrap_or_default());
            }
            Ok(out)
        })
        .await?;
    Ok(layout(
        &c.text,
        html! {
            p.meta { a href=(format!("/stories/{}", encode(&b.id))) { "← " (b.title) } }
            h1 { (c.text) }
            p.meta { (c.status.as_str().replace('_', " ")) " · " (c.independent_sources) " independent " (if c.independent_sources == 1 { "source" } else { "sources" }) }
            div.side-by-side {
                @for (e, text) in evidence.iter().zip(&texts) {
                    @let (before, after) = super::document::paragraph_around(text, e.start, e.end);
                    section.column {
                        h2 { (cite(&b, std::slice::from_ref(&e.document_id), Some(&c))) }
                        p { (before) mark { (e.text) } (after) }
                    }
                }
            }
        },
    ))
}
