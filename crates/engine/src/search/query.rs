//! The search query language, parsed into the store's [`SearchQuery`]:
//!
//! - `word` — a document containing the word (any case or accents); words
//!   are ANDed: `sheinbaum troops`;
//! - `"a phrase"` — the words next to each other, in this order;
//! - `a OR b` — either; `OR` joins the word or phrase on each side of it
//!   (there are no parentheses);
//! - `-word`, `-"a phrase"`, `NOT word` — documents without it;
//! - `pre*` — any word that begins with `pre`;
//! - `field:value` or `field:"a value"` — `outlet:`, `author:`, `entity:`,
//!   `speaker:` (the name contains the value, any case), `story:` (a story
//!   id or prefix), `status:` (`corroborated`, `single_source`,
//!   `contested`: documents stating such a fact), `lang:` (`en`, `es`…),
//!   `from:` and `to:` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, inclusive).
//!   Several values of one field are alternatives, different fields all
//!   hold.
//!
//! Anything else is literal text: `COVID-19` and `U.S.` are words (their
//! pieces in a row), `AND` between two words changes nothing. A query that
//! cannot mean anything gets a [`QueryError`] saying where and why; it
//! never reaches the database as syntax.

use std::fmt;

use crosscheck_model::ClaimStatus;
use crosscheck_store::{SearchAtom, SearchFilters, SearchQuery};

/// What is wrong with a query, and where (a character position from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub at: usize,
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.at)
    }
}

impl std::error::Error for QueryError {}

/// The fields a query may name.
pub const FIELDS: &[&str] = &[
    "outlet", "author", "entity", "speaker", "story", "status", "lang", "from", "to",
];

/// One piece of the query, with the character position it starts at.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Atom { atom: SearchAtom, negated: bool },
    Or,
    And,
    Not,
    Field { name: String, value: String },
}

fn error<T>(at: usize, message: impl Into<String>) -> Result<T, QueryError> {
    Err(QueryError {
        at,
        message: message.into(),
    })
}

/// Whether text has something to search for: a letter or a digit.
fn searchable(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// Reads the query into pieces.
fn pieces(query: &str) -> Result<Vec<(usize, Piece)>, QueryError> {
    let chars: Vec<char> = query.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let at = i + 1;
        let negated = chars[i] == '-' && chars.get(i + 1).is_some_and(|c| !c.is_whitespace());
        if chars[i] == '-' && !negated {
            return error(
                at,
                "a minus must come right before the word or phrase to exclude",
            );
        }
        if negated {
            i += 1;
        }
        if chars[i] == '"' {
            let close = chars[i + 1..].iter().position(|&c| c == '"');
            let Some(len) = close else {
                return error(i + 1, "this quotation mark is not closed");
            };
            let text: String = chars[i + 1..i + 1 + len].iter().collect();
            i += len + 2;
            if chars.get(i) == Some(&'*') {
                return error(i + 1, "a * goes after a word, not after a phrase");
            }
            if chars.get(i).is_some_and(|c| !c.is_whitespace()) {
                return error(i + 1, "put a space after the closing quotation mark");
            }
            out.push((
                at,
                Piece::Atom {
                    atom: SearchAtom::Phrase(text.trim().to_string()),
                    negated,
                },
            ));
            continue;
        }
        // A word: up to white space; a field when letters end at a colon.
        let mut end = i;
        while end < chars.len() && !chars[end].is_whitespace() {
            end += 1;
        }
        let word: String = chars[i..end].iter().collect();
        let colon = word.find(':');
        if let Some(c) =
            colon.filter(|&c| c > 0 && word[..c].chars().all(|x| x.is_ascii_alphabetic()))
        {
            let name = word[..c].to_ascii_lowercase();
            if !FIELDS.contains(&name.as_str()) {
                return error(
                    at,
                    format!(
                        "there is no field {name}: (fields: {}); put the text in quotation marks \
                         to search for it",
                        FIELDS.join(", ")
                    ),
                );
            }
            if negated {
                return error(start + 1, format!("a field cannot be excluded (-{name}:)"));
            }
            let value_at = i + word[..=c].chars().count();
            let (value, next) = if chars.get(value_at) == Some(&'"') {
                let close = chars[value_at + 1..].iter().position(|&c| c == '"');
                let Some(len) = close else {
                    return error(value_at + 1, "this quotation mark is not closed");
                };
                (
                    chars[value_at + 1..value_at + 1 + len]
                        .iter()
                        .collect::<String>(),
                    value_at + len + 2,
                )
            } else {
                (word[c + 1..].to_string(), end)
            };
            if value.trim().is_empty() {
                return error(at, format!("{name}: needs a value (for example {name}:…)"));
            }
            out.push((
                at,
                Piece::Field {
                    name,
                    value: value.trim().to_string(),
                },
            ));
            i = next;
            continue;
        }
        i = end;
        match word.as_str() {
            "OR" if !negated => out.push((at, Piece::Or)),
            "AND" if !negated => out.push((at, Piece::And)),
            "NOT" if !negated => out.push((at, Piece::Not)),
            _ => {
                let (text, prefix) = match word.strip_suffix('*') {
                    Some(stem) => (stem.to_string(), true),
                    None => (word.clone(), false),
                };
                if prefix && !searchable(&text) {
                    return error(at, "a * needs the beginning of a word before it");
                }
                out.push((
                    at,
                    Piece::Atom {
                        atom: SearchAtom::Word { text, prefix },
                        negated,
                    },
                ));
            }
        }
    }
    Ok(out)
}

fn atom_text(a: &SearchAtom) -> &str {
    match a {
        SearchAtom::Word { text, .. } | SearchAtom::Phrase(text) => text,
    }
}

/// Parses a query of the language above.
pub fn parse(query: &str) -> Result<SearchQuery, QueryError> {
    let pieces = pieces(query)?;
    let mut q = SearchQuery::default();
    let mut i = 0;
    // A pending NOT applies to the next atom.
    let mut not_at: Option<usize> = None;
    while i < pieces.len() {
        let (at, piece) = &pieces[i];
        match piece {
            Piece::Or => {
                return error(*at, "OR needs a word or phrase on each side");
            }
            Piece::And => {
                let between = i > 0
                    && matches!(pieces[i - 1].1, Piece::Atom { .. } | Piece::Field { .. })
                    && matches!(
                        pieces.get(i + 1),
                        Some((_, Piece::Atom { .. } | Piece::Field { .. }) | (_, Piece::Not))
                    );
                if !between {
                    return error(
                        *at,
                        "AND needs a word on each side (words are ANDed anyway); put it in \
                         quotation marks to search for the word",
                    );
                }
            }
            Piece::Not => {
                if !matches!(
                    pieces.get(i + 1),
                    Some((_, Piece::Atom { negated: false, .. }))
                ) {
                    return error(*at, "NOT needs the word or phrase to exclude after it");
                }
                not_at = Some(*at);
            }
            Piece::Field { name, value } => field(&mut q.filters, name, value, *at)?,
            Piece::Atom { atom, negated } => {
                // An OR chain: atom OR atom OR ….
                let mut group = vec![atom.clone()];
                let negated = *negated || not_at.take().is_some();
                while let Some((or_at, Piece::Or)) = pieces.get(i + 1) {
                    match pieces.get(i + 2) {
                        Some((
                            _,
                            Piece::Atom {
                                atom,
                                negated: false,
                            },
                        )) if !negated => {
                            group.push(atom.clone());
                            i += 2;
                        }
                        _ => return error(*or_at, "OR needs a word or phrase on each side"),
                    }
                }
                group.retain(|a| searchable(atom_text(a)));
                if negated {
                    q.none.extend(group);
                } else if !group.is_empty() {
                    q.all.push(group);
                }
            }
        }
        i += 1;
    }
    if q.all.is_empty() && q.filters == SearchFilters::default() {
        let message = if q.none.is_empty() {
            "there is nothing to search for: give a word, a \"phrase\" or a field"
        } else {
            "exclusions alone would match almost everything: add a word, a phrase or a field"
        };
        return error(1, message);
    }
    Ok(q)
}

/// Adds one field's value to the filters, checking it.
fn field(f: &mut SearchFilters, name: &str, value: &str, at: usize) -> Result<(), QueryError> {
    match name {
        "outlet" => f.outlet.push(value.to_string()),
        "author" => f.author.push(value.to_string()),
        "entity" => f.entity.push(value.to_string()),
        "speaker" => f.speaker.push(value.to_string()),
        "story" => f.story.push(value.to_string()),
        "status" => {
            let v = value.to_ascii_lowercase().replace('-', "_");
            match ClaimStatus::parse(&v) {
                Some(s) => f.status.push(s),
                None => {
                    return error(
                        at,
                        format!(
                            "status:{value} is not a status (corroborated, single_source, \
                             contested)"
                        ),
                    )
                }
            }
        }
        "lang" => {
            if !(2..=3).contains(&value.len()) || !value.chars().all(|c| c.is_ascii_alphabetic()) {
                return error(
                    at,
                    format!("lang:{value} is not a language code (en, es, fr…)"),
                );
            }
            f.lang.push(value.to_ascii_lowercase());
        }
        "from" | "to" => {
            if !is_date(value) {
                return error(
                    at,
                    format!("{name}:{value} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
                );
            }
            let slot = if name == "from" {
                &mut f.from
            } else {
                &mut f.to
            };
            if slot.is_some() {
                return error(at, format!("{name}: is given twice"));
            }
            *slot = Some(value.to_string());
        }
        _ => return error(at, format!("there is no field {name}:")),
    }
    Ok(())
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a month 01–12 and a day 01–31.
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let number = |p: &str| p.parse::<u32>().unwrap_or(0);
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&number(m)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && (1..=12).contains(&number(m))
                && (1..=31).contains(&number(d))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(t: &str) -> SearchAtom {
        SearchAtom::Word {
            text: t.into(),
            prefix: false,
        }
    }

    #[test]
    fn words_phrases_or_exclusion_prefix_and_fields() {
        let q = parse(r#"sheinbaum "military aid" troops OR soldiers -wall fent* outlet:"Thin Line" status:corroborated from:2025-05 to:2025"#).unwrap();
        assert_eq!(
            q.all,
            vec![
                vec![word("sheinbaum")],
                vec![SearchAtom::Phrase("military aid".into())],
                vec![word("troops"), word("soldiers")],
                vec![SearchAtom::Word {
                    text: "fent".into(),
                    prefix: true
                }],
            ]
        );
        assert_eq!(q.none, vec![word("wall")]);
        assert_eq!(q.filters.outlet, ["Thin Line"]);
        assert_eq!(q.filters.status, [ClaimStatus::Corroborated]);
        assert_eq!(q.filters.from.as_deref(), Some("2025-05"));
        assert_eq!(q.filters.to.as_deref(), Some("2025"));
    }

    #[test]
    fn punctuation_in_words_is_text_not_syntax() {
        assert_eq!(parse("COVID-19").unwrap().all, vec![vec![word("COVID-19")]]);
        assert_eq!(parse("U.S.").unwrap().all, vec![vec![word("U.S.")]]);
        assert_eq!(
            parse("a AND b").unwrap().all,
            vec![vec![word("a")], vec![word("b")]]
        );
        assert_eq!(parse("NOT x y").unwrap().none, vec![word("x")]);
        assert_eq!(parse("10:30 talks").unwrap().all.len(), 2);
        // Nothing searchable in a word of punctuation: it is dropped.
        assert_eq!(parse("— talks").unwrap().all, vec![vec![word("talks")]]);
    }

    #[test]
    fn bad_queries_say_where_and_why() {
        let e = |q: &str| parse(q).unwrap_err();
        assert_eq!(e("\"unclosed").at, 1);
        assert!(e("\"unclosed").message.contains("not closed"));
        assert!(e("AND").message.contains("AND needs a word"));
        assert!(e("OR x").message.contains("OR needs"));
        assert!(e("x OR").message.contains("OR needs"));
        assert_eq!(e("a foo:bar").at, 3);
        assert!(e("a foo:bar").message.contains("no field foo:"));
        assert!(e("status:true").message.contains("not a status"));
        assert!(e("from:2025-13").message.contains("not a date"));
        assert!(e("outlet:").message.contains("needs a value"));
        assert!(e("-x").message.contains("exclusions alone"));
        assert!(e("").message.contains("nothing to search"));
        assert!(e("a - b").message.contains("minus"));
        assert!(e("*").message.contains("*"));
        assert!(e("\"a b\"*").message.contains("after a phrase"));
        assert!(e("-outlet:x a").message.contains("cannot be excluded"));
        assert!(e("x NOT").message.contains("NOT needs"));
        assert!(e("x outlet:\"open").message.contains("not closed"));
        assert_eq!(
            e("\"unclosed").to_string(),
            "this quotation mark is not closed (at character 1)"
        );
    }
}
