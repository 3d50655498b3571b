//! Background work through the jobs table: it survives restarts, and with
//! several instances each job is claimed by one. Handlers are idempotent or,
//! for e-mail, at-least-once.

pub mod model;
pub mod retention;
pub mod store;

use std::time::Duration;

use crate::{Error, Kartrekker, Result};

pub use model::{ClaimedJob, Job, JobKind};

const LEASE_MS: i64 = 5 * 60_000;
const MAX_ATTEMPTS: i64 = 8;

/// Back-off after the n-th failed attempt: 30 s, 1 min, 2 min, ... capped at 6 h.
pub fn backoff_ms(attempts: i64) -> i64 {
    (30_000i64 << attempts.clamp(0, 20).saturating_sub(1)).min(6 * 3_600_000)
}

impl Kartrekker {
    pub async fn enqueue(&self, conn: &mut crate::db::Conn, job: &Job, dedupe_key: Option<&str>) -> Result<bool> {
        let payload = serde_json::to_string(job).map_err(|e| Error::Internal(e.to_string()))?;
        let now = self.now();
        Ok(store::enqueue(conn, job.kind(), &payload, dedupe_key, now, MAX_ATTEMPTS, now).await?)
    }

    /// Runs every job that is due now, one after another; returns how many ran.
    /// The worker loop calls this, and so do tests, step by step.
    pub async fn run_due_jobs(&self) -> Result<usize> {
        let mut ran = 0;
        loop {
            let claimed = store::claim(&mut self.conn().await?, self.now(), LEASE_MS).await?;
            let Some(job) = claimed else { return Ok(ran) };
            ran += 1;
            let outcome = match serde_json::from_str::<Job>(&job.payload) {
                Ok(j) => self.handle(j).await,
                Err(e) => Err(Error::Internal(format!("bad payload: {e}"))),
            };
            let mut c = self.conn().await?;
            match outcome {
                Ok(()) => {
                    store::finish(&mut c, job.id, self.now()).await?;
                    self.metrics.job_done(job.kind.code());
                }
                Err(e) => {
                    self.metrics.job_failed(job.kind.code());
                    tracing::warn!(job = job.id, kind = job.kind.code(), attempt = job.attempts, "job failed: {e}");
                    store::fail(&mut c, job.id, &e.to_string(), self.now() + backoff_ms(job.attempts)).await?;
                }
            }
        }
    }

    async fn handle(&self, job: Job) -> Result<()> {
        match job {
            Job::SendLink { person_id, purpose } => self.send_link(person_id, purpose).await,
            Job::PasswordChanged { person_id } => self.send_password_changed(person_id).await,
            Job::AddedToOrganisation { person_id } => self.send_added(person_id).await,
            Job::Notify { person_id, event } => self.send_notice(person_id, event).await,
            Job::Digest { person_id } => self.send_digest(person_id).await,
            Job::ReEvaluationReminder { trajectory_id, date, person_id } => {
                self.send_evaluation_reminder(trajectory_id, &date, person_id).await
            }
            Job::PlanFollowUp { cycle_id, person_id, date, receiver } => {
                self.send_follow_up(cycle_id, person_id, &date, receiver).await
            }
            Job::Retention {} => self.purge_retained().await.map(|_| ()),
            Job::PortfolioFeedbackLink { feedback_id, reminder } => {
                self.send_feedback_link(feedback_id, reminder).await
            }
            Job::PulseRound { team_id, opens_on } => self.open_pulse_round(team_id, &opens_on).await,
        }
    }

    /// The `/metrics` page: this process's counters, with the job queue
    /// and the pool as they are now.
    pub async fn metrics_page(&self) -> Result<String> {
        let queue = store::depth(&mut self.conn().await?).await?;
        Ok(self.metrics.render(self.db.pool_use(), queue))
    }

    /// Polls for due jobs until `shutdown` resolves, and queues the
    /// retention purge every hour.
    pub async fn worker_loop(&self, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        let (mut last_purge, mut last_schedule) = (0, 0);
        loop {
            if self.now() - last_schedule > 10 * crate::clock::MINUTE_MS {
                last_schedule = self.now();
                if let Err(e) = self.schedule_reminders().await {
                    tracing::error!("scheduling reminders: {e}");
                }
            }
            if let Err(e) = self.run_due_jobs().await {
                tracing::error!("worker: {e}");
            }
            if self.now() - last_purge > crate::clock::HOUR_MS {
                last_purge = self.now();
                if let Err(e) = self.schedule_retention().await {
                    tracing::error!("scheduling the retention purge: {e}");
                }
            }
            tokio::select! {
                _ = &mut shutdown => return,
                _ = tokio::time::sleep(Duration::from_secs(2)) => {}
            }
        }
    }
}
