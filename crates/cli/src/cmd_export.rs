//! `crosscheck export`.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use crosscheck_model::{ExportDocument, SCHEMA_VERSION};
use crosscheck_store::{Store, StoreError};

use crate::exit::Exit;
use crate::{Cli, ExportFormat};

pub fn run(cli: &Cli, format: ExportFormat, output: Option<&Path>) -> Result<Exit> {
    let store = crate::cmd_show::open_existing(cli)?;
    match output {
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            write_export(&store, format, &mut w)?;
            w.flush()?;
        }
        Some(path) => {
            // Write beside the target and rename, so a reader never sees a
            // half-written export and a failure leaves the old file intact.
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let mut tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot write to {}", dir.display()))?;
            {
                let mut w = BufWriter::new(tmp.as_file_mut());
                write_export(&store, format, &mut w)?;
                w.flush()?;
            }
            tmp.persist(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    Ok(Exit::Ok)
}

/// Stream the export: documents are written one by one, never all held.
fn write_export(store: &dyn Store, format: ExportFormat, w: &mut dyn Write) -> Result<()> {
    let io = |e: std::io::Error| StoreError::Aborted(format!("write failed: {e}"));
    match format {
        ExportFormat::Jsonl => store.for_each_document(&mut |d| {
            serde_json::to_writer(&mut *w, &ExportDocument::from(&d)).map_err(|e| io(e.into()))?;
            w.write_all(b"\n").map_err(io)
        })?,
        ExportFormat::Json => {
            write!(w, "{{\"schema_version\":{SCHEMA_VERSION},\"documents\":[")?;
            let mut first = true;
            store.for_each_document(&mut |d| {
                if !first {
                    w.write_all(b",").map_err(io)?;
                }
                first = false;
                w.write_all(b"\n").map_err(io)?;
                serde_json::to_writer(&mut *w, &ExportDocument::from(&d)).map_err(|e| io(e.into()))
            })?;
            w.write_all(b"\n]}\n")?;
        }
    }
    Ok(())
}
