//! SQL for sessions, single-use links and throttled attempts.

use super::TokenPurpose;
use super::model::Session;
use crate::db::{Conn, DbError};

/// The people of the account `person_id` belongs to, as SQL on `$1`: the
/// password, the links and the sessions belong to the account (decision 0015).
macro_rules! account_people {
    () => {
        "(SELECT id FROM people WHERE account_id = (SELECT account_id FROM people WHERE id = $1))"
    };
}

/// A session to keep: `sso_org` is the organisation whose provider made it.
pub struct NewSession<'a> {
    pub hash: &'a str,
    pub person_id: i64,
    pub csrf: &'a str,
    pub sso_org: Option<i64>,
}

pub async fn insert_session(c: &mut Conn, s: &NewSession<'_>, now: i64, expires: i64) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO sessions (token_hash, person_id, csrf, created_at, expires_at, last_seen_at, sso_org_id) \
         VALUES ($1, $2, $3, $4, $5, $4, $6)",
    )
    .bind(s.hash)
    .bind(s.person_id)
    .bind(s.csrf)
    .bind(now)
    .bind(expires)
    .bind(s.sso_org)
    .execute(c)
    .await?;
    Ok(())
}

/// Seen now: the idle time starts again, but never past `lifetime` after log-in.
pub async fn touch_session(c: &mut Conn, hash: &str, now: i64, idle: i64, lifetime: i64) -> Result<(), DbError> {
    crate::db::query(
        "UPDATE sessions SET last_seen_at = $1, \
           expires_at = CASE WHEN created_at + $3 < $1 + $2 THEN created_at + $3 ELSE $1 + $2 END \
         WHERE token_hash = $4",
    )
    .bind(now)
    .bind(idle)
    .bind(lifetime)
    .bind(hash)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn set_user_agent(c: &mut Conn, hash: &str, user_agent: &str) -> Result<(), DbError> {
    crate::db::query("UPDATE sessions SET user_agent = $1 WHERE token_hash = $2")
        .bind(user_agent)
        .bind(hash)
        .execute(c)
        .await?;
    Ok(())
}

/// The live sessions of a person's account (in any of its organisations),
/// the most recently used first.
pub async fn sessions_of(c: &mut Conn, person_id: i64, now: i64) -> Result<Vec<Session>, DbError> {
    let rows = crate::db::query(concat!(
        "SELECT token_hash, created_at, last_seen_at, user_agent FROM sessions WHERE person_id IN ",
        account_people!(),
        " AND expires_at > $2 ORDER BY last_seen_at DESC, created_at DESC"
    ))
    .bind(person_id)
    .bind(now)
    .fetch_all(c)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Session {
                token_hash: r.get("token_hash")?,
                created_at: r.get("created_at")?,
                last_seen_at: r.get("last_seen_at")?,
                user_agent: r.get("user_agent")?,
            })
        })
        .collect()
}

pub async fn delete_session(c: &mut Conn, hash: &str) -> Result<(), DbError> {
    crate::db::query("DELETE FROM sessions WHERE token_hash = $1").bind(hash).execute(c).await?;
    Ok(())
}

/// Ends one of the sessions of a person's account; false when it has no such session.
pub async fn delete_session_of(c: &mut Conn, person_id: i64, hash: &str) -> Result<bool, DbError> {
    let n = crate::db::query(concat!(
        "DELETE FROM sessions WHERE person_id IN ",
        account_people!(),
        " AND token_hash = $2"
    ))
    .bind(person_id)
    .bind(hash)
    .execute(c)
    .await?
    .rows_affected();
    Ok(n > 0)
}

pub async fn delete_sessions_of(c: &mut Conn, person_id: i64) -> Result<(), DbError> {
    crate::db::query("DELETE FROM sessions WHERE person_id = $1").bind(person_id).execute(c).await?;
    Ok(())
}

/// Ends the sessions of every person of this person's account (a new
/// password), but the one with hash `keep`.
pub async fn delete_account_sessions(c: &mut Conn, person_id: i64, keep: Option<&str>) -> Result<u64, DbError> {
    Ok(crate::db::query(concat!(
        "DELETE FROM sessions WHERE person_id IN ",
        account_people!(),
        " AND token_hash <> COALESCE($2, '')"
    ))
    .bind(person_id)
    .bind(keep)
    .execute(c)
    .await?
    .rows_affected())
}

/// Points a session of `from` at `to`; false when there is no such session.
pub async fn move_session(c: &mut Conn, hash: &str, from: i64, to: i64) -> Result<bool, DbError> {
    let n = crate::db::query("UPDATE sessions SET person_id = $1 WHERE token_hash = $2 AND person_id = $3")
        .bind(to)
        .bind(hash)
        .bind(from)
        .execute(c)
        .await?
        .rows_affected();
    Ok(n == 1)
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

/// A new link for a person; it voids every earlier one still open, of
/// either purpose: only the latest e-mail works.
pub async fn insert_token(
    c: &mut Conn,
    hash: &str,
    person_id: i64,
    purpose: TokenPurpose,
    now: i64,
    expires: i64,
) -> Result<(), DbError> {
    void_tokens_of(c, person_id, now).await?;
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

/// Ends every open link of a person's account now (of each of its
/// organisations: every link sets the account's password): after a newer
/// one, or once one is used.
pub async fn void_tokens_of(c: &mut Conn, person_id: i64, now: i64) -> Result<(), DbError> {
    crate::db::query(concat!(
        "UPDATE tokens SET expires_at = $2 WHERE person_id IN ",
        account_people!(),
        " AND used_at IS NULL AND expires_at > $2"
    ))
    .bind(person_id)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

/// Attempts counted under a key (throttle.rs): (count, last attempt).
pub async fn attempts(c: &mut Conn, scope: &str) -> Result<Option<(i64, i64)>, DbError> {
    let row = crate::db::query("SELECT failures, last_at FROM login_failures WHERE scope = $1")
        .bind(scope)
        .fetch_optional(c)
        .await?;
    row.map(|r| Ok((r.get("failures")?, r.get("last_at")?))).transpose()
}

/// Counts one attempt; after `forget_ms` of quiet the count starts again at one.
pub async fn record_attempt(
    c: &mut Conn,
    scope: &str,
    account: Option<&str>,
    now: i64,
    forget_ms: i64,
) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO login_failures (scope, account, failures, window_start, last_at) VALUES ($1, $2, 1, $3, $3) \
         ON CONFLICT (scope) DO UPDATE SET \
           failures = CASE WHEN login_failures.last_at < $4 THEN 1 ELSE login_failures.failures + 1 END, \
           window_start = CASE WHEN login_failures.last_at < $4 THEN $3 ELSE login_failures.window_start END, \
           last_at = $3",
    )
    .bind(scope)
    .bind(account)
    .bind(now)
    .bind(now - forget_ms)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn clear_attempts(c: &mut Conn, scope: &str) -> Result<(), DbError> {
    crate::db::query("DELETE FROM login_failures WHERE scope = $1").bind(scope).execute(c).await?;
    Ok(())
}

/// Forgets the failed log-ins of an account from every address (after a new password).
pub async fn clear_account_attempts(c: &mut Conn, email: &str) -> Result<(), DbError> {
    crate::db::query("DELETE FROM login_failures WHERE account = $1").bind(email).execute(c).await?;
    Ok(())
}
