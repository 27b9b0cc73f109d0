//! The corroboration stage in the ingest pipeline: after re-clustering,
//! each stored story's documents are read (one story at a time, so only one
//! story's analyses are in memory), `crosscheck_corroborate::corroborate`
//! runs on them, and its findings replace the stored ones, all in the
//! pipeline's one derivation transaction under the write lock. Like the links and the stories, the
//! findings depend only on what is stored.

use std::panic::AssertUnwindSafe;

use anyhow::Result;
use crosscheck_corroborate::{corroborate, Findings, Status, StoryDoc};
use crosscheck_model::ClaimStatus;
use crosscheck_store::{
    ClaimRef, FactPartRecord, NewAlignedClaim, NewContradiction, RoleConflictRecord, RoleSide,
    SourceRecord, StoreError, StoryDocument, StoryFindings,
};
use rayon::prelude::*;

/// What corroboration found, for the ingest summary.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FindingCounts {
    /// Aligned claims (facts) over all stories.
    pub claims: usize,
    pub corroborated: usize,
    pub single_source: usize,
    pub contested: usize,
    pub role_conflicts: usize,
}

impl From<crosscheck_store::FindingTotals> for FindingCounts {
    fn from(t: crosscheck_store::FindingTotals) -> Self {
        FindingCounts {
            claims: t.claims,
            corroborated: t.corroborated,
            single_source: t.single_source,
            contested: t.contested,
            role_conflicts: t.role_conflicts,
        }
    }
}

impl FindingCounts {
    fn add(&mut self, f: &StoryFindings) {
        self.claims += f.claims.len();
        for c in &f.claims {
            match c.status {
                ClaimStatus::Corroborated => self.corroborated += 1,
                ClaimStatus::SingleSource => self.single_source += 1,
                ClaimStatus::Contested => self.contested += 1,
            }
        }
        self.role_conflicts += f.role_conflicts.len();
    }
}

/// The findings of a batch of stories (id and documents), in its order:
/// stories are independent, so each worker takes whole stories.
pub fn batch_findings(
    stories: &[(String, Vec<StoryDocument>)],
    pool: &rayon::ThreadPool,
    counts: &mut FindingCounts,
) -> Result<Vec<StoryFindings>, StoreError> {
    let found: Vec<Result<StoryFindings, StoreError>> = pool.install(|| {
        stories
            .par_iter()
            .map(|(id, docs)| story_findings(id, docs))
            .collect()
    });
    let found = found.into_iter().collect::<Result<Vec<_>, _>>()?;
    for f in &found {
        counts.add(f);
    }
    Ok(found)
}

fn status(s: Status) -> ClaimStatus {
    match s {
        Status::Corroborated => ClaimStatus::Corroborated,
        Status::SingleSource => ClaimStatus::SingleSource,
        Status::Contested => ClaimStatus::Contested,
    }
}

/// The findings of one story's documents (in the story's order), with ids
/// in place of positions.
pub fn story_findings(story_id: &str, docs: &[StoryDocument]) -> Result<StoryFindings, StoreError> {
    let position: std::collections::HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let story: Vec<StoryDoc> = docs
        .iter()
        .map(|d| StoryDoc {
            id: &d.id,
            outlet: d.outlet.as_deref(),
            published: d.published.as_deref(),
            text: &d.text,
            analysis: &d.analysis,
            upstream: &d.upstream,
            copy_of: d.copy_of.as_deref().and_then(|o| position.get(o).copied()),
            episode: d.episode,
        })
        .collect();
    let findings =
        std::panic::catch_unwind(AssertUnwindSafe(|| corroborate(&story))).map_err(|_| {
            StoreError::Aborted(format!(
                "internal error while corroborating story {story_id} (please report it)"
            ))
        })?;
    Ok(with_ids(story_id, docs, &findings))
}

fn with_ids(story_id: &str, docs: &[StoryDocument], f: &Findings) -> StoryFindings {
    let id = |d: usize| docs[d].id.clone();
    let ids = |ds: &[usize]| ds.iter().map(|&d| id(d)).collect::<Vec<_>>();
    let source_record = |s: &crosscheck_corroborate::Source| SourceRecord {
        documents: ids(&s.documents),
        merged_because: s.merged_because.clone(),
        chain: s.chain.clone(),
    };
    let refs = |cs: &[(usize, usize)]| {
        cs.iter()
            .map(|&(d, claim)| ClaimRef {
                document_id: id(d),
                claim,
            })
            .collect::<Vec<_>>()
    };
    StoryFindings {
        story_id: story_id.to_string(),
        claims: f
            .claims
            .iter()
            .map(|c| NewAlignedClaim {
                status: status(c.status),
                claims: refs(&c.claims),
                documents: ids(&c.documents),
                outlets: c.outlets.clone(),
                sources: c.sources.iter().map(source_record).collect(),
                contradictions: c
                    .contradictions
                    .iter()
                    .map(|x| NewContradiction {
                        claims: refs(&x.claims),
                        reason: x.reason.clone(),
                    })
                    .collect(),
                unattributed: c.unattributed,
                parts: c
                    .parts
                    .iter()
                    .map(|p| FactPartRecord {
                        start: p.span.0,
                        end: p.span.1,
                        main: p.main,
                        documents: ids(&p.documents),
                        sources: p.sources.iter().map(source_record).collect(),
                    })
                    .collect(),
            })
            .collect(),
        role_conflicts: f
            .role_conflicts
            .iter()
            .map(|r| RoleConflictRecord {
                entity: r.entity.clone(),
                sides: r
                    .sides
                    .iter()
                    .zip(&r.chains)
                    .map(|((title, ds), chains)| RoleSide {
                        title: title.clone(),
                        documents: ids(ds),
                        chains: chains.iter().map(source_record).collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::DocAnalysis;

    fn doc(id: &str, outlet: &str, date: &str, text: &str, copy_of: Option<&str>) -> StoryDocument {
        StoryDocument {
            id: id.into(),
            outlet: Some(outlet.into()),
            published: Some(date.into()),
            title: None,
            analysis: crosscheck_claims::analyze_document(text, Some(date)),
            text: text.into(),
            upstream: vec![],
            copy_of: copy_of.map(str::to_string),
            episode: None,
        }
    }

    #[test]
    fn a_copy_and_its_original_count_once_and_findings_name_documents_by_id() {
        let text = "Veloria's president Tomas Arvelo rejected the Kestrian offer of three navy \
                    ships on Tuesday, the government said.";
        let other = "Velorian President Tomas Arvelo has rejected Kestria's offer of three navy \
                     ships, officials confirmed on Tuesday.";
        let docs = vec![
            doc("aaaaaaaaaaaa", "Harborline", "2026-02-03", text, None),
            doc(
                "bbbbbbbbbbbb",
                "Northgate",
                "2026-02-04",
                text,
                Some("aaaaaaaaaaaa"),
            ),
            doc("cccccccccccc", "Strait Report", "2026-02-04", other, None),
        ];
        let f = story_findings("s-aaaaaaaaaaaa", &docs).unwrap();
        assert_eq!(f.story_id, "s-aaaaaaaaaaaa");
        let c = f
            .claims
            .iter()
            .find(|c| c.documents.len() == 3)
            .unwrap_or_else(|| panic!("no fact of the three documents: {f:#?}"));
        assert_eq!(c.status, ClaimStatus::Corroborated);
        assert_eq!(c.claims[0].document_id, "aaaaaaaaaaaa");
        assert_eq!(c.sources.len(), 2, "{c:#?}");
        assert_eq!(
            c.sources[0].merged_because,
            ["bbbbbbbbbbbb is a copy of aaaaaaaaaaaa"]
        );
        let mut counts = FindingCounts::default();
        counts.add(&f);
        assert_eq!(counts.claims, f.claims.len());
        assert!(counts.corroborated >= 1);
    }

    #[test]
    fn a_story_of_unanalysed_documents_has_no_findings() {
        let mut d = doc("aaaaaaaaaaaa", "Harborline", "2026-02-03", "Short.", None);
        d.analysis = DocAnalysis::default();
        let f = story_findings("s-aaaaaaaaaaaa", &[d]).unwrap();
        assert!(f.claims.is_empty() && f.role_conflicts.is_empty());
    }
}
