//! Time the parts of the HTML path over gzipped pages (development probe).
use std::io::Read;
fn main() {
    let pages: Vec<String> = std::env::args()
        .skip(1)
        .map(|p| {
            let mut s = String::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&p).unwrap())
                .read_to_string(&mut s)
                .ok();
            s
        })
        .collect();
    let t = std::time::Instant::now();
    for p in &pages {
        std::hint::black_box(crosscheck_extract::html::head::scan(p));
    }
    let head = t.elapsed().as_secs_f64();
    let t = std::time::Instant::now();
    for p in &pages {
        std::hint::black_box(crosscheck_extract::extract_html(p, &Default::default()));
    }
    let all = t.elapsed().as_secs_f64();
    let texts: Vec<String> = pages
        .iter()
        .map(|p| crosscheck_extract::extract_html(p, &Default::default()).text())
        .collect();
    let t = std::time::Instant::now();
    for x in &texts {
        std::hint::black_box(crosscheck_extract::lang::detect_language(x));
    }
    let lang = t.elapsed().as_secs_f64();
    let t = std::time::Instant::now();
    for x in &texts {
        std::hint::black_box(crosscheck_extract::upstream::find_upstream_sources(x));
    }
    let up = t.elapsed().as_secs_f64();
    let t = std::time::Instant::now();
    for p in &pages {
        std::hint::black_box(crosscheck_extract::html::body::extract_body(p));
    }
    let body = t.elapsed().as_secs_f64();
    let n = pages.len() as f64;
    println!(
        "lang {:.2} ms/page, upstream {:.2} ms/page, body {:.2} ms/page",
        lang * 1e3 / n,
        up * 1e3 / n,
        body * 1e3 / n
    );
    println!(
        "{} pages: head scan {:.2} ms/page, whole {:.2} ms/page ({:.0} pages/s)",
        n,
        head * 1e3 / n,
        all * 1e3 / n,
        n / all
    );
}
