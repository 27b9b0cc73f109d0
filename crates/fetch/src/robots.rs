//! robots.txt, read once per host and honoured. As Google's crawler does: a
//! robots.txt that is missing (any 4xx) allows everything; one that cannot
//! be read (5xx, timeout, no connection) refuses everything on that host
//! for now, since its rules are unknown. Rules are read again after
//! [`ROBOTS_TTL`] (a long `watch` sees changes), as Google caches them for
//! up to a day.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long robots.txt rules are kept before they are read again.
pub const ROBOTS_TTL: Duration = Duration::from_secs(24 * 3600);
/// How long rules that could not be read stand before they are tried again.
const UNKNOWN_TTL: Duration = Duration::from_secs(15 * 60);

use crate::{host_key, Fetch, Fetcher, Kind, Outcome, Request, Validators, ROBOTS_TOKEN};

enum Rules {
    AllowAll,
    /// Refuse everything, and why.
    Unknown(String),
    Parsed(texting_robots::Robot),
}

/// A host's rules and when they were read.
type Kept = (Arc<Rules>, Instant);

/// The robots.txt rules of the hosts seen by one fetcher.
#[derive(Default)]
pub struct RobotsCache {
    hosts: Mutex<HashMap<String, Arc<Mutex<Option<Kept>>>>>,
}

impl RobotsCache {
    /// The host's crawl delay if `url` may be fetched, else why not; and
    /// the robots.txt fetch made to know (none when it was known already).
    pub(crate) fn check(
        &self,
        fetcher: &Fetcher,
        url: &url::Url,
    ) -> (Result<Option<Duration>, String>, Vec<Fetch>) {
        let key = host_key(url);
        let slot = {
            let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
            Arc::clone(hosts.entry(key).or_default())
        };
        let mut slot = slot.lock().unwrap_or_else(|p| p.into_inner());
        let mut fetched = Vec::new();
        let fresh = |(rules, at): &(Arc<Rules>, Instant)| {
            let ttl = match **rules {
                Rules::Unknown(_) => UNKNOWN_TTL,
                _ => ROBOTS_TTL,
            };
            at.elapsed() < ttl
        };
        let rules = match &*slot {
            Some(kept) if fresh(kept) => Arc::clone(&kept.0),
            _ => {
                let (rules, fetch) = read_rules(fetcher, url);
                fetched.push(fetch);
                let rules = Arc::new(rules);
                *slot = Some((Arc::clone(&rules), Instant::now()));
                rules
            }
        };
        let host = host_key(url);
        let verdict = match &*rules {
            Rules::AllowAll => Ok(None),
            Rules::Unknown(why) => Err(format!(
                "not fetched: the robots.txt of {host} could not be read ({why}), so its rules are unknown"
            )),
            Rules::Parsed(robot) if !robot.allowed(url.as_str()) => {
                Err(format!("refused by the robots.txt of {host}"))
            }
            Rules::Parsed(robot) => Ok(robot
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::from_secs_f32(d.min(3600.0)))),
        };
        (verdict, fetched)
    }
}

fn read_rules(fetcher: &Fetcher, url: &url::Url) -> (Rules, Fetch) {
    let mut robots_url = url.clone();
    robots_url.set_path("/robots.txt");
    robots_url.set_query(None);
    robots_url.set_fragment(None);
    let (fetch, _) = fetcher.fetch(Request {
        url: robots_url.to_string(),
        kind: Kind::Robots,
        validators: Validators::default(),
    });
    let rules = match (&fetch.outcome, fetch.status) {
        (Outcome::Fetched(r), _) => match texting_robots::Robot::new(ROBOTS_TOKEN, &r.body) {
            Ok(robot) => Rules::Parsed(robot),
            // Rules that cannot be parsed are no rules.
            Err(_) => Rules::AllowAll,
        },
        // 429 is a host asking for less, not a missing file: rules unknown.
        (_, Some(s)) if (400..500).contains(&s) && s != 429 => Rules::AllowAll,
        (Outcome::Failed(e), _) => Rules::Unknown(e.clone()),
        (Outcome::NotModified, _) => Rules::AllowAll,
    };
    (rules, fetch)
}
