//! BERT's uncased WordPiece tokenizer, as all-MiniLM-L6-v2 was trained with: clean the text, put spaces
//! around CJK ideographs, lower-case, strip accents (NFD, combining marks dropped), split on white space
//! and punctuation, then cut each word greedily into the longest vocabulary pieces ("##" marks a piece
//! inside a word); a word that cannot be cut, or longer than 100 characters, is `[UNK]`.
//!
//! One difference from the reference, on purpose: BERT calls punctuation only ASCII symbols and Unicode
//! category P*; without a category table we also split on the General Punctuation block and the quote and
//! dash marks of Latin-1 — the same for every text the corpora hold.

use std::collections::HashMap;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

const MAX_WORD_CHARS: usize = 100;

pub struct WordPiece {
    ids: HashMap<String, u32>,
    unk: u32,
}

impl WordPiece {
    /// From a vocabulary file: one token per line, the line number is the id.
    pub fn from_vocab(text: &str) -> WordPiece {
        let ids: HashMap<String, u32> = text
            .lines()
            .enumerate()
            .map(|(i, t)| (t.to_string(), i as u32))
            .collect();
        let unk = ids.get("[UNK]").copied().unwrap_or(0);
        WordPiece { ids, unk }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Token ids of a text, without [CLS] and [SEP].
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        for word in basic_words(text) {
            self.pieces(&word, &mut out);
        }
        out
    }

    fn pieces(&self, word: &str, out: &mut Vec<u32>) {
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        if chars.len() > MAX_WORD_CHARS {
            out.push(self.unk);
            return;
        }
        let mark = out.len();
        let mut start = 0;
        let mut piece = String::new();
        while start < chars.len() {
            let mut end = chars.len();
            let mut found = None;
            while end > start {
                let from = chars[start].0;
                let to = chars.get(end).map_or(word.len(), |c| c.0);
                piece.clear();
                if start > 0 {
                    piece.push_str("##");
                }
                piece.push_str(&word[from..to]);
                if let Some(&id) = self.ids.get(piece.as_str()) {
                    found = Some(id);
                    break;
                }
                end -= 1;
            }
            match found {
                Some(id) => {
                    out.push(id);
                    start = end;
                }
                None => {
                    out.truncate(mark);
                    out.push(self.unk);
                    return;
                }
            }
        }
    }
}

/// BERT's basic tokenization: lower-cased, accent-free words and single punctuation marks.
pub fn basic_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, words: &mut Vec<String>| {
        if !word.is_empty() {
            words.push(std::mem::take(word));
        }
    };
    for c in text.chars() {
        if c == '\0' || c == '\u{fffd}' || (c.is_control() && !c.is_whitespace()) {
            continue;
        }
        if c.is_whitespace() {
            flush(&mut word, &mut words);
            continue;
        }
        if is_cjk(c) || is_punctuation(c) {
            flush(&mut word, &mut words);
            words.push(c.to_string());
            continue;
        }
        for l in c.to_lowercase() {
            for d in std::iter::once(l).nfd() {
                if !is_combining_mark(d) {
                    word.push(d);
                }
            }
        }
    }
    flush(&mut word, &mut words);
    words
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || ('\u{2010}'..='\u{205e}').contains(&c)
        || matches!(
            c,
            '¡' | '«' | '»' | '¿' | '·' | '§' | '¶' | '\u{3001}' | '\u{3002}'
        )
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F | 0x2B820..=0x2CEAF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> WordPiece {
        WordPiece::from_vocab("[PAD]\n[UNK]\nun\n##aff\n##able\nthe\n,\ncafe\nrejected\n")
    }

    #[test]
    fn words_are_cut_into_the_longest_pieces() {
        let v = vocab();
        assert_eq!(v.encode("Unaffable, the CAFÉ"), vec![2, 3, 4, 6, 5, 7]);
    }

    #[test]
    fn a_word_that_cannot_be_cut_is_unknown_whole() {
        let v = vocab();
        assert_eq!(v.encode("unaffx rejected"), vec![1, 8]);
    }

    #[test]
    fn accents_case_and_punctuation() {
        assert_eq!(
            basic_words("Señor \"Núñez\"—said"),
            vec!["senor", "\"", "nunez", "\"", "—", "said"]
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_tokenizes(s in "\\PC{0,200}") {
            let v = vocab();
            let _ = v.encode(&s);
        }
    }
}
