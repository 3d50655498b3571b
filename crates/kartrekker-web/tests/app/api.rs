//! The JSON API (issue 20): an administrator makes a token with scopes on
//! the admin page, sees its secret once and revokes it; programs call
//! /api/v1 with it, limited to its organisation and scopes, a page at a
//! time, with errors as problem+json and a rate limit per token; every use
//! is in the audit trail; /api/openapi.json describes every route.

use kartrekker_testkit::*;
use kartrekker_web::pages::api::{API_ROUTES, RATE_WINDOW_MS};
use serde_json::{Value, json};

both_databases!(
    an_administrator_makes_a_token_sees_it_once_and_revokes_it,
    a_token_needs_to_be_valid_and_to_hold_the_scope,
    a_token_reaches_only_its_own_organisation,
    pages_of_actions_hold_every_action_exactly_once,
    actions_are_created_and_moved_with_the_pages_rules,
    each_token_is_limited_per_minute,
    the_openapi_document_describes_every_route,
    a_token_ends_with_its_makers_rights,
    people_are_created_changed_and_deactivated_with_the_pages_rules,
    team_membership_is_set_with_the_team_pages_rules,
    trajectories_are_read_a_page_at_a_time_with_their_phases,
    pulse_figures_below_the_minimum_group_are_suppressed,
    reflection_figures_below_the_minimum_group_are_suppressed,
);

both_backends!(a_fuzzer_finds_no_server_error_and_no_answer_outside_the_document);

/// A program calling the API with a bearer token (or none).
struct Api {
    http: reqwest::Client,
    base: String,
    token: Option<String>,
}

/// What the API answered: status, content type, Retry-After and the JSON body.
struct Answer {
    status: u16,
    content_type: String,
    retry_after: Option<String>,
    body: Value,
}

impl Api {
    fn new(app: &TestApp, token: Option<&str>) -> Api {
        Api { http: reqwest::Client::new(), base: app.base.clone(), token: token.map(str::to_string) }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Answer {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(t) = &self.token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        if let Some(b) = body {
            req = req.header("content-type", "application/json").body(b.to_string());
        }
        let res = req.send().await.unwrap();
        let header = |name: &str| res.headers().get(name).map(|v| v.to_str().unwrap().to_string());
        let (status, content_type, retry_after) =
            (res.status().as_u16(), header("content-type").unwrap_or_default(), header("retry-after"));
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer { status, content_type, retry_after, body }
    }
    async fn get(&self, path: &str) -> Answer {
        self.call(reqwest::Method::GET, path, None).await
    }
    async fn post(&self, path: &str, body: Value) -> Answer {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }
    async fn patch(&self, path: &str, body: Value) -> Answer {
        self.call(reqwest::Method::PATCH, path, Some(body)).await
    }
}

fn is_problem(a: &Answer, status: u16) -> bool {
    a.status == status
        && a.content_type == "application/problem+json"
        && a.body["status"] == json!(status)
        && a.body["title"].is_string()
}

/// The secret on the page after creating a token.
fn secret_on(page: &Page) -> String {
    let start = page.body.find("<code id=\"api-secret\">").expect("the secret is shown") + 22;
    page.body[start..start + page.body[start..].find('<').unwrap()].to_string()
}

/// A token made through the admin page by `o`'s administrator, who also
/// joins the team (a token acts with its maker's rights).
async fn token(app: &TestApp, o: &Org, name: &str, scopes: &[&str]) -> String {
    let admin = actor(app, &o.admin).await;
    if !admin.in_team(o.team_id) {
        app.k.add_member(&admin, o.team_id, &admin.id().to_string(), "member").await.unwrap();
    }
    let c = Client::logged_in(app, &o.admin).await;
    c.get("/admin/api-tokens").await;
    let mut form = vec![("name", name)];
    form.extend(scopes.iter().map(|s| ("scopes", *s)));
    let p = c.post("/admin/api-tokens", &form).await;
    assert_eq!(p.status, 200, "{}", p.body);
    secret_on(&p)
}

async fn audited(app: &TestApp, action: &str) -> i64 {
    kartrekker::db::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(&app.k.db)
        .await
        .unwrap()
}

async fn an_administrator_makes_a_token_sees_it_once_and_revokes_it(app: TestApp) {
    let o = org(&app, "Ziekenhuis Api").await;
    let c = Client::logged_in(&app, &o.admin).await;
    assert!(c.get("/admin/api-tokens").await.has("API-tokens"));

    // No name and no scope: the form again, with both messages.
    let p = c.post("/admin/api-tokens", &[("name", " ")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Geef het token een naam.");
    p.assert_has("Kies minstens één scope.");
    assert_eq!(count(&app, "api_tokens").await, 0);

    let p = c.post("/admin/api-tokens", &[("name", "Roosterkoppeling"), ("scopes", "people:read")]).await;
    assert_eq!(p.status, 200, "{}", p.body);
    let secret = secret_on(&p);
    assert_eq!(secret.len(), 64);
    // Stored as its hash only, and never shown again.
    let stored: String =
        kartrekker::db::query_scalar("SELECT token_hash FROM api_tokens").fetch_one(&app.k.db).await.unwrap();
    assert_eq!(stored, kartrekker::auth::token::digest(&secret));
    let list = c.get("/admin/api-tokens").await;
    list.assert_has("Roosterkoppeling");
    list.assert_has("people:read");
    list.assert_has("Nooit");
    assert!(!list.has(&secret));

    let api = Api::new(&app, Some(&secret));
    assert_eq!(api.get("/api/v1/people").await.status, 200);
    assert!(!c.get("/admin/api-tokens").await.has("Nooit"), "last used is shown");

    // Someone who is not an administrator has no such page.
    let leader = Client::logged_in(&app, &o.leader).await;
    assert_eq!(leader.get("/admin/api-tokens").await.status, 403);

    let id: i64 = kartrekker::db::query_scalar("SELECT id FROM api_tokens").fetch_one(&app.k.db).await.unwrap();
    c.get("/admin/api-tokens").await;
    assert_eq!(c.post(&format!("/admin/api-tokens/{id}/revoke"), &[]).await.status, 303);
    c.get("/admin/api-tokens").await.assert_has("Ingetrokken");
    assert!(is_problem(&api.get("/api/v1/people").await, 401));

    assert_eq!(audited(&app, "create_api_token").await, 1);
    assert_eq!(audited(&app, "revoke_api_token").await, 1);
    // The one use; a request with a revoked token belongs to no token.
    assert_eq!(audited(&app, "use_api").await, 1);
}

async fn a_token_needs_to_be_valid_and_to_hold_the_scope(app: TestApp) {
    let o = org(&app, "Ziekenhuis Scope").await;
    let reader = token(&app, &o, "Lezer", &["people:read"]).await;

    let none = Api::new(&app, None).get("/api/v1/teams").await;
    assert!(is_problem(&none, 401));
    assert!(is_problem(&Api::new(&app, Some("not-a-token")).get("/api/v1/teams").await, 401));

    let api = Api::new(&app, Some(&reader));
    let teams = api.get("/api/v1/teams").await;
    assert_eq!(teams.status, 200);
    assert_eq!(teams.body["items"][0]["id"], json!(o.team_id));
    let people = api.get("/api/v1/people").await;
    assert!(people.body["items"].as_array().unwrap().iter().any(|p| p["id"] == json!(o.member_id)));
    // No actions:read, no actions:write.
    assert!(is_problem(&api.get("/api/v1/actions").await, 403));
    let new = json!({ "team_id": o.team_id, "title": "Nee", "goal": "Nee", "kartrekker_id": o.member_id });
    assert!(is_problem(&api.post("/api/v1/actions", new).await, 403));
    assert_eq!(count(&app, "actions").await, 0);
    // A cookie is no way in either.
    let browser = Client::logged_in(&app, &o.admin).await;
    assert_eq!(browser.get("/api/v1/teams").await.status, 401);
}

async fn a_token_reaches_only_its_own_organisation(app: TestApp) {
    let a = org(&app, "Ziekenhuis Eigen").await;
    let b = org(&app, "Ziekenhuis Ander").await;
    let all = ["people:read", "actions:read", "actions:write"];
    let ta = token(&app, &a, "A", &all).await;
    let theirs = register_action(&app, &b.leader, &b, "Van B", b.member_id, 5).await;
    register_action(&app, &a.leader, &a, "Van A", a.member_id, 5).await;

    let api = Api::new(&app, Some(&ta));
    let teams = api.get("/api/v1/teams").await;
    assert_eq!(teams.body["items"].as_array().unwrap().len(), 1);
    let people = api.get("/api/v1/people").await.body;
    let ids: Vec<i64> = people["items"].as_array().unwrap().iter().map(|p| p["id"].as_i64().unwrap()).collect();
    assert!(ids.contains(&a.member_id) && !ids.contains(&b.member_id), "{ids:?}");
    let actions = api.get("/api/v1/actions").await;
    let titles: Vec<&str> =
        actions.body["items"].as_array().unwrap().iter().map(|x| x["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Van A"]);
    assert!(is_problem(&api.get(&format!("/api/v1/actions?team={}", b.team_id)).await, 404));
    assert!(is_problem(&api.patch(&format!("/api/v1/actions/{theirs}"), json!({ "status": "done" })).await, 404));
    let into_b = json!({ "team_id": b.team_id, "title": "Inbraak", "goal": "Nee", "kartrekker_id": b.member_id });
    assert!(is_problem(&api.post("/api/v1/actions", into_b).await, 404));
    let status: String = kartrekker::db::query_scalar("SELECT status FROM actions WHERE id = $1")
        .bind(theirs)
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    assert_eq!(status, "open");
}

async fn pages_of_actions_hold_every_action_exactly_once(app: TestApp) {
    let o = org(&app, "Ziekenhuis Pagina").await;
    let t = token(&app, &o, "Lezer", &["actions:read"]).await;
    let mut made = Vec::new();
    for n in 0..7 {
        made.push(register_action(&app, &o.leader, &o, &format!("Actie {n}"), o.member_id, n + 1).await);
    }
    let api = Api::new(&app, Some(&t));
    let (mut seen, mut next, mut pages) = (Vec::new(), None::<String>, 0);
    loop {
        let path = match &next {
            Some(c) => format!("/api/v1/actions?limit=3&after={c}"),
            None => "/api/v1/actions?limit=3".to_string(),
        };
        let page = api.get(&path).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let items = page.body["items"].as_array().unwrap();
        assert!(items.len() <= 3);
        seen.extend(items.iter().map(|a| a["id"].as_i64().unwrap()));
        pages += 1;
        match page.body["next"].as_str() {
            Some(c) => next = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, made);
    // Filters: by status, and by team.
    let moved = api.get(&format!("/api/v1/actions?status=done&team={}", o.team_id)).await;
    assert_eq!(moved.body["items"].as_array().unwrap().len(), 0);
    // A cursor or limit that is not one: a problem naming the field.
    let bad = api.get("/api/v1/actions?after=xyz&limit=0").await;
    assert!(is_problem(&bad, 422));
    let fields: Vec<&str> =
        bad.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["after", "limit"]);
}

async fn actions_are_created_and_moved_with_the_pages_rules(app: TestApp) {
    let o = org(&app, "Ziekenhuis Schrijf").await;
    let t = token(&app, &o, "Schrijver", &["actions:read", "actions:write"]).await;
    let api = Api::new(&app, Some(&t));

    // The register's own checks: a title, a kartrekker from the team, no date in the past.
    let past = app.k.today().add_days(-1).to_string();
    let bad = json!({ "team_id": o.team_id, "title": "", "goal": "Rust" });
    let answer = api.post("/api/v1/actions", bad).await;
    assert!(is_problem(&answer, 422), "{}", answer.body);
    let errors = answer.body["errors"].as_array().unwrap();
    assert!(errors.iter().any(|e| e["field"] == "title" && e["code"] == "error-title-required"));
    assert!(errors.iter().any(|e| e["field"] == "kartrekker" && e["message"].is_string()));
    let late = json!({ "team_id": o.team_id, "title": "Laat", "goal": "Rust", "kartrekker_id": o.member_id, "due_date": past });
    let answer = api.post("/api/v1/actions", late).await;
    assert!(is_problem(&answer, 422) && answer.body["errors"][0]["field"] == "due_date", "{}", answer.body);
    assert_eq!(count(&app, "actions").await, 0);
    let not_json = api.call(reqwest::Method::POST, "/api/v1/actions", None).await;
    assert!(is_problem(&not_json, 400));

    let due = app.k.today().add_days(7).to_string();
    let good = json!({ "team_id": o.team_id, "title": "Overdracht aan bed", "goal": "Rust", "kartrekker_id": o.member_id, "due_date": due });
    let made = api.post("/api/v1/actions", good).await;
    assert_eq!(made.status, 201, "{}", made.body);
    let id = made.body["id"].as_i64().unwrap();
    assert_eq!(made.body["status"], "open");

    let moved =
        api.patch(&format!("/api/v1/actions/{id}"), json!({ "status": "in_progress", "progress": "Gestart" })).await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    assert_eq!(moved.body["status"], "in_progress");
    let page = app.k.action_page(&actor(&app, &o.leader).await, id).await.unwrap();
    assert_eq!(page.updates.len(), 1);
    assert!(page.history.iter().any(|h| h.field == "status"));
    assert!(is_problem(&api.patch(&format!("/api/v1/actions/{id}"), json!({ "status": "gone" })).await, 422));
    assert!(is_problem(&api.patch("/api/v1/actions/999999", json!({ "status": "done" })).await, 404));
    assert!(audited(&app, "use_api").await >= 6);
}

async fn each_token_is_limited_per_minute(app: TestApp) {
    let o = org(&app, "Ziekenhuis Limiet").await;
    let t = token(&app, &o, "Druk", &["people:read"]).await;
    let other = token(&app, &o, "Rustig", &["people:read"]).await;
    // Start at a window's beginning, so the whole limit falls in one.
    let now = app.k.now();
    app.clock.advance_ms(RATE_WINDOW_MS - now.rem_euclid(RATE_WINDOW_MS));
    let api = Api::new(&app, Some(&t));
    for _ in 0..app.k.config.server.api_requests_per_minute {
        assert_eq!(api.get("/api/v1/teams").await.status, 200);
    }
    let refused = api.get("/api/v1/teams").await;
    assert!(is_problem(&refused, 429));
    assert_eq!(refused.retry_after.as_deref(), Some("60"));
    // Another token has its own count.
    assert_eq!(Api::new(&app, Some(&other)).get("/api/v1/teams").await.status, 200);
    app.clock.advance_ms(RATE_WINDOW_MS);
    assert_eq!(api.get("/api/v1/teams").await.status, 200);
}

async fn the_openapi_document_describes_every_route(app: TestApp) {
    let doc = Api::new(&app, None).get("/api/openapi.json").await;
    assert_eq!(doc.status, 200);
    assert!(doc.body["openapi"].as_str().unwrap().starts_with("3."));
    assert!(API_ROUTES.len() >= 5);
    for r in API_ROUTES {
        let op = &doc.body["paths"][r.path][r.method];
        assert!(op.is_object(), "{} {} is not in the document", r.method, r.path);
        assert_eq!(op["x-scope"], r.scope.code());
    }
    // And the router serves each of them: without a token, 401 rather than 404.
    let api = Api::new(&app, None);
    for r in API_ROUTES {
        let path = r.path.replace("{id}", "1").replace("{person_id}", "1");
        let method = reqwest::Method::from_bytes(r.method.to_uppercase().as_bytes()).unwrap();
        assert_eq!(api.call(method, &path, None).await.status, 401, "{} {}", r.method, r.path);
    }
    assert_eq!(Api::new(&app, None).get("/api/v1/nothing").await.status, 401);
    // Exactly the routes, and a valid OpenAPI 3.0 document: read as one by a
    // typed model of the specification.
    let paths = doc.body["paths"].as_object().unwrap();
    let operations: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(operations, API_ROUTES.len());
    let spec: openapiv3::OpenAPI = serde_json::from_value(doc.body.clone()).expect("a valid OpenAPI 3 document");
    assert_eq!(spec.operations().count(), API_ROUTES.len());
    // Every schema an operation names is in the document.
    let schemas = &spec.components.as_ref().unwrap().schemas;
    let text = doc.body.to_string();
    for name in text.split("#/components/schemas/").skip(1).map(|rest| rest.split('"').next().unwrap()) {
        assert!(schemas.contains_key(name), "{name} is referred to but not described");
    }
}

async fn a_token_ends_with_its_makers_rights(app: TestApp) {
    let o = org(&app, "Ziekenhuis Einde").await;
    let admin = actor(&app, &o.admin).await;
    let email = "tweede@einde.test";
    let second = app.k.create_person(&admin, "Tweede Beheerder", email, "manager", &["admin".into()]).await.unwrap();
    activate(&app, email).await;
    let c = Client::logged_in(&app, email).await;
    c.get("/admin/api-tokens").await;
    let secret = secret_on(&c.post("/admin/api-tokens", &[("name", "Koppeling"), ("scopes", "people:read")]).await);
    let api = Api::new(&app, Some(&secret));
    assert_eq!(api.get("/api/v1/teams").await.status, 200);

    app.k.deactivate_person(&admin, second).await.unwrap();
    assert!(is_problem(&api.get("/api/v1/teams").await, 401));
    assert_eq!(count(&app, "api_tokens").await, 0);
}

async fn people_are_created_changed_and_deactivated_with_the_pages_rules(app: TestApp) {
    let o = org(&app, "Ziekenhuis Hr").await;
    let t = token(&app, &o, "HR-koppeling", &["people:read", "people:write"]).await;
    let api = Api::new(&app, Some(&t));

    // The admin form's checks: a name, an address, a known profession and role.
    let bad = api
        .post(
            "/api/v1/people",
            json!({ "name": " ", "email": "geen-adres", "profession": "astronaut", "org_roles": ["koning"] }),
        )
        .await;
    assert!(is_problem(&bad, 422), "{}", bad.body);
    let fields: Vec<&str> =
        bad.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["name", "email", "profession", "org_roles"]);
    // An address taken in the organisation.
    let taken = api
        .post("/api/v1/people", json!({ "name": "Dubbel", "email": o.member.to_uppercase(), "profession": "hbo-v" }))
        .await;
    assert!(is_problem(&taken, 422) && taken.body["errors"][0]["code"] == "error-email-taken", "{}", taken.body);
    let (people, jobs) = (count(&app, "people").await, count(&app, "jobs").await);

    let made = api
        .post(
            "/api/v1/people",
            json!({ "name": "Nina Nieuw", "email": "nina@hr.test", "profession": "HBO-V", "org_roles": ["hr"] }),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    assert_eq!(count(&app, "people").await, people + 1);
    let id = made.body["id"].as_i64().unwrap();
    assert_eq!(made.body["status"], "invited");
    assert_eq!(made.body["profession"], "bachelor_nurse");
    assert_eq!(made.body["org_roles"], json!(["hr"]));
    assert_eq!(api.get(&format!("/api/v1/people/{id}")).await.body["email"], "nina@hr.test");
    // Invited by e-mail, as from the admin form.
    assert_eq!(count(&app, "jobs").await, jobs + 1);

    // A change keeps what it leaves out; the address cannot change.
    let path = format!("/api/v1/people/{id}");
    let changed = api.patch(&path, json!({ "name": "Nina de Nieuw", "email": "nina@hr.test" })).await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(
        (changed.body["name"].as_str(), changed.body["org_roles"].clone()),
        (Some("Nina de Nieuw"), json!(["hr"]))
    );
    let moved = api.patch(&path, json!({ "email": "ander@hr.test" })).await;
    assert!(is_problem(&moved, 422) && moved.body["errors"][0]["field"] == "email", "{}", moved.body);
    let roles = api.patch(&path, json!({ "org_roles": ["program_leader", "hr"], "profession": "manager" })).await;
    assert_eq!(roles.body["org_roles"], json!(["program_leader", "hr"]));
    assert_eq!(roles.body["profession"], "manager");
    // The organisation keeps an administrator: the token's maker cannot drop the role.
    let admin_id = actor(&app, &o.admin).await.id();
    let last = api.patch(&format!("/api/v1/people/{admin_id}"), json!({ "org_roles": [] })).await;
    assert!(is_problem(&last, 422) && last.body["errors"][0]["code"] == "error-last-admin", "{}", last.body);

    // Deactivating: twice is once; the person cannot log in; reactivating undoes it.
    let off = api.post(&format!("{path}/deactivate"), json!({})).await;
    assert_eq!((off.status, off.body["status"].as_str()), (200, Some("deactivated")), "{}", off.body);
    assert_eq!(api.post(&format!("{path}/deactivate"), json!({})).await.status, 200);
    assert_eq!(audited(&app, "deactivate_person").await, 1);
    let on = api.post(&format!("{path}/reactivate"), json!({})).await;
    assert_eq!(on.body["status"], "invited");
    // Not oneself, and not another organisation's person.
    assert!(is_problem(&api.post(&format!("/api/v1/people/{admin_id}/deactivate"), json!({})).await, 409));
    let other = org(&app, "Ziekenhuis Elders").await;
    assert!(is_problem(&api.post(&format!("/api/v1/people/{}/deactivate", other.member_id), json!({})).await, 404));
    assert!(is_problem(&api.patch(&format!("/api/v1/people/{}", other.member_id), json!({ "name": "X" })).await, 404));
    assert!(is_problem(&api.get("/api/v1/people/abc").await, 404));
    // Without people:write, nothing is written.
    let people = count(&app, "people").await;
    let reader = Api::new(&app, Some(&token(&app, &o, "Lezer", &["people:read"]).await));
    assert!(is_problem(&reader.post(&format!("{path}/deactivate"), json!({})).await, 403));
    let sneaky = json!({ "name": "Niet", "email": "niet@hr.test", "profession": "arts" });
    assert!(is_problem(&reader.post("/api/v1/people", sneaky).await, 403));
    // A body that is not of the shape, or holds a control character: 400, nothing written.
    assert!(is_problem(&api.post("/api/v1/people", json!({ "name": 5 })).await, 400));
    let nul = json!({ "name": "Nul\u{0}", "email": "nul@hr.test", "profession": "arts" });
    assert!(is_problem(&api.post("/api/v1/people", nul).await, 400));
    assert_eq!(count(&app, "people").await, people);
}

async fn team_membership_is_set_with_the_team_pages_rules(app: TestApp) {
    let o = org(&app, "Ziekenhuis Team").await;
    let t = token(&app, &o, "Rooster", &["people:read", "people:write"]).await;
    let api = Api::new(&app, Some(&t));
    let admin = actor(&app, &o.admin).await;
    let id = app.k.create_person(&admin, "Tim Team", "tim@team.test", "hbo-v", &[]).await.unwrap();
    let members = format!("/api/v1/teams/{}/members", o.team_id);

    let bad = api.post(&members, json!({ "person_id": 0, "role": "koning" })).await;
    assert!(is_problem(&bad, 422), "{}", bad.body);
    let fields: Vec<&str> =
        bad.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["person", "role"]);
    let added = api.post(&members, json!({ "person_id": id, "role": "team_leader" })).await;
    assert_eq!(added.status, 200, "{}", added.body);
    assert_eq!(added.body["teams"], json!([{ "id": o.team_id, "name": "Interne B3", "roles": ["team_leader"] }]));
    let other = org(&app, "Ziekenhuis Ander Team").await;
    assert!(is_problem(
        &api.post(&format!("/api/v1/teams/{}/members", other.team_id), json!({ "person_id": id, "role": "member" }))
            .await,
        404
    ));

    let removed = api.call(reqwest::Method::DELETE, &format!("{members}/{id}"), None).await;
    assert_eq!(removed.status, 204);
    assert_eq!(api.get(&format!("/api/v1/people/{id}")).await.body["teams"], json!([]));
    assert!(is_problem(&api.call(reqwest::Method::DELETE, &format!("{members}/{id}"), None).await, 404));
}

async fn trajectories_are_read_a_page_at_a_time_with_their_phases(app: TestApp) {
    let t = trajectory_org(&app, "Ziekenhuis Traject").await;
    let o = &t.o;
    let admin = actor(&app, &o.admin).await;
    let pl = actor(&app, &t.pl).await;
    // Three teams with a trajectory each, and one the token's maker is not in.
    let mut teams = vec![o.team_id];
    for name in ["Cardio", "Longziekten", "Verborgen"] {
        teams.push(app.k.create_team(&admin, &o.department_id.to_string(), name).await.unwrap());
    }
    let mut ids = Vec::new();
    for team in &teams {
        app.k.add_member(&admin, *team, &t.trainer_id.to_string(), "trainer").await.unwrap();
        ids.push(app.k.start_trajectory(&pl, *team, &t.trainer_id.to_string()).await.unwrap());
    }
    for team in &teams[1..3] {
        app.k.add_member(&admin, *team, &admin.id().to_string(), "member").await.unwrap();
    }
    let trainer = actor(&app, &t.trainer).await;
    app.k.advance_trajectory(&trainer, o.team_id, ids[0], "intake").await.unwrap();
    let tk = token(&app, o, "BI", &["trajectories:read"]).await;
    let api = Api::new(&app, Some(&tk));

    let first = api.get("/api/v1/trajectories?limit=2").await;
    assert_eq!(first.status, 200, "{}", first.body);
    let next = first.body["next"].as_str().unwrap().to_string();
    let second = api.get(&format!("/api/v1/trajectories?limit=2&after={next}")).await;
    assert!(second.body["next"].is_null());
    let seen: Vec<i64> = [&first, &second]
        .iter()
        .flat_map(|p| p.body["items"].as_array().unwrap().iter().map(|x| x["id"].as_i64().unwrap()).collect::<Vec<_>>())
        .collect();
    assert_eq!(seen, ids[..3], "the team the maker is not in stays out");
    assert_eq!(first.body["items"][0]["phase"], "observation");
    assert_eq!(first.body["items"][0]["trainer"], "Tom Trainer");
    let one = api.get(&format!("/api/v1/trajectories?team={}", teams[1])).await;
    assert_eq!(one.body["items"].as_array().unwrap().len(), 1);
    assert!(is_problem(&api.get(&format!("/api/v1/trajectories?team={}", teams[3])).await, 404));
    assert!(is_problem(&api.get(&format!("/api/v1/trajectories/{}", ids[3])).await, 404));
    assert!(is_problem(&api.get("/api/v1/trajectories?team=x&limit=900").await, 422));

    let detail = api.get(&format!("/api/v1/trajectories/{}", ids[0])).await;
    assert_eq!(detail.status, 200, "{}", detail.body);
    let states: Vec<&str> =
        detail.body["phases"].as_array().unwrap().iter().map(|p| p["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["done", "current", "to_come", "to_come", "to_come", "to_come"]);
    assert_eq!(detail.body["started_on"], app.k.today().to_string());
    assert!(detail.body["sessions"].is_array());
    // Another organisation's trajectory does not exist for this token.
    let other = trajectory_org(&app, "Ziekenhuis Ander Traject").await;
    let theirs =
        app.k.start_trajectory(&actor(&app, &other.pl).await, other.o.team_id, &other.trainer_id.to_string()).await;
    assert!(is_problem(&api.get(&format!("/api/v1/trajectories/{}", theirs.unwrap())).await, 404));
}

/// The organisation at a minimum group of 3, with the token's maker leading
/// the team and following every team's pulse (HR), and three more members.
async fn results_org(app: &TestApp, name: &str, scopes: &[&str]) -> (Org, Api, Vec<String>) {
    let o = org(app, name).await;
    let emails = crate::reflection::group_of_five(app, &o).await;
    let admin = actor(app, &o.admin).await;
    app.k.update_person(&admin, admin.id(), "Anna Admin", "manager", &["admin".into(), "hr".into()]).await.unwrap();
    app.k.add_member(&admin, o.team_id, &admin.id().to_string(), "team_leader").await.unwrap();
    let t = token(app, &o, "Dashboard", scopes).await;
    (o, Api::new(app, Some(&t)), emails)
}

async fn pulse_figures_below_the_minimum_group_are_suppressed(app: TestApp) {
    let (o, api, emails) = results_org(&app, "Ziekenhuis Puls", &["pulse:read"]).await;
    let leader = actor(&app, &o.leader).await;
    let instrument = app.k.latest_shipped_instrument("werkdrukpulse").await.unwrap().id.to_string();
    let today = app.k.today().to_string();
    let input = kartrekker::pulse::ScheduleInput {
        instrument: &instrument,
        every_days: "14",
        open_days: "7",
        starts_on: &today,
    };
    app.k.set_pulse_schedule(&leader, o.team_id, &input).await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let round: i64 = kartrekker::db::query_scalar("SELECT id FROM pulse_rounds WHERE team_id = $1")
        .bind(o.team_id)
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    let answer = |email: String| {
        let app = &app;
        async move {
            let a = actor(app, &email).await;
            let posted: Vec<(String, String)> = [
                ("q-workload", "4"),
                ("q-fatigue", "2"),
                ("q-joy", "4"),
                ("q-heard", "3"),
                ("q-safety", "5"),
                ("q-open", "Mijn eigen woorden"),
            ]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
            assert!(app.k.answer_pulse(&a, round, &posted).await.unwrap().is_empty());
        }
    };
    let path = format!("/api/v1/teams/{}/pulse-rounds", o.team_id);
    for email in &emails[..2] {
        answer(email.clone()).await;
    }
    // Two answered, the minimum is three: no figure, not even how many.
    let below = api.get(&path).await;
    assert_eq!(below.status, 200, "{}", below.body);
    let r = &below.body["items"][0];
    assert_eq!(below.body["minimum_group"], 3);
    assert_eq!(r["suppressed"], "below_minimum_group");
    assert!(r["respondents"].is_null() && r["too_high"].is_null() && r["means"] == json!([]), "{r}");
    // The team's pulse page says the same to the same person.
    let page = Client::logged_in(&app, &o.admin).await.get(&format!("/teams/{}/pulse", o.team_id)).await;
    page.assert_has("te weinig");

    answer(emails[2].clone()).await;
    let shown = api.get(&path).await;
    let r = &shown.body["items"][0];
    assert!(r["suppressed"].is_null(), "{r}");
    assert_eq!(r["respondents"], 3);
    assert_eq!(r["too_high"], json!({ "count": 3, "of": 3, "percent": 100 }));
    assert!(r["means"].as_array().unwrap().iter().any(|m| m["item"] == "joy" && m["mean"] == json!(4.0)));
    // Never an open answer, never a person.
    assert!(!shown.body.to_string().contains("Mijn eigen woorden"));
    // Without pulse:read, or for another organisation's team: nothing.
    let other = org(&app, "Ziekenhuis Ander Puls").await;
    assert!(is_problem(&api.get(&format!("/api/v1/teams/{}/pulse-rounds", other.team_id)).await, 404));
    let no_scope = Api::new(&app, Some(&token(&app, &o, "Zonder", &["people:read"]).await));
    assert!(is_problem(&no_scope.get(&path).await, 403));
}

async fn reflection_figures_below_the_minimum_group_are_suppressed(app: TestApp) {
    let (o, api, emails) = results_org(&app, "Ziekenhuis Reflectie", &["reflection:read"]).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let leader_actor = actor(&app, &o.leader).await;
    let mut clients = Vec::new();
    for e in &emails[..3] {
        clients.push(Client::logged_in(&app, e).await);
    }
    // Two cycles: two answer the first, three the second.
    let mut ids = Vec::new();
    for answering in [2, 3] {
        let cycle = crate::reflection::start_cycle(&app, &o, &leader, "3").await;
        for c in &clients[..answering] {
            crate::reflection::answer(c, &cycle, "self", 4, "").await;
        }
        let id: i64 = cycle.rsplit('/').next().unwrap().parse().unwrap();
        let results = api.get(&format!("/api/v1/reflection-cycles/{id}/results")).await;
        assert!(is_problem(&results, 409), "no results before the feedback closes: {}", results.body);
        app.k.close_reflection_feedback(&leader_actor, id).await.unwrap();
        ids.push(id);
    }
    let cycles = api.get(&format!("/api/v1/teams/{}/reflection-cycles", o.team_id)).await;
    assert_eq!(cycles.status, 200, "{}", cycles.body);
    assert_eq!(cycles.body["items"].as_array().unwrap().len(), 2);

    let below = api.get(&format!("/api/v1/reflection-cycles/{}/results", ids[0])).await;
    assert_eq!(below.status, 200, "{}", below.body);
    assert_eq!(below.body["suppressed"], "below_minimum_group");
    assert!(below.body["respondents"].is_null() && below.body["sections"] == json!([]), "{}", below.body);
    let page = Client::logged_in(&app, &o.admin).await.get(&format!("/reflection/{}/group", ids[0])).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.assert_has("Te weinig zelfevaluaties om groepsresultaten te tonen");

    let shown = api.get(&format!("/api/v1/reflection-cycles/{}/results", ids[1])).await;
    let page = Client::logged_in(&app, &o.admin).await.get(&format!("/reflection/{}/group", ids[1])).await;
    assert!(!page.has("Te weinig zelfevaluaties"), "three show on the page, as in the API");
    assert!(shown.body["suppressed"].is_null(), "{}", shown.body);
    assert_eq!(shown.body["respondents"], 3);
    let sections = shown.body["sections"].as_array().unwrap();
    assert!(!sections.is_empty() && sections.iter().all(|x| x["mean"] == json!(4.0)), "{}", shown.body);
    let other = org(&app, "Ziekenhuis Ander Reflectie").await;
    assert!(is_problem(&api.get(&format!("/api/v1/teams/{}/reflection-cycles", other.team_id)).await, 404));
}

/// Schemathesis (property-based, from PyPI; `./scripts/test` installs it and
/// names its `st` in KARTREKKER_SCHEMATHESIS) against /api/openapi.json, with
/// a token holding every scope on an organisation with data in every area:
/// no answer may be a server error or differ from the document (status,
/// content type, headers, body schema), and data the document rules out must
/// be refused. Not checked: that every request the schema allows succeeds,
/// since the services refuse some on their rules (422: an address taken, a
/// date in the past).
async fn a_fuzzer_finds_no_server_error_and_no_answer_outside_the_document(backend: kartrekker::db::Backend) {
    let st = std::env::var("KARTREKKER_SCHEMATHESIS")
        .expect("KARTREKKER_SCHEMATHESIS must name schemathesis's `st` (./scripts/test installs it into .venv-st)");
    // The fuzzer makes hundreds of requests a minute.
    let app = TestApp::spawn_configured(backend, |c| c.server.api_requests_per_minute = 1_000_000).await;
    let t = trajectory_org(&app, "Ziekenhuis Fuzz").await;
    let o = &t.o;
    min_group_size(&app, &o.admin, 3).await;
    let admin = actor(&app, &o.admin).await;
    app.k
        .update_person(
            &admin,
            admin.id(),
            "Anna Admin",
            "manager",
            &["admin".into(), "hr".into(), "program_leader".into()],
        )
        .await
        .unwrap();
    app.k.add_member(&admin, o.team_id, &admin.id().to_string(), "team_leader").await.unwrap();
    for n in 0..3 {
        register_action(&app, &o.leader, o, &format!("Actie {n}"), o.member_id, n + 1).await;
    }
    app.k.start_trajectory(&actor(&app, &t.pl).await, o.team_id, &t.trainer_id.to_string()).await.unwrap();
    let leader = actor(&app, &o.leader).await;
    let instrument = app.k.latest_shipped_instrument("werkdrukpulse").await.unwrap().id.to_string();
    let today = app.k.today().to_string();
    let input = kartrekker::pulse::ScheduleInput {
        instrument: &instrument,
        every_days: "14",
        open_days: "7",
        starts_on: &today,
    };
    app.k.set_pulse_schedule(&leader, o.team_id, &input).await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let cycle = crate::reflection::start_cycle(&app, o, &Client::logged_in(&app, &o.leader).await, "3").await;
    let cycle: i64 = cycle.rsplit('/').next().unwrap().parse().unwrap();
    app.k.close_reflection_feedback(&leader, cycle).await.unwrap();
    let all: Vec<&str> = kartrekker::api::Scope::ALL.iter().map(|s| s.code()).collect();
    let secret = token(&app, o, "Fuzzer", &all).await;

    // Run from a directory of its own: hypothesis keeps its example database there.
    let dir = std::env::temp_dir().join(format!("kt-schemathesis-{}-{}", backend_name(backend), std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut cmd = std::process::Command::new(&st);
    cmd.current_dir(&dir)
        .args(["run", &app.url("/api/openapi.json")])
        .args(["--header", &format!("Authorization: Bearer {secret}")])
        .args(["--checks", "all", "--exclude-checks", "positive_data_acceptance"])
        .args([
            "--max-examples",
            "15",
            "--seed",
            "20",
            "--workers",
            "1",
            "--phases",
            "examples,coverage,fuzzing,stateful",
        ])
        .args(["--request-timeout", "10", "--suppress-health-check", "all"])
        .env("NO_COLOR", "1")
        .env("SCHEMATHESIS_TELEMETRY", "false");
    let out = tokio::task::spawn_blocking(move || cmd.output())
        .await
        .unwrap()
        .unwrap_or_else(|e| panic!("running {st}: {e}"));
    let text = format!("{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success(), "schemathesis found problems:\n{text}");
    // It ran every operation (a run that tested nothing passes too).
    assert!(text.contains(&format!("{} selected", API_ROUTES.len())), "{text}");
}

fn backend_name(backend: kartrekker::db::Backend) -> &'static str {
    match backend {
        kartrekker::db::Backend::Sqlite => "sqlite",
        kartrekker::db::Backend::Postgres => "postgres",
    }
}
