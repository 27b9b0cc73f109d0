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
//! Some statements are not claims to check at all, whatever their words
//! ([`not_a_claim`]): a credit or translation line ("This report also
//! includes contributions from …", "the translation is by …"), a summary
//! that restates ("In summary, …"), and commentary on the story itself.
//! They stay statements, with a score capped below
//! [`crosscheck_model::CHECKWORTHY`].
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
    /// Not a claim to check: a credit, translation or summary line
    /// ([`not_a_claim`]).
    pub not_a_claim: bool,
}

/// The score a statement that is no claim keeps at most: below the
/// check-worthy line, above 0 so that it still ranks among statements.
pub const NOT_A_CLAIM_CAP: f32 = 0.2;
/// The score commentary on the story keeps at most.
pub const COMMENTARY_CAP: f32 = 0.35;

/// Openings of a credit or translation line, and of a summary, lower case.
const CREDIT_OPENINGS: &[&str] = &[
    "this report also includes contributions",
    "this report includes contributions",
    "this story also includes contributions",
    "this article also includes contributions",
    "additional reporting by",
    "reporting by",
    "writing by",
    "editing by",
    "compiled by",
    "translated by",
    "translation by",
];
/// Words anywhere in a credit or translation line.
const CREDIT_PHRASES: &[&str] = &[
    "contributed to this report",
    "contributed reporting",
    "contributed to this story",
    "the translation is by",
    "translation was provided by",
    "translated from the",
    "was translated by",
];
const SUMMARY_OPENINGS: &[&str] = &[
    "in summary",
    "in conclusion",
    "to sum up",
    "to summarize",
    "to summarise",
    "in short,",
    "all in all",
];

/// Forms of the significance verbs that the verb finder may read as nouns
/// ("marks", "signals").
const SIGNIFICANCE_FORMS: &[&str] = &[
    "marks",
    "marked",
    "signals",
    "signaled",
    "signalled",
    "represents",
    "represented",
    "underscores",
    "underscored",
    "highlights",
    "highlighted",
    "reflects",
    "reflected",
    "constitutes",
];
/// What evaluative commentary calls the story ("a pivotal moment").
const SIGNIFICANCE_NOUNS: &[&str] = &[
    "moment",
    "turning",
    "milestone",
    "chapter",
    "juncture",
    "watershed",
    "crossroads",
    "shift",
];

/// Whether a statement judges the story's significance: a significance
/// verb followed, within four words, by what such commentary calls an
/// event ("marks a critical moment", "signals a pivotal moment in …",
/// "represents a new chapter").
pub fn evaluative(sentence: &str) -> bool {
    let words: Vec<String> = sentence
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        SIGNIFICANCE_FORMS.contains(&w.as_str())
            && words[i + 1..]
                .iter()
                .take(4)
                .any(|n| SIGNIFICANCE_NOUNS.contains(&n.as_str()))
    })
}

/// Whether a statement is a credit or translation line or a summary that
/// restates: not a claim anyone would check.
pub fn not_a_claim(sentence: &str) -> bool {
    let lower = sentence
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    CREDIT_OPENINGS
        .iter()
        .chain(SUMMARY_OPENINGS)
        .any(|o| lower.starts_with(o))
        || CREDIT_PHRASES.iter().any(|p| lower.contains(p))
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
    let score = (1.0 / (1.0 + (-logit).exp())) as f32;
    if e.not_a_claim {
        score.min(NOT_A_CLAIM_CAP)
    } else if e.commentary {
        score.min(COMMENTARY_CAP)
    } else {
        score
    }
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
        assert!(adjust(0.99, commentary) < 0.5);
        let credit = Evidence {
            not_a_claim: true,
            amounts: 2,
            ..anchored
        };
        assert!(adjust(0.99, credit) <= NOT_A_CLAIM_CAP);
        assert!(adjust(0.99, credit) > 0.0);
        for m in [0.0, 1.0, f32::NAN] {
            let s = adjust(m, Evidence::default());
            assert!((0.0..=1.0).contains(&s), "{m} -> {s}");
        }
    }
}

#[cfg(test)]
mod not_a_claim_tests {
    use super::not_a_claim;

    #[test]
    fn credit_translation_and_summary_lines_are_not_claims() {
        for line in [
            "This report also includes contributions from Adam Shaw of Fox News Digital and the Associated Press.",
            "Arvelo spoke in Velorian; the translation is by The Coastal Times.",
            "Reuters staff contributed to this report.",
            "(Reporting by Ana Ruiz; Editing by Tom Hale)",
            "In summary, the offer was rejected within three weeks.",
            "In conclusion, both governments claimed success.",
        ] {
            assert!(not_a_claim(line), "{line}");
        }
    }

    #[test]
    fn commentary_on_the_story_is_evaluative() {
        use super::evaluative;
        for line in [
            "Mexico's rejection of U.S. military assistance marks a critical moment in bilateral relations.",
            "The rejection signals a pivotal moment in U.S.-Mexico relations.",
            "The deal represents a new chapter for the port.",
        ] {
            assert!(evaluative(line), "{line}");
        }
        for line in [
            "The fire marks the third at the terminal this year.",
            "Solvang signals that the ships could leave on Monday.",
            "The agency reported a shift of 20 tonnes.",
        ] {
            assert!(!evaluative(line), "{line}");
        }
    }

    #[test]
    fn statements_about_reports_and_translations_still_are() {
        for line in [
            "The report found that 240 tonnes of solvent leaked.",
            "Officials said the translation of the treaty was flawed.",
            "Reporting from the port, the agency said two tanks were damaged.",
            "The summary of the inquiry was published on Friday.",
        ] {
            assert!(!not_a_claim(line), "{line}");
        }
    }
}
