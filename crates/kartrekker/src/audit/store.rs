//! SQL for the audit trail: one insert, and reads. Nothing here updates or
//! deletes an entry (the retention purge is the worker's, elsewhere).

use super::model::{AuditFilter, AuditRow, Entry, dutch_midnight};
use crate::db::{AssertSqlSafe, Conn, DbError, Row};

pub async fn insert(c: &mut Conn, e: &Entry, at: i64) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO audit_log (org_id, actor_id, action, kind, subject, subject_person_id, address, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(e.org_id)
    .bind(e.actor_id)
    .bind(e.action)
    .bind(e.action.kind())
    .bind(e.subject.as_str())
    .bind(e.subject_person_id)
    .bind(e.address.map(|a| a.to_string()))
    .bind(at)
    .execute(c)
    .await?;
    Ok(())
}

/// An entry with the names of its actor and its subject person, then the rest of the query.
macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT l.id, l.at, l.actor_id, a.name AS actor_name, l.action, l.subject, \
             l.subject_person_id, s.name AS subject_name, l.address FROM audit_log l \
             LEFT JOIN people a ON a.id = l.actor_id LEFT JOIN people s ON s.id = l.subject_person_id ",
            $rest
        )
    };
}

fn row(r: &Row) -> Result<AuditRow, DbError> {
    Ok(AuditRow {
        id: r.get("id")?,
        at: r.get("at")?,
        actor_id: r.get("actor_id")?,
        actor_name: r.get("actor_name")?,
        action: r.get("action")?,
        subject: r.get("subject")?,
        subject_person_id: r.get("subject_person_id")?,
        subject_name: r.get("subject_name")?,
        address: r.get("address")?,
    })
}

/// An organisation's entries that match `f`, newest first: `limit` of them
/// after skipping `offset`.
pub async fn of_org(
    c: &mut Conn,
    org_id: i64,
    f: &AuditFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<AuditRow>, DbError> {
    // Only the filters that are set become conditions, so each query can use its index.
    let mut sql = select!("WHERE l.org_id = $1").to_string();
    let mut n = 1;
    let mut cond = |sql: &mut String, text: &str| {
        n += 1;
        sql.push_str(&text.replace('?', &format!("${n}")));
    };
    let from = f.from.map(dutch_midnight);
    let until = f.until.map(|d| dutch_midnight(d.add_days(1)));
    if f.person.is_some() {
        cond(&mut sql, " AND (l.actor_id = ? OR l.subject_person_id = ?)");
    }
    if f.kind.is_some() {
        cond(&mut sql, " AND l.kind = ?");
    }
    if from.is_some() {
        cond(&mut sql, " AND l.at >= ?");
    }
    if until.is_some() {
        cond(&mut sql, " AND l.at < ?");
    }
    cond(&mut sql, " ORDER BY l.at DESC, l.id DESC LIMIT ?");
    cond(&mut sql, " OFFSET ?");
    let mut q = crate::db::query(AssertSqlSafe(sql)).bind(org_id);
    // Bound in the order the conditions were added; an unset filter binds nothing.
    if let Some(p) = f.person {
        q = q.bind(p);
    }
    if let Some(k) = f.kind {
        q = q.bind(k);
    }
    for t in [from, until].into_iter().flatten() {
        q = q.bind(t);
    }
    q.bind(limit).bind(offset).fetch_all(c).await?.iter().map(row).collect()
}

/// Reads and exports of `person_id`'s data by someone else, newest first.
pub async fn views_of(c: &mut Conn, person_id: i64, offset: i64, limit: i64) -> Result<Vec<AuditRow>, DbError> {
    crate::db::query(select!(
        "WHERE l.subject_person_id = $1 AND l.kind IN ('read', 'export') \
         AND (l.actor_id IS NULL OR l.actor_id <> $1) ORDER BY l.at DESC, l.id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(person_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(c)
    .await?
    .iter()
    .map(row)
    .collect()
}

/// Every entry by or about `person_id`, oldest first: for their data export.
pub async fn by_or_about(c: &mut Conn, person_id: i64) -> Result<Vec<AuditRow>, DbError> {
    crate::db::query(select!("WHERE l.actor_id = $1 OR l.subject_person_id = $1 ORDER BY l.at, l.id"))
        .bind(person_id)
        .fetch_all(c)
        .await?
        .iter()
        .map(row)
        .collect()
}
