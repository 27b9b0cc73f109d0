//! Language analysis of clean article text. Everything it finds is a byte
//! span into the document's clean text, so that every later fact can be
//! traced to the sentence it came from.
//!
//! [`analyze`] runs the per-document analysis: sentences and tokens, then
//! entities (names, roles, pronouns resolved), then quotes and attributions
//! with their speakers. [`link`] joins documents: one canonical entity per
//! real-world entity across the store, and quotes that are variants of one
//! statement.

pub mod amounts;
pub mod entities;
pub mod link;
pub mod quotes;
pub mod sentences;
pub mod timex;
pub mod tokens;

pub use amounts::{find_amounts, Amount, Approx, Direction};
pub use crosscheck_model::{
    DocAnalysis, DocEntity, DocQuote, EntityKind, Mention, MentionKind, QuoteKind, Span,
};
pub use sentences::{split_sentences, Sentence};
pub use timex::{find_times, TimeExpr, TimeKind};
pub use tokens::{tokenize, Token, TokenKind};

/// Analyse one document's clean text: its entities and its quotes and
/// attributions. Deterministic; never panics on any input.
pub fn analyze(text: &str) -> DocAnalysis {
    analyze_parts(text).0
}

/// [`analyze`], also returning the sentences and tokens it read, for a
/// later stage (claims) that needs them again.
pub fn analyze_parts(text: &str) -> (DocAnalysis, Vec<Sentence>, Vec<Token>) {
    let sentences = split_sentences(text);
    let tokens = tokenize(text);
    let entities = entities::find_entities(text, &sentences, &tokens);
    let quotes = quotes::find_quotes(text, &sentences, &tokens, &entities);
    let analysis = DocAnalysis {
        entities,
        quotes,
        claims: Vec::new(),
    };
    (analysis, sentences, tokens)
}
