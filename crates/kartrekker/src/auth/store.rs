//! SQL for sessions, single-use links and failed log-ins.

use super::TokenPurpose;
use crate::db::{Conn, DbError};

pub async fn insert_session(
    c: &mut Conn,
    hash: &str,
    person_id: i64,
    csrf: &str,
    now: i64,
    expires: i64,
) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO sessions (token_hash, person_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash)
    .bind(person_id)
    .bind(csrf)
    .bind(now)
    .bind(expires)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn extend_session(c: &mut Conn, hash: &str, expires: i64) -> Result<(), DbError> {
    crate::db::query("UPDATE sessions SET expires_at = $1 WHERE token_hash = $2")
        .bind(expires)
        .bind(hash)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn delete_session(c: &mut Conn, hash: &str) -> Result<(), DbError> {
    crate::db::query("DELETE FROM sessions WHERE token_hash = $1").bind(hash).execute(c).await?;
    Ok(())
}

pub async fn delete_sessions_of(c: &mut Conn, person_id: i64) -> Result<(), DbError> {
    crate::db::query("DELETE FROM sessions WHERE person_id = $1").bind(person_id).execute(c).await?;
    Ok(())
}

/// Runs a purge: `sql` deletes the rows that are old at `before` ($1).
async fn purge(c: &mut Conn, sql: &'static str, before: i64) -> Result<u64, DbError> {
    Ok(crate::db::query(sql).bind(before).execute(c).await?.rows_affected())
}

/// Sessions that ran out before `before`.
pub async fn delete_expired_sessions(c: &mut Conn, before: i64) -> Result<u64, DbError> {
    purge(c, "DELETE FROM sessions WHERE expires_at <= $1", before).await
}

/// Links used, or expired unused, before `before`.
pub async fn delete_old_tokens(c: &mut Conn, before: i64) -> Result<u64, DbError> {
    purge(c, "DELETE FROM tokens WHERE used_at <= $1 OR expires_at <= $1", before).await
}

/// Failed log-in windows that started before `before`.
pub async fn delete_old_failures(c: &mut Conn, before: i64) -> Result<u64, DbError> {
    purge(c, "DELETE FROM login_failures WHERE window_start <= $1", before).await
}

/// Audit entries written before `before`.
pub async fn delete_old_audit(c: &mut Conn, before: i64) -> Result<u64, DbError> {
    purge(c, "DELETE FROM audit_log WHERE at <= $1", before).await
}

pub async fn insert_token(
    c: &mut Conn,
    hash: &str,
    person_id: i64,
    purpose: TokenPurpose,
    now: i64,
    expires: i64,
) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO tokens (token_hash, person_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash)
    .bind(person_id)
    .bind(purpose)
    .bind(now)
    .bind(expires)
    .execute(c)
    .await?;
    Ok(())
}

/// The state of a link: (person id, expires at, used at).
pub async fn token(
    c: &mut Conn,
    hash: &str,
    purpose: TokenPurpose,
) -> Result<Option<(i64, i64, Option<i64>)>, DbError> {
    let row =
        crate::db::query("SELECT person_id, expires_at, used_at FROM tokens WHERE token_hash = $1 AND purpose = $2")
            .bind(hash)
            .bind(purpose)
            .fetch_optional(c)
            .await?;
    row.map(|r| Ok((r.get("person_id")?, r.get("expires_at")?, r.get("used_at")?))).transpose()
}

/// Marks a link used, only if it is still unused and unexpired: one winner.
pub async fn use_token(c: &mut Conn, hash: &str, purpose: TokenPurpose, now: i64) -> Result<Option<i64>, DbError> {
    crate::db::query_scalar(
        "UPDATE tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 \
         RETURNING person_id",
    )
    .bind(now)
    .bind(hash)
    .bind(purpose)
    .fetch_optional(c)
    .await
}

/// Failed log-ins for an address: (count, window start).
pub async fn failures(c: &mut Conn, email: &str) -> Result<Option<(i64, i64)>, DbError> {
    let row = crate::db::query("SELECT failures, window_start FROM login_failures WHERE email = $1")
        .bind(email)
        .fetch_optional(c)
        .await?;
    row.map(|r| Ok((r.get("failures")?, r.get("window_start")?))).transpose()
}

/// Counts one failure; a window older than `window_ms` starts again at one.
pub async fn record_failure(c: &mut Conn, email: &str, now: i64, window_ms: i64) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO login_failures (email, failures, window_start) VALUES ($1, 1, $2) \
         ON CONFLICT (email) DO UPDATE SET \
           failures = CASE WHEN login_failures.window_start < $3 THEN 1 ELSE login_failures.failures + 1 END, \
           window_start = CASE WHEN login_failures.window_start < $3 THEN $2 ELSE login_failures.window_start END",
    )
    .bind(email)
    .bind(now)
    .bind(now - window_ms)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn clear_failures(c: &mut Conn, email: &str) -> Result<(), DbError> {
    crate::db::query("DELETE FROM login_failures WHERE email = $1").bind(email).execute(c).await?;
    Ok(())
}

pub async fn audit(
    c: &mut Conn,
    org_id: Option<i64>,
    actor_id: Option<i64>,
    action: &str,
    subject: &str,
    now: i64,
) -> Result<(), DbError> {
    crate::db::query("INSERT INTO audit_log (org_id, actor_id, action, subject, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(org_id)
        .bind(actor_id)
        .bind(action)
        .bind(subject)
        .bind(now)
        .execute(c)
        .await?;
    Ok(())
}
