//! Dates, episodes and titles.
//!
//! An episode is a run of a story's dated documents with no gap of more
//! than [`EPISODE_GAP_DAYS`] between consecutive dates: a development and
//! its follow-ups. An undated document joins the episode whose centroid it
//! is most similar to (the first episode on a tie; one undated episode when
//! the story has no date at all). A title is the headline of the member
//! most similar to the centroid, else the first words of its text.

use crate::stories::centroid;
use crate::terms::{cosine, TermVec};
use crate::Episode;

/// Days without a document that separate two episodes.
pub const EPISODE_GAP_DAYS: i64 = 14;
/// Words of a text used as a title when a document has none.
const TITLE_WORDS: usize = 12;

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (a longer string is cut to
/// its first ten characters); `None` when it is no valid date.
pub fn day_number(date: &str) -> Option<i64> {
    let d = date.get(..10)?;
    let mut parts = d.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) || !(1..=9999).contains(&y) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The episodes of one story whose members are `members` (in publication
/// order).
pub fn episodes(labels: &Labels, vectors: &[TermVec], members: &[usize]) -> Vec<Episode> {
    let days = &labels.days;
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut last: Option<i64> = None;
    for &m in members.iter().filter(|&&m| days[m].is_some()) {
        let d = days[m];
        match (last, d) {
            (Some(l), Some(d)) if d - l <= EPISODE_GAP_DAYS => {
                if let Some(run) = runs.last_mut() {
                    run.push(m);
                }
            }
            _ => runs.push(vec![m]),
        }
        last = d;
    }
    let undated: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&m| days[m].is_none())
        .collect();
    if runs.is_empty() {
        if !undated.is_empty() {
            runs.push(undated.clone());
        }
    } else {
        let centroids: Vec<TermVec> = runs.iter().map(|r| centroid(vectors, r)).collect();
        for &u in &undated {
            let best = (0..runs.len())
                .max_by(|&a, &b| {
                    cosine(&vectors[u], &centroids[a])
                        .total_cmp(&cosine(&vectors[u], &centroids[b]))
                        .then(b.cmp(&a))
                })
                .unwrap_or(0);
            runs[best].push(u);
        }
    }
    runs.into_iter()
        .map(|documents| {
            let (start, end) = labels.span(&documents);
            Episode {
                start,
                end,
                title: title(labels, vectors, &documents),
                documents,
            }
        })
        .collect()
}

/// What the timeline keeps of each document: its date, its day number and
/// its title (its headline, else its first words).
#[derive(Debug, Default)]
pub struct Labels {
    pub dates: Vec<Option<String>>,
    pub days: Vec<Option<i64>>,
    pub titles: Vec<String>,
    pub headline: Vec<bool>,
}

impl Labels {
    pub fn push(&mut self, published: Option<&str>, headline: Option<&str>, text: &str) {
        let day = published.and_then(day_number);
        self.dates
            .push(day.and(published).map(|p| p[..10].to_string()));
        self.days.push(day);
        let h = headline.map(str::trim).filter(|h| !h.is_empty());
        self.headline.push(h.is_some());
        self.titles.push(fallback_title(h, text));
    }

    /// The first and last dates of some documents.
    pub fn span(&self, members: &[usize]) -> (Option<String>, Option<String>) {
        let dated = || members.iter().filter_map(|&m| self.dates[m].clone());
        (dated().min(), dated().max())
    }
}

/// The title of a group of documents: that of the member most similar to
/// the group's centroid, among those with a headline if any has one.
pub fn title(labels: &Labels, vectors: &[TermVec], members: &[usize]) -> String {
    let c = centroid(vectors, members);
    let key = |m: usize| (labels.headline[m], cosine(&vectors[m], &c));
    members
        .iter()
        .copied()
        .max_by(|&a, &b| {
            let (ha, ca) = key(a);
            let (hb, cb) = key(b);
            ha.cmp(&hb).then(ca.total_cmp(&cb)).then(b.cmp(&a))
        })
        .map(|m| labels.titles[m].clone())
        .unwrap_or_default()
}

/// A document's title: its headline, else the first words of its text
/// (ending in `…` when cut).
pub fn fallback_title(headline: Option<&str>, text: &str) -> String {
    if let Some(h) = headline.map(str::trim).filter(|h| !h.is_empty()) {
        return h.to_string();
    }
    let words: Vec<&str> = text.split_whitespace().take(TITLE_WORDS + 1).collect();
    let mut t = words[..words.len().min(TITLE_WORDS)].join(" ");
    if words.len() > TITLE_WORDS {
        t.push('…');
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2025-05-05"), Some(20_213));
        assert_eq!(day_number("2025-05-05T10:00:00Z"), Some(20_213));
        assert_eq!(
            day_number("2024-03-01").unwrap() - day_number("2024-02-28").unwrap(),
            2
        );
        assert_eq!(day_number("2025-13-01"), None);
        assert_eq!(day_number("May 5"), None);
        assert_eq!(day_number("2025-05-0é"), None);
    }
}
