//! Times the stages of the HTML path on the AEB and WCXB pages:
//! `cargo run --release -p crosscheck-extract --example time_body [CORPORA]`.
use std::io::Read;
use std::time::Instant;

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpora".into());
    let mut pages = Vec::new();
    for dir in [
        "article-extraction-benchmark/html",
        "wcxb-dev-articles/html",
    ] {
        let Ok(rd) = std::fs::read_dir(format!("{root}/{dir}")) else {
            continue;
        };
        let mut paths: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let Ok(f) = std::fs::File::open(&p) else {
                continue;
            };
            let mut s = Vec::new();
            if flate2::read::GzDecoder::new(f).read_to_end(&mut s).is_ok() {
                pages.push(String::from_utf8_lossy(&s).into_owned());
            }
        }
    }
    let n = pages.len() as f64;
    if std::env::var_os("HTML_ONLY").is_some() {
        for _ in 0..3 {
            for p in &pages {
                std::hint::black_box(crosscheck_extract::extract_html(p, &Default::default()));
            }
        }
        return;
    }
    if std::env::var_os("BODY_ONLY").is_some() {
        for _ in 0..5 {
            for p in &pages {
                std::hint::black_box(crosscheck_extract::html::body::extract_body(p));
            }
        }
        return;
    }
    let t = Instant::now();
    let mut nodes = 0;
    for p in &pages {
        nodes += crosscheck_extract::html::dom::Document::parse(p)
            .nodes
            .len();
    }
    println!(
        "parse: {:.0} pages/s ({nodes} nodes)",
        n / t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    for p in &pages {
        std::hint::black_box(crosscheck_extract::html::body::extract_body(p));
    }
    println!("extract_body: {:.0} pages/s", n / t.elapsed().as_secs_f64());
    let t = Instant::now();
    for p in &pages {
        std::hint::black_box(crosscheck_extract::html::head::scan(p));
    }
    println!("head::scan: {:.0} pages/s", n / t.elapsed().as_secs_f64());
    let texts: Vec<String> = pages
        .iter()
        .map(|p| crosscheck_extract::extract_html(p, &Default::default()).text())
        .collect();
    let t = Instant::now();
    for x in &texts {
        std::hint::black_box(crosscheck_extract::lang::detect_language(x));
    }
    println!(
        "detect_language: {:.0} pages/s",
        n / t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    for x in &texts {
        std::hint::black_box(crosscheck_extract::upstream::find_upstream_sources(x));
    }
    println!(
        "find_upstream_sources: {:.0} pages/s",
        n / t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    for p in &pages {
        std::hint::black_box(crosscheck_extract::extract_html(p, &Default::default()));
    }
    println!("extract_html: {:.0} pages/s", n / t.elapsed().as_secs_f64());
}
