//! SQLite in the request's own thread. A query on an in-process database
//! takes microseconds; handing each one to a connection thread and back (as
//! sqlx does) cost more than the query, two context switches per query.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags};
use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard, OwnedSemaphorePermit, Semaphore};

use super::query::{Columns, Fetch, Kind, Row, Value};
use super::{DbError, parked};

/// `secure_delete`: a deleted row's bytes are overwritten, so that text removed
/// by mistake (a patient's name in an observation) is not left in free pages.
const SETTINGS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                        PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA secure_delete = ON;";

pub struct Pool {
    /// The `Db::id` of the database.
    db: usize,
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    permits: Arc<Semaphore>,
    /// Counts this process's committed writes, so that a reader sees them.
    writes: AtomicU64,
    /// SQLite has one writer at a time. Writers of this process (transactions
    /// and single writing statements) queue here, fair and without blocking a
    /// thread, instead of in SQLite's busy handler, which would sleep on the
    /// worker thread that the writer ahead of them may need.
    write_turn: Arc<AsyncMutex<()>>,
    size: usize,
    /// A shared lock on the database file for as long as the pool is open,
    /// which `kartrekker restore` cannot take over (`backup::claim`).
    in_use: Mutex<Option<std::fs::File>>,
}

/// A pooled connection, back to the pool on drop (or put down for the rest
/// of its request, see `parked`), never inside a write transaction.
///
/// Reads share one read transaction for as long as the connection is held:
/// one lock of the database file instead of one per statement (system calls
/// each way), and one consistent snapshot for a page. A write of this process
/// committed since then starts a new snapshot, so nobody misses their own write.
pub struct Conn(Option<Held>);

struct Held {
    conn: Connection,
    pool: Arc<Pool>,
    _permit: OwnedSemaphorePermit,
    state: State,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Autocommit,
    Reading { writes_seen: u64 },
    Writing,
}

impl Pool {
    /// `url` is `sqlite://path` or `sqlite:path`; the file is created if missing.
    pub fn open(url: &str, size: usize, db: usize) -> Result<Arc<Pool>, DbError> {
        let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
        let path = rest.split('?').next().unwrap_or_default();
        if path.is_empty() || path.starts_with(":memory:") {
            return Err(DbError::Configuration(format!("an SQLite database needs a file: {url}")));
        }
        let pool = Arc::new(Pool {
            db,
            path: path.into(),
            idle: Mutex::new(Vec::new()),
            permits: Arc::new(Semaphore::new(size)),
            writes: AtomicU64::new(0),
            write_turn: Arc::new(AsyncMutex::new(())),
            size,
            in_use: Mutex::new(None),
        });
        // Fails here, at start, when the file cannot be opened.
        let first = pool.connect()?;
        pool.idle.lock().expect("pool lock").push(first);
        *pool.in_use.lock().expect("pool lock") = super::backup::hold(&pool.path)?;
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
        if let Some(super::Conn::Sqlite(c)) = parked::take(self.db) {
            return Ok(c);
        }
        let permit = tokio::time::timeout(Duration::from_secs(10), self.permits.clone().acquire_owned())
            .await
            .map_err(|_| DbError::PoolTimedOut)?
            .map_err(|_| DbError::Closed)?;
        let idle = self.idle.lock().expect("pool lock").pop();
        let conn = match idle {
            Some(c) => c,
            None => self.connect()?,
        };
        Ok(Conn(Some(Held { conn, pool: self.clone(), _permit: permit, state: State::Autocommit })))
    }

    pub async fn write_turn(&self) -> OwnedMutexGuard<()> {
        self.write_turn.clone().lock_owned().await
    }

    /// A connection back to the pool, its transaction (if any) ended.
    fn release(&self, c: Connection) {
        if !c.is_autocommit() {
            let _ = control(&c, "ROLLBACK");
        }
        if !self.permits.is_closed() {
            self.idle.lock().expect("pool lock").push(c);
        }
    }

    /// Closes the idle connections and refuses new ones, and lets
    /// `restore` at the file.
    pub fn close(&self) {
        self.permits.close();
        self.idle.lock().expect("pool lock").clear();
        self.in_use.lock().expect("pool lock").take();
    }

    pub fn pool_use(&self) -> crate::metrics::PoolUse {
        let max = self.size as u64;
        let in_use = max.saturating_sub(self.permits.available_permits() as u64);
        let idle = self.idle.lock().expect("pool lock").len() as u64;
        crate::metrics::PoolUse { max, open: in_use + idle, idle }
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        let Some(mut held) = self.0.take() else { return };
        if held.state == State::Writing {
            // A write left open by an error ends here.
            let _ = control(&held.conn, "ROLLBACK");
            held.state = State::Autocommit;
        }
        let db = held.pool.db;
        if let Some(super::Conn::Sqlite(back)) = parked::put(db, super::Conn::Sqlite(Conn(Some(held)))) {
            back.into_pool();
        }
    }
}

impl Conn {
    /// Back to the pool, not put down in the request.
    pub fn into_pool(mut self) {
        if let Some(held) = self.0.take() {
            held.pool.release(held.conn);
        }
    }

    /// This process's write turn, for a statement (`None`: a script) that may
    /// write outside a write transaction; a transaction holds the turn already.
    pub async fn turn_to_write(&mut self, sql: Option<&str>) -> Result<Option<OwnedMutexGuard<()>>, DbError> {
        let h = self.0.as_ref().expect("connection present until drop");
        if h.state == State::Writing {
            return Ok(None);
        }
        if let Some(sql) = sql
            && h.conn.prepare_cached(sql)?.readonly()
        {
            return Ok(None);
        }
        Ok(Some(h.pool.write_turn().await))
    }

    /// Statements that may write, outside the shared read transaction.
    pub fn script(&mut self, sql: &str) -> Result<(), DbError> {
        let h = self.0.as_mut().expect("connection present until drop");
        end_read(&h.conn, &mut h.state)?;
        h.conn.execute_batch(sql)?;
        if h.state == State::Autocommit {
            h.pool.writes.fetch_add(1, Ordering::Release);
        }
        Ok(())
    }

    /// Runs a script in one write transaction with foreign keys off, and
    /// commits only when no reference is left dangling (a migration that
    /// rebuilds a table). The connection gets its foreign keys back either way.
    pub fn without_foreign_keys(&mut self, sql: &str) -> Result<(), DbError> {
        let h = self.0.as_mut().expect("connection present until drop");
        end_read(&h.conn, &mut h.state)?;
        h.conn.execute_batch("PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE;")?;
        let run = || -> Result<(), DbError> {
            h.conn.execute_batch(sql)?;
            let dangling: i64 = h.conn.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
            if dangling > 0 {
                return Err(DbError::Configuration(format!("{dangling} dangling references after the migration")));
            }
            Ok(h.conn.execute_batch("COMMIT")?)
        };
        let result = run();
        if result.is_err() {
            let _ = h.conn.execute_batch("ROLLBACK");
        }
        h.conn.execute_batch("PRAGMA foreign_keys = ON")?;
        h.pool.writes.fetch_add(1, Ordering::Release);
        result
    }

    pub fn begin_immediate(&mut self) -> Result<(), DbError> {
        let h = self.0.as_mut().expect("connection present until drop");
        end_read(&h.conn, &mut h.state)?;
        control(&h.conn, "BEGIN IMMEDIATE")?;
        h.state = State::Writing;
        Ok(())
    }

    pub fn commit(mut self) -> Result<(), DbError> {
        let h = self.0.as_mut().expect("connection present until drop");
        control(&h.conn, "COMMIT")?;
        h.state = State::Autocommit;
        h.pool.writes.fetch_add(1, Ordering::Release);
        Ok(())
    }

    /// Runs one statement: its rows (as many as `fetch` wants) and the rows it changed.
    pub(super) fn run(&mut self, sql: &str, args: &[Value], fetch: Fetch) -> Result<(Vec<Row>, u64), DbError> {
        let Held { conn: c, pool, state, .. } = self.0.as_mut().expect("connection present until drop");
        let mut st = c.prepare_cached(sql)?;
        let readonly = st.readonly();
        if !readonly {
            end_read(c, state)?;
        } else if *state != State::Writing {
            // Before a read: a read transaction that has seen this process's writes.
            let writes = pool.writes.load(Ordering::Acquire);
            if *state != (State::Reading { writes_seen: writes }) {
                end_read(c, state)?;
                control(c, "BEGIN")?;
                *state = State::Reading { writes_seen: writes };
            }
        }
        let counts_as_write = !readonly && *state == State::Autocommit;
        for i in 1..=st.parameter_count() {
            // `$n` is bound by its number, not by its position in the text.
            let n = st.parameter_name(i).and_then(|p| p.strip_prefix('$')).and_then(|n| n.parse::<usize>().ok());
            let value = n.and_then(|n| args.get(n.wrapping_sub(1))).ok_or_else(|| {
                DbError::Configuration(format!("parameter {:?} has no bound value", st.parameter_name(i)))
            })?;
            st.raw_bind_parameter(i, value)?;
        }
        let width = st.column_count();
        let columns = Columns::new(if fetch == Fetch::None {
            Vec::new()
        } else {
            st.column_names().into_iter().map(String::from).collect()
        });
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
            out.push(Row { columns: columns.clone(), values });
            if fetch == Fetch::One {
                break;
            }
        }
        drop(rows);
        let changed = c.changes();
        drop(st);
        if counts_as_write {
            pool.writes.fetch_add(1, Ordering::Release);
        }
        Ok((out, changed))
    }
}

/// BEGIN and COMMIT come several times a page: parsed once per connection.
fn control(c: &Connection, sql: &str) -> rusqlite::Result<()> {
    c.prepare_cached(sql)?.raw_execute().map(|_| ())
}

fn end_read(c: &Connection, state: &mut State) -> Result<(), DbError> {
    if let State::Reading { .. } = state {
        control(c, "COMMIT")?;
        *state = State::Autocommit;
    }
    Ok(())
}

fn read(v: ValueRef<'_>) -> Result<Value, DbError> {
    Ok(match v {
        ValueRef::Null => Value::Null(Kind::Int),
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(
            String::from_utf8(t.to_vec())
                .map_err(|e| DbError::Decode { column: "?".into(), message: e.to_string() })?,
        ),
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
