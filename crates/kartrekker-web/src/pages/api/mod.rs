//! The JSON API under `/api/v1` (issue 20, docs/decisions/0029) and the
//! administrator's page of API tokens. The API takes `Authorization: Bearer
//! <token>` (no cookies, so no CSRF), answers errors as
//! `application/problem+json` (RFC 9457), limits each token's requests per
//! minute, and writes every request to the audit trail. Its routes are listed
//! once, in [`API_ROUTES`]: the router and the OpenAPI document both read it.

mod actions;
mod openapi;
mod people;
mod results;
mod tokens;
mod trajectories;

use std::collections::HashMap;
use std::sync::Mutex;

use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, any, delete, get, patch, post};
use axum::{Json, Router};
use kartrekker::api::Scope;
use kartrekker::people::Language;
use kartrekker::{Checks, FieldError};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

pub use openapi::openapi_document;
pub use tokens::admin_routes;

use crate::state::AppState;

/// One route of the API: the router and the OpenAPI document read this list.
pub struct ApiRoute {
    pub method: &'static str,
    /// The path in axum's and OpenAPI's form (`{id}`).
    pub path: &'static str,
    pub summary: &'static str,
    pub scope: Scope,
    /// Its query's parameters, as OpenAPI parameter objects.
    pub query: fn() -> Vec<Value>,
    /// The schema (in the document's components) of the JSON body it takes.
    pub body: Option<&'static str>,
    /// Its answer when it succeeds: the status and the schema of the body (none for 204).
    pub ok: (u16, Option<&'static str>),
    handler: fn() -> MethodRouter<AppState>,
}

fn no_query() -> Vec<Value> {
    Vec::new()
}

pub const API_ROUTES: &[ApiRoute] = &[
    ApiRoute {
        method: "get",
        path: "/api/v1/teams",
        summary: "The organisation's teams",
        scope: Scope::PeopleRead,
        query: no_query,
        body: None,
        ok: (200, Some("TeamList")),
        handler: || get(people::list_teams),
    },
    ApiRoute {
        method: "post",
        path: "/api/v1/teams/{id}/members",
        summary: "Adds a person to a team in a role (as the team's admin page does)",
        scope: Scope::PeopleWrite,
        query: no_query,
        body: Some("Membership"),
        ok: (200, Some("Person")),
        handler: || post(people::add_member),
    },
    ApiRoute {
        method: "delete",
        path: "/api/v1/teams/{id}/members/{person_id}",
        summary: "Takes a person out of a team (every role they hold there)",
        scope: Scope::PeopleWrite,
        query: no_query,
        body: None,
        ok: (204, None),
        handler: || delete(people::remove_member),
    },
    ApiRoute {
        method: "get",
        path: "/api/v1/people",
        summary: "The organisation's people",
        scope: Scope::PeopleRead,
        query: no_query,
        body: None,
        ok: (200, Some("PersonList")),
        handler: || get(people::list_people),
    },
    ApiRoute {
        method: "post",
        path: "/api/v1/people",
        summary: "A new person in the organisation, invited by e-mail (as the admin form does)",
        scope: Scope::PeopleWrite,
        query: no_query,
        body: Some("NewPerson"),
        ok: (201, Some("Person")),
        handler: || post(people::create_person),
    },
    ApiRoute {
        method: "get",
        path: "/api/v1/people/{id}",
        summary: "One person, with organisation roles and teams",
        scope: Scope::PeopleRead,
        query: no_query,
        body: None,
        ok: (200, Some("Person")),
        handler: || get(people::get_person),
    },
    ApiRoute {
        method: "patch",
        path: "/api/v1/people/{id}",
        summary: "Changes a person's name, profession and/or organisation roles; a field left out stays",
        scope: Scope::PeopleWrite,
        query: no_query,
        body: Some("PersonChange"),
        ok: (200, Some("Person")),
        handler: || patch(people::change_person),
    },
    ApiRoute {
        method: "post",
        path: "/api/v1/people/{id}/deactivate",
        summary: "Deactivates a person: no log-in, sessions and links ended, history kept (idempotent)",
        scope: Scope::PeopleWrite,
        query: no_query,
        body: None,
        ok: (200, Some("Person")),
        handler: || post(people::deactivate),
    },
    ApiRoute {
        method: "post",
        path: "/api/v1/people/{id}/reactivate",
        summary: "Undoes a deactivation (idempotent)",
        scope: Scope::PeopleWrite,
        query: no_query,
        body: None,
        ok: (200, Some("Person")),
        handler: || post(people::reactivate),
    },
    ApiRoute {
        method: "get",
        path: "/api/v1/actions",
        summary: "Actions, by id, a page at a time (filters team and status)",
        scope: Scope::ActionsRead,
        query: actions::query,
        body: None,
        ok: (200, Some("ActionPage")),
        handler: || get(actions::list_actions),
    },
    ApiRoute {
        method: "post",
        path: "/api/v1/actions",
        summary: "A new action in a team's register",
        scope: Scope::ActionsWrite,
        query: no_query,
        body: Some("NewAction"),
        ok: (201, Some("Action")),
        handler: || post(actions::create_action),
    },
    ApiRoute {
        method: "patch",
        path: "/api/v1/actions/{id}",
        summary: "An action's status, and/or a progress update",
        scope: Scope::ActionsWrite,
        query: no_query,
        body: Some("ActionChange"),
        ok: (200, Some("Action")),
        handler: || patch(actions::change_action),
    },
    ApiRoute {
        method: "get",
        path: "/api/v1/trajectories",
        summary: "Team trajectories, by id, a page at a time (filter team)",
        scope: Scope::TrajectoriesRead,
        query: trajectories::query,
        body: None,
        ok: (200, Some("TrajectoryPage")),
        handler: || get(trajectories::list),
    },
    ApiRoute {
        method: "get",
        path: "/api/v1/trajectories/{id}",
        summary: "One trajectory: its phases and its sessions with their dates",
        scope: Scope::TrajectoriesRead,
        query: no_query,
        body: None,
        ok: (200, Some("TrajectoryDetail")),
        handler: || get(trajectories::detail),
    },
    ApiRoute {
        method: "get",
        path: "/api/v1/teams/{id}/pulse-rounds",
        summary: "A team's pulse rounds with their figures; a group below the minimum is suppressed",
        scope: Scope::PulseRead,
        query: no_query,
        body: None,
        ok: (200, Some("PulseRounds")),
        handler: || get(results::pulse_rounds),
    },
    ApiRoute {
        method: "get",
        path: "/api/v1/teams/{id}/reflection-cycles",
        summary: "A team's reflection cycles",
        scope: Scope::ReflectionRead,
        query: no_query,
        body: None,
        ok: (200, Some("CycleList")),
        handler: || get(results::reflection_cycles),
    },
    ApiRoute {
        method: "get",
        path: "/api/v1/reflection-cycles/{id}/results",
        summary: "A cycle's group results (self-evaluations together); suppressed below the minimum",
        scope: Scope::ReflectionRead,
        query: no_query,
        body: None,
        ok: (200, Some("GroupResults")),
        handler: || get(results::reflection_group),
    },
];

/// The length of a rate limit's window in ms; the requests a token may make
/// in it are `[server] api_requests_per_minute`.
pub const RATE_WINDOW_MS: i64 = 60_000;

/// Requests per token in the current fixed window, in this process's memory
/// (docs/decisions/0029): (window start, count) by token id.
#[derive(Default)]
pub struct RateLimits(Mutex<HashMap<i64, (i64, u32)>>);

impl RateLimits {
    /// None when the request may go on; else the seconds until the window ends.
    fn hit(&self, token: i64, now: i64, limit: u32) -> Option<i64> {
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let window = now - now.rem_euclid(RATE_WINDOW_MS);
        let entry = m.entry(token).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        if entry.1 >= limit {
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
    api.route("/api/v1/{*rest}", any(|| async { not_found() }))
        .layer(from_fn_with_state(state, authenticate))
        .route("/api/openapi.json", get(openapi::serve))
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

fn not_found() -> Response {
    problem(StatusCode::NOT_FOUND, "Not found", "No such resource.")
}

fn bad_request(detail: &str) -> Response {
    problem(StatusCode::BAD_REQUEST, "Bad request", detail)
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
            E::NotFound => not_found(),
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
    let limit = s.k.config.server.api_requests_per_minute;
    let res = if let Some(wait) = s.api_limits.hit(caller.token.id, s.k.now(), limit) {
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

/// A created resource: 201 with its address.
fn created(location: String, v: Value) -> ApiResult {
    let mut res = (StatusCode::CREATED, Json(v)).into_response();
    if let Ok(l) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, l);
    }
    Ok(res)
}

/// The ids in a request's path, in order; anything but whole numbers is a
/// resource that does not exist (404 problem, not axum's plain-text 400).
pub(super) struct Ids(Vec<i64>);

impl<S: Send + Sync> FromRequestParts<S> for Ids {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Ids, Response> {
        let Path(raw) =
            Path::<Vec<(String, String)>>::from_request_parts(parts, state).await.map_err(|_| not_found())?;
        let ids: Option<Vec<i64>> = raw.iter().map(|(_, v)| v.parse::<i64>().ok()).collect();
        ids.map(Ids).ok_or_else(not_found)
    }
}

impl Ids {
    fn first(&self) -> i64 {
        self.0.first().copied().unwrap_or_default()
    }
}

/// A request's query as `T` (its fields strings, checked by the handler);
/// one it cannot read (a field twice) is a 400 problem.
pub(super) struct ApiQuery<T>(T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<ApiQuery<T>, Response> {
        let Query(q) = Query::<T>::from_request_parts(parts, state)
            .await
            .map_err(|_| bad_request("The query cannot be read; give each parameter once."))?;
        Ok(ApiQuery(q))
    }
}

/// A JSON object as `T`. Not JSON, not an object, not of `T`'s shape, or holding a control
/// character (which nothing typed holds, as the forms check): a 400 problem.
pub(super) struct Body<T>(T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = Response;
    async fn from_request(req: Request, state: &S) -> Result<Body<T>, Response> {
        let bytes =
            axum::body::Bytes::from_request(req, state).await.map_err(|_| bad_request("The body cannot be read."))?;
        let value: Value = serde_json::from_slice(&bytes).map_err(|_| bad_request("The body is not JSON."))?;
        // Every body is an object: serde would also read a struct from an array.
        if !value.is_object() {
            return Err(bad_request("The body is not a JSON object."));
        }
        if holds_control_character(&value) {
            return Err(bad_request("The body holds a control character."));
        }
        serde_json::from_value(value)
            .map(Body)
            .map_err(|_| bad_request("The body is not of the shape this operation takes; see /api/openapi.json."))
    }
}

fn holds_control_character(v: &Value) -> bool {
    match v {
        Value::String(s) => crate::forms::has_control_character(s),
        Value::Array(items) => items.iter().any(holds_control_character),
        Value::Object(fields) => {
            fields.iter().any(|(k, v)| crate::forms::has_control_character(k) || holds_control_character(v))
        }
        _ => false,
    }
}

// ---------------------------------------------------------------- pages

/// Page sizes: the default and the most.
pub const PAGE_DEFAULT: i64 = 50;
pub const PAGE_MAX: i64 = 200;

/// A cursor: the last id of a page, opaque to callers ("a" and the id in hex).
fn cursor(id: i64) -> String {
    format!("a{id:x}")
}

fn from_cursor(c: &str) -> Option<i64> {
    c.strip_prefix('a').and_then(|h| i64::from_str_radix(h, 16).ok()).filter(|id| *id >= 0)
}

/// A page's place: after which id, and how many; each checked.
fn page_params(checks: &mut Checks, after: Option<&str>, limit: Option<&str>) -> (i64, i64) {
    let after = after
        .and_then(|c| checks.check(from_cursor(c).ok_or(FieldError { field: "after", key: "api-error-cursor" })))
        .unwrap_or(0);
    let limit = limit
        .and_then(|l| {
            checks.check(
                l.parse::<i64>()
                    .ok()
                    .filter(|l| (1..=PAGE_MAX).contains(l))
                    .ok_or(FieldError { field: "limit", key: "api-error-limit" }),
            )
        })
        .unwrap_or(PAGE_DEFAULT);
    (after, limit)
}

/// An optional filter by team id.
fn team_param(checks: &mut Checks, team: Option<&str>) -> Option<i64> {
    team.and_then(|t| checks.check(t.parse::<i64>().map_err(|_| FieldError { field: "team", key: "api-error-number" })))
}

/// One page of `items`, fetched with one more than `limit` to know whether
/// a next page exists: `{items, next}`.
fn page_of<T>(mut items: Vec<T>, limit: i64, id: impl Fn(&T) -> i64, json: impl Fn(&T) -> Value) -> Value {
    let next = (items.len() as i64 > limit).then(|| {
        items.truncate(limit as usize);
        items.last().map(|x| cursor(id(x)))
    });
    json!({ "items": items.iter().map(json).collect::<Vec<_>>(), "next": next.flatten() })
}

/// The OpenAPI parameters of a page (and its filter by team).
fn page_query() -> Vec<Value> {
    vec![
        query_param("team", json!({ "type": "integer", "format": "int64" })),
        query_param("after", json!({ "type": "string" })),
        query_param("limit", json!({ "type": "integer", "minimum": 1, "maximum": PAGE_MAX })),
    ]
}

fn query_param(name: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "schema": schema })
}
