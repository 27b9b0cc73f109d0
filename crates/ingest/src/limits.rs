//! Size caps that protect the machine from hostile or broken input, and
//! the memory budget that decompression shares across workers.

use std::sync::{Arc, Condvar, Mutex};

/// Size caps. Clones share one [`DecompressionBudget`]: however many
/// workers read gzip files at once, the bytes they decompress together
/// stay within one file's cap, so a folder of gzip bombs costs the memory
/// of one, not of one per worker.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest file (as stored on disk) that is read at all.
    pub max_file_bytes: u64,
    /// Largest decompressed size of a gzip file: beyond it the file is
    /// refused as a likely gzip bomb.
    pub max_decompressed_bytes: u64,
    budget: Arc<DecompressionBudget>,
}

impl Limits {
    pub fn new(max_file_bytes: u64, max_decompressed_bytes: u64) -> Limits {
        Limits {
            max_file_bytes,
            max_decompressed_bytes,
            budget: Arc::new(DecompressionBudget::new(max_decompressed_bytes)),
        }
    }

    pub(crate) fn budget(&self) -> &DecompressionBudget {
        &self.budget
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits::new(64 * 1024 * 1024, 256 * 1024 * 1024)
    }
}

impl PartialEq for Limits {
    fn eq(&self, other: &Self) -> bool {
        self.max_file_bytes == other.max_file_bytes
            && self.max_decompressed_bytes == other.max_decompressed_bytes
    }
}

/// Bytes that decompressing workers may hold at once, shared by all of
/// them.
///
/// A worker reserves what it expects to need before it decompresses and
/// grows its reservation as the output grows. When the budget is short it
/// gives back what it holds and waits for a reservation of a whole file's
/// cap (a waiter holds nothing, so waiting cannot deadlock), then starts
/// again; while such a worker waits, new reservations wait behind it, so
/// it is not starved.
#[derive(Debug)]
pub(crate) struct DecompressionBudget {
    total: u64,
    state: Mutex<BudgetState>,
    freed: Condvar,
}

#[derive(Debug, Default)]
struct BudgetState {
    used: u64,
    /// The most ever used at once (for tests of the bound).
    peak: u64,
    /// Workers waiting for a whole cap.
    waiting_whole: usize,
}

impl DecompressionBudget {
    fn new(total: u64) -> Self {
        DecompressionBudget {
            total: total.max(1),
            state: Mutex::new(BudgetState::default()),
            freed: Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BudgetState> {
        // A panic while holding this lock cannot leave the counters
        // inconsistent (each update is one statement), so a poisoned lock
        // is used as it is.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Reserve `bytes` (at most the whole budget), waiting while another
    /// worker waits for a whole cap or the budget is short.
    pub(crate) fn reserve(&self, bytes: u64) -> Reservation<'_> {
        let bytes = bytes.min(self.total);
        let mut s = self.lock();
        while s.waiting_whole > 0 || s.used + bytes > self.total {
            s = self.freed.wait(s).unwrap_or_else(|p| p.into_inner());
        }
        s.used += bytes;
        s.peak = s.peak.max(s.used);
        Reservation {
            budget: self,
            bytes,
        }
    }

    /// Reserve the whole budget, ahead of any new small reservation.
    pub(crate) fn reserve_whole(&self) -> Reservation<'_> {
        let mut s = self.lock();
        s.waiting_whole += 1;
        while s.used > 0 {
            s = self.freed.wait(s).unwrap_or_else(|p| p.into_inner());
        }
        s.waiting_whole -= 1;
        s.used = self.total;
        s.peak = s.peak.max(s.used);
        Reservation {
            budget: self,
            bytes: self.total,
        }
    }

    fn release(&self, bytes: u64) {
        let mut s = self.lock();
        s.used = s.used.saturating_sub(bytes);
        drop(s);
        self.freed.notify_all();
    }

    #[cfg(test)]
    pub(crate) fn used(&self) -> u64 {
        self.lock().used
    }

    #[cfg(test)]
    pub(crate) fn peak(&self) -> u64 {
        self.lock().peak
    }
}

/// Bytes held from a [`DecompressionBudget`], given back when dropped.
#[derive(Debug)]
pub(crate) struct Reservation<'a> {
    budget: &'a DecompressionBudget,
    bytes: u64,
}

impl Reservation<'_> {
    pub(crate) fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Grow to `bytes` if the budget has room now (never waits); `false`
    /// when it has not.
    pub(crate) fn try_grow(&mut self, bytes: u64) -> bool {
        if bytes <= self.bytes {
            return true;
        }
        let mut s = self.budget.lock();
        let more = bytes - self.bytes;
        if s.waiting_whole > 0 || s.used + more > self.budget.total {
            return false;
        }
        s.used += more;
        s.peak = s.peak.max(s.used);
        self.bytes = bytes;
        true
    }

    /// Whether this holds the whole budget (nothing more can be had).
    pub(crate) fn is_whole(&self) -> bool {
        self.bytes >= self.budget.total
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        self.budget.release(self.bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reservations_are_shared_and_given_back() {
        let b = DecompressionBudget::new(100);
        let mut a = b.reserve(60);
        assert_eq!(b.used(), 60);
        assert!(!a.try_grow(120), "over the whole budget");
        let c = b.reserve(40);
        assert!(!a.try_grow(61), "the budget is full");
        drop(c);
        assert!(a.try_grow(100));
        assert!(a.is_whole());
        drop(a);
        assert_eq!(b.used(), 0);
    }

    #[test]
    fn a_whole_reservation_waits_for_the_others_and_goes_first() {
        let b = Arc::new(DecompressionBudget::new(100));
        let small = b.reserve(10);
        let b2 = Arc::clone(&b);
        let whole = std::thread::spawn(move || {
            let r = b2.reserve_whole();
            r.bytes()
        });
        // Let the waiter register, then free the budget.
        while b.lock().waiting_whole == 0 {
            std::thread::yield_now();
        }
        drop(small);
        assert_eq!(whole.join().unwrap(), 100);
        assert_eq!(b.used(), 0);
    }
}
