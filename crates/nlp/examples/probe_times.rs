//! Print the time expressions found in text files, for reading by eye:
//! `cargo run -p crosscheck-nlp --example probe_times -- [--published YYYY-MM-DD] FILE...`.
//! Without `--published`, each file's first full date is taken as its
//! publication date. Also prints the mean time of `find_times` per document.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let mut fixed: Option<String> = None;
    if args.peek().map(String::as_str) == Some("--published") {
        args.next();
        fixed = args.next();
    }
    for path in args {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: unreadable");
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let published = fixed.clone().or_else(|| {
            crosscheck_extract::dates::find_dates(&text)
                .first()
                .map(|d| d.date.to_string())
        });
        let tokens = crosscheck_nlp::tokenize(&text);
        let started = Instant::now();
        let mut times = Vec::new();
        for _ in 0..100 {
            times = crosscheck_nlp::find_times(&text, &tokens, published.as_deref());
        }
        let found = started.elapsed() / 100;
        println!(
            "== {path} (published {published:?}; {} words, find_times {:?})",
            text.split_whitespace().count(),
            found
        );
        for t in times {
            let mut lo = t.start.saturating_sub(40);
            while !text.is_char_boundary(lo) {
                lo -= 1;
            }
            let mut hi = (t.end + 20).min(text.len());
            while !text.is_char_boundary(hi) {
                hi += 1;
            }
            println!(
                "  {:<28} {:<8} {:<24} {}  | …{}…",
                format!("{:?}", &text[t.start..t.end]),
                t.kind.as_str(),
                t.value.as_deref().unwrap_or("-"),
                t.note.as_deref().unwrap_or(""),
                text[lo..hi].replace('\n', " ")
            );
        }
    }
}
