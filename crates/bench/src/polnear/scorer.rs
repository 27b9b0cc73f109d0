//! Scoring predicted attributions against PolNeAR's gold ones (the rules are
//! spelled out at the top of `bench-quotes`).

use std::cmp::Reverse;
use std::collections::HashMap;

use crosscheck_model::{DocAnalysis, DocEntity, DocQuote, QuoteKind, Span};

use super::loader::{Doc, GoldAttribution, GoldSpan};

/// Quotation marks stripped from both ends of every span before comparing.
pub const QUOTE_MARKS: &[char] = &['“', '”', '"', '‘', '’', '\'', '«', '»', '„'];
/// Marks that can open a quotation.
pub const OPENING_MARKS: &[char] = &['“', '"', '‘', '\'', '«', '„'];
/// Marks that can close a quotation.
pub const CLOSING_MARKS: &[char] = &['”', '"', '’', '\'', '»'];
/// Final punctuation stripped from the end of every span before comparing.
pub const FINAL_PUNCTUATION: &[char] = &['.', ',', ':', ';'];

/// Trims white space, surrounding quotation marks and final punctuation
/// (`. , : ;`) from a span, repeatedly. A span that is nothing but marks
/// (the cue ":" of "TRUMP: ...") is only trimmed of white space. `None` when
/// it is empty or white space, or does not fit `text` (not on character
/// boundaries, or past its end).
pub fn normalise(text: &str, span: Span) -> Option<Span> {
    let s = text.get(span.start..span.end)?;
    let mut t = s;
    loop {
        let before = t.len();
        t = t.trim();
        t = t.trim_start_matches(QUOTE_MARKS);
        t = t
            .trim_end_matches(|c: char| QUOTE_MARKS.contains(&c) || FINAL_PUNCTUATION.contains(&c));
        if t.len() == before {
            break;
        }
    }
    if t.is_empty() {
        t = s.trim();
        if t.is_empty() {
            return None;
        }
    }
    // `t` is a sub-slice of `s`: recover its offsets.
    let start = span.start + (t.as_ptr() as usize - s.as_ptr() as usize);
    Some(Span::new(start, start + t.len()))
}

/// Whether a gold content is a direct quote: its hull, trimmed of white
/// space, starts with an opening quotation mark or has one immediately
/// before it, and ends with a closing mark or is followed by one (after at
/// most a few punctuation marks: `wraps,”`).
pub fn is_direct(text: &str, content: &GoldSpan) -> bool {
    let Some(hull) = content.hull() else {
        return false;
    };
    let Some(s) = text.get(hull.start..hull.end) else {
        return false;
    };
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return false;
    }
    let start = hull.start + (s.len() - s.trim_start().len());
    let end = start + trimmed.len();
    let opens = trimmed.starts_with(OPENING_MARKS)
        || text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| OPENING_MARKS.contains(&c));
    let closes = trimmed.ends_with(CLOSING_MARKS)
        || text[end..]
            .chars()
            .take(4)
            .find(|c| !".,;:!?".contains(*c))
            .is_some_and(|c| CLOSING_MARKS.contains(&c));
    opens && closes
}

/// Whether a predicted quote counts as a direct quote. A partial quote
/// (quoted words inside the reporter's sentence) is a mixed quote in
/// PolNeAR's terms, not a direct one.
pub fn predicted_direct(q: &DocQuote) -> bool {
    q.kind == QuoteKind::Direct
}

/// One predicted attribution: a quote with the quotes that continue it
/// (`continues`: "“A,” she said. “B.”"), like one gold attribution with a
/// discontinuous content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PredAttribution {
    /// Indices into `DocAnalysis::quotes`, the first quote first.
    pub members: Vec<usize>,
    /// Any member is `Direct`.
    pub direct: bool,
    pub content: Vec<Span>,
    /// The first member's source, cue and speaker that are set.
    pub source: Option<Span>,
    pub cue: Option<Span>,
    pub speaker: Option<usize>,
}

/// Groups predicted quotes into attributions by following `continues` to the
/// first quote of each chain (a pointer out of range or a cycle ends a chain).
pub fn group_predictions(a: &DocAnalysis) -> Vec<PredAttribution> {
    let n = a.quotes.len();
    let root = |mut i: usize| {
        for _ in 0..n {
            match a.quotes[i].continues {
                Some(j) if j < n && j != i => i = j,
                _ => break,
            }
        }
        i
    };
    let mut order: Vec<usize> = Vec::new();
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    // PolNeAR is univocal: each word belongs to at most one attribution, so
    // a quote nested in another (a speaker quoting someone, a partial quote
    // inside an indirect attribution) is part of the outer one.
    for i in (0..n).filter(|&i| a.quotes[i].nested_in.is_none()) {
        let r = root(i);
        if !members.contains_key(&r) {
            order.push(r);
        }
        members.entry(r).or_default().push(i);
    }
    order
        .into_iter()
        .map(|r| {
            let mut m = members.remove(&r).unwrap_or_default();
            m.sort_by_key(|&i| (i != r, a.quotes[i].content.start, i));
            let qs: Vec<&DocQuote> = m.iter().map(|&i| &a.quotes[i]).collect();
            PredAttribution {
                direct: qs.iter().any(|q| predicted_direct(q)),
                content: qs.iter().map(|q| q.content).collect(),
                source: qs.iter().find_map(|q| q.source),
                cue: qs.iter().find_map(|q| q.cue),
                speaker: qs.iter().find_map(|q| q.speaker),
                members: m,
            }
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Source,
    Cue,
    Content,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Source, Role::Cue, Role::Content];
    pub fn label(self) -> &'static str {
        match self {
            Role::Source => "source",
            Role::Cue => "cue",
            Role::Content => "content",
        }
    }
    fn gold(self, a: &GoldAttribution) -> Option<&GoldSpan> {
        match self {
            Role::Source => a.source.as_ref(),
            Role::Cue => a.cue.as_ref(),
            Role::Content => a.content.as_ref(),
        }
    }
    fn predicted(self, p: &PredAttribution) -> Option<Vec<Span>> {
        match self {
            Role::Source => p.source.map(|s| vec![s]),
            Role::Cue => p.cue.map(|s| vec![s]),
            Role::Content => Some(p.content.clone()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subset {
    All,
    Direct,
}

impl Subset {
    pub const ALL: [Subset; 2] = [Subset::All, Subset::Direct];
    pub fn label(self) -> &'static str {
        match self {
            Subset::All => "all attributions",
            Subset::Direct => "direct quotes",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Exact,
    Overlap,
}

impl Mode {
    pub const ALL: [Mode; 2] = [Mode::Exact, Mode::Overlap];
}

/// Gold and predicted spans and one-to-one matches between them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
    }
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A normalised span to compare: its fragments and their hull.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub parts: Vec<Span>,
    pub hull: Span,
}

impl Item {
    pub fn gold(text: &str, g: &GoldSpan) -> Option<Item> {
        let parts: Vec<Span> = g.parts.iter().filter_map(|&p| normalise(text, p)).collect();
        let hull = GoldSpan {
            parts: parts.clone(),
        }
        .hull()?;
        Some(Item { parts, hull })
    }
    pub fn predicted(text: &str, s: Span) -> Option<Item> {
        Item::predicted_parts(text, &[s])
    }
    /// A predicted span in parts (a quote and the quotes that continue it);
    /// parts that do not fit the text are dropped.
    pub fn predicted_parts(text: &str, spans: &[Span]) -> Option<Item> {
        Item::gold(
            text,
            &GoldSpan {
                parts: spans.to_vec(),
            },
        )
    }
}

/// Characters shared by two spans.
pub fn overlap_chars(text: &str, a: Span, b: Span) -> usize {
    let (s, e) = (a.start.max(b.start), a.end.min(b.end));
    if s >= e {
        return 0;
    }
    text.get(s..e).map_or(e - s, |t| t.chars().count())
}

/// One-to-one matches of items with the same hull: (gold index, predicted index).
pub fn match_exact(gold: &[Item], pred: &[Item]) -> Vec<(usize, usize)> {
    let mut used = vec![false; pred.len()];
    let mut out = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if let Some(pi) = (0..pred.len()).find(|&pi| !used[pi] && pred[pi].hull == g.hull) {
            used[pi] = true;
            out.push((gi, pi));
        }
    }
    out
}

/// One-to-one matches of items sharing at least one character, greedily by
/// the largest overlap (in characters; ties by text order).
pub fn match_overlap(text: &str, gold: &[Item], pred: &[Item]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            if !g.hull.overlaps(&p.hull) {
                continue;
            }
            let ov: usize = g
                .parts
                .iter()
                .flat_map(|&a| p.parts.iter().map(move |&b| (a, b)))
                .map(|(a, b)| overlap_chars(text, a, b))
                .sum();
            if ov > 0 {
                pairs.push((Reverse(ov), gi, pi));
            }
        }
    }
    pairs.sort();
    let (mut gused, mut pused) = (vec![false; gold.len()], vec![false; pred.len()]);
    let mut out = Vec::new();
    for (_, gi, pi) in pairs {
        if !gused[gi] && !pused[pi] {
            gused[gi] = true;
            pused[pi] = true;
            out.push((gi, pi));
        }
    }
    out.sort();
    out
}

/// Words of a name: capitalised words of at least two letters, not a
/// pronoun, article or title ("Mr", "Sen", "President").
pub fn name_words(s: &str) -> Vec<String> {
    const STOP: &[&str] = &[
        "the",
        "a",
        "an",
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "this",
        "that",
        "these",
        "those",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "president",
        "vice",
        "secretary",
        "gen",
        "general",
        "former",
        "but",
        "and",
        "in",
        "on",
        "at",
        "according",
    ];
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// Whether the predicted quote names the gold source's speaker (see the
/// binary's documentation for the three ways).
pub fn speaker_right(
    text: &str,
    gold_source: &GoldSpan,
    q: &PredAttribution,
    entities: &[DocEntity],
) -> bool {
    let hits = |s: Span| gold_source.parts.iter().any(|g| g.overlaps(&s));
    if q.source.is_some_and(hits) {
        return true;
    }
    let Some(e) = q.speaker.and_then(|i| entities.get(i)) else {
        return false;
    };
    if e.mentions.iter().any(|m| hits(m.span())) {
        return true;
    }
    let gold_words = name_words(&gold_source.text(text));
    !gold_words.is_empty() && name_words(&e.name).iter().any(|w| gold_words.contains(w))
}

/// The speaker-right tallies over gold direct quotes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpeakerCounts {
    pub right: usize,
    /// Gold direct quotes with a source, matched by content overlap.
    pub matched_with_source: usize,
    /// All gold direct quotes with a source.
    pub with_source: usize,
    /// Gold direct quotes without a source (left out of both shares).
    pub without_source: usize,
}

impl SpeakerCounts {
    pub fn add(&mut self, o: &SpeakerCounts) {
        self.right += o.right;
        self.matched_with_source += o.matched_with_source;
        self.with_source += o.with_source;
        self.without_source += o.without_source;
    }
    pub fn over_matched(&self) -> f64 {
        ratio(self.right, self.matched_with_source)
    }
    pub fn over_all(&self) -> f64 {
        ratio(self.right, self.with_source)
    }
}

/// Counts indexed by subset, role and mode.
pub type Grid = [[[Counts; 2]; 3]; 2];

/// All counts of a split (or of one document).
#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub docs: usize,
    pub grid: Grid,
    pub speaker: SpeakerCounts,
    pub gold_attributions: usize,
    pub gold_direct: usize,
    pub gold_with_source: usize,
    pub gold_with_cue: usize,
    pub gold_with_content: usize,
    pub gold_marked_no_source: usize,
    pub predicted_quotes: usize,
    /// Predicted quotes grouped with the quotes that continue them.
    pub predicted_attributions: usize,
    /// Predicted attributions that are direct (of kind direct or partial).
    pub predicted_direct: usize,
    /// Predicted spans that do not fit the text (not on character boundaries,
    /// past the end, or empty after normalisation); they count as predictions.
    pub predicted_unusable: usize,
}

impl Totals {
    pub fn cell(&self, subset: Subset, role: Role, mode: Mode) -> &Counts {
        &self.grid[subset as usize][role as usize][mode as usize]
    }
    pub fn add(&mut self, o: &Totals) {
        self.docs += o.docs;
        for s in 0..2 {
            for r in 0..3 {
                for m in 0..2 {
                    self.grid[s][r][m].add(&o.grid[s][r][m]);
                }
            }
        }
        self.speaker.add(&o.speaker);
        self.gold_attributions += o.gold_attributions;
        self.gold_direct += o.gold_direct;
        self.gold_with_source += o.gold_with_source;
        self.gold_with_cue += o.gold_with_cue;
        self.gold_with_content += o.gold_with_content;
        self.gold_marked_no_source += o.gold_marked_no_source;
        self.predicted_quotes += o.predicted_quotes;
        self.predicted_attributions += o.predicted_attributions;
        self.predicted_direct += o.predicted_direct;
        self.predicted_unusable += o.predicted_unusable;
    }
}

/// One document's scores and the alignments behind them (for `--dump`).
#[derive(Debug, Clone, Default)]
pub struct DocScore {
    pub totals: Totals,
    /// Per gold attribution: is it a direct quote.
    pub gold_direct: Vec<bool>,
    /// The predicted attributions (quotes grouped with their continuations).
    pub predicted: Vec<PredAttribution>,
    /// Content overlap matches over all attributions: (gold, index into `predicted`).
    pub content_matches: Vec<(usize, usize)>,
    /// Per gold attribution: the speaker verdict (gold direct quotes with a
    /// source that were matched; `Some(false)` also for unmatched ones).
    pub speaker: Vec<Option<bool>>,
}

/// Scores one document's analysis against its gold attributions.
pub fn score_doc(doc: &Doc, analysis: &DocAnalysis) -> DocScore {
    let text = doc.text.as_str();
    let gold_direct: Vec<bool> = doc
        .attributions
        .iter()
        .map(|a| a.content.as_ref().is_some_and(|c| is_direct(text, c)))
        .collect();
    let predicted_atts = group_predictions(analysis);
    let pred_direct: Vec<bool> = predicted_atts.iter().map(|p| p.direct).collect();

    let mut t = Totals {
        docs: 1,
        gold_attributions: doc.attributions.len(),
        gold_direct: gold_direct.iter().filter(|&&d| d).count(),
        gold_with_source: doc
            .attributions
            .iter()
            .filter(|a| a.source.is_some())
            .count(),
        gold_with_cue: doc.attributions.iter().filter(|a| a.cue.is_some()).count(),
        gold_with_content: doc
            .attributions
            .iter()
            .filter(|a| a.content.is_some())
            .count(),
        gold_marked_no_source: doc
            .attributions
            .iter()
            .filter(|a| a.marked_no_source)
            .count(),
        predicted_quotes: analysis.quotes.len(),
        predicted_attributions: predicted_atts.len(),
        predicted_direct: pred_direct.iter().filter(|&&d| d).count(),
        ..Default::default()
    };
    let mut content_matches = Vec::new();
    let mut direct_content_matches = Vec::new();
    for subset in Subset::ALL {
        let in_gold = |i: usize| subset == Subset::All || gold_direct[i];
        let in_pred = |i: usize| subset == Subset::All || pred_direct[i];
        for role in Role::ALL {
            let (mut gidx, mut gold) = (Vec::new(), Vec::new());
            for (i, a) in doc.attributions.iter().enumerate() {
                if let Some(item) = role
                    .gold(a)
                    .filter(|_| in_gold(i))
                    .and_then(|g| Item::gold(text, g))
                {
                    gidx.push(i);
                    gold.push(item);
                }
            }
            let (mut pidx, mut pred) = (Vec::new(), Vec::new());
            let mut predicted = 0;
            for (i, p) in predicted_atts.iter().enumerate() {
                let Some(spans) = role.predicted(p).filter(|_| in_pred(i)) else {
                    continue;
                };
                predicted += 1;
                match Item::predicted_parts(text, &spans) {
                    Some(item) => {
                        pidx.push(i);
                        pred.push(item);
                    }
                    None if subset == Subset::All => t.predicted_unusable += 1,
                    None => {}
                }
            }
            for mode in Mode::ALL {
                let matches = match mode {
                    Mode::Exact => match_exact(&gold, &pred),
                    Mode::Overlap => match_overlap(text, &gold, &pred),
                };
                t.grid[subset as usize][role as usize][mode as usize] = Counts {
                    gold: gold.len(),
                    predicted,
                    matched: matches.len(),
                };
                if role == Role::Content && mode == Mode::Overlap {
                    let mapped = matches.iter().map(|&(g, p)| (gidx[g], pidx[p])).collect();
                    match subset {
                        Subset::All => content_matches = mapped,
                        Subset::Direct => direct_content_matches = mapped,
                    }
                }
            }
        }
    }

    let mut speaker = vec![None; doc.attributions.len()];
    for (i, a) in doc.attributions.iter().enumerate() {
        if !gold_direct[i] {
            continue;
        }
        let Some(source) = &a.source else {
            t.speaker.without_source += 1;
            continue;
        };
        t.speaker.with_source += 1;
        let verdict = match direct_content_matches.iter().find(|&&(g, _)| g == i) {
            Some(&(_, p)) => {
                t.speaker.matched_with_source += 1;
                speaker_right(text, source, &predicted_atts[p], &analysis.entities)
            }
            None => false,
        };
        t.speaker.right += usize::from(verdict);
        speaker[i] = Some(verdict);
    }
    DocScore {
        totals: t,
        gold_direct,
        predicted: predicted_atts,
        content_matches,
        speaker,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::{EntityKind, Mention, MentionKind};

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
        let text = "“We will win,” she said. He said “we lost” today. Smith said that “it” was over. ‘Fine’";
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
        let hull =
            vec![Item::predicted(text, sp(text, "We will,” she said, “win it all")).unwrap()];
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

    fn quote(
        kind: QuoteKind,
        content: Span,
        source: Option<Span>,
        speaker: Option<usize>,
    ) -> DocQuote {
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
}
