//! From the words naming a source to the speaker entity: the entity that
//! heads the source phrase (a name, a resolved pronoun or a role
//! description found by the entity analysis), else our own fallback for
//! pronouns (the nearest person before, of matching gender; inside a quote,
//! "I" and "we" are the quote's speaker and "he" or "she" someone the
//! speaker talks about), else no speaker, with the reason.

use crate::{DocEntity, EntityKind, MentionKind, Span};
use crosscheck_model::Gender;

/// The document's entities, with the quoted stretches of its text: a name
/// inside quotation marks is not what "she" in the narrative refers to.
/// Built once per document with indexes of the mentions, so that resolving
/// one source costs a binary search, not a pass over every mention (a long
/// text has thousands of quotes and mentions).
pub struct People<'a> {
    pub entities: &'a [DocEntity],
    /// (start, entity, end) of every mention, sorted.
    by_start: Vec<(usize, usize, usize)>,
    /// (end, entity, start) of every mention, sorted.
    by_end: Vec<(usize, usize, usize)>,
    /// For each gender (female, male): (end, entity) of the narrative
    /// mentions (not pronouns, not inside quotation marks) of the persons
    /// of that gender, and of those of that or unknown gender; sorted.
    narrative: [[Vec<(usize, usize)>; 2]; 2],
    /// For each gender: the persons of that or unknown gender, most named
    /// first (then in entity order).
    most_named: [Vec<usize>; 2],
}

fn gender_slot(g: Gender) -> usize {
    match g {
        Gender::Female => 0,
        Gender::Male => 1,
    }
}

impl<'a> People<'a> {
    pub fn new(entities: &'a [DocEntity], quoted: &[Span]) -> People<'a> {
        let mut by_start = Vec::new();
        let mut by_end = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            for m in &e.mentions {
                by_start.push((m.start, i, m.end));
                by_end.push((m.end, i, m.start));
            }
        }
        by_start.sort_unstable();
        by_end.sort_unstable();
        let in_quotes = SpanSet::new(quoted.iter().copied());
        let mut narrative: [[Vec<(usize, usize)>; 2]; 2] = Default::default();
        let mut most_named: [Vec<usize>; 2] = Default::default();
        for g in [Gender::Female, Gender::Male] {
            let slot = gender_slot(g);
            for (i, e) in entities.iter().enumerate() {
                if !compatible(e, g) {
                    continue;
                }
                most_named[slot].push(i);
                for m in &e.mentions {
                    if m.kind == MentionKind::Pronoun || in_quotes.encloses(m.span()) {
                        continue;
                    }
                    if e.gender == Some(g) {
                        narrative[slot][0].push((m.end, i));
                    }
                    narrative[slot][1].push((m.end, i));
                }
            }
            narrative[slot][0].sort_unstable();
            narrative[slot][1].sort_unstable();
            let names = |i: usize| {
                entities[i]
                    .mentions
                    .iter()
                    .filter(|m| m.kind == MentionKind::Name)
                    .count()
            };
            most_named[slot].sort_by_key(|&i| (std::cmp::Reverse(names(i)), i));
        }
        People {
            entities,
            by_start,
            by_end,
            narrative,
            most_named,
        }
    }
}

impl People<'_> {
    /// The entities with a mention ending at `span.end` and starting inside
    /// `span`, in entity order.
    pub fn ending_at(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        let k = self.by_end.partition_point(|m| m.0 < span.end);
        self.by_end[k..]
            .iter()
            .take_while(move |m| m.0 == span.end)
            .filter(move |m| m.2 >= span.start)
            .map(|m| m.1)
    }
}

/// A set of spans sorted by start, with the furthest end reached so far,
/// so that whether a span lies inside one of them, or overlaps one, is one
/// binary search.
pub(super) struct SpanSet {
    starts: Vec<usize>,
    furthest_end: Vec<usize>,
}

impl SpanSet {
    pub(super) fn new(spans: impl Iterator<Item = Span>) -> SpanSet {
        let mut sorted: Vec<(usize, usize)> = spans.map(|s| (s.start, s.end)).collect();
        sorted.sort_unstable();
        let mut furthest = 0;
        let furthest_end = sorted
            .iter()
            .map(|&(_, end)| {
                furthest = furthest.max(end);
                furthest
            })
            .collect();
        SpanSet {
            starts: sorted.iter().map(|s| s.0).collect(),
            furthest_end,
        }
    }

    /// Whether one of the spans contains `s`.
    pub(super) fn encloses(&self, s: Span) -> bool {
        let k = self.starts.partition_point(|&start| start <= s.start);
        k > 0 && self.furthest_end[k - 1] >= s.end
    }

    /// Whether one of the spans overlaps `s`.
    pub(super) fn overlaps(&self, s: Span) -> bool {
        let k = self.starts.partition_point(|&start| start < s.end);
        k > 0 && self.furthest_end[k - 1] > s.start
    }
}

impl std::ops::Deref for People<'_> {
    type Target = [DocEntity];

    fn deref(&self) -> &[DocEntity] {
        self.entities
    }
}

pub struct Speaker {
    pub entity: Option<usize>,
    pub note: Option<String>,
}

impl Speaker {
    fn found(entity: Option<usize>) -> Self {
        Speaker { entity, note: None }
    }

    fn none(note: String) -> Self {
        Speaker {
            entity: None,
            note: Some(note),
        }
    }
}

/// Who `source` (a span of `text`) refers to. `outer` is the speaker of the
/// quote this source stands inside, if any.
pub fn resolve(text: &str, people: &People, source: Option<Span>, outer: Option<usize>) -> Speaker {
    let Some(source) = source else {
        return Speaker::none("no speaker in the text".into());
    };
    let words = source.of(text);
    let lower = words.to_lowercase();
    if outer.is_some() && matches!(lower.as_str(), "i" | "we") {
        return Speaker::found(outer);
    }
    let gender = match lower.as_str() {
        "she" => Some(Gender::Female),
        "he" => Some(Gender::Male),
        _ => None,
    };
    if matches!(lower.as_str(), "who" | "which") {
        return match antecedent(text, people, source) {
            Some(e) => Speaker::found(Some(e)),
            None => Speaker::none(format!("unnamed source: the antecedent of “{words}”")),
        };
    }
    // "he" and "she" are resolved here, by gender and nearness in the
    // narrative; other sources by the entity that heads them.
    if gender.is_none() {
        if let Some(e) = head_entity(text, people, source) {
            return Speaker::found(Some(e));
        }
    }
    if let Some(g) = gender {
        let found = match outer {
            // Inside a quote, "he" is someone the speaker talks about: the
            // most named person of that gender other than the speaker.
            Some(o) => most_mentioned(people, g, o),
            None => nearest_before(people, g, source.start),
        };
        if found.is_some() {
            return Speaker::found(found);
        }
        return Speaker::none(format!("pronoun “{words}” not resolved to a named person"));
    }
    let first = lower.split_whitespace().next().unwrap_or("");
    let unnamed = matches!(
        first,
        "a" | "an"
            | "one"
            | "two"
            | "three"
            | "some"
            | "several"
            | "many"
            | "officials"
            | "sources"
            | "source"
            | "aides"
            | "people"
            | "experts"
            | "analysts"
            | "critics"
            | "they"
            | "another"
            | "other"
            | "others"
    ) || !words.chars().any(char::is_uppercase);
    if unnamed {
        Speaker::none(format!("unnamed source: {words}"))
    } else {
        Speaker::none(format!("source not resolved to a named entity: {words}"))
    }
}

/// The entity the source phrase is headed by: a mention that ends the
/// phrase ("White House Deputy Press Secretary Anna Kelly"; "El Salvador's
/// president" as a description) or stands before its apposition ("Chris
/// Brownell, an audience member"). A name inside a phrase with another head
/// ("one Clinton aide", "U.S. policy experts") is not the speaker.
fn head_entity(text: &str, people: &People, source: Span) -> Option<usize> {
    let phrase = source.of(text).trim_end_matches(['.', ',', ' ']);
    let phrase_end = source.start + phrase.len();
    // "Matthew Prince, chief executive of CloudFlare": the name before the
    // apposition heads the phrase; "her adviser, Jake Sullivan": the name
    // in it does; "The port's director, Jonas Rieker": the name that is the
    // whole apposition, when the part before the comma is headed by none.
    if let Some(comma) = phrase.find(',') {
        let after = Span::new(source.start + comma + 1, phrase_end);
        if !phrase[..comma].contains(char::is_uppercase) {
            return heading_mention(text, people, after, phrase_end);
        }
        let before = Span::new(source.start, source.start + comma);
        return heading_mention(text, people, before, before.end).or_else(|| {
            let name = after.of(text).trim_start();
            let at = phrase_end - name.len();
            let from = people.by_start.partition_point(|m| m.0 < at);
            people.by_start[from..]
                .iter()
                .take_while(|m| m.0 == at)
                .find(|m| m.2 == phrase_end)
                .map(|m| m.1)
        });
    }
    heading_mention(text, people, source, phrase_end)
}

/// The first person mention inside `source` that ends it (or stands before
/// a comma or parenthesis there): the lowest entity among those starting
/// there.
fn heading_mention(text: &str, people: &People, source: Span, phrase_end: usize) -> Option<usize> {
    let from = people.by_start.partition_point(|m| m.0 < source.start);
    people.by_start[from..]
        .iter()
        .take_while(|m| m.0 < source.end)
        .filter(|&&(start, _, end)| source.contains(&Span::new(start, end)))
        .find(|&&(_, _, end)| {
            let rest = text.get(end..phrase_end).unwrap_or("").trim_start();
            rest.is_empty() || rest.starts_with([',', '('])
        })
        .map(|m| m.1)
}

/// The entity named right before a relative pronoun ("Mitt Romney, who"):
/// the first entity with a mention ending there.
fn antecedent(text: &str, people: &People, source: Span) -> Option<usize> {
    let before = text.get(..source.start)?;
    let end = before.trim_end_matches([' ', ',']).len();
    if source.start - end > 3 {
        return None;
    }
    let k = people.by_end.partition_point(|m| m.0 < end);
    people.by_end.get(k).filter(|m| m.0 == end).map(|m| m.1)
}

fn compatible(e: &DocEntity, g: Gender) -> bool {
    e.kind == EntityKind::Person && e.gender.is_none_or(|x| x == g)
}

/// How far back (bytes) a person of the pronoun's known gender beats a
/// nearer person whose gender is unknown.
const GENDER_WINDOW: usize = 600;

/// The person a "he" or "she" at `pos` refers to: the person of matching
/// gender mentioned last before it in the narrative (mentions inside
/// quotation marks do not count); within the last few sentences, a person
/// whose gender is known to match beats one whose gender is unknown.
fn nearest_before(people: &People, g: Gender, pos: usize) -> Option<usize> {
    let [known, compatible] = &people.narrative[gender_slot(g)];
    // The last mention ending at or before `pos`, the first entity among
    // those ending there.
    let last = |mentions: &[(usize, usize)]| {
        let k = mentions.partition_point(|m| m.0 <= pos);
        let end = mentions[..k].last()?.0;
        Some(mentions[mentions[..k].partition_point(|m| m.0 < end)])
    };
    match last(known) {
        Some((end, i)) if pos - end <= GENDER_WINDOW => Some(i),
        _ => last(compatible).map(|m| m.1),
    }
}

/// The person of compatible gender named most often, other than `except`.
fn most_mentioned(people: &People, g: Gender, except: usize) -> Option<usize> {
    people.most_named[gender_slot(g)]
        .iter()
        .copied()
        .find(|&i| i != except)
}
