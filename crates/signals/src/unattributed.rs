//! Check-worthy claims that name no source: the outlet states them in its
//! own voice (no named and no unnamed source). Reporters state many facts
//! that way, so the share is a signal to read beside the others (numbers
//! no other outlet carries, above all), not a finding on its own.

use crosscheck_model::export::{ExportSignal, ExportSignalEvidence, SignalKind};
use crosscheck_model::{claim_id, AttributionKind, DocClaim, Document, CHECKWORTHY};

use crate::evidence::{build, not_applicable, span_text};
use crate::text::{percent, plural, share};

const KIND: SignalKind = SignalKind::UnattributedClaims;

/// Whether a claim is check-worthy (a NaN score is not).
pub fn checkworthy(c: &DocClaim) -> bool {
    c.checkworthiness >= CHECKWORTHY
}

pub fn signal(doc: &Document, claims: &[DocClaim]) -> ExportSignal {
    // A claim whose span does not fit the text (an analysis of another
    // version of it) is left out: it could not be shown.
    let worthy: Vec<(usize, &DocClaim, &str)> = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| checkworthy(c))
        .filter_map(|(i, c)| span_text(doc, c.span).map(|t| (i, c, t)))
        .collect();
    if worthy.is_empty() {
        return not_applicable(KIND, "no check-worthy claim");
    }
    let mut evidence = Vec::new();
    let mut count = 0;
    for (i, c, text) in &worthy {
        if c.attribution.kind != AttributionKind::Outlet {
            continue;
        }
        count += 1;
        let hedge = if c.hedged() {
            format!(", hedged ({})", c.hedges.join(", "))
        } else {
            String::new()
        };
        evidence.push(ExportSignalEvidence {
            text: text.to_string(),
            start: Some(c.span.start),
            end: Some(c.span.end),
            claim_id: Some(claim_id(&doc.id, *i)),
            context: None,
            detail: Some(format!(
                "check-worthiness {:.2}; stated in the outlet's own voice{hedge}",
                c.checkworthiness
            )),
        });
    }
    let total = worthy.len();
    let pct = share(count, total).map(percent).unwrap_or(0);
    let summary = format!(
        "{count} of {} ({pct}%) {} no source",
        plural(total, "check-worthy claim", "check-worthy claims"),
        if count == 1 { "names" } else { "name" }
    );
    build(KIND, count, Some(total), summary, evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{claim, doc, named, unnamed};

    #[test]
    fn counts_check_worthy_claims_in_the_outlet_s_voice() {
        let text = "The port reopened on Monday. Trade fell by 9%. Officials said ships waited. The mayor said it was fine.";
        let d = doc(text);
        let claims = vec![
            claim(text, "The port reopened on Monday.", 0.8),
            claim(text, "Trade fell by 9%.", 0.9),
            unnamed(
                claim(text, "Officials said ships waited.", 0.7),
                "Officials",
            ),
            named(claim(text, "The mayor said it was fine.", 0.6), 0),
            // Not check-worthy: left out of both counts.
            claim(text, "The port reopened on Monday.", 0.2),
        ];
        let s = signal(&d, &claims);
        assert!(s.applicable);
        assert_eq!((s.count, s.total), (2, Some(4)));
        assert_eq!(s.share, Some(0.5));
        assert_eq!(s.summary, "2 of 4 check-worthy claims (50%) name no source");
        let texts: Vec<&str> = s.evidence.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["The port reopened on Monday.", "Trade fell by 9%."]);
        assert_eq!(s.evidence[1].claim_id.as_deref(), Some("0123456789ab-c1"));
        assert_eq!(
            &text[s.evidence[1].start.unwrap()..s.evidence[1].end.unwrap()],
            "Trade fell by 9%."
        );
    }

    #[test]
    fn no_check_worthy_claim_is_not_applicable_and_nan_scores_are_not_check_worthy() {
        let text = "A thing happened.";
        let mut c = claim(text, "A thing happened.", 0.9);
        c.checkworthiness = f32::NAN;
        let s = signal(&doc(text), &[c]);
        assert!(!s.applicable);
        assert_eq!(s.share, None);
        assert_eq!(s.summary, "not applicable: no check-worthy claim");
    }

    #[test]
    fn one_claim_is_worded_in_the_singular() {
        let text = "Trade fell by 9%.";
        let s = signal(&doc(text), &[claim(text, text, 0.9)]);
        assert_eq!(
            s.summary,
            "1 of 1 check-worthy claim (100%) names no source"
        );
    }
}
