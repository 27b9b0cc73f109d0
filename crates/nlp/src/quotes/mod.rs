//! Quotes and attributions of one document: direct quotes (straight or
//! curly marks, colon-introduced blocks, quotes continued across
//! paragraphs, nested and partial quotes) and indirect attributions
//! ("X said that ...", "according to X, ..."), each with its source, cue
//! and content spans and its speaker entity.

use crate::{DocEntity, DocQuote, Sentence, Token};

/// Find the quotes and attributions of `text`, in text order of content.
pub fn find_quotes(
    _text: &str,
    _sentences: &[Sentence],
    _tokens: &[Token],
    _entities: &[DocEntity],
) -> Vec<DocQuote> {
    Vec::new()
}
