//! Hostile and careless use: nothing lost, nothing injected. Each test is
//! named after what it guards.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{repo, stderr, stdout, Db};

/// Characters a terminal acts on (the rule of `crosscheck`'s output): C0
/// controls but line feed and tab, DEL, C1 controls, bidirectional
/// embeddings, overrides and isolates.
fn unsafe_char(c: char) -> bool {
    matches!(c, '\0'..='\u{08}' | '\u{0b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_terminal_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| unsafe_char(*c))
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: raw control characters {:?} in {:?}",
        bad.iter().take(5).collect::<Vec<_>>(),
        text.chars().take(400).collect::<String>()
    );
}

/// A fictional news stream written for this test: `n` articles about one
/// harbour, with varied numbers, names and quotes (deterministic).
fn generated_corpus(dir: &Path, n: usize) -> PathBuf {
    let people = [
        "Anna Kovac",
        "Tomas Arvelo",
        "Ruth Kallberg",
        "Jonas Rieker",
        "Marisol Deverra",
    ];
    let outlets = [
        "Meridian Wire",
        "Harborline News",
        "Strait Report",
        "Northgate Ledger",
        "Kestria Today",
        "The Coastal Times",
    ];
    let places = ["Saltmere", "Port Alvar", "Veloria", "Kestria"];
    let mut lines = String::new();
    for i in 0..n {
        let p = people[i % people.len()];
        let q = people[(i * 7 + 3) % people.len()];
        let place = places[(i / 3) % places.len()];
        let ships = 2 + i % 9;
        let tonnes = 100 + (i * 37) % 400;
        let day = 1 + i % 27;
        let text = format!(
            "{p} said on Monday that {ships} patrol vessels had left {place} after the fire. \
             According to the harbour authority, about {tonnes} tonnes of solvent burned at the \
             chemical berths. \"We will not accept warships in our waters,\" {q} told reporters \
             in {place}. The port is expected to reopen within {day} days, officials said. \
             Insurance claims linked to the fire are estimated at ${} million. {q} confirmed \
             that {} dock workers were treated for smoke inhalation. The agreement on joint \
             inspections was signed by {p} and {q} in {place} on {day} May.\n\n\
             Investigators said the fire started in a storage tank at berth {}. {p} added that \
             the government had asked {} neighbouring countries for firefighting equipment.",
            10 + i % 300,
            3 + i % 20,
            1 + i % 12,
            2 + i % 5
        );
        let record = serde_json::json!({
            "url": format!("https://news.example/{i}"),
            "title": format!("{place} fire: {ships} vessels leave port ({i})"),
            "outlet": outlets[i % outlets.len()],
            "published": format!("2026-05-{:02}", day),
            "text": text,
        });
        lines.push_str(&record.to_string());
        lines.push('\n');
    }
    let path = dir.join("stream.jsonl");
    std::fs::write(&path, lines).unwrap();
    path
}

/// Documents staged by an ingest in progress (0 when unreadable).
fn staged(db: &Path) -> i64 {
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| {
            c.query_row("SELECT count(*) FROM documents WHERE staged = 1", [], |r| {
                r.get(0)
            })
        })
        .unwrap_or(0)
}

fn export_bytes(db: &Path) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(["--quiet", "--db"])
        .arg(db)
        .args(["export", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success(), "export: {}", stderr(&out));
    out.stdout
}

fn ingest_cmd(db: &Path, paths: &[&Path]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    c.arg("--db")
        .arg(db)
        .args(["ingest", "--jobs", "2", "--timings"])
        .args(paths)
        .env_remove("CROSSCHECK_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

#[test]
fn an_ingest_stopped_at_any_moment_leaves_the_complete_state_before_or_after_it() {
    let work = tempfile::tempdir().unwrap();
    let stream = generated_corpus(work.path(), 80);
    let demo = repo().join("demo/corpus");
    // The state before: the demo corpus alone.
    let before_db = work.path().join("before.db");
    let out = ingest_cmd(&before_db, &[&demo]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let before = export_bytes(&before_db);
    // The state after, and how long the update takes when left alone.
    let after_db = work.path().join("after.db");
    std::fs::copy(&before_db, &after_db).unwrap();
    let started = Instant::now();
    let out = ingest_cmd(&after_db, &[&stream]).output().unwrap();
    let full = started.elapsed();
    assert!(out.status.success(), "{}", stderr(&out));
    let after = export_bytes(&after_db);
    assert_ne!(before, after);

    // How long the derivation (links, stories, findings: most of an
    // update) took, from the run's own timings.
    let derive_secs: f64 = stderr(&out)
        .lines()
        .filter_map(|l| l.strip_prefix("time: "))
        .filter(|l| {
            ["link:", "cluster:", "corroborate:"]
                .iter()
                .any(|s| l.starts_with(s))
        })
        .filter_map(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        .sum();
    assert!(derive_secs > 0.0, "{}", stderr(&out));

    // Stop the same update with each signal: once at its start, then at
    // moments spread over its derivation, which begins once its documents
    // are stored (staged) — and read the store right after.
    let plan: [(&str, Option<f64>); 7] = [
        ("-KILL", None),
        ("-INT", Some(0.0)),
        ("-KILL", Some(0.1)),
        ("-TERM", Some(0.3)),
        ("-KILL", Some(0.5)),
        ("-INT", Some(0.7)),
        ("-KILL", Some(0.9)),
    ];
    let mut seen_before = 0;
    let mut seen_interrupted = 0;
    for (k, (signal, fraction)) in plan.iter().enumerate() {
        let db = work.path().join(format!("cut{k}.db"));
        std::fs::copy(&before_db, &db).unwrap();
        let mut child = ingest_cmd(&db, &[&stream]).spawn().unwrap();
        if let Some(fraction) = fraction {
            let deadline = Instant::now() + full * 10;
            while staged(&db) == 0 && Instant::now() < deadline {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            std::thread::sleep(Duration::from_secs_f64(derive_secs * fraction));
        }
        let killed = Command::new("kill")
            .arg(signal)
            .arg(child.id().to_string())
            .status()
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let state = export_bytes(&db);
        assert!(
            state == before || state == after,
            "{signal} at {fraction:?} of the derivation ({derive_secs:.2} s): the store reads \
             as neither the state before nor the state after the ingest; stdout {}, stderr {}",
            stdout(&out),
            stderr(&out)
        );
        if state == before {
            seen_before += 1;
        }
        if *signal != "-KILL" && killed.success() && out.status.code() == Some(130) {
            seen_interrupted += 1;
            assert!(stdout(&out).contains("interrupted"), "{}", stdout(&out));
        }
        // Running the update again completes it.
        let again = ingest_cmd(&db, &[&stream]).output().unwrap();
        assert!(again.status.success(), "{}", stderr(&again));
        assert_eq!(
            export_bytes(&db),
            after,
            "{signal} at {fraction:?}: the re-run did not complete the update"
        );
    }
    assert!(
        seen_before >= 2,
        "only {seen_before} of the stops landed before the update committed; the test \
         did not exercise interruption"
    );
    assert!(
        seen_interrupted >= 1,
        "no SIGINT or SIGTERM stopped the ingest cleanly with exit status 130"
    );
}

#[test]
fn readers_do_not_see_documents_of_an_unfinished_ingest_until_rebuild() {
    let work = tempfile::tempdir().unwrap();
    let stream = generated_corpus(work.path(), 60);
    let db = Db::new();
    let out = db.ingest(&[&repo().join("demo/corpus")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = export_bytes(&db.path());
    // An ingest stopped as soon as it has stored something.
    let mut child = ingest_cmd(&db.path(), &[&stream]).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut stopped = false;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            // Finished before we could stop it: nothing to check here.
            assert!(status.success());
            return;
        }
        let staged = staged(&db.path());
        if staged > 0 {
            let _ = Command::new("kill")
                .arg("-KILL")
                .arg(child.id().to_string())
                .status();
            stopped = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.wait();
    assert!(stopped, "the ingest never staged a document");
    assert_eq!(export_bytes(&db.path()), before);
    let docs = db.run(&["docs"]);
    assert!(docs.status.success());
    assert!(
        stderr(&docs).contains("not shown yet"),
        "no note about the staged documents: {}",
        stderr(&docs)
    );
    let rebuilt = db.run(&["rebuild"]);
    assert!(rebuilt.status.success(), "{}", stderr(&rebuilt));
    assert!(
        stdout(&rebuilt).contains("completed an interrupted ingest"),
        "{}",
        stdout(&rebuilt)
    );
    assert!(!stderr(&db.run(&["docs"])).contains("not shown yet"));
    assert!(export_bytes(&db.path()).len() > before.len());
}

#[test]
fn export_will_not_write_over_the_database_or_anything_but_a_regular_file() {
    let db = Db::new();
    assert!(db.ingest(&[&repo().join("demo/corpus")]).status.success());
    let original = std::fs::read(db.path()).unwrap();
    let dir = db.dir.path();
    std::os::unix::fs::symlink(dir.join("elsewhere.json"), dir.join("link.json")).unwrap();
    std::fs::hard_link(db.path(), dir.join("alias.db")).unwrap();
    let targets = [
        (db.path(), "it is the database"),
        (dir.join("alias.db"), "it is the database"),
        (dir.join("link.json"), "symbolic link"),
        (PathBuf::from("/dev/null"), "not a regular file"),
        (dir.to_path_buf(), "a directory"),
    ];
    for (target, why) in &targets {
        let out = db
            .cmd()
            .args(["export", "--format", "json", "-o"])
            .arg(target)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}: {}",
            target.display(),
            stdout(&out)
        );
        let err = stderr(&out);
        assert!(err.contains(why), "{}: {err}", target.display());
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert_eq!(std::fs::read(db.path()).unwrap(), original);
    assert!(!dir.join("elsewhere.json").exists());
    assert!(db.run(&["docs"]).status.success());
}

#[test]
fn export_replaces_a_regular_file_atomically_keeping_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let db = Db::new();
    assert!(db.ingest(&[&repo().join("demo/corpus")]).status.success());
    let target = db.dir.path().join("out.json");
    std::fs::write(&target, "old").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = db
        .cmd()
        .args(["export", "--format", "json", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(v["schema_version"], 1);
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    // No temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(db.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".crosscheck-export")
        })
        .collect();
    assert!(left.is_empty());
}

#[test]
fn article_text_cannot_send_escape_sequences_to_the_terminal() {
    let db = Db::new();
    let dir = db.dir.path();
    let evil = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}";
    let record = serde_json::json!({
        "url": "https://evil.example/a",
        "title": format!("Port fire {evil} title"),
        "outlet": format!("Evil{evil}Outlet"),
        "author": format!("Jane{evil}Roe"),
        "published": "2026-05-03",
        "text": format!(
            "The harbour master {evil} said on Monday that 40 ships had left the port. \
             \"We are {evil} ready,\" said Jonas Rieker, the port's director. \
             The fire burned 240 tonnes of solvent, officials said.\n\n\
             Insurance claims are estimated at $310 million{evil}, according to the insurers."
        ),
    });
    std::fs::write(dir.join("evil.jsonl"), format!("{record}\n")).unwrap();
    std::fs::write(
        dir.join("page.html"),
        format!(
            "<html><head><title>Ships {evil} leave</title></head><body><article><h1>Ships \
             {evil} leave</h1><p>Forty ships {evil} left the harbour of Saltmere on Monday after \
             the fire, the harbour master said, and more are expected to follow them.</p>\
             </article></body></html>"
        ),
    )
    .unwrap();
    // A file whose name holds a newline and an escape, and that fails.
    std::fs::write(dir.join("bad\nname\u{1b}[2J.txt"), "").unwrap();
    let out = db
        .cmd()
        .arg("ingest")
        .arg(dir.join("evil.jsonl"))
        .arg(dir.join("page.html"))
        .arg(dir.join("bad\nname\u{1b}[2J.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_terminal_safe("ingest stdout", &out.stdout);
    assert_terminal_safe("ingest stderr", &out.stderr);
    let summary = stdout(&out);
    assert!(
        summary
            .lines()
            .any(|l| l.contains("failed:") && l.contains("bad\\nname")),
        "the failure line must show the newline: {summary}"
    );
    let docs = db.documents();
    let id = docs[0]["id"].as_str().unwrap().to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec!["docs"],
        vec!["docs", "--format", "json"],
        vec!["show", &id, "--explain"],
        vec!["show", &id, "--format", "json"],
        vec!["quotes", "--kind", "all"],
        vec!["entities"],
        vec!["claims", "--min-score", "0"],
        vec!["stories"],
        vec!["signals"],
        vec!["check", "ships left the port"],
        vec!["report"],
        vec!["report", "--format", "md"],
        vec!["report", "--format", "html"],
        vec!["report", "--format", "json"],
        vec!["export", "--format", "jsonl"],
        vec!["export", "--format", "json"],
    ];
    for args in &commands {
        let out = db.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_terminal_safe(&format!("{args:?} stdout"), &out.stdout);
        assert_terminal_safe(&format!("{args:?} stderr"), &out.stderr);
    }
    // JSON keeps the values: the escapes decode back to the characters.
    let export = db.export();
    let titles: Vec<&str> = export["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["title"].as_str())
        .collect();
    assert!(titles.iter().any(|t| t.contains('\u{9b}')), "{titles:?}");
}

#[test]
fn a_closed_pipe_ends_a_listing_quietly() {
    let db = Db::new();
    assert!(db.ingest(&[&repo().join("demo/corpus")]).status.success());
    for args in [
        vec!["stories"],
        vec!["docs"],
        vec!["report"],
        vec!["claims"],
        vec!["export", "--format", "jsonl"],
        vec!["show", "2084e6", "--explain"],
    ] {
        // The reader is gone before the command writes a byte.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = db.cmd().args(&args).stdout(writer).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            out.stderr.is_empty(),
            "{args:?} wrote to stderr: {}",
            stderr(&out)
        );
    }
}

#[test]
fn a_full_disk_is_a_one_line_error() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: /dev/full is absent");
        return;
    };
    let db = Db::new();
    assert!(db.ingest(&[&repo().join("demo/corpus")]).status.success());
    for args in [
        vec!["docs"],
        vec!["report"],
        vec!["export", "--format", "json"],
    ] {
        let out = db
            .cmd()
            .args(&args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with("error: cannot write the output: No space left on device"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn reading_commands_work_on_a_read_only_folder() {
    use std::os::unix::fs::PermissionsExt;
    let db = Db::new();
    assert!(db.ingest(&[&repo().join("demo/corpus")]).status.success());
    // A folder nobody may write, holding a database nobody may write.
    let shelf = tempfile::Builder::new()
        .prefix("crosscheck-ro")
        .tempdir_in("/tmp")
        .unwrap();
    let ro = shelf.path().join("store.db");
    std::fs::copy(db.path(), &ro).unwrap();
    let bin = shelf.path().join("crosscheck");
    std::fs::copy(env!("CARGO_BIN_EXE_crosscheck"), &bin).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(shelf.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root may write anywhere: read as an unprivileged user when we are root.
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let run = |args: &[&str]| {
        let mut c = if root {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&bin);
            c
        } else {
            Command::new(&bin)
        };
        c.arg("--db")
            .arg(&ro)
            .args(args)
            .env_remove("CROSSCHECK_DB");
        c.output()
    };
    if root && run(&["--version"]).map_or(true, |o| !o.status.success()) {
        std::fs::set_permissions(shelf.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: cannot run as an unprivileged user (setpriv)");
        return;
    }
    let expected = db.run(&["docs"]).stdout;
    for args in [
        vec!["docs"],
        vec!["stories"],
        vec!["report"],
        vec!["export", "--format", "jsonl"],
    ] {
        let out = run(&args).unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        if args == ["docs"] {
            assert_eq!(out.stdout, expected);
        }
    }
    // A write is refused with one line, and the file is untouched.
    let before = std::fs::read(&ro).unwrap();
    let out = run(&["rebuild"]).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert_eq!(std::fs::read(&ro).unwrap(), before);
    std::fs::set_permissions(shelf.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn symlinks_in_a_corpus_folder_are_skipped_unless_followed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("private.txt");
    std::fs::write(
        &secret,
        "A private note outside the corpus folder: the budget meeting moved to Thursday \
         afternoon, and the minutes will be circulated by the secretary next week.",
    )
    .unwrap();
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(
        corpus.path().join("own.txt"),
        "The harbour authority of Saltmere said on Monday that the port would reopen on \
         Friday after the fire, which burned for two days at the chemical berths.",
    )
    .unwrap();
    std::os::unix::fs::symlink(&secret, corpus.path().join("link.txt")).unwrap();
    let db = Db::new();
    let out = db.run(&["ingest", corpus.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("skipped 1 symbolic link"),
        "{}",
        stdout(&out)
    );
    assert_eq!(db.documents().len(), 1);
    let out = db.run(&["ingest", "--follow", corpus.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(db.documents().len(), 2);
}

#[test]
fn a_failed_file_and_its_identical_copy_both_fail() {
    let db = Db::new();
    let page = "<html><body><nav><a href='/'>Home</a></nav></body></html>";
    std::fs::write(db.dir.path().join("a.html"), page).unwrap();
    std::fs::write(db.dir.path().join("b.html"), page).unwrap();
    let out = db.run(&[
        "ingest",
        db.dir.path().join("a.html").to_str().unwrap(),
        db.dir.path().join("b.html").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    let s = stdout(&out);
    assert!(s.contains("ingested 0, unchanged 0, failed 2"), "{s}");
    assert!(s.contains("same bytes as"), "{s}");
}

#[test]
fn help_opens_with_what_the_tool_does() {
    let out = Db::new().run(&["--help"]);
    let first = stdout(&out).lines().next().unwrap_or("").to_string();
    assert!(
        first.contains("what independent outlets confirm"),
        "{first}"
    );
    assert!(!stdout(&out).contains("crate"), "{}", stdout(&out));
}

#[test]
fn an_error_is_printed_once_without_sql() {
    let db = Db::new();
    std::fs::write(db.path(), b"this is not a database, it is a text file").unwrap();
    let out = db.run(&["docs"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not a crosscheck database"), "{err}");
    let missing = db.dir.path().join("no/such/dir/x.db");
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .arg("--db")
        .arg(&missing)
        .args(["ingest", repo().join("demo/corpus").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    // Each cause once.
    assert_eq!(err.matches("does not exist").count(), 1, "{err}");
    assert!(!err.contains("SELECT") && !err.contains("INSERT"), "{err}");
}
