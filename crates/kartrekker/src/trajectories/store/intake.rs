//! SQL for the intake: answers and who took part.

use crate::db::{Conn, DbError, Row};
use crate::trajectories::model::{Answer, Question};

fn answer(r: &Row) -> Result<Answer, DbError> {
    Ok(Answer { id: r.get("id")?, question: r.get("question")?, text: r.get("text")?, theme_id: r.get("theme_id")? })
}

pub async fn answers(c: &mut Conn, trajectory_id: i64) -> Result<Vec<Answer>, DbError> {
    let rows = crate::db::query(
        "SELECT id, question, text, theme_id FROM trajectory_intake_answers WHERE trajectory_id = $1 \
         ORDER BY question, id",
    )
    .bind(trajectory_id)
    .fetch_all(c)
    .await?;
    rows.iter().map(answer).collect()
}

/// A person's own answers in a named intake.
pub async fn own_answers(c: &mut Conn, trajectory_id: i64, person_id: i64) -> Result<Vec<(Question, String)>, DbError> {
    let rows = crate::db::query(
        "SELECT question, text FROM trajectory_intake_answers WHERE trajectory_id = $1 AND person_id = $2",
    )
    .bind(trajectory_id)
    .bind(person_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("question")?, r.get("text")?))).collect()
}

/// Records that someone answered; false when they had already.
pub async fn add_participant(c: &mut Conn, trajectory_id: i64, person_id: i64) -> Result<bool, DbError> {
    let n = crate::db::query(
        "INSERT INTO trajectory_intake_participants (trajectory_id, person_id) VALUES ($1, $2) \
         ON CONFLICT (trajectory_id, person_id) DO NOTHING",
    )
    .bind(trajectory_id)
    .bind(person_id)
    .execute(c)
    .await?
    .rows_affected();
    Ok(n == 1)
}

pub async fn has_participated(c: &mut Conn, trajectory_id: i64, person_id: i64) -> Result<bool, DbError> {
    let n: i64 = crate::db::query_scalar(
        "SELECT COUNT(*) FROM trajectory_intake_participants WHERE trajectory_id = $1 AND person_id = $2",
    )
    .bind(trajectory_id)
    .bind(person_id)
    .fetch_one(c)
    .await?;
    Ok(n > 0)
}

pub async fn participant_count(c: &mut Conn, trajectory_id: i64) -> Result<i64, DbError> {
    crate::db::query_scalar("SELECT COUNT(*) FROM trajectory_intake_participants WHERE trajectory_id = $1")
        .bind(trajectory_id)
        .fetch_one(c)
        .await
}

pub async fn answer_count(c: &mut Conn, trajectory_id: i64) -> Result<i64, DbError> {
    crate::db::query_scalar("SELECT COUNT(*) FROM trajectory_intake_answers WHERE trajectory_id = $1")
        .bind(trajectory_id)
        .fetch_one(c)
        .await
}

/// Takes the trajectory's row lock (PostgreSQL) or the write lock (SQLite)
/// first, so that two rewrites of the anonymous answers never interleave.
pub async fn lock(c: &mut Conn, trajectory_id: i64) -> Result<(), DbError> {
    crate::db::query("UPDATE trajectories SET anonymous = anonymous WHERE id = $1")
        .bind(trajectory_id)
        .execute(c)
        .await?;
    Ok(())
}

/// The anonymous answers of a trajectory, to be written again.
pub async fn unlinked_answers(c: &mut Conn, trajectory_id: i64) -> Result<Vec<Answer>, DbError> {
    let rows = crate::db::query(
        "SELECT id, question, text, theme_id FROM trajectory_intake_answers \
         WHERE trajectory_id = $1 AND person_id IS NULL",
    )
    .bind(trajectory_id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter().map(answer).collect()
}

pub async fn delete_unlinked_answers(c: &mut Conn, trajectory_id: i64) -> Result<(), DbError> {
    crate::db::query("DELETE FROM trajectory_intake_answers WHERE trajectory_id = $1 AND person_id IS NULL")
        .bind(trajectory_id)
        .execute(c)
        .await?;
    Ok(())
}

/// Stores an anonymous answer with the id it was given (random): no person,
/// no time, no counter (docs/decisions/0012).
pub async fn insert_unlinked_answer(c: &mut Conn, trajectory_id: i64, a: &Answer) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO trajectory_intake_answers (id, trajectory_id, person_id, question, text, theme_id, updated_at) \
         VALUES ($1, $2, NULL, $3, $4, $5, NULL)",
    )
    .bind(a.id)
    .bind(trajectory_id)
    .bind(a.question)
    .bind(a.text.as_str())
    .bind(a.theme_id)
    .execute(c)
    .await?;
    Ok(())
}

/// Stores a named answer.
pub async fn insert_answer(
    c: &mut Conn,
    trajectory_id: i64,
    person_id: i64,
    question: Question,
    text: &str,
    now: i64,
) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO trajectory_intake_answers (trajectory_id, person_id, question, text, updated_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(trajectory_id)
    .bind(person_id)
    .bind(question)
    .bind(text)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

/// Changes a named answer; false when there was none to change.
pub async fn update_answer(
    c: &mut Conn,
    trajectory_id: i64,
    person_id: i64,
    question: Question,
    text: &str,
    now: i64,
) -> Result<bool, DbError> {
    let n = crate::db::query(
        "UPDATE trajectory_intake_answers SET text = $1, updated_at = $2 \
         WHERE trajectory_id = $3 AND person_id = $4 AND question = $5",
    )
    .bind(text)
    .bind(now)
    .bind(trajectory_id)
    .bind(person_id)
    .bind(question)
    .execute(c)
    .await?
    .rows_affected();
    Ok(n > 0)
}

pub async fn delete_answer(
    c: &mut Conn,
    trajectory_id: i64,
    person_id: i64,
    question: Question,
) -> Result<(), DbError> {
    crate::db::query(
        "DELETE FROM trajectory_intake_answers WHERE trajectory_id = $1 AND person_id = $2 AND question = $3",
    )
    .bind(trajectory_id)
    .bind(person_id)
    .bind(question)
    .execute(c)
    .await?;
    Ok(())
}

/// False when the answer is not one of this trajectory's.
pub async fn set_answer_theme(
    c: &mut Conn,
    trajectory_id: i64,
    answer_id: i64,
    theme_id: Option<i64>,
) -> Result<bool, DbError> {
    let n = crate::db::query("UPDATE trajectory_intake_answers SET theme_id = $1 WHERE id = $2 AND trajectory_id = $3")
        .bind(theme_id)
        .bind(answer_id)
        .bind(trajectory_id)
        .execute(c)
        .await?
        .rows_affected();
    Ok(n == 1)
}
