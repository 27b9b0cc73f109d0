//! The word lists of the claims stage, written for this project: verbs by
//! predicate class (`lexicon/predicates.txt`), event nouns by class
//! (`lexicon/event_nouns.txt`), and the small closed classes the rules need.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use crosscheck_nlp::quotes::cues;

const PREDICATES: &str = include_str!("lexicon/predicates.txt");
const EVENT_NOUNS: &str = include_str!("lexicon/event_nouns.txt");

/// What a verb form can be in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// "reject": a finite verb only after a plural or pronoun subject, and
    /// often a noun ("an offer", "the cut").
    Base,
    /// "rejects", "is", "has": finite.
    Finite,
    /// "rejected", "rose", "given": past tense or participle.
    Past,
    /// "rejecting".
    Gerund,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbForm {
    pub lemma: &'static str,
    /// The predicate class: the first verb of the class's line.
    pub class: &'static str,
    pub kind: FormKind,
}

/// Every form of every listed verb (lower case).
static VERBS: LazyLock<HashMap<String, VerbForm>> = LazyLock::new(|| {
    let mut m: HashMap<String, VerbForm> = HashMap::new();
    for (class, items) in class_lines(PREDICATES) {
        for item in items.filter(|item| !item.contains('+')) {
            let mut parts = item.split('/');
            let lemma = parts.next().unwrap_or(item);
            // `*` lines: each verb is its own class.
            let class = if class == "*" { lemma } else { class };
            let irregular: Vec<&str> = parts.collect();
            let regular = cues::inflections(lemma);
            let mut add = |form: &str, kind: FormKind| {
                m.entry(form.to_string())
                    .or_insert(VerbForm { lemma, class, kind });
            };
            add(lemma, FormKind::Base);
            for form in &irregular {
                let kind = if matches!(*form, "is" | "are" | "am" | "has") {
                    FormKind::Finite
                } else {
                    FormKind::Past
                };
                add(form, kind);
            }
            // inflections(): base, third person, past, gerund.
            if let [_, third, past, gerund] = regular.as_slice() {
                add(third, FormKind::Finite);
                if irregular.is_empty() {
                    add(past, FormKind::Past);
                }
                add(gerund, FormKind::Gerund);
            }
        }
    }
    m
});

/// A phrasal verb form: the verb and its particle ("reached out").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhrasalForm {
    /// "reach out".
    pub lemma: String,
    pub class: &'static str,
    pub kind: FormKind,
}

/// The listed phrasal verbs: every form with its particle ("reached out",
/// lower case), each lemma's class, and the particles.
struct Phrasal {
    forms: HashMap<String, PhrasalForm>,
    classes: HashMap<String, &'static str>,
    particles: Vec<&'static str>,
}

static PHRASAL: LazyLock<Phrasal> = LazyLock::new(|| {
    let mut forms = HashMap::new();
    let mut classes = HashMap::new();
    let mut particles = Vec::new();
    for (class, items) in class_lines(PREDICATES) {
        for item in items {
            let Some((verb, particle)) = item.split_once('+') else {
                continue;
            };
            let mut parts = verb.split('/');
            let head = parts.next().unwrap_or(verb);
            let lemma = format!("{head} {particle}");
            let irregular: Vec<&str> = parts.collect();
            let regular = cues::inflections(head);
            let mut add = |form: &str, kind: FormKind| {
                forms
                    .entry(format!("{form} {particle}"))
                    .or_insert(PhrasalForm {
                        lemma: lemma.clone(),
                        class,
                        kind,
                    });
            };
            add(head, FormKind::Base);
            for form in &irregular {
                add(form, FormKind::Past);
            }
            if let [_, third, past, gerund] = regular.as_slice() {
                add(third, FormKind::Finite);
                if irregular.is_empty() {
                    add(past, FormKind::Past);
                }
                add(gerund, FormKind::Gerund);
            }
            // Short heads double their last consonant ("stepped",
            // "setting"); the forms cannot clash with another word.
            let b = head.as_bytes();
            if let [.., c1, v, c2] = b {
                let vowel = |c: &u8| b"aeiou".contains(c);
                if !vowel(c1) && vowel(v) && !vowel(c2) && !b"wxy".contains(c2) {
                    let last = *c2 as char;
                    if irregular.is_empty() {
                        add(&format!("{head}{last}ed"), FormKind::Past);
                    }
                    add(&format!("{head}{last}ing"), FormKind::Gerund);
                }
            }
            classes.entry(lemma.clone()).or_insert(class);
            if !particles.contains(&particle) {
                particles.push(particle);
            }
        }
    }
    Phrasal {
        forms,
        classes,
        particles,
    }
});

/// The listed phrasal verb that `word` followed by `particle` is, if any
/// ("reached" "out" → reach out, class call).
pub fn phrasal(word: &str, particle: &str) -> Option<PhrasalForm> {
    let particle = lower(particle);
    if !PHRASAL.particles.contains(&particle.as_ref()) {
        return None;
    }
    let key = format!("{} {particle}", lower(word));
    PHRASAL.forms.get(&key).cloned()
}

/// Event noun (lower case) to predicate class.
static NOUNS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    class_lines(EVENT_NOUNS)
        .flat_map(|(class, items)| items.map(move |noun| (noun, class)))
        .collect()
});

/// `class: item item ...` lines, comments and blank lines skipped.
fn class_lines(
    list: &'static str,
) -> impl Iterator<Item = (&'static str, impl Iterator<Item = &'static str>)> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (class, items) = l.split_once(':')?;
            Some((class.trim(), items.split_whitespace()))
        })
}

/// A word in lower case, borrowed when it already is (most words are):
/// the rules look up every token, and allocating for each one showed in
/// the profile.
pub fn lower(word: &str) -> Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// The listed verb form `word` (any case) is, if any.
pub fn verb(word: &str) -> Option<VerbForm> {
    VERBS.get(lower(word).as_ref()).copied()
}

/// The predicate class of a listed verb lemma; an unlisted lemma is its own
/// class.
pub fn class_of_lemma(lemma: &str) -> String {
    if let Some(class) = PHRASAL.classes.get(lemma) {
        return class.to_string();
    }
    match VERBS.get(lemma) {
        Some(v) if v.kind == FormKind::Base => v.class.to_string(),
        _ => lemma.to_string(),
    }
}

/// The predicate class an event noun stands for ("designation" → designate).
pub fn event_noun(word: &str) -> Option<&'static str> {
    NOUNS.get(lower(word).as_ref()).copied()
}

/// Auxiliaries and modals: they start a verb group and are its predicate
/// only when no main verb follows ("is", "has").
pub fn auxiliary(word: &str) -> Option<&'static str> {
    Some(match lower(word).replace('’', "'").as_str() {
        "is" | "are" | "was" | "were" | "am" | "'re" | "'m" => "be",
        "has" | "have" | "had" | "'ve" => "have",
        "do" | "does" | "did" => "do",
        "will" | "'ll" => "will",
        "would" | "'d" => "would",
        "can" => "can",
        "could" => "could",
        "may" => "may",
        "might" => "might",
        "must" => "must",
        "shall" => "shall",
        "should" => "should",
        _ => return None,
    })
}

/// Words that may stand inside a verb group ("has not yet been", "will
/// also continue").
pub fn is_verb_group_filler(word: &str) -> bool {
    let w = lower(word);
    w.ends_with("ly")
        || matches!(
            w.as_ref(),
            "not"
                | "n't"
                | "never"
                | "also"
                | "already"
                | "still"
                | "now"
                | "just"
                | "only"
                | "yet"
                | "even"
                | "since"
                | "then"
                | "soon"
                | "often"
                | "once"
                | "again"
                | "ever"
                | "be"
                | "been"
                | "being"
                | "have"
                | "going"
                | "to"
                | "reportedly"
        )
}

/// Words that open an introductory phrase ending at the first comma ("In a
/// statement released on Saturday, ...", "According to X, ...").
pub fn opens_intro(word: &str) -> bool {
    matches!(
        lower(word).as_ref(),
        "in" | "on"
            | "at"
            | "according"
            | "despite"
            | "while"
            | "although"
            | "though"
            | "as"
            | "after"
            | "since"
            | "following"
            | "throughout"
            | "upon"
            | "during"
            | "before"
            | "amid"
            | "with"
            | "for"
            | "by"
            | "under"
            | "from"
            | "meanwhile"
            | "however"
            | "additionally"
            | "moreover"
            | "furthermore"
            | "still"
            | "yet"
            | "but"
            | "and"
            | "so"
            | "then"
            | "now"
            | "today"
            | "yesterday"
            | "last"
            | "earlier"
            | "later"
            | "if"
            | "when"
            | "once"
            | "because"
            | "instead"
            | "indeed"
            | "thus"
            | "therefore"
            | "also"
            | "first"
            | "firstly"
            | "ultimately"
            | "finally"
            | "similarly"
            | "likewise"
            | "nevertheless"
            | "nonetheless"
            | "separately"
            | "overall"
            | "notably"
            | "importantly"
            | "specifically"
            | "here"
            | "there"
            | "well"
    )
}

/// Pronouns and plural quantifiers after which a base verb form is finite
/// ("they reject", "many suggest").
pub fn takes_base_verb(word: &str) -> bool {
    let w = lower(word);
    matches!(
        w.as_ref(),
        "i" | "we" | "they" | "you" | "many" | "some" | "others" | "both" | "few" | "officials"
    ) || (w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !is_determiner(w.as_ref())
        && !matches!(
            w.as_ref(),
            "this" | "thus" | "was" | "has" | "does" | "is" | "yes" | "less"
        ))
}

pub fn is_determiner(word: &str) -> bool {
    cues::is_determiner(word)
        || matches!(
            lower(word).as_ref(),
            "to" | "of" | "for" | "by" | "with" | "against" | "in" | "on" | "at" | "from" | "as"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_forms_carry_lemma_class_and_kind() {
        let v = verb("Classified").unwrap();
        assert_eq!(
            (v.lemma, v.class, v.kind),
            ("classify", "designate", FormKind::Past)
        );
        let v = verb("rose").unwrap();
        assert_eq!((v.lemma, v.class), ("rise", "increase"));
        let v = verb("rejects").unwrap();
        assert_eq!(
            (v.lemma, v.class, v.kind),
            ("reject", "reject", FormKind::Finite)
        );
        assert_eq!(verb("is").unwrap().kind, FormKind::Finite);
        assert_eq!(verb("rejection"), None);
        // A verb in two classes belongs to the first.
        assert_eq!(verb("approved").unwrap().class, "accept");
    }

    #[test]
    fn event_nouns_and_classes() {
        assert_eq!(event_noun("Designation"), Some("designate"));
        assert_eq!(event_noun("directive"), Some("order"));
        assert_eq!(class_of_lemma("categorize"), "designate");
        assert_eq!(class_of_lemma("frobnicate"), "frobnicate");
    }

    #[test]
    fn auxiliaries() {
        assert_eq!(auxiliary("Has"), Some("have"));
        assert_eq!(auxiliary("could"), Some("could"));
        assert_eq!(auxiliary("’re"), Some("be"));
        assert_eq!(auxiliary("offer"), None);
    }
}
