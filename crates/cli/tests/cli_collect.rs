//! End-to-end: collecting from feeds and URLs served on 127.0.0.1 (nothing
//! reaches the network): `ingest URL`, `watch`, `sources`.

mod common;

use std::sync::{Arc, Mutex};

use common::*;
use crosscheck_fetch::testing::{Reply, Seen, TestServer};

/// The demo corpus's web pages, as a site serves them.
fn articles() -> Vec<(String, Vec<u8>)> {
    let corpus = repo().join("demo/corpus");
    let plain = |name: &str| std::fs::read(corpus.join(name)).unwrap();
    let gz = {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&plain("06_harborline_agreement.html.gz")[..])
            .read_to_end(&mut out)
            .unwrap();
        out
    };
    vec![
        ("/news/offer".to_string(), plain("04_harborline_offer.html")),
        (
            "/news/rejection".to_string(),
            plain("05_coastaltimes_rejection.html"),
        ),
        ("/news/agreement".to_string(), gz),
    ]
}

fn rss(base: &str, paths: &[&str]) -> String {
    let items: String = paths
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "<item><title>Item {i}</title><link>{base}{p}?utm_source=rss</link>\
                 <pubDate>Mon, 0{} Mar 2026 08:00:00 +0000</pubDate></item>",
                i + 1
            )
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbor wire</title>{items}</channel></rss>")
}

/// A site with a feed (whose items can be changed), its articles, a page
/// that is gone and robots.txt rules.
struct Site {
    server: TestServer,
    feed_items: Arc<Mutex<Vec<String>>>,
}

fn site() -> Site {
    let pages = articles();
    let feed_items: Arc<Mutex<Vec<String>>> = Arc::new(Mutex::new(vec![
        "/news/offer".to_string(),
        "/news/rejection".to_string(),
        "/news/missing".to_string(),
        "/private/secret".to_string(),
    ]));
    let items = Arc::clone(&feed_items);
    let base: Arc<Mutex<String>> = Arc::default();
    let base_in = Arc::clone(&base);
    let server = TestServer::start(move |s: &Seen| {
        let path = s.path.split('?').next().unwrap_or("");
        match path {
            "/robots.txt" => Reply::ok("text/plain", "User-agent: *\nDisallow: /private\n"),
            "/feed.xml" => {
                let items = items.lock().unwrap().clone();
                let tag = format!("\"{}\"", items.len());
                if s.header("if-none-match") == Some(tag.as_str()) {
                    return Reply::status(304);
                }
                let refs: Vec<&str> = items.iter().map(String::as_str).collect();
                let body = rss(&base_in.lock().unwrap(), &refs);
                Reply::Full(
                    200,
                    vec![
                        ("Content-Type".into(), "application/rss+xml".into()),
                        ("ETag".into(), tag),
                    ],
                    body.into_bytes(),
                )
            }
            "/not-a-feed" => Reply::ok(
                "text/html",
                "<!doctype html><html><body><p>hi</p></body></html>",
            ),
            "/loop" => Reply::redirect(302, "/loop"),
            p => match pages.iter().find(|(path, _)| path == p) {
                Some((_, body)) => Reply::ok("text/html; charset=utf-8", body.clone()),
                None => Reply::status(404),
            },
        }
    });
    *base.lock().unwrap() = server.base.clone();
    Site { server, feed_items }
}

#[test]
fn a_feed_url_is_ingested_with_its_articles_and_every_fetch_logged() {
    let site = site();
    let db = Db::new();
    let feed = site.server.url("/feed.xml");
    let out = db.run(&["ingest", "--delay", "0s", "--retries", "0", &feed]);
    let text = stdout(&out);
    assert_eq!(
        out.status.code(),
        Some(3),
        "some inputs failed: {text}{}",
        stderr(&out)
    );
    assert!(text.contains("ingested 2,"), "{text}");
    assert!(
        text.contains("RSS 2.0 \"Harbor wire\": 4 items, 2 fetched"),
        "{text}"
    );
    assert!(text.contains("HTTP 404"), "{text}");
    assert!(text.contains("robots.txt"), "{text}");
    assert!(site.server.requests_of("/private/secret").is_empty());
    // The feed's date is the evidence where the page has none of its own,
    // and the page's URL is the item's link without tracking parameters.
    let docs = db.documents();
    assert_eq!(docs.len(), 2);
    for d in &docs {
        let url = d["url"].as_str().unwrap();
        assert!(
            url.starts_with(&site.server.base) && !url.contains("utm_"),
            "{url}"
        );
        assert!(d["crawled"].as_str().is_some_and(|c| c.len() >= 20), "{d}");
    }
    // The fetch log: the feed, robots.txt, three article fetches (the
    // refused one is logged too), the failing ones first.
    let sources = db.run(&["sources"]);
    let listing = stdout(&sources);
    assert!(listing.contains("URLs fetched, 2 failing"), "{listing}");
    let first_line = listing.lines().nth(1).unwrap();
    assert!(first_line.contains("failed"), "{listing}");
    let one = db.run(&["sources", &feed, "--format", "json"]);
    let log: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(log[0]["status"], 200);
    assert_eq!(log[0]["kind"], "feed");

    // Again: the feed is unchanged (one conditional request), nothing new.
    let before = site.server.requests().len();
    let again = db.run(&["ingest", "--delay", "0s", "--retries", "0", &feed]);
    assert!(
        stdout(&again).contains("unchanged since the last fetch"),
        "{}",
        stdout(&again)
    );
    let new_requests: Vec<String> = site.server.requests()[before..]
        .iter()
        .map(|s| s.path.clone())
        .collect();
    // robots.txt is read once per run and host; the feed answered 304.
    assert_eq!(new_requests, ["/robots.txt", "/feed.xml"]);
}

#[test]
fn watch_keeps_the_store_current_as_the_feed_grows() {
    let site = site();
    site.feed_items.lock().unwrap().truncate(1);
    let db = Db::new();
    let feed = site.server.url("/feed.xml");
    let child = db
        .cmd()
        .args([
            "watch", "--every", "1s", "--delay", "0s", "--rounds", "3", &feed,
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // After the first round, two more articles appear in the feed.
    let start = std::time::Instant::now();
    while site.server.requests_of("/news/offer").is_empty() {
        assert!(
            start.elapsed().as_secs() < 30,
            "the first round never fetched the article"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    {
        let mut items = site.feed_items.lock().unwrap();
        items.push("/news/rejection".into());
        items.push("/news/agreement".into());
    }
    let out = child.wait_with_output().unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}{}", stderr(&out));
    assert!(
        text.contains("round 1") && text.contains("round 3"),
        "{text}"
    );
    assert_eq!(db.documents().len(), 3, "{text}");
    // Each article was fetched once, however many rounds listed it.
    for p in ["/news/offer", "/news/rejection", "/news/agreement"] {
        assert_eq!(site.server.requests_of(p).len(), 1, "{p}: {text}");
    }
    assert!(
        text.contains("unchanged since the last fetch"),
        "round 3 found the feed unchanged: {text}"
    );
}

#[test]
fn bad_sources_each_get_their_one_line_reason() {
    let site = site();
    let db = Db::new();
    let out = db.run(&[
        "ingest",
        "--delay",
        "0s",
        "--retries",
        "0",
        &site.server.url("/loop"),
        &site.server.url("/gone"),
        "http://127.0.0.1:9/refused",
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(3), "{text}{}", stderr(&out));
    assert!(text.contains("redirect loop"), "{text}");
    assert!(text.contains("HTTP 404"), "{text}");
    assert!(
        text.contains("cannot connect") || text.contains("connection"),
        "{text}"
    );
    // A web page where a feed was expected is ingested as the page it is.
    let page = db.run(&["ingest", "--delay", "0s", &site.server.url("/not-a-feed")]);
    assert!(!stdout(&page).contains("panicked"));
    let feed_file = db.dir.path().join("page.xml");
    std::fs::write(
        &feed_file,
        "<!doctype html><html><body>not a feed</body></html>",
    )
    .unwrap();
    let out = db.run(&["watch", "--rounds", "1", feed_file.to_str().unwrap()]);
    assert!(
        stderr(&out).contains("neither a feed URL nor a feed file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_web_archive_from_the_shared_corpora_is_accounted_for() {
    let Some(warc) = shared("feeds-warc/warc/resiliparse-warcfile.warc.gz") else {
        return;
    };
    let db = Db::new();
    let out = db.run(&["ingest", warc.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(text.contains("skipped (not articles):"), "{text}");
    assert!(text.contains("17 request record"), "{text}");
    assert!(text.contains("16 metadata record"), "{text}");
    let docs = db.documents();
    assert!(!docs.is_empty());
    for d in &docs {
        assert!(d["url"].as_str().unwrap().starts_with("http"));
        assert!(d["crawled"].as_str().unwrap().starts_with("2020-08"), "{d}");
    }
}

#[test]
fn an_empty_or_bombed_web_archive_is_one_line_and_loses_nothing() {
    use std::io::Write;
    let db = Db::new();
    let demo = repo().join("demo/corpus");
    assert!(db.ingest(&[demo.as_path()]).status.success());
    let before = db.export();
    let empty = db.dir.path().join("empty.warc");
    std::fs::write(&empty, b"").unwrap();
    // A record whose gzip payload inflates far past the page cap.
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(&vec![b' '; 80 << 20]).unwrap();
    let bomb = e.finish().unwrap();
    let mut block =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    block.extend_from_slice(&bomb);
    let mut warc = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/\r\n\
         WARC-Date: 2026-12-01T00:00:00Z\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    warc.extend_from_slice(&block);
    warc.extend_from_slice(b"\r\n\r\n");
    let bombed = db.dir.path().join("bomb.warc");
    std::fs::write(&bombed, &warc).unwrap();
    let out = db.run(&["ingest", empty.to_str().unwrap(), bombed.to_str().unwrap()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(3), "{text}{}", stderr(&out));
    assert!(text.contains("empty web archive: no records"), "{text}");
    assert!(
        text.contains("bomb.warc@0: record at byte 0: ") && text.contains("bomb"),
        "{text}"
    );
    assert_eq!(
        db.export(),
        before,
        "nothing stored is lost or half-written"
    );
}

#[test]
fn an_article_that_failed_for_a_passing_reason_is_fetched_by_the_next_run() {
    let pages = articles();
    let calls = Arc::new(Mutex::new(0usize));
    let base: Arc<Mutex<String>> = Arc::default();
    let (calls_in, base_in) = (Arc::clone(&calls), Arc::clone(&base));
    let server = TestServer::start(move |s: &Seen| match s.path.as_str() {
        "/robots.txt" => Reply::status(404),
        "/feed.xml" => {
            if s.header("if-none-match") == Some("\"1\"") {
                return Reply::status(304);
            }
            let body = rss(&base_in.lock().unwrap(), &["/news/offer"]);
            Reply::Full(
                200,
                vec![("ETag".into(), "\"1\"".into())],
                body.into_bytes(),
            )
        }
        "/news/offer" => {
            let mut n = calls_in.lock().unwrap();
            *n += 1;
            if *n == 1 {
                Reply::status(503)
            } else {
                Reply::ok("text/html", pages[0].1.clone())
            }
        }
        _ => Reply::status(404),
    });
    *base.lock().unwrap() = server.base.clone();
    let db = Db::new();
    let feed = server.url("/feed.xml");
    let args = ["ingest", "--delay", "0s", "--retries", "0", feed.as_str()];
    let first = db.run(&args);
    assert!(stdout(&first).contains("HTTP 503"), "{}", stdout(&first));
    let second = db.run(&args);
    assert!(
        stdout(&second).contains("ingested 1,"),
        "{}",
        stdout(&second)
    );
    // Now everything is stored: the feed's validators are kept.
    let third = db.run(&args);
    assert!(
        stdout(&third).contains("unchanged since the last fetch"),
        "{}",
        stdout(&third)
    );
}
