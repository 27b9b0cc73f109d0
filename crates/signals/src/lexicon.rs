//! The word lists of the signals, written for the project and compiled in
//! (`lexicon/filler.txt`): nothing is read at run time.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::text::words;

/// Phrases as word sequences, indexed by their first word.
pub struct Phrases {
    /// Each phrase's lower-cased words.
    pub phrases: Vec<Vec<String>>,
    /// First word -> indices into `phrases`, longest phrase first.
    pub by_first: HashMap<String, Vec<usize>>,
}

impl Phrases {
    /// Parse a list: one phrase per line, `#` starts a comment, blank lines
    /// ignored, each phrase cut into words as texts are.
    pub fn parse(list: &str) -> Phrases {
        let mut phrases: Vec<Vec<String>> = Vec::new();
        for line in list.lines() {
            let line = line.split('#').next().unwrap_or_default();
            let w: Vec<String> = words(line).into_iter().map(|w| w.lower).collect();
            if !w.is_empty() && !phrases.contains(&w) {
                phrases.push(w);
            }
        }
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in phrases.iter().enumerate() {
            by_first.entry(p[0].clone()).or_default().push(i);
        }
        for list in by_first.values_mut() {
            // Longest first, then list order: the longer phrase wins at a
            // place ("it remains to be seen" over "remains to be seen").
            list.sort_by_key(|&i| (std::cmp::Reverse(phrases[i].len()), i));
        }
        Phrases { phrases, by_first }
    }
}

/// The stock filler phrases.
pub static FILLER: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::parse(include_str!("lexicon/filler.txt")));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_parses_with_comments_and_blank_lines_left_out() {
        let p = Phrases::parse(
            "# header\n\nOnly time will tell\n  time will tell # short\nonly time will tell\n",
        );
        assert_eq!(p.phrases.len(), 2);
        assert_eq!(p.phrases[0], ["only", "time", "will", "tell"]);
        assert_eq!(p.by_first["time"], [1]);
    }

    #[test]
    fn the_shipped_list_is_clean() {
        let p = &*FILLER;
        assert!(p.phrases.len() >= 40, "{}", p.phrases.len());
        // Longest first under each first word.
        for list in p.by_first.values() {
            assert!(list
                .windows(2)
                .all(|w| p.phrases[w[0]].len() >= p.phrases[w[1]].len()));
        }
        assert!(p.phrases.contains(&vec![
            "in".to_string(),
            "today's".into(),
            "fast".into(),
            "paced".into(),
            "world".into()
        ]));
    }
}
