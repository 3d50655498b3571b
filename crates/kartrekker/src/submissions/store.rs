//! SQL for the claims of one-time form tokens.

use crate::db::{Conn, DbError, query};

/// Claims `token` for `person`: false when it was claimed before.
pub async fn insert(c: &mut Conn, person_id: i64, token: &str, now: i64) -> Result<bool, DbError> {
    let done = query(
        "INSERT INTO form_submissions (person_id, token, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (person_id, token) DO NOTHING",
    )
    .bind(person_id)
    .bind(token)
    .bind(now)
    .execute(c)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The claim's target: `None` without a claim, `Some(None)` while it runs.
pub async fn target(c: &mut Conn, person_id: i64, token: &str) -> Result<Option<Option<String>>, DbError> {
    let row = query("SELECT target FROM form_submissions WHERE person_id = $1 AND token = $2")
        .bind(person_id)
        .bind(token)
        .fetch_optional(c)
        .await?;
    row.map(|r| r.get::<Option<String>>("target")).transpose()
}

pub async fn finish(c: &mut Conn, person_id: i64, token: &str, target: &str) -> Result<(), DbError> {
    query("UPDATE form_submissions SET target = $1 WHERE person_id = $2 AND token = $3")
        .bind(target)
        .bind(person_id)
        .bind(token)
        .execute(c)
        .await?;
    Ok(())
}

/// Drops a claim that did not finish, so that the same form can be sent again.
pub async fn release(c: &mut Conn, person_id: i64, token: &str) -> Result<(), DbError> {
    query("DELETE FROM form_submissions WHERE person_id = $1 AND token = $2 AND target IS NULL")
        .bind(person_id)
        .bind(token)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn delete_before(c: &mut Conn, before: i64) -> Result<u64, DbError> {
    Ok(query("DELETE FROM form_submissions WHERE created_at < $1").bind(before).execute(c).await?.rows_affected())
}
