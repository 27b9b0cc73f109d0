//! Python trafilatura, run side by side: a virtual environment under
//! `target/bench/venv` with a pinned trafilatura, and `python/run_trafilatura.py`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::corpus::Page;
use crate::systems::{Prediction, RunResult, SystemRun};

/// The trafilatura release the benchmark installs.
pub const TRAFILATURA_VERSION: &str = "2.3.1";
/// lxml 6 moved `lxml.html.clean` out; jusText (a trafilatura dependency) still imports it.
const LXML_HTML_CLEAN_VERSION: &str = "0.4.6";

fn script_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("python")
        .join("run_trafilatura.py")
}

fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd
        .output()
        .map_err(|e| format!("could not start {cmd:?}: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = err.lines().rev().take(3).collect();
        Err(format!(
            "{:?} failed ({}): {}",
            cmd.get_program(),
            out.status,
            tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
        ))
    }
}

/// Creates the venv and installs trafilatura unless the pinned version is there.
pub fn ensure_venv(venv: &Path) -> Result<PathBuf, String> {
    let python = venv_python(venv);
    let check = "import trafilatura; print(trafilatura.__version__)";
    if python.exists() {
        if let Ok(v) = run(Command::new(&python).args(["-c", check])) {
            if v == TRAFILATURA_VERSION {
                return Ok(python);
            }
        }
    } else {
        eprintln!("creating {} ...", venv.display());
        let system_python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
        run(Command::new(system_python).args(["-m", "venv"]).arg(venv))?;
    }
    eprintln!(
        "installing trafilatura=={TRAFILATURA_VERSION} (and lxml_html_clean) into {} ...",
        venv.display()
    );
    run(Command::new(&python).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("trafilatura=={TRAFILATURA_VERSION}"),
        &format!("lxml_html_clean=={LXML_HTML_CLEAN_VERSION}"),
    ]))?;
    run(Command::new(&python).args(["-c", check]))?;
    Ok(python)
}

/// Runs trafilatura on `pages`; `work` is a directory for the exchange files.
pub fn run_trafilatura(pages: &[Page], venv: &Path, work: &Path, repeat: usize) -> RunResult {
    let python = ensure_venv(venv)?;
    let list: Vec<serde_json::Value> = pages
        .iter()
        .map(|p| serde_json::json!({"key": p.key(), "path": p.path, "url": p.url}))
        .collect();
    let pages_file = work.join("trafilatura-pages.json");
    let out_file = work.join("trafilatura-out.json");
    std::fs::write(
        &pages_file,
        serde_json::to_vec(&list).map_err(|e| e.to_string())?,
    )
    .map_err(|e| format!("writing {}: {e}", pages_file.display()))?;
    run(Command::new(&python)
        .arg(script_path())
        .arg(&pages_file)
        .arg(&out_file)
        .arg(repeat.max(1).to_string()))?;
    let raw =
        std::fs::read(&out_file).map_err(|e| format!("reading {}: {e}", out_file.display()))?;
    let mut out: HashMap<String, serde_json::Value> =
        serde_json::from_slice(&raw).map_err(|e| format!("parsing {}: {e}", out_file.display()))?;
    let seconds = out
        .remove("_seconds")
        .and_then(|v| v.as_f64())
        .ok_or("no _seconds in output")?;
    let wall_seconds = out
        .remove("_wall_seconds")
        .and_then(|v| v.as_f64())
        .unwrap_or(seconds);
    let version = out
        .remove("_version")
        .and_then(|v| v.as_str().map(String::from));
    let predictions = pages
        .iter()
        .map(|p| {
            out.remove(&p.key())
                .and_then(|v| serde_json::from_value::<Prediction>(v).ok())
                .unwrap_or_default()
        })
        .collect();
    Ok(SystemRun {
        predictions,
        seconds,
        wall_seconds,
        note: Some(format!(
            "version {}, bare_extraction(with_metadata=True, url=...), default settings",
            version.unwrap_or_else(|| "?".into())
        )),
    })
}

/// A virtual environment at `venv` with exactly these `(package, version)`
/// pins installed (installed now when one is missing); its Python.
pub fn ensure_pinned(venv: &Path, pins: &[(&str, &str)]) -> Result<PathBuf, String> {
    let python = venv_python(venv);
    if !python.exists() {
        eprintln!("creating {} ...", venv.display());
        let system_python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
        run(Command::new(system_python).args(["-m", "venv"]).arg(venv))?;
    }
    let check = pins
        .iter()
        .map(|(p, v)| format!("importlib.metadata.version({p:?}) == {v:?}"))
        .collect::<Vec<_>>()
        .join(" and ");
    let script = format!("import importlib.metadata, sys; sys.exit(0 if {check} else 1)");
    if run(Command::new(&python).args(["-c", &script])).is_ok() {
        return Ok(python);
    }
    let specs: Vec<String> = pins.iter().map(|(p, v)| format!("{p}=={v}")).collect();
    eprintln!(
        "installing {} into {} ...",
        specs.join(", "),
        venv.display()
    );
    run(Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .args(&specs))?;
    run(Command::new(&python).args(["-c", &script]))?;
    Ok(python)
}

/// Run a script of `python/` with these arguments.
pub fn run_script(
    python: &Path,
    script: &str,
    args: &[&std::ffi::OsStr],
) -> Result<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("python")
        .join(script);
    run(Command::new(python).arg(path).args(args))
}
