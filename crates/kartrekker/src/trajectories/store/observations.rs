//! SQL for the observations.

use crate::dates::Date;
use crate::db::{Conn, DbError};
use crate::trajectories::model::{Observation, ObservationCategory};

pub async fn observations(c: &mut Conn, trajectory_id: i64) -> Result<Vec<Observation>, DbError> {
    let rows = crate::db::query(
        "SELECT o.id, o.observed_on, o.category, o.text, o.theme_id, COALESCE(p.name, '') AS author \
         FROM trajectory_observations o LEFT JOIN people p ON p.id = o.author_id \
         WHERE o.trajectory_id = $1 ORDER BY o.observed_on, o.id",
    )
    .bind(trajectory_id)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|r| Ok(crate::from_row!(r => Observation { id, observed_on, category, text, theme_id, author })))
        .collect()
}

pub struct NewObservation<'a> {
    pub trajectory_id: i64,
    pub observed_on: Date,
    pub category: ObservationCategory,
    pub text: &'a str,
    pub theme_id: Option<i64>,
    pub author_id: i64,
}

pub async fn insert_observation(c: &mut Conn, o: &NewObservation<'_>, now: i64) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "INSERT INTO trajectory_observations (trajectory_id, observed_on, category, text, theme_id, author_id, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(o.trajectory_id)
    .bind(o.observed_on)
    .bind(o.category)
    .bind(o.text)
    .bind(o.theme_id)
    .bind(o.author_id)
    .bind(now)
    .fetch_one(c)
    .await
}

/// False when the observation is not one of this trajectory's.
pub async fn set_observation_theme(
    c: &mut Conn,
    trajectory_id: i64,
    observation_id: i64,
    theme_id: Option<i64>,
) -> Result<bool, DbError> {
    let n = crate::db::query("UPDATE trajectory_observations SET theme_id = $1 WHERE id = $2 AND trajectory_id = $3")
        .bind(theme_id)
        .bind(observation_id)
        .bind(trajectory_id)
        .execute(c)
        .await?
        .rows_affected();
    Ok(n == 1)
}
