//! Whether a predicted attribution names the gold source's speaker.

use crosscheck_model::{DocEntity, Span};

use super::PredAttribution;
use crate::polnear::loader::GoldSpan;

/// Words of a name: capitalised words of at least two letters, not a
/// pronoun, article or title ("Mr", "Sen", "President").
pub fn name_words(s: &str) -> Vec<String> {
    const STOP: &[&str] = &[
        "the",
        "a",
        "an",
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "this",
        "that",
        "these",
        "those",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "president",
        "vice",
        "secretary",
        "gen",
        "general",
        "former",
        "but",
        "and",
        "in",
        "on",
        "at",
        "according",
    ];
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// Whether the predicted quote names the gold source's speaker (see the
/// binary's documentation for the three ways).
pub fn speaker_right(
    text: &str,
    gold_source: &GoldSpan,
    q: &PredAttribution,
    entities: &[DocEntity],
) -> bool {
    let hits = |s: Span| gold_source.parts.iter().any(|g| g.overlaps(&s));
    if q.source.is_some_and(hits) {
        return true;
    }
    let Some(e) = q.speaker.and_then(|i| entities.get(i)) else {
        return false;
    };
    if e.mentions.iter().any(|m| hits(m.span())) {
        return true;
    }
    let gold_words = name_words(&gold_source.text(text));
    !gold_words.is_empty() && name_words(&e.name).iter().any(|w| gold_words.contains(w))
}
