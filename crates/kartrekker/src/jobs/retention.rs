//! Retention: what is no longer needed is purged after the configured
//! periods (`[retention]`, README). A periodic job, so that with several
//! instances one purge runs per hour.

use crate::auth::store as auth;
use crate::clock::{DAY_MS, HOUR_MS};
use crate::jobs::{Job, store};
use crate::{Kartrekker, Result};

/// How many rows each purge removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub sessions: u64,
    pub login_failures: u64,
    pub links: u64,
    pub jobs: u64,
    pub audit: u64,
    pub form_tokens: u64,
}

impl Kartrekker {
    /// Queues this hour's purge; false when it is queued already.
    pub async fn schedule_retention(&self) -> Result<bool> {
        let key = format!("retention:{}", self.now() / HOUR_MS);
        self.enqueue(&mut self.conn().await?, &Job::Retention {}, Some(&key)).await
    }

    /// Job handler: deletes each kind older than its period, in one transaction.
    pub async fn purge_retained(&self) -> Result<Purged> {
        let r = &self.config.retention;
        let before = |days: i64| self.now() - days * DAY_MS;
        let mut tx = self.db.begin().await?;
        let purged = Purged {
            sessions: auth::delete_expired_sessions(&mut tx, before(r.sessions_days)).await?,
            login_failures: auth::delete_old_failures(&mut tx, before(r.login_failures_days)).await?,
            links: auth::delete_old_tokens(&mut tx, before(r.links_days)).await?,
            jobs: store::delete_finished(&mut tx, before(r.jobs_days)).await?,
            audit: auth::delete_old_audit(&mut tx, before(r.audit_days)).await?,
            form_tokens: 0,
        };
        tx.commit().await?;
        let form_tokens = self.purge_submissions().await?;
        Ok(Purged { form_tokens, ..purged })
    }
}
