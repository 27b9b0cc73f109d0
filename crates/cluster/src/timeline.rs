//! Dates, episodes and titles.
//!
//! An episode is a run of a story's dated documents with no gap of more
//! than [`EPISODE_GAP_DAYS`] between consecutive dates: a development and
//! its follow-ups. An undated document joins an episode only when its lead
//! (the first sentence that is not a headline or a byline) states the same
//! fact as the lead of one of the episode's dated documents, by the
//! same-fact judge: the news a report opens with is its development, and
//! pages of one story share most of their words whichever development
//! they report (on the seeds, an undated page about a Pentagon directive is
//! as close in words to the May reports as an undated copy of the May
//! news). An undated document whose lead fits no dated episode is an
//! undated development of its own (with the other undated documents whose
//! leads it states); a document without a lead joins the episode whose
//! centroid it is most similar to. A title is the headline of the member
//! most similar to the centroid, else the first words of its text.

use crosscheck_samefact::{Judge, Statement};

use crate::stories::centroid;
use crate::terms::{cosine, TermVec};
use crate::Episode;

/// Days without a document that separate two episodes.
pub const EPISODE_GAP_DAYS: i64 = 14;
/// Words of a text used as a title when a document has none.
const TITLE_WORDS: usize = 12;
/// A lead is at most this many bytes (cut at a word): the judge needs the
/// sentence's news, and the stage keeps it per document.
const LEAD_BYTES: usize = 320;
/// A paragraph of fewer words is a headline, byline or dateline, not a lead.
const LEAD_MIN_WORDS: usize = 8;
/// Dated members of an episode whose leads an undated document is compared
/// with (the earliest: the first reports carry the development's news).
const LEAD_PEERS: usize = 32;

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
    } else if !undated.is_empty() {
        let dated = runs.len();
        let centroids: Vec<TermVec> = runs.iter().map(|r| centroid(vectors, r)).collect();
        let statement =
            |m: usize| (!labels.leads[m].is_empty()).then(|| Statement::new(&labels.leads[m]));
        let leads: Vec<Vec<Statement>> = runs
            .iter()
            .map(|r| {
                r.iter()
                    .take(LEAD_PEERS)
                    .filter_map(|&m| statement(m))
                    .collect()
            })
            .collect();
        // undated developments: their members' leads
        let mut own: Vec<Vec<Statement>> = Vec::new();
        for &u in &undated {
            let Some(lead) = statement(u) else {
                let best = (0..dated)
                    .max_by(|&a, &b| {
                        cosine(&vectors[u], &centroids[a])
                            .total_cmp(&cosine(&vectors[u], &centroids[b]))
                            .then(b.cmp(&a))
                    })
                    .unwrap_or(0);
                runs[best].push(u);
                continue;
            };
            match fitting(&lead, &leads) {
                Some(e) => runs[e].push(u),
                None => match fitting(&lead, &own) {
                    Some(e) => {
                        runs[dated + e].push(u);
                        own[e].push(lead);
                    }
                    None => {
                        runs.push(vec![u]);
                        own.push(vec![lead]);
                    }
                },
            }
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

/// The group whose leads `lead` states the same fact as most strongly
/// (by the same-fact judge), if any does.
fn fitting(lead: &Statement, groups: &[Vec<Statement>]) -> Option<usize> {
    let judge = Judge::shipped();
    let mut best: Option<(f32, usize)> = None;
    for (g, leads) in groups.iter().enumerate() {
        for other in leads {
            let v = judge.judge(lead, other);
            if v.same && best.is_none_or(|(s, _)| v.score > s) {
                best = Some((v.score, g));
            }
        }
    }
    best.map(|(_, g)| g)
}

/// What the timeline keeps of each document: its date, its day number, its
/// title (its headline, else its first words) and its lead ([`lead`]).
#[derive(Debug, Default)]
pub struct Labels {
    pub dates: Vec<Option<String>>,
    pub days: Vec<Option<i64>>,
    pub titles: Vec<String>,
    pub headline: Vec<bool>,
    pub leads: Vec<String>,
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
        self.leads.push(lead(text).to_string());
    }

    /// The first and last dates of some documents.
    /// The state of document `i` (see [`crate::DocState`]), its strings
    /// taken out of the labels (for their last use: a million documents'
    /// titles and leads are not copied).
    pub fn take_state(
        &mut self,
        i: usize,
        vector: TermVec,
        signature: Option<crate::copies::Signature>,
    ) -> crate::DocState {
        crate::DocState {
            date: self.dates[i].take(),
            day: self.days[i],
            title: std::mem::take(&mut self.titles[i]),
            headline: self.headline[i],
            lead: std::mem::take(&mut self.leads[i]),
            vector,
            signature,
        }
    }

    /// Labels of documents whose states are stored.
    pub fn of_states<'a>(states: impl IntoIterator<Item = &'a crate::DocState>) -> Labels {
        let mut labels = Labels::default();
        for s in states {
            labels.dates.push(s.date.clone());
            labels.days.push(s.day);
            labels.titles.push(s.title.clone());
            labels.headline.push(s.headline);
            labels.leads.push(s.lead.clone());
        }
        labels
    }

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

/// A text's lead: the first sentence of its first paragraph of at least
/// [`LEAD_MIN_WORDS`] words (shorter ones are headlines, bylines, datelines
/// or addresses; a shorter first sentence takes the next ones with it), at
/// most [`LEAD_BYTES`] long (cut at a word); empty when no paragraph is long
/// enough.
pub fn lead(text: &str) -> &str {
    let Some(paragraph) = text
        .lines()
        .map(str::trim)
        .find(|p| p.split_whitespace().count() >= LEAD_MIN_WORDS)
    else {
        return "";
    };
    // its first sentences (the analysis stage's splitter), until they hold
    // the minimum words: a short opening sentence is not a lead on its own
    let mut end = paragraph.len();
    for s in crosscheck_nlp::sentences::split_sentences(paragraph) {
        if paragraph[..s.end].split_whitespace().count() >= LEAD_MIN_WORDS {
            end = s.end;
            break;
        }
    }
    let sentence = &paragraph[..end];
    if sentence.len() <= LEAD_BYTES {
        return sentence;
    }
    let mut cut = LEAD_BYTES;
    while !sentence.is_char_boundary(cut) {
        cut -= 1;
    }
    match sentence[..cut].rfind(' ') {
        Some(space) => &sentence[..space],
        None => &sentence[..cut],
    }
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

    #[test]
    fn leads_skip_headlines_and_stop_at_the_first_sentence() {
        let text = "Harbor closes\nBy Ana Ruiz\nThe port of Saltmere closed on Monday after U.S. Sen. Ray Dorn warned of a spill. Officials said more.\nLater text.";
        assert_eq!(
            lead(text),
            "The port of Saltmere closed on Monday after U.S. Sen. Ray Dorn warned of a spill."
        );
        assert_eq!(lead("Too short\nAlso short here"), "");
        let quoted =
            "“We will not accept it,” the minister said on Tuesday in the capital. “Never.” More.";
        assert_eq!(
            lead(quoted),
            "“We will not accept it,” the minister said on Tuesday in the capital."
        );
        let long = "word ".repeat(200);
        let l = lead(&long);
        assert!(l.len() <= LEAD_BYTES && !l.ends_with(' '), "{}", l.len());
    }
}
