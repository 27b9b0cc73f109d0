//! A request to stop long work (an ingest, a rebuild): the work checks it
//! between and inside transactions, which then roll back, so the store
//! keeps a complete state. Front ends set it: the CLI from Ctrl-C and
//! SIGTERM, the server when a job is cancelled or the server shuts down.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Whether a stop was asked for. Cheap to clone and to check.
#[derive(Clone, Default)]
pub struct Interrupt(Arc<AtomicBool>);

impl Interrupt {
    /// A flag nobody sets (tests, work that cannot be stopped).
    pub fn never() -> Interrupt {
        Interrupt::default()
    }

    /// The flag a front end sets, shared with whatever sets it (a signal
    /// handler registers the same `Arc`).
    pub fn from_flag(flag: Arc<AtomicBool>) -> Interrupt {
        Interrupt(flag)
    }

    /// The shared flag, for a signal handler to register.
    pub fn flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.0)
    }

    /// Ask the work to stop at its next check.
    pub fn set(&self) {
        self.0.store(true, Ordering::Relaxed);
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
