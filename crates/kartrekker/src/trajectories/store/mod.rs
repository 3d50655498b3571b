//! SQL for trajectories and their themes; the steps' own tables have a file
//! each beside this one. One flat API for the services: `store::sessions`,
//! `store::answers`, ...

mod home;
mod intake;
mod observations;
mod overview;
mod sessions;
mod undo;

pub use home::*;
pub use intake::*;
pub use observations::*;
pub use overview::*;
pub use sessions::*;
pub use undo::*;

use super::model::{Phase, Theme, Trajectory};
use crate::dates::Date;
use crate::db::{Conn, DbError, Row};

macro_rules! trajectory_select {
    ($rest:literal) => {
        concat!(
            "SELECT tr.id, tr.org_id, tr.team_id, t.name AS team, tr.trainer_id, p.name AS trainer, tr.phase, \
             tr.anonymous, tr.work_weeks, tr.interval_months, tr.work_started_on, tr.created_at \
             FROM trajectories tr JOIN teams t ON t.id = tr.team_id JOIN people p ON p.id = tr.trainer_id ",
            $rest
        )
    };
}

fn trajectory(r: Row) -> Result<Trajectory, DbError> {
    Ok(crate::from_row!(r => Trajectory { id, org_id, team_id, team, trainer_id, trainer, phase, anonymous,
        work_weeks, interval_months, work_started_on, created_at }))
}

pub struct NewTrajectory {
    pub org_id: i64,
    pub team_id: i64,
    pub trainer_id: i64,
    pub started_by: i64,
    pub work_weeks: i64,
    pub interval_months: i64,
}

pub async fn insert(c: &mut Conn, t: &NewTrajectory, now: i64) -> Result<i64, DbError> {
    crate::db::query_scalar(
        "INSERT INTO trajectories (org_id, team_id, trainer_id, phase, anonymous, work_weeks, interval_months, \
         started_by, created_at, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(t.org_id)
    .bind(t.team_id)
    .bind(t.trainer_id)
    .bind(Phase::Intake)
    .bind(t.work_weeks)
    .bind(t.interval_months)
    .bind(t.started_by)
    .bind(now)
    .fetch_one(c)
    .await
}

pub async fn of_team(c: &mut Conn, team_id: i64) -> Result<Option<Trajectory>, DbError> {
    crate::db::query(trajectory_select!("WHERE tr.team_id = $1"))
        .bind(team_id)
        .fetch_optional(c)
        .await?
        .map(trajectory)
        .transpose()
}

pub async fn by_id(c: &mut Conn, id: i64) -> Result<Option<Trajectory>, DbError> {
    crate::db::query(trajectory_select!("WHERE tr.id = $1"))
        .bind(id)
        .fetch_optional(c)
        .await?
        .map(trajectory)
        .transpose()
}

/// The trajectories of `teams` with an id above `after`, by id, at most `limit`.
pub async fn of_teams_after(c: &mut Conn, teams: &[i64], after: i64, limit: i64) -> Result<Vec<Trajectory>, DbError> {
    if teams.is_empty() {
        return Ok(Vec::new());
    }
    let places: Vec<String> = (0..teams.len()).map(|i| format!("${}", i + 3)).collect();
    let sql = format!(
        "{}AND tr.team_id IN ({}) ORDER BY tr.id LIMIT $2",
        trajectory_select!("WHERE tr.id > $1 "),
        places.join(", ")
    );
    let mut q = crate::db::query(crate::db::AssertSqlSafe(sql)).bind(after).bind(limit);
    for t in teams {
        q = q.bind(*t);
    }
    q.fetch_all(c).await?.into_iter().map(trajectory).collect()
}

/// Moves on only from the phase the caller saw (compare and set): returns
/// false when the trajectory was elsewhere.
pub async fn set_phase(c: &mut Conn, id: i64, from: Phase, to: Phase, now: i64) -> Result<bool, DbError> {
    let n = crate::db::query("UPDATE trajectories SET phase = $1, updated_at = $2 WHERE id = $3 AND phase = $4")
        .bind(to)
        .bind(now)
        .bind(id)
        .bind(from)
        .execute(c)
        .await?
        .rows_affected();
    Ok(n == 1)
}

/// Settings of a trajectory to change; `None` leaves a column as it is.
#[derive(Clone, Copy, Debug, Default)]
pub struct Changes {
    pub anonymous: Option<bool>,
    pub work_weeks: Option<i64>,
    pub interval_months: Option<i64>,
    pub work_started_on: Option<Date>,
}

pub async fn update(c: &mut Conn, id: i64, ch: &Changes, now: i64) -> Result<(), DbError> {
    crate::db::query(
        "UPDATE trajectories SET anonymous = COALESCE($1, anonymous), work_weeks = COALESCE($2, work_weeks), \
         interval_months = COALESCE($3, interval_months), work_started_on = COALESCE($4, work_started_on), \
         updated_at = $5 WHERE id = $6",
    )
    .bind(ch.anonymous)
    .bind(ch.work_weeks)
    .bind(ch.interval_months)
    .bind(ch.work_started_on)
    .bind(now)
    .bind(id)
    .execute(c)
    .await?;
    Ok(())
}

pub async fn themes(c: &mut Conn, trajectory_id: i64) -> Result<Vec<Theme>, DbError> {
    let rows =
        crate::db::query("SELECT id, title, reflection FROM trajectory_themes WHERE trajectory_id = $1 ORDER BY id")
            .bind(trajectory_id)
            .fetch_all(c)
            .await?;
    rows.into_iter().map(|r| Ok(crate::from_row!(r => Theme { id, title, reflection }))).collect()
}

pub async fn insert_theme(c: &mut Conn, trajectory_id: i64, title: &str) -> Result<i64, DbError> {
    crate::db::query_scalar("INSERT INTO trajectory_themes (trajectory_id, title) VALUES ($1, $2) RETURNING id")
        .bind(trajectory_id)
        .bind(title)
        .fetch_one(c)
        .await
}

/// False when the theme is not one of this trajectory's.
pub async fn set_reflection(c: &mut Conn, trajectory_id: i64, theme_id: i64, text: &str) -> Result<bool, DbError> {
    let n = crate::db::query("UPDATE trajectory_themes SET reflection = $1 WHERE id = $2 AND trajectory_id = $3")
        .bind(text)
        .bind(theme_id)
        .bind(trajectory_id)
        .execute(c)
        .await?
        .rows_affected();
    Ok(n == 1)
}
