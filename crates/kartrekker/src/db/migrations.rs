//! Embedded migrations, one folder per backend with the same file names
//! (docs/decisions/0002-migrations.md). A test proves both make the same
//! schema: columns, keys, foreign keys and indexes (`Db::schema`).

use super::{Backend, Db, DbError, query, query_scalar, raw_sql};

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

macro_rules! migration {
    ($version:expr, $name:literal) => {
        Migration {
            version: $version,
            name: $name,
            sqlite: include_str!(concat!("../../../../migrations/sqlite/", $name, ".sql")),
            postgres: include_str!(concat!("../../../../migrations/postgres/", $name, ".sql")),
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
    migration!(9, "0009_answers_clustered"),
    migration!(10, "0010_notifications"),
    migration!(11, "0011_form_submissions"),
    migration!(12, "0012_trajectory_reopen"),
    migration!(13, "0013_private_plans"),
    migration!(14, "0014_evaluation_held_on"),
    migration!(15, "0015_home_indexes"),
    migration!(18, "0018_anonymity"),
];

/// Applies every migration not yet applied, each in its own transaction.
/// Returns the names of those applied now.
pub(super) async fn run(db: &Db) -> Result<Vec<&'static str>, DbError> {
    raw_sql("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL)", db)
        .await?;
    let mut applied = Vec::new();
    for m in MIGRATIONS {
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
        let sql = match db.backend {
            Backend::Sqlite => m.sqlite,
            Backend::Postgres => m.postgres,
        };
        raw_sql(sql, &mut *tx).await?;
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
