//! Numbers no other outlet carries: the amounts of a document's claims that
//! no document of another outlet of its story gives. Amounts are compared
//! by normalised value and unit (the `nlp` stage's normalisation), never as
//! strings: "$500 million" and "US$500m" are one number, "15%" and "15 per
//! cent" too, and "half" is 50 percent. Two values within 1% of each other
//! are the same number (the corroboration stage calls amounts over 2% apart
//! different; rounding by a writer stays well inside 1%); a range carries
//! every number inside it.

use std::collections::BTreeSet;

use crosscheck_model::export::{ExportSignal, SignalKind};
use crosscheck_model::{Amount, AttributionKind, DocClaim, Document};

use crate::evidence::{build, in_text, not_applicable};
use crate::text::{percent, plural, share, thousands};
use crate::DocInput;

const KIND: SignalKind = SignalKind::ExclusiveNumbers;

/// Relative tolerance under which two values are one number.
const TOLERANCE: f64 = 0.01;

/// An amount reduced to what is compared: unit and the interval of values.
#[derive(Debug, Clone, PartialEq)]
struct Value {
    unit: String,
    low: f64,
    high: f64,
}

impl Value {
    /// `None` for an amount that cannot be compared (a value that is not a
    /// finite number).
    fn of(a: &Amount) -> Option<Value> {
        let high = a.high.unwrap_or(a.value);
        if !a.value.is_finite() || !high.is_finite() {
            return None;
        }
        // A fraction ("half", "a third") is a share like a percentage.
        let (unit, scale) = match a.unit.as_str() {
            "fraction" => ("percent".to_string(), 100.0),
            u => (u.to_ascii_lowercase(), 1.0),
        };
        let (low, high) = (a.value * scale, high * scale);
        Some(Value {
            unit,
            low: low.min(high),
            high: low.max(high),
        })
    }

    /// Whether the two give one number: same unit, and the intervals,
    /// each widened by the tolerance, overlap.
    fn matches(&self, other: &Value) -> bool {
        if self.unit != other.unit {
            return false;
        }
        let slack = |v: &Value| TOLERANCE * v.low.abs().max(v.high.abs()) + 1e-9;
        let (a, b) = (slack(self), slack(other));
        self.low - a <= other.high + b && other.low - b <= self.high + a
    }
}

/// What the other outlets of a story carry: their amounts, normalised.
#[derive(Debug, Clone, Default)]
pub struct Carried {
    values: Vec<Value>,
    /// How many other outlets there are (a document of unknown outlet is
    /// an outlet of its own).
    outlets: usize,
}

impl Carried {
    /// Nothing carried, no other outlet: the signal does not apply.
    pub fn none() -> Carried {
        Carried::default()
    }

    /// What the documents of other outlets than `docs[i]`'s carry, among
    /// `docs` (one story).
    pub fn by_other_outlets(docs: &[DocInput<'_>], i: usize) -> Carried {
        let Some(me) = docs.get(i) else {
            return Carried::none();
        };
        let mine = outlet_key(me);
        let mut outlets: BTreeSet<String> = BTreeSet::new();
        let mut carried = Carried::none();
        for (j, d) in docs.iter().enumerate() {
            let key = outlet_key(d);
            if j == i || key == mine {
                continue;
            }
            outlets.insert(key);
            carried.add(d.claims);
        }
        carried.outlets = outlets.len();
        carried
    }

    /// Add the amounts of one document of another outlet.
    pub fn add(&mut self, claims: &[DocClaim]) {
        self.values
            .extend(claims.iter().flat_map(|c| &c.amounts).filter_map(Value::of));
    }

    /// Count one more other outlet.
    pub fn add_outlet(&mut self) {
        self.outlets += 1;
    }

    fn carries(&self, v: &Value) -> bool {
        self.values.iter().any(|o| o.matches(v))
    }
}

/// The key two documents share when they come from one outlet: the
/// outlet's name, case and spacing aside; a document of unknown outlet is
/// its own.
fn outlet_key(d: &DocInput<'_>) -> String {
    match crate::text::outlet_name(d.document.outlet.as_deref()) {
        Some(name) => format!("outlet:{}", name.to_lowercase()),
        None => format!("document:{}", d.document.id),
    }
}

/// `15 percent`, `500,000,000 USD`, `10 – 20 percent`, `75,000 (gang member)`.
fn describe(a: &Amount) -> String {
    let num = |x: f64| {
        if x.fract() == 0.0 && x.abs() < 1e15 {
            let n = x.abs() as usize;
            format!("{}{}", if x < 0.0 { "-" } else { "" }, thousands(n))
        } else {
            // Four decimals at most ("a third" is 0.3333), no trailing zeros.
            let s = format!("{x:.4}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    };
    let mut s = num(a.value);
    if let Some(h) = a.high {
        s.push_str(" – ");
        s.push_str(&num(h));
    }
    match (a.unit.as_str(), &a.noun) {
        ("count", Some(noun)) => s.push_str(&format!(" ({noun})")),
        ("count", None) => {}
        (unit, _) => {
            s.push(' ');
            s.push_str(unit);
        }
    }
    s
}

fn voice(c: &DocClaim) -> String {
    match (c.attribution.kind, &c.attribution.text) {
        (AttributionKind::Outlet, _) => "the claim names no source".into(),
        (AttributionKind::Named, Some(t)) => format!("the claim names its source: {t}"),
        (AttributionKind::Named, None) => "the claim names its source".into(),
        (AttributionKind::Unnamed, Some(t)) => format!("the claim gives an unnamed source: {t}"),
        (AttributionKind::Unnamed, None) => "the claim gives an unnamed source".into(),
    }
}

pub fn signal(doc: &Document, claims: &[DocClaim], others: &Carried) -> ExportSignal {
    if others.outlets == 0 {
        return not_applicable(KIND, "no other outlet in its story to compare with");
    }
    let mut seen: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut total = 0;
    let mut evidence = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        for a in &c.amounts {
            // An amount listed twice (overlapping claims) counts once.
            if !seen.insert((a.start, a.end)) {
                continue;
            }
            let Some(v) = Value::of(a) else { continue };
            // An amount whose span does not fit the text (an analysis of
            // another version of it) is left out: it could not be shown.
            if crate::evidence::span_text(doc, a.span()).is_none() {
                continue;
            }
            total += 1;
            if others.carries(&v) {
                continue;
            }
            let detail = format!(
                "{}; in no document of the {} of its story; {}",
                describe(a),
                plural(others.outlets, "other outlet", "other outlets"),
                voice(c)
            );
            evidence.extend(in_text(doc, claims, a.span(), Some(i), Some(detail)));
        }
    }
    let count = evidence.len();
    let summary = if total == 0 {
        "no numbers in its claims".to_string()
    } else {
        let words: Vec<String> = evidence.iter().map(|e| e.text.clone()).collect();
        let list = if words.is_empty() {
            String::new()
        } else {
            format!(": {}", crate::text::quoted_list(&words, 8))
        };
        format!(
            "{count} of {} ({}%) {} in no document of another outlet of its story{list}",
            plural(total, "number in its claims", "numbers in its claims"),
            share(count, total).map(percent).unwrap_or(0),
            if count == 1 { "appears" } else { "appear" },
        )
    };
    build(KIND, count, Some(total), summary, evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{amount, claim, doc, doc_as, unnamed};

    fn amt(value: f64, high: Option<f64>, unit: &str) -> Amount {
        Amount {
            start: 0,
            end: 1,
            value,
            high,
            unit: unit.into(),
            noun: None,
            approx: None,
            direction: None,
        }
    }

    fn same(a: Amount, b: Amount) -> bool {
        Value::of(&a).unwrap().matches(&Value::of(&b).unwrap())
    }

    #[test]
    fn values_match_within_one_percent_of_the_same_unit() {
        assert!(same(amt(500e6, None, "USD"), amt(500e6, None, "USD")));
        assert!(same(amt(240.0, None, "tonne"), amt(241.0, None, "tonne")));
        assert!(!same(amt(240.0, None, "tonne"), amt(300.0, None, "tonne")));
        assert!(!same(amt(15.0, None, "percent"), amt(15.0, None, "count")));
        assert!(!same(amt(500e6, None, "USD"), amt(500e6, None, "EUR")));
        // "half" is 50 percent; a range carries what lies inside it.
        assert!(same(amt(0.5, None, "fraction"), amt(50.0, None, "percent")));
        assert!(same(
            amt(10.0, Some(20.0), "percent"),
            amt(15.0, None, "percent")
        ));
        assert!(!same(
            amt(10.0, Some(20.0), "percent"),
            amt(25.0, None, "percent")
        ));
        assert!(same(amt(0.0, None, "count"), amt(0.0, None, "count")));
        assert!(Value::of(&amt(f64::NAN, None, "count")).is_none());
        assert!(Value::of(&amt(1.0, Some(f64::INFINITY), "count")).is_none());
    }

    const MINE: &str =
        "Harbour fees rose by 15% this year. The council approved $40 million for repairs. \
                        Officials said 120 berths were idle.";
    const THEIRS: &str =
        "The council approved US$40m for the harbour. Around 120 berths stood idle.";

    /// Two documents of one story (or of none), no copies.
    fn pair<'a>(
        a: (&'a Document, &'a [DocClaim]),
        b: (&'a Document, &'a [DocClaim]),
        story_id: Option<&'a str>,
    ) -> [DocInput<'a>; 2] {
        [a, b].map(|(document, claims)| DocInput {
            document,
            claims,
            story_id,
            copy_of: None,
        })
    }

    fn mine() -> Vec<DocClaim> {
        vec![
            amount(
                claim(MINE, "Harbour fees rose by 15% this year.", 0.9),
                MINE,
                "15%",
                15.0,
                "percent",
            ),
            amount(
                claim(MINE, "The council approved $40 million for repairs.", 0.9),
                MINE,
                "$40 million",
                40e6,
                "USD",
            ),
            unnamed(
                amount(
                    claim(MINE, "Officials said 120 berths were idle.", 0.8),
                    MINE,
                    "120",
                    120.0,
                    "count",
                ),
                "Officials",
            ),
        ]
    }

    fn theirs() -> Vec<DocClaim> {
        vec![
            amount(
                claim(THEIRS, "The council approved US$40m for the harbour.", 0.9),
                THEIRS,
                "US$40m",
                40e6,
                "USD",
            ),
            amount(
                claim(THEIRS, "Around 120 berths stood idle.", 0.7),
                THEIRS,
                "120",
                120.0,
                "count",
            ),
        ]
    }

    #[test]
    fn lists_the_numbers_no_document_of_another_outlet_gives() {
        let a = doc(MINE);
        let b = doc_as("bbbbbbbbbbbb", Some("Bay Herald"), THEIRS);
        let (ca, cb) = (mine(), theirs());
        let docs = pair((&a, &ca[..]), (&b, &cb[..]), Some("s-0123456789ab"));
        let s = signal(&a, &ca, &Carried::by_other_outlets(&docs, 0));
        assert!(s.applicable);
        assert_eq!((s.count, s.total), (1, Some(3)));
        let e = &s.evidence[0];
        assert_eq!(e.text, "15%");
        assert_eq!(&MINE[e.start.unwrap()..e.end.unwrap()], "15%");
        assert_eq!(e.claim_id.as_deref(), Some("0123456789ab-c0"));
        let ctx = e.context.as_ref().unwrap();
        assert_eq!(ctx.text, "Harbour fees rose by 15% this year.");
        assert_eq!(&MINE[ctx.start..ctx.end], ctx.text);
        let detail = e.detail.as_deref().unwrap();
        assert!(
            detail.starts_with("15 percent; in no document of the 1 other outlet"),
            "{detail}"
        );
        assert!(detail.ends_with("the claim names no source"), "{detail}");
        assert_eq!(
            s.summary,
            "1 of 3 numbers in its claims (33%) appears in no document of another outlet of its story: “15%”"
        );
        // The other way round, every number of the second outlet is in the first.
        let s = signal(&b, &cb, &Carried::by_other_outlets(&docs, 1));
        assert_eq!((s.count, s.total), (0, Some(2)));
    }

    #[test]
    fn the_same_outlet_is_no_other_outlet() {
        let a = doc(MINE);
        let b = doc_as("bbbbbbbbbbbb", Some("  tide courier "), THEIRS);
        let (ca, cb) = (mine(), theirs());
        let docs = pair((&a, &ca[..]), (&b, &cb[..]), None);
        let s = signal(&a, &ca, &Carried::by_other_outlets(&docs, 0));
        assert!(!s.applicable);
        assert_eq!(s.count, 0);
        assert!(s.summary.starts_with("not applicable: "), "{}", s.summary);
        // Two documents of unknown outlet are two outlets.
        let a = doc_as("aaaaaaaaaaaa", None, MINE);
        let b = doc_as("bbbbbbbbbbbb", None, THEIRS);
        let docs = pair((&a, &ca[..]), (&b, &cb[..]), None);
        assert!(signal(&a, &ca, &Carried::by_other_outlets(&docs, 0)).applicable);
    }

    #[test]
    fn an_amount_outside_the_text_is_left_out() {
        let a = doc("Short.");
        let mut c = claim("Short.", "Short.", 0.9);
        c.amounts.push(amt(7.0, None, "count"));
        c.amounts[0].start = 40;
        c.amounts[0].end = 45;
        let mut others = Carried::none();
        others.add_outlet();
        let s = signal(&a, &[c], &others);
        assert_eq!((s.count, s.total), (0, Some(0)));
        assert!(s.evidence.is_empty());
    }

    #[test]
    fn numbers_are_described_by_value_and_unit() {
        assert_eq!(describe(&amt(500e6, None, "USD")), "500,000,000 USD");
        assert_eq!(
            describe(&amt(1.0 / 3.0, None, "fraction")),
            "0.3333 fraction"
        );
        assert_eq!(describe(&amt(2.5, Some(3.0), "percent")), "2.5 – 3 percent");
        let mut a = amt(75_000.0, None, "count");
        a.noun = Some("gang member".into());
        assert_eq!(describe(&a), "75,000 (gang member)");
    }

    #[test]
    fn a_document_with_no_numbers_says_so() {
        let mut others = Carried::none();
        others.add_outlet();
        let s = signal(&doc("No numbers."), &[], &others);
        assert_eq!(s.summary, "no numbers in its claims");
        assert_eq!(s.share, None);
    }
}
