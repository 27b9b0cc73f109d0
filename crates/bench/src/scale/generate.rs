//! The scale generator: any number of varied news documents, recombined
//! from the paragraphs of the shared corpora, with the shape of a real news
//! stream.
//!
//! - **Stories.** Each document belongs to a synthetic story: a pool of
//!   sentences drawn from a few articles of the corpora (of one real story
//!   where the corpus knows it), four invented names (of three or more
//!   syllables) that replace proper nouns of those sentences, and a date. Two stories rarely share a
//!   sentence, so distinct stories are distinct texts. Story sizes are
//!   heavy-tailed (Pareto, α = 1.5: most stories have one to three
//!   documents, a few have hundreds), and about 250 stories run at once, so
//!   the stream interleaves them. One document in ten of a story belongs to
//!   a later development, months after the first.
//! - **Originals** (80%) take some of their story's sentences (in the
//!   pool's order, in paragraphs of one to three sentences) and now and then
//!   a sentence from anywhere; names and numbers are replaced consistently
//!   within the story (a few numbers differ, as real reports differ).
//! - **Copies** (12%): a recent document again, from another outlet a day
//!   or two later, sometimes with a credit line.
//! - **Rewrites** (8%): a recent document with paragraphs dropped and
//!   swapped, reporting verbs changed and a new title.
//! - **Formats:** 80% clean-text records, 12% page-text dumps with page
//!   chrome (menus, share and subscribe lines, related headlines), 8% HTML
//!   pages. 4% of documents have no date. Outlets are drawn from 500
//!   invented names with a skewed (log-uniform) popularity.
//!
//! Output: JSON-lines shards (`part-00000.jsonl`, …) of `shard_docs`
//! records each. The same seed gives the same bytes.

use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::json;

use super::formats::{html_page, page_text};
use super::pool::Article;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub docs: usize,
    pub seed: u64,
    pub shard_docs: usize,
}

/// What was generated.
#[derive(Debug, Default, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct Stats {
    pub docs: usize,
    pub originals: usize,
    pub copies: usize,
    pub rewrites: usize,
    pub stories: usize,
    pub text_records: usize,
    pub page_text_records: usize,
    pub html_records: usize,
    pub undated: usize,
    pub bytes: u64,
}

/// Articles a story's sentences come from, and how many sentences it has.
const STORY_ARTICLES: usize = 4;
const STORY_SENTENCES: usize = 40;
/// Stories open at once.
const ACTIVE_STORIES: usize = 256;
/// Largest story.
const MAX_STORY_DOCS: usize = 3000;
/// Recent documents that copies and rewrites are taken from.
const RECENT_DOCS: usize = 4096;
const OUTLETS: usize = 500;
/// First day of the stream (2014-01-01) and its length in days.
const FIRST_DAY: i64 = 16_071;
const SPAN_DAYS: u64 = 4_380;

/// splitmix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn hash(a: u64, s: &str) -> u64 {
    s.bytes()
        .fold(mix(a), |h, b| mix(h ^ u64::from(b)).wrapping_add(1))
}

struct Story {
    id: u64,
    /// (article, sentence) of the story's sentences, in article order.
    sentences: Vec<(usize, usize)>,
    /// Invented surnames (and one place or organisation word).
    names: Vec<String>,
    day: i64,
    later_day: i64,
    size: usize,
    emitted: usize,
}

/// A document as generated, before it is given a format.
#[derive(Clone)]
pub(super) struct Doc {
    pub story: u64,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub day: i64,
}

struct Generator<'a> {
    pool: &'a [Article],
    /// The sentences of each article of the pool.
    sentences: Vec<Vec<&'a str>>,
    /// Articles by group, for a story's second article.
    by_group: std::collections::HashMap<u32, Vec<usize>>,
    rng: Rng,
    next_story: u64,
    recent: VecDeque<Doc>,
    stats: Stats,
}

/// Generate `spec.docs` documents from `pool` into `out` (created; existing
/// shards are overwritten).
pub fn generate(pool: &[Article], spec: &Spec, out: &Path) -> Result<Stats> {
    fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut by_group: std::collections::HashMap<u32, Vec<usize>> = Default::default();
    for (i, a) in pool.iter().enumerate() {
        by_group.entry(a.group).or_default().push(i);
    }
    let mut g = Generator {
        pool,
        sentences: pool.iter().map(|a| sentences(&a.paragraphs)).collect(),
        by_group,
        rng: Rng(spec.seed),
        next_story: 0,
        recent: VecDeque::new(),
        stats: Stats::default(),
    };
    let mut active: Vec<Story> = (0..ACTIVE_STORIES).map(|_| g.new_story()).collect();
    let shard_docs = spec.shard_docs.max(1);
    let mut writer: Option<BufWriter<File>> = None;
    for n in 0..spec.docs {
        if n % shard_docs == 0 {
            if let Some(mut w) = writer.take() {
                w.flush()?;
            }
            let path = out.join(format!("part-{:05}.jsonl", n / shard_docs));
            let file =
                File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
            writer = Some(BufWriter::new(file));
        }
        let roll = g.rng.unit();
        let doc = if roll < 0.12 && !g.recent.is_empty() {
            g.stats.copies += 1;
            g.copy()
        } else if roll < 0.20 && !g.recent.is_empty() {
            g.stats.rewrites += 1;
            g.rewrite()
        } else {
            g.stats.originals += 1;
            let slot = g.rng.below(active.len());
            let doc = g.original(&active[slot]);
            active[slot].emitted += 1;
            if active[slot].emitted >= active[slot].size {
                active[slot] = g.new_story();
            }
            doc
        };
        let line = g.record(&doc, n);
        g.stats.bytes += line.len() as u64 + 1;
        if let Some(w) = writer.as_mut() {
            w.write_all(line.as_bytes())?;
            w.write_all(b"\n")?;
        }
        g.recent.push_back(doc);
        if g.recent.len() > RECENT_DOCS {
            g.recent.pop_front();
        }
        g.stats.docs += 1;
    }
    if let Some(mut w) = writer.take() {
        w.flush()?;
    }
    g.stats.stories = g.next_story as usize;
    Ok(g.stats)
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "ren", "vi", "ta", "mor", "del", "san", "ri", "bo", "nek", "sha", "tor", "lin",
    "ga", "mu", "zel", "fa", "dor", "pe", "qua", "hal", "bri", "sto", "val", "en", "ox", "wyn",
];

const PLACES: &[&str] = &[
    "Northfield",
    "Lakeside",
    "Harbourton",
    "Riverton",
    "Eastmoor",
    "Westvale",
    "Kingsbridge",
    "Millbrook",
    "Stonehaven",
    "Ashford",
    "Brackwater",
    "Redcliff",
    "Greymouth",
    "Fairhaven",
    "Oakridge",
    "Sunmere",
    "Coldwell",
    "Highgate",
    "Marston",
    "Pinecrest",
    "Silverton",
    "Thornbury",
    "Wexley",
    "Yarrow",
    "Zenith",
];

const MASTHEADS: &[&str] = &[
    "Times",
    "Herald",
    "Post",
    "Courier",
    "Gazette",
    "Observer",
    "Chronicle",
    "Tribune",
    "Standard",
    "Ledger",
    "Monitor",
    "Journal",
    "Dispatch",
    "Record",
    "Sentinel",
    "Express",
    "Mirror",
    "Star",
    "Examiner",
    "Register",
];

const FIRST_NAMES: &[&str] = &[
    "Anna", "Marco", "Leila", "Tomas", "Grace", "Idris", "Sofia", "Jonah", "Amara", "Viktor",
    "Nadia", "Samuel", "Ines", "Rafael", "Maya", "Oskar", "Zara", "Felix", "Elena", "Kofi",
];

/// Reporting verbs a rewrite changes.
const REWORDINGS: &[(&str, &str)] = &[
    ("said", "stated"),
    ("says", "states"),
    ("told", "informed"),
    ("announced", "declared"),
    ("also", "additionally"),
    ("however", "nevertheless"),
    ("according to", "citing"),
];

impl Generator<'_> {
    fn new_story(&mut self) -> Story {
        let id = self.next_story;
        self.next_story += 1;
        // A few articles, of one real story where the pool knows it.
        let first = self.rng.below(self.pool.len());
        let group = &self.by_group[&self.pool[first].group];
        let mut articles = vec![first];
        for _ in 0..STORY_ARTICLES - 1 {
            articles.push(if group.len() > 1 && self.rng.chance(0.5) {
                group[self.rng.below(group.len())]
            } else {
                self.rng.below(self.pool.len())
            });
        }
        let mut sentences = Vec::new();
        for a in articles {
            let n = self.sentences[a].len();
            for _ in 0..STORY_SENTENCES / STORY_ARTICLES {
                sentences.push((a, self.rng.below(n)));
            }
        }
        sentences.sort_unstable();
        sentences.dedup();
        // Invented names are three syllables or more (over 20,000 of them),
        // so that unrelated stories rarely share one: a name shared by
        // thousands of unrelated stories would be a hub no real corpus has.
        let mut names: Vec<String> = (0..4).map(|_| self.surname()).collect();
        // The story's main person has a full name.
        names[0] = format!(
            "{} {}",
            FIRST_NAMES[self.rng.below(FIRST_NAMES.len())],
            names[0]
        );
        let day = FIRST_DAY + (self.rng.next() % SPAN_DAYS) as i64;
        let later_day = day + 60 + self.rng.below(150) as i64;
        // Pareto(α = 1.5, minimum 1).
        let u = self.rng.unit().max(1e-12);
        let size = (u.powf(-1.0 / 1.5).floor() as usize).clamp(1, MAX_STORY_DOCS);
        Story {
            id,
            sentences,
            names,
            day,
            later_day,
            size,
            emitted: 0,
        }
    }

    fn surname(&mut self) -> String {
        let n = 3 + self.rng.below(2);
        let mut s: String = (0..n)
            .map(|_| SYLLABLES[self.rng.below(SYLLABLES.len())])
            .collect();
        if let Some(c) = s.get_mut(0..1) {
            c.make_ascii_uppercase();
        }
        s
    }

    fn original(&mut self, story: &Story) -> Doc {
        let want = 6 + self.rng.below(11);
        let pick = want as f64 / story.sentences.len().max(1) as f64;
        let mut chosen: Vec<&str> = Vec::new();
        for &(a, i) in &story.sentences {
            if self.rng.chance(pick) {
                chosen.push(self.sentences[a][i]);
            }
        }
        if chosen.is_empty() || self.rng.chance(0.3) {
            let other = &self.sentences[self.rng.below(self.sentences.len())];
            chosen.push(other[self.rng.below(other.len())]);
        }
        let mut paragraphs: Vec<String> = Vec::new();
        let mut rest = &chosen[..];
        while !rest.is_empty() {
            let n = (1 + self.rng.below(3)).min(rest.len());
            let text = rest[..n].join(" ");
            paragraphs.push(self.substitute(&text, story));
            rest = &rest[n..];
        }
        let later = story.emitted > 0 && self.rng.chance(0.1);
        let day = if later { story.later_day } else { story.day } + self.rng.below(4) as i64;
        let title = title_of(&paragraphs, &story.names[0]);
        Doc {
            story: story.id,
            title,
            paragraphs,
            day,
        }
    }

    /// Proper nouns inside sentences become the story's names (the same noun
    /// always the same name within a story); numbers become the story's
    /// numbers, and now and then a different one.
    fn substitute(&mut self, paragraph: &str, story: &Story) -> String {
        let mut out = String::with_capacity(paragraph.len() + 16);
        let mut sentence_start = true;
        for word in paragraph.split(' ') {
            if !out.is_empty() {
                out.push(' ');
            }
            let core = word.trim_matches(|c: char| !c.is_alphanumeric());
            let h = hash(story.id, core);
            let capitalised = core.len() >= 3
                && core.chars().next().is_some_and(char::is_uppercase)
                && core.chars().skip(1).all(char::is_lowercase);
            if capitalised && !sentence_start && h % 3 == 0 {
                let name = &story.names[(h / 3) as usize % story.names.len()];
                out.push_str(&word.replacen(core, name, 1));
            } else if core.bytes().any(|b| b.is_ascii_digit()) && h % 2 == 0 {
                let n = if self.rng.chance(0.03) {
                    self.rng.below(1000) as u64
                } else {
                    h % 997
                };
                out.push_str(&replace_digits(word, n));
            } else {
                out.push_str(word);
            }
            sentence_start = word.ends_with(['.', '!', '?', ':']);
        }
        out
    }

    fn recent_doc(&mut self) -> Doc {
        let n = self.rng.below(self.recent.len());
        self.recent[n].clone()
    }

    fn copy(&mut self) -> Doc {
        let mut doc = self.recent_doc();
        doc.day += self.rng.below(3) as i64;
        if self.rng.chance(0.5) {
            let credit = outlet_name(self.rng.below(OUTLETS));
            doc.paragraphs
                .push(format!("This story was first published by {credit}."));
        }
        doc
    }

    fn rewrite(&mut self) -> Doc {
        let mut doc = self.recent_doc();
        let mut kept: Vec<String> = Vec::new();
        for p in &doc.paragraphs {
            if kept.len() < 2 || !self.rng.chance(0.25) {
                kept.push(reword(p));
            }
        }
        if kept.len() > 2 {
            let a = 1 + self.rng.below(kept.len() - 1);
            kept.swap(a, a - 1);
        }
        doc.paragraphs = kept;
        doc.title = reword(&format!("{} (updated)", doc.title));
        doc.day += self.rng.below(2) as i64;
        doc
    }

    fn record(&mut self, doc: &Doc, n: usize) -> String {
        let outlet = outlet_name(self.outlet_index());
        let slug = outlet.to_lowercase().replace(' ', "");
        let dated = !self.rng.chance(0.04);
        let date = dated.then(|| date_string(doc.day));
        let url = format!(
            "https://www.{slug}.example/{}/story-{}-{n}",
            date.as_deref().unwrap_or("undated"),
            doc.story
        );
        if !dated {
            self.stats.undated += 1;
        }
        let mut rec = json!({"url": url, "outlet": outlet, "title": doc.title});
        if let Some(d) = &date {
            rec["published"] = json!(d);
        }
        let roll = self.rng.unit();
        if roll < 0.08 {
            self.stats.html_records += 1;
            rec["html"] = json!(html_page(doc, &outlet, date.as_deref()));
        } else if roll < 0.20 {
            self.stats.page_text_records += 1;
            let related: Vec<String> = (0..3).map(|_| self.recent_doc().title).collect();
            rec["page_text"] = json!(page_text(doc, &outlet, date.as_deref(), &related));
        } else {
            self.stats.text_records += 1;
            rec["text"] = json!(doc.paragraphs.join("\n\n"));
        }
        rec.to_string()
    }

    /// Log-uniform over the outlets: a few carry much of the news.
    fn outlet_index(&mut self) -> usize {
        let x = (OUTLETS as f64).powf(self.rng.unit());
        (x.floor() as usize).saturating_sub(1).min(OUTLETS - 1)
    }
}

/// The sentences of an article: its paragraphs split after `.`, `!` or `?`
/// (and a closing quote) followed by a space and a capital letter or an
/// opening quote. Rough, which is all recombination needs.
fn sentences(paragraphs: &[String]) -> Vec<&str> {
    let mut out = Vec::new();
    for p in paragraphs {
        let mut start = 0;
        let chars: Vec<(usize, char)> = p.char_indices().collect();
        for w in 0..chars.len() {
            let (at, c) = chars[w];
            if !matches!(c, '.' | '!' | '?') {
                continue;
            }
            let mut end = at + c.len_utf8();
            let mut k = w + 1;
            if let Some(&(i, q)) = chars.get(k) {
                if matches!(q, '"' | '”' | '’') {
                    end = i + q.len_utf8();
                    k += 1;
                }
            }
            let next_is_start = chars.get(k).is_some_and(|&(_, s)| s == ' ')
                && chars
                    .get(k + 1)
                    .is_some_and(|&(_, n)| n.is_uppercase() || matches!(n, '"' | '“'));
            if next_is_start && end - start >= 20 {
                out.push(p[start..end].trim());
                start = end;
            }
        }
        if p.len() > start && p[start..].trim().len() >= 20 {
            out.push(p[start..].trim());
        }
    }
    if out.is_empty() {
        out.extend(paragraphs.iter().map(String::as_str));
    }
    out
}

fn outlet_name(i: usize) -> String {
    format!(
        "The {} {}",
        PLACES[i % PLACES.len()],
        MASTHEADS[(i / PLACES.len()) % MASTHEADS.len()]
    )
}

fn title_of(paragraphs: &[String], name: &str) -> String {
    let first = paragraphs.first().map_or("", String::as_str);
    let sentence = first.split(". ").next().unwrap_or(first);
    let words: Vec<&str> = sentence.split_whitespace().take(12).collect();
    if words.len() < 4 {
        return format!("{name}: the latest");
    }
    words
        .join(" ")
        .trim_end_matches(['.', ',', ';'])
        .to_string()
}

/// The word with its first number (digits with inner `,` or `.`) replaced
/// by `n`.
fn replace_digits(word: &str, n: u64) -> String {
    let b = word.as_bytes();
    let Some(start) = b.iter().position(u8::is_ascii_digit) else {
        return word.to_string();
    };
    let mut end = start;
    while end < b.len()
        && (b[end].is_ascii_digit()
            || (matches!(b[end], b',' | b'.') && b.get(end + 1).is_some_and(u8::is_ascii_digit)))
    {
        end += 1;
    }
    format!("{}{n}{}", &word[..start], &word[end..])
}

fn reword(text: &str) -> String {
    let mut out = text.to_string();
    for (from, to) in REWORDINGS {
        out = out.replace(&format!(" {from} "), &format!(" {to} "));
    }
    out
}

/// `YYYY-MM-DD` of a day number (days since 1970-01-01).
fn date_string(day: i64) -> String {
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> Vec<Article> {
        (0..20)
            .map(|g| Article {
                group: g / 2,
                paragraphs: (0..8)
                    .map(|p| {
                        format!(
                            "In Springfield the council met on day {p} and Mayor Quimby said \
                             that 120 residents of Shelbyville attended meeting {g}."
                        )
                    })
                    .collect(),
            })
            .collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes_and_the_counts_add_up() {
        let dir = std::env::temp_dir().join(format!("cc-gen-{}", std::process::id()));
        let spec = Spec {
            docs: 500,
            seed: 7,
            shard_docs: 200,
        };
        let a = generate(&pool(), &spec, &dir.join("a")).unwrap();
        let b = generate(&pool(), &spec, &dir.join("b")).unwrap();
        for part in ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"] {
            let x = fs::read(dir.join("a").join(part)).unwrap();
            let y = fs::read(dir.join("b").join(part)).unwrap();
            assert_eq!(x, y, "{part}");
        }
        assert_eq!(a.docs, 500);
        assert_eq!(a.originals + a.copies + a.rewrites, 500);
        assert_eq!(a.text_records + a.page_text_records + a.html_records, 500);
        assert!(a.copies > 20 && a.rewrites > 10, "{a:?}");
        assert!(a.stories > 100, "{a:?}");
        assert_eq!(b.bytes, a.bytes);
        let lines = fs::read_to_string(dir.join("a/part-00002.jsonl")).unwrap();
        assert_eq!(lines.lines().count(), 100);
        for line in lines.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let bodies = ["text", "page_text", "html"]
                .iter()
                .filter(|k| v.get(**k).is_some())
                .count();
            assert_eq!(bodies, 1, "{line}");
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn dates_are_civil_dates() {
        assert_eq!(date_string(0), "1970-01-01");
        assert_eq!(date_string(FIRST_DAY), "2014-01-01");
        assert_eq!(date_string(19_782), "2024-02-29");
    }

    #[test]
    fn the_first_number_of_a_word_is_replaced() {
        assert_eq!(replace_digits("$1,200", 5), "$5");
        assert_eq!(replace_digits("3.5bn", 5), "5bn");
        assert_eq!(replace_digits("2015.", 42), "42.");
        assert_eq!(replace_digits("12%", 7), "7%");
    }
}
