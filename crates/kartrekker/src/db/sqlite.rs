//! SQLite in the request's own thread. A query on an in-process database
//! takes microseconds; handing each one to a connection thread and back (as
//! sqlx does) cost more than the query, two context switches per query.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::query::{Fetch, Kind, Row, Value};
use super::DbError;

const SETTINGS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                        PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";

pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    permits: Arc<Semaphore>,
}

/// A pooled connection; back to the pool on drop, never inside a transaction.
pub struct Conn {
    conn: Option<Connection>,
    pool: Arc<Pool>,
    _permit: OwnedSemaphorePermit,
}

impl Pool {
    /// `url` is `sqlite://path` or `sqlite:path`; the file is created if missing.
    pub fn open(url: &str, size: usize) -> Result<Arc<Pool>, DbError> {
        let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
        let path = rest.split('?').next().unwrap_or_default();
        if path.is_empty() || path.starts_with(":memory:") {
            return Err(DbError::Configuration(format!("an SQLite database needs a file: {url}")));
        }
        let pool = Arc::new(Pool { path: path.into(), idle: Mutex::new(Vec::new()), permits: Arc::new(Semaphore::new(size)) });
        // Fails here, at start, when the file cannot be opened.
        let first = pool.connect()?;
        pool.idle.lock().expect("pool lock").push(first);
        Ok(pool)
    }

    fn connect(&self) -> Result<Connection, DbError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let c = Connection::open_with_flags(&self.path, flags)?;
        c.execute_batch(SETTINGS)?;
        c.set_prepared_statement_cache_capacity(256);
        Ok(c)
    }

    pub async fn acquire(self: &Arc<Self>) -> Result<Conn, DbError> {
        let permit = self.permits.clone().acquire_owned().await.map_err(|_| DbError::Closed)?;
        let idle = self.idle.lock().expect("pool lock").pop();
        let conn = match idle {
            Some(c) => c,
            None => self.connect()?,
        };
        Ok(Conn { conn: Some(conn), pool: self.clone(), _permit: permit })
    }

    /// Closes the idle connections and refuses new ones.
    pub fn close(&self) {
        self.permits.close();
        self.idle.lock().expect("pool lock").clear();
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        if let Some(c) = self.conn.take() {
            // A transaction left open (an error before its commit) ends here.
            if !c.is_autocommit() {
                let _ = c.execute_batch("ROLLBACK");
            }
            if !self.pool.permits.is_closed() {
                self.pool.idle.lock().expect("pool lock").push(c);
            }
        }
    }
}

impl Conn {
    fn conn(&self) -> &Connection {
        self.conn.as_ref().expect("connection present until drop")
    }

    pub fn script(&self, sql: &str) -> Result<(), DbError> {
        Ok(self.conn().execute_batch(sql)?)
    }

    /// Runs one statement: its rows (as many as `fetch` wants) and the rows it changed.
    pub(super) fn run(&self, sql: &str, args: &[Value], fetch: Fetch) -> Result<(Vec<Row>, u64), DbError> {
        let c = self.conn();
        let mut st = c.prepare_cached(sql)?;
        for i in 1..=st.parameter_count() {
            // `$n` is bound by its number, not by its position in the text.
            let n = st.parameter_name(i).and_then(|p| p.strip_prefix('$')).and_then(|n| n.parse::<usize>().ok());
            let value = n.and_then(|n| args.get(n.wrapping_sub(1))).ok_or_else(|| {
                DbError::Configuration(format!("parameter {:?} has no bound value", st.parameter_name(i)))
            })?;
            st.raw_bind_parameter(i, value)?;
        }
        let width = st.column_count();
        let mut out = Vec::new();
        let mut rows = st.raw_query();
        while let Some(r) = rows.next()? {
            if fetch == Fetch::None {
                continue;
            }
            let mut values = Vec::with_capacity(width);
            for i in 0..width {
                values.push(read(r.get_ref(i)?)?);
            }
            out.push(Row(values));
            if fetch == Fetch::One {
                break;
            }
        }
        drop(rows);
        Ok((out, c.changes()))
    }
}

fn read(v: ValueRef<'_>) -> Result<Value, DbError> {
    Ok(match v {
        ValueRef::Null => Value::Null(Kind::Int),
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8(t.to_vec()).map_err(|e| DbError::Decode {
            index: 0,
            message: e.to_string(),
        })?),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    })
}

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null(_) => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}
