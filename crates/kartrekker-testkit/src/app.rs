//! The domain, or the whole app in-process on a free port, on a fresh
//! database with a clock the test controls and the SMTP sink.

use std::net::SocketAddr;
use std::sync::Arc;

use kartrekker::Kartrekker;
use kartrekker::clock::{DAY_MS, HOUR_MS, ManualClock};
use kartrekker::config::{Config, SmtpConfig};
use kartrekker::db::Backend;
use kartrekker::mail::SmtpMailer;
use tokio::net::TcpListener;

use crate::db::{TestDb, fresh_db};
use crate::smtp::SmtpSink;

/// Today at noon UTC: a test that adds whole days then never crosses
/// midnight in Dutch time, not even over a change to or from summer time.
pub fn test_clock() -> Arc<ManualClock> {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("time").as_millis() as i64;
    ManualClock::new(now - now % DAY_MS + 12 * HOUR_MS)
}

/// Kartrekker's services on a fresh database, without HTTP: what store and
/// service tests start. The worker does not run on its own: tests step it
/// with `k.run_due_jobs()`.
pub struct TestKartrekker {
    pub k: Kartrekker,
    pub clock: Arc<ManualClock>,
    pub smtp: SmtpSink,
    pub backend: Backend,
    pub db: TestDb,
}

impl TestKartrekker {
    pub async fn start(backend: Backend) -> TestKartrekker {
        TestKartrekker::configured(backend, "127.0.0.1:0".into(), "http://kartrekker.test".into(), |_| {}).await
    }

    async fn configured(
        backend: Backend,
        bind: String,
        base_url: String,
        tweak: impl FnOnce(&mut Config),
    ) -> TestKartrekker {
        let (db, test_db) = fresh_db(backend).await;
        let smtp = SmtpSink::start().await;
        let mut config = Config {
            database_url: test_db.url.clone(),
            bind,
            base_url,
            smtp: SmtpConfig { host: "127.0.0.1".into(), port: smtp.port, ..SmtpConfig::default() },
            worker: false,
            // The tests of two-step log-in turn it on (`spawn_configured`); the
            // others log administrators in with the password alone, as the demo does.
            two_step_for_administrators: false,
            ..Config::default()
        };
        // The tests' client stands in for a proxy: `Client::from_address` says whom for.
        config.server.trusted_proxies = vec![std::net::Ipv4Addr::LOCALHOST.into()];
        tweak(&mut config);
        let mailer = Arc::new(SmtpMailer::new(&config.smtp).expect("smtp mailer"));
        let clock = test_clock();
        let k = Kartrekker::new(db, clock.clone(), mailer, config);
        k.install_shipped_instruments().await.expect("install instruments");
        TestKartrekker { k, clock, smtp, backend, db: test_db }
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
    url: String,
    /// Last, so that it goes after the app has been told to stop; none on
    /// an app started on another's database (`on_same_database`).
    _db: Option<TestDb>,
}

impl TestApp {
    /// The real app on 127.0.0.1 with a free port.
    pub async fn spawn(backend: Backend) -> TestApp {
        TestApp::spawn_configured(backend, |_| {}).await
    }

    /// The real app, with settings changed by `tweak` (e.g. `[server]` limits).
    pub async fn spawn_configured(backend: Backend, tweak: impl FnOnce(&mut Config)) -> TestApp {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind app");
        let addr = listener.local_addr().expect("app addr");
        let base = format!("http://{addr}");
        let TestKartrekker { k, clock, smtp, backend, db } =
            TestKartrekker::configured(backend, addr.to_string(), base.clone(), tweak).await;
        let tx = serve_until_told(listener, k.clone());
        let url = db.url.clone();
        TestApp { addr, base, k, clock, smtp, backend, shutdown: Some(tx), _db: Some(db), url }
    }

    /// Stops serving and closes the database pool, as a stopped process
    /// would leave the database (e.g. for `kartrekker restore`).
    pub async fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.k.db.close().await;
    }

    /// The app once more on this app's database, as a restart or a second
    /// instance: its own pool and port, the same clock, settings and mail sink.
    pub async fn on_same_database(&self) -> TestApp {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind app");
        let addr = listener.local_addr().expect("app addr");
        let base = format!("http://{addr}");
        let config = Config { bind: addr.to_string(), base_url: base.clone(), ..(*self.k.config).clone() };
        let db = kartrekker::db::Db::connect(&self.url).await.expect("connect to the same database");
        let k = Kartrekker::new(db, self.clock.clone(), self.k.mailer.clone(), config);
        let tx = serve_until_told(listener, k.clone());
        let (clock, smtp, backend, url) = (self.clock.clone(), self.smtp.clone(), self.backend, self.url.clone());
        TestApp { addr, base, k, clock, smtp, backend, shutdown: Some(tx), _db: None, url }
    }

    /// The database's URL (`sqlite://...` or `postgres://...`).
    pub fn database_url(&self) -> &str {
        &self.url
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}

/// Serves `k` on `listener` in a task of its own, until the sender is used or dropped.
fn serve_until_told(listener: TcpListener, k: Kartrekker) -> tokio::sync::oneshot::Sender<()> {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        kartrekker_web::serve(listener, k, async move {
            let _ = rx.await;
        })
        .await
        .expect("serve");
    });
    tx
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl AsRef<Kartrekker> for TestApp {
    fn as_ref(&self) -> &Kartrekker {
        &self.k
    }
}

impl AsRef<Kartrekker> for TestKartrekker {
    fn as_ref(&self) -> &Kartrekker {
        &self.k
    }
}

/// What [`both_databases!`](crate::both_databases) starts for a test: the
/// test function's argument type says which.
pub trait Start: Sized {
    fn start(backend: Backend) -> impl Future<Output = Self>;
}

impl Start for TestApp {
    fn start(backend: Backend) -> impl Future<Output = Self> {
        TestApp::spawn(backend)
    }
}

impl Start for TestKartrekker {
    fn start(backend: Backend) -> impl Future<Output = Self> {
        TestKartrekker::start(backend)
    }
}
