//! Print each file's quotes as one JSON line (byte spans), for scripts:
//! `cargo run --release -p crosscheck-nlp --example dump_quotes -- FILE...`.

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let a = crosscheck_nlp::analyze(&text);
        let quotes: Vec<serde_json::Value> = a
            .quotes
            .iter()
            .map(|q| {
                serde_json::json!({
                    "kind": format!("{:?}", q.kind),
                    "content": [q.content.start, q.content.end],
                    "source": q.source.map(|s| [s.start, s.end]),
                    "cue": q.cue.map(|s| [s.start, s.end]),
                    "continues": q.continues,
                    "nested_in": q.nested_in,
                    "speaker": q.speaker.map(|e| a.entities[e].name.clone()),
                })
            })
            .collect();
        println!("{}", serde_json::json!({"path": path, "quotes": quotes}));
    }
}
