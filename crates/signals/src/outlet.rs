//! Signals per outlet: the sums of its documents' signals, each figure with
//! the documents behind it. Copies are counted once within an outlet: of
//! several documents of one outlet that are copies of one text (a re-post,
//! a wire story carried twice), the original counts, else the outlet's
//! first copy, so a copy does not count its original's claims for its own
//! outlet twice. A copy of another outlet's text counts for its outlet:
//! the outlet published it.

use std::collections::BTreeMap;

use crosscheck_model::export::{
    ExportDocumentSignals, ExportOutletSignal, ExportOutletSignals, ExportSignal, SignalKind,
};

use crate::text::{cut, outlet_name, percent, plural, quoted_list, share, thousands};

/// Most matched words listed in an outlet's summary.
const LISTED: usize = 8;

/// The signals of each outlet over `docs` (which may span stories; give
/// `story_id` when they are one story's documents). Known outlets by name
/// (case aside), then each document of unknown outlet alone, in the order
/// of `docs`.
pub fn outlet_signals(
    docs: &[ExportDocumentSignals],
    story_id: Option<&str>,
) -> Vec<ExportOutletSignals> {
    let mut known: BTreeMap<String, (String, Vec<&ExportDocumentSignals>)> = BTreeMap::new();
    let mut unknown: Vec<&ExportDocumentSignals> = Vec::new();
    for d in docs {
        match outlet_name(d.outlet.as_deref()) {
            Some(name) => known
                .entry(name.to_lowercase())
                .or_insert_with(|| (name, Vec::new()))
                .1
                .push(d),
            None => unknown.push(d),
        }
    }
    let mut out: Vec<ExportOutletSignals> = known
        .into_values()
        .map(|(name, members)| outlet(Some(name), &members, story_id))
        .collect();
    out.extend(unknown.into_iter().map(|d| outlet(None, &[d], story_id)));
    out
}

/// The documents that count: one per copy group (the original when the
/// outlet has it, else its first copy), in the given order.
fn counted<'a>(members: &[&'a ExportDocumentSignals]) -> Vec<&'a ExportDocumentSignals> {
    let root =
        |d: &ExportDocumentSignals| d.copy_of.clone().unwrap_or_else(|| d.document_id.clone());
    let mut chosen: BTreeMap<String, &ExportDocumentSignals> = BTreeMap::new();
    for d in members {
        let r = root(d);
        let is_original = d.copy_of.is_none();
        match chosen.get(&r) {
            Some(c) if c.copy_of.is_none() || !is_original => {}
            _ => {
                chosen.insert(r, d);
            }
        }
    }
    members
        .iter()
        .copied()
        .filter(|d| {
            chosen
                .get(&root(d))
                .is_some_and(|c| c.document_id == d.document_id)
        })
        .collect()
}

fn outlet(
    name: Option<String>,
    members: &[&ExportDocumentSignals],
    story_id: Option<&str>,
) -> ExportOutletSignals {
    let counted = counted(members);
    let signals = SignalKind::ALL
        .iter()
        .map(|&kind| {
            let of_kind: Vec<(&ExportDocumentSignals, &ExportSignal)> = counted
                .iter()
                .filter_map(|d| d.signals.iter().find(|s| s.kind == kind).map(|s| (*d, s)))
                .collect();
            sum(kind, &of_kind)
        })
        .collect();
    ExportOutletSignals {
        outlet: name,
        story_id: story_id.map(str::to_string),
        document_ids: members.iter().map(|d| d.document_id.clone()).collect(),
        counted_document_ids: counted.iter().map(|d| d.document_id.clone()).collect(),
        signals,
    }
}

/// One kind summed over the counted documents it applies to.
fn sum(
    kind: SignalKind,
    of_kind: &[(&ExportDocumentSignals, &ExportSignal)],
) -> ExportOutletSignal {
    let applying: Vec<&(&ExportDocumentSignals, &ExportSignal)> =
        of_kind.iter().filter(|(_, s)| s.applicable).collect();
    if applying.is_empty() {
        let why = of_kind
            .first()
            .map_or("no document".to_string(), |(_, s)| s.summary.clone());
        return ExportOutletSignal {
            kind,
            applicable: false,
            count: 0,
            total: None,
            share: None,
            summary: if why.starts_with("not applicable") {
                why
            } else {
                format!("not applicable: {why}")
            },
            document_ids: Vec::new(),
        };
    }
    let count: usize = applying.iter().map(|(_, s)| s.count).sum();
    let total: Option<usize> = applying
        .iter()
        .filter_map(|(_, s)| s.total)
        .fold(None, |acc, t| Some(acc.unwrap_or(0) + t));
    let n = applying.len();
    let with = applying.iter().filter(|(_, s)| s.count > 0).count();
    // The words behind the figure, each once: spans of the clean text, and
    // for template text also the lines the extractor removed.
    let with_removed = kind == SignalKind::PlaceholderText;
    let words: Vec<String> = {
        let mut seen: Vec<String> = Vec::new();
        for (_, s) in &applying {
            for e in &s.evidence {
                let shown = e.start.is_some() || with_removed;
                if shown && !seen.iter().any(|x| x.eq_ignore_ascii_case(&e.text)) {
                    seen.push(cut(&e.text, 60));
                }
            }
        }
        seen
    };
    // Of the count, what is still in the clean text (the rest the
    // extractor removed).
    let in_text: usize = applying
        .iter()
        .map(|(_, s)| s.evidence.iter().filter(|e| e.start.is_some()).count())
        .sum::<usize>()
        .min(count);
    let where_found = format!(
        " ({} in the clean text, {} removed by the extractor)",
        in_text,
        count - in_text
    );
    let docs = plural(n, "document", "documents");
    let pct = total
        .and_then(|t| share(count, t))
        .map(percent)
        .unwrap_or(0);
    let listed = if words.is_empty() {
        String::new()
    } else {
        format!(": {}", quoted_list(&words, LISTED))
    };
    let summary = match kind {
        SignalKind::UnattributedClaims => format!(
            "{count} of {} ({pct}%) {} no source, over {docs}",
            plural(total.unwrap_or(0), "check-worthy claim", "check-worthy claims"),
            if count == 1 { "names" } else { "name" }
        ),
        SignalKind::ExclusiveNumbers => match total {
            Some(t) if t > 0 => format!(
                "{count} of {} ({pct}%) {} in no document of another outlet of the same story, over {docs}{listed}",
                plural(t, "number in its claims", "numbers in its claims"),
                if count == 1 { "appears" } else { "appear" }
            ),
            _ => format!("no numbers in its claims, over {docs}"),
        },
        SignalKind::DuplicatedParagraphs if count == 0 => {
            format!("no duplicated paragraph in {docs}")
        }
        SignalKind::DuplicatedParagraphs => format!(
            "{} in {with} of {docs}{where_found}",
            plural(count, "duplicated paragraph", "duplicated paragraphs")
        ),
        SignalKind::PlaceholderText if count == 0 => {
            format!("no template or placeholder text in {docs}")
        }
        SignalKind::PlaceholderText => format!(
            "{} in {with} of {docs}{where_found}{listed}",
            plural(count, "template or placeholder text", "template or placeholder texts")
        ),
        SignalKind::PageChrome => format!(
            "{pct}% of the pages' text was page chrome ({} of {} characters), over {}",
            thousands(count),
            thousands(total.unwrap_or(0)),
            plural(n, "page", "pages")
        ),
        SignalKind::FillerPhrases if count == 0 => format!("no stock filler phrase in {docs}"),
        SignalKind::FillerPhrases => format!(
            "{} in {with} of {docs}{listed}",
            plural(count, "stock filler phrase", "stock filler phrases")
        ),
    };
    ExportOutletSignal {
        kind,
        applicable: true,
        count,
        total,
        share: total.and_then(|t| share(count, t)),
        summary,
        document_ids: applying
            .iter()
            .map(|(d, _)| d.document_id.clone())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{amount, claim, doc_as};
    use crate::{story_signals, DocInput};
    use crosscheck_model::{DocClaim, Document};

    const A: &str = "Harbour fees rose by 15% this year. The coming months will be critical.";
    const B: &str = "Harbour fees went up this year, the council said.";

    fn claims_a() -> Vec<DocClaim> {
        vec![
            amount(
                claim(A, "Harbour fees rose by 15% this year.", 0.9),
                A,
                "15%",
                15.0,
                "percent",
            ),
            claim(A, "The coming months will be critical.", 0.6),
        ]
    }

    fn input<'a>(d: &'a Document, c: &'a [DocClaim], copy_of: Option<&'a str>) -> DocInput<'a> {
        DocInput {
            document: d,
            claims: c,
            story_id: Some("s-aaaaaaaaaaaa"),
            copy_of,
        }
    }

    #[test]
    fn an_outlet_sums_its_documents_and_counts_a_copy_of_its_own_once() {
        let a = doc_as("aaaaaaaaaaaa", Some("Tide Courier"), A);
        // The outlet re-posted its own article: a copy of `a`.
        let a2 = doc_as("cccccccccccc", Some("tide courier"), A);
        let b = doc_as("bbbbbbbbbbbb", Some("Bay Herald"), B);
        let (ca, cb) = (claims_a(), vec![claim(B, B, 0.7)]);
        let docs = [
            input(&a, &ca, None),
            input(&a2, &ca, Some("aaaaaaaaaaaa")),
            input(&b, &cb, None),
        ];
        let signals = story_signals(&docs);
        let outlets = outlet_signals(&signals, Some("s-aaaaaaaaaaaa"));
        assert_eq!(outlets.len(), 2);
        let bay = &outlets[0];
        assert_eq!(bay.outlet.as_deref(), Some("Bay Herald"));
        let tide = &outlets[1];
        assert_eq!(tide.outlet.as_deref(), Some("Tide Courier"));
        assert_eq!(tide.document_ids, ["aaaaaaaaaaaa", "cccccccccccc"]);
        assert_eq!(tide.counted_document_ids, ["aaaaaaaaaaaa"]);
        let un = &tide.signals[0];
        assert_eq!(un.kind, SignalKind::UnattributedClaims);
        assert_eq!((un.count, un.total), (2, Some(2)));
        assert_eq!(
            un.summary,
            "2 of 2 check-worthy claims (100%) name no source, over 1 document"
        );
        assert_eq!(un.document_ids, ["aaaaaaaaaaaa"]);
        let ex = &tide.signals[1];
        assert_eq!((ex.count, ex.total), (1, Some(1)));
        assert!(ex.summary.ends_with(": “15%”"), "{}", ex.summary);
        let filler = &tide.signals[5];
        assert_eq!(filler.count, 1);
        assert_eq!(
            filler.summary,
            "1 stock filler phrase in 1 of 1 document: “The coming months will be critical”"
        );
        assert_eq!(tide.story_id.as_deref(), Some("s-aaaaaaaaaaaa"));
    }

    #[test]
    fn a_copy_of_another_outlet_counts_for_its_own_outlet() {
        let a = doc_as("aaaaaaaaaaaa", Some("Tide Courier"), A);
        let b = doc_as("bbbbbbbbbbbb", Some("Bay Herald"), A);
        let ca = claims_a();
        let docs = [input(&a, &ca, None), input(&b, &ca, Some("aaaaaaaaaaaa"))];
        let outlets = outlet_signals(&story_signals(&docs), None);
        let bay = &outlets[0];
        assert_eq!(bay.counted_document_ids, ["bbbbbbbbbbbb"]);
        assert_eq!(bay.signals[0].count, 2);
        // The copy carries the original's numbers: none is exclusive.
        assert_eq!(bay.signals[1].count, 0);
        assert_eq!(bay.story_id, None);
    }

    #[test]
    fn a_copy_listed_before_its_original_still_leaves_the_original_counted() {
        let a = doc_as("aaaaaaaaaaaa", Some("Tide Courier"), A);
        let a2 = doc_as("cccccccccccc", Some("Tide Courier"), A);
        let ca = claims_a();
        let docs = [input(&a2, &ca, Some("aaaaaaaaaaaa")), input(&a, &ca, None)];
        let outlets = outlet_signals(&story_signals(&docs), None);
        assert_eq!(outlets[0].counted_document_ids, ["aaaaaaaaaaaa"]);
        // One outlet alone: nothing to compare its numbers with.
        assert!(!outlets[0].signals[1].applicable);
        assert_eq!(
            outlets[0].signals[1].summary,
            "not applicable: no other outlet in its story to compare with"
        );
    }

    #[test]
    fn removed_and_remaining_text_are_told_apart() {
        use crate::fixtures::removing;
        use crosscheck_model::RemovalReason;
        let text = "Turnout was XX% on Sunday.\n\nThe polls closed at eight in the evening.";
        let mut a = doc_as("aaaaaaaaaaaa", Some("Tide Courier"), text);
        a = removing(
            a,
            RemovalReason::Placeholder,
            "Get the latest news from Acme.",
        );
        a = removing(
            a,
            RemovalReason::DuplicateParagraph,
            "The polls closed at eight.",
        );
        let outlets = outlet_signals(&story_signals(&[input(&a, &[], None)]), None);
        let s = &outlets[0].signals;
        assert_eq!(
            s[2].summary,
            "1 duplicated paragraph in 1 of 1 document (0 in the clean text, 1 removed by the extractor)"
        );
        assert_eq!(
            s[3].summary,
            "2 template or placeholder texts in 1 of 1 document (1 in the clean text, 1 removed by the extractor): “XX%”, “Get the latest news from Acme.”"
        );
    }

    #[test]
    fn documents_of_unknown_outlet_are_outlets_of_their_own_listed_last() {
        let a = doc_as("aaaaaaaaaaaa", None, A);
        let b = doc_as("bbbbbbbbbbbb", None, B);
        let c = doc_as("cccccccccccc", Some("Zed News"), B);
        let (ca, cb) = (claims_a(), vec![claim(B, B, 0.7)]);
        let docs = [
            input(&a, &ca, None),
            input(&b, &cb, None),
            input(&c, &cb, None),
        ];
        let outlets = outlet_signals(&story_signals(&docs), None);
        let names: Vec<Option<&str>> = outlets.iter().map(|o| o.outlet.as_deref()).collect();
        assert_eq!(names, [Some("Zed News"), None, None]);
        assert_eq!(outlets[1].document_ids, ["aaaaaaaaaaaa"]);
    }
}
