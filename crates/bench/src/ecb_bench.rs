//! `bench-ecb`: ECB+ (topics 1–35 of real news; each topic two similar but distinct events, the
//! `…ecb.xml` files one, the `…ecbplus.xml` files the other), scored as `../shared/corpora/README.md`
//! says:
//!
//! 1. Stories: the story stage (`crosscheck_cluster::cluster_with`, shipped thresholds) over all the
//!    articles; gold story = topic + sub-topic; BCubed P/R/F1. Baselines: every article alone, and one
//!    story per topic (what a topic-level clusterer at best gives).
//! 2. Alignment: two validated sentences (`coreference_sentences.csv`) of different articles of one topic
//!    state the same fact when they hold mentions of one cross-document action chain (`CROSS_DOC_COREF`,
//!    note `ACT…` or `NEG…`); pairwise P/R/F1 over the validated sentences of each topic. Systems:
//!    - the same-fact judge (`crosscheck compare`) on every pair, at its shipped threshold;
//!    - crosscheck's alignment (`crosscheck_corroborate::align::align`) as the pipeline runs it, within
//!      each story the story stage found (the articles of one topic in it), and over each topic as one
//!      story: every statement mapped to the sentence holding it, two validated sentences aligned when
//!      their statements are in one listed fact;
//!    - the baseline: bag-of-words cosine (idf within the validated sentences), one threshold, chosen for
//!      the best F1 on the training topics;
//!    - references that align every pair of one crosscheck story, or of one gold sub-topic, whatever the
//!      sentences say (what this notion of "one fact" rewards);
//!    - a learned pair model (the judge's features and the story's, logistic regression trained here on
//!      the training topics' pairs), at the cut of best F1 and at 0.85 precision on the training pairs.
//!
//!    Scores are given for all 35 topics and for the dev topics (2, 5, 12, 18, 21, 23, 34, 35); nothing is
//!    tuned on the dev topics.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use crosscheck_cluster::{cluster_with, DocInput, Params};
use crosscheck_corroborate::align::Parts;
use crosscheck_corroborate::StoryDoc;
use crosscheck_model::DocAnalysis;
use crosscheck_samefact::{Judge, Statement};
use regex::Regex;

use crate::samefact_bench::BagOfWords;
use crate::stories_bench::data::entity_names;
use crate::stories_bench::score;

pub const DEV_TOPICS: [u32; 8] = [2, 5, 12, 18, 21, 23, 34, 35];
pub const BAR_STORIES_BCUBED: f64 = 0.92;
pub const BAR_ALIGNMENT_F1: f64 = 0.70;

pub struct Options {
    pub corpus: PathBuf,
}

/// One article: its topic, file stem ("10ecbplus"), sub-topic, sentences (number, text) and the action
/// chains each sentence mentions.
pub struct Article {
    pub topic: u32,
    pub stem: String,
    pub plus: bool,
    pub sentences: Vec<(u32, String)>,
    pub chains: HashMap<u32, BTreeSet<String>>,
}

impl Article {
    /// The text as the pipeline reads it: one sentence a line (the first lines of an ecbplus file are
    /// its URL and headline).
    pub fn text(&self) -> ArticleText {
        let mut text = String::new();
        let mut spans = Vec::new();
        for (n, s) in &self.sentences {
            let start = text.len();
            text.push_str(s);
            spans.push((start, text.len(), *n));
            text.push_str("\n\n");
        }
        (text, spans)
    }
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Tokens joined as a reader writes them: no space before closing punctuation or clitics.
pub fn detokenize(tokens: &[String]) -> String {
    let mut out = String::new();
    let mut no_space_next = false;
    for t in tokens {
        let attach = matches!(
            t.as_str(),
            "." | ","
                | ";"
                | ":"
                | "!"
                | "?"
                | ")"
                | "'s"
                | "n't"
                | "'re"
                | "'ve"
                | "'ll"
                | "'d"
                | "'m"
                | "%"
        ) || t.starts_with('\'') && t.len() <= 3;
        if !out.is_empty() && !attach && !no_space_next {
            out.push(' ');
        }
        out.push_str(t);
        no_space_next = matches!(t.as_str(), "(" | "$" | "``");
    }
    out.replace("``", "\"").replace("''", "\"")
}

pub fn parse_article(xml: &str, topic: u32, stem: &str) -> Result<Article> {
    let token = Regex::new(r#"<token t_id="(\d+)" sentence="(\d+)"[^>]*>([^<]*)</token>"#).unwrap();
    let markable_open = Regex::new(r#"^<([A-Z_]+) m_id="(\d+)"\s*>"#).unwrap();
    let anchor = Regex::new(r#"<token_anchor t_id="(\d+)"\s*/>"#).unwrap();
    let relation = Regex::new(r#"<CROSS_DOC_COREF r_id="\d+" note="([^"]*)""#).unwrap();
    let source = Regex::new(r#"<source m_id="(\d+)"\s*/>"#).unwrap();
    let mut sentence_of: HashMap<u32, u32> = HashMap::new();
    let mut words: Vec<(u32, Vec<String>)> = Vec::new();
    let mut anchors: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut open: Option<u32> = None;
    let mut relation_note: Option<String> = None;
    let mut chains: HashMap<u32, BTreeSet<String>> = HashMap::new();
    for line in xml.lines() {
        let line = line.trim();
        if let Some(c) = token.captures(line) {
            let (t, s): (u32, u32) = (c[1].parse()?, c[2].parse()?);
            sentence_of.insert(t, s);
            match words.last_mut() {
                Some((n, w)) if *n == s => w.push(unescape(&c[3])),
                _ => words.push((s, vec![unescape(&c[3])])),
            }
        } else if let Some(c) = markable_open.captures(line) {
            open = Some(c[2].parse()?);
        } else if let Some(c) = anchor.captures(line) {
            if let Some(m) = open {
                anchors.entry(m).or_default().push(c[1].parse()?);
            }
        } else if let Some(c) = relation.captures(line) {
            relation_note = Some(c[1].to_string());
        } else if let Some(c) = source.captures(line) {
            if let Some(note) = relation_note
                .as_ref()
                .filter(|n| n.starts_with("ACT") || n.starts_with("NEG"))
            {
                let m: u32 = c[1].parse()?;
                for t in anchors.get(&m).into_iter().flatten() {
                    if let Some(&s) = sentence_of.get(t) {
                        chains.entry(s).or_default().insert(note.clone());
                    }
                }
            }
        } else if line.starts_with("</CROSS_DOC_COREF") {
            relation_note = None;
        } else if line.starts_with("</") {
            open = None;
        }
    }
    if words.is_empty() {
        bail!("no tokens");
    }
    Ok(Article {
        topic,
        stem: stem.to_string(),
        plus: stem.ends_with("plus"),
        sentences: words
            .into_iter()
            .map(|(n, w)| (n, detokenize(&w)))
            .collect(),
        chains,
    })
}

pub fn load(corpus: &Path) -> Result<(Vec<Article>, Validated)> {
    let mut articles = Vec::new();
    let mut topics: Vec<u32> = fs::read_dir(corpus.join("topics"))
        .with_context(|| format!("reading {}", corpus.join("topics").display()))?
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    topics.sort();
    for topic in topics {
        let dir = corpus.join("topics").join(topic.to_string());
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)?
            .filter_map(|e| Some(e.ok()?.path()))
            .collect();
        files.sort();
        for f in files {
            let Some(name) = f.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let Some(stem) = name
                .strip_suffix(".xml")
                .and_then(|s| s.split_once('_'))
                .map(|s| s.1.to_string())
            else {
                continue;
            };
            let xml = fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?;
            articles
                .push(parse_article(&xml, topic, &stem).with_context(|| f.display().to_string())?);
        }
    }
    let csv = fs::read_to_string(corpus.join("coreference_sentences.csv"))?;
    let mut validated = HashSet::new();
    for line in csv.lines().skip(1) {
        let cols: Vec<&str> = line.trim().split(',').collect();
        if let [t, f, s] = cols.as_slice() {
            validated.insert((t.parse()?, f.to_string(), s.parse()?));
        }
    }
    Ok((articles, validated))
}

/// A validated sentence: (article index, sentence number).
type Sent = (usize, u32);
/// The validated sentences: (topic, file stem, sentence number).
pub type Validated = HashSet<(u32, String, u32)>;
/// An article's text and, per sentence, (start, end, sentence number).
pub type ArticleText = (String, Vec<(usize, usize, u32)>);

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: f64,
    fp: f64,
    fneg: f64,
}

impl Counts {
    fn add(&mut self, predicted: bool, gold: bool) {
        match (predicted, gold) {
            (true, true) => self.tp += 1.0,
            (true, false) => self.fp += 1.0,
            (false, true) => self.fneg += 1.0,
            _ => {}
        }
    }
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.tp + self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        };
        let r = if self.tp + self.fneg == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fneg)
        };
        (p, r, score::f1(p, r))
    }
}

/// The corpus read and analysed as the pipeline would: each article's text, analysis and cluster
/// input, and the stories of all of them.
pub struct Prepared {
    pub articles: Vec<Article>,
    pub validated: Validated,
    pub texts: Vec<ArticleText>,
    pub analyses: Vec<DocAnalysis>,
    pub inputs: Vec<DocInput>,
    pub clustering: crosscheck_cluster::Clustering,
    pub analysis_seconds: f64,
}

pub fn prepare(corpus: &Path) -> Result<Prepared> {
    let (articles, validated) = load(corpus)?;
    eprintln!("analysing {} articles ...", articles.len());
    let texts: Vec<ArticleText> = articles.iter().map(Article::text).collect();
    let start = Instant::now();
    let analyses: Vec<DocAnalysis> = texts
        .iter()
        .map(|(t, _)| crosscheck_claims::analyze_document(t, None))
        .collect();
    let analysis_seconds = start.elapsed().as_secs_f64();
    let inputs: Vec<DocInput> = articles
        .iter()
        .zip(&texts)
        .zip(&analyses)
        .map(|((a, (t, _)), an)| DocInput {
            id: format!("{}_{}", a.topic, a.stem),
            published: None,
            title: None,
            text: t.clone(),
            entities: entity_names(an),
        })
        .collect();
    let clustering = cluster_with(&inputs, &Params::default());
    Ok(Prepared {
        articles,
        validated,
        texts,
        analyses,
        inputs,
        clustering,
        analysis_seconds,
    })
}

impl Prepared {
    /// The story documents of some articles (no outlets, dates or copies: ECB+ gives none).
    fn story_docs(&self, members: &[usize]) -> Vec<StoryDoc<'_>> {
        members
            .iter()
            .map(|&i| StoryDoc {
                id: &self.inputs[i].id,
                outlet: None,
                published: None,
                text: &self.texts[i].0,
                analysis: &self.analyses[i],
                upstream: &[],
                copy_of: None,
                episode: None,
            })
            .collect()
    }

    /// For every crosscheck story, the articles of each topic in it (two or more).
    fn story_topic_groups(&self) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        for story in &self.clustering.stories {
            let mut by_topic: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
            for &i in &story.documents {
                by_topic.entry(self.articles[i].topic).or_default().push(i);
            }
            out.extend(by_topic.into_values().filter(|m| m.len() >= 2));
        }
        out
    }

    /// Aligns the articles `members` as one story and adds the pairs of validated sentences of
    /// different articles whose statements are in one fact; returns the number of statements in facts.
    fn align_members(&self, members: &[usize], aligned: &mut HashSet<(Sent, Sent)>) -> usize {
        let docs = self.story_docs(members);
        let mut statements = 0;
        for group in crosscheck_corroborate::align::align(&docs) {
            statements += group.len();
            let sents: Vec<Sent> = group
                .iter()
                .filter_map(|&(d, c)| {
                    let i = members[d];
                    sentence_number(&self.texts[i], docs[d].analysis.claims[c].span.start)
                        .map(|n| (i, n))
                })
                .filter(|&s| self.is_validated(s))
                .collect();
            for (k, &x) in sents.iter().enumerate() {
                for &y in &sents[k + 1..] {
                    if x.0 != y.0 {
                        aligned.insert((x.min(y), x.max(y)));
                    }
                }
            }
        }
        statements
    }

    /// Whether two validated sentences hold mentions of one action chain.
    fn gold_same(&self, x: Sent, y: Sent) -> bool {
        let (cx, cy) = (
            self.articles[x.0].chains.get(&x.1),
            self.articles[y.0].chains.get(&y.1),
        );
        matches!((cx, cy), (Some(a), Some(b)) if a.intersection(b).next().is_some())
    }

    fn is_validated(&self, s: Sent) -> bool {
        let a = &self.articles[s.0];
        self.validated.contains(&(a.topic, a.stem.clone(), s.1))
    }

    /// The learned pair model's examples: pairs of statements of different articles of one topic in one
    /// crosscheck story (as alignment sees them), both in validated sentences, of the topics `keep`
    /// accepts; (features, same event).
    pub fn pair_examples(&self, keep: impl Fn(u32) -> bool) -> Vec<(Vec<f32>, bool)> {
        let mut out = Vec::new();
        for members in self.story_topic_groups() {
            if !keep(self.articles[members[0]].topic) {
                continue;
            }
            let docs = self.story_docs(&members);
            let refs = crosscheck_corroborate::align::statements(&docs);
            let sentences: Vec<Option<Sent>> = refs
                .iter()
                .map(|&(d, c)| {
                    let i = members[d];
                    sentence_number(&self.texts[i], docs[d].analysis.claims[c].span.start)
                        .map(|n| (i, n))
                        .filter(|&s| self.is_validated(s))
                })
                .collect();
            let parts: Vec<_> = refs
                .iter()
                .map(|&r| crosscheck_corroborate::align::parts(&docs, r))
                .collect();
            let vocabulary = crosscheck_corroborate::align::Vocabulary::of(&parts);
            for i in 0..refs.len() {
                for j in i + 1..refs.len() {
                    let (Some(x), Some(y)) = (sentences[i], sentences[j]) else {
                        continue;
                    };
                    if x.0 == y.0 {
                        continue;
                    }
                    out.push((
                        pair_features(&parts[i], &parts[j], vocabulary.overlap(i, j)),
                        self.gold_same(x, y),
                    ));
                }
            }
        }
        out
    }
}

pub fn run(o: &Options) -> Result<String> {
    let prepared = prepare(&o.corpus)?;
    let Prepared {
        articles,
        validated,
        texts,
        analyses,
        inputs: _,
        clustering,
        analysis_seconds,
    } = &prepared;
    let analysis_seconds = *analysis_seconds;
    let mut out = format!(
        "bench-ecb: ECB+ topics 1–35, {} articles, {} validated sentences\n\n",
        articles.len(),
        validated.len()
    );

    // 1. Stories
    let gold: Vec<(u32, bool)> = articles.iter().map(|a| (a.topic, a.plus)).collect();
    let assigned = crate::stories_bench::score::assign(
        articles.len(),
        clustering.stories.iter().map(|s| s.documents.as_slice()),
    )?;
    let rows = [
        ("crosscheck stories", score::score(&gold, &assigned.labels)),
        (
            "one story per topic (both events together)",
            score::score(&gold, &articles.iter().map(|a| a.topic).collect::<Vec<_>>()),
        ),
        (
            "every article alone",
            score::score(&gold, &(0..articles.len()).collect::<Vec<_>>()),
        ),
    ];
    out.push_str("Stories (gold: topic + sub-topic)\n\n| system | stories | BCubed P | BCubed R | BCubed F1 |\n|---|---|---|---|---|\n");
    for (name, s) in &rows {
        out.push_str(&format!(
            "| {name} | {} | {:.3} | {:.3} | {:.3} |\n",
            s.predicted_clusters, s.bcubed_precision, s.bcubed_recall, s.bcubed_f1
        ));
    }
    out.push_str(&format!("\nBar: BCubed F1 ≥ {BAR_STORIES_BCUBED:.2}.\n\n"));

    // 2. Alignment over validated sentences
    let mut by_topic: HashMap<u32, Vec<Sent>> = HashMap::new();
    let mut sentence_text: HashMap<Sent, &str> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        for (n, s) in &a.sentences {
            if validated.contains(&(a.topic, a.stem.clone(), *n)) {
                by_topic.entry(a.topic).or_default().push((i, *n));
                sentence_text.insert((i, *n), s);
            }
        }
    }
    let mut topics: Vec<u32> = by_topic.keys().copied().collect();
    topics.sort();
    let pairs_of = |t: u32| -> Vec<(Sent, Sent)> {
        let s = &by_topic[&t];
        let mut v = Vec::new();
        for (k, &x) in s.iter().enumerate() {
            for &y in &s[k + 1..] {
                if x.0 != y.0 {
                    v.push((x, y));
                }
            }
        }
        v
    };

    // the baseline's threshold, on the training topics
    let bow = BagOfWords::new(sentence_text.values().copied());
    let mut train_scored: Vec<(f64, bool)> = Vec::new();
    for &t in topics.iter().filter(|t| !DEV_TOPICS.contains(t)) {
        for (x, y) in pairs_of(t) {
            train_scored.push((
                bow.cosine(sentence_text[&x], sentence_text[&y]),
                prepared.gold_same(x, y),
            ));
        }
    }
    let bow_cut = best_f1_cut(&mut train_scored);
    let statements: HashMap<Sent, Statement> = sentence_text
        .iter()
        .map(|(k, t)| (*k, Statement::new(t)))
        .collect();
    let judge = Judge::shipped();
    // the judge's score with a cut chosen like the baseline's: what the signal is worth on this notion
    // of "same fact" (one event mentioned), against its shipped cut (a paraphrase)
    let mut judge_scored: Vec<(f64, bool)> = Vec::new();
    for &t in topics.iter().filter(|t| !DEV_TOPICS.contains(t)) {
        for (x, y) in pairs_of(t) {
            judge_scored.push((
                judge.judge(&statements[&x], &statements[&y]).score as f64,
                prepared.gold_same(x, y),
            ));
        }
    }
    let judge_cut = best_f1_cut(&mut judge_scored);

    // crosscheck's alignment as the pipeline runs it: within each story the story stage found (the
    // articles of one topic in a story, since pairs are scored within topics)
    let mut aligned: HashSet<(Sent, Sent)> = HashSet::new();
    let start = Instant::now();
    let mut claims = 0usize;
    for members in prepared.story_topic_groups() {
        claims += prepared.align_members(&members, &mut aligned);
    }
    let align_seconds = start.elapsed().as_secs_f64();
    // the same alignment over each topic as one story (both events together)
    let mut aligned_topic: HashSet<(Sent, Sent)> = HashSet::new();
    for &t in &topics {
        let members: Vec<usize> = (0..articles.len())
            .filter(|&i| articles[i].topic == t)
            .collect();
        prepared.align_members(&members, &mut aligned_topic);
    }
    let story_of: HashMap<usize, usize> = clustering
        .stories
        .iter()
        .enumerate()
        .flat_map(|(k, s)| s.documents.iter().map(move |&d| (d, k)))
        .collect();

    // the validated sentences holding a claim (any score, then a check-worthy one)
    let mut claim_sentences: HashSet<(usize, u32, bool)> = HashSet::new();
    for (i, an) in analyses.iter().enumerate() {
        for c in &an.claims {
            if let Some(n) = sentence_number(&texts[i], c.span.start) {
                claim_sentences.insert((i, n, false));
                if c.checkworthiness >= crosscheck_model::CHECKWORTHY {
                    claim_sentences.insert((i, n, true));
                }
            }
        }
    }
    out.push_str("Alignment (pairs of validated sentences of different articles of one topic)\n\n");
    out.push_str("| system | topics | P | R | F1 |\n|---|---|---|---|---|\n");
    for (label, dev_only) in [("all 35", false), ("dev 8", true)] {
        let (mut judged, mut ours, mut base) =
            (Counts::default(), Counts::default(), Counts::default());
        let (mut recut, mut ours_topic, mut same_story, mut same_sub) = (
            Counts::default(),
            Counts::default(),
            Counts::default(),
            Counts::default(),
        );
        for &t in topics
            .iter()
            .filter(|t| !dev_only || DEV_TOPICS.contains(t))
        {
            for (x, y) in pairs_of(t) {
                let g = prepared.gold_same(x, y);
                let v = judge.judge(&statements[&x], &statements[&y]);
                judged.add(v.same, g);
                recut.add(v.score as f64 >= judge_cut, g);
                ours.add(aligned.contains(&(x.min(y), x.max(y))), g);
                ours_topic.add(aligned_topic.contains(&(x.min(y), x.max(y))), g);
                same_story.add(story_of.get(&x.0) == story_of.get(&y.0), g);
                same_sub.add(articles[x.0].plus == articles[y.0].plus, g);
                base.add(
                    bow.cosine(sentence_text[&x], sentence_text[&y]) >= bow_cut,
                    g,
                );
            }
        }
        for (name, c) in [
            ("same-fact judge on every pair (shipped cut)", judged),
            ("same-fact judge score, cut on training topics", recut),
            ("crosscheck alignment (within crosscheck's stories)", ours),
            ("crosscheck alignment (a topic as one story)", ours_topic),
            (
                "bag-of-words cosine (baseline, cut on training topics)",
                base,
            ),
            ("reference: every pair of one crosscheck story", same_story),
            ("reference: every pair of one gold sub-topic", same_sub),
        ] {
            let (p, r, f) = c.prf();
            out.push_str(&format!(
                "| {name} | {label} | {p:.3} | {r:.3} | {f:.3} |\n"
            ));
        }
    }
    // a learned pair model (the judge's and the story's features), trained on the training topics:
    // how far one sentence pair's features go towards this notion of one event
    {
        let train = prepared.pair_examples(|t| !DEV_TOPICS.contains(&t));
        let weighted: Vec<(Vec<f32>, f32, f32)> = train
            .iter()
            .map(|(f, y)| (f.clone(), f32::from(u8::from(*y)), 1.0))
            .collect();
        let model = crate::samefact_bench::fit(&weighted, &PAIR_MODEL);
        let mut scored: Vec<(f64, bool)> = train
            .iter()
            .map(|(f, y)| (f64::from(model.score_features(f)), *y))
            .collect();
        let best = best_f1_cut(&mut scored);
        let precise = precision_cut(&mut scored, 0.85);
        out.push_str("\nA learned pair model over the judge's features and the story's (weighted overlap, main verb class, a shared class, entity, subject, times agreeing or not), trained on the training topics' statement pairs of one crosscheck story, scored on the dev topics' pairs:\n\n| cut | P | R | F1 |\n|---|---|---|---|\n");
        let dev = prepared.pair_examples(|t| DEV_TOPICS.contains(&t));
        let mut all = Counts::default();
        for (_, g) in &dev {
            all.add(true, *g);
        }
        for (label, cut) in [
            (format!("best F1 on training pairs ({best:.2})"), Some(best)),
            (
                format!("precision 0.85 on training pairs ({precise:.2})"),
                Some(precise),
            ),
            ("every pair (reference)".to_string(), None),
        ] {
            let c = match cut {
                Some(cut) => {
                    let mut c = Counts::default();
                    for (f, g) in &dev {
                        c.add(f64::from(model.score_features(f)) >= cut, *g);
                    }
                    c
                }
                None => all,
            };
            let (p, r, f) = c.prf();
            out.push_str(&format!("| {label} | {p:.3} | {r:.3} | {f:.3} |\n"));
        }
    }
    out.push_str(&format!(
        "\nBar: pairwise F1 ≥ {BAR_ALIGNMENT_F1:.2}. Baseline cut {bow_cut:.3}, judge cut {judge_cut:.3} (shipped {:.3}). {} of {} validated sentences hold a claim (check-worthy: {}); the references align every pair of a group, whatever the sentences say. Analysis {:.1} s for {} articles; alignment of {} statements in {:.2} s.\n",
        judge.threshold,
        sentence_text.keys().filter(|k| claim_sentences.contains(&(k.0, k.1, false))).count(),
        sentence_text.len(),
        sentence_text.keys().filter(|k| claim_sentences.contains(&(k.0, k.1, true))).count(),
        analysis_seconds,
        articles.len(),
        claims,
        align_seconds
    ));
    Ok(out)
}

/// The learned pair model's training settings.
const PAIR_MODEL: crate::samefact_bench::TrainSettings = crate::samefact_bench::TrainSettings {
    epochs: 30,
    learning_rate: 0.02,
    l2: 1e-4,
    seed: 20261202,
    stsb_weight: 0.0,
};

/// The pair model's features of two statements of one story: the same-fact judge's, then the
/// story's (`overlap`, weighted by rarity among the story's statements, one main verb class, a shared
/// class, entity or subject, times agreeing, times differing).
fn pair_features(a: &Parts, b: &Parts, overlap: f32) -> Vec<f32> {
    let mut f = crosscheck_samefact::features(a.statement(), b.statement());
    let flag = |x: bool| f32::from(u8::from(x));
    let times = !a.time.is_empty() && !b.time.is_empty();
    f.extend([
        overlap,
        flag(a.same_main_class(b)),
        flag(a.same_class(b)),
        flag(a.shares_entity(b)),
        flag(a.shares_subject(b)),
        flag(times && a.time == b.time),
        flag(times && a.time != b.time),
    ]);
    f
}

/// The number of the sentence of an article's text that holds byte `at`.
fn sentence_number(text: &ArticleText, at: usize) -> Option<u32> {
    text.1
        .iter()
        .find(|(s, e, _)| *s <= at && at < *e)
        .map(|(_, _, n)| *n)
}

/// The lowest cut at which the pairs scored at or above it are at least `precision` right (1.0 when
/// none is).
pub fn precision_cut(scored: &mut [(f64, bool)], precision: f64) -> f64 {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut tp, mut cut) = (0.0, 1.0);
    for (k, &(s, g)) in scored.iter().enumerate() {
        if g {
            tp += 1.0;
        }
        let boundary = scored.get(k + 1).is_none_or(|n| n.0 < s);
        if boundary && tp / (k + 1) as f64 >= precision {
            cut = s;
        }
    }
    cut
}

/// The cut with the best F1 of the positive class (score ≥ cut = positive).
pub fn best_f1_cut(scored: &mut [(f64, bool)]) -> f64 {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives = scored.iter().filter(|s| s.1).count() as f64;
    let (mut tp, mut best, mut cut) = (0.0, -1.0, 1.0);
    for (k, &(s, g)) in scored.iter().enumerate() {
        if g {
            tp += 1.0;
        }
        let f = 2.0 * tp / ((k + 1) as f64 + positives);
        if f > best && scored.get(k + 1).is_none_or(|n| n.0 < s) {
            best = f;
            cut = s;
        }
    }
    cut
}
