//! Span handling: normalising gold and predicted spans, telling direct
//! quotes, and matching spans exactly or by overlap.

use std::cmp::Reverse;

use crosscheck_model::Span;

use crate::polnear::loader::GoldSpan;

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
