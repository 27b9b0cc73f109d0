//! The briefing of a story, in the order a reader asks: what happened and
//! when (headline, date span, outlets, timeline), what is confirmed by
//! independent sources, what rests on one source, where the sources
//! disagree, who said what, and signals about outlets. Gathered from the
//! store once (`gather`, in the caller's read snapshot); front ends render
//! it (the CLI as text, Markdown and HTML; JSON is it as it is), with the
//! sentences of [`wording`] that all of them share.

pub mod wording;

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use crosscheck_model::export::{ExportOutletSignals, SignalKind};
use crosscheck_model::{
    ClaimStatus, ExportEpisode, ExportRoleConflict, ExportStoryClaim, QuoteKind,
};
use crosscheck_store::{FindingsRecord, QuoteRecord, Store, StoreError, StoryRecord};
use serde::Serialize;

use crate::quotes::{self, KindFilter, Statements};

/// Hex digits of a short document id (more when two documents of the story
/// share them).
const SHORT_ID: usize = 8;

/// One story's briefing.
#[derive(Debug, Serialize)]
pub struct Briefing {
    pub id: String,
    pub title: String,
    pub start: Option<String>,
    pub end: Option<String>,
    /// The story's documents, in publication order.
    pub documents: Vec<BriefDocument>,
    /// Each outlet with its documents, in order of first publication;
    /// documents of unknown outlet each on their own (`name` null).
    pub outlets: Vec<BriefOutlet>,
    pub timeline: Vec<ExportEpisode>,
    /// Corroborated facts, most independent sources first.
    pub confirmed: Vec<ExportStoryClaim>,
    /// Facts with one independent source, in story order.
    pub single_source: Vec<ExportStoryClaim>,
    /// Contested facts (each with the other side in `contradictions`).
    pub contested: Vec<ExportStoryClaim>,
    pub role_conflicts: Vec<ExportRoleConflict>,
    /// Who said what: the story's direct and partial quotes by speaker.
    pub quotes: Vec<SpeakerQuotes>,
    /// Per outlet, its signals over its documents in the story (claims
    /// with no source named, numbers no other outlet carries, duplicated
    /// paragraphs, template text, page chrome, filler phrases), each with
    /// the documents behind it; the outlets with the most numbers of their
    /// own first.
    pub outlet_notes: Vec<ExportOutletSignals>,
}

#[derive(Debug, Serialize)]
pub struct BriefDocument {
    pub id: String,
    /// The id as the briefing cites it.
    pub short_id: String,
    pub outlet: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    pub title: Option<String>,
    pub copy_of: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct BriefOutlet {
    pub name: Option<String>,
    pub document_ids: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct SpeakerQuotes {
    /// The canonical name; null for quotes with no speaker found.
    pub speaker: Option<String>,
    pub entity_id: Option<String>,
    /// The first role a document gives the speaker.
    pub role: Option<String>,
    pub statements: Vec<BriefStatement>,
}

/// One statement (a quote, its continuations and its variants).
#[derive(Debug, Serialize)]
pub struct BriefStatement {
    pub kind: String,
    /// The words of its first appearance.
    pub text: String,
    pub cue: Option<String>,
    pub appearances: Vec<BriefAppearance>,
    /// The speaker's indirect statements that report it in other words
    /// (the same-fact judge's call), each with the statement it fits best.
    pub paraphrases: Vec<BriefParaphrase>,
}

/// An indirect statement ("Sheinbaum made it clear that Mexico would never
/// accept …") reporting a quoted statement in the writer's words.
#[derive(Debug, Serialize)]
pub struct BriefParaphrase {
    pub quote_id: String,
    pub document_id: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub cue: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct BriefAppearance {
    pub quote_id: String,
    pub document_id: String,
    pub start: usize,
    pub end: usize,
    /// The words here when they differ from the statement's (another
    /// wording or translation).
    pub variant: Option<String>,
}

impl Briefing {
    /// A document of the story by id.
    pub fn document(&self, id: &str) -> Option<&BriefDocument> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// `e8f7b90b News Journos 2025-05-03` (unknown parts left out).
    pub fn cite_one(&self, id: &str) -> String {
        let (short, rest) = self.cite_parts(id);
        short + &rest
    }

    /// A citation in two parts: the short id, and the rest (" outlet
    /// date", possibly empty), for formats that mark the id up.
    pub fn cite_parts(&self, id: &str) -> (String, String) {
        let Some(d) = self.document(id) else {
            return (id.to_string(), String::new());
        };
        let mut rest = String::new();
        for part in [&d.outlet, &d.published].into_iter().flatten() {
            rest.push(' ');
            rest.push_str(part);
        }
        (d.short_id.clone(), rest)
    }

    /// The citations of some documents, joined by `; `.
    pub fn cite(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|id| self.cite_one(id))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// A document's short id.
    pub fn short(&self, id: &str) -> String {
        self.document(id)
            .map_or_else(|| id.to_string(), |d| d.short_id.clone())
    }

    /// Rewrite the full document ids in a text (merge reasons name them)
    /// as short ids.
    pub fn shorten_ids(&self, text: &str) -> String {
        let mut out = text.to_string();
        for d in &self.documents {
            out = out.replace(&d.id, &d.short_id);
        }
        out
    }

    pub fn outlet_names(&self) -> usize {
        self.outlets.iter().filter(|o| o.name.is_some()).count()
    }
}

/// The shortest prefix length (at least [`SHORT_ID`]) that tells the ids
/// apart.
fn short_len(ids: &[&str]) -> usize {
    let longest = ids.iter().map(|i| i.len()).max().unwrap_or(SHORT_ID);
    (SHORT_ID..longest)
        .find(|&n| {
            let mut p: Vec<&str> = ids.iter().map(|i| &i[..n.min(i.len())]).collect();
            p.sort_unstable();
            p.windows(2).all(|w| w[0] != w[1])
        })
        .unwrap_or(longest)
}

/// Gather the briefing of one story (the caller holds a snapshot).
pub fn gather(store: &dyn Store, s: &StoryRecord) -> Result<Briefing, StoreError> {
    let findings = store.story_findings(&s.id)?;
    let mut quotes = Vec::new();
    store.for_each_story_quote(&s.id, &mut |q| {
        quotes.push(q);
        Ok(())
    })?;
    let signals = crate::signals::story_document_signals(store, s)?;
    let outlets = crosscheck_signals::outlet_signals(&signals, Some(&s.id));
    Ok(assemble(s, &findings, &quotes, outlets))
}

/// The briefing of a story from its record, findings, quotes and outlet
/// signals.
pub fn assemble(
    s: &StoryRecord,
    f: &FindingsRecord,
    quotes: &[QuoteRecord],
    outlet_signals: Vec<ExportOutletSignals>,
) -> Briefing {
    let ids: Vec<&str> = s.documents.iter().map(|d| d.id.as_str()).collect();
    let n = short_len(&ids);
    let documents: Vec<BriefDocument> = s
        .documents
        .iter()
        .map(|d| BriefDocument {
            id: d.id.clone(),
            short_id: d.id.chars().take(n).collect(),
            outlet: d.outlet.clone().filter(|o| !o.trim().is_empty()),
            published: d.published.as_ref().map(|p| p.chars().take(10).collect()),
            title: d.title.clone(),
            copy_of: d.copy_of.as_ref().map(|c| c.original_id.clone()),
        })
        .collect();
    let mut outlets: Vec<BriefOutlet> = Vec::new();
    for d in &documents {
        match outlets
            .iter_mut()
            .find(|o| o.name.is_some() && o.name == d.outlet)
        {
            Some(o) => o.document_ids.push(d.id.clone()),
            None => outlets.push(BriefOutlet {
                name: d.outlet.clone(),
                document_ids: vec![d.id.clone()],
            }),
        }
    }
    let story = crate::export::export_story(s, f);
    let by_status = |st: ClaimStatus| -> Vec<ExportStoryClaim> {
        story
            .claims
            .iter()
            .filter(|c| c.status == st)
            .cloned()
            .collect()
    };
    let mut confirmed = by_status(ClaimStatus::Corroborated);
    confirmed.sort_by_key(|c| std::cmp::Reverse(c.independent_sources));
    let outlet_notes = outlet_notes(outlet_signals, &outlets);
    Briefing {
        id: s.id.clone(),
        title: s.title.clone(),
        start: s.start.clone(),
        end: s.end.clone(),
        timeline: story.episodes.clone(),
        confirmed,
        single_source: by_status(ClaimStatus::SingleSource),
        contested: by_status(ClaimStatus::Contested),
        role_conflicts: story.role_conflicts.clone(),
        quotes: who_said_what(quotes),
        outlet_notes,
        documents,
        outlets,
    }
}

/// The outlets' signals in the order of the briefing's outlets (first
/// publication), then those with the most numbers no other outlet carries
/// first, then the highest share of claims naming no source (a stable
/// sort: ties keep the outlets' order).
fn outlet_notes(
    mut notes: Vec<ExportOutletSignals>,
    outlets: &[BriefOutlet],
) -> Vec<ExportOutletSignals> {
    let position = |n: &ExportOutletSignals| {
        outlets
            .iter()
            .position(|o| o.document_ids.iter().any(|d| n.document_ids.contains(d)))
            .unwrap_or(usize::MAX)
    };
    notes.sort_by_key(position);
    let figure = |n: &ExportOutletSignals, kind: SignalKind| {
        n.signals
            .iter()
            .find(|s| s.kind == kind && s.applicable)
            .map_or((0, 0.0), |s| (s.count, s.share.unwrap_or(0.0)))
    };
    notes.sort_by(|x, y| {
        let (ex, ey) = (
            figure(x, SignalKind::ExclusiveNumbers).0,
            figure(y, SignalKind::ExclusiveNumbers).0,
        );
        let (ux, uy) = (
            figure(x, SignalKind::UnattributedClaims).1,
            figure(y, SignalKind::UnattributedClaims).1,
        );
        ey.cmp(&ex).then(uy.total_cmp(&ux))
    });
    notes
}

/// The story's direct and partial quotes grouped into statements (as
/// `crosscheck quotes` groups them) and the statements by speaker: most
/// statements first, quotes with no speaker last.
fn who_said_what(quotes: &[QuoteRecord]) -> Vec<SpeakerQuotes> {
    let keep = |u: &quotes::Unit<'_>| KindFilter::Quoted.accepts(u.head().quote.kind);
    let st = quotes::build(quotes, &keep);
    let mut speakers: Vec<SpeakerQuotes> = Vec::new();
    // (linked entity id, name) of each speaker; `None` for no speaker.
    let mut keys: Vec<Option<(Option<String>, String)>> = Vec::new();
    for g in &st.groups {
        let h = st.units[g[0]].head();
        let key = h
            .speaker
            .as_ref()
            .map(|s| (s.entity_id.clone(), s.name.clone()));
        let at = match keys.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                keys.push(key);
                speakers.push(SpeakerQuotes {
                    speaker: h.speaker.as_ref().map(|s| s.name.clone()),
                    entity_id: h.speaker.as_ref().and_then(|s| s.entity_id.clone()),
                    role: None,
                    statements: Vec::new(),
                });
                speakers.len() - 1
            }
        };
        let sp = &mut speakers[at];
        if sp.role.is_none() {
            sp.role = h.speaker.as_ref().and_then(|s| s.roles.first().cloned());
        }
        sp.statements.push(statement(&st, g));
    }
    link_paraphrases(quotes, &keys, &mut speakers);
    // Stable: first appearance breaks ties.
    speakers.sort_by_key(|s| (s.speaker.is_none(), std::cmp::Reverse(s.statements.len())));
    speakers
}

/// A statement's wordings: its first, then its appearances' others.
fn wording_texts(st: &BriefStatement) -> impl Iterator<Item = &str> {
    std::iter::once(st.text.as_str())
        .chain(st.appearances.iter().filter_map(|a| a.variant.as_deref()))
}

/// Statements of a speaker judged against one indirect statement: those
/// sharing the most words with it.
const PARAPHRASE_CANDIDATES: usize = 16;

/// The words by which an indirect statement finds the quotes it may report:
/// lower case, four letters or more.
fn paraphrase_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
}

/// Bytes of the time phrase and "that" opening an indirect statement's
/// words ("on Tuesday that Veloria would …", "last week that …"): when it
/// was said, not what. 0 when there is none.
fn said_when(words: &str) -> usize {
    const OPENERS: &[&str] = &["on", "last", "this", "earlier", "later", "late"];
    let mut at = 0;
    for (i, w) in words.split(' ').enumerate().take(4) {
        let lower = w.to_lowercase();
        if i == 0 && !OPENERS.contains(&lower.as_str()) {
            return 0;
        }
        at += w.len() + 1;
        if i > 0 && lower == "that" {
            return at.min(words.len());
        }
    }
    0
}

/// Each indirect statement of a speaker, under the speaker's quoted
/// statement the same-fact judge finds it reporting (the best-scoring of
/// those it finds the same, in any of its wordings); `keys` are the
/// speakers' (linked entity id, name), in the order of `speakers`.
fn link_paraphrases(
    quotes: &[QuoteRecord],
    keys: &[Option<(Option<String>, String)>],
    speakers: &mut [SpeakerQuotes],
) {
    let judge = crosscheck_samefact::Judge::shipped();
    // The statements' wordings as the judge reads them, per speaker, made
    // for the statements an indirect statement is judged against only.
    let wordings: Vec<Vec<OnceCell<Vec<crosscheck_samefact::Statement>>>> = speakers
        .iter()
        .map(|sp| sp.statements.iter().map(|_| OnceCell::new()).collect())
        .collect();
    // Per speaker, each word's statements: an indirect statement is judged
    // against the few that share words with it, not against all (a
    // president's statements in a large story run to thousands).
    let index: Vec<HashMap<String, Vec<usize>>> = speakers
        .iter()
        .map(|sp| {
            let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
            for (k, st) in sp.statements.iter().enumerate() {
                let mut seen = HashSet::new();
                for w in wording_texts(st).flat_map(paraphrase_words) {
                    if seen.insert(w.clone()) {
                        by_word.entry(w).or_default().push(k);
                    }
                }
            }
            by_word
        })
        .collect();
    let speaker_at: HashMap<&(Option<String>, String), usize> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| Some((k.as_ref()?, i)))
        .collect();
    for q in quotes
        .iter()
        .filter(|q| q.quote.kind == QuoteKind::Indirect)
    {
        let Some(sp) = &q.speaker else { continue };
        let key = (sp.entity_id.clone(), sp.name.clone());
        let Some(&at) = speaker_at.get(&key) else {
            continue;
        };
        let mut shared: HashMap<usize, usize> = HashMap::new();
        let mine: HashSet<String> = paraphrase_words(&q.text).collect();
        for w in &mine {
            for &k in index[at].get(w).map(Vec::as_slice).unwrap_or(&[]) {
                *shared.entry(k).or_default() += 1;
            }
        }
        let mut candidates: Vec<(usize, usize)> =
            shared.into_iter().filter(|&(_, n)| n >= 2).collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(PARAPHRASE_CANDIDATES);
        let said = crosscheck_samefact::Statement::new(&q.text);
        let best = candidates
            .into_iter()
            .filter_map(|(k, _)| {
                wordings[at][k]
                    .get_or_init(|| {
                        wording_texts(&speakers[at].statements[k])
                            .map(crosscheck_samefact::Statement::new)
                            .collect()
                    })
                    .iter()
                    .map(|w| judge.rate(w, &said))
                    .filter(|v| v.same)
                    .map(|v| v.score)
                    .reduce(f32::max)
                    .map(|score| (k, score))
            })
            .reduce(|a, b| {
                if b.1 > a.1 || (b.1 == a.1 && b.0 < a.0) {
                    b
                } else {
                    a
                }
            });
        if let Some((k, _)) = best {
            let skip = said_when(&q.text);
            speakers[at].statements[k]
                .paraphrases
                .push(BriefParaphrase {
                    quote_id: crosscheck_model::quote_id(&q.document_id, q.index),
                    document_id: q.document_id.clone(),
                    start: q.quote.content.start + skip,
                    end: q.quote.content.end,
                    text: quotes::normalise(&q.text[skip..]),
                    cue: q.cue.clone(),
                });
        }
    }
}

fn statement(st: &Statements, group: &[usize]) -> BriefStatement {
    let first = &st.units[group[0]];
    let text = quotes::normalise(&first.text());
    let appearances = group
        .iter()
        .map(|&i| {
            let u = &st.units[i];
            let q = u.head();
            let t = quotes::normalise(&u.text());
            BriefAppearance {
                quote_id: crosscheck_model::quote_id(&q.document_id, q.index),
                document_id: q.document_id.clone(),
                start: q.quote.content.start,
                end: q.quote.content.end,
                variant: (t != text).then_some(t),
            }
        })
        .collect();
    BriefStatement {
        kind: first.head().quote.kind.as_str().to_string(),
        cue: first.cue().map(str::to_string),
        text,
        appearances,
        paraphrases: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_of_saying_is_not_what_was_said() {
        let w = "on Tuesday that Veloria would never allow warships";
        assert_eq!(&w[said_when(w)..], "Veloria would never allow warships");
        let w = "last week that the port would reopen";
        assert_eq!(&w[said_when(w)..], "the port would reopen");
        for whole in [
            "the port would reopen",
            "on the other hand that is all",
            "only that",
        ] {
            assert_eq!(said_when(whole), 0, "{whole}");
        }
    }

    #[test]
    fn short_ids_grow_until_they_tell_documents_apart() {
        assert_eq!(short_len(&["aaaaaaaaaaaa", "bbbbbbbbbbbb"]), 8);
        assert_eq!(short_len(&["aaaaaaaa1aaa", "aaaaaaaa2aaa"]), 9);
        assert_eq!(short_len(&[]), 8);
    }
}
