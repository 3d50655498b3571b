//! `kartrekker backup` and `kartrekker restore` on SQLite (README, "Backups";
//! docs/decisions/0026): SQLite's online backup API copies the database as
//! one consistent snapshot while the server goes on writing, and restore
//! copies a checked backup back through the same API, in one transaction.
//! PostgreSQL has its own tools for both (pg_dump, PITR).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::DbError;

/// What the commands answer on PostgreSQL.
pub const POSTGRES: &str = "kartrekker backup and restore copy an SQLite database; for PostgreSQL use \
pg_dump -Fc and pg_restore, or continuous archiving (WAL) for point-in-time recovery: see README.md, Backups";

/// A backup that passed the checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Checked {
    /// The newest migration applied in the backup.
    pub schema_version: i64,
    /// The newest migration this Kartrekker knows; a backup behind it is
    /// brought up to date when the server starts.
    pub newest_known: i64,
}

fn invalid(message: String) -> DbError {
    DbError::Configuration(message)
}

/// The file of an `sqlite://` database URL; on PostgreSQL, the advice to use its tools.
pub fn sqlite_path(url: &str) -> Result<PathBuf, DbError> {
    if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        return Err(invalid(POSTGRES.into()));
    }
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
    match rest.split('?').next() {
        Some(path) if !path.is_empty() && !path.starts_with(":memory:") => Ok(path.into()),
        _ => Err(invalid(format!("an SQLite database needs a file: {url}"))),
    }
}

/// An existing database file, opened to copy from or into (never created here).
fn open(path: &Path) -> Result<Connection, DbError> {
    if !path.is_file() {
        return Err(invalid(format!("{} does not exist", path.display())));
    }
    let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    c.busy_timeout(Duration::from_secs(10))?;
    Ok(c)
}

/// Copies all of `from` into `to` as one snapshot of `from`, in one
/// transaction on `to`: a writer elsewhere neither stops nor spoils it.
fn copy(from: &Connection, to: &mut Connection) -> Result<(), DbError> {
    let backup = Backup::new(from, to)?;
    for _ in 0..100 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            // Another connection holds a lock for a moment: try again.
            _ => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    Err(invalid("the database stayed locked for 10 s".into()))
}

/// Copies the database of `url` to `to` while it is in use, and checks the copy.
/// The copy is written beside `to` and renamed to it only when whole.
pub fn backup(url: &str, to: &Path) -> Result<Checked, DbError> {
    let path = sqlite_path(url)?;
    if to.exists() && std::fs::canonicalize(to).ok() == std::fs::canonicalize(&path).ok() {
        return Err(invalid("a backup cannot overwrite its own database".into()));
    }
    let source = open(&path)?;
    let partial = PathBuf::from(format!("{}.partial", to.display()));
    let _ = std::fs::remove_file(&partial);
    let written = (|| {
        let mut copy_to = Connection::open(&partial)?;
        copy(&source, &mut copy_to)?;
        // Into the file itself, so that the backup is one file.
        copy_to.execute_batch("PRAGMA journal_mode = DELETE")?;
        drop(copy_to);
        File::open(&partial).and_then(|f| f.sync_all()).map_err(|e| invalid(format!("{}: {e}", partial.display())))
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, to).map_err(|e| invalid(format!("{}: {e}", to.display())))?;
    check(to)
}

/// Checks a backup: `PRAGMA integrity_check` finds nothing, and every
/// migration it has applied is one this Kartrekker knows, under the same name.
pub fn check(file: &Path) -> Result<Checked, DbError> {
    let c = open(file)?;
    c.execute_batch("PRAGMA query_only = ON")?;
    let mut st = c.prepare("PRAGMA integrity_check")?;
    let problems: Vec<String> = st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    if problems != ["ok"] {
        return Err(invalid(format!("{} fails the integrity check: {}", file.display(), problems.join("; "))));
    }
    let mut st = c
        .prepare("SELECT version, name FROM schema_migrations ORDER BY version")
        .map_err(|_| invalid(format!("{} is not a Kartrekker database (no schema_migrations)", file.display())))?;
    let applied: Vec<(i64, String)> = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    let known = super::migrations::known();
    for (version, name) in &applied {
        if !known.contains(&(*version, name.as_str())) {
            return Err(invalid(format!(
                "{} has migration {version} ({name}), which this Kartrekker does not know: \
                 restore it with the version that made it",
                file.display()
            )));
        }
    }
    let schema_version = applied.last().map(|(v, _)| *v).unwrap_or(0);
    Ok(Checked { schema_version, newest_known: known.last().map(|(v, _)| *v).unwrap_or(0) })
}

/// Puts the checked backup `from` in place of the database of `url`, in one
/// transaction: refused while a Kartrekker process has that database open.
pub fn restore(url: &str, from: &Path) -> Result<Checked, DbError> {
    let path = sqlite_path(url)?;
    check(from)?;
    let _claim = claim(&path)?;
    let source = open(from)?;
    let mut target = open(&path)?;
    copy(&source, &mut target)?;
    target.execute_batch("PRAGMA journal_mode = WAL; PRAGMA wal_checkpoint(TRUNCATE);")?;
    drop(target);
    check(&path)
}

/// The lock every pool holds on its database file while open: shared, so
/// that `serve`, `worker` and `migrate` can share the file, but not with `restore`.
/// (`flock`, which does not touch SQLite's own POSIX locks.)
pub(super) fn hold(path: &Path) -> Result<Option<File>, DbError> {
    lock(path, false)
        .map_err(|_| invalid(format!("{} is being restored; start again when that is done", path.display())))
}

/// The lock `restore` needs: no Kartrekker process has the database open.
fn claim(path: &Path) -> Result<Option<File>, DbError> {
    if !path.exists() {
        File::create(path).map_err(|e| invalid(format!("{}: {e}", path.display())))?;
    }
    lock(path, true).map_err(|_| {
        invalid(format!(
            "a Kartrekker process (serve, worker) has {} open: stop it first (systemctl stop kartrekker), then restore",
            path.display()
        ))
    })
}

#[cfg(unix)]
fn lock(path: &Path, exclusive: bool) -> Result<Option<File>, DbError> {
    let file = File::open(path).map_err(|e| invalid(format!("{}: {e}", path.display())))?;
    let locked = if exclusive { file.try_lock() } else { file.try_lock_shared() };
    locked.map_err(|e| invalid(e.to_string()))?;
    Ok(Some(file))
}

/// Elsewhere a file lock would block SQLite's own reads: no check.
#[cfg(not(unix))]
fn lock(_: &Path, _: bool) -> Result<Option<File>, DbError> {
    Ok(None)
}
