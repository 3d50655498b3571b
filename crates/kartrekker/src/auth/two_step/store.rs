//! SQL for two-step log-in: the account's TOTP secret, its recovery codes,
//! and the half log-ins waiting for their second step.

use crate::db::{Conn, DbError};

/// The account's secret: (base32, confirmed at, last step used).
pub async fn secret(c: &mut Conn, account_id: i64) -> Result<Option<(String, Option<i64>, i64)>, DbError> {
    let row = crate::db::query("SELECT secret, confirmed_at, last_step FROM account_totp WHERE account_id = $1")
        .bind(account_id)
        .fetch_optional(c)
        .await?;
    row.map(|r| Ok((r.get("secret")?, r.get("confirmed_at")?, r.get("last_step")?))).transpose()
}

/// A secret waiting for its first code; an earlier unconfirmed one stays (the
/// page shows the same QR code again), a confirmed one is never replaced.
pub async fn insert_pending(c: &mut Conn, account_id: i64, secret: &str, now: i64) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO account_totp (account_id, secret, created_at) VALUES ($1, $2, $3) ON CONFLICT (account_id) DO NOTHING",
    )
    .bind(account_id)
    .bind(secret)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

/// Confirms the pending secret with the step of its first code; false when
/// it was confirmed already (a second submit).
pub async fn confirm(c: &mut Conn, account_id: i64, step: i64, now: i64) -> Result<bool, DbError> {
    let n = crate::db::query(
        "UPDATE account_totp SET confirmed_at = $1, last_step = $2 WHERE account_id = $3 AND confirmed_at IS NULL",
    )
    .bind(now)
    .bind(step)
    .bind(account_id)
    .execute(c)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// Takes `step` as used, only if no step as late was used before: of two
/// log-ins with one code (on any instance) one wins.
pub async fn use_step(c: &mut Conn, account_id: i64, step: i64) -> Result<bool, DbError> {
    let n = crate::db::query(
        "UPDATE account_totp SET last_step = $1 WHERE account_id = $2 AND confirmed_at IS NOT NULL AND last_step < $1",
    )
    .bind(step)
    .bind(account_id)
    .execute(c)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// Turns two-step log-in off: the secret and the recovery codes go.
pub async fn delete(c: &mut Conn, account_id: i64) -> Result<(), DbError> {
    for sql in ["DELETE FROM recovery_codes WHERE account_id = $1", "DELETE FROM account_totp WHERE account_id = $1"] {
        crate::db::query(sql).bind(account_id).execute(&mut *c).await?;
    }
    Ok(())
}

/// A new set of recovery codes (their hashes), replacing any earlier set.
pub async fn replace_recovery_codes(c: &mut Conn, account_id: i64, hashes: &[String]) -> Result<(), DbError> {
    crate::db::query("DELETE FROM recovery_codes WHERE account_id = $1").bind(account_id).execute(&mut *c).await?;
    for hash in hashes {
        crate::db::query("INSERT INTO recovery_codes (account_id, code_hash) VALUES ($1, $2)")
            .bind(account_id)
            .bind(hash)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

/// Uses a recovery code, once: false when the account has no such unused code.
pub async fn use_recovery_code(c: &mut Conn, account_id: i64, hash: &str, now: i64) -> Result<bool, DbError> {
    let n = crate::db::query(
        "UPDATE recovery_codes SET used_at = $1 WHERE account_id = $2 AND code_hash = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(account_id)
    .bind(hash)
    .execute(c)
    .await?
    .rows_affected();
    Ok(n == 1)
}

pub async fn recovery_codes_left(c: &mut Conn, account_id: i64) -> Result<i64, DbError> {
    crate::db::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE account_id = $1 AND used_at IS NULL")
        .bind(account_id)
        .fetch_one(c)
        .await
}

/// A half log-in of `person_id`; the ones that ran out go at the same time.
pub async fn insert_challenge(c: &mut Conn, hash: &str, person_id: i64, now: i64, expires: i64) -> Result<(), DbError> {
    crate::db::query("DELETE FROM login_challenges WHERE expires_at <= $1").bind(now).execute(&mut *c).await?;
    crate::db::query(
        "INSERT INTO login_challenges (token_hash, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(hash)
    .bind(person_id)
    .bind(now)
    .bind(expires)
    .execute(c)
    .await?;
    Ok(())
}

/// The person of a half log-in that has not run out.
pub async fn challenge(c: &mut Conn, hash: &str, now: i64) -> Result<Option<i64>, DbError> {
    crate::db::query_scalar("SELECT person_id FROM login_challenges WHERE token_hash = $1 AND expires_at > $2")
        .bind(hash)
        .bind(now)
        .fetch_optional(c)
        .await
}

/// Ends a half log-in: it became a session; false when it was gone already.
pub async fn delete_challenge(c: &mut Conn, hash: &str) -> Result<bool, DbError> {
    let n = crate::db::query("DELETE FROM login_challenges WHERE token_hash = $1")
        .bind(hash)
        .execute(c)
        .await?
        .rows_affected();
    Ok(n == 1)
}
