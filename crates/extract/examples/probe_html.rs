//! Print what rs-trafilatura returns for a gzipped page (development probe).
use std::io::Read;
fn main() {
    let path = std::env::args().nth(1).expect("path");
    let mut s = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
        .read_to_string(&mut s)
        .unwrap();
    let t = std::time::Instant::now();
    let r = rs_trafilatura::extract_with_options(
        &s,
        &rs_trafilatura::Options {
            include_tables: true,
            ..Default::default()
        },
    )
    .unwrap();
    eprintln!("{:?}", t.elapsed());
    println!("{:#?}", r.metadata);
    println!("---TEXT---\n{}", r.content_text);
    println!("---HTML---\n{}", r.content_html.unwrap_or_default());
}
