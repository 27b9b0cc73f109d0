//! Scoring, exactly as `../shared/corpora/README.md` describes it.
//!
//! **article-extraction-benchmark (AEB).** Words are Unicode `\w+` runs, case
//! kept. Each text becomes the multiset of its 4-word shingles (a text of 1–3
//! words is one shorter shingle, an empty text has none). Per page TP = shared
//! shingles (multiset minimum), FP = extra predicted, FN = missed truth.
//! Precision = 1 when FP = FN = 0, 0 when TP = FP = 0, else TP/(TP+FP); recall
//! likewise (1 when FP = FN = 0, 0 when TP = FN = 0, else TP/(TP+FN)). The
//! corpus precision is the mean over pages with TP+FP > 0, the corpus recall
//! the mean over pages with TP+FN > 0, F1 their harmonic mean. Accuracy is the
//! share of pages whose word lists are identical.
//!
//! **WCXB.** Lower-cased `\w+` words, bag of words (multiset). Per page
//! P = shared/predicted, R = shared/gold, F1 = 2PR/(P+R). Edge cases: both
//! empty → P = R = F1 = 1; empty prediction, non-empty gold → 0, 0, 0;
//! non-empty prediction, empty gold → P = 0, R = 1, F1 = 0. Pages are averaged
//! (macro); pages whose gold `main_content` is null are left out.
//!
//! A `with` snippet is kept when its lower-cased word sequence occurs as a
//! contiguous run in the prediction's lower-cased word sequence; a `without`
//! snippet is dropped when it does not. Snippets without words are ignored.
//!
//! Metadata: titles are compared normalised (lower-case words joined by one
//! space), strictly (equal) and leniently (one contains the other on word
//! boundaries, both non-empty). Authors: gold and predicted are split on `,`,
//! ` and `, `;`, each name normalised; a match is any shared non-empty name.
//! Dates: the predicted date's first 10 characters equal the gold
//! `publish_date`'s first 10 characters.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::LazyLock;

use regex::Regex;

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("valid regex"));

/// The `\w+` words of `text`, case kept.
pub fn words(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

/// The `\w+` words of `text`, lower-cased.
pub fn lower_words(text: &str) -> Vec<String> {
    WORD.find_iter(text)
        .map(|m| m.as_str().to_lowercase())
        .collect()
}

fn multiset<T: Hash + Eq>(items: impl IntoIterator<Item = T>) -> HashMap<T, usize> {
    let mut m = HashMap::new();
    for i in items {
        *m.entry(i).or_insert(0) += 1;
    }
    m
}

/// True positives, false positives and false negatives of two multisets.
fn overlap<T: Hash + Eq>(
    gold: &HashMap<T, usize>,
    pred: &HashMap<T, usize>,
) -> (usize, usize, usize) {
    let mut tp = 0;
    let mut fp = 0;
    for (k, &p) in pred {
        let g = gold.get(k).copied().unwrap_or(0);
        tp += p.min(g);
        fp += p.saturating_sub(g);
    }
    let gold_total: usize = gold.values().sum();
    (tp, fp, gold_total - tp)
}

fn shingles<'a>(words: &'a [&'a str]) -> Vec<&'a [&'a str]> {
    const N: usize = 4;
    if words.is_empty() {
        Vec::new()
    } else if words.len() < N {
        vec![words]
    } else {
        words.windows(N).collect()
    }
}

/// One AEB page's shingle counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct ShingleCounts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    /// The two word lists are identical.
    pub exact: bool,
}

impl ShingleCounts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.fp, self.fn_, self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.fp, self.fn_, self.fn_)
    }
}

/// TP/(TP+miss), with 1 when FP = FN = 0 and 0 when TP = miss = 0.
fn ratio(tp: usize, fp: usize, fn_: usize, miss: usize) -> f64 {
    if fp == 0 && fn_ == 0 {
        1.0
    } else if tp == 0 && miss == 0 {
        0.0
    } else {
        tp as f64 / (tp + miss) as f64
    }
}

/// Scores one AEB page.
pub fn aeb_page(gold: &str, pred: &str) -> ShingleCounts {
    let gw = words(gold);
    let pw = words(pred);
    let (tp, fp, fn_) = overlap(&multiset(shingles(&gw)), &multiset(shingles(&pw)));
    ShingleCounts {
        tp,
        fp,
        fn_,
        exact: gw == pw,
    }
}

/// Corpus-level AEB figures.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct AebScore {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
}

pub fn aeb_corpus(pages: &[ShingleCounts]) -> AebScore {
    let p = mean(
        pages
            .iter()
            .filter(|c| c.tp + c.fp > 0)
            .map(|c| c.precision()),
    );
    let r = mean(
        pages
            .iter()
            .filter(|c| c.tp + c.fn_ > 0)
            .map(|c| c.recall()),
    );
    let exact = pages.iter().filter(|c| c.exact).count();
    AebScore {
        precision: p,
        recall: r,
        f1: harmonic(p, r),
        accuracy: if pages.is_empty() {
            0.0
        } else {
            exact as f64 / pages.len() as f64
        },
    }
}

/// One page's bag-of-words precision, recall and F1 (WCXB).
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

pub fn wcxb_page(gold: &str, pred: &str) -> Prf {
    let g = multiset(lower_words(gold));
    let p = multiset(lower_words(pred));
    let (tp, fp, fn_) = overlap(&g, &p);
    let pred_total = tp + fp;
    let gold_total = tp + fn_;
    match (pred_total, gold_total) {
        (0, 0) => Prf {
            precision: 1.0,
            recall: 1.0,
            f1: 1.0,
        },
        (0, _) => Prf::default(),
        (_, 0) => Prf {
            precision: 0.0,
            recall: 1.0,
            f1: 0.0,
        },
        _ => {
            let precision = tp as f64 / pred_total as f64;
            let recall = tp as f64 / gold_total as f64;
            Prf {
                precision,
                recall,
                f1: harmonic(precision, recall),
            }
        }
    }
}

/// Macro average of page scores.
pub fn wcxb_corpus(pages: &[Prf]) -> Prf {
    Prf {
        precision: mean(pages.iter().map(|p| p.precision)),
        recall: mean(pages.iter().map(|p| p.recall)),
        f1: mean(pages.iter().map(|p| p.f1)),
    }
}

/// Whether the snippet's word sequence occurs in the prediction's word
/// sequence (both lower-cased). `None` when the snippet has no words.
pub fn snippet_found(snippet: &str, pred_words: &[String]) -> Option<bool> {
    let s = lower_words(snippet);
    if s.is_empty() {
        return None;
    }
    Some(pred_words.windows(s.len()).any(|w| w == s.as_slice()))
}

/// Lower-case words joined by one space.
pub fn normalise(text: &str) -> String {
    lower_words(text).join(" ")
}

/// (strict, lenient) title match.
pub fn title_match(gold: &str, pred: Option<&str>) -> (bool, bool) {
    let g = normalise(gold);
    let p = normalise(pred.unwrap_or(""));
    if g.is_empty() || p.is_empty() {
        return (false, false);
    }
    let contains = |a: &str, b: &str| format!(" {a} ").contains(&format!(" {b} "));
    (g == p, g == p || contains(&g, &p) || contains(&p, &g))
}

fn author_names(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    lower
        .split([',', ';'])
        .flat_map(|part| part.split(" and "))
        .map(normalise)
        .filter(|n| !n.is_empty())
        .collect()
}

pub fn author_match(gold: &str, pred: Option<&str>) -> bool {
    let g = author_names(gold);
    let p = author_names(pred.unwrap_or(""));
    p.iter().any(|name| g.contains(name))
}

pub fn date_match(gold: &str, pred: Option<&str>) -> bool {
    let first10 = |s: &str| s.trim().chars().take(10).collect::<String>();
    match pred {
        Some(p) if !p.trim().is_empty() => first10(gold) == first10(p),
        _ => false,
    }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

fn harmonic(a: f64, b: f64) -> f64 {
    if a + b == 0.0 {
        0.0
    } else {
        2.0 * a * b / (a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_follow_unicode_w() {
        assert_eq!(
            words("U.S. troops — très bien, 75,000!"),
            ["U", "S", "troops", "très", "bien", "75", "000"]
        );
        assert_eq!(lower_words("Hello WORLD"), ["hello", "world"]);
    }

    #[test]
    fn aeb_identical_texts_score_one() {
        let c = aeb_page("The quick brown fox jumps.", "The quick, brown fox jumps");
        assert_eq!((c.tp, c.fp, c.fn_, c.exact), (2, 0, 0, true));
        assert_eq!((c.precision(), c.recall()), (1.0, 1.0));
    }

    #[test]
    fn aeb_short_texts_are_one_shingle() {
        let c = aeb_page("Hello big world", "Hello big world");
        assert_eq!((c.tp, c.fp, c.fn_), (1, 0, 0));
        let c = aeb_page("Hello big world", "Hello world");
        assert_eq!((c.tp, c.fp, c.fn_), (0, 1, 1));
        assert_eq!((c.precision(), c.recall()), (0.0, 0.0));
    }

    #[test]
    fn aeb_case_is_kept() {
        let c = aeb_page("one two three four", "One two three four");
        assert_eq!((c.tp, c.fp, c.fn_, c.exact), (0, 1, 1, false));
    }

    #[test]
    fn aeb_empty_texts() {
        // Empty prediction: no shingles, P = 0 (TP = FP = 0), R = 0.
        let c = aeb_page("a b c d e", "");
        assert_eq!((c.tp, c.fp, c.fn_), (0, 0, 2));
        assert_eq!((c.precision(), c.recall()), (0.0, 0.0));
        // Both empty: FP = FN = 0, so both are 1, and the word lists are equal.
        let c = aeb_page("", "...");
        assert_eq!((c.tp, c.fp, c.fn_, c.exact), (0, 0, 0, true));
        assert_eq!((c.precision(), c.recall()), (1.0, 1.0));
    }

    #[test]
    fn aeb_multiset_counts_repeats() {
        let gold = "a b c d";
        let c = aeb_page(gold, "a b c d a b c d");
        // pred shingles: abcd, bcda, cdab, dabc, abcd -> abcd twice.
        assert_eq!((c.tp, c.fp, c.fn_), (1, 4, 0));
        assert!((c.precision() - 0.2).abs() < 1e-12);
        assert_eq!(c.recall(), 1.0);
    }

    #[test]
    fn aeb_corpus_means_skip_pages_without_denominator() {
        let empty_pred = aeb_page("a b c d e", "");
        let perfect = aeb_page("a b c d e", "a b c d e");
        let s = aeb_corpus(&[empty_pred, perfect]);
        // Precision: only the perfect page counts (TP+FP > 0).
        assert_eq!(s.precision, 1.0);
        // Recall: both pages count.
        assert_eq!(s.recall, 0.5);
        assert!((s.f1 - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.accuracy, 0.5);
        assert_eq!(aeb_corpus(&[]), AebScore::default());
    }

    #[test]
    fn wcxb_bag_of_words() {
        let p = wcxb_page("The cat sat on the mat", "the CAT sat, sat");
        // gold: the×2 cat sat on mat; pred: the cat sat×2 -> tp 3, pred 4, gold 6.
        assert!((p.precision - 0.75).abs() < 1e-12);
        assert!((p.recall - 0.5).abs() < 1e-12);
        assert!((p.f1 - 0.6).abs() < 1e-12);
        assert_eq!(wcxb_page("Same words", "same, WORDS!").f1, 1.0);
    }

    #[test]
    fn wcxb_edge_cases() {
        assert_eq!(
            wcxb_page("", ""),
            Prf {
                precision: 1.0,
                recall: 1.0,
                f1: 1.0
            }
        );
        assert_eq!(wcxb_page("gold text", ""), Prf::default());
        assert_eq!(
            wcxb_page("", "extra"),
            Prf {
                precision: 0.0,
                recall: 1.0,
                f1: 0.0
            }
        );
        let c = wcxb_corpus(&[wcxb_page("a", "a"), wcxb_page("a", "")]);
        assert_eq!((c.precision, c.recall, c.f1), (0.5, 0.5, 0.5));
    }

    #[test]
    fn snippets_match_whole_word_runs() {
        let pred = lower_words("Fall isn't just pumpkin spice season. Home");
        assert_eq!(snippet_found("isn't just Pumpkin", &pred), Some(true));
        assert_eq!(snippet_found("just spice", &pred), Some(false));
        assert_eq!(snippet_found("pump", &pred), Some(false));
        assert_eq!(snippet_found("—", &pred), None);
        assert_eq!(snippet_found("a b c d e f g h i", &pred), Some(false));
    }

    #[test]
    fn titles_strict_and_lenient() {
        assert_eq!(
            title_match("Top Trends: Fall", Some("top trends fall")),
            (true, true)
        );
        assert_eq!(
            title_match("Top Trends", Some("Top Trends | Site")),
            (false, true)
        );
        assert_eq!(title_match("Top Trends", Some("Top Trend")), (false, false));
        assert_eq!(title_match("Top Trends", None), (false, false));
        assert_eq!(title_match("", Some("")), (false, false));
    }

    #[test]
    fn authors_match_any_name() {
        assert!(author_match(
            "Manoj Jain and Jagpreet Chhatwal",
            Some("Jagpreet Chhatwal")
        ));
        assert!(author_match("Andrew King", Some("andrew king; Staff")));
        assert!(!author_match("Andrew King", Some("By Andrew King")));
        assert!(!author_match("Andrew King", None));
        assert!(!author_match("", Some("")));
    }

    #[test]
    fn dates_compare_first_ten_characters() {
        assert!(date_match("2025-09-04", Some("2025-09-04T10:00:00Z")));
        assert!(!date_match("2025-09-04", Some("2025-09-05")));
        assert!(!date_match("2025-09", None));
        assert!(!date_match("2025-09", Some("")));
    }
}
