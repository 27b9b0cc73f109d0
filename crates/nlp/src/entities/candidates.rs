//! Name candidates: every name a run yields, with what the text says about
//! it (a role or title before it or in an appositive, a form of address, a
//! given name, a speech verb after it, an organisation's or a place's head
//! word).

use crosscheck_model::{EntityKind, Gender};

use super::lexicon::{GazEntry, LEX};
use super::places::placed_head;
use super::roles::{appositive_role, appositive_role_before, left_role};
use super::segment::{run_end, segments, Seg, SegKind};
use super::units::{SentInfo, UKind, Unit};

/// Verbs of saying that follow a speaker's name.
pub(crate) const SPEECH: &[&str] = &[
    "said",
    "says",
    "stated",
    "states",
    "told",
    "tells",
    "added",
    "adds",
    "noted",
    "notes",
    "explained",
    "argued",
    "wrote",
    "writes",
    "asked",
    "asks",
    "declared",
    "insisted",
    "emphasized",
    "emphasised",
    "claimed",
    "warned",
    "announced",
    "confirmed",
    "denied",
    "replied",
    "responded",
    "remarked",
    "tweeted",
    "posted",
    "reiterated",
    "acknowledged",
    "highlighted",
    "suggested",
    "contended",
    "articulated",
    "indicated",
    "detailed",
    "urged",
    "called",
    "criticized",
    "criticised",
    "praised",
    "admitted",
    "recalled",
    "predicted",
    "continued",
    "concluded",
    "countered",
    "defended",
    "rejected",
    "expressed",
    "inquired",
];

#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    /// Unit range of the name.
    pub ua: usize,
    pub ub: usize,
    /// The name as written, white space collapsed.
    pub surface: String,
    /// Lookup key of the name (unit keys joined by spaces).
    pub key: String,
    pub gaz: Option<&'static GazEntry>,
    /// The kind the name itself shows (a head word), if any.
    pub kind: Option<EntityKind>,
    /// A role, title, form of address or given name marks a person.
    pub person: bool,
    pub role: Option<String>,
    /// "President Sheinbaum", "Mr. Trump": a title before a lone surname.
    pub title_alias: Option<String>,
    pub gender: Option<Gender>,
    pub title_line: bool,
    /// A single unknown word opening its sentence ("Experts note ...").
    pub initial_only: bool,
    /// A verb of saying follows ("Kelly noted").
    pub speech: bool,
}

pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every candidate of the text, in text order.
pub(crate) fn candidates(text: &str, units: &[Unit], sents: &[SentInfo]) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < units.len() {
        if !units[i].is_name_like() {
            i += 1;
            continue;
        }
        let e = run_end(units, i);
        let title_line = sents.get(units[i].sent).is_some_and(|s| s.title);
        let all_caps = sents.get(units[i].sent).is_some_and(|s| s.all_caps);
        let segs = segments(text, units, i, e);
        for (si, s) in segs.iter().enumerate() {
            match s.kind {
                SegKind::Gaz => {
                    let g = s.gaz.expect("gazetteer segment has an entry");
                    if g.demonym || (all_caps && units[s.a].key == "who") {
                        continue;
                    }
                    // "U.S. Northern Command": a place before an organisation
                    // is part of its name.
                    if g.kind == EntityKind::Place
                        && segs
                            .get(si + 1)
                            .is_some_and(|n| n.kind == SegKind::Name && org_head(units, n))
                    {
                        continue;
                    }
                    out.push(gaz_cand(text, units, s, g, title_line));
                }
                // "News Editor": a word before a role that ends the run is
                // part of the role.
                SegKind::Name
                    if segs.get(si + 1).is_some_and(|n| n.kind == SegKind::Role)
                        && !segs[si + 1..].iter().any(|n| n.kind == SegKind::Name) => {}
                SegKind::Name => {
                    out.push(name_cand(text, units, &segs, si, i, title_line));
                }
                _ => {}
            }
        }
        i = e;
    }
    out
}

fn org_head(units: &[Unit], s: &Seg) -> bool {
    LEX.org_heads.contains(&units[s.b - 1].key)
}

fn base(text: &str, units: &[Unit], a: usize, b: usize, title_line: bool) -> Cand {
    let start = units[a].start;
    let end = units[b - 1].end;
    let key = units[a..b]
        .iter()
        .map(|u| u.key.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Cand {
        start,
        end,
        ua: a,
        ub: b,
        surface: collapse(&text[start..end]),
        key,
        gaz: None,
        kind: None,
        person: false,
        role: None,
        title_alias: None,
        gender: None,
        title_line,
        initial_only: false,
        speech: false,
    }
}

fn gaz_cand(text: &str, units: &[Unit], s: &Seg, g: &'static GazEntry, title: bool) -> Cand {
    let mut c = base(text, units, s.a, s.b, title);
    c.gaz = Some(g);
    c.kind = Some(g.kind);
    c
}

fn name_cand(
    text: &str,
    units: &[Unit],
    segs: &[Seg],
    si: usize,
    run_start: usize,
    title_line: bool,
) -> Cand {
    let lex = &*LEX;
    let s = &segs[si];
    let mut a = s.a;
    // A place before an organisation's name is part of it.
    if si > 0 && org_head(units, s) {
        let p = &segs[si - 1];
        let place = p
            .gaz
            .is_some_and(|g| g.kind == EntityKind::Place || g.demonym);
        let demonym = p.kind == SegKind::Qual && units[p.a].demonym;
        if (p.kind == SegKind::Gaz && place) || demonym {
            a = p.a;
        }
    }
    let mut c = base(text, units, a, s.b, title_line);
    let first = &units[s.a].key;
    let last = &units[s.b - 1].key;
    let n = s.b - s.a;
    if n >= 2 {
        if let Some(&g) = lex.given.get(first) {
            c.person = true;
            c.gender = Some(g);
        }
    }
    let org_first = n >= 3 && lex.org_heads.contains(first) && !lex.role_heads.contains(first);
    let place_first = n >= 2 && lex.place_prefixes.contains(first);
    if (lex.org_heads.contains(last) || org_first) && !c.person {
        c.kind = Some(EntityKind::Organization);
    } else if placed_head(units, s.a, s.b) {
        // "at the Amber Palace": a building, even with a given name in it.
        c.kind = Some(EntityKind::Place);
        c.person = false;
        c.gender = None;
    } else if ((lex.place_heads.contains(last) && n >= 2) || place_first) && !c.person {
        c.kind = Some(EntityKind::Place);
    }
    c.speech = units
        .get(s.b)
        .is_some_and(|u| u.kind == UKind::Word && !u.cap && SPEECH.contains(&u.key.as_str()))
        || (s.a > 0
            && units[s.a - 1].kind == UKind::Word
            && !units[s.a - 1].cap
            && matches!(units[s.a - 1].key.as_str(), "said" | "says" | "according"));
    c.initial_only = n == 1 && units[s.a].initial && !c.person && si == 0;
    if title_line || c.kind.is_some() {
        return c;
    }
    // A title or role before the name, or after it in an appositive.
    if let Some(r) = left_role(text, units, segs, si, run_start) {
        c.person = true;
        c.initial_only = false;
        if r.gender.is_some() {
            c.gender = r.gender;
        }
        c.role = r.role;
        if n == 1 {
            c.title_alias = r.title.map(|t| format!("{t} {}", c.surface));
        }
    }
    if c.role.is_none() {
        if let Some((role, gender)) = appositive_role(text, units, s.b)
            .or_else(|| appositive_role_before(text, units, s.a, s.b))
        {
            c.person = true;
            c.initial_only = false;
            c.role = Some(role);
            if gender.is_some() {
                c.gender = gender;
            }
        }
    }
    c
}
