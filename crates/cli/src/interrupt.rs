//! Ctrl-C and SIGTERM during a long command (an ingest): the first one
//! asks the work to stop at its next check, between or inside transactions
//! that then roll back, so the store keeps a complete state; a second one
//! exits at once (SQLite's journal keeps the file consistent even then).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Exit status after an interruption: 128 + SIGINT, as shells report it.
pub const EXIT_INTERRUPTED: i32 = 130;

/// Whether a stop was asked for. Cheap to clone and to check.
#[derive(Clone, Default)]
pub struct Interrupt(Arc<AtomicBool>);

impl Interrupt {
    /// A flag set by SIGINT and SIGTERM from now on (the default actions,
    /// which would kill the process mid-transaction, are replaced). A
    /// failure to install the handlers leaves the defaults, which SQLite
    /// survives too.
    pub fn on_signals() -> Interrupt {
        let flag = Interrupt::default();
        #[cfg(unix)]
        for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            // Registered first, so that it sees the flag as the previous
            // signal left it: the second signal exits.
            let second = signal_hook::flag::register_conditional_shutdown(
                signal,
                EXIT_INTERRUPTED,
                Arc::clone(&flag.0),
            );
            let first = signal_hook::flag::register(signal, Arc::clone(&flag.0));
            if let Err(e) = second.and(first) {
                tracing::warn!(error = %e, "cannot handle Ctrl-C; it will stop at once");
            }
        }
        flag
    }

    /// A flag that is never set by a signal (tests, library use).
    #[cfg(test)]
    pub fn never() -> Interrupt {
        Interrupt::default()
    }

    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// `Err(Interrupted)` once a stop was asked for.
    pub fn check(&self) -> Result<(), crosscheck_store::StoreError> {
        if self.is_set() {
            Err(crosscheck_store::StoreError::Interrupted)
        } else {
            Ok(())
        }
    }
}
