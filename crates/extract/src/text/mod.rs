//! The text-dump path: a whole web page copied out of a browser as text
//! ("select all, copy"), or article text that is already clean.
//!
//! [`clean_page_text`] decides for every line whether it is article or page
//! chrome:
//! 1. single-line rules ([`classify::line_rule`]): phrase lists *and* shape
//!    evidence (social-network word ratio, tag clouds without punctuation,
//!    addresses, bylines, date lines, site names);
//! 2. run rules ([`runs::run_rules`]): menus (runs of short bullet items),
//!    lists of other headlines (headlines alternating with dates or reading
//!    times, or under a list heading), tables of contents;
//! 3. cross-document evidence ([`recurring`]): lines found on other pages of
//!    the same outlet;
//! 4. the article region: the maximum-sum run of line weights where prose
//!    counts for its words and everything else against. Unflagged lines
//!    inside it are kept (short ones as headings); lines outside are dropped.
//!
//! Then the headline, outlet, author and publication date are read from the
//! lines around the region, repeated paragraphs are collapsed, and upstream
//! sources and the language are read from the clean text. Every dropped line
//! is listed in `removed_lines` with its reason and evidence.

mod classify;
mod dedup;
mod lines;
pub(crate) mod metadata;
pub mod recurring;
mod runs;

use crosscheck_model::{
    Block, BlockKind, DateEvidence, Extracted, Metadata, RemovalReason, RemovedLine,
};

use crate::{dates, lang, upstream};
use classify::Verdict;
use dedup::Dedup;
use lines::{normalize_ws, Line};
use recurring::{line_fingerprint, page_lines, LineEvidence};

/// Below this region weight (roughly: words of prose) there is no article.
const MIN_REGION_WEIGHT: i64 = 20;

/// Clean a whole page's text dump: keep the article, drop the chrome, and
/// read title, outlet, author, date, upstream sources and language.
///
/// `evidence` holds line counts of other pages (see [`recurring`]); it may
/// include this document. Never panics; bad input gives low confidence and
/// warnings.
pub fn clean_page_text(text: &str, meta: &Metadata, evidence: &LineEvidence) -> Extracted {
    let lines = lines::split_lines(text);
    let mut ex = Extracted::default();
    if lines.is_empty() {
        ex.warnings.push("empty input".into());
        apply_meta_only(&mut ex, meta);
        return ex;
    }

    let mut verdicts: Vec<Option<Verdict>> = lines.iter().map(classify::line_rule).collect();
    runs::run_rules(&lines, &mut verdicts);
    apply_recurring(text, meta, evidence, &lines, &mut verdicts);
    let masthead = metadata::masthead_line(&lines, &verdicts);
    if let Some(i) = masthead {
        verdicts[i] = Some(Verdict {
            reason: RemovalReason::SiteName,
            detail: "masthead (the outlet's name opening the page)".into(),
        });
    }

    let weights: Vec<i64> = lines
        .iter()
        .zip(&verdicts)
        .map(|(l, v)| runs::region_weight(l, v.as_ref()))
        .collect();
    let region = runs::article_region(&weights).filter(|r| r.2 >= MIN_REGION_WEIGHT);
    let region_start = region.map_or(0, |r| r.0);

    // Title: the record's, else the headline near the region; every line
    // printing it (and a headline variant right next to it) is dropped.
    let pick = metadata::pick_title(&lines, &verdicts, region_start);
    let title = meta
        .title
        .as_deref()
        .map(normalize_ws)
        .filter(|t| !t.is_empty())
        .or_else(|| pick.as_ref().map(|p| p.text.clone()));
    let title_line = pick.as_ref().and_then(|p| p.line);
    if let Some(t) = &title {
        let key = dedup::paragraph_key(t);
        let title_words = key.split(' ').count();
        for (l, v) in lines.iter().zip(verdicts.iter_mut()) {
            let similar = l.body().split_whitespace().count() == title_words;
            if v.is_none() && similar && dedup::paragraph_key(l.body()) == key {
                *v = Some(Verdict {
                    reason: RemovalReason::Title,
                    detail: "the headline".into(),
                });
            }
        }
    }
    if let Some(t) = title_line {
        if verdicts[t].is_none() {
            verdicts[t] = Some(Verdict {
                reason: RemovalReason::Title,
                detail: "the headline".into(),
            });
        }
        // A second headline variant printed right above or below the title,
        // outside the body.
        let lo = t.saturating_sub(3);
        let hi = (t + 3).min(lines.len().saturating_sub(1));
        for i in lo..=hi {
            let l = &lines[i];
            let outside = region.is_none_or(|r| i < r.0);
            if i != t
                && outside
                && verdicts[i].is_none()
                && l.is_headline_like()
                && l.words >= 4
                && !l.is_prose()
            {
                verdicts[i] = Some(Verdict {
                    reason: RemovalReason::Title,
                    detail: "headline variant".into(),
                });
            }
        }
    }
    ex.title = title;

    // Publication date, author, outlet.
    let (published, evidence_d) = match meta_date(meta) {
        Some(d) => d,
        None => metadata::pick_date(&lines, &verdicts, title_line, region_start),
    };
    ex.published = published;
    ex.date_evidence = evidence_d;
    ex.warnings.extend(dates::record_date_warning(meta));
    ex.author = meta
        .author
        .as_deref()
        .map(normalize_ws)
        .filter(|a| !a.is_empty())
        .or_else(|| {
            let lo = title_line.unwrap_or(region_start).saturating_sub(3);
            let hi = (region_start + 3)
                .max(title_line.unwrap_or(0) + 4)
                .min(lines.len());
            (lo..hi)
                .filter(|&i| {
                    verdicts[i]
                        .as_ref()
                        .is_some_and(|v| v.reason == RemovalReason::Byline)
                })
                .find_map(|i| metadata::byline_author(&lines[i].text))
        });
    ex.outlet = meta
        .outlet
        .as_deref()
        .map(normalize_ws)
        .filter(|o| !o.is_empty())
        .or_else(|| metadata::outlet_from_lines(&lines, &verdicts, masthead).map(|(o, _)| o));
    ex.canonical_url = meta.url.clone();

    // Keep or drop every line.
    let mut dedup = Dedup::default();
    let mut prose_words_total = 0usize;
    let mut prose_words_kept = 0usize;
    for (i, (l, v)) in lines.iter().zip(verdicts).enumerate() {
        let inside = match region {
            Some((s, e, _)) => s <= i && i <= e,
            None => l.is_prose() || l.is_semi_prose(),
        };
        if l.is_prose() {
            prose_words_total += l.words;
        }
        let verdict = match v {
            Some(v) => Some(v),
            // A bare bullet glyph has no text to keep.
            None if l.body().is_empty() => Some(Verdict {
                reason: RemovalReason::ShortFragment,
                detail: "bullet glyph without text".into(),
            }),
            None if inside => None,
            None => Some(outside_verdict(l)),
        };
        if let Some(v) = verdict {
            ex.removed_lines.push(RemovedLine {
                text: l.text.clone(),
                reason: v.reason,
                detail: v.detail,
            });
            continue;
        }
        if dedup.is_duplicate(l.body(), l.words) {
            record_duplicate(&mut ex, &l.text);
            continue;
        }
        if l.is_prose() {
            prose_words_kept += l.words;
        }
        let block = block_for(l, ex.blocks.last());
        ex.blocks.push(block);
    }

    if region.is_none() {
        ex.warnings.push("no article region found".into());
    }
    if ex.title.is_none() {
        ex.warnings.push("no title found".into());
    }
    let body_words: usize = ex
        .blocks
        .iter()
        .map(|b| crosscheck_model::document::count_words(&b.text))
        .sum();
    if region.is_some() && body_words < 80 {
        ex.warnings
            .push(format!("short article ({body_words} words)"));
    }
    finish(&mut ex);
    ex.confidence = confidence(
        region.is_some(),
        ex.title.is_some(),
        prose_words_kept,
        prose_words_total,
    );
    ex
}

/// Already-clean article text: normalise whitespace, keep paragraphs,
/// collapse exact duplicate paragraphs (nothing else is removed), and read
/// title, date, author, upstream sources and language from `meta` and text.
///
/// Paragraphs are separated by blank lines when the text has any; otherwise
/// every line is a paragraph.
pub fn clean_text(text: &str, meta: &Metadata) -> Extracted {
    let mut ex = Extracted::default();
    let unix = text.replace("\r\n", "\n").replace('\r', "\n");
    let has_blank = unix.split('\n').any(|l| l.trim().is_empty()) && unix.trim().contains('\n');
    let paragraphs: Vec<String> = if has_blank {
        unix.split("\n\n")
            .flat_map(split_blank)
            .map(|p| normalize_ws(&p))
            .collect()
    } else {
        unix.split('\n').map(normalize_ws).collect()
    };
    let measured: Vec<Line> = paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .enumerate()
        .map(|(i, p)| lines::measure(p, i))
        .collect();
    if measured.is_empty() {
        ex.warnings.push("empty input".into());
        apply_meta_only(&mut ex, meta);
        return ex;
    }
    let mut dedup = Dedup::default();
    for l in &measured {
        if dedup.is_duplicate(&l.text, l.words) {
            record_duplicate(&mut ex, &l.text);
            continue;
        }
        let kind = if l.bullet || l.numbered {
            BlockKind::ListItem
        } else if !l.is_prose() && !l.sentence_end && l.words <= 15 {
            BlockKind::Heading
        } else {
            BlockKind::Paragraph
        };
        ex.blocks.push(Block {
            kind,
            text: l.text.clone(),
        });
    }
    ex.title = meta
        .title
        .as_deref()
        .map(normalize_ws)
        .filter(|t| !t.is_empty())
        .or_else(|| {
            let first = measured.first()?;
            (measured.len() > 1 && first.is_headline_like() && !first.is_prose())
                .then(|| first.text.clone())
        });
    let head = &measured[..measured.len().min(4)];
    let (published, ev) = meta_date(meta).unwrap_or_else(|| {
        head.iter()
            .filter(|l| l.words <= 16 && !l.is_prose())
            .find_map(|l| {
                let d = dates::find_dates(&l.text).into_iter().next()?;
                let source = if metadata::byline_author(&l.text).is_some() {
                    "byline"
                } else {
                    "dateline"
                };
                Some((
                    Some(d.date.format("%Y-%m-%d").to_string()),
                    DateEvidence {
                        source: Some(source.into()),
                        text: Some(l.text.clone()),
                        reason: None,
                    },
                ))
            })
            .unwrap_or_else(|| {
                (
                    None,
                    DateEvidence {
                        reason: Some("no byline or dateline at the start of the text".into()),
                        ..Default::default()
                    },
                )
            })
    });
    ex.published = published;
    ex.date_evidence = ev;
    ex.warnings.extend(dates::record_date_warning(meta));
    ex.author = meta
        .author
        .as_deref()
        .map(normalize_ws)
        .filter(|a| !a.is_empty())
        .or_else(|| {
            head.iter()
                .filter(|l| l.words <= 16)
                .find_map(|l| metadata::byline_author(&l.text))
        });
    ex.outlet = meta
        .outlet
        .as_deref()
        .map(normalize_ws)
        .filter(|o| !o.is_empty());
    ex.canonical_url = meta.url.clone();
    finish(&mut ex);
    let words: usize = measured.iter().map(|l| l.words).sum();
    ex.confidence = if words >= 50 { 0.9 } else { 0.6 };
    ex
}

fn split_blank(p: &str) -> Vec<String> {
    // "\n \n" (a blank line with spaces) also separates paragraphs.
    let mut out = Vec::new();
    let mut cur = String::new();
    for l in p.split('\n') {
        if l.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(' ');
            cur.push_str(l);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The record's publication date, when it parses.
fn meta_date(meta: &Metadata) -> Option<(Option<String>, DateEvidence)> {
    let raw = meta.published.as_deref()?;
    let d = dates::parse_date(raw)?;
    Some((
        Some(d.format("%Y-%m-%d").to_string()),
        DateEvidence {
            source: Some(
                meta.published_source
                    .clone()
                    .unwrap_or_else(|| "record field published".into()),
            ),
            text: Some(raw.to_string()),
            reason: None,
        },
    ))
}

fn apply_meta_only(ex: &mut Extracted, meta: &Metadata) {
    ex.title = meta
        .title
        .as_deref()
        .map(normalize_ws)
        .filter(|t| !t.is_empty());
    ex.outlet = meta
        .outlet
        .as_deref()
        .map(normalize_ws)
        .filter(|o| !o.is_empty());
    ex.author = meta
        .author
        .as_deref()
        .map(normalize_ws)
        .filter(|a| !a.is_empty());
    ex.canonical_url = meta.url.clone();
    match meta_date(meta) {
        Some((p, ev)) => {
            ex.published = p;
            ex.date_evidence = ev;
        }
        None => ex.date_evidence.reason = Some("no text to read a date from".into()),
    }
    ex.warnings.extend(dates::record_date_warning(meta));
    ex.confidence = 0.0;
}

/// Upstream sources and language from the clean text.
fn finish(ex: &mut Extracted) {
    let text = ex.text();
    ex.upstream_sources = upstream::find_upstream_sources(&text);
    ex.language = lang::detect_language(&text)
        .or_else(|| ex.title.as_deref().and_then(lang::detect_language));
}

fn confidence(has_region: bool, has_title: bool, kept: usize, total: usize) -> f32 {
    if !has_region {
        return if kept > 0 { 0.15 } else { 0.05 };
    }
    let size = (kept.min(300) as f32) / 300.0;
    let share = if total == 0 {
        0.0
    } else {
        kept as f32 / total as f32
    };
    let c = 0.2 + 0.4 * size + 0.25 * share + if has_title { 0.15 } else { 0.0 };
    c.clamp(0.0, 1.0)
}

/// Lines the evidence has seen on two or more other pages of this outlet
/// are chrome. Long prose lines need three pages, and none of it counts when
/// recurring prose is most of the document's prose (a republished article).
fn apply_recurring(
    text: &str,
    meta: &Metadata,
    evidence: &LineEvidence,
    lines: &[Line],
    verdicts: &mut [Option<Verdict>],
) {
    let key = recurring::outlet_key(text, meta);
    if key.is_empty() || evidence.documents(&key) == 0 {
        return;
    }
    let own = page_lines(text, meta);
    let mut candidates = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if verdicts[i].is_some() {
            continue;
        }
        let others = evidence.recurrence_in_others(&own, line_fingerprint(&l.text));
        if others >= 2 {
            candidates.push((i, others));
        }
    }
    let prose_total: usize = lines.iter().filter(|l| l.is_prose()).map(|l| l.words).sum();
    let prose_recurring: usize = candidates
        .iter()
        .filter(|(i, _)| lines[*i].is_prose())
        .map(|(i, _)| lines[*i].words)
        .sum();
    let republished = prose_recurring * 2 > prose_total;
    for (i, others) in candidates {
        let long = lines[i].is_prose() || lines[i].words >= 12;
        if long && (others < 3 || republished) {
            continue;
        }
        verdicts[i] = Some(Verdict {
            reason: RemovalReason::RecurringAcrossPages,
            detail: format!("also on {others} other pages of {}", own.outlet_key),
        });
    }
}

/// Why an unflagged line outside the article region is dropped.
fn outside_verdict(l: &Line) -> Verdict {
    let (reason, detail) = if l.bullet {
        (
            RemovalReason::Navigation,
            "bullet item outside the article region",
        )
    } else if classify::looks_like_caption(l) {
        (
            RemovalReason::Caption,
            "descriptive caption outside the article region",
        )
    } else if l.is_prose() {
        (
            RemovalReason::Boilerplate,
            "prose outside the article region",
        )
    } else if l.is_headline_like() && l.words >= 5 && l.is_title_case() {
        (
            RemovalReason::HeadlineList,
            "headline-like line outside the article region",
        )
    } else if l.words <= 8 {
        (
            RemovalReason::ShortFragment,
            "short line outside the article region",
        )
    } else {
        (
            RemovalReason::Boilerplate,
            "text outside the article region",
        )
    };
    Verdict {
        reason,
        detail: detail.into(),
    }
}

/// The block a kept line becomes.
fn block_for(l: &Line, prev: Option<&Block>) -> Block {
    let body = l.body();
    let kind = if l.bullet || l.numbered {
        BlockKind::ListItem
    } else if !l.is_prose() && !l.sentence_end && l.words <= 15 && !body.ends_with(',') {
        BlockKind::Heading
    } else if (body.starts_with(['"', '“']) && body.trim_end_matches('.').ends_with(['"', '”']))
        || prev.is_some_and(|p| {
            p.kind == BlockKind::Paragraph && p.text.ends_with(':') && l.is_prose()
        })
    {
        BlockKind::Quote
    } else {
        BlockKind::Paragraph
    };
    let text = if kind == BlockKind::ListItem {
        body
    } else {
        l.text.as_str()
    };
    Block {
        kind,
        text: text.to_string(),
    }
}

/// Count a repeated paragraph and keep it as removal evidence.
fn record_duplicate(ex: &mut Extracted, text: &str) {
    ex.duplicate_paragraphs += 1;
    ex.removed_lines.push(RemovedLine {
        text: text.to_string(),
        reason: RemovalReason::DuplicateParagraph,
        detail: "repeats an earlier paragraph".into(),
    });
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod bare_bullet_tests {
    use super::*;

    #[test]
    fn a_bare_bullet_glyph_is_not_kept_as_an_empty_block() {
        let p = "The ferry board agreed on Friday to run an extra evening crossing to the island until the end of the summer season.";
        let text = format!("{p}\n·\n{p}");
        let e = clean_page_text(&text, &Metadata::default(), &LineEvidence::default());
        assert!(
            e.blocks.iter().all(|b| !b.text.is_empty()),
            "{:?}",
            e.blocks
        );
    }
}
