//! SQL for each person's choices, the daily digest and the calendar feed.

use super::model::{Delivery, NoticeKind};
use crate::db::{Conn, DbError};

pub async fn delivery(c: &mut Conn, person_id: i64, kind: NoticeKind) -> Result<Delivery, DbError> {
    // No row: the person never chose, and gets the default.
    let mode =
        crate::db::query_scalar::<Delivery>("SELECT mode FROM notification_prefs WHERE person_id = $1 AND kind = $2")
            .bind(person_id)
            .bind(kind)
            .fetch_optional(c)
            .await?;
    Ok(mode.unwrap_or_default())
}

pub async fn set_delivery(c: &mut Conn, person_id: i64, kind: NoticeKind, d: Delivery) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO notification_prefs (person_id, kind, mode) VALUES ($1, $2, $3) \
         ON CONFLICT (person_id, kind) DO UPDATE SET mode = $3",
    )
    .bind(person_id)
    .bind(kind)
    .bind(d)
    .execute(c)
    .await?;
    Ok(())
}

/// A line kept for the person's next daily digest.
pub struct DigestEntry<'a> {
    pub person_id: i64,
    pub kind: NoticeKind,
    pub team_id: i64,
    /// In the person's language, as the digest shows it.
    pub line: &'a str,
    pub path: &'a str,
}

pub async fn insert_digest_entry(c: &mut Conn, e: &DigestEntry<'_>, now: i64) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO digest_entries (person_id, kind, team_id, line, path, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(e.person_id)
    .bind(e.kind)
    .bind(e.team_id)
    .bind(e.line)
    .bind(e.path)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

/// Unsent digest lines of a person, oldest first: (entry id, line, path).
pub async fn pending_digest(c: &mut Conn, person_id: i64) -> Result<Vec<(i64, String, String)>, DbError> {
    let rows = crate::db::query(
        "SELECT id, line, path FROM digest_entries WHERE person_id = $1 AND sent_at IS NULL ORDER BY id",
    )
    .bind(person_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("id")?, r.get("line")?, r.get("path")?))).collect()
}

/// People with unsent digest lines.
pub async fn digest_people(c: &mut Conn) -> Result<Vec<i64>, DbError> {
    crate::db::query_scalar("SELECT DISTINCT person_id FROM digest_entries WHERE sent_at IS NULL").fetch_all(c).await
}

pub async fn mark_digest_sent(c: &mut Conn, ids: &[i64], now: i64) -> Result<(), DbError> {
    for id in ids {
        crate::db::query("UPDATE digest_entries SET sent_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

/// The person's calendar feed gets this secret (its hash); an older one stops working.
pub async fn set_feed(c: &mut Conn, person_id: i64, secret_hash: &str, now: i64) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO calendar_feeds (person_id, secret_hash, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (person_id) DO UPDATE SET secret_hash = $2, created_at = $3",
    )
    .bind(person_id)
    .bind(secret_hash)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn has_feed(c: &mut Conn, person_id: i64) -> Result<bool, DbError> {
    let n: i64 = crate::db::query_scalar("SELECT COUNT(*) FROM calendar_feeds WHERE person_id = $1")
        .bind(person_id)
        .fetch_one(c)
        .await?;
    Ok(n > 0)
}

/// Whose feed a secret's hash opens.
pub async fn feed_owner(c: &mut Conn, secret_hash: &str) -> Result<Option<i64>, DbError> {
    crate::db::query_scalar("SELECT person_id FROM calendar_feeds WHERE secret_hash = $1")
        .bind(secret_hash)
        .fetch_optional(c)
        .await
}
