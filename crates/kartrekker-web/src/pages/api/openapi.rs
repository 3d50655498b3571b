//! `/api/openapi.json`: the OpenAPI 3.0 document of [`API_ROUTES`], with the
//! schemas of every body the API takes and answers, so that a client (or a
//! fuzzer, docs/decisions/0029) can check each answer against it.

use axum::Json;
use axum::response::{IntoResponse, Response};
use kartrekker::actions::Status;
use kartrekker::organisations::{OrgRole, TeamRole};
use kartrekker::people::Profession;
use kartrekker::trajectories::{Phase, SessionKind};
use serde_json::{Map, Value, json};

use super::{API_ROUTES, ApiRoute};

pub(super) async fn serve() -> Response {
    Json(openapi_document()).into_response()
}

/// The OpenAPI 3 document, its paths from [`API_ROUTES`].
pub fn openapi_document() -> Value {
    let mut paths = Map::new();
    for r in API_ROUTES {
        let entry = paths.entry(r.path.to_string()).or_insert_with(|| json!({}));
        entry[r.method] = operation(r);
    }
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Kartrekker API",
            "version": "1",
            "description": "An organisation's data for its own programs. Bearer tokens with scopes \
                (made by an administrator on /admin/api-tokens); errors as application/problem+json; \
                pages with cursors (`next`, passed back as `after`); a rate limit per token (429 with Retry-After)."
        },
        "paths": paths,
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": schemas(),
        }
    })
}

fn operation(r: &ApiRoute) -> Value {
    let ok = match r.ok {
        (204, _) => json!({ "description": "Done" }),
        (201, Some(schema)) => json!({
            "description": "Created",
            "headers": { "Location": { "required": true, "schema": { "type": "string" } } },
            "content": { "application/json": { "schema": reference(schema) } }
        }),
        (_, Some(schema)) => {
            json!({ "description": "OK", "content": { "application/json": { "schema": reference(schema) } } })
        }
        (_, None) => json!({ "description": "OK" }),
    };
    let mut ok = ok;
    if r.ok.0 == 201 {
        ok["links"] = links_from(r);
    }
    let mut responses = Map::new();
    responses.insert(r.ok.0.to_string(), ok);
    for (status, description) in [
        ("400", "The request cannot be read (not JSON, a field of another type, a control character)"),
        ("401", "No valid token"),
        ("403", "The token lacks the scope, or its maker the right"),
        ("404", "Not found, or not the organisation's"),
        ("409", "Refused by a rule (e.g. not in this phase, yourself)"),
        ("422", "Invalid input: `errors` names each field"),
        ("429", "Rate limit reached; see Retry-After"),
    ] {
        let mut p = json!({ "description": description, "content": { "application/problem+json": { "schema": reference("Problem") } } });
        match status {
            "401" => p["headers"] = json!({ "WWW-Authenticate": { "required": true, "schema": { "type": "string" } } }),
            "429" => p["headers"] = json!({ "Retry-After": { "required": true, "schema": { "type": "integer" } } }),
            _ => {}
        }
        responses.insert(status.to_string(), p);
    }
    let mut op = json!({
        "operationId": operation_id(r),
        "summary": r.summary,
        "security": [{ "bearer": [] }],
        "x-scope": r.scope.code(),
        "responses": responses,
    });
    let mut parameters: Vec<Value> = r
        .path
        .split('/')
        .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": "integer", "format": "int64" } }))
        .collect();
    parameters.extend((r.query)());
    if !parameters.is_empty() {
        op["parameters"] = Value::Array(parameters);
    }
    if let Some(body) = r.body {
        op["requestBody"] =
            json!({ "required": true, "content": { "application/json": { "schema": reference(body) } } });
    }
    op
}

/// What a client (or a fuzzer's stateful run) can do next with what a POST
/// created: every operation on `{path}/{id}` and below, given its `id`.
fn links_from(created: &ApiRoute) -> Value {
    let below = format!("{}/{{id}}", created.path);
    let mut links = Map::new();
    for r in API_ROUTES.iter().filter(|r| r.path.starts_with(&below)) {
        links.insert(
            operation_id(r),
            json!({ "operationId": operation_id(r), "parameters": { "id": "$response.body#/id" } }),
        );
    }
    Value::Object(links)
}

/// e.g. `get_api_v1_people_id`.
fn operation_id(r: &ApiRoute) -> String {
    let path: String =
        r.path.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect::<String>().replace("__", "_");
    format!("{}{}", r.method, path.trim_end_matches('_'))
}

fn reference(schema: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{schema}") })
}

fn codes(all: impl Iterator<Item = &'static str>) -> Value {
    Value::Array(all.map(|c| json!(c)).collect())
}

/// An object with these properties, all of them always there.
fn object(properties: Value) -> Value {
    let required: Vec<String> = properties.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default();
    json!({ "type": "object", "required": required, "properties": properties })
}

fn list_of(item: &str) -> Value {
    object(json!({ "items": { "type": "array", "items": reference(item) } }))
}

fn page_of(item: &str) -> Value {
    let mut v = list_of(item);
    if let Some(required) = v["required"].as_array_mut() {
        required.push(json!("next"));
    }
    v["properties"]["next"] = json!({ "type": "string", "nullable": true, "description": "The cursor of the next page (as `after`); null on the last" });
    v
}

fn schemas() -> Value {
    let int = json!({ "type": "integer", "format": "int64" });
    let text = json!({ "type": "string" });
    let date = json!({ "type": "string", "format": "date" });
    let nullable = |mut v: Value| {
        v["nullable"] = json!(true);
        v
    };
    let enumerated = |values: Value| json!({ "type": "string", "enum": values });
    let professions = codes(Profession::ALL.iter().map(|p| p.code()));
    let org_roles = codes(OrgRole::ALL.iter().map(|r| r.code()));
    let team_roles = codes(TeamRole::ALL.iter().map(|r| r.code()));
    let person = json!({
        "id": int, "name": text, "email": text, "profession": enumerated(professions),
        "status": enumerated(json!(["invited", "active", "deactivated"])),
    });
    let mut person_detail = person.clone();
    person_detail["org_roles"] = json!({ "type": "array", "items": enumerated(org_roles) });
    person_detail["teams"] = json!({ "type": "array", "items": object(json!({
        "id": int, "name": text, "roles": { "type": "array", "items": enumerated(team_roles.clone()) } })) });
    let trajectory = json!({
        "id": int, "team_id": int, "team": text, "trainer_id": int, "trainer": text,
        "phase": enumerated(codes(Phase::ALL.iter().map(|p| p.code()))), "phase_number": int, "started_on": date,
        "work_started_on": nullable(date.clone()), "work_weeks": int, "interval_months": int,
    });
    let mut trajectory_detail = trajectory.clone();
    trajectory_detail["work_ends_on"] = nullable(date.clone());
    trajectory_detail["phases"] = json!({ "type": "array", "items": object(json!({
        "phase": enumerated(codes(Phase::ALL.iter().map(|p| p.code()))), "number": int,
        "state": enumerated(json!(["done", "current", "to_come"])) })) });
    trajectory_detail["sessions"] = json!({ "type": "array", "items": object(json!({
        "id": int, "kind": enumerated(codes(SessionKind::ALL.iter().map(|k| k.code()))), "seq": int,
        "date": nullable(date.clone()), "start_time": nullable(text.clone()), "minutes": int,
        "held_on": nullable(date.clone()), "completed": { "type": "boolean" } })) });
    let suppressed = nullable(json!({ "type": "string", "enum": ["below_minimum_group", null],
        "description": "Why the figures are left out: the group is smaller than the organisation's minimum" }));
    json!({
        "Problem": {
            "type": "object",
            "required": ["type", "title", "status", "detail"],
            "properties": {
                "type": text, "title": text, "status": { "type": "integer" }, "detail": text,
                "errors": { "type": "array", "items": object(json!({ "field": text, "code": text, "message": text })) }
            }
        },
        "Team": object(json!({ "id": int, "name": text, "department_id": int, "department": text, "members": int })),
        "TeamList": list_of("Team"),
        "Membership": {
            "type": "object", "required": ["person_id", "role"],
            "properties": { "person_id": int, "role": enumerated(team_roles) }
        },
        "PersonSummary": object(person),
        "PersonList": list_of("PersonSummary"),
        "Person": object(person_detail),
        "NewPerson": {
            "type": "object", "required": ["name", "email", "profession"],
            "properties": {
                "name": text, "email": text,
                "profession": { "type": "string", "description": "A profession's code, or a word an HR export uses for it" },
                "org_roles": { "type": "array", "items": text }
            }
        },
        "PersonChange": {
            "type": "object",
            "description": "Left out or null: unchanged. The e-mail address cannot change (it is the log-in): \
                given, it must be the person's own.",
            "properties": {
                "name": nullable(text.clone()), "email": nullable(text.clone()), "profession": nullable(text.clone()),
                "org_roles": nullable(json!({ "type": "array", "items": text }))
            }
        },
        "Action": object(json!({
            "id": int, "team_id": int, "title": text, "goal": text, "kartrekker_id": nullable(int.clone()),
            "status": enumerated(codes(Status::ALL.iter().map(|s| s.code()))),
            "due_date": nullable(date.clone()), "evaluation_date": nullable(date.clone()),
        })),
        "ActionPage": page_of("Action"),
        "NewAction": {
            "type": "object", "required": ["team_id", "title", "goal", "kartrekker_id"],
            "properties": {
                "team_id": int, "title": text, "goal": text, "kartrekker_id": nullable(int.clone()),
                "due_date": text, "evaluation_date": text,
            }
        },
        "ActionChange": {
            "type": "object",
            "properties": { "status": nullable(text.clone()), "progress": nullable(text.clone()) }
        },
        "Trajectory": object(trajectory),
        "TrajectoryPage": page_of("Trajectory"),
        "TrajectoryDetail": object(trajectory_detail),
        "PulseRounds": object(json!({
            "team_id": int, "minimum_group": int,
            "items": { "type": "array", "items": object(json!({
                "id": int, "opens_on": date, "closes_on": date, "suppressed": suppressed,
                "respondents": nullable(int.clone()),
                "too_high": nullable(object(json!({ "count": int, "of": int, "percent": int }))),
                "means": { "type": "array", "items": object(json!({ "item": text, "mean": nullable(json!({ "type": "number" })) })) },
            })) }
        })),
        "CycleList": object(json!({
            "team_id": int,
            "items": { "type": "array", "items": object(json!({
                "id": int, "title": text, "self_evaluation_on": date, "preparation_on": date,
                "conversation_on": date, "action_plan_on": date, "feedback_closed": { "type": "boolean" } })) }
        })),
        "GroupResults": object(json!({
            "cycle_id": int, "title": text, "minimum_group": int, "suppressed": suppressed,
            "respondents": nullable(int.clone()),
            "sections": { "type": "array", "items": object(json!({
                "id": text, "mean": { "type": "number" }, "spread": nullable(json!({ "type": "number" })) })) }
        })),
    })
}
