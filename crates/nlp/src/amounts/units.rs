//! The unit of an amount: currency signs and prefixes before it ("$",
//! "US$", "USD"), unit words after it ("percent", "dollars", "tonnes"),
//! and the counted noun of a plain count ("gang members" → "gang member").

use super::Ctx;
use crate::TokenKind;

/// A currency sign at the start of a number token.
pub(super) fn currency_sign(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "JPY",
        _ => return None,
    })
}

/// A letter prefix glued to "$": "US$", "C$", "A$", "MX$", "R$".
pub(super) fn dollar_prefix(w: &str) -> Option<&'static str> {
    Some(match w {
        "US" | "U.S." => "USD",
        "C" | "CA" | "CAN" => "CAD",
        "A" | "AU" => "AUD",
        "MX" | "Mex" => "MXN",
        "NZ" => "NZD",
        "HK" => "HKD",
        "R" => "BRL",
        _ => return None,
    })
}

/// An ISO code written as a word ("USD 40 million", "40 million EUR").
pub(super) fn iso_code(w: &str) -> Option<&'static str> {
    const CODES: [&str; 12] = [
        "USD", "EUR", "GBP", "JPY", "MXN", "CNY", "INR", "CAD", "AUD", "CHF", "BRL", "RUB",
    ];
    CODES.iter().find(|c| **c == w).copied()
}

/// A currency named by a word after the number.
fn currency_word(w: &str) -> Option<&'static str> {
    let l = w.to_ascii_lowercase();
    Some(match l.as_str() {
        "dollar" | "dollars" => "USD",
        "euro" | "euros" => "EUR",
        "peso" | "pesos" => "MXN",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "rupee" | "rupees" => "INR",
        "franc" | "francs" => "CHF",
        "real" | "reais" => "BRL",
        "rouble" | "roubles" | "ruble" | "rubles" => "RUB",
        _ => return None,
    })
}

/// A measure word, singular or plural, British or American spelling.
pub(super) fn measure_word(w: &str) -> Option<&'static str> {
    let l = w.to_ascii_lowercase();
    Some(match l.as_str() {
        "tonne" | "tonnes" | "ton" | "tons" => "tonne",
        "kilogram" | "kilograms" | "kilo" | "kilos" | "kg" => "kilogram",
        "pound" | "pounds" | "lb" | "lbs" => "pound",
        "kilometre" | "kilometres" | "kilometer" | "kilometers" | "km" => "kilometre",
        "metre" | "metres" | "meter" | "meters" => "metre",
        "mile" | "miles" => "mile",
        "hectare" | "hectares" => "hectare",
        "acre" | "acres" => "acre",
        "litre" | "litres" | "liter" | "liters" => "litre",
        "gallon" | "gallons" => "gallon",
        "barrel" | "barrels" => "barrel",
        "degree" | "degrees" => "degree",
        "second" | "seconds" => "second",
        "minute" | "minutes" => "minute",
        "hour" | "hours" => "hour",
        "day" | "days" => "day",
        "week" | "weeks" => "week",
        "month" | "months" => "month",
        "year" | "years" => "year",
        "decade" | "decades" => "decade",
        "century" | "centuries" => "century",
        _ => return None,
    })
}

/// The unit written after the number at token `j`: the unit and the token
/// after it.
pub(super) fn unit_after(cx: &Ctx, j: usize) -> Option<(&'static str, usize)> {
    let tok = cx.toks.get(j)?;
    if tok.kind == TokenKind::Punct {
        let adjacent = j > 0 && cx.toks[j - 1].end == tok.start;
        return (cx.s(j) == "%" && (adjacent || cx.gap_is_space(j))).then_some(("percent", j + 1));
    }
    let w = cx.word(j)?;
    let l = w.to_ascii_lowercase();
    match l.as_str() {
        "percent" | "pct" | "percentage" if cx.word_is(j + 1, &["point", "points"]) => {
            Some(("percentage_points", j + 2))
        }
        "percent" | "pct" => Some(("percent", j + 1)),
        "per" if cx.word_is(j + 1, &["cent"]) => Some(("percent", j + 2)),
        "basis" if cx.word_is(j + 1, &["point", "points"]) => Some(("basis_points", j + 2)),
        "pounds" | "pound" if cx.word_is(j + 1, &["sterling"]) => Some(("GBP", j + 2)),
        "us" | "u.s." if cx.word(j + 1).and_then(currency_word) == Some("USD") => {
            Some(("USD", j + 2))
        }
        "square" => {
            let unit = cx.word(j + 1).and_then(measure_word)?;
            (unit == "kilometre" || unit == "mile" || unit == "metre")
                .then(|| (square(unit), j + 2))
        }
        "metric" if cx.word(j + 1).and_then(measure_word) == Some("tonne") => {
            Some(("tonne", j + 2))
        }
        _ => {
            if let Some(code) = iso_code(w) {
                return Some((code, j + 1));
            }
            // "20 Mexican pesos", "5 US dollars"
            if w.starts_with(|c: char| c.is_uppercase()) {
                if let Some(code) = cx.word(j + 1).and_then(currency_word) {
                    if l.ends_with("an") {
                        return Some((code, j + 2));
                    }
                }
            }
            currency_word(w)
                .or_else(|| measure_word(w))
                .map(|u| (u, j + 1))
        }
    }
}

fn square(unit: &str) -> &'static str {
    match unit {
        "kilometre" => "square_kilometre",
        "mile" => "square_mile",
        _ => "square_metre",
    }
}

/// Words that end a counted-noun phrase.
fn is_stop(l: &str) -> bool {
    matches!(
        l,
        "of" | "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "but"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "from"
            | "by"
            | "with"
            | "without"
            | "were"
            | "was"
            | "are"
            | "is"
            | "be"
            | "been"
            | "have"
            | "has"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "who"
            | "that"
            | "which"
            | "whom"
            | "whose"
            | "per"
            | "each"
            | "than"
            | "this"
            | "these"
            | "those"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "your"
            | "my"
            | "between"
            | "during"
            | "after"
            | "before"
            | "since"
            | "over"
            | "under"
            | "about"
            | "as"
            | "into"
            | "across"
            | "last"
            | "next"
            | "ago"
            | "more"
            | "less"
            | "fewer"
            | "most"
            | "least"
            | "all"
            | "other"
            | "others"
            | "such"
            | "so"
            | "not"
            | "no"
            | "it"
            | "they"
            | "them"
            | "he"
            | "she"
            | "we"
            | "you"
            | "i"
            | "there"
            | "here"
            | "when"
            | "where"
            | "while"
            | "if"
            | "until"
            | "says"
            | "said"
            | "do"
            | "does"
            | "did"
            | "can"
            | "also"
            | "still"
            | "only"
            | "just"
            | "times"
            | "percent"
    )
}

/// Modifiers dropped from the front of a counted noun ("alleged", "new").
fn is_modifier(l: &str) -> bool {
    (l.len() > 4 && l.ends_with("ed") && !l.ends_with("eed"))
        || matches!(
            l,
            "new"
                | "additional"
                | "extra"
                | "former"
                | "young"
                | "old"
                | "local"
                | "foreign"
                | "small"
                | "large"
                | "major"
                | "key"
                | "top"
                | "senior"
                | "junior"
                | "fake"
                | "civilian"
                | "innocent"
                | "total"
                | "separate"
                | "different"
                | "registered"
                | "active"
                | "individual"
                | "potential"
                | "possible"
                | "known"
                | "unknown"
        )
}

const PLURAL_WITHOUT_S: [&str; 9] = [
    "people",
    "police",
    "children",
    "men",
    "women",
    "staff",
    "personnel",
    "cattle",
    "sheep",
];

fn is_plural(l: &str) -> bool {
    PLURAL_WITHOUT_S.contains(&l)
        || l.ends_with("men")
        || (l.len() > 3
            && l.ends_with('s')
            && !l.ends_with("ss")
            && !l.ends_with("us")
            && !l.ends_with("is"))
}

/// The singular of a plural noun (a few rules, no dictionary).
pub(super) fn singular(l: &str) -> String {
    match l {
        "people" => return "person".into(),
        "children" => return "child".into(),
        "police" | "staff" | "personnel" | "cattle" | "sheep" => return l.into(),
        _ => {}
    }
    if let Some(s) = l.strip_suffix("men") {
        return format!("{s}man");
    }
    if let Some(s) = l.strip_suffix("ies") {
        return format!("{s}y");
    }
    for end in ["ches", "shes", "sses", "xes", "zes"] {
        if l.ends_with(end) {
            return l[..l.len() - 2].into();
        }
    }
    l.strip_suffix('s').unwrap_or(l).into()
}

/// The counted noun after a count at token `j` ("alleged gang members" →
/// "gang member"): lowercase words up to the first plural (the first noun
/// for "one"), at most four, modifiers in front dropped.
pub(super) fn counted_noun(cx: &Ctx, mut j: usize, one: bool) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    while words.len() < 4 {
        let w = cx.word(j)?;
        if !w.starts_with(|c: char| c.is_lowercase())
            || !w.chars().all(|c| c.is_alphabetic() || c == '-')
        {
            return None;
        }
        if is_stop(w) {
            return None;
        }
        let l = w.to_lowercase();
        if words.is_empty() && is_modifier(&l) {
            j += 1;
            continue;
        }
        let last = if one { !is_modifier(&l) } else { is_plural(&l) };
        if last {
            words.push(if one { l } else { singular(&l) });
            return Some(words.join(" "));
        }
        words.push(l);
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        assert_eq!(singular("members"), "member");
        assert_eq!(singular("casualties"), "casualty");
        assert_eq!(singular("policemen"), "policeman");
        assert_eq!(singular("people"), "person");
        assert_eq!(singular("churches"), "church");
    }

    #[test]
    fn measures() {
        assert_eq!(measure_word("Tonnes"), Some("tonne"));
        assert_eq!(measure_word("kilometers"), Some("kilometre"));
        assert_eq!(measure_word("members"), None);
    }
}
