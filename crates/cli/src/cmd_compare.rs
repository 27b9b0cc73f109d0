//! `crosscheck compare`: whether two statements report one fact, by the same-fact judge alignment uses
//! (`crosscheck_samefact`). Needs no store. `compare A B` judges one pair; `compare --pairs FILE.jsonl`
//! judges every `{"id", "a", "b"}` line (`-` reads standard input) and prints, as JSON, one
//! `{"id", "same", "score", "why"}` per pair in input order.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;
use crosscheck_engine::compare::{compare, Pair};

use crate::exit::{usage_error, Exit};
use crate::Format;

#[derive(Args, Debug)]
pub struct CompareArgs {
    /// The first statement.
    #[arg(
        required_unless_present = "pairs",
        conflicts_with = "pairs",
        requires = "b"
    )]
    pub a: Option<String>,
    /// The second statement.
    pub b: Option<String>,
    /// Judge every pair of a JSON lines file: one `{"id": ..., "a": "...", "b": "..."}` per line (`-` = stdin).
    #[arg(long, value_name = "FILE.jsonl")]
    pub pairs: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The pairs of a JSON lines file; an error names the file and line.
pub fn parse_pairs(path: &Path, content: &str) -> Result<Vec<Pair>, String> {
    crate::jsonl::objects(path, content, "an object with \"id\", \"a\" and \"b\"")?
        .into_iter()
        .map(|line| {
            let id = match line.object.get("id") {
                Some(v @ (serde_json::Value::String(_) | serde_json::Value::Number(_))) => {
                    v.clone()
                }
                Some(_) => return Err(format!("{}: \"id\" is not a string or a number", line.at)),
                None => return Err(format!("{}: no \"id\"", line.at)),
            };
            Ok(Pair {
                id,
                a: line.string("a", "")?,
                b: line.string("b", "")?,
            })
        })
        .collect()
}

pub fn run(args: &CompareArgs) -> Result<Exit> {
    let pairs = match (&args.a, &args.b, &args.pairs) {
        (Some(a), Some(b), _) => vec![Pair {
            id: serde_json::Value::from(1),
            a: a.clone(),
            b: b.clone(),
        }],
        (_, _, Some(path)) => {
            let mut content = String::new();
            let read = if path.as_os_str() == "-" {
                std::io::stdin().read_to_string(&mut content).map(|_| ())
            } else {
                std::fs::read_to_string(path).map(|c| content = c)
            };
            if let Err(e) = read {
                return usage_error(&format!("cannot read {}: {e}", path.display()));
            }
            match parse_pairs(path, &content) {
                Ok(p) => p,
                Err(message) => return usage_error(&message),
            }
        }
        _ => return usage_error("give two statements A B, or --pairs FILE.jsonl"),
    };
    let mut w = crate::output::Out::stdout();
    let judged = compare(&pairs);
    match args.format {
        Format::Json => write!(w, "{}", crate::output::json_pretty(&judged)?)?,
        Format::Table => {
            for (p, j) in pairs.iter().zip(&judged) {
                if args.pairs.is_some() {
                    writeln!(w, "{}", crate::output::one_line(&p.id.to_string()))?;
                }
                writeln!(
                    w,
                    "{} (score {:.3}) — {}",
                    if j.same { "SAME FACT" } else { "DIFFERENT" },
                    j.score,
                    j.why
                )?;
            }
        }
    }
    w.finish()?;
    Ok(Exit::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_read_with_their_ids_and_bad_lines_are_named() {
        let p = Path::new("p.jsonl");
        let pairs = parse_pairs(
            p,
            "{\"id\":\"x\",\"a\":\"one\",\"b\":\"two\"}\n\n{\"id\":7,\"a\":\"\",\"b\":\"c\"}\n",
        )
        .unwrap();
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[1].id, serde_json::Value::from(7));
        assert_eq!(
            parse_pairs(p, "{\"id\":1,\"a\":\"x\"}").unwrap_err(),
            "p.jsonl line 1: no \"b\""
        );
        assert_eq!(
            parse_pairs(p, "[1]").unwrap_err(),
            "p.jsonl line 1: expected an object with \"id\", \"a\" and \"b\""
        );
        assert!(parse_pairs(p, "{\"id\":null,\"a\":\"x\",\"b\":\"y\"}")
            .unwrap_err()
            .contains("\"id\" is not"));
        assert!(parse_pairs(p, "nope")
            .unwrap_err()
            .starts_with("p.jsonl line 1: not JSON"));
    }
}
