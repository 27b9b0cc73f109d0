//! Whether two statements report one fact (`crosscheck compare`, the
//! server's compare page): the same-fact judge alignment uses, so that what
//! a user tries is what the ledger does.

use crosscheck_samefact::{Judge, Statement};
use serde::Serialize;

/// Two statements to compare; the id is kept as given (a string or a
/// number).
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub id: serde_json::Value,
    pub a: String,
    pub b: String,
}

/// The judge's verdict on one pair, as JSON shows it:
/// `{"id", "same", "score", "why"}` with the score rounded to 0.001.
#[derive(Debug, Clone, Serialize)]
pub struct Judged {
    pub id: serde_json::Value,
    pub same: bool,
    pub score: f64,
    pub why: String,
}

/// The verdict on each pair, in order.
pub fn compare(pairs: &[Pair]) -> Vec<Judged> {
    let judge = Judge::shipped();
    pairs
        .iter()
        .map(|p| {
            let v = judge.judge(&Statement::new(&p.a), &Statement::new(&p.b));
            Judged {
                id: p.id.clone(),
                same: v.same,
                score: rounded(v.score),
                why: v.why,
            }
        })
        .collect()
}

/// A score rounded to three decimals, for JSON.
pub fn rounded(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 1000.0
}
