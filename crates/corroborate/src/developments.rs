//! Developments: the episodes of a story as alignment sees them.
//!
//! A story's documents report one or more developments (the cluster stage's
//! episodes: runs of dates, and undated pages whose lead fits none). Two
//! claims of different developments are different facts ("Sheinbaum
//! rejected the offer" in May and "Sheinbaum rejects any intervention" in
//! November are two rejections), unless one of them explicitly reports the
//! other's development: a claim whose own time (a day or a month) falls in
//! the other's dates ("in May, Sheinbaum rejected …" in a November page),
//! or a claim of the later development told in the past tense ("the fire
//! burned for 31 hours", "Solvang had proposed …"), is background that the
//! later report repeats. A later report's news is in the present or the
//! present perfect ("Sheinbaum firmly rejects any intervention", "has
//! rejected"): that is its own development's fact.

use std::sync::OnceLock;

use crosscheck_claims::lexicon::{self, FormKind};
use crosscheck_cluster::timeline::{day_number, EPISODE_GAP_DAYS};
use crosscheck_model::TimeKind;

use crate::{align, ClaimRef, StoryDoc};

/// Each development's dates (first and last day numbers of its dated
/// documents); `None` for an undated development.
pub struct Developments {
    spans: Vec<Option<(i64, i64)>>,
    /// Whether each claim (by document, then claim) is told in the past,
    /// found when first asked: alignment asks of one claim once for every
    /// claim of another development it meets, from several threads.
    past: Vec<Vec<OnceLock<bool>>>,
}

impl Developments {
    pub fn of(docs: &[StoryDoc]) -> Developments {
        let mut spans: Vec<Option<(i64, i64)>> = Vec::new();
        for doc in docs {
            let Some(e) = doc.episode else { continue };
            if spans.len() <= e {
                spans.resize(e + 1, None);
            }
            if let Some(day) = doc.published.and_then(day_number) {
                let s = spans[e].get_or_insert((day, day));
                *s = (s.0.min(day), s.1.max(day));
            }
        }
        let past = docs
            .iter()
            .map(|d| d.analysis.claims.iter().map(|_| OnceLock::new()).collect())
            .collect();
        Developments { spans, past }
    }

    /// Whether two claims may state one fact as far as their developments
    /// go: the same development (or one unknown), or one claim reporting
    /// the other's.
    pub fn may_join(&self, docs: &[StoryDoc], a: ClaimRef, b: ClaimRef) -> bool {
        match (docs[a.0].episode, docs[b.0].episode) {
            (Some(x), Some(y)) if x != y => {
                self.reports(docs, a, y) || self.reports(docs, b, x) || {
                    // the later development's claim, told in the past
                    let later = match (self.start(x), self.start(y)) {
                        (Some(sx), Some(sy)) if sx > sy => Some(a),
                        (Some(sx), Some(sy)) if sy > sx => Some(b),
                        _ => None,
                    };
                    later.is_some_and(|r| self.told_in_the_past(docs, r))
                }
            }
            _ => true,
        }
    }

    fn told_in_the_past(&self, docs: &[StoryDoc], r: ClaimRef) -> bool {
        match self.past.get(r.0).and_then(|d| d.get(r.1)) {
            Some(known) => *known.get_or_init(|| told_in_the_past(docs, r)),
            None => told_in_the_past(docs, r),
        }
    }

    fn start(&self, e: usize) -> Option<i64> {
        self.spans.get(e).copied().flatten().map(|s| s.0)
    }

    /// The claim's own time (a day or a month, resolved) falls within the
    /// dates of development `e`, give or take the gap that separates
    /// developments.
    fn reports(&self, docs: &[StoryDoc], r: ClaimRef, e: usize) -> bool {
        let Some(Some((first, last))) = self.spans.get(e).copied() else {
            return false;
        };
        let Some(time) = &align::claim(docs, r).time else {
            return false;
        };
        let Some((from, to)) = time.value.as_deref().and_then(|v| days_of(v, time.kind)) else {
            return false;
        };
        from <= last + EPISODE_GAP_DAYS && to >= first - EPISODE_GAP_DAYS
    }
}

/// Whether a claim's main verb is in the simple past or the past perfect
/// ("burned", "had proposed", "was rejected"), not the present or the
/// present perfect ("rejects", "has rejected", "is expected"): the verb is
/// the last listed verb form (or `-ed` word) before the claim's object.
pub fn told_in_the_past(docs: &[StoryDoc], r: ClaimRef) -> bool {
    let claim = align::claim(docs, r);
    let text = docs[r.0].text;
    let end = claim.object.map_or(claim.span.end, |o| o.start);
    let Some(before) = text.get(claim.span.start..end.max(claim.span.start)) else {
        return false;
    };
    let ws: Vec<String> = before
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // the verb: among the last four words before the object
    let regular_past = |w: &str| w.len() > 4 && w.ends_with("ed");
    let Some(v) = (ws.len().saturating_sub(4)..ws.len()).rev().find(|&i| {
        lexicon::verb(&ws[i]).is_some_and(|f| f.kind != FormKind::Base) || regular_past(&ws[i])
    }) else {
        return false;
    };
    let past = lexicon::verb(&ws[v]).map_or(regular_past(&ws[v]), |f| f.kind == FormKind::Past);
    // an auxiliary right before it (adverbs between are skipped) decides the tense
    let aux = ws[..v].iter().rev().take(3).find(|w| {
        lexicon::verb(w).is_some_and(|f| matches!(f.lemma, "be" | "have" | "do" | "will"))
            || is_modal(w)
    });
    match aux.map(String::as_str) {
        Some("had" | "was" | "were" | "did") => true,
        Some(_) => false,
        None => past,
    }
}

fn is_modal(w: &str) -> bool {
    matches!(
        w,
        "will" | "would" | "can" | "could" | "may" | "might" | "must" | "shall" | "should"
    )
}

/// The first and last day numbers of a resolved day or month
/// ("2025-05-03", "2025-05"); `None` for coarser or unresolved times.
fn days_of(value: &str, kind: TimeKind) -> Option<(i64, i64)> {
    match kind {
        TimeKind::Date | TimeKind::Weekday | TimeKind::Relative if value.len() >= 10 => {
            let d = day_number(value)?;
            Some((d, d))
        }
        TimeKind::Month if value.len() == 7 => {
            let first = day_number(&format!("{value}-01"))?;
            let (y, m) = (
                value[..4].parse::<i64>().ok()?,
                value[5..7].parse::<i64>().ok()?,
            );
            let next = if m == 12 {
                format!("{}-01-01", y + 1)
            } else {
                format!("{y}-{:02}-01", m + 1)
            };
            Some((first, day_number(&next)? - 1))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_of_days_and_months() {
        let may3 = day_number("2025-05-03").unwrap();
        assert_eq!(days_of("2025-05-03", TimeKind::Date), Some((may3, may3)));
        let (from, to) = days_of("2025-02", TimeKind::Month).unwrap();
        assert_eq!(to - from, 27);
        let (from, to) = days_of("2024-12", TimeKind::Month).unwrap();
        assert_eq!(to - from, 30);
        assert_eq!(days_of("2025", TimeKind::Year), None);
        assert_eq!(days_of("2025-05", TimeKind::Date), None);
    }

    fn tense(sentence: &str) -> bool {
        let analysis = crosscheck_claims::analyze_document(sentence, Some("2026-02-04"));
        let docs = [StoryDoc {
            id: "d",
            outlet: None,
            published: Some("2026-02-04"),
            text: sentence,
            analysis: &analysis,
            upstream: &[],
            copy_of: None,
            episode: None,
        }];
        assert!(!analysis.claims.is_empty(), "{sentence}");
        told_in_the_past(&docs, (0, 0))
    }

    #[test]
    fn past_and_present() {
        assert!(tense(
            "The fire at the terminal burned for 31 hours before crews put it out."
        ));
        assert!(tense(
            "Solvang had proposed sending three navy ships to the port."
        ));
        assert!(tense(
            "The offer was rejected by the Velorian government in Port Alvar."
        ));
        assert!(!tense(
            "Sheinbaum firmly rejects any U.S. military intervention on Mexican soil."
        ));
        assert!(!tense(
            "Veloria has rejected the offer of three navy ships from Kestria."
        ));
        assert!(!tense(
            "The two governments will sign a joint inspection agreement in June."
        ));
    }
}
