//! Reading the number itself: a digit token ("75,000", "$1.2", "2bn",
//! "10-20", "12-year"), multiplier words after it ("1.2 million"), or a
//! spelled-out number ("two hundred", "a dozen", "twenty-five",
//! "three-quarters", "half a million", "tens of thousands").

use super::units::{currency_sign, measure_word};
use super::Ctx;
use crosscheck_model::Approx;

/// A number read at a token: `first..next` are its tokens.
#[derive(Debug, Clone)]
pub(super) struct Core {
    pub first: usize,
    pub next: usize,
    pub value: f64,
    pub high: Option<f64>,
    /// The multiplier applied by a word or suffix ("million", "bn").
    pub mult: Option<f64>,
    pub currency: Option<&'static str>,
    /// A unit carried inside the token ("12-year", "5km").
    pub unit: Option<&'static str>,
    /// Digits only: no separator, decimal point, sign, suffix or multiplier.
    pub plain: bool,
    /// Implied by the wording ("dozens of" → over 12).
    pub approx: Option<Approx>,
    pub fraction: bool,
    /// The number is a word ("one", "half").
    pub spelled: bool,
}

impl Core {
    fn new(first: usize, next: usize, value: f64) -> Core {
        Core {
            first,
            next,
            value,
            high: None,
            mult: None,
            currency: None,
            unit: None,
            plain: false,
            approx: None,
            fraction: false,
            spelled: false,
        }
    }
}

/// Units, teens and tens.
pub(super) fn small_number(w: &str) -> Option<f64> {
    const SMALL: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = SMALL.iter().position(|s| s.eq_ignore_ascii_case(w)) {
        return Some(i as f64);
    }
    if let Some(i) = TENS.iter().position(|s| s.eq_ignore_ascii_case(w)) {
        return Some(20.0 + 10.0 * i as f64);
    }
    // "twenty-five"
    let (a, b) = w.split_once('-')?;
    let tens = TENS.iter().position(|s| s.eq_ignore_ascii_case(a))?;
    let unit = SMALL[1..10]
        .iter()
        .position(|s| s.eq_ignore_ascii_case(b))?;
    Some(20.0 + 10.0 * tens as f64 + 1.0 + unit as f64)
}

/// Multiplier words.
pub(super) fn scale(w: &str) -> Option<f64> {
    let l = w.to_ascii_lowercase();
    Some(match l.as_str() {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mn" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" | "tn" | "trn" => 1e12,
        "dozen" => 12.0,
        _ => return None,
    })
}

/// "dozens", "hundreds", "thousands", ... → the base amount.
fn plural_scale(w: &str) -> Option<f64> {
    let l = w.to_ascii_lowercase();
    scale(l.strip_suffix('s')?).filter(|_| l != "mns" && l != "bns")
}

/// Denominators of fractions ("third", "quarters").
fn denominator(w: &str) -> Option<f64> {
    let l = w.to_ascii_lowercase();
    let l = l.strip_suffix("ves").map(|s| format!("{s}f")).unwrap_or(l);
    let l = l.strip_suffix('s').unwrap_or(&l);
    Some(match l {
        "half" => 2.0,
        "third" => 3.0,
        "quarter" => 4.0,
        "fifth" => 5.0,
        "tenth" => 10.0,
        _ => return None,
    })
}

/// Read the number starting at token `i`, if there is one.
pub(super) fn read_core(cx: &Ctx, i: usize) -> Option<Core> {
    let tok = cx.toks.get(i)?;
    let mut core = if tok.kind == crate::TokenKind::Number {
        digits(cx, i)?
    } else if tok.kind == crate::TokenKind::Word {
        spelled(cx, i)?
    } else {
        return None;
    };
    // Multiplier words after digits or a spelled number: "1.2 million".
    if core.mult.is_none() && !core.fraction {
        let mut m = 1.0;
        let mut j = core.next;
        while let Some(s) = cx.word(j).and_then(scale) {
            m *= s;
            j += 1;
        }
        if j > core.next {
            core.value *= m;
            core.high = core.high.map(|h| h * m);
            core.mult = Some(m);
            core.plain = false;
            core.next = j;
        }
    }
    Some(core)
}

/// A digit token: optional currency sign, digits with separators, then a
/// suffix: a multiplier ("2bn", "50k"), a measure ("5km", "12-year"), or a
/// range ("10-20"). Ordinals ("4th"), decades ("1990s"), versions
/// ("2.0.1"), phone numbers and dates written with hyphens are refused.
fn digits(cx: &Ctx, i: usize) -> Option<Core> {
    let s = cx.s(i);
    let (currency, rest) = match s.chars().next().and_then(currency_sign) {
        Some(code) => (Some(code), &s[s.chars().next()?.len_utf8()..]),
        None => (None, s),
    };
    let (lo, suffix) = number_prefix(rest)?;
    let mut core = Core::new(i, i + 1, lo.0);
    core.currency = currency;
    core.plain = currency.is_none() && lo.1 && suffix.is_empty();
    if let Some(after) = suffix.strip_prefix('-') {
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            let (hi, tail) = number_prefix(after)?;
            let (lo_digits, hi_digits) = (digit_count(rest), digit_count(after));
            // "555-1234" (phone), "2024-05-03" (date), "3-2" (score).
            if tail.contains('-') || (lo_digits >= 3 && hi_digits >= 4) || hi.0 <= lo.0 {
                return None;
            }
            let m = suffix_scale(tail, currency.is_some());
            match m {
                Some(Ok(m)) => {
                    core.value *= m;
                    core.high = Some(hi.0 * m);
                    core.mult = (m != 1.0).then_some(m);
                }
                Some(Err(unit)) => {
                    core.high = Some(hi.0);
                    core.unit = Some(unit);
                }
                None => return None,
            }
            return Some(core);
        }
        // "12-year-old", "10-kilometre", "15-member".
        let word = after.split('-').next().unwrap_or(after);
        if let Some(unit) = measure_word(word) {
            core.unit = Some(unit);
        } else if let Some(m) = scale(word) {
            core.value *= m;
            core.mult = Some(m);
        }
        return Some(core);
    }
    match suffix_scale(suffix, currency.is_some())? {
        Ok(m) => {
            core.value *= m;
            core.mult = (m != 1.0).then_some(m);
        }
        Err(unit) => core.unit = Some(unit),
    }
    Some(core)
}

/// A letter suffix glued to digits: `Ok(multiplier)` or `Err(unit)`; None
/// refuses the token.
fn suffix_scale(suffix: &str, money: bool) -> Option<Result<f64, &'static str>> {
    Some(match suffix {
        "" => Ok(1.0),
        "k" | "K" => Ok(1e3),
        "m" | "M" | "mn" if money => Ok(1e6),
        "mn" => Ok(1e6),
        "m" => Err("metre"),
        "bn" | "b" | "B" if money => Ok(1e9),
        "bn" => Ok(1e9),
        "tn" | "trn" => Ok(1e12),
        "km" => Err("kilometre"),
        "kg" => Err("kilogram"),
        _ => return None,
    })
}

fn digit_count(s: &str) -> usize {
    s.chars().take_while(|c| c.is_ascii_digit()).count()
}

/// The number at the start of `s` and the rest: `((value, plain), rest)`.
/// Commas must group thousands ("75,000"); one decimal point at most.
fn number_prefix(s: &str) -> Option<((f64, bool), &str)> {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(s.len());
    let num = &s[..end];
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if num.ends_with(['.', ',']) || num.matches('.').count() > 1 {
        return None;
    }
    let int = num.split('.').next().unwrap_or(num);
    let mut groups = int.split(',');
    let head = groups.next().unwrap_or("");
    if int.contains(',') && (head.len() > 3 || groups.any(|g| g.len() != 3)) {
        return None;
    }
    let value: f64 = num.replace(',', "").parse().ok()?;
    let plain = !num.contains([',', '.']);
    Some(((value, plain), &s[end..]))
}

/// A spelled-out number at word `i`.
fn spelled(cx: &Ctx, i: usize) -> Option<Core> {
    let w = cx.s(i);
    let lower = w.to_ascii_lowercase();
    let article_before = i > 0 && cx.word_is(i - 1, &["a", "one"]);
    // "tens of thousands of" → over 10,000.
    if lower == "tens" && cx.word_is(i + 1, &["of"]) {
        let base = cx.word(i + 2).and_then(plural_scale)?;
        if base >= 1e3 {
            let mut core = Core::new(i, i + 3, 10.0 * base);
            core.approx = Some(Approx::Over);
            core.spelled = true;
            return Some(core);
        }
    }
    // "dozens of", "hundreds of", "thousands of".
    if let Some(base) = plural_scale(w) {
        if cx.word_is(i + 1, &["of"]) {
            let mut core = Core::new(i, i + 1, base);
            core.approx = Some(Approx::Over);
            core.spelled = true;
            return Some(core);
        }
        return None;
    }
    // "half", "half a million".
    if lower == "half" {
        if cx.word_is(i + 1, &["a", "an"]) {
            if let Some(m) = cx.word(i + 2).and_then(scale) {
                let mut core = Core::new(i, i + 3, 0.5 * m);
                core.mult = Some(m);
                core.spelled = true;
                return Some(core);
            }
        }
        let mut core = Core::new(i, i + 1, 0.5);
        core.fraction = true;
        core.spelled = true;
        return Some(core);
    }
    // "a third of", "a quarter of".
    if let Some(d) = denominator(w) {
        if article_before && !lower.ends_with('s') {
            let mut core = Core::new(i, i + 1, 1.0 / d);
            core.fraction = true;
            core.spelled = true;
            return Some(core);
        }
        return None;
    }
    // "three-quarters", "two-thirds", "five-year".
    if let Some((a, b)) = w.split_once('-') {
        if let Some(n) = small_number(a) {
            if let Some(d) = denominator(b) {
                let mut core = Core::new(i, i + 1, n / d);
                core.fraction = true;
                core.spelled = true;
                return Some(core);
            }
            if let Some(unit) = measure_word(b.split('-').next().unwrap_or(b)) {
                let mut core = Core::new(i, i + 1, n);
                core.unit = Some(unit);
                core.spelled = true;
                return Some(core);
            }
        }
    }
    // A scale word needs "a"/"one" before it: "a dozen", "a million".
    if small_number(w).is_none() {
        scale(w).filter(|_| article_before)?;
    }
    let (mut total, mut current, mut j, mut any) = (0.0, 0.0, i, false);
    if small_number(w).is_none() {
        current = 1.0;
    }
    while let Some(word) = cx.word(j) {
        if let Some(n) = small_number(word) {
            if any && current % 100.0 != 0.0 && current >= 1.0 {
                break; // "two three" is not a number
            }
            current += n;
        } else if word.eq_ignore_ascii_case("hundred") {
            current = current.max(1.0) * 100.0;
        } else if let Some(m) = scale(word) {
            total += current.max(1.0) * m;
            current = 0.0;
        } else if word.eq_ignore_ascii_case("and")
            && any
            && current >= 100.0
            && cx.word(j + 1).and_then(small_number).is_some()
        {
            // "two hundred and fifty"
        } else {
            break;
        }
        any = true;
        j += 1;
    }
    // Fractions written in words: "two thirds of", "one quarter".
    if j == i + 1 && current > 0.0 {
        if let Some(d) = cx.word(j).and_then(denominator) {
            let mut core = Core::new(i, j + 1, current / d);
            core.fraction = true;
            core.spelled = true;
            return Some(core);
        }
    }
    let mut core = Core::new(i, j, total + current);
    core.spelled = true;
    if j > i + 1 {
        core.mult = Some(1.0); // the multiplier words are read already
    }
    Some(core)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_prefixes_and_denominators() {
        assert_eq!(small_number("Twelve"), Some(12.0));
        assert_eq!(small_number("twenty-five"), Some(25.0));
        assert_eq!(small_number("ninety"), Some(90.0));
        assert_eq!(small_number("twenty-zero"), None);
        assert_eq!(small_number("tenth"), None);
        assert_eq!(number_prefix("75,000").unwrap().0, (75000.0, false));
        assert_eq!(number_prefix("3.5bn").unwrap(), ((3.5, false), "bn"));
        assert!(number_prefix("1,2,3").is_none());
        assert!(number_prefix("2.0.1").is_none());
        assert_eq!(number_prefix("2025").unwrap().0, (2025.0, true));
        assert_eq!(denominator("halves"), Some(2.0));
        assert_eq!(denominator("quarters"), Some(4.0));
        assert_eq!(denominator("second"), None);
    }
}
