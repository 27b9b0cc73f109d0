//! Runs of capitalised words and their segments. A run is a maximal
//! sequence of capitalised units of one sentence, with lower-case connectors
//! between them ("Department of Homeland Security", "Secretary of State").
//! Its segments are known names (gazetteer), titles and roles, forms of
//! address, skipped common words, and unknown names.

use super::lexicon::{GazEntry, LEX};
use super::units::{UKind, Unit};

/// Lower-case words that may stand inside a run.
pub(crate) const CONNECTORS: &[&str] = &[
    "of", "for", "the", "and", "&", "de", "del", "la", "las", "los", "da", "do", "dos", "das",
    "di", "du", "van", "von", "der", "den", "bin", "ibn", "al", "y", "e", "le", "to", "on",
];

/// Connectors that belong inside a person's name.
const PARTICLES: &[&str] = &[
    "de", "del", "la", "las", "los", "da", "do", "dos", "das", "di", "du", "van", "von", "der",
    "den", "bin", "ibn", "al", "y", "e", "le",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SegKind {
    /// A gazetteer name (index of the entry is looked up again by key).
    Gaz,
    /// A form of address: "Mr.", "Ms.".
    Hon,
    /// A role: "President", "Deputy Press Secretary", "Sen.",
    /// "Secretary of State".
    Role,
    /// A word that qualifies a following role ("Democratic").
    Qual,
    /// A common word that is not a name ("The", "However").
    Skip,
    /// A lower-case connector between segments.
    Conn,
    /// An unknown name.
    Name,
}

#[derive(Debug, Clone)]
pub(crate) struct Seg {
    pub kind: SegKind,
    /// Unit range `[a, b)`.
    pub a: usize,
    pub b: usize,
    pub gaz: Option<&'static GazEntry>,
}

/// The end (exclusive) of the run starting at `i` (a name-like unit).
pub(crate) fn run_end(units: &[Unit], i: usize) -> usize {
    let sent = units[i].sent;
    let same = |j: usize| j < units.len() && units[j].sent == sent;
    let mut j = i + 1;
    loop {
        if same(j) && units[j].is_name_like() {
            j += 1;
            continue;
        }
        // One or two connectors followed by a capitalised word.
        let conn = |k: usize| {
            same(k)
                && units[k].is_word()
                && !units[k].cap
                && CONNECTORS.contains(&units[k].key.as_str())
        };
        if conn(j) {
            if same(j + 1) && units[j + 1].is_name_like() {
                j += 2;
                continue;
            }
            if conn(j + 1) && same(j + 2) && units[j + 2].is_name_like() {
                j += 3;
                continue;
            }
        }
        break;
    }
    j
}

/// The longest gazetteer name starting at unit `p` and ending before
/// `limit`.
pub(crate) fn gaz_at(
    text: &str,
    units: &[Unit],
    p: usize,
    limit: usize,
) -> Option<(usize, &'static GazEntry)> {
    let lex = &*LEX;
    if p >= limit || !units[p].is_name_like() {
        return None;
    }
    let mut k = String::new();
    let mut best = None;
    for q in p..limit.min(p + lex.gaz_max) {
        let u = &units[q];
        if u.kind != UKind::Word {
            break;
        }
        if !k.is_empty() {
            k.push(' ');
        }
        k.push_str(&u.key);
        if !u.is_name_like() {
            continue;
        }
        if let Some(e) = lex.gaz.get(&k) {
            let surface = &text[units[p].start..u.end];
            if !e.short || !surface.chars().any(char::is_lowercase) {
                best = Some((q + 1 - p, e));
            }
        }
    }
    let (len, e) = best?;
    // "Virginia Foxx": a one-word place that is also a given name,
    // followed by another capitalised word, is a person's name.
    if len == 1
        && lex.given.contains_key(&units[p].key)
        && p + 1 < limit
        && units[p + 1].is_name_like()
        && gaz_at(text, units, p + 1, limit).is_none()
    {
        return None;
    }
    Some((len, e))
}

fn is_head(u: &Unit) -> bool {
    LEX.role_heads.contains(&u.key)
}

fn is_mod(u: &Unit) -> bool {
    LEX.role_mods.contains(&u.key)
}

/// Split the run `[a, b)` into segments.
pub(crate) fn segments(text: &str, units: &[Unit], a: usize, b: usize) -> Vec<Seg> {
    let lex = &*LEX;
    let mut out: Vec<Seg> = Vec::new();
    let mut p = a;
    let push = |out: &mut Vec<Seg>, kind, a, b, gaz| out.push(Seg { kind, a, b, gaz });
    while p < b {
        let u = &units[p];
        if !u.is_name_like() {
            push(&mut out, SegKind::Conn, p, p + 1, None);
            p += 1;
            continue;
        }
        // "Velorian": an adjective of a place the lists do not know.
        if u.demonym {
            push(&mut out, SegKind::Qual, p, p + 1, None);
            p += 1;
            continue;
        }
        if let Some((len, e)) = gaz_at(text, units, p, b) {
            // "Jim Jordan": a one-word place after a given name is a surname.
            let after_given = out.last().is_some_and(|s: &Seg| {
                s.kind == SegKind::Name && s.b == p && lex.given.contains_key(&units[s.a].key)
            });
            if !(len == 1 && after_given && e.kind == crosscheck_model::EntityKind::Place) {
                push(&mut out, SegKind::Gaz, p, p + len, Some(e));
                p += len;
                continue;
            }
        }
        let w = &text[u.start..u.end];
        let next_name = p + 1 < b && units[p + 1].is_name_like();
        if lex.honorifics.contains_key(&u.key) && (w.ends_with('.') || next_name) {
            push(&mut out, SegKind::Hon, p, p + 1, None);
            p += 1;
            continue;
        }
        if lex.title_abbrevs.contains(&u.key) && w.ends_with('.') {
            push(&mut out, SegKind::Role, p, p + 1, None);
            p += 1;
            continue;
        }
        if is_head(u) || (is_mod(u) && mods_reach_head(units, p, b)) {
            let end = role_end(text, units, p, b);
            push(&mut out, SegKind::Role, p, end, None);
            p = end;
            continue;
        }
        if lex.qualifiers.contains(&u.key) {
            push(&mut out, SegKind::Qual, p, p + 1, None);
        } else if lex.common.contains(&u.key) && !u.caps && !inside_name(text, units, p, b) {
            push(&mut out, SegKind::Skip, p, p + 1, None);
        } else {
            push(&mut out, SegKind::Name, p, p + 1, None);
        }
        p += 1;
    }
    join_role_prefixes(units, merge(units, out))
}

/// A common word inside a sentence that opens a longer unknown name ("the
/// National Palace").
fn inside_name(text: &str, units: &[Unit], p: usize, b: usize) -> bool {
    let lex = &*LEX;
    let u = &units[p];
    let Some(n) = units.get(p + 1) else {
        return false;
    };
    // "Foreign Ministry" may open a sentence.
    let opens_org = lex.role_mods.contains(&u.key) && lex.org_heads.contains(&n.key);
    (!u.initial || opens_org)
        && p + 1 < b
        && n.is_name_like()
        && !lex.common.contains(&n.key)
        && !lex.role_heads.contains(&n.key)
        && !lex.role_mods.contains(&n.key)
        && gaz_at(text, units, p + 1, b).is_none()
}

/// True when the modifiers from `p` lead to a role head inside the run.
fn mods_reach_head(units: &[Unit], p: usize, b: usize) -> bool {
    let mut q = p;
    while q < b && units[q].is_name_like() {
        if is_head(&units[q]) {
            return true;
        }
        if !is_mod(&units[q]) {
            return false;
        }
        q += 1;
    }
    false
}

/// The end of the role that starts at `p`: its modifiers and heads, and a
/// complement after "of", "for" or "to" ("Secretary of State", "Ambassador
/// to Mexico").
fn role_end(text: &str, units: &[Unit], p: usize, b: usize) -> usize {
    let mut q = p;
    while q < b && units[q].is_name_like() && (is_head(&units[q]) || is_mod(&units[q])) {
        q += 1;
    }
    // Trailing modifiers are not part of the role ("President Press ...").
    while q > p + 1 && !is_head(&units[q - 1]) {
        q -= 1;
    }
    if q < b && matches!(units[q].key.as_str(), "of" | "for" | "to") && !units[q].cap {
        let mut r = q + 1;
        if r < b && units[r].key == "the" && !units[r].cap {
            r += 1;
        }
        if let Some((len, _)) = gaz_at(text, units, r, b) {
            return r + len;
        }
        let mut s = r;
        while s < b
            && s < r + 3
            && units[s].is_name_like()
            && LEX.complements.contains(&units[s].key)
        {
            s += 1;
        }
        if s > r {
            return s;
        }
        if let Some(s) = complement_before_name(units, r, b) {
            return s;
        }
    }
    q
}

/// An unlisted complement ("Minister for Coastal Resilience Anna Berg"):
/// capitalised words up to a given name followed by a surname, else up to
/// the last listed complement word that a name follows. `None` when no
/// name is left after it.
fn complement_before_name(units: &[Unit], r: usize, b: usize) -> Option<usize> {
    let lex = &*LEX;
    let name_like = |s: usize| s < b && units[s].is_name_like();
    // Two or three words left that may be a person's name.
    let person_after = |s: usize| {
        let mut e = s;
        while name_like(e) {
            e += 1;
        }
        (2..=3).contains(&(e - s))
            && units[s..e].iter().all(|u| {
                !lex.org_heads.contains(&u.key)
                    && !lex.place_heads.contains(&u.key)
                    && !lex.common.contains(&u.key)
                    && !lex.role_heads.contains(&u.key)
            })
    };
    let mut last_complement = None;
    let mut s = r;
    while name_like(s) && s < r + 5 {
        let u = &units[s];
        if s > r && lex.given.contains_key(&u.key) && person_after(s) {
            return Some(s);
        }
        if lex.gaz.contains_key(&u.key) || u.kind != UKind::Word {
            break;
        }
        if lex.complements.contains(&u.key) {
            last_complement = Some(s + 1);
        }
        s += 1;
    }
    last_complement.filter(|&e| person_after(e))
}

/// "Maritime Affairs Minister": a name made of complement and modifier
/// words right before a role is part of that role.
fn join_role_prefixes(units: &[Unit], segs: Vec<Seg>) -> Vec<Seg> {
    let lex = &*LEX;
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    for s in segs {
        if s.kind == SegKind::Role {
            if let Some(prev) = out.last_mut() {
                let words = &units[prev.a..prev.b];
                let prefix = prev.kind == SegKind::Name
                    && prev.b == s.a
                    && words.iter().any(|u| lex.complements.contains(&u.key))
                    && words.iter().all(|u| {
                        lex.complements.contains(&u.key) || lex.role_mods.contains(&u.key)
                    });
                if prefix {
                    prev.kind = SegKind::Role;
                    prev.b = s.b;
                    continue;
                }
            }
        }
        out.push(s);
    }
    out
}

/// Join neighbouring name units into names: "Claudia" + "Sheinbaum";
/// particles inside a name ("Lula da Silva"); "of"/"for"/"on" after an
/// organisation's head word ("Department of Homeland Security", "Bank of
/// Mexico"), and "and" inside such a name.
fn merge(units: &[Unit], segs: Vec<Seg>) -> Vec<Seg> {
    let lex = &*LEX;
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    let mut i = 0;
    while i < segs.len() {
        let s = segs[i].clone();
        if s.kind != SegKind::Name {
            out.push(s);
            i += 1;
            continue;
        }
        let mut cur = s;
        while let Some(next) = segs.get(i + 1) {
            if next.kind == SegKind::Name {
                cur.b = next.b;
                i += 1;
                continue;
            }
            if next.kind != SegKind::Conn {
                break;
            }
            let conn = units[next.a].key.as_str();
            let Some(after) = segs.get(i + 2) else { break };
            let org = lex.org_heads.contains(&units[cur.b - 1].key)
                || lex.org_heads.contains(&units[cur.a].key);
            let join = match conn {
                c if PARTICLES.contains(&c) => after.kind == SegKind::Name,
                "of" | "for" | "on" | "the" => {
                    lex.org_heads.contains(&units[cur.b - 1].key)
                        && matches!(after.kind, SegKind::Name | SegKind::Gaz | SegKind::Conn)
                }
                "and" | "&" => {
                    org && matches!(after.kind, SegKind::Name | SegKind::Gaz)
                        && !lex.given.contains_key(&units[after.a].key)
                }
                _ => false,
            };
            if !join {
                break;
            }
            // "of the": take the second connector too.
            if after.kind == SegKind::Conn {
                match segs.get(i + 3) {
                    Some(s3) if matches!(s3.kind, SegKind::Name | SegKind::Gaz) => {
                        cur.b = s3.b;
                        i += 3;
                    }
                    _ => break,
                }
            } else {
                cur.b = after.b;
                i += 2;
            }
        }
        out.push(cur);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::units::build_units;
    use crate::{split_sentences, tokenize};

    fn segs(text: &str) -> Vec<(SegKind, String)> {
        let (units, _) = build_units(text, &split_sentences(text), &tokenize(text));
        let mut out = Vec::new();
        let mut i = 0;
        while i < units.len() {
            if units[i].is_name_like() {
                let e = run_end(&units, i);
                for s in segments(text, &units, i, e) {
                    out.push((
                        s.kind,
                        text[units[s.a].start..units[s.b - 1].end].to_string(),
                    ));
                }
                i = e;
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn roles_and_names_are_separated() {
        use SegKind::*;
        assert_eq!(
            segs("met White House Deputy Press Secretary Anna Kelly today"),
            [
                (Gaz, "White House".into()),
                (Role, "Deputy Press Secretary".into()),
                (Name, "Anna Kelly".into())
            ]
        );
        assert_eq!(
            segs("met Secretary of State Marco Rubio and U.S. Ambassador to Mexico Ronald Johnson"),
            [
                (Role, "Secretary of State".into()),
                (Name, "Marco Rubio".into()),
                (Conn, "and".into()),
                (Gaz, "U.S.".into()),
                (Role, "Ambassador to Mexico".into()),
                (Name, "Ronald Johnson".into())
            ]
        );
    }

    #[test]
    fn organisation_names_keep_their_connectors() {
        use SegKind::*;
        assert_eq!(
            segs("from the Department of Homeland Security and Sheinbaum and Trump"),
            [
                (Gaz, "Department of Homeland Security".into()),
                (Conn, "and".into()),
                (Name, "Sheinbaum".into()),
                (Conn, "and".into()),
                (Name, "Trump".into())
            ]
        );
        assert_eq!(
            segs("at the Bureau of Prisons and Luiz Inácio Lula da Silva"),
            [
                (Name, "Bureau of Prisons".into()),
                (Conn, "and".into()),
                (Name, "Luiz Inácio Lula da Silva".into())
            ]
        );
    }
}
