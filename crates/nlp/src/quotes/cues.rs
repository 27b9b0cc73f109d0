//! Reporting verbs (cues) and the small word classes the attribution rules
//! need. Written for this project: speech verbs, writing verbs, and verbs of
//! belief and intention, which news attribution covers too ("X believes
//! that ...").

use std::collections::HashMap;
use std::sync::LazyLock;

/// How strongly a verb signals an attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueStrength {
    /// A verb of saying: attributes whatever follows or precedes it.
    Speech,
    /// A verb of thinking, wanting or showing: attributes only a following
    /// clause ("believes that ...", "wants to ...").
    Belief,
}

/// Verbs of saying and of taking a stance in words (base forms; "-s",
/// "-ed" and "-ing" forms are generated, irregular past forms are listed in
/// `IRREGULAR`).
#[rustfmt::skip]
const SPEECH: &[&str] = &[
    "say", "tell", "add", "state", "ask", "write", "explain", "continue", "note", "declare",
    "insist", "argue", "claim", "reply", "respond", "announce", "warn", "acknowledge", "admit",
    "recall", "tweet", "report", "emphasize", "emphasise", "stress", "assert", "remark", "comment",
    "observe", "conclude", "predict", "promise", "vow", "pledge", "suggest", "propose", "deny",
    "confirm", "testify", "concede", "joke", "quip", "retort", "exclaim", "shout", "yell", "demand",
    "urge", "complain", "boast", "mention", "inquire", "wonder", "contend", "allege",
    "reiterate", "counter", "caution", "accuse", "praise", "criticize", "criticise", "blame",
    "dismiss", "reveal", "disclose", "indicate", "assure", "tout", "brag", "lament", "agree",
    "disagree", "recount", "describe", "elaborate", "answer", "interject", "signal", "echo",
    "stipulate", "speculate", "affirm", "proclaim", "post", "mock", "decry", "denounce", "condemn",
    "thank", "plead", "endorse", "defend", "refuse", "decline", "reject", "welcome", "blast",
    "slam", "attack", "threaten", "cite", "email", "text", "chant", "read", "implore", "lobby", "question",
    "advise", "recommend", "highlight", "underscore", "contradict", "apologize", "apologise", "rebut", "retract", "clarify", "hint", "imply", "fume", "scoff", "snap", "muse",
    "marvel", "grumble", "gush", "concur", "dispute", "challenge", "oppose", "support", "back", "ridicule", "call", "show", "find", "refer", "point", "express", "offer",
    "discuss", "remind", "request", "encourage", "compare", "portray", "invoke", "applaud",
    "retweet", "list", "identify", "label", "dub", "brand", "term", "characterize", "characterise",
    "frame", "push", "speak", "rail", "voice", "sound", "order", "press", "project", "forecast",
    "deem", "quote", "liken", "champion", "embrace", "present", "unveil", "outline",
    "advocate", "disavow", "rebuff", "react", "congratulate", "weigh", "talk", "issue", "name",
    "nominate", "repeat", "regret", "submit",
];

/// Verbs of belief, intention and evidence: they attribute only a clause
/// introduced by "that" or "to" ("believes that ...", "wants to ...").
#[rustfmt::skip]
const BELIEF: &[&str] = &[
    "think", "believe", "hope", "fear", "feel", "worry", "know", "want", "doubt", "suspect",
    "estimate", "plan", "assume", "understand", "consider", "realize", "realise", "learn",
    "seek", "decide", "prefer", "wish", "see", "guess", "imagine", "recognize",
    "recognise", "determine", "aim",
];

/// Cue verbs that are also common nouns ("the state", "his remarks"): their
/// base and "-s" forms count only after a pronoun subject.
#[rustfmt::skip]
const NOUN_LIKE: &[&str] = &[
    "state", "comment", "remark", "question", "note", "report", "claim", "plan", "charge", "post",
    "answer", "echo", "signal", "counter", "praise", "blame", "tout", "mock", "thank", "text",
    "email", "support", "back", "favor", "favour", "call", "attack", "challenge", "dispute",
    "demand", "promise", "pledge", "vow", "threaten", "welcome", "hint", "concern", "estimate",
    "reply", "respond", "show", "hope", "fear", "doubt", "want", "wish", "aim", "try", "decline",
    "reject", "cite", "advise", "point", "offer", "list", "request", "label", "brand", "term",
    "frame", "push", "refer", "issue", "name", "order", "present", "press", "sound", "voice",
    "talk", "quote", "project", "forecast", "champion", "chant", "read",
 "tweet", "endorse", "oppose",
];

const IRREGULAR: &[(&str, &str)] = &[
    ("say", "said"),
    ("tell", "told"),
    ("speak", "spoke"),
    ("speak", "spoken"),
    ("write", "wrote"),
    ("write", "written"),
    ("think", "thought"),
    ("know", "knew"),
    ("know", "known"),
    ("feel", "felt"),
    ("find", "found"),
    ("understand", "understood"),
    ("show", "shown"),
    ("lash", "lashed"),
];

/// Every form of every cue verb, to its base form and strength.
static FORMS: LazyLock<HashMap<String, (&'static str, CueStrength)>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for (list, strength) in [(SPEECH, CueStrength::Speech), (BELIEF, CueStrength::Belief)] {
        for &base in list {
            for form in inflections(base) {
                m.entry(form).or_insert((base, strength));
            }
        }
    }
    for &(base, form) in IRREGULAR {
        let strength = if SPEECH.contains(&base) {
            CueStrength::Speech
        } else {
            CueStrength::Belief
        };
        m.insert(form.to_string(), (base, strength));
    }
    m
});

/// The regular forms of a verb: base, third person, past, gerund
/// ("admit" → "admits", "admitted", "admitting").
pub fn inflections(base: &str) -> Vec<String> {
    let mut v = vec![base.to_string()];
    let stem_e = base.strip_suffix('e');
    let ends_y = base.ends_with('y') && !base.ends_with("ay") && !base.ends_with("ey");
    // Third person.
    if ends_y {
        v.push(format!("{}ies", &base[..base.len() - 1]));
    } else if base.ends_with('s')
        || base.ends_with("sh")
        || base.ends_with("ch")
        || base.ends_with('x')
    {
        v.push(format!("{base}es"));
    } else {
        v.push(format!("{base}s"));
    }
    // Past.
    if stem_e.is_some() {
        v.push(format!("{base}d"));
    } else if ends_y {
        v.push(format!("{}ied", &base[..base.len() - 1]));
    } else if doubles_final(base) {
        let last = &base[base.len() - 1..];
        v.push(format!("{base}{last}ed"));
    } else {
        v.push(format!("{base}ed"));
    }
    // Gerund.
    match stem_e {
        Some(stem) if !base.ends_with("ee") => v.push(format!("{stem}ing")),
        _ if doubles_final(base) => {
            let last = &base[base.len() - 1..];
            v.push(format!("{base}{last}ing"));
        }
        _ => v.push(format!("{base}ing")),
    }
    v
}

/// Verbs that double their final consonant: "admitted", "slamming".
fn doubles_final(base: &str) -> bool {
    matches!(
        base,
        "quip"
            | "plan"
            | "admit"
            | "slam"
            | "rebut"
            | "regret"
            | "commit"
            | "submit"
            | "snap"
            | "chat"
            | "nod"
            | "jab"
            | "plot"
            | "prod"
            | "stop"
    )
}

/// The base form and strength of a cue word, if it is one (case-insensitive).
pub fn cue(word: &str) -> Option<(&'static str, CueStrength)> {
    let lower = word.to_lowercase();
    FORMS.get(lower.as_str()).copied()
}

/// Whether the cue word is a base or "-s" form of a verb that is also a
/// common noun ("state", "remarks").
pub fn is_noun_like(word: &str) -> bool {
    let lower = word.to_lowercase();
    match FORMS.get(lower.as_str()) {
        Some((base, _)) if NOUN_LIKE.contains(base) => {
            lower == *base
                || lower.strip_suffix('s') == Some(base)
                || lower.strip_suffix("es") == Some(base)
        }
        _ => false,
    }
}

/// Whether the cue word is a present participle ("stating", "adding"), whose
/// subject is the subject of its sentence.
pub fn is_participle(word: &str) -> bool {
    word.len() > 4 && word.to_lowercase().ends_with("ing")
}

/// Words that may stand between a subject and its verb ("has also said",
/// "would later write").
pub fn is_verb_filler(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "has"
            | "have"
            | "had"
            | "always"
            | "now"
            | "also"
            | "previously"
            | "later"
            | "repeatedly"
            | "recently"
            | "publicly"
            | "once"
            | "then"
            | "will"
            | "would"
            | "could"
            | "might"
            | "may"
            | "did"
            | "does"
            | "do"
            | "again"
            | "often"
            | "still"
            | "reportedly"
            | "allegedly"
            | "already"
            | "even"
            | "further"
            | "privately"
            | "simply"
            | "quickly"
            | "firmly"
            | "flatly"
            | "openly"
            | "never"
            | "not"
            | "is"
            | "was"
            | "are"
            | "were"
            | "been"
            | "be"
            | "just"
            | "first"
    ) || (word.len() > 4 && word.ends_with("ly") && word.chars().all(|c| c.is_ascii_lowercase()))
}

/// Words that cannot be inside a subject noun phrase: they end the phrase
/// when scanning left from a verb.
pub fn ends_subject(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "but"
            | "and"
            | "or"
            | "when"
            | "while"
            | "as"
            | "because"
            | "if"
            | "since"
            | "after"
            | "before"
            | "where"
            | "although"
            | "though"
            | "so"
            | "than"
            | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "to"
            | "from"
            | "by"
            | "about"
            | "into"
            | "over"
            | "under"
            | "during"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "not"
            | "what"
            | "how"
            | "why"
            | "then"
            | "also"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "can"
            | "may"
            | "might"
            | "must"
            | "did"
            | "does"
            | "do"
            | "it’s"
            | "it's"
            | "yet"
            | "once"
            | "until"
            | "unless"
            | "whether"
            | "upon"
            | "against"
            | "without"
            | "through"
            | "between"
            | "among"
            | "like"
            | "says"
            | "said"
            | "say"
    )
}

pub fn is_pronoun(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "he" | "she" | "they" | "i" | "we" | "it" | "you"
    )
}

pub fn is_determiner(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "this"
            | "these"
            | "those"
            | "some"
            | "many"
            | "several"
            | "one"
            | "two"
            | "three"
            | "other"
            | "another"
            | "most"
            | "few"
            | "both"
            | "all"
            | "each"
            | "any"
            | "no"
            | "my"
            | "your"
    )
}

/// Nouns that name a source of evidence: "the poll shows", "the data
/// suggest".
pub fn is_evidence_noun(word: &str) -> bool {
    matches!(
        word,
        "poll"
            | "polls"
            | "survey"
            | "surveys"
            | "study"
            | "studies"
            | "data"
            | "report"
            | "reports"
            | "analysis"
            | "research"
            | "figures"
            | "numbers"
            | "results"
            | "records"
            | "documents"
            | "emails"
            | "tally"
            | "census"
            | "review"
            | "audit"
            | "investigation"
            | "statement"
            | "memo"
            | "letter"
            | "filing"
            | "ad"
            | "video"
            | "report’s"
            | "findings"
            | "estimates"
            | "projections"
            | "forecast"
            | "model"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(cue("said").map(|c| c.0), Some("say"));
        assert_eq!(cue("Stating").map(|c| c.0), Some("state"));
        assert_eq!(cue("replied").map(|c| c.0), Some("reply"));
        assert_eq!(cue("emphasizes").map(|c| c.0), Some("emphasize"));
        assert_eq!(cue("believes").map(|c| c.1), Some(CueStrength::Belief));
        assert_eq!(cue("table"), None);
        assert!(is_participle("adding") && !is_participle("said"));
    }
}
