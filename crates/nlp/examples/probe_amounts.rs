//! Print the amounts found in text files, with their sentence context:
//! `cargo run -p crosscheck-nlp --example probe_amounts -- FILE...`.

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        println!("== {path}");
        let tokens = crosscheck_nlp::tokenize(&text);
        let start = std::time::Instant::now();
        let mut amounts = Vec::new();
        for _ in 0..100 {
            amounts = crosscheck_nlp::find_amounts(&text, &tokens);
        }
        let took = start.elapsed() / 100;
        for a in &amounts {
            let lo = text[..a.start]
                .char_indices()
                .rev()
                .nth(30)
                .map_or(0, |(i, _)| i);
            let hi = text[a.end..]
                .char_indices()
                .nth(30)
                .map_or(text.len(), |(i, _)| a.end + i);
            let ctx = text[lo..hi].replace('\n', " ");
            println!(
                "  {:?} value={} high={:?} unit={} noun={:?} approx={:?} dir={:?}   | {ctx}",
                &text[a.start..a.end],
                a.value,
                a.high,
                a.unit,
                a.noun,
                a.approx,
                a.direction
            );
        }
        println!(
            "  ({} amounts, {} words, {:?} per run)",
            amounts.len(),
            text.split_whitespace().count(),
            took
        );
    }
}
