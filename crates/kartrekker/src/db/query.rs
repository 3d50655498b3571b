//! Queries, their bound values and the rows they return, the same for both
//! backends. Numbered placeholders (`$1`) everywhere; booleans are integers.

use std::marker::PhantomData;
use std::sync::Arc;

use super::{Conn, Db, DbError};

/// The kind of a value, kept for NULL: PostgreSQL needs a typed NULL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Int,
    Real,
    Text,
    Blob,
}

/// One bound parameter or one column of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null(Kind),
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// What can be bound to a placeholder.
pub trait Encode {
    const KIND: Kind;
    fn encode(self) -> Value;
}

macro_rules! encode_int {
    ($($t:ty),*) => {$(
        impl Encode for $t {
            const KIND: Kind = Kind::Int;
            fn encode(self) -> Value {
                Value::Int(self as i64)
            }
        }
    )*};
}
encode_int!(i64, i32, bool);

impl Encode for &i64 {
    const KIND: Kind = Kind::Int;
    fn encode(self) -> Value {
        Value::Int(*self)
    }
}

impl Encode for f64 {
    const KIND: Kind = Kind::Real;
    fn encode(self) -> Value {
        Value::Real(self)
    }
}
impl Encode for String {
    const KIND: Kind = Kind::Text;
    fn encode(self) -> Value {
        Value::Text(self)
    }
}
impl Encode for &str {
    const KIND: Kind = Kind::Text;
    fn encode(self) -> Value {
        Value::Text(self.to_owned())
    }
}
impl Encode for &String {
    const KIND: Kind = Kind::Text;
    fn encode(self) -> Value {
        Value::Text(self.clone())
    }
}
impl Encode for crate::dates::Date {
    const KIND: Kind = Kind::Text;
    fn encode(self) -> Value {
        Value::Text(self.to_string())
    }
}
impl<T: Encode> Encode for Option<T> {
    const KIND: Kind = T::KIND;
    fn encode(self) -> Value {
        match self {
            Some(v) => v.encode(),
            None => Value::Null(T::KIND),
        }
    }
}

/// What a column can be read as.
pub trait Decode: Sized {
    fn decode(v: &Value) -> Result<Self, String>;
}

impl Decode for i64 {
    fn decode(v: &Value) -> Result<Self, String> {
        match v {
            Value::Int(i) => Ok(*i),
            other => Err(format!("expected an integer, found {other:?}")),
        }
    }
}
impl Decode for i32 {
    fn decode(v: &Value) -> Result<Self, String> {
        i64::decode(v).and_then(|i| i32::try_from(i).map_err(|e| e.to_string()))
    }
}
impl Decode for bool {
    fn decode(v: &Value) -> Result<Self, String> {
        i64::decode(v).map(|i| i != 0)
    }
}
impl Decode for f64 {
    fn decode(v: &Value) -> Result<Self, String> {
        match v {
            Value::Real(f) => Ok(*f),
            Value::Int(i) => Ok(*i as f64),
            other => Err(format!("expected a number, found {other:?}")),
        }
    }
}
impl Decode for String {
    fn decode(v: &Value) -> Result<Self, String> {
        match v {
            Value::Text(s) => Ok(s.clone()),
            other => Err(format!("expected text, found {other:?}")),
        }
    }
}
impl Decode for crate::dates::Date {
    fn decode(v: &Value) -> Result<Self, String> {
        match v {
            Value::Text(s) => crate::dates::Date::parse(s, "date").map_err(|_| format!("not a date: {s:?}")),
            other => Err(format!("expected a date, found {other:?}")),
        }
    }
}
/// Any value as it is, for a table read whole (the personal data export).
impl Decode for Value {
    fn decode(v: &Value) -> Result<Self, String> {
        Ok(v.clone())
    }
}
impl<T: Decode> Decode for Option<T> {
    fn decode(v: &Value) -> Result<Self, String> {
        match v {
            Value::Null(_) => Ok(None),
            v => T::decode(v).map(Some),
        }
    }
}

/// The column names of a result, shared by all its rows. A name that occurs
/// twice is found once here, not on every read of every row.
#[derive(Debug, PartialEq)]
pub(super) struct Columns {
    names: Vec<String>,
    repeated: Vec<bool>,
}

impl Columns {
    pub(super) fn new(names: impl IntoIterator<Item = String>) -> Arc<Columns> {
        let names: Vec<String> = names.into_iter().collect();
        let repeated = names.iter().map(|n| names.iter().filter(|m| *m == n).count() > 1).collect();
        Arc::new(Columns { names, repeated })
    }
}

/// A row, read whole: its values outlive the statement. Columns are read by
/// name, so that adding a column to a SELECT cannot shift another.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub(super) columns: Arc<Columns>,
    pub(super) values: Vec<Value>,
}

impl Row {
    /// The column called `name`; a name that is missing or occurs twice in
    /// the result is an error (alias it in the SELECT).
    pub fn get<T: Decode>(&self, name: &str) -> Result<T, DbError> {
        let decode_error = |message: String| DbError::Decode { column: name.to_string(), message };
        let index = self
            .columns
            .names
            .iter()
            .position(|n| n == name)
            .ok_or_else(|| decode_error("no such column in the result".into()))?;
        if self.columns.repeated[index] {
            return Err(decode_error("the result has two columns of this name".into()));
        }
        T::decode(&self.values[index]).map_err(decode_error)
    }

    /// The first column, for queries that select one value.
    pub(super) fn first<T: Decode>(&self) -> Result<T, DbError> {
        let name = self.columns.names.first().map(String::as_str).unwrap_or("?");
        let v =
            self.values.first().ok_or_else(|| DbError::Decode { column: name.into(), message: "no column".into() })?;
        T::decode(v).map_err(|message| DbError::Decode { column: name.to_string(), message })
    }
}

/// A struct read from a row, each field from the column of its own name, from
/// the column given, or from an expression: `from_row!(r => Change { at, old:
/// "old_value", id = None })` is `Change { at: r.get("at")?, old:
/// r.get("old_value")?, id: None }`, so a name is written once where field and
/// column agree.
#[macro_export]
macro_rules! from_row {
    ($r:expr => $ty:ident { $($fields:tt)* }) => { $crate::from_row!(@ $r, $ty, [] $($fields)*) };
    (@ $r:expr, $ty:ident, [$($done:tt)*] $(,)?) => { $ty { $($done)* } };
    (@ $r:expr, $ty:ident, [$($done:tt)*] $(,)? $field:ident : $column:literal $($rest:tt)*) => {
        $crate::from_row!(@ $r, $ty, [$($done)* $field: $r.get($column)?,] $($rest)*)
    };
    (@ $r:expr, $ty:ident, [$($done:tt)*] $(,)? $field:ident = $value:expr $(, $($rest:tt)*)?) => {
        $crate::from_row!(@ $r, $ty, [$($done)* $field: $value,] $($($rest)*)?)
    };
    (@ $r:expr, $ty:ident, [$($done:tt)*] $(,)? $field:ident $($rest:tt)*) => {
        $crate::from_row!(@ $r, $ty, [$($done)* $field: $r.get(stringify!($field))?,] $($rest)*)
    };
}

/// SQL text: a literal, or text built from literals and placeholders only.
#[derive(Clone, Debug)]
pub enum Sql {
    Static(&'static str),
    Built(String),
}

impl Sql {
    pub fn as_str(&self) -> &str {
        match self {
            Sql::Static(s) => s,
            Sql::Built(s) => s,
        }
    }
}

/// Marks built SQL as safe: the caller promises it holds no user input.
pub struct AssertSqlSafe<T>(pub T);

pub trait SqlSafeStr {
    fn into_sql(self) -> Sql;
}
impl SqlSafeStr for &'static str {
    fn into_sql(self) -> Sql {
        Sql::Static(self)
    }
}
impl SqlSafeStr for AssertSqlSafe<String> {
    fn into_sql(self) -> Sql {
        Sql::Built(self.0)
    }
}

/// Where a query runs: a connection (or a transaction's), or any pooled one.
pub enum Target<'a> {
    Conn(&'a mut Conn),
    Db(&'a Db),
}
impl<'a> From<&'a mut Conn> for Target<'a> {
    fn from(c: &'a mut Conn) -> Self {
        Target::Conn(c)
    }
}
impl<'a> From<&'a Db> for Target<'a> {
    fn from(db: &'a Db) -> Self {
        Target::Db(db)
    }
}

/// How many rows a query should read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Fetch {
    None,
    One,
    All,
}

/// What a statement that returns no rows did.
pub struct Done {
    rows_affected: u64,
}
impl Done {
    pub fn rows_affected(&self) -> u64 {
        self.rows_affected
    }
}

pub struct Query {
    pub(super) sql: Sql,
    pub(super) args: Vec<Value>,
}

pub fn query(sql: impl SqlSafeStr) -> Query {
    Query { sql: sql.into_sql(), args: Vec::new() }
}

/// Statements separated by semicolons, without parameters (migrations, settings).
pub async fn raw_sql<'a>(sql: impl SqlSafeStr, on: impl Into<Target<'a>>) -> Result<(), DbError> {
    let sql = sql.into_sql();
    match on.into() {
        Target::Conn(c) => c.script(sql.as_str()).await,
        Target::Db(db) => db.acquire().await?.script(sql.as_str()).await,
    }
}

impl Query {
    pub fn bind(mut self, v: impl Encode) -> Self {
        self.args.push(v.encode());
        self
    }

    async fn run<'a>(self, on: impl Into<Target<'a>>, fetch: Fetch) -> Result<(Vec<Row>, u64), DbError> {
        match on.into() {
            Target::Conn(c) => c.run(self, fetch).await,
            Target::Db(db) => db.acquire().await?.run(self, fetch).await,
        }
    }

    pub async fn execute<'a>(self, on: impl Into<Target<'a>>) -> Result<Done, DbError> {
        let (_, rows_affected) = self.run(on, Fetch::None).await?;
        Ok(Done { rows_affected })
    }

    pub async fn fetch_all<'a>(self, on: impl Into<Target<'a>>) -> Result<Vec<Row>, DbError> {
        Ok(self.run(on, Fetch::All).await?.0)
    }

    pub async fn fetch_optional<'a>(self, on: impl Into<Target<'a>>) -> Result<Option<Row>, DbError> {
        Ok(self.run(on, Fetch::One).await?.0.into_iter().next())
    }

    pub async fn fetch_one<'a>(self, on: impl Into<Target<'a>>) -> Result<Row, DbError> {
        self.fetch_optional(on).await?.ok_or(DbError::RowNotFound)
    }
}

/// A query whose rows are read as their first column.
pub struct QueryScalar<O> {
    query: Query,
    out: PhantomData<fn() -> O>,
}

pub fn query_scalar<O: Decode>(sql: impl SqlSafeStr) -> QueryScalar<O> {
    QueryScalar { query: query(sql), out: PhantomData }
}

impl<O: Decode> QueryScalar<O> {
    pub fn bind(mut self, v: impl Encode) -> Self {
        self.query = self.query.bind(v);
        self
    }

    pub async fn fetch_all<'a>(self, on: impl Into<Target<'a>>) -> Result<Vec<O>, DbError> {
        self.query.fetch_all(on).await?.iter().map(Row::first).collect()
    }

    pub async fn fetch_optional<'a>(self, on: impl Into<Target<'a>>) -> Result<Option<O>, DbError> {
        self.query.fetch_optional(on).await?.map(|r| r.first()).transpose()
    }

    pub async fn fetch_one<'a>(self, on: impl Into<Target<'a>>) -> Result<O, DbError> {
        self.query.fetch_one(on).await?.first()
    }
}

#[cfg(test)]
mod tests {
    use super::{Columns, Row, Value};

    #[test]
    fn a_column_is_read_by_name_and_a_repeated_or_missing_name_is_an_error() {
        let row = Row {
            columns: Columns::new(["id", "name", "name"].map(String::from)),
            values: vec![Value::Int(7), Value::Text("a".into()), Value::Text("b".into())],
        };
        assert_eq!(row.get::<i64>("id").unwrap(), 7);
        assert!(row.get::<String>("name").unwrap_err().to_string().contains("two columns of this name"));
        assert!(row.get::<i64>("team").unwrap_err().to_string().contains("no such column"));
    }

    #[test]
    fn from_row_reads_each_field_from_its_own_column_or_the_one_named() {
        struct Change {
            id: i64,
            old: String,
            seen: bool,
        }
        let read = |names: [&str; 2]| -> Result<Change, super::DbError> {
            let r = Row {
                columns: Columns::new(names.map(String::from)),
                values: vec![Value::Int(7), Value::Text("was".into())],
            };
            Ok(crate::from_row!(r => Change { id, old: "old_value", seen = true }))
        };
        let change = read(["id", "old_value"]).unwrap();
        assert_eq!((change.id, change.old.as_str(), change.seen), (7, "was", true));
        assert!(read(["id", "old"]).is_err(), "the field's own name is not read when a column is named");
    }
}
