//! Splitting a text dump into lines and measuring each line: the evidence
//! every later decision is made from.

use crate::dates;

/// One non-empty line of the input, whitespace-collapsed, with its features.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Whitespace-collapsed text (no other change: it is a substring of the
    /// whitespace-normalised input).
    pub text: String,
    /// Index of the line among the non-empty lines.
    pub idx: usize,
    pub words: usize,
    pub stopwords: usize,
    /// Words starting with an upper-case letter, among words that are not
    /// small function words.
    pub capitalised: usize,
    pub content_words: usize,
    /// Ends like a sentence: `.`, `!`, `?`, `:` or a closing quote after one.
    pub sentence_end: bool,
    /// Sentence punctuation anywhere (`.`, `,`, `;`, `!`, `?`, `:`) apart
    /// from abbreviation dots.
    pub punctuation: usize,
    /// Starts with a bullet glyph.
    pub bullet: bool,
    /// Starts with "1)" / "1." / "1 " and a capital: a numbered item.
    pub numbered: bool,
    /// Nothing but a date with a year.
    pub date_only: bool,
    /// Nothing but a date without a year ("Saturday, July 5").
    pub yearless_date: bool,
    /// "6 Mins Read", "3 min read".
    pub reading_time: bool,
}

impl Line {
    pub fn stopword_ratio(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.stopwords as f32 / self.words as f32
        }
    }

    pub fn cap_ratio(&self) -> f32 {
        if self.content_words == 0 {
            0.0
        } else {
            self.capitalised as f32 / self.content_words as f32
        }
    }

    /// Reads like running prose: long enough, function words, sentence
    /// punctuation.
    pub fn is_prose(&self) -> bool {
        let r = self.stopword_ratio();
        let long_sentence = self.sentence_end
            && ((self.words >= 10 && r >= 0.15) || (self.words >= 16 && r >= 0.08));
        long_sentence || (self.words >= 10 && r >= 0.18 && self.punctuation >= 2)
    }

    /// A short sentence-like line ("Question: Why did the vote fail?").
    pub fn is_semi_prose(&self) -> bool {
        self.words >= 5 && self.stopword_ratio() >= 0.15 && self.sentence_end
    }

    /// Looks like a headline: a few words, no sentence end, starts upper-case.
    pub fn is_headline_like(&self) -> bool {
        let t = self.body();
        (3..=25).contains(&self.words)
            && !t.ends_with('.')
            && !t.ends_with(':')
            && !t.ends_with(',')
            && !self.date_only
            && !self.reading_time
            && t.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'".contains(c))
    }

    /// Title case: most content words capitalised.
    pub fn is_title_case(&self) -> bool {
        self.content_words >= 2 && self.cap_ratio() >= 0.6
    }

    /// The text without a leading bullet glyph or item number.
    pub fn body(&self) -> &str {
        strip_marker(&self.text)
    }
}

/// Collapse every run of whitespace into one space and trim.
pub(crate) fn normalize_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

const BULLETS: &[char] = &[
    '•', '·', '▪', '►', '▸', '◦', '‣', '●', '○', '■', '□', '-', '*', '–', '—', '+', '✓', '→', '»',
];

/// Strip a leading bullet glyph or "1)", "1.", "1 " item number.
pub(crate) fn strip_marker(s: &str) -> &str {
    let t = s.trim_start();
    if let Some(c) = t.chars().next() {
        if BULLETS.contains(&c) {
            let rest = &t[c.len_utf8()..];
            if rest.starts_with(' ') || c != '-' {
                return rest.trim_start();
            }
        }
    }
    let digits = t.bytes().take_while(|b| b.is_ascii_digit()).count();
    if (1..=2).contains(&digits) {
        let rest = &t[digits..];
        let rest = rest
            .strip_prefix(')')
            .or_else(|| rest.strip_prefix('.'))
            .unwrap_or(rest);
        if let Some(r) = rest.strip_prefix(' ') {
            if r.starts_with(|c: char| c.is_uppercase() || "\"“".contains(c)) {
                return r;
            }
        }
    }
    t
}

fn starts_with_bullet(s: &str) -> bool {
    s.chars().next().is_some_and(|c| {
        BULLETS.contains(&c)
            && (c != '-' && c != '*' && c != '+' || s[c.len_utf8()..].starts_with(' '))
    }) && !s.starts_with("—") // an em dash opens quotes in some styles
}

fn is_numbered(s: &str) -> bool {
    let stripped = strip_marker(s);
    stripped.len() != s.len() && s.starts_with(|c: char| c.is_ascii_digit())
}

/// English function words, plus a few Spanish/French/German ones so that
/// prose in those languages is still recognised as prose.
pub(crate) fn is_stopword(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "but"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "from"
            | "with"
            | "as"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "do"
            | "does"
            | "did"
            | "that"
            | "this"
            | "these"
            | "those"
            | "it"
            | "its"
            | "it's"
            | "he"
            | "she"
            | "they"
            | "we"
            | "you"
            | "i"
            | "his"
            | "her"
            | "their"
            | "our"
            | "your"
            | "my"
            | "him"
            | "them"
            | "us"
            | "not"
            | "no"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "which"
            | "who"
            | "whom"
            | "what"
            | "when"
            | "where"
            | "why"
            | "how"
            | "if"
            | "than"
            | "then"
            | "there"
            | "so"
            | "such"
            | "into"
            | "over"
            | "about"
            | "after"
            | "before"
            | "while"
            | "also"
            | "more"
            | "most"
            | "any"
            | "all"
            | "some"
            | "said"
            | "el"
            | "la"
            | "los"
            | "las"
            | "de"
            | "del"
            | "que"
            | "y"
            | "en"
            | "un"
            | "una"
            | "por"
            | "para"
            | "con"
            | "le"
            | "les"
            | "des"
            | "et"
            | "est"
            | "der"
            | "die"
            | "das"
            | "und"
            | "ist"
            | "den"
            | "nicht"
    )
}

/// Small words that title case leaves lower-case.
fn is_small_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "but"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "from"
            | "with"
            | "as"
            | "amid"
            | "vs"
            | "vs."
            | "via"
            | "into"
            | "over"
            | "after"
            | "is"
            | "are"
            | "&"
    )
}

pub(crate) fn measure(text: String, idx: usize) -> Line {
    let mut words = 0;
    let mut stopwords = 0;
    let mut capitalised = 0;
    let mut content_words = 0;
    let mut lower = String::new();
    for raw in text.split(' ') {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        if !w.chars().any(|c| c.is_alphanumeric()) {
            continue;
        }
        words += 1;
        if w.len() <= 7 {
            // ASCII fast path on a stack buffer; other scripts lower-case
            // through a reused String.
            let mut buf = [0u8; 7];
            let key: &str = if w.is_ascii() {
                for (b, c) in buf.iter_mut().zip(w.bytes()) {
                    *b = c.to_ascii_lowercase();
                }
                std::str::from_utf8(&buf[..w.len()]).unwrap_or("")
            } else {
                lower.clear();
                lower.extend(w.chars().flat_map(|c| c.to_lowercase()).map(|c| {
                    if c == '’' {
                        '\''
                    } else {
                        c
                    }
                }));
                lower.as_str()
            };
            if is_stopword(key) {
                stopwords += 1;
            }
            if is_small_word(key) {
                continue;
            }
        }
        content_words += 1;
        if w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        {
            capitalised += 1;
        }
    }
    let trimmed_end = text.trim_end_matches(['"', '”', '’', '\'', ')', '»', '*']);
    let sentence_end = trimmed_end.ends_with(['.', '!', '?', ':', '…']) && !text.ends_with("...")
        || text.ends_with("?\"");
    let mut punctuation = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b',' | b';' | b'!' | b'?' | b':' => punctuation += 1,
            b'.' => {
                // A dot followed by a space after a lower-case word ends a sentence.
                let next_space = bytes.get(i + 1).is_none_or(|n| *n == b' ');
                let prev_lower = i > 0 && bytes[i - 1].is_ascii_lowercase();
                if next_space && prev_lower {
                    punctuation += 1;
                }
            }
            _ => {}
        }
    }
    let bullet = starts_with_bullet(&text);
    let numbered = is_numbered(&text);
    let short = text.len() <= 80;
    let date_only = short && dates::is_date_line(strip_marker(&text));
    let yearless_date = short && !date_only && dates::is_yearless_date(&text);
    let reading_time = short && is_reading_time(&text);
    Line {
        text,
        idx,
        words,
        stopwords,
        capitalised,
        content_words,
        sentence_end,
        punctuation,
        bullet,
        numbered,
        date_only,
        yearless_date,
        reading_time,
    }
}

/// "6 Mins Read", "3 min read", "5 minute read".
fn is_reading_time(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let mut it = lower.split_whitespace();
    let (Some(n), Some(unit), Some(read)) = (it.next(), it.next(), it.next()) else {
        return false;
    };
    it.next().is_none()
        && n.chars().all(|c| c.is_ascii_digit())
        && matches!(unit, "min" | "mins" | "minute" | "minutes")
        && read == "read"
}

/// Split a text into measured non-empty lines. `\r\n`, `\r` and `\n` all end
/// a line.
pub(crate) fn split_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for piece in text.split('\n') {
        let piece = piece.strip_suffix('\r').unwrap_or(piece);
        for raw in piece.split('\r') {
            let t = normalize_ws(raw);
            if t.is_empty() {
                continue;
            }
            let idx = out.len();
            out.push(measure(t, idx));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_prose_and_headlines() {
        let lines = split_lines(
            "Council Approves New Bridge Budget\n\nThe council approved the budget on Friday, and the work will start in the spring of next year.",
        );
        assert_eq!(lines.len(), 2);
        assert!(lines[0].is_headline_like());
        assert!(lines[0].is_title_case());
        assert!(!lines[0].is_prose());
        assert!(lines[1].is_prose());
    }

    #[test]
    fn markers_dates_and_reading_times() {
        let lines = split_lines(
            "  • World\n1) First Section Name\nMay 5, 2025\n6 Mins Read\nSunday, March 9",
        );
        assert!(lines[0].bullet);
        assert_eq!(lines[0].body(), "World");
        assert!(lines[1].numbered);
        assert_eq!(lines[1].body(), "First Section Name");
        assert!(lines[2].date_only);
        assert!(lines[3].reading_time);
        assert!(lines[4].yearless_date);
    }

    #[test]
    fn crlf_and_lone_cr_split_lines() {
        let lines = split_lines("one line here\r\ntwo line here\rthree line here");
        assert_eq!(lines.len(), 3);
    }
}
