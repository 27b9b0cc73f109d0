//! Language analysis of clean article text. Everything it finds is a byte
//! span into the document's clean text, so that every later fact can be
//! traced to the sentence it came from.
//!
//! Today: sentence splitting for English news. Entities, quotes and claims
//! build on it.

pub mod sentences;

pub use sentences::{split_sentences, Sentence};
