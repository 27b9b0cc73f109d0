//! The export: every document, entity, quote, claim and story with its
//! findings, and the signals, as JSON (one object) or JSON lines, streamed
//! from one read snapshot; and the conversions from stored records to the
//! export schema (`crosscheck_model::export`, `docs/export-schema.md`)
//! that every read model reuses.

use std::collections::HashMap;
use std::io::Write;

use anyhow::Result;
use crosscheck_model::{
    claim_id, document_entity_id, episode_id, quote_id, story_claim_id, AttributionKind,
    ExportAmount, ExportAttribution, ExportClaim, ExportClaimEntity, ExportClaimPart,
    ExportContradiction, ExportCopy, ExportCopyGroup, ExportDocument, ExportEntity, ExportEpisode,
    ExportEvidence, ExportLine, ExportMention, ExportQuote, ExportRole, ExportRoleConflict,
    ExportRoleSide, ExportSource, ExportStory, ExportStoryClaim, ExportTime, LineType,
    SCHEMA_VERSION,
};
use crosscheck_store::{
    ClaimEntity, ClaimEvidence, ClaimFilter, ClaimRecord, EntityRecord, FindingsRecord,
    QuoteRecord, Store, StoreError, StoryRecord,
};
use serde::Serialize;

/// The export's two shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One object per line, each with a `"type"`.
    Jsonl,
    /// One object holding every array.
    Json,
}

/// A store-wide entity as exported: roles with the document that gives each
/// (in the members' order: by date, then document id), mentions in
/// (document id, start) order.
pub fn export_entity(e: &EntityRecord) -> ExportEntity {
    let mut roles: Vec<ExportRole> = Vec::new();
    let mut mentions = Vec::new();
    for m in &e.members {
        for title in &m.entity.roles {
            let role = ExportRole {
                title: title.clone(),
                document_id: m.document_id.clone(),
            };
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        for x in &m.entity.mentions {
            mentions.push(ExportMention {
                document_id: m.document_id.clone(),
                start: x.start,
                end: x.end,
                kind: x.kind,
            });
        }
    }
    mentions
        .sort_by(|a, b| (&a.document_id, a.start, a.end).cmp(&(&b.document_id, b.start, b.end)));
    mentions.dedup();
    ExportEntity {
        id: e.id.clone(),
        name: e.name.clone(),
        kind: e.kind,
        aliases: e.aliases.clone(),
        roles,
        mentions,
    }
}

/// A quote as exported; ids of other quotes are `<document id>-q<index>`.
pub fn export_quote(q: &QuoteRecord) -> ExportQuote {
    let id = |i: usize| quote_id(&q.document_id, i);
    ExportQuote {
        id: id(q.index),
        document_id: q.document_id.clone(),
        speaker: q.speaker.as_ref().map(|s| s.name.clone()),
        speaker_entity_id: q.speaker.as_ref().and_then(|s| s.entity_id.clone()),
        cue: q.cue.clone(),
        text: q.text.clone(),
        start: q.quote.content.start,
        end: q.quote.content.end,
        nested_in: q.quote.nested_in.map(id),
        variant_of: q.variant_of.as_ref().map(|(d, i)| quote_id(d, *i)),
        kind: q.quote.kind,
        speaker_note: q.quote.speaker_note.clone(),
        source: q.source.clone(),
        source_start: q.quote.source.map(|s| s.start),
        source_end: q.quote.source.map(|s| s.end),
        cue_start: q.quote.cue.map(|s| s.start),
        cue_end: q.quote.cue.map(|s| s.end),
        continues: q.quote.continues.map(id),
    }
}

/// An entity a claim names, as exported: the linked entity's id, or
/// `<document id>-e<index>` when the document entity is not linked.
fn claim_entity(document_id: &str, e: &ClaimEntity) -> ExportClaimEntity {
    ExportClaimEntity {
        name: e.name.clone(),
        entity_id: e
            .entity_id
            .clone()
            .unwrap_or_else(|| document_entity_id(document_id, e.index)),
    }
}

/// A claim as exported (and as `crosscheck claims --format json` prints it).
pub fn export_claim(c: &ClaimRecord) -> ExportClaim {
    let a = &c.claim.attribution;
    let source = c.source.as_ref().map(|e| claim_entity(&c.document_id, e));
    let name = match a.kind {
        AttributionKind::Named => source
            .as_ref()
            .map(|s| s.name.clone())
            .or_else(|| a.text.clone()),
        AttributionKind::Unnamed => a.text.clone(),
        AttributionKind::Outlet => c.outlet.clone(),
    };
    ExportClaim {
        id: claim_id(&c.document_id, c.index),
        document_id: c.document_id.clone(),
        text: c.text.clone(),
        start: c.claim.span.start,
        end: c.claim.span.end,
        subjects: c
            .subjects
            .iter()
            .map(|e| claim_entity(&c.document_id, e))
            .collect(),
        predicate: c.claim.predicate.clone(),
        object: c.object.clone(),
        amounts: c
            .claim
            .amounts
            .iter()
            .zip(&c.amount_texts)
            .map(|(am, text)| ExportAmount {
                text: text.clone(),
                value: am.value,
                unit: am.unit.clone(),
                approx: am.approx,
                direction: am.direction,
                high: am.high,
                noun: am.noun.clone(),
                start: am.start,
                end: am.end,
            })
            .collect(),
        time: c.claim.time.as_ref().map(|t| ExportTime {
            text: c.time_text.clone().unwrap_or_default(),
            value: t.value.clone(),
            kind: t.kind,
            note: t.note.clone(),
            start: t.start,
            end: t.end,
        }),
        attributed_to: ExportAttribution {
            kind: a.kind,
            name,
            entity_id: match a.kind {
                AttributionKind::Named => source.map(|s| s.entity_id),
                _ => None,
            },
            quote_id: a.quote.map(|q| quote_id(&c.document_id, q)),
        },
        hedged: c.claim.hedged(),
        checkworthiness: c.claim.checkworthiness,
        key: c.claim.key.clone(),
        hedges: c.claim.hedges.clone(),
        object_start: c.claim.object.map(|s| s.start),
        object_end: c.claim.object.map(|s| s.end),
    }
}

/// A story as exported (and as `crosscheck stories --format json` prints
/// it) with its findings; episode ids are `<story id>-e<index>`, aligned
/// claim ids `<story id>-k<index>`.
pub fn export_story(s: &StoryRecord, f: &FindingsRecord) -> ExportStory {
    ExportStory {
        id: s.id.clone(),
        title: s.title.clone(),
        start: s.start.clone(),
        end: s.end.clone(),
        document_ids: s.documents.iter().map(|d| d.id.clone()).collect(),
        episodes: s
            .episodes
            .iter()
            .map(|e| ExportEpisode {
                id: episode_id(&s.id, e.index),
                start: e.start.clone(),
                end: e.end.clone(),
                title: e.title.clone(),
                document_ids: e.document_ids.clone(),
            })
            .collect(),
        copies: s
            .copies
            .iter()
            .map(|g| ExportCopyGroup {
                original: g.original_id.clone(),
                copies: g
                    .copies
                    .iter()
                    .map(|c| ExportCopy {
                        document_id: c.document_id.clone(),
                        similarity: c.similarity,
                    })
                    .collect(),
            })
            .collect(),
        claims: export_story_claims(&s.id, f),
        role_conflicts: export_role_conflicts(f),
    }
}

fn evidence(c: &ClaimEvidence) -> ExportEvidence {
    ExportEvidence {
        document_id: c.document_id.clone(),
        text: c.text.clone(),
        start: c.start,
        end: c.end,
        claim_id: claim_id(&c.document_id, c.claim),
    }
}

/// The documents of some claims, each once, in the claims' order.
fn documents_of(claims: &[ClaimEvidence]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in claims {
        if !out.contains(&c.document_id) {
            out.push(c.document_id.clone());
        }
    }
    out
}

/// A story's aligned claims as exported. A contradiction names the other
/// side's aligned claim (the one holding its first claim) when there is one.
pub fn export_story_claims(story_id: &str, f: &FindingsRecord) -> Vec<ExportStoryClaim> {
    let mut holder: HashMap<(&str, usize), usize> = HashMap::new();
    for c in &f.claims {
        for m in &c.claims {
            holder.insert((m.document_id.as_str(), m.claim), c.index);
        }
    }
    f.claims
        .iter()
        .map(|c| ExportStoryClaim {
            id: story_claim_id(story_id, c.index),
            text: c.claims.first().map(|m| m.text.clone()).unwrap_or_default(),
            status: c.status,
            supporting_documents: c.documents.clone(),
            outlets: c.outlets.clone(),
            independent_sources: c.sources.len(),
            evidence: c.claims.iter().map(evidence).collect(),
            contradictions: c
                .contradictions
                .iter()
                .map(|x| ExportContradiction {
                    text: x.claims.first().map(|m| m.text.clone()).unwrap_or_default(),
                    document_ids: documents_of(&x.claims),
                    reason: x.reason.clone(),
                    claim_id: x
                        .claims
                        .first()
                        .and_then(|m| holder.get(&(m.document_id.as_str(), m.claim)))
                        .map(|&k| story_claim_id(story_id, k)),
                })
                .collect(),
            unattributed: c.unattributed,
            sources: c.sources.iter().map(export_source).collect(),
            parts: c
                .parts
                .iter()
                .map(|p| ExportClaimPart {
                    // The part's words, from its first claim's (the store
                    // keeps parts inside it).
                    text: c
                        .claims
                        .first()
                        .and_then(|m| {
                            m.text
                                .get(p.start.checked_sub(m.start)?..p.end.checked_sub(m.start)?)
                        })
                        .unwrap_or_default()
                        .to_string(),
                    start: p.start,
                    end: p.end,
                    main: p.main,
                    supporting_documents: p.documents.clone(),
                    sources: p.sources.iter().map(export_source).collect(),
                })
                .collect(),
        })
        .collect()
}

fn export_source(s: &crosscheck_store::SourceRecord) -> ExportSource {
    ExportSource {
        document_ids: s.documents.clone(),
        merged_because: s.merged_because.clone(),
        chain: s.chain.clone(),
    }
}

/// A story's role conflicts as exported.
pub fn export_role_conflicts(f: &FindingsRecord) -> Vec<ExportRoleConflict> {
    f.role_conflicts
        .iter()
        .map(|r| ExportRoleConflict {
            entity: r.entity.clone(),
            sides: r
                .sides
                .iter()
                .map(|s| ExportRoleSide {
                    title: s.title.clone(),
                    document_ids: s.documents.clone(),
                    sources: s.chains.iter().map(export_source).collect(),
                })
                .collect(),
        })
        .collect()
}

/// A stored story with its findings, as exported.
fn story_of(store: &dyn Store, s: &StoryRecord) -> Result<ExportStory, StoreError> {
    Ok(export_story(s, &store.story_findings(&s.id)?))
}

/// Stream the export: documents, entities, quotes, claims and stories are
/// written one by one, never all held, from one consistent snapshot of the
/// store. A write error (a closed pipe, a full disk) is returned as the
/// `io::Error` it was, so that the caller can tell them apart.
pub fn write_export(store: &dyn Store, format: ExportFormat, w: &mut dyn Write) -> Result<()> {
    let mut rec = Recording {
        inner: w,
        error: None,
    };
    let done = store.snapshot(&mut || match format {
        ExportFormat::Jsonl => write_jsonl(store, &mut rec),
        ExportFormat::Json => write_json(store, &mut rec),
    });
    match (done, rec.error) {
        (Ok(()), _) => Ok(()),
        (Err(_), Some(io)) => Err(io.into()),
        (Err(e), None) => Err(e.into()),
    }
}

/// A writer that keeps a copy of its first error.
struct Recording<'a> {
    inner: &'a mut dyn Write,
    error: Option<std::io::Error>,
}

impl Write for Recording<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).inspect_err(|e| self.keep(e))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().inspect_err(|e| self.keep(e))
    }
}

impl Recording<'_> {
    fn keep(&mut self, e: &std::io::Error) {
        if self.error.is_none() {
            self.error = Some(std::io::Error::new(e.kind(), e.to_string()));
        }
    }
}

fn io(e: std::io::Error) -> StoreError {
    StoreError::Aborted(format!("write failed: {e}"))
}

fn put<T: Serialize>(w: &mut dyn Write, value: &T) -> Result<(), StoreError> {
    crate::json::json_compact(&mut *w, value).map_err(|e| io(e.into()))
}

fn put_line<T: Serialize>(
    w: &mut dyn Write,
    line_type: LineType,
    item: &T,
) -> Result<(), StoreError> {
    put(w, &ExportLine { line_type, item })?;
    w.write_all(b"\n").map_err(io)
}

/// One object per line, each with a `"type"`: documents, then entities,
/// then quotes, then claims, then stories, then each document's signals,
/// then each outlet's.
fn write_jsonl(store: &dyn Store, w: &mut dyn Write) -> Result<(), StoreError> {
    store.for_each_document(&mut |d| put_line(w, LineType::Document, &ExportDocument::from(&d)))?;
    store.for_each_entity(&mut |e| put_line(w, LineType::Entity, &export_entity(&e)))?;
    store.for_each_quote(&mut |q| put_line(w, LineType::Quote, &export_quote(&q)))?;
    store.for_each_claim(&ClaimFilter::default(), &mut |c| {
        put_line(w, LineType::Claim, &export_claim(&c))
    })?;
    store.for_each_story(&mut |s| put_line(w, LineType::Story, &story_of(store, &s)?))?;
    let signals = crate::signals::all_signals(store)?;
    for d in &signals.documents {
        put_line(w, LineType::DocumentSignals, d)?;
    }
    for o in &signals.outlets {
        put_line(w, LineType::OutletSignals, o)?;
    }
    Ok(())
}

/// One object: `{"schema_version":…,"documents":[…],"entities":[…],"quotes":[…],
/// "claims":[…],"stories":[…],"signals":{"documents":[…],"outlets":[…]}}`, one
/// array element per line. The signals are gathered story by story (one
/// story's texts in memory at a time) and written last.
fn write_json(store: &dyn Store, w: &mut dyn Write) -> Result<(), StoreError> {
    write!(w, "{{\"schema_version\":{SCHEMA_VERSION},\"documents\":[").map_err(io)?;
    let mut first = true;
    let element = |w: &mut dyn Write, first: &mut bool| -> Result<(), StoreError> {
        if !*first {
            w.write_all(b",").map_err(io)?;
        }
        *first = false;
        w.write_all(b"\n").map_err(io)
    };
    store.for_each_document(&mut |d| {
        element(w, &mut first)?;
        put(w, &ExportDocument::from(&d))
    })?;
    w.write_all(b"\n],\"entities\":[").map_err(io)?;
    first = true;
    store.for_each_entity(&mut |e| {
        element(w, &mut first)?;
        put(w, &export_entity(&e))
    })?;
    w.write_all(b"\n],\"quotes\":[").map_err(io)?;
    first = true;
    store.for_each_quote(&mut |q| {
        element(w, &mut first)?;
        put(w, &export_quote(&q))
    })?;
    w.write_all(b"\n],\"claims\":[").map_err(io)?;
    first = true;
    store.for_each_claim(&ClaimFilter::default(), &mut |c| {
        element(w, &mut first)?;
        put(w, &export_claim(&c))
    })?;
    w.write_all(b"\n],\"stories\":[").map_err(io)?;
    first = true;
    store.for_each_story(&mut |s| {
        element(w, &mut first)?;
        put(w, &story_of(store, &s)?)
    })?;
    let signals = crate::signals::all_signals(store)?;
    w.write_all(b"\n],\"signals\":{\"documents\":[")
        .map_err(io)?;
    first = true;
    for d in &signals.documents {
        element(w, &mut first)?;
        put(w, d)?;
    }
    w.write_all(b"\n],\"outlets\":[").map_err(io)?;
    first = true;
    for o in &signals.outlets {
        element(w, &mut first)?;
        put(w, o)?;
    }
    w.write_all(b"\n]}}\n").map_err(io)
}
