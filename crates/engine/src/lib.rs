//! crosscheck's application, under every front end: the pipeline that
//! ingests files into a store and derives links, stories and findings
//! from what is stored ([`pipeline`], [`clustering`], [`findings`]), and
//! the read models the command line and the server show. Front ends parse
//! their input, call the engine and render; no SQL here (that is
//! `crosscheck-store`), no HTTP, no argument parsing.

pub mod briefing;
pub mod check;
pub mod cluster_update;
pub mod clustering;
pub mod collect;
pub mod compare;
pub mod documents;
pub mod export;
pub mod findings;
pub mod interrupt;
pub mod json;
pub mod linking;
pub mod open;
pub mod pipeline;
pub mod quotes;
pub mod search;
pub mod signals;
pub mod stories;

pub use interrupt::Interrupt;
