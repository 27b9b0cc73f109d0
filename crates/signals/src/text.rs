//! Small text helpers shared by the signals: words and paragraphs with
//! their byte spans, shares, and the wording of counts.

/// A word of a text: a run of letters and digits (apostrophes between
/// letters included, so "today's" is one word), lower-cased, with its byte
/// span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub lower: String,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The words of `text`, in order. Curly apostrophes are folded to `'` in
/// `lower`, so the lexicon need not list both spellings.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            // An apostrophe joins two words only when a letter follows it
            // ("today's", "don’t"); a closing quote does not.
            if is_apostrophe(d) {
                let after = text[j + d.len_utf8()..].chars().next();
                if after.is_some_and(char::is_alphanumeric) {
                    end = j + d.len_utf8();
                    chars.next();
                    continue;
                }
            }
            break;
        }
        let lower = text[start..end]
            .chars()
            .map(|c| if is_apostrophe(c) { '\'' } else { c })
            .flat_map(char::to_lowercase)
            .collect();
        out.push(Word { start, end, lower });
    }
    out
}

/// The paragraphs of a clean text (blocks separated by a blank line), as
/// trimmed byte spans; empty ones left out.
pub fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for part in text.split("\n\n") {
        let lead = part.len() - part.trim_start().len();
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            let start = at + lead;
            out.push((start, start + trimmed.len()));
        }
        at += part.len() + 2;
    }
    out
}

/// `count / total`, rounded to four decimals, or `None` when there is no
/// whole. Clamped so that a count above its total (inconsistent input)
/// still gives a share in [0, 1].
pub fn share(count: usize, total: usize) -> Option<f64> {
    if total == 0 {
        return None;
    }
    let s = (count as f64 / total as f64).clamp(0.0, 1.0);
    Some((s * 10_000.0).round() / 10_000.0)
}

/// A share in whole percent.
pub fn percent(share: f64) -> u32 {
    (share * 100.0).round().clamp(0.0, 100.0) as u32
}

/// `1 claim`, `3 claims`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The outlet's name as shown: trimmed, `None` when empty.
pub fn outlet_name(outlet: Option<&str>) -> Option<String> {
    outlet
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_string)
}

/// At most `max` characters of `s` (trimmed), ending in `…` when cut.
pub fn cut(s: &str, max: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}

/// Up to `max` items quoted and joined (`“a”, “b”, …`).
pub fn quoted_list(items: &[String], max: usize) -> String {
    let mut out: Vec<String> = items.iter().take(max).map(|s| format!("“{s}”")).collect();
    if items.len() > max {
        out.push("…".to_string());
    }
    out.join(", ")
}

/// Characters that are not white space: the measure of "how much text",
/// independent of how lines and paragraphs were laid out.
pub fn visible_chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_apostrophes_and_fold_case() {
        let w = words("In Today’s world, 'quoted' — don't.");
        let lower: Vec<&str> = w.iter().map(|w| w.lower.as_str()).collect();
        assert_eq!(lower, ["in", "today's", "world", "quoted", "don't"]);
        assert_eq!(&"In Today’s world"[w[1].start..w[1].end], "Today’s");
    }

    #[test]
    fn paragraphs_are_trimmed_spans_of_blank_line_blocks() {
        let t = "First one.\n\n  Second one. \n\n\n\nThird.";
        let p: Vec<&str> = paragraphs(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(p, ["First one.", "Second one.", "Third."]);
        assert!(paragraphs("").is_empty());
    }

    #[test]
    fn shares_are_none_without_a_whole_and_never_above_one() {
        assert_eq!(share(3, 7), Some(0.4286));
        assert_eq!(share(0, 0), None);
        assert_eq!(share(9, 3), Some(1.0));
        assert_eq!(percent(0.4286), 43);
    }

    #[test]
    fn cuts_count_characters_not_bytes() {
        assert_eq!(cut("ééééé", 3), "ééé…");
        assert_eq!(cut(" short ", 10), "short");
    }

    #[test]
    fn counts_are_worded_with_thousands_and_plurals() {
        assert_eq!(plural(1, "claim", "claims"), "1 claim");
        assert_eq!(plural(12345, "claim", "claims"), "12,345 claims");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }
}
