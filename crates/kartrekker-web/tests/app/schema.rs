use kartrekker_testkit::{Backend, TestApp, both_databases, fresh_db};

/// Differences between the two schemas that are meant, each with its reason.
const INTENDED: &[(&str, &str)] = &[(
    "table answers WITHOUT ROWID",
    // 0009: on SQLite the answers are stored in key order (response, item),
    // so a response's answers are one range of the table. PostgreSQL has no
    // table kept in key order; it reads them through the primary key index.
    "sqlite",
)];

#[tokio::test]
async fn both_databases_get_the_same_schema_from_the_migrations() {
    let (sqlite, _sqlite_db) = fresh_db(Backend::Sqlite).await;
    let (postgres, _postgres_db) = fresh_db(Backend::Postgres).await;
    let (a, b) = (sqlite.schema().await.unwrap(), postgres.schema().await.unwrap());
    assert!(a.tables().any(|t| t == "people"), "{a:?}");
    assert!(a.0.iter().any(|l| l.starts_with("index actions_team ")), "indexes are compared: {a:?}");
    let only = |x: &kartrekker::db::Schema, y: &kartrekker::db::Schema, backend: &str| {
        let intended = |l: &&String| INTENDED.iter().any(|(line, on)| *line == l.as_str() && *on == backend);
        x.0.difference(&y.0).filter(|l| !intended(l)).cloned().collect::<Vec<_>>()
    };
    let (only_sqlite, only_postgres) = (only(&a, &b, "sqlite"), only(&b, &a, "postgres"));
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the engines' schemas differ:\nonly on SQLite:\n  {}\nonly on PostgreSQL:\n  {}",
        only_sqlite.join("\n  "),
        only_postgres.join("\n  ")
    );
    for (line, on) in INTENDED {
        let schema = if *on == "sqlite" { &a } else { &b };
        assert!(schema.0.contains(*line), "an intended difference no longer exists: {line}");
    }
    // Migrating again is a no-op.
    assert!(sqlite.migrate().await.unwrap().is_empty());
    assert!(postgres.migrate().await.unwrap().is_empty());
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys_on_every_connection() {
    let (db, _test_db) = fresh_db(Backend::Sqlite).await;
    // Several at once, so that more than one connection of the pool answers.
    let mut checks = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let db = db.clone();
        checks.spawn(async move {
            let mut c = db.acquire().await.unwrap();
            let get = |name: &'static str| {
                kartrekker::db::query_scalar::<String>(kartrekker::db::AssertSqlSafe(format!("PRAGMA {name}")))
            };
            let journal = get("journal_mode").fetch_one(&mut c).await.unwrap();
            let on = |name: &'static str| {
                kartrekker::db::query_scalar::<i64>(kartrekker::db::AssertSqlSafe(format!("PRAGMA {name}")))
            };
            let keys = on("foreign_keys").fetch_one(&mut c).await.unwrap();
            let sync = on("synchronous").fetch_one(&mut c).await.unwrap();
            let busy = on("busy_timeout").fetch_one(&mut c).await.unwrap();
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            (journal, keys, sync, busy)
        });
    }
    for (journal, keys, sync, busy) in checks.join_all().await {
        assert_eq!(journal, "wal");
        assert_eq!(keys, 1, "foreign keys on");
        assert_eq!(sync, 1, "synchronous NORMAL: a commit survives the process being killed");
        assert_eq!(busy, 10_000);
    }
}

#[tokio::test]
async fn sqlite_is_built_without_a_shared_page_cache_or_value_samples() {
    let (db, _test_db) = fresh_db(Backend::Sqlite).await;
    let options: Vec<String> = kartrekker::db::query_scalar("PRAGMA compile_options").fetch_all(&db).await.unwrap();
    assert!(options.iter().any(|o| o == "THREADSAFE=1"), "{options:?}");
    // .cargo/config.toml: one page cache lock shared by every connection, and
    // statements recompiled for each new bound value, cost the server dearly.
    for unwanted in ["ENABLE_MEMORY_MANAGEMENT", "ENABLE_STAT4"] {
        assert!(!options.iter().any(|o| o == unwanted), "{unwanted} in {options:?}");
    }
    assert!(options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"), "{options:?}");
}

both_databases!(a_held_connection_sees_every_write_of_this_process);

/// On SQLite the reads of a held connection share one snapshot; a write
/// committed by this process, on any connection, must still show at once:
/// also within a request, where services hand one connection on.
async fn a_held_connection_sees_every_write_of_this_process(app: TestApp) {
    sees_its_writes(&app.k.db, "Plain").await;
    kartrekker::db::scoped(sees_its_writes(&app.k.db, "Request")).await;
}

async fn sees_its_writes(db: &kartrekker::db::Db, prefix: &str) {
    use kartrekker::db::{AssertSqlSafe, query, query_scalar};
    let count = || {
        query_scalar::<i64>(AssertSqlSafe(format!("SELECT COUNT(*) FROM organisations WHERE name LIKE '{prefix}%'")))
    };
    let insert = "INSERT INTO organisations (name, created_at) VALUES ($1, 0)";
    let name = |n: &str| format!("{prefix} {n}");
    let mut reader = db.acquire().await.unwrap();
    assert_eq!(count().fetch_one(&mut reader).await.unwrap(), 0);

    let mut tx = db.begin().await.unwrap();
    query(insert).bind(name("A")).execute(&mut *tx).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(count().fetch_one(&mut reader).await.unwrap(), 1, "a transaction's commit");

    let mut other = db.acquire().await.unwrap();
    query(insert).bind(name("B")).execute(&mut other).await.unwrap();
    assert_eq!(count().fetch_one(&mut reader).await.unwrap(), 2, "a write without a transaction");

    query(insert).bind(name("C")).execute(&mut reader).await.unwrap();
    assert_eq!(count().fetch_one(&mut reader).await.unwrap(), 3, "its own write");

    // A transaction dropped without commit leaves nothing, and blocks no one.
    let mut tx = db.begin().await.unwrap();
    query(insert).bind(name("D")).execute(&mut *tx).await.unwrap();
    drop(tx);
    drop((reader, other));
    let mut tx = db.begin().await.unwrap();
    query(insert).bind(name("E")).execute(&mut *tx).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(count().fetch_one(db).await.unwrap(), 4);
    let mut again = db.acquire().await.unwrap();
    assert_eq!(count().fetch_one(&mut again).await.unwrap(), 4, "a connection put down and taken up again");
}

#[tokio::test]
async fn a_connection_put_down_in_a_request_serves_only_its_own_database() {
    use kartrekker::db::{query, query_scalar};
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let ((a, _a_db), (b, _b_db)) = (fresh_db(backend).await, fresh_db(backend).await);
        query("INSERT INTO organisations (name, created_at) VALUES ('Only in A', 0)").execute(&a).await.unwrap();
        let count = || query_scalar::<i64>("SELECT COUNT(*) FROM organisations");
        kartrekker::db::scoped(async {
            for _ in 0..2 {
                let mut c = a.acquire().await.unwrap();
                assert_eq!(count().fetch_one(&mut c).await.unwrap(), 1, "{backend:?}");
                drop(c);
                let mut c = b.acquire().await.unwrap();
                assert_eq!(count().fetch_one(&mut c).await.unwrap(), 0, "{backend:?}");
            }
        })
        .await;
    }
}

/// A single writing statement waits for this process's writer ahead of it
/// without holding the thread: on a one-thread runtime, a wait in SQLite's
/// busy handler would stop the transaction it waits for from committing.
#[tokio::test]
async fn a_write_outside_a_transaction_waits_its_turn_without_blocking_the_thread() {
    use kartrekker::db::query;
    let (db, _test_db) = fresh_db(Backend::Sqlite).await;
    let insert = "INSERT INTO organisations (name, created_at) VALUES ($1, 0)";
    let mut tx = db.begin().await.unwrap();
    query(insert).bind("In the transaction").execute(&mut *tx).await.unwrap();
    let single = tokio::spawn({
        let db = db.clone();
        async move { query(insert).bind("Alone").execute(&db).await.map(|d| d.rows_affected()) }
    });
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert!(!single.is_finished(), "waits for the transaction");
    tx.commit().await.unwrap();
    assert_eq!(single.await.unwrap().unwrap(), 1);
}
