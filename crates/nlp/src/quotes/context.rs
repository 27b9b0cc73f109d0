//! Reading the words around a cue: the subject noun phrase before a verb,
//! the noun phrase after it ("said Sen. Ted Cruz"), and the subject of a
//! sentence (for participles: "Sheinbaum ..., stating, “...”").

use super::cues::{cue, ends_subject, is_determiner, is_pronoun, is_verb_filler};
use crate::{Span, Token, TokenKind};

/// The tokens of a text, with the text, for span arithmetic.
pub struct Words<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Byte offsets of the text's line breaks, so that finding the
    /// paragraph around a position is a binary search, not a scan of a
    /// paragraph that may be megabytes long.
    newlines: Vec<usize>,
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token]) -> Words<'a> {
        let newlines = text.match_indices('\n').map(|(i, _)| i).collect();
        Words {
            text,
            tokens,
            newlines,
        }
    }

    /// The paragraph (line) around byte `pos`, trimmed.
    pub fn paragraph_of(&self, pos: usize) -> Span {
        let k = self.newlines.partition_point(|&n| n < pos);
        let start = if k == 0 { 0 } else { self.newlines[k - 1] + 1 };
        let end = self.newlines.get(k).copied().unwrap_or(self.text.len());
        let line = &self.text[start..end];
        let lead = line.len() - line.trim_start().len();
        Span::new(start + lead, start + lead + line.trim().len())
    }

    pub fn word(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// Index of the first token starting at or after byte `pos`.
    pub fn at_or_after(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }

    /// Token index range lying inside the byte range `[start, end)`.
    pub fn within(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let a = self.at_or_after(start);
        let b = self.tokens.partition_point(|t| t.end <= end);
        a..b.max(a)
    }

    pub fn span(&self, first: usize, last: usize) -> Span {
        Span::new(self.tokens[first].start, self.tokens[last].end)
    }

    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        self.tokens[i].kind == TokenKind::Punct && self.word(i) == p
    }

    fn is_capitalised(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    fn is_possessive(&self, i: usize) -> bool {
        matches!(self.word(i), "’s" | "'s" | "’S" | "'S")
    }

    /// Whether token `i` stands between two capitalised words ("Trump and
    /// Sanders").
    fn between_names(&self, i: usize) -> bool {
        i > 0
            && i + 1 < self.tokens.len()
            && self.is_capitalised(i - 1)
            && self.is_capitalised(i + 1)
    }

    /// Whether token `i` lies inside parentheses opened after `from`.
    fn inside_parentheses(&self, i: usize, from: usize) -> bool {
        let opened = (from..i).filter(|&k| self.is_punct(k, "(")).count();
        let closed = (from..i).filter(|&k| self.is_punct(k, ")")).count();
        opened > closed
    }

    /// Whether token `i` can be part of a subject noun phrase.
    fn in_phrase(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        match t.kind {
            TokenKind::Punct => matches!(self.word(i), "-" | "&" | "’" | "'"),
            TokenKind::Number => true,
            TokenKind::Word => {
                let w = self.word(i);
                self.is_possessive(i)
                    || !ends_subject(w)
                    || (w == "of" && i > 0 && self.is_capitalised(i - 1))
                    || (w == "and" && self.between_names(i))
            }
        }
    }

    /// The subject noun phrase ending just before the verb at `verb`
    /// (skipping auxiliaries and adverbs), not reaching before `floor`.
    pub fn subject_before(&self, verb: usize, floor: usize) -> Option<Span> {
        let mut i = verb;
        loop {
            let before = i;
            while i > floor
                && self.tokens[i - 1].kind == TokenKind::Word
                && is_verb_filler(self.word(i - 1))
            {
                i -= 1;
            }
            // "... released on Tuesday showed", "earlier in the day touted":
            // a time phrase between the subject and its verb.
            if i > floor && is_time_word(self.word(i - 1)) {
                i -= 1;
                while i > floor
                    && matches!(
                        self.word(i - 1).to_lowercase().as_str(),
                        "on" | "last"
                            | "this"
                            | "late"
                            | "early"
                            | "earlier"
                            | "later"
                            | "in"
                            | "the"
                            | "that"
                            | "each"
                            | "every"
                    )
                {
                    i -= 1;
                }
            }
            if i == before {
                break;
            }
        }
        if i <= floor {
            return None;
        }
        // "Sen. Elizabeth Warren (D-MA) said": skip the parenthesis.
        if self.is_punct(i - 1, ")") {
            if let Some(open) = (floor..i - 1)
                .rev()
                .take(8)
                .find(|&k| self.is_punct(k, "("))
            {
                if open > floor {
                    return self
                        .subject_before(open, floor)
                        .map(|s| Span::new(s.start, self.tokens[i - 1].end));
                }
            }
        }
        // "Chris Brownell, an audience member, said": a name and its
        // apposition.
        if self.is_punct(i - 1, ",") {
            return self.appositive_subject(i - 1, floor);
        }
        let last = i - 1;
        // "Mitt Romney, who helped ...": the relative pronoun is the source
        // (its antecedent is the speaker).
        if matches!(self.word(last).to_lowercase().as_str(), "who" | "which") {
            return Some(self.span(last, last));
        }
        if is_pronoun(self.word(last)) {
            return Some(self.span(last, last));
        }
        let mut first = last;
        while first > floor
            && last - first < 7
            && self.in_phrase(first - 1)
            && !is_pronoun(self.word(first - 1))
        {
            // Another verb of saying is not part of the phrase.
            if cue(self.word(first - 1)).is_some() && !self.is_capitalised(first - 1) {
                break;
            }
            first -= 1;
        }
        if !self.in_phrase(last) || self.tokens[last].kind == TokenKind::Punct {
            return None;
        }
        // A phrase must have a noun-like head, and look like a subject: a
        // name, a pronoun, a phrase with a determiner, or a plural noun
        // ("officials", "sources").
        if is_determiner(self.word(last)) || self.tokens[last].kind == TokenKind::Number {
            return None;
        }
        let looks_like_subject = (first..=last).any(|i| self.is_capitalised(i))
            || is_determiner(self.word(first))
            || self.tokens[first].kind == TokenKind::Number
            || (self.word(last).ends_with('s') && !self.word(last).ends_with("ss"));
        if !looks_like_subject {
            return None;
        }
        Some(self.span(first, last))
    }

    /// "NAME, apposition," ending with the comma at `comma`: the name and
    /// its apposition, when the name is capitalised.
    fn appositive_subject(&self, comma: usize, floor: usize) -> Option<Span> {
        self.appositive_at(comma, floor, 0)
    }

    fn appositive_at(&self, comma: usize, floor: usize, depth: usize) -> Option<Span> {
        let lowest = comma.saturating_sub(24).max(floor);
        let prev_comma = (lowest..comma).rev().find(|&k| self.is_punct(k, ","))?;
        if prev_comma <= floor || prev_comma + 1 >= comma {
            return None;
        }
        // No clause in the apposition: it holds no verb of saying and no
        // sentence punctuation.
        let relative = matches!(self.word(prev_comma + 1), "who" | "which");
        if (prev_comma + 1..comma).any(|k| {
            self.tokens[k].kind == TokenKind::Punct
                && matches!(self.word(k), "." | ";" | ":" | "“" | "”" | "\"")
                || (cue(self.word(k)).is_some() && !relative)
        }) {
            return None;
        }
        let name = self.subject_before(prev_comma, floor)?;
        let head = self.at_or_after(name.start);
        // "her senior policy adviser, Jake Sullivan, said": the name is
        // the apposition.
        let apposition_is_name = (prev_comma + 1..comma)
            .all(|k| self.is_capitalised(k) || self.tokens[k].kind != TokenKind::Word);
        if !self.is_capitalised(head) && !is_pronoun(self.word(head)) && !apposition_is_name {
            // "Matthew Prince, chief executive of CloudFlare, a San
            // Francisco company, said": one more apposition back.
            if depth < 2 {
                return self
                    .appositive_at(prev_comma, floor, depth + 1)
                    .map(|s| Span::new(s.start, self.tokens[comma - 1].end));
            }
            return None;
        }
        Some(Span::new(name.start, self.tokens[comma - 1].end))
    }

    /// The noun phrase starting at `from` ("Sen. Ted Cruz", "the
    /// spokesman"), up to a comma, a stop or `ceil`.
    pub fn phrase_after(&self, from: usize, ceil: usize) -> Option<Span> {
        if from >= ceil {
            return None;
        }
        let w = self.word(from);
        if is_pronoun(w) {
            return Some(self.span(from, from));
        }
        // "former Rep. George Miller", "longtime aide Jo Lee": lower-case
        // modifiers before a name.
        let name_follows = (from + 1..ceil.min(from + 4)).any(|k| self.is_capitalised(k));
        if !(self.is_capitalised(from) || is_determiner(w) || (name_follows && !ends_subject(w))) {
            return None;
        }
        let mut last = from;
        while last + 1 < ceil && last - from < 7 && self.in_phrase(last + 1) {
            last += 1;
        }
        Some(self.span(from, last))
    }

    /// The subject of the sentence whose tokens start at `first`, looking
    /// no further than `until`: a pronoun or the first capitalised phrase
    /// before the first verb-like word, skipping an opening phrase that
    /// ends in a comma ("In a statement on Saturday, ...").
    pub fn sentence_subject(&self, first: usize, until: usize) -> Option<Span> {
        let mut start = first;
        // A dateline: "WASHINGTON (AP) — ...".
        if let Some(dash) =
            (start..until.min(start + 8)).find(|&i| matches!(self.word(i), "—" | "–" | "-"))
        {
            let dateline = (start..dash).all(|i| {
                let w = self.word(i);
                self.tokens[i].kind != TokenKind::Word
                    || !w.chars().any(char::is_lowercase)
                    || self.inside_parentheses(i, start)
            });
            if dateline && dash > start {
                start = dash + 1;
            }
        }
        // "However, ...", "Still, ...": a word and a comma.
        if start + 2 < until && self.is_punct(start + 1, ",") {
            start += 2;
        }
        // Skip an introductory phrase, from a preposition, a participle or
        // an adverb to the first comma ("Despite ..., ", "Speaking on Fox,
        // ", "Asked about it, ").
        if start < until && opens_introduction(self.word(start)) {
            if let Some(c) = (start..until).find(|&i| self.is_punct(i, ",")) {
                start = c + 1;
            }
        }
        let mut i = start;
        while i < until {
            let w = self.word(i);
            if is_pronoun(w) {
                return Some(self.span(i, i));
            }
            if self.is_capitalised(i) && !is_determiner(w) && self.tokens[i].kind == TokenKind::Word
            {
                let mut last = i;
                while last + 1 < until
                    && (self.is_capitalised(last + 1)
                        || (self.word(last + 1) == "of"
                            && last + 2 < until
                            && self.is_capitalised(last + 2)))
                {
                    last += 1;
                }
                let begin = if i > start && is_determiner(self.word(i - 1)) {
                    i - 1
                } else {
                    i
                };
                // "The GOP nominee": lower-case nouns after a capitalised
                // modifier, up to the verb.
                while begin < i
                    && last + 2 < until
                    && last - begin < 5
                    && self.tokens[last + 1].kind == TokenKind::Word
                    && !self.is_capitalised(last + 1)
                    && self.in_phrase(last + 1)
                    && cue(self.word(last + 1)).is_none()
                    && !is_verb_filler(self.word(last + 1))
                {
                    last += 1;
                }
                // "El Salvador's president": the possessor's role noun.
                if last + 2 < until
                    && self.is_possessive(last + 1)
                    && self.tokens[last + 2].kind == TokenKind::Word
                    && !self.is_capitalised(last + 2)
                    && !ends_subject(self.word(last + 2))
                {
                    last += 2;
                }
                return Some(self.span(begin, last));
            }
            if is_determiner(w) && i + 1 < until && !self.is_capitalised(i + 1) {
                // "The president", "the spokeswoman": up to the first verb.
                let mut last = i + 1;
                while last + 1 < until
                    && self.in_phrase(last + 1)
                    && cue(self.word(last + 1)).is_none()
                    && last - i < 5
                {
                    last += 1;
                }
                return Some(self.span(i, last));
            }
            // "The GOP nominee": a determiner before a capitalised word.
            if is_determiner(w) && i + 1 < until {
                i += 1;
                continue;
            }
            if self.tokens[i].kind == TokenKind::Punct || self.tokens[i].kind == TokenKind::Number {
                i += 1;
                continue;
            }
            return None;
        }
        None
    }
}

/// A sentence-initial word that opens an introductory phrase rather than
/// the subject.
fn opens_introduction(word: &str) -> bool {
    let lower = word.to_lowercase();
    matches!(
        lower.as_str(),
        "in" | "on"
            | "at"
            | "after"
            | "during"
            | "upon"
            | "following"
            | "despite"
            | "when"
            | "while"
            | "as"
            | "since"
            | "before"
            | "for"
            | "with"
            | "without"
            | "by"
            | "from"
            | "to"
            | "asked"
            | "pressed"
            | "if"
            | "although"
            | "though"
            | "unlike"
            | "like"
            | "amid"
            | "over"
            | "under"
            | "once"
            | "later"
            | "earlier"
            | "still"
            | "yet"
            | "meanwhile"
            | "instead"
            | "indeed"
    ) || (word.starts_with(char::is_uppercase)
        && lower.len() > 4
        && (lower.ends_with("ing") || lower.ends_with("ly")))
}

/// Days, parts of days and other time nouns that can stand between a
/// subject and its verb.
fn is_time_word(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "day"
            | "week"
            | "weekend"
            | "month"
            | "year"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
    )
}
