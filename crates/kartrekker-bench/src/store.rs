//! SQL for the benchmark data set: multi-row INSERTs of a few dozen rows per
//! statement, `$1..$n` placeholders, the same statement on both databases.

use kartrekker::db::{AssertSqlSafe, Backend, Conn, DbError, placeholder_rows};

/// One value of a row, as it is bound.
#[derive(Clone, Debug)]
pub enum Val {
    Int(i64),
    OptInt(Option<i64>),
    Text(String),
    OptText(Option<String>),
}

impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::Int(v)
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Val {
        Val::OptInt(v)
    }
}
impl From<String> for Val {
    fn from(v: String) -> Val {
        Val::Text(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Val {
        Val::Text(v.to_string())
    }
}
impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Val {
        Val::OptText(v)
    }
}

/// The tables the generator fills, in an order that respects their foreign keys.
pub const TABLES: &[&str] = &[
    "organisations",
    "departments",
    "teams",
    "accounts",
    "people",
    "org_roles",
    "team_members",
    "trajectories",
    "trajectory_sessions",
    "trajectory_attendance",
    "trajectory_themes",
    "trajectory_intake_participants",
    "trajectory_intake_answers",
    "trajectory_observations",
    "actions",
    "action_updates",
    "action_history",
    "trajectory_helped",
    "reflection_cycles",
    "reflection_participants",
    "reflection_requests",
    "responses",
    "answers",
    "reflection_minutes",
    "verwonderpunten",
    "verwonder_posters",
    "verwonder_supports",
    "improvement_projects",
    "improvement_data",
    "improvement_cycles",
    "meeting_series",
    "meetings",
    "meeting_items",
    "meeting_attendees",
    "portfolio_phases",
    "portfolio_activities",
    "portfolio_feedback",
    "portfolio_plans",
    "portfolio_comments",
];

/// Tables whose ids the generator assigns itself (PostgreSQL's sequences
/// are moved past them afterwards).
pub const WITH_IDS: &[&str] = &[
    "organisations",
    "departments",
    "teams",
    "accounts",
    "people",
    "trajectories",
    "trajectory_sessions",
    "trajectory_themes",
    "actions",
    "reflection_cycles",
    "responses",
    "verwonderpunten",
    "improvement_projects",
    "improvement_cycles",
    "meeting_series",
    "meetings",
    "pulse_rounds",
    "portfolio_activities",
];

/// Rows waiting for one table, written as multi-row INSERTs.
pub struct Batch {
    table: &'static str,
    columns: &'static [&'static str],
    per_statement: usize,
    values: Vec<Val>,
    full_sql: String,
}

impl Batch {
    pub fn new(table: &'static str, columns: &'static [&'static str]) -> Batch {
        // A few hundred parameters a statement: few statements to run, and far
        // below the smallest limit an SQLite build may have (999).
        let per_statement = (256 / columns.len()).max(1);
        let full_sql = insert_sql(table, columns, per_statement);
        Batch { table, columns, per_statement, values: Vec::new(), full_sql }
    }

    /// Adds a row; writes the waiting rows when a statement is full.
    pub async fn push(&mut self, c: &mut Conn, row: Vec<Val>) -> Result<(), DbError> {
        debug_assert_eq!(row.len(), self.columns.len(), "row for {}", self.table);
        self.values.extend(row);
        if self.values.len() >= self.per_statement * self.columns.len() {
            self.flush(c).await?;
        }
        Ok(())
    }

    /// Writes every waiting row.
    pub async fn flush(&mut self, c: &mut Conn) -> Result<(), DbError> {
        if self.values.is_empty() {
            return Ok(());
        }
        let rows = self.values.len() / self.columns.len();
        let sql =
            if rows == self.per_statement { self.full_sql.clone() } else { insert_sql(self.table, self.columns, rows) };
        let mut q = kartrekker::db::query(AssertSqlSafe(sql));
        for v in self.values.drain(..) {
            q = match v {
                Val::Int(i) => q.bind(i),
                Val::OptInt(i) => q.bind(i),
                Val::Text(s) => q.bind(s),
                Val::OptText(s) => q.bind(s),
            };
        }
        q.execute(c).await?;
        Ok(())
    }
}

fn insert_sql(table: &str, columns: &[&str], rows: usize) -> String {
    format!("INSERT INTO {table} ({}) VALUES {}", columns.join(", "), placeholder_rows(1, rows, columns.len()))
}

/// The highest id in a table (0 when empty); `table` is one of [`WITH_IDS`].
pub async fn max_id(c: &mut Conn, table: &str) -> Result<i64, DbError> {
    assert!(WITH_IDS.contains(&table));
    let max: Option<i64> =
        kartrekker::db::query_scalar(AssertSqlSafe(format!("SELECT MAX(id) FROM {table}"))).fetch_one(c).await?;
    Ok(max.unwrap_or(0))
}

/// Rows in a table; `table` is one of [`TABLES`].
pub async fn count(c: &mut Conn, table: &str) -> Result<i64, DbError> {
    assert!(TABLES.contains(&table));
    kartrekker::db::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"))).fetch_one(c).await
}

/// After ids were given explicitly, PostgreSQL's sequences continue after them.
pub async fn sync_sequences(c: &mut Conn, backend: Backend) -> Result<(), DbError> {
    if backend != Backend::Postgres {
        return Ok(());
    }
    for table in WITH_IDS {
        kartrekker::db::query(AssertSqlSafe(format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        )))
        .execute(&mut *c)
        .await?;
    }
    Ok(())
}

/// After a bulk load: fresh statistics for the planner. PostgreSQL also
/// marks the new pages all-visible, so index-only scans skip the table.
/// Both fold the write-ahead log into the database (PostgreSQL: CHECKPOINT,
/// which needs a superuser or pg_checkpoint), so that the first measured page
/// does not wait behind the bulk load's write-back (a p99 of 222 ms on the
/// first PostgreSQL row, p50 1 ms, without it). SQLite's ANALYZE keeps no
/// value samples (no sqlite_stat4: see .cargo/config.toml).
pub async fn settle(c: &mut Conn, backend: Backend) -> Result<(), DbError> {
    let analyze = if backend == Backend::Postgres { "VACUUM ANALYZE" } else { "ANALYZE" };
    kartrekker::db::query(analyze).execute(&mut *c).await?;
    let checkpoint = if backend == Backend::Postgres { "CHECKPOINT" } else { "PRAGMA wal_checkpoint(TRUNCATE)" };
    kartrekker::db::query(checkpoint).execute(&mut *c).await?;
    Ok(())
}
