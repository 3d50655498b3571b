//! The JSON API under `/api/v1` (issue 20, docs/decisions/0029) and the
//! administrator's page of API tokens. The API takes `Authorization: Bearer
//! <token>` (no cookies, so no CSRF), answers errors as
//! `application/problem+json` (RFC 9457), limits each token's requests per
//! minute, and writes every request to the audit trail. Its routes are listed
//! once, in [`API_ROUTES`]: the router and the OpenAPI document both read it.

use std::collections::HashMap;
use std::sync::Mutex;

use askama::Template;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, any, get, patch, post};
use axum::{Extension, Json, Router};
use kartrekker::actions::{Action, ActionInput, Origin, Status};
use kartrekker::api::{ApiCaller, ApiToken, Scope};
use kartrekker::dates::Date;
use kartrekker::people::Language;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::render;
use crate::context::Ctx;
use crate::error::WebResult;
use crate::forms::{Form, Posted, submit};
use crate::state::AppState;

// ---------------------------------------------------------------- admin page

pub fn admin_routes() -> Router<AppState> {
    Router::new()
        .route("/admin/api-tokens", get(tokens).post(create_token))
        .route("/admin/api-tokens/{id}/revoke", post(revoke_token))
}

/// A token as a row of the list.
struct TokenRow {
    id: i64,
    name: String,
    scopes: String,
    created: String,
    last_used: String,
    revoked: bool,
}

#[derive(Template)]
#[template(path = "admin/api_tokens.html")]
struct Tokens<'a> {
    c: &'a Ctx,
    notice: Option<String>,
    tokens: Vec<TokenRow>,
    scopes: Vec<&'static str>,
    /// The new token's secret, shown this once.
    secret: Option<String>,
    form: Form,
}

async fn tokens_page(s: &AppState, c: &Ctx, form: Form, secret: Option<String>) -> WebResult {
    let tokens = s.k.api_tokens(c.require()?).await?;
    let tokens = tokens
        .into_iter()
        .map(|t: ApiToken| TokenRow {
            id: t.id,
            name: t.name,
            scopes: Scope::join(&t.scopes),
            created: Date::moment_nl(t.created_at),
            last_used: t.last_used_at.map(Date::moment_nl).unwrap_or_else(|| c.t("api-never-used").to_string()),
            revoked: t.revoked_at.is_some(),
        })
        .collect();
    let scopes = Scope::ALL.iter().map(|s| s.code()).collect();
    Ok(render(&Tokens { c, notice: None, tokens, scopes, secret, form }))
}

async fn tokens(s: AppState, c: Ctx) -> WebResult {
    tokens_page(&s, &c, Form::new(), None).await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
struct TokenForm {
    name: String,
    scopes: Vec<String>,
}

/// A new token: the list again with its secret, shown once (never in a
/// redirect's address, where logs would keep it).
async fn create_token(s: AppState, c: Ctx, Posted(f): Posted<TokenForm>) -> WebResult {
    match s.k.create_api_token(c.require()?, &f.name, &f.scopes).await {
        Ok((_, secret)) => tokens_page(&s, &c, Form::new(), Some(secret)).await,
        Err(e) => {
            submit(
                &c,
                &f,
                "name",
                Err::<(), _>(e),
                |_| String::new(),
                async |form| tokens_page(&s, &c, form, None).await,
            )
            .await
        }
    }
}

async fn revoke_token(s: AppState, c: Ctx, Path(id): Path<i64>) -> WebResult {
    s.k.revoke_api_token(c.require()?, id).await?;
    Ok(super::see_other("/admin/api-tokens"))
}

// ---------------------------------------------------------------- the API

/// One route of the API: the router and the OpenAPI document read this list.
pub struct ApiRoute {
    pub method: &'static str,
    /// The path in axum's and OpenAPI's form (`{id}`).
    pub path: &'static str,
    pub summary: &'static str,
    pub scope: Scope,
    handler: fn() -> MethodRouter<AppState>,
}

pub const API_ROUTES: &[ApiRoute] = &[
    ApiRoute {
        method: "get",
        path: "/api/v1/teams",
        summary: "The organisation's teams",
        scope: Scope::PeopleRead,
        handler: || get(list_teams),
    },
    ApiRoute {
        method: "get",
        path: "/api/v1/people",
        summary: "The organisation's people",
        scope: Scope::PeopleRead,
        handler: || get(list_people),
    },
    ApiRoute {
        method: "get",
        path: "/api/v1/actions",
        summary: "Actions, by id, a page at a time (filters team and status)",
        scope: Scope::ActionsRead,
        handler: || get(list_actions),
    },
    ApiRoute {
        method: "post",
        path: "/api/v1/actions",
        summary: "A new action in a team's register",
        scope: Scope::ActionsWrite,
        handler: || post(create_action),
    },
    ApiRoute {
        method: "patch",
        path: "/api/v1/actions/{id}",
        summary: "An action's status, and/or a progress update",
        scope: Scope::ActionsWrite,
        handler: || patch(change_action),
    },
];

/// Requests a token may make per window; the window's length in ms.
pub const RATE_LIMIT: u32 = 120;
pub const RATE_WINDOW_MS: i64 = 60_000;

/// Requests per token in the current fixed window, in this process's memory
/// (docs/decisions/0029): (window start, count) by token id.
#[derive(Default)]
pub struct RateLimits(Mutex<HashMap<i64, (i64, u32)>>);

impl RateLimits {
    /// None when the request may go on; else the seconds until the window ends.
    fn hit(&self, token: i64, now: i64) -> Option<i64> {
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let window = now - now.rem_euclid(RATE_WINDOW_MS);
        let entry = m.entry(token).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        if entry.1 >= RATE_LIMIT {
            return Some(((window + RATE_WINDOW_MS - now) + 999) / 1000);
        }
        entry.1 += 1;
        None
    }
}

/// The API's routes, behind the bearer token check.
pub fn routes(state: AppState) -> Router<AppState> {
    let mut api = Router::new();
    for r in API_ROUTES {
        api = api.route(r.path, (r.handler)());
    }
    // Any other path under /api/v1: a problem, not the HTML page of the site.
    api.route("/api/v1/{*rest}", any(|| async { problem(StatusCode::NOT_FOUND, "Not found", "No such resource.") }))
        .layer(from_fn_with_state(state, authenticate))
        .route("/api/openapi.json", get(openapi))
}

/// An RFC 9457 problem.
pub fn problem(status: StatusCode, title: &str, detail: &str) -> Response {
    problem_with(status, title, detail, Vec::new())
}

fn problem_with(status: StatusCode, title: &str, detail: &str, errors: Vec<Value>) -> Response {
    let mut body = json!({ "type": "about:blank", "title": title, "status": status.as_u16(), "detail": detail });
    if !errors.is_empty() {
        body["errors"] = Value::Array(errors);
    }
    let mut res = (status, body.to_string()).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    res
}

/// A service's error as a problem; field errors listed with their messages in English.
struct ApiError(kartrekker::Error);

impl From<kartrekker::Error> for ApiError {
    fn from(e: kartrekker::Error) -> ApiError {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        use kartrekker::Error as E;
        let en = |key: &str| kartrekker::i18n::t(Language::En, key);
        match self.0 {
            E::Invalid(fields) => {
                let errors =
                    fields.iter().map(|f| json!({ "field": f.field, "code": f.key, "message": en(f.key) })).collect();
                problem_with(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "Invalid input",
                    "One or more fields are invalid.",
                    errors,
                )
            }
            E::NotFound => problem(StatusCode::NOT_FOUND, "Not found", "No such resource."),
            E::Forbidden => problem(StatusCode::FORBIDDEN, "Forbidden", "The token may not do this."),
            E::Refused(key) => problem(StatusCode::CONFLICT, "Refused", en(key)),
            E::Db(e) => {
                tracing::error!("api: database: {e}");
                problem(StatusCode::INTERNAL_SERVER_ERROR, "Internal error", "Something went wrong.")
            }
            E::Internal(e) => {
                tracing::error!("api: {e}");
                problem(StatusCode::INTERNAL_SERVER_ERROR, "Internal error", "Something went wrong.")
            }
        }
    }
}

type ApiResult = Result<Response, ApiError>;

/// The bearer token's caller, the rate limit, and the audit entry of the request.
async fn authenticate(State(s): State<AppState>, mut req: Request, next: Next) -> Response {
    let secret = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    let unauthorized = || {
        let mut res = problem(StatusCode::UNAUTHORIZED, "Unauthorized", "A valid API token is required.");
        res.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        res
    };
    let Some(secret) = secret else { return unauthorized() };
    let caller = match s.k.api_caller(&secret).await {
        Ok(Some(c)) => c,
        Ok(None) => return unauthorized(),
        Err(e) => return ApiError(e).into_response(),
    };
    let what = format!("{} {}", req.method(), req.uri().path());
    let res = if let Some(wait) = s.api_limits.hit(caller.token.id, s.k.now()) {
        let mut res = problem(StatusCode::TOO_MANY_REQUESTS, "Too many requests", "The token's rate limit is reached.");
        res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait));
        res
    } else {
        req.extensions_mut().insert(caller.clone());
        next.run(req).await
    };
    if let Err(e) = s.k.api_used(&caller, &format!("{what} {}", res.status().as_u16())).await {
        tracing::error!("api: audit: {e}");
    }
    res
}

fn json_ok(status: StatusCode, v: Value) -> ApiResult {
    Ok((status, Json(v)).into_response())
}

async fn list_teams(s: AppState, Extension(caller): Extension<ApiCaller>) -> ApiResult {
    let teams = s.k.teams(caller.with(Scope::PeopleRead)?).await?;
    let items: Vec<Value> =
        teams.iter().map(|(t, members)| json!({ "id": t.id, "name": t.name, "members": members })).collect();
    json_ok(StatusCode::OK, json!({ "items": items }))
}

async fn list_people(s: AppState, Extension(caller): Extension<ApiCaller>) -> ApiResult {
    let people = s.k.people(caller.with(Scope::PeopleRead)?).await?;
    let items: Vec<Value> = people
        .iter()
        .map(|p| json!({ "id": p.id, "name": p.name, "profession": p.profession.code(), "active": p.active && !p.deactivated }))
        .collect();
    json_ok(StatusCode::OK, json!({ "items": items }))
}

fn action_json(a: &Action) -> Value {
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

/// Page sizes: the default and the most.
pub const PAGE_DEFAULT: i64 = 50;
pub const PAGE_MAX: i64 = 200;

#[derive(Deserialize, Default)]
#[serde(default)]
struct ActionsQuery {
    team: Option<String>,
    status: Option<String>,
    after: Option<String>,
    limit: Option<String>,
}

/// A cursor: the last id of a page, opaque to callers ("a" and the id in hex).
fn cursor(id: i64) -> String {
    format!("a{id:x}")
}

fn from_cursor(c: &str) -> Option<i64> {
    c.strip_prefix('a').and_then(|h| i64::from_str_radix(h, 16).ok()).filter(|id| *id >= 0)
}

async fn list_actions(
    s: AppState,
    Extension(caller): Extension<ApiCaller>,
    Query(q): Query<ActionsQuery>,
) -> ApiResult {
    let actor = caller.with(Scope::ActionsRead)?;
    let mut checks = kartrekker::Checks::default();
    let team = q
        .team
        .as_deref()
        .map(|t| t.parse::<i64>().map_err(|_| kartrekker::FieldError { field: "team", key: "api-error-number" }));
    let team = team.and_then(|t| checks.check(t));
    let status = q.status.as_deref().and_then(|st| checks.check(Status::parse(st)));
    let after = q
        .after
        .as_deref()
        .and_then(|c| {
            checks.check(from_cursor(c).ok_or(kartrekker::FieldError { field: "after", key: "api-error-cursor" }))
        })
        .unwrap_or(0);
    let limit = q
        .limit
        .as_deref()
        .and_then(|l| {
            checks.check(
                l.parse::<i64>()
                    .ok()
                    .filter(|l| (1..=PAGE_MAX).contains(l))
                    .ok_or(kartrekker::FieldError { field: "limit", key: "api-error-limit" }),
            )
        })
        .unwrap_or(PAGE_DEFAULT);
    checks.finish()?;
    // One more than asked: whether a next page exists.
    let mut actions = s.k.actions_after(actor, team, status, after, limit + 1).await?;
    let next = (actions.len() as i64 > limit).then(|| {
        actions.truncate(limit as usize);
        actions.last().map(|a| cursor(a.id))
    });
    let items: Vec<Value> = actions.iter().map(action_json).collect();
    json_ok(StatusCode::OK, json!({ "items": items, "next": next.flatten() }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewAction {
    team_id: i64,
    title: String,
    goal: String,
    kartrekker_id: Option<i64>,
    due_date: String,
    evaluation_date: String,
}

async fn create_action(s: AppState, Extension(caller): Extension<ApiCaller>, body: axum::body::Bytes) -> ApiResult {
    let actor = caller.with(Scope::ActionsWrite)?;
    let Ok(n) = serde_json::from_slice::<NewAction>(&body) else {
        return Ok(problem(StatusCode::BAD_REQUEST, "Bad request", "The body is not the JSON of a new action."));
    };
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
    let mut res = (StatusCode::CREATED, Json(action_json(&a))).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/actions/{id}")) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ActionChange {
    status: Option<String>,
    /// A progress update's text.
    progress: Option<String>,
}

async fn change_action(
    s: AppState,
    Extension(caller): Extension<ApiCaller>,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> ApiResult {
    let actor = caller.with(Scope::ActionsWrite)?;
    let Ok(ch) = serde_json::from_slice::<ActionChange>(&body) else {
        return Ok(problem(StatusCode::BAD_REQUEST, "Bad request", "The body is not the JSON of a change."));
    };
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

// ---------------------------------------------------------------- OpenAPI

/// The OpenAPI 3 document, its paths from [`API_ROUTES`].
pub fn openapi_document() -> Value {
    let mut paths = serde_json::Map::new();
    for r in API_ROUTES {
        let mut op = json!({
            "summary": r.summary,
            "security": [{ "bearer": [] }],
            "x-scope": r.scope.code(),
            "responses": {
                "200": { "description": "OK", "content": { "application/json": { "schema": response_schema(r) } } },
                "401": problem_ref("No valid token"),
                "403": problem_ref("The token lacks the scope"),
                "404": problem_ref("Not found"),
                "422": problem_ref("Invalid input"),
                "429": problem_ref("Rate limit reached; see Retry-After"),
            }
        });
        if r.method == "post" {
            op["responses"]["201"] = op["responses"]["200"].take();
            op["responses"].as_object_mut().map(|m| m.remove("200"));
            op["requestBody"] = json!({ "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewAction" } } } });
        }
        if r.method == "patch" {
            op["requestBody"] = json!({ "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ActionChange" } } } });
        }
        let mut parameters = Vec::new();
        if r.path.contains("{id}") {
            parameters.push(json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } }));
        }
        if r.method == "get" && r.path == "/api/v1/actions" {
            for (name, schema) in [
                ("team", json!({ "type": "integer" })),
                (
                    "status",
                    json!({ "type": "string", "enum": Status::ALL.iter().map(|s| s.code()).collect::<Vec<_>>() }),
                ),
                ("after", json!({ "type": "string" })),
                ("limit", json!({ "type": "integer", "minimum": 1, "maximum": PAGE_MAX })),
            ] {
                parameters.push(json!({ "name": name, "in": "query", "required": false, "schema": schema }));
            }
        }
        if !parameters.is_empty() {
            op["parameters"] = Value::Array(parameters);
        }
        let entry = paths.entry(r.path.to_string()).or_insert_with(|| json!({}));
        entry[r.method] = op;
    }
    json!({
        "openapi": "3.0.3",
        "info": { "title": "Kartrekker API", "version": "1" },
        "paths": paths,
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": {
                "Problem": { "type": "object", "properties": {
                    "type": { "type": "string" }, "title": { "type": "string" },
                    "status": { "type": "integer" }, "detail": { "type": "string" },
                    "errors": { "type": "array", "items": { "type": "object", "properties": {
                        "field": { "type": "string" }, "code": { "type": "string" }, "message": { "type": "string" } } } } } },
                "Action": { "type": "object", "properties": {
                    "id": { "type": "integer" }, "team_id": { "type": "integer" }, "title": { "type": "string" },
                    "goal": { "type": "string" }, "kartrekker_id": { "type": "integer" }, "status": { "type": "string" },
                    "due_date": { "type": "string", "nullable": true }, "evaluation_date": { "type": "string", "nullable": true } } },
                "NewAction": { "type": "object", "required": ["team_id", "title", "goal", "kartrekker_id"], "properties": {
                    "team_id": { "type": "integer" }, "title": { "type": "string" }, "goal": { "type": "string" },
                    "kartrekker_id": { "type": "integer" }, "due_date": { "type": "string" },
                    "evaluation_date": { "type": "string" } } },
                "ActionChange": { "type": "object", "properties": {
                    "status": { "type": "string" }, "progress": { "type": "string" } } },
            }
        }
    })
}

fn problem_ref(description: &str) -> Value {
    json!({ "description": description, "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } })
}

fn response_schema(r: &ApiRoute) -> Value {
    let items =
        |schema: Value| json!({ "type": "object", "properties": { "items": { "type": "array", "items": schema } } });
    match (r.method, r.path) {
        ("get", "/api/v1/actions") => {
            let mut s = items(json!({ "$ref": "#/components/schemas/Action" }));
            s["properties"]["next"] = json!({ "type": "string", "nullable": true });
            s
        }
        (_, p) if p.starts_with("/api/v1/actions") => json!({ "$ref": "#/components/schemas/Action" }),
        _ => items(
            json!({ "type": "object", "properties": { "id": { "type": "integer" }, "name": { "type": "string" } } }),
        ),
    }
}

async fn openapi() -> Response {
    Json(openapi_document()).into_response()
}
