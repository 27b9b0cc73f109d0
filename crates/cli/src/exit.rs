//! Exit codes, documented in the README.

use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything asked for was done.
    Ok = 0,
    /// A runtime error: the database could not be opened or written, an
    /// output file could not be written, ...
    Error = 1,
    /// A usage error: clap's own (unknown option, missing argument), or an
    /// argument it cannot check (a bad line of a `check --claims` file).
    Usage = 2,
    /// Ingest finished, but some inputs failed (the others were stored).
    SomeInputsFailed = 3,
    /// The requested document does not exist.
    NotFound = 4,
    /// Stopped by Ctrl-C or SIGTERM: the store holds the complete state of
    /// before the command (what an ingest stored is kept, hidden until the
    /// next ingest or `rebuild` completes it).
    Interrupted = 130,
}

/// A usage error clap could not catch (a bad line of an input file): the message on standard error,
/// exit 2.
pub fn usage_error(message: &str) -> anyhow::Result<Exit> {
    crate::output::warn(&format!("error: {message}"));
    Ok(Exit::Usage)
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> Self {
        ExitCode::from(e as u8)
    }
}
