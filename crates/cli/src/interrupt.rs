//! Ctrl-C and SIGTERM during a long command (an ingest): the first one
//! sets the engine's [`Interrupt`], which stops the work at its next check
//! with the store in a complete state; a second one exits at once
//! (SQLite's journal keeps the file consistent even then).

pub use crosscheck_engine::Interrupt;

/// Exit status after an interruption: 128 + SIGINT, as shells report it.
pub const EXIT_INTERRUPTED: i32 = 130;

/// A flag set by SIGINT and SIGTERM from now on (the default actions,
/// which would kill the process mid-transaction, are replaced). A failure
/// to install the handlers leaves the defaults, which SQLite survives too.
pub fn on_signals() -> Interrupt {
    let flag = Interrupt::default();
    #[cfg(unix)]
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // Registered first, so that it sees the flag as the previous signal
        // left it: the second signal exits.
        let second =
            signal_hook::flag::register_conditional_shutdown(signal, EXIT_INTERRUPTED, flag.flag());
        let first = signal_hook::flag::register(signal, flag.flag());
        if let Err(e) = second.and(first) {
            tracing::warn!(error = %e, "cannot handle Ctrl-C; it will stop at once");
        }
    }
    flag
}
