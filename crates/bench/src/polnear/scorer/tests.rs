//! Tests of the scorer: normalising, matching, grouping, speakers, totals.

use super::*;
use crate::polnear::loader::{GoldAttribution, GoldSpan};
use crosscheck_model::{DocEntity, EntityKind, Mention, MentionKind};

fn sp(text: &str, needle: &str) -> Span {
    let start = text.find(needle).expect(needle);
    Span::new(start, start + needle.len())
}

fn gs(parts: &[Span]) -> GoldSpan {
    GoldSpan {
        parts: parts.to_vec(),
    }
}

#[test]
fn normalise_strips_space_marks_and_final_punctuation() {
    let text = "He said: “We will win.” Then";
    let raw = sp(text, " “We will win.” ");
    let n = normalise(text, raw).unwrap();
    assert_eq!(n.of(text), "We will win");
    assert_eq!(normalise(text, sp(text, "said:")).unwrap().of(text), "said");
    assert_eq!(normalise(text, sp(text, " “")).unwrap().of(text), "“");
    assert_eq!(normalise(text, sp(text, ": ")).unwrap().of(text), ":");
    assert_eq!(normalise(text, Span::new(2, 3)), None); // a space
                                                        // Not on a character boundary: unusable.
    let q = text.find('“').unwrap();
    assert_eq!(normalise(text, Span::new(q + 1, q + 5)), None);
    assert_eq!(normalise(text, Span::new(0, 999)), None);
}

#[test]
fn direct_quotes_are_quoted_words_marks_inside_or_outside() {
    let text =
        "“We will win,” she said. He said “we lost” today. Smith said that “it” was over. ‘Fine’";
    assert!(is_direct(text, &gs(&[sp(text, "“We will win,”")])));
    assert!(is_direct(text, &gs(&[sp(text, "We will win")]))); // marks outside, "," then ”
    assert!(is_direct(text, &gs(&[sp(text, "we lost")])));
    assert!(is_direct(text, &gs(&[sp(text, "‘Fine’")])));
    assert!(!is_direct(text, &gs(&[sp(text, "that “it” was over")])));
    assert!(!is_direct(text, &gs(&[sp(text, "that “it”")])));
    assert!(!is_direct(text, &gs(&[sp(text, "“it” was over")])));
    assert!(!is_direct(text, &gs(&[sp(text, "she said")])));
    // Discontinuous: judged on the hull.
    let t2 = "“We will,” she said, “win it all.”";
    assert!(is_direct(
        t2,
        &gs(&[sp(t2, "We will"), sp(t2, "win it all.")])
    ));
    assert!(!is_direct(t2, &gs(&[])));
}

#[test]
fn exact_needs_equal_normalised_ends_overlap_needs_one_character() {
    let text = "Clinton said “we will win the election” on Monday.";
    let gold = vec![Item::gold(text, &gs(&[sp(text, "“we will win the election”")])).unwrap()];
    let same = vec![Item::predicted(text, sp(text, "we will win the election")).unwrap()];
    let part = vec![Item::predicted(text, sp(text, "we will win")).unwrap()];
    let apart = vec![Item::predicted(text, sp(text, "Monday")).unwrap()];
    assert_eq!(match_exact(&gold, &same), vec![(0, 0)]);
    assert_eq!(match_overlap(text, &gold, &same), vec![(0, 0)]);
    assert!(match_exact(&gold, &part).is_empty());
    assert_eq!(match_overlap(text, &gold, &part), vec![(0, 0)]);
    assert!(match_overlap(text, &gold, &apart).is_empty());
}

#[test]
fn discontinuous_gold_exact_is_the_hull_overlap_is_any_part() {
    let text = "“We will,” she said, “win it all.”";
    let gold =
        vec![Item::gold(text, &gs(&[sp(text, "We will"), sp(text, "win it all.")])).unwrap()];
    let hull = vec![Item::predicted(text, sp(text, "We will,” she said, “win it all")).unwrap()];
    let second = vec![Item::predicted(text, sp(text, "win it")).unwrap()];
    let gap = vec![Item::predicted(text, sp(text, "she")).unwrap()];
    assert_eq!(match_exact(&gold, &hull), vec![(0, 0)]);
    assert_eq!(match_overlap(text, &gold, &second), vec![(0, 0)]);
    // Inside the hull but in the gap between the parts: no overlap.
    assert!(match_overlap(text, &gold, &gap).is_empty());
}

#[test]
fn overlap_matching_is_one_to_one_and_prefers_the_largest_overlap() {
    let text = "aaaa bbbb cccc dddd eeee ffff";
    // Gold: "aaaa bbbb" and "cccc dddd"; predicted: one long span over
    // "bbbb cccc dddd" and one over "aaaa".
    let gold = vec![
        Item::predicted(text, sp(text, "aaaa bbbb")).unwrap(),
        Item::predicted(text, sp(text, "cccc dddd")).unwrap(),
    ];
    let pred = vec![
        Item::predicted(text, sp(text, "bbbb cccc dddd")).unwrap(),
        Item::predicted(text, sp(text, "aaaa")).unwrap(),
    ];
    // The long span goes to the gold it shares most with (9 chars), the
    // short one to the other.
    assert_eq!(match_overlap(text, &gold, &pred), vec![(0, 1), (1, 0)]);
    // One prediction over two gold spans matches only one of them.
    let one = vec![Item::predicted(text, sp(text, "bbbb cccc dddd")).unwrap()];
    assert_eq!(match_overlap(text, &gold, &one), vec![(1, 0)]);
    // Two identical predictions: one exact match each only if gold repeats.
    let twice = vec![gold[0].clone(), gold[0].clone()];
    assert_eq!(match_exact(&gold, &twice), vec![(0, 0)]);
    assert_eq!(match_exact(&twice, &twice), vec![(0, 0), (1, 1)]);
}

#[test]
fn overlap_counts_characters_not_bytes() {
    let text = "“““ abc";
    assert_eq!(overlap_chars(text, Span::new(0, 9), Span::new(3, 13)), 2);
    assert_eq!(overlap_chars(text, Span::new(0, 3), Span::new(3, 6)), 0);
}

#[test]
fn counts_give_precision_recall_f1() {
    let c = Counts {
        gold: 4,
        predicted: 2,
        matched: 2,
    };
    assert_eq!(c.precision(), 1.0);
    assert_eq!(c.recall(), 0.5);
    assert!((c.f1() - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(Counts::default().f1(), 0.0);
}

fn entity(name: &str, mentions: &[Span]) -> DocEntity {
    DocEntity {
        name: name.into(),
        kind: EntityKind::Person,
        aliases: vec![],
        roles: vec![],
        gender: None,
        mentions: mentions
            .iter()
            .map(|s| Mention {
                start: s.start,
                end: s.end,
                kind: MentionKind::Name,
            })
            .collect(),
    }
}

fn quote(kind: QuoteKind, content: Span, source: Option<Span>, speaker: Option<usize>) -> DocQuote {
    DocQuote {
        kind,
        content,
        source,
        cue: None,
        speaker,
        speaker_note: None,
        nested_in: None,
        continues: None,
    }
}

fn one(q: DocQuote) -> PredAttribution {
    group_predictions(&DocAnalysis {
        entities: vec![],
        quotes: vec![q],
        ..Default::default()
    })
    .remove(0)
}

#[test]
fn continued_quotes_are_one_predicted_attribution() {
    let text = "“We will,” she said, “win it all.” “Yes.”";
    let mut second = quote(QuoteKind::Direct, sp(text, "win it all."), None, None);
    second.continues = Some(2);
    let mut loops = quote(QuoteKind::Indirect, sp(text, "Yes."), None, None);
    loops.continues = Some(3);
    let analysis = DocAnalysis {
        entities: vec![],
        quotes: vec![
            second,
            loops,
            quote(
                QuoteKind::Partial,
                sp(text, "We will"),
                Some(sp(text, "she")),
                Some(0),
            ),
            // Out of range: its own attribution.
            DocQuote {
                continues: Some(99),
                ..quote(QuoteKind::Indirect, sp(text, "Yes"), None, None)
            },
        ],
        ..Default::default()
    };
    let g = group_predictions(&analysis);
    assert_eq!(g.len(), 2, "{g:?}");
    assert_eq!(g[0].members, vec![2, 0]);
    assert!(g[0].direct);
    assert_eq!(g[0].source, Some(sp(text, "she")));
    assert_eq!(g[0].speaker, Some(0));
    assert_eq!(g[1].members, vec![3, 1]);
    assert!(!g[1].direct);
    // The gold attribution in two parts matches the group exactly.
    let gold =
        vec![Item::gold(text, &gs(&[sp(text, "We will"), sp(text, "win it all.")])).unwrap()];
    let pred = vec![Item::predicted_parts(text, &g[0].content).unwrap()];
    assert_eq!(match_exact(&gold, &pred), vec![(0, 0)]);
}

#[test]
fn speaker_right_by_source_span_mention_or_shared_name_word() {
    let text = "Hillary Clinton arrived. “We will win,” Mrs. Clinton said. “Yes,” she added.";
    let gold_src = gs(&[sp(text, "Mrs. Clinton")]);
    let content = sp(text, "We will win");
    let by_span = quote(
        QuoteKind::Direct,
        content,
        Some(sp(text, "Clinton said")),
        None,
    );
    assert!(speaker_right(text, &gold_src, &one(by_span), &[]));
    let ents = vec![
        entity("Hillary Clinton", &[sp(text, "Hillary Clinton")]),
        entity("Donald Trump", &[]),
        entity("Bill Smith", &[sp(text, "Mrs. Clinton")]),
    ];
    let by_name = quote(QuoteKind::Direct, content, None, Some(0));
    assert!(speaker_right(text, &gold_src, &one(by_name.clone()), &ents));
    let by_mention = quote(QuoteKind::Direct, content, None, Some(2));
    assert!(speaker_right(text, &gold_src, &one(by_mention), &ents));
    let wrong = quote(
        QuoteKind::Direct,
        content,
        Some(sp(text, "arrived")),
        Some(1),
    );
    assert!(!speaker_right(text, &gold_src, &one(wrong), &ents));
    // A pronoun source is not a name: only spans and mentions count.
    let pron = gs(&[sp(text, "she")]);
    assert!(!speaker_right(text, &pron, &one(by_name), &ents));
    assert_eq!(name_words("The Post’s reporters"), vec!["post"]);
    assert!(name_words("she").is_empty());
}

fn doc(text: &str, atts: Vec<GoldAttribution>) -> Doc {
    Doc {
        name: "d".into(),
        text: text.into(),
        annotator: "x".into(),
        other_annotators: vec![],
        attributions: atts,
    }
}

#[test]
fn score_doc_fills_all_and_direct_cells_and_speaker_shares() {
    let text = "“We will win,” Smith said. Jones argued that taxes are high. “No,” said Lee.";
    let att = |src: &str, cue: &str, content: &str| GoldAttribution {
        id: "E".into(),
        source: Some(gs(&[sp(text, src)])),
        cue: Some(gs(&[sp(text, cue)])),
        content: Some(gs(&[sp(text, content)])),
        marked_no_source: false,
    };
    let d = doc(
        text,
        vec![
            att("Smith", "said", "We will win"),
            att("Jones", "argued", "that taxes are high"),
            att("Lee", "said Lee", "No"),
        ],
    );
    let analysis = DocAnalysis {
        entities: vec![entity("John Smith", &[])],
        quotes: vec![
            DocQuote {
                cue: Some(sp(text, "said")),
                ..quote(QuoteKind::Direct, sp(text, "“We will win,”"), None, Some(0))
            },
            quote(
                QuoteKind::Indirect,
                sp(text, "taxes are high"),
                Some(sp(text, "Jones")),
                None,
            ),
            // Spurious, and not on a character boundary.
            quote(QuoteKind::Direct, Span::new(1, 3), None, None),
        ],
        ..Default::default()
    };
    let s = score_doc(&d, &analysis);
    let t = &s.totals;
    assert_eq!(s.gold_direct, vec![true, false, true]);
    assert_eq!((t.gold_attributions, t.gold_direct), (3, 2));
    assert_eq!(
        (t.predicted_quotes, t.predicted_direct, t.predicted_unusable),
        (3, 2, 1)
    );
    let c = t.cell(Subset::All, Role::Content, Mode::Exact);
    assert_eq!((c.gold, c.predicted, c.matched), (3, 3, 1));
    let c = t.cell(Subset::All, Role::Content, Mode::Overlap);
    assert_eq!((c.gold, c.predicted, c.matched), (3, 3, 2));
    let c = t.cell(Subset::Direct, Role::Content, Mode::Overlap);
    assert_eq!((c.gold, c.predicted, c.matched), (2, 2, 1));
    let c = t.cell(Subset::All, Role::Source, Mode::Exact);
    assert_eq!((c.gold, c.predicted, c.matched), (3, 1, 1));
    let c = t.cell(Subset::Direct, Role::Source, Mode::Exact);
    assert_eq!((c.gold, c.predicted, c.matched), (2, 0, 0));
    let c = t.cell(Subset::All, Role::Cue, Mode::Exact);
    assert_eq!((c.gold, c.predicted, c.matched), (3, 1, 1));
    assert_eq!(s.content_matches, vec![(0, 0), (1, 1)]);
    // Smith's quote: right by the shared name word; Lee's: not found.
    assert_eq!(s.speaker, vec![Some(true), None, Some(false)]);
    assert_eq!(
        t.speaker,
        SpeakerCounts {
            right: 1,
            matched_with_source: 1,
            with_source: 2,
            without_source: 0
        }
    );
    assert_eq!(t.speaker.over_matched(), 1.0);
    assert_eq!(t.speaker.over_all(), 0.5);
}
