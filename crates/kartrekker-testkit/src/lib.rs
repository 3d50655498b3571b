//! What the tests of every crate start: fresh databases on SQLite and
//! PostgreSQL, Kartrekker's services or the whole app in-process on a free
//! port, a clock the test controls, a real SMTP server on loopback, a
//! browser-like HTTP client, fixtures built through the real services, and
//! [`both_databases!`] to run one test on both engines.

mod app;
mod db;
mod fixtures;
mod http;
mod oidc;
mod smtp;
mod totp;

pub use app::{Start, TestApp, TestKartrekker, test_clock};
pub use calamine;
pub use db::{TestDb, fresh_db, postgres_admin_url};
pub use fixtures::{
    Org, PASSWORD, PULSE_V1, TrajectoryOrg, activate, actor, columns, count, join_team, min_group_size, more_members,
    org, phase_of, register_action, root, trajectory_org,
};
pub use http::{Client, Page};
pub use kartrekker::db::Backend;
pub use oidc::{OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_OTHER_CLIENT_ID, OidcProvider};
pub use smtp::{ReceivedMail, SmtpSink};
pub use totp::{secret_on_page, totp_code};

/// The first sheet of an .xlsx as a spreadsheet program reads it back: its
/// cells typed (text, number, date), and whether its header row has filters.
pub fn xlsx_sheet(bytes: Vec<u8>) -> (Vec<Vec<calamine::Data>>, bool) {
    use calamine::Reader;
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).expect("an .xlsx is a ZIP");
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml").expect("its first sheet").read_to_string(&mut xml).unwrap();
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("an .xlsx");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("its first sheet");
    (range.rows().map(|r| r.to_vec()).collect(), xml.contains("<autoFilter "))
}

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

/// Runs each `async fn(Backend)` as `name::sqlite` and `name::postgres`: for
/// a test that starts its own app with other settings (`TestApp::spawn_configured`).
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => { $(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() { super::$name($crate::Backend::Sqlite).await }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() { super::$name($crate::Backend::Postgres).await }
        }
    )* };
}

#[doc(hidden)]
pub async fn run_on<T: Start, F: Future<Output = ()>>(backend: Backend, test: impl FnOnce(T) -> F) {
    test(T::start(backend).await).await
}

/// The date in an .xlsx date cell (Excel counts days from 30-12-1899, which
/// is day 25,569 before 1-1-1970).
pub fn xlsx_date(cell: &calamine::Data) -> Option<kartrekker::dates::Date> {
    match cell {
        calamine::Data::DateTime(d) if d.is_datetime() => {
            Some(kartrekker::dates::Date::from_ymd(1970, 1, 1)?.add_days(d.as_f64().floor() as i64 - 25_569))
        }
        _ => None,
    }
}
