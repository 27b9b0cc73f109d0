//! Print the date crosscheck finds for gzipped pages, with its evidence (development probe).
use std::io::Read;
fn main() {
    for path in std::env::args().skip(1) {
        let mut s = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
            .read_to_string(&mut s)
            .unwrap();
        let e = crosscheck_extract::extract_html(&s, &Default::default());
        println!("{path}: {:?} {:?}", e.published, e.date_evidence);
    }
}
