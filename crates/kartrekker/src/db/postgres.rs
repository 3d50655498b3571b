//! PostgreSQL through sqlx: our values bound as PostgreSQL types, its rows
//! read into our values.

use std::ops::{Deref, DerefMut};
use std::time::Duration;

use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgArguments, PgConnection, PgPool, PgPoolOptions, PgRow};
use sqlx::query::Query as PgQuery;
use sqlx::{Column, Connection as _, Postgres, Row as _, TypeInfo};

use super::query::{Columns, Fetch, Kind, Query, Row, Sql, Value};
use super::{DbError, parked};

/// A connection idle for this long is asked whether it still lives before
/// a request gets it. Short: after a restart of the database, which takes
/// longer than this, no request gets a dead connection (with 10 s, each of
/// the 16 failed one request).
const CHECK_AFTER_IDLE: Duration = Duration::from_secs(1);

pub async fn pool(url: &str) -> Result<PgPool, DbError> {
    Ok(PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        // sqlx's default asks every connection before it hands it out: a round
        // trip to the server per request, as dear as the session lookup itself.
        // Under load connections come back within milliseconds; only one that
        // lay idle (a restarted server, a dropped link) is asked.
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for >= CHECK_AFTER_IDLE {
                    conn.ping().await?;
                }
                Ok(true)
            })
        })
        .connect(url)
        .await?)
}

/// A pooled connection; put down for the rest of its request on drop (see `parked`).
pub struct Conn {
    conn: Option<PoolConnection<Postgres>>,
    db: usize,
}

pub async fn acquire(pool: &PgPool, db: usize) -> Result<Conn, DbError> {
    if let Some(super::Conn::Postgres(c)) = parked::take(db) {
        return Ok(c);
    }
    Ok(Conn { conn: Some(pool.acquire().await?), db })
}

impl Conn {
    /// Back to the pool, not put down in the request.
    pub fn into_pool(mut self) {
        self.conn.take();
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else { return };
        let db = self.db;
        if let Some(super::Conn::Postgres(back)) = parked::put(db, super::Conn::Postgres(Conn { conn: Some(conn), db }))
        {
            back.into_pool();
        }
    }
}

impl Deref for Conn {
    type Target = PgConnection;
    fn deref(&self) -> &PgConnection {
        self.conn.as_ref().expect("connection present until drop")
    }
}

impl DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut PgConnection {
        self.conn.as_mut().expect("connection present until drop")
    }
}

fn prepare(q: Query) -> PgQuery<'static, Postgres, PgArguments> {
    let mut pq = match q.sql {
        Sql::Static(s) => sqlx::query(s),
        Sql::Built(s) => sqlx::query(sqlx::AssertSqlSafe(s)),
    };
    for v in q.args {
        pq = match v {
            Value::Int(i) => pq.bind(i),
            Value::Real(f) => pq.bind(f),
            Value::Text(s) => pq.bind(s),
            Value::Blob(b) => pq.bind(b),
            Value::Null(Kind::Int) => pq.bind(None::<i64>),
            Value::Null(Kind::Real) => pq.bind(None::<f64>),
            Value::Null(Kind::Text) => pq.bind(None::<String>),
            Value::Null(Kind::Blob) => pq.bind(None::<Vec<u8>>),
        };
    }
    pq
}

pub async fn run(c: &mut PgConnection, q: Query, fetch: Fetch) -> Result<(Vec<Row>, u64), DbError> {
    let pq = prepare(q);
    match fetch {
        Fetch::None => Ok((Vec::new(), pq.execute(c).await?.rows_affected())),
        Fetch::One => Ok((rows(pq.fetch_optional(c).await?.as_slice())?, 0)),
        Fetch::All => Ok((rows(&pq.fetch_all(c).await?)?, 0)),
    }
}

pub async fn script(c: &mut PgConnection, sql: &str) -> Result<(), DbError> {
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned())).execute(c).await?;
    Ok(())
}

fn rows(pg: &[PgRow]) -> Result<Vec<Row>, DbError> {
    let Some(first) = pg.first() else { return Ok(Vec::new()) };
    let columns = Columns::new(first.columns().iter().map(|c| c.name().to_string()));
    pg.iter().map(|r| Ok(Row { columns: columns.clone(), values: values(r)? })).collect()
}

fn values(r: &PgRow) -> Result<Vec<Value>, DbError> {
    fn get<'r, T: sqlx::Decode<'r, Postgres> + sqlx::Type<Postgres>>(
        r: &'r PgRow,
        i: usize,
    ) -> Result<Option<T>, DbError> {
        Ok(r.try_get::<Option<T>, _>(i)?)
    }
    let mut values = Vec::with_capacity(r.columns().len());
    for (i, col) in r.columns().iter().enumerate() {
        let v = match col.type_info().name() {
            "INT8" => get::<i64>(r, i)?.map(Value::Int),
            "INT4" => get::<i32>(r, i)?.map(|v| Value::Int(v.into())),
            "INT2" => get::<i16>(r, i)?.map(|v| Value::Int(v.into())),
            "BOOL" => get::<bool>(r, i)?.map(|v| Value::Int(v.into())),
            "FLOAT8" => get::<f64>(r, i)?.map(Value::Real),
            "FLOAT4" => get::<f32>(r, i)?.map(|v| Value::Real(v.into())),
            "TEXT" | "VARCHAR" | "NAME" | "BPCHAR" => get::<String>(r, i)?.map(Value::Text),
            "BYTEA" => get::<Vec<u8>>(r, i)?.map(Value::Blob),
            "VOID" => None,
            other => {
                let column = col.name().to_string();
                return Err(DbError::Decode { column, message: format!("unsupported PostgreSQL type {other}") });
            }
        };
        values.push(v.unwrap_or(Value::Null(Kind::Int)));
    }
    Ok(values)
}
