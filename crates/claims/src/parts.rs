//! The checkable parts of one claim: the pieces a fact-checker would check
//! one by one, so that support can be partial ("the designation: two
//! outlets; that it led to Special Forces preparations: one").
//!
//! A claim is split
//! - before a trailing participle or relative clause after a comma
//!   ("…, which sought to combat trafficking", "…, emphasizing
//!   sovereignty", "…, aimed at combating trafficking", "…, including
//!   surveillance operations"), when the piece
//!   runs to the next split or the end without a comma of its own (so "the
//!   countries, including Mexico, have…" is not cut inside its subject);
//! - between an event named by a noun ("Trump's designation of the cartels
//!   as terrorist organizations") and what the claim says it caused ("has
//!   led to increased patrols"), when the claim opens with that noun
//!   phrase.
//!
//! Nothing inside quotation marks or parentheses is split, and no piece is
//! shorter than [`MIN_WORDS`] words: a claim that would give one is one
//! part. Parts are byte ranges of the claim's text, trimmed, in order,
//! leaving out only the separating commas and spaces.
//!
//! Word lists written for this project.

use std::ops::Range;

/// Fewest words of a part.
pub const MIN_WORDS: usize = 4;

/// Words that open a trailing piece after a comma (besides participles).
const TAIL_OPENERS: &[&str] = &[
    "which",
    "who",
    "whose",
    "including",
    "while",
    "whereas",
    "prompting",
    "sparking",
];

/// Participles that open a trailing piece but do not report a further
/// fact of the subject: "…, according to", "…, citing" name a source.
const NOT_A_PART: &[&str] = &[
    "according",
    "citing",
    "quoting",
    "reported",
    "added",
    "stated",
    "noted",
    "said",
];

/// Prepositions after a past participle that opens a trailing piece.
const PREPOSITIONS: &[&str] = &["at", "by", "to", "in", "on", "for", "with", "from", "under"];

/// Verbs of causing, as a claim's main verb after an event noun phrase
/// ("led to", "resulted in", "prompted").
const CAUSES: &[&str] = &[
    "led to",
    "lead to",
    "leads to",
    "resulted in",
    "results in",
    "prompted",
    "prompts",
    "triggered",
    "triggers",
    "sparked",
    "sparks",
    "caused",
    "causes",
    "fueled",
    "fuelled",
    "spurred",
];

/// Auxiliaries and adverbs between an event noun phrase and its verb of
/// causing ("has already led to").
const BEFORE_CAUSE: &[&str] = &[
    "has",
    "have",
    "had",
    "already",
    "also",
    "now",
    "since",
    "reportedly",
    "allegedly",
    "quickly",
    "directly",
];

/// Endings of nouns that name an event or act ("designation", "agreement",
/// "refusal", "closure").
const EVENT_NOUN_ENDINGS: &[&str] = &["tion", "sion", "ment", "sal", "val", "ure", "ance", "ence"];
/// Event nouns without those endings.
const EVENT_NOUNS: &[&str] = &[
    "decision",
    "move",
    "offer",
    "ban",
    "plan",
    "call",
    "attack",
    "strike",
    "raid",
    "deal",
    "vote",
    "ruling",
    "order",
    "directive",
    "visit",
    "threat",
    "war",
    "crackdown",
    "shutdown",
];

fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// For each byte offset of `text`, whether it is outside quotation marks
/// and parentheses.
fn outside(text: &str) -> Vec<bool> {
    let mut depth = 0i32;
    let mut straight = false;
    let mut out = vec![true; text.len() + 1];
    for (i, c) in text.char_indices() {
        match c {
            '“' | '(' => depth += 1,
            '”' | ')' if depth > 0 => depth -= 1,
            '"' => straight = !straight,
            _ => {}
        }
        out[i] = depth <= 0 && !straight;
    }
    out
}

/// The first word of `s` (letters, apostrophes), lower case.
fn first_word(s: &str) -> String {
    s.trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '\'')
        .flat_map(char::to_lowercase)
        .collect()
}

fn opens_tail(rest: &str) -> bool {
    let w = first_word(rest);
    if w.is_empty() || NOT_A_PART.contains(&w.as_str()) {
        return false;
    }
    // Present participles ("…, emphasizing"), and past ones before a
    // preposition ("…, aimed at"; "…, signed the accord" is a verb).
    let second = first_word(rest.trim_start().get(w.len()..).unwrap_or(""));
    TAIL_OPENERS.contains(&w.as_str())
        || (w.len() > 5 && w.ends_with("ing"))
        || (w.len() > 4 && w.ends_with("ed") && PREPOSITIONS.contains(&second.as_str()))
}

/// Words that open a clause inside a noun phrase: a head holding one
/// ("Kelly noted that this cooperation") is not an event's name.
const CLAUSE_WORDS: &[&str] = &["that", "which", "who", "whom", "whose", "when", "where"];

/// Whether `head` opens with a noun phrase naming an event: an event noun
/// among its first four words, and no clause inside it.
fn names_an_event(head: &str) -> bool {
    let words: Vec<String> = head
        .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let is_event = |w: &str| {
        EVENT_NOUNS.contains(&w)
            || (w.len() > 6 && EVENT_NOUN_ENDINGS.iter().any(|e| w.ends_with(e)))
    };
    words.iter().take(4).any(|w| is_event(w))
        && !words.iter().any(|w| CLAUSE_WORDS.contains(&w.as_str()))
}

/// Where the verb group of causing starts in `text` (at a word boundary,
/// outside quotes), when what comes before it is an event noun phrase:
/// `text[..at]` is the event, `text[at..]` what it caused.
fn cause_split(text: &str, out: &[bool]) -> Option<usize> {
    let lower = text.to_lowercase();
    // Lower-casing keeps byte offsets only for ASCII-sized characters;
    // skip texts where it does not.
    if lower.len() != text.len() {
        return None;
    }
    let verb = CAUSES
        .iter()
        .filter_map(|c| {
            lower
                .match_indices(c)
                .find(|&(i, _)| {
                    out[i]
                        && i > 0
                        && lower.as_bytes()[i - 1] == b' '
                        && lower[i + c.len()..].starts_with(' ')
                })
                .map(|(i, _)| i)
        })
        .min()?;
    // Back over the auxiliaries and adverbs before the verb.
    let mut at = verb;
    loop {
        let before = lower[..at].trim_end();
        let Some(space) = before.rfind(' ') else {
            break;
        };
        if BEFORE_CAUSE.contains(&&before[space + 1..]) {
            at = space + 1;
        } else {
            break;
        }
    }
    let head = text[..at].trim_end();
    let opens_with_noun_phrase = !head.contains(',') && names_an_event(head);
    opens_with_noun_phrase.then_some(at)
}

/// The parts of one claim's text; one part (the whole, trimmed) when it
/// has no split.
pub fn checkable_parts(text: &str) -> Vec<Range<usize>> {
    parts_and_main(text).0
}

/// [`checkable_parts`] and which of them holds the claim's main verb: what
/// an event caused (the second part) after an event's name, else the first
/// (a trailing clause is subordinate to what comes before it).
pub fn parts_and_main(text: &str) -> (Vec<Range<usize>>, usize) {
    let out = outside(text);
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (end of a part, start of the next)
    let caused = cause_split(text, &out);
    if let Some(at) = caused {
        cuts.push((text[..at].trim_end().len(), at));
    }
    // Trailing pieces, from the right: each runs to the previous cut.
    let mut limit = text.len();
    let commas: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| c == ',' && out[i])
        .map(|(i, _)| i)
        .collect();
    for &i in commas.iter().rev() {
        let rest = &text[i + 1..limit];
        if commas.iter().any(|&j| j > i && j < limit) {
            // A comma of its own: this piece is not a trailing one.
            break;
        }
        if opens_tail(rest) && cuts.iter().all(|&(_, s)| s < i) {
            let start = i + 1 + (rest.len() - rest.trim_start().len());
            cuts.push((i, start));
            limit = i;
        } else {
            break;
        }
    }
    cuts.sort_unstable();
    let mut parts = Vec::new();
    let mut from = 0;
    for (end, next) in cuts {
        parts.push(trimmed(text, from..end));
        from = next;
    }
    parts.push(trimmed(text, from..text.len()));
    if parts.len() > 1 && parts.iter().any(|p| words(&text[p.clone()]) < MIN_WORDS) {
        return (vec![trimmed(text, 0..text.len())], 0);
    }
    let main = usize::from(caused.is_some() && parts.len() > 1);
    (parts, main)
}

fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.start + s.trim_end().len();
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<&str> {
        checkable_parts(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn an_event_and_what_it_caused() {
        assert_eq!(
            parts(
                "Kestria's recent designation of the smuggling rings as terrorist groups in March has \
                 already led to more patrols along the coast, including night flights and harbour checks."
            ),
            [
                "Kestria's recent designation of the smuggling rings as terrorist groups in March",
                "has already led to more patrols along the coast",
                "including night flights and harbour checks."
            ]
        );
        assert_eq!(
            parts_and_main(
                "Kestria's recent designation of the smuggling rings as terrorist groups has led to \
                 more patrols along the coast."
            ).1,
            1
        );
        // A person, not an event, as the subject: one part.
        assert_eq!(
            parts("The harbour master led to safety the crews of three trawlers on Monday.").len(),
            1
        );
        // A reported statement, not an event's name, before the verb.
        assert_eq!(
            parts(
                "Rieker noted that this closer cooperation has resulted in fewer accidents at sea."
            )
            .len(),
            1
        );
    }

    #[test]
    fn trailing_clauses() {
        assert_eq!(
            parts(
                "In a tense exchange, the minister rejected an offer of naval help from Veloria, which \
                 sought to patrol the strait."
            ),
            [
                "In a tense exchange, the minister rejected an offer of naval help from Veloria",
                "which sought to patrol the strait."
            ]
        );
        assert_eq!(
            parts_and_main(
                "In a tense exchange, the minister rejected an offer of naval help from Veloria, \
                 which sought to patrol the strait."
            )
            .1,
            0
        );
        assert_eq!(
            parts(
                "According to the Meridian Wire, the port director confirmed the closure during a press \
                 call, emphasizing that no one was hurt."
            ),
            [
                "According to the Meridian Wire, the port director confirmed the closure during a press call",
                "emphasizing that no one was hurt."
            ]
        );
    }

    #[test]
    fn pieces_that_are_not_parts() {
        for whole in [
            // A comma inside the trailing piece: it is not at the end.
            "The countries, including Kestria and Veloria, signed the accord on Friday.",
            // A source, not a further fact.
            "The ferry sank near the harbour mouth, according to the coast guard.",
            // A source named.
            "The port closed on Monday, citing storms.",
            "The ferry sank near the harbour mouth on Monday, reported the coast guard.",
            // Too short a piece.
            "The port closed, reopening later that week.",
            // Inside a quotation.
            "She said “we rejected the offer, which was never serious” on Friday.",
            "The terminal burned for two days.",
        ] {
            assert_eq!(parts(whole), [whole], "{whole}");
        }
    }

    #[test]
    fn parts_cover_the_text_in_order() {
        let t =
            "Velorian officials' refusal of the grain deal has prompted protests in three cities, \
                 sparking clashes with police near the ministry.";
        let r = checkable_parts(t);
        assert_eq!(r.len(), 3, "{:?}", parts(t));
        assert!(r.windows(2).all(|w| w[0].end <= w[1].start));
        assert_eq!(r[0].start, 0);
        assert_eq!(r.last().unwrap().end, t.len());
    }

    proptest::proptest! {
        #[test]
        fn parts_are_ordered_in_bounds_and_on_char_boundaries(
            text in "([A-Za-zé’“”\"(),;' ]|which |including |has led to |decision |aimed at ){0,40}"
        ) {
            let parts = checkable_parts(&text);
            proptest::prop_assert!(!parts.is_empty());
            proptest::prop_assert!(parts_and_main(&text).1 < parts.len());
            let mut at = 0;
            for r in &parts {
                proptest::prop_assert!(at <= r.start && r.start <= r.end && r.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                at = r.end;
            }
        }
    }
}
