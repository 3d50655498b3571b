//! Team trajectories: which phase each team is in, and the dates of its
//! sessions. The content (intake answers, observations, themes) stays on the
//! pages, behind their own rules.

use axum::Extension;
use axum::http::StatusCode;
use kartrekker::api::{ApiCaller, Scope};
use kartrekker::dates::Date;
use kartrekker::trajectories::{Phase, Trajectory, TrajectoryPage};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ApiQuery, ApiResult, Ids, json_ok, page_of, page_params, page_query, team_param};
use crate::state::AppState;

pub(super) fn query() -> Vec<Value> {
    page_query()
}

fn trajectory_json(t: &Trajectory) -> Value {
    json!({
        "id": t.id,
        "team_id": t.team_id,
        "team": t.team,
        "trainer_id": t.trainer_id,
        "trainer": t.trainer,
        "phase": t.phase.code(),
        "phase_number": t.phase.number(),
        "started_on": Date::today_nl(t.created_at).to_string(),
        "work_started_on": t.work_started_on.map(|d| d.to_string()),
        "work_weeks": t.work_weeks,
        "interval_months": t.interval_months,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct TrajectoriesQuery {
    team: Option<String>,
    after: Option<String>,
    limit: Option<String>,
}

pub(super) async fn list(
    s: AppState,
    Extension(caller): Extension<ApiCaller>,
    ApiQuery(q): ApiQuery<TrajectoriesQuery>,
) -> ApiResult {
    let actor = caller.with(Scope::TrajectoriesRead)?;
    let mut checks = kartrekker::Checks::default();
    let team = team_param(&mut checks, q.team.as_deref());
    let (after, limit) = page_params(&mut checks, q.after.as_deref(), q.limit.as_deref());
    checks.finish()?;
    let trajectories = s.k.trajectories_after(actor, team, after, limit + 1).await?;
    json_ok(StatusCode::OK, page_of(trajectories, limit, |t| t.id, trajectory_json))
}

fn detail_json(p: &TrajectoryPage, t: &Trajectory) -> Value {
    let mut v = trajectory_json(t);
    v["work_ends_on"] = json!(p.work_ends().map(|d| d.to_string()));
    v["phases"] = Phase::ALL
        .iter()
        .map(|ph| {
            let state = match ph.cmp(&t.phase) {
                std::cmp::Ordering::Less => "done",
                std::cmp::Ordering::Equal => "current",
                std::cmp::Ordering::Greater => "to_come",
            };
            json!({ "phase": ph.code(), "number": ph.number(), "state": state })
        })
        .collect();
    v["sessions"] = p
        .sessions
        .iter()
        .map(|s| {
            json!({
                "id": s.id,
                "kind": s.kind.code(),
                "seq": s.seq,
                "date": s.date.map(|d| d.to_string()),
                "start_time": s.start_time.map(|t| t.to_string()),
                "minutes": s.minutes,
                "held_on": s.held_on.map(|d| d.to_string()),
                "completed": s.completed_at.is_some(),
            })
        })
        .collect();
    v
}

pub(super) async fn detail(s: AppState, Extension(caller): Extension<ApiCaller>, ids: Ids) -> ApiResult {
    let actor = caller.with(Scope::TrajectoriesRead)?;
    let page = s.k.trajectory_by_id(actor, ids.first()).await?;
    let Some(t) = &page.trajectory else { return Err(kartrekker::Error::NotFound.into()) };
    json_ok(StatusCode::OK, detail_json(&page, t))
}
