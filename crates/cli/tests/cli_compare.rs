//! `crosscheck compare`: the same-fact judge from the command line, needing no store.

use std::io::Write;
use std::process::{Command, Stdio};

fn compare(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(["--db", "/nonexistent/never-opened.db", "compare"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn pairs_are_judged_in_input_order_with_score_and_why() {
    let pairs = concat!(
        "{\"id\":\"para\",\"a\":\"The minister declined the proposal to send troops.\",\"b\":\"The minister rejected the offer to send troops.\"}\n",
        "{\"id\":7,\"a\":\"The strike killed 12 people.\",\"b\":\"The strike killed 40 people.\"}\n",
    );
    let (code, out, err) = compare(&["--pairs", "-", "--format", "json"], pairs);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["id"], "para");
    assert_eq!(items[0]["same"], true, "{out}");
    assert_eq!(items[1]["id"], 7);
    assert_eq!(items[1]["same"], false, "{out}");
    for item in items {
        let score = item["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert!(!item["why"].as_str().unwrap().is_empty());
    }
    assert!(items[1]["why"].as_str().unwrap().contains("numbers differ"));
}

#[test]
fn a_bad_pairs_line_is_a_usage_error_naming_the_line() {
    let (code, out, err) = compare(
        &["--pairs", "-"],
        "{\"id\":1,\"a\":\"x\",\"b\":\"y\"}\n{\"id\":2,\"a\":\"x\"}\n",
    );
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_eq!(err.trim(), "error: - line 2: no \"b\"");
}

#[test]
fn two_statements_on_the_command_line() {
    let (code, out, _) = compare(
        &[
            "Heavy rain flooded the harbour.",
            "The minister resigned on Friday.",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(out.starts_with("DIFFERENT (score "), "{out}");
}
