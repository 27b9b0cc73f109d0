//! `bench-scale` and `gen-corpus`: a generator of any number of varied news
//! documents from the shared corpora ([`generate`]), and the benchmark that
//! ingests 10k, 100k and 1M of them and measures time and memory ([`run`]).

mod drift;
mod formats;
pub mod generate;
pub mod pool;
pub mod run;
