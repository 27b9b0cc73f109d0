//! Rules over runs of lines, and the article region: menus (runs of short
//! bullet items), lists of other headlines (headlines alternating with dates
//! or reading times, or under a list heading), tables of contents, and the
//! densest stretch of prose that is the article.

use std::collections::HashMap;

use crosscheck_model::RemovalReason;

use super::classify::{name_like, v, Verdict};
use super::lines::Line;

/// What a line can be inside a run of a headline list.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ListRole {
    Headline,
    Date,
    Header,
    Category,
}

fn list_role(line: &Line, verdict: Option<&Verdict>) -> Option<ListRole> {
    match verdict.map(|v| v.reason) {
        Some(RemovalReason::HeadlineList) => Some(ListRole::Header),
        Some(RemovalReason::Dateline) if line.date_only => Some(ListRole::Date),
        Some(RemovalReason::Byline) if line.reading_time => Some(ListRole::Date),
        Some(_) => None,
        None if line.is_prose() => None,
        None if line.is_headline_like() => Some(ListRole::Headline),
        None if line.words <= 2 && line.is_title_case() || line.words == 1 => {
            Some(ListRole::Category)
        }
        None => None,
    }
}

/// Rules over runs of lines: menus (runs of short bullet items), lists of
/// other headlines (headlines alternating with dates or reading times, or
/// under a list heading), tables of contents.
pub(crate) fn run_rules(lines: &[Line], verdicts: &mut [Option<Verdict>]) {
    use RemovalReason as R;
    let n = lines.len();

    // Bullet runs.
    let mut i = 0;
    while i < n {
        if !lines[i].bullet || verdicts[i].is_some() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && lines[j].bullet && verdicts[j].is_none() {
            j += 1;
        }
        let run = &lines[i..j];
        let len = run.len();
        let headlines = run
            .iter()
            .filter(|l| l.words >= 4 && l.is_headline_like() && !l.is_prose())
            .count();
        let menu = run
            .iter()
            .filter(|l| l.words <= 4 && !l.sentence_end)
            .count();
        if len >= 2 && headlines * 2 > len {
            for slot in verdicts.iter_mut().take(j).skip(i) {
                *slot = v(
                    R::HeadlineList,
                    format!("{headlines} of {len} bullet lines read like headlines"),
                );
            }
        } else if len >= 2 && menu * 10 >= len * 8 {
            for slot in verdicts.iter_mut().take(j).skip(i) {
                *slot = v(R::Navigation, format!("run of {len} short menu items"));
            }
        }
        i = j.max(i + 1);
    }

    // Author boxes: the writer's name on its own line right above a job
    // title or a biography.
    for i in 1..n {
        let above = &lines[i - 1];
        let is_bio = verdicts[i]
            .as_ref()
            .is_some_and(|v| v.reason == R::AuthorBio);
        if is_bio && verdicts[i - 1].is_none() && name_like(above) {
            verdicts[i - 1] = v(R::AuthorBio, "author name above an author biography");
        }
    }

    // Headline lists: headlines alternating with dates / reading times.
    let roles: Vec<Option<ListRole>> = lines
        .iter()
        .zip(verdicts.iter())
        .map(|(l, v)| list_role(l, v.as_ref()))
        .collect();
    let mut i = 0;
    while i < n {
        if roles[i].is_none() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && roles[j].is_some() {
            j += 1;
        }
        let headlines = (i..j)
            .filter(|&k| roles[k] == Some(ListRole::Headline))
            .count();
        let alternations = (i..j.saturating_sub(1))
            .filter(|&k| {
                roles[k] == Some(ListRole::Headline) && roles[k + 1] == Some(ListRole::Date)
            })
            .count();
        let header = (i..j).any(|k| roles[k] == Some(ListRole::Header));
        if alternations >= 2 || (header && headlines >= 2) {
            let detail = if alternations >= 2 {
                format!(
                    "{alternations} of {} lines are headlines followed by a date or reading time",
                    j - i
                )
            } else {
                format!("{headlines} headlines under a list heading")
            };
            for slot in verdicts.iter_mut().take(j).skip(i) {
                *slot = v(R::HeadlineList, detail.clone());
            }
        }
        i = j;
    }

    // Tables of contents: a contents heading and the numbered items after
    // it, or numbered items that repeat headings found later.
    let mut later: HashMap<String, usize> = HashMap::new();
    for l in lines.iter().filter(|l| l.words <= 20) {
        later.insert(l.text.to_lowercase(), l.idx);
    }
    for i in 0..n {
        let lower = lines[i].text.to_lowercase();
        let is_toc_header = matches!(
            lower.trim_end_matches(':'),
            "article subheadings"
                | "table of contents"
                | "contents"
                | "in this article"
                | "on this page"
                | "jump to"
        );
        if is_toc_header && verdicts[i].is_none() {
            verdicts[i] = v(R::TableOfContents, "table of contents heading");
            let mut k = i + 1;
            while k < n
                && (lines[k].numbered || lines[k].bullet)
                && lines[k].words <= 15
                && !lines[k].is_prose()
            {
                verdicts[k] = v(R::TableOfContents, "table of contents entry");
                k += 1;
            }
            continue;
        }
        if lines[i].numbered && verdicts[i].is_none() && lines[i].words <= 15 {
            let body = lines[i].body().to_lowercase();
            if later.get(&body).is_some_and(|&at| at > i) {
                verdicts[i] = v(
                    R::TableOfContents,
                    "numbered entry repeating a later heading",
                );
            }
        }
    }
}

/// Weight of a line for the article-region search: prose counts for its
/// words, everything else against.
pub(crate) fn region_weight(line: &Line, verdict: Option<&Verdict>) -> i64 {
    if let Some(v) = verdict {
        use RemovalReason as R;
        return match v.reason {
            // Things that sit inside articles too: they are dropped, but do
            // not split the article.
            R::TableOfContents | R::Caption | R::Byline | R::Dateline | R::Title | R::SiteName => {
                -1
            }
            R::AdNotice => -3,
            _ => -(8 + line.words.min(60) as i64),
        };
    }
    if line.is_prose() {
        return line.words.min(2000) as i64;
    }
    if line.is_semi_prose() {
        return (line.words / 2).max(1) as i64;
    }
    if line.date_only || line.yearless_date {
        return -4;
    }
    -2
}

/// The densest stretch of prose: the maximum-sum run of line weights
/// (Kadane). Returns inclusive line indices and the sum.
pub(crate) fn article_region(weights: &[i64]) -> Option<(usize, usize, i64)> {
    let mut best: Option<(usize, usize, i64)> = None;
    let mut cur_start = 0;
    let mut cur = 0i64;
    for (i, &w) in weights.iter().enumerate() {
        if cur <= 0 {
            cur = 0;
            cur_start = i;
        }
        cur += w;
        if cur > 0 && best.is_none_or(|(_, _, b)| cur > b) {
            best = Some((cur_start, i, cur));
        }
    }
    best
}
