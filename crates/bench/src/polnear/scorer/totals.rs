//! What is counted: the cells (subset × role × mode) of gold, predicted and
//! matched spans, the speaker tallies, and their sums over a split.

use crosscheck_model::Span;

use super::PredAttribution;
use crate::polnear::loader::{GoldAttribution, GoldSpan};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Source,
    Cue,
    Content,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Source, Role::Cue, Role::Content];
    pub fn label(self) -> &'static str {
        match self {
            Role::Source => "source",
            Role::Cue => "cue",
            Role::Content => "content",
        }
    }
    pub(super) fn gold(self, a: &GoldAttribution) -> Option<&GoldSpan> {
        match self {
            Role::Source => a.source.as_ref(),
            Role::Cue => a.cue.as_ref(),
            Role::Content => a.content.as_ref(),
        }
    }
    pub(super) fn predicted(self, p: &PredAttribution) -> Option<Vec<Span>> {
        match self {
            Role::Source => p.source.map(|s| vec![s]),
            Role::Cue => p.cue.map(|s| vec![s]),
            Role::Content => Some(p.content.clone()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subset {
    All,
    Direct,
}

impl Subset {
    pub const ALL: [Subset; 2] = [Subset::All, Subset::Direct];
    pub fn label(self) -> &'static str {
        match self {
            Subset::All => "all attributions",
            Subset::Direct => "direct quotes",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Exact,
    Overlap,
}

impl Mode {
    pub const ALL: [Mode; 2] = [Mode::Exact, Mode::Overlap];
}

/// Gold and predicted spans and one-to-one matches between them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
    }
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The speaker-right tallies over gold direct quotes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpeakerCounts {
    pub right: usize,
    /// Gold direct quotes with a source, matched by content overlap.
    pub matched_with_source: usize,
    /// All gold direct quotes with a source.
    pub with_source: usize,
    /// Gold direct quotes without a source (left out of both shares).
    pub without_source: usize,
}

impl SpeakerCounts {
    pub fn add(&mut self, o: &SpeakerCounts) {
        self.right += o.right;
        self.matched_with_source += o.matched_with_source;
        self.with_source += o.with_source;
        self.without_source += o.without_source;
    }
    pub fn over_matched(&self) -> f64 {
        ratio(self.right, self.matched_with_source)
    }
    pub fn over_all(&self) -> f64 {
        ratio(self.right, self.with_source)
    }
}

/// Counts indexed by subset, role and mode.
pub type Grid = [[[Counts; 2]; 3]; 2];

/// All counts of a split (or of one document).
#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub docs: usize,
    pub grid: Grid,
    pub speaker: SpeakerCounts,
    pub gold_attributions: usize,
    pub gold_direct: usize,
    pub gold_with_source: usize,
    pub gold_with_cue: usize,
    pub gold_with_content: usize,
    pub gold_marked_no_source: usize,
    pub predicted_quotes: usize,
    /// Predicted quotes grouped with the quotes that continue them.
    pub predicted_attributions: usize,
    /// Predicted attributions that are direct quotes (of kind direct).
    pub predicted_direct: usize,
    /// Predicted spans that do not fit the text (not on character boundaries,
    /// past the end, or empty after normalisation); they count as predictions.
    pub predicted_unusable: usize,
}

impl Totals {
    pub fn cell(&self, subset: Subset, role: Role, mode: Mode) -> &Counts {
        &self.grid[subset as usize][role as usize][mode as usize]
    }
    pub fn add(&mut self, o: &Totals) {
        self.docs += o.docs;
        for s in 0..2 {
            for r in 0..3 {
                for m in 0..2 {
                    self.grid[s][r][m].add(&o.grid[s][r][m]);
                }
            }
        }
        self.speaker.add(&o.speaker);
        self.gold_attributions += o.gold_attributions;
        self.gold_direct += o.gold_direct;
        self.gold_with_source += o.gold_with_source;
        self.gold_with_cue += o.gold_with_cue;
        self.gold_with_content += o.gold_with_content;
        self.gold_marked_no_source += o.gold_marked_no_source;
        self.predicted_quotes += o.predicted_quotes;
        self.predicted_attributions += o.predicted_attributions;
        self.predicted_direct += o.predicted_direct;
        self.predicted_unusable += o.predicted_unusable;
    }
}
