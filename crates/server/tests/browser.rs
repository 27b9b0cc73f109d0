//! The web interface in a real browser: Debian's headless Chromium driven
//! through chromedriver (WebDriver), against the server on a loopback port,
//! on the demo corpus and a hostile article. A fact-checker's path: the
//! story page shows the confirmed facts, a click on a citation opens the
//! document with the sentence highlighted, search finds a quote, and an
//! article holding `<script>`, `onerror=` and `javascript:` runs nothing.
//! Skipped, with a message, where Chromium or chromedriver is missing
//! (`.ci/run` installs both).

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crosscheck_server::AppState;
use serde_json::{json, Value};

use common::{demo_store, repo};

const CHROMIUM: &str = "/usr/bin/chromium";
const HOSTILE: &str = r#"{"title": "<script>alert('title')</script> Dock <b>strike</b>", "outlet": "Evil <i>Outlet</i>", "published": "2026-03-01", "text": "The union said the dock strike ended <img src=x onerror=alert(1)> on Sunday after 40 ships waited, according to the port authority. Read more at <a href=\"javascript:alert(3)\">here</a> <script>alert(4)</script>."}"#;

fn chromedriver() -> Option<PathBuf> {
    ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The chromedriver process, killed when dropped.
struct Driver {
    child: Child,
    base: String,
    session: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = ureq::delete(&format!("{}/session/{}", self.base, self.session)).call();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A WebDriver command's `value`, or its error as a value with `error`.
fn call(method: &str, url: &str, body: Option<Value>) -> Value {
    let req = ureq::request(method, url).timeout(Duration::from_secs(60));
    let resp = match body {
        Some(b) => req.send_json(b),
        None => req.call(),
    };
    let v: Value = match resp {
        Ok(r) => r.into_json().unwrap(),
        Err(ureq::Error::Status(_, r)) => r.into_json().unwrap_or(Value::Null),
        Err(e) => panic!("{method} {url}: {e}"),
    };
    v["value"].clone()
}

impl Driver {
    fn start(driver: &Path) -> Driver {
        let port = free_port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        while ureq::get(&format!("{base}/status")).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not come up");
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "unhandledPromptBehavior": "ignore",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1500"],
            },
        }}});
        let v = call("POST", &format!("{base}/session"), Some(caps));
        let session = v["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        Driver {
            child,
            base,
            session,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{path}", self.base, self.session)
    }

    fn go(&self, url: &str) {
        call("POST", &self.url("/url"), Some(json!({"url": url})));
    }

    fn current(&self) -> String {
        call("GET", &self.url("/url"), None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// The current URL once it contains `part` (a key press that submits a
    /// form does not wait for the page it loads), within 20 s.
    fn wait_for_url(&self, part: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let url = self.current();
            if url.contains(part) || Instant::now() > deadline {
                return url;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn find_all(&self, css: &str) -> Vec<String> {
        let v = call(
            "POST",
            &self.url("/elements"),
            Some(json!({"using": "css selector", "value": css})),
        );
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e.as_object()?.values().next()?.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn text(&self, element: &str) -> String {
        call("GET", &self.url(&format!("/element/{element}/text")), None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    fn attribute(&self, element: &str, name: &str) -> Option<String> {
        call(
            "GET",
            &self.url(&format!("/element/{element}/attribute/{name}")),
            None,
        )
        .as_str()
        .map(String::from)
    }

    fn click(&self, element: &str) {
        call(
            "POST",
            &self.url(&format!("/element/{element}/click")),
            Some(json!({})),
        );
    }

    fn type_into(&self, element: &str, text: &str) {
        call(
            "POST",
            &self.url(&format!("/element/{element}/value")),
            Some(json!({"text": text})),
        );
    }

    /// The text of an open alert, if script opened one.
    fn alert(&self) -> Option<String> {
        let v = call("GET", &self.url("/alert/text"), None);
        v.as_str().map(String::from)
    }

    fn screenshot(&self) -> Vec<u8> {
        use base64::Engine as _;
        let v = call("GET", &self.url("/screenshot"), None);
        base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap())
            .unwrap()
    }
}

/// The server on a loopback port, over a fresh database of the demo corpus
/// and the hostile article.
fn serve(dir: &Path) -> String {
    let db = demo_store(dir, HOSTILE);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    crosscheck_server::spawn_on(listener, AppState::new(db, false, None)).unwrap();
    format!("http://{addr}")
}

#[test]
fn a_fact_checker_reads_clicks_searches_and_nothing_runs() {
    let (Some(driver), true) = (chromedriver(), Path::new(CHROMIUM).exists()) else {
        eprintln!("skipped: Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let site = serve(dir.path());
    let b = Driver::start(&driver);

    // The stories list leads to the demo story.
    b.go(&format!("{site}/stories"));
    let titles = b.find_all("ol.stories a.title");
    let demo = titles
        .iter()
        .find(|t| b.text(t).contains("Veloria and Kestria"))
        .expect("the demo story is listed")
        .clone();
    b.click(&demo);
    assert!(b.current().contains("/stories/s-"), "{}", b.current());
    let facts = b.find_all("#confirmed li.fact");
    assert!(facts.len() >= 3, "confirmed facts shown: {}", facts.len());
    let first = b.text(&facts[0]);
    assert!(first.contains("independent reporting chains"), "{first}");
    if std::env::var_os("CROSSCHECK_UPDATE_SCREENSHOT").is_some() {
        std::fs::write(repo().join("docs/story-page.png"), b.screenshot()).unwrap();
    } else {
        let png = b.screenshot();
        assert!(png.starts_with(b"\x89PNG"), "a screenshot");
    }

    // A citation under a confirmed fact opens its document with the
    // fact's sentence highlighted.
    let cites = b.find_all("#confirmed ul.sentences a");
    assert!(!cites.is_empty());
    let href = b.attribute(&cites[0], "href").unwrap();
    b.click(&cites[0]);
    let at = b.current();
    assert!(
        at.contains("/documents/") && at.ends_with("#evidence"),
        "{at} from {href}"
    );
    let marks = b.find_all("mark#evidence");
    assert_eq!(marks.len(), 1, "one highlighted sentence");
    let sentence = b.text(&marks[0]);
    assert!(sentence.split_whitespace().count() > 5, "{sentence}");

    // Search from the header finds a quote, its words marked.
    let boxes = b.find_all("header input[name=q]");
    b.type_into(&boxes[0], "\"Velorian water\"\u{E007}");
    let at = b.wait_for_url("/search?q=");
    assert!(at.contains("/search?q="), "{at}");
    let marked: Vec<String> = b
        .find_all("ol.hits mark")
        .iter()
        .map(|m| b.text(m))
        .collect();
    assert!(marked.iter().any(|m| m == "Velorian water"), "{marked:?}");

    // The hostile article: shown as text, nothing runs.
    b.go(&format!("{site}/search?q=dock+strike"));
    let hit = b.find_all("ol.hits a.title");
    assert!(!hit.is_empty());
    let title = b.text(&hit[0]);
    assert!(title.contains("<script>alert('title')</script>"), "{title}");
    b.click(&hit[0]);
    assert_eq!(b.alert(), None, "no script ran on the document page");
    assert!(b.find_all("main script").is_empty() && b.find_all("main img").is_empty());
    assert!(b.find_all("main a[href^='javascript']").is_empty());
    let text = b
        .find_all("div.text")
        .first()
        .map(|t| b.text(t))
        .unwrap_or_default();
    assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
    let story = b.find_all("dl.meta a[href^='/stories/']");
    b.click(&story[0]);
    assert_eq!(b.alert(), None, "no script ran on the story page");
    assert!(b.find_all("main script").is_empty());
}
