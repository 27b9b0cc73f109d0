//! Politeness: one request at a time per host with a pause between two,
//! and different hosts in parallel.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::{host_key, Request};

#[derive(Debug)]
struct HostState {
    /// When the last request to this host ended.
    last: Option<Instant>,
    delay: Duration,
}

/// The hosts seen, each behind its own lock: holding it is having the
/// host's turn.
pub(crate) struct Hosts {
    default_delay: Duration,
    hosts: Mutex<HashMap<String, Arc<Mutex<HostState>>>>,
}

impl Hosts {
    pub(crate) fn new(default_delay: Duration) -> Self {
        Hosts {
            default_delay,
            hosts: Mutex::new(HashMap::new()),
        }
    }

    fn host(&self, url: &url::Url) -> Arc<Mutex<HostState>> {
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        Arc::clone(hosts.entry(host_key(url)).or_insert_with(|| {
            Arc::new(Mutex::new(HostState {
                last: None,
                delay: self.default_delay,
            }))
        }))
    }

    /// A longer pause for this host (its robots.txt asks for one).
    pub(crate) fn set_delay(&self, url: &url::Url, delay: Duration) {
        let host = self.host(url);
        let mut h = host.lock().unwrap_or_else(|p| p.into_inner());
        h.delay = h.delay.max(delay);
    }

    /// Run `f` in this host's turn: after any other request to it has
    /// ended and its pause has passed.
    pub(crate) fn turn<T>(&self, url: &url::Url, f: impl FnOnce() -> T) -> T {
        let host = self.host(url);
        let mut h = host.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(last) = h.last {
            let ready = last + h.delay;
            let now = Instant::now();
            if ready > now {
                std::thread::sleep(ready - now);
            }
        }
        let out = f();
        h.last = Some(Instant::now());
        out
    }
}

/// Run `f` on every request, the requests of one host one after another in
/// their order, up to `parallel` hosts at once; results in the order of
/// `requests`.
pub(crate) fn by_host<T: Send>(
    requests: Vec<Request>,
    parallel: usize,
    f: impl Fn(Request) -> T + Sync,
) -> Vec<T> {
    let n = requests.len();
    let mut groups: Vec<(String, Vec<(usize, Request)>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, r) in requests.into_iter().enumerate() {
        let key = url::Url::parse(&r.url)
            .map(|u| host_key(&u))
            .unwrap_or_default();
        let g = *index.entry(key.clone()).or_insert_with(|| {
            groups.push((key, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push((i, r));
    }
    let workers = parallel.max(1).min(groups.len().max(1));
    let queue: Mutex<VecDeque<Vec<(usize, Request)>>> =
        Mutex::new(groups.into_iter().map(|(_, g)| g).collect());
    let results: Mutex<Vec<Option<T>>> = Mutex::new((0..n).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let group = queue.lock().unwrap_or_else(|p| p.into_inner()).pop_front();
                let Some(group) = group else { break };
                for (i, r) in group {
                    let out = f(r);
                    results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(out);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(|r| r.expect("every request was run"))
        .collect()
}
