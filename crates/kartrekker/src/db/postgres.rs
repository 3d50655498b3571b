//! PostgreSQL through sqlx: our values bound as PostgreSQL types, its rows
//! read into our values.

use std::cell::RefCell;
use std::future::Future;
use std::ops::{Deref, DerefMut};

use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgArguments, PgConnection, PgPool, PgRow};
use sqlx::query::Query as PgQuery;
use sqlx::{Column, Postgres, Row as _, TypeInfo};

use super::DbError;
use super::query::{Fetch, Kind, Query, Row, Sql, Value};

tokio::task_local! {
    /// The connection a request put down between two of its services, and
    /// the database (`Db::id`) it belongs to.
    static PARKED: RefCell<Option<(usize, PoolConnection<Postgres>)>>;
}

/// Runs a request with one pooled connection for all its services: one
/// checkout, and one liveness ping, per request instead of per service.
pub async fn scoped<F: Future>(f: F) -> F::Output {
    PARKED.scope(RefCell::new(None), f).await
}

/// A pooled connection; put down for the rest of its request on drop.
pub struct Conn {
    conn: Option<PoolConnection<Postgres>>,
    db: usize,
}

/// Gives the put-down connection back to the pool before a transaction takes
/// one: requests that wait for a connection must not all hold one.
pub fn release_parked() {
    let _ = PARKED.try_with(|p| p.borrow_mut().take());
}

pub async fn acquire(pool: &PgPool, db: usize) -> Result<Conn, DbError> {
    if let Ok(Some((owner, conn))) = PARKED.try_with(|p| p.borrow_mut().take()) {
        let parked = Conn { conn: Some(conn), db: owner };
        if owner == db {
            return Ok(parked);
        }
        drop(parked); // another database's: parked again
    }
    Ok(Conn { conn: Some(pool.acquire().await?), db })
}

impl Drop for Conn {
    fn drop(&mut self) {
        let mut conn = self.conn.take();
        let _ = PARKED.try_with(|p| {
            let mut p = p.borrow_mut();
            if p.is_none() {
                *p = conn.take().map(|c| (self.db, c));
            }
        });
        // Otherwise `conn` goes back to the pool here.
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
        Fetch::One => Ok((pq.fetch_optional(c).await?.iter().map(row).collect::<Result<_, _>>()?, 0)),
        Fetch::All => Ok((pq.fetch_all(c).await?.iter().map(row).collect::<Result<_, _>>()?, 0)),
    }
}

pub async fn script(c: &mut PgConnection, sql: &str) -> Result<(), DbError> {
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned())).execute(c).await?;
    Ok(())
}

fn row(r: &PgRow) -> Result<Row, DbError> {
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
                return Err(DbError::Decode { index: i, message: format!("unsupported PostgreSQL type {other}") });
            }
        };
        values.push(v.unwrap_or(Value::Null(Kind::Int)));
    }
    Ok(Row(values))
}
