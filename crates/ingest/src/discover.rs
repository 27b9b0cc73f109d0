//! Which files a list of paths names.

use std::path::{Path, PathBuf};

use crate::read::Failure;

/// What a file holds, from its extension (after any `.gz`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Html,
    Text,
    /// `.json`: one record, an array of records, or JSON lines.
    Json,
    JsonLines,
    /// A web archive (`.warc`, `.warc.gz`), read record by record.
    Warc,
}

/// A file to ingest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    /// The path as the user gave it (or as found under a directory they gave).
    pub display: String,
    pub kind: FileKind,
    pub gzip: bool,
}

/// Classify a file name; `None` for extensions crosscheck does not read.
pub fn classify(name: &str) -> Option<(FileKind, bool)> {
    let lower = name.to_ascii_lowercase();
    let (stem, gzip) = match lower.strip_suffix(".gz") {
        Some(s) => (s.to_string(), true),
        None => (lower, false),
    };
    let kind = match Path::new(&stem).extension().and_then(|e| e.to_str()) {
        Some("html") | Some("htm") | Some("xhtml") => FileKind::Html,
        Some("txt") | Some("text") => FileKind::Text,
        Some("json") => FileKind::Json,
        Some("jsonl") | Some("ndjson") => FileKind::JsonLines,
        Some("warc") => FileKind::Warc,
        _ => return None,
    };
    Some((kind, gzip))
}

/// What [`discover`] found.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<InputFile>,
    pub failures: Vec<Failure>,
    /// Symbolic links found under the directories and not followed.
    pub skipped_links: Vec<String>,
}

/// Expand paths into input files: directories recursively (files sorted by
/// path, hidden entries skipped), files as given. A file named explicitly with
/// an unknown extension is read as text; under a directory it is skipped.
///
/// Symbolic links under a directory are not followed unless `follow`: a
/// link inside a corpus folder may lead anywhere on the machine (as in
/// ripgrep). A path named on the command line is read even when it is a
/// link: the user named it. Anything that is neither a regular file nor a
/// directory (a FIFO, a device, a socket) is refused: reading it could
/// block forever or never end.
pub fn discover(paths: &[PathBuf], follow: bool) -> Discovery {
    let mut found = Discovery::default();
    for p in paths {
        let display = p.display().to_string();
        match std::fs::metadata(p) {
            Err(e) => found
                .failures
                .push(Failure::new(&display, format!("cannot read path: {e}"))),
            Ok(m) if m.is_dir() => walk_dir(p, follow, &mut found),
            Ok(m) if !m.is_file() => found.failures.push(Failure::new(
                &display,
                "not a regular file (a FIFO, device or socket); use - for standard input",
            )),
            Ok(_) => {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                let (kind, gzip) = classify(name)
                    .unwrap_or((FileKind::Text, name.to_ascii_lowercase().ends_with(".gz")));
                found.files.push(InputFile {
                    path: p.clone(),
                    display,
                    kind,
                    gzip,
                });
            }
        }
    }
    found
}

fn walk_dir(root: &Path, follow: bool, found: &mut Discovery) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(follow)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Err(e) => {
                let where_ = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| root.display().to_string());
                found.failures.push(Failure::new(
                    &where_,
                    format!("cannot read path: {}", io_reason(&e)),
                ));
            }
            Ok(e) if e.path_is_symlink() && !follow => {
                found.skipped_links.push(e.path().display().to_string());
            }
            Ok(e) if e.file_type().is_file() => {
                let name = e.file_name().to_string_lossy();
                if let Some((kind, gzip)) = classify(&name) {
                    found.files.push(InputFile {
                        path: e.path().to_path_buf(),
                        display: e.path().display().to_string(),
                        kind,
                        gzip,
                    });
                }
            }
            Ok(_) => {}
        }
    }
}

fn io_reason(e: &walkdir::Error) -> String {
    match e.io_error() {
        Some(io) => io.to_string(),
        None => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_knows_each_supported_extension_with_and_without_gzip() {
        assert_eq!(classify("a.html"), Some((FileKind::Html, false)));
        assert_eq!(classify("a.HTM.gz"), Some((FileKind::Html, true)));
        assert_eq!(classify("a.txt"), Some((FileKind::Text, false)));
        assert_eq!(classify("a.json.gz"), Some((FileKind::Json, true)));
        assert_eq!(classify("a.jsonl"), Some((FileKind::JsonLines, false)));
        assert_eq!(classify("a.png"), None);
        assert_eq!(classify("a.gz"), None);
    }

    #[test]
    fn directories_are_walked_recursively_in_sorted_order_skipping_hidden_and_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        for f in [
            "b.txt",
            "a.html",
            "sub/c.jsonl",
            "x.png",
            ".git/d.txt",
            ".hidden.txt",
        ] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let Discovery {
            files, failures, ..
        } = discover(&[dir.path().to_path_buf()], false);
        assert!(failures.is_empty());
        let names: Vec<_> = files
            .iter()
            .map(|f| {
                f.path
                    .strip_prefix(dir.path())
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, vec!["a.html", "b.txt", "sub/c.jsonl"]);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_under_a_folder_are_not_followed_unless_asked() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
        std::fs::create_dir(outside.path().join("tree")).unwrap();
        std::fs::write(outside.path().join("tree/deep.txt"), "x").unwrap();
        let corpus = tempfile::tempdir().unwrap();
        std::fs::write(corpus.path().join("a.txt"), "x").unwrap();
        let link = |target: &str, name: &str| {
            std::os::unix::fs::symlink(outside.path().join(target), corpus.path().join(name))
                .unwrap()
        };
        link("secret.txt", "b.txt");
        link("tree", "c");
        let names = |d: &Discovery| -> Vec<String> {
            d.files
                .iter()
                .map(|f| {
                    f.path
                        .strip_prefix(corpus.path())
                        .unwrap()
                        .display()
                        .to_string()
                })
                .collect()
        };
        let plain = discover(&[corpus.path().to_path_buf()], false);
        assert_eq!(names(&plain), vec!["a.txt"]);
        assert_eq!(plain.skipped_links.len(), 2);
        let followed = discover(&[corpus.path().to_path_buf()], true);
        assert_eq!(names(&followed), vec!["a.txt", "b.txt", "c/deep.txt"]);
        assert!(followed.skipped_links.is_empty());
        // A link named on the command line is read: the user named it.
        let named = discover(&[corpus.path().join("b.txt")], false);
        assert_eq!(named.files.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_named_on_the_command_line_is_refused_not_read_forever() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        let d = discover(&[fifo, PathBuf::from("/dev/zero")], false);
        assert!(d.files.is_empty());
        assert_eq!(d.failures.len(), 2);
        assert!(
            d.failures[0].reason.starts_with("not a regular file"),
            "{:?}",
            d.failures
        );
    }

    #[test]
    fn a_missing_path_is_a_failure_with_a_reason() {
        let Discovery {
            files, failures, ..
        } = discover(&[PathBuf::from("/no/such/path.txt")], false);
        assert!(files.is_empty());
        assert_eq!(failures.len(), 1);
        assert!(failures[0].reason.starts_with("cannot read path"));
    }
}
