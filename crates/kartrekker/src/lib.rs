//! Kartrekker's domain and storage: everything but HTTP.
//!
//! Each area is a folder with `model.rs` (types that validate on
//! construction), `store.rs` (SQL only) and `service.rs` (rules, permissions,
//! transactions). Services are methods on [`Kartrekker`].

pub mod actions;
// api (issue 20)
pub mod api;
pub mod audit;
pub mod auth;
pub mod clock;
pub mod codes;
pub mod config;
pub mod csv_export;
pub mod dates;
pub mod db;
pub mod decisions;
pub mod demo;
pub mod error;
pub mod home;
pub mod i18n;
pub mod improvement;
pub mod jobs;
pub mod mail;
pub mod metrics;
// meetings (issue 17)
pub mod meetings;
pub mod notifications;
pub mod organisations;
pub mod people;
pub mod personal_data;
pub mod portfolio;
pub mod pulse;
pub mod questionnaires;
pub mod reflection;
pub mod spreadsheet;
pub mod submissions;
pub mod text;
pub mod trajectories;
pub mod workforce;

use std::sync::Arc;

pub use error::{Checks, Error, FieldError, Result};

/// The application core: the database, the clock, the mailer and settings.
#[derive(Clone)]
pub struct Kartrekker {
    pub db: db::Db,
    pub clock: Arc<dyn clock::Clock>,
    pub mailer: Arc<dyn mail::Mailer>,
    pub config: Arc<config::Config>,
    pub instruments: Arc<questionnaires::service::InstrumentCache>,
    /// What `/metrics` shows of this process.
    pub metrics: Arc<metrics::Metrics>,
}

impl Kartrekker {
    pub fn new(
        db: db::Db,
        clock: Arc<dyn clock::Clock>,
        mailer: Arc<dyn mail::Mailer>,
        config: config::Config,
    ) -> Kartrekker {
        // Before any HTTP client of the process is built (every test's too).
        auth::sso::use_ring_for_tls();
        Kartrekker { db, clock, mailer, config: Arc::new(config), instruments: Arc::default(), metrics: Arc::default() }
    }
    pub fn now(&self) -> i64 {
        self.clock.now_ms()
    }
    /// A pooled connection for reads that need no transaction.
    pub async fn conn(&self) -> Result<db::Conn> {
        Ok(self.db.acquire().await?)
    }

    /// The site's address of a page (`path` from the root), as e-mails link it.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_url.trim_end_matches('/'))
    }
}
