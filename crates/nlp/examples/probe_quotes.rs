//! Print the quotes and attributions found in text files, for reading by
//! eye: `cargo run -p crosscheck-nlp --example probe_quotes -- FILE...`.

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let a = crosscheck_nlp::analyze(&text);
        println!(
            "== {path}: {} entities, {} quotes",
            a.entities.len(),
            a.quotes.len()
        );
        if std::env::var_os("ENTITIES").is_some() {
            for e in &a.entities {
                println!(
                    "  entity {:?} {:?} {:?} roles={:?} aliases={:?} mentions={}",
                    e.name,
                    e.kind,
                    e.gender,
                    e.roles,
                    e.aliases,
                    e.mentions.len()
                );
            }
        }
        for (i, q) in a.quotes.iter().enumerate() {
            let speaker = q
                .speaker
                .map(|e| a.entities[e].name.clone())
                .unwrap_or_else(|| format!("? ({})", q.speaker_note.clone().unwrap_or_default()));
            let src = q
                .source
                .map(|s| s.of(&text).to_string())
                .unwrap_or_default();
            let cue = q.cue.map(|s| s.of(&text).to_string()).unwrap_or_default();
            let mut extra = String::new();
            if let Some(p) = q.nested_in {
                extra.push_str(&format!(" nested_in={p}"));
            }
            if let Some(p) = q.continues {
                extra.push_str(&format!(" continues={p}"));
            }
            println!(
                "[{i}] {:?} {speaker} <{src}> /{cue}/{extra}: {}",
                q.kind,
                q.content.of(&text)
            );
        }
    }
}
