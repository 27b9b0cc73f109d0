//! Exact duplicate paragraphs: pages (and scrapers) print paragraphs twice.

use std::collections::HashSet;

/// The comparison key of a paragraph: lower-cased, whitespace-collapsed.
pub(crate) fn paragraph_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Remembers the paragraphs kept so far.
#[derive(Default)]
pub(crate) struct Dedup {
    seen: HashSet<String>,
}

impl Dedup {
    /// Minimum words for a repeat to count as a duplicate paragraph (short
    /// repeated headings such as "Summary" are left alone).
    pub const MIN_WORDS: usize = 4;

    /// Whether `text` repeats a paragraph already seen; records it if not.
    pub fn is_duplicate(&mut self, text: &str, words: usize) -> bool {
        if words < Self::MIN_WORDS {
            return false;
        }
        !self.seen.insert(paragraph_key(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_found_regardless_of_case_and_spacing() {
        let mut d = Dedup::default();
        assert!(!d.is_duplicate("The council met on Tuesday.", 5));
        assert!(d.is_duplicate("the  council met on   Tuesday.", 5));
        assert!(!d.is_duplicate("Summary", 1));
        assert!(!d.is_duplicate("Summary", 1));
    }
}
