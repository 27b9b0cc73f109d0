//! The people, organisations and places of the store and what each is
//! quoted as saying (speaker pages); the outlets, each with its signals
//! and their evidence and its documents over time.

use axum::extract::{Path, State};
use axum::response::Response;
use crosscheck_engine::quotes::{build, KindFilter};
use crosscheck_store::Store;
use maud::{html, Markup};
use serde::Deserialize;

use super::{doc_link, encode, layout};
use crate::api::{self, Q};
use crate::error::ApiError;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct ListParams {
    cursor: Option<String>,
    q: Option<String>,
}

pub async fn entities(State(s): State<AppState>, Q(p): Q<ListParams>) -> Response {
    super::page(entities_view(&s, p).await)
}

async fn entities_view(s: &AppState, p: ListParams) -> Result<Markup, ApiError> {
    let from = api::offset(p.cursor.as_deref())?;
    let needle = p.q.clone().unwrap_or_default();
    let wanted = needle.trim().to_string();
    let (rows, total) = s
        .read(move |store| {
            let name = (!wanted.is_empty()).then_some(wanted.as_str());
            Ok(store.entity_list(name, from, api::DEFAULT_LIMIT * 2)?)
        })
        .await?;
    let next = (from + rows.len() < total).then(|| {
        format!(
            "/entities?q={}&cursor={}",
            encode(&needle),
            from + rows.len()
        )
    });
    Ok(layout(
        "People, organisations and places",
        html! {
            h1 { "People, organisations and places" }
            form.filters action="/entities" method="get" {
                label { "Name " input type="text" name="q" value=(needle); }
                button type="submit" { "Find" }
            }
            p.meta { (total) " entities, most documents first." }
            ol start=(from + 1) {
                @for e in &rows {
                    li { a href=(format!("/entities/{}", encode(&e.id))) { (e.name) } " (" (e.kind.as_str()) ") · " (e.documents) " " (if e.documents == 1 { "document" } else { "documents" }) }
                }
            }
            @if let Some(n) = next { p { a rel="next" href=(n) { "More" } } }
        },
    ))
}

/// A document that gives a role, and its date.
type GivenBy = (String, Option<String>);

pub async fn entity(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    super::page(entity_view(&s, id).await)
}

async fn entity_view(s: &AppState, id: String) -> Result<Markup, ApiError> {
    let wanted = id.clone();
    let (e, quotes) = s
        .read(move |store| {
            let e = store
                .entity(&wanted)?
                .ok_or_else(|| ApiError::not_found(format!("no entity {wanted}")))?;
            let mut quotes = Vec::new();
            store.for_each_speaker_quote(&wanted, &mut |q| {
                quotes.push(q);
                Ok(())
            })?;
            Ok((e, quotes))
        })
        .await?;
    let st = build(&quotes, &|u| KindFilter::All.accepts(u.head().quote.kind));
    let mut roles: Vec<(String, Vec<GivenBy>)> = Vec::new();
    for m in &e.members {
        for r in &m.entity.roles {
            let given = (m.document_id.clone(), m.published.clone());
            match roles.iter_mut().find(|(x, _)| x == r) {
                Some((_, docs)) if !docs.contains(&given) => docs.push(given),
                Some(_) => {}
                None => roles.push((r.clone(), vec![given])),
            }
        }
    }
    Ok(layout(
        &e.name,
        html! {
            h1 { (e.name) }
            p.meta { (e.kind.as_str()) @if !e.aliases.is_empty() { " · also " (e.aliases.join(", ")) } " · "
                a href=(format!("/search?q={}", encode(&format!("entity:\"{}\"", e.name)))) { "search its documents" } }
            @if !roles.is_empty() {
                h2 { "Roles, as the documents give them" }
                ul { @for (role, docs) in &roles { li { (role) " — "
                    @for (i, (d, date)) in docs.iter().enumerate() { @if i > 0 { ", " } a href=(doc_link(d, None)) { code { (d.chars().take(8).collect::<String>()) } } " " (date.as_deref().unwrap_or("undated")) }
                } } }
            }
            h2 { "What they are quoted as saying" }
            @if st.groups.is_empty() { p { "No quote is attributed to them." } }
            ul {
                @for g in &st.groups {
                    @let first = &st.units[g[0]];
                    li {
                        "“" (first.text()) "” (" (first.head().quote.kind.as_str()) @if let Some(c) = first.cue() { ", " (c) } ")"
                        ul.sentences { @for &i in g {
                            @let h = st.units[i].head();
                            li { a href=(doc_link(&h.document_id, Some((h.quote.content.start, h.quote.content.end)))) {
                                (h.outlet.as_deref().unwrap_or("outlet unknown")) " " (h.published.as_deref().unwrap_or("undated")) }
                                @if h.variant_of.is_some() { ": “" (st.units[i].text()) "”" }
                            }
                        } }
                    }
                }
            }
            h2 { "Documents naming them" }
            ul { @for m in &e.members {
                li { a href=(doc_link(&m.document_id, m.entity.mentions.first().map(|x| (x.start, x.end)))) { code { (m.document_id.chars().take(8).collect::<String>()) } }
                    " " (m.outlet.as_deref().unwrap_or("outlet unknown")) " " (m.published.as_deref().unwrap_or("undated")) " · " (m.entity.mentions.len()) " mentions" }
            } }
        },
    ))
}

pub async fn outlets(State(s): State<AppState>) -> Response {
    super::page(outlets_view(&s).await)
}

async fn outlets_view(s: &AppState) -> Result<Markup, ApiError> {
    let rows = s
        .read(|store| {
            let mut counts: Vec<(String, usize, Option<String>, Option<String>)> = Vec::new();
            let mut unknown = 0;
            for d in store.list_documents()? {
                let Some(o) = d.outlet else {
                    unknown += 1;
                    continue;
                };
                match counts.iter_mut().find(|c| c.0 == o) {
                    Some(c) => {
                        c.1 += 1;
                        if d.published.is_some() && (c.2.is_none() || d.published < c.2) {
                            c.2 = d.published.clone();
                        }
                        if d.published > c.3 {
                            c.3 = d.published;
                        }
                    }
                    None => counts.push((o, 1, d.published.clone(), d.published)),
                }
            }
            counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            Ok((counts, unknown))
        })
        .await?;
    let (counts, unknown) = rows;
    Ok(layout(
        "Outlets",
        html! {
            h1 { "Outlets" }
            p.meta { "Each outlet's signals are observations with their evidence, never verdicts." }
            ol { @for (o, n, first, last) in &counts {
                li { a href=(format!("/outlets/{}", encode(o))) { (o) } " · " (n) " " (if *n == 1 { "document" } else { "documents" }) " · "
                    (crosscheck_engine::briefing::wording::span(first.as_deref(), last.as_deref())) }
            } }
            @if unknown > 0 { p.meta { (unknown) " documents of unknown outlet." } }
        },
    ))
}

pub async fn outlet(State(s): State<AppState>, Path(name): Path<String>) -> Response {
    super::page(outlet_view(&s, name).await)
}

async fn outlet_view(s: &AppState, name: String) -> Result<Markup, ApiError> {
    let wanted = name.clone();
    let (summary, documents, list) = s
        .read(move |store| {
            let Some((summary, documents)) =
                crosscheck_engine::signals::outlet_page(store, &wanted)?
            else {
                return Err(ApiError::not_found(format!("no outlet {wanted}")));
            };
            let mut list: Vec<_> = store
                .list_documents()?
                .into_iter()
                .filter(|d| d.outlet.as_deref() == Some(wanted.as_str()))
                .collect();
            list.sort_by(|a, b| b.published.cmp(&a.published).then(a.id.cmp(&b.id)));
            Ok((summary, documents, list))
        })
        .await?;
    Ok(layout(
        &name,
        html! {
            h1 { (name) }
            p.meta { (list.len()) " documents · " a href=(format!("/search?q={}", encode(&format!("outlet:\"{name}\"")))) { "search them" } }
            h2 { "Signals (observations, not verdicts)" }
            ul { @for sig in summary.signals.iter().filter(|x| x.applicable) {
                li { (sig.summary) }
            } }
            h2 { "Evidence, document by document" }
            @for d in &documents {
                @let found: Vec<_> = d.signals.iter().filter(|x| x.applicable && x.count > 0).collect();
                @if !found.is_empty() {
                    section {
                        h3 { a href=(doc_link(&d.document_id, None)) { code { (d.document_id) } } }
                        ul { @for sig in found {
                            li { (sig.summary)
                                ul.sentences { @for ev in sig.evidence.iter().take(5) {
                                    li { @match (ev.start, ev.end) {
                                        (Some(a), Some(b)) => a href=(doc_link(&d.document_id, Some((a, b)))) { (ev.text) },
                                        _ => (ev.text),
                                    } }
                                } }
                            }
                        } }
                    }
                }
            }
            h2 { "Documents over time" }
            ul { @for d in &list {
                li { (d.published.as_deref().unwrap_or("undated")) " " a href=(doc_link(&d.id, None)) { (d.title.as_deref().unwrap_or("(untitled)")) } }
            } }
        },
    ))
}
