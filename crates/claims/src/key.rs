//! The claim key: a normalised form of a claim that two outlets stating the
//! same fact in different words would often share.
//!
//! `class|entities|amounts|time`, for example
//! `designate|donald trump||2025-02` or
//! `increase|mexico|15percent+|2025`:
//! - `class`: the predicate class of the main verb ("classified",
//!   "designated", "categorized" are all `designate`), or of the event noun
//!   in the subject when the verb says little ("Trump's designation of ...
//!   has led to ..." → `designate`); `-` when there is no verb;
//! - `entities`: the canonical names (lower case) of the people and
//!   organisations the claim mentions, sorted and joined by `,`; places are
//!   left out when a person or organisation is present, because outlets add
//!   and drop them freely ("U.S. officials", "Mexican territory");
//! - `amounts`: each amount as value, unit and direction (`+`/`-`), sorted;
//!   the value is rounded to three significant digits;
//! - `time`: the resolved value of the claim's time, if any.
//!
//! It deliberately ignores the wording, tense, voice and word order; the
//! object's words; approximation words ("over", "nearly"); hedging; who the
//! claim is attributed to (so that a claim and a report of it match); and
//! unresolved times. Two claims with equal keys are candidates for the same
//! fact, not proof of it: the corroboration stage compares them further.

use crosscheck_model::{Amount, Direction, DocEntity, EntityKind, TimeExpr};

pub fn claim_key(
    class: Option<&str>,
    entities: &[&DocEntity],
    amounts: &[Amount],
    time: Option<&TimeExpr>,
) -> String {
    let has_actor = entities.iter().any(|e| e.kind != EntityKind::Place);
    let mut names: Vec<String> = entities
        .iter()
        .filter(|e| !has_actor || e.kind != EntityKind::Place)
        .map(|e| e.name.to_lowercase().replace(['|', ','], " "))
        .collect();
    names.sort();
    names.dedup();
    let mut amts: Vec<String> = amounts.iter().map(amount_key).collect();
    amts.sort();
    amts.dedup();
    let time = time.and_then(|t| t.value.clone()).unwrap_or_default();
    format!(
        "{}|{}|{}|{}",
        class.unwrap_or("-"),
        names.join(","),
        amts.join(","),
        time
    )
}

fn amount_key(a: &Amount) -> String {
    let dir = match a.direction {
        Some(Direction::Increase) => "+",
        Some(Direction::Decrease) => "-",
        None => "",
    };
    let high = a
        .high
        .map(|h| format!("..{}", significant(h)))
        .unwrap_or_default();
    format!("{}{high}{}{dir}", significant(a.value), a.unit)
}

/// A value rounded to three significant digits, without trailing zeros
/// after the point: 75000 → "75000", 0.1234 → "0.123".
fn significant(v: f64) -> String {
    if !v.is_finite() || v == 0.0 {
        return "0".into();
    }
    let digits = v.abs().log10().floor() as i32;
    let scale = 10f64.powi(2 - digits);
    let r = (v * scale).round() / scale;
    let s = format!("{r:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::{Approx, TimeKind};

    fn entity(name: &str, kind: EntityKind) -> DocEntity {
        DocEntity {
            name: name.into(),
            kind,
            aliases: vec![],
            roles: vec![],
            gender: None,
            mentions: vec![],
        }
    }

    fn amount(value: f64, unit: &str, direction: Option<Direction>) -> Amount {
        Amount {
            start: 0,
            end: 0,
            value,
            high: None,
            unit: unit.into(),
            noun: None,
            approx: Some(Approx::Over),
            direction,
        }
    }

    #[test]
    fn key_shape() {
        let trump = entity("Donald Trump", EntityKind::Person);
        let mexico = entity("Mexico", EntityKind::Place);
        let t = TimeExpr {
            start: 0,
            end: 0,
            value: Some("2025-02".into()),
            kind: TimeKind::Month,
            note: None,
        };
        assert_eq!(
            claim_key(Some("designate"), &[&trump, &mexico], &[], Some(&t)),
            "designate|donald trump||2025-02"
        );
        assert_eq!(
            claim_key(
                Some("increase"),
                &[&mexico],
                &[amount(15.0, "percent", Some(Direction::Increase))],
                None
            ),
            "increase|mexico|15percent+|"
        );
        assert_eq!(claim_key(None, &[], &[], None), "-|||");
    }

    #[test]
    fn significant_digits() {
        assert_eq!(significant(75000.0), "75000");
        assert_eq!(significant(500_000_000.0), "500000000");
        assert_eq!(significant(0.12345), "0.123");
        assert_eq!(significant(1234.0), "1230");
        assert_eq!(significant(-12.0), "-12");
    }
}
