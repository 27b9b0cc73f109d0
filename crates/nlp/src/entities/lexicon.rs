//! The word lists of the entity finder, built once from the `.txt` files in
//! `lexicon/` (written for crosscheck, compiled into the binary).
//!
//! Every lookup goes through [`key`]: lower case, diacritics folded, dots
//! dropped, curly apostrophes straightened, so that "U.S.", "US" and "us"
//! share the key "us" (short keys only match capitalised surfaces, see
//! [`GazEntry::short`]).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crosscheck_model::{EntityKind, Gender};

use crate::tokens::{tokenize, TokenKind};

const COMMON: &str = include_str!("lexicon/common.txt");
const GIVEN: &str = include_str!("lexicon/given_names.txt");
const PLACES: &str = include_str!("lexicon/places.txt");
const ORGS: &str = include_str!("lexicon/orgs.txt");
const ORG_HEADS: &str = include_str!("lexicon/org_heads.txt");
const PLACE_HEADS: &str = include_str!("lexicon/place_heads.txt");
const PLACE_PREFIXES: &str = include_str!("lexicon/place_prefixes.txt");
const ROLES: &str = include_str!("lexicon/roles.txt");

/// A known name: a place, an organisation, or a demonym ("Mexican").
#[derive(Debug, Clone)]
pub(crate) struct GazEntry {
    pub canonical: String,
    pub kind: EntityKind,
    /// An adjective of a place: no mention of its own, but it names the
    /// place in a role ("Mexican President").
    pub demonym: bool,
    /// A key of at most three letters ("us", "un", "uk"): it matches only a
    /// surface written without lower-case letters ("US", "U.S.").
    pub short: bool,
}

pub(crate) struct Lexicon {
    pub common: HashSet<String>,
    pub given: HashMap<String, Gender>,
    pub gaz: HashMap<String, GazEntry>,
    /// The most tokens of any gazetteer key.
    pub gaz_max: usize,
    pub org_heads: HashSet<String>,
    pub place_heads: HashSet<String>,
    /// First words of place names ("port", "lake").
    pub place_prefixes: HashSet<String>,
    pub role_heads: HashSet<String>,
    pub role_mods: HashSet<String>,
    pub complements: HashSet<String>,
    pub qualifiers: HashSet<String>,
    pub role_gender: HashMap<String, Gender>,
    /// Forms of address ("mr"): the gender they tell, if any.
    pub honorifics: HashMap<String, Option<Gender>>,
    /// Abbreviated titles that are roles ("sen", "gov", "dr").
    pub title_abbrevs: HashSet<String>,
    /// Heads that "leader" may stand for.
    pub leaders: HashSet<String>,
}

pub(crate) static LEX: LazyLock<Lexicon> = LazyLock::new(build);

/// The lookup key of a word or phrase.
pub(crate) fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '.' => {}
            '’' | '‘' | '`' => out.push('\''),
            _ => {
                for l in c.to_lowercase() {
                    out.push(fold(l));
                }
            }
        }
    }
    out
}

/// Fold the common Latin diacritics ("é" -> "e").
pub(crate) fn fold(c: char) -> char {
    crosscheck_model::names::fold_diacritic(c)
}

/// The gazetteer key of a phrase: the keys of its word tokens joined by
/// single spaces (punctuation other than "&" dropped).
pub(crate) fn phrase_key(s: &str) -> (String, usize) {
    let mut out = String::new();
    let mut n = 0;
    for t in tokenize(s) {
        let w = t.text(s);
        if t.kind == TokenKind::Punct && w != "&" {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&key(w));
        n += 1;
    }
    (out, n)
}

fn lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn words(src: &'static str) -> HashSet<String> {
    lines(src)
        .flat_map(str::split_whitespace)
        .map(key)
        .collect()
}

/// `[section]` headed lists of white-space separated words.
fn sections(src: &'static str) -> HashMap<&'static str, Vec<&'static str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut current = "";
    for l in lines(src) {
        if let Some(name) = l.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            current = name;
            continue;
        }
        out.entry(current).or_default().extend(l.split_whitespace());
    }
    out
}

fn add_gaz(lex: &mut Lexicon, name: &str, canonical: &str, kind: EntityKind, demonym: bool) {
    let (k, n) = phrase_key(name);
    if k.is_empty() {
        return;
    }
    let short = k.chars().filter(|c| c.is_alphanumeric()).count() <= 3;
    lex.gaz_max = lex.gaz_max.max(n);
    // The first entry wins: countries come before cities in the lists.
    lex.gaz.entry(k.clone()).or_insert(GazEntry {
        canonical: canonical.to_string(),
        kind,
        demonym,
        short,
    });
    // "The Wall Street Journal" is also found as "Wall Street Journal".
    if let Some(rest) = k.strip_prefix("the ") {
        let rest = rest.to_string();
        lex.gaz.entry(rest).or_insert(GazEntry {
            canonical: canonical.to_string(),
            kind,
            demonym,
            short,
        });
    }
}

fn add_gaz_file(lex: &mut Lexicon, src: &'static str, kind: EntityKind) {
    for l in lines(src) {
        let mut parts = l.split('|').map(str::trim);
        let canonical = parts.next().unwrap_or("");
        if canonical.is_empty() {
            continue;
        }
        add_gaz(lex, canonical, canonical, kind, false);
        for alias in parts.next().unwrap_or("").split(',').map(str::trim) {
            if !alias.is_empty() {
                add_gaz(lex, alias, canonical, kind, false);
            }
        }
        for dem in parts.next().unwrap_or("").split(',').map(str::trim) {
            if !dem.is_empty() {
                add_gaz(lex, dem, canonical, kind, true);
            }
        }
    }
}

fn build() -> Lexicon {
    let roles = sections(ROLES);
    let set = |name: &str| -> HashSet<String> {
        roles
            .get(name)
            .map(|v| v.iter().map(|w| key(w)).collect())
            .unwrap_or_default()
    };
    let mut lex = Lexicon {
        common: words(COMMON),
        given: HashMap::new(),
        gaz: HashMap::new(),
        gaz_max: 1,
        org_heads: words(ORG_HEADS),
        place_heads: words(PLACE_HEADS),
        place_prefixes: words(PLACE_PREFIXES),
        role_heads: set("head"),
        role_mods: set("modifier"),
        complements: set("complement"),
        qualifiers: set("qualifier"),
        role_gender: HashMap::new(),
        honorifics: HashMap::new(),
        title_abbrevs: set("title-abbrev"),
        leaders: set("leader"),
    };
    for (section, gender) in [("female", Gender::Female), ("male", Gender::Male)] {
        for w in roles.get(section).into_iter().flatten() {
            lex.role_gender.insert(key(w), gender);
        }
    }
    // Honorific lines are "word - gender" triples flattened to words.
    let hon = roles.get("honorific").cloned().unwrap_or_default();
    for chunk in hon.chunks(3) {
        let gender = match chunk.get(2) {
            Some(&"female") => Some(Gender::Female),
            Some(&"male") => Some(Gender::Male),
            _ => None,
        };
        lex.honorifics.insert(key(chunk[0]), gender);
    }
    let given = sections(GIVEN);
    for (section, gender) in [("female", Gender::Female), ("male", Gender::Male)] {
        for w in given.get(section).into_iter().flatten() {
            lex.given.insert(key(w), gender);
        }
    }
    add_gaz_file(&mut lex, PLACES, EntityKind::Place);
    add_gaz_file(&mut lex, ORGS, EntityKind::Organization);
    lex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_dots_and_diacritics() {
        assert_eq!(key("U.S."), "us");
        assert_eq!(key("México"), "mexico");
        assert_eq!(key("Trump’s"), "trump's");
        assert_eq!(
            phrase_key("The Wall Street Journal").0,
            "the wall street journal"
        );
    }

    #[test]
    fn lists_load() {
        let l = &*LEX;
        assert_eq!(l.gaz["us"].canonical, "United States");
        assert_eq!(l.gaz["united states of america"].canonical, "United States");
        assert!(l.gaz["mexican"].demonym);
        assert_eq!(l.gaz["wall street journal"].kind, EntityKind::Organization);
        assert_eq!(l.given["claudia"], Gender::Female);
        assert_eq!(l.given["donald"], Gender::Male);
        assert_eq!(l.given["henrik"], Gender::Male);
        assert_eq!(l.given["astrid"], Gender::Female);
        assert!(l.place_prefixes.contains("port"));
        assert!(l.place_heads.contains("quay"));
        assert_eq!(l.honorifics["mr"], Some(Gender::Male));
        assert!(l.role_heads.contains("president"));
        assert!(l.common.contains("however"));
        assert!(l.title_abbrevs.contains("sen"));
        assert!(l.gaz_max >= 4);
    }
}
