//! Embedded migrations, one tree for both engines (docs/decisions/0002-migrations.md):
//! `migrations/NNNN_name.sql` is run on both, with the one spelling they cannot
//! share rewritten for PostgreSQL (`Migration::sql`); a migration whose SQL must
//! differ has a file in each of `migrations/sqlite/` and `migrations/postgres/`
//! instead. A test proves both engines get the same schema: columns, keys,
//! foreign keys and indexes (`Db::schema`).

use super::{AssertSqlSafe, Backend, Db, DbError, query, query_scalar, raw_sql};

struct Migration {
    version: i64,
    name: &'static str,
    sql: Sql,
    /// Rebuilds a table others refer to: on SQLite it runs with foreign keys
    /// off (else dropping the old table would cascade) and is checked after.
    rebuilds: bool,
}

enum Sql {
    /// One file for both engines, in `migrations/`.
    Shared(&'static str),
    /// Each engine's own file, in `migrations/sqlite/` and `migrations/postgres/`.
    PerDatabase { sqlite: &'static str, postgres: &'static str },
}

macro_rules! migration {
    ($version:expr, $name:literal) => {
        Migration {
            version: $version,
            name: $name,
            sql: Sql::Shared(include_str!(concat!("../../../../migrations/", $name, ".sql"))),
            rebuilds: false,
        }
    };
}

/// A migration whose SQL must differ: a file in each of `migrations/sqlite/`
/// and `migrations/postgres/`, none in `migrations/`.
macro_rules! per_database {
    ($version:expr, $name:literal) => {
        per_database!($version, $name, false)
    };
    ($version:expr, $name:literal, $rebuilds:expr) => {
        Migration {
            version: $version,
            name: $name,
            sql: Sql::PerDatabase {
                sqlite: include_str!(concat!("../../../../migrations/sqlite/", $name, ".sql")),
                postgres: include_str!(concat!("../../../../migrations/postgres/", $name, ".sql")),
            },
            rebuilds: $rebuilds,
        }
    };
}

const MIGRATIONS: &[Migration] = &[
    migration!(1, "0001_foundation"),
    migration!(2, "0002_actions"),
    migration!(3, "0003_trajectories"),
    migration!(4, "0004_questionnaires"),
    migration!(5, "0005_reflection"),
    migration!(6, "0006_reflection_steps"),
    migration!(7, "0007_overview_index"),
    migration!(8, "0008_board_index"),
    per_database!(9, "0009_answers_clustered"),
    migration!(10, "0010_notifications"),
    migration!(11, "0011_form_submissions"),
    migration!(12, "0012_trajectory_reopen"),
    migration!(13, "0013_private_plans"),
    migration!(14, "0014_evaluation_held_on"),
    migration!(15, "0015_home_indexes"),
    migration!(16, "0016_person_lifecycle"),
    per_database!(17, "0017_audit_trail"),
    per_database!(18, "0018_anonymity"),
    migration!(19, "0019_throttling"),
    migration!(20, "0020_session_details"),
    // accounts (issue 16): a SQLite rebuild of `people`, an ALTER on PostgreSQL.
    per_database!(21, "0021_accounts_and_import_columns", true),
    migration!(22, "0022_private_in_indexes"),
    // improvement (Verwonder & Verbeter)
    migration!(23, "0023_improvement"),
    // decisions (issue 17, Fair Process)
    migration!(24, "0024_decisions"),
    // meetings (issue 17)
    migration!(25, "0025_meetings"),
    // portfolio
    migration!(26, "0026_portfolio"),
    // workforce
    migration!(27, "0027_workforce"),
    // improvement: the actions of a PDCA cycle
    migration!(28, "0028_improvement_cycle_actions"),
    // decisions and meetings (issue 17): reviews, a meeting's Fair Process record
    migration!(29, "0029_decision_reviews_and_meeting_links"),
    // portfolio: opleider comments, the organisation's own cards
    migration!(30, "0030_portfolio_comments_and_cards"),
    // pulse (issue 19)
    migration!(31, "0031_pulse"),
    // two-step log-in (issue 20)
    migration!(32, "0032_two_step_login"),
    // api (issue 20)
    migration!(33, "0033_api_tokens"),
    // single sign-on (issue 20)
    migration!(34, "0034_sso"),
    // pulse (issue 19): a round's result on a meeting's agenda
    migration!(36, "0036_pulse_on_the_agenda"),
    // read indexes the bench at scale 10 asked for (pulse, portfolio feedback)
    migration!(37, "0037_read_indexes"),
];

/// (version, name) of every migration this Kartrekker has, oldest first.
pub(super) fn known() -> Vec<(i64, &'static str)> {
    MIGRATIONS.iter().map(|m| (m.version, m.name)).collect()
}

impl Migration {
    /// The SQL `backend` runs. The one rule between the engines: a shared
    /// migration writes a generated key as SQLite does, `INTEGER PRIMARY KEY`
    /// (the rowid: 64 bits, filled in on insert), and PostgreSQL runs it as its
    /// same key, `BIGSERIAL PRIMARY KEY`. Everything else runs as written. For
    /// 0001-0015 this gives PostgreSQL, to the byte, what its own folder held
    /// before the two trees were joined.
    fn sql(&self, backend: Backend) -> String {
        match (&self.sql, backend) {
            (Sql::Shared(sql), Backend::Sqlite) => sql.to_string(),
            (Sql::Shared(sql), Backend::Postgres) => sql.replace("INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY"),
            (Sql::PerDatabase { sqlite, .. }, Backend::Sqlite) => sqlite.to_string(),
            (Sql::PerDatabase { postgres, .. }, Backend::Postgres) => postgres.to_string(),
        }
    }
}

/// Applies every migration not yet applied, each in its own transaction.
/// Returns the names of those applied now.
pub(super) async fn run(db: &Db) -> Result<Vec<&'static str>, DbError> {
    raw_sql("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL)", db)
        .await?;
    let mut applied = Vec::new();
    for m in MIGRATIONS {
        if m.rebuilds && db.backend == Backend::Sqlite {
            if rebuild_sqlite(db, m).await? {
                applied.push(m.name);
            }
            continue;
        }
        let mut tx = db.begin().await?;
        if db.backend == Backend::Postgres {
            // Several instances may start at once: one migrates, the others wait.
            query("SELECT pg_advisory_xact_lock(4242)").execute(&mut *tx).await?;
        }
        let done: Option<i64> = query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
            .bind(m.version)
            .fetch_optional(&mut *tx)
            .await?;
        if done.is_some() {
            continue;
        }
        raw_sql(AssertSqlSafe(m.sql(db.backend)), &mut *tx).await?;
        query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)")
            .bind(m.version)
            .bind(m.name)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        applied.push(m.name);
    }
    Ok(applied)
}

/// A SQLite migration that rebuilds a table: `PRAGMA foreign_keys` cannot
/// change inside a transaction, so it is turned off around one on a
/// connection of its own, and the references are checked before the commit.
/// Returns false when the migration was applied before.
async fn rebuild_sqlite(db: &Db, m: &Migration) -> Result<bool, DbError> {
    let done: Option<i64> = query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
        .bind(m.version)
        .fetch_optional(db)
        .await?;
    if done.is_some() {
        return Ok(false);
    }
    let record = format!("INSERT INTO schema_migrations (version, name) VALUES ({}, '{}');", m.version, m.name);
    match db.acquire().await? {
        super::Conn::Sqlite(mut c) => {
            let _turn = c.turn_to_write(None).await?;
            c.without_foreign_keys(&format!("{}\n{record}", m.sql(Backend::Sqlite)))?
        }
        _ => unreachable!("a SQLite database has SQLite connections"),
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_runs_a_shared_generated_key_as_bigserial_and_nothing_else_changes() {
        let foundation = &MIGRATIONS[0];
        let (sqlite, postgres) = (foundation.sql(Backend::Sqlite), foundation.sql(Backend::Postgres));
        assert!(sqlite.contains("    id INTEGER PRIMARY KEY,\n"), "{sqlite}");
        assert!(postgres.contains("    id BIGSERIAL PRIMARY KEY,\n") && !postgres.contains("INTEGER PRIMARY KEY"));
        assert_eq!(sqlite.replace("INTEGER PRIMARY KEY", ""), postgres.replace("BIGSERIAL PRIMARY KEY", ""));
    }
}
