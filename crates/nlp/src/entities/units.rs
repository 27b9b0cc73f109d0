//! Word units: the tokens as the entity finder reads them. A title's dot
//! joins its word ("Mr.", "J."), hyphenated pairs of known names split
//! ("U.S.-Mexico" is "U.S." and "Mexico"), and each unit knows its sentence,
//! whether it opens the sentence, and whether the sentence is a heading
//! written in Title Case.

use crate::{Sentence, Token, TokenKind};

use super::lexicon::{key, LEX};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UKind {
    Word,
    Number,
    Punct,
    /// A possessive "’s" / "'s".
    Poss,
}

#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub start: usize,
    pub end: usize,
    pub kind: UKind,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Has letters and no lower-case letter ("FBI", "U.S.").
    pub caps: bool,
    pub sent: usize,
    /// The first word of its sentence (or after an opening quote or colon).
    pub initial: bool,
    pub key: String,
    /// An adjective of a place the lists do not know ("Velorian"): see
    /// [`super::places`].
    pub demonym: bool,
    /// A word whose demonym the text uses ("Veloria" beside "Velorian").
    pub nation: bool,
}

impl Unit {
    pub fn is_word(&self) -> bool {
        self.kind == UKind::Word
    }

    pub fn is_name_like(&self) -> bool {
        self.kind == UKind::Word && (self.cap || self.caps)
    }
}

/// Per-sentence facts.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SentInfo {
    pub start: usize,
    pub end: usize,
    /// A heading in Title Case (or ALL CAPS): only known names count there.
    pub title: bool,
    pub all_caps: bool,
}

/// Small words that stay lower case in Title Case headings.
pub(crate) const SMALL: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with",
    "from", "as", "vs", "nor", "via", "into", "over", "amid", "de", "del", "la", "y", "is", "are",
    "its", "s", "per", "off", "up", "out",
];

/// Abbreviations whose dot belongs to the word.
const DOTTED: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "capt", "cmdr", "adm", "maj",
    "sgt", "prof", "pres", "amb", "atty", "supt", "insp", "det", "rev", "hon", "st", "mt", "ft",
    "jr", "sr", "inc", "corp", "co", "ltd", "bros", "messrs",
];

fn is_opening(p: &str) -> bool {
    matches!(
        p,
        "\"" | "“" | "‘" | "'" | "(" | "[" | ":" | "—" | "–" | "-" | "•" | "*" | "«" | "„"
    )
}

/// Build the units of `text` from its tokens and sentences. Tokens whose
/// spans do not fit the text are ignored.
pub(crate) fn build_units(
    text: &str,
    sentences: &[Sentence],
    tokens: &[Token],
) -> (Vec<Unit>, Vec<SentInfo>) {
    let mut sents: Vec<SentInfo> = sentences
        .iter()
        .filter(|s| s.start < s.end && text.get(s.start..s.end).is_some())
        .map(|s| SentInfo {
            start: s.start,
            end: s.end,
            ..SentInfo::default()
        })
        .collect();
    sents.sort_by_key(|s| (s.start, s.end));
    let mut units: Vec<Unit> = Vec::with_capacity(tokens.len());
    let mut si = 0;
    let mut last_end = 0;
    for (ti, t) in tokens.iter().enumerate() {
        if t.start >= t.end || t.start < last_end {
            continue;
        }
        let Some(w) = text.get(t.start..t.end) else {
            continue;
        };
        last_end = t.end;
        while si + 1 < sents.len() && sents[si].end <= t.start {
            si += 1;
        }
        let sent = si;
        match t.kind {
            TokenKind::Punct => {
                // A title's or an initial's dot joins its word.
                if w == "." {
                    if let Some(prev) = units.last_mut() {
                        let pw = &text[prev.start..prev.end];
                        let initial = pw.chars().count() == 1 && prev.cap;
                        if prev.end == t.start
                            && prev.kind == UKind::Word
                            && (initial || DOTTED.contains(&prev.key.as_str()))
                            && !pw.ends_with('.')
                        {
                            prev.end = t.end;
                            continue;
                        }
                    }
                }
                units.push(unit(text, t.start, t.end, UKind::Punct, sent));
            }
            TokenKind::Number => units.push(unit(text, t.start, t.end, UKind::Number, sent)),
            TokenKind::Word => {
                let k = key(w);
                if k == "'s" && ti > 0 {
                    units.push(unit(text, t.start, t.end, UKind::Poss, sent));
                } else if w.contains('-') {
                    push_hyphenated(text, t.start, t.end, sent, &mut units);
                } else {
                    units.push(unit(text, t.start, t.end, UKind::Word, sent));
                }
            }
        }
    }
    mark_initials(&mut units);
    mark_titles(&units, &mut sents);
    super::places::mark_demonyms(&mut units);
    (units, sents)
}

fn unit(text: &str, start: usize, end: usize, kind: UKind, sent: usize) -> Unit {
    let w = &text[start..end];
    let cap = w.chars().next().is_some_and(char::is_uppercase);
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let caps = letters >= 2 && !w.chars().any(char::is_lowercase);
    Unit {
        start,
        end,
        kind,
        cap,
        caps,
        sent,
        initial: false,
        key: key(w),
        demonym: false,
        nation: false,
    }
}

/// "U.S.-Mexico" -> "U.S." "-" "Mexico"; "anti-Israel" -> "anti" "-"
/// "Israel"; "Jean-Luc" and "Mar-a-Lago" stay whole.
fn push_hyphenated(text: &str, start: usize, end: usize, sent: usize, out: &mut Vec<Unit>) {
    let w = &text[start..end];
    let whole = key(w);
    let lex = &*LEX;
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut s = start;
    for (i, c) in w.char_indices() {
        if c == '-' {
            pieces.push((s, start + i));
            s = start + i + 1;
        }
    }
    pieces.push((s, end));
    let known = |a: usize, b: usize| {
        let k = key(&text[a..b]);
        lex.gaz.contains_key(&k)
    };
    let first_lower = w.chars().next().is_some_and(char::is_lowercase);
    let later_cap = pieces
        .iter()
        .skip(1)
        .any(|&(a, b)| text[a..b].chars().next().is_some_and(char::is_uppercase));
    let split = !lex.gaz.contains_key(&whole)
        && !lex.given.contains_key(&whole)
        && pieces.iter().all(|&(a, b)| a < b)
        && (pieces.iter().any(|&(a, b)| known(a, b)) || (first_lower && later_cap));
    if !split {
        out.push(unit(text, start, end, UKind::Word, sent));
        return;
    }
    for (i, &(a, b)) in pieces.iter().enumerate() {
        if i > 0 {
            out.push(unit(text, a - 1, a, UKind::Punct, sent));
        }
        out.push(unit(text, a, b, UKind::Word, sent));
    }
}

fn mark_initials(units: &mut [Unit]) {
    let mut prev_sent = usize::MAX;
    let mut seen_word = false;
    let mut after_opening = false;
    for u in units.iter_mut() {
        if u.sent != prev_sent {
            prev_sent = u.sent;
            seen_word = false;
            after_opening = false;
        }
        match u.kind {
            UKind::Word => {
                u.initial = !seen_word || after_opening;
                seen_word = true;
                after_opening = false;
            }
            UKind::Punct => after_opening = is_opening(&u.key),
            UKind::Number | UKind::Poss => after_opening = false,
        }
    }
}

fn mark_titles(units: &[Unit], sents: &mut [SentInfo]) {
    let mut i = 0;
    for (si, s) in sents.iter_mut().enumerate() {
        let mut sig = 0usize;
        let mut capped = 0usize;
        let mut caps = 0usize;
        while i < units.len() && units[i].sent < si {
            i += 1;
        }
        let mut j = i;
        while j < units.len() && units[j].sent == si {
            let u = &units[j];
            j += 1;
            if u.kind != UKind::Word || !u.key.chars().next().is_some_and(char::is_alphabetic) {
                continue;
            }
            if SMALL.contains(&u.key.as_str()) && !u.cap {
                continue;
            }
            sig += 1;
            if u.cap || u.caps {
                capped += 1;
            }
            if u.caps {
                caps += 1;
            }
        }
        s.title = sig >= 1 && capped * 10 >= sig * 9;
        s.all_caps = sig >= 2 && caps == sig;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{split_sentences, tokenize};

    fn build(text: &str) -> (Vec<Unit>, Vec<SentInfo>) {
        build_units(text, &split_sentences(text), &tokenize(text))
    }

    #[test]
    fn titles_keep_their_dot_and_hyphenated_places_split() {
        let t = "Mr. Trump discussed U.S.-Mexico ties with Jean-Luc.";
        let (u, _) = build(t);
        let w: Vec<&str> = u.iter().map(|u| &t[u.start..u.end]).collect();
        assert_eq!(
            w,
            [
                "Mr.",
                "Trump",
                "discussed",
                "U.S.",
                "-",
                "Mexico",
                "ties",
                "with",
                "Jean-Luc",
                "."
            ]
        );
        assert!(u[0].initial && !u[1].initial);
    }

    #[test]
    fn title_case_headings_are_marked() {
        let t = "Mexican President Rejects U.S. Troop Offer\n\nThe president rejected the offer.";
        let (_, s) = build(t);
        assert!(s[0].title);
        assert!(!s[1].title);
    }
}
