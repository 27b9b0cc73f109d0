//! Whether two statements report one fact — the judge alignment uses and `crosscheck compare` exposes.
//!
//! - `wordpiece`: BERT's uncased tokenizer over the teacher's vocabulary;
//! - `embed`: the static sentence embedding distilled from all-MiniLM-L6-v2 (`model/distill.py`);
//! - `judge`: the learned combination of that embedding with numbers, names, negation and overlap.

pub mod embed;
pub mod judge;
pub mod wordpiece;

pub use embed::{cosine, Embeddings};
pub use judge::{compare, features, Judge, Rating, Statement, Verdict};
