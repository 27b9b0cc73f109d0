//! `crosscheck export`: the engine's export to standard output, or to a
//! file written atomically beside its target.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use crosscheck_engine::export::write_export;
use crosscheck_store::Store;

use crate::exit::Exit;
use crate::{Cli, ExportFormat};

pub fn run(cli: &Cli, format: ExportFormat, output: Option<&Path>) -> Result<Exit> {
    let store = crate::cmd_show::open_existing(cli)?;
    match output {
        None => {
            let mut w = crate::output::Out::stdout();
            write_export(&store, format.into(), &mut w)?;
            w.finish()?;
        }
        Some(path) => write_file(&store, format, path, &cli.db)?,
    }
    Ok(Exit::Ok)
}

/// Write the export to `path` atomically: beside the target, then renamed
/// over it, so a reader never sees a half-written export and a failure
/// leaves the old file intact. Only a regular file (or nothing) may be
/// replaced, never the open database or its journal: a rename would
/// replace a symbolic link, a FIFO or a device node rather than write
/// through it. The new file keeps the old one's permissions.
fn write_file(store: &dyn Store, format: ExportFormat, path: &Path, db: &Path) -> Result<()> {
    let existing = match std::fs::symlink_metadata(path) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot write {}", path.display())),
    };
    if let Some(m) = &existing {
        let kind = m.file_type();
        let what = if kind.is_symlink() {
            Some("a symbolic link; give the path of the file itself")
        } else if kind.is_dir() {
            Some("a directory")
        } else if !kind.is_file() {
            Some("not a regular file (a device, FIFO or socket)")
        } else {
            None
        };
        if let Some(what) = what {
            bail!(
                "will not write the export over {}: it is {what}",
                path.display()
            );
        }
        if is_database_file(path, db) {
            bail!(
                "will not write the export over {}: it is the database (give another -o file)",
                path.display()
            );
        }
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".crosscheck-export-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A new file gets the usual mode (less the umask), not 0600.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot write to {}", dir.display()))?;
    if let Some(m) = &existing {
        std::fs::set_permissions(tmp.path(), m.permissions())
            .with_context(|| format!("cannot write to {}", dir.display()))?;
    }
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        write_export(store, format.into(), &mut w)?;
        w.flush()
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Whether `path` names the database file or one of SQLite's files beside
/// it (`-wal`, `-shm`, `-journal`), by identity where the platform gives
/// one (a hard link or another spelling of the path counts).
fn is_database_file(path: &Path, db: &Path) -> bool {
    let mut names = vec![db.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut n = db.as_os_str().to_owned();
        n.push(suffix);
        names.push(n.into());
    }
    names.iter().any(|n| same_file(path, n))
}

fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
