//! Actions: read a page at a time, create in a team's register, move and
//! add progress, with the register's own rules.

use axum::Extension;
use axum::http::StatusCode;
use kartrekker::actions::{Action, ActionInput, Origin, Status};
use kartrekker::api::{ApiCaller, Scope};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{
    ApiQuery, ApiResult, Body, Ids, created, json_ok, page_of, page_params, page_query, query_param, team_param,
};
use crate::state::AppState;

pub(super) fn action_json(a: &Action) -> Value {
    json!({
        "id": a.id,
        "team_id": a.team_id,
        "title": a.title,
        "goal": a.goal,
        "kartrekker_id": a.kartrekker_id,
        "status": a.status.code(),
        "due_date": a.due_date.map(|d| d.to_string()),
        "evaluation_date": a.evaluation_date.map(|d| d.to_string()),
    })
}

pub(super) fn query() -> Vec<Value> {
    let mut q = page_query();
    let codes: Vec<&str> = Status::ALL.iter().map(|s| s.code()).collect();
    q.insert(1, query_param("status", json!({ "type": "string", "enum": codes })));
    q
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ActionsQuery {
    team: Option<String>,
    status: Option<String>,
    after: Option<String>,
    limit: Option<String>,
}

pub(super) async fn list_actions(
    s: AppState,
    Extension(caller): Extension<ApiCaller>,
    ApiQuery(q): ApiQuery<ActionsQuery>,
) -> ApiResult {
    let actor = caller.with(Scope::ActionsRead)?;
    let mut checks = kartrekker::Checks::default();
    let team = team_param(&mut checks, q.team.as_deref());
    let status = q.status.as_deref().and_then(|st| checks.check(Status::parse(st)));
    let (after, limit) = page_params(&mut checks, q.after.as_deref(), q.limit.as_deref());
    checks.finish()?;
    let actions = s.k.actions_after(actor, team, status, after, limit + 1).await?;
    json_ok(StatusCode::OK, page_of(actions, limit, |a| a.id, action_json))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct NewAction {
    team_id: i64,
    title: String,
    goal: String,
    kartrekker_id: Option<i64>,
    due_date: String,
    evaluation_date: String,
}

pub(super) async fn create_action(
    s: AppState,
    Extension(caller): Extension<ApiCaller>,
    Body(n): Body<NewAction>,
) -> ApiResult {
    let actor = caller.with(Scope::ActionsWrite)?;
    let kartrekker = n.kartrekker_id.map(|k| k.to_string()).unwrap_or_default();
    let input = ActionInput {
        title: &n.title,
        goal: &n.goal,
        kartrekker: &kartrekker,
        due_date: &n.due_date,
        evaluation_date: &n.evaluation_date,
    };
    let id = s.k.create_action(actor, n.team_id, &input, Origin::REGISTER).await?;
    let a = s.k.action_page(actor, id).await?.action;
    created(format!("/api/v1/actions/{id}"), action_json(&a))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ActionChange {
    status: Option<String>,
    /// A progress update's text.
    progress: Option<String>,
}

pub(super) async fn change_action(
    s: AppState,
    Extension(caller): Extension<ApiCaller>,
    ids: Ids,
    Body(ch): Body<ActionChange>,
) -> ApiResult {
    let actor = caller.with(Scope::ActionsWrite)?;
    let id = ids.first();
    // Seen first: another organisation's id is not found, whatever the body.
    s.k.action_page(actor, id).await?;
    if let Some(status) = &ch.status {
        s.k.move_action(actor, id, status).await?;
    }
    if let Some(text) = &ch.progress {
        s.k.add_action_update(actor, id, text).await?;
    }
    let a = s.k.action_page(actor, id).await?.action;
    json_ok(StatusCode::OK, action_json(&a))
}
