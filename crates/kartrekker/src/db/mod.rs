//! The connection pools, transactions and migrations. One code path for
//! SQLite and PostgreSQL through `query`; SQL stays in each area's `store.rs`.

pub mod backup;
mod migrations;
mod parked;
mod postgres;
mod query;
mod schema;
mod sqlite;

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use sqlx::postgres::{PgConnection, PgPool};
use sqlx::{Postgres, Transaction};
use tokio::sync::OwnedMutexGuard;

pub use parked::{release, scoped};
pub use query::{
    AssertSqlSafe, Decode, Done, Encode, Kind, Query, QueryScalar, Row, Target, Value, query, query_scalar, raw_sql,
};
pub use schema::Schema;

/// What went wrong in the database layer.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] sqlx::Error),
    #[error("no row where one was expected")]
    RowNotFound,
    #[error("column {column}: {message}")]
    Decode { column: String, message: String },
    #[error("{0}")]
    Configuration(String),
    #[error("the database pool is closed")]
    Closed,
    #[error("no database connection free within 10 s")]
    PoolTimedOut,
}

/// A connection: pooled, or the one of a transaction.
pub enum Conn {
    Sqlite(sqlite::Conn),
    Postgres(postgres::Conn),
    PostgresTx(Transaction<'static, Postgres>),
}

impl Conn {
    fn pg(&mut self) -> Option<&mut PgConnection> {
        match self {
            Conn::Sqlite(_) => None,
            Conn::Postgres(c) => Some(c),
            Conn::PostgresTx(t) => Some(t),
        }
    }

    async fn run(&mut self, q: Query, fetch: query::Fetch) -> Result<(Vec<Row>, u64), DbError> {
        match self {
            Conn::Sqlite(c) => {
                let _turn = c.turn_to_write(Some(q.sql.as_str())).await?;
                c.run(q.sql.as_str(), &q.args, fetch)
            }
            _ => postgres::run(self.pg().expect("a PostgreSQL connection"), q, fetch).await,
        }
    }

    /// Back to its pool (a transaction's is never put down).
    fn into_pool(self) {
        match self {
            Conn::Sqlite(c) => c.into_pool(),
            Conn::Postgres(c) => c.into_pool(),
            Conn::PostgresTx(_) => {}
        }
    }

    async fn script(&mut self, sql: &str) -> Result<(), DbError> {
        match self {
            Conn::Sqlite(c) => {
                let _turn = c.turn_to_write(None).await?;
                c.script(sql)
            }
            _ => postgres::script(self.pg().expect("a PostgreSQL connection"), sql).await,
        }
    }
}

/// A write transaction; rolled back when dropped without `commit`. On SQLite
/// it also holds this process's write turn.
pub struct Tx {
    conn: Conn,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl Tx {
    pub async fn commit(self) -> Result<(), DbError> {
        let Tx { conn, _turn } = self;
        match conn {
            Conn::Sqlite(c) => c.commit(),
            Conn::PostgresTx(t) => Ok(t.commit().await?),
            Conn::Postgres(_) => unreachable!("a PostgreSQL transaction holds a Transaction"),
        }
    }
}

impl Deref for Tx {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.conn
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.conn
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
enum Pool {
    Sqlite(Arc<sqlite::Pool>),
    Postgres(PgPool),
}

#[derive(Clone)]
pub struct Db {
    pool: Pool,
    /// Tells this database's connections from another's (several in tests).
    id: usize,
    pub backend: Backend,
}

impl Db {
    /// Connects to `sqlite://path` (created if missing) or `postgres://...`.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        static IDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let id = IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let (pool, backend) = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            (Pool::Postgres(postgres::pool(url).await?), Backend::Postgres)
        } else if url.starts_with("sqlite:") {
            (Pool::Sqlite(sqlite::Pool::open(url, 8, id)?), Backend::Sqlite)
        } else {
            return Err(DbError::Configuration(format!(
                "unsupported database URL (use sqlite:// or postgres://): {url}"
            )));
        };
        Ok(Db { pool, id, backend })
    }

    pub async fn migrate(&self) -> Result<Vec<&'static str>, DbError> {
        migrations::run(self).await
    }

    /// A pooled connection for reads that need no transaction.
    pub async fn acquire(&self) -> Result<Conn, DbError> {
        match &self.pool {
            Pool::Sqlite(p) => Ok(Conn::Sqlite(p.acquire().await?)),
            Pool::Postgres(p) => Ok(Conn::Postgres(postgres::acquire(p, self.id).await?)),
        }
    }

    /// A transaction that will write. On SQLite it takes the write lock at
    /// once: a deferred one that reads first and then writes gets "database
    /// is locked" without waiting when another writer came in between.
    pub async fn begin(&self) -> Result<Tx, DbError> {
        match &self.pool {
            Pool::Sqlite(p) => {
                parked::release();
                let turn = p.write_turn().await;
                let mut c = p.acquire().await?;
                c.begin_immediate()?;
                Ok(Tx { conn: Conn::Sqlite(c), _turn: Some(turn) })
            }
            Pool::Postgres(p) => {
                parked::release();
                Ok(Tx { conn: Conn::PostgresTx(p.begin().await?), _turn: None })
            }
        }
    }

    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(p) => p.close(),
            Pool::Postgres(p) => p.close().await,
        }
    }

    /// How this process's pool is used now (for `/metrics`).
    pub fn pool_use(&self) -> crate::metrics::PoolUse {
        match &self.pool {
            Pool::Sqlite(p) => p.pool_use(),
            Pool::Postgres(p) => crate::metrics::PoolUse {
                max: p.options().get_max_connections().into(),
                open: p.size().into(),
                idle: p.num_idle() as u64,
            },
        }
    }

    /// True when the database answers a trivial query (for `/readyz`).
    pub async fn ping(&self) -> bool {
        query("SELECT 1").execute(self).await.is_ok()
    }

    /// The schema as this database reports it, written alike for both
    /// backends: a test proves the migrations make the same one on both.
    pub async fn schema(&self) -> Result<Schema, DbError> {
        schema::read(self).await
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

/// Booleans are stored as integers on both backends.
pub fn flag(b: bool) -> i64 {
    b as i64
}

/// `%part%` in lower case for `LOWER(column) LIKE $n ESCAPE '\\'`, with
/// LIKE's own characters taken literally.
pub fn like_pattern(part: &str) -> String {
    let mut out = String::from("%");
    for ch in part.to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

/// True when an error is a unique-constraint violation on either backend.
pub fn is_unique_violation(err: &DbError) -> bool {
    match err {
        DbError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
            e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
        }
        DbError::Postgres(sqlx::Error::Database(e)) => e.code().as_deref() == Some("23505"),
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
