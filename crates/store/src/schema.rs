//! Opening a database: identity checks, pragmas and versioned migrations.
//!
//! A crosscheck database is marked by `PRAGMA application_id` and carries its
//! schema version in `PRAGMA user_version`. Migrations are numbered SQL files
//! embedded in the binary and applied in one `BEGIN IMMEDIATE` transaction, so
//! two processes opening a new file at once serialise and neither sees a
//! half-migrated schema.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use crate::StoreError;

/// `PRAGMA application_id` of crosscheck databases: "xchk".
pub(crate) const APPLICATION_ID: i32 = 0x7863_686b;

/// How long a connection waits for another writer before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

pub(crate) struct Migration {
    pub(crate) version: u32,
    pub(crate) name: &'static str,
    pub(crate) sql: &'static str,
}

/// Numbered migrations; version N is `MIGRATIONS[N - 1]`.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "documents",
        sql: include_str!("../migrations/0001_documents.sql"),
    },
    Migration {
        version: 2,
        name: "analysis",
        sql: include_str!("../migrations/0002_analysis.sql"),
    },
    Migration {
        version: 3,
        name: "claims",
        sql: include_str!("../migrations/0003_claims.sql"),
    },
    Migration {
        version: 4,
        name: "stories",
        sql: include_str!("../migrations/0004_stories.sql"),
    },
    Migration {
        version: 5,
        name: "corroboration",
        sql: include_str!("../migrations/0005_corroboration.sql"),
    },
    Migration {
        version: 6,
        name: "staged documents",
        sql: include_str!("../migrations/0006_staged_documents.sql"),
    },
    Migration {
        version: 7,
        name: "reporting chains",
        sql: include_str!("../migrations/0007_reporting_chains.sql"),
    },
    Migration {
        version: 8,
        name: "role conflict chains",
        sql: include_str!("../migrations/0008_role_chains.sql"),
    },
    Migration {
        version: 9,
        name: "fact parts",
        sql: include_str!("../migrations/0009_fact_parts.sql"),
    },
    Migration {
        version: 10,
        name: "search",
        sql: include_str!("../migrations/0010_search.sql"),
    },
    Migration {
        version: 11,
        name: "collection: crawl dates, fetch log, HTTP validators",
        sql: include_str!("../migrations/0011_collection.sql"),
    },
    Migration {
        version: 12,
        name: "story digests: findings kept for unchanged stories",
        sql: include_str!("../migrations/0012_story_digests.sql"),
    },
    Migration {
        version: 13,
        name: "cluster state: new documents placed into stored stories",
        sql: include_str!("../migrations/0013_cluster_state.sql"),
    },
    Migration {
        version: 14,
        name: "indexes for small updates: link keys covering, analysis versions",
        sql: include_str!("../migrations/0014_update_indexes.sql"),
    },
];

/// The schema version this program creates and understands.
pub const LATEST_VERSION: u32 = MIGRATIONS.len() as u32;

/// What an opened SQLite file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Identity {
    /// No schema at all: a new (possibly empty) file, ours to initialise.
    Fresh,
    /// A crosscheck database at this schema version (<= LATEST_VERSION).
    Crosscheck(u32),
}

/// Open (creating if needed) the database file at `path`, check that it is
/// a crosscheck database, migrate it to [`LATEST_VERSION`] and switch it to
/// WAL. A file that is not SQLite, or another application's database, is
/// refused before anything is written to it.
pub(crate) fn open_file(path: &Path) -> Result<Connection, StoreError> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(not_ours(path, "it is a directory"));
        }
        Ok(meta) => precheck(path, meta.len())?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            if !dir.is_dir() {
                return Err(StoreError::MissingDirectory {
                    path: path.to_path_buf(),
                    dir: dir.to_path_buf(),
                });
            }
        }
        Err(source) => {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| map_open_error(e, path))?;
    configure(&conn)?;
    migrate(&conn, path)?;
    enable_wal(&conn)?;
    Ok(conn)
}

/// Open an existing database for reading only, so that a store on a
/// read-only disk or folder (or one the user may not write) can be read.
/// The file is identified first, as by [`open_file`]; one of an older
/// schema gives [`StoreError::NeedsUpgrade`] (a reader cannot migrate it).
///
/// A database in WAL mode needs its `-shm` file, which SQLite creates
/// beside it; where it cannot (a read-only folder) and no `-wal` file is
/// there (the last writer closed cleanly, so the file holds everything),
/// the file is opened as immutable, which needs neither.
pub(crate) fn open_file_read_only(path: &Path) -> Result<Connection, StoreError> {
    let meta = std::fs::metadata(path).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if meta.is_dir() {
        return Err(not_ours(path, "it is a directory"));
    }
    precheck(path, meta.len())?;
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let open = |target: &str, flags: OpenFlags| -> Result<Connection, StoreError> {
        let conn =
            Connection::open_with_flags(target, flags).map_err(|e| map_open_error(e, path))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        match identify(&conn, path)? {
            Identity::Crosscheck(LATEST_VERSION) => Ok(conn),
            Identity::Crosscheck(found) => Err(StoreError::NeedsUpgrade { found }),
            Identity::Fresh => Err(StoreError::NeedsUpgrade { found: 0 }),
        }
    };
    let plain = path.to_string_lossy();
    match open(&plain, flags) {
        Err(StoreError::Sqlite(e)) if cannot_share_memory(&e) && !wal_beside(path) => {
            tracing::debug!(path = %path.display(), "read-only folder: opening immutable");
            open(&immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)
        }
        other => other,
    }
}

/// SQLite could not open or create the `-shm` file of a WAL database.
fn cannot_share_memory(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly)
    )
}

fn wal_beside(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    Path::new(&wal).exists()
}

/// `file:PATH?immutable=1`, the path percent-encoded.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// A new in-memory database at [`LATEST_VERSION`] (tests, dry runs).
pub(crate) fn open_memory() -> Result<Connection, StoreError> {
    let conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&conn, Path::new(":memory:"))?;
    Ok(conn)
}

/// `PRAGMA user_version`.
pub(crate) fn schema_version(conn: &Connection) -> Result<u32, StoreError> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok(u32::try_from(v).unwrap_or(u32::MAX))
}

/// Identify an existing file before opening it for writing, so that a file
/// that is not ours is refused without a byte written to it (nor a `-wal` /
/// `-shm` file created beside it, where avoidable).
///
/// The 100-byte SQLite header holds the magic string, the journal mode
/// (offset 18), `user_version` (offset 60) and `application_id` (offset 68).
/// A crosscheck file is recognised from the header alone; only a
/// rollback-journal file without an application id needs a read-only
/// connection to tell an empty database from another application's.
/// The read-write open checks again, under SQLite's locks.
fn precheck(path: &Path, len: u64) -> Result<(), StoreError> {
    if len == 0 {
        return Ok(()); // SQLite treats an empty file as a new database.
    }
    let mut header = [0u8; 100];
    let read = std::fs::File::open(path).and_then(|mut f| {
        use std::io::Read;
        f.read_exact(&mut header)
    });
    match read {
        Ok(()) if header.starts_with(b"SQLite format 3\0") => {}
        Ok(()) => return Err(not_ours(path, "not an SQLite file")),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            return Err(not_ours(path, "not an SQLite file"));
        }
        Err(source) => {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    }
    let be = |at: usize| {
        i32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let (version, app) = (be(60), be(68));
    match app {
        APPLICATION_ID => {
            let found = u32::try_from(version).unwrap_or(u32::MAX);
            if found > LATEST_VERSION {
                return Err(StoreError::TooNew {
                    found,
                    supported: LATEST_VERSION,
                });
            }
            Ok(())
        }
        // Byte 18 is 2 in WAL mode. Ours is marked before it switches to
        // WAL, and a read-only connection would leave -wal/-shm files.
        0 if header[18] == 2 => Err(not_ours(
            path,
            "SQLite database of another application: WAL mode, no crosscheck application id",
        )),
        0 => precheck_read_only(path),
        other => Err(not_ours(path, &foreign_app(other))),
    }
}

/// Identify a file through a read-only connection, which can neither write
/// to it nor checkpoint another application's WAL on close. Errors other
/// than "not ours" / "too new" are left to the read-write open.
fn precheck_read_only(path: &Path) -> Result<(), StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let result = Connection::open_with_flags(path, flags)
        .map_err(|e| map_open_error(e, path))
        .and_then(|conn| {
            conn.busy_timeout(BUSY_TIMEOUT)?;
            identify(&conn, path)
        });
    match result {
        Ok(_) => Ok(()),
        Err(e @ (StoreError::NotADatabase { .. } | StoreError::TooNew { .. })) => Err(e),
        Err(e) => {
            tracing::debug!(path = %path.display(), error = %e, "read-only pre-check failed");
            Ok(())
        }
    }
}

fn foreign_app(app: i32) -> String {
    format!("SQLite database of another application, application_id {app:#010x}")
}

fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // A page cache of 64 MiB (the default is 2 MiB): an update reads the
    // entities, members and stories that new documents touch, scattered
    // over a store of gigabytes, and each page missed is a system call.
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(())
}

fn identify(conn: &Connection, path: &Path) -> Result<Identity, StoreError> {
    // One statement, hence one consistent snapshot even while another
    // process commits the first migration.
    let read = || -> rusqlite::Result<(i32, i64, i64)> {
        conn.query_row(
            "SELECT (SELECT application_id FROM pragma_application_id), \
                    (SELECT user_version FROM pragma_user_version), \
                    (SELECT count(*) FROM sqlite_master)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    };
    let (app, version, objects) = read().map_err(|e| map_open_error(e, path))?;
    if app == APPLICATION_ID {
        let found = u32::try_from(version).unwrap_or(u32::MAX);
        if found > LATEST_VERSION {
            return Err(StoreError::TooNew {
                found,
                supported: LATEST_VERSION,
            });
        }
        return Ok(Identity::Crosscheck(found));
    }
    if app == 0 && version == 0 && objects == 0 {
        return Ok(Identity::Fresh);
    }
    let reason = if app != 0 {
        foreign_app(app)
    } else {
        format!("SQLite database of another application: {objects} schema objects, no crosscheck application id")
    };
    Err(not_ours(path, &reason))
}

fn migrate(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    if identify(conn, path)? == Identity::Crosscheck(LATEST_VERSION) {
        return Ok(());
    }
    // Take the write lock, then look again: another process may have
    // migrated the file while we waited.
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let current = match identify(&tx, path)? {
        Identity::Fresh => 0,
        Identity::Crosscheck(v) => v,
    };
    for m in MIGRATIONS.iter().filter(|m| m.version > current) {
        tracing::info!(version = m.version, name = m.name, "applying migration");
        tx.execute_batch(m.sql)?;
        tx.pragma_update(None, "user_version", m.version)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}

/// Switch to WAL (persistent in the file) and `synchronous=NORMAL` (per
/// connection). Changing the journal mode needs a moment with no other
/// connection in a transaction, so retry while busy.
fn enable_wal(conn: &Connection) -> Result<(), StoreError> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)) {
            Ok(mode) => {
                if !mode.eq_ignore_ascii_case("wal") {
                    tracing::warn!(
                        mode,
                        "the file system does not support WAL; journal mode kept"
                    );
                }
                break;
            }
            Err(e) if is_busy(&e) && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => return Err(e.into()),
        }
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

pub(crate) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

fn map_open_error(e: rusqlite::Error, path: &Path) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => not_ours(path, "not an SQLite file"),
        _ => StoreError::Sqlite(e),
    }
}

fn not_ours(path: &Path, reason: &str) -> StoreError {
    StoreError::NotADatabase {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_from_one_without_gaps() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1, "migration {}", m.name);
            assert!(!m.sql.trim().is_empty());
        }
        assert_eq!(LATEST_VERSION, 14);
    }

    #[test]
    fn a_new_database_is_marked_and_at_the_latest_version() {
        let conn = open_memory().unwrap();
        assert_eq!(schema_version(&conn).unwrap(), LATEST_VERSION);
        let app: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        assert_eq!(app, APPLICATION_ID);
        let fk: i64 = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
    }

    #[test]
    fn an_immutable_uri_encodes_what_a_uri_would_read() {
        assert_eq!(
            immutable_uri(Path::new("/tmp/a b/x?y#z%.db")),
            "file:/tmp/a%20b/x%3Fy%23z%25.db?immutable=1"
        );
    }

    #[test]
    fn migrating_twice_is_a_no_op() {
        let conn = open_memory().unwrap();
        migrate(&conn, Path::new(":memory:")).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), LATEST_VERSION);
    }
}
