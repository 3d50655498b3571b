//! Fresh databases for tests: a SQLite file in the temp folder or a
//! PostgreSQL database `kt_test_*`, migrated, and removed when the test passes.

use kartrekker::db::{Backend, Db};

/// The PostgreSQL server the tests create their databases on.
pub fn postgres_admin_url() -> String {
    std::env::var("KARTREKKER_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres:postgres@127.0.0.1:5432/postgres".into())
}

fn random_suffix() -> String {
    kartrekker::auth::token::new_secret()[..16].to_string()
}

/// A fresh, migrated database of the given kind. Fails loudly when
/// PostgreSQL is not there: run `./scripts/test`, which starts it.
pub async fn fresh_db(backend: Backend) -> (Db, TestDb) {
    let url = match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("kt_test_{}.sqlite", random_suffix()));
            format!("sqlite://{}", path.display())
        }
        Backend::Postgres => {
            let admin_url = postgres_admin_url();
            let admin = Db::connect(&admin_url).await.unwrap_or_else(|e| {
                panic!("PostgreSQL at {admin_url} is not reachable ({e}); ./scripts/test installs and starts it")
            });
            let name = format!("kt_test_{}", random_suffix());
            kartrekker::db::raw_sql(kartrekker::db::AssertSqlSafe(format!("CREATE DATABASE {name}")), &admin)
                .await
                .expect("create test database");
            admin.close().await;
            let (base, _) = admin_url.rsplit_once('/').expect("database URL has a path");
            format!("{base}/{name}")
        }
    };
    let db = Db::connect(&url).await.expect("connect test database");
    db.migrate().await.expect("migrate test database");
    (db, TestDb { url, backend })
}

/// A test's own database, removed when the test is done with it; after a
/// failed test it stays for a look, and its URL is printed.
pub struct TestDb {
    pub url: String,
    backend: Backend,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("the failed test's database is kept: {}", self.url);
            return;
        }
        match self.backend {
            Backend::Sqlite => {
                let path = self.url.trim_start_matches("sqlite://");
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{path}{suffix}"));
                }
            }
            Backend::Postgres => {
                let name = self.url.rsplit('/').next().unwrap_or_default().to_string();
                // A drop cannot wait for a future on the test's runtime:
                // a thread with a runtime of its own does.
                let dropped = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
                    rt.block_on(async {
                        let admin = Db::connect(&postgres_admin_url()).await.ok()?;
                        let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                        let done = kartrekker::db::raw_sql(kartrekker::db::AssertSqlSafe(sql), &admin).await;
                        admin.close().await;
                        done.ok()
                    })
                })
                .join();
                if !matches!(dropped, Ok(Some(()))) {
                    eprintln!("could not remove the test database {}", self.url);
                }
            }
        }
    }
}
