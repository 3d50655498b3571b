//! What the tests of this crate and the browser tests start: the real app
//! in-process on a free port, on a fresh SQLite file or a fresh PostgreSQL
//! database, with a clock the test controls and a real SMTP server on loopback.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use kartrekker::Kartrekker;
use kartrekker::clock::{DAY_MS, HOUR_MS, ManualClock};
use kartrekker::config::{Config, SmtpConfig};
use kartrekker::db::{Backend, Db};
use kartrekker::mail::SmtpMailer;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

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

/// One e-mail as the SMTP server received it.
#[derive(Clone, Debug)]
pub struct ReceivedMail {
    pub to: Vec<String>,
    /// The message as sent (headers and MIME body).
    pub data: String,
}

impl ReceivedMail {
    /// The first link in the message that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> Option<String> {
        let text = self.data.replace("=\r\n", "").replace("=3D", "=");
        let start = text.find(prefix)?;
        let end =
            text[start..].find(|c: char| c.is_whitespace() || c == '"' || c == '<').map_or(text.len(), |e| start + e);
        Some(text[start..end].to_string())
    }
}

/// A small SMTP server on loopback that accepts everything and keeps it.
#[derive(Clone)]
pub struct SmtpSink {
    pub port: u16,
    received: Arc<Mutex<Vec<ReceivedMail>>>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind smtp");
        let port = listener.local_addr().expect("smtp addr").port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let _ = session(stream, store).await;
                });
            }
        });
        SmtpSink { port, received }
    }
    pub fn received(&self) -> Vec<ReceivedMail> {
        self.received.lock().expect("smtp lock").clone()
    }
    pub fn to(&self, address: &str) -> Vec<ReceivedMail> {
        self.received().into_iter().filter(|m| m.to.iter().any(|t| t == address)).collect()
    }
}

async fn session(stream: tokio::net::TcpStream, store: Arc<Mutex<Vec<ReceivedMail>>>) -> std::io::Result<()> {
    let (r, mut w) = stream.into_split();
    let mut lines = BufReader::new(r);
    w.write_all(b"220 localhost ESMTP test sink\r\n").await?;
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            w.write_all(b"250-localhost\r\n250 8BITMIME\r\n").await?;
        } else if upper.starts_with("RCPT TO:") {
            let addr = line[8..].trim().trim_start_matches('<').trim_end_matches('>').to_string();
            to.push(addr);
            w.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("DATA") {
            w.write_all(b"354 go ahead\r\n").await?;
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                data.push_str(line.strip_prefix('.').filter(|_| line.starts_with("..")).unwrap_or(&line));
            }
            store.lock().expect("smtp lock").push(ReceivedMail { to: std::mem::take(&mut to), data });
            w.write_all(b"250 OK queued\r\n").await?;
        } else if upper.starts_with("QUIT") {
            w.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            // MAIL FROM, RSET, NOOP and the rest.
            w.write_all(b"250 OK\r\n").await?;
        }
    }
}

pub struct TestApp {
    pub addr: SocketAddr,
    /// e.g. http://127.0.0.1:41234
    pub base: String,
    pub k: Kartrekker,
    pub clock: Arc<ManualClock>,
    pub smtp: SmtpSink,
    pub backend: Backend,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    /// Last, so that it goes after the app has been told to stop.
    _db: TestDb,
}

impl TestApp {
    /// The real app on 127.0.0.1 with a free port. The worker does not run
    /// on its own: tests step it with `k.run_due_jobs()`.
    pub async fn spawn(backend: Backend) -> TestApp {
        let (db, test_db) = fresh_db(backend).await;
        let smtp = SmtpSink::start().await;
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind app");
        let addr = listener.local_addr().expect("app addr");
        let base = format!("http://{addr}");
        let config = Config {
            database_url: test_db.url.clone(),
            bind: addr.to_string(),
            base_url: base.clone(),
            smtp: SmtpConfig { host: "127.0.0.1".into(), port: smtp.port, ..SmtpConfig::default() },
            worker: false,
            ..Config::default()
        };
        let mailer = Arc::new(SmtpMailer::new(&config.smtp).expect("smtp mailer"));
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("time").as_millis() as i64;
        // Today at noon UTC: a test that adds whole days then never crosses
        // midnight in Dutch time, not even over a change to or from summer time.
        let clock = ManualClock::new(now - now % DAY_MS + 12 * HOUR_MS);
        let k = Kartrekker::new(db, clock.clone(), mailer, config);
        k.install_shipped_instruments().await.expect("install instruments");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let app = k.clone();
        tokio::spawn(async move {
            crate::serve(listener, app, async move {
                let _ = rx.await;
            })
            .await
            .expect("serve");
        });
        TestApp { addr, base, k, clock, smtp, backend, shutdown: Some(tx), _db: test_db }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
