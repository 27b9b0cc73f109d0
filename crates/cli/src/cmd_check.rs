//! `crosscheck check`: which stored documents bear on a claim, and how
//! (supports, contradicts, discusses), with the sentence that bears on it
//! most. The judge is `crosscheck_corroborate::stance::judge_in`; this
//! module reads the claims, streams the store twice (once to weigh the words
//! and count which of the claims' words are common among the documents,
//! once to judge every claim against each document) and prints the result.

use std::collections::{HashMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;
use crosscheck_corroborate::stance::Stance;
use crosscheck_engine::check::{check, Checked, Claim, Finding};
use crosscheck_store::Store;

use crate::exit::{usage_error, Exit};
use crate::{Cli, Format};

/// Characters of an evidence sentence shown in the text listing.
const EVIDENCE_CHARS: usize = 160;
/// Characters of a document id shown in the text listing.
const SHORT_ID: usize = 8;
/// Characters of an outlet name shown in the text listing.
const OUTLET_CHARS: usize = 22;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The claim to check (its id in the output is `claim`).
    #[arg(required_unless_present = "claims", conflicts_with = "claims")]
    pub claim: Option<String>,
    /// Check every claim of a JSON lines file: one `{"id": "...", "text": "..."}` per line.
    #[arg(long, value_name = "FILE.jsonl")]
    pub claims: Option<PathBuf>,
    /// List the unrelated documents too.
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The claims of a JSON lines file; an error names the file and line.
pub fn parse_claims(path: &Path, content: &str) -> Result<Vec<Claim>, String> {
    let mut claims = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let shape = "an object with string \"id\" and \"text\"";
    for line in crate::jsonl::objects(path, content, shape)? {
        let missing = format!("expected {shape}, ");
        let (id, text) = (line.string("id", &missing)?, line.string("text", &missing)?);
        if text.trim().is_empty() {
            return Err(format!("{}: \"text\" is empty", line.at));
        }
        if !seen.insert(id.clone()) {
            return Err(format!("{}: claim id {id:?} appears twice", line.at));
        }
        claims.push(Claim { id, text });
    }
    Ok(claims)
}

/// Whitespace collapsed, cut to about `max` characters at a word boundary.
fn shorten(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(at) if at > max / 2 => &cut[..at],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n > width {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

pub fn run(cli: &Cli, args: &CheckArgs) -> Result<Exit> {
    let mut w = crate::output::Out::stdout();
    let claims = match (&args.claim, &args.claims) {
        (Some(text), _) => {
            if text.trim().is_empty() {
                return usage_error("the claim is empty");
            }
            vec![Claim {
                id: "claim".to_string(),
                text: text.clone(),
            }]
        }
        (None, Some(path)) => {
            let content = match std::fs::read_to_string(path) {
                Ok(c) => c,
                Err(e) => return usage_error(&format!("cannot read {}: {e}", path.display())),
            };
            match parse_claims(path, &content) {
                Ok(c) => c,
                Err(message) => return usage_error(&message),
            }
        }
        (None, None) => return usage_error("give a CLAIM or --claims FILE.jsonl"),
    };

    let store = crate::cmd_show::open_existing(cli)?;
    let mut checked = Checked::default();
    let mut places: HashMap<String, (Option<String>, Option<String>)> = HashMap::new();
    store.snapshot(&mut || {
        checked = check(&store, &claims, args.all)?;
        if args.format != Format::Json {
            places = store
                .list_documents()?
                .into_iter()
                .map(|d| (d.id, (d.outlet, d.published)))
                .collect();
        }
        Ok(())
    })?;
    let Checked {
        findings,
        documents,
    } = checked;

    if args.format == Format::Json {
        let rows: Vec<serde_json::Value> = findings
            .iter()
            .map(|f| {
                serde_json::json!({
                    "claim_id": claims[f.claim].id,
                    "document_id": f.document_id,
                    "stance": f.stance.as_str(),
                    "score": crate::output::rounded(f.score),
                    "evidence": f.evidence.as_ref().map(|(s, e, t)| {
                        serde_json::json!({"text": t, "start": s, "end": e})
                    }),
                })
            })
            .collect();
        write!(w, "{}", crate::output::json_pretty(&rows)?)?;
        w.finish()?;
        return Ok(Exit::Ok);
    }
    if documents == 0 {
        writeln!(w, "no documents stored (`crosscheck ingest` stores them)")?;
        w.finish()?;
        return Ok(Exit::Ok);
    }
    for (i, claim) in claims.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        writeln!(w, "{}: {}", claim.id, shorten(&claim.text, 200))?;
        let mine: Vec<&Finding> = findings.iter().filter(|f| f.claim == i).collect();
        for f in &mine {
            let (outlet, date) = places.get(&f.document_id).cloned().unwrap_or_default();
            let date: String = date
                .unwrap_or_else(|| "undated".to_string())
                .chars()
                .take(10)
                .collect();
            let evidence = f
                .evidence
                .as_ref()
                .map(|(_, _, t)| format!("\"{}\"", shorten(t, EVIDENCE_CHARS)))
                .unwrap_or_default();
            writeln!(
                w,
                "  {} {:.3}  {}  {}  {}  {}",
                pad(f.stance.as_str(), 11),
                f.score,
                pad(outlet.as_deref().unwrap_or("unknown outlet"), OUTLET_CHARS),
                pad(&date, 10),
                f.document_id.chars().take(SHORT_ID).collect::<String>(),
                evidence
            )?;
        }
        let count = |s: Stance| mine.iter().filter(|f| f.stance == s).count();
        let (support, contradict, discuss) = (
            count(Stance::Supports),
            count(Stance::Contradicts),
            count(Stance::Discusses),
        );
        let related = support + contradict + discuss;
        if related == 0 {
            writeln!(w, "no stored document bears on it ({documents} checked)")?;
        } else {
            writeln!(w,
                "{related} document{} bear{} on it: {support} support, {contradict} contradict, {discuss} discuss",
                if related == 1 { "" } else { "s" },
                if related == 1 { "s" } else { "" },
            )?;
        }
    }
    w.finish()?;
    Ok(Exit::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_file_lines() {
        let p = Path::new("c.jsonl");
        let ok = parse_claims(
            p,
            "{\"id\": \"a\", \"text\": \"One\"}\n\n  \n{\"id\":\"b\",\"text\":\"Two\"}\n",
        )
        .unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!((ok[1].id.as_str(), ok[1].text.as_str()), ("b", "Two"));
        let bad = |s: &str| parse_claims(p, s).unwrap_err();
        assert!(bad("{\"id\":\"a\",\"text\":\"x\"}\nnope").starts_with("c.jsonl line 2: "));
        assert!(bad("{\"id\":1,\"text\":\"x\"}").contains("\"id\" is not a string"));
        assert!(bad("{\"id\":\"a\"}").contains("line 1"));
        assert!(bad("[1]").contains("line 1"));
        assert!(bad("{\"id\":\"a\",\"text\":\" \"}").contains("empty"));
        assert!(
            bad("{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}").contains("line 2")
        );
    }

    #[test]
    fn shortening_cuts_at_a_word() {
        assert_eq!(shorten("a  b\nc", 10), "a b c");
        let long = "word ".repeat(50);
        let s = shorten(&long, 20);
        assert!(s.ends_with('…') && s.chars().count() <= 21, "{s}");
        assert!(!s.contains("wor…"), "{s}");
        assert_eq!(crate::output::rounded(0.12345), 0.123);
    }
}
