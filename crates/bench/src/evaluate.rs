//! Turns one system's predictions into corpus figures and per-page details.

use serde::Serialize;

use crate::corpus::{CorpusKind, Page};
use crate::score::{self, AebScore, Prf};
use crate::systems::Prediction;

/// A share with its denominator.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Share {
    pub hits: usize,
    pub total: usize,
}

impl Share {
    fn add(&mut self, hit: bool) {
        self.total += 1;
        self.hits += usize::from(hit);
    }

    pub fn value(&self) -> Option<f64> {
        (self.total > 0).then(|| self.hits as f64 / self.total as f64)
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Metrics {
    pub aeb_pages: usize,
    pub aeb: AebScore,
    pub wcxb_pages: usize,
    pub wcxb: Prf,
    pub with_kept: Share,
    pub without_dropped: Share,
    pub title_strict: Share,
    pub title_lenient: Share,
    pub author: Share,
    pub date: Share,
}

/// Per-page record written to the details file.
#[derive(Debug, Serialize)]
pub struct PageDetail<'a> {
    pub key: String,
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aeb: Option<AebPage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wcxb: Option<Prf>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub with_missed: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub without_kept: Vec<&'a str>,
    pub title: Option<&'a str>,
    pub gold_title: Option<&'a str>,
    pub author: Option<&'a str>,
    pub gold_author: Option<&'a str>,
    pub date: Option<&'a str>,
    pub gold_date: Option<&'a str>,
    pub text: &'a str,
}

#[derive(Debug, Serialize)]
pub struct AebPage {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub exact: bool,
}

pub fn evaluate<'a>(pages: &'a [Page], preds: &'a [Prediction]) -> (Metrics, Vec<PageDetail<'a>>) {
    let mut m = Metrics::default();
    let mut aeb_counts = Vec::new();
    let mut wcxb_prfs = Vec::new();
    let mut details = Vec::with_capacity(pages.len());
    for (page, pred) in pages.iter().zip(preds) {
        let g = &page.gold;
        let mut d = PageDetail {
            key: page.key(),
            url: page.url.as_deref(),
            aeb: None,
            wcxb: None,
            with_missed: Vec::new(),
            without_kept: Vec::new(),
            title: pred.title.as_deref(),
            gold_title: g.title.as_deref(),
            author: pred.author.as_deref(),
            gold_author: g.author.as_deref(),
            date: pred.date.as_deref(),
            gold_date: g.date.as_deref(),
            text: &pred.text,
        };
        match page.corpus {
            CorpusKind::Aeb => {
                let c = score::aeb_page(g.body.as_deref().unwrap_or(""), &pred.text);
                d.aeb = Some(AebPage {
                    tp: c.tp,
                    fp: c.fp,
                    fn_: c.fn_,
                    precision: c.precision(),
                    recall: c.recall(),
                    exact: c.exact,
                });
                aeb_counts.push(c);
            }
            CorpusKind::Wcxb => {
                if let Some(body) = &g.body {
                    let prf = score::wcxb_page(body, &pred.text);
                    d.wcxb = Some(prf);
                    wcxb_prfs.push(prf);
                }
                let words = score::lower_words(&pred.text);
                for s in &g.with {
                    if let Some(found) = score::snippet_found(s, &words) {
                        m.with_kept.add(found);
                        if !found {
                            d.with_missed.push(s);
                        }
                    }
                }
                for s in &g.without {
                    if let Some(found) = score::snippet_found(s, &words) {
                        m.without_dropped.add(!found);
                        if found {
                            d.without_kept.push(s);
                        }
                    }
                }
                if let Some(t) = &g.title {
                    let (strict, lenient) = score::title_match(t, pred.title.as_deref());
                    m.title_strict.add(strict);
                    m.title_lenient.add(lenient);
                }
                if let Some(a) = &g.author {
                    m.author.add(score::author_match(a, pred.author.as_deref()));
                }
                if let Some(date) = &g.date {
                    m.date.add(score::date_match(date, pred.date.as_deref()));
                }
            }
        }
        details.push(d);
    }
    m.aeb_pages = aeb_counts.len();
    m.aeb = score::aeb_corpus(&aeb_counts);
    m.wcxb_pages = wcxb_prfs.len();
    m.wcxb = score::wcxb_corpus(&wcxb_prfs);
    (m, details)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Gold;

    fn page(corpus: CorpusKind, gold: Gold) -> Page {
        Page {
            corpus,
            id: "1".into(),
            path: "x".into(),
            url: None,
            html: String::new(),
            gold,
        }
    }

    #[test]
    fn wcxb_metadata_and_snippets_count_only_pages_with_gold() {
        let with_gold = page(
            CorpusKind::Wcxb,
            Gold {
                body: Some("Alpha beta gamma delta".into()),
                title: Some("The Title".into()),
                author: Some("Ann Lee and Bo Chan".into()),
                date: Some("2024-01-02".into()),
                with: vec!["beta gamma".into(), "…".into()],
                without: vec!["Subscribe now".into()],
            },
        );
        let bare = page(CorpusKind::Wcxb, Gold::default());
        let aeb = page(
            CorpusKind::Aeb,
            Gold {
                body: Some("one two three four five".into()),
                ..Gold::default()
            },
        );
        let preds = vec![
            Prediction {
                text: "alpha beta gamma delta subscribe now".into(),
                title: Some("the title".into()),
                author: Some("Bo Chan".into()),
                date: Some("2024-01-03".into()),
            },
            Prediction::default(),
            Prediction {
                text: "one two three four five".into(),
                ..Prediction::default()
            },
        ];
        let pages = [with_gold, bare, aeb];
        let (m, details) = evaluate(&pages, &preds);
        assert_eq!((m.aeb_pages, m.wcxb_pages), (1, 1));
        assert_eq!((m.aeb.f1, m.aeb.accuracy), (1.0, 1.0));
        assert!((m.wcxb.precision - 4.0 / 6.0).abs() < 1e-12);
        assert_eq!((m.with_kept.hits, m.with_kept.total), (1, 1));
        assert_eq!((m.without_dropped.hits, m.without_dropped.total), (0, 1));
        assert_eq!((m.title_strict.hits, m.title_strict.total), (1, 1));
        assert_eq!((m.author.hits, m.author.total), (1, 1));
        assert_eq!((m.date.hits, m.date.total), (0, 1));
        assert_eq!(details.len(), 3);
        assert_eq!(details[0].without_kept, ["Subscribe now"]);
    }
}
