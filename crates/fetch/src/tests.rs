//! Fetching against a local server on 127.0.0.1: nothing reaches the network.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::testing::{Reply, TestServer};
use crate::{Config, Fetcher, Kind, Outcome, Request, Validators, USER_AGENT};

fn quick() -> Config {
    Config {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_millis(1500),
        max_bytes: 1024 * 1024,
        host_delay: Duration::from_millis(0),
        backoff: Duration::from_millis(20),
        ..Config::default()
    }
}

fn page(url: &str) -> Request {
    Request {
        url: url.to_string(),
        kind: Kind::Page,
        validators: Validators::default(),
    }
}

fn failed(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Failed(e) => e,
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[test]
fn a_page_is_fetched_with_the_projects_user_agent_and_decoded() {
    let server = TestServer::start(|s| match s.path.as_str() {
        "/a" => {
            use std::io::Write;
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(b"<html><p>Hello</p></html>").unwrap();
            Reply::Full(
                200,
                vec![
                    ("Content-Type".into(), "text/html; charset=utf-8".into()),
                    ("Content-Encoding".into(), "gzip".into()),
                    ("ETag".into(), "\"v1\"".into()),
                ],
                e.finish().unwrap(),
            )
        }
        _ => Reply::status(404),
    });
    let f = Fetcher::new(quick());
    let (fetch, robots) = f.fetch(page(&server.url("/a")));
    match &fetch.outcome {
        Outcome::Fetched(r) => {
            assert_eq!(r.body, b"<html><p>Hello</p></html>");
            assert_eq!(r.validators.etag.as_deref(), Some("\"v1\""));
            assert_eq!(r.content_type.as_deref(), Some("text/html; charset=utf-8"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(fetch.status, Some(200));
    assert_eq!(robots.len(), 1, "robots.txt read first");
    let seen = server.requests_of("/a");
    assert_eq!(seen[0].header("user-agent"), Some(USER_AGENT));
}

#[test]
fn an_unchanged_resource_costs_one_conditional_request() {
    let server = TestServer::start(|s| {
        if s.header("if-none-match") == Some("\"v1\"") {
            Reply::status(304)
        } else {
            Reply::Full(
                200,
                vec![("ETag".into(), "\"v1\"".into())],
                b"<rss/>".to_vec(),
            )
        }
    });
    let f = Fetcher::new(quick());
    let (first, _) = f.fetch(page(&server.url("/feed")));
    let Outcome::Fetched(r) = &first.outcome else {
        panic!("{first:?}")
    };
    let again = Request {
        validators: r.validators.clone(),
        ..page(&server.url("/feed"))
    };
    let (second, _) = f.fetch(again);
    assert_eq!(second.outcome, Outcome::NotModified);
    assert_eq!(second.bytes, 0);
    assert_eq!(server.requests_of("/feed").len(), 2);
}

#[test]
fn robots_txt_is_honoured() {
    let server = TestServer::start(|s| match s.path.as_str() {
        "/robots.txt" => Reply::ok("text/plain", "User-agent: crosscheck\nDisallow: /private\n"),
        _ => Reply::ok("text/html", "<p>x</p>"),
    });
    let f = Fetcher::new(quick());
    let (open, _) = f.fetch(page(&server.url("/public")));
    assert!(matches!(open.outcome, Outcome::Fetched(_)));
    let (closed, robots) = f.fetch(page(&server.url("/private/a")));
    assert!(failed(&closed.outcome).contains("robots.txt"));
    assert!(robots.is_empty(), "robots.txt is read once per host");
    assert!(server.requests_of("/private/a").is_empty());
    assert_eq!(server.requests_of("/robots.txt").len(), 1);
}

#[test]
fn redirects_are_followed_capped_and_loops_named() {
    let server = TestServer::start(|s| match s.path.as_str() {
        "/old" => Reply::redirect(301, "/new"),
        "/new" => Reply::ok("text/html", "<p>moved</p>"),
        "/loop-a" => Reply::redirect(302, "/loop-b"),
        "/loop-b" => Reply::redirect(302, "/loop-a"),
        p if p.starts_with("/chain/") => {
            let n: u32 = p[7..].parse().unwrap_or(0);
            Reply::redirect(307, &format!("/chain/{}", n + 1))
        }
        _ => Reply::status(404),
    });
    let f = Fetcher::new(quick());
    let (moved, _) = f.fetch(page(&server.url("/old")));
    match &moved.outcome {
        Outcome::Fetched(r) => assert_eq!(r.final_url, server.url("/new")),
        other => panic!("{other:?}"),
    }
    assert_eq!(moved.final_url(), Some(server.url("/new").as_str()));
    let (looped, _) = f.fetch(page(&server.url("/loop-a")));
    assert!(failed(&looped.outcome).contains("redirect loop"));
    let (chain, _) = f.fetch(page(&server.url("/chain/0")));
    assert!(failed(&chain.outcome).contains("more than 5 redirects"));
}

#[test]
fn a_server_that_never_answers_times_out() {
    let server = TestServer::start(|s| match s.path.as_str() {
        "/robots.txt" => Reply::status(404),
        _ => Reply::Hang,
    });
    let f = Fetcher::new(Config {
        retries: 0,
        ..quick()
    });
    let start = Instant::now();
    let (fetch, _) = f.fetch(page(&server.url("/hang")));
    assert!(failed(&fetch.outcome).contains("timed out"), "{fetch:?}");
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_eq!(fetch.status, None);
}

#[test]
fn an_endless_response_stops_at_the_cap() {
    let server = TestServer::start(|s| match s.path.as_str() {
        "/robots.txt" => Reply::status(404),
        _ => Reply::Endless,
    });
    let f = Fetcher::new(Config {
        timeout: Duration::from_secs(10),
        ..quick()
    });
    let (fetch, _) = f.fetch(page(&server.url("/big")));
    assert!(failed(&fetch.outcome).contains("size cap"), "{fetch:?}");
    assert!(fetch.bytes <= 1024 * 1024 + 1);
}

#[test]
fn a_declared_length_over_the_cap_is_refused_before_the_body() {
    let server = TestServer::start(|s| match s.path.as_str() {
        "/robots.txt" => Reply::status(404),
        _ => Reply::ok("text/html", vec![b'a'; 2 * 1024 * 1024]),
    });
    let (fetch, _) = Fetcher::new(quick()).fetch(page(&server.url("/big")));
    assert!(
        failed(&fetch.outcome).contains("over the size cap"),
        "{fetch:?}"
    );
    assert_eq!(fetch.bytes, 0);
}

#[test]
fn transient_failures_are_retried_with_backoff() {
    let calls = Arc::new(AtomicUsize::new(0));
    let c = Arc::clone(&calls);
    let server = TestServer::start(move |s| match s.path.as_str() {
        "/robots.txt" => Reply::status(404),
        "/flaky" if c.fetch_add(1, Ordering::SeqCst) == 0 => Reply::status(503),
        "/flaky" => Reply::ok("text/html", "<p>back</p>"),
        _ => Reply::status(500),
    });
    let f = Fetcher::new(quick());
    let (flaky, _) = f.fetch(page(&server.url("/flaky")));
    assert!(matches!(flaky.outcome, Outcome::Fetched(_)), "{flaky:?}");
    assert_eq!(flaky.attempts, 2);
    let (broken, _) = f.fetch(page(&server.url("/broken")));
    assert!(failed(&broken.outcome).contains("HTTP 500"));
    assert!(failed(&broken.outcome).contains("tried 3 times"));
    let (gone, _) = f.fetch(page(&server.url("/robots.txt")));
    assert!(failed(&gone.outcome).contains("HTTP 404"));
    assert_eq!(gone.attempts, 1, "a 404 is not retried");
}

#[test]
fn one_host_is_asked_one_request_at_a_time_with_a_pause() {
    let server = TestServer::start(|s| match s.path.as_str() {
        "/robots.txt" => Reply::status(404),
        _ => Reply::ok("text/html", "<p>x</p>"),
    });
    let f = Fetcher::new(Config {
        host_delay: Duration::from_millis(150),
        ..quick()
    });
    let requests: Vec<Request> = (0..4)
        .map(|i| page(&server.url(&format!("/p{i}"))))
        .collect();
    let (fetches, robots) = f.fetch_all(requests);
    assert_eq!(fetches.len(), 4);
    assert_eq!(robots.len(), 1);
    for (i, fetch) in fetches.iter().enumerate() {
        assert_eq!(
            fetch.request.url,
            server.url(&format!("/p{i}")),
            "results in order"
        );
    }
    let times: Vec<Instant> = server.requests().iter().map(|s| s.at).collect();
    for w in times.windows(2) {
        assert!(
            w[1] - w[0] >= Duration::from_millis(140),
            "{:?}",
            w[1] - w[0]
        );
    }
}

#[test]
fn bad_urls_fail_without_a_request() {
    let f = Fetcher::new(quick());
    for bad in ["ftp://x.example/a", "not a url", "http://"] {
        let (fetch, robots) = f.fetch(page(bad));
        assert!(!failed(&fetch.outcome).is_empty());
        assert!(robots.is_empty());
    }
}

#[test]
fn a_rate_limited_robots_txt_means_unknown_rules_and_a_long_retry_after_gives_up() {
    let server = TestServer::start(|s| match s.path.as_str() {
        "/robots.txt" => Reply::status(429),
        _ => Reply::ok("text/html", "<p>x</p>"),
    });
    let f = Fetcher::new(Config {
        retries: 0,
        ..quick()
    });
    let (fetch, _) = f.fetch(page(&server.url("/a")));
    assert!(
        failed(&fetch.outcome).contains("could not be read"),
        "{fetch:?}"
    );
    assert!(server.requests_of("/a").is_empty());

    let slow = TestServer::start(|s| match s.path.as_str() {
        "/robots.txt" => Reply::status(404),
        _ => Reply::Full(503, vec![("Retry-After".into(), "3600".into())], Vec::new()),
    });
    let start = Instant::now();
    let (fetch, _) = Fetcher::new(quick()).fetch(page(&slow.url("/busy")));
    assert!(
        failed(&fetch.outcome).contains("retry after 3600 s"),
        "{fetch:?}"
    );
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_eq!(fetch.attempts, 1);
}
