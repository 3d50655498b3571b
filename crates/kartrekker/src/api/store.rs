//! SQL for API tokens.

use super::model::{ApiToken, Scope};
use crate::db::{Conn, DbError, Row};

macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT k.id, k.org_id, k.created_by, p.name AS creator, k.name, k.scopes, k.created_at, \
             k.last_used_at, k.revoked_at FROM api_tokens k JOIN people p ON p.id = k.created_by ",
            $rest
        )
    };
}

fn token(r: Row) -> Result<ApiToken, DbError> {
    let scopes: String = r.get("scopes")?;
    Ok(crate::from_row!(r => ApiToken { id, org_id, created_by, creator, name, scopes = Scope::split(&scopes),
        created_at, last_used_at, revoked_at }))
}

pub struct NewToken<'a> {
    pub org_id: i64,
    pub created_by: i64,
    pub name: &'a str,
    pub scopes: &'a [Scope],
    pub token_hash: &'a str,
}

pub async fn insert(c: &mut Conn, t: &NewToken<'_>, now: i64) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "INSERT INTO api_tokens (org_id, created_by, name, scopes, token_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(t.org_id)
    .bind(t.created_by)
    .bind(t.name)
    .bind(Scope::join(t.scopes))
    .bind(t.token_hash)
    .bind(now)
    .fetch_one(c)
    .await
}

/// The organisation's tokens, newest first, revoked ones too.
pub async fn of_org(c: &mut Conn, org_id: i64) -> Result<Vec<ApiToken>, DbError> {
    crate::db::query(select!("WHERE k.org_id = $1 ORDER BY k.id DESC"))
        .bind(org_id)
        .fetch_all(c)
        .await?
        .into_iter()
        .map(token)
        .collect()
}

/// The token whose secret hashes to `hash`, unless revoked.
pub async fn live_by_hash(c: &mut Conn, hash: &str) -> Result<Option<ApiToken>, DbError> {
    crate::db::query(select!("WHERE k.token_hash = $1 AND k.revoked_at IS NULL"))
        .bind(hash)
        .fetch_optional(c)
        .await?
        .map(token)
        .transpose()
}

/// Revokes the organisation's token `id`; false when there is no such live token.
pub async fn revoke(c: &mut Conn, org_id: i64, id: i64, now: i64) -> Result<bool, DbError> {
    let done =
        crate::db::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND org_id = $3 AND revoked_at IS NULL")
            .bind(now)
            .bind(id)
            .bind(org_id)
            .execute(c)
            .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn mark_used(c: &mut Conn, id: i64, now: i64) -> Result<(), DbError> {
    crate::db::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2").bind(now).bind(id).execute(c).await?;
    Ok(())
}
