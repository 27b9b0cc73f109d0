//! Time expressions found in a document's clean text ("on Saturday", "in
//! February", "the past year"), each normalised against the document's
//! publication date.
//!
//! `value` is an ISO-8601-like string:
//! - a day `"2025-05-03"`, a month `"2025-05"`, a year `"2025"`;
//! - a period `"start/end"` whose ends are any of the three forms
//!   (`"2024-11-19/2025-11-19"`, `"2025-01/2025-05-03"`, a decade
//!   `"1990/1999"`).
//!
//! An expression that cannot be resolved (no publication date, a vague
//! period such as "in recent years") has `value: None` and a `note` that
//! says why.

use serde::{Deserialize, Serialize};

/// What shape of time expression the text used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeKind {
    /// A calendar day: "May 5, 2025", "5 May", "2025-05-05".
    Date,
    /// A month: "in February", "February 2025", "last February".
    Month,
    /// A year: "in 2025", "by 2030".
    Year,
    /// A day named by its weekday: "on Saturday", "next Tuesday".
    Weekday,
    /// A stretch of time: "the past year", "since January", "the 1990s".
    Period,
    /// Deictic words: "today", "yesterday", "last week", "two years ago".
    Relative,
}

impl TimeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeKind::Date => "date",
            TimeKind::Month => "month",
            TimeKind::Year => "year",
            TimeKind::Weekday => "weekday",
            TimeKind::Period => "period",
            TimeKind::Relative => "relative",
        }
    }
}

/// One time expression: a byte span of the clean text, its normalised value
/// (or `None`) and, when the value is missing or approximate, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    pub start: usize,
    pub end: usize,
    pub value: Option<String>,
    pub kind: TimeKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_lowercase_kind_and_skips_empty_note() {
        let t = TimeExpr {
            start: 3,
            end: 11,
            value: Some("2025-02".into()),
            kind: TimeKind::Month,
            note: None,
        };
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"{"start":3,"end":11,"value":"2025-02","kind":"month"}"#
        );
        let back: TimeExpr = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
        assert_eq!(TimeKind::Period.as_str(), "period");
    }
}
