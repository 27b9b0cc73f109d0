//! Amounts found in a document's text: percentages, money, counts, measures,
//! ranges, with their approximation and, when the amount is the size of a
//! change, its direction.
//!
//! `unit` is one of:
//! - `"percent"` ("15%", "15 percent", "15 per cent", "15 pct");
//! - `"percentage_points"` ("2 percentage points"; "50 basis points" = 0.5);
//! - an ISO 4217 currency code: `"USD"` (`$`, `US$`, "dollars", "USD"),
//!   `"EUR"` (`€`, "euros"), `"GBP"` (`£`, "pounds sterling"), `"JPY"` (`¥`,
//!   "yen"), `"MXN"` ("pesos", `MX$`), `"CNY"` ("yuan", "renminbi"), `"INR"`
//!   ("rupees"), `"CAD"` (`C$`), `"AUD"` (`A$`), `"CHF"` ("francs"),
//!   `"BRL"` (`R$`, "reais"); a bare `$` is `"USD"`;
//! - `"count"` for a plain number, with the counted noun's singular in
//!   `noun` when one follows ("75,000 alleged gang members" → `"gang member"`);
//! - `"fraction"` for "half", "a third", "three-quarters" (value 0.5, 0.33…, 0.75);
//! - a measure, singular: `"tonne"`, `"kilogram"`, `"pound"` (weight),
//!   `"kilometre"`, `"metre"`, `"mile"`, `"square_kilometre"`, `"hectare"`,
//!   `"acre"`, `"litre"`, `"gallon"`, `"barrel"`, `"degree"`, `"second"`,
//!   `"minute"`, `"hour"`, `"day"`, `"week"`, `"month"`, `"year"`,
//!   `"decade"`, `"century"`.

use serde::{Deserialize, Serialize};

use crate::Span;

/// One amount: a byte span `[start, end)` of the text (approximation word,
/// currency, number, multiplier and unit word; not the counted noun), its
/// normalised value, and for a range (`"10-20%"`, "between 10 and 20") its
/// upper end in `high`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    #[serde(default)]
    pub high: Option<f64>,
    pub unit: String,
    /// The counted noun's singular, for `unit == "count"` only.
    #[serde(default)]
    pub noun: Option<String>,
    #[serde(default)]
    pub approx: Option<Approx>,
    #[serde(default)]
    pub direction: Option<Direction>,
}

impl Amount {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// How the stated number relates to the real amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Approx {
    /// "over", "more than", "above", "at least", "upwards of", "dozens of".
    Over,
    /// "under", "less than", "fewer than", "up to", "at most", "as many as".
    Under,
    /// "about", "around", "roughly", "nearly", "almost", "some",
    /// "approximately", "an estimated", "close to", "~".
    About,
}

/// The sign of a change whose size the amount is ("increasing its budget by
/// 15%", "a 12% drop", "down 20%").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Increase,
    Decrease,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_lowercase() {
        let a = Amount {
            start: 0,
            end: 3,
            value: 15.0,
            high: None,
            unit: "percent".into(),
            noun: None,
            approx: Some(Approx::About),
            direction: Some(Direction::Increase),
        };
        let json = serde_json::to_string(&a).unwrap();
        assert!(json.contains("\"approx\":\"about\""), "{json}");
        assert!(json.contains("\"direction\":\"increase\""), "{json}");
        let back: Amount = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
    }
}
