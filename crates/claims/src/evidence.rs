//! From the model's check-worthiness of a sentence to the claim's: the
//! model reads words only (it was trained on debate sentences); what the
//! claims stage knows about the claim moves its log-odds by fixed steps,
//! each a rule a fact-checker applies:
//!
//! - something to check it against: a named person, organisation or place,
//!   an amount or a resolved date. A claim with none of them ("The potential
//!   for collaboration exists") is commentary: −1.0. An amount: +0.5.
//! - a prediction ("will", "may need to", "is expected to") cannot be
//!   checked yet: −0.8, unless the claim also carries a resolved past date.
//! - commentary on the story itself ("This designation underlines …",
//!   "Mexico's stance reflects …"): a verb of significance whose subject is
//!   not a person or organisation (a possessor does not count), −1.0.
//!
//! The steps are set by hand from these rules, not fitted to any
//! benchmark; `bench-claims` reports the model alone and the claim scores.

/// What the claims stage found in one claim.
#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence {
    pub entities: usize,
    pub amounts: usize,
    pub resolved_time: bool,
    /// The main verb group is a modal or future ("will", "could", "may")
    /// or the claim says it "is expected to" happen.
    pub prediction: bool,
    /// A verb of significance ("highlights", "reflects") whose subject is
    /// not a person or organisation.
    pub commentary: bool,
}

/// Verbs by which a text comments on the significance of its own story.
pub const SIGNIFICANCE_VERBS: &[&str] = &[
    "highlight",
    "underscore",
    "underline",
    "reflect",
    "signal",
    "mark",
    "echo",
    "demonstrate",
    "illustrate",
    "show",
    "reveal",
    "suggest",
    "indicate",
    "emphasize",
    "emphasise",
    "represent",
    "foster",
];

/// The claim's check-worthiness from the model's `model` score.
pub fn adjust(model: f32, e: Evidence) -> f32 {
    let p = if model.is_finite() {
        f64::from(model)
    } else {
        0.0
    };
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    let mut logit = (p / (1.0 - p)).ln();
    if e.entities == 0 && e.amounts == 0 && !e.resolved_time {
        logit -= 1.0;
    }
    if e.amounts > 0 {
        logit += 0.5;
    }
    if e.prediction && !e.resolved_time {
        logit -= 0.8;
    }
    if e.commentary {
        logit -= 1.0;
    }
    (1.0 / (1.0 + (-logit).exp())) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_move_the_score_the_right_way() {
        let anchored = Evidence {
            entities: 1,
            ..Default::default()
        };
        assert!((adjust(0.6, anchored) - 0.6).abs() < 1e-4);
        assert!(adjust(0.6, Evidence::default()) < 0.5);
        let amount = Evidence {
            amounts: 1,
            ..anchored
        };
        assert!(adjust(0.45, amount) > 0.5);
        let prediction = Evidence {
            prediction: true,
            ..anchored
        };
        assert!(adjust(0.6, prediction) < 0.5);
        let dated = Evidence {
            resolved_time: true,
            ..prediction
        };
        assert!(adjust(0.6, dated) > 0.5);
        let commentary = Evidence {
            commentary: true,
            ..anchored
        };
        assert!(adjust(0.7, commentary) < 0.5);
        for m in [0.0, 1.0, f32::NAN] {
            let s = adjust(m, Evidence::default());
            assert!((0.0..=1.0).contains(&s), "{m} -> {s}");
        }
    }
}
