//! The connection pool and migrations. One code path for SQLite and PostgreSQL
//! through sqlx's `Any` driver; SQL stays in each area's `store.rs`.

mod migrations;

use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AnyPool, ConnectOptions, Executor};
use tokio::sync::{Mutex, OwnedMutexGuard};

pub use sqlx::Error as DbError;
pub type Conn = sqlx::AnyConnection;

/// A write transaction. On SQLite it also holds this process's write turn.
pub struct Tx<'a> {
    tx: sqlx::Transaction<'a, sqlx::Any>,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl Tx<'_> {
    pub async fn commit(self) -> Result<(), DbError> {
        self.tx.commit().await
    }
}

impl<'a> Deref for Tx<'a> {
    type Target = sqlx::Transaction<'a, sqlx::Any>;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl DerefMut for Tx<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// SQLite has one writer at a time. Writers of this process queue here
    /// (fair, without blocking a thread) instead of in SQLite's busy handler,
    /// which sleeps up to 100 ms between tries.
    write_turn: Arc<Mutex<()>>,
}

impl Db {
    /// Connects to `sqlite://path` (created if missing) or `postgres://...`.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        install_default_drivers();
        let backend = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            return Err(DbError::Configuration(
                format!("unsupported database URL (use sqlite:// or postgres://): {url}").into(),
            ));
        };
        let pool = match backend {
            Backend::Sqlite => {
                // Any connects from a URL, which cannot carry these settings:
                // they are set on every new connection instead.
                let url = SqliteConnectOptions::from_str(url)?.create_if_missing(true).to_url_lossy().to_string();
                AnyPoolOptions::new()
                    .max_connections(8)
                    .acquire_timeout(Duration::from_secs(10))
                    // An in-process database needs no ping before each use;
                    // the ping is one more hand-off to the connection's thread.
                    .test_before_acquire(false)
                    .after_connect(|c, _| {
                        Box::pin(async move {
                            c.execute(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                            )
                            .await
                            .map(|_| ())
                        })
                    })
                    .connect(&url)
                    .await?
            }
            Backend::Postgres => {
                AnyPoolOptions::new().max_connections(16).acquire_timeout(Duration::from_secs(10)).connect(url).await?
            }
        };
        Ok(Db { pool, backend, write_turn: Arc::new(Mutex::new(())) })
    }

    pub async fn migrate(&self) -> Result<Vec<&'static str>, DbError> {
        migrations::run(self).await
    }

    /// A transaction that will write. On SQLite it takes the write lock at
    /// once: a deferred one that reads first and then writes gets "database
    /// is locked" without waiting when another writer came in between.
    pub async fn begin(&self) -> Result<Tx<'static>, DbError> {
        match self.backend {
            Backend::Sqlite => {
                let turn = self.write_turn.clone().lock_owned().await;
                Ok(Tx { tx: self.pool.begin_with("BEGIN IMMEDIATE").await?, _turn: Some(turn) })
            }
            Backend::Postgres => Ok(Tx { tx: self.pool.begin().await?, _turn: None }),
        }
    }

    /// True when the database answers a trivial query (for `/readyz`).
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Table name → sorted column names, to prove both schemas are the same.
    pub async fn schema(&self) -> Result<Vec<(String, Vec<String>)>, DbError> {
        use sqlx::Row;
        let rows = match self.backend {
            Backend::Sqlite => {
                sqlx::query(
                    "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.name",
                )
                .fetch_all(&self.pool)
                .await?
            }
            Backend::Postgres => {
                sqlx::query(
                    "SELECT table_name::text, column_name::text FROM information_schema.columns \
                     WHERE table_schema = current_schema() ORDER BY table_name, column_name",
                )
                .fetch_all(&self.pool)
                .await?
            }
        };
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for row in rows {
            let (table, column): (String, String) = (row.try_get(0)?, row.try_get(1)?);
            match out.last_mut() {
                Some((t, cols)) if *t == table => cols.push(column),
                _ => out.push((table, vec![column])),
            }
        }
        Ok(out)
    }
}

/// `count` numbered placeholders from `$first` on, as a list: "$2, $3, $4" (for IN).
pub fn placeholder_list(first: usize, count: usize) -> String {
    (first..first + count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
}

/// `rows` rows of `width` numbered placeholders from `$first` on, for a
/// multi-row VALUES: "($1, $2), ($3, $4)".
pub fn placeholder_rows(first: usize, rows: usize, width: usize) -> String {
    (0..rows).map(|r| format!("({})", placeholder_list(first + r * width, width))).collect::<Vec<_>>().join(", ")
}

/// Booleans travel as integers through `Any`.
pub fn flag(b: bool) -> i64 {
    b as i64
}

/// True when an error is a unique-constraint violation on either backend.
pub fn is_unique_violation(err: &DbError) -> bool {
    match err {
        DbError::Database(e) => {
            matches!(e.kind(), sqlx::error::ErrorKind::UniqueViolation)
                || e.code().as_deref() == Some("23505")
                || e.message().contains("UNIQUE constraint failed")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_number_lists_and_rows() {
        assert_eq!(super::placeholder_list(2, 3), "$2, $3, $4");
        assert_eq!(super::placeholder_rows(1, 2, 2), "($1, $2), ($3, $4)");
        assert_eq!(super::placeholder_rows(3, 2, 1), "($3), ($4)");
    }
}
