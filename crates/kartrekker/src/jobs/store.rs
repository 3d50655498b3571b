//! SQL for the jobs table. A job is claimed by one compare-and-set update, so
//! that with several instances each job runs once at a time.

use super::model::{ClaimedJob, JobKind};
use crate::db::{Conn, DbError};

/// Enqueues a job; with a `dedupe_key` that exists already, nothing happens
/// and `false` comes back.
pub async fn enqueue(
    c: &mut Conn,
    kind: JobKind,
    payload: &str,
    dedupe_key: Option<&str>,
    run_at: i64,
    max_attempts: i64,
    now: i64,
) -> Result<bool, DbError> {
    let n = crate::db::query(
        "INSERT INTO jobs (kind, payload, dedupe_key, run_at, max_attempts, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(kind)
    .bind(payload)
    .bind(dedupe_key)
    .bind(run_at)
    .bind(max_attempts)
    .bind(now)
    .execute(c)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// The outer WHERE repeats every condition of the choice: PostgreSQL re-checks only
/// it (not the subquery) on a row another worker changed meanwhile, which may
/// have finished the job.
pub async fn claim(c: &mut Conn, now: i64, lease_ms: i64) -> Result<Option<ClaimedJob>, DbError> {
    let row = crate::db::query(
        "UPDATE jobs SET locked_until = $2, attempts = attempts + 1 \
         WHERE id = (SELECT id FROM jobs WHERE done_at IS NULL AND run_at <= $1 AND attempts < max_attempts \
                     AND (locked_until IS NULL OR locked_until < $1) ORDER BY run_at, id LIMIT 1) \
           AND done_at IS NULL AND attempts < max_attempts AND (locked_until IS NULL OR locked_until < $1) \
         RETURNING id, kind, payload, attempts, max_attempts",
    )
    .bind(now)
    .bind(now + lease_ms)
    .fetch_optional(c)
    .await?;
    row.map(|r| Ok(crate::from_row!(r => ClaimedJob { id, kind, payload, attempts, max_attempts }))).transpose()
}

pub async fn finish(c: &mut Conn, id: i64, now: i64) -> Result<(), DbError> {
    crate::db::query("UPDATE jobs SET done_at = $1, locked_until = NULL, last_error = NULL WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn fail(c: &mut Conn, id: i64, error: &str, retry_at: i64) -> Result<(), DbError> {
    crate::db::query("UPDATE jobs SET locked_until = NULL, last_error = $1, run_at = $2 WHERE id = $3")
        .bind(error)
        .bind(retry_at)
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

/// Jobs that finished before `before`, and those that gave up and were last
/// due before it.
pub async fn delete_finished(c: &mut Conn, before: i64) -> Result<u64, DbError> {
    Ok(crate::db::query(
        "DELETE FROM jobs WHERE done_at <= $1 OR (done_at IS NULL AND attempts >= max_attempts AND run_at <= $1)",
    )
    .bind(before)
    .execute(c)
    .await?
    .rows_affected())
}

/// The queue's depth, for `/metrics`.
pub async fn depth(c: &mut Conn) -> Result<crate::metrics::QueueDepth, DbError> {
    let r = crate::db::query(
        "SELECT COUNT(*) FILTER (WHERE attempts < max_attempts) AS waiting, \
                COUNT(*) FILTER (WHERE attempts < max_attempts AND last_error IS NOT NULL) AS retrying, \
                COUNT(*) FILTER (WHERE attempts >= max_attempts) AS given_up \
         FROM jobs WHERE done_at IS NULL",
    )
    .fetch_one(c)
    .await?;
    let n = |column: &str| r.get::<i64>(column).map(|n| n.max(0) as u64);
    Ok(crate::metrics::QueueDepth { waiting: n("waiting")?, retrying: n("retrying")?, given_up: n("given_up")? })
}

/// (kind, attempts, done, last error) for every job, oldest first; for tests and the admin.
pub async fn all(c: &mut Conn) -> Result<Vec<(JobKind, i64, bool, Option<String>)>, DbError> {
    let rows =
        crate::db::query("SELECT kind, attempts, done_at, last_error FROM jobs ORDER BY id").fetch_all(c).await?;
    rows.into_iter()
        .map(|r| {
            Ok((r.get("kind")?, r.get("attempts")?, r.get::<Option<i64>>("done_at")?.is_some(), r.get("last_error")?))
        })
        .collect()
}
