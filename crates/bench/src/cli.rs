//! What the benchmark programs share on the command line: `--name value` /
//! `--name=value` flags, the debug-build warning, and printing the report.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

use anyhow::{anyhow, bail, Context, Result};

/// The shared corpora beside the project root (`../shared/corpora`), the
/// benchmarks' default input.
pub fn shared_corpora(root: &Path) -> PathBuf {
    let c = root.join("..").join("shared").join("corpora");
    c.canonicalize().unwrap_or(c)
}

/// The value of the flag being parsed: given inline (`--name=value`) or as
/// the next argument.
pub struct FlagValue<'a> {
    name: &'a str,
    inline: Option<String>,
    rest: &'a mut dyn Iterator<Item = String>,
}

impl FlagValue<'_> {
    /// The value as given; an error when there is none.
    pub fn string(&mut self) -> Result<String> {
        let name = self.name;
        self.inline
            .take()
            .or_else(|| self.rest.next())
            .ok_or_else(|| anyhow!("{name} needs a value"))
    }

    pub fn path(&mut self) -> Result<PathBuf> {
        self.string().map(PathBuf::from)
    }

    /// The value parsed as a number (`--limit 5`).
    pub fn number<T>(&mut self) -> Result<T>
    where
        T: FromStr,
        T::Err: std::error::Error + Send + Sync + 'static,
    {
        let v = self.string()?;
        v.parse()
            .with_context(|| format!("{} {v}: not a number", self.name))
    }
}

/// Parses the program's arguments (after the program name): for each one,
/// `on_flag(name, value)` handles it and says whether it knows it. `-h` and
/// `--help` print `usage` and exit 0; an argument `on_flag` does not know is
/// an error that shows `usage`.
pub fn parse_flags(
    usage: &str,
    on_flag: impl FnMut(&str, &mut FlagValue<'_>) -> Result<bool>,
) -> Result<()> {
    parse_flags_from(std::env::args().skip(1), usage, on_flag)
}

/// [`parse_flags`] over the given arguments.
pub fn parse_flags_from(
    args: impl IntoIterator<Item = String>,
    usage: &str,
    mut on_flag: impl FnMut(&str, &mut FlagValue<'_>) -> Result<bool>,
) -> Result<()> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if name == "-h" || name == "--help" {
            println!("{usage}");
            std::process::exit(0);
        }
        let mut value = FlagValue {
            name: &name,
            inline,
            rest: &mut args,
        };
        if !on_flag(&name, &mut value)? {
            bail!("unknown argument {name:?}\n{usage}");
        }
    }
    Ok(())
}

/// Speeds measured by a debug build mean nothing: say so on stderr.
pub fn warn_if_debug_build() {
    if cfg!(debug_assertions) {
        eprintln!("warning: debug build; run with --release for meaningful speeds");
    }
}

/// The `main` of a benchmark program over one shared corpus: warn on a
/// debug build, parse the arguments, say "skipped" and exit 0 when the
/// corpus folder is absent (a fresh clone without `../shared`), else run and
/// [`finish`]. `shared_name` is the corpus folder under
/// `../shared/corpora`.
pub fn main_over_corpus<O>(
    program: &str,
    corpus_label: &str,
    shared_name: &str,
    parse: impl FnOnce() -> Result<O>,
    corpus: impl Fn(&O) -> &std::path::Path,
    run: impl FnOnce(&O) -> Result<String>,
) -> ExitCode {
    warn_if_debug_build();
    let opts = match parse() {
        Ok(o) => o,
        Err(e) => return finish(program, Err(e)),
    };
    if !corpus(&opts).is_dir() {
        println!(
            "{program}: skipped: no {corpus_label} corpus at {} (it lives in \
             ../shared/corpora/{shared_name}; pass --corpus DIR)",
            corpus(&opts).display()
        );
        return ExitCode::SUCCESS;
    }
    finish(program, run(&opts))
}

/// Prints the report on stdout (exit 0), or the error on stderr (exit 2).
pub fn finish(program: &str, result: Result<String>) -> ExitCode {
    match result {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{program}: {e:#}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Vec<(String, Option<String>)>> {
        let mut seen = Vec::new();
        parse_flags_from(args.iter().map(|s| s.to_string()), "usage", |name, v| {
            match name {
                "--on" => seen.push((name.to_string(), None)),
                "--n" => seen.push((name.to_string(), Some(v.number::<usize>()?.to_string()))),
                "--s" => seen.push((name.to_string(), Some(v.string()?))),
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        Ok(seen)
    }

    #[test]
    fn flags_take_values_inline_or_from_the_next_argument() {
        let got = parse(&["--s", "a", "--n=3", "--on", "--s=b=c"]).unwrap();
        let want = [
            ("--s", Some("a")),
            ("--n", Some("3")),
            ("--on", None),
            ("--s", Some("b=c")),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|(n, v)| (n.to_string(), v.map(str::to_string)))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn missing_values_bad_numbers_and_unknown_flags_are_errors() {
        let err = |args: &[&str]| format!("{:#}", parse(args).unwrap_err());
        assert_eq!(err(&["--s"]), "--s needs a value");
        assert!(err(&["--n", "x"]).starts_with("--n x: not a number"));
        assert_eq!(err(&["--what"]), "unknown argument \"--what\"\nusage");
        assert_eq!(err(&["x=1"]), "unknown argument \"x=1\"\nusage");
    }
}
