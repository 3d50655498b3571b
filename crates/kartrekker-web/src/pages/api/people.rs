//! Teams and people: read, and write for an HR system's sync, through the
//! services the administrator's pages use, with their checks.

use axum::Extension;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use kartrekker::api::{ApiCaller, Scope};
use kartrekker::people::service::PersonDetail;
use kartrekker::people::{Email, Person};
use kartrekker::{Error, FieldError};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ApiResult, Body, Ids, created, json_ok};
use crate::state::AppState;

pub(super) async fn list_teams(s: AppState, Extension(caller): Extension<ApiCaller>) -> ApiResult {
    let teams = s.k.teams(caller.with(Scope::PeopleRead)?).await?;
    let items: Vec<Value> = teams
        .iter()
        .map(|(t, members)| {
            json!({ "id": t.id, "name": t.name, "department_id": t.department_id, "department": t.department, "members": members })
        })
        .collect();
    json_ok(StatusCode::OK, json!({ "items": items }))
}

/// Invited (not yet logged in), active, or deactivated (erased counts as deactivated).
fn status(p: &Person) -> &'static str {
    if p.deactivated {
        "deactivated"
    } else if p.active {
        "active"
    } else {
        "invited"
    }
}

fn person_json(p: &Person) -> Value {
    json!({ "id": p.id, "name": p.name, "email": p.email, "profession": p.profession.code(), "status": status(p) })
}

fn detail_json(d: &PersonDetail) -> Value {
    let mut v = person_json(&d.person);
    v["org_roles"] = d.org_roles.iter().map(|r| r.code()).collect();
    v["teams"] = d
        .teams
        .iter()
        .map(|(t, roles)| json!({ "id": t.id, "name": t.name, "roles": roles.iter().map(|r| r.code()).collect::<Vec<_>>() }))
        .collect();
    v
}

pub(super) async fn list_people(s: AppState, Extension(caller): Extension<ApiCaller>) -> ApiResult {
    let people = s.k.people(caller.with(Scope::PeopleRead)?).await?;
    json_ok(StatusCode::OK, json!({ "items": people.iter().map(person_json).collect::<Vec<_>>() }))
}

pub(super) async fn get_person(s: AppState, Extension(caller): Extension<ApiCaller>, ids: Ids) -> ApiResult {
    let detail = s.k.person_detail(caller.with(Scope::PeopleRead)?, ids.first()).await?;
    json_ok(StatusCode::OK, detail_json(&detail))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct NewPerson {
    name: String,
    email: String,
    profession: String,
    org_roles: Vec<String>,
}

pub(super) async fn create_person(
    s: AppState,
    Extension(caller): Extension<ApiCaller>,
    Body(n): Body<NewPerson>,
) -> ApiResult {
    let actor = caller.with(Scope::PeopleWrite)?;
    let id = s.k.create_person(actor, &n.name, &n.email, &n.profession, &n.org_roles).await?;
    let detail = s.k.person_detail(actor, id).await?;
    created(format!("/api/v1/people/{id}"), detail_json(&detail))
}

/// What a PATCH may change; a field left out keeps its value.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct PersonChange {
    name: Option<String>,
    /// Only the address the person has: an address is how they log in.
    email: Option<String>,
    profession: Option<String>,
    org_roles: Option<Vec<String>>,
}

pub(super) async fn change_person(
    s: AppState,
    Extension(caller): Extension<ApiCaller>,
    ids: Ids,
    Body(ch): Body<PersonChange>,
) -> ApiResult {
    let actor = caller.with(Scope::PeopleWrite)?;
    let id = ids.first();
    let now = s.k.person_detail(actor, id).await?;
    if let Some(email) = &ch.email
        && Email::parse(email).map(|e| e.as_str() != now.person.email).unwrap_or(true)
    {
        return Err(Error::Invalid(vec![FieldError { field: "email", key: "api-error-email-fixed" }]).into());
    }
    let roles = ch.org_roles.unwrap_or_else(|| now.org_roles.iter().map(|r| r.code().to_string()).collect());
    let name = ch.name.unwrap_or(now.person.name);
    let profession = ch.profession.unwrap_or_else(|| now.person.profession.code().to_string());
    s.k.update_person(actor, id, &name, &profession, &roles).await?;
    json_ok(StatusCode::OK, detail_json(&s.k.person_detail(actor, id).await?))
}

pub(super) async fn deactivate(s: AppState, Extension(caller): Extension<ApiCaller>, ids: Ids) -> ApiResult {
    let actor = caller.with(Scope::PeopleWrite)?;
    s.k.deactivate_person(actor, ids.first()).await?;
    json_ok(StatusCode::OK, detail_json(&s.k.person_detail(actor, ids.first()).await?))
}

pub(super) async fn reactivate(s: AppState, Extension(caller): Extension<ApiCaller>, ids: Ids) -> ApiResult {
    let actor = caller.with(Scope::PeopleWrite)?;
    s.k.reactivate_person(actor, ids.first()).await?;
    json_ok(StatusCode::OK, detail_json(&s.k.person_detail(actor, ids.first()).await?))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct Membership {
    person_id: i64,
    role: String,
}

pub(super) async fn add_member(
    s: AppState,
    Extension(caller): Extension<ApiCaller>,
    ids: Ids,
    Body(m): Body<Membership>,
) -> ApiResult {
    let actor = caller.with(Scope::PeopleWrite)?;
    s.k.add_member(actor, ids.first(), &m.person_id.to_string(), &m.role).await?;
    json_ok(StatusCode::OK, detail_json(&s.k.person_detail(actor, m.person_id).await?))
}

pub(super) async fn remove_member(s: AppState, Extension(caller): Extension<ApiCaller>, ids: Ids) -> ApiResult {
    let actor = caller.with(Scope::PeopleWrite)?;
    let (team, person) = (ids.first(), ids.0.get(1).copied().unwrap_or_default());
    s.k.remove_member(actor, team, person).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
