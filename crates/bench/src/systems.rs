//! The extraction systems under comparison, run single-threaded on pages
//! already in memory; only the extraction call is timed.

use std::time::Instant;

use crate::corpus::Page;
use crate::render_text::render_text;

/// What a system says about one page.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Prediction {
    pub text: String,
    pub title: Option<String>,
    pub author: Option<String>,
    /// `YYYY-MM-DD` (only the first 10 characters are compared).
    pub date: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SystemId {
    Crosscheck,
    TextDump,
    RsTrafilatura,
    DomSmoothie,
    Trafilatura,
}

impl SystemId {
    pub const ALL: [SystemId; 5] = [
        SystemId::Crosscheck,
        SystemId::TextDump,
        SystemId::RsTrafilatura,
        SystemId::DomSmoothie,
        SystemId::Trafilatura,
    ];

    /// The name used on the command line and in file names.
    pub fn key(self) -> &'static str {
        match self {
            SystemId::Crosscheck => "crosscheck",
            SystemId::TextDump => "text-dump",
            SystemId::RsTrafilatura => "rs-trafilatura",
            SystemId::DomSmoothie => "dom_smoothie",
            SystemId::Trafilatura => "trafilatura",
        }
    }

    /// The row label in the table.
    pub fn label(self) -> &'static str {
        match self {
            SystemId::Crosscheck => "crosscheck",
            SystemId::TextDump => "crosscheck (text dump)",
            SystemId::RsTrafilatura => "rs-trafilatura",
            SystemId::DomSmoothie => "dom_smoothie",
            SystemId::Trafilatura => "trafilatura (Python)",
        }
    }

    pub fn parse(s: &str) -> Option<SystemId> {
        let s = s.trim();
        SystemId::ALL
            .into_iter()
            .find(|id| id.key() == s || (s == "dom-smoothie" && *id == SystemId::DomSmoothie))
    }
}

/// A system's predictions on a list of pages (same order) and the seconds
/// spent in extraction.
#[derive(Debug, Clone, Default)]
pub struct SystemRun {
    pub predictions: Vec<Prediction>,
    /// CPU seconds of the extracting thread (robust to other load on the machine).
    pub seconds: f64,
    /// Wall-clock seconds, for reference.
    pub wall_seconds: f64,
    /// A note printed below the table (e.g. what was timed).
    pub note: Option<String>,
}

/// The outcome of trying to run a system.
pub type RunResult = Result<SystemRun, String>;

/// Runs `f` on every page, `repeat` times over, timing each call; the
/// fastest pass counts (CPU time), the predictions are the first pass's.
/// A panic is caught, the page scores as an empty prediction, and the panics
/// are listed in the note (extractors must never panic; the benchmark must
/// still finish).
fn timed(
    pages: &[Page],
    repeat: usize,
    mut f: impl FnMut(usize, &Page) -> Prediction,
) -> SystemRun {
    let mut best: Option<SystemRun> = None;
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for _ in 0..repeat.max(1) {
        let mut predictions = Vec::with_capacity(pages.len());
        let mut seconds = 0.0;
        let mut wall_seconds = 0.0;
        let mut panics: Vec<String> = Vec::new();
        for (i, page) in pages.iter().enumerate() {
            let cpu = thread_cpu_seconds();
            let start = Instant::now();
            let p = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(i, page)));
            wall_seconds += start.elapsed().as_secs_f64();
            seconds += thread_cpu_seconds() - cpu;
            predictions.push(p.unwrap_or_else(|payload| {
                let msg = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let msg: String = msg.chars().take(160).collect();
                panics.push(format!("{}: {msg}", page.key()));
                Prediction::default()
            }));
        }
        let note = (!panics.is_empty()).then(|| {
            let first: Vec<String> = panics.iter().take(5).cloned().collect();
            format!(
                "PANICKED on {} page(s), scored as empty: {}",
                panics.len(),
                first.join("; ")
            )
        });
        match &mut best {
            None => {
                best = Some(SystemRun {
                    predictions,
                    seconds,
                    wall_seconds,
                    note,
                })
            }
            Some(b) if seconds < b.seconds => {
                b.seconds = seconds;
                b.wall_seconds = wall_seconds;
            }
            Some(_) => {}
        }
    }
    std::panic::set_hook(previous_hook);
    best.expect("at least one pass")
}

/// CPU time consumed by the calling thread, in seconds.
#[cfg(unix)]
pub fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return 0.0;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// Without a thread clock, wall-clock time since the first call.
#[cfg(not(unix))]
pub fn thread_cpu_seconds() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

fn first10(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.chars().take(10).collect())
}

fn meta_of(page: &Page) -> crosscheck_model::Metadata {
    crosscheck_model::Metadata {
        url: page.url.clone(),
        ..Default::default()
    }
}

fn from_extracted(e: &crosscheck_model::Extracted) -> Prediction {
    Prediction {
        text: e.text(),
        title: e.title.clone(),
        author: e.author.clone(),
        date: e.published.as_deref().and_then(first10),
    }
}

pub fn run_rs_trafilatura(pages: &[Page], repeat: usize) -> RunResult {
    Ok(timed(pages, repeat, |_, page| {
        let opts = rs_trafilatura::Options {
            url: page.url.clone(),
            ..Default::default()
        };
        match rs_trafilatura::extract_with_options(&page.html, &opts) {
            Ok(r) => Prediction {
                text: r.content_text,
                title: r.metadata.title,
                author: r.metadata.author,
                date: r.metadata.date.map(|d| d.date_naive().to_string()),
            },
            Err(_) => Prediction::default(),
        }
    }))
}

pub fn run_dom_smoothie(pages: &[Page], repeat: usize) -> RunResult {
    Ok(timed(pages, repeat, |_, page| {
        let cfg = || dom_smoothie::Config {
            text_mode: dom_smoothie::TextMode::Formatted,
            ..Default::default()
        };
        let readability =
            dom_smoothie::Readability::new(page.html.as_str(), page.url.as_deref(), Some(cfg()))
                .or_else(|_| dom_smoothie::Readability::new(page.html.as_str(), None, Some(cfg())));
        match readability.and_then(|mut r| r.parse()) {
            Ok(a) => Prediction {
                text: a.text_content.to_string(),
                title: Some(a.title).filter(|t| !t.is_empty()),
                author: a.byline,
                date: a.published_time.as_deref().and_then(first10),
            },
            Err(_) => Prediction::default(),
        }
    }))
}

/// Our HTML extractor. Compiled in with the `crosscheck-html` feature until
/// `crosscheck_extract::extract_html` exists on every branch.
pub fn run_crosscheck(pages: &[Page], repeat: usize) -> RunResult {
    #[cfg(feature = "crosscheck-html")]
    {
        Ok(timed(pages, repeat, |_, page| {
            from_extracted(&crosscheck_extract::extract_html(
                &page.html,
                &meta_of(page),
            ))
        }))
    }
    #[cfg(not(feature = "crosscheck-html"))]
    {
        let _ = (
            pages,
            repeat,
            meta_of as fn(&Page) -> _,
            from_extracted as fn(&_) -> _,
        );
        Err("crosscheck_extract::extract_html not built in (feature crosscheck-html off)".into())
    }
}

/// The text-dump path: each page is rendered to its select-all text (not
/// timed: the browser does that), then `clean_page_text` is timed.
pub fn run_text_dump(pages: &[Page], repeat: usize) -> RunResult {
    let start = thread_cpu_seconds();
    let texts: Vec<String> = pages.iter().map(|p| render_text(&p.html)).collect();
    let render_secs = thread_cpu_seconds() - start;
    let note = format!(
        "rendering HTML to page text (the browser's job) ran at {:.0} pages/s and is not counted; the speed column times clean_page_text only",
        pages.len() as f64 / render_secs.max(1e-9)
    );
    #[cfg(feature = "crosscheck-text")]
    {
        let evidence = crosscheck_extract::LineEvidence::default();
        let mut run = timed(pages, repeat, |i, page| {
            from_extracted(&crosscheck_extract::clean_page_text(
                &texts[i],
                &meta_of(page),
                &evidence,
            ))
        });
        run.note = Some(match run.note.take() {
            Some(panics) => format!("{note}; {panics}"),
            None => note,
        });
        Ok(run)
    }
    #[cfg(not(feature = "crosscheck-text"))]
    {
        let _ = (texts, note, repeat);
        Err("crosscheck_extract::clean_page_text not built in (feature crosscheck-text off)".into())
    }
}
