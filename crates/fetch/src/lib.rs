//! Fetching pages and feeds over HTTP as a polite crawler does.
//!
//! - Every request has a connect timeout and an overall deadline, and its
//!   body a size cap (a 2 GB response costs the cap, then the connection is
//!   dropped); content codings are undone under the same cap.
//! - Redirects are followed by hand, at most [`Config::max_redirects`], each
//!   hop checked against robots.txt; a loop is named as one.
//! - One request at a time per host, with [`Config::host_delay`] (or the
//!   host's robots.txt `Crawl-delay`, if longer) between two of them;
//!   different hosts are fetched in parallel ([`Fetcher::fetch_all`]).
//! - robots.txt is read once per host and honoured for the user agent
//!   [`USER_AGENT`], which names the project.
//! - Conditional requests: validators of an earlier fetch (ETag,
//!   Last-Modified) are sent back, so an unchanged feed costs one small
//!   request (304).
//! - Transient failures (connection errors, timeouts, 429, 5xx) are tried
//!   again with exponential backoff (a `Retry-After` is honoured up to a cap).
//!
//! Each fetch returns what the fetch log needs: status, bytes, time, error.

mod robots;
mod schedule;
#[cfg(any(test, feature = "test-server"))]
pub mod testing;
#[cfg(test)]
mod tests;

use std::io::Read;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub use robots::RobotsCache;

/// The user agent: the project's name, version and where to read about it.
pub const USER_AGENT: &str = concat!(
    "crosscheck/",
    env!("CARGO_PKG_VERSION"),
    " (news corroboration engine; +https://github.com/crosscheck-news/crosscheck)"
);

/// The token robots.txt groups are matched against.
pub const ROBOTS_TOKEN: &str = "crosscheck";

/// How fetching behaves.
#[derive(Debug, Clone)]
pub struct Config {
    pub connect_timeout: Duration,
    /// The whole request, body included.
    pub timeout: Duration,
    /// Largest body accepted (after content decoding, too).
    pub max_bytes: u64,
    pub max_redirects: u32,
    /// Pause between two requests to one host.
    pub host_delay: Duration,
    /// Longest pause a robots.txt `Crawl-delay` may impose.
    pub max_crawl_delay: Duration,
    /// Tries after the first, for transient failures.
    pub retries: u32,
    /// First backoff; doubled on each retry.
    pub backoff: Duration,
    /// Hosts fetched at once.
    pub parallel_hosts: usize,
    pub obey_robots: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_bytes: 16 * 1024 * 1024,
            max_redirects: 5,
            host_delay: Duration::from_secs(1),
            max_crawl_delay: Duration::from_secs(30),
            retries: 2,
            backoff: Duration::from_secs(2),
            parallel_hosts: 8,
            obey_robots: true,
        }
    }
}

/// What a fetch is for (kept in the fetch log).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Feed,
    Page,
    Robots,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Feed => "feed",
            Kind::Page => "page",
            Kind::Robots => "robots",
        }
    }
}

/// Validators of an earlier successful fetch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// One URL to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub url: String,
    pub kind: Kind,
    pub validators: Validators,
}

/// A response with a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The URL after redirects.
    pub final_url: String,
    pub status: u16,
    pub content_type: Option<String>,
    /// The body with its content coding undone.
    pub body: Vec<u8>,
    pub validators: Validators,
}

/// How a fetch ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Fetched(Response),
    /// 304: what was fetched before is current.
    NotModified,
    /// Nothing usable, with a one-line reason.
    Failed(String),
}

/// One fetch and what the fetch log keeps of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetch {
    pub request: Request,
    pub outcome: Outcome,
    /// Unix seconds when it started.
    pub at: i64,
    /// The last status received (`None` when no response came).
    pub status: Option<u16>,
    /// Body bytes received, as sent (before decoding).
    pub bytes: u64,
    pub millis: u64,
    /// Requests made (retries and redirects count).
    pub attempts: u32,
    /// The failure may pass (a timeout, no connection, 429, 5xx, a
    /// robots.txt that could not be read): worth trying again later, unlike
    /// a 404 or a refusal by robots.txt.
    pub transient: bool,
}

impl Fetch {
    /// The one-line reason of a failure.
    pub fn error(&self) -> Option<&str> {
        match &self.outcome {
            Outcome::Failed(e) => Some(e),
            _ => None,
        }
    }

    /// The URL after redirects, when it differs from the one asked for.
    pub fn final_url(&self) -> Option<&str> {
        match &self.outcome {
            Outcome::Fetched(r) if r.final_url != self.request.url => Some(&r.final_url),
            _ => None,
        }
    }
}

/// A polite HTTP client: see the crate's documentation.
pub struct Fetcher {
    config: Config,
    agent: ureq::Agent,
    robots: RobotsCache,
    hosts: schedule::Hosts,
}

impl Fetcher {
    pub fn new(config: Config) -> Fetcher {
        let agent = ureq::AgentBuilder::new()
            .user_agent(USER_AGENT)
            .timeout_connect(config.connect_timeout)
            .timeout(config.timeout)
            .redirects(0)
            .build();
        Fetcher {
            hosts: schedule::Hosts::new(config.host_delay),
            robots: RobotsCache::default(),
            config,
            agent,
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Fetch every request: hosts in parallel (at most
    /// [`Config::parallel_hosts`]), each host's requests one at a time in
    /// the order given. Results come back in the order of `requests`. The
    /// robots.txt fetches this made are returned too, for the fetch log.
    pub fn fetch_all(&self, requests: Vec<Request>) -> (Vec<Fetch>, Vec<Fetch>) {
        schedule::by_host(requests, self.config.parallel_hosts, |r| self.fetch(r))
            .into_iter()
            .fold(
                (Vec::new(), Vec::new()),
                |(mut main, mut robots), (f, mut r)| {
                    main.push(f);
                    robots.append(&mut r);
                    (main, robots)
                },
            )
    }

    /// Fetch one request (waiting for its host's turn), with any robots.txt
    /// fetches it needed.
    pub fn fetch(&self, request: Request) -> (Fetch, Vec<Fetch>) {
        let started = Instant::now();
        let at = unix_now();
        let mut robots_fetches = Vec::new();
        let mut state = Progress::default();
        let outcome = self.follow(&request, &mut state, &mut robots_fetches);
        let fetch = Fetch {
            request,
            outcome,
            at,
            status: state.status,
            bytes: state.bytes,
            millis: started.elapsed().as_millis() as u64,
            attempts: state.attempts,
            transient: state.transient,
        };
        (fetch, robots_fetches)
    }

    /// Follow redirects from `request.url`.
    fn follow(&self, request: &Request, state: &mut Progress, robots: &mut Vec<Fetch>) -> Outcome {
        let mut url = match parse_http_url(&request.url) {
            Ok(u) => u,
            Err(e) => return Outcome::Failed(e),
        };
        let mut seen: Vec<String> = Vec::new();
        loop {
            if self.config.obey_robots && request.kind != Kind::Robots {
                let (verdict, fetched) = self.robots.check(self, &url);
                robots.extend(fetched);
                match verdict {
                    Ok(Some(delay)) => self
                        .hosts
                        .set_delay(&url, delay.min(self.config.max_crawl_delay)),
                    Ok(None) => {}
                    Err(why) => {
                        state.transient = why.contains("could not be read");
                        return Outcome::Failed(why);
                    }
                }
            }
            seen.push(url.to_string());
            // The validators go with every hop: a feed that moved answers
            // its new address's request with 304 too (a validator of
            // another resource simply does not match).
            match self.request_with_retries(&url, &request.validators, state) {
                Step::Done(outcome) => {
                    return match outcome {
                        Outcome::Fetched(mut r) => {
                            r.final_url = url.to_string();
                            Outcome::Fetched(r)
                        }
                        other => other,
                    }
                }
                Step::Redirect(location) => {
                    let next = match url.join(&location) {
                        Ok(n) if matches!(n.scheme(), "http" | "https") => n,
                        _ => {
                            return Outcome::Failed(format!(
                                "redirect to an address that cannot be fetched: {}",
                                clip(&location)
                            ))
                        }
                    };
                    if seen.contains(&next.to_string()) {
                        return Outcome::Failed(format!(
                            "redirect loop: {} leads back to {}",
                            clip(url.as_str()),
                            clip(next.as_str())
                        ));
                    }
                    if seen.len() > self.config.max_redirects as usize {
                        return Outcome::Failed(format!(
                            "more than {} redirects",
                            self.config.max_redirects
                        ));
                    }
                    url = next;
                }
            }
        }
    }

    /// One URL, tried again on transient failures.
    fn request_with_retries(
        &self,
        url: &url::Url,
        validators: &Validators,
        state: &mut Progress,
    ) -> Step {
        let mut wait = self.config.backoff;
        let mut tries = 0;
        loop {
            tries += 1;
            let step = self
                .hosts
                .turn(url, || self.request_once(url, validators, state));
            match step {
                Attempt::Transient {
                    reason,
                    retry_after: Some(after),
                } if after > self.config.max_crawl_delay => {
                    state.transient = true;
                    return Step::Done(Outcome::Failed(format!(
                        "{reason}; the server asks to retry after {} s",
                        after.as_secs()
                    )));
                }
                Attempt::Transient {
                    reason,
                    retry_after,
                } if tries <= self.config.retries => {
                    let pause = retry_after.unwrap_or(wait);
                    tracing::debug!(%url, reason, ?pause, "retrying");
                    std::thread::sleep(pause);
                    wait = wait.saturating_mul(2);
                }
                Attempt::Transient { reason, .. } => {
                    state.transient = true;
                    let tried = if tries > 1 {
                        format!(" (tried {tries} times)")
                    } else {
                        String::new()
                    };
                    return Step::Done(Outcome::Failed(format!("{reason}{tried}")));
                }
                Attempt::Final(step) => return step,
            }
        }
    }

    fn request_once(
        &self,
        url: &url::Url,
        validators: &Validators,
        state: &mut Progress,
    ) -> Attempt {
        state.attempts += 1;
        let mut req = self
            .agent
            .request_url("GET", url)
            .set("Accept-Encoding", "gzip, deflate, br")
            .set(
                "Accept",
                "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.8",
            );
        if let Some(etag) = &validators.etag {
            req = req.set("If-None-Match", etag);
        }
        if let Some(lm) = &validators.last_modified {
            req = req.set("If-Modified-Since", lm);
        }
        let response = match req.call() {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(ureq::Error::Transport(t)) => {
                state.status = None;
                return Attempt::Transient {
                    reason: transport_reason(&t),
                    retry_after: None,
                };
            }
        };
        let status = response.status();
        state.status = Some(status);
        match status {
            301 | 302 | 303 | 307 | 308 => {
                return match response.header("location") {
                    Some(l) => Attempt::Final(Step::Redirect(l.to_string())),
                    None => Attempt::Final(Step::Done(Outcome::Failed(format!(
                        "HTTP {status} without a Location"
                    )))),
                }
            }
            304 => return Attempt::Final(Step::Done(Outcome::NotModified)),
            429 | 500 | 502 | 503 | 504 => {
                let retry_after = response
                    .header("retry-after")
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs);
                return Attempt::Transient {
                    reason: format!("HTTP {status} {}", response.status_text()),
                    retry_after,
                };
            }
            200..=299 => {}
            _ => {
                return Attempt::Final(Step::Done(Outcome::Failed(format!(
                    "HTTP {status} {}",
                    clip(response.status_text())
                ))))
            }
        }
        let cap = self.config.max_bytes;
        if let Some(len) = response
            .header("content-length")
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            if len > cap {
                return Attempt::Final(Step::Done(Outcome::Failed(format!(
                    "response is {len} bytes, over the size cap of {cap} bytes"
                ))));
            }
        }
        let content_type = response.header("content-type").map(str::to_string);
        let coding = response.header("content-encoding").map(str::to_string);
        let validators = Validators {
            etag: response.header("etag").map(str::to_string),
            last_modified: response.header("last-modified").map(str::to_string),
        };
        let mut body = Vec::new();
        let read = response.into_reader().take(cap + 1).read_to_end(&mut body);
        state.bytes += body.len() as u64;
        if let Err(e) = read {
            return Attempt::Transient {
                reason: format!("the response broke off: {}", io_reason(&e)),
                retry_after: None,
            };
        }
        if body.len() as u64 > cap {
            return Attempt::Final(Step::Done(Outcome::Failed(format!(
                "response is over the size cap of {cap} bytes"
            ))));
        }
        if let Some(coding) = coding {
            body = match crosscheck_ingest::decode_content(body, &coding, cap) {
                Ok(b) => b,
                Err(e) => return Attempt::Final(Step::Done(Outcome::Failed(e))),
            };
        }
        Attempt::Final(Step::Done(Outcome::Fetched(Response {
            final_url: url.to_string(),
            status,
            content_type,
            body,
            validators,
        })))
    }
}

/// What has happened so far in one fetch.
#[derive(Debug, Default)]
struct Progress {
    status: Option<u16>,
    bytes: u64,
    attempts: u32,
    transient: bool,
}

enum Step {
    Done(Outcome),
    Redirect(String),
}

enum Attempt {
    Final(Step),
    Transient {
        reason: String,
        retry_after: Option<Duration>,
    },
}

fn parse_http_url(s: &str) -> Result<url::Url, String> {
    let u = url::Url::parse(s.trim()).map_err(|e| format!("invalid URL {}: {e}", clip(s)))?;
    if !matches!(u.scheme(), "http" | "https") {
        return Err(format!("not an http or https URL: {}", clip(s)));
    }
    if u.host_str().is_none() {
        return Err(format!("URL without a host: {}", clip(s)));
    }
    Ok(u)
}

/// `host:port`, the unit of politeness and of robots.txt.
pub(crate) fn host_key(u: &url::Url) -> String {
    format!(
        "{}://{}:{}",
        u.scheme(),
        u.host_str().unwrap_or(""),
        u.port_or_known_default().unwrap_or(0)
    )
}

fn transport_reason(t: &ureq::Transport) -> String {
    let detail = t
        .message()
        .map(str::to_string)
        .or_else(|| std::error::Error::source(t).map(|s| s.to_string()))
        .unwrap_or_default();
    let lower = format!("{detail} {t}").to_ascii_lowercase();
    if lower.contains("timed out") || lower.contains("timeout") || lower.contains("would block") {
        return "timed out: the server did not answer in time".to_string();
    }
    let kind = match t.kind() {
        ureq::ErrorKind::Dns => "cannot resolve the host",
        ureq::ErrorKind::ConnectionFailed => "cannot connect",
        ureq::ErrorKind::TooManyRedirects => "too many redirects",
        ureq::ErrorKind::BadStatus => "bad HTTP status line",
        ureq::ErrorKind::BadHeader => "bad HTTP header",
        ureq::ErrorKind::Io => "connection error",
        _ => "request failed",
    };
    if detail.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}: {}", clip(&detail))
    }
}

fn io_reason(e: &std::io::Error) -> String {
    if matches!(
        e.kind(),
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
    ) {
        "timed out".to_string()
    } else {
        clip(&e.to_string())
    }
}

/// One line of at most 200 characters.
fn clip(s: &str) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 200 {
        let cut: String = one.chars().take(199).collect();
        format!("{cut}…")
    } else {
        one
    }
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// An HTTP date (for `Last-Modified` comparisons in tests and logs).
pub fn http_date(t: SystemTime) -> String {
    httpdate::fmt_http_date(t)
}
