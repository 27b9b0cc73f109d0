//! Exit codes, documented in the README.

use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything asked for was done.
    Ok = 0,
    /// A runtime error: the database could not be opened or written, an
    /// output file could not be written, ...
    Error = 1,
    // 2 is clap's usage error.
    /// Ingest finished, but some inputs failed (the others were stored).
    SomeInputsFailed = 3,
    /// The requested document does not exist.
    NotFound = 4,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> Self {
        ExitCode::from(e as u8)
    }
}
