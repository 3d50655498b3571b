//! SQL for undoing mistakes: changing and deleting observations, intake
//! answers and themes, and the record of a reopened step.

use crate::dates::Date;
use crate::db::{Conn, DbError};
use crate::trajectories::model::{ObservationCategory, Phase, Question, Reopening};

/// An observation's text, date, category and author.
pub async fn observation(
    c: &mut Conn,
    trajectory_id: i64,
    observation_id: i64,
) -> Result<Option<(String, Date, ObservationCategory, Option<i64>)>, DbError> {
    crate::db::query(
        "SELECT text, observed_on, category, author_id FROM trajectory_observations WHERE id = $1 AND trajectory_id = $2",
    )
    .bind(observation_id)
    .bind(trajectory_id)
    .fetch_optional(c)
    .await?
    .map(|r| Ok((r.get("text")?, r.get("observed_on")?, r.get("category")?, r.get("author_id")?)))
    .transpose()
}

pub async fn set_observation(
    c: &mut Conn,
    observation_id: i64,
    text: &str,
    observed_on: Date,
    category: ObservationCategory,
) -> Result<(), DbError> {
    crate::db::query("UPDATE trajectory_observations SET text = $1, observed_on = $2, category = $3 WHERE id = $4")
        .bind(text)
        .bind(observed_on)
        .bind(category)
        .bind(observation_id)
        .execute(c)
        .await?;
    Ok(())
}

pub async fn delete_observation(c: &mut Conn, observation_id: i64) -> Result<(), DbError> {
    crate::db::query("DELETE FROM trajectory_observations WHERE id = $1").bind(observation_id).execute(c).await?;
    Ok(())
}

/// (text, who gave it: none when anonymous) of an intake answer of this trajectory.
pub async fn answer_text(
    c: &mut Conn,
    trajectory_id: i64,
    answer_id: i64,
) -> Result<Option<(String, Option<i64>)>, DbError> {
    crate::db::query("SELECT text, person_id FROM trajectory_intake_answers WHERE id = $1 AND trajectory_id = $2")
        .bind(answer_id)
        .bind(trajectory_id)
        .fetch_optional(c)
        .await?
        .map(|r| Ok((r.get("text")?, r.get("person_id")?)))
        .transpose()
}

/// An anonymous answer keeps no time, so that a change cannot be matched
/// to who took part when.
pub async fn set_answer_text(c: &mut Conn, answer_id: i64, text: &str, now: i64) -> Result<(), DbError> {
    crate::db::query(
        "UPDATE trajectory_intake_answers SET text = $1, \
         updated_at = CASE WHEN person_id IS NULL THEN NULL ELSE $2 END WHERE id = $3",
    )
    .bind(text)
    .bind(now)
    .bind(answer_id)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn delete_answer_by_id(c: &mut Conn, answer_id: i64) -> Result<(), DbError> {
    crate::db::query("DELETE FROM trajectory_intake_answers WHERE id = $1").bind(answer_id).execute(c).await?;
    Ok(())
}

pub async fn set_theme_title(c: &mut Conn, theme_id: i64, title: &str) -> Result<(), DbError> {
    crate::db::query("UPDATE trajectory_themes SET title = $1 WHERE id = $2")
        .bind(title)
        .bind(theme_id)
        .execute(c)
        .await?;
    Ok(())
}

/// The answers and observations under it lose their theme (the foreign
/// keys set it to none); they stay.
pub async fn delete_theme(c: &mut Conn, theme_id: i64) -> Result<(), DbError> {
    crate::db::query("DELETE FROM trajectory_themes WHERE id = $1").bind(theme_id).execute(c).await?;
    Ok(())
}

/// The ids of the observations this person wrote.
pub async fn observations_by(c: &mut Conn, trajectory_id: i64, person_id: i64) -> Result<Vec<i64>, DbError> {
    crate::db::query_scalar("SELECT id FROM trajectory_observations WHERE trajectory_id = $1 AND author_id = $2")
        .bind(trajectory_id)
        .bind(person_id)
        .fetch_all(c)
        .await
}

/// The ids of this person's own named intake answers.
pub async fn answers_by(c: &mut Conn, trajectory_id: i64, person_id: i64) -> Result<Vec<(i64, Question)>, DbError> {
    let rows = crate::db::query(
        "SELECT id, question FROM trajectory_intake_answers WHERE trajectory_id = $1 AND person_id = $2 \
         ORDER BY question",
    )
    .bind(trajectory_id)
    .bind(person_id)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(|r| Ok((r.get("id")?, r.get("question")?))).collect()
}

pub async fn insert_reopening(
    c: &mut Conn,
    trajectory_id: i64,
    from: Phase,
    to: Phase,
    reason: &str,
    actor_id: i64,
    now: i64,
) -> Result<(), DbError> {
    crate::db::query(
        "INSERT INTO trajectory_reopenings (trajectory_id, from_phase, to_phase, reason, actor_id, at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(trajectory_id)
    .bind(from)
    .bind(to)
    .bind(reason)
    .bind(actor_id)
    .bind(now)
    .execute(c)
    .await?;
    Ok(())
}

/// The steps reopened, the latest first.
pub async fn reopenings(c: &mut Conn, trajectory_id: i64) -> Result<Vec<Reopening>, DbError> {
    let rows = crate::db::query(
        "SELECT r.from_phase, r.to_phase, r.reason, COALESCE(p.name, '') AS who, r.at \
         FROM trajectory_reopenings r LEFT JOIN people p ON p.id = r.actor_id \
         WHERE r.trajectory_id = $1 ORDER BY r.at DESC, r.id DESC",
    )
    .bind(trajectory_id)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|r| Ok(crate::from_row!(r => Reopening { from: "from_phase", to: "to_phase", reason, who, at })))
        .collect()
}

/// A named respondent whose answers are all deleted no longer counts as answered.
pub async fn remove_participant(c: &mut Conn, trajectory_id: i64, person_id: i64) -> Result<(), DbError> {
    crate::db::query("DELETE FROM trajectory_intake_participants WHERE trajectory_id = $1 AND person_id = $2")
        .bind(trajectory_id)
        .bind(person_id)
        .execute(c)
        .await?;
    Ok(())
}

/// The ids of the agreements of this trajectory this person put in.
pub async fn agreements_by(c: &mut Conn, trajectory_id: i64, person_id: i64) -> Result<Vec<i64>, DbError> {
    crate::db::query_scalar(
        "SELECT id FROM actions WHERE origin_id = $1 AND origin_kind IN ('mirror_session', 'evaluation') \
         AND created_by = $2",
    )
    .bind(trajectory_id)
    .bind(person_id)
    .fetch_all(c)
    .await
}
