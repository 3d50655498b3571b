//! What the tests of every crate start: fresh databases on SQLite and
//! PostgreSQL, Kartrekker's services or the whole app in-process on a free
//! port, a clock the test controls, a real SMTP server on loopback, a
//! browser-like HTTP client, fixtures built through the real services, and
//! [`both_databases!`] to run one test on both engines.

mod app;
mod db;
mod fixtures;
mod http;
mod smtp;

pub use app::{Start, TestApp, TestKartrekker, test_clock};
pub use db::{TestDb, fresh_db, postgres_admin_url};
pub use fixtures::{
    Org, PASSWORD, PULSE_V1, TrajectoryOrg, activate, actor, count, min_group_size, more_members, org, phase_of,
    register_action, root, trajectory_org,
};
pub use http::{Client, Page};
pub use kartrekker::db::Backend;
pub use smtp::{ReceivedMail, SmtpSink};

/// Runs each `async fn(T)` as two tests, `name::sqlite` and `name::postgres`,
/// where `T` ([`TestApp`] or [`TestKartrekker`]) is started on that database.
#[macro_export]
macro_rules! both_databases {
    ($($name:ident),* $(,)?) => { $(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() { $crate::run_on($crate::Backend::Sqlite, super::$name).await }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() { $crate::run_on($crate::Backend::Postgres, super::$name).await }
        }
    )* };
}

#[doc(hidden)]
pub async fn run_on<T: Start, F: Future<Output = ()>>(backend: Backend, test: impl FnOnce(T) -> F) {
    test(T::start(backend).await).await
}
