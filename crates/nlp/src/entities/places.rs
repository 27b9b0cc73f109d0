//! What the document itself says about places the word lists do not know.
//!
//! - Demonyms: an unknown capitalised word is the adjective of a place when
//!   its stem is another capitalised word of the text ("Velorian" and
//!   "Veloria", "Kestrian" and "Kestria": stem + "n", "an" or "ian"), or
//!   when, ending in "-ian"/"-ean", it is only ever used as an adjective
//!   ("Velorian crews", "Velorian President", "spoke in Velorian"). It is
//!   then no entity of its own, but it may open a role; the word it derives
//!   from is marked as a nation.
//! - Place evidence for a one-word name: a locative preposition before it
//!   ("in Saltmere"), "the port of Saltmere", a possessive with an
//!   institution ("Veloria's coast guard"), a demonym in the text.
//! - Names ending with a place head after "the" or a locative preposition
//!   ("at the Amber Palace") and names opening with a place prefix ("Port
//!   Alvar") are places.

use std::collections::HashMap;

use super::candidates::SPEECH;
use super::lexicon::LEX;
use super::units::{UKind, Unit};

/// Prepositions that put a name in a place.
const LOCATIVE: &[&str] = &[
    "in",
    "near",
    "off",
    "across",
    "throughout",
    "outside",
    "inside",
    "within",
];

/// Prepositions of direction or position: weaker evidence ("a letter to
/// Trump", "angry at Trump").
const DIRECTION: &[&str] = &["to", "from", "into", "toward", "towards", "at"];

/// Words before "to" that make it no direction ("according to").
const NOT_DIRECTION: &[&str] = &[
    "according",
    "due",
    "thanks",
    "close",
    "next",
    "owing",
    "similar",
    "loyal",
    "opposed",
];

/// "the port of Saltmere", "the people of Veloria".
const PLACE_NOUNS: &[&str] = &[
    "port",
    "city",
    "town",
    "village",
    "capital",
    "province",
    "region",
    "island",
    "harbour",
    "harbor",
    "county",
    "district",
    "republic",
    "kingdom",
    "coast",
    "people",
    "citizens",
    "residents",
    "government",
    "streets",
    "outskirts",
    "suburbs",
    "centre",
    "center",
];

/// What a place has: "Veloria's coast guard", "Saltmere's eastern quay".
const INSTITUTIONS: &[&str] = &[
    "coast",
    "coastline",
    "navy",
    "army",
    "military",
    "government",
    "parliament",
    "capital",
    "president",
    "prime",
    "premier",
    "foreign",
    "ministry",
    "embassy",
    "ambassador",
    "port",
    "ports",
    "harbour",
    "harbor",
    "waters",
    "border",
    "borders",
    "economy",
    "citizens",
    "territory",
    "airspace",
    "constitution",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "mayor",
    "residents",
    "population",
];

/// Adjectives of direction ("in Northern Syria"), never a place alone.
const DIRECTIONS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
];

/// Words before "in" that make it no place ("an interest in BlackBerry").
const NOT_LOCATIVE: &[&str] = &[
    "interest",
    "interested",
    "interests",
    "invest",
    "invested",
    "investment",
    "investments",
    "stake",
    "stakes",
    "shares",
    "role",
    "part",
    "trust",
    "faith",
    "confidence",
    "belief",
    "involved",
    "participation",
    "published",
    "reported",
    "quoted",
    "cited",
    "featured",
    "appeared",
    "created",
    "recreated",
    "edited",
    "written",
    "made",
    "built",
    "designed",
    "believe",
    "believes",
    "believed",
    "engaged",
    "engagement",
    "partner",
    "partners",
];

/// Lower-case words after a name that show it is the subject of a clause,
/// not an adjective.
const FUNCTION: &[&str] = &[
    "is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "should", "can",
    "may", "might", "must", "did", "does", "do", "and", "or", "but", "who", "which", "that", "of",
    "to", "in", "on", "at", "for", "with", "by", "as", "than", "also", "not", "then",
];

/// The places a demonym may derive from: "velorian" -> "veloria",
/// "mexican" -> "mexico", "italian" -> "italy", "canadian" -> "canada".
fn stems(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(b) = w.strip_suffix('n') {
        out.push(b.to_string());
    }
    for suffix in ["an", "ian"] {
        if let Some(b) = w.strip_suffix(suffix) {
            out.push(b.to_string());
            for v in ["a", "o", "e", "y"] {
                out.push(format!("{b}{v}"));
            }
        }
    }
    out.retain(|s| s.chars().count() >= 3);
    out
}

/// True when `w` is a demonym of the place `x` (both lookup keys).
pub(crate) fn demonym_of(w: &str, x: &str) -> bool {
    w != x && w.chars().count() >= 5 && stems(w).iter().any(|s| s == x)
}

/// A capitalised word that neither list knows.
fn unknown_word(u: &Unit) -> bool {
    let lex = &*LEX;
    u.kind == UKind::Word
        && u.cap
        && !u.caps
        && u.key.chars().all(char::is_alphabetic)
        && !lex.gaz.contains_key(&u.key)
        && !lex.given.contains_key(&u.key)
        && !lex.common.contains(&u.key)
        && !lex.role_heads.contains(&u.key)
        && !lex.role_mods.contains(&u.key)
}

fn prev_in(units: &[Unit], i: usize) -> Option<&Unit> {
    let p = units.get(i.checked_sub(1)?)?;
    (p.sent == units[i].sent).then_some(p)
}

fn next_in(units: &[Unit], i: usize) -> Option<&Unit> {
    let n = units.get(i + 1)?;
    (n.sent == units[i].sent).then_some(n)
}

fn lower_word(u: &Unit) -> bool {
    u.kind == UKind::Word && !u.cap && !u.caps
}

/// How one occurrence of a possible demonym is used: `None` when it cannot
/// be an adjective, `Some(true)` for an adjective before a noun or a role,
/// `Some(false)` for a neutral use ("spoke in Velorian").
fn adjective_use(units: &[Unit], i: usize) -> Option<bool> {
    let lex = &*LEX;
    if let Some(p) = prev_in(units, i) {
        if p.is_name_like() && !lex.common.contains(&p.key) {
            return None;
        }
    }
    match next_in(units, i) {
        Some(n) if lower_word(n) => {
            let k = n.key.as_str();
            let verb = SPEECH.contains(&k) || FUNCTION.contains(&k) || k.ends_with("ed");
            (!verb).then_some(true)
        }
        Some(n) if n.is_name_like() => {
            let k = &n.key;
            let fits = lex.role_heads.contains(k)
                || lex.role_mods.contains(k)
                || lex.org_heads.contains(k)
                || lex.place_heads.contains(k);
            fits.then_some(true)
        }
        Some(n) if n.kind == UKind::Poss => None,
        _ => prev_in(units, i)
            .is_some_and(|p| lower_word(p) && p.key == "in")
            .then_some(false),
    }
}

/// Mark the demonyms of the text and the places they derive from.
pub(crate) fn mark_demonyms(units: &mut [Unit]) {
    let lex = &*LEX;
    let mut occ: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        if u.kind == UKind::Word && u.cap && !u.caps {
            occ.entry(u.key.clone()).or_default().push(i);
        }
    }
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for (w, at) in &occ {
        if w.chars().count() < 5 || !w.ends_with('n') || !unknown_word(&units[at[0]]) {
            continue;
        }
        let nation = stems(w).into_iter().find(|x| {
            occ.contains_key(x)
                && !lex.given.contains_key(x)
                && !lex.common.contains(x)
                && !lex.role_heads.contains(x)
        });
        let after_name = at.iter().any(|&i| {
            prev_in(units, i).is_some_and(|p| {
                lex.given.contains_key(&p.key) || lex.honorifics.contains_key(&p.key)
            })
        });
        let uses: Option<Vec<bool>> = at.iter().map(|&i| adjective_use(units, i)).collect();
        let adjective =
            (w.ends_with("ian") || w.ends_with("ean")) && uses.is_some_and(|u| u.contains(&true));
        if !((nation.is_some() && !after_name) || adjective) {
            continue;
        }
        for &i in at {
            marks.push((i, 0));
        }
        if let Some(x) = nation {
            for &i in &occ[&x] {
                marks.push((i, 1));
            }
        }
    }
    for (i, what) in marks {
        if what == 0 {
            units[i].demonym = true;
        } else {
            units[i].nation = true;
        }
    }
}

/// Evidence that the one-word name at unit `i` is a place, the demonym
/// aside (see [`Unit::nation`]): (strong, weak). Strong: "in Saltmere",
/// "the port of Saltmere", "Veloria's coast guard"; weak: "to Veloria",
/// "from Veloria", said of organisations and people too.
pub(crate) fn place_score(units: &[Unit], i: usize) -> (u32, u32) {
    let u = &units[i];
    if u.caps || u.key.chars().count() < 3 || DIRECTIONS.contains(&u.key.as_str()) {
        return (0, 0);
    }
    let (mut strong, mut weak) = (0, 0);
    let next = next_in(units, i);
    // "Davis' commentary" is a possessive too.
    let poss = next.is_some_and(|n| {
        n.kind == UKind::Poss
            || (n.kind == UKind::Punct && n.start == u.end && matches!(n.key.as_str(), "'" | "’"))
    });
    if let Some(p) = prev_in(units, i).filter(|p| lower_word(p)) {
        let pp = prev_in(units, i - 1);
        let ppk = pp.map(|q| q.key.as_str());
        let k = p.key.as_str();
        // "Research in Motion", "Women in Power": a name, not a place.
        let named = pp.is_some_and(|q| q.is_name_like() && !q.initial);
        let ends = !poss && !named && ends_phrase(next);
        if LOCATIVE.contains(&k) && ends && !ppk.is_some_and(|q| NOT_LOCATIVE.contains(&q)) {
            strong += 2;
        } else if DIRECTION.contains(&k) && ends && !ppk.is_some_and(|q| NOT_DIRECTION.contains(&q))
        {
            weak += 1;
        } else if k == "of" && ppk.is_some_and(|q| PLACE_NOUNS.contains(&q)) {
            strong += 3;
        }
    }
    if poss {
        let inst = units
            .get(i + 2)
            .is_some_and(|w| w.sent == u.sent && INSTITUTIONS.contains(&w.key.as_str()));
        if inst {
            strong += 2;
        }
    }
    (strong, weak)
}

/// The name before `next` ends its phrase: "in Mosul, ...", "in Saltmere
/// welcomed", not "in Talib fighters" or "in Northern Syria".
fn ends_phrase(next: Option<&Unit>) -> bool {
    let Some(n) = next else { return true };
    match n.kind {
        UKind::Punct => true,
        UKind::Word if lower_word(n) => {
            let k = n.key.as_str();
            FUNCTION.contains(&k)
                || SPEECH.contains(&k)
                || k.ends_with("ed")
                || matches!(
                    k,
                    "last"
                        | "this"
                        | "after"
                        | "since"
                        | "during"
                        | "before"
                        | "until"
                        | "where"
                        | "when"
                        | "while"
                        | "earlier"
                        | "yesterday"
                        | "today"
                        | "over"
                        | "amid"
                        | "following"
                        | "from"
                        | "into"
                        | "near"
                        | "under"
                        | "about"
                )
        }
        _ => false,
    }
}

/// "at the Amber Palace", "in Victoria Square": a name ending with a place
/// head right after "the" or a locative preposition.
pub(crate) fn placed_head(units: &[Unit], a: usize, b: usize) -> bool {
    let lex = &*LEX;
    if b < a + 2 || !lex.place_heads.contains(&units[b - 1].key) {
        return false;
    }
    prev_in(units, a).is_some_and(|p| {
        lower_word(p)
            && (matches!(p.key.as_str(), "the" | "at") || LOCATIVE.contains(&p.key.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demonym_stems() {
        assert!(demonym_of("velorian", "veloria"));
        assert!(demonym_of("mexican", "mexico"));
        assert!(demonym_of("italian", "italy"));
        assert!(demonym_of("canadian", "canada"));
        assert!(demonym_of("roman", "rome"));
        assert!(!demonym_of("morgan", "morgan"));
        assert!(!demonym_of("kelly", "kell"));
    }
}
