//! `cargo run --release -p crosscheck-extract --example explain_body FILE.html.gz NEEDLE`
use std::io::Read;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let mut s = Vec::new();
    let f = std::fs::File::open(&a[1]).expect("file");
    flate2::read::GzDecoder::new(f)
        .read_to_end(&mut s)
        .expect("gz");
    let html = String::from_utf8_lossy(&s);
    print!(
        "{}",
        crosscheck_extract::html::body::explain(&html, a.get(2).map(String::as_str).unwrap_or(""))
    );
}
