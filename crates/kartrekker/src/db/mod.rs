//! The connection pool and migrations. One code path for SQLite and PostgreSQL
//! through sqlx's `Any` driver; SQL stays in each area's `store.rs`.

mod migrations;

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sqlx::{AnyPool, ConnectOptions};

pub use sqlx::Error as DbError;
pub type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;
pub type Conn = sqlx::AnyConnection;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
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
        let (url, max) = match backend {
            Backend::Sqlite => {
                // Normalise the SQLite options once (WAL, foreign keys, busy
                // timeout, create the file) and hand Any the resulting URL.
                let opts = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
                    .synchronous(sqlx::sqlite::SqliteSynchronous::Normal);
                (opts.to_url_lossy().to_string(), 8)
            }
            Backend::Postgres => (url.to_string(), 16),
        };
        let pool =
            AnyPoolOptions::new().max_connections(max).acquire_timeout(Duration::from_secs(10)).connect(&url).await?;
        Ok(Db { pool, backend })
    }

    pub async fn migrate(&self) -> Result<Vec<&'static str>, DbError> {
        migrations::run(self).await
    }

    /// A transaction that will write. On SQLite it takes the write lock at
    /// once: a deferred one that reads first and then writes gets "database
    /// is locked" without waiting when another writer came in between.
    pub async fn begin(&self) -> Result<Tx<'static>, DbError> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
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
