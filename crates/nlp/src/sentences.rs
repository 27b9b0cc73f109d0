//! Sentence splitting for English news text, with byte spans.
//!
//! A sentence ends at a line break (paragraphs, list items and headlines
//! without a final stop are sentences of their own), or after `.`, `!`, `?`
//! or `…` (with any closing quotes and brackets) followed by white space and
//! something that can start a sentence. A full stop does not end a sentence
//! after an abbreviation ("Mr.", "Gov.", "Jan.", "Dept."), an initial
//! ("J. Smith"), or inside a number ("3.5", "$1.2 billion"). Abbreviations
//! that also end sentences ("U.S.", "a.m.") end one only when the next word is
//! a common sentence opener ("…into the U.S. The plan…").

/// A sentence as a byte span of the text, without surrounding white space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

impl Sentence {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Titles and other abbreviations that never end a sentence.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gov", "sen", "rep", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "maj", "st", "jr", "sr", "rev", "hon", "pres", "supt", "insp", "det", "amb",
    "atty", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "dept", "corp", "inc", "ltd", "co", "bros", "vs", "no", "nos", "vol", "fig", "approx", "est",
    "ft", "mt", "ave", "blvd", "rd", "univ", "assn", "gov't",
];

/// Abbreviations that may also end a sentence.
const MAYBE_FINAL: &[&str] = &[
    "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "d.c", "etc", "u.s.a", "n.y", "l.a",
];

/// Words that start sentences often and rarely follow "U.S." inside one.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "However",
    "Meanwhile",
    "Still",
    "Yet",
    "So",
    "For",
    "Since",
    "Although",
];

/// Split `text` into sentences.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

fn split_line(text: &str, from: usize, to: usize, out: &mut Vec<Sentence>) {
    let line = &text[from..to];
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = line[i..].chars().next().unwrap_or(' ');
        let clen = c.len_utf8();
        if matches!(c, '.' | '!' | '?' | '…') {
            // Swallow repeated marks and closing quotes or brackets.
            let mut j = i + clen;
            while let Some(n) = line[j..].chars().next() {
                if matches!(
                    n,
                    '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | ')' | ']' | '»'
                ) {
                    j += n.len_utf8();
                } else {
                    break;
                }
            }
            let next_is_space = line[j..].chars().next().is_some_and(char::is_whitespace);
            if next_is_space && ends_sentence(line, start, i, c, j) {
                push(text, from + start, from + j, out);
                start = j;
            }
            i = j;
            continue;
        }
        i += clen;
    }
    push(text, from + start, to, out);
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Sentence {
            start: start + lead,
            end: end - trail,
        });
    }
}

/// Whether the mark `c` at `i` (its run ending at `after`) ends a sentence.
fn ends_sentence(line: &str, start: usize, i: usize, c: char, after: usize) -> bool {
    let next_word = line[after..].split_whitespace().next().unwrap_or("");
    let next = next_word.chars().next();
    let can_open = next.is_some_and(|n| {
        n.is_uppercase()
            || n.is_ascii_digit()
            || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '[' | '—' | '-')
    });
    if !can_open {
        return false;
    }
    if c != '.' {
        return true;
    }
    let before = &line[start..i];
    let word = before
        .rsplit(|ch: char| ch.is_whitespace() || ch == '(' || ch == '"' || ch == '“')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let bare = lower.trim_start_matches(|ch: char| !ch.is_alphanumeric());
    // An initial: "J. Smith", "George W. Bush".
    if bare.chars().count() == 1
        && bare.chars().all(char::is_alphabetic)
        && word.chars().any(char::is_uppercase)
    {
        return false;
    }
    if NEVER_FINAL.contains(&bare) {
        return false;
    }
    if MAYBE_FINAL.contains(&bare) || (bare.contains('.') && bare.len() <= 6) {
        let opener = next_word.trim_matches(|ch: char| !ch.is_alphanumeric());
        return OPENERS.contains(&opener);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        split_sentences(text).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn titles_initials_months_and_departments_do_not_end_sentences() {
        let t = "Gov. Ana Ruiz met Mr. J. K. Tallis on Jan. 4 at the Dept. of Ports. They spoke for an hour.";
        assert_eq!(
            sents(t),
            vec![
                "Gov. Ana Ruiz met Mr. J. K. Tallis on Jan. 4 at the Dept. of Ports.",
                "They spoke for an hour."
            ]
        );
    }

    #[test]
    fn us_ends_a_sentence_only_before_an_opener() {
        let t = "Troops from the U.S. Northern Command moved south. The plan was sent to the U.S. The reply came fast.";
        assert_eq!(
            sents(t),
            vec![
                "Troops from the U.S. Northern Command moved south.",
                "The plan was sent to the U.S.",
                "The reply came fast."
            ]
        );
    }

    #[test]
    fn decimals_and_amounts_stay_whole() {
        let t = "Output rose 3.5% to $1.2 billion. Costs fell.";
        assert_eq!(
            sents(t),
            vec!["Output rose 3.5% to $1.2 billion.", "Costs fell."]
        );
    }

    #[test]
    fn a_closing_quote_belongs_to_its_sentence() {
        let t = "“We will not accept it,” she said. “Sovereignty is not for sale.” He left.";
        assert_eq!(
            sents(t),
            vec![
                "“We will not accept it,” she said.",
                "“Sovereignty is not for sale.”",
                "He left."
            ]
        );
    }

    #[test]
    fn lines_and_headlines_without_a_stop_are_sentences() {
        let t = "Port reopens after fire\n\nThe port reopened on Monday.\n- six vessels\n- three barriers";
        assert_eq!(
            sents(t),
            vec![
                "Port reopens after fire",
                "The port reopened on Monday.",
                "- six vessels",
                "- three barriers"
            ]
        );
    }

    #[test]
    fn a_lower_case_continuation_does_not_split() {
        let t = "He said the talks were \"over.\" and left, asking why? nobody knew.";
        assert_eq!(sents(t).len(), 1);
    }

    #[test]
    fn spans_point_into_the_text() {
        let t = "  First one.  Second one!\n";
        let s = split_sentences(t);
        assert_eq!(s.len(), 2);
        assert_eq!(&t[s[0].start..s[0].end], "First one.");
        assert_eq!(&t[s[1].start..s[1].end], "Second one!");
    }

    proptest::proptest! {
        #[test]
        fn sentences_are_ordered_disjoint_trimmed_and_cover_all_words(text in "\\PC{0,300}") {
            let s = split_sentences(&text);
            let mut last = 0;
            for x in &s {
                proptest::prop_assert!(x.start >= last && x.start < x.end && x.end <= text.len());
                let piece = x.text(&text);
                proptest::prop_assert_eq!(piece, piece.trim());
                last = x.end;
            }
            let covered: usize = s.iter().map(|x| x.text(&text).split_whitespace().count()).sum();
            proptest::prop_assert_eq!(covered, text.split_whitespace().count());
        }
    }
}

#[cfg(test)]
mod seed_tests {
    use super::*;

    /// On the seeds' article lines, titles and "U.S." inside sentences stay
    /// whole: no sentence ends with "U.S." followed by a title or a name.
    #[test]
    fn seed_sentences_do_not_break_after_titles_or_us() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpora/seeds");
        let Ok(entries) = std::fs::read_dir(dir) else {
            eprintln!("skipped: {dir} is absent");
            return;
        };
        for e in entries {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            for s in split_sentences(&text) {
                let t = s.text(&text);
                for bad in ["Mr.", "Dr.", "Gov.", "Sen.", "Jan.", "Feb."] {
                    assert!(!t.ends_with(bad), "{t:?}");
                }
                if t.ends_with("U.S.") {
                    let next = text[s.end..].split_whitespace().next().unwrap_or("");
                    assert!(OPENERS.contains(&next), "{t:?} then {next:?}");
                }
            }
        }
    }
}
