//! Scoring predicted attributions against PolNeAR's gold ones (the rules are
//! spelled out at the top of `bench-quotes`).

mod spans;
mod speaker;
mod totals;

use std::collections::HashMap;

use crosscheck_model::{DocAnalysis, DocQuote, QuoteKind, Span};

use super::loader::Doc;

pub use spans::{
    is_direct, match_exact, match_overlap, normalise, overlap_chars, Item, CLOSING_MARKS,
    FINAL_PUNCTUATION, OPENING_MARKS, QUOTE_MARKS,
};
pub use speaker::{name_words, speaker_right};
pub use totals::{Counts, Grid, Mode, Role, SpeakerCounts, Subset, Totals};

/// Whether a predicted quote counts as a direct quote. A partial quote
/// (quoted words inside the reporter's sentence) is a mixed quote in
/// PolNeAR's terms, not a direct one.
pub fn predicted_direct(q: &DocQuote) -> bool {
    q.kind == QuoteKind::Direct
}

/// One predicted attribution: a quote with the quotes that continue it
/// (`continues`: "“A,” she said. “B.”"), like one gold attribution with a
/// discontinuous content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PredAttribution {
    /// Indices into `DocAnalysis::quotes`, the first quote first.
    pub members: Vec<usize>,
    /// Any member is `Direct`.
    pub direct: bool,
    pub content: Vec<Span>,
    /// The first member's source, cue and speaker that are set.
    pub source: Option<Span>,
    pub cue: Option<Span>,
    pub speaker: Option<usize>,
}

/// Groups predicted quotes into attributions by following `continues` to the
/// first quote of each chain (a pointer out of range or a cycle ends a chain).
pub fn group_predictions(a: &DocAnalysis) -> Vec<PredAttribution> {
    let n = a.quotes.len();
    let root = |mut i: usize| {
        for _ in 0..n {
            match a.quotes[i].continues {
                Some(j) if j < n && j != i => i = j,
                _ => break,
            }
        }
        i
    };
    let mut order: Vec<usize> = Vec::new();
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    // PolNeAR is univocal: each word belongs to at most one attribution, so
    // a quote nested in another (a speaker quoting someone, a partial quote
    // inside an indirect attribution) is part of the outer one.
    for i in (0..n).filter(|&i| a.quotes[i].nested_in.is_none()) {
        let r = root(i);
        if !members.contains_key(&r) {
            order.push(r);
        }
        members.entry(r).or_default().push(i);
    }
    order
        .into_iter()
        .map(|r| {
            let mut m = members.remove(&r).unwrap_or_default();
            m.sort_by_key(|&i| (i != r, a.quotes[i].content.start, i));
            let qs: Vec<&DocQuote> = m.iter().map(|&i| &a.quotes[i]).collect();
            PredAttribution {
                direct: qs.iter().any(|q| predicted_direct(q)),
                content: qs.iter().map(|q| q.content).collect(),
                source: qs.iter().find_map(|q| q.source),
                cue: qs.iter().find_map(|q| q.cue),
                speaker: qs.iter().find_map(|q| q.speaker),
                members: m,
            }
        })
        .collect()
}

/// One document's scores and the alignments behind them (for `--dump`).
#[derive(Debug, Clone, Default)]
pub struct DocScore {
    pub totals: Totals,
    /// Per gold attribution: is it a direct quote.
    pub gold_direct: Vec<bool>,
    /// The predicted attributions (quotes grouped with their continuations).
    pub predicted: Vec<PredAttribution>,
    /// Content overlap matches over all attributions: (gold, index into `predicted`).
    pub content_matches: Vec<(usize, usize)>,
    /// Per gold attribution: the speaker verdict (gold direct quotes with a
    /// source that were matched; `Some(false)` also for unmatched ones).
    pub speaker: Vec<Option<bool>>,
}

/// Scores one document's analysis against its gold attributions.
pub fn score_doc(doc: &Doc, analysis: &DocAnalysis) -> DocScore {
    let text = doc.text.as_str();
    let gold_direct: Vec<bool> = doc
        .attributions
        .iter()
        .map(|a| a.content.as_ref().is_some_and(|c| is_direct(text, c)))
        .collect();
    let predicted_atts = group_predictions(analysis);
    let pred_direct: Vec<bool> = predicted_atts.iter().map(|p| p.direct).collect();

    let mut t = Totals {
        docs: 1,
        gold_attributions: doc.attributions.len(),
        gold_direct: gold_direct.iter().filter(|&&d| d).count(),
        gold_with_source: doc
            .attributions
            .iter()
            .filter(|a| a.source.is_some())
            .count(),
        gold_with_cue: doc.attributions.iter().filter(|a| a.cue.is_some()).count(),
        gold_with_content: doc
            .attributions
            .iter()
            .filter(|a| a.content.is_some())
            .count(),
        gold_marked_no_source: doc
            .attributions
            .iter()
            .filter(|a| a.marked_no_source)
            .count(),
        predicted_quotes: analysis.quotes.len(),
        predicted_attributions: predicted_atts.len(),
        predicted_direct: pred_direct.iter().filter(|&&d| d).count(),
        ..Default::default()
    };
    let mut content_matches = Vec::new();
    let mut direct_content_matches = Vec::new();
    for subset in Subset::ALL {
        let in_gold = |i: usize| subset == Subset::All || gold_direct[i];
        let in_pred = |i: usize| subset == Subset::All || pred_direct[i];
        for role in Role::ALL {
            let (mut gidx, mut gold) = (Vec::new(), Vec::new());
            for (i, a) in doc.attributions.iter().enumerate() {
                if let Some(item) = role
                    .gold(a)
                    .filter(|_| in_gold(i))
                    .and_then(|g| Item::gold(text, g))
                {
                    gidx.push(i);
                    gold.push(item);
                }
            }
            let (mut pidx, mut pred) = (Vec::new(), Vec::new());
            let mut predicted = 0;
            for (i, p) in predicted_atts.iter().enumerate() {
                let Some(spans) = role.predicted(p).filter(|_| in_pred(i)) else {
                    continue;
                };
                predicted += 1;
                match Item::predicted_parts(text, &spans) {
                    Some(item) => {
                        pidx.push(i);
                        pred.push(item);
                    }
                    None if subset == Subset::All => t.predicted_unusable += 1,
                    None => {}
                }
            }
            for mode in Mode::ALL {
                let matches = match mode {
                    Mode::Exact => match_exact(&gold, &pred),
                    Mode::Overlap => match_overlap(text, &gold, &pred),
                };
                t.grid[subset as usize][role as usize][mode as usize] = Counts {
                    gold: gold.len(),
                    predicted,
                    matched: matches.len(),
                };
                if role == Role::Content && mode == Mode::Overlap {
                    let mapped = matches.iter().map(|&(g, p)| (gidx[g], pidx[p])).collect();
                    match subset {
                        Subset::All => content_matches = mapped,
                        Subset::Direct => direct_content_matches = mapped,
                    }
                }
            }
        }
    }

    let mut speaker = vec![None; doc.attributions.len()];
    for (i, a) in doc.attributions.iter().enumerate() {
        if !gold_direct[i] {
            continue;
        }
        let Some(source) = &a.source else {
            t.speaker.without_source += 1;
            continue;
        };
        t.speaker.with_source += 1;
        let verdict = match direct_content_matches.iter().find(|&&(g, _)| g == i) {
            Some(&(_, p)) => {
                t.speaker.matched_with_source += 1;
                speaker_right(text, source, &predicted_atts[p], &analysis.entities)
            }
            None => false,
        };
        t.speaker.right += usize::from(verdict);
        speaker[i] = Some(verdict);
    }
    DocScore {
        totals: t,
        gold_direct,
        predicted: predicted_atts,
        content_matches,
        speaker,
    }
}

#[cfg(test)]
mod tests;
