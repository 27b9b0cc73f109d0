//! Roles and titles of a person's name: before it ("White House Deputy
//! Press Secretary Anna Kelly", "former U.S. President Donald Trump", "El
//! Salvador's President Nayib Bukele", "spokeswoman Jane Roe") or after it
//! in an appositive ("Anna Kelly, the White House deputy press secretary,").

use crosscheck_model::Gender;

use super::candidates::{collapse, SPEECH};
use super::lexicon::LEX;
use super::segment::{Seg, SegKind};
use super::units::{UKind, Unit};

/// Lower-case words that may open a role before a name.
const ROLE_OPENERS: &[&str] = &[
    "former", "then", "ex", "acting", "interim", "outgoing", "incoming", "late", "current",
];

/// Words that end an appositive: it is a clause, not a role.
const CLAUSE_WORDS: &[&str] = &[
    "who", "which", "that", "and", "or", "but", "is", "was", "are", "were", "has", "had", "have",
    "will", "would", "could", "should", "can", "may", "might", "did", "does", "do", "not", "if",
    "when", "while", "because", "as", "than",
];

pub(crate) struct RoleInfo {
    pub role: Option<String>,
    /// The single title word right before the name ("President", "Mr.").
    pub title: Option<String>,
    pub gender: Option<Gender>,
}

fn is_head(u: &Unit) -> bool {
    LEX.role_heads.contains(&u.key)
}

fn gender_of(units: &[Unit], a: usize, b: usize) -> Option<Gender> {
    units[a..b]
        .iter()
        .find_map(|u| LEX.role_gender.get(&u.key).copied())
}

/// The role before the name segment `segs[si]` of the run starting at unit
/// `run_start`, or `None` when nothing marks the name as a person's.
pub(crate) fn left_role(
    text: &str,
    units: &[Unit],
    segs: &[Seg],
    si: usize,
    run_start: usize,
) -> Option<RoleInfo> {
    let lex = &*LEX;
    let mut info = RoleInfo {
        role: None,
        title: None,
        gender: None,
    };
    let mut role_a: Option<usize> = None;
    let mut role_b: Option<usize> = None;
    let mut has_head = false;
    let mut has_hon = false;
    let mut k = si;
    if si > 0 {
        let prev = &segs[si - 1];
        if !matches!(prev.kind, SegKind::Role | SegKind::Hon) {
            return None;
        }
        if prev.b - prev.a == 1 {
            let u = &units[prev.a];
            info.title = Some(text[u.start..u.end].to_string());
        }
        while k > 0 {
            let p = &segs[k - 1];
            match p.kind {
                SegKind::Role => {
                    has_head = true;
                    role_a = Some(p.a);
                    role_b.get_or_insert(p.b);
                    if info.gender.is_none() {
                        info.gender = gender_of(units, p.a, p.b);
                    }
                }
                SegKind::Hon => {
                    if k != si {
                        break;
                    }
                    has_hon = true;
                    info.gender = lex.honorifics.get(&units[p.a].key).copied().flatten();
                }
                SegKind::Gaz | SegKind::Qual if role_b.is_some() => role_a = Some(p.a),
                SegKind::Conn if role_b.is_some() => {}
                _ => break,
            }
            k -= 1;
        }
    }
    if k == 0 && !has_hon {
        // Extend to the left of the run: lower-case role words, a
        // possessive place ("El Salvador's"), qualifiers ("Democratic").
        let sent = units[run_start].sent;
        let mut q = run_start;
        let mut lower_head = false;
        while q > 0 && units[q - 1].sent == sent {
            let u = &units[q - 1];
            // Lower case, or capitalised only as the sentence's first word
            // ("Government spokesperson Lucan Ferreira").
            let lower = u.kind == UKind::Word && !u.caps && (!u.cap || u.initial);
            if lower
                && (is_head(u)
                    || lex.role_mods.contains(&u.key)
                    || ROLE_OPENERS.contains(&u.key.as_str()))
            {
                lower_head |= is_head(u);
                q -= 1;
                continue;
            }
            if u.kind == UKind::Poss && q >= 2 && units[q - 2].is_name_like() {
                let mut r = q - 2;
                while r > 0 && units[r - 1].sent == sent && units[r - 1].is_name_like() && q - r < 5
                {
                    r -= 1;
                }
                while r < q - 2 && lex.common.contains(&units[r].key) {
                    r += 1;
                }
                q = r;
                break;
            }
            if u.is_name_like()
                && (lex.qualifiers.contains(&u.key)
                    || u.demonym
                    || lex.gaz.get(&u.key).is_some_and(|g| g.demonym))
            {
                q -= 1;
                continue;
            }
            break;
        }
        if q < run_start {
            if role_b.is_none() {
                // The whole role is lower case: "spokeswoman Jane Roe".
                if !lower_head {
                    return None;
                }
                has_head = true;
                role_b = Some(run_start);
                info.gender = gender_of(units, q, run_start);
                let last = &units[run_start - 1];
                if segs[si].b - segs[si].a == 1 && is_head(last) {
                    info.title = Some(text[last.start..last.end].to_string());
                }
            }
            // Trim a leading "the"/"a" picked up after a possessive.
            role_a = Some(q);
        }
    }
    if !has_head && !has_hon {
        return None;
    }
    if let (Some(a), Some(b)) = (role_a, role_b) {
        if a < b {
            info.role = Some(collapse(&text[units[a].start..units[b - 1].end]));
        }
    }
    Some(info)
}

/// A role in an appositive after the name ending at unit `after`:
/// ", the White House deputy press secretary," -> "White House deputy press
/// secretary".
pub(crate) fn appositive_role(
    text: &str,
    units: &[Unit],
    after: usize,
) -> Option<(String, Option<Gender>)> {
    let sent = units.get(after.checked_sub(1)?)?.sent;
    let comma = units.get(after)?;
    if comma.kind != UKind::Punct || comma.key != "," {
        return None;
    }
    let mut q = after + 1;
    let det = units
        .get(q)
        .is_some_and(|u| !u.cap && matches!(u.key.as_str(), "the" | "a" | "an"));
    if det {
        q += 1;
    }
    let start = q;
    let first = units.get(start)?;
    if first.sent != sent {
        return None;
    }
    if !det && !first.is_name_like() && !is_head(first) && !LEX.role_mods.contains(&first.key) {
        return None;
    }
    let mut last_head = None;
    while q < units.len() && units[q].sent == sent && q - start < 10 {
        let u = &units[q];
        match u.kind {
            UKind::Punct if matches!(u.key.as_str(), "," | "." | ";" | ")" | "—" | "–") => {
                break
            }
            UKind::Punct if u.key == "-" => {}
            UKind::Punct => return None,
            UKind::Number | UKind::Poss => {}
            UKind::Word => {
                if !u.cap
                    && (CLAUSE_WORDS.contains(&u.key.as_str()) || SPEECH.contains(&u.key.as_str()))
                {
                    return None;
                }
                if is_head(u) {
                    last_head = Some(q);
                }
            }
        }
        q += 1;
    }
    let end = q;
    let h = last_head?;
    if end <= start
        || (end < units.len() && units[end].sent == sent && units[end].kind != UKind::Punct)
    {
        return None;
    }
    // After the head: only "of the White House"-like complements.
    let tail_ok = units.get(h + 1..end).is_some_and(|tail| {
        tail.first().is_none_or(|u| {
            u.is_name_like()
                || u.kind == UKind::Poss
                || matches!(u.key.as_str(), "of" | "for" | "to" | "at" | "in" | "on")
        })
    });
    if !tail_ok {
        return None;
    }
    let role = collapse(&text[units[start].start..units[end - 1].end]);
    Some((role, gender_of(units, start, end)))
}

/// A role in an appositive before the name spanning units `at..after`,
/// closed by a comma after it: "The port's director, Jonas Rieker," ->
/// "port's director"; "Veloria's deputy minister for maritime affairs,
/// Marisol Deverra," -> "Veloria's deputy minister for maritime affairs".
pub(crate) fn appositive_role_before(
    text: &str,
    units: &[Unit],
    at: usize,
    after: usize,
) -> Option<(String, Option<Gender>)> {
    let is_comma = |u: Option<&Unit>| u.is_some_and(|u| u.kind == UKind::Punct && u.key == ",");
    if !is_comma(units.get(at.checked_sub(1)?)) || !is_comma(units.get(after)) {
        return None;
    }
    let end = at - 1;
    let sent = units[end].sent;
    // Back to the sentence's start or the punctuation before the phrase.
    let mut start = end;
    while start > 0
        && units[start - 1].sent == sent
        && end - start < 10
        && !(units[start - 1].kind == UKind::Punct && units[start - 1].key != "-")
    {
        start -= 1;
    }
    if start > 0 && units[start - 1].sent == sent && units[start - 1].kind != UKind::Punct {
        // Longer than a role: a clause.
        return None;
    }
    if units
        .get(start)
        .is_some_and(|u| u.kind == UKind::Word && matches!(u.key.as_str(), "the" | "a" | "an"))
    {
        start += 1;
    }
    if start >= end {
        return None;
    }
    let h = (start..end)
        .rev()
        .find(|&k| is_head(&units[k]) && !units[k].caps)?;
    // Before the head: names and possessives ("Veloria's", "the port's"),
    // role words; after it, only complements ("for maritime affairs").
    let before_ok = (start..h).all(|k| {
        let u = &units[k];
        u.is_name_like()
            || u.kind == UKind::Poss
            || is_head(u)
            || LEX.role_mods.contains(&u.key)
            || ROLE_OPENERS.contains(&u.key.as_str())
            || units.get(k + 1).is_some_and(|n| n.kind == UKind::Poss)
    });
    let tail_ok = units[h + 1..end]
        .first()
        .is_none_or(|u| matches!(u.key.as_str(), "of" | "for" | "to" | "at" | "in" | "on"))
        && units[h + 1..end].iter().all(|u| {
            u.kind != UKind::Word
                || u.cap
                || !(CLAUSE_WORDS.contains(&u.key.as_str()) || SPEECH.contains(&u.key.as_str()))
        });
    if !before_ok || !tail_ok {
        return None;
    }
    let role = collapse(&text[units[start].start..units[end - 1].end]);
    Some((role, gender_of(units, start, end)))
}
